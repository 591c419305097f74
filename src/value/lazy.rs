//! Lazy values: a `Delayed` is an `Arc` handle to a node of the task graph. The node
//! types live here (data only) so `Value` can hold them; building nodes is
//! `graph::delayed`'s job and running them is `sched`'s.

use super::{Key, Value};
use crate::source::Span;
use crate::syntax::ast::Name;
use std::sync::Arc;

/// One node of the lazy graph: what to compute, from which other nodes, and the
/// source span that created it (so a failing task points at the user's line).
pub struct Node {
    /// The key's prefix, as Dask names it (`is_palindrome`, `add`, `getattr`, …).
    pub name: Arc<str>,
    /// The key's token: structural for pure nodes (equal expressions share it),
    /// fresh for every impure call. Never depends on addresses or timing.
    pub token: u64,
    pub op: Op,
    /// The nodes this one reads; `Template::Dep(i)` refers to `deps[i]`.
    pub deps: Vec<Arc<Node>>,
    pub origin: Span,
    /// How many values a call returns (`delayed(f, nout=2)`), for unpacking.
    pub nout: Option<usize>,
}

pub enum Op {
    /// A value known when the graph was built (`delayed(obj)`, a persisted result).
    Literal(Value),
    /// `delayed(f)`: the function itself; calling the handle makes a `Call`.
    Function { func: Value, pure: bool },
    /// A list, tuple or dict whose items come from other nodes (`delayed([a, b])`).
    Collection(Template),
    /// `f(args…)` where any part may come from other nodes.
    Call {
        func: Template,
        args: Vec<Template>,
        kwargs: Vec<(Name, Template)>,
    },
}

/// An argument with the results of other nodes still to be filled in. Containers
/// are rebuilt around the results, as Dask does for lists, tuples and dicts.
pub enum Template {
    Const(Value),
    Dep(u32),
    List(Vec<Template>),
    Tuple(Vec<Template>),
    Dict(Vec<(Key, Template)>),
}

impl Node {
    /// Dask's key text: `name-token`.
    pub fn key(&self) -> String {
        format!("{}-{:016x}", self.name, self.token)
    }
}

impl Drop for Node {
    /// Releases long chains iteratively: the default recursive drop would overflow
    /// the stack on a graph a million nodes deep.
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.deps);
        while let Some(dep) = pending.pop() {
            if let Ok(mut node) = Arc::try_unwrap(dep) {
                pending.append(&mut node.deps);
            }
        }
    }
}
