# Explicit chunk sizes must add up to the axis length; the message shows every axis.
import numpy as np
import dask.array as da

data = np.arange(12).reshape(3, 4)
print(da.from_array(data, chunks=((1, 2), (3, 1))).chunks)
x = da.from_array(data, chunks=((1, 1), (4,)))
