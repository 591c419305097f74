"""Loop-heavy numeric kernels: interpreter dispatch on int and float arithmetic.

usage: loop_kernel.py N          (N ~ 1e6..1e7; each kernel does ~N iterations)

Runs unchanged under python3 and pgs. Three kernels, each printing an exact,
deterministic result (same IEEE operations in the same order on both sides):
  leibniz  float: sum of (-1)^k / (2k+1), k < N, times 4
  lcg      int:   a 31-bit linear congruential generator mixed into a checksum
  nested   int:   a sqrt(N) x sqrt(N) double loop (loop set-up + range per row)
Only `+ - * / // %` are used (pgs ints are 64-bit and overflow is an error,
so every intermediate stays below 2**62).
Last line: seconds=<all three kernels>.
"""
import sys
import time


def leibniz(n):
    total = 0.0
    sign = 1.0
    for k in range(n):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total


def lcg(n):
    x = 12345
    acc = 0
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        acc = (acc + (x // 65536) * (i % 256 + 1)) % 1000000007
    return acc


def nested(m):
    s = 0
    for i in range(m):
        for j in range(m):
            s += (i * j + i + j) % 7
    return s


def main():
    n = int(float(sys.argv[1]))
    m = int(n ** 0.5)
    t0 = time.perf_counter()
    pi = leibniz(n)
    t1 = time.perf_counter()
    checksum = lcg(n)
    t2 = time.perf_counter()
    grid = nested(m)
    t3 = time.perf_counter()
    print(f"n={n}")
    print(f"leibniz_pi={pi:.12f}")
    print(f"lcg={checksum}")
    print(f"nested({m})={grid}")
    print(f"leibniz_seconds={t1 - t0:.6f}")
    print(f"lcg_seconds={t2 - t1:.6f}")
    print(f"nested_seconds={t3 - t2:.6f}")
    print(f"seconds={t3 - t0:.6f}")


main()
