//! Python's operator semantics on values: arithmetic with floor division and modulo
//! by Python's rules, 64-bit ints that raise OverflowError instead of wrapping,
//! sequence repetition and concatenation, comparisons and membership.

use crate::diag::{PyError, PyResult};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::compare::{compare, equal};
use crate::value::{ArcStr, Key, Value};
use std::cmp::Ordering;
use std::sync::Arc;

#[cold]
fn overflow() -> PyError {
    PyError::overflow("integer overflow: pgs ints are 64-bit")
}

#[cold]
fn unsupported(op: BinOp, a: &Value, b: &Value) -> PyError {
    PyError::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.type_name(),
        b.type_name()
    ))
}

/// `a op b`.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    use Value::{Float, Int};
    // Fast paths first: the interpreter's hot loops are int and float arithmetic.
    match (a, b) {
        (Int(x), Int(y)) => return int_op(op, *x, *y),
        (Float(x), Float(y)) if is_float_op(op) => return float_op(op, x.get(), y.get()),
        (Int(x), Float(y)) if is_float_op(op) => return float_op(op, *x as f64, y.get()),
        (Float(x), Int(y)) if is_float_op(op) => return float_op(op, x.get(), *y as f64),
        _ => {}
    }
    // `"%s" % array` is string formatting: str's `%` runs before the array's.
    let formats = op == BinOp::Mod && matches!(a, Value::Str(_));
    if !formats && (crate::eval::darray::is_array(a) || crate::eval::darray::is_array(b)) {
        return crate::eval::darray::binary(op, a, b);
    }
    match (a.as_int(), b.as_int()) {
        (Some(x), Some(y))
            if !matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
                || !matches!((a, b), (Value::Bool(_), Value::Bool(_))) =>
        {
            return int_op(op, x, y)
        }
        (Some(_), Some(_)) => {
            let (x, y) = (a.truthy(), b.truthy());
            return Ok(Value::bool(match op {
                BinOp::BitAnd => x & y,
                BinOp::BitOr => x | y,
                _ => x ^ y,
            }));
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        if !is_float_op(op) {
            return Err(unsupported(op, a, b));
        }
        return float_op(op, x, y);
    }
    sequence_op(op, a, b)
}

/// The operators floats support (not the bitwise ones, shifts or `@`).
fn is_float_op(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Div
            | BinOp::FloorDiv
            | BinOp::Mod
            | BinOp::Pow
    )
}

fn int_op(op: BinOp, x: i64, y: i64) -> PyResult<Value> {
    let v = match op {
        BinOp::Add => x.checked_add(y).ok_or_else(overflow)?,
        BinOp::Sub => x.checked_sub(y).ok_or_else(overflow)?,
        BinOp::Mul => x.checked_mul(y).ok_or_else(overflow)?,
        BinOp::Div => {
            if y == 0 {
                return Err(PyError::zero_division("division by zero"));
            }
            return Ok(Value::float(int_true_div(x, y)));
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(PyError::zero_division("integer division or modulo by zero"));
            }
            let q = x.checked_div(y).ok_or_else(overflow)?;
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(PyError::zero_division("integer modulo by zero"));
            }
            let r = x.checked_rem(y).unwrap_or(0);
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        BinOp::Pow => return int_pow(x, y),
        BinOp::LShift => {
            if y < 0 {
                return Err(PyError::value_error("negative shift count"));
            }
            if x == 0 {
                0
            } else if y >= 64 || (x.unsigned_abs().leading_zeros() as i64) <= y {
                return Err(overflow());
            } else {
                x << y
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(PyError::value_error("negative shift count"));
            }
            x >> y.min(63)
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => return Err(unsupported(op, &Value::Int(x), &Value::Int(y))),
    };
    Ok(Value::Int(v))
}

/// int / int correctly rounded even when the operands exceed 2**53, as CPython's
/// true division of ints is (converting each operand to float first would round twice).
fn int_true_div(x: i64, y: i64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
        // Both operands are exact floats, and IEEE division rounds correctly.
        return x as f64 / y as f64;
    }
    let magnitude = ratio_magnitude(x.unsigned_abs(), y.unsigned_abs());
    if (x < 0) != (y < 0) {
        -magnitude
    } else {
        magnitude
    }
}

/// `a / b` for non-zero `b`, correctly rounded: the quotient is computed with at least
/// 55 significant bits plus a sticky bit for any remainder, so the one rounding done by
/// the conversion to f64 is the correct one.
fn ratio_magnitude(a: u64, b: u64) -> f64 {
    if a == 0 {
        return 0.0;
    }
    let bits = |v: u64| i32::try_from(64 - v.leading_zeros()).unwrap_or(64);
    // Scale so the quotient has >= 55 bits; a << shift stays below 2**121.
    let shift = (56 + bits(b) - bits(a)).max(0);
    let scaled = u128::from(a) << shift;
    let (q, r) = (scaled / u128::from(b), scaled % u128::from(b));
    let sticky = u128::from(r != 0);
    // u128 -> f64 rounds to nearest even; the power of two scaling back is exact.
    (q | sticky) as f64 * 2f64.powi(-shift)
}

fn int_pow(x: i64, y: i64) -> PyResult<Value> {
    if y < 0 {
        if x == 0 {
            return Err(PyError::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(Value::float((x as f64).powf(y as f64)));
    }
    let exp = u32::try_from(y).map_err(|_| overflow())?;
    match x {
        0 | 1 => Ok(Value::Int(if exp == 0 { 1 } else { x })),
        -1 => Ok(Value::Int(if exp % 2 == 0 { 1 } else { -1 })),
        _ => x.checked_pow(exp).map(Value::Int).ok_or_else(overflow),
    }
}

fn float_op(op: BinOp, x: f64, y: f64) -> PyResult<Value> {
    let v = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(PyError::zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(PyError::zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(PyError::zero_division("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => float_pow(x, y)?,
        _ => return Err(unsupported(op, &Value::float(x), &Value::float(y))),
    };
    Ok(Value::float(v))
}

/// Python's float divmod: the remainder takes the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(PyError::zero_division(
            "0.0 cannot be raised to a negative power",
        ));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(PyError::value_error(
            "pgs has no complex numbers: negative number raised to a fractional power",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(PyError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(r)
}

fn sequence_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Set(x), Value::Set(y)) = (a, b) {
        let (x, y) = (x.read().clone(), y.read().clone());
        if let Some(result) = crate::eval::builtins::sets::binary(op, &x, &y) {
            return Ok(Value::set(result));
        }
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => {
            check_size(x.len().saturating_add(y.len()))?;
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Value::string(s))
        }
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut items = x.read().clone();
            items.extend(y.read().iter().cloned());
            Ok(Value::list(items))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            Ok(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
        }
        (BinOp::Mul, seq, n) | (BinOp::Mul, n, seq)
            if n.as_int().is_some()
                && matches!(seq, Value::Str(_) | Value::List(_) | Value::Tuple(_)) =>
        {
            repeat(seq, n.as_int().unwrap_or(0))
        }
        (BinOp::Mod, Value::Str(fmt), args) => {
            crate::eval::builtins::strings::percent_format(fmt, args)
        }
        // A sequence on the left owns `+`, so CPython's message names its type.
        (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_), other) => {
            Err(PyError::type_error(format!(
                "can only concatenate {0} (not \"{1}\") to {0}",
                a.type_name(),
                other.type_name()
            )))
        }
        (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
        | (BinOp::Mul, other, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
            Err(PyError::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            )))
        }
        // A delayed operand reached through a builtin (`sum(list_of_delayed)`): a
        // task, as the interpreter makes for `a + b` written in the program.
        (_, Value::Delayed(_), _) | (_, _, Value::Delayed(_)) => Ok(crate::eval::dask::binary(
            op,
            a,
            b,
            crate::source::Span::default(),
        )),
        // `d1 | d2` (Python 3.9): a new dict, the right operand's values winning.
        (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
            let mut merged = x.read().clone();
            merged.extend(y.read().iter().map(|(k, v)| (k.clone(), v.clone())));
            Ok(Value::dict(merged))
        }
        _ => Err(unsupported(op, a, b)),
    }
}

fn check_size(bytes: usize) -> PyResult<()> {
    crate::limits::check_allocation(Some(bytes), "the result")
}

/// `seq * n`, refusing before allocating when the result would be huge.
fn repeat(seq: &Value, n: i64) -> PyResult<Value> {
    let n = n.max(0) as usize;
    match seq {
        Value::Str(s) => {
            check_size(s.len().saturating_mul(n))?;
            Ok(Value::string(s.repeat(n)))
        }
        Value::List(l) => {
            let items = l.read().clone();
            check_size(items.len().saturating_mul(n).saturating_mul(24))?;
            Ok(Value::list(repeat_items(&items, n)))
        }
        Value::Tuple(t) => {
            check_size(t.len().saturating_mul(n).saturating_mul(24))?;
            Ok(Value::tuple(repeat_items(t, n)))
        }
        _ => unreachable!("repeat is only called on sequences"),
    }
}

fn repeat_items(items: &[Value], n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}

/// `-x`, `+x`, `~x`, `not x`.
pub fn unary(op: UnaryOp, v: &Value) -> PyResult<Value> {
    if let Some(result) = crate::eval::darray::unary(op, v) {
        return result;
    }
    Ok(match (op, v) {
        (UnaryOp::Not, v) => Value::bool(!v.truthy()),
        (UnaryOp::Neg, Value::Float(x)) => Value::float(-x.get()),
        (UnaryOp::Neg, v) if v.as_int().is_some() => {
            Value::Int(v.as_int().unwrap_or(0).checked_neg().ok_or_else(overflow)?)
        }
        (UnaryOp::Pos, Value::Float(x)) => Value::Float(*x),
        (UnaryOp::Pos, v) if v.as_int().is_some() => Value::Int(v.as_int().unwrap_or(0)),
        (UnaryOp::Invert, v) if v.as_int().is_some() => Value::Int(!v.as_int().unwrap_or(0)),
        (op, v) => {
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                _ => "~",
            };
            return Err(PyError::type_error(format!(
                "bad operand type for unary {sym}: '{}'",
                v.type_name()
            )));
        }
    })
}

/// One comparison of a (possibly chained) comparison.
pub fn compare_op(op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    if matches!(op, CmpOp::Eq | CmpOp::Ne) {
        if let Some(eq) = crate::eval::darray::dtype_equal(a, b) {
            return Ok(eq == (op == CmpOp::Eq));
        }
    }
    Ok(match op {
        CmpOp::Eq => equal(a, b),
        CmpOp::Ne => !equal(a, b),
        CmpOp::In => contains(b, a)?,
        CmpOp::NotIn => !contains(b, a)?,
        CmpOp::Is => identical(a, b),
        CmpOp::IsNot => !identical(a, b),
        CmpOp::Lt => compare(a, b, "<")? == Some(Ordering::Less),
        CmpOp::Gt => compare(a, b, ">")? == Some(Ordering::Greater),
        CmpOp::Le => matches!(compare(a, b, "<=")?, Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Ge => matches!(
            compare(a, b, ">=")?,
            Some(Ordering::Greater | Ordering::Equal)
        ),
    })
}

/// `a is b`: the same object. Immediates compare by value (CPython caches small
/// ints, `None`, `True` and `False`; pgs treats every int and float that way).
pub fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => ArcStr::ptr_eq(x, y) || (x.len() <= 1 && x == y),
        (Value::List(x), Value::List(y)) => Arc::ptr_eq(x, y),
        (Value::Dict(x), Value::Dict(y)) => Arc::ptr_eq(x, y),
        (Value::Tuple(x), Value::Tuple(y)) => Arc::ptr_eq(x, y) || (x.is_empty() && y.is_empty()),
        (Value::Type(x), Value::Type(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => Arc::ptr_eq(x, y),
        (Value::DArray(x), Value::DArray(y)) => Arc::ptr_eq(x, y),
        _ => equal(a, b) && matches!(a, Value::Func(_) | Value::Builtin(_) | Value::Module(_)),
    }
}

/// `==` for `in` over a list or tuple; a NumPy dtype equals the names of its type
/// (`x.dtype in (np.float64, "int64")`).
fn member_equal(x: &Value, item: &Value) -> bool {
    crate::eval::darray::dtype_equal(x, item).unwrap_or_else(|| equal(x, item))
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(sub.as_str())),
            other => Err(PyError::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ))),
        },
        Value::List(l) => Ok(l.read().iter().any(|x| member_equal(x, item))),
        Value::Tuple(t) => Ok(t.iter().any(|x| member_equal(x, item))),
        Value::Array(_) => crate::eval::darray::contains(container, item),
        Value::Dict(d) | Value::DictKeys(d) => Ok(d.read().contains_key(&Key::new(item.clone())?)),
        Value::DictValues(d) => Ok(d.read().values().any(|v| equal(v, item))),
        Value::Set(s) => Ok(s.read().contains(&Key::new(item.clone())?)),
        Value::DictItems(d) => Ok(match item {
            Value::Tuple(pair) if pair.len() == 2 => {
                let key = Key::new(pair[0].clone())?;
                d.read().get(&key).is_some_and(|v| equal(v, &pair[1]))
            }
            _ => false,
        }),
        Value::Range(r) => Ok(match item {
            Value::Int(_) | Value::Bool(_) => {
                let i = item.as_int().unwrap_or(0);
                let in_bounds = if r.step > 0 {
                    r.start <= i && i < r.stop
                } else {
                    r.stop < i && i <= r.start
                };
                in_bounds && (i128::from(i) - i128::from(r.start)) % i128::from(r.step) == 0
            }
            Value::Float(x) => {
                let x = x.get();
                x.fract() == 0.0 && contains(container, &Value::Int(x as i64))?
            }
            _ => false,
        }),
        Value::Iter(_) => {
            // `x in iter(range(10**18))` is a long loop: stop on Ctrl-C.
            let mut it = container.iterate()?;
            let mut count = 0u32;
            while let Some(x) = it.next_value() {
                if equal(&x, item) {
                    return Ok(true);
                }
                count = count.wrapping_add(1);
                if count.is_multiple_of(4096) {
                    crate::interrupt::check()?;
                }
            }
            Ok(false)
        }
        other => Err(PyError::type_error(format!(
            "argument of type '{}' is not iterable",
            other.type_name()
        ))),
    }
}
