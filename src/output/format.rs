//! CPython 3.11-exact text formatting: float/str `repr()`, `format()` specs, and `%`.
//!
//! pgs programs must print byte-for-byte what Python prints, so every routine
//! here is a port of the CPython C code that does the same job (named in each
//! doc comment). Digit generation is delegated to Rust's float formatting, which
//! like CPython's dtoa is correctly rounded (ties to even on the exact binary
//! value; see `Decimal::shortest` for the one place the two differ); everything
//! around the digits (exponent rules, padding, grouping, signs, error texts)
//! follows CPython's code path step by step.
//!
//! Errors are returned as CPython's exception *messages*; the `format_*`
//! functions raise `ValueError` in CPython (except the `'c'` range error, an
//! `OverflowError`), while [`percent_format`] reports the exception class too.
//!
//! Known gaps: width/precision digits must be ASCII (CPython also accepts other
//! Unicode decimal digits), and a surrogate code point requested via `'c'`/`%c` is an error because a Rust
//! `String` cannot hold it.

use std::borrow::Cow;
use std::fmt;

// -- public API --------------------------------------------------------------

/// Python's repr()/str() of a float: shortest round-trip digits; fixed notation when
/// the decimal exponent is in -4 <= exp < 16, else scientific like '1e-05', '1e+20',
/// '1.5e+300'; always a '.0' for integral fixed values ('1.0', '-0.0', '100.0');
/// 'inf', '-inf', 'nan'.
pub fn float_repr(x: f64) -> String {
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    double_to_string(x, 'r', 0, flags)
}

/// format(x, spec) / f"{x:spec}" for a float, per Python's format-spec mini-language:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` with types
/// '' (repr, or 'g'-like keeping a '.0' when a precision is given), 'e', 'E', 'f',
/// 'F', 'g', 'G', '%' and 'n' (like 'g' in the C locale).
/// `Err` carries CPython's ValueError text, e.g.
/// "Unknown format code 'd' for object of type 'float'".
pub fn format_float(x: f64, spec: &str) -> Result<String, String> {
    // CPython short-circuits the empty spec to str(x).
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let spec = Spec::parse(spec, None, Align::Right, "float")?;
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(x, &spec),
        Some(other) => Err(unknown_format_code(other, "float")),
    }
}

/// format(i, spec) for an int: types '', 'd', 'b', 'o', 'x', 'X', 'c', 'n', and the
/// float types 'e', 'E', 'f', 'F', 'g', 'G', '%' (the int is converted to float
/// first, as Python does). Supports '#' prefixes (0b/0o/0x), ',' and '_' grouping
/// ('_' every 4 digits for b/o/x/X), sign options, '=' alignment and '0' padding.
/// `Err` carries CPython's error text ("%c arg not in range(0x110000)" is an
/// OverflowError in CPython; every other message is a ValueError).
pub fn format_int(i: i64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(i.to_string());
    }
    let spec = Spec::parse(spec, Some('d'), Align::Right, "int")?;
    match spec.kind.unwrap_or('d') {
        kind @ ('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_int_spec(i, kind, &spec),
        // `i as f64` rounds to nearest-even, exactly like Python's int.__float__.
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_spec(i as f64, &spec),
        other => Err(unknown_format_code(other, "int")),
    }
}

/// format(s, spec) for a str: fill/align/width/precision (truncation, counted in
/// code points), type '' or 's'. `Err` carries CPython's ValueError text (e.g.
/// "Sign not allowed in string format specifier").
pub fn format_str(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_owned());
    }
    let spec = Spec::parse(spec, Some('s'), Align::Left, "str")?;
    match spec.kind {
        None | Some('s') => format_str_spec(s, &spec),
        Some(other) => Err(unknown_format_code(other, "str")),
    }
}

/// Python's repr() of a str (CPython's `unicode_repr`): single quotes unless the
/// text contains `'` but no `"`; escapes `\\`, `\n`, `\r`, `\t`, the quote in use,
/// and non-printable characters as `\xNN`, `\uNNNN` or `\UNNNNNNNN`; printable
/// non-ASCII characters are kept (printability per Unicode 14, as in Python 3.11).
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if is_printable(c) => out.push(c),
            _ => push_escape(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// The numeric view of a `%` operand: decides which conversions accept it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PercentValue<'a> {
    /// An int. Pass bools as `Int(0)`/`Int(1)` (with str_text "False"/"True").
    Int(i64),
    /// A float.
    Float(f64),
    /// A str; `%c` accepts it when it is exactly one character.
    Str,
    /// Any other type; the payload is its Python type name, used in error texts.
    Other(&'a str),
}

/// One operand of `fmt % args`, seen three ways: numerically, as str() (for
/// `%s`) and as repr() (for `%r` and `%a`).
#[derive(Debug, Clone, PartialEq)]
pub struct PercentArg<'a> {
    pub value: PercentValue<'a>,
    pub str_text: Cow<'a, str>,
    pub repr_text: Cow<'a, str>,
}

impl<'a> PercentArg<'a> {
    /// An int operand.
    pub fn int(i: i64) -> Self {
        let text = i.to_string();
        PercentArg {
            value: PercentValue::Int(i),
            str_text: Cow::Owned(text.clone()),
            repr_text: Cow::Owned(text),
        }
    }

    /// A bool operand: an int for `%d`, but "True"/"False" for `%s`/`%r`.
    pub fn bool(b: bool) -> Self {
        let text = if b { "True" } else { "False" };
        PercentArg {
            value: PercentValue::Int(i64::from(b)),
            str_text: Cow::Borrowed(text),
            repr_text: Cow::Borrowed(text),
        }
    }

    /// A float operand.
    pub fn float(x: f64) -> Self {
        let text = float_repr(x);
        PercentArg {
            value: PercentValue::Float(x),
            str_text: Cow::Owned(text.clone()),
            repr_text: Cow::Owned(text),
        }
    }

    /// A str operand.
    pub fn str(s: &'a str) -> Self {
        PercentArg {
            value: PercentValue::Str,
            str_text: Cow::Borrowed(s),
            repr_text: Cow::Owned(str_repr(s)),
        }
    }

    /// Any other value, described by its type name and its str()/repr() texts.
    pub fn other(
        type_name: &'a str,
        str_text: impl Into<Cow<'a, str>>,
        repr_text: impl Into<Cow<'a, str>>,
    ) -> Self {
        PercentArg {
            value: PercentValue::Other(type_name),
            str_text: str_text.into(),
            repr_text: repr_text.into(),
        }
    }
}

/// The Python exception class a formatting error maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PyErrorKind {
    TypeError,
    ValueError,
    OverflowError,
    /// A `%(key)` missing from the mapping.
    KeyError,
    /// A width too large to allocate.
    MemoryError,
}

/// A `%`-formatting failure: the exception class and CPython's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentError {
    pub kind: PyErrorKind,
    pub message: String,
}

impl PercentError {
    fn new(kind: PyErrorKind, message: impl Into<String>) -> Self {
        PercentError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for PercentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PercentError {}

/// printf-style formatting `fmt % args` (CPython's `PyUnicode_Format`).
///
/// `args` holds the operands: the tuple's items for `fmt % (a, b)`, or a single
/// element for `fmt % a` when `a` is not a tuple (the semantics then agree with
/// CPython's). Supports conversions `s r a d i u o x X e E f F g G c` and `%%`,
/// flags `-+ #0`, width and precision (including `*`), and ignores the C length
/// modifiers `h l L`. `%(key)s` lookups fail with CPython's "format requires a
/// mapping" TypeError; see [`percent_format_mapping`] for them.
pub fn percent_format(fmt: &str, args: &[PercentArg<'_>]) -> Result<String, PercentError> {
    percent_format_mapping(fmt, args, None)
}

/// Looks up the operand of a `%(key)` directive in the right-hand mapping.
pub type PercentLookup<'f> = dyn FnMut(&str) -> Result<PercentArg<'static>, PercentError> + 'f;

/// [`percent_format`] where the right operand may be a mapping, as CPython decides it
/// (any subscriptable object but a tuple or str). Then `lookup` resolves `%(key)`
/// directives, a `%(key)` operand replaces the remaining operands (so a later plain `%s`
/// finds none left), and operands left unused are no error.
pub fn percent_format_mapping(
    fmt: &str,
    args: &[PercentArg<'_>],
    mut lookup: Option<&mut PercentLookup<'_>>,
) -> Result<String, PercentError> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut cursor = Cursor {
        chars: &chars,
        pos: 0,
    };
    let mut queue = ArgQueue {
        args,
        next: 0,
        keyed: None,
    };
    let mut out = String::with_capacity(fmt.len());
    while let Some(c) = cursor.next() {
        if c != '%' {
            out.push(c);
        } else if cursor.eat('%') {
            out.push('%');
        } else {
            if cursor.peek() == Some('(') {
                let lookup = lookup
                    .as_deref_mut()
                    .ok_or_else(|| type_error("format requires a mapping"))?;
                let key = mapping_key(&mut cursor)?;
                queue.keyed = Some((lookup(&key)?, false));
            }
            let directive = Directive::parse(&mut cursor, &mut queue)?;
            // CPython fetches the operand before looking at the conversion
            // character, so "%y" % () complains about arguments, not 'y'.
            let arg = queue.take()?;
            let (text, numeric) = convert(&directive, arg)?;
            pad_directive(&mut out, &text, &directive, numeric);
        }
    }
    if queue.next < args.len() && lookup.is_none() {
        return Err(type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

/// The key of a `%(key)` directive, the cursor on its '('; parentheses nest, as in
/// CPython, so `%((a))s` looks up `(a)`.
fn mapping_key(cur: &mut Cursor<'_>) -> Result<String, PercentError> {
    cur.pos += 1;
    let start = cur.pos;
    let mut depth = 1;
    while depth > 0 {
        match cur.next() {
            Some(')') => depth -= 1,
            Some('(') => depth += 1,
            Some(_) => {}
            None => {
                return Err(PercentError::new(
                    PyErrorKind::ValueError,
                    "incomplete format key",
                ))
            }
        }
    }
    Ok(cur.chars[start..cur.pos - 1].iter().collect())
}

// -- format-spec mini-language -----------------------------------------------

/// Where padding goes (`<`, `>`, `^`, and `=` meaning "after the sign").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    Center,
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Align> {
        match c {
            '<' => Some(Align::Left),
            '>' => Some(Align::Right),
            '^' => Some(Align::Center),
            '=' => Some(Align::AfterSign),
            _ => None,
        }
    }
}

/// The sign option; `Minus` (explicit '-') behaves like `Unset` for numbers but
/// still counts as "a sign was given" for the str and 'c' checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignOption {
    Unset,
    Plus,
    Minus,
    Space,
}

impl SignOption {
    /// The sign character to print for a number of the given sign.
    fn render(self, negative: bool) -> Option<char> {
        match (self, negative) {
            (_, true) => Some('-'),
            (SignOption::Plus, false) => Some('+'),
            (SignOption::Space, false) => Some(' '),
            _ => None,
        }
    }
}

/// Digit grouping; `UnderscoreFour` is '_' applied to b/o/x/X (PEP 515).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grouping {
    None,
    Comma,
    Underscore,
    UnderscoreFour,
}

impl Grouping {
    /// Group size and separator, or `None` when digits are not grouped.
    fn params(self) -> Option<(i64, char)> {
        match self {
            Grouping::None => None,
            Grouping::Comma => Some((3, ',')),
            Grouping::Underscore => Some((3, '_')),
            Grouping::UnderscoreFour => Some((4, '_')),
        }
    }

    fn separator(self) -> char {
        match self {
            Grouping::Comma => ',',
            _ => '_',
        }
    }
}

/// A parsed format spec (CPython's `InternalFormatSpec`).
#[derive(Debug, Clone)]
struct Spec {
    fill: char,
    align: Align,
    sign: SignOption,
    no_neg_zero: bool,
    alternate: bool,
    width: Option<usize>,
    grouping: Grouping,
    precision: Option<usize>,
    /// The presentation type; `None` only for floats without a type.
    kind: Option<char>,
}

impl Spec {
    /// Port of `parse_internal_render_format_spec`: reads
    /// `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`.
    fn parse(
        text: &str,
        default_kind: Option<char>,
        default_align: Align,
        type_name: &str,
    ) -> Result<Spec, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut cur = Cursor {
            chars: &chars,
            pos: 0,
        };
        let mut spec = Spec {
            fill: ' ',
            align: default_align,
            sign: SignOption::Unset,
            no_neg_zero: false,
            alternate: false,
            width: None,
            grouping: Grouping::None,
            precision: None,
            kind: default_kind,
        };
        let (fill_given, align_given) = spec.parse_fill_align(&mut cur);
        spec.sign = match cur.peek() {
            Some('+') => SignOption::Plus,
            Some('-') => SignOption::Minus,
            Some(' ') => SignOption::Space,
            _ => SignOption::Unset,
        };
        if spec.sign != SignOption::Unset {
            cur.pos += 1;
        }
        spec.no_neg_zero = cur.eat('z');
        spec.alternate = cur.eat('#');
        // A leading '0' means zero padding, unless a fill character was given
        // (then it is just the first digit of the width).
        if !fill_given && cur.eat('0') {
            spec.fill = '0';
            if !align_given && default_align == Align::Right {
                spec.align = Align::AfterSign;
            }
        }
        spec.width = parse_spec_integer(&mut cur)?;
        check_width(spec.width)?;
        spec.grouping = parse_grouping(&mut cur)?;
        if cur.eat('.') {
            spec.precision = Some(
                parse_spec_integer(&mut cur)?
                    .ok_or_else(|| "Format specifier missing precision".to_string())?,
            );
        }
        match cur.rest() {
            [] => {}
            [kind] => spec.kind = Some(*kind),
            _ => {
                return Err(format!(
                    "Invalid format specifier '{text}' for object of type '{type_name}'"
                ))
            }
        }
        spec.check_grouping()?;
        Ok(spec)
    }

    /// Reads an optional `[fill]align` prefix; returns (fill given, align given).
    fn parse_fill_align(&mut self, cur: &mut Cursor<'_>) -> (bool, bool) {
        if let (Some(&fill), Some(align)) = (
            cur.chars.first(),
            cur.chars.get(1).copied().and_then(Align::from_char),
        ) {
            self.fill = fill;
            self.align = align;
            cur.pos = 2;
            return (true, true);
        }
        if let Some(align) = cur.peek().and_then(Align::from_char) {
            self.align = align;
            cur.pos = 1;
            return (false, true);
        }
        (false, false)
    }

    /// Grouping is only meaningful for some presentation types (PEP 378/515).
    fn check_grouping(&mut self) -> Result<(), String> {
        if self.grouping == Grouping::None {
            return Ok(());
        }
        match self.kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => Ok(()),
            Some('b' | 'o' | 'x' | 'X') if self.grouping == Grouping::Underscore => {
                self.grouping = Grouping::UnderscoreFour;
                Ok(())
            }
            Some(kind) => Err(format!(
                "Cannot specify '{}' with {}.",
                self.grouping.separator(),
                quote_code(kind)
            )),
        }
    }
}

/// Reads the ',' / '_' grouping option, rejecting both together.
fn parse_grouping(cur: &mut Cursor<'_>) -> Result<Grouping, String> {
    const BOTH: &str = "Cannot specify both ',' and '_'.";
    let mut grouping = Grouping::None;
    if cur.eat(',') {
        grouping = Grouping::Comma;
    }
    if cur.eat('_') {
        if grouping != Grouping::None {
            return Err(BOTH.to_string());
        }
        grouping = Grouping::Underscore;
    }
    if grouping == Grouping::Underscore && cur.peek() == Some(',') {
        return Err(BOTH.to_string());
    }
    Ok(grouping)
}

/// CPython's `get_integer`: a run of digits, `None` if there is none, and an
/// error rather than wrap-around when it exceeds `Py_ssize_t`.
/// Message prefix of a width too large to allocate: callers raise MemoryError.
pub const MEMORY_ERROR_PREFIX: &str = "MemoryError: ";

/// A padded result must fit the memory limit before it is built.
fn check_width(width: Option<usize>) -> Result<(), String> {
    match width {
        Some(w) if w > crate::limits::memory() => Err(format!(
            "{MEMORY_ERROR_PREFIX}a width of {w} would need more memory than the limit of {} (--memory-limit)",
            crate::limits::human_bytes(Some(crate::limits::memory()))
        )),
        _ => Ok(()),
    }
}

/// A float conversion that pads its digits to `precision` places ('e', 'f', and 'g'
/// with '#') must fit the memory limit before it is built, as a width must.
fn check_precision(code: char, alternate: bool, precision: usize) -> Result<(), String> {
    let pads = match code.to_ascii_lowercase() {
        'e' | 'f' => true,
        'g' | 'n' => alternate,
        _ => false,
    };
    if pads && precision > crate::limits::memory() {
        return Err(format!(
            "{MEMORY_ERROR_PREFIX}a precision of {precision} would need more memory than the limit of {} (--memory-limit)",
            crate::limits::human_bytes(Some(crate::limits::memory()))
        ));
    }
    Ok(())
}

fn parse_spec_integer(cur: &mut Cursor<'_>) -> Result<Option<usize>, String> {
    parse_digits(cur, isize::MAX as usize)
        .map_err(|()| "Too many decimal digits in format string".to_string())
}

/// Reads decimal digits into a number no larger than `limit`; `Err(())` when it
/// would exceed the limit, `Ok(None)` when there are no digits.
fn parse_digits(cur: &mut Cursor<'_>, limit: usize) -> Result<Option<usize>, ()> {
    let mut value: Option<usize> = None;
    while let Some(digit) = cur.peek().and_then(|c| c.to_digit(10)) {
        let acc = value.unwrap_or(0);
        let digit = digit as usize;
        if acc > (limit - digit) / 10 {
            return Err(());
        }
        value = Some(acc * 10 + digit);
        cur.pos += 1;
    }
    Ok(value)
}

/// CPython's rendering of a type character inside messages: `'x'` when it is
/// printable ASCII, else `'\xNN'` in unpadded hex.
fn quote_code(c: char) -> String {
    if (33..128).contains(&u32::from(c)) {
        format!("'{c}'")
    } else {
        format!("'\\x{:x}'", u32::from(c))
    }
}

fn unknown_format_code(kind: char, type_name: &str) -> String {
    format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_code(kind)
    )
}

/// A read position in a char slice, shared by the spec and `%` parsers.
struct Cursor<'c> {
    chars: &'c [char],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Consumes `c` if it is next.
    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn rest(&self) -> &[char] {
        self.chars.get(self.pos..).unwrap_or(&[])
    }
}

// -- float formatting --------------------------------------------------------

/// Port of `format_float_internal`: picks the dtoa mode from the spec, then
/// lays the digits out in the field.
fn format_float_spec(x: f64, spec: &Spec) -> Result<String, String> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err("precision too big".to_string());
    }
    let flags = DtoaFlags {
        alt: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
        // No type: like repr(), but a given precision switches to 'g' rules
        // that still keep one digit after the point ("1.0", not "1").
        add_dot_0: spec.kind.is_none(),
    };
    let (code, value) = match spec.kind {
        None => ('r', x),
        Some('n') => ('g', x),
        Some('%') => ('f', x * 100.0),
        Some(kind) => (kind, x),
    };
    let (code, precision) = match (code, spec.precision) {
        ('r', Some(p)) => ('g', p),
        ('r', None) => ('r', 0),
        (code, p) => (code, p.unwrap_or(6)),
    };
    check_precision(code, spec.alternate, precision)?;
    let mut text = double_to_string(value, code, precision, flags);
    if spec.kind == Some('%') {
        text.push('%');
    }
    Ok(layout_float_text(&text, spec))
}

/// Splits dtoa output such as "-1234.5e+05" into sign, integer digits (which
/// get grouped), and the rest, as CPython's `parse_number` does.
fn layout_float_text(text: &str, spec: &Spec) -> String {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let int_len = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(int_len);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    layout_number(
        &NumberParts {
            negative,
            prefix: "",
            digits,
            has_decimal,
            remainder,
        },
        spec,
    )
}

/// The subset of CPython's `Py_DTSF_*` flags that formatting uses.
#[derive(Debug, Clone, Copy, Default)]
struct DtoaFlags {
    /// '#': keep trailing zeros for 'g' and a trailing '.'.
    alt: bool,
    /// Always show a fractional part for integral fixed-notation output.
    add_dot_0: bool,
    /// 'z': print -0.0 (and negatives rounding to zero) without '-'.
    no_neg_zero: bool,
}

/// How digits are produced and laid out (the `format_code` of CPython).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// 'e': `precision` significant digits, always an exponent.
    Exponent,
    /// 'f': `precision` digits after the point.
    Fixed,
    /// 'g': `precision` significant digits, exponent only when large/small.
    General,
    /// 'r': shortest round-trip digits (repr).
    Repr,
}

/// Port of `PyOS_double_to_string`; `code` is one of "eEfFgGr".
fn double_to_string(x: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    if x.is_nan() {
        // The sign of a NaN is never shown.
        return if upper { "NAN" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        let inf = if upper { "INF" } else { "inf" };
        return if x < 0.0 {
            format!("-{inf}")
        } else {
            inf.to_string()
        };
    }
    let (mode, precision) = match code.to_ascii_lowercase() {
        // 'e' precision counts digits after the point; dtoa wants the total.
        'e' => (Mode::Exponent, precision.saturating_add(1)),
        'f' => (Mode::Fixed, precision),
        // A precision of 0 makes no sense for 'g'; CPython treats it as 1.
        'g' => (Mode::General, precision.max(1)),
        _ => (Mode::Repr, 0),
    };
    let decimal = match mode {
        Mode::Exponent | Mode::General => Decimal::significant(x, precision),
        Mode::Fixed => Decimal::fixed(x, precision),
        Mode::Repr => Decimal::shortest(x),
    };
    let negative = x.is_sign_negative() && !(flags.no_neg_zero && decimal.is_zero());
    let exp_char = if upper { 'E' } else { 'e' };
    decimal.render(negative, mode, precision as i64, flags, exp_char)
}

/// A digit string as David Gay's `_Py_dg_dtoa` returns it: the value is
/// `0.DIGITS * 10^decpt`, with no trailing zeros (zero itself is "0", decpt 1;
/// a fixed-mode result that rounds to zero has no digits at all).
#[derive(Debug)]
struct Decimal {
    digits: String,
    decpt: i64,
}

/// Rust writes at most this many fraction digits (its precision is a `u16`);
/// every f64 has at most 1074 non-zero fraction digits, so capping loses nothing.
const MAX_FIXED_PRECISION: usize = 1100;
/// Every f64 has at most 767 significant decimal digits, so capping loses nothing.
const MAX_SIGNIFICANT_DIGITS: usize = 800;

impl Decimal {
    /// dtoa mode 0: the shortest digits that round-trip and, among those, the
    /// closest to `x`, exact ties going to the even digit.
    fn shortest(x: f64) -> Decimal {
        let x = x.abs();
        let decimal = Decimal::from_scientific(&format!("{x:e}"));
        // Rust's shortest mode breaks exact ties upwards (2208300000000000.25
        // gives "...0.3") where dtoa picks the even digit ("...0.2"); the
        // correctly rounded string of the same length is dtoa's answer whenever
        // it still round-trips. Ties need at least 16 digits: any two distinct
        // decimals of <= 15 digits are different doubles.
        let count = decimal.digits.len();
        if count >= 16 {
            let nearest = format!("{:.*e}", count - 1, x);
            if nearest.parse::<f64>() == Ok(x) {
                return Decimal::from_scientific(&nearest);
            }
        }
        decimal
    }

    /// dtoa mode 2: `count` (>= 1) correctly rounded significant digits.
    fn significant(x: f64, count: usize) -> Decimal {
        let places = count.clamp(1, MAX_SIGNIFICANT_DIGITS) - 1;
        Decimal::from_scientific(&format!("{:.*e}", places, x.abs()))
    }

    /// dtoa mode 3: correctly rounded to `places` digits after the point.
    fn fixed(x: f64, places: usize) -> Decimal {
        let text = format!("{:.*}", places.min(MAX_FIXED_PRECISION), x.abs());
        let int_len = text.find('.').unwrap_or(text.len());
        let all: String = text.chars().filter(char::is_ascii_digit).collect();
        let significant = all.trim_start_matches('0');
        let leading_zeros = all.len() - significant.len();
        Decimal {
            digits: significant.trim_end_matches('0').to_string(),
            decpt: int_len as i64 - leading_zeros as i64,
        }
    }

    /// Parses Rust's `{:e}` output ("1.2345e-5") into dtoa form.
    fn from_scientific(text: &str) -> Decimal {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_end_matches('0');
        if digits.is_empty() {
            return Decimal {
                digits: "0".to_string(),
                decpt: 1,
            };
        }
        Decimal {
            digits: digits.to_string(),
            decpt: exponent.parse::<i64>().unwrap_or(0) + 1,
        }
    }

    fn is_zero(&self) -> bool {
        self.digits.bytes().all(|b| b == b'0')
    }

    /// Port of the layout half of CPython's `format_float_short`: decides on an
    /// exponent, then writes the digits padded with zeros on either side.
    fn render(
        &self,
        negative: bool,
        mode: Mode,
        precision: i64,
        flags: DtoaFlags,
        exp_char: char,
    ) -> String {
        let digits = self.digits.as_str();
        let n_digits = digits.len() as i64;
        let mut decpt = self.decpt;
        let (use_exp, wanted_end) = match mode {
            Mode::Exponent => (true, precision),
            Mode::Fixed => (false, decpt + precision),
            Mode::General => {
                let limit = if flags.add_dot_0 {
                    precision - 1
                } else {
                    precision
                };
                let end = if flags.alt { precision } else { n_digits };
                (decpt <= -4 || decpt > limit, end)
            }
            // repr switches to an exponent at 1e16.
            Mode::Repr => (decpt <= -4 || decpt > 16, n_digits),
        };
        let exponent = decpt - 1;
        if use_exp {
            decpt = 1;
        }
        // The point must lie strictly inside the digits when a ".0" is wanted.
        let min_end = if !use_exp && flags.add_dot_0 {
            decpt + 1
        } else {
            decpt
        };
        let end = wanted_end.max(min_end);

        let mut out = String::new();
        if negative {
            out.push('-');
        }
        if decpt <= 0 {
            out.push_str("0.");
            push_repeated(&mut out, '0', -decpt);
            out.push_str(digits);
            push_repeated(&mut out, '0', end - n_digits);
        } else if decpt <= n_digits {
            let (int_part, frac_part) = digits.split_at(decpt as usize);
            out.push_str(int_part);
            out.push('.');
            out.push_str(frac_part);
            push_repeated(&mut out, '0', end - n_digits);
        } else {
            out.push_str(digits);
            push_repeated(&mut out, '0', decpt - n_digits);
            out.push('.');
            push_repeated(&mut out, '0', end - decpt);
        }
        if out.ends_with('.') && !flags.alt {
            out.pop();
        }
        if use_exp {
            // C's "%+.02d": always signed, at least two digits.
            let sign = if exponent < 0 { '-' } else { '+' };
            out.push(exp_char);
            out.push(sign);
            out.push_str(&format!("{:02}", exponent.unsigned_abs()));
        }
        out
    }
}

// -- int formatting ----------------------------------------------------------

/// Port of `format_long_internal` for the integer presentation types.
fn format_int_spec(i: i64, kind: char, spec: &Spec) -> Result<String, String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    if kind == 'c' {
        return format_char_spec(i, spec);
    }
    let (digits, prefix) = radix_digits(i.unsigned_abs(), kind);
    let parts = NumberParts {
        negative: i < 0,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    Ok(layout_number(&parts, spec))
}

/// The magnitude in the base selected by `kind`, plus the '#' prefix for it.
fn radix_digits(magnitude: u64, kind: char) -> (String, &'static str) {
    match kind {
        'b' => (format!("{magnitude:b}"), "0b"),
        'o' => (format!("{magnitude:o}"), "0o"),
        'x' => (format!("{magnitude:x}"), "0x"),
        'X' => (format!("{magnitude:X}"), "0X"),
        _ => (magnitude.to_string(), ""),
    }
}

/// The 'c' type: the code point as a one-character string, padded as a number.
fn format_char_spec(i: i64, spec: &Spec) -> Result<String, String> {
    if spec.sign != SignOption::Unset {
        return Err("Sign not allowed with integer format specifier 'c'".to_string());
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string());
    }
    let c = code_point(i).map_err(|e| e.message)?;
    let mut buf = [0u8; 4];
    // CPython treats the character as a non-digit "remainder" so it is never
    // grouped or zero-filled internally.
    let parts = NumberParts {
        negative: false,
        prefix: "",
        digits: "",
        has_decimal: false,
        remainder: c.encode_utf8(&mut buf),
    };
    Ok(layout_number(&parts, spec))
}

/// The character for `%c` / `'c'`, with CPython's range error.
fn code_point(i: i64) -> Result<char, PercentError> {
    if !(0..=0x10FFFF).contains(&i) {
        return Err(PercentError::new(
            PyErrorKind::OverflowError,
            "%c arg not in range(0x110000)",
        ));
    }
    u32::try_from(i)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| {
            PercentError::new(
                PyErrorKind::ValueError,
                format!("%c arg {i:#x} is a surrogate, which pgs strings cannot hold"),
            )
        })
}

// -- number field layout -----------------------------------------------------

/// A number split the way CPython's `calc_number_widths` sees it:
/// `<sign><prefix><digits>[.]<remainder>`, where only `digits` is grouped.
struct NumberParts<'a> {
    negative: bool,
    /// "0x", "0b", ... when '#' is given.
    prefix: &'a str,
    /// Integer-part digits (may be empty for inf/nan and 'c').
    digits: &'a str,
    has_decimal: bool,
    /// Fraction digits, exponent, '%', or the text of inf/nan/'c'.
    remainder: &'a str,
}

/// Port of `calc_number_widths` + `fill_number`: applies sign, grouping and
/// padding. With '0' fill and '=' alignment the padding zeros become part of
/// the grouped digits, so `format(1234, '010,')` is '00,001,234'.
fn layout_number(parts: &NumberParts<'_>, spec: &Spec) -> String {
    let sign = spec.sign.render(parts.negative);
    let fixed_len = i64::from(sign.is_some())
        + parts.prefix.len() as i64
        + i64::from(parts.has_decimal)
        + parts.remainder.chars().count() as i64;
    let width = spec.width.map_or(-1, |w| w as i64);
    let min_width = if spec.fill == '0' && spec.align == Align::AfterSign {
        width - fixed_len
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits, min_width, spec.grouping)
    };
    let padding = (width - fixed_len - grouped.len() as i64).max(0);
    let (left, inner, right) = match spec.align {
        Align::Left => (0, 0, padding),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
        Align::Right => (padding, 0, 0),
    };
    let mut out = String::new();
    push_repeated(&mut out, spec.fill, left);
    out.extend(sign);
    out.push_str(parts.prefix);
    push_repeated(&mut out, spec.fill, inner);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_repeated(&mut out, spec.fill, right);
    out
}

/// Port of `_PyUnicode_InsertThousandsGrouping`: groups ASCII `digits` from the
/// right, left-padding with '0' (inside the grouping) up to `min_width`.
fn group_digits(digits: &str, min_width: i64, grouping: Grouping) -> String {
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width.max(0);
    let Some((size, separator)) = grouping.params() else {
        let mut out = String::new();
        push_repeated(&mut out, '0', min_width - remaining);
        out.push_str(digits);
        return out;
    };
    let mut groups: Vec<String> = Vec::new();
    loop {
        let len = size.min(remaining.max(min_width).max(1));
        let taken = remaining.min(len);
        let mut group = String::new();
        push_repeated(&mut group, '0', len - taken);
        group.push_str(&digits[(remaining - taken) as usize..remaining as usize]);
        groups.push(group);
        remaining -= taken;
        min_width -= len;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        // The separator itself also counts towards the requested width.
        min_width -= 1;
    }
    groups.reverse();
    groups.join(&separator.to_string())
}

/// Appends `count` copies of `c` (nothing when `count <= 0`).
fn push_repeated(out: &mut String, c: char, count: i64) {
    if count > 0 {
        out.extend(std::iter::repeat_n(c, count as usize));
    }
}

// -- str formatting ----------------------------------------------------------

/// Port of `format_string_internal`.
fn format_str_spec(s: &str, spec: &Spec) -> Result<String, String> {
    let problem = match spec.sign {
        SignOption::Space => Some("Space not allowed in string format specifier"),
        SignOption::Plus | SignOption::Minus => Some("Sign not allowed in string format specifier"),
        SignOption::Unset if spec.no_neg_zero => {
            Some("Negative zero coercion (z) not allowed in string format specifier")
        }
        SignOption::Unset if spec.alternate => {
            Some("Alternate form (#) not allowed in string format specifier")
        }
        SignOption::Unset if spec.align == Align::AfterSign => {
            Some("'=' alignment not allowed in string format specifier")
        }
        SignOption::Unset => None,
    };
    if let Some(message) = problem {
        return Err(message.to_string());
    }
    // Precision truncates, counted in code points like Python's len().
    let len = s.chars().count().min(spec.precision.unwrap_or(usize::MAX));
    let padding = spec.width.map_or(0, |w| w.saturating_sub(len)) as i64;
    let left = match spec.align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let mut out = String::with_capacity(s.len());
    push_repeated(&mut out, spec.fill, left);
    out.extend(s.chars().take(len));
    push_repeated(&mut out, spec.fill, padding - left);
    Ok(out)
}

// -- printf-style `%` --------------------------------------------------------

/// One `%` conversion such as `%-08.3f` (CPython's `unicode_format_arg_t`).
#[derive(Debug, Default)]
struct Directive {
    left_adjust: bool,
    plus: bool,
    blank: bool,
    alternate: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
    conversion: char,
    /// Code-point index of the conversion character, for error messages.
    index: usize,
}

impl Directive {
    /// Port of `unicode_format_arg_parse`, starting just after the '%'.
    fn parse(
        cur: &mut Cursor<'_>,
        queue: &mut ArgQueue<'_, '_>,
    ) -> Result<Directive, PercentError> {
        let mut d = Directive::default();
        while let Some(flag) = cur.peek() {
            match flag {
                '-' => d.left_adjust = true,
                '+' => d.plus = true,
                ' ' => d.blank = true,
                '#' => d.alternate = true,
                '0' => d.zero = true,
                _ => break,
            }
            cur.pos += 1;
        }
        d.parse_width(cur, queue)?;
        if cur.eat('.') {
            d.parse_precision(cur, queue)?;
        }
        // C length modifiers are accepted and ignored (only one of them).
        if matches!(cur.peek(), Some('h' | 'l' | 'L')) {
            cur.pos += 1;
        }
        d.index = cur.pos;
        d.conversion = cur
            .next()
            .ok_or_else(|| PercentError::new(PyErrorKind::ValueError, "incomplete format"))?;
        Ok(d)
    }

    fn parse_width(
        &mut self,
        cur: &mut Cursor<'_>,
        queue: &mut ArgQueue<'_, '_>,
    ) -> Result<(), PercentError> {
        if cur.eat('*') {
            let width = queue.take_star()?;
            // A negative '*' width means left-adjust.
            self.left_adjust |= width < 0;
            self.width = Some(usize::try_from(width.unsigned_abs()).unwrap_or(usize::MAX));
        } else {
            self.width = parse_digits(cur, isize::MAX as usize)
                .map_err(|()| PercentError::new(PyErrorKind::ValueError, "width too big"))?;
        }
        check_width(self.width).map_err(|message| {
            let message = message.trim_start_matches(MEMORY_ERROR_PREFIX);
            PercentError::new(PyErrorKind::MemoryError, message)
        })
    }

    fn parse_precision(
        &mut self,
        cur: &mut Cursor<'_>,
        queue: &mut ArgQueue<'_, '_>,
    ) -> Result<(), PercentError> {
        if cur.eat('*') {
            let precision = i32::try_from(queue.take_star()?).map_err(|_| {
                PercentError::new(
                    PyErrorKind::OverflowError,
                    "Python int too large to convert to C int",
                )
            })?;
            // A negative '*' precision counts as zero.
            self.precision = Some(usize::try_from(precision).unwrap_or(0));
        } else {
            let digits = parse_digits(cur, i32::MAX as usize)
                .map_err(|()| PercentError::new(PyErrorKind::ValueError, "precision too big"))?;
            // A bare '.' means precision zero, as in C.
            self.precision = Some(digits.unwrap_or(0));
        }
        Ok(())
    }
}

/// Hands out the operands in order, with CPython's errors.
struct ArgQueue<'s, 'a> {
    args: &'s [PercentArg<'a>],
    next: usize,
    /// The operand of the last `%(key)` and whether it was used: from then on it is the
    /// only operand (CPython's `ctx->args = v; arglen = -1; argidx = -2`).
    keyed: Option<(PercentArg<'static>, bool)>,
}

impl<'s, 'a> ArgQueue<'s, 'a> {
    fn take(&mut self) -> Result<&PercentArg<'a>, PercentError> {
        if let Some((arg, used)) = &mut self.keyed {
            if std::mem::replace(used, true) {
                return Err(type_error("not enough arguments for format string"));
            }
            return Ok(arg);
        }
        let arg = self
            .args
            .get(self.next)
            .ok_or_else(|| type_error("not enough arguments for format string"))?;
        self.next += 1;
        Ok(arg)
    }

    /// An operand consumed by a '*' width or precision.
    fn take_star(&mut self) -> Result<i64, PercentError> {
        match self.take()?.value {
            PercentValue::Int(i) => Ok(i),
            _ => Err(type_error("* wants int")),
        }
    }
}

fn type_error(message: impl Into<String>) -> PercentError {
    PercentError::new(PyErrorKind::TypeError, message)
}

/// Port of `unicode_format_arg_format`: the converted text of one operand, and
/// whether it is numeric (numbers get sign handling and '0' padding).
fn convert<'a>(
    d: &Directive,
    arg: &'a PercentArg<'_>,
) -> Result<(Cow<'a, str>, bool), PercentError> {
    match d.conversion {
        's' => Ok((Cow::Borrowed(&*arg.str_text), false)),
        'r' => Ok((Cow::Borrowed(&*arg.repr_text), false)),
        'a' => Ok((Cow::Owned(ascii_escape(&arg.repr_text)), false)),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => Ok((Cow::Owned(percent_integer(d, arg)?), true)),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => Ok((Cow::Owned(percent_float(d, arg)?), true)),
        'c' => Ok((Cow::Owned(percent_char(arg)?.to_string()), false)),
        other => {
            let shown = if (31..=126).contains(&u32::from(other)) {
                other
            } else {
                '?'
            };
            Err(PercentError::new(
                PyErrorKind::ValueError,
                format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {}",
                    u32::from(other),
                    d.index
                ),
            ))
        }
    }
}

/// Port of `mainformatlong` + `_PyUnicode_FormatLong`:
/// `[-][0x][zeros up to precision]digits`.
fn percent_integer(d: &Directive, arg: &PercentArg<'_>) -> Result<String, PercentError> {
    let conv = d.conversion;
    let decimal = matches!(conv, 'd' | 'i' | 'u');
    let (negative, digits) = match arg.value {
        PercentValue::Int(i) => (i < 0, radix_digits(i.unsigned_abs(), conv).0),
        // %d truncates floats like int(); %x/%o insist on a real integer.
        PercentValue::Float(x) if decimal => float_to_int_digits(x)?,
        other => {
            let wanted = if decimal {
                "a real number"
            } else {
                "an integer"
            };
            return Err(type_error(format!(
                "%{conv} format: {wanted} is required, not {}",
                type_name(other)
            )));
        }
    };
    let precision = d.precision.unwrap_or(0);
    if precision > (i32::MAX - 3) as usize {
        return Err(PercentError::new(
            PyErrorKind::OverflowError,
            "precision too large",
        ));
    }
    let prefix = match (d.alternate, conv) {
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(prefix);
    push_repeated(&mut out, '0', precision as i64 - digits.len() as i64);
    out.push_str(&digits);
    Ok(out)
}

/// int(x) for a float, as exact decimal digits (floats may exceed i64).
fn float_to_int_digits(x: f64) -> Result<(bool, String), PercentError> {
    if x.is_nan() {
        return Err(PercentError::new(
            PyErrorKind::ValueError,
            "cannot convert float NaN to integer",
        ));
    }
    if x.is_infinite() {
        return Err(PercentError::new(
            PyErrorKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let truncated = x.trunc();
    // An integral f64 prints exactly with no fraction digits.
    Ok((truncated < 0.0, format!("{:.0}", truncated.abs())))
}

/// Port of `formatfloat`: the e/f/g conversions with precision defaulting to 6.
fn percent_float(d: &Directive, arg: &PercentArg<'_>) -> Result<String, PercentError> {
    let x = match arg.value {
        PercentValue::Int(i) => i as f64,
        PercentValue::Float(x) => x,
        other => {
            return Err(type_error(format!(
                "must be real number, not {}",
                type_name(other)
            )))
        }
    };
    let flags = DtoaFlags {
        alt: d.alternate,
        ..DtoaFlags::default()
    };
    let precision = d.precision.unwrap_or(6);
    check_precision(d.conversion, d.alternate, precision).map_err(|message| {
        let message = message.trim_start_matches(MEMORY_ERROR_PREFIX);
        PercentError::new(PyErrorKind::MemoryError, message)
    })?;
    Ok(double_to_string(x, d.conversion, precision, flags))
}

/// Port of `formatchar`: an int code point or a one-character str.
fn percent_char(arg: &PercentArg<'_>) -> Result<char, PercentError> {
    let wrong = || type_error("%c requires int or char");
    match arg.value {
        PercentValue::Int(i) => code_point(i),
        PercentValue::Str => {
            let mut chars = arg.str_text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(wrong()),
            }
        }
        _ => Err(wrong()),
    }
}

fn type_name<'a>(value: PercentValue<'a>) -> &'a str {
    match value {
        PercentValue::Int(_) => "int",
        PercentValue::Float(_) => "float",
        PercentValue::Str => "str",
        PercentValue::Other(name) => name,
    }
}

/// Port of `unicode_format_arg_output`: truncation for s/r/a, then width
/// padding. Numbers padded with '0' keep their sign and 0x/0o prefix in front
/// of the zeros; space padding goes in front of the sign.
fn pad_directive(out: &mut String, text: &str, d: &Directive, numeric: bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len();
    let fits = d.width.is_none_or(|w| w <= len) && d.precision.is_none_or(|p| p >= len);
    if fits && !d.plus && !d.blank {
        out.push_str(text);
        return;
    }
    if matches!(d.conversion, 's' | 'r' | 'a') {
        len = len.min(d.precision.unwrap_or(usize::MAX));
    }
    let fill = if numeric && d.zero { '0' } else { ' ' };
    let (sign, mut start) = if numeric {
        split_sign(&chars, d)
    } else {
        (None, 0)
    };
    len -= start;
    let mut width = d.width.unwrap_or(0).max(len);
    if let Some(c) = sign {
        if fill != ' ' {
            out.push(c);
        }
        if width > len {
            width -= 1;
        }
    }
    let has_prefix = d.alternate && matches!(d.conversion, 'x' | 'X' | 'o');
    if has_prefix {
        if fill != ' ' {
            out.extend(chars.get(start..start + 2).unwrap_or(&[]));
            start += 2;
        }
        width = width.saturating_sub(2);
        len = len.saturating_sub(2);
    }
    if width > len && !d.left_adjust {
        push_repeated(out, fill, clamp_i64(width - len));
        width = len;
    }
    if fill == ' ' {
        out.extend(sign);
        if has_prefix {
            out.extend(chars.get(start..start + 2).unwrap_or(&[]));
            start += 2;
        }
    }
    out.extend(chars.get(start..start + len).unwrap_or(&[]));
    if width > len {
        push_repeated(out, ' ', clamp_i64(width - len));
    }
}

fn clamp_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The sign a numeric conversion prints (its own '-', else '+'/' ' per the
/// flags) and how many characters of the text it occupies.
fn split_sign(chars: &[char], d: &Directive) -> (Option<char>, usize) {
    match chars.first() {
        Some(&c @ ('-' | '+')) => (Some(c), 1),
        _ if d.plus => (Some('+'), 0),
        _ if d.blank => (Some(' '), 0),
        _ => (None, 0),
    }
}

/// ascii(): repr text with every non-ASCII character escaped.
fn ascii_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    out
}

// -- escapes & Unicode -------------------------------------------------------

/// Appends `\xNN`, `\uNNNN` or `\UNNNNNNNN` (lowercase hex), the shortest form
/// that fits, as CPython's repr and ascii do.
fn push_escape(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let code = u32::from(c);
    let (marker, digits) = match code {
        0..=0xFF => ('x', 2),
        0x100..=0xFFFF => ('u', 4),
        _ => ('U', 8),
    };
    out.push('\\');
    out.push(marker);
    for shift in (0..digits).rev() {
        out.push(char::from(HEX[((code >> (4 * shift)) & 0xF) as usize]));
    }
}

/// Python's `str.isprintable()` for one character: false for the Unicode
/// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs (except the ASCII space).
fn is_printable(c: char) -> bool {
    // An even number of boundaries at or below `c` means a printable run.
    NON_PRINTABLE_BOUNDARIES.partition_point(|&b| b <= u32::from(c)) % 2 == 0
}

/// Code points where printability flips, starting from "printable" below the
/// first entry. Generated from Python 3.11 (Unicode 14.0.0) with
/// `[c for c in range(0x110000) if chr(c).isprintable() != chr(c-1).isprintable()]`
/// (treating code point -1 as printable).
#[rustfmt::skip]
const NON_PRINTABLE_BOUNDARIES: &[u32] = &[
    0x00000, 0x00020, 0x0007F, 0x000A1, 0x000AD, 0x000AE, 0x00378, 0x0037A, 0x00380, 0x00384,
    0x0038B, 0x0038C, 0x0038D, 0x0038E, 0x003A2, 0x003A3, 0x00530, 0x00531, 0x00557, 0x00559,
    0x0058B, 0x0058D, 0x00590, 0x00591, 0x005C8, 0x005D0, 0x005EB, 0x005EF, 0x005F5, 0x00606,
    0x0061C, 0x0061D, 0x006DD, 0x006DE, 0x0070E, 0x00710, 0x0074B, 0x0074D, 0x007B2, 0x007C0,
    0x007FB, 0x007FD, 0x0082E, 0x00830, 0x0083F, 0x00840, 0x0085C, 0x0085E, 0x0085F, 0x00860,
    0x0086B, 0x00870, 0x0088F, 0x00898, 0x008E2, 0x008E3, 0x00984, 0x00985, 0x0098D, 0x0098F,
    0x00991, 0x00993, 0x009A9, 0x009AA, 0x009B1, 0x009B2, 0x009B3, 0x009B6, 0x009BA, 0x009BC,
    0x009C5, 0x009C7, 0x009C9, 0x009CB, 0x009CF, 0x009D7, 0x009D8, 0x009DC, 0x009DE, 0x009DF,
    0x009E4, 0x009E6, 0x009FF, 0x00A01, 0x00A04, 0x00A05, 0x00A0B, 0x00A0F, 0x00A11, 0x00A13,
    0x00A29, 0x00A2A, 0x00A31, 0x00A32, 0x00A34, 0x00A35, 0x00A37, 0x00A38, 0x00A3A, 0x00A3C,
    0x00A3D, 0x00A3E, 0x00A43, 0x00A47, 0x00A49, 0x00A4B, 0x00A4E, 0x00A51, 0x00A52, 0x00A59,
    0x00A5D, 0x00A5E, 0x00A5F, 0x00A66, 0x00A77, 0x00A81, 0x00A84, 0x00A85, 0x00A8E, 0x00A8F,
    0x00A92, 0x00A93, 0x00AA9, 0x00AAA, 0x00AB1, 0x00AB2, 0x00AB4, 0x00AB5, 0x00ABA, 0x00ABC,
    0x00AC6, 0x00AC7, 0x00ACA, 0x00ACB, 0x00ACE, 0x00AD0, 0x00AD1, 0x00AE0, 0x00AE4, 0x00AE6,
    0x00AF2, 0x00AF9, 0x00B00, 0x00B01, 0x00B04, 0x00B05, 0x00B0D, 0x00B0F, 0x00B11, 0x00B13,
    0x00B29, 0x00B2A, 0x00B31, 0x00B32, 0x00B34, 0x00B35, 0x00B3A, 0x00B3C, 0x00B45, 0x00B47,
    0x00B49, 0x00B4B, 0x00B4E, 0x00B55, 0x00B58, 0x00B5C, 0x00B5E, 0x00B5F, 0x00B64, 0x00B66,
    0x00B78, 0x00B82, 0x00B84, 0x00B85, 0x00B8B, 0x00B8E, 0x00B91, 0x00B92, 0x00B96, 0x00B99,
    0x00B9B, 0x00B9C, 0x00B9D, 0x00B9E, 0x00BA0, 0x00BA3, 0x00BA5, 0x00BA8, 0x00BAB, 0x00BAE,
    0x00BBA, 0x00BBE, 0x00BC3, 0x00BC6, 0x00BC9, 0x00BCA, 0x00BCE, 0x00BD0, 0x00BD1, 0x00BD7,
    0x00BD8, 0x00BE6, 0x00BFB, 0x00C00, 0x00C0D, 0x00C0E, 0x00C11, 0x00C12, 0x00C29, 0x00C2A,
    0x00C3A, 0x00C3C, 0x00C45, 0x00C46, 0x00C49, 0x00C4A, 0x00C4E, 0x00C55, 0x00C57, 0x00C58,
    0x00C5B, 0x00C5D, 0x00C5E, 0x00C60, 0x00C64, 0x00C66, 0x00C70, 0x00C77, 0x00C8D, 0x00C8E,
    0x00C91, 0x00C92, 0x00CA9, 0x00CAA, 0x00CB4, 0x00CB5, 0x00CBA, 0x00CBC, 0x00CC5, 0x00CC6,
    0x00CC9, 0x00CCA, 0x00CCE, 0x00CD5, 0x00CD7, 0x00CDD, 0x00CDF, 0x00CE0, 0x00CE4, 0x00CE6,
    0x00CF0, 0x00CF1, 0x00CF3, 0x00D00, 0x00D0D, 0x00D0E, 0x00D11, 0x00D12, 0x00D45, 0x00D46,
    0x00D49, 0x00D4A, 0x00D50, 0x00D54, 0x00D64, 0x00D66, 0x00D80, 0x00D81, 0x00D84, 0x00D85,
    0x00D97, 0x00D9A, 0x00DB2, 0x00DB3, 0x00DBC, 0x00DBD, 0x00DBE, 0x00DC0, 0x00DC7, 0x00DCA,
    0x00DCB, 0x00DCF, 0x00DD5, 0x00DD6, 0x00DD7, 0x00DD8, 0x00DE0, 0x00DE6, 0x00DF0, 0x00DF2,
    0x00DF5, 0x00E01, 0x00E3B, 0x00E3F, 0x00E5C, 0x00E81, 0x00E83, 0x00E84, 0x00E85, 0x00E86,
    0x00E8B, 0x00E8C, 0x00EA4, 0x00EA5, 0x00EA6, 0x00EA7, 0x00EBE, 0x00EC0, 0x00EC5, 0x00EC6,
    0x00EC7, 0x00EC8, 0x00ECE, 0x00ED0, 0x00EDA, 0x00EDC, 0x00EE0, 0x00F00, 0x00F48, 0x00F49,
    0x00F6D, 0x00F71, 0x00F98, 0x00F99, 0x00FBD, 0x00FBE, 0x00FCD, 0x00FCE, 0x00FDB, 0x01000,
    0x010C6, 0x010C7, 0x010C8, 0x010CD, 0x010CE, 0x010D0, 0x01249, 0x0124A, 0x0124E, 0x01250,
    0x01257, 0x01258, 0x01259, 0x0125A, 0x0125E, 0x01260, 0x01289, 0x0128A, 0x0128E, 0x01290,
    0x012B1, 0x012B2, 0x012B6, 0x012B8, 0x012BF, 0x012C0, 0x012C1, 0x012C2, 0x012C6, 0x012C8,
    0x012D7, 0x012D8, 0x01311, 0x01312, 0x01316, 0x01318, 0x0135B, 0x0135D, 0x0137D, 0x01380,
    0x0139A, 0x013A0, 0x013F6, 0x013F8, 0x013FE, 0x01400, 0x01680, 0x01681, 0x0169D, 0x016A0,
    0x016F9, 0x01700, 0x01716, 0x0171F, 0x01737, 0x01740, 0x01754, 0x01760, 0x0176D, 0x0176E,
    0x01771, 0x01772, 0x01774, 0x01780, 0x017DE, 0x017E0, 0x017EA, 0x017F0, 0x017FA, 0x01800,
    0x0180E, 0x0180F, 0x0181A, 0x01820, 0x01879, 0x01880, 0x018AB, 0x018B0, 0x018F6, 0x01900,
    0x0191F, 0x01920, 0x0192C, 0x01930, 0x0193C, 0x01940, 0x01941, 0x01944, 0x0196E, 0x01970,
    0x01975, 0x01980, 0x019AC, 0x019B0, 0x019CA, 0x019D0, 0x019DB, 0x019DE, 0x01A1C, 0x01A1E,
    0x01A5F, 0x01A60, 0x01A7D, 0x01A7F, 0x01A8A, 0x01A90, 0x01A9A, 0x01AA0, 0x01AAE, 0x01AB0,
    0x01ACF, 0x01B00, 0x01B4D, 0x01B50, 0x01B7F, 0x01B80, 0x01BF4, 0x01BFC, 0x01C38, 0x01C3B,
    0x01C4A, 0x01C4D, 0x01C89, 0x01C90, 0x01CBB, 0x01CBD, 0x01CC8, 0x01CD0, 0x01CFB, 0x01D00,
    0x01F16, 0x01F18, 0x01F1E, 0x01F20, 0x01F46, 0x01F48, 0x01F4E, 0x01F50, 0x01F58, 0x01F59,
    0x01F5A, 0x01F5B, 0x01F5C, 0x01F5D, 0x01F5E, 0x01F5F, 0x01F7E, 0x01F80, 0x01FB5, 0x01FB6,
    0x01FC5, 0x01FC6, 0x01FD4, 0x01FD6, 0x01FDC, 0x01FDD, 0x01FF0, 0x01FF2, 0x01FF5, 0x01FF6,
    0x01FFF, 0x02010, 0x02028, 0x02030, 0x0205F, 0x02070, 0x02072, 0x02074, 0x0208F, 0x02090,
    0x0209D, 0x020A0, 0x020C1, 0x020D0, 0x020F1, 0x02100, 0x0218C, 0x02190, 0x02427, 0x02440,
    0x0244B, 0x02460, 0x02B74, 0x02B76, 0x02B96, 0x02B97, 0x02CF4, 0x02CF9, 0x02D26, 0x02D27,
    0x02D28, 0x02D2D, 0x02D2E, 0x02D30, 0x02D68, 0x02D6F, 0x02D71, 0x02D7F, 0x02D97, 0x02DA0,
    0x02DA7, 0x02DA8, 0x02DAF, 0x02DB0, 0x02DB7, 0x02DB8, 0x02DBF, 0x02DC0, 0x02DC7, 0x02DC8,
    0x02DCF, 0x02DD0, 0x02DD7, 0x02DD8, 0x02DDF, 0x02DE0, 0x02E5E, 0x02E80, 0x02E9A, 0x02E9B,
    0x02EF4, 0x02F00, 0x02FD6, 0x02FF0, 0x02FFC, 0x03001, 0x03040, 0x03041, 0x03097, 0x03099,
    0x03100, 0x03105, 0x03130, 0x03131, 0x0318F, 0x03190, 0x031E4, 0x031F0, 0x0321F, 0x03220,
    0x0A48D, 0x0A490, 0x0A4C7, 0x0A4D0, 0x0A62C, 0x0A640, 0x0A6F8, 0x0A700, 0x0A7CB, 0x0A7D0,
    0x0A7D2, 0x0A7D3, 0x0A7D4, 0x0A7D5, 0x0A7DA, 0x0A7F2, 0x0A82D, 0x0A830, 0x0A83A, 0x0A840,
    0x0A878, 0x0A880, 0x0A8C6, 0x0A8CE, 0x0A8DA, 0x0A8E0, 0x0A954, 0x0A95F, 0x0A97D, 0x0A980,
    0x0A9CE, 0x0A9CF, 0x0A9DA, 0x0A9DE, 0x0A9FF, 0x0AA00, 0x0AA37, 0x0AA40, 0x0AA4E, 0x0AA50,
    0x0AA5A, 0x0AA5C, 0x0AAC3, 0x0AADB, 0x0AAF7, 0x0AB01, 0x0AB07, 0x0AB09, 0x0AB0F, 0x0AB11,
    0x0AB17, 0x0AB20, 0x0AB27, 0x0AB28, 0x0AB2F, 0x0AB30, 0x0AB6C, 0x0AB70, 0x0ABEE, 0x0ABF0,
    0x0ABFA, 0x0AC00, 0x0D7A4, 0x0D7B0, 0x0D7C7, 0x0D7CB, 0x0D7FC, 0x0F900, 0x0FA6E, 0x0FA70,
    0x0FADA, 0x0FB00, 0x0FB07, 0x0FB13, 0x0FB18, 0x0FB1D, 0x0FB37, 0x0FB38, 0x0FB3D, 0x0FB3E,
    0x0FB3F, 0x0FB40, 0x0FB42, 0x0FB43, 0x0FB45, 0x0FB46, 0x0FBC3, 0x0FBD3, 0x0FD90, 0x0FD92,
    0x0FDC8, 0x0FDCF, 0x0FDD0, 0x0FDF0, 0x0FE1A, 0x0FE20, 0x0FE53, 0x0FE54, 0x0FE67, 0x0FE68,
    0x0FE6C, 0x0FE70, 0x0FE75, 0x0FE76, 0x0FEFD, 0x0FF01, 0x0FFBF, 0x0FFC2, 0x0FFC8, 0x0FFCA,
    0x0FFD0, 0x0FFD2, 0x0FFD8, 0x0FFDA, 0x0FFDD, 0x0FFE0, 0x0FFE7, 0x0FFE8, 0x0FFEF, 0x0FFFC,
    0x0FFFE, 0x10000, 0x1000C, 0x1000D, 0x10027, 0x10028, 0x1003B, 0x1003C, 0x1003E, 0x1003F,
    0x1004E, 0x10050, 0x1005E, 0x10080, 0x100FB, 0x10100, 0x10103, 0x10107, 0x10134, 0x10137,
    0x1018F, 0x10190, 0x1019D, 0x101A0, 0x101A1, 0x101D0, 0x101FE, 0x10280, 0x1029D, 0x102A0,
    0x102D1, 0x102E0, 0x102FC, 0x10300, 0x10324, 0x1032D, 0x1034B, 0x10350, 0x1037B, 0x10380,
    0x1039E, 0x1039F, 0x103C4, 0x103C8, 0x103D6, 0x10400, 0x1049E, 0x104A0, 0x104AA, 0x104B0,
    0x104D4, 0x104D8, 0x104FC, 0x10500, 0x10528, 0x10530, 0x10564, 0x1056F, 0x1057B, 0x1057C,
    0x1058B, 0x1058C, 0x10593, 0x10594, 0x10596, 0x10597, 0x105A2, 0x105A3, 0x105B2, 0x105B3,
    0x105BA, 0x105BB, 0x105BD, 0x10600, 0x10737, 0x10740, 0x10756, 0x10760, 0x10768, 0x10780,
    0x10786, 0x10787, 0x107B1, 0x107B2, 0x107BB, 0x10800, 0x10806, 0x10808, 0x10809, 0x1080A,
    0x10836, 0x10837, 0x10839, 0x1083C, 0x1083D, 0x1083F, 0x10856, 0x10857, 0x1089F, 0x108A7,
    0x108B0, 0x108E0, 0x108F3, 0x108F4, 0x108F6, 0x108FB, 0x1091C, 0x1091F, 0x1093A, 0x1093F,
    0x10940, 0x10980, 0x109B8, 0x109BC, 0x109D0, 0x109D2, 0x10A04, 0x10A05, 0x10A07, 0x10A0C,
    0x10A14, 0x10A15, 0x10A18, 0x10A19, 0x10A36, 0x10A38, 0x10A3B, 0x10A3F, 0x10A49, 0x10A50,
    0x10A59, 0x10A60, 0x10AA0, 0x10AC0, 0x10AE7, 0x10AEB, 0x10AF7, 0x10B00, 0x10B36, 0x10B39,
    0x10B56, 0x10B58, 0x10B73, 0x10B78, 0x10B92, 0x10B99, 0x10B9D, 0x10BA9, 0x10BB0, 0x10C00,
    0x10C49, 0x10C80, 0x10CB3, 0x10CC0, 0x10CF3, 0x10CFA, 0x10D28, 0x10D30, 0x10D3A, 0x10E60,
    0x10E7F, 0x10E80, 0x10EAA, 0x10EAB, 0x10EAE, 0x10EB0, 0x10EB2, 0x10F00, 0x10F28, 0x10F30,
    0x10F5A, 0x10F70, 0x10F8A, 0x10FB0, 0x10FCC, 0x10FE0, 0x10FF7, 0x11000, 0x1104E, 0x11052,
    0x11076, 0x1107F, 0x110BD, 0x110BE, 0x110C3, 0x110D0, 0x110E9, 0x110F0, 0x110FA, 0x11100,
    0x11135, 0x11136, 0x11148, 0x11150, 0x11177, 0x11180, 0x111E0, 0x111E1, 0x111F5, 0x11200,
    0x11212, 0x11213, 0x1123F, 0x11280, 0x11287, 0x11288, 0x11289, 0x1128A, 0x1128E, 0x1128F,
    0x1129E, 0x1129F, 0x112AA, 0x112B0, 0x112EB, 0x112F0, 0x112FA, 0x11300, 0x11304, 0x11305,
    0x1130D, 0x1130F, 0x11311, 0x11313, 0x11329, 0x1132A, 0x11331, 0x11332, 0x11334, 0x11335,
    0x1133A, 0x1133B, 0x11345, 0x11347, 0x11349, 0x1134B, 0x1134E, 0x11350, 0x11351, 0x11357,
    0x11358, 0x1135D, 0x11364, 0x11366, 0x1136D, 0x11370, 0x11375, 0x11400, 0x1145C, 0x1145D,
    0x11462, 0x11480, 0x114C8, 0x114D0, 0x114DA, 0x11580, 0x115B6, 0x115B8, 0x115DE, 0x11600,
    0x11645, 0x11650, 0x1165A, 0x11660, 0x1166D, 0x11680, 0x116BA, 0x116C0, 0x116CA, 0x11700,
    0x1171B, 0x1171D, 0x1172C, 0x11730, 0x11747, 0x11800, 0x1183C, 0x118A0, 0x118F3, 0x118FF,
    0x11907, 0x11909, 0x1190A, 0x1190C, 0x11914, 0x11915, 0x11917, 0x11918, 0x11936, 0x11937,
    0x11939, 0x1193B, 0x11947, 0x11950, 0x1195A, 0x119A0, 0x119A8, 0x119AA, 0x119D8, 0x119DA,
    0x119E5, 0x11A00, 0x11A48, 0x11A50, 0x11AA3, 0x11AB0, 0x11AF9, 0x11C00, 0x11C09, 0x11C0A,
    0x11C37, 0x11C38, 0x11C46, 0x11C50, 0x11C6D, 0x11C70, 0x11C90, 0x11C92, 0x11CA8, 0x11CA9,
    0x11CB7, 0x11D00, 0x11D07, 0x11D08, 0x11D0A, 0x11D0B, 0x11D37, 0x11D3A, 0x11D3B, 0x11D3C,
    0x11D3E, 0x11D3F, 0x11D48, 0x11D50, 0x11D5A, 0x11D60, 0x11D66, 0x11D67, 0x11D69, 0x11D6A,
    0x11D8F, 0x11D90, 0x11D92, 0x11D93, 0x11D99, 0x11DA0, 0x11DAA, 0x11EE0, 0x11EF9, 0x11FB0,
    0x11FB1, 0x11FC0, 0x11FF2, 0x11FFF, 0x1239A, 0x12400, 0x1246F, 0x12470, 0x12475, 0x12480,
    0x12544, 0x12F90, 0x12FF3, 0x13000, 0x1342F, 0x14400, 0x14647, 0x16800, 0x16A39, 0x16A40,
    0x16A5F, 0x16A60, 0x16A6A, 0x16A6E, 0x16ABF, 0x16AC0, 0x16ACA, 0x16AD0, 0x16AEE, 0x16AF0,
    0x16AF6, 0x16B00, 0x16B46, 0x16B50, 0x16B5A, 0x16B5B, 0x16B62, 0x16B63, 0x16B78, 0x16B7D,
    0x16B90, 0x16E40, 0x16E9B, 0x16F00, 0x16F4B, 0x16F4F, 0x16F88, 0x16F8F, 0x16FA0, 0x16FE0,
    0x16FE5, 0x16FF0, 0x16FF2, 0x17000, 0x187F8, 0x18800, 0x18CD6, 0x18D00, 0x18D09, 0x1AFF0,
    0x1AFF4, 0x1AFF5, 0x1AFFC, 0x1AFFD, 0x1AFFF, 0x1B000, 0x1B123, 0x1B150, 0x1B153, 0x1B164,
    0x1B168, 0x1B170, 0x1B2FC, 0x1BC00, 0x1BC6B, 0x1BC70, 0x1BC7D, 0x1BC80, 0x1BC89, 0x1BC90,
    0x1BC9A, 0x1BC9C, 0x1BCA0, 0x1CF00, 0x1CF2E, 0x1CF30, 0x1CF47, 0x1CF50, 0x1CFC4, 0x1D000,
    0x1D0F6, 0x1D100, 0x1D127, 0x1D129, 0x1D173, 0x1D17B, 0x1D1EB, 0x1D200, 0x1D246, 0x1D2E0,
    0x1D2F4, 0x1D300, 0x1D357, 0x1D360, 0x1D379, 0x1D400, 0x1D455, 0x1D456, 0x1D49D, 0x1D49E,
    0x1D4A0, 0x1D4A2, 0x1D4A3, 0x1D4A5, 0x1D4A7, 0x1D4A9, 0x1D4AD, 0x1D4AE, 0x1D4BA, 0x1D4BB,
    0x1D4BC, 0x1D4BD, 0x1D4C4, 0x1D4C5, 0x1D506, 0x1D507, 0x1D50B, 0x1D50D, 0x1D515, 0x1D516,
    0x1D51D, 0x1D51E, 0x1D53A, 0x1D53B, 0x1D53F, 0x1D540, 0x1D545, 0x1D546, 0x1D547, 0x1D54A,
    0x1D551, 0x1D552, 0x1D6A6, 0x1D6A8, 0x1D7CC, 0x1D7CE, 0x1DA8C, 0x1DA9B, 0x1DAA0, 0x1DAA1,
    0x1DAB0, 0x1DF00, 0x1DF1F, 0x1E000, 0x1E007, 0x1E008, 0x1E019, 0x1E01B, 0x1E022, 0x1E023,
    0x1E025, 0x1E026, 0x1E02B, 0x1E100, 0x1E12D, 0x1E130, 0x1E13E, 0x1E140, 0x1E14A, 0x1E14E,
    0x1E150, 0x1E290, 0x1E2AF, 0x1E2C0, 0x1E2FA, 0x1E2FF, 0x1E300, 0x1E7E0, 0x1E7E7, 0x1E7E8,
    0x1E7EC, 0x1E7ED, 0x1E7EF, 0x1E7F0, 0x1E7FF, 0x1E800, 0x1E8C5, 0x1E8C7, 0x1E8D7, 0x1E900,
    0x1E94C, 0x1E950, 0x1E95A, 0x1E95E, 0x1E960, 0x1EC71, 0x1ECB5, 0x1ED01, 0x1ED3E, 0x1EE00,
    0x1EE04, 0x1EE05, 0x1EE20, 0x1EE21, 0x1EE23, 0x1EE24, 0x1EE25, 0x1EE27, 0x1EE28, 0x1EE29,
    0x1EE33, 0x1EE34, 0x1EE38, 0x1EE39, 0x1EE3A, 0x1EE3B, 0x1EE3C, 0x1EE42, 0x1EE43, 0x1EE47,
    0x1EE48, 0x1EE49, 0x1EE4A, 0x1EE4B, 0x1EE4C, 0x1EE4D, 0x1EE50, 0x1EE51, 0x1EE53, 0x1EE54,
    0x1EE55, 0x1EE57, 0x1EE58, 0x1EE59, 0x1EE5A, 0x1EE5B, 0x1EE5C, 0x1EE5D, 0x1EE5E, 0x1EE5F,
    0x1EE60, 0x1EE61, 0x1EE63, 0x1EE64, 0x1EE65, 0x1EE67, 0x1EE6B, 0x1EE6C, 0x1EE73, 0x1EE74,
    0x1EE78, 0x1EE79, 0x1EE7D, 0x1EE7E, 0x1EE7F, 0x1EE80, 0x1EE8A, 0x1EE8B, 0x1EE9C, 0x1EEA1,
    0x1EEA4, 0x1EEA5, 0x1EEAA, 0x1EEAB, 0x1EEBC, 0x1EEF0, 0x1EEF2, 0x1F000, 0x1F02C, 0x1F030,
    0x1F094, 0x1F0A0, 0x1F0AF, 0x1F0B1, 0x1F0C0, 0x1F0C1, 0x1F0D0, 0x1F0D1, 0x1F0F6, 0x1F100,
    0x1F1AE, 0x1F1E6, 0x1F203, 0x1F210, 0x1F23C, 0x1F240, 0x1F249, 0x1F250, 0x1F252, 0x1F260,
    0x1F266, 0x1F300, 0x1F6D8, 0x1F6DD, 0x1F6ED, 0x1F6F0, 0x1F6FD, 0x1F700, 0x1F774, 0x1F780,
    0x1F7D9, 0x1F7E0, 0x1F7EC, 0x1F7F0, 0x1F7F1, 0x1F800, 0x1F80C, 0x1F810, 0x1F848, 0x1F850,
    0x1F85A, 0x1F860, 0x1F888, 0x1F890, 0x1F8AE, 0x1F8B0, 0x1F8B2, 0x1F900, 0x1FA54, 0x1FA60,
    0x1FA6E, 0x1FA70, 0x1FA75, 0x1FA78, 0x1FA7D, 0x1FA80, 0x1FA87, 0x1FA90, 0x1FAAD, 0x1FAB0,
    0x1FABB, 0x1FAC0, 0x1FAC6, 0x1FAD0, 0x1FADA, 0x1FAE0, 0x1FAE8, 0x1FAF0, 0x1FAF7, 0x1FB00,
    0x1FB93, 0x1FB94, 0x1FBCB, 0x1FBF0, 0x1FBFA, 0x20000, 0x2A6E0, 0x2A700, 0x2B739, 0x2B740,
    0x2B81E, 0x2B820, 0x2CEA2, 0x2CEB0, 0x2EBE1, 0x2F800, 0x2FA1E, 0x30000, 0x3134B, 0xE0100,
    0xE01F0,
];

#[cfg(test)]
mod tests {
    //! The tables below were generated by CPython 3.11.7 (`format(x, spec)`,
    //! `repr(x)`, `fmt % args`); every expected string is Python's own output.
    use super::*;
    use PyErrorKind as K;

    /// A `%` operand as written in the tables.
    enum A {
        I(i64),
        F(f64),
        S(&'static str),
        B(bool),
        O(&'static str, &'static str, &'static str),
    }

    impl A {
        fn arg(&self) -> PercentArg<'static> {
            match *self {
                A::I(i) => PercentArg::int(i),
                A::F(x) => PercentArg::float(x),
                A::S(s) => PercentArg::str(s),
                A::B(b) => PercentArg::bool(b),
                A::O(name, s, r) => PercentArg::other(name, s, r),
            }
        }
    }

    #[test]
    fn float_repr_matches_cpython() {
        for &(x, want) in FLOAT_REPR {
            assert_eq!(float_repr(x), want, "repr({x:?})");
        }
    }

    #[test]
    fn format_float_matches_cpython() {
        for &(x, spec, want) in FLOAT_FORMAT {
            let got = format_float(x, spec);
            assert_eq!(
                got.as_deref().map_err(String::as_str),
                want,
                "format({x:?}, {spec:?})"
            );
        }
    }

    #[test]
    fn format_int_matches_cpython() {
        for &(i, spec, want) in INT_FORMAT {
            let got = format_int(i, spec);
            assert_eq!(
                got.as_deref().map_err(String::as_str),
                want,
                "format({i}, {spec:?})"
            );
        }
    }

    #[test]
    fn format_str_matches_cpython() {
        for &(s, spec, want) in STR_FORMAT {
            let got = format_str(s, spec);
            assert_eq!(
                got.as_deref().map_err(String::as_str),
                want,
                "format({s:?}, {spec:?})"
            );
        }
    }

    #[test]
    fn str_repr_matches_cpython() {
        for &(s, want) in STR_REPR {
            assert_eq!(str_repr(s), want, "repr({s:?})");
        }
    }

    #[test]
    fn percent_format_matches_cpython() {
        for (fmt, args, want) in PERCENT {
            let args: Vec<PercentArg<'_>> = args.iter().map(A::arg).collect();
            let got = percent_format(fmt, &args);
            let got = got.as_deref().map_err(|e| (e.kind, e.message.as_str()));
            assert_eq!(got, *want, "{fmt:?} % {args:?}");
        }
    }

    #[test]
    fn percent_mapping_keys_follow_cpython() {
        let mut lookup = |key: &str| match key {
            "a" => Ok(PercentArg::int(7)),
            "(b)" => Ok(PercentArg::float(2.5)),
            _ => Err(PercentError::new(K::KeyError, format!("'{key}'"))),
        };
        let mut run = |fmt: &str, args: &[PercentArg<'_>]| {
            percent_format_mapping(fmt, args, Some(&mut lookup)).map_err(|e| (e.kind, e.message))
        };
        let dict = [PercentArg::other("dict", "{}", "{}")];
        assert_eq!(run("%(a)03d|%((b)).1f", &dict), Ok("007|2.5".to_string()));
        // Operands left over are no error once the operand is a mapping.
        assert_eq!(run("plain", &dict), Ok("plain".to_string()));
        assert_eq!(run("%s", &dict), Ok("{}".to_string()));
        assert_eq!(run("%(z)s", &dict), Err((K::KeyError, "'z'".to_string())));
        // After a key, the looked-up value is the only operand left.
        assert_eq!(
            run("%(a)s %s", &dict),
            Err((
                K::TypeError,
                "not enough arguments for format string".to_string()
            ))
        );
        assert_eq!(
            run("%(a", &dict),
            Err((K::ValueError, "incomplete format key".to_string()))
        );
    }

    #[test]
    fn printable_table_is_sorted() {
        assert!(NON_PRINTABLE_BOUNDARIES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn huge_precision_and_width_do_not_panic() {
        assert_eq!(format_float(1.0, ".2000f").map(|s| s.len()), Ok(2002));
        assert_eq!(format_float(5e-324, ".1100e").map(|s| s.len()), Ok(1107));
        assert_eq!(format_int(i64::MIN, "_b").map(|s| s.len()), Ok(80));
        assert!(format_float(1.0, "99999999999999999999").is_err());
    }

    const FLOAT_REPR: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.0, "-1.0"),
        (0.1, "0.1"),
        (0.5, "0.5"),
        (1.5, "1.5"),
        (2.5, "2.5"),
        (2.675, "2.675"),
        (0.3333333333333333, "0.3333333333333333"),
        (0.6666666666666666, "0.6666666666666666"),
        (123.456, "123.456"),
        (-123.456, "-123.456"),
        (1e+16, "1e+16"),
        (1000000000000000.0, "1000000000000000.0"),
        (9999999999999998.0, "9999999999999998.0"),
        (1.2345678901234568e+17, "1.2345678901234568e+17"),
        (0.0001, "0.0001"),
        (1e-05, "1e-05"),
        (0.00012345, "0.00012345"),
        (5e-324, "5e-324"),
        (1.7976931348623157e+308, "1.7976931348623157e+308"),
        (2.5e-07, "2.5e-07"),
        (1e+22, "1e+22"),
        (1e+100, "1e+100"),
        (1.5e+300, "1.5e+300"),
        (1e-300, "1e-300"),
        (12345.6789, "12345.6789"),
        (0.999999, "0.999999"),
        (9.5, "9.5"),
        (99.95, "99.95"),
        (1234567.0, "1234567.0"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (100.0, "100.0"),
        (1e-10, "1e-10"),
        (4.35, "4.35"),
        (0.125, "0.125"),
        (0.0005, "0.0005"),
        (9007199254740992.0, "9007199254740992.0"),
        (9.223372036854776e+18, "9.223372036854776e+18"),
        (-0.0001, "-0.0001"),
        (0.05, "0.05"),
        (2.000000000000001e+16, "2.000000000000001e+16"),
        (2208300000000000.2, "2208300000000000.2"),
        (-1868300000000000.2, "-1868300000000000.2"),
        (1e-07, "1e-07"),
        (3e-05, "3e-05"),
        (123456.0, "123456.0"),
        (1234567890.123, "1234567890.123"),
        (-9.999e-05, "-9.999e-05"),
    ];

    const FLOAT_FORMAT: &[(f64, &str, Result<&str, &str>)] = &[
        (0.0, "", Ok("0.0")),
        (123.456, "", Ok("123.456")),
        (2.5e-07, "", Ok("2.5e-07")),
        (f64::NEG_INFINITY, "", Ok("-inf")),
        (2.000000000000001e+16, "", Ok("2.000000000000001e+16")),
        (2.5, ".3f", Ok("2.500")),
        (1e-05, ".3f", Ok("0.000")),
        (9.5, ".3f", Ok("9.500")),
        (9007199254740992.0, ".3f", Ok("9007199254740992.000")),
        (-9.999e-05, ".3f", Ok("-0.000")),
        (1000000000000000.0, ".2e", Ok("1.00e+15")),
        (1.5e+300, ".2e", Ok("1.50e+300")),
        (1e-10, ".2e", Ok("1.00e-10")),
        (1e-07, ".2e", Ok("1.00e-07")),
        (1.5, ".2e", Ok("1.50e+00")),
        (1.7976931348623157e+308, "g", Ok("1.79769e+308")),
        (f64::INFINITY, "g", Ok("inf")),
        (0.05, "g", Ok("0.05")),
        (1.0, "g", Ok("1")),
        (1e+16, "g", Ok("1e+16")),
        (0.999999, ".3g", Ok("1")),
        (0.0005, ".3g", Ok("0.0005")),
        (1234567890.123, ".3g", Ok("1.23e+09")),
        (0.3333333333333333, ".3g", Ok("0.333")),
        (5e-324, ".3g", Ok("4.94e-324")),
        (100.0, ".10g", Ok("100")),
        (-1868300000000000.2, ".10g", Ok("-1.8683e+15")),
        (0.5, ".10g", Ok("0.5")),
        (1.2345678901234568e+17, ".10g", Ok("1.23456789e+17")),
        (12345.6789, ".10g", Ok("12345.6789")),
        (-0.0001, "10.2f", Ok("     -0.00")),
        (-0.0, "10.2f", Ok("     -0.00")),
        (-123.456, "10.2f", Ok("   -123.46")),
        (1e+22, "10.2f", Ok("10000000000000000000000.00")),
        (f64::NAN, "10.2f", Ok("       nan")),
        (123456.0, "<10", Ok("123456.0  ")),
        (2.675, "<10", Ok("2.675     ")),
        (0.00012345, "<10", Ok("0.00012345")),
        (99.95, "<10", Ok("99.95     ")),
        (9.223372036854776e+18, "<10", Ok("9.223372036854776e+18")),
        (0.1, "^10.1f", Ok("   0.1    ")),
        (9999999999999998.0, "^10.1f", Ok("9999999999999998.0")),
        (1e-300, "^10.1f", Ok("   0.0    ")),
        (4.35, "^10.1f", Ok("   4.3    ")),
        (3e-05, "^10.1f", Ok("   0.0    ")),
        (123.456, "+.2f", Ok("+123.46")),
        (2.5e-07, "+.2f", Ok("+0.00")),
        (f64::NEG_INFINITY, "+.2f", Ok("-inf")),
        (2.000000000000001e+16, "+.2f", Ok("+20000000000000008.00")),
        (-1.0, "+.2f", Ok("-1.00")),
        (1e-05, ",.2f", Ok("0.00")),
        (9.5, ",.2f", Ok("9.50")),
        (9007199254740992.0, ",.2f", Ok("9,007,199,254,740,992.00")),
        (-9.999e-05, ",.2f", Ok("-0.00")),
        (0.6666666666666666, ",.2f", Ok("0.67")),
        (1.5e+300, "_.1f", Ok("1_500_000_000_000_000_078_757_140_382_806_630_373_056_702_871_662_238_732_373_781_173_267_703_686_983_362_293_679_557_062_620_671_796_065_556_665_749_325_817_265_413_784_853_040_645_863_467_188_277_180_060_474_272_580_801_389_863_705_606_745_350_692_182_135_089_053_429_852_456_199_917_621_678_558_451_461_320_111_979_114_170_213_741_868_888_183_230_085_264_257_173_504_208_294_580_298_189_100_810_240.0")),
        (1e-10, "_.1f", Ok("0.0")),
        (1e-07, "_.1f", Ok("0.0")),
        (1.5, "_.1f", Ok("1.5")),
        (0.0001, "_.1f", Ok("0.0")),
        (f64::INFINITY, ".0f", Ok("inf")),
        (0.05, ".0f", Ok("0")),
        (1.0, ".0f", Ok("1")),
        (1e+16, ".0f", Ok("10000000000000000")),
        (1e+100, ".0f", Ok("10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104")),
        (0.0005, ".2%", Ok("0.05%")),
        (1234567890.123, ".2%", Ok("123456789012.30%")),
        (0.3333333333333333, ".2%", Ok("33.33%")),
        (5e-324, ".2%", Ok("0.00%")),
        (1234567.0, ".2%", Ok("123456700.00%")),
        (-1868300000000000.2, ".3", Ok("-1.87e+15")),
        (0.5, ".3", Ok("0.5")),
        (1.2345678901234568e+17, ".3", Ok("1.23e+17")),
        (12345.6789, ".3", Ok("1.23e+04")),
        (0.125, ".3", Ok("0.125")),
        (-0.0, ".2", Ok("-0.0")),
        (-123.456, ".2", Ok("-1.2e+02")),
        (1e+22, ".2", Ok("1e+22")),
        (f64::NAN, ".2", Ok("nan")),
        (2208300000000000.2, ".2", Ok("2.2e+15")),
        (2.675, ".0", Ok("3e+00")),
        (0.00012345, ".0", Ok("0.0001")),
        (99.95, ".0", Ok("1e+02")),
        (9.223372036854776e+18, ".0", Ok("9e+18")),
        (0.0, ".0", Ok("0e+00")),
        (9999999999999998.0, "#", Ok("9999999999999998.0")),
        (1e-300, "#", Ok("1.e-300")),
        (4.35, "#", Ok("4.35")),
        (3e-05, "#", Ok("3.e-05")),
        (2.5, "#", Ok("2.5")),
        (2.5e-07, "#.0f", Ok("0.")),
        (f64::NEG_INFINITY, "#.0f", Ok("-inf")),
        (2.000000000000001e+16, "#.0f", Ok("20000000000000008.")),
        (-1.0, "#.0f", Ok("-1.")),
        (1000000000000000.0, "#.0f", Ok("1000000000000000.")),
        (9.5, "#g", Ok("9.50000")),
        (9007199254740992.0, "#g", Ok("9.00720e+15")),
        (-9.999e-05, "#g", Ok("-9.99900e-05")),
        (0.6666666666666666, "#g", Ok("0.666667")),
        (1.7976931348623157e+308, "#g", Ok("1.79769e+308")),
        (1e-10, "#.3g", Ok("1.00e-10")),
        (1e-07, "#.3g", Ok("1.00e-07")),
        (1.5, "#.3g", Ok("1.50")),
        (0.0001, "#.3g", Ok("0.000100")),
        (0.999999, "#.3g", Ok("1.00")),
        (0.05, "e", Ok("5.000000e-02")),
        (1.0, "e", Ok("1.000000e+00")),
        (1e+16, "e", Ok("1.000000e+16")),
        (1e+100, "e", Ok("1.000000e+100")),
        (100.0, "e", Ok("1.000000e+02")),
        (1234567890.123, "E", Ok("1.234568E+09")),
        (0.3333333333333333, "E", Ok("3.333333E-01")),
        (5e-324, "E", Ok("4.940656E-324")),
        (1234567.0, "E", Ok("1.234567E+06")),
        (-0.0001, "E", Ok("-1.000000E-04")),
        (0.5, "f", Ok("0.500000")),
        (1.2345678901234568e+17, "f", Ok("123456789012345680.000000")),
        (12345.6789, "f", Ok("12345.678900")),
        (0.125, "f", Ok("0.125000")),
        (123456.0, "f", Ok("123456.000000")),
        (-123.456, "F", Ok("-123.456000")),
        (1e+22, "F", Ok("10000000000000000000000.000000")),
        (f64::NAN, "F", Ok("NAN")),
        (2208300000000000.2, "F", Ok("2208300000000000.250000")),
        (0.1, "F", Ok("0.100000")),
        (0.00012345, "G", Ok("0.00012345")),
        (99.95, "G", Ok("99.95")),
        (9.223372036854776e+18, "G", Ok("9.22337E+18")),
        (0.0, "G", Ok("0")),
        (123.456, "G", Ok("123.456")),
        (1e-300, "%", Ok("0.000000%")),
        (4.35, "%", Ok("435.000000%")),
        (3e-05, "%", Ok("0.003000%")),
        (2.5, "%", Ok("250.000000%")),
        (1e-05, "%", Ok("0.001000%")),
        (f64::NEG_INFINITY, "n", Ok("-inf")),
        (2.000000000000001e+16, "n", Ok("2e+16")),
        (-1.0, "n", Ok("-1")),
        (1000000000000000.0, "n", Ok("1e+15")),
        (1.5e+300, "n", Ok("1.5e+300")),
        (9007199254740992.0, "015.3f", Ok("9007199254740992.000")),
        (-9.999e-05, "015.3f", Ok("-0000000000.000")),
        (0.6666666666666666, "015.3f", Ok("00000000000.667")),
        (1.7976931348623157e+308, "015.3f", Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000")),
        (f64::INFINITY, "015.3f", Ok("000000000000inf")),
        (1e-07, "+015,.2f", Ok("+000,000,000.00")),
        (1.5, "+015,.2f", Ok("+000,000,001.50")),
        (0.0001, "+015,.2f", Ok("+000,000,000.00")),
        (0.999999, "+015,.2f", Ok("+000,000,001.00")),
        (0.0005, "+015,.2f", Ok("+000,000,000.00")),
        (1.0, "=+12.3f", Ok("+      1.000")),
        (1e+16, "=+12.3f", Ok("+10000000000000000.000")),
        (1e+100, "=+12.3f", Ok("+10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000")),
        (100.0, "=+12.3f", Ok("+    100.000")),
        (-1868300000000000.2, "=+12.3f", Ok("-1868300000000000.250")),
        (0.3333333333333333, "*^15.4e", Ok("**3.3333e-01***")),
        (5e-324, "*^15.4e", Ok("**4.9407e-324**")),
        (1234567.0, "*^15.4e", Ok("**1.2346e+06***")),
        (-0.0001, "*^15.4e", Ok("**-1.0000e-04**")),
        (-0.0, "*^15.4e", Ok("**-0.0000e+00**")),
        (1.2345678901234568e+17, " .2f", Ok(" 123456789012345680.00")),
        (12345.6789, " .2f", Ok(" 12345.68")),
        (0.125, " .2f", Ok(" 0.12")),
        (123456.0, " .2f", Ok(" 123456.00")),
        (2.675, " .2f", Ok(" 2.67")),
        (1e+22, "z.1f", Ok("10000000000000000000000.0")),
        (f64::NAN, "z.1f", Ok("nan")),
        (2208300000000000.2, "z.1f", Ok("2208300000000000.2")),
        (0.1, "z.1f", Ok("0.1")),
        (9999999999999998.0, "z.1f", Ok("9999999999999998.0")),
        (99.95, "z", Ok("99.95")),
        (9.223372036854776e+18, "z", Ok("9.223372036854776e+18")),
        (0.0, "z", Ok("0.0")),
        (123.456, "z", Ok("123.456")),
        (2.5e-07, "z", Ok("2.5e-07")),
        (4.35, "-", Ok("4.35")),
        (3e-05, "-", Ok("3e-05")),
        (2.5, "-", Ok("2.5")),
        (1e-05, "-", Ok("1e-05")),
        (9.5, "-", Ok("9.5")),
        (2.000000000000001e+16, ".17g", Ok("20000000000000008")),
        (-1.0, ".17g", Ok("-1")),
        (1000000000000000.0, ".17g", Ok("1000000000000000")),
        (1.5e+300, ".17g", Ok("1.5000000000000001e+300")),
        (1e-10, ".17g", Ok("1e-10")),
        (-9.999e-05, ".20f", Ok("-0.00009999000000000000")),
        (0.6666666666666666, ".20f", Ok("0.66666666666666662966")),
        (1.7976931348623157e+308, ".20f", Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00000000000000000000")),
        (f64::INFINITY, ".20f", Ok("inf")),
        (0.05, ".20f", Ok("0.05000000000000000278")),
        (1.5, ",", Ok("1.5")),
        (0.0001, ",", Ok("0.0001")),
        (0.999999, ",", Ok("0.999999")),
        (0.0005, ",", Ok("0.0005")),
        (1234567890.123, ",", Ok("1,234,567,890.123")),
        (1e+16, "_", Ok("1e+16")),
        (1e+100, "_", Ok("1e+100")),
        (100.0, "_", Ok("100.0")),
        (-1868300000000000.2, "_", Ok("-1_868_300_000_000_000.2")),
        (0.5, "_", Ok("0.5")),
        (5e-324, ",g", Ok("4.94066e-324")),
        (1234567.0, ",g", Ok("1.23457e+06")),
        (-0.0001, ",g", Ok("-0.0001")),
        (-0.0, ",g", Ok("-0")),
        (-123.456, ",g", Ok("-123.456")),
        (12345.6789, "010", Ok("12345.6789")),
        (0.125, "010", Ok("000000.125")),
        (123456.0, "010", Ok("00123456.0")),
        (2.675, "010", Ok("000002.675")),
        (0.00012345, "010", Ok("0.00012345")),
        (f64::NAN, "<010.2f", Ok("nan0000000")),
        (2208300000000000.2, "<010.2f", Ok("2208300000000000.25")),
        (0.1, "<010.2f", Ok("0.10000000")),
        (9999999999999998.0, "<010.2f", Ok("9999999999999998.00")),
        (1e-300, "<010.2f", Ok("0.00000000")),
        (9.223372036854776e+18, "x<12", Ok("9.223372036854776e+18")),
        (0.0, "x<12", Ok("0.0xxxxxxxxx")),
        (123.456, "x<12", Ok("123.456xxxxx")),
        (2.5e-07, "x<12", Ok("2.5e-07xxxxx")),
        (f64::NEG_INFINITY, "x<12", Ok("-infxxxxxxxx")),
        (3e-05, "+", Ok("+3e-05")),
        (2.5, "+", Ok("+2.5")),
        (1e-05, "+", Ok("+1e-05")),
        (9.5, "+", Ok("+9.5")),
        (9007199254740992.0, "+", Ok("+9007199254740992.0")),
        (-1.0, " ", Ok("-1.0")),
        (1000000000000000.0, " ", Ok(" 1000000000000000.0")),
        (1.5e+300, " ", Ok(" 1.5e+300")),
        (1e-10, " ", Ok(" 1e-10")),
        (1e-07, " ", Ok(" 1e-07")),
        (0.6666666666666666, ".0e", Ok("7e-01")),
        (1.7976931348623157e+308, ".0e", Ok("2e+308")),
        (f64::INFINITY, ".0e", Ok("inf")),
        (0.05, ".0e", Ok("5e-02")),
        (1.0, ".0e", Ok("1e+00")),
        (0.0001, ".0g", Ok("0.0001")),
        (0.999999, ".0g", Ok("1")),
        (0.0005, ".0g", Ok("0.0005")),
        (1234567890.123, ".0g", Ok("1e+09")),
        (0.3333333333333333, ".0g", Ok("0.3")),
        (1e+100, "#.0e", Ok("1.e+100")),
        (100.0, "#.0e", Ok("1.e+02")),
        (-1868300000000000.2, "#.0e", Ok("-2.e+15")),
        (0.5, "#.0e", Ok("5.e-01")),
        (1.2345678901234568e+17, "#.0e", Ok("1.e+17")),
        (1234567.0, ".1", Ok("1e+06")),
        (-0.0001, ".1", Ok("-0.0001")),
        (-0.0, ".1", Ok("-0e+00")),
        (-123.456, ".1", Ok("-1e+02")),
        (1e+22, ".1", Ok("1e+22")),
        (0.125, "12,.3f", Ok("       0.125")),
        (123456.0, "12,.3f", Ok(" 123,456.000")),
        (2.675, "12,.3f", Ok("       2.675")),
        (0.00012345, "12,.3f", Ok("       0.000")),
        (99.95, "12,.3f", Ok("      99.950")),
        (2208300000000000.2, ".30f", Ok("2208300000000000.250000000000000000000000000000")),
        (0.1, ".30f", Ok("0.100000000000000005551115123126")),
        (9999999999999998.0, ".30f", Ok("9999999999999998.000000000000000000000000000000")),
        (1e-300, ".30f", Ok("0.000000000000000000000000000000")),
        (4.35, ".30f", Ok("4.349999999999999644728632119950")),
        (0.0, ".25e", Ok("0.0000000000000000000000000e+00")),
        (123.456, ".25e", Ok("1.2345600000000000306954462e+02")),
        (2.5e-07, ".25e", Ok("2.4999999999999998868702796e-07")),
        (f64::NEG_INFINITY, ".25e", Ok("-inf")),
        (2.000000000000001e+16, ".25e", Ok("2.0000000000000008000000000e+16")),
        (2.5, "#.3", Ok("2.50")),
        (1e-05, "#.3", Ok("1.00e-05")),
        (9.5, "#.3", Ok("9.50")),
        (9007199254740992.0, "#.3", Ok("9.01e+15")),
        (-9.999e-05, "#.3", Ok("-0.000100")),
        (1000000000000000.0, "z.0f", Ok("1000000000000000")),
        (1.5e+300, "z.0f", Ok("1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240")),
        (1e-10, "z.0f", Ok("0")),
        (1e-07, "z.0f", Ok("0")),
        (1.5, "z.0f", Ok("2")),
        (1.7976931348623157e+308, "0=12,.1f", Ok("179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368.0")),
        (f64::INFINITY, "0=12,.1f", Ok("000000000inf")),
        (0.05, "0=12,.1f", Ok("00,000,000.1")),
        (1.0, "0=12,.1f", Ok("00,000,001.0")),
        (1e+16, "0=12,.1f", Ok("10,000,000,000,000,000.0")),
        (0.999999, "020,.2e", Ok("0,000,000,001.00e+00")),
        (0.0005, "020,.2e", Ok("0,000,000,005.00e-04")),
        (1234567890.123, "020,.2e", Ok("0,000,000,001.23e+09")),
        (0.3333333333333333, "020,.2e", Ok("0,000,000,003.33e-01")),
        (5e-324, "020,.2e", Ok("0,000,000,004.94e-324")),
        (100.0, ".1e", Ok("1.0e+02")),
        (-1868300000000000.2, ".1e", Ok("-1.9e+15")),
        (0.5, ".1e", Ok("5.0e-01")),
        (1.2345678901234568e+17, ".1e", Ok("1.2e+17")),
        (12345.6789, ".1e", Ok("1.2e+04")),
        (-0.0001, ".5G", Ok("-0.0001")),
        (-0.0, ".5G", Ok("-0")),
        (-123.456, ".5G", Ok("-123.46")),
        (1e+22, ".5G", Ok("1E+22")),
        (f64::NAN, ".5G", Ok("NAN")),
        (123456.0, "08.3%", Ok("12345600.000%")),
        (2.675, "08.3%", Ok("267.500%")),
        (0.00012345, "08.3%", Ok("000.012%")),
        (99.95, "08.3%", Ok("9995.000%")),
        (9.223372036854776e+18, "08.3%", Ok("922337203685477580800.000%")),
        (0.1, "#.0%", Ok("10.%")),
        (9999999999999998.0, "#.0%", Ok("999999999999999744.%")),
        (1e-300, "#.0%", Ok("0.%")),
        (4.35, "#.0%", Ok("435.%")),
        (3e-05, "#.0%", Ok("0.%")),
        (123.456, "+z.1e", Ok("+1.2e+02")),
        (2.5e-07, "+z.1e", Ok("+2.5e-07")),
        (f64::NEG_INFINITY, "+z.1e", Ok("-inf")),
        (2.000000000000001e+16, "+z.1e", Ok("+2.0e+16")),
        (-1.0, "+z.1e", Ok("-1.0e+00")),
        (1e-05, "_g", Ok("1e-05")),
        (9.5, "_g", Ok("9.5")),
        (9007199254740992.0, "_g", Ok("9.0072e+15")),
        (-9.999e-05, "_g", Ok("-9.999e-05")),
        (0.6666666666666666, "_g", Ok("0.666667")),
        (1.5e+300, ".12", Ok("1.5e+300")),
        (1e-10, ".12", Ok("1e-10")),
        (1e-07, ".12", Ok("1e-07")),
        (1.5, ".12", Ok("1.5")),
        (0.0001, ".12", Ok("0.0001")),
        (f64::INFINITY, "13", Ok("          inf")),
        (0.05, "13", Ok("         0.05")),
        (1.0, "13", Ok("          1.0")),
        (1e+16, "13", Ok("        1e+16")),
        (1e+100, "13", Ok("       1e+100")),
        (0.5, ".0f", Ok("0")),
        (1.5, ".0f", Ok("2")),
        (2.5, ".0f", Ok("2")),
        (2.675, ".2f", Ok("2.67")),
        (1e+16, "", Ok("1e+16")),
        (1.0, ".3", Ok("1.0")),
        (123.456, ".2", Ok("1.2e+02")),
        (1e+300, "e", Ok("1.000000e+300")),
        (1e-300, ".2e", Ok("1.00e-300")),
        (f64::INFINITY, "+10", Ok("      +inf")),
        (f64::NEG_INFINITY, "<8", Ok("-inf    ")),
        (f64::NAN, "^9", Ok("   nan   ")),
        (f64::NAN, "+", Ok("+nan")),
        (-0.0, "z", Ok("0.0")),
        (-0.0, "z.2f", Ok("0.00")),
        (-0.0001, "z.2f", Ok("0.00")),
        (1234.5, ",.2f", Ok("1,234.50")),
        (1234567.891, "_.1f", Ok("1_234_567.9")),
        (0.1234, ".2%", Ok("12.34%")),
        (1.0, "10", Ok("       1.0")),
        (1e+16, "#", Ok("1.e+16")),
        (f64::INFINITY, "010", Ok("0000000inf")),
        (f64::NEG_INFINITY, "010,", Ok("-000000inf")),
        (1.0, "#.0e", Ok("1.e+00")),
        (1e+200, ",.0f", Ok("99,999,999,999,999,996,973,312,221,251,036,165,947,450,327,545,502,362,648,241,750,950,346,848,435,554,075,534,196,338,404,706,251,868,027,512,415,973,882,408,182,135,734,368,278,484,639,385,041,047,239,877,871,023,591,066,789,981,811,181,813,306,167,128,854,888,448")),
        (5e-324, ".3e", Ok("4.941e-324")),
        (5e-324, "f", Ok("0.000000")),
        (0.1, ".55f", Ok("0.1000000000000000055511151231257827021181583404541015625")),
        (1e+23, ".0f", Ok("99999999999999991611392")),
        (-1e-300, "z.1%", Ok("0.0%")),
        (1.5, "d", Err("Unknown format code 'd' for object of type 'float'")),
        (1.5, "x", Err("Unknown format code 'x' for object of type 'float'")),
        (1.5, "s", Err("Unknown format code 's' for object of type 'float'")),
        (1.5, "c", Err("Unknown format code 'c' for object of type 'float'")),
        (1.5, ",n", Err("Cannot specify ',' with 'n'.")),
        (1.5, ",_", Err("Cannot specify both ',' and '_'.")),
        (1.5, "_,", Err("Cannot specify both ',' and '_'.")),
        (1.5, ".", Err("Format specifier missing precision")),
        (1.5, ".2ff", Err("Invalid format specifier '.2ff' for object of type 'float'")),
        (1.5, "xx", Err("Invalid format specifier 'xx' for object of type 'float'")),
        (1.5, ".3000000000f", Err("precision too big")),
        (1.5, "\u{1}", Err("Unknown format code '\\x1' for object of type 'float'")),
        (1.5, "\u{e9}", Err("Unknown format code '\\xe9' for object of type 'float'")),
        (1.5, ",\u{e9}", Err("Cannot specify ',' with '\\xe9'.")),
        (1.5, "99999999999999999999", Err("Too many decimal digits in format string")),
    ];

    const INT_FORMAT: &[(i64, &str, Result<&str, &str>)] = &[
        (0, "", Ok("0")),
        (1234, "", Ok("1234")),
        (1114111, "", Ok("1114111")),
        (7, "", Ok("7")),
        (-42, "d", Ok("-42")),
        (i64::MIN, "d", Ok("-9223372036854775808")),
        (1, "d", Ok("1")),
        (-1234567, "d", Ok("-1234567")),
        (
            4611686018427387904,
            "b",
            Ok("100000000000000000000000000000000000000000000000000000000000000"),
        ),
        (123456789, "b", Ok("111010110111100110100010101")),
        (255, "b", Ok("11111111")),
        (65, "b", Ok("1000001")),
        (1114112, "o", Ok("4200000")),
        (42, "o", Ok("52")),
        (i64::MAX, "o", Ok("777777777777777777777")),
        (0, "o", Ok("0")),
        (-1, "x", Ok("-1")),
        (1000000000000000000, "x", Ok("de0b6b3a7640000")),
        (9007199254740993, "x", Ok("20000000000001")),
        (-42, "x", Ok("-2a")),
        (1234, "X", Ok("4D2")),
        (1114111, "X", Ok("10FFFF")),
        (7, "X", Ok("7")),
        (4611686018427387904, "X", Ok("4000000000000000")),
        (
            i64::MIN,
            "#b",
            Ok("-0b1000000000000000000000000000000000000000000000000000000000000000"),
        ),
        (1, "#b", Ok("0b1")),
        (-1234567, "#b", Ok("-0b100101101011010000111")),
        (1114112, "#b", Ok("0b100010000000000000000")),
        (123456789, "#o", Ok("0o726746425")),
        (255, "#o", Ok("0o377")),
        (65, "#o", Ok("0o101")),
        (-1, "#o", Ok("-0o1")),
        (42, "#x", Ok("0x2a")),
        (i64::MAX, "#x", Ok("0x7fffffffffffffff")),
        (0, "#x", Ok("0x0")),
        (1234, "#x", Ok("0x4d2")),
        (1000000000000000000, "#X", Ok("0XDE0B6B3A7640000")),
        (9007199254740993, "#X", Ok("0X20000000000001")),
        (-42, "#X", Ok("-0X2A")),
        (i64::MIN, "#X", Ok("-0X8000000000000000")),
        (1114111, ",", Ok("1,114,111")),
        (7, ",", Ok("7")),
        (4611686018427387904, ",", Ok("4,611,686,018,427,387,904")),
        (123456789, ",", Ok("123,456,789")),
        (1, "_", Ok("1")),
        (-1234567, "_", Ok("-1_234_567")),
        (1114112, "_", Ok("1_114_112")),
        (42, "_", Ok("42")),
        (255, "_b", Ok("1111_1111")),
        (65, "_b", Ok("100_0001")),
        (-1, "_b", Ok("-1")),
        (
            1000000000000000000,
            "_b",
            Ok("1101_1110_0000_1011_0110_1011_0011_1010_0111_0110_0100_0000_0000_0000_0000"),
        ),
        (i64::MAX, "_x", Ok("7fff_ffff_ffff_ffff")),
        (0, "_x", Ok("0")),
        (1234, "_x", Ok("4d2")),
        (1114111, "_x", Ok("10_ffff")),
        (9007199254740993, "#_x", Ok("0x20_0000_0000_0001")),
        (-42, "#_x", Ok("-0x2a")),
        (i64::MIN, "#_x", Ok("-0x8000_0000_0000_0000")),
        (1, "#_x", Ok("0x1")),
        (7, ",d", Ok("7")),
        (4611686018427387904, ",d", Ok("4,611,686,018,427,387,904")),
        (123456789, ",d", Ok("123,456,789")),
        (255, ",d", Ok("255")),
        (-1234567, "010", Ok("-001234567")),
        (1114112, "010", Ok("0001114112")),
        (42, "010", Ok("0000000042")),
        (i64::MAX, "010", Ok("9223372036854775807")),
        (65, "010,", Ok("00,000,065")),
        (-1, "010,", Ok("-0,000,001")),
        (1000000000000000000, "010,", Ok("1,000,000,000,000,000,000")),
        (9007199254740993, "010,", Ok("9,007,199,254,740,993")),
        (0, "+", Ok("+0")),
        (1234, "+", Ok("+1234")),
        (1114111, "+", Ok("+1114111")),
        (7, "+", Ok("+7")),
        (-42, " ", Ok("-42")),
        (i64::MIN, " ", Ok("-9223372036854775808")),
        (1, " ", Ok(" 1")),
        (-1234567, " ", Ok("-1234567")),
        (4611686018427387904, "-", Ok("4611686018427387904")),
        (123456789, "-", Ok("123456789")),
        (255, "-", Ok("255")),
        (65, "-", Ok("65")),
        (1114112, "=+10", Ok("+  1114112")),
        (42, "=+10", Ok("+       42")),
        (i64::MAX, "=+10", Ok("+9223372036854775807")),
        (0, "=+10", Ok("+        0")),
        (-1, "^10", Ok("    -1    ")),
        (1000000000000000000, "^10", Ok("1000000000000000000")),
        (9007199254740993, "^10", Ok("9007199254740993")),
        (-42, "^10", Ok("   -42    ")),
        (1234, "<10", Ok("1234      ")),
        (1114111, "<10", Ok("1114111   ")),
        (7, "<10", Ok("7         ")),
        (4611686018427387904, "<10", Ok("4611686018427387904")),
        (i64::MIN, ">10", Ok("-9223372036854775808")),
        (1, ">10", Ok("         1")),
        (-1234567, ">10", Ok("  -1234567")),
        (1114112, ">10", Ok("   1114112")),
        (123456789, "*^9", Ok("123456789")),
        (255, "*^9", Ok("***255***")),
        (65, "*^9", Ok("***65****")),
        (-1, "*^9", Ok("***-1****")),
        (42, "#010x", Ok("0x0000002a")),
        (i64::MAX, "#010x", Ok("0x7fffffffffffffff")),
        (0, "#010x", Ok("0x00000000")),
        (1234, "#010x", Ok("0x000004d2")),
        (1000000000000000000, "0=10", Ok("1000000000000000000")),
        (9007199254740993, "0=10", Ok("9007199254740993")),
        (-42, "0=10", Ok("-000000042")),
        (i64::MIN, "0=10", Ok("-9223372036854775808")),
        (1114111, "n", Ok("1114111")),
        (7, "n", Ok("7")),
        (4611686018427387904, "n", Ok("4611686018427387904")),
        (123456789, "n", Ok("123456789")),
        (1, "e", Ok("1.000000e+00")),
        (-1234567, "e", Ok("-1.234567e+06")),
        (1114112, "e", Ok("1.114112e+06")),
        (42, "e", Ok("4.200000e+01")),
        (255, ".2f", Ok("255.00")),
        (65, ".2f", Ok("65.00")),
        (-1, ".2f", Ok("-1.00")),
        (1000000000000000000, ".2f", Ok("1000000000000000000.00")),
        (i64::MAX, "%", Ok("922337203685477580800.000000%")),
        (0, "%", Ok("0.000000%")),
        (1234, "%", Ok("123400.000000%")),
        (1114111, "%", Ok("111411100.000000%")),
        (9007199254740993, ".3g", Ok("9.01e+15")),
        (-42, ".3g", Ok("-42")),
        (i64::MIN, ".3g", Ok("-9.22e+18")),
        (1, ".3g", Ok("1")),
        (7, "E", Ok("7.000000E+00")),
        (4611686018427387904, "E", Ok("4.611686E+18")),
        (123456789, "E", Ok("1.234568E+08")),
        (255, "E", Ok("2.550000E+02")),
        (-1234567, ",.2f", Ok("-1,234,567.00")),
        (1114112, ",.2f", Ok("1,114,112.00")),
        (42, ",.2f", Ok("42.00")),
        (i64::MAX, ",.2f", Ok("9,223,372,036,854,775,808.00")),
        (65, "_o", Ok("101")),
        (-1, "_o", Ok("-1")),
        (1000000000000000000, "_o", Ok("6740_5553_1647_3100_0000")),
        (9007199254740993, "_o", Ok("40_0000_0000_0000_0001")),
        (0, "#012_X", Ok("0X0_0000_0000")),
        (1234, "#012_X", Ok("0X0_0000_04D2")),
        (1114111, "#012_X", Ok("0X0_0010_FFFF")),
        (7, "#012_X", Ok("0X0_0000_0007")),
        (-42, "x<10", Ok("-42xxxxxxx")),
        (i64::MIN, "x<10", Ok("-9223372036854775808")),
        (1, "x<10", Ok("1xxxxxxxxx")),
        (-1234567, "x<10", Ok("-1234567xx")),
        (
            4611686018427387904,
            "020_b",
            Ok("100_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ),
        (123456789, "020_b", Ok("111_0101_1011_1100_1101_0001_0101")),
        (255, "020_b", Ok("0_0000_0000_1111_1111")),
        (65, "020_b", Ok("0_0000_0000_0100_0001")),
        (1114112, "+#x", Ok("+0x110000")),
        (42, "+#x", Ok("+0x2a")),
        (i64::MAX, "+#x", Ok("+0x7fffffffffffffff")),
        (0, "+#x", Ok("+0x0")),
        (-1, " 012,", Ok("-000,000,001")),
        (
            1000000000000000000,
            " 012,",
            Ok(" 1,000,000,000,000,000,000"),
        ),
        (9007199254740993, " 012,", Ok(" 9,007,199,254,740,993")),
        (-42, " 012,", Ok("-000,000,042")),
        (1234, "g", Ok("1234")),
        (1114111, "g", Ok("1.11411e+06")),
        (7, "g", Ok("7")),
        (4611686018427387904, "g", Ok("4.61169e+18")),
        (i64::MIN, "015_d", Ok("-9_223_372_036_854_775_808")),
        (1, "015_d", Ok("000_000_000_001")),
        (-1234567, "015_d", Ok("-00_001_234_567")),
        (1114112, "015_d", Ok("000_001_114_112")),
        (123456789, "#_b", Ok("0b111_0101_1011_1100_1101_0001_0101")),
        (255, "#_b", Ok("0b1111_1111")),
        (65, "#_b", Ok("0b100_0001")),
        (-1, "#_b", Ok("-0b1")),
        (42, ".1%", Ok("4200.0%")),
        (i64::MAX, ".1%", Ok("922337203685477580800.0%")),
        (0, ".1%", Ok("0.0%")),
        (1234, ".1%", Ok("123400.0%")),
        (65, "c", Ok("A")),
        (9786, "c", Ok("\u{263a}")),
        (128512, "c", Ok("\u{1f600}")),
        (65, "5c", Ok("    A")),
        (9786, "5c", Ok("    \u{263a}")),
        (128512, "5c", Ok("    \u{1f600}")),
        (65, "<3c", Ok("A  ")),
        (9786, "<3c", Ok("\u{263a}  ")),
        (128512, "<3c", Ok("\u{1f600}  ")),
        (65, "^5c", Ok("  A  ")),
        (9786, "^5c", Ok("  \u{263a}  ")),
        (128512, "^5c", Ok("  \u{1f600}  ")),
        (65, "05c", Ok("0000A")),
        (9786, "05c", Ok("0000\u{263a}")),
        (128512, "05c", Ok("0000\u{1f600}")),
        (65, "=4c", Ok("   A")),
        (9786, "=4c", Ok("   \u{263a}")),
        (128512, "=4c", Ok("   \u{1f600}")),
        (0, "c", Ok("\u{0}")),
        (-1, "c", Err("%c arg not in range(0x110000)")),
        (1114112, "c", Err("%c arg not in range(0x110000)")),
        (10, "c", Ok("\n")),
        (i64::MIN, "", Ok("-9223372036854775808")),
        (i64::MIN, ",", Ok("-9,223,372,036,854,775,808")),
        (
            i64::MIN,
            "_b",
            Ok("-1000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ),
        (i64::MIN, "#_o", Ok("-0o10_0000_0000_0000_0000_0000")),
        (i64::MIN, "#x", Ok("-0x8000000000000000")),
        (i64::MIN, "030,", Ok("-0,009,223,372,036,854,775,808")),
        (i64::MIN, "+e", Ok("-9.223372e+18")),
        (i64::MIN, "%", Ok("-922337203685477580800.000000%")),
        (i64::MAX, ",", Ok("9,223,372,036,854,775,807")),
        (i64::MAX, "#X", Ok("0X7FFFFFFFFFFFFFFF")),
        (i64::MAX, ".3e", Ok("9.223e+18")),
        (1000000000000000000, ",", Ok("1,000,000,000,000,000,000")),
        (1234, "010,", Ok("00,001,234")),
        (255, "#_X", Ok("0XFF")),
        (255, "#012_X", Ok("0X0_0000_00FF")),
        (
            5,
            ".2",
            Err("Precision not allowed in integer format specifier"),
        ),
        (
            5,
            "z",
            Err("Negative zero coercion (z) not allowed in integer format specifier"),
        ),
        (
            5,
            "#c",
            Err("Alternate form (#) not allowed with integer format specifier 'c'"),
        ),
        (
            5,
            "+c",
            Err("Sign not allowed with integer format specifier 'c'"),
        ),
        (5, ",c", Err("Cannot specify ',' with 'c'.")),
        (5, ",x", Err("Cannot specify ',' with 'x'.")),
        (
            5,
            "s",
            Err("Unknown format code 's' for object of type 'int'"),
        ),
        (
            5,
            "q",
            Err("Unknown format code 'q' for object of type 'int'"),
        ),
        (5, ",_", Err("Cannot specify both ',' and '_'.")),
        (5, ".", Err("Format specifier missing precision")),
        (
            5,
            "xx",
            Err("Invalid format specifier 'xx' for object of type 'int'"),
        ),
        (
            5,
            "-c",
            Err("Sign not allowed with integer format specifier 'c'"),
        ),
        (5, "_n", Err("Cannot specify '_' with 'n'.")),
        (
            5,
            "\u{1}",
            Err("Unknown format code '\\x1' for object of type 'int'"),
        ),
    ];

    const STR_FORMAT: &[(&str, &str, Result<&str, &str>)] = &[
        ("", "", Ok("")),
        ("h\u{e9}llo", "", Ok("h\u{e9}llo")),
        ("a\tb", "", Ok("a\tb")),
        ("abc", "s", Ok("abc")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "s",
            Ok("\u{65e5}\u{672c}\u{8a9e}"),
        ),
        ("abcdefghij", "s", Ok("abcdefghij")),
        ("h\u{e9}llo", "10", Ok("h\u{e9}llo     ")),
        ("a\tb", "10", Ok("a\tb       ")),
        ("", "10", Ok("          ")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "<10",
            Ok("\u{65e5}\u{672c}\u{8a9e}       "),
        ),
        ("abcdefghij", "<10", Ok("abcdefghij")),
        ("abc", "<10", Ok("abc       ")),
        ("a\tb", ">10", Ok("       a\tb")),
        ("", ">10", Ok("          ")),
        ("h\u{e9}llo", ">10", Ok("     h\u{e9}llo")),
        ("abcdefghij", "^10", Ok("abcdefghij")),
        ("abc", "^10", Ok("   abc    ")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "^10",
            Ok("   \u{65e5}\u{672c}\u{8a9e}    "),
        ),
        ("", "^9", Ok("         ")),
        ("h\u{e9}llo", "^9", Ok("  h\u{e9}llo  ")),
        ("a\tb", "^9", Ok("   a\tb   ")),
        ("abc", "x^9", Ok("xxxabcxxx")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "x^9",
            Ok("xxx\u{65e5}\u{672c}\u{8a9e}xxx"),
        ),
        ("abcdefghij", "x^9", Ok("abcdefghij")),
        ("h\u{e9}llo", ".2", Ok("h\u{e9}")),
        ("a\tb", ".2", Ok("a\t")),
        ("", ".2", Ok("")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "10.2",
            Ok("\u{65e5}\u{672c}        "),
        ),
        ("abcdefghij", "10.2", Ok("ab        ")),
        ("abc", "10.2", Ok("ab        ")),
        ("a\tb", ".0", Ok("")),
        ("", ".0", Ok("")),
        ("h\u{e9}llo", ".0", Ok("")),
        ("abcdefghij", "05", Ok("abcdefghij")),
        ("abc", "05", Ok("abc00")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "05",
            Ok("\u{65e5}\u{672c}\u{8a9e}00"),
        ),
        ("", "*>6", Ok("******")),
        ("h\u{e9}llo", "*>6", Ok("*h\u{e9}llo")),
        ("a\tb", "*>6", Ok("***a\tb")),
        ("abc", "10.10s", Ok("abc       ")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "10.10s",
            Ok("\u{65e5}\u{672c}\u{8a9e}       "),
        ),
        ("abcdefghij", "10.10s", Ok("abcdefghij")),
        ("h\u{e9}llo", "\u{2192}^7", Ok("\u{2192}h\u{e9}llo\u{2192}")),
        (
            "a\tb",
            "\u{2192}^7",
            Ok("\u{2192}\u{2192}a\tb\u{2192}\u{2192}"),
        ),
        (
            "",
            "\u{2192}^7",
            Ok("\u{2192}\u{2192}\u{2192}\u{2192}\u{2192}\u{2192}\u{2192}"),
        ),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "<<4",
            Ok("\u{65e5}\u{672c}\u{8a9e}<"),
        ),
        ("abcdefghij", "<<4", Ok("abcdefghij")),
        ("abc", "<<4", Ok("abc<")),
        ("a\tb", "0<5", Ok("a\tb00")),
        ("", "0<5", Ok("00000")),
        ("h\u{e9}llo", "0<5", Ok("h\u{e9}llo")),
        (
            "abcdefghij",
            "=10",
            Err("'=' alignment not allowed in string format specifier"),
        ),
        (
            "abc",
            "=10",
            Err("'=' alignment not allowed in string format specifier"),
        ),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "=10",
            Err("'=' alignment not allowed in string format specifier"),
        ),
        ("", "+", Err("Sign not allowed in string format specifier")),
        (
            "h\u{e9}llo",
            "+",
            Err("Sign not allowed in string format specifier"),
        ),
        (
            "a\tb",
            "+",
            Err("Sign not allowed in string format specifier"),
        ),
        (
            "abc",
            " ",
            Err("Space not allowed in string format specifier"),
        ),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            " ",
            Err("Space not allowed in string format specifier"),
        ),
        (
            "abcdefghij",
            " ",
            Err("Space not allowed in string format specifier"),
        ),
        (
            "h\u{e9}llo",
            "-",
            Err("Sign not allowed in string format specifier"),
        ),
        (
            "a\tb",
            "-",
            Err("Sign not allowed in string format specifier"),
        ),
        ("", "-", Err("Sign not allowed in string format specifier")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "z",
            Err("Negative zero coercion (z) not allowed in string format specifier"),
        ),
        (
            "abcdefghij",
            "z",
            Err("Negative zero coercion (z) not allowed in string format specifier"),
        ),
        (
            "abc",
            "z",
            Err("Negative zero coercion (z) not allowed in string format specifier"),
        ),
        (
            "a\tb",
            "#",
            Err("Alternate form (#) not allowed in string format specifier"),
        ),
        (
            "",
            "#",
            Err("Alternate form (#) not allowed in string format specifier"),
        ),
        (
            "h\u{e9}llo",
            "#",
            Err("Alternate form (#) not allowed in string format specifier"),
        ),
        (
            "abcdefghij",
            "d",
            Err("Unknown format code 'd' for object of type 'str'"),
        ),
        (
            "abc",
            "d",
            Err("Unknown format code 'd' for object of type 'str'"),
        ),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "d",
            Err("Unknown format code 'd' for object of type 'str'"),
        ),
        ("", ",", Err("Cannot specify ',' with 's'.")),
        ("h\u{e9}llo", ",", Err("Cannot specify ',' with 's'.")),
        ("a\tb", ",", Err("Cannot specify ',' with 's'.")),
        ("abc", "_", Err("Cannot specify '_' with 's'.")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "_",
            Err("Cannot specify '_' with 's'."),
        ),
        ("abcdefghij", "_", Err("Cannot specify '_' with 's'.")),
        ("h\u{e9}llo", ".", Err("Format specifier missing precision")),
        ("a\tb", ".", Err("Format specifier missing precision")),
        ("", ".", Err("Format specifier missing precision")),
        (
            "\u{65e5}\u{672c}\u{8a9e}",
            "5ss",
            Err("Invalid format specifier '5ss' for object of type 'str'"),
        ),
        (
            "abcdefghij",
            "5ss",
            Err("Invalid format specifier '5ss' for object of type 'str'"),
        ),
        (
            "abc",
            "5ss",
            Err("Invalid format specifier '5ss' for object of type 'str'"),
        ),
        (
            "a\tb",
            "x",
            Err("Unknown format code 'x' for object of type 'str'"),
        ),
        (
            "",
            "x",
            Err("Unknown format code 'x' for object of type 'str'"),
        ),
        (
            "h\u{e9}llo",
            "x",
            Err("Unknown format code 'x' for object of type 'str'"),
        ),
    ];

    const STR_REPR: &[(&str, &str)] = &[
        ("", "''"),
        ("abc", "'abc'"),
        ("it's", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'"),
        ("both ' and \"", "'both \\' and \"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("tab\there", "'tab\\there'"),
        ("nl\n", "'nl\\n'"),
        ("\r", "'\\r'"),
        ("\u{0}", "'\\x00'"),
        ("\u{1f}", "'\\x1f'"),
        ("\u{7f}", "'\\x7f'"),
        ("\u{80}", "'\\x80'"),
        ("\u{a0}", "'\\xa0'"),
        ("\u{ad}", "'\\xad'"),
        ("\u{e9}", "'\u{e9}'"),
        ("\u{65e5}\u{672c}", "'\u{65e5}\u{672c}'"),
        ("\u{2028}", "'\\u2028'"),
        ("\u{200b}", "'\\u200b'"),
        ("\u{feff}", "'\\ufeff'"),
        ("\u{1f600}", "'\u{1f600}'"),
        ("\u{e0001}", "'\\U000e0001'"),
        ("\u{10ffff}", "'\\U0010ffff'"),
        ("\u{e000}", "'\\ue000'"),
        ("\u{378}", "'\\u0378'"),
        ("\u{1fffe}", "'\\U0001fffe'"),
        (" ", "' '"),
        ("\u{3000}", "'\\u3000'"),
        ("a b", "'a b'"),
        ("\u{1b}[0m", "'\\x1b[0m'"),
        ("'", "\"'\""),
        ("\"", "'\"'"),
        ("'\"", "'\\'\"'"),
        ("\u{300}", "'\u{300}'"),
        ("x\u{301}", "'x\u{301}'"),
        ("\u{1d400}", "'\u{1d400}'"),
        ("\u{e0100}", "'\u{e0100}'"),
        ("\u{ff}\u{100}", "'\u{ff}\u{100}'"),
        ("\\n", "'\\\\n'"),
    ];

    /// (format, operands, result or (exception class, message)).
    type PercentCase = (
        &'static str,
        &'static [A],
        Result<&'static str, (K, &'static str)>,
    );

    const PERCENT: &[PercentCase] = &[
        ("%s", &[A::S("abc")], Ok("abc")),
        ("%s", &[A::I(42)], Ok("42")),
        ("%s", &[A::F(1.5)], Ok("1.5")),
        ("%r", &[A::S("abc")], Ok("'abc'")),
        ("%r", &[A::F(1.5)], Ok("1.5")),
        ("%a", &[A::S("h\u{e9}llo")], Ok("'h\\xe9llo'")),
        ("%a", &[A::S("\u{1f600}")], Ok("'\\U0001f600'")),
        ("%5s|", &[A::S("ab")], Ok("   ab|")),
        ("%-5s|", &[A::S("ab")], Ok("ab   |")),
        ("%.2s", &[A::S("abcdef")], Ok("ab")),
        ("%10.3r", &[A::S("abc")], Ok("       'ab")),
        ("%05s", &[A::S("ab")], Ok("   ab")),
        ("%+s", &[A::S("ab")], Ok("ab")),
        ("%d", &[A::I(42)], Ok("42")),
        ("%d", &[A::I(-42)], Ok("-42")),
        ("%i", &[A::I(7)], Ok("7")),
        ("%u", &[A::I(7)], Ok("7")),
        ("%5d", &[A::I(42)], Ok("   42")),
        ("%-5d|", &[A::I(42)], Ok("42   |")),
        ("%05d", &[A::I(-42)], Ok("-0042")),
        ("%+d", &[A::I(42)], Ok("+42")),
        ("% d", &[A::I(42)], Ok(" 42")),
        ("%+05d", &[A::I(42)], Ok("+0042")),
        ("%.5d", &[A::I(42)], Ok("00042")),
        ("%8.5d", &[A::I(-42)], Ok("  -00042")),
        ("%-+05d|", &[A::I(3)], Ok("+3   |")),
        ("%x", &[A::I(255)], Ok("ff")),
        ("%X", &[A::I(255)], Ok("FF")),
        ("%#x", &[A::I(255)], Ok("0xff")),
        ("%#X", &[A::I(255)], Ok("0XFF")),
        ("%o", &[A::I(8)], Ok("10")),
        ("%#o", &[A::I(8)], Ok("0o10")),
        ("%#08o", &[A::I(8)], Ok("0o000010")),
        ("%#08x", &[A::I(8)], Ok("0x000008")),
        ("%#8x", &[A::I(8)], Ok("     0x8")),
        ("%#-8x|", &[A::I(8)], Ok("0x8     |")),
        ("%+#x", &[A::I(255)], Ok("+0xff")),
        ("%.5x", &[A::I(-255)], Ok("-000ff")),
        ("%#.5x", &[A::I(-255)], Ok("-0x000ff")),
        ("%#010X", &[A::I(-255)], Ok("-0X00000FF")),
        ("%d", &[A::I(i64::MAX)], Ok("9223372036854775807")),
        ("%d", &[A::I(i64::MIN)], Ok("-9223372036854775808")),
        ("%x", &[A::I(i64::MIN)], Ok("-8000000000000000")),
        ("%d", &[A::F(3.7)], Ok("3")),
        ("%d", &[A::F(-3.7)], Ok("-3")),
        ("%d", &[A::F(1e+20)], Ok("100000000000000000000")),
        ("%i", &[A::F(-0.5)], Ok("0")),
        ("%d", &[A::B(true)], Ok("1")),
        ("%s", &[A::B(true)], Ok("True")),
        ("%f", &[A::B(true)], Ok("1.000000")),
        ("%x", &[A::B(true)], Ok("1")),
        ("%f", &[A::F(1.5)], Ok("1.500000")),
        ("%f", &[A::I(2)], Ok("2.000000")),
        ("%.2f", &[A::F(2.675)], Ok("2.67")),
        ("%.0f", &[A::F(0.5)], Ok("0")),
        ("%.0f", &[A::F(1.5)], Ok("2")),
        ("%e", &[A::F(12345.678)], Ok("1.234568e+04")),
        ("%E", &[A::F(1e-10)], Ok("1.000000E-10")),
        ("%.0e", &[A::I(12345)], Ok("1e+04")),
        ("%g", &[A::F(1e-05)], Ok("1e-05")),
        ("%g", &[A::F(123456789.0)], Ok("1.23457e+08")),
        ("%G", &[A::F(1e-20)], Ok("1E-20")),
        ("%#g", &[A::F(1.0)], Ok("1.00000")),
        ("%#.0f", &[A::F(3.0)], Ok("3.")),
        ("%#.0e", &[A::F(3.0)], Ok("3.e+00")),
        ("%10.3f|", &[A::F(-1.23456)], Ok("    -1.235|")),
        ("%-10.3f|", &[A::F(1.23456)], Ok("1.235     |")),
        ("%010.3f", &[A::F(-1.23456)], Ok("-00001.235")),
        ("%+.1e", &[A::F(0.0)], Ok("+0.0e+00")),
        ("% f", &[A::F(1.0)], Ok(" 1.000000")),
        ("%08.3f", &[A::F(-1.5)], Ok("-001.500")),
        ("%f", &[A::F(f64::INFINITY)], Ok("inf")),
        ("%F", &[A::F(f64::INFINITY)], Ok("INF")),
        ("%05f", &[A::F(f64::INFINITY)], Ok("00inf")),
        ("%05f", &[A::F(f64::NEG_INFINITY)], Ok("-0inf")),
        ("%+f", &[A::F(f64::NAN)], Ok("+nan")),
        ("%-6f|", &[A::F(f64::NAN)], Ok("nan   |")),
        ("%f", &[A::F(-0.0)], Ok("-0.000000")),
        ("%.3g", &[A::F(0.0001234)], Ok("0.000123")),
        ("%.20f", &[A::F(0.1)], Ok("0.10000000000000000555")),
        (
            "%.30e",
            &[A::F(0.1)],
            Ok("1.000000000000000055511151231258e-01"),
        ),
        ("%c", &[A::I(65)], Ok("A")),
        ("%c", &[A::S("x")], Ok("x")),
        ("%5c|", &[A::S("x")], Ok("    x|")),
        ("%-3c|", &[A::I(9786)], Ok("\u{263a}  |")),
        ("%05c", &[A::I(65)], Ok("    A")),
        ("%%", &[], Ok("%")),
        ("100%%", &[], Ok("100%")),
        ("%s%%", &[A::I(5)], Ok("5%")),
        (
            "%5%",
            &[A::I(1)],
            Err((
                K::ValueError,
                "unsupported format character '%' (0x25) at index 2",
            )),
        ),
        ("%s and %s", &[A::S("a"), A::S("b")], Ok("a and b")),
        (
            "%s-%d-%f",
            &[A::S("x"), A::I(1), A::F(2.0)],
            Ok("x-1-2.000000"),
        ),
        ("%*d", &[A::I(5), A::I(42)], Ok("   42")),
        ("%-*d|", &[A::I(5), A::I(42)], Ok("42   |")),
        ("%*d|", &[A::I(-5), A::I(42)], Ok("42   |")),
        ("%.*f", &[A::I(2), A::F(1.23456)], Ok("1.23")),
        ("%.*f", &[A::I(-2), A::F(1.0)], Ok("1")),
        (
            "%*.*f|",
            &[A::I(8), A::I(2), A::F(1.23456)],
            Ok("    1.23|"),
        ),
        ("%ld", &[A::I(1)], Ok("1")),
        ("%hd", &[A::I(1)], Ok("1")),
        ("%Lf", &[A::F(1.5)], Ok("1.500000")),
        ("%.f", &[A::F(2.5)], Ok("2")),
        ("%.s|", &[A::S("abc")], Ok("|")),
        (
            "%s",
            &[A::O("list", "[1, 'a']", "[1, 'a']")],
            Ok("[1, 'a']"),
        ),
        (
            "%r",
            &[A::O("list", "[1, 'a']", "[1, 'a']")],
            Ok("[1, 'a']"),
        ),
        ("%s", &[A::O("NoneType", "None", "None")], Ok("None")),
        (
            "%10s|",
            &[A::O("NoneType", "None", "None")],
            Ok("      None|"),
        ),
        (
            "caf\u{e9} %s \u{65e5}",
            &[A::S("\u{672c}")],
            Ok("caf\u{e9} \u{672c} \u{65e5}"),
        ),
        ("%-4s|", &[A::S("\u{e9}")], Ok("\u{e9}   |")),
        (
            "%s",
            &[],
            Err((K::TypeError, "not enough arguments for format string")),
        ),
        (
            "%s %s",
            &[A::I(1)],
            Err((K::TypeError, "not enough arguments for format string")),
        ),
        (
            "%s",
            &[A::I(1), A::I(2)],
            Err((
                K::TypeError,
                "not all arguments converted during string formatting",
            )),
        ),
        (
            "no args",
            &[A::I(1)],
            Err((
                K::TypeError,
                "not all arguments converted during string formatting",
            )),
        ),
        (
            "%d",
            &[A::S("a")],
            Err((
                K::TypeError,
                "%d format: a real number is required, not str",
            )),
        ),
        (
            "%x",
            &[A::F(3.0)],
            Err((K::TypeError, "%x format: an integer is required, not float")),
        ),
        (
            "%o",
            &[A::S("a")],
            Err((K::TypeError, "%o format: an integer is required, not str")),
        ),
        (
            "%d",
            &[A::O("NoneType", "None", "None")],
            Err((
                K::TypeError,
                "%d format: a real number is required, not NoneType",
            )),
        ),
        (
            "%X",
            &[A::O("list", "[1]", "[1]")],
            Err((K::TypeError, "%X format: an integer is required, not list")),
        ),
        (
            "%f",
            &[A::S("a")],
            Err((K::TypeError, "must be real number, not str")),
        ),
        (
            "%e",
            &[A::O("NoneType", "None", "None")],
            Err((K::TypeError, "must be real number, not NoneType")),
        ),
        (
            "%d",
            &[A::F(f64::INFINITY)],
            Err((K::OverflowError, "cannot convert float infinity to integer")),
        ),
        (
            "%d",
            &[A::F(f64::NAN)],
            Err((K::ValueError, "cannot convert float NaN to integer")),
        ),
        (
            "%c",
            &[A::S("ab")],
            Err((K::TypeError, "%c requires int or char")),
        ),
        (
            "%c",
            &[A::S("")],
            Err((K::TypeError, "%c requires int or char")),
        ),
        (
            "%c",
            &[A::F(1.0)],
            Err((K::TypeError, "%c requires int or char")),
        ),
        (
            "%c",
            &[A::I(-1)],
            Err((K::OverflowError, "%c arg not in range(0x110000)")),
        ),
        (
            "%c",
            &[A::I(1114112)],
            Err((K::OverflowError, "%c arg not in range(0x110000)")),
        ),
        (
            "%y",
            &[],
            Err((K::TypeError, "not enough arguments for format string")),
        ),
        (
            "%y",
            &[A::I(1)],
            Err((
                K::ValueError,
                "unsupported format character 'y' (0x79) at index 1",
            )),
        ),
        ("ab%", &[], Err((K::ValueError, "incomplete format"))),
        ("%", &[], Err((K::ValueError, "incomplete format"))),
        ("%-", &[A::I(1)], Err((K::ValueError, "incomplete format"))),
        ("%5", &[A::I(1)], Err((K::ValueError, "incomplete format"))),
        ("%.", &[A::I(1)], Err((K::ValueError, "incomplete format"))),
        (
            "%(a)s",
            &[A::I(1)],
            Err((K::TypeError, "format requires a mapping")),
        ),
        (
            "%*d",
            &[A::S("a"), A::I(1)],
            Err((K::TypeError, "* wants int")),
        ),
        (
            "%.*d",
            &[A::I(1099511627776), A::I(1)],
            Err((K::OverflowError, "Python int too large to convert to C int")),
        ),
        (
            "%lld",
            &[A::I(1)],
            Err((
                K::ValueError,
                "unsupported format character 'l' (0x6c) at index 2",
            )),
        ),
        (
            "%\u{e9}",
            &[A::I(1)],
            Err((
                K::ValueError,
                "unsupported format character '?' (0xe9) at index 1",
            )),
        ),
        (
            "%\n",
            &[A::I(1)],
            Err((
                K::ValueError,
                "unsupported format character '?' (0xa) at index 1",
            )),
        ),
        (
            "%.2147483647d",
            &[A::I(1)],
            Err((K::OverflowError, "precision too large")),
        ),
        (
            "%.2147483648d",
            &[A::I(1)],
            Err((K::ValueError, "precision too big")),
        ),
        (
            "%99999999999999999999d",
            &[A::I(1)],
            Err((K::ValueError, "width too big")),
        ),
        (
            "\u{65e5}%q",
            &[A::I(1)],
            Err((
                K::ValueError,
                "unsupported format character 'q' (0x71) at index 2",
            )),
        ),
    ];
}
