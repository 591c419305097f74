//! Statements, and reading, writing and deleting variables and targets.

use super::*;

impl Interp {
    // ------------------------------------------------------------ statements

    pub(super) fn exec_block(&mut self, body: &[Stmt], f: &Frame) -> PyResult<Flow> {
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
    pub(super) fn exec(&mut self, stmt: &Stmt, f: &Frame) -> PyResult<Flow> {
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
    pub(super) fn exec_other(&mut self, stmt: &Stmt, f: &Frame) -> PyResult<Flow> {
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
                    let mut module = crate::eval::modules::import(path, self)
                        .map_err(|e| e.at(target.span()))?;
                    // `import a.b` binds `a`; `import a.b as c` binds `a.b`.
                    if let Target::Name(bound, ..) = target {
                        if path.len() > 1 && *bound == path[0] {
                            module = crate::eval::modules::import(&path[..1], self)
                                .map_err(|e| e.at(target.span()))?;
                        }
                    }
                    self.assign(target, module, f)?;
                }
            }
            StmtKind::FromImport(path, items) => {
                let module =
                    crate::eval::modules::import(path, self).map_err(|e| e.at(stmt.span))?;
                for (name, target) in items {
                    let v = crate::eval::modules::import_name(&module, name)
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

    pub(super) fn exec_while(
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

    pub(super) fn exec_for(
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
        if let Some(e) = it.error() {
            return Err(e.at(iter.span));
        }
        self.exec_block(orelse, f)
    }

    pub(super) fn aug_assign(
        &mut self,
        target: &Target,
        op: BinOp,
        value: &Expr,
        f: &Frame,
    ) -> PyResult<()> {
        let span = target.span().to(value.span);
        match target {
            Target::Name(name, slot, s) => {
                let current = self.load(name, *slot, *s, f)?;
                let rhs = self.eval(value, f)?;
                let result = inplace_values(op, &current, &rhs).map_err(|e| e.at(span))?;
                self.store(*slot, result, f);
            }
            Target::Index(obj, idx, _) => {
                let o = self.eval(obj, f)?;
                let i = self.eval(idx, f)?;
                let current = index::getitem(&o, &i).map_err(|e| e.at(span))?;
                let rhs = self.eval(value, f)?;
                let result = inplace_values(op, &current, &rhs).map_err(|e| e.at(span))?;
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

    // ------------------------------------------------------------ variables

    pub(super) fn load(
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
    pub(super) fn unbound_error(&self, name: &Name, slot: Slot, f: &Frame) -> PyError {
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
    pub(super) fn suggest_name(&self, name: &str, f: &Frame) -> Option<String> {
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

    pub(super) fn store(&mut self, slot: Slot, v: Value, f: &Frame) {
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

    pub(super) fn assign(&mut self, target: &Target, v: Value, f: &Frame) -> PyResult<()> {
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

    pub(super) fn delete(&mut self, target: &Target, f: &Frame) -> PyResult<()> {
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
}
