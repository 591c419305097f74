# Ends with a ValueError from int() on text that is not a number.
tokens = "12 7 -3 x 5".split()
total = 0
for tok in tokens:
    total += int(tok)
    print("running total", total)
