# dask chunking: uneven last chunks, chunks of 1, one chunk, explicit sizes, -1 and rechunk.
import numpy as np
import dask.array as da

data = np.arange(20).reshape(4, 5)
for spec in [1, 2, 3, 4, 5, 10, -1, (1, 5), (3, 2), (4, -1), (-1, 1), ((1, 3), (2, 2, 1)), ((4,), (5,))]:
    x = da.from_array(data, chunks=spec)
    print(spec, x.chunks, x.numblocks, x.npartitions, x.chunksize)
    print(x.sum().compute(), x.sum(axis=0).compute().tolist(), x.sum(axis=1).compute().tolist())
v = da.from_array(np.arange(7), chunks=(2, 2, 3))
print(v.chunks, v.chunksize, (v * 2).compute().tolist())
one = da.from_array(np.arange(6.0), chunks=6)
print(one.chunks, one.npartitions, one.mean().compute())
r = v.rechunk(3)
print(r.chunks, r.compute().tolist())
print(da.rechunk(v, 1).chunks, v.rechunk((4, 3)).chunks, v.rechunk(-1).chunks)
m = da.from_array(data, chunks=2)
print(m.rechunk((4, 1)).chunks, m.rechunk((1, -1)).chunks, m.rechunk(((2, 2), (1, 4))).chunks)
print(m.rechunk((4, 1)).sum(axis=0).compute().tolist(), m.rechunk(5).chunks)
print(da.asarray(m, chunks=3).chunks, da.asarray(m) is m)
big = da.ones((1000,), chunks=300)
print(big.chunks, big.sum().compute(), big[250:700].chunks)
print(da.from_array(np.arange(5), chunks="auto").chunks, da.from_array(np.zeros((3, 4))).chunks)
print(da.arange(10, chunks=1).npartitions, da.arange(10, chunks=1).sum().compute())
