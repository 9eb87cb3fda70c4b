"""``cchc summary`` in a terminal: the city's figures, the units ranked, who has not reported.

Layout only. Bars show each unit's on-time rate and satisfaction against the target line (``│``),
on a scale that starts where the verdict is decided (:func:`bar_scale`), beside the figure and a
✓/✗ mark; verdicts are words and marks, so the report reads the same without colour (NO_COLOR, a
pipe, a CI log). File names and messages are shown through :func:`cchc_cli.text.visible`, one line
each.
"""

from __future__ import annotations

from fractions import Fraction

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from cchc_cli.i18n import t
from cchc_cli.models.summary import CityReport, UnitResult
from cchc_cli.numbers import count, decimal, goal, percent, points, ratio
from cchc_cli.render.cells import longest_word, short_label
from cchc_cli.render.terminal import capture
from cchc_cli.text import visible

BAR = 10


def bar_scale(threshold: Fraction) -> tuple[Fraction, Fraction]:
    """The (low, high) ends of a bar's scale: the target in the middle, the top at 100%.

    From 0 to 100%, 98.87% and 99.97% fill the same cells of a ten-cell bar, and only colour
    told that one misses 99% and the other meets it. Scaled from 98% to 100%, a point below the
    target is a quarter of the bar. A target of 50% or less keeps the whole 0–100% scale.
    """
    low = max(Fraction(0), 2 * threshold - 1)
    if low >= threshold:  # a target of 100%: one point either side of it
        low = threshold - Fraction(1, 100)
    return low, max(Fraction(1), 2 * threshold - low)


def _bar(unit: UnitResult, target_id: str, threshold: Fraction, lang: str) -> Text:
    """The rate, ✓ or ✗, and a bar with the target as a line; empty when not reported.

    The cells left of the line stand for the scale's low end up to the target, those right of it
    for the target up to the top. A rate below the target never fills every left cell
    (truncation), one at or above it always does: a missed target's bar stops short of the line.
    """
    cell = next((c for c in unit.targets if c.id == target_id), None)
    if cell is None or cell.numerator is None or not cell.denominator or cell.verdict == "invalid":
        return Text("")
    value = Fraction(cell.numerator, cell.denominator)
    low, high = bar_scale(threshold)
    left = max(1, min(BAR - 1, round((threshold - low) / (high - low) * BAR)))
    right = BAR - left
    if value < threshold:
        filled = max(0, int((value - low) / (threshold - low) * left))
    else:
        filled = left + min(right, int((value - threshold) / (high - threshold) * right))
    style = "green" if cell.verdict == "met" else "red"
    bar = Text(f"{percent(value, lang)}{_MARK.get(cell.verdict, '')} ")
    for i in range(BAR):
        if i == left:
            bar.append("│", style=style)
        bar.append("█" if i < filled else "·", style=style)
    return bar


def _scale_text(threshold: Fraction, lang: str) -> str:
    low, high = bar_scale(threshold)
    return "–".join(decimal(v * 100, lang) for v in (low, high)) + "%"


_MARK = {"met": " ✓", "missed": " ✗", "no_data": " ·", "not_reported": " ?", "invalid": " !"}


def matrix_cell(unit: UnitResult, target_id: str, lang: str) -> str:
    """A unit's rate for a target with its verdict as a mark: "98,95% ✗"; "—" when it does not apply."""
    cell = next((c for c in unit.targets if c.id == target_id), None)
    if cell is None:
        return "—"
    if cell.numerator is None or not cell.denominator or cell.verdict == "invalid":
        return t(f"verdict.{cell.verdict}", lang)
    return percent(Fraction(cell.numerator, cell.denominator), lang) + _MARK.get(cell.verdict, "")


def _matrix(city: CityReport, lang: str) -> Table:
    matrix = Table(title=t("summary.matrix", lang), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    matrix.add_column(t("check.agency", lang))
    # Headers are the targets' titles in the user's language, cut short at a word; the ids stay
    # in JSON and CSV. A column is never narrower than its longest word, so no word is split.
    for ct in city.city_targets:
        label = short_label(ct.title.get(lang))
        matrix.add_column(label, justify="right", min_width=longest_word(label))
    for ranked in city.ranking:
        unit = ranked.unit
        matrix.add_row(Text(unit.agency.name if unit.agency else visible(unit.path)),
                       *(matrix_cell(unit, ct.id, lang) for ct in city.city_targets))
    return matrix


def render_summary(city: CityReport, lang: str, console: Console) -> str:
    parts: list[RenderableType] = [Text(t("summary.title", lang), style="bold underline")]
    plan = city.plan
    parts.append(Text(
        f"{t('check.period', lang)}: {city.period_name.get(lang)} ({city.period}) · {t('check.plan', lang)}: "
        f"{plan.id} {plan.version} · sha256 {plan.sha256[:12]} · {t('check.files', lang)}: {count(city.files, lang)}"
    ))

    targets = Table(title=t("summary.city_targets", lang), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for column in (t("target", lang), t("check.counts", lang), t("check.actual", lang), t("threshold", lang),
                   t("check.gap", lang), t("summary.units", lang), t("check.verdict", lang)):
        targets.add_column(column)
    for ct in city.city_targets:
        targets.add_row(
            Text(ct.title.get(lang)), ratio(ct.numerator, ct.denominator, lang) if ct.denominator else "—",
            percent(ct.value, lang) if ct.value is not None else "—",
            goal(ct.comparator, ct.threshold_percent, lang),
            points(ct.gap, lang) if ct.gap is not None else "", count(ct.units, lang),
            Text(t(f"verdict.{ct.verdict}", lang), style="green" if ct.verdict == "met" else "red"),
        )
    parts.append(targets)

    on_time = next((x for x in city.city_targets if x.id == "on_time_dossiers"), None)
    satisfied = next((x for x in city.city_targets if x.id == "satisfaction"), None)
    ranking = Table(title=t("summary.ranking", lang), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for column in ("#", t("check.agency", lang), t("summary.score", lang), t("summary.targets_met", lang),
                   t("summary.tasks_overdue", lang), t("summary.duties_missed", lang), t("check.days_late", lang)):
        ranking.add_column(column)
    # A bar is read whole, never cut between its cells and the line it is measured against: its
    # column is at least as wide as the bar (the figure may wrap above it, at the space).
    if on_time:
        ranking.add_column(on_time.title.get(lang), min_width=BAR + 1)
    if satisfied:
        ranking.add_column(satisfied.title.get(lang), min_width=BAR + 1)
    for ranked in city.ranking:
        unit = ranked.unit
        met = sum(c.verdict == "met" for c in unit.targets)
        row: list[RenderableType] = [
            count(ranked.rank, lang), Text(unit.agency.name if unit.agency else visible(unit.path)), decimal(ranked.score, lang, 1),
            ratio(met, len(unit.targets), lang), count(len(unit.overdue_tasks), lang), count(len(unit.missed_duties), lang),
            count(unit.late_days, lang) if unit.late_days else "",
        ]
        if on_time:
            row.append(_bar(unit, on_time.id, on_time.threshold, lang))
        if satisfied:
            row.append(_bar(unit, satisfied.id, satisfied.threshold, lang))
        ranking.add_row(*row)
    parts.append(ranking)
    barred = [x for x in (on_time, satisfied) if x is not None]
    if city.ranking and barred:
        scales = "; ".join(
            f"{x.title.get(lang)} {_scale_text(x.threshold, lang)} (│ {decimal(x.threshold_percent, lang)}%)" for x in barred
        )
        parts.append(Text(f"{t('summary.bars', lang)}: {scales}", style="dim"))
    parts.append(_matrix(city, lang))

    if city.not_reported:
        parts.append(Text(f"{t('summary.not_reported', lang)} ({count(len(city.not_reported), lang)}): "
                          + ", ".join(a.name for a in city.not_reported), style="yellow"))
    invalid = [u for u in city.units if u.status == "invalid" and u.agency is not None]
    if invalid:
        parts.append(Text(f"{t('summary.invalid', lang)} ({count(len(invalid), lang)}): " + ", ".join(
            f"{u.agency.name} ({visible(u.result.path)})" for u in invalid if u.agency and u.result), style="yellow"))
    if city.late:
        parts.append(Text(f"{t('summary.late', lang)}: " + ", ".join(
            f"{r.agency.name if r.agency else visible(r.path)} (+{count(r.late_days or 0, lang)})" for r in city.late), style="yellow"))
    if city.overdue_by_lead:
        overdue = Table(title=t("summary.overdue_by_lead", lang), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
        overdue.add_column(t("lead", lang))
        overdue.add_column(t("tasks", lang))
        for lead, tasks in city.overdue_by_lead:
            overdue.add_row(Text(lead.name), ", ".join(f"{task} (+{count(days, lang)})" for task, days in tasks))
        parts.append(overdue)
    if city.trends:
        title = f"{t('summary.trends', lang)}: {on_time.title.get(lang) if on_time else ''}"
        trends = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
        trends.add_column(t("check.agency", lang))
        periods = [p for p in ("Q1", "H1", "9M", "FY")]
        for p in periods:
            trends.add_column(p, justify="right")
        for agency, by_period in city.trends:
            values = dict(by_period)
            cells = []
            for p in periods:
                cell = next((c for c in values.get(p, ()) if on_time and c.id == on_time.id), None)
                if cell is not None and cell.numerator is not None and cell.denominator and cell.verdict != "invalid":
                    cells.append(percent(Fraction(cell.numerator, cell.denominator), lang))
                else:
                    cells.append("")
            trends.add_row(Text(agency.name), *cells)
        parts.append(trends)
    if city.bad_files or city.duplicates:
        lines = Text(t("summary.bad_files", lang) + "\n", style="bold red")
        for r in city.bad_files:
            location, message = r.problem if r.problem else (None, None)
            where = str(location) if location else visible(r.path)
            whose = f" ({r.claimed.name})" if r.claimed and not r.judged else ""
            lines.append(f"  {where}: {visible(message.get(lang)) if message else ''}{whose}\n")
        for d in city.duplicates:
            lines.append(f"  {t('summary.duplicate', lang)} {d.agency.name} {d.period}: {visible(d.kept)} · {visible(d.other)}\n")
        lines.rstrip()
        parts.append(lines)
    return capture(console, *parts)
