# Ends with a TypeError: an unbound str method called on an int.
print(str.upper("ok"), list.count([1, 1], 1))
print(str.upper(5))
