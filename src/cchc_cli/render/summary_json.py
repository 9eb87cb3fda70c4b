"""``cchc summary --format json``: the city roll-up as a versioned JSON document (a public contract)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from cchc_cli.models.report import AgencyRef
from cchc_cli.models.summary import CityReport, UnitResult
from cchc_cli.numbers import percent, points
from cchc_cli.render.common import dump_json

FORMAT_VERSION = 1


def _agency(agency: AgencyRef | None) -> dict[str, Any] | None:
    return {"id": agency.id, "name": agency.name, "kind": agency.kind} if agency else None


def _problem(result: UnitResult, lang: str) -> dict[str, Any] | None:
    if result.problem is None:
        return None
    location, message = result.problem
    return {
        "location": {"path": location.path, "line": location.line, "column": location.column} if location else None,
        "message": message.get(lang),
    }


def _unit(result: UnitResult, lang: str) -> dict[str, Any]:
    return {
        "file": result.path,
        "agency": _agency(result.agency),
        "period": result.period,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "submitted_on": result.submitted_on.isoformat() if result.submitted_on else None,
        "late_days": result.late_days,
        "exit_code": result.exit_code,
        "findings": {"error": result.errors, "warning": result.warnings, "info": result.infos},
        "targets": {
            c.id: {
                "numerator": c.numerator,
                "denominator": c.denominator,
                "percent": percent(Fraction(c.numerator, c.denominator))
                if c.numerator is not None and c.denominator and c.verdict != "invalid"
                else None,
                "verdict": c.verdict,
            }
            for c in result.targets
        },
        "overdue_tasks": [{"id": t, "days": d} for t, d in result.overdue_tasks],
        "missed_duties": list(result.missed_duties),
        "problem": _problem(result, lang),
        # a file that could not be judged: the unit and period its own lines name, when readable
        "claimed_agency": _agency(result.claimed),
        "claimed_period": result.claimed_period,
    }


def document(city: CityReport, lang: str) -> dict[str, Any]:
    from cchc_cli import __version__

    statuses = {u.ranked.unit.path: u.status for u in city.units if u.ranked}
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "cchc", "version": __version__},
        "period": city.period,
        "plan": {"id": city.plan.id, "version": city.plan.version, "sha256": city.plan.sha256},
        "files": city.files,
        "exit_code": city.exit_code,
        "city_targets": [
            {
                "id": t.id,
                "numerator": t.numerator,
                "denominator": t.denominator,
                "value": f"{t.numerator}/{t.denominator}" if t.denominator else None,
                "percent": percent(t.value) if t.value is not None else None,
                "threshold_percent": t.threshold_percent,
                "gap_points": points(t.gap) if t.gap is not None else None,
                "verdict": t.verdict,
                "units": t.units,
            }
            for t in city.city_targets
        ],
        "ranking": [
            {"rank": r.rank, "score": f"{float(r.score):.2f}", "score_exact": str(r.score), **_unit(r.unit, lang),
             "status": statuses[r.unit.path]}
            for r in city.ranking
        ],
        "units": [
            {
                "agency": _agency(u.agency),
                "status": u.status,
                "owes_report": u.owes,
                "rank": u.ranked.rank if u.ranked else None,
                "file": u.result.path if u.result else None,
                "problem": _problem(u.result, lang) if u.result else None,
            }
            for u in city.units
        ],
        "not_reported": [{"id": a.id, "name": a.name, "kind": a.kind} for a in city.not_reported],
        "late": [{"id": r.agency.id if r.agency else None, "file": r.path, "late_days": r.late_days} for r in city.late],
        "bad_files": [_unit(r, lang) for r in city.bad_files],
        "duplicates": [
            {"agency": d.agency.id, "period": d.period, "kept": d.kept, "other": d.other} for d in city.duplicates
        ],
        "overdue_by_lead": [
            {"lead": {"id": lead.id, "name": lead.name}, "tasks": [{"id": t, "days": d} for t, d in tasks]}
            for lead, tasks in city.overdue_by_lead
        ],
        "trends": [
            {
                "agency": unit.id,
                "periods": {
                    p: {c.id: (f"{c.numerator}/{c.denominator}" if c.denominator else None) for c in cells}
                    for p, cells in by_period
                },
            }
            for unit, by_period in city.trends
        ],
    }


def render_summary(city: CityReport, lang: str) -> str:
    return dump_json(document(city, lang))
