//! Golden tests for NumPy's array text: every case in `tests/ndprint/cases.txt` (written by
//! NumPy 2.4.6 through `tests/ndprint/gen_cases.py`) must print byte-for-byte the same
//! `repr()` and `str()`. All cases run, then one report lists every mismatch.

use std::fmt::Write as _;
use std::path::Path;

use ndarray::{ArrayD, IxDyn};
use pgs::output::ndprint::{array_repr, array_str};
use pgs::value::array::NdArray;

/// One golden case: an array and the text NumPy printed for it.
struct Case {
    name: String,
    array: NdArray,
    repr: String,
    str: String,
}

/// How a case's elements are given.
enum Values {
    Listed(Vec<String>),
    /// Element i is `start + i * step`, then the `(flat index, value)` overrides.
    Arange {
        start: String,
        step: String,
        sets: Vec<(usize, String)>,
    },
}

#[test]
fn numpy_golden_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ndprint/cases.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let cases = parse_cases(&text);
    assert!(
        cases.len() > 100,
        "only {} cases in {}",
        cases.len(),
        path.display()
    );

    let mut report = String::new();
    let mut failures = 0;
    for case in &cases {
        for (what, got, want) in [
            ("repr", array_repr(&case.array), &case.repr),
            ("str", array_str(&case.array), &case.str),
        ] {
            if &got != want {
                failures += 1;
                let _ = writeln!(
                    report,
                    "--- {} {what}\nwant:\n{want}\ngot:\n{got}\n",
                    case.name
                );
            }
        }
    }
    assert!(
        failures == 0,
        "{failures} mismatches in {} cases:\n{report}",
        cases.len()
    );
}

fn parse_cases(text: &str) -> Vec<Case> {
    let mut lines = text.lines();
    let mut cases = Vec::new();
    while let Some(line) = lines.next() {
        let name = field(line, "case").to_string();
        let dtype = field(next(&mut lines, &name), "dtype").to_string();
        let shape: Vec<usize> = words(field(next(&mut lines, &name), "shape"))
            .map(|d| {
                d.parse()
                    .unwrap_or_else(|e| panic!("{name}: bad dim {d:?}: {e}"))
            })
            .collect();
        let values = parse_values(&mut lines, &name);
        let repr = block(&mut lines, "repr", &name);
        let str = block(&mut lines, "str", &name);
        let array = build_array(&dtype, &shape, values, &name);
        cases.push(Case {
            name,
            array,
            repr,
            str,
        });
    }
    cases
}

/// Reads `values ...`, or `arange start step` followed by any `set index value` lines.
fn parse_values<'a>(lines: &mut (impl Iterator<Item = &'a str> + Clone), name: &str) -> Values {
    let line = next(lines, name);
    if let Some(rest) = line.strip_prefix("arange ") {
        let mut parts = rest.split(' ').map(str::to_string);
        let (Some(start), Some(step)) = (parts.next(), parts.next()) else {
            panic!("{name}: bad arange line {line:?}");
        };
        let mut sets = Vec::new();
        while let Some(set) = lines.clone().next().and_then(|l| l.strip_prefix("set ")) {
            lines.next();
            let (index, value) = set
                .split_once(' ')
                .unwrap_or_else(|| panic!("{name}: bad set line {set:?}"));
            let index = index
                .parse()
                .unwrap_or_else(|e| panic!("{name}: bad index: {e}"));
            sets.push((index, value.to_string()));
        }
        return Values::Arange { start, step, sets };
    }
    Values::Listed(words(field(line, "values")).map(str::to_string).collect())
}

/// Reads `<tag> <n>` and the n lines after it.
fn block<'a>(lines: &mut impl Iterator<Item = &'a str>, tag: &str, name: &str) -> String {
    let header = next(lines, name);
    let count: usize = field(header, tag)
        .parse()
        .unwrap_or_else(|e| panic!("{name}: bad {tag} header {header:?}: {e}"));
    let body: Vec<&str> = (0..count).map(|_| next(lines, name)).collect();
    body.join("\n")
}

fn next<'a>(lines: &mut impl Iterator<Item = &'a str>, name: &str) -> &'a str {
    lines
        .next()
        .unwrap_or_else(|| panic!("{name}: cases.txt ends mid-case"))
}

/// The text after `key ` on a line that must start with `key`.
fn field<'a>(line: &'a str, key: &str) -> &'a str {
    match line.strip_prefix(key) {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start(),
        _ => panic!("expected {key:?} line, got {line:?}"),
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(' ').filter(|w| !w.is_empty())
}

fn build_array(dtype: &str, shape: &[usize], values: Values, name: &str) -> NdArray {
    let len: usize = shape.iter().product();
    match dtype {
        "float64" => NdArray::Float(typed(shape, len, values, name, parse_float, |s, d, i| {
            s + i as f64 * d
        })),
        "int64" => NdArray::Int(typed(shape, len, values, name, parse_int, |s, d, i| {
            s + i as i64 * d
        })),
        "bool" => NdArray::Bool(typed(shape, len, values, name, parse_bool, |s, d, i| {
            // The generator's bool aranges are (start + i*step) odd.
            (i64::from(s) + i as i64 * i64::from(d)) % 2 == 1
        })),
        other => panic!("{name}: unknown dtype {other:?}"),
    }
}

fn typed<T: Clone>(
    shape: &[usize],
    len: usize,
    values: Values,
    name: &str,
    parse: fn(&str) -> Option<T>,
    arange: fn(T, T, usize) -> T,
) -> ArrayD<T> {
    let parse = |text: &str| parse(text).unwrap_or_else(|| panic!("{name}: bad value {text:?}"));
    let flat: Vec<T> = match values {
        Values::Listed(items) => items.iter().map(|v| parse(v)).collect(),
        Values::Arange { start, step, sets } => {
            let (start, step) = (parse(&start), parse(&step));
            let mut flat: Vec<T> = (0..len)
                .map(|i| arange(start.clone(), step.clone(), i))
                .collect();
            for (index, value) in sets {
                flat[index] = parse(&value);
            }
            flat
        }
    };
    ArrayD::from_shape_vec(IxDyn(shape), flat)
        .unwrap_or_else(|e| panic!("{name}: values do not fit shape {shape:?}: {e}"))
}

fn parse_float(text: &str) -> Option<f64> {
    text.parse().ok()
}

fn parse_int(text: &str) -> Option<i64> {
    text.parse().ok()
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}
