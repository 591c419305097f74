# The math module: constants, rounding functions returning ints, exp/log/trig, integer helpers.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, type(math.pi))
print(math.sqrt(2), math.sqrt(16), math.sqrt(0), math.sqrt(1e-10), math.sqrt(10 ** 18), math.sqrt(0.25))
for x in [-2.5, -1.5, -0.5, -0.0, 0.0, 0.4, 0.5, 1.5, 2.5, 2.9999, 7, -7, 1e15 + 0.5]:
    print(x, math.floor(x), math.ceil(x), math.trunc(x), int(x), round(x), math.fabs(x), type(math.floor(x)))
print(math.floor(10 ** 18), math.ceil(-3), math.trunc(-0.9), math.floor(-1e-300), math.ceil(1e-300))

print("exp and logs")
for x in [1, 2, 0.5, 10, 100, 1e-3, 2.718281828459045, 1024]:
    print(x, math.exp(x) if x < 700 else "big", math.log(x), math.log10(x), math.log2(x), math.log(x, 2), math.log1p(x))
print(math.log(1000, 10), math.log(8, 2), math.log(100, 10), math.log10(1000), math.log(1), math.exp(0), math.exp(-1))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(8, 1 / 3), math.pow(0, 0), math.expm1(1e-10))

print("trigonometry")
for deg in [0, 30, 45, 60, 90, 120, 180, 270, 360, -45]:
    r = math.radians(deg)
    print(deg, r, math.sin(r), math.cos(r), math.tan(r) if deg % 180 != 90 else "undef", math.degrees(r))
print(math.asin(1), math.acos(0), math.atan(1), math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1))
print(math.hypot(3, 4), math.hypot(5, 12), math.hypot(1, 1), math.sinh(1), math.cosh(1), math.tanh(0.5))

print("classification")
for x in [0.0, 1.0, math.inf, -math.inf, math.nan, 1e308]:
    print(x, math.isnan(x), math.isinf(x), math.isfinite(x))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1e-10, 0.0), math.isclose(1e-10, 0.0, abs_tol=1e-9))
print(math.copysign(3, -0.0), math.copysign(-2.5, 1), math.fmod(-7, 3), math.fmod(7, -3), -7 % 3, math.modf(2.5), math.modf(-1.25))

print("integers")
print([math.factorial(n) for n in range(0, 21, 4)], math.factorial(20), math.gcd(48, 180), math.gcd(0, 0), math.gcd(-12, 18))
print(math.comb(10, 3), math.comb(52, 5), math.perm(5, 2), math.isqrt(99), math.isqrt(10 ** 18), math.lcm(4, 6))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.prod([1, 2, 3, 4]), math.prod([0.5, 4]), math.prod([]))
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0, math.fsum([0.1] * 10) == 1.0)

print("numeric recipes")
def std(values):
    mean = 0.0
    for v in values:
        mean += v
    mean = mean / len(values)
    acc = 0.0
    for v in values:
        acc += (v - mean) ** 2
    return math.sqrt(acc / len(values))
print(std([2, 4, 4, 4, 5, 5, 7, 9]), std([1.5, 2.5]), std([10.0] * 5))
def distance(p, q):
    return math.sqrt((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)
pts = [(0, 0), (3, 4), (-1, -1), (2.5, -3.5)]
for p in pts:
    print(p, [round(distance(p, q), 6) for q in pts])
circle = [(round(math.cos(2 * math.pi * k / 8), 12), round(math.sin(2 * math.pi * k / 8), 12)) for k in range(8)]
print(circle)
e_series = 0.0
for k in range(18):
    e_series += 1 / math.factorial(k)
pi_series = 0.0
for k in range(1000):
    pi_series += (-1) ** k / (2 * k + 1)
print(e_series, math.e, 4 * pi_series, math.pi)
