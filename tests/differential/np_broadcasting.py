# numpy broadcasting: (3,1)+(4,), rows against columns, size-1 axes, 0-d arrays and scalars.
import numpy as np

col = np.array([[1], [2], [3]])
row = np.array([10, 20, 30, 40])
s = col + row
print(s.shape)
print(s)
print(repr(col * row), (row - col).shape)
m = np.arange(6).reshape(2, 3)
print(repr(m + np.array([100, 200, 300])), repr(m * np.array([[2], [-1]])))
print(repr(m + np.array([5])), repr(m + np.array([[5]])), (m + np.ones((1, 1))).shape)
z = np.array(4)
print(z + 1, repr(z * m), repr(m - z), z + z, (z * m).shape)
print(repr(np.array(2.5) * np.array([2, 4])), repr(np.array([True]) + np.array(True)))
x3 = np.ones((2, 1, 3))
y2 = np.arange(4).reshape(4, 1)
print((x3 + y2).shape, (x3 * y2).sum(), repr((x3 + y2)[1, 2]))
print(repr(np.maximum(col, row)), repr(np.minimum(row, 25)))
print(repr(np.where(col > 1, row, -row)))
print(repr(np.zeros((0, 3)) + np.array([1, 2, 3])), (np.zeros((0, 3)) + 1).shape)
print(repr(m > np.array([[1], [4]])), repr(m == np.array([0, 4, 2])))
