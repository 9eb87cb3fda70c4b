"""``cchc check --format junit``: JUnit XML for GitLab's unit-test report, Jenkins and the like.

    <testsuites name="cchc" tests= failures= errors= skipped=>
      <testsuite name="{path}">            one per file checked
        <properties><property name="cchc.files_checked" value="{n}"/></properties>   the run's count
        <testcase classname="{rule}.{slug}" name="{subject} ({path})" file="{path}">
          <error message= type="input-error">   the file could not be read or validated (CCHC0xx errors)
          <failure message= type="{severity}">  unwaived findings at or above --fail-on
          <skipped message="waived: …">          findings a waiver accepts
          <system-out>                           below the threshold: a passed test, the findings in its output
        <testcase classname="cchc.check" name="{path}">   a file without findings, so it still shows

JUnit's two ways to fail say the two things a run can say, as the exit code does: an ``<error>``
is a file that could not be judged (exit 2: fix the file), a ``<failure>`` is a finding about a
file that was judged (exit 1: fix the work). GitLab and Jenkins count and show them apart.

There is one ``testsuite`` per file checked, so their number is the run's count of files; each
also carries that count as the property ``cchc.files_checked``, for a reader that sees one suite
(the ``testsuites`` element has no properties in the JUnit schemas CI tools read).

One testcase per (rule, subject) of a file, in the report's order; several findings of the same
pair share it. Names are stable from run to run, so the CI's history of a test means something.
The path is part of the name because GitLab and Jenkins identify a test by classname and name
alone, ignoring the suite: without it, ``cchc check a.yaml b.yaml`` would fold the same finding of
two files into one test.

Names, the file attribute and failure messages are one line: what comes from input in them goes
through :func:`cchc_cli.text.visible`. The test's output (the findings as plain lines, hints,
waivers) has one line per item, each made one line the same way. Everything textual then goes
through :func:`xml_text`, which shows the characters XML 1.0 cannot carry (what ``visible`` has
left: U+FFFE, U+FFFF) as ``<U+FFFE>``; ElementTree escapes the rest. In the document, a ``[``
after ``##`` and a ``:`` opening a line are written as character references (``&#91;``,
``&#58;``): the same XML once parsed, but no line of the file reads as a CI workflow command.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from cchc_cli.i18n import t
from cchc_cli.models.report import Finding, Report, RunCounts, Severity
from cchc_cli.numbers import count
from cchc_cli.render.common import RenderOptions
from cchc_cli.render.plain import line as plain_line
from cchc_cli.render.sarif import justification
from cchc_cli.text import visible

#: what XML 1.0 does not allow: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: what a CI runner would read as a workflow command in a line of the document
_RUNNER_COMMAND = re.compile(r"(?m)^([^\S\r\n]*):(?=:)|(?<=##)\[")
CLEAN_CLASSNAME = "cchc.check"
#: the ``type`` of an ``<error>``: the file could not be judged
INPUT_ERROR = "input-error"


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"<U+{ord(m.group()):04X}>", text.replace("\r\n", "\n"))


def _details(report: Report, finding: Finding, lang: str) -> str:
    text = plain_line(report, finding, lang)
    if finding.hint and finding.hint.get(lang):
        text += f"\n{t('hint', lang)}: {visible(finding.hint.get(lang))}"
    if finding.waiver is not None:
        text += f"\n{t('waived', lang)}: {justification(finding.waiver, lang)}"
    return text


def _groups(report: Report) -> list[tuple[tuple[str, str], list[Finding]]]:
    """The findings of a report by (rule, subject), in the order each pair first appears."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault((finding.rule, finding.subject), []).append(finding)
    return list(groups.items())


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


class _Counts:
    def __init__(self) -> None:
        self.tests = self.failures = self.errors = self.skipped = 0

    def attrs(self) -> dict[str, str]:
        return {
            "tests": str(self.tests), "failures": str(self.failures), "errors": str(self.errors),
            "skipped": str(self.skipped), "time": "0",
        }

    def add(self, other: _Counts) -> None:
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors
        self.skipped += other.skipped


def _testcase(suite: ET.Element, report: Report, findings: list[Finding], fail_on: Severity, lang: str, counts: _Counts) -> None:
    first = findings[0]
    path = visible(report.path)
    case = _element(
        suite, "testcase", classname=f"{first.rule}.{first.slug}", name=f"{visible(first.subject)} ({path})",
        file=path, time="0",
    )
    counts.tests += 1
    details = "\n".join(_details(report, f, lang) for f in findings)
    unreadable = [f for f in findings if f.is_input_error]  # never waived, whatever --fail-on says
    failing = [f for f in findings if f.waiver is None and f.severity >= fail_on]
    if unreadable:
        message = visible(unreadable[0].message.get(lang)) + (f" (+{count(len(unreadable) - 1, lang)})" if len(unreadable) > 1 else "")
        _element(case, "error", details, message=message, type=INPUT_ERROR)
        counts.errors += 1
    elif failing:
        worst = max(failing, key=lambda f: int(f.severity))
        message = visible(worst.message.get(lang)) + (f" (+{count(len(failing) - 1, lang)})" if len(failing) > 1 else "")
        _element(case, "failure", details, message=message, type=worst.severity.name)
        counts.failures += 1
    elif all(f.waiver is not None for f in findings):
        assert first.waiver is not None
        _element(case, "skipped", message=f"{t('waived', lang)}: {justification(first.waiver, lang)}")
        _element(case, "system-out", details)
        counts.skipped += 1
    else:
        _element(case, "system-out", details)


def _suite(root: ET.Element, report: Report, files: int, options: RenderOptions) -> _Counts:
    counts = _Counts()
    suite = _element(root, "testsuite", name=visible(report.path))
    properties = _element(suite, "properties")
    _element(properties, "property", name="cchc.files_checked", value=str(files))
    groups = _groups(report)
    for _key, findings in groups:
        _testcase(suite, report, findings, options.fail_on, options.lang, counts)
    if not groups:
        _element(suite, "testcase", classname=CLEAN_CLASSNAME, name=visible(report.path), file=visible(report.path), time="0")
        counts.tests += 1
    suite.attrib.update(counts.attrs())
    return counts


def _inert(document: str) -> str:
    return _RUNNER_COMMAND.sub(lambda m: f"{m.group(1)}&#58;" if m.group(1) is not None else "&#91;", document)


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    root = ET.Element("testsuites", {"name": "cchc"})
    total = _Counts()
    for report in reports:
        total.add(_suite(root, report, len(reports), options))
    root.attrib.update(total.attrs())
    ET.indent(root, space="  ")
    return _HEAD + _inert(ET.tostring(root, encoding="unicode")) + "\n"


# -- the same document, assembled as each file is judged (cchc_cli.stream) ---------------------
# The root element carries the run's totals, so the head is written last: the stream keeps each
# file's suite (text) aside, not its report, then writes head, suites and tail. ElementTree
# indents a suite the same alone under a root as among others: its text is cut from such a root.

#: the head needs every file's counts: written after the parts, which come with their tallies
STREAM_HEAD_LAST = True


def stream_part(report: Report, index: int, options: RenderOptions, files: int = 1) -> tuple[str, tuple[int, ...]]:
    root = ET.Element("testsuites")
    counts = _suite(root, report, files, options)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return _inert(text[len("<testsuites>"): -len("\n</testsuites>")]), (counts.tests, counts.failures, counts.errors, counts.skipped)


def stream_head(shown: Sequence[str], options: RenderOptions, tally: tuple[int, ...] = (0, 0, 0, 0)) -> str:
    total = _Counts()
    total.tests, total.failures, total.errors, total.skipped = tally
    root = ET.Element("testsuites", {"name": "cchc", **total.attrs()})
    ET.SubElement(root, "testsuite")
    text = ET.tostring(root, encoding="unicode")
    return _HEAD + _inert(text[: text.index("<testsuite ")])


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    return "\n</testsuites>\n"
