"""Regenerates tests/ndprint/cases.txt: golden repr()/str() of NumPy arrays.

Run with the oracle NumPy (2.4.6, default print options):

    .venv/bin/python tests/ndprint/gen_cases.py > tests/ndprint/cases.txt

Format, one case after another (read by tests/ndprint.rs):

    case <name>
    dtype <float64|int64|bool>
    shape <dims...>                   (nothing after "shape" for 0-d)
    values <flat C-order values...>   (floats as Python repr; bools as 0/1)
  or
    arange <start> <step>             (element i is start + i*step, in the dtype)
    set <flat index> <value>          (optional overrides after arange, any number)
    repr <n>                          (followed by exactly n lines of expected repr)
    str <n>                           (followed by exactly n lines of expected str)
"""

import sys

import numpy as np

assert np.__version__ == "2.4.6", np.__version__

OUT = sys.stdout
DTYPES = {np.dtype("float64"): "float64", np.dtype("int64"): "int64", np.dtype("bool"): "bool"}


def fmt_value(x, dtype):
    if dtype == "float64":
        return repr(float(x))
    if dtype == "int64":
        return str(int(x))
    return "1" if x else "0"


def emit_block(tag, text):
    lines = text.split("\n")
    OUT.write(f"{tag} {len(lines)}\n")
    for line in lines:
        OUT.write(line + "\n")


def emit(name, a, arange=None, sets=()):
    """Writes one case; `arange=(start, step)` stores a large array compactly."""
    a = np.asarray(a)
    dtype = DTYPES[a.dtype]
    OUT.write(f"case {name}\n")
    OUT.write(f"dtype {dtype}\n")
    OUT.write(("shape " + " ".join(str(d) for d in a.shape)).rstrip() + "\n")
    if arange is None:
        flat = " ".join(fmt_value(x, dtype) for x in a.ravel())
        OUT.write(("values " + flat).rstrip() + "\n")
    else:
        OUT.write(f"arange {fmt_value(arange[0], dtype)} {fmt_value(arange[1], dtype)}\n")
        for index, value in sets:
            OUT.write(f"set {index} {fmt_value(value, dtype)}\n")
    emit_block("repr", repr(a))
    emit_block("str", str(a))


def arange_case(name, shape, start, step, dtype, sets=()):
    """start + i*step in the same IEEE operations the Rust test performs."""
    n = int(np.prod(shape))
    if dtype == "float64":
        flat = np.float64(start) + np.arange(n, dtype=np.float64) * np.float64(step)
    elif dtype == "int64":
        flat = np.int64(start) + np.arange(n, dtype=np.int64) * np.int64(step)
    else:
        flat = ((np.int64(start) + np.arange(n, dtype=np.int64) * np.int64(step)) % 2) == 1
    for index, value in sets:
        flat[index] = value
    emit(name, flat.reshape(shape), arange=(start, step), sets=sets)


def fixed_cases():
    f = np.float64
    emit("f_simple", np.array([1.0, 2.0]))
    emit("f_half", np.array([1.0, 1.5]))
    emit("f_mixed_frac", np.array([1.0, 2.25, -3.125, 10.5]))
    emit("f_third", np.array([1 / 3]))
    emit("f_point3", np.array([0.1 + 0.2]))
    emit("f_tenths", np.array([0.1, 0.2, 0.3]))
    emit("f_1e-5", np.array([1e-5]))
    emit("f_1e8", np.array([1e8]))
    emit("f_big", np.array([123456789.0]))
    emit("f_just_below_1e8", np.array([99999999.0, 1.5]))
    emit("f_12345678_9", np.array([12345678.9]))
    emit("f_1e-4", np.array([1e-4]))
    emit("f_below_1e-4", np.array([9.999999999999999e-05]))
    emit("f_1e-4_and_1", np.array([1e-4, 1.0]))
    emit("f_ratio_1000", np.array([1.0, 1000.0]))
    emit("f_ratio_1001", np.array([1.0, 1001.0]))
    emit("f_ratio_1000_5", np.array([1.0, 1000.5]))
    emit("f_1e16", np.array([1e16]))
    emit("f_1e-300", np.array([1e-300, 1.0]))
    emit("f_denorm", np.array([5e-324]))
    # Subnormals: padding digits are the true digits, not zeros (4.940656e-324).
    emit("f_subnormals", np.array([2.0**k for k in range(-1074, -1021, 9)]))
    emit("f_subnormal_mix", np.array([5e-324, 1.5e-320, 1.0]))
    emit("f_pow10_neighbours", np.array([np.nextafter(10.0**e, d) for e in (-5, 8, 22)
                                         for d in (0, np.inf)]))
    emit("f_max", np.array([1.7976931348623157e308, -1.7976931348623157e308]))
    emit("f_exp3", np.array([1e100, 1e-100, 1.5]))
    emit("f_nan", np.array([np.nan]))
    emit("f_inf", np.array([np.inf]))
    emit("f_neginf", np.array([-np.inf]))
    emit("f_nonfinite", np.array([np.nan, np.inf, -np.inf]))
    emit("f_nan_inf", np.array([np.nan, np.inf]))
    emit("f_nan_1_5", np.array([np.nan, 1.5]))
    emit("f_nan_long_frac", np.array([np.nan, 1.123456]))
    emit("f_neginf_exp", np.array([-np.inf, 1e10]))
    emit("f_nan_exp", np.array([np.nan, 1e-10, -np.inf]))
    emit("f_negzero", np.array([-0.0]))
    emit("f_zero_negzero", np.array([0.0, -0.0]))
    emit("f_zero", np.array([0.0]))
    emit("f_zeros", np.zeros(5))
    emit("f_zero_1e-5", np.array([0.0, 1e-5]))
    emit("f_negzero_exp", np.array([-0.0, 1e10]))
    emit("f_neg_small_1", np.array([-1e-5, 1.0]))
    emit("f_ties", np.array([1 / 512, 3 / 512, 5 / 512, 0.5]))
    emit("f_ties_1024", np.array([1 / 1024, 7 / 1024, 1.0]))
    emit("f_dtoa_tie", np.array([2208300000000000.25]))
    emit("f_9_rounding", np.array([0.999999999, 1.5]))
    emit("f_9_rounding_sci", np.array([9.9999999999e-5, 1.0]))
    emit("f_round_up_exp", np.array([9.999999999e20]))
    emit("f_neg_mix", np.array([-1.5, 2.0, -300.25, 4.0]))
    emit("f_pow2", np.array([2.0**k for k in range(-10, 60, 7)]))
    emit("f_pow2_small", np.array([2.0**-k for k in range(14, 30, 3)]))
    emit("f_long_wrap", np.linspace(0, 1, 40))
    emit("f_long_wrap_neg", -np.linspace(0, 100, 33) / 7)
    emit("f_long_sci", np.logspace(-10, 10, 30))
    emit("f_exactly_fit", np.arange(12) + 0.5)
    emit("f_2d", np.array([[1.0, 2.5], [3.0, 4.0]]))
    emit("f_2d_wrap", (np.arange(60).reshape(3, 20) / 3))
    emit("f_3d", np.arange(24, dtype=float).reshape(2, 3, 4) / 4)
    emit("f_4d", np.arange(16, dtype=float).reshape(2, 2, 2, 2))
    emit("f_3d_nan", np.array([[[np.nan, 1.0]], [[-np.inf, 2.5]]]))
    emit("f_col", np.arange(5, dtype=float).reshape(5, 1))
    emit("f_row", np.arange(5, dtype=float).reshape(1, 5))
    emit("f_1x1", np.array([[7.25]]))
    emit("f_1x1x1", np.array([[[1e-7]]]))

    # ints
    emit("i_simple", np.array([1, 2, 3]))
    emit("i_neg", np.array([-1, 10, -100]))
    emit("i_extremes", np.array([np.iinfo(np.int64).min, 0, np.iinfo(np.int64).max]))
    emit("i_zero", np.array([0]))
    emit("i_long", np.arange(100))
    emit("i_long_neg", np.arange(-60, 60, 3))
    emit("i_2d", np.array([[1, 2], [3, 4]]))
    emit("i_2d_neg", np.array([[1, -20], [300, 4]]))
    emit("i_3d", np.arange(60).reshape(3, 4, 5))
    emit("i_2d_wrap", np.arange(90).reshape(3, 30) * 1001)
    emit("i_big_wrap", np.arange(30) * 10**17)

    # bools
    emit("b_simple", np.array([True, False]))
    emit("b_true", np.array([True]))
    emit("b_false", np.array([False]))
    emit("b_long", np.arange(40) % 3 == 0)
    emit("b_2d", np.array([[True, False], [False, True]]))
    emit("b_3d", (np.arange(12) % 2 == 0).reshape(2, 3, 2))

    # 0-d
    for i, x in enumerate([3.0, 0.1, 0.1 + 0.2, 1e16, 1e-5, 1e-4, 123456789.0, 1 / 3, np.nan,
                           np.inf, -np.inf, -0.0, 0.0, 2208300000000000.25, 5e-324, -2.5]):
        emit(f"f0d_{i}", np.array(f(x)))
    emit("i0d_pos", np.array(3))
    emit("i0d_neg", np.array(-5))
    emit("i0d_min", np.array(np.iinfo(np.int64).min))
    emit("b0d_true", np.array(True))
    emit("b0d_false", np.array(False))

    # empty
    emit("e_f", np.array([], dtype=float))
    emit("e_i", np.array([], dtype=np.int64))
    emit("e_b", np.array([], dtype=bool))
    emit("e_f_0x3", np.zeros((0, 3)))
    emit("e_i_2x0", np.zeros((2, 0), dtype=np.int64))
    emit("e_b_3x0x2", np.zeros((3, 0, 2), dtype=bool))
    emit("e_f_0x0", np.zeros((0, 0)))

    # summarised (> 1000 elements)
    arange_case("s_i_1001", (1001,), 0, 1, "int64")
    arange_case("s_i_2000", (2000,), 0, 1, "int64")
    arange_case("s_i_2000_neg", (2000,), -1000, 1, "int64")
    arange_case("s_f_2000", (2000,), 0.0, 1.0, "float64")
    arange_case("s_f_2000_frac", (2000,), 0.0, 1.5, "float64")
    arange_case("s_f_wide", (5000,), 0.0, 0.123456789, "float64")
    arange_case("s_f_sci", (3000,), 1e-10, 1e-3, "float64")
    arange_case("s_f_middle_ignored", (2000,), 0.0, 1.0, "float64", sets=[(1000, 1e20), (7, np.nan)])
    arange_case("s_f_edge_nan", (2000,), 0.0, 1.0, "float64", sets=[(1, np.nan), (1998, -np.inf)])
    arange_case("s_i_middle_ignored", (2000,), 0, 1, "int64", sets=[(1000, -10**15)])
    arange_case("s_b_2000", (2000,), 0, 1, "bool")
    arange_case("s_i_2d", (50, 50), 0, 1, "int64")
    arange_case("s_f_2d", (40, 30), 0.0, 0.5, "float64")
    arange_case("s_f_2d_short_rows", (1001, 1), 0.0, 0.25, "float64")
    arange_case("s_f_2d_long_row", (1, 2000), 0.0, 0.25, "float64")
    arange_case("s_i_2d_row_summary_only", (3, 400), 0, 1, "int64")
    arange_case("s_i_2d_col_summary_only", (400, 3), 0, 1, "int64")
    arange_case("s_i_3d", (20, 20, 20), 0, 1, "int64")
    arange_case("s_f_3d", (11, 12, 13), -1.0, 0.01, "float64")
    arange_case("s_i_4d", (7, 7, 7, 7), 0, 1, "int64")
    arange_case("s_b_3d", (10, 10, 11), 0, 1, "bool")
    arange_case("s_i_7x7x7x3", (7, 7, 7, 3), 0, 1, "int64")
    arange_case("s_f_extras_newline", (1200,), 1e10, 1.5e7, "float64")
    arange_case("s_i_extras_newline", (1500,), 10**15, 10**12, "int64")
    rng = np.random.default_rng(5)
    emit("s_f_random", rng.normal(size=1500) * 100)


def random_values(rng, dtype, n):
    if dtype == "int64":
        scale = 10 ** int(rng.integers(0, 19))
        return rng.integers(-scale, scale, size=n, endpoint=True, dtype=np.int64)
    if dtype == "bool":
        return rng.random(n) < rng.random()
    kind = rng.integers(0, 7)
    if kind == 0:  # arbitrary doubles from random bit patterns
        bits = rng.integers(0, 2**63, size=n, dtype=np.uint64) | (
            rng.integers(0, 2, size=n, dtype=np.uint64) << np.uint64(63))
        return bits.view(np.float64)
    if kind == 1:  # narrow magnitude range: positional notation with cut-off digits
        return rng.uniform(-1, 1, n) * 10.0 ** rng.integers(-3, 8)
    if kind == 2:  # short decimals
        return np.round(rng.normal(size=n) * 100, int(rng.integers(0, 6)))
    if kind == 3:  # integral floats
        return np.round(rng.normal(size=n) * 10.0 ** rng.integers(0, 12))
    if kind == 4:  # wide magnitude range
        return rng.normal(size=n) * 10.0 ** rng.integers(-12, 12, size=n)
    if kind == 5:  # k/2^m: exact binary fractions with ties at the 8th digit
        return rng.integers(-4096, 4096, size=n) / 2.0 ** rng.integers(8, 14)
    return rng.uniform(0, 2, n) * 10.0 ** rng.integers(-6, 10)


def sprinkle_specials(rng, values):
    values = values.copy()
    for special in (np.nan, np.inf, -np.inf, -0.0, 0.0):
        if rng.random() < 0.15:
            values[rng.integers(0, len(values))] = special
    return values


def random_cases(count):
    rng = np.random.default_rng(20240611)
    for i in range(count):
        dtype = ["float64", "float64", "float64", "int64", "bool"][rng.integers(0, 5)]
        ndim = int(rng.integers(1, 4))
        shape = tuple(int(d) for d in rng.integers(1, [40, 9, 6][ndim - 1], size=ndim, endpoint=True))
        n = int(np.prod(shape))
        values = random_values(rng, dtype, n)
        if dtype == "float64":
            values = sprinkle_specials(rng, values.astype(np.float64))
        emit(f"r{i:03}_{dtype}", np.asarray(values).reshape(shape))


def main():
    fixed_cases()
    random_cases(250)


if __name__ == "__main__":
    main()
