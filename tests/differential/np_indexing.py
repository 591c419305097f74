# numpy indexing: ints, negative indices, slices with steps, None, tuples of them, boolean masks.
import numpy as np

a = np.arange(10) * 3
print(a[0], a[-1], a[4], a[-10], repr(a[2:5]), repr(a[::2]), repr(a[::-1]), repr(a[-3:]))
print(repr(a[7:2:-2]), repr(a[5:5]), repr(a[20:]), repr(a[-20:2]), repr(a[1:-1:3]), repr(a[:]))
print(repr(a[None]), a[None].shape, a[:, None].shape, repr(a[None, 3:5]), a[None, :, None].shape)
m = np.arange(12).reshape(3, 4)
print(repr(m[1]), repr(m[-1]), m[1, 2], m[-1, -1], m[2][3], repr(m[:, 1]), repr(m[1, :]))
print(repr(m[0:2, 1:3]), repr(m[::2, ::-1]), repr(m[:, -1]), repr(m[1:, None, 0]))
print(repr(m[::-1]), repr(m[:, ::3]), repr(m[2:, 2:]), m[:0].shape, m[:, 4:].shape)
print(repr(m[None, 1, None]), m[None, 1, None].shape, repr(m[1:2]), m[1:2].shape)
c = np.arange(24).reshape(2, 3, 4)
print(repr(c[1, 2]), c[1, 2, 3], repr(c[:, 1, ::2]), repr(c[-1, :, -1]), c[:, None, :, 0].shape)
mask = a % 2 == 0
print(repr(mask), repr(a[mask]), repr(a[a > 10]), repr(a[(a > 5) & (a < 20)]), repr(a[a > 100]))
print(repr(m[m > 5]), repr(m[m % 3 == 0]), repr(m[np.ones((3, 4), dtype=bool)]))
f = np.array([1.5, -2.0, 3.25, -0.5])
print(repr(f[f < 0]), repr(f[np.array([True, False, False, True])]), f[f > 0].sum())
print(repr(f[1:3]), f[-2], repr(f[::-2]), repr(f[1:][f[1:] > 0]))
b = np.array([True, False, True])
print(b[0], b[-1], repr(b[1:]), repr(b[b]))
print(len(a), len(m), len(c), len(m[0]), len(a[mask]))
print(a[3] + 1, m[1, 1] * 2.5, f[0] * 2)
