//! Tables and `describe`: snapshots of the pure renderer (`output::table`) for every
//! tabular shape, width, style and format; golden error messages from the `pgs` binary;
//! `describe()`'s numbers against NumPy (the Python oracle of `tests/differential.rs`);
//! and the REPL's automatic table echo in a pseudo-terminal.

mod common;

use pgs::output::table::{Format, Render, TableSpec};
use pgs::session::{Options, Session};
use pgs::value::Value;
use std::path::PathBuf;
use std::process::Command;

// ------------------------------------------------------------------ helpers

/// The value of `expr`, evaluated by a fresh session (so test data reads as pgs code).
fn eval(expr: &str) -> Value {
    let mut session = Session::new(Options::default(), Box::new(std::io::sink()));
    session
        .run("<test>", &format!("import numpy as np\nx = {expr}\n"))
        .unwrap_or_else(|e| panic!("{expr}: {}", session.render_error(&e)));
    session.global("x").expect("x is bound")
}

fn spec(expr: &str) -> TableSpec {
    TableSpec::from_value(&eval(expr)).unwrap_or_else(|e| panic!("{expr}: {e:?}"))
}

fn render(expr: &str, format: Format, width: Option<u16>, unicode: bool) -> String {
    Render {
        format,
        width,
        unicode,
    }
    .render(&spec(expr))
}

fn text(expr: &str, width: u16) -> String {
    render(expr, Format::Text, Some(width), false)
}

/// Runs `pgs -c code` as a script would run (not a terminal, `NO_COLOR=1`).
fn run_pgs(code: &str) -> common::RunOutput {
    common::run(common::pgs_command().arg("-c").arg(code)).expect("run pgs")
}

/// The final `Kind: message` line of a program that must fail.
fn error_of(code: &str) -> String {
    let out = run_pgs(code);
    assert_ne!(out.exit, common::Exit::Code(0), "{code} should fail");
    common::last_line(&out.stderr).to_string()
}

const RECORDS: &str = r#"[{"name": "Ada Lovelace", "born": 1815, "score": 9.5},
    {"name": "Charles Babbage", "born": 1791, "field": "mathematics and engineering"},
    {"name": "Grace Hopper", "born": 1906, "score": 8.25, "field": None}]"#;
const COLUMNS: &str = r#"{"city": ["Paris", "Lyon", "Marseille"],
    "population": [2102650, 522250, 873076], "area_km2": [105.4, 47.87, 240.6]}"#;
const ROWS: &str = r#"[(1, "one", 1.0), (2, "two", 0.5), (3, "three", 0.333333333)]"#;
const MATRIX: &str = "np.arange(12).reshape((3, 4)) * 1.5";
const VECTOR: &str = "np.array([10, 20, 30])";

// ------------------------------------------------------- shapes and widths

#[test]
fn list_of_dicts() {
    insta::assert_snapshot!("records_40", text(RECORDS, 40));
    insta::assert_snapshot!("records_80", text(RECORDS, 80));
}

#[test]
fn dict_of_lists() {
    insta::assert_snapshot!("columns_40", text(COLUMNS, 40));
    insta::assert_snapshot!("columns_80", text(COLUMNS, 80));
}

#[test]
fn list_of_rows() {
    insta::assert_snapshot!("rows_40", text(ROWS, 40));
    insta::assert_snapshot!("rows_80", text(ROWS, 80));
}

#[test]
fn two_dimensional_array() {
    insta::assert_snapshot!("matrix_40", text(MATRIX, 40));
    insta::assert_snapshot!("matrix_80", text(MATRIX, 80));
}

#[test]
fn one_dimensional_array_is_one_column() {
    insta::assert_snapshot!("vector_40", text(VECTOR, 40));
    insta::assert_snapshot!("vector_80", text(VECTOR, 80));
}

#[test]
fn wide_tables_drop_middle_columns_to_fit() {
    let wide = r#"[{"c" + str(j): j * 1000 + i for j in range(15)} for i in range(3)]"#;
    let out = text(wide, 60);
    assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
    insta::assert_snapshot!("wide_60", out);
}

#[test]
fn no_width_means_no_limit() {
    let out = render(RECORDS, Format::Text, None, false);
    assert!(out.contains("mathematics and engineering"), "{out}");
}

// ------------------------------------------------------------ long tables

#[test]
fn long_tables_are_elided_with_a_row_count() {
    let long = r#"[{"i": i, "square": i * i, "name": "row" + str(i)} for i in range(1000)]"#;
    insta::assert_snapshot!("long_ascii", text(long, 80));
    insta::assert_snapshot!("long_unicode", render(long, Format::Text, Some(80), true));
}

#[test]
fn twenty_rows_are_all_shown() {
    let out = text("[[i] for i in range(20)]", 80);
    assert!(
        out.contains("| 19 | 19 |") && !out.contains("rows"),
        "{out}"
    );
    let out = text("[[i] for i in range(21)]", 80);
    assert!(out.ends_with("[21 rows x 1 column]"), "{out}");
}

// -------------------------------------------------------------- formats

#[test]
fn markdown_has_every_row() {
    insta::assert_snapshot!(
        "records_markdown",
        render(RECORDS, Format::Markdown, None, false)
    );
    let long = render("[[i] for i in range(30)]", Format::Markdown, None, false);
    assert_eq!(long.lines().count(), 32, "{long}");
}

#[test]
fn csv_quotes_and_has_every_row() {
    let data = r#"[{"text": 'say "hi", then leave', "n": 1}, {"text": "two\nlines", "n": 2.5},
        {"text": None, "n": 0.1}]"#;
    insta::assert_snapshot!("quoting_csv", render(data, Format::Csv, None, false));
    let long = render("[[i] for i in range(30)]", Format::Csv, None, false);
    assert_eq!(long.lines().count(), 31, "{long}");
}

#[test]
fn ascii_and_unicode_styles() {
    insta::assert_snapshot!("style_ascii", render(COLUMNS, Format::Text, None, false));
    insta::assert_snapshot!("style_unicode", render(COLUMNS, Format::Text, None, true));
}

#[test]
fn float_columns_use_one_format() {
    let floats = r#"{"halves": [0.5, 1.0, 2.5], "mixed": [1, 2.25, 3], "tiny": [1e-9, 1.0, 2.0],
        "huge": [1.5e12, 2.0, 3.0], "precise": [0.1234567891, 10.0, 1.0 / 3],
        "special": [float("nan"), float("inf"), -1.0], "ints": [1, None, 3]}"#;
    insta::assert_snapshot!("float_formats", text(floats, 120));
}

// ----------------------------------------------------- the builtins in pgs

#[test]
fn print_table_in_a_script() {
    let out = run_pgs(&format!("print(table({RECORDS}, width=80))"));
    assert_eq!(out.exit, common::Exit::Code(0), "{}", out.stderr);
    assert_eq!(out.stdout, text(RECORDS, 80) + "\n");
    let out = run_pgs(&format!(
        "t = table({COLUMNS}, format='markdown')\nprint(repr(t) == str(t), type(t))"
    ));
    assert_eq!(out.stdout, "True <class 'Table'>\n", "{}", out.stderr);
}

#[test]
fn to_dict_gives_columns() {
    let out = run_pgs(&format!("print(table({RECORDS}).to_dict())"));
    insta::assert_snapshot!("records_to_dict", out.stdout);
}

#[test]
fn bad_input_errors() {
    let cases = [
        "table(5)",
        "table('text')",
        "table([1, 2, 3])",
        "table([{'a': 1}, 2])",
        "table([[1, 2], 'ab'])",
        "table({'a': [1, 2], 'b': 3})",
        "table(np.zeros((2, 2, 2)))",
        "table([[1, 2, 3], [4, 5]])",
        "table({'a': [1, 2, 3], 'b': [4, 5]})",
        "table([[1]], format='html')",
        "table([[1]], format=1)",
        "table([[1]], width=0)",
        "table([[1]], width='wide')",
        "table([[1]], 'csv', format='csv')",
        "table([[1]], colour=True)",
        "describe('abc')",
        "describe(np.zeros((2, 2, 2)))",
        "describe(np.array([True, False]))",
        "describe({'a': ['x', 'y']})",
        "describe({'a': [1, 2], 'b': [3]})",
        "describe([1, 'two'])",
        "describe([None, None])",
        "table([[1]]).to_dict(1)",
    ];
    let report: String = cases
        .iter()
        .map(|code| {
            let line = error_of(&format!("import numpy as np\n{code}"));
            format!("{code}\n    {line}\n")
        })
        .collect();
    insta::assert_snapshot!("errors", report);
}

#[test]
fn describe_of_a_known_array() {
    let out = run_pgs(
        "import numpy as np\nprint(describe(np.array([[1.0, 10], [2, 20], [3, 30], [4, 45.5]])))",
    );
    assert_eq!(out.exit, common::Exit::Code(0), "{}", out.stderr);
    insta::assert_snapshot!("describe_known", out.stdout);
}

// ---------------------------------------------------- describe vs NumPy

/// The Python oracle, found as `tests/differential.rs` finds it.
fn python() -> PathBuf {
    match std::env::var_os("PGS_PYTHON") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => {
            let venv = common::repo_root().join(".venv/bin/python");
            if venv.exists() {
                venv
            } else {
                PathBuf::from("python3")
            }
        }
    }
}

/// Data both languages generate identically: a linear congruential generator, so the
/// two programs need no shared file.
const DATA: &str = r#"
def lcg(n, seed, scale, shift):
    out = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed / 2147483648.0 * scale + shift)
    return out

odd = lcg(1001, 7, 200.0, -50.0)
even = lcg(1000, 11, 3.0, 1e6)
ints = [int(v) for v in lcg(257, 3, 1e9, -5e8)]
holes = lcg(40, 5, 1.0, 0.0)
for i in range(0, 40, 7):
    holes[i] = None
names = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]

def show(name, stats):
    # mean and std come from different (equally valid) summation orders: 12 digits;
    # everything else must match to the last bit.
    for i in range(8):
        v = stats[i]
        text = format(v, ".12g") if names[i] in ("mean", "std") else repr(v)
        print(name, names[i], text)
"#;

const PGS_SIDE: &str = r#"
import numpy as np
import dask.array as da
for name, x in [("odd", np.array(odd)), ("even", np.array(even)), ("ints", np.array(ints))]:
    d = describe(x).to_dict()
    show(name, d[0])
m = describe(np.array(odd[:1000]).reshape((250, 4))).to_dict()
for j in range(4):
    show("matrix" + str(j), m[j])
lazy = describe(da.from_array(np.array(odd), chunks=100)).to_dict()
show("lazy", lazy[0])
d = describe({"holes": holes, "ints": ints[:40], "one": [1.5] + [None] * 39}).to_dict()
for key in d:
    show(key, d[key])
"#;

const NUMPY_SIDE: &str = r#"
import numpy as np

def stats(a):
    a = np.asarray([v for v in a if v is not None], dtype=np.float64)
    q = np.percentile(a, [25, 50, 75]) if len(a) else [float("nan")] * 3
    std = a.std(ddof=1) if len(a) > 1 else float("nan")
    return [float(len(a)), float(a.mean()), float(std), float(a.min()),
            float(q[0]), float(q[1]), float(q[2]), float(a.max())]

for name, x in [("odd", odd), ("even", even), ("ints", ints)]:
    show(name, stats(x))
m = np.array(odd[:1000]).reshape((250, 4))
for j in range(4):
    show("matrix" + str(j), stats(list(m[:, j])))
show("lazy", stats(odd))
for key, col in [("holes", holes), ("ints", ints[:40]), ("one", [1.5] + [None] * 39)]:
    show(key, stats(col))
"#;

#[test]
fn describe_matches_numpy() {
    let pgs = run_pgs(&format!("{DATA}{PGS_SIDE}"));
    assert_eq!(
        pgs.exit,
        common::Exit::Code(0),
        "pgs failed:\n{}",
        pgs.stderr
    );
    let mut cmd = Command::new(python());
    cmd.arg("-c").arg(format!("{DATA}{NUMPY_SIDE}"));
    let numpy = common::run(&mut cmd).expect("run the Python oracle");
    assert_eq!(
        numpy.exit,
        common::Exit::Code(0),
        "python failed:\n{}",
        numpy.stderr
    );
    assert!(numpy.stdout.lines().count() == 88, "{}", numpy.stdout);
    let diff = common::line_diff(&numpy.stdout, &pgs.stdout, ("numpy", "pgs"), "  ");
    assert!(diff.is_empty(), "describe() differs from NumPy:\n{diff}");
}

// ------------------------------------------------------------ REPL echo

#[cfg(unix)]
#[test]
fn repl_echoes_tabular_values_as_tables() {
    use expectrl::session::OsSession;
    use expectrl::Expect;
    use std::time::{Duration, Instant};

    let home = tempfile::tempdir().expect("temp home");
    let mut command = Command::new(common::pgs_binary());
    command
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut pty = OsSession::spawn(command).expect("start pgs in a pseudo-terminal");
    let mut seen = String::new();
    let mut wait_for = |pty: &mut OsSession, needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !plain(&seen).contains(needle) {
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in:\n{}",
                plain(&seen)
            );
            if let Ok(found) = pty.check(expectrl::Regex("(?s).+")) {
                seen.push_str(&String::from_utf8_lossy(found.as_bytes()));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait_for(&mut pty, ">>> ");
    pty.send("[{'a': 1, 'b': 2.5}, {'a': 3, 'b': 4.0}]\r")
        .expect("type");
    // NO_COLOR gives the ASCII style even on a terminal.
    wait_for(&mut pty, "| 1 | 3 | 4.0 |");
    pty.send("[[1, 2], [3, 4]]\r").expect("type");
    wait_for(&mut pty, "[[1, 2], [3, 4]]\n[[1, 2], [3, 4]]\n>>> ");
    pty.send(":quit\r").expect("type");
}

/// Terminal output without carriage returns and escape sequences (`ESC [ … letter`).
#[cfg(unix)]
fn plain(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {}
            '\u{1b}' => {
                if chars.next() == Some('[') {
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() {
                            break;
                        }
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}
