# Dask's argmax takes one axis at most.
import numpy as np
import dask.array as da

x = da.from_array(np.arange(6).reshape(2, 3), chunks=2)
print(x.argmax(axis=1).compute().tolist())
print(x.argmax(axis=(0, 1)))
