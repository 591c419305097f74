//! The tree-walking evaluator. Names were resolved to slots beforehand, so a local
//! is an index into one shared value stack and a call pushes no heap frame. One
//! `Interp` runs on one thread; a worker thread gets its own, sharing the frozen
//! globals, so pgs functions really run at the same time.

use super::builtins;
use super::call::{bind_arguments, unpack};
use super::dask;
use super::index::{self, Slice};
use super::ops;
use crate::diag::suggest::did_you_mean;
use crate::diag::{ExcKind, PyError, PyResult};
use crate::output::repr::repr;
use crate::sched::Workers;
use crate::source::Span;
use crate::syntax::ast::*;
use crate::value::lazy::Node;
use crate::value::{Args, Function, Host, Value};
use parking_lot::Mutex;
use smallvec::SmallVec;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Deepest pgs call nesting, as Python's default `sys.getrecursionlimit()`.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// What a statement tells the enclosing block to do next. The value of a `return`
/// waits in `Interp::returned`, which keeps `PyResult<Flow>` two words wide.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Normal,
    Break,
    Continue,
    Return,
}

/// The running function's view of its variables.
struct Frame<'a> {
    base: usize,
    captures: &'a [Arc<Mutex<Value>>],
    scope: &'a ScopeInfo,
}

/// State shared by every interpreter of a session, on any thread.
#[derive(Clone)]
pub struct Shared {
    /// Global values by slot; copy-on-write, so a snapshot handed to worker threads
    /// is never disturbed by later module-level assignments.
    pub globals: Arc<Vec<Value>>,
    pub global_names: Arc<Vec<Name>>,
    pub cancel: Arc<AtomicBool>,
    pub argv: Arc<Vec<String>>,
    /// Where `compute()` runs tasks.
    pub workers: Arc<Workers>,
}

pub struct Interp {
    pub shared: Shared,
    stack: Vec<Value>,
    depth: usize,
    pub recursion_limit: usize,
    out: Box<dyn Write + Send>,
    /// The value of the `return` being executed.
    returned: Value,
    /// Echo the value of top-level expression statements (the REPL).
    pub echo: bool,
}

impl Interp {
    pub fn new(shared: Shared, out: Box<dyn Write + Send>) -> Interp {
        Interp {
            shared,
            stack: Vec::with_capacity(1024),
            depth: 0,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            out,
            returned: Value::None,
            echo: false,
        }
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// Runs a resolved module's statements at top level.
    pub fn run_module(&mut self, module: &Module) -> PyResult<()> {
        let base = self.stack.len();
        self.enter_frame(base, &module.scope);
        let frame = Frame {
            base,
            captures: &[],
            scope: &module.scope,
        };
        let result = self.run_top_level(&module.body, &frame);
        self.stack.truncate(base);
        self.flush();
        result.map_err(|e| e.leave_frame(&Arc::from("<module>"), module_span(module)))
    }

    fn run_top_level(&mut self, body: &[Stmt], f: &Frame) -> PyResult<()> {
        for stmt in body {
            if let (true, StmtKind::Expr(e)) = (self.echo, &stmt.kind) {
                let v = self.eval(e, f)?;
                if !matches!(v, Value::None) {
                    let text = repr(&v) + "\n";
                    self.write_out(&text)?;
                }
                continue;
            }
            match self.exec(stmt, f)? {
                Flow::Normal => {}
                Flow::Return => return Err(syntax_at("'return' outside function", stmt.span)),
                Flow::Break => return Err(syntax_at("'break' outside loop", stmt.span)),
                Flow::Continue => {
                    return Err(syntax_at("'continue' not properly in loop", stmt.span))
                }
            }
        }
        Ok(())
    }

    /// Sizes a new frame and turns captured slots into shared cells.
    fn enter_frame(&mut self, base: usize, scope: &ScopeInfo) {
        let size = base + scope.nlocals as usize;
        if self.stack.len() != size {
            self.stack.resize(size, Value::Unbound);
        }
        for &slot in &scope.cells {
            let v = std::mem::take(&mut self.stack[base + slot as usize]);
            self.stack[base + slot as usize] = Value::Cell(Arc::new(Mutex::new(v)));
        }
    }

    fn check_cancel(&self) -> PyResult<()> {
        if self.shared.cancel.load(Ordering::Relaxed) {
            return Err(PyError::new(ExcKind::KeyboardInterrupt, ""));
        }
        Ok(())
    }

    // ------------------------------------------------------------ statements

    fn exec_block(&mut self, body: &[Stmt], f: &Frame) -> PyResult<Flow> {
        for stmt in body {
            // An error no expression placed gets at least its statement's line.
            match self.exec(stmt, f).map_err(|e| e.at(stmt.span))? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Hot statements here, the rest out of line (see [`Self::eval`] for why).
    fn exec(&mut self, stmt: &Stmt, f: &Frame) -> PyResult<Flow> {
        match &stmt.kind {
            StmtKind::Return(value) => {
                self.returned = match value {
                    Some(e) => self.eval(e, f)?,
                    None => Value::None,
                };
                Ok(Flow::Return)
            }
            StmtKind::If(branches, orelse) => {
                for (cond, body) in branches {
                    if self.eval_cond(cond, f)? {
                        return self.exec_block(body, f);
                    }
                }
                self.exec_block(orelse, f)
            }
            StmtKind::Assign(targets, value) if targets.len() == 1 => {
                let v = self.eval(value, f)?;
                self.assign(&targets[0], v, f)?;
                Ok(Flow::Normal)
            }
            _ => self.exec_other(stmt, f),
        }
    }

    #[inline(never)]
    fn exec_other(&mut self, stmt: &Stmt, f: &Frame) -> PyResult<Flow> {
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(e, f)?;
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(value, f)?;
                for t in targets {
                    self.assign(t, v.clone(), f)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(target, *op, value, f)?,
            StmtKind::If(branches, orelse) => {
                for (cond, body) in branches {
                    if self.eval_cond(cond, f)? {
                        return self.exec_block(body, f);
                    }
                }
                return self.exec_block(orelse, f);
            }
            StmtKind::While(cond, body, orelse) => return self.exec_while(cond, body, orelse, f),
            StmtKind::For(target, iter, body, orelse) => {
                return self.exec_for(target, iter, body, orelse, f)
            }
            StmtKind::Def(def, target) => {
                let mut func = self.make_function(def, f)?;
                for deco in def.decorators.iter().rev() {
                    let d = self.eval(deco, f)?;
                    func = self
                        .call_value(&d, vec![func], Vec::new())
                        .map_err(|e| e.at(deco.span))?;
                }
                self.assign(target, func, f)?;
            }
            StmtKind::Return(value) => {
                let v = match value {
                    Some(e) => self.eval(e, f)?,
                    None => Value::None,
                };
                self.returned = v;
                return Ok(Flow::Return);
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::Assert(test, message) => {
                if !self.eval_cond(test, f)? {
                    let text = match message {
                        Some(m) => crate::output::repr::str(&self.eval(m, f)?),
                        None => String::new(),
                    };
                    return Err(PyError::at_span(ExcKind::AssertionError, text, test.span));
                }
            }
            StmtKind::Import(items) => {
                for (path, target) in items {
                    let module =
                        super::modules::import(path, self).map_err(|e| e.at(target.span()))?;
                    self.assign(target, module, f)?;
                }
            }
            StmtKind::FromImport(path, items) => {
                let module = super::modules::import(path, self).map_err(|e| e.at(stmt.span))?;
                for (name, target) in items {
                    let v = super::modules::import_name(&module, name)
                        .map_err(|e| e.at(target.span()))?;
                    self.assign(target, v, f)?;
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, f)?;
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_while(
        &mut self,
        cond: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        f: &Frame,
    ) -> PyResult<Flow> {
        while self.eval_cond(cond, f)? {
            self.check_cancel().map_err(|e| e.at(cond.span))?;
            match self.exec_block(body, f)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(orelse, f)
    }

    fn exec_for(
        &mut self,
        target: &Target,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        f: &Frame,
    ) -> PyResult<Flow> {
        let iterable = self.eval(iter, f)?;
        let mut it = iterable.iterate().map_err(|e| e.at(iter.span))?;
        while let Some(item) = it.next_value() {
            self.check_cancel().map_err(|e| e.at(iter.span))?;
            self.assign(target, item, f)?;
            match self.exec_block(body, f)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(orelse, f)
    }

    fn aug_assign(&mut self, target: &Target, op: BinOp, value: &Expr, f: &Frame) -> PyResult<()> {
        let span = target.span().to(value.span);
        match target {
            Target::Name(name, slot, s) => {
                let current = self.load(name, *slot, *s, f)?;
                let rhs = self.eval(value, f)?;
                let result = self.inplace(op, &current, &rhs).map_err(|e| e.at(span))?;
                self.store(*slot, result, f);
            }
            Target::Index(obj, idx, _) => {
                let o = self.eval(obj, f)?;
                let i = self.eval(idx, f)?;
                let current = index::getitem(&o, &i).map_err(|e| e.at(span))?;
                let rhs = self.eval(value, f)?;
                let result = self.inplace(op, &current, &rhs).map_err(|e| e.at(span))?;
                index::setitem(&o, &i, result).map_err(|e| e.at(span))?;
            }
            Target::Attr(..) | Target::Tuple(..) => {
                return Err(syntax_at(
                    "illegal expression for augmented assignment",
                    span,
                ))
            }
        }
        Ok(())
    }

    /// `a op= b`: lists extend in place (so aliases see it), as in Python.
    fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(v) = quick_arith(op, a, b) {
            return Ok(v);
        }
        if let (BinOp::Add, Value::List(l)) = (op, a) {
            let extra = b.to_vec()?;
            l.write().extend(extra);
            return Ok(a.clone());
        }
        ops::binary(op, a, b)
    }

    // ------------------------------------------------------------ variables

    fn load(
        &self,
        name: &Name,
        slot: Slot,
        span: crate::source::Span,
        f: &Frame,
    ) -> PyResult<Value> {
        let v = match slot {
            Slot::Local(i) => match &self.stack[f.base + i as usize] {
                Value::Cell(c) => c.lock().clone(),
                v => v.clone(),
            },
            Slot::Free(i) => f.captures[i as usize].lock().clone(),
            Slot::Global(i) => self
                .shared
                .globals
                .get(i as usize)
                .cloned()
                .unwrap_or(Value::Unbound),
            Slot::Unresolved => Value::Unbound,
        };
        if let Value::Unbound = v {
            return Err(self.unbound_error(name, slot, f).at(span));
        }
        Ok(v)
    }

    #[cold]
    fn unbound_error(&self, name: &Name, slot: Slot, f: &Frame) -> PyError {
        match slot {
            Slot::Local(_) => {
                PyError::new(
                    ExcKind::UnboundLocalError,
                    format!("cannot access local variable '{name}' where it is not associated with a value"),
                )
            }
            Slot::Free(_) => PyError::name_error(format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            )),
            _ => {
                let mut message = format!("name '{name}' is not defined");
                if let Some(s) = self.suggest_name(name, f) {
                    message.push_str(&format!(". Did you mean: '{s}'?"));
                }
                PyError::name_error(message)
            }
        }
    }

    /// The nearest bound name in scope, as CPython's NameError suggestion.
    fn suggest_name(&self, name: &str, f: &Frame) -> Option<String> {
        let locals = f
            .scope
            .local_names
            .iter()
            .enumerate()
            .filter(|(i, _)| !matches!(self.stack.get(f.base + i), Some(Value::Unbound) | None))
            .map(|(_, n)| n.as_ref());
        let globals = self
            .shared
            .global_names
            .iter()
            .enumerate()
            .filter(|(i, _)| !matches!(self.shared.globals.get(*i), Some(Value::Unbound) | None))
            .map(|(_, n)| n.as_ref());
        did_you_mean(name, locals.chain(globals)).map(str::to_string)
    }

    fn store(&mut self, slot: Slot, v: Value, f: &Frame) {
        match slot {
            Slot::Local(i) => {
                let cell = &mut self.stack[f.base + i as usize];
                match cell {
                    Value::Cell(c) => *c.lock() = v,
                    _ => *cell = v,
                }
            }
            Slot::Free(i) => *f.captures[i as usize].lock() = v,
            Slot::Global(i) => {
                let globals = Arc::make_mut(&mut self.shared.globals);
                let i = i as usize;
                if globals.len() <= i {
                    globals.resize(i + 1, Value::Unbound);
                }
                globals[i] = v;
            }
            Slot::Unresolved => {}
        }
    }

    fn assign(&mut self, target: &Target, v: Value, f: &Frame) -> PyResult<()> {
        match target {
            Target::Name(_, slot, _) => self.store(*slot, v, f),
            Target::Tuple(items, span) => {
                let values = match &v {
                    Value::Delayed(node) => dask::unpack(node, items.len(), *span),
                    _ => unpack(&v, items.len()),
                }
                .map_err(|e| e.at(*span))?;
                for (t, item) in items.iter().zip(values) {
                    self.assign(t, item, f)?;
                }
            }
            Target::Index(obj, idx, span) => {
                let o = self.eval(obj, f)?;
                if let ExprKind::Slice(..) = idx.kind {
                    let s = self.eval_slice(idx, f)?;
                    return index::set_slice(&o, s, &v).map_err(|e| e.at(*span));
                }
                let i = self.eval(idx, f)?;
                index::setitem(&o, &i, v).map_err(|e| e.at(*span))?;
            }
            Target::Attr(obj, name, span) => {
                let o = self.eval(obj, f)?;
                return Err(PyError::attribute_error(format!(
                    "'{}' object has no attribute '{name}'",
                    o.type_name()
                ))
                .at(*span));
            }
        }
        Ok(())
    }

    fn delete(&mut self, target: &Target, f: &Frame) -> PyResult<()> {
        match target {
            Target::Name(name, slot, span) => {
                self.load(name, *slot, *span, f)?;
                self.store(*slot, Value::Unbound, f);
            }
            Target::Tuple(items, _) => {
                for t in items {
                    self.delete(t, f)?;
                }
            }
            Target::Index(obj, idx, span) => {
                let o = self.eval(obj, f)?;
                if let ExprKind::Slice(..) = idx.kind {
                    let s = self.eval_slice(idx, f)?;
                    return index::del_slice(&o, s).map_err(|e| e.at(*span));
                }
                let i = self.eval(idx, f)?;
                index::delitem(&o, &i).map_err(|e| e.at(*span))?;
            }
            Target::Attr(_, name, span) => {
                return Err(
                    PyError::attribute_error(format!("cannot delete attribute '{name}'")).at(*span),
                )
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ expressions

    /// The hot expressions are handled here; everything else is out of line in
    /// [`Self::eval_other`] so this function stays small (a big `match` would make
    /// every call pay for a large stack frame).
    fn eval(&mut self, e: &Expr, f: &Frame) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Name(name, Slot::Local(i)) => match &self.stack[f.base + *i as usize] {
                Value::Cell(_) | Value::Unbound => self.load(name, Slot::Local(*i), e.span, f),
                v => Ok(v.clone()),
            },
            ExprKind::Name(name, slot) => self.load(name, *slot, e.span, f),
            ExprKind::Binary(op, a, b) => {
                let x = self.operand(a, f)?;
                let y = self.operand(b, f)?;
                if let Some(v) = quick_arith(*op, &x, &y) {
                    return Ok(v);
                }
                self.binary(*op, &x, &y, e.span)
            }
            ExprKind::Compare(first, rest) => self.eval_compare(first, rest, f),
            ExprKind::Call(func, args) => self.eval_call(func, args, e.span, f),
            _ => self.eval_other(e, f),
        }
    }

    /// `x op y`; on a delayed operand, a task instead.
    fn binary(&mut self, op: BinOp, x: &Value, y: &Value, span: Span) -> PyResult<Value> {
        if matches!(x, Value::Delayed(_)) || matches!(y, Value::Delayed(_)) {
            return Ok(dask::binary(op, x, y, span));
        }
        ops::binary(op, x, y).map_err(|err| err.at(span))
    }

    /// An operand: constants and plain locals are read here without a recursive call,
    /// which is most of the leaves of arithmetic and comparisons.
    #[inline(always)]
    fn operand(&mut self, e: &Expr, f: &Frame) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Float(x) => Ok(Value::Float(*x)),
            ExprKind::Name(_, Slot::Local(i)) => match &self.stack[f.base + *i as usize] {
                Value::Cell(_) | Value::Unbound => self.eval(e, f),
                v => Ok(v.clone()),
            },
            _ => self.eval(e, f),
        }
    }

    #[inline(never)]
    fn eval_other(&mut self, e: &Expr, f: &Frame) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Float(x) => Ok(Value::Float(*x)),
            ExprKind::Str(s) => Ok(Value::Str(s.clone())),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Ellipsis => {
                Err(PyError::type_error("'...' (Ellipsis) has no meaning in pgs yet").at(e.span))
            }
            ExprKind::Name(name, slot) => self.load(name, *slot, e.span, f),
            ExprKind::Binary(op, a, b) => {
                let x = self.eval(a, f)?;
                let y = self.eval(b, f)?;
                self.binary(*op, &x, &y, e.span)
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x, f)?;
                if let Value::Delayed(_) = v {
                    return dask::unary(*op, &v, e.span).ok_or_else(|| {
                        PyError::type_error("Truth of Delayed objects is not supported").at(e.span)
                    });
                }
                ops::unary(*op, &v).map_err(|err| err.at(e.span))
            }
            ExprKind::And(a, b) => {
                let x = self.eval(a, f)?;
                if truth(&x)? {
                    self.eval(b, f)
                } else {
                    Ok(x)
                }
            }
            ExprKind::Or(a, b) => {
                let x = self.eval(a, f)?;
                if truth(&x)? {
                    Ok(x)
                } else {
                    self.eval(b, f)
                }
            }
            ExprKind::Compare(first, rest) => self.eval_compare(first, rest, f),
            ExprKind::Call(func, args) => self.eval_call(func, args, e.span, f),
            ExprKind::IfElse(c, t, other) => {
                if self.eval_cond(c, f)? {
                    self.eval(t, f)
                } else {
                    self.eval(other, f)
                }
            }
            ExprKind::Attr(obj, name) => {
                let o = self.eval(obj, f)?;
                if let Value::Delayed(node) = &o {
                    return Ok(match dask::method(name) {
                        Some(def) => Value::Method(Arc::new((o.clone(), def))),
                        None => dask::get_attr(node, name, e.span),
                    });
                }
                builtins::get_attr(&o, name, self).map_err(|err| err.at(e.span))
            }
            ExprKind::Index(obj, idx) => {
                let o = self.eval(obj, f)?;
                if let ExprKind::Slice(..) = idx.kind {
                    if let Value::Delayed(_) = o {
                        return Err(PyError::type_error("slicing a Delayed value is not supported yet; index it or compute it first").at(e.span));
                    }
                    let s = self.eval_slice(idx, f)?;
                    return index::get_slice(&o, s).map_err(|err| err.at(e.span));
                }
                let i = self.eval(idx, f)?;
                if let Value::Delayed(_) = o {
                    return Ok(dask::index(&o, &i, e.span));
                }
                index::getitem(&o, &i).map_err(|err| err.at(e.span))
            }
            ExprKind::Slice(..) => {
                Err(PyError::type_error("a slice is only allowed inside [ ]").at(e.span))
            }
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items, f)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(items, f)?)),
            ExprKind::Dict(items) => {
                let mut map = crate::value::DictMap::default();
                for (k, v) in items {
                    let key = self.eval(k, f)?;
                    let value = self.eval(v, f)?;
                    map.insert(
                        crate::value::Key::new(key).map_err(|err| err.at(k.span))?,
                        value,
                    );
                }
                Ok(Value::dict(map))
            }
            ExprKind::Comp(comp) => self.eval_comprehension(comp, f),
            ExprKind::FString(parts) => Ok(Value::string(self.eval_fstring(parts, f)?)),
            ExprKind::Lambda(def) => self.make_function(def, f),
            ExprKind::Starred(_) => Err(syntax_at("can't use starred expression here", e.span)),
        }
    }

    fn eval_items(&mut self, items: &[Expr], f: &Frame) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let ExprKind::Starred(inner) = &item.kind {
                let v = self.eval(inner, f)?;
                out.extend(v.to_vec().map_err(|e| e.at(inner.span))?);
            } else {
                out.push(self.eval(item, f)?);
            }
        }
        Ok(out)
    }

    fn eval_slice(&mut self, e: &Expr, f: &Frame) -> PyResult<Slice> {
        let ExprKind::Slice(lo, hi, step) = &e.kind else {
            unreachable!("callers check for a slice");
        };
        let mut bound = |part: &Option<Box<Expr>>| -> PyResult<Option<i64>> {
            match part {
                None => Ok(None),
                Some(x) => {
                    let v = self.eval(x, f)?;
                    index::slice_bound(&v).map_err(|err| err.at(x.span))
                }
            }
        };
        Ok(Slice {
            start: bound(lo)?,
            stop: bound(hi)?,
            step: bound(step)?,
        })
    }

    /// A condition (`if`, `while`, `assert`, `x if c else y`, comprehension `if`):
    /// an int comparison is decided without building a bool value.
    fn eval_cond(&mut self, e: &Expr, f: &Frame) -> PyResult<bool> {
        if let ExprKind::Compare(first, rest) = &e.kind {
            if let [(op, right_expr)] = rest.as_slice() {
                if !matches!(op, CmpOp::In | CmpOp::NotIn) {
                    let left = self.operand(first, f)?;
                    let right = self.operand(right_expr, f)?;
                    if let (Value::Int(a), Value::Int(b)) = (&left, &right) {
                        return Ok(int_compare(*op, *a, *b));
                    }
                    return truth(&self.compare_values(*op, left, right, first, right_expr)?);
                }
            }
        }
        truth(&self.eval(e, f)?)
    }

    /// One comparison of evaluated operands; lazy when either side is delayed.
    fn compare_values(
        &mut self,
        op: CmpOp,
        left: Value,
        right: Value,
        first: &Expr,
        right_expr: &Expr,
    ) -> PyResult<Value> {
        let span = first.span.to(right_expr.span);
        if matches!(left, Value::Delayed(_)) || matches!(right, Value::Delayed(_)) {
            if let Some(v) = dask::compare(op, &left, &right, span) {
                return Ok(v);
            }
        }
        ops::compare_op(op, &left, &right)
            .map(Value::Bool)
            .map_err(|e| e.at(span))
    }

    fn eval_compare(&mut self, first: &Expr, rest: &[(CmpOp, Expr)], f: &Frame) -> PyResult<Value> {
        let mut left = self.operand(first, f)?;
        if let [(op, right_expr)] = rest {
            let right = self.operand(right_expr, f)?;
            if let (Value::Int(a), Value::Int(b), false) =
                (&left, &right, matches!(op, CmpOp::In | CmpOp::NotIn))
            {
                return Ok(Value::Bool(int_compare(*op, *a, *b)));
            }
            return self.compare_values(*op, left, right, first, right_expr);
        }
        for (op, right_expr) in rest {
            let right = self.eval(right_expr, f)?;
            let ok = ops::compare_op(*op, &left, &right)
                .map_err(|e| e.at(first.span.to(right_expr.span)))?;
            if !ok {
                return Ok(Value::Bool(false));
            }
            left = right;
        }
        Ok(Value::Bool(true))
    }

    fn eval_fstring(&mut self, parts: &[FPart], f: &Frame) -> PyResult<String> {
        let mut out = String::new();
        for part in parts {
            match part {
                FPart::Lit(s) => out.push_str(s),
                FPart::Expr {
                    expr,
                    conversion,
                    spec,
                } => {
                    let v = self.eval(expr, f)?;
                    let v = match conversion {
                        Some('r') | Some('a') => Value::string(repr(&v)),
                        Some(_) => Value::string(crate::output::repr::str(&v)),
                        None => v,
                    };
                    let spec = self.eval_fstring(spec, f)?;
                    out.push_str(&builtins::format_value(&v, &spec).map_err(|e| e.at(expr.span))?);
                }
            }
        }
        Ok(out)
    }

    fn eval_comprehension(&mut self, comp: &Comprehension, f: &Frame) -> PyResult<Value> {
        let mut items = Vec::new();
        let mut pairs = crate::value::DictMap::default();
        self.comp_clause(comp, 0, f, &mut items, &mut pairs)?;
        Ok(match comp.kind {
            CompKind::List => Value::list(items),
            CompKind::Gen => Value::iter(crate::value::ValueIter::Seq {
                items: items.into(),
                index: 0,
            }),
            CompKind::Dict => Value::dict(pairs),
        })
    }

    fn comp_clause(
        &mut self,
        comp: &Comprehension,
        i: usize,
        f: &Frame,
        items: &mut Vec<Value>,
        pairs: &mut crate::value::DictMap,
    ) -> PyResult<()> {
        match comp.clauses.get(i) {
            None => {
                let elt = self.eval(&comp.elt, f)?;
                match &comp.value {
                    Some(v) => {
                        let value = self.eval(v, f)?;
                        pairs.insert(
                            crate::value::Key::new(elt).map_err(|e| e.at(comp.elt.span))?,
                            value,
                        );
                    }
                    None => items.push(elt),
                }
            }
            Some(CompClause::If(cond)) => {
                if self.eval_cond(cond, f)? {
                    self.comp_clause(comp, i + 1, f, items, pairs)?;
                }
            }
            Some(CompClause::For(target, iter)) => {
                let iterable = self.eval(iter, f)?;
                let mut it = iterable.iterate().map_err(|e| e.at(iter.span))?;
                while let Some(item) = it.next_value() {
                    self.check_cancel().map_err(|e| e.at(iter.span))?;
                    self.assign(target, item, f)?;
                    self.comp_clause(comp, i + 1, f, items, pairs)?;
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ calls

    fn make_function(&mut self, def: &Arc<FuncDef>, f: &Frame) -> PyResult<Value> {
        let mut defaults = Vec::new();
        let mut kw_defaults = Vec::new();
        for (i, p) in def.params.iter().enumerate() {
            if let Some(d) = &p.default {
                let v = self.eval(d, f)?;
                match p.kind {
                    ParamKind::KeywordOnly => kw_defaults.push((i, v)),
                    _ => defaults.push(v),
                }
            }
        }
        let captures = def
            .scope
            .captures
            .iter()
            .map(|c| match c {
                Capture::Cell(slot) => match &self.stack[f.base + *slot as usize] {
                    Value::Cell(cell) => cell.clone(),
                    other => Arc::new(Mutex::new(other.clone())),
                },
                Capture::Free(i) => f.captures[*i as usize].clone(),
            })
            .collect();
        Ok(Value::Func(Arc::new(Function {
            def: def.clone(),
            defaults,
            kw_defaults,
            captures,
        })))
    }

    fn eval_call(
        &mut self,
        func: &Expr,
        args: &[Arg],
        span: crate::source::Span,
        f: &Frame,
    ) -> PyResult<Value> {
        // `obj.method(...)`: call builtin methods without building a bound method.
        if let ExprKind::Attr(obj, name) = &func.kind {
            let receiver = self.eval(obj, f)?;
            if let Value::Delayed(node) = &receiver {
                if let Some(def) = dask::method(name) {
                    let mut pos: SmallVec<[Value; 4]> = SmallVec::new();
                    pos.push(receiver.clone());
                    let kw = self.eval_args(args, &mut pos, f)?;
                    return (def.call)(self, Args { pos: &pos, kw: &kw }).map_err(|e| e.at(span));
                }
                let callee = dask::get_attr(node, name, func.span);
                return self.call_with_args(&callee, args, span, f);
            }
            if let Some(def) = builtins::method(&receiver, name) {
                let mut pos: SmallVec<[Value; 4]> = SmallVec::new();
                pos.push(receiver);
                let kw = self.eval_args(args, &mut pos, f)?;
                return (def.call)(self, Args { pos: &pos, kw: &kw }).map_err(|e| e.at(span));
            }
            let callee = builtins::get_attr(&receiver, name, self).map_err(|e| e.at(func.span))?;
            return self.call_with_args(&callee, args, span, f);
        }
        let callee = self.eval(func, f)?;
        self.call_with_args(&callee, args, span, f)
    }

    fn call_with_args(
        &mut self,
        callee: &Value,
        args: &[Arg],
        span: crate::source::Span,
        f: &Frame,
    ) -> PyResult<Value> {
        if let Value::Func(fun) = callee {
            if args.iter().all(|a| matches!(a, Arg::Pos(_)))
                && fun.def.scope.positional_only
                && args.len() == fun.def.params.len()
            {
                return self.call_simple(fun, args, span, f);
            }
        }
        let mut pos: SmallVec<[Value; 4]> = SmallVec::new();
        let kw = self.eval_args(args, &mut pos, f)?;
        if let Value::Delayed(node) = callee {
            return Ok(dask::call(node, &pos, &kw, span));
        }
        self.call_value(callee, pos.into_vec(), kw)
            .map_err(|e| e.at(span))
    }

    fn eval_args(
        &mut self,
        args: &[Arg],
        pos: &mut SmallVec<[Value; 4]>,
        f: &Frame,
    ) -> PyResult<Vec<(Name, Value)>> {
        let mut kw = Vec::new();
        for arg in args {
            match arg {
                Arg::Pos(e) => pos.push(self.eval(e, f)?),
                Arg::Star(e) => {
                    let v = self.eval(e, f)?;
                    let items = v.to_vec().map_err(|_| {
                        PyError::type_error(format!(
                            "argument after * must be an iterable, not {}",
                            v.type_name()
                        ))
                        .at(e.span)
                    })?;
                    pos.extend(items);
                }
                Arg::Kw(name, e) => kw.push((name.clone(), self.eval(e, f)?)),
            }
        }
        Ok(kw)
    }

    /// The hot path: positional arguments straight onto the stack, no binding work.
    fn call_simple(
        &mut self,
        fun: &Arc<Function>,
        args: &[Arg],
        span: crate::source::Span,
        f: &Frame,
    ) -> PyResult<Value> {
        let base = self.stack.len();
        for arg in args {
            let Arg::Pos(e) = arg else {
                unreachable!("checked by the caller")
            };
            let v = match self.operand(e, f) {
                Ok(v) => v,
                Err(err) => {
                    self.stack.truncate(base);
                    return Err(err);
                }
            };
            self.stack.push(v);
        }
        self.run_function(fun, base).map_err(|e| e.at(span))
    }

    /// Runs a function whose arguments are already bound in `stack[base..]`.
    fn run_function(&mut self, fun: &Arc<Function>, base: usize) -> PyResult<Value> {
        let def = &fun.def;
        if self.depth >= self.recursion_limit {
            self.stack.truncate(base);
            return Err(PyError::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.check_cancel()?;
        self.enter_frame(base, &def.scope);
        let frame = Frame {
            base,
            captures: &fun.captures,
            scope: &def.scope,
        };
        self.depth += 1;
        let result = self.exec_block(&def.body, &frame);
        self.depth -= 1;
        self.stack.truncate(base);
        match result {
            Ok(Flow::Return) => Ok(std::mem::take(&mut self.returned)),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(e.leave_frame(&def.name, def.span)),
        }
    }

    /// Binds positional and keyword arguments to parameters, Python's way.
    fn call_function(
        &mut self,
        fun: &Arc<Function>,
        pos: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<Value> {
        let base = self.stack.len();
        let bound = bind_arguments(fun, pos, kw)?;
        self.stack.extend(bound);
        self.run_function(fun, base)
    }

    /// Calls any callable with evaluated arguments.
    pub fn call_value(
        &mut self,
        callee: &Value,
        pos: Vec<Value>,
        kw: Vec<(Name, Value)>,
    ) -> PyResult<Value> {
        match callee {
            Value::Func(fun) => self.call_function(fun, pos, kw),
            Value::Builtin(def) => (def.call)(self, Args { pos: &pos, kw: &kw }),
            Value::Method(m) => {
                let mut all = Vec::with_capacity(pos.len() + 1);
                all.push(m.0.clone());
                all.extend(pos);
                (m.1.call)(self, Args { pos: &all, kw: &kw })
            }
            Value::Type(t) => builtins::construct(*t, self, Args { pos: &pos, kw: &kw }),
            Value::Delayed(node) => Ok(dask::call(node, &pos, &kw, Span::default())),
            other => Err(PyError::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }
}

/// Truth for conditions: a delayed value has none until computed, as in Dask.
fn truth(v: &Value) -> PyResult<bool> {
    if let Value::Delayed(_) = v {
        return Err(PyError::type_error(
            "Truth of Delayed objects is not supported",
        ));
    }
    Ok(v.truthy())
}

fn module_span(module: &Module) -> crate::source::Span {
    module.body.first().map(|s| s.span).unwrap_or_default()
}

#[cold]
fn syntax_at(message: &str, span: crate::source::Span) -> PyError {
    PyError::at_span(ExcKind::SyntaxError, message, span)
}

/// `+ - *` (and `/` for floats) on plain numbers, the cases hot loops are made of;
/// `None` sends everything else (overflow, zero division, other types) to
/// `ops::binary` for Python's full rules and messages.
#[inline(always)]
fn quick_arith(op: BinOp, x: &Value, y: &Value) -> Option<Value> {
    match (x, y) {
        (Value::Int(i), Value::Int(j)) => match op {
            BinOp::Add => i.checked_add(*j),
            BinOp::Sub => i.checked_sub(*j),
            BinOp::Mul => i.checked_mul(*j),
            _ => None,
        }
        .map(Value::Int),
        (Value::Float(a), Value::Float(b)) => float_arith(op, *a, *b),
        (Value::Float(a), Value::Int(j)) => float_arith(op, *a, *j as f64),
        (Value::Int(i), Value::Float(b)) => float_arith(op, *i as f64, *b),
        _ => None,
    }
}

#[inline(always)]
fn float_arith(op: BinOp, a: f64, b: f64) -> Option<Value> {
    match op {
        BinOp::Add => Some(Value::Float(a + b)),
        BinOp::Sub => Some(Value::Float(a - b)),
        BinOp::Mul => Some(Value::Float(a * b)),
        BinOp::Div if b != 0.0 => Some(Value::Float(a / b)),
        _ => None,
    }
}

fn int_compare(op: CmpOp, a: i64, b: i64) -> bool {
    match op {
        CmpOp::Lt => a < b,
        CmpOp::Gt => a > b,
        CmpOp::Le => a <= b,
        CmpOp::Ge => a >= b,
        CmpOp::Eq | CmpOp::Is => a == b,
        CmpOp::Ne | CmpOp::IsNot => a != b,
        CmpOp::In | CmpOp::NotIn => false,
    }
}

impl Host for Interp {
    fn call(&mut self, f: &Value, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Value> {
        self.call_value(f, args, kwargs)
    }

    fn write_out(&mut self, text: &str) -> PyResult<()> {
        match self.out.write_all(text.as_bytes()) {
            Ok(()) => Ok(()),
            // A closed pipe (`pgs x.pgs | head`): stop the program; the CLI exits
            // quietly with success, as well-behaved command-line tools do.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(PyError::new(
                ExcKind::BrokenPipeError,
                "[Errno 32] Broken pipe",
            )),
            Err(e) => Err(PyError::new(ExcKind::OSError, e.to_string())),
        }
    }

    fn flush_out(&mut self) -> PyResult<()> {
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(PyError::new(
                ExcKind::BrokenPipeError,
                "[Errno 32] Broken pipe",
            )),
            _ => Ok(()),
        }
    }

    fn check_interrupt(&self) -> PyResult<()> {
        self.check_cancel()
    }

    fn compute(&mut self, roots: &[Arc<Node>]) -> PyResult<Vec<Value>> {
        super::compute::compute(self, roots)
    }

    fn configure(&mut self, workers: Option<usize>, sync: Option<bool>) {
        let current = &self.shared.workers;
        let threads = workers.unwrap_or(current.threads());
        let sync = sync.unwrap_or(current.sync);
        self.shared.workers = Arc::new(Workers::new(threads, sync));
    }

    fn argv(&self) -> Vec<Value> {
        self.shared.argv.iter().map(|a| Value::str(a)).collect()
    }
}
