# A matrix product whose inner dimensions differ is a ValueError from the gufunc.
import numpy as np

a = np.ones((2, 3))
print((a @ np.ones((3, 4))).shape)
print(a @ np.ones((2, 2)))
