# Ends with a KeyError: a %(key)s field names a key the mapping lacks.
row = {"name": "Ann", "age": 31}
print("%(name)s is %(age)d" % row)
print("%(name)s lives in %(city)s" % row)
