//! Building `Delayed` nodes: `delayed(f)`, calls of delayed functions, operators and
//! attribute access on delayed values. Arguments are scanned for delayed values
//! inside lists, tuples and dicts (they become dependencies); everything else is
//! frozen (deep-copied) so later mutation never changes a pending task.

use crate::source::Span;
use crate::syntax::ast::Name;
use crate::value::lazy::{Node, Op, Template};
use crate::value::{Key, Value};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Tokens of impure calls: a counter, so keys are unique, deterministic for a given
/// program, and never derived from addresses (architecture decision 9).
static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

fn fresh_token() -> u64 {
    // Spread the counter so consecutive keys do not look alike in reprs.
    NEXT_TOKEN
        .fetch_add(1, Ordering::Relaxed)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The name Dask gives a function's key: its `__name__`.
pub fn func_name(f: &Value) -> Arc<str> {
    match f {
        Value::Func(func) => func.def.name.clone(),
        Value::Builtin(b) => Arc::from(b.name),
        Value::Method(m) => Arc::from(m.1.name),
        Value::Type(t) => Arc::from(t.name()),
        Value::Delayed(n) => n.name.clone(),
        other => Arc::from(other.type_name()),
    }
}

/// `delayed(obj)`: a function becomes a delayed function; a delayed value stays as it
/// is; any other value becomes a literal node (its delayed parts dependencies).
pub fn wrap(
    obj: Value,
    name: Option<Arc<str>>,
    pure: bool,
    nout: Option<usize>,
    origin: Span,
) -> Value {
    if let Value::Delayed(_) = obj {
        return obj;
    }
    if obj.is_callable() {
        let name = name.unwrap_or_else(|| func_name(&obj));
        // Only pure calls build their key from the function's; an ordinary
        // `delayed(f)` (made afresh for every call in the usual idiom) skips hashing.
        let mut h = Token::new(pure);
        h.add(|h| hash_value(&obj, h));
        let node = Node {
            name,
            token: h.finish().unwrap_or_else(fresh_token),
            op: Op::Function { func: obj, pure },
            deps: Vec::new(),
            origin,
            nout,
        };
        return Value::Delayed(Arc::new(node));
    }
    let mut deps = Vec::new();
    let mut h = Token::new(true);
    let template = template(&obj, &mut deps, &mut h);
    let op = match template {
        Template::Const(v) => Op::Literal(v),
        t => Op::Collection(t),
    };
    let name: Arc<str> = name.unwrap_or_else(|| Arc::from(obj.type_name()));
    Value::Delayed(Arc::new(Node {
        name,
        token: h.finish().unwrap_or_else(fresh_token),
        op,
        deps,
        origin,
        nout: None,
    }))
}

/// Calls a delayed value: a task of the wrapped function (or of the function a
/// delayed value will produce) on the given arguments.
pub fn call(callee: &Arc<Node>, pos: &[Value], kw: &[(Name, Value)], origin: Span) -> Value {
    let mut deps = Vec::new();
    let pure = matches!(callee.op, Op::Function { pure: true, .. });
    let mut h = Token::new(pure);
    h.add(|h| {
        callee.name.hash(h);
        callee.token.hash(h);
    });
    let func = match &callee.op {
        Op::Function { func, .. } => Template::Const(func.clone()),
        _ => template(&Value::Delayed(callee.clone()), &mut deps, &mut h),
    };
    let args: Vec<Template> = pos.iter().map(|v| template(v, &mut deps, &mut h)).collect();
    let kwargs = kw
        .iter()
        .map(|(k, v)| {
            h.add(|h| k.hash(h));
            (k.clone(), template(v, &mut deps, &mut h))
        })
        .collect();
    let token = h.finish().unwrap_or_else(fresh_token);
    Value::Delayed(Arc::new(Node {
        name: callee.name.clone(),
        token,
        op: Op::Call { func, args, kwargs },
        deps,
        origin,
        nout: if matches!(callee.op, Op::Function { .. }) {
            callee.nout
        } else {
            None
        },
    }))
}

/// A pure task applying a builtin to arguments (operators, `getattr`, `getitem`):
/// the same expression written twice is one task, as with Dask's tokenize.
pub fn apply(name: &str, func: Value, args: &[Value], origin: Span) -> Value {
    let mut deps = Vec::new();
    let mut h = Token::new(true);
    h.add(|h| name.hash(h));
    let args: Vec<Template> = args
        .iter()
        .map(|v| template(v, &mut deps, &mut h))
        .collect();
    Value::Delayed(Arc::new(Node {
        name: Arc::from(name),
        token: h.finish().unwrap_or_else(fresh_token),
        op: Op::Call {
            func: Template::Const(func),
            args,
            kwargs: Vec::new(),
        },
        deps,
        origin,
        nout: None,
    }))
}

/// A key token being computed: structural (hashed) for pure nodes; for impure ones
/// hashing is skipped altogether, since a fresh counter value is used instead.
struct Token(Option<DefaultHasher>);

impl Token {
    fn new(structural: bool) -> Token {
        Token(structural.then(DefaultHasher::new))
    }

    fn add(&mut self, f: impl FnOnce(&mut DefaultHasher)) {
        if let Some(h) = &mut self.0 {
            f(h);
        }
    }

    fn finish(&self) -> Option<u64> {
        self.0.as_ref().map(Hasher::finish)
    }
}

/// Whether a value is or contains (in lists, tuples, dicts) a delayed value.
pub fn contains_delayed(v: &Value) -> bool {
    match v {
        Value::Delayed(_) => true,
        Value::List(l) => l.read().iter().any(contains_delayed),
        Value::Tuple(t) => t.iter().any(contains_delayed),
        Value::Dict(d) => d
            .read()
            .iter()
            .any(|(k, v)| contains_delayed(&k.0) || contains_delayed(v)),
        _ => false,
    }
}

/// Turns an argument into a template, recording dependencies and hashing its
/// structure into `h` (for pure keys).
fn template(v: &Value, deps: &mut Vec<Arc<Node>>, h: &mut Token) -> Template {
    match v {
        Value::Delayed(node) => {
            h.add(|h| node.token.hash(h));
            deps.push(node.clone());
            Template::Dep((deps.len() - 1) as u32)
        }
        Value::List(l) if contains_delayed(v) => {
            h.add(|h| 1u8.hash(h));
            let items = l.read().clone();
            Template::List(items.iter().map(|x| template(x, deps, h)).collect())
        }
        Value::Tuple(t) if contains_delayed(v) => {
            h.add(|h| 2u8.hash(h));
            Template::Tuple(t.iter().map(|x| template(x, deps, h)).collect())
        }
        Value::Dict(d) if contains_delayed(v) => {
            h.add(|h| 3u8.hash(h));
            let items: Vec<(Key, Value)> = d
                .read()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            Template::Dict(
                items
                    .into_iter()
                    .map(|(k, x)| {
                        h.add(|h| hash_value(&k.0, h));
                        (k, template(&x, deps, h))
                    })
                    .collect(),
            )
        }
        other => {
            h.add(|h| hash_value(other, h));
            Template::Const(freeze(other))
        }
    }
}

/// A deep copy of the mutable containers in `v`, so a task keeps the value it was
/// given even if the program changes the original later.
pub fn freeze(v: &Value) -> Value {
    match v {
        Value::List(l) => Value::list(l.read().iter().map(freeze).collect()),
        Value::Dict(d) => Value::dict(
            d.read()
                .iter()
                .map(|(k, v)| (k.clone(), freeze(v)))
                .collect(),
        ),
        Value::Set(s) => Value::set(s.read().clone()),
        Value::Tuple(t)
            if t.iter()
                .any(|x| matches!(x, Value::List(_) | Value::Dict(_) | Value::Tuple(_))) =>
        {
            Value::tuple(t.iter().map(freeze).collect())
        }
        other => other.clone(),
    }
}

/// A structural, deterministic hash of a constant (Dask's tokenize): equal values
/// hash equally in every run; functions hash by name and definition site.
pub fn hash_value(v: &Value, h: &mut DefaultHasher) {
    std::mem::discriminant(v).hash(h);
    match v {
        Value::Int(i) => i.hash(h),
        Value::Bool(b) => b.get().hash(h),
        Value::Float(x) => x.to_bits().hash(h),
        Value::Str(s) => s.hash(h),
        Value::List(l) => l.read().iter().for_each(|x| hash_value(x, h)),
        Value::Tuple(t) => t.iter().for_each(|x| hash_value(x, h)),
        Value::Dict(d) => d.read().iter().for_each(|(k, v)| {
            hash_value(&k.0, h);
            hash_value(v, h);
        }),
        Value::Set(s) => s.read().iter().for_each(|k| hash_value(&k.0, h)),
        Value::Func(f) => {
            f.def.name.hash(h);
            f.def.span.hash(h);
        }
        Value::Builtin(b) => {
            b.owner.hash(h);
            b.name.hash(h);
        }
        Value::Method(m) => {
            hash_value(&m.0, h);
            m.1.name.hash(h);
        }
        Value::Type(t) => t.hash(h),
        Value::Range(r) => (r.start, r.stop, r.step).hash(h),
        Value::Delayed(n) => n.token.hash(h),
        Value::Module(m) => m.name.hash(h),
        _ => v.type_name().hash(h),
    }
}
