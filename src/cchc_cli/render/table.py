"""The terminal report's layout without Rich's renderables: the same characters, a fraction of the time.

Rich lays out ``cchc check``'s tables through a general machinery (renderables measured, wrapped in
``Padding``, rendered to segments, split, cropped, padded, measured again); at city scale that was
7.7 ms a file, most of the text format's cost (issue 14). The report draws few shapes: tables with
the ``SIMPLE_HEAD`` box, a two-column grid, lines of text, lines indented under a finding. This
module lays out exactly those, step for step as Rich 13–15 does (column measurement, collapsing,
word wrap, ellipsis, padding, SGR codes per segment), so that the bytes are Rich's; a property
test compares the two on generated cells, and the CLI tests and goldens on whole reports.

What it does not model it refuses (:class:`Unsupported`) rather than approximates: a string Rich
would parse as markup or emoji, control characters, a line carrying its own style that would need
wrapping, a column too narrow for its padding, a console that is neither plain nor standard ANSI.
The caller then lets Rich draw that report, so no corner ever changes the bytes.

Only the primitives that decide widths and breaks come from Rich (``cells.cell_len``,
``cells.set_cell_size``, ``_wrap.divide_line``, ``_ratio.ratio_reduce``): they are small modules
that do not import Rich's console, and using them means the widths of wide and combining
characters are Rich's by construction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size


class Unsupported(Exception):
    """A shape this layout does not draw as Rich would: the caller falls back to Rich."""


class Line(NamedTuple):
    """One line of a cell, as a Rich ``Text`` holds it. ``whole``: the style is the text's own
    (``Text(s, style=…)``) and so also colours the padding Rich adds to justify it; otherwise it
    is a span over the characters only (``Text().append(s, style)``)."""

    text: str
    style: str = ""
    whole: bool = True


#: a cell: a plain string (what Rich would parse as markup; refused if it has any) or a Text's lines
Cell = str | tuple[Line, ...]


class Column(NamedTuple):
    header: str = ""
    no_wrap: bool = False
    max_width: int | None = None
    overflow: str = "ellipsis"  # Rich's Column default: a word longer than the column is cut with "…"
    style: str = ""


# -- styles -----------------------------------------------------------------------------------

# Rich's attribute order in an SGR sequence (bold, dim, italic, underline), then the colour.
_ATTRS = {"bold": 1, "dim": 2, "italic": 3, "underline": 4}
_COLOURS = {"black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35, "cyan": 36, "white": 37}


def _parse(style: str) -> tuple[frozenset[int], int | None]:
    attrs: set[int] = set()
    colour: int | None = None
    for word in style.split():
        if word in _ATTRS:
            attrs.add(_ATTRS[word])
        elif word in _COLOURS:
            colour = _COLOURS[word]
        elif word != "none":
            raise Unsupported(f"style {word!r}")
    return frozenset(attrs), colour


_SGR: dict[tuple[str, ...], str] = {}


def sgr(*styles: str) -> str:
    """The SGR parameters Rich writes for ``styles`` combined in order (later colours win)."""
    key = styles
    found = _SGR.get(key)
    if found is None:
        attrs: set[int] = set()
        colour: int | None = None
        for style in styles:
            a, c = _parse(style)
            attrs |= a
            colour = c if c is not None else colour
        codes = [str(a) for a in sorted(attrs)] + ([str(colour)] if colour is not None else [])
        found = _SGR[key] = ";".join(codes)
    return found


class Painter(NamedTuple):
    """How segments are written: ``colour`` False writes text only (Rich with no colour system)."""

    colour: bool

    def __call__(self, text: str, *styles: str) -> str:
        if not text or not self.colour:
            return text
        codes = sgr(*styles)
        return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


# -- text -------------------------------------------------------------------------------------

# What Rich's Text drops (control codes) or console.render_str would read as markup or emoji.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f]")
_TRAILING_BLANKS = re.compile(r"\s+$")


def plain_check(text: str, markup: bool) -> str:
    if _NOT_PLAIN.search(text) or (markup and ("[" in text or ":" in text)):
        raise Unsupported("markup or control characters")
    return text


def _cut(spans: list[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Text._trim_spans / right_crop: the spans of a text cut to ``length`` characters."""
    return [(start, min(end, length), style) for start, end, style in spans if start < length]


Segments = list[tuple[str, tuple[str, ...]]]


def styled_lines(
    runs: Sequence[tuple[str, str]], width: int, *, base: str = "", overflow: str = "fold",
    no_wrap: bool = False, pad: bool = False,
) -> list[Segments]:
    """One line of a Rich ``Text`` (``Text(style=base)`` then ``append(text, style)`` per run)
    wrapped to ``width`` as ``Text.wrap`` does (justify "left" when ``pad``, else "default"),
    each line as the segments ``Text.render`` makes: (text, styles to combine, in order)."""
    plain = "".join(text for text, _ in runs)
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for text, style in runs:
        if style and text:
            spans.append((offset, offset + len(text), style))
        offset += len(text)
    bounds = [0, len(plain)] if no_wrap else [0, *divide_line(plain, width, fold=overflow == "fold"), len(plain)]
    out = []
    for start, end in zip(bounds, bounds[1:]):
        line = plain[start:end]
        # Text.divide: each span's share of the line, when it has one
        mine = [(max(s, start) - start, min(e, end) - start, st) for s, e, st in spans if min(e, end) > max(s, start)]
        if not no_wrap and len(line) > width:  # Text.rstrip_end: blanks beyond the width, in characters
            blanks = _TRAILING_BLANKS.search(line)
            if blanks is not None:
                line = line[: len(line) - min(len(blanks.group()), len(line) - width)]
                mine = _cut(mine, len(line))
        for padding in (pad, False):  # Lines.justify, then Text.wrap's own truncate
            length = cell_len(line)
            if length > width:
                line = set_cell_size(line, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(line, width)
                mine = _cut(mine, len(line))
            if padding and length < width:
                line += " " * (width - length)
        # Text.render: a segment between each two span edges, styled by the spans over it
        edges = sorted({0, len(line), *(s for s, _, _ in mine), *(e for _, e, _ in mine)})
        segments: Segments = []
        for left, right in zip(edges, edges[1:]):
            styles = (base, *(st for s, e, st in mine if s <= left and right <= e))
            segments.append((line[left:right], styles))
        out.append(segments)
    return out


def _cell_lines(cell: Cell, width: int, column: Column, cell_style: str, paint: Painter) -> list[str]:
    """A cell's text laid out in ``width`` cells (padding excluded), painted: Text.wrap with
    justify left, then its segments as Console.render_lines styles them."""
    if isinstance(cell, str):
        cell = (Line(plain_check(cell, markup=True), "", True),)
    out: list[str] = []
    for line in cell:
        runs = [(plain_check(line.text, markup=False), "" if line.whole else line.style)]
        wrapped = styled_lines(runs, width, base=line.style if line.whole else "", overflow=column.overflow,
                               no_wrap=column.no_wrap, pad=True)
        out += ["".join(paint(text, cell_style, *styles) for text, styles in segments) for segments in wrapped]
    return out


def _normal(low: int, high: int) -> tuple[int, int]:
    """Measurement.normalize."""
    low = min(max(0, low), high)
    return max(0, low), max(0, low, high)


def _bounded(low: int, high: int, max_width: int) -> tuple[int, int]:
    """Measurement.get's treatment of what a renderable measures, in ``max_width`` cells."""
    if max_width < 1:
        return 0, 0
    low, high = _normal(low, high)
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    return _normal(low, high)


_MEASURED: dict[str, tuple[int, int]] = {}


def _measure(cell: Cell) -> tuple[int, int]:
    """Text.__rich_measure__: (longest word, longest line) in cells. Remembered: the plan's
    titles and the column headers come back in every file of a run."""
    text = cell if isinstance(cell, str) else "\n".join(line.text for line in cell)
    found = _MEASURED.get(text)
    if found is None:
        lines = text.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        words = text.split()
        found = (max((cell_len(w) for w in words), default=widest), widest)
        if len(_MEASURED) < 4096:  # bounded: a run of many files must not grow without end
            _MEASURED[text] = found
    return found


# -- tables -----------------------------------------------------------------------------------


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Table._collapse_widths."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, can in zip(widths, wrapable) if can)
            second = max(w if can and w != widest else 0 for w, can in zip(widths, wrapable))
            difference = widest - second
            ratios = [1 if (w == widest and can) else 0 for w, can in zip(widths, wrapable)]
            if not any(ratios) or not difference:
                break
            widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


class Table(NamedTuple):
    """A table as ``check_text`` draws it: ``Table(box=SIMPLE_HEAD, title_justify="left",
    title_style="bold")`` (``grid`` False) or ``Table.grid(padding=(0, 2))`` (``grid`` True)."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    title: str = ""
    grid: bool = False

    def pads(self, index: int) -> tuple[int, int]:
        last = index == len(self.columns) - 1
        if self.grid:  # padding (0, 2), collapse_padding, no pad_edge
            return 0, 0 if last else 2
        return 1, 1

    def _column_range(self, index: int, max_width: int) -> tuple[int, int]:
        """Table._measure_column: every cell measured inside its ``Padding`` (Measurement.get)."""
        if max_width < 1:
            return 0, 0
        left, right = self.pads(index)
        extra = left + right
        column = self.columns[index]
        cells: list[Cell] = [] if self.grid else [column.header]
        cells += [row[index] for row in self.rows]
        lows, highs = [], []
        for cell in cells:
            if max_width - extra < 1:
                low, high = max_width, max_width
            else:
                low, high = _bounded(*_measure(cell), max_width - extra)
                low, high = min(low + extra, max_width), min(high + extra, max_width)
            low, high = _bounded(low, high, max_width)
            lows.append(low)
            highs.append(high)
        low = max(lows) if lows else 1
        high = max(highs) if highs else max_width
        low, high = min(low, max_width), min(high, max_width)
        if column.max_width is not None:
            cap = column.max_width + extra
            low, high = min(low, cap), min(high, cap)
        return low, high

    def widths(self, max_width: int) -> list[int]:
        """Table._calculate_column_widths for a table that does not expand."""
        columns = range(len(self.columns))
        widths = [self._column_range(i, max_width)[1] or 1 for i in columns]
        if sum(widths) > max_width:
            widths = _collapse(widths, [not c.no_wrap for c in self.columns], max_width)
            if sum(widths) > max_width:
                widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
            widths = [self._column_range(i, w)[1] or 0 for i, w in zip(columns, widths)]
        return widths

    def draw(self, console_width: int, paint: Painter) -> list[str]:
        """The table's lines, as ``console.print(table)`` writes them (trailing blanks kept)."""
        edge = 0 if self.grid else 2 + len(self.columns) - 1
        widths = self.widths(console_width - edge)
        for i, width in enumerate(widths):
            left, right = self.pads(i)
            if width - left - right < 1:
                raise Unsupported("a column narrower than its padding")
        out: list[str] = []
        table_width = sum(widths) + edge
        if self.title:
            for segments in styled_lines([(plain_check(self.title, markup=True), "")], table_width, base="bold", pad=True):
                out.append("".join(paint(part, *styles) for part, styles in segments))
        if not self.grid:
            out.append(" " * table_width)  # SIMPLE_HEAD's top edge: blanks
            out += self._row([c.header for c in self.columns], widths, header=True, paint=paint)
            out.append(" " + "─" * (table_width - 2) + " ")
        for row in self.rows:
            out += self._row(row, widths, header=False, paint=paint)
        if not self.grid:
            out.append(" " * table_width)
        return out

    def _row(self, row: Sequence[Cell], widths: list[int], *, header: bool, paint: Painter) -> list[str]:
        rendered: list[list[str]] = []
        blanks: list[str] = []
        for i, (cell, width) in enumerate(zip(row, widths)):
            column = self.columns[i]
            left, right = self.pads(i)
            style = "bold" if header else column.style
            inner = _cell_lines(cell, width - left - right, column, style, paint)
            lpad, rpad = paint(" " * left, style), paint(" " * right, style)
            rendered.append([lpad + line + rpad for line in inner])
            blanks.append(paint(" " * width, style))
        height = max(len(lines) for lines in rendered)
        for i, lines in enumerate(rendered):
            missing = [blanks[i]] * (height - len(lines))
            # header cells sit on the bottom of their row, body cells on its top
            rendered[i] = missing + lines if header else lines + missing
        divider, side = ("", "") if self.grid else (" ", " ")
        return [side + divider.join(cells[n] for cells in rendered) + side for n in range(height)]


def paragraph(lines: Sequence[tuple[str, str]], width: int, paint: Painter, indent: int = 0) -> list[str]:
    """Lines of text printed at the top level (``console.print(Text(…))``), or inside
    ``Padding(…, (0, 0, 0, indent))``: wrapped, not padded; each (text, whole-line style)."""
    out: list[str] = []
    for text, style in lines:
        for segments in styled_lines([(plain_check(text, markup=False), "")], width - indent, base=style):
            out.append(" " * indent + "".join(paint(part, *styles) for part, styles in segments))
    return out


def runs(parts: Sequence[tuple[str, str]], width: int, paint: Painter) -> list[str]:
    """A line of several spans (``Text().append(text, style)`` each), printed at the top level."""
    checked = [(plain_check(text, markup=False), style) for text, style in parts]
    return ["".join(paint(part, *styles) for part, styles in segments) for segments in styled_lines(checked, width)]
