"""Typer's and Click's own words ("Usage:", "No such option", "Show this message and exit.") in Vietnamese.

Typer 0.29 ships its own copy of Click (``typer._click``) whose messages are plain f-strings, not
gettext calls; only ``typer.core`` and ``typer.rich_utils`` go through ``gettext``, and
``rich_utils`` turns its panel titles into constants when it is first imported. So four doors:

* gettext: the msgids of :data:`GETTEXT` answer in Vietnamese wherever ``typer.core`` and
  ``typer.rich_utils`` bound ``_`` (rebound if they are loaded; ``gettext.gettext`` itself answers
  for a ``rich_utils`` imported later, so that a run without help or error never pays for importing it);
* messages: a usage error's text is matched against the English templates of :data:`TEMPLATES`
  (taken verbatim from the vendored sources, so a test can hold the table to them) and rewritten,
  the message inside an "Invalid value for …: <message>" included;
* echo: the lines ``--install-completion`` prints;
* the command tree: the help option's help, Typer's completion options, the usage line's
  placeholders ([OPTIONS], COMMAND [ARGS]...) and the type column of the help (``<bool>``,
  ``<list[str]>``), set on the built Click command by :func:`localize`.

Nothing here changes a behaviour or an exit code: only words. English needs no translation, but the
type column (Python type names) is cleaned in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from cchc_cli.uilang import UiLang

#: gettext msgids of typer.core and typer.rich_utils -> Vietnamese.
GETTEXT: dict[str, str] = {
    "(dynamic)": "(động)",
    "Aborted!": "Đã dừng!",
    "Aborted.": "Đã dừng.",
    "required": "bắt buộc",
    "Arguments": "Đối số",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Error": "Lỗi",
    "Missing command.": "thiếu lệnh.",
    "No such command {name!r}.": "không có lệnh {name!r}.",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "(deprecated) ": "(không còn dùng) ",
    "[default: {}]": "[mặc định: {}]",
    "[env var: {}]": "[biến môi trường: {}]",
    "[required]": "[bắt buộc]",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Gõ [blue]'{command_path} {help_option}'[/] để xem hướng dẫn.",
}

#: English templates, verbatim from the vendored Click and Typer ("{}" is a value copied as it is,
#: "{msg}" a message translated in turn) -> Vietnamese, with the same placeholders in order.
TEMPLATES: dict[str, str] = {
    # typer/_click/exceptions.py
    "Invalid value for {}: {msg}": "giá trị không hợp lệ cho {}: {msg}",
    "Invalid value: {msg}": "giá trị không hợp lệ: {msg}",
    "Missing {}{}. {msg}": "thiếu {}{}. {msg}",
    "Missing {}{}.": "thiếu {}{}.",
    "Missing parameter: {}": "thiếu tham số: {}",
    "No such option: {}": "không có tùy chọn {}",
    # NoSuchOption.format_message: f"{self.message} {suggest}", suggest = "(Possible options: {})"
    "{msg} (Possible options: {})": "{msg} (các tùy chọn có: {})",
    "Try '{} {}' for help.\n": "Gõ '{} {}' để xem hướng dẫn.\n",
    "Could not open file {}: {msg}": "không mở được tệp {}: {msg}",
    "unknown error": "lỗi không rõ",
    # typer/_click/parser.py
    "Option {} requires {msg}": "tùy chọn {} cần {msg}",
    "an argument.": "một giá trị.",
    "{} arguments.": "{} giá trị.",
    "Option {} does not take a value.": "tùy chọn {} không nhận giá trị.",
    "Argument {} takes {} values.": "đối số {} cần {} giá trị.",
    # typer/_click/core.py
    "Got unexpected extra argument(s) ({})": "thừa đối số ({}): lệnh không nhận thêm đối số này",
    "DeprecationWarning: The command {} is deprecated.{}": "Cảnh báo: lệnh {} không còn được dùng.{}",
    "Usage: ": "Cách dùng: ",
    "[OPTIONS]": "[TÙY_CHỌN]",
    # typer/_click/decorators.py
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    # typer/core.py
    "{msg}. Did you mean {}?": "{msg}. Có phải ý bạn là {}?",
    "Choose from:\n\t{}": "chọn một trong:\n\t{}",
    "COMMAND [ARGS]...": "LỆNH [ĐỐI_SỐ]...",
    # typer/_param_types.py, typer/_coercion.py
    "{} is not one of {}.": "{} không phải một trong: {}",
    "Value error, {msg}": "{msg}",
    "Value {} is not a valid {}.": "giá trị {} không phải {} hợp lệ.",
    "Value must be an iterable.": "giá trị phải là một danh sách.",
    "{} {} does not exist.": "{} {} không tồn tại.",
    "{} {} is a file.": "{} {} là một tệp, không phải thư mục.",
    "{} {} is a directory.": "{} {} là một thư mục, không phải tệp.",
    "{} {} is not readable.": "{} {} không đọc được.",
    "{} {} is not writable.": "{} {} không ghi được.",
    "'{}': {}": "'{}': {}",
    # pydantic-core, through Typer's TypeAdapter coercion (typer/_coercion.py passes the first error's
    # msg on as it is): every message the option types cchc uses can give (int with min/max, float,
    # bool from an environment variable, enum and literal choices, paths, lists, strings)
    "Input should be a valid integer, unable to parse string as an integer": "cần một số nguyên",
    "Input should be a valid integer, got a number with a fractional part": "cần một số nguyên, không có phần lẻ",
    "Input should be a valid integer": "cần một số nguyên",
    "Unable to parse input string as an integer, exceeded maximum size": "số quá lớn",
    "Input should be greater than or equal to {}": "cần lớn hơn hoặc bằng {}",
    "Input should be less than or equal to {}": "cần nhỏ hơn hoặc bằng {}",
    "Input should be greater than {}": "cần lớn hơn {}",
    "Input should be less than {}": "cần nhỏ hơn {}",
    "Input should be a multiple of {}": "cần là bội số của {}",
    "Input should be a valid number, unable to parse string as a number": "cần một số",
    "Input should be a valid number": "cần một số",
    "Input should be a finite number": "cần một số hữu hạn",
    "Input should be a valid boolean, unable to interpret input": "cần đúng hoặc sai: 1/0, true/false, yes/no, on/off",
    "Input should be a valid boolean": "cần đúng hoặc sai: 1/0, true/false, yes/no, on/off",
    "Input should be a valid string": "cần một chuỗi ký tự",
    "Input should be a valid list": "cần một danh sách",
    "Input should be a valid path": "cần một đường dẫn",
    "Input is not a valid path for <class 'pathlib.Path'>": "cần một đường dẫn",
    "Input should be {}": "cần là {}",  # enum and literal: "'a', 'b' or 'c'"
    # typer/completion.py
    "Install completion for the current shell.": "Cài gợi ý hoàn thành lệnh (completion) cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "In mã gợi ý hoàn thành lệnh cho shell đang dùng, để sao chép hoặc tự cài.",
    "Install completion for the specified shell.": "Cài gợi ý hoàn thành lệnh cho shell đã nêu.",
    "Show completion for the specified shell, to copy it or customize the installation.":
        "In mã gợi ý hoàn thành lệnh cho shell đã nêu, để sao chép hoặc tự cài.",
    # typer/completion.py, typer/_completion_shared.py: what --install-completion says
    "{} completion installed in {}": "đã cài gợi ý hoàn thành lệnh cho {} vào {}",
    "Completion will take effect once you restart the terminal": "Gợi ý có hiệu lực khi mở lại cửa sổ lệnh",
    "Invalid completion instruction.": "yêu cầu gợi ý hoàn thành lệnh không hợp lệ.",
    "Shell {} not supported.": "chưa hỗ trợ shell {}.",
    "Shell {} is not supported.": "chưa hỗ trợ shell {}.",
    'Completion instruction "{}" not supported.': 'chưa hỗ trợ yêu cầu gợi ý "{}".',
    "Couldn't get PowerShell user profile": "không tìm được hồ sơ người dùng của PowerShell",
    "Couldn't decode the path automatically": "không tự đọc được đường dẫn",
}

#: Words Click puts into its templates' values: a parameter's kind, a path's kind.
WORDS: dict[str, str] = {
    "option": "tùy chọn",
    "argument": "đối số",
    "parameter": "tham số",
    "file": "tệp",
    "dir": "thư mục",
    "path": "đường dẫn",
}


def _compile(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\}|\{msg\})", template)
    pattern = "".join("(.*?)" if part in ("{}", "{msg}") else re.escape(part) for part in parts)
    return re.compile(f"^{pattern}$", re.DOTALL)


_SLOT = re.compile(r"\{\}|\{msg\}")


@cache
def _compiled() -> list[tuple[re.Pattern[str], list[str], str]]:
    """The templates as patterns, most specific first: a template with more fixed text is tried
    before a looser one ("{msg} (Possible options: {})" before "No such option: {}"), so a looser
    one only gets what is left. Compiled on the first message to translate, not on every run: a
    run without a usage error (most runs) never needs them, and compiling them all costs ~8 ms."""
    return [
        (_compile(en), _SLOT.findall(en), vi)
        for en, vi in sorted(TEMPLATES.items(), key=lambda item: -len(_SLOT.sub("", item[0])))
        if "{" in en
    ]

# A parameter's kind and hint, so that "Missing option '--agency' / '-a'." reads "thiếu tùy chọn …".
_MISSING = re.compile(r"^Missing (option|argument|parameter)((?: .+?)?)\.(?: (.*))?$", re.DOTALL)


def _choices(listed: str) -> str:
    """``'error', 'warning', 'info'`` -> ``error, warning, info``: a list, not Python reprs."""
    return ", ".join(item.strip().strip("'\"") for item in listed.split(","))


def _expected(listed: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` -> ``một trong: a, b, c``; one value stays one value."""
    items = [item.strip().strip("'\"") for item in re.split(r",| or ", listed)]
    return items[0] if len(items) == 1 else "một trong: " + ", ".join(items)


def _number(value: str) -> str:
    """A bound as Vietnamese writes numbers: 5.000, 0,5 (pydantic writes 5000, 0.5)."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return value
    whole, _, fraction = value.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


# The environment variable a bad value came from (see _env_hint): "'--lang' (environment variable CCHC_LANG)".
_FROM_ENV = re.compile(r"^(.*) \(environment variable (\S+)\)$", re.DOTALL)


def _value(value: str) -> str:
    """A ``{}`` slot's value in Vietnamese: a parameter's kind, or a parameter hint naming its variable."""
    env = _FROM_ENV.match(value)
    if env:
        return f"{env.group(1)} (biến môi trường {env.group(2)})"
    return WORDS.get(value, value)


def translate(message: str, depth: int = 0) -> str:
    """``message`` (a Click/Typer text) in Vietnamese; a text no template knows stays as it is."""
    if depth > 4 or not message:
        return message
    if message in TEMPLATES:
        return TEMPLATES[message]
    if message in GETTEXT:
        return GETTEXT[message]
    if message.startswith("Value error, "):  # pydantic's prefix on a validator's own words
        return translate(message.removeprefix("Value error, "), depth + 1)
    missing = _MISSING.match(message)
    if missing:
        kind, hint, rest = missing.groups()
        said = f"thiếu {WORDS[kind]}{hint}."
        return f"{said} {translate(rest, depth + 1)}" if rest else said
    for pattern, slots, vi in _compiled():
        found = pattern.match(message)
        if not found:
            continue
        values = [
            translate(value, depth + 1) if slot == "{msg}" else _value(value)
            for slot, value in zip(slots, found.groups(), strict=True)
        ]
        if vi.startswith("{} không phải một trong"):  # the choices as a list a reader types from
            values[1] = _choices(values[1])
        elif vi == "cần là {}":
            values[0] = _expected(values[0])
        elif vi.startswith(("cần lớn hơn", "cần nhỏ hơn", "cần là bội số")):
            values[0] = _number(values[0])
        pieces = _SLOT.split(vi)
        return pieces[0] + "".join(value + piece for value, piece in zip(values, pieces[1:], strict=True))
    return message


def _gettext(original: Callable[[str], str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        return GETTEXT.get(message) or TEMPLATES.get(message) or original(message)

    return gettext


def _ngettext(original: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        return GETTEXT.get(chosen) or original(singular, plural, n)

    return ngettext


_RICH_CONSTANTS = {
    "DEPRECATED_STRING": "(deprecated) ",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}

_installed: set[str] = set()


def install(lang: UiLang) -> None:
    """Make Typer's and Click's words speak ``lang``, once per process (called before the app runs)."""
    import typer.core
    from typer import _click

    if "types" not in _installed:
        _installed.add("types")
        _clean_type_column(typer.core)
        _env_hint(typer.core, _click)
        _one_line_descriptions()
    if lang != "vi":
        if "en" not in _installed:
            _installed.add("en")
            _patch_messages(_click, _plain_english)
        return
    if "vi" in _installed:
        return
    _installed.add("vi")
    import gettext
    import sys

    gettext.gettext = _gettext(gettext.gettext)  # type: ignore[assignment]
    gettext.ngettext = _ngettext(gettext.ngettext)  # type: ignore[assignment]
    for name in ("typer.core", "typer.rich_utils"):
        module = sys.modules.get(name)
        if module is not None:
            module._ = gettext.gettext  # type: ignore[attr-defined]
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is not None:
        for constant, msgid in _RICH_CONSTANTS.items():
            setattr(rich_utils, constant, GETTEXT[msgid])

    _patch_messages(_click, translate)

    # Completion's own lines (typer.completion, typer._completion_shared) are echoed, not raised:
    # the package's echo, and termui's (which secho calls), translate what a template knows.
    echo = _click.echo

    def translated_echo(message: Any = None, *args: Any, **kwargs: Any) -> None:
        echo(translate(message) if isinstance(message, str) else message, *args, **kwargs)

    _click.echo = translated_echo
    _click.termui.echo = translated_echo  # type: ignore[attr-defined]

    write_usage = _click.formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, TEMPLATES["Usage: "] if prefix is None else prefix)

    _click.formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]

    get_help_option = _click.core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None and option.help in TEMPLATES:
            option.help = TEMPLATES[option.help]
        return option

    _click.core.Command.get_help_option = help_option  # type: ignore[method-assign]


def _patch_messages(click: Any, words: Callable[[str], str]) -> None:
    """Every usage error's text goes through format_message (the rich panel and the plain one alike)."""
    root = click.exceptions.ClickException
    for cls in {*root.__mro__, *_subclasses(root)}:
        if "format_message" in vars(cls):
            cls.format_message = _translated(vars(cls)["format_message"], words)


#: pydantic's tails that speak of its parser, not of the value the user gave
_PARSER_TAILS = re.compile(r", (unable to parse string as an? (integer|number)|unable to interpret input)$")


def _plain_english(message: str) -> str:
    """English as Click says it, without pydantic's "Value error, " inside a choice's message.

    "Input should be a valid integer, unable to parse string as an integer" is said without its
    tail too: the user gave a value, not a string to parse.
    """
    return _PARSER_TAILS.sub("", message.replace(": Value error, ", ": ", 1))


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        found |= {sub, *_subclasses(sub)}
    return found


def _translated(format_message: Callable[[Any], str], words: Callable[[str], str]) -> Callable[[Any], str]:
    def translated(self: Any) -> str:
        return words(format_message(self))

    return translated


def _one_line_descriptions() -> None:
    """A completion candidate's description on one line, whitespace collapsed.

    Typer renders each description (an option's help) through a Rich console that wraps at 80
    columns: fish then reads the wrapped tail ("này.", "gitlab | markdown | plain") as candidates of
    their own, and zsh's ``_arguments`` spec breaks. The help keeps its lines in ``--help``.
    """
    from typer import _completion_classes

    render = _completion_classes._sanitize_help_text

    def one_line(text: str) -> str:
        return " ".join(render(" ".join(text.split())).split())

    _completion_classes._sanitize_help_text = one_line


def _env_hint(core: Any, click: Any) -> None:
    """Name an option's environment variable in an error only when the bad value came from it.

    Typer's hint says "'--lang' (env var: 'CCHC_LANG')" whenever an option *has* a variable, so
    ``cchc check --lang fr`` blamed CCHC_LANG though only the flag was given. The hint is now the
    option's names; a bad value read from the environment (the context records each value's
    source before checking it) names the variable that gave it.
    """
    from typer._click.core import ParameterSource

    def option_hint(self: Any) -> str:
        return " / ".join(f"'{name}'" for name in self.opts or [self.display_name_raw])

    core.TyperOption.get_error_hint = option_hint
    bad_parameter = click.exceptions.BadParameter
    format_message = vars(bad_parameter)["format_message"]

    def with_variable(self: Any) -> str:
        param, ctx = self.param, self.ctx
        if self.param_hint is None and param is not None and ctx is not None and param.name:
            if ctx.get_parameter_source(param.name) is ParameterSource.ENVIRONMENT:
                envvar = param.envvar
                names = [envvar] if isinstance(envvar, str) else list(envvar or ())
                import os

                variable = next((name for name in names if os.environ.get(name)), None)
                if variable is not None:
                    self.param_hint = f"{param.get_error_hint()} (environment variable {variable})"
                    try:
                        return format_message(self)  # type: ignore[no-any-return]
                    finally:
                        self.param_hint = None
        return format_message(self)  # type: ignore[no-any-return]

    bad_parameter.format_message = with_variable


def _clean_type_column(core: Any) -> None:
    """No Python type names in the help: a flag takes no value, an argument shows its metavar.

    Typer shows ``<bool>`` beside a flag and ``<list[str]>`` beside an argument that already has
    a metavar; to an officer they are noise in English. Options that take a value carry an explicit
    metavar in :mod:`cchc_cli.cli`, or their choices (``<vi|en>``).
    """
    option_type = core.TyperOption.display_type_rich
    argument_type = core.TyperArgument.display_type_rich

    def option_display(self: Any, ctx: Any) -> str | None:
        if self.is_flag and not self.count:
            return None
        return option_type(self, ctx)  # type: ignore[no-any-return]

    def argument_display(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None:
            return None
        return argument_type(self, ctx)  # type: ignore[no-any-return]

    core.TyperOption.display_type_rich = option_display
    core.TyperArgument.display_type_rich = argument_display


def localize(command: Any, lang: UiLang) -> None:
    """Set the words of a built Click command tree that no template reaches: helps and placeholders."""
    if lang == "vi":
        for param in command.params:
            if getattr(param, "help", None) in TEMPLATES:
                param.help = TEMPLATES[param.help]
        if getattr(command, "options_metavar", None) == "[OPTIONS]":
            command.options_metavar = TEMPLATES["[OPTIONS]"]
        if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            command.subcommand_metavar = TEMPLATES["COMMAND [ARGS]..."]
    subcommands: dict[str, Any] = getattr(command, "commands", {})
    for sub in subcommands.values():
        localize(sub, lang)
