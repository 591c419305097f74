//! Operations that move elements between chunks (indexing, reshape, transpose,
//! rechunk, matmul, cumulative sums, concatenate, stack, map_blocks): computed
//! from their concrete inputs with ndarray, in parallel where the work is large.

use super::exec::Exec;
use crate::diag::{PyError, PyResult};
use crate::source::Span;
use crate::value::array::{ArrayNode, ArrayOp, Cumulative, DType, IndexItem, NdArray};
use crate::value::Value;
use crate::with_nd;
use ndarray::{ArrayD, Axis, IxDyn};
use std::sync::Arc;

/// Computes a structural node from its inputs.
pub fn run(exec: &Exec, node: &Arc<ArrayNode>) -> PyResult<NdArray> {
    exec.check_memory(&node.shape, node.dtype)?;
    let inputs: Vec<Arc<NdArray>> = match &node.op {
        // map_blocks reads its input chunk by chunk itself.
        ArrayOp::MapBlocks(_) => vec![],
        _ => node
            .inputs
            .iter()
            .map(|i| exec.materialize(i))
            .collect::<PyResult<_>>()?,
    };
    Ok(match &node.op {
        ArrayOp::Index(items) => index(&inputs[0], items),
        ArrayOp::Reshape | ArrayOp::FromArray(_) => {
            with_nd!(&*inputs[0], a => standard(a).into_shape_with_order(IxDyn(&node.shape)).map(Into::into))
                .map_err(|e| PyError::value_error(e.to_string()))?
        }
        ArrayOp::Rechunk => (*inputs[0]).clone(),
        ArrayOp::Transpose(perm) => {
            with_nd!(&*inputs[0], a => standard(&a.clone().permuted_axes(IxDyn(perm))).into())
        }
        ArrayOp::MatMul => matmul(
            exec,
            super::exec::operation(node),
            &inputs[0].cast(node.dtype),
            &inputs[1].cast(node.dtype),
        )?,
        ArrayOp::Cumulative { kind, axis } => cumulative(&inputs[0].cast(node.dtype), *kind, *axis),
        ArrayOp::Concatenate { axis } => join(&inputs, node.dtype, &JoinKind::Concatenate(*axis))?,
        ArrayOp::Stack { axis } => join(&inputs, node.dtype, &JoinKind::Stack(*axis))?,
        ArrayOp::MapBlocks(func) => map_blocks(exec, node, func)?,
        _ => unreachable!("fusible operations and reductions run in exec"),
    })
}

/// A standard-layout (C-ordered, contiguous) copy unless it already is one.
fn standard<T: Clone>(a: &ArrayD<T>) -> ArrayD<T> {
    a.as_standard_layout().into_owned()
}

impl From<ArrayD<f64>> for NdArray {
    fn from(a: ArrayD<f64>) -> NdArray {
        NdArray::Float(a)
    }
}
impl From<ArrayD<i64>> for NdArray {
    fn from(a: ArrayD<i64>) -> NdArray {
        NdArray::Int(a)
    }
}
impl From<ArrayD<bool>> for NdArray {
    fn from(a: ArrayD<bool>) -> NdArray {
        NdArray::Bool(a)
    }
}

/// `x[items]` on a concrete array: ints drop axes, slices (any step) select,
/// `None` inserts an axis.
pub fn index(x: &NdArray, items: &[IndexItem]) -> NdArray {
    with_nd!(x, a => {
        let mut view = a.view();
        let mut axis = 0;
        for item in items {
            match item {
                IndexItem::At(i) => {
                    // The axis stays (length 1) until the copy below drops it.
                    view.collapse_axis(Axis(axis), *i);
                    axis += 1;
                }
                IndexItem::Slice { start, step, len } => {
                    let slice = if *len == 0 {
                        ndarray::Slice::new(0, Some(0), 1)
                    } else if *step > 0 {
                        // End just past the last element taken: `start + step * len`
                        // can run past the axis (`[::2]` on length 3) and ndarray panics.
                        let last = start + step * (*len as isize - 1);
                        ndarray::Slice::new(*start, Some(last + 1), *step)
                    } else {
                        // ndarray reverses the range [end+1, start+1) for a negative step.
                        let last = start + step * (*len as isize - 1);
                        ndarray::Slice::new(last, Some(start + 1), *step)
                    };
                    view.slice_axis_inplace(Axis(axis), slice);
                    axis += 1;
                }
                IndexItem::NewAxis => {
                    view.insert_axis_inplace(Axis(axis));
                    axis += 1;
                }
            }
        }
        // Collapsed axes stay as length 1 in the view; drop them now.
        let mut shape = Vec::new();
        let mut at = 0;
        for item in items {
            match item {
                IndexItem::At(_) => at += 1,
                _ => {
                    shape.push(view.shape()[at]);
                    at += 1;
                }
            }
        }
        let data: Vec<_> = view.iter().cloned().collect();
        NdArray::from(ArrayD::from_shape_vec(IxDyn(&shape), data).expect("sizes agree"))
    })
}

/// `x[mask]`: the elements where a same-shaped boolean mask is true, in C order.
pub fn mask(x: &NdArray, m: &NdArray) -> PyResult<NdArray> {
    let NdArray::Bool(mb) = m else {
        return Err(PyError::index_error(
            "arrays used as indices must be of integer (or boolean) type",
        ));
    };
    // As NumPy: a mask may cover only the leading axes (`m[row_mask]` picks rows);
    // the result is the picked sub-arrays stacked along one new first axis.
    let k = mb.ndim();
    if k > x.ndim() {
        return Err(PyError::index_error(format!(
            "too many indices for array: array is {}-dimensional, but {k} were indexed",
            x.ndim()
        )));
    }
    if let Some(axis) = (0..k).find(|&i| mb.shape()[i] != x.shape()[i]) {
        return Err(PyError::index_error(format!(
            "boolean index did not match indexed array along axis {axis}; size of axis is {} but size of corresponding boolean axis is {}",
            x.shape()[axis],
            mb.shape()[axis]
        )));
    }
    let inner: usize = x.shape()[k..].iter().product();
    let picked = mb.iter().filter(|&&b| b).count();
    let mut shape = vec![picked];
    shape.extend_from_slice(&x.shape()[k..]);
    Ok(with_nd!(x, a => {
        let flat: Vec<_> = a.iter().cloned().collect();
        let mut v = Vec::with_capacity(picked * inner);
        for (i, _) in mb.iter().enumerate().filter(|(_, &b)| b) {
            v.extend_from_slice(&flat[i * inner..(i + 1) * inner]);
        }
        NdArray::from(ArrayD::from_shape_vec(IxDyn(&shape), v).expect("sizes agree"))
    }))
}

/// Output tiles of `a @ b` are this many rows and columns: enough work per task to
/// keep matrixmultiply efficient, and many tasks for the pool.
const MATMUL_TILE: usize = 512;
/// A tile sums its products this many columns of `a` at a time, checking for Ctrl-C
/// in between (each step is a few milliseconds of work).
const MATMUL_K_STEP: usize = 512;

/// `a @ b`: output tiles computed in parallel; each tile's sums run over `k` in a
/// fixed order, so the result does not depend on the thread count.
fn matmul(exec: &Exec, operation: (&str, Span), a: &NdArray, b: &NdArray) -> PyResult<NdArray> {
    macro_rules! mm {
        ($x:expr, $y:expr) => {{
            let full = matmul_2d(exec, operation, &as_2d($x, true), &as_2d($y, false))?;
            let mut shape = Vec::new();
            if $x.ndim() == 2 {
                shape.push(full.nrows());
            }
            if $y.ndim() == 2 {
                shape.push(full.ncols());
            }
            let data: Vec<_> = full.iter().cloned().collect();
            ArrayD::from_shape_vec(IxDyn(&shape), data).expect("sizes agree")
        }};
    }
    Ok(match (a, b) {
        (NdArray::Float(x), NdArray::Float(y)) => NdArray::Float(mm!(x, y)),
        (NdArray::Int(x), NdArray::Int(y)) => NdArray::Int(mm!(x, y)),
        _ => {
            return Err(PyError::type_error(
                "matmul operands must have one numeric dtype",
            ))
        }
    })
}

/// How many tasks a `rows × cols` product is split into (graph views count them).
pub fn matmul_task_count(rows: usize, cols: usize) -> usize {
    rows.div_ceil(MATMUL_TILE).max(1) * cols.div_ceil(MATMUL_TILE).max(1)
}

fn matmul_2d<T: ndarray::LinalgScalar + Send + Sync>(
    exec: &Exec,
    operation: (&str, Span),
    x: &ndarray::Array2<T>,
    y: &ndarray::Array2<T>,
) -> PyResult<ndarray::Array2<T>> {
    let (rows, inner) = x.dim();
    let cols = y.ncols();
    let col_tiles = cols.div_ceil(MATMUL_TILE).max(1);
    let span = |tile: usize, len: usize| {
        (tile * MATMUL_TILE).min(len)..((tile + 1) * MATMUL_TILE).min(len)
    };
    let tiles = exec.par_map(operation, matmul_task_count(rows, cols), |t| {
        let (r, c) = (span(t / col_tiles, rows), span(t % col_tiles, cols));
        let mut out = ndarray::Array2::<T>::zeros((r.len(), c.len()));
        for k in (0..inner).step_by(MATMUL_K_STEP) {
            exec.check_cancel()?;
            let k = k..(k + MATMUL_K_STEP).min(inner);
            ndarray::linalg::general_mat_mul(
                T::one(),
                &x.slice(ndarray::s![r.clone(), k.clone()]),
                &y.slice(ndarray::s![k, c.clone()]),
                T::one(),
                &mut out,
            );
        }
        Ok(out)
    })?;
    let mut full = ndarray::Array2::<T>::zeros((rows, cols));
    for (t, tile) in tiles.into_iter().enumerate() {
        let (r, c) = (span(t / col_tiles, rows), span(t % col_tiles, cols));
        full.slice_mut(ndarray::s![r, c]).assign(&tile);
    }
    Ok(full)
}

/// A 1-d operand as a row (left) or column (right) matrix, as matmul treats it.
fn as_2d<T: Clone>(a: &ArrayD<T>, left: bool) -> ndarray::Array2<T> {
    let shape = a.shape();
    let (r, c) = match (shape.len(), left) {
        (1, true) => (1, shape[0]),
        (1, false) => (shape[0], 1),
        _ => (shape[0], shape[1]),
    };
    let data: Vec<T> = a.iter().cloned().collect();
    ndarray::Array2::from_shape_vec((r, c), data).expect("sizes agree")
}

fn cumulative(x: &NdArray, kind: Cumulative, axis: usize) -> NdArray {
    with_nd!(x, a => {
        let mut out = a.clone();
        let ax = Axis(axis);
        let n = out.len_of(ax);
        for i in 1..n {
            let (prev, mut cur) = out.multi_slice_mut((
                ndarray::SliceInfo::<_, IxDyn, IxDyn>::try_from(slice_at(a.ndim(), axis, i - 1)).expect("valid slice"),
                ndarray::SliceInfo::<_, IxDyn, IxDyn>::try_from(slice_at(a.ndim(), axis, i)).expect("valid slice"),
            ));
            cur.zip_mut_with(&prev, |c, p| *c = combine_cumulative(kind, *p, *c));
        }
        NdArray::from(out)
    })
}

fn slice_at(ndim: usize, axis: usize, i: usize) -> Vec<ndarray::SliceInfoElem> {
    (0..ndim)
        .map(|a| {
            if a == axis {
                ndarray::SliceInfoElem::from(i..i + 1)
            } else {
                ndarray::SliceInfoElem::from(..)
            }
        })
        .collect()
}

trait CumElem: Clone {
    fn cum_add(self, other: Self) -> Self;
    fn cum_mul(self, other: Self) -> Self;
}
impl CumElem for f64 {
    fn cum_add(self, o: f64) -> f64 {
        self + o
    }
    fn cum_mul(self, o: f64) -> f64 {
        self * o
    }
}
impl CumElem for i64 {
    fn cum_add(self, o: i64) -> i64 {
        self.wrapping_add(o)
    }
    fn cum_mul(self, o: i64) -> i64 {
        self.wrapping_mul(o)
    }
}
impl CumElem for bool {
    fn cum_add(self, o: bool) -> bool {
        self | o
    }
    fn cum_mul(self, o: bool) -> bool {
        self & o
    }
}

fn combine_cumulative<T: CumElem>(kind: Cumulative, prev: T, cur: T) -> T {
    match kind {
        Cumulative::Sum => prev.cum_add(cur),
        Cumulative::Prod => prev.cum_mul(cur),
    }
}

pub enum JoinKind {
    Concatenate(usize),
    Stack(usize),
}

/// Concatenate or stack concrete arrays, each converted to `dtype` first (joined
/// natively per dtype: going through float64 would lose large ints).
pub fn join(inputs: &[Arc<NdArray>], dtype: DType, kind: &JoinKind) -> PyResult<NdArray> {
    let err = |e: ndarray::ShapeError| PyError::value_error(e.to_string());
    macro_rules! join_as {
        ($variant:ident) => {{
            let arrays: Vec<_> = inputs
                .iter()
                .map(|a| match a.cast(dtype) {
                    NdArray::$variant(x) => x,
                    _ => unreachable!("cast to the join's dtype"),
                })
                .collect();
            let views: Vec<_> = arrays.iter().map(|a| a.view()).collect();
            let joined = match kind {
                JoinKind::Concatenate(axis) => ndarray::concatenate(Axis(*axis), &views),
                JoinKind::Stack(axis) => ndarray::stack(Axis(*axis), &views),
            }
            .map_err(err)?;
            NdArray::$variant(standard(&joined))
        }};
    }
    Ok(match dtype {
        DType::Float64 => join_as!(Float),
        DType::Int64 => join_as!(Int),
        DType::Bool => join_as!(Bool),
    })
}

/// `map_blocks`: calls `func` on every chunk of the input as a concrete array.
fn map_blocks(exec: &Exec, node: &Arc<ArrayNode>, func: &Value) -> PyResult<NdArray> {
    let input = exec.materialize(&node.inputs[0])?;
    let grid = super::chunks::regions(&node.inputs[0].chunks);
    let pieces = exec.par_map(super::exec::operation(node), grid.len(), |i| {
        let region = &grid[i];
        let items: Vec<IndexItem> = region
            .offset
            .iter()
            .zip(&region.shape)
            .map(|(&o, &s)| IndexItem::Slice { start: o as isize, step: 1, len: s })
            .collect();
        let chunk = index(&input, &items);
        let result = (exec.call)(func, vec![Value::Array(Arc::new(chunk))]).map_err(|e| {
            e.add_note(&format!(
                "in map_blocks, on the chunk at block index {}",
                super::chunks::shape_text(&region.block)
            ))
        })?;
        let array = super::convert::to_ndarray(&result)?;
        if array.shape() != region.shape.as_slice() {
            return Err(PyError::value_error(format!(
                "map_blocks: the function returned shape {} for the chunk at block index {} of shape {}",
                super::chunks::shape_text(array.shape()),
                super::chunks::shape_text(&region.block),
                super::chunks::shape_text(&region.shape)
            )));
        }
        Ok(array.cast(node.dtype))
    })?;
    let blocks = pieces
        .into_iter()
        .map(|p| with_nd!(p, a => a.iter().cloned().collect::<Vec<_>>().into()))
        .collect();
    Ok(super::exec::assemble(
        &node.shape,
        node.dtype,
        &grid,
        blocks,
    ))
}
