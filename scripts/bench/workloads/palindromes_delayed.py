"""The seed article's dask version: one delayed task per word, then delayed(sum).

usage: palindromes_delayed.py N WORDSFILE   (first N words of WORDSFILE)

Runs under python3 + dask today and under pgs once it has dask.delayed. The
thread count is set from outside (pgs --threads K; DASK_NUM_WORKERS=K and
DASK_SCHEDULER=threads for dask), so the source is the same for both.
Dask's per-task cost grows with N (BASELINE.md: ~0.3 ms/word at 1e3, ~1 ms
at 1e4), so keep N around 1e3..1e4 for the dask side.
Last line: seconds=<build + compute>.
"""
import sys
import time

import dask


def is_palindrome(s):
    return s == s[::-1]


def main():
    n = int(float(sys.argv[1]))
    path = sys.argv[2]
    string_list = open(path).read().split()[:n]
    t0 = time.perf_counter()
    palindromes = [dask.delayed(is_palindrome)(s) for s in string_list]
    total = dask.delayed(sum)(palindromes)
    t1 = time.perf_counter()
    result = total.compute()
    t2 = time.perf_counter()
    print(f"words={len(string_list)}")
    print(f"palindromes={result}")
    print(f"build_seconds={t1 - t0:.6f}")
    print(f"compute_seconds={t2 - t1:.6f}")
    print(f"seconds={t2 - t0:.6f}")


main()
