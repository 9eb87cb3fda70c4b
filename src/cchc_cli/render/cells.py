"""The words of a target row, shared by every human format (terminal, Markdown)."""

from __future__ import annotations

from typing import NamedTuple

from cchc_cli.i18n import t
from cchc_cli.models.report import TargetRow
from cchc_cli.numbers import percent, points


class TargetCells(NamedTuple):
    counts: str  # "2276/2300"
    actual: str  # "98,95%", truncated
    goal: str  # "≥ 99%" (with "phấn đấu" when aspirational)
    gap: str  # "-0,05 (cần thêm 1)"


def target_cells(row: TargetRow, lang: str) -> TargetCells:
    counts = f"{row.numerator}/{row.denominator}" if row.numerator is not None and row.denominator is not None else "—"
    actual = percent(row.value, lang) if row.value is not None else "—"
    goal = f"{row.comparator.replace('>=', '≥')} {row.threshold_percent}%"
    if row.aspirational:
        goal += f" ({t('aspirational', lang)})"
    gap = points(row.gap, lang) if row.gap is not None else ""
    if row.shortfall:
        gap += " (" + t("check.more_needed", lang).format(n=row.shortfall) + ")"
    return TargetCells(counts, actual, goal, gap)
