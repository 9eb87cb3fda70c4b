"""What a check produces: findings, the status rows behind them, and the report that holds both.

Named tuples: immutable, typed, and free to define (no pydantic, whose model machinery costs a
check more than all its own work; not dataclasses either, whose generated methods cost about a
millisecond per class at every start). Rules
create findings; the engine creates rows and the report; renderers only lay them out. Messages
are carried in both languages, so rendering in either needs no rule to run again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from datetime import date
from enum import IntEnum
from fractions import Fraction

from cchc_cli.compiled import Bilingual
from cchc_cli.location import SourceLocation


class Severity(IntEnum):
    """Ordered so that ``>=`` means "at least as serious as"."""

    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name]


class RuleMeta(NamedTuple):
    """A rule's stable identity: its id and slug never change and are never reused."""

    id: str  # "CCHC201"
    slug: str  # "task-overdue"
    family: str  # "input" | "targets" | "tasks" | "duties" | "reporting"
    severity: Severity
    title: Bilingual
    help: Bilingual


class Waiver(NamedTuple):
    """An accepted exception from a repository's configuration: this rule, for this subject."""

    rule: str
    subject: str
    reason: str
    approver: str
    expires: date
    file: str | None = None  # a glob the report's path must match; None: every file
    source: SourceLocation | None = None  # where the waiver is written
    #: the directory ``file`` is relative to (the configuration's), so that a glob means the same
    #: files wherever cchc runs from and however the paths were typed
    base: str | None = None

    def matches(self, finding: Finding, path: str) -> bool:
        import os
        from fnmatch import fnmatchcase

        if (self.rule, self.subject) != (finding.rule, finding.subject):
            return False
        if self.file is None:
            return True
        relative = os.path.relpath(os.path.abspath(path), self.base) if self.base else os.path.normpath(path)
        return fnmatchcase(relative.replace("\\", "/"), self.file.removeprefix("./"))


class Finding(NamedTuple):
    rule: str
    slug: str
    severity: Severity
    subject: str  # "indicator:<target>", "task:<id>", "duty:<id>", "report:<period>", "input:<key path>"
    message: Bilingual
    location: SourceLocation | None = None
    hint: Bilingual | None = None
    #: the configuration's waiver that accepts this finding: still reported, never failing
    waiver: Waiver | None = None

    @property
    def is_input_error(self) -> bool:
        return self.rule.startswith("CCHC0") and self.severity is Severity.error

    def sort_key(self) -> tuple[int, int, int, str, str]:
        loc = self.location
        return (
            -int(self.severity),
            loc.line if loc and loc.line is not None else 0,
            loc.column if loc and loc.column is not None else 0,
            self.rule,
            self.subject,
        )


class AgencyRef(NamedTuple):
    id: str
    name: str
    name_en: str
    kind: str


class PlanRef(NamedTuple):
    id: str
    version: str
    sha256: str


class TargetRow(NamedTuple):
    id: str
    title: Bilingual
    numerator: int | None
    denominator: int | None
    value: Fraction | None  # numerator / denominator, exact
    comparator: str
    threshold: Fraction
    threshold_percent: str
    aspirational: bool
    #: "met" | "missed" | "not_reported" | "no_data" | "invalid"
    verdict: str
    #: how many more numerator units, on the same denominator, would meet the target
    shortfall: int | None = None
    #: value minus threshold, as fractions of 1 (negative when short)
    gap: Fraction | None = None


class TaskRow(NamedTuple):
    id: str
    content: str
    deadline_text: str
    deadline_kind: str
    due: date | None
    status: str | None  # as reported; None when the file does not mention the task
    completed_on: date | None
    #: "done" | "done_late" | "overdue" | "due_soon" | "open" | "no_fixed_date" | "waiting_event"
    #: | "recurring" | "invalid" (done without a date)
    state: str
    days_late: int | None = None
    #: the reading ("R01") or erratum ("E01") the due date rests on; None when the words set it
    rests_on: str | None = None


class Progress(NamedTuple):
    """Counted progress of a duty: 1 of 2 dialogues, 5 of 5 months, 9 of 25 units inspected."""

    done: int
    needed: int
    what: Bilingual


class DutyRow(NamedTuple):
    id: str
    title: Bilingual
    #: "ok" | "missed" | "late" | "due_soon" | "open" | "in_progress" | "not_measurable"
    state: str
    due: date | None = None
    done_on: date | None = None
    #: counted progress of recurring duties and yearly counts
    progress: tuple[Progress, ...] = ()


class Summary(NamedTuple):
    errors: int
    warnings: int
    infos: int
    input_errors: int
    targets_met: int
    targets_judged: int
    targets_applicable: int
    tasks_overdue: int
    duties_missed: int
    #: findings accepted by a waiver (not in the counts by severity above)
    waived: int = 0


class Report(NamedTuple):
    path: str
    agency: AgencyRef | None
    period: str | None
    period_name: Bilingual | None
    as_of: date | None
    report_due: date | None
    submitted_on: date | None
    plan: PlanRef
    findings: tuple[Finding, ...]
    targets: tuple[TargetRow, ...] = ()
    tasks: tuple[TaskRow, ...] = ()
    duties: tuple[DutyRow, ...] = ()
    summary: Summary = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0)

    @property
    def judged(self) -> bool:
        """Whether the file was judged against the plan: its agency and period could be told.
        A file that was not has no tables, only its input problems (every format shows it so)."""
        return self.agency is not None and self.period is not None

    @property
    def has_input_errors(self) -> bool:
        return any(f.is_input_error for f in self.findings)

    def exit_code(self, fail_on: Severity) -> int:
        """2 if the input is invalid, 1 if an unwaived finding is at or above ``fail_on``, else 0."""
        if self.has_input_errors:
            return 2
        return 1 if any(f.severity >= fail_on and f.waiver is None for f in self.findings) else 0


def exit_code(reports: Sequence[Report], fail_on: Severity) -> int:
    """The worst of several reports: an input error anywhere (2) beats findings (1)."""
    return max((r.exit_code(fail_on) for r in reports), default=0)


class RunCounts(NamedTuple):
    """What a run of many files adds up, kept instead of the reports themselves: a streamed
    ``cchc check DIR`` forgets each report once written, yet its last lines (the totals, the exit
    code) must say exactly what the reports would have."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0
    input_errors: int = 0
    #: files whose agency or period could not be told (not judged)
    unreadable: int = 0
    exit_code: int = 0
    #: the plans the files were judged against, each once, in the order met (SARIF names them)
    plans: tuple[PlanRef, ...] = ()

    @classmethod
    def of(cls, reports: Sequence[Report], fail_on: Severity) -> RunCounts:
        total = cls()
        for report in reports:
            total = total.plus(report, fail_on)
        return total

    def plus(self, report: Report, fail_on: Severity) -> RunCounts:
        summary = report.summary
        return self.add(RunCounts(
            1, summary.errors, summary.warnings, summary.infos, summary.waived, summary.input_errors,
            int(not report.judged), report.exit_code(fail_on), (report.plan,),
        ))

    def add(self, other: RunCounts) -> RunCounts:
        """Both runs' counts; the exit code is the worse of the two, as :func:`exit_code` takes it."""
        return RunCounts(
            self.files + other.files,
            self.errors + other.errors,
            self.warnings + other.warnings,
            self.infos + other.infos,
            self.waived + other.waived,
            self.input_errors + other.input_errors,
            self.unreadable + other.unreadable,
            max(self.exit_code, other.exit_code),
            # the CLI judges every file against one plan: usually nothing to add
            self.plans + tuple(p for p in other.plans if p.sha256 not in {q.sha256 for q in self.plans}),
        )


def only_failing(reports: Sequence[Report], fail_on: Severity) -> list[Report]:
    """``--quiet``'s reports: only the findings that fail the run (unwaived, at or above
    ``fail_on``, or the file's own problems); the rest of each report is kept as it was."""
    return [
        r._replace(findings=tuple(f for f in r.findings if f.is_input_error or (f.severity >= fail_on and f.waiver is None)))
        for r in reports
    ]
