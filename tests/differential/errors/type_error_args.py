# Ends with a TypeError for calling a user function with too many positional arguments.
def area(width, height):
    return width * height

print(area(3, 4))
print(area(2, height=5))
print(area(1, 2, 3))
