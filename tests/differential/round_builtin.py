# round(): banker's rounding for ints, correctly rounded decimal digits for floats, negative ndigits.
for x in [0.5, 1.5, 2.5, 3.5, 4.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1e16, -1e16, 0.0, -0.0, 7.0]:
    print(x, round(x), round(x, 0), round(x, 1), round(x, 2), type(round(x)), type(round(x, 0)))
print(round(0.125, 2), round(0.375, 2), round(2.675, 2), round(1.005, 2), round(1.0005, 3), round(0.285, 2))
print(round(5.5), round(6.5), round(-5.5), round(-6.5), round(1234.5), round(1235.5), round(99999.5))
print(round(3.14159, 3), round(3.14159, 4), round(-3.14159, 1), round(2.0 / 3, 5), round(1 / 3, 15), round(1 / 3, 20))
print(round(123.456, -1), round(123.456, -2), round(123.456, -3), round(-150.0, -2), round(250.0, -2), round(350.0, -2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(15, -1), round(25, -1), round(5, -1))
print(round(7, 2), round(-7, 0), round(0, -3), round(10 ** 18, -17), round(123456789, -4), type(round(5, 2)))
print(round(-0.4), round(-0.4, 0), round(-0.04, 1), round(0.04, 1), round(-1e-300, 5), round(1e300, 2))
print(round(2.5e-8, 8), round(1.23456789e-5, 7), round(9.995, 2), round(9.9949, 2), round(0.1 + 0.2, 15), round(0.1 + 0.2, 16))
for k in range(0, 11):
    v = k / 8
    print(k, v, round(v, 1), round(v, 2), round(v * 100), round(-v, 1), f"{v:.1f}", "%.2f" % v)
for ndigits in range(-2, 6):
    print(ndigits, round(12345.678901, ndigits), round(-0.0123456, ndigits), round(987, ndigits))
values = [0.1 * i for i in range(12)]
print(values)
print([round(v, 1) for v in values], [round(v) for v in values], [round(v, 3) for v in values])
