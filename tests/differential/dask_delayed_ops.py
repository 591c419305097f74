# Operators, indexing, attributes and method calls on delayed values build tasks.
import dask
from dask import delayed

def inc(x):
    return x + 1

def add(x, y):
    return x + y

a = delayed(inc)(1)
b = delayed(inc)(a)
c = delayed(add)(a, b)
print(c.compute(), (a + b).compute(), (a * 10 - b).compute(), (-a).compute())
print((a < b).compute(), (a == 2).compute(), (b / 2).compute(), (b // 2).compute(), (2 ** b).compute())
d = delayed([1, 2, 3])
print(d[1].compute(), delayed("Hello").upper().compute(), delayed("a,b").split(",").compute())
e = delayed({"k": a, "v": [b, c]})
print(e.compute())
print(dask.compute(a, b, c))
print(dask.compute([a, b], {"x": c}))
print(dask.compute(1, "plain"))

@delayed
def square(x):
    return x * x

print(square(4).compute(), sum([square(i) for i in range(5)]).compute())
total = delayed(sum)([square(i) for i in range(10)])
print(total.compute())

def pair(x):
    return x, x * 2

p, q = delayed(pair, nout=2)(5)
print(p.compute(), q.compute())
