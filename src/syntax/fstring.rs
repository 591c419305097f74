//! f-string bodies: literal text with `{{`/`}}`, and `{expr!conv:spec}` fields whose
//! expressions are parsed by the real parser at their true offsets in the file.

use super::ast::FPart;
use super::parser::parse_fragment;
use super::token::decode_escapes;
use crate::diag::{ExcKind, PyError};
use crate::source::{FileId, Span};
use std::sync::Arc;

/// Splits an f-string body (raw text starting at byte `offset` of the file).
pub fn parse(body: &str, raw: bool, offset: usize, file: FileId) -> Result<Vec<FPart>, PyError> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                literal.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                literal.push('}');
                i += 2;
            }
            b'}' => {
                return Err(error(
                    "f-string: single '}' is not allowed",
                    file,
                    offset + i,
                ))
            }
            b'{' => {
                flush_literal(&mut parts, &mut literal, raw, file, offset + i)?;
                let (part, end) = parse_field(body, i, offset, file, raw)?;
                parts.push(part);
                i = end;
            }
            _ => {
                let ch_len = body[i..].chars().next().map_or(1, char::len_utf8);
                literal.push_str(&body[i..i + ch_len]);
                i += ch_len;
            }
        }
    }
    flush_literal(&mut parts, &mut literal, raw, file, offset + i)?;
    Ok(parts)
}

fn flush_literal(
    parts: &mut Vec<FPart>,
    literal: &mut String,
    raw: bool,
    file: FileId,
    at: usize,
) -> Result<(), PyError> {
    if literal.is_empty() {
        return Ok(());
    }
    let text = if raw {
        std::mem::take(literal)
    } else {
        let decoded =
            decode_escapes(literal).map_err(|_| error("invalid escape in f-string", file, at))?;
        literal.clear();
        decoded
    };
    parts.push(FPart::Lit(Arc::from(text)));
    Ok(())
}

/// Parses the field that opens at `start` (a `{`); returns it and the index after `}`.
fn parse_field(
    body: &str,
    start: usize,
    offset: usize,
    file: FileId,
    raw: bool,
) -> Result<(FPart, usize), PyError> {
    let expr_start = start + 1;
    let expr_end = scan_expression_end(body, expr_start)
        .ok_or_else(|| error("f-string: expecting '}'", file, offset + start))?;
    let text = &body[expr_start..expr_end];
    if text.trim().is_empty() {
        return Err(error(
            "f-string: empty expression not allowed",
            file,
            offset + start,
        ));
    }
    let expr = parse_fragment(text, file, offset + expr_start)?;
    let mut i = expr_end;
    let bytes = body.as_bytes();
    let mut conversion = None;
    if bytes.get(i) == Some(&b'!') {
        match bytes.get(i + 1) {
            Some(&c @ (b'r' | b's' | b'a')) => conversion = Some(c as char),
            _ => {
                return Err(error(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    file,
                    offset + i,
                ))
            }
        }
        i += 2;
    }
    let mut spec = Vec::new();
    if bytes.get(i) == Some(&b':') {
        let spec_end = scan_spec_end(body, i + 1)
            .ok_or_else(|| error("f-string: expecting '}'", file, offset + start))?;
        spec = parse(&body[i + 1..spec_end], raw, offset + i + 1, file)?;
        i = spec_end;
    }
    if bytes.get(i) != Some(&b'}') {
        return Err(error("f-string: expecting '}'", file, offset + start));
    }
    Ok((
        FPart::Expr {
            expr,
            conversion,
            spec,
        },
        i + 1,
    ))
}

/// End of the expression part of a field: the first `!`, `:` or `}` outside brackets
/// and strings (a `!=` is an operator, not a conversion).
fn scan_expression_end(body: &str, mut i: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let c = bytes[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            b'\'' | b'"' => quote = Some(c),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' if depth > 0 => depth -= 1,
            b'}' => return Some(i),
            b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => return Some(i),
            b':' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// End of a format spec: the `}` that closes the field (specs may nest `{fields}`).
fn scan_spec_end(body: &str, mut i: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Some(i),
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn error(message: &str, file: FileId, at: usize) -> PyError {
    PyError::at_span(ExcKind::SyntaxError, message, Span::new(file, at, at + 1))
}
