# Comparisons: chains evaluate each operand once and short-circuit; mixed types; tuples and lists.
log = []
def v(x):
    log.append(x)
    return x

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 2 > 0, 1 == 1 == 1, 1 == 1 != 2, 1 <= 1 < 2 <= 2 >= 0)
print(1 < 2 == True, (1 < 2) == True, 0 < 0.5 < 1, -1 < 0 < 1 < 2 < 3 < 4, 5 > 4 > 6 > 0)
print(v(1) < v(2) < v(3), log)
log = []
print(v(5) < v(2) < v(3), log)
log = []
print(v(1) < v(2) > v(0) < v(9), log)
log = []
print(v(1) == v(1.0) == v(True), log)

print("ranges of values")
for x in [-5, 0, 3, 5, 7, 10, 11]:
    print(x, 0 <= x < 10, 0 < x <= 10, x < 0 or x > 9, not 0 <= x <= 9, 3 <= x <= 7 != x)

print("mixed numeric")
print(1 == 1.0, log is not None, 0 == -0.0, 0.1 + 0.2 > 0.3, 2 ** 0.5 * 2 ** 0.5 == 2, True == 1, False == 0)
print(1 < 1.5 < 2, -1.5 < -1, 10 ** 18 < 10.0 ** 19, 3 > 2.999999999, 1e16 + 1 == 1e16, int(1e16) + 1 == 1e16)

print("strings")
print("a" < "b" < "c", "abc" < "abd" < "b", "Z" < "a", "10" < "9", "" < " " < "!" < "0" < "A" < "_" < "a")
print("apple" < "apples", "apple" > "app", "é" > "z", "A" * 3 == "AAA", "ab" != "AB")

print("sequences")
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), () < (0,), (1, "b") < (1, "c"), (1, 2) == (1, 2))
print([1, 2] < [1, 3], [1, [2, 3]] < [1, [2, 4]], [3] > [2, 9, 9], [] == [], [0] != [0.0], (1, 2) != [1, 2])
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "y", 0), (1,)]), max([(1, 5), (2, 0), (1, 9)]))
print(min(["b", "ab", "abc"]), max([[1, 2], [1, 2, 3], [0, 9]]), sorted([[2], [1, 5], [1], []]))

print("identity")
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None, a is not None, (None == None), c != a)
x = None
print(x is None, x is not None, x == None, not x, type(x) is type(None))
t = (1, 2)
print(t == (1, 2), t is t, [] is [], "s" == "s")

print("comparison results are bools")
vals = [3 > 2, 2 > 3, "a" in "abc", 1 in [], 5 == 5.0]
print(vals, sum(vals), [int(b) for b in vals], [type(b) for b in vals][0])
grades = []
for score in [95, 85, 75, 65, 55, 100, 0, 89.99]:
    if 90 <= score <= 100:
        grades.append("A")
    elif 80 <= score < 90:
        grades.append("B")
    elif 70 <= score < 80:
        grades.append("C")
    elif 60 <= score < 70:
        grades.append("D")
    else:
        grades.append("F")
print(grades)
