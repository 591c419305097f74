//! The `pgs` command: run a script, `-c` code, or the REPL. Parses arguments (clap),
//! builds a `Session` and turns its outcome into an exit code: 0 success, 1 runtime
//! error, 2 usage or syntax error.

use clap::Parser;
use pgs::diag::{ExcKind, PyError};
use pgs::sched::monitor::{ProgramStdout, ProgressMode};
use pgs::session::{Options, Session};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

// Interpreted programs allocate many small strings and containers; mimalloc serves
// them several times faster than the system allocator (measured in
// docs/performance.md), and per-thread heaps suit parallel tasks.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Has mimalloc give back to the system the memory freed so far, now rather than
/// on its own schedule: it returns freed pages a second after they are freed, but
/// only when the program next calls it, which a REPL waiting at the prompt never
/// does. Without this, an idle session kept what its last input freed (up to a few
/// MiB after a computation; tests/soak.rs).
fn return_freed_memory() {
    // SAFETY: mi_collect may be called at any time from any thread; it only frees
    // and returns to the system memory that mimalloc holds unused.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[derive(Parser, Debug)]
#[command(
    name = "pgs",
    version,
    about = "pgs: Python-flavoured, parallel, no GIL. Without FILE or -c, starts the REPL."
)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,
    /// Worker threads for parallel computation (default: PGS_THREADS, else every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Show a progress bar for every computation longer than half a second, even
    /// when stderr is not a terminal (then as a status line a second).
    #[arg(long, conflicts_with = "no_progress")]
    progress: bool,
    /// Never show progress (default: a bar when stderr is a terminal).
    #[arg(long)]
    no_progress: bool,
    /// After the script, print where its computations spent their time (to stderr).
    #[arg(long)]
    profile: bool,
    /// Most memory one array or one string/list result may take, e.g. 512M or 4G
    /// (default: PGS_MEMORY_LIMIT, else half the RAM).
    #[arg(long, value_name = "SIZE", value_parser = pgs::limits::parse_size)]
    memory_limit: Option<usize>,
    /// Deepest call nesting before RecursionError (default 1000, at most 20000).
    #[arg(long, value_name = "N")]
    recursion_limit: Option<usize>,
    /// Deepest bracket nesting in source text (default 200, at most 1000);
    /// expressions may nest ten times deeper.
    #[arg(long, value_name = "N")]
    nesting_limit: Option<usize>,
    /// The script to run, then its arguments (available as sys.argv).
    #[arg(value_name = "FILE")]
    file: Option<String>,
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Session::run already turns a panic in pgs code into an internal error; this
    // catches one anywhere else (the line editor, argument handling).
    let code = std::panic::catch_unwind(move || run(cli)).unwrap_or_else(|_| {
        eprintln!("pgs: internal error (a bug in pgs); please report what you ran");
        70
    });
    ExitCode::from(code as u8)
}

fn threads(cli: &Cli) -> usize {
    cli.threads
        .or_else(|| std::env::var("PGS_THREADS").ok()?.parse().ok())
        .unwrap_or(0)
}

fn progress(cli: &Cli) -> ProgressMode {
    match (cli.progress, cli.no_progress) {
        (true, _) => ProgressMode::Always,
        (_, true) => ProgressMode::Never,
        _ => ProgressMode::Auto,
    }
}

fn output() -> Box<dyn Write + Send> {
    if std::io::stdout().is_terminal() {
        // Steps around a progress bar on the same terminal.
        Box::new(std::io::LineWriter::new(ProgramStdout))
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        ))
    }
}

/// Applies the limits given on the command line.
fn set_limits(cli: &Cli) -> Result<(), String> {
    if let Some(bytes) = cli.memory_limit {
        pgs::limits::set_memory(bytes);
    }
    if let Some(depth) = cli.recursion_limit {
        pgs::limits::set_recursion(depth)?;
    }
    if let Some(depth) = cli.nesting_limit {
        pgs::limits::set_nesting(depth)?;
    }
    Ok(())
}

fn run(cli: Cli) -> i32 {
    if let Err(message) = set_limits(&cli) {
        eprintln!("pgs: {message}");
        return 2;
    }
    let threads = threads(&cli);
    let (name, text, argv) = match (&cli.code, &cli.file) {
        (Some(code), _) => {
            let mut argv = vec!["-c".to_string()];
            argv.extend(cli.file.iter().cloned());
            argv.extend(cli.args.iter().cloned());
            ("<string>".to_string(), code.clone(), argv)
        }
        (None, Some(file)) => match read_script(file) {
            Ok(text) => {
                let mut argv = vec![file.clone()];
                argv.extend(cli.args.iter().cloned());
                (file.clone(), text, argv)
            }
            Err(message) => {
                eprintln!("pgs: {message}");
                return 2;
            }
        },
        (None, None) => {
            // As with python: input from a pipe or file is a script; a terminal gets
            // the REPL.
            if !std::io::stdin().is_terminal() {
                use std::io::Read as _;
                let mut text = String::new();
                if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                    eprintln!("pgs: can't read <stdin>: {e}");
                    return 2;
                }
                ("<stdin>".to_string(), text, vec![String::new()])
            } else {
                let session = Session::new(
                    Options {
                        argv: vec![String::new()],
                        threads,
                        progress: progress(&cli),
                    },
                    output(),
                );
                // Ctrl-C while code runs stops it (KeyboardInterrupt) and the prompt
                // comes back with every variable intact. At the prompt the line editor
                // reads Ctrl-C as a key, so this only ever sees running code.
                if let Err(e) = pgs::interrupt::install(session.cancel_flag()) {
                    eprintln!("pgs: Ctrl-C will not stop running code: {e}");
                }
                return pgs::repl::run(session, return_freed_memory);
            }
        }
    };
    let options = Options {
        argv,
        threads,
        progress: progress(&cli),
    };
    let mut session = Session::new(options, output());
    if let Err(e) = pgs::interrupt::install(session.cancel_flag()) {
        eprintln!("pgs: Ctrl-C will not stop running code: {e}");
    }
    if cli.profile {
        session.start_profile();
    }
    let outcome = session.run(&name, &text);
    if let Some(profile) = session.finish_profile() {
        eprint!("{profile}");
    }
    match outcome {
        // Stopped by SIGTERM: no traceback (nobody asked for one), the conventional code.
        Err(_) if pgs::interrupt::terminated() => pgs::interrupt::EXIT_TERMINATED,
        Ok(()) => 0,
        Err(e) if e.kind() == ExcKind::BrokenPipeError => 0,
        Err(e) => {
            eprint!("{}", session.render_error(&e));
            exit_code(&e)
        }
    }
}

/// A script's text; a `#!` first line is kept (it lexes as a comment).
fn read_script(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!("can't open file '{path}': No such file or directory")
        }
        std::io::ErrorKind::IsADirectory => format!("can't open file '{path}': Is a directory"),
        _ => format!("can't open file '{path}': {e}"),
    })?;
    pgs::source::script_text(path, bytes)
}

fn exit_code(e: &PyError) -> i32 {
    match e.kind() {
        k if k.is_syntax() => 2,
        ExcKind::KeyboardInterrupt => pgs::interrupt::EXIT_INTERRUPTED,
        _ => 1,
    }
}
