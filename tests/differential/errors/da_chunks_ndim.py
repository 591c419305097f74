# A chunks tuple with the wrong number of axes is rejected with both tuples shown.
import numpy as np
import dask.array as da

data = np.arange(12).reshape(3, 4)
print(da.from_array(data, chunks=(3, 2)).chunks)
x = da.from_array(data, chunks=(2, 2, 2))
