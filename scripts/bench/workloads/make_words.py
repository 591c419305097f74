"""Write N words, one per line, for the palindrome workloads (python3 only).

usage: make_words.py N PATH

The words are exactly the strings of /work/shared/bench/python/strings_gen.py
(random.Random(1); each word: L = randint(1, 8) lowercase letters drawn with
choices), so the palindrome counts match BASELINE.md: 13627 for N=1e5 and
135500 for N=1e6. The generator is copied rather than imported because the
project must carry its own benchmark inputs.

The file is written to PATH.tmp and renamed, so an interrupted run never
leaves a truncated file that the runner's cache would later trust.
"""
import os
import random
import string
import sys


def make_words(n, seed=1):
    rng = random.Random(seed)
    # Bound methods, as strings_gen.py uses them: the same calls in the same
    # order are what keep the random stream (and so the counts) identical.
    randint = rng.randint
    choices = rng.choices
    letters = string.ascii_lowercase
    return ["".join(choices(letters, k=randint(1, 8))) for _ in range(n)]


def main():
    n = int(float(sys.argv[1]))
    path = sys.argv[2]
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(make_words(n)))
        f.write("\n")
    os.replace(tmp, path)
    print(f"wrote {n} words to {path}")


if __name__ == "__main__":
    main()
