# numpy refuses `-` between boolean arrays.
import numpy as np

b = np.array([True, False])
print(b + b, b ^ b)
print(b - b)
