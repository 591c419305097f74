"""NumPy's version of elementwise.py.

usage: elementwise_numpy.py N
Last line: seconds=<compute>.
"""
import sys
import time

import numpy as np

n = int(float(sys.argv[1]))
t0 = time.perf_counter()
x = np.arange(n) * 0.001
y = np.cos(x) * 3.0
z = np.sqrt(x * x + y * y)
t1 = time.perf_counter()
print(f"shape={z.shape} first={z[1]:.10g} last={z[n - 1]:.10g}")
print(f"seconds={t1 - t0:.6f}")
