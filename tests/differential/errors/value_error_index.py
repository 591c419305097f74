# Ends with a ValueError from list.index on a missing element.
colors = ["red", "green", "blue"]
print(colors.index("green"))
print(colors.index("purple"))
