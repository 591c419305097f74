//! The type constructors (`int()`, `float()`, `str()`, `list()`, …), `format()` of any
//! value, and the methods of numbers.

use super::{arity, kwarg, method_arity};
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::output::format::{format_float, format_int, format_str};
use crate::output::repr::{repr, str as str_of};
use crate::value::{Args, BuiltinDef, Host, TypeKind, Value};

/// Calls a type as a constructor: `int("12")`, `list(range(3))`, `type(x)`, …
pub fn construct(t: TypeKind, host: &mut dyn Host, args: Args) -> PyResult<Value> {
    let name = t.name();
    match t {
        TypeKind::Int => to_int(&args),
        TypeKind::Float => {
            arity(name, &args, 0, 1)?;
            args.pos.first().map_or(Ok(Value::float(0.0)), to_float)
        }
        TypeKind::Str => {
            arity(name, &args, 0, 1)?;
            Ok(Value::string(
                args.pos.first().map(str_of).unwrap_or_default(),
            ))
        }
        TypeKind::Bool => {
            arity(name, &args, 0, 1)?;
            if let Some(Value::Delayed(_)) = args.pos.first() {
                return Err(PyError::type_error(
                    "Truth of Delayed objects is not supported",
                ));
            }
            Ok(Value::bool(args.pos.first().is_some_and(Value::truthy)))
        }
        TypeKind::List => {
            arity(name, &args, 0, 1)?;
            Ok(Value::list(match args.pos.first() {
                Some(v) => v.to_vec()?,
                None => Vec::new(),
            }))
        }
        TypeKind::Tuple => {
            arity(name, &args, 0, 1)?;
            match args.pos.first() {
                Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
                Some(v) => Ok(Value::tuple(v.to_vec()?)),
                None => Ok(Value::tuple(Vec::new())),
            }
        }
        TypeKind::Dict => to_dict(&args),
        TypeKind::Set => {
            arity(name, &args, 0, 1)?;
            Ok(Value::set(match args.pos.first() {
                Some(v) => super::sets::members(v)?,
                None => crate::value::SetMap::default(),
            }))
        }
        TypeKind::Range => super::core::range(host, args),
        TypeKind::Type => {
            arity("type", &args, 1, 1)?;
            Ok(Value::Type(args.pos[0].type_kind()))
        }
        other => Err(PyError::type_error(format!(
            "cannot create '{}' instances",
            other.name()
        ))),
    }
}

fn to_int(args: &Args) -> PyResult<Value> {
    arity("int", args, 0, 2)?;
    let base = match args.pos.get(1).or_else(|| kwarg(args, "base")) {
        Some(b) => Some(super::expect_int(b)?),
        None => None,
    };
    let Some(v) = args.pos.first() else {
        return Ok(Value::Int(0));
    };
    if let Value::Array(a) = v {
        if a.len() == 1 {
            return Ok(Value::Int(a.first().map_or(0, |s| s.as_i64())));
        }
    }
    match (v, base) {
        (Value::Str(s), base) => parse_int(s, base.unwrap_or(10)),
        (_, Some(_)) => Err(PyError::type_error(
            "int() can't convert non-string with explicit base",
        )),
        (Value::Float(x), None) => float_to_int(x.get()),
        (v, None) if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
        (other, None) => Err(PyError::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

pub fn float_to_int(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(PyError::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t.abs() >= 9.223_372_036_854_776e18 {
        return Err(PyError::overflow("integer overflow: pgs ints are 64-bit"));
    }
    Ok(Value::Int(t as i64))
}

/// `int(text, base)` with Python's accepted spellings (signs, underscores, prefixes).
fn parse_int(text: &str, base: i64) -> PyResult<Value> {
    let invalid = || {
        PyError::value_error(format!(
            "invalid literal for int() with base {base}: {}",
            repr(&Value::str(text))
        ))
    };
    if base != 0 && !(2..=36).contains(&base) {
        return Err(PyError::value_error(
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    let t = super::unicode::ascii_number_text(text);
    let t = t.as_ref();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &digits[2..]),
        (0 | 8, Some("0o")) => (8, &digits[2..]),
        (0 | 2, Some("0b")) => (2, &digits[2..]),
        (0, _) => (10, digits),
        (b, _) => (b as u32, digits),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(invalid());
    }
    // With base 0 a decimal literal follows Python's syntax: no leading zeros ("010"),
    // except for zero itself ("000", "0_0").
    if base == 0
        && radix == 10
        && body.starts_with('0')
        && body.chars().any(|c| c != '0' && c != '_')
    {
        return Err(invalid());
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let magnitude = u64::from_str_radix(&clean, radix).map_err(|e| {
        if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) {
            PyError::overflow("integer overflow: pgs ints are 64-bit")
        } else {
            invalid()
        }
    })?;
    let value = if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    };
    value
        .map(Value::Int)
        .ok_or_else(|| PyError::overflow("integer overflow: pgs ints are 64-bit"))
}

fn to_float(v: &Value) -> PyResult<Value> {
    match v {
        Value::Array(a) if a.len() == 1 => {
            Ok(Value::float(a.first().map_or(f64::NAN, |s| s.as_f64())))
        }
        Value::Str(s) => parse_float(s).map(Value::float).ok_or_else(|| {
            PyError::value_error(format!("could not convert string to float: {}", repr(v)))
        }),
        other => other.as_float().map(Value::float).ok_or_else(|| {
            PyError::type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                other.type_name()
            ))
        }),
    }
}

fn parse_float(s: &str) -> Option<f64> {
    let t = super::unicode::ascii_number_text(s);
    let t = t.as_ref();
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let negative = lower.starts_with('-');
    let special = match unsigned {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Some(if negative { -x } else { x });
    }
    if t.contains("__") || t.starts_with('_') || t.ends_with('_') {
        return None;
    }
    let clean: String = t.chars().filter(|&c| c != '_').collect();
    if clean
        .chars()
        .any(|c| c.is_alphabetic() && c != 'e' && c != 'E')
    {
        return None;
    }
    clean.parse().ok()
}

fn to_dict(args: &Args) -> PyResult<Value> {
    arity("dict", args, 0, 1)?;
    let pairs = super::dicts::pairs_from(args.pos.first(), args)?;
    Ok(Value::dict(pairs.into_iter().collect()))
}

/// `format(v, spec)` / `f"{v:spec}"`.
pub fn format_value(v: &Value, spec: &str) -> PyResult<String> {
    let result = match v {
        Value::Float(x) => format_float(x.get(), spec),
        Value::Bool(b) if spec.is_empty() => Ok(if b.get() { "True" } else { "False" }.to_string()),
        Value::Int(_) | Value::Bool(_) => format_int(v.as_int().unwrap_or(0), spec),
        Value::Str(s) => format_str(s, spec),
        other if spec.is_empty() => Ok(str_of(other)),
        other => Err(format!(
            "unsupported format string passed to {}.__format__",
            other.type_name()
        )),
    };
    result.map_err(|message| {
        if let Some(m) = message.strip_prefix(crate::output::format::MEMORY_ERROR_PREFIX) {
            PyError::memory_error(m)
        } else if message.starts_with("unsupported format string") {
            PyError::type_error(message)
        } else {
            PyError::value_error(message)
        }
    })
}

/// Methods of ints and floats.
pub fn method(receiver: &Value, name: &str) -> Option<&'static BuiltinDef> {
    match (receiver, name) {
        (Value::Float(_), "is_integer") => Some(&IS_INTEGER),
        (Value::Int(_) | Value::Bool(_), "bit_length") => Some(&BIT_LENGTH),
        _ => None,
    }
}

builtin!(
    IS_INTEGER,
    "is_integer",
    "float",
    "float.is_integer()",
    "Whether the float is integral.",
    is_integer
);
fn is_integer(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("is_integer", &args, 0, 0)?;
    Ok(Value::bool(
        matches!(args.pos[0], Value::Float(x) if x.get().is_finite() && x.get().fract() == 0.0),
    ))
}

builtin!(
    BIT_LENGTH,
    "bit_length",
    "int",
    "int.bit_length()",
    "Bits needed to write abs(self) in binary.",
    bit_length
);
fn bit_length(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("bit_length", &args, 0, 0)?;
    let i = args.pos[0].as_int().unwrap_or(0);
    Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64))
}
