# An error inside a task surfaces with its own exception and message.
import dask

def risky(x):
    if x == 3:
        return 1 / (x - 3)
    return x

parts = [dask.delayed(risky)(i) for i in range(6)]
print("built", len(parts))
total = dask.delayed(sum)(parts)
print(total.compute())
