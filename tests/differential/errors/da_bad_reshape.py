# Dask's reshape rejects a shape with a different element count, as numpy does.
import dask.array as da

a = da.arange(6, chunks=2)
print(a.reshape(3, 2).shape)
print(a.reshape((4,)))
