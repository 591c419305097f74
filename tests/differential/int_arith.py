# Integer arithmetic: + - * / // % ** with signs, precedence and 64-bit sized values.
values = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 12345, -12345]

for a in values:
    line = []
    for b in values:
        line.append(a + b)
        line.append(a - b)
        line.append(a * b)
    print(a, line)

print("true division")
for a in [7, -7, 1, 0, 10, 6, 100]:
    for b in [2, -2, 3, 4, 7, 1]:
        print(a, "/", b, "=", a / b)

print("powers")
for base in [-3, -2, -1, 0, 1, 2, 3, 10]:
    row = []
    for e in range(0, 8):
        row.append(base ** e)
    print(base, row)
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -1, (-1) ** -1, 4 ** 0.5, 2 ** 0.5)
print(0 ** 0, 0.0 ** 0, 1 ** 100, (-1) ** 101, (-1) ** 100)
print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2, -3 ** 3, 2 ** -1 ** 2)
print(2 ** 62, 2 ** 62 - 1 + 2 ** 62, -(2 ** 62) * 2)
print(10 ** 18, 10 ** 18 + 10 ** 18, 9 * 10 ** 18, 10 ** 18 - 1, -10 ** 18)
print(9223372036854775807, -9223372036854775807 - 1)
print(10 ** 18 // 7, 10 ** 18 % 7, -10 ** 18 // 7, -10 ** 18 % 7)
print(123456789 * 987654321, 999999999 * 999999999, 3037000499 * 3037000499)
print(10 ** 18 / 3, 10 ** 18 / 10 ** 9, 2 ** 53 / 2, (2 ** 53 + 1) / 1)
print(2004793020646064781 / 625, 2004793020646064781 / 5)

print("precedence")
print(2 + 3 * 4, (2 + 3) * 4, 2 + 3 * 4 ** 2 // 5 - -1, 7 - 3 - 2, 100 // 10 // 3)
print(2 * 3 % 4, 2 * (3 % 4), -7 // 2 * 2 + -7 % 2, 1 + -2, 1 - -2, - - 3, -+-3)
print(+5, -(-5), ~0, ~5, ~-1, ~-6, -~5, ~~7)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * (3 - 4) / 2, 17 % 5 * 3 // 2)

print("abs")
for x in [-5, 5, 0, -1, -10 ** 18, 9223372036854775807, -2.5, 2.5, -0.0, 0.0]:
    print(x, abs(x))

print("int and float mixing")
print(1 + 1.0, 3 * 0.5, 10 - 0.25, 7 // 2.0, 7 % 2.0, 2 ** 2.0, 1 + True, True + True, False * 10)
print(True * 3, -True, True / 2, True // 2, 3 - False, 5 * True, True ** 2)
print(10 ** 15 + 0.5, 10 ** 16 + 0.5, 2 ** 60 + 0.0, float(2 ** 60))

print("accumulate")
total = 0
for i in range(1, 1001):
    total += i * i
print(total)
product = 1
for i in range(1, 21):
    product *= i
print(product)
fib_a = 0
fib_b = 1
for i in range(90):
    fib_a, fib_b = fib_b, fib_a + fib_b
print(fib_a)
acc = 1
for i in range(62):
    acc = acc * 2
print(acc, acc - 1 + acc)
