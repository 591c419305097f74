# The seed article's palindrome program, run verbatim after writing its words.txt.
import dask

letters = "abcab"
words = []
x = 7
for i in range(3000):
    x = (x * 1103515245 + 12345) % 2147483648
    n = 1 + x % 5
    w = ""
    for k in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        w += letters[x % len(letters)]
    words.append(w)
f = open("words.txt", "w")
f.write(" ".join(words))
f.close()

def is_palindrome(s):
    return s == s[::-1]

string_list = open("words.txt").read().split()
palindromes = [dask.delayed(is_palindrome)(s) for s in string_list]
total = dask.delayed(sum)(palindromes)
result = total.compute()
print(result)
