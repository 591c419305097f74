"""dask.array skewness of an existing .npy file (float64, 1-d).

usage: skew_dask_npy.py PATH CHUNK
np.load(mmap_mode='r') + da.from_array(chunks=CHUNK); mean, std, mean(x*x*x)
computed with one dask.compute(...) on the default threaded scheduler.
Last line: seconds=<open+build+compute>.
"""
import sys
import time

import dask
import dask.array as da
import numpy as np


def main():
    path = sys.argv[1]
    chunk = int(float(sys.argv[2]))
    t0 = time.perf_counter()
    arr = np.load(path, mmap_mode="r")
    x = da.from_array(arr, chunks=chunk)
    mean = x.mean()
    std = x.std()
    m3 = (x * x * x).mean()
    t1 = time.perf_counter()
    mean, std, m3 = dask.compute(mean, std, m3)
    skew = (m3 - 3 * mean * std**2 - mean**3) / std**3
    t2 = time.perf_counter()
    print(f"n={arr.shape[0]}")
    print(f"skew={skew:.6g}")
    print(f"build_seconds={t1 - t0:.6f}")
    print(f"compute_seconds={t2 - t1:.6f}")
    print(f"seconds={t2 - t0:.6f}")


if __name__ == "__main__":
    main()
