# The callee is looked up before an unbound local argument is read: NameError for the callee, not UnboundLocalError.
def h(n):
    if n > 0:
        return also_undefined(later)
    later = 1
    return later

print(h(0))
h(1)
