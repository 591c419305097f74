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

/// What a long REPL session keeps for each input is small and in few allocations:
/// eight bytes in `entries` and the name's characters in `names`, with no
/// allocation of its own (a boxed name and a 32-byte entry per input were most of
/// the source map's growth in tests/soak.rs).
#[derive(Debug, Default)]
struct Files {
    /// Each file by `FileId`.
    entries: Vec<Entry>,
    /// Every file's name, one after another.
    names: String,
    /// Every distinct text, by first appearance.
    texts: Vec<Arc<str>>,
    /// Where each text is in `texts`.
    text_index: std::collections::HashMap<Arc<str>, u32, ahash::RandomState>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the file's name ends in `names`; it starts where the previous one ends.
    name_end: u32,
    /// The file's text in `texts`.
    text: u32,
}

impl SourceMap {
    pub fn add(&self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text: String = text.into();
        let name: String = name.into();
        let mut files = self.files.write();
        let files = &mut *files;
        let text = match files.text_index.get(text.as_str()) {
            Some(&known) => known,
            None => {
                let new: Arc<str> = Arc::from(text);
                let index = files.texts.len() as u32;
                files.texts.push(new.clone());
                files.text_index.insert(new, index);
                index
            }
        };
        // Names past 4 GiB in all (hundreds of millions of inputs) are left empty.
        if u32::try_from(files.names.len() + name.len()).is_ok() {
            files.names.push_str(&name);
        }
        let name_end = files.names.len() as u32;
        files.entries.push(Entry { name_end, text });
        (files.entries.len() - 1) as FileId
    }

    pub fn get(&self, id: FileId) -> Option<SourceFile> {
        let files = self.files.read();
        let id = id as usize;
        let entry = files.entries.get(id)?;
        let name_start = match id {
            0 => 0,
            _ => files.entries[id - 1].name_end as usize,
        };
        let name = &files.names[name_start..entry.name_end as usize];
        let text = files.texts[entry.text as usize].clone();
        Some(SourceFile::new(name, text))
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
    fn a_source_map_keeps_every_name_and_each_distinct_text_once() {
        let map = SourceMap::default();
        let a = map.add("<stdin-1>", "x = 1\n");
        let b = map.add("<stdin-2>", "x\n");
        let c = map.add("<stdin-3>", "x = 1\n");
        let d = map.add("", "");
        let e = map.add("script.pgs", "print(x)\n");
        let shown = |id| {
            let file = map.get(id).expect("added");
            (file.name, file.text.to_string())
        };
        assert_eq!(shown(a), ("<stdin-1>".into(), "x = 1\n".into()));
        assert_eq!(shown(b), ("<stdin-2>".into(), "x\n".into()));
        assert_eq!(shown(c), ("<stdin-3>".into(), "x = 1\n".into()));
        assert_eq!(shown(d), (String::new(), String::new()));
        assert_eq!(shown(e), ("script.pgs".into(), "print(x)\n".into()));
        assert!(map.get(e + 1).is_none());
        let again = map.get(c).expect("added").text;
        let files = map.files.read();
        assert_eq!(files.texts.len(), 4, "the repeated text is stored once");
        assert!(Arc::ptr_eq(&files.texts[0], &again));
    }

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
