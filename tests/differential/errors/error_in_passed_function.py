# An error in a function passed as an argument, called from inside nested for loops,
# after earlier calls through the same frames returned normally.
def safe_div(x):
    return 12 // x

def walk(rows, f):
    total = 0
    for row in rows:
        for x in row:
            total += f(x)
    return total

def outer(rows):
    return walk(rows, safe_div) + 1

print(outer([[1, 2], [3, 4]]))
print(outer([[6], [2, 0, 3]]))
