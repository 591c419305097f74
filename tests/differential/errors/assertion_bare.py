# Ends with a bare AssertionError (no message: the last stderr line is just the exception name).
x = 5
assert x > 0
print("first assert passed")
assert x > 10
print("never printed")
