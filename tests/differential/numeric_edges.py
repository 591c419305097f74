# Numeric edge cases: correctly rounded int division, stable reverse sorts, max/min tie rules, math helpers.
print(10 ** 18 / 7, 2 ** 62 / 3, -(2 ** 62) / 3, 9007199254740993 / 1, 123456789012345678 / 1000, 1 / 3)
print(9223372036854775807 / 2, -9223372036854775807 / 9223372036854775807, 7 / -9007199254740993)
print(max(True, 1), max(1, True), min(0, False), min(False, 0), max([1, 1.0]), max([1.0, 1]), max(2, 2.0, key=lambda v: 0))
pairs = [("b", 1), ("a", 1), ("c", 0), ("d", 2), ("e", 0)]
print(sorted(pairs, key=lambda p: p[1], reverse=True), sorted(pairs, key=lambda p: p[1]))
words = ["bb", "a", "cc", "d", "eee", "ff"]
words.sort(key=len, reverse=True)
print(words, sorted([3, 1, 2], reverse=True), sorted("hello", reverse=True))
print(round(-0.4, 0), round(0.4, 0), round(-0.5), round(2.5), round(-1.5, 0), round(1234, -2), round(-0.0, 1), round(1.25, 1))
import math
print(math.log1p(1e-10), math.expm1(1e-10), math.modf(-3.75), math.modf(2.0), math.frexp(12.0), math.frexp(-0.0), math.ldexp(0.75, 4))
print(math.comb(30, 15), math.comb(5, 9), math.perm(6, 3), math.perm(4), math.isqrt(2 ** 62), math.lcm(6, 10, 15), math.lcm(), math.gcd())
print(math.remainder(10, 4), math.remainder(11, 4), math.remainder(-7, 2), math.dist((0, 0), (3, 4)), math.exp2(10))
print("%.3f %.3f" % (math.log1p(-0.5), math.expm1(2)), 0.1 ** 3, 1.1 ** 3, 2.5 ** 3)
