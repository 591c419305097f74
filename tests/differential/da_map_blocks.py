# dask map_blocks: a Python function runs on each block (a numpy array) and the results are joined.
import numpy as np
import dask.array as da

def double(block):
    return block * 2

def shift(block):
    return block - block.min()

def describe(block):
    return block * 0 + block.shape[0]

x = da.from_array(np.arange(10), chunks=3)
d = da.map_blocks(double, x)
print(d.shape, d.chunks, d.dtype, repr(d.compute()))
print(repr(x.map_blocks(shift).compute()), repr(x.map_blocks(describe).compute()))
m = da.from_array(np.arange(12.0).reshape(3, 4), chunks=(2, 3))
print(repr(m.map_blocks(double).compute()), m.map_blocks(double).chunks, repr(m.map_blocks(np.sqrt).compute().round(3)))
print(repr(m.map_blocks(lambda b: b + b.sum()).compute()))
print(x.map_blocks(double).sum().compute(), (da.map_blocks(double, x) + x).compute().tolist())
print(repr(x.map_blocks(lambda b: b > 4, dtype=bool).compute()), x.map_blocks(lambda b: b > 4, dtype=bool).dtype)
print(repr(da.from_array(np.arange(6), chunks=1).map_blocks(lambda b: b * b).compute()))
