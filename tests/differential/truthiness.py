# Truth values of every built-in type in if/while/not/bool() and in and/or.
values = [0, 1, -1, 0.0, -0.0, 0.5, float("nan"), float("inf"), "", " ", "0", "False", [], [0], [[]],
          (), (0,), {}, {0: 0}, None, True, False, range(0), range(1), 10 ** 18]
for v in values:
    if v:
        branch = "truthy"
    else:
        branch = "falsy"
    print(repr(v), branch, bool(v), not v, not not v, v or "alt", v and "and")

print("while on containers")
items = [1, 2, 3]
while items:
    print("pop", items.pop(), items)
text = "abc"
while text:
    print("text", text)
    text = text[1:]
d = {"a": 1, "b": 2}
while d:
    print("popitem", d.popitem())
n = 5
while n:
    n -= 2 if n > 1 else 1
    print("n", n)

print("counting truthy values")
print(len([v for v in values if v]), len([v for v in values if not v]), sum(1 for v in values if v))
print([bool(x) for x in ["", "a", 0, 3, [], [1], None]], list(filter(None, values))[:6])
print(any(values), all(values), all(v for v in values if v), any(v for v in values if not v))

def first_truthy(*candidates):
    for c in candidates:
        if c:
            return c
    return None

print(first_truthy(0, "", None, [], "found", 5), first_truthy(), first_truthy(0, 0.0), first_truthy([0]))
def describe(x):
    if x is None:
        return "none"
    if not x:
        return "empty/zero"
    if isinstance(x, str):
        return "text:" + x
    return "value"
print([describe(x) for x in [None, 0, "", [], "hi", 3, [1], False, True]])
flag = not []
print(flag, type(flag), not 0.0 == 0, (not 0.0) == 0, not None is None)
