//! The rustyline helper: decides when an input is complete (with the real layout
//! lexer, as Python's REPL does), completes names, and highlights keywords.

use crate::syntax::layout::{is_incomplete, Layout};
use crate::syntax::token::Tok;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

pub struct PgsHelper {
    names: Vec<String>,
}

impl PgsHelper {
    pub fn new() -> PgsHelper {
        PgsHelper { names: Vec::new() }
    }

    pub fn update_names(&mut self, names: Vec<String>) {
        self.names = names;
    }
}

/// Python's rule: keep reading while brackets or a triple-quoted string are open,
/// after a line ending in ':', and inside an indented block until a blank line.
pub fn input_is_complete(input: &str) -> bool {
    for token in Layout::new(input, 0, Tok::StartFile) {
        if let Err(e) = token {
            return !is_incomplete(&e);
        }
    }
    let last = input.lines().last().unwrap_or("");
    let code = last.split('#').next().unwrap_or("").trim_end();
    if code.ends_with(':') || code.ends_with('\\') {
        return false;
    }
    let in_block = input.lines().count() > 1
        && input
            .lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with(':'));
    !in_block || last.trim().is_empty()
}

impl Validator for PgsHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if input_is_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "continue", "def", "del", "elif",
    "else", "for", "from", "if", "import", "in", "is", "lambda", "not", "or", "pass", "return",
    "while",
];

impl Completer for PgsHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = line[..pos]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let prefix = &line[start..pos];
        let mut matches: Vec<Pair> = self
            .names
            .iter()
            .map(String::as_str)
            .chain(KEYWORDS.iter().copied())
            .filter(|n| n.starts_with(prefix) && !prefix.is_empty())
            .map(|n| Pair {
                display: n.to_string(),
                replacement: n.to_string(),
            })
            .collect();
        matches.sort_by(|a, b| a.display.cmp(&b.display));
        matches.dedup_by(|a, b| a.display == b.display);
        Ok((start, matches))
    }
}

impl Hinter for PgsHelper {
    type Hint = String;
}

impl Highlighter for PgsHelper {}

impl Helper for PgsHelper {}
