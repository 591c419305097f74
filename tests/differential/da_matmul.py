# dask matrix products: @, dot, matmul on 1-d and 2-d chunked arrays; results and chunks.
import numpy as np
import dask.array as da

an = np.array([[1, 2, 3], [4, 5, 6]])
bn = np.array([[7, 8], [9, 10], [11, 12]])
a = da.from_array(an, chunks=(1, 2))
b = da.from_array(bn, chunks=(2, 1))
v = da.from_array(np.array([1, -1, 2]), chunks=2)
w = da.from_array(np.array([0.5, 2.0]), chunks=1)
print((a @ b).shape, (a @ b).chunks, (a @ b).dtype, repr((a @ b).compute()))
print(repr((b @ a).compute()), (b @ a).chunks, repr(da.matmul(a, b).compute()), repr(da.dot(a, b).compute()), repr(a.dot(b).compute()))
print(repr((a @ v).compute()), (a @ v).chunks, repr((w @ a).compute()), (w @ a).chunks, (v @ v).compute(), (v @ v).shape)
print(repr((b @ w).compute()), repr(da.dot(w, a).compute()), (w @ a).dtype, repr((a @ a.T).compute()), (a.T @ a).chunks)
print(repr((a @ bn).compute()), repr((an @ b).compute()), (an @ b).chunks)
h = da.from_array(np.array([[1 / (i + j + 1) for j in range(5)] for i in range(5)]), chunks=2)
p = (h @ h).compute()
print(f"{p[0, 0]:.12g} {p[4, 4]:.12g} {p.sum():.12g}", (h @ h).chunks)
e = da.from_array(np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]), chunks=1)
print(repr((a @ e).compute()), repr((e @ b).compute()), repr((e @ e @ e).compute()))
big = da.from_array(np.arange(60).reshape(6, 10), chunks=(4, 3))
print(repr((big @ big.T).compute()), (big.T @ big).sum().compute(), (big @ big.T).chunks)
bl = da.from_array(np.array([[True, False], [True, True]]), chunks=1)
print((bl @ bl).dtype, repr((bl @ bl).compute()))
