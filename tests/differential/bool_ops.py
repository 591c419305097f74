# and/or/not return operands and short-circuit; conditional expressions; bool arithmetic.
calls = []
def t(label, value):
    calls.append(label)
    return value

print(0 or "x", "" or 0, None or [], [] or {}, 1 or 2, "a" and "b", 0 and 1, "" and "never", None and 1)
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0 or 5, 0 or "" or None, not 0, not "x", not None, not not [])
print(1 or 2 and 0, (1 or 2) and 0, not 1 or 2, not (1 or 2), 0 and 1 or 2, 0 and (1 or 2))
print(t("a", 0) and t("b", 1), calls)
calls = []
print(t("a", 1) or t("b", 1), calls)
calls = []
print(t("a", 1) and t("b", 0) or t("c", "c!"), calls)
calls = []
print(t("a", 0) or t("b", 0) or t("c", 0), calls)
calls = []
print(not t("a", []) and t("b", "yes"), calls)

print("defaults via or")
for value in [None, "", "given", 0, 42, [], [1]]:
    print(repr(value), repr(value or "default"), repr(value and "present"), value is None, bool(value))

print("conditional expressions")
for n in range(-3, 4):
    sign = "neg" if n < 0 else "zero" if n == 0 else "pos"
    parity = "even" if n % 2 == 0 else "odd"
    print(n, sign, parity, n if n > 0 else -n, (n > 0) - (n < 0), "big" if abs(n) > 2 else "small")
print([("fizzbuzz" if i % 15 == 0 else "fizz" if i % 3 == 0 else "buzz" if i % 5 == 0 else i) for i in range(1, 31)])
x = 5
y = 10 if x > 3 else 20
z = (1 if x else 2) + (3 if not x else 4)
print(y, z, (lambda q: "q" if q else "not q")(0), 1 if [] else 2 if {} else 3 if "" else 4)
calls = []
print(t("then", 1) if t("cond", False) else t("else", 2), calls)

print("bool arithmetic")
print(True + True, True - False, True * 10, True / 4, False // 1, -True, +False, True ** 3, -(-True) + 2)
print(sum([True, True, False, True]), max(True, 0), min(False, -1), abs(-True), int(True), float(False))
print(str(True), str(False), repr(True), bool(1), bool(0), bool(-1), bool(0.0), bool(0.1), bool("False"))
print(True == 1, False == 0, True is True, True != False, True > False, [True, False] == [1, 0])
flags = [n % 3 == 0 for n in range(10)]
print(flags, flags.count(True), flags.index(True, 1), sum(flags), any(flags), all(flags))
print(isinstance(True, int), isinstance(1, bool), type(True), type(True + 1), True + 0.5)
