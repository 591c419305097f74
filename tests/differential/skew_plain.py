# The skewness seed program in plain Python loops: mean, population std and skewness.
import math

my_data = [float(i % 97) ** 2 * 0.01 + (i % 7) * 0.25 for i in range(100000)]
n = len(my_data)
print(n, my_data[:8], my_data[-3:])

total = 0.0
for x in my_data:
    total += x
mean = total / n

sq = 0.0
for x in my_data:
    sq += (x - mean) ** 2
stddev = math.sqrt(sq / n)

cube_total = 0.0
for x in my_data:
    cube_total += x * x * x
unnormalized_moment = cube_total / n

skewness = ((unnormalized_moment - (3 * mean * stddev ** 2) - mean ** 3) /
            stddev ** 3)
print(mean)
print(stddev)
print(unnormalized_moment)
print(skewness)
print(f"{mean:.6f} {stddev:.6f} {skewness:.9f}")

chunk_means = []
for start in range(0, n, 10000):
    acc = 0.0
    for x in my_data[start:start + 10000]:
        acc += x
    chunk_means.append(acc / 10000)
print(chunk_means)
combined = 0.0
for cm in chunk_means:
    combined += cm
print(combined / len(chunk_means), abs(combined / len(chunk_means) - mean) < 1e-9)
lo = my_data[0]
hi = my_data[0]
for x in my_data:
    if x < lo:
        lo = x
    if x > hi:
        hi = x
print(lo, hi, min(my_data), max(my_data), my_data.index(hi), my_data.count(0.0))

m3 = 0.0
for x in my_data:
    d = x - mean
    m3 += d ** 3
central_skew = (m3 / n) / stddev ** 3
print(central_skew, round(central_skew, 9) == round(skewness, 9))
