# The callee is looked up before its arguments even when they make no calls: a failing subtraction and index give way to NameError.
def f(s):
    return undefined_g(s - 1, [s][5])

print("start")
f("a")
