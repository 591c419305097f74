# numpy NaN and infinity through reductions: min/max propagate NaN, argmax finds the first NaN.
import numpy as np

x = np.array([1.0, np.nan, 3.0, -2.0])
print(x.min(), x.max(), x.sum(), x.mean(), x.argmax(), x.argmin(), x.std())
print(repr(x), repr(np.isnan(x)), np.isnan(x).sum(), np.isnan(x).any())
print(repr(x[np.isfinite(x)]), x[~np.isnan(x)].sum(), x[~np.isnan(x)].max())
m = np.array([[1.0, np.nan], [2.0, 5.0], [np.nan, np.nan]])
print(repr(m.max(axis=0)), repr(m.min(axis=1)), repr(m.argmax(axis=0)), repr(m.argmin(axis=1)))
print(repr(m.sum(axis=1)), repr(m.mean(axis=0)), repr(np.maximum(m, 1.5)), repr(np.minimum(m, 1.5)))
print(repr(x == x), repr(x != x), repr(x > 0), repr(x < 0), repr(np.where(np.isnan(x), 0.0, x)))
i = np.array([1.0, np.inf, -np.inf, 4.0])
print(i.max(), i.min(), i.argmax(), i.argmin(), repr(i * 2), repr(i + 1), repr(-i))
print(np.array([np.inf, 1.0]).sum(), np.array([np.inf, 1.0]).mean(), np.array([-np.inf, 1.0]).max())
print(np.array([np.nan, 1.0]).any(), np.array([np.nan, 0.0]).all(), repr(np.clip(x, 0, 2)))
print(repr(np.log(np.array([np.inf, 1.0]))), repr(np.floor(x)), repr(np.round(x, 1)), repr(np.sign(x)))
print(repr(np.array([np.nan, 2.0, np.nan]).cumsum()), repr(np.array([2.0, np.nan]).cumprod()))
