# Dicts keep insertion order: updates keep position, pop + reinsert moves a key to the end.
d = {}
for key in [5, 3, 9, 1, 7, -2, 100, 0]:
    d[key] = key * key
print(d, list(d), list(d.values()))
d[3] = "updated"
print(list(d.items()))
d.pop(9)
d[9] = "back"
print(list(d))
d.pop(5)
d.pop(0)
d[0] = "zero again"
d[5] = "five again"
print(d)
print(list(d.keys())[0], list(d.keys())[-1], len(d))

words = "one two three two one four five four six".split()
first_seen = {}
for i, w in enumerate(words):
    if w not in first_seen:
        first_seen[w] = i
print(first_seen)
last_seen = {}
for i, w in enumerate(words):
    last_seen[w] = i
print(last_seen, list(last_seen) == list(first_seen))
dedup = list({w: None for w in words})
print(dedup)

print("strings, tuples and mixed keys")
mixed = {"b": 1, "a": 2, ("t", 1): 3, 10: 4, 2.5: 5, None: 6, "B": 7, "": 8}
for k in mixed:
    print(repr(k), mixed[k])
print({k: v for k, v in sorted(mixed.items(), key=lambda kv: kv[1], reverse=True)})

print("update order")
base = {"x": 1, "y": 2}
base.update({"z": 3, "x": 10})
base.update([("w", 0), ("y", 20)])
print(base)
merged = {}
for part in [{"c": 1}, {"a": 2}, {"c": 3, "b": 4}]:
    merged.update(part)
print(merged)
copy = dict(merged)
copy["new"] = 1
print(list(copy), list(merged))

print("rebuilding")
squares = {n: n * n for n in range(10, 0, -1)}
print(squares)
evens = {k: v for k, v in squares.items() if k % 2 == 0}
print(evens, list(evens.items())[:2])
swapped = {v: k for k, v in evens.items()}
print(swapped)
counts = {}
for ch in "the quick brown fox jumps over the lazy dog":
    if ch != " ":
        counts[ch] = counts.get(ch, 0) + 1
print(counts)
print("".join(counts), len(counts), sorted(counts.items(), key=lambda kv: -kv[1])[:3])
while len(counts) > 20:
    counts.popitem()
print(counts)
nested = {"outer": {}}
for i in range(3):
    nested["outer"][str(i)] = {"sq": i * i}
    nested["k" + str(i)] = i
print(nested)
