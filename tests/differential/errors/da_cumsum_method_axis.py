# A dask array's cumsum method needs an axis (the da.cumsum function does not).
import dask.array as da

x = da.arange(5, chunks=2)
print(da.cumsum(x).compute().tolist(), x.cumsum(0).compute().tolist())
print(x.cumsum())
