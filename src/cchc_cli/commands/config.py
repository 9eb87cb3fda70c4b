"""`cchc config`: the effective settings and where each value comes from.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""

from typing import Any

import typer

from cchc_cli.commands import help_of
from cchc_cli.commands.base import (
    ColorOption,
    FormatOption,
    PlanFormat,
    emit,
    guarded,
    new_console,
    state,
    use_color,
)
from cchc_cli.commands.judging import OptionalLang


app = typer.Typer(add_completion=False)


@app.command(
    "config",
    help=help_of("config"),
)
@guarded
def show_config(lang: OptionalLang = None, fmt: FormatOption = PlanFormat.table, color: ColorOption = None) -> None:
    use_color(color)
    from cchc_cli import config
    from cchc_cli.i18n import t

    settings = config.with_environment(config.load())
    if lang is not None and state.lang_from_flag:
        # The view shows what a run would use: a --lang on the line beats CCHC_LANG and the file.
        settings = config.with_flags(settings, {"lang": lang.value})
    # A waiver expires against the as_of of the report it would waive: without a report there is
    # no date to judge it by, so "expired" is known only when CCHC_TODAY fixes one for every report.
    fixed = config.fixed_today()
    chosen = state.lang = (lang.value if lang else None) or str(settings.value("lang"))
    waivers = [
        {
            "rule": w.rule, "subject": w.subject, "file": w.file, "reason": w.reason, "approver": w.approver,
            "expires": w.expires.isoformat(), "expired": None if fixed is None else w.expires < fixed,
            "source": str(w.source) if w.source else None,
        }
        for w in settings.waivers
    ]
    from cchc_cli.rules import RULES

    # Only the rules the repository changes: the others are as 'cchc rules' lists them.
    severity = [
        {"rule": rule, "slug": RULES[rule].slug, "default": RULES[rule].severity.name, "value": s.value, "source": s.source}
        for rule, s in sorted(settings.severity.items())
    ]
    view = {
        "file": str(settings.path) if settings.path else None,
        "settings": {key: {"value": s.value, "source": s.source} for key, s in settings.settings.items()},
        "waivers": waivers,
        "severity": severity,
        "waivers_judged_against": "as_of" if fixed is None else fixed.isoformat(),
    }
    if fmt is PlanFormat.json:
        from cchc_cli.render import dump_json

        emit(dump_json(view))
        return
    from rich.table import Table
    from rich.text import Text

    from cchc_cli.render.terminal import capture
    from cchc_cli.text import visible

    table = Table(title=t("config.title", chosen), title_justify="left", show_edge=False)
    for column in (t("config.key", chosen), t("config.value", chosen), t("config.source", chosen)):
        table.add_column(column)
    # The configuration is a file anyone can commit: every value in it shown as one line.
    for key, s in settings.settings.items():
        shown = ", ".join(s.value) if isinstance(s.value, list) else ("—" if s.value is None else str(s.value))
        table.add_row(key, Text(visible(shown)), Text(visible(config.source_label(s.source, chosen))))
    parts: list[Any] = [Text(visible(f"{t('config.file', chosen)}: {settings.path or t('config.none', chosen)}")), table]
    if waivers:
        wt = Table(title=t("config.waivers", chosen), title_justify="left", show_edge=False)
        for column in ("rule", "subject", "file", t("config.reason", chosen), t("config.approver", chosen),
                       t("config.expires", chosen), t("config.source", chosen)):
            wt.add_column(column)
        for w in waivers:
            expires = Text(str(w["expires"]), style="red" if w["expired"] else "")
            if w["expired"]:
                expires.append(f" ({t('config.expired', chosen)})")
            wt.add_row(Text(visible(str(w["rule"]))), Text(visible(str(w["subject"]))), Text(visible(str(w["file"] or "*"))),
                       Text(visible(str(w["reason"]))), Text(visible(str(w["approver"]))), expires,
                       Text(visible(str(w["source"] or ""))))
        parts.append(wt)
        judged = t("config.judged_as_of", chosen) if fixed is None else f"{t('config.judged_fixed', chosen)}: {fixed.isoformat()}"
        parts.append(Text(judged))
    if severity:
        st = Table(title=t("config.severity", chosen), title_justify="left", show_edge=False)
        for column in (t("config.rule", chosen), "slug", t("config.default", chosen), t("config.value", chosen),
                       t("config.source", chosen)):
            st.add_column(column)
        for entry in severity:
            st.add_row(str(entry["rule"]), str(entry["slug"]), t(f"severity.{entry['default']}", chosen),
                       Text(t(f"severity.{entry['value']}", chosen), style="bold" if entry["value"] == "off" else ""),
                       Text(visible(config.source_label(str(entry["source"]), chosen))))
        parts.append(st)
    emit(capture(new_console(), *parts) + "\n")
