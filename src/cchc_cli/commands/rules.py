"""`cchc rules`: the catalogue of rules (ids, levels, meanings), from the rule registry.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""


import typer

from cchc_cli.commands import help_of
from cchc_cli.commands.base import (
    ColorOption,
    DECIDED_LANG,
    FormatOption,
    LangOption,
    PlanFormat,
    emit,
    guarded,
    new_console,
    use_color,
)
from cchc_cli.commands.judging import SeverityOption
from cchc_cli.uilang import pick as _h


app = typer.Typer(add_completion=False)


@app.command(
    "rules",
    help=help_of("rules"),
    epilog=_h(
        "Mức độ mặc định, và mức độ đang dùng nếu thiết lập (severity:) hoặc --severity thay đổi nó.",
        "The default severity, and the effective one where the settings (severity:) or --severity change it.",
    ),
)
@guarded
def rules(
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    severity: SeverityOption = None,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import config
    from cchc_cli.rules import RULES

    chosen = config.with_severity_flags(config.load(), severity).severity
    views = [
        {"id": r.id, "slug": r.slug, "family": r.family, "severity": r.severity.name,
         "title": r.title.get(lang.value), "help": r.help.get(lang.value),
         # "severity" stays the catalogue's default (a contract); these say what a check here uses
         "effective": chosen[r.id].value if r.id in chosen else r.severity.name,
         "effective_source": chosen[r.id].source if r.id in chosen else "default"}
        for r in RULES.values()
    ]
    if fmt is PlanFormat.json:
        from cchc_cli.render import dump_json

        emit(dump_json({"rules": views}))
        return
    from cchc_cli.render import plan_text

    emit(plan_text.rules(views, lang.value, new_console()))
