"""Source locations: the one place where parser positions become what people read.

ruamel.yaml counts lines and columns from 0; editors, compilers and CI annotations count from 1.
Every position that leaves the parser goes through :func:`from_zero_based`, so no other module
adds 1 itself. ``path`` is the file as given; a location *shown* (``str()``) is one line, its
path made visible (a file name may hold a line break or bytes that are not UTF-8).
"""

from __future__ import annotations

from typing import NamedTuple


class SourceLocation(NamedTuple):
    """A 1-based position in a file. ``line``/``column`` are None when only the file is known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        from cchc_cli.text import visible

        path = visible(self.path)
        if self.line is None:
            return path
        if self.column is None:
            return f"{path}:{self.line}"
        return f"{path}:{self.line}:{self.column}"


def from_zero_based(path: str, line: int | None, column: int | None) -> SourceLocation:
    """Build a location from ruamel.yaml's 0-based line and column."""
    return SourceLocation(
        path=path,
        line=None if line is None else line + 1,
        column=None if column is None or line is None else column + 1,
    )
