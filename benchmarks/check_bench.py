"""Time ``cchc check DIR`` beside ``cchc summary DIR`` on the same files, as whole processes.

    python benchmarks/check_bench.py [--files 10000] [--runs 3] [--formats json,text] [--keep DIR]

Builds ``--files`` progress files with ``make_reports.py`` (the stress set of ``summary_bench.py``:
units and periods repeat, a share invalid, a share late), then times, interleaved, ``--runs`` times:

* ``cchc summary DIR --period FY --format json`` (the yardstick: judging every file in the pool);
* ``cchc check DIR --format F`` for each format F.

For each it prints the median wall time, the CPU time (user + sys of the process tree) and the
peak RSS of the largest single process (``os.wait4``, as ``summary_bench.py``), then each check's
ratio to summary (issue 14's aim: within 1.3x, peak RSS under 150 MB at 10,000 files) and, for a
format other than json, its cost per file beyond json's ((F - json) / files: the text layout's
share; aim 3 ms). Output goes to a file, as ``> out`` would. One untimed run of each warms the
page cache and cchc's plan cache. Use the interpreter that has cchc installed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_reports  # noqa: E402
from summary_bench import ENV, Run, commit, median, timed, tool  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="json,text")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--keep", type=Path, help="generate the files here and keep them (default: a temporary directory)")
    args = parser.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    cchc = tool("cchc") or [sys.executable, "-m", "cchc_cli"]
    with tempfile.TemporaryDirectory(prefix="cchc-check-bench-") as tmp:
        directory = args.keep or Path(tmp) / "reports"
        if directory.exists():
            shutil.rmtree(directory)
        stats = make_reports.generate(args.files, directory, seed=args.seed)
        print(f"{stats['files']} files, {stats['bytes'] / 1024:.0f} KiB ({stats['invalid']} invalid, "
              f"{stats['late']} late, {stats['duplicates']} duplicates)")
        out = Path(tmp) / "out"
        commands = {"summary": [*cchc, "summary", str(directory), "--period", "FY", "--format", "json"]}
        commands.update({f"check {f}": [*cchc, "check", str(directory), "--format", f] for f in formats})
        for cmd in commands.values():  # warm-up, not counted
            timed(cmd, out)
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                runs[name].append(timed(cmd, out))

    n = args.files
    print(f"\n{args.runs} runs each, interleaved, medians; Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"{platform.machine()}, {commit()}; load average now {os.getloadavg()[0]:.2f}")
    base = median(runs["summary"], "wall")
    for name, rs in runs.items():
        wall = median(rs, "wall")
        line = (f"  {name:<14} {wall:7.2f} s  CPU {median(rs, 'cpu'):6.2f} s  "
                f"peak RSS {max(r.maxrss_kib for r in rs) / 1024:6.1f} MiB  exit {sorted({r.returncode for r in rs})}")
        if name != "summary":
            line += f"  x{wall / base:.2f} of summary"
        if name.startswith("check ") and name != "check json" and "check json" in runs:
            beyond = (wall - median(runs["check json"], "wall")) / n * 1000
            line += f"  {beyond:.1f} ms a file beyond json"
        print(line)


if __name__ == "__main__":
    main()
