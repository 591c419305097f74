//! The layout pass: raw logos tokens → the token stream the grammar reads, with
//! NEWLINE/INDENT/DEDENT from indentation (Python's tab and space rules), newlines
//! inside brackets dropped (implicit line joining), blank and comment lines ignored,
//! and the end of input flushed (final NEWLINE, one DEDENT per open block).

use super::token::{LexErrorKind, Tok};
use crate::diag::{ExcKind, PyError};
use crate::source::{FileId, Span};
use logos::Logos;
use std::collections::VecDeque;

/// A token with its byte range: the triple lalrpop's external lexers produce.
pub type Spanned<'s> = (usize, Tok<'s>, usize);

/// An indentation measured two ways: with tabs to multiples of 8 and of 1. Python
/// calls a pair of lines inconsistent when the two measures order them differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Indentation {
    col8: usize,
    col1: usize,
}

pub struct Layout<'s> {
    lexer: logos::Lexer<'s, Tok<'s>>,
    file: FileId,
    indents: Vec<Indentation>,
    brackets: Vec<(Tok<'s>, usize)>,
    pending: VecDeque<Spanned<'s>>,
    at_line_start: bool,
    last_was_newline: bool,
    start_token: Option<Tok<'s>>,
    done: bool,
}

impl<'s> Layout<'s> {
    pub fn new(source: &'s str, file: FileId, start_token: Tok<'s>) -> Layout<'s> {
        Layout {
            lexer: Tok::lexer(source),
            file,
            indents: vec![Indentation { col8: 0, col1: 0 }],
            brackets: Vec::new(),
            pending: VecDeque::new(),
            at_line_start: true,
            last_was_newline: true,
            start_token: Some(start_token),
            done: false,
        }
    }

    fn error(
        &self,
        kind: ExcKind,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) -> PyError {
        PyError::at_span(kind, message, Span::new(self.file, start, end))
    }

    /// At the start of a logical line: measure its indentation and queue the
    /// INDENT/DEDENTs it implies. Blank and comment-only lines change nothing.
    fn handle_line_start(&mut self) -> Result<(), PyError> {
        self.at_line_start = false;
        let rest = self.lexer.remainder();
        let ws_len = rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
        let after = &rest[ws_len..];
        if after.is_empty() || after.starts_with(['\n', '\r', '#']) || after.starts_with("\\\n") {
            return Ok(());
        }
        let start = self.lexer.span().end;
        let here = measure(&rest[..ws_len]);
        self.lexer.bump(ws_len);
        let line_start = start + ws_len;
        let top = *self
            .indents
            .last()
            .expect("the indent stack keeps its base level");
        if here == top {
            return Ok(());
        }
        if here.col8 > top.col8 {
            if here.col1 <= top.col1 {
                return Err(self.tab_error(start, line_start));
            }
            self.indents.push(here);
            self.pending.push_back((start, Tok::Indent, line_start));
            return Ok(());
        }
        while self.indents.last().is_some_and(|t| here.col8 < t.col8) {
            self.indents.pop();
            self.pending
                .push_back((line_start, Tok::Dedent, line_start));
        }
        let top = *self.indents.last().expect("base level is 0, never popped");
        if here.col8 != top.col8 {
            return Err(self.error(
                ExcKind::IndentationError,
                "unindent does not match any outer indentation level",
                start,
                line_start,
            ));
        }
        if here.col1 != top.col1 {
            return Err(self.tab_error(start, line_start));
        }
        Ok(())
    }

    fn tab_error(&self, start: usize, end: usize) -> PyError {
        self.error(
            ExcKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
            start,
            end,
        )
    }

    /// End of input: unclosed brackets are an error; otherwise close the last line and
    /// every open block.
    fn finish(&mut self) -> Result<(), PyError> {
        self.done = true;
        let end = self.lexer.source().len();
        if let Some((open, at)) = self.brackets.last() {
            return Err(self.error(
                ExcKind::SyntaxError,
                format!("{open} was never closed"),
                *at,
                at + 1,
            ));
        }
        if !self.last_was_newline {
            self.pending.push_back((end, Tok::Newline, end));
        }
        for _ in 1..self.indents.len() {
            self.pending.push_back((end, Tok::Dedent, end));
        }
        Ok(())
    }

    fn track_bracket(&mut self, tok: &Tok<'s>, start: usize, end: usize) -> Result<(), PyError> {
        let closer = match tok {
            Tok::LParen | Tok::LBracket | Tok::LBrace => {
                // The nesting limit (200 by default, as CPython's parser) keeps every
                // later recursive pass far from the stack's end.
                if self.brackets.len() >= crate::limits::nesting() {
                    return Err(self.error(
                        ExcKind::SyntaxError,
                        "too many nested parentheses",
                        start,
                        end,
                    ));
                }
                self.brackets.push((tok.clone(), start));
                return Ok(());
            }
            Tok::RParen => Tok::LParen,
            Tok::RBracket => Tok::LBracket,
            Tok::RBrace => Tok::LBrace,
            _ => return Ok(()),
        };
        match self.brackets.pop() {
            Some((open, _)) if open == closer => Ok(()),
            Some((open, _)) => Err(self.error(
                ExcKind::SyntaxError,
                format!("closing parenthesis {tok} does not match opening parenthesis {open}"),
                start,
                end,
            )),
            None => Err(self.error(ExcKind::SyntaxError, format!("unmatched {tok}"), start, end)),
        }
    }

    fn lex_error(&self, kind: LexErrorKind, start: usize, end: usize) -> PyError {
        let slice = &self.lexer.source()[start..end];
        let message = match kind {
            // CPython calls a stray ASCII character plain invalid syntax and names
            // only non-ASCII ones.
            LexErrorKind::InvalidCharacter => match slice.chars().next() {
                Some(c) if !c.is_ascii() => {
                    format!("invalid character '{c}' (U+{:04X})", c as u32)
                }
                _ => "invalid syntax".to_string(),
            },
            LexErrorKind::UnterminatedString => {
                "unterminated string literal (detected at line {line})".to_string()
            }
            LexErrorKind::UnterminatedTripleQuoted => {
                "unterminated triple-quoted string literal (detected at line {line})".to_string()
            }
            LexErrorKind::BytesLiteral => "bytes literals are not supported in pgs".to_string(),
            LexErrorKind::IntTooLarge => {
                "integer literal too large: pgs ints are 64-bit".to_string()
            }
            LexErrorKind::BadNumber => "invalid decimal literal".to_string(),
            LexErrorKind::BadEscape(e) => format!("invalid escape sequence '{e}'"),
        };
        let line = self.lexer.source()[..end.min(self.lexer.source().len())]
            .matches('\n')
            .count()
            + 1;
        self.error(
            ExcKind::SyntaxError,
            message.replace("{line}", &line.to_string()),
            start,
            end,
        )
    }
}

/// Columns of leading whitespace with tab stops of 8 and of 1.
fn measure(ws: &str) -> Indentation {
    let mut ind = Indentation { col8: 0, col1: 0 };
    for c in ws.chars() {
        match c {
            '\t' => {
                ind.col8 = (ind.col8 / 8 + 1) * 8;
                ind.col1 += 1;
            }
            '\x0c' => {}
            _ => {
                ind.col8 += 1;
                ind.col1 += 1;
            }
        }
    }
    ind
}

impl<'s> Iterator for Layout<'s> {
    type Item = Result<Spanned<'s>, PyError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(tok) = self.start_token.take() {
            return Some(Ok((0, tok, 0)));
        }
        loop {
            if let Some(tok) = self.pending.pop_front() {
                self.last_was_newline = matches!(tok.1, Tok::Newline | Tok::Dedent);
                return Some(Ok(tok));
            }
            if self.done {
                return None;
            }
            if self.at_line_start && self.brackets.is_empty() {
                if let Err(e) = self.handle_line_start() {
                    self.done = true;
                    self.pending.clear();
                    return Some(Err(e));
                }
                if !self.pending.is_empty() {
                    continue;
                }
            }
            let Some(result) = self.lexer.next() else {
                if let Err(e) = self.finish() {
                    return Some(Err(e));
                }
                continue;
            };
            let range = self.lexer.span();
            let tok = match result {
                Ok(tok) => tok,
                Err(kind) => {
                    self.done = true;
                    return Some(Err(self.lex_error(kind, range.start, range.end)));
                }
            };
            if tok == Tok::Newline {
                if !self.brackets.is_empty() {
                    continue;
                }
                self.at_line_start = true;
                if self.last_was_newline {
                    continue;
                }
            }
            if let Err(e) = self.track_bracket(&tok, range.start, range.end) {
                self.done = true;
                return Some(Err(e));
            }
            self.last_was_newline = tok == Tok::Newline;
            return Some(Ok((range.start, tok, range.end)));
        }
    }
}

/// How an unfinished input ends, for the REPL's continuation prompt.
pub fn is_incomplete(err: &PyError) -> bool {
    let m = err.message();
    m.ends_with("was never closed") || m.starts_with("unterminated triple-quoted")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        Layout::new(src, 0, Tok::StartFile)
            .skip(1)
            .map(|t| match t {
                Ok((_, tok, _)) => match tok {
                    Tok::Newline => "NL".to_string(),
                    Tok::Indent => "IN".to_string(),
                    Tok::Dedent => "DE".to_string(),
                    Tok::Name(n) => n.to_string(),
                    other => other.symbol().to_string(),
                },
                Err(e) => format!("ERR {}", e.summary()),
            })
            .collect()
    }

    #[test]
    fn blocks_become_indent_and_dedent() {
        let toks = kinds("if a:\n    b\n\n    # c\n  \nd\n");
        assert_eq!(
            toks,
            ["if", "a", ":", "NL", "IN", "b", "NL", "DE", "d", "NL"]
        );
    }

    #[test]
    fn end_of_input_closes_blocks() {
        assert_eq!(
            kinds("if a:\n  if b:\n    c"),
            ["if", "a", ":", "NL", "IN", "if", "b", ":", "NL", "IN", "c", "NL", "DE", "DE"]
        );
    }

    #[test]
    fn brackets_join_lines() {
        assert_eq!(
            kinds("f(a,\n      b)\n"),
            ["f", "(", "a", ",", "b", ")", "NL"]
        );
    }

    #[test]
    fn bad_dedent_and_tabs_are_errors() {
        assert_eq!(
            kinds("if a:\n    b\n  c\n").last().map(String::as_str),
            Some("ERR IndentationError: unindent does not match any outer indentation level")
        );
        assert_eq!(
            kinds("if a:\n        b\n\tc\n").last().map(String::as_str),
            Some("ERR TabError: inconsistent use of tabs and spaces in indentation")
        );
    }

    #[test]
    fn unclosed_bracket_is_reported_at_the_bracket() {
        assert_eq!(
            kinds("print((1)\n").last().map(String::as_str),
            Some("ERR SyntaxError: '(' was never closed")
        );
    }
}
