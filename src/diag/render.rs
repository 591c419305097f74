//! Turns a [`PyError`] into the text users read: a Python-style traceback with
//! file, line and column per frame, the source line and carets under the span.

use super::PyError;
use crate::source::{SourceMap, Span};
use std::fmt::Write;

/// The full report for an uncaught error, ending with the `Kind: message` line.
pub fn render(err: &PyError, sources: &SourceMap) -> String {
    let inner = err.inner();
    let mut out = String::new();
    if inner.kind.is_syntax() {
        if let Some(span) = inner.span {
            write_location(&mut out, sources, span, None);
        }
    } else {
        let frames: Vec<_> = inner.traceback.iter().rev().collect();
        if !frames.is_empty() || inner.span.is_some() {
            out.push_str("Traceback (most recent call last):\n");
        }
        write_frames(&mut out, sources, &frames);
        if let Some(span) = inner.span {
            write_location(&mut out, sources, span, None);
        }
    }
    out.push_str(&err.summary());
    out.push('\n');
    out
}

/// Frames, outermost first. A run of identical frames (deep recursion) is shown
/// three times and then counted, as CPython does.
fn write_frames(out: &mut String, sources: &SourceMap, frames: &[&super::Frame]) {
    const SHOWN: usize = 3;
    let mut i = 0;
    while i < frames.len() {
        let same = |f: &&super::Frame| f.span == frames[i].span && f.name == frames[i].name;
        let run = frames[i..].iter().take_while(|f| same(f)).count();
        for _ in 0..run.min(SHOWN) {
            write_location(out, sources, frames[i].span, Some(&frames[i].name));
        }
        if run > SHOWN {
            let more = run - SHOWN;
            let s = if more == 1 { "" } else { "s" };
            let _ = writeln!(out, "  [Previous line repeated {more} more time{s}]");
        }
        i += run;
    }
}

/// `  File "name", line L, column C[, in frame]` then the source line and carets.
fn write_location(out: &mut String, sources: &SourceMap, span: Span, frame: Option<&str>) {
    let Some(file) = sources.get(span.file) else {
        return;
    };
    let (line, col) = file.line_col(span.start);
    let _ = write!(out, "  File \"{}\", line {line}, column {col}", file.name);
    if let Some(name) = frame {
        let _ = write!(out, ", in {name}");
    }
    out.push('\n');
    let text = file.line_text(line);
    if text.trim().is_empty() {
        return;
    }
    let indent = text.len() - text.trim_start().len();
    let shown = text.trim();
    let _ = writeln!(out, "    {shown}");
    let line_chars = text.chars().count();
    // A span inside the leading whitespace (an indentation error) points at the
    // statement, since the whitespace is not shown.
    let col = col.max(indent + 1);
    let (end_line, end_col) = file.line_col(span.end.max(span.start));
    let end_col = if end_line == line {
        end_col
    } else {
        line_chars + 1
    };
    let start = (col - 1).saturating_sub(indent);
    let width = end_col.saturating_sub(col).max(1);
    let width = width.min(shown.chars().count().saturating_sub(start).max(1));
    let _ = writeln!(out, "    {}{}", " ".repeat(start), "^".repeat(width));
}
