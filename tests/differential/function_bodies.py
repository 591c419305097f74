# Function bodies (run as register code): loops with break/continue/else, early returns from nested loops, unpacking targets, subscripts, and/or/if-else values, closures over loop variables. Recursion has its own file, recursion.py.
def loop_else(items, stop):
    found = -1
    for i, x in enumerate(items):
        if x == stop:
            found = i
            break
    else:
        found = -2
    return found

print(loop_else([1, 2, 3], 2), loop_else([1, 2, 3], 9), loop_else([], 1))

def while_else(n):
    log = []
    while n > 0:
        n -= 1
        if n == 5:
            continue
        if n == 1:
            break
        log.append(n)
    else:
        log.append("done")
    return log

print(while_else(8), while_else(1), while_else(0))

def first_pair(rows, target):
    for i in range(len(rows)):
        for j in range(len(rows[i])):
            if rows[i][j] == target:
                return (i, j)
        if i > 100:
            return None
    return "missing"

grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(first_pair(grid, 5), first_pair(grid, 9), first_pair(grid, 10))

def nested_continue():
    out = []
    for i in range(4):
        for j in range(4):
            if j > i:
                break
            if (i + j) % 2:
                continue
            out.append((i, j))
    return out

print(nested_continue())

def unpacking(pairs):
    total = 0
    names = []
    for (name, (a, b)) in pairs:
        total += a * b
        names.append(name)
    first, second = names[0], names[-1]
    a, b = b, a
    return total, first, second, a, b

print(unpacking([("x", (1, 2)), ("y", (3, 4)), ("z", (5, 6))]))

def subscripts(d, xs):
    d["count"] = d["count"] + 1
    d["count"] += 10
    xs[0] = xs[-1] * 2
    xs[1] += 5
    return d, xs, xs[::2], xs[1:], xs[::-1], "abcdef"[1:5:2], (1, 2, 3)[-2]

print(subscripts({"count": 1}, [1, 2, 3, 4]))

def values(a, b):
    return [a and b, a or b, not a, a if b else -1, (a and b) or "none", b and a and 7]

print(values(0, 5), values(3, 0), values("", "x"), values([1], []))

def closures(n):
    fs = []
    for i in range(n):
        fs.append(lambda x, i=i: x + i)
    late = []
    for j in range(n):
        late.append(lambda: j)
    return [f(10) for f in fs], [g() for g in late]

print(closures(3))

def counter():
    count = 0
    def bump(by):
        return count + by
    count = 5
    return bump(1), bump(2)

print(counter())

def arithmetic(n):
    i = 0
    f = 0.5
    s = ""
    while i < n:
        i += 1
        f = f * 1.5 - i / 4
        s += str(i % 3)
    return i, f, s, i // 3, -i % 7, i ** 2, 7.5 // 2, 2 ** -1

print(arithmetic(9))

def compares(a, b):
    return [a < b, a <= b, a > b, a >= b, a == b, a != b, a in [b], a < b < a]

def chained(x):
    return 1 < x < 10, 0 <= x <= x * 2 < 100 != x

print(compares(3, 4), compares("ab", "b"), compares(2.5, 2.5), compares("é", "e"), compares(1, 1.0))
print(chained(5), chained(50), chained(-1))

def methods(words):
    out = []
    for w in words:
        if w.startswith("a"):
            out.append(w.upper())
        elif len(w) > 3:
            out.append(w[::-1].strip("x"))
        else:
            out.append(w.replace("o", "0"))
    return ", ".join(out)

print(methods(["apple", "box", "xlongx", "no"]))

def defaults(a, b=2, *rest, c=3):
    return a + b + c + len(rest)

def calls():
    return defaults(1), defaults(1, 5), defaults(1, 2, 3, 4), defaults(1, c=10), max(3, 9, 4), sorted([3, 1, 2], reverse=True)

print(calls())

def returns_none(x):
    if x:
        return
    x = 1

print(returns_none(1), returns_none(0))

def build(n):
    pairs = [(i, i * i) for i in range(n)]
    table = {k: v for k, v in pairs}
    return pairs, table, [x for x, _ in pairs if x % 2], len(table)

print(build(4))

def shadow(list_):
    len = 3
    return len + list_[0]

print(shadow([4]))

def conditions(xs):
    out = []
    for x in xs:
        if x > 2 and x < 8 or x == 0:
            out.append("a")
        elif not x or (x > 100 and x % 2 == 0):
            out.append("b")
        elif x < 0 or x > 50 and x < 60:
            out.append("c")
        elif (x or 0) and (x > 5 or x < -5) and not x == 8:
            out.append("d")
        else:
            out.append("e")
    n = 0
    while n < 10 and not (n > 3 and n % 2 == 1):
        n += 1
    flag = "" or [] or n > 4 and "yes"
    return "".join(out), n, flag, [x for x in xs if x and x % 3 or x == 9], 1 if n and xs else 2

print(conditions([0, 1, 3, 7, 9, 55, 102, 103, -4, 8]), conditions([]))
