# List and dict comprehensions (nested, filtered), generator expressions as call arguments.
xs = list(range(-5, 11))
print([x * x for x in xs])
print([x for x in xs if x % 2 == 0], [x for x in xs if x > 0 if x % 3 == 0])
print([x if x >= 0 else -x for x in xs], [(x, x ** 2) for x in range(4)])
print([c.upper() for c in "pgs rocks" if c != " "], [len(w) for w in "a bb ccc dddd".split()])
print([[i * j for j in range(1, 5)] for i in range(1, 5)])
print([(i, j) for i in range(4) for j in range(i)], [(i, j) for i in range(3) for j in "ab"])
print([i + j for i in range(3) for j in range(10, 40, 10) if i != 1 if j != 20])
print([x for row in [[1, 2], [3], [], [4, 5, 6]] for x in row], [row[::-1] for row in [[1, 2], [3, 4]]])
print([[x for x in range(n)] for n in range(5)], [y for y in [] if y], [0 for _ in range(3)])
print([s.strip() for s in " a , b,c ,, d ".split(",") if s.strip()])
print([(a, b, c) for a in range(1, 21) for b in range(a, 21) for c in range(b, 21) if a * a + b * b == c * c])
primes = [n for n in range(2, 60) if all(n % d != 0 for d in range(2, n))]
print(primes, len(primes))

print("dict comprehensions")
print({x: x * x for x in range(6)}, {w: len(w) for w in ["apple", "kiwi", "banana"]})
print({k: v for k, v in [("a", 1), ("b", 2), ("a", 3)]}, {i % 3: i for i in range(10)})
print({c: "abc".index(c) for c in "cab"}, {k: v for k, v in {"x": 1, "y": -2, "z": 3}.items() if v > 0})
inv = {v: k for k, v in {"one": 1, "two": 2, "three": 3}.items()}
print(inv, {(i, j): i * j for i in range(3) for j in range(2)}, {str(n): [n] * n for n in range(4)})

print("generator expressions as arguments")
print(sum(x * x for x in xs), sum(x for x in xs if x < 0), max(abs(x) for x in xs), min(x * 2 for x in xs))
print(any(x > 9 for x in xs), all(x > -6 for x in xs), any(x > 100 for x in xs), all(x for x in []))
print(sorted(x % 4 for x in xs), list(x + 1 for x in range(3)), tuple(c for c in "tup"))
print(dict((k, k * 2) for k in "ab"), ", ".join(str(x) for x in range(5)), len(list(x for x in xs if x)))
print(sum(1 for c in "mississippi" if c == "s"), max((len(w), w) for w in "the quick brown fox".split()))
print(sorted((w for w in "delta alpha charlie bravo".split()), key=len), min((x for x in xs), key=abs))

print("scoping")
x = "outer"
squares = [x * 2 for x in range(3)]
print(x, squares)
n = 10
print([n + i for i in range(3)], [[n * k for k in range(2)] for n in range(3)], n)
funcs = [lambda v, m=m: v * m for m in range(4)]
print([f(10) for f in funcs])
late = [lambda: m for m in range(4)]
print([f() for f in late])
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [[row[i] for row in matrix] for i in range(3)], [v for row in matrix for v in row if v % 2])
