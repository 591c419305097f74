# Floor division and modulo follow Python's rules: the result of % has the sign of the divisor.
ints = [-10, -7, -6, -3, -1, 0, 1, 3, 6, 7, 10, 123456789]
divisors = [-7, -3, -2, -1, 1, 2, 3, 7, 10]

for a in ints:
    q = []
    r = []
    for b in divisors:
        q.append(a // b)
        r.append(a % b)
    print(a, "//", q)
    print(a, "%", r)

print("identity a == (a // b) * b + a % b")
ok = True
for a in range(-20, 21):
    for b in [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]:
        if (a // b) * b + a % b != a:
            ok = False
            print("broken for", a, b)
print(ok)

print("classic cases")
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)
print(-7 % 3, 7 % -3, -7 // 3, 7 // -3, -1 % 10, -11 % 10, 1 % -10)
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(0, 5))
print(divmod(10 ** 18, 7), divmod(-10 ** 18, 7), divmod(9223372036854775807, 10))

print("floats")
fl = [-7.5, -3.0, -0.5, 0.0, 0.5, 3.0, 7.5, 10.25]
fd = [-2.0, -0.75, 0.5, 2.0, 3]
for a in fl:
    q = []
    r = []
    for b in fd:
        q.append(a // b)
        r.append(a % b)
    print(a, "//", q)
    print(a, "%", r)
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7.5, -2), divmod(1.0, 0.1))
print(1.0 // 0.1, 1.0 % 0.1, 0.3 // 0.1, 0.3 % 0.1)
print(-1e-20 % 1.0, 1e-20 % -1.0, 6.0 % -3, -6.0 % 3, 0.0 % -1, -0.0 % 1, -0.0 // 1, 0.0 // -1)
print(5 % 2.5, -5 % 2.5, 5.5 // 1, -5.5 // 1, 2.0 ** 0.5 // 1, 1e300 % 7, 7 % 1e300, -7 % 1e300)

print("modulo as a tool")
hours = []
for h in range(-5, 30, 4):
    hours.append(h % 24)
print(hours)
digits = []
n = 9876543210
while n > 0:
    digits.append(n % 10)
    n = n // 10
print(digits)
print([i % 3 for i in range(-6, 7)])
print([i // 3 for i in range(-6, 7)])
print([-i // 4 for i in range(10)], [-(i // 4) for i in range(10)])
