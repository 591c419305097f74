# dask broadcasting: (3,1)+(4,), size-1 axes, 0-d arrays, numpy operands, and the merged chunks.
import numpy as np
import dask.array as da

col = da.from_array(np.array([[1], [2], [3]]), chunks=(2, 1))
row = da.from_array(np.array([10, 20, 30, 40]), chunks=3)
s = col + row
print(s.shape, s.chunks, s.dtype)
print(s.compute())
print((col * row).compute().tolist(), (row - col).shape, (row - col).chunks)
m = da.from_array(np.arange(6).reshape(2, 3), chunks=(1, 2))
v = da.from_array(np.array([100, 200, 300]), chunks=1)
print((m + v).chunks, repr((m + v).compute()))
print((m * da.from_array(np.array([[2], [-1]]), chunks=1)).compute().tolist())
print((m + np.array([5])).chunks, (m + np.array([[5]])).compute().tolist(), (m + np.ones((1, 1))).shape)
z = da.from_array(np.array(4))
print(z.shape, z.ndim, z.chunks, (z + 1).compute(), (z * m).chunks, repr((z * m).compute()), (m - z).compute().tolist())
print((z + z).shape, (z + z).compute(), (z * 2.5).dtype)
x3 = da.ones((2, 1, 3), chunks=(1, 1, 2))
y2 = da.arange(4, chunks=2).reshape(4, 1)
print((x3 + y2).shape, (x3 + y2).chunks, (x3 * y2).sum().compute())
print(repr(da.maximum(col, row).compute()), repr(da.minimum(row, 25).compute()))
print(repr(da.where(col > 1, row, -row).compute()), da.where(col > 1, row, -row).chunks)
e = da.zeros((0, 3), chunks=2)
print((e + np.array([1, 2, 3])).shape, (e + 1).chunks)
print(repr((m > da.from_array(np.array([[1], [4]]), chunks=2)).compute()))
p = da.from_array(np.arange(12).reshape(3, 4), chunks=(3, 1))
q = da.from_array(np.arange(12).reshape(3, 4), chunks=(1, 3))
print((p + q).chunks, (p + q).sum().compute(), (p * q).max().compute())
