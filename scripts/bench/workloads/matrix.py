"""2-d work on an N x N float64 matrix x[i, j] = 0.5 i + j (chunks of 1000 x 1000):
a column sum (sum(axis=0)) and x @ x.T. pgs and Dask run this source;
matrix_numpy.py is NumPy's.

usage: matrix.py N
Last line: seconds=<sum + matmul>.
"""
import sys
import time

import dask.array as da

n = int(float(sys.argv[1]))
t0 = time.perf_counter()
i = da.arange(n, chunks=1000)
x = i[:, None] * 0.5 + i[None, :]
col = x.sum(axis=0).compute()
t1 = time.perf_counter()
p = (x @ x.T).compute()
t2 = time.perf_counter()
print(f"col0={col[0]:.10g} col_last={col[n - 1]:.10g}")
print(f"p00={p[0, 0]:.10g} p_last={p[n - 1, n - 1]:.10g}")
print(f"sum_axis0_seconds={t1 - t0:.6f}")
print(f"matmul_seconds={t2 - t1:.6f}")
print(f"seconds={t2 - t0:.6f}")
