"""What every Rich renderer shares: turning renderables into the text the CLI writes, and the
terminal they are drawn for.

Rich wraps long lines, and a wrapped line can start with what a value held after a space
(``… ::error::x``): :func:`capture` passes the result through :func:`cchc_cli.text.inert`, so no
line of a terminal report is a command to the CI runner whose log shows it.

:class:`Screen` is standard output as the text report's own layout (:mod:`cchc_cli.render.table`)
reads it: width, colour system, encoding, ``no_color``. Creating a Rich console costs ~20 ms
(``rich.console`` imported, its theme parsed) and the layout reads only those four values, so a
screen works them out as Rich would from the same arguments and makes the console itself only when
something must be drawn by Rich (the layout's fallback, ``--export``). Rich is imported lazily here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from cchc_cli.text import inert

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class Screen:
    """Standard output as a Rich console would see it, with ``colour`` and ``width`` decided by the
    CLI (:func:`cchc_cli.commands.base.new_screen`); :attr:`console` is that console, made on first use.

    ``width``, ``color_system``, ``no_color``, ``encoding`` and ``legacy_windows`` are what the
    console would say: :meth:`rich.console.Console.__init__`'s reading of the environment
    (``TERM``, ``COLORTERM``, ``LINES``) is repeated here for a POSIX process; on Windows or
    under Jupyter, where Rich asks the system more, they are read from the console itself.
    ``tests/test_text_layout.py`` compares the two over the environments that change them.
    """

    def __init__(self, *, colour: bool, width: int, environ: Mapping[str, str] | None = None) -> None:
        self.colour = colour
        self._width = width
        #: what Rich reads the environment from: os.environ itself unless a test gives another
        self._given = environ
        self._environ: Mapping[str, str] = os.environ if environ is None else environ
        term = self._environ.get("TERM", "")
        # As new_console always did: "always" means colour in a dumb terminal too (Rich would drop it).
        self._system_asked = "standard" if colour and term in ("dumb", "unknown") else "auto"
        import builtins

        self._exact = sys.platform != "win32" and not hasattr(builtins, "get_ipython")

    @cached_property
    def console(self) -> Console:
        import io

        from rich.console import Console

        # Renderers only capture text: the console writes into a buffer of its own, never to stdout.
        extra = {} if self._given is None else {"_environ": self._given}
        return Console(
            file=io.StringIO(),
            force_terminal=self.colour,
            no_color=not self.colour,
            color_system=self._system_asked,  # type: ignore[arg-type]
            width=self._width,
            soft_wrap=False,
            highlight=False,
            **extra,  # type: ignore[arg-type]
        )

    @property
    def _dumb(self) -> bool:
        # Rich: a terminal (here: forced so when coloured) whose TERM is dumb or unknown, in any case.
        return self.colour and self._environ.get("TERM", "").lower() in ("dumb", "unknown")

    @property
    def color_system(self) -> str | None:
        if not self._exact:
            return self.console.color_system
        if self._system_asked == "standard":
            return "standard"
        if not self.colour or self._dumb:
            return None
        if self._environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
            return "truecolor"
        colours = self._environ.get("TERM", "").strip().lower().rpartition("-")[2]
        return {"kitty": "256", "256color": "256", "16color": "standard"}.get(colours, "standard")

    @property
    def width(self) -> int:
        if not self._exact:
            return self.console.width
        lines = self._environ.get("LINES")
        # Rich keeps the width given only when it also has a height; else a dumb terminal is 80 wide.
        if lines is not None and lines.isdigit():
            return self._width
        return 80 if self._dumb else self._width

    @property
    def no_color(self) -> bool:
        return not self.colour

    @property
    def encoding(self) -> str:
        return self.console.encoding if not self._exact else "utf-8"  # a StringIO has no encoding of its own

    @property
    def legacy_windows(self) -> bool:
        return self.console.legacy_windows if not self._exact else False


def rich_console(console: Console | Screen) -> Console:
    """The Rich console itself, made now if ``console`` is a :class:`Screen` that has none yet."""
    return console.console if isinstance(console, Screen) else console


def capture(console: Console | Screen, *renderables: RenderableType) -> str:
    """The text ``renderables`` print as on ``console``, lines stripped of Rich's padding."""
    console = rich_console(console)
    with console.capture() as captured:
        for item in renderables:
            console.print(item)
    # Rich pads every line to the table's width; trailing blanks only get in the way of diffs.
    return inert("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))
