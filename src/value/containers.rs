//! Storage behind the container values: dict keys with Python's hashing and
//! equality, `range`, and text files.

use super::Value;
use crate::diag::{ExcKind, PyError, PyResult};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Insertion-ordered, like Python's dict. The hasher is fixed so lowering and printing
/// never depend on a random seed (architecture decision 9).
pub type DictMap = indexmap::IndexMap<Key, Value, std::hash::BuildHasherDefault<ahash::AHasher>>;

/// A set's items, insertion-ordered (see docs/language.md: CPython orders by hash).
pub type SetMap = indexmap::IndexSet<Key, std::hash::BuildHasherDefault<ahash::AHasher>>;

/// A hashable value used as a dict key. `1`, `1.0` and `True` are the same key, as in
/// Python.
#[derive(Clone)]
pub struct Key(pub Value);

impl Key {
    /// Checks hashability: lists and dicts are not, as in Python.
    pub fn new(v: Value) -> PyResult<Key> {
        check_hashable(&v)?;
        Ok(Key(v))
    }
}

fn check_hashable(v: &Value) -> PyResult<()> {
    match v {
        Value::List(_)
        | Value::Dict(_)
        | Value::DictKeys(_)
        | Value::DictValues(_)
        | Value::DictItems(_)
        | Value::Set(_) => Err(PyError::type_error(format!(
            "unhashable type: '{}'",
            v.type_name()
        ))),
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        _ => Ok(()),
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state);
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::None => 0u8.hash(state),
        Value::Bool(b) => (b.get() as i64).hash(state),
        Value::Int(i) => i.hash(state),
        Value::Float(x) => {
            let x = x.get();
            if x.fract() == 0.0 && x.abs() < 9.2e18 {
                (x as i64).hash(state)
            } else {
                x.to_bits().hash(state)
            }
        }
        Value::Str(s) => s.hash(state),
        Value::Tuple(items) => {
            items.len().hash(state);
            items.iter().for_each(|i| hash_value(i, state));
        }
        Value::Range(r) => (r.start, r.stop, r.step).hash(state),
        Value::Type(t) => t.hash(state),
        Value::Builtin(b) => std::ptr::hash(*b, state),
        Value::Func(f) => std::ptr::hash(Arc::as_ptr(f), state),
        Value::Module(m) => m.name.hash(state),
        _ => 1u8.hash(state),
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        super::compare::equal(&self.0, &other.0)
    }
}

impl Eq for Key {}

/// `range(start, stop, step)`; never materialised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    /// The item count, which can exceed `i64::MAX` (`range(-2**63, 2**63 - 1)`):
    /// `range()` refuses such a range, so [`len`](Self::len) always fits.
    pub fn count(&self) -> i128 {
        let (lo, hi, step) = if self.step > 0 {
            (self.start as i128, self.stop as i128, self.step as i128)
        } else {
            (self.stop as i128, self.start as i128, -(self.step as i128))
        };
        if hi <= lo {
            0
        } else {
            (hi - lo - 1) / step + 1
        }
    }

    pub fn len(&self) -> i64 {
        self.count() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at `i`, for `0 <= i < len` (between start and stop, so it fits even
    /// when `i * step` alone would not).
    pub fn get(&self, i: i64) -> i64 {
        self.at(i) as i64
    }

    /// `start + i * step` for any `i`, unbounded: the value one step before or after
    /// the ends may lie outside 64 bits.
    pub fn at(&self, i: i64) -> i128 {
        self.start as i128 + i as i128 * self.step as i128
    }
}

/// A text file opened by `open(path, mode)`.
pub struct FileObj {
    pub path: String,
    pub mode: String,
    /// Text not yet read, for read modes.
    pub unread: Option<String>,
    /// Text written so far, for write modes; flushed on close.
    pub written: String,
    pub closed: bool,
}

impl FileObj {
    fn check_open(&self) -> PyResult<()> {
        if self.closed {
            return Err(PyError::value_error("I/O operation on closed file."));
        }
        Ok(())
    }

    fn readable(&mut self) -> PyResult<&mut String> {
        self.check_open()?;
        self.unread
            .as_mut()
            .ok_or_else(|| PyError::new(ExcKind::OSError, "not readable"))
    }

    pub fn read_all(&mut self) -> PyResult<String> {
        Ok(std::mem::take(self.readable()?))
    }

    /// Up to `n` characters (not bytes) from the current position.
    pub fn read_chars(&mut self, n: usize) -> PyResult<String> {
        let rest = self.readable()?;
        let end = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
        Ok(rest.drain(..end).collect())
    }

    pub fn read_line(&mut self) -> PyResult<String> {
        let rest = self.readable()?;
        let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest[..end].to_string();
        rest.drain(..end);
        Ok(line)
    }

    pub fn read_lines(&mut self) -> PyResult<Vec<String>> {
        let all = self.read_all()?;
        Ok(all.split_inclusive('\n').map(str::to_string).collect())
    }

    pub fn write(&mut self, text: &str) -> PyResult<()> {
        self.check_open()?;
        if self.unread.is_some() && !self.mode.contains('+') {
            return Err(PyError::new(ExcKind::OSError, "not writable"));
        }
        self.written.push_str(text);
        Ok(())
    }

    /// Writes everything to a temporary file and renames it over the target, so a
    /// crash never leaves a half-written file.
    pub fn close(&mut self) -> PyResult<()> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        if self.mode.contains('w') || self.mode.contains('a') || self.mode.contains('x') {
            let mut text = std::mem::take(&mut self.written);
            if self.mode.contains('a') {
                text = std::fs::read_to_string(&self.path).unwrap_or_default() + &text;
            }
            write_atomically(&self.path, &text)?;
        }
        Ok(())
    }
}

impl Drop for FileObj {
    fn drop(&mut self) {
        // Python flushes an unclosed file when it is collected; so does pgs, unless
        // the program was stopped by a signal: then the file is left as it was rather
        // than replaced by half the output.
        if crate::interrupt::stopping() {
            return;
        }
        let _ = self.close();
    }
}

/// Writes `text` to a temporary file beside `path`, then renames it into place.
pub fn write_atomically(path: &str, text: &str) -> PyResult<()> {
    let target = std::path::Path::new(path);
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.pgs-tmp-{}", std::process::id()));
    let result = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, target));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        os_error(&e, path)
    })
}

/// Python's OSError subclass and message for an I/O failure on `path`.
pub fn os_error(e: &std::io::Error, path: &str) -> PyError {
    use std::io::ErrorKind as K;
    let (kind, text) = match e.kind() {
        K::NotFound => (ExcKind::FileNotFoundError, "No such file or directory"),
        K::PermissionDenied => (ExcKind::PermissionError, "Permission denied"),
        K::IsADirectory => (ExcKind::IsADirectoryError, "Is a directory"),
        _ => (ExcKind::OSError, ""),
    };
    let errno = e.raw_os_error().unwrap_or(0);
    let text = if text.is_empty() {
        e.to_string()
    } else {
        text.to_string()
    };
    PyError::new(kind, format!("[Errno {errno}] {text}: '{path}'"))
}
