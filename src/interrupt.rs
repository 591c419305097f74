//! Stopping on request: SIGINT (Ctrl-C) and SIGTERM set the running session's
//! cancel flag, which every loop back-edge, call and chunk task watches, so a
//! computation stops within a block of work; SIGTERM also makes the process exit
//! with 143 once the program has unwound (removing half-written output) —
//! or after a grace period, if it is blocked where no flag is read.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Set when Ctrl-C arrives while code runs: eager NumPy-style array work, which has
/// no session at hand, watches this one.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Set when SIGTERM arrives: the program unwinds, its unclosed output files are
/// dropped unwritten, and the process exits with 128 + 15.
static TERMINATED: AtomicBool = AtomicBool::new(false);

/// Exit code after SIGINT (128 + 2) and SIGTERM (128 + 15), as shells report them.
pub const EXIT_INTERRUPTED: i32 = 130;
pub const EXIT_TERMINATED: i32 = 143;

/// How long a terminated pgs waits for the program to unwind before exiting anyway.
const TERMINATION_GRACE: Duration = Duration::from_secs(2);

/// Whether the process is stopping because of a signal: output files opened and not
/// closed are then abandoned, not written half-done.
pub fn stopping() -> bool {
    INTERRUPTED.load(Ordering::Relaxed) || TERMINATED.load(Ordering::Relaxed)
}

pub fn terminated() -> bool {
    TERMINATED.load(Ordering::Relaxed)
}

/// KeyboardInterrupt once Ctrl-C has arrived, for long loops with no session at hand
/// (collecting an iterator, `in` over one).
///
/// # Errors
/// KeyboardInterrupt when [`INTERRUPTED`] is set.
pub fn check() -> crate::diag::PyResult<()> {
    if INTERRUPTED.load(Ordering::Relaxed) {
        return Err(crate::diag::PyError::new(
            crate::diag::ExcKind::KeyboardInterrupt,
            "",
        ));
    }
    Ok(())
}

/// A new input starts with no stop requested.
pub fn reset() {
    INTERRUPTED.store(false, Ordering::Relaxed);
}

/// Watches SIGINT and SIGTERM on a thread of their own (no work in a signal
/// handler), raising `cancel` for each.
///
/// # Errors
/// When the signal handlers cannot be installed.
pub fn install(cancel: Arc<AtomicBool>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("pgs-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTERM {
                    TERMINATED.store(true, Ordering::SeqCst);
                    INTERRUPTED.store(true, Ordering::SeqCst);
                    cancel.store(true, Ordering::SeqCst);
                    std::thread::sleep(TERMINATION_GRACE);
                    // Still here: the program is blocked where no flag is read (or the
                    // REPL is waiting for input). Files never renamed stay unwritten.
                    std::process::exit(EXIT_TERMINATED);
                }
                INTERRUPTED.store(true, Ordering::SeqCst);
                cancel.store(true, Ordering::SeqCst);
            }
        })?;
    Ok(())
}
