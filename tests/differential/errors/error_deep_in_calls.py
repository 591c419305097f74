# An error three calls deep, inside a while loop, after earlier calls returned normally.
def divide(a, b):
    return a / b

def step(n):
    return divide(10, n - 3)

def run(n):
    total = 0
    while n > 0:
        total += step(n)
        n -= 1
    return total

print(run(2))
run(5)
