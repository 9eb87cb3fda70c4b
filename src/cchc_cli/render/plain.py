r"""``cchc check --format plain``: one line per finding, as compilers and grep-based tools expect.

    path:line:col: severity rule subject message

``line`` and ``col`` are 1 when unknown, so every line has the same shape. ``severity`` is the
English word (``error``, ``warning``, ``info``), or ``waived`` for a finding a waiver accepts, in
every language: editors' and CI problem matchers parse these gcc-style words, so they are part of the
format, like the rule id; the message is in the chosen language. (The quiet text view, ``check -q``,
writes the same lines with the severity in the user's words instead: ``localized=True``.) The subject is one token (any
whitespace or ``%`` in it is percent-encoded); path and message are made one line by
:func:`cchc_cli.text.visible` (a line break in a file name shows as ``\n``). A relative path that
would open the line with ``::`` is written ``./::…`` (the same file), so no line reads as a CI
workflow command; :func:`cchc_cli.text.inert` guards the rest. Matched by::

    ^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info|waived) (?P<rule>\S+) (?P<subject>\S+) (?P<message>.*)$

The last line, which that pattern does not match, says how many files the run checked and what it
found in them (:func:`totals_line`), so that a run over an empty-looking log is still visibly a
run over files: ``cchc: files checked: 3 · errors: 2 · warnings: 0 · info: 2 · waived: 0 · not
judged: 1`` (in the chosen language).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc_cli.models.report import Finding, Report, RunCounts
from cchc_cli.render.common import RenderOptions
from cchc_cli.text import inert, visible

_SUBJECT_UNSAFE = re.compile(r"[%\s\x00-\x1f\x7f-\x9f\u2028\u2029]")

LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info|waived) "
    r"(?P<rule>\S+) (?P<subject>\S+) (?P<message>.*)$"
)


def one_line(text: str) -> str:
    return visible(text).strip()


def token(text: str) -> str:
    encoded = _SUBJECT_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), visible(text))
    return encoded or "-"


def shown_path(path: str) -> str:
    """``path`` as the first thing on a line: one line, and never opening with ``::``."""
    shown = visible(path)
    return "./" + shown if shown.lstrip().startswith("::") else shown


def severity_word(finding: Finding, lang: str, localized: bool) -> str:
    """The severity token: English for scripts, or the user's word for a person reading ``check -q``."""
    if not localized:
        return "waived" if finding.waiver is not None else finding.severity.name
    from cchc_cli.i18n import t

    return t("waived", lang) if finding.waiver is not None else t(f"severity.{finding.severity.name}", lang)


def line(report: Report, finding: Finding, lang: str, localized: bool = False) -> str:
    location = finding.location
    path = shown_path(location.path if location else report.path)
    row = location.line if location and location.line and location.line >= 1 else 1
    column = location.column if location and location.line and location.column and location.column >= 1 else 1
    severity = severity_word(finding, lang, localized)
    return f"{path}:{row}:{column}: {severity} {token(finding.rule)} {token(finding.subject)} {one_line(finding.message.get(lang))}"


def totals_line(reports: Sequence[Report] | RunCounts, lang: str) -> str:
    """``cchc: files checked: N · errors: … · not judged: …``: the run in one line, for logs."""
    from cchc_cli.i18n import t
    from cchc_cli.numbers import count
    from cchc_cli.render.common import run_totals

    files = reports.files if isinstance(reports, RunCounts) else len(reports)
    parts = [f"{t('check.files_checked', lang)}: {count(files, lang)}", *run_totals(reports, lang)]
    return "cchc: " + " · ".join(parts)


def render_reports(reports: Sequence[Report], options: RenderOptions, localized: bool = False) -> str:
    lines = [line(report, finding, options.lang, localized) for report in reports for finding in report.findings]
    totals = [] if options.quiet else [totals_line(reports, options.lang)]
    return inert("".join(text + "\n" for text in [*lines, *totals]))


# -- the same lines, written as each file is judged (cchc_cli.stream) -------------------------


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    return ""


def stream_part(report: Report, index: int, options: RenderOptions, localized: bool = False) -> str:
    return inert("".join(line(report, finding, options.lang, localized) + "\n" for finding in report.findings))


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    return "" if options.quiet else inert(totals_line(counts, options.lang) + "\n")
