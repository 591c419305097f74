"""How long pgs takes to stop after SIGINT while parallel work runs.

Starts each program with the release binary, waits until it has written the file
`running` and worked for 0.3 s more, sends SIGINT and times how long the process
takes to exit (it must exit with 130). Prints the median and maximum over --runs.

usage: python3 scripts/bench/interrupt_latency.py [--pgs target/release/pgs] [--runs 10]
"""
import argparse
import os
import signal
import statistics
import subprocess
import tempfile
import time

MARK = "f = open('running', 'w')\nf.write('yes')\nf.close()\n"

PROGRAMS = {
    "fused reduction (1e10 normals)": "import dask.array as da\n"
    "print(da.random.normal(0, 1, size=10**10, chunks=10**7).sum().compute())\n",
    "matmul 6000x6000": "import dask.array as da\n"
    "x = da.random.random((6000, 6000), chunks=(1000, 1000))\n"
    "print((x @ x.T).sum().compute())\n",
    "delayed tasks in pgs code": "import dask\n"
    "def spin(i):\n    while True:\n        i += 1\n"
    "print(dask.delayed(sum)([dask.delayed(spin)(i) for i in range(8)]).compute())\n",
    "interpreter loop": "i = 0\nwhile True:\n    i += 1\n",
}


def one_run(pgs, code):
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.Popen([os.path.abspath(pgs), "-c", MARK + code], cwd=d,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not os.path.exists(os.path.join(d, "running")):
            time.sleep(0.002)
        time.sleep(0.3)
        t0 = time.perf_counter()
        p.send_signal(signal.SIGINT)
        code = p.wait(timeout=60)
        took = time.perf_counter() - t0
        if code != 130:
            raise SystemExit(f"pgs exited with {code}, expected 130")
        return took


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pgs", default="target/release/pgs")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    print("| work interrupted | median ms | max ms |")
    print("|---|---:|---:|")
    for name, code in PROGRAMS.items():
        times = [one_run(args.pgs, code) for _ in range(args.runs)]
        print(f"| {name} | {statistics.median(times) * 1e3:.1f} | {max(times) * 1e3:.1f} |")


if __name__ == "__main__":
    main()
