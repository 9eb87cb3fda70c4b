"""`cchc report`: the gap report of one agency, on the terminal or saved as a file to attach.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""

from pathlib import Path
from typing import Annotated

import typer

from cchc_cli import completions
from cchc_cli.commands import help_of
from cchc_cli.commands.base import (
    ColorOption,
    EXIT_INPUT,
    PlanOption,
    emit,
    err,
    guarded,
    new_console,
    use_color,
)
from cchc_cli.commands.judging import (
    FailOn,
    OptionalLang,
    SeverityOption,
    check_export_name,
    files_read,
    parse_cli_date,
    print_input_findings,
    run_settings,
    write_export,
)
from cchc_cli.uilang import pick as _h
from cchc_cli.bilingual import Bilingual


app = typer.Typer(add_completion=False)


@app.command(
    "report",
    help=help_of("report"),
    epilog=_h(
        "Mã thoát như 'cchc check TỆP': 0 đạt; 1 có phát hiện từ mức --fail-on; 2 tệp hoặc lệnh không hợp lệ; 3 lỗi "
        "nội bộ.",
        "Exit codes as for 'cchc check FILE': 0 compliant; 1 findings at or above --fail-on; 2 invalid input or "
        "usage; 3 internal error.",
    ),
)
@guarded
def report(
    file: Annotated[Path, typer.Argument(metavar=_h("TỆP", "FILE"), help=_h("Tệp tiến độ (YAML).", "The progress file."), show_default=False)],
    export: Annotated[
        Path | None,
        typer.Option("--export", "-e", metavar=_h("TỆP", "PATH"), help=_h("Lưu báo cáo: .html, .svg hoặc .txt.", "Save the report as .html, .svg or .txt."), show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("Ghi đè tệp đã có.", "Overwrite an existing file."))] = False,
    period: Annotated[str | None, typer.Option("--period", "-p", help=_h("Kỳ báo cáo.", "Reporting period."),
                                                     metavar=_h("KỲ", "PERIOD"), autocompletion=completions.periods)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar=_h("NGÀY", "DATE"), help=_h("Ngày đánh giá.", "Judge as of DATE."))] = None,
    plan: PlanOption = None,
    lang: OptionalLang = None,
    severity: SeverityOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help=_h("Mức phát hiện làm lệnh thất bại (mã thoát 1); mặc định error.", "Severity that fails the run (exit 1); default error."),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api
    from cchc_cli.errors import UsageError
    from cchc_cli.i18n import t
    from cchc_cli.render import check_text

    # Parse: the command line over the environment over the settings file, once.
    run = run_settings(lang=lang, plan=plan, fail_on=fail_on, severity=severity)
    chosen, threshold, plan_path = run.lang, run.fail_on, run.plan_path
    from cchc_cli.yamlio import is_directory

    if is_directory(file):
        raise UsageError(
            Bilingual(
                f"{file} là một thư mục: báo cáo dành cho một tệp tiến độ",
                f"{file} is a directory: a report is about one progress file",
            ),
            None,
            Bilingual(
                "hãy nêu một tệp; lệnh 'cchc check' nhận thư mục",
                "name one file; 'cchc check' takes directories",
            ),
        )
    (result,) = api.check_paths([file], plan_path=plan_path, period=period, as_of=parse_cli_date("--as-of", as_of),
                                waivers=run.waivers, today=run.today, severity=run.severity)
    if result.agency is None or result.period is None:
        print_input_findings(result, chosen)
        raise typer.Exit(EXIT_INPUT)
    if export is None:
        emit(check_text.render(result, chosen, new_console()))
    else:
        check_export_name(export)
        from cchc_cli import outputs

        target = outputs.Target(export, "--export", replace=force)
        outputs.check([target], files_read([file], run.config, plan_path))
        if export.suffix.lower() == ".html":  # issue 13: a page that reads and prints, not a terminal picture
            from cchc_cli.render import check_html

            outputs.write(target, check_html.render(result, chosen))
        else:
            write_export(check_text.renderables(result, chosen), target, f"cchc — {result.agency.name} — {result.period}", 120)
        err(f"{t('init.wrote', chosen)} {export}")
    problems = tuple(f for f in result.findings if f.is_input_error)
    if problems:  # as 'cchc check' shows them: compiler-style on stderr, whatever the report says
        print_input_findings(result._replace(findings=problems), chosen)
    # One answer per question: the report of a file exits as 'cchc check FILE' does.
    raise typer.Exit(result.exit_code(threshold))
