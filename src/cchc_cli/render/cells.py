"""The words of a target row and of a report's summary line, shared by every human format
(terminal, Markdown, HTML), and the short label a target's title gets where a column header has
little room."""

from __future__ import annotations

from typing import NamedTuple

from cchc_cli.i18n import t
from cchc_cli.models.report import Report, TargetRow
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


def short_label(title: str, limit: int = 36) -> str:
    """``title`` cut to at most ``limit`` characters at a word boundary, with "…" when cut.

    A column header of a matrix has room for a few words, and the plan data has no short titles:
    the first words of the title, in the user's language, say which target a column is, where the
    id (``on_time_dossiers``) is English to a Vietnamese reader. Cutting between words keeps every
    word whole; a first word longer than ``limit`` is kept whole too. Deterministic, so goldens
    hold.
    """
    words = title.split()
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) + 1 > limit:
            break
        kept.append(word)
    shown = " ".join(kept or words[:1]).rstrip(",;:–-—")
    return shown + "…"


def longest_word(text: str) -> int:
    """The width a header needs so that wrapping it never breaks a word."""
    return max((len(word) for word in text.split()), default=1)


def summary_parts(report: Report, lang: str) -> list[str]:
    """The summary line's parts: the findings by severity, then (for a judged file) the plan's."""
    s = report.summary
    # "label: n" rather than "n label": no plural to get wrong in either language.
    parts = [
        f"{t('severity.errors', lang)}: {count(s.errors, lang)}",
        f"{t('severity.warnings', lang)}: {count(s.warnings, lang)}",
        f"{t('severity.infos', lang)}: {count(s.infos, lang)}",
    ]
    if s.waived:
        parts.append(f"{t('waived', lang)}: {count(s.waived, lang)}")
    if report.judged:
        parts += [
            f"{t('summary.targets_met', lang)}: {ratio(s.targets_met, s.targets_applicable, lang)}",
            f"{t('summary.tasks_overdue', lang)}: {count(s.tasks_overdue, lang)}",
            f"{t('summary.duties_missed', lang)}: {count(s.duties_missed, lang)}",
        ]
    return parts
