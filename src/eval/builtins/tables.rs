//! The `table()` and `describe()` builtins and the methods of table values: argument
//! checking, computing lazy arrays, and describe's statistics. Building and rendering
//! the tables themselves is `output::table`'s job.

use super::{arity, check_kwargs, kwarg, method_arity};
use crate::builtin;
use crate::diag::{PyError, PyResult};
use crate::eval::darray::concrete;
use crate::output::repr::repr;
use crate::output::table::{Column, Format, Render, SpecError, TableObj, TableSpec, ACCEPTED};
use crate::value::array::{ArrayNode, DType, NativeObj, NdArray};
use crate::value::{Args, BuiltinDef, DictMap, Host, Value};
use rayon::prelude::*;
use std::sync::Arc;

pub static FUNCTIONS: &[&BuiltinDef] = &[&TABLE, &DESCRIBE];

/// The methods of a table value.
pub fn method(name: &str) -> Option<&'static BuiltinDef> {
    match name {
        "to_dict" => Some(&TO_DICT),
        _ => None,
    }
}

pub const METHOD_NAMES: &[&str] = &["to_dict"];

/// Whether `v` is a table value (`table()` or `describe()` made it).
pub fn is_table(v: &Value) -> bool {
    matches!(v, Value::Native(n) if matches!(**n, NativeObj::Table(_)))
}

/// The statistics `describe()` gives, in pandas' order and with pandas' names.
pub const STATISTICS: [&str; 8] = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"];

builtin!(
    TABLE,
    "table",
    "",
    "table(x, format=None, width=None)",
    "A table of x (a list of dicts, a dict of lists, a list of rows or a 2-D array) whose \
     str() is a bordered text table, or Markdown (format='markdown') or CSV (format='csv').",
    table
);
fn table(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("table", &args, 1, 3)?;
    check_kwargs("table", &args, &["format", "width"])?;
    let format = format_arg(optional(&args, 1, "format")?)?;
    let width = width_arg(optional(&args, 2, "width")?)?;
    let x = computed(host, &args.pos[0])?;
    let spec = TableSpec::from_value(&x).map_err(|e| spec_error("table", e))?;
    Ok(table_value(spec, Render::for_stdout(format, width)))
}

builtin!(
    DESCRIBE,
    "describe",
    "",
    "describe(x)",
    "count, mean, std (ddof=1), min, quartiles and max of each numeric column of x (an \
     array, a dask array, a dict of columns or a list of dicts), as a table.",
    describe
);
fn describe(host: &mut dyn Host, args: Args) -> PyResult<Value> {
    arity("describe", &args, 1, 1)?;
    check_kwargs("describe", &args, &[])?;
    let columns = numeric_columns(host, &args.pos[0])?;
    // One task per column; each is one pass plus selections, independent of the others.
    let described: Vec<Column> = columns
        .into_par_iter()
        .map(|(key, values)| Column {
            key,
            cells: column_stats(values)
                .into_iter()
                .map(|x| Some(Value::float(x)))
                .collect(),
        })
        .collect();
    let labels = STATISTICS.iter().map(|s| s.to_string()).collect();
    let spec = TableSpec::new(described, Some(labels)).map_err(|e| spec_error("describe", e))?;
    Ok(table_value(spec, Render::for_stdout(Format::Text, None)))
}

builtin!(
    TO_DICT,
    "to_dict",
    "Table",
    "Table.to_dict()",
    "The columns as a dict of lists (missing cells are None).",
    to_dict
);
fn to_dict(_: &mut dyn Host, args: Args) -> PyResult<Value> {
    method_arity("to_dict", &args, 0, 0)?;
    match args.pos.first() {
        Some(Value::Native(n)) => match &**n {
            NativeObj::Table(t) => Ok(t.spec.to_dict()),
            _ => Err(not_a_table(&args.pos[0])),
        },
        other => Err(not_a_table(other.unwrap_or(&Value::None))),
    }
}

#[cold]
fn not_a_table(v: &Value) -> PyError {
    PyError::type_error(format!(
        "descriptor 'to_dict' for 'Table' objects doesn't apply to a '{}' object",
        v.type_name()
    ))
}

// ------------------------------------------------------------------- arguments

/// The argument at position `i` or keyword `name`, not both; `None` when absent or None.
fn optional<'a>(args: &Args<'a>, i: usize, name: &str) -> PyResult<Option<&'a Value>> {
    let v = match (args.pos.get(i), kwarg(args, name)) {
        (Some(_), Some(_)) => {
            return Err(PyError::type_error(format!(
                "table() got multiple values for argument '{name}'"
            )))
        }
        (a, b) => a.or(b),
    };
    Ok(v.filter(|v| !matches!(v, Value::None)))
}

fn format_arg(v: Option<&Value>) -> PyResult<Format> {
    match v {
        None => Ok(Format::Text),
        Some(Value::Str(s)) => Format::parse(Some(s)).ok_or_else(|| {
            PyError::value_error(format!(
                "table() format must be 'text', 'markdown' or 'csv', not {}",
                repr(&Value::Str(s.clone()))
            ))
        }),
        Some(other) => Err(PyError::type_error(format!(
            "table() format must be a str or None, not {}",
            other.type_name()
        ))),
    }
}

fn width_arg(v: Option<&Value>) -> PyResult<Option<u16>> {
    match v {
        None => Ok(None),
        Some(Value::Int(i)) => u16::try_from(*i)
            .ok()
            .filter(|&w| w > 0)
            .map(Some)
            .ok_or_else(|| {
                PyError::value_error(format!(
                    "table() width must be between 1 and {}, not {i}",
                    u16::MAX
                ))
            }),
        Some(other) => Err(PyError::type_error(format!(
            "table() width must be an int or None, not {}",
            other.type_name()
        ))),
    }
}

/// A lazy array computed (through the same path as `.compute()`); anything else as is.
fn computed(host: &mut dyn Host, v: &Value) -> PyResult<Value> {
    match v {
        Value::DArray(_) => Ok(Value::Array(concrete(host, v)?)),
        other => Ok(other.clone()),
    }
}

fn spec_error(func: &str, e: SpecError) -> PyError {
    match e {
        SpecError::NotTabular(what) => {
            PyError::type_error(format!("{func}() needs {ACCEPTED}, not {what}"))
        }
        SpecError::Ragged(why) => PyError::value_error(format!("{func}() {why}")),
    }
}

fn table_value(spec: TableSpec, render: Render) -> Value {
    let text = render.render(&spec);
    Value::Native(Arc::new(NativeObj::Table(TableObj { spec, text })))
}

// ------------------------------------------------------------------ describe

/// One column of numbers: its key and its values (NaN marks a missing one).
type NumericColumn = (Value, Vec<f64>);

/// The numeric columns of describe's argument. Columns holding anything but ints and
/// floats (and None) are left out, as pandas' `describe()` leaves out non-numeric
/// columns; an argument with none is an error.
fn numeric_columns(host: &mut dyn Host, x: &Value) -> PyResult<Vec<NumericColumn>> {
    let columns = match x {
        Value::Array(_) | Value::DArray(_) => array_columns(&*concrete(host, x)?)?,
        Value::Dict(d) => {
            let d = d.read_recursive().clone();
            dict_columns(host, &d)?
        }
        Value::List(_) | Value::Tuple(_) if flat_numbers(x) => {
            let items = x.to_vec()?;
            let odd = items
                .iter()
                .position(|v| !matches!(v, Value::Int(_) | Value::Float(_) | Value::None));
            if let Some(i) = odd {
                return Err(PyError::type_error(format!(
                    "describe() needs a list of numbers, but item {i} is {}",
                    items[i].type_name()
                )));
            }
            numbers(items.iter().map(Some))
                .map(|values| (Value::Int(0), values))
                .into_iter()
                .collect()
        }
        Value::List(_) | Value::Tuple(_) | Value::Native(_) => {
            let spec = TableSpec::from_value(x).map_err(|e| spec_error("describe", e))?;
            spec.columns().iter().filter_map(cells_column).collect()
        }
        other => {
            return Err(PyError::type_error(format!(
                "describe() needs an array, a list of numbers, a dict of columns or a list of dicts, not {}",
                other.type_name()
            )))
        }
    };
    if columns.is_empty() {
        return Err(PyError::value_error(
            "describe() needs at least one column of numbers",
        ));
    }
    Ok(columns)
}

/// Whether a list or tuple is one column of numbers (its first item is a number or
/// None) rather than rows or records.
fn flat_numbers(x: &Value) -> bool {
    let first = match x {
        Value::List(l) => l.read_recursive().first().cloned(),
        Value::Tuple(t) => t.first().cloned(),
        _ => None,
    };
    matches!(first, Some(Value::Int(_) | Value::Float(_) | Value::None))
}

/// A 1-D array is one column named 0; a 2-D array has one per array column.
fn array_columns(a: &NdArray) -> PyResult<Vec<NumericColumn>> {
    if a.dtype() == DType::Bool {
        return Err(PyError::type_error(
            "describe() needs numbers, not a bool array",
        ));
    }
    let flat: Vec<f64> = a.to_f64().iter().copied().collect();
    let cols = match a.shape() {
        [_] => 1,
        [_, m] => *m,
        shape => {
            return Err(PyError::type_error(format!(
                "describe() needs a 1-D or 2-D array, not a {}-D array",
                shape.len()
            )))
        }
    };
    if cols == 1 {
        return Ok(vec![(Value::Int(0), flat)]);
    }
    // C order: column j is every cols-th element from j.
    Ok((0..cols)
        .map(|j| {
            let values = flat.iter().skip(j).step_by(cols).copied().collect();
            (Value::Int(j as i64), values)
        })
        .collect())
}

/// A dict of 1-D arrays (lazy ones computed together, sharing work), lists or tuples,
/// all of one length.
fn dict_columns(host: &mut dyn Host, d: &DictMap) -> PyResult<Vec<NumericColumn>> {
    let lazy: Vec<Arc<ArrayNode>> = d
        .values()
        .filter_map(|v| match v {
            Value::DArray(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    let mut computed = host.compute_arrays(&lazy)?.into_iter();
    let mut columns = Vec::with_capacity(d.len());
    let mut first_len: Option<(&Value, usize)> = None;
    for (k, v) in d.iter() {
        let (len, values) = match v {
            Value::DArray(_) => {
                let a = computed
                    .next()
                    .ok_or_else(|| PyError::runtime_error("compute returned too few arrays"))?;
                array_column(&k.0, &a)?
            }
            Value::Array(a) => array_column(&k.0, a)?,
            Value::List(_) | Value::Tuple(_) => {
                let items = v.to_vec()?;
                (items.len(), numbers(items.iter().map(Some)))
            }
            other => {
                return Err(spec_error(
                    "describe",
                    SpecError::NotTabular(format!(
                        "a dict whose value for {} is {}",
                        repr(&k.0),
                        other.type_name()
                    )),
                ))
            }
        };
        match first_len {
            Some((key, n)) if n != len => {
                return Err(PyError::value_error(format!(
                    "describe() columns must all have the same length: {} has {n} item{} but {} has {len}",
                    repr(key),
                    if n == 1 { "" } else { "s" },
                    repr(&k.0)
                )))
            }
            None => first_len = Some((&k.0, len)),
            _ => {}
        }
        if let Some(values) = values {
            columns.push((k.0.clone(), values));
        }
    }
    Ok(columns)
}

/// A dict's array column: its length, and its values unless it holds bools.
fn array_column(key: &Value, a: &NdArray) -> PyResult<(usize, Option<Vec<f64>>)> {
    if a.ndim() != 1 {
        return Err(PyError::type_error(format!(
            "describe() needs 1-D columns, but column {} is a {}-D array",
            repr(key),
            a.ndim()
        )));
    }
    let values = (a.dtype() != DType::Bool).then(|| a.to_f64().iter().copied().collect());
    Ok((a.len(), values))
}

/// A table column's numbers, if it holds only numbers and None.
fn cells_column(col: &Column) -> Option<NumericColumn> {
    numbers(col.cells.iter().map(Option::as_ref)).map(|values| (col.key.clone(), values))
}

/// Ints and floats as f64, with None and missing cells as NaN; `None` when any cell
/// is something else (bools included) or none is a number, as pandas leaves such
/// object columns out.
fn numbers<'a>(cells: impl Iterator<Item = Option<&'a Value>>) -> Option<Vec<f64>> {
    let mut any = false;
    let values = cells
        .map(|c| match c {
            None | Some(Value::None) => Some(f64::NAN),
            Some(Value::Int(i)) => {
                any = true;
                Some(*i as f64)
            }
            Some(Value::Float(x)) => {
                any = true;
                Some(x.get())
            }
            Some(_) => None,
        })
        .collect::<Option<Vec<f64>>>()?;
    any.then_some(values)
}

/// count, mean, std (ddof=1), min, 25%, 50%, 75%, max of the values that are not NaN,
/// in that order. Count, mean, the sum of squared deviations, min and max come from one
/// pass (Welford's update on values shifted by the first one, which stays accurate
/// where the textbook sum-of-squares formula cancels);
/// the quartiles from selections, with NumPy's default linear interpolation.
pub fn column_stats(mut xs: Vec<f64>) -> [f64; 8] {
    xs.retain(|x| !x.is_nan());
    let nan = f64::NAN;
    if xs.is_empty() {
        return [0.0, nan, nan, nan, nan, nan, nan, nan];
    }
    // Deviations from the first value are exact for data far from zero but close
    // together (1e6 + small noise), where Welford's update alone loses digits.
    let shift = if xs[0].is_finite() { xs[0] } else { 0.0 };
    let (mut mean, mut m2) = (0.0f64, 0.0f64);
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (i, &x) in xs.iter().enumerate() {
        let y = x - shift;
        let delta = y - mean;
        mean += delta / (i + 1) as f64;
        m2 += delta * (y - mean);
        min = min.min(x);
        max = max.max(x);
    }
    let mean = mean + shift;
    let n = xs.len();
    let std = if n > 1 {
        (m2 / (n - 1) as f64).sqrt()
    } else {
        nan
    };
    let q25 = quantile(&mut xs, 0.25);
    let q50 = quantile(&mut xs, 0.5);
    let q75 = quantile(&mut xs, 0.75);
    [n as f64, mean, std, min, q25, q50, q75, max]
}

/// NumPy's `percentile(xs, 100 * q)` with the default linear method, on values without
/// NaN: the virtual index `(n - 1) * q` (exact for quarters), then NumPy's `_lerp`
/// between the two order statistics around it.
fn quantile(xs: &mut [f64], q: f64) -> f64 {
    let last = xs.len() - 1;
    let h = last as f64 * q;
    let below = h.floor();
    let t = h - below;
    let lo = below as usize;
    let a = order_statistic(xs, lo);
    let b = order_statistic(xs, (lo + 1).min(last));
    let diff = b - a;
    // NumPy interpolates from the nearer end, so t = 1 gives b exactly.
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// The k-th smallest value, by a linear-time selection that reorders `xs`.
fn order_statistic(xs: &mut [f64], k: usize) -> f64 {
    *xs.select_nth_unstable_by(k, f64::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_as_numpy() {
        // numpy.percentile([3, 1, 2, 4, 10], [25, 50, 75]) == [2, 3, 4]
        let s = column_stats(vec![3.0, 1.0, 2.0, 4.0, 10.0]);
        assert_eq!(s[4..7], [2.0, 3.0, 4.0]);
        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        let s = column_stats(vec![4.0, 2.0, 1.0, 3.0]);
        assert_eq!(s[4..7], [1.75, 2.5, 3.25]);
    }

    #[test]
    fn one_value_has_no_std_and_none_are_skipped() {
        let s = column_stats(vec![f64::NAN, 5.0]);
        assert_eq!(s[0], 1.0);
        assert_eq!(s[1], 5.0);
        assert!(s[2].is_nan());
        assert_eq!(s[3..], [5.0; 5]);
        let empty = column_stats(vec![]);
        assert_eq!(empty[0], 0.0);
        assert!(empty[1..].iter().all(|x| x.is_nan()));
    }
}
