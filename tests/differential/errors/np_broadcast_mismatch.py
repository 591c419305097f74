# Adding numpy arrays whose shapes cannot broadcast is a ValueError naming both shapes.
import numpy as np

a = np.array([1, 2, 3])
print(a + 1)
print(a + np.array([4, 5, 6, 7]))
