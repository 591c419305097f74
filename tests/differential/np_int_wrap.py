# int64 array arithmetic wraps around silently as in NumPy (products, sums, negation, powers).
import numpy as np
import dask.array as da
print(np.array([2**62]) * 4, np.arange(1, 30).prod(), np.array([9223372036854775807]) + 1, -np.array([-9223372036854775807 - 1]))
print(da.arange(1, 30, chunks=7).prod().compute(), np.array([3]) ** 40, np.abs(np.array([-9223372036854775807 - 1])))
print(np.array([2**62, 2**62]).sum(), da.from_array(np.array([2**62, 2**62, 2**62]), chunks=1).sum().compute())
print(np.array([5, -5]) // np.array([2, 2]), np.array([5, -5]) % np.array([-3, 3]))
print(np.array([5.5, -5.5]) % -2, np.array([-0.0]) % 1, np.array([7.0]) // np.array([-2.0]))
print(np.array([1, 2]) ** np.array([0, 63]))
