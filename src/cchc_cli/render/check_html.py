"""``cchc report FILE --export report.html``: the gap report as a page that reads and prints.

The same report the terminal shows (who and when, targets, tasks led, section V duties, findings,
summary), laid out as real tables on the page of :mod:`cchc_cli.render.html_page`, in the chosen
language. Layout only: every figure and verdict comes from the :class:`Report`; rates are
truncated as everywhere (:mod:`cchc_cli.numbers`), counts grouped as the language writes them.
Unlike the terminal, a task's full text is shown: paper has room for it, and it wraps.
"""

from __future__ import annotations

from datetime import date

from cchc_cli.dates import day_text
from cchc_cli.i18n import t
from cchc_cli.models.report import Finding, Report, TargetRow
from cchc_cli.numbers import count, percent, points
from cchc_cli.render.html_page import Cell, Column, esc, esc_id, page, raw, table
from cchc_cli.render.markdown import label

#: a verdict's class: the word carries the meaning, the colour only repeats it
_GOOD = {"met", "ok", "done", "recurring"}
_BAD = {"missed", "overdue", "invalid", "not_reported"}
_SOSO = {"late", "done_late", "due_soon"}
_SEVERITY = {"error": "bad", "warning": "soso", "info": "muted"}


def _day(day: date | None, lang: str) -> str:
    return "—" if day is None else day_text(day, lang)


def _state(key: str, prefix: str, lang: str) -> Cell:
    css = "good" if key in _GOOD else "bad" if key in _BAD else "soso" if key in _SOSO else "muted"
    return raw(esc(t(f"{prefix}.{key}", lang)), css)


def title(report: Report, lang: str) -> str:
    """The page's title: what a browser tab, a print header and a file list show."""
    parts = [t("check.title", lang)]
    if report.agency is not None:
        parts.append(report.agency.name_en if lang == "en" else report.agency.name)
    if report.period is not None:
        parts.append(f"{report.period_name.get(lang)} ({report.period})" if report.period_name else report.period)
    return " — ".join(parts)


def _header(report: Report, lang: str) -> list[str]:
    rows: list[tuple[str, str]] = [(t("check.file", lang), esc(report.path))]
    if report.agency:
        kind = t(f"agency_kind.{report.agency.kind}", lang)
        name = report.agency.name_en if lang == "en" else report.agency.name
        rows.append((t("check.agency", lang), f"{esc(name)} ({esc(kind)}) · {esc(report.agency.id)}"))
    if report.period:
        period = f"{esc(report.period_name.get(lang))} ({esc(report.period)})" if report.period_name else esc(report.period)
        rows.append((t("check.period", lang), period))
        rows.append((t("check.as_of", lang), esc(_day(report.as_of, lang))))
        rows.append((t("report_due", lang), esc(_day(report.report_due, lang))))
        if report.submitted_on:
            rows.append((t("check.submitted", lang), esc(_day(report.submitted_on, lang))))
    plan = report.plan
    rows.append((t("check.plan", lang), f"{esc(plan.id)} {esc(plan.version)} · sha256 {esc(plan.sha256[:12])}"))
    lines = ['<table class="meta">', "<tbody>"]
    lines += [f'<tr><th scope="row">{esc(key)}</th><td>{value}</td></tr>' for key, value in rows]
    return lines + ["</tbody>", "</table>"]


def _target(row: TargetRow, lang: str) -> list[object]:
    counts = "—"
    if row.numerator is not None and row.denominator is not None:
        counts = f"{count(row.numerator, lang)}/{count(row.denominator, lang)}"
    goal = f"{row.comparator.replace('>=', '≥')} {row.threshold_percent}%"
    if row.aspirational:
        goal += f" ({t('aspirational', lang)})"
    gap = points(row.gap, lang) if row.gap is not None else ""
    if row.shortfall:
        gap += " (" + t("check.more_needed", lang).format(n=count(row.shortfall, lang)) + ")"
    name = raw(f'{esc(row.title.get(lang))}<br><span class="muted small">{esc_id(row.id)}</span>')
    actual = percent(row.value, lang) if row.value is not None else "—"
    return [name, counts, actual, goal, gap, _state(row.verdict, "verdict", lang)]


def _targets(report: Report, lang: str) -> list[str]:
    columns = [
        Column(t("target", lang), 33), Column(t("check.counts", lang), 15, True), Column(t("check.actual", lang), 12, True),
        Column(t("threshold", lang), 13), Column(t("check.gap", lang), 14, True), Column(t("check.verdict", lang), 13),
    ]
    return [f"<h2>{esc(t('check.targets', lang))}</h2>", *table(columns, (_target(r, lang) for r in report.targets))]


def _tasks(report: Report, lang: str) -> list[str]:
    columns = [
        # a date does not break, and "31/03/2021" needs 14% of an A4 page at the screen's size
        Column(t("id", lang), 8), Column(t("content", lang), 43), Column(t("due", lang), 14),
        Column(t("check.status", lang), 14), Column(t("check.days_late", lang), 9, True), Column(t("check.verdict", lang), 12),
    ]
    rows: list[list[object]] = []
    for row in report.tasks:
        status = t(f"status.{row.status}", lang) if row.status else t("status.none", lang)
        if row.completed_on:
            status += f" {_day(row.completed_on, lang)}"
        due: object = _day(row.due, lang) if row.due else raw(esc(t(f"kind.{row.deadline_kind}", lang)), "muted")
        late = count(row.days_late, lang) if row.days_late else ""
        rows.append([raw(esc_id(row.id)), row.content, due, status, late, _state(row.state, "state", lang)])
    return [f"<h2>{esc(t('check.tasks', lang))}</h2>", *table(columns, rows)]


def _duties(report: Report, lang: str) -> list[str]:
    columns = [
        # the id column holds the plan's longest id word ("communication") on one line in print
        Column(t("id", lang), 17), Column(t("content", lang), 34), Column(t("due", lang), 14),
        Column(t("check.progress", lang), 22), Column(t("check.verdict", lang), 13),
    ]
    rows: list[list[object]] = []
    for row in report.duties:
        parts = [_day(row.done_on, lang)] if row.done_on else []
        parts += [f"{count(p.done, lang)}/{count(p.needed, lang)} {p.what.get(lang)}" for p in row.progress]
        rows.append([raw(esc_id(row.id)), row.title.get(lang), _day(row.due, lang) if row.due else "", "; ".join(parts),
                     _state(row.state, "state", lang)])
    return [f"<h2>{esc(t('check.duties', lang))}</h2>", *table(columns, rows)]


def _where(report: Report, finding: Finding) -> str:
    return str(finding.location) if finding.location else report.path


def _finding(report: Report, finding: Finding, lang: str) -> list[object]:
    severity = esc(t(f"severity.{finding.severity.name}", lang))
    css = "muted" if finding.waiver is not None else _SEVERITY.get(finding.severity.name, "")
    if finding.waiver is not None:
        severity = f"{esc(t('waived', lang))} ({severity})"
    message = esc(finding.message.get(lang))
    if finding.hint and finding.hint.get(lang):
        message += f'<br><span class="muted">{esc(t("hint", lang))}: {esc(finding.hint.get(lang))}</span>'
    if finding.waiver is not None:
        w = finding.waiver
        message += (f'<br><span class="muted">{esc(t("waived", lang))}: {esc(w.reason)} — {esc(w.approver)}, '
                    f"{esc(t('until', lang))} {esc(_day(w.expires, lang))}</span>")
    rule = raw(f'{esc(finding.rule)}<br><span class="muted small">{esc(finding.slug)}</span>')
    return [raw(severity, css), rule, _where(report, finding), raw(esc_id(finding.subject)), raw(message)]


def _findings(report: Report, lang: str) -> list[str]:
    lines = [f"<h2>{esc(t('check.findings', lang))}</h2>"]
    if not report.findings:
        return [*lines, f'<p class="good">{esc(t("check.no_findings", lang))}</p>']
    columns = [
        Column(t("severity", lang), 11), Column(label("rule", lang), 14), Column(label("location", lang), 19),
        Column(label("subject", lang), 19), Column(label("message", lang), 37),
    ]
    return lines + table(columns, (_finding(report, f, lang) for f in report.findings))


def _summary(report: Report, lang: str) -> list[str]:
    from cchc_cli.render.cells import summary_parts

    return [f"<h2>{esc(t('check.summary', lang))}</h2>", f"<p>{esc(' · '.join(summary_parts(report, lang)))}</p>"]


def render(report: Report, lang: str) -> str:
    """The whole page for one report, in ``lang``."""
    body = [f"<h1>{esc(t('check.title', lang))}</h1>", *_header(report, lang)]
    if report.judged:
        if report.targets:
            body += _targets(report, lang)
        if report.tasks:
            body += _tasks(report, lang)
        if report.duties:
            body += _duties(report, lang)
    body += _findings(report, lang)
    if not report.judged:
        body.append(f'<p class="bad">{esc(t("check.not_evaluated", lang))}</p>')
    body += _summary(report, lang)
    return page(lang, title(report, lang), body)
