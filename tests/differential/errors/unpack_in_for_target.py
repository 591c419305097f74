# A tuple target of a for loop in a function body that gets a non-pair.
def f(items):
    out = []
    for a, b in items:
        out.append(a * b)
    return out

print(f([(1, 2), (3, 4)]))
f([(1, 2), (3, 4, 5)])
