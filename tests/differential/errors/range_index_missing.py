# Ends with a ValueError: range.index of a value the range does not contain.
r = range(0, 20, 5)
print(r.index(15), r.count(15), r.count(7))
print(r.index(7))
