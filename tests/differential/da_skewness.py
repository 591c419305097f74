# The seed's skewness program on dask arrays (from dask import array as darray), with deterministic data.
import numpy
from dask import array as darray

my_data = [float(i % 97) ** 2 * 0.01 + (i % 7) * 0.25 for i in range(100000)]
arr = darray.from_array(numpy.array(my_data), chunks=(1000,))
print(arr.shape, arr.dtype, arr.npartitions, arr.chunks[0][:3], arr.chunksize)

mean = arr.mean()
stddev = arr.std()
unnormalized_moment = darray.mean(arr * arr * arr)
mean, stddev, unnormalized_moment = darray.compute(mean, stddev, unnormalized_moment)
print(f"{mean:.12g}")
print(f"{stddev:.12g}")
print(f"{unnormalized_moment:.12g}")

skewness = ((unnormalized_moment - (3 * mean * stddev ** 2) - mean ** 3) /
            stddev ** 3)
print(f"{skewness:.9g}")
print(f"{mean:.6f} {stddev:.6f} {skewness:.9f}")

lazy_mean = arr.mean()
print(f"{lazy_mean.compute():.12g}", f"{((arr - lazy_mean) ** 2).mean().compute() ** 0.5:.12g}")
central = (((arr - arr.mean()) / arr.std()) ** 3).mean().compute()
print(f"{central:.9g}", round(central, 6) == round(skewness, 6))
print(arr.min().compute(), arr.max().compute(), arr.argmax().compute(), (arr == 0.0).sum().compute())
m3 = darray.from_array(numpy.array(my_data), chunks=(7919,))
print(m3.chunks[0][-1], f"{m3.mean().compute():.12g}", f"{m3.var().compute():.12g}")
