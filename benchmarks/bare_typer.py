"""The yardstick for cchc's start-up: a bare two-command Typer app, on the Typer installed beside cchc.

    python benchmarks/bare_typer.py --help
    python benchmarks/bare_typer.py check FILE      # a command run that does no work

``check`` takes what ``cchc check FILE`` takes on the command line most often (a file argument and
the options a CI job gives), so the app pays what Typer charges for turning a command line into a
call: building the Click command, parsing, and (Typer >= 0.29) coercing each parameter through
pydantic. What cchc adds beyond this is its own cost. See benchmarks/startup.py.
"""

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer()


@app.command()
def check(
    file: Path,
    period: Optional[str] = None,  # noqa: UP045 - the spelling Typer has read since its first version
    as_of: Optional[str] = None,  # noqa: UP045
    plan: Optional[Path] = None,  # noqa: UP045
    lang: str = "vi",
    fmt: str = typer.Option("text", "--format", "-f"),
    fail_on: str = "error",
) -> None:
    """Check a file (does nothing)."""


@app.command()
def init(agency: str) -> None:
    """Write a file (does nothing)."""


if __name__ == "__main__":
    app()
