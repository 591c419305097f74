# Searching in strings: find/rfind/index/rindex/count, startswith/endswith (with tuples), in, indexing.
text = "the quick brown fox jumps over the lazy dog; the end"
for sub in ["the", "quick", "o", "dog", "xyz", "", "e", "the end", " ", "T"]:
    print(repr(sub), text.find(sub), text.rfind(sub), text.count(sub), sub in text, sub not in text)
print(text.find("the", 1), text.find("the", 40), text.find("the", 0, 3), text.find("the", 0, 2))
print(text.rfind("the", 0, 40), text.count("the", 5), text.count("o", 10, 20), text.find("o", -10))
print(text.index("quick"), text.rindex("o"), text.index("the", 10), text.rindex("the", 0, 20))
print("aaaa".count("aa"), "aaaa".count("a"), "abc".count(""), "".count(""), "".find(""), "abc".find("", 10))
print("abc".find("c", -1), "abc".rfind(""), "banana".find("na"), "banana".rfind("na"), "banana".count("ana"))

print("startswith / endswith")
files = ["report.txt", "data.csv", "image.PNG", "archive.tar.gz", "README", ".hidden", "notes.md", ""]
for f in files:
    print(repr(f), f.startswith("r"), f.startswith(("R", "r")), f.endswith(".txt"),
          f.endswith((".csv", ".md", ".gz")), f.lower().endswith(".png"), f.startswith(""),
          f.startswith("."), f.endswith(""), f.startswith("data", 0), f.endswith("a", 0, 2))
print("hello".startswith("ell", 1), "hello".endswith("ell", 0, 4), "hello".startswith(("x", "y")))

print("membership")
print("a" in "abc", "ab" in "abc", "ac" in "abc", "" in "", "" in "x", "abc" in "ab", "B" in "abc")
print(1 in [1, 2], "1" in [1, 2], 3 in (1, 2, 3), "k" in {"k": 1}, 1 in {"k": 1}, [1] in [[1], [2]])
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2), -1 in range(-5, 0))
print(2.0 in [1, 2, 3], True in [1], 0 in [False], None in [None], "x" not in "abc", 7 not in range(3))

print("indexing and iteration")
word = "python"
print(word[0], word[5], word[-1], word[-6], word[2:4], len(word))
for i in range(len(word)):
    print(i, word[i], word[-i - 1], word[:i], word[i:])
chars = []
for ch in "hello, world":
    if ch not in chars and ch != " ":
        chars.append(ch)
print(chars, len(chars))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)

print("ord and chr")
print(ord("a"), ord("A"), ord("0"), ord(" "), ord("é"), ord("中"), chr(97), chr(65), chr(233), chr(20013))
print([ord(c) for c in "pgs!"], "".join(chr(c) for c in [104, 105]), chr(ord("a") + 25))
shifted = ""
for c in "attack at dawn":
    if c == " ":
        shifted += c
    else:
        shifted += chr((ord(c) - ord("a") + 13) % 26 + ord("a"))
print(shifted)
