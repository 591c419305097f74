//! Running lazy arrays: lowering a node to per-chunk work only now (decision 2),
//! fusing elementwise chains and the reductions that consume them into one kernel
//! per chunk (decision 4), computing every full reduction over the same chunk grid
//! in one pass, and combining chunk results in chunk order (decision 6).

use super::chunks::{regions, Region};
use super::kernel::{self, Block, Operand, Reg, View, BLOCK};
use super::reduce::{self, Acc, GroupAcc, Partial};
use super::source::{Leaf, Reader};
use crate::diag::{ExcKind, PyError, PyResult};
use crate::sched::monitor::Monitor;
use crate::source::Span;
use crate::value::array::{ArrayNode, ArrayOp, BinaryOp, DType, NdArray, Reduction, Scalar, UFunc};
use crate::value::Value;
use ndarray::{ArrayD, IxDyn};
use parking_lot::Mutex;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Calls a pgs function from a worker thread (for `map_blocks`).
pub type CallFn<'a> = dyn Fn(&Value, Vec<Value>) -> PyResult<Value> + Sync + 'a;

/// One computation of lazy arrays: where to run, how to stop, and the results of
/// nodes computed so far (so a node shared by several roots runs once).
pub struct Exec<'a> {
    pub pool: Option<&'a rayon::ThreadPool>,
    pub cancel: &'a AtomicBool,
    pub call: &'a CallFn<'a>,
    /// Counts finished chunk tasks for the progress bar and profiles.
    pub monitor: &'a Monitor,
    /// Largest array this computation may hold in memory, in bytes.
    pub memory_limit: usize,
    done: Mutex<HashMap<u64, Arc<NdArray>>>,
    /// Full reductions of the graph not yet computed: each pass computes every one
    /// over the same chunk grid, so a chunk is read once (the skewness example).
    full_reductions: Mutex<Vec<Arc<ArrayNode>>>,
}

impl<'a> Exec<'a> {
    pub fn new(
        pool: Option<&'a rayon::ThreadPool>,
        cancel: &'a AtomicBool,
        call: &'a CallFn<'a>,
        monitor: &'a Monitor,
        memory_limit: usize,
    ) -> Exec<'a> {
        Exec {
            pool,
            cancel,
            call,
            monitor,
            memory_limit,
            done: Mutex::new(HashMap::new()),
            full_reductions: Mutex::new(Vec::new()),
        }
    }

    /// Computes `roots` together, sharing work between them.
    pub fn compute(&self, roots: &[Arc<ArrayNode>]) -> PyResult<Vec<Arc<NdArray>>> {
        let mut seen = std::collections::HashSet::new();
        let mut found = Vec::new();
        for root in roots {
            collect_full_reductions(root, &mut seen, &mut found);
        }
        *self.full_reductions.lock() = found;
        roots.iter().map(|r| self.materialize(r)).collect()
    }

    /// The node's whole value as a concrete array.
    pub fn materialize(&self, node: &Arc<ArrayNode>) -> PyResult<Arc<NdArray>> {
        if let Some(done) = self.done.lock().get(&node.token) {
            return Ok(done.clone());
        }
        self.check_cancel()?;
        let result = match &node.op {
            ArrayOp::FromArray(a) if a.shape() == node.shape.as_slice() => a.clone(),
            ArrayOp::Reduce { axes, .. } if axes.len() == node.inputs[0].shape.len() => {
                self.full_reduction_pass(node)?;
                return self
                    .done
                    .lock()
                    .get(&node.token)
                    .cloned()
                    .ok_or_else(|| PyError::runtime_error("reduction pass lost its result"));
            }
            ArrayOp::Reduce {
                kind,
                axes,
                keepdims,
                ddof,
            } => Arc::new(self.axis_reduction(node, *kind, axes, *keepdims, *ddof)?),
            op if is_fusible(op) => Arc::new(self.elementwise(node)?),
            // These split their work into chunk tasks themselves.
            ArrayOp::MatMul | ArrayOp::MapBlocks(_) => {
                Arc::new(super::structural::run(self, node)?)
            }
            _ => {
                // One task on this thread: index, reshape, concatenate and the like.
                self.monitor.add_tasks(1);
                let start = std::time::Instant::now();
                let array = super::structural::run(self, node)?;
                let op = self.monitor.op(node.name, node.origin);
                self.monitor.task_done(op, start, array.nbytes());
                Arc::new(array)
            }
        };
        self.done.lock().insert(node.token, result.clone());
        Ok(result)
    }

    pub fn check_cancel(&self) -> PyResult<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(PyError::new(ExcKind::KeyboardInterrupt, ""));
        }
        Ok(())
    }

    /// Refuses before allocating an array that would not fit (decision 5).
    pub fn check_memory(&self, shape: &[usize], dtype: DType) -> PyResult<()> {
        let elements = shape.iter().try_fold(1usize, |a, &b| a.checked_mul(b));
        let bytes = elements.and_then(|n| n.checked_mul(dtype.item_size()));
        match bytes {
            Some(b) if b <= self.memory_limit => Ok(()),
            _ => Err(PyError::memory_error(format!(
                "Unable to allocate {} for an array with shape {} and data type {}: over the memory limit of {} (reduce it first, or raise --memory-limit)",
                crate::limits::human_bytes(bytes),
                super::chunks::shape_text(shape),
                dtype.name(),
                crate::limits::human_bytes(Some(self.memory_limit))
            ))),
        }
    }

    /// Runs `f` for every index in parallel (on the pool) and keeps the results in
    /// index order. Each call is one task of operation `op` (its name and the
    /// source line that created it) for progress and profiles.
    pub fn par_map<T: Send + ResultSize>(
        &self,
        op: (&str, Span),
        n: usize,
        f: impl Fn(usize) -> PyResult<T> + Sync,
    ) -> PyResult<Vec<T>> {
        let stop = AtomicBool::new(false);
        self.monitor.add_tasks(n);
        let op = self.monitor.op(op.0, op.1);
        let run = |i: usize| {
            if stop.load(Ordering::Relaxed) {
                return Err(PyError::new(ExcKind::KeyboardInterrupt, ""));
            }
            self.check_cancel()?;
            let start = std::time::Instant::now();
            let r = f(i);
            match &r {
                Ok(v) => self.monitor.task_done(op, start, v.result_size()),
                Err(_) => stop.store(true, Ordering::Relaxed),
            }
            r
        };
        let results: Vec<PyResult<T>> = match self.pool {
            Some(pool) if n > 1 => pool.install(|| (0..n).into_par_iter().map(run).collect()),
            _ => (0..n).map(run).collect(),
        };
        // The first error in index order is the real one; later ones may only be
        // the stop signal it raised.
        let mut out = Vec::with_capacity(n);
        let mut first_err: Option<PyError> = None;
        for r in results {
            match r {
                Ok(v) => out.push(v),
                Err(e) => {
                    let better = first_err.as_ref().is_none_or(|f| {
                        f.kind() == ExcKind::KeyboardInterrupt
                            && e.kind() != ExcKind::KeyboardInterrupt
                    });
                    if better {
                        first_err = Some(e);
                    }
                }
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// An elementwise chain (or a source) computed chunk by chunk into one array.
    fn elementwise(&self, node: &Arc<ArrayNode>) -> PyResult<NdArray> {
        self.check_memory(&node.shape, node.dtype)?;
        let program =
            Program::compile(self, &node.shape, &node.chunks, std::slice::from_ref(node))?;
        let grid = regions(&node.chunks);
        let pieces = self.par_map(operation(node), grid.len(), |i| {
            let region = &grid[i];
            let mut out = Block::with_capacity(node.dtype, region.len());
            program.run_chunk(self, region, &mut Append(&mut out))?;
            Ok(out)
        })?;
        Ok(assemble(&node.shape, node.dtype, &grid, pieces))
    }

    /// Computes the full reduction `node` and every other pending full reduction over
    /// the same chunk grid whose inputs are ready, in one pass over the chunks.
    fn full_reduction_pass(&self, node: &Arc<ArrayNode>) -> PyResult<()> {
        let input = &node.inputs[0];
        // Compiling materializes the reductions this kernel reads (the mean inside
        // `(x - x.mean())**3`) first, so none of them joins the group below and is
        // computed a second time.
        Program::compile(
            self,
            &input.shape,
            &input.chunks,
            std::slice::from_ref(input),
        )?;
        let group: Vec<Arc<ArrayNode>> = {
            let pending = self.full_reductions.lock();
            pass_group(node, &pending, |o| self.leaves_ready(o))
        };
        let inputs: Vec<Arc<ArrayNode>> = group.iter().map(|g| g.inputs[0].clone()).collect();
        let program = Program::compile(self, &input.shape, &input.chunks, &inputs)?;
        let grid = regions(&input.chunks);
        let items: Vec<reduce::Output> = group
            .iter()
            .enumerate()
            .map(|(k, g)| reduce::Output {
                kind: reduction_of(g).0,
                reg: program.outputs[k],
                dtype: program.output_dtype(k),
                power: program.power_of(program.outputs[k]),
            })
            .collect();
        let shape = input.shape.clone();
        let label = fused_label(&group);
        let partials = self.par_map((&label, node.origin), grid.len(), |i| {
            let region = &grid[i];
            let mut consumer = Reducing {
                accs: GroupAcc::new(&items),
                shape: &shape,
                region,
            };
            program.run_chunk(self, region, &mut consumer)?;
            Ok(consumer.accs.finish())
        })?;
        let mut done = self.done.lock();
        for (g, reduction) in group.iter().enumerate() {
            let (kind, ddof, keepdims) = reduction_of(reduction);
            let parts: Vec<Partial> = partials.iter().map(|p| p[g]).collect();
            let value = reduce::finish(
                kind,
                reduce::tree(kind, &parts),
                reduction.inputs[0].dtype,
                ddof,
            )?;
            let mut array = NdArray::from_scalar(value.cast(reduction.dtype));
            if keepdims {
                array = reshape(array, &reduction.shape);
            }
            done.insert(reduction.token, Arc::new(array));
        }
        drop(done);
        self.full_reductions
            .lock()
            .retain(|r| !group.iter().any(|g| g.token == r.token));
        Ok(())
    }

    /// Whether every input the kernel for `node` would read is available now without
    /// computing another pending full reduction first.
    fn leaves_ready(&self, node: &Arc<ArrayNode>) -> bool {
        self.leaves_ready_from(node, &mut std::collections::HashSet::new())
    }

    /// `leaves_ready`, visiting each node once (`seen`): the first input found not
    /// ready ends the walk, so a node met again was ready.
    fn leaves_ready_from(
        &self,
        node: &Arc<ArrayNode>,
        seen: &mut std::collections::HashSet<u64>,
    ) -> bool {
        if !seen.insert(node.token) {
            return true;
        }
        match &node.op {
            ArrayOp::Reduce { .. } => self.done.lock().contains_key(&node.token),
            op if is_fusible(op) => node.inputs.iter().all(|i| self.leaves_ready_from(i, seen)),
            _ => self.done.lock().contains_key(&node.token),
        }
    }

    /// A reduction along some axes: each chunk reduces its lanes, and the partials of
    /// chunks along the reduced axes combine in chunk order.
    fn axis_reduction(
        &self,
        node: &Arc<ArrayNode>,
        kind: Reduction,
        axes: &[usize],
        keepdims: bool,
        ddof: f64,
    ) -> PyResult<NdArray> {
        let input = &node.inputs[0];
        let ndim = input.shape.len();
        let kept: Vec<usize> = (0..ndim).filter(|a| !axes.contains(a)).collect();
        let kept_shape: Vec<usize> = kept.iter().map(|&a| input.shape[a]).collect();
        self.check_memory(&kept_shape, node.dtype)?;
        let program = Program::compile(
            self,
            &input.shape,
            &input.chunks,
            std::slice::from_ref(input),
        )?;
        let grid = regions(&input.chunks);
        let chunk_partials = self.par_map(operation(node), grid.len(), |i| {
            let region = &grid[i];
            let mut data = Block::with_capacity(input.dtype, region.len());
            program.run_chunk(self, region, &mut Append(&mut data))?;
            Ok(lane_partials(kind, data, region, &kept, axes))
        })?;
        let total: usize = kept_shape.iter().product();
        let mut combined: Vec<Partial> = vec![Partial::Empty; total];
        let mut first = vec![true; total];
        for (region, partials) in grid.iter().zip(chunk_partials) {
            let kept_offset: Vec<usize> = kept.iter().map(|&a| region.offset[a]).collect();
            let kept_len: Vec<usize> = kept.iter().map(|&a| region.shape[a]).collect();
            for (local, part) in partials.into_iter().enumerate() {
                let global = offset_index(&kept_shape, &kept_offset, &kept_len, local);
                combined[global] = if first[global] {
                    first[global] = false;
                    part
                } else {
                    reduce::combine(kind, combined[global], part)
                };
            }
        }
        let values: Vec<Scalar> = combined
            .into_iter()
            .map(|p| reduce::finish(kind, p, input.dtype, ddof).map(|s| s.cast(node.dtype)))
            .collect::<PyResult<_>>()?;
        let array = from_scalars(&kept_shape, node.dtype, &values);
        Ok(if keepdims {
            reshape(array, &node.shape)
        } else {
            array
        })
    }
}

/// The full reductions one pass computes: `node`, and every pending reduction over
/// the same chunk grid whose kernel inputs are `ready` (graph views use this too).
pub fn pass_group(
    node: &Arc<ArrayNode>,
    pending: &[Arc<ArrayNode>],
    ready: impl Fn(&Arc<ArrayNode>) -> bool,
) -> Vec<Arc<ArrayNode>> {
    let input = &node.inputs[0];
    let mut group = vec![node.clone()];
    for other in pending {
        let Some(o) = other.inputs.first() else {
            continue;
        };
        if other.token != node.token
            && o.shape == input.shape
            && o.chunks == input.chunks
            && ready(o)
            && !group.iter().any(|g| g.token == other.token)
        {
            group.push(other.clone());
        }
    }
    group
}

/// A node's operation as profiles name it: its Dask key prefix and source line.
pub fn operation(node: &ArrayNode) -> (&'static str, Span) {
    (node.name, node.origin)
}

/// How profiles name one pass of fused reductions: the reductions, then the
/// elementwise chain their kernel evaluates (`mean+std of normal`).
fn fused_label(group: &[Arc<ArrayNode>]) -> String {
    let reductions: Vec<&str> = group.iter().map(|g| reduction_of(g).0.name()).collect();
    let mut chain: Vec<&'static str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for g in group {
        fused_chain(&g.inputs[0], &mut chain, &mut seen);
    }
    format!("{} of {}", reductions.join("+"), chain.join("→"))
}

/// The operations of the kernel that computes `node`, inputs first, each once.
/// Each node is visited once: a shared sub-expression (`t = t * t`, repeated) is
/// not walked once per path to it, which took exponential time.
fn fused_chain(
    node: &ArrayNode,
    chain: &mut Vec<&'static str>,
    seen: &mut std::collections::HashSet<u64>,
) {
    if !seen.insert(node.token) {
        return;
    }
    if is_fusible(&node.op) {
        for input in &node.inputs {
            fused_chain(input, chain, seen);
        }
    }
    if !chain.contains(&node.name) {
        chain.push(node.name);
    }
}

/// The size of what a chunk task produced, for profiles.
pub trait ResultSize {
    fn result_size(&self) -> usize;
}

impl ResultSize for Block {
    fn result_size(&self) -> usize {
        match self {
            Block::F(v) => v.len() * 8,
            Block::I(v) => v.len() * 8,
            Block::B(v) => v.len(),
        }
    }
}

impl ResultSize for Vec<Partial> {
    fn result_size(&self) -> usize {
        self.len() * std::mem::size_of::<Partial>()
    }
}

impl ResultSize for NdArray {
    fn result_size(&self) -> usize {
        self.nbytes()
    }
}

impl<A, D: ndarray::Dimension> ResultSize for ndarray::Array<A, D> {
    fn result_size(&self) -> usize {
        self.len() * std::mem::size_of::<A>()
    }
}

fn reduction_of(node: &ArrayNode) -> (Reduction, f64, bool) {
    match &node.op {
        ArrayOp::Reduce {
            kind,
            ddof,
            keepdims,
            ..
        } => (*kind, *ddof, *keepdims),
        _ => unreachable!("only reduction nodes are grouped"),
    }
}

/// Every full reduction (over all axes) reachable from `node`.
fn collect_full_reductions(
    node: &Arc<ArrayNode>,
    seen: &mut std::collections::HashSet<u64>,
    out: &mut Vec<Arc<ArrayNode>>,
) {
    let mut stack = vec![node.clone()];
    while let Some(n) = stack.pop() {
        if !seen.insert(n.token) {
            continue;
        }
        if let ArrayOp::Reduce { axes, .. } = &n.op {
            if axes.len() == n.inputs[0].shape.len() {
                out.push(n.clone());
            }
        }
        stack.extend(n.inputs.iter().cloned());
    }
    // Graph order, not discovery order, decides nothing: keep it stable anyway.
    out.sort_by_key(|n| n.token);
}

/// Operations that run inside a fused kernel.
pub fn is_fusible(op: &ArrayOp) -> bool {
    matches!(
        op,
        ArrayOp::FromArray(_)
            | ArrayOp::Full(_)
            | ArrayOp::Arange { .. }
            | ArrayOp::Linspace { .. }
            | ArrayOp::Random { .. }
            | ArrayOp::Npy(_)
            | ArrayOp::Unary(_)
            | ArrayOp::Binary(_)
            | ArrayOp::Scalar { .. }
            | ArrayOp::Where
            | ArrayOp::Cast(_)
    )
}

/// The flat (C-order) index in an array of `shape` of element `local` of `region`.
fn global_flat_index(shape: &[usize], region: &Region, local: usize) -> u64 {
    let mut rem = local;
    let mut index = 0u64;
    let mut stride = 1u64;
    for axis in (0..shape.len()).rev() {
        let pos = rem % region.shape[axis].max(1);
        rem /= region.shape[axis].max(1);
        index += (region.offset[axis] + pos) as u64 * stride;
        stride *= shape[axis] as u64;
    }
    index
}

/// The flat index in `shape` of element `local` of the sub-block at `offset` with
/// extent `len`.
fn offset_index(shape: &[usize], offset: &[usize], len: &[usize], local: usize) -> usize {
    let mut rem = local;
    let mut index = 0;
    let mut stride = 1;
    for axis in (0..shape.len()).rev() {
        let pos = rem % len[axis].max(1);
        rem /= len[axis].max(1);
        index += (offset[axis] + pos) * stride;
        stride *= shape[axis];
    }
    index
}

/// Reduces each lane of a chunk (the elements that differ only along `axes`): the
/// chunk is transposed once so the reduced axes come last, making every lane a
/// contiguous run fed to the accumulator in blocks.
fn lane_partials(
    kind: Reduction,
    data: Block,
    region: &Region,
    kept: &[usize],
    axes: &[usize],
) -> Vec<Partial> {
    let kept_len: usize = kept.iter().map(|&a| region.shape[a]).product();
    let lane_len: usize = axes.iter().map(|&a| region.shape[a]).product();
    let order: Vec<usize> = kept.iter().chain(axes).copied().collect();
    let lanes = match block_to_array(&region.shape, data) {
        NdArray::Float(a) => Block::F(lanes_first(a, &order)),
        NdArray::Int(a) => Block::I(lanes_first(a, &order)),
        NdArray::Bool(a) => Block::B(lanes_first(a, &order)),
    };
    // Arg reductions run along one axis; their index is the position along it.
    let arg_offset = axes.first().map(|&a| region.offset[a] as u64).unwrap_or(0);
    (0..kept_len)
        .map(|k| {
            let mut acc = Acc::new(kind);
            let mut start = 0;
            while start < lane_len {
                let end = (start + BLOCK).min(lane_len);
                let piece = lanes.view().slice(k * lane_len + start, k * lane_len + end);
                acc.feed(piece, &|j| arg_offset + (start + j) as u64);
                start = end;
            }
            acc.finish()
        })
        .collect()
}

/// The elements of `a` in the axis order `order`, C-ordered.
fn lanes_first<T: Clone>(a: ArrayD<T>, order: &[usize]) -> Vec<T> {
    let permuted = a.permuted_axes(IxDyn(order));
    permuted.as_standard_layout().iter().cloned().collect()
}

fn append(out: &mut Block, block: View) {
    match (out, block) {
        (Block::F(o), View::F(v)) => o.extend_from_slice(v),
        (Block::I(o), View::I(v)) => o.extend_from_slice(v),
        (Block::B(o), View::B(v)) => o.extend_from_slice(v),
        (o, b) => {
            let mut cast = Block::new(o.dtype());
            kernel::cast(b, o.dtype(), &mut cast);
            append(o, cast.view())
        }
    }
}

/// Chunks (each a C-ordered block of its region) placed into one array.
pub fn assemble(shape: &[usize], dtype: DType, grid: &[Region], pieces: Vec<Block>) -> NdArray {
    // One chunk, or chunks that are consecutive runs of a 1-d array: concatenate.
    if grid.len() == 1 || shape.len() <= 1 {
        let mut all = Block::with_capacity(dtype, shape.iter().product());
        for p in &pieces {
            append(&mut all, p.view());
        }
        return block_to_array(shape, all);
    }
    macro_rules! place {
        ($variant:ident, $ty:ty, $zero:expr) => {{
            let mut out = ArrayD::<$ty>::from_elem(IxDyn(shape), $zero);
            for (region, piece) in grid.iter().zip(pieces) {
                let Block::$variant(v) = piece else {
                    unreachable!()
                };
                let chunk = ArrayD::from_shape_vec(IxDyn(&region.shape), v)
                    .expect("a chunk holds its region's elements");
                let mut view = out.slice_each_axis_mut(|ax| {
                    let a = ax.axis.index();
                    ndarray::Slice::from(region.offset[a]..region.offset[a] + region.shape[a])
                });
                view.assign(&chunk);
            }
            out
        }};
    }
    match dtype {
        DType::Float64 => NdArray::Float(place!(F, f64, 0.0)),
        DType::Int64 => NdArray::Int(place!(I, i64, 0)),
        DType::Bool => NdArray::Bool(place!(B, bool, false)),
    }
}

pub fn block_to_array(shape: &[usize], block: Block) -> NdArray {
    let dim = IxDyn(shape);
    match block {
        Block::F(v) => NdArray::Float(ArrayD::from_shape_vec(dim, v).expect("sizes agree")),
        Block::I(v) => NdArray::Int(ArrayD::from_shape_vec(dim, v).expect("sizes agree")),
        Block::B(v) => NdArray::Bool(ArrayD::from_shape_vec(dim, v).expect("sizes agree")),
    }
}

fn from_scalars(shape: &[usize], dtype: DType, values: &[Scalar]) -> NdArray {
    let mut block = Block::new(dtype);
    block.reset(dtype);
    for v in values {
        match (&mut block, v.cast(dtype)) {
            (Block::F(o), Scalar::Float(x)) => o.push(x),
            (Block::I(o), Scalar::Int(x)) => o.push(x),
            (Block::B(o), Scalar::Bool(x)) => o.push(x),
            _ => unreachable!("cast to the block's dtype"),
        }
    }
    block_to_array(shape, block)
}

pub fn reshape(array: NdArray, shape: &[usize]) -> NdArray {
    crate::with_nd!(array, a => {
        let v: Vec<_> = a.iter().cloned().collect();
        block_to_array(shape, v.into())
    })
}

impl From<Vec<f64>> for Block {
    fn from(v: Vec<f64>) -> Block {
        Block::F(v)
    }
}
impl From<Vec<i64>> for Block {
    fn from(v: Vec<i64>) -> Block {
        Block::I(v)
    }
}
impl From<Vec<bool>> for Block {
    fn from(v: Vec<bool>) -> Block {
        Block::B(v)
    }
}

/// An operand of a compiled instruction.
#[derive(Clone, Copy, Debug)]
enum Arg {
    Reg(usize),
    Const(Scalar),
}

enum Instr {
    Load(usize),
    Unary(UFunc, Arg),
    Binary(BinaryOp, Arg, Arg),
    Where(Arg, Arg, Arg, DType),
    Cast(DType, Arg),
}

impl Instr {
    /// The operands it reads.
    fn args(&self) -> Vec<&Arg> {
        match self {
            Instr::Load(_) => vec![],
            Instr::Unary(_, x) | Instr::Cast(_, x) => vec![x],
            Instr::Binary(_, a, b) => vec![a, b],
            Instr::Where(c, a, b, _) => vec![c, a, b],
        }
    }
}

/// A fused chain compiled for one chunk grid: instructions in dependency order, the
/// leaves they read and the registers holding each requested output.
pub struct Program {
    instrs: Vec<Instr>,
    /// The dtype of each instruction's register, by the kernel's own rules.
    dtypes: Vec<DType>,
    /// Each register as a power of another: see [`Program::power_of`].
    powers: Vec<(usize, u8)>,
    leaves: Vec<Leaf>,
    pub outputs: Vec<usize>,
}

/// Elements of a kernel block evaluated together, instruction after instruction: at
/// most this many (whole leaves of the pairwise sum, so the reductions can sum each
/// leaf while it is in the L1 cache). A strip's registers (4 KiB each) stay in L1
/// from the instruction that writes them to the last one that reads them.
const STRIP: usize = 512;

/// What a kernel's results go to (decision 4: the chain is never materialised).
pub trait Consumer {
    /// Whether output `k` must be available whole at the end of each block (a
    /// reduction that reads the block at once); other outputs exist only a strip
    /// at a time.
    fn needs_whole(&self, _k: usize) -> bool {
        false
    }

    /// Whether the consumer computes output `k`, a power of another register (see
    /// [`Program::power_of`]), itself from that base: then the strip it is handed
    /// as output `k` holds the base, and the power is not computed unless
    /// something else reads it.
    fn reads_base(&self, _k: usize) -> bool {
        false
    }

    /// One strip: `outs[k]` holds output `k`'s elements of the strip, which starts
    /// at chunk-local element `start`; `leaves` are the pairwise-sum leaves of the
    /// block the strip covers, as (offset in the strip, length).
    fn strip(&mut self, outs: &[View], leaves: &[(usize, usize)], start: usize) -> PyResult<()>;

    /// The end of a block of `len` elements starting at chunk-local `start`;
    /// `whole[k]` is output `k` over the block when `needs_whole(k)`.
    fn block(&mut self, _whole: &[Option<View>], _start: usize, _len: usize) -> PyResult<()> {
        Ok(())
    }
}

/// A consumer that appends output 0 to a chunk buffer.
struct Append<'a>(&'a mut Block);

impl Consumer for Append<'_> {
    fn strip(&mut self, outs: &[View], _: &[(usize, usize)], _: usize) -> PyResult<()> {
        append(self.0, outs[0]);
        Ok(())
    }
}

/// A consumer feeding a group of full reductions.
struct Reducing<'a> {
    accs: GroupAcc,
    shape: &'a [usize],
    region: &'a Region,
}

impl Consumer for Reducing<'_> {
    fn needs_whole(&self, k: usize) -> bool {
        self.accs.needs_whole(k)
    }

    fn reads_base(&self, k: usize) -> bool {
        self.accs.reads_base(k)
    }

    fn strip(&mut self, outs: &[View], leaves: &[(usize, usize)], _: usize) -> PyResult<()> {
        self.accs.strip(outs, leaves);
        Ok(())
    }

    fn block(&mut self, whole: &[Option<View>], start: usize, len: usize) -> PyResult<()> {
        let (shape, region) = (self.shape, self.region);
        self.accs
            .block(whole, len, &|j| global_flat_index(shape, region, start + j));
        Ok(())
    }
}

impl Program {
    /// Compiles `outputs` (all of `shape` with `chunks`); inputs that do not run in
    /// the kernel are computed first and read as leaves.
    pub fn compile(
        exec: &Exec,
        shape: &[usize],
        chunks: &[Vec<usize>],
        outputs: &[Arc<ArrayNode>],
    ) -> PyResult<Program> {
        let mut p = Program {
            instrs: Vec::new(),
            dtypes: Vec::new(),
            powers: Vec::new(),
            leaves: Vec::new(),
            outputs: Vec::new(),
        };
        let mut memo: HashMap<u64, Arg> = HashMap::new();
        for out in outputs {
            let arg = p.emit(exec, shape, chunks, out, &mut memo)?;
            // A constant output still needs a register to be read from.
            let reg = match arg {
                Arg::Reg(r) => r,
                Arg::Const(s) => match p.load(Leaf::Full(s)) {
                    Arg::Reg(r) => r,
                    Arg::Const(_) => unreachable!("a load makes a register"),
                },
            };
            p.outputs.push(reg);
        }
        Ok(p)
    }

    fn emit(
        &mut self,
        exec: &Exec,
        shape: &[usize],
        chunks: &[Vec<usize>],
        node: &Arc<ArrayNode>,
        memo: &mut HashMap<u64, Arg>,
    ) -> PyResult<Arg> {
        if let Some(arg) = memo.get(&node.token) {
            return Ok(*arg);
        }
        let same_grid = node.shape == shape && node.chunks == chunks;
        let arg = match &node.op {
            op if node.shape.is_empty() && !shape.is_empty() && !matches!(op, ArrayOp::Full(_)) => {
                // A 0-d input (a reduction's result, a scalar array) is a constant.
                let value = exec.materialize(node)?;
                Arg::Const(value.first().unwrap_or(Scalar::Float(f64::NAN)))
            }
            ArrayOp::Full(s) if node.shape.is_empty() || node.shape == shape => Arg::Const(*s),
            ArrayOp::FromArray(a) if a.shape() == shape => self.load(Leaf::Concrete(a.clone())),
            ArrayOp::Npy(f) if node.shape == shape => self.load(Leaf::Npy(f.clone())),
            ArrayOp::Arange { start, step } if node.shape == shape => self.load(Leaf::Arange {
                start: *start,
                step: *step,
                dtype: node.dtype,
            }),
            ArrayOp::Linspace {
                start,
                step,
                stop,
                endpoint,
            } if node.shape == shape => self.load(Leaf::Linspace {
                start: *start,
                step: *step,
                stop: *stop,
                last: if *endpoint {
                    node.shape[0].checked_sub(1)
                } else {
                    None
                },
            }),
            ArrayOp::Random { seed, dist } if same_grid => self.load(Leaf::Random {
                seed: *seed,
                dist: *dist,
            }),
            ArrayOp::Unary(f) if same_grid => {
                let x = self.emit(exec, shape, chunks, &node.inputs[0], memo)?;
                self.push(Instr::Unary(*f, x))
            }
            ArrayOp::Binary(op) if same_grid => {
                let a = self.emit(exec, shape, chunks, &node.inputs[0], memo)?;
                let b = self.emit(exec, shape, chunks, &node.inputs[1], memo)?;
                self.push(Instr::Binary(*op, a, b))
            }
            ArrayOp::Scalar {
                op,
                value,
                scalar_left,
            } if same_grid => {
                let x = self.emit(exec, shape, chunks, &node.inputs[0], memo)?;
                let c = Arg::Const(*value);
                let (a, b) = if *scalar_left { (c, x) } else { (x, c) };
                self.push(Instr::Binary(*op, a, b))
            }
            ArrayOp::Where if same_grid => {
                let c = self.emit(exec, shape, chunks, &node.inputs[0], memo)?;
                let a = self.emit(exec, shape, chunks, &node.inputs[1], memo)?;
                let b = self.emit(exec, shape, chunks, &node.inputs[2], memo)?;
                self.push(Instr::Where(c, a, b, node.dtype))
            }
            ArrayOp::Cast(to) if same_grid => {
                let x = self.emit(exec, shape, chunks, &node.inputs[0], memo)?;
                self.push(Instr::Cast(*to, x))
            }
            _ => {
                let value = exec.materialize(node)?;
                if value.shape() == shape {
                    self.load(Leaf::Concrete(value))
                } else {
                    self.load(Leaf::Broadcast(value, shape.to_vec()))
                }
            }
        };
        memo.insert(node.token, arg);
        Ok(arg)
    }

    fn load(&mut self, leaf: Leaf) -> Arg {
        self.leaves.push(leaf);
        self.push(Instr::Load(self.leaves.len() - 1))
    }

    fn push(&mut self, instr: Instr) -> Arg {
        let dt = |a: &Arg| match a {
            Arg::Reg(r) => self.dtypes[*r],
            Arg::Const(s) => s.dtype(),
        };
        // What the kernel functions produce (and unsupported operations never get
        // this far: building the node rejected them).
        let dtype = match &instr {
            Instr::Load(l) => self.leaves[*l].dtype(),
            Instr::Unary(f, x) => kernel::unary_dtype(*f, dt(x)).unwrap_or(DType::Float64),
            Instr::Binary(op, a, b) => {
                kernel::binary_dtype(*op, dt(a), dt(b)).unwrap_or(DType::Float64)
            }
            Instr::Where(_, _, _, to) | Instr::Cast(to, _) => *to,
        };
        let r = self.instrs.len();
        let power = match dtype {
            DType::Float64 => self.power(&instr).unwrap_or((r, 1)),
            _ => (r, 1),
        };
        self.instrs.push(instr);
        self.dtypes.push(dtype);
        self.powers.push(power);
        Arg::Reg(r)
    }

    /// `instr` (computing float64) as a power of an earlier float64 register, if it
    /// is `x*x`, `square(x)`, `x**2`, `(x*x)*x` or `x*(x*x)`.
    fn power(&self, instr: &Instr) -> Option<(usize, u8)> {
        let of = |a: &Arg| match a {
            Arg::Reg(a) => Some(self.powers[*a]),
            Arg::Const(_) => None,
        };
        let (x, p) = match instr {
            Instr::Binary(BinaryOp::Mul, a, b) => match (of(a)?, of(b)?) {
                ((x, 1), (y, 1)) if x == y => (x, 2),
                ((x, 2), (y, 1)) | ((y, 1), (x, 2)) if x == y => (x, 3),
                _ => return None,
            },
            Instr::Unary(UFunc::Square, a) => match of(a)? {
                (x, 1) => (x, 2),
                _ => return None,
            },
            // NumPy (and the kernel) compute `x ** 2` as `x * x`.
            Instr::Binary(BinaryOp::Pow, a, Arg::Const(y)) if y.as_f64() == 2.0 => match of(a)? {
                (x, 1) => (x, 2),
                _ => return None,
            },
            _ => return None,
        };
        (self.dtypes[x] == DType::Float64).then_some((x, p))
    }

    /// The dtype of output `k`.
    pub fn output_dtype(&self, k: usize) -> DType {
        self.dtypes[self.outputs[k]]
    }

    /// Register `r` as (base register, power): `(x, 2)` when it computes `x*x`
    /// (also as `square(x)` or `x**2`) and `(x, 3)` for `x*x*x` (either way
    /// round) from a float64 register `x`, exactly as the kernel would evaluate
    /// them; `(r, 1)` for anything else. A reduction summing powers of one input
    /// (the moments behind a skewness) can compute them from `x` in its own loop.
    pub fn power_of(&self, r: usize) -> (usize, u8) {
        self.powers[r]
    }

    /// Runs the program over one chunk: block by block (the unit of the reductions'
    /// partials), and inside a block strip by strip (see [`STRIP`]), handing each
    /// strip of the outputs to `consumer`, then the block's end.
    pub fn run_chunk(
        &self,
        exec: &Exec,
        region: &Region,
        consumer: &mut impl Consumer,
    ) -> PyResult<()> {
        let mut readers: Vec<Reader> = self.leaves.iter().map(|l| l.reader(region)).collect();
        let mut regs: Vec<Reg> = self.instrs.iter().map(|_| Reg::default()).collect();
        // Loads hold the whole block (most are slices borrowed from the source);
        // computed registers hold the current strip, and the outputs the consumer
        // reads whole are also gathered block-long.
        let is_load: Vec<bool> = self
            .instrs
            .iter()
            .map(|i| matches!(i, Instr::Load(_)))
            .collect();
        // The register handed to the consumer as each output, and the registers
        // that have to be computed for them.
        let source: Vec<usize> = (0..self.outputs.len())
            .map(|k| match consumer.reads_base(k) {
                true => self.power_of(self.outputs[k]).0,
                false => self.outputs[k],
            })
            .collect();
        let mut live = vec![false; self.instrs.len()];
        for (k, &r) in source.iter().enumerate() {
            live[r] = true;
            live[self.outputs[k]] |= consumer.needs_whole(k);
        }
        for r in (0..self.instrs.len()).rev() {
            if live[r] {
                for a in self.instrs[r].args() {
                    if let Arg::Reg(x) = a {
                        live[*x] = true;
                    }
                }
            }
        }
        let mut wholes: Vec<Option<Block>> = (0..self.instrs.len())
            .map(|r| {
                let wanted = (0..self.outputs.len())
                    .any(|k| self.outputs[k] == r && consumer.needs_whole(k));
                (wanted && !is_load[r]).then(|| Block::new(self.dtypes[r]))
            })
            .collect();
        let mut leaves: Vec<(usize, usize)> = Vec::new();
        // Each strip: its offset and length in the block, and its range of leaves
        // (whose offsets are in the strip).
        let mut strips: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
        let mut planned = 0;
        let total = region.len();
        let mut start = 0;
        while start < total {
            exec.check_cancel()?;
            let len = (total - start).min(BLOCK);
            if len != planned {
                plan_strips(len, &mut leaves, &mut strips);
                planned = len;
            }
            for (i, instr) in self.instrs.iter().enumerate() {
                if let Instr::Load(l) = instr {
                    if live[i] {
                        readers[*l].read(len, &mut regs[i]);
                    } else {
                        // Keep the reader in step with the block, unread.
                        readers[*l].skip(len);
                    }
                }
            }
            for w in wholes.iter_mut().flatten() {
                w.reset(w.dtype());
            }
            for (lo, n, range) in &strips {
                let (lo, n) = (*lo, *n);
                for (i, instr) in self.instrs.iter().enumerate() {
                    if is_load[i] || !live[i] {
                        continue;
                    }
                    let (done, rest) = regs.split_at_mut(i);
                    let out = rest[0].block_mut();
                    let arg = |a: &Arg| match a {
                        Arg::Reg(r) => Operand::Block(strip_view(&done[*r], is_load[*r], lo, n)),
                        Arg::Const(s) => Operand::Scalar(*s),
                    };
                    match instr {
                        Instr::Load(_) => unreachable!("loads are read per block"),
                        Instr::Unary(f, x) => match arg(x) {
                            Operand::Block(b) => kernel::unary(*f, b, out),
                            Operand::Scalar(s) => {
                                let mut tmp = Block::new(s.dtype());
                                tmp.fill(s, n);
                                kernel::unary(*f, tmp.view(), out)
                            }
                        },
                        Instr::Binary(op, a, b) => kernel::binary(*op, arg(a), arg(b), n, out)?,
                        Instr::Where(c, a, b, to) => {
                            kernel::select(arg(c), arg(a), arg(b), *to, n, out)
                        }
                        Instr::Cast(to, x) => match arg(x) {
                            Operand::Block(b) => kernel::cast(b, *to, out),
                            Operand::Scalar(s) => out.fill(s.cast(*to), n),
                        },
                    }
                    if let Some(w) = &mut wholes[i] {
                        append(w, out.view());
                    }
                }
                let outs: smallvec::SmallVec<[View; 8]> = source
                    .iter()
                    .map(|&r| strip_view(&regs[r], is_load[r], lo, n))
                    .collect();
                consumer.strip(&outs, &leaves[range.clone()], start + lo)?;
            }
            let whole: smallvec::SmallVec<[Option<View>; 8]> = self
                .outputs
                .iter()
                .enumerate()
                .map(|(k, &r)| {
                    if !consumer.needs_whole(k) {
                        None
                    } else if is_load[r] {
                        Some(regs[r].view())
                    } else {
                        wholes[r].as_ref().map(Block::view)
                    }
                })
                .collect();
            consumer.block(&whole, start, len)?;
            start += len;
        }
        Ok(())
    }
}

/// A register's elements `lo..lo+n` of the block: loads hold the whole block,
/// computed registers just the current strip.
fn strip_view<'r>(reg: &'r Reg, is_load: bool, lo: usize, n: usize) -> View<'r> {
    if is_load {
        reg.view().slice(lo, lo + n)
    } else {
        reg.view()
    }
}

/// Splits a block of `len` elements into the leaves of its pairwise sum and groups
/// consecutive leaves into strips of at most [`STRIP`] elements; each leaf's offset
/// becomes relative to its strip.
fn plan_strips(
    len: usize,
    leaves: &mut Vec<(usize, usize)>,
    strips: &mut Vec<(usize, usize, std::ops::Range<usize>)>,
) {
    leaves.clear();
    strips.clear();
    reduce::pairwise_leaves(0, len, leaves);
    let mut first = 0;
    while first < leaves.len() {
        let lo = leaves[first].0;
        let mut end = first;
        let mut n = 0;
        while end < leaves.len() && (end == first || n + leaves[end].1 <= STRIP) {
            n += leaves[end].1;
            end += 1;
        }
        for leaf in &mut leaves[first..end] {
            leaf.0 -= lo;
        }
        strips.push((lo, n, first..end));
        first = end;
    }
}
