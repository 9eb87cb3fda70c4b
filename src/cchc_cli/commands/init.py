"""`cchc init`: a ready-to-fill progress file for an agency and a period, commented in its language.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""

import os
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli import completions
from cchc_cli.commands import help_of
from cchc_cli.commands.base import DECIDED_LANG, LangOption, PlanOption, emit, err, guarded
from cchc_cli.commands.judging import files_read
from cchc_cli.uilang import pick as _h


app = typer.Typer(add_completion=False)


@app.command(
    "init",
    help=help_of("init"),
)
@guarded
def init(
    agency: Annotated[str, typer.Option("--agency", "-a", help=_h("Cơ quan, đơn vị (mã hoặc tên).", "Agency (id or name)."),
                                         show_default=False, metavar=_h("CƠ_QUAN", "AGENCY"), autocompletion=completions.agencies)],
    period: Annotated[
        str | None, typer.Option("--period", "-p", help=_h("Kỳ báo cáo: Q1, H1, 9M, FY.", "Reporting period: Q1, H1, 9M, FY."),
                                   show_default=False, metavar=_h("KỲ", "PERIOD"), autocompletion=completions.periods)
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar=_h("TỆP", "FILE"), help=_h("Tệp sẽ ghi ('-' = màn hình), hoặc thư mục; mặc định <mã>-<kỳ>.yaml.",
                             "File to write ('-' for stdout), or a directory to write it in; default <id>-<period>.yaml."), show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("Ghi đè tệp đã có.", "Overwrite an existing file."))] = False,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
) -> None:
    from cchc_cli import api
    from cchc_cli.errors import UsageError
    from cchc_cli.i18n import t

    text, default_name = api.progress_template(agency, period, plan_path=plan, lang=lang.value)
    if output == "-":
        emit(text)
        return
    from cchc_cli.yamlio import is_directory

    # A directory (named so with a trailing '/', or one that exists) gets the file by its usual name.
    if output is not None and (output.endswith(("/", os.sep)) or is_directory(Path(output))):
        target = Path(output) / default_name
    else:
        target = Path(output) if output is not None else Path(default_name)
    from cchc_cli import outputs
    from cchc_cli.scaffold import SCHEMA_FILE

    schema_path = target.parent / SCHEMA_FILE
    # The schema the file's first line points editors at, written once beside it, never replaced.
    write_schema = not schema_path.exists()
    wanted = [outputs.Target(target, "--output", replace=force)]
    if write_schema:
        wanted.append(outputs.Target(schema_path, "--output", replace=False))
    outputs.check(wanted, files_read([], None, plan))
    outputs.write(wanted[0], text)
    err(f"{t('init.wrote', lang.value)} {target}")
    if write_schema:
        from cchc_cli.render import dump_json

        schema = dump_json(api.progress_schema(plan_path=plan))
        try:
            outputs.write(wanted[1], schema)
            err(f"{t('init.wrote', lang.value)} {schema_path}")
        except UsageError:
            pass
    from cchc_cli.walk import conventional

    if not conventional(target.name):
        # The name is the user's choice; what it costs them is said now, not found out later.
        err(f"  {t('hint', lang.value)}: {t('init.unconventional', lang.value).format(name=default_name)}")
