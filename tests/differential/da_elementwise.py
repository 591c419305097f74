# dask elementwise operators across chunkings; dtype promotion and chunks of the results.
import numpy as np
import dask.array as da

i = da.from_array(np.array([7, -3, 0, 12, 5]), chunks=2)
f = da.from_array(np.array([0.5, -1.5, 2.0, 4.0, -0.25]), chunks=3)
b = da.from_array(np.array([True, False, True, False, True]), chunks=1)
for name, r in [("i+1", i + 1), ("i-2", i - 2), ("i*3", i * 3), ("i//2", i // 2), ("i%5", i % 5),
                ("i**2", i ** 2), ("i/2", i / 2), ("2-i", 2 - i), ("7//i+1", 7 // (i + 100)),
                ("i+f", i + f), ("f*i", f * i), ("f//0.75", f // 0.75), ("f%0.75", f % 0.75),
                ("i+True", i + True), ("b+b", b + b), ("b*3", b * 3), ("b+0.5", b + 0.5),
                ("i&6", i & 6), ("i|1", i | 1), ("i^5", i ^ 5), ("~i", ~i), ("~b", ~b), ("-i", -i),
                ("+f", +f), ("-f", -f), ("b&b", b & True), ("b|b", b | ~b), ("b^b", b ^ b),
                ("i>0", i > 0), ("i<=0", i <= 0), ("f==2", f == 2.0), ("f!=2", f != 2.0),
                ("i<f", i < f), ("i>=f", i >= f), ("3<i", 3 < i), ("b==1", b == 1),
                ("2**i", 2 ** da.from_array(np.array([0, 1, 10]), chunks=2)), ("f**2", f ** 2)]:
    print(name, r.dtype, r.chunks, repr(r.compute()))
print(da.add(i, 1).compute().tolist(), da.subtract(f, i).compute().tolist(), da.multiply(b, i).compute().tolist())
print(da.divide(i, 4).compute().tolist(), da.power(i, 2).compute().tolist(), da.negative(f).compute().tolist())
n = np.array([1, 2, 3, 4, 5])
print((i + n).chunks, repr((n * i).compute()), repr((i - [1, 1, 1, 1, 1]).compute()))
c = da.from_array(np.array([10, 20, 30, 40, 50]), chunks=(1, 4))
print((i + c).chunks, repr((i + c).compute()), (c * f).chunks)
