# Reading a local before the loop that assigns it: UnboundLocalError from inside a function body.
def f(n):
    for i in range(n):
        if i == 0 and n > 3:
            print(total)
        total = i
    return total

print(f(2))
f(5)
