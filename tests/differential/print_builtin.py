# print(): several arguments, sep and end, str() of each argument, empty calls, long output.
print()
print("one")
print("a", "b", "c")
print(1, 2.0, "3", None, True, [4], (5,), {"6": 6})
print("x", "y", sep="")
print("x", "y", sep="--")
print("x", "y", sep="\n")
print("no end", end="")
print(" -> same line")
print("custom end", end="!\n")
print("a", "b", sep=", ", end=".\n")
print(sep="ignored")
print(end="")
print("", "")
print(" leading", "trailing ")
print("tab\tseparated", "value")
print("multi\nline\nstring")
print("sep None", "works", sep=None)
print("end None", end=None)
for i in range(3):
    print(i, end=" ")
print()
for i in range(3):
    print(i, i * i, sep=":", end=";")
print()
row = []
for r in range(1, 6):
    line = ""
    for c in range(1, 6):
        line += str(r * c).rjust(4)
    print(line)
print("-" * 40)
print("=" * 10, "title", "=" * 10)
values = [3.0, -0.5, 1e-7, 2 ** 40, "text", None]
for v in values:
    print(v, repr(v), str(v), sep=" | ")
print(" ".join(str(v) for v in values))
big = list(range(200))
print(big)
print("done", end="\n\n")
print("after blank line")
