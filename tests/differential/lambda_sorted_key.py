# lambda expressions and key functions for sorted/min/max/list.sort; sort stability.
square = lambda x: x * x
add = lambda a, b=10: a + b
const = lambda: "constant"
print(square(7), add(1), add(1, 2), add(b=0, a=5), const(), (lambda x, y: x * y)(6, 7), (lambda: None)())
print(list(map(lambda s: s.upper(), ["a", "b"])), list(filter(lambda n: n % 2, range(10))))
print((lambda a, b, c: a + b + c)(1, 2, 3), (lambda x: lambda y: x + y)(3)(4), (lambda x: (x, x))(1))

words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig", "grape", "apple", "Fig"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: w[-1]))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=lambda w: (-len(w), w.lower())))
print(sorted(words, key=lambda w: w.count("a") + w.count("e")))
print(sorted(words, reverse=True))

print("stability")
records = [("ann", 3), ("bob", 1), ("cid", 3), ("dee", 2), ("eve", 1), ("fay", 3), ("gus", 2)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(sorted(records, key=lambda r: r[0], reverse=True), key=lambda r: r[1]))
print(sorted(records, key=lambda r: -r[1]))

print("numbers")
nums = [3, -7, 1.5, 0, -2.25, 8, 5, -1, 10 ** 6, 1e-3]
print(sorted(nums), sorted(nums, key=abs), sorted(nums, key=lambda n: n % 3), sorted(nums, key=str))
print(min(nums), max(nums), min(nums, key=abs), max(nums, key=abs), max(nums, key=lambda n: -n))
print(sorted(range(20), key=lambda n: (n % 4, -n)), sorted([5, 2, 9], key=lambda n: 0))

print("dicts")
people = [
    {"name": "Ann", "age": 31, "city": "Oslo"},
    {"name": "bob", "age": 25, "city": "Rome"},
    {"name": "Cid", "age": 31, "city": "Bern"},
    {"name": "dee", "age": 19, "city": "Oslo"},
]
for p in sorted(people, key=lambda p: p["age"]):
    print(p["name"], p["age"])
print([p["name"] for p in sorted(people, key=lambda p: (p["city"], -p["age"]))])
print(max(people, key=lambda p: p["age"])["name"], min(people, key=lambda p: p["name"].lower())["name"])
scores = {"math": 88, "art": 95, "history": 72, "music": 95}
print(sorted(scores, key=scores.get), sorted(scores.items(), key=lambda kv: kv[1], reverse=True))
print(max(scores, key=scores.get), min(scores.values()), sorted(scores, key=lambda k: (scores[k], k)))

print("in-place sort with key")
data = ["x10", "x9", "x100", "x1", "y2", "y10"]
data.sort(key=lambda s: (s[0], int(s[1:])))
print(data)
data.sort(key=lambda s: len(s), reverse=True)
print(data)
matrix = [[3, 1], [1, 2], [2, 0], [1, 1]]
matrix.sort(key=lambda row: row[1])
print(matrix)
matrix.sort()
print(matrix)

print("higher-order helpers")
def apply_all(funcs, value):
    return [f(value) for f in funcs]
print(apply_all([abs, str, lambda v: v * 2, float, bool], -3))
transforms = {"double": lambda v: v * 2, "negate": lambda v: -v, "square": lambda v: v ** 2}
for name in sorted(transforms):
    print(name, [transforms[name](v) for v in range(-2, 3)])
