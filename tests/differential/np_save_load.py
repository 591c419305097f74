# numpy save and load round-trip .npy files of each dtype and shape, including a computed dask array.
import numpy as np
import dask.array as da

m = np.arange(12).reshape(3, 4)
np.save("ints.npy", m)
back = np.load("ints.npy")
print(repr(back), back.dtype, back.shape, (back == m).all())
f = np.linspace(0, 1, 7)
np.save("floats.npy", f)
print(repr(np.load("floats.npy")))
b = np.array([[True, False], [False, True]])
np.save("bools.npy", b)
print(repr(np.load("bools.npy")), np.load("bools.npy").dtype)
np.save("scalar_sum.npy", m.sum(axis=0))
print(repr(np.load("scalar_sum.npy")))
np.save("empty.npy", np.zeros((0, 3)))
print(repr(np.load("empty.npy")), np.load("empty.npy").shape)
np.save("t.npy", m.T)
print(repr(np.load("t.npy")))
d = da.from_array(np.arange(10.0), chunks=3) * 2
np.save("from_dask.npy", d.compute())
back = np.load("from_dask.npy")
print(repr(back), back.dtype)
again = da.from_array(np.load("from_dask.npy"), chunks=4)
print(again.chunks, again.sum().compute())
