# Ends with FileNotFoundError from opening a file that does not exist in the (empty) working directory.
print("opening")
f = open("definitely_missing_file.txt")
print(f.read())
