# f-strings: conversions, format specs for int/float/str, nesting, escaping braces.
name = "pgs"
n = 42
neg = -7
pi = 3.14159265358979
big = 1234567.891
items = [1, "a", None, 2.5]
d = {"k": "v", "n": 3}

print(f"hello {name}!", f"{n}", f"{neg}", f"{pi}", f"{items}", f"{d}")
print(f"{name!r} {name!s} {items!r} {'quote' + name!r}")
print(f"{{literal}} {{{n}}} {{}}")
print(f"{n + 1} {n * 2 - 1} {n // 5} {n % 5} {n / 8} {n ** 2}")
print(f"{name.upper()} {len(name)} {items[1]} {d['k']} {d['n'] * 2}")
print(f"{'yes' if n > 40 else 'no'} {[x * 2 for x in range(4)]} {sum(x for x in range(5))}")
print(f"{True} {False} {None} {True:d} {1.0} {-0.0} {1e16} {1e-5}")

print("integers")
for v in [0, 7, -7, 42, 255, 1000000, -1234567, 9223372036854775807]:
    print(f"[{v:d}] [{v:5d}] [{v:<6}] [{v:^7}] [{v:>8}] [{v:+d}] [{v: d}] [{v:05d}] [{v:,}] [{v:_}]")
for v in [0, 5, 10, 255, 4096, -255]:
    print(f"[{v:x}] [{v:X}] [{v:#x}] [{v:#X}] [{v:o}] [{v:#o}] [{v:b}] [{v:#b}] [{v:08b}] [{v:#010x}]")
print(f"[{12:=+6}] [{-12:=6}] [{12:*>6}] [{12:*<6}] [{12:*^6}] [{12:0=6}] [{-3:03}]")

print("floats")
for v in [0.0, 1.0, -1.5, pi, 2.5, 3.5, 0.125, 1234.5678, 1e-5, 1e16, -0.0, 100.0, 0.1]:
    print(f"[{v}] [{v:.2f}] [{v:.0f}] [{v:8.3f}] [{v:<9.1f}] [{v:+.1f}] [{v:e}] [{v:.2e}] [{v:g}] [{v:.3g}] [{v:%}] [{v:.1%}]")
for v in [123456.0, 1234567.0, 0.0001, 0.00001234, 1e6, 1e-4, 100.0, 12345.678, 1.5, 10.0]:
    print(f"[{v:g}] [{v:.2g}] [{v:.10g}] [{v:G}] [{v:.3}] [{v:10.4}] [{v:,.2f}] [{v:012.3f}] [{v:_.1f}]")
print(f"[{1.005:.2f}] [{2.675:.2f}] [{0.1:.20f}] [{1 / 3:.17f}] [{2 / 3:.1f}] [{1e20:f}] [{1e20:.0f}]")
print(f"[{0.5:.0f}] [{1.5:.0f}] [{2.5:.0f}] [{-2.5:.0f}] [{-0.4:.0f}] [{0.05:.1f}] [{0.15:.1f}] [{0.25:.1f}]")
print(f"[{float('inf'):.2f}] [{float('-inf'):8.1f}] [{float('nan'):f}] [{float('inf'):e}] [{float('nan'):g}]")
print(f"[{10:.2f}] [{10:e}] [{10:%}] [{7:g}] [{2 ** 60:e}] [{-5:.1f}] [{True:.1f}]")
print(f"[{1234.5:.3}] [{2.5:.3}] [{0.000012345:.3g}] [{12345.678:.3g}] [{9.9999:.3g}] [{99999.5:.5g}]")

print("strings")
for s in ["", "a", "abc", "hello world", "pgs!"]:
    print(f"[{s}] [{s:5}] [{s:>5}] [{s:^6}] [{s:*^7}] [{s:.2}] [{s:-<8.3}] [{s!r:>8}]")

print("nested specs")
for width in [4, 8, 12]:
    for prec in [0, 2, 5]:
        print(f"[{pi:{width}.{prec}f}] [{name:>{width}}] [{n:0{width}d}]")

print("table")
rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 12.125), ("kiwi", 7, 3.0)]
print(f"{'fruit':<10}|{'qty':>5}|{'price':>8}|{'total':>10}")
for fruit, qty, price in rows:
    print(f"{fruit:<10}|{qty:>5}|{price:>8.2f}|{qty * price:>10.3f}")
total = 0.0
for fruit, qty, price in rows:
    total += qty * price
print(f"{'sum':<10}|{'':>5}|{'':>8}|{total:>10.3f}")

print('single quoted f', f'{name}', f'{d["k"]}', f"""triple {n}""", f'''{name}''')
print(f"multi {n}"
      f" part {name}"
      " plain")
