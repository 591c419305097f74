# da.stack needs arrays of one shape and says which one differs (counting from 1).
import dask.array as da

x = da.ones((2, 3), chunks=1)
print(da.stack([x, x]).shape)
s = da.stack([x, x, x[:1]])
