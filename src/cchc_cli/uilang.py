"""The language of the command line itself, decided once, before Typer parses anything.

Help texts are built when :mod:`cchc_cli.cli` is imported and usage errors are raised while the
command line is parsed, so neither can wait for a command to read its ``--lang`` option: the
console script decides here first (:func:`decide`), stores the answer (:func:`set_lang`), and
only then imports the CLI, which reads it back (:func:`get`).

The order: the last ``--lang X`` / ``--lang=X`` on the command line, ``CCHC_LANG``, the settings file's
``lang:`` (``.cchc.yaml`` or ``[tool.cchc]``, found as :mod:`cchc_cli.config` finds it), then the
locale. A locale starting with ``vi`` means Vietnamese; any other locale does *not* mean English:
the people who run cchc are Vietnamese officers whose laptops often run an English locale, and
to them English help would be the surprise. English is asked for, never guessed.

Only the standard library is imported here: deciding costs nothing unless a settings file exists,
and a broken settings file is not an error *here* (the command reports it, at its line, as it
always has); the decision then falls through to the next source.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

UiLang = Literal["vi", "en"]
DEFAULT: UiLang = "vi"

_current: UiLang = DEFAULT


def get() -> UiLang:
    """The language the command line speaks in this process (Vietnamese until decided)."""
    return _current


def set_lang(lang: UiLang) -> None:
    global _current
    _current = lang


def pick(vi: str, en: str) -> str:
    """One of a (Vietnamese, English) pair of texts, in the decided language."""
    return en if _current == "en" else vi


def _valid(value: object) -> UiLang | None:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered == "vi":
            return "vi"
        if lowered == "en":
            return "en"
    return None


def from_argv(argv: Sequence[str]) -> UiLang | None:
    """The last ``--lang X`` or ``--lang=X`` before any ``--``, as Click takes the last of a repeated option.

    ``cchc --lang en check --lang vi`` is Vietnamese: the command's own ``--lang`` comes later on
    the line than the global one, and wins in the command too. A last value that is not a language
    gives no answer (the command refuses it, in the language decided from the other sources).
    """
    last: str | None = None
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            last, skip = argv[i + 1], True
        elif arg.startswith("--lang="):
            last = arg.split("=", 1)[1]
    return None if last is None else _valid(last)


def from_settings(start: Path) -> UiLang | None:
    """The settings file's ``lang:``, read with the bounded readers of :mod:`cchc_cli.config`.

    Not validated as a whole here (that needs pydantic, which ``--help`` should not pay for):
    only the one key is read, and anything wrong is reported by the command later.
    """
    try:
        start = start.resolve()
        # Importing the settings module costs ~30 ms: only when there is a file it could find.
        if not any((d / name).is_file() for d in (start, *start.parents) for name in (".cchc.yaml", "pyproject.toml")):
            return None
        from cchc_cli import config

        path = config.find(start)
        if path is None:
            return None
        data = config.read(path).data  # kept: the command's config.load reads the same parse
        return _valid(data.get("lang")) if isinstance(data, dict) else None
    except Exception:  # noqa: BLE001 - a broken file is the command's to report, at its line
        return None


def from_locale(environ: Mapping[str, str]) -> UiLang | None:
    """Vietnamese when the effective locale (LC_ALL, then LC_MESSAGES, then LANG) is ``vi…``.

    Any other locale gives no answer rather than English (see the module docstring).
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else None
    return None


def decide(argv: Sequence[str], environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> UiLang:
    """The language for this run: flag, CCHC_LANG, settings file, locale, then Vietnamese."""
    env = os.environ if environ is None else environ
    chosen = from_argv(argv) or _valid(env.get("CCHC_LANG"))
    if chosen is None and env.get("CCHC_NO_CONFIG", "") in ("", "0"):
        chosen = from_settings(cwd or Path.cwd())
    return chosen or from_locale(env) or DEFAULT
