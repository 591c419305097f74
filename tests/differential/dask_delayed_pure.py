# pure=True gives structural keys: the same call twice is one task; persist keeps results.
import dask
from dask import delayed

def slow_square(x):
    return x * x

a = delayed(slow_square, pure=True)(3)
b = delayed(slow_square, pure=True)(3)
c = delayed(slow_square)(3)
d = delayed(slow_square)(3)
print(a.key == b.key, c.key == d.key, a.key == c.key)
print(dask.compute(a, b, c, d))
p = (a + c).persist()
print(p.compute(), (p * 2).compute())
print(dask.persist(a)[0].compute() if isinstance(dask.persist(a), tuple) else dask.persist(a).compute())
