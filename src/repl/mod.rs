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
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor, EventHandler, KeyCode, KeyEvent, Modifiers};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

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
pub fn run(mut session: Session) -> i32 {
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
struct History {
    path: Option<PathBuf>,
}

impl History {
    fn open(editor: &mut LineEditor) -> History {
        let path = history_path();
        if let Some(path) = &path {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = editor.load_history(path);
        }
        History { path }
    }

    /// Adds a line and appends it to the file at once, so that a crash or a killed
    /// terminal loses nothing and concurrent sessions interleave instead of clobbering.
    fn remember(&self, editor: &mut LineEditor, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        let _ = editor.add_history_entry(line);
        if let Some(path) = &self.path {
            let _ = editor.append_history(path);
        }
    }
}

/// `$XDG_STATE_HOME/pgs/history` (`~/.local/state/pgs/history`) where there is a
/// state directory, else the platform's local data directory, else the home directory.
fn history_path() -> Option<PathBuf> {
    let dir = dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .or_else(dirs::home_dir)?;
    Some(dir.join("pgs").join("history"))
}
