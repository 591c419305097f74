//! Python's character classes where they differ from Rust's `char` methods: decimal and
//! digit characters (Rust has no `Nd` test), the numeric CJK ideographs, and the
//! whitespace set, which in Python also holds the separators `\x1c`..`\x1f`, and title
//! case, which Rust does not expose.
//! The tables were generated from CPython 3.11 (Unicode 14).

/// `str.isspace` for one character, which also decides where `split()` and `strip()` cut.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `str.isdecimal` for one character (general category `Nd`).
pub fn is_decimal(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && in_table(DECIMAL, c))
}

/// The value 0-9 of a decimal character; every `Nd` range starts at a zero.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    let i = DECIMAL
        .binary_search_by(|&(lo, _)| lo.cmp(&c))
        .unwrap_or_else(|i| i.saturating_sub(1));
    let &(lo, hi) = DECIMAL.get(i)?;
    (lo <= c && c <= hi).then(|| (u32::from(c) - u32::from(lo)) % 10)
}

/// Text with every decimal digit made ASCII and whitespace trimmed from both ends: what
/// `int()` and `float()` parse (`int('٣')` is 3). CPython trims only ASCII whitespace
/// proper here, not the `\x1c`..`\x1f` separators that `isspace` accepts.
pub fn ascii_number_text(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim();
    if t.is_ascii() {
        return std::borrow::Cow::Borrowed(t);
    }
    t.chars()
        .map(|c| match decimal_value(c) {
            Some(d) => char::from_digit(d, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// `str.isdigit` for one character: decimals plus superscripts, circled digits, ….
pub fn is_digit(c: char) -> bool {
    is_decimal(c) || (!c.is_ascii() && in_table(OTHER_DIGITS, c))
}

/// `str.isnumeric` for one character.
pub fn is_numeric(c: char) -> bool {
    c.is_numeric() || (!c.is_ascii() && in_table(OTHER_NUMERIC, c))
}

/// `str.isalnum` for one character: Python's definition is alpha, decimal, digit or numeric.
pub fn is_alnum(c: char) -> bool {
    c.is_alphabetic() || is_numeric(c)
}

/// Python's cased characters (upper, lower or title case): what `title()` and the
/// `is…` case tests look at.
pub fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// A titlecase letter such as `ǅ`.
pub fn is_titlecase(c: char) -> bool {
    !c.is_ascii() && TITLECASE.binary_search(&c).is_ok()
}

/// Appends the title case of `c` to `out` (usually its upper case; `ǆ` gives `ǅ`).
pub fn push_title(out: &mut String, c: char) {
    match TITLE_SPECIAL.binary_search_by(|&(k, _)| k.cmp(&c)) {
        Ok(i) => out.push_str(TITLE_SPECIAL[i].1),
        Err(_) => out.extend(c.to_uppercase()),
    }
}

/// Appends the case folding of `c` (`str.casefold`): lower case of the upper case,
/// except for the few characters where Unicode's folding says otherwise.
pub fn push_casefold(out: &mut String, c: char) {
    match c {
        // Cherokee folds to its upper case, the older of its two cases.
        '\u{13a0}'..='\u{13ff}' | '\u{ab70}'..='\u{abbf}' => out.extend(c.to_uppercase()),
        '\u{1e9e}' => out.push_str("ss"),
        '\u{131}' => out.push(c),
        _ => out.extend(c.to_uppercase().flat_map(char::to_lowercase)),
    }
}

/// Appends the lower case of `chars[i]`, with Greek final sigma: a capital sigma that
/// ends a word (cased letter before, none after) becomes `ς`, as CPython's `lower`
/// does. Only common punctuation counts as case-ignorable here.
pub fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c == '\u{3a3}' && is_final_sigma(chars, i) {
        out.push('\u{3c2}');
    } else {
        out.extend(c.to_lowercase());
    }
}

fn is_final_sigma(chars: &[char], i: usize) -> bool {
    let ignorable = |c: &&char| {
        matches!(
            **c,
            '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2019}'
        )
    };
    let before = chars[..i].iter().rev().find(|c| !ignorable(c));
    let after = chars[i + 1..].iter().find(|c| !ignorable(c));
    before.is_some_and(|&c| is_cased(c)) && !after.is_some_and(|&c| is_cased(c))
}

/// Whether `c` falls in one of the sorted, disjoint inclusive ranges of `table`.
fn in_table(table: &[(char, char)], c: char) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Unicode 14 `Nd` (decimal digit) ranges: what CPython 3.11 calls `isdecimal`.
const DECIMAL: &[(char, char)] = &[
    ('\u{30}', '\u{39}'),
    ('\u{660}', '\u{669}'),
    ('\u{6f0}', '\u{6f9}'),
    ('\u{7c0}', '\u{7c9}'),
    ('\u{966}', '\u{96f}'),
    ('\u{9e6}', '\u{9ef}'),
    ('\u{a66}', '\u{a6f}'),
    ('\u{ae6}', '\u{aef}'),
    ('\u{b66}', '\u{b6f}'),
    ('\u{be6}', '\u{bef}'),
    ('\u{c66}', '\u{c6f}'),
    ('\u{ce6}', '\u{cef}'),
    ('\u{d66}', '\u{d6f}'),
    ('\u{de6}', '\u{def}'),
    ('\u{e50}', '\u{e59}'),
    ('\u{ed0}', '\u{ed9}'),
    ('\u{f20}', '\u{f29}'),
    ('\u{1040}', '\u{1049}'),
    ('\u{1090}', '\u{1099}'),
    ('\u{17e0}', '\u{17e9}'),
    ('\u{1810}', '\u{1819}'),
    ('\u{1946}', '\u{194f}'),
    ('\u{19d0}', '\u{19d9}'),
    ('\u{1a80}', '\u{1a89}'),
    ('\u{1a90}', '\u{1a99}'),
    ('\u{1b50}', '\u{1b59}'),
    ('\u{1bb0}', '\u{1bb9}'),
    ('\u{1c40}', '\u{1c49}'),
    ('\u{1c50}', '\u{1c59}'),
    ('\u{a620}', '\u{a629}'),
    ('\u{a8d0}', '\u{a8d9}'),
    ('\u{a900}', '\u{a909}'),
    ('\u{a9d0}', '\u{a9d9}'),
    ('\u{a9f0}', '\u{a9f9}'),
    ('\u{aa50}', '\u{aa59}'),
    ('\u{abf0}', '\u{abf9}'),
    ('\u{ff10}', '\u{ff19}'),
    ('\u{104a0}', '\u{104a9}'),
    ('\u{10d30}', '\u{10d39}'),
    ('\u{11066}', '\u{1106f}'),
    ('\u{110f0}', '\u{110f9}'),
    ('\u{11136}', '\u{1113f}'),
    ('\u{111d0}', '\u{111d9}'),
    ('\u{112f0}', '\u{112f9}'),
    ('\u{11450}', '\u{11459}'),
    ('\u{114d0}', '\u{114d9}'),
    ('\u{11650}', '\u{11659}'),
    ('\u{116c0}', '\u{116c9}'),
    ('\u{11730}', '\u{11739}'),
    ('\u{118e0}', '\u{118e9}'),
    ('\u{11950}', '\u{11959}'),
    ('\u{11c50}', '\u{11c59}'),
    ('\u{11d50}', '\u{11d59}'),
    ('\u{11da0}', '\u{11da9}'),
    ('\u{16a60}', '\u{16a69}'),
    ('\u{16ac0}', '\u{16ac9}'),
    ('\u{16b50}', '\u{16b59}'),
    ('\u{1d7ce}', '\u{1d7ff}'),
    ('\u{1e140}', '\u{1e149}'),
    ('\u{1e2f0}', '\u{1e2f9}'),
    ('\u{1e950}', '\u{1e959}'),
    ('\u{1fbf0}', '\u{1fbf9}'),
];

/// Characters with a digit value that are not decimal (superscripts, circled digits):
/// `isdigit` is `DECIMAL` plus these.
const OTHER_DIGITS: &[(char, char)] = &[
    ('\u{b2}', '\u{b3}'),
    ('\u{b9}', '\u{b9}'),
    ('\u{1369}', '\u{1371}'),
    ('\u{19da}', '\u{19da}'),
    ('\u{2070}', '\u{2070}'),
    ('\u{2074}', '\u{2079}'),
    ('\u{2080}', '\u{2089}'),
    ('\u{2460}', '\u{2468}'),
    ('\u{2474}', '\u{247c}'),
    ('\u{2488}', '\u{2490}'),
    ('\u{24ea}', '\u{24ea}'),
    ('\u{24f5}', '\u{24fd}'),
    ('\u{24ff}', '\u{24ff}'),
    ('\u{2776}', '\u{277e}'),
    ('\u{2780}', '\u{2788}'),
    ('\u{278a}', '\u{2792}'),
    ('\u{10a40}', '\u{10a43}'),
    ('\u{10e60}', '\u{10e68}'),
    ('\u{11052}', '\u{1105a}'),
    ('\u{1f100}', '\u{1f10a}'),
];

/// Numeric characters (mostly CJK numerals) that Rust's `char::is_numeric` misses but
/// CPython's `isnumeric` accepts.
const OTHER_NUMERIC: &[(char, char)] = &[
    ('\u{3405}', '\u{3405}'),
    ('\u{3483}', '\u{3483}'),
    ('\u{382a}', '\u{382a}'),
    ('\u{3b4d}', '\u{3b4d}'),
    ('\u{4e00}', '\u{4e00}'),
    ('\u{4e03}', '\u{4e03}'),
    ('\u{4e07}', '\u{4e07}'),
    ('\u{4e09}', '\u{4e09}'),
    ('\u{4e5d}', '\u{4e5d}'),
    ('\u{4e8c}', '\u{4e8c}'),
    ('\u{4e94}', '\u{4e94}'),
    ('\u{4e96}', '\u{4e96}'),
    ('\u{4ebf}', '\u{4ec0}'),
    ('\u{4edf}', '\u{4edf}'),
    ('\u{4ee8}', '\u{4ee8}'),
    ('\u{4f0d}', '\u{4f0d}'),
    ('\u{4f70}', '\u{4f70}'),
    ('\u{5104}', '\u{5104}'),
    ('\u{5146}', '\u{5146}'),
    ('\u{5169}', '\u{5169}'),
    ('\u{516b}', '\u{516b}'),
    ('\u{516d}', '\u{516d}'),
    ('\u{5341}', '\u{5341}'),
    ('\u{5343}', '\u{5345}'),
    ('\u{534c}', '\u{534c}'),
    ('\u{53c1}', '\u{53c4}'),
    ('\u{56db}', '\u{56db}'),
    ('\u{58f1}', '\u{58f1}'),
    ('\u{58f9}', '\u{58f9}'),
    ('\u{5e7a}', '\u{5e7a}'),
    ('\u{5efe}', '\u{5eff}'),
    ('\u{5f0c}', '\u{5f0e}'),
    ('\u{5f10}', '\u{5f10}'),
    ('\u{62fe}', '\u{62fe}'),
    ('\u{634c}', '\u{634c}'),
    ('\u{67d2}', '\u{67d2}'),
    ('\u{6f06}', '\u{6f06}'),
    ('\u{7396}', '\u{7396}'),
    ('\u{767e}', '\u{767e}'),
    ('\u{8086}', '\u{8086}'),
    ('\u{842c}', '\u{842c}'),
    ('\u{8cae}', '\u{8cae}'),
    ('\u{8cb3}', '\u{8cb3}'),
    ('\u{8d30}', '\u{8d30}'),
    ('\u{9621}', '\u{9621}'),
    ('\u{9646}', '\u{9646}'),
    ('\u{964c}', '\u{964c}'),
    ('\u{9678}', '\u{9678}'),
    ('\u{96f6}', '\u{96f6}'),
    ('\u{f96b}', '\u{f96b}'),
    ('\u{f973}', '\u{f973}'),
    ('\u{f978}', '\u{f978}'),
    ('\u{f9b2}', '\u{f9b2}'),
    ('\u{f9d1}', '\u{f9d1}'),
    ('\u{f9d3}', '\u{f9d3}'),
    ('\u{f9fd}', '\u{f9fd}'),
    ('\u{20001}', '\u{20001}'),
    ('\u{20064}', '\u{20064}'),
    ('\u{200e2}', '\u{200e2}'),
    ('\u{20121}', '\u{20121}'),
    ('\u{2092a}', '\u{2092a}'),
    ('\u{20983}', '\u{20983}'),
    ('\u{2098c}', '\u{2098c}'),
    ('\u{2099c}', '\u{2099c}'),
    ('\u{20aea}', '\u{20aea}'),
    ('\u{20afd}', '\u{20afd}'),
    ('\u{20b19}', '\u{20b19}'),
    ('\u{22390}', '\u{22390}'),
    ('\u{22998}', '\u{22998}'),
    ('\u{23b1b}', '\u{23b1b}'),
    ('\u{2626d}', '\u{2626d}'),
    ('\u{2f890}', '\u{2f890}'),
];
/// Characters whose title case differs from their upper case (`ß` -> `Ss`, `ǆ` -> `ǅ`,
/// Georgian letters, Greek letters with ypogegrammeni, ligatures).
const TITLE_SPECIAL: &[(char, &str)] = &[
    ('\u{df}', "Ss"),
    ('\u{1c4}', "\u{1c5}"),
    ('\u{1c5}', "\u{1c5}"),
    ('\u{1c6}', "\u{1c5}"),
    ('\u{1c7}', "\u{1c8}"),
    ('\u{1c8}', "\u{1c8}"),
    ('\u{1c9}', "\u{1c8}"),
    ('\u{1ca}', "\u{1cb}"),
    ('\u{1cb}', "\u{1cb}"),
    ('\u{1cc}', "\u{1cb}"),
    ('\u{1f1}', "\u{1f2}"),
    ('\u{1f2}', "\u{1f2}"),
    ('\u{1f3}', "\u{1f2}"),
    ('\u{587}', "\u{535}\u{582}"),
    ('\u{10d0}', "\u{10d0}"),
    ('\u{10d1}', "\u{10d1}"),
    ('\u{10d2}', "\u{10d2}"),
    ('\u{10d3}', "\u{10d3}"),
    ('\u{10d4}', "\u{10d4}"),
    ('\u{10d5}', "\u{10d5}"),
    ('\u{10d6}', "\u{10d6}"),
    ('\u{10d7}', "\u{10d7}"),
    ('\u{10d8}', "\u{10d8}"),
    ('\u{10d9}', "\u{10d9}"),
    ('\u{10da}', "\u{10da}"),
    ('\u{10db}', "\u{10db}"),
    ('\u{10dc}', "\u{10dc}"),
    ('\u{10dd}', "\u{10dd}"),
    ('\u{10de}', "\u{10de}"),
    ('\u{10df}', "\u{10df}"),
    ('\u{10e0}', "\u{10e0}"),
    ('\u{10e1}', "\u{10e1}"),
    ('\u{10e2}', "\u{10e2}"),
    ('\u{10e3}', "\u{10e3}"),
    ('\u{10e4}', "\u{10e4}"),
    ('\u{10e5}', "\u{10e5}"),
    ('\u{10e6}', "\u{10e6}"),
    ('\u{10e7}', "\u{10e7}"),
    ('\u{10e8}', "\u{10e8}"),
    ('\u{10e9}', "\u{10e9}"),
    ('\u{10ea}', "\u{10ea}"),
    ('\u{10eb}', "\u{10eb}"),
    ('\u{10ec}', "\u{10ec}"),
    ('\u{10ed}', "\u{10ed}"),
    ('\u{10ee}', "\u{10ee}"),
    ('\u{10ef}', "\u{10ef}"),
    ('\u{10f0}', "\u{10f0}"),
    ('\u{10f1}', "\u{10f1}"),
    ('\u{10f2}', "\u{10f2}"),
    ('\u{10f3}', "\u{10f3}"),
    ('\u{10f4}', "\u{10f4}"),
    ('\u{10f5}', "\u{10f5}"),
    ('\u{10f6}', "\u{10f6}"),
    ('\u{10f7}', "\u{10f7}"),
    ('\u{10f8}', "\u{10f8}"),
    ('\u{10f9}', "\u{10f9}"),
    ('\u{10fa}', "\u{10fa}"),
    ('\u{10fd}', "\u{10fd}"),
    ('\u{10fe}', "\u{10fe}"),
    ('\u{10ff}', "\u{10ff}"),
    ('\u{1f80}', "\u{1f88}"),
    ('\u{1f81}', "\u{1f89}"),
    ('\u{1f82}', "\u{1f8a}"),
    ('\u{1f83}', "\u{1f8b}"),
    ('\u{1f84}', "\u{1f8c}"),
    ('\u{1f85}', "\u{1f8d}"),
    ('\u{1f86}', "\u{1f8e}"),
    ('\u{1f87}', "\u{1f8f}"),
    ('\u{1f88}', "\u{1f88}"),
    ('\u{1f89}', "\u{1f89}"),
    ('\u{1f8a}', "\u{1f8a}"),
    ('\u{1f8b}', "\u{1f8b}"),
    ('\u{1f8c}', "\u{1f8c}"),
    ('\u{1f8d}', "\u{1f8d}"),
    ('\u{1f8e}', "\u{1f8e}"),
    ('\u{1f8f}', "\u{1f8f}"),
    ('\u{1f90}', "\u{1f98}"),
    ('\u{1f91}', "\u{1f99}"),
    ('\u{1f92}', "\u{1f9a}"),
    ('\u{1f93}', "\u{1f9b}"),
    ('\u{1f94}', "\u{1f9c}"),
    ('\u{1f95}', "\u{1f9d}"),
    ('\u{1f96}', "\u{1f9e}"),
    ('\u{1f97}', "\u{1f9f}"),
    ('\u{1f98}', "\u{1f98}"),
    ('\u{1f99}', "\u{1f99}"),
    ('\u{1f9a}', "\u{1f9a}"),
    ('\u{1f9b}', "\u{1f9b}"),
    ('\u{1f9c}', "\u{1f9c}"),
    ('\u{1f9d}', "\u{1f9d}"),
    ('\u{1f9e}', "\u{1f9e}"),
    ('\u{1f9f}', "\u{1f9f}"),
    ('\u{1fa0}', "\u{1fa8}"),
    ('\u{1fa1}', "\u{1fa9}"),
    ('\u{1fa2}', "\u{1faa}"),
    ('\u{1fa3}', "\u{1fab}"),
    ('\u{1fa4}', "\u{1fac}"),
    ('\u{1fa5}', "\u{1fad}"),
    ('\u{1fa6}', "\u{1fae}"),
    ('\u{1fa7}', "\u{1faf}"),
    ('\u{1fa8}', "\u{1fa8}"),
    ('\u{1fa9}', "\u{1fa9}"),
    ('\u{1faa}', "\u{1faa}"),
    ('\u{1fab}', "\u{1fab}"),
    ('\u{1fac}', "\u{1fac}"),
    ('\u{1fad}', "\u{1fad}"),
    ('\u{1fae}', "\u{1fae}"),
    ('\u{1faf}', "\u{1faf}"),
    ('\u{1fb2}', "\u{1fba}\u{345}"),
    ('\u{1fb3}', "\u{1fbc}"),
    ('\u{1fb4}', "\u{386}\u{345}"),
    ('\u{1fb7}', "\u{391}\u{342}\u{345}"),
    ('\u{1fbc}', "\u{1fbc}"),
    ('\u{1fc2}', "\u{1fca}\u{345}"),
    ('\u{1fc3}', "\u{1fcc}"),
    ('\u{1fc4}', "\u{389}\u{345}"),
    ('\u{1fc7}', "\u{397}\u{342}\u{345}"),
    ('\u{1fcc}', "\u{1fcc}"),
    ('\u{1ff2}', "\u{1ffa}\u{345}"),
    ('\u{1ff3}', "\u{1ffc}"),
    ('\u{1ff4}', "\u{38f}\u{345}"),
    ('\u{1ff7}', "\u{3a9}\u{342}\u{345}"),
    ('\u{1ffc}', "\u{1ffc}"),
    ('\u{fb00}', "Ff"),
    ('\u{fb01}', "Fi"),
    ('\u{fb02}', "Fl"),
    ('\u{fb03}', "Ffi"),
    ('\u{fb04}', "Ffl"),
    ('\u{fb05}', "St"),
    ('\u{fb06}', "St"),
    ('\u{fb13}', "\u{544}\u{576}"),
    ('\u{fb14}', "\u{544}\u{565}"),
    ('\u{fb15}', "\u{544}\u{56b}"),
    ('\u{fb16}', "\u{54e}\u{576}"),
    ('\u{fb17}', "\u{544}\u{56d}"),
];

/// The titlecase letters (general category `Lt`), cased but neither upper nor lower.
const TITLECASE: &[char] = &[
    '\u{1c5}', '\u{1c8}', '\u{1cb}', '\u{1f2}', '\u{1f88}', '\u{1f89}', '\u{1f8a}', '\u{1f8b}',
    '\u{1f8c}', '\u{1f8d}', '\u{1f8e}', '\u{1f8f}', '\u{1f98}', '\u{1f99}', '\u{1f9a}', '\u{1f9b}',
    '\u{1f9c}', '\u{1f9d}', '\u{1f9e}', '\u{1f9f}', '\u{1fa8}', '\u{1fa9}', '\u{1faa}', '\u{1fab}',
    '\u{1fac}', '\u{1fad}', '\u{1fae}', '\u{1faf}', '\u{1fbc}', '\u{1fcc}', '\u{1ffc}',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for table in [DECIMAL, OTHER_DIGITS, OTHER_NUMERIC] {
            assert!(table.iter().all(|(lo, hi)| lo <= hi));
            assert!(table.windows(2).all(|w| w[0].1 < w[1].0));
        }
        assert!(TITLE_SPECIAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TITLECASE.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn classes_match_cpython() {
        assert!(is_decimal('٣') && is_digit('٣') && is_numeric('٣'));
        assert!(!is_decimal('²') && is_digit('²') && is_numeric('²'));
        assert!(!is_digit('½') && is_numeric('½') && is_numeric('一'));
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('𝟡'), Some(9));
        assert_eq!(decimal_value('a'), None);
        assert!(is_space('\x1c') && is_space('\u{3000}') && !is_space('\u{200b}'));
        assert!(is_titlecase('ǅ') && is_cased('ǅ') && !is_cased('1'));
    }

    #[test]
    fn case_mappings_match_cpython() {
        let title = |c| {
            let mut s = String::new();
            push_title(&mut s, c);
            s
        };
        assert_eq!(title('ß'), "Ss");
        assert_eq!(title('ǆ'), "ǅ");
        assert_eq!(title('a'), "A");
        let fold = |s: &str| {
            let mut out = String::new();
            s.chars().for_each(|c| push_casefold(&mut out, c));
            out
        };
        assert_eq!(fold("Straße ΣΑΣ ﬁ"), "strasse σασ fi");
        let lower = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut out = String::new();
            (0..chars.len()).for_each(|i| push_lower_at(&mut out, &chars, i));
            out
        };
        assert_eq!(lower("ΟΔΟΣ ΣΑΣ."), "οδος σας.");
    }
}
