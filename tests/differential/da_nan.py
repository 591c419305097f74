# dask NaN and infinity through reductions across chunks: min/max propagate NaN, argmax finds it.
import numpy as np
import dask.array as da

x = da.from_array(np.array([1.0, 4.0, 3.0, np.nan, -2.0, np.nan]), chunks=2)
print(x.min().compute(), x.max().compute(), x.sum().compute(), x.mean().compute(), x.std().compute())
print(x.argmax().compute(), x.argmin().compute(), da.isnan(x).sum().compute(), da.isnan(x).any().compute())
y = da.from_array(np.array([1.0, 2.0, np.nan]), chunks=1)
print(y.max().compute(), y.argmax().compute(), y.argmin().compute(), y.min().compute())
m = da.from_array(np.array([[1.0, np.nan], [2.0, 5.0], [np.nan, np.nan]]), chunks=(2, 1))
print(repr(m.max(axis=0).compute()), repr(m.min(axis=1).compute()), repr(m.argmax(axis=0).compute()), repr(m.argmin(axis=1).compute()))
print(repr(m.sum(axis=1).compute()), repr(m.mean(axis=0).compute()), repr(da.maximum(m, 1.5).compute()))
print(repr((x == x).compute()), repr((x > 0).compute()), repr(da.where(da.isnan(x), 0.0, x).compute()))
print(da.where(da.isnan(x), 0.0, x).sum().compute(), x[~da.isnan(x)].sum().compute(), x[da.isfinite(x)].max().compute())
i = da.from_array(np.array([1.0, np.inf, -np.inf, 4.0]), chunks=3)
print(i.max().compute(), i.min().compute(), i.argmax().compute(), i.argmin().compute(), repr((i * 2).compute()))
print(da.from_array(np.array([np.inf, 1.0]), chunks=1).mean().compute(), repr(da.clip(x, 0, 2).compute()))
c = da.from_array(np.array([np.nan, 2.0, np.nan, 1.0]), chunks=3)
print(repr(da.cumsum(c).compute()), repr(c.cumsum(axis=0).compute()), repr(c.cumprod(0).compute()))
print(repr(da.cumsum(da.from_array(np.array([1.0, 2.0, np.inf, 1.0]), chunks=1)).compute()))
