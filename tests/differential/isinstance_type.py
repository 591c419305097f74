# type() and isinstance(): class reprs, bool as a subclass of int, tuples of types, type equality.
values = [1, -5, 1.5, float("nan"), "s", "", True, False, None, [1], [], (1,), (), {"a": 1}, {}, range(3),
          10 ** 18, 1e300]
for v in values:
    print(repr(v), type(v), type(v) == int, type(v) is float, isinstance(v, int), isinstance(v, (int, float)),
          isinstance(v, str), isinstance(v, (list, tuple)), isinstance(v, dict), isinstance(v, bool))
print(type(1), type(1.0), type("x"), type(True), type(None), type([]), type(()), type({}), type(range(1)))
print(int, float, str, bool, list, tuple, dict, type, type(int), type(type(1)))
print(type(lambda: 0), type(len) == type(print), type(abs) is type(max))

def f():
    return 1
print(type(f), type(f) == type(lambda: 2), type(f()))

print("comparisons of types")
print(type(1) == type(2), type(1) == type(1.0), type("a") is str, type([]) is list, type(True) == bool, type(True) == int)
print(isinstance(True, int), isinstance(1, bool), isinstance(0, bool), isinstance(1.0, int), isinstance(1, float))
print(isinstance("x", (int, str)), isinstance(None, (int, str)), isinstance([], (dict, list, tuple)))
print(int("5") == 5, type(int("5")), type(float(5)), type(str(5)), type(5 / 1), type(5 // 1), type(5.0 // 1))
print(type(2 ** 3), type(2 ** -1), type(2 ** 0.5), type(7 % 2), type(7.0 % 2), type(abs(-1)), type(abs(-1.0)))
print(type(round(2.5)), type(round(2.5, 1)), type(round(2, 1)), type(divmod(7, 2)), type(sum([])), type(sum([0.0])))
print(type(True + True), type(True and 1.0), type(1 or 2.0), type(not 1), type(1 < 2), type(1 if 0 else "s"))
print(type("a" * 2), type([1] * 2), type((1,) + (2,)), type("abc"[0]), type("abc"[0:1]), type([1, 2][0:1]))
print(type(sorted("ab")), type(reversed([1])) is not list, type(list(reversed([1]))), type(dict(a=1).items()) is not list)

print("dispatch on type")
def kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, (list, tuple)):
        return "seq of " + str(len(v))
    if isinstance(v, dict):
        return "map of " + str(len(v))
    if v is None:
        return "none"
    return "other"
print([kind(v) for v in values])
def to_str(v):
    if type(v) == str:
        return v
    if type(v) == list:
        return "[" + ", ".join(to_str(x) for x in v) + "]"
    return str(v)
print(to_str([1, "two", [3.0, "four", [None]]]))
names = {int: "integer", float: "floating", str: "text"}
print([names.get(type(v), "?") for v in [1, 2.0, "3", True, None]])
