//! Reductions: accumulators fed block by block inside a chunk, partial results that
//! combine in chunk order through a fixed tree (bit-identical for any thread count,
//! decision 6), pairwise summation as NumPy does it, and moments combined with
//! Chan et al.'s formula.

use super::kernel::Block;
use crate::diag::{PyError, PyResult};
use crate::value::array::{DType, Reduction, Scalar};

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
    pub fn feed(&mut self, block: &Block, index_of: &dyn Fn(usize) -> u64) {
        if block.is_empty() {
            return;
        }
        let part = block_partial(self.kind, block, index_of);
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
fn block_partial(kind: Reduction, block: &Block, index_of: &dyn Fn(usize) -> u64) -> Partial {
    let n = block.len() as f64;
    match (kind, block) {
        (Reduction::Sum, Block::F(v)) => Partial::Float(pairwise_sum(v)),
        (Reduction::Sum, Block::I(v)) => {
            Partial::Int(v.iter().fold(0i64, |a, &b| a.wrapping_add(b)))
        }
        (Reduction::Sum, Block::B(v)) => Partial::Int(v.iter().filter(|&&b| b).count() as i64),
        (Reduction::Prod, Block::F(v)) => Partial::Float(v.iter().product()),
        (Reduction::Prod, Block::I(v)) => {
            Partial::Int(v.iter().fold(1i64, |a, &b| a.wrapping_mul(b)))
        }
        (Reduction::Prod, Block::B(v)) => Partial::Int(v.iter().all(|&b| b) as i64),
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
                m2: pairwise_sum_by(&x, |v| (v - mean) * (v - mean)),
            }
        }
        (Reduction::Min | Reduction::Max, Block::F(v)) => {
            let max = kind == Reduction::Max;
            Partial::Float(v.iter().copied().fold(v[0], |a, b| extreme_f(a, b, max)))
        }
        (Reduction::Min | Reduction::Max, Block::I(v)) => Partial::Int(if kind == Reduction::Max {
            v.iter().copied().max().unwrap_or(i64::MIN)
        } else {
            v.iter().copied().min().unwrap_or(i64::MAX)
        }),
        (Reduction::Min | Reduction::Max, Block::B(v)) => {
            Partial::Bool(if kind == Reduction::Max {
                v.iter().any(|&b| b)
            } else {
                v.iter().all(|&b| b)
            })
        }
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

fn arg_block(max: bool, block: &Block, index_of: &dyn Fn(usize) -> u64) -> Partial {
    let best = match block {
        Block::F(v) => {
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
        Block::I(v) => {
            let mut best = 0;
            for (i, &x) in v.iter().enumerate() {
                if (max && x > v[best]) || (!max && x < v[best]) {
                    best = i;
                }
            }
            (Scalar::Int(v[best]), best)
        }
        Block::B(v) => {
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

fn any_true(block: &Block) -> bool {
    match block {
        Block::F(v) => v.iter().any(|&x| x != 0.0),
        Block::I(v) => v.iter().any(|&x| x != 0),
        Block::B(v) => v.iter().any(|&x| x),
    }
}

fn all_true(block: &Block) -> bool {
    match block {
        Block::F(v) => v.iter().all(|&x| x != 0.0),
        Block::I(v) => v.iter().all(|&x| x != 0),
        Block::B(v) => v.iter().all(|&x| x),
    }
}

fn as_floats(block: &Block) -> std::borrow::Cow<'_, [f64]> {
    match block {
        Block::F(v) => std::borrow::Cow::Borrowed(v),
        Block::I(v) => v.iter().map(|&i| i as f64).collect(),
        Block::B(v) => v.iter().map(|&b| b as i64 as f64).collect(),
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
    pairwise_sum_by(x, |v| v)
}

/// Pairwise summation of `f(x[i])`, without a temporary for the mapped values.
#[inline]
pub fn pairwise_sum_by(x: &[f64], f: impl Fn(f64) -> f64 + Copy) -> f64 {
    const PW_BLOCKSIZE: usize = 128;
    let n = x.len();
    if n < 8 {
        let mut res = -0.0;
        for &v in x {
            res += f(v);
        }
        return res;
    }
    if n <= PW_BLOCKSIZE {
        let mut r = [0.0f64; 8];
        for (acc, &v) in r.iter_mut().zip(&x[..8]) {
            *acc = f(v);
        }
        let mut i = 8;
        while i < n - (n % 8) {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += f(x[i + j]);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += f(x[i]);
            i += 1;
        }
        return res;
    }
    let mut n2 = n / 2;
    n2 -= n2 % 8;
    pairwise_sum_by(&x[..n2], f) + pairwise_sum_by(&x[n2..], f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_sum_is_exact_on_integers() {
        let x: Vec<f64> = (0..1000).map(|i| i as f64).collect();
        assert_eq!(pairwise_sum(&x), 499500.0);
    }

    #[test]
    fn moments_combine_like_one_pass() {
        let a = Block::F(vec![1.0, 2.0, 3.0]);
        let b = Block::F(vec![4.0, 10.0]);
        let mut acc = Acc::new(Reduction::Var);
        acc.feed(&a, &|i| i as u64);
        acc.feed(&b, &|i| i as u64);
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
