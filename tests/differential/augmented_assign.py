# Augmented assignment on names, subscripts and dict entries, for every arithmetic operator.
x = 10
x += 5
print(x)
x -= 3
print(x)
x *= 4
print(x)
x //= 5
print(x)
x %= 7
print(x)
x **= 10
print(x)
x /= 4
print(x)
x -= 0.25
print(x)
x //= 2
print(x)
x %= 7
print(x)
n = -7
n //= 2
print(n)
n = -7
n %= 3
print(n)
s = "ab"
s += "cd"
s *= 2
print(s)
lst = [1]
lst += [2, 3]
lst *= 2
lst += "xy"
print(lst)
t = (1,)
t += (2,)
t *= 2
print(t)

print("subscript targets")
counts = [0] * 5
for i in range(20):
    counts[i % 5] += i
print(counts)
counts[-1] -= 100
counts[0] *= 3
counts[1] **= 2
counts[2] //= 4
counts[3] %= 7
print(counts)
d = {"a": 1, "b": "s", "c": [1]}
d["a"] += 10
d["b"] *= 3
d["c"] += [2]
d["a"] /= 2
print(d)
m = [[1, 2], [3, 4]]
m[0][1] += 100
m[1][0] *= -1
print(m)
word_counts = {}
for w in "a b a c b a".split():
    word_counts[w] = word_counts.get(w, 0)
    word_counts[w] += 1
print(word_counts)

print("evaluation happens once")
calls = []
def idx(i):
    calls.append(i)
    return i
arr = [10, 20, 30]
arr[idx(1)] += 5
print(arr, calls)

print("running totals")
total = 0
product = 1
text = ""
for i in range(1, 11):
    total += i
    product *= i
    text += str(i % 10)
print(total, product, text)
balance = 1000.0
for month in range(12):
    balance *= 1.0125
    balance -= 7.5
print(balance, round(balance, 2))
bits = 1
for i in range(62):
    bits *= 2
bits -= 1
bits += bits
bits += 1
print(bits)
