# dask indexing across chunk boundaries: ints, negative indices, stepped slices, None, masks; result chunks.
import numpy as np
import dask.array as da

a = da.from_array(np.arange(10) * 3, chunks=3)
print(a[0].compute(), a[-1].compute(), a[4].compute(), a[-10].compute(), a[4].shape, a[4].chunks)
for s in [a[2:5], a[::2], a[::-1], a[-3:], a[7:2:-2], a[5:5], a[20:], a[-20:2], a[1:-1:3], a[:], a[::-3], a[8:1:-2]]:
    print(s.shape, s.chunks, repr(s.compute()))
print(a[None].shape, a[None].chunks, a[:, None].chunks, repr(a[None, 3:5].compute()), a[None, :, None].chunks)
m = da.from_array(np.arange(12).reshape(3, 4), chunks=(2, 3))
print(repr(m[1].compute()), repr(m[-1].compute()), m[1, 2].compute(), m[-1, -1].compute(), m[2][3].compute())
print(repr(m[:, 1].compute()), m[:, 1].chunks, repr(m[1, :].compute()), m[1, :].chunks)
print(repr(m[0:2, 1:3].compute()), m[0:2, 1:3].chunks, repr(m[::2, ::-1].compute()), m[::2, ::-1].chunks)
print(repr(m[:, -1].compute()), repr(m[1:, None, 0].compute()), m[1:, None, 0].chunks)
print(repr(m[::-1].compute()), repr(m[:, ::3].compute()), m[:0].shape, m[:0].chunks, m[:, 4:].shape)
c = da.from_array(np.arange(24).reshape(2, 3, 4), chunks=(1, 2, 3))
print(repr(c[1, 2].compute()), c[1, 2, 3].compute(), repr(c[:, 1, ::2].compute()), c[:, 1, ::2].chunks, c[:, None, :, 0].chunks)
mask = a % 2 == 0
print(mask.dtype, repr(mask.compute()), repr(a[mask].compute()), repr(a[a > 10].compute()))
print(repr(a[(a > 5) & (a < 20)].compute()), repr(a[a > 100].compute()), a[mask].sum().compute(), (a[mask] * 2).max().compute())
print(repr(m[m > 5].compute()), repr(m[m % 3 == 0].compute()), repr(a[np.arange(10) < 4].compute()))
f = da.from_array(np.array([1.5, -2.0, 3.25, -0.5]), chunks=1)
print(repr(f[f < 0].compute()), f[f > 0].sum().compute(), repr(f[1:3].compute()), f[-2].compute(), repr(f[::-2].compute()))
print(len(a), len(m), len(c), len(m[0]), a[3].compute() + 1, m[1, 1].compute() * 2.5)
print(repr(da.arange(100, chunks=7)[13:91:5].compute()), da.arange(100, chunks=7)[13:91:5].chunks)
