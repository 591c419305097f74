# printf-style formatting with the % operator.
print("%d" % 5, "%d" % -5, "%5d|" % 42, "%-5d|" % 42, "%05d" % 42, "%+d" % 7, "% d" % 7, "%d" % 3.99, "%d" % True)
print("%i" % 12, "%x" % 255, "%X" % 255, "%#x" % 255, "%o" % 8, "%#o" % 8, "%08.3f" % 3.14159, "%x" % -255)
print("%s" % "str", "%s" % 12, "%s" % 1.5, "%s" % None, "%s" % [1, "a"], "%s" % (1,), "%s" % ((1, 2),))
print("%r" % "str", "%r" % 12, "%r" % [1, "a"], "%10s|" % "right", "%-10s|" % "left", "%.2s" % "truncate")
print("%f" % 3.14159, "%.2f" % 3.14159, "%.0f" % 2.5, "%.0f" % 3.5, "%10.3f|" % -1.5, "%-10.1f|" % 2.25)
print("%e" % 12345.678, "%.2e" % 0.000123, "%E" % 1e-10, "%g" % 0.0001, "%g" % 1e-5, "%g" % 123456789, "%G" % 1e20)
print("%.3g" % 3.14159, "%g" % 100.0, "%g" % 2.5, "%f" % 1e16, "%.1f" % float("inf"), "%f" % float("nan"))
print("%s and %s" % ("a", "b"), "%d%%" % 50, "%%", "100%% sure" % (), "%s-%s-%s" % (1, 2.0, "3"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 31}, "%5.1f%%" % 99.44, "%.3f" % (2.0 / 3))

print("tables with %")
rows = [("alpha", 1, 0.5), ("beta", 22, 12.25), ("gamma", 333, 100.125), ("delta", -4, -0.001)]
print("%-8s %5s %10s" % ("name", "n", "value"))
for name, n, value in rows:
    print("%-8s %5d %10.3f" % (name, n, value))
for name, n, value in rows:
    print("%s=%r (%x) %e %g" % (name, value, abs(n), value, value))

print("mixing with other formatting")
value = 1234.5678
print("%.2f" % value == f"{value:.2f}" == "{:.2f}".format(value), "%10.2f" % value, f"{value:10.2f}")
label = "%s: %d items" % ("cart", 3)
print(label, len(label), label.upper(), ("%d" % 10) * 3)
for i in range(0, 101, 25):
    bar = "#" * (i // 5)
    print("%3d%% |%-20s|" % (i, bar))
