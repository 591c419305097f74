//! The methods of `list` and `tuple`.

use super::{expect_int, method_arity};
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::output::repr::repr;
use crate::value::compare::equal;
use crate::value::{Args, BuiltinDef, Host, RangeObj, Value};
use parking_lot::RwLock;
use std::sync::Arc;

pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "append" => &APPEND,
        "extend" => &EXTEND,
        "insert" => &INSERT,
        "pop" => &POP,
        "remove" => &REMOVE,
        "index" => &INDEX,
        "count" => &COUNT,
        "sort" => &SORT,
        "reverse" => &REVERSE,
        "copy" => &COPY,
        "clear" => &CLEAR,
        _ => return None,
    })
}

pub fn tuple_method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "index" => &TUPLE_INDEX,
        "count" => &TUPLE_COUNT,
        _ => return None,
    })
}

pub fn range_method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "index" => &RANGE_INDEX,
        "count" => &RANGE_COUNT,
        _ => return None,
    })
}

pub const METHOD_NAMES: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];

fn receiver<'a>(args: &Args<'a>) -> &'a Arc<RwLock<Vec<Value>>> {
    match &args.pos[0] {
        Value::List(l) => l,
        _ => unreachable!("list methods are only looked up on lists"),
    }
}

/// The items of a list or tuple receiver (a snapshot).
fn items(args: &Args) -> Vec<Value> {
    match &args.pos[0] {
        Value::List(l) => l.read().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

builtin!(
    APPEND,
    "append",
    "list",
    "list.append(object)",
    "Adds object at the end.",
    append
);
fn append(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("append", &args, 1, 1)?;
    receiver(&args).write().push(args.pos[1].clone());
    Ok(Value::None)
}

builtin!(
    EXTEND,
    "extend",
    "list",
    "list.extend(iterable)",
    "Adds the items of iterable at the end.",
    extend
);
fn extend(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("extend", &args, 1, 1)?;
    // Collect first: `a.extend(a)` must not read the list while writing it.
    let extra = args.pos[1].to_vec()?;
    receiver(&args).write().extend(extra);
    Ok(Value::None)
}

builtin!(
    INSERT,
    "insert",
    "list",
    "list.insert(index, object)",
    "Inserts object before index.",
    insert
);
fn insert(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("insert", &args, 2, 2)?;
    let mut list = receiver(&args).write();
    let n = list.len() as i64;
    let i = expect_int(&args.pos[1])?;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    list.insert(i as usize, args.pos[2].clone());
    Ok(Value::None)
}

builtin!(
    POP,
    "pop",
    "list",
    "list.pop(index=-1)",
    "Removes and returns the item at index.",
    pop
);
fn pop(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("pop", &args, 0, 1)?;
    let mut list = receiver(&args).write();
    if list.is_empty() {
        return Err(PyError::index_error("pop from empty list"));
    }
    let n = list.len() as i64;
    let i = match args.pos.get(1) {
        Some(v) => expect_int(v)?,
        None => -1,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyError::index_error("pop index out of range"));
    }
    Ok(list.remove(j as usize))
}

builtin!(
    REMOVE,
    "remove",
    "list",
    "list.remove(value)",
    "Removes the first item equal to value.",
    remove
);
fn remove(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("remove", &args, 1, 1)?;
    let mut list = receiver(&args).write();
    match list.iter().position(|x| equal(x, &args.pos[1])) {
        Some(i) => {
            list.remove(i);
            Ok(Value::None)
        }
        None => Err(PyError::value_error("list.remove(x): x not in list")),
    }
}

builtin!(
    INDEX,
    "index",
    "list",
    "list.index(value[, start[, stop]])",
    "Index of the first item equal to value.",
    index
);
fn index(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("index", &args, 1, 3)?;
    let all = items(&args);
    let n = all.len() as i64;
    let clamp = |v: Option<&Value>, d: i64| -> PyResult<usize> {
        let i = match v {
            Some(v) => expect_int(v)?,
            None => d,
        };
        Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
    };
    let (lo, hi) = (clamp(args.pos.get(2), 0)?, clamp(args.pos.get(3), n)?);
    let found = all
        .get(lo..hi.max(lo))
        .and_then(|w| w.iter().position(|x| equal(x, &args.pos[1])));
    match (found, &args.pos[0]) {
        (Some(i), _) => Ok(Value::Int((lo + i) as i64)),
        (None, Value::Tuple(_)) => Err(PyError::value_error("tuple.index(x): x not in tuple")),
        (None, _) => Err(PyError::value_error(format!(
            "{} is not in list",
            repr(&args.pos[1])
        ))),
    }
}

builtin!(
    TUPLE_INDEX,
    "index",
    "tuple",
    "tuple.index(value[, start[, stop]])",
    "Index of the first item equal to value.",
    index
);

builtin!(
    COUNT,
    "count",
    "list",
    "list.count(value)",
    "Number of items equal to value.",
    count
);
fn count(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("count", &args, 1, 1)?;
    Ok(Value::Int(
        items(&args)
            .iter()
            .filter(|x| equal(x, &args.pos[1]))
            .count() as i64,
    ))
}

builtin!(
    TUPLE_COUNT,
    "count",
    "tuple",
    "tuple.count(value)",
    "Number of items equal to value.",
    count
);

/// The position of `item` in a range: arithmetic for ints, a scan (by `==`) for
/// anything else, as CPython does (so `range(5).index(2.0)` is 2).
fn range_position(r: &RangeObj, item: &Value) -> Option<i64> {
    if let Value::Int(i) = item {
        let offset = i128::from(*i) - i128::from(r.start);
        let k = offset / i128::from(r.step);
        let hit = offset % i128::from(r.step) == 0 && (0..i128::from(r.len())).contains(&k);
        return hit.then_some(k as i64);
    }
    (0..r.len()).find(|&k| equal(&Value::Int(r.get(k)), item))
}

fn range_receiver<'a>(args: &Args<'a>) -> &'a RangeObj {
    match &args.pos[0] {
        Value::Range(r) => r,
        _ => unreachable!("range methods are only looked up on ranges"),
    }
}

builtin!(
    RANGE_INDEX,
    "index",
    "range",
    "range.index(value)",
    "Index of value in the range; ValueError if absent.",
    range_index
);
fn range_index(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("index", &args, 1, 1)?;
    let item = &args.pos[1];
    match range_position(range_receiver(&args), item) {
        Some(k) => Ok(Value::Int(k)),
        None if matches!(item, Value::Int(_)) => Err(PyError::value_error(format!(
            "{} is not in range",
            repr(item)
        ))),
        None => Err(PyError::value_error("sequence.index(x): x not in sequence")),
    }
}

builtin!(
    RANGE_COUNT,
    "count",
    "range",
    "range.count(value)",
    "How many times value occurs in the range (0 or 1 for an int).",
    range_count
);
fn range_count(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("count", &args, 1, 1)?;
    let r = range_receiver(&args);
    let item = &args.pos[1];
    let n = match item {
        Value::Int(_) => usize::from(range_position(r, item).is_some()),
        _ => (0..r.len())
            .filter(|&k| equal(&Value::Int(r.get(k)), item))
            .count(),
    };
    Ok(Value::Int(n as i64))
}

builtin!(
    SORT,
    "sort",
    "list",
    "list.sort(*, key=None, reverse=False)",
    "Sorts the list in place, stably.",
    sort
);
fn sort(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 {
        return Err(PyError::type_error("sort() takes no positional arguments"));
    }
    super::check_kwargs("sort", &args, &["key", "reverse"])?;
    let list = receiver(&args);
    let mut snapshot = list.read().clone();
    let (key, reverse) = super::core::key_kwargs(&args);
    super::core::sort_values(host, &mut snapshot, key.as_ref(), reverse)?;
    *list.write() = snapshot;
    Ok(Value::None)
}

builtin!(
    REVERSE,
    "reverse",
    "list",
    "list.reverse()",
    "Reverses the list in place.",
    reverse
);
fn reverse(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("reverse", &args, 0, 0)?;
    receiver(&args).write().reverse();
    Ok(Value::None)
}

builtin!(COPY, "copy", "list", "list.copy()", "A shallow copy.", copy);
fn copy(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("copy", &args, 0, 0)?;
    Ok(Value::list(receiver(&args).read().clone()))
}

builtin!(
    CLEAR,
    "clear",
    "list",
    "list.clear()",
    "Removes every item.",
    clear
);
fn clear(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("clear", &args, 0, 0)?;
    receiver(&args).write().clear();
    Ok(Value::None)
}
