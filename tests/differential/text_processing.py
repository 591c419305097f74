# Text processing: word frequencies, wrapping, justification, caesar cipher, run-length encoding.
text = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair."""

words = []
for raw in text.split():
    w = raw.strip(".,;:!?").lower()
    if w:
        words.append(w)
print(len(words), len(text), text.count("\n"), words[:8])
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for w, c in top[:8]:
    print(f"{w:<12}{c:>3} {'*' * c}")
print([w for w, c in top if c == 1])

def wrap(words, width):
    lines = []
    current = ""
    for w in words:
        if not current:
            current = w
        elif len(current) + 1 + len(w) <= width:
            current += " " + w
        else:
            lines.append(current)
            current = w
    if current:
        lines.append(current)
    return lines

for width in [20, 35]:
    print("-" * width)
    for line in wrap(text.split(), width):
        print(line.ljust(width) + "|", line.rjust(width) + "|", line.center(width, ".") + "|")

def caesar(s, shift):
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)

secret = caesar("Hello, World! The Quick Brown Fox.", 3)
print(secret, caesar(secret, -3), caesar("xyz", 29), caesar(caesar("round trip", 11), 15))

def rle(s):
    if not s:
        return []
    runs = []
    prev = s[0]
    count = 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            runs.append((prev, count))
            prev = ch
            count = 1
    runs.append((prev, count))
    return runs

def rle_string(s):
    return "".join(ch + str(n) for ch, n in rle(s))

for s in ["aaabccdddd", "", "a", "abc", "zzzzzzzzzzzz", "aabbaa"]:
    encoded = rle_string(s)
    decoded = "".join(ch * n for ch, n in rle(s))
    print(repr(s), rle(s), encoded, decoded == s)

def is_anagram(a, b):
    return sorted(a.replace(" ", "").lower()) == sorted(b.replace(" ", "").lower())

print(is_anagram("Listen", "Silent"), is_anagram("Dormitory", "dirty room"), is_anagram("abc", "abd"))
groups = {}
for w in ["listen", "silent", "enlist", "google", "gogole", "cat", "act", "tac", "dog"]:
    key = "".join(sorted(w))
    groups.setdefault(key, []).append(w)
print(groups)
print([g for g in groups.values() if len(g) > 1])
vowels = "aeiou"
print({v: sum(1 for c in text.lower() if c == v) for v in vowels})
title = " ".join(w[0].upper() + w[1:] for w in "the tale of two cities".split())
print(title, title.swapcase(), title.lower().title() == title)
acronym = "".join(w[0] for w in "portable graph scheduler".split()).upper()
print(acronym)
