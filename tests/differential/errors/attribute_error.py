# Ends with an AttributeError for a method that str does not have (no close match exists).
s = "hello"
print(s.upper())
print(s.frobnicate())
