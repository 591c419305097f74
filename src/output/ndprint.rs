//! NumPy's text of concrete arrays: `repr(a)` and `str(a)` exactly as NumPy 2.4 prints them.
//!
//! This follows `numpy/_core/arrayprint.py` at the default print options (precision=8,
//! threshold=1000, edgeitems=3, linewidth=75, floatmode='maxprec', suppress=False, sign='-',
//! legacy=False). The pieces are NumPy's too:
//!
//! * summarisation: arrays of more than `THRESHOLD` elements keep only `EDGE_ITEMS` leading
//!   and trailing entries per axis, and the element formats are sized from those corners;
//! * element formats (`FloatFormat`, `int_words`, `bool_words`): every element gets one common
//!   width so columns line up;
//! * layout (`Layout`): brackets, separators, blank lines between n-d blocks and wrapping at
//!   the line width with NumPy's hanging indent.
//!
//! Float digits come from Rust's formatting, which (like NumPy's Dragon4) is exact: `{:e}`
//! gives the shortest round-trip digits and `{:.N}`/`{:.Ne}` correctly rounded ones with
//! exact ties going to the even digit.

use std::borrow::Cow;

use ndarray::{ArrayD, ArrayViewD, Axis, IxDyn};

use crate::output::format::float_repr;
use crate::value::array::NdArray;

/// Digits after the point a float element keeps at most (`precision`).
const PRECISION: usize = 8;
/// Arrays with more elements than this are summarised with `...` (`threshold`).
const THRESHOLD: usize = 1000;
/// Entries kept at each end of a summarised axis (`edgeitems`).
const EDGE_ITEMS: usize = 3;
/// Characters per line before wrapping (`linewidth`).
const LINE_WIDTH: usize = 75;
/// What `repr` wraps the nested lists in.
const REPR_PREFIX: &str = "array(";
const REPR_SUFFIX: &str = ")";
/// The marker standing for the elements a summary leaves out.
const SUMMARY: &str = "...";

// -- public API --------------------------------------------------------------

/// NumPy's `repr(a)`: `array([1., 2.])`, `array([[1, 2],\n       [3, 4]])`,
/// `array([], dtype=float64)`, `array([], shape=(0, 3), dtype=int64)`, `array(3.)`, and for
/// summarised arrays `array([0, 1, 2, ..., 1997, 1998, 1999], shape=(2000,))`.
pub fn array_repr(a: &NdArray) -> String {
    let body = if a.is_empty() {
        "[]".to_string()
    } else {
        // NumPy reserves room for the closing ")" on every line.
        let width = LINE_WIDTH - REPR_SUFFIX.len();
        array_to_string(a, ", ", REPR_PREFIX.len(), width)
    };
    let extras = repr_extras(a);
    if extras.is_empty() {
        return format!("{REPR_PREFIX}{body}{REPR_SUFFIX}");
    }
    let head = format!("{REPR_PREFIX}{body},");
    let tail = format!("{}{REPR_SUFFIX}", extras.join(", "));
    // The extras move to their own line when they would overflow the last one.
    let last_line = head.len() - head.rfind('\n').map_or(0, |at| at + 1);
    let spacer = if last_line + tail.len() + 1 > LINE_WIDTH {
        format!("\n{}", " ".repeat(REPR_PREFIX.len()))
    } else {
        " ".to_string()
    };
    format!("{head}{spacer}{tail}")
}

/// NumPy's `str(a)` / `print(a)`: `[1. 2.]`, `[[1 2]\n [3 4]]`, `[]` when empty; a 0-d array
/// prints its scalar (`3.0`, `3`, `True`), floats at full precision like Python's repr.
pub fn array_str(a: &NdArray) -> String {
    if a.ndim() == 0 {
        return scalar_str(a);
    }
    if a.is_empty() {
        return "[]".to_string();
    }
    array_to_string(a, " ", 0, LINE_WIDTH)
}

/// `str()` of a NumPy float64 scalar, which prints like Python's float repr (`0.1`, `1e+16`).
pub fn float64_str(x: f64) -> String {
    float_repr(x)
}

// -- whole arrays --------------------------------------------------------------

/// The `shape=`/`dtype=` notes `repr` adds when the nested lists do not imply them.
fn repr_extras(a: &NdArray) -> Vec<String> {
    let shape = a.shape();
    let mut extras = Vec::new();
    // An empty list could be any empty shape; a summary hides the length.
    if (a.is_empty() && shape != [0]) || a.len() > THRESHOLD {
        extras.push(format!("shape={}", shape_repr(shape)));
    }
    // bool, int64 and float64 elements show their type, except when there are none.
    if a.is_empty() {
        extras.push(format!("dtype={}", a.dtype().name()));
    }
    extras
}

/// A shape as Python prints the tuple: `(2000,)`, `(0, 3)`.
fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [only] => format!("({only},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", dims.join(", "))
        }
    }
}

/// `str()` of the single element of a 0-d array.
fn scalar_str(a: &NdArray) -> String {
    match a {
        NdArray::Bool(x) => x.iter().next().map_or("", |&b| bool_name(b)).to_string(),
        NdArray::Int(x) => x.iter().next().map(i64::to_string).unwrap_or_default(),
        NdArray::Float(x) => x.iter().next().map(|&v| float64_str(v)).unwrap_or_default(),
    }
}

fn bool_name(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// NumPy's `_array2string` for a non-empty array: format the (possibly summarised)
/// elements, then lay them out. `prefix_len` is how far the opening `[` is indented.
fn array_to_string(a: &NdArray, separator: &str, prefix_len: usize, width: usize) -> String {
    let summarise = a.len() > THRESHOLD;
    let words = match a {
        NdArray::Bool(x) => bool_words(corners(x, summarise).view()),
        NdArray::Int(x) => int_words(corners(x, summarise).view()),
        NdArray::Float(x) => float_words(corners(x, summarise).view()),
    };
    let layout = Layout {
        words: &words,
        shape: a.shape(),
        separator,
        summarise,
    };
    // Continuation lines align one past the opening "[".
    let hanging = " ".repeat(prefix_len + 1);
    layout.render(&mut Vec::new(), &hanging, width)
}

/// The elements a summary shows: the first and last `EDGE_ITEMS` along every long axis.
/// Element widths are computed from these only, as NumPy does. Gathered element by element
/// so a huge array is never copied.
fn corners<T: Clone>(a: &ArrayD<T>, summarise: bool) -> Cow<'_, ArrayD<T>> {
    if !summarise {
        return Cow::Borrowed(a);
    }
    let kept: Vec<Vec<usize>> = a.shape().iter().map(|&len| edge_indices(len)).collect();
    let shape: Vec<usize> = kept.iter().map(Vec::len).collect();
    let mut source = vec![0; a.ndim()];
    Cow::Owned(ArrayD::from_shape_fn(IxDyn(&shape), |index| {
        for (axis, slot) in source.iter_mut().enumerate() {
            *slot = kept[axis][index[axis]];
        }
        a[IxDyn(&source)].clone()
    }))
}

/// Positions kept along an axis of `len` entries when summarising.
fn edge_indices(len: usize) -> Vec<usize> {
    if len > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS).chain(len - EDGE_ITEMS..len).collect()
    } else {
        (0..len).collect()
    }
}

// -- element formats -----------------------------------------------------------

/// NumPy's `BoolFormat`: `" True"` pads to the width of `"False"`, except in a 0-d array.
fn bool_words(data: ArrayViewD<'_, bool>) -> ArrayD<String> {
    let true_word = if data.ndim() == 0 { "True" } else { " True" };
    data.mapv(|b| if b { true_word } else { "False" }.to_string())
}

/// NumPy's `IntegerFormat`: right-aligned to the wider of the largest and smallest value.
fn int_words(data: ArrayViewD<'_, i64>) -> ArrayD<String> {
    let width = [data.iter().max(), data.iter().min()]
        .into_iter()
        .flatten()
        .map(|x| x.to_string().len())
        .max()
        .unwrap_or(0);
    data.mapv(|x| format!("{x:>width$}"))
}

fn float_words(data: ArrayViewD<'_, f64>) -> ArrayD<String> {
    let format = FloatFormat::new(data.iter().copied());
    data.mapv(|x| format.format(x))
}

/// How a float array's elements are written, NumPy's `FloatingFormat` in 'maxprec' mode.
#[derive(Debug)]
struct FloatFormat {
    /// Scientific notation, with this many mantissa digits after the point and at least this
    /// many exponent digits; positional notation when `None`.
    scientific: Option<(usize, usize)>,
    /// Characters before the decimal point, sign included.
    pad_left: usize,
    /// Characters after the decimal point (for scientific: mantissa digits, `e`, sign and
    /// exponent); only non-finite values need it there.
    pad_right: usize,
}

impl FloatFormat {
    /// NumPy's `FloatingFormat.fillFormat`: sizes the format from every element.
    fn new(values: impl Iterator<Item = f64> + Clone) -> FloatFormat {
        let finite: Vec<f64> = values.clone().filter(|x| x.is_finite()).collect();
        let mut format = if use_scientific(&finite) {
            FloatFormat::scientific(&finite)
        } else {
            FloatFormat::positional(&finite)
        };
        format.fit_non_finite(values);
        format
    }

    fn positional(finite: &[f64]) -> FloatFormat {
        let parts: Vec<(String, String)> = finite.iter().map(|&x| positional_parts(x)).collect();
        FloatFormat {
            scientific: None,
            pad_left: parts.iter().map(|(int, _)| int.len()).max().unwrap_or(0),
            pad_right: parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0),
        }
    }

    fn scientific(finite: &[f64]) -> FloatFormat {
        let parts: Vec<Scientific> = finite.iter().map(|&x| Scientific::of(x)).collect();
        let digits = parts.iter().map(|p| p.frac.len()).max().unwrap_or(0);
        // The exponent always shows at least two digits ("e+05").
        let exp_digits = parts
            .iter()
            .map(|p| p.exp.unsigned_abs().to_string().len())
            .fold(2, usize::max);
        FloatFormat {
            scientific: Some((digits, exp_digits)),
            pad_left: parts.iter().map(|p| p.int.len()).max().unwrap_or(0),
            pad_right: exp_digits + 2 + digits,
        }
    }

    /// Widens the integer part so `nan`, `inf` and `-inf` fit the common width.
    fn fit_non_finite(&mut self, values: impl Iterator<Item = f64>) {
        let mut any_non_finite = false;
        let mut negative_inf = false;
        for x in values.filter(|x| !x.is_finite()) {
            any_non_finite = true;
            negative_inf |= x == f64::NEG_INFINITY;
        }
        if !any_non_finite {
            return;
        }
        let after_int = self.pad_right + 1; // the decimal point and what follows it
        let widest = "inf".len() + usize::from(negative_inf);
        self.pad_left = self
            .pad_left
            .max("nan".len().saturating_sub(after_int))
            .max(widest.saturating_sub(after_int));
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let word = non_finite_word(x);
            return format!("{word:>width$}", width = self.pad_left + self.pad_right + 1);
        }
        match self.scientific {
            Some((digits, exp_digits)) => {
                let p = Scientific::padded(x, digits);
                let sign = if p.exp < 0 { '-' } else { '+' };
                format!(
                    "{int:>left$}.{frac:0<digits$}e{sign}{exp:0>exp_digits$}",
                    int = p.int,
                    frac = p.frac,
                    exp = p.exp.unsigned_abs(),
                    left = self.pad_left,
                )
            }
            None => {
                let (int, frac) = positional_parts(x);
                format!(
                    "{int:>left$}.{frac:<right$}",
                    left = self.pad_left,
                    right = self.pad_right
                )
            }
        }
    }
}

fn non_finite_word(x: f64) -> &'static str {
    if x.is_nan() {
        "nan"
    } else if x < 0.0 {
        "-inf"
    } else {
        "inf"
    }
}

/// NumPy switches the whole array to scientific notation when its non-zero finite
/// magnitudes reach 1e8, drop below 1e-4, or span more than three decades.
fn use_scientific(finite: &[f64]) -> bool {
    let magnitudes = finite.iter().map(|x| x.abs()).filter(|&m| m != 0.0);
    let Some((min, max)) = magnitudes.fold(None, |acc: Option<(f64, f64)>, m| {
        Some(acc.map_or((m, m), |(lo, hi)| (lo.min(m), hi.max(m))))
    }) else {
        return false;
    };
    // The ratio may overflow to inf, which counts as "more than three decades" too.
    max >= 1e8 || min < 1e-4 || max / min > 1000.0
}

// -- digits of one float ---------------------------------------------------------

/// Decimal digits of a non-negative finite float: `d0.d1d2… × 10^exp`, without trailing zeros
/// (`"0"` for zero).
#[derive(Debug, PartialEq)]
struct Digits {
    digits: String,
    exp: i32,
}

impl Digits {
    /// Parses Rust's `{:e}` text (`"1.2345e-5"`, `"2.50000000e3"`).
    fn parse(text: &str) -> Digits {
        let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_end_matches('0');
        Digits {
            digits: if digits.is_empty() { "0" } else { digits }.to_string(),
            exp: exp.parse().unwrap_or(0),
        }
    }

    /// The shortest digits that read back as `x`, the closest such when several do
    /// (Dragon4's "unique" mode).
    fn shortest(x: f64) -> Digits {
        let digits = Digits::parse(&format!("{x:e}"));
        // Rust breaks an exact tie between two shortest candidates upwards
        // (2208300000000000.25 gives "...0.3") where Dragon4 picks the even digit
        // ("...0.2"). The correctly rounded string of the same length is then the answer
        // when it still reads back as `x`; ties need at least 16 digits.
        let count = digits.digits.len();
        if count >= 16 {
            let nearest = format!("{:.*e}", count - 1, x);
            if nearest.parse::<f64>() == Ok(x) {
                return Digits::parse(&nearest);
            }
        }
        digits
    }

    /// How many digits fall after the decimal point in positional notation.
    fn fraction_len(&self) -> usize {
        let len = self.digits.len() as i64 - 1 - i64::from(self.exp);
        usize::try_from(len).unwrap_or(0)
    }

    /// Splits into the integer and fraction digits of positional notation.
    fn positional(&self) -> (String, String) {
        if self.exp < 0 {
            let zeros = "0".repeat(self.exp.unsigned_abs() as usize - 1);
            return ("0".to_string(), format!("{zeros}{}", self.digits));
        }
        let int_len = self.exp as usize + 1;
        if self.digits.len() <= int_len {
            let int = format!("{:0<int_len$}", self.digits);
            (int, String::new())
        } else {
            let (int, frac) = self.digits.split_at(int_len);
            (int.to_string(), frac.to_string())
        }
    }
}

/// Integer part (with any `-`) and fraction digits of `x` in positional notation: the
/// shortest unique digits, rounded to `PRECISION` places when they need more; trailing
/// zeros dropped (`1.`, `1.5`, `0.33333333`).
fn positional_parts(x: f64) -> (String, String) {
    let magnitude = x.abs();
    let shortest = Digits::shortest(magnitude);
    let (int, frac) = if shortest.fraction_len() <= PRECISION {
        shortest.positional()
    } else {
        let rounded = format!("{magnitude:.PRECISION$}");
        let (int, frac) = rounded.split_once('.').unwrap_or((&rounded, ""));
        (int.to_string(), frac.trim_end_matches('0').to_string())
    };
    (with_sign(x, int), frac)
}

/// One float in scientific notation: integer digit (with any `-`), fraction digits and
/// decimal exponent; the shortest unique digits, rounded to `PRECISION` fraction digits.
struct Scientific {
    int: String,
    frac: String,
    exp: i32,
}

impl Scientific {
    fn of(x: f64) -> Scientific {
        let magnitude = x.abs();
        let mut digits = Digits::shortest(magnitude);
        if digits.digits.len() > PRECISION + 1 {
            digits = Digits::parse(&format!("{magnitude:.PRECISION$e}"));
        }
        Scientific::from_digits(x, &digits)
    }

    /// `x` correctly rounded to exactly `places` fraction digits. Where the shortest digits
    /// are fewer, NumPy prints further true digits rather than zeros (`min_digits`); they
    /// are zeros for normal floats, but not for subnormals (`4.940656e-324`, not `5.0…`).
    fn padded(x: f64, places: usize) -> Scientific {
        let digits = Digits::parse(&format!("{:.places$e}", x.abs()));
        let mut scientific = Scientific::from_digits(x, &digits);
        scientific.frac = format!("{:0<places$}", scientific.frac);
        scientific
    }

    fn from_digits(x: f64, digits: &Digits) -> Scientific {
        let (first, rest) = digits.digits.split_at(1);
        Scientific {
            int: with_sign(x, first.to_string()),
            frac: rest.to_string(),
            exp: digits.exp,
        }
    }
}

/// Prefixes `-` for negative values, negative zero included (`-0.`).
fn with_sign(x: f64, int: String) -> String {
    if x.is_sign_negative() {
        format!("-{int}")
    } else {
        int
    }
}

// -- layout ----------------------------------------------------------------------

/// NumPy's `_formatArray`: nests formatted elements in brackets, wrapping long rows.
struct Layout<'a> {
    /// Formatted elements: the whole array, or only its corners when summarised.
    words: &'a ArrayD<String>,
    /// The array's real shape, which decides where summaries go.
    shape: &'a [usize],
    separator: &'a str,
    summarise: bool,
}

/// One entry along an axis: a position in `Layout::words`, or the summary marker.
#[derive(Clone, Copy)]
enum Entry {
    At(usize),
    Summary,
}

impl Layout<'_> {
    /// Renders the sub-array at `index`. `hanging` indents continuation lines and `width`
    /// is the room left on a line (one less per nesting level, for its `]`).
    fn render(&self, index: &mut Vec<usize>, hanging: &str, width: usize) -> String {
        let axis = index.len();
        let axes_left = self.shape.len() - axis;
        if axes_left == 0 {
            return self.words[IxDyn(index)].clone();
        }
        let inner_hanging = format!("{hanging} ");
        let inner_width = width.saturating_sub(1);
        let entries = self.entries(axis);
        let mut word_of = |entry: Entry| match entry {
            Entry::At(position) => {
                index.push(position);
                let word = self.render(index, &inner_hanging, inner_width);
                index.pop();
                word
            }
            Entry::Summary => SUMMARY.to_string(),
        };
        let body = if axes_left == 1 {
            // Room up to the separator or closing bracket, whichever is wider.
            let separator_len = self.separator.trim_end().len().max(1);
            let elem_width = width.saturating_sub(separator_len);
            let mut text = String::new();
            let mut line = hanging.to_string();
            for (i, &entry) in entries.iter().enumerate() {
                extend_line(&mut text, &mut line, &word_of(entry), elem_width, hanging);
                if i + 1 < entries.len() {
                    line.push_str(self.separator);
                }
            }
            text + &line
        } else {
            // Blocks of a k-d array are separated by k-1 newlines.
            let block_sep = format!(
                "{}{}",
                self.separator.trim_end(),
                "\n".repeat(axes_left - 1)
            );
            let blocks: Vec<String> = entries
                .iter()
                .map(|&entry| format!("{hanging}{}", word_of(entry)))
                .collect();
            blocks.join(&block_sep)
        };
        // The first line's hanging indent gives way to the "[".
        format!("[{}]", &body[hanging.len()..])
    }

    /// What is shown along `axis`: everything, or the edges around a summary marker.
    fn entries(&self, axis: usize) -> Vec<Entry> {
        let stored = self.words.len_of(Axis(axis));
        if self.summarise && self.shape[axis] > 2 * EDGE_ITEMS {
            let leading = (0..EDGE_ITEMS).map(Entry::At);
            let trailing = (stored - EDGE_ITEMS..stored).map(Entry::At);
            leading.chain([Entry::Summary]).chain(trailing).collect()
        } else {
            (0..stored).map(Entry::At).collect()
        }
    }
}

/// NumPy's `_extendLine`: appends `word`, first breaking the line when it would pass
/// `width`, unless the line holds nothing but its indent (wrapping would not help).
fn extend_line(text: &mut String, line: &mut String, word: &str, width: usize, indent: &str) {
    if line.len() + word.len() > width && line.len() > indent.len() {
        text.push_str(line.trim_end());
        text.push('\n');
        *line = indent.to_string();
    }
    line.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::IxDyn;

    fn floats(shape: &[usize], values: &[f64]) -> NdArray {
        NdArray::Float(ArrayD::from_shape_vec(IxDyn(shape), values.to_vec()).expect("shape"))
    }

    #[test]
    fn float_basics() {
        assert_eq!(array_repr(&floats(&[2], &[1.0, 2.0])), "array([1., 2.])");
        assert_eq!(array_str(&floats(&[2], &[1.0, 1.5])), "[1.  1.5]");
        assert_eq!(array_repr(&floats(&[], &[3.0])), "array(3.)");
        assert_eq!(array_str(&floats(&[], &[3.0])), "3.0");
        assert_eq!(array_repr(&floats(&[0], &[])), "array([], dtype=float64)");
    }

    #[test]
    fn scientific_and_non_finite() {
        let a = floats(&[3], &[f64::NAN, 1e-10, f64::NEG_INFINITY]);
        assert_eq!(array_repr(&a), "array([   nan, 1.e-10,   -inf])");
    }

    #[test]
    fn ints_and_bools() {
        let ints = NdArray::Int(
            ArrayD::from_shape_vec(IxDyn(&[2, 2]), vec![1, -20, 300, 4]).expect("shape"),
        );
        assert_eq!(array_repr(&ints), "array([[  1, -20],\n       [300,   4]])");
        let bools =
            NdArray::Bool(ArrayD::from_shape_vec(IxDyn(&[2]), vec![true, false]).expect("shape"));
        assert_eq!(array_str(&bools), "[ True False]");
    }

    #[test]
    fn dtoa_tie_goes_to_even() {
        // 2208300000000000.25 is exact; written as a sum to keep clippy from "truncating" it.
        assert_eq!(
            Digits::shortest(2_208_300_000_000_000.0 + 0.25).digits,
            "22083000000000002"
        );
    }
}
