//! The builtin functions, methods and types of pgs, and the attribute lookup that
//! finds them. Each submodule owns one family: `core` (print, len, range, …),
//! `strings`, `lists`, `dicts`, `numbers` (int/float/str/bool constructors, format),
//! `io` (open and file methods), `tables` (table, describe).

pub mod core;
pub mod dicts;
pub mod introspect;
pub mod io;
pub mod lists;
pub mod math;
pub mod numbers;
pub mod sets;
pub mod strings;
pub mod tables;
pub mod unicode;

use crate::diag::{PyError, PyResult};
use crate::value::{Args, BuiltinDef, Host, TypeKind, Value};
use std::sync::Arc;

pub use numbers::{construct, format_value};

/// Declares a `static BuiltinDef`. Methods of the types reachable unbound (`str.upper`,
/// `list.append`) first check their receiver, so `list.append(5, 1)` is the TypeError
/// CPython raises and the method body may rely on the receiver's type.
#[macro_export]
macro_rules! builtin {
    ($static:ident, $name:expr, $owner:expr, $sig:expr, $doc:expr, $f:expr) => {
        pub static $static: $crate::value::BuiltinDef = $crate::value::BuiltinDef {
            name: $name,
            owner: $owner,
            signature: $sig,
            doc: $doc,
            call: {
                fn checked_call(
                    host: &mut dyn $crate::value::Host,
                    args: $crate::value::Args<'_>,
                ) -> $crate::diag::PyResult<$crate::value::Value> {
                    $crate::eval::builtins::check_receiver($owner, $name, &args)?;
                    ($f)(host, args)
                }
                checked_call
            },
        };
    };
}

/// CPython's checks on a method descriptor called unbound (`str.upper(x)`): there must
/// be a receiver, and of the owner's type.
pub fn check_receiver(owner: &str, name: &str, args: &Args) -> PyResult<()> {
    if (owner, name) == ("dict", "fromkeys") {
        // A classmethod: it has no receiver to check.
        return Ok(());
    }
    let expected = match owner {
        "str" => TypeKind::Str,
        "list" => TypeKind::List,
        "dict" => TypeKind::Dict,
        "set" => TypeKind::Set,
        "tuple" => TypeKind::Tuple,
        _ => return Ok(()),
    };
    match args.pos.first() {
        Some(v) if v.type_kind() == expected => Ok(()),
        Some(v) => Err(PyError::type_error(format!(
            "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
            v.type_name()
        ))),
        None => Err(PyError::type_error(format!(
            "unbound method {owner}.{name}() needs an argument"
        ))),
    }
}

/// The builtin method `name` of `receiver`'s type, if there is one.
pub fn method(receiver: &Value, name: &str) -> Option<&'static BuiltinDef> {
    match receiver {
        Value::Str(_) => strings::method(name),
        Value::List(_) => lists::method(name),
        Value::Dict(_) => dicts::method(name),
        Value::Set(_) => sets::method(name),
        Value::File(_) => io::method(name),
        Value::Int(_) | Value::Bool(_) | Value::Float(_) => numbers::method(receiver, name),
        Value::Tuple(_) => lists::tuple_method(name),
        Value::Range(_) => lists::range_method(name),
        Value::Native(_) if tables::is_table(receiver) => tables::method(name),
        Value::Array(_) | Value::DArray(_) | Value::Native(_) => {
            super::darray::method(receiver, name)
        }
        _ => None,
    }
}

/// `obj.name`: module members, bound methods and the few data attributes.
pub fn get_attr(obj: &Value, name: &str, host: &mut dyn Host) -> PyResult<Value> {
    if let Some(def) = method(obj, name) {
        return Ok(Value::Method(Arc::new((obj.clone(), def))));
    }
    if let Some(attr) = super::darray::get_attr(obj, name) {
        return attr;
    }
    match obj {
        Value::Module(_) => super::modules::member(obj, name),
        Value::Range(r) => match name {
            "start" => Ok(Value::Int(r.start)),
            "stop" => Ok(Value::Int(r.stop)),
            "step" => Ok(Value::Int(r.step)),
            _ => Err(no_attribute(obj, name)),
        },
        Value::Float(x) if name == "real" => Ok(Value::Float(*x)),
        Value::Float(_) if name == "imag" => Ok(Value::float(0.0)),
        Value::Int(i) if name == "real" => Ok(Value::Int(*i)),
        Value::Int(_) if name == "imag" => Ok(Value::Int(0)),
        Value::File(f) if name == "name" => Ok(Value::str(&f.lock().path)),
        Value::File(f) if name == "closed" => Ok(Value::bool(f.lock().closed)),
        Value::Func(f) if name == "__name__" => Ok(Value::str(&f.def.name)),
        Value::Builtin(b) if name == "__name__" => Ok(Value::str(b.name)),
        Value::Type(t) if name == "__name__" => Ok(Value::str(t.name())),
        // `str.lower` is the unbound method: called with the receiver first.
        Value::Type(t) => unbound_method(*t, name)
            .map(Value::Builtin)
            .ok_or_else(|| no_attribute(obj, name)),
        _ => {
            let _ = host;
            Err(no_attribute(obj, name))
        }
    }
}

/// The names `method` finds for a value of this kind (help and completion).
pub fn method_names(value: &Value) -> &'static [&'static str] {
    match value {
        Value::Str(_) => strings::METHOD_NAMES,
        Value::List(_) => lists::METHOD_NAMES,
        Value::Dict(_) => dicts::METHOD_NAMES,
        Value::Set(_) => sets::METHOD_NAMES,
        Value::File(_) => io::METHOD_NAMES,
        Value::Tuple(_) => type_method_names(TypeKind::Tuple),
        Value::Int(_) | Value::Bool(_) => &["bit_length"],
        Value::Float(_) => &["is_integer"],
        Value::Array(_) | Value::DArray(_) => super::darray::METHOD_NAMES,
        Value::Delayed(_) => super::dask::METHOD_NAMES,
        Value::Native(_) if tables::is_table(value) => &["to_dict"],
        _ => &[],
    }
}

/// The methods of a builtin type, by name (`str.upper`, …), for help and completion.
pub fn type_method_names(t: TypeKind) -> &'static [&'static str] {
    match t {
        TypeKind::Str => strings::METHOD_NAMES,
        TypeKind::List => lists::METHOD_NAMES,
        TypeKind::Dict => dicts::METHOD_NAMES,
        TypeKind::Set => sets::METHOD_NAMES,
        TypeKind::Tuple => &["count", "index"],
        _ => &[],
    }
}

pub fn unbound_method(t: TypeKind, name: &str) -> Option<&'static BuiltinDef> {
    match t {
        TypeKind::Str => strings::method(name),
        TypeKind::List => lists::method(name),
        TypeKind::Dict if name == "fromkeys" => Some(&dicts::FROMKEYS),
        TypeKind::Dict => dicts::method(name),
        TypeKind::Set => sets::method(name),
        TypeKind::Tuple => lists::tuple_method(name),
        _ => None,
    }
}

#[cold]
pub fn no_attribute(obj: &Value, name: &str) -> PyError {
    match obj {
        Value::Module(m) => {
            PyError::attribute_error(format!("module '{}' has no attribute '{name}'", m.name))
        }
        Value::Type(t) => PyError::attribute_error(format!(
            "type object '{}' has no attribute '{name}'",
            t.name()
        )),
        _ => PyError::attribute_error(format!(
            "'{}' object has no attribute '{name}'",
            obj.type_name()
        )),
    }
}

// ------------------------------------------------------------ argument helpers

/// Checks the positional count, with CPython's wording.
pub fn arity(name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let message = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(PyError::type_error(message))
}

/// Like [`arity`] for methods, whose `pos[0]` is the receiver. CPython words the error
/// three ways, by how the method parses its arguments: `str.upper() takes no arguments
/// (1 given)` for no-argument and one-argument methods, `find() takes at most 3 arguments
/// (4 given)` for those that also accept keywords, and `strip expected at most 1
/// argument, got 2` for the other positional-only ones.
pub fn method_arity(name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len().saturating_sub(1);
    if n >= min && n <= max {
        return Ok(());
    }
    let owner = args.pos.first().map_or("object", |v| {
        let full = v.type_name();
        full.rsplit('.').next().unwrap_or(full)
    });
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let message = match (min, max) {
        (0, 0) => format!("{owner}.{name}() takes no arguments ({n} given)"),
        (1, 1) => format!("{owner}.{name}() takes exactly one argument ({n} given)"),
        _ if takes_keywords(owner, name) && n < min => format!(
            "{name}() takes at least {min} argument{} ({n} given)",
            plural(min)
        ),
        _ if takes_keywords(owner, name) => format!(
            "{name}() takes at most {max} argument{} ({n} given)",
            plural(max)
        ),
        _ if min == max => format!("{name} expected {min} argument{}, got {n}", plural(min)),
        _ if n < min => format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        ),
        _ => format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        ),
    };
    Err(PyError::type_error(message))
}

/// The methods whose CPython argument parser also accepts keywords (or is an old-style
/// `PyArg_ParseTuple`), which changes the wording of their arity errors.
fn takes_keywords(owner: &str, name: &str) -> bool {
    match owner {
        "str" => matches!(
            name,
            "split"
                | "rsplit"
                | "find"
                | "rfind"
                | "index"
                | "rindex"
                | "count"
                | "startswith"
                | "endswith"
                | "splitlines"
        ),
        "list" => name == "sort",
        _ => false,
    }
}

/// A keyword argument's value, if given.
pub fn kwarg<'a>(args: &Args<'a>, name: &str) -> Option<&'a Value> {
    args.kw
        .iter()
        .find(|(k, _)| k.as_ref() == name)
        .map(|(_, v)| v)
}

/// Rejects keywords other than `allowed`.
pub fn check_kwargs(fname: &str, args: &Args, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in args.kw {
        if !allowed.contains(&k.as_ref()) {
            return Err(PyError::type_error(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    Ok(())
}

/// The receiver of a string method.
pub fn recv_str<'a>(args: &Args<'a>) -> &'a str {
    match args.pos.first() {
        Some(Value::Str(s)) => s,
        _ => "",
    }
}

/// An argument that must be a str. `what` names it in the message (`replace() argument
/// 1 must be str, not int`); empty gives CPython's bare `must be str, not int`.
pub fn expect_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s),
        other => {
            let sep = if what.is_empty() { "" } else { " " };
            Err(PyError::type_error(format!(
                "{what}{sep}must be str, not {}",
                other.type_name()
            )))
        }
    }
}

/// An argument that must be an int (bools count, as in Python).
pub fn expect_int(v: &Value) -> PyResult<i64> {
    v.as_int().ok_or_else(|| {
        PyError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))
    })
}

/// The names every session starts with: builtin functions and types.
pub fn globals() -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = core::FUNCTIONS
        .iter()
        .map(|d| (d.name, Value::Builtin(d)))
        .collect();
    out.extend(io::FUNCTIONS.iter().map(|d| (d.name, Value::Builtin(d))));
    out.extend(
        introspect::FUNCTIONS
            .iter()
            .map(|d| (d.name, Value::Builtin(d))),
    );
    out.extend(
        tables::FUNCTIONS
            .iter()
            .map(|d| (d.name, Value::Builtin(d))),
    );
    for t in [
        TypeKind::Int,
        TypeKind::Float,
        TypeKind::Str,
        TypeKind::Bool,
        TypeKind::List,
        TypeKind::Tuple,
        TypeKind::Dict,
        TypeKind::Set,
        TypeKind::Range,
        TypeKind::Type,
    ] {
        out.push((t.name(), Value::Type(t)));
    }
    out
}
