//! Decision 6 as properties: array reductions, matrix products and delayed graphs give
//! bit-identical results on 1, 2 and 8 threads and on repeated runs, and arrays give
//! the same values (to rounding) whatever the chunking.

use pgs::session::{Options, Session};
use proptest::prelude::*;
use std::io::Write;
use std::sync::{Arc, Mutex};

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

fn run(source: &str, threads: usize) -> String {
    let out = Captured::default();
    let mut session = Session::new(
        Options {
            argv: vec!["test".into()],
            threads,
            ..Options::default()
        },
        Box::new(out.clone()),
    );
    if let Err(e) = session.run("props.pgs", source) {
        panic!("program failed:\n{source}\n{}", session.render_error(&e));
    }
    let text = String::from_utf8_lossy(&out.0.lock().expect("not poisoned")).into_owned();
    text
}

/// Reductions of a random 2-d array, printed with every bit (`repr` of floats).
fn random_program(
    seed: u64,
    rows: usize,
    cols: usize,
    chunk_rows: usize,
    chunk_cols: usize,
) -> String {
    format!(
        "import dask\n\
         import dask.array as da\n\
         x = da.random.default_rng({seed}).normal(size=({rows}, {cols}), chunks=({chunk_rows}, {chunk_cols}))\n\
         y = x * x - 0.5 * x\n\
         s, m, v, lo = dask.compute(y.sum(), x.mean(), x.var(), x.min())\n\
         print(repr(s), repr(m), repr(v), repr(lo))\n\
         print(y.sum(axis=0).compute().tolist())\n\
         print(x.std(axis=1, ddof=1).compute().tolist())\n\
         print(int(x.argmax().compute()))\n\
         print(repr(float((x @ x.T).sum().compute())))\n"
    )
}

/// A random tree of delayed float arithmetic: `shape` picks, for each inner node,
/// which two earlier values it combines and how.
fn delayed_program(leaves: &[f64], shape: &[(usize, usize, u8)]) -> String {
    let mut src = String::from(
        "import dask\n\
         def f(v):\n    return v * 1.1 - v * v / 7.0\n\
         def add(a, b):\n    return a + b\n\
         def mul(a, b):\n    return (a * b) % 977.0\n\
         def total(xs):\n    return sum(xs) / 3.0\n\
         vals = [",
    );
    src += &leaves
        .iter()
        .map(|v| format!("dask.delayed(f)({v:?})"))
        .collect::<Vec<_>>()
        .join(", ");
    src += "]\n";
    for (a, b, op) in shape {
        let op = ["add", "mul", "total"][*op as usize % 3];
        src += &match op {
            "total" => format!("vals.append(dask.delayed(total)(vals[-{}:]))\n", a + 1),
            _ => format!(
                "vals.append(dask.delayed({op})(vals[{a} % len(vals)], vals[{b} % len(vals)]))\n"
            ),
        };
    }
    src + "print(*[repr(v) for v in dask.compute(*vals[-3:])])\n"
}

/// The same data (not random: it must not depend on the chunking) cut differently.
fn chunked_program(rows: usize, cols: usize, chunk_rows: usize, chunk_cols: usize) -> String {
    format!(
        "import numpy as np\n\
         import dask.array as da\n\
         a = (np.arange({rows} * {cols}).reshape({rows}, {cols}) * 0.37) % 1.9 - 0.6\n\
         x = da.from_array(a, chunks=({chunk_rows}, {chunk_cols}))\n\
         for v in [x.sum(), x.mean(), x.std(), (x * x * x).mean(), x.max()]:\n\
         \x20   print(repr(float(v.compute())))\n\
         for v in x.sum(axis=0).compute().tolist():\n\
         \x20   print(repr(v))\n"
    )
}

fn shape_and_chunks() -> impl Strategy<Value = (usize, usize, usize, usize)> {
    (1usize..300, 1usize..60).prop_flat_map(|(r, c)| (Just(r), Just(c), 1..=r, 1..=c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn reductions_are_bit_identical_on_any_thread_count(
        seed in 0u64..1000,
        (rows, cols, cr, cc) in shape_and_chunks(),
    ) {
        let src = random_program(seed, rows, cols, cr, cc);
        let one = run(&src, 1);
        prop_assert_eq!(&one, &run(&src, 2));
        prop_assert_eq!(&one, &run(&src, 8));
        prop_assert_eq!(&one, &run(&src, 8), "a repeated run");
    }

    #[test]
    fn delayed_graphs_are_bit_identical_on_any_thread_count(
        leaves in proptest::collection::vec(-1e3f64..1e3, 1..40),
        shape in proptest::collection::vec((0usize..64, 0usize..64, 0u8..3), 1..60),
    ) {
        let src = delayed_program(&leaves, &shape);
        let one = run(&src, 1);
        prop_assert_eq!(&one, &run(&src, 2));
        prop_assert_eq!(&one, &run(&src, 8));
        prop_assert_eq!(&one, &run(&src, 8), "a repeated run");
    }

    #[test]
    fn results_agree_across_chunkings(
        (rows, cols, cr, cc) in shape_and_chunks(),
    ) {
        let whole = run(&chunked_program(rows, cols, rows, cols), 2);
        let cut = run(&chunked_program(rows, cols, cr, cc), 2);
        let parse = |text: &str| -> Vec<f64> {
            text.lines().map(|l| l.parse::<f64>().expect("a float per line")).collect()
        };
        let (a, b) = (parse(&whole), parse(&cut));
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            let scale = x.abs().max(y.abs()).max(1.0);
            prop_assert!((x - y).abs() <= 1e-12 * scale * (rows * cols) as f64, "{x} vs {y}");
        }
    }
}
