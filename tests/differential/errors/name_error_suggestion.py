# Ends with a NameError whose message suggests a close name (CPython 3.10+ adds "Did you mean").
counter = 0
for i in range(5):
    counter += i
print("counter is", counter)
print(countr + 1)
