# da.where names all three shapes, in Dask's format, when they cannot broadcast.
import numpy as np
import dask.array as da

m = da.from_array(np.arange(6).reshape(2, 3), chunks=2)
print(da.where(m > 2, m, 0).compute().tolist())
w = da.where(m > 2, np.ones(2), 0)
