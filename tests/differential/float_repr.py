# Float printing: shortest round-trip repr, exponent thresholds, inf/nan, negative zero.
print(0.1 + 0.2, 0.1 * 3, 1 / 3, 2 / 3, 0.1 + 0.7, 1.1 * 1.1, 3 * 1.1)
print(1.0, -1.0, 0.0, -0.0, 100.0, 1.5, -2.25, 3.0 / 2, 10 / 4)
print(1e16, 1e15, 1e-5, 1e-4, 0.0001, 0.00001, 1e22, 1e21, 1e100, 1e-100)
print(123456789.123, 1234567890123456.7, 12345678901234567.0, 0.1234567890123456789)
print(1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 1e308 * 10, -1e308 * 10)
print(float("inf"), float("-inf"), float("nan"), -float("inf"))
print(9007199254740993.0, 9007199254740992.0, 4503599627370497.5, 0.5e-6, 1.5e-7)

print("powers of ten")
x = 1.0
for i in range(25):
    print(i, x, -x, 1 / x)
    x = x * 10

print("decimal steps")
v = 0.0
for i in range(12):
    v = v + 0.1
    print(i, v, round(v, 10), v * 10)

print("halves and thirds")
for n in range(1, 16):
    print(n, n / 2, n / 3, n / 7, n / 16, n * 0.1, n ** 0.5)

print("special values")
inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf, inf * 0, -inf * -1, inf / 1e308, 1 / inf, -1 / inf)
print(nan == nan, nan != nan, nan < 1, nan > 1, inf == inf, inf > 1e308, -inf < -1e308)
print(1e308 + 1e308, 2.0 ** 1023, 2.0 ** -1074, 2.0 ** -1075, 0.5 ** 1100)
print(float(10 ** 16), float(10 ** 15), float(2 ** 53), float(2 ** 62 - 1 + 2 ** 62), float(-5))
print(1e16 == 10 ** 16, 2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 == float(2 ** 53))
print(9007199254740993 < 9007199254740992.0, 9007199254740993 > 9007199254740992.0)
print(0.1 == 0.1, 0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75, 1 == 1.0, -0.0 == 0.0)

print("cubes use pow, not repeated multiplication")
c = 0.5655136772680869
print(c ** 3, c * c * c, c ** 2, c * c, c ** 0.5, c ** -1, c ** -2)
for k in range(1, 12):
    y = k * 0.37 + 0.011
    print(k, y, y ** 2, y ** 3, y ** 4, y ** 0.25, y ** -3)

print("str and repr agree")
for f in [0.1, 1e16, 1e-5, -0.0, 2.5, 1e300, 3.14159]:
    print(str(f), repr(f), str(f) == repr(f))
