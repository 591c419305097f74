//! The everyday builtins: print, len, range, sum, min, max, sorted, enumerate, zip,
//! map, filter, any, all, abs, round, isinstance, type, repr, divmod, …

use super::{arity, check_kwargs, expect_int, kwarg};
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::eval::ops;
use crate::output::repr::{repr as repr_of, str as str_of};
use crate::syntax::ast::BinOp;
use crate::value::compare::compare;
use crate::value::{Args, BuiltinDef, Host, RangeObj, TypeKind, Value, ValueIter};
use std::cmp::Ordering;
use std::sync::Arc;

pub static FUNCTIONS: &[&BuiltinDef] = &[
    &PRINT,
    &LEN,
    &RANGE,
    &SUM,
    &MIN,
    &MAX,
    &ABS,
    &ROUND,
    &SORTED,
    &REVERSED,
    &ENUMERATE,
    &ZIP,
    &MAP,
    &FILTER,
    &ANY,
    &ALL,
    &ISINSTANCE,
    &REPR,
    &DIVMOD,
    &POW,
    &ITER,
    &NEXT,
    &CHR,
    &ORD,
    &HEX,
    &BIN,
    &OCT,
    &FORMAT,
    &CALLABLE,
    &HASH,
];

builtin!(
    PRINT,
    "print",
    "",
    "print(*values, sep=' ', end='\\n')",
    "Prints the values, separated by sep and followed by end, to standard output.",
    print
);
fn print(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    check_kwargs("print", &args, &["sep", "end", "flush"])?;
    let sep = text_kwarg(&args, "sep", " ")?;
    let end = text_kwarg(&args, "end", "\n")?;
    let mut line = String::new();
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            line.push_str(&sep);
        }
        line.push_str(&str_of(v));
    }
    line.push_str(&end);
    host.write_out(&line)?;
    if kwarg(&args, "flush").is_some_and(Value::truthy) {
        host.flush_out()?;
    }
    Ok(Value::None)
}

fn text_kwarg(args: &Args, name: &str, default: &str) -> PyResult<String> {
    match kwarg(args, name) {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(PyError::type_error(format!(
            "{name} must be None or a string, not {}",
            other.type_name()
        ))),
    }
}

builtin!(
    LEN,
    "len",
    "",
    "len(obj, /)",
    "Returns the number of items in a container.",
    len
);
fn len(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("len", &args, 1, 1)?;
    if let Some(n) = crate::eval::darray::len(&args.pos[0]) {
        return Ok(Value::Int(n? as i64));
    }
    let n = match &args.pos[0] {
        Value::Str(s) => {
            if s.is_ascii() {
                s.len()
            } else {
                s.chars().count()
            }
        }
        Value::List(l) => l.read().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::DictKeys(d) | Value::DictValues(d) | Value::DictItems(d) => {
            d.read().len()
        }
        Value::Set(s) => s.read().len(),
        Value::Range(r) => r.len() as usize,
        other => {
            return Err(PyError::type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    };
    Ok(Value::Int(n as i64))
}

builtin!(
    RANGE,
    "range",
    "",
    "range(stop) / range(start, stop[, step])",
    "An immutable sequence of integers from start (default 0) to stop, by step.",
    range
);
pub fn range(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("range", &args, 1, 3)?;
    let ints = args
        .pos
        .iter()
        .map(expect_int)
        .collect::<PyResult<Vec<_>>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => unreachable!("arity checked"),
    };
    if step == 0 {
        return Err(PyError::value_error("range() arg 3 must not be zero"));
    }
    let range = RangeObj { start, stop, step };
    // Its length must be an int too: `range(-2**63, 2**63 - 1)` has 2**64 - 1 items.
    if range.count() > i64::MAX as i128 {
        return Err(PyError::overflow(
            "range() has more than 2**63 - 1 items: pgs ints are 64-bit",
        ));
    }
    Ok(Value::Range(Arc::new(range)))
}

builtin!(
    SUM,
    "sum",
    "",
    "sum(iterable, /, start=0)",
    "Adds the items of an iterable to start, left to right.",
    sum
);
fn sum(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("sum", &args, 1, 2)?;
    check_kwargs("sum", &args, &["start"])?;
    let mut total = args
        .pos
        .get(1)
        .or_else(|| kwarg(&args, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    if let Value::Str(_) = total {
        return Err(PyError::type_error(
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let mut it = args.pos[0].iterate()?;
    let mut count = 0u32;
    while let Some(v) = it.next_value() {
        count = count.wrapping_add(1);
        if count.is_multiple_of(4096) {
            host.check_interrupt()?;
        }
        total = ops::binary(BinOp::Add, &total, &v)?;
    }
    Ok(total)
}

builtin!(
    MIN,
    "min",
    "",
    "min(iterable, *[, default=obj, key=func]) / min(a, b, *args[, key=func])",
    "The smallest item of an iterable or of the arguments.",
    min
);
fn min(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    extreme(host, args, "min", Ordering::Less)
}

builtin!(
    MAX,
    "max",
    "",
    "max(iterable, *[, default=obj, key=func]) / max(a, b, *args[, key=func])",
    "The largest item of an iterable or of the arguments.",
    max
);
fn max(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    extreme(host, args, "max", Ordering::Greater)
}

fn extreme(host: &mut dyn Host, args: Args, name: &str, want: Ordering) -> PyResult<Value> {
    check_kwargs(name, &args, &["key", "default"])?;
    if args.pos.is_empty() {
        return Err(PyError::type_error(format!(
            "{name} expected at least 1 argument, got 0"
        )));
    }
    let items = if args.pos.len() == 1 {
        args.pos[0].to_vec()?
    } else {
        if kwarg(&args, "default").is_some() {
            return Err(PyError::type_error(format!(
                "Cannot specify a default for {name}() with multiple positional arguments"
            )));
        }
        args.pos.to_vec()
    };
    let key = kwarg(&args, "key").filter(|k| !matches!(k, Value::None));
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match key {
            Some(f) => host.call(f, vec![item.clone()], Vec::new())?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((_, best_key)) => {
                compare(&k, best_key, if want == Ordering::Less { "<" } else { ">" })? == Some(want)
            }
        };
        if better {
            best = Some((item, k));
        }
    }
    match (best, kwarg(&args, "default")) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(PyError::value_error(format!(
            "{name}() arg is an empty sequence"
        ))),
    }
}

builtin!(
    ABS,
    "abs",
    "",
    "abs(x, /)",
    "The absolute value of a number.",
    abs
);
fn abs(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("abs", &args, 1, 1)?;
    match &args.pos[0] {
        Value::Array(_) | Value::DArray(_) => (crate::eval::darray::ABS.call)(host, args),
        Value::Float(x) => Ok(Value::float(x.get().abs())),
        v if v.as_int().is_some() => v
            .as_int()
            .and_then(i64::checked_abs)
            .map(Value::Int)
            .ok_or_else(|| PyError::overflow("integer overflow: pgs ints are 64-bit")),
        other => Err(PyError::type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

builtin!(
    ROUND,
    "round",
    "",
    "round(number, ndigits=None)",
    "Rounds to ndigits decimal digits, halves to even, as Python does.",
    round
);
fn round(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("round", &args, 1, 2)?;
    let digits = match args.pos.get(1).or_else(|| kwarg(&args, "ndigits")) {
        None | Some(Value::None) => None,
        Some(v) => Some(expect_int(v)?),
    };
    match (&args.pos[0], digits) {
        (Value::Float(x), None) => {
            let x = x.get();
            if !x.is_finite() {
                let what = if x.is_nan() {
                    "ValueError"
                } else {
                    "OverflowError"
                };
                return Err(if what == "ValueError" {
                    PyError::value_error("cannot convert float NaN to integer")
                } else {
                    PyError::overflow("cannot convert float infinity to integer")
                });
            }
            let r = x.round_ties_even();
            if r.abs() >= 9.223_372_036_854_776e18 {
                return Err(PyError::overflow("integer overflow: pgs ints are 64-bit"));
            }
            Ok(Value::Int(r as i64))
        }
        (Value::Float(x), Some(n)) => round_float(x.get(), n).map(Value::float),
        (v, None) if v.as_int().is_some() => Ok(Value::Int(v.as_int().unwrap_or(0))),
        (v, Some(n)) if v.as_int().is_some() => {
            Ok(Value::Int(round_int(v.as_int().unwrap_or(0), n)))
        }
        (other, _) => Err(PyError::type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

/// Rounds through the exact decimal value, as CPython does (its `dtoa` in mode 3), so
/// `round(2.675, 2)` is 2.67 (the binary value is below the half) and ties go to even.
fn round_float(x: f64, n: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 || n > 323 {
        return Ok(x);
    }
    let rounded = if n >= 0 {
        // Rust prints the exact binary value correctly rounded, ties to even.
        format!("{:.*}", n as usize, x)
    } else {
        round_to_tens(x.abs(), n.unsigned_abs())
    };
    let y: f64 = rounded.parse().unwrap_or(x);
    if y.is_infinite() {
        return Err(PyError::overflow("rounded value too large to represent"));
    }
    // A value rounded to zero keeps its sign (`round(-3.0, -1)` is -0.0).
    Ok(y.copysign(x))
}

/// `|x|` rounded to a multiple of `10**places`, half to even, as decimal text. The
/// integer part of a float is exact, and a non-zero fraction only breaks ties upward.
fn round_to_tens(x: f64, places: u64) -> String {
    let places = usize::try_from(places).unwrap_or(usize::MAX).min(400);
    let int_digits = format!("{:.0}", x.trunc());
    let sticky = x.fract() != 0.0;
    // Left-pad so there is at least one digit above the rounding position.
    let width = int_digits.len().max(places + 1);
    let digits = format!("{int_digits:0>width$}");
    let (head, tail) = digits.split_at(width - places);
    let half = format!("5{}", "0".repeat(places - 1));
    let round_up = match tail.cmp(half.as_str()) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => sticky || head.ends_with(['1', '3', '5', '7', '9']),
    };
    let head = if round_up {
        increment_decimal(head)
    } else {
        head.to_string()
    };
    format!("{head}{}", "0".repeat(places))
}

/// Adds one to a string of decimal digits.
fn increment_decimal(digits: &str) -> String {
    let mut bytes = digits.as_bytes().to_vec();
    for b in bytes.iter_mut().rev() {
        if *b == b'9' {
            *b = b'0';
        } else {
            *b += 1;
            return String::from_utf8(bytes).unwrap_or_default();
        }
    }
    format!("1{}", String::from_utf8(bytes).unwrap_or_default())
}

fn round_int(i: i64, n: i64) -> i64 {
    if n >= 0 {
        return i;
    }
    if n < -18 {
        return 0;
    }
    let p = 10i128.pow((-n) as u32);
    let i = i as i128;
    let q = i.div_euclid(p);
    let r = i.rem_euclid(p);
    let q = if 2 * r > p || (2 * r == p && q % 2 != 0) {
        q + 1
    } else {
        q
    };
    (q * p).clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

builtin!(
    SORTED,
    "sorted",
    "",
    "sorted(iterable, /, *, key=None, reverse=False)",
    "A new sorted list; stable, as Python's.",
    sorted
);
fn sorted(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("sorted", &args, 1, 1)?;
    check_kwargs("sorted", &args, &["key", "reverse"])?;
    let mut items = args.pos[0].to_vec()?;
    sort_values(
        host,
        &mut items,
        kwarg(&args, "key"),
        kwarg(&args, "reverse").is_some_and(Value::truthy),
    )?;
    Ok(Value::list(items))
}

/// Python's stable sort with optional key and reverse; the first comparison error
/// is raised after the sort stops. With `reverse`, equal items keep their original
/// order, as in CPython (which reverses, sorts stably, and reverses back).
pub fn sort_values(
    host: &mut dyn Host,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key.filter(|k| !matches!(k, Value::None)) {
        Some(f) => items
            .iter()
            .map(|v| host.call(f, vec![v.clone()], Vec::new()))
            .collect::<PyResult<_>>()?,
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut error = None;
    // A stable sort under the flipped comparison leaves ties in input order.
    order.sort_by(|&a, &b| {
        if error.is_some() {
            return Ordering::Equal;
        }
        let (x, y) = if reverse {
            (&keys[b], &keys[a])
        } else {
            (&keys[a], &keys[b])
        };
        match compare(x, y, "<") {
            Ok(Some(o)) => o,
            Ok(None) => Ordering::Equal,
            Err(e) => {
                error = Some(e);
                Ordering::Equal
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    let sorted: Vec<Value> = order.into_iter().map(|i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

builtin!(
    REVERSED,
    "reversed",
    "",
    "reversed(sequence, /)",
    "An iterator over the items in reverse order.",
    reversed
);
fn reversed(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("reversed", &args, 1, 1)?;
    let seq = &args.pos[0];
    if let Value::Range(r) = seq {
        let n = r.len();
        return Ok(Value::iter(match r.step.checked_neg() {
            // From the last item down to the first; the stop, one step past the first,
            // may lie outside 64 bits (`reversed(range(-2**63, 9))` stops at -2**63 - 1).
            Some(step) if n > 0 => ValueIter::Range {
                next: r.get(n - 1),
                stop: r.at(-1),
                step,
            },
            // Empty, or a step of -2**63, which leaves at most two items.
            _ => ValueIter::Reversed {
                items: (0..n).map(|i| Value::Int(r.get(i))).collect(),
            },
        }));
    }
    if matches!(seq, Value::Iter(_)) || seq.iterate().is_err() {
        return Err(PyError::type_error(format!(
            "'{}' object is not reversible",
            seq.type_name()
        )));
    }
    // Reversed keeps items in order and pops from the back.
    Ok(Value::iter(ValueIter::Reversed {
        items: seq.to_vec()?,
    }))
}

builtin!(
    ENUMERATE,
    "enumerate",
    "",
    "enumerate(iterable, start=0)",
    "Pairs (index, item) for each item.",
    enumerate
);
fn enumerate(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("enumerate", &args, 1, 2)?;
    let start = match args.pos.get(1).or_else(|| kwarg(&args, "start")) {
        Some(v) => expect_int(v)?,
        None => 0,
    };
    Ok(Value::iter(ValueIter::Enumerate {
        inner: Box::new(args.pos[0].iterate()?),
        count: start,
    }))
}

builtin!(
    ZIP,
    "zip",
    "",
    "zip(*iterables)",
    "Tuples of the i-th items of each iterable, up to the shortest.",
    zip
);
fn zip(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let iters = args
        .pos
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.iterate().map_err(|_| {
                PyError::type_error(format!("zip argument #{} must support iteration", i + 1))
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::iter(ValueIter::Zip(iters)))
}

builtin!(
    MAP,
    "map",
    "",
    "map(function, iterable, *iterables)",
    "Applies function to each item (computed at once in pgs).",
    map
);
fn map(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("map", &args, 2, usize::MAX)?;
    let f = &args.pos[0];
    let mut iters = args.pos[1..]
        .iter()
        .map(Value::iterate)
        .collect::<PyResult<Vec<_>>>()?;
    let mut out = Vec::new();
    'outer: loop {
        let mut call_args = Vec::with_capacity(iters.len());
        for it in &mut iters {
            match it.next_value() {
                Some(v) => call_args.push(v),
                None => break 'outer,
            }
        }
        out.push(host.call(f, call_args, Vec::new())?);
        // A builtin `f` never reaches the interpreter's checks: over a huge range
        // this loop must still stop on Ctrl-C and at the memory limit.
        if out.len().is_multiple_of(4096) {
            host.check_interrupt()?;
            let bytes = out.len().checked_mul(std::mem::size_of::<Value>());
            crate::limits::check_allocation(bytes, "a list of that many items")?;
        }
    }
    Ok(Value::iter(ValueIter::Seq {
        items: out.into(),
        index: 0,
    }))
}

builtin!(
    FILTER,
    "filter",
    "",
    "filter(function or None, iterable)",
    "The items for which function(item) is true (computed at once in pgs).",
    filter
);
fn filter(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("filter", &args, 2, 2)?;
    let mut out = Vec::new();
    for item in args.pos[1].to_vec()? {
        let keep = match &args.pos[0] {
            Value::None => item.truthy(),
            f => host.call(f, vec![item.clone()], Vec::new())?.truthy(),
        };
        if keep {
            out.push(item);
        }
    }
    Ok(Value::iter(ValueIter::Seq {
        items: out.into(),
        index: 0,
    }))
}

builtin!(
    ANY,
    "any",
    "",
    "any(iterable, /)",
    "True if any item is true.",
    any
);
fn any(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("any", &args, 1, 1)?;
    truth_search(host, &args.pos[0], true)
}

/// Whether some item's truth is `wanted` (`any`: true, `not all`: false), checking
/// for Ctrl-C as it goes: `all(range(1, 10**18))` is a long loop.
fn truth_search(host: &mut dyn Host, iterable: &Value, wanted: bool) -> PyResult<Value> {
    let mut it = iterable.iterate()?;
    let mut count = 0u32;
    while let Some(v) = it.next_value() {
        if v.truthy() == wanted {
            return Ok(Value::bool(true));
        }
        count = count.wrapping_add(1);
        if count.is_multiple_of(4096) {
            host.check_interrupt()?;
        }
    }
    Ok(Value::bool(false))
}

builtin!(
    ALL,
    "all",
    "",
    "all(iterable, /)",
    "True if every item is true.",
    all
);
fn all(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("all", &args, 1, 1)?;
    let found_false = truth_search(host, &args.pos[0], false)?;
    Ok(Value::bool(!found_false.truthy()))
}

builtin!(
    ISINSTANCE,
    "isinstance",
    "",
    "isinstance(obj, class_or_tuple, /)",
    "Whether obj is an instance of the type (or of any type in the tuple).",
    isinstance
);
fn isinstance(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("isinstance", &args, 2, 2)?;
    let kind = args.pos[0].type_kind();
    let matches = |t: &Value| -> PyResult<bool> {
        match t {
            Value::Type(t) => Ok(*t == kind || (*t == TypeKind::Int && kind == TypeKind::Bool)),
            _ => Err(PyError::type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )),
        }
    };
    let result = match &args.pos[1] {
        Value::Tuple(types) => {
            let mut any = false;
            for t in types.iter() {
                any |= matches(t)?;
            }
            any
        }
        t => matches(t)?,
    };
    Ok(Value::bool(result))
}

builtin!(
    REPR,
    "repr",
    "",
    "repr(obj, /)",
    "The printable representation of an object.",
    repr
);
fn repr(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("repr", &args, 1, 1)?;
    Ok(Value::string(repr_of(&args.pos[0])))
}

builtin!(
    DIVMOD,
    "divmod",
    "",
    "divmod(x, y, /)",
    "The pair (x // y, x % y).",
    divmod
);
fn divmod(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("divmod", &args, 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if matches!((a, b), (Value::Float(_), _) | (_, Value::Float(_))) && b.as_float() == Some(0.0) {
        return Err(PyError::zero_division("float divmod()"));
    }
    let q = ops::binary(BinOp::FloorDiv, a, b).map_err(|e| rename_op(e, "//", "divmod()"))?;
    let r = ops::binary(BinOp::Mod, a, b)?;
    Ok(Value::tuple(vec![q, r]))
}

fn rename_op(e: PyError, op: &str, name: &str) -> PyError {
    if e.message().contains(&format!("for {op}:")) {
        return PyError::type_error(
            e.message()
                .replace(&format!("for {op}:"), &format!("for {name}:")),
        );
    }
    e
}

builtin!(
    POW,
    "pow",
    "",
    "pow(base, exp, mod=None)",
    "base ** exp, or (base ** exp) % mod.",
    pow
);
fn pow(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("pow", &args, 2, 3)?;
    if let Some(m) = args.pos.get(2) {
        let (b, e, m) = (
            expect_int(&args.pos[0])?,
            expect_int(&args.pos[1])?,
            expect_int(m)?,
        );
        if m == 0 {
            return Err(PyError::value_error("pow() 3rd argument cannot be 0"));
        }
        if e < 0 {
            return Err(PyError::value_error(
                "pow() negative exponent with modulus is not supported in pgs",
            ));
        }
        let (mut result, mut base, mut exp, m128) =
            (1i128, (b as i128).rem_euclid(m as i128), e, m as i128);
        while exp > 0 {
            if exp & 1 == 1 {
                result = result * base % m128;
            }
            base = base * base % m128;
            exp >>= 1;
        }
        let r = result.rem_euclid(m128);
        return Ok(Value::Int(if m < 0 && r != 0 {
            (r + m128) as i64
        } else {
            r as i64
        }));
    }
    ops::binary(BinOp::Pow, &args.pos[0], &args.pos[1])
}

builtin!(
    ITER,
    "iter",
    "",
    "iter(iterable, /)",
    "An iterator over the items.",
    iter
);
fn iter(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("iter", &args, 1, 1)?;
    if let Value::Iter(_) = args.pos[0] {
        return Ok(args.pos[0].clone());
    }
    Ok(Value::iter(args.pos[0].iterate()?))
}

builtin!(
    NEXT,
    "next",
    "",
    "next(iterator[, default])",
    "The next item of an iterator.",
    next
);
fn next(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("next", &args, 1, 2)?;
    let Value::Iter(it) = &args.pos[0] else {
        return Err(PyError::type_error(format!(
            "'{}' object is not an iterator",
            args.pos[0].type_name()
        )));
    };
    let item = it.lock().next_value();
    match (item, args.pos.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(PyError::new(crate::diag::ExcKind::StopIteration, "")),
    }
}

builtin!(
    CHR,
    "chr",
    "",
    "chr(i, /)",
    "The one-character string of a Unicode code point.",
    chr
);
fn chr(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("chr", &args, 1, 1)?;
    let i = expect_int(&args.pos[0])?;
    u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .map(|c| Value::string(c.to_string()))
        .ok_or_else(|| PyError::value_error("chr() arg not in range(0x110000)"))
}

builtin!(
    ORD,
    "ord",
    "",
    "ord(c, /)",
    "The Unicode code point of a one-character string.",
    ord
);
fn ord(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("ord", &args, 1, 1)?;
    let Value::Str(s) = &args.pos[0] else {
        return Err(PyError::type_error(format!(
            "ord() expected string of length 1, but {} found",
            args.pos[0].type_name()
        )));
    };
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Value::Int(c as i64)),
        _ => Err(PyError::type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
    }
}

fn radix_text(args: &Args, name: &str, prefix: &str, digits: fn(u64) -> String) -> PyResult<Value> {
    arity(name, args, 1, 1)?;
    let i = expect_int(&args.pos[0])?;
    let sign = if i < 0 { "-" } else { "" };
    Ok(Value::string(format!(
        "{sign}{prefix}{}",
        digits(i.unsigned_abs())
    )))
}

builtin!(
    HEX,
    "hex",
    "",
    "hex(number, /)",
    "The hexadecimal text of an integer, like '0xff'.",
    hex
);
fn hex(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    radix_text(&args, "hex", "0x", |u| format!("{u:x}"))
}

builtin!(
    BIN,
    "bin",
    "",
    "bin(number, /)",
    "The binary text of an integer, like '0b101'.",
    bin
);
fn bin(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    radix_text(&args, "bin", "0b", |u| format!("{u:b}"))
}

builtin!(
    OCT,
    "oct",
    "",
    "oct(number, /)",
    "The octal text of an integer, like '0o17'.",
    oct
);
fn oct(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    radix_text(&args, "oct", "0o", |u| format!("{u:o}"))
}

builtin!(
    FORMAT,
    "format",
    "",
    "format(value, format_spec='', /)",
    "value formatted by the format-spec mini-language.",
    format
);
fn format(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("format", &args, 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(v) => super::expect_str(v, "format() argument 2")?.to_string(),
        None => String::new(),
    };
    Ok(Value::string(super::format_value(&args.pos[0], &spec)?))
}

builtin!(
    CALLABLE,
    "callable",
    "",
    "callable(obj, /)",
    "Whether obj can be called.",
    callable
);
fn callable(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("callable", &args, 1, 1)?;
    Ok(Value::bool(args.pos[0].is_callable()))
}

builtin!(
    HASH,
    "hash",
    "",
    "hash(obj, /)",
    "An integer hash of a hashable value (stable across runs in pgs).",
    hash
);
fn hash(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("hash", &args, 1, 1)?;
    let key = crate::value::Key::new(args.pos[0].clone())?;
    Ok(Value::Int(python_hash(&key.0)))
}

/// CPython's modulus for numeric hashes (`sys.hash_info.modulus`, 2**61 - 1): equal
/// numbers hash equal whatever their type.
const HASH_MODULUS: u64 = (1 << 61) - 1;

/// `hash(v)`: CPython's exact values for numbers and tuples of them; other values get a
/// stable hash of their own (CPython's str hashes are randomised per process anyway).
fn python_hash(v: &Value) -> i64 {
    use std::hash::BuildHasher;
    let h = match v {
        Value::Bool(b) => i64::from(b.get()),
        Value::Int(i) => int_hash(*i),
        Value::Float(x) => float_hash(x.get()),
        Value::Tuple(items) => tuple_hash(items),
        other => {
            let hasher = std::hash::BuildHasherDefault::<ahash::AHasher>::default();
            (hasher.hash_one(crate::value::Key(other.clone())) >> 1) as i64
        }
    };
    // -1 is CPython's error marker, so a hash is never -1.
    if h == -1 {
        -2
    } else {
        h
    }
}

fn int_hash(i: i64) -> i64 {
    let h = (i.unsigned_abs() % HASH_MODULUS) as i64;
    if i < 0 {
        -h
    } else {
        h
    }
}

/// Port of `_Py_HashDouble`: the float's exact rational value reduced modulo 2**61 - 1.
fn float_hash(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    let bits = 61;
    let (mut m, mut e) = super::math::frexp(x.abs());
    let mut acc: u64 = 0;
    while m != 0.0 {
        acc = ((acc << 28) & HASH_MODULUS) | (acc >> (bits - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        acc += y;
        if acc >= HASH_MODULUS {
            acc -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    };
    let e = e as u32;
    acc = ((acc << e) & HASH_MODULUS) | (acc >> (bits as u32 - e));
    let h = acc as i64;
    if x < 0.0 {
        -h
    } else {
        h
    }
}

/// Port of CPython's xxHash-based `tuplehash`.
fn tuple_hash(items: &[Value]) -> i64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME_5;
    for item in items {
        let lane = python_hash(item) as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// Keyword-argument names for builtins implemented elsewhere that take a `key`.
pub fn key_kwargs(args: &Args) -> (Option<Value>, bool) {
    (
        kwarg(args, "key").cloned(),
        kwarg(args, "reverse").is_some_and(Value::truthy),
    )
}
