//! Shared helpers for the data-driven harnesses (`differential.rs`, `scripts.rs`): where the
//! repository and the pgs binary are, which test files exist, running a child process with a
//! timeout, and rendering readable line diffs. Std only; nothing here knows about pgs itself.
#![allow(dead_code)] // each harness uses a different subset of these helpers

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Lines of unchanged context shown around each difference.
pub const CONTEXT: usize = 5;
/// At most this many separate hunks are printed per file; later ones are only counted.
const MAX_HUNKS: usize = 3;
/// Changed lines printed per side of one hunk before eliding the rest.
const MAX_CHANGED_LINES: usize = 12;
/// Above this many cells the LCS table is too big; fall back to one hunk from the first change.
const MAX_LCS_CELLS: usize = 4_000_000;

/// The repository root (where Cargo.toml lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pgs binary cargo built for this test run.
pub fn pgs_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_pgs"))
}

/// A command running pgs with a stable environment (no colours, no terminal
/// assumptions, and a memory limit that does not depend on the machine's RAM, so
/// MemoryError messages are the same everywhere).
pub fn pgs_command() -> Command {
    let mut cmd = Command::new(pgs_binary());
    cmd.env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .env("PGS_MEMORY_LIMIT", "8G");
    cmd
}

/// `path` relative to the repository root, with `/` separators, for messages and filters.
pub fn display_path(path: &Path) -> String {
    let root = repo_root();
    let rel = path.strip_prefix(&root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Files under `dir` whose name ends in `.{ext}`, sorted. Descends into subdirectories when
/// `recursive`. A missing directory yields an empty list.
pub fn files_with_extension(dir: &Path, ext: &str, recursive: bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    walk(dir, ext, recursive, &mut found);
    found.sort();
    found
}

fn walk(dir: &Path, ext: &str, recursive: bool, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if recursive {
                walk(&path, ext, recursive, found);
            }
        } else if path.extension().is_some_and(|e| e == ext) {
            found.push(path);
        }
    }
}

/// `PGS_TEST_FILTER=substr` restricts a harness to files whose repository-relative path
/// contains `substr` (handy while fixing one failure).
pub fn selected(path: &Path) -> bool {
    match std::env::var("PGS_TEST_FILTER") {
        Ok(filter) if !filter.is_empty() => display_path(path).contains(&filter),
        _ => true,
    }
}

/// Per-process time limit: `PGS_TEST_TIMEOUT` seconds, default 60. A hung interpreter must
/// fail its file, not the whole suite.
pub fn timeout() -> Duration {
    let secs = std::env::var("PGS_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// How many files to run at once: `PGS_TEST_THREADS`, default the number of CPUs.
pub fn parallelism() -> usize {
    std::env::var("PGS_TEST_THREADS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| thread::available_parallelism().map_or(4, std::num::NonZeroUsize::get))
}

/// Runs `items` through `work` on up to `parallelism()` scoped threads and returns the results
/// in the original order. Threads take the next unclaimed item from a shared counter, so one
/// slow file never leaves the other threads idle behind a fixed split.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = parallelism().min(items.len());
    let next = AtomicUsize::new(0);
    let (next, work) = (&next, &work);
    let mut indexed: Vec<(usize, R)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break done };
                        done.push((i, work(item)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a harness worker thread panicked"))
            .collect()
    });
    indexed.sort_by_key(|(i, _)| *i);
    indexed.into_iter().map(|(_, r)| r).collect()
}

/// How a child process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(c) => write!(f, "{c}"),
            Exit::Signal(s) => write!(f, "killed by signal {s}"),
            Exit::TimedOut => write!(f, "timed out after {}s", timeout().as_secs()),
        }
    }
}

fn exit_of(status: ExitStatus) -> Exit {
    if let Some(code) = status.code() {
        return Exit::Code(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return Exit::Signal(sig);
        }
    }
    Exit::Signal(-1)
}

/// Captured result of one child process.
#[derive(Clone, Debug)]
pub struct RunOutput {
    pub exit: Exit,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` with stdin closed, capturing stdout and stderr (read on their own threads so a
/// chatty child never blocks on a full pipe). Kills the child if it outlives `timeout()`.
///
/// # Errors
/// Returns the spawn error when the program cannot be started at all.
pub fn run(cmd: &mut Command) -> std::io::Result<RunOutput> {
    let limit = timeout();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let out_pipe = child.stdout.take().expect("stdout was piped");
    let err_pipe = child.stderr.take().expect("stderr was piped");
    let out_reader = spawn_reader(out_pipe);
    let err_reader = spawn_reader(err_pipe);
    let started = Instant::now();
    let exit = loop {
        if let Some(status) = child.try_wait()? {
            break exit_of(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break Exit::TimedOut;
        }
        thread::sleep(Duration::from_millis(5));
    };
    // A grandchild could keep a pipe open after the child is gone; never wait on it forever.
    let grace = Duration::from_secs(5);
    let stdout = out_reader.recv_timeout(grace).unwrap_or_default();
    let stderr = err_reader.recv_timeout(grace).unwrap_or_default();
    Ok(RunOutput {
        exit,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

fn spawn_reader(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
    rx
}

/// The last non-blank line of `text`, exactly as printed (Python's final traceback line
/// `ExceptionName: message`); only trailing blank lines are skipped.
pub fn last_line(text: &str) -> &str {
    text.split('\n')
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// The last `n` lines of `text`, indented, for showing an interpreter's stderr in a report.
pub fn tail(text: &str, n: usize, indent: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(n);
    let mut out = String::new();
    if start > 0 {
        let _ = writeln!(out, "{indent}… ({start} earlier lines)");
    }
    for line in &lines[start..] {
        let _ = writeln!(out, "{indent}{}", visible(line));
    }
    out
}

/// Splits on `\n` only (so a stray `\r` stays visible); a final newline does not make an
/// extra empty line.
fn split_lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n').collect()
}

/// Shows a line as-is unless invisible differences could hide in it (trailing blanks, control
/// characters, carriage returns); then shows it Rust-escaped and quoted.
pub fn visible(line: &str) -> String {
    let suspicious =
        line.ends_with([' ', '\t']) || line.chars().any(|c| c.is_control() && c != '\t');
    if suspicious {
        format!("{line:?}")
    } else {
        line.to_string()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
}

/// Edit script between `a` and `b`: common prefix and suffix are matched directly and the
/// middle by longest common subsequence (or as one replaced block when it is too large).
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    if am.len().saturating_mul(bm.len()) <= MAX_LCS_CELLS {
        // lcs[i][j] = LCS length of am[i..] and bm[j..]
        let w = bm.len() + 1;
        let mut lcs = vec![0u32; (am.len() + 1) * w];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                ops.push(Op::Same(prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if i < am.len() && (j == bm.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])
            {
                // Prefer deletions first so each block reads "expected lines, then actual lines".
                ops.push(Op::Del(prefix + i));
                i += 1;
            } else {
                ops.push(Op::Ins(prefix + j));
                j += 1;
            }
        }
    } else {
        ops.extend((0..am.len()).map(|i| Op::Del(prefix + i)));
        ops.extend((0..bm.len()).map(|j| Op::Ins(prefix + j)));
    }
    let (sa, sb) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|k| Op::Same(sa + k, sb + k)));
    ops
}

/// A unified-style diff of `expected` against `actual`, each line prefixed by `indent`.
/// Returns an empty string when the texts are equal.
pub fn line_diff(expected: &str, actual: &str, labels: (&str, &str), indent: &str) -> String {
    if expected == actual {
        return String::new();
    }
    let a = split_lines(expected);
    let b = split_lines(actual);
    let mut out = String::new();
    let _ = writeln!(out, "{indent}--- {}", labels.0);
    let _ = writeln!(out, "{indent}+++ {}", labels.1);
    if a.is_empty() || b.is_empty() {
        // One side printed nothing: a full listing of the other side would only be noise.
        let (label, lines) = if a.is_empty() {
            (labels.0, &b)
        } else {
            (labels.1, &a)
        };
        let sign = if a.is_empty() { '+' } else { '-' };
        let _ = writeln!(
            out,
            "{indent}({label} is empty; the other side has {} lines)",
            lines.len()
        );
        for line in lines.iter().take(CONTEXT) {
            let _ = writeln!(out, "{indent}{sign} {}", visible(line));
        }
        if lines.len() > CONTEXT {
            let _ = writeln!(out, "{indent}  … {} more lines", lines.len() - CONTEXT);
        }
        return out;
    }
    if a == b {
        let _ = writeln!(
            out,
            "{indent}(lines are identical; only the final newline differs: {} {}, {} {})",
            labels.0,
            if expected.ends_with('\n') {
                "ends with one"
            } else {
                "has none"
            },
            labels.1,
            if actual.ends_with('\n') {
                "ends with one"
            } else {
                "has none"
            },
        );
        return out;
    }
    let ops = edit_script(&a, &b);
    let hunks = group_hunks(&ops);
    for &(start, end) in hunks.iter().take(MAX_HUNKS) {
        write_hunk(&mut out, &ops[start..end], (&a, &b), labels, indent);
    }
    if hunks.len() > MAX_HUNKS {
        let _ = writeln!(
            out,
            "{indent}… and {} more differing regions",
            hunks.len() - MAX_HUNKS
        );
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        let _ = writeln!(out, "{indent}(also: the final newline differs)");
    }
    out
}

/// Groups changed ops whose context windows touch into hunks of op indices `[start, end)`.
fn group_hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for (k, op) in ops.iter().enumerate() {
        if matches!(op, Op::Same(..)) {
            continue;
        }
        let start = k.saturating_sub(CONTEXT);
        let end = (k + 1 + CONTEXT).min(ops.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    hunks
}

/// Prints one hunk: a header with the first line number on each side, then context lines,
/// and each run of changes as its removed lines followed by its added lines.
fn write_hunk(
    out: &mut String,
    hunk: &[Op],
    sides: (&[&str], &[&str]),
    labels: (&str, &str),
    indent: &str,
) {
    let (a, b) = sides;
    let first_a = hunk.iter().find_map(|op| match op {
        Op::Same(i, _) | Op::Del(i) => Some(i + 1),
        Op::Ins(_) => None,
    });
    let first_b = hunk.iter().find_map(|op| match op {
        Op::Same(_, j) | Op::Ins(j) => Some(j + 1),
        Op::Del(_) => None,
    });
    let number = |n: Option<usize>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    let _ = writeln!(
        out,
        "{indent}@@ {} line {}, {} line {} @@",
        labels.0,
        number(first_a),
        labels.1,
        number(first_b),
    );
    let (mut dels, mut inss): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for op in hunk {
        match *op {
            Op::Same(i, _) => {
                flush_block(out, indent, labels, &mut dels, &mut inss);
                let _ = writeln!(out, "{indent}  {}", visible(a[i]));
            }
            Op::Del(i) => dels.push(a[i]),
            Op::Ins(j) => inss.push(b[j]),
        }
    }
    flush_block(out, indent, labels, &mut dels, &mut inss);
}

fn flush_block(
    out: &mut String,
    indent: &str,
    labels: (&str, &str),
    dels: &mut Vec<&str>,
    inss: &mut Vec<&str>,
) {
    for (sign, lines, owner) in [('-', &*dels, labels.0), ('+', &*inss, labels.1)] {
        for line in lines.iter().take(MAX_CHANGED_LINES) {
            let _ = writeln!(out, "{indent}{sign} {}", visible(line));
        }
        if lines.len() > MAX_CHANGED_LINES {
            let more = lines.len() - MAX_CHANGED_LINES;
            let _ = writeln!(out, "{indent}{sign} … {more} more lines only in {owner}");
        }
    }
    dels.clear();
    inss.clear();
}
