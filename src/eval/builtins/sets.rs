//! The `set` type's methods and operators. Sets keep insertion order (CPython orders
//! them by hash, which programs should not rely on; see docs/language.md).

use super::method_arity;
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::output::repr::repr;
use crate::syntax::ast::BinOp;
use crate::value::{Args, BuiltinDef, Host, Key, SetMap, Value};
use parking_lot::RwLock;
use std::sync::Arc;

pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "add" => &ADD,
        "remove" => &REMOVE,
        "discard" => &DISCARD,
        "pop" => &POP,
        "clear" => &CLEAR,
        "copy" => &COPY,
        "update" => &UPDATE,
        "union" => &UNION,
        "intersection" => &INTERSECTION,
        "difference" => &DIFFERENCE,
        "symmetric_difference" => &SYMMETRIC_DIFFERENCE,
        "issubset" => &ISSUBSET,
        "issuperset" => &ISSUPERSET,
        "isdisjoint" => &ISDISJOINT,
        _ => return None,
    })
}

pub const METHOD_NAMES: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "discard",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "union",
    "update",
];

fn receiver<'a>(args: &Args<'a>) -> &'a Arc<RwLock<SetMap>> {
    match &args.pos[0] {
        Value::Set(s) => s,
        _ => unreachable!("set methods are only looked up on sets"),
    }
}

/// The items of any iterable, as set members (hashability checked).
pub fn members(v: &Value) -> PyResult<SetMap> {
    match v {
        Value::Set(s) => Ok(s.read().clone()),
        other => other.to_vec()?.into_iter().map(Key::new).collect(),
    }
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on two sets; `None` for other operators.
pub fn binary(op: BinOp, a: &SetMap, b: &SetMap) -> Option<SetMap> {
    Some(match op {
        BinOp::BitOr => a.iter().chain(b.iter()).cloned().collect(),
        BinOp::BitAnd => a.iter().filter(|k| b.contains(*k)).cloned().collect(),
        BinOp::Sub => a.iter().filter(|k| !b.contains(*k)).cloned().collect(),
        BinOp::BitXor => a
            .iter()
            .filter(|k| !b.contains(*k))
            .chain(b.iter().filter(|k| !a.contains(*k)))
            .cloned()
            .collect(),
        _ => return None,
    })
}

/// Folds the arguments of `union`/`intersection`/… into the receiver's items.
fn fold(args: &Args, op: BinOp) -> PyResult<Value> {
    let mut acc = receiver(args).read().clone();
    for other in &args.pos[1..] {
        acc = binary(op, &acc, &members(other)?).unwrap_or_default();
    }
    Ok(Value::set(acc))
}

builtin!(ADD, "add", "set", "set.add(elem)", "Adds an element.", add);
fn add(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("add", &args, 1, 1)?;
    let key = Key::new(args.pos[1].clone())?;
    receiver(&args).write().insert(key);
    Ok(Value::None)
}

builtin!(
    REMOVE,
    "remove",
    "set",
    "set.remove(elem)",
    "Removes an element; KeyError if absent.",
    remove
);
fn remove(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("remove", &args, 1, 1)?;
    let key = Key::new(args.pos[1].clone())?;
    if receiver(&args).write().shift_remove(&key) {
        Ok(Value::None)
    } else {
        Err(PyError::key_error(repr(&args.pos[1])))
    }
}

builtin!(
    DISCARD,
    "discard",
    "set",
    "set.discard(elem)",
    "Removes an element if present.",
    discard
);
fn discard(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("discard", &args, 1, 1)?;
    let key = Key::new(args.pos[1].clone())?;
    receiver(&args).write().shift_remove(&key);
    Ok(Value::None)
}

builtin!(
    POP,
    "pop",
    "set",
    "set.pop()",
    "Removes and returns an element; KeyError if empty.",
    pop
);
fn pop(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("pop", &args, 0, 0)?;
    let first = receiver(&args).write().shift_remove_index(0);
    first
        .map(|k| k.0)
        .ok_or_else(|| PyError::key_error("'pop from an empty set'"))
}

builtin!(
    CLEAR,
    "clear",
    "set",
    "set.clear()",
    "Removes every element.",
    clear
);
fn clear(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("clear", &args, 0, 0)?;
    receiver(&args).write().clear();
    Ok(Value::None)
}

builtin!(COPY, "copy", "set", "set.copy()", "A shallow copy.", copy);
fn copy(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("copy", &args, 0, 0)?;
    Ok(Value::set(receiver(&args).read().clone()))
}

builtin!(
    UPDATE,
    "update",
    "set",
    "set.update(*others)",
    "Adds the elements of every argument.",
    update
);
fn update(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let mut extra = SetMap::default();
    for other in &args.pos[1..] {
        extra.extend(members(other)?);
    }
    receiver(&args).write().extend(extra);
    Ok(Value::None)
}

builtin!(
    UNION,
    "union",
    "set",
    "set.union(*others)",
    "A new set with the elements of all.",
    union
);
fn union(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    fold(&args, BinOp::BitOr)
}

builtin!(
    INTERSECTION,
    "intersection",
    "set",
    "set.intersection(*others)",
    "A new set with the common elements.",
    intersection
);
fn intersection(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    fold(&args, BinOp::BitAnd)
}

builtin!(
    DIFFERENCE,
    "difference",
    "set",
    "set.difference(*others)",
    "A new set without the others' elements.",
    difference
);
fn difference(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    fold(&args, BinOp::Sub)
}

builtin!(
    SYMMETRIC_DIFFERENCE,
    "symmetric_difference",
    "set",
    "set.symmetric_difference(other)",
    "Elements in exactly one of the two.",
    symmetric_difference
);
fn symmetric_difference(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("symmetric_difference", &args, 1, 1)?;
    fold(&args, BinOp::BitXor)
}

fn relation(args: &Args, name: &str, test: fn(&SetMap, &SetMap) -> bool) -> PyResult<Value> {
    method_arity(name, args, 1, 1)?;
    let mine = receiver(args).read().clone();
    Ok(Value::bool(test(&mine, &members(&args.pos[1])?)))
}

builtin!(
    ISSUBSET,
    "issubset",
    "set",
    "set.issubset(other)",
    "Whether every element is in other.",
    issubset
);
fn issubset(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    relation(&args, "issubset", |a, b| a.iter().all(|k| b.contains(k)))
}

builtin!(
    ISSUPERSET,
    "issuperset",
    "set",
    "set.issuperset(other)",
    "Whether every element of other is in the set.",
    issuperset
);
fn issuperset(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    relation(&args, "issuperset", |a, b| b.iter().all(|k| a.contains(k)))
}

builtin!(
    ISDISJOINT,
    "isdisjoint",
    "set",
    "set.isdisjoint(other)",
    "Whether the two share no element.",
    isdisjoint
);
fn isdisjoint(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    relation(&args, "isdisjoint", |a, b| !a.iter().any(|k| b.contains(k)))
}
