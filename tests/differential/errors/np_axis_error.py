# A reduction over an axis the array does not have raises numpy's AxisError.
import numpy as np

x = np.array([1.0, 2.0, 3.0])
print(x.sum(axis=0), x.sum(axis=-1))
print(x.sum(axis=2))
