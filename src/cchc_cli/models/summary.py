"""The city roll-up: one compact result per progress file, and what the city's report adds up to.

A ``UnitResult`` keeps only what the roll-up shows (counts, verdicts, overdue tasks, missed
duties), so that tens of thousands of files never mean tens of thousands of documents in memory.
A ``UnitStatus`` is one line of "who owes us what" for the period: every unit the plan expects the
period's report from, and every unit a file came from, with one status word.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Literal, NamedTuple

from cchc_cli.compiled import Bilingual
from cchc_cli.location import SourceLocation
from cchc_cli.models.report import AgencyRef, PlanRef


class TargetCell(NamedTuple):
    id: str
    numerator: int | None
    denominator: int | None
    verdict: str  # as TargetRow.verdict

    @property
    def value(self) -> Fraction | None:
        """The exact rate behind the shown one; None when there are no counts or they are invalid."""
        if self.numerator is None or not self.denominator or self.verdict == "invalid":
            return None
        return Fraction(self.numerator, self.denominator)


class UnitResult(NamedTuple):
    path: str
    agency: AgencyRef | None
    period: str | None
    as_of: date | None
    submitted_on: date | None
    report_due: date | None
    exit_code: int
    errors: int
    warnings: int
    infos: int
    targets: tuple[TargetCell, ...]
    overdue_tasks: tuple[tuple[str, int], ...]  # (task id, days overdue)
    tasks_led: int
    missed_duties: tuple[str, ...]
    duties_judged: int
    #: the first input problem, when the file has one: (location, message)
    problem: tuple[SourceLocation | None, Bilingual] | None = None
    #: for a file that could not be judged: the unit and period it says it is for, when its own
    #: ``agency:`` / ``period:`` lines can be read (see :func:`cchc_cli.summary.claimed`)
    claimed: AgencyRef | None = None
    claimed_period: str | None = None

    @property
    def judged(self) -> bool:
        return self.agency is not None and self.period is not None

    @property
    def late_days(self) -> int | None:
        if self.submitted_on is None or self.report_due is None or self.submitted_on <= self.report_due:
            return None
        return (self.submitted_on - self.report_due).days


class CityTarget(NamedTuple):
    id: str
    title: Bilingual
    numerator: int  # summed over the units that reported both counts
    denominator: int
    value: Fraction | None
    comparator: str
    threshold: Fraction
    threshold_percent: str
    verdict: str  # "met" | "missed" | "no_data"
    units: int  # units whose counts are in the sums
    gap: Fraction | None = None


class Ranked(NamedTuple):
    unit: UnitResult
    score: Fraction  # 0..100, see summary.score
    rank: int  # shared by equal scores: 1, 2, 2, 4


#: one word per unit for the period, in order of precedence (the first that holds is the status):
#: ``invalid`` a file of the unit for the period could not be read or validated, or has input errors;
#: ``late`` sent after the period's due date; ``findings`` findings at or above --fail-on;
#: ``ok`` none of these; ``missing`` no file for the period.
Status = Literal["ok", "findings", "invalid", "late", "missing"]
STATUSES: tuple[Status, ...] = ("ok", "findings", "invalid", "late", "missing")


class UnitStatus(NamedTuple):
    agency: AgencyRef | None  # None: a broken file whose agency line cannot be read
    status: Status
    owes: bool  # the plan expects the period's report from this unit
    ranked: Ranked | None  # its judged report for the period
    invalid: UnitResult | None  # the broken file, when that is not the ranked one

    @property
    def result(self) -> UnitResult | None:
        """The file the status rests on: the broken one if any, else the judged one; None if missing."""
        return self.invalid or (self.ranked.unit if self.ranked else None)


class Duplicate(NamedTuple):
    agency: AgencyRef
    period: str
    kept: str  # the path used in the figures
    other: str


class CityReport(NamedTuple):
    period: str
    period_name: Bilingual
    plan: PlanRef
    files: int  # every file read, whatever its period
    ranking: tuple[Ranked, ...]  # the period's judged units, best first
    bad_files: tuple[UnitResult, ...]  # files that could not be judged, or have input errors
    duplicates: tuple[Duplicate, ...]
    not_reported: tuple[AgencyRef, ...]  # owe the period's report and sent no file for it, not even a broken one
    late: tuple[UnitResult, ...]
    city_targets: tuple[CityTarget, ...]
    overdue_by_lead: tuple[tuple[AgencyRef, tuple[tuple[str, int], ...]], ...]  # lead, ((task id, days overdue), …)
    trends: tuple[tuple[AgencyRef, tuple[tuple[str, tuple[TargetCell, ...]], ...]], ...]  # unit, (period, cells)
    exit_code: int
    #: every unit that owes the period's report or sent a file for it, with its status: the ranked
    #: units in rank order, then the invalid ones, then the missing ones
    units: tuple[UnitStatus, ...]
    #: the date the period's files were judged at (``--as-of``); None: each file at its own as_of
    as_of: date | None = None
    #: the period's report due date and data cut-off, as the plan sets them
    report_due: date | None = None
    data_cutoff: date | None = None
    #: the plan's periods in order (Q1, H1, 9M, FY): the columns of the trends
    periods: tuple[str, ...] = ()
