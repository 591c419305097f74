//! `.npy` files written by real NumPy (fixtures from `tests/npy/gen.py`) read back
//! through `pgs::array::npy`, and NumPy's unreadable variants rejected clearly.

use ndarray::{ArrayD, IxDyn};
use pgs::array::npy::{save, NpyFile};
use pgs::value::array::{DType, NdArray};

fn fixture(name: &str) -> String {
    format!("{}/tests/npy/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn open(name: &str) -> NpyFile {
    NpyFile::open(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The error opening `name`, with the fixture directory stripped from the path.
fn open_err(path: &str) -> String {
    match NpyFile::open(path) {
        Ok(_) => panic!("{path} opened"),
        Err(e) => e.summary().replace(&fixture(""), ""),
    }
}

fn float(shape: &[usize], elems: Vec<f64>) -> NdArray {
    NdArray::Float(ArrayD::from_shape_vec(IxDyn(shape), elems).unwrap())
}

#[test]
fn reads_numpy_float64() {
    let file = open("f8_1d.npy");
    assert_eq!(file.dtype(), DType::Float64);
    assert_eq!(file.shape(), [5]);
    assert_eq!(file.f64_slice(0, 5), Some(&[-2.0, -0.5, 1.0, 2.5, 4.0][..]));
    assert_eq!(
        file.to_ndarray(),
        float(&[5], vec![-2.0, -0.5, 1.0, 2.5, 4.0])
    );
}

#[test]
fn reads_numpy_float32_as_float64() {
    let file = open("f4_2d.npy");
    assert_eq!(file.dtype(), DType::Float64);
    assert_eq!(file.f64_slice(0, 1), None);
    let want = (0..6).map(|i| f64::from(i as f32 * 0.25 - 0.5)).collect();
    assert_eq!(file.to_ndarray(), float(&[2, 3], want));
}

#[test]
fn reads_numpy_int64_and_int32() {
    let file = open("i8_3d.npy");
    assert_eq!(file.dtype(), DType::Int64);
    let want = ArrayD::from_shape_vec(IxDyn(&[2, 3, 4]), (0..24).map(|i| i - 7).collect());
    assert_eq!(file.to_ndarray(), NdArray::Int(want.unwrap()));
    let mut part = [0; 3];
    file.read_i64(20, &mut part);
    assert_eq!(part, [13, 14, 15]);

    let file = open("i4_1d.npy");
    assert_eq!(file.dtype(), DType::Int64);
    let mut all = [0; 5];
    file.read_i64(0, &mut all);
    assert_eq!(all, [i32::MIN.into(), -1, 0, 1, i32::MAX.into()]);
    let mut as_float = [0.0; 2];
    file.read_f64(3, &mut as_float);
    assert_eq!(as_float, [1.0, f64::from(i32::MAX)]);
}

#[test]
fn reads_numpy_bool() {
    let file = open("b1_2d.npy");
    assert_eq!(file.dtype(), DType::Bool);
    assert_eq!(file.shape(), [3, 2]);
    let want = (0..6).map(|i| i % 3 == 0).collect();
    let want = ArrayD::from_shape_vec(IxDyn(&[3, 2]), want).unwrap();
    assert_eq!(file.to_ndarray(), NdArray::Bool(want));
    let mut ints = [9; 6];
    file.read_i64(0, &mut ints);
    assert_eq!(ints, [1, 0, 0, 1, 0, 0]);
}

#[test]
fn reads_numpy_0d_and_empty() {
    let file = open("f8_0d.npy");
    assert_eq!(file.shape(), [0usize; 0]);
    assert_eq!(file.len(), 1);
    assert_eq!(file.to_ndarray(), float(&[], vec![3.25]));

    let file = open("f8_empty.npy");
    assert_eq!(file.shape(), [0, 3]);
    assert!(file.is_empty());
    assert_eq!(file.to_ndarray(), float(&[0, 3], vec![]));
}

#[test]
fn reads_header_versions_2_and_3() {
    for name in ["f8_v2.npy", "f8_v3.npy"] {
        assert_eq!(
            open(name).to_ndarray(),
            float(&[4], vec![0.0, 1.0, 2.0, 3.0])
        );
    }
}

#[test]
fn save_matches_numpy_bytes_for_data() {
    // Same elements as NumPy's file; only the header padding may differ.
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.npy").to_string_lossy().into_owned();
    let theirs = open("i8_3d.npy");
    save(&ours, &theirs.to_ndarray()).unwrap();
    let ours_bytes = std::fs::read(&ours).unwrap();
    let theirs_bytes = std::fs::read(fixture("i8_3d.npy")).unwrap();
    assert_eq!(
        ours_bytes[ours_bytes.len() - 192..],
        theirs_bytes[theirs_bytes.len() - 192..]
    );
    assert_eq!(
        NpyFile::open(&ours).unwrap().to_ndarray(),
        theirs.to_ndarray()
    );
}

#[test]
fn rejects_numpy_complex_big_endian_and_fortran() {
    let supported = "supported dtypes are '<f8' (float64), '<f4' (float32), '<i8' (int64), \
                     '<i4' (int32), '|b1' (bool)";
    assert_eq!(
        open_err(&fixture("c16.npy")),
        format!("TypeError: 'c16.npy' stores dtype '<c16', which pgs cannot read; {supported}")
    );
    assert_eq!(
        open_err(&fixture("be_f8.npy")),
        format!(
            "TypeError: 'be_f8.npy' stores dtype '>f8', which pgs cannot read; {supported} \
             (the data is big-endian: re-save it with a.astype('<f8'))"
        )
    );
    assert_eq!(
        open_err(&fixture("fortran.npy")),
        "ValueError: 'fortran.npy' is stored in Fortran order (fortran_order: True); pgs \
         reads only C-ordered .npy files: re-save it with np.save(path, np.ascontiguousarray(a))"
    );
}

#[test]
fn rejects_truncated_numpy_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.npy").to_string_lossy().into_owned();
    let whole = std::fs::read(fixture("f8_1000.npy")).unwrap();
    let header_len = whole.len() - 8000;

    std::fs::write(&path, &whole[..header_len + 4000]).unwrap();
    assert_eq!(
        open_err(&path).replace(&path, "x.npy"),
        "ValueError: 'x.npy' is truncated: header says shape (1000,) float64 = 8000 bytes of \
         data, the file holds 4000"
    );

    std::fs::write(&path, &whole[..header_len / 2]).unwrap();
    assert_eq!(
        open_err(&path).replace(&path, "x.npy"),
        "ValueError: 'x.npy' is truncated: the file ends inside its .npy header"
    );

    std::fs::write(&path, b"not numpy at all").unwrap();
    assert_eq!(
        open_err(&path).replace(&path, "x.npy"),
        "ValueError: 'x.npy' is not a .npy file (bad magic bytes)"
    );
}

/// NumPy reads what `save` writes, for every dtype (skipped without the dev venv).
#[test]
fn numpy_loads_what_save_writes() {
    let python = format!("{}/.venv/bin/python", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&python).exists() {
        eprintln!("skipped: no {python}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let ints = ArrayD::from_shape_vec(IxDyn(&[2, 3]), vec![-3, 0, 1, 2, i64::MAX, i64::MIN]);
    let bools = ArrayD::from_shape_vec(IxDyn(&[3]), vec![true, false, true]);
    save(&path("f.npy"), &float(&[], vec![2.5])).unwrap();
    save(&path("i.npy"), &NdArray::Int(ints.unwrap())).unwrap();
    save(&path("b.npy"), &NdArray::Bool(bools.unwrap())).unwrap();
    let script = "import sys, numpy as np\n\
                  d = sys.argv[1]\n\
                  for n in 'fib':\n\
                  \x20   a = np.load(f'{d}/{n}.npy')\n\
                  \x20   print(a.dtype, a.shape, a.tolist())\n";
    let out = std::process::Command::new(&python)
        .args(["-c", script, &dir.path().to_string_lossy()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "float64 () 2.5\n\
         int64 (2, 3) [[-3, 0, 1], [2, 9223372036854775807, -9223372036854775808]]\n\
         bool (3,) [True, False, True]\n"
    );
}
