# np.where names all three shapes when they cannot broadcast (a scalar is shape ()).
import numpy as np

m = np.arange(6).reshape(2, 3)
print(np.where(m > 2, m, 0))
print(np.where(m > 2, np.ones(2), 0))
