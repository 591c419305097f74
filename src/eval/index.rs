//! Subscripts: `x[i]`, `x[a:b:c]`, `d[k]`, and their assignment and deletion, with
//! Python's negative indices and slice clamping.

use crate::diag::{PyError, PyResult};
use crate::output::repr::repr;
use crate::value::{ArcStr, Key, RangeObj, Value};
use std::sync::Arc;

/// A slice's bounds as written; `None` where omitted.
#[derive(Clone, Copy, Debug)]
pub struct Slice {
    pub start: Option<i64>,
    pub stop: Option<i64>,
    pub step: Option<i64>,
}

impl Slice {
    /// Python's `slice.indices(len)`: clamped start, stop, step and the item count.
    pub fn indices(&self, len: i64) -> PyResult<(i64, i64, i64, usize)> {
        let step = self.step.unwrap_or(1);
        if step == 0 {
            return Err(PyError::value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |bound: Option<i64>, default: i64| match bound {
            None => default,
            Some(b) if b < 0 => (b + len).max(lower),
            Some(b) => b.min(upper),
        };
        let start = clamp(self.start, if step < 0 { upper } else { lower });
        let stop = clamp(self.stop, if step < 0 { lower } else { upper });
        let span = if step > 0 { stop - start } else { start - stop };
        let count = match step.unsigned_abs() {
            _ if span <= 0 => 0,
            // No division for the common steps (`s[::-1]`): it costs tens of cycles.
            1 => span,
            // `unsigned_abs`: a step of -2**63 has no negation in 64 bits.
            size => ((span - 1) as u64 / size + 1) as i64,
        };
        Ok((start, stop, step, count as usize))
    }

    fn positions(&self, len: usize) -> PyResult<impl Iterator<Item = usize>> {
        let (start, _, step, count) = self.indices(len as i64)?;
        Ok((0..count).map(move |k| (start + k as i64 * step) as usize))
    }
}

/// A slice bound: an int, or None for "omitted".
pub fn slice_bound(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        other => other.as_int().map(Some).ok_or_else(|| {
            PyError::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )
        }),
    }
}

/// Normalises a possibly negative index, or IndexError naming the container.
fn position(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(PyError::index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `obj[index]` for a non-slice index.
pub fn getitem(obj: &Value, index: &Value) -> PyResult<Value> {
    match obj {
        Value::List(l) => {
            let items = l.read();
            let i = position(index.expect_int("list indices")?, items.len(), "list")?;
            Ok(items[i].clone())
        }
        Value::Tuple(t) => {
            let i = position(index.expect_int("tuple indices")?, t.len(), "tuple")?;
            Ok(t[i].clone())
        }
        Value::Str(s) => {
            // CPython 3.11 words this one differently from the list and tuple messages.
            let i = index.as_int().ok_or_else(|| {
                PyError::type_error(format!(
                    "string indices must be integers, not '{}'",
                    index.type_name()
                ))
            })?;
            if s.is_ascii() {
                let p = position(i, s.len(), "string")?;
                return Ok(Value::str(&s[p..p + 1]));
            }
            let count = s.chars().count();
            let p = position(i, count, "string")?;
            Ok(Value::string(
                s.chars().nth(p).map(String::from).unwrap_or_default(),
            ))
        }
        Value::Dict(d) => {
            let key = Key::new(index.clone())?;
            d.read()
                .get(&key)
                .cloned()
                .ok_or_else(|| PyError::key_error(repr(index)))
        }
        Value::Range(r) => {
            let i = position(
                index.expect_int("range indices")?,
                r.len() as usize,
                "range object",
            )?;
            Ok(Value::Int(r.get(i as i64)))
        }
        other => Err(PyError::type_error(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

/// `obj[start:stop:step]`.
pub fn get_slice(obj: &Value, slice: Slice) -> PyResult<Value> {
    match obj {
        Value::List(l) => {
            let items = l.read();
            Ok(Value::list(
                slice
                    .positions(items.len())?
                    .map(|i| items[i].clone())
                    .collect(),
            ))
        }
        Value::Tuple(t) => Ok(Value::tuple(
            slice.positions(t.len())?.map(|i| t[i].clone()).collect(),
        )),
        Value::Str(s) => slice_str(s, slice),
        Value::Range(r) => {
            let (start, stop, step, _) = slice.indices(r.len())?;
            // The new bounds (the stop may lie a step past either end) and step must
            // be ints, as the result is a range again.
            let int = |x: i128| {
                i64::try_from(x)
                    .map_err(|_| PyError::overflow("range slice outside pgs's 64-bit ints"))
            };
            Ok(Value::Range(Arc::new(RangeObj {
                start: int(r.at(start))?,
                stop: int(r.at(stop))?,
                step: int(i128::from(r.step) * i128::from(step))?,
            })))
        }
        other => Err(PyError::type_error(format!(
            "'{}' object is not subscriptable",
            other.type_name()
        ))),
    }
}

fn slice_str(s: &str, slice: Slice) -> PyResult<Value> {
    if s.is_ascii() {
        let bytes = s.as_bytes();
        let (start, _, step, count) = slice.indices(bytes.len() as i64)?;
        if count == 0 {
            // (Not through `init_with_unchecked`, which requires a length above zero.)
            return Ok(Value::str(""));
        }
        if step == 1 {
            let start = start as usize;
            return Ok(Value::str(&s[start..start + count]));
        }
        let fill = |out: &mut [std::mem::MaybeUninit<u8>]| {
            if step == -1 && count == bytes.len() {
                // `s[::-1]`, the palindrome test: a plain reversed copy.
                for (slot, &b) in out.iter_mut().zip(bytes.iter().rev()) {
                    slot.write(b);
                }
            } else {
                for (k, slot) in out.iter_mut().enumerate() {
                    slot.write(bytes[(start + k as i64 * step) as usize]);
                }
            }
        };
        // Written straight into the new string: one allocation, no copy.
        // SAFETY: `fill` writes all `count` bytes, each taken from an ASCII string,
        // so each is an ASCII character on its own and the text is valid UTF-8.
        let text = unsafe { ArcStr::init_with_unchecked(count, fill) };
        return Ok(Value::Str(text));
    }
    let chars: Vec<char> = s.chars().collect();
    Ok(Value::string(
        slice.positions(chars.len())?.map(|i| chars[i]).collect(),
    ))
}

/// `obj[index] = value`.
pub fn setitem(obj: &Value, index: &Value, value: Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            let mut items = l.write();
            let len = items.len();
            let i = position(index.expect_int("list indices")?, len, "list assignment")?;
            items[i] = value;
            Ok(())
        }
        Value::Dict(d) => {
            let key = Key::new(index.clone())?;
            d.write().insert(key, value);
            Ok(())
        }
        other => Err(PyError::type_error(format!(
            "'{}' object does not support item assignment",
            other.type_name()
        ))),
    }
}

/// `lst[a:b:c] = iterable`.
pub fn set_slice(obj: &Value, slice: Slice, value: &Value) -> PyResult<()> {
    let Value::List(l) = obj else {
        return Err(PyError::type_error(format!(
            "'{}' object does not support item assignment",
            obj.type_name()
        )));
    };
    let new_items = value.to_vec()?;
    let mut items = l.write();
    let (start, stop, step, count) = slice.indices(items.len() as i64)?;
    if step == 1 {
        let stop = stop.max(start) as usize;
        items.splice(start as usize..stop, new_items);
        return Ok(());
    }
    if new_items.len() != count {
        return Err(PyError::value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {count}",
            new_items.len()
        )));
    }
    for (k, v) in new_items.into_iter().enumerate() {
        items[(start + k as i64 * step) as usize] = v;
    }
    Ok(())
}

/// `del obj[index]`.
pub fn delitem(obj: &Value, index: &Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            let mut items = l.write();
            let len = items.len();
            let i = position(index.expect_int("list indices")?, len, "list assignment")?;
            items.remove(i);
            Ok(())
        }
        Value::Dict(d) => {
            let key = Key::new(index.clone())?;
            d.write()
                .shift_remove(&key)
                .map(|_| ())
                .ok_or_else(|| PyError::key_error(repr(index)))
        }
        other => Err(PyError::type_error(format!(
            "'{}' object doesn't support item deletion",
            other.type_name()
        ))),
    }
}

/// `del lst[a:b:c]`.
pub fn del_slice(obj: &Value, slice: Slice) -> PyResult<()> {
    let Value::List(l) = obj else {
        return Err(PyError::type_error(format!(
            "'{}' object doesn't support item deletion",
            obj.type_name()
        )));
    };
    let mut items = l.write();
    let doomed: std::collections::HashSet<usize> = slice.positions(items.len())?.collect();
    let mut i = 0;
    items.retain(|_| {
        let keep = !doomed.contains(&i);
        i += 1;
        keep
    });
    Ok(())
}
