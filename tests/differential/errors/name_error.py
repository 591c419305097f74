# Ends with a NameError for a name that resembles nothing in scope.
values = [1, 2, 3]
print(sum(values))
print(undefined_variable_xyz)
