# from_array refuses an array that is already a dask array (asarray or rechunk are for that).
import dask.array as da

x = da.arange(6, chunks=2)
print(da.asarray(x).chunks, x.rechunk(3).chunks)
y = da.from_array(x, chunks=3)
