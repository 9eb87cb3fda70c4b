"""Rich tables for ``cchc plan …``: the views laid out for a terminal, Vietnamese by default.

Every string from the data goes in as :class:`rich.text.Text`, never as markup, so brackets in
the plan (or in a user's ``--plan`` file) are shown as written; and through :func:`_text` (which
is :func:`cchc_cli.text.visible`), so a control character or a bidirectional override in a
``--plan`` file is shown as ``\x1b`` or ``<U+202E>``, never sent to the terminal. The views are the JSON documents
(ISO dates, internal codes); this module only words them for a person: dates as the language
writes them (31/03/2021 in Vietnamese, as ``check`` writes them) and a deadline's structure in
the catalogue's labels, never ``kind=event``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cchc_cli.dates import day_text
from cchc_cli.i18n import t
from cchc_cli.numbers import count, goal
from cchc_cli.render.terminal import capture
from cchc_cli.text import visible

View = dict[str, Any]


def _text(value: object, style: str = "") -> Text:
    """A value from the data as a cell shows it: every character visible, no markup read.

    Data never reaches the console by another way: a cell, a title or an appended part of this
    module that holds a value from the plan is made here (or from :func:`_shown_lines`).
    """
    return Text(visible(value if isinstance(value, str) else str(value)), style=style)


def _shown_lines(lines: list[str]) -> str:
    """Values shown one per line: each made visible, so only the lines this module makes break."""
    return "\n".join(visible(line) for line in lines)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_lines=False)
    for i, column in enumerate(columns):
        # Ids are never broken; long words elsewhere fold rather than vanish behind an ellipsis.
        table.add_column(column, no_wrap=i == 0, overflow="fold")
    return table


def _day(value: object, lang: str) -> str:
    """An ISO date of a view as the language writes it; anything else (a user's --plan) as it is."""
    if isinstance(value, str):
        try:
            return day_text(date.fromisoformat(value), lang)
        except ValueError:
            return value
    return "—" if value is None else str(value)


def _quote(text: str, lang: str) -> str:
    """The plan's own words: bare in Vietnamese, quoted in English (a quote from the source)."""
    return f"“{text}”" if lang == "en" else text


def _structure(deadline: View, lang: str) -> str:
    """A deadline's parsed structure in words of the language: "theo sự kiện · sự kiện: …"."""
    import calendar

    year = deadline.get("year")
    quarter, month = deadline.get("quarter"), deadline.get("month")
    # "quý I/2021" says its kind itself; the other kinds are named first.
    parts = [] if quarter is not None or month is not None else [t(f"kind.{deadline['kind']}", lang)]
    if quarter is not None:
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}.get(quarter, str(quarter))
        parts.append(t("structure.quarter", lang).format(n=quarter, roman=roman, year=year or "—"))
    elif month is not None:
        name = calendar.month_name[month] if isinstance(month, int) and 1 <= month <= 12 else str(month)
        parts.append(t("structure.month", lang).format(n=month, name=name, year=year or "—"))
    elif year is not None:
        parts.append(t("structure.year", lang).format(year=year))
    if deadline.get("freq"):
        parts.append(t(f"freq.{deadline['freq']}", lang))
    if deadline.get("schedule"):
        parts.append(t(f"schedule.{deadline['schedule']}", lang))
    if deadline.get("trigger"):
        parts.append(f"{t('structure.trigger', lang)}: {_quote(deadline['trigger'], lang)}")
    if deadline.get("by"):
        parts.append(f"{t('structure.by', lang)} {_quote(deadline['by'], lang)}")
    # Fields a future dataset may add still show, as data, rather than vanish.
    worded = {"kind", "year", "quarter", "month", "freq", "schedule", "trigger", "by", "event",
              "text", "reading", "erratum", "due", "waits_for", "within_days", "reading_id"}
    parts += [f"{k}={v}" for k, v in deadline.items() if k not in worded and v is not None]
    return " · ".join(parts)


def _deadline_cell(view: View, lang: str) -> Text:
    deadline = view["deadline"]
    text = _text(view["deadline_text"])
    if deadline.get("reading"):
        text.append(visible(f" → {deadline['reading']} ({deadline['erratum']})"), style="yellow")
    return text


def _due_cell(view: View, lang: str) -> Text:
    if view["due"]:
        return _text(_day(view["due"], lang))
    deadline = view["deadline"]
    kind = deadline["kind"]
    label = t(f"kind.{kind}", lang)
    if kind == "recurring":
        label = t(f"freq.{deadline['freq']}", lang)
    elif kind == "reporting":
        label = t(f"schedule.{deadline['schedule']}", lang)
    elif kind == "event" and (deadline.get("trigger") or deadline.get("event")):
        # The source's words for the event, not its id (papi_sipas_parindex_published).
        label = f"{label}: {_quote(deadline['trigger'], lang) if deadline.get('trigger') else deadline['event']}"
        if deadline.get("within_days") is not None:
            # The window is the tool's reading, not the plan's words: say whose it is.
            label += f", ≤ {count(deadline['within_days'], lang)} {t('days', lang)} ({deadline['reading_id']})"
    return _text(label, style="dim")


def info(view: View, lang: str, console: Console) -> str:
    plan = view["plan"]
    decision = view["decision"]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        (t("plan_id", lang), plan["id"]),
        (t("version", lang), plan["version"]),
        (t("digest", lang), plan["sha256"]),
        (t("title", lang), view["title"]["en" if lang == "en" else "vi"]),
        (t("decision", lang), f"{decision['number']} — {decision['issuer_name']}"),
        (t("issued_on", lang), _day(decision["issued_on"], lang)),
        (t("signer", lang), f"{decision['signer']} ({decision['signer_title']})"),
        (t("source", lang), view["source"]),
        (t("dataset", lang), view["path"] + (f" {t('bundled', lang)}" if view["bundled"] else "")),
    ]
    counts = view["counts"]
    rows.append(
        (
            t("counts", lang),
            ", ".join([
                f"{count(counts['targets'], lang)} {t('n_targets', lang)}",
                f"{count(counts['sections'], lang)} {t('n_sections', lang)}",
                f"{count(counts['numbered_rows'], lang)} {t('n_rows', lang)} / {count(counts['tasks'], lang)} {t('n_tasks', lang)}",
                f"{count(counts['duties'], lang)} {t('n_duties', lang)}",
                f"{count(counts['agencies'], lang)} {t('n_agencies', lang)}",
                f"{count(counts['errata'], lang)} {t('n_errata', lang)}",
            ]),
        )
    )
    for label, value in rows:
        grid.add_row(Text(label), _text(value))
    reporting = _table(t("reporting", lang), t("period", lang), t("name", lang), t("data_cutoff", lang), t("report_due", lang))
    for period in view["reporting"]:
        reporting.add_row(
            _text(period["period"]),
            _text(period["name_en"] if lang == "en" else period["name"]),
            _text(_day(period["cutoff"], lang)),
            _text(_day(period["due"], lang)),
        )
    return capture(console, Panel(grid, title=t("plan", lang), expand=False), reporting)


def targets(views: list[View], lang: str, console: Console) -> str:
    table = _table(t("targets", lang), t("id", lang), t("target", lang), t("threshold", lang), t("metric", lang), t("applies_to", lang))
    for view in views:
        threshold = goal(view["comparator"], view["threshold_percent"], lang)
        if view["aspirational"]:
            threshold += f" ({t('aspirational', lang)})"
        metric = f"{view['numerator'][lang]} / {view['denominator'][lang]}"
        applies = ", ".join(t(f"agency_kind.{k}", lang) for k in view["applies_to"])
        table.add_row(_text(view["id"]), _text(view["title"][lang]), _text(threshold), _text(metric), _text(applies))
    return capture(console, table)


def tasks(views: list[View], lang: str, console: Console) -> str:
    if not views:
        return capture(console, Text(t("no_tasks", lang)))
    table = _table(
        f"{t('tasks', lang)} ({count(len(views), lang)})",
        t("id", lang),
        t("content", lang),
        t("lead", lang),
        t("deadline", lang),
        t("due", lang),
    )
    for view in views:
        lead = _text(view["lead_name"])
        if view["lead_inherited"]:
            lead.append(" ↑", style="dim")
        content = _text(view["content"] if not view["content_inherited"] else (view["product"] or view["content"]))
        table.add_row(_text(view["id"], style="bold"), content, lead, _deadline_cell(view, lang), _due_cell(view, lang))
    return capture(console, table)


def task(view: View, lang: str, console: Console) -> str:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    content = _text(view["content"])
    if view["content_inherited"]:
        content.append(f"  ({t('inherited', lang)})", style="dim")
    lead = _text(view["lead_name"])
    if view["lead_text"]:
        lead.append(f"  [{visible(view['lead_text'])}]", style="dim")
    if view["lead_inherited"]:
        lead.append(f"  ({t('inherited', lang)})", style="dim")
    coordinators = _text("; ".join(p["name"] for p in view["coordinators"]) or "—")
    if view["coordinators_text"]:
        coordinators.append("\n" + _shown_lines(view["coordinators_text"]), style="dim")
    deadline = view["deadline"]
    rows: list[tuple[str, Text]] = [
        (t("section", lang), _text(f"{view['section']}  (STT: {view['source_number'] or '—'})")),
        (t("content", lang), content),
        (t("product", lang), _text(view["product"] or "—")),
        (t("lead", lang), lead),
        (t("coordinators", lang), coordinators),
        (t("deadline", lang), _deadline_cell(view, lang)),
        (t("structure", lang), _text(_structure(deadline, lang))),
        (t("due", lang), _due_cell(view, lang)),
    ]
    if deadline.get("waits_for"):
        events = deadline["waits_for"]
        waits = Text(_shown_lines([f"{e['id']}: {e['title'][lang]}" for e in events]))
        if deadline.get("within_days") is not None:
            key = "days_after_all" if len(events) > 1 else "days_after"
            waits.append("\n" + t(key, lang).format(days=deadline["within_days"], n=len(events)), style="yellow")
        rows.append((t("waits_for", lang), waits))
    for label, value in rows:
        grid.add_row(Text(label), value)
    parts: list[RenderableType] = [grid]
    for erratum in view["errata"]:
        parts.append(_erratum_panel(erratum, lang))
    for reading in view.get("readings", ()):
        parts.append(_reading_panel(reading, lang))
    return capture(console, Panel(Group(*parts), title=_text(f"{t('task', lang)} {view['id']}"), expand=False))


def _erratum_panel(erratum: View, lang: str) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    where = erratum["where"] + (f" · {erratum['field']}" if erratum["field"] else "")
    grid.add_row(Text(t("where", lang)), _text(where))
    grid.add_row(Text(t("source_text", lang)), _text(erratum["source_text"]))
    grid.add_row(Text(t("reading", lang)), _text(erratum["reading"]))
    grid.add_row(Text(t("why", lang)), _text(erratum["why"][lang]))
    title = _text(f"{t('erratum', lang)} {erratum['id']} ({erratum['kind']})")
    return Panel(grid, title=title, border_style="yellow", expand=False)


def _reading_panel(reading: View, lang: str) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row(Text(t("phrase", lang)), _text(reading["phrase"]))
    cites = _shown_lines([f"{c['where']} · {t('source_line', lang)} {c['line']}: {c['text']}" for c in reading["cites"]])
    grid.add_row(Text(t("cited_at", lang)), Text(cites))
    grid.add_row(Text(t("reading", lang)), _text(reading["reading"][lang]))
    grid.add_row(Text(t("why", lang)), _text(reading["why"][lang]))
    title = _text(f"{t('tool_reading', lang)} {reading['id']}")
    return Panel(grid, title=title, border_style="yellow", expand=False)


def agencies(views: list[View], lang: str, console: Console) -> str:
    table = _table(f"{t('agencies', lang)} ({count(len(views), lang)})", t("id", lang), t("name", lang), t("kind", lang), t("code", lang), t("communes", lang))
    for view in views:
        name = view["name_en"] if lang == "en" else view["name"]
        table.add_row(
            _text(view["id"]),
            _text(name),
            _text(t(f"agency_kind.{view['kind']}", lang)),
            _text(view["code"] or ""),
            _text(count(view["communes"], lang) if view["communes"] else ""),
        )
    return capture(console, table)


def errata(views: list[View], lang: str, console: Console) -> str:
    table = _table(f"{t('errata', lang)} ({count(len(views), lang)})", t("id", lang), t("where", lang), t("source_text", lang), t("reading", lang), t("why", lang))
    for view in views:
        where = view["where"] + (f" · {view['field']}" if view["field"] else "")
        table.add_row(_text(view["id"]), _text(where), _text(view["source_text"]), _text(view["reading"]), _text(view["why"][lang]))
    return capture(console, table)


def rules(views: list[View], lang: str, console: Console) -> str:
    table = _table(t("rules", lang), t("id", lang), t("rules.slug", lang), t("severity", lang), t("content", lang))
    for view in views:
        severity = Text(t(f"severity.{view['severity']}", lang))
        if view.get("effective", view["severity"]) != view["severity"]:
            # the default, then what this repository's settings or flags make of it, and where
            severity.append(f" → {t('severity.' + view['effective'], lang)} ({visible(view['effective_source'])})", style="bold")
        table.add_row(view["id"], view["slug"], severity, Text(f"{view['title']}: {view['help']}"))
    return capture(console, table)
