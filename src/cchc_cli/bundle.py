"""Which plans ship with cchc, and which one is used without ``--plan``: the data manifest.

``data/manifest.json`` lists the bundled plan files and names the default one, with the one-line
description ``cchc --help`` shows for it. A new plan year is a change of data (its files and a
line here), not of code. The manifest is read at start-up, for the help, so it is JSON read with
the standard library: no YAML parser, no model, no plan loaded (see ``tests/test_installed.py``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


def data_dir() -> Path | None:
    """The data directory inside the installed package, or the checkout's ``data/`` in development."""
    here = Path(__file__).resolve()
    for candidate in (here.parent / "data", here.parents[2] / "data"):
        if (candidate / MANIFEST).is_file():
            return candidate
    return None


@cache
def manifest() -> dict[str, Any] | None:
    """The manifest's data, or None when it is missing or not the mapping this module reads."""
    import json

    home = data_dir()
    if home is None:
        return None
    try:
        data = json.loads((home / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("plans"), list) or not isinstance(data.get("default"), str):
        return None
    checked: dict[str, Any] = data
    return checked


def default_plan() -> Path | None:
    """The bundled default plan file, as the manifest names it (None if it names none that exists).

    The name must be a file directly in the data directory: the manifest is data, and data does
    not send cchc elsewhere on the machine.
    """
    data, home = manifest(), data_dir()
    if data is None or home is None:
        return None
    name = data["default"]
    if Path(name).name != name or name in (".", ".."):
        return None
    path = home / name
    return path if path.is_file() else None


def help_text(lang: str, fallback: str) -> str:
    """The default plan's one-line description in ``lang`` ("vi" or "en"); ``fallback`` if none."""
    data = manifest()
    if data is None:
        return fallback
    for entry in data["plans"]:
        if isinstance(entry, dict) and entry.get("file") == data["default"]:
            text = (entry.get("help") or {}).get(lang) if isinstance(entry.get("help"), dict) else None
            return text if isinstance(text, str) and text.strip() else fallback
    return fallback
