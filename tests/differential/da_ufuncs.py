# dask ufuncs through the dask.array module: results and dtypes match numpy's, chunks are kept.
import numpy as np
import dask.array as da

x = da.from_array(np.array([0.25, 1.0, 2.0, 10.0, 0.5]), chunks=2)
for fn in [da.sqrt, da.exp, da.log, da.log10, da.log2, da.square, da.abs, da.sign, da.floor, da.ceil, da.trunc]:
    r = fn(x)
    print(r.dtype, r.chunks, repr(r.compute()))
t = da.from_array(np.array([-1.0, -0.5, 0.0, 0.5, 1.0]), chunks=3)
for fn in [da.sin, da.cos, da.tan, da.arcsin, da.arccos, da.arctan, da.sinh, da.cosh, da.tanh]:
    print(repr(fn(t).compute()))
r = da.from_array(np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.675, -0.0]), chunks=3)
print(repr(da.round(r).compute()), repr(da.round(r, 1).compute()), repr(r.round(2).compute()))
print(repr(da.round(da.from_array(np.array([15, 25, -35]), chunks=2), -1).compute()))
i = da.from_array(np.array([-3, 0, 4]), chunks=2)
print(repr(da.sign(i).compute()), repr(da.abs(i).compute()), repr(da.square(i).compute()), repr(da.sqrt(i * i).compute()))
print(da.floor(i).dtype, da.ceil(i).dtype, da.trunc(i).dtype, da.round(i).dtype, repr(da.floor(i).compute()))
w = da.from_array(np.array([1.0, np.nan, np.inf, -np.inf, 0.0]), chunks=2)
print(repr(da.isnan(w).compute()), repr(da.isfinite(w).compute()), repr(da.isinf(w).compute()), da.isnan(w).dtype)
print(repr(da.maximum(w, 0.5).compute()), repr(da.minimum(w, 0.5).compute()), repr(da.maximum(i, 1).compute()))
print(repr(da.clip(i, -1, 2).compute()), repr(r.clip(0, 2).compute()), repr(da.clip(r, -1.0, 1.0).compute()))
bl = da.from_array(np.array([True, False, True, False]), chunks=3)
br = da.from_array(np.array([True, True, False, False]), chunks=1)
print(repr(da.logical_and(bl, br).compute()), repr(da.logical_or(bl, br).compute()), repr(da.logical_not(bl).compute()))
print(repr(da.logical_and(i > -1, i < 4).compute()), repr(da.logical_not(i).compute()), da.logical_or(bl, br).chunks)
print(repr(np.sqrt(x).compute()), np.sqrt(x).chunks)
