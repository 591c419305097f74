//! `repr()` and `str()` of values, character for character as CPython 3 prints them.

use super::format::{float_repr, str_repr};
use crate::value::array::NativeObj;
use crate::value::{DictMap, Truth, Value, ViewKind};
use parking_lot::RwLock;
use std::fmt::Write;
use std::sync::Arc;

/// Python's `repr(v)`.
pub fn repr(v: &Value) -> String {
    let mut out = String::new();
    write_repr(&mut out, v, &mut Vec::new());
    out
}

/// Python's `str(v)`: strings as they are, everything else as its repr.
pub fn str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Array(a) => super::ndprint::array_str(a),
        Value::Native(n) => match &**n {
            NativeObj::DType(d) => d.name().to_string(),
            _ => repr(v),
        },
        other => repr(other),
    }
}

/// Writes the repr of `v`; `open` holds the containers being printed, so a list that
/// contains itself prints `[...]` as in Python instead of recursing forever.
fn write_repr(out: &mut String, v: &Value, open: &mut Vec<usize>) {
    match v {
        Value::None | Value::Unbound => out.push_str("None"),
        Value::Bool(Truth::True) => out.push_str("True"),
        Value::Bool(Truth::False) => out.push_str("False"),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(x) => out.push_str(&float_repr(x.get())),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::List(l) => {
            let id = Arc::as_ptr(l) as *const () as usize;
            if open.contains(&id) {
                out.push_str("[...]");
                return;
            }
            open.push(id);
            let items = l.read_recursive().clone();
            write_seq(out, "[", &items, "]", open);
            open.pop();
        }
        Value::Tuple(t) => {
            if t.len() == 1 {
                out.push('(');
                write_repr(out, &t[0], open);
                out.push_str(",)");
            } else {
                write_seq(out, "(", t, ")", open);
            }
        }
        Value::Dict(d) => {
            let id = Arc::as_ptr(d) as *const () as usize;
            if open.contains(&id) {
                out.push_str("{...}");
                return;
            }
            open.push(id);
            let items: Vec<(Value, Value)> = d
                .read_recursive()
                .iter()
                .map(|(k, v)| (k.0.clone(), v.clone()))
                .collect();
            out.push('{');
            for (i, (k, v)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, k, open);
                out.push_str(": ");
                write_repr(out, v, open);
            }
            out.push('}');
            open.pop();
        }
        Value::Range(r) => {
            let _ = if r.step == 1 {
                write!(out, "range({}, {})", r.start, r.stop)
            } else {
                write!(out, "range({}, {}, {})", r.start, r.stop, r.step)
            };
        }
        Value::Func(f) => {
            let _ = write!(
                out,
                "<function {} at {:#x}>",
                f.def.name,
                Arc::as_ptr(f) as usize
            );
        }
        Value::Builtin(b) => {
            let _ = write!(out, "<built-in function {}>", b.name);
        }
        Value::Method(m) => {
            let _ = write!(
                out,
                "<built-in method {} of {} object at {:#x}>",
                m.1.name,
                m.0.type_name(),
                Arc::as_ptr(m) as usize
            );
        }
        Value::Module(m) => {
            let _ = write!(out, "<module '{}' (built-in)>", m.name);
        }
        Value::Type(t) => {
            let _ = write!(out, "<class '{}'>", t.name());
        }
        Value::Iter(it) => {
            let _ = write!(out, "<iterator object at {:#x}>", Arc::as_ptr(it) as usize);
        }
        Value::File(f) => {
            let f = f.lock();
            let _ = write!(
                out,
                "<_io.TextIOWrapper name={} mode={} encoding='UTF-8'>",
                str_repr(&f.path),
                str_repr(&f.mode)
            );
        }
        Value::Cell(c) => write_repr(out, &c.lock().clone(), open),
        Value::Set(s) => {
            let id = Arc::as_ptr(s) as *const () as usize;
            let items: Vec<Value> = s.read_recursive().iter().map(|k| k.0.clone()).collect();
            if items.is_empty() {
                out.push_str("set()");
            } else if open.contains(&id) {
                out.push_str("{...}");
            } else {
                open.push(id);
                write_seq(out, "{", &items, "}", open);
                open.pop();
            }
        }
        Value::DictKeys(d) => write_view(out, d, ViewKind::Keys, open),
        Value::DictValues(d) => write_view(out, d, ViewKind::Values, open),
        Value::DictItems(d) => write_view(out, d, ViewKind::Items, open),
        Value::Delayed(node) => {
            let _ = write!(out, "Delayed('{}')", node.key());
        }
        Value::Array(a) => out.push_str(&super::ndprint::array_repr(a)),
        Value::DArray(node) => out.push_str(&crate::array::build::repr(node)),
        Value::Native(n) => match &**n {
            NativeObj::DType(d) => {
                let _ = write!(out, "dtype('{}')", d.name());
            }
            NativeObj::Generator(_) => out.push_str("Generator(PCG64)"),
            NativeObj::Table(t) => out.push_str(&t.text),
        },
    }
}

/// `dict_keys([...])` and the like.
fn write_view(out: &mut String, d: &RwLock<DictMap>, kind: ViewKind, open: &mut Vec<usize>) {
    let items = kind.items(&d.read_recursive());
    out.push_str(kind.type_kind().name());
    out.push('(');
    write_seq(out, "[", &items, "]", open);
    out.push(')');
}

fn write_seq(out: &mut String, open_s: &str, items: &[Value], close: &str, open: &mut Vec<usize>) {
    out.push_str(open_s);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(out, item, open);
    }
    out.push_str(close);
}
