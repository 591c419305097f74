# Broadcasting (2, 3) against (2,) fails: trailing axes are compared first.
import numpy as np

m = np.ones((2, 3))
print((m + np.ones(3)).shape)
print(m * np.array([1.0, 2.0]))
