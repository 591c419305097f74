# Recursion: factorial, fibonacci, hanoi, permutations, flattening, binary search, mutual recursion.
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)

print([factorial(n) for n in range(21)])

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print([fib(n) for n in range(20)], fib(22))

def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves.append((source, target))
    hanoi(n - 1, spare, target, source, moves)

moves = []
hanoi(4, "A", "C", "B", moves)
print(len(moves), moves[:7], moves[-1])
for disks in range(1, 11):
    m = []
    hanoi(disks, "L", "R", "M", m)
    print(disks, len(m), m[0], m[len(m) // 2])

def permutations(items):
    if len(items) <= 1:
        return [items[:]]
    result = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            result.append([items[i]] + p)
    return result

print(permutations([1, 2, 3]), len(permutations(list("abcde"))), permutations([]))
print(["".join(p) for p in permutations(list("abc"))])

def subsets(items):
    if not items:
        return [[]]
    rest = subsets(items[1:])
    return rest + [[items[0]] + s for s in rest]

print(subsets([1, 2, 3]), len(subsets(list(range(10)))))

def flatten(value):
    if not isinstance(value, list):
        return [value]
    out = []
    for v in value:
        out.extend(flatten(v))
    return out

print(flatten([1, [2, [3, [4, [5]]]], [], [[6, 7], 8], "str", [[[]]]]))

def depth(value):
    if not isinstance(value, list):
        return 0
    if not value:
        return 1
    return 1 + max(depth(v) for v in value)

print(depth([]), depth(1), depth([1, [2, [3]]]), depth([[[[[]]]]]))

def binary_search(items, target, lo, hi):
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return binary_search(items, target, mid + 1, hi)
    return binary_search(items, target, lo, mid - 1)

data = list(range(0, 200, 3))
print([binary_search(data, t, 0, len(data) - 1) for t in [0, 3, 4, 99, 198, 197, -3, 1000]])

def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(10 ** 18, 10 ** 12 + 2), gcd(1071, 462))

def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

print(is_even(10), is_odd(7), is_even(301), is_odd(300))

def count_down(n):
    if n == 0:
        return 0
    return 1 + count_down(n - 1)

print(count_down(500), count_down(900))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print([[ackermann(m, n) for n in range(4)] for m in range(3)], ackermann(2, 3))

def merge_sort(items):
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    left = merge_sort(items[:mid])
    right = merge_sort(items[mid:])
    merged = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
    return merged + left[i:] + right[j:]

values = [(i * 7919) % 101 - 50 for i in range(60)]
print(merge_sort(values) == sorted(values), merge_sort(values)[:10], merge_sort([]), merge_sort([1]))

def power_set_sums(items, index, current, out):
    if index == len(items):
        out.append(current)
        return out
    power_set_sums(items, index + 1, current, out)
    power_set_sums(items, index + 1, current + items[index], out)
    return out

print(sorted(power_set_sums([1, 2, 4, 8], 0, 0, [])))

def tree_paths(tree, prefix):
    name = tree[0]
    children = tree[1]
    path = prefix + "/" + name
    paths = [path]
    for child in children:
        paths.extend(tree_paths(child, path))
    return paths

fs = ("root", [("bin", []), ("home", [("ann", [("docs", [])]), ("bob", [])]), ("tmp", [])])
for p in tree_paths(fs, ""):
    print(p)
