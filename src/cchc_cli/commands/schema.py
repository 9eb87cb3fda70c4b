"""`cchc schema …`: the JSON Schemas of the files cchc reads.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""


import typer

from cchc_cli.commands import help_of
from cchc_cli.commands.base import GlobalLang, PlanOption, emit, guarded, state
from cchc_cli.uilang import pick as _h


schema_app = typer.Typer(help=help_of("schema"), no_args_is_help=True, add_completion=False)


@schema_app.callback()
def schema_group(lang: GlobalLang = None) -> None:
    # Its commands print JSON only: --lang here sets the language of help and usage errors.
    if lang is not None:
        state.lang_flag = lang.value


@schema_app.command(
    "progress",
    help=_h(
        "Lược đồ JSON của tệp tiến độ (mô tả tiếng Việt và tiếng Anh).",
        "The progress file's JSON Schema (descriptions in Vietnamese and English).",
    ),
)
@guarded
def schema_progress(plan: PlanOption = None) -> None:
    from cchc_cli import api
    from cchc_cli.render import dump_json

    emit(dump_json(api.progress_schema(plan_path=plan)))
