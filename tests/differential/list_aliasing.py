# Aliasing: names share mutable objects; copies; += mutates in place; defaults are evaluated once.
a = [1, 2, 3]
b = a
b.append(4)
print(a, b, a is b, a == b)
c = a[:]
d = list(a)
e = a.copy()
c.append("c")
d.append("d")
e.append("e")
print(a, c, d, e, c is a, d is a, e is a)

print("+= versus = +")
x = [1]
y = x
x += [2]
print(x, y, x is y)
x = x + [3]
print(x, y, x is y)
s = "ab"
t = s
s += "c"
print(s, t)
tup = (1, [2])
tup[1].append(3)
print(tup)

print("shallow copies share inner lists")
outer = [[1, 2], [3, 4]]
shallow = outer[:]
shallow[0].append(99)
shallow.append([5])
print(outer, shallow)
deep = [row[:] for row in outer]
deep[1].append(42)
print(outer, deep)

print("list multiplication repeats references")
grid = [[0] * 3] * 3
grid[0][0] = "X"
print(grid, grid[0] is grid[1])
grid2 = [[0] * 3 for _ in range(3)]
grid2[0][0] = "X"
print(grid2, grid2[0] is grid2[1])
row = [0] * 3
row[1] = 5
print(row)

print("functions mutate arguments")
def append_to(lst, value):
    lst.append(value)
    return lst

mine = []
result = append_to(mine, 1)
append_to(mine, 2)
print(mine, result, result is mine)

def rebind(lst):
    lst = lst + ["local"]
    return lst

orig = ["o"]
print(rebind(orig), orig)

def add_default(value, acc=[]):
    acc.append(value)
    return acc

print(add_default(1), add_default(2), add_default(3, []), add_default(4))
r1 = add_default(5)
r2 = add_default(6)
print(r1 is r2, r1)

def safe_default(value, acc=None):
    if acc is None:
        acc = []
    acc.append(value)
    return acc

print(safe_default(1), safe_default(2))

print("dict aliasing")
config = {"debug": False, "paths": ["/a"]}
alias = config
snapshot = config.copy()
alias["debug"] = True
alias["paths"].append("/b")
print(config, snapshot, config is alias, snapshot is config)
registry = {}
items = []
registry["items"] = items
items.append("first")
print(registry)
rows = []
template = {"n": 0}
for i in range(3):
    template["n"] = i
    rows.append(template)
print(rows)
rows = []
for i in range(3):
    rows.append({"n": i})
print(rows)

print("identity and equality")
p = [1, 2]
q = [1, 2]
print(p == q, p is q, p is not q, [p, p][0] is [p, p][1], [p, q][0] is [p, q][1])
p.append(3)
print(p, q, p == q)
pairs = [p, p, q]
pairs[0].append("shared")
print(pairs)
none_a = None
none_b = None
print(none_a is none_b, none_a == none_b)
