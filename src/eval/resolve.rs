//! Name resolution, run once before any code executes: every name becomes a frame
//! slot, a captured variable of a closure, or a global slot, following Python's rule
//! that a name assigned anywhere in a function is local to all of it. Comprehension
//! variables get slots of their own so they never leak, as in Python 3.

use crate::diag::{ExcKind, PyError};
use crate::syntax::ast::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Module-level names and their slots. Append-only for a session, so a function
/// resolved in one REPL input still finds its globals in later ones.
#[derive(Clone, Default)]
pub struct GlobalNames {
    pub names: Vec<Name>,
    index: HashMap<Name, u32>,
}

impl GlobalNames {
    pub fn slot(&mut self, name: &Name) -> u32 {
        if let Some(&slot) = self.index.get(name) {
            return slot;
        }
        let slot = self.names.len() as u32;
        self.names.push(name.clone());
        self.index.insert(name.clone(), slot);
        slot
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }
}

/// One function body being resolved (or the module's own frame, which holds only
/// comprehension variables).
#[derive(Default)]
struct FuncScope {
    is_module: bool,
    locals: HashMap<Name, u32>,
    /// Comprehension scopes, innermost last.
    blocks: Vec<HashMap<Name, u32>>,
    info: ScopeInfo,
    free: HashMap<Name, u32>,
}

impl FuncScope {
    fn new_slot(&mut self, name: &Name) -> u32 {
        let slot = self.info.nlocals;
        self.info.nlocals += 1;
        self.info.local_names.push(name.clone());
        slot
    }

    /// The frame slot of `name` in this scope, if it is a variable of this frame.
    fn own_slot(&self, name: &str) -> Option<u32> {
        for block in self.blocks.iter().rev() {
            if let Some(&s) = block.get(name) {
                return Some(s);
            }
        }
        if self.is_module {
            None
        } else {
            self.locals.get(name).copied()
        }
    }

    fn mark_cell(&mut self, slot: u32) {
        if !self.info.cells.contains(&slot) {
            self.info.cells.push(slot);
        }
    }
}

pub struct Resolver<'g> {
    globals: &'g mut GlobalNames,
    scopes: Vec<FuncScope>,
    /// Expression nesting depth, bounded so no later recursive pass can overflow.
    depth: usize,
    error: Option<PyError>,
}

/// Deepest expression nesting accepted: ten times the bracket nesting limit (2000
/// by default; CPython's compiler stops near there too).
pub fn max_expr_depth() -> usize {
    crate::limits::nesting() * 10
}

/// Resolves a parsed module in place.
///
/// # Errors
/// A SyntaxError for expressions nested deeper than [`max_expr_depth`].
pub fn resolve_module(module: &mut Module, globals: &mut GlobalNames) -> Result<(), PyError> {
    let mut r = Resolver {
        globals,
        scopes: vec![FuncScope {
            is_module: true,
            ..FuncScope::default()
        }],
        depth: 0,
        error: None,
    };
    r.block(&mut module.body);
    module.scope = r.scopes.pop().expect("module scope").info;
    r.error.map_or(Ok(()), Err)
}

impl Resolver<'_> {
    fn scope(&mut self) -> &mut FuncScope {
        self.scopes.last_mut().expect("at least the module scope")
    }

    fn lookup(&mut self, name: &Name) -> Slot {
        let depth = self.scopes.len() - 1;
        if let Some(slot) = self.scopes[depth].own_slot(name) {
            return Slot::Local(slot);
        }
        match self.capture(depth, name) {
            Some(index) => Slot::Free(index),
            None => Slot::Global(self.globals.slot(name)),
        }
    }

    /// Finds `name` in a scope enclosing `depth` and threads it through each closure
    /// in between; returns its capture index in scope `depth`.
    fn capture(&mut self, depth: usize, name: &Name) -> Option<u32> {
        if let Some(&index) = self.scopes[depth].free.get(name) {
            return Some(index);
        }
        if depth == 0 {
            return None;
        }
        let outer = depth - 1;
        let source = if let Some(slot) = self.scopes[outer].own_slot(name) {
            self.scopes[outer].mark_cell(slot);
            Capture::Cell(slot)
        } else {
            Capture::Free(self.capture(outer, name)?)
        };
        let scope = &mut self.scopes[depth];
        let index = scope.info.captures.len() as u32;
        scope.info.captures.push(source);
        scope.free.insert(name.clone(), index);
        Some(index)
    }

    fn bind(&mut self, name: &Name) -> Slot {
        let scope = self.scope();
        if let Some(slot) = scope.own_slot(name) {
            return Slot::Local(slot);
        }
        Slot::Global(self.globals.slot(name))
    }

    fn block(&mut self, body: &mut [Stmt]) {
        for stmt in body {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &mut Stmt) {
        match &mut stmt.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign(targets, value) => {
                self.expr(value);
                targets.iter_mut().for_each(|t| self.target(t));
            }
            StmtKind::AugAssign(target, _, value) => {
                self.expr(value);
                self.target(target);
            }
            StmtKind::If(branches, orelse) => {
                for (cond, body) in branches {
                    self.expr(cond);
                    self.block(body);
                }
                self.block(orelse);
            }
            StmtKind::While(cond, body, orelse) => {
                self.expr(cond);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::For(target, iter, body, orelse) => {
                self.expr(iter);
                self.target(target);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::Def(def, target) => {
                self.function(def);
                self.target(target);
            }
            StmtKind::Return(value) => {
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::Assert(test, message) => {
                self.expr(test);
                if let Some(m) = message {
                    self.expr(m);
                }
            }
            StmtKind::Import(items) => items.iter_mut().for_each(|(_, t)| self.target(t)),
            StmtKind::FromImport(_, items) => items.iter_mut().for_each(|(_, t)| self.target(t)),
            StmtKind::Del(targets) => targets.iter_mut().for_each(|t| self.target(t)),
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        }
    }

    fn target(&mut self, target: &mut Target) {
        match target {
            Target::Name(name, slot, _) => *slot = self.bind(name),
            Target::Tuple(items, _) => items.iter_mut().for_each(|t| self.target(t)),
            Target::Index(obj, index, _) => {
                self.expr(obj);
                self.expr(index);
            }
            Target::Attr(obj, _, _) => self.expr(obj),
        }
    }

    fn function(&mut self, def: &mut Arc<FuncDef>) {
        let def = Arc::get_mut(def).expect("resolution runs before the tree is shared");
        for d in &mut def.decorators {
            self.expr(d);
        }
        for p in &mut def.params {
            if let Some(d) = &mut p.default {
                self.expr(d);
            }
        }
        let mut scope = FuncScope::default();
        scope.info.positional_only = def.params.iter().all(|p| p.kind == ParamKind::Positional);
        for p in &def.params {
            let slot = scope.new_slot(&p.name);
            scope.locals.insert(p.name.clone(), slot);
        }
        let mut assigned = Vec::new();
        collect_assigned(&def.body, &mut assigned);
        for name in assigned {
            if !scope.locals.contains_key(&name) {
                let slot = scope.new_slot(&name);
                scope.locals.insert(name, slot);
            }
        }
        self.scopes.push(scope);
        self.block(&mut def.body);
        def.scope = self.scopes.pop().expect("pushed above").info;
    }

    fn expr(&mut self, e: &mut Expr) {
        if self.depth >= max_expr_depth() {
            if self.error.is_none() {
                self.error = Some(PyError::at_span(
                    ExcKind::RecursionError,
                    "maximum recursion depth exceeded during compilation (expression nested too deeply)",
                    e.span,
                ));
            }
            return;
        }
        self.depth += 1;
        self.expr_inner(e);
        self.depth -= 1;
    }

    fn expr_inner(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Name(name, slot) => *slot = self.lookup(name),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::None
            | ExprKind::Ellipsis => {}
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                items.iter_mut().for_each(|i| self.expr(i))
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    self.expr(k);
                    self.expr(v);
                }
            }
            ExprKind::Comp(comp) => self.comprehension(comp),
            ExprKind::Unary(_, x) | ExprKind::Starred(x) | ExprKind::Attr(x, _) => self.expr(x),
            ExprKind::Binary(_, a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first);
                rest.iter_mut().for_each(|(_, x)| self.expr(x));
            }
            ExprKind::IfElse(c, t, f) => {
                self.expr(c);
                self.expr(t);
                self.expr(f);
            }
            ExprKind::Lambda(def) => self.function(def),
            ExprKind::Call(func, args) => {
                self.expr(func);
                for arg in args {
                    match arg {
                        Arg::Pos(x) | Arg::Star(x) | Arg::Kw(_, x) => self.expr(x),
                    }
                }
            }
            ExprKind::Slice(lo, hi, step) => {
                for part in [lo, hi, step].into_iter().flatten() {
                    self.expr(part);
                }
            }
        }
    }

    fn fparts(&mut self, parts: &mut [FPart]) {
        for part in parts {
            if let FPart::Expr { expr, spec, .. } = part {
                self.expr(expr);
                self.fparts(spec);
            }
        }
    }

    /// The first iterable is evaluated in the enclosing scope (as in Python); the
    /// targets, conditions and element see the comprehension's own variables.
    fn comprehension(&mut self, comp: &mut Comprehension) {
        let mut first = true;
        self.scope().blocks.push(HashMap::new());
        for clause in &mut comp.clauses {
            match clause {
                CompClause::For(target, iter) => {
                    if first {
                        let block = self.scope().blocks.pop().expect("pushed above");
                        self.expr(iter);
                        self.scope().blocks.push(block);
                        first = false;
                    } else {
                        self.expr(iter);
                    }
                    self.comp_target(target);
                }
                CompClause::If(cond) => self.expr(cond),
            }
        }
        self.expr(&mut comp.elt);
        if let Some(v) = &mut comp.value {
            self.expr(v);
        }
        self.scope().blocks.pop();
    }

    fn comp_target(&mut self, target: &mut Target) {
        match target {
            Target::Name(name, slot, _) => {
                let scope = self.scope();
                let s = scope.new_slot(name);
                scope
                    .blocks
                    .last_mut()
                    .expect("inside a comprehension")
                    .insert(name.clone(), s);
                *slot = Slot::Local(s);
            }
            Target::Tuple(items, _) => items.iter_mut().for_each(|t| self.comp_target(t)),
            other => self.target(other),
        }
    }
}

/// Names a function body assigns (its locals), not looking inside nested functions
/// or comprehensions, which have scopes of their own.
fn collect_assigned(body: &[Stmt], out: &mut Vec<Name>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Assign(targets, _) => targets.iter().for_each(|t| target_names(t, out)),
            StmtKind::AugAssign(t, _, _) => target_names(t, out),
            StmtKind::For(t, _, body, orelse) => {
                target_names(t, out);
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            StmtKind::If(branches, orelse) => {
                branches.iter().for_each(|(_, b)| collect_assigned(b, out));
                collect_assigned(orelse, out);
            }
            StmtKind::While(_, body, orelse) => {
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            StmtKind::Def(_, t) => target_names(t, out),
            StmtKind::Import(items) => items.iter().for_each(|(_, t)| target_names(t, out)),
            StmtKind::FromImport(_, items) => items.iter().for_each(|(_, t)| target_names(t, out)),
            StmtKind::Del(targets) => targets.iter().for_each(|t| target_names(t, out)),
            _ => {}
        }
    }
}

fn target_names(target: &Target, out: &mut Vec<Name>) {
    match target {
        Target::Name(name, _, _) => out.push(name.clone()),
        Target::Tuple(items, _) => items.iter().for_each(|t| target_names(t, out)),
        Target::Index(..) | Target::Attr(..) => {}
    }
}
