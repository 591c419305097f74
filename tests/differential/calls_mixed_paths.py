# Calls that mix the VM's paths: captured arguments in a callee's frame, comprehensions calling compiled functions, defaults and *args, and functions held in a list.
def outer(a, b):
    def inner(k):
        return a * k + b
    a = a + 1
    return [inner(i) for i in range(3)] + [sq(inner(0))]

def sq(x):
    return x * x

def rec(n, acc):
    if n == 0:
        return acc
    def add(v):
        return v + n
    return rec(n - 1, [add(x) for x in acc] + [n])

def deep(n):
    if n == 0:
        return [sum(sq(i) for i in range(4))]
    return deep(n - 1) + [n]

def uses_later(flag):
    if flag:
        v = 10
    return local_or_default(flag, v if flag else 0)

def local_or_default(flag, v):
    return v if flag else -1

def kw_mix(a, b=2, *rest):
    return a + b + len(rest)

def caller():
    out = []
    for i in range(3):
        out.append(outer(i, i + 1))
        out.append(kw_mix(i))
        out.append(kw_mix(i, 5, 6, 7))
    return out

print(caller())
print(rec(4, []))
print(deep(5))
print(uses_later(True), uses_later(False))
fs = [outer, sq]
print([f(2, 3) if f is outer else f(4) for f in fs])
