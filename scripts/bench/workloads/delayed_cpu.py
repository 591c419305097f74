"""CPU-bound pure tasks under dask.delayed: does a second thread help?

usage: delayed_cpu.py N          (N tasks of ~2e5 float operations each)

Runs under python3 + dask today and under pgs once it has dask.delayed. The
runner runs it with 1 and with 2 threads (pgs --threads K; DASK_NUM_WORKERS=K
for dask) and reports the speed-up. CPython's GIL serialises the pure-Python
tasks, so dask should stay near 1x; pgs has no GIL and should approach 2x.
Each task iterates the logistic map (chaotic, bounded in [0, 1]) and returns
an int, so the total is exact whatever order the tasks finish in and however
`sum` adds floats.
Last line: seconds=<build + compute>.
"""
import sys
import time

import dask

STEPS = 50000  # 4 float operations per step -> ~2e5 per task


def work(seed):
    x = 0.1 + (seed % 1000) * 0.0007
    acc = 0.0
    for _ in range(STEPS):
        x = 3.9 * x * (1.0 - x)
        acc += x
    return int(acc * 1000.0)


def main():
    n = int(float(sys.argv[1]))
    t0 = time.perf_counter()
    parts = [dask.delayed(work)(i) for i in range(n)]
    total = dask.delayed(sum)(parts)
    t1 = time.perf_counter()
    result = total.compute()
    t2 = time.perf_counter()
    print(f"tasks={n}")
    print(f"total={result}")
    print(f"build_seconds={t1 - t0:.6f}")
    print(f"compute_seconds={t2 - t1:.6f}")
    print(f"seconds={t2 - t0:.6f}")


main()
