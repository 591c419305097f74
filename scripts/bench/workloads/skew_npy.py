"""pgs's skewness of an existing .npy file (float64, 1-d), read chunk by chunk from
the memory map (skew_dask_npy.py is Dask's version: np.load(mmap_mode='r') +
da.from_array; Dask has no from_npy).

usage: skew_npy.py PATH CHUNK
Last line: seconds=<open + build + compute>.
"""
import sys
import time

import dask
import dask.array as da

path = sys.argv[1]
chunk = int(float(sys.argv[2]))
t0 = time.perf_counter()
x = da.from_npy(path, chunks=chunk)
mean = x.mean()
std = x.std()
m3 = (x * x * x).mean()
mean, std, m3 = dask.compute(mean, std, m3)
skew = (m3 - 3 * mean * std**2 - mean**3) / std**3
t1 = time.perf_counter()
print(f"n={x.shape[0]}")
print(f"skew={skew:.6g}")
print(f"seconds={t1 - t0:.6f}")
