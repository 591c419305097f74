//! Soak test of the REPL: memory must not grow. The hardening issue asks that "a REPL
//! driven for 10,000 inputs (computes, errors, interrupts) ends with memory within 10%
//! of where it settled after the first 1,000". A long interactive session is where a
//! leak hurts: a value, a task graph, a worker-thread buffer or an error kept alive per
//! input adds up over a working day, while short tests never notice.
//!
//! The real `pgs` binary runs in a pseudo-terminal (as `tests/repl.rs` drives it) with
//! a temporary home, and is fed a fixed cycle of inputs that touches every kind of
//! state: assignments that replace earlier values, function definitions, strings,
//! dicts and sets, `dask.delayed` graphs, `dask.array` and numpy computations, tables,
//! errors of several kinds (syntax, name, arithmetic, a failing task, a shape
//! mismatch), REPL commands, Ctrl-C at the prompt, and every 200 inputs Ctrl-C in a
//! running computation followed by a check that earlier variables survived. Every
//! output is checked, so the driver cannot drift out of step with the REPL. The
//! resident set size (`VmRSS`, the issue's measure; `RssAnon`, the heap part of it,
//! is shown beside it) is read once memory has settled after input 1,000 and after
//! input 10,000, and the run prints both with its duration (`--nocapture`).
//!
//! Two things would otherwise make the figures say more about the measurement than
//! about pgs. Bounded caches start full: the history file already holds the 10,000
//! lines the REPL keeps, as a regular user's does, so the history is at its cap before
//! the first reading instead of filling up between the two (its entries are still
//! replaced one by one during the run). And the allocator is told not to use
//! transparent huge pages (`MIMALLOC_ALLOW_THP=0`): with them, mimalloc's arenas
//! become resident in 2 MiB units, which moved the reading by 2 to 5 MiB from one
//! thousand inputs to the next with no leak at all, more than the 10% being tested
//! for.
#![cfg(target_os = "linux")]

use expectrl::session::OsSession;
use expectrl::{ControlCode, Expect};
use std::io::ErrorKind;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How many inputs the session is driven for, and after how many memory has settled.
const INPUTS: usize = 10_000;
const SETTLED_AFTER: usize = 1_000;
/// The issue's criterion: final memory at most 10% above the settled figure.
const ALLOWED_GROWTH: f64 = 1.10;
/// A long computation is interrupted with Ctrl-C once in this many inputs.
const INTERRUPT_EVERY: usize = 200;
/// Before each memory reading, pgs is left idle this long and then given a cheap
/// input, this many times; the lowest reading counts. The REPL has mimalloc return
/// freed memory whenever it shows the prompt, but what other threads (workers, a
/// progress bar) free just after that is returned one second later (mimalloc's
/// `purge_delay`) at mimalloc's next call, so a single reading could still count it.
const SETTLE_ROUNDS: usize = 3;
const SETTLE_IDLE: Duration = Duration::from_millis(1200);
/// Lines in the history file before the REPL starts: `HISTORY_ENTRIES` in
/// `src/repl/mod.rs`, the most the REPL keeps.
const HISTORY_LINES: usize = 10_000;

/// Generous per input: a debug build on a loaded 2-core machine is slow.
const TIMEOUT: Duration = Duration::from_secs(30);
/// How often the pty is polled while waiting; short, since 10,000 round trips add up.
const POLL: Duration = Duration::from_millis(1);
/// Wide enough that no input wraps, so an echoed line ends in exactly one newline.
const COLUMNS: u16 = 250;
/// How much of the terminal output a failure message shows.
const TRANSCRIPT_TAIL: usize = 4000;

const PROMPT: &str = ">>> ";
const CONTINUATION: &str = "... ";

/// Run once at the start: modules, a variable every interrupt check reads back, and
/// the functions the interrupts run.
const SETUP: &[Step] = &[
    Step::Line("import dask", ""),
    Step::Line("import dask.array as da", ""),
    Step::Line("import numpy as np", ""),
    Step::Line("marker = 'kept-' + str(12345)", ""),
    Step::Block(
        &[
            "def spin(i):",
            "    print('task spinning', flush=True)",
            "    while True: pass",
        ],
        "",
    ),
    Step::Block(
        &[
            "def loop_forever():",
            "    print('loop spinning', flush=True)",
            "    while True: pass",
        ],
        "",
    ),
];

/// The cycle of inputs, each with a piece of text its output must contain. Names are
/// reassigned and functions redefined on every pass, so what an earlier pass built
/// must be freed for memory to stay flat.
const MIX: &[Step] = &[
    Step::Line("x = [i for i in range(1000)]", ""),
    Step::Line("sum(x)", "499500"),
    Step::Block(&["def f(i):", "    return i * i + 1"], ""),
    Step::Line("g = lambda v, k=3: [f(w) + k for w in v]", ""),
    Step::Line("g([1, 2])[-1]", "8"),
    Step::Line("s = ''.join([chr(97 + i % 26) for i in range(500)])", ""),
    Step::Line("f'{len(s)}-{s[:3].upper()}-{s[::-1][:2]}'", "'500-ABC-fe'"),
    Step::Line("d = {str(i): i * i for i in range(300)}", ""),
    Step::Line("sum(len(k) for k in d) + len(d)", "1090"),
    Step::Line("len(set(range(0, 1000, 3)) & set(range(0, 1000, 5)))", "67"),
    Step::Line(
        "dask.delayed(sum)([dask.delayed(f)(i) for i in range(50)]).compute()",
        "40475",
    ),
    Step::Line("a = da.random.normal(0, 1, size=100000, chunks=10000)", ""),
    Step::Line("m = a.mean().compute()", ""),
    Step::Line("-0.05 < m < 0.05", "True"),
    Step::Line("y = da.arange(100000, chunks=10000)", ""),
    Step::Line("(y + 1).sum().compute()", "5000050000"),
    Step::Line("n = np.arange(1000) * 2.0", ""),
    Step::Line("n.sum()", "999000.0"),
    Step::Line(
        "table([{'i': i, 'square': i * i} for i in range(30)])",
        "[30 rows x 2 columns]",
    ),
    Step::Line("undefined_name + 1", "NameError"),
    Step::Line("1 / 0", "ZeroDivisionError"),
    Step::Line(
        "dask.delayed(sum)([dask.delayed(lambda i: 1 // (i - 3))(i) for i in range(5)]).compute()",
        "ZeroDivisionError",
    ),
    Step::Line(
        "(da.ones(10, chunks=5) + da.ones(7, chunks=7)).compute()",
        "ValueError",
    ),
    Step::Line("np.ones(3) + np.ones(4)", "ValueError"),
    Step::Line("x = )", "SyntaxError"),
    Step::Line(":time sum(x)", "Wall time"),
    Step::Line(":graph (y + 1).sum()", "total tasks: 10"),
    Step::CancelTyping("half typed"),
];

/// The long computations Ctrl-C stops, in turn, each with the text that shows it
/// has started (before that, Ctrl-C is a key for the line editor, not a signal).
const INTERRUPTS: &[Step] = &[
    Step::Interrupt(
        "dask.delayed(sum)([dask.delayed(spin)(i) for i in range(4)]).compute()",
        "task spinning",
    ),
    Step::Interrupt("loop_forever()", "loop spinning"),
    // A progress bar appears after half a second of computing: the tasks are running.
    Step::Interrupt(
        "da.random.normal(0, 1, size=10**10, chunks=10**6).sum().compute()",
        " tasks (",
    ),
];

/// Read back after every interrupt: the session kept its variables.
const AFTER_INTERRUPT: &[Step] = &[
    Step::Line("marker", "'kept-12345'"),
    Step::Line("len(x) + f(2)", "1005"),
];

/// An input inexpensive enough to settle the session before a memory reading.
const SETTLE: Step = Step::Line("0", "0");

/// One input, with what its output must contain ("" for no particular output).
#[derive(Clone, Copy, Debug)]
enum Step {
    /// A one-line input.
    Line(&'static str, &'static str),
    /// Lines typed at `... ` prompts, then the empty line that ends the block.
    Block(&'static [&'static str], &'static str),
    /// Code that runs until Ctrl-C, sent once its output shows the given text.
    Interrupt(&'static str, &'static str),
    /// Text typed at the prompt, then Ctrl-C, which drops it.
    CancelTyping(&'static str),
}

/// A pgs REPL in a pseudo-terminal. Output is read into `pending` without expectrl's
/// busy-waiting `expect`, so that the CPU is left to pgs.
struct Repl {
    pty: OsSession,
    /// Received but not yet matched.
    pending: Vec<u8>,
    /// The end of everything received, for failure messages.
    transcript: String,
}

impl Repl {
    fn start(home: &Path) -> Repl {
        let state = home.join("state");
        write_full_history(&state.join("pgs").join("history"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_pgs"));
        command
            .args(["--threads", "2"])
            .env("HOME", home)
            .env("XDG_STATE_HOME", &state)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("MIMALLOC_ALLOW_THP", "0")
            .env_remove("PGS_THREADS");
        let mut pty = OsSession::spawn(command).expect("start pgs in a pseudo-terminal");
        pty.get_process_mut()
            .set_window_size(COLUMNS, 50)
            .expect("set the terminal size");
        let mut repl = Repl {
            pty,
            pending: Vec::new(),
            transcript: String::new(),
        };
        repl.wait_for(PROMPT);
        repl
    }

    /// The process id of pgs.
    fn pid(&self) -> i32 {
        self.pty.get_process().pid().as_raw()
    }

    fn send(&mut self, bytes: &[u8]) {
        if let Err(e) = self.pty.send(bytes) {
            panic!("{}", self.failure(&format!("cannot write to the pty: {e}")));
        }
    }

    /// Waits for `needle` and returns the text before it, consuming both.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        let mut searched = 0;
        loop {
            if let Some(at) = find(&self.pending[searched..], needle.as_bytes()) {
                let end = searched + at + needle.len();
                let taken: Vec<u8> = self.pending.drain(..end).collect();
                let text = String::from_utf8_lossy(&taken[..end - needle.len()]);
                return text.into_owned();
            }
            searched = self.pending.len().saturating_sub(needle.len());
            if !self.read_available() {
                if Instant::now() > deadline {
                    let message = format!("timed out waiting for {needle:?}");
                    panic!("{}", self.failure(&message));
                }
                std::thread::sleep(POLL);
            }
        }
    }

    /// Moves whatever the terminal has sent into `pending`; false if there was nothing.
    fn read_available(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        let mut any = false;
        loop {
            match self.pty.try_read(&mut buf) {
                Ok(0) => panic!("{}", self.failure("pgs closed the terminal")),
                Ok(n) => {
                    any = true;
                    self.pending.extend_from_slice(&buf[..n]);
                    self.remember(&buf[..n]);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return any,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => panic!("{}", self.failure(&format!("cannot read the pty: {e}"))),
            }
        }
    }

    /// Keeps the last `TRANSCRIPT_TAIL` bytes of output for failure messages.
    fn remember(&mut self, bytes: &[u8]) {
        self.transcript.push_str(&String::from_utf8_lossy(bytes));
        if self.transcript.len() > 2 * TRANSCRIPT_TAIL {
            let mut cut = self.transcript.len() - TRANSCRIPT_TAIL;
            while !self.transcript.is_char_boundary(cut) {
                cut += 1;
            }
            self.transcript.drain(..cut);
        }
    }

    fn failure(&self, message: &str) -> String {
        format!(
            "{message}\n--- the end of the terminal output ---\n{}",
            self.transcript
        )
    }

    /// Types a line and presses Enter; returns what was printed before the next
    /// `prompt`. The echo of the line ends at the first newline (no line wraps).
    fn line(&mut self, text: &str, prompt: &str) -> String {
        self.send(format!("{text}\r").as_bytes());
        self.wait_for("\n");
        self.wait_for(prompt)
    }

    /// Runs one step and checks its output.
    fn step(&mut self, step: Step) {
        let (output, expected) = match step {
            Step::Line(code, expected) => (self.line(code, PROMPT), expected),
            Step::Block(lines, expected) => {
                for line in lines {
                    self.line(line, CONTINUATION);
                }
                (self.line("", PROMPT), expected)
            }
            Step::Interrupt(code, started) => {
                self.send(format!("{code}\r").as_bytes());
                self.wait_for(started);
                self.send(&[ControlCode::ETX as u8]);
                (self.wait_for(PROMPT), "KeyboardInterrupt")
            }
            Step::CancelTyping(text) => {
                self.send(text.as_bytes());
                self.wait_for(text);
                self.send(&[ControlCode::ETX as u8]);
                (self.wait_for(PROMPT), "KeyboardInterrupt")
            }
        };
        if !output.contains(expected) {
            let message = format!("{step:?} printed {output:?}, without {expected:?}");
            panic!("{}", self.failure(&message));
        }
    }

    /// The memory pgs uses now, from `/proc/PID/status`.
    fn memory(&self) -> Memory {
        let path = format!("/proc/{}/status", self.pid());
        let status = std::fs::read_to_string(&path).expect("read /proc/PID/status of pgs");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or_else(|| panic!("no {name} line in {path}:\n{status}"))
        };
        Memory {
            resident_kib: field("VmRSS"),
            anonymous_kib: field("RssAnon"),
        }
    }

    /// The memory pgs uses once what it freed has gone back to the system: the
    /// lowest of a few readings, each after an idle spell and a cheap input.
    fn settled_memory(&mut self) -> Memory {
        let mut least: Option<Memory> = None;
        for _ in 0..SETTLE_ROUNDS {
            std::thread::sleep(SETTLE_IDLE);
            self.step(SETTLE);
            let now = self.memory();
            if least.is_none_or(|least| now.resident_kib < least.resident_kib) {
                least = Some(now);
            }
        }
        least.expect("SETTLE_ROUNDS is not zero")
    }
}

/// One reading of the memory of pgs.
#[derive(Clone, Copy, Debug)]
struct Memory {
    /// `VmRSS`: everything resident, the program's own code included.
    resident_kib: u64,
    /// `RssAnon`: the resident heap, stacks and other anonymous memory.
    anonymous_kib: u64,
}

impl std::fmt::Display for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} KiB (heap {} KiB)",
            self.resident_kib, self.anonymous_kib
        )
    }
}

/// A history file as rustyline writes it, holding as many lines as the REPL keeps.
fn write_full_history(path: &Path) {
    let dir = path.parent().expect("the history file is in a directory");
    std::fs::create_dir_all(dir).expect("create the state directory");
    let mut text = String::from("#V2\n");
    for i in 0..HISTORY_LINES {
        text.push_str(&format!(
            "earlier_session_{i} = [{i}, 'typed before the soak']\n"
        ));
    }
    std::fs::write(path, text).expect("write the history file");
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The `number`th input of the soak (from 0): the mix in turn, and every
/// `INTERRUPT_EVERY` inputs an interrupted computation and the checks after it.
fn input(number: usize) -> Vec<Step> {
    if number % INTERRUPT_EVERY == INTERRUPT_EVERY - 1 {
        let interrupt = INTERRUPTS[(number / INTERRUPT_EVERY) % INTERRUPTS.len()];
        let mut steps = vec![interrupt];
        steps.extend_from_slice(AFTER_INTERRUPT);
        steps
    } else {
        vec![MIX[number % MIX.len()]]
    }
}

// About 40 s in a debug build; `cargo test --test soak -- --nocapture` prints the
// figures (docs/reliability.md has them and what was fixed to get there).
#[test]
fn ten_thousand_inputs_leave_memory_where_it_settled() {
    let home = tempfile::tempdir().expect("create a temporary home");
    let started = Instant::now();
    let mut repl = Repl::start(home.path());
    for &step in SETUP {
        repl.step(step);
    }
    let mut settled = None;
    // Unsettled readings every thousand inputs: the trend, should the test fail.
    let mut trend = Vec::new();
    for number in 0..INPUTS {
        for step in input(number) {
            repl.step(step);
        }
        if (number + 1) % 1000 == 0 {
            trend.push(format!(
                "{}: {} KiB",
                number + 1,
                repl.memory().resident_kib
            ));
        }
        if number + 1 == SETTLED_AFTER {
            settled = Some(repl.settled_memory());
        }
    }
    let settled = settled.expect("memory was read after the first inputs");
    let last = repl.settled_memory();
    let growth = last.resident_kib as f64 / settled.resident_kib as f64;
    let report = format!(
        "resident memory {settled} after {SETTLED_AFTER} inputs, {last} after {INPUTS} \
         ({:+.1}%); without settling, after {}",
        (growth - 1.0) * 100.0,
        trend.join(", ")
    );
    println!(
        "soak: {INPUTS} inputs in {:.1} s\nsoak: {report}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        growth <= ALLOWED_GROWTH,
        "memory grew by more than {:.0}%: {report}",
        (ALLOWED_GROWTH - 1.0) * 100.0
    );
}
