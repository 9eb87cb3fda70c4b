"""Output formats: one module per format, each turning reports into a string. Loaded by name.

``FORMATS`` is the registry: the choices of ``--format``, and the one place a new format is
added. Every check format's module exposes ``render_reports(reports, options) -> str``; it
computes nothing a rule or the engine should have, writes nothing, and reads no clock, so the
same reports always give the same bytes.

Every format guards its own output (see :mod:`cchc_cli.text` for the rule): one-line fields made
visible, its own syntax escaped, and no line a CI runner would read as a command. The JSON
formats share :func:`dump_json` for that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from cchc_cli.models.report import Report, RunCounts, Severity
    from cchc_cli.sourceroot import SourceRoot

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

#: ``summary``'s formats, each a module ``summary_<name>`` under cchc_cli.render
SUMMARY_FORMATS = ("text", "json", "csv", "markdown", "xlsx")
#: formats whose output is binary: always to a file (NAME=PATH), never to standard output
SUMMARY_FILE_ONLY = ("xlsx",)

#: the line formats ``check --quiet`` shortens; the document formats (json, sarif, junit, gitlab,
#: markdown) are written whole, since a reader parses them and an empty one would not parse
QUIET_FORMATS: frozenset[str] = frozenset({"text", "plain", "github"})

#: the formats that can be written as each file is judged (:mod:`cchc_cli.stream`): their module
#: also has ``stream_head(shown, options)`` (``shown``: every file's name, in order),
#: ``stream_part(report, index, options)`` and ``stream_tail(counts, options, wrote)`` (``wrote``:
#: some part was not empty), and may have ``STREAM_JOIN``, written between two non-empty parts.
#: A module with ``STREAM_HEAD_LAST`` (JUnit: the root carries the totals) has
#: ``stream_part(report, index, options, files) -> (text, tally)`` and ``stream_head(shown, options,
#: tally)``, given the tallies summed; the stream keeps its parts' text aside until then.
#: Their concatenation is ``render_reports``' text, byte for byte.
STREAMED: frozenset[str] = frozenset({"text", "json", "plain", "sarif", "junit"})


#: what UTF-8 cannot carry (lone surrogates: the bytes of a file name that is not UTF-8), and the
#: legacy workflow command "##[", which a CI runner obeys anywhere in a line
_JSON_UNSAFE = re.compile("[\ud800-\udfff]|(?<=##)\\[")


def dump_json(document: Any) -> str:
    """``document`` as indented JSON that is valid UTF-8 and inert in a CI log, whatever it holds.

    Strings keep their exact characters (JSON escapes line breaks itself), with two exceptions
    made in JSON's own syntax: a lone surrogate, which no UTF-8 file can hold, is written as
    :func:`cchc_cli.text.visible` shows it (``"n\\xff.yaml"``), and the ``[`` of ``##[`` as
    ``\\u005b`` (the same string once parsed).
    """
    import json

    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not _JSON_UNSAFE.search(text):
        return text
    from cchc_cli.text import visible

    return _JSON_UNSAFE.sub(lambda m: "\\u005b" if m.group() == "[" else json.dumps(visible(m.group()))[1:-1], text)


class RenderOptions(NamedTuple):
    lang: str
    fail_on: Severity
    #: a Rich console for the terminal formats (its width and colours follow stdout)
    console: Any = None
    #: the repository root that sarif, github and gitlab name files relative to (found once, by
    #: the CLI); None: paths as given
    root: SourceRoot | None = None
    #: ``check --quiet``: one line per finding (text as plain), no tables and no totals line
    quiet: bool = False


def render(name: str, reports: Sequence[Report], options: RenderOptions) -> str:
    module = import_module(f"cchc_cli.render.{FORMATS[name]}")
    return module.render_reports(reports, options)  # type: ignore[no-any-return]


def parse_format_specs(specs: Sequence[str], formats: Sequence[str] = tuple(FORMATS)) -> list[tuple[str, Path | None]]:
    """``["text", "sarif=out.sarif"]`` -> ``[("text", None), ("sarif", Path("out.sarif"))]``.

    ``NAME=-`` is standard output, as ``-`` is standard input for ``check`` (a file of that name
    is ``NAME=./-``); the caller refuses it for a binary format as it refuses a bare ``NAME``.

    Raises UsageError for an unknown format, or for more than one format on stdout.
    """
    from pathlib import Path

    from cchc_cli.errors import UsageError
    from cchc_cli.text import visible

    parsed: list[tuple[str, Path | None]] = []
    for spec in specs:
        name, _, target = spec.partition("=")
        name = name.strip().lower()
        if name not in formats:
            from cchc_cli.text import quoted

            known = ", ".join(formats)
            raise UsageError(
                f"--format: unknown format {quoted(name)}",
                hint=f"the formats are {known}; write NAME or NAME=PATH",
                vi=(f"--format: không có định dạng {quoted(name, lang='vi')}", f"các định dạng: {known}; viết TÊN hoặc TÊN=TỆP"),
            )
        if target.endswith(("/", "\\")):  # Path() would drop the slash and write a file of that name
            raise UsageError(
                f"--format {name}: {visible(target)} names a directory, not a file",
                hint=f"name a file, such as {name}={visible(target)}cchc.{name}",
                vi=(f"--format {name}: {visible(target)} là tên thư mục, không phải tệp",
                    f"hãy nêu tên một tệp, ví dụ {name}={visible(target)}cchc.{name}"),
            )
        parsed.append((name, Path(target) if target and target != "-" else None))
    if sum(target is None for _, target in parsed) > 1:
        raise UsageError(
            "--format: only one format can go to standard output; give the others a file (NAME=PATH)",
            vi=("--format: chỉ một định dạng được in ra màn hình; các định dạng khác cần tệp (TÊN=TỆP)", None),
        )
    return parsed


def run_totals(reports: Sequence[Report] | RunCounts, lang: str) -> list[str]:
    """The run's counts as every line format words them: ``errors: 3``, …, ``not judged: 1``.

    One list for the text footer, the Markdown total and the plain/github last line, so that each
    format says the same of a run. A streamed run passes its :class:`RunCounts` (the reports are
    gone by then); the severity threshold plays no part in these counts.
    """
    from cchc_cli.i18n import t
    from cchc_cli.models.report import RunCounts, Severity
    from cchc_cli.numbers import count

    totals = reports if isinstance(reports, RunCounts) else RunCounts.of(reports, Severity.error)
    return [
        f"{t('severity.errors', lang)}: {count(totals.errors, lang)}",
        f"{t('severity.warnings', lang)}: {count(totals.warnings, lang)}",
        f"{t('severity.infos', lang)}: {count(totals.infos, lang)}",
        f"{t('waived', lang)}: {count(totals.waived, lang)}",
        f"{t('check.unreadable', lang)}: {count(totals.unreadable, lang)}",
    ]
