//! The scheduler through the real interpreter: random delayed graphs give the same
//! answer on 1, 2 and 8 threads and on the synchronous executor; a failing task stops
//! the whole computation and leaves nothing running.

use pgs::session::{Options, Session};
use proptest::prelude::*;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Program output captured in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `source` on a session with `threads` workers; returns stdout or the error.
fn run(source: &str, threads: usize) -> Result<String, String> {
    let out = Captured::default();
    let mut session = Session::new(
        Options {
            argv: vec!["test".into()],
            threads,
            ..Options::default()
        },
        Box::new(out.clone()),
    );
    let result = session.run("graph.pgs", source);
    let text = String::from_utf8_lossy(&out.0.lock().expect("not poisoned")).into_owned();
    match result {
        Ok(()) => Ok(text),
        Err(e) => Err(session.render_error(&e)),
    }
}

/// A pgs program building a delayed DAG: node i depends on the listed earlier nodes.
fn dag_program(deps: &[Vec<usize>], sync: bool) -> String {
    let mut src = String::from(
        "import dask\n\
         def mix(k, *xs):\n    t = k\n    for x in xs:\n        t = (t * 31 + x) % 1000003\n    return t\n",
    );
    if sync {
        src.push_str("dask.config.set(scheduler='sync')\n");
    }
    for (i, ds) in deps.iter().enumerate() {
        let args: Vec<String> = std::iter::once(i.to_string())
            .chain(ds.iter().map(|d| format!("n{d}")))
            .collect();
        src.push_str(&format!("n{i} = dask.delayed(mix)({})\n", args.join(", ")));
    }
    let roots: Vec<String> = (0..deps.len())
        .filter(|i| i % 3 == 0)
        .map(|i| format!("n{i}"))
        .collect();
    src.push_str(&format!("print(dask.compute({}))\n", roots.join(", ")));
    src.push_str(&format!(
        "print(dask.delayed(sum)([{}]).compute())\n",
        roots.join(", ")
    ));
    src
}

fn dag() -> impl Strategy<Value = Vec<Vec<usize>>> {
    (1usize..80).prop_flat_map(|n| {
        (0..n)
            .map(|i| {
                if i == 0 {
                    Just(Vec::new()).boxed()
                } else {
                    proptest::collection::vec(0..i, 0..4).boxed()
                }
            })
            .collect::<Vec<_>>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_dags_agree_across_thread_counts(deps in dag()) {
        let expected = run(&dag_program(&deps, true), 1).expect("sync run succeeds");
        for threads in [1, 2, 8] {
            let got = run(&dag_program(&deps, false), threads).expect("parallel run succeeds");
            prop_assert_eq!(&got, &expected, "threads = {}", threads);
        }
    }
}

#[test]
fn first_error_stops_the_computation_and_nothing_keeps_running() {
    // Slow tasks append to a shared list; after the failing compute returns, the list
    // must not grow any more: no task outlived the compute.
    let source = "\
import dask, time
log = []
def slow(i):
    time.sleep(0.05)
    log.append(i)
    return i
def boom():
    raise_it = 1 / 0
    return raise_it
tasks = [dask.delayed(boom)()]
tasks.extend([dask.delayed(slow)(i) for i in range(200)])
total = dask.delayed(sum)(tasks)
try_it = total
";
    let out = Captured::default();
    let mut session = Session::new(
        Options {
            argv: vec!["t".into()],
            threads: 4,
            ..Options::default()
        },
        Box::new(out.clone()),
    );
    session.run("setup.pgs", source).expect("setup runs");
    let err = session
        .run("compute.pgs", "try_it.compute()\n")
        .expect_err("a task fails");
    assert!(session.render_error(&err).contains("ZeroDivisionError"));
    session
        .run("n1.pgs", "n1 = len(log)\n")
        .expect("session still works");
    std::thread::sleep(std::time::Duration::from_millis(300));
    session
        .run("check.pgs", "print(n1 == len(log), n1 < 200)\n")
        .expect("session still works");
    assert_eq!(
        String::from_utf8_lossy(&out.0.lock().expect("not poisoned")),
        "True True\n"
    );
}

#[test]
fn a_task_error_names_the_line_that_created_the_task() {
    let source =
        "import dask\ndef f(x):\n    return x[5]\nd = dask.delayed(f)([1, 2])\nd.compute()\n";
    let report = run(source, 2).expect_err("IndexError in the task");
    assert!(report.contains("line 4"), "{report}");
    assert!(report.contains("in task f-"), "{report}");
    assert!(report.contains("line 3"), "{report}");
    assert!(
        report
            .trim_end()
            .ends_with("IndexError: list index out of range"),
        "{report}"
    );
}

#[test]
fn a_compute_inside_a_task_runs_inline_without_deadlock() {
    let source = "\
import dask
def inner(x):
    return dask.delayed(lambda y: y * 2)(x).compute()
parts = [dask.delayed(inner)(i) for i in range(50)]
print(dask.delayed(sum)(parts).compute())
";
    assert_eq!(run(source, 2).expect("nested computes finish"), "2450\n");
}

#[test]
fn shared_work_runs_once() {
    // Each call of `count` appends to a list; a value used by three roots is
    // computed once when they are computed together.
    let source = "\
import dask
seen = []
def count(x):
    seen.append(x)
    return x
a = dask.delayed(count)(1)
b = a + 1
c = a * 3
print(dask.compute(a, b, c), len(seen))
";
    assert_eq!(run(source, 2).expect("runs"), "(1, 2, 3) 1\n");
}
