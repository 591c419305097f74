# Loops: for/while with break, continue and else; nested loops; loop variables after the loop.
for i in range(5):
    if i == 3:
        break
    print("for", i)
else:
    print("for-else not reached")
for i in range(3):
    print("for2", i)
else:
    print("for-else reached, i =", i)
for i in []:
    print("never")
else:
    print("empty for-else reached")
print("i after loops:", i)

n = 0
while n < 10:
    n += 1
    if n % 2 == 0:
        continue
    if n > 7:
        break
    print("while odd", n)
else:
    print("while-else not reached")
print("n =", n)
m = 3
while m > 0:
    m -= 1
else:
    print("while-else reached, m =", m)
while False:
    print("never")
else:
    print("while False else")

print("searching with for-else")
for candidate in range(2, 40):
    for d in range(2, candidate):
        if candidate % d == 0:
            print(candidate, "=", d, "*", candidate // d)
            break
    else:
        print(candidate, "is prime")

print("nested break only exits inner")
found = []
for a in range(1, 6):
    for b in range(1, 6):
        if a * b > 6:
            break
        if (a + b) % 2:
            continue
        found.append((a, b))
print(found)

print("collatz")
for start in [1, 6, 7, 27, 97]:
    steps = 0
    value = start
    peak = value
    while value != 1:
        if value % 2 == 0:
            value = value // 2
        else:
            value = 3 * value + 1
        if value > peak:
            peak = value
        steps += 1
    print(start, steps, peak)

print("iterate over everything")
for ch in "abc":
    print(ch, end=" ")
print()
for item in (1, "two", 3.0, None, [5]):
    print(repr(item), end=";")
print()
for key in {"x": 1, "y": 2}:
    print(key, end=",")
print()
for k, v in {"x": 1, "y": 2}.items():
    print(k, "=", v, sep="", end=" ")
print()
for i in range(10, 0, -3):
    print(i, end=" ")
print()
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b, a * b)
for x, y in zip("abc", range(100)):
    print(x * (y + 1), end=" ")
print()

print("while with complex conditions")
a, b = 0, 1
fibs = []
while len(fibs) < 20 and b < 1000:
    fibs.append(b)
    a, b = b, a + b
print(fibs)
stack = [[1, [2, [3, [4]]]], 5]
flat = []
while stack:
    top = stack.pop()
    if isinstance(top, list):
        for element in reversed(top):
            stack.append(element)
    else:
        flat.append(top)
print(flat)
count = 0
while True:
    count += 1
    if count >= 100:
        break
print("count", count)
total = 0
for i in range(100):
    if i % 3 == 0:
        continue
    if i > 50:
        break
    total += i
print("total", total)
lst = [1, 2, 3]
for x in lst:
    if x < 3:
        lst.append(x * 10)
print(lst)
