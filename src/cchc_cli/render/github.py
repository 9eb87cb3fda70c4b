r"""``cchc check --format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=examples/a.yaml,line=12,col=3,title=CCHC101 target-missed::message

error → ``::error``, warning → ``::warning``, info → ``::notice``; waived findings are not
annotated (they stay in the job summary). ``file`` is relative to the repository's root (the
options' source root, :mod:`cchc_cli.sourceroot`), which is what GitHub resolves it against,
whatever directory the step ran cchc from. ``line``/``col`` are left out when unknown, which
annotates the whole file. Escaping follows the runner's own (actions/toolkit ``command.ts``): in
the message ``%``, CR and LF; in property values also ``:`` and ``,``.

Every line starts with ``::`` because cchc wrote it so: what comes from input (the file name, the
message and what it quotes) is made one line by :func:`cchc_cli.text.visible` before GitHub's
escaping, so a file named ``a\n::error::x`` is annotated as ``a\n::error::x`` (the two
characters ``\n``) and never starts a command of its own.

GitHub keeps only 10 annotations of each type per step. All are printed (the log keeps them),
ordered errors first so that the serious ones are those shown; when a type goes over the cap, a
``::notice::`` says how many there were. That notice comes right after the errors and warnings,
before the info-level notices: placed last it would be the 11th notice, dropped exactly when a
reader most needs it.

The last line is not a command: it is the plain format's count of the run
(:func:`cchc_cli.render.plain.totals_line`, ``cchc: files checked: 3 · errors: …``), which the
log shows as it is. It takes no annotation (an annotation saying "3 files" would cost one of the
ten notices a step may show), and a run with no findings still says what it looked at.

:func:`markdown_summary` is the Markdown report for ``$GITHUB_STEP_SUMMARY`` (the CLI appends it).
"""

from __future__ import annotations

from collections.abc import Sequence

from cchc_cli.models.report import Finding, Report, RunCounts, Severity
from cchc_cli.render.common import RenderOptions
from cchc_cli.render.plain import totals_line
from cchc_cli.render.sarif import repository_path
from cchc_cli.sourceroot import SourceRoot
from cchc_cli.text import inert, visible

COMMANDS: dict[Severity, str] = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}
#: annotations of each type GitHub shows per step
CAP = 10


def escape_data(text: str) -> str:
    """GitHub's escaping of a command's data, exactly (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub's escaping of a property value, exactly (``%``, CR, LF, ``:``, ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(report: Report, finding: Finding, lang: str, root: SourceRoot | None = None) -> str:
    location = finding.location
    path = visible(repository_path(location.path if location else report.path, root))
    message = visible(finding.message.get(lang))
    if "##[" in path:
        # The runner obeys its legacy '##[command]' anywhere in a line, and GitHub's property
        # escaping has no escape for '[': such a name cannot be written exactly and safely, so
        # the annotation goes without a file, and the name, made inert, leads its message.
        return f"::{COMMANDS[finding.severity]} title={escape_property(f'{finding.rule} {finding.slug}')}::" + escape_data(
            inert(f"{path}: {message}")
        )
    props = [f"file={escape_property(path)}"]
    if location is not None and location.line is not None and location.line >= 1:
        props.append(f"line={location.line}")
        if location.column is not None and location.column >= 1:
            props.append(f"col={location.column}")
    props.append(f"title={escape_property(f'{finding.rule} {finding.slug}')}")
    return f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(inert(message))}"


def _overflow(counts: dict[Severity, int], lang: str) -> str:
    from cchc_cli.numbers import count

    e, w, n = (count(counts[s], lang) for s in (Severity.error, Severity.warning, Severity.info))
    if lang == "en":
        text = (
            f"cchc annotations — errors: {e} · warnings: {w} · notices: {n}. GitHub shows at most {CAP} of each "
            "type per step: every finding is in this log and in the job summary."
        )
    else:
        text = (
            f"Chú thích của cchc — lỗi: {e} · cảnh báo: {w} · thông tin: {n}. GitHub chỉ hiển thị tối đa {CAP} "
            "chú thích mỗi loại trong một bước: mọi phát hiện đều có trong nhật ký này và trong phần tóm tắt (job summary)."
        )
    return f"::notice title=cchc::{escape_data(text)}"


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    found = [(report, f) for report in reports for f in report.findings if f.waiver is None]
    # Stable: within a severity, the order of the reports and of their findings is kept.
    found.sort(key=lambda pair: -int(pair[1].severity))
    counts = {severity: sum(1 for _, f in found if f.severity is severity) for severity in COMMANDS}
    serious = [annotation(r, f, options.lang, options.root) for r, f in found if f.severity is not Severity.info]
    notices = [annotation(r, f, options.lang, options.root) for r, f in found if f.severity is Severity.info]
    overflow = [_overflow(counts, options.lang)] if any(n > CAP for n in counts.values()) else []
    totals = [] if options.quiet else [inert(totals_line(reports, options.lang))]
    return "".join(line + "\n" for line in serious + overflow + notices + totals)


# -- the same lines, written as each file is judged (cchc_cli.stream) -------------------------
# The run's annotations go errors first, across files: each file's part is a section per
# severity; the stream writes the errors as they come and keeps the warnings and notices aside
# (as text) until every file is judged, the overflow notice before the notices once the counts
# are known. Within a section the order of files and findings is kept, as the stable sort keeps it.

#: the sections of a part, in the order written
SECTIONS: tuple[Severity, ...] = (Severity.error, Severity.warning, Severity.info)
STREAM_SECTIONS = len(SECTIONS)


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    return ""


def stream_part(report: Report, index: int, options: RenderOptions) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """This file's annotations of each severity, and how many there are of each."""
    found = [f for f in report.findings if f.waiver is None]
    parts = tuple(
        [annotation(report, f, options.lang, options.root) for f in found if f.severity is severity] for severity in SECTIONS
    )
    return tuple("".join(line + "\n" for line in lines) for lines in parts), tuple(len(lines) for lines in parts)


def stream_between(section: int, tally: tuple[int, ...], options: RenderOptions) -> str:
    """Before the notices, the overflow notice if any type went over GitHub's cap."""
    if SECTIONS[section] is not Severity.info or not any(n > CAP for n in tally):
        return ""
    return _overflow(dict(zip(SECTIONS, tally)), options.lang) + "\n"


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    return "" if options.quiet else inert(totals_line(counts, options.lang)) + "\n"


def markdown_summary(reports: Sequence[Report], options: RenderOptions) -> str:
    """The full Markdown gap report, for ``$GITHUB_STEP_SUMMARY``."""
    from cchc_cli.render import markdown

    return markdown.render_reports(reports, options)
