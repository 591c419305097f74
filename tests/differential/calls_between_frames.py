# Calls between compiled functions: returns from inside nested for loops, callees held in
# locals and passed as arguments, recursion through both, and the caller's registers kept.
def first_match(rows, target):
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            if x == target:
                return (i, j)
    return None

def count_matches(rows, targets):
    found = []
    for t in targets:
        found.append(first_match(rows, t))
    return found

grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(count_matches(grid, [5, 9, 1, 10, 7]))

def apply_twice(f, x):
    return f(f(x))

def inc(x):
    return x + 1

def compose_all(fs, x):
    for f in fs:
        x = apply_twice(f, x)
        if x > 100:
            return -x
    return x

def double(x):
    return x * 2

print(compose_all([inc, double, inc], 3))
print(compose_all([double, double, double, double], 3))

def tree_sum(depth, pick):
    if depth == 0:
        return pick(depth)
    local = depth * 10
    left = tree_sum(depth - 1, pick)
    right = tree_sum(depth - 1, pick)
    return local + left + right

print(tree_sum(6, inc))
print(tree_sum(5, lambda d: d - 1))

def make_counter(step):
    def advance(n):
        if n <= 0:
            return 0
        return step + advance(n - step)
    return advance

counter = make_counter(3)
print(counter(20), make_counter(1)(15))

def mixed(xs):
    out = []
    for x in xs:
        out.append(str(x) + ":" + str(first_match([[x, x + 1]], x + 1)))
        for y in range(2):
            if y == x:
                break
            out.append(inc(y))
        else:
            out.append("else")
    return out

print(mixed([0, 1, 2]))

def keeps_registers(a, b):
    # The value of `a * 3` sits in a register while the calls run above it.
    return a * 3 + inc(b) * (inc(a) + double(b)) - len(str(apply_twice(inc, b)))

print([keeps_registers(i, i + 1) for i in range(5)])
