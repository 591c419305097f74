# Ends with an AssertionError carrying an f-string message.
def checked_total(values, expected):
    total = sum(values)
    assert total == expected, f"total should be {expected}, got {total}"
    return total

print(checked_total([1, 2, 3], 6))
print(checked_total([4, 5], 10))
