# Indexing past the end of an axis raises IndexError naming the axis and its size.
import numpy as np

m = np.arange(6).reshape(2, 3)
print(m[1, 2], m[-2, -3])
print(m[0, 3])
