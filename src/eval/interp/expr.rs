//! Expressions: the hot `eval`, operators, comparisons and conditions, subscripts,
//! f-strings and comprehensions.

use super::*;

impl Interp {
    // ------------------------------------------------------------ expressions

    /// The hot expressions are handled here; everything else is out of line in
    /// [`Self::eval_other`] so this function stays small (a big `match` would make
    /// every call pay for a large stack frame).
    pub(super) fn eval(&mut self, e: &Expr, f: &Frame) -> PyResult<Value> {
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
                binary_values(*op, &x, &y, e.span)
            }
            ExprKind::Compare(first, rest) => self.eval_compare(first, rest, f),
            ExprKind::Call(func, args) => self.eval_call(func, args, e.span, f),
            _ => self.eval_other(e, f),
        }
    }

    /// An operand: constants and plain locals are read here without a recursive call,
    /// which is most of the leaves of arithmetic and comparisons.
    #[inline(always)]
    pub(super) fn operand(&mut self, e: &Expr, f: &Frame) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Float(x) => Ok(Value::float(*x)),
            ExprKind::Name(_, Slot::Local(i)) => match &self.stack[f.base + *i as usize] {
                Value::Cell(_) | Value::Unbound => self.eval(e, f),
                v => Ok(v.clone()),
            },
            _ => self.eval(e, f),
        }
    }

    #[inline(never)]
    pub(super) fn eval_other(&mut self, e: &Expr, f: &Frame) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Float(x) => Ok(Value::float(*x)),
            ExprKind::Str(s) => Ok(Value::Str(s.clone())),
            ExprKind::Bool(b) => Ok(Value::bool(*b)),
            ExprKind::None => Ok(Value::None),
            ExprKind::Ellipsis => {
                Err(PyError::type_error("'...' (Ellipsis) has no meaning in pgs yet").at(e.span))
            }
            ExprKind::Name(name, slot) => self.load(name, *slot, e.span, f),
            ExprKind::Binary(op, a, b) => {
                let x = self.eval(a, f)?;
                let y = self.eval(b, f)?;
                binary_values(*op, &x, &y, e.span)
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x, f)?;
                unary_value(*op, &v, e.span)
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
                crate::array::build::set_origin(e.span);
                builtins::get_attr(&o, name, self).map_err(|err| err.at(e.span))
            }
            ExprKind::Index(obj, idx) => {
                let o = self.eval(obj, f)?;
                if super::super::darray::is_array(&o) {
                    let items = self.eval_array_subscript(idx, f)?;
                    crate::array::build::set_origin(e.span);
                    return super::super::darray::index(self, &o, items)
                        .map_err(|err| err.at(e.span));
                }
                if let ExprKind::Slice(..) = idx.kind {
                    // Refused before the bounds are evaluated.
                    if let Value::Delayed(_) = o {
                        return Err(delayed_slice_error().at(e.span));
                    }
                    let s = self.eval_slice(idx, f)?;
                    return self.get_slice(o, s, e.span).map_err(|err| err.at(e.span));
                }
                let i = self.eval(idx, f)?;
                self.get_index(o, i, e.span, || idx.span)
                    .map_err(|err| err.at(e.span))
            }
            ExprKind::Slice(..) => {
                Err(PyError::type_error("a slice is only allowed inside [ ]").at(e.span))
            }
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items, f)?)),
            ExprKind::Set(items) => {
                let mut set = crate::value::SetMap::default();
                for item in self.eval_items(items, f)? {
                    set.insert(crate::value::Key::new(item).map_err(|err| err.at(e.span))?);
                }
                Ok(Value::set(set))
            }
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

    /// `o[i]` with `i` not a slice; `subscript_span` places an array index's error.
    pub(super) fn get_index(
        &mut self,
        o: Value,
        i: Value,
        span: Span,
        subscript_span: impl Fn() -> Span,
    ) -> PyResult<Value> {
        use super::super::darray::subscript_of;
        if super::super::darray::is_array(&o) {
            let items = match &i {
                Value::Tuple(t) => t.iter().map(subscript_of).collect::<PyResult<Vec<_>>>(),
                other => subscript_of(other).map(|s| vec![s]),
            }
            .map_err(|e| e.at(subscript_span()))?;
            crate::array::build::set_origin(span);
            return super::super::darray::index(self, &o, items);
        }
        if let Value::Delayed(_) = o {
            return Ok(dask::index(&o, &i, span));
        }
        index::getitem(&o, &i)
    }

    pub(super) fn get_slice(&mut self, o: Value, s: Slice, span: Span) -> PyResult<Value> {
        use super::super::darray::Subscript;
        use crate::array::build::IndexArg;
        if super::super::darray::is_array(&o) {
            let items = vec![Subscript::Item(IndexArg::Slice(s.start, s.stop, s.step))];
            crate::array::build::set_origin(span);
            return super::super::darray::index(self, &o, items);
        }
        if let Value::Delayed(_) = o {
            return Err(delayed_slice_error());
        }
        index::get_slice(&o, s)
    }

    pub(super) fn eval_items(&mut self, items: &[Expr], f: &Frame) -> PyResult<Vec<Value>> {
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

    /// The items of a subscript on an array: ints, slices, `None`, or a boolean mask;
    /// a tuple index gives one item per axis.
    fn eval_array_subscript(
        &mut self,
        idx: &Expr,
        f: &Frame,
    ) -> PyResult<Vec<super::super::darray::Subscript>> {
        use super::super::darray::{subscript_of, Subscript};
        use crate::array::build::IndexArg;
        let parts: Vec<&Expr> = match &idx.kind {
            ExprKind::Tuple(items) => items.iter().collect(),
            _ => vec![idx],
        };
        let mut out = Vec::with_capacity(parts.len());
        for part in parts {
            if let ExprKind::Slice(..) = part.kind {
                let s = self.eval_slice(part, f)?;
                out.push(Subscript::Item(IndexArg::Slice(s.start, s.stop, s.step)));
            } else {
                let v = self.eval(part, f)?;
                if let Value::Tuple(t) = &v {
                    for item in t.iter() {
                        out.push(subscript_of(item).map_err(|e| e.at(part.span))?);
                    }
                } else {
                    out.push(subscript_of(&v).map_err(|e| e.at(part.span))?);
                }
            }
        }
        Ok(out)
    }

    pub(super) fn eval_slice(&mut self, e: &Expr, f: &Frame) -> PyResult<Slice> {
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
    pub(super) fn eval_cond(&mut self, e: &Expr, f: &Frame) -> PyResult<bool> {
        if let ExprKind::Compare(first, rest) = &e.kind {
            if let [(op, right_expr)] = rest.as_slice() {
                if !matches!(op, CmpOp::In | CmpOp::NotIn) {
                    let left = self.operand(first, f)?;
                    let right = self.operand(right_expr, f)?;
                    if let Some(holds) = quick_compare(*op, &left, &right) {
                        return Ok(holds);
                    }
                    return truth(&self.compare_values(*op, left, right, first, right_expr)?);
                }
            }
        }
        truth(&self.eval(e, f)?)
    }

    /// One comparison of evaluated operands; lazy when either side is delayed.
    pub(super) fn compare_values(
        &mut self,
        op: CmpOp,
        left: Value,
        right: Value,
        first: &Expr,
        right_expr: &Expr,
    ) -> PyResult<Value> {
        compare_refs(op, &left, &right, first.span.to(right_expr.span))
    }

    pub(super) fn eval_compare(
        &mut self,
        first: &Expr,
        rest: &[(CmpOp, Expr)],
        f: &Frame,
    ) -> PyResult<Value> {
        let mut left = self.operand(first, f)?;
        if let [(op, right_expr)] = rest {
            let right = self.operand(right_expr, f)?;
            if let Some(holds) = quick_compare(*op, &left, &right) {
                return Ok(Value::bool(holds));
            }
            return self.compare_values(*op, left, right, first, right_expr);
        }
        for (op, right_expr) in rest {
            let right = self.eval(right_expr, f)?;
            let ok = ops::compare_op(*op, &left, &right)
                .map_err(|e| e.at(first.span.to(right_expr.span)))?;
            if !ok {
                return Ok(Value::bool(false));
            }
            left = right;
        }
        Ok(Value::bool(true))
    }

    pub(super) fn eval_fstring(&mut self, parts: &[FPart], f: &Frame) -> PyResult<String> {
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

    pub(super) fn eval_comprehension(
        &mut self,
        comp: &Comprehension,
        f: &Frame,
    ) -> PyResult<Value> {
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
            CompKind::Set => {
                let mut set = crate::value::SetMap::default();
                for item in items {
                    set.insert(crate::value::Key::new(item).map_err(|e| e.at(comp.elt.span))?);
                }
                Value::set(set)
            }
        })
    }

    pub(super) fn comp_clause(
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
                if let Some(e) = it.error() {
                    return Err(e.at(iter.span));
                }
            }
        }
        Ok(())
    }
}

#[cold]
fn delayed_slice_error() -> PyError {
    PyError::type_error(
        "slicing a Delayed value is not supported yet; index it or compute it first",
    )
}
