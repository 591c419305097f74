//! Calls: making functions and closures, evaluating arguments, the fast positional
//! path, frames and recursion depth, and calling any callable value.

use super::*;

impl Interp {
    // ------------------------------------------------------------ calls

    pub(super) fn make_function(&mut self, def: &Arc<FuncDef>, f: &Frame) -> PyResult<Value> {
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

    pub(super) fn eval_call(
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
                crate::array::build::set_origin(span);
                return (def.call)(self, Args { pos: &pos, kw: &kw }).map_err(|e| e.at(span));
            }
            let callee = builtins::get_attr(&receiver, name, self).map_err(|e| e.at(func.span))?;
            return self.call_with_args(&callee, args, span, f);
        }
        let callee = self.eval(func, f)?;
        self.call_with_args(&callee, args, span, f)
    }

    pub(super) fn call_with_args(
        &mut self,
        callee: &Value,
        args: &[Arg],
        span: crate::source::Span,
        f: &Frame,
    ) -> PyResult<Value> {
        if let Value::Func(fun) = callee {
            if args.iter().all(|a| matches!(a, Arg::Pos(_))) && fun.binds_by_position(args.len()) {
                return self.call_simple(fun, args, span, f);
            }
        }
        let mut pos: SmallVec<[Value; 4]> = SmallVec::new();
        let kw = self.eval_args(args, &mut pos, f)?;
        if let Value::Delayed(node) = callee {
            return Ok(dask::call(node, &pos, &kw, span));
        }
        crate::array::build::set_origin(span);
        self.call_value(callee, pos.into_vec(), kw)
            .map_err(|e| e.at(span))
    }

    pub(super) fn eval_args(
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
    pub(super) fn call_simple(
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
    pub(super) fn run_function(&mut self, fun: &Arc<Function>, base: usize) -> PyResult<Value> {
        let nargs = self.stack.len() - base;
        if let Err(e) = self.enter_call(fun, base, nargs) {
            self.stack.truncate(base);
            return Err(e);
        }
        let result = self.run_code(fun, base);
        self.exit_call(base);
        result.map_err(|e| e.leave_frame(&fun.def.name, fun.def.span))
    }

    /// Starts a call whose `nargs` arguments are in `stack[base..]`: the recursion
    /// limit, Ctrl-C, the body compiled on first use, and its registers. On an error
    /// the caller clears the arguments.
    #[inline]
    pub(super) fn enter_call(&mut self, fun: &Function, base: usize, nargs: usize) -> PyResult<()> {
        let def = &fun.def;
        if self.depth >= self.recursion_limit {
            return Err(PyError::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.check_cancel()?;
        let code = def.code.get_or_init(|| super::code::compile(def));
        self.enter_frame(base, nargs, &def.scope, code.frame_size);
        self.depth += 1;
        Ok(())
    }

    /// Ends a call that `run_function` started: the stack is cut back to `base`.
    pub(super) fn exit_call(&mut self, base: usize) {
        self.depth -= 1;
        self.drop_frame(base);
    }

    /// Ends a call the VM made inside its caller's frame (see `enter_frame`).
    pub(super) fn return_within(&mut self, base: usize, size: u32) {
        self.depth -= 1;
        self.clear_frame(base, size);
    }

    /// Binds positional and keyword arguments to parameters, Python's way.
    pub(super) fn call_function(
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
