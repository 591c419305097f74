//! Running a `compute()` from the interpreter: planning the requested nodes, then
//! either the parallel executor with one interpreter per worker thread, or the
//! synchronous one on this interpreter (nested computes, `scheduler='sync'`).

use super::interp::{Interp, Shared};
use crate::array::exec::Exec;
use crate::diag::{ExcKind, PyResult};
use crate::graph::plan::Plan;
use crate::sched;
use crate::sched::monitor::ProgramStdout;
use crate::syntax::ast::Name;
use crate::value::array::{ArrayNode, NdArray};
use crate::value::lazy::Node;
use crate::value::Value;
use std::cell::RefCell;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Computes `roots` for the interpreter `interp` (the body of `Host::compute`).
pub fn compute(interp: &mut Interp, roots: &[Arc<Node>]) -> PyResult<Vec<Value>> {
    interp.flush();
    let plan = Plan::build(roots);
    // A compute reached from inside a task runs on this very thread: parking a
    // worker to wait for tasks that need that worker would deadlock
    // (architecture decision 8).
    if interp.shared.workers.sync || rayon::current_thread_index().is_some() {
        return compute_here(interp, &plan);
    }
    let workers = interp.shared.workers.clone();
    let pool = workers.pool()?;
    let shared = interp.shared.clone();
    let generation = next_generation();
    let call = move |func: &Value, args: Vec<Value>, kwargs: Vec<(Name, Value)>| {
        with_worker(&shared, generation, |worker| {
            worker.call_value(func, args, kwargs)
        })
    };
    let cancel = interp.shared.cancel.clone();
    let watching = interp.shared.watch.begin();
    let result = sched::run_parallel(&plan, pool, &call, &cancel, &watching.monitor);
    drop(watching);
    // Drop the workers' interpreters: they hold the globals snapshot, which would
    // otherwise make the next global assignment copy the globals.
    pool.broadcast(|_| WORKER.with(|w| w.borrow_mut().take()));
    if let Err(e) = &result {
        if e.kind() != ExcKind::KeyboardInterrupt {
            // The failing task raised the flag to stop the others; the session goes on.
            cancel.store(false, Ordering::SeqCst);
        }
    }
    result
}

/// Runs a plan's tasks one after another with this interpreter.
fn compute_here(interp: &mut Interp, plan: &Plan) -> PyResult<Vec<Value>> {
    let cancel = interp.shared.cancel.clone();
    let watch = interp.shared.watch.clone();
    let me = parking_lot::Mutex::new(interp);
    let call = |func: &Value, args: Vec<Value>, kwargs: Vec<(Name, Value)>| {
        me.lock().call_value(func, args, kwargs)
    };
    let watching = watch.watch(rayon::current_thread_index().is_some());
    sched::run_sync(plan, &call, &cancel, &watching.monitor)
}

thread_local! {
    /// Each worker thread's interpreter, tagged with the compute it belongs to.
    static WORKER: RefCell<Option<(u64, Interp)>> = const { RefCell::new(None) };
}

fn next_generation() -> u64 {
    static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    GENERATION.fetch_add(1, Ordering::Relaxed)
}

/// Runs `f` with this thread's interpreter for the current compute, creating it on
/// the thread's first task (one per thread, not per task).
fn with_worker<T>(shared: &Shared, generation: u64, f: impl FnOnce(&mut Interp) -> T) -> T {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(g, _)| *g != generation) {
            *slot = Some((
                generation,
                Interp::new(shared.clone(), Box::new(ProgramStdout)),
            ));
        }
        let (_, interp) = slot.as_mut().expect("set just above");
        f(interp)
    })
}

/// Computes lazy arrays for the interpreter (the body of `Host::compute_arrays`):
/// chunks run on the worker pool, and `map_blocks` functions on the workers' own
/// interpreters.
pub fn compute_arrays(
    interp: &mut Interp,
    roots: &[Arc<ArrayNode>],
) -> PyResult<Vec<Arc<NdArray>>> {
    interp.flush();
    let cancel = interp.shared.cancel.clone();
    let limit = crate::eval::darray::memory_limit();
    let watch = interp.shared.watch.clone();
    let result = if interp.shared.workers.sync || rayon::current_thread_index().is_some() {
        // Nested in a task, or the synchronous scheduler: run on this thread.
        let me = parking_lot::Mutex::new(&mut *interp);
        let call = |func: &Value, args: Vec<Value>| me.lock().call_value(func, args, Vec::new());
        let watching = watch.watch(rayon::current_thread_index().is_some());
        let exec = Exec::new(None, &cancel, &call, &watching.monitor, limit);
        exec.compute(roots)
    } else {
        let workers = interp.shared.workers.clone();
        let pool = workers.pool()?;
        let shared = interp.shared.clone();
        let generation = next_generation();
        let call = move |func: &Value, args: Vec<Value>| {
            with_worker(&shared, generation, |worker| {
                worker.call_value(func, args, Vec::new())
            })
        };
        let watching = watch.begin();
        let exec = Exec::new(Some(pool), &cancel, &call, &watching.monitor, limit);
        let result = exec.compute(roots);
        drop(watching);
        pool.broadcast(|_| WORKER.with(|w| w.borrow_mut().take()));
        result
    };
    if let Err(e) = &result {
        if e.kind() != ExcKind::KeyboardInterrupt {
            cancel.store(false, Ordering::SeqCst);
        }
    }
    result
}
