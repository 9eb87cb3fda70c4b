"""The city roll-up of ``cchc summary``: every file checked as ``cchc check`` would, then added up.

City-wide figures come from summed counts (Σ on time / Σ resolved), never from an average of
percentages. Who has not reported is every unit the plan expects a periodic report from with no
file for the period. Units are ranked by a simple score, documented in the README:

    score = 50 × (targets met / targets that apply)
          + 25 × (led appendix tasks not overdue / led tasks with a date, or 1 with none)
          + 25 × (measurable duties not missed / measurable duties, or 1 with none)
          − 10 if the report was sent late             (floored at 0; exact fractions)

Files are checked in worker processes when there are many (fork: the workers start with
everything already imported, the plan loaded); each sends back a compact UnitResult, so memory
stays small. Each file has a time limit (60 s, or ``CCHC_FILE_TIMEOUT`` seconds): one that runs
out of time, or whose worker dies, becomes a bad-file entry and the run goes on (the mechanism
is :mod:`cchc_cli.isolation`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from cchc_cli.compiled import CompiledPlan, Text2
from cchc_cli.engine import plan_ref
from cchc_cli.isolation import Died, TimedOut
from cchc_cli.location import SourceLocation
from cchc_cli.models.report import AgencyRef, Report, Severity
from cchc_cli.models.summary import CityReport, CityTarget, Duplicate, Ranked, TargetCell, UnitResult

#: below this many files, worker processes cost more than they save
PARALLEL_FROM = 64


def progress_files(paths: Iterable[Path], exclude: tuple[str, ...] = ()) -> list[Path]:
    """Every progress file under the paths, as ``cchc check`` finds them (:mod:`cchc_cli.walk`), sorted."""
    from cchc_cli.walk import progress_files as walk

    return sorted((found.path for found in walk(paths, exclude)), key=lambda p: str(p))


def compact(report: Report, fail_on: Severity) -> UnitResult:
    problem = next(((f.location, f.message) for f in report.findings if f.is_input_error), None)
    return UnitResult(
        path=report.path,
        agency=report.agency,
        period=report.period,
        as_of=report.as_of,
        submitted_on=report.submitted_on,
        report_due=report.report_due,
        exit_code=report.exit_code(fail_on),
        errors=report.summary.errors,
        warnings=report.summary.warnings,
        infos=report.summary.infos,
        targets=tuple(TargetCell(r.id, r.numerator, r.denominator, r.verdict) for r in report.targets),
        overdue_tasks=tuple((r.id, r.days_late or 0) for r in report.tasks if r.state == "overdue"),
        tasks_led=sum(r.due is not None for r in report.tasks),
        missed_duties=tuple(r.id for r in report.duties if r.state == "missed"),
        duties_judged=sum(r.state != "not_measurable" for r in report.duties),
        problem=problem,
    )


# -- checking the files --------------------------------------------------------------------

_job: dict[str, Any] = {}


def _check_one(path: str) -> UnitResult:
    from cchc_cli import api
    from cchc_cli.engine import apply_waivers

    report = api.check(Path(path), plan_path=_job["plan_path"], as_of=_job["as_of"], as_of_for=_job["period"], shown=path)
    if _job["waivers"]:
        report = apply_waivers(report, _job["waivers"], _job["today"])
    return compact(report, _job["fail_on"])


def check_all(
    files: list[Path],
    *,
    plan_path: Path | None,
    fail_on: Severity,
    period: str,
    as_of: date | None = None,
    waivers: tuple[Any, ...] = (),
    today: date | None = None,
    workers: int | None = None,
    progress: Any = None,
) -> Iterator[UnitResult]:
    """One UnitResult per file, in the order of ``files``; in parallel when there are many.

    A file that runs out of time, or whose worker process dies, is a bad file like an
    unreadable one (see :func:`stopped`); the others are checked all the same.
    """
    from functools import partial

    from cchc_cli.compiled import compiled_plan
    from cchc_cli.isolation import bounded, file_timeout, run_all

    limit = file_timeout()
    _job.update(plan_path=plan_path, as_of=as_of, period=period, waivers=waivers, today=today or date.today(), fail_on=fail_on)
    # Loaded (and cached) before any file's time starts, and before the workers fork.
    compiled_plan(plan_path)
    names = [str(f) for f in files]
    count = workers if workers is not None else (os.cpu_count() or 1)
    outcomes: Iterator[UnitResult | TimedOut | Died]
    if len(names) < PARALLEL_FROM or count < 2 or not hasattr(os, "fork"):
        # In this process: a timer bounds each file's time where it soundly can (isolation.bounded);
        # there is no worker to lose, and a process per file would cost more than the check.
        outcomes = (bounded(partial(_check_one, name), limit) for name in names)
    else:
        outcomes = run_all(_check_one, names, workers=count, limit=limit)
    for name, outcome in zip(names, outcomes):
        result = outcome if isinstance(outcome, UnitResult) else stopped(name, outcome, plan_path, fail_on)
        if progress:
            progress()
        yield result


def stopped(name: str, why: TimedOut | Died, plan_path: Path | None, fail_on: Severity) -> UnitResult:
    """The bad-file entry of a file that has no result.

    Out of time: the file could not be judged, an input error (exit 2), reported as an
    unreadable file is (CCHC001). A dead worker: a bug in cchc (exit 3), whatever the file holds.
    """
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.engine import failed_input
    from cchc_cli.errors import CheckTimeout

    if isinstance(why, TimedOut):
        return compact(failed_input(compiled_plan(plan_path), name, CheckTimeout(name, why.limit)), fail_on)
    vi, en = why.how()
    message = Text2(
        f"tiến trình kiểm tra tệp này đã dừng đột ngột ({vi}); đây là lỗi của cchc, không phải lỗi trong tệp: "
        "hãy báo lỗi, kèm tệp này nếu được",
        f"the worker process checking this file stopped unexpectedly ({en}); this is a bug in cchc, not an error in "
        "the file: please report it, with this file if you can",
    )
    return UnitResult(
        path=name, agency=None, period=None, as_of=None, submitted_on=None, report_due=None,
        exit_code=3,  # an internal error, as the CLI's EXIT_INTERNAL
        errors=0, warnings=0, infos=0, targets=(), overdue_tasks=(), tasks_led=0, missed_duties=(), duties_judged=0,
        problem=(SourceLocation(name), message),
    )


# -- adding up -----------------------------------------------------------------------------


def score(unit: UnitResult) -> Fraction:
    applicable = len(unit.targets)
    met = sum(c.verdict == "met" for c in unit.targets)
    targets = Fraction(met, applicable) if applicable else Fraction(1)
    tasks = Fraction(unit.tasks_led - len(unit.overdue_tasks), unit.tasks_led) if unit.tasks_led else Fraction(1)
    duties = (
        Fraction(unit.duties_judged - len(unit.missed_duties), unit.duties_judged) if unit.duties_judged else Fraction(1)
    )
    value = 50 * targets + 25 * tasks + 25 * duties - (10 if unit.late_days else 0)
    return max(Fraction(0), value)


def roll_up(
    results: Iterable[UnitResult], plan: CompiledPlan, period_id: str, fail_on: Severity
) -> CityReport:
    """The city's report for ``period_id`` from every file's result (any period)."""
    period = plan.period(period_id)
    files = 0
    bad: list[UnitResult] = []
    by_unit: dict[tuple[str, str], UnitResult] = {}
    duplicates: list[Duplicate] = []
    exit_code = 0
    for result in results:
        files += 1
        exit_code = max(exit_code, result.exit_code)
        if result.problem is not None or not result.judged:
            bad.append(result)
            if not result.judged:
                continue
        assert result.agency is not None and result.period is not None
        key = (result.agency.id, result.period)
        if key in by_unit:
            duplicates.append(Duplicate(result.agency, result.period, by_unit[key].path, result.path))
            exit_code = max(exit_code, 2)  # never below a dead worker's 3
            continue
        by_unit[key] = result

    current = [r for (unit, p), r in by_unit.items() if p == period.id]
    ranking = tuple(sorted((Ranked(r, score(r)) for r in current), key=lambda x: (-x.score, x.unit.agency.id)))  # type: ignore[union-attr]
    reported = {r.agency.id for r in current if r.agency}
    expected = [
        a for a in plan.registry.model.agencies
        if a.kind in plan.periodic_reporter_kinds or a.id in plan.periodic_reporter_agencies
    ]
    not_reported = tuple(AgencyRef(a.id, a.name, a.name_en, a.kind) for a in expected if a.id not in reported)
    late = tuple(sorted((r for r in current if r.late_days), key=lambda r: (-(r.late_days or 0), r.path)))

    city_targets = []
    for target in plan.targets:
        cells = [c for r in current for c in r.targets if c.id == target.id and c.verdict in ("met", "missed", "no_data")]
        num = sum(c.numerator or 0 for c in cells)
        den = sum(c.denominator or 0 for c in cells)
        value = Fraction(num, den) if den else None
        if value is None:
            verdict = "no_data"
        elif (target.comparator == ">=" and value >= target.threshold) or (
            target.comparator == ">" and value > target.threshold
        ) or (target.comparator == "==" and value == target.threshold):
            verdict = "met"
        else:
            verdict = "missed"
        city_targets.append(
            CityTarget(
                id=target.id, title=target.title, numerator=num, denominator=den, value=value,
                comparator=target.comparator, threshold=target.threshold, threshold_percent=target.threshold_percent,
                verdict=verdict, units=len(cells), gap=value - target.threshold if value is not None else None,
            )
        )

    overdue: dict[str, list[tuple[str, int]]] = {}
    for r in current:
        for task_id, days in r.overdue_tasks:
            overdue.setdefault(plan.tasks[task_id].lead, []).append((task_id, days))
    overdue_by_lead = tuple(
        (AgencyRef(lead, plan.registry.get(lead).name, plan.registry.get(lead).name_en, plan.registry.get(lead).kind),
         tuple(sorted(tasks)))
        for lead, tasks in sorted(overdue.items())
    )

    periods = [p.id for p in plan.periods]
    trend_units: dict[str, dict[str, tuple[TargetCell, ...]]] = {}
    agencies: dict[str, AgencyRef] = {}
    for (unit, p), r in by_unit.items():
        trend_units.setdefault(unit, {})[p] = r.targets
        if r.agency:
            agencies[unit] = r.agency
    trends = tuple(
        (agencies[unit], tuple((p, by_period[p]) for p in periods if p in by_period))
        for unit, by_period in sorted(trend_units.items())
        if len(by_period) > 1
    )
    return CityReport(
        period=period.id,
        period_name=Text2(period.name, period.name_en),
        plan=plan_ref(plan),
        files=files,
        ranking=ranking,
        bad_files=tuple(bad),
        duplicates=tuple(duplicates),
        not_reported=not_reported,
        late=late,
        city_targets=tuple(city_targets),
        overdue_by_lead=overdue_by_lead,
        trends=trends,
        exit_code=exit_code,
    )
