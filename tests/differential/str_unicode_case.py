# Unicode-aware str methods: title/capitalize/swapcase/casefold rules, digit classes, whitespace set.
words = ["world's", "1st place", "hello 世界abc", "ǆemal ǅ", "straße", "ﬁsh", "ΑΣ ΣΑΣ ΟΔΟΣ.", "x", "", "ÉCOLE élève", "ǅ"]
for w in words:
    print(repr(w), repr(w.title()), repr(w.capitalize()), repr(w.swapcase()), repr(w.casefold()))
    print("  ", w.istitle(), w.isupper(), w.islower(), w.isalpha(), w.isalnum())
for s in ["123", "٣٤", "²", "①", "½", "一二三", "12a", "", "𝟘𝟙", "Ⅻ", "0x1"]:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum())
print(int("٣٤"), int(" 𝟘𝟙 "), float("١.٥"), int("\u3000 42 \u3000"))
odd = "a\x0bb\x0cc\x1cd\x1de\x1ef\x1fg\x85h\u2028i\u3000j"
print(odd.split(), len(odd.split()), odd.rsplit(None, 2))
print(repr("\x1c x \x1f".strip()), repr("\x1e\x1fend".lstrip()), repr("start\x1c".rstrip()), "\x1c\x1d\x1e\x1f".isspace())
print(str.upper("abc"), str.join("-", ["a", "b"]), list.count([1, 2, 1], 1), tuple.index((5, 6), 6), dict.get({"k": 1}, "k"))
