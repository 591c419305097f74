# Classic small algorithms: sieve, factorisation, base conversion, roman numerals, sorts, Newton's method.
def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    return [i for i in range(limit + 1) if is_prime[i]]

primes = sieve(1000)
print(len(primes), primes[:20], primes[-5:], sum(primes))

def factorize(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors

for n in [2, 12, 97, 360, 1001, 65536, 999999, 600851475143, 9223372036854775807]:
    print(n, factorize(n))

def to_base(n, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = ""
    while n:
        out = digits[n % base] + out
        n //= base
    return sign + out

for n in [0, 5, 255, -255, 1000, 2 ** 40, 9223372036854775807]:
    print(n, to_base(n, 2), to_base(n, 8), to_base(n, 16), to_base(n, 36), int(to_base(n, 36), 36) == n)

def to_roman(n):
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, sym in table:
        while n >= value:
            out += sym
            n -= value
    return out

def from_roman(s):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i in range(len(s)):
        v = values[s[i]]
        if i + 1 < len(s) and values[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total

for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(n, r, from_roman(r))

def insertion_sort(items):
    out = items[:]
    for i in range(1, len(out)):
        key = out[i]
        j = i - 1
        while j >= 0 and out[j] > key:
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = key
    return out

def bubble_sort(items):
    out = list(items)
    n = len(out)
    swaps = 0
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if out[j] > out[j + 1]:
                out[j], out[j + 1] = out[j + 1], out[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return out, swaps

data = [(i * 37 + 11) % 53 for i in range(40)]
print(insertion_sort(data))
print(bubble_sort(data)[1], bubble_sort(data)[0] == sorted(data), insertion_sort([]), bubble_sort([1]))

def newton_sqrt(x):
    guess = x / 2 if x > 1 else 1.0
    for step in range(60):
        better = (guess + x / guess) / 2
        if better == guess:
            return guess, step
        guess = better
    return guess, 60

for x in [2, 9, 10, 0.25, 1e10, 123456789]:
    print(x, newton_sqrt(x), x ** 0.5)

def bisect_left(items, target):
    lo = 0
    hi = len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo

print([bisect_left(primes, t) for t in [0, 2, 3, 4, 100, 997, 1000]])

def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

def lcm(a, b):
    return a // gcd(a, b) * b

print(gcd(462, 1071), gcd(-12, 18), gcd(0, 0), lcm(4, 6), lcm(21, 6))
acc = 1
for k in range(1, 21):
    acc = lcm(acc, k)
print(acc)
pascal = [[1]]
for r in range(1, 12):
    prev = pascal[-1]
    pascal.append([1] + [prev[i] + prev[i + 1] for i in range(len(prev) - 1)] + [1])
for row in pascal:
    print(" ".join(str(v) for v in row).center(60).rstrip())
