"""The city roll-up of ``cchc summary``: every file checked as ``cchc check`` would, then added up.

City-wide figures come from summed counts (Σ on time / Σ resolved), never from an average of
percentages. Who has not reported is every unit the plan expects a periodic report from with no
file for the period, not even a broken one. Units are ranked by a simple score, documented in
docs/rollup.md; units with the same score share a rank (1, 2, 2, 4):

    score = 50 × (targets met / targets that apply)
          + 25 × (led appendix tasks not overdue / led tasks with a date, or 1 with none)
          + 25 × (measurable duties not missed / measurable duties, or 1 with none)
          − 10 if the report was sent late             (floored at 0; exact fractions)

Files are checked in worker processes when there are many (fork: the workers start with
everything already imported, the plan loaded); each sends back a compact UnitResult, so memory
stays small. Each file has a time limit (60 s, or ``CCHC_FILE_TIMEOUT`` seconds): one that runs
out of time, or whose worker dies, becomes a bad-file entry and the run goes on (the mechanism
is :mod:`cchc_cli.isolation`).

A file that cannot be judged still counts as its unit's report, "reported, invalid", when the unit
can be told: from the check itself (a known agency with an unknown period), or else from the
file's own top-level ``agency:`` line (:func:`claimed`), resolved through the agency registry as a
valid file's would be. Its period is the ``period:`` line's when that resolves; a file with no
readable period counts for the period being rolled up, since a unit whose only file is broken has
not shown that it owes nothing. Each unit then has one status for the period (``STATUSES``):
invalid, then late, then findings, then ok, the first that holds; missing when it sent no file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_cli.compiled import CompiledPlan, Bilingual
from cchc_cli.engine import plan_ref
from cchc_cli.isolation import Died, TimedOut
from cchc_cli.location import SourceLocation
from cchc_cli.models.report import AgencyRef, Report, Severity
from cchc_cli.models.summary import (
    CityReport,
    CityTarget,
    Duplicate,
    Ranked,
    Status,
    TargetCell,
    UnitResult,
    UnitStatus,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from cchc_cli.agencies import Agency
    from cchc_cli.models.report import Waiver
    from cchc_cli.severity import Overrides

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
        # Overdue only by the tool's reading of a phrase (CCHC209, a warning) is not scored or listed
        # as overdue in the city's roll-up: a verdict resting on a reading is never an error's.
        overdue_tasks=tuple(
            (r.id, r.days_late or 0) for r in report.tasks if r.state == "overdue" and getattr(r, "rests_on", None) is None
        ),
        tasks_led=sum(r.due is not None for r in report.tasks),
        missed_duties=tuple(r.id for r in report.duties if r.state == "missed"),
        duties_judged=sum(r.state != "not_measurable" for r in report.duties),
        problem=problem,
    )


# -- checking the files --------------------------------------------------------------------

_job: dict[str, Any] = {}


def _check_one(path: str) -> UnitResult:
    from cchc_cli import judge
    from cchc_cli.engine import apply_waivers
    from cchc_cli.severity import apply as apply_severity

    report = judge.check(Path(path), plan_path=_job["plan_path"], as_of=_job["as_of"], as_of_for=_job["period"], shown=path)
    report = apply_severity(report, _job["severity"])
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
    waivers: tuple[Waiver, ...] = (),
    today: date | None = None,
    workers: int | None = None,
    progress: Callable[[], object] | None = None,
    severity: Overrides | None = None,
) -> Iterator[UnitResult]:
    """One UnitResult per file, in the order of ``files``; in parallel when there are many.

    A file that runs out of time, or whose worker process dies, is a bad file like an
    unreadable one (see :func:`stopped`); the others are checked all the same.
    """
    from functools import partial

    from cchc_cli.compiled import compiled_plan
    from cchc_cli.isolation import bounded, file_timeout, run_all

    limit = file_timeout()
    _job.update(plan_path=plan_path, as_of=as_of, period=period, waivers=waivers, today=today, fail_on=fail_on,
                severity=severity or {})
    # Loaded (and cached) before any file's time starts, and before the workers fork.
    plan = compiled_plan(plan_path)
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
        if not result.judged:
            result = with_claim(result, plan)
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
    message = Bilingual(
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


# -- whose broken file is it ------------------------------------------------------------------

#: a top-level key, plain or quoted, at the start of a line, and what follows its colon
_TOP_KEY = re.compile(r"""(?:(agency|period)|"(agency|period)"|'(agency|period)')[ \t]*:(?:[ \t]+(.*)|[ \t]*)$""")
#: what starts a value that is not a one-line plain or quoted scalar (block, flow, anchor, alias, tag…)
_NOT_PLAIN = tuple("|>[{&*!%@`-?:,#")


def with_claim(result: UnitResult, plan: CompiledPlan) -> UnitResult:
    """A result that could not be judged, with the unit and period it is for when they can be told.

    What the check resolved comes first (a known agency whose period is unknown); the file's own
    lines (:func:`claimed`) only where the check resolved nothing.
    """
    agency, period = result.agency, result.period
    if not result.judged:
        read_agency, read_period = claimed(result.path, plan)
        agency, period = agency or read_agency, period or read_period
    return result._replace(claimed=agency, claimed_period=period)


def claimed(path: str, plan: CompiledPlan) -> tuple[AgencyRef | None, str | None]:
    """The agency and period a file's top-level ``agency:`` and ``period:`` lines name, or None each.

    For a file the check could not read or validate, so it is a light scan of the text, never a
    parse: the file is read as the check reads it (:func:`cchc_cli.yamlio.read_bytes`: a regular
    file, within the size limit; undecodable bytes replaced, binary left alone), then each line is
    looked at once. A key counts only at the start of a line (the top level), with a one-line
    plain or quoted value that the next line does not continue; the value must resolve exactly as
    a valid file's would (:meth:`Registry.lookup`, :meth:`CompiledPlan.period`). A key written
    twice with different values, or one that resolves to nothing or to several units, tells
    nothing: a unit is never guessed.
    """
    from cchc_cli.agencies import AmbiguousAgency, UnknownAgency
    from cchc_cli.errors import ParseError
    from cchc_cli.yamlio import decode, read_bytes

    try:
        raw = read_bytes(Path(path), path)
    except ParseError:
        return None, None
    try:
        text = decode(raw, path)
    except ParseError:
        if b"\x00" in raw:
            return None, None
        text = raw.decode("utf-8", "replace")  # a legacy encoding: ids and ASCII names still read
    values: dict[str, set[str | None]] = {"agency": set(), "period": set()}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if match is None:
            continue
        key = match.group(1) or match.group(2) or match.group(3)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        continued = following[:1] in (" ", "\t") and following.strip() and not following.strip().startswith("#")
        values[key].add(None if continued else _one_line_scalar(match.group(4) or ""))

    agency: AgencyRef | None = None
    if len(values["agency"]) == 1 and (name := next(iter(values["agency"]))):
        try:
            found = plan.registry.lookup(name)
            agency = AgencyRef(found.id, found.name, found.name_en, found.kind)
        except (UnknownAgency, AmbiguousAgency):
            pass
    period: str | None = None
    if len(values["period"]) == 1 and (name := next(iter(values["period"]))):
        try:
            period = plan.period(name).id
        except KeyError:
            pass
    return agency, period


def _one_line_scalar(raw: str) -> str | None:
    """The value of ``key: value`` when it is a whole one-line scalar; None when it is anything else."""
    raw = raw.strip()
    if raw[:1] in ('"', "'"):
        quote = raw[0]
        end = raw.find(quote, 1)
        if end < 0 or raw[end + 1 : end + 2] == quote:  # unterminated, or '' inside: leave it to the parser
            return None
        inner, rest = raw[1:end], raw[end + 1 :].strip()
        if (rest and not rest.startswith("#")) or (quote == '"' and "\\" in inner):
            return None
        return inner.strip() or None
    if not raw or raw.startswith(_NOT_PLAIN):
        return None
    return re.split(r"[ \t]#", raw, maxsplit=1)[0].strip() or None


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
    results: Iterable[UnitResult], plan: CompiledPlan, period_id: str, fail_on: Severity, as_of: date | None = None
) -> CityReport:
    """The city's report for ``period_id`` from every file's result (any period); ``as_of`` is the
    date the period's files were judged at, when one was given for all of them."""
    period = plan.period(period_id)
    files = 0
    bad: list[UnitResult] = []
    by_unit: dict[tuple[str, str], UnitResult] = {}
    duplicates: list[Duplicate] = []
    exit_code = 0
    for result in results:
        files += 1
        # A file that could not be judged fails the run whatever its period (it is listed); the
        # findings of another period's file, read only for the trends, do not fail this one.
        if result.exit_code >= 2 or result.period in (None, period.id):
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
    ranking = ranked(current)
    expected = [a for a in plan.registry.model.agencies if plan.reports_periodically(a.id, a.kind)]
    units = unit_statuses(ranking, bad, expected, plan, period.id)
    reported = {u.agency.id for u in units if u.agency is not None and u.status != "missing"}
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
        elif target.met_by(value):
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
        period_name=Bilingual(period.name, period.name_en),
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
        units=units,
        as_of=as_of,
        report_due=period.due,
        data_cutoff=period.cutoff,
        periods=tuple(periods),
    )


def ranked(current: Iterable[UnitResult]) -> tuple[Ranked, ...]:
    """The period's judged units, best score first (then by id); an equal score, an equal rank."""
    scored = sorted(((r, score(r)) for r in current), key=lambda x: (-x[1], x[0].agency.id if x[0].agency else ""))
    out: list[Ranked] = []
    for position, (result, value) in enumerate(scored, 1):
        rank = out[-1].rank if out and out[-1].score == value else position  # standard competition ranking
        out.append(Ranked(result, value, rank))
    return tuple(out)


def status(result: UnitResult) -> Status:
    """A judged file's status: invalid, then late, then findings, then ok (the first that holds)."""
    if result.problem is not None or result.exit_code >= 2:
        return "invalid"
    if result.late_days:
        return "late"
    if result.exit_code == 1:
        return "findings"
    return "ok"


def unit_statuses(
    ranking: tuple[Ranked, ...], bad: list[UnitResult], expected: list[Agency], plan: CompiledPlan, period_id: str
) -> tuple[UnitStatus, ...]:
    """Every unit that owes the period's report or sent a file for it, once, with its status.

    A broken file counts for its claimed unit when its period is this one or cannot be read. With
    a judged report as well, the unit is still invalid: the broken file may be this period's
    report, and only the unit can say it is not. A broken file whose unit cannot be told is a row
    of its own, with no agency. Order: the ranking; the other invalid units (in the registry's
    order), then the broken files of no known unit (in path order); the missing units (in the
    registry's order).
    """
    owes = {a.id for a in expected}
    broken: dict[str, UnitResult] = {}
    unknown: list[UnitResult] = []
    for result in bad:
        if result.judged or result.claimed_period not in (None, period_id):
            continue  # judged: in the ranking if it is this period's; else another period's file
        if result.claimed is None:
            unknown.append(result)
        else:
            broken.setdefault(result.claimed.id, result)  # the first in path order, as for duplicates
    rows: list[UnitStatus] = []
    seen: set[str] = set()
    for entry in ranking:
        agency = entry.unit.agency
        assert agency is not None
        other = broken.get(agency.id)
        rows.append(UnitStatus(agency, "invalid" if other else status(entry.unit), agency.id in owes, entry, other))
        seen.add(agency.id)
    order = {a.id: i for i, a in enumerate(plan.registry.model.agencies)}
    for unit_id in sorted(set(broken) - seen, key=lambda u: order.get(u, len(order))):
        result = broken[unit_id]
        rows.append(UnitStatus(result.claimed, "invalid", unit_id in owes, None, result))
        seen.add(unit_id)
    rows += [UnitStatus(None, "invalid", False, None, r) for r in sorted(unknown, key=lambda r: r.path)]
    for a in expected:
        if a.id not in seen:
            rows.append(UnitStatus(AgencyRef(a.id, a.name, a.name_en, a.kind), "missing", True, None, None))
    return tuple(rows)
