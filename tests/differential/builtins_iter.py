# Iteration builtins: enumerate zip map filter reversed sorted any all min max sum len list tuple.
xs = [4, -1, 7, 0, 3, -8, 7]
words = ["pear", "fig", "apple", "kiwi"]
print(list(enumerate(words)), list(enumerate(words, 1)), list(enumerate("ab", start=-1)), list(enumerate([])))
for i, w in enumerate(words, start=100):
    print(i, w, len(w))
print(list(zip(xs, words)), list(zip("abc", range(10), [True, False, None])), list(zip()), list(zip([], xs)))
print(dict(zip(words, xs)), list(zip([1, 2, 3], [4, 5, 6])))
print(list(map(abs, xs)), list(map(str, xs)), list(map(len, words)), list(map(lambda a, b: a * b, xs, [1, 2, 3])))
print(list(map(int, ["1", "-2", " 3 "])), list(map(float, ["1.5", "2"])), list(map(str.upper, words)))
print(list(filter(lambda v: v > 0, xs)), list(filter(None, [0, 1, "", "a", None, [], [0], False, 0.0])))
print(list(filter(str.isalpha, ["a1", "bc", "", "DEF"])), list(filter(lambda w: "i" in w, words)))
print(list(reversed(xs)), list(reversed("abc")), list(reversed(range(5))), list(reversed((1, 2))), list(reversed([])))
print("".join(reversed("stressed")), [w for w in reversed(words)], tuple(reversed(range(0, 10, 3))))
print(sorted(xs), sorted(words), sorted("hello"), sorted(xs, reverse=True), sorted(xs, key=lambda v: v * v))
print(sorted(range(5), reverse=True), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}), sorted([]), sorted(""))

print("any / all")
print(any([]), all([]), any([0, 0]), any([0, 1]), all([1, 1]), all([1, 0]), any("a"), all(""), any([[], ""]))
print(any(x > 5 for x in xs), all(x > -10 for x in xs), all(w.islower() for w in words), any(w == "fig" for w in words))

print("min / max")
print(min(xs), max(xs), min(3, 1, 2), max(3, 1, 2), min("b", "a"), max(words), min(words, key=len), max(words, key=len))
print(min([], default=0), max([], default="none"), min([5], default=0), max(xs, key=lambda v: -abs(v)))
print(max(1, 2.5), min(-1, -1.0), max(-1.0, -1), max([3, 3.0]), min([3.0, 3]), max(True, 1), max(1, True))
print(min([(2, "a"), (1, "z"), (1, "b")]), max("hello world"), min(range(5, 10)), max(range(3), key=lambda v: v % 2))
print(max([[1, 2], [3], [1, 2, 3]], key=len), min("aBc", key=str.lower), max("ABC", "abc", "Abc"))

print("sum")
print(sum(xs), sum([]), sum(xs, 100), sum(range(101)), sum([0.5, 0.25, 0.125]), sum([1, 2.5]), sum([True, True]))
print(sum([[1], [2, 3], []], []), sum(((1,), (2,)), ()), sum(x for x in range(10) if x % 2), sum(range(10), start=-45))
print(sum([10 ** 18, 10 ** 18, -10 ** 18]), sum([0.25] * 8), sum(map(len, words)), sum(len(w) for w in words))

print("len and conversions")
print(len(xs), len(words), len("héllo"), len(""), len(()), len((1,)), len({}), len({"a": 1}), len(range(3, 30, 3)))
print(len([[1, 2], [3]]), len("\n\t"), len(range(0)), len(range(10, 0, -1)), len(list(zip("ab", "xyz"))))
print(list(), tuple(), list("ab"), tuple([1, 2]), list((1,)), tuple("xy"), list(range(3)), tuple(range(2, 5)))
print(list(map(lambda p: p[0] + p[1], zip(xs, xs[1:]))), [a - b for a, b in zip(xs[1:], xs)])
pairs = list(zip(range(3), "abc"))
nums, letters = [p[0] for p in pairs], [p[1] for p in pairs]
print(pairs, nums, letters)
print(list(enumerate(zip("ab", "cd"))), list(zip(enumerate("xy"), reversed("xy"))))
running = []
acc = 0
for v in map(lambda v: v * 2, filter(lambda v: v % 2 == 1, range(10))):
    acc += v
    running.append(acc)
print(running)
