# Ends with a TypeError for indexing an int.
value = 12345
print(str(value)[0])
print(value[0])
