# Ends with a TypeError from adding an int to a list (the list names the message).
items = [1, 2]
print(items + [3], (1,) + (2,))
print(items + 3)
