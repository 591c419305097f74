# The palindrome seed program in plain Python: write words.txt, read it back, count palindromes.
def is_palindrome(s):
    return s == s[::-1]

syllables = ["a", "b", "ab", "ba", "aba", "c", "cc", "abc", "noon", "level", "x", "y"]
words = []
for i in range(3000):
    w = syllables[i % 12] + syllables[(i * 7) % 12]
    if i % 5 == 0:
        w = w + w[::-1]
    if i % 11 == 0:
        w = w[1:]
    words.append(w)
out = open("words.txt", "w")
for i in range(0, len(words), 10):
    out.write(" ".join(words[i:i + 10]) + "\n")
out.close()

string_list = open("words.txt").read().split()
palindromes = [is_palindrome(s) for s in string_list]
total = sum(palindromes)
print(total)
print(len(string_list), string_list[:12])
print([s for s in string_list[:60] if is_palindrome(s)])
distinct = {}
for s in string_list:
    if is_palindrome(s):
        distinct[s] = distinct.get(s, 0) + 1
print(len(distinct))
for word in sorted(distinct, key=lambda k: (-distinct[k], k))[:15]:
    print(word, distinct[word])
print(is_palindrome(""), is_palindrome("a"), is_palindrome("ab"), is_palindrome("racecar"), is_palindrome("Racecar"))
phrase = "A man, a plan, a canal: Panama"
cleaned = "".join(c.lower() for c in phrase if c.isalnum())
print(cleaned, is_palindrome(cleaned), is_palindrome(phrase))
longest = ""
for s in string_list:
    if is_palindrome(s) and len(s) > len(longest):
        longest = s
print(longest, len(longest))
