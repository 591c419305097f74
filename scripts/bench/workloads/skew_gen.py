"""Skewness of N generated standard normals in chunks of CHUNK (the seed's program
over generated data). Runs unchanged under pgs and under python3 + dask.

usage: skew_gen.py N CHUNK
mean, std and mean(x*x*x) are computed together with one dask.compute, so every
chunk is generated once. The generators differ (pgs draws its own per-chunk
streams), so the result line only checks the skewness is that of a normal.
Last line: seconds=<build + compute>.
"""
import sys
import time

import dask
import dask.array as da

n = int(float(sys.argv[1]))
chunk = int(float(sys.argv[2]))
t0 = time.perf_counter()
x = da.random.default_rng(42).standard_normal(n, chunks=chunk)
mean = x.mean()
std = x.std()
m3 = (x * x * x).mean()
mean, std, m3 = dask.compute(mean, std, m3)
skew = (m3 - 3 * mean * std**2 - mean**3) / std**3
t1 = time.perf_counter()
print(f"n={n} nchunks={x.numblocks[0]}")
print(f"normal={abs(skew) < 0.01 and abs(mean) < 0.01 and abs(std - 1) < 0.01}")
print(f"seconds={t1 - t0:.6f}")
