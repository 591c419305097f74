# dask.array.compute of several arrays at once, dask.compute, persist, and .compute() results.
import numpy as np
import dask
import dask.array as da

x = da.from_array(np.arange(12).reshape(3, 4), chunks=2)
s, m, col = da.compute(x.sum(), x.mean(), x.sum(axis=0))
print(s, m, repr(col))
a, b = dask.compute(x * 2, x.max(axis=1))
print(repr(a), repr(b))
t = da.compute(x.min(), x.max())
print(type(t).__name__, len(t), t[0], t[1])
print(da.compute(x[0], x[:, 0])[1].tolist())
p = (x + 1).persist()
print(p.shape, p.chunks, p.sum().compute(), repr(p.compute()))
c = x.compute()
print(c.shape, c.dtype, repr(c))
print(x.sum().compute(), x.mean().compute(), x.std().compute() > 3, x.any().compute(), x.argmax().compute())
print(np.array(x).shape, repr(np.asarray(x[1])), x[1, 1].compute(), x.max(axis=0).compute().tolist())
y = x.astype(float) / 3
print(repr(y.compute()), repr(y.round(3).compute()))
print(x.sum(axis=1).compute().tolist(), x.compute().tolist())
