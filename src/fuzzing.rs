//! The drivers behind the cargo-fuzz targets (`fuzz/fuzz_targets/`) and their corpus
//! replay test (`tests/fuzz_corpus.rs`): one function per target, so the fuzzers and
//! `cargo test` run every input through the same code paths and budgets. Not part of
//! pgs's interface.
//!
//! A driver returns normally when pgs behaved (a value or a Python exception) and
//! panics when it did not: a panic, an internal error or a broken invariant.

use crate::diag::render::render;
use crate::diag::{ExcKind, PyError};
use crate::eval::resolve::{resolve_module, GlobalNames};
use crate::session::{Options, Session};
use crate::source::SourceMap;
use crate::syntax::layout::{is_incomplete, Layout};
use crate::syntax::token::Tok;
use logos::Logos;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Memory one array computation may hold under fuzzing (`PGS_MEMORY_LIMIT`): far
/// below libFuzzer's `-rss_limit_mb`, so a large request must be a MemoryError.
pub const MEMORY_LIMIT_BYTES: usize = 256 << 20;

/// Worker threads for `compute()` in a fuzzed session.
pub const THREADS: usize = 2;

/// How long a fuzzed program runs before the watchdog interrupts it (the fuzzers';
/// the replay test uses a shorter one).
pub const EVAL_BUDGET: Duration = Duration::from_millis(100);

/// How often the watchdog raises the cancel flag again once the budget is spent.
const WATCHDOG_REPEAT: Duration = Duration::from_millis(2);

/// Stack for parsing and resolving, as `Session::run` has: nesting limits, not the
/// stack, bound the recursion of the parser's consumers.
const PARSE_STACK_BYTES: usize = 1 << 30;

/// The file name fuzzed source is registered under.
const NAME: &str = "<fuzz>";

/// Calls deeper than this raise RecursionError in a fuzzed program (CPython's 1000
/// would only make runaway recursion slower to reach the same error).
pub const RECURSION_LIMIT: usize = 250;

/// Sets the environment and limits the drivers expect: `PGS_MEMORY_LIMIT` (unless the
/// caller set it) and [`RECURSION_LIMIT`]. Call it once, before any session exists
/// and before other threads start: pgs reads the memory limit once per process.
pub fn init() {
    if std::env::var_os("PGS_MEMORY_LIMIT").is_none() {
        std::env::set_var("PGS_MEMORY_LIMIT", MEMORY_LIMIT_BYTES.to_string());
    }
    if let Err(e) = crate::limits::set_recursion(RECURSION_LIMIT) {
        panic!("{e}");
    }
}

/// The `lex` target: the raw logos tokens, the layout pass (as a file and as an
/// f-string field), the REPL's completeness check and colouring, and the error report.
/// Bytes that are not UTF-8 take the CLI's path (refused with a message); their lossy
/// decoding is lexed too.
pub fn lex(data: &[u8]) {
    match std::str::from_utf8(data) {
        Ok(text) => lex_text(text),
        Err(_) => {
            let message = match crate::source::script_text(NAME, data.to_vec()) {
                Ok(_) => panic!("invalid UTF-8 accepted as a script"),
                Err(message) => message,
            };
            assert!(message.contains("not valid UTF-8"), "{message}");
            lex_text(&String::from_utf8_lossy(data));
        }
    }
}

fn lex_text(text: &str) {
    let mut raw = Tok::lexer(text);
    while raw.next().is_some() {
        check_range(text, raw.span().start, raw.span().end, "raw token");
    }
    let sources = SourceMap::default();
    let file = sources.add(NAME, text);
    for start in [Tok::StartFile, Tok::StartExpr] {
        for item in Layout::new(text, file, start) {
            match item {
                Ok((l, _, r)) => check_range(text, l, r, "layout token"),
                Err(e) => {
                    report(&e, &sources);
                    let _ = is_incomplete(&e);
                    break;
                }
            }
        }
    }
    let _ = crate::repl::input_is_complete(text);
    let (context, line) = text.rsplit_once('\n').unwrap_or(("", text));
    let painted = crate::repl::highlight::highlight(context, line);
    if !text.contains('\x1b') {
        assert_eq!(
            strip_colour(&painted),
            line,
            "highlighting changed the line's text"
        );
    }
}

/// The `parse` target: the parser, then the resolver on what parses; errors are
/// rendered as the CLI would.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    on_big_stack(|| {
        let sources = SourceMap::default();
        let file = sources.add(NAME, text);
        match crate::syntax::parse(text, file) {
            Ok(mut module) => {
                if let Err(e) = resolve_module(&mut module, &mut GlobalNames::default()) {
                    report(&e, &sources);
                }
            }
            Err(e) => {
                assert!(
                    e.kind().is_syntax() || e.kind() == ExcKind::RecursionError,
                    "the parser raised {}",
                    e.summary()
                );
                report(&e, &sources);
            }
        }
    });
}

/// The `eval` target: the whole program in a fresh session writing to a sink, stopped
/// by a watchdog after `budget` (a KeyboardInterrupt, a normal outcome). Arrays are
/// bounded by `PGS_MEMORY_LIMIT` (see [`init`]). Returns how the program ended.
pub fn eval(data: &[u8], budget: Duration) -> Option<Result<(), PyError>> {
    let text = std::str::from_utf8(data).ok()?;
    let mut session = Session::new(
        Options {
            argv: vec![NAME.to_string()],
            threads: THREADS,
            ..Options::default()
        },
        Box::new(std::io::sink()),
    );
    let cancel = session.cancel_flag();
    let (done, finished) = mpsc::channel::<()>();
    let watchdog = std::thread::Builder::new()
        .name("pgs-fuzz-watchdog".into())
        .spawn(move || {
            // What Ctrl-C does (`interrupt::install`): raise the session's flag and the
            // process-wide one that eager array work watches. `Session::run` clears
            // both when evaluation starts, so keep raising them until the end.
            let mut wait = budget;
            while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(wait) {
                crate::interrupt::INTERRUPTED.store(true, Ordering::SeqCst);
                cancel.store(true, Ordering::SeqCst);
                wait = WATCHDOG_REPEAT;
            }
        })
        .expect("start the watchdog thread");
    let result = session.run(NAME, text);
    drop(done);
    let _ = watchdog.join();
    if let Err(e) = &result {
        let shown = session.render_error(e);
        assert!(e.kind() != ExcKind::InternalError, "{shown}");
    }
    // `sys.argv` is one list per process, as Python's `sys` module is one object:
    // empty it so that what one input appends does not pile up over a fuzzing run.
    let reset = session.run(
        "<fuzz-reset>",
        "import sys as _fuzz_sys\n_fuzz_sys.argv.clear()\n",
    );
    if let Err(e) = reset {
        panic!("resetting sys.argv failed: {}", session.render_error(&e));
    }
    Some(result)
}

/// The CLI's report of an error; it must mention the error's kind.
fn report(err: &PyError, sources: &SourceMap) {
    let shown = render(err, sources);
    assert!(
        shown.contains(err.kind().name()),
        "the report lacks the error's kind: {shown}"
    );
}

fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside the source ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} splits a character"
    );
}

/// `s` without ANSI colour codes (`ESC [ … m`).
fn strip_colour(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs `f` on a thread with the evaluation thread's stack size; a panic in `f` is
/// re-raised here.
fn on_big_stack(f: impl FnOnce() + Send) {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("pgs-fuzz-parse".into())
            .stack_size(PARSE_STACK_BYTES)
            .spawn_scoped(scope, f)
            .expect("start the parse thread");
        if let Err(panic) = handle.join() {
            std::panic::resume_unwind(panic);
        }
    });
}
