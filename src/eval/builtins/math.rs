//! The `math` module: CPython's functions and constants, with its domain and range
//! errors.

use super::{arity, expect_int};
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::value::{Args, BuiltinDef, Host, Value};

pub static FUNCTIONS: &[&BuiltinDef] = &[
    &SQRT, &EXP, &LOG, &LOG10, &LOG2, &SIN, &COS, &TAN, &ASIN, &ACOS, &ATAN, &ATAN2, &SINH, &COSH,
    &TANH, &FLOOR, &CEIL, &TRUNC, &FABS, &POW, &HYPOT, &ISNAN, &ISINF, &ISFINITE, &ISCLOSE,
    &FACTORIAL, &GCD, &DEGREES, &RADIANS, &FSUM, &PROD, &COPYSIGN, &FMOD, &LOG1P, &EXPM1, &CBRT,
    &EXP2, &MODF, &FREXP, &LDEXP, &REMAINDER, &DIST, &COMB, &PERM, &ISQRT, &LCM,
];

pub const CONSTANTS: &[(&str, f64)] = &[
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("tau", std::f64::consts::TAU),
    ("inf", f64::INFINITY),
    ("nan", f64::NAN),
];

fn real(v: &Value) -> PyResult<f64> {
    v.as_float()
        .ok_or_else(|| PyError::type_error(format!("must be real number, not {}", v.type_name())))
}

fn domain() -> PyError {
    PyError::value_error("math domain error")
}

/// A one-argument function that is NaN outside its domain and infinite on overflow.
fn unary(name: &str, args: &Args, f: fn(f64) -> f64) -> PyResult<Value> {
    arity(name, args, 1, 1)?;
    let x = real(&args.pos[0])?;
    let y = f(x);
    if y.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if y.is_infinite() && x.is_finite() {
        return Err(PyError::overflow("math range error"));
    }
    Ok(Value::float(y))
}

macro_rules! unary_fn {
    ($static:ident, $name:literal, $doc:literal, $f:expr) => {
        builtin!(
            $static,
            $name,
            "math",
            concat!("math.", $name, "(x, /)"),
            $doc,
            {
                fn call(_: &mut dyn Host, args: Args) -> PyResult<Value> {
                    unary($name, &args, $f)
                }
                call
            }
        );
    };
}

unary_fn!(SQRT, "sqrt", "The square root of x.", f64::sqrt);
unary_fn!(EXP, "exp", "e raised to the power x.", f64::exp);
unary_fn!(SIN, "sin", "The sine of x (radians).", f64::sin);
unary_fn!(COS, "cos", "The cosine of x (radians).", f64::cos);
unary_fn!(TAN, "tan", "The tangent of x (radians).", f64::tan);
unary_fn!(ASIN, "asin", "The arc sine of x, in radians.", f64::asin);
unary_fn!(ACOS, "acos", "The arc cosine of x, in radians.", f64::acos);
unary_fn!(ATAN, "atan", "The arc tangent of x, in radians.", f64::atan);
unary_fn!(SINH, "sinh", "The hyperbolic sine of x.", f64::sinh);
unary_fn!(COSH, "cosh", "The hyperbolic cosine of x.", f64::cosh);
unary_fn!(TANH, "tanh", "The hyperbolic tangent of x.", f64::tanh);
unary_fn!(
    FABS,
    "fabs",
    "The absolute value of x, as a float.",
    f64::abs
);
unary_fn!(DEGREES, "degrees", "Radians to degrees.", f64::to_degrees);
unary_fn!(
    EXPM1,
    "expm1",
    "exp(x) - 1, accurate for small x.",
    f64::exp_m1
);
unary_fn!(CBRT, "cbrt", "The cube root of x.", f64::cbrt);
unary_fn!(EXP2, "exp2", "2 raised to the power x.", f64::exp2);
unary_fn!(RADIANS, "radians", "Degrees to radians.", f64::to_radians);

fn positive_log(name: &str, args: &Args, f: fn(f64) -> f64) -> PyResult<Value> {
    arity(name, args, 1, 1)?;
    let x = real(&args.pos[0])?;
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(Value::float(f(x)))
}

builtin!(
    LOG,
    "log",
    "math",
    "math.log(x[, base])",
    "The natural logarithm of x, or the logarithm to base.",
    log
);
fn log(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("log", &args, 1, 2)?;
    let x = real(&args.pos[0])?;
    if x <= 0.0 {
        return Err(domain());
    }
    match args.pos.get(1) {
        None => Ok(Value::float(x.ln())),
        Some(b) => {
            let b = real(b)?;
            if b <= 0.0 {
                return Err(domain());
            }
            if b == 1.0 {
                return Err(PyError::zero_division("float division by zero"));
            }
            Ok(Value::float(x.ln() / b.ln()))
        }
    }
}

builtin!(
    LOG10,
    "log10",
    "math",
    "math.log10(x, /)",
    "The base-10 logarithm of x.",
    log10
);
fn log10(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    positive_log("log10", &args, f64::log10)
}

builtin!(
    LOG2,
    "log2",
    "math",
    "math.log2(x, /)",
    "The base-2 logarithm of x.",
    log2
);
fn log2(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    positive_log("log2", &args, f64::log2)
}

fn two_reals(name: &str, args: &Args) -> PyResult<(f64, f64)> {
    arity(name, args, 2, 2)?;
    Ok((real(&args.pos[0])?, real(&args.pos[1])?))
}

builtin!(
    ATAN2,
    "atan2",
    "math",
    "math.atan2(y, x, /)",
    "The arc tangent of y/x, in radians, by quadrant.",
    atan2
);
fn atan2(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let (y, x) = two_reals("atan2", &args)?;
    Ok(Value::float(y.atan2(x)))
}

builtin!(
    POW,
    "pow",
    "math",
    "math.pow(x, y, /)",
    "x raised to the power y, as floats.",
    pow
);
fn pow(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals("pow", &args)?;
    if x == 0.0 && y < 0.0 || x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(PyError::overflow("math range error"));
    }
    Ok(Value::float(r))
}

builtin!(
    HYPOT,
    "hypot",
    "math",
    "math.hypot(*coordinates)",
    "The Euclidean norm.",
    hypot
);
fn hypot(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let xs = args.pos.iter().map(real).collect::<PyResult<Vec<_>>>()?;
    Ok(Value::float(xs.iter().fold(0.0f64, |acc, x| acc.hypot(*x))))
}

builtin!(
    COPYSIGN,
    "copysign",
    "math",
    "math.copysign(x, y, /)",
    "x with the sign of y.",
    copysign
);
fn copysign(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals("copysign", &args)?;
    Ok(Value::float(x.copysign(y)))
}

builtin!(
    FMOD,
    "fmod",
    "math",
    "math.fmod(x, y, /)",
    "The C remainder of x / y (sign of x).",
    fmod
);
fn fmod(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals("fmod", &args)?;
    if y == 0.0 || x.is_infinite() {
        return Err(domain());
    }
    Ok(Value::float(x % y))
}

fn to_int_checked(x: f64) -> PyResult<Value> {
    super::numbers::float_to_int(x)
}

builtin!(
    FLOOR,
    "floor",
    "math",
    "math.floor(x, /)",
    "The largest integer <= x.",
    floor
);
fn floor(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("floor", &args, 1, 1)?;
    match &args.pos[0] {
        v if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
        v => to_int_checked(real(v)?.floor()),
    }
}

builtin!(
    CEIL,
    "ceil",
    "math",
    "math.ceil(x, /)",
    "The smallest integer >= x.",
    ceil
);
fn ceil(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("ceil", &args, 1, 1)?;
    match &args.pos[0] {
        v if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
        v => to_int_checked(real(v)?.ceil()),
    }
}

builtin!(
    TRUNC,
    "trunc",
    "math",
    "math.trunc(x, /)",
    "x truncated toward zero, as an int.",
    trunc
);
fn trunc(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("trunc", &args, 1, 1)?;
    match &args.pos[0] {
        v if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
        v => to_int_checked(real(v)?.trunc()),
    }
}

fn predicate(name: &str, args: &Args, f: fn(f64) -> bool) -> PyResult<Value> {
    arity(name, args, 1, 1)?;
    Ok(Value::bool(f(real(&args.pos[0])?)))
}

builtin!(
    ISNAN,
    "isnan",
    "math",
    "math.isnan(x, /)",
    "Whether x is a NaN.",
    isnan
);
fn isnan(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    predicate("isnan", &args, f64::is_nan)
}

builtin!(
    ISINF,
    "isinf",
    "math",
    "math.isinf(x, /)",
    "Whether x is an infinity.",
    isinf
);
fn isinf(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    predicate("isinf", &args, f64::is_infinite)
}

builtin!(
    ISFINITE,
    "isfinite",
    "math",
    "math.isfinite(x, /)",
    "Whether x is neither infinite nor NaN.",
    isfinite
);
fn isfinite(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    predicate("isfinite", &args, f64::is_finite)
}

builtin!(
    ISCLOSE,
    "isclose",
    "math",
    "math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)",
    "Whether a and b are close.",
    isclose
);
fn isclose(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let (a, b) = two_reals("isclose", &args)?;
    let rel = super::kwarg(&args, "rel_tol")
        .map(real)
        .transpose()?
        .unwrap_or(1e-9);
    let abs_tol = super::kwarg(&args, "abs_tol")
        .map(real)
        .transpose()?
        .unwrap_or(0.0);
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(PyError::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (a - b).abs();
    Ok(Value::bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs_tol,
    ))
}

builtin!(
    FACTORIAL,
    "factorial",
    "math",
    "math.factorial(n, /)",
    "n!, for a non-negative int n.",
    factorial
);
fn factorial(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("factorial", &args, 1, 1)?;
    let n = expect_int(&args.pos[0])?;
    if n < 0 {
        return Err(PyError::value_error(
            "factorial() not defined for negative values",
        ));
    }
    (1..=n)
        .try_fold(1i64, i64::checked_mul)
        .map(Value::Int)
        .ok_or_else(|| PyError::overflow("integer overflow: pgs ints are 64-bit"))
}

builtin!(
    GCD,
    "gcd",
    "math",
    "math.gcd(*integers)",
    "The greatest common divisor.",
    gcd
);
fn gcd(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let mut g: u64 = 0;
    for v in args.pos {
        let mut a = expect_int(v)?.unsigned_abs();
        let mut b = g;
        while b != 0 {
            (a, b) = (b, a % b);
        }
        g = a;
    }
    i64::try_from(g)
        .map(Value::Int)
        .map_err(|_| PyError::overflow("integer overflow: pgs ints are 64-bit"))
}

builtin!(
    FSUM,
    "fsum",
    "math",
    "math.fsum(iterable, /)",
    "An accurate floating-point sum (no rounding drift).",
    fsum
);
fn fsum(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("fsum", &args, 1, 1)?;
    // Shewchuk's algorithm, as CPython's fsum: exact partial sums, rounded once.
    let mut partials: Vec<f64> = Vec::new();
    for v in args.pos[0].to_vec()? {
        let mut x = real(&v)?;
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    let mut total = 0.0;
    while let Some(p) = partials.pop() {
        let sum = total + p;
        let err = p - (sum - total);
        total = sum;
        if err != 0.0 {
            if let Some(next) = partials.last() {
                if (err < 0.0) == (*next < 0.0) {
                    let y = err * 2.0;
                    let x = total + y;
                    if y == x - total {
                        total = x;
                    }
                }
            }
            break;
        }
    }
    Ok(Value::float(total))
}

builtin!(
    PROD,
    "prod",
    "math",
    "math.prod(iterable, /, *, start=1)",
    "The product of the items.",
    prod
);
fn prod(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("prod", &args, 1, 1)?;
    let mut acc = super::kwarg(&args, "start")
        .cloned()
        .unwrap_or(Value::Int(1));
    for v in args.pos[0].to_vec()? {
        acc = crate::eval::ops::binary(crate::syntax::ast::BinOp::Mul, &acc, &v)?;
    }
    Ok(acc)
}

builtin!(
    LOG1P,
    "log1p",
    "math",
    "math.log1p(x, /)",
    "The natural logarithm of 1 + x, accurate for x near zero.",
    log1p
);
fn log1p(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("log1p", &args, 1, 1)?;
    let x = real(&args.pos[0])?;
    if x <= -1.0 {
        return Err(domain());
    }
    Ok(Value::float(x.ln_1p()))
}

builtin!(
    MODF,
    "modf",
    "math",
    "math.modf(x, /)",
    "The fractional and integer parts of x, both floats with the sign of x.",
    modf
);
fn modf(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("modf", &args, 1, 1)?;
    let x = real(&args.pos[0])?;
    // C's modf: an infinity has a zero fraction, a NaN gives NaN for both parts.
    let whole = x.trunc();
    let frac = if x.is_infinite() {
        0.0f64.copysign(x)
    } else {
        (x - whole).copysign(x)
    };
    Ok(Value::tuple(vec![Value::float(frac), Value::float(whole)]))
}

builtin!(
    FREXP,
    "frexp",
    "math",
    "math.frexp(x, /)",
    "The mantissa m (0.5 <= |m| < 1) and exponent e with x == m * 2**e.",
    frexp_fn
);
fn frexp_fn(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("frexp", &args, 1, 1)?;
    let (m, e) = frexp(real(&args.pos[0])?);
    Ok(Value::tuple(vec![
        Value::float(m),
        Value::Int(i64::from(e)),
    ]))
}

/// C's `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1`; zero, infinities and NaN come
/// back unchanged with exponent 0.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    // Scale subnormals into the normal range first so the exponent bits are exact.
    let (y, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = y.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exp + bias)
}

builtin!(
    LDEXP,
    "ldexp",
    "math",
    "math.ldexp(x, i, /)",
    "x * 2**i.",
    ldexp
);
fn ldexp(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("ldexp", &args, 2, 2)?;
    let x = real(&args.pos[0])?;
    let i = expect_int(&args.pos[1])?.clamp(-2200, 2200);
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    // Two steps, so neither power of two overflows on its own.
    let half = i / 2;
    let r = x * 2f64.powi(half as i32) * 2f64.powi((i - half) as i32);
    if r.is_infinite() {
        return Err(PyError::overflow("math range error"));
    }
    Ok(Value::float(r))
}

builtin!(
    REMAINDER,
    "remainder",
    "math",
    "math.remainder(x, y, /)",
    "IEEE 754 remainder: x - n*y with n the integer nearest x/y (ties to even).",
    remainder
);
fn remainder(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let (x, y) = two_reals("remainder", &args)?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain());
    }
    if y.is_infinite() {
        return Ok(Value::float(x));
    }
    // CPython's m_remainder: exact, from fmod of the absolute values.
    let (absx, absy) = (x.abs(), y.abs());
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // Half-way: pick the even multiple.
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(Value::float(1f64.copysign(x) * r))
}

builtin!(
    DIST,
    "dist",
    "math",
    "math.dist(p, q, /)",
    "The Euclidean distance between points p and q.",
    dist
);
fn dist(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("dist", &args, 2, 2)?;
    let (p, q) = (args.pos[0].to_vec()?, args.pos[1].to_vec()?);
    if p.len() != q.len() {
        return Err(PyError::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut acc = 0.0f64;
    for (a, b) in p.iter().zip(&q) {
        acc = acc.hypot(real(a)? - real(b)?);
    }
    Ok(Value::float(acc))
}

/// A non-negative int argument of comb/perm, with CPython's message naming it.
fn non_negative(v: &Value, what: &str) -> PyResult<u64> {
    let i = expect_int(v)?;
    u64::try_from(i)
        .map_err(|_| PyError::value_error(format!("{what} must be a non-negative integer")))
}

fn int_overflow() -> PyError {
    PyError::overflow("integer overflow: pgs ints are 64-bit")
}

/// n * (n-1) * … * (n-k+1), divided by k! when `choose`; exact at every step.
fn falling_product(n: u64, k: u64, choose: bool) -> PyResult<Value> {
    if k > n {
        return Ok(Value::Int(0));
    }
    // C(n, k) == C(n, n-k): the shorter loop overflows later.
    let k = if choose { k.min(n - k) } else { k };
    let mut acc: u128 = 1;
    for i in 0..k {
        acc = acc
            .checked_mul(u128::from(n - i))
            .ok_or_else(int_overflow)?;
        if choose {
            acc /= u128::from(i + 1);
        }
        if !choose && acc > i64::MAX as u128 {
            return Err(int_overflow());
        }
    }
    i64::try_from(acc)
        .map(Value::Int)
        .map_err(|_| int_overflow())
}

builtin!(
    COMB,
    "comb",
    "math",
    "math.comb(n, k, /)",
    "The number of ways to choose k items from n, without order.",
    comb
);
fn comb(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("comb", &args, 2, 2)?;
    let n = non_negative(&args.pos[0], "n")?;
    let k = non_negative(&args.pos[1], "k")?;
    falling_product(n, k, true)
}

builtin!(
    PERM,
    "perm",
    "math",
    "math.perm(n, k=None, /)",
    "The number of ways to choose k items from n, in order.",
    perm
);
fn perm(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("perm", &args, 1, 2)?;
    let n = non_negative(&args.pos[0], "n")?;
    let k = match args.pos.get(1) {
        None | Some(Value::None) => n,
        Some(k) => non_negative(k, "k")?,
    };
    falling_product(n, k, false)
}

builtin!(
    ISQRT,
    "isqrt",
    "math",
    "math.isqrt(n, /)",
    "The integer square root: the largest a with a*a <= n.",
    isqrt
);
fn isqrt(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("isqrt", &args, 1, 1)?;
    let n = expect_int(&args.pos[0])?;
    let n = u64::try_from(n)
        .map_err(|_| PyError::value_error("isqrt() argument must be nonnegative"))?;
    Ok(Value::Int(n.isqrt() as i64))
}

builtin!(
    LCM,
    "lcm",
    "math",
    "math.lcm(*integers)",
    "The least common multiple.",
    lcm
);
fn lcm(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let mut acc: u64 = 1;
    for v in args.pos {
        let b = expect_int(v)?.unsigned_abs();
        if acc == 0 || b == 0 {
            acc = 0;
            continue;
        }
        let (mut x, mut y) = (acc, b);
        while y != 0 {
            (x, y) = (y, x % y);
        }
        acc = (acc / x).checked_mul(b).ok_or_else(int_overflow)?;
    }
    i64::try_from(acc)
        .map(Value::Int)
        .map_err(|_| int_overflow())
}
