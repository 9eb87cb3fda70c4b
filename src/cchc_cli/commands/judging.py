"""What the judging commands (check, report, summary) share: their options, their settings, the files they write.

Each of them runs in three steps, as check-jsonschema's commands do: **parse** the command line,
the environment and the settings file once into a :class:`RunSettings`; **build** the parts (the
plan, the format specs and their output targets, checked before anything is judged); **execute**
(judge, render, write, exit). Everything after the first step is given the settings it needs
rather than reading them again.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from cchc_cli import completions
from cchc_cli.commands.base import Lang, err, state
from cchc_cli.uilang import pick as _h
from cchc_cli.bilingual import Bilingual

if TYPE_CHECKING:  # Typer reads this module's annotations: the names below are written as strings
    from rich.console import RenderableType

    from cchc_cli.config import Config
    from cchc_cli.models.report import Report, Severity, Waiver
    from cchc_cli.outputs import Target
    from cchc_cli.severity import Overrides


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class RunSettings(NamedTuple):
    """What one judging run was told, parsed once (:func:`run_settings`), immutable after.

    Precedence, for each value: the command line (a flag, or the environment variable Typer reads
    as that flag: ``CCHC_LANG``, ``CCHC_PLAN``), then the settings file, then the default.
    """

    #: the language of the run's messages and reports
    lang: str
    #: findings at or above this fail the run (exit 1)
    fail_on: "Severity"
    #: ``--plan``: None is the bundled plan
    plan_path: Path | None
    #: ``--format`` specs as written (NAME or NAME=PATH); empty: the command's default
    formats: tuple[str, ...]
    #: globs a directory walk leaves out
    exclude: tuple[str, ...]
    waivers: "tuple[Waiver, ...]"
    #: each rule's severity in this repository (None: off)
    severity: "Overrides"
    #: ``CCHC_TODAY``: the date waivers expire against, instead of each report's as_of
    today: date | None
    #: the merged settings, each value with its source: the settings file's path and directory
    #: decide where its outputs may go (:func:`format_targets`) and which files a run reads
    config: "Config"


def run_settings(
    *,
    lang: Lang | None,
    plan: Path | None,
    fail_on: "FailOn | None",
    severity: list[str] | None,
    fmt: list[str] | None = None,
    fmt_in_settings: bool = True,
    exclude: list[str] | None = None,
    say_off: bool = True,
) -> RunSettings:
    """Parse the settings of a judging run once: the command line over the settings file over the defaults.

    The chosen language also becomes the language of the run's error messages (the command's own
    state, read by :func:`cchc_cli.commands.base.guarded`, which has no other way to learn it).
    Unless ``say_off`` is false, the rules the settings turn off are named on stderr: settings
    never hide findings silently. The settings file's ``format:`` is ``check``'s; a command with
    formats of its own (``summary``) passes ``fmt_in_settings=False`` and gets its flags only.
    """
    from cchc_cli import config
    from cchc_cli.models.report import Severity

    flags: dict[str, Any] = {
        "fail-on": fail_on.value if fail_on else None,
        "lang": lang.value if lang else None,
        "plan": str(plan) if plan else None,
    }
    if fmt is not None and fmt_in_settings:
        flags["format"] = fmt
    if exclude is not None:
        flags["exclude"] = exclude
    merged = config.with_severity_flags(config.with_flags(config.load(), flags), severity)
    chosen = state.lang = str(merged.value("lang"))
    if say_off:
        say_rules_off(merged, chosen)
    plan_value = merged.value("plan")
    return RunSettings(
        lang=chosen,
        fail_on=Severity.parse(str(merged.value("fail-on"))),
        plan_path=Path(plan_value) if plan_value else None,
        formats=tuple((merged.value("format") if fmt_in_settings else fmt) or ()),
        exclude=tuple(merged.value("exclude") or ()),
        waivers=merged.waivers,
        severity=merged.severities(),
        today=config.fixed_today(),
        config=merged,
    )


def parse_cli_date(option: str, value: str | None) -> date | None:
    """A date given on the command line; a UsageError quoting it as typed if it is not one."""
    if value is None:
        return None
    from cchc_cli.bilingual import Bilingual
    from cchc_cli.dates import DateRefused, parse_date
    from cchc_cli.errors import UsageError
    from cchc_cli.text import quoted

    try:
        return parse_date(value)
    except DateRefused as e:
        raise UsageError(
            Bilingual(f"{option}: {quoted(value, lang='vi')} {e.reason.vi}", f"{option}: {e}"),
            # the English message shows the two forms already; the Vietnamese one names them again
            hint=Bilingual("viết ngày theo dạng 31/03/2021 hoặc 2021-03-31", ""),
        ) from e


def say_rules_off(settings: "Config", lang: str) -> None:
    """One line on stderr naming the rules this run turned off: settings never hide findings silently."""
    from cchc_cli.i18n import t

    off = [f"{rule} ({s.source})" for rule, s in sorted(settings.severity.items()) if s.value == "off"]
    if off:
        err(f"cchc: {t('severity.rules_off', lang)}: {', '.join(off)}")


def print_input_findings(report: "Report", lang: str) -> None:
    """A file that could not be judged: its problems as compiler-style lines on stderr."""
    from cchc_cli.i18n import t

    for finding in report.findings:
        where = f"{finding.location}: " if finding.location else f"{report.path}: "
        err(f"cchc: {t('error', lang)}: {where}{finding.message.get(lang)} [{finding.rule}]")
        if finding.hint and finding.hint.get(lang):
            err(f"  {t('hint', lang)}: {finding.hint.get(lang)}")


SeverityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--severity",
        metavar=_h("QUY_TẮC=MỨC", "RULE=LEVEL"),
        autocompletion=completions.severities,
        help=_h(
            "Mức độ của một quy tắc (error, warning, info, off), lặp lại được; thay cho severity: của tệp cấu hình.",
            "A rule's severity (error, warning, info, off), repeatable; beats severity: in the settings.",
        ),
        show_default=False,
    ),
]


OptionalLang = Annotated[
    Lang | None,
    typer.Option("--lang", help=_h("Ngôn ngữ (vi, en).", "Language (vi, en)."), envvar="CCHC_LANG", case_sensitive=False, show_default=False),
]


ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar=_h("MẪU", "GLOB"),
        help=_h(
            "Bỏ qua tệp hoặc thư mục khớp mẫu khi duyệt thư mục, lặp lại được; thay cho exclude: của cấu hình.",
            "Leave out files and directories matching GLOB when walking a directory; repeatable; replaces the settings' exclude.",
        ),
        show_default=False,
    ),
]


def format_targets(specs: Sequence[tuple[str, Path | None]], settings: "Config | None") -> "dict[tuple[str, Path], Target]":
    """The files ``--format NAME=PATH`` will write, each checked as settings require."""
    from cchc_cli import config, outputs

    home, origin = config.output_home(settings) if settings is not None else (None, None)
    return {
        (name, path): outputs.Target(path, f"--format {name}", True, home, origin, make_parents=True)
        for name, path in specs
        if path is not None
    }


def files_read(progress: list[Path], settings: "Config | None", plan_path: Path | None) -> list[Path]:
    """Every file this run reads, which no output may replace: progress files, settings, the plan."""
    from cchc_cli.compiled import compiled_plan

    files = [*progress]
    if settings is not None and settings.path is not None:
        files.append(settings.path)
    try:
        files.extend(Path(p) for p in compiled_plan(plan_path).files.values())
    except Exception:  # noqa: BLE001 - a plan that does not load is reported by the run itself
        if plan_path is not None:
            files.append(plan_path)
    return files


def append_step_summary(path: Path, markdown: str | Iterable[str], lang: str) -> None:
    """Append the Markdown report (a text, or a streamed run's text in pieces) to the job summary."""
    try:
        with path.open("a", encoding="utf-8") as handle:
            for piece in [markdown] if isinstance(markdown, str) else markdown:
                handle.write(piece)
    except OSError as e:
        from cchc_cli.yamlio import os_problem

        vi, en = os_problem(e)
        if lang == "vi":
            err(f"cchc: không ghi thêm được vào GITHUB_STEP_SUMMARY ({path}): {vi}")
        else:
            err(f"cchc: cannot append to GITHUB_STEP_SUMMARY ({path}): {en}")


def check_export_name(export: Path) -> None:
    from cchc_cli.errors import UsageError

    if export.suffix.lower() not in (".html", ".svg", ".txt"):
        raise UsageError(
            Bilingual(
                f"--export: tên tệp {export.name} phải có đuôi .html, .svg hoặc .txt",
                f"--export: {export.name} must end in .html, .svg or .txt",
            ),
        )


def write_export(renderables: "Sequence[RenderableType]", target: "Target", title: str, width: int) -> None:
    """Save renderables as a terminal would show them (SVG or text) to a checked target; .html has its own renderers."""
    import io

    from rich.console import Console

    from cchc_cli import outputs

    # A recording console sees exactly what a terminal would, colours included, at a fixed width.
    console = Console(file=io.StringIO(), record=True, force_terminal=True, width=width, soft_wrap=False, highlight=False)
    for part in renderables:
        console.print(part)
    kind = target.path.suffix.lower()
    if kind == ".svg":
        from cchc_cli.render.svg import offline_format  # issue 13: Rich's template fetches a font from a CDN

        text = console.export_svg(title=title, code_format=offline_format())
    else:
        text = "\n".join(line.rstrip() for line in console.export_text().split("\n"))
    from cchc_cli.text import inert

    # Rich wraps at the export's width: a wrapped line must not read as a CI command either.
    outputs.write(target, inert(text))
