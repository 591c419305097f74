//! The tree-walking evaluator. Names were resolved to slots beforehand, so a local
//! is an index into one shared value stack and a call pushes no heap frame. One
//! `Interp` runs on one thread; a worker thread gets its own, sharing the frozen
//! globals, so pgs functions really run at the same time.

mod calls;
pub mod code;
mod expr;
mod stmt;
mod vm;

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
    /// The session's source texts, to name the line of an operation in graph views
    /// and profiles.
    pub sources: crate::source::SourceMap,
    /// Progress display and profile recording for top-level computations.
    pub watch: Arc<crate::sched::monitor::Watch>,
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
            recursion_limit: crate::limits::recursion(),
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
        self.at_top_level(module, |interp, frame| {
            interp.run_top_level(&module.body, frame)
        })
    }

    /// Runs `body` in the module's frame, with `<module>` as the traceback's
    /// outermost frame.
    fn at_top_level<T>(
        &mut self,
        module: &Module,
        body: impl FnOnce(&mut Interp, &Frame) -> PyResult<T>,
    ) -> PyResult<T> {
        let base = self.stack.len();
        self.enter_frame(base, 0, &module.scope, module.scope.nlocals);
        let frame = Frame {
            base,
            captures: &[],
            scope: &module.scope,
        };
        let result = body(self, &frame);
        self.stack.truncate(base);
        self.flush();
        result.map_err(|e| e.leave_frame(&Arc::from("<module>"), module_span(module)))
    }

    /// Evaluates a module made of one expression statement and returns its value
    /// (the REPL's `:graph EXPR`).
    pub fn eval_module_expr(&mut self, module: &Module) -> PyResult<Value> {
        let [Stmt {
            kind: StmtKind::Expr(expr),
            ..
        }] = module.body.as_slice()
        else {
            return Err(syntax_at(
                "expected one expression (the lazy value to draw)",
                module_span(module),
            ));
        };
        self.at_top_level(module, |interp, frame| interp.eval(expr, frame))
    }

    fn run_top_level(&mut self, body: &[Stmt], f: &Frame) -> PyResult<()> {
        for stmt in body {
            if let (true, StmtKind::Expr(e)) = (self.echo, &stmt.kind) {
                let v = self.eval(e, f)?;
                if !matches!(v, Value::None) {
                    // Tabular values echo as a table (docs/language.md, "Tables and describe").
                    let shown = crate::output::table::echo_text(&v);
                    let text = shown.unwrap_or_else(|| repr(&v)) + "\n";
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

    /// Makes a frame of `size` registers at `base` whose first `nargs` hold the
    /// arguments: the other locals start unbound and captured ones become shared
    /// cells. Temporaries keep what they hold: each is written before it is read, and
    /// a frame that overlaps its caller's finished temporaries (a VM call's arguments
    /// become the callee's first registers) costs no copy.
    #[inline]
    fn enter_frame(&mut self, base: usize, nargs: usize, scope: &ScopeInfo, size: u32) {
        let top = base + size as usize;
        if self.stack.len() < top {
            self.grow_stack(top);
        }
        for slot in &mut self.stack[base + nargs..base + scope.nlocals as usize] {
            discard(std::mem::replace(slot, Value::Unbound));
        }
        for &slot in &scope.cells {
            let v = std::mem::take(&mut self.stack[base + slot as usize]);
            self.stack[base + slot as usize] = Value::Cell(Arc::new(Mutex::new(v)));
        }
    }

    #[cold]
    fn grow_stack(&mut self, len: usize) {
        self.stack.resize_with(len, || Value::Unbound);
    }

    /// Drops what the `size` registers of a frame at `base` own, for a frame that
    /// sits inside its caller's (see `enter_frame`); the stack keeps its length.
    fn clear_frame(&mut self, base: usize, size: u32) {
        for slot in &mut self.stack[base..base + size as usize] {
            release_reg(slot);
        }
    }

    /// Drops the frame from `base` up; numbers and `None` need no destructor call,
    /// which is most of what a frame holds.
    fn drop_frame(&mut self, base: usize) {
        while self.stack.len() > base {
            if let Some(v) = self.stack.pop() {
                discard(v);
            }
        }
    }

    fn check_cancel(&self) -> PyResult<()> {
        if self.shared.cancel.load(Ordering::Relaxed) {
            return Err(PyError::new(ExcKind::KeyboardInterrupt, ""));
        }
        Ok(())
    }
}

/// Whether a value owns nothing: no destructor to run, nothing shared.
#[inline(always)]
fn owns_nothing(v: &Value) -> bool {
    matches!(
        v,
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Unbound
    )
}

/// Drops a value, calling its destructor only if it owns something: the hot loops
/// overwrite and drop numbers all the time.
#[inline(always)]
fn discard(v: Value) {
    if owns_nothing(&v) {
        std::mem::forget(v)
    } else {
        drop(v)
    }
}

/// Drops what a register owns; a number is left as it is (it owns nothing), which
/// saves a store.
#[inline(always)]
fn release_reg(slot: &mut Value) {
    if !owns_nothing(slot) {
        drop(std::mem::take(slot));
    }
}

/// Output to a closed pipe (`pgs x.pgs | head`).
#[cold]
fn broken_pipe() -> PyError {
    PyError::new(ExcKind::BrokenPipeError, "[Errno 32] Broken pipe")
}

/// Truth for conditions: a delayed value has none until computed, as in Dask.
fn truth(v: &Value) -> PyResult<bool> {
    if let Value::Array(_) | Value::DArray(_) = v {
        return super::darray::truth(v);
    }
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
        (Value::Int(i), Value::Int(j)) => int_arith(op, *i, *j).map(Value::Int),
        (Value::Float(a), Value::Float(b)) => float_arith(op, a.get(), b.get()),
        (Value::Float(a), Value::Int(j)) => float_arith(op, a.get(), *j as f64),
        (Value::Int(i), Value::Float(b)) => float_arith(op, *i as f64, b.get()),
        _ => None,
    }
}

/// `+ - *` on ints without overflow; `None` sends the rest to the general rules.
#[inline(always)]
fn int_arith(op: BinOp, i: i64, j: i64) -> Option<i64> {
    match op {
        BinOp::Add => i.checked_add(j),
        BinOp::Sub => i.checked_sub(j),
        BinOp::Mul => i.checked_mul(j),
        _ => None,
    }
}

#[inline(always)]
fn float_arith(op: BinOp, a: f64, b: f64) -> Option<Value> {
    match op {
        BinOp::Add => Some(Value::float(a + b)),
        BinOp::Sub => Some(Value::float(a - b)),
        BinOp::Mul => Some(Value::float(a * b)),
        BinOp::Div if b != 0.0 => Some(Value::float(a / b)),
        _ => None,
    }
}

/// `x op y`; on a delayed operand, a task instead.
fn binary_values(op: BinOp, x: &Value, y: &Value, span: Span) -> PyResult<Value> {
    if matches!(x, Value::Delayed(_)) || matches!(y, Value::Delayed(_)) {
        return Ok(dask::binary(op, x, y, span));
    }
    crate::array::build::set_origin(span);
    ops::binary(op, x, y).map_err(|err| err.at(span))
}

/// `a op= b`: lists extend in place (so aliases see it), as in Python.
fn inplace_values(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
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

/// `op x`; on a delayed operand, a task instead.
fn unary_value(op: UnaryOp, v: &Value, span: Span) -> PyResult<Value> {
    if let Value::Delayed(_) = v {
        return dask::unary(op, v, span).ok_or_else(|| {
            PyError::type_error("Truth of Delayed objects is not supported").at(span)
        });
    }
    crate::array::build::set_origin(span);
    ops::unary(op, v).map_err(|err| err.at(span))
}

/// One comparison; lazy when either side is delayed, elementwise on arrays.
fn compare_refs(op: CmpOp, left: &Value, right: &Value, span: Span) -> PyResult<Value> {
    crate::array::build::set_origin(span);
    if matches!(left, Value::Delayed(_)) || matches!(right, Value::Delayed(_)) {
        if let Some(v) = dask::compare(op, left, right, span) {
            return Ok(v);
        }
    }
    if super::darray::is_array(left) || super::darray::is_array(right) {
        if let Some(result) = super::darray::compare(op, left, right) {
            return result.map_err(|e| e.at(span));
        }
    }
    ops::compare_op(op, left, right)
        .map(Value::bool)
        .map_err(|e| e.at(span))
}

/// Comparisons of two ints, two floats or two strings, the ones loops and
/// conditions are made of; `None` sends the rest (mixed types, containers,
/// arrays, delayed values, `in`) to [`compare_refs`].
#[inline(always)]
fn quick_compare(op: CmpOp, x: &Value, y: &Value) -> Option<bool> {
    if matches!(op, CmpOp::In | CmpOp::NotIn) {
        return None;
    }
    match (x, y) {
        (Value::Int(a), Value::Int(b)) => Some(int_compare(op, *a, *b)),
        (Value::Float(a), Value::Float(b)) => ordered(op, &a.get(), &b.get()),
        // UTF-8 orders as code points do, which is Python's order for str.
        (Value::Str(a), Value::Str(b)) => ordered(op, a, b),
        _ => None,
    }
}

/// `a op b` by the type's own order (`is` is left to the general path).
#[inline(always)]
fn ordered<T: PartialOrd + ?Sized>(op: CmpOp, a: &T, b: &T) -> Option<bool> {
    match op {
        CmpOp::Lt => Some(a < b),
        CmpOp::Gt => Some(a > b),
        CmpOp::Le => Some(a <= b),
        CmpOp::Ge => Some(a >= b),
        CmpOp::Eq => Some(a == b),
        CmpOp::Ne => Some(a != b),
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
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(broken_pipe()),
            Err(e) => Err(PyError::new(ExcKind::OSError, e.to_string())),
        }
    }

    fn flush_out(&mut self) -> PyResult<()> {
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(broken_pipe()),
            _ => Ok(()),
        }
    }

    fn check_interrupt(&self) -> PyResult<()> {
        self.check_cancel()
    }

    fn compute(&mut self, roots: &[Arc<Node>]) -> PyResult<Vec<Value>> {
        super::compute::compute(self, roots)
    }

    fn compute_arrays(
        &mut self,
        roots: &[Arc<crate::value::array::ArrayNode>],
    ) -> PyResult<Vec<Arc<crate::value::array::NdArray>>> {
        super::compute::compute_arrays(self, roots)
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

    fn sources(&self) -> crate::source::SourceMap {
        self.shared.sources.clone()
    }

    fn start_profile(&mut self) -> bool {
        if self.shared.watch.profiling() {
            return false;
        }
        self.shared.watch.start_profile();
        true
    }

    fn finish_profile(&mut self) -> Option<String> {
        let report = self
            .shared
            .watch
            .finish_profile(self.shared.workers.threads())?;
        Some(crate::output::profile::render(
            &report,
            &self.shared.sources,
        ))
    }
}
