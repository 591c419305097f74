"""The seed article's palindrome count, single-threaded.

usage: palindromes.py N WORDSFILE   (WORDSFILE from make_words.py; first N words)

Runs unchanged under python3 and pgs: reads the words with
open(path).read().split() and counts them with a loop calling
is_palindrome(s), i.e. s == s[::-1] plus one function call per word.
Counts: 13627 for N=1e5, 135500 for N=1e6 (BASELINE.md).
Last line: seconds=<the counting loop>; read_seconds is the read + split.
"""
import sys
import time


def is_palindrome(s):
    return s == s[::-1]


def main():
    n = int(float(sys.argv[1]))
    path = sys.argv[2]
    t0 = time.perf_counter()
    words = open(path).read().split()[:n]
    t1 = time.perf_counter()
    count = 0
    for s in words:
        if is_palindrome(s):
            count += 1
    t2 = time.perf_counter()
    print(f"words={len(words)}")
    print(f"palindromes={count}")
    print(f"read_seconds={t1 - t0:.6f}")
    print(f"seconds={t2 - t1:.6f}")


main()
