# Reshaping to a shape with a different element count is a ValueError.
import numpy as np

a = np.arange(6)
print(a.reshape(2, 3).shape, a.reshape(-1, 2).shape)
print(a.reshape(4))
