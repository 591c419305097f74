//! Chunk arithmetic: normalising a user's `chunks=` (int, tuple, `"auto"`, `-1`) to
//! sizes per axis as Dask does, broadcasting shapes, and the chunk grid's regions.

use crate::diag::{PyError, PyResult};
use crate::value::array::DType;

/// What a user wrote for `chunks=`, per axis or for all axes.
#[derive(Clone, Debug, PartialEq)]
pub enum ChunkSpec {
    Auto,
    /// One size for every axis (`chunks=1000`); -1 means the whole axis.
    Size(i64),
    /// One entry per axis.
    PerAxis(Vec<AxisSpec>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum AxisSpec {
    Auto,
    /// A block size; -1 (or None) means the whole axis.
    Size(i64),
    /// Explicit sizes that must add up to the axis length.
    Sizes(Vec<usize>),
}

/// Dask's default for `"auto"`: chunks of about 128 MiB (`array.chunk-size`).
pub const AUTO_CHUNK_BYTES: usize = 128 * 1024 * 1024;

/// The chunk sizes along each axis of an array of `shape`.
pub fn normalize(spec: &ChunkSpec, shape: &[usize], dtype: DType) -> PyResult<Vec<Vec<usize>>> {
    let per_axis: Vec<AxisSpec> = match spec {
        ChunkSpec::Auto => vec![AxisSpec::Auto; shape.len()],
        ChunkSpec::Size(n) => vec![AxisSpec::Size(*n); shape.len()],
        // Dask reads a flat tuple of several sizes for a 1-d array as its blocks:
        // `from_array(np.arange(7), chunks=(2, 2, 3))`.
        ChunkSpec::PerAxis(axes)
            if shape.len() == 1
                && axes.len() > 1
                && axes.iter().all(|a| matches!(a, AxisSpec::Size(_))) =>
        {
            vec![AxisSpec::Sizes(
                axes.iter()
                    .map(|a| match a {
                        AxisSpec::Size(n) => (*n).max(0) as usize,
                        _ => 0,
                    })
                    .collect(),
            )]
        }
        ChunkSpec::PerAxis(axes) => {
            if axes.len() != shape.len() {
                return Err(PyError::value_error(format!(
                    "Chunks and shape must be of the same length/dimension. Got chunks={}, shape={}",
                    spec_text(axes),
                    shape_text(shape)
                )));
            }
            axes.clone()
        }
    };
    let auto_sizes = auto_blocks(shape, &per_axis, dtype);
    // Every chunk of the grid costs pgs its region (start and shape per axis) when
    // computed: a grid of 10**12 chunks is refused now, before even its chunk lists
    // are built (each axis alone may fit where their product does not).
    let mut counts = per_axis
        .iter()
        .zip(shape)
        .zip(&auto_sizes)
        .map(|((axis, &len), auto)| match axis {
            AxisSpec::Auto => len.div_ceil(auto.unwrap_or(len).max(1)),
            AxisSpec::Size(n) if *n > 0 => len.div_ceil(*n as usize),
            AxisSpec::Sizes(sizes) => sizes.len(),
            _ => 1,
        });
    let per_chunk = std::mem::size_of::<usize>() * (2 * shape.len() + 6);
    let grid = counts.try_fold(per_chunk, |bytes, n| bytes.checked_mul(n.max(1)));
    crate::limits::check_allocation(grid, "the chunk grid of this array")?;
    let chunks = per_axis
        .iter()
        .zip(shape)
        .zip(&auto_sizes)
        .map(|((axis, &len), auto)| match axis {
            AxisSpec::Auto => checked_blocks_of(len, auto.unwrap_or(len).max(1)),
            AxisSpec::Size(n) if *n == -1 => Ok(blocks_of(len, len.max(1))),
            // Dask divides the axis by the size: 0 fails as the division does.
            AxisSpec::Size(0) => Err(PyError::zero_division(
                "integer division or modulo by zero",
            )),
            AxisSpec::Size(n) if *n < 0 => Err(PyError::value_error(
                "Empty tuples are not allowed in chunks. Express zero length dimensions with 0(s) in chunks",
            )),
            AxisSpec::Size(n) => checked_blocks_of(len, *n as usize),
            AxisSpec::Sizes(sizes) if sizes.is_empty() => Err(PyError::value_error(
                "Empty tuples are not allowed in chunks. Express zero length dimensions with 0(s) in chunks",
            )),
            AxisSpec::Sizes(sizes) => Ok(sizes.clone()),
        })
        .collect::<PyResult<Vec<_>>>()?;
    // Explicit sizes must add up; Dask's message shows every axis's blocks.
    if chunks
        .iter()
        .zip(shape)
        .any(|(c, &len)| c.iter().sum::<usize>() != len)
    {
        return Err(PyError::value_error(format!(
            "Chunks do not add up to shape. Got chunks={}, shape={}",
            chunks_text(&chunks),
            shape_text(shape)
        )));
    }
    Ok(chunks)
}

/// The block size of each `"auto"` axis (`None` for the others), as Dask's
/// `auto_chunks` computes it without previous chunks: the byte budget left after the
/// fixed axes is shared equally, as `budget ** (1 / autos)` elements per axis; an
/// axis shorter than that share is taken whole and the rest share again. The share
/// is truncated, leaving a short last chunk (`ones(10**8)` has chunks of 16777216).
fn auto_blocks(shape: &[usize], spec: &[AxisSpec], dtype: DType) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; shape.len()];
    let mut autos: Vec<usize> = (0..shape.len())
        .filter(|&i| spec[i] == AxisSpec::Auto)
        .collect();
    // Dask's `largest_block`: the product of the fixed axes' largest chunks.
    let mut largest_block: f64 = spec
        .iter()
        .zip(shape)
        .map(|(s, &len)| match s {
            AxisSpec::Auto => 1.0,
            AxisSpec::Size(-1) => len as f64,
            AxisSpec::Size(n) => *n as f64,
            AxisSpec::Sizes(v) => v.iter().copied().max().unwrap_or(0) as f64,
        })
        .product();
    let budget = (AUTO_CHUNK_BYTES / dtype.item_size()) as f64;
    while !autos.is_empty() {
        let size = (budget / largest_block).powf(1.0 / autos.len() as f64);
        let (small, rest): (Vec<usize>, Vec<usize>) =
            autos.iter().partition(|&&i| (shape[i] as f64) < size);
        if small.is_empty() {
            for i in rest {
                out[i] = Some((size as usize).max(1));
            }
            break;
        }
        for i in small {
            out[i] = Some(shape[i].max(1));
            largest_block *= shape[i] as f64;
        }
        autos = rest;
    }
    out
}

/// [`blocks_of`], refusing before allocating an axis of more blocks than the memory
/// limit holds (`zeros(10**18)` has 6e10 blocks of the automatic size).
fn checked_blocks_of(len: usize, size: usize) -> PyResult<Vec<usize>> {
    let count = len.div_ceil(size.max(1));
    crate::limits::check_allocation(
        count.checked_mul(std::mem::size_of::<usize>()),
        "the chunks of this array",
    )?;
    Ok(blocks_of(len, size))
}

/// `len` split into blocks of `size` (the last one shorter); an empty axis has one
/// empty block, as in Dask.
pub fn blocks_of(len: usize, size: usize) -> Vec<usize> {
    if len == 0 {
        return vec![0];
    }
    let mut sizes = vec![size; len / size];
    if !len.is_multiple_of(size) {
        sizes.push(len % size);
    }
    sizes
}

/// NumPy's broadcasting of two shapes, or the error NumPy gives.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> PyResult<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for (i, slot) in out.iter_mut().enumerate() {
        let x = dim_from_end(a, n - 1 - i);
        let y = dim_from_end(b, n - 1 - i);
        *slot = match (x, y) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => {
                return Err(PyError::value_error(format!(
                    "operands could not be broadcast together with shapes {} {}",
                    shape_text(a),
                    shape_text(b)
                )))
            }
        };
    }
    Ok(out)
}

fn dim_from_end(shape: &[usize], from_end: usize) -> usize {
    if from_end < shape.len() {
        shape[shape.len() - 1 - from_end]
    } else {
        1
    }
}

/// The chunks of a broadcast result: each axis takes its chunking from the inputs
/// that are not stretched along it; where several are, their boundaries are merged
/// (Dask's `unify_chunks`).
pub fn broadcast_chunks(shape: &[usize], inputs: &[(&[usize], &[Vec<usize>])]) -> Vec<Vec<usize>> {
    let n = shape.len();
    (0..n)
        .map(|axis| {
            let from_end = n - 1 - axis;
            let mut merged: Option<Vec<usize>> = None;
            for (in_shape, in_chunks) in inputs {
                if from_end >= in_shape.len() {
                    continue;
                }
                let in_axis = in_shape.len() - 1 - from_end;
                if in_shape[in_axis] != shape[axis] || (shape[axis] == 1 && merged.is_some()) {
                    continue;
                }
                let c = &in_chunks[in_axis];
                merged = Some(match merged {
                    None => c.clone(),
                    Some(m) => merge_boundaries(&m, c),
                });
            }
            merged.unwrap_or_else(|| blocks_of(shape[axis], shape[axis].max(1)))
        })
        .collect()
}

/// The chunking whose boundaries are the union of both chunkings' boundaries.
pub fn merge_boundaries(a: &[usize], b: &[usize]) -> Vec<usize> {
    if a == b {
        return a.to_vec();
    }
    let mut cuts: Vec<usize> = starts(a).into_iter().chain(starts(b)).collect();
    let total: usize = a.iter().sum();
    cuts.push(total);
    cuts.sort_unstable();
    cuts.dedup();
    let sizes: Vec<usize> = cuts.windows(2).map(|w| w[1] - w[0]).collect();
    if sizes.is_empty() {
        vec![0]
    } else {
        sizes
    }
}

/// Where each chunk starts along an axis.
pub fn starts(sizes: &[usize]) -> Vec<usize> {
    let mut at = 0;
    sizes
        .iter()
        .map(|s| {
            let start = at;
            at += s;
            start
        })
        .collect()
}

/// One chunk of a grid: its position in the grid and the region it covers.
#[derive(Clone, Debug)]
pub struct Region {
    /// The chunk's index along each axis.
    pub block: Vec<usize>,
    /// The chunk's row-major position among all chunks (the random stream index).
    pub ordinal: usize,
    pub offset: Vec<usize>,
    pub shape: Vec<usize>,
}

impl Region {
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every chunk of a chunking, in row-major (C) order.
pub fn regions(chunks: &[Vec<usize>]) -> Vec<Region> {
    let starts: Vec<Vec<usize>> = chunks.iter().map(|c| starts(c)).collect();
    let counts: Vec<usize> = chunks.iter().map(Vec::len).collect();
    let total: usize = counts.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut block = vec![0usize; chunks.len()];
    for ordinal in 0..total {
        out.push(Region {
            block: block.clone(),
            ordinal,
            offset: (0..chunks.len()).map(|a| starts[a][block[a]]).collect(),
            shape: (0..chunks.len()).map(|a| chunks[a][block[a]]).collect(),
        });
        for axis in (0..block.len()).rev() {
            block[axis] += 1;
            if block[axis] < counts[axis] {
                break;
            }
            block[axis] = 0;
        }
    }
    out
}

/// Python's text for a shape: `(3,)`, `(2, 3)`, `()`.
pub fn shape_text(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// NumPy's text for a shape in its C-level messages: `(2,3)`, `(4,)`, `()`; a
/// negative size reads `newaxis` and leading ones are left out (`(-1, 4)` is `(4)`),
/// as NumPy's `convert_shape_to_string` does.
pub fn numpy_shape_text(dims: &[i64]) -> String {
    let first = dims.iter().position(|&d| d >= 0).unwrap_or(dims.len());
    if first == dims.len() {
        return "()".to_string();
    }
    let items: Vec<String> = dims[first..]
        .iter()
        .map(|&d| {
            if d < 0 {
                "newaxis".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    if dims.len() == 1 {
        format!("({},)", items[0])
    } else {
        format!("({})", items.join(","))
    }
}

/// Dask's text for chunks: `((5, 5),)`.
pub fn chunks_text(chunks: &[Vec<usize>]) -> String {
    let axes: Vec<String> = chunks.iter().map(|c| shape_text(c)).collect();
    match axes.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", axes.join(", ")),
    }
}

fn spec_text(axes: &[AxisSpec]) -> String {
    let items: Vec<String> = axes
        .iter()
        .map(|a| match a {
            AxisSpec::Auto => "'auto'".to_string(),
            AxisSpec::Size(n) => n.to_string(),
            AxisSpec::Sizes(s) => shape_text(s),
        })
        .collect();
    if items.len() == 1 {
        format!("({},)", items[0])
    } else {
        format!("({})", items.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_chunks_leave_a_short_tail() {
        let c = normalize(&ChunkSpec::Size(4), &[10], DType::Float64).unwrap();
        assert_eq!(c, vec![vec![4, 4, 2]]);
    }

    #[test]
    fn broadcasting_follows_numpy() {
        assert_eq!(broadcast_shapes(&[4, 1], &[3]).unwrap(), vec![4, 3]);
        assert!(broadcast_shapes(&[4], &[3]).is_err());
    }

    #[test]
    fn merged_boundaries_are_the_union() {
        assert_eq!(merge_boundaries(&[5, 5], &[3, 7]), vec![3, 2, 5]);
    }

    #[test]
    fn regions_are_row_major() {
        let r = regions(&[vec![2, 1], vec![3, 3]]);
        let offsets: Vec<_> = r.iter().map(|r| r.offset.clone()).collect();
        assert_eq!(
            offsets,
            vec![vec![0, 0], vec![0, 3], vec![2, 0], vec![2, 3]]
        );
    }
}
