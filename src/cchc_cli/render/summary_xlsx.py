"""``cchc summary --format xlsx=FILE``: the city roll-up as an Excel workbook, one sheet per view.

The Department of Home Affairs compiles the city's report in Excel; this is the file it opens. Every
number is a number cell (counts as integers, rates with a percent format, scores as numbers, dates
as date cells shown dd/mm/yyyy), so a column can be sorted, summed and charted in Excel or
LibreOffice, in Vietnamese or English, without converting text. Headers are in the report's
language; each table sheet has its header row frozen, a filter on it, and columns as wide as what
they hold (the cover is a list of items, with no filter).

A rate cell holds the rate every other output shows: the exact fraction truncated to hundredths of
a percent (:func:`cchc_cli.numbers.truncated`, computed on the fraction, never on a float), with the
format ``0.00%``. 98.9565…% is stored as 0.9895 and shows as 98.95%, as in the text, Markdown and
HTML. The cell holds the double nearest that figure and shows it as exactly that figure: never
above the exact rate, and nothing left for Excel to round up on screen. The exact rate is not lost: its numerator and denominator are the
count cells beside it (and the cover says so). A gap is truncated the same way (floor, as
:func:`cchc_cli.numbers.points`: a shortfall never reads as 0); a threshold is the plan's own
figure, with the decimals it has.

Every text cell is written with ``write_string`` (and the workbook refuses to read strings as
formulas, numbers or links besides): a file name or a message that starts with ``=`` is text, never
a formula. Text from input goes through :func:`cchc_cli.text.visible`, as in every format.

XlsxWriter writes the workbook (write-only, conditional formats, no clock once the created date
is fixed); it is imported only when a workbook is asked for.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, time
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cchc_cli.i18n import t
from cchc_cli.models.summary import STATUSES, CityReport, CityTarget, TargetCell, UnitResult
from cchc_cli.numbers import truncated
from cchc_cli.text import visible

if TYPE_CHECKING:
    from cchc_cli.models.report import AgencyRef

#: the decimals of a rate cell's percent format: the value is truncated to hundredths of a percent,
#: so two decimals show it exactly (Excel rounds only what it shows, and here nothing is left over)
RATE_DECIMALS = 2
#: the most decimals a threshold is shown with: the plan writes a percent such as 99 or 99.5
MAX_THRESHOLD_DECIMALS = 10
#: Excel's limit on a cell's text
CELL_LIMIT = 32767
#: the widest a column is made; longer text (a problem's message) is still all there
MAX_WIDTH = 80

_MARK = {"met": "✓", "missed": "✗", "no_data": "·", "not_reported": "?", "invalid": "!"}


def threshold_decimals(threshold: Fraction) -> int:
    """The decimals a threshold's percent cell needs to show the plan's figure as written (at least 2).

    The plan gives a threshold as a decimal percent (99, 99.5), so a few places show it exactly;
    it is not truncated, since a threshold shown lower than it is would make a missed rate look met.
    """
    for decimals in range(RATE_DECIMALS, MAX_THRESHOLD_DECIMALS + 1):
        if (threshold * 100 * 10**decimals).denominator == 1:
            return decimals
    return MAX_THRESHOLD_DECIMALS


def _percent_format(decimals: int) -> str:
    return "0." + "0" * decimals + "%"


def _mark(verdict: str, lang: str) -> str:
    """A verdict as a text mark ("✓ đạt"): it reads the same without colour, and filters."""
    word = t(f"verdict.{verdict}", lang)
    return f"{_MARK[verdict]} {word}" if verdict in _MARK else word


def _text(value: str) -> str:
    """Input text as a cell holds it: one line, every character shown, within Excel's limit."""
    shown = visible(value)
    return shown if len(shown) <= CELL_LIMIT else shown[: CELL_LIMIT - 1] + "…"


def _width(text: str) -> int:
    """Columns ``text`` takes: a Vietnamese letter is one whether its marks are composed (NFC) or
    not (NFD, as a file name from macOS is), a wide letter two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text
    )


class _Sheet:
    """A worksheet written cell by cell with a type each, keeping how wide each column must be."""

    def __init__(self, book: _Book, name: str, header_rows: int = 1) -> None:
        self.book = book
        self.ws: Any = book.wb.add_worksheet(name)
        self.widths: dict[int, int] = {}
        self.header_rows = header_rows

    def _fit(self, col: int, width: int) -> None:
        self.widths[col] = max(self.widths.get(col, 0), min(width, MAX_WIDTH))

    def text(self, row: int, col: int, value: str | None, fmt: Any = None) -> None:
        if value is None or value == "":
            self.ws.write_blank(row, col, None, fmt)
            return
        shown = _text(value)
        self.ws.write_string(row, col, shown, fmt)  # never write(): "=…" stays text
        self._fit(col, _width(shown))

    def number(self, row: int, col: int, value: int | None, fmt: Any = None) -> None:
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        self.ws.write_number(row, col, value, fmt)
        self._fit(col, len(f"{value:,}"))

    def rate(self, row: int, col: int, value: Fraction | None) -> None:
        """A rate (or gap) as every output shows it: truncated to 0.01%, formatted 0.00% (see module doc)."""
        if value is None:
            self.ws.write_blank(row, col, None)
            return
        shown = truncated(value)
        self.ws.write_number(row, col, float(shown), self.book.percent(RATE_DECIMALS))
        self._fit(col, len(str(abs(math.trunc(shown * 100)))) + RATE_DECIMALS + 3)

    def threshold(self, row: int, col: int, value: Fraction) -> None:
        """A target's threshold as the plan writes it, with the decimals it has."""
        decimals = threshold_decimals(value)
        self.ws.write_number(row, col, float(value), self.book.percent(decimals))
        self._fit(col, len(str(math.floor(value * 100))) + decimals + 3)

    def score(self, row: int, col: int, value: Fraction | None) -> None:
        """A score from 0 to 100: the exact value as a number, shown with two decimals."""
        if value is None:
            self.ws.write_blank(row, col, None)
            return
        self.ws.write_number(row, col, float(value), self.book.score)
        self._fit(col, 6)

    def day(self, row: int, col: int, value: date | None) -> None:
        if value is None:
            self.ws.write_blank(row, col, None)
            return
        self.ws.write_datetime(row, col, value, self.book.date)
        self._fit(col, 10)

    def header(self, row: int, labels: Sequence[str], first_col: int = 0) -> None:
        for i, label in enumerate(labels):
            self.text(row, first_col + i, label, self.book.bold)

    def finish(self, last_row: int, last_col: int, *, table: bool = True) -> None:
        """Widths that fit, the header frozen, and on a table a filter over it (header row to last row).

        The cover is a list of items, not a table: filtering or sorting it would only scramble it.
        """
        for col, width in self.widths.items():
            self.ws.set_column(col, col, width + 2)
        self.ws.freeze_panes(self.header_rows, 0)
        if table:
            self.ws.autofilter(self.header_rows - 1, 0, max(last_row, self.header_rows - 1), last_col)


class _Book:
    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.bold = wb.add_format({"bold": True, "text_wrap": False, "valign": "top"})
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.date = wb.add_format({"num_format": "dd/mm/yyyy"})
        self.score = wb.add_format({"num_format": "0.00"})
        self.met = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
        self.missed = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self._percent: dict[int, Any] = {}

    def percent(self, decimals: int) -> Any:
        if decimals not in self._percent:
            self._percent[decimals] = self.wb.add_format({"num_format": _percent_format(decimals)})
        return self._percent[decimals]


def _agency_cells(agency: AgencyRef | None, lang: str) -> tuple[str, str, str]:
    if agency is None:
        return "", "", ""
    name = agency.name  # the official name in either language, as every format shows it
    try:
        kind = t(f"agency_kind.{agency.kind}", lang)
    except KeyError:  # a kind a later plan adds: its id, rather than nothing
        kind = agency.kind
    return agency.id, name, kind


def _status_word(status: str, lang: str) -> str:
    return t(f"xlsx.status.{status}", lang)


def _problem(result: UnitResult | None, lang: str) -> tuple[str, str]:
    if result is None or result.problem is None:
        return "", ""
    location, message = result.problem
    return (str(location) if location else result.path), message.get(lang)


def _cover(book: _Book, city: CityReport, lang: str) -> None:
    from cchc_cli import __version__

    sheet = _Sheet(book, t("xlsx.sheet.cover", lang), header_rows=3)  # the title, a blank row, the header
    sheet.text(0, 0, t("summary.title", lang), book.title)
    sheet.widths[0] = 0  # the title spans the columns; the labels set the first one's width
    row = 2
    sheet.header(row, [t("xlsx.item", lang), t("config.value", lang)])
    counts = {s: sum(u.status == s for u in city.units) for s in STATUSES}
    rows: list[tuple[str, Any]] = [
        (t("plan_id", lang), city.plan.id),
        (t("version", lang), city.plan.version),
        (t("digest", lang), city.plan.sha256),
        (t("check.period", lang), f"{city.period_name.get(lang)} ({city.period})"),
        (t("report_due", lang), city.report_due),
        (t("data_cutoff", lang), city.data_cutoff),
        (t("check.as_of", lang), city.as_of if city.as_of is not None else t("xlsx.as_of_each", lang)),
        (t("check.files", lang), city.files),
        (t("xlsx.units_listed", lang), len(city.units)),
        *((f"{t('check.status', lang)}: {_status_word(s, lang)}", counts[s]) for s in STATUSES),
        (t("xlsx.tool", lang), f"cchc {__version__}"),
        (t("xlsx.rates", lang), t("xlsx.rates_note", lang)),
    ]
    for label, value in rows:
        row += 1
        sheet.text(row, 0, label)
        if isinstance(value, date):
            sheet.day(row, 1, value)
        elif isinstance(value, int):
            sheet.number(row, 1, value)
        else:
            sheet.text(row, 1, str(value))
    sheet.finish(row, 1, table=False)


def _units(book: _Book, city: CityReport, lang: str) -> None:
    sheet = _Sheet(book, t("xlsx.sheet.units", lang))
    header = [
        t("xlsx.rank", lang), t("xlsx.agency_id", lang), t("check.agency", lang), t("kind", lang),
        t("xlsx.owes", lang), t("check.status", lang), t("summary.score", lang), t("check.as_of", lang),
        t("check.submitted", lang), t("check.days_late", lang), t("xlsx.tasks_overdue", lang),
        t("xlsx.overdue_ids", lang), t("xlsx.duties_missed", lang), t("xlsx.missed_ids", lang),
        t("check.file", lang), t("where", lang), t("xlsx.problem", lang),
    ]
    sheet.header(0, header)
    row = 0
    for entry in city.units:
        row += 1
        ranked = entry.ranked
        unit = ranked.unit if ranked else None
        agency_id, name, kind = _agency_cells(entry.agency, lang)
        sheet.number(row, 0, ranked.rank if ranked else None)
        sheet.text(row, 1, agency_id)
        sheet.text(row, 2, name)
        sheet.text(row, 3, kind)
        sheet.text(row, 4, t("xlsx.yes" if entry.owes else "xlsx.no", lang))
        sheet.text(row, 5, _status_word(entry.status, lang))
        sheet.score(row, 6, ranked.score if ranked else None)
        sheet.day(row, 7, unit.as_of if unit else None)
        sheet.day(row, 8, unit.submitted_on if unit else None)
        sheet.number(row, 9, unit.late_days if unit else None)
        sheet.number(row, 10, len(unit.overdue_tasks) if unit else None)
        sheet.text(row, 11, " ".join(task for task, _ in unit.overdue_tasks) if unit else None)
        sheet.number(row, 12, len(unit.missed_duties) if unit else None)
        sheet.text(row, 13, " ".join(unit.missed_duties) if unit else None)
        result = entry.result
        sheet.text(row, 14, result.path if result else None)
        where, message = _problem(result, lang)
        sheet.text(row, 15, where)
        sheet.text(row, 16, message)
    sheet.finish(row, len(header) - 1)


def _city_targets(book: _Book, city: CityReport, lang: str) -> None:
    sheet = _Sheet(book, t("xlsx.sheet.city", lang))
    header = [
        t("id", lang), t("target", lang), t("xlsx.numerator", lang), t("xlsx.denominator", lang),
        t("xlsx.rate", lang), t("xlsx.comparator", lang), t("threshold", lang), t("check.gap", lang),
        t("summary.units", lang), t("check.verdict", lang),
    ]
    sheet.header(0, header)
    row = 0
    for ct in city.city_targets:
        row += 1
        sheet.text(row, 0, ct.id)
        sheet.text(row, 1, ct.title.get(lang))
        sheet.number(row, 2, ct.numerator)
        sheet.number(row, 3, ct.denominator)
        sheet.rate(row, 4, ct.value)
        sheet.text(row, 5, ct.comparator.replace(">=", "≥"))
        sheet.threshold(row, 6, ct.threshold)
        sheet.rate(row, 7, ct.gap)
        sheet.number(row, 8, ct.units)
        sheet.text(row, 9, _mark(ct.verdict, lang))
    sheet.finish(row, len(header) - 1)
    _verdict_colours(book, sheet, 1, row, rate_cols=[4], mark_col=9)


def _verdict_colours(book: _Book, sheet: _Sheet, first: int, last: int, rate_cols: list[int], mark_col: int) -> None:
    """Green for met and red for missed on the rates and their marks, by the mark's sign (✓, ✗).

    Conditional, not fixed, formats: a colour that follows the verdict cell stays right when an
    officer sorts or filters the rows.
    """
    from xlsxwriter.utility import xl_col_to_name

    if last < first:
        return
    mark = f"${xl_col_to_name(mark_col)}{first + 1}"
    for col in [*rate_cols, mark_col]:
        for sign, fmt in (("✓", book.met), ("✗", book.missed)):
            sheet.ws.conditional_format(
                first, col, last, col, {"type": "formula", "criteria": f'=LEFT({mark},1)="{sign}"', "format": fmt}
            )


def _targets(book: _Book, city: CityReport, lang: str) -> None:
    """Units × targets: per target its numerator, denominator, rate and verdict mark; two header
    rows (the target's title over its four columns), the units in rank order."""
    sheet = _Sheet(book, t("xlsx.sheet.targets", lang), header_rows=2)
    fixed = [t("xlsx.rank", lang), t("xlsx.agency_id", lang), t("check.agency", lang)]
    sheet.header(1, fixed)
    per = [t("xlsx.numerator", lang), t("xlsx.denominator", lang), t("xlsx.rate", lang), t("check.verdict", lang)]
    targets: list[CityTarget] = list(city.city_targets)
    for i, ct in enumerate(targets):
        first = len(fixed) + 4 * i
        sheet.ws.merge_range(0, first, 0, first + 3, "", book.bold)
        sheet.ws.write_string(0, first, _text(f"{ct.title.get(lang)} ({ct.id})"), book.bold)  # never write()
        sheet.header(1, per, first)
    row = 1
    for ranked in city.ranking:
        row += 1
        unit = ranked.unit
        agency_id, name, _ = _agency_cells(unit.agency, lang)
        sheet.number(row, 0, ranked.rank)
        sheet.text(row, 1, agency_id)
        sheet.text(row, 2, name if unit.agency else unit.path)
        cells: dict[str, TargetCell] = {c.id: c for c in unit.targets}
        for i, ct in enumerate(targets):
            first = len(fixed) + 4 * i
            cell = cells.get(ct.id)
            if cell is None:
                sheet.text(row, first + 3, t("xlsx.not_applicable", lang))
                continue
            sheet.number(row, first, cell.numerator)
            sheet.number(row, first + 1, cell.denominator)
            sheet.rate(row, first + 2, cell.value)
            sheet.text(row, first + 3, _mark(cell.verdict, lang))
    last_col = len(fixed) + 4 * len(targets) - 1
    sheet.finish(row, last_col)
    sheet.ws.freeze_panes(2, len(fixed))  # the unit stays in view while the targets scroll
    for i in range(len(targets)):
        first = len(fixed) + 4 * i
        _verdict_colours(book, sheet, 2, row, rate_cols=[first + 2], mark_col=first + 3)


def _attention(book: _Book, city: CityReport, lang: str) -> None:
    """Who needs a call: units that have not reported, late reports, files that could not be
    judged or have input errors (any period: they fail the run), and duplicate files."""
    sheet = _Sheet(book, t("xlsx.sheet.attention", lang))
    header = [
        t("xlsx.situation", lang), t("xlsx.agency_id", lang), t("check.agency", lang), t("period", lang),
        t("report_due", lang), t("check.submitted", lang), t("check.days_late", lang), t("check.file", lang),
        t("where", lang), t("xlsx.problem", lang),
    ]
    sheet.header(0, header)
    row = 0

    def line(situation: str, agency: AgencyRef | None, period: str | None, result: UnitResult | None,
             file: str | None = None, problem: tuple[str, str] = ("", ""), due: date | None = None) -> None:
        nonlocal row
        row += 1
        agency_id, name, _ = _agency_cells(agency, lang)
        sheet.text(row, 0, situation)
        sheet.text(row, 1, agency_id)
        sheet.text(row, 2, name)
        sheet.text(row, 3, period)
        sheet.day(row, 4, result.report_due if result else due)
        sheet.day(row, 5, result.submitted_on if result else None)
        sheet.number(row, 6, result.late_days if result else None)
        sheet.text(row, 7, file if file is not None else (result.path if result else None))
        sheet.text(row, 8, problem[0])
        sheet.text(row, 9, problem[1])

    for agency in city.not_reported:
        line(_status_word("missing", lang), agency, city.period, None, due=city.report_due)
    for result in city.late:
        line(_status_word("late", lang), result.agency, result.period, result)
    for result in city.bad_files:
        line(_status_word("invalid", lang), result.agency or result.claimed, result.period or result.claimed_period,
             result, problem=_problem(result, lang))
    for d in city.duplicates:
        line(t("xlsx.duplicate", lang), d.agency, d.period, None, d.other, ("", f"{t('xlsx.kept', lang)}: {d.kept}"))
    sheet.finish(row, len(header) - 1)


def _overdue(book: _Book, city: CityReport, lang: str) -> None:
    sheet = _Sheet(book, t("xlsx.sheet.overdue", lang))
    header = [t("xlsx.lead_id", lang), t("lead", lang), t("task", lang), t("xlsx.days_overdue", lang)]
    sheet.header(0, header)
    row = 0
    for lead, tasks in city.overdue_by_lead:
        lead_id, name, _ = _agency_cells(lead, lang)
        for task, days in tasks:
            row += 1
            sheet.text(row, 0, lead_id)
            sheet.text(row, 1, name)
            sheet.text(row, 2, task)
            sheet.number(row, 3, days)
    sheet.finish(row, len(header) - 1)


def _trends(book: _Book, city: CityReport, lang: str) -> None:
    """One row per unit and target, its rate in each period it reported (Q1 → H1 → 9M → FY)."""
    sheet = _Sheet(book, t("xlsx.sheet.trends", lang))
    periods = list(city.periods)
    header = [t("xlsx.agency_id", lang), t("check.agency", lang), t("id", lang), t("target", lang), *periods]
    sheet.header(0, header)
    thresholds = {ct.id: ct for ct in city.city_targets}
    row = 0
    for agency, by_period in city.trends:
        agency_id, name, _ = _agency_cells(agency, lang)
        values = {p: {c.id: c for c in cells} for p, cells in by_period}
        for ct in thresholds.values():
            if not any(ct.id in cells for cells in values.values()):
                continue
            row += 1
            sheet.text(row, 0, agency_id)
            sheet.text(row, 1, name)
            sheet.text(row, 2, ct.id)
            sheet.text(row, 3, ct.title.get(lang))
            for i, p in enumerate(periods):
                cell = values.get(p, {}).get(ct.id)
                sheet.rate(row, 4 + i, cell.value if cell else None)
    sheet.finish(row, len(header) - 1)


def render_summary(city: CityReport, lang: str) -> bytes:
    """The workbook's bytes: the same report always gives the same bytes (no clock is read)."""
    import xlsxwriter

    out = io.BytesIO()
    # Strings stay strings whatever they look like: no formula, number or link made from text.
    wb = xlsxwriter.Workbook(out, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    # The created date is part of the file; the report's own date keeps the bytes reproducible.
    created = city.as_of or city.report_due or date(1980, 1, 1)
    wb.set_properties({
        "title": t("summary.title", lang), "subject": f"{city.plan.id} {city.period}", "author": "cchc",
        "created": datetime.combine(created, time()),
    })
    book = _Book(wb)
    _cover(book, city, lang)
    _units(book, city, lang)
    _city_targets(book, city, lang)
    _targets(book, city, lang)
    _attention(book, city, lang)
    _overdue(book, city, lang)
    _trends(book, city, lang)
    wb.close()
    return out.getvalue()
