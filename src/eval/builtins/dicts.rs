//! The methods of `dict`. Views (`keys()`, `values()`, `items()`) are lists in pgs.

use super::method_arity;
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::output::repr::repr;
use crate::value::{Args, BuiltinDef, DictMap, Host, Key, Value};
use parking_lot::RwLock;
use std::sync::Arc;

pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "get" => &GET,
        "keys" => &KEYS,
        "values" => &VALUES,
        "items" => &ITEMS,
        "pop" => &POP,
        "setdefault" => &SETDEFAULT,
        "update" => &UPDATE,
        "copy" => &COPY,
        "clear" => &CLEAR,
        "popitem" => &POPITEM,
        _ => return None,
    })
}

pub const METHOD_NAMES: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];

fn receiver<'a>(args: &Args<'a>) -> &'a Arc<RwLock<DictMap>> {
    match &args.pos[0] {
        Value::Dict(d) => d,
        _ => unreachable!("dict methods are only looked up on dicts"),
    }
}

builtin!(
    GET,
    "get",
    "dict",
    "dict.get(key, default=None)",
    "The value for key, or default.",
    get
);
fn get(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("get", &args, 1, 2)?;
    let key = Key::new(args.pos[1].clone())?;
    Ok(receiver(&args)
        .read()
        .get(&key)
        .cloned()
        .unwrap_or_else(|| args.pos.get(2).cloned().unwrap_or_default()))
}

builtin!(
    KEYS,
    "keys",
    "dict",
    "dict.keys()",
    "The keys, in insertion order.",
    keys
);
fn keys(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("keys", &args, 0, 0)?;
    Ok(Value::DictKeys(receiver(&args).clone()))
}

builtin!(
    VALUES,
    "values",
    "dict",
    "dict.values()",
    "The values, in insertion order.",
    values
);
fn values(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("values", &args, 0, 0)?;
    Ok(Value::DictValues(receiver(&args).clone()))
}

builtin!(
    ITEMS,
    "items",
    "dict",
    "dict.items()",
    "(key, value) pairs, in insertion order.",
    items
);
fn items(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("items", &args, 0, 0)?;
    Ok(Value::DictItems(receiver(&args).clone()))
}

builtin!(
    POP,
    "pop",
    "dict",
    "dict.pop(key[, default])",
    "Removes key and returns its value.",
    pop
);
fn pop(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("pop", &args, 1, 2)?;
    let key = Key::new(args.pos[1].clone())?;
    match (receiver(&args).write().shift_remove(&key), args.pos.get(2)) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(PyError::key_error(repr(&args.pos[1]))),
    }
}

builtin!(
    POPITEM,
    "popitem",
    "dict",
    "dict.popitem()",
    "Removes and returns the last (key, value) pair.",
    popitem
);
fn popitem(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("popitem", &args, 0, 0)?;
    match receiver(&args).write().pop() {
        Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
        None => Err(PyError::key_error("'popitem(): dictionary is empty'")),
    }
}

builtin!(
    SETDEFAULT,
    "setdefault",
    "dict",
    "dict.setdefault(key, default=None)",
    "The value for key, inserting default first if absent.",
    setdefault
);
fn setdefault(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("setdefault", &args, 1, 2)?;
    let key = Key::new(args.pos[1].clone())?;
    let default = args.pos.get(2).cloned().unwrap_or_default();
    Ok(receiver(&args)
        .write()
        .entry(key)
        .or_insert(default)
        .clone())
}

builtin!(
    UPDATE,
    "update",
    "dict",
    "dict.update([other], **kwargs)",
    "Adds the pairs of other and the keyword arguments.",
    update
);
fn update(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("update", &args, 0, 1)?;
    let pairs = pairs_from(args.pos.get(1), &args)?;
    receiver(&args).write().extend(pairs);
    Ok(Value::None)
}

/// The (key, value) pairs `dict(x, **kw)` and `d.update(x, **kw)` add: from a dict,
/// or an iterable of 2-item sequences, then the keyword arguments.
pub fn pairs_from(source: Option<&Value>, args: &Args) -> PyResult<Vec<(Key, Value)>> {
    let mut pairs: Vec<(Key, Value)> = Vec::new();
    match source {
        None => {}
        Some(Value::Dict(d)) => pairs.extend(d.read().iter().map(|(k, v)| (k.clone(), v.clone()))),
        Some(other) => {
            for (i, item) in other.to_vec()?.into_iter().enumerate() {
                let pair = item.to_vec().map_err(|_| {
                    PyError::type_error(format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    ))
                })?;
                let [k, v]: [Value; 2] = pair.try_into().map_err(|p: Vec<Value>| {
                    PyError::value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        p.len()
                    ))
                })?;
                pairs.push((Key::new(k)?, v));
            }
        }
    }
    pairs.extend(args.kw.iter().map(|(k, v)| (Key(Value::str(k)), v.clone())));
    Ok(pairs)
}

builtin!(COPY, "copy", "dict", "dict.copy()", "A shallow copy.", copy);
fn copy(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("copy", &args, 0, 0)?;
    Ok(Value::dict(receiver(&args).read().clone()))
}

builtin!(
    CLEAR,
    "clear",
    "dict",
    "dict.clear()",
    "Removes every item.",
    clear
);
fn clear(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("clear", &args, 0, 0)?;
    receiver(&args).write().clear();
    Ok(Value::None)
}

builtin!(
    FROMKEYS,
    "fromkeys",
    "dict",
    "dict.fromkeys(iterable, value=None, /)",
    "A new dict with the items of iterable as keys, each mapped to value.",
    fromkeys
);
/// A classmethod: reached as `dict.fromkeys`, so it has no receiver.
fn fromkeys(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    super::arity("fromkeys", &args, 1, 2)?;
    let value = args.pos.get(1).cloned().unwrap_or_default();
    let mut map = DictMap::default();
    for key in args.pos[0].to_vec()? {
        map.insert(Key::new(key)?, value.clone());
    }
    Ok(Value::dict(map))
}
