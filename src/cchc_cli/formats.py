"""The output formats of each report kind, and what each can do: the one registry of formats.

A format is a member of :class:`CheckFormat` (``cchc check``) or :class:`SummaryFormat`
(``cchc summary``), and its row in that kind's table says how the command treats it: written whole
or shortened by ``--quiet``, streamed file by file, binary and so only ever to a file. Everything
that lists formats is generated from here, so that adding one is adding a member, its row and its
renderer (:func:`cchc_cli.render.check_renderer`, which mypy checks for every member): the
``--format`` choices and their help in both languages, shell completion, the settings schema's
``format:`` pattern, and the "unknown format" message.

Standard library only: the settings model, the completion callbacks and the command modules read
it at import time, which must not cost a renderer, Rich or pydantic.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class FormatTraits(NamedTuple):
    """How a command treats one format (the columns of the tables below)."""

    #: ``check --quiet`` shortens it to the failing findings' lines, and to nothing when the run
    #: passes; a document format (json, sarif, …) is written whole, since a reader parses it and
    #: an empty one would not parse
    quiet: bool = False
    #: written as each file is judged (:mod:`cchc_cli.stream`); its renderer is then a
    #: :class:`cchc_cli.render.StreamRenderer`
    streamed: bool = False
    #: binary (a workbook): always to a file (NAME=PATH), never to standard output
    file_only: bool = False


class CheckFormat(StrEnum):
    """``cchc check --format``: in this order in the help, the completion and the settings schema."""

    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"
    markdown = "markdown"
    plain = "plain"

    @property
    def traits(self) -> FormatTraits:
        return CHECK_TRAITS[self]

    @property
    def quiet(self) -> bool:
        return self.traits.quiet

    @property
    def streamed(self) -> bool:
        return self.traits.streamed


class SummaryFormat(StrEnum):
    """``cchc summary --format``: in this order in the help and the completion."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"

    @property
    def traits(self) -> FormatTraits:
        return SUMMARY_TRAITS[self]

    @property
    def file_only(self) -> bool:
        return self.traits.file_only


#: every check format's row; a test holds that each member has one
CHECK_TRAITS: dict[CheckFormat, FormatTraits] = {
    CheckFormat.text: FormatTraits(quiet=True, streamed=True),
    CheckFormat.json: FormatTraits(streamed=True),
    CheckFormat.sarif: FormatTraits(streamed=True),
    CheckFormat.junit: FormatTraits(streamed=True),
    CheckFormat.github: FormatTraits(quiet=True, streamed=True),
    CheckFormat.gitlab: FormatTraits(streamed=True),
    CheckFormat.markdown: FormatTraits(streamed=True),
    CheckFormat.plain: FormatTraits(quiet=True, streamed=True),
}

#: every summary format's row; a test holds that each member has one
SUMMARY_TRAITS: dict[SummaryFormat, FormatTraits] = {
    SummaryFormat.text: FormatTraits(),
    SummaryFormat.json: FormatTraits(),
    SummaryFormat.csv: FormatTraits(),
    SummaryFormat.markdown: FormatTraits(),
    SummaryFormat.xlsx: FormatTraits(file_only=True),
}


# -- what the command line says of them ---------------------------------------------------------

#: the word for PATH in ``NAME=PATH``, as the options' metavars spell it
_PATH_WORD = {"vi": "TỆP", "en": "PATH"}


def check_help(lang: str) -> str:
    """``check --format``'s help: what the option does, then the formats in the registry's order."""
    lead = "Output format, repeatable; =PATH writes it to a file." if lang == "en" else "Định dạng, lặp lại được; =TỆP ghi ra tệp."
    return f"{lead} {' | '.join(CheckFormat)}"


def summary_help(lang: str) -> str:
    """``summary --format``'s help: the formats (a file-only one as NAME=PATH), then what the option does."""
    path = _PATH_WORD["en" if lang == "en" else "vi"]
    names = " | ".join(f"{f}={path}" if f.file_only else f.value for f in SummaryFormat)
    binary = ", ".join(f.value for f in SummaryFormat if f.file_only)
    if lang == "en":
        return f"{names}; repeatable; =PATH writes a file, and {binary} always needs one."
    return f"{names}; lặp lại được; =TỆP ghi ra tệp, {binary} luôn cần tệp."


def settings_pattern() -> str:
    """The settings file's ``format:`` items: NAME or NAME=PATH, NAME a check format."""
    return rf"^({'|'.join(CheckFormat)})(=[^\x00-\x1f]+)?$"


def completion_names(kind: type[CheckFormat] | type[SummaryFormat]) -> list[str]:
    """What the shell offers for ``--format``: each name, a file-only one with its ``=`` typed."""
    return [f"{f}=" if isinstance(f, SummaryFormat) and f.file_only else f.value for f in kind]
