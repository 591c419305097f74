"""numpy skewness of an existing .npy file (float64, 1-d), memory-mapped.

usage: skew_numpy_npy.py PATH
The file is opened with np.load(mmap_mode='r'); after a warm-up run it is in the
page cache, so this measures in-memory (bandwidth-bound) work.
Last line: seconds=<load+compute>.
"""
import sys
import time

import numpy as np


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    x = np.load(path, mmap_mode="r")
    t1 = time.perf_counter()
    mean = x.mean()
    std = x.std()
    m3 = (x * x * x).mean()
    skew = (m3 - 3 * mean * std**2 - mean**3) / std**3
    t2 = time.perf_counter()
    print(f"n={x.shape[0]}")
    print(f"skew={float(skew):.6g}")
    print(f"open_seconds={t1 - t0:.6f}")
    print(f"compute_seconds={t2 - t1:.6f}")
    print(f"seconds={t2 - t0:.6f}")


if __name__ == "__main__":
    main()
