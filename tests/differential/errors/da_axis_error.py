# Dask checks an axis against the array's dimensions when the expression is built.
import numpy as np
import dask.array as da

x = da.from_array(np.arange(6).reshape(2, 3), chunks=2)
print(x.mean(axis=1).compute().tolist(), da.concatenate([x, x], axis=-1).shape)
print(da.concatenate([x, x], axis=2))
