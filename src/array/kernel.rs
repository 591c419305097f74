//! Elementwise kernels over blocks of a few thousand elements: the typed blocks, the
//! dtype rules of every operation (NumPy's), and the loops. A fused chain of
//! operations runs block by block, so no chunk-sized temporary is ever made
//! (decision 4).

use crate::diag::{PyError, PyResult};
use crate::value::array::{BinaryOp, DType, Scalar, UFunc};

/// Elements processed per step of a fused kernel: small enough that every register
/// of a chain stays in the L1/L2 cache.
pub const BLOCK: usize = 4096;

/// One register of a kernel: a block of elements of one dtype.
#[derive(Clone, Debug)]
pub enum Block {
    F(Vec<f64>),
    I(Vec<i64>),
    B(Vec<bool>),
}

impl Block {
    pub fn new(dtype: DType) -> Block {
        match dtype {
            DType::Float64 => Block::F(Vec::with_capacity(BLOCK)),
            DType::Int64 => Block::I(Vec::with_capacity(BLOCK)),
            DType::Bool => Block::B(Vec::with_capacity(BLOCK)),
        }
    }

    /// An empty block with room for `n` elements (a whole chunk being collected).
    pub fn with_capacity(dtype: DType, n: usize) -> Block {
        match dtype {
            DType::Float64 => Block::F(Vec::with_capacity(n)),
            DType::Int64 => Block::I(Vec::with_capacity(n)),
            DType::Bool => Block::B(Vec::with_capacity(n)),
        }
    }

    pub fn dtype(&self) -> DType {
        match self {
            Block::F(_) => DType::Float64,
            Block::I(_) => DType::Int64,
            Block::B(_) => DType::Bool,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Block::F(v) => v.len(),
            Block::I(v) => v.len(),
            Block::B(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Makes the block hold `dtype` elements (reusing its allocation when it can).
    pub fn reset(&mut self, dtype: DType) {
        if self.dtype() != dtype {
            *self = Block::new(dtype);
        }
        match self {
            Block::F(v) => v.clear(),
            Block::I(v) => v.clear(),
            Block::B(v) => v.clear(),
        }
    }

    pub fn fill(&mut self, value: Scalar, len: usize) {
        self.reset(value.dtype());
        match (self, value) {
            (Block::F(v), Scalar::Float(x)) => v.resize(len, x),
            (Block::I(v), Scalar::Int(x)) => v.resize(len, x),
            (Block::B(v), Scalar::Bool(x)) => v.resize(len, x),
            _ => unreachable!("reset to the scalar's dtype above"),
        }
    }

    /// Makes the block hold `dtype` elements, keeping its contents when it already
    /// does (a register about to be overwritten needs no clearing).
    fn ensure(&mut self, dtype: DType) {
        if self.dtype() != dtype {
            *self = Block::new(dtype);
        }
    }

    /// The block as `len` floats to overwrite. A register reused from the previous
    /// block of a kernel already has that length, so nothing is zeroed or moved.
    pub fn f64_mut(&mut self, len: usize) -> &mut [f64] {
        self.ensure(DType::Float64);
        let Block::F(v) = self else { unreachable!() };
        sized(v, len)
    }

    /// The block as `len` integers to overwrite (see [`Block::f64_mut`]).
    pub fn i64_mut(&mut self, len: usize) -> &mut [i64] {
        self.ensure(DType::Int64);
        let Block::I(v) = self else { unreachable!() };
        sized(v, len)
    }

    /// The block as `len` booleans to overwrite (see [`Block::f64_mut`]).
    pub fn bool_mut(&mut self, len: usize) -> &mut [bool] {
        self.ensure(DType::Bool);
        let Block::B(v) = self else { unreachable!() };
        sized(v, len)
    }

    /// Makes the block `len` elements of `dtype` to overwrite (see [`Block::f64_mut`]).
    pub fn size_to(&mut self, dtype: DType, len: usize) {
        self.ensure(dtype);
        match self {
            Block::F(v) => _ = sized(v, len),
            Block::I(v) => _ = sized(v, len),
            Block::B(v) => _ = sized(v, len),
        }
    }

    pub fn view(&self) -> View<'_> {
        match self {
            Block::F(v) => View::F(v),
            Block::I(v) => View::I(v),
            Block::B(v) => View::B(v),
        }
    }
}

/// `v` with exactly `len` elements, reusing what is there: only growth initialises.
fn sized<T: Copy + Default>(v: &mut Vec<T>, len: usize) -> &mut [T] {
    v.truncate(len);
    v.resize(len, T::default());
    v
}

/// The elements of a register as an instruction or a reduction reads them: a block
/// the kernel computed, or a slice borrowed from a source (a memory-mapped `.npy`
/// file, a concrete array) that was never copied.
#[derive(Clone, Copy, Debug)]
pub enum View<'a> {
    F(&'a [f64]),
    I(&'a [i64]),
    B(&'a [bool]),
}

impl<'a> View<'a> {
    pub fn dtype(&self) -> DType {
        match self {
            View::F(_) => DType::Float64,
            View::I(_) => DType::Int64,
            View::B(_) => DType::Bool,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            View::F(v) => v.len(),
            View::I(v) => v.len(),
            View::B(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Elements `lo..hi`.
    pub fn slice(self, lo: usize, hi: usize) -> View<'a> {
        match self {
            View::F(v) => View::F(&v[lo..hi]),
            View::I(v) => View::I(&v[lo..hi]),
            View::B(v) => View::B(&v[lo..hi]),
        }
    }
}

/// One register of a running kernel: the block it computes into, or, for a leaf
/// whose block lies in memory already, a borrowed slice of it (zero-copy loads).
/// The block's allocation is kept from one kernel block to the next.
pub struct Reg<'a> {
    block: Block,
    borrowed: Option<View<'a>>,
}

impl Default for Reg<'_> {
    fn default() -> Self {
        Reg {
            block: Block::F(Vec::new()),
            borrowed: None,
        }
    }
}

impl<'a> Reg<'a> {
    pub fn view(&self) -> View<'_> {
        match self.borrowed {
            Some(v) => v,
            None => self.block.view(),
        }
    }

    /// The block to compute into; the register stops borrowing.
    pub fn block_mut(&mut self) -> &mut Block {
        self.borrowed = None;
        &mut self.block
    }

    /// Makes the register read `v` (for this kernel block) without copying it.
    pub fn borrow(&mut self, v: View<'a>) {
        self.borrowed = Some(v);
    }
}

/// An operand of an instruction: a register or a constant.
#[derive(Clone, Copy)]
pub enum Operand<'a> {
    Block(View<'a>),
    Scalar(Scalar),
}

impl Operand<'_> {
    fn dtype(&self) -> DType {
        match self {
            Operand::Block(b) => b.dtype(),
            Operand::Scalar(s) => s.dtype(),
        }
    }
}

/// NumPy's name for a binary operation, used in its error messages.
pub fn binary_ufunc_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "add",
        BinaryOp::Sub => "subtract",
        BinaryOp::Mul => "multiply",
        BinaryOp::Div => "divide",
        BinaryOp::FloorDiv => "floor_divide",
        BinaryOp::Mod => "remainder",
        BinaryOp::Pow => "power",
        BinaryOp::BitAnd => "bitwise_and",
        BinaryOp::BitOr => "bitwise_or",
        BinaryOp::BitXor => "bitwise_xor",
        BinaryOp::Eq => "equal",
        BinaryOp::Ne => "not_equal",
        BinaryOp::Lt => "less",
        BinaryOp::Le => "less_equal",
        BinaryOp::Gt => "greater",
        BinaryOp::Ge => "greater_equal",
        BinaryOp::Maximum => "maximum",
        BinaryOp::Minimum => "minimum",
        BinaryOp::LogicalAnd => "logical_and",
        BinaryOp::LogicalOr => "logical_or",
    }
}

pub fn unary_ufunc_name(f: UFunc) -> &'static str {
    match f {
        UFunc::Neg => "negative",
        UFunc::Pos => "positive",
        UFunc::Invert => "invert",
        UFunc::Abs => "absolute",
        UFunc::Sqrt => "sqrt",
        UFunc::Exp => "exp",
        UFunc::Log => "log",
        UFunc::Log10 => "log10",
        UFunc::Log2 => "log2",
        UFunc::Sin => "sin",
        UFunc::Cos => "cos",
        UFunc::Tan => "tan",
        UFunc::Arcsin => "arcsin",
        UFunc::Arccos => "arccos",
        UFunc::Arctan => "arctan",
        UFunc::Sinh => "sinh",
        UFunc::Cosh => "cosh",
        UFunc::Tanh => "tanh",
        UFunc::Floor => "floor",
        UFunc::Ceil => "ceil",
        UFunc::Trunc => "trunc",
        UFunc::Round => "round",
        UFunc::Sign => "sign",
        UFunc::Square => "square",
        UFunc::IsNan => "isnan",
        UFunc::IsFinite => "isfinite",
        UFunc::IsInf => "isinf",
        UFunc::LogicalNot => "logical_not",
    }
}

/// The dtype the operands are converted to before the loop runs.
fn compute_type(op: BinaryOp, a: DType, b: DType) -> DType {
    let common = a.promote(b);
    match op {
        BinaryOp::Div => DType::Float64,
        // NumPy has no boolean power: True ** True is an integer.
        BinaryOp::Pow | BinaryOp::FloorDiv | BinaryOp::Mod if common == DType::Bool => DType::Int64,
        _ => common,
    }
}

/// The dtype of `a op b`, or NumPy's error for operand types it does not support.
pub fn binary_dtype(op: BinaryOp, a: DType, b: DType) -> PyResult<DType> {
    let t = compute_type(op, a, b);
    let unsupported = || {
        PyError::type_error(format!(
            "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            binary_ufunc_name(op)
        ))
    };
    match op {
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            Ok(DType::Bool)
        }
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr => Ok(DType::Bool),
        BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor if t == DType::Float64 => {
            Err(unsupported())
        }
        BinaryOp::Sub if t == DType::Bool => Err(PyError::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        )),
        _ => Ok(t),
    }
}

/// The dtype of `f(x)`, or NumPy's error.
pub fn unary_dtype(f: UFunc, x: DType) -> PyResult<DType> {
    let unsupported = || {
        PyError::type_error(format!(
            "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            unary_ufunc_name(f)
        ))
    };
    Ok(match f {
        UFunc::IsNan | UFunc::IsFinite | UFunc::IsInf | UFunc::LogicalNot => DType::Bool,
        UFunc::Neg if x == DType::Bool => {
            return Err(PyError::type_error(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
            ))
        }
        UFunc::Invert if x == DType::Float64 => return Err(unsupported()),
        UFunc::Neg | UFunc::Pos | UFunc::Invert | UFunc::Abs | UFunc::Square | UFunc::Sign => {
            match (f, x) {
                (UFunc::Square | UFunc::Sign, DType::Bool) => DType::Int64,
                _ => x,
            }
        }
        // NumPy 2 keeps integer and boolean dtypes through floor/ceil/trunc (they are
        // exact there), as it always did for round.
        UFunc::Round | UFunc::Floor | UFunc::Ceil | UFunc::Trunc if x != DType::Float64 => x,
        _ => DType::Float64,
    })
}

/// Runs `a op b` elementwise into `out`.
pub fn binary(op: BinaryOp, a: Operand, b: Operand, len: usize, out: &mut Block) -> PyResult<()> {
    let t = compute_type(op, a.dtype(), b.dtype());
    match t {
        DType::Float64 => {
            let (x, y) = (floats(a, len), floats(b, len));
            float_binary(op, &x, &y, len, out);
            Ok(())
        }
        DType::Int64 => {
            let (x, y) = (ints(a, len), ints(b, len));
            int_binary(op, &x, &y, len, out)
        }
        DType::Bool => {
            let (x, y) = (bools(a, len), bools(b, len));
            bool_binary(op, &x, &y, len, out);
            Ok(())
        }
    }
}

/// An operand converted to one element type: a borrowed block or a constant.
enum Src<'a, T: Clone> {
    Slice(std::borrow::Cow<'a, [T]>),
    Const(T),
}

impl<T: Copy + Clone> Src<'_, T> {
    #[inline(always)]
    fn at(&self, i: usize) -> T {
        match self {
            Src::Slice(s) => s[i],
            Src::Const(c) => *c,
        }
    }
}

fn floats<'a>(o: Operand<'a>, len: usize) -> Src<'a, f64> {
    match o {
        Operand::Scalar(s) => Src::Const(s.as_f64()),
        Operand::Block(View::F(v)) => Src::Slice(v[..len].into()),
        Operand::Block(View::I(v)) => Src::Slice(v[..len].iter().map(|&i| i as f64).collect()),
        Operand::Block(View::B(v)) => {
            Src::Slice(v[..len].iter().map(|&b| b as i64 as f64).collect())
        }
    }
}

fn ints<'a>(o: Operand<'a>, len: usize) -> Src<'a, i64> {
    match o {
        Operand::Scalar(s) => Src::Const(s.as_i64()),
        Operand::Block(View::I(v)) => Src::Slice(v[..len].into()),
        Operand::Block(View::B(v)) => Src::Slice(v[..len].iter().map(|&b| b as i64).collect()),
        Operand::Block(View::F(v)) => Src::Slice(v[..len].iter().map(|&x| x as i64).collect()),
    }
}

fn bools<'a>(o: Operand<'a>, len: usize) -> Src<'a, bool> {
    match o {
        Operand::Scalar(s) => Src::Const(s.as_bool()),
        Operand::Block(View::B(v)) => Src::Slice(v[..len].into()),
        Operand::Block(View::I(v)) => Src::Slice(v[..len].iter().map(|&i| i != 0).collect()),
        Operand::Block(View::F(v)) => Src::Slice(v[..len].iter().map(|&x| x != 0.0).collect()),
    }
}

/// Overwrites `out` (already `len` long) with `f(x[i], y[i])`: plain loops over
/// slices, which the compiler vectorises.
#[inline(always)]
fn zip_into<T: Copy, U: Copy>(
    x: &Src<T>,
    y: &Src<T>,
    len: usize,
    out: &mut [U],
    f: impl Fn(T, T) -> U,
) {
    let out = &mut out[..len];
    match (x, y) {
        (Src::Slice(a), Src::Slice(b)) => {
            for ((o, &p), &q) in out.iter_mut().zip(a.iter()).zip(b.iter()) {
                *o = f(p, q);
            }
        }
        (Src::Slice(a), Src::Const(c)) => {
            for (o, &p) in out.iter_mut().zip(a.iter()) {
                *o = f(p, *c);
            }
        }
        (Src::Const(c), Src::Slice(b)) => {
            for (o, &q) in out.iter_mut().zip(b.iter()) {
                *o = f(*c, q);
            }
        }
        (Src::Const(c), Src::Const(d)) => out.fill(f(*c, *d)),
    }
}

/// Whether this CPU runs AVX2 (detected once; `std` caches the answer).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub fn has_avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

fn float_binary(op: BinaryOp, x: &Src<f64>, y: &Src<f64>, len: usize, out: &mut Block) {
    #[cfg(target_arch = "x86_64")]
    if has_avx2() {
        // SAFETY: the CPU supports AVX2 (checked just above).
        unsafe { float_binary_avx2(op, x, y, len, out) };
        return;
    }
    float_binary_loops(op, x, y, len, out)
}

/// The same loops compiled for AVX2: four lanes per instruction instead of two. The
/// arithmetic is the same IEEE operations element by element (Rust never contracts
/// `a * b + c` into a fused multiply-add), so the results are bit-identical.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn float_binary_avx2(op: BinaryOp, x: &Src<f64>, y: &Src<f64>, len: usize, out: &mut Block) {
    float_binary_loops(op, x, y, len, out)
}

#[inline(always)]
fn float_binary_loops(op: BinaryOp, x: &Src<f64>, y: &Src<f64>, len: usize, out: &mut Block) {
    if is_comparison(op) {
        let o = out.bool_mut(len);
        match op {
            BinaryOp::Eq => zip_into(x, y, len, o, |a, b| a == b),
            BinaryOp::Ne => zip_into(x, y, len, o, |a, b| a != b),
            BinaryOp::Lt => zip_into(x, y, len, o, |a, b| a < b),
            BinaryOp::Le => zip_into(x, y, len, o, |a, b| a <= b),
            BinaryOp::Gt => zip_into(x, y, len, o, |a, b| a > b),
            BinaryOp::Ge => zip_into(x, y, len, o, |a, b| a >= b),
            BinaryOp::LogicalAnd => zip_into(x, y, len, o, |a, b| a != 0.0 && b != 0.0),
            _ => zip_into(x, y, len, o, |a, b| a != 0.0 || b != 0.0),
        }
        return;
    }
    let o = out.f64_mut(len);
    match op {
        BinaryOp::Add => zip_into(x, y, len, o, |a, b| a + b),
        BinaryOp::Sub => zip_into(x, y, len, o, |a, b| a - b),
        BinaryOp::Mul => zip_into(x, y, len, o, |a, b| a * b),
        BinaryOp::Div => zip_into(x, y, len, o, |a, b| a / b),
        BinaryOp::FloorDiv => zip_into(x, y, len, o, float_floor_div),
        BinaryOp::Mod => zip_into(x, y, len, o, float_mod),
        BinaryOp::Pow => zip_into(x, y, len, o, float_pow),
        BinaryOp::Maximum => zip_into(
            x,
            y,
            len,
            o,
            |a, b| if a.is_nan() || a >= b { a } else { b },
        ),
        BinaryOp::Minimum => zip_into(
            x,
            y,
            len,
            o,
            |a, b| if a.is_nan() || a <= b { a } else { b },
        ),
        _ => unreachable!("bitwise operations on floats are rejected when the node is built"),
    }
}

/// `x ** y` as NumPy computes it: squaring and cubing exactly like `x*x`, `x*x*x`
/// (its fast paths), everything else through `pow`.
#[inline(always)]
fn float_pow(x: f64, y: f64) -> f64 {
    if y == 2.0 {
        x * x
    } else if y == 1.0 {
        x
    } else if y == 0.5 {
        x.sqrt()
    } else {
        x.powf(y)
    }
}

/// Python's and NumPy's floor division of floats (the sign follows the divisor).
pub fn float_floor_div(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return a / b;
    }
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div == 0.0 {
        return 0.0f64.copysign(a / b);
    }
    let floor = div.floor();
    if div - floor > 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

/// Python's and NumPy's float remainder: the result has the divisor's sign.
pub fn float_mod(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return f64::NAN;
    }
    let m = a % b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

fn int_binary(
    op: BinaryOp,
    x: &Src<i64>,
    y: &Src<i64>,
    len: usize,
    out: &mut Block,
) -> PyResult<()> {
    if is_comparison(op) {
        let o = out.bool_mut(len);
        match op {
            BinaryOp::Eq => zip_into(x, y, len, o, |a, b| a == b),
            BinaryOp::Ne => zip_into(x, y, len, o, |a, b| a != b),
            BinaryOp::Lt => zip_into(x, y, len, o, |a, b| a < b),
            BinaryOp::Le => zip_into(x, y, len, o, |a, b| a <= b),
            BinaryOp::Gt => zip_into(x, y, len, o, |a, b| a > b),
            BinaryOp::Ge => zip_into(x, y, len, o, |a, b| a >= b),
            BinaryOp::LogicalAnd => zip_into(x, y, len, o, |a, b| a != 0 && b != 0),
            _ => zip_into(x, y, len, o, |a, b| a != 0 || b != 0),
        }
        return Ok(());
    }
    if op == BinaryOp::Pow && (0..len).any(|i| y.at(i) < 0) {
        return Err(PyError::value_error(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    let o = out.i64_mut(len);
    match op {
        BinaryOp::Add => zip_into(x, y, len, o, i64::wrapping_add),
        BinaryOp::Sub => zip_into(x, y, len, o, i64::wrapping_sub),
        BinaryOp::Mul => zip_into(x, y, len, o, i64::wrapping_mul),
        // NumPy gives 0 for an integer division by zero (with a warning).
        BinaryOp::FloorDiv => zip_into(x, y, len, o, |a, b| {
            if b == 0 {
                0
            } else {
                a.wrapping_sub(a.rem_euclid_py(b)).wrapping_div(b)
            }
        }),
        BinaryOp::Mod => zip_into(
            x,
            y,
            len,
            o,
            |a, b| if b == 0 { 0 } else { a.rem_euclid_py(b) },
        ),
        BinaryOp::Pow => zip_into(x, y, len, o, |a, b| {
            a.wrapping_pow(b.min(u32::MAX as i64) as u32)
        }),
        BinaryOp::BitAnd => zip_into(x, y, len, o, |a, b| a & b),
        BinaryOp::BitOr => zip_into(x, y, len, o, |a, b| a | b),
        BinaryOp::BitXor => zip_into(x, y, len, o, |a, b| a ^ b),
        BinaryOp::Maximum => zip_into(x, y, len, o, |a, b| a.max(b)),
        BinaryOp::Minimum => zip_into(x, y, len, o, |a, b| a.min(b)),
        _ => unreachable!("true division computes in float64"),
    }
    Ok(())
}

/// Python's integer remainder: the result has the divisor's sign.
trait PyRem {
    fn rem_euclid_py(self, b: Self) -> Self;
}

impl PyRem for i64 {
    #[inline(always)]
    fn rem_euclid_py(self, b: i64) -> i64 {
        let m = self.wrapping_rem(b);
        if m != 0 && ((m < 0) != (b < 0)) {
            m + b
        } else {
            m
        }
    }
}

fn bool_binary(op: BinaryOp, x: &Src<bool>, y: &Src<bool>, len: usize, out: &mut Block) {
    let o = out.bool_mut(len);
    match op {
        BinaryOp::Eq => zip_into(x, y, len, o, |a, b| a == b),
        BinaryOp::Ne | BinaryOp::BitXor => zip_into(x, y, len, o, |a, b| a != b),
        BinaryOp::Lt => zip_into(x, y, len, o, |a, b| !a & b),
        BinaryOp::Le => zip_into(x, y, len, o, |a, b| a <= b),
        BinaryOp::Gt => zip_into(x, y, len, o, |a, b| a & !b),
        BinaryOp::Ge => zip_into(x, y, len, o, |a, b| a >= b),
        // NumPy's boolean `+` and `maximum` are logical or; `*` and `minimum` are and.
        BinaryOp::Add | BinaryOp::BitOr | BinaryOp::LogicalOr | BinaryOp::Maximum => {
            zip_into(x, y, len, o, |a, b| a | b)
        }
        _ => zip_into(x, y, len, o, |a, b| a & b),
    }
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::LogicalAnd
            | BinaryOp::LogicalOr
    )
}

/// Runs `f(x)` elementwise into `out`.
pub fn unary(f: UFunc, x: View, out: &mut Block) {
    let len = x.len();
    let to = match unary_dtype(f, x.dtype()) {
        Ok(t) => t,
        Err(_) => unreachable!("unsupported ufuncs are rejected when the node is built"),
    };
    match (to, x) {
        (DType::Bool, _) => {
            out.reset(DType::Bool);
            let Block::B(o) = out else { unreachable!() };
            match (f, x) {
                (UFunc::Invert | UFunc::LogicalNot, View::B(v)) => o.extend(v.iter().map(|b| !b)),
                (
                    UFunc::Abs
                    | UFunc::Pos
                    | UFunc::Round
                    | UFunc::Floor
                    | UFunc::Ceil
                    | UFunc::Trunc,
                    View::B(v),
                ) => o.extend_from_slice(v),
                (UFunc::IsNan, View::F(v)) => o.extend(v.iter().map(|x| x.is_nan())),
                (UFunc::IsFinite, View::F(v)) => o.extend(v.iter().map(|x| x.is_finite())),
                (UFunc::IsInf, View::F(v)) => o.extend(v.iter().map(|x| x.is_infinite())),
                (UFunc::IsFinite, _) => o.resize(len, true),
                (UFunc::LogicalNot, View::F(v)) => o.extend(v.iter().map(|&x| x == 0.0)),
                (UFunc::LogicalNot, View::I(v)) => o.extend(v.iter().map(|&x| x == 0)),
                _ => o.resize(len, false),
            }
        }
        (DType::Int64, _) => {
            out.reset(DType::Int64);
            let Block::I(o) = out else { unreachable!() };
            let ints: Vec<i64> = match x {
                View::I(v) => v.to_vec(),
                View::B(v) => v.iter().map(|&b| b as i64).collect(),
                View::F(v) => v.iter().map(|&x| x as i64).collect(),
            };
            o.extend(ints.iter().map(|&i| match f {
                UFunc::Neg => i.wrapping_neg(),
                UFunc::Invert => !i,
                UFunc::Abs => i.wrapping_abs(),
                UFunc::Square => i.wrapping_mul(i),
                UFunc::Sign => i.signum(),
                _ => i,
            }));
        }
        (DType::Float64, _) => {
            let src = floats(Operand::Block(x), len);
            let Src::Slice(v) = src else { unreachable!() };
            for (o, &x) in out.f64_mut(len).iter_mut().zip(v.iter()) {
                *o = float_unary(f, x);
            }
        }
    }
}

#[inline(always)]
fn float_unary(f: UFunc, x: f64) -> f64 {
    match f {
        UFunc::Neg => -x,
        UFunc::Pos => x,
        UFunc::Abs => x.abs(),
        UFunc::Sqrt => x.sqrt(),
        UFunc::Exp => x.exp(),
        UFunc::Log => x.ln(),
        UFunc::Log10 => x.log10(),
        UFunc::Log2 => x.log2(),
        UFunc::Sin => x.sin(),
        UFunc::Cos => x.cos(),
        UFunc::Tan => x.tan(),
        UFunc::Arcsin => x.asin(),
        UFunc::Arccos => x.acos(),
        UFunc::Arctan => x.atan(),
        UFunc::Sinh => x.sinh(),
        UFunc::Cosh => x.cosh(),
        UFunc::Tanh => x.tanh(),
        UFunc::Floor => x.floor(),
        UFunc::Ceil => x.ceil(),
        UFunc::Trunc => x.trunc(),
        // NumPy rounds halves to even.
        UFunc::Round => x.round_ties_even(),
        UFunc::Sign => {
            if x.is_nan() {
                x
            } else if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        }
        UFunc::Square => x * x,
        _ => unreachable!("boolean-valued ufuncs are handled by the caller"),
    }
}

/// `where(c, a, b)` into `out` (of dtype `to`).
pub fn select(c: Operand, a: Operand, b: Operand, to: DType, len: usize, out: &mut Block) {
    let cond = bools(c, len);
    out.reset(to);
    match out {
        Block::F(o) => {
            let (x, y) = (floats(a, len), floats(b, len));
            o.extend((0..len).map(|i| if cond.at(i) { x.at(i) } else { y.at(i) }));
        }
        Block::I(o) => {
            let (x, y) = (ints(a, len), ints(b, len));
            o.extend((0..len).map(|i| if cond.at(i) { x.at(i) } else { y.at(i) }));
        }
        Block::B(o) => {
            let (x, y) = (bools(a, len), bools(b, len));
            o.extend((0..len).map(|i| if cond.at(i) { x.at(i) } else { y.at(i) }));
        }
    }
}

/// `astype(to)` into `out`.
pub fn cast(x: View, to: DType, out: &mut Block) {
    let len = x.len();
    out.reset(to);
    match out {
        Block::F(o) => o.extend_from_slice(&floats(Operand::Block(x), len).slice()),
        Block::I(o) => o.extend_from_slice(&ints(Operand::Block(x), len).slice()),
        Block::B(o) => o.extend_from_slice(&bools(Operand::Block(x), len).slice()),
    }
}

impl<T: Copy + Clone> Src<'_, T> {
    fn slice(&self) -> std::borrow::Cow<'_, [T]> {
        match self {
            Src::Slice(s) => std::borrow::Cow::Borrowed(s),
            Src::Const(c) => std::borrow::Cow::Owned(vec![*c]),
        }
    }
}
