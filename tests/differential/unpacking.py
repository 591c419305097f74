# Tuple unpacking in assignments, for loops and returns; swaps; chained assignment.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
a, b, c = "xyz"
print(a, b, c)
a, b = [10, 20]
print(a, b)
a, b = range(2)
print(a, b)
(a, b), c = (1, 2), 3
print(a, b, c)
a, (b, c) = 1, [2, 3]
print(a, b, c)
[p, q] = (7, 8)
print(p, q)
x, = [5]
print(x)
(y,) = "z"
print(y)
t = 1, 2, 3
print(t, type(t), len(t))
single = 4,
print(single)
k, v = {"only": 1}.popitem()
print(k, v)
first, second = sorted({"b": 1, "a": 2})
print(first, second)

print("rotations and fibonacci")
x, y, z = 1, 2, 3
for i in range(4):
    x, y, z = y, z, x
    print(x, y, z)
a, b = 0, 1
for i in range(15):
    a, b = b, a + b
print(a, b)
lst = [1, 2, 3, 4]
lst[0], lst[-1] = lst[-1], lst[0]
print(lst)
i = 0
i, lst[i] = 2, 99
print(i, lst)
m = [[1, 2], [3, 4]]
m[0][1], m[1][0] = m[1][0], m[0][1]
print(m)
d = {}
d["a"], d["b"] = "A", "B"
print(d)

print("chained assignment")
p = q = r = 0
print(p, q, r)
p = q = []
p.append(1)
print(p, q, p is q)
u = w = "s"
u = u + "!"
print(u, w)
x = y = [0] * 3
x[0] = 5
print(x, y)

print("unpacking in for loops")
pairs = [(1, "one"), (2, "two"), (3, "three")]
for num, word in pairs:
    print(num, word, word * num)
for idx, (num, word) in enumerate(pairs):
    print(idx, num, word[0])
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)
for a, b in ["xy", "zw", (0, 1), [True, None]]:
    print(a, b)
points = [(0, 0), (3, 4), (-1, 1), (6, -8)]
for x, y in points:
    print(x, y, (x * x + y * y) ** 0.5)
for key, (lo, hi) in {"a": (1, 5), "b": (-2, 2)}.items():
    print(key, lo, hi, hi - lo)

print("functions returning tuples")
def min_max(values):
    lo = values[0]
    hi = values[0]
    for v in values:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi

lo, hi = min_max([3, -1, 4, 1, -5, 9, 2, 6])
print(lo, hi, min_max([7]), min_max("hello"))
def divide(a, b):
    return a // b, a % b
for a in [17, -17]:
    for b in [5, -5]:
        quotient, remainder = divide(a, b)
        print(a, b, quotient, remainder, divmod(a, b) == (quotient, remainder))
result = divide(100, 7)
print(result, result[0], result[1], type(result))
names = ["ann", "bob", "cid"]
ages = [31, 25, 40]
for name, age in zip(names, ages):
    print(name, age)
by_age = sorted(zip(ages, names))
print(by_age)
oldest_age, oldest_name = max(zip(ages, names))
print(oldest_name, oldest_age)
