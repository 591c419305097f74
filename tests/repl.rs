//! The REPL driven through a real pseudo-terminal (expectrl), as a person types at it:
//! `... ` continuation, Tab completion, errors that keep every variable, Ctrl-C at the
//! prompt and in running code, Ctrl-D, and history kept in the state directory.
//! Every wait has a deadline, so a hang fails the test instead of blocking CI; on
//! failure the message shows everything the terminal received.
#![cfg(unix)]

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{ControlCode, Eof, Expect, Needle};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Generous: debug builds on a loaded CI machine start slowly.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Polling instead of expectrl's busy-waiting `expect` leaves the CPU to pgs.
const POLL: Duration = Duration::from_millis(10);

const PROMPT: &str = ">>> ";
const CONTINUATION: &str = "... ";

/// A pgs REPL in a pty, with its own home and state directories.
struct Repl {
    pty: OsSession,
    home: PathBuf,
    /// Everything read from the terminal so far, for failure messages.
    transcript: String,
}

impl Repl {
    /// Starts pgs in a fresh temporary home and waits for the first prompt.
    fn start(home: &tempfile::TempDir) -> Repl {
        Repl::start_in(home.path())
    }

    fn start_in(home: &Path) -> Repl {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pgs"));
        command
            .env("HOME", home)
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_DATA_HOME", home.join("data"))
            // Plain text keeps the matching simple; colouring is unit-tested.
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("PGS_THREADS");
        let pty = OsSession::spawn(command).expect("start pgs in a pseudo-terminal");
        let mut repl = Repl {
            pty,
            home: home.to_path_buf(),
            transcript: String::new(),
        };
        repl.expect("pgs ");
        repl.expect(PROMPT);
        repl
    }

    /// Waits for `needle` and returns the text before it.
    fn expect(&mut self, needle: &str) -> String {
        self.wait_for(needle, needle)
    }

    fn wait_for<N: Needle>(&mut self, needle: N, what: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.pty.check(&needle) {
                Ok(found) if !found.is_empty() => {
                    let seen = String::from_utf8_lossy(found.as_bytes()).into_owned();
                    self.transcript.push_str(&seen);
                    return String::from_utf8_lossy(found.before()).into_owned();
                }
                Ok(_) => {}
                Err(e) => panic!(
                    "{}",
                    self.failure(&format!("{e} while waiting for {what:?}"))
                ),
            }
            if Instant::now() > deadline {
                let message = format!("timed out waiting for {what:?}");
                panic!("{}", self.failure(&message));
            }
            std::thread::sleep(POLL);
        }
    }

    fn failure(&mut self, message: &str) -> String {
        // Whatever arrived but did not match is the most useful part of the report.
        if let Ok(rest) = self.pty.check(Eof) {
            self.transcript
                .push_str(&String::from_utf8_lossy(rest.as_bytes()));
        }
        format!("{message}\n--- terminal so far ---\n{}", self.transcript)
    }

    /// Types `text` without pressing Enter.
    fn type_text(&mut self, text: &str) {
        self.pty.send(text).expect("write to the pty");
    }

    /// Types one line and presses Enter (a carriage return, as a terminal sends).
    fn line(&mut self, text: &str) {
        self.type_text(&format!("{text}\r"));
    }

    /// Runs a one-line input and returns what it printed before the next prompt,
    /// without terminal control sequences.
    fn run(&mut self, text: &str) -> String {
        self.line(text);
        let screen = plain(&self.expect(PROMPT));
        // The first line is the echo of what was typed.
        match screen.split_once('\n') {
            Some((_, output)) => output.to_string(),
            None => String::new(),
        }
    }

    /// Types a block line by line, then the empty line that ends it.
    fn define(&mut self, block: &[&str]) {
        for line in block {
            self.line(line);
            self.expect(CONTINUATION);
        }
        self.line("");
        self.expect(PROMPT);
    }

    fn control(&mut self, code: ControlCode) {
        self.pty.send(code).expect("write to the pty");
    }

    /// Waits for the process to end and returns its exit code.
    fn exit_code(&mut self) -> i32 {
        self.wait_for(Eof, "the end of output");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            match self.pty.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(WaitStatus::Exited(_, code)) => return code,
                other => panic!("{}", self.failure(&format!("pgs ended with {other:?}"))),
            }
            if Instant::now() > deadline {
                panic!("{}", self.failure("pgs did not exit"));
            }
            std::thread::sleep(POLL);
        }
    }

    fn history_file(&self) -> PathBuf {
        self.home.join("state").join("pgs").join("history")
    }
}

/// `text` without ANSI control sequences (cursor moves, bracketed-paste switches).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.next_if_eq(&'[').is_some() {
            // Parameters, then one final byte in '@'..='~'.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// Output lines as the program printed them: the pty turns `\n` into `\r\n`, and the
/// line editor starts each prompt with a carriage return.
fn lines(output: &str) -> Vec<&str> {
    output
        .split('\n')
        .map(|l| l.trim_matches('\r'))
        .filter(|l| !l.is_empty())
        .collect()
}

fn temp_home() -> tempfile::TempDir {
    tempfile::tempdir().expect("create a temporary home")
}

#[test]
fn a_multi_line_def_continues_with_dots_then_runs() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.line("def double(x):");
    repl.expect(CONTINUATION);
    repl.line("    return x * 2");
    repl.expect(CONTINUATION);
    repl.line("");
    repl.expect(PROMPT);
    assert_eq!(lines(&repl.run("double(21)")), ["42"]);
}

#[test]
fn open_brackets_continue_until_closed() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.line("xs = [1,");
    repl.expect(CONTINUATION);
    repl.line("      2]");
    repl.expect(PROMPT);
    assert_eq!(lines(&repl.run("xs")), ["[1, 2]"]);
}

#[test]
fn values_are_echoed_but_none_is_not() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    assert_eq!(lines(&repl.run("'a' + 'b'")), ["'ab'"]);
    assert_eq!(lines(&repl.run("print('hi')")), ["hi"]);
    assert_eq!(lines(&repl.run("x = 3")), Vec::<&str>::new());
}

#[test]
fn tab_at_the_start_of_a_line_indents() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.line("def five():");
    repl.expect(CONTINUATION);
    repl.line("\treturn 5");
    repl.expect(CONTINUATION);
    repl.line("");
    repl.expect(PROMPT);
    assert_eq!(lines(&repl.run("five()")), ["5"]);
}

#[test]
fn tab_completes_a_global_name() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("my_variable = 42");
    repl.type_text("my_va\t");
    repl.expect("my_variable");
    repl.line("");
    repl.expect("\r\n42\r\n");
}

#[test]
fn tab_completes_a_method_by_the_value_type() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("s = 'hello'");
    repl.type_text("s.up\t");
    repl.expect("s.upper(");
    repl.line(")");
    repl.expect("\r\n'HELLO'\r\n");
}

#[test]
fn tab_completes_a_module_member() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("import math");
    repl.type_text("math.sq\t");
    repl.expect("math.sqrt(");
    repl.line("16)");
    repl.expect("\r\n4.0\r\n");
}

#[test]
fn an_error_shows_the_caret_and_keeps_earlier_variables() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("total = 10");
    let error = repl.run("print(totl)");
    assert!(
        error.contains("    print(totl)\r\n          ^^^^"),
        "{error}"
    );
    assert!(
        error.contains("NameError: name 'totl' is not defined"),
        "{error}"
    );
    assert_eq!(lines(&repl.run("total * 2")), ["20"]);
}

#[test]
fn ctrl_c_at_the_prompt_clears_the_line() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("kept = 1");
    repl.type_text("this is never run");
    repl.control(ControlCode::ETX);
    repl.expect("KeyboardInterrupt");
    repl.expect(PROMPT);
    // Also in the middle of a block: the whole unfinished input is dropped.
    repl.line("if True:");
    repl.expect(CONTINUATION);
    repl.control(ControlCode::ETX);
    repl.expect("KeyboardInterrupt");
    repl.expect(PROMPT);
    assert_eq!(lines(&repl.run("kept + 1")), ["2"]);
}

#[test]
fn ctrl_c_interrupts_running_code_and_keeps_variables() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("n = 5");
    repl.line("if True:");
    repl.expect(CONTINUATION);
    repl.line("    print('spinning')");
    repl.expect(CONTINUATION);
    repl.line("    while True: pass");
    repl.expect(CONTINUATION);
    repl.line("");
    // Only once the loop runs is the terminal back in normal mode, where Ctrl-C
    // becomes SIGINT; sending it earlier would just be a byte in the input.
    repl.expect("spinning\r\n");
    repl.control(ControlCode::ETX);
    repl.expect("KeyboardInterrupt");
    repl.expect(PROMPT);
    assert_eq!(lines(&repl.run("n * 2")), ["10"]);
}

#[test]
fn ctrl_c_interrupts_a_parallel_compute_and_the_session_goes_on() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("import dask");
    repl.run("n = 7");
    repl.line("def spin(i):");
    repl.expect(CONTINUATION);
    repl.line("    print('task running', flush=True)");
    repl.expect(CONTINUATION);
    repl.line("    while True: pass");
    repl.expect(CONTINUATION);
    repl.line("");
    repl.expect(PROMPT);
    repl.run("parts = [dask.delayed(spin)(i) for i in range(8)]");
    repl.line("dask.delayed(sum)(parts).compute()");
    // The tasks run on worker threads; Ctrl-C must stop all of them.
    repl.expect("task running");
    repl.control(ControlCode::ETX);
    repl.expect("KeyboardInterrupt");
    repl.expect(PROMPT);
    assert_eq!(lines(&repl.run("n * 6")), ["42"]);
    // The next computation runs normally: the stop flag was cleared.
    assert_eq!(
        lines(&repl.run("dask.delayed(sum)([dask.delayed(abs)(-i) for i in range(5)]).compute()")),
        ["10"]
    );
}

#[test]
fn ctrl_d_exits_with_code_zero() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("x = 1");
    repl.control(ControlCode::EOT);
    assert_eq!(repl.exit_code(), 0);
}

#[test]
fn quit_and_help_commands() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    let help = repl.run(":help");
    assert!(help.contains(":quit"), "{help}");
    assert!(help.contains("Tab"), "{help}");
    repl.line(":quit");
    assert_eq!(repl.exit_code(), 0);
}

#[test]
fn history_is_kept_in_the_state_directory() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("remembered = 6 * 7");
    repl.control(ControlCode::EOT);
    assert_eq!(repl.exit_code(), 0);
    let history = std::fs::read_to_string(repl.history_file()).expect("history file written");
    assert!(history.contains("remembered = 6 * 7"), "{history}");

    // A new session recalls it with the Up arrow.
    let mut again = Repl::start(&home);
    again.type_text("\x1b[A");
    again.expect("remembered = 6 * 7");
    again.line("");
    again.expect(PROMPT);
    assert_eq!(lines(&again.run("remembered")), ["42"]);
}

#[test]
fn tab_completes_array_methods() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("import dask.array as da");
    repl.run("x = da.ones(10, chunks=5)");
    repl.type_text("x.resh\t");
    repl.expect("x.reshape(");
    repl.line("2, 5).shape");
    repl.expect("\r\n(2, 5)\r\n");
}

#[test]
fn help_on_a_name_shows_its_signature_and_doc() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    let shown = lines(&repl.run(":help len")).join("\n");
    assert!(shown.starts_with("len(obj, /)"), "{shown}");
    assert!(shown.contains("number of items"), "{shown}");
    repl.define(&["def area(w, h=2):", "    return w * h"]);
    let shown = lines(&repl.run("help(area)")).join("\n");
    assert!(shown.contains("area(w, h=2)"), "{shown}");
}

#[test]
fn time_prints_cpu_and_wall_time_after_the_value() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    let output = repl.run(":time sum(range(1000))");
    let shown = lines(&output);
    assert_eq!(shown[0], "499500", "{shown:?}");
    assert!(shown[1].starts_with("CPU times: user "), "{shown:?}");
    assert!(shown[2].starts_with("Wall time: "), "{shown:?}");
}

#[test]
fn profile_lists_every_operation_of_a_computation() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("import dask");
    repl.define(&["def sq(v):", "    return v * v"]);
    repl.run("parts = [dask.delayed(sq)(i) for i in range(6)]");
    let shown = repl.run(":profile dask.delayed(sum)(parts).compute()");
    let shown = lines(&shown);
    assert_eq!(shown[0], "55", "{shown:?}");
    let row = |op: &str| {
        shown
            .iter()
            .find(|l| l.starts_with(&format!("│ {op} ")) || l.starts_with(&format!("| {op} ")))
            .unwrap_or_else(|| panic!("no row for {op} in {shown:?}"))
            .to_string()
    };
    assert!(row("sq").contains(" 6 "), "six sq tasks: {shown:?}");
    assert!(row("sum").contains(" 1 "), "one sum task: {shown:?}");
    assert!(
        shown
            .last()
            .is_some_and(|l| l.contains("parallel efficiency")),
        "{shown:?}"
    );
}

#[test]
fn graph_shows_the_tasks_without_computing() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("import dask.array as da");
    repl.run("x = da.ones(100, chunks=10)");
    let shown = repl.run(":graph (x + 1).sum()");
    assert!(shown.contains("sum"), "{shown}");
    assert!(shown.contains("10"), "ten chunk tasks: {shown}");
    let shown = repl.run(":graph 1 +");
    assert!(shown.contains("SyntaxError"), "{shown}");
}

#[test]
fn a_slow_compute_shows_a_progress_bar_and_leaves_the_prompt_intact() {
    let home = temp_home();
    let mut repl = Repl::start(&home);
    repl.run("import dask, time");
    repl.define(&["def slow(i):", "    time.sleep(0.15)", "    return i"]);
    repl.line("dask.delayed(sum)([dask.delayed(slow)(i) for i in range(12)]).compute()");
    // After half a second the bar counts tasks on stderr (the same terminal).
    repl.expect("/13 tasks");
    let rest = plain(&repl.expect(PROMPT));
    assert!(rest.contains("66"), "the value follows the bar: {rest}");
    // The bar was cleared: the next input and its output are on clean lines.
    assert_eq!(lines(&repl.run("1 + 1")), ["2"]);
}
