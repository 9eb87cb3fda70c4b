"""``cchc check`` in a terminal: the gap report, Vietnamese by default.

Layout only: every value comes from the report. Strings a user wrote (agency names, messages
quoting their keys) go in as :class:`rich.text.Text`, never as markup, and what comes from input
(paths, subjects, messages, hints, waivers) through :func:`cchc_cli.text.visible`: one line each,
every character shown. Verdicts are words, not colours alone, so the report reads the same with
NO_COLOR, in a pipe or in a CI log.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.dates import day_text
from cchc_cli.i18n import t
from cchc_cli.numbers import count, ratio
from cchc_cli.text import lower_first, visible
from collections.abc import Sequence

from cchc_cli.models.report import Report, RunCounts, Severity
from cchc_cli.render.common import RenderOptions, run_totals
from cchc_cli.render.cells import summary_parts, target_cells
from cchc_cli.render.terminal import capture
from cchc_cli.text import inert

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from cchc_cli.render.table import Cell, Painter
    from cchc_cli.render.terminal import Screen

# Rich's renderables (rich.table, rich.console, …) are imported by the functions that build them:
# the common case is drawn by cchc_cli.render.table and needs none (start-up, issue 14); only the
# fallback and --export do.

_SEVERITY_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
_GOOD = {"met", "ok", "done", "recurring"}
_BAD = {"missed", "overdue", "invalid", "not_reported"}  # "invalid": counts or a done task that cannot be judged
_SOSO = {"late", "done_late", "due_soon"}


def _day(day: date | None, lang: str) -> str:
    return "—" if day is None else day_text(day, lang)


def _state(key: str, prefix: str, lang: str) -> Text:
    from rich.text import Text

    style = "green" if key in _GOOD else "red" if key in _BAD else "yellow" if key in _SOSO else "dim"
    return Text(t(f"{prefix}.{key}", lang), style=style)


def _table(title: str, *columns: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for i, column in enumerate(columns):
        table.add_column(column, no_wrap=i == 0)
    return table


def _header(report: Report, lang: str) -> Table:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row(t("check.file", lang), Text(visible(report.path)))
    if report.agency:
        kind = t(f"agency_kind.{report.agency.kind}", lang)
        name = report.agency.name_en if lang == "en" else report.agency.name
        grid.add_row(t("check.agency", lang), Text(f"{name} ({kind}) · {report.agency.id}"))
    if report.period and report.period_name:
        line = f"{report.period_name.get(lang)} ({report.period})"
        line += f" · {lower_first(t('check.as_of', lang))} {_day(report.as_of, lang)}"
        line += f" · {lower_first(t('report_due', lang))} {_day(report.report_due, lang)}"
        if report.submitted_on:
            line += f" · {lower_first(t('check.submitted', lang))} {_day(report.submitted_on, lang)}"
        grid.add_row(t("check.period", lang), Text(line))
    plan = report.plan
    grid.add_row(t("check.plan", lang), Text(f"{plan.id} {plan.version} · sha256 {plan.sha256[:12]}"))
    return grid


def _targets(report: Report, lang: str) -> Table:
    from rich.text import Text

    table = _table(
        t("check.targets", lang),
        t("target", lang), t("check.counts", lang), t("check.actual", lang),
        t("check.goal", lang), t("check.gap", lang), t("check.verdict", lang),
    )
    table.columns[0].no_wrap = False
    table.columns[0].max_width = 44
    for row in report.targets:
        counts, actual, goal, gap = target_cells(row, lang)
        name = Text(row.title.get(lang))
        name.append(f"\n{row.id}", style="dim")
        table.add_row(name, counts, actual, goal, gap, _state(row.verdict, "verdict", lang))
    return table


def _tasks(report: Report, lang: str) -> Table:
    from rich.text import Text

    table = _table(
        t("check.tasks", lang),
        t("id", lang), t("content", lang), t("due", lang),
        t("check.status", lang), t("check.days_late", lang), t("check.verdict", lang),
    )
    content = table.columns[1]
    content.max_width, content.overflow, content.no_wrap = 44, "ellipsis", True
    table.columns[2].no_wrap = True
    for row in report.tasks:
        status = t(f"status.{row.status}", lang) if row.status else t("status.none", lang)
        if row.completed_on:
            status += f" {_day(row.completed_on, lang)}"
        # Without a date, the kind of deadline ("theo hướng dẫn", "theo sự kiện") stands in for it:
        # the full phrase would crowd the verdict columns off the screen.
        due = Text(_day(row.due, lang)) if row.due else Text(t(f"kind.{row.deadline_kind}", lang), style="dim")
        table.add_row(
            row.id, Text(row.content), due, status,
            count(row.days_late, lang) if row.days_late else "", _state(row.state, "state", lang),
        )
    return table


def _duties(report: Report, lang: str) -> Table:
    from rich.text import Text

    table = _table(
        t("check.duties", lang), t("id", lang), t("content", lang), t("due", lang), t("check.progress", lang),
        t("check.verdict", lang),
    )
    table.columns[1].max_width = 44
    table.columns[2].no_wrap = True
    for row in report.duties:
        parts = [_day(row.done_on, lang)] if row.done_on else []
        parts += [f"{ratio(p.done, p.needed, lang)} {p.what.get(lang)}" for p in row.progress]
        progress = "; ".join(parts)
        table.add_row(row.id, Text(row.title.get(lang)), _day(row.due, lang) if row.due else "", Text(progress),
                      _state(row.state, "state", lang))
    return table


def _findings(report: Report, lang: str) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    if not report.findings:
        return Group(Text(t("check.findings", lang), style="bold"), Text(t("check.no_findings", lang), style="green"))
    items: list[RenderableType] = [Text(t("check.findings", lang), style="bold")]
    for f in report.findings:
        head = Text()
        if f.waiver is not None:
            head.append(f"{t('waived', lang)} ", style="dim")
        head.append(t(f"severity.{f.severity.name}", lang), style="dim" if f.waiver else _SEVERITY_STYLE[f.severity])
        head.append(f" {f.rule} ")
        head.append(str(f.location) if f.location else visible(report.path), style="dim")
        head.append(f" {visible(f.subject)}", style="bold")
        items.append(head)
        # Messages wrap under themselves, not under the severity, so each finding reads as a block.
        items.append(Padding(Text(visible(f.message.get(lang))), (0, 0, 0, 4)))
        if f.hint and f.hint.get(lang):
            items.append(Padding(Text(f"{t('hint', lang)}: {visible(f.hint.get(lang))}", style="dim"), (0, 0, 0, 4)))
        if f.waiver is not None:
            w = f.waiver
            items.append(Padding(
                Text(f"{t('waived', lang)}: {visible(w.reason)} — {visible(w.approver)}, {t('until', lang)} {_day(w.expires, lang)}", style="dim"),
                (0, 0, 0, 4),
            ))
    return Group(*items)


def _summary(report: Report, lang: str) -> Text:
    from rich.text import Text

    return Text(f"{t('check.summary', lang)}: " + " · ".join(summary_parts(report, lang)), style="bold")


def render(report: Report, lang: str, console: Console | Screen) -> str:
    """The report as ``console`` prints it: drawn by :mod:`cchc_cli.render.table` (the same
    characters, without Rich's renderables, issue 14), or by Rich when that cannot."""
    from cchc_cli.render import table

    paint = _painter(console)
    if paint is not None:
        try:
            return _drawn(report, lang, console.width, paint)
        except table.Unsupported:
            pass
    return capture(console, *renderables(report, lang))


def _painter(console: Console | Screen) -> Painter | None:
    """How ``console`` writes styles, if :mod:`cchc_cli.render.table` can write them as it does:
    not at all (no colour system), or as standard SGR codes; None for anything else."""
    from cchc_cli.render.table import Painter

    if console.legacy_windows or not console.encoding.startswith("utf"):
        return None
    if console.color_system is None:
        return Painter(colour=False)
    return None if console.no_color else Painter(colour=True)


def _drawn(report: Report, lang: str, width: int, paint: Painter) -> str:
    """:func:`renderables`, laid out by :mod:`cchc_cli.render.table`: each part below builds the
    same cells as its Rich counterpart above (tests compare the two on every fixture)."""
    from cchc_cli.render.table import Column, Line, Table, paragraph, runs

    lines = paragraph([(t("check.title", lang), "bold underline")], width, paint)
    head: list[list[Cell]] = [[t("check.file", lang), (Line(visible(report.path)),)]]
    if report.agency:
        kind = t(f"agency_kind.{report.agency.kind}", lang)
        name = report.agency.name_en if lang == "en" else report.agency.name
        head.append([t("check.agency", lang), (Line(f"{name} ({kind}) · {report.agency.id}"),)])
    if report.period and report.period_name:
        line = f"{report.period_name.get(lang)} ({report.period})"
        line += f" · {lower_first(t('check.as_of', lang))} {_day(report.as_of, lang)}"
        line += f" · {lower_first(t('report_due', lang))} {_day(report.report_due, lang)}"
        if report.submitted_on:
            line += f" · {lower_first(t('check.submitted', lang))} {_day(report.submitted_on, lang)}"
        head.append([t("check.period", lang), (Line(line),)])
    plan = report.plan
    head.append([t("check.plan", lang), (Line(f"{plan.id} {plan.version} · sha256 {plan.sha256[:12]}"),)])
    lines += Table([Column(style="bold", no_wrap=True), Column()], head, grid=True).draw(width, paint)
    lines.append("")

    def state(key: str, prefix: str) -> tuple[Line]:
        style = "green" if key in _GOOD else "red" if key in _BAD else "yellow" if key in _SOSO else "dim"
        return (Line(t(f"{prefix}.{key}", lang), style),)

    evaluated = report.agency is not None and report.period is not None
    if evaluated and report.targets:
        columns = [Column(t("target", lang), max_width=44)]
        columns += [Column(t(k, lang)) for k in ("check.counts", "check.actual", "check.goal", "check.gap", "check.verdict")]
        rows: list[list[Cell]] = []
        for target in report.targets:
            counts, actual, goal, gap = target_cells(target, lang)
            label: Cell = (Line(target.title.get(lang)), Line(target.id, "dim", whole=False))
            rows.append([label, counts, actual, goal, gap, state(target.verdict, "verdict")])
        lines += Table(columns, rows, title=t("check.targets", lang)).draw(width, paint)
    if evaluated and report.tasks:
        columns = [
            Column(t("id", lang), no_wrap=True), Column(t("content", lang), no_wrap=True, max_width=44, overflow="ellipsis"),
            Column(t("due", lang), no_wrap=True),
        ]
        columns += [Column(t(k, lang)) for k in ("check.status", "check.days_late", "check.verdict")]
        rows = []
        for task in report.tasks:
            status = t(f"status.{task.status}", lang) if task.status else t("status.none", lang)
            if task.completed_on:
                status += f" {_day(task.completed_on, lang)}"
            due = Line(_day(task.due, lang)) if task.due else Line(t(f"kind.{task.deadline_kind}", lang), "dim")
            rows.append([
                task.id, (Line(task.content),), (due,), status,
                count(task.days_late, lang) if task.days_late else "", state(task.state, "state"),
            ])
        lines += Table(columns, rows, title=t("check.tasks", lang)).draw(width, paint)
    if evaluated and report.duties:
        columns = [
            Column(t("id", lang), no_wrap=True), Column(t("content", lang), max_width=44),
            Column(t("due", lang), no_wrap=True), Column(t("check.progress", lang)), Column(t("check.verdict", lang)),
        ]
        rows = []
        for duty in report.duties:
            parts = [_day(duty.done_on, lang)] if duty.done_on else []
            parts += [f"{ratio(p.done, p.needed, lang)} {p.what.get(lang)}" for p in duty.progress]
            rows.append([
                duty.id, (Line(duty.title.get(lang)),), _day(duty.due, lang) if duty.due else "",
                (Line("; ".join(parts)),), state(duty.state, "state"),
            ])
        lines += Table(columns, rows, title=t("check.duties", lang)).draw(width, paint)
    lines += paragraph([(t("check.findings", lang), "bold")], width, paint)
    if not report.findings:
        lines += paragraph([(t("check.no_findings", lang), "green")], width, paint)
    for f in report.findings:
        spans = [(f"{t('waived', lang)} ", "dim")] if f.waiver is not None else []
        spans.append((t(f"severity.{f.severity.name}", lang), "dim" if f.waiver else _SEVERITY_STYLE[f.severity]))
        spans.append((f" {f.rule} ", ""))
        spans.append((str(f.location) if f.location else visible(report.path), "dim"))
        spans.append((f" {visible(f.subject)}", "bold"))
        lines += runs(spans, width, paint)
        under = [(visible(f.message.get(lang)), "")]
        if f.hint and f.hint.get(lang):
            under.append((f"{t('hint', lang)}: {visible(f.hint.get(lang))}", "dim"))
        if f.waiver is not None:
            w = f.waiver
            under.append((f"{t('waived', lang)}: {visible(w.reason)} — {visible(w.approver)}, {t('until', lang)} {_day(w.expires, lang)}", "dim"))
        lines += paragraph(under, width, paint, indent=4)
    if not evaluated:
        lines += paragraph([(t("check.not_evaluated", lang), "red")], width, paint)
    lines.append("")
    lines += paragraph([(f"{t('check.summary', lang)}: " + " · ".join(summary_parts(report, lang)), "bold")], width, paint)
    # as capture() leaves Rich's output: trailing blanks gone, no line a CI runner obeys
    return inert("\n".join(line.rstrip(" ") for line in lines) + "\n")


def renderables(report: Report, lang: str) -> list[RenderableType]:
    """The gap report as Rich renderables (for ``render``, and for a recording console to export)."""
    from rich.text import Text

    parts: list[RenderableType] = [Text(t("check.title", lang), style="bold underline"), _header(report, lang), Text("")]
    if report.judged:
        if report.targets:
            parts.append(_targets(report, lang))
        if report.tasks:
            parts.append(_tasks(report, lang))
        if report.duties:
            parts.append(_duties(report, lang))
    parts.append(_findings(report, lang))
    if not report.judged:
        parts.append(Text(t("check.not_evaluated", lang), style="red"))
    parts += [Text(""), _summary(report, lang)]
    return parts


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    """Every judged report, one after another, then the run's total line (how many files were
    checked, one included). Files that could not be judged have their problems printed on
    stderr by the CLI, compiler-style, and are left out here, but counted in the total.
    Quiet (``check -q``), the tables give way to one line per finding, as ``plain`` writes them
    but with the severity in the user's words: this view is read by people, ``plain`` by parsers."""
    if options.quiet:
        from cchc_cli.render import plain

        return plain.render_reports(reports, options, localized=True)
    judged = [r for r in reports if r.judged]
    text = "\n".join(render(r, options.lang, options.console) for r in judged)
    if reports:
        text = (text + "\n" if text else "") + stream_tail(RunCounts.of(reports, options.fail_on), options)
    return text


# -- the same text, written as each file is judged (cchc_cli.stream) --------------------------


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    return ""


def stream_part(report: Report, index: int, options: RenderOptions) -> str:
    """One file's tables and the blank line after them; nothing for a file not judged (its
    problems go to stderr), as :func:`render_reports` leaves it out. Quiet: its lines, as
    :func:`render_reports` writes them."""
    if options.quiet:
        from cchc_cli.render import plain

        return plain.stream_part(report, index, options, localized=True)
    if not report.judged:
        return ""
    return render(report, options.lang, options.console) + "\n"


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    """The run's total line, in bold, as the console prints it (drawn by :mod:`cchc_cli.render.table`
    when it can, as :func:`render` is)."""
    from cchc_cli.render import table

    if options.quiet:
        return ""  # as the quiet lines end: no totals
    lang = options.lang
    total = run_totals(counts, lang)
    line = f"{t('check.files', lang)}: {count(counts.files, lang)} · " + " · ".join(total)
    paint = _painter(options.console)
    if paint is not None:
        try:
            drawn = table.paragraph([(line, "bold")], options.console.width, paint)
            return inert("\n".join(one.rstrip(" ") for one in drawn) + "\n")
        except table.Unsupported:
            pass
    from rich.text import Text

    return capture(options.console, Text(line, style="bold"))
