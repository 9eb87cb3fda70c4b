"""Time ``cchc summary`` as a whole process on the city's year and on a stress set, beside a peer.

    python benchmarks/summary_bench.py [--runs 3] [--big 10000] [--seed 2021] [--keep DIR]

Builds two sets of progress files with ``make_reports.py`` in a temporary directory: the city's
year (52 reporting units x 4 periods = 208 files) and a stress set of ``--big`` files (units and
periods repeat: duplicates by design, but every file is still read, parsed, validated and
judged). Then, for each set, it times as whole processes, interleaved, ``--runs`` times:

* ``cchc summary DIR --period FY --format json`` (falls back to ``cchc check DIR --format json``
  when this cchc has no ``summary`` command; the output says which was timed);
* the peer doing less work on the same files: ``check-jsonschema --schemafile SCHEMA FILE...``
  with the schema ``cchc schema progress`` prints (schema validation only: no plan, no rules, no
  report). The files are passed in as few invocations as the argument-length limit allows, and
  the invocations' times are summed.

It prints the median wall time of each, files per second, the ratio, and for cchc the peak RSS
and the CPU time (user + sys) of its process tree: ``os.wait4`` gives the child's resource usage,
which on Linux includes the worker processes it waited for (peak RSS is then that of the largest
single process, not a sum). Output goes to a file, as ``> out.json`` would. One untimed run of
each command on the city's year warms the page cache and cchc's plan cache first.

The aims of issue 5, on a 2-core machine: the city's year in under 1 s, 10,000 files in under
10 s, and faster than the peer on both. Uses the Python running this script: run it with the
interpreter that has cchc and check-jsonschema installed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_reports  # noqa: E402


class Run(NamedTuple):
    wall: float
    cpu: float  # user + sys of the process and the children it waited for
    maxrss_kib: int  # largest single process of the tree
    returncode: int


def tool(name: str) -> list[str] | None:
    """The console script beside this interpreter, else one on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def timed(cmd: list[str], out: Path, cwd: Path | None = None) -> Run:
    with out.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, cwd=cwd, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode)


def timed_chunks(cmds: list[list[str]], out: Path, cwd: Path) -> Run:
    runs = [timed(cmd, out, cwd) for cmd in cmds]
    return Run(sum(r.wall for r in runs), sum(r.cpu for r in runs), max(r.maxrss_kib for r in runs),
               max(r.returncode for r in runs))


def chunked(prefix: list[str], names: list[str]) -> list[list[str]]:
    """As few command lines as fit in half the system's argument limit (the environment shares it)."""
    limit = os.sysconf("SC_ARG_MAX") // 2 - sum(len(p) + 1 for p in prefix)
    chunks: list[list[str]] = [[]]
    size = 0
    for name in names:
        if chunks[-1] and size + len(name) + 1 > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(name)
        size += len(name) + 1
    return [[*prefix, *chunk] for chunk in chunks]


def median(runs: list[Run], field: str) -> float:
    return float(statistics.median(getattr(r, field) for r in runs))


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


ENV = {**os.environ, "NO_COLOR": "1", "CCHC_NO_CONFIG": "1"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # an editable checkout would recompile cchc on every run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", type=int, default=10_000, help="files in the stress set (0: skip it)")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--keep", type=Path, help="generate the sets here and keep them (default: a temporary directory)")
    parser.add_argument("--command", choices=("auto", "summary", "check"), default="auto",
                        help="what to time on the cchc side (auto: summary if this cchc has it)")
    args = parser.parse_args()

    cchc = tool("cchc") or [sys.executable, "-m", "cchc_cli"]
    peer = tool("check-jsonschema")
    if peer is None:
        sys.exit("check-jsonschema is not installed beside this Python nor on PATH (pip install check-jsonschema)")
    command = args.command
    if command == "auto":
        has_summary = subprocess.run([*cchc, "summary", "--help"], capture_output=True, env=ENV).returncode == 0
        command = "summary" if has_summary else "check"

    where = subprocess.run([sys.executable, "-c", "import cchc_cli; print(cchc_cli.__file__)"],
                           capture_output=True, text=True, env=ENV).stdout.strip()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        out = Path(tmp) / "out"
        schema = base / "progress.schema.json"
        schema.write_bytes(subprocess.run([*cchc, "schema", "progress"], capture_output=True, check=True, env=ENV).stdout)

        sets: list[tuple[str, Path, int]] = [("city's year", base / "year", 208)]
        if args.big:
            sets.append((f"stress {args.big:,}", base / f"big-{args.big}", args.big))
        for label, directory, n in sets:
            if directory.exists():
                shutil.rmtree(directory)
            stats = make_reports.generate(n, directory, seed=args.seed)
            print(f"{label}: {stats['files']} files, {stats['bytes'] / 1024:.0f} KiB "
                  f"({stats['invalid']} invalid, {stats['late']} late, {stats['duplicates']} duplicates) in {directory}")

        def cchc_cmd(directory: Path) -> list[str]:
            if command == "summary":
                return [*cchc, "summary", str(directory), "--period", "FY", "--format", "json"]
            return [*cchc, "check", str(directory), "--format", "json"]

        def peer_cmds(directory: Path) -> list[list[str]]:
            names = sorted(p.name for p in directory.glob("*.yaml"))
            return chunked([*peer, "--schemafile", str(schema)], names)

        # Warm the page cache, the interpreter's bytecode and cchc's plan cache.
        year = sets[0][1]
        timed(cchc_cmd(year), out)
        timed_chunks(peer_cmds(year), out, year)

        results: dict[str, tuple[list[Run], list[Run], int]] = {}
        for label, directory, n in sets:
            ours: list[Run] = []
            theirs: list[Run] = []
            pcmds = peer_cmds(directory)
            for _ in range(args.runs):
                ours.append(timed(cchc_cmd(directory), out))
                theirs.append(timed_chunks(pcmds, out, directory))
            results[label] = (ours, theirs, len(pcmds))

    timed_what = (f"cchc summary DIR --period FY --format json" if command == "summary"
                  else "cchc check DIR --format json (FALLBACK: this cchc has no 'summary' command)")
    print()
    print(f"{args.runs} runs each, median wall time; Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"{platform.machine()}, {commit()}")
    print(f"  cchc: {timed_what}  [cchc_cli from {Path(where).parent}]")
    load_after = os.getloadavg()
    print(f"  load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min); other work on the machine "
          "shows as wall time well above CPU / cores")
    print(f"  peer: check-jsonschema --schemafile progress.schema.json FILE...  (schema validation only)")
    for label, directory, n in sets:
        ours, theirs, invocations = results[label]
        c, p = median(ours, "wall"), median(theirs, "wall")
        print(f"\n  {label} ({n:,} files)")
        print(f"    cchc  {c:7.2f} s  {n / c:8.0f} files/s  CPU {median(ours, 'cpu'):6.2f} s  "
              f"peak RSS {max(r.maxrss_kib for r in ours) / 1024:6.1f} MiB  exit {sorted({r.returncode for r in ours})}")
        print(f"    peer  {p:7.2f} s  {n / p:8.0f} files/s  CPU {median(theirs, 'cpu'):6.2f} s  "
              f"peak RSS {max(r.maxrss_kib for r in theirs) / 1024:6.1f} MiB  exit {sorted({r.returncode for r in theirs})}"
              + (f"  ({invocations} invocations, times summed)" if invocations > 1 else ""))
        faster = p / c
        print(f"    ratio cchc/peer {c / p:.2f}  (cchc {'%.2fx faster' % faster if faster >= 1 else '%.2fx slower' % (1 / faster)})")
        aim = 1.0 if n <= 208 else 10.0 * n / 10_000
        print(f"    aims: under {aim:g} s: {verdict(c < aim)}; faster than the peer: {verdict(c < p)}")
        print(f"    all runs (s): cchc {' '.join(f'{r.wall:.2f}' for r in ours)}; peer {' '.join(f'{r.wall:.2f}' for r in theirs)}")


def commit() -> str:
    try:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
        return f"commit {sha}" + (" (src modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"


if __name__ == "__main__":
    main()
