"""``cchc check --format gitlab``: a GitLab Code Quality report (the merge-request widget's input).

A JSON array of CodeClimate-style issues with the fields GitLab reads: ``description``,
``check_name`` (the rule id), ``fingerprint`` (the SARIF one: rule, subject and path, never the
line, so a finding that moves is not reported as fixed and new), ``severity`` and
``location.path`` / ``location.lines.begin`` (at least 1). The path is relative to the repository's
root (the options' source root, :mod:`cchc_cli.sourceroot`), as GitLab reads it, whatever
directory the job ran cchc from. Waived findings are left out: Code
Quality has no notion of an accepted issue, and showing one would undo the waiver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cchc_cli.models.report import Report, RunCounts, Severity
from cchc_cli.render.common import RenderOptions, dump_json
from cchc_cli.render.sarif import fingerprints, repository_path
from cchc_cli.sourceroot import SourceRoot
from cchc_cli.text import visible

SEVERITIES: dict[Severity, str] = {Severity.error: "major", Severity.warning: "minor", Severity.info: "info"}


def issues(reports: Sequence[Report], lang: str, root: SourceRoot | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for report in reports:
        for finding, fingerprint in zip(report.findings, fingerprints(report, root)):
            if finding.waiver is not None:
                continue
            location = finding.location
            line = location.line if location and location.line and location.line >= 1 else 1
            out.append({
                "description": visible(finding.message.get(lang)),
                "check_name": finding.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITIES[finding.severity],
                "location": {
                    "path": repository_path(location.path if location else report.path, root),
                    "lines": {"begin": line},
                },
            })
    return out


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    return dump_json(issues(reports, options.lang, options.root))


# -- the same array, written as each file is judged (cchc_cli.stream) -------------------------
# json.dumps nests an item by indenting its lines, so an issue dumped alone and indented one level
# is, byte for byte, the same issue inside the array; "[]" is what an array with none dumps as.

#: written between two files' issues
STREAM_JOIN = ","


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    return "["


def stream_part(report: Report, index: int, options: RenderOptions) -> str:
    return ",".join("\n  " + dump_json(issue).rstrip("\n").replace("\n", "\n  ") for issue in issues([report], options.lang, options.root))


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    return "\n]\n" if wrote else "]\n"
