#!/usr/bin/env python3
"""pgs benchmark runner: pgs against CPython (and Dask, later NumPy), same machine, same run.

usage: python3 scripts/bench/run.py [--only NAME,...] [--quick] [--runs R]
                                    [--pgs PATH] [--python PATH] [--threads 1,2]
                                    [--markdown] [--json FILE]

Standard library only (no hyperfine), so it runs wherever python3 does; GNU
time (Debian package `time`) is used if present, for exact peak RSS.

Why it works the way it does (see scripts/bench/README.md for more):
  * These 2-core machines are noisy, so pgs and its peer run ALTERNATING
    (A B A B ...) within one call, after one warm-up each, and the report quotes
    medians and the ratio pgs/peer of the medians rather than absolute times.
  * Each child is started with posix_spawn, timed with perf_counter from spawn to
    reap, and reaped with os.wait4, which hands back its CPU time (user+sys).
    Peak RSS comes from GNU time's %M when /usr/bin/time is GNU time (see
    GNU_TIME below for why ru_maxrss alone over-reports small programs); the
    ~1 ms GNU time adds to each run is the same for both sides.
  * Every program prints result lines and timing lines (`seconds=`,
    `<phase>_seconds=`). The result lines of all runs and both sides must be
    identical: a benchmark of a wrong answer is worthless, so a mismatch is
    printed loudly and the exit code is 1.

Exit codes: 0 all good; 1 a mismatch or a failed run; 2 pgs binary missing or bad usage.
"""
import argparse
import difflib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PROGRAMS = HERE / "workloads"


# --------------------------------------------------------------------------
# The workload table. Adding a workload (or a peer) is one entry here.
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Peer:
    """Something pgs is compared with, run by the --python interpreter."""
    name: str                      # column label in the report
    needs: Tuple[str, ...] = ()    # modules the interpreter must be able to import
    program: Optional[str] = None  # its own program; None = the workload's shared source


CPYTHON = Peer("cpython")
DASK = Peer("dask", needs=("dask",))


def numpy_peer(program: str) -> Peer:
    return Peer("numpy", needs=("numpy",), program=program)


def dask_peer(program: Optional[str] = None) -> Peer:
    return Peer("dask", needs=("dask", "numpy"), program=program)


@dataclass(frozen=True)
class Workload:
    name: str
    program: str                     # file in workloads/, run by pgs (and peers by default)
    size: int                        # N for a normal run
    quick_size: int                  # N for --quick
    args: Tuple[str, ...] = ("{n}",)  # argv template: {n} = N, {words} = file of N words
    peers: Tuple[Peer, ...] = (CPYTHON,)
    threaded: bool = False           # run once per --threads value
    expect: Dict[int, str] = field(default_factory=dict)  # N -> a line the output must contain
    about: str = ""


WORKLOADS = [
    Workload("fib", "fib.py", 30, 27,
             expect={27: "fib(27)=196418", 30: "fib(30)=832040"},
             about="recursive calls"),
    Workload("loop_kernel", "loop_kernel.py", 3_000_000, 300_000,
             about="int/float loops"),
    Workload("palindromes", "palindromes.py", 1_000_000, 100_000, args=("{n}", "{words}"),
             expect={100_000: "palindromes=13627", 1_000_000: "palindromes=135500"},
             about="file read + str slicing"),
    Workload("palindromes_delayed", "palindromes_delayed.py", 5_000, 1_000,
             args=("{n}", "{words}"), peers=(DASK,), threaded=True,
             expect={1_000: "palindromes=143"},
             about="dask.delayed, tiny tasks"),
    Workload("delayed_cpu", "delayed_cpu.py", 400, 100, peers=(DASK,), threaded=True,
             about="dask.delayed, CPU-bound tasks"),
    Workload("skew_gen", "skew_gen.py", 100_000_000, 10_000_000, args=("{n}", "1000000"),
             peers=(numpy_peer("skew_gen_numpy.py"), dask_peer()),
             about="seed skewness, generated normals"),
    Workload("skew_npy", "skew_npy.py", 100_000_000, 10_000_000, args=("{npy}", "1000000"),
             peers=(numpy_peer("skew_numpy_npy.py"), dask_peer("skew_dask_npy.py")),
             about="seed skewness, .npy in page cache"),
    Workload("skew_gen_1e9", "skew_gen.py", 1_000_000_000, 100_000_000, args=("{n}", "1000000"),
             peers=(dask_peer(),), about="1e9 generated elements: peak memory"),
    Workload("elementwise", "elementwise.py", 20_000_000, 2_000_000,
             peers=(numpy_peer("elementwise_numpy.py"), dask_peer()),
             about="sqrt(x*x + y*y) to a concrete array"),
    Workload("matrix", "matrix.py", 4000, 1000,
             peers=(numpy_peer("matrix_numpy.py"), dask_peer()),
             about="sum(axis=0) and x @ x.T, N x N"),
]

# OpenBLAS tuning variables set on some machines slow numpy down; the peer
# baselines (shared/bench) were measured without them, so drop them here too.
DROPPED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

# `seconds=` and `<phase>_seconds=` lines are timings; every other line is a result.
TIMING_LINE = re.compile(r"^(\w+_)?seconds=")


# --------------------------------------------------------------------------
# Running one process
# --------------------------------------------------------------------------

@dataclass
class Run:
    wall: float                # seconds, perf_counter around spawn..reap
    cpu: float                 # user + sys seconds of the child
    rss_mib: float             # peak resident set of the child
    seconds: Optional[float]   # the program's own `seconds=` (timed phase)
    results: List[str]         # output lines other than timings
    exit_code: int             # negative: killed by that signal
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def run_once(cmd: List[str], env: Dict[str, str], timeout: float) -> Run:
    """Run cmd to completion; time it from outside and take its resource usage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss_file:
        full = cmd if not GNU_TIME else [GNU_TIME, "-f", "%M", "-o", rss_file.name] + cmd
        # Files, not pipes: nothing in the parent has to drain output while the
        # clock runs, and a chatty program can never block on a full pipe.
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
                   (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        t0 = time.perf_counter()
        try:
            # Own process group, so the watchdog and Ctrl-C reach GNU time's child too.
            pid = os.posix_spawnp(full[0], full, env, file_actions=actions, setpgroup=0)
        except OSError as e:
            return Run(0.0, 0.0, 0.0, None, [], 127, f"cannot start {full[0]}: {e}")
        status, usage, timed_out = _wait_with_watchdog(pid, timeout)
        wall = time.perf_counter() - t0
        stdout, stderr = _read_all(out), _read_all(err)
        time_notes = rss_file.read().strip().splitlines()
    seconds, results = parse_output(stdout)
    if GNU_TIME:
        rss_mib = _last_int(time_notes) / 1024.0
        stderr = stderr.rstrip() + "".join("\n[GNU time] " + line for line in time_notes[:-1])
    else:
        rss_mib = usage.ru_maxrss / 1024.0  # Linux reports KiB
    return Run(wall=wall,
               cpu=usage.ru_utime + usage.ru_stime,  # includes GNU time's own, ~1 ms
               rss_mib=rss_mib,
               seconds=seconds,
               results=results,
               exit_code=os.waitstatus_to_exitcode(status),
               stderr=stderr,
               timed_out=timed_out)


def find_gnu_time() -> Optional[str]:
    """GNU time, for the peak RSS of the program alone (see the note below)."""
    path = "/usr/bin/time"
    try:
        r = subprocess.run([path, "--version"], capture_output=True, text=True)
    except OSError:
        return None
    return path if "GNU" in r.stdout + r.stderr else None


# Why GNU time and not just os.wait4's ru_maxrss: a child started by
# posix_spawn/fork shares (or copies) this runner's address space until it
# execs, and Linux carries that address space's high-water mark into the
# child's maxrss. So ru_maxrss of a direct child is never below the runner's
# own RSS (~15 MiB), which would hide a small pgs. GNU time forks from its own
# ~1 MiB image, so its %M is the program's own peak. Wall time still comes from
# perf_counter here and CPU from os.wait4 (which counts GNU time's child).
GNU_TIME = find_gnu_time()


def _last_int(lines: List[str]) -> float:
    for line in reversed(lines):
        if line.strip().isdigit():
            return float(line)
    return float("nan")


def _wait_with_watchdog(pid: int, timeout: float):
    """os.wait4 the child; kill its process group if it outlives timeout."""
    fired = []

    # SIGALRM rather than a timer thread: no thread start-up inside the timed span.
    def on_alarm(signum, frame):
        fired.append(True)
        try:
            os.killpg(pid, signal.SIGKILL)  # the group we created for this run only
        except ProcessLookupError:
            pass  # it ended just as the alarm rang

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        _, status, usage = os.wait4(pid, 0)
        return status, usage, bool(fired)
    except KeyboardInterrupt:
        os.killpg(pid, signal.SIGKILL)  # its own group does not get the terminal's ^C
        os.wait4(pid, 0)
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _read_all(f) -> str:
    f.seek(0)
    return f.read().decode("utf-8", errors="replace")


def parse_output(text: str) -> Tuple[Optional[float], List[str]]:
    """Split output into the `seconds=` value and the result lines."""
    seconds = None
    results = []
    for line in text.splitlines():
        line = line.rstrip()
        if TIMING_LINE.match(line):
            if line.startswith("seconds="):
                seconds = _float_or_none(line.split("=", 1)[1])
        else:
            results.append(line)
    return seconds, results


def _float_or_none(s: str) -> Optional[float]:
    try:
        return float(s)
    except ValueError:
        return None


# --------------------------------------------------------------------------
# Sides: how pgs and a peer are invoked
# --------------------------------------------------------------------------

@dataclass
class Side:
    name: str
    cmd: List[str]
    env: Dict[str, str]


def base_env() -> Dict[str, str]:
    env = dict(os.environ)
    for k in DROPPED_ENV:
        env.pop(k, None)
    return env


def pgs_side(pgs: str, program: Path, argv: List[str], threads: Optional[int]) -> Side:
    flags = ["--threads", str(threads)] if threads else []
    return Side("pgs", [pgs] + flags + [str(program)] + argv, base_env())


def peer_side(peer: Peer, python: str, program: Path, argv: List[str],
              threads: Optional[int]) -> Side:
    env = base_env()
    if threads:
        # Dask reads DASK_* variables into its config at import; this is
        # dask.config.set(scheduler='threads', num_workers=K) without touching
        # the shared source (which pgs must run unchanged).
        env["DASK_SCHEDULER"] = "threads"
        env["DASK_NUM_WORKERS"] = str(threads)
    return Side(peer.name, [python, str(program)] + argv, env)


# --------------------------------------------------------------------------
# Measuring a workload: alternate the sides, check the results
# --------------------------------------------------------------------------

@dataclass
class Measurement:
    label: str                   # e.g. "delayed_cpu" or "delayed_cpu t2"
    workload: str
    size: Optional[int]
    threads: Optional[int]
    runs: Dict[str, List[Run]]   # side name -> counted runs
    failed: Dict[str, Run]       # side name -> the run that failed
    problems: List[str]
    wrong: set = field(default_factory=set)  # sides whose results were unstable or differed


def measure(label: str, sides: List[Side], runs: int, timeout: float,
            expect: Optional[str] = None, workload: str = "", size: Optional[int] = None,
            threads: Optional[int] = None) -> Measurement:
    """One warm-up per side, then `runs` counted rounds, sides alternating."""
    m = Measurement(label, workload or label, size, threads,
                    {s.name: [] for s in sides}, {}, [])
    first: Dict[str, List[str]] = {}
    for round_no in range(runs + 1):  # round 0 is the warm-up
        for side in sides:
            if side.name in m.failed:
                continue
            progress(f"  {label}: {side.name} {'warm-up' if round_no == 0 else f'run {round_no}/{runs}'}")
            r = run_once(side.cmd, side.env, timeout)
            if not r.ok:
                m.failed[side.name] = r
                m.problems.append(describe_failure(label, side, r, timeout))
                continue
            check_run(m, side.name, r, first, expect)
            if round_no > 0:
                m.runs[side.name].append(r)
    check_sides_agree(m, first)
    for p in m.problems:
        loud(p)
    return m


def check_run(m: Measurement, side: str, r: Run, first: Dict[str, List[str]],
              expect: Optional[str]) -> None:
    """A side must print the same results every run, and the expected line."""
    if side not in first:
        first[side] = r.results
        if expect and expect not in r.results:
            m.wrong.add(side)
            m.problems.append(f"{m.label}: {side} did not print the expected line {expect!r}; "
                              f"it printed {r.results!r}")
    elif r.results != first[side]:
        m.wrong.add(side)
        m.problems.append(f"{m.label}: {side} printed different results from one run to the next:\n"
                          + diff_lines(first[side], r.results, "first run", "later run"))


def check_sides_agree(m: Measurement, first: Dict[str, List[str]]) -> None:
    """Every side must print exactly what the reference (the first peer) printed."""
    names = list(first)
    if "pgs" in names and len(names) > 1:
        names.remove("pgs")
        names.append("pgs")  # the peer is the reference; pgs is what is on trial
    if not names:
        return
    ref = names[0]
    for other in names[1:]:
        if first[other] != first[ref]:
            m.wrong.update((ref, other))
            m.problems.append(f"{m.label}: RESULT MISMATCH between {other} and {ref}:\n"
                              + diff_lines(first[ref], first[other], ref, other))


def diff_lines(a: List[str], b: List[str], name_a: str, name_b: str) -> str:
    return "\n".join(difflib.unified_diff(a, b, name_a, name_b, lineterm=""))


def describe_failure(label: str, side: Side, r: Run, timeout: float) -> str:
    how = f"signal {-r.exit_code}" if r.exit_code < 0 else f"exit {r.exit_code}"
    if r.timed_out:
        how = f"timed out after {timeout:g} s, killed"
    tail = "\n".join(r.stderr.strip().splitlines()[-8:])
    return (f"{label}: {side.name} FAILED ({how}): {' '.join(side.cmd)}\n"
            f"    stderr (last lines):\n" + _indent(tail or "(empty)", "    | "))


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


# --------------------------------------------------------------------------
# Inputs, module checks, machine facts
# --------------------------------------------------------------------------

def words_file(n: int, data_dir: Path) -> Path:
    """The words file for N, generated once (by this python3) and then reused."""
    path = data_dir / f"words_{n}.txt"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        progress(f"generating {path}")
        subprocess.run([sys.executable, str(PROGRAMS / "make_words.py"), str(n), str(path)],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def npy_file(n: int, data_dir: Path, python: str) -> Path:
    """N standard normals as .npy (made by numpy in --python), then read once so the
    file is in the page cache, as the benchmark assumes."""
    path = data_dir / f"normals_{n}.npy"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        progress(f"generating {path}")
        subprocess.run([python, str(PROGRAMS / "make_npy.py"), str(n), str(path)],
                       check=True, stdout=subprocess.DEVNULL)
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass
    return path


def read_bandwidth_gbps() -> Optional[float]:
    """The machine's read bandwidth (GB/s, all threads), from stream_sum.c built with
    the system C compiler; None when there is none."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        return None
    exe = Path(tempfile.gettempdir()) / "pgs_stream_sum"
    if not exe.exists():
        r = subprocess.run([cc, "-O3", "-march=native", "-fopenmp", str(HERE / "stream_sum.c"),
                            "-o", str(exe)], capture_output=True)
        if r.returncode != 0:
            return None
    r = subprocess.run([str(exe), "10", "1"], capture_output=True, text=True)
    # The last "threads=N ... median_gbps=X" line is the all-threads read.
    medians = re.findall(r"^threads=\d+ .*?median_gbps=([\d.]+)", r.stdout, re.M)
    return float(medians[-1]) if medians else None


_module_cache: Dict[Tuple[str, str], bool] = {}


def has_module(python: str, module: str) -> bool:
    key = (python, module)
    if key not in _module_cache:
        r = subprocess.run([python, "-c", f"import {module}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _module_cache[key] = r.returncode == 0
    return _module_cache[key]


def command_output(cmd: List[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except OSError as e:
        return f"(cannot run: {e})"
    text = (r.stdout.strip() or r.stderr.strip()).splitlines()
    first = text[0] if text else ""
    return first if r.returncode == 0 else f"(exit {r.returncode}) {first}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_facts(pgs: str, python: str) -> List[Tuple[str, str]]:
    facts = [
        ("nproc", f"{os.cpu_count()} (usable here: {len(os.sched_getaffinity(0))})"),
        ("cpu", cpu_model()),
        ("kernel", platform.release()),
        ("load average (1/5/15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("python", f"{python}: " + command_output(
            [python, "-c", "import sys; print(sys.version.split()[0])"])),
        ("pgs", f"{pgs}: " + command_output([pgs, "--version"])),
        ("peak RSS from", f"GNU time %M ({GNU_TIME})" if GNU_TIME else
         "os.wait4 ru_maxrss: never below the runner's own RSS; "
         "apt-get install time for exact small figures"),
    ]
    gbps = read_bandwidth_gbps()
    facts.append(("read bandwidth (stream_sum.c, all threads, median)",
                  f"{gbps:.1f} GB/s" if gbps else "(no C compiler)"))
    if has_module(python, "dask"):
        facts.append(("dask", command_output(
            [python, "-c", "import dask; print(dask.__version__)"])))
    return facts


# --------------------------------------------------------------------------
# Planning: which measurements to make
# --------------------------------------------------------------------------

def usable_peers(w: Workload, python: str, notes: List[str]) -> List[Peer]:
    """Drop peers whose modules are missing, with a printed note, never silently."""
    peers = []
    for peer in w.peers:
        missing = [m for m in peer.needs if not has_module(python, m)]
        if missing:
            note(notes, f"skipped {w.name} vs {peer.name}: {python} cannot import "
                         f"{', '.join(missing)} (pip install {' '.join(missing)})")
        else:
            peers.append(peer)
    return peers


def measure_workload(w: Workload, opts, notes: List[str]) -> List[Measurement]:
    peers = usable_peers(w, opts.python, notes)
    if not peers:
        return []
    n = w.quick_size if opts.quick else w.size
    subst = {"n": str(n)}
    if any("{words}" in a for a in w.args):
        subst["words"] = str(words_file(n, opts.data_dir))
    if any("{npy}" in a for a in w.args):
        subst["npy"] = str(npy_file(n, opts.data_dir, opts.python))
    argv = [a.format(**subst) for a in w.args]
    results = []
    for threads in (opts.threads if w.threaded else [None]):
        label = w.name if threads is None else f"{w.name} t{threads}"
        sides = [pgs_side(opts.pgs, PROGRAMS / w.program, argv, threads)]
        sides += [peer_side(p, opts.python, PROGRAMS / (p.program or w.program), argv, threads)
                  for p in peers]
        results.append(measure(label, sides, opts.runs, opts.timeout,
                               expect=w.expect.get(n), workload=w.name, size=n,
                               threads=threads))
    return results


def measure_startup(opts) -> Measurement:
    code = "print(1)"
    sides = [Side("pgs", [opts.pgs, "-c", code], base_env()),
             Side("cpython", [opts.python, "-c", code], base_env())]
    return measure("startup", sides, opts.startup_runs, opts.timeout, expect="1")


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

def median(xs: List[float]) -> Optional[float]:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def ratio(a: Optional[float], b: Optional[float]) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def fmt_s(x: Optional[float]) -> str:
    if x is None:
        return "-"
    return f"{x:.4f}" if x < 10 else f"{x:.2f}"


def fmt_mib(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.1f}"


def stats(runs: List[Run]) -> Dict[str, Optional[float]]:
    return {"wall": median([r.wall for r in runs]),
            "sec": median([r.seconds for r in runs]),
            "cpu": median([r.cpu for r in runs]),
            "rss": max((r.rss_mib for r in runs), default=None)}


def status(m: Measurement, peer: str) -> str:
    failed = [s for s in ("pgs", peer) if s in m.failed]
    if failed:
        return "FAIL " + ",".join(failed)
    return "MISMATCH" if {"pgs", peer} & m.wrong else "ok"


WORKLOAD_HEADER = ["workload", "N", "thr", "peer",
                   "pgs wall s", "peer wall s", "wall pgs/peer",
                   "pgs sec", "peer sec", "sec pgs/peer",
                   "pgs CPU s", "peer CPU s", "pgs RSS MiB", "peer RSS MiB", "check"]


def workload_rows(ms: List[Measurement]) -> List[List[str]]:
    rows = []
    for m in ms:
        p = stats(m.runs.get("pgs", []))
        for peer in (s for s in m.runs if s != "pgs"):
            q = stats(m.runs[peer])
            rows.append([m.workload, str(m.size), str(m.threads or "-"), peer,
                         fmt_s(p["wall"]), fmt_s(q["wall"]), ratio(p["wall"], q["wall"]),
                         fmt_s(p["sec"]), fmt_s(q["sec"]), ratio(p["sec"], q["sec"]),
                         fmt_s(p["cpu"]), fmt_s(q["cpu"]),
                         fmt_mib(p["rss"]), fmt_mib(q["rss"]), status(m, peer)])
    return rows


SPEEDUP_HEADER = ["workload", "side", "threads", "wall s", "sec", "CPU s",
                  "speed-up wall", "speed-up sec"]


def speedup_rows(ms: List[Measurement]) -> List[List[str]]:
    """For threaded workloads: each side's time at K threads against its fewest-thread time."""
    rows = []
    by_workload: Dict[str, List[Measurement]] = {}
    for m in ms:
        if m.threads:
            by_workload.setdefault(m.workload, []).append(m)
    for name, group in by_workload.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda m: m.threads)
        for side in group[0].runs:
            base = stats(group[0].runs[side])
            for m in group:
                s = stats(m.runs.get(side, []))
                rows.append([name, side, str(m.threads), fmt_s(s["wall"]), fmt_s(s["sec"]),
                             fmt_s(s["cpu"]), ratio(base["wall"], s["wall"]),
                             ratio(base["sec"], s["sec"])])
    return rows


STARTUP_HEADER = ["command", "runs", "median ms", "min ms", "max ms", "peak RSS MiB"]


def startup_rows(m: Measurement) -> List[List[str]]:
    rows = []
    for side, runs in m.runs.items():
        walls = [r.wall * 1000 for r in runs]
        rows.append([f"{side} -c 'print(1)'", str(len(runs)),
                     f"{median(walls):.1f}" if walls else "-",
                     f"{min(walls):.1f}" if walls else "-",
                     f"{max(walls):.1f}" if walls else "-",
                     fmt_mib(stats(runs)["rss"])])
    return rows


def render(header: List[str], rows: List[List[str]], markdown: bool,
           text_cols=(0,)) -> str:
    """An aligned plain-text table, or a markdown one. Columns whose index is in
    text_cols are left-aligned, numbers right-aligned so their digits line up."""
    if markdown:
        align = ["---" if i in text_cols else "---:" for i in range(len(header))]
        lines = [header, align] + rows
        return "\n".join("| " + " | ".join(r) + " |" for r in lines)
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

    def fmt(row):
        return "  ".join(c.ljust(w) if i in text_cols else c.rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths))).rstrip()
    return "\n".join([fmt(header), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows])


def report(facts, ms: List[Measurement], startup: Optional[Measurement], notes: List[str],
           opts) -> str:
    md = opts.markdown
    out = [("## Machine" if md else "Machine")]
    out += [f"- {k}: {v}" if md else f"  {k:<26} {v}" for k, v in facts]
    out.append(f"{'- ' if md else '  '}runs: 1 warm-up + {opts.runs} counted per side, "
               f"alternating; medians; RSS is the peak over runs"
               + (" (--quick sizes)" if opts.quick else ""))
    if ms:
        out += ["", "## Workloads" if md else "Workloads (ratio < 1.0: pgs faster)"]
        out.append(render(WORKLOAD_HEADER, workload_rows(ms), md, text_cols=(0, 3, 14)))
        sp = speedup_rows(ms)
        if sp:
            out += ["", "## Thread speed-up" if md else
                    "Thread speed-up (time at fewest threads / time at K threads)"]
            out.append(render(SPEEDUP_HEADER, sp, md, text_cols=(0, 1)))
    if startup:
        out += ["", "## Start-up" if md else "Start-up (whole process)"]
        out.append(render(STARTUP_HEADER, startup_rows(startup), md))
        p, q = (stats(startup.runs.get(s, []))["wall"] for s in ("pgs", "cpython"))
        # The blank line in markdown ends the table (GFM would take the line as a row).
        out.append(f"{chr(10) if md else '  '}pgs/cpython start-up ratio: {ratio(p, q)}")
    problems = [p for m in ms + ([startup] if startup else []) for p in m.problems]
    if notes or problems:
        out += ["", "## Notes" if md else "Notes"]
        out += [f"- {n}" for n in notes]
        out += [f"- !! {_indent(p, '   ').lstrip()}" for p in problems]
    return "\n".join(out)


def to_json(facts, ms: List[Measurement], notes: List[str]) -> dict:
    return {"machine": dict(facts), "notes": notes,
            "measurements": [{"label": m.label, "workload": m.workload, "size": m.size,
                              "threads": m.threads, "problems": m.problems,
                              "runs": {side: [_run_json(r) for r in runs]
                                       for side, runs in m.runs.items()}}
                             for m in ms]}


def _run_json(r: Run) -> dict:
    return {"wall": r.wall, "cpu": r.cpu, "rss_mib": r.rss_mib, "seconds": r.seconds,
            "results": r.results}


def note(notes: List[str], msg: str) -> None:
    notes.append(msg)
    progress("NOTE: " + msg)


def progress(msg: str) -> None:
    # Progress goes to stderr so that stdout is just the report (pasteable).
    print(msg, file=sys.stderr, flush=True)


def loud(msg: str) -> None:
    bar = "!" * 72
    print(f"\n{bar}\n{msg}\n{bar}\n", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def default_python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else (shutil.which("python3") or "python3")


def parse_args(argv: List[str]):
    names = [w.name for w in WORKLOADS] + ["startup"]
    about = [f"{w.name} ({w.about})" for w in WORKLOADS] + ["startup (pgs -c 'print(1)')"]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="workloads: " + ", ".join(about))
    ap.add_argument("--only", help="comma-separated workload names (and/or 'startup')")
    ap.add_argument("--quick", action="store_true", help="smaller sizes")
    ap.add_argument("--runs", type=int, default=5, help="counted runs per side (default 5)")
    ap.add_argument("--startup-runs", type=int, default=30, help="runs per side for start-up")
    ap.add_argument("--pgs", default=str(REPO / "target" / "release" / "pgs"))
    ap.add_argument("--python", default=default_python(),
                    help="peer interpreter (default: .venv/bin/python in the repo, else python3)")
    ap.add_argument("--threads", default="1,2",
                    help="thread counts for the delayed workloads (default 1,2)")
    ap.add_argument("--markdown", action="store_true", help="markdown tables (docs/performance.md)")
    ap.add_argument("--json", type=Path, help="also write every run's numbers to this file")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a run is killed")
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "pgs-bench",
                    help="where generated inputs (word files) are cached")
    opts = ap.parse_args(argv)
    opts.selected = names if not opts.only else [s.strip() for s in opts.only.split(",") if s.strip()]
    unknown = [s for s in opts.selected if s not in names]
    if unknown:
        ap.error(f"unknown workload(s) {', '.join(unknown)}; known: {', '.join(names)}")
    try:
        opts.threads = sorted({int(t) for t in opts.threads.split(",")})
    except ValueError:
        ap.error("--threads takes comma-separated integers, e.g. 1,2")
    if opts.runs < 1 or opts.startup_runs < 1 or min(opts.threads) < 1:
        ap.error("--runs, --startup-runs and --threads must be >= 1")
    return opts


def resolve_python(python: str) -> str:
    """The interpreter's real executable, so that launcher shims (pyenv's
    `python3` is a bash script) are not timed as part of every peer run."""
    try:
        r = subprocess.run([python, "-c", "import sys; print(sys.executable)"],
                           capture_output=True, text=True, timeout=60)
    except OSError as e:
        print(f"cannot run --python {python}: {e}", file=sys.stderr)
        sys.exit(2)
    exe = r.stdout.strip()
    if r.returncode != 0 or not exe:
        print(f"--python {python} does not work: {r.stderr.strip()}", file=sys.stderr)
        sys.exit(2)
    return exe


def check_pgs(pgs: str) -> None:
    if not (os.path.isfile(pgs) and os.access(pgs, os.X_OK)):
        print(f"pgs binary not found (or not executable): {pgs}\n"
              f"Build it first:  cd {REPO} && cargo build --release\n"
              f"or point at one:  --pgs PATH", file=sys.stderr)
        sys.exit(2)


def main(argv: List[str]) -> int:
    # SIGTERM takes the Ctrl-C path, which kills the running child's group
    # (it is in a group of its own, so it would otherwise be orphaned).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    opts = parse_args(argv)
    check_pgs(opts.pgs)
    opts.python = resolve_python(opts.python)
    facts = machine_facts(opts.pgs, opts.python)
    for k, v in facts:
        progress(f"{k}: {v}")
    notes: List[str] = []
    load1 = os.getloadavg()[0]
    if load1 > 0.5:
        note(notes, f"the machine was busy at the start (load {load1:.2f} on "
                    f"{os.cpu_count()} CPUs): expect noisy figures; the ratios hold up best")
    ms: List[Measurement] = []
    for w in WORKLOADS:
        if w.name in opts.selected:
            ms += measure_workload(w, opts, notes)
    startup = measure_startup(opts) if "startup" in opts.selected else None
    print(report(facts, ms, startup, notes, opts))
    if opts.json:
        all_ms = ms + ([startup] if startup else [])
        opts.json.write_text(json.dumps(to_json(facts, all_ms, notes), indent=1))
    bad = any(m.problems for m in ms + ([startup] if startup else []))
    if bad:
        loud("benchmark FAILED: a run failed or results differ (see above); exit 1")
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
