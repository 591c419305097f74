# Text files: open/write/read/readlines/close, append mode, iterating a file, relative paths.
path = "pgs_file_io_test.txt"
f = open(path, "w")
print(f.write("first line\n"))
print(f.write("second line\n"))
f.write("third line without newline")
f.close()

f = open(path)
content = f.read()
f.close()
print(repr(content), len(content), content.count("\n"))
print(content)

f = open(path, "r")
lines = f.readlines()
f.close()
print(lines, len(lines), [len(l) for l in lines])
print([l.rstrip("\n") for l in lines], [l.strip().upper() for l in lines])

f = open(path, "a")
f.write("\nappended line\n")
f.write("")
f.close()
print(open(path).read().splitlines())

f = open(path, "w")
for i in range(10):
    f.write(str(i) + "," + str(i * i) + "," + str(i ** 0.5) + "\n")
f.close()
rows = []
for line in open(path):
    parts = line.strip().split(",")
    rows.append((int(parts[0]), int(parts[1]), float(parts[2])))
print(rows[:3], rows[-1], sum(r[1] for r in rows))

f = open(path)
first = f.readline()
second = f.readline()
rest = f.read()
f.close()
print(repr(first), repr(second), len(rest.splitlines()))

data = "héllo wörld\nunicode ✓\n"
f = open("unicode.txt", "w")
f.write(data)
f.close()
back = open("unicode.txt").read()
print(back == data, len(back), back.splitlines())

empty = open("empty.txt", "w")
empty.close()
print(repr(open("empty.txt").read()), open("empty.txt").readlines())

words = "the quick brown fox jumps over the lazy dog".split()
out = open("words.txt", "w")
for i, w in enumerate(words):
    out.write(w)
    if i % 3 == 2:
        out.write("\n")
    else:
        out.write(" ")
out.close()
text = open("words.txt").read()
print(repr(text), text.split(), len(text.split("\n")))
counts = {}
for w in open("words.txt").read().split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
