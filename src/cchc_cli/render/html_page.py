"""The printable HTML page that ``cchc report --export x.html`` and ``cchc summary --export x.html``
write: one standalone file that opens in a browser, copies into Word and prints on A4 portrait.

This module owns the page, not its content: the document shell (``<!doctype html>``, ``lang``,
``<meta charset>``, ``<title>``), the one inline style sheet, and the two things every value goes
through — :func:`esc` and :func:`table`. The reports' own layouts are in
:mod:`cchc_cli.render.check_html` and :mod:`cchc_cli.render.summary_html`.

Why it looks the way it does:

* Nothing is fetched. Officers open these files offline and attach them to official letters; a
  page that asks a CDN for a font leaks that it was opened, and prints in a fallback font anyway
  when the network is down. The font stack names fonts that ship with the systems officers use and
  cover Vietnamese (Noto Sans and DejaVu Sans on Linux, Segoe UI and Arial on Windows, Helvetica
  on macOS). No ``<link>``, no ``@import``, no ``url()``, no script.
* Real tables with ``<thead>``: a browser repeats a ``table-header-group`` at the top of every
  printed page, and Word keeps a pasted table a table.
* ``table-layout: fixed; width: 100%`` with ``<col>`` widths: a table is as wide as the page,
  whatever a cell holds, and long words (paths, ids) break rather than push the page sideways.
* A number never breaks inside ("1.724.199/1.736." then "077" reads as two numbers): in every
  table cell, :func:`keep_numbers` puts each number, rate and date in a ``nowrap`` span, and a
  count pair may break only after its ``/``. An id (``quarterly_inspection_reports``) may break
  after ``_``, ``.`` or ``:`` only; columns that hold ids are wide enough for the plan's longest
  word, so ``break-word`` is left only for a file's own id longer than any column.
* Every value from input (names, paths, messages, the plan's text) is escaped with
  ``html.escape(quote=True)`` after :func:`cchc_cli.text.visible` made it one line with every
  character shown; ``[`` is written ``&#91;`` so that ``##[`` never reaches a CI log that prints
  the file; and no value becomes a link. Every line of markup starts with a tag, so no value can
  open a line, and the page still goes through :func:`cchc_cli.text.inert`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from cchc_cli.text import inert, visible

#: fonts installed with the systems officers use that cover Vietnamese, ending with the generic
#: family; none is fetched
FONTS = '"Noto Sans", "DejaVu Sans", "Segoe UI", Arial, "Liberation Sans", Helvetica, sans-serif'

STYLE = f"""
html {{ font-family: {FONTS}; font-size: 11pt; line-height: 1.35; color: #111; background: #fff; }}
body {{ margin: 1.2rem auto; max-width: 62rem; padding: 0 1rem; }}
h1 {{ font-size: 1.45em; margin: 0 0 .5rem; }}
h2 {{ font-size: 1.15em; margin: 1.3rem 0 .35rem; break-after: avoid; page-break-after: avoid; }}
p {{ margin: .35rem 0; overflow-wrap: anywhere; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; margin: .3rem 0 .9rem; }}
th, td {{ border: 1px solid #b8b8b8; padding: .2em .35em; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }}
thead th {{ background: #ececec; font-weight: bold; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.nb {{ white-space: nowrap; }}
.meta th {{ background: #f6f6f6; width: 22%; }}
.bad {{ color: #a40000; font-weight: bold; }}
.soso {{ color: #7a5200; font-weight: bold; }}
.good {{ color: #1d6b1d; }}
.muted {{ color: #555; }}
.small {{ font-size: .9em; }}
@page {{ size: A4 portrait; margin: 14mm 12mm 14mm 12mm; }}
@media print {{
  html {{ font-size: 9pt; }}
  body {{ margin: 0; max-width: none; padding: 0; }}
  thead {{ display: table-header-group; }}
  tr, td, th {{ break-inside: avoid; page-break-inside: avoid; }}
  .bad, .soso, .good, .muted {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
}}
""".strip()


def esc(value: object) -> str:
    """``value`` as HTML text: one line, every character shown, markup and ``##[`` inert."""
    return html.escape(visible(str(value)), quote=True).replace("[", "&#91;")


def esc_id(value: object) -> str:
    """An id (``monthly_task_reports``, ``II.4``, ``duty:iso_9001``) escaped, allowed to break
    after each ``_``, ``.`` or ``:`` rather than inside a word in a narrow column."""
    return re.sub(r"([_.:])(?=[^_.:])", r"\1<wbr>", esc(value))


#: in escaped markup: a tag or an entity (left alone), else a date (30/06/2021) or a number with
#: its sign, grouping, decimal comma or point and percent sign ("-0,05", "1.724.199", "98,95%"),
#: not the digits of a word or an id (CCHC101, II.4)
_NUMBER = re.compile(r"(<[^>]*>|&#?\w+;)|(?<![\w.])(\d{1,2}/\d{1,2}/\d{4}|[-+−]?\d(?:[\d.,]*\d)?%?)")


def keep_numbers(markup: str) -> str:
    """``markup`` with every number (and date) in a span that does not wrap; a break is allowed
    after the ``/`` of a count pair ("612.000.000/" then "612.500.000") and nowhere inside a number."""

    def span(m: re.Match[str]) -> str:
        return m.group(1) or f'<span class="nb">{m.group(2)}</span>'

    marked = _NUMBER.sub(span, markup)
    return marked.replace('</span>/<span class="nb">', '</span>/<wbr><span class="nb">')


class Column(NamedTuple):
    label: str  # one of our labels (escaped all the same)
    width: int  # percent of the table's width
    numeric: bool = False  # right-aligned figures


class Cell(NamedTuple):
    """A cell whose markup the caller built from escaped parts (a verdict's class, a line break)."""

    markup: str
    css: str = ""


def raw(markup: str, css: str = "") -> Cell:
    return Cell(markup, css)


def table(columns: Sequence[Column], rows: Iterable[Sequence[object]], css: str = "") -> list[str]:
    """A table as lines of markup: ``<colgroup>`` widths, one ``<thead>`` row, then the rows.

    A plain value is escaped by :func:`esc`; a :class:`Cell` is inserted as built.
    """
    lines = [f'<table class="{css}">' if css else "<table>", "<colgroup>"]
    lines += [f'<col style="width: {c.width}%">' for c in columns]
    lines += ["</colgroup>", "<thead>", "<tr>"]
    numeric = ' class="num"'
    lines += [f'<th{numeric if c.numeric else ""} scope="col">{esc(c.label)}</th>' for c in columns]
    lines += ["</tr>", "</thead>", "<tbody>"]
    for row in rows:
        lines.append("<tr>")
        for column, value in zip(columns, row, strict=True):
            classes = " ".join(x for x in ("num" if column.numeric else "", value.css if isinstance(value, Cell) else "") if x)
            attribute = f' class="{classes}"' if classes else ""
            lines.append(f"<td{attribute}>{keep_numbers(value.markup if isinstance(value, Cell) else esc(value))}</td>")
        lines.append("</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def page(lang: str, title: str, body: Sequence[str]) -> str:
    """The standalone document: ``body`` is lines of markup, each starting with a tag."""
    code = "en" if lang == "en" else "vi"  # the attribute only ever holds one of our two languages
    lines = [
        "<!doctype html>",
        f'<html lang="{code}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        "<style>",
        STYLE,
        "</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return inert("\n".join(lines) + "\n")
