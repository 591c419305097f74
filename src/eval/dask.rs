//! The `dask` module for delayed computation: `dask.delayed` (also as a decorator),
//! `dask.compute`, `dask.persist`, `dask.config.set`, the methods of `Delayed`
//! values, and the builtins that operators on delayed values turn into tasks.

use super::builtins::{arity, check_kwargs, kwarg, method_arity};
use super::ops;
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::graph::delayed;
use crate::source::Span;
use crate::syntax::ast::{BinOp, CmpOp, Name, UnaryOp};
use crate::value::lazy::Node;
use crate::value::{Args, BuiltinDef, Host, ModuleObj, Value};
use std::sync::Arc;

pub fn module() -> Value {
    let mut members = indexmap::IndexMap::new();
    for d in [&DELAYED, &COMPUTE, &PERSIST, &VISUALIZE] {
        members.insert(d.name, Value::Builtin(d));
    }
    let mut config = indexmap::IndexMap::new();
    config.insert("set", Value::Builtin(&CONFIG_SET));
    members.insert("array", super::darray::dask_array_module());
    members.insert(
        "config",
        Value::Module(Arc::new(ModuleObj {
            name: "dask.config",
            members: config,
        })),
    );
    Value::Module(Arc::new(ModuleObj {
        name: "dask",
        members,
    }))
}

builtin!(DELAYED, "delayed", "dask", "delayed(obj, name=None, pure=None, nout=None)",
    "Wraps a function (or value) so calls build tasks instead of running; .compute() runs them in parallel.",
    delayed_fn);
fn delayed_fn(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("delayed", &args, 1, 1)?;
    check_kwargs("delayed", &args, &["name", "pure", "nout", "traverse"])?;
    let name = match kwarg(&args, "name") {
        Some(Value::Str(s)) => Some(Arc::from(s.as_str())),
        _ => None,
    };
    let pure = kwarg(&args, "pure").is_some_and(Value::truthy);
    let nout =
        match kwarg(&args, "nout") {
            None | Some(Value::None) => None,
            Some(v) => Some(v.as_int().filter(|n| *n >= 0).ok_or_else(|| {
                PyError::value_error("nout must be None or a non-negative integer")
            })? as usize),
        };
    Ok(delayed::wrap(
        args.pos[0].clone(),
        name,
        pure,
        nout,
        Span::default(),
    ))
}

/// The lazy values in a `compute`/`persist` argument list (at any depth of lists,
/// tuples and dicts), so they are computed together (shared work runs once).
#[derive(Default)]
struct LazyParts {
    delayed: Vec<Arc<Node>>,
    arrays: Vec<Arc<crate::value::array::ArrayNode>>,
}

fn collect_nodes(values: &[Value], out: &mut LazyParts) {
    for v in values {
        match v {
            Value::Delayed(n) => out.delayed.push(n.clone()),
            Value::DArray(n) => out.arrays.push(n.clone()),
            Value::List(l) => collect_nodes(&l.read(), out),
            Value::Tuple(t) => collect_nodes(t, out),
            Value::Dict(d) => collect_nodes(&d.read().values().cloned().collect::<Vec<_>>(), out),
            _ => {}
        }
    }
}

/// Results in the order `collect_nodes` found their lazy values.
struct Results<'a> {
    delayed: std::slice::Iter<'a, Value>,
    arrays: std::vec::IntoIter<Value>,
}

/// Replaces each lazy value inside `v` by its computed result.
fn substitute(v: &Value, results: &mut Results) -> Value {
    match v {
        Value::Delayed(_) => results.delayed.next().cloned().unwrap_or_default(),
        Value::DArray(_) => results.arrays.next().unwrap_or_default(),
        Value::List(l) => Value::list(l.read().iter().map(|x| substitute(x, results)).collect()),
        Value::Tuple(t) => Value::tuple(t.iter().map(|x| substitute(x, results)).collect()),
        Value::Dict(d) => {
            let items: Vec<_> = d
                .read()
                .iter()
                .map(|(k, x)| (k.clone(), x.clone()))
                .collect();
            Value::dict(
                items
                    .into_iter()
                    .map(|(k, x)| (k, substitute(&x, results)))
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

/// Computes the lazy values in `values` in one run, returning the values with
/// results substituted.
fn compute_values(host: &mut dyn Host, values: &[Value]) -> PyResult<Vec<Value>> {
    let mut parts = LazyParts::default();
    collect_nodes(values, &mut parts);
    let delayed = if parts.delayed.is_empty() {
        Vec::new()
    } else {
        host.compute(&parts.delayed)?
    };
    let arrays: Vec<Value> = if parts.arrays.is_empty() {
        Vec::new()
    } else {
        host.compute_arrays(&parts.arrays)?
            .into_iter()
            .map(|a| crate::array::convert::to_value((*a).clone()))
            .collect()
    };
    let mut results = Results {
        delayed: delayed.iter(),
        arrays: arrays.into_iter(),
    };
    Ok(values.iter().map(|v| substitute(v, &mut results)).collect())
}

/// `dask.compute(...)` (also `dask.array.compute`).
pub fn compute_builtin(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    compute(host, args)
}

builtin!(
    COMPUTE,
    "compute",
    "dask",
    "dask.compute(*args)",
    "Computes several delayed values together (shared work runs once); returns a tuple of results.",
    compute
);
fn compute(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    check_kwargs(
        "compute",
        &args,
        &["scheduler", "num_workers", "traverse", "optimize_graph"],
    )?;
    Ok(Value::tuple(compute_values(host, args.pos)?))
}

builtin!(PERSIST, "persist", "dask", "dask.persist(*args)",
    "Computes delayed values now and returns delayed values holding the results, so later computes reuse them.",
    persist);
fn persist(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    let mut persisted = Vec::with_capacity(args.pos.len());
    for v in args.pos {
        persisted.push(persist_one(host, v)?);
    }
    Ok(if persisted.len() == 1 {
        persisted.pop().unwrap_or_default()
    } else {
        Value::tuple(persisted)
    })
}

fn persist_one(host: &mut dyn Host, v: &Value) -> PyResult<Value> {
    let Value::Delayed(node) = v else {
        return Ok(v.clone());
    };
    let result = host
        .compute(std::slice::from_ref(node))?
        .pop()
        .unwrap_or_default();
    Ok(Value::Delayed(Arc::new(Node {
        name: node.name.clone(),
        token: node.token,
        op: crate::value::lazy::Op::Literal(result),
        deps: Vec::new(),
        origin: node.origin,
        nout: node.nout,
    })))
}

builtin!(CONFIG_SET, "set", "dask.config", "dask.config.set(scheduler=None, num_workers=None)",
    "Chooses the scheduler ('threads', or 'sync' to run on the calling thread) and the worker count.",
    config_set);
fn config_set(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("set", &args, 0, 0)?;
    check_kwargs("set", &args, &["scheduler", "num_workers"])?;
    let sync = match kwarg(&args, "scheduler") {
        None => None,
        Some(Value::Str(s)) => match s.as_ref() {
            "sync" | "synchronous" | "single-threaded" => Some(true),
            "threads" | "threading" | "processes" | "multiprocessing" => Some(false),
            other => {
                return Err(PyError::value_error(format!(
                    "unknown scheduler '{other}': use 'threads' or 'sync'"
                )))
            }
        },
        Some(other) => {
            return Err(PyError::type_error(format!(
                "scheduler must be a str, not {}",
                other.type_name()
            )))
        }
    };
    let workers = match kwarg(&args, "num_workers") {
        None | Some(Value::None) => None,
        Some(v) => Some(
            v.as_int()
                .filter(|n| *n >= 1)
                .ok_or_else(|| PyError::value_error("num_workers must be a positive integer"))?
                as usize,
        ),
    };
    host.configure(workers, sync);
    Ok(Value::None)
}

/// Names of the delayed methods, for completion.
pub const METHOD_NAMES: &[&str] = &["compute", "persist", "visualize"];

/// Methods of a delayed value itself (everything else is a lazy attribute).
pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "compute" => &DELAYED_COMPUTE,
        "persist" => &DELAYED_PERSIST,
        "visualize" => &DELAYED_VISUALIZE,
        _ => return None,
    })
}

builtin!(
    DELAYED_COMPUTE,
    "compute",
    "Delayed",
    "Delayed.compute()",
    "Computes this value, in parallel.",
    delayed_compute
);
fn delayed_compute(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    check_kwargs(
        "compute",
        &args,
        &["scheduler", "num_workers", "optimize_graph"],
    )?;
    method_arity("compute", &args, 0, 0)?;
    Ok(compute_values(host, &args.pos[..1])?
        .pop()
        .unwrap_or_default())
}

builtin!(
    DELAYED_PERSIST,
    "persist",
    "Delayed",
    "Delayed.persist()",
    "Computes now; later computes reuse the result.",
    delayed_persist
);
fn delayed_persist(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("persist", &args, 0, 0)?;
    persist_one(host, &args.pos[0])
}

builtin!(VISUALIZE, "visualize", "dask",
    "dask.visualize(*args, filename='mydask', format=None)",
    "Draws the task graph of computing args together (as it will be lowered) into filename; .dot writes DOT text, .svg/.png/.pdf need Graphviz's dot.",
    |h: &mut dyn Host, a: Args| {
        check_kwargs("visualize", &a, &["filename", "format"])?;
        let (filename, format) = (kwarg(&a, "filename"), kwarg(&a, "format"));
        crate::graph::view::visualize(a.pos, filename, format, &h.sources())?;
        Ok(Value::None)
    });

builtin!(
    DELAYED_VISUALIZE,
    "visualize",
    "Delayed",
    "Delayed.visualize(filename='mydask', format=None)",
    "Draws this value's task graph into filename (see dask.visualize).",
    visualize_method
);

/// `x.visualize(filename='mydask', format=None)` of a delayed value or dask array.
pub fn visualize_method(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("visualize", &args, 0, 2)?;
    check_kwargs("visualize", &args, &["filename", "format"])?;
    let filename = positional_or_keyword(&args, 1, "filename")?;
    let format = positional_or_keyword(&args, 2, "format")?;
    crate::graph::view::visualize(&args.pos[..1], filename, format, &host.sources())?;
    Ok(Value::None)
}

/// A parameter given at position `i` or by keyword, but not both.
fn positional_or_keyword<'a>(args: &Args<'a>, i: usize, name: &str) -> PyResult<Option<&'a Value>> {
    match (args.pos.get(i), kwarg(args, name)) {
        (Some(_), Some(_)) => Err(PyError::type_error(format!(
            "visualize() got multiple values for argument '{name}'"
        ))),
        (p, k) => Ok(p.or(k)),
    }
}

/// `.key` and lazy attributes of a delayed value.
pub fn get_attr(node: &Arc<Node>, name: &str, origin: Span) -> Value {
    match name {
        "key" => Value::string(node.key()),
        _ => delayed::apply(
            "getattr",
            Value::Builtin(&GETATTR),
            &[Value::Delayed(node.clone()), Value::str(name)],
            origin,
        ),
    }
}

// ------------------------------------------------------------ operator tasks

builtin!(
    GETATTR,
    "getattr",
    "",
    "getattr(obj, name)",
    "obj.name",
    getattr
);
fn getattr(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("getattr", &args, 2, 2)?;
    let name = super::builtins::expect_str(&args.pos[1], "attribute name")?;
    super::builtins::get_attr(&args.pos[0], name, host)
}

builtin!(
    GETITEM,
    "getitem",
    "",
    "getitem(obj, index)",
    "obj[index]",
    getitem
);
fn getitem(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("getitem", &args, 2, 2)?;
    super::index::getitem(&args.pos[0], &args.pos[1])
}

/// `op` applied to two values, as a builtin a task can call.
macro_rules! binary_task {
    ($($static:ident $name:literal $op:ident),* $(,)?) => {
        $(
            builtin!($static, $name, "operator", concat!("operator.", $name, "(a, b)"), "A binary operator.", {
                fn call(_: &mut dyn Host, args: Args) -> PyResult<Value> {
                    arity($name, &args, 2, 2)?;
                    ops::binary(BinOp::$op, &args.pos[0], &args.pos[1])
                }
                call
            });
        )*
        fn binary_def(op: BinOp) -> &'static BuiltinDef {
            match op { $(BinOp::$op => &$static,)* }
        }
    };
}

binary_task! {
    ADD "add" Add, SUB "sub" Sub, MUL "mul" Mul, TRUEDIV "truediv" Div, FLOORDIV "floordiv" FloorDiv,
    MOD "mod" Mod, POW "pow" Pow, MATMUL "matmul" MatMul, LSHIFT "lshift" LShift, RSHIFT "rshift" RShift,
    AND "and_" BitAnd, OR "or_" BitOr, XOR "xor" BitXor,
}

macro_rules! compare_task {
    ($($static:ident $name:literal $op:ident),* $(,)?) => {
        $(
            builtin!($static, $name, "operator", concat!("operator.", $name, "(a, b)"), "A comparison.", {
                fn call(_: &mut dyn Host, args: Args) -> PyResult<Value> {
                    arity($name, &args, 2, 2)?;
                    ops::compare_op(CmpOp::$op, &args.pos[0], &args.pos[1]).map(Value::bool)
                }
                call
            });
        )*
        fn compare_def(op: CmpOp) -> Option<&'static BuiltinDef> {
            match op { $(CmpOp::$op => Some(&$static),)* _ => None }
        }
    };
}

compare_task! { LT "lt" Lt, LE "le" Le, GT "gt" Gt, GE "ge" Ge, EQ "eq" Eq, NE "ne" Ne }

macro_rules! unary_task {
    ($($static:ident $name:literal $op:ident),* $(,)?) => {
        $(
            builtin!($static, $name, "operator", concat!("operator.", $name, "(a)"), "A unary operator.", {
                fn call(_: &mut dyn Host, args: Args) -> PyResult<Value> {
                    arity($name, &args, 1, 1)?;
                    ops::unary(UnaryOp::$op, &args.pos[0])
                }
                call
            });
        )*
        fn unary_def(op: UnaryOp) -> Option<&'static BuiltinDef> {
            match op { $(UnaryOp::$op => Some(&$static),)* _ => None }
        }
    };
}

unary_task! { NEG "neg" Neg, POS "pos" Pos, INVERT "invert" Invert }

/// `a op b` where either side is delayed: a task.
pub fn binary(op: BinOp, a: &Value, b: &Value, origin: Span) -> Value {
    let def = binary_def(op);
    delayed::apply(
        def.name,
        Value::Builtin(def),
        &[a.clone(), b.clone()],
        origin,
    )
}

/// `a op b` for comparisons Dask makes lazy; `None` for `in`/`is`, which stay eager.
pub fn compare(op: CmpOp, a: &Value, b: &Value, origin: Span) -> Option<Value> {
    let def = compare_def(op)?;
    Some(delayed::apply(
        def.name,
        Value::Builtin(def),
        &[a.clone(), b.clone()],
        origin,
    ))
}

/// `-a`, `+a`, `~a` on a delayed value; `not` is eager (and an error) as in Dask.
pub fn unary(op: UnaryOp, a: &Value, origin: Span) -> Option<Value> {
    let def = unary_def(op)?;
    Some(delayed::apply(
        def.name,
        Value::Builtin(def),
        std::slice::from_ref(a),
        origin,
    ))
}

/// `obj[index]` where obj is delayed.
pub fn index(obj: &Value, index: &Value, origin: Span) -> Value {
    delayed::apply(
        "getitem",
        Value::Builtin(&GETITEM),
        &[obj.clone(), index.clone()],
        origin,
    )
}

/// Unpacking `a, b = d` needs `nout` (Dask: "Delayed objects of unspecified length
/// are not iterable").
pub fn unpack(node: &Arc<Node>, n: usize, origin: Span) -> PyResult<Vec<Value>> {
    match node.nout {
        Some(k) if k == n => Ok((0..n)
            .map(|i| index(&Value::Delayed(node.clone()), &Value::Int(i as i64), origin))
            .collect()),
        Some(k) => Err(PyError::value_error(format!(
            "{} values to unpack (expected {n}, got {k})",
            if k > n { "too many" } else { "not enough" }
        ))),
        None => Err(PyError::type_error(
            "Delayed objects of unspecified length are not iterable",
        )),
    }
}

/// A delayed value called (`delayed(f)(x)`, or a delayed result that is a function).
pub fn call(node: &Arc<Node>, pos: &[Value], kw: &[(Name, Value)], origin: Span) -> Value {
    delayed::call(node, pos, kw, origin)
}
