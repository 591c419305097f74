//! Watching computations: every executor reports each finished task here, which
//! feeds the progress bar (tasks done/total, shown after half a second on a
//! terminal) and, while a profile is being recorded, the time and bytes per
//! operation that `--profile`, `:profile` and `profile()` print.

use crate::source::Span;
use indexmap::IndexMap;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parking_lot::{Condvar, Mutex};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A computation shorter than this shows no progress bar: it would only flicker.
const PROGRESS_DELAY: Duration = Duration::from_millis(500);
/// How often the bar (or, when forced off a terminal, a status line) is redrawn.
const PROGRESS_TICK: Duration = Duration::from_millis(100);
const PROGRESS_LINE_EVERY: Duration = Duration::from_secs(1);

/// When to show progress (`--progress` / `--no-progress`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar on stderr when stderr is a terminal.
    #[default]
    Auto,
    /// Always: a bar on a terminal, a status line a second otherwise.
    Always,
    Never,
}

/// What one operation (one `delayed` function at one source line, or one lowered
/// array operation) cost.
#[derive(Clone, Debug, Default)]
pub struct OpStats {
    pub tasks: u64,
    /// Time spent inside this operation's tasks, summed over threads.
    pub busy: Duration,
    /// Size of the results its tasks produced.
    pub bytes: u64,
}

/// Where a task's work is accounted: the operation's name and the source line
/// that created it.
pub type OpKey = (Arc<str>, Span);

/// The tasks of one `compute()` as they finish.
pub struct Monitor {
    started: Instant,
    total: AtomicU64,
    done: AtomicU64,
    /// Whether results are measured (sizes cost a walk over each result).
    pub profiling: bool,
    ops: Mutex<IndexMap<OpKey, OpStats>>,
    finished: Mutex<bool>,
    wake: Condvar,
}

/// A handle to one operation's row, so a task can report without a lookup.
#[derive(Clone, Copy, Debug)]
pub struct OpId(usize);

impl Monitor {
    fn new(profiling: bool) -> Monitor {
        Monitor {
            started: Instant::now(),
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
            profiling,
            ops: Mutex::new(IndexMap::new()),
            finished: Mutex::new(false),
            wake: Condvar::new(),
        }
    }

    /// A monitor that only counts: for computations nested inside a task, whose
    /// progress is part of the task that runs them.
    pub fn detached() -> Arc<Monitor> {
        Arc::new(Monitor::new(false))
    }

    /// Announces `n` more tasks (array phases are lowered one after another, so the
    /// total grows as a computation goes).
    pub fn add_tasks(&self, n: usize) {
        self.total.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// The row for operation `name` created at `origin`.
    pub fn op(&self, name: &str, origin: Span) -> OpId {
        let mut ops = self.ops.lock();
        let key: OpKey = (Arc::from(name), origin);
        if let Some(i) = ops.get_index_of(&key) {
            return OpId(i);
        }
        ops.insert(key, OpStats::default());
        OpId(ops.len() - 1)
    }

    /// Records one finished task of `op` that started at `start`.
    pub fn task_done(&self, op: OpId, start: Instant, bytes: usize) {
        let busy = start.elapsed();
        self.done.fetch_add(1, Ordering::Relaxed);
        if let Some((_, stats)) = self.ops.lock().get_index_mut(op.0) {
            stats.tasks += 1;
            stats.busy += busy;
            stats.bytes += bytes as u64;
        }
    }

    pub fn progress(&self) -> (u64, u64) {
        let done = self.done.load(Ordering::Relaxed);
        (done, self.total.load(Ordering::Relaxed).max(done))
    }

    fn finish(&self) {
        *self.finished.lock() = true;
        self.wake.notify_all();
    }

    /// Sleeps up to `timeout`; true once the computation has finished.
    fn wait_finished(&self, timeout: Duration) -> bool {
        let mut finished = self.finished.lock();
        if !*finished {
            self.wake.wait_for(&mut finished, timeout);
        }
        *finished
    }
}

/// What a recorded profile holds: the operations of every computation in it, and
/// the process's clocks at its start.
#[derive(Clone, Debug)]
pub struct Profile {
    pub ops: IndexMap<OpKey, OpStats>,
    pub started: Instant,
    cpu_at_start: Duration,
    /// Wall time spent inside computations.
    pub compute_wall: Duration,
    pub computes: u64,
}

/// A finished profile with the clocks read at its end.
pub struct ProfileReport {
    pub ops: Vec<(OpKey, OpStats)>,
    pub wall: Duration,
    pub cpu: Duration,
    pub compute_wall: Duration,
    pub computes: u64,
    pub threads: usize,
    /// The process's peak resident memory so far.
    pub peak_rss: u64,
}

impl ProfileReport {
    /// Time inside tasks over the time the workers had while computing.
    pub fn parallel_efficiency(&self) -> Option<f64> {
        let busy: f64 = self.ops.iter().map(|(_, s)| s.busy.as_secs_f64()).sum();
        let capacity = self.compute_wall.as_secs_f64() * self.threads as f64;
        (capacity > 0.0).then(|| (busy / capacity).min(1.0))
    }
}

/// The session's view of its computations: the progress setting, the one
/// computation running now (for the bar) and the profile being recorded.
pub struct Watch {
    pub progress: ProgressMode,
    profile: Mutex<Option<Profile>>,
    /// A top-level computation is being watched: one started inside it (from a
    /// task, or by the synchronous scheduler) is part of it.
    busy: std::sync::atomic::AtomicBool,
}

/// A top-level computation in flight (or, nested inside a task, a monitor that
/// only counts): ends the progress display and folds the
/// computation's figures into the profile when dropped.
pub struct Watching {
    watch: Arc<Watch>,
    pub monitor: Arc<Monitor>,
    ticker: Option<std::thread::JoinHandle<()>>,
    /// Whether this is the top-level computation (and owns `Watch::busy`).
    top: bool,
}

impl Watch {
    pub fn new(progress: ProgressMode) -> Watch {
        Watch {
            progress,
            profile: Mutex::new(None),
            busy: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Starts watching a top-level computation.
    pub fn begin(self: &Arc<Self>) -> Watching {
        if self.busy.swap(true, Ordering::AcqRel) {
            return self.watch(true);
        }
        let monitor = Arc::new(Monitor::new(self.profile.lock().is_some()));
        let show = match self.progress {
            ProgressMode::Never => None,
            ProgressMode::Always => Some(std::io::stderr().is_terminal()),
            ProgressMode::Auto => std::io::stderr().is_terminal().then_some(true),
        };
        let ticker = show.and_then(|terminal| {
            let m = monitor.clone();
            std::thread::Builder::new()
                .name("pgs-progress".into())
                .spawn(move || show_progress(&m, terminal))
                .ok()
        });
        Watching {
            watch: self.clone(),
            monitor,
            ticker,
            top: true,
        }
    }

    /// Watches a computation: a top-level one shows progress and joins the profile;
    /// one nested inside a task is part of that task.
    pub fn watch(self: &Arc<Self>, nested: bool) -> Watching {
        if nested {
            Watching {
                watch: self.clone(),
                monitor: Monitor::detached(),
                ticker: None,
                top: false,
            }
        } else {
            self.begin()
        }
    }

    /// Starts recording a profile (replacing one in progress).
    pub fn start_profile(&self) {
        *self.profile.lock() = Some(Profile {
            ops: IndexMap::new(),
            started: Instant::now(),
            cpu_at_start: process_cpu_time(),
            compute_wall: Duration::ZERO,
            computes: 0,
        });
    }

    /// Stops recording and reads the clocks; `threads` is the worker count now
    /// (a program may change it with `dask.config.set`).
    pub fn finish_profile(&self, threads: usize) -> Option<ProfileReport> {
        let profile = self.profile.lock().take()?;
        Some(ProfileReport {
            ops: profile.ops.into_iter().collect(),
            wall: profile.started.elapsed(),
            cpu: process_cpu_time().saturating_sub(profile.cpu_at_start),
            compute_wall: profile.compute_wall,
            computes: profile.computes,
            threads,
            peak_rss: peak_resident_bytes(),
        })
    }

    pub fn profiling(&self) -> bool {
        self.profile.lock().is_some()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        if !self.top {
            return;
        }
        self.watch.busy.store(false, Ordering::Release);
        self.monitor.finish();
        if let Some(ticker) = self.ticker.take() {
            // The ticker clears the bar before it returns, so the prompt or the
            // program's next output starts on a clean line.
            let _ = ticker.join();
        }
        if let Some(profile) = self.watch.profile.lock().as_mut() {
            profile.compute_wall += self.monitor.started.elapsed();
            profile.computes += 1;
            for (key, stats) in self.monitor.ops.lock().drain(..) {
                let row = profile.ops.entry(key).or_default();
                row.tasks += stats.tasks;
                row.busy += stats.busy;
                row.bytes += stats.bytes;
            }
        }
    }
}

/// The bar now on screen, so program output can be printed around it.
static ACTIVE_BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// The progress thread: waits half a second, then redraws until the computation
/// ends.
fn show_progress(monitor: &Monitor, terminal: bool) {
    if monitor.wait_finished(PROGRESS_DELAY) {
        return;
    }
    if !terminal {
        return print_status_lines(monitor);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "[{elapsed_precise}] {wide_bar} {pos}/{len} tasks ({msg}, eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    *ACTIVE_BAR.lock() = Some(bar.clone());
    loop {
        let (done, total) = monitor.progress();
        bar.set_length(total);
        bar.set_position(done);
        let rate = done as f64 / monitor.started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!("{rate:.0} tasks/s"));
        if monitor.wait_finished(PROGRESS_TICK) {
            break;
        }
    }
    ACTIVE_BAR.lock().take();
    bar.finish_and_clear();
}

/// `--progress` when stderr is not a terminal: a plain line a second, which a log
/// file can keep.
fn print_status_lines(monitor: &Monitor) {
    loop {
        let (done, total) = monitor.progress();
        let elapsed = monitor.started.elapsed().as_secs_f64();
        let _ = writeln!(
            std::io::stderr(),
            "[pgs] {done}/{total} tasks, {elapsed:.1} s"
        );
        if monitor.wait_finished(PROGRESS_LINE_EVERY) {
            return;
        }
    }
}

/// Standard output that steps around the progress bar: output printed by a task
/// while the bar is shown appears above it instead of inside it.
pub struct ProgramStdout;

impl Write for ProgramStdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let bar = ACTIVE_BAR.lock().clone();
        match bar {
            Some(bar) => bar.suspend(|| {
                let mut out = std::io::stdout().lock();
                out.write_all(buf)?;
                out.flush()?;
                Ok(buf.len())
            }),
            None => std::io::stdout().write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stdout().flush()
    }
}

/// User plus system CPU time of the whole process so far.
pub fn process_cpu_time() -> Duration {
    let (user, sys) = process_cpu_times();
    user + sys
}

/// User and system CPU time of the whole process so far.
pub fn process_cpu_times() -> (Duration, Duration) {
    let Some(usage) = resource_usage() else {
        return (Duration::ZERO, Duration::ZERO);
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    (time(usage.ru_utime), time(usage.ru_stime))
}

/// The process's peak resident set size, in bytes.
pub fn peak_resident_bytes() -> u64 {
    // Linux reports ru_maxrss in KiB.
    resource_usage().map_or(0, |u| u.ru_maxrss.max(0) as u64 * 1024)
}

fn resource_usage() -> Option<libc::rusage> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a whole rusage into the pointer it is given, which
    // points at memory of exactly that type; we read it only when it succeeds.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    // SAFETY: a zero status means the struct was filled in (and it began zeroed).
    (status == 0).then(|| unsafe { usage.assume_init() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_adds_up_the_tasks_of_every_computation() {
        let watch = Arc::new(Watch::new(ProgressMode::Never));
        watch.start_profile();
        for _ in 0..2 {
            let w = watch.begin();
            assert!(w.monitor.profiling);
            w.monitor.add_tasks(3);
            let op = w.monitor.op("add", Span::default());
            for _ in 0..3 {
                w.monitor.task_done(op, Instant::now(), 8);
            }
            assert_eq!(w.monitor.progress(), (3, 3));
        }
        let report = watch.finish_profile(2).expect("recording");
        assert_eq!(report.computes, 2);
        assert_eq!(report.ops.len(), 1);
        assert_eq!(report.ops[0].1.tasks, 6);
        assert_eq!(report.ops[0].1.bytes, 48);
        assert!(report.peak_rss > 0);
        assert!(watch.finish_profile(2).is_none(), "the profile ended");
    }

    #[test]
    fn without_a_profile_nothing_is_measured() {
        let watch = Arc::new(Watch::new(ProgressMode::Never));
        assert!(!watch.begin().monitor.profiling);
    }
}
