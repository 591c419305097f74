//! Building lazy array nodes: each operation checks its inputs (shapes, axes,
//! dtypes) and works out the result's shape, chunks and dtype now, so mistakes are
//! reported where they are written and `repr` never computes. A node's token is a
//! hash of what it computes (decision 3): the same expression is the same node.

use super::chunks::{self, shape_text, ChunkSpec};
use super::kernel;
use super::reduce;
use crate::diag::{PyError, PyResult};
use crate::source::Span;
use crate::value::array::{
    ArrayNode, ArrayOp, BinaryOp, Cumulative, DType, Distribution, IndexItem, NdArray, Reduction,
    Scalar, UFunc,
};
use crate::value::Value;
use std::cell::Cell;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

thread_local! {
    /// The source span of the expression this thread is evaluating: the
    /// interpreter sets it before an operator or builtin call, so the nodes built
    /// by that call know the line that created them (graph views, profiles).
    static ORIGIN: Cell<Span> = const { Cell::new(Span { file: 0, start: 0, end: 0 }) };
}

/// Marks `span` as the origin of the array nodes built next on this thread.
pub fn set_origin(span: Span) {
    ORIGIN.with(|origin| origin.set(span));
}

/// A deterministic hasher (SipHash with fixed keys): tokens must not depend on the
/// process (decision 9).
fn hasher() -> std::hash::DefaultHasher {
    std::hash::DefaultHasher::new()
}

struct Meta {
    shape: Vec<usize>,
    chunks: Vec<Vec<usize>>,
    dtype: DType,
}

fn node(
    op: ArrayOp,
    inputs: Vec<Arc<ArrayNode>>,
    meta: Meta,
    name: &'static str,
    params: impl Hash,
) -> Arc<ArrayNode> {
    let mut h = hasher();
    name.hash(&mut h);
    params.hash(&mut h);
    meta.shape.hash(&mut h);
    meta.chunks.hash(&mut h);
    (meta.dtype as u8).hash(&mut h);
    for i in &inputs {
        i.token.hash(&mut h);
    }
    Arc::new(ArrayNode {
        op,
        inputs,
        shape: meta.shape,
        chunks: meta.chunks,
        dtype: meta.dtype,
        name,
        token: h.finish(),
        origin: ORIGIN.with(Cell::get),
    })
}

/// `from_array(a, chunks=…)`.
pub fn from_array(a: Arc<NdArray>, spec: &ChunkSpec) -> PyResult<Arc<ArrayNode>> {
    let shape = a.shape().to_vec();
    let chunks = chunks::normalize(spec, &shape, a.dtype())?;
    let mut h = hasher();
    crate::with_nd!(&*a, x => for v in x.iter() { hash_element(v, &mut h) });
    let content = h.finish();
    let dtype = a.dtype();
    Ok(node(
        ArrayOp::FromArray(a),
        vec![],
        Meta {
            shape,
            chunks,
            dtype,
        },
        "array",
        content,
    ))
}

trait ElementHash {
    fn hash_into(&self, h: &mut std::hash::DefaultHasher);
}
impl ElementHash for f64 {
    fn hash_into(&self, h: &mut std::hash::DefaultHasher) {
        self.to_bits().hash(h)
    }
}
impl ElementHash for i64 {
    fn hash_into(&self, h: &mut std::hash::DefaultHasher) {
        self.hash(h)
    }
}
impl ElementHash for bool {
    fn hash_into(&self, h: &mut std::hash::DefaultHasher) {
        self.hash(h)
    }
}
fn hash_element<T: ElementHash>(v: &T, h: &mut std::hash::DefaultHasher) {
    v.hash_into(h)
}

/// `zeros`, `ones`, `full`: Dask names them after NumPy's `*_like` helpers.
pub fn full(
    shape: Vec<usize>,
    value: Scalar,
    spec: &ChunkSpec,
    name: &'static str,
) -> PyResult<Arc<ArrayNode>> {
    let dtype = value.dtype();
    let chunks = chunks::normalize(spec, &shape, dtype)?;
    Ok(node(
        ArrayOp::Full(value),
        vec![],
        Meta {
            shape,
            chunks,
            dtype,
        },
        name,
        value.key_bits(),
    ))
}

/// `arange(start, stop, step)`; the length is NumPy's `ceil((stop - start) / step)`.
pub fn arange(
    start: Scalar,
    stop: Scalar,
    step: Scalar,
    spec: &ChunkSpec,
) -> PyResult<Arc<ArrayNode>> {
    if step.as_f64() == 0.0 {
        return Err(PyError::value_error("Maximum allowed size exceeded"));
    }
    let dtype = start
        .dtype()
        .promote(stop.dtype())
        .promote(step.dtype())
        .max(DType::Int64);
    let len = ((stop.as_f64() - start.as_f64()) / step.as_f64())
        .ceil()
        .max(0.0);
    if len > 1e15 {
        return Err(PyError::value_error("Maximum allowed size exceeded"));
    }
    let shape = vec![len as usize];
    let chunks = chunks::normalize(spec, &shape, dtype)?;
    let (start, step) = (start.cast(dtype), step.cast(dtype));
    Ok(node(
        ArrayOp::Arange { start, step },
        vec![],
        Meta {
            shape,
            chunks,
            dtype,
        },
        "arange",
        (start.key_bits(), step.key_bits()),
    ))
}

/// `linspace(start, stop, num, endpoint)` with NumPy's spacing.
pub fn linspace(
    start: f64,
    stop: f64,
    num: usize,
    endpoint: bool,
    spec: &ChunkSpec,
) -> PyResult<Arc<ArrayNode>> {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let step = if div > 0 {
        (stop - start) / div as f64
    } else {
        f64::NAN
    };
    let shape = vec![num];
    let chunks = chunks::normalize(spec, &shape, DType::Float64)?;
    Ok(node(
        ArrayOp::Linspace {
            start,
            step,
            stop,
            endpoint,
        },
        vec![],
        Meta {
            shape,
            chunks,
            dtype: DType::Float64,
        },
        "linspace",
        (start.to_bits(), stop.to_bits(), endpoint),
    ))
}

/// Random numbers of `dist`, one stream per chunk drawn from `seed`.
pub fn random(
    seed: u64,
    dist: Distribution,
    shape: Vec<usize>,
    spec: &ChunkSpec,
    name: &'static str,
) -> PyResult<Arc<ArrayNode>> {
    let dtype = match dist {
        Distribution::Integers { low, high } => {
            if low >= high {
                return Err(PyError::value_error("low >= high"));
            }
            DType::Int64
        }
        Distribution::Normal { scale, .. } if scale < 0.0 => {
            return Err(PyError::value_error("scale < 0"));
        }
        _ => DType::Float64,
    };
    let chunks = chunks::normalize(spec, &shape, dtype)?;
    let params = match dist {
        Distribution::Normal { loc, scale } => (0u8, loc.to_bits(), scale.to_bits()),
        Distribution::Uniform { low, high } => (1, low.to_bits(), high.to_bits()),
        Distribution::Integers { low, high } => (2, low as u64, high as u64),
    };
    Ok(node(
        ArrayOp::Random { seed, dist },
        vec![],
        Meta {
            shape,
            chunks,
            dtype,
        },
        name,
        (seed, params),
    ))
}

/// A `.npy` file read chunk by chunk.
pub fn npy(file: Arc<super::npy::NpyFile>, spec: &ChunkSpec) -> PyResult<Arc<ArrayNode>> {
    let shape = file.shape().to_vec();
    let dtype = file.dtype();
    let chunks = chunks::normalize(spec, &shape, dtype)?;
    let path = file.path().to_string();
    Ok(node(
        ArrayOp::Npy(file),
        vec![],
        Meta {
            shape,
            chunks,
            dtype,
        },
        "from-npy",
        path,
    ))
}

pub fn unary(f: UFunc, x: &Arc<ArrayNode>) -> PyResult<Arc<ArrayNode>> {
    let dtype = kernel::unary_dtype(f, x.dtype)?;
    let name = match f {
        UFunc::Neg => "neg",
        UFunc::Pos => "pos",
        UFunc::Invert => "invert",
        other => kernel::unary_ufunc_name(other),
    };
    Ok(node(
        ArrayOp::Unary(f),
        vec![x.clone()],
        Meta {
            shape: x.shape.clone(),
            chunks: x.chunks.clone(),
            dtype,
        },
        name,
        f,
    ))
}

/// Dask's key prefix for a binary operator.
fn binary_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "add",
        BinaryOp::Sub => "sub",
        BinaryOp::Mul => "mul",
        BinaryOp::Div => "truediv",
        BinaryOp::FloorDiv => "floordiv",
        BinaryOp::Mod => "mod",
        BinaryOp::Pow => "pow",
        BinaryOp::BitAnd => "and_",
        BinaryOp::BitOr => "or_",
        BinaryOp::BitXor => "xor",
        BinaryOp::Eq => "eq",
        BinaryOp::Ne => "ne",
        BinaryOp::Lt => "lt",
        BinaryOp::Le => "le",
        BinaryOp::Gt => "gt",
        BinaryOp::Ge => "ge",
        other => kernel::binary_ufunc_name(other),
    }
}

/// `a op b` for two arrays, broadcast as NumPy does.
pub fn binary(op: BinaryOp, a: &Arc<ArrayNode>, b: &Arc<ArrayNode>) -> PyResult<Arc<ArrayNode>> {
    let dtype = kernel::binary_dtype(op, a.dtype, b.dtype)?;
    let shape = chunks::broadcast_shapes(&a.shape, &b.shape)?;
    let chunks = chunks::broadcast_chunks(&shape, &[(&a.shape, &a.chunks), (&b.shape, &b.chunks)]);
    Ok(node(
        ArrayOp::Binary(op),
        vec![a.clone(), b.clone()],
        Meta {
            shape,
            chunks,
            dtype,
        },
        binary_name(op),
        op,
    ))
}

/// `x op s` (or `s op x`) with a Python number: NumPy 2 treats it as "weak", so an
/// int array stays int with an int scalar.
pub fn with_scalar(
    op: BinaryOp,
    x: &Arc<ArrayNode>,
    s: Scalar,
    scalar_left: bool,
) -> PyResult<Arc<ArrayNode>> {
    with_scalar_named(op, x, s, scalar_left, binary_name(op))
}

/// `with_scalar` under another Dask name (`clip` is a maximum and a minimum).
pub fn with_scalar_named(
    op: BinaryOp,
    x: &Arc<ArrayNode>,
    s: Scalar,
    scalar_left: bool,
    name: &'static str,
) -> PyResult<Arc<ArrayNode>> {
    // A Python int keeps a float or int array's dtype; a bool scalar never widens.
    let weak = match (s, x.dtype) {
        (Scalar::Int(_), DType::Bool) => DType::Int64,
        (Scalar::Float(_), _) => DType::Float64,
        _ => x.dtype,
    };
    let s = s.cast(weak.max(s.dtype()).min(weak.max(DType::Bool)));
    let (l, r) = if scalar_left {
        (s.dtype(), x.dtype)
    } else {
        (x.dtype, s.dtype())
    };
    let dtype = kernel::binary_dtype(op, l, r)?;
    Ok(node(
        ArrayOp::Scalar {
            op,
            value: s,
            scalar_left,
        },
        vec![x.clone()],
        Meta {
            shape: x.shape.clone(),
            chunks: x.chunks.clone(),
            dtype,
        },
        name,
        (op, s.key_bits(), scalar_left),
    ))
}

/// `where(cond, a, b)`.
pub fn where_(
    c: &Arc<ArrayNode>,
    a: &Arc<ArrayNode>,
    b: &Arc<ArrayNode>,
) -> PyResult<Arc<ArrayNode>> {
    let shape = chunks::broadcast_shapes(&chunks::broadcast_shapes(&c.shape, &a.shape)?, &b.shape)?;
    let chunks = chunks::broadcast_chunks(
        &shape,
        &[
            (&c.shape, &c.chunks),
            (&a.shape, &a.chunks),
            (&b.shape, &b.chunks),
        ],
    );
    let dtype = a.dtype.promote(b.dtype);
    Ok(node(
        ArrayOp::Where,
        vec![c.clone(), a.clone(), b.clone()],
        Meta {
            shape,
            chunks,
            dtype,
        },
        "where",
        (),
    ))
}

pub fn cast(x: &Arc<ArrayNode>, to: DType) -> Arc<ArrayNode> {
    if x.dtype == to {
        return x.clone();
    }
    node(
        ArrayOp::Cast(to),
        vec![x.clone()],
        Meta {
            shape: x.shape.clone(),
            chunks: x.chunks.clone(),
            dtype: to,
        },
        "astype",
        to as u8,
    )
}

/// Axis numbers checked against `ndim` (negative ones count from the end), sorted.
pub fn normalize_axes(axes: &[i64], ndim: usize) -> PyResult<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let n = ndim as i64;
        if a < -n || a >= n {
            return Err(PyError::new(
                crate::diag::ExcKind::AxisError,
                format!("axis {a} is out of bounds for array of dimension {ndim}"),
            ));
        }
        let a = if a < 0 { a + n } else { a } as usize;
        if out.contains(&a) {
            return Err(PyError::value_error("duplicate value in 'axis'"));
        }
        out.push(a);
    }
    out.sort_unstable();
    Ok(out)
}

/// A reduction over `axis` (None: every axis).
pub fn reduce(
    kind: Reduction,
    x: &Arc<ArrayNode>,
    axis: Option<&[i64]>,
    keepdims: bool,
    ddof: f64,
) -> PyResult<Arc<ArrayNode>> {
    let ndim = x.shape.len();
    let axes = match axis {
        None => (0..ndim).collect(),
        Some(a) => normalize_axes(a, ndim)?,
    };
    if matches!(kind, Reduction::ArgMin | Reduction::ArgMax) && axes.len() > 1 && axes.len() != ndim
    {
        return Err(PyError::type_error(
            "'tuple' object cannot be interpreted as an integer",
        ));
    }
    let mut shape = Vec::new();
    let mut chunks = Vec::new();
    for a in 0..ndim {
        if axes.contains(&a) {
            if keepdims {
                shape.push(1);
                chunks.push(vec![1]);
            }
        } else {
            shape.push(x.shape[a]);
            chunks.push(x.chunks[a].clone());
        }
    }
    let dtype = reduce::result_dtype(kind, x.dtype);
    Ok(node(
        ArrayOp::Reduce {
            kind,
            axes: axes.clone(),
            keepdims,
            ddof,
        },
        vec![x.clone()],
        Meta {
            shape,
            chunks,
            dtype,
        },
        reduction_name(kind),
        (kind, axes, keepdims, ddof.to_bits()),
    ))
}

/// Dask's key prefix for a reduction's final step.
fn reduction_name(kind: Reduction) -> &'static str {
    match kind {
        Reduction::Sum => "sum-aggregate",
        Reduction::Prod => "prod-aggregate",
        Reduction::Mean => "mean_agg-aggregate",
        Reduction::Var => "var-aggregate",
        // Dask's std is `_sqrt` of the variance.
        Reduction::Std => "_sqrt",
        Reduction::Min => "min-aggregate",
        Reduction::Max => "max-aggregate",
        Reduction::ArgMin => "arg_agg-aggregate",
        Reduction::ArgMax => "arg_agg-aggregate",
        Reduction::Any => "any-aggregate",
        Reduction::All => "all-aggregate",
    }
}

/// One item of a user's index expression, before it is checked.
pub enum IndexArg {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
}

/// Resolves an index against a shape: the items per axis and the result shape.
pub fn resolve_index(
    shape: &[usize],
    index: &[IndexArg],
) -> PyResult<(Vec<IndexItem>, Vec<usize>)> {
    let consuming = index
        .iter()
        .filter(|i| matches!(i, IndexArg::Int(_) | IndexArg::Slice(..)))
        .count();
    if consuming > shape.len() {
        return Err(PyError::index_error(format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            shape.len(),
            consuming
        )));
    }
    let mut items = Vec::new();
    let mut out_shape = Vec::new();
    let mut axis = 0;
    for arg in index {
        match arg {
            IndexArg::NewAxis => {
                items.push(IndexItem::NewAxis);
                out_shape.push(1);
            }
            IndexArg::Ellipsis => {
                let fill = shape.len() - consuming;
                for _ in 0..fill {
                    items.push(IndexItem::Slice {
                        start: 0,
                        step: 1,
                        len: shape[axis],
                    });
                    out_shape.push(shape[axis]);
                    axis += 1;
                }
            }
            IndexArg::Int(i) => {
                let n = shape[axis] as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return Err(PyError::index_error(format!(
                        "index {i} is out of bounds for axis {axis} with size {n}"
                    )));
                }
                items.push(IndexItem::At(j as usize));
                axis += 1;
            }
            IndexArg::Slice(start, stop, step) => {
                let n = shape[axis] as i64;
                let step = step.unwrap_or(1);
                if step == 0 {
                    return Err(PyError::value_error("slice step cannot be zero"));
                }
                let (s, e) = slice_bounds(*start, *stop, step, n);
                let len = if step > 0 {
                    if e > s {
                        (e - s + step - 1) / step
                    } else {
                        0
                    }
                } else if s > e {
                    (s - e + (-step) - 1) / (-step)
                } else {
                    0
                };
                items.push(IndexItem::Slice {
                    start: s as isize,
                    step: step as isize,
                    len: len as usize,
                });
                out_shape.push(len as usize);
                axis += 1;
            }
        }
    }
    while axis < shape.len() {
        items.push(IndexItem::Slice {
            start: 0,
            step: 1,
            len: shape[axis],
        });
        out_shape.push(shape[axis]);
        axis += 1;
    }
    Ok((items, out_shape))
}

/// Python's `slice.indices`.
fn slice_bounds(start: Option<i64>, stop: Option<i64>, step: i64, n: i64) -> (i64, i64) {
    let clamp = |v: i64, lo: i64, hi: i64| v.max(lo).min(hi);
    let fix = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) if v < 0 => {
            if step > 0 {
                clamp(v + n, 0, n)
            } else {
                clamp(v + n, -1, n - 1)
            }
        }
        Some(v) => {
            if step > 0 {
                clamp(v, 0, n)
            } else {
                clamp(v, -1, n - 1)
            }
        }
    };
    if step > 0 {
        (fix(start, 0), fix(stop, n))
    } else {
        (fix(start, n - 1), fix(stop, -1))
    }
}

/// `x[index]`: along a sliced axis each result chunk holds the selected elements of
/// one input chunk, in selection order (Dask's rule: `arange(10, chunks=3)[::2]`
/// has chunks `(2, 1, 2)`).
pub fn index(x: &Arc<ArrayNode>, args: &[IndexArg]) -> PyResult<Arc<ArrayNode>> {
    let (items, shape) = resolve_index(&x.shape, args)?;
    let mut chunks = Vec::new();
    let mut axis = 0;
    for item in &items {
        match item {
            IndexItem::At(_) => axis += 1,
            IndexItem::NewAxis => chunks.push(vec![1]),
            IndexItem::Slice { start, step, len } => {
                chunks.push(sliced_chunks(&x.chunks[axis], *start, *step, *len));
                axis += 1;
            }
        }
    }
    let dtype = x.dtype;
    let key = format!("{items:?}");
    Ok(node(
        ArrayOp::Index(items),
        vec![x.clone()],
        Meta {
            shape,
            chunks,
            dtype,
        },
        "getitem",
        key,
    ))
}

/// How many of the slice's `len` elements (`start + k * step`) fall in each input
/// chunk, in the order they are taken; empty chunks are dropped (all empty: `[0]`).
fn sliced_chunks(input: &[usize], start: isize, step: isize, len: usize) -> Vec<usize> {
    let (s, st, n) = (start as i128, step as i128, len as i128);
    let mut bounds = Vec::with_capacity(input.len());
    let mut lo = 0i128;
    for &c in input {
        bounds.push((lo, lo + c as i128));
        lo += c as i128;
    }
    if step < 0 {
        bounds.reverse();
    }
    let counts = bounds.into_iter().map(|(lo, hi)| {
        // The k with lo <= s + k * st < hi, clamped to [0, n).
        let (first, end) = if st > 0 {
            (
                (lo - s).div_euclid(st) + i128::from((lo - s).rem_euclid(st) != 0),
                (hi - s).div_euclid(st) + i128::from((hi - s).rem_euclid(st) != 0),
            )
        } else {
            let m = -st;
            ((s - hi).div_euclid(m) + 1, (s - lo).div_euclid(m) + 1)
        };
        (end.min(n) - first.max(0)).max(0) as usize
    });
    let kept: Vec<usize> = counts.filter(|&c| c > 0).collect();
    if kept.is_empty() {
        vec![0]
    } else {
        kept
    }
}

/// `x[mask]` needs the mask's values to know its length, so it is computed from
/// concrete arrays (see `structural`); lazily it would have an unknown shape.
pub fn reshape(x: &Arc<ArrayNode>, new_shape: &[i64]) -> PyResult<Arc<ArrayNode>> {
    let shape = resolve_reshape(&x.shape, new_shape)?;
    let chunks = chunks::normalize(&ChunkSpec::Auto, &shape, x.dtype)?;
    let chunks = fit_chunks(&shape, &x.chunksize(), chunks);
    Ok(node(
        ArrayOp::Reshape,
        vec![x.clone()],
        Meta {
            shape: shape.clone(),
            chunks,
            dtype: x.dtype,
        },
        "reshape",
        shape,
    ))
}

/// Keeps chunks no larger than the input's along the trailing axes when the
/// input's were smaller than the automatic ones.
fn fit_chunks(
    shape: &[usize],
    input_chunksize: &[usize],
    auto: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    let input_elems: usize = input_chunksize.iter().product::<usize>().max(1);
    let auto_elems: usize = auto
        .iter()
        .map(|c| c.iter().copied().max().unwrap_or(1))
        .product::<usize>()
        .max(1);
    if auto_elems <= input_elems || shape.is_empty() {
        return auto;
    }
    let size = ((input_elems as f64).powf(1.0 / shape.len() as f64))
        .ceil()
        .max(1.0) as usize;
    shape.iter().map(|&n| chunks::blocks_of(n, size)).collect()
}

/// NumPy's reshape rule: one -1 is inferred, and the sizes must agree.
pub fn resolve_reshape(shape: &[usize], new_shape: &[i64]) -> PyResult<Vec<usize>> {
    let size: usize = shape.iter().product();
    let unknown: Vec<usize> = (0..new_shape.len())
        .filter(|&i| new_shape[i] == -1)
        .collect();
    if unknown.len() > 1 {
        return Err(PyError::value_error(
            "can only specify one unknown dimension",
        ));
    }
    if new_shape.iter().any(|&d| d < -1) {
        return Err(PyError::value_error("negative dimensions not allowed"));
    }
    let known: usize = new_shape
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let mut out: Vec<usize> = new_shape.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(&u) = unknown.first() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(reshape_error(size, new_shape));
        }
        out[u] = size / known;
    }
    if out.iter().product::<usize>() != size {
        return Err(reshape_error(size, new_shape));
    }
    Ok(out)
}

fn reshape_error(size: usize, new_shape: &[i64]) -> PyError {
    PyError::value_error(format!(
        "cannot reshape array of size {size} into shape {}",
        chunks::numpy_shape_text(new_shape)
    ))
}

pub fn transpose(x: &Arc<ArrayNode>, axes: Option<&[i64]>) -> PyResult<Arc<ArrayNode>> {
    let ndim = x.shape.len();
    let perm: Vec<usize> = match axes {
        None => (0..ndim).rev().collect(),
        Some(a) => {
            if a.len() != ndim {
                return Err(PyError::value_error("axes don't match array"));
            }
            let mut perm = Vec::new();
            for &ax in a {
                let sorted = normalize_axes(&[ax], ndim)?;
                if perm.contains(&sorted[0]) {
                    return Err(PyError::value_error("repeated axis in transpose"));
                }
                perm.push(sorted[0]);
            }
            perm
        }
    };
    let shape = perm.iter().map(|&p| x.shape[p]).collect();
    let chunks = perm.iter().map(|&p| x.chunks[p].clone()).collect();
    Ok(node(
        ArrayOp::Transpose(perm.clone()),
        vec![x.clone()],
        Meta {
            shape,
            chunks,
            dtype: x.dtype,
        },
        "transpose",
        perm,
    ))
}

pub fn rechunk(x: &Arc<ArrayNode>, spec: &ChunkSpec) -> PyResult<Arc<ArrayNode>> {
    let chunks = chunks::normalize(spec, &x.shape, x.dtype)?;
    if chunks == x.chunks {
        return Ok(x.clone());
    }
    Ok(node(
        ArrayOp::Rechunk,
        vec![x.clone()],
        Meta {
            shape: x.shape.clone(),
            chunks: chunks.clone(),
            dtype: x.dtype,
        },
        "rechunk-merge",
        chunks,
    ))
}

/// `a @ b` for 1-d and 2-d arrays.
pub fn matmul(a: &Arc<ArrayNode>, b: &Arc<ArrayNode>) -> PyResult<Arc<ArrayNode>> {
    if a.shape.is_empty() || b.shape.is_empty() {
        let operand = if a.shape.is_empty() { 0 } else { 1 };
        return Err(PyError::value_error(format!(
            "matmul: Input operand {operand} does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
        )));
    }
    if a.shape.len() > 2 || b.shape.len() > 2 {
        return Err(PyError::value_error(
            "pgs's matmul supports 1-d and 2-d arrays",
        ));
    }
    let k_a = *a.shape.last().unwrap_or(&0);
    let k_b = b.shape[0];
    if k_a != k_b {
        return Err(PyError::value_error(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k_b} is different from {k_a})"
        )));
    }
    let mut shape = Vec::new();
    let mut chunks = Vec::new();
    if a.shape.len() == 2 {
        shape.push(a.shape[0]);
        chunks.push(a.chunks[0].clone());
    }
    if b.shape.len() == 2 {
        shape.push(b.shape[1]);
        chunks.push(b.chunks[1].clone());
    }
    let dtype = a.dtype.promote(b.dtype).max(DType::Int64);
    Ok(node(
        ArrayOp::MatMul,
        vec![a.clone(), b.clone()],
        Meta {
            shape,
            chunks,
            dtype,
        },
        "matmul",
        (),
    ))
}

pub fn cumulative(
    kind: Cumulative,
    x: &Arc<ArrayNode>,
    axis: Option<i64>,
) -> PyResult<Arc<ArrayNode>> {
    let (input, axis) = match axis {
        None => {
            let flat = reshape(x, &[-1])?;
            (flat, 0)
        }
        Some(a) => (x.clone(), normalize_axes(&[a], x.shape.len())?[0]),
    };
    let dtype = input.dtype.max(DType::Int64);
    let name = if kind == Cumulative::Sum {
        "cumsum"
    } else {
        "cumprod"
    };
    Ok(node(
        ArrayOp::Cumulative { kind, axis },
        vec![input.clone()],
        Meta {
            shape: input.shape.clone(),
            chunks: input.chunks.clone(),
            dtype,
        },
        name,
        (kind, axis),
    ))
}

pub fn concatenate(xs: &[Arc<ArrayNode>], axis: i64) -> PyResult<Arc<ArrayNode>> {
    let first = xs
        .first()
        .ok_or_else(|| PyError::value_error("need at least one array to concatenate"))?;
    let ndim = first.shape.len();
    if ndim == 0 {
        return Err(PyError::value_error(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let axis = normalize_axes(&[axis], ndim)?[0];
    let mut shape = first.shape.clone();
    let mut along = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        if x.shape.len() != ndim {
            return Err(PyError::value_error(format!(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has {} dimension(s) and the array at index {i} has {} dimension(s)",
                ndim,
                x.shape.len()
            )));
        }
        for a in 0..ndim {
            if a != axis && x.shape[a] != first.shape[a] {
                return Err(PyError::value_error(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {a}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape[a], x.shape[a]
                )));
            }
        }
        along.extend(x.chunks[axis].iter().copied().filter(|&c| c > 0));
    }
    shape[axis] = xs.iter().map(|x| x.shape[axis]).sum();
    let mut chunks = first.chunks.clone();
    chunks[axis] = if along.is_empty() { vec![0] } else { along };
    let dtype = xs.iter().map(|x| x.dtype).max().unwrap_or(DType::Float64);
    Ok(node(
        ArrayOp::Concatenate { axis },
        xs.to_vec(),
        Meta {
            shape,
            chunks,
            dtype,
        },
        "concatenate",
        axis,
    ))
}

pub fn stack(xs: &[Arc<ArrayNode>], axis: i64) -> PyResult<Arc<ArrayNode>> {
    let first = xs
        .first()
        .ok_or_else(|| PyError::value_error("need at least one array to stack"))?;
    if xs.iter().any(|x| x.shape != first.shape) {
        return Err(PyError::value_error(
            "all input arrays must have the same shape",
        ));
    }
    let axis = normalize_axes(&[axis], first.shape.len() + 1)?[0];
    let mut shape = first.shape.clone();
    shape.insert(axis, xs.len());
    let mut chunks = first.chunks.clone();
    chunks.insert(axis, vec![1; xs.len()]);
    let dtype = xs.iter().map(|x| x.dtype).max().unwrap_or(DType::Float64);
    Ok(node(
        ArrayOp::Stack { axis },
        xs.to_vec(),
        Meta {
            shape,
            chunks,
            dtype,
        },
        "stack",
        axis,
    ))
}

/// `map_blocks(func, x)`: the function sees each chunk; the result has the input's
/// chunks (and `dtype` when given).
pub fn map_blocks(
    func: Value,
    x: &Arc<ArrayNode>,
    dtype: Option<DType>,
    name: &'static str,
) -> Arc<ArrayNode> {
    // Calls are not assumed pure (Dask tokenizes the function; pgs cannot hash one).
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    node(
        ArrayOp::MapBlocks(func),
        vec![x.clone()],
        Meta {
            shape: x.shape.clone(),
            chunks: x.chunks.clone(),
            dtype: dtype.unwrap_or(x.dtype),
        },
        name,
        n,
    )
}

/// Dask's repr: `dask.array<name, shape=(…), dtype=…, chunksize=(…), chunktype=numpy.ndarray>`.
pub fn repr(x: &ArrayNode) -> String {
    format!(
        "dask.array<{}, shape={}, dtype={}, chunksize={}, chunktype=numpy.ndarray>",
        x.name,
        shape_text(&x.shape),
        x.dtype.name(),
        shape_text(&x.chunksize())
    )
}
