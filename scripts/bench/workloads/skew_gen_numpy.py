"""NumPy's version of skew_gen.py: one array of N normals, then the three means.

usage: skew_gen_numpy.py N CHUNK   (CHUNK unused: NumPy has no chunks)
Last line: seconds=<generate + compute>.
"""
import sys
import time

import numpy as np

n = int(float(sys.argv[1]))
chunk = int(float(sys.argv[2]))
t0 = time.perf_counter()
x = np.random.default_rng(42).standard_normal(n)
mean = x.mean()
std = x.std()
m3 = (x * x * x).mean()
skew = (m3 - 3 * mean * std**2 - mean**3) / std**3
t1 = time.perf_counter()
print(f"n={n} nchunks={-(-n // chunk)}")
print(f"normal={abs(skew) < 0.01 and abs(mean) < 0.01 and abs(std - 1) < 0.01}")
print(f"seconds={t1 - t0:.6f}")
