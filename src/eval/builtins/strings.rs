//! The methods of `str`, `str.format`, and `%`-formatting.

use super::{expect_int, expect_str, kwarg, method_arity, recv_str, unicode};
use crate::builtin;
use crate::diag::ExcKind;
use crate::diag::{PyError, PyResult};
use crate::output::format::{
    percent_format_mapping, PercentArg, PercentError, PercentLookup, PercentValue, PyErrorKind,
};
use crate::output::repr::{repr, str as str_of};
use crate::value::{Args, BuiltinDef, Host, Value};
use std::borrow::Cow;

/// The `str` method called `name`.
pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    Some(match name {
        "split" => &SPLIT,
        "rsplit" => &RSPLIT,
        "join" => &JOIN,
        "strip" => &STRIP,
        "lstrip" => &LSTRIP,
        "rstrip" => &RSTRIP,
        "upper" => &UPPER,
        "lower" => &LOWER,
        "casefold" => &CASEFOLD,
        "title" => &TITLE,
        "capitalize" => &CAPITALIZE,
        "swapcase" => &SWAPCASE,
        "replace" => &REPLACE,
        "find" => &FIND,
        "rfind" => &RFIND,
        "index" => &INDEX,
        "rindex" => &RINDEX,
        "count" => &COUNT,
        "startswith" => &STARTSWITH,
        "endswith" => &ENDSWITH,
        "isdigit" => &ISDIGIT,
        "isdecimal" => &ISDECIMAL,
        "isnumeric" => &ISNUMERIC,
        "isalpha" => &ISALPHA,
        "isalnum" => &ISALNUM,
        "isspace" => &ISSPACE,
        "isupper" => &ISUPPER,
        "islower" => &ISLOWER,
        "istitle" => &ISTITLE,
        "zfill" => &ZFILL,
        "center" => &CENTER,
        "ljust" => &LJUST,
        "rjust" => &RJUST,
        "splitlines" => &SPLITLINES,
        "partition" => &PARTITION,
        "rpartition" => &RPARTITION,
        "format" => &FORMAT,
        "removeprefix" => &REMOVEPREFIX,
        "removesuffix" => &REMOVESUFFIX,
        _ => return None,
    })
}

/// Names of all str methods, for completion and `help`.
pub const METHOD_NAMES: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "endswith",
    "find",
    "format",
    "index",
    "isalnum",
    "isalpha",
    "isdecimal",
    "isdigit",
    "islower",
    "isnumeric",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "upper",
    "zfill",
];

fn text(s: String) -> PyResult<Value> {
    Ok(Value::string(s))
}

/// The optional `sep` and `maxsplit` of split/rsplit.
fn split_args<'a>(name: &str, args: &Args<'a>) -> PyResult<(Option<&'a str>, i64)> {
    method_arity(name, args, 0, 2)?;
    let sep = match args.pos.get(1).or_else(|| kwarg(args, "sep")) {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = match v {
                Value::Str(s) => s.as_str(),
                other => {
                    return Err(PyError::type_error(format!(
                        "must be str or None, not {}",
                        other.type_name()
                    )))
                }
            };
            if s.is_empty() {
                return Err(PyError::value_error("empty separator"));
            }
            Some(s)
        }
    };
    let maxsplit = match args.pos.get(2).or_else(|| kwarg(args, "maxsplit")) {
        Some(v) => expect_int(v)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn to_list(parts: Vec<&str>) -> PyResult<Value> {
    Ok(Value::list(parts.into_iter().map(Value::str).collect()))
}

/// Non-overlapping occurrences of `pat` (not empty) in `s`, counted only as far as
/// `at_most + 1`: enough to decide whether a result would fit the memory limit.
fn count_upto(s: &str, pat: &str, at_most: usize) -> usize {
    match pat.as_bytes() {
        // One byte (the common `split(",")`): a plain count, which vectorises.
        [b] => s.bytes().filter(|c| c == b).count(),
        _ => s.matches(pat).take(at_most.saturating_add(1)).count(),
    }
}

/// The most pieces a split may make within the memory limit.
fn max_parts() -> usize {
    crate::limits::memory() / std::mem::size_of::<Value>()
}

/// Refuses a split into `parts` pieces over the memory limit (`("a" * 10**8).split("a")`
/// makes 10**8 strings); counted before or while the pieces are gathered.
fn check_parts(parts: usize) -> PyResult<()> {
    let bytes = parts.checked_mul(std::mem::size_of::<Value>());
    crate::limits::check_allocation(bytes, "a list of that many pieces")
}

builtin!(
    SPLIT,
    "split",
    "str",
    "str.split(sep=None, maxsplit=-1)",
    "Splits at sep, or at runs of whitespace when sep is None.",
    split
);
fn split(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let s = recv_str(&args);
    let (sep, maxsplit) = split_args("split", &args)?;
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    match sep {
        Some(sep) => {
            check_parts(
                count_upto(s, sep, limit.min(max_parts()))
                    .min(limit)
                    .saturating_add(1),
            )?;
            let parts: Vec<&str> = if limit == usize::MAX {
                s.split(sep).collect()
            } else {
                s.splitn(limit + 1, sep).collect()
            };
            to_list(parts)
        }
        None => {
            let mut parts = Vec::new();
            let mut rest = s.trim_start_matches(unicode::is_space);
            while !rest.is_empty() {
                if parts.len() == limit {
                    parts.push(rest);
                    break;
                }
                let end = rest.find(unicode::is_space).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(unicode::is_space);
                if parts.len().is_multiple_of(4096) {
                    check_parts(parts.len())?;
                }
            }
            to_list(parts)
        }
    }
}

builtin!(
    RSPLIT,
    "rsplit",
    "str",
    "str.rsplit(sep=None, maxsplit=-1)",
    "Splits from the right.",
    rsplit
);
fn rsplit(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let s = recv_str(&args);
    let (sep, maxsplit) = split_args("rsplit", &args)?;
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    if let Some(sep) = sep {
        check_parts(
            count_upto(s, sep, limit.min(max_parts()))
                .min(limit)
                .saturating_add(1),
        )?;
    }
    let mut parts: Vec<&str> = match sep {
        Some(sep) if limit == usize::MAX => s.rsplit(sep).collect(),
        Some(sep) => s.rsplitn(limit + 1, sep).collect(),
        None => {
            let mut parts = Vec::new();
            let mut rest = s.trim_end_matches(unicode::is_space);
            while !rest.is_empty() {
                if parts.len() == limit {
                    parts.push(rest);
                    break;
                }
                let start = rest.rfind(unicode::is_space).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                parts.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(unicode::is_space);
                if parts.len().is_multiple_of(4096) {
                    check_parts(parts.len())?;
                }
            }
            parts
        }
    };
    parts.reverse();
    to_list(parts)
}

builtin!(
    JOIN,
    "join",
    "str",
    "str.join(iterable)",
    "Concatenates the strings, separated by this one.",
    join
);
fn join(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("join", &args, 1, 1)?;
    let sep = recv_str(&args);
    let items = args.pos[1].to_vec()?;
    // The result's size, known before building it: over the memory limit it is a
    // MemoryError, not an out-of-memory kill.
    let mut size = Some(sep.len().saturating_mul(items.len().saturating_sub(1)));
    for (i, item) in items.iter().enumerate() {
        let Value::Str(s) = item else {
            return Err(PyError::type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                item.type_name()
            )));
        };
        size = size.and_then(|n| n.checked_add(s.len()));
    }
    crate::limits::check_allocation(size, "the joined string")?;
    let mut out = String::with_capacity(size.unwrap_or(0));
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if let Value::Str(s) = item {
            out.push_str(s);
        }
    }
    text(out)
}

fn strip_chars<'a>(name: &str, args: &Args<'a>) -> PyResult<Option<&'a str>> {
    method_arity(name, args, 0, 1)?;
    match args.pos.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(_) => Err(PyError::type_error(format!(
            "{name} arg must be None or str"
        ))),
    }
}

builtin!(
    STRIP,
    "strip",
    "str",
    "str.strip(chars=None)",
    "Removes leading and trailing whitespace (or chars).",
    strip
);
fn strip(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let s = recv_str(&args);
    Ok(Value::str(match strip_chars("strip", &args)? {
        None => s.trim_matches(unicode::is_space),
        Some(cs) => s.trim_matches(|c| cs.contains(c)),
    }))
}

builtin!(
    LSTRIP,
    "lstrip",
    "str",
    "str.lstrip(chars=None)",
    "Removes leading whitespace (or chars).",
    lstrip
);
fn lstrip(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let s = recv_str(&args);
    Ok(Value::str(match strip_chars("lstrip", &args)? {
        None => s.trim_start_matches(unicode::is_space),
        Some(cs) => s.trim_start_matches(|c| cs.contains(c)),
    }))
}

builtin!(
    RSTRIP,
    "rstrip",
    "str",
    "str.rstrip(chars=None)",
    "Removes trailing whitespace (or chars).",
    rstrip
);
fn rstrip(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let s = recv_str(&args);
    Ok(Value::str(match strip_chars("rstrip", &args)? {
        None => s.trim_end_matches(unicode::is_space),
        Some(cs) => s.trim_end_matches(|c| cs.contains(c)),
    }))
}

builtin!(
    UPPER,
    "upper",
    "str",
    "str.upper()",
    "An upper-case copy.",
    upper
);
fn upper(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("upper", &args, 0, 0)?;
    text(recv_str(&args).to_uppercase())
}

builtin!(
    LOWER,
    "lower",
    "str",
    "str.lower()",
    "A lower-case copy.",
    lower
);
fn lower(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("lower", &args, 0, 0)?;
    text(recv_str(&args).to_lowercase())
}

builtin!(
    CASEFOLD,
    "casefold",
    "str",
    "str.casefold()",
    "A copy for caseless comparison.",
    casefold
);
fn casefold(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("casefold", &args, 0, 0)?;
    let s = recv_str(&args);
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| unicode::push_casefold(&mut out, c));
    text(out)
}

/// Python's title(): a cased character after an uncased one starts a word and is put
/// in title case; the others are lowered.
fn title_case(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            unicode::push_lower_at(&mut out, &chars, i);
        } else {
            unicode::push_title(&mut out, c);
        }
        prev_cased = unicode::is_cased(c);
    }
    out
}

builtin!(
    TITLE,
    "title",
    "str",
    "str.title()",
    "Each word capitalised.",
    title
);
fn title(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("title", &args, 0, 0)?;
    text(title_case(recv_str(&args)))
}

builtin!(
    CAPITALIZE,
    "capitalize",
    "str",
    "str.capitalize()",
    "First character upper-case, the rest lower-case.",
    capitalize
);
fn capitalize(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("capitalize", &args, 0, 0)?;
    let s = recv_str(&args);
    let chars: Vec<char> = s.chars().collect();
    // Since Python 3.8 the first character is put in title case, not upper case.
    let mut out = String::with_capacity(s.len());
    if let Some(&first) = chars.first() {
        unicode::push_title(&mut out, first);
        (1..chars.len()).for_each(|i| unicode::push_lower_at(&mut out, &chars, i));
    }
    text(out)
}

builtin!(
    SWAPCASE,
    "swapcase",
    "str",
    "str.swapcase()",
    "Upper-case to lower-case and back.",
    swapcase
);
fn swapcase(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("swapcase", &args, 0, 0)?;
    let s = recv_str(&args);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            unicode::push_lower_at(&mut out, &chars, i);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    text(out)
}

builtin!(
    REPLACE,
    "replace",
    "str",
    "str.replace(old, new, count=-1)",
    "Replaces occurrences of old by new.",
    replace
);
fn replace(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("replace", &args, 2, 3)?;
    let s = recv_str(&args);
    let old = expect_str(&args.pos[1], "replace() argument 1")?;
    let new = expect_str(&args.pos[2], "replace() argument 2")?;
    let count = match args.pos.get(3) {
        Some(v) => expect_int(v)?,
        None => -1,
    };
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    if new.len() > old.len() {
        // Each replacement grows the text: refuse a result over the memory limit
        // before building it (`("a" * 10**8).replace("a", "b" * 10)`).
        let found = if old.is_empty() {
            s.chars().count().saturating_add(1)
        } else {
            // Each replacement adds at least a byte: counting past the limit is moot.
            count_upto(s, old, limit.min(crate::limits::memory()))
        };
        let size = found
            .min(limit)
            .checked_mul(new.len() - old.len())
            .and_then(|grown| grown.checked_add(s.len()));
        crate::limits::check_allocation(size, "the replaced string")?;
    }
    if count < 0 {
        return text(s.replace(old, new));
    }
    text(s.replacen(old, new, limit))
}

/// Byte range of `s[start:end]` given Python (character) bounds, or `None` when the
/// window is empty because it starts past its end. CPython clamps `end` to the length
/// but never `start`, so `'ab'.find('', 5)` is -1 while `'ab'.find('', 2)` is 2.
fn char_window(s: &str, args: &Args, first: usize) -> PyResult<Option<(usize, usize)>> {
    let n = s.chars().count() as i64;
    let bound = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        let i = match v {
            None | Some(Value::None) => return Ok(default),
            Some(v) => expect_int(v)?,
        };
        Ok(if i < 0 { (i + n).max(0) } else { i })
    };
    let start = bound(args.pos.get(first), 0)?;
    let end = bound(args.pos.get(first + 1), n)?.min(n);
    if start > end {
        return Ok(None);
    }
    if s.is_ascii() {
        return Ok(Some((start as usize, end as usize)));
    }
    let to_byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok(Some((to_byte(start), to_byte(end))))
}

fn char_index(s: &str, byte: usize) -> i64 {
    if s.is_ascii() {
        byte as i64
    } else {
        s[..byte].chars().count() as i64
    }
}

fn search(args: &Args, name: &str, from_right: bool) -> PyResult<Option<i64>> {
    method_arity(name, args, 1, 3)?;
    let s = recv_str(args);
    let sub = expect_str(&args.pos[1], "")?;
    let Some((lo, hi)) = char_window(s, args, 2)? else {
        return Ok(None);
    };
    let window = &s[lo..hi];
    let found = if from_right {
        window.rfind(sub)
    } else {
        window.find(sub)
    };
    Ok(found.map(|b| char_index(s, lo + b)))
}

builtin!(
    FIND,
    "find",
    "str",
    "str.find(sub[, start[, end]])",
    "Lowest index of sub, or -1.",
    find
);
fn find(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    Ok(Value::Int(search(&args, "find", false)?.unwrap_or(-1)))
}

builtin!(
    RFIND,
    "rfind",
    "str",
    "str.rfind(sub[, start[, end]])",
    "Highest index of sub, or -1.",
    rfind
);
fn rfind(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    Ok(Value::Int(search(&args, "rfind", true)?.unwrap_or(-1)))
}

builtin!(
    INDEX,
    "index",
    "str",
    "str.index(sub[, start[, end]])",
    "Lowest index of sub; ValueError if absent.",
    index
);
fn index(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    search(&args, "index", false)?
        .map(Value::Int)
        .ok_or_else(|| PyError::value_error("substring not found"))
}

builtin!(
    RINDEX,
    "rindex",
    "str",
    "str.rindex(sub[, start[, end]])",
    "Highest index of sub; ValueError if absent.",
    rindex
);
fn rindex(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    search(&args, "rindex", true)?
        .map(Value::Int)
        .ok_or_else(|| PyError::value_error("substring not found"))
}

builtin!(
    COUNT,
    "count",
    "str",
    "str.count(sub[, start[, end]])",
    "Non-overlapping occurrences of sub.",
    count
);
fn count(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("count", &args, 1, 3)?;
    let s = recv_str(&args);
    let sub = expect_str(&args.pos[1], "")?;
    let Some((lo, hi)) = char_window(s, &args, 2)? else {
        return Ok(Value::Int(0));
    };
    let window = &s[lo..hi];
    let n = if sub.is_empty() {
        window.chars().count() + 1
    } else {
        window.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

fn affix_test(args: &Args, name: &str, test: fn(&str, &str) -> bool) -> PyResult<Value> {
    method_arity(name, args, 1, 3)?;
    let s = recv_str(args);
    let window = char_window(s, args, 2)?.map(|(lo, hi)| &s[lo..hi]);
    let matches = |p: &str| window.is_some_and(|w| test(w, p));
    match &args.pos[1] {
        Value::Str(p) => Ok(Value::bool(matches(p))),
        // Checked lazily, as CPython does: a match before a non-str item wins.
        Value::Tuple(options) => {
            for o in options.iter() {
                let Value::Str(p) = o else {
                    return Err(PyError::type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        o.type_name()
                    )));
                };
                if matches(p) {
                    return Ok(Value::bool(true));
                }
            }
            Ok(Value::bool(false))
        }
        other => Err(PyError::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            other.type_name()
        ))),
    }
}

builtin!(
    STARTSWITH,
    "startswith",
    "str",
    "str.startswith(prefix[, start[, end]])",
    "Whether the string starts with prefix (or any in a tuple).",
    startswith
);
fn startswith(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    affix_test(&args, "startswith", |s, p| s.starts_with(p))
}

builtin!(
    ENDSWITH,
    "endswith",
    "str",
    "str.endswith(suffix[, start[, end]])",
    "Whether the string ends with suffix (or any in a tuple).",
    endswith
);
fn endswith(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    affix_test(&args, "endswith", |s, p| s.ends_with(p))
}

fn char_class(args: &Args, name: &str, test: fn(char) -> bool) -> PyResult<Value> {
    method_arity(name, args, 0, 0)?;
    let s = recv_str(args);
    Ok(Value::bool(!s.is_empty() && s.chars().all(test)))
}

builtin!(
    ISDIGIT,
    "isdigit",
    "str",
    "str.isdigit()",
    "Whether all characters are digits.",
    isdigit
);
fn isdigit(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    char_class(&args, "isdigit", unicode::is_digit)
}

builtin!(
    ISDECIMAL,
    "isdecimal",
    "str",
    "str.isdecimal()",
    "Whether all characters are decimal digits.",
    isdecimal
);
fn isdecimal(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    char_class(&args, "isdecimal", unicode::is_decimal)
}

builtin!(
    ISNUMERIC,
    "isnumeric",
    "str",
    "str.isnumeric()",
    "Whether all characters are numeric.",
    isnumeric
);
fn isnumeric(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    char_class(&args, "isnumeric", unicode::is_numeric)
}

builtin!(
    ISALPHA,
    "isalpha",
    "str",
    "str.isalpha()",
    "Whether all characters are letters.",
    isalpha
);
fn isalpha(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    char_class(&args, "isalpha", char::is_alphabetic)
}

builtin!(
    ISALNUM,
    "isalnum",
    "str",
    "str.isalnum()",
    "Whether all characters are letters or digits.",
    isalnum
);
fn isalnum(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    char_class(&args, "isalnum", unicode::is_alnum)
}

builtin!(
    ISSPACE,
    "isspace",
    "str",
    "str.isspace()",
    "Whether all characters are whitespace.",
    isspace
);
fn isspace(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    char_class(&args, "isspace", unicode::is_space)
}

fn case_test(args: &Args, name: &str, want_upper: bool) -> PyResult<Value> {
    method_arity(name, args, 0, 0)?;
    let s = recv_str(args);
    let mut cased = false;
    for c in s.chars() {
        // A titlecase letter (`ǅ`) is neither upper nor lower case: both tests fail.
        if unicode::is_titlecase(c) {
            return Ok(Value::bool(false));
        }
        if c.is_uppercase() || c.is_lowercase() {
            cased = true;
            if c.is_uppercase() != want_upper {
                return Ok(Value::bool(false));
            }
        }
    }
    Ok(Value::bool(cased))
}

builtin!(
    ISUPPER,
    "isupper",
    "str",
    "str.isupper()",
    "Whether all cased characters are upper-case.",
    isupper
);
fn isupper(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    case_test(&args, "isupper", true)
}

builtin!(
    ISLOWER,
    "islower",
    "str",
    "str.islower()",
    "Whether all cased characters are lower-case.",
    islower
);
fn islower(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    case_test(&args, "islower", false)
}

builtin!(
    ISTITLE,
    "istitle",
    "str",
    "str.istitle()",
    "Whether the string is title-cased.",
    istitle
);
fn istitle(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("istitle", &args, 0, 0)?;
    // CPython's rule: upper and title case only after uncased characters, lower case
    // only after cased ones, and at least one cased character.
    let mut cased = false;
    let mut prev_cased = false;
    for c in recv_str(&args).chars() {
        if c.is_uppercase() || unicode::is_titlecase(c) {
            if prev_cased {
                return Ok(Value::bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(Value::bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

fn width_arg(args: &Args) -> PyResult<usize> {
    let width = expect_int(&args.pos[1])?.max(0) as usize;
    crate::limits::check_allocation(Some(width), "a string of that width")?;
    Ok(width)
}

fn fill_arg(args: &Args) -> PyResult<char> {
    match args.pos.get(2) {
        None => Ok(' '),
        Some(Value::Str(f)) => {
            let mut chars = f.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(PyError::type_error(
                    "The fill character must be exactly one character long",
                )),
            }
        }
        Some(other) => Err(PyError::type_error(format!(
            "The fill character must be a unicode character, not {}",
            other.type_name()
        ))),
    }
}

fn pad(args: &Args, name: &str, left_share: impl Fn(usize) -> usize) -> PyResult<Value> {
    method_arity(name, args, 1, 2)?;
    let s = recv_str(args);
    let width = width_arg(args)?;
    let fill = fill_arg(args)?;
    let len = s.chars().count();
    if width <= len {
        return Ok(args.pos[0].clone());
    }
    let total = width - len;
    let left = left_share(total);
    let f = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    text(format!("{}{s}{}", f(left), f(total - left)))
}

builtin!(
    CENTER,
    "center",
    "str",
    "str.center(width, fillchar=' ')",
    "Centred in a field of width.",
    center
);
fn center(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    let width = match args.pos.get(1) {
        Some(w) => expect_int(w)?,
        None => 0,
    };
    // CPython's rule (unicodeobject.c `pad`): the odd fill character goes left only
    // when the width is odd as well.
    let odd_width = usize::from(width & 1 == 1);
    pad(&args, "center", move |t| t / 2 + (t & odd_width))
}

builtin!(
    LJUST,
    "ljust",
    "str",
    "str.ljust(width, fillchar=' ')",
    "Left-justified in a field of width.",
    ljust
);
fn ljust(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    pad(&args, "ljust", |_| 0)
}

builtin!(
    RJUST,
    "rjust",
    "str",
    "str.rjust(width, fillchar=' ')",
    "Right-justified in a field of width.",
    rjust
);
fn rjust(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    pad(&args, "rjust", |t| t)
}

builtin!(
    ZFILL,
    "zfill",
    "str",
    "str.zfill(width)",
    "Padded on the left with zeros, after any sign.",
    zfill
);
fn zfill(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("zfill", &args, 1, 1)?;
    let s = recv_str(&args);
    let width = width_arg(&args)?;
    let len = s.chars().count();
    if width <= len {
        return Ok(args.pos[0].clone());
    }
    let zeros = "0".repeat(width - len);
    let out = match s.as_bytes().first() {
        Some(b'+' | b'-') => format!("{}{zeros}{}", &s[..1], &s[1..]),
        _ => format!("{zeros}{s}"),
    };
    text(out)
}

builtin!(
    SPLITLINES,
    "splitlines",
    "str",
    "str.splitlines(keepends=False)",
    "The lines, split at line boundaries.",
    splitlines
);
fn splitlines(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("splitlines", &args, 0, 1)?;
    let keep = args
        .pos
        .get(1)
        .or_else(|| kwarg(&args, "keepends"))
        .is_some_and(Value::truthy);
    let s = recv_str(&args);
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (b, c) = bytes[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = b + c.len_utf8();
            if c == '\r' && bytes.get(i + 1).is_some_and(|(_, n)| *n == '\n') {
                end += 1;
                i += 1;
            }
            lines.push(if keep { &s[start..end] } else { &s[start..b] });
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    to_list(lines)
}

fn partition_impl(args: &Args, name: &str, from_right: bool) -> PyResult<Value> {
    method_arity(name, args, 1, 1)?;
    let s = recv_str(args);
    let sep = expect_str(&args.pos[1], "")?;
    if sep.is_empty() {
        return Err(PyError::value_error("empty separator"));
    }
    let found = if from_right {
        s.rfind(sep)
    } else {
        s.find(sep)
    };
    let parts = match found {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None if from_right => ["", "", s],
        None => [s, "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}

builtin!(
    PARTITION,
    "partition",
    "str",
    "str.partition(sep)",
    "(before, sep, after) at the first sep.",
    partition
);
fn partition(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    partition_impl(&args, "partition", false)
}

builtin!(
    RPARTITION,
    "rpartition",
    "str",
    "str.rpartition(sep)",
    "(before, sep, after) at the last sep.",
    rpartition
);
fn rpartition(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    partition_impl(&args, "rpartition", true)
}

builtin!(
    REMOVEPREFIX,
    "removeprefix",
    "str",
    "str.removeprefix(prefix)",
    "The string without prefix, if it starts with it.",
    removeprefix
);
fn removeprefix(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("removeprefix", &args, 1, 1)?;
    let s = recv_str(&args);
    let p = expect_str(&args.pos[1], "removeprefix() argument")?;
    Ok(Value::str(s.strip_prefix(p).unwrap_or(s)))
}

builtin!(
    REMOVESUFFIX,
    "removesuffix",
    "str",
    "str.removesuffix(suffix)",
    "The string without suffix, if it ends with it.",
    removesuffix
);
fn removesuffix(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("removesuffix", &args, 1, 1)?;
    let s = recv_str(&args);
    let p = expect_str(&args.pos[1], "removesuffix() argument")?;
    Ok(Value::str(s.strip_suffix(p).unwrap_or(s)))
}

builtin!(
    FORMAT,
    "format",
    "str",
    "str.format(*args, **kwargs)",
    "Replaces {} fields with the formatted arguments.",
    format
);
fn format(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    let mut fields = FormatArgs {
        positional: &args.pos[1..],
        kw: args.kw,
        numbering: Numbering::Unknown,
    };
    text(render_template(recv_str(&args), &mut fields, 0, host)?)
}

/// How `str.format` has numbered its fields so far: CPython refuses to mix `{}` with
/// `{0}` in one call.
#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

/// The arguments of one `str.format` call.
struct FormatArgs<'a> {
    positional: &'a [Value],
    kw: &'a [(crate::syntax::ast::Name, Value)],
    numbering: Numbering,
}

impl FormatArgs<'_> {
    fn positional(&self, i: usize) -> PyResult<Value> {
        self.positional.get(i).cloned().ok_or_else(|| {
            PyError::index_error(format!(
                "Replacement index {i} out of range for positional args tuple"
            ))
        })
    }

    /// The value an empty field name (`{}`) stands for.
    fn next_auto(&mut self) -> PyResult<Value> {
        let i =
            match self.numbering {
                Numbering::Unknown => 0,
                Numbering::Auto(i) => i,
                Numbering::Manual => return Err(PyError::value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                )),
            };
        self.numbering = Numbering::Auto(i + 1);
        self.positional(i)
    }

    fn numbered(&mut self, i: usize) -> PyResult<Value> {
        if let Numbering::Auto(_) = self.numbering {
            return Err(PyError::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        self.numbering = Numbering::Manual;
        self.positional(i)
    }

    fn keyword(&self, name: &str) -> PyResult<Value> {
        self.kw
            .iter()
            .find(|(k, _)| k.as_ref() == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| PyError::key_error(repr(&Value::str(name))))
    }
}

/// Expands `{…}` fields of a `str.format` template; `depth` counts nesting inside
/// format specs (`{:>{width}}`), which CPython allows one level deep.
fn render_template(
    template: &str,
    args: &mut FormatArgs,
    depth: u8,
    host: &mut dyn Host,
) -> PyResult<String> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::with_capacity(template.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            '{' if next == Some('{') => out.push('{'),
            '}' if next == Some('}') => out.push('}'),
            '}' => {
                return Err(PyError::value_error(
                    "Single '}' encountered in format string",
                ))
            }
            '{' => {
                let end = matching_brace(&chars, i)?;
                let field: String = chars[i + 1..end].iter().collect();
                out.push_str(&format_field(&field, args, depth, host)?);
                i = end + 1;
                continue;
            }
            c => {
                out.push(c);
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    Ok(out)
}

/// The index of the `}` closing the field opened at `open`, counting nested braces.
fn matching_brace(chars: &[char], open: usize) -> PyResult<usize> {
    if open + 1 == chars.len() {
        return Err(PyError::value_error(
            "Single '{' encountered in format string",
        ));
    }
    let mut depth = 0usize;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(j);
                }
            }
            _ => {}
        }
    }
    Err(PyError::value_error("expected '}' before end of string"))
}

/// One replacement field: `name[.attr|[key]]*[!conversion][:spec]`.
fn format_field(
    field: &str,
    args: &mut FormatArgs,
    depth: u8,
    host: &mut dyn Host,
) -> PyResult<String> {
    // The name ends at the first '!' or ':' outside square brackets.
    let mut in_brackets = false;
    let name_end = field
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                _ => {}
            }
            !in_brackets && (c == '!' || c == ':')
        })
        .map_or(field.len(), |(i, _)| i);
    let (name, rest) = field.split_at(name_end);
    let (conversion, spec) = match rest.strip_prefix('!') {
        Some(conv) => {
            let mut cs = conv.chars();
            let c = cs.next();
            let after = cs.as_str();
            if !(after.is_empty() || after.starts_with(':')) {
                return Err(PyError::value_error(
                    "expected ':' after conversion specifier",
                ));
            }
            (c, after.strip_prefix(':').unwrap_or(after))
        }
        None => (None, rest.strip_prefix(':').unwrap_or(rest)),
    };
    let value = field_value(name, args, host)?;
    let value = match conversion {
        None => value,
        Some('r' | 'a') => Value::string(repr(&value)),
        Some('s') => Value::string(str_of(&value)),
        Some(other) => {
            return Err(PyError::value_error(format!(
                "Unknown conversion specifier {other}"
            )))
        }
    };
    let spec = if spec.contains('{') {
        if depth >= 1 {
            return Err(PyError::value_error("Max string recursion exceeded"));
        }
        render_template(spec, args, depth + 1, host)?
    } else {
        spec.to_string()
    };
    super::format_value(&value, &spec)
}

/// The object a field name designates: an argument, then `.attr` and `[key]` steps.
fn field_value(name: &str, args: &mut FormatArgs, host: &mut dyn Host) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let mut value = if first.is_empty() {
        args.next_auto()?
    } else if let Ok(i) = first.parse::<usize>() {
        args.numbered(i)?
    } else {
        args.keyword(first)?
    };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return Err(PyError::value_error("Empty attribute in format string"));
            }
            value = super::get_attr(&value, &after[..end], host)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after
                .find(']')
                .ok_or_else(|| PyError::value_error("Missing ']' in format string"))?;
            let key = &after[..end];
            if key.is_empty() {
                return Err(PyError::value_error("Empty attribute in format string"));
            }
            // A key of digits is an int index; anything else is a str key.
            let key = key
                .parse::<i64>()
                .ok()
                .filter(|_| key.bytes().all(|b| b.is_ascii_digit()))
                .map_or_else(|| Value::str(key), Value::Int);
            value = crate::eval::index::getitem(&value, &key)?;
            rest = &after[end + 1..];
        } else {
            return Err(PyError::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

/// `fmt % args`: the operands seen as CPython's `%` sees them. A right operand that is
/// subscriptable but not a tuple (a dict, also a list or range) is a mapping for
/// `%(key)s`, as in CPython.
pub fn percent_format(fmt: &str, args: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let operands: Vec<PercentArg> = items.iter().map(percent_arg).collect();
    let mut lookup = |key: &str| -> Result<PercentArg<'static>, PercentError> {
        match crate::eval::index::getitem(args, &Value::str(key)) {
            Ok(v) => Ok(percent_arg(&v)),
            Err(e) => Err(PercentError {
                kind: if e.kind() == ExcKind::KeyError {
                    PyErrorKind::KeyError
                } else {
                    PyErrorKind::TypeError
                },
                message: e.message().to_string(),
            }),
        }
    };
    let is_mapping = matches!(args, Value::Dict(_) | Value::List(_) | Value::Range(_));
    let lookup: Option<&mut PercentLookup> = if is_mapping { Some(&mut lookup) } else { None };
    percent_format_mapping(fmt, &operands, lookup)
        .map(Value::string)
        .map_err(|e| match e.kind {
            PyErrorKind::TypeError => PyError::type_error(e.message),
            PyErrorKind::ValueError => PyError::value_error(e.message),
            PyErrorKind::OverflowError => PyError::overflow(e.message),
            PyErrorKind::MemoryError => PyError::memory_error(e.message),
            PyErrorKind::KeyError => PyError::key_error(e.message),
        })
}

/// One `%` operand, with its str() and repr() texts computed up front.
fn percent_arg(v: &Value) -> PercentArg<'static> {
    match v {
        Value::Int(i) => PercentArg::int(*i),
        Value::Bool(b) => PercentArg::bool(b.get()),
        Value::Float(x) => PercentArg::float(x.get()),
        Value::Str(s) => PercentArg {
            value: PercentValue::Str,
            str_text: Cow::Owned(s.to_string()),
            repr_text: Cow::Owned(repr(v)),
        },
        other => PercentArg::other(other.type_name(), str_of(other), repr(other)),
    }
}
