//! User functions and closures: the resolved code plus the values a `def` or `lambda`
//! fixed when it ran (defaults, captured cells).

use super::Value;
use crate::syntax::ast::FuncDef;
use parking_lot::Mutex;
use std::sync::Arc;

pub struct Function {
    pub def: Arc<FuncDef>,
    /// Defaults of the positional parameters that have one, in order.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters, by parameter index.
    pub kw_defaults: Vec<(usize, Value)>,
    /// The enclosing functions' variables this one reads (`ScopeInfo::captures`).
    pub captures: Vec<Arc<Mutex<Value>>>,
}

impl Function {
    /// A call with `n` positional arguments binds them to the parameters in order,
    /// with nothing else to do (no defaults, `*args` or keywords involved).
    pub fn binds_by_position(&self, n: usize) -> bool {
        self.def.scope.positional_only && self.def.params.len() == n
    }
}
