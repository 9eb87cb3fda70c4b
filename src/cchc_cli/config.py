"""Per-repository settings: found, read, validated, and merged under the command line.

The file is ``.cchc.yaml`` or the ``[tool.cchc]`` table of ``pyproject.toml``, in the working
directory or the nearest parent that has one, up to the repository's root (in one directory,
``.cchc.yaml`` wins). Command-line
flags beat the file, the file beats the defaults, and every effective value remembers where it
came from (``cchc config`` shows it). A broken file is an input error at its line, like a broken
progress file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from cchc_cli.errors import SchemaError, UsageError
from cchc_cli.location import SourceLocation
from cchc_cli.models.report import Severity, Waiver
from cchc_cli.bilingual import Bilingual

CONFIG_NAMES = (".cchc.yaml", "pyproject.toml")
DEFAULTS: dict[str, Any] = {"fail-on": "error", "lang": "vi", "plan": None, "format": [], "exclude": []}


class Setting(NamedTuple):
    value: Any
    source: str  # "default", "--fail-on", ".cchc.yaml:3", "pyproject.toml"…


class Config(NamedTuple):
    path: Path | None
    settings: dict[str, Setting]
    waivers: tuple[Waiver, ...]
    #: rule id -> its severity in this repository ("error" … "off") and where that was said
    severity: Mapping[str, Setting] = MappingProxyType({})

    def value(self, key: str) -> Any:
        return self.settings[key].value

    def severities(self) -> dict[str, Severity | None]:
        """The rules whose severity this run changes (:mod:`cchc_cli.severity`): None is off."""
        from cchc_cli.severity import level_of

        return {rule: level_of(str(s.value)) for rule, s in self.severity.items()}


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``, not above its repository's root.

    The root is the nearest directory holding ``.git`` (a directory, or the file of a worktree or
    a submodule), the same one :mod:`cchc_cli.sourceroot` names paths from. A repository's run is
    the repository's: a ``.cchc.yaml`` in the directory a clone happens to sit in (someone's home,
    a CI runner's work area) belongs to nobody in it and would silently change its verdicts. Outside
    any repository the search goes up to the file system's root, as before.
    """
    for directory in (start, *start.parents):
        yaml_file = directory / ".cchc.yaml"
        if yaml_file.is_file():
            return yaml_file
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_cchc_table(pyproject):
            return pyproject
        if _is_repository_root(directory):
            return None
    return None


def _is_repository_root(directory: Path) -> bool:
    try:
        return (directory / ".git").exists()
    except OSError:  # a directory we may not look into: not known to be the root, keep going
        return False


def _has_cchc_table(pyproject: Path) -> bool:
    """Whether ``[tool.cchc]`` is really there (any TOML spelling of it), not just mentioned."""
    import tomllib

    from cchc_cli import yamlio
    from cchc_cli.errors import ParseError

    try:
        raw = yamlio.read_bytes(pyproject)
    except ParseError:
        return False  # not a readable regular file of sane size: not a place settings can be
    if b"cchc" not in raw:  # the common case, without parsing the file
        return False
    try:
        tool = tomllib.loads(raw.decode("utf-8")).get("tool")
        return isinstance(tool, dict) and "cchc" in tool
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True  # broken, and about cchc: let the reader say what is wrong, at its line


class _Source(NamedTuple):
    data: Any
    locate: Any  # (list[str | int]) -> SourceLocation
    #: the file's notation: a message shows 'key: value' for YAML and 'key = value' for TOML
    notation: Literal["yaml", "toml"] = "yaml"


#: The settings file as last read in this process: the console script reads it for its ``lang:``
#: before parsing the command line (:mod:`cchc_cli.uilang`), and :func:`load` reads it again for
#: the rest. Keyed by the file's identity and change time, so a file edited in between is re-read.
_LAST_READ: dict[tuple[str, int, int, int], _Source] = {}


def read(path: Path) -> _Source:
    """The settings file at ``path``, parsed once a process however many times it is asked for."""
    info = path.stat()
    key = (str(path), info.st_ino, info.st_mtime_ns, info.st_size)
    source = _LAST_READ.get(key)
    if source is None:
        shown = _shown(path)
        source = _read_yaml(path, shown) if path.name.endswith(".yaml") else _read_toml(path, shown)
        _LAST_READ.clear()
        _LAST_READ[key] = source
    return source


def _read_yaml(path: Path, shown: str) -> _Source:
    from cchc_cli import yamlio

    document = yamlio.load(path, shown)
    return _Source(document.data if document.data is not None else {}, document.locate)


def _read_toml(path: Path, shown: str) -> _Source:
    import tomllib

    from cchc_cli import yamlio

    try:
        text = yamlio.read_bytes(path, shown).decode("utf-8")
    except UnicodeDecodeError as e:
        raise SchemaError(
            Bilingual(
                "tệp không phải văn bản UTF-8 hợp lệ",
                "the file is not valid UTF-8",
            ),
            SourceLocation(shown),
            Bilingual(
                "hãy lưu tệp với bảng mã UTF-8",
                "save it as UTF-8",
            ),
        ) from e
    try:
        data = tomllib.loads(text)
    except RecursionError as e:  # tomllib recurses once per nested array or inline table
        raise SchemaError(
            Bilingual(
                "TOML lồng nhau quá sâu",
                "the TOML is nested too deeply",
            ),
            SourceLocation(shown),
            Bilingual(
                "giảm bớt các danh sách, bảng lồng nhau trong [tool.cchc]",
                "flatten the nested arrays or inline tables of [tool.cchc]",
            ),
        ) from e
    except tomllib.TOMLDecodeError as e:
        match = re.search(r"line (\d+)", str(e))
        raise SchemaError(
            Bilingual(
                f"không phải TOML hợp lệ: {_toml_vi(str(e))}",
                f"not valid TOML: {e}",
            ),
            SourceLocation(shown, int(match.group(1)) if match else None),
            Bilingual(
                "sửa cú pháp TOML tại chỗ đó (giá trị chữ đặt trong dấu nháy kép: lang = \"vi\")",
                "fix the TOML syntax at that place (text values go in double quotes: lang = \"vi\")",
            ),
        ) from e
    lines = text.splitlines()

    def locate(data_path: list[str | int]) -> SourceLocation:
        # tomllib keeps no positions: find the table, then the key or the n-th array table.
        start = next((i for i, line in enumerate(lines) if line.strip() == "[tool.cchc]"), None)
        if data_path[:1] == ["severity"] and len(data_path) > 1:
            # [tool.cchc.severity] as a table of its own: the rule's line in it
            table = next((i for i, line in enumerate(lines) if line.strip() == "[tool.cchc.severity]"), None)
            if table is not None:
                for i in range(table + 1, len(lines)):
                    if lines[i].startswith("["):
                        break
                    if re.match(rf"\s*\"?{re.escape(str(data_path[1]))}\"?\s*=", lines[i]):
                        return SourceLocation(shown, i + 1, 1)
                return SourceLocation(shown, table + 1, 1)
        if data_path[:1] == ["waivers"] and len(data_path) > 1 and isinstance(data_path[1], int):
            headers = [i for i, line in enumerate(lines) if line.strip() == "[[tool.cchc.waivers]]"]
            if data_path[1] < len(headers):
                return SourceLocation(shown, headers[data_path[1]] + 1, 1)
        if start is not None and data_path:
            key = str(data_path[0])
            for i in range(start + 1, len(lines)):
                if lines[i].startswith("["):
                    break
                if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", lines[i]):
                    return SourceLocation(shown, i + 1, 1)
        return SourceLocation(shown, start + 1 if start is not None else None, 1 if start is not None else None)

    tool = data.get("tool")
    return _Source(tool.get("cchc", {}) if isinstance(tool, dict) else {}, locate, "toml")


#: tomllib's problems (Python's wording, English), in Vietnamese; matched at the start of its message
_TOML_VI: tuple[tuple[str, str], ...] = (
    ("Invalid value", "giá trị không hợp lệ (chữ phải đặt trong dấu nháy kép)"),
    ("Invalid statement", "dòng không đúng dạng 'khóa = giá trị'"),
    ("Cannot overwrite a value", "một khóa được ghi hai lần"),
    ("Cannot declare", "một bảng được khai báo hai lần"),
    ("Cannot mutate", "một bảng được khai báo hai lần"),
    ("Expected ']' at the end of a table declaration", "thiếu dấu ']' ở cuối tên bảng"),
    ("Expected ']]' at the end of an array declaration", "thiếu dấu ']]' ở cuối tên bảng"),
    ("Expected '=' after a key", "thiếu dấu '=' sau tên khóa"),
    ("Unterminated string", "chuỗi chưa có dấu nháy đóng"),
    ("Unclosed array", "danh sách chưa có dấu ']' đóng"),
    ("Unclosed inline table", "bảng chưa có dấu '}' đóng"),
    ("Illegal character", "có ký tự không được phép"),
    ("Invalid initial character for a key part", "tên khóa bắt đầu bằng ký tự không được phép"),
)


def _toml_vi(message: str) -> str:
    """A tomllib message in Vietnamese: what is wrong, and where ("dòng 3, cột 8")."""
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    place = f" (dòng {where.group(1)}, cột {where.group(2)})" if where else (" (ở cuối tệp)" if "end of document" in message else "")
    what = next((vi for en, vi in _TOML_VI if message.startswith(en)), "cú pháp sai")
    return what + place


def _contract() -> type:
    from cchc_cli.models.config import Settings

    return Settings


def _functions() -> tuple[Callable[..., object], ...]:
    """The functions the settings schema calls: the only ones its cached form may name."""
    from cchc_cli.dates import coerce_date
    from cchc_cli.models.config import _lower

    return (_lower, coerce_date)


def _validate(source: _Source, shown: str) -> dict[str, Any]:
    import pydantic_core

    from cchc_cli.contracts import validator
    from cchc_cli.schema_words import vi_of
    from cchc_cli.validation import details_of, located_problems

    if not isinstance(source.data, dict):
        toml = source.notation == "toml"
        pair_en, pair_vi = ("key = value", "khóa = giá trị") if toml else ("key: value", "khóa: giá trị")
        below, below_vi = (" under [tool.cchc]", " dưới dòng [tool.cchc]") if toml else ("", "")
        raise SchemaError(
            Bilingual(
                "phần cấu hình phải là một bảng khóa (fail-on, lang, plan, format, exclude, waivers, severity)",
                "the settings are a mapping of keys (fail-on, lang, plan, format, exclude, waivers, severity)",
            ),
            source.locate([]),
            Bilingual(
                f"ghi các thiết lập dạng khóa và giá trị, mỗi dòng '{pair_vi}'{below_vi} "
                "(xem mục 'Configuration' trong README)",
                f"write the settings as keys and values, one '{pair_en}' a line{below} (see 'Configuration' in cchc's README)",
            ),
        )
    models = Path(__file__).resolve().parent / "models" / "config.py"
    try:
        checked: dict[str, Any] = validator("config", models, _contract, _functions).validate_python(source.data)
        return checked
    except pydantic_core.ValidationError as e:
        found = located_problems(e, source, allowed_keys=_allowed_keys)
        where, text = found.shown[0]
        from cchc_cli.numbers import count

        more = f" (and {count(found.total - 1, 'en')} more)" if found.total > 1 else ""
        more_vi = f" (và {count(found.total - 1, 'vi')} lỗi khác)" if found.total > 1 else ""
        raise SchemaError(
            Bilingual(
                (vi_of(text) or text) + more_vi,
                text + more,
            ),
            where,
            Bilingual(
                "xem mục 'Configuration' trong README của cchc",
                "see 'Configuration' in cchc's README",
            ),
            details_of(found.shown),
        ) from e


def _allowed_keys(loc: tuple[Any, ...]) -> list[str] | None:
    """The keys of the settings (``loc`` empty) or of a waiver (``waivers[i]``), for "did you mean"."""
    from cchc_cli.models.config import Settings, WaiverEntry

    if not loc:
        return list(Settings.__annotations__)
    if loc[:1] == ("waivers",) and len(loc) == 2:
        return list(WaiverEntry.__annotations__)
    return None


def _waivers(entries: list[dict[str, Any]], source: _Source, base: Path) -> tuple[Waiver, ...]:
    from cchc_cli.rules import RULES

    waivers = []
    for i, entry in enumerate(entries):
        where = source.locate(["waivers", i])
        rule = RULES.get(entry["rule"])
        if rule is None:
            raise SchemaError(
                Bilingual(
                    f"waivers[{i}].rule: không có quy tắc {entry['rule']!r}",
                    f"waivers[{i}].rule: there is no rule {entry['rule']!r}",
                ),
                where,
                Bilingual(
                    "xem danh mục bằng lệnh 'cchc rules'",
                    "list the rules with 'cchc rules'",
                ),
            )
        if rule.family == "input" and rule.severity.name == "error":
            raise SchemaError(
                Bilingual(
                    f"waivers[{i}]: {rule.id} ({rule.slug}) là lỗi dữ liệu đầu vào: lỗi này được sửa trong tệp, không bao giờ được miễn trừ",
                    f"waivers[{i}]: {rule.id} ({rule.slug}) is an input error, which is fixed in the file, never waived",
                ),
                where,
                Bilingual(
                    "xoá miễn trừ này và sửa tệp mà phát hiện chỉ ra",
                    "remove this waiver and fix the file the finding points at",
                ),
            )
        waivers.append(
            Waiver(
                rule=entry["rule"],
                subject=entry["subject"],
                reason=entry["reason"],
                approver=entry["approver"],
                expires=entry["expires"],
                file=entry.get("file"),
                source=where,
                base=str(base),
            )
        )
    return tuple(waivers)


def load(start: Path | None = None) -> Config:
    """The settings of the repository around ``start`` (the working directory), before flags."""
    settings = {key: Setting(value, "default") for key, value in DEFAULTS.items()}
    if os.environ.get("CCHC_NO_CONFIG", "") not in ("", "0"):
        return Config(None, settings, ())
    path = find((start or Path.cwd()).resolve())
    if path is None:
        return Config(None, settings, ())
    from cchc_cli import yamlio

    shown = _shown(path)
    source = read(path)
    data = _validate(source, shown)
    for key, value in data.items():
        if key in ("waivers", "severity"):
            continue
        if key == "plan":
            value = str(yamlio.same_file_key(path.parent / value))  # relative to the file that says it
        if key == "format":  # likewise; outputs.check keeps them inside that directory
            value = [_beside(path, spec) for spec in value]
        settings[key] = Setting(value, str(source.locate([key])))
    return Config(path, settings, _waivers(data.get("waivers", []), source, path.parent),
                  _severity(data.get("severity", {}), source))


def _severity(entries: dict[str, str], source: _Source) -> dict[str, Setting]:
    """``severity:`` of the settings file, each rule checked as :func:`cchc_cli.severity.refusal` says."""
    from cchc_cli.severity import refusal

    chosen: dict[str, Setting] = {}
    for key, value in entries.items():
        where = source.locate(["severity", key])
        rule_id = key.strip().upper()
        problem = refusal(rule_id, value)
        if problem is not None:
            raise SchemaError(
                Bilingual(
                    f"severity.{key}: {problem.message.vi}",
                    f"severity.{key}: {problem.message.en}",
                ),
                where,
                problem.hint,
            )
        if rule_id in chosen:  # "cchc102" and "CCHC102": which one was meant is not ours to guess
            raise SchemaError(
                Bilingual(
                    f"severity.{key}: {rule_id} được ghi hai lần",
                    f"severity.{key}: {rule_id} is given twice",
                ),
                where,
                Bilingual(
                    "mỗi quy tắc chỉ ghi một dòng trong severity:",
                    "keep one line per rule under severity:",
                ),
            )
        chosen[rule_id] = Setting(value, str(where))
    return chosen


def with_severity_flags(config: Config, specs: list[str] | None) -> Config:
    """``config`` with each ``--severity RULE=LEVEL`` beating the file's setting for that rule."""
    if not specs:
        return config
    from cchc_cli.severity import parse_flag

    chosen = dict(config.severity)
    for spec in specs:
        rule_id, value = parse_flag(spec)
        chosen[rule_id] = Setting(value, "--severity")
    return config._replace(severity=chosen)


def _beside(settings_file: Path, spec: str) -> str:
    """``plain=out.txt`` in a settings file -> ``plain=<the file's directory>/out.txt``."""
    name, sep, target = spec.partition("=")
    return f"{name}={settings_file.parent / target}" if sep and target else spec


def output_home(config: Config) -> tuple[Path | None, str | None]:
    """(directory, origin) when the outputs come from the settings file, else (None, None).

    Outputs named in a settings file came with the repository being checked: they must stay
    inside the settings file's directory (:mod:`cchc_cli.outputs`).
    """
    setting = config.settings.get("format")
    if config.path is None or setting is None or setting.source.startswith("--") or setting.source == "default":
        return None, None
    return config.path.parent, setting.source


def with_flags(config: Config, flags: dict[str, Any]) -> Config:
    """``config`` with every flag the command line gave (not None) taking precedence."""
    settings = dict(config.settings)
    for key, value in flags.items():
        if value is not None and value != []:
            settings[key] = Setting(value, f"--{key}")
    return config._replace(settings=settings)


#: Environment variables that stand for a flag (Typer reads them as the flag itself).
ENVIRONMENT = {"lang": "CCHC_LANG", "plan": "CCHC_PLAN"}


def with_environment(config: Config) -> Config:
    """``config`` with the environment variables that stand for flags, labelled by their names."""
    settings = dict(config.settings)
    for key, variable in ENVIRONMENT.items():
        value = os.environ.get(variable)
        if value:
            settings[key] = Setting(value.lower() if key == "lang" else value, variable)
    return config._replace(settings=settings)


def source_label(source: str, lang: str) -> str:
    """Where a setting comes from, in words of the language asked for ("dòng lệnh --lang").

    The machine value (:attr:`Setting.source`: "default", "--lang", "CCHC_LANG", ".cchc.yaml:3:1")
    is a contract of ``cchc config --format json``; this is its label for people.
    """
    from cchc_cli.i18n import t

    if source == "default":
        return t("config.source.default", lang)
    if source.startswith("--"):
        return t("config.source.flag", lang).format(flag=source)
    if source in ENVIRONMENT.values():
        return t("config.source.env", lang).format(name=source)
    return t("config.source.file", lang).format(where=source)


def fixed_today() -> date | None:
    """``CCHC_TODAY`` (ISO), the date waivers then expire against instead of each report's ``as_of``.

    Nothing needs it: a waiver is judged against the ``as_of`` of the report it would waive (see
    :func:`cchc_cli.engine.apply_waivers`), so a run gives the same answer on any day. It is kept,
    as an override, for the pipelines that set it when expiry followed the machine's clock.
    """
    fixed = os.environ.get("CCHC_TODAY")
    if not fixed:
        return None
    try:
        return date.fromisoformat(fixed)
    except ValueError as e:
        raise UsageError(
            Bilingual(
                f"CCHC_TODAY={fixed!r} không phải ngày dạng ISO (2021-12-31)",
                f"CCHC_TODAY={fixed!r} is not an ISO date (2021-12-31)",
            ),
            None,
            Bilingual(
                "hãy bỏ biến này: miễn trừ được xét theo ngày chốt số liệu (as_of) của từng báo cáo",
                "unset it: waivers are judged against each report's as_of date",
            ),
        ) from e


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
