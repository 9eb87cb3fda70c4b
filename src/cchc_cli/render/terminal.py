"""What every Rich renderer shares: turning renderables into the text the CLI writes."""

from __future__ import annotations

from rich.console import Console, RenderableType


def capture(console: Console, *renderables: RenderableType) -> str:
    """The text ``renderables`` print as on ``console``, lines stripped of Rich's padding."""
    with console.capture() as captured:
        for item in renderables:
            console.print(item)
    # Rich pads every line to the table's width; trailing blanks only get in the way of diffs.
    return "\n".join(line.rstrip(" ") for line in captured.get().split("\n"))
