# assert statements that hold (with and without messages) and pass in every block position.
assert True
assert 1 == 1, "never shown"
assert [1], "non-empty list is truthy"
assert "x" in "xyz"
assert not [], "empty list is falsy"
assert 0.1 + 0.2 != 0.3, "floating point"
assert (1, 2) < (1, 3)
print("simple asserts passed")

def check_sorted(items):
    for i in range(len(items) - 1):
        assert items[i] <= items[i + 1], "not sorted at " + str(i)
    return True

print(check_sorted([1, 2, 2, 5]), check_sorted([]), check_sorted(["a", "b"]))

def nothing():
    pass

def nothing_with_doc():
    """A docstring is just an expression statement."""

def pass_then_return(x):
    pass
    return x

print(nothing(), nothing_with_doc(), pass_then_return(7))

for i in range(3):
    pass
print("loop with pass ran, i =", i)
n = 0
while n < 3:
    n += 1
    pass
if n == 3:
    pass
elif n == 4:
    pass
else:
    pass
print("n =", n)

def validate(age):
    assert isinstance(age, int), "age must be an int"
    assert 0 <= age < 150, f"age out of range: {age}"
    return "valid " + str(age)

print([validate(a) for a in [0, 18, 149]])
total = 0
for value in range(100):
    assert value >= 0
    total += value
assert total == 4950, total
print("total", total)
assert (lambda: True)(), "lambda"
x = 10
assert x > 5 and x < 20, "range"
assert x if x else False
print("all asserts passed")
"""A bare string statement at module level does nothing."""
42
x
print("done")
