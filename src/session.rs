//! A `Session` holds everything one pgs process knows: the sources it has read, the
//! global names and values, and the options. `run` (parse → resolve → evaluate) is
//! the one entry point the CLI, the REPL and the tests use.

use crate::diag::render::render;
use crate::diag::PyError;
use crate::eval::builtins;
use crate::eval::resolve::{resolve_module, GlobalNames};
use crate::eval::{Interp, Shared};
use crate::sched::monitor::{ProgressMode, Watch};
use crate::source::SourceMap;
use crate::syntax;
use crate::value::Value;
use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Stack for the thread that runs pgs code: deep recursion and deeply nested source
/// must end in RecursionError / SyntaxError, never in a stack overflow.
const EVAL_STACK_BYTES: usize = 1 << 30;

/// Settings fixed when a session starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `sys.argv`: the script path (or `-c`) followed by its arguments.
    pub argv: Vec<String>,
    /// Worker threads for parallel computation; 0 means every core.
    pub threads: usize,
    /// When computations show a progress bar.
    pub progress: ProgressMode,
}

pub struct Session {
    pub sources: SourceMap,
    names: GlobalNames,
    interp: Interp,
    pub options: Options,
}

impl Session {
    /// A session printing program output to `out`.
    pub fn new(options: Options, out: Box<dyn Write + Send>) -> Session {
        let mut names = GlobalNames::default();
        let mut values = Vec::new();
        for (name, value) in builtins::globals() {
            let slot = names.slot(&Arc::from(name)) as usize;
            if values.len() <= slot {
                values.resize(slot + 1, Value::Unbound);
            }
            values[slot] = value;
        }
        let sources = SourceMap::default();
        let workers = crate::sched::Workers::new(options.threads, false);
        let watch = Watch::new(options.progress);
        let shared = Shared {
            watch: Arc::new(watch),
            sources: sources.clone(),
            globals: Arc::new(values),
            global_names: Arc::new(names.names.clone()),
            cancel: Arc::new(AtomicBool::new(false)),
            argv: Arc::new(options.argv.clone()),
            workers: Arc::new(workers),
        };
        let mut session = Session {
            sources,
            names,
            interp: Interp::new(shared, out),
            options,
        };
        session.bind_argv();
        session
    }

    /// Scripts see their command line as the global `argv`, the very list
    /// `sys.argv` is (so changing one changes the other, as with one object).
    fn bind_argv(&mut self) {
        let Ok(sys) = crate::eval::modules::import(&[Arc::from("sys")], &mut self.interp) else {
            return;
        };
        if let Ok(argv) = crate::eval::modules::member(&sys, "argv") {
            let slot = self.names.slot(&Arc::from("argv")) as usize;
            let globals = Arc::make_mut(&mut self.interp.shared.globals);
            if globals.len() <= slot {
                globals.resize(slot + 1, Value::Unbound);
            }
            globals[slot] = argv;
            self.interp.shared.global_names = Arc::new(self.names.names.clone());
        }
    }

    /// The flag that stops a running computation (Ctrl-C sets it).
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.interp.shared.cancel.clone()
    }

    /// Starts recording where computations spend their time (`--profile`).
    pub fn start_profile(&self) {
        self.interp.shared.watch.start_profile();
    }

    /// Stops recording and renders the profile as a table.
    pub fn finish_profile(&mut self) -> Option<String> {
        crate::value::Host::finish_profile(&mut self.interp)
    }

    /// Whether top-level expression values are printed (the REPL's behaviour).
    pub fn set_echo(&mut self, echo: bool) {
        self.interp.echo = echo;
    }

    /// Parses, resolves and runs one source text named `name`.
    ///
    /// # Errors
    /// The first syntax or runtime error, as a Python exception.
    pub fn run(&mut self, name: &str, text: &str) -> Result<(), PyError> {
        // Parsing, resolving, running and dropping a deeply nested program recurse;
        // a thread with a large stack makes that safe whatever stack the caller has
        // (only virtual memory is reserved; pages are touched as needed).
        let outcome = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("pgs-eval".into())
                .stack_size(EVAL_STACK_BYTES)
                .spawn_scoped(scope, || self.run_here(name, text))
                .map(|handle| handle.join())
        });
        match outcome {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => Err(PyError::new(
                crate::diag::ExcKind::InternalError,
                format!(
                    "pgs crashed running {name} (a bug in pgs, please report it with what you ran: {}): {}",
                    first_line(text),
                    crate::diag::panic_message(&*panic)
                ),
            )),
            Err(e) => Err(PyError::runtime_error(format!(
                "cannot start a thread: {e}"
            ))),
        }
    }

    fn run_here(&mut self, name: &str, text: &str) -> Result<(), PyError> {
        let file = self.sources.add(name, text);
        let source = self.sources.get(file).expect("just added");
        let mut module = syntax::parse(&source.text, file)?;
        resolve_module(&mut module, &mut self.names)?;
        self.sync_globals();
        self.interp
            .shared
            .cancel
            .store(false, std::sync::atomic::Ordering::Relaxed);
        crate::interrupt::reset();
        let result = self.interp.run_module(&module);
        self.interp.flush();
        result
    }

    /// The task-graph table of the lazy value an expression evaluates to (the
    /// REPL's `:graph`): what would run, computing nothing.
    ///
    /// # Errors
    /// A syntax or runtime error in the expression.
    pub fn graph_summary(&mut self, name: &str, text: &str) -> Result<String, PyError> {
        let file = self.sources.add(name, text);
        let source = self.sources.get(file).expect("just added");
        let mut module = syntax::parse(&source.text, file)?;
        resolve_module(&mut module, &mut self.names)?;
        self.sync_globals();
        let value = self.interp.eval_module_expr(&module)?;
        crate::graph::view::graph_summary(std::slice::from_ref(&value), &self.sources)
    }

    /// Gives every newly resolved global name an (unbound) value slot.
    fn sync_globals(&mut self) {
        let n = self.names.names.len();
        if self.interp.shared.global_names.len() != n {
            self.interp.shared.global_names = Arc::new(self.names.names.clone());
        }
        if self.interp.shared.globals.len() < n {
            Arc::make_mut(&mut self.interp.shared.globals).resize(n, Value::Unbound);
        }
    }

    /// The text users see for an error: traceback, source line, carets, message.
    pub fn render_error(&self, err: &PyError) -> String {
        render(err, &self.sources)
    }

    /// Names bound at module level, for REPL completion.
    pub fn global_names(&self) -> Vec<String> {
        let values = &self.interp.shared.globals;
        self.names
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| !matches!(values.get(*i), Some(Value::Unbound) | None))
            .map(|(_, n)| n.to_string())
            .collect()
    }

    /// The current value of a global, if bound (REPL completion of attributes).
    pub fn global(&self, name: &str) -> Option<Value> {
        let slot = self.names.get(name)? as usize;
        match self.interp.shared.globals.get(slot) {
            Some(Value::Unbound) | None => None,
            Some(v) => Some(v.clone()),
        }
    }
}

/// The first line of an input, quoted and shortened, for an internal-error report.
fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut shown: String = line.trim().chars().take(60).collect();
    if shown.len() < line.trim().len() {
        shown.push('…');
    }
    format!("{shown:?}")
}
