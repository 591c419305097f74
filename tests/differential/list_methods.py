# list methods: append/extend/insert/pop/remove/index/count/sort/reverse/copy/clear, operators.
a = []
for i in range(5):
    a.append(i * i)
print(a, len(a))
a.extend([100, 200])
a.extend((7,))
a.extend("xy")
a.extend(range(2))
a.extend([])
print(a, len(a))
a.insert(0, "first")
a.insert(3, "mid")
a.insert(-1, "before-last")
a.insert(100, "end")
a.insert(-100, "start")
print(a)
print(a.pop(), a.pop(0), a.pop(2), a.pop(-2), a)
print(a.index(100), a.index("x"), a.count(0), a.count("nothing"), a.index(1, 3))
a.remove("x")
a.remove(0)
print(a)
b = a.copy()
b.append("only in b")
print(len(a), len(b), a == b, b[-1])
print(a.clear(), a, len(a), b.pop(), len(b))

print("sort")
nums = [5, 3, 8, 1, 9, 2, 7, 3, 5, -1, 0]
print(nums.sort(), nums)
nums.sort(reverse=True)
print(nums)
nums.sort(key=lambda x: abs(x - 4))
print(nums)
words = ["banana", "Apple", "cherry", "apple", "Banana", "date", "fig", "Elderberry"]
words.sort()
print(words)
words.sort(key=len)
print(words)
words.sort(key=lambda w: (len(w), w.lower()), reverse=True)
print(words)
words.sort(key=str.lower)
print(words)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a"), (3, "c"), (1, "m")]
pairs.sort()
print(pairs)
pairs.sort(key=lambda p: p[1])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs)
mixed = [3.5, 1, 2.25, -7, 0.0, 10]
mixed.sort()
print(mixed)

print("reverse and sorted copies")
r = list(range(8))
r.reverse()
print(r, sorted(r), r, list(reversed(r)), r[::-1])
print(sorted([3, 1, 2], reverse=True), sorted("pgs"), sorted((9, 8, 7)), sorted([]))

print("operators")
x = [1, 2, 3]
y = [4, 5]
print(x + y, y + x, x * 2, 2 * y, x * 0, [] * 5, [0] * 4, [None] * 2, x + [], [[]] * 3)
print(x == [1, 2, 3], x != y, x < y, [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0], [1, 2] <= [1, 2])
print(len(x), len([]), len([[1, 2], [3]]), max(x), min(y), sum(x + y))
x += [4]
x *= 2
print(x, x.count(4), x.index(4), x.index(4, 4))

print("nested lists")
grid = []
for row in range(4):
    line = []
    for col in range(5):
        line.append(row * 10 + col)
    grid.append(line)
print(grid)
print(grid[2], grid[2][3], grid[-1][-1], [r[0] for r in grid], len(grid), len(grid[0]))
grid[1][1] = "X"
grid[3].append("extra")
print(grid)
transposed = []
for c in range(5):
    transposed.append([grid[r][c] for r in range(4)])
print(transposed)

print("item assignment")
z = [0] * 6
for i in range(6):
    z[i] = i * 3
z[-1] = "last"
z[0] += 100
print(z)
stack = []
for token in "3 4 + 2 * 7 -".split():
    if token in ["+", "-", "*"]:
        right = stack.pop()
        left = stack.pop()
        if token == "+":
            stack.append(left + right)
        elif token == "-":
            stack.append(left - right)
        else:
            stack.append(left * right)
    else:
        stack.append(int(token))
    print(token, stack)
print(list("abc"), list((1, 2)), list(range(3)), list({"a": 1, "b": 2}), list(), list([1, [2]]))
