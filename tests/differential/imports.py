# import forms: import m, import m as x, from m import a, b as c; attribute access on modules.
import math
import sys
import time
import math as m
from math import sqrt as s, pi
from math import floor, ceil
from math import e

print(math.sqrt(81), m.sqrt(81), s(81), pi, m.pi == math.pi, e == math.e)
print(floor(2.7), ceil(2.1), floor(-2.7), ceil(-2.1), m.floor(9.99), math.ceil(9.01))
print(s(2) * s(2), round(s(2) * s(2), 10), m.factorial(10), math.gcd(84, 36))
start = time.perf_counter()
wall = time.time()
acc = 0
for i in range(1000):
    acc += i
elapsed = time.perf_counter() - start
print(acc, elapsed >= 0, time.time() >= wall, wall > 1600000000, isinstance(elapsed, float))
print(len(sys.argv) >= 1, isinstance(sys.argv, list), isinstance(sys.argv[0], str))

def uses_module(x):
    return math.sqrt(x) + m.sqrt(x) + s(x)

print(uses_module(16), [uses_module(v) for v in [0, 1, 4]])

def local_import_shadow(pi):
    return pi * 2

print(local_import_shadow(1), pi * 2, round(pi, 4), f"{pi:.5f}", f"{m.tau:.3f}")
sqrt = lambda v: "shadowed " + str(v)
print(sqrt(4), s(4), math.sqrt(4))
import math as again
print(again is math, again.sqrt(9), again.pi)
