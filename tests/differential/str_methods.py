# str methods: case changes, strip family, split/rsplit/join, replace.
samples = ["hello world", "Hello World", "HELLO", "", "  padded  ", "mIxEd CaSe", "hello world's end",
           "o'neil mcdonald-smith", "123abc", "abc123 def456", "a1b2", "  ", "tab\there", "élan", "ÉCOLE über"]
for s in samples:
    print(repr(s), "->", repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()),
          repr(s.swapcase()), len(s))

print("strip family")
for s in ["  both  ", "\t\n tabs \n\t", "xxhixx", "xyxhiyxy", "", "   ", "nothing", "..a.b.."]:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()),
          repr(s.strip("x")), repr(s.strip("xy")), repr(s.lstrip(".")), repr(s.rstrip(".ab")))

print("split without arguments")
for s in ["a b c", "  a   b  c  ", "", "   ", "one", "tab\tand\nnewline  mix", "a\r\nb\x0bc\x0cd"]:
    print(repr(s), s.split(), s.split(None, 1), s.rsplit(None, 1), len(s.split()))

print("split with a separator")
for s in ["a,b,c", "a,,b,", ",a", "", ",", "abc", "a, b, c", "1::2::3:::4"]:
    print(repr(s), s.split(","), s.split(", "), s.split(",", 1), s.rsplit(",", 1), s.split("::"),
          s.split(",", 0), s.split(",", -1))
print("k=v;x=y;z".split(";"), "a-b-c-d".split("-", 2), "a-b-c-d".rsplit("-", 2))
print("www.example.com".split("."), "path/to/file.txt".rsplit("/", 1), "no sep".split("|"))

print("join")
print(",".join(["a", "b", "c"]), "".join(["x", "y"]), " - ".join([]), "|".join(["solo"]))
print(", ".join(str(i) for i in range(6)), "".join(reversed("stressed")), "+".join("abc"))
print("\n".join(["line1", "line2"]), "::".join(("t", "u", "p")), ".".join(list("pgs")))
words = "the quick brown fox jumps over the lazy dog".split()
print(" ".join(w.capitalize() for w in words), "_".join(w.upper() for w in words if len(w) > 3))

print("replace")
base = "the cat sat on the mat with the hat"
print(base.replace("the", "a"), base.replace("at", "og", 2), base.replace("xyz", "q"))
print(base.replace(" ", ""), base.replace("", "-")[:20], "aaaa".replace("aa", "b"), "aaa".replace("a", "aa"))
print("abc".replace("b", ""), "".replace("", "x"), "banana".replace("an", "AN", 1), "banana".replace("a", "o", 0))
print("Mississippi".replace("ss", "SS").replace("i", "!"), "x".replace("x", "yy").replace("y", "zz"))

print("string arithmetic")
print("ab" * 3, 3 * "ab", "x" * 0, "x" * -2, "" * 5, "-" * 20, "ab" + "cd", "a" + "" + "b")
s = ""
for i in range(5):
    s += str(i) * i
print(s, len(s), s * 2)
print("abc" < "abd", "abc" < "ab", "" < "a", "Z" < "a", "apple" > "Apple", "a" == "a", "a" != "b")
print(max("hello", "help", "helm"), min("b", "a", "c"), sorted(["b", "A", "a", "B", "aa", "_"]))
print(min("hello"), max("hello"), sorted("hello"), "".join(sorted("hello", reverse=True)))

print("unicode")
u = "héllo wörld ñ 中文"
print(u, len(u), u[1], u[-1], u[::-1], u.upper(), u.title(), u.split(), u.find("ö"), u[6:11])
print(len("ß"), "ß".upper(), len("ß".upper()), "straße".upper(), "ÀÉÎÕÜ".lower(), "ñandú".capitalize())
