"""The command line: options in, api calls, a renderer, output out, an exit code. Glue only.

Imports here are limited to what ``--help`` needs (typer); everything else is imported inside the
command that uses it, so that a run pays only for what it does. (No ``from __future__ import
annotations`` here: Typer reads every command's signature on each run, and string annotations
would make it ``eval`` each one, ~6 ms a run.)

Exit codes (a contract for CI): 0 success / compliant, 1 findings at or above the failure
threshold, 2 invalid input or command line, 3 internal error (a bug in cchc).
"""

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

F = TypeVar("F", bound=Callable[..., Any])


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class PlanFormat(str, Enum):
    table = "table"
    json = "json"


class _State:
    debug: bool = os.environ.get("CCHC_DEBUG", "") not in ("", "0")


state = _State()

app = typer.Typer(
    name="cchc",
    help=(
        "Kiểm tra tiến độ cải cách hành chính theo Kế hoạch CCHC năm 2021 của thành phố Hà Nội "
        "(Quyết định 5743/QĐ-UBND). / Compliance checker for Hanoi's 2021 administrative reform plan."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
plan_app = typer.Typer(
    help="Xem dữ liệu Kế hoạch: chỉ tiêu, nhiệm vụ, cơ quan, đính chính. / Browse the plan dataset.",
    no_args_is_help=True,
)
app.add_typer(plan_app, name="plan")

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Tệp kế hoạch khác thay cho bộ dữ liệu kèm theo. / Plan file to use instead of the bundled one.",
        metavar="FILE",
        envvar="CCHC_PLAN",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help="Ngôn ngữ / language.", envvar="CCHC_LANG", case_sensitive=False)
]
FormatOption = Annotated[PlanFormat, typer.Option("--format", "-f", help="table | json", case_sensitive=False)]


def _lang_now(argv: list[str] | None = None) -> str:
    args = argv if argv is not None else sys.argv
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1].lower()
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1].lower()
    return os.environ.get("CCHC_LANG", "vi").lower()


def _print_error(error: Any, lang: str) -> None:
    from cchc_cli.i18n import t

    err = sys.stderr
    message, hint = error.localized(lang)
    where = f"{error.location}: " if error.location else ""
    err.write(f"cchc: {t('error', lang)}: {where}{message}\n")
    for location, detail in error.details:
        err.write(f"  {location}: {detail}\n" if location else f"  {detail}\n")
    if hint:
        err.write(f"  {t('hint', lang)}: {hint}\n")


def guarded(func: F) -> F:
    """Turn the errors a user can cause into a message and exit 2; anything else into exit 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from cchc_cli.errors import CchcError, DatasetError

        lang = kwargs.get("lang") or _lang_now()
        lang = lang.value if isinstance(lang, Enum) else str(lang)
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except CchcError as error:
            if state.debug:
                import traceback

                traceback.print_exc()
            _print_error(error, lang)
            if isinstance(error, DatasetError) and error.bundled:
                from cchc_cli.i18n import t

                sys.stderr.write(f"  {t('internal_error', lang)}; {t('report_bug', lang)}\n")
                raise typer.Exit(EXIT_INTERNAL) from error
            raise typer.Exit(EXIT_INPUT) from error
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as error:  # the last line of defence: a bug must never look like findings
            from cchc_cli.i18n import t

            if state.debug:
                import traceback

                traceback.print_exc()
            sys.stderr.write(f"cchc: {t('internal_error', lang)}: {type(error).__name__}: {error}\n")
            sys.stderr.write(f"  {t('report_bug', lang)}\n")
            raise typer.Exit(EXIT_INTERNAL) from error

    return wrapper  # type: ignore[return-value]


def _version_callback(value: bool) -> None:
    if not value:
        return

    @guarded
    def show() -> None:
        from cchc_cli import __version__
        from cchc_cli.dataset import load_plan

        plan = load_plan(None)
        typer.echo(f"cchc {__version__}")
        typer.echo(f"plan {plan.id} {plan.version} (sha256 {plan.sha256})")

    show()
    raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", help="In phiên bản công cụ và dữ liệu. / Show versions.", is_eager=True, callback=_version_callback),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Hiện traceback khi có lỗi. / Show tracebacks.", envvar="CCHC_DEBUG")
    ] = False,
) -> None:
    """cchc — Kế hoạch CCHC năm 2021 của thành phố Hà Nội."""
    state.debug = debug


def _console() -> Any:
    import io
    import shutil

    from rich.console import Console

    # Renderers only capture text; the console writes into a buffer of its own, never to stdout
    # (which only _emit touches), yet styles and width follow stdout: a terminal keeps its width
    # and colours, a pipe or a CI log gets 120 columns and plain text.
    tty = sys.stdout.isatty()
    return Console(
        file=io.StringIO(),
        force_terminal=tty,
        width=shutil.get_terminal_size((120, 24)).columns if tty else 120,
        soft_wrap=False,
        highlight=False,
    )


def _emit(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`cchc check … | head`): nothing more to say to it, and no traceback
        # at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as e:
        from cchc_cli.errors import UsageError

        raise UsageError(
            f"cannot write the output: {e.strerror}", vi=(f"không ghi được kết quả ra: {e.strerror}", None)
        ) from e


def _plan_output(
    fmt: PlanFormat, lang: Lang, document: dict[str, Any], key: str | None, text_renderer: Callable[[Any, str, Any], str]
) -> None:
    """Write ``document`` as JSON, or its ``key`` part (the whole of it when None) as a table."""
    if fmt is PlanFormat.json:
        from cchc_cli.render import plan_json

        _emit(plan_json.render(document))
    else:
        _emit(text_renderer(document if key is None else document[key], lang.value, _console()))


@plan_app.command("info")
@guarded
def plan_info(plan: PlanOption = None, lang: LangOption = Lang.vi, fmt: FormatOption = PlanFormat.table) -> None:
    """Thông tin bộ dữ liệu: phiên bản, mã băm, số lượng. / Dataset metadata, version, digest, counts."""
    from cchc_cli import api
    from cchc_cli.render import plan_text

    _plan_output(fmt, lang, api.plan_info(api.open_plan(plan)), None, plan_text.info)


@plan_app.command("targets")
@guarded
def plan_targets(plan: PlanOption = None, lang: LangOption = Lang.vi, fmt: FormatOption = PlanFormat.table) -> None:
    """Các chỉ tiêu cụ thể (mục I.3). / The quantitative targets (section I.3)."""
    from cchc_cli import api
    from cchc_cli.render import plan_text

    loaded = api.open_plan(plan)
    views = api.list_targets(loaded)
    _plan_output(fmt, lang, api.document(loaded, "targets", views), "targets", plan_text.targets)


class DeadlineKind(str, Enum):
    date = "date"
    quarter = "quarter"
    month = "month"
    recurring = "recurring"
    guidance = "guidance"
    direction = "direction"
    event = "event"
    reporting = "reporting"


@plan_app.command("tasks")
@guarded
def plan_tasks(
    agency: Annotated[
        str | None, typer.Option("--agency", "-a", help="Cơ quan chủ trì (mã hoặc tên). / Lead agency (id or name).")
    ] = None,
    coordinating: Annotated[
        bool, typer.Option("--coordinating", help="Gồm cả nhiệm vụ phối hợp. / Include tasks it coordinates.")
    ] = False,
    section: Annotated[str | None, typer.Option("--section", "-s", help="I … VII")] = None,
    due_before: Annotated[
        str | None, typer.Option("--due-before", help="Hạn trước ngày (không gồm ngày đó). / Due strictly before DATE.", metavar="DATE")
    ] = None,
    kind: Annotated[DeadlineKind | None, typer.Option("--kind", "-k", help="Loại thời hạn. / Deadline kind.")] = None,
    plan: PlanOption = None,
    lang: LangOption = Lang.vi,
    fmt: FormatOption = PlanFormat.table,
) -> None:
    """Các nhiệm vụ của Phụ lục, có lọc. / Appendix tasks, filtered."""
    from cchc_cli import api
    from cchc_cli.render import plan_text

    before = None
    if due_before is not None:
        from cchc_cli.dates import parse_date
        from cchc_cli.errors import UsageError

        try:
            before = parse_date(due_before)
        except ValueError as e:
            raise UsageError(
                f"--due-before: {e}", vi=(f"--due-before: không đọc được ngày {due_before!r}", "viết ngày theo dạng 31/03/2021 hoặc 2021-03-31")
            ) from e
    loaded = api.open_plan(plan)
    views = api.list_tasks(
        loaded,
        agency=agency,
        coordinating=coordinating,
        section=section,
        due_before=before,
        kind=kind.value if kind else None,
    )
    _plan_output(fmt, lang, api.document(loaded, "tasks", views), "tasks", plan_text.tasks)


@plan_app.command("task")
@guarded
def plan_task(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ, ví dụ III.4.1. / Task id.")],
    plan: PlanOption = None,
    lang: LangOption = Lang.vi,
    fmt: FormatOption = PlanFormat.table,
) -> None:
    """Một nhiệm vụ đầy đủ: văn bản gốc, thời hạn, đính chính. / One task in full."""
    from cchc_cli import api
    from cchc_cli.render import plan_text

    loaded = api.open_plan(plan)
    view = api.get_task(loaded, task_id)
    _plan_output(fmt, lang, api.document(loaded, "task", view), "task", plan_text.task)


class AgencyKindChoice(str, Enum):
    department = "department"
    district = "district"
    city = "city"
    central = "central"
    institute = "institute"
    school = "school"
    training_centre = "training_centre"
    press = "press"
    public_service_unit = "public_service_unit"


@plan_app.command("agencies")
@guarded
def plan_agencies(
    kind: Annotated[AgencyKindChoice | None, typer.Option("--kind", "-k", help="Loại cơ quan. / Agency kind.")] = None,
    plan: PlanOption = None,
    lang: LangOption = Lang.vi,
    fmt: FormatOption = PlanFormat.table,
) -> None:
    """Danh mục cơ quan, đơn vị. / The agency registry."""
    from cchc_cli import api
    from cchc_cli.render import plan_text

    loaded = api.open_plan(plan)
    views = api.list_agencies(loaded, kind.value if kind else None)
    _plan_output(fmt, lang, api.document(loaded, "agencies", views), "agencies", plan_text.agencies)


@plan_app.command("errata")
@guarded
def plan_errata(plan: PlanOption = None, lang: LangOption = Lang.vi, fmt: FormatOption = PlanFormat.table) -> None:
    """Các lỗi của văn bản gốc và cách công cụ đọc. / Errors in the source and the tool's reading."""
    from cchc_cli import api
    from cchc_cli.render import plan_text

    loaded = api.open_plan(plan)
    views = api.list_errata(loaded)
    _plan_output(fmt, lang, api.document(loaded, "errata", views), "errata", plan_text.errata)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _parse_cli_date(option: str, value: str | None) -> Any:
    if value is None:
        return None
    from cchc_cli.dates import parse_date
    from cchc_cli.errors import UsageError

    try:
        return parse_date(value)
    except ValueError as e:
        raise UsageError(
            f"{option}: {e}",
            vi=(f"{option}: không đọc được ngày {value!r}", "viết ngày theo dạng 31/03/2021 hoặc 2021-03-31"),
        ) from e


def _print_input_findings(report: Any, lang: str) -> None:
    """A file that could not be judged: its problems as compiler-style lines on stderr."""
    from cchc_cli.i18n import t

    for finding in report.findings:
        where = f"{finding.location}: " if finding.location else f"{report.path}: "
        sys.stderr.write(f"cchc: {t('error', lang)}: {where}{finding.message.get(lang)} [{finding.rule}]\n")
        if finding.hint and finding.hint.get(lang):
            sys.stderr.write(f"  {t('hint', lang)}: {finding.hint.get(lang)}\n")


@app.command("check")
@guarded
def check(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Tệp tiến độ (YAML). / The progress file (YAML).", show_default=False)],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Kỳ báo cáo (Q1, H1, 9M, FY), thay cho kỳ trong tệp; ngày chốt mặc định theo kỳ này. "
            "/ Period, overriding the file's; as-of then defaults to its cut-off.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Ngày đánh giá, thay cho as_of của tệp. / Judge as of DATE, overriding the file's."),
    ] = None,
    plan: PlanOption = None,
    lang: LangOption = Lang.vi,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="text | json", case_sensitive=False)] = CheckFormat.text,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Mức phát hiện làm lệnh thất bại (mã thoát 1). / Severity that fails the check (exit 1).", case_sensitive=False),
    ] = FailOn.error,
) -> None:
    """Kiểm tra tệp tiến độ của một cơ quan theo Kế hoạch. / Check an agency's progress file against the plan.

    Mã thoát / exit codes: 0 đạt / compliant; 1 có phát hiện từ mức --fail-on / findings at or above
    --fail-on; 2 tệp hoặc lệnh không hợp lệ / invalid input or usage; 3 lỗi nội bộ / internal error.
    """
    from cchc_cli import api
    from cchc_cli.models.report import Severity

    when = _parse_cli_date("--as-of", as_of)
    report = api.check(file, plan_path=plan, period=period, as_of=when, shown=str(file))
    if fmt is CheckFormat.json:
        from cchc_cli.render import check_json

        _emit(check_json.render(report, lang.value))
    elif report.agency is None or report.period is None:
        # Nothing could be judged: the problems are the whole answer, as compiler-style lines.
        _print_input_findings(report, lang.value)
    else:
        from cchc_cli.render import check_text

        _emit(check_text.render(report, lang.value, _console()))
        if report.has_input_errors:
            # The report is on stdout, but an exit code of 2 must also say why where errors go.
            _print_input_findings(report._replace(findings=tuple(f for f in report.findings if f.is_input_error)), lang.value)
    raise typer.Exit(report.exit_code(Severity.parse(fail_on.value)))


@app.command("init")
@guarded
def init(
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan, đơn vị (mã hoặc tên). / Agency (id or name).", show_default=False)],
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo: Q1, H1, 9M, FY. / Reporting period.", show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Tệp sẽ ghi ('-' = màn hình); mặc định <mã>-<kỳ>.yaml. / File to write ('-' for stdout).", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có. / Overwrite an existing file.")] = False,
    plan: PlanOption = None,
    lang: LangOption = Lang.vi,
) -> None:
    """Tạo tệp tiến độ mẫu, có chú thích tiếng Việt. / Write a ready-to-fill progress file."""
    from cchc_cli import api
    from cchc_cli.errors import UsageError
    from cchc_cli.i18n import t

    text, default_name = api.progress_template(agency, period, plan_path=plan)
    if output is not None and str(output) == "-":
        _emit(text)
        return
    target = output or Path(default_name)
    from cchc_cli.yamlio import atomic_write_text

    try:
        atomic_write_text(target, text, force=force)
    except FileExistsError:
        raise UsageError(
            f"{target} already exists; nothing was written",
            hint="choose another name with -o, or pass --force to replace it",
            vi=(f"tệp {target} đã có; không ghi gì", "chọn tên khác với -o, hoặc thêm --force để ghi đè"),
        ) from None
    except OSError as e:
        raise UsageError(
            f"cannot write {target}: {e.strerror}", vi=(f"không ghi được tệp {target}: {e.strerror}", None)
        ) from e
    sys.stderr.write(f"{t('init.wrote', lang.value)} {target}\n")


@app.command("rules")
@guarded
def rules(lang: LangOption = Lang.vi, fmt: FormatOption = PlanFormat.table) -> None:
    """Danh mục quy tắc kiểm tra: mã, mức độ, ý nghĩa. / The check rules: id, severity, meaning."""
    from cchc_cli.rules import RULES

    views = [
        {"id": r.id, "slug": r.slug, "family": r.family, "severity": r.severity.name,
         "title": r.title.get(lang.value), "help": r.help.get(lang.value)}
        for r in RULES.values()
    ]
    if fmt is PlanFormat.json:
        import json

        _emit(json.dumps({"rules": views}, ensure_ascii=False, indent=2) + "\n")
        return
    from cchc_cli.render import plan_text

    _emit(plan_text.rules(views, lang.value, _console()))


schema_app = typer.Typer(help="Lược đồ JSON của các tệp. / JSON Schemas of the files.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")


@schema_app.command("progress")
@guarded
def schema_progress(plan: PlanOption = None) -> None:
    """Lược đồ JSON của tệp tiến độ (mô tả tiếng Việt và tiếng Anh). / The progress file's JSON Schema."""
    import json

    from cchc_cli import api

    _emit(json.dumps(api.progress_schema(plan_path=plan), ensure_ascii=False, indent=2) + "\n")


def run() -> None:
    app()
