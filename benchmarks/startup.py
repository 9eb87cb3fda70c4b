"""Start-up cost of cchc as whole processes, beside the mere import of its stack.

    python benchmarks/startup.py [--runs N]

Runs each command N times, interleaved so that machine noise falls on all of them alike, and
prints the median and the ratio to the floor (`python -c "import typer, pydantic, rich.console,
ruamel.yaml"`). The aims of issue 3: `cchc check` at most 1.3x the floor; `cchc --help` at most
1.2x the `--help` of a bare two-command Typer app. Uses the Python running this script, so run
it with the interpreter that has cchc installed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE_TYPER_APP = '''
import typer
app = typer.Typer()
@app.command()
def check(file: str) -> None:
    """Check a file."""
@app.command()
def init(agency: str) -> None:
    """Write a file."""
app()
'''

#: The same app with a command whose options mirror `cchc check` (a file argument and six
#: options), run rather than asked for help: Typer >= 0.29 coerces every parameter of an
#: invoked command through pydantic TypeAdapters, which no Typer command can avoid.
BARE_TYPER_CHECK = '''
from pathlib import Path
from typing import Optional
import typer
app = typer.Typer()
@app.command()
def check(file: Path, period: Optional[str] = None, as_of: Optional[str] = None, plan: Optional[Path] = None,
          lang: str = "vi", fmt: str = "text", fail_on: str = "error") -> None:
    """Check a file."""
@app.command()
def init(agency: str) -> None:
    """Write a file."""
app()
'''


def commands(example: Path, bare_app: Path, bare_check: Path) -> dict[str, list[str]]:
    py = sys.executable
    cchc = [py, "-m", "cchc_cli"]
    return {
        "floor: import typer, pydantic, rich.console, ruamel.yaml": [
            py, "-c", "import typer, pydantic, rich.console, ruamel.yaml"
        ],
        "bare two-command typer app: check FILE (a command run, no work)": [py, str(bare_check), "check", str(example)],
        f"cchc check {example.relative_to(ROOT)}": [*cchc, "check", str(example)],
        f"cchc check {example.relative_to(ROOT)} --format json": [*cchc, "check", str(example), "--format", "json"],
        "bare two-command typer app --help": [py, str(bare_app), "--help"],
        "cchc --help": [*cchc, "--help"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "so-tu-phap-FY.yaml")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    # pip compiles an installed package to bytecode; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would instead recompile cchc's sources on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_TYPER_APP)
        bare_check = Path(tmp) / "bare_check.py"
        bare_check.write_text(BARE_TYPER_CHECK)
        cmds = commands(args.example.resolve(), bare, bare_check)
        for cmd in cmds.values():  # warm the page cache and cchc's plan cache
            subprocess.run(cmd, capture_output=True, env=env, check=False)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, env=env, check=False)
                times[name].append(time.perf_counter() - start)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    names = list(cmds)
    floor, bare_help = med[names[0]], med[names[4]]
    print(f"{args.runs} runs each, median wall time, {sys.version.split()[0]} on {os.cpu_count()} cores")
    for name in names:
        base = bare_help if "help" in name else floor
        print(f"  {med[name] * 1000:7.1f} ms  {med[name] / base:5.2f}x  {name}")


if __name__ == "__main__":
    main()
