"""NumPy's version of matrix.py.

usage: matrix_numpy.py N
Last line: seconds=<sum + matmul>.
"""
import sys
import time

import numpy as np

n = int(float(sys.argv[1]))
t0 = time.perf_counter()
i = np.arange(n)
x = i[:, None] * 0.5 + i[None, :]
col = x.sum(axis=0)
t1 = time.perf_counter()
p = x @ x.T
t2 = time.perf_counter()
print(f"col0={col[0]:.10g} col_last={col[n - 1]:.10g}")
print(f"p00={p[0, 0]:.10g} p_last={p[n - 1, n - 1]:.10g}")
print(f"sum_axis0_seconds={t1 - t0:.6f}")
print(f"matmul_seconds={t2 - t1:.6f}")
print(f"seconds={t2 - t0:.6f}")
