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
    from pathlib import Path

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


def parse_format_specs(specs: Sequence[str], formats: Sequence[str] = tuple(FORMATS)) -> list[tuple[str, Path | None]]:
    """``["text", "sarif=out.sarif"]`` -> ``[("text", None), ("sarif", Path("out.sarif"))]``.

    Raises UsageError for an unknown format, or for more than one format on stdout.
    """
    from pathlib import Path

    from cchc_cli.errors import UsageError

    parsed: list[tuple[str, Path | None]] = []
    for spec in specs:
        name, _, target = spec.partition("=")
        name = name.strip().lower()
        if name not in formats:
            known = ", ".join(formats)
            raise UsageError(
                f"--format: unknown format {name!r}",
                hint=f"the formats are {known}; write NAME or NAME=PATH",
                vi=(f"--format: không có định dạng {name!r}", f"các định dạng: {known}; viết NAME hoặc NAME=PATH"),
            )
        parsed.append((name, Path(target) if target else None))
    if sum(target is None for _, target in parsed) > 1:
        raise UsageError(
            "--format: only one format can go to standard output; give the others a file (NAME=PATH)",
            vi=("--format: chỉ một định dạng được in ra màn hình; các định dạng khác cần tệp (NAME=PATH)", None),
        )
    return parsed
