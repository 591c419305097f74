# How containers print: nesting, quote choice for strings, floats/None/bools inside, str vs repr.
print([], (), {}, [[]], [()], ((),), [{}], {"": ""}, [""], ("",))
print([1, 2, 3], (1,), (1, 2), [(1,)], ((1, 2), (3,)), [None, True, False], (None,))
print(["a", 'b', "it's", 'say "hi"', "both ' and \"", "", " ", "\\"])
print(("tab\t", "nl\n", "cr\r", "nul\x00", "bell\x07", "del\x7f", "esc\x1b", "uni\u00e9", "cjk中"))
print({"key": "value", "n": 1, "f": 1.5, "l": [1, "x"], "t": (2,), "d": {"inner": None}})
print({1: "one", 2.5: "two and a half", (1, 2): "tuple", None: None, True: False, "s": "s"})
print([0.1, 1e-05, 1e16, -0.0, float("inf"), float("nan"), 1.0, 100.0, 3.14159, 2.5e-10])
print([[1, [2, [3, [4, [5, []]]]]]], {"a": {"b": {"c": {"d": [1, (2, {"e": "f"})]}}}})
print([range(3), range(1, 10, 2)], (range(0),), {"r": range(5)})
print([-1, -2.5, -0], (+3, -(-4)), [10 ** 18, -9223372036854775807 - 1])

print("str of containers uses repr of elements")
items = ["x", 'y"', "z'"]
print(items, str(items), repr(items), len(str(items)), str(items) == repr(items))
print(str(("a",)), str(["a"]), str({"a": "b"}), str("a"), repr("a"), str(None), str([None]))
print("%s|%r" % ("str", "repr"), "{}|{!r}".format("str", "repr"), f"{'s'}|{'s'!r}|{['s']}")

print("quote choice")
for s in ["plain", "it's", 'say "hi"', "it's \"both\"", "'", '"', "''", '""', "'\"", "\\'", ""]:
    print(repr(s), [s], len(repr(s)))

print("escapes in repr")
for code in [0, 7, 8, 9, 10, 11, 12, 13, 27, 31, 32, 65, 92, 126, 127, 128, 160, 169, 233, 255, 256, 1024, 8364, 20013]:
    ch = chr(code)
    print(code, repr(ch), [ch] if code != 10 else "newline", len(repr(ch)))

print("big structures")
table = [[r * c for c in range(6)] for r in range(6)]
print(table)
nested = {}
for i in range(4):
    nested["k" + str(i)] = [i, str(i), float(i), (i,), {"sq": i * i}]
print(nested)
mixed = [1, "1", 1.0, [1], (1,), {"1": 1}, None, True, "one\ttwo"]
print(mixed, tuple(mixed))
