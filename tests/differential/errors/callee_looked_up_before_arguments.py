# A function's name is looked up before its arguments run: NameError, not ZeroDivisionError, and the print never happens.
def f():
    return undefined_function(print("argument evaluated"), 1 / 0)

f()
