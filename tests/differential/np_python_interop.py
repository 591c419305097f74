# numpy arrays with Python builtins: float/int/len/abs/sum/min/max, iteration, `in`, f-string formats.
import numpy as np

m = np.arange(6).reshape(2, 3)
f = np.array([1.5, -2.25, 3.0])
print(float(f.sum()), int(m[1, 2]), int(f[0]), float(m[0, 1]), len(m), len(f), len(m[0]))
print(abs(f), abs(-m), sum(np.arange(5)), max(f), min(f), sum(f), round(f.mean(), 3))
for row in m:
    print(row, row.sum(), row * 2)
for v in f:
    print(v, v * 2, v > 0)
print(3 in np.arange(5), 7 in np.arange(5), 2.0 in f, [v for v in np.arange(4) if v % 2 == 0] == [0, 2])
print(f"{f.mean():.4f} {m.max():d} {f[1]:+.2f} {m.sum():>6} {f.std():.3e}")
print("%.3f %d %s" % (f.sum(), m.max(), m.shape), str(m.dtype), "{} {}".format(f[0], m[1]))
print(m.shape[0] * m.shape[1] == m.size, m.ndim, tuple(m.shape), list(m.shape), m[0].tolist() + [9])
total = 0
for i in range(len(m)):
    total += m[i].sum()
print(total, total == m.sum(), m.sum() // 4, m.mean() * 2, -m.max(), 2 ** m.max())
print(np.array([1, 2, 3]) + [10, 20, 30], [1, 2] * np.array([3, 4]), np.array([2.0]) * (3,))
print(sorted(f.tolist()), sorted(m.ravel().tolist(), reverse=True))
