//! Tables: turns tabular values (a list of dicts, a dict of columns, a list of rows, a
//! 1-D or 2-D array) into a [`TableSpec`], and renders a spec as a bordered text table
//! (comfy-table), a GitHub Markdown pipe table or CSV. Rendering is a pure function of
//! the spec and a [`Render`] (format, width, Unicode or ASCII); only
//! [`Render::for_stdout`] looks at the terminal.

use super::format::{float_repr, format_float};
use super::repr::str as str_of;
use crate::value::array::{NativeObj, NdArray, Scalar};
use crate::value::{DictMap, Key, Value};
use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table};
use std::hash::BuildHasherDefault;
use std::io::IsTerminal;

/// A column's position by its key, with the fixed hasher `DictMap` uses.
type KeyPositions = indexmap::IndexMap<Key, usize, BuildHasherDefault<ahash::AHasher>>;

/// A text table with more rows than this shows only its first and last rows.
pub const MAX_ROWS: usize = 20;
/// How many rows an elided text table shows at each end.
pub const EDGE_ROWS: usize = 5;
/// Decimals a float column may use at most (pandas' `display.precision`).
const FLOAT_DIGITS: usize = 6;
/// A text column is never squeezed below this many characters before columns are
/// dropped to fit a width; numeric columns are never wrapped at all.
const TEXT_MIN_WIDTH: usize = 10;

/// What the accepted shapes are, for error messages.
pub const ACCEPTED: &str = "a list of dicts, a dict of lists, a list of rows or a 2-D array";

// ---------------------------------------------------------------- the data

/// One column: the key it came from (a dict key, or its position), and one cell per
/// row; `None` is a missing cell (a dict without that key), distinct from a cell
/// holding Python's `None`.
#[derive(Clone)]
pub struct Column {
    pub key: Value,
    pub cells: Vec<Option<Value>>,
}

impl Column {
    /// The header text: the key as `str()` prints it.
    pub fn header(&self) -> String {
        str_of(&self.key)
    }
}

/// A table's content, before any formatting. `row_labels` name the rows (describe's
/// statistic names); without them the text table shows row positions, as pandas shows
/// its default index.
/// Private fields: every column holds exactly `rows` cells, which rendering relies on.
#[derive(Clone)]
pub struct TableSpec {
    columns: Vec<Column>,
    row_labels: Option<Vec<String>>,
    rows: usize,
}

/// Why a value cannot be a table. The caller words the message with its own name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpecError {
    /// Not one of the tabular shapes; the text says what it is instead (`int`,
    /// `a 3-D array`, `a list of dicts whose item 1 is int`).
    NotTabular(String),
    /// Rows or columns of different lengths; the text names the lengths.
    Ragged(String),
}

impl TableSpec {
    /// A spec from columns of equal length (and as many row labels, if any).
    ///
    /// # Errors
    /// `SpecError::Ragged` when the lengths differ.
    pub fn new(
        columns: Vec<Column>,
        row_labels: Option<Vec<String>>,
    ) -> Result<TableSpec, SpecError> {
        let rows = columns
            .first()
            .map(|c| c.cells.len())
            .or(row_labels.as_ref().map(Vec::len))
            .unwrap_or(0);
        let label_rows = row_labels.as_ref().map_or(rows, Vec::len);
        if label_rows != rows || columns.iter().any(|c| c.cells.len() != rows) {
            return Err(SpecError::Ragged(format!(
                "columns and row labels must all have {rows} item{}",
                plural(rows)
            )));
        }
        Ok(TableSpec::sized(columns, row_labels, rows))
    }

    /// A spec whose columns were checked to hold `rows` cells each. The count is given
    /// because a list of empty dicts has rows but no columns.
    fn sized(columns: Vec<Column>, row_labels: Option<Vec<String>>, rows: usize) -> TableSpec {
        TableSpec {
            columns,
            row_labels,
            rows,
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn row_labels(&self) -> Option<&[String]> {
        self.row_labels.as_deref()
    }

    /// The table `table(v)` shows, for every tabular shape.
    pub fn from_value(v: &Value) -> Result<TableSpec, SpecError> {
        match v {
            Value::List(l) => from_items(&l.read_recursive()),
            Value::Tuple(t) => from_items(t),
            Value::Dict(d) => from_dict(&d.read_recursive()),
            Value::Array(a) => from_array(a),
            Value::Native(n) => match &**n {
                NativeObj::Table(t) => Ok(t.spec.clone()),
                _ => Err(SpecError::NotTabular(v.type_name().to_string())),
            },
            other => Err(SpecError::NotTabular(other.type_name().to_string())),
        }
    }

    /// The table the REPL echoes instead of a repr: only shapes a Python user would
    /// not expect as a repr — a list of dicts with str keys, a dict of equal-length
    /// lists with str keys, a 2-D array. A list of lists stays a repr.
    pub fn auto(v: &Value) -> Option<TableSpec> {
        let str_keys = |d: &DictMap| d.keys().all(|k| matches!(k.0, Value::Str(_)));
        let fits = match v {
            Value::List(l) => {
                let items = l.read_recursive();
                !items.is_empty()
                    && items.iter().all(|item| match item {
                        Value::Dict(d) => str_keys(&d.read_recursive()),
                        _ => false,
                    })
            }
            Value::Dict(d) => {
                let d = d.read_recursive();
                let lens: Vec<Option<usize>> = d
                    .values()
                    .map(|c| match c {
                        Value::List(l) => Some(l.read_recursive().len()),
                        _ => None,
                    })
                    .collect();
                !d.is_empty()
                    && str_keys(&d)
                    && lens.iter().all(|n| n.is_some() && *n == lens[0])
                    && lens[0] != Some(0)
            }
            Value::Array(a) => a.ndim() == 2,
            _ => false,
        };
        if fits {
            TableSpec::from_value(v).ok()
        } else {
            None
        }
    }

    /// Columns as a dict of lists (pandas' `to_dict('list')`): missing cells become
    /// `None`; row labels are not a column, as pandas leaves out the index.
    pub fn to_dict(&self) -> Value {
        let mut map = DictMap::default();
        for col in &self.columns {
            let cells = col
                .cells
                .iter()
                .map(|c| c.clone().unwrap_or(Value::None))
                .collect();
            // Keys came from dict keys or positions, so they are hashable.
            map.insert(Key(col.key.clone()), Value::list(cells));
        }
        Value::dict(map)
    }
}

/// A list (or tuple) of dicts, or of rows.
fn from_items(items: &[Value]) -> Result<TableSpec, SpecError> {
    match items.first() {
        None => Ok(TableSpec::sized(Vec::new(), None, 0)),
        Some(Value::Dict(_)) => from_records(items),
        Some(first) if row_items(first).is_some() => from_rows(items),
        Some(first) => Err(SpecError::NotTabular(format!(
            "a list of {}",
            first.type_name()
        ))),
    }
}

/// The items of one row of a list of rows, if `v` can be one.
fn row_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.read_recursive().clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Array(a) if a.ndim() == 1 => Some(array_values(a)),
        _ => None,
    }
}

/// A list of dicts: columns are the union of keys in first-seen order.
fn from_records(items: &[Value]) -> Result<TableSpec, SpecError> {
    // Keys hash as Python's do (1 == 1.0 == True), as a dict's own keys would.
    let mut positions: KeyPositions = KeyPositions::default();
    let mut columns: Vec<Column> = Vec::new();
    for (row, item) in items.iter().enumerate() {
        let Value::Dict(d) = item else {
            return Err(not_all("dicts", row, item));
        };
        for (k, v) in d.read_recursive().iter() {
            let col = *positions.entry(k.clone()).or_insert_with(|| {
                columns.push(Column {
                    key: k.0.clone(),
                    cells: vec![None; items.len()],
                });
                columns.len() - 1
            });
            columns[col].cells[row] = Some(v.clone());
        }
    }
    Ok(TableSpec::sized(columns, None, items.len()))
}

/// A list of rows: columns are numbered 0, 1, … as pandas numbers them.
fn from_rows(items: &[Value]) -> Result<TableSpec, SpecError> {
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let row = row_items(item).ok_or_else(|| not_all("rows", i, item))?;
        if let Some(first) = rows.first().map(Vec::len).filter(|&n| n != row.len()) {
            return Err(SpecError::Ragged(format!(
                "rows must all have the same length: row 0 has {first} item{} but row {i} has {}",
                plural(first),
                row.len()
            )));
        }
        rows.push(row);
    }
    let width = rows.first().map_or(0, Vec::len);
    let rows_len = rows.len();
    let mut columns: Vec<Column> = (0..width)
        .map(|j| Column {
            key: Value::Int(j as i64),
            cells: Vec::with_capacity(rows.len()),
        })
        .collect();
    for row in rows {
        for (col, v) in columns.iter_mut().zip(row) {
            col.cells.push(Some(v));
        }
    }
    Ok(TableSpec::sized(columns, None, rows_len))
}

/// A dict of columns (lists, tuples or 1-D arrays), all of one length.
fn from_dict(d: &DictMap) -> Result<TableSpec, SpecError> {
    let mut columns: Vec<Column> = Vec::with_capacity(d.len());
    for (k, v) in d.iter() {
        let cells = row_items(v).ok_or_else(|| {
            SpecError::NotTabular(format!(
                "a dict whose value for {} is {}",
                super::repr::repr(&k.0),
                describe_type(v)
            ))
        })?;
        if let Some(first) = columns.first().filter(|c| c.cells.len() != cells.len()) {
            return Err(SpecError::Ragged(format!(
                "columns must all have the same length: {} has {} item{} but {} has {}",
                super::repr::repr(&first.key),
                first.cells.len(),
                plural(first.cells.len()),
                super::repr::repr(&k.0),
                cells.len()
            )));
        }
        columns.push(Column {
            key: k.0.clone(),
            cells: cells.into_iter().map(Some).collect(),
        });
    }
    let rows = columns.first().map_or(0, |c| c.cells.len());
    Ok(TableSpec::sized(columns, None, rows))
}

/// A 1-D array is one column named 0; a 2-D array has a column per array column.
fn from_array(a: &NdArray) -> Result<TableSpec, SpecError> {
    let shape = a.shape().to_vec();
    let (rows, cols) = match shape[..] {
        [n] => (n, 1),
        [n, m] => (n, m),
        _ => return Err(SpecError::NotTabular(array_kind(a.ndim()))),
    };
    let values = array_values(a); // C order: row by row
    let columns = (0..cols)
        .map(|j| Column {
            key: Value::Int(j as i64),
            cells: (0..rows)
                .map(|i| Some(values[i * cols + j].clone()))
                .collect(),
        })
        .collect();
    Ok(TableSpec::sized(columns, None, rows))
}

/// Every element of an array as a Python number, in C order.
fn array_values(a: &NdArray) -> Vec<Value> {
    crate::with_nd!(a, arr => arr.iter().map(|x| Scalar::from(*x).to_value()).collect())
}

/// A value's type as an error message names it: arrays by their dimension count.
fn describe_type(v: &Value) -> String {
    match v {
        Value::Array(a) => array_kind(a.ndim()),
        other => other.type_name().to_string(),
    }
}

/// `a 3-D array`, in NumPy's words (`0-d` for a scalar array).
fn array_kind(ndim: usize) -> String {
    if ndim == 0 {
        "a 0-d array".to_string()
    } else {
        format!("a {ndim}-D array")
    }
}

fn not_all(what: &str, index: usize, item: &Value) -> SpecError {
    SpecError::NotTabular(format!(
        "a list of {what} whose item {index} is {}",
        describe_type(item)
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

// ------------------------------------------------------------ the renderer

/// The output formats of `table()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A bordered table, elided when long, fitted to the width.
    Text,
    /// A GitHub pipe table with every row.
    Markdown,
    /// RFC 4180 CSV with every row.
    Csv,
}

impl Format {
    /// `None`, `"text"`, `"markdown"` or `"csv"`.
    pub fn parse(name: Option<&str>) -> Option<Format> {
        match name {
            None | Some("text") => Some(Format::Text),
            Some("markdown") => Some(Format::Markdown),
            Some("csv") => Some(Format::Csv),
            Some(_) => None,
        }
    }
}

/// How to render: everything the output depends on besides the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Render {
    pub format: Format,
    /// The widest a text table may be; `None` is no limit.
    pub width: Option<u16>,
    /// Unicode borders and `…`; otherwise plain ASCII and `...`.
    pub unicode: bool,
}

/// A table value (`table()`, `describe()`): its content, for `to_dict()` and
/// re-rendering, and its text, for `str()` and `repr()`.
pub struct TableObj {
    pub spec: TableSpec,
    pub text: String,
}

impl Render {
    /// The rendering for standard output: with no width given, the terminal's width when
    /// stdout is a terminal (comfy-table's detection), else no limit; Unicode borders
    /// only on a terminal with `NO_COLOR` unset.
    pub fn for_stdout(format: Format, width: Option<u16>) -> Render {
        let terminal = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Render {
            format,
            width: width.or_else(|| Table::new().width()),
            unicode: terminal && !no_color,
        }
    }

    /// The table's text, without a final newline.
    pub fn render(&self, spec: &TableSpec) -> String {
        match self.format {
            Format::Text => render_text(spec, self.width, self.unicode),
            Format::Markdown => render_markdown(spec),
            Format::Csv => render_csv(spec),
        }
    }
}

/// What the REPL prints for `v` when it is tabular (see [`TableSpec::auto`]).
pub fn echo_text(v: &Value) -> Option<String> {
    let spec = TableSpec::auto(v)?;
    Some(Render::for_stdout(Format::Text, None).render(&spec))
}

/// A column's cells as text, and whether they line up on the right (numbers).
struct Formatted {
    header: String,
    cells: Vec<String>,
    right: bool,
}

/// How a column's values print; decided from the cells shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Float,
    Bool,
    Text,
}

fn kind_of<'a>(cells: impl Iterator<Item = &'a Option<Value>>) -> Kind {
    let mut kind: Option<Kind> = None;
    for v in cells.flatten() {
        let this = match v {
            Value::None => continue,
            Value::Int(_) => Kind::Int,
            Value::Float(_) => Kind::Float,
            Value::Bool(_) => Kind::Bool,
            _ => return Kind::Text,
        };
        kind = Some(match (kind, this) {
            (None, k) => k,
            (Some(a), b) if a == b => a,
            // pandas makes a float64 column of ints and floats together.
            (Some(Kind::Int | Kind::Float), Kind::Int | Kind::Float) => Kind::Float,
            _ => return Kind::Text,
        });
    }
    kind.unwrap_or(Kind::Text)
}

/// Formats the given cells of a column with one rule for the whole column.
fn format_column(col: &Column, rows: &[usize]) -> Formatted {
    let shown = || rows.iter().map(|&i| &col.cells[i]);
    let kind = kind_of(shown());
    let floats: Vec<String> = if kind == Kind::Float {
        let xs: Vec<f64> = shown().flatten().filter_map(Value::as_float).collect();
        format_floats(&xs)
    } else {
        Vec::new()
    };
    let mut next_float = floats.into_iter();
    let cells = shown()
        .map(|cell| match cell {
            None => String::new(),
            Some(Value::None) => "None".to_string(),
            Some(Value::Int(i)) if kind == Kind::Int => i.to_string(),
            Some(Value::Int(_) | Value::Float(_)) if kind == Kind::Float => {
                next_float.next().unwrap_or_default()
            }
            Some(v) => str_of(v),
        })
        .collect();
    Formatted {
        header: col.header(),
        cells,
        right: kind != Kind::Text,
    }
}

/// pandas' float column format: fixed with at most six decimals, trailing zeros trimmed
/// equally from every cell (keeping one); scientific with six decimals for the whole
/// column when a non-zero value would show as zero, or when a value above 1e6 makes the
/// fixed form longer than twelve characters. NaN prints as pandas prints it.
pub fn format_floats(xs: &[f64]) -> Vec<String> {
    let fixed = trim_zeros(xs.iter().map(|&x| fixed_float(x)).collect());
    let longest = fixed
        .iter()
        .map(|s| s.len() + usize::from(!s.starts_with('-'))) // pandas' leading space
        .max()
        .unwrap_or(0);
    let finite = || xs.iter().filter(|x| x.is_finite()).map(|x| x.abs());
    let small = finite().any(|a| a > 0.0 && a < 10f64.powi(-(FLOAT_DIGITS as i32)));
    let large = finite().any(|a| a > 1e6);
    if small || (large && longest > FLOAT_DIGITS + 6) {
        xs.iter().map(|&x| sci_float(x)).collect()
    } else {
        fixed
    }
}

fn fixed_float(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    format_float(x, &format!(".{FLOAT_DIGITS}f")).unwrap_or_else(|_| float_repr(x))
}

fn sci_float(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    format_float(x, &format!(".{FLOAT_DIGITS}e")).unwrap_or_else(|_| float_repr(x))
}

/// Removes trailing zeros from every plain decimal while all of them end in one, then
/// restores one zero after a bare point (pandas' `_trim_zeros_float`).
fn trim_zeros(mut cells: Vec<String>) -> Vec<String> {
    let plain = |s: &str| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        digits.contains('.') && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    loop {
        let mut numbers = cells.iter().filter(|s| plain(s)).peekable();
        if numbers.peek().is_none() || !numbers.all(|s| s.ends_with('0')) {
            break;
        }
        for s in cells.iter_mut().filter(|s| plain(s)) {
            s.pop();
        }
    }
    for s in cells.iter_mut().filter(|s| plain(s) && s.ends_with('.')) {
        s.push('0');
    }
    cells
}

/// Which rows a text table shows: all, or the first and last few of a long table.
fn shown_rows(rows: usize) -> (Vec<usize>, bool) {
    if rows > MAX_ROWS {
        let rows_list = (0..EDGE_ROWS).chain(rows - EDGE_ROWS..rows).collect();
        (rows_list, true)
    } else {
        ((0..rows).collect(), false)
    }
}

/// Display width of a cell's widest line. Counts characters: comfy-table measures the
/// real layout, this only decides which columns to drop.
fn text_width(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The narrowest a column can be drawn: numbers in full, text down to a few characters.
fn min_width(col: &Formatted) -> usize {
    let natural = col
        .cells
        .iter()
        .map(|c| text_width(c))
        .chain([text_width(&col.header)])
        .max()
        .unwrap_or(0);
    if col.right {
        natural
    } else {
        natural.min(TEXT_MIN_WIDTH)
    }
}

/// Which columns fit in `width` (with the label column and, when some are dropped, an
/// ellipsis column): columns are dropped from the middle, as pandas does, down to one.
fn fit_columns(label: &Formatted, cols: &[Formatted], width: Option<u16>) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..cols.len()).collect();
    let Some(width) = width else { return keep };
    // Each column costs its content, one space either side and one border.
    let cost = |w: usize| w + 3;
    let total = |keep: &[usize]| {
        let ellipsis = if keep.len() < cols.len() { cost(3) } else { 0 };
        1 + cost(min_width(label))
            + ellipsis
            + keep
                .iter()
                .map(|&j| cost(min_width(&cols[j])))
                .sum::<usize>()
    };
    while keep.len() > 1 && total(&keep) > usize::from(width) {
        keep.remove(keep.len() / 2);
    }
    keep
}

/// The bordered text table: row labels (or positions) first, elided rows as one row of
/// ellipses, dropped columns as one column of ellipses, and a `[N rows × M columns]`
/// footer when anything is left out or the table is empty.
fn render_text(spec: &TableSpec, width: Option<u16>, unicode: bool) -> String {
    let ellipsis = if unicode { "…" } else { "..." };
    let (rows, rows_cut) = shown_rows(spec.rows());
    let cols: Vec<Formatted> = spec
        .columns
        .iter()
        .map(|c| format_column(c, &rows))
        .collect();
    let label = Formatted {
        header: String::new(),
        cells: rows
            .iter()
            .map(|&i| match &spec.row_labels {
                Some(labels) => labels.get(i).cloned().unwrap_or_default(),
                None => i.to_string(),
            })
            .collect(),
        right: false,
    };
    let keep = fit_columns(&label, &cols, width);
    let cols_cut = keep.len() < cols.len();
    // The drawn columns in order, the ellipsis column where the dropped ones were (a
    // run from the middle, so the first kept column whose position moved).
    let gap = keep.iter().enumerate().position(|(n, &j)| n != j);
    let mut drawn: Vec<Option<&Formatted>> = vec![Some(&label)];
    for (n, &j) in keep.iter().enumerate() {
        if gap == Some(n) {
            drawn.push(None);
        }
        drawn.push(Some(&cols[j]));
    }
    if cols_cut && gap.is_none() {
        drawn.push(None);
    }

    let mut table = Table::new();
    table.force_no_tty().load_style(if unicode {
        UTF8_FULL_CONDENSED
    } else {
        ASCII_FULL_CONDENSED
    });
    match width {
        Some(w) => {
            table
                .set_width(w)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    let header: Vec<&str> = drawn
        .iter()
        .map(|c| c.map_or(ellipsis, |c| c.header.as_str()))
        .collect();
    table.set_header(header);
    for (n, _) in rows.iter().enumerate() {
        if rows_cut && n == EDGE_ROWS {
            table.add_row(vec![ellipsis; drawn.len()]);
        }
        let row: Vec<&str> = drawn
            .iter()
            .map(|c| c.map_or(ellipsis, |c| c.cells[n].as_str()))
            .collect();
        table.add_row(row);
    }
    for (i, col) in drawn.iter().enumerate() {
        if let Some(column) = table.column_mut(i) {
            let right = col.is_some_and(|c| c.right);
            column.set_cell_alignment(if right {
                CellAlignment::Right
            } else {
                CellAlignment::Left
            });
            // Numbers and row labels never wrap: a split number reads as two.
            if right || i == 0 || col.is_none() {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
    }
    let mut text = if spec.columns.is_empty() {
        String::new()
    } else {
        table.to_string()
    };
    if rows_cut || cols_cut || spec.rows() == 0 || spec.columns.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        let times = if unicode { "×" } else { "x" };
        text.push_str(&format!(
            "[{} row{} {times} {} column{}]",
            spec.rows(),
            plural(spec.rows()),
            spec.columns.len(),
            plural(spec.columns.len())
        ));
    }
    text
}

/// The label column that Markdown and CSV show: only real row labels (describe's
/// statistic names), never positions.
fn label_cells(spec: &TableSpec) -> Option<Formatted> {
    spec.row_labels.as_ref().map(|labels| Formatted {
        header: String::new(),
        cells: labels.clone(),
        right: false,
    })
}

/// A GitHub pipe table of every row: numbers right-aligned (`---:`), text left.
fn render_markdown(spec: &TableSpec) -> String {
    let all: Vec<usize> = (0..spec.rows()).collect();
    let cols: Vec<Formatted> = label_cells(spec)
        .into_iter()
        .chain(spec.columns.iter().map(|c| format_column(c, &all)))
        .collect();
    if cols.is_empty() {
        return String::new();
    }
    let escape = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    let widths: Vec<usize> = cols
        .iter()
        .map(|c| {
            c.cells
                .iter()
                .chain([&c.header])
                .map(|s| escape(s).chars().count())
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&cols)
            .zip(&widths)
            .map(|((s, c), &w)| {
                let s = escape(s);
                let pad = " ".repeat(w.saturating_sub(s.chars().count()));
                if c.right {
                    pad + &s
                } else {
                    s + &pad
                }
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut lines = vec![line(cols.iter().map(|c| c.header.clone()).collect())];
    let rule: Vec<String> = cols
        .iter()
        .zip(&widths)
        .map(|(c, &w)| {
            if c.right {
                "-".repeat(w - 1) + ":"
            } else {
                ":".to_string() + &"-".repeat(w - 1)
            }
        })
        .collect();
    lines.push(format!("| {} |", rule.join(" | ")));
    for i in 0..spec.rows() {
        lines.push(line(cols.iter().map(|c| c.cells[i].clone()).collect()));
    }
    lines.join("\n")
}

/// CSV of every row (RFC 4180 quoting, `\n` line ends): floats as `repr()` so they
/// read back exactly, `None` and missing cells empty, as pandas' `to_csv` writes them.
fn render_csv(spec: &TableSpec) -> String {
    let labels = spec.row_labels.as_ref();
    if spec.columns.is_empty() && labels.is_none() {
        return String::new();
    }
    let mut lines = Vec::with_capacity(spec.rows() + 1);
    let header = labels
        .map(|_| String::new())
        .into_iter()
        .chain(spec.columns.iter().map(Column::header));
    lines.push(csv_line(header));
    for i in 0..spec.rows() {
        let label = labels.map(|l| l.get(i).cloned().unwrap_or_default());
        let cells = spec.columns.iter().map(|c| match &c.cells[i] {
            None | Some(Value::None) => String::new(),
            Some(Value::Float(x)) => float_repr(x.get()),
            Some(v) => str_of(v),
        });
        lines.push(csv_line(label.into_iter().chain(cells)));
    }
    lines.join("\n")
}

fn csv_line(fields: impl Iterator<Item = String>) -> String {
    fields.map(|f| csv_field(&f)).collect::<Vec<_>>().join(",")
}

/// Quotes a field that holds a comma, a quote or a line break, doubling its quotes.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(xs: &[i64]) -> Vec<Option<Value>> {
        xs.iter().map(|&i| Some(Value::Int(i))).collect()
    }

    fn ascii(spec: &TableSpec) -> String {
        Render {
            format: Format::Text,
            width: None,
            unicode: false,
        }
        .render(spec)
    }

    #[test]
    fn float_columns_share_one_format() {
        assert_eq!(format_floats(&[1.0, 2.5, 3.25]), ["1.00", "2.50", "3.25"]);
        assert_eq!(format_floats(&[1.0, 2.0]), ["1.0", "2.0"]);
        assert_eq!(format_floats(&[0.1234567, 1.0]), ["0.123457", "1.000000"]);
        assert_eq!(
            format_floats(&[1e-7, 1.0]),
            ["1.000000e-07", "1.000000e+00"]
        );
        // Large values turn scientific only when the fixed form gets long.
        assert_eq!(format_floats(&[1234567.5]), ["1234567.5"]);
        assert_eq!(format_floats(&[1234567.123456]), ["1.234567e+06"]);
        assert_eq!(
            format_floats(&[f64::NAN, 1.5, f64::INFINITY]),
            ["NaN", "1.5", "inf"]
        );
    }

    #[test]
    fn mixed_ints_and_floats_print_as_floats() {
        let col = Column {
            key: Value::str("x"),
            cells: vec![Some(Value::Int(1)), Some(Value::float(2.5)), None],
        };
        let f = format_column(&col, &[0, 1, 2]);
        assert_eq!(f.cells, ["1.0", "2.5", ""]);
        assert!(f.right);
    }

    #[test]
    fn long_tables_show_both_ends_and_a_footer() {
        let column = Column {
            key: Value::str("n"),
            cells: ints(&(0..100).collect::<Vec<_>>()),
        };
        let spec = TableSpec::sized(vec![column], None, 100);
        let text = ascii(&spec);
        assert!(text.contains("| 4   |   4 |"), "{text}");
        assert!(text.contains("| ... | ... |"), "{text}");
        assert!(text.contains("| 95  |  95 |"), "{text}");
        assert!(!text.contains("| 50 "), "{text}");
        assert!(text.ends_with("[100 rows x 1 column]"), "{text}");
    }

    #[test]
    fn narrow_widths_drop_middle_columns() {
        let columns = (0..12)
            .map(|j| Column {
                key: Value::str(&format!("column{j}")),
                cells: ints(&[j, j * 1000]),
            })
            .collect();
        let spec = TableSpec::sized(columns, None, 2);
        let text = Render {
            format: Format::Text,
            width: Some(50),
            unicode: false,
        }
        .render(&spec);
        assert!(text.lines().all(|l| l.chars().count() <= 50), "{text}");
        assert!(
            text.contains("column0") && text.contains("column11"),
            "{text}"
        );
        assert!(text.contains("..."), "{text}");
        assert!(text.ends_with("[2 rows x 12 columns]"), "{text}");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn ragged_rows_name_the_lengths() {
        let rows = Value::list(vec![
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            Value::list(vec![Value::Int(3)]),
        ]);
        assert_eq!(
            TableSpec::from_value(&rows).err(),
            Some(SpecError::Ragged(
                "rows must all have the same length: row 0 has 2 items but row 1 has 1".into()
            ))
        );
    }
}
