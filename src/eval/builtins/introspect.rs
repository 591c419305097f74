//! Looking at the program from inside it: `help(obj)` (signatures and docstrings of
//! builtins, modules and user functions) and `profile(...)` (where a computation
//! spent its time).

use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::output::repr::repr;
use crate::syntax::ast::{ExprKind, ParamKind, StmtKind};
use crate::value::function::Function;
use crate::value::{Args, BuiltinDef, Host, ModuleObj, TypeKind, Value};

pub static FUNCTIONS: &[&BuiltinDef] = &[&HELP, &PROFILE];

builtin!(
    HELP,
    "help",
    "",
    "help(obj)",
    "Shows the signature and documentation of a function, method, module or type.",
    help
);
fn help(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() || args.pos.len() > 1 {
        return Err(PyError::type_error(
            "help() takes at most 1 argument (the object to describe)",
        ));
    }
    let text = match args.pos.first() {
        None => GENERAL_HELP.to_string(),
        Some(obj) => help_text(obj),
    };
    host.write_out(&text)?;
    Ok(Value::None)
}

const GENERAL_HELP: &str = "\
Welcome to pgs: Python-flavoured, parallel, no GIL.

help(obj) describes a function, method, module or type: help(print),
help(str.split), help(math), help(dask.array.from_array), help(my_function).
In the REPL, ':help NAME' does the same, and ':help' lists the REPL's commands.
docs/language.md describes the whole language and its differences from Python.
";

/// What `help(obj)` prints for one object.
pub fn help_text(obj: &Value) -> String {
    match obj {
        Value::Builtin(def) => builtin_help(def),
        Value::Method(bound) => builtin_help(bound.1),
        Value::Func(f) => function_help(f),
        Value::Module(m) => module_help(m),
        Value::Type(t) => type_help(*t),
        // As in Python, help on an instance describes its type.
        other => instance_help(other),
    }
}

fn builtin_help(def: &BuiltinDef) -> String {
    format!("{}\n    {}\n", def.signature, def.doc)
}

/// `name(a, b=2, *args, c, **kw)` and the function's docstring.
fn function_help(f: &Function) -> String {
    let def = &f.def;
    let mut defaults = f.defaults.iter();
    let params: Vec<String> = def
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| match p.kind {
            ParamKind::VarArgs => format!("*{}", p.name),
            ParamKind::VarKeywords => format!("**{}", p.name),
            ParamKind::KeywordOnly => match f.kw_defaults.iter().find(|(j, _)| *j == i) {
                Some((_, v)) => format!("{}={}", p.name, repr(v)),
                None => p.name.to_string(),
            },
            ParamKind::Positional if p.default.is_some() => match defaults.next() {
                Some(v) => format!("{}={}", p.name, repr(v)),
                None => p.name.to_string(),
            },
            ParamKind::Positional => p.name.to_string(),
        })
        .collect();
    let name = if def.is_lambda { "<lambda>" } else { &def.name };
    let mut text = format!("{name}({})\n", params.join(", "));
    if let Some(doc) = docstring(f) {
        for line in doc.trim().lines().map(str::trim) {
            if !line.is_empty() {
                text.push_str("    ");
                text.push_str(line);
            }
            text.push('\n');
        }
    }
    text
}

/// A function's docstring: a string literal as the first statement of its body.
fn docstring(f: &Function) -> Option<String> {
    match &f.def.body.first()?.kind {
        StmtKind::Expr(e) => match &e.kind {
            ExprKind::Str(s) => Some(s.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn module_help(m: &ModuleObj) -> String {
    let mut text = format!("Help on module {}:\n\n", m.name);
    for (name, member) in &m.members {
        let line = match member {
            Value::Builtin(def) => format!("{}\n        {}", def.signature, def.doc),
            Value::Module(sub) => format!("{name}: module {}", sub.name),
            other => format!("{name} = {}", abbreviated(other)),
        };
        text.push_str("    ");
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn type_help(t: TypeKind) -> String {
    let methods = super::type_method_names(t).iter();
    class_help(
        t.name(),
        methods.filter_map(|name| super::unbound_method(t, name)),
    )
}

fn instance_help(v: &Value) -> String {
    let methods = super::method_names(v).iter();
    class_help(
        v.type_name(),
        methods.filter_map(|name| super::method(v, name)),
    )
}

/// `class NAME` and its methods' signatures and docs.
fn class_help<'a>(name: &str, methods: impl Iterator<Item = &'a BuiltinDef>) -> String {
    let mut text = format!("class {name}\n");
    for (i, def) in methods.enumerate() {
        if i == 0 {
            text.push_str("  methods:\n");
        }
        text.push_str(&format!("    {}\n        {}\n", def.signature, def.doc));
    }
    text
}

builtin!(
    PROFILE,
    "profile",
    "",
    "profile(x, *more) or profile(f, *args, **kwargs)",
    "Computes lazy values (or calls f) and prints where the time went per operation: tasks, time, share, bytes produced, wall and CPU time, parallel efficiency and peak memory. Returns the result.",
    profile
);
fn profile(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    let Some(first) = args.pos.first() else {
        return Err(PyError::type_error(
            "profile() needs a lazy value to compute or a function to call",
        ));
    };
    let lazy = args
        .pos
        .iter()
        .all(|v| matches!(v, Value::Delayed(_) | Value::DArray(_)));
    // Inside an outer profile (`pgs --profile`), the work joins that profile.
    let recording = host.start_profile();
    let result = if lazy {
        if !args.kw.is_empty() {
            return Err(PyError::type_error(
                "profile() takes no keyword arguments when computing lazy values",
            ));
        }
        compute_all(host, args.pos)
    } else {
        host.call(first, args.pos[1..].to_vec(), args.kw.to_vec())
    };
    if recording {
        if let Some(table) = host.finish_profile() {
            host.write_out(&table)?;
        }
    }
    result
}

/// `dask.compute(*values)`, unpacked for a single value as `x.compute()` is.
fn compute_all(host: &mut dyn Host, values: &[Value]) -> PyResult<Value> {
    let computed = host.call(
        &Value::Builtin(&crate::eval::dask::COMPUTE),
        values.to_vec(),
        Vec::new(),
    )?;
    match (&computed, values.len()) {
        (Value::Tuple(items), 1) => Ok(items.first().cloned().unwrap_or(Value::None)),
        _ => Ok(computed),
    }
}

/// A repr short enough for one line of help.
fn abbreviated(v: &Value) -> String {
    const MAX: usize = 60;
    let text = repr(v);
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
