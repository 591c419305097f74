//! Hostile input never crashes pgs: random token soups and random bytes go through
//! the whole pipeline (lex, layout, parse, resolve, run) and end in a value or a
//! Python exception, never a panic.

use pgs::session::{Options, Session};
use proptest::prelude::*;

/// Pieces of Python-looking source. Loops are left out so a random program always
/// ends quickly; recursion is bounded by the recursion limit.
const PIECES: &[&str] = &[
    "x",
    "y",
    "f",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "=",
    "+",
    "-",
    "*",
    "/",
    "//",
    "%",
    "**",
    "<",
    ">",
    "==",
    "!=",
    "not",
    "and",
    "or",
    "if",
    "else",
    "elif",
    "def",
    "return",
    "lambda",
    "in",
    "is",
    "None",
    "True",
    "1",
    "0",
    "2.5",
    "'s'",
    "\"t\"",
    "f'{x}'",
    "\n",
    "    ",
    "\t",
    "#c",
    "[::-1]",
    "x[0]",
    "len",
    "print",
    "import",
    "math",
    "dask",
    "delayed",
    "sum",
    "range",
    "@",
    "\\\n",
    "'''",
    ";",
    "*args",
    "=",
    "del",
    "assert",
    "pass",
    "class",
    "try",
    "~",
    "1e308",
    "9223372036854775807",
    "-1",
    "{1: 2}",
    "(1,)",
    "dict",
    "str",
    "int",
    "float",
];

fn run_quietly(source: &str) {
    let mut session = Session::new(
        Options {
            argv: vec!["fuzz".into()],
            threads: 2,
            ..Options::default()
        },
        Box::new(std::io::sink()),
    );
    // Ok or a Python exception are both fine; the test is that this returns.
    let _ = session.run("fuzz.pgs", source);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_token_soup_never_panics(pieces in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let source: String = pieces.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        run_quietly(&source);
    }

    #[test]
    fn random_text_never_panics(source in "\\PC{0,200}") {
        run_quietly(&source);
    }
}

#[test]
fn the_issue_list_of_bad_inputs_each_gets_an_error() {
    let cases = [
        (
            "deep parentheses",
            format!("x = {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
        ),
        (
            "deep operators",
            format!("x = {}", vec!["1"; 100_000].join(" + ")),
        ),
        (
            "unbounded recursion",
            "def f(n):\n    return f(n + 1)\nf(0)\n".to_string(),
        ),
        ("unterminated string", "x = 'abc\n".to_string()),
        (
            "mixed tabs and spaces",
            "if True:\n        x = 1\n\ty = 2\n".to_string(),
        ),
        ("int overflow", "x = 2 ** 63\n".to_string()),
        ("huge repetition", "x = 'a' * 10 ** 12\n".to_string()),
    ];
    for (what, source) in cases {
        let mut session = Session::new(Options::default(), Box::new(std::io::sink()));
        let err = session.run("bad.pgs", &source).expect_err(what);
        let report = session.render_error(&err);
        assert!(report.contains("line "), "{what}: no location in {report}");
    }
}
