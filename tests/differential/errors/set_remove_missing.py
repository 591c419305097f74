# remove() of a missing element is a KeyError naming it.
s = {"a", "b"}
s.remove("a")
print(sorted(s))
s.remove("zz")
