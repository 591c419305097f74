# Ends with a TypeError: a no-argument str method given an argument.
word = "pgs"
print(word.upper(), word.split(None, 1), "a,b".split(",", 1))
print(word.upper(1))
