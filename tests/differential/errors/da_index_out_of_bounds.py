# Dask checks integer indices against the shape when the index is applied.
import numpy as np
import dask.array as da

x = da.from_array(np.arange(10), chunks=4)
print(x[9].compute(), x[-10].compute())
print(x[10])
