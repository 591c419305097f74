//! Graph views end to end: `visualize` run by the real binary in a temporary
//! directory (DOT text, SVG, PNG, Dask's file-name rules, temp files cleaned up, the
//! missing-Graphviz error with an empty PATH), the fused kernel of the skewness
//! program, delayed graphs after de-duplication, and snapshots of the DOT text and the
//! summary table. Graphviz's `dot` is required (CI installs it): without it these
//! tests fail with a message saying so rather than skipping.

mod common;

use common::{Exit, RunOutput};
use pgs::graph::view;
use pgs::session::{Options, Session};
use std::path::Path;
use std::process::Command;

/// Panics with an install hint when Graphviz's `dot` cannot run.
fn require_dot() {
    let ok = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "tests/graphview.rs needs Graphviz's `dot` on PATH to check the DOT it writes: \
         apt install graphviz (.ci/run installs it on CI)"
    );
}

/// Runs `program` as `prog.pgs` in `dir`.
fn run_in(dir: &Path, program: &str, path_env: Option<&Path>) -> RunOutput {
    std::fs::write(dir.join("prog.pgs"), program).expect("write prog.pgs");
    let mut cmd = common::pgs_command();
    cmd.current_dir(dir)
        .arg("prog.pgs")
        .env_remove("PGS_THREADS");
    if let Some(path) = path_env {
        cmd.env("PATH", path);
    }
    common::run(&mut cmd).expect("run pgs")
}

fn run_ok(dir: &Path, program: &str) {
    let out = run_in(dir, program, None);
    assert_eq!(
        out.exit,
        Exit::Code(0),
        "pgs failed\nstdout:\n{}\nstderr:\n{}",
        out.stdout,
        out.stderr
    );
}

/// Renders DOT text with Graphviz, failing the test if it does not parse.
fn render_svg(dot: &str) -> String {
    require_dot();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("g.dot");
    std::fs::write(&path, dot).expect("write dot");
    let out = Command::new("dot")
        .arg("-Tsvg")
        .arg(&path)
        .output()
        .expect("run dot");
    assert!(
        out.status.success(),
        "dot rejected the graph: {}\n{dot}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The node lines of a DOT text (`  n3 [label=…];`).
fn dot_nodes(dot: &str) -> Vec<&str> {
    dot.lines()
        .filter(|l| l.trim_start().starts_with('n') && l.contains(" [label="))
        .collect()
}

fn dot_edges(dot: &str) -> usize {
    dot.lines().filter(|l| l.contains(" -> ")).count()
}

/// Files in `dir` other than the program, sorted.
fn written(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "prog.pgs")
        .collect();
    names.sort();
    names
}

fn skewness_program() -> String {
    let path = common::repo_root().join("scripts").join("skewness.pgs");
    let text = std::fs::read_to_string(path).expect("read scripts/skewness.pgs");
    // Draw the final expression instead of computing it.
    text.replace("print(skewness.compute())", "skewness.visualize('sk.dot')")
}

const ARRAY_PROGRAM: &str = "\
import dask.array as da
x = da.arange(1000, chunks=250)
y = (x * 2 + 1).reshape((10, 100))
total = y.sum(axis=0).mean()
total.visualize('g.dot')
";

const DELAYED_PROGRAM: &str = "\
import dask

def load(i):
    return list(range(i))

def count(xs):
    return len(xs)

parts = [dask.delayed(load, pure=True)(i % 3) for i in range(6)]
counts = [dask.delayed(count)(p) for p in parts]
total = dask.delayed(sum)(counts)
total.visualize('g.dot')
";

#[test]
fn skewness_is_one_fused_pass_and_one_scalar_kernel() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(dir.path(), &skewness_program());
    let dot = std::fs::read_to_string(dir.path().join("sk.dot")).expect("sk.dot written");
    render_svg(&dot);
    let nodes = dot_nodes(&dot);
    assert_eq!(nodes.len(), 2, "{dot}");
    // The three reductions read arr once: one kernel over its 100 chunks.
    let pass = nodes[0];
    assert!(pass.contains("array → mul → mul → "), "{pass}");
    for reduction in ["mean", "std"] {
        assert!(pass.contains(reduction), "{pass}");
    }
    assert!(pass.contains("fused kernel #1 · 100 tasks"), "{pass}");
    assert!(pass.contains("prog.pgs:8, 9, 10, 11"), "{pass}");
    // The 0-d arithmetic on their results is one more kernel of one task.
    assert!(
        nodes[1].contains("mul → pow → mul → sub → pow → sub → pow → truediv"),
        "{}",
        nodes[1]
    );
    assert!(
        nodes[1].contains("fused kernel #2 · 1 task"),
        "{}",
        nodes[1]
    );
    assert!(dot.contains("  n0 -> n1;"), "{dot}");
    assert!(
        dot.contains("label=\"101 tasks in 2 nodes (2 fused kernels)\""),
        "{dot}"
    );
}

#[test]
fn delayed_nodes_are_the_distinct_calls() {
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(dir.path(), DELAYED_PROGRAM);
    let dot = std::fs::read_to_string(dir.path().join("g.dot")).expect("g.dot written");
    render_svg(&dot);
    // Pure `load` calls on 0, 1, 2 share keys (3 tasks); each impure `count` is
    // its own task (6); plus `sum`.
    let nodes = dot_nodes(&dot);
    assert_eq!(nodes.len(), 10, "{dot}");
    assert_eq!(nodes.iter().filter(|l| l.contains("\"load\\n")).count(), 3);
    assert_eq!(nodes.iter().filter(|l| l.contains("\"count\\n")).count(), 6);
    assert_eq!(dot_edges(&dot), 6 + 6, "{dot}");
}

/// The view is a dry run of the array executor: its task count must be what the
/// executor really runs, as `--profile` counts it, over every kind of node.
#[test]
fn task_counts_match_what_the_executor_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let program = "\
import dask
import dask.array as da
x = da.random.normal(0, 1, size=(2000, 300), chunks=(500, 100))
m = x.mean()
y = ((x - m) ** 2).mean()
z = x[::2].sum(axis=1)
w = (x.T @ x[:, :5]).std()
c = da.concatenate([x, x + 1]).max()
r = x.rechunk((1000, 300)).sum()
b = x.map_blocks(lambda block: block * 2).min()
dask.visualize(y, z, w, c, r, b, filename='g.dot')
dask.compute(y, z, w, c, r, b)
";
    std::fs::write(dir.path().join("prog.pgs"), program).expect("write prog.pgs");
    let mut cmd = common::pgs_command();
    cmd.current_dir(dir.path()).args(["--profile", "prog.pgs"]);
    let out = common::run(&mut cmd).expect("run pgs");
    assert_eq!(out.exit, Exit::Code(0), "{}", out.stderr);
    let dot = std::fs::read_to_string(dir.path().join("g.dot")).expect("g.dot");
    let drawn = first_number_before(&dot, " tasks in ");
    // The profile's last line: `wall … (… in 1 computation, N tasks) · CPU …`.
    let ran = first_number_before(common::last_line(&out.stderr), " tasks)");
    assert_eq!(drawn, ran, "{dot}\n{}", out.stderr);
    assert_eq!(dot_nodes(&dot).len(), 16, "{dot}");
}

/// The number written just before the first `marker` in `text`.
fn first_number_before(text: &str, marker: &str) -> usize {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in {text}"));
    let digits: String = text[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number before {marker:?} in {text}"))
}

#[test]
fn visualize_never_computes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let program = "\
import dask
import dask.array as da

def shout(x):
    print('computed!')
    return x

d = dask.delayed(shout)(1)
a = da.ones(10, chunks=5).map_blocks(shout)
d.visualize('d.dot')
a.visualize('a.dot')
dask.visualize(d, a, filename='both.dot')
print('done')
";
    let out = run_in(dir.path(), program, None);
    assert_eq!(out.exit, Exit::Code(0), "{}", out.stderr);
    assert_eq!(out.stdout, "done\n");
    let both = std::fs::read_to_string(dir.path().join("both.dot")).expect("both.dot");
    render_svg(&both);
    // The delayed task, then the array's source kernel and map_blocks.
    assert_eq!(dot_nodes(&both).len(), 3, "{both}");
}

#[test]
fn svg_png_and_the_default_name_are_rendered_by_graphviz() {
    require_dot();
    let dir = tempfile::tempdir().expect("temp dir");
    let program = "\
import dask.array as da
x = da.ones((100, 100), chunks=50)
y = (x + 1).sum()
y.visualize('g.svg')
y.visualize('g.png')
y.visualize(filename='g', format='pdf')
y.visualize()
y.visualize('notes.txt')
";
    run_ok(dir.path(), program);
    assert_eq!(
        written(dir.path()),
        ["g.pdf", "g.png", "g.svg", "mydask.png", "notes.txt.png"],
        "no temporary file is left behind"
    );
    let svg = std::fs::read_to_string(dir.path().join("g.svg")).expect("g.svg");
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("ones_like → add → sum"), "{svg}");
    let png = std::fs::read(dir.path().join("g.png")).expect("g.png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let pdf = std::fs::read(dir.path().join("g.pdf")).expect("g.pdf");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn labels_with_special_characters_render() {
    let dir = tempfile::tempdir().expect("temp dir");
    let program = "\
import dask
f = dask.delayed(lambda s: s + '\"\\\\')
f('<x>').visualize('g.dot')
";
    run_ok(dir.path(), program);
    let dot = std::fs::read_to_string(dir.path().join("g.dot")).expect("g.dot");
    let svg = render_svg(&dot);
    assert!(svg.contains("&lt;lambda&gt;"), "{dot}\n{svg}");
}

#[test]
fn without_graphviz_the_error_says_how_to_get_dot_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = tempfile::tempdir().expect("empty PATH dir");
    let program = "\
import dask.array as da
x = da.ones(10, chunks=5) + 1
x.visualize('g.dot')
x.visualize('g.svg')
";
    let out = run_in(dir.path(), program, Some(empty.path()));
    assert_eq!(out.exit, Exit::Code(1), "{}", out.stderr);
    let last = common::last_line(&out.stderr);
    assert!(
        last.starts_with("RuntimeError: Graphviz's 'dot' program was not found"),
        "{}",
        out.stderr
    );
    for hint in [".dot", "apt install graphviz"] {
        assert!(last.contains(hint), "{last}");
    }
    assert!(
        out.stderr.contains("x.visualize('g.svg')"),
        "{}",
        out.stderr
    );
    // The DOT text needs no Graphviz; the failed SVG leaves nothing behind.
    assert_eq!(written(dir.path()), ["g.dot"]);
}

#[test]
fn snapshot_of_an_array_graph() {
    require_dot();
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(dir.path(), ARRAY_PROGRAM);
    let dot = std::fs::read_to_string(dir.path().join("g.dot")).expect("g.dot");
    render_svg(&dot);
    insta::assert_snapshot!("array_dot", dot);
    insta::assert_snapshot!("array_summary", summary_of(ARRAY_PROGRAM, "total"));
}

#[test]
fn snapshot_of_a_delayed_graph() {
    require_dot();
    let dir = tempfile::tempdir().expect("temp dir");
    run_ok(dir.path(), DELAYED_PROGRAM);
    let dot = std::fs::read_to_string(dir.path().join("g.dot")).expect("g.dot");
    render_svg(&dot);
    insta::assert_snapshot!("delayed_dot", dot);
    insta::assert_snapshot!("delayed_summary", summary_of(DELAYED_PROGRAM, "total"));
}

#[test]
fn the_summary_of_a_plain_value_is_an_error() {
    let err = view::graph_summary(&[pgs::value::Value::Int(3)], &Default::default())
        .expect_err("an int has no graph");
    assert_eq!(
        err.message(),
        "a graph view needs a dask array or a delayed value, not int"
    );
}

/// The REPL's `:graph NAME` table, from a session that ran `program` without its
/// last line (the `visualize` call).
fn summary_of(program: &str, name: &str) -> String {
    let body: Vec<&str> = program
        .lines()
        .filter(|l| !l.contains("visualize"))
        .collect();
    let mut session = Session::new(Options::default(), Box::new(std::io::sink()));
    session
        .run("prog.pgs", &(body.join("\n") + "\n"))
        .expect("program runs");
    let value = session.global(name).expect("value defined");
    view::graph_summary(&[value], &session.sources).expect("a lazy value")
}
