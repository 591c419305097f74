# Function arguments: defaults, keyword arguments, *args, default evaluation time, return values.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))
print(greet("Ed", "Hey", "."), greet(name="Fay"), greet("Gus", punct="", greeting="Bye"))

def describe(a, b=2, *rest):
    return "a=" + str(a) + " b=" + str(b) + " rest=" + str(rest) + " n=" + str(len(rest))

print(describe(1))
print(describe(1, 5))
print(describe(1, 5, 6))
print(describe(1, 5, 6, 7, "eight", [9]))
print(describe(b=3, a=4))

def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s

print(total(), total(1), total(1, 2, 3), total(10, 20), total(0.5, 0.25))

def show_args(*args):
    return args

print(show_args(), show_args(1), show_args(1, "two", None), type(show_args(1)), len(show_args(1, 2, 3)))

def stats(values, scale=1, offset=0.0):
    n = len(values)
    mean = sum(values) / n
    lo = min(values)
    hi = max(values)
    return n, mean * scale + offset, lo, hi

print(stats([1, 2, 3, 4]), stats([1, 2, 3, 4], 10), stats([5], offset=1), stats(values=[2, 8], scale=0.5))
n, mean, lo, hi = stats([3, 1, 2])
print(n, mean, lo, hi)

LIMIT = 3
def clipped(x, limit=LIMIT):
    return min(x, limit)
LIMIT = 100
print(clipped(50), clipped(50, LIMIT), clipped(1))

def no_return():
    pass

def early(x):
    if x > 0:
        return "positive"
    if x < 0:
        return
    print("zero reached the end")

print(no_return(), early(5), early(-5), early(0))

def many_returns(x):
    return x, x * 2, [x] * 3

a, b, c = many_returns(4)
print(a, b, c, many_returns("z"))

def apply(func, *args):
    return func(args[0], args[1]) if len(args) == 2 else func(args[0])

print(apply(abs, -3), apply(max, 3, 9), apply(lambda s: s[::-1], "abc"), apply(lambda b, e: b ** e, 2, 10))

def kw_only_style(x, y=None, z=None):
    parts = [str(x)]
    if y is not None:
        parts.append("y" + str(y))
    if z is not None:
        parts.append("z" + str(z))
    return "-".join(parts)

print(kw_only_style(1), kw_only_style(1, z=3), kw_only_style(1, 2), kw_only_style(x=0, y=0, z=0))

print("builtins with keyword arguments")
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(max([1, 5, 3], key=lambda v: -v), min([], default="empty"), max([], default=None), max([2], default=9))
print(sum([1, 2, 3], 10), sum([[1], [2, 3]], []), sum(range(5), start=100))
print(list(enumerate("ab", start=1)), list(enumerate("xyz", 10)))
print(int("ff", base=16), int("777", 8), round(3.14159, ndigits=2), "a,b,c".split(sep=",", maxsplit=1))
print("x", "y", "z", sep="")
print("no newline", end="")
print(" <- continued", end="\n")
print("a", "b", sep=" | ", end=" $\n")
print(1, 2, 3, sep=", ")
print()
print("", end="")
print("after empty prints")
