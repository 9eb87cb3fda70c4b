"""``cchc check --format json``: the report as a versioned JSON document.

The keys are a public contract (docs/ci.md, "The JSON report"): extend, never rename. Exact rates are
given as the two counts and as a fraction string ("2277/2300"); ``percent`` is the truncated
display value, never rounded up.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from collections.abc import Sequence

from cchc_cli.models.report import Finding, Report, RunCounts, Severity, Waiver, exit_code
from cchc_cli.render.common import RenderOptions, dump_json
from cchc_cli.numbers import percent, points

FORMAT_VERSION = 1


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def waiver_view(waiver: Waiver) -> dict[str, Any]:
    source = waiver.source
    return {
        "reason": waiver.reason,
        "approver": waiver.approver,
        "expires": waiver.expires.isoformat(),
        "file": waiver.file,
        "source": {"path": source.path, "line": source.line} if source else None,
    }


def finding_view(finding: Finding, lang: str) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.name,
        "subject": finding.subject,
        "message": finding.message.get(lang),
        "hint": finding.hint.get(lang) if finding.hint else None,
        "location": {"path": loc.path, "line": loc.line, "column": loc.column} if loc else None,
        "slug": finding.slug,
        "waiver": waiver_view(finding.waiver) if finding.waiver else None,
    }


def document(report: Report, lang: str) -> dict[str, Any]:
    from cchc_cli import __version__

    summary = report.summary
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "cchc", "version": __version__},
        "file": report.path,
        "agency": (
            {"id": report.agency.id, "name": report.agency.name, "kind": report.agency.kind} if report.agency else None
        ),
        "period": report.period,
        "as_of": _iso(report.as_of),
        "report_due": _iso(report.report_due),
        "submitted_on": _iso(report.submitted_on),
        "plan": {"id": report.plan.id, "version": report.plan.version, "sha256": report.plan.sha256},
        "findings": [finding_view(f, lang) for f in report.findings],
        "targets": [
            {
                "id": row.id,
                "numerator": row.numerator,
                "denominator": row.denominator,
                "value": f"{row.numerator}/{row.denominator}" if row.value is not None else None,
                "percent": percent(row.value) if row.value is not None else None,
                "comparator": row.comparator,
                "threshold_percent": row.threshold_percent,
                "aspirational": row.aspirational,
                "verdict": row.verdict,
                "shortfall": row.shortfall,
                "gap_points": points(row.gap) if row.gap is not None else None,
            }
            for row in report.targets
        ],
        "tasks": [
            {
                "id": row.id,
                "due": _iso(row.due),
                "deadline_kind": row.deadline_kind,
                "status": row.status,
                "completed_on": _iso(row.completed_on),
                "state": row.state,
                "days_late": row.days_late,
                "rests_on": row.rests_on,
            }
            for row in report.tasks
        ],
        "duties": [
            {
                "id": row.id,
                "state": row.state,
                "due": _iso(row.due),
                "done_on": _iso(row.done_on),
                "progress": [{"done": p.done, "needed": p.needed, "what": p.what.get(lang)} for p in row.progress],
            }
            for row in report.duties
        ],
        "summary": {
            "by_severity": {"error": summary.errors, "warning": summary.warnings, "info": summary.infos},
            "input_errors": summary.input_errors,
            "targets_met": summary.targets_met,
            "targets_judged": summary.targets_judged,
            "targets_applicable": summary.targets_applicable,
            "tasks_overdue": summary.tasks_overdue,
            "duties_missed": summary.duties_missed,
            "waived": summary.waived,
        },
    }


def render(report: Report, lang: str) -> str:
    """One file's document, with ``files_checked`` (1) as the document of several files has it."""
    return dump_json({**document(report, lang), "files_checked": 1})


def render_reports(reports: Sequence[Report], options: RenderOptions) -> str:
    """One file: its document, exactly as before. Several: each file's document under ``reports``,
    with the combined counts and the exit code the run gives at ``--fail-on``."""
    if len(reports) == 1:
        return render(reports[0], options.lang)
    from cchc_cli import __version__

    documents = [document(r, options.lang) for r in reports]
    combined = {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "cchc", "version": __version__},
        "files_checked": len(reports),
        "reports": documents,
        "summary": {
            "files": len(reports),
            "by_severity": {
                severity.name: sum(d["summary"]["by_severity"][severity.name] for d in documents)
                for severity in (Severity.error, Severity.warning, Severity.info)
            },
            "input_errors": sum(r.summary.input_errors for r in reports),
            "waived": sum(r.summary.waived for r in reports),
            "exit_code": exit_code(reports, options.fail_on),
        },
    }
    return dump_json(combined)


# -- the same document of several files, written as each file is judged ---------------------
# json.dumps nests a value by indenting its lines, so a report dumped alone and indented by two
# levels is, byte for byte, the same report inside ``reports``; the head and tail are cut from
# dumps of the document's own keys. A reader gets one valid document, as from render_reports.

_REPORTS_OPEN_END = "]\n}\n"


def stream_head(shown: Sequence[str], options: RenderOptions) -> str:
    from cchc_cli import __version__

    head = dump_json(
        {"format_version": FORMAT_VERSION, "tool": {"name": "cchc", "version": __version__}, "files_checked": len(shown), "reports": []}
    )
    return head[: -len(_REPORTS_OPEN_END)]


def stream_part(report: Report, index: int, options: RenderOptions) -> str:
    text = dump_json(document(report, options.lang)).rstrip("\n").replace("\n", "\n    ")
    return ("," if index else "") + "\n    " + text


def stream_tail(counts: RunCounts, options: RenderOptions, wrote: bool = True) -> str:
    summary = {
        "files": counts.files,
        "by_severity": {"error": counts.errors, "warning": counts.warnings, "info": counts.infos},
        "input_errors": counts.input_errors,
        "waived": counts.waived,
        "exit_code": counts.exit_code,
    }
    return "\n  ],\n" + dump_json({"summary": summary})[len("{\n"):]
