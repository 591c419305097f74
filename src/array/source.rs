//! The leaves a fused kernel reads, block by block: generated data (ranges, random
//! streams), concrete arrays and memory-mapped `.npy` files. Sources are streamed,
//! never materialised, so a reduction over more data than memory fits (decision 5).

use super::chunks::Region;
use super::kernel::{Block, Reg, View};
use super::npy::NpyFile;
use crate::value::array::{DType, Distribution, NdArray, Scalar};
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;
use rand_xoshiro::Xoshiro256PlusPlus;
use std::sync::Arc;

/// Something a kernel reads.
pub enum Leaf {
    Full(Scalar),
    Arange {
        start: Scalar,
        step: Scalar,
        dtype: DType,
    },
    Linspace {
        start: f64,
        step: f64,
        stop: f64,
        last: Option<usize>,
    },
    Random {
        seed: u64,
        dist: Distribution,
    },
    /// A concrete array of the grid's shape.
    Concrete(Arc<NdArray>),
    /// A concrete array stretched to the grid's shape (the second field) by
    /// broadcasting.
    Broadcast(Arc<NdArray>, Vec<usize>),
    Npy(Arc<NpyFile>),
}

impl Leaf {
    /// The dtype of the blocks its reader produces.
    pub fn dtype(&self) -> DType {
        match self {
            Leaf::Full(s) => s.dtype(),
            Leaf::Arange { dtype, .. } => *dtype,
            Leaf::Linspace { .. } => DType::Float64,
            Leaf::Random { dist, .. } => match dist {
                Distribution::Integers { .. } => DType::Int64,
                Distribution::Normal { .. } | Distribution::Uniform { .. } => DType::Float64,
            },
            Leaf::Concrete(a) | Leaf::Broadcast(a, _) => a.dtype(),
            Leaf::Npy(f) => f.dtype(),
        }
    }
}

/// A leaf positioned at the start of one chunk.
pub enum Reader<'a> {
    Full(Scalar),
    Arange {
        next: usize,
        start: Scalar,
        step: Scalar,
        dtype: DType,
    },
    Linspace {
        next: usize,
        start: f64,
        step: f64,
        stop: f64,
        last: Option<usize>,
    },
    Random {
        rng: Box<Xoshiro256PlusPlus>,
        dist: Distribution,
    },
    /// Elements in runs of consecutive flat positions.
    Runs {
        data: RunData<'a>,
        runs: Runs,
        pos_in_run: usize,
    },
    /// A chunk copied out of a broadcast view.
    Owned {
        block: Block,
        pos: usize,
    },
}

pub enum RunData<'a> {
    Array(&'a NdArray),
    Npy(&'a NpyFile),
}

impl Leaf {
    pub fn reader(&self, region: &Region) -> Reader<'_> {
        match self {
            Leaf::Full(s) => Reader::Full(*s),
            Leaf::Arange { start, step, dtype } => Reader::Arange {
                next: region.offset.first().copied().unwrap_or(0),
                start: *start,
                step: *step,
                dtype: *dtype,
            },
            Leaf::Linspace {
                start,
                step,
                stop,
                last,
            } => Reader::Linspace {
                next: region.offset.first().copied().unwrap_or(0),
                start: *start,
                step: *step,
                stop: *stop,
                last: *last,
            },
            Leaf::Random { seed, dist } => Reader::Random {
                rng: Box::new(chunk_stream(*seed, region.ordinal as u64)),
                dist: *dist,
            },
            Leaf::Concrete(a) => Reader::Runs {
                data: RunData::Array(a),
                runs: Runs::new(a.shape(), region),
                pos_in_run: 0,
            },
            Leaf::Npy(f) => {
                let runs = Runs::new(f.shape(), region);
                if runs.remaining == 1 {
                    f.prefetch(runs.current(), runs.run_len);
                }
                Reader::Runs {
                    data: RunData::Npy(f),
                    runs,
                    pos_in_run: 0,
                }
            }
            Leaf::Broadcast(a, shape) => Reader::Owned {
                block: broadcast_region(a, shape, region),
                pos: 0,
            },
        }
    }
}

/// The random stream of one chunk: a function of (seed, chunk) only, so a result
/// never depends on the thread count or on which chunk ran first.
pub fn chunk_stream(seed: u64, chunk: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix(
        splitmix(seed) ^ chunk.wrapping_mul(0x9E37_79B9_7F4A_7C15),
    ))
}

/// SplitMix64's finaliser: spreads nearby seeds far apart.
pub fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl<'a> Reader<'a> {
    /// Moves past the next `len` elements (of a leaf nothing reads this block).
    pub fn skip(&mut self, len: usize) {
        self.read(len, &mut Reg::default());
    }

    /// Makes `out` hold the next `len` elements: a slice borrowed from the data when
    /// they are consecutive in memory already (a block of a memory-mapped float64
    /// `.npy` or of a concrete array), else a copy.
    pub fn read(&mut self, len: usize, reg: &mut Reg<'a>) {
        if let Reader::Runs {
            data,
            runs,
            pos_in_run,
        } = self
        {
            if let Some(view) = borrow_runs(data, runs, pos_in_run, len) {
                reg.borrow(view);
                return;
            }
        }
        let out = reg.block_mut();
        match self {
            Reader::Full(s) => out.fill(*s, len),
            Reader::Arange {
                next,
                start,
                step,
                dtype,
            } => {
                out.reset(*dtype);
                let first = *next;
                match out {
                    Block::I(v) => {
                        let (a, d) = (start.as_i64(), step.as_i64());
                        v.extend(
                            (first..first + len)
                                .map(|i| a.wrapping_add((i as i64).wrapping_mul(d))),
                        );
                    }
                    Block::F(v) => {
                        let (a, d) = (start.as_f64(), step.as_f64());
                        v.extend((first..first + len).map(|i| a + i as f64 * d));
                    }
                    Block::B(v) => v.extend((first..first + len).map(|i| i == 0)),
                }
                *next += len;
            }
            Reader::Linspace {
                next,
                start,
                step,
                stop,
                last,
            } => {
                out.reset(DType::Float64);
                let Block::F(v) = out else { unreachable!() };
                let first = *next;
                v.extend((first..first + len).map(|i| {
                    if Some(i) == *last {
                        *stop
                    } else {
                        i as f64 * *step + *start
                    }
                }));
                *next += len;
            }
            Reader::Random { rng, dist } => fill_random(rng, *dist, len, out),
            Reader::Runs {
                data,
                runs,
                pos_in_run,
            } => read_runs(data, runs, pos_in_run, len, out),
            Reader::Owned { block, pos } => {
                let dtype = block.dtype();
                out.reset(dtype);
                let range = *pos..*pos + len;
                match (out, &*block) {
                    (Block::F(o), Block::F(v)) => o.extend_from_slice(&v[range]),
                    (Block::I(o), Block::I(v)) => o.extend_from_slice(&v[range]),
                    (Block::B(o), Block::B(v)) => o.extend_from_slice(&v[range]),
                    _ => unreachable!("reset to the block's dtype"),
                }
                *pos += len;
            }
        }
    }
}

fn fill_random(rng: &mut Xoshiro256PlusPlus, dist: Distribution, len: usize, out: &mut Block) {
    match dist {
        Distribution::Normal { loc, scale } => {
            out.reset(DType::Float64);
            let Block::F(v) = out else { unreachable!() };
            v.extend((0..len).map(|_| {
                let z: f64 = rng.sample(StandardNormal);
                loc + scale * z
            }));
        }
        Distribution::Uniform { low, high } => {
            out.reset(DType::Float64);
            let Block::F(v) = out else { unreachable!() };
            v.extend((0..len).map(|_| low + (high - low) * rng.random::<f64>()));
        }
        Distribution::Integers { low, high } => {
            out.reset(DType::Int64);
            let Block::I(v) = out else { unreachable!() };
            v.extend((0..len).map(|_| rng.random_range(low..high)));
        }
    }
}

/// The region of an array as runs of consecutive flat positions: the innermost axes
/// the region covers completely form one run, so a chunk of a 1-d array (or of
/// whole rows) is a single run read straight from memory.
pub struct Runs {
    /// Flat position of each run's first element, walked lazily.
    outer_shape: Vec<usize>,
    outer_offset: Vec<usize>,
    outer_strides: Vec<usize>,
    outer_index: Vec<usize>,
    base: usize,
    pub run_len: usize,
    remaining: usize,
}

impl Runs {
    pub fn new(shape: &[usize], region: &Region) -> Runs {
        let ndim = shape.len();
        let mut strides = vec![1usize; ndim];
        for a in (0..ndim.saturating_sub(1)).rev() {
            strides[a] = strides[a + 1] * shape[a + 1];
        }
        // Find the first axis from the end the region does not cover fully.
        let mut split = ndim;
        while split > 0 && region.shape[split - 1] == shape[split - 1] {
            split -= 1;
        }
        // Axes split.. are whole; axis split-1 (if any) contributes a contiguous span.
        let (outer_end, run_len) = if split == 0 {
            (0, shape.iter().product())
        } else {
            let inner: usize = shape[split..].iter().product();
            (split - 1, region.shape[split - 1] * inner)
        };
        let base_axis_offset = if split == 0 {
            0
        } else {
            region.offset[split - 1] * strides[split - 1]
        };
        let outer_shape = region.shape[..outer_end].to_vec();
        let count: usize = outer_shape.iter().product();
        Runs {
            outer_offset: region.offset[..outer_end].to_vec(),
            outer_strides: strides[..outer_end].to_vec(),
            outer_index: vec![0; outer_end],
            outer_shape,
            base: base_axis_offset,
            run_len,
            remaining: if run_len == 0 { 0 } else { count },
        }
    }

    /// The flat start of the current run.
    fn current(&self) -> usize {
        self.base
            + self
                .outer_index
                .iter()
                .zip(&self.outer_offset)
                .zip(&self.outer_strides)
                .map(|((i, o), s)| (i + o) * s)
                .sum::<usize>()
    }

    fn advance(&mut self) {
        self.remaining = self.remaining.saturating_sub(1);
        for a in (0..self.outer_index.len()).rev() {
            self.outer_index[a] += 1;
            if self.outer_index[a] < self.outer_shape[a] {
                return;
            }
            self.outer_index[a] = 0;
        }
    }
}

/// The next `len` elements as a borrowed slice, when they lie in the current run and
/// the data can be viewed in place; advances past them.
fn borrow_runs<'a>(
    data: &RunData<'a>,
    runs: &mut Runs,
    pos_in_run: &mut usize,
    len: usize,
) -> Option<View<'a>> {
    if runs.remaining == 0 || len == 0 || len > runs.run_len - *pos_in_run {
        return None;
    }
    let start = runs.current() + *pos_in_run;
    let range = start..start + len;
    let view = match *data {
        RunData::Array(NdArray::Float(x)) => View::F(&flat(x)[range]),
        RunData::Array(NdArray::Int(x)) => View::I(&flat(x)[range]),
        RunData::Array(NdArray::Bool(x)) => View::B(&flat(x)[range]),
        RunData::Npy(f) => View::F(f.f64_slice(start, len)?),
    };
    *pos_in_run += len;
    if *pos_in_run == runs.run_len {
        *pos_in_run = 0;
        runs.advance();
    }
    Some(view)
}

fn read_runs(data: &RunData, runs: &mut Runs, pos_in_run: &mut usize, len: usize, out: &mut Block) {
    let dtype = match data {
        RunData::Array(a) => a.dtype(),
        RunData::Npy(f) => f.dtype(),
    };
    // Only as many elements as the runs still hold (none past the region's end).
    let mut have = 0;
    let mut probe = (runs.remaining, runs.run_len - *pos_in_run);
    while have < len && probe.0 > 0 {
        have += probe.1.min(len - have);
        probe = (probe.0 - 1, runs.run_len);
    }
    out.size_to(dtype, have);
    let mut at = 0;
    while at < have {
        let take = (have - at).min(runs.run_len - *pos_in_run);
        let start = runs.current() + *pos_in_run;
        copy_flat(data, start, at..at + take, out);
        *pos_in_run += take;
        at += take;
        if *pos_in_run == runs.run_len {
            *pos_in_run = 0;
            runs.advance();
        }
    }
}

/// Copies the elements from flat position `start` into positions `to` of `out`
/// (already sized to the data's dtype).
fn copy_flat(data: &RunData, start: usize, to: std::ops::Range<usize>, out: &mut Block) {
    let from = start..start + to.len();
    match data {
        RunData::Array(a) => match (a, out) {
            (NdArray::Float(x), Block::F(o)) => o[to].copy_from_slice(&flat(x)[from]),
            (NdArray::Int(x), Block::I(o)) => o[to].copy_from_slice(&flat(x)[from]),
            (NdArray::Bool(x), Block::B(o)) => o[to].copy_from_slice(&flat(x)[from]),
            _ => unreachable!("sized to the array's dtype"),
        },
        RunData::Npy(f) => match out {
            Block::F(o) => f.read_f64(start, &mut o[to]),
            Block::I(o) => f.read_i64(start, &mut o[to]),
            Block::B(o) => f.read_bool(start, &mut o[to]),
        },
    }
}

/// A concrete array's elements in C order. Arrays reaching a kernel are always
/// standard layout: pgs makes every array it stores contiguous.
fn flat<T>(a: &ndarray::ArrayD<T>) -> &[T] {
    a.as_slice()
        .expect("arrays are stored in standard (C) layout")
}

/// The chunk `region` of `array` broadcast to the grid, copied out in C order.
/// `zip_mut_with` walks the innermost axis as a strided loop; a plain element
/// iterator over an n-d broadcast view costs several times more per element.
fn broadcast_region(array: &NdArray, shape: &[usize], region: &Region) -> Block {
    crate::with_nd!(array, a => {
        let view = a
            .broadcast(ndarray::IxDyn(shape))
            .expect("broadcast shapes were checked when the node was built");
        let part = view.slice_each_axis(|ax| {
            let i = ax.axis.index();
            ndarray::Slice::from(region.offset[i]..region.offset[i] + region.shape[i])
        });
        match part.first() {
            None => Block::new(array.dtype()),
            Some(first) => {
                let mut out = ndarray::ArrayD::from_elem(ndarray::IxDyn(&region.shape), *first);
                out.zip_mut_with(&part, |o, v| *o = *v);
                Block::from(out.into_raw_vec_and_offset().0)
            }
        }
    })
}
