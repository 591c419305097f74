//! The array API pgs code sees: the `dask.array` module (lazy), the `numpy` module
//! (eager), array methods and attributes, and operators on arrays. One function
//! serves both modules wherever NumPy and Dask agree: the result is lazy when an
//! input is a dask array, concrete otherwise.

use super::builtins::{check_kwargs, expect_int, kwarg};
use crate::array::build::{self, IndexArg};
use crate::array::chunks::{AxisSpec, ChunkSpec};
use crate::array::convert::{scalar_of, to_ndarray, to_value, tolist};
use crate::array::exec::Exec;
use crate::builtin;
use crate::diag::{ExcKind, PyError, PyResult};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::array::{
    ArrayNode, BinaryOp, Cumulative, DType, Distribution, NativeObj, NdArray, RandomGenerator,
    Reduction, Scalar, UFunc,
};
use crate::value::{Args, BuiltinDef, Host, ModuleObj, TypeKind, Value};
use indexmap::IndexMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

// ---------------------------------------------------------------------------
// Operands and results

/// Whether a value is an array (concrete or lazy).
pub fn is_array(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::DArray(_))
}

/// A lazy node for any array-like operand: dask arrays as they are, concrete arrays
/// and lists as one chunk.
fn node_of(v: &Value) -> PyResult<Arc<ArrayNode>> {
    match v {
        Value::DArray(n) => Ok(n.clone()),
        Value::Array(a) => build::from_array(a.clone(), &ChunkSpec::Size(-1)),
        other => build::from_array(Arc::new(to_ndarray(other)?), &ChunkSpec::Size(-1)),
    }
}

/// Runs a node now when no input was lazy (NumPy's eager semantics).
fn finish(node: Arc<ArrayNode>, lazy: bool) -> PyResult<Value> {
    if lazy {
        return Ok(Value::DArray(node));
    }
    let result = eager(&node)?;
    Ok(to_value(result))
}

/// Computes a node on this thread (eager NumPy calls work on one chunk anyway).
pub fn eager(node: &Arc<ArrayNode>) -> PyResult<NdArray> {
    // No session is at hand here: Ctrl-C reaches eager work through the process flag.
    let cancel = &crate::interrupt::INTERRUPTED;
    let call = |_: &Value, _: Vec<Value>| -> PyResult<Value> {
        Err(PyError::type_error("map_blocks needs a dask array"))
    };
    let monitor = crate::sched::monitor::Monitor::detached();
    let exec = Exec::new(None, cancel, &call, &monitor, memory_limit());
    let out = exec.compute(std::slice::from_ref(node))?;
    Ok(out
        .into_iter()
        .next()
        .map(|a| (*a).clone())
        .unwrap_or_else(|| NdArray::from_scalar(Scalar::Float(f64::NAN))))
}

/// The most memory one computation may hold: half the machine's RAM (decision 5).
pub fn memory_limit() -> usize {
    crate::limits::memory()
}

fn any_lazy(values: &[&Value]) -> bool {
    values.iter().any(|v| matches!(v, Value::DArray(_)))
}

// ---------------------------------------------------------------------------
// Operators

fn binary_op(op: BinOp) -> Option<BinaryOp> {
    Some(match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Sub,
        BinOp::Mul => BinaryOp::Mul,
        BinOp::Div => BinaryOp::Div,
        BinOp::FloorDiv => BinaryOp::FloorDiv,
        BinOp::Mod => BinaryOp::Mod,
        BinOp::Pow => BinaryOp::Pow,
        BinOp::BitAnd => BinaryOp::BitAnd,
        BinOp::BitOr => BinaryOp::BitOr,
        BinOp::BitXor => BinaryOp::BitXor,
        _ => return None,
    })
}

/// `a op b` where either side is an array.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if op == BinOp::MatMul {
        return matmul_values(a, b);
    }
    let Some(bop) = binary_op(op) else {
        return Err(PyError::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        )));
    };
    elementwise2(bop, a, b)
}

fn elementwise2(op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let lazy = any_lazy(&[a, b]);
    let node = match (
        scalar_of(a).filter(|_| !is_array(a)),
        scalar_of(b).filter(|_| !is_array(b)),
    ) {
        (None, Some(s)) => build::with_scalar(op, &node_of(a)?, s, false)?,
        (Some(s), None) => build::with_scalar(op, &node_of(b)?, s, true)?,
        _ => {
            let (x, y) = (node_of(a)?, node_of(b)?);
            check_broadcast(&[&x, &y], lazy)?;
            build::binary(op, &x, &y)?
        }
    };
    finish(node, lazy)
}

/// NumPy's or Dask's error when the operands' shapes do not broadcast; each names
/// every operand's shape, in its own format: NumPy `(2,3) (2,) ` (a space after
/// each), Dask `(2, 3) (2,)`.
fn check_broadcast(operands: &[&Arc<ArrayNode>], lazy: bool) -> PyResult<()> {
    let mut shape: Vec<usize> = Vec::new();
    for x in operands {
        match crate::array::chunks::broadcast_shapes(&shape, &x.shape) {
            Ok(s) => shape = s,
            Err(_) => {
                let texts: Vec<String> = operands
                    .iter()
                    .map(|o| {
                        if lazy {
                            crate::array::chunks::shape_text(&o.shape)
                        } else {
                            let dims: Vec<i64> = o.shape.iter().map(|&d| d as i64).collect();
                            crate::array::chunks::numpy_shape_text(&dims) + " "
                        }
                    })
                    .collect();
                return Err(PyError::value_error(format!(
                    "operands could not be broadcast together with shapes {}",
                    texts.join(if lazy { " " } else { "" })
                )));
            }
        }
    }
    Ok(())
}

/// Dask words some of the errors the shared builders raise in NumPy's words.
fn dask_wording(e: PyError) -> PyError {
    let msg = e.message();
    // (Dask's reductions also say "Axis 2 is out of bounds …" where NumPy says
    // "axis"; pgs keeps NumPy's word there, which tests/scripts/err/darray_axis
    // records.)
    let reworded = if let Some(rest) = msg.strip_prefix("index ") {
        Some(format!("Index {rest}"))
    } else if msg.starts_with("too many indices for array") {
        Some("Too many indices for array".to_string())
    } else if msg.starts_with("cannot reshape array of size") {
        Some("total size of new array must be unchanged".to_string())
    } else {
        None
    };
    match reworded {
        Some(m) => PyError::new(e.kind(), m),
        None => e,
    }
}

/// `e` in Dask's words when the operation was lazy.
fn worded(e: PyError, lazy: bool) -> PyError {
    if lazy {
        dask_wording(e)
    } else {
        e
    }
}

/// `a < b` and friends where either side is an array: an array of bools.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let bop = match op {
        CmpOp::Eq => BinaryOp::Eq,
        CmpOp::Ne => BinaryOp::Ne,
        CmpOp::Lt => BinaryOp::Lt,
        CmpOp::Le => BinaryOp::Le,
        CmpOp::Gt => BinaryOp::Gt,
        CmpOp::Ge => BinaryOp::Ge,
        _ => return None,
    };
    Some(elementwise2(bop, a, b))
}

/// `item in array` on a concrete array: NumPy's `(array == item).any()`.
pub fn contains(array: &Value, item: &Value) -> PyResult<bool> {
    let node = build::reduce(
        Reduction::Any,
        &build::binary(BinaryOp::Eq, &node_of(array)?, &operand_node(item)?)?,
        None,
        false,
        0.0,
    )?;
    Ok(eager(&node)?.first().is_some_and(|s| s.as_bool()))
}

/// `-x`, `+x`, `~x` on an array.
pub fn unary(op: UnaryOp, x: &Value) -> Option<PyResult<Value>> {
    if !is_array(x) {
        return None;
    }
    let f = match op {
        UnaryOp::Neg => UFunc::Neg,
        UnaryOp::Pos => UFunc::Pos,
        UnaryOp::Invert => UFunc::Invert,
        UnaryOp::Not => return None,
    };
    Some(apply_ufunc(f, x))
}

fn apply_ufunc(f: UFunc, x: &Value) -> PyResult<Value> {
    let node = build::unary(f, &node_of(x)?)?;
    finish(node, any_lazy(&[x]))
}

/// The truth of an array in `if`/`while`: only one element has one.
pub fn truth(v: &Value) -> PyResult<bool> {
    let size = match v {
        Value::Array(a) => a.len(),
        Value::DArray(n) => n.size(),
        _ => return Ok(v.truthy()),
    };
    if size == 0 {
        return Err(PyError::value_error(
            "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
        ));
    }
    if size != 1 {
        return Err(PyError::value_error(if matches!(v, Value::DArray(_)) {
            // Dask's own wording.
            "The truth value of a Array is ambiguous. Use a.any() or a.all()."
        } else {
            "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"
        }));
    }
    match v {
        Value::Array(a) => Ok(a.first().is_some_and(|s| s.as_bool())),
        _ => Err(PyError::type_error(
            "the truth value of a dask array is not known until it is computed: call .compute() first",
        )),
    }
}

// ---------------------------------------------------------------------------
// Indexing

/// One item of a subscript on an array.
pub enum Subscript {
    Item(IndexArg),
    /// A boolean array used as a mask.
    Mask(Value),
}

/// `x[items]` for an array.
pub fn index(host: &mut dyn Host, x: &Value, items: Vec<Subscript>) -> PyResult<Value> {
    if let [Subscript::Mask(m)] = items.as_slice() {
        let (data, mask) = (concrete(host, x)?, concrete(host, m)?);
        let picked = crate::array::structural::mask(&data, &mask)?;
        return Ok(if any_lazy(&[x, m]) {
            Value::DArray(build::from_array(Arc::new(picked), &ChunkSpec::Auto)?)
        } else {
            Value::Array(Arc::new(picked))
        });
    }
    let mut args = Vec::new();
    for item in items {
        match item {
            Subscript::Item(a) => args.push(a),
            Subscript::Mask(_) => {
                return Err(PyError::index_error(
                    "pgs supports a boolean mask only as the whole index (x[mask])",
                ))
            }
        }
    }
    let node = build::index(&node_of(x)?, &args).map_err(|e| worded(e, any_lazy(&[x])))?;
    finish(node, any_lazy(&[x]))
}

/// A subscript value (`x[i]` with an int, a tuple of ints, None, an array).
pub fn subscript_of(v: &Value) -> PyResult<Subscript> {
    Ok(match v {
        Value::None => Subscript::Item(IndexArg::NewAxis),
        Value::Bool(_) => {
            return Err(PyError::index_error(
                "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
            ))
        }
        Value::Array(_) | Value::DArray(_) => Subscript::Mask(v.clone()),
        other => match other.as_int() {
            Some(i) => Subscript::Item(IndexArg::Int(i)),
            None => {
                return Err(PyError::index_error(
                    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
                ))
            }
        },
    })
}

/// A concrete array from any array-like value, computing a lazy one.
pub fn concrete(host: &mut dyn Host, v: &Value) -> PyResult<Arc<NdArray>> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::DArray(n) => host
            .compute_arrays(std::slice::from_ref(n))?
            .pop()
            .ok_or_else(|| PyError::runtime_error("compute returned nothing")),
        other => Ok(Arc::new(to_ndarray(other)?)),
    }
}

// ---------------------------------------------------------------------------
// Argument parsing

fn arg<'a>(args: &'a Args, i: usize, name: &str) -> Option<&'a Value> {
    args.pos
        .get(i)
        .or_else(|| kwarg(args, name))
        .filter(|v| !matches!(v, Value::None))
}

fn required<'a>(args: &'a Args, i: usize, name: &str, func: &str) -> PyResult<&'a Value> {
    args.pos
        .get(i)
        .or_else(|| kwarg(args, name))
        .ok_or_else(|| {
            PyError::type_error(format!(
                "{func}() missing required argument '{name}' (pos {})",
                i + 1
            ))
        })
}

fn number(v: &Value, what: &str) -> PyResult<Scalar> {
    scalar_of(v).ok_or_else(|| {
        PyError::type_error(format!("{what} must be a number, not '{}'", v.type_name()))
    })
}

/// A shape argument: an int or a tuple/list of ints.
fn shape_of(v: &Value) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = match v {
        Value::Tuple(_) | Value::List(_) => v
            .to_vec()?
            .iter()
            .map(expect_int)
            .collect::<PyResult<_>>()?,
        other => vec![expect_int(other)?],
    };
    dims.iter()
        .map(|&d| {
            usize::try_from(d)
                .map_err(|_| PyError::value_error("negative dimensions are not allowed"))
        })
        .collect()
}

/// `chunks=` as Dask accepts it.
fn chunks_of(v: Option<&Value>) -> PyResult<ChunkSpec> {
    let Some(v) = v else {
        return Ok(ChunkSpec::Auto);
    };
    Ok(match v {
        Value::Str(s) if s.as_str() == "auto" => ChunkSpec::Auto,
        Value::None => ChunkSpec::Auto,
        Value::Tuple(_) | Value::List(_) => ChunkSpec::PerAxis(
            v.to_vec()?
                .iter()
                .map(|item| {
                    Ok(match item {
                        Value::None => AxisSpec::Size(-1),
                        Value::Str(s) if s.as_str() == "auto" => AxisSpec::Auto,
                        Value::Tuple(_) | Value::List(_) => AxisSpec::Sizes(
                            item.to_vec()?
                                .iter()
                                .map(|x| expect_int(x).map(|n| n.max(0) as usize))
                                .collect::<PyResult<_>>()?,
                        ),
                        other => AxisSpec::Size(expect_int(other)?),
                    })
                })
                .collect::<PyResult<_>>()?,
        ),
        other => match other.as_int() {
            Some(n) => ChunkSpec::Size(n),
            None => {
                return Err(PyError::value_error(format!(
                    "chunks must be an int, a tuple, -1 or 'auto', not {}",
                    crate::output::repr::repr(other)
                )))
            }
        },
    })
}

/// `dtype=` as a name, a Python type or a NumPy dtype.
pub fn dtype_of(v: &Value) -> PyResult<DType> {
    let name = match v {
        Value::Type(TypeKind::Float) => return Ok(DType::Float64),
        Value::Type(TypeKind::Int) => return Ok(DType::Int64),
        Value::Type(TypeKind::Bool) => return Ok(DType::Bool),
        Value::Native(n) => {
            if let NativeObj::DType(d) = &**n {
                return Ok(*d);
            }
            ""
        }
        Value::Str(s) => s.as_str(),
        _ => "",
    };
    match name {
        "float64" | "float" | "f8" | "double" | "float32" | "f4" => Ok(DType::Float64),
        "int64" | "int" | "i8" | "int32" | "i4" => Ok(DType::Int64),
        "bool" | "?" | "b1" => Ok(DType::Bool),
        _ => Err(PyError::type_error(format!(
            "data type {} not understood (pgs arrays hold float64, int64 or bool)",
            crate::output::repr::repr(v)
        ))),
    }
}

/// `a == b` when one side is a NumPy dtype: NumPy compares dtypes by value, and a
/// dtype equals anything that names it (`x.dtype == np.float64`, `== "int64"`,
/// `== float`). `None` when neither side is a dtype.
pub fn dtype_equal(a: &Value, b: &Value) -> Option<bool> {
    let as_dtype = |v: &Value| match v {
        Value::Native(n) => match &**n {
            NativeObj::DType(d) => Some(*d),
            _ => None,
        },
        _ => None,
    };
    let (d, other) = match (as_dtype(a), as_dtype(b)) {
        (Some(d), _) => (d, b),
        (None, Some(d)) => (d, a),
        (None, None) => return None,
    };
    // dtype_of accepts 32-bit names as pgs's 64-bit types; they are not equal here.
    let narrow =
        matches!(other, Value::Str(s) if matches!(s.as_str(), "float32" | "f4" | "int32" | "i4"));
    Some(!narrow && dtype_of(other).is_ok_and(|o| o == d))
}

/// `axis=`: None, an int or a tuple of ints.
fn axis_of(v: Option<&Value>) -> PyResult<Option<Vec<i64>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Tuple(_) | Value::List(_))) => Ok(Some(
            v.to_vec()?
                .iter()
                .map(expect_int)
                .collect::<PyResult<_>>()?,
        )),
        Some(v) => Ok(Some(vec![expect_int(v)?])),
    }
}

fn flag(args: &Args, name: &str) -> bool {
    kwarg(args, name).is_some_and(Value::truthy)
}

// ---------------------------------------------------------------------------
// Creation (separate lazy and eager entries)

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Lazy,
    Eager,
    /// `da.from_array`: lazy, and refuses a dask array.
    FromArray,
}

fn made(node: PyResult<Arc<ArrayNode>>, mode: Mode) -> PyResult<Value> {
    finish(node?, mode != Mode::Eager)
}

fn from_array_impl(_: &mut dyn Host, args: Args, mode: Mode) -> PyResult<Value> {
    check_kwargs(
        "from_array",
        &args,
        &["chunks", "dtype", "name", "asarray", "lock"],
    )?;
    let x = required(&args, 0, "x", "from_array")?;
    if let Value::DArray(_) = x {
        // As Dask: asarray returns a dask array as it is (chunks= is ignored), and
        // from_array refuses one.
        if mode == Mode::FromArray {
            return Err(PyError::value_error(
                "Array is already a dask array. Use 'asarray' or 'rechunk' instead.",
            ));
        }
        return Ok(x.clone());
    }
    let mut data = to_ndarray(x)?;
    if let Some(d) = arg(&args, 99, "dtype") {
        data = data.cast(dtype_of(d)?);
    }
    let spec = chunks_of(args.pos.get(1).or_else(|| kwarg(&args, "chunks")))?;
    made(build::from_array(Arc::new(data), &spec), mode)
}

builtin!(
    DA_FROM_ARRAY,
    "from_array",
    "dask.array",
    "from_array(x, chunks='auto')",
    "A chunked dask array over a list, nested lists or a concrete array.",
    |h: &mut dyn Host, a| from_array_impl(h, a, Mode::FromArray)
);
builtin!(
    DA_ASARRAY,
    "asarray",
    "dask.array",
    "asarray(a, chunks='auto')",
    "Like from_array; a dask array is returned as it is.",
    |h: &mut dyn Host, a| from_array_impl(h, a, Mode::Lazy)
);
builtin!(
    NP_ARRAY,
    "array",
    "numpy",
    "array(object, dtype=None)",
    "A concrete array from nested lists of numbers.",
    |h: &mut dyn Host, a: Args| {
        if let Some(Value::DArray(n)) = a.pos.first() {
            return Ok(to_value((*concrete(h, &Value::DArray(n.clone()))?).clone()));
        }
        from_array_impl(h, a, Mode::Eager)
    }
);

fn full_impl(
    _: &mut dyn Host,
    args: Args,
    mode: Mode,
    fill: Option<Scalar>,
    name: &'static str,
) -> PyResult<Value> {
    check_kwargs(name, &args, &["shape", "fill_value", "dtype", "chunks"])?;
    let shape = shape_of(required(&args, 0, "shape", name)?)?;
    let (value, dtype_pos) = match fill {
        Some(v) => (v, 1),
        None => (
            number(required(&args, 1, "fill_value", name)?, "fill_value")?,
            2,
        ),
    };
    let dtype = match arg(&args, dtype_pos, "dtype") {
        Some(d) => dtype_of(d)?,
        None if fill.is_some() => DType::Float64,
        None => value.dtype(),
    };
    let spec = chunks_of(kwarg(&args, "chunks"))?;
    made(
        build::full(shape, value.cast(dtype), &spec, dask_full_name(name)),
        mode,
    )
}

fn dask_full_name(name: &str) -> &'static str {
    match name {
        "zeros" => "zeros_like",
        "ones" => "ones_like",
        _ => "full_like",
    }
}

fn like_impl(
    _: &mut dyn Host,
    args: Args,
    fill: Option<Scalar>,
    name: &'static str,
) -> PyResult<Value> {
    let x = required(&args, 0, "a", name)?;
    let base = node_of(x)?;
    let value = match fill {
        Some(v) => v,
        None => number(required(&args, 1, "fill_value", name)?, "fill_value")?,
    };
    let dtype = match kwarg(&args, "dtype") {
        Some(d) => dtype_of(d)?,
        None => base.dtype,
    };
    let spec = match kwarg(&args, "chunks") {
        Some(c) => chunks_of(Some(c))?,
        None => ChunkSpec::PerAxis(
            base.chunks
                .iter()
                .map(|c| AxisSpec::Sizes(c.clone()))
                .collect(),
        ),
    };
    let node = build::full(
        base.shape.clone(),
        value.cast(dtype),
        &spec,
        dask_full_name(name.trim_end_matches("_like")),
    );
    made(
        node,
        if any_lazy(&[x]) {
            Mode::Lazy
        } else {
            Mode::Eager
        },
    )
}

macro_rules! creators {
    ($($da:ident, $np:ident, $name:expr, $sig:expr, $doc:expr, $f:expr;)*) => {$(
        builtin!($da, $name, "dask.array", $sig, $doc, |h: &mut dyn Host, a| $f(h, a, Mode::Lazy));
        builtin!($np, $name, "numpy", $sig, $doc, |h: &mut dyn Host, a| $f(h, a, Mode::Eager));
    )*};
}

creators! {
    DA_ZEROS, NP_ZEROS, "zeros", "zeros(shape, dtype=float, chunks='auto')", "An array of zeros.",
        |h: &mut dyn Host, a, m| full_impl(h, a, m, Some(Scalar::Float(0.0)), "zeros");
    DA_ONES, NP_ONES, "ones", "ones(shape, dtype=float, chunks='auto')", "An array of ones.",
        |h: &mut dyn Host, a, m| full_impl(h, a, m, Some(Scalar::Float(1.0)), "ones");
    DA_FULL, NP_FULL, "full", "full(shape, fill_value, dtype=None, chunks='auto')", "An array filled with one value.",
        |h: &mut dyn Host, a, m| full_impl(h, a, m, None, "full");
    DA_ARANGE, NP_ARANGE, "arange", "arange([start,] stop[, step], dtype=None, chunks='auto')", "Evenly spaced values in [start, stop).",
        arange_impl;
    DA_LINSPACE, NP_LINSPACE, "linspace", "linspace(start, stop, num=50, endpoint=True, chunks='auto')", "num evenly spaced values from start to stop.",
        linspace_impl;
}

builtin!(
    ZEROS_LIKE,
    "zeros_like",
    "numpy",
    "zeros_like(a, dtype=None)",
    "Zeros with a's shape (and chunks).",
    |h: &mut dyn Host, a| like_impl(h, a, Some(Scalar::Float(0.0)), "zeros_like")
);
builtin!(
    ONES_LIKE,
    "ones_like",
    "numpy",
    "ones_like(a, dtype=None)",
    "Ones with a's shape (and chunks).",
    |h: &mut dyn Host, a| like_impl(h, a, Some(Scalar::Float(1.0)), "ones_like")
);
builtin!(
    FULL_LIKE,
    "full_like",
    "numpy",
    "full_like(a, fill_value, dtype=None)",
    "fill_value with a's shape (and chunks).",
    |h: &mut dyn Host, a| like_impl(h, a, None, "full_like")
);

fn arange_impl(_: &mut dyn Host, args: Args, mode: Mode) -> PyResult<Value> {
    check_kwargs(
        "arange",
        &args,
        &["start", "stop", "step", "dtype", "chunks"],
    )?;
    let nums: Vec<Scalar> = args
        .pos
        .iter()
        .map(|v| number(v, "arange's arguments"))
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match nums.as_slice() {
        [stop] => (Scalar::Int(0), *stop, Scalar::Int(1)),
        [start, stop] => (*start, *stop, Scalar::Int(1)),
        [start, stop, step] => (*start, *stop, *step),
        _ => match kwarg(&args, "stop") {
            Some(s) => (Scalar::Int(0), number(s, "stop")?, Scalar::Int(1)),
            None => {
                return Err(PyError::type_error(
                    "arange() requires stop to be specified.",
                ))
            }
        },
    };
    let mut node = build::arange(start, stop, step, &chunks_of(kwarg(&args, "chunks"))?)?;
    if let Some(d) = kwarg(&args, "dtype") {
        node = build::cast(&node, dtype_of(d)?);
    }
    made(Ok(node), mode)
}

fn linspace_impl(_: &mut dyn Host, args: Args, mode: Mode) -> PyResult<Value> {
    check_kwargs(
        "linspace",
        &args,
        &["start", "stop", "num", "endpoint", "chunks", "dtype"],
    )?;
    let start = number(required(&args, 0, "start", "linspace")?, "start")?.as_f64();
    let stop = number(required(&args, 1, "stop", "linspace")?, "stop")?.as_f64();
    let num = match arg(&args, 2, "num") {
        Some(n) => usize::try_from(expect_int(n)?)
            .map_err(|_| PyError::value_error("Number of samples, -1, must be non-negative."))?,
        None => 50,
    };
    let endpoint = arg(&args, 3, "endpoint").is_none_or(Value::truthy);
    made(
        build::linspace(
            start,
            stop,
            num,
            endpoint,
            &chunks_of(kwarg(&args, "chunks"))?,
        ),
        mode,
    )
}

// ---------------------------------------------------------------------------
// Random numbers

fn new_generator(seed: u64, lazy: bool) -> Value {
    Value::Native(Arc::new(NativeObj::Generator(RandomGenerator {
        seed,
        draws: AtomicU64::new(0),
        lazy,
    })))
}

fn entropy_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    crate::array::source::splitmix(nanos ^ std::process::id() as u64)
}

fn rng_seed(args: &Args) -> PyResult<u64> {
    Ok(match args.pos.first().or_else(|| kwarg(args, "seed")) {
        None | Some(Value::None) => entropy_seed(),
        Some(v) => expect_int(v)? as u64,
    })
}

builtin!(
    DA_DEFAULT_RNG,
    "default_rng",
    "dask.array.random",
    "default_rng(seed=None)",
    "A random generator; arrays it draws have one independent stream per chunk.",
    |_: &mut dyn Host, a: Args| Ok(new_generator(rng_seed(&a)?, true))
);
builtin!(
    NP_DEFAULT_RNG,
    "default_rng",
    "numpy.random",
    "default_rng(seed=None)",
    "A random generator (pgs's own streams: the numbers differ from NumPy's PCG64).",
    |_: &mut dyn Host, a: Args| Ok(new_generator(rng_seed(&a)?, false))
);

/// The generator module-level `random.normal(...)` and friends draw from; reseeded
/// by `random.seed(n)`.
static MODULE_SEED: parking_lot::Mutex<Option<(u64, u64)>> = parking_lot::Mutex::new(None);

fn module_draw_seed() -> u64 {
    let mut state = MODULE_SEED.lock();
    let (seed, draws) = state.get_or_insert_with(|| (entropy_seed(), 0));
    *draws += 1;
    crate::array::source::splitmix(*seed ^ draws.wrapping_mul(0xA24B_AED4_963E_E407))
}

builtin!(
    DA_SEED,
    "seed",
    "dask.array.random",
    "seed(seed)",
    "Seeds the module-level random functions.",
    |_: &mut dyn Host, a: Args| {
        *MODULE_SEED.lock() = Some((rng_seed(&a)?, 0));
        Ok(Value::None)
    }
);

fn generator_of(v: &Value) -> Option<&RandomGenerator> {
    match v {
        Value::Native(n) => match &**n {
            NativeObj::Generator(g) => Some(g),
            _ => None,
        },
        _ => None,
    }
}

/// Draws an array from `dist`: from a generator (its next stream) or the module.
fn draw(
    receiver: Option<&RandomGenerator>,
    lazy: bool,
    dist: Distribution,
    size: Option<&Value>,
    chunks: Option<&Value>,
    name: &'static str,
) -> PyResult<Value> {
    let seed = match receiver {
        Some(g) => {
            let n = g.draws.fetch_add(1, Ordering::Relaxed);
            crate::array::source::splitmix(g.seed ^ n.wrapping_mul(0xA24B_AED4_963E_E407))
        }
        None => module_draw_seed(),
    };
    let shape = match size {
        Some(s) => shape_of(s)?,
        None => vec![],
    };
    let node = build::random(seed, dist, shape, &chunks_of(chunks)?, name)?;
    finish(node, lazy)
}

fn f64_arg(args: &Args, i: usize, name: &str, default: f64) -> PyResult<f64> {
    Ok(match arg(args, i, name) {
        Some(v) => number(v, name)?.as_f64(),
        None => default,
    })
}

/// The positional offset of a call's arguments: a generator method's receiver is
/// `pos[0]`.
fn split_receiver<'a>(args: Args<'a>) -> (Option<&'a RandomGenerator>, Args<'a>) {
    match args.pos.first().and_then(generator_of) {
        Some(g) => (
            Some(g),
            Args {
                pos: &args.pos[1..],
                kw: args.kw,
            },
        ),
        None => (None, args),
    }
}

fn laziness(g: Option<&RandomGenerator>, module_lazy: bool) -> bool {
    g.map(|g| g.lazy).unwrap_or(module_lazy)
}

fn normal_impl(_: &mut dyn Host, args: Args, module_lazy: bool) -> PyResult<Value> {
    let (g, a) = split_receiver(args);
    let dist = Distribution::Normal {
        loc: f64_arg(&a, 0, "loc", 0.0)?,
        scale: f64_arg(&a, 1, "scale", 1.0)?,
    };
    draw(
        g,
        laziness(g, module_lazy),
        dist,
        arg(&a, 2, "size"),
        kwarg(&a, "chunks"),
        "normal",
    )
}

fn standard_normal_impl(_: &mut dyn Host, args: Args, module_lazy: bool) -> PyResult<Value> {
    let (g, a) = split_receiver(args);
    let dist = Distribution::Normal {
        loc: 0.0,
        scale: 1.0,
    };
    draw(
        g,
        laziness(g, module_lazy),
        dist,
        arg(&a, 0, "size"),
        kwarg(&a, "chunks"),
        "standard_normal",
    )
}

fn uniform_impl(_: &mut dyn Host, args: Args, module_lazy: bool) -> PyResult<Value> {
    let (g, a) = split_receiver(args);
    let dist = Distribution::Uniform {
        low: f64_arg(&a, 0, "low", 0.0)?,
        high: f64_arg(&a, 1, "high", 1.0)?,
    };
    draw(
        g,
        laziness(g, module_lazy),
        dist,
        arg(&a, 2, "size"),
        kwarg(&a, "chunks"),
        "uniform",
    )
}

fn random_impl(_: &mut dyn Host, args: Args, module_lazy: bool) -> PyResult<Value> {
    let (g, a) = split_receiver(args);
    let dist = Distribution::Uniform {
        low: 0.0,
        high: 1.0,
    };
    draw(
        g,
        laziness(g, module_lazy),
        dist,
        arg(&a, 0, "size"),
        kwarg(&a, "chunks"),
        "random",
    )
}

fn integers_impl(_: &mut dyn Host, args: Args, module_lazy: bool) -> PyResult<Value> {
    let (g, a) = split_receiver(args);
    let low = expect_int(required(&a, 0, "low", "integers")?)?;
    let (low, high) = match arg(&a, 1, "high") {
        Some(hi) => (low, expect_int(hi)?),
        None => (0, low),
    };
    draw(
        g,
        laziness(g, module_lazy),
        Distribution::Integers { low, high },
        arg(&a, 2, "size"),
        kwarg(&a, "chunks"),
        "integers",
    )
}

macro_rules! random_fns {
    ($($da:ident, $np:ident, $name:expr, $sig:expr, $f:expr;)*) => {$(
        builtin!($da, $name, "dask.array.random", $sig, "Random numbers; one independent stream per chunk.",
            |h: &mut dyn Host, a| $f(h, a, true));
        builtin!($np, $name, "numpy.random", $sig, "Random numbers (pgs's streams, not NumPy's).",
            |h: &mut dyn Host, a| $f(h, a, false));
    )*};
}

random_fns! {
    DA_NORMAL, NP_NORMAL, "normal", "normal(loc=0.0, scale=1.0, size=None, chunks='auto')", normal_impl;
    DA_STD_NORMAL, NP_STD_NORMAL, "standard_normal", "standard_normal(size=None, chunks='auto')", standard_normal_impl;
    DA_UNIFORM, NP_UNIFORM, "uniform", "uniform(low=0.0, high=1.0, size=None, chunks='auto')", uniform_impl;
    DA_RANDOM, NP_RANDOM, "random", "random(size=None, chunks='auto')", random_impl;
    DA_INTEGERS, NP_INTEGERS, "integers", "integers(low, high=None, size=None, chunks='auto')", integers_impl;
}

/// A generator's method (`rng.normal`), lazy or eager as the generator was made.
pub fn generator_method(g: &RandomGenerator, name: &str) -> Option<&'static BuiltinDef> {
    Some(match (g.lazy, name) {
        (true, "normal") => &DA_NORMAL,
        (true, "standard_normal") => &DA_STD_NORMAL,
        (true, "uniform") => &DA_UNIFORM,
        (true, "random") => &DA_RANDOM,
        (true, "integers") => &DA_INTEGERS,
        (false, "normal") => &NP_NORMAL,
        (false, "standard_normal") => &NP_STD_NORMAL,
        (false, "uniform") => &NP_UNIFORM,
        (false, "random") => &NP_RANDOM,
        (false, "integers") => &NP_INTEGERS,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Functions shared by both modules (lazy exactly when an input is)

macro_rules! ufuncs {
    ($($static:ident, $name:expr, $f:expr;)*) => {$(
        builtin!($static, $name, "numpy", concat!($name, "(x)"), concat!("Elementwise ", $name, "."),
            |_: &mut dyn Host, a: Args| {
                let x = required(&a, 0, "x", $name)?;
                apply_ufunc($f, x)
            });
    )*};
}

ufuncs! {
    SQRT, "sqrt", UFunc::Sqrt; EXP, "exp", UFunc::Exp; LOG, "log", UFunc::Log;
    LOG10, "log10", UFunc::Log10; LOG2, "log2", UFunc::Log2; ABS, "abs", UFunc::Abs;
    ABSOLUTE, "absolute", UFunc::Abs; SIN, "sin", UFunc::Sin; COS, "cos", UFunc::Cos;
    TAN, "tan", UFunc::Tan; ARCSIN, "arcsin", UFunc::Arcsin; ARCCOS, "arccos", UFunc::Arccos;
    ARCTAN, "arctan", UFunc::Arctan; SINH, "sinh", UFunc::Sinh; COSH, "cosh", UFunc::Cosh;
    TANH, "tanh", UFunc::Tanh; FLOOR, "floor", UFunc::Floor; CEIL, "ceil", UFunc::Ceil;
    TRUNC, "trunc", UFunc::Trunc; SIGN, "sign", UFunc::Sign; SQUARE, "square", UFunc::Square;
    ISNAN, "isnan", UFunc::IsNan; ISFINITE, "isfinite", UFunc::IsFinite; ISINF, "isinf", UFunc::IsInf;
    LOGICAL_NOT, "logical_not", UFunc::LogicalNot; NEGATIVE, "negative", UFunc::Neg;
}

macro_rules! binary_fns {
    ($($static:ident, $name:expr, $op:expr;)*) => {$(
        builtin!($static, $name, "numpy", concat!($name, "(x1, x2)"), concat!("Elementwise ", $name, " with broadcasting."),
            |_: &mut dyn Host, a: Args| {
                let x = required(&a, 0, "x1", $name)?;
                let y = required(&a, 1, "x2", $name)?;
                elementwise2($op, x, y)
            });
    )*};
}

binary_fns! {
    MAXIMUM, "maximum", BinaryOp::Maximum; MINIMUM, "minimum", BinaryOp::Minimum;
    ADD, "add", BinaryOp::Add; SUBTRACT, "subtract", BinaryOp::Sub; MULTIPLY, "multiply", BinaryOp::Mul;
    DIVIDE, "divide", BinaryOp::Div; POWER, "power", BinaryOp::Pow;
    LOGICAL_AND, "logical_and", BinaryOp::LogicalAnd; LOGICAL_OR, "logical_or", BinaryOp::LogicalOr;
}

builtin!(
    ROUND,
    "round",
    "numpy",
    "round(a, decimals=0)",
    "Rounds to the given number of decimals (halves to even).",
    |_: &mut dyn Host, a: Args| round_impl(a)
);
fn round_impl(a: Args) -> PyResult<Value> {
    let x = required(&a, 0, "a", "round")?;
    let decimals = match arg(&a, 1, "decimals") {
        Some(d) => expect_int(d)?,
        None => 0,
    };
    let base = node_of(x)?;
    let node = if decimals == 0 || (decimals > 0 && base.dtype != DType::Float64) {
        build::unary(UFunc::Round, &base)?
    } else if base.dtype != DType::Float64 {
        // Integers with decimals < 0 round too (np.round([15, 25], -1) is [20, 20]):
        // NumPy divides in float64, rounds half to even, multiplies back and casts to
        // the input's dtype.
        let scale = 10f64.powi(decimals.unsigned_abs().min(400) as i32);
        let scaled = build::with_scalar(BinaryOp::Div, &base, Scalar::Float(scale), false)?;
        let rounded = build::unary(UFunc::Round, &scaled)?;
        let back = build::with_scalar(BinaryOp::Mul, &rounded, Scalar::Float(scale), false)?;
        build::cast(&back, base.dtype)
    } else {
        // NumPy's way: scale, round half to even, scale back.
        let scale = 10f64.powi(decimals.unsigned_abs().min(400) as i32);
        let (up, down) = if decimals > 0 {
            (BinaryOp::Mul, BinaryOp::Div)
        } else {
            (BinaryOp::Div, BinaryOp::Mul)
        };
        let scaled = build::with_scalar(up, &base, Scalar::Float(scale), false)?;
        let rounded = build::unary(UFunc::Round, &scaled)?;
        build::with_scalar(down, &rounded, Scalar::Float(scale), false)?
    };
    finish(node, any_lazy(&[x]))
}

builtin!(
    CLIP,
    "clip",
    "numpy",
    "clip(a, a_min, a_max)",
    "Limits values to [a_min, a_max].",
    |_: &mut dyn Host, a: Args| {
        let x = required(&a, 0, "a", "clip")?;
        let mut node = node_of(x)?;
        // Both steps are named `clip`, Dask's name for the result.
        if let Some(lo) = arg(&a, 1, "a_min").or_else(|| kwarg(&a, "min")) {
            let lo = number(lo, "a_min")?;
            node = build::with_scalar_named(BinaryOp::Maximum, &node, lo, false, "clip")?;
        }
        if let Some(hi) = arg(&a, 2, "a_max").or_else(|| kwarg(&a, "max")) {
            let hi = number(hi, "a_max")?;
            node = build::with_scalar_named(BinaryOp::Minimum, &node, hi, false, "clip")?;
        }
        finish(node, any_lazy(&[x]))
    }
);

builtin!(
    WHERE,
    "where",
    "numpy",
    "where(condition, x, y)",
    "x where condition holds, else y.",
    |_: &mut dyn Host, a: Args| {
        let c = required(&a, 0, "condition", "where")?;
        let x = required(&a, 1, "x", "where")?;
        let y = required(&a, 2, "y", "where")?;
        let (nc, nx, ny) = (node_of(c)?, operand_node(x)?, operand_node(y)?);
        check_broadcast(&[&nc, &nx, &ny], any_lazy(&[c, x, y]))?;
        let node = build::where_(&nc, &nx, &ny)?;
        finish(node, any_lazy(&[c, x, y]))
    }
);

/// An operand that may be a Python number (a 0-d array then).
fn operand_node(v: &Value) -> PyResult<Arc<ArrayNode>> {
    match scalar_of(v) {
        Some(s) if !is_array(v) => build::full(vec![], s, &ChunkSpec::Auto, "full_like"),
        _ => node_of(v),
    }
}

fn reduction_impl(_: &mut dyn Host, a: Args, kind: Reduction, name: &str) -> PyResult<Value> {
    check_kwargs(
        name,
        &a,
        &[
            "a",
            "axis",
            "keepdims",
            "ddof",
            "dtype",
            "split_every",
            "out",
        ],
    )?;
    let x = required(&a, 0, "a", name)?;
    let axis_value = a.pos.get(1).or_else(|| kwarg(&a, "axis"));
    if let (Reduction::ArgMin | Reduction::ArgMax, Some(v @ (Value::Tuple(_) | Value::List(_)))) =
        (kind, axis_value)
    {
        // Arg reductions take one axis at most.
        return Err(PyError::type_error(if any_lazy(&[x]) {
            format!(
                "axis must be either `None` or int, got '{}'",
                crate::output::repr::repr(v)
            )
        } else {
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            )
        }));
    }
    let axis = axis_of(axis_value)?;
    let ddof = match kwarg(&a, "ddof") {
        Some(d) => number(d, "ddof")?.as_f64(),
        None => 0.0,
    };
    let mut node = build::reduce(
        kind,
        &node_of(x)?,
        axis.as_deref(),
        flag(&a, "keepdims"),
        ddof,
    )
    .map_err(|e| worded(e, any_lazy(&[x])))?;
    if let Some(d) = kwarg(&a, "dtype").filter(|d| !matches!(d, Value::None)) {
        node = build::cast(&node, dtype_of(d)?);
    }
    finish(node, any_lazy(&[x]))
}

macro_rules! reductions {
    ($($static:ident, $name:expr, $kind:expr;)*) => {$(
        builtin!($static, $name, "numpy", concat!($name, "(a, axis=None, keepdims=False)"),
            concat!("The ", $name, " over the given axes (all when axis is None)."),
            |h: &mut dyn Host, a: Args| reduction_impl(h, a, $kind, $name));
    )*};
}

reductions! {
    SUM, "sum", Reduction::Sum; PROD, "prod", Reduction::Prod; MEAN, "mean", Reduction::Mean;
    STD, "std", Reduction::Std; VAR, "var", Reduction::Var; MIN, "min", Reduction::Min;
    MAX, "max", Reduction::Max; AMIN, "amin", Reduction::Min; AMAX, "amax", Reduction::Max;
    ARGMIN, "argmin", Reduction::ArgMin; ARGMAX, "argmax", Reduction::ArgMax;
    ANY, "any", Reduction::Any; ALL, "all", Reduction::All;
}

fn cumulative_impl(_: &mut dyn Host, a: Args, kind: Cumulative, name: &str) -> PyResult<Value> {
    let x = required(&a, 0, "a", name)?;
    let axis = match arg(&a, 1, "axis") {
        Some(v) => Some(expect_int(v)?),
        None => None,
    };
    let node =
        build::cumulative(kind, &node_of(x)?, axis).map_err(|e| worded(e, any_lazy(&[x])))?;
    finish(node, any_lazy(&[x]))
}

builtin!(
    CUMSUM,
    "cumsum",
    "numpy",
    "cumsum(a, axis=None)",
    "Running sums along an axis (flattened when None).",
    |h: &mut dyn Host, a| cumulative_impl(h, a, Cumulative::Sum, "cumsum")
);
builtin!(
    CUMPROD,
    "cumprod",
    "numpy",
    "cumprod(a, axis=None)",
    "Running products along an axis (flattened when None).",
    |h: &mut dyn Host, a| cumulative_impl(h, a, Cumulative::Prod, "cumprod")
);

/// Dask's `x.cumsum(axis)` method (unlike the function) requires the axis.
fn dask_cumulative_method(
    h: &mut dyn Host,
    a: Args,
    kind: Cumulative,
    name: &str,
) -> PyResult<Value> {
    if a.pos.len() < 2 && kwarg(&a, "axis").is_none() {
        return Err(PyError::type_error(format!(
            "Array.{name}() missing 1 required positional argument: 'axis'"
        )));
    }
    cumulative_impl(h, a, kind, name)
}

builtin!(
    DA_M_CUMSUM,
    "cumsum",
    "Array",
    "x.cumsum(axis)",
    "Running sums along an axis (None flattens).",
    |h: &mut dyn Host, a| dask_cumulative_method(h, a, Cumulative::Sum, "cumsum")
);
builtin!(
    DA_M_CUMPROD,
    "cumprod",
    "Array",
    "x.cumprod(axis)",
    "Running products along an axis (None flattens).",
    |h: &mut dyn Host, a| dask_cumulative_method(h, a, Cumulative::Prod, "cumprod")
);

fn sequence_of(v: &Value, func: &str) -> PyResult<Vec<Value>> {
    v.to_vec().map_err(|_| {
        PyError::type_error(format!(
            "{func}() expects a list or tuple of arrays, not '{}'",
            v.type_name()
        ))
    })
}

builtin!(
    CONCATENATE,
    "concatenate",
    "numpy",
    "concatenate(seq, axis=0)",
    "Joins arrays along an existing axis.",
    |_: &mut dyn Host, a: Args| {
        let items = sequence_of(required(&a, 0, "seq", "concatenate")?, "concatenate")?;
        let axis = match arg(&a, 1, "axis") {
            Some(v) => expect_int(v)?,
            None => 0,
        };
        let nodes: Vec<_> = items.iter().map(node_of).collect::<PyResult<_>>()?;
        let lazy = items.iter().any(|v| matches!(v, Value::DArray(_)));
        if lazy && nodes.is_empty() {
            return Err(PyError::value_error("Need array(s) to concatenate"));
        }
        let node = build::concatenate(&nodes, axis).map_err(|e| {
            if lazy
                && e.message()
                    .starts_with("all the input array dimensions except")
            {
                // Dask's wording (a tuple's repr, as Dask formats it).
                let shapes: Vec<String> = nodes
                    .iter()
                    .map(|n| crate::array::chunks::shape_text(&n.shape))
                    .collect();
                PyError::value_error(format!(
                    "('Shapes do not align: %s', [{}])",
                    shapes.join(", ")
                ))
            } else {
                e
            }
        })?;
        finish(node, lazy)
    }
);
builtin!(
    STACK,
    "stack",
    "numpy",
    "stack(seq, axis=0)",
    "Joins same-shaped arrays along a new axis.",
    |_: &mut dyn Host, a: Args| {
        let items = sequence_of(required(&a, 0, "seq", "stack")?, "stack")?;
        let axis = match arg(&a, 1, "axis") {
            Some(v) => expect_int(v)?,
            None => 0,
        };
        let nodes: Vec<_> = items.iter().map(node_of).collect::<PyResult<_>>()?;
        let lazy = items.iter().any(|v| matches!(v, Value::DArray(_)));
        if lazy {
            // Dask's wording for arrays it cannot stack.
            let Some(first) = nodes.first() else {
                return Err(PyError::value_error("Need array(s) to stack"));
            };
            if let Some(i) = nodes.iter().position(|n| n.shape != first.shape) {
                return Err(PyError::value_error(format!(
                    "Stacked arrays must have the same shape. The first array had shape {}, while array {} has shape {}.",
                    crate::array::chunks::shape_text(&first.shape),
                    i + 1,
                    crate::array::chunks::shape_text(&nodes[i].shape)
                )));
            }
        }
        finish(build::stack(&nodes, axis)?, lazy)
    }
);

fn matmul_values(a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y) = (node_of(a)?, node_of(b)?);
    let lazy = any_lazy(&[a, b]);
    if lazy && (x.shape.is_empty() || y.shape.is_empty()) {
        return Err(PyError::value_error("`matmul` does not support scalars."));
    }
    let mut node = build::matmul(&x, &y)?;
    if !lazy && x.dtype == DType::Bool && y.dtype == DType::Bool {
        // NumPy's boolean matmul is an or of ands (a bool array); Dask sums the
        // blocks as int64, which the lazy path keeps.
        node = build::cast(&node, DType::Bool);
    }
    finish(node, lazy)
}

builtin!(
    MATMUL,
    "matmul",
    "numpy",
    "matmul(a, b)",
    "Matrix product (a @ b).",
    |_: &mut dyn Host, a: Args| matmul_values(
        required(&a, 0, "a", "matmul")?,
        required(&a, 1, "b", "matmul")?
    )
);
builtin!(
    DOT,
    "dot",
    "numpy",
    "dot(a, b)",
    "Matrix product of 1-d and 2-d arrays.",
    |_: &mut dyn Host, a: Args| matmul_values(
        required(&a, 0, "a", "dot")?,
        required(&a, 1, "b", "dot")?
    )
);

builtin!(
    TRANSPOSE,
    "transpose",
    "numpy",
    "transpose(a, axes=None)",
    "Permutes the axes (reverses them by default).",
    |_: &mut dyn Host, a: Args| {
        let x = required(&a, 0, "a", "transpose")?;
        let axes = axis_of(arg(&a, 1, "axes"))?;
        finish(
            build::transpose(&node_of(x)?, axes.as_deref())?,
            any_lazy(&[x]),
        )
    }
);

builtin!(
    RESHAPE,
    "reshape",
    "numpy",
    "reshape(a, shape)",
    "The same elements in a new shape (one -1 is inferred).",
    |_: &mut dyn Host, a: Args| {
        let x = required(&a, 0, "a", "reshape")?;
        let shape = ints_of(required(&a, 1, "shape", "reshape")?)?;
        let lazy = any_lazy(&[x]);
        let node = build::reshape(&node_of(x)?, &shape).map_err(|e| worded(e, lazy))?;
        finish(node, lazy)
    }
);

fn ints_of(v: &Value) -> PyResult<Vec<i64>> {
    match v {
        Value::Tuple(_) | Value::List(_) => v.to_vec()?.iter().map(expect_int).collect(),
        other => Ok(vec![expect_int(other)?]),
    }
}

builtin!(
    RECHUNK,
    "rechunk",
    "dask.array",
    "rechunk(x, chunks='auto')",
    "The same array cut into different chunks.",
    |_: &mut dyn Host, a: Args| {
        let x = required(&a, 0, "x", "rechunk")?;
        Ok(Value::DArray(build::rechunk(
            &node_of(x)?,
            &chunks_of(arg(&a, 1, "chunks"))?,
        )?))
    }
);

builtin!(MAP_BLOCKS, "map_blocks", "dask.array", "map_blocks(func, x, dtype=None)",
    "Calls func on every chunk of x (a concrete array) in parallel; the results form the new array.",
    |_: &mut dyn Host, a: Args| {
        let func = required(&a, 0, "func", "map_blocks")?;
        if !func.is_callable() {
            return Err(PyError::type_error(format!("map_blocks: '{}' object is not callable", func.type_name())));
        }
        let x = required(&a, 1, "x", "map_blocks")?;
        let dtype = match kwarg(&a, "dtype") { Some(d) => Some(dtype_of(d)?), None => None };
        Ok(Value::DArray(build::map_blocks(func.clone(), &node_of(x)?, dtype, "map_blocks")))
    });

builtin!(
    FROM_NPY,
    "from_npy",
    "dask.array",
    "from_npy(path, chunks='auto')",
    "A dask array over a .npy file, memory-mapped and read chunk by chunk.",
    |_: &mut dyn Host, a: Args| {
        let path = super::builtins::expect_str(required(&a, 0, "path", "from_npy")?, "path")?;
        let file = Arc::new(crate::array::npy::NpyFile::open(path)?);
        Ok(Value::DArray(build::npy(
            file,
            &chunks_of(arg(&a, 1, "chunks"))?,
        )?))
    }
);

builtin!(
    TO_NPY,
    "to_npy",
    "dask.array",
    "to_npy(path, x)",
    "Computes x and writes it to a .npy file (through a temporary file, renamed when complete).",
    |h: &mut dyn Host, a: Args| {
        let path = super::builtins::expect_str(required(&a, 0, "path", "to_npy")?, "path")?;
        let x = required(&a, 1, "x", "to_npy")?;
        let data = concrete(h, x)?;
        crate::array::npy::save(path, &data)?;
        Ok(Value::None)
    }
);

builtin!(
    NP_LOAD,
    "load",
    "numpy",
    "load(file)",
    "Reads a .npy file into a concrete array.",
    |_: &mut dyn Host, a: Args| {
        let path = super::builtins::expect_str(required(&a, 0, "file", "load")?, "file")?;
        Ok(Value::Array(Arc::new(
            crate::array::npy::NpyFile::open(path)?.to_ndarray(),
        )))
    }
);

builtin!(
    NP_SAVE,
    "save",
    "numpy",
    "save(file, arr)",
    "Writes an array to a .npy file (through a temporary file).",
    |h: &mut dyn Host, a: Args| {
        let path = super::builtins::expect_str(required(&a, 0, "file", "save")?, "file")?;
        let data = concrete(h, required(&a, 1, "arr", "save")?)?;
        crate::array::npy::save(path, &data)?;
        Ok(Value::None)
    }
);

builtin!(
    DA_COMPUTE,
    "compute",
    "dask.array",
    "compute(*args)",
    "Computes several arrays together.",
    |h: &mut dyn Host, a: Args| super::dask::compute_builtin(h, a)
);

// ---------------------------------------------------------------------------
// Methods and attributes

/// The method `name` of an array, if it has one.
pub fn method(receiver: &Value, name: &str) -> Option<&'static BuiltinDef> {
    if let Some(g) = generator_of(receiver) {
        return generator_method(g, name);
    }
    if !is_array(receiver) {
        return None;
    }
    Some(match name {
        "sum" => &SUM,
        "prod" => &PROD,
        "mean" => &MEAN,
        "std" => &STD,
        "var" => &VAR,
        "min" => &MIN,
        "max" => &MAX,
        "argmin" => &ARGMIN,
        "argmax" => &ARGMAX,
        "any" => &ANY,
        "all" => &ALL,
        "cumsum" if matches!(receiver, Value::DArray(_)) => &DA_M_CUMSUM,
        "cumprod" if matches!(receiver, Value::DArray(_)) => &DA_M_CUMPROD,
        "cumsum" => &CUMSUM,
        "cumprod" => &CUMPROD,
        "round" => &ROUND,
        "clip" => &CLIP,
        "dot" => &DOT,
        "transpose" => &M_TRANSPOSE,
        "reshape" => &M_RESHAPE,
        "astype" => &ASTYPE,
        "tolist" => &TOLIST,
        "item" => &ITEM,
        "flatten" | "ravel" => &FLATTEN,
        "copy" => &COPY,
        "compute" => &M_COMPUTE,
        "persist" => &M_PERSIST,
        "rechunk" if matches!(receiver, Value::DArray(_)) => &RECHUNK,
        "map_blocks" if matches!(receiver, Value::DArray(_)) => &M_MAP_BLOCKS,
        "visualize" if matches!(receiver, Value::DArray(_)) => &M_VISUALIZE,
        _ => return None,
    })
}

/// Names of the array methods, for completion.
pub const METHOD_NAMES: &[&str] = &[
    "all",
    "any",
    "argmax",
    "argmin",
    "astype",
    "clip",
    "compute",
    "copy",
    "cumprod",
    "cumsum",
    "dot",
    "flatten",
    "item",
    "map_blocks",
    "max",
    "mean",
    "min",
    "persist",
    "prod",
    "ravel",
    "rechunk",
    "reshape",
    "round",
    "std",
    "sum",
    "tolist",
    "transpose",
    "var",
    "visualize",
];

/// Methods only a dask array has.
pub const DASK_ONLY_METHODS: &[&str] = &["map_blocks", "rechunk", "visualize"];

/// Data attributes of a concrete array, for completion.
pub const ARRAY_ATTRIBUTES: &[&str] =
    &["T", "dtype", "itemsize", "nbytes", "ndim", "shape", "size"];

/// Data attributes of a dask array, for completion.
pub const DASK_ARRAY_ATTRIBUTES: &[&str] = &[
    "T",
    "chunks",
    "chunksize",
    "dtype",
    "itemsize",
    "name",
    "nbytes",
    "ndim",
    "npartitions",
    "numblocks",
    "shape",
    "size",
];

builtin!(
    M_TRANSPOSE,
    "transpose",
    "ndarray",
    "a.transpose(*axes)",
    "Permutes the axes.",
    |_: &mut dyn Host, a: Args| {
        let x = &a.pos[0];
        let axes: Option<Vec<i64>> = match &a.pos[1..] {
            [] => None,
            [one @ (Value::Tuple(_) | Value::List(_))] => Some(ints_of(one)?),
            many => Some(many.iter().map(expect_int).collect::<PyResult<_>>()?),
        };
        finish(
            build::transpose(&node_of(x)?, axes.as_deref())?,
            any_lazy(&[x]),
        )
    }
);

builtin!(
    M_RESHAPE,
    "reshape",
    "ndarray",
    "a.reshape(*shape)",
    "The same elements in a new shape.",
    |_: &mut dyn Host, a: Args| {
        let x = &a.pos[0];
        let shape: Vec<i64> = match &a.pos[1..] {
            [one] => ints_of(one)?,
            many => many.iter().map(expect_int).collect::<PyResult<_>>()?,
        };
        let lazy = any_lazy(&[x]);
        let node = build::reshape(&node_of(x)?, &shape).map_err(|e| worded(e, lazy))?;
        finish(node, lazy)
    }
);

builtin!(
    ASTYPE,
    "astype",
    "ndarray",
    "a.astype(dtype)",
    "The array converted to another dtype.",
    |_: &mut dyn Host, a: Args| {
        let x = &a.pos[0];
        let to = dtype_of(required(&a, 1, "dtype", "astype")?)?;
        finish(build::cast(&node_of(x)?, to), any_lazy(&[x]))
    }
);

builtin!(
    FLATTEN,
    "flatten",
    "ndarray",
    "a.flatten()",
    "The elements as a 1-d array.",
    |_: &mut dyn Host, a: Args| {
        let x = &a.pos[0];
        finish(build::reshape(&node_of(x)?, &[-1])?, any_lazy(&[x]))
    }
);

builtin!(
    COPY,
    "copy",
    "ndarray",
    "a.copy()",
    "A copy (arrays are immutable in pgs, so the same array).",
    |_: &mut dyn Host, a: Args| Ok(a.pos[0].clone())
);

builtin!(
    TOLIST,
    "tolist",
    "ndarray",
    "a.tolist()",
    "The elements as nested lists of Python numbers.",
    |h: &mut dyn Host, a: Args| Ok(tolist(&*concrete(h, &a.pos[0])?))
);

builtin!(
    ITEM,
    "item",
    "ndarray",
    "a.item()",
    "The only element, as a Python number.",
    |h: &mut dyn Host, a: Args| {
        let data = concrete(h, &a.pos[0])?;
        if data.len() != 1 {
            return Err(PyError::value_error(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        Ok(data.first().map(Scalar::to_value).unwrap_or_default())
    }
);

builtin!(
    M_COMPUTE,
    "compute",
    "Array",
    "x.compute()",
    "Computes the array in parallel: a concrete array (a number when 0-d).",
    |h: &mut dyn Host, a: Args| {
        match &a.pos[0] {
            Value::DArray(_) => Ok(to_value((*concrete(h, &a.pos[0])?).clone())),
            other => Ok(other.clone()),
        }
    }
);

builtin!(
    M_PERSIST,
    "persist",
    "Array",
    "x.persist()",
    "Computes the array now; later computations reuse the result.",
    |h: &mut dyn Host, a: Args| {
        match &a.pos[0] {
            Value::DArray(n) => {
                let data = concrete(h, &a.pos[0])?;
                let spec = ChunkSpec::PerAxis(
                    n.chunks
                        .iter()
                        .map(|c| AxisSpec::Sizes(c.clone()))
                        .collect(),
                );
                Ok(Value::DArray(build::from_array(data, &spec)?))
            }
            other => Ok(other.clone()),
        }
    }
);

builtin!(
    M_MAP_BLOCKS,
    "map_blocks",
    "Array",
    "x.map_blocks(func, dtype=None)",
    "Calls func on every chunk.",
    |h: &mut dyn Host, a: Args| {
        let pos = [
            a.pos[1..2].to_vec(),
            vec![a.pos[0].clone()],
            a.pos[2..].to_vec(),
        ]
        .concat();
        (MAP_BLOCKS.call)(
            h,
            Args {
                pos: &pos,
                kw: a.kw,
            },
        )
    }
);

builtin!(
    M_VISUALIZE,
    "visualize",
    "Array",
    "x.visualize(filename='mydask', format=None)",
    "Draws the array's task graph, as it will be lowered (fused kernels as one node), into filename.",
    super::dask::visualize_method
);

/// `x.name` for array data attributes.
pub fn get_attr(v: &Value, name: &str) -> Option<PyResult<Value>> {
    let (shape, dtype): (Vec<usize>, DType) = match v {
        Value::Array(a) => (a.shape().to_vec(), a.dtype()),
        Value::DArray(n) => (n.shape.clone(), n.dtype),
        Value::Native(n) => {
            return match (&**n, name) {
                (NativeObj::DType(d), "name") => Some(Ok(Value::str(d.name()))),
                (NativeObj::DType(d), "itemsize") => Some(Ok(Value::Int(d.item_size() as i64))),
                _ => None,
            }
        }
        _ => return None,
    };
    let ints = |xs: &[usize]| Value::tuple(xs.iter().map(|&n| Value::Int(n as i64)).collect());
    let size: usize = shape.iter().product();
    Some(Ok(match (name, v) {
        ("shape", _) => ints(&shape),
        ("ndim", _) => Value::Int(shape.len() as i64),
        ("dtype", _) => Value::Native(Arc::new(NativeObj::DType(dtype))),
        ("size", _) => Value::Int(size as i64),
        ("nbytes", _) => Value::Int((size * dtype.item_size()) as i64),
        ("itemsize", _) => Value::Int(dtype.item_size() as i64),
        ("T", _) => {
            return Some(
                build::transpose(
                    &match node_of(v) {
                        Ok(n) => n,
                        Err(e) => return Some(Err(e)),
                    },
                    None,
                )
                .and_then(|n| finish(n, any_lazy(&[v]))),
            )
        }
        ("chunks", Value::DArray(n)) => Value::tuple(n.chunks.iter().map(|c| ints(c)).collect()),
        ("numblocks", Value::DArray(n)) => ints(&n.numblocks()),
        ("npartitions", Value::DArray(n)) => Value::Int(n.block_count() as i64),
        ("chunksize", Value::DArray(n)) => ints(&n.chunksize()),
        ("name", Value::DArray(n)) => Value::str(&n.key()),
        _ => return None,
    }))
}

/// `len(x)`: the first axis.
pub fn len(v: &Value) -> Option<PyResult<usize>> {
    let shape = match v {
        Value::Array(a) => a.shape().to_vec(),
        Value::DArray(n) => n.shape.clone(),
        _ => return None,
    };
    Some(
        shape
            .first()
            .copied()
            .ok_or_else(|| PyError::type_error("len() of unsized object")),
    )
}

// ---------------------------------------------------------------------------
// Modules

fn members(defs: &[&'static BuiltinDef]) -> IndexMap<&'static str, Value> {
    defs.iter().map(|d| (d.name, Value::Builtin(d))).collect()
}

const SHARED: &[&BuiltinDef] = &[
    &SQRT,
    &EXP,
    &LOG,
    &LOG10,
    &LOG2,
    &ABS,
    &ABSOLUTE,
    &SIN,
    &COS,
    &TAN,
    &ARCSIN,
    &ARCCOS,
    &ARCTAN,
    &SINH,
    &COSH,
    &TANH,
    &FLOOR,
    &CEIL,
    &TRUNC,
    &SIGN,
    &SQUARE,
    &ISNAN,
    &ISFINITE,
    &ISINF,
    &LOGICAL_NOT,
    &NEGATIVE,
    &MAXIMUM,
    &MINIMUM,
    &ADD,
    &SUBTRACT,
    &MULTIPLY,
    &DIVIDE,
    &POWER,
    &LOGICAL_AND,
    &LOGICAL_OR,
    &ROUND,
    &CLIP,
    &WHERE,
    &SUM,
    &PROD,
    &MEAN,
    &STD,
    &VAR,
    &MIN,
    &MAX,
    &AMIN,
    &AMAX,
    &ARGMIN,
    &ARGMAX,
    &ANY,
    &ALL,
    &CUMSUM,
    &CUMPROD,
    &CONCATENATE,
    &STACK,
    &MATMUL,
    &DOT,
    &TRANSPOSE,
    &RESHAPE,
    &ZEROS_LIKE,
    &ONES_LIKE,
    &FULL_LIKE,
];

fn dtype_value(d: DType) -> Value {
    Value::Native(Arc::new(NativeObj::DType(d)))
}

fn module(name: &'static str, members: IndexMap<&'static str, Value>) -> Value {
    Value::Module(Arc::new(ModuleObj { name, members }))
}

/// `dask.array`: one object however it is reached (`import dask.array`,
/// `from dask import array`).
pub fn dask_array_module() -> Value {
    static MODULE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    MODULE.get_or_init(make_dask_array_module).clone()
}

fn make_dask_array_module() -> Value {
    let mut m = members(SHARED);
    m.extend(members(&[
        &DA_FROM_ARRAY,
        &DA_ASARRAY,
        &DA_ZEROS,
        &DA_ONES,
        &DA_FULL,
        &DA_ARANGE,
        &DA_LINSPACE,
        &RECHUNK,
        &MAP_BLOCKS,
        &FROM_NPY,
        &TO_NPY,
        &DA_COMPUTE,
    ]));
    m.insert("array", Value::Builtin(&DA_ASARRAY));
    m.insert(
        "random",
        module(
            "dask.array.random",
            members(&[
                &DA_DEFAULT_RNG,
                &DA_SEED,
                &DA_NORMAL,
                &DA_STD_NORMAL,
                &DA_UNIFORM,
                &DA_RANDOM,
                &DA_INTEGERS,
            ]),
        ),
    );
    for (n, d) in [
        ("float64", DType::Float64),
        ("int64", DType::Int64),
        ("bool_", DType::Bool),
    ] {
        m.insert(n, dtype_value(d));
    }
    module("dask.array", m)
}

/// `numpy`.
pub fn numpy_module() -> Value {
    static MODULE: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    MODULE.get_or_init(make_numpy_module).clone()
}

fn make_numpy_module() -> Value {
    let mut m = members(SHARED);
    m.extend(members(&[
        &NP_ARRAY,
        &NP_ZEROS,
        &NP_ONES,
        &NP_FULL,
        &NP_ARANGE,
        &NP_LINSPACE,
        &NP_LOAD,
        &NP_SAVE,
    ]));
    m.insert("asarray", Value::Builtin(&NP_ARRAY));
    m.insert(
        "random",
        module(
            "numpy.random",
            members(&[
                &NP_DEFAULT_RNG,
                &NP_NORMAL,
                &NP_STD_NORMAL,
                &NP_UNIFORM,
                &NP_RANDOM,
                &NP_INTEGERS,
            ]),
        ),
    );
    for (n, d) in [
        ("float64", DType::Float64),
        ("int64", DType::Int64),
        ("bool_", DType::Bool),
    ] {
        m.insert(n, dtype_value(d));
    }
    m.insert("nan", Value::float(f64::NAN));
    m.insert("inf", Value::float(f64::INFINITY));
    m.insert("pi", Value::float(std::f64::consts::PI));
    m.insert("e", Value::float(std::f64::consts::E));
    m.insert("newaxis", Value::None);
    module("numpy", m)
}

/// Raised by array code that needs a dask array but got something else.
pub fn not_array(v: &Value, what: &str) -> PyError {
    PyError::new(
        ExcKind::TypeError,
        format!("{what} expects an array, not '{}'", v.type_name()),
    )
}
