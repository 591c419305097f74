# Dask raises numpy's IndexError for more indices than dimensions.
import numpy as np
import dask.array as da

m = da.from_array(np.arange(6).reshape(2, 3), chunks=1)
print(m[1, 2].compute())
print(m[0, 1, 2])
