//! Binding a call's arguments to a function's parameters the way Python does
//! (positionals, `*args`, keywords, `**kwargs`, defaults), with CPython's TypeError
//! wording for every mismatch; and unpacking for `a, b = …`.

use crate::diag::{PyError, PyResult};
use crate::syntax::ast::{Name, ParamKind};
use crate::value::{Function, Value};

/// Splits an iterable into exactly `n` values for `a, b = …`.
pub fn unpack(v: &Value, n: usize) -> PyResult<Vec<Value>> {
    let items = v.to_vec().map_err(|_| {
        PyError::type_error(format!(
            "cannot unpack non-iterable {} object",
            v.type_name()
        ))
    })?;
    if items.len() > n {
        return Err(PyError::value_error(format!(
            "too many values to unpack (expected {n})"
        )));
    }
    if items.len() < n {
        return Err(PyError::value_error(format!(
            "not enough values to unpack (expected {n}, got {})",
            items.len()
        )));
    }
    Ok(items)
}

/// Python's argument binding: positionals, `*args`, keywords, defaults, and the
/// TypeErrors for every mismatch, worded as CPython words them.
pub fn bind_arguments(
    fun: &Function,
    pos: Vec<Value>,
    kw: Vec<(Name, Value)>,
) -> PyResult<Vec<Value>> {
    let def = &fun.def;
    let name = &def.name;
    let params = &def.params;
    let mut slots: Vec<Value> = vec![Value::Unbound; params.len()];
    let positional: Vec<usize> = (0..params.len())
        .filter(|&i| params[i].kind == ParamKind::Positional)
        .collect();
    let varargs = params.iter().position(|p| p.kind == ParamKind::VarArgs);
    let mut extra = Vec::new();
    for (k, v) in pos.into_iter().enumerate() {
        match positional.get(k) {
            Some(&i) => slots[i] = v,
            None => extra.push(v),
        }
    }
    if let Some(i) = varargs {
        slots[i] = Value::tuple(std::mem::take(&mut extra));
    } else if !extra.is_empty() {
        let given = positional.len() + extra.len();
        let required = positional
            .iter()
            .filter(|&&i| params[i].default.is_none())
            .count();
        let takes = if required == positional.len() {
            format!("{}", positional.len())
        } else {
            format!("from {required} to {}", positional.len())
        };
        let s = if positional.len() == 1 && required == positional.len() {
            ""
        } else {
            "s"
        };
        let was = if given == 1 { "was" } else { "were" };
        return Err(PyError::type_error(format!(
            "{name}() takes {takes} positional argument{s} but {given} {was} given"
        )));
    }
    let varkw = params.iter().position(|p| p.kind == ParamKind::VarKeywords);
    let mut extra_kw = crate::value::DictMap::default();
    for (key, v) in kw {
        let Some(i) = params.iter().position(|p| {
            p.name == key && matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly)
        }) else {
            if varkw.is_some() {
                extra_kw.insert(crate::value::Key(Value::str(&key)), v);
                continue;
            }
            return Err(PyError::type_error(format!(
                "{name}() got an unexpected keyword argument '{key}'"
            )));
        };
        if !matches!(slots[i], Value::Unbound) {
            return Err(PyError::type_error(format!(
                "{name}() got multiple values for argument '{key}'"
            )));
        }
        slots[i] = v;
    }
    if let Some(i) = varkw {
        slots[i] = Value::dict(extra_kw);
    }
    fill_defaults(fun, &positional, &mut slots)?;
    Ok(slots)
}

fn fill_defaults(fun: &Function, positional: &[usize], slots: &mut [Value]) -> PyResult<()> {
    let def = &fun.def;
    let first_default = positional.len() - fun.defaults.len();
    let mut missing = Vec::new();
    for (k, &i) in positional.iter().enumerate() {
        if matches!(slots[i], Value::Unbound) {
            if k >= first_default {
                slots[i] = fun.defaults[k - first_default].clone();
            } else {
                missing.push(format!("'{}'", def.params[i].name));
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(&def.name, "positional", &missing));
    }
    for (i, p) in def.params.iter().enumerate() {
        if p.kind == ParamKind::KeywordOnly && matches!(slots[i], Value::Unbound) {
            match fun.kw_defaults.iter().find(|(j, _)| *j == i) {
                Some((_, v)) => slots[i] = v.clone(),
                None => missing.push(format!("'{}'", p.name)),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(&def.name, "keyword-only", &missing));
    }
    Ok(())
}

fn missing_error(name: &str, kind: &str, missing: &[String]) -> PyError {
    let list = match missing {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    let s = if missing.len() == 1 { "" } else { "s" };
    PyError::type_error(format!(
        "{name}() missing {} required {kind} argument{s}: {list}",
        missing.len()
    ))
}
