"""The words of a target row, shared by every human format (terminal, Markdown)."""

from __future__ import annotations

from typing import NamedTuple

from cchc_cli.i18n import t
from cchc_cli.models.report import TargetRow
from cchc_cli.numbers import count, goal, percent, points, ratio


class TargetCells(NamedTuple):
    counts: str  # "2.276/2.300" (vi), "2,276/2,300" (en)
    actual: str  # "98,95%", truncated
    goal: str  # "≥ 99%" (with "phấn đấu" when aspirational)
    gap: str  # "-0,05 (cần thêm 1)"


def target_cells(row: TargetRow, lang: str) -> TargetCells:
    counts = ratio(row.numerator, row.denominator, lang) if row.numerator is not None and row.denominator is not None else "—"
    actual = percent(row.value, lang) if row.value is not None else "—"
    threshold = goal(row.comparator, row.threshold_percent, lang)
    if row.aspirational:
        threshold += f" ({t('aspirational', lang)})"
    gap = points(row.gap, lang) if row.gap is not None else ""
    if row.shortfall:
        gap += " (" + t("check.more_needed", lang).format(n=count(row.shortfall, lang)) + ")"
    return TargetCells(counts, actual, threshold, gap)
