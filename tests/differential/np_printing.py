# numpy array printing: str and repr of floats (fixed and scientific), ints, bools, nan/inf, 2-d, 3-d, long arrays.
import numpy as np

cases = [
    np.array([1.0, 2.5, -3.25]),
    np.array([0.1, 0.2, 0.30000000000000004]),
    np.array([1e-5, 1.0, 1000.0]),
    np.array([1e16, 1.0]),
    np.array([1e-10, 2e-10]),
    np.array([123456789.0, 0.5]),
    np.array([1.0, np.nan, np.inf, -np.inf]),
    np.array([np.nan]),
    np.array([-0.0, 0.0]),
    np.array([1.0, 2.0, 3.0]),
    np.array([100.0, 2.0]),
    np.array([1 / 3, 2 / 3, 1.0]),
    np.array([3.14159265358979, 2.718281828459045]),
    np.array([1e300, -1e-300]),
    np.array([0.001, 0.0001]),
    np.array([12345.678, 0.001]),
    np.array([1, -22, 333]),
    np.array([-9223372036854775807, 5]),
    np.array([True, False]),
    np.array([[1.5, -2.0], [300.25, 4.0]]),
    np.array([[1, 2, 3], [40, 50, 60]]),
    np.array([[True, False, True], [False, False, True]]),
    np.arange(24).reshape(2, 3, 4),
    np.arange(8.0).reshape(2, 2, 2) / 3,
    np.zeros((2, 0)),
    np.zeros((0,), dtype=int),
    np.array([], dtype=bool),
    np.ones((1, 1)),
    np.linspace(0, 1, 11),
]
for c in cases:
    print(c)
    print(repr(c))
print(np.arange(2000))
print(repr(np.arange(1001.0)))
print(np.arange(30) * 1.5)
print(repr(np.arange(40).reshape(4, 10) * 1000))
print(np.arange(3000).reshape(100, 30))
print(repr(np.arange(12).reshape(2, 6) > 5))
print(str(np.array([1.25, 2.5])), f"{np.array([1, 2])}", "%s" % np.array([3.5]))
