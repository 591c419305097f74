//! Differential tests: every `tests/differential/**/*.py` runs under CPython (the oracle) and
//! under pgs; stdout and the exit code must match exactly, and for `errors/` programs the last
//! stderr line (`ExceptionName: message`) must match too. All files run, then one report.
//!
//! The oracle is `$PGS_PYTHON`, else `<repo>/.venv/bin/python`, else `python3`.
//! `PGS_TEST_FILTER=substr` runs only matching files; `PGS_TEST_TIMEOUT` (seconds, default 60)
//! and `PGS_TEST_THREADS` tune the run.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{display_path, line_diff, run, Exit, RunOutput};

/// Oldest CPython whose messages the corpus is written against ("Did you mean: …?" on NameError
/// needs 3.10; the corpus was verified with 3.11).
const MIN_PYTHON: (u32, u32) = (3, 10);

struct Oracle {
    program: PathBuf,
    version: String,
}

/// Finds and starts the Python oracle, or panics with instructions: a missing oracle must fail
/// the suite, never silently skip it.
fn python_oracle() -> Oracle {
    let root = common::repo_root();
    let venv = root.join(".venv").join("bin").join("python");
    let (program, origin) = match std::env::var_os("PGS_PYTHON") {
        Some(p) if !p.is_empty() => (PathBuf::from(p), "$PGS_PYTHON"),
        _ if venv.exists() => (venv, "the project venv (.venv/bin/python)"),
        _ => (PathBuf::from("python3"), "python3 on PATH"),
    };
    let how_to_fix = "The differential tests compare pgs against CPython and cannot run without it.\n\
         Fix one of:\n\
         \x20 * install Python 3.11+ (e.g. `apt-get install python3`, `brew install python`),\n\
         \x20 * create the project venv: `python3 -m venv .venv && .venv/bin/pip install numpy dask`,\n\
         \x20 * or point PGS_PYTHON at a Python 3 interpreter: `PGS_PYTHON=/path/to/python3 cargo test`.";
    let probe =
        run(Command::new(&program)
            .args(["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"]));
    let version = match probe {
        Ok(out) if out.exit == Exit::Code(0) => out.stdout.trim().to_string(),
        Ok(out) => panic!(
            "the Python oracle {} (from {origin}) did not start cleanly: exit {}, stderr:\n{}\n{how_to_fix}",
            program.display(),
            out.exit,
            out.stderr
        ),
        Err(err) => panic!(
            "could not start the Python oracle {} (from {origin}): {err}\n{how_to_fix}",
            program.display()
        ),
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    assert!(
        (major, minor) >= MIN_PYTHON,
        "the Python oracle {} is version {version}; the corpus needs {}.{} or newer.\n{how_to_fix}",
        program.display(),
        MIN_PYTHON.0,
        MIN_PYTHON.1
    );
    Oracle { program, version }
}

/// Runs one program with a fresh, empty working directory (programs may create files there).
fn run_in_temp_dir(mut cmd: Command) -> Result<RunOutput, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temp dir: {e}"))?;
    cmd.current_dir(dir.path());
    run(&mut cmd).map_err(|e| format!("cannot start {}: {e}", cmd.get_program().to_string_lossy()))
}

fn run_python(oracle: &Oracle, file: &Path) -> Result<RunOutput, String> {
    let mut cmd = Command::new(&oracle.program);
    cmd.arg(file)
        // Same text on every machine: UTF-8 I/O whatever the locale, no hash randomisation.
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1")
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONWARNINGS");
    run_in_temp_dir(cmd)
}

fn run_pgs(file: &Path) -> Result<RunOutput, String> {
    let mut cmd = common::pgs_command();
    cmd.arg(file);
    run_in_temp_dir(cmd)
}

fn is_error_program(file: &Path) -> bool {
    file.parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "errors")
}

/// Compares one program; `None` when pgs agrees with Python, else a report section.
fn check(oracle: &Oracle, file: &Path) -> Option<String> {
    let name = display_path(file);
    let expects_error = is_error_program(file);
    let mut report = String::new();
    let python = match run_python(oracle, file) {
        Ok(out) => out,
        Err(e) => return Some(format!("{name}\n    python could not run it: {e}\n")),
    };
    // A corpus program must itself behave under CPython, or the comparison means nothing.
    let python_ok = if expects_error {
        python.exit == Exit::Code(1)
    } else {
        python.exit == Exit::Code(0) && python.stderr.trim().is_empty()
    };
    if !python_ok {
        let _ = writeln!(
            report,
            "{name}\n    BROKEN TEST: under Python it exited {} (expected {}); python stderr:",
            python.exit,
            if expects_error {
                "1 with a traceback"
            } else {
                "0 with empty stderr"
            },
        );
        report.push_str(&common::tail(&python.stderr, 10, "      "));
        return Some(report);
    }
    let pgs = match run_pgs(file) {
        Ok(out) => out,
        Err(e) => return Some(format!("{name}\n    pgs could not run it: {e}\n")),
    };

    let mut problems = String::new();
    if python.exit != pgs.exit {
        let _ = writeln!(
            problems,
            "    exit code: python {}, pgs {}",
            python.exit, pgs.exit
        );
    }
    if expects_error {
        let (want, got) = (
            common::last_line(&python.stderr),
            common::last_line(&pgs.stderr),
        );
        if want != got {
            let _ = writeln!(problems, "    last stderr line differs:");
            let _ = writeln!(problems, "      python: {}", common::visible(want));
            let _ = writeln!(problems, "      pgs:    {}", common::visible(got));
        }
    }
    if python.stdout != pgs.stdout {
        let _ = writeln!(problems, "    stdout differs:");
        problems.push_str(&line_diff(
            &python.stdout,
            &pgs.stdout,
            ("python", "pgs"),
            "      ",
        ));
    }
    if problems.is_empty() {
        return None;
    }
    let _ = writeln!(report, "{name}");
    report.push_str(&problems);
    if !pgs.stderr.trim().is_empty() {
        let _ = writeln!(report, "    pgs stderr (last lines):");
        report.push_str(&common::tail(&pgs.stderr, 12, "      "));
    }
    Some(report)
}

#[test]
fn differential_corpus_matches_cpython() {
    let oracle = python_oracle();
    let dir = common::repo_root().join("tests").join("differential");
    let files: Vec<PathBuf> = common::files_with_extension(&dir, "py", true)
        .into_iter()
        .filter(|f| common::selected(f))
        .collect();
    assert!(
        !files.is_empty(),
        "no .py programs found under {} (or PGS_TEST_FILTER matched none)",
        dir.display()
    );

    let results = common::parallel_map(&files, |file| check(&oracle, file));
    let failures: Vec<&String> = results.iter().flatten().collect();
    if failures.is_empty() {
        eprintln!(
            "differential: all {} programs agree with Python {} ({})",
            files.len(),
            oracle.version,
            oracle.program.display()
        );
        return;
    }
    let mut report = format!(
        "\n{} of {} differential programs disagree with Python {} ({}):\n",
        failures.len(),
        files.len(),
        oracle.version,
        oracle.program.display()
    );
    for failure in &failures {
        report.push_str("\n━━ ");
        report.push_str(failure);
    }
    report.push_str("\nfailing files:\n");
    for failure in &failures {
        let _ = writeln!(report, "  {}", failure.lines().next().unwrap_or(""));
    }
    report.push_str("(rerun one with PGS_TEST_FILTER=<name> cargo test --test differential)\n");
    panic!("{report}");
}
