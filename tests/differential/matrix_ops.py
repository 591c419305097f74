# Pure-Python matrices as nested lists: multiply, transpose, determinant, identity, powers.
def zeros(r, c):
    return [[0] * c for _ in range(r)]

def identity(n):
    m = zeros(n, n)
    for i in range(n):
        m[i][i] = 1
    return m

def matmul(a, b):
    rows = len(a)
    cols = len(b[0])
    inner = len(b)
    out = zeros(rows, cols)
    for i in range(rows):
        for j in range(cols):
            acc = 0
            for k in range(inner):
                acc += a[i][k] * b[k][j]
            out[i][j] = acc
    return out

def transpose(m):
    return [[m[r][c] for r in range(len(m))] for c in range(len(m[0]))]

def det(m):
    if len(m) == 1:
        return m[0][0]
    if len(m) == 2:
        return m[0][0] * m[1][1] - m[0][1] * m[1][0]
    total = 0
    for c in range(len(m)):
        minor = [row[:c] + row[c + 1:] for row in m[1:]]
        sign = 1 if c % 2 == 0 else -1
        total += sign * m[0][c] * det(minor)
    return total

def matpow(m, e):
    result = identity(len(m))
    base = m
    while e > 0:
        if e % 2 == 1:
            result = matmul(result, base)
        e = e // 2
        if e > 0:
            base = matmul(base, base)
    return result

def show(m):
    for row in m:
        print(" ".join(f"{v:>6}" for v in row))

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(matmul(a, b))
show(matmul(b, a))
print(transpose(a), transpose(transpose(a)) == a, identity(3))
m = [[2, -3, 1], [2, 0, -1], [1, 4, 5]]
print(det(m), det(identity(4)), det([[1, 2], [2, 4]]), det([[5]]), det(transpose(m)) == det(m))
fib = [[1, 1], [1, 0]]
for e in [1, 2, 5, 10, 30, 60, 90]:
    print(e, matpow(fib, e)[0][1])
rot = [[0, -1], [1, 0]]
print(matpow(rot, 2), matpow(rot, 4) == identity(2), matmul(rot, [[1], [0]]))

f = [[0.5, 0.25], [0.125, 2.0]]
show(matmul(f, f))
print(matmul(f, identity(2)) == f, det(f), det([[0.1, 0.2], [0.3, 0.4]]))
hilbert = [[1 / (i + j + 1) for j in range(4)] for i in range(4)]
print(hilbert[3], det(hilbert))
big = [[(i * 7 + j * 3) % 10 for j in range(6)] for i in range(6)]
show(big)
print(det(big), sum(sum(row) for row in matmul(big, transpose(big))))
trace = 0
sq = matmul(big, big)
for i in range(6):
    trace += sq[i][i]
print(trace, [sq[i][5 - i] for i in range(6)])
