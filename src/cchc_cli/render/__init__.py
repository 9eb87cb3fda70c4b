"""Output formats: one module per format, each turning reports into a string. Loaded by name.

``FORMATS`` is the registry: the choices of ``--format``, and the one place a new format is
added. Every check format's module exposes ``render_reports(reports, options) -> str``; it
computes nothing a rule or the engine should have, writes nothing, and reads no clock, so the
same reports always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cchc_cli.models.report import Report, Severity

#: format name -> module under cchc_cli.render
FORMATS: dict[str, str] = {
    "text": "check_text",
    "json": "check_json",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "markdown": "markdown",
    "plain": "plain",
}


class RenderOptions(NamedTuple):
    lang: str
    fail_on: Severity
    #: a Rich console for the terminal formats (its width and colours follow stdout)
    console: Any = None


def render(name: str, reports: Sequence[Report], options: RenderOptions) -> str:
    module = import_module(f"cchc_cli.render.{FORMATS[name]}")
    return module.render_reports(reports, options)  # type: ignore[no-any-return]
