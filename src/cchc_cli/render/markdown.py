r"""``cchc check --format markdown``: the gap report for merge-request comments, e-mails and the
GitHub job summary.

Per file: a heading, who and when (agency, period, as-of date, plan and digest), the targets
table, the findings table and a summary line; then a total line with the number of files checked.
Layout only: every figure comes from the report (rates through :mod:`cchc_cli.numbers`, truncated,
never rounded up).

Every string that is not one of our own labels goes through :func:`cell`: made one line by
:func:`cchc_cli.text.visible` (a line break shows as ``\n``, a bidi override as ``<U+202E>``),
then Markdown punctuation is backslash-escaped and ``&``, ``<`` and ``>`` become entities. A ``|``
in an agency name or a ``<script>`` in a key the user wrote can therefore neither end a table
cell or a row nor reach a renderer as HTML. A value shown as code goes through :func:`code`, whose
fence is longer than any run of backticks inside it, so it shows literally. The document as a
whole goes through :func:`cchc_cli.text.inert` (``##[`` becomes ``##\[``, which Markdown renders
as ``##[``), so that no line of it is a command to a CI runner that prints it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from cchc_cli.dates import day_text
from cchc_cli.i18n import t
from cchc_cli.models.report import Finding, Report, RunCounts, Severity, TargetRow
from cchc_cli.render.common import RenderOptions, run_totals
from cchc_cli.numbers import count
from cchc_cli.text import inert, lower_first, visible

#: labels the shared catalogue lacks (vi, en); kept here so i18n.py stays untouched
_LABELS: dict[str, tuple[str, str]] = {
    "rule": ("Quy tắc", "Rule"),
    "location": ("Vị trí", "Location"),
    "subject": ("Đối tượng", "Subject"),
    "message": ("Nội dung", "Message"),
    "files": ("tệp", "files"),
}

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: everything CommonMark/GFM gives a meaning inside a line: emphasis, code, links, tables, strike
_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")


def label(key: str, lang: str) -> str:
    vi, en = _LABELS[key]
    return en if lang == "en" else vi


def cell(text: str) -> str:
    """``text`` as inert inline Markdown: one line, no markup, no HTML, no cell boundary."""
    text = "".join(_ENTITIES.get(ch, ch) for ch in visible(text))
    return _PUNCTUATION.sub(r"\\\1", text).strip()


_BACKTICKS = re.compile(r"`+")


def code(text: str) -> str:
    """``text`` as a code span that shows it literally, backticks included: the fence is one
    backtick longer than the longest run inside (CommonMark 6.1), and a text that starts or ends
    with a backtick or a space is padded with one space on each side, which CommonMark strips.

    Not for table cells: there ``|`` ends the cell even inside a code span (GFM 4.10), so tables
    use :func:`cell`."""
    shown = visible(text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(shown)), default=0) + 1)
    pad = " " if shown[:1] in ("`", " ", "") or shown[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _day(day: date | None, lang: str) -> str:
    return "—" if day is None else day_text(day, lang)


def _row(*cells: str) -> str:
    return "| " + " | ".join(c if c else " " for c in cells) + " |"


def _header(report: Report, lang: str) -> list[str]:
    agency = report.agency
    if agency is not None:
        name = agency.name_en if lang == "en" else agency.name
        title = cell(name)
        if report.period_name and report.period:
            title += f" · {cell(report.period_name.get(lang))} ({cell(report.period)})"
    else:
        title = cell(report.path)
    lines = [f"## {title}", "", f"- **{t('check.file', lang)}:** {cell(report.path)}"]
    if agency is not None:
        name = agency.name_en if lang == "en" else agency.name
        kind = t(f"agency_kind.{agency.kind}", lang)
        lines.append(f"- **{t('check.agency', lang)}:** {cell(name)} ({kind}) · {cell(agency.id)}")
    if report.period:
        period = f"{cell(report.period_name.get(lang))} ({cell(report.period)})" if report.period_name else cell(report.period)
        period += f" · {lower_first(t('check.as_of', lang))} {_day(report.as_of, lang)}"
        period += f" · {lower_first(t('report_due', lang))} {_day(report.report_due, lang)}"
        if report.submitted_on:
            period += f" · {lower_first(t('check.submitted', lang))} {_day(report.submitted_on, lang)}"
        lines.append(f"- **{t('check.period', lang)}:** {period}")
    plan = report.plan
    lines.append(f"- **{t('check.plan', lang)}:** {cell(plan.id)} {cell(plan.version)} · sha256 {cell(plan.sha256[:12])}")
    return lines


def _target(row: TargetRow, lang: str) -> str:
    from cchc_cli.render.cells import target_cells

    counts, actual, goal, gap = target_cells(row, lang)
    verdict = t(f"verdict.{row.verdict}", lang)
    if row.verdict not in ("met", "no_data"):
        verdict = f"**{verdict}**"
    return _row(
        f"{cell(row.title.get(lang))} ({cell(row.id)})", cell(counts), cell(actual), cell(goal), cell(gap.strip()), verdict,
    )


def _targets(report: Report, lang: str) -> list[str]:
    return [
        f"### {t('check.targets', lang)}",
        "",
        _row(t("target", lang), t("check.counts", lang), t("check.actual", lang), t("threshold", lang),
             t("check.gap", lang), t("check.verdict", lang)),
        "|---|---:|---:|---|---:|---|",
        *(_target(row, lang) for row in report.targets),
    ]


def _location(report: Report, finding: Finding) -> str:
    location = finding.location
    # Compared as shown: a file that could not be read is located at its path made visible.
    same_file = location is not None and visible(location.path) == visible(report.path)
    if location is None or location.line is None:
        return "—" if location is None or same_file else cell(location.path)
    where = f"{location.line}" if location.column is None else f"{location.line}:{location.column}"
    return where if same_file else f"{cell(location.path)}:{where}"


def _finding(report: Report, finding: Finding, lang: str) -> str:
    severity = t(f"severity.{finding.severity.name}", lang)
    if finding.waiver is None and finding.severity is Severity.error:
        severity = f"**{severity}**"
    message = cell(finding.message.get(lang))
    if finding.hint and finding.hint.get(lang):
        message += f" — {t('hint', lang)}: {cell(finding.hint.get(lang))}"
    if finding.waiver is not None:
        w = finding.waiver
        severity = f"{t('waived', lang)} ({severity})"
        message += f" — *{t('waived', lang)}: {cell(w.reason)} — {cell(w.approver)}, {t('until', lang)} {_day(w.expires, lang)}*"
    return _row(severity, f"{cell(finding.rule)} {cell(finding.slug)}", _location(report, finding), cell(finding.subject), message)


def _findings(report: Report, lang: str) -> list[str]:
    lines = [f"### {t('check.findings', lang)}", ""]
    if not report.findings:
        return [*lines, t("check.no_findings", lang)]
    lines += [
        _row(t("severity", lang), label("rule", lang), label("location", lang), label("subject", lang), label("message", lang)),
        "|---|---|---|---|---|",
    ]
    return lines + [_finding(report, f, lang) for f in report.findings]


def _summary(report: Report, lang: str) -> str:
    from cchc_cli.render.cells import summary_parts

    return f"**{t('check.summary', lang)}:** " + " · ".join(summary_parts(report, lang))


def render(report: Report, lang: str) -> str:
    lines = _header(report, lang) + [""]
    if report.judged and report.targets:
        lines += _targets(report, lang) + [""]
    lines += _findings(report, lang) + [""]
    if not report.judged:
        lines += [f"**{t('check.not_evaluated', lang)}**", ""]
    lines.append(_summary(report, lang))
    return "\n".join(lines) + "\n"


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    lang = options.lang
    parts = [f"# {t('check.title', lang)}\n"] + [render(r, lang) for r in reports]
    if reports:  # one file too: every run says how many files it checked, and which it could not judge
        total = run_totals(reports, lang)
        parts.append(f"**{t('total', lang)}:** {label('files', lang)}: {count(len(reports), lang)} · " + " · ".join(total) + "\n")
    return inert("\n".join(parts))


# -- the same document, written as each file is judged (cchc_cli.stream) ----------------------
# The head is the title alone and the total line needs only the run's counts, so the document
# streams in file order. inert() works line by line and each piece starts a line, so guarding
# each piece is guarding the whole.


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    return inert(f"# {t('check.title', options.lang)}\n")


def stream_part(report: Report, index: int, options: RenderOptions) -> str:
    return inert("\n" + render(report, options.lang))


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    if not counts.files:
        return ""
    lang = options.lang
    total = run_totals(counts, lang)
    return inert(f"\n**{t('total', lang)}:** {label('files', lang)}: {count(counts.files, lang)} · " + " · ".join(total) + "\n")
