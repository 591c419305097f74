//! Between pgs values and concrete arrays: `numpy.array(nested lists)` with NumPy's
//! shape and dtype inference, `tolist()`, and 0-d results as Python numbers.

use super::chunks::shape_text;
use super::exec::block_to_array;
use super::kernel::Block;
use crate::diag::{PyError, PyResult};
use crate::value::array::{DType, IndexItem, NdArray, Scalar};
use crate::value::Value;
use crate::with_nd;
use std::sync::Arc;

/// A Python number as an array element, if it is one.
pub fn scalar_of(v: &Value) -> Option<Scalar> {
    match v {
        Value::Bool(b) => Some(Scalar::Bool(b.get())),
        Value::Int(i) => Some(Scalar::Int(*i)),
        Value::Float(x) => Some(Scalar::Float(x.get())),
        Value::Array(a) if a.ndim() == 0 => a.first(),
        _ => None,
    }
}

/// `numpy.array(v)`: nested lists and tuples of numbers become an array whose shape
/// is the nesting and whose dtype is the widest element's.
pub fn to_ndarray(v: &Value) -> PyResult<NdArray> {
    if let Value::Array(a) = v {
        return Ok((**a).clone());
    }
    let mut shape = Vec::new();
    probe_shape(v, &mut shape);
    let mut elements = Vec::new();
    flatten(v, &shape, 0, &mut elements)?;
    let dtype = elements
        .iter()
        .map(|s| s.dtype())
        .max()
        .unwrap_or(DType::Float64);
    let mut block = Block::new(dtype);
    block.reset(dtype);
    for e in elements {
        match (&mut block, e.cast(dtype)) {
            (Block::F(o), Scalar::Float(x)) => o.push(x),
            (Block::I(o), Scalar::Int(x)) => o.push(x),
            (Block::B(o), Scalar::Bool(x)) => o.push(x),
            _ => unreachable!("cast to the block's dtype"),
        }
    }
    Ok(block_to_array(&shape, block))
}

/// The shape implied by the first element at every level.
fn probe_shape(v: &Value, shape: &mut Vec<usize>) {
    match v {
        Value::List(l) => {
            let items = l.read();
            shape.push(items.len());
            if let Some(first) = items.first() {
                probe_shape(first, shape);
            }
        }
        Value::Tuple(t) => {
            shape.push(t.len());
            if let Some(first) = t.first() {
                probe_shape(first, shape);
            }
        }
        Value::Array(a) => shape.extend_from_slice(a.shape()),
        _ => {}
    }
}

fn flatten(v: &Value, shape: &[usize], depth: usize, out: &mut Vec<Scalar>) -> PyResult<()> {
    let ragged = || {
        PyError::value_error(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
            shape_text(&shape[..depth])
        ))
    };
    let items: Vec<Value> = match v {
        Value::List(l) => l.read().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Array(a) if a.ndim() > 0 => {
            if a.shape() != &shape[depth..] {
                return Err(ragged());
            }
            with_nd!(&**a, x => out.extend(x.iter().map(|e| Scalar::from(*e))));
            return Ok(());
        }
        other => {
            if depth != shape.len() {
                return Err(ragged());
            }
            let s = scalar_of(other).ok_or_else(|| {
                PyError::type_error(format!(
                    "pgs arrays hold numbers and bools; got an element of type '{}'",
                    other.type_name()
                ))
            })?;
            out.push(s);
            return Ok(());
        }
    };
    if depth >= shape.len() || items.len() != shape[depth] {
        return Err(ragged());
    }
    for item in &items {
        flatten(item, shape, depth + 1, out)?;
    }
    Ok(())
}

/// A computed array as pgs shows it: 0-d results are Python numbers (see
/// docs/language.md), everything else an array.
pub fn to_value(a: NdArray) -> Value {
    if a.ndim() == 0 {
        if let Some(s) = a.first() {
            return s.to_value();
        }
    }
    Value::Array(Arc::new(a))
}

/// `a.tolist()`: nested lists of Python numbers.
pub fn tolist(a: &NdArray) -> Value {
    let elements: Vec<Value> =
        with_nd!(a, x => x.iter().map(|e| Scalar::from(*e).to_value()).collect());
    nest(&elements, a.shape())
}

fn nest(elements: &[Value], shape: &[usize]) -> Value {
    match shape {
        [] => elements.first().cloned().unwrap_or_default(),
        [n, rest @ ..] => {
            let step: usize = rest.iter().product();
            Value::list(
                (0..*n)
                    .map(|i| nest(&elements[i * step..(i + 1) * step], rest))
                    .collect(),
            )
        }
    }
}

/// Iterating an array yields its rows along the first axis (numbers for 1-d).
pub fn rows(a: &NdArray) -> PyResult<Vec<Value>> {
    if a.ndim() == 0 {
        return Err(PyError::type_error("iteration over a 0-d array"));
    }
    let n = a.shape()[0];
    Ok((0..n)
        .map(|i| {
            let mut items = vec![IndexItem::At(i)];
            items.extend((1..a.ndim()).map(|axis| IndexItem::Slice {
                start: 0,
                step: 1,
                len: a.shape()[axis],
            }));
            to_value(super::structural::index(a, &items))
        })
        .collect())
}
