# String literal escapes, triple-quoted strings, implicit concatenation, line continuation.
print("tab:\t|", "newline:\n|", "backslash:\\|", "quote:\"|", 'apostrophe:\'|', "hex:\x41\x62|")
print("unicode:\u00e9\u4e2d\U0001F600|", "octal:\101\102\60|", "nul:[\0]|", "bell-free|")
print(len("\t"), len("\\"), len("\x41"), len("\u4e2d"), len("\U0001F600"), len("\101"), len("\0"), len("a\
b"))
print(repr("\t"), repr("\\n"), repr("\x41"), repr("\u00e9"), repr("\0"), repr("\r\n"), repr("\x7f\x80"))
print("a" "b" 'c' """d""", "implicit" " " "concatenation", ("split across "
      "lines " "inside parens"))

multi = """first line
  second line, indented
third line with 'single' and "double" quotes
"""
print(multi)
print(repr(multi), len(multi), multi.count("\n"), multi.splitlines())
single_triple = '''one
two'''
print(single_triple, repr(single_triple))
escaped_triple = """line one \
continues here
tab\there"""
print(escaped_triple)
print("""""", repr(""""""), """'""", '''"''', """a"b""", """a""b""")

total = 1 + \
    2 + \
    3
print(total)
numbers = [
    1, 2,
    3,   # comment inside brackets
    4,
]
mapping = {
    "a": 1,
    "b": [
        2,
        3,
    ],
}
print(numbers, mapping)
result = (1 +
          2 *
          3)
print(result)
if (total > 1 and
        total < 100):
    print("multi-line condition")

print("escapes in f-strings and format")
name = "x"
print(f"\t{name}\n{name}\\", f"{name}\x21", f"{{\u00e9}}", f"{len(chr(92))}")
print("%s\t%s" % ("a", "b"), "{}\n{}".format(1, 2))
path = "C:\\Users\\pgs\\new_folder"
print(path, len(path), path.split("\\"), repr(path))
print("caf\u00e9" == "café", "\u0041" == "A", "\x41" == "A", "\101" == "A")
