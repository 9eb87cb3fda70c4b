"""``cchc summary --format csv``: one row per unit, UTF-8 with a BOM so that Excel shows Vietnamese.

The rows are the roll-up's units (:attr:`CityReport.units`): every unit that owes the period's
report, exactly once, and every other unit or broken file that sent one, so that one file answers
"who still owes us what". The columns are a public contract, extended at the end, never renamed:
``status`` (``ok``, ``findings``, ``invalid``, ``late``, ``missing``) and ``problem`` (where and why
an invalid file is invalid). A row with no judged report leaves the ranking's cells empty.
Rates are given as the two counts and as a truncated percentage (never rounded up).

It is the machine format, the same in every language: dot decimals (``98.95%``, ``72.92``), ids
(agency ids, target ids, status and verdict words in English), stable English headers, one row
per unit, UTF-8 with a BOM. Only the ``problem`` message follows ``--lang``. People open the
workbook (``--format xlsx=FILE``), whose cells are numbers in the reader's own convention.

Every text cell is one line (:func:`cchc_cli.text.visible`: a line break in a file name would
otherwise start a new line of the file, which a CI log shows as such) and inert
(:func:`cchc_cli.text.inert`); a text cell a spreadsheet would read as a formula (``=``, ``+``,
``-``, ``@``, TAB or CR first, as OWASP lists them) is prefixed with an apostrophe. Numbers cchc
writes itself (ranks, counts) are written as numbers, never prefixed.
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from cchc_cli.models.summary import CityReport
from cchc_cli.numbers import percent
from cchc_cli.text import inert, visible


#: what makes a spreadsheet read a cell as a formula, as OWASP lists it (TAB and CR cannot be
#: first once visible() has shown them as \t and \r; they stay listed so the rule reads whole)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a count or a rank: a number to the spreadsheet, and meant as one
    text = "" if value is None else inert(visible(str(value)))
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_summary(city: CityReport, lang: str) -> str:
    target_ids = [t.id for t in city.city_targets]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["rank", "agency_id", "agency", "kind", "period", "score", "late_days", "overdue_tasks", "missed_duties"]
    for tid in target_ids:
        header += [f"{tid}_numerator", f"{tid}_denominator", f"{tid}_percent", f"{tid}_verdict"]
    header += ["file", "status", "problem"]
    writer.writerow(header)
    for entry in city.units:
        agency = entry.agency
        ranked = entry.ranked
        result = entry.result
        row: list[object] = [
            ranked.rank if ranked else "", agency.id if agency else "", agency.name if agency else "",
            agency.kind if agency else "", city.period,
        ]
        if ranked is not None:
            unit = ranked.unit
            cells = {c.id: c for c in unit.targets}
            row += [f"{float(ranked.score):.2f}", unit.late_days or "",
                    " ".join(t for t, _ in unit.overdue_tasks), " ".join(unit.missed_duties)]
            for tid in target_ids:
                c = cells.get(tid)
                value = (
                    percent(Fraction(c.numerator, c.denominator), "en")  # dot decimals, in every language
                    if c and c.numerator is not None and c.denominator and c.verdict != "invalid"
                    else ""
                )
                row += [c.numerator if c else "", c.denominator if c else "", value, c.verdict if c else "not_applicable"]
            row.append(unit.path)
        else:
            row += ["", "", "", ""] + ["", "", "", ""] * len(target_ids) + [result.path if result else ""]
        problem = result.problem if result else None
        where = (str(problem[0]) if problem[0] else result.path) if problem and result else ""
        row += [entry.status, f"{where}: {problem[1].get(lang)}" if problem else ""]
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + out.getvalue()
