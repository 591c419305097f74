# Dask reports a broadcasting mismatch when the expression is built, not when computed.
import numpy as np
import dask.array as da

a = da.from_array(np.arange(3), chunks=2)
b = da.from_array(np.arange(4), chunks=2)
print((a + 1).shape)
c = a + b
print("not reached", c.shape)
