# chunks=0 fails inside Dask's chunk arithmetic with a division by zero.
import numpy as np
import dask.array as da

print(da.from_array(np.arange(5), chunks=1).chunks)
x = da.from_array(np.arange(5), chunks=0)
