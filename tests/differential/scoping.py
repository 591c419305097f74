# Name resolution: globals read from functions, locals shadow globals, parameters, nested scopes.
counter = 100
names = ["global list"]

def read_global():
    return counter + 1

def shadow():
    counter = 5
    return counter * 2

def mutate_global_list():
    names.append("added by function")
    return len(names)

print(read_global(), shadow(), counter, mutate_global_list(), names)
counter = 200
print(read_global())

def param_shadows(counter):
    return counter

print(param_shadows("param"), counter)

def uses_later_defined():
    return helper_defined_later() * 2

def helper_defined_later():
    return 21

print(uses_later_defined())

def outer(x):
    y = x * 2
    def middle(z):
        w = y + z
        def inner():
            return x + y + z + w
        return inner()
    return middle(1), middle(10)

print(outer(3), outer(0))

def loop_scope():
    for i in range(3):
        last = i * 10
    return i, last

print(loop_scope())

def conditional_def(flag):
    if flag:
        value = "set"
    else:
        value = "unset"
    return value

print(conditional_def(True), conditional_def(False))

def rebinding_builtin_locally():
    len = 42
    return len

print(rebinding_builtin_locally(), len("still the builtin"))

def comprehension_scope():
    k = "outer k"
    squares = [k * 2 for k in range(3)]
    return k, squares

print(comprehension_scope())

x = "module x"
def read_x():
    return x
def local_x():
    x = "local x"
    return x
print(read_x(), local_x(), x)

def recursive_with_global_list(n):
    names.append(n)
    if n > 0:
        recursive_with_global_list(n - 1)
    return len(names)

print(recursive_with_global_list(3), names)

def make_functions():
    result = []
    for name in ["a", "b"]:
        def f(prefix, name=name):
            return prefix + name
        result.append(f)
    return result

print([f(">") for f in make_functions()])
table = {}
def register(key, value):
    table[key] = value
    return table
register("x", 1)
register("y", 2)
print(table)
def shadow_then_use_global():
    total = 0
    for n in names:
        if isinstance(n, int):
            total += n
    return total
print(shadow_then_use_global())
