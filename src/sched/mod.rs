//! Running a [`Plan`]: a task runs when its inputs are done, its result is freed as
//! soon as its last consumer has finished, and the first error (or Ctrl-C) stops the
//! computation promptly. Two executors share the task logic: [`run_sync`] on the
//! calling thread (nested computes, one worker, tests) and [`run_parallel`] on a
//! rayon pool.

use crate::diag::{ExcKind, PyError, PyResult};
use crate::graph::plan::Plan;
use crate::syntax::ast::Name;
use crate::value::lazy::{Node, Op, Template};
use crate::value::Value;
use parking_lot::Mutex;
use rayon::prelude::*;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Instant;

pub mod monitor;
use monitor::Monitor;

/// How a task calls a function: the interpreter supplies it (sched does not know
/// the interpreter, only values).
pub type CallFn<'a> = dyn Fn(&Value, Vec<Value>, Vec<(Name, Value)>) -> PyResult<Value> + Sync + 'a;

/// Rebuilds an argument around the results of the tasks it depends on.
fn materialize(t: &Template, dep: &dyn Fn(u32) -> Value) -> Value {
    match t {
        Template::Const(v) => v.clone(),
        Template::Dep(k) => dep(*k),
        Template::List(items) => Value::list(items.iter().map(|x| materialize(x, dep)).collect()),
        Template::Tuple(items) => Value::tuple(items.iter().map(|x| materialize(x, dep)).collect()),
        Template::Dict(items) => Value::dict(
            items
                .iter()
                .map(|(k, x)| (k.clone(), materialize(x, dep)))
                .collect(),
        ),
    }
}

/// Runs one task. An error gets a traceback line naming the task at the source line
/// that created it.
fn execute(node: &Node, dep: &dyn Fn(u32) -> Value, call: &CallFn) -> PyResult<Value> {
    match &node.op {
        Op::Literal(v) => Ok(v.clone()),
        Op::Function { func, .. } => Ok(func.clone()),
        Op::Collection(t) => Ok(materialize(t, dep)),
        Op::Call { func, args, kwargs } => {
            let f = materialize(func, dep);
            let args = args.iter().map(|t| materialize(t, dep)).collect();
            let kwargs = kwargs
                .iter()
                .map(|(k, t)| (k.clone(), materialize(t, dep)))
                .collect();
            call(&f, args, kwargs).map_err(|e| task_error(e, node))
        }
    }
}

#[cold]
fn task_error(e: PyError, node: &Node) -> PyError {
    if e.kind() == ExcKind::KeyboardInterrupt {
        return e;
    }
    e.at(node.origin)
        .leave_frame(&Arc::from(format!("task {}", node.key())), node.origin)
}

/// Runs a task and reports it to the monitor (with its result's size when a
/// profile is recorded).
fn execute_watched(
    node: &Node,
    dep: &dyn Fn(u32) -> Value,
    call: &CallFn,
    monitor: &Monitor,
) -> PyResult<Value> {
    let start = Instant::now();
    let value = execute_guarded(node, dep, call)?;
    let bytes = if monitor.profiling {
        value.deep_size()
    } else {
        0
    };
    monitor.task_done(monitor.op(&node.name, node.origin), start, bytes);
    Ok(value)
}

/// Runs a task, turning a panic into an internal error: the process and the
/// session survive a bug in a task.
fn execute_guarded(node: &Node, dep: &dyn Fn(u32) -> Value, call: &CallFn) -> PyResult<Value> {
    std::panic::catch_unwind(AssertUnwindSafe(|| execute(node, dep, call))).unwrap_or_else(
        |panic| {
            let what = crate::diag::panic_message(&*panic);
            Err(PyError::new(
                ExcKind::InternalError,
                format!("a task panicked (a bug in pgs, please report it): {what}"),
            )
            .at(node.origin)
            .leave_frame(&Arc::from(format!("task {}", node.key())), node.origin))
        },
    )
}

fn interrupted() -> PyError {
    PyError::new(ExcKind::KeyboardInterrupt, "")
}

/// Runs every task in order on the calling thread.
///
/// # Errors
/// The first task's error, or KeyboardInterrupt when `cancel` is set.
pub fn run_sync(
    plan: &Plan,
    call: &CallFn,
    cancel: &AtomicBool,
    monitor: &Monitor,
) -> PyResult<Vec<Value>> {
    let n = plan.len();
    monitor.add_tasks(n);
    let mut results: Vec<Option<Value>> = vec![None; n];
    let mut consumers: Vec<u32> = (0..n).map(|i| plan.dependents(i).len() as u32).collect();
    let mut is_root = vec![false; n];
    plan.roots.iter().for_each(|&r| is_root[r as usize] = true);
    for i in 0..n {
        if cancel.load(Ordering::Relaxed) {
            return Err(interrupted());
        }
        let deps = plan.deps(i);
        let value = {
            let dep = |k: u32| {
                results[deps[k as usize] as usize]
                    .clone()
                    .unwrap_or_default()
            };
            execute_watched(&plan.nodes[i], &dep, call, monitor)?
        };
        results[i] = Some(value);
        for &d in deps {
            consumers[d as usize] -= 1;
            if consumers[d as usize] == 0 && !is_root[d as usize] {
                results[d as usize] = None;
            }
        }
    }
    Ok(plan
        .roots
        .iter()
        .map(|&r| results[r as usize].clone().unwrap_or_default())
        .collect())
}

/// Shared state of one parallel run.
struct Run<'a> {
    plan: &'a Plan,
    call: &'a CallFn<'a>,
    results: Vec<Mutex<Option<Value>>>,
    /// Inputs not yet finished, per task.
    waiting: Vec<AtomicU32>,
    /// Consumers not yet finished, per task: at zero its result is freed.
    consumers: Vec<AtomicU32>,
    is_root: Vec<bool>,
    failure: Mutex<Option<PyError>>,
    stop: &'a AtomicBool,
    monitor: &'a Monitor,
}

impl Run<'_> {
    /// Runs task `first`, then keeps going depth-first: the first dependent it makes
    /// ready runs next on this thread (finishing a branch frees its inputs sooner);
    /// other newly ready tasks are spawned for idle workers to steal.
    fn run_from<'s>(&'s self, first: u32, scope: &rayon::Scope<'s>) {
        let mut next = Some(first);
        while let Some(i) = next.take() {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            let i = i as usize;
            let deps = self.plan.deps(i);
            let dep = |k: u32| {
                self.results[deps[k as usize] as usize]
                    .lock()
                    .clone()
                    .unwrap_or_default()
            };
            match execute_watched(&self.plan.nodes[i], &dep, self.call, self.monitor) {
                Ok(v) => *self.results[i].lock() = Some(v),
                Err(e) => {
                    self.fail(e);
                    return;
                }
            }
            self.release_inputs(deps);
            for &k in self.plan.dependents(i) {
                if self.waiting[k as usize].fetch_sub(1, Ordering::AcqRel) == 1 {
                    if next.is_none() {
                        next = Some(k);
                    } else {
                        scope.spawn(move |s| self.run_from(k, s));
                    }
                }
            }
        }
    }

    fn release_inputs(&self, deps: &[u32]) {
        for &d in deps {
            let d = d as usize;
            if self.consumers[d].fetch_sub(1, Ordering::AcqRel) == 1 && !self.is_root[d] {
                *self.results[d].lock() = None;
            }
        }
    }

    /// Keeps the first error and stops every worker: no new task starts, and running
    /// pgs code sees the flag at its next loop back-edge or call.
    #[cold]
    fn fail(&self, e: PyError) {
        let mut failure = self.failure.lock();
        if failure.is_none() {
            *failure = Some(e);
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Runs the plan on `pool`. `stop` is the cancel flag the running pgs code watches:
/// Ctrl-C sets it from outside, and the first failing task sets it too.
///
/// # Errors
/// The first task's error (KeyboardInterrupt if the run was cancelled).
pub fn run_parallel(
    plan: &Plan,
    pool: &rayon::ThreadPool,
    call: &CallFn,
    stop: &AtomicBool,
    monitor: &Monitor,
) -> PyResult<Vec<Value>> {
    let n = plan.len();
    monitor.add_tasks(n);
    let mut is_root = vec![false; n];
    plan.roots.iter().for_each(|&r| is_root[r as usize] = true);
    let run = Run {
        plan,
        call,
        results: (0..n).map(|_| Mutex::new(None)).collect(),
        waiting: (0..n)
            .map(|i| AtomicU32::new(plan.deps(i).len() as u32))
            .collect(),
        consumers: (0..n)
            .map(|i| AtomicU32::new(plan.dependents(i).len() as u32))
            .collect(),
        is_root,
        failure: Mutex::new(None),
        stop,
        monitor,
    };
    let ready: Vec<u32> = (0..n as u32)
        .filter(|&i| plan.deps(i as usize).is_empty())
        .collect();
    pool.install(|| {
        rayon::scope(|scope| {
            // Chunks of ready tasks (often a million leaves) per rayon job, so
            // spawning costs nothing per task.
            ready.par_iter().for_each(|&i| run.run_from(i, scope));
        })
    });
    if let Some(e) = run.failure.into_inner() {
        return Err(e);
    }
    if stop.load(Ordering::Relaxed) {
        return Err(interrupted());
    }
    let results = run.results;
    Ok(plan
        .roots
        .iter()
        .map(|&r| results[r as usize].lock().clone().unwrap_or_default())
        .collect())
}

/// The worker threads of a session: a rayon pool built on first use, or none when
/// tasks run on the calling thread (`scheduler='sync'`).
pub struct Workers {
    threads: usize,
    pub sync: bool,
    pool: std::sync::OnceLock<Result<rayon::ThreadPool, String>>,
}

/// Stack for worker threads: pgs code recurses up to the recursion limit there too.
const WORKER_STACK_BYTES: usize = 256 << 20;

impl Workers {
    /// `threads == 0` means one per core.
    pub fn new(threads: usize, sync: bool) -> Workers {
        Workers {
            threads,
            sync,
            pool: std::sync::OnceLock::new(),
        }
    }

    pub fn threads(&self) -> usize {
        if self.threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            self.threads
        }
    }

    /// The pool, started on first use.
    ///
    /// # Errors
    /// A RuntimeError if the operating system refuses to start the threads.
    pub fn pool(&self) -> PyResult<&rayon::ThreadPool> {
        self.pool
            .get_or_init(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(self.threads())
                    .stack_size(WORKER_STACK_BYTES)
                    .thread_name(|i| format!("pgs-worker-{i}"))
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| PyError::runtime_error(format!("cannot start worker threads: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn node(token: u64, deps: Vec<Arc<Node>>) -> Arc<Node> {
        let args = (0..deps.len() as u32).map(Template::Dep).collect();
        Arc::new(Node {
            name: Arc::from("t"),
            token,
            op: Op::Call {
                func: Template::Const(Value::Int(token as i64)),
                args,
                kwargs: Vec::new(),
            },
            deps,
            origin: Span::default(),
            nout: None,
        })
    }

    /// The "function" is the task's own number; the result adds the inputs to it.
    fn add_inputs(f: &Value, args: Vec<Value>, _: Vec<(Name, Value)>) -> PyResult<Value> {
        let base = f.as_int().unwrap_or(0);
        Ok(Value::Int(
            base + args.iter().filter_map(Value::as_int).sum::<i64>(),
        ))
    }

    fn diamond() -> Plan {
        let a = node(1, vec![]);
        let b = node(2, vec![a.clone()]);
        let c = node(3, vec![a.clone()]);
        let d = node(4, vec![b, c, a]);
        Plan::build(&[d])
    }

    #[test]
    fn plan_orders_dependencies_first_and_shares_nodes() {
        let plan = diamond();
        assert_eq!(plan.len(), 4);
        for i in 0..plan.len() {
            assert!(plan.deps(i).iter().all(|&d| (d as usize) < i));
        }
        assert_eq!(plan.dependents(0).len(), 3);
    }

    #[test]
    fn sync_and_parallel_executors_agree() {
        let plan = diamond();
        let stop = AtomicBool::new(false);
        let sync = run_sync(&plan, &add_inputs, &stop, &Monitor::detached()).expect("runs");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .expect("pool");
        let parallel =
            run_parallel(&plan, &pool, &add_inputs, &stop, &Monitor::detached()).expect("runs");
        assert_eq!(sync[0].as_int(), Some(4 + (2 + 1) + (3 + 1) + 1));
        assert_eq!(parallel[0].as_int(), sync[0].as_int());
    }

    #[test]
    fn a_panicking_task_is_an_internal_error_not_a_crash() {
        let plan = diamond();
        let stop = AtomicBool::new(false);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool");
        let panics =
            |_: &Value, _: Vec<Value>, _: Vec<(Name, Value)>| -> PyResult<Value> { panic!("boom") };
        let err = run_parallel(&plan, &pool, &panics, &stop, &Monitor::detached())
            .expect_err("the panic is reported");
        assert_eq!(err.kind(), ExcKind::InternalError);
        assert!(err.message().contains("boom"));
        // The pool survives and runs the next computation.
        stop.store(false, Ordering::SeqCst);
        assert!(run_parallel(&plan, &pool, &add_inputs, &stop, &Monitor::detached()).is_ok());
    }

    #[test]
    fn a_deep_chain_runs_and_drops_without_recursion() {
        // Ten thousand nodes in a line: planning, running and dropping the graph
        // must all be iterative.
        let mut prev = node(1, vec![]);
        for t in 2..10_000 {
            prev = node(t, vec![prev]);
        }
        let plan = Plan::build(&[prev]);
        let stop = AtomicBool::new(false);
        let out = run_sync(&plan, &add_inputs, &stop, &Monitor::detached())
            .expect("a deep chain runs without recursion");
        assert_eq!(out[0].as_int(), Some((1..10_000).sum()));
    }
}
