"""The command line: options in, api calls, a renderer, output out, an exit code. Glue only.

Imports here are limited to what ``--help`` needs (typer); everything else is imported inside the
command that uses it, so that a run pays only for what it does. (No ``from __future__ import
annotations`` here: Typer reads every command's signature on each run, and string annotations
would make it ``eval`` each one, ~6 ms a run.)

Exit codes (a contract for CI): 0 success / compliant, 1 findings at or above the failure
threshold, 2 invalid input or command line, 3 internal error (a bug in cchc).

What cchc writes itself goes through two doors: renderers' text through :func:`_emit` (stdout) or
a file, and messages through :func:`_err` (stderr), which makes every line one line
(:func:`cchc_cli.text.visible`) and inert to a CI runner (:func:`cchc_cli.text.inert`). Neither
stream ends a run over a character it cannot encode (see :func:`run`).

Every help text is a (Vietnamese, English) pair picked when this module is imported, in the
language :mod:`cchc_cli.uilang` decided before (the console script decides it first); Typer's own
words are set in that language by :mod:`cchc_cli.clichrome`.
"""

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cchc_cli import completions, uilang
from cchc_cli.uilang import pick as _h

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

F = TypeVar("F", bound=Callable[..., Any])


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        help=_h(
            "Tô màu: auto (theo NO_COLOR, FORCE_COLOR và cửa sổ lệnh), always (kể cả khi chuyển sang tệp), never.",
            "Colour: auto (NO_COLOR, FORCE_COLOR, a terminal), always (a pipe too), never.",
        ),
        case_sensitive=False,
        show_default=False,
    ),
]


GlobalLang = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help=_h("Ngôn ngữ (vi, en) cho mọi lệnh sau; --lang của chính lệnh được ưu tiên.",
                "Language (vi, en) for the command that follows; the command's own --lang wins."),
        case_sensitive=False,
        show_default=False,
    ),
]


class PlanFormat(str, Enum):
    table = "table"
    json = "json"


class _State:
    debug: bool = os.environ.get("CCHC_DEBUG", "") not in ("", "0")
    #: the language a command settled on (flag, environment, configuration), for its errors
    lang: str | None = None
    #: --color, global or the command's: None leaves it to NO_COLOR, FORCE_COLOR and the terminal
    color: str | None = None
    #: --lang before the command (``cchc --lang en check``, ``cchc plan --lang en tasks``): the
    #: default for a command whose own --lang is not on the line
    lang_flag: str | None = None
    #: whether the command's language came from a --lang on the line (its own or a global one), so
    #: that ``cchc config`` can say "command line" rather than the environment or the settings
    lang_from_flag: bool = False


state = _State()

app = typer.Typer(
    name="cchc",
    help=_h(
        "Kiểm tra tiến độ cải cách hành chính theo Kế hoạch CCHC năm 2021 của thành phố Hà Nội "
        "(Quyết định 5743/QĐ-UBND).",
        "Compliance checker for Hanoi's 2021 administrative reform plan (Decision 5743/QĐ-UBND).",
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
plan_app = typer.Typer(
    help=_h("Xem dữ liệu Kế hoạch: chỉ tiêu, nhiệm vụ, cơ quan, đính chính.", "Browse the plan dataset: targets, tasks, agencies, errata."),
    no_args_is_help=True,
)
app.add_typer(plan_app, name="plan")


@plan_app.callback()
def plan_group(lang: GlobalLang = None) -> None:
    # No docstring: the group's help is plan_app's. Later on the line than the root's, so it wins.
    if lang is not None:
        state.lang_flag = lang.value

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help=_h("Tệp kế hoạch khác thay cho bộ dữ liệu kèm theo.", "Plan file to use instead of the bundled one."),
        metavar=_h("TỆP", "FILE"),
        envvar="CCHC_PLAN",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help=_h("Ngôn ngữ.", "Language."), envvar="CCHC_LANG", case_sensitive=False)
]
FormatOption = Annotated[PlanFormat, typer.Option("--format", "-f", help="table | json", case_sensitive=False)]
#: The default of the commands that take --lang with a value (plan views, init, rules): the language
#: decided before parsing (settings' lang:, CCHC_LANG, a Vietnamese locale), so that `lang: en` in
#: .cchc.yaml reaches `cchc plan tasks` as it reaches `cchc check`; Vietnamese when nothing says.
DECIDED_LANG = Lang(uilang.get())


def _err(line: str) -> None:
    """Write one line to stderr: whatever it quotes, one line, and no command to a CI runner."""
    from cchc_cli.text import inert, visible

    sys.stderr.write(inert(visible(line)) + "\n")


def _print_error(error: Any, lang: str) -> None:
    from cchc_cli.i18n import t

    message, hint = error.localized(lang)
    where = f"{error.location}: " if error.location else ""
    _err(f"cchc: {t('error', lang)}: {where}{message}")
    for location, detail in error.localized_details(lang):
        _err(f"  {location}: {detail}" if location else f"  {detail}")
    if hint:
        _err(f"  {t('hint', lang)}: {hint}")


def guarded(func: F) -> F:
    """Turn the errors a user can cause into a message and exit 2; anything else into exit 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from cchc_cli.errors import CchcError, DatasetError

        from cchc_cli import uilang

        _global_lang(kwargs)
        # The command's own --lang when it has one, else the language decided before parsing.
        lang = kwargs.get("lang") or uilang.get()
        lang = lang.value if isinstance(lang, Enum) else str(lang)
        state.lang = None
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except CchcError as error:
            lang = state.lang or lang
            if state.debug:
                import traceback

                traceback.print_exc()
            _print_error(error, lang)
            if isinstance(error, DatasetError) and error.bundled:
                from cchc_cli.i18n import t

                _err(f"  {t('internal_error', lang)}; {t('report_bug', lang)}")
                raise typer.Exit(EXIT_INTERNAL) from error
            raise typer.Exit(EXIT_INPUT) from error
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as error:  # the last line of defence: a bug must never look like findings
            from cchc_cli.i18n import t

            if state.debug:
                import traceback

                traceback.print_exc()
            _err(f"cchc: {t('internal_error', lang)}: {type(error).__name__}: {error}")
            _err(f"  {t('report_bug', lang)}")
            raise typer.Exit(EXIT_INTERNAL) from error

    return wrapper  # type: ignore[return-value]


def _global_lang(kwargs: dict[str, Any]) -> None:
    """A --lang given before the command stands for the command's own, unless that is on the line too.

    Click sees them as two options of two commands; the user means one setting. The command's own
    wins when the user typed it (it comes later on the line: Click's "last one wins", and the one
    :func:`cchc_cli.uilang.from_argv` takes for help and usage errors); a global --lang beats
    CCHC_LANG and the default, as any flag does.
    """
    from typer._click.core import ParameterSource
    from typer._click.globals import get_current_context

    state.lang_from_flag = False
    ctx = get_current_context(silent=True)
    if "lang" not in kwargs or ctx is None:
        return
    if ctx.get_parameter_source("lang") is ParameterSource.COMMANDLINE:
        state.lang_from_flag = True
    elif state.lang_flag is not None:
        kwargs["lang"] = Lang(state.lang_flag)
        state.lang_from_flag = True


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
        typer.Option("--version", help=_h("In phiên bản công cụ và dữ liệu.", "Show the versions of the tool and the dataset."),
                     is_eager=True, callback=_version_callback),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=_h("Hiện chi tiết lỗi (traceback) khi có lỗi.", "Show tracebacks."), envvar="CCHC_DEBUG")
    ] = False,
    color: ColorOption = None,
    lang: GlobalLang = None,
) -> None:
    # No docstring: the group's help is the app's, in the decided language.
    state.debug = debug
    state.color = color.value if color else None
    state.lang_flag = lang.value if lang else None
    _debug_log(debug)


def _debug_log(on: bool) -> None:
    """--debug: what cchc's modules log for maintainers (a parser's own English) goes to stderr.

    Set on every run, on or off, so that one run in a process (a test, an embedding program)
    never leaves it to the next; the stream is looked up at each line, for the same reason.
    """
    if not on and "logging" not in sys.modules:
        return  # nothing was ever logged: no need to import logging to say so
    import logging

    class _Stderr(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            _err(f"cchc: debug: {record.getMessage()}")

    logger = logging.getLogger("cchc_cli")
    logger.handlers[:] = [_Stderr()] if on else []
    logger.setLevel(logging.DEBUG if on else logging.NOTSET)
    logger.propagate = not on


def _use_color(color: ColorChoice | None) -> None:
    """A command's own --color beats the global one (``cchc --color never report …`` still works)."""
    if color is not None:
        state.color = color.value


def _console() -> Any:
    import io
    import shutil

    from rich.console import Console

    # Renderers only capture text; the console writes into a buffer of its own, never to stdout
    # (which only _emit touches), yet styles and width follow stdout: a terminal keeps its width
    # and colours, a pipe or a CI log gets 120 columns and plain text.
    tty = sys.stdout.isatty()
    colour = _colour(state.color, os.environ, tty)
    return Console(
        file=io.StringIO(),
        force_terminal=colour,
        no_color=not colour,
        # "always" means colour in a dumb terminal too: Rich would otherwise drop it for TERM=dumb.
        color_system="standard" if colour and os.environ.get("TERM", "") in ("dumb", "unknown") else "auto",
        width=shutil.get_terminal_size((120, 24)).columns if tty else 120,
        soft_wrap=False,
        highlight=False,
    )


def _colour(flag: str | None, environ: Any, tty: bool) -> bool:
    """Whether output is coloured: the flag, then NO_COLOR, then FORCE_COLOR, then a terminal that can.

    A flag beats the environment (as no-color.org asks of command-line flags); NO_COLOR and
    FORCE_COLOR count only when set to something (an empty value is unset, as both conventions say).
    A terminal that says it is dumb (TERM=dumb: Emacs shells, some CI consoles) shows escape codes
    as text, so ``auto`` leaves it plain; only ``always`` (or FORCE_COLOR) colours it.
    """
    if flag == "always":
        return True
    if flag == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return tty and environ.get("TERM", "") != "dumb"


def _emit(text: str) -> None:
    """Write a renderer's text to stdout.

    A pipe or a file gets UTF-8, the encoding of every file cchc writes: whoever reads it (a CI
    runner, jq, a redirect) gets the bytes ``--format NAME=PATH`` would have written, whatever
    the locale or PYTHONIOENCODING says. A terminal gets its own encoding, with an escape for what
    it cannot show (see :func:`run`)."""
    try:
        buffer = None if sys.stdout.isatty() else getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()  # whatever went through the text layer first stays first
            buffer.write(text.encode("utf-8", "backslashreplace"))
            buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`cchc check … | head`): nothing more to say to it, and no traceback
        # at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as e:
        from cchc_cli.errors import UsageError
        from cchc_cli.yamlio import os_problem

        en, vi = os_problem(e)  # not strerror: the C library's English, whatever --lang says
        raise UsageError(f"cannot write the output: {en}", vi=(f"không ghi được kết quả ra: {vi}", None)) from e


def _plan_output(
    fmt: PlanFormat, lang: Lang, document: dict[str, Any], key: str | None, text_renderer: Callable[[Any, str, Any], str]
) -> None:
    """Write ``document`` as JSON, or its ``key`` part (the whole of it when None) as a table."""
    if fmt is PlanFormat.json:
        from cchc_cli.render import plan_json

        _emit(plan_json.render(document))
    else:
        _emit(text_renderer(document if key is None else document[key], lang.value, _console()))


@plan_app.command(
    "info",
    help=_h(
        "Thông tin bộ dữ liệu: phiên bản, mã băm, số lượng.",
        "Dataset metadata: version, digest, counts.",
    ),
)
@guarded
def plan_info(
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    _use_color(color)
    from cchc_cli import api
    from cchc_cli.render import plan_text

    _plan_output(fmt, lang, api.plan_info(api.open_plan(plan)), None, plan_text.info)


@plan_app.command(
    "targets",
    help=_h(
        "Các chỉ tiêu cụ thể (mục I.3).",
        "The quantitative targets (section I.3).",
    ),
)
@guarded
def plan_targets(
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    _use_color(color)
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


@plan_app.command(
    "tasks",
    help=_h(
        "Các nhiệm vụ của Phụ lục, có lọc.",
        "Appendix tasks, filtered.",
    ),
)
@guarded
def plan_tasks(
    agency: Annotated[
        str | None, typer.Option("--agency", "-a", help=_h("Cơ quan chủ trì (mã hoặc tên).", "Lead agency (id or name)."),
                                  metavar=_h("CƠ_QUAN", "AGENCY"), autocompletion=completions.agencies)
    ] = None,
    coordinating: Annotated[
        bool, typer.Option("--coordinating", help=_h("Gồm cả nhiệm vụ phối hợp.", "Include tasks it coordinates."))
    ] = False,
    section: Annotated[str | None, typer.Option("--section", "-s", help=_h("Mục của Kế hoạch: I … VII.", "The plan's section: I … VII."), metavar=_h("MỤC", "SECTION"),
                                                autocompletion=completions.sections)] = None,
    due_before: Annotated[
        str | None, typer.Option("--due-before", help=_h("Hạn trước ngày NGÀY (không gồm ngày đó).", "Due strictly before DATE."), metavar=_h("NGÀY", "DATE"))
    ] = None,
    kind: Annotated[DeadlineKind | None, typer.Option("--kind", "-k", help=_h("Loại thời hạn.", "Deadline kind."))] = None,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    _use_color(color)
    from cchc_cli import api
    from cchc_cli.render import plan_text

    before = None
    if due_before is not None:
        from cchc_cli.dates import parse_date
        from cchc_cli.errors import UsageError

        try:
            before = parse_date(due_before)
        except ValueError as e:
            from cchc_cli.i18n import vi_date_problem

            raise UsageError(
                f"--due-before: {e}", vi=(f"--due-before: {vi_date_problem(str(e), due_before)}", "viết ngày theo dạng 31/03/2021 hoặc 2021-03-31")
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


@plan_app.command(
    "task",
    help=_h(
        "Một nhiệm vụ đầy đủ: văn bản gốc, thời hạn, đính chính.",
        "One task in full: source text, deadline, errata.",
    ),
)
@guarded
def plan_task(
    task_id: Annotated[str, typer.Argument(metavar=_h("MÃ", "ID"), help=_h("Mã nhiệm vụ, ví dụ III.4.1.", "Task id, e.g. III.4.1."),
                                         autocompletion=completions.tasks)],
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    _use_color(color)
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


@plan_app.command(
    "agencies",
    help=_h(
        "Danh mục cơ quan, đơn vị.",
        "The agency registry.",
    ),
)
@guarded
def plan_agencies(
    kind: Annotated[AgencyKindChoice | None, typer.Option("--kind", "-k", help=_h("Loại cơ quan.", "Agency kind."))] = None,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    _use_color(color)
    from cchc_cli import api
    from cchc_cli.render import plan_text

    loaded = api.open_plan(plan)
    views = api.list_agencies(loaded, kind.value if kind else None)
    _plan_output(fmt, lang, api.document(loaded, "agencies", views), "agencies", plan_text.agencies)


@plan_app.command(
    "errata",
    help=_h(
        "Các lỗi của văn bản gốc và cách công cụ đọc.",
        "Errors in the source text and the tool's reading of them.",
    ),
)
@guarded
def plan_errata(
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    fmt: FormatOption = PlanFormat.table,
    color: ColorOption = None,
) -> None:
    _use_color(color)
    from cchc_cli import api
    from cchc_cli.render import plan_text

    loaded = api.open_plan(plan)
    views = api.list_errata(loaded)
    _plan_output(fmt, lang, api.document(loaded, "errata", views), "errata", plan_text.errata)


# -- cchc plan calendar (issue 13): an agency's deadlines as an iCalendar file ---------------------


@plan_app.command(
    "calendar",
    help=_h(
        "Lịch các thời hạn của một cơ quan (iCalendar .ics).\n\n"
        "Nhiệm vụ Phụ lục chủ trì, trách nhiệm mục V, hạn báo cáo (ngày 15), chốt số liệu (ngày 10). "
        "Thời hạn không có ngày được liệt kê trên stderr, không đưa vào lịch.",
        "An agency's deadlines as an iCalendar file.\n\n"
        "Appendix tasks it leads, section V duties, report due dates (15th), data cut-offs (10th). "
        "Deadlines with no day are listed on stderr, never given an invented date.",
    ),
)
@guarded
def plan_calendar(
    agency: Annotated[
        str | None,
        typer.Option("--agency", "-a", help=_h("Cơ quan, đơn vị (mã hoặc tên).", "Agency (id or name)."),
                     metavar=_h("CƠ_QUAN", "AGENCY"), show_default=False, autocompletion=completions.agencies),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", "-p", help=_h("Chỉ các hạn đến hết kỳ này: Q1, H1, 9M, FY.", "Only deadlines up to the end of this period: Q1, H1, 9M, FY."),
                     metavar=_h("KỲ", "PERIOD"), show_default=False, autocompletion=completions.periods),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar=_h("TỆP.ics", "FILE.ics"),
                     help=_h("Tệp .ics sẽ ghi; chỉ ghi đè một tệp lịch (hoặc với --force); mặc định in ra màn hình.",
                             "The .ics file to write; only a calendar file is replaced (or any, with --force); standard output by default."),
                     show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=_h("Ghi đè tệp -o đã có dù không phải tệp lịch.", "Replace an existing -o file even if it is not a calendar."))] = False,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", metavar=_h("TỆP_TIẾN_ĐỘ.yaml", "PROGRESS.yaml"),
                     help=_h("Chỉ những gì còn mở theo tệp tiến độ, tại ngày as_of của tệp.", "Only what is still open by this progress file, at its as_of."),
                     show_default=False),
    ] = None,
    remind: Annotated[
        int, typer.Option("--remind", metavar=_h("SỐ_NGÀY", "DAYS"), min=0, max=90,
                          help=_h("Nhắc trước bao nhiêu ngày (9 giờ sáng).", "Reminder this many days before (at 9:00)."))
    ] = 7,
    plan: PlanOption = None,
    lang: LangOption = DECIDED_LANG,
    color: ColorOption = None,
) -> None:
    _use_color(color)
    from cchc_cli import api, deadlines
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.errors import UsageError
    from cchc_cli.i18n import t
    from cchc_cli.render import plan_ics

    chosen = state.lang = lang.value
    if output is not None and output.suffix.lower() != ".ics":
        # A slip of the keyboard (-o so-tu-phap-FY.yaml) must not cost a progress file.
        raise UsageError(
            f"--output: {output.name} must end in .ics",
            hint="name a calendar file, such as -o deadlines.ics",
            vi=(f"--output: tên tệp {output.name} phải có đuôi .ics", "hãy nêu tên tệp lịch, ví dụ -o thoi-han.ics"),
        )
    loaded = api.open_plan(plan)
    compiled = compiled_plan(plan)
    chosen_period = api._period_option(compiled, period) if period is not None else None
    report = None
    if from_file is not None:
        report = api.check(from_file, plan_path=plan)
        if report.agency is None or report.has_input_errors:
            _print_input_findings(report._replace(findings=tuple(f for f in report.findings if f.is_input_error)), chosen)
            raise typer.Exit(EXIT_INPUT)
        if agency is not None and api.resolve_agency(compiled, agency).id != report.agency.id:
            raise UsageError(
                f"--agency {agency} is not {report.agency.name_en}, whose progress file --from names",
                hint="leave out --agency: it is read from the file",
                vi=(f"--agency {agency} không phải {report.agency.name}, đơn vị của tệp tiến độ --from",
                    "bỏ --agency: đơn vị được lấy từ tệp"),
            )
        agency = report.agency.id
    if agency is None:
        raise UsageError(
            "--agency is missing: whose deadlines?", hint="add --agency NAME, or --from PROGRESS.yaml",
            vi=("thiếu --agency: lịch của cơ quan nào?", "thêm --agency TÊN, hoặc --from TỆP_TIẾN_ĐỘ.yaml"),
        )
    found = api.resolve_agency(compiled, agency)
    calendar = deadlines.build(compiled, loaded, found, period=chosen_period, report=report)
    if calendar.left_out:
        _err(f"cchc: {t('ics.left_out', chosen)}:")
        for item in calendar.left_out:
            _err(f"  {item.label.get(chosen)}: {item.why.get(chosen)}")
    if not calendar.entries:
        if report is None and chosen_period is None:  # not "nothing left": nothing ever had a day
            raise deadlines.nothing_dated(found)
        _err(f"cchc: {t('ics.nothing', chosen)}")
        return
    text = plan_ics.render(calendar, chosen, _calendar_stamp(), remind)
    if output is None:
        _emit(text)
        return
    from cchc_cli import outputs

    # A calendar replaces the calendar it updates; anything else (what a link names, too) only with --force.
    target = outputs.Target(output, "--output", replace=force or outputs.begins_with(output, b"BEGIN:VCALENDAR"))
    outputs.check([target], _files_read([from_file] if from_file else [], None, plan))
    outputs.write(target, text)
    _err(f"cchc: {t('ics.wrote', chosen).format(n=len(calendar.entries))} {output}")


def _calendar_stamp() -> Any:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (a reproducible file), the time of the run otherwise."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


# -- end of cchc plan calendar -------------------------------------------------------------------


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
        from cchc_cli.i18n import vi_date_problem

        raise UsageError(
            f"{option}: {e}",
            vi=(f"{option}: {vi_date_problem(str(e), value)}", "viết ngày theo dạng 31/03/2021 hoặc 2021-03-31"),
        ) from e


def _say_rules_off(settings: Any, lang: str) -> None:
    """One line on stderr naming the rules this run turned off: settings never hide findings silently."""
    from cchc_cli.i18n import t

    off = [f"{rule} ({s.source})" for rule, s in sorted(settings.severity.items()) if s.value == "off"]
    if off:
        _err(f"cchc: {t('severity.rules_off', lang)}: {', '.join(off)}")


def _print_input_findings(report: Any, lang: str) -> None:
    """A file that could not be judged: its problems as compiler-style lines on stderr."""
    from cchc_cli.i18n import t

    for finding in report.findings:
        where = f"{finding.location}: " if finding.location else f"{report.path}: "
        _err(f"cchc: {t('error', lang)}: {where}{finding.message.get(lang)} [{finding.rule}]")
        if finding.hint and finding.hint.get(lang):
            _err(f"  {t('hint', lang)}: {finding.hint.get(lang)}")


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


@app.command(
    "check",
    help=_h(
        "Kiểm tra tệp tiến độ theo Kế hoạch. '-' đọc một tệp tiến độ từ đầu vào chuẩn (hiện là <stdin>).",
        "Check progress files against the plan. '-' reads a progress file from standard input (shown as <stdin>).",
    ),
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
            help=_h("Định dạng, lặp lại được; =TỆP ghi ra tệp.", "Output format, repeatable; =PATH writes it to a file.")
            + " text | json | sarif | junit | github | gitlab | markdown | plain",
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
    from cchc_cli import api, config, outputs
    from cchc_cli.models.report import Severity, exit_code, only_failing
    from cchc_cli.render import QUIET_FORMATS, STREAMED, RenderOptions, parse_format_specs, render

    settings = config.with_flags(
        config.load(),
        {
            "fail-on": fail_on.value if fail_on else None,
            "lang": lang.value if lang else None,
            "plan": str(plan) if plan else None,
            "format": fmt or [],
            "exclude": exclude or [],
        },
    )
    settings = config.with_severity_flags(settings, severity)
    chosen_lang = state.lang = str(settings.value("lang"))
    _use_color(color)
    if not quiet:
        _say_rules_off(settings, chosen_lang)
    threshold = Severity.parse(str(settings.value("fail-on")))
    plan_path = Path(settings.value("plan")) if settings.value("plan") else None
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    specs = parse_format_specs(settings.value("format") or (["github"] if github else ["text"]))
    when = _parse_cli_date("--as-of", as_of)

    # "./-" is the file named "-" (Path drops the "./"): made absolute, it is not standard input.
    paths = [Path(arg).absolute() if arg != "-" and Path(arg) == Path("-") else Path(arg) for arg in files]
    progress_files = [path for path, _ in api.expand_paths(paths, settings.value("exclude"))]  # directories walked once
    # Many files in formats that can be written as they come: judged in parallel and streamed,
    # nothing of a report held to the end (cchc_cli.stream). Else every report at once, as before.
    streamed = len(progress_files) > 1 and not quiet and all(name in STREAMED for name, _ in specs)
    if streamed:
        from cchc_cli.compiled import compiled_plan

        api.check_options(compiled_plan(plan_path), period, when)  # before any byte of output
    reports = [] if streamed else api.check_paths(
        progress_files, plan_path=plan_path, period=period, as_of=when, waivers=settings.waivers, today=config.fixed_today(),
        severity=settings.severities(),
    )
    from cchc_cli import sourceroot

    # Found once, here at the edge: sarif, github and gitlab name files relative to the repository,
    # whatever directory cchc runs from.
    root = sourceroot.find(progress_files, settings.path)
    # A Rich console costs ~20 ms to create (its theme is parsed): only the text format needs one.
    options = RenderOptions(chosen_lang, threshold, _console() if any(n == "text" for n, _ in specs) else None, root)
    # Every output file is checked before anything is written: a run either writes all its
    # outputs or none, never over a file it reads, never where settings may not send it.
    targets = _format_targets(specs, settings)
    outputs.check(list(targets.values()), _files_read([p for p in progress_files if p != Path("-")], settings, plan_path))
    if streamed:
        from cchc_cli import stream

        job = stream.Job(plan_path, period, when, settings.waivers, config.fixed_today(), settings.severities(), threshold,
                         tuple(name for name, _ in specs), options)
        sinks, spools = stream.sinks_for(specs, _emit)
        counts, reports = stream.write_stream(api.expand_paths(progress_files), job, sinks)
        for spool in spools:
            spool.file.seek(0)
            outputs.write(targets[spool.name, spool.target], spool.file.read())
    failing = only_failing(reports, threshold) if quiet else reports
    for name, target in [] if streamed else specs:
        if quiet and target is None and name in QUIET_FORMATS:
            # Quiet: the findings that fail the run, one line each, and nothing when none does.
            if exit_code(reports, threshold) != 0:
                _emit(render(name, failing, options._replace(quiet=True)))
            continue
        text = render(name, reports, options)
        if target is None:
            _emit(text)
        else:
            outputs.write(targets[name, target], text)
    if any(name == "github" for name, _ in specs) and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_step_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), render("markdown", reports, options), chosen_lang)
    quiet_shown = quiet and any(target is None and name in QUIET_FORMATS for name, target in specs)
    if not quiet_shown and (any(name == "text" for name, _ in specs) or all(target is not None for _, target in specs)):
        # Problems in the files themselves go where errors go, compiler-style, whatever else is shown.
        for report in reports:
            problems = tuple(f for f in report.findings if f.is_input_error)
            if problems:
                _print_input_findings(report._replace(findings=problems), chosen_lang)
    raise typer.Exit(counts.exit_code if streamed else exit_code(reports, threshold))


@app.command(
    "config",
    help=_h(
        "Thiết lập đang dùng và nguồn của từng giá trị.",
        "The effective settings and where each comes from.",
    ),
)
@guarded
def show_config(lang: OptionalLang = None, fmt: FormatOption = PlanFormat.table, color: ColorOption = None) -> None:
    _use_color(color)
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

        _emit(dump_json(view))
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
    _emit(capture(_console(), *parts) + "\n")


@app.command(
    "report",
    help=_h(
        "Báo cáo khoảng cách, in ra hoặc lưu thành tệp để gửi kèm.",
        "The gap report, shown or saved to attach.",
    ),
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
    _use_color(color)
    from cchc_cli import api, config
    from cchc_cli.errors import UsageError
    from cchc_cli.i18n import t
    from cchc_cli.models.report import Severity
    from cchc_cli.render import check_text

    settings = config.with_flags(
        config.load(),
        {"fail-on": fail_on.value if fail_on else None, "lang": lang.value if lang else None, "plan": str(plan) if plan else None},
    )
    settings = config.with_severity_flags(settings, severity)
    chosen = state.lang = str(settings.value("lang"))
    threshold = Severity.parse(str(settings.value("fail-on")))
    _say_rules_off(settings, chosen)
    plan_path = Path(settings.value("plan")) if settings.value("plan") else None
    from cchc_cli.yamlio import is_directory

    if is_directory(file):
        raise UsageError(
            f"{file} is a directory: a report is about one progress file",
            hint="name one file; 'cchc check' takes directories",
            vi=(f"{file} là một thư mục: báo cáo dành cho một tệp tiến độ", "hãy nêu một tệp; lệnh 'cchc check' nhận thư mục"),
        )
    (result,) = api.check_paths([file], plan_path=plan_path, period=period, as_of=_parse_cli_date("--as-of", as_of),
                                waivers=settings.waivers, today=config.fixed_today(), severity=settings.severities())
    if result.agency is None or result.period is None:
        _print_input_findings(result, chosen)
        raise typer.Exit(EXIT_INPUT)
    if export is None:
        _emit(check_text.render(result, chosen, _console()))
    else:
        _check_export_name(export)
        from cchc_cli import outputs

        target = outputs.Target(export, "--export", replace=force)
        outputs.check([target], _files_read([file], settings, plan_path))
        if export.suffix.lower() == ".html":  # issue 13: a page that reads and prints, not a terminal picture
            from cchc_cli.render import check_html

            outputs.write(target, check_html.render(result, chosen))
        else:
            _export(check_text.renderables(result, chosen), target, f"cchc — {result.agency.name} — {result.period}", 120)
        _err(f"{t('init.wrote', chosen)} {export}")
    problems = tuple(f for f in result.findings if f.is_input_error)
    if problems:  # as 'cchc check' shows them: compiler-style on stderr, whatever the report says
        _print_input_findings(result._replace(findings=problems), chosen)
    # One answer per question: the report of a file exits as 'cchc check FILE' does.
    raise typer.Exit(result.exit_code(threshold))


def _check_export_name(export: Path) -> None:
    from cchc_cli.errors import UsageError

    if export.suffix.lower() not in (".html", ".svg", ".txt"):
        raise UsageError(
            f"--export: {export.name} must end in .html, .svg or .txt",
            vi=(f"--export: tên tệp {export.name} phải có đuôi .html, .svg hoặc .txt", None),
        )


def _export(renderables: list[Any], target: Any, title: str, width: int) -> None:
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


SUMMARY_FORMATS = ("text", "json", "csv", "markdown", "xlsx")
#: formats whose output is binary: always to a file (NAME=PATH), never to standard output
SUMMARY_FILE_ONLY = ("xlsx",)


@app.command(
    "summary",
    help=_h(
        "Tổng hợp toàn Thành phố từ các tệp tiến độ.",
        "The city-wide roll-up of many progress files.",
    ),
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
        typer.Option("--format", "-f", metavar=_h("TÊN[=TỆP]", "NAME[=PATH]"), autocompletion=completions.formats, help=_h("text | json | csv | markdown | xlsx=TỆP; lặp lại được; =TỆP ghi ra tệp, xlsx luôn cần tệp.",
                                                                                                       "text | json | csv | markdown | xlsx=PATH; repeatable; =PATH writes a file, and xlsx always needs one."), show_default=False),
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
    _use_color(color)
    from cchc_cli import api, config
    from cchc_cli.models.report import Severity

    settings = config.with_flags(
        config.load(),
        {"fail-on": fail_on.value if fail_on else None, "lang": lang.value if lang else None, "plan": str(plan) if plan else None,
         "exclude": exclude or []},
    )
    settings = config.with_severity_flags(settings, severity)
    chosen = state.lang = str(settings.value("lang"))
    _say_rules_off(settings, chosen)
    threshold = Severity.parse(str(settings.value("fail-on")))
    plan_path = Path(settings.value("plan")) if settings.value("plan") else None
    from cchc_cli.render import parse_format_specs

    specs = parse_format_specs(fmt or ["text"], SUMMARY_FORMATS)
    _refuse_binary_on_stdout(specs)
    if export is not None:
        _check_export_name(export)
    from cchc_cli import outputs
    from cchc_cli.summary import progress_files

    files = progress_files(paths, tuple(settings.value("exclude")))
    targets = _format_targets(specs, None)
    export_target = outputs.Target(export, "--export", replace=force) if export is not None else None
    outputs.check([*targets.values(), *([export_target] if export_target else [])], _files_read(files, settings, plan_path))
    city = api.summary(
        files, period=period, plan_path=plan_path, as_of=_parse_cli_date("--as-of", as_of), fail_on=threshold,
        waivers=settings.waivers, today=config.fixed_today(), progress=_progress_bar(len(files)),
        severity=settings.severities(),
    )
    for name, target in specs:
        text = _render_summary(name, city, chosen)
        if target is None:
            assert isinstance(text, str)  # binary formats were refused on stdout above
            _emit(text)
        else:
            outputs.write(targets[name, target], text)
    if export_target is not None:
        _export_summary(city, chosen, export_target)
    raise typer.Exit(city.exit_code)


def _refuse_binary_on_stdout(specs: list[tuple[str, Path | None]]) -> None:
    """A workbook on a terminal is noise and in a pipe rarely meant: xlsx needs =PATH."""
    if any(name in SUMMARY_FILE_ONLY and target is None for name, target in specs):
        from cchc_cli.errors import UsageError
        from cchc_cli.i18n import t

        raise UsageError(t("xlsx.stdout", "en"), hint=t("xlsx.stdout_hint", "en"),
                         vi=(t("xlsx.stdout", "vi"), t("xlsx.stdout_hint", "vi")))


def _render_summary(name: str, city: Any, lang: str) -> str | bytes:
    from importlib import import_module

    module = import_module(f"cchc_cli.render.summary_{name}")
    if name == "text":
        return module.render_summary(city, lang, _console())  # type: ignore[no-any-return]
    return module.render_summary(city, lang)  # type: ignore[no-any-return]


def _export_summary(city: Any, lang: str, export: Any) -> None:
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
    _export([Text.from_ansi(styled)], export, "cchc summary", 140)


def _progress_bar(total: int) -> Any:
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


def _format_targets(specs: list[tuple[str, Path | None]], settings: Any) -> dict[tuple[str, Path], Any]:
    """The files ``--format NAME=PATH`` will write, each checked as settings require."""
    from cchc_cli import config, outputs

    home, origin = config.output_home(settings) if settings is not None else (None, None)
    return {
        (name, path): outputs.Target(path, f"--format {name}", True, home, origin, make_parents=True)
        for name, path in specs
        if path is not None
    }


def _files_read(progress: list[Path], settings: Any, plan_path: Path | None) -> list[Path]:
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


def _append_step_summary(path: Path, markdown: str, lang: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as e:
        from cchc_cli.yamlio import os_problem

        en, vi = os_problem(e)
        if lang == "vi":
            _err(f"cchc: không ghi thêm được vào GITHUB_STEP_SUMMARY ({path}): {vi}")
        else:
            _err(f"cchc: cannot append to GITHUB_STEP_SUMMARY ({path}): {en}")


@app.command(
    "init",
    help=_h(
        "Tạo tệp tiến độ mẫu, có chú thích tiếng Việt.",
        "Write a ready-to-fill progress file (with Vietnamese comments).",
    ),
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
        _emit(text)
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
    outputs.check(wanted, _files_read([], None, plan))
    outputs.write(wanted[0], text)
    _err(f"{t('init.wrote', lang.value)} {target}")
    if write_schema:
        from cchc_cli.render import dump_json

        schema = dump_json(api.progress_schema(plan_path=plan))
        try:
            outputs.write(wanted[1], schema)
            _err(f"{t('init.wrote', lang.value)} {schema_path}")
        except UsageError:
            pass
    from cchc_cli.walk import conventional

    if not conventional(target.name):
        # The name is the user's choice; what it costs them is said now, not found out later.
        _err(f"  {t('hint', lang.value)}: {t('init.unconventional', lang.value).format(name=default_name)}")


@app.command(
    "rules",
    help=_h(
        "Danh mục quy tắc kiểm tra: mã, mức độ, ý nghĩa.",
        "The check rules: id, severity, meaning.",
    ),
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
    _use_color(color)
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

        _emit(dump_json({"rules": views}))
        return
    from cchc_cli.render import plan_text

    _emit(plan_text.rules(views, lang.value, _console()))


schema_app = typer.Typer(help=_h("Lược đồ JSON của các tệp.", "JSON Schemas of the files."), no_args_is_help=True)
app.add_typer(schema_app, name="schema")


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

    _emit(dump_json(api.progress_schema(plan_path=plan)))


def _encodable_streams() -> None:
    # A console that cannot encode a character (Vietnamese under PYTHONIOENCODING=ascii, a lone
    # surrogate that escaped every guard) gets an escape such as \u1edf rather than a traceback
    # halfway through a report. Only the process's own streams: a test runner's stay as they are.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def run() -> None:
    """Run the app as the console script does: in the language :mod:`cchc_cli.uilang` decided.

    The Click command is built here rather than by ``app()`` so that the words Typer adds to it
    (the help option, the completion options, "[OPTIONS]") can be set in that language first.
    """
    from typer.main import get_command

    from cchc_cli import clichrome, uilang

    _encodable_streams()
    lang = uilang.get()
    clichrome.install(lang)
    command = get_command(app)
    clichrome.localize(command, lang)
    completions.without_prefix_filter(command)
    command()
