"""Output formats: one module per format, each turning reports into a string. Loaded on demand.

The formats themselves are registered in :mod:`cchc_cli.formats` (a ``StrEnum`` per report kind,
with what each can do); here each member is bound to its module by :func:`check_renderer` and
:func:`summary_renderer`, whose ``match`` mypy checks twice: every member has a case
(``assert_never``), and every module returned has the functions its protocol below names.

Every check format's module is a :class:`CheckRenderer`: ``render_reports(reports, options) -> str``;
it computes nothing a rule or the engine should have, writes nothing, and reads no clock, so the
same reports always give the same bytes. A streamed format's module is a :class:`StreamRenderer`
(or, JUnit, a :class:`HeadLastRenderer`; GitHub, a :class:`SectionedRenderer`).

Every format guards its own output (see :mod:`cchc_cli.text` for the rule): one-line fields made
visible, its own syntax escaped, and no line a CI runner would read as a command. The JSON
formats share :func:`~cchc_cli.render.common.dump_json` for that; :mod:`cchc_cli.render.common` holds
what every format shares, so that no format module imports this package (which imports them).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TypeVar, assert_never, runtime_checkable

from cchc_cli.formats import CheckFormat, SummaryFormat
# Re-exported: the package is where callers have always found them.
from cchc_cli.render.common import RenderOptions, dump_json, run_totals
from cchc_cli.bilingual import Bilingual

__all__ = [
    "FORMATS", "QUIET_FORMATS", "STREAMED", "SUMMARY_FILE_ONLY", "SUMMARY_FORMATS", "CheckRenderer", "HeadLastRenderer",
    "RenderOptions", "SectionedRenderer", "StreamRenderer", "SummaryRenderer", "check_renderer", "dump_json", "parse_format_specs", "render",
    "run_totals", "stream_renderer", "summary_renderer",
]

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from cchc_cli.models.report import Report, RunCounts
    from cchc_cli.models.summary import CityReport

#: a report kind's registry of formats
F = TypeVar("F", bound=StrEnum)

#: the check formats' names, in the registry's order (derived: :class:`cchc_cli.formats.CheckFormat`)
FORMATS: tuple[str, ...] = tuple(CheckFormat)
#: ``summary``'s formats' names (derived: :class:`cchc_cli.formats.SummaryFormat`)
SUMMARY_FORMATS: tuple[str, ...] = tuple(SummaryFormat)
#: the binary summary formats, written only to a file (derived)
SUMMARY_FILE_ONLY: tuple[str, ...] = tuple(f.value for f in SummaryFormat if f.file_only)
#: the line formats ``check --quiet`` shortens (derived)
QUIET_FORMATS: frozenset[str] = frozenset(f.value for f in CheckFormat if f.quiet)
#: the formats written as each file is judged (derived)
STREAMED: frozenset[str] = frozenset(f.value for f in CheckFormat if f.streamed)


@runtime_checkable
class CheckRenderer(Protocol):
    """A check format's module."""

    def render_reports(self, reports: Sequence[Report], options: RenderOptions) -> str: ...


@runtime_checkable
class StreamRenderer(CheckRenderer, Protocol):
    """A format written as each file is judged (:mod:`cchc_cli.stream`).

    ``stream_head(shown, options)`` (``shown``: every file's name, in order), then
    ``stream_part(report, index, options)`` for each file, then ``stream_tail(counts, options,
    wrote)`` (``wrote``: some part was not empty); ``STREAM_JOIN``, when the module has one, is
    written between two non-empty parts. Their concatenation is ``render_reports``' text, byte for
    byte.
    """

    def stream_head(self, shown: Sequence[str], options: RenderOptions) -> str: ...

    def stream_part(self, report: Report, index: int, options: RenderOptions) -> str: ...

    def stream_tail(self, counts: RunCounts, options: RenderOptions, wrote: bool) -> str: ...


@runtime_checkable
class HeadLastRenderer(CheckRenderer, Protocol):
    """A streamed format whose head carries the totals (JUnit's root), so is written last.

    ``stream_part(report, index, options, files) -> (text, tally)``; ``stream_head(shown,
    options, tally)`` is given the tallies summed. The stream keeps the parts' text aside until then.
    """

    STREAM_HEAD_LAST: bool

    def stream_head(self, shown: Sequence[str], options: RenderOptions, tally: tuple[int, ...]) -> str: ...

    def stream_part(self, report: Report, index: int, options: RenderOptions, files: int) -> tuple[str, tuple[int, ...]]: ...

    def stream_tail(self, counts: RunCounts, options: RenderOptions, wrote: bool) -> str: ...


@runtime_checkable
class SectionedRenderer(CheckRenderer, Protocol):
    """A streamed format whose lines are grouped across files (GitHub's annotations: every
    file's errors, then every file's warnings, then the notices), so not in file order.

    ``stream_part(report, index, options) -> (sections, tally)``: this file's text in each of
    ``STREAM_SECTIONS`` sections, and its share of the figures. The stream writes section 0 as it
    comes and keeps the others aside (text, not reports); once every file is judged it writes,
    for each later section, ``stream_between(section, tally, options)`` (given the tallies
    summed) then that section's text, then ``stream_tail``. Head, sections and tail are
    ``render_reports``' text, byte for byte.
    """

    STREAM_SECTIONS: int

    def stream_head(self, shown: Sequence[str], options: RenderOptions) -> str: ...

    def stream_part(self, report: Report, index: int, options: RenderOptions) -> tuple[tuple[str, ...], tuple[int, ...]]: ...

    def stream_between(self, section: int, tally: tuple[int, ...], options: RenderOptions) -> str: ...

    def stream_tail(self, counts: RunCounts, options: RenderOptions, wrote: bool) -> str: ...


class SummaryRenderer(Protocol):
    """A summary format: the city's roll-up as text, or as bytes for a binary format."""

    def __call__(self, city: CityReport, lang: str) -> str | bytes: ...


def check_renderer(fmt: CheckFormat) -> CheckRenderer:
    """The module of a check format, imported now (each format costs only when it is used)."""
    match fmt:
        case CheckFormat.text:
            from cchc_cli.render import check_text

            return check_text
        case CheckFormat.json:
            from cchc_cli.render import check_json

            return check_json
        case CheckFormat.sarif:
            from cchc_cli.render import sarif

            return sarif
        case CheckFormat.junit:
            from cchc_cli.render import junit

            return junit
        case CheckFormat.github:
            from cchc_cli.render import github

            return github
        case CheckFormat.gitlab:
            from cchc_cli.render import gitlab

            return gitlab
        case CheckFormat.markdown:
            from cchc_cli.render import markdown

            return markdown
        case CheckFormat.plain:
            from cchc_cli.render import plain

            return plain
        case _:
            assert_never(fmt)


def stream_renderer(fmt: CheckFormat) -> StreamRenderer | HeadLastRenderer | SectionedRenderer:
    """The module of a streamed format (:attr:`cchc_cli.formats.FormatTraits.streamed`)."""
    if not fmt.streamed:
        raise ValueError(f"{fmt} is not a streamed format")
    match fmt:
        case CheckFormat.text:
            from cchc_cli.render import check_text

            return check_text
        case CheckFormat.json:
            from cchc_cli.render import check_json

            return check_json
        case CheckFormat.sarif:
            from cchc_cli.render import sarif

            return sarif
        case CheckFormat.junit:
            from cchc_cli.render import junit

            return junit
        case CheckFormat.github:
            from cchc_cli.render import github

            return github
        case CheckFormat.gitlab:
            from cchc_cli.render import gitlab

            return gitlab
        case CheckFormat.markdown:
            from cchc_cli.render import markdown

            return markdown
        case CheckFormat.plain:
            from cchc_cli.render import plain

            return plain
        case _:
            assert_never(fmt)


def summary_renderer(fmt: SummaryFormat, console: Console | None = None) -> SummaryRenderer:
    """The renderer of a summary format; the text format draws on ``console`` (the CLI's, which
    follows stdout's width and colours)."""
    match fmt:
        case SummaryFormat.text:
            from functools import partial

            from cchc_cli.render import summary_text

            if console is None:
                raise ValueError("the text summary needs a console")
            return partial(summary_text.render_summary, console=console)
        case SummaryFormat.json:
            from cchc_cli.render import summary_json

            return summary_json.render_summary
        case SummaryFormat.csv:
            from cchc_cli.render import summary_csv

            return summary_csv.render_summary
        case SummaryFormat.markdown:
            from cchc_cli.render import summary_markdown

            return summary_markdown.render_summary
        case SummaryFormat.xlsx:
            from cchc_cli.render import summary_xlsx

            return summary_xlsx.render_summary
        case _:
            assert_never(fmt)


def render(name: str, reports: Sequence[Report], options: RenderOptions) -> str:
    return check_renderer(CheckFormat(name)).render_reports(reports, options)


def parse_format_specs(specs: Sequence[str], kind: type[F]) -> list[tuple[F, Path | None]]:
    """``["text", "sarif=out.sarif"]`` -> ``[(CheckFormat.text, None), (CheckFormat.sarif, Path("out.sarif"))]``.

    ``kind`` is the report's registry (:class:`~cchc_cli.formats.CheckFormat`, or
    :class:`~cchc_cli.formats.SummaryFormat`): its members are the formats known, in its order.

    ``NAME=-`` is standard output, as ``-`` is standard input for ``check`` (a file of that name
    is ``NAME=./-``); the caller refuses it for a binary format as it refuses a bare ``NAME``.

    Raises UsageError for an unknown format, or for more than one format on stdout.
    """
    from pathlib import Path

    from cchc_cli.errors import UsageError
    from cchc_cli.text import visible

    parsed: list[tuple[F, Path | None]] = []
    known_names = {f.value: f for f in kind}
    for spec in specs:
        name, _, target = spec.partition("=")
        name = name.strip().lower()
        if name not in known_names:
            from cchc_cli.text import quoted

            known = ", ".join(known_names)
            raise UsageError(
                Bilingual(
                    f"--format: không có định dạng {quoted(name, lang='vi')}",
                    f"--format: unknown format {quoted(name)}",
                ),
                None,
                Bilingual(
                    f"các định dạng: {known}; viết TÊN hoặc TÊN=TỆP",
                    f"the formats are {known}; write NAME or NAME=PATH",
                ),
            )
        if target.endswith(("/", "\\")):  # Path() would drop the slash and write a file of that name
            raise UsageError(
                Bilingual(
                    f"--format {name}: {visible(target)} là tên thư mục, không phải tệp",
                    f"--format {name}: {visible(target)} names a directory, not a file",
                ),
                None,
                Bilingual(
                    f"hãy nêu tên một tệp, ví dụ {name}={visible(target)}cchc.{name}",
                    f"name a file, such as {name}={visible(target)}cchc.{name}",
                ),
            )
        parsed.append((known_names[name], Path(target) if target and target != "-" else None))
    if sum(target is None for _, target in parsed) > 1:
        raise UsageError(
            Bilingual(
                "--format: chỉ một định dạng được in ra màn hình; các định dạng khác cần tệp (TÊN=TỆP)",
                "--format: only one format can go to standard output; give the others a file (NAME=PATH)",
            ),
        )
    return parsed
