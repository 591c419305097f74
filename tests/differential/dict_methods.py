# dict methods: get/setdefault/pop/popitem/update/keys/values/items/copy/clear, keys equality.
d = {"a": 1, "b": 2}
d["c"] = 3
d["a"] = 10
print(d, len(d), d["b"], d.get("a"), d.get("zz"), d.get("zz", "default"), d.get("c", 0))
print(d.setdefault("a", 99), d.setdefault("new", []), d)
d.setdefault("new", []).append("x")
d.setdefault("new", []).append("y")
print(d)
print(d.pop("b"), d.pop("missing", "fallback"), d.pop("missing", None), d)
print(d.popitem(), d, len(d))
d.update({"z": 26, "a": -1})
d.update([("p", 1), ("q", 2)])
d.update({})
print(d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
print("a" in d, "b" in d, 1 in d, "a" not in d, len(d.keys()), "z" in d.keys(), 26 in d.values())
e = d.copy()
e["only_e"] = True
print(len(d), len(e), "only_e" in d, e == d, d == d.copy())
print(e.clear(), e, len(e), e == {})

print("constructors")
print(dict(), dict([("x", 1), ("y", 2)]), dict(zip("abc", range(3))), dict({"k": "v"}))
print(dict(a=1, b="two"), dict([(1, "one")], extra=True), dict(enumerate("xyz")))
print({}, {1: 2}, {(1, 2): "tuple key", None: "none key", 2.5: "float key", True: "bool key"})

print("equal keys collapse")
m = {1: "int"}
m[1.0] = "float"
m[True] = "bool"
print(m, m[1], m[1.0], m[True], len(m))
print({1: "a", True: "b", 1.0: "c"}, {0: "zero", False: "f", 0.0: "z"}, {"1": 1, 1: 2})
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": 1} == {"a": 1.0}, {"a": 1} != {"a": 2})

print("counting and grouping")
text = "the rain in spain stays mainly in the plain the end"
freq = {}
for w in text.split():
    freq[w] = freq.get(w, 0) + 1
print(freq)
by_len = {}
for w in text.split():
    by_len.setdefault(len(w), []).append(w)
print(by_len)
print(sorted(freq), sorted(freq.items()), sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
print(max(freq, key=freq.get), min(freq.values()), sum(freq.values()), sorted(by_len.keys(), reverse=True))
inverse = {}
for k, v in freq.items():
    inverse.setdefault(v, []).append(k)
print(inverse)

print("nested")
people = {"ann": {"age": 31, "langs": ["py", "rs"]}, "bob": {"age": 25, "langs": []}}
people["bob"]["langs"].append("go")
people["cid"] = {"age": 40, "langs": ["c"]}
for name, info in people.items():
    print(name, info["age"], info["langs"], len(info["langs"]))
print(people)
print([name for name in people if people[name]["age"] > 30], sum(p["age"] for p in people.values()))
counts = {"x": 0}
for i in range(10):
    counts["x"] += i
    counts["y"] = counts.get("y", 1) * 2
print(counts)
