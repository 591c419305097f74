//! Replays the checked-in fuzz corpora (`fuzz/corpus/{lex,parse,eval}/`) through the
//! drivers the cargo-fuzz targets call (`pgs::fuzzing`): no input may panic, and every
//! program must end, with a value or a Python exception, under the same budget as
//! when fuzzing (a watchdog interrupt, `PGS_MEMORY_LIMIT`, output to a sink).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The watchdog's budget per program: shorter than the fuzzers' so the replay stays fast.
const EVAL_BUDGET: Duration = Duration::from_millis(50);

/// An input still running after this long has hung: the watchdog failed to stop it.
const HANG_LIMIT: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug)]
enum Target {
    Lex,
    Parse,
    Eval,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Lex => "lex",
            Target::Parse => "parse",
            Target::Eval => "eval",
        }
    }

    fn run(self, data: &[u8]) {
        match self {
            Target::Lex => pgs::fuzzing::lex(data),
            Target::Parse => pgs::fuzzing::parse(data),
            Target::Eval => {
                let _ = pgs::fuzzing::eval(data, EVAL_BUDGET);
            }
        }
    }
}

fn corpus(target: Target) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join("corpus")
        .join(target.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// What one worker is running, and since when.
type Running = Mutex<Option<(String, Instant)>>;

#[test]
fn every_corpus_input_replays_without_a_panic_or_a_hang() {
    pgs::fuzzing::init();
    // Fuzzed programs open files for writing by relative path: keep them out of the
    // checkout. This test is alone in its binary, so changing directory is safe.
    let scratch = tempfile::tempdir().expect("a temporary directory");
    std::env::set_current_dir(scratch.path()).expect("enter the temporary directory");

    let jobs: Vec<(Target, PathBuf)> = [Target::Lex, Target::Parse, Target::Eval]
        .into_iter()
        .flat_map(|t| corpus(t).into_iter().map(move |p| (t, p)))
        .collect();
    assert!(!jobs.is_empty(), "the fuzz corpora are empty");
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let running: Arc<Vec<Running>> = Arc::new((0..workers).map(|_| Mutex::new(None)).collect());

    let handles: Vec<_> = (0..workers)
        .map(|w| {
            let (jobs, next, failures, running) = (
                jobs.clone(),
                next.clone(),
                failures.clone(),
                running.clone(),
            );
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((target, path)) = jobs.get(i) else {
                    break;
                };
                let label = format!("{}/{}", target.name(), file_name(path));
                *running[w].lock().expect("running slot") = Some((label.clone(), Instant::now()));
                let outcome = match std::fs::read(path) {
                    Ok(data) => catch_unwind(AssertUnwindSafe(|| target.run(&data)))
                        .map_err(|panic| pgs::diag::panic_message(&*panic)),
                    Err(e) => Err(format!("cannot read: {e}")),
                };
                if let Err(why) = outcome {
                    failures
                        .lock()
                        .expect("failures")
                        .push(format!("{label}: {why}"));
                }
                *running[w].lock().expect("running slot") = None;
            })
        })
        .collect();

    let mut hung = Vec::new();
    while !handles.iter().all(|h| h.is_finished()) {
        std::thread::sleep(Duration::from_millis(50));
        for slot in running.iter() {
            if let Some((label, since)) = &*slot.lock().expect("running slot") {
                if since.elapsed() > HANG_LIMIT && !hung.contains(label) {
                    hung.push(label.clone());
                }
            }
        }
        if !hung.is_empty() {
            break;
        }
    }
    let mut failures = failures.lock().expect("failures").clone();
    failures.extend(
        hung.iter()
            .map(|l| format!("{l}: still running after {HANG_LIMIT:?}")),
    );
    assert!(
        failures.is_empty(),
        "{} of {} corpus inputs failed:\n{}",
        failures.len(),
        jobs.len(),
        failures.join("\n")
    );
    for handle in handles {
        handle.join().expect("workers catch every panic");
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}
