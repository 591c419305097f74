//! The interactive prompt, as in Python: `>>> ` for a new input, `... ` while a block,
//! a bracket or a triple-quoted string is open. Each input runs in the session, which
//! echoes an expression's value; an error prints and every variable survives.
//! History persists in the user's state directory; Tab completes; Ctrl-C clears the
//! line (or, via the cancel flag `main.rs` sets, stops running code); Ctrl-D leaves.

mod complete;
mod helper;
pub(crate) mod highlight;
mod input;

pub use input::input_is_complete;

use crate::output::profile::duration;
use crate::sched::monitor::process_cpu_times;
use crate::session::Session;
use complete::Scope;
use helper::{PgsHelper, TabIndents};
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History as _};
use rustyline::{CompletionType, Config, Editor, EventHandler, KeyCode, KeyEvent, Modifiers};
use std::cell::Cell;
use std::fs::OpenOptions;
use std::io::{BufRead as _, BufReader, BufWriter, Seek as _, SeekFrom, Write as _};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

type LineEditor = Editor<PgsHelper, DefaultHistory>;

const PS1: &str = ">>> ";
const PS2: &str = "... ";

/// Enough to find last week's session, small enough to load instantly.
const HISTORY_ENTRIES: usize = 10_000;

const BANNER: &str = concat!(
    "pgs ",
    env!("CARGO_PKG_VERSION"),
    " — Python-flavoured, parallel, no GIL. :help for help, :quit or Ctrl-D to leave."
);

/// One complete thing the user typed.
enum Input {
    /// pgs source, ending in a newline.
    Code(String),
    Command(Command),
    /// Ctrl-C while typing: the input so far is dropped.
    Interrupted,
    /// Ctrl-D at the `>>> ` prompt.
    Eof,
}

/// The REPL's own `:commands` (never valid pgs, so they cannot shadow code).
enum Command {
    Help,
    /// `:help NAME`: what `help(NAME)` prints.
    HelpOn(String),
    /// `:time CODE`: run it and print CPU and wall time, as IPython's `%time`.
    Time(String),
    /// `:profile CODE`: run it and print where its computations spent their time.
    Profile(String),
    /// `:graph EXPR`: a table of the task graph of a lazy value, computing nothing.
    Graph(String),
    Quit,
    Unknown(String),
}

/// Runs the REPL until the user leaves. Returns the process exit code.
///
/// `idle` is called whenever the prompt is about to wait for the user: main.rs
/// has the allocator give the memory the last input freed back to the system
/// there, which it would otherwise keep until the next input.
pub fn run(mut session: Session, mut idle: impl FnMut()) -> i32 {
    session.set_echo(true);
    let mut editor = match new_editor() {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("pgs: cannot start the line editor: {e}");
            return 1;
        }
    };
    let history = History::open(&mut editor);
    println!("{BANNER}");
    let mut inputs = 0;
    loop {
        idle();
        refresh_scope(&mut editor, &session);
        match read_input(&mut editor, &history) {
            Ok(Input::Code(text)) => {
                inputs += 1;
                run_input(&mut session, inputs, &text);
            }
            Ok(Input::Command(Command::Help)) => println!("{}", help(&history)),
            Ok(Input::Command(Command::HelpOn(name))) => {
                inputs += 1;
                run_input(&mut session, inputs, &format!("help({name})\n"));
            }
            Ok(Input::Command(Command::Time(code))) => {
                inputs += 1;
                time_input(&mut session, inputs, &code);
            }
            Ok(Input::Command(Command::Profile(code))) => {
                inputs += 1;
                profile_input(&mut session, inputs, &code);
            }
            Ok(Input::Command(Command::Graph(code))) => {
                inputs += 1;
                graph_input(&mut session, inputs, &code);
            }
            Ok(Input::Command(Command::Unknown(message))) => eprintln!("{message}"),
            Ok(Input::Interrupted) => println!("KeyboardInterrupt"),
            Ok(Input::Command(Command::Quit) | Input::Eof) => return 0,
            Err(e) => {
                eprintln!("pgs: cannot read input: {e}");
                return 1;
            }
        }
    }
}

fn new_editor() -> rustyline::Result<LineEditor> {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(HISTORY_ENTRIES)?
        // Bash and Python style: complete the common prefix, list on a second Tab.
        .completion_type(CompletionType::List)
        .build();
    let mut editor = LineEditor::with_config(config)?;
    editor.set_helper(Some(PgsHelper::default()));
    editor.bind_sequence(
        KeyEvent(KeyCode::Tab, Modifiers::NONE),
        EventHandler::Conditional(Box::new(TabIndents)),
    );
    Ok(editor)
}

/// Gives completion the globals as they are now (values too, for `s.up<TAB>`).
fn refresh_scope(editor: &mut LineEditor, session: &Session) {
    let globals = session
        .global_names()
        .into_iter()
        .filter_map(|name| {
            let value = session.global(&name)?;
            Some((name, value))
        })
        .collect();
    if let Some(helper) = editor.helper_mut() {
        helper.set_scope(Scope::new(globals));
    }
}

/// Reads lines until they form a complete input (`input_is_complete`), showing
/// `>>> ` for the first and `... ` for the rest.
fn read_input(editor: &mut LineEditor, history: &History) -> rustyline::Result<Input> {
    let mut lines: Vec<String> = Vec::new();
    loop {
        let pending = lines.join("\n");
        if let Some(helper) = editor.helper_mut() {
            helper.set_pending(&pending);
        }
        let prompt = if lines.is_empty() { PS1 } else { PS2 };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => return Ok(Input::Interrupted),
            // Ctrl-D on a continuation line ends the input as a blank line would.
            Err(ReadlineError::Eof) if !lines.is_empty() => return Ok(Input::Code(pending + "\n")),
            Err(ReadlineError::Eof) => return Ok(Input::Eof),
            Err(e) => return Err(e),
        };
        history.remember(editor, &line);
        if lines.is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            if let Some(command) = command(&line, editor) {
                return Ok(Input::Command(command));
            }
        }
        lines.push(line);
        let text = lines.join("\n");
        if input_is_complete(&text) {
            return Ok(Input::Code(text + "\n"));
        }
    }
}

/// A `:command`, or Python's `exit` / `quit` (unless the program defined those names).
fn command(line: &str, editor: &LineEditor) -> Option<Command> {
    let word = line.trim();
    if let Some(name) = ["exit", "quit"]
        .into_iter()
        .find(|name| word == *name || word.strip_suffix("()") == Some(name))
    {
        let shadowed = editor.helper().is_some_and(|h| h.has_global(name));
        return (!shadowed).then_some(Command::Quit);
    }
    if !word.starts_with(':') {
        return None;
    }
    let (name, rest) = word.split_once(char::is_whitespace).unwrap_or((word, ""));
    let rest = rest.trim();
    Some(match (name, rest.is_empty()) {
        (":help" | ":h" | ":?", true) => Command::Help,
        (":help" | ":h" | ":?", false) => Command::HelpOn(rest.to_string()),
        (":quit" | ":q" | ":exit", true) => Command::Quit,
        (":time", false) => Command::Time(format!("{rest}\n")),
        (":profile", false) => Command::Profile(format!("{rest}\n")),
        (":graph", false) => Command::Graph(rest.to_string()),
        (":time" | ":profile" | ":graph", true) => Command::Unknown(format!(
            "{name} needs code to run, as in {name} x.sum().compute()"
        )),
        _ => Command::Unknown(format!("unknown command {word} (:help lists the commands)")),
    })
}

fn run_input(session: &mut Session, number: usize, text: &str) {
    let name = format!("<stdin-{number}>");
    // A bug in pgs must not cost the user the variables built up so far: report it
    // (the panic message is already printed) and keep the session.
    match std::panic::catch_unwind(AssertUnwindSafe(|| session.run(&name, text))) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprint!("{}", session.render_error(&e)),
        Err(_) => eprintln!(
            "pgs: internal error (a bug in pgs); please report what you ran. \
             The session continues."
        ),
    }
}

/// `:time`: IPython's `%time` output after the input's own.
fn time_input(session: &mut Session, number: usize, text: &str) {
    let (user, sys) = process_cpu_times();
    let start = std::time::Instant::now();
    run_input(session, number, text);
    let wall = start.elapsed();
    let (user2, sys2) = process_cpu_times();
    let (user, sys) = (user2.saturating_sub(user), sys2.saturating_sub(sys));
    println!(
        "CPU times: user {}, sys: {}, total: {}\nWall time: {}",
        duration(user),
        duration(sys),
        duration(user + sys),
        duration(wall)
    );
}

/// `:profile`: the input's own output, then the profile table.
fn profile_input(session: &mut Session, number: usize, text: &str) {
    session.start_profile();
    run_input(session, number, text);
    if let Some(table) = session.finish_profile() {
        print!("{table}");
    }
}

/// `:graph`: the graph table of the expression's lazy value.
fn graph_input(session: &mut Session, number: usize, text: &str) {
    let name = format!("<stdin-{number}>");
    match session.graph_summary(&name, text) {
        Ok(table) => print!("{table}"),
        Err(e) => eprint!("{}", session.render_error(&e)),
    }
}

fn help(history: &History) -> String {
    let kept = match &history.path {
        Some(path) => format!("History is kept in {}.", path.display()),
        None => "History is not kept (no home or state directory).".to_string(),
    };
    format!(
        "\
Type pgs code as you would Python; the value of an expression is printed.
A line ending in ':', an open bracket or an open triple-quoted string continues
on '... ' lines; an empty line ends a block.
  :help          this text; :help NAME shows NAME's signature and documentation
  :time CODE     run CODE, then print its CPU and wall time (IPython's %time)
  :profile CODE  run CODE, then print where its computations spent their time
  :graph EXPR    a table of EXPR's task graph (operations, tasks, depth, width,
                 fused groups), computing nothing
  :quit          leave (Ctrl-D, exit() and quit() work too)
  Tab       complete a name, a module member (math.sq) or a method (s.up);
            at the start of a line, indent
  Ctrl-C    clear the line, or stop running code (KeyboardInterrupt)
{kept}"
    )
}

/// The history file. Failing to read or write it never stops the REPL: history is a
/// convenience, and a read-only home directory is no reason to refuse to start.
///
/// Lines are appended here rather than with rustyline's `append_history`, which
/// re-reads and rewrites the whole file on every line once the file holds
/// `HISTORY_ENTRIES` lines (5 ms an input instead of 0.5 ms in a release build, and
/// about a megabyte of allocations; tests/soak.rs found it). Instead the file may grow to
/// twice `HISTORY_ENTRIES` lines and is then cut back to the newest
/// `HISTORY_ENTRIES`: one rewrite per `HISTORY_ENTRIES` inputs.
struct History {
    path: Option<PathBuf>,
    /// Entries in the file: counted when it is opened, then one per line appended.
    entries: Cell<usize>,
}

/// The first line of rustyline's history format, in which entries have `\` and
/// newlines escaped.
const HISTORY_HEADER: &[u8] = b"#V2\n";

impl History {
    fn open(editor: &mut LineEditor) -> History {
        let path = history_path();
        let mut entries = 0;
        if let Some(path) = &path {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = editor.load_history(path);
            entries = count_entries(path).unwrap_or_else(|| {
                // No file yet (the first line appended starts one), or one in
                // rustyline's older unescaped format: rewrite what was read in the
                // format that lines are appended in.
                if path.exists() {
                    let mut text = HISTORY_HEADER.to_vec();
                    for entry in editor.history().iter() {
                        text.extend_from_slice(&escaped_entry(entry));
                    }
                    let _ = replace_file(path, &text);
                }
                editor.history().len()
            });
        }
        History {
            path,
            entries: Cell::new(entries),
        }
    }

    /// Adds a line and appends it to the file at once, so that a crash or a killed
    /// terminal loses nothing and concurrent sessions interleave instead of clobbering.
    fn remember(&self, editor: &mut LineEditor, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        // False when rustyline leaves it out (the same as the line before).
        if !editor.add_history_entry(line).unwrap_or(false) {
            return;
        }
        let Some(path) = &self.path else {
            return;
        };
        if append_entry(path, line).is_err() {
            return;
        }
        self.entries.set(self.entries.get() + 1);
        if self.entries.get() >= 2 * HISTORY_ENTRIES && keep_newest(path, HISTORY_ENTRIES).is_ok() {
            self.entries.set(HISTORY_ENTRIES);
        }
    }
}

/// The entries in a history file in rustyline's current format; None if there is no
/// such file, or it is in the older format.
fn count_entries(path: &Path) -> Option<usize> {
    let file = std::fs::File::open(path).ok()?;
    let mut lines = HistoryLines::new(&file).ok()?;
    if !lines.has_header {
        return None;
    }
    let mut count = 0;
    while lines.next_entry().ok()?.is_some() {
        count += 1;
    }
    Some(count)
}

/// The entries of a history file, read a line at a time: the file holds up to
/// twice `HISTORY_ENTRIES` lines, and reading it whole took a megabyte or two that
/// the allocator kept long after (tests/soak.rs).
struct HistoryLines<'f> {
    reader: BufReader<&'f std::fs::File>,
    /// Whether the file starts with `HISTORY_HEADER` (then it is not an entry).
    has_header: bool,
    /// The first line, when it is an entry.
    first: Option<Vec<u8>>,
    line: Vec<u8>,
}

impl<'f> HistoryLines<'f> {
    /// Reads from the start of `file`.
    fn new(mut file: &'f std::fs::File) -> std::io::Result<HistoryLines<'f>> {
        file.seek(SeekFrom::Start(0))?;
        let mut reader = BufReader::new(file);
        let mut first = Vec::new();
        reader.read_until(b'\n', &mut first)?;
        let has_header = first == HISTORY_HEADER;
        Ok(HistoryLines {
            reader,
            has_header,
            first: (!has_header).then_some(first),
            line: Vec::new(),
        })
    }

    /// The next entry, without its newline; empty lines are skipped.
    fn next_entry(&mut self) -> std::io::Result<Option<&[u8]>> {
        if let Some(first) = self.first.take() {
            self.line = first;
        } else {
            self.line.clear();
            self.reader.read_until(b'\n', &mut self.line)?;
        }
        loop {
            if self.line.is_empty() {
                return Ok(None);
            }
            if self.line != b"\n" {
                let entry = self.line.strip_suffix(b"\n").unwrap_or(&self.line);
                return Ok(Some(entry));
            }
            self.line.clear();
            self.reader.read_until(b'\n', &mut self.line)?;
        }
    }
}

/// Appends one entry as rustyline writes it, under the lock rustyline takes, so that
/// concurrent sessions interleave whole lines.
fn append_entry(path: &Path, line: &str) -> std::io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    file.lock()?;
    let mut record = Vec::new();
    if file.metadata()?.len() == 0 {
        record.extend_from_slice(HISTORY_HEADER);
    }
    record.extend_from_slice(&escaped_entry(line));
    file.write_all(&record)
}

/// One line of the history file: the entry with `\` and newlines escaped.
fn escaped_entry(entry: &str) -> Vec<u8> {
    let mut line = entry.replace('\\', "\\\\").replace('\n', "\\n");
    line.push('\n');
    line.into_bytes()
}

/// Rewrites the history file with only its newest `keep` entries, through a
/// temporary file and a rename so that a crash never leaves it cut short. The file
/// is read twice, a line at a time (counting, then copying), rather than whole.
fn keep_newest(path: &Path, keep: usize) -> std::io::Result<()> {
    let file = OpenOptions::new().read(true).write(true).open(path)?;
    file.lock()?;
    let mut entries: usize = 0;
    let mut lines = HistoryLines::new(&file)?;
    while lines.next_entry()?.is_some() {
        entries += 1;
    }
    let mut skip = entries.saturating_sub(keep);
    let mut lines = HistoryLines::new(&file)?;
    write_through_temporary(path, |out| {
        out.write_all(HISTORY_HEADER)?;
        while let Some(entry) = lines.next_entry()? {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.write_all(entry)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Replaces `path` with what `write` writes, through a temporary file beside it and
/// a rename; the temporary file is removed if anything fails.
fn write_through_temporary(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "history".into(), |n| n.to_string_lossy());
    let tmp = path.with_file_name(format!(".{name}.pgs-tmp-{}", std::process::id()));
    let result = std::fs::File::create(&tmp).and_then(|file| {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, path)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` over `path` through a temporary file and a rename.
fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, |out| out.write_all(bytes))
}

/// `$XDG_STATE_HOME/pgs/history` (`~/.local/state/pgs/history`) where there is a
/// state directory, else the platform's local data directory, else the home directory.
fn history_path() -> Option<PathBuf> {
    let dir = dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .or_else(dirs::home_dir)?;
    Some(dir.join("pgs").join("history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_the_history_keeps_the_newest_entries() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("history");
        let mut text = HISTORY_HEADER.to_vec();
        for i in 0..50 {
            text.extend_from_slice(&escaped_entry(&format!("x{i} = '\\\\'\nprint(x{i})")));
            if i == 45 {
                text.push(b'\n');
            }
        }
        std::fs::write(&path, &text).expect("write the history");
        assert_eq!(count_entries(&path), Some(50));

        keep_newest(&path, 3).expect("cut the history");
        let kept = std::fs::read(&path).expect("read the history");
        let mut expected = HISTORY_HEADER.to_vec();
        for i in 47..50 {
            expected.extend_from_slice(&escaped_entry(&format!("x{i} = '\\\\'\nprint(x{i})")));
        }
        assert_eq!(
            String::from_utf8_lossy(&kept),
            String::from_utf8_lossy(&expected)
        );
        assert_eq!(count_entries(&path), Some(3));
        let others: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list the directory")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(others, ["history"], "no temporary file is left behind");

        keep_newest(&path, 10).expect("nothing to cut");
        assert_eq!(std::fs::read(&path).expect("read the history"), expected);
    }

    #[test]
    fn a_history_without_the_header_is_in_the_older_format() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("history");
        assert_eq!(count_entries(&path), None, "no file");
        std::fs::write(&path, "a = 1\nb = 2\n\nc = 3").expect("write the history");
        assert_eq!(count_entries(&path), None);
        keep_newest(&path, 2).expect("cut the history");
        let kept = std::fs::read_to_string(&path).expect("read the history");
        assert_eq!(kept, "#V2\nb = 2\nc = 3\n");
    }
}
