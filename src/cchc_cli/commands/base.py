"""What every command shares: exit codes, the run's state, common options, and the two doors out.

Renderers' text leaves through :func:`emit` (stdout), messages through :func:`err` (stderr), which makes
every line one line (:func:`cchc_cli.text.visible`) and inert to a CI runner (:func:`cchc_cli.text.inert`).
:func:`guarded` turns the errors a user can cause into a message and exit 2, a bug into exit 3.
Exit codes (a contract for CI): 0 success / compliant, 1 findings at or above the failure
threshold, 2 invalid input or command line, 3 internal error (a bug in cchc).

Cheap to import (typer and the standard library only): the root command imports it on every run.
"""

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from cchc_cli import uilang
from cchc_cli.uilang import pick as _h

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

P = ParamSpec("P")
R = TypeVar("R")


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


def err(line: str) -> None:
    """Write one line to stderr: whatever it quotes, one line, and no command to a CI runner."""
    from cchc_cli.text import inert, visible

    sys.stderr.write(inert(visible(line)) + "\n")


def print_error(error: Any, lang: str) -> None:
    from cchc_cli.i18n import t

    message, hint = error.localized(lang)
    where = f"{error.location}: " if error.location else ""
    err(f"cchc: {t('error', lang)}: {where}{message}")
    for location, detail in error.localized_details(lang):
        err(f"  {location}: {detail}" if location else f"  {detail}")
    if hint:
        err(f"  {t('hint', lang)}: {hint}")


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a user can cause into a message and exit 2; anything else into exit 3."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from cchc_cli.errors import CchcError, DatasetError

        from cchc_cli import uilang

        global_lang(kwargs)
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
            print_error(error, lang)
            if isinstance(error, DatasetError) and error.bundled:
                from cchc_cli.i18n import t

                err(f"  {t('internal_error', lang)}; {t('report_bug', lang)}")
                raise typer.Exit(EXIT_INTERNAL) from error
            raise typer.Exit(EXIT_INPUT) from error
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as error:  # the last line of defence: a bug must never look like findings
            from cchc_cli.i18n import t

            if state.debug:
                import traceback

                traceback.print_exc()
            err(f"cchc: {t('internal_error', lang)}: {type(error).__name__}: {error}")
            err(f"  {t('report_bug', lang)}")
            raise typer.Exit(EXIT_INTERNAL) from error

    return wrapper


def global_lang(kwargs: dict[str, Any]) -> None:
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


def use_color(color: ColorChoice | None) -> None:
    """A command's own --color beats the global one (``cchc --color never report …`` still works)."""
    if color is not None:
        state.color = color.value


def new_console() -> Any:
    import io
    import shutil

    from rich.console import Console

    # Renderers only capture text; the console writes into a buffer of its own, never to stdout
    # (which only emit touches), yet styles and width follow stdout: a terminal keeps its width
    # and colours, a pipe or a CI log gets 120 columns and plain text.
    tty = sys.stdout.isatty()
    colour = wants_colour(state.color, os.environ, tty)
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


def wants_colour(flag: str | None, environ: Any, tty: bool) -> bool:
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


def emit(text: str) -> None:
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
        from cchc_cli.outputs import cannot_write

        raise cannot_write(None, e) from e
