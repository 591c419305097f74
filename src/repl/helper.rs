//! The rustyline helper: completion (`complete.rs`), colouring (`highlight.rs`), and
//! Tab at the start of a line indenting instead of completing, as in Python's REPL.

use super::complete::{self, Scope};
use super::highlight;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Cmd, ConditionalEventHandler, Context, Event, EventContext, Helper, RepeatCount};
use std::borrow::Cow;

/// What one indentation step inserts.
pub const INDENT: &str = "    ";

#[derive(Default)]
pub struct PgsHelper {
    scope: Scope,
    /// The earlier lines of the input being read (empty at the `>>> ` prompt).
    pending: String,
}

impl PgsHelper {
    /// The globals that completion offers and inspects.
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = scope;
    }

    /// Whether the program has bound `name` (so it is not a REPL command).
    pub fn has_global(&self, name: &str) -> bool {
        self.scope.contains(name)
    }

    /// The lines already read for this input, so a continuation line is coloured in
    /// context (inside a triple-quoted string, for one).
    pub fn set_pending(&mut self, pending: &str) {
        pending.clone_into(&mut self.pending);
    }
}

impl Completer for PgsHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(complete::complete(line, pos, &self.scope))
    }
}

impl Highlighter for PgsHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        Cow::Owned(highlight::highlight(&self.pending, line))
    }

    /// Recolour on every keystroke: typing one character can turn a name into a
    /// keyword or open a string that swallows the rest of the line.
    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        true
    }
}

impl Hinter for PgsHelper {
    type Hint = String;
}

// Continuation is decided by the read loop in `mod.rs`, one physical line at a time,
// so that every continuation line gets a real `... ` prompt: rustyline draws its
// prompt only before the first line of a multi-line buffer (and positions the cursor
// from the raw text, so a highlighter cannot draw one either). Accepting every line
// here keeps rustyline from growing such a buffer.
impl Validator for PgsHelper {}

impl Helper for PgsHelper {}

/// Tab with only whitespace before the cursor indents (Python's REPL does the same);
/// elsewhere it falls through to completion.
pub struct TabIndents;

impl ConditionalEventHandler for TabIndents {
    fn handle(&self, _: &Event, n: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let before = ctx.line().get(..ctx.pos()).unwrap_or("");
        let this_line = before.rsplit('\n').next().unwrap_or(before);
        this_line
            .trim()
            .is_empty()
            .then(|| Cmd::Insert(n, INDENT.to_string()))
    }
}
