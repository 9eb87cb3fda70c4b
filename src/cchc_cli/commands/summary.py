"""`cchc summary`: the city's roll-up of many progress files, in text, JSON, CSV, Markdown or a workbook.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli import completions, formats
from cchc_cli.commands import help_of
from cchc_cli.commands.base import ColorOption, PlanOption, emit, guarded, new_console, use_color
from cchc_cli.commands.judging import (
    ExcludeOption,
    FailOn,
    OptionalLang,
    SeverityOption,
    check_export_name,
    files_read,
    format_targets,
    parse_cli_date,
    run_settings,
    write_export,
)
from cchc_cli.uilang import pick as _h
from cchc_cli.bilingual import Bilingual

if TYPE_CHECKING:
    from collections.abc import Callable

    from cchc_cli.formats import SummaryFormat
    from cchc_cli.outputs import Target
    from cchc_cli.models.summary import CityReport


app = typer.Typer(add_completion=False)


@app.command(
    "summary",
    help=help_of("summary"),
    epilog=_h(
        "Mã thoát như 'cchc check': tệp hỏng, hoặc hai tệp cho cùng đơn vị và kỳ, cho mã 2.",
        "Exit codes as for 'cchc check'; a broken file, or two files for one unit and period, gives 2.",
    ),
)
@guarded
def summary(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar=_h("ĐƯỜNG_DẪN...", "PATH..."), help=_h("Thư mục hoặc tệp tiến độ (tìm *.yaml, *.yml đệ quy).", "Directories or files (*.yaml, *.yml, recursively)."), show_default=False),
    ],
    period: Annotated[str, typer.Option("--period", "-p", help=_h("Kỳ tổng hợp: Q1, H1, 9M, FY.", "Period to roll up: Q1, H1, 9M, FY."),
                                            show_default=False, metavar=_h("KỲ", "PERIOD"), autocompletion=completions.periods)],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar=_h("NGÀY", "DATE"), help=_h("Ngày đánh giá cho các tệp của kỳ.", "Judge the period's files as of DATE.")),
    ] = None,
    plan: PlanOption = None,
    lang: OptionalLang = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", metavar=_h("TÊN[=TỆP]", "NAME[=PATH]"), autocompletion=completions.formats, help=_h(formats.summary_help("vi"), formats.summary_help("en")), show_default=False),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option("--export", "-e", metavar=_h("TỆP", "PATH"), help=_h("Lưu báo cáo: .html, .svg hoặc .txt.", "Save the report as .html, .svg or .txt."), show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("Ghi đè tệp --export đã có.", "Overwrite an existing --export file."))] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help=_h("Mức phát hiện làm lệnh thất bại.", "Severity that fails the run."), case_sensitive=False, show_default=False),
    ] = None,
    severity: SeverityOption = None,
    exclude: ExcludeOption = None,
    color: ColorOption = None,
) -> None:
    use_color(color)
    from cchc_cli import api

    # Parse: the command line over the environment over the settings file, once (the settings'
    # format: is check's, not this command's).
    run = run_settings(lang=lang, plan=plan, fail_on=fail_on, severity=severity, fmt=fmt, fmt_in_settings=False,
                       exclude=exclude or [])
    chosen, plan_path = run.lang, run.plan_path
    from cchc_cli.formats import SummaryFormat
    from cchc_cli.render import parse_format_specs

    # Build: the formats and the files, then every output checked before anything is judged.
    specs = parse_format_specs(run.formats or ["text"], SummaryFormat)
    _refuse_binary_on_stdout(specs)
    if export is not None:
        check_export_name(export)
    from cchc_cli import outputs
    from cchc_cli.summary import progress_files

    files = progress_files(paths, run.exclude)
    targets = format_targets(specs, None)
    export_target = outputs.Target(export, "--export", replace=force) if export is not None else None
    outputs.check([*targets.values(), *([export_target] if export_target else [])], files_read(files, run.config, plan_path))
    city = api.summary(
        files, period=period, plan_path=plan_path, as_of=parse_cli_date("--as-of", as_of), fail_on=run.fail_on,
        waivers=run.waivers, today=run.today, progress=_progress_bar(len(files)), severity=run.severity,
    )
    for name, target in specs:
        text = _render_summary(name, city, chosen)
        if target is None:
            assert isinstance(text, str)  # binary formats were refused on stdout above
            emit(text)
        else:
            outputs.write(targets[name, target], text)
    if export_target is not None:
        _export_summary(city, chosen, export_target)
    raise typer.Exit(city.exit_code)


def _refuse_binary_on_stdout(specs: "list[tuple[SummaryFormat, Path | None]]") -> None:
    """A workbook on a terminal is noise and in a pipe rarely meant: xlsx needs =PATH."""
    if any(name.file_only and target is None for name, target in specs):
        from cchc_cli.errors import UsageError
        from cchc_cli.i18n import t

        raise UsageError(
            Bilingual(
                t("xlsx.stdout", "vi"),
                t("xlsx.stdout", "en"),
            ),
            None,
            Bilingual(
                t("xlsx.stdout_hint", "vi"),
                t("xlsx.stdout_hint", "en"),
            ),
        )


def _render_summary(name: "SummaryFormat", city: "CityReport", lang: str) -> str | bytes:
    from cchc_cli.formats import SummaryFormat
    from cchc_cli.render import summary_renderer

    # A Rich console costs ~20 ms to create: only the text format draws on one.
    return summary_renderer(name, new_console() if name is SummaryFormat.text else None)(city, lang)


def _export_summary(city: "CityReport", lang: str, export: "Target") -> None:
    if export.path.suffix.lower() == ".html":  # issue 13: a page that reads and prints, not a terminal picture
        from cchc_cli import outputs
        from cchc_cli.render import summary_html

        outputs.write(export, summary_html.render_summary(city, lang))
        return
    import io

    from rich.console import Console
    from rich.text import Text

    from cchc_cli.render import summary_text

    styled = summary_text.render_summary(
        city, lang, Console(file=io.StringIO(), force_terminal=True, width=140, soft_wrap=False, highlight=False)
    )
    write_export([Text.from_ansi(styled)], export, "cchc summary", 140)


def _progress_bar(total: int) -> "Callable[[], None] | None":
    """A progress bar on stderr for many files in a terminal; nothing in CI logs or pipes."""
    if total < 50 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.progress import Progress

    from rich.console import Console

    bar = Progress(transient=True, console=Console(stderr=True))
    task = bar.add_task("cchc summary", total=total)
    bar.start()
    done = [0]

    def advance() -> None:
        done[0] += 1
        bar.advance(task)
        if done[0] >= total:
            bar.stop()

    return advance
