# More indices than dimensions is an IndexError.
import numpy as np

a = np.arange(4)
print(a[1], a[None, 1])
print(a[1, 0])
