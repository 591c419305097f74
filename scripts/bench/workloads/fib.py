"""Recursive fib: the cost of a Python-level function call.

usage: fib.py N          (fib(27) = 196418, fib(30) = 832040)

Runs unchanged under python3 and pgs. Every call does one comparison, two
subtractions, one addition and two calls, so the time is dominated by call
overhead: frame set-up, argument binding, global lookup of `fib`.
Last line: seconds=<fib(N) only>.
"""
import sys
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    n = int(sys.argv[1])
    t0 = time.perf_counter()
    r = fib(n)
    t1 = time.perf_counter()
    print(f"fib({n})={r}")
    print(f"seconds={t1 - t0:.6f}")


# Called unconditionally: pgs has no `__name__`, and this file is never imported.
main()
