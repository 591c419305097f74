# Ends with a TypeError from concatenating str and int.
label = "total: "
amount = 42
print(label + str(amount))
print(label + amount)
