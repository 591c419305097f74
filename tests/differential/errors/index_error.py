# Ends with an IndexError for reading past the end of a list.
items = [10, 20, 30]
for i in range(len(items)):
    print(i, items[i])
print(items[-3])
print(items[3])
