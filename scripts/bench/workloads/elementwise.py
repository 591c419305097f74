"""An elementwise chain, sqrt(x*x + y*y), over N elements in chunks of 1e6,
computed to a concrete array (pgs and Dask run this source; elementwise_numpy.py
is NumPy's).

usage: elementwise.py N
Last line: seconds=<build + compute>.
"""
import sys
import time

import dask.array as da

n = int(float(sys.argv[1]))
t0 = time.perf_counter()
x = da.arange(n, chunks=1000000) * 0.001
y = da.cos(x) * 3.0
z = da.sqrt(x * x + y * y).compute()
t1 = time.perf_counter()
print(f"shape={z.shape} first={z[1]:.10g} last={z[n - 1]:.10g}")
print(f"seconds={t1 - t0:.6f}")
