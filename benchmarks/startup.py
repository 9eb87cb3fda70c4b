"""Start-up cost of cchc as whole processes, beside a bare Typer app on the same Typer.

    python benchmarks/startup.py [--runs N]

Runs every command N times, interleaved (one run of each in turn, so that the machine's drift
falls on all alike), and prints each median with its ratio to its yardstick, the bare two-command
Typer app of benchmarks/bare_typer.py on the Typer installed beside cchc:

    cchc check FILE -f json   vs  bare check FILE      (issue 14: <= 1.15x)
    cchc check FILE           vs  bare check FILE      (<= 1.25x)
    cchc --help               vs  bare --help          (<= 1.1x)
    cchc plan tasks           vs  bare check FILE      (<= 1.3x)

and the import floor beside them (``python -c pass``, ``python -c "import typer"``). Each line gives
the median wall time and, beside it, the median CPU time of the process (user + system, from
``getrusage``): on a busy machine (CI runners, shared hosts) wall time grows with the load while
CPU time stays close to what the process itself costs, so the CPU ratios are the steadier. Uses the
Python running this script and its ``cchc`` console script, so run it with the interpreter that
has cchc installed. Bytecode is written as an installed package's is (PYTHONDONTWRITEBYTECODE is
dropped), colour is off, the working directory is a fresh empty one (no settings file to find).
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = ROOT / "benchmarks" / "bare_typer.py"

#: name -> (command, the name of its yardstick or None, the issue's bound or None)
Case = tuple[list[str], str | None, float | None]


def cases(example: Path, command: str | None) -> dict[str, Case]:
    py = sys.executable
    found = shutil.which("cchc", path=str(Path(py).parent))
    cchc = shlex.split(command) if command else [found] if found else [py, "-m", "cchc_cli"]
    bare = [py, str(BARE)]
    return {
        "python -c pass": ([py, "-c", "pass"], None, None),
        "python -c 'import typer'": ([py, "-c", "import typer"], None, None),
        "bare --help": ([*bare, "--help"], None, None),
        "bare check FILE": ([*bare, "check", str(example), "-f", "json"], None, None),
        "cchc --help": ([*cchc, "--help"], "bare --help", 1.1),
        "cchc check FILE -f json": ([*cchc, "check", str(example), "-f", "json"], "bare check FILE", 1.15),
        "cchc check FILE": ([*cchc, "check", str(example)], "bare check FILE", 1.25),
        "cchc plan tasks": ([*cchc, "plan", "tasks"], "bare check FILE", 1.3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "so-tu-phap-FY.yaml")
    parser.add_argument("--cchc", help="how to start cchc (default: the console script beside this Python); "
                        "e.g. 'python -m cchc_cli' with PYTHONPATH set to another checkout's src, to compare")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    # pip compiles an installed package to bytecode; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would instead recompile cchc's sources on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    todo = cases(args.example.resolve(), args.cchc)
    with tempfile.TemporaryDirectory() as cwd:
        def once(cmd: list[str]) -> tuple[float, float]:
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=env, cwd=cwd, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return wall, after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime

        for cmd, _, _ in todo.values():  # warm the page cache, the bytecode and cchc's plan cache
            once(cmd)
        times: dict[str, list[float]] = {name: [] for name in todo}
        cpu: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(args.runs):
            for name, (cmd, _, _) in todo.items():
                wall, used = once(cmd)
                times[name].append(wall)
                cpu[name].append(used)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    cmed = {name: statistics.median(ts) for name, ts in cpu.items()}
    import typer

    print(f"{args.runs} interleaved runs each, median wall time and CPU time; Python {sys.version.split()[0]}, "
          f"Typer {typer.__version__}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"  {'wall':>7}     {'':28} {'ratio':>5}   {'cpu':>7}     {'ratio':>5}")
    for name, (_, base, bound) in todo.items():
        ratio = f"{med[name] / med[base]:5.2f}x" if base else " " * 6
        cratio = f"{cmed[name] / cmed[base]:5.2f}x {base}" if base else ""
        aim = f"  (aim <= {bound}x)" if bound else ""
        print(f"  {med[name] * 1000:7.1f} ms  {name:28} {ratio}  {cmed[name] * 1000:7.1f} ms  {cratio}{aim}")


if __name__ == "__main__":
    main()
