//! `import`: the builtin modules pgs provides (`math`, `sys`, `time`). Anything else
//! is a ModuleNotFoundError naming what is available.

use super::builtins::{math, no_attribute};
use crate::builtin;
use crate::diag::{ExcKind, PyError, PyResult};
use crate::syntax::ast::Name;
use crate::value::{Args, Host, ModuleObj, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The modules `import` accepts.
pub const AVAILABLE: &[&str] = &["dask", "dask.array", "math", "numpy", "sys", "time"];

/// Loads the module at a dotted path (the interpreter binds `a` for `import a.b`).
pub fn import(path: &[Name], host: &mut dyn Host) -> PyResult<Value> {
    let full: Vec<&str> = path.iter().map(|n| n.as_ref()).collect();
    let name = full.join(".");
    if let Some(module) = LOADED.lock().get(name.as_str()) {
        return Ok(module.clone());
    }
    let module = match name.as_str() {
        "math" => math_module(),
        "sys" => sys_module(host),
        "time" => time_module(),
        "dask" => super::dask::module(),
        "dask.array" => super::darray::dask_array_module(),
        "numpy" => super::darray::numpy_module(),
        "numpy.random" | "dask.array.random" => {
            let parent = import(&path[..path.len() - 1], host)?;
            member(&parent, "random")?
        }
        _ => {
            return Err(PyError::new(
                ExcKind::ModuleNotFoundError,
                format!(
                    "No module named '{name}' (pgs provides: {})",
                    AVAILABLE.join(", ")
                ),
            ))
        }
    };
    LOADED.lock().insert(name, module.clone());
    Ok(module)
}

/// Every module is made once per process, like Python's `sys.modules`: importing it
/// again (or under another name) gives the same object, so `import math as m` makes
/// `m is math`, and `from sys import argv` is the very list `sys.argv`.
static LOADED: parking_lot::Mutex<BTreeMap<String, Value>> =
    parking_lot::Mutex::new(BTreeMap::new());

/// `from module import name`: like [`member`], but a missing name is CPython's
/// ImportError (pgs modules are built in, so their location is unknown).
pub fn import_name(module: &Value, name: &str) -> PyResult<Value> {
    match module {
        Value::Module(m) => m.members.get(name).cloned().ok_or_else(|| {
            PyError::new(
                ExcKind::ImportError,
                format!(
                    "cannot import name '{name}' from '{}' (unknown location)",
                    m.name
                ),
            )
        }),
        other => member(other, name),
    }
}

/// `module.name` (and, for now, `from module import name`).
pub fn member(module: &Value, name: &str) -> PyResult<Value> {
    match module {
        Value::Module(m) => m.members.get(name).cloned().ok_or_else(|| {
            let mut e = no_attribute(module, name);
            if let Some(s) = crate::diag::suggest::did_you_mean(name, m.members.keys().copied()) {
                e = PyError::attribute_error(format!("{}. Did you mean: '{s}'?", e.message()));
            }
            e
        }),
        other => Err(no_attribute(other, name)),
    }
}

fn module(name: &'static str, members: indexmap::IndexMap<&'static str, Value>) -> Value {
    Value::Module(Arc::new(ModuleObj { name, members }))
}

fn math_module() -> Value {
    let mut members: indexmap::IndexMap<&'static str, Value> = math::FUNCTIONS
        .iter()
        .map(|d| (d.name, Value::Builtin(d)))
        .collect();
    members.extend(math::CONSTANTS.iter().map(|(n, x)| (*n, Value::float(*x))));
    module("math", members)
}

fn sys_module(host: &mut dyn Host) -> Value {
    let mut members = indexmap::IndexMap::new();
    members.insert("argv", Value::list(host.argv()));
    members.insert("maxsize", Value::Int(i64::MAX));
    members.insert(
        "version",
        Value::str(concat!("pgs ", env!("CARGO_PKG_VERSION"))),
    );
    module("sys", members)
}

builtin!(
    PERF_COUNTER,
    "perf_counter",
    "time",
    "time.perf_counter()",
    "Seconds from a monotonic clock, for measuring intervals.",
    perf_counter
);
fn perf_counter(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    super::builtins::arity("perf_counter", &args, 0, 0)?;
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = START.get_or_init(std::time::Instant::now);
    Ok(Value::float(start.elapsed().as_secs_f64()))
}

builtin!(
    TIME,
    "time",
    "time",
    "time.time()",
    "Seconds since the Unix epoch.",
    time
);
fn time(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    super::builtins::arity("time", &args, 0, 0)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    Ok(Value::float(now))
}

builtin!(
    SLEEP,
    "sleep",
    "time",
    "time.sleep(seconds)",
    "Pauses this thread for the given seconds.",
    sleep
);
fn sleep(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    super::builtins::arity("sleep", &args, 1, 1)?;
    let secs = args.pos[0]
        .as_float()
        .filter(|s| *s >= 0.0 && s.is_finite())
        .ok_or_else(|| PyError::value_error("sleep length must be non-negative"))?;
    let end = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs);
    // Sleep in slices so Ctrl-C and a failing parallel task stop it promptly.
    while std::time::Instant::now() < end {
        host.check_interrupt()?;
        let left = end.saturating_duration_since(std::time::Instant::now());
        std::thread::sleep(left.min(std::time::Duration::from_millis(20)));
    }
    Ok(Value::None)
}

fn time_module() -> Value {
    let mut members = indexmap::IndexMap::new();
    for d in [&PERF_COUNTER, &TIME, &SLEEP] {
        members.insert(d.name, Value::Builtin(d));
    }
    module("time", members)
}
