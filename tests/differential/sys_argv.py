# sys.argv exists and holds at least the script name (its exact value differs between runners).
import sys
from sys import argv

print(len(sys.argv) >= 1)
print(isinstance(sys.argv, list), isinstance(sys.argv[0], str), len(sys.argv[0]) > 0)
print(argv is sys.argv, argv == sys.argv, len(argv) == len(sys.argv))
print(sys.argv[1:])
