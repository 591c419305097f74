# String slices with every kind of bound and step, ASCII and not: each result is printed.
words = ["", "a", "ab", "abc", "hello world", "racecar", "x" * 70, "0123456789" * 9, "héllo wörld", "日本語テキスト"]
for w in words:
    results = []
    for a in [None, -100, -5, -1, 0, 1, 3, 100]:
        for b in [None, -100, -3, -1, 0, 2, 5, 100]:
            for c in [None, -7, -3, -2, -1, 1, 2, 3, 9]:
                results.append(w[a:b:c])
    print(len(w), sum(len(r) for r in results), results[::37])
