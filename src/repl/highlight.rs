//! Syntax colouring of the line being edited (keywords, strings, numbers, comments)
//! with the logos lexer the parser reads. Only escape codes are inserted, so the line
//! keeps its display width, which rustyline requires. rustyline calls this only when
//! colour is on: stdout is a terminal and `NO_COLOR` is unset.

use crate::syntax::token::Tok;
use logos::Logos;

const KEYWORD: &str = "\x1b[1;34m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2;37m";
const RESET: &str = "\x1b[0m";

/// A coloured byte range of the source.
type Painted = (usize, usize, &'static str);

/// `line` with colour codes. `context` holds the earlier lines of the same input, so
/// that a line inside a triple-quoted string is coloured as a string.
pub fn highlight(context: &str, line: &str) -> String {
    let source = if context.is_empty() {
        line.to_string()
    } else {
        format!("{context}\n{line}")
    };
    let offset = source.len() - line.len();
    paint(line, offset, &classify(&source))
}

/// The coloured ranges of `source`, in order and without overlaps.
fn classify(source: &str) -> Vec<Painted> {
    let mut painted = Vec::new();
    let mut lexer = Tok::lexer(source);
    let mut covered = 0;
    while let Some(result) = lexer.next() {
        let span = lexer.span();
        comments_between(source, covered, span.start, &mut painted);
        covered = span.end;
        let colour = match result {
            Ok(tok) => colour_of(&tok),
            Err(_) if is_bare_opener(lexer.slice()) => {
                // The lexer gives up at the opening quote of a string it cannot finish
                // (or of a bytes literal): colour up to where that string ends.
                let end = string_end(source, span.start, lexer.slice());
                lexer.bump(end - span.end);
                covered = end;
                Some(STRING)
            }
            // A whole literal with a bad escape in it.
            Err(_) if starts_string(lexer.slice()) => Some(STRING),
            Err(_) => None,
        };
        if let Some(colour) = colour {
            painted.push((span.start, covered, colour));
        }
    }
    comments_between(source, covered, source.len(), &mut painted);
    painted
}

fn colour_of(tok: &Tok) -> Option<&'static str> {
    match tok {
        Tok::Str(_) => Some(STRING),
        Tok::Int(_) | Tok::Float(_) => Some(NUMBER),
        t if is_keyword(t) => Some(KEYWORD),
        _ => None,
    }
}

fn is_keyword(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::False
            | Tok::None
            | Tok::True
            | Tok::And
            | Tok::As
            | Tok::Assert
            | Tok::Break
            | Tok::Continue
            | Tok::Def
            | Tok::Del
            | Tok::Elif
            | Tok::Else
            | Tok::For
            | Tok::From
            | Tok::If
            | Tok::Import
            | Tok::In
            | Tok::Is
            | Tok::Lambda
            | Tok::Not
            | Tok::Or
            | Tok::Pass
            | Tok::Return
            | Tok::While
            | Tok::Reserved(_)
    )
}

/// The lexer skips comments, so they live in the gaps between tokens: a `#` there
/// starts a comment that runs to the end of its line.
fn comments_between(source: &str, start: usize, end: usize, painted: &mut Vec<Painted>) {
    let mut at = start;
    while let Some(hash) = source[at..end].find('#') {
        let from = at + hash;
        let to = source[from..end].find('\n').map_or(end, |n| from + n);
        painted.push((from, to, COMMENT));
        at = to;
    }
}

/// The string prefix letters (`r`, `f`, `rb`, …) a literal may start with.
fn string_prefix_len(slice: &str) -> usize {
    slice.len()
        - slice
            .trim_start_matches(|c: char| "rRbBuUfF".contains(c))
            .len()
}

/// A string literal, complete or not: at most two prefix letters, then a quote.
fn starts_string(slice: &str) -> bool {
    let prefix = string_prefix_len(slice);
    prefix <= 2 && slice[prefix..].starts_with(['\'', '"'])
}

/// Only the opening quotes: the lexer could not find where the string ends.
fn is_bare_opener(slice: &str) -> bool {
    matches!(
        &slice[string_prefix_len(slice)..],
        "'" | "\"" | "'''" | "\"\"\""
    )
}

/// Where the string opened by `opener` at `start` ends: after its closing quote, or at
/// the end of the line (one quote) or of the input (three) when it is unterminated.
fn string_end(source: &str, start: usize, opener: &str) -> usize {
    let quote = &opener.as_bytes()[string_prefix_len(opener)..];
    let bytes = source.as_bytes();
    let mut i = start + opener.len();
    // Byte-wise, so that skipping an escaped character never splits a UTF-8 sequence
    // in a slice; every position returned is at a quote or a newline.
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if quote.len() == 1 => return i,
            _ if bytes[i..].starts_with(quote) => return i + quote.len(),
            _ => i += 1,
        }
    }
    source.len()
}

/// The part of the coloured `source` ranges that falls on `line` (which starts at
/// byte `offset` of the source), rendered with escape codes.
fn paint(line: &str, offset: usize, painted: &[Painted]) -> String {
    let mut out = String::with_capacity(line.len() + 16 * painted.len());
    let mut at = 0;
    for &(start, end, colour) in painted {
        let start = start.saturating_sub(offset).min(line.len());
        let end = end.saturating_sub(offset).min(line.len());
        if start >= end || start < at {
            continue;
        }
        out.push_str(&line[at..start]);
        out.push_str(colour);
        out.push_str(&line[start..end]);
        out.push_str(RESET);
        at = end;
    }
    out.push_str(&line[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(coloured: &str) -> String {
        let mut out = String::new();
        let mut chars = coloured.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|&c| c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    fn coloured(text: &str, colour: &str) -> String {
        format!("{colour}{text}{RESET}")
    }

    #[test]
    fn keywords_strings_numbers_comments() {
        let line = "def f(x): return 'a' + 1.5  # done";
        let out = highlight("", line);
        assert!(out.starts_with(&coloured("def", KEYWORD)), "{out:?}");
        assert!(out.contains(&coloured("return", KEYWORD)));
        assert!(out.contains(&coloured("'a'", STRING)));
        assert!(out.contains(&coloured("1.5", NUMBER)));
        assert!(out.ends_with(&coloured("# done", COMMENT)));
        assert_eq!(strip(&out), line);
    }

    #[test]
    fn names_are_left_alone() {
        assert_eq!(highlight("", "total = sum(xs)"), "total = sum(xs)");
    }

    #[test]
    fn a_hash_inside_a_string_is_not_a_comment() {
        let out = highlight("", "s = '#no' # yes");
        assert!(out.contains(&coloured("'#no'", STRING)));
        assert!(out.contains(&coloured("# yes", COMMENT)));
    }

    #[test]
    fn unterminated_strings_are_coloured_to_the_end() {
        let out = highlight("", "s = 'abc");
        assert!(out.ends_with(&coloured("'abc", STRING)), "{out:?}");
        assert_eq!(strip(&out), "s = 'abc");
    }

    #[test]
    fn lines_inside_a_triple_quoted_string() {
        let out = highlight("s = '''first", "if not a keyword here");
        assert_eq!(out, coloured("if not a keyword here", STRING));
        let out = highlight("s = '''first", "end''' if x else y");
        assert!(out.starts_with(&coloured("end'''", STRING)), "{out:?}");
        assert!(out.contains(&coloured("if", KEYWORD)));
    }

    #[test]
    fn display_text_is_unchanged_for_odd_input() {
        for line in [
            "x = $ 1",
            "é = 'ü' # ö",
            "f'{x!r}'",
            "b'x'",
            "\\",
            "1e5 + 0x1f",
        ] {
            assert_eq!(strip(&highlight("", line)), line);
        }
    }
}
