"""Writes the .npy fixtures tests/npy.rs reads, with real NumPy (2.4.6).

Run from the crate root: .venv/bin/python tests/npy/gen.py
Values are simple formulas so the Rust tests can restate them.
"""

import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, array, version=None):
    path = os.path.join(HERE, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)


# Readable: every supported stored dtype, 0-d, empty, and header versions 2 and 3.
save("f8_1d.npy", np.arange(5, dtype="<f8") * 1.5 - 2.0)
save("f4_2d.npy", (np.arange(6, dtype="<f4") * 0.25 - 0.5).reshape(2, 3))
save("i8_3d.npy", np.arange(24, dtype="<i8").reshape(2, 3, 4) - 7)
save("i4_1d.npy", np.array([-2147483648, -1, 0, 1, 2147483647], dtype="<i4"))
save("b1_2d.npy", (np.arange(6).reshape(3, 2) % 3 == 0))
save("f8_0d.npy", np.array(3.25, dtype="<f8"))
save("f8_empty.npy", np.zeros((0, 3), dtype="<f8"))
save("f8_v2.npy", np.arange(4, dtype="<f8"), version=(2, 0))
save("f8_v3.npy", np.arange(4, dtype="<f8"), version=(3, 0))
save("f8_1000.npy", np.arange(1000, dtype="<f8"))

# Unreadable: unsupported dtype, big-endian, Fortran order.
save("c16.npy", np.array([1 + 2j, 3 - 4j], dtype="<c16"))
save("be_f8.npy", np.arange(3, dtype=">f8"))
save("fortran.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
