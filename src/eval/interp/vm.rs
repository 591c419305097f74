//! Runs register code (`code.rs`): one loop over instructions for a call from Rust
//! and every pgs call it makes, no Rust call per expression node, operands read in
//! place (no reference-count traffic for a local that is only looked at), and a
//! temporary dropped by the instruction that reads it, so intermediates live no longer
//! than the tree-walker kept them.

use super::code::{Code, Op, Opnd, Reg, BOUND_DETAIL, CONST, INDEX_DETAIL, NAME_DETAIL};
use super::*;
use crate::value::ValueIter;

/// Stores into a register, calling the old value's destructor only if it owns
/// something.
#[inline(always)]
fn put(slot: &mut Value, v: Value) {
    discard(std::mem::replace(slot, v));
}

/// Stores an int result; over an int (a loop's counter or total) only the number
/// is written.
#[inline(always)]
fn put_int(slot: &mut Value, r: i64) {
    match slot {
        Value::Int(old) => *old = r,
        other => put(other, Value::Int(r)),
    }
}

/// Neither an array nor a delayed value: indexing it needs no interpreter.
#[inline(always)]
fn is_plain(v: &Value) -> bool {
    !matches!(
        v,
        Value::Array(_) | Value::DArray(_) | Value::Delayed(_) | Value::Native(_)
    )
}

/// Reads an operand in place; `Err(())` means an unbound local.
#[inline(always)]
fn read<'a>(
    stack: &'a [Value],
    consts: &'a [Value],
    base: usize,
    o: Opnd,
) -> Result<&'a Value, ()> {
    if o & CONST != 0 {
        return Ok(&consts[(o & !CONST) as usize]);
    }
    match &stack[base + o as usize] {
        Value::Unbound => Err(()),
        v => Ok(v),
    }
}

/// A caller suspended while the function it called runs: where it resumes and
/// which function it is. The function is found again from the globals or the held
/// stack and the frame from the call instruction, so saving a caller is one word.
#[derive(Clone, Copy)]
struct Suspended {
    pc: u32,
    fun: FunId,
}

/// Names a running function without holding a reference: [`ROOT`] (the function
/// `run_code` was given), [`HELD`] (the newest on the held stack: a callee taken
/// from a register) or `GLOBAL + slot`.
type FunId = u32;
const ROOT: FunId = 0;
const HELD: FunId = 1;
const GLOBAL: FunId = 2;

/// The function `id` names.
#[inline(always)]
fn function_of<'a>(
    id: FunId,
    root: &'a Function,
    globals: &'a [Value],
    held: &'a [Arc<Function>],
) -> &'a Function {
    match id {
        ROOT => root,
        HELD => match held.last() {
            Some(f) => f,
            None => unreachable!("a held function is on the held stack"),
        },
        slot => match globals.get((slot - GLOBAL) as usize) {
            Some(Value::Func(f)) => f,
            // The globals are a snapshot taken before the call: the slot still
            // holds the function called from it.
            _ => unreachable!("a called global is a function"),
        },
    }
}

/// The compiled body of `fun` (compiled by `enter_call` before it first runs).
#[inline(always)]
fn code_of(fun: &Function) -> &Code {
    let def = &fun.def;
    def.code.get_or_init(|| super::code::compile(def))
}

/// Where a call instruction puts its result and finds its arguments.
fn call_site(op: &Op) -> (Reg, Reg) {
    match *op {
        Op::Call { dst, args, .. } | Op::CallGlobal { dst, args, .. } => (dst, args),
        _ => unreachable!("a caller is suspended at a call"),
    }
}

impl Interp {
    /// Runs `root`, whose frame `enter_call` has made at `base`. Calls between
    /// compiled functions stay in this loop (a stack of suspended callers, not Rust
    /// recursion): a callee's frame starts at its arguments, which sit in the
    /// caller's registers, so a pgs call copies nothing and saves one word.
    pub(super) fn run_code(&mut self, root: &Arc<Function>, base: usize) -> PyResult<Value> {
        // Module-level code alone assigns globals, so they stay as they are while
        // functions run, and a called function can be borrowed from them.
        let globals = self.shared.globals.clone();
        let globals: &[Value] = &globals;
        let mut held: Vec<Arc<Function>> = Vec::new();
        let mut loops: Vec<ValueIter> = Vec::new();
        let mut callers: Vec<Suspended> = Vec::new();
        let mut id = ROOT;
        let mut fun: &Function = root;
        let mut code = code_of(fun);
        let mut base = base;
        let mut pc = 0;
        macro_rules! frame {
            () => {
                Frame {
                    base,
                    captures: &fun.captures,
                    scope: &fun.def.scope,
                }
            };
        }
        // The value of an operand, moved out of a temporary.
        macro_rules! take {
            ($o:expr) => {{
                let o = $o;
                if o & CONST == 0 && o >= code.nlocals {
                    std::mem::take(&mut self.stack[base + o as usize])
                } else {
                    get!(o).clone()
                }
            }};
        }
        // Drops a temporary an instruction has finished reading.
        macro_rules! release {
            ($o:expr) => {{
                let o = $o;
                if o & CONST == 0 && o >= code.nlocals {
                    release_reg(&mut self.stack[base + o as usize]);
                }
            }};
        }
        macro_rules! set {
            ($r:expr, $v:expr) => {{
                let v = $v;
                put(&mut self.stack[base + $r as usize], v);
            }};
        }
        // Switches to the function just entered with `enter_within`, its frame at
        // `args`; the caller resumes at `pc`.
        macro_rules! switch_to {
            ($id:expr, $callee:expr, $args:expr) => {{
                callers.push(Suspended {
                    pc: pc as u32,
                    fun: id,
                });
                id = $id;
                fun = $callee;
                code = code_of(fun);
                base = $args;
                pc = 0;
            }};
        }
        // Back in the caller after the current function's frame was emptied; the
        // call instruction it resumes after tells where its frame starts. Gives the
        // register for the result.
        macro_rules! resume {
            ($caller:expr) => {{
                let caller: Suspended = $caller;
                if id == HELD {
                    held.pop();
                }
                id = caller.fun;
                fun = function_of(id, root, globals, &held);
                code = code_of(fun);
                pc = caller.pc as usize;
                let (dst, args) = call_site(&code.ops[pc - 1]);
                base -= args as usize;
                base + dst as usize
            }};
        }
        // Ends the current function with `v`, dropping the iterators of the `for`
        // loops it returns from.
        macro_rules! finish {
            ($v:expr, $loops:expr) => {{
                let v = $v;
                loops.truncate(loops.len().saturating_sub($loops as usize));
                match callers.pop() {
                    // The outermost call: `run_function` empties the frame.
                    None => return Ok(v),
                    Some(caller) => {
                        self.return_within(base, code.frame_size);
                        let slot = resume!(caller);
                        put(&mut self.stack[slot], v);
                    }
                }
            }};
        }
        let error = 'run: loop {
            // Defined in the loop so that their `break 'run` sees the label.
            macro_rules! get {
                ($o:expr) => {
                    match read(&self.stack, &code.consts, base, $o) {
                        Ok(v) => v,
                        Err(()) => {
                            let e = self.unbound_register(code, pc - 1, $o, &frame!());
                            break 'run e;
                        }
                    }
                };
            }
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => break 'run e,
                    }
                };
            }
            let at = pc;
            pc += 1;
            let span = || code.spans[at].0;
            match code.ops[at] {
                Op::Move { dst, src } => {
                    let v = take!(src);
                    set!(dst, v);
                }
                Op::MoveOut { dst, src } => {
                    get!(src);
                    let v = std::mem::take(&mut self.stack[base + src as usize]);
                    set!(dst, v);
                }
                Op::LoadGlobal { dst, slot, name } => {
                    let v = match self.shared.globals.get(slot as usize) {
                        Some(Value::Unbound) | None => {
                            let name = &code.names[name as usize];
                            tri!(self.load(name, Slot::Global(slot), span(), &frame!()))
                        }
                        Some(v) => v.clone(),
                    };
                    set!(dst, v);
                }
                Op::Load { dst, slot, name } => {
                    let v = tri!(self.load(&code.names[name as usize], slot, span(), &frame!()));
                    set!(dst, v);
                }
                Op::Store { slot, src } => {
                    let v = std::mem::take(&mut self.stack[base + src as usize]);
                    self.store(slot, v, &frame!());
                }
                Op::Binary { op, dst, a, b } | Op::InPlace { op, dst, a, b } => {
                    let x = get!(a);
                    let y = get!(b);
                    if let (Value::Int(i), Value::Int(j)) = (x, y) {
                        if let Some(r) = int_arith(op, *i, *j) {
                            put_int(&mut self.stack[base + dst as usize], r);
                            continue;
                        }
                    }
                    let v = match quick_arith(op, x, y) {
                        Some(v) => v,
                        // `a op= b` extends a list in place (aliases see it).
                        None if matches!(code.ops[at], Op::InPlace { .. }) => {
                            tri!(inplace_values(op, x, y))
                        }
                        None => tri!(binary_values(op, x, y, span())),
                    };
                    release!(a);
                    release!(b);
                    set!(dst, v);
                }
                Op::Unary { op, dst, a } => {
                    let v = tri!(unary_value(op, get!(a), span()));
                    release!(a);
                    set!(dst, v);
                }
                Op::Compare { op, dst, a, b } => {
                    let x = get!(a);
                    let y = get!(b);
                    let v = match quick_compare(op, x, y) {
                        Some(holds) => Value::bool(holds),
                        None => tri!(compare_refs(op, x, y, span())),
                    };
                    release!(a);
                    release!(b);
                    set!(dst, v);
                }
                Op::CompareJump {
                    op,
                    a,
                    b,
                    when,
                    target,
                } => {
                    let x = get!(a);
                    let y = get!(b);
                    let holds = match quick_compare(op, x, y) {
                        Some(holds) => holds,
                        None => {
                            let v = tri!(compare_refs(op, x, y, span()));
                            tri!(truth(&v).map_err(|e| e.at(code.spans[at].1)))
                        }
                    };
                    release!(a);
                    release!(b);
                    if holds == when {
                        pc = target as usize;
                    }
                }
                Op::Branch { cond, when, target } => {
                    let t = tri!(truth(get!(cond)).map_err(|e| e.at(code.spans[at].1)));
                    release!(cond);
                    if t == when {
                        pc = target as usize;
                    }
                }
                Op::BranchKeep { cond, when, target } => {
                    let t = tri!(truth(get!(cond)).map_err(|e| e.at(code.spans[at].1)));
                    if t == when {
                        pc = target as usize;
                    }
                }
                Op::Jump { target } => pc = target as usize,
                Op::Call { dst, func, args, n } => {
                    let args = base + args as usize;
                    match take!(func) {
                        Value::Func(callee) if callee.binds_by_position(n as usize) => {
                            tri!(self.enter_within(&callee, args, n));
                            held.push(callee);
                            switch_to!(HELD, function_of(HELD, root, globals, &held), args);
                        }
                        callee => {
                            let v = tri!(self.call_registers(&callee, args, n, span()));
                            set!(dst, v);
                        }
                    }
                }
                Op::CheckGlobal { slot, name } => {
                    if let Some(Value::Unbound) | None = globals.get(slot as usize) {
                        let name = &code.names[name as usize];
                        tri!(self.load(name, Slot::Global(slot), span(), &frame!()));
                    }
                }
                Op::CallGlobal {
                    dst,
                    slot,
                    name,
                    args,
                    n,
                } => {
                    let args = base + args as usize;
                    if let Some(Value::Func(callee)) = globals.get(slot as usize) {
                        if callee.binds_by_position(n as usize) {
                            tri!(self.enter_within(callee, args, n));
                            switch_to!(GLOBAL + slot, callee, args);
                            continue;
                        }
                    }
                    let name = &code.names[name as usize];
                    let name_span = code.detail_span(at, NAME_DETAIL).unwrap_or(span());
                    let callee = tri!(self.load(name, Slot::Global(slot), name_span, &frame!()));
                    let v = tri!(self.call_registers(&callee, args, n, span()));
                    set!(dst, v);
                }
                Op::LoadMethod { at: to, obj, name } => {
                    let receiver = take!(obj);
                    let name = &code.names[name as usize];
                    let (callee, receiver) = tri!(self.load_method(receiver, name, span()));
                    set!(to, callee);
                    set!(to + 1, receiver);
                }
                Op::CallMethod { dst, at: from, n } => {
                    let callee = std::mem::take(&mut self.stack[base + from as usize]);
                    let start = base + from as usize + 1;
                    let bound = !matches!(self.stack[start], Value::Unbound);
                    let v = match &callee {
                        Value::Builtin(def) if bound => {
                            let pos: SmallVec<[Value; 4]> = self.stack[start..=start + n as usize]
                                .iter_mut()
                                .map(std::mem::take)
                                .collect();
                            crate::array::build::set_origin(span());
                            tri!((def.call)(self, Args { pos: &pos, kw: &[] }))
                        }
                        _ => tri!(self.call_registers(&callee, start + 1, n, span())),
                    };
                    set!(from + 1, Value::None);
                    set!(dst, v);
                }
                Op::GetIndex { dst, obj, index } => {
                    let o = get!(obj);
                    let i = get!(index);
                    // Plain containers are read in place: no reference-count traffic.
                    let v = if is_plain(o) {
                        tri!(index::getitem(o, i))
                    } else {
                        let (o, i) = (o.clone(), i.clone());
                        tri!(self.get_index(o, i, span(), || {
                            code.detail_span(at, INDEX_DETAIL).unwrap_or(span())
                        }))
                    };
                    release!(obj);
                    release!(index);
                    set!(dst, v);
                }
                Op::GetSlice { dst, obj, bounds } => {
                    // The object is looked up before its bounds, as it is evaluated first.
                    get!(obj);
                    let mut parts = [None; 3];
                    for (k, b) in bounds.into_iter().enumerate() {
                        let bound = tri!(index::slice_bound(get!(b)).map_err(|e| {
                            let key = BOUND_DETAIL + k as u32;
                            e.at(code.detail_span(at, key).unwrap_or(span()))
                        }));
                        release!(b);
                        parts[k] = bound;
                    }
                    let [start, stop, step] = parts;
                    let slice = Slice { start, stop, step };
                    let o = get!(obj);
                    let v = if is_plain(o) {
                        tri!(index::get_slice(o, slice))
                    } else {
                        let o = o.clone();
                        tri!(self.get_slice(o, slice, span()))
                    };
                    release!(obj);
                    set!(dst, v);
                }
                Op::SetIndex { obj, index, src } => {
                    let o = take!(obj);
                    let i = take!(index);
                    let v = std::mem::take(&mut self.stack[base + src as usize]);
                    tri!(index::setitem(&o, &i, v));
                }
                Op::Unpack { src, dst, n } => {
                    let v = std::mem::take(&mut self.stack[base + src as usize]);
                    let items = tri!(match &v {
                        Value::Delayed(node) => dask::unpack(node, n as usize, span()),
                        _ => unpack(&v, n as usize),
                    });
                    for (k, item) in items.into_iter().enumerate() {
                        set!(dst + k as u32, item);
                    }
                }
                Op::BuildList { dst, items, n } | Op::BuildTuple { dst, items, n } => {
                    let start = base + items as usize;
                    let values: Vec<Value> = self.stack[start..start + n as usize]
                        .iter_mut()
                        .map(std::mem::take)
                        .collect();
                    let v = match code.ops[at] {
                        Op::BuildList { .. } => Value::list(values),
                        _ => Value::tuple(values),
                    };
                    set!(dst, v);
                }
                Op::IterStart { src } => {
                    let it = tri!(get!(src).iterate());
                    release!(src);
                    loops.push(it);
                }
                Op::ForNext { dst, exit } => {
                    match loops.last_mut().and_then(ValueIter::next_value) {
                        Some(item) => {
                            set!(dst, item);
                            tri!(self.check_cancel());
                        }
                        None => pc = exit as usize,
                    }
                }
                Op::IterEnd => {
                    if let Some(e) = loops.pop().and_then(|it| it.error()) {
                        break 'run e;
                    }
                }
                Op::IterPop => {
                    loops.pop();
                }
                Op::CheckCancel => tri!(self.check_cancel()),
                Op::Clear { reg } => set!(reg, Value::None),
                Op::Eval { dst, expr } => {
                    let v = tri!(self.eval(&code.exprs[expr as usize], &frame!()));
                    set!(dst, v);
                }
                Op::Exec { stmt, loops: depth } => {
                    let flow = tri!(self.exec(&code.stmts[stmt as usize], &frame!()));
                    if flow != Flow::Normal {
                        // Only `return`, `break` and `continue` change the flow, and
                        // those are compiled; a tree-walked statement cannot.
                        // `self.returned` holds the value.
                        finish!(std::mem::take(&mut self.returned), depth);
                    }
                }
                Op::Return { src, loops: depth } => {
                    // The frame ends here: a local is moved out, not copied.
                    let v = match src & CONST {
                        0 => {
                            get!(src);
                            std::mem::take(&mut self.stack[base + src as usize])
                        }
                        _ => get!(src).clone(),
                    };
                    finish!(v, depth);
                }
                Op::ReturnNone { loops: depth } => finish!(Value::None, depth),
            }
        };
        // Place the error at the failing instruction, then in each caller at its
        // call, as nested calls would have.
        let error = self.undefined_callee_first(code, pc - 1, error, &frame!());
        let (span, stmt_span) = code.spans[pc - 1];
        let mut error = error.at(span).at(stmt_span);
        while let Some(caller) = callers.pop() {
            error = error.leave_frame(&fun.def.name, fun.def.span);
            self.return_within(base, code.frame_size);
            let _result_slot = resume!(caller);
            let (span, stmt_span) = code.spans[pc - 1];
            error = error.at(span).at(stmt_span);
        }
        Err(error)
    }

    /// Starts a call whose `n` arguments are the registers from `args` (absolute):
    /// they become the first registers of the callee's frame, so nothing is copied.
    #[inline(always)]
    fn enter_within(&mut self, fun: &Function, args: usize, n: u32) -> PyResult<()> {
        let result = self.enter_call(fun, args, n as usize);
        if result.is_err() {
            self.clear_frame(args, n);
        }
        result
    }

    /// Moves the `n` arguments in `stack[args..]` to the top of the stack, where the
    /// callee's frame starts; returns that frame's base.
    fn push_arguments(&mut self, args: usize, n: usize) -> usize {
        let callee_base = self.stack.len();
        for k in args..args + n {
            let v = std::mem::take(&mut self.stack[k]);
            self.stack.push(v);
        }
        callee_base
    }

    /// Calls `callee` with the `n` arguments in `stack[args..]`, moving them out.
    fn call_registers(
        &mut self,
        callee: &Value,
        args: usize,
        n: u32,
        span: Span,
    ) -> PyResult<Value> {
        let n = n as usize;
        if let Value::Func(fun) = callee {
            if fun.binds_by_position(n) {
                let base = self.push_arguments(args, n);
                return self.run_function(fun, base).map_err(|e| e.at(span));
            }
        }
        let pos: Vec<Value> = self.stack[args..args + n]
            .iter_mut()
            .map(std::mem::take)
            .collect();
        if let Value::Delayed(node) = callee {
            return Ok(dask::call(node, &pos, &[], span));
        }
        crate::array::build::set_origin(span);
        self.call_value(callee, pos, Vec::new())
            .map_err(|e| e.at(span))
    }

    /// `obj.name` about to be called: a builtin method and its receiver, or a
    /// callable and `Unbound`.
    fn load_method(&mut self, obj: Value, name: &Name, span: Span) -> PyResult<(Value, Value)> {
        if let Value::Delayed(node) = &obj {
            return Ok(match dask::method(name) {
                Some(def) => (Value::Builtin(def), obj),
                None => (dask::get_attr(node, name, span), Value::Unbound),
            });
        }
        if let Some(def) = builtins::method(&obj, name) {
            return Ok((Value::Builtin(def), obj));
        }
        let callee = builtins::get_attr(&obj, name, self)?;
        Ok((callee, Value::Unbound))
    }

    /// Python looks a called global up before it evaluates the arguments. Where the
    /// compiler left that check out (`Code::elided_checks`: arguments without
    /// calls), an error the arguments raised gives way to the callee's NameError.
    #[cold]
    fn undefined_callee_first(&self, code: &Code, at: usize, error: PyError, f: &Frame) -> PyError {
        if error.kind() == ExcKind::KeyboardInterrupt {
            return error;
        }
        let Some(&(_, call)) = code
            .elided_checks
            .iter()
            .find(|&&(from, call)| (from as usize..call as usize).contains(&at))
        else {
            return error;
        };
        let call = call as usize;
        let Op::CallGlobal { slot, name, .. } = code.ops[call] else {
            return error;
        };
        let span = code
            .detail_span(call, NAME_DETAIL)
            .unwrap_or(code.spans[call].0);
        match self.load(&code.names[name as usize], Slot::Global(slot), span, f) {
            Err(undefined) => undefined,
            Ok(_) => error,
        }
    }

    /// The error for reading an unbound local register, placed at the name.
    #[cold]
    fn unbound_register(&self, code: &Code, at: usize, reg: Reg, f: &Frame) -> PyError {
        let name = f
            .scope
            .local_names
            .get(reg as usize)
            .cloned()
            .unwrap_or_else(|| Arc::from("?"));
        let error = self.unbound_error(&name, Slot::Local(reg), f);
        match code.detail_span(at, reg) {
            Some(span) => error.at(span),
            None => error,
        }
    }
}
