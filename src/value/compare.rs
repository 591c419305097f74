//! Python equality and ordering between values (`==`, `<`, `sorted`, `min`).

use super::{DictMap, Value, ViewKind};
use crate::diag::{PyError, PyResult};
use parking_lot::RwLock;
use std::cmp::Ordering;
use std::sync::Arc;

/// `a == b` with Python's numeric tower (`1 == 1.0 == True`) and deep container
/// comparison.
pub fn equal(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x.get() == y.get(),
        (Str(x), Str(y)) => x == y,
        (None, None) => true,
        (Bool(_) | Int(_) | Float(_), Bool(_) | Int(_) | Float(_)) => num_eq(a, b),
        (List(x), List(y)) => {
            Arc::ptr_eq(x, y) || seq_equal(&x.read_recursive(), &y.read_recursive())
        }
        (Tuple(x), Tuple(y)) => seq_equal(x, y),
        (Dict(x), Dict(y)) => {
            if Arc::ptr_eq(x, y) {
                return true;
            }
            let (x, y) = (x.read_recursive(), y.read_recursive());
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        // Key and item views compare as sets; values views only by identity.
        (DictKeys(x), DictKeys(y)) => views_equal(x, y, ViewKind::Keys),
        (DictItems(x), DictItems(y)) => views_equal(x, y, ViewKind::Items),
        (DictValues(x), DictValues(y)) => Arc::ptr_eq(x, y),
        (Set(x), Set(y)) => {
            Arc::ptr_eq(x, y) || {
                let (x, y) = (x.read_recursive(), y.read_recursive());
                x.len() == y.len() && x.iter().all(|k| y.contains(k))
            }
        }
        (Range(x), Range(y)) => {
            let (lx, ly) = (x.len(), y.len());
            lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)))
        }
        (Type(x), Type(y)) => x == y,
        (Builtin(x), Builtin(y)) => std::ptr::eq(*x, *y),
        (Func(x), Func(y)) => Arc::ptr_eq(x, y),
        (Module(x), Module(y)) => Arc::ptr_eq(x, y),
        (Iter(x), Iter(y)) => Arc::ptr_eq(x, y),
        (File(x), File(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// Two key or item views, compared as sets.
fn views_equal(x: &RwLock<DictMap>, y: &RwLock<DictMap>, kind: ViewKind) -> bool {
    let (a, b) = (
        kind.items(&x.read_recursive()),
        kind.items(&y.read_recursive()),
    );
    a.len() == b.len() && a.iter().all(|v| b.iter().any(|w| equal(v, w)))
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a.as_int(), b.as_int()) {
        (Some(x), Some(y)) => x == y,
        _ => match (a, b) {
            (Value::Float(x), other) | (other, Value::Float(x)) => match other.as_int() {
                Some(i) => int_float_cmp(i, x.get()) == Some(Ordering::Equal),
                None => false,
            },
            _ => false,
        },
    }
}

/// Exact comparison of an int with a float (Python never rounds the int).
fn int_float_cmp(i: i64, x: f64) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    // 2**63 is the first float above every i64; -2**63 is exact. Between them the
    // truncated float converts to i64 exactly.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if x >= TWO_63 {
        return Some(Ordering::Less);
    }
    if x < -TWO_63 {
        return Some(Ordering::Greater);
    }
    let t = x.trunc();
    match i.cmp(&(t as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(x - t)),
        other => Some(other),
    }
}

fn seq_equal(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
}

/// Ordering for `<`, `sorted` and `min`/`max`. `None` means unordered (a NaN
/// involved); a TypeError for types Python cannot compare.
pub fn compare(a: &Value, b: &Value, op: &str) -> PyResult<Option<Ordering>> {
    use Value::*;
    Ok(match (a, b) {
        (Int(x), Int(y)) => Some(x.cmp(y)),
        (Float(x), Float(y)) => x.get().partial_cmp(&y.get()),
        (Str(x), Str(y)) => Some(x.cmp(y)),
        (Bool(_) | Int(_), Bool(_) | Int(_)) => a.as_int().partial_cmp(&b.as_int()),
        (Float(x), other) if other.as_int().is_some() => {
            int_float_cmp(other.as_int().unwrap_or(0), x.get()).map(Ordering::reverse)
        }
        (other, Float(x)) if other.as_int().is_some() => {
            int_float_cmp(other.as_int().unwrap_or(0), x.get())
        }
        (List(x), List(y)) => {
            seq_compare(&x.read_recursive().clone(), &y.read_recursive().clone(), op)?
        }
        (Set(x), Set(y)) => {
            let (x, y) = (x.read_recursive(), y.read_recursive());
            let x_in_y = x.iter().all(|k| y.contains(k));
            let y_in_x = y.iter().all(|k| x.contains(k));
            match (x_in_y, y_in_x) {
                (true, true) => Some(Ordering::Equal),
                (true, false) => Some(Ordering::Less),
                (false, true) => Some(Ordering::Greater),
                (false, false) => Option::None,
            }
        }
        (Tuple(x), Tuple(y)) => seq_compare(x, y, op)?,
        _ => {
            return Err(PyError::type_error(format!(
                "'{op}' not supported between instances of '{}' and '{}'",
                a.type_name(),
                b.type_name()
            )))
        }
    })
}

/// Lexicographic: the first unequal pair decides, then the length.
fn seq_compare(a: &[Value], b: &[Value], op: &str) -> PyResult<Option<Ordering>> {
    for (x, y) in a.iter().zip(b) {
        if !equal(x, y) {
            return compare(x, y, op);
        }
    }
    Ok(Some(a.len().cmp(&b.len())))
}
