# Ends with a KeyError for a missing dict key (message is the repr of the key).
ages = {"ann": 31, "bob": 25}
print(ages["ann"], ages.get("cid"))
for name in ["bob", "ann", "cid"]:
    print(name, ages[name])
