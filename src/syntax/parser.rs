//! Runs the lalrpop parser over the layout pass's tokens and turns its errors into
//! Python's wording ("expected ':'", "unexpected indent", "invalid syntax").

use super::ast::{Expr, Module, StmtKind};
use super::layout::Layout;
use super::token::Tok;
use crate::diag::{ExcKind, PyError};
use crate::source::{FileId, Span};
use lalrpop_util::{lalrpop_mod, ParseError};
use logos::Logos;

lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, dead_code)]
    grammar,
    "/pgs.rs"
);

/// Parses a whole file (or `-c` code, or one REPL input).
pub fn parse_module(source: &str, file: FileId) -> Result<Module, PyError> {
    let tokens = Layout::new(source, file, Tok::StartFile);
    grammar::TopParser::new()
        .parse(file, tokens)
        .map_err(|e| explain_unclosed_bracket(convert_error(e, file, source.len()), source))
}

/// A parse error on a line after a bracket that is still open is really that
/// bracket's fault (`total = sum(values` then a new statement): say so, as CPython
/// does, at the bracket.
fn explain_unclosed_bracket(err: PyError, source: &str) -> PyError {
    let Some(span) = err.span() else {
        return err;
    };
    if err.kind() != ExcKind::SyntaxError || err.message().ends_with("was never closed") {
        return err;
    }
    let at = (span.start as usize).min(source.len());
    let mut open: Vec<(usize, Tok)> = Vec::new();
    let mut lexer = Tok::lexer(&source[..at]);
    while let Some(tok) = lexer.next() {
        match tok {
            Ok(t @ (Tok::LParen | Tok::LBracket | Tok::LBrace)) => {
                open.push((lexer.span().start, t))
            }
            Ok(Tok::RParen | Tok::RBracket | Tok::RBrace) => {
                open.pop();
            }
            _ => {}
        }
    }
    match open.last() {
        Some((offset, tok)) if source[*offset..at].contains('\n') => PyError::at_span(
            ExcKind::SyntaxError,
            format!("{tok} was never closed"),
            Span::new(span.file, *offset, offset + 1),
        ),
        _ => err,
    }
}

/// Parses one expression embedded at byte `offset` of a file (an f-string field).
pub fn parse_fragment(source: &str, file: FileId, offset: usize) -> Result<Expr, PyError> {
    // Python parses f-string fields as if parenthesised, so newlines inside are fine.
    let tokens = Layout::new(source, file, Tok::StartExpr)
        .filter(|t| !matches!(t, Ok((_, Tok::Newline | Tok::Indent | Tok::Dedent, _))))
        .map(move |t| t.map(|(l, tok, r)| (l + offset, tok, r + offset)));
    let module = grammar::TopParser::new()
        .parse(file, tokens)
        .map_err(|e| convert_error(e, file, offset + source.len()))?;
    match module.body.into_iter().next().map(|s| s.kind) {
        Some(StmtKind::Expr(e)) => Ok(e),
        _ => Err(PyError::at_span(
            ExcKind::SyntaxError,
            "f-string: expecting an expression",
            Span::new(file, offset, offset + source.len()),
        )),
    }
}

fn convert_error(err: ParseError<usize, Tok<'_>, PyError>, file: FileId, len: usize) -> PyError {
    match err {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => PyError::at_span(
            ExcKind::SyntaxError,
            "invalid token",
            Span::new(file, location, location + 1),
        ),
        ParseError::UnrecognizedEof { location, expected } => {
            let (kind, message) = if expects_only_indent(&expected) {
                (ExcKind::IndentationError, "expected an indented block")
            } else {
                (ExcKind::SyntaxError, "unexpected EOF while parsing")
            };
            PyError::at_span(
                kind,
                message,
                Span::new(file, location.min(len), location.min(len)),
            )
        }
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            let span = Span::new(file, l, r.max(l + 1).min(len.max(l + 1)));
            let (kind, message) = unexpected_token_message(&tok, &expected);
            PyError::at_span(kind, message, span)
        }
        ParseError::ExtraToken { token: (l, _, r) } => PyError::at_span(
            ExcKind::SyntaxError,
            "invalid syntax",
            Span::new(file, l, r),
        ),
    }
}

fn expects_only_indent(expected: &[String]) -> bool {
    !expected.is_empty() && expected.iter().all(|e| e == "\"INDENT\"")
}

/// CPython's message for the common cases; lalrpop's list of every acceptable token
/// would only confuse.
fn unexpected_token_message(tok: &Tok<'_>, expected: &[String]) -> (ExcKind, String) {
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);
    match tok {
        Tok::Indent => (ExcKind::IndentationError, "unexpected indent".into()),
        _ if expects_only_indent(expected) => (
            ExcKind::IndentationError,
            "expected an indented block".into(),
        ),
        Tok::Reserved(word) => (
            ExcKind::SyntaxError,
            format!("'{word}' is not supported in pgs (see docs/language.md)"),
        ),
        _ if expects(":") && expected.len() <= 4 => (ExcKind::SyntaxError, "expected ':'".into()),
        Tok::Newline if expects("=") || expects("(") => {
            (ExcKind::SyntaxError, "invalid syntax".into())
        }
        Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str(_) if expects(",") => (
            ExcKind::SyntaxError,
            "invalid syntax. Perhaps you forgot a comma?".into(),
        ),
        _ => (ExcKind::SyntaxError, "invalid syntax".into()),
    }
}
