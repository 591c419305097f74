//! Source files and positions: `FileId`, `Span` and the `SourceMap` that turns byte
//! offsets into line/column for diagnostics and tracebacks.

use std::sync::Arc;

/// Index of a source text in the session's [`SourceMap`] (a script, `-c` code, or one
/// REPL input).
pub type FileId = u32;

/// A byte range in one source file. Every AST node carries one; tasks carry the span
/// of the expression that created them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One source text with its name. Line starts are found when a position is asked for
/// (only diagnostics and graph labels ask), so a session's many REPL inputs cost
/// their text and little more.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Byte offsets where lines start.
    fn line_starts(&self) -> Vec<u32> {
        std::iter::once(0)
            .chain(self.text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect()
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let starts = self.line_starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(0, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let rest = &self.text[start as usize..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].trim_end_matches('\r')
    }
}

/// Every source text a session has seen. Append-only, so a `FileId` stays valid for
/// the session's life (functions defined in an old REPL input still point into it).
/// Clones share the same files: the interpreter holds one so that graph views and
/// profiles can name the source line of an operation. A text typed again (a line
/// recalled from history) is stored once.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Arc<parking_lot::RwLock<Files>>,
}

#[derive(Debug, Default)]
struct Files {
    /// Name and text of each file, by `FileId`.
    entries: Vec<(Box<str>, Arc<str>)>,
    /// Every distinct text, shared by the entries that have it.
    texts: std::collections::HashSet<Arc<str>, ahash::RandomState>,
}

impl SourceMap {
    pub fn add(&self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text: String = text.into();
        let mut files = self.files.write();
        let shared = match files.texts.get(text.as_str()) {
            Some(known) => known.clone(),
            None => {
                let new: Arc<str> = Arc::from(text);
                files.texts.insert(new.clone());
                new
            }
        };
        files.entries.push((name.into().into_boxed_str(), shared));
        (files.entries.len() - 1) as FileId
    }

    pub fn get(&self, id: FileId) -> Option<SourceFile> {
        let files = self.files.read();
        let (name, text) = files.entries.get(id as usize)?;
        Some(SourceFile::new(name.to_string(), text.clone()))
    }

    /// `file:line` of a span, as graph views and profiles label an operation; `?`
    /// for a span no file knows (values built by pgs itself).
    pub fn place(&self, span: Span) -> String {
        match self.get(span.file) {
            // A default span was never set by the interpreter (a node pgs built).
            Some(file) if span != Span::default() => {
                let (line, _) = file.line_col(span.start);
                format!("{}:{line}", file.name)
            }
            _ => "?".to_string(),
        }
    }
}

/// A script file's bytes as text. pgs source is UTF-8; anything else is refused with
/// the offset of the first bad byte (what `pgs FILE` reports for such a file).
///
/// # Errors
/// The message for the user when `bytes` are not valid UTF-8.
pub fn script_text(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(at).copied().unwrap_or_default();
        format!("can't open file '{path}': not valid UTF-8 (byte 0x{byte:02x} at offset {at})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let f = SourceFile::new("t", "ab\nçd\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.line_text(2), "çd");
        assert_eq!(f.line_text(9), "");
    }
}
