r"""``cchc check --format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, Azure DevOps, IDEs).

One run for all the files checked. ``tool.driver.rules`` is the whole rule catalogue (the
registry, not just the rules that fired), so every result links to its rule's help text. Each
result points at the file as a URI relative to the source root, ``%SRCROOT%``, and at a line that
is always at least 1. The root is the repository's (:mod:`cchc_cli.sourceroot`, found by the CLI
and given in the options), and ``originalUriBaseIds`` says where it is, so a job that ran cchc from
a subdirectory still points code scanning at the right file. Without a root in the options (a
library caller's choice), paths are written as given and ``%SRCROOT%`` is left to the consumer.

The run's ``properties`` hold the plan it was checked against and ``files_checked``, the number
of files the run checked.

``partialFingerprints["cchc/v1"]`` hashes rule, subject and path but not the line: inserting a
comment above a key must not turn an old alert into a new one. :func:`fingerprints` is shared
with the GitLab Code Quality format, so both platforms track the same finding the same way.

Message texts are plain text messages (SARIF §3.11.3), which viewers read for embedded links
(§3.11.6: ``[text](destination)``) and placeholders (§3.11.5: ``{0}``). A message quoting
``[click](https://…)`` from a progress file must not become a link, so :func:`message_text`
backslash-escapes ``\``, ``[`` and ``]`` everywhere (which §3.11.6 requires in link text and
allows elsewhere, and which the SARIF TC recommends wherever text could read as a link), and
doubles ``{`` and ``}`` (which §3.11.5 requires in every message string). Line breaks, bidi
controls and undecodable bytes are shown by :func:`cchc_cli.text.visible` first.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from cchc_cli.i18n import t
from cchc_cli.location import SourceLocation
from cchc_cli.models.report import Finding, PlanRef, Report, RunCounts, Severity, Waiver
from cchc_cli.render.common import RenderOptions, dump_json
from cchc_cli.sourceroot import SourceRoot
from cchc_cli.text import visible

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/cchc/cchc"
FINGERPRINT_KEY = "cchc/v1"
SRCROOT = "%SRCROOT%"

LEVELS: dict[Severity, str] = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}

_DRIVE = re.compile(r"^[A-Za-z]:/")


_MESSAGE_SYNTAX = re.compile(r"([\\\[\]])|([{}])")


def message_text(text: str) -> str:
    """``text`` as a SARIF plain text message that says exactly that: one line, no link, no
    placeholder (``a[0]{x}`` -> ``a\\[0\\]{{x}}``)."""
    return _MESSAGE_SYNTAX.sub(lambda m: "\\" + m.group() if m.group(1) else m.group() * 2, visible(text))


def posix_path(path: str) -> str:
    """The path as given, with forward slashes and without leading ``./`` (one file, one spelling)."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:].lstrip("/")
    return path


def _quote(path: str, safe: str) -> str:
    # A file name that is not valid UTF-8 arrives with surrogate escapes: percent-encode its bytes.
    return quote(path.encode("utf-8", "surrogateescape"), safe=safe)


def repository_path(path: str, root: SourceRoot | None) -> str:
    """``path`` as the CI formats name it: relative to the source root when there is one."""
    return posix_path(root.relative(path) if root is not None else path)


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative paths under ``%SRCROOT%``, absolute ones as file:// URIs."""
    path = posix_path(path)
    if _DRIVE.match(path):  # C:/x/a.yaml -> file:///C:/x/a.yaml
        return {"uri": "file:///" + _quote(path, safe="/:")}
    if path.startswith("//"):  # a UNC path: //server/share/a.yaml -> file://server/share/a.yaml
        return {"uri": "file:" + _quote(path, safe="/")}
    if path.startswith("/"):
        return {"uri": "file://" + _quote(path, safe="/")}
    return {"uri": _quote(path, safe="/"), "uriBaseId": SRCROOT}


def fingerprints(report: Report, root: SourceRoot | None = None) -> list[str]:
    """One fingerprint per finding of ``report``, in order: sha256 of rule, subject and path.

    The path is the one relative to ``root``, so the same finding has the same fingerprint
    whichever directory cchc ran from.

    The line is left out on purpose. Should one file give the same rule and subject twice (two
    problems under one key), the second and later get their rank appended, so that no two
    findings of a file share a fingerprint while the first keeps the plain one.
    """
    seen: dict[tuple[str, str], int] = {}
    out = []
    path = repository_path(report.path, root)
    for finding in report.findings:
        # The report's path, not the location's: an expired waiver (CCHC501) sits in the
        # configuration file but belongs to the report it would have waived.
        key = (finding.rule, finding.subject)
        rank = seen[key] = seen.get(key, 0) + 1
        material = f"{finding.rule}\0{finding.subject}\0{path}"
        if rank > 1:
            material += f"\0{rank}"
        out.append(hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest())
    return out


def _region(location: SourceLocation | None) -> dict[str, int]:
    region = {"startLine": location.line if location and location.line and location.line >= 1 else 1}
    if location and location.line and location.column and location.column >= 1:
        region["startColumn"] = location.column
    return region


def _physical(path: str, location: SourceLocation | None) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": artifact_location(path), "region": _region(location)}}


def justification(waiver: Waiver, lang: str) -> str:
    return visible(f"{waiver.reason} — {waiver.approver}, {t('until', lang)} {waiver.expires.isoformat()}")


def _suppression(waiver: Waiver, lang: str, root: SourceRoot | None) -> dict[str, Any]:
    suppression: dict[str, Any] = {
        "kind": "external",
        "status": "accepted",
        "justification": justification(waiver, lang),
        "properties": {
            "reason": waiver.reason,
            "approver": waiver.approver,
            "expires": waiver.expires.isoformat(),
            "file": waiver.file,
        },
    }
    if waiver.source is not None:
        suppression["location"] = _physical(repository_path(waiver.source.path, root), waiver.source)
    return suppression


def _result(
    report: Report, finding: Finding, fingerprint: str, rule_index: dict[str, int], lang: str, root: SourceRoot | None
) -> dict[str, Any]:
    path = repository_path(finding.location.path if finding.location else report.path, root)
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": message_text(finding.message.get(lang))}
    location = _physical(path, finding.location)
    location["logicalLocations"] = [{"fullyQualifiedName": visible(finding.subject)}]
    result["locations"] = [location]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if finding.waiver is not None:
        result["suppressions"] = [_suppression(finding.waiver, lang, root)]
    properties: dict[str, Any] = {"subject": visible(finding.subject), "slug": finding.slug, "severity": finding.severity.name}
    if finding.hint and finding.hint.get(lang):
        properties["hint"] = visible(finding.hint.get(lang))
    result["properties"] = properties
    return result


def _rules(lang: str) -> list[dict[str, Any]]:
    from cchc_cli.rules import RULES

    return [
        {
            "id": rule.id,
            "name": rule.slug,
            "shortDescription": {"text": message_text(rule.title.get(lang))},
            "fullDescription": {"text": message_text(rule.help.get(lang))},
            "help": {"text": message_text(rule.help.get(lang))},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"family": rule.family, "tags": ["cchc", rule.family]},
        }
        for rule in RULES.values()
    ]


def _plan(plan: PlanRef) -> dict[str, str]:
    return {"id": plan.id, "version": plan.version, "sha256": plan.sha256}


def _results(report: Report, options: RenderOptions) -> list[dict[str, Any]]:
    from cchc_cli.rules import RULES

    rule_index = {rule_id: i for i, rule_id in enumerate(RULES)}
    root = options.root
    return [
        _result(report, finding, fingerprint, rule_index, options.lang, root)
        for finding, fingerprint in zip(report.findings, fingerprints(report, root))
    ]


def _document(
    shown: Sequence[str], results: list[dict[str, Any]], plans: Sequence[PlanRef], options: RenderOptions
) -> dict[str, Any]:
    from cchc_cli import __version__

    lang = options.lang
    root = options.root
    # The CLI checks every file against one plan; should reports ever mix plans, all are listed.
    plan_views = [_plan(p) for p in plans]
    properties: dict[str, Any] = {"plan": plan_views[0]} if len(plan_views) == 1 else {"plans": plan_views} if plan_views else {}
    # How many files the run checked: ``artifacts`` lists only distinct paths, and a clean file
    # has no result, so a viewer could not tell a run over 40 files from one over none.
    properties["files_checked"] = len(shown)
    paths = [repository_path(path, root) for path in shown]
    artifacts = list({path: {"location": artifact_location(path)} for path in paths}.values())
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "cchc",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": _rules(lang),
            }
        },
        **({"originalUriBaseIds": {SRCROOT: {"uri": root.uri, "description": {"text": message_text(t("sarif.srcroot", lang))}}}}
           if root is not None else {}),
        "language": lang,
        # ruamel counts columns in characters, which is what unicodeCodePoints means.
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "properties": properties,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def document(reports: Sequence[Report], options: RenderOptions) -> dict[str, Any]:
    results = [result for report in reports for result in _results(report, options)]
    plans = list({r.plan.sha256: r.plan for r in reports}.values())
    return _document([r.path for r in reports], results, plans, options)


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    return dump_json(document(reports, options))


# -- the same log, written as each file is judged (cchc_cli.stream) ---------------------------
# Every file is known before any is judged, so the artifacts open the log; each file's results
# follow as it comes (json.dumps nests by indenting, so a result dumped alone and indented four
# levels is the same bytes as inside the whole log); the plan and the count close it.

#: where the results list opens in the dumped log (a key's quotes in a string would be escaped)
_RESULTS = '\n      "results": []'
#: written between two files' results
STREAM_JOIN = ","


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    whole = dump_json(_document(shown, [], [], options))
    return whole[: whole.index(_RESULTS) + len(_RESULTS) - 1]


def stream_part(report: Report, index: int, options: RenderOptions) -> str:
    return ",".join("\n        " + dump_json(r).rstrip("\n").replace("\n", "\n        ") for r in _results(report, options))


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool) -> str:
    whole = dump_json(_document(["-"] * counts.files, [], counts.plans, options))
    return ("\n      ]" if wrote else "]") + whole[whole.index(_RESULTS) + len(_RESULTS):]
