# A boolean mask must match the leading axes it covers.
import numpy as np

m = np.arange(6).reshape(2, 3)
print(m[np.array([False, True])], m[m > 3])
print(m[np.array([True, False, True])])
