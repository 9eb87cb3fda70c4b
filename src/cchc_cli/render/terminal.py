"""What every Rich renderer shares: turning renderables into the text the CLI writes.

Rich wraps long lines, and a wrapped line can start with what a value held after a space
(``… ::error::x``): :func:`capture` passes the result through :func:`cchc_cli.text.inert`, so no
line of a terminal report is a command to the CI runner whose log shows it.
"""

from __future__ import annotations

from rich.console import Console, RenderableType

from cchc_cli.text import inert


def capture(console: Console, *renderables: RenderableType) -> str:
    """The text ``renderables`` print as on ``console``, lines stripped of Rich's padding."""
    with console.capture() as captured:
        for item in renderables:
            console.print(item)
    # Rich pads every line to the table's width; trailing blanks only get in the way of diffs.
    return inert("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))
