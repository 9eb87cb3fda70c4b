"""``cchc summary --export city.html``: the city roll-up as a page that reads and prints.

The terminal's roll-up (city-wide targets, units ranked, units × targets, who has not reported,
who is late or sent a broken file, overdue tasks by lead, trends) on the page of
:mod:`cchc_cli.render.html_page`. Layout only: every figure comes from the :class:`CityReport`.

The units × targets matrix is what made the old export 140 columns wide. Here its headers are the
targets' own titles, which wrap, and a table never holds more than :data:`MATRIX_COLUMNS` targets:
a plan with more is split into several tables, each repeating the unit column, so that every
table fits an A4 portrait page at a size people can read, whatever the plan holds. Terminal bars
give way to the figures with ✓/✗ (the matrix has them all).
"""

from __future__ import annotations

from fractions import Fraction

from cchc_cli.i18n import t
from cchc_cli.models.summary import CityReport, CityTarget, TargetCell, UnitResult
from cchc_cli.numbers import count, percent, points
from cchc_cli.render.html_page import Column, esc, page, raw, table
from cchc_cli.render.markdown import label

#: the most target columns one table of the matrix holds: six columns of about 13% of an A4
#: portrait page keep "100,00% ✓" on one line beside a unit column of a fifth of the page
MATRIX_COLUMNS = 6

_MARK = {"met": " ✓", "missed": " ✗", "no_data": " ·", "not_reported": " ?", "invalid": " !"}
_CSS = {"met": "good", "missed": "bad", "invalid": "bad", "not_reported": "soso"}


def title(city: CityReport, lang: str) -> str:
    return f"{t('summary.title', lang)} — {city.period_name.get(lang)} ({city.period})"


def _name(unit: UnitResult) -> str:
    return unit.agency.name if unit.agency else unit.path


def _rate(cell: TargetCell | None, lang: str) -> object:
    """A unit's rate for a target with its verdict as a mark ("98,95% ✗"); "—" when it does not apply."""
    if cell is None:
        return "—"
    css = _CSS.get(cell.verdict, "muted")
    if cell.numerator is None or not cell.denominator or cell.verdict == "invalid":
        return raw(esc(t(f"verdict.{cell.verdict}", lang)), css)
    return raw(esc(percent(Fraction(cell.numerator, cell.denominator), lang) + _MARK.get(cell.verdict, "")), css)


def _head(city: CityReport, lang: str) -> list[str]:
    plan = city.plan
    rows = [
        (t("check.period", lang), f"{city.period_name.get(lang)} ({city.period})"),
        (t("check.plan", lang), f"{plan.id} {plan.version} · sha256 {plan.sha256[:12]}"),
        (t("check.files", lang), count(city.files, lang)),
    ]
    lines = ['<table class="meta">', "<tbody>"]
    lines += [f'<tr><th scope="row">{esc(key)}</th><td>{esc(value)}</td></tr>' for key, value in rows]
    return lines + ["</tbody>", "</table>"]


def _city_target(ct: CityTarget, lang: str) -> list[object]:
    counts = f"{count(ct.numerator, lang)}/{count(ct.denominator, lang)}" if ct.denominator else "—"
    return [
        ct.title.get(lang), counts, percent(ct.value, lang) if ct.value is not None else "—",
        f"{ct.comparator.replace('>=', '≥')} {ct.threshold_percent}%", points(ct.gap, lang) if ct.gap is not None else "",
        count(ct.units, lang), raw(esc(t(f"verdict.{ct.verdict}", lang)), _CSS.get(ct.verdict, "muted")),
    ]


def _city_targets(city: CityReport, lang: str) -> list[str]:
    columns = [
        Column(t("target", lang), 30), Column(t("check.counts", lang), 17, True), Column(t("check.actual", lang), 12, True),
        Column(t("threshold", lang), 11), Column(t("check.gap", lang), 9, True), Column(t("summary.units", lang), 8, True),
        Column(t("check.verdict", lang), 13),
    ]
    return [f"<h2>{esc(t('summary.city_targets', lang))}</h2>",
            *table(columns, (_city_target(ct, lang) for ct in city.city_targets))]


def _ranking(city: CityReport, lang: str) -> list[str]:
    columns = [
        Column("#", 6, True), Column(t("check.agency", lang), 34), Column(t("summary.score", lang), 10, True),
        Column(t("summary.targets_met", lang), 12, True), Column(t("summary.tasks_overdue", lang), 13, True),
        Column(t("summary.duties_missed", lang), 13, True), Column(t("check.days_late", lang), 12, True),
    ]
    rows: list[list[object]] = []
    for ranked in city.ranking:
        unit = ranked.unit
        met = sum(c.verdict == "met" for c in unit.targets)
        score = f"{float(ranked.score):.1f}".replace(".", "," if lang == "vi" else ".")
        rows.append([
            count(ranked.rank, lang), _name(unit), score, f"{count(met, lang)}/{count(len(unit.targets), lang)}",
            count(len(unit.overdue_tasks), lang), count(len(unit.missed_duties), lang),
            count(unit.late_days, lang) if unit.late_days else "",
        ])
    return [f"<h2>{esc(t('summary.ranking', lang))}</h2>", *table(columns, rows)]


def _matrix(city: CityReport, lang: str) -> list[str]:
    targets = city.city_targets
    parts = [targets[i:i + MATRIX_COLUMNS] for i in range(0, len(targets), MATRIX_COLUMNS)] or [()]
    lines: list[str] = []
    for n, part in enumerate(parts, 1):
        heading = t("summary.matrix", lang) + (f" ({n}/{len(parts)})" if len(parts) > 1 else "")
        # the unit column takes what the target columns leave, and never less than a fifth
        each = min(13, (100 - 22) // max(1, len(part)))
        columns = [Column(t("check.agency", lang), 100 - each * len(part))]
        columns += [Column(ct.title.get(lang), each, True) for ct in part]
        rows: list[list[object]] = []
        for ranked in city.ranking:
            unit = ranked.unit
            cells = {c.id: c for c in unit.targets}
            rows.append([_name(unit), *(_rate(cells.get(ct.id), lang) for ct in part)])
        lines += [f"<h2>{esc(heading)}</h2>", *table(columns, rows, "matrix")]
    return lines


def _lists(city: CityReport, lang: str) -> list[str]:
    lines: list[str] = []
    if city.not_reported:
        lines += [f"<h2>{esc(t('summary.not_reported', lang))} ({esc(count(len(city.not_reported), lang))})</h2>",
                  f"<p>{esc(', '.join(a.name for a in city.not_reported))}</p>"]
    invalid = [u for u in city.units if u.status == "invalid" and u.agency is not None]
    if invalid:
        shown = ", ".join(f"{u.agency.name} ({u.result.path})" for u in invalid if u.agency and u.result)
        lines += [f"<h2>{esc(t('summary.invalid', lang))} ({esc(count(len(invalid), lang))})</h2>", f"<p>{esc(shown)}</p>"]
    if city.late:
        shown = ", ".join(f"{_name(r)} (+{count(r.late_days or 0, lang)})" for r in city.late)
        lines += [f"<h2>{esc(t('summary.late', lang))}</h2>", f"<p>{esc(shown)}</p>"]
    return lines


def _overdue(city: CityReport, lang: str) -> list[str]:
    if not city.overdue_by_lead:
        return []
    columns = [Column(t("lead", lang), 35), Column(t("tasks", lang), 65)]
    rows = [[lead.name, ", ".join(f"{task} (+{count(days, lang)})" for task, days in tasks)]
            for lead, tasks in city.overdue_by_lead]
    return [f"<h2>{esc(t('summary.overdue_by_lead', lang))}</h2>", *table(columns, rows)]


def _trends(city: CityReport, lang: str) -> list[str]:
    on_time = next((x for x in city.city_targets if x.id == "on_time_dossiers"), None)
    if not city.trends or on_time is None:
        return []
    periods = ("Q1", "H1", "9M", "FY")
    columns = [Column(t("check.agency", lang), 40), *(Column(p, 15, True) for p in periods)]
    rows: list[list[object]] = []
    for agency, by_period in city.trends:
        values = dict(by_period)
        cells: list[object] = []
        for p in periods:
            cell = next((c for c in values.get(p, ()) if c.id == on_time.id), None)
            cells.append(_rate(cell, lang) if cell is not None else "")
        rows.append([agency.name, *cells])
    heading = f"{t('summary.trends', lang)}: {on_time.title.get(lang)}"
    return [f"<h2>{esc(heading)}</h2>", *table(columns, rows)]


def _bad_files(city: CityReport, lang: str) -> list[str]:
    if not city.bad_files and not city.duplicates:
        return []
    columns = [Column(label("location", lang), 35), Column(label("message", lang), 45), Column(t("check.agency", lang), 20)]
    rows: list[list[object]] = []
    for r in city.bad_files:
        location, message = r.problem if r.problem else (None, None)
        # a judged file with an input error (impossible counts) names its unit; one that could not
        # be judged names the unit its own agency: line claims, when that line can be read
        agency = r.agency or r.claimed
        whose = agency.name if agency else ""
        rows.append([str(location) if location else r.path, message.get(lang) if message else "", whose])
    for d in city.duplicates:
        rows.append([f"{d.kept} · {d.other}", f"{t('summary.duplicate', lang)} {d.period}", d.agency.name])
    return [f"<h2>{esc(t('summary.bad_files', lang))}</h2>", *table(columns, rows)]


def render_summary(city: CityReport, lang: str) -> str:
    """The whole page for the roll-up, in ``lang``."""
    body = [f"<h1>{esc(t('summary.title', lang))}</h1>", *_head(city, lang), *_city_targets(city, lang)]
    if city.ranking:
        body += _ranking(city, lang) + _matrix(city, lang)
    body += _lists(city, lang) + _overdue(city, lang) + _trends(city, lang) + _bad_files(city, lang)
    return page(lang, title(city, lang), body)
