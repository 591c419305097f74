# A list cannot be a set member.
s = {1, 2}
print(sorted(s))
s.add([3])
