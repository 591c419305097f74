# Ends with a TypeError for a missing required positional argument.
def greet(greeting, name):
    return greeting + ", " + name

print(greet("Hello", "Ann"))
print(greet("Hi"))
