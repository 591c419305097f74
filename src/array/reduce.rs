//! Reductions: accumulators fed block by block inside a chunk, partial results that
//! combine in chunk order through a fixed tree (bit-identical for any thread count,
//! decision 6), pairwise summation as NumPy does it, and moments combined with
//! Chan et al.'s formula.

use super::kernel::View;
use crate::diag::{PyError, PyResult};
use crate::value::array::{DType, Reduction, Scalar};
use smallvec::SmallVec;

/// What one chunk (or one lane of an axis reduction) contributes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Partial {
    Float(f64),
    Int(i64),
    Bool(bool),
    Mean {
        sum: f64,
        count: f64,
    },
    Moments {
        count: f64,
        mean: f64,
        m2: f64,
    },
    Arg {
        value: Scalar,
        index: u64,
    },
    /// Nothing seen yet (an empty chunk under min, max or arg*).
    Empty,
}

/// The dtype a reduction of `input` gives (NumPy's rules).
pub fn result_dtype(kind: Reduction, input: DType) -> DType {
    match kind {
        Reduction::Sum | Reduction::Prod => input.max(DType::Int64),
        Reduction::Mean | Reduction::Var | Reduction::Std => DType::Float64,
        Reduction::Min | Reduction::Max => input,
        Reduction::ArgMin | Reduction::ArgMax => DType::Int64,
        Reduction::Any | Reduction::All => DType::Bool,
    }
}

/// A reduction in progress over one chunk.
pub struct Acc {
    kind: Reduction,
    state: Partial,
    /// Partial sums of equal weight waiting to be paired (pairwise across blocks).
    levels: Vec<(Partial, u64)>,
}

impl Acc {
    pub fn new(kind: Reduction) -> Acc {
        Acc {
            kind,
            state: identity(kind),
            levels: Vec::new(),
        }
    }

    /// Adds a block; `index_of(i)` is the flat index arg-reductions report for
    /// element `i` of the block.
    pub fn feed(&mut self, block: View, index_of: &dyn Fn(usize) -> u64) {
        if block.is_empty() {
            return;
        }
        let part = block_partial(self.kind, block, index_of);
        self.push(part);
    }

    /// Whether this reduction of a float block is made from the block's pairwise sum
    /// alone (`Some(false)`), from its sum and centred sum of squares (`Some(true)`),
    /// or from something else (`None`).
    fn float_stats(&self) -> Option<bool> {
        match self.kind {
            Reduction::Sum | Reduction::Mean => Some(false),
            Reduction::Var | Reduction::Std => Some(true),
            _ => None,
        }
    }

    /// Adds a float block of `n` elements from its pairwise sum and (for var/std)
    /// its sum of squared deviations from `sum / n`: the same partial `feed` makes.
    fn feed_stats(&mut self, n: usize, sum: f64, m2: f64) {
        if n == 0 {
            return;
        }
        let count = n as f64;
        let part = match self.kind {
            Reduction::Sum => Partial::Float(sum),
            Reduction::Mean => Partial::Mean { sum, count },
            _ => Partial::Moments {
                count,
                mean: sum / count,
                m2,
            },
        };
        self.push(part);
    }

    fn push(&mut self, part: Partial) {
        match self.kind {
            // Sums pair up block results like a binary counter, so a chunk's sum is
            // pairwise all the way up, not a running total.
            Reduction::Sum | Reduction::Mean => {
                let mut item = (part, 1u64);
                while let Some(top) = self.levels.last() {
                    if top.1 != item.1 {
                        break;
                    }
                    let (left, weight) = self.levels.pop().unwrap_or(item);
                    item = (combine(self.kind, left, item.0), weight * 2);
                }
                self.levels.push(item);
            }
            _ => self.state = combine(self.kind, self.state, part),
        }
    }

    pub fn finish(self) -> Partial {
        match self.kind {
            Reduction::Sum | Reduction::Mean => {
                let mut acc: Option<Partial> = None;
                for (p, _) in self.levels.into_iter().rev() {
                    acc = Some(match acc {
                        None => p,
                        Some(right) => combine(self.kind, p, right),
                    });
                }
                acc.unwrap_or(self.state)
            }
            _ => self.state,
        }
    }
}

fn identity(kind: Reduction) -> Partial {
    match kind {
        Reduction::Sum => Partial::Int(0),
        Reduction::Prod => Partial::Int(1),
        Reduction::Mean => Partial::Mean {
            sum: 0.0,
            count: 0.0,
        },
        Reduction::Var | Reduction::Std => Partial::Moments {
            count: 0.0,
            mean: 0.0,
            m2: 0.0,
        },
        Reduction::Any => Partial::Bool(false),
        Reduction::All => Partial::Bool(true),
        _ => Partial::Empty,
    }
}

/// The reduction of one block.
fn block_partial(kind: Reduction, block: View, index_of: &dyn Fn(usize) -> u64) -> Partial {
    let n = block.len() as f64;
    match (kind, block) {
        (Reduction::Sum, View::F(v)) => Partial::Float(pairwise_sum(v)),
        (Reduction::Sum, View::I(v)) => {
            Partial::Int(v.iter().fold(0i64, |a, &b| a.wrapping_add(b)))
        }
        (Reduction::Sum, View::B(v)) => Partial::Int(v.iter().filter(|&&b| b).count() as i64),
        (Reduction::Prod, View::F(v)) => Partial::Float(v.iter().product()),
        (Reduction::Prod, View::I(v)) => {
            Partial::Int(v.iter().fold(1i64, |a, &b| a.wrapping_mul(b)))
        }
        (Reduction::Prod, View::B(v)) => Partial::Int(v.iter().all(|&b| b) as i64),
        (Reduction::Mean, _) => Partial::Mean {
            sum: pairwise_sum(&as_floats(block)),
            count: n,
        },
        (Reduction::Var | Reduction::Std, _) => {
            let x = as_floats(block);
            let mean = pairwise_sum(&x) / n;
            Partial::Moments {
                count: n,
                mean,
                m2: pairwise_centred(&x, mean),
            }
        }
        (Reduction::Min | Reduction::Max, View::F(v)) => {
            let max = kind == Reduction::Max;
            Partial::Float(v.iter().copied().fold(v[0], |a, b| extreme_f(a, b, max)))
        }
        (Reduction::Min | Reduction::Max, View::I(v)) => Partial::Int(if kind == Reduction::Max {
            v.iter().copied().max().unwrap_or(i64::MIN)
        } else {
            v.iter().copied().min().unwrap_or(i64::MAX)
        }),
        (Reduction::Min | Reduction::Max, View::B(v)) => Partial::Bool(if kind == Reduction::Max {
            v.iter().any(|&b| b)
        } else {
            v.iter().all(|&b| b)
        }),
        (Reduction::ArgMin | Reduction::ArgMax, _) => {
            arg_block(kind == Reduction::ArgMax, block, index_of)
        }
        (Reduction::Any, _) => Partial::Bool(any_true(block)),
        (Reduction::All, _) => Partial::Bool(all_true(block)),
    }
}

/// NaN wins in NumPy's min and max.
#[inline(always)]
fn extreme_f(a: f64, b: f64, max: bool) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if (max && b > a) || (!max && b < a) {
        b
    } else {
        a
    }
}

fn arg_block(max: bool, block: View, index_of: &dyn Fn(usize) -> u64) -> Partial {
    let best = match block {
        View::F(v) => {
            let mut best = 0;
            for (i, &x) in v.iter().enumerate() {
                if v[best].is_nan() {
                    break;
                }
                if x.is_nan() || (max && x > v[best]) || (!max && x < v[best]) {
                    best = i;
                }
            }
            (Scalar::Float(v[best]), best)
        }
        View::I(v) => {
            let mut best = 0;
            for (i, &x) in v.iter().enumerate() {
                if (max && x > v[best]) || (!max && x < v[best]) {
                    best = i;
                }
            }
            (Scalar::Int(v[best]), best)
        }
        View::B(v) => {
            let target = max;
            let best = v.iter().position(|&b| b == target).unwrap_or(0);
            (Scalar::Bool(v[best]), best)
        }
    };
    Partial::Arg {
        value: best.0,
        index: index_of(best.1),
    }
}

fn any_true(block: View) -> bool {
    match block {
        View::F(v) => v.iter().any(|&x| x != 0.0),
        View::I(v) => v.iter().any(|&x| x != 0),
        View::B(v) => v.iter().any(|&x| x),
    }
}

fn all_true(block: View) -> bool {
    match block {
        View::F(v) => v.iter().all(|&x| x != 0.0),
        View::I(v) => v.iter().all(|&x| x != 0),
        View::B(v) => v.iter().all(|&x| x),
    }
}

fn as_floats(block: View<'_>) -> std::borrow::Cow<'_, [f64]> {
    match block {
        View::F(v) => std::borrow::Cow::Borrowed(v),
        View::I(v) => v.iter().map(|&i| i as f64).collect(),
        View::B(v) => v.iter().map(|&b| b as i64 as f64).collect(),
    }
}

/// Combines two partial results, `a` from the earlier chunk.
pub fn combine(kind: Reduction, a: Partial, b: Partial) -> Partial {
    use Partial::*;
    match (a, b) {
        (Empty, x) | (x, Empty) => x,
        (Float(x), Float(y)) => Float(match kind {
            Reduction::Sum => x + y,
            Reduction::Prod => x * y,
            _ => extreme_f(x, y, kind == Reduction::Max),
        }),
        (Int(x), Int(y)) => Int(match kind {
            Reduction::Sum => x.wrapping_add(y),
            Reduction::Prod => x.wrapping_mul(y),
            Reduction::Max => x.max(y),
            _ => x.min(y),
        }),
        // An integer identity meeting a float partial (sum, prod start at int).
        (Int(x), Float(y)) => combine(kind, Float(x as f64), Float(y)),
        (Float(x), Int(y)) => combine(kind, Float(x), Float(y as f64)),
        (Bool(x), Bool(y)) => Bool(match kind {
            Reduction::Any | Reduction::Max => x || y,
            _ => x && y,
        }),
        (Mean { sum: s1, count: c1 }, Mean { sum: s2, count: c2 }) => Mean {
            sum: s1 + s2,
            count: c1 + c2,
        },
        (
            Moments {
                count: n1,
                mean: m1,
                m2: q1,
            },
            Moments {
                count: n2,
                mean: m2,
                m2: q2,
            },
        ) => chan(n1, m1, q1, n2, m2, q2),
        (
            Arg {
                value: v1,
                index: i1,
            },
            Arg {
                value: v2,
                index: i2,
            },
        ) => {
            if arg_prefers(kind == Reduction::ArgMax, v1, v2) {
                Arg {
                    value: v2,
                    index: i2,
                }
            } else {
                Arg {
                    value: v1,
                    index: i1,
                }
            }
        }
        (x, _) => x,
    }
}

/// Whether the later candidate `b` beats the earlier `a` (ties keep the first, and
/// the first NaN wins, as in NumPy).
fn arg_prefers(max: bool, a: Scalar, b: Scalar) -> bool {
    match (a, b) {
        (Scalar::Float(x), _) if x.is_nan() => false,
        (_, Scalar::Float(y)) if y.is_nan() => true,
        (Scalar::Int(x), Scalar::Int(y)) => (max && y > x) || (!max && y < x),
        (x, y) => {
            let (x, y) = (x.as_f64(), y.as_f64());
            (max && y > x) || (!max && y < x)
        }
    }
}

/// Chan, Golub and LeVeque's pairwise update of (count, mean, M2).
fn chan(n1: f64, m1: f64, q1: f64, n2: f64, m2: f64, q2: f64) -> Partial {
    if n1 == 0.0 {
        return Partial::Moments {
            count: n2,
            mean: m2,
            m2: q2,
        };
    }
    if n2 == 0.0 {
        return Partial::Moments {
            count: n1,
            mean: m1,
            m2: q1,
        };
    }
    let n = n1 + n2;
    let delta = m2 - m1;
    Partial::Moments {
        count: n,
        mean: m1 + delta * (n2 / n),
        m2: q1 + q2 + delta * delta * (n1 * n2 / n),
    }
}

/// Partials of consecutive chunks combined as a balanced tree in chunk order, so the
/// result never depends on which chunk finished first.
pub fn tree(kind: Reduction, parts: &[Partial]) -> Partial {
    match parts {
        [] => identity(kind),
        [one] => *one,
        _ => {
            let mid = parts.len() / 2;
            combine(kind, tree(kind, &parts[..mid]), tree(kind, &parts[mid..]))
        }
    }
}

/// The final value of a reduction over `input`-typed elements.
pub fn finish(kind: Reduction, part: Partial, input: DType, ddof: f64) -> PyResult<Scalar> {
    let name = match kind {
        Reduction::Min => "minimum",
        _ => "maximum",
    };
    Ok(match (kind, part) {
        (Reduction::Min | Reduction::Max, Partial::Empty) => {
            return Err(PyError::value_error(format!(
                "zero-size array to reduction operation {name} which has no identity"
            )))
        }
        (Reduction::ArgMin | Reduction::ArgMax, Partial::Empty) => {
            let which = if kind == Reduction::ArgMin {
                "argmin"
            } else {
                "argmax"
            };
            return Err(PyError::value_error(format!(
                "attempt to get {which} of an empty sequence"
            )));
        }
        (_, Partial::Arg { index, .. }) => Scalar::Int(index as i64),
        (_, Partial::Mean { sum, count }) => Scalar::Float(sum / count),
        (Reduction::Var | Reduction::Std, Partial::Moments { count, m2, .. }) => {
            let var = m2 / (count - ddof).max(0.0);
            Scalar::Float(if kind == Reduction::Std {
                var.sqrt()
            } else {
                var
            })
        }
        (_, Partial::Float(x)) => Scalar::Float(x),
        (Reduction::Min | Reduction::Max, Partial::Int(x)) if input == DType::Bool => {
            Scalar::Bool(x != 0)
        }
        (_, Partial::Int(x)) => {
            if input == DType::Float64 {
                Scalar::Float(x as f64)
            } else {
                Scalar::Int(x)
            }
        }
        (_, Partial::Bool(b)) => Scalar::Bool(b),
        (_, other) => unreachable!("{kind:?} cannot end in {other:?}"),
    })
}

/// NumPy's pairwise summation (`pairwise_sum` in its loops): eight accumulators
/// over blocks of 128, halves summed recursively. Matching it makes a
/// single-chunk sum bit-identical to NumPy's.
pub fn pairwise_sum(x: &[f64]) -> f64 {
    pairwise_many::<1, false>([x], [0.0])[0]
}

/// The pairwise sum of `(x[i] - centre)²`, without a temporary for the squares:
/// the M2 of a block centred on its mean.
pub fn pairwise_centred(x: &[f64], centre: f64) -> f64 {
    pairwise_many::<1, true>([x], [centre])[0]
}

/// Leaves of the pairwise tree: NumPy's `PW_BLOCKSIZE`.
const PW_BLOCKSIZE: usize = 128;

/// The pairwise sums of `K` slices of one length in one loop over them: of the
/// elements, or with `CENTRED` of `(x - centres[k])²`. Every sum uses the same tree
/// and the same additions in the same order as a separate `pairwise_sum`, so each
/// result is bit-identical to it, but the block is read once. Where the CPU has AVX2
/// the leaves run with the eight accumulators in two vector registers: vector
/// additions are the same IEEE additions lane by lane (and nothing is fused into a
/// multiply-add), so the answer does not depend on the CPU.
pub fn pairwise_many<const K: usize, const CENTRED: bool>(
    xs: [&[f64]; K],
    centres: [f64; K],
) -> [f64; K] {
    let n = xs.first().map_or(0, |x| x.len());
    assert!(
        xs.iter().all(|x| x.len() == n),
        "pairwise_many needs slices of one length"
    );
    #[cfg(target_arch = "x86_64")]
    if super::kernel::has_avx2() {
        // SAFETY: the CPU supports AVX2 (checked just above).
        return unsafe { pairwise_avx2::<K, CENTRED>(&xs, 0, n, &centres) };
    }
    pairwise_plain::<K, CENTRED>(&xs, 0, n, &centres)
}

/// The recursion of `pairwise_many` over elements `lo..lo+n`, once per instruction
/// set, each calling its own leaves.
macro_rules! pairwise_tree {
    ($(#[$attr:meta])* $name:ident, $leaf:ident) => {
        $(#[$attr])*
        fn $name<const K: usize, const CENTRED: bool>(
            xs: &[&[f64]; K],
            lo: usize,
            n: usize,
            centres: &[f64; K],
        ) -> [f64; K] {
            if n <= PW_BLOCKSIZE {
                return $leaf::<K, CENTRED>(xs, lo, n, centres);
            }
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            let left = $name::<K, CENTRED>(xs, lo, n2, centres);
            let right = $name::<K, CENTRED>(xs, lo + n2, n - n2, centres);
            let mut out = left;
            for k in 0..K {
                out[k] += right[k];
            }
            out
        }
    };
}

pairwise_tree!(pairwise_plain, leaf_plain);
#[cfg(target_arch = "x86_64")]
pairwise_tree!(
    #[target_feature(enable = "avx2")]
    pairwise_avx2,
    leaf_avx2
);

/// What a leaf adds up for one element. `centre - v` is exactly `-(v - centre)`
/// (IEEE rounding is symmetric), so its square is the one NumPy computes.
#[inline(always)]
fn term<const CENTRED: bool>(v: f64, centre: f64) -> f64 {
    if CENTRED {
        let d = centre - v;
        d * d
    } else {
        v
    }
}

/// The last step of a leaf: its eight running sums added as a tree, then the
/// elements after the last whole group of eight one by one.
#[inline(always)]
fn leaf_finish<const CENTRED: bool>(r: &[f64; 8], tail: &[f64], centre: f64) -> f64 {
    let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for &v in tail {
        res += term::<CENTRED>(v, centre);
    }
    res
}

/// A leaf of fewer than eight elements: added in order.
#[inline(always)]
fn leaf_short<const K: usize, const CENTRED: bool>(
    xs: &[&[f64]; K],
    lo: usize,
    n: usize,
    centres: &[f64; K],
) -> [f64; K] {
    let mut out = [0.0; K];
    for k in 0..K {
        let mut res = -0.0;
        for &v in &xs[k][lo..lo + n] {
            res += term::<CENTRED>(v, centres[k]);
        }
        out[k] = res;
    }
    out
}

/// One leaf (at most 128 elements) of each of the `K` sums: eight running sums over
/// elements `j`, `j+8`, `j+16`, … then [`leaf_finish`].
#[inline(always)]
fn leaf_plain<const K: usize, const CENTRED: bool>(
    xs: &[&[f64]; K],
    lo: usize,
    n: usize,
    centres: &[f64; K],
) -> [f64; K] {
    if n < 8 {
        return leaf_short::<K, CENTRED>(xs, lo, n, centres);
    }
    let groups = (n - 8) / 8;
    let mut out = [0.0; K];
    for k in 0..K {
        let x = &xs[k][lo..lo + n];
        let c = centres[k];
        let mut r = [0.0f64; 8];
        for j in 0..8 {
            r[j] = term::<CENTRED>(x[j], c);
        }
        for g in x[8..8 + groups * 8].as_chunks::<8>().0 {
            for j in 0..8 {
                r[j] += term::<CENTRED>(g[j], c);
            }
        }
        out[k] = leaf_finish::<CENTRED>(&r, &x[8 + groups * 8..], c);
    }
    out
}

/// [`leaf_plain`] with AVX2 vectors, all `K` slices in one loop: lanes 0-3 of the
/// running sums in one register, lanes 4-7 in another.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn leaf_avx2<const K: usize, const CENTRED: bool>(
    xs: &[&[f64]; K],
    lo: usize,
    n: usize,
    centres: &[f64; K],
) -> [f64; K] {
    use std::arch::x86_64::*;
    if n < 8 {
        return leaf_short::<K, CENTRED>(xs, lo, n, centres);
    }
    let groups = (n - 8) / 8;
    let mut x: [&[f64]; K] = [&[]; K];
    let mut c = [_mm256_setzero_pd(); K];
    let mut r_lo = [_mm256_setzero_pd(); K];
    let mut r_hi = [_mm256_setzero_pd(); K];
    for k in 0..K {
        x[k] = &xs[k][lo..lo + n];
        c[k] = _mm256_set1_pd(centres[k]);
    }
    // `centre - v` as in `term`, which lets the load fold into the subtraction.
    macro_rules! term_v {
        ($v:expr, $c:expr) => {
            if CENTRED {
                let d = _mm256_sub_pd($c, $v);
                _mm256_mul_pd(d, d)
            } else {
                $v
            }
        };
    }
    // Adds group `g` (elements 8g..8g+8) of every slice to its running sums.
    macro_rules! add_group {
        ($g:expr) => {
            for k in 0..K {
                // SAFETY: 8g + 8 <= 8 + 8 * groups <= n, the length of `x[k]`.
                let (a, b) = unsafe {
                    let p = x[k].as_ptr().add(8 * $g);
                    (_mm256_loadu_pd(p), _mm256_loadu_pd(p.add(4)))
                };
                r_lo[k] = _mm256_add_pd(r_lo[k], term_v!(a, c[k]));
                r_hi[k] = _mm256_add_pd(r_hi[k], term_v!(b, c[k]));
            }
        };
    }
    for k in 0..K {
        let p = x[k].as_ptr();
        // SAFETY: `x[k]` holds n >= 8 elements, so 0..8 are in bounds.
        let (a, b) = unsafe { (_mm256_loadu_pd(p), _mm256_loadu_pd(p.add(4))) };
        r_lo[k] = term_v!(a, c[k]);
        r_hi[k] = term_v!(b, c[k]);
    }
    // Groups 1..=groups in order, two per iteration.
    let mut g = 1;
    while g < groups {
        add_group!(g);
        add_group!(g + 1);
        g += 2;
    }
    if g <= groups {
        add_group!(g);
    }
    let mut out = [0.0; K];
    for k in 0..K {
        let mut r = [0.0f64; 8];
        // SAFETY: `r` has room for the eight lanes stored.
        unsafe {
            _mm256_storeu_pd(r.as_mut_ptr(), r_lo[k]);
            _mm256_storeu_pd(r.as_mut_ptr().add(4), r_hi[k]);
        }
        out[k] = leaf_finish::<CENTRED>(&r, &x[k][8 + groups * 8..], centres[k]);
    }
    out
}

/// `out[k]` = `pairwise_many` of `xs[k]` (centred on `centres[k]` with `CENTRED`)
/// for any number of slices of one length, up to four per loop.
fn pairwise_into<const CENTRED: bool>(xs: &[&[f64]], centres: &[f64], out: &mut [f64]) {
    let mut at = 0;
    while at < xs.len() {
        let (x, c) = (&xs[at..], &centres[at..]);
        let step = match x.len() {
            1 => {
                out[at] = pairwise_many::<1, CENTRED>([x[0]], [c[0]])[0];
                1
            }
            2 => {
                let r = pairwise_many::<2, CENTRED>([x[0], x[1]], [c[0], c[1]]);
                out[at..at + 2].copy_from_slice(&r);
                2
            }
            3 => {
                let r = pairwise_many::<3, CENTRED>([x[0], x[1], x[2]], [c[0], c[1], c[2]]);
                out[at..at + 3].copy_from_slice(&r);
                3
            }
            _ => {
                let r =
                    pairwise_many::<4, CENTRED>([x[0], x[1], x[2], x[3]], [c[0], c[1], c[2], c[3]]);
                out[at..at + 4].copy_from_slice(&r);
                4
            }
        };
        at += step;
    }
}

/// The leaves of the pairwise sum of elements `lo..lo+n`, in order, as (start,
/// length): the pieces `pairwise_sum` adds with its eight accumulators.
pub fn pairwise_leaves(lo: usize, n: usize, out: &mut Vec<(usize, usize)>) {
    if n <= PW_BLOCKSIZE {
        out.push((lo, n));
        return;
    }
    let mut n2 = n / 2;
    n2 -= n2 % 8;
    pairwise_leaves(lo, n2, out);
    pairwise_leaves(lo + n2, n - n2, out);
}

/// The pairwise sum of `n` elements from the sums of its leaves, in order: the
/// additions `pairwise_sum` makes above its leaves. A full kernel block (4096 = 32
/// leaves of 128) is a perfect binary tree, added level by level.
fn pairwise_from_leaves(n: usize, sums: &[f64]) -> f64 {
    let leaves = sums.len();
    if leaves.is_power_of_two() && leaves <= 64 && n == leaves * PW_BLOCKSIZE {
        let mut level = [0.0f64; 64];
        level[..leaves].copy_from_slice(sums);
        let mut width = leaves;
        while width > 1 {
            width /= 2;
            for i in 0..width {
                level[i] = level[2 * i] + level[2 * i + 1];
            }
        }
        return level[0];
    }
    combine_leaves(n, sums, &mut 0)
}

/// [`pairwise_from_leaves`] by the recursion itself, from leaf `sums[*at]` on.
fn combine_leaves(n: usize, sums: &[f64], at: &mut usize) -> f64 {
    if n <= PW_BLOCKSIZE {
        *at += 1;
        return sums[*at - 1];
    }
    let mut n2 = n / 2;
    n2 -= n2 % 8;
    let left = combine_leaves(n2, sums, at);
    let right = combine_leaves(n - n2, sums, at);
    left + right
}

/// For each leaf (start, length) of `x`, appends the sum of `x` to `out[slots[0]]`,
/// of `x*x` to `out[slots[1]]` and of `x*x*x` to `out[slots[2]]`, for the powers in
/// `mask` (bit `p-1` for power `p`): the moments of one input from one loop that
/// reads it once. Each sum is bit-identical to `pairwise_sum` of that power
/// computed elementwise first, as the kernel would (`x*x*x` is `(x*x)*x`).
pub fn leaf_power_sums(
    x: &[f64],
    leaves: &[(usize, usize)],
    mask: u8,
    slots: [usize; 3],
    out: &mut [Vec<f64>],
) {
    match mask {
        1 => power_sums::<1>(x, leaves, slots, out),
        2 => power_sums::<2>(x, leaves, slots, out),
        3 => power_sums::<3>(x, leaves, slots, out),
        4 => power_sums::<4>(x, leaves, slots, out),
        5 => power_sums::<5>(x, leaves, slots, out),
        6 => power_sums::<6>(x, leaves, slots, out),
        7 => power_sums::<7>(x, leaves, slots, out),
        _ => {}
    }
}

fn power_sums<const MASK: u8>(
    x: &[f64],
    leaves: &[(usize, usize)],
    slots: [usize; 3],
    out: &mut [Vec<f64>],
) {
    #[cfg(target_arch = "x86_64")]
    if super::kernel::has_avx2() {
        // SAFETY: the CPU supports AVX2 (checked just above).
        unsafe { power_sums_avx2::<MASK>(x, leaves, slots, out) };
        return;
    }
    for &(lo, n) in leaves {
        push_powers::<MASK>(leaf_powers_plain::<MASK>(&x[lo..lo + n]), slots, out);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn power_sums_avx2<const MASK: u8>(
    x: &[f64],
    leaves: &[(usize, usize)],
    slots: [usize; 3],
    out: &mut [Vec<f64>],
) {
    for &(lo, n) in leaves {
        push_powers::<MASK>(leaf_powers_avx2::<MASK>(&x[lo..lo + n]), slots, out);
    }
}

#[inline(always)]
fn push_powers<const MASK: u8>(sums: [f64; 3], slots: [usize; 3], out: &mut [Vec<f64>]) {
    for p in 0..3 {
        if MASK & (1 << p) != 0 {
            out[slots[p]].push(sums[p]);
        }
    }
}

/// `v`, `v*v` and `(v*v)*v`, as the kernel computes `x`, `x*x` and `x*x*x`.
#[inline(always)]
fn powers(v: f64) -> [f64; 3] {
    let v2 = v * v;
    [v, v2, v2 * v]
}

/// One leaf of the sums of the powers in `MASK`: [`leaf_plain`] for each.
#[inline(always)]
fn leaf_powers_plain<const MASK: u8>(x: &[f64]) -> [f64; 3] {
    let n = x.len();
    let mut out = [-0.0f64; 3];
    if n < 8 {
        for &v in x {
            let w = powers(v);
            for p in 0..3 {
                out[p] += w[p];
            }
        }
        return out;
    }
    let groups = (n - 8) / 8;
    let mut r = [[0.0f64; 8]; 3];
    for j in 0..8 {
        let w = powers(x[j]);
        for p in 0..3 {
            r[p][j] = w[p];
        }
    }
    for g in x[8..8 + groups * 8].as_chunks::<8>().0 {
        for j in 0..8 {
            let w = powers(g[j]);
            for p in 0..3 {
                r[p][j] += w[p];
            }
        }
    }
    let tail = &x[8 + groups * 8..];
    for p in 0..3 {
        if MASK & (1 << p) != 0 {
            let r = &r[p];
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for &v in tail {
                res += powers(v)[p];
            }
            out[p] = res;
        }
    }
    out
}

/// [`leaf_powers_plain`] with AVX2 vectors: each power's eight running sums in
/// two registers, the powers computed from each loaded vector of `x`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn leaf_powers_avx2<const MASK: u8>(x: &[f64]) -> [f64; 3] {
    use std::arch::x86_64::*;
    let n = x.len();
    if n < 8 {
        return leaf_powers_plain::<MASK>(x);
    }
    let groups = (n - 8) / 8;
    let want = |p: usize| MASK & (1 << p) != 0;
    // The powers of the eight elements at `c`, as two vectors each.
    macro_rules! powers_v {
        ($c:expr) => {{
            let c: &[f64; 8] = $c;
            // SAFETY: `c` holds eight elements, 0..4 and 4..8.
            let (a, b) = unsafe {
                (
                    _mm256_loadu_pd(c.as_ptr()),
                    _mm256_loadu_pd(c.as_ptr().add(4)),
                )
            };
            let (a2, b2) = if want(1) || want(2) {
                (_mm256_mul_pd(a, a), _mm256_mul_pd(b, b))
            } else {
                (a, b)
            };
            let (a3, b3) = if want(2) {
                (_mm256_mul_pd(a2, a), _mm256_mul_pd(b2, b))
            } else {
                (a2, b2)
            };
            [[a, b], [a2, b2], [a3, b3]]
        }};
    }
    let (head, rest) = x.split_at(8);
    let mut r = powers_v!(&head.as_chunks::<8>().0[0]);
    for c in &rest.as_chunks::<8>().0[..groups] {
        let w = powers_v!(c);
        for p in 0..3 {
            if want(p) {
                r[p][0] = _mm256_add_pd(r[p][0], w[p][0]);
                r[p][1] = _mm256_add_pd(r[p][1], w[p][1]);
            }
        }
    }
    let tail = &x[8 + groups * 8..];
    let mut out = [-0.0f64; 3];
    for p in 0..3 {
        if want(p) {
            let mut lanes = [0.0f64; 8];
            // SAFETY: `lanes` has room for the eight lanes stored.
            unsafe {
                _mm256_storeu_pd(lanes.as_mut_ptr(), r[p][0]);
                _mm256_storeu_pd(lanes.as_mut_ptr().add(4), r[p][1]);
            }
            let l = &lanes;
            let mut res = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
            for &v in tail {
                res += powers(v)[p];
            }
            out[p] = res;
        }
    }
    out
}

/// An output of a kernel feeding a reduction of a [`GroupAcc`].
#[derive(Clone, Copy, Debug)]
pub struct Output {
    pub kind: Reduction,
    /// The kernel register holding it (outputs may share one).
    pub reg: usize,
    pub dtype: DType,
    /// The register as (base register, power): see `Program::power_of`.
    pub power: (usize, u8),
}

/// A float sum several accumulators may share: the sum of `power` of register
/// `base`, read from the strip of output `view` (which holds `base`).
#[derive(Clone, Copy, Debug)]
struct Summed {
    base: usize,
    power: u8,
    view: usize,
    /// Whether a variance also needs the block's squared deviations from its mean.
    m2: bool,
}

/// A register whose powers a [`GroupAcc`] sums.
#[derive(Clone, Copy, Debug)]
struct Base {
    reg: usize,
    /// An output whose strip holds it.
    view: usize,
    /// The powers wanted: bit `p-1` for power `p`.
    mask: u8,
    /// The `summed` entry of each power wanted.
    slots: [usize; 3],
}

/// The accumulators of one pass computing several reductions over the outputs of
/// one kernel (the skewness: `mean(x)`, `std(x)`, `mean(x*x*x)`). Work they have in
/// common is done once: a float register that several of them sum is summed once,
/// strip by strip while the kernel's strip is in the L1 cache, and the sums of
/// `x`, `x*x` and `x*x*x` come from one loop over `x` without computing the powers
/// as registers; the centred sums of squares the variances need come from one more
/// loop over the block. Every accumulator gets exactly the partial it would have
/// computed alone from the whole block.
pub struct GroupAcc {
    /// One accumulator per kernel output.
    accs: Vec<Acc>,
    summed: Vec<Summed>,
    /// Which `summed` entry serves each accumulator, if any.
    served: Vec<Option<usize>>,
    /// The sums of the current block's leaves, per `summed` entry.
    leaf_sums: Vec<Vec<f64>>,
    /// The base registers whose powers are summed, each read in one loop.
    bases: Vec<Base>,
    /// Whether an accumulator reads output `k` as a whole block.
    whole: Vec<bool>,
    /// Whether output `k` is handed over as its base register.
    from_base: Vec<bool>,
}

impl GroupAcc {
    /// Accumulators for output `k` = `items[k]`.
    pub fn new(items: &[Output]) -> GroupAcc {
        let accs: Vec<Acc> = items.iter().map(|o| Acc::new(o.kind)).collect();
        let mut summed: Vec<Summed> = Vec::new();
        let mut served = Vec::new();
        let mut from_base = Vec::new();
        for (k, (acc, o)) in accs.iter().zip(items).enumerate() {
            let stats = acc.float_stats().filter(|_| o.dtype == DType::Float64);
            // A sum of a power is computed from its base; a variance of one reads
            // the block whole, so the power itself is needed.
            let (base, power) = match (stats, o.power) {
                (Some(false), (base, p)) if p > 1 => (base, p),
                _ => (o.reg, 1),
            };
            from_base.push(stats.is_some() && power > 1);
            served.push(stats.map(|m2| {
                match summed
                    .iter()
                    .position(|s| s.base == base && s.power == power)
                {
                    Some(i) => {
                        summed[i].m2 |= m2;
                        i
                    }
                    None => {
                        summed.push(Summed {
                            base,
                            power,
                            view: k,
                            m2,
                        });
                        summed.len() - 1
                    }
                }
            }));
        }
        // A variance centres the block on its mean, known only once the block is
        // summed: it reads the block again, whole.
        let whole = served
            .iter()
            .map(|s| s.is_none_or(|i| summed[i].m2))
            .collect();
        let mut bases: Vec<Base> = Vec::new();
        for (i, s) in summed.iter().enumerate() {
            let at = match bases.iter().position(|b| b.reg == s.base) {
                Some(at) => at,
                None => {
                    bases.push(Base {
                        reg: s.base,
                        view: s.view,
                        mask: 0,
                        slots: [usize::MAX; 3],
                    });
                    bases.len() - 1
                }
            };
            let p = usize::from(s.power - 1);
            bases[at].mask |= 1 << p;
            bases[at].slots[p] = i;
        }
        GroupAcc {
            leaf_sums: vec![Vec::new(); summed.len()],
            accs,
            summed,
            served,
            bases,
            whole,
            from_base,
        }
    }

    pub fn needs_whole(&self, k: usize) -> bool {
        self.whole[k]
    }

    pub fn reads_base(&self, k: usize) -> bool {
        self.from_base[k]
    }

    /// One strip of the kernel's outputs, covering the pairwise `leaves` (offsets
    /// in the strip).
    pub fn strip(&mut self, outs: &[View], leaves: &[(usize, usize)]) {
        for b in &self.bases {
            let View::F(x) = outs[b.view] else {
                unreachable!("the kernel computes this output as float64")
            };
            leaf_power_sums(x, leaves, b.mask, b.slots, &mut self.leaf_sums);
        }
    }

    /// The end of a block of `n` elements: `whole[k]` is output `k` over the block
    /// where `needs_whole(k)`; `index_of(i)` is the flat index arg-reductions report
    /// for element `i`.
    pub fn block(&mut self, whole: &[Option<View>], n: usize, index_of: &dyn Fn(usize) -> u64) {
        let mut sums: SmallVec<[f64; 8]> = SmallVec::new();
        for leaf_sums in &mut self.leaf_sums {
            sums.push(pairwise_from_leaves(n, leaf_sums));
            leaf_sums.clear();
        }
        let mut m2s: SmallVec<[f64; 8]> = SmallVec::from_elem(0.0, self.summed.len());
        let centred: SmallVec<[usize; 8]> = (0..self.summed.len())
            .filter(|&i| self.summed[i].m2)
            .collect();
        if !centred.is_empty() {
            let count = n as f64;
            let means: SmallVec<[f64; 8]> = centred.iter().map(|&i| sums[i] / count).collect();
            let xs: SmallVec<[&[f64]; 8]> = centred
                .iter()
                .map(|&i| match whole[self.summed[i].view] {
                    Some(View::F(x)) => x,
                    _ => unreachable!("a variance's input is kept whole, as float64"),
                })
                .collect();
            let mut out: SmallVec<[f64; 8]> = SmallVec::from_elem(0.0, centred.len());
            pairwise_into::<true>(&xs, &means, &mut out);
            for (&i, m2) in centred.iter().zip(out) {
                m2s[i] = m2;
            }
        }
        for (k, (acc, served)) in self.accs.iter_mut().zip(&self.served).enumerate() {
            match served {
                Some(i) => acc.feed_stats(n, sums[*i], m2s[*i]),
                None => match whole[k] {
                    Some(view) => acc.feed(view, index_of),
                    None => unreachable!("outputs read whole are kept whole"),
                },
            }
        }
    }

    pub fn finish(self) -> Vec<Partial> {
        self.accs.into_iter().map(Acc::finish).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Awkward values: a large offset, so rounding differs with the order of
    /// additions, and lengths around every leaf and block boundary.
    fn data(n: usize) -> Vec<f64> {
        let mut s = 0x2545_f491_4f6c_dd1du64;
        (0..n)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                1e6 + (s >> 11) as f64 / (1u64 << 53) as f64 * 3.0 - 1.5
            })
            .collect()
    }

    const LENGTHS: [usize; 14] = [
        0, 1, 7, 8, 9, 127, 128, 129, 255, 256, 1000, 2000, 4095, 4096,
    ];

    /// The original scalar recursion, for reference.
    fn reference_sum(x: &[f64]) -> f64 {
        let n = x.len();
        if n < 8 {
            let mut res = -0.0;
            for &v in x {
                res += v;
            }
            return res;
        }
        if n <= 128 {
            let mut r = [0.0f64; 8];
            r.copy_from_slice(&x[..8]);
            let mut i = 8;
            while i < n - (n % 8) {
                for (j, acc) in r.iter_mut().enumerate() {
                    *acc += x[i + j];
                }
                i += 8;
            }
            let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            while i < n {
                res += x[i];
                i += 1;
            }
            return res;
        }
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        reference_sum(&x[..n2]) + reference_sum(&x[n2..])
    }

    #[test]
    fn every_sum_path_matches_the_scalar_recursion_bit_for_bit() {
        for n in LENGTHS {
            let x = data(n);
            let want = reference_sum(&x);
            assert_eq!(pairwise_sum(&x).to_bits(), want.to_bits(), "n={n}");
            let plain = pairwise_plain::<1, false>(&[&x], 0, n, &[0.0])[0];
            assert_eq!(plain.to_bits(), want.to_bits(), "plain n={n}");
            let mut leaves = Vec::new();
            pairwise_leaves(0, n, &mut leaves);
            let sums: Vec<f64> = leaves
                .iter()
                .map(|&(lo, m)| reference_sum(&x[lo..lo + m]))
                .collect();
            assert_eq!(
                pairwise_from_leaves(n, &sums).to_bits(),
                want.to_bits(),
                "n={n}"
            );
            let y: Vec<f64> = x.iter().map(|v| v * 0.5).collect();
            let two = pairwise_many::<2, false>([&x, &y], [0.0; 2]);
            assert_eq!(two[0].to_bits(), want.to_bits(), "n={n}");
            assert_eq!(two[1].to_bits(), reference_sum(&y).to_bits(), "n={n}");
        }
    }

    #[test]
    fn centred_sums_match_the_squares_summed() {
        for n in LENGTHS {
            let x = data(n);
            let c = 1e6 + 0.25;
            let squares: Vec<f64> = x.iter().map(|v| (v - c) * (v - c)).collect();
            let want = reference_sum(&squares);
            assert_eq!(pairwise_centred(&x, c).to_bits(), want.to_bits(), "n={n}");
            let plain = pairwise_plain::<1, true>(&[&x], 0, n, &[c])[0];
            assert_eq!(plain.to_bits(), want.to_bits(), "plain n={n}");
        }
    }

    #[test]
    fn power_sums_match_the_powers_computed_first() {
        for n in LENGTHS {
            let x: Vec<f64> = data(n).iter().map(|v| v - 1e6).collect();
            let sq: Vec<f64> = x.iter().map(|v| v * v).collect();
            let cube: Vec<f64> = x.iter().zip(&sq).map(|(v, s)| s * v).collect();
            let mut leaves = Vec::new();
            pairwise_leaves(0, n, &mut leaves);
            for mask in 1..8u8 {
                let mut out = vec![Vec::new(); 3];
                leaf_power_sums(&x, &leaves, mask, [0, 1, 2], &mut out);
                let mut plain = vec![Vec::new(); 3];
                for &(lo, m) in &leaves {
                    let w = leaf_powers_plain::<7>(&x[lo..lo + m]);
                    for p in 0..3 {
                        plain[p].push(w[p]);
                    }
                }
                for (p, want) in [&x, &sq, &cube].into_iter().enumerate() {
                    if mask & (1 << p) == 0 {
                        assert!(out[p].is_empty());
                        continue;
                    }
                    let got = pairwise_from_leaves(n, &out[p]);
                    let want = reference_sum(want);
                    assert_eq!(got.to_bits(), want.to_bits(), "n={n} mask={mask} p={p}");
                    let plain = pairwise_from_leaves(n, &plain[p]);
                    assert_eq!(plain.to_bits(), want.to_bits(), "plain n={n} p={p}");
                }
            }
        }
    }

    #[test]
    fn group_gives_each_reduction_its_own_partial() {
        // mean(x), std(x), mean(x*x*x) with x in register 0 and x*x*x in register 2,
        // fed as the kernel does: strips of leaves, then the block.
        let items = [
            Output {
                kind: Reduction::Mean,
                reg: 0,
                dtype: DType::Float64,
                power: (0, 1),
            },
            Output {
                kind: Reduction::Std,
                reg: 0,
                dtype: DType::Float64,
                power: (0, 1),
            },
            Output {
                kind: Reduction::Mean,
                reg: 2,
                dtype: DType::Float64,
                power: (0, 3),
            },
            Output {
                kind: Reduction::Max,
                reg: 2,
                dtype: DType::Float64,
                power: (0, 3),
            },
        ];
        let mut group = GroupAcc::new(&items);
        assert!(group.reads_base(2) && !group.reads_base(3));
        assert!(group.needs_whole(1) && !group.needs_whole(2) && group.needs_whole(3));
        let mut alone: Vec<Acc> = items.iter().map(|o| Acc::new(o.kind)).collect();
        for n in [4096, 4096, 1000, 5] {
            let x: Vec<f64> = data(n).iter().map(|v| v - 1e6).collect();
            let cube: Vec<f64> = x.iter().map(|v| v * v * v).collect();
            let mut leaves = Vec::new();
            pairwise_leaves(0, n, &mut leaves);
            group.strip(
                &[View::F(&x), View::F(&x), View::F(&x), View::F(&cube)],
                &leaves,
            );
            let whole = [
                Some(View::F(&x[..])),
                Some(View::F(&x[..])),
                None,
                Some(View::F(&cube[..])),
            ];
            group.block(&whole, n, &|i| i as u64);
            for (acc, v) in alone.iter_mut().zip([&x, &x, &cube, &cube]) {
                acc.feed(View::F(v), &|i| i as u64);
            }
        }
        let together = group.finish();
        let separately: Vec<Partial> = alone.into_iter().map(Acc::finish).collect();
        assert_eq!(format!("{together:?}"), format!("{separately:?}"));
    }

    #[test]
    fn pairwise_sum_is_exact_on_integers() {
        let x: Vec<f64> = (0..1000).map(|i| i as f64).collect();
        assert_eq!(pairwise_sum(&x), 499500.0);
    }

    #[test]
    fn moments_combine_like_one_pass() {
        let a = [1.0, 2.0, 3.0];
        let b = [4.0, 10.0];
        let mut acc = Acc::new(Reduction::Var);
        acc.feed(View::F(&a), &|i| i as u64);
        acc.feed(View::F(&b), &|i| i as u64);
        let var = finish(Reduction::Var, acc.finish(), DType::Float64, 0.0).unwrap();
        assert_eq!(var, Scalar::Float(10.0));
    }

    #[test]
    fn argmax_keeps_the_first_tie() {
        let p1 = Partial::Arg {
            value: Scalar::Int(5),
            index: 1,
        };
        let p2 = Partial::Arg {
            value: Scalar::Int(5),
            index: 7,
        };
        assert_eq!(combine(Reduction::ArgMax, p1, p2), p1);
    }
}
