"""`cchc check`: progress files judged against the plan, each report in the formats asked for.

Imported only when this command runs, its help is asked for or the shell completes it (see
:mod:`cchc_cli.commands`). No ``from __future__ import annotations``: Typer reads the signatures.
"""

import os
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli import completions, formats
from cchc_cli.commands import help_of
from cchc_cli.commands.base import ColorOption, PlanOption, emit, guarded, new_screen, use_color
from cchc_cli.commands.judging import (
    ExcludeOption,
    FailOn,
    OptionalLang,
    SeverityOption,
    append_step_summary,
    files_read,
    format_targets,
    parse_cli_date,
    print_input_findings,
    run_settings,
)
from cchc_cli.uilang import pick as _h


app = typer.Typer(add_completion=False)


@app.command(
    "check",
    help=help_of("check"),
    epilog=_h(
        "Mã thoát: 0 đạt; 1 có phát hiện từ mức --fail-on; 2 tệp hoặc lệnh không hợp lệ; 3 lỗi nội bộ. Thiết lập "
        "trong .cchc.yaml hoặc \\[tool.cchc] của pyproject.toml; cờ dòng lệnh được ưu tiên.",
        "Exit codes: 0 compliant; 1 findings at or above --fail-on; 2 invalid input or usage; 3 internal error. "
        "Settings from .cchc.yaml or \\[tool.cchc] in pyproject.toml; flags win.",
    ),
)
@guarded
def check(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar=_h("TỆP|THƯ_MỤC|-...", "FILE|DIR|-..."),
            help=_h(
                "Tệp tiến độ (YAML), hoặc thư mục: mọi tệp *.yaml, *.yml trong đó, kể cả thư mục con; '-' là đầu vào chuẩn.",
                "Progress files, or directories (every *.yaml and *.yml below, recursively); '-' is standard input.",
            ),
            show_default=False,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar=_h("KỲ", "PERIOD"),
            autocompletion=completions.periods,
            help=_h(
                "Kỳ báo cáo (Q1, H1, 9M, FY), thay cho kỳ trong tệp; ngày chốt mặc định theo kỳ này.",
                "Period (Q1, H1, 9M, FY), overriding the file's; as-of then defaults to its cut-off.",
            ),
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar=_h("NGÀY", "DATE"), help=_h("Ngày đánh giá, thay cho as_of của tệp.", "Judge as of DATE, overriding the file's.")),
    ] = None,
    plan: PlanOption = None,
    lang: OptionalLang = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar=_h("TÊN[=TỆP]", "NAME[=PATH]"),
            autocompletion=completions.formats,
            help=_h(formats.check_help("vi"), formats.check_help("en")),
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help=_h("Mức phát hiện làm lệnh thất bại (mã thoát 1); mặc định error.", "Severity that fails the check (exit 1); default error."),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    severity: SeverityOption = None,
    exclude: ExcludeOption = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help=_h(
                "Chỉ in các phát hiện từ mức --fail-on, và không in gì khi đạt (text, plain, github).",
                "Only the findings at or above --fail-on, and nothing when the run passes (text, plain, github).",
            ),
        ),
    ] = False,
    color: ColorOption = None,
) -> None:
    from cchc_cli import api, outputs
    from cchc_cli.formats import CheckFormat
    from cchc_cli.models.report import exit_code, only_failing
    from cchc_cli.render import RenderOptions, parse_format_specs, render

    # Parse: the command line over the environment over the settings file, once.
    use_color(color)
    run = run_settings(lang=lang, plan=plan, fail_on=fail_on, severity=severity, fmt=fmt or [], exclude=exclude or [],
                       say_off=not quiet)
    chosen_lang, threshold, plan_path, settings = run.lang, run.fail_on, run.plan_path, run.config
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    # Build: the formats and the files, then every output checked before anything is judged.
    specs = parse_format_specs(run.formats or (["github"] if github else ["text"]), CheckFormat)
    when = parse_cli_date("--as-of", as_of)

    # "./-" is the file named "-" (Path drops the "./"): made absolute, it is not standard input.
    paths = [Path(arg).absolute() if arg != "-" and Path(arg) == Path("-") else Path(arg) for arg in files]
    progress_files = [path for path, _ in api.expand_paths(paths, run.exclude)]  # directories walked once
    # Many files in formats that can be written as they come: judged in parallel and streamed,
    # nothing of a report held to the end (cchc_cli.stream). Else every report at once, as before.
    streamed = len(progress_files) > 1 and all(name.streamed for name, _ in specs)
    if streamed:
        from cchc_cli.compiled import compiled_plan

        api.check_options(compiled_plan(plan_path), period, when)  # before any byte of output
    reports = [] if streamed else api.check_paths(
        progress_files, plan_path=plan_path, period=period, as_of=when, waivers=run.waivers, today=run.today,
        severity=run.severity,
    )
    from cchc_cli import sourceroot

    # Found once, here at the edge: sarif, github and gitlab name files relative to the repository,
    # whatever directory cchc runs from.
    root = sourceroot.find(progress_files, settings.path)
    # Only the text format draws on a terminal; a screen makes Rich's console (~20 ms) only if the
    # report's own layout cannot draw it.
    options = RenderOptions(chosen_lang, threshold, new_screen() if any(n is CheckFormat.text for n, _ in specs) else None, root)
    # Every output file is checked before anything is written: a run either writes all its
    # outputs or none, never over a file it reads, never where settings may not send it.
    targets = format_targets(specs, settings)
    outputs.check(list(targets.values()), files_read([p for p in progress_files if p != Path("-")], settings, plan_path))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY") if any(name is CheckFormat.github for name, _ in specs) else None
    if streamed:
        from cchc_cli import stream

        # --quiet shortens a line format bound for stdout, as below; the GitHub job summary is
        # the whole Markdown report, spooled as it streams, then appended as below.
        names = [name for name, _ in specs] + ([CheckFormat.markdown] if step_summary else [])
        shortened = [quiet and target is None and name.quiet for name, target in specs] + ([False] if step_summary else [])
        job = stream.Job(plan_path, period, when, run.waivers, run.today, run.severity, threshold,
                         tuple(names), options, quiet=tuple(shortened))
        sinks, spools = stream.sinks_for([*specs, *([(CheckFormat.markdown, Path(step_summary))] if step_summary else [])], emit)
        counts, reports = stream.write_stream(api.expand_paths(progress_files), job, sinks)
        summary_spool = spools.pop() if step_summary else None
        for spool in spools:
            spool.file.seek(0)
            outputs.write(targets[spool.name, spool.target], spool.file)  # copied in blocks, never whole
        if step_summary and summary_spool is not None:
            import io

            summary_spool.file.seek(0)
            markdown = io.TextIOWrapper(summary_spool.file, encoding="utf-8", newline="")
            append_step_summary(Path(step_summary), iter(lambda: markdown.read(1 << 20), ""), chosen_lang)
    failing = only_failing(reports, threshold) if quiet else reports
    for name, target in [] if streamed else specs:
        if quiet and target is None and name.quiet:
            # Quiet: the findings that fail the run, one line each, and nothing when none does.
            if exit_code(reports, threshold) != 0:
                emit(render(name, failing, options._replace(quiet=True)))
            continue
        text = render(name, reports, options)
        if target is None:
            emit(text)
        else:
            outputs.write(targets[name, target], text)
    if step_summary and not streamed:
        append_step_summary(Path(step_summary), render(CheckFormat.markdown, reports, options), chosen_lang)
    quiet_shown = quiet and any(target is None and name.quiet for name, target in specs)
    if not quiet_shown and (any(name is CheckFormat.text for name, _ in specs) or all(target is not None for _, target in specs)):
        # Problems in the files themselves go where errors go, compiler-style, whatever else is shown.
        for report in reports:
            problems = tuple(f for f in report.findings if f.is_input_error)
            if problems:
                print_input_findings(report._replace(findings=problems), chosen_lang)
    raise typer.Exit(counts.exit_code if streamed else exit_code(reports, threshold))
