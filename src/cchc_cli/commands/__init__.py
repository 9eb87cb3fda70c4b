"""The command layer: one module per command or command group, each imported only when needed.

The root group (:class:`LazyGroup`) knows every command's name and one-line help from
:data:`COMMANDS` and nothing more, so ``cchc --help`` and the shell's completion of command names
import no command module; a module is imported when its command runs, its help is asked for, or
the shell completes its options. ``cchc check FILE`` thus never builds ``summary``'s machinery.

The one-line helps live here and nowhere else: each command's module takes its ``help`` from
:func:`help_of`, so the root's listing cannot drift from the command's own help.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any, NamedTuple

from typer.core import TyperCommand, TyperGroup

from cchc_cli.uilang import pick

class Entry(NamedTuple):
    name: str
    module: str
    #: the module's Typer app (one command, or a group with its callback)
    attr: str
    #: (Vietnamese, English) help, shown by the root's listing and by the command itself
    help: tuple[str, str]


#: Every command, in the order ``cchc --help`` lists them.
COMMANDS: tuple[Entry, ...] = (
    Entry(
        "check",
        "cchc_cli.commands.check",
        "app",
        ("Kiểm tra tệp tiến độ theo Kế hoạch. '-' đọc một tệp tiến độ từ đầu vào chuẩn (hiện là <stdin>).",
         "Check progress files against the plan. '-' reads a progress file from standard input (shown as <stdin>)."),
    ),
    Entry(
        "config",
        "cchc_cli.commands.config",
        "app",
        ('Thiết lập đang dùng và nguồn của từng giá trị.',
         'The effective settings and where each comes from.'),
    ),
    Entry(
        "report",
        "cchc_cli.commands.report",
        "app",
        ('Báo cáo khoảng cách, in ra hoặc lưu thành tệp để gửi kèm.',
         'The gap report, shown or saved to attach.'),
    ),
    Entry(
        "summary",
        "cchc_cli.commands.summary",
        "app",
        ('Tổng hợp toàn Thành phố từ các tệp tiến độ.',
         'The city-wide roll-up of many progress files.'),
    ),
    Entry(
        "init",
        "cchc_cli.commands.init",
        "app",
        ('Tạo tệp tiến độ mẫu, có chú thích tiếng Việt.',
         'Write a ready-to-fill progress file (with Vietnamese comments).'),
    ),
    Entry(
        "rules",
        "cchc_cli.commands.rules",
        "app",
        ('Danh mục quy tắc kiểm tra: mã, mức độ, ý nghĩa.',
         'The check rules: id, severity, meaning.'),
    ),
    Entry(
        "plan",
        "cchc_cli.commands.plan",
        "plan_app",
        ('Xem dữ liệu Kế hoạch: chỉ tiêu, nhiệm vụ, cơ quan, đính chính.',
         'Browse the plan dataset: targets, tasks, agencies, errata.'),
    ),
    Entry(
        "schema",
        "cchc_cli.commands.schema",
        "schema_app",
        ('Lược đồ JSON của các tệp.',
         'JSON Schemas of the files.'),
    ),
)
_BY_NAME = {entry.name: entry for entry in COMMANDS}


def help_of(name: str) -> str:
    """A command's help in the decided language (:func:`cchc_cli.uilang.pick`)."""
    return pick(*_BY_NAME[name].help)


class _Listed(TyperCommand):
    """A command as the root's listing sees it: a name and its help, nothing imported."""


def load(name: str) -> Any:
    """The Click command of ``name``, built from its module's Typer app."""
    from typer.main import get_command

    from cchc_cli import typerparams

    entry = _BY_NAME[name]
    command = get_command(getattr(import_module(entry.module), entry.attr))
    command.name = name
    typerparams.install(command)  # its plain values read without pydantic
    return command


class LazyGroup(TyperGroup):
    """The root group: commands listed from :data:`COMMANDS`, imported when resolved.

    Click lists a group's commands through :meth:`get_command` (help, completion of command
    names) and runs one through :meth:`resolve_command` (a run, its ``--help``, completion of its
    options): the first gets a stand-in that only names the command, the second the real one.
    """

    #: applied to each command as it is loaded (:func:`cchc_cli.cli.run` sets the language's words)
    on_load: Callable[[Any], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cchc_cli import typerparams

        typerparams.install(self)  # the root's own options (--lang, --color, ...) read without pydantic
        self._loaded: dict[str, Any] = {}
        # Stand-ins in Click's own table too: Typer suggests "did you mean 'check'?" from it.
        for entry in COMMANDS:
            self.commands[entry.name] = _Listed(name=entry.name, help=help_of(entry.name), callback=None)

    def list_commands(self, ctx: Any) -> list[str]:
        return [entry.name for entry in COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return self._loaded.get(cmd_name) or self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if isinstance(command, _Listed) and name is not None:
            command = self.loaded(name)
        return name, command, rest

    def loaded(self, name: str) -> Any:
        """The real command ``name``, imported and built once."""
        if name not in self._loaded:
            command = load(name)
            if self.on_load is not None:
                self.on_load(command)
            self._loaded[name] = command
        return self._loaded[name]
