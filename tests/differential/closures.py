# Closures: captured variables, late binding, factories, mutable cells without nonlocal.
def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add_neg = make_adder(-100)
print(add5(1), add5(add5(1)), add_neg(1), make_adder(0.5)(1), make_adder("x")("y"))

def make_counter():
    count = [0]
    def increment(step=1):
        count[0] += step
        return count[0]
    return increment

c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(10), c2(), c1(), c2(5))

def make_accumulator():
    history = []
    def record(value):
        history.append(value)
        return len(history), sum(history), list(history)
    return record

acc = make_accumulator()
for v in [3, 1, 4, 1, 5]:
    print(acc(v))

def outer():
    x = 1
    def show():
        return x
    x = 2
    return show

print(outer()())

def compose(f, g):
    return lambda x: f(g(x))

inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose(compose(inc, inc), dbl)(1))
pipeline = inc
for i in range(5):
    pipeline = compose(dbl, pipeline)
print(pipeline(0), pipeline(1))

print("late binding")
fs = []
for i in range(4):
    def f():
        return i * 10
    fs.append(f)
print([f() for f in fs])
gs = []
for i in range(4):
    def g(i=i):
        return i * 10
    gs.append(g)
print([g() for g in gs])
hs = [make_adder(i) for i in range(4)]
print([h(100) for h in hs])

print("three levels")
def level1(a):
    def level2(b):
        def level3(c):
            return a * 100 + b * 10 + c
        return level3
    return level2
print(level1(1)(2)(3), level1(9)(0)(9), [level1(x)(x)(x) for x in range(4)])

def make_fib():
    memo = {0: 0, 1: 1}
    def fib(n):
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib, memo

fib, memo = make_fib()
print(fib(50), fib(90), len(memo), fib(10))

def memoize(func):
    cache = {}
    calls = [0]
    def wrapper(n):
        if n not in cache:
            calls[0] += 1
            cache[n] = func(n)
        return cache[n]
    def stats():
        return calls[0], sorted(cache)
    return wrapper, stats

square, square_stats = memoize(lambda n: n * n)
print([square(n % 4) for n in range(10)], square_stats())

def make_ops():
    ops = {}
    for name in ["add", "sub", "mul"]:
        if name == "add":
            ops[name] = lambda a, b: a + b
        elif name == "sub":
            ops[name] = lambda a, b: a - b
        else:
            ops[name] = lambda a, b: a * b
    return ops

ops = make_ops()
print([(k, ops[k](7, 3)) for k in ops])

def counter_pair():
    state = {"n": 0}
    def up():
        state["n"] += 1
        return state["n"]
    def down():
        state["n"] -= 1
        return state["n"]
    return up, down

up, down = counter_pair()
print(up(), up(), up(), down(), up(), down(), down())
