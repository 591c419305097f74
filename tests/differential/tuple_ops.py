# Tuples: packing, concatenation, repetition, count/index, comparison, as dict keys, immutability of shape.
t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t, len(t), t[0], t[-1], t[2:5], t[::-1], t + (0,), (0,) + t[:2], t * 2, 0 * t, t.count(1), t.index(5))
print((), (1,), (1, 2), ((1,),), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple((1, 2)))
print(max(t), min(t), sum(t), sorted(t), 9 in t, 7 in t, t == (3, 1, 4, 1, 5, 9, 2, 6), t != t[:])
packed = 1, "two", 3.0
x, y, z = packed
print(packed, x, y, z, type(packed))
nested = ((1, 2), (3, (4, 5)), ())
print(nested, nested[1][1][0], len(nested), len(nested[2]), nested[1][1] + nested[0])

print("comparison")
pairs = [((1, 2), (1, 2)), ((1, 2), (1, 3)), ((1, 2), (1,)), ((), (0,)), ((2,), (1, 9, 9)), (("a", 1), ("a", 0)),
         ((1, 2.0), (1, 2)), ((0, "z"), (1, "a"))]
for a, b in pairs:
    print(a, b, a == b, a < b, a <= b, a > b, a >= b, a != b)

print("tuples as keys")
grid = {}
for r in range(3):
    for c in range(3):
        grid[(r, c)] = r * 3 + c
print(grid[(1, 2)], grid[2, 0], (1, 1) in grid, (5, 5) in grid, len(grid))
neighbors = {}
for (r, c) in grid:
    count = 0
    for dr, dc in [(-1, 0), (1, 0), (0, -1), (0, 1)]:
        if (r + dr, c + dc) in grid:
            count += 1
    neighbors[(r, c)] = count
print(neighbors)
edges = {("a", "b"): 5, ("b", "c"): 3, ("a", "c"): 10}
print(sorted(edges), sorted(edges.items(), key=lambda kv: kv[1]), edges[("b", "c")])
memo = {}
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    if (r, c) not in memo:
        memo[(r, c)] = grid_paths(r - 1, c) + grid_paths(r, c - 1)
    return memo[(r, c)]
print([grid_paths(n, n) for n in range(12)], len(memo))

print("sorting tuples")
people = [("bob", 25, 5.5), ("ann", 31, 5.25), ("cid", 25, 6.0), ("ann", 22, 5.9)]
print(sorted(people))
print(sorted(people, key=lambda p: (p[1], p[0])))
print(max(people), min(people, key=lambda p: p[2]), [p[0] for p in sorted(people, reverse=True)])
records = list(zip(["x", "y", "z"], [3, 1, 2]))
print(records, sorted(records, key=lambda r: r[1]), dict(records), tuple(records))
print(tuple(x * 2 for x in range(4)), tuple(c.upper() for c in "abc"), tuple(sorted((3, 1, 2))))
