//! Runtime values. Every `Value` is `Send + Sync` (decision 1, "No GIL, ever"):
//! immutable payloads sit behind `Arc`, Python's mutable containers behind
//! `Arc<RwLock<…>>`, so any worker thread can run any function.

pub mod array;
pub mod compare;
pub mod containers;
pub mod function;
pub mod lazy;

pub use containers::{DictMap, Key, RangeObj, SetMap};
pub use function::Function;

use crate::diag::{PyError, PyResult};
use crate::syntax::ast::Name;
pub use arcstr::ArcStr;
use parking_lot::{Mutex, RwLock};
use std::fmt;
use std::sync::Arc;

/// A pgs value. Cloning is cheap: at most one reference-count increment.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    None,
    /// `Value::bool(b)` builds one, `.get()` reads it.
    Bool(Truth),
    Int(i64),
    /// `Value::float(x)` builds one, `.get()` reads it.
    Float(F64),
    /// Text; a thin pointer so `Value` stays two words (results return in registers).
    Str(ArcStr),
    List(Arc<RwLock<Vec<Value>>>),
    Tuple(Arc<Vec<Value>>),
    Dict(Arc<RwLock<DictMap>>),
    Set(Arc<RwLock<SetMap>>),
    Range(Arc<RangeObj>),
    Func(Arc<Function>),
    Builtin(&'static BuiltinDef),
    /// A builtin method bound to its receiver (`"a b".split`).
    Method(Arc<(Value, &'static BuiltinDef)>),
    Module(Arc<ModuleObj>),
    Type(TypeKind),
    Iter(Arc<Mutex<ValueIter>>),
    File(Arc<Mutex<containers::FileObj>>),
    /// A variable shared between a function and the closures that capture it.
    /// Internal: never visible to pgs code.
    Cell(Arc<Mutex<Value>>),
    /// `d.keys()`, `d.values()`, `d.items()`: live views of a dict (`Value::view`
    /// builds one from a `ViewKind`, `Value::as_view` reads one).
    DictKeys(Arc<RwLock<DictMap>>),
    DictValues(Arc<RwLock<DictMap>>),
    DictItems(Arc<RwLock<DictMap>>),
    /// A lazy value of the task graph (`dask.delayed`).
    Delayed(Arc<lazy::Node>),
    /// A concrete n-d array (`numpy.ndarray`).
    Array(Arc<array::NdArray>),
    /// A lazy chunked array (`dask.array.Array`).
    DArray(Arc<array::ArrayNode>),
    /// NumPy objects that are neither arrays nor Python builtins (dtypes, generators).
    Native(Arc<array::NativeObj>),
    /// An unassigned variable slot. Internal: reading it raises NameError.
    Unbound,
}

// Two words: `PyResult<Value>` then fits in registers on the interpreter's hot paths.
const _: () = assert!(std::mem::size_of::<Value>() == 16);

// `Value` must keep rustc's ScalarPair layout: a tag word plus one 8-byte integer or
// pointer at offset 8. A value then lives in two general registers, moves as two
// plain word moves and is returned in RAX:RDX (`Option<Value>` too), so a value
// written as tag plus payload and read back whole never stalls on store
// forwarding. Every variant's payload must therefore be nothing or ONE 8-byte
// int/pointer scalar: no `f64` (hence `F64`), no `bool` or 1-byte enum (hence
// `Truth`, and `TypeKind` is `repr(u64)`), no second field (hence one variant per
// dict view). Any of those makes `Value` a 16-byte aggregate again, moved through
// SSE registers and returned through memory, with sizes unchanged; the test
// `value_is_a_scalar_pair` checks the returned registers.
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);
const _: () = assert!(std::mem::size_of::<F64>() == 8 && std::mem::size_of::<Truth>() == 8);
const _: () = assert!(std::mem::size_of::<TypeKind>() == 8);

/// The payload of `Value::Float`: the float's bits as an integer, so that `Value`
/// keeps its two-integer-register layout (rustc gives a float payload an aggregate
/// one). The bits round-trip exactly: NaN payloads and `-0.0` are kept. It has no
/// `==`: compare `get()`s as floats, or `to_bits()` for identity.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct F64(u64);

impl F64 {
    #[inline(always)]
    pub const fn new(x: f64) -> F64 {
        F64(x.to_bits())
    }

    #[inline(always)]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }

    /// The float's bits (`f64::to_bits`), for identity and hashing.
    #[inline(always)]
    pub const fn to_bits(self) -> u64 {
        self.0
    }
}

impl fmt::Debug for F64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

/// The payload of `Value::Bool`: a bool a word wide, so that `Value` keeps its
/// two-integer-register layout (a `bool` payload would sit at offset 1 and make it
/// an aggregate). Match on `Truth::True`/`Truth::False`, or read it with `get()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Truth {
    False = 0,
    True = 1,
}

impl Truth {
    #[inline(always)]
    pub const fn new(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    #[inline(always)]
    pub const fn get(self) -> bool {
        matches!(self, Truth::True)
    }
}

// Compile-time proof of decision 1: a value can move to and be shared by any thread.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Value>();
};

/// Which view of a dict a `Value::DictKeys`, `DictValues` or `DictItems` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    pub fn type_kind(self) -> TypeKind {
        match self {
            ViewKind::Keys => TypeKind::DictKeys,
            ViewKind::Values => TypeKind::DictValues,
            ViewKind::Items => TypeKind::DictItems,
        }
    }

    /// The view's items, a snapshot taken now.
    pub fn items(self, map: &DictMap) -> Vec<Value> {
        match self {
            ViewKind::Keys => map.keys().map(|k| k.0.clone()).collect(),
            ViewKind::Values => map.values().cloned().collect(),
            ViewKind::Items => map
                .iter()
                .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
                .collect(),
        }
    }
}

/// The builtin types that are also callable constructors (`int`, `str`, …).
/// A word wide so that `Value::Type` keeps `Value` a scalar pair (see above).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u64)]
pub enum TypeKind {
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Function,
    BuiltinFunction,
    Module,
    Type,
    Iterator,
    File,
    Delayed,
    NdArray,
    DaskArray,
    NumpyDType,
    RandomGenerator,
    Table,
    DictKeys,
    DictValues,
    DictItems,
}

impl TypeKind {
    pub fn name(self) -> &'static str {
        match self {
            TypeKind::NoneType => "NoneType",
            TypeKind::Bool => "bool",
            TypeKind::Int => "int",
            TypeKind::Float => "float",
            TypeKind::Str => "str",
            TypeKind::List => "list",
            TypeKind::Tuple => "tuple",
            TypeKind::Dict => "dict",
            TypeKind::Set => "set",
            TypeKind::Range => "range",
            TypeKind::Function => "function",
            TypeKind::BuiltinFunction => "builtin_function_or_method",
            TypeKind::Module => "module",
            TypeKind::Type => "type",
            TypeKind::Iterator => "iterator",
            TypeKind::File => "_io.TextIOWrapper",
            TypeKind::Delayed => "Delayed",
            TypeKind::NdArray => "numpy.ndarray",
            TypeKind::DaskArray => "dask.array.core.Array",
            TypeKind::NumpyDType => "numpy.dtype",
            TypeKind::RandomGenerator => "numpy.random.Generator",
            TypeKind::Table => "Table",
            TypeKind::DictKeys => "dict_keys",
            TypeKind::DictValues => "dict_values",
            TypeKind::DictItems => "dict_items",
        }
    }
}

/// What a builtin function sees of the interpreter that calls it.
pub trait Host {
    /// Calls any callable value (user function, builtin, type).
    fn call(&mut self, f: &Value, args: Vec<Value>, kwargs: Vec<(Name, Value)>) -> PyResult<Value>;
    /// Computes lazy graph nodes, in parallel, sharing work between them.
    fn compute(&mut self, roots: &[Arc<lazy::Node>]) -> PyResult<Vec<Value>>;
    /// Computes lazy arrays together, in parallel: every full reduction over the same
    /// chunks shares one pass.
    fn compute_arrays(
        &mut self,
        roots: &[Arc<array::ArrayNode>],
    ) -> PyResult<Vec<Arc<array::NdArray>>>;
    /// Sets the worker count (`dask.config.set(num_workers=…)`); 0 = every core,
    /// `Some(1)` with `sync` runs tasks on the calling thread.
    fn configure(&mut self, workers: Option<usize>, sync: Option<bool>);
    /// Writes program output (print).
    fn write_out(&mut self, text: &str) -> PyResult<()>;
    /// Pushes buffered program output out now (`print(..., flush=True)`).
    fn flush_out(&mut self) -> PyResult<()>;
    /// Raises KeyboardInterrupt when the computation was cancelled.
    fn check_interrupt(&self) -> PyResult<()>;
    /// The command-line arguments (`sys.argv`).
    fn argv(&self) -> Vec<Value>;
    /// The session's source texts, so graph views can name an operation's line.
    fn sources(&self) -> crate::source::SourceMap;
    /// Starts recording a profile of the computations that follow; false when one
    /// is being recorded already (`--profile`), which then includes them.
    fn start_profile(&mut self) -> bool;
    /// Stops recording and renders the profile as a table.
    fn finish_profile(&mut self) -> Option<String>;
}

/// Positional and keyword arguments of a builtin call. For methods, `pos[0]` is the
/// receiver.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kw: &'a [(Name, Value)],
}

pub type NativeFn = fn(&mut dyn Host, Args<'_>) -> PyResult<Value>;

/// A function implemented in Rust, with the text `help()` shows.
pub struct BuiltinDef {
    pub name: &'static str,
    /// `"str"` for `str.upper`, `"math"` for `math.sqrt`, `""` for plain builtins.
    pub owner: &'static str,
    pub signature: &'static str,
    pub doc: &'static str,
    pub call: NativeFn,
}

impl fmt::Debug for BuiltinDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<builtin {}>", self.name)
    }
}

/// A builtin module (`math`, `sys`, `time`, …): a name and its members.
pub struct ModuleObj {
    pub name: &'static str,
    pub members: indexmap::IndexMap<&'static str, Value>,
}

/// The state of an iterator value (`iter(x)`, `enumerate`, `zip`, `map`, …).
/// Sources that never call pgs code stay lazy; `map`/`filter` results are computed
/// when created (see docs/language.md).
pub enum ValueIter {
    Range {
        next: i64,
        /// Exclusive, and wider than an int: a reversed range stops one step past its
        /// first item, which may lie outside 64 bits.
        stop: i128,
        step: i64,
    },
    List {
        list: Arc<RwLock<Vec<Value>>>,
        index: usize,
    },
    Seq {
        items: Arc<Vec<Value>>,
        index: usize,
    },
    Chars {
        text: ArcStr,
        offset: usize,
    },
    Enumerate {
        inner: Box<ValueIter>,
        count: i64,
    },
    Zip(Vec<ValueIter>),
    Reversed {
        items: Vec<Value>,
    },
    Lines {
        lines: std::vec::IntoIter<String>,
    },
    Shared(Arc<Mutex<ValueIter>>),
    /// A dict's keys as they were when the loop started, with the dict itself so a
    /// change of size can be reported as Python reports it.
    DictKeys {
        dict: Arc<RwLock<DictMap>>,
        keys: std::vec::IntoIter<Value>,
        len: usize,
    },
}

impl ValueIter {
    /// After `next_value` returned `None`: the error that ended the iteration early,
    /// if any (a dict that changed size while a loop walked it).
    pub fn error(&self) -> Option<PyError> {
        match self {
            ValueIter::DictKeys { dict, len, .. } if dict.read().len() != *len => Some(
                PyError::runtime_error("dictionary changed size during iteration"),
            ),
            _ => None,
        }
    }

    pub fn next_value(&mut self) -> Option<Value> {
        match self {
            ValueIter::Range { next, stop, step } => {
                let more = if *step > 0 {
                    i128::from(*next) < *stop
                } else {
                    i128::from(*next) > *stop
                };
                if !more {
                    return None;
                }
                let v = *next;
                match next.checked_add(*step) {
                    Some(n) => *next = n,
                    // The item after this one lies outside 64 bits: this was the last.
                    None => *stop = i128::from(v),
                }
                Some(Value::Int(v))
            }
            ValueIter::List { list, index } => {
                let v = list.read().get(*index).cloned();
                *index += 1;
                v
            }
            ValueIter::Seq { items, index } => {
                let v = items.get(*index).cloned();
                *index += 1;
                v
            }
            ValueIter::Chars { text, offset } => {
                let c = text[*offset..].chars().next()?;
                let start = *offset;
                *offset += c.len_utf8();
                Some(Value::str(&text[start..*offset]))
            }
            ValueIter::Enumerate { inner, count } => {
                let v = inner.next_value()?;
                let i = *count;
                *count += 1;
                Some(Value::tuple(vec![Value::Int(i), v]))
            }
            ValueIter::Zip(iters) => {
                if iters.is_empty() {
                    return None;
                }
                let items = iters
                    .iter_mut()
                    .map(ValueIter::next_value)
                    .collect::<Option<Vec<_>>>()?;
                Some(Value::tuple(items))
            }
            ValueIter::Reversed { items } => items.pop(),
            ValueIter::Lines { lines } => lines.next().map(|l| Value::str(&l)),
            ValueIter::Shared(inner) => inner.lock().next_value(),
            ValueIter::DictKeys { dict, keys, len } => {
                if dict.read().len() != *len {
                    return None;
                }
                keys.next()
            }
        }
    }
}

impl Value {
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(Truth::new(b))
    }

    #[inline(always)]
    pub const fn float(x: f64) -> Value {
        Value::Float(F64::new(x))
    }

    /// A live view of a dict (`d.keys()`, …).
    pub fn view(dict: Arc<RwLock<DictMap>>, kind: ViewKind) -> Value {
        match kind {
            ViewKind::Keys => Value::DictKeys(dict),
            ViewKind::Values => Value::DictValues(dict),
            ViewKind::Items => Value::DictItems(dict),
        }
    }

    /// The dict and kind of a dict view.
    pub fn as_view(&self) -> Option<(&Arc<RwLock<DictMap>>, ViewKind)> {
        match self {
            Value::DictKeys(d) => Some((d, ViewKind::Keys)),
            Value::DictValues(d) => Some((d, ViewKind::Values)),
            Value::DictItems(d) => Some((d, ViewKind::Items)),
            _ => None,
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(ArcStr::from(s))
    }

    pub fn string(s: String) -> Value {
        Value::Str(ArcStr::from(s))
    }

    /// Approximately how many bytes this value holds, counting what its containers
    /// hold (as Dask's `sizeof`), for profiles. Lazy values count as their handle.
    pub fn deep_size(&self) -> usize {
        const HANDLE: usize = std::mem::size_of::<Value>();
        HANDLE
            + match self {
                Value::Str(s) => s.len(),
                Value::List(l) => l.read().iter().map(Value::deep_size).sum(),
                Value::Tuple(t) => t.iter().map(Value::deep_size).sum(),
                Value::Dict(d) => d
                    .read()
                    .iter()
                    .map(|(k, v)| k.0.deep_size() + v.deep_size())
                    .sum(),
                Value::Set(s) => s.read().iter().map(|k| k.0.deep_size()).sum(),
                Value::Array(a) => a.nbytes(),
                _ => 0,
            }
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(RwLock::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(items))
    }

    pub fn dict(map: DictMap) -> Value {
        Value::Dict(Arc::new(RwLock::new(map)))
    }

    pub fn set(items: SetMap) -> Value {
        Value::Set(Arc::new(RwLock::new(items)))
    }

    pub fn iter(state: ValueIter) -> Value {
        Value::Iter(Arc::new(Mutex::new(state)))
    }

    pub fn type_kind(&self) -> TypeKind {
        match self {
            Value::None | Value::Unbound | Value::Cell(_) => TypeKind::NoneType,
            Value::Bool(_) => TypeKind::Bool,
            Value::Int(_) => TypeKind::Int,
            Value::Float(_) => TypeKind::Float,
            Value::Str(_) => TypeKind::Str,
            Value::List(_) => TypeKind::List,
            Value::Tuple(_) => TypeKind::Tuple,
            Value::Dict(_) => TypeKind::Dict,
            Value::Set(_) => TypeKind::Set,
            Value::Range(_) => TypeKind::Range,
            Value::Func(_) => TypeKind::Function,
            Value::Builtin(_) | Value::Method(_) => TypeKind::BuiltinFunction,
            Value::Module(_) => TypeKind::Module,
            Value::Type(_) => TypeKind::Type,
            Value::Iter(_) => TypeKind::Iterator,
            Value::File(_) => TypeKind::File,
            Value::Delayed(_) => TypeKind::Delayed,
            Value::Array(_) => TypeKind::NdArray,
            Value::DArray(_) => TypeKind::DaskArray,
            Value::Native(n) => match &**n {
                array::NativeObj::DType(_) => TypeKind::NumpyDType,
                array::NativeObj::Generator(_) => TypeKind::RandomGenerator,
                array::NativeObj::Table(_) => TypeKind::Table,
            },
            Value::DictKeys(_) => TypeKind::DictKeys,
            Value::DictValues(_) => TypeKind::DictValues,
            Value::DictItems(_) => TypeKind::DictItems,
        }
    }

    /// The Python type name used in error messages (`'int'`, `'list'`, …).
    pub fn type_name(&self) -> &'static str {
        self.type_kind().name()
    }

    /// Whether calling the value can work (`callable()`).
    pub fn is_callable(&self) -> bool {
        matches!(
            self,
            Value::Func(_) | Value::Builtin(_) | Value::Method(_) | Value::Type(_)
        )
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None | Value::Unbound => false,
            Value::Bool(b) => b.get(),
            Value::Int(i) => *i != 0,
            Value::Float(x) => x.get() != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.read().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::DictKeys(d) | Value::DictValues(d) | Value::DictItems(d) => {
                !d.read().is_empty()
            }
            Value::Set(s) => !s.read().is_empty(),
            Value::Range(r) => !r.is_empty(),
            _ => true,
        }
    }

    /// The value as an i64 where Python accepts an integer (ints and bools).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(b.get() as i64),
            _ => None,
        }
    }

    /// The value as a float where Python accepts a real number.
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(x) => Some(x.get()),
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(b.get() as i64 as f64),
            _ => None,
        }
    }

    /// An index argument (`list[i]`, `range(n)`), with Python's TypeError otherwise.
    pub fn expect_int(&self, what: &str) -> PyResult<i64> {
        self.as_int().ok_or_else(|| {
            PyError::type_error(format!(
                "{what} must be integers or slices, not {}",
                self.type_name()
            ))
        })
    }

    /// Iterates over any iterable value, with Python's TypeError otherwise.
    pub fn iterate(&self) -> PyResult<ValueIter> {
        Ok(match self {
            Value::List(l) => ValueIter::List {
                list: l.clone(),
                index: 0,
            },
            Value::Tuple(t) => ValueIter::Seq {
                items: t.clone(),
                index: 0,
            },
            Value::Str(s) => ValueIter::Chars {
                text: s.clone(),
                offset: 0,
            },
            Value::Range(r) => ValueIter::Range {
                next: r.start,
                stop: r.stop.into(),
                step: r.step,
            },
            Value::Dict(d) => {
                let keys: Vec<Value> = d.read().keys().map(|k| k.0.clone()).collect();
                ValueIter::DictKeys {
                    len: keys.len(),
                    dict: d.clone(),
                    keys: keys.into_iter(),
                }
            }
            Value::Set(s) => ValueIter::Seq {
                items: Arc::new(s.read().iter().map(|k| k.0.clone()).collect()),
                index: 0,
            },
            // Shares the state: draining the copy drains the original, as in Python.
            Value::Iter(it) => ValueIter::Shared(it.clone()),
            Value::Array(a) => ValueIter::Seq {
                items: Arc::new(crate::array::convert::rows(a)?),
                index: 0,
            },
            Value::File(f) => ValueIter::Lines {
                lines: f.lock().read_lines()?.into_iter(),
            },
            other => match other.as_view() {
                Some((d, kind)) => ValueIter::Seq {
                    items: kind.items(&d.read()).into(),
                    index: 0,
                },
                None => {
                    return Err(PyError::type_error(format!(
                        "'{}' object is not iterable",
                        other.type_name()
                    )))
                }
            },
        })
    }

    /// All items of an iterable, collected.
    pub fn to_vec(&self) -> PyResult<Vec<Value>> {
        match self {
            Value::List(l) => Ok(l.read().clone()),
            Value::Tuple(t) => Ok(t.to_vec()),
            _ => {
                if let Value::Range(r) = self {
                    // The one iterable whose (possibly huge) length is known up front.
                    let bytes = (r.len() as usize).checked_mul(std::mem::size_of::<Value>());
                    crate::limits::check_allocation(bytes, "a list of that range")?;
                }
                // Other iterators may be endless in effect (`zip(range(10**18), …)`):
                // stop at the memory limit, or on Ctrl-C, rather than exhaust memory.
                // Each item counts its handle, and the tuple or string it may have
                // been made as (`zip` and `enumerate` make a tuple per item).
                const CHECK_EVERY: usize = 4096;
                const HANDLE: usize = std::mem::size_of::<Value>();
                const SHARED: usize = 2 * std::mem::size_of::<usize>();
                let mut it = self.iterate()?;
                let mut items = Vec::new();
                let mut bytes = 0usize;
                while let Some(v) = it.next_value() {
                    bytes = bytes.saturating_add(match &v {
                        Value::Tuple(t) => HANDLE + SHARED + t.len() * HANDLE,
                        Value::Str(s) => HANDLE + SHARED + s.len(),
                        _ => HANDLE,
                    });
                    items.push(v);
                    if items.len().is_multiple_of(CHECK_EVERY) {
                        crate::interrupt::check()?;
                        crate::limits::check_allocation(Some(bytes), "a list of that many items")?;
                    }
                }
                Ok(items)
            }
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::output::repr::repr(self))
    }
}

/// The ScalarPair layout (see the assertions after `Value`), checked where it shows:
/// a function returning a `Value` or `Option<Value>` hands it back in RAX:RDX, with
/// no hidden pointer to memory to write it to. Sizes alone cannot tell: an
/// aggregate `Value` is 16 bytes too.
#[cfg(all(test, target_arch = "x86_64", target_os = "linux"))]
mod abi_tests {
    use super::*;

    const BITS: u64 = 0x0123_4567_89ab_cdef;

    #[inline(never)]
    fn int() -> Value {
        Value::Int(std::hint::black_box(BITS as i64))
    }

    #[inline(never)]
    fn float() -> Value {
        Value::float(std::hint::black_box(f64::from_bits(BITS)))
    }

    #[inline(never)]
    fn truth() -> Value {
        Value::bool(std::hint::black_box(true))
    }

    #[inline(never)]
    fn some_float() -> Option<Value> {
        Some(Value::float(std::hint::black_box(f64::from_bits(BITS))))
    }

    /// Calls `$f` and returns RDX, the payload's register; panics if the function
    /// wrote its result through a pointer (which the Rust ABI passes in RDI).
    macro_rules! payload_register {
        ($f:path) => {{
            // Where an aggregate result would be written, filled with a sentinel.
            let mut out = [0xA5u8; 32];
            let rdx: u64;
            // SAFETY: `$f` takes no arguments and owns nothing it returns (a
            // number), so dropping nothing leaks nothing; RDI points to 32 writable
            // bytes in case the result goes to memory after all; every register a
            // call may change is declared clobbered.
            unsafe {
                std::arch::asm!(
                    "call {f}",
                    f = sym $f,
                    inout("rdi") out.as_mut_ptr() => _,
                    out("rdx") rdx,
                    clobber_abi("C"),
                );
            }
            assert!(
                out.iter().all(|&b| b == 0xA5),
                "{} returned its Value through memory: Value is no longer a ScalarPair \
                 (see the comment on its size assertions)",
                stringify!($f)
            );
            rdx
        }};
    }

    #[test]
    fn value_is_a_scalar_pair() {
        assert_eq!(payload_register!(int), BITS);
        assert_eq!(payload_register!(float), BITS);
        assert_eq!(payload_register!(truth), 1);
        assert_eq!(payload_register!(some_float), BITS);
    }
}
