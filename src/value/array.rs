//! Array values (data only): `NdArray`, a concrete n-d array as NumPy holds it, and
//! `ArrayNode`, one high-level node of a lazy chunked array (dask.array). Building
//! nodes is `array::build`'s job, running them `array::exec`'s.

use super::Value;
use crate::source::Span;
use ndarray::ArrayD;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// The element types pgs arrays hold, in NumPy's promotion order (bool < int < float).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DType {
    Bool,
    Int64,
    Float64,
}

impl DType {
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int64 => "int64",
            DType::Float64 => "float64",
        }
    }

    pub fn item_size(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::Int64 | DType::Float64 => 8,
        }
    }

    /// NumPy's result type of combining two arrays (`np.result_type`).
    pub fn promote(self, other: DType) -> DType {
        self.max(other)
    }
}

/// A single element: what a 0-d result or a Python number is to an array.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(_) => DType::Int64,
            Scalar::Float(_) => DType::Float64,
        }
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as i64 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::Float(x) => x,
        }
    }

    pub fn as_i64(self) -> i64 {
        match self {
            Scalar::Bool(b) => b as i64,
            Scalar::Int(i) => i,
            // NumPy's cast truncates toward zero and saturates out of range.
            Scalar::Float(x) => x as i64,
        }
    }

    pub fn as_bool(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(x) => x != 0.0,
        }
    }

    pub fn cast(self, to: DType) -> Scalar {
        match to {
            DType::Bool => Scalar::Bool(self.as_bool()),
            DType::Int64 => Scalar::Int(self.as_i64()),
            DType::Float64 => Scalar::Float(self.as_f64()),
        }
    }

    pub fn to_value(self) -> Value {
        match self {
            Scalar::Bool(b) => Value::bool(b),
            Scalar::Int(i) => Value::Int(i),
            Scalar::Float(x) => Value::float(x),
        }
    }

    /// A hashable identity for structural keys (floats by their bits).
    pub fn key_bits(self) -> (u8, u64) {
        match self {
            Scalar::Bool(b) => (0, b as u64),
            Scalar::Int(i) => (1, i as u64),
            Scalar::Float(x) => (2, x.to_bits()),
        }
    }
}

/// A concrete array, as `numpy.ndarray` holds one: C-ordered elements of one dtype.
#[derive(Clone, Debug, PartialEq)]
pub enum NdArray {
    Bool(ArrayD<bool>),
    Int(ArrayD<i64>),
    Float(ArrayD<f64>),
}

/// Applies the same expression to whichever typed array an `NdArray` holds.
#[macro_export]
macro_rules! with_nd {
    ($arr:expr, $a:ident => $body:expr) => {
        match $arr {
            $crate::value::array::NdArray::Bool($a) => $body,
            $crate::value::array::NdArray::Int($a) => $body,
            $crate::value::array::NdArray::Float($a) => $body,
        }
    };
}

impl NdArray {
    pub fn dtype(&self) -> DType {
        match self {
            NdArray::Bool(_) => DType::Bool,
            NdArray::Int(_) => DType::Int64,
            NdArray::Float(_) => DType::Float64,
        }
    }

    pub fn shape(&self) -> &[usize] {
        with_nd!(self, a => a.shape())
    }

    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    pub fn len(&self) -> usize {
        with_nd!(self, a => a.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn nbytes(&self) -> usize {
        self.len() * self.dtype().item_size()
    }

    /// The array converted to `to` (NumPy's `astype`).
    pub fn cast(&self, to: DType) -> NdArray {
        if self.dtype() == to {
            return self.clone();
        }
        match to {
            DType::Bool => {
                NdArray::Bool(with_nd!(self, a => a.mapv(|x| Scalar::from(x).as_bool())))
            }
            DType::Int64 => NdArray::Int(with_nd!(self, a => a.mapv(|x| Scalar::from(x).as_i64()))),
            DType::Float64 => {
                NdArray::Float(with_nd!(self, a => a.mapv(|x| Scalar::from(x).as_f64())))
            }
        }
    }

    pub fn to_f64(&self) -> ArrayD<f64> {
        match self.cast(DType::Float64) {
            NdArray::Float(a) => a,
            _ => unreachable!("cast to float64 gives a float array"),
        }
    }

    /// The element at a flat C-order position.
    pub fn get_flat(&self, index: usize) -> Option<Scalar> {
        with_nd!(self, a => a.iter().nth(index).map(|x| Scalar::from(*x)))
    }

    /// The single element of a 0-d (or one-element) array.
    pub fn first(&self) -> Option<Scalar> {
        with_nd!(self, a => a.iter().next().map(|x| Scalar::from(*x)))
    }

    pub fn from_scalar(s: Scalar) -> NdArray {
        match s {
            Scalar::Bool(b) => NdArray::Bool(ArrayD::from_elem(vec![], b)),
            Scalar::Int(i) => NdArray::Int(ArrayD::from_elem(vec![], i)),
            Scalar::Float(x) => NdArray::Float(ArrayD::from_elem(vec![], x)),
        }
    }
}

impl From<bool> for Scalar {
    fn from(b: bool) -> Scalar {
        Scalar::Bool(b)
    }
}

impl From<i64> for Scalar {
    fn from(i: i64) -> Scalar {
        Scalar::Int(i)
    }
}

impl From<f64> for Scalar {
    fn from(x: f64) -> Scalar {
        Scalar::Float(x)
    }
}

/// A lazy chunked array: one high-level node (decision 2). Chunk tasks exist only
/// while it is computed.
pub struct ArrayNode {
    pub op: ArrayOp,
    pub inputs: Vec<Arc<ArrayNode>>,
    pub shape: Vec<usize>,
    /// The chunk sizes along each axis (Dask's `.chunks`).
    pub chunks: Vec<Vec<usize>>,
    pub dtype: DType,
    /// Dask's key prefix (`normal`, `add`, `mean_agg-aggregate`, …).
    pub name: &'static str,
    /// Structural: equal expressions have equal tokens (decision 3).
    pub token: u64,
    pub origin: Span,
}

impl ArrayNode {
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn nbytes(&self) -> usize {
        self.size().saturating_mul(self.dtype.item_size())
    }

    pub fn numblocks(&self) -> Vec<usize> {
        self.chunks.iter().map(Vec::len).collect()
    }

    pub fn block_count(&self) -> usize {
        self.chunks.iter().map(Vec::len).product()
    }

    /// The largest chunk along each axis (Dask's `chunksize`).
    pub fn chunksize(&self) -> Vec<usize> {
        self.chunks
            .iter()
            .map(|c| c.iter().copied().max().unwrap_or(0))
            .collect()
    }

    /// Dask's key text: `name-token`.
    pub fn key(&self) -> String {
        format!("{}-{:016x}", self.name, self.token)
    }
}

impl Drop for ArrayNode {
    /// Releases long chains iteratively (a loop of `x = x + 1` builds one).
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.inputs);
        while let Some(input) = pending.pop() {
            if let Ok(mut node) = Arc::try_unwrap(input) {
                pending.append(&mut node.inputs);
            }
        }
    }
}

/// What an array node computes. Sources have no inputs; elementwise operations
/// fuse into one kernel per chunk; the rest are lowered chunk by chunk or
/// computed from their concrete inputs.
pub enum ArrayOp {
    /// A concrete array cut into chunks (`from_array`, `asarray`).
    FromArray(Arc<NdArray>),
    /// Every element the same (`zeros`, `ones`, `full`).
    Full(Scalar),
    /// `arange(start, stop, step)`: element i is `start + i * step`.
    Arange {
        start: Scalar,
        step: Scalar,
    },
    /// `linspace`: element i is `start + i * step`, the last one exactly `stop`.
    Linspace {
        start: f64,
        step: f64,
        stop: f64,
        endpoint: bool,
    },
    /// Random numbers: one stream per chunk from (seed, chunk index) (decision 6).
    Random {
        seed: u64,
        dist: Distribution,
    },
    /// A memory-mapped `.npy` file, read chunk by chunk.
    Npy(Arc<crate::array::npy::NpyFile>),
    /// `f(x)` elementwise.
    Unary(UFunc),
    /// `x op y` elementwise, with broadcasting.
    Binary(BinaryOp),
    /// `x op scalar` (or `scalar op x` when `scalar_left`).
    Scalar {
        op: BinaryOp,
        value: Scalar,
        scalar_left: bool,
    },
    /// `where(cond, x, y)`.
    Where,
    /// `astype`.
    Cast(DType),
    /// `clip(x, lo, hi)`.
    Clip {
        lo: Option<Scalar>,
        hi: Option<Scalar>,
    },
    /// A reduction over `axes` (sorted; all axes for `axis=None`).
    Reduce {
        kind: Reduction,
        axes: Vec<usize>,
        keepdims: bool,
        ddof: f64,
    },
    /// `x[index]` with ints, slices and `None`.
    Index(Vec<IndexItem>),
    /// `x[mask]` with a boolean array of the same shape.
    Mask,
    Reshape,
    Transpose(Vec<usize>),
    Rechunk,
    MatMul,
    Cumulative {
        kind: Cumulative,
        axis: usize,
    },
    Concatenate {
        axis: usize,
    },
    Stack {
        axis: usize,
    },
    /// `map_blocks(func, x)`: a pgs function called on each concrete chunk.
    MapBlocks(Value),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Distribution {
    Normal {
        loc: f64,
        scale: f64,
    },
    Uniform {
        low: f64,
        high: f64,
    },
    /// Integers in `[low, high)`.
    Integers {
        low: i64,
        high: i64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UFunc {
    Neg,
    Pos,
    Invert,
    Abs,
    Sqrt,
    Exp,
    Log,
    Log10,
    Log2,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Tanh,
    Floor,
    Ceil,
    Trunc,
    Round,
    Sign,
    Square,
    IsNan,
    IsFinite,
    IsInf,
    LogicalNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Maximum,
    Minimum,
    LogicalAnd,
    LogicalOr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reduction {
    Sum,
    Prod,
    Mean,
    Var,
    Std,
    Min,
    Max,
    ArgMin,
    ArgMax,
    Any,
    All,
}

impl Reduction {
    /// The method's name (`x.mean()`).
    pub fn name(self) -> &'static str {
        match self {
            Reduction::Sum => "sum",
            Reduction::Prod => "prod",
            Reduction::Mean => "mean",
            Reduction::Var => "var",
            Reduction::Std => "std",
            Reduction::Min => "min",
            Reduction::Max => "max",
            Reduction::ArgMin => "argmin",
            Reduction::ArgMax => "argmax",
            Reduction::Any => "any",
            Reduction::All => "all",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cumulative {
    Sum,
    Prod,
}

/// One item of an index expression, already checked against the shape.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexItem {
    /// A single position: the axis disappears.
    At(usize),
    /// `start:stop:step` resolved to a start, a step and a count.
    Slice {
        start: isize,
        step: isize,
        len: usize,
    },
    /// `None`: a new axis of length 1.
    NewAxis,
}

/// `default_rng(seed)`: each draw takes the next stream, so two draws differ and a
/// program gives the same numbers every run.
pub struct RandomGenerator {
    pub seed: u64,
    pub draws: AtomicU64,
    /// Made by `dask.array.random` (draws lazy arrays) or `numpy.random` (concrete).
    pub lazy: bool,
}

/// Objects that pgs code can hold but that are not Python builtins.
pub enum NativeObj {
    /// `numpy.dtype('float64')`.
    DType(DType),
    Generator(RandomGenerator),
    /// A rendered table (`table()`, `describe()`).
    Table(crate::output::table::TableObj),
}
