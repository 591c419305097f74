# Ends with ZeroDivisionError from true division inside a function.
def average(values):
    total = 0
    for v in values:
        total += v
    return total / len(values)

print(average([1, 2, 3]))
print(average([10]))
print("about to divide by zero")
print(average([]))
print("never printed")
