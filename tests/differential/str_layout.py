# str layout and classification: zfill/center/ljust/rjust, partition, splitlines, is*, format().
for s in ["", "a", "ab", "abc", "abcd", "-42", "+7", "12345678"]:
    print(repr(s.zfill(5)), repr(s.center(5)), repr(s.center(6, "*")), repr(s.ljust(6, ".")),
          repr(s.rjust(6)), repr(s.center(2)), repr(s.ljust(0)), repr(s.rjust(7, "0")))
print(repr("abc".center(6)), repr("ab".center(5, "*")), repr("abc".center(8, "-")), repr("a".center(4)))
for w in range(0, 9):
    print(w, repr("xy".center(w, "_")), repr("xyz".center(w, "_")))

print("partition")
for s in ["key=value", "key=", "=value", "novalue", "a=b=c", ""]:
    print(repr(s), s.partition("="), s.rpartition("="))
print("path/to/file.tar.gz".rpartition("."), "path/to/file".partition("/"), "x::y::z".partition("::"))

print("splitlines")
for s in ["a\nb\nc", "a\nb\n", "a\r\nb\rc", "\n\nx\n\n", "", "single", "trail\n", "x\n\ny"]:
    print(repr(s), s.splitlines(), s.split("\n"), len(s.splitlines()))
print("a\nb".splitlines(True), "x\r\ny\n".splitlines(True))

print("classification")
tests = ["123", "12.5", "-1", "abc", "ABC", "Abc", "abc123", "", " ", "\t\n", "a b", "Hello World",
         "hello world", "HELLO WORLD", "x1", "éà", "٣", "Ünïcode Tïtle"]
for s in tests:
    print(repr(s), s.isdigit(), s.isnumeric(), s.isdecimal(), s.isalpha(), s.isalnum(), s.isspace(),
          s.isupper(), s.islower(), s.istitle())

print("str.format")
print("{} + {} = {}".format(1, 2, 3), "{0}{1}{0}".format("ab", "cd"), "{name} is {age}".format(name="Ann", age=7))
print("{:>6}|{:<6}|{:^6}".format("r", "l", "c"), "{:.3f}".format(2 / 3), "{:5d}|{:x}".format(42, 255))
print("{0:.2%} {1:,} {2!r} {{}}".format(0.256, 12345678, "s"), "{:e}".format(123.456), "{}".format([1, "a"]))
print("{:08.3f} {:+d} {:,.1f} {:g} {}".format(3.14159, 5, 1234567.89, 0.00001, None))
for i, word in enumerate(["zero", "one", "two", "three"]):
    print("{:>3}. {:<6}|{:^9}|".format(i, word, word.upper()))

print("format builtin")
print(format(3.14159, ".2f"), format(42, "06d"), format("x", ">4"), format(255, "x"), format(0.5, "%"))
print(format(1234567, ","), format(-3.5, "+.1e"), format(12, "b"), format(7.0, "g"), format(10 ** 6, "_"))

print("repr and str builtins")
for v in ["plain", "it's", 'say "hi"', 12, -3.5, None, True, [1, "x"], ("a",), {"k": "v"}]:
    print(str(v), repr(v), len(repr(v)), str(v) == repr(v))
