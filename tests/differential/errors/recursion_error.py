# Ends with a RecursionError from unbounded recursion (no per-level output: depth limits differ).
def forever(n):
    return forever(n + 1) + 1

print("starting")
print(forever(0))
