# Conversions between int, float, str and bool: int(), float(), str(), bool(), bases, literals.
for s in ["12", "-7", "+3", "  42  ", "0", "-0", "007", "1_000", "9223372036854775807", "\t5\n"]:
    print(repr(s), int(s), float(s), int(s) - 1)
for x in [3.9, -3.9, 2.5, -2.5, 0.99999, -0.0, 1e18, -1e18, 123456789.987, 4.0, 1e15 + 0.3]:
    print(x, int(x), round(x), str(int(x)), float(int(x)))
print(int(True), int(False), float(True), int(10 ** 18), int("10") + int(2.9), int(-0.5), int(0.5))

print("bases")
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0x1f", 0), int("101", 2), int("0b101", 0), int("777", 8))
print(int("0o17", 0), int("z", 36), int("Zz", 36), int("-1a", 16), int("10", 3), int(" 11 ", 2), int("12", 0))
print(0xff, 0XFF, 0x10, 0xDEADBEEF, 1_000_000, 0x_ff, 0xff_ff, 10_0, 0b1010, 0o777)
print(hex(255), hex(-255), hex(0), oct(8), oct(-8), bin(5), bin(-5), bin(0), hex(2 ** 62))

print("float parsing")
for s in ["1e3", "1E3", "-1.5e-3", ".5", "5.", "  3.25  ", "inf", "-inf", "Infinity", "-INFINITY", "nan", "NaN",
          "1_000.5", "0.1", "1e308", "1e309", "-1e309", "2.5e-324", "0", "-0", "+1.5", "1e-400", "123"]:
    print(repr(s), float(s))
print(1e3, 1E3, .5, 5., 1_000.5, 0.000_001, 1e-3, 2.5E+3, 10e0, 0e0)

print("to string")
for v in [0, -1, 10 ** 18, 1.0, 0.1, -2.5e-8, 1e22, True, None, "s", [1], (2,), {"a": 3}, range(2)]:
    print(str(v), len(str(v)), type(str(v)))
print(str(), str(""), str("x") == "x", str(12) + str(3.5), str(1 / 3)[:6], "value: " + str(42))

print("to bool")
for v in [0, 1, -1, 0.0, 1e-300, "", "0", "False", " ", [], [False], (), None, range(0)]:
    print(repr(v), bool(v))
print(bool(), bool(bool(0)), bool(str(0)))

print("round trips")
for i in [0, 1, -1, 123456, -987654321, 10 ** 18, 2 ** 53 + 1, -2 ** 53 - 1]:
    print(i, int(str(i)) == i, int(float(str(i))), float(i), int(float(i)) == i)
for f in [0.1, 1 / 3, 2.5, 1e16, 1e-7, 123.456, 1.7976931348623157e308]:
    print(f, float(str(f)) == f, float(repr(f)) == f, str(f))

print("int() of parsed input")
line = "3 14 15 92 65 35"
nums = [int(tok) for tok in line.split()]
print(nums, sum(nums), max(nums), [n * 2 for n in nums])
csv = "name,age,score\nann,31,88.5\nbob,25,92.25\ncid,40,79"
rows = [r.split(",") for r in csv.split("\n")]
header = rows[0]
for r in rows[1:]:
    print(r[0], int(r[1]) + 1, float(r[2]) * 2, str(int(float(r[2]))))
