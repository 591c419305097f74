//! Golden-file tests: every `tests/scripts/**/*.pgs` (and each top-level `scripts/*.pgs` that
//! has an expectation file) runs as `pgs FILE` in the file's own directory, and its exit code,
//! stdout and stderr must equal the checked-in `FILE.out` (e.g. `err/zero_div.pgs.out`):
//!
//! ```text
//! # exit: 0
//! # stdout:
//! ...lines...
//! # stderr:
//! ...lines...
//! ```
//!
//! `PGS_BLESS=1 cargo test --test scripts` (re)writes the expectation files instead of
//! comparing. The only normalisation: the script's absolute directory becomes `$DIR` and the
//! repository root `$ROOT`, so goldens do not depend on where the checkout lives. A section
//! whose text lacks a final newline is followed by the line `# (no newline at end)`.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{display_path, Exit, RunOutput};

const NO_NEWLINE: &str = "# (no newline at end)";

fn blessing() -> bool {
    std::env::var("PGS_BLESS").is_ok_and(|v| v == "1")
}

/// `dir/name.pgs` → `dir/name.pgs.out`.
fn expectation_path(script: &Path) -> PathBuf {
    let mut name = script.as_os_str().to_owned();
    name.push(".out");
    PathBuf::from(name)
}

/// The scripts this harness covers: all of `tests/scripts/**`, plus the top-level examples
/// that someone chose to pin with an expectation file.
fn collect_scripts() -> Vec<PathBuf> {
    let root = common::repo_root();
    let mut scripts =
        common::files_with_extension(&root.join("tests").join("scripts"), "pgs", true);
    scripts.extend(
        common::files_with_extension(&root.join("scripts"), "pgs", false)
            .into_iter()
            .filter(|s| expectation_path(s).exists()),
    );
    scripts.retain(|s| common::selected(s));
    scripts
}

/// Replaces absolute paths that depend on the checkout location.
fn normalise(text: &str, script_dir: &Path) -> String {
    let mut out = text.to_string();
    let mut dirs = vec![script_dir.to_path_buf()];
    if let Ok(canonical) = script_dir.canonicalize() {
        dirs.push(canonical);
    }
    for dir in &dirs {
        out = out.replace(&*dir.to_string_lossy(), "$DIR");
    }
    let root = common::repo_root();
    let mut roots = vec![root.clone()];
    if let Ok(canonical) = root.canonicalize() {
        roots.push(canonical);
    }
    for r in &roots {
        out = out.replace(&*r.to_string_lossy(), "$ROOT");
    }
    out
}

fn render_section(out: &mut String, header: &str, text: &str) {
    out.push_str(header);
    out.push('\n');
    out.push_str(text);
    if !text.is_empty() && !text.ends_with('\n') {
        out.push('\n');
        out.push_str(NO_NEWLINE);
        out.push('\n');
    }
}

/// The expectation-file text for one run.
fn render(result: &RunOutput, script_dir: &Path) -> String {
    let exit = match result.exit {
        Exit::Code(c) => c.to_string(),
        Exit::Signal(s) => format!("signal {s}"),
        Exit::TimedOut => "timeout".to_string(),
    };
    let mut out = format!("# exit: {exit}\n");
    render_section(
        &mut out,
        "# stdout:",
        &normalise(&result.stdout, script_dir),
    );
    render_section(
        &mut out,
        "# stderr:",
        &normalise(&result.stderr, script_dir),
    );
    out
}

enum Outcome {
    Pass,
    Blessed,
    Fail(String),
}

fn check(script: &Path) -> Outcome {
    let name = display_path(script);
    let dir = script
        .parent()
        .expect("a script file has a parent directory");
    let file_name = script
        .file_name()
        .expect("a script path ends in a file name");
    let mut cmd = common::pgs_command();
    cmd.arg(file_name).current_dir(dir);
    let result = match common::run(&mut cmd) {
        Ok(r) => r,
        Err(e) => return Outcome::Fail(format!("{name}\n    pgs could not be started: {e}\n")),
    };
    let actual = render(&result, dir);
    let out_path = expectation_path(script);
    let expected = std::fs::read_to_string(&out_path).ok();

    if blessing() {
        if expected.as_deref() == Some(actual.as_str()) {
            return Outcome::Pass;
        }
        return match std::fs::write(&out_path, &actual) {
            Ok(()) => Outcome::Blessed,
            Err(e) => Outcome::Fail(format!(
                "{name}\n    cannot write {}: {e}\n",
                out_path.display()
            )),
        };
    }
    let Some(expected) = expected else {
        let mut msg = format!(
            "{name}\n    missing expectation file {}\n    \
             (review the output below, then run `PGS_BLESS=1 cargo test --test scripts` to create it)\n",
            display_path(&out_path)
        );
        msg.push_str(&common::tail(&actual, 20, "      "));
        return Outcome::Fail(msg);
    };
    if expected == actual {
        return Outcome::Pass;
    }
    let mut msg = format!(
        "{name}\n    output differs from {}:\n",
        display_path(&out_path)
    );
    msg.push_str(&common::line_diff(
        &expected,
        &actual,
        ("expected", "actual"),
        "      ",
    ));
    Outcome::Fail(msg)
}

#[test]
fn golden_scripts_match_expectations() {
    let scripts = collect_scripts();
    assert!(
        !scripts.is_empty(),
        "no .pgs scripts found under tests/scripts (or PGS_TEST_FILTER matched none)"
    );
    let outcomes = common::parallel_map(&scripts, |s| check(s));

    let blessed: Vec<String> = scripts
        .iter()
        .zip(&outcomes)
        .filter(|(_, o)| matches!(o, Outcome::Blessed))
        .map(|(s, _)| display_path(s))
        .collect();
    if !blessed.is_empty() {
        eprintln!("blessed {} expectation files:", blessed.len());
        for name in &blessed {
            eprintln!("  {name}.out");
        }
    }
    let failures: Vec<&String> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Fail(msg) => Some(msg),
            _ => None,
        })
        .collect();
    if failures.is_empty() {
        return;
    }
    let mut report = format!(
        "\n{} of {} golden scripts failed:\n",
        failures.len(),
        scripts.len()
    );
    for failure in &failures {
        report.push_str("\n━━ ");
        report.push_str(failure);
    }
    report.push_str("\nfailing scripts:\n");
    for failure in &failures {
        let _ = writeln!(report, "  {}", failure.lines().next().unwrap_or(""));
    }
    report.push_str(
        "(if the new output is right: PGS_BLESS=1 cargo test --test scripts; \
         one file: add PGS_TEST_FILTER=<name>)\n",
    );
    panic!("{report}");
}
