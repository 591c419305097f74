# An array of several elements has no single truth value in an if.
import numpy as np

x = np.array([1, 2, 3])
if (x > 2).any():
    print("some above 2")
if x > 2:
    print("not reached")
