# Adding a key while a loop walks the dict is an error, as in CPython.
d = {"a": 1, "b": 2}
for k in d:
    d[k] = d[k] * 10
print(d)
for k in list(d):
    d[k + "x"] = 0
print(sorted(d))
print([k for k in {"p": 1}])
for k in d:
    d["new"] = 1
