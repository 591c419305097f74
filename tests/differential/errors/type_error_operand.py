# Ends with a TypeError for an unsupported operand pair (int + NoneType) inside a nested call.
def lookup(table, key):
    return table.get(key)

def add_one(table, key):
    return lookup(table, key) + 1

scores = {"ann": 3}
print(add_one(scores, "ann"))
print(add_one(scores, "bob"))
