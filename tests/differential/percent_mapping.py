# printf-style formatting with a mapping operand: %(key)s lookups, nesting, and mixing rules.
person = {"name": "Ann", "age": 31, "score": 0.8765, "tags": ["a", "b"]}
print("%(name)s is %(age)d (%(score).1f%%) %(tags)s" % person)
print("%(name)-6s|%(age)05d|%(score)+.2e|%(name)r" % person)
print("%(a)s %(a)s %(b)x" % {"a": 1, "b": 255})
print("%((x))s %(y z)s" % {"(x)": "paren", "y z": "space"})
print("no fields at all" % {"unused": 1}, "%s" % {"k": "v"}, "%s" % [1, 2], "%r" % ({"k": 1},))
print("%s and %s" % ("x", "y"), "%5s|%-5s|" % ("ab", "cd"), "%d%%" % 50)
rows = [{"item": "apple", "qty": 3, "price": 0.5}, {"item": "kiwi", "qty": 12, "price": 0.25}]
for row in rows:
    print("%(item)-8s x%(qty)3d @ %(price)5.2f = %(total)6.2f" % {"item": row["item"], "qty": row["qty"], "price": row["price"], "total": row["qty"] * row["price"]})
print("range and str searches")
print(range(0, 20, 3).index(9), range(10, 0, -2).index(4), range(5).count(3), range(5).count(7), range(5).index(2.0), range(5).count(True))
print("abc".find("", 3), "abc".find("", 4), "abc".rfind("", 9), "abc".count("", 4), "abc".count("", 3), "abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith(("x", "c")))
print("abcabc".find("b", -2), "abcabc".find("b", 2, 1), "abcabc".index("c", 3), "abcabc".rindex("a", 0, 4))
