# Slicing lists, strings, tuples and ranges with negative indices, steps and out-of-range bounds.
s = "abcdefghij"
lst = list(range(10))
tup = tuple(range(10))
rng = range(10)
bounds = [None, -12, -10, -3, -1, 0, 1, 3, 9, 10, 12]
for start in bounds:
    row = []
    for stop in bounds:
        row.append(s[start:stop])
    print(start, row)

print("steps")
for step in [1, 2, 3, -1, -2, -3, 4, -4, 11, -11]:
    print(step, s[::step], lst[::step], tup[1::step], list(rng[::step]), s[-2::step], s[2:-2:step])
    print("   ", s[8:1:step], lst[1:8:step], s[:3:step], s[7::step], s[-100:100:step])

print("classic idioms")
print(s[::-1], s[-3:], s[:-3], s[1:-1], s[:], s[:0], s[100:], s[-1:-4:-1], s[3:1], s[-1::-2])
print(lst[::-1], lst[-3:], lst[:-3], lst[::2], lst[1::2], lst[5:2:-1], lst[-1:0:-3])
copy = lst[:]
copy.append(99)
print(len(lst), len(copy), copy is lst, copy == lst, lst[:] == lst)
print(tup[::-1], tup[2:5], tup[-2:], tup[:1], tup[5:5], type(tup[1:3]), type(lst[1:3]), type(s[1:3]))

print("range slicing and repr")
print(range(10), range(3, 8), range(0, 10, 2), range(10, 0, -1), range(0), range(-5, 5, 3))
print(rng[2:5], rng[::-1], rng[::2], rng[1::3], rng[-3:], rng[5:100], rng[::-3], rng[8:2:-2])
print(range(0, 10, 3)[1:], range(1, 10, 2)[::2], range(10, 0, -2)[1:3], range(5)[10:], range(5)[-100:2])
print(len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 5)), len(range(5, 0)), len(range(-3, 3)))
print(range(10)[3], range(10)[-1], range(1, 20, 4)[-2], range(10, 0, -3)[2], range(7)[0])
print(list(range(10, 0, -3)), list(range(-10, -20, -4)), list(range(0, -5)), list(range(3, 3)))
print(range(0, 5) == range(5), range(0) == range(2, 2), range(0, 3, 2) == range(0, 4, 2), range(3) == [0, 1, 2])
print(range(0, 10, 2).index(4), range(0, 10, 2).count(3), range(5).count(4), 9 in range(1, 10, 4))
r = range(2, 30, 7)
print(r, r.start, r.stop, r.step, list(r), r[1:], list(r[::-1]), min(r), max(r), sum(r))

print("nested indexing")
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(m[1][1:], m[-1][::-1], m[::-1][0], [row[::-1] for row in m[::-1]], m[0][-1], m[1:][0][0])
text = "line one\nline two\nline three"
print(text.split("\n")[1][5:], text[text.find("two"):][:3], text.split()[2::2])
print("abc"[0][0][0], ("x", "y")[1][0], [[["deep"]]][0][0][0][1:])
