# numpy matrix products: @, dot and matmul on 1-d and 2-d int, float and bool arrays.
import numpy as np

a = np.array([[1, 2, 3], [4, 5, 6]])
b = np.array([[7, 8], [9, 10], [11, 12]])
v = np.array([1, -1, 2])
w = np.array([0.5, 2.0])
print(repr(a @ b), repr(b @ a), repr(np.matmul(a, b)), repr(np.dot(a, b)), repr(a.dot(b)))
print(a @ v, repr(a @ v), repr(w @ a), v @ v, np.dot(v, v), repr(b @ w), repr(np.dot(w, a)))
print(repr(a @ a.T), repr(a.T @ a), (a @ b).dtype, (w @ a).dtype)
i3 = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
print(repr(a @ i3), repr(i3 @ b), repr(i3 @ i3 @ i3))
h = np.array([[1 / (i + j + 1) for j in range(4)] for i in range(4)])
p = h @ h
print(f"{p[0, 0]:.12g} {p[3, 3]:.12g} {p.sum():.12g}")
bl = np.array([[True, False], [True, True]])
print(repr(bl @ bl), repr(bl @ np.array([1, 2])), np.array([1.5]) @ np.array([2.0]))
print(repr(np.arange(6).reshape(2, 3) @ np.arange(3)), repr(np.ones((3, 1)) @ np.ones((1, 3))))
print(repr(np.ones((1, 3)) @ np.ones((3, 1))), repr(np.zeros((2, 0)) @ np.zeros((0, 3))))
