# dask "auto" chunks: about 128 MiB per chunk, shared across auto axes, short axes whole (metadata only).
import numpy as np
import dask.array as da

print(da.ones((10000, 10000)).chunks)
print(da.ones(100000000).chunks, da.ones(100000000, dtype=bool).chunks)
print(da.zeros((5000, 5000), dtype=bool).chunks, da.zeros((5000, 5000), dtype=int).chunks)
print(da.ones((20000, 100)).chunks, da.ones((100, 20000)).chunks)
print(da.arange(50000000).chunks, da.arange(0.0, 1.0, 1e-8).chunks)
print(da.ones((1000, 1000, 100)).chunks)
print(da.ones((30000, 30000), chunks=(1000, "auto")).chunks[1], da.ones((30000, 30000), chunks=("auto", -1)).chunks[0])
print(da.random.default_rng(0).normal(size=(20000, 20000)).chunks[0])
print(da.random.default_rng(0).integers(0, 5, size=30000000).chunks)
print(da.linspace(0, 1, 40000000).chunks, da.full((3, 40000000), 1.5).chunks)
print(da.from_array(np.zeros((300, 200))).chunks, da.from_array(np.arange(10), chunks="auto").chunks)
print(da.ones((1000, 1000, 1000), chunks=("auto", 10, "auto")).chunks[0][:3])
print(da.ones((10000, 10000)).npartitions, da.ones((10000, 10000)).chunksize)
