"""The command line's root: the ``cchc`` group, its global options, and :func:`run`. Glue only.

The commands live one module per command or group under :mod:`cchc_cli.commands`, registered
lazily: this module knows their names and one-line helps (:data:`cchc_cli.commands.COMMANDS`), and
a command's module is imported only when it runs or its help is asked for, so that a run pays only
for what it does. Imports here are limited to what ``--help`` needs (typer). (No ``from __future__
import annotations``: Typer reads every signature on each run, and string annotations would make
it ``eval`` each one.)

Exit codes (a contract for CI): 0 success / compliant, 1 findings at or above the failure
threshold, 2 invalid input or command line, 3 internal error (a bug in cchc).

Every help text is a (Vietnamese, English) pair picked when its module is imported, in the
language :mod:`cchc_cli.uilang` decided before (the console script decides it first); Typer's own
words are set in that language by :mod:`cchc_cli.clichrome`.
"""

import sys
from typing import Annotated, Any

import typer

from cchc_cli import bundle, completions
from cchc_cli.commands import LazyGroup
from cchc_cli.commands.base import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    ColorOption,
    GlobalLang,
    err,
    guarded,
    state,
)
from cchc_cli.commands.base import wants_colour as _colour
from cchc_cli.uilang import pick as _h

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OK", "_colour", "app", "run"]

app = typer.Typer(
    name="cchc",
    # The default plan's own description, from the data's manifest: --help loads no plan.
    help=_h(
        bundle.help_text("vi", "Kiểm tra tiến độ cải cách hành chính theo Kế hoạch CCHC."),
        bundle.help_text("en", "Compliance checker for an administrative reform plan."),
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    # The commands are listed from a registry and imported when run (cchc_cli.commands).
    cls=LazyGroup,
)


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
            err(f"cchc: debug: {record.getMessage()}")

    logger = logging.getLogger("cchc_cli")
    logger.handlers[:] = [_Stderr()] if on else []
    logger.setLevel(logging.DEBUG if on else logging.NOTSET)
    logger.propagate = not on


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

    from cchc_cli import clichrome, typerparams, uilang

    _encodable_streams()
    lang = uilang.get()
    clichrome.install(lang)
    command = get_command(app)
    # Typer adds its completion options after building the group: their values too, without pydantic.
    typerparams.install(command)
    clichrome.localize(command, lang)
    completions.without_prefix_filter(command)
    if isinstance(command, LazyGroup):
        # Each command is built when it is loaded: the same words, set then.
        def dress(sub: Any) -> None:
            clichrome.localize(sub, lang)
            completions.without_prefix_filter(sub)

        command.on_load = dress
    command()


#: Names that lived here before the commands had modules of their own: still importable from
#: here, without importing their command's module on every ``import cchc_cli.cli``.
_MOVED = {
    "AgencyKindChoice": "cchc_cli.commands.plan",
    "DeadlineKind": "cchc_cli.commands.plan",
    "SUMMARY_FORMATS": "cchc_cli.render",
    "SUMMARY_FILE_ONLY": "cchc_cli.render",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        from importlib import import_module

        return getattr(import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
