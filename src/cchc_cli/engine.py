"""Runs the rules over a validated progress file and builds the report. No I/O, no clock.

The engine resolves who (the agency) and when (the period and the as-of date) once, at the edge;
then it loops over the rule families (:data:`cchc_cli.rules.FAMILIES`), each run against the same
context. Rules name data paths; the engine turns them into file locations (which parses the file again with positions, only when there is a
finding to place), sorts the findings and counts them.

Every finding is made here, so here is where its text is made one line: subject, message and
hint go through :func:`cchc_cli.text.visible`, whatever a rule or a parser wrote into them (rules
quote the values they name with :func:`cchc_cli.text.quoted`, which also bounds them). A Report
therefore never holds a line break, a bidi override or an undecodable byte in its words; see
:mod:`cchc_cli.text` for the whole rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.compiled import CompiledPlan, CompiledPeriod, Bilingual
from cchc_cli.models.report import AgencyRef, DutyRow, Finding, PlanRef, Report, Severity, Summary, TargetRow, TaskRow, Waiver
from cchc_cli.rules import RULES
from cchc_cli.rules.base import Context, FindingDraft
from cchc_cli.text import visible

if TYPE_CHECKING:
    from cchc_cli.agencies import Agency
    from cchc_cli.errors import InputError
    from cchc_cli.progress import ProgressDocument


def plan_ref(plan: CompiledPlan) -> PlanRef:
    return PlanRef(plan.id, plan.version, plan.sha256)


def _same_period(plan: CompiledPlan, a: str, b: str) -> bool:
    try:
        return plan.period(a).id == plan.period(b).id
    except KeyError:
        return False


def evaluate(
    plan: CompiledPlan,
    progress: ProgressDocument,
    period: str | None = None,
    as_of: date | None = None,
    as_of_for: str | None = None,
) -> Report:
    """Judge a validated progress file. ``period`` and ``as_of`` override the file's (``as_of``
    only for files of period ``as_of_for`` when that is given)."""
    from cchc_cli.rules import FAMILIES
    from cchc_cli.rules.inputs import resolve_agency, resolve_period

    data = progress.data
    agency, agency_problem = resolve_agency(plan, data["agency"])
    chosen, period_problem = resolve_period(plan, period if period is not None else data.get("period"))
    problems = [p for p in (agency_problem, period_problem) if p is not None]
    if agency is None or chosen is None:
        return build_report(plan, progress, agency, chosen, as_of or data.get("as_of"), problems)

    # The file's as_of and submitted_on belong to the file's period: a period chosen on the command
    # line that differs from it starts from its own cut-off (unless --as-of says otherwise), and the
    # file's submission date says nothing about that other report.
    file_period = data.get("period")
    same_period = period is None or file_period is None or _same_period(plan, period, file_period)
    if not same_period:
        data = data.copy()
        data.pop("as_of", None)
        data.pop("submitted_on", None)
    if as_of_for is not None and chosen.id != as_of_for:
        as_of = None
    when = as_of or data.get("as_of") or chosen.cutoff
    ctx = Context(plan=plan, data=data, agency=agency, period=chosen, as_of=when)
    drafts: list[FindingDraft] = []
    target_rows: list[TargetRow] = []
    task_rows: list[TaskRow] = []
    duty_rows: list[DutyRow] = []
    for family in FAMILIES:
        result = family.evaluate(ctx)
        drafts += result.findings
        target_rows += result.targets
        task_rows += result.tasks
        duty_rows += result.duties
    reporter = plan.reports_periodically(agency.id, agency.kind)
    return build_report(plan, progress._replace(data=data), agency, chosen, when, drafts,
                        target_rows, task_rows, duty_rows, reporter=reporter)


def build_report(
    plan: CompiledPlan,
    progress: ProgressDocument,
    agency: Agency | None,
    period: CompiledPeriod | None,
    as_of: date | None,
    drafts: list[FindingDraft],
    target_rows: Sequence[TargetRow] = (),
    task_rows: Sequence[TaskRow] = (),
    duty_rows: Sequence[DutyRow] = (),
    *,
    reporter: bool = True,
) -> Report:
    findings = tuple(
        sorted(
            (
                Finding(
                    rule=f.rule.id,
                    slug=f.rule.slug,
                    severity=f.rule.severity,
                    subject=visible(f.subject),
                    message=_one_line(f.message),
                    location=progress.locate(list(f.path)),
                    hint=_one_line(f.hint) if f.hint else None,
                )
                for f in drafts
            ),
            key=Finding.sort_key,
        )
    )
    findings = _cap_input_problems(findings)
    return Report(
        path=progress.path,
        agency=AgencyRef(agency.id, agency.name, agency.name_en, agency.kind) if agency is not None else None,
        period=period.id if period else None,
        period_name=Bilingual(period.name, period.name_en) if period else None,
        as_of=as_of,
        report_due=period.due if period and reporter else None,
        submitted_on=progress.data.get("submitted_on"),
        plan=plan_ref(plan),
        findings=findings,
        targets=tuple(target_rows),
        tasks=tuple(task_rows),
        duties=tuple(duty_rows),
        summary=summarise(findings, target_rows, task_rows, duty_rows),
    )


def _more_problems(last: Finding, more: int, listed: int) -> Finding:
    """The finding that stands for the input problems of a file beyond the listed ones."""
    from cchc_cli.numbers import count

    return Finding(
        last.rule, last.slug, Severity.error, "input:more",
        Bilingual(f"và {count(more, 'vi')} lỗi khác tương tự; chỉ liệt kê {count(listed, 'vi')} lỗi đầu tiên",
              f"and {count(more, 'en')} more problems like these; only the first {count(listed, 'en')} are listed"),
        last.location, None,
    )


def _cap_input_problems(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """At most :data:`validation.MAX_PROBLEMS` input problems a file, then one that counts the rest.

    Problems with the file itself (unknown tasks, indicators, events; dates outside the plan) are
    as many as the file makes them, tens of thousands in a hostile one; what the plan asks of a
    unit (targets, tasks, duties) is bounded by the plan and never capped.
    """
    from cchc_cli.validation import MAX_PROBLEMS

    problems = [f for f in findings if RULES[f.rule].family == "input"]
    if len(problems) <= MAX_PROBLEMS:
        return findings
    last = problems[MAX_PROBLEMS - 1]
    dropped = {id(f) for f in problems[MAX_PROBLEMS:]}
    kept: list[Finding] = []
    for finding in findings:
        if id(finding) not in dropped:
            kept.append(finding)
            if finding is last:  # findings are sorted: the count stands right after the last listed
                kept.append(_more_problems(last, len(dropped), MAX_PROBLEMS))
    return tuple(kept)


def _one_line(text: Bilingual) -> Bilingual:
    return Bilingual(visible(text.vi), visible(text.en))


def summarise(
    findings: tuple[Finding, ...], target_rows: Sequence[TargetRow], task_rows: Sequence[TaskRow], duty_rows: Sequence[DutyRow]
) -> Summary:
    waived = [f for f in findings if f.waiver is not None]
    findings = tuple(f for f in findings if f.waiver is None)
    return Summary(
        waived=len(waived),
        errors=sum(f.severity is Severity.error for f in findings),
        warnings=sum(f.severity is Severity.warning for f in findings),
        infos=sum(f.severity is Severity.info for f in findings),
        input_errors=sum(f.is_input_error for f in findings),
        targets_met=sum(r.verdict == "met" for r in target_rows),
        targets_judged=sum(r.verdict in ("met", "missed") for r in target_rows),
        targets_applicable=len(target_rows),
        tasks_overdue=sum(r.state == "overdue" for r in task_rows),
        duties_missed=sum(r.state == "missed" for r in duty_rows),
    )


def apply_waivers(report: Report, waivers: tuple[Waiver, ...], today: date | None = None) -> Report:
    """Mark the findings a live waiver accepts; an expired one adds a finding of its own.

    A waiver accepts a finding until its expiry date, and a finding belongs to the report's
    ``as_of``: expiry is judged against that date, not the machine's clock, so re-checking last
    year's reports gives the same answer on any day. ``today`` (``CCHC_TODAY``, kept for
    compatibility) replaces ``as_of`` when given. A report without ``as_of`` is a file that could
    not be read, whose findings are input errors, which are never waived (the file has to be fixed).
    """
    judged_on = today or report.as_of
    if not waivers or judged_on is None:
        return report
    from cchc_cli.rules.config import waiver_expired

    findings: list[Finding] = []
    expired: dict[Waiver, Finding] = {}
    for finding in report.findings:
        matching = [] if finding.is_input_error else [w for w in waivers if w.matches(finding, report.path)]
        # A renewed waiver listed after the one it replaces still counts: any live match wins.
        waiver = next((w for w in matching if w.expires >= judged_on), matching[0] if matching else None)
        if waiver is not None and waiver.expires >= judged_on:
            finding = finding._replace(waiver=waiver)
        elif waiver is not None and waiver not in expired:
            expired[waiver] = waiver_expired(waiver, finding.subject, judged_on, by_clock=today is not None)
        findings.append(finding)
    result = tuple(sorted([*findings, *expired.values()], key=Finding.sort_key))
    return report._replace(
        findings=result, summary=summarise(result, report.targets, report.tasks, report.duties)
    )


def failed_input(plan: CompiledPlan, path: str, error: InputError) -> Report:
    """The report of a file that could not be read or validated: its problems as findings."""
    from cchc_cli.errors import ParseError
    from cchc_cli.rules.inputs import INVALID_VALUE, UNREADABLE_FILE

    import re

    rule = UNREADABLE_FILE if isinstance(error, ParseError) else INVALID_VALUE
    problems = getattr(error, "problems", None) or [(error.location, error.message.en)]
    key_path = re.compile(r"^([\w.\[\]-]+): ")
    hint: Bilingual | None = error.hint
    findings = []
    for i, (location, text) in enumerate(problems):
        vi = error.message.vi if (i == 0 and len(problems) == 1) else _vi(text)
        # A parser's message may quote a key or a value as written: one line, like every finding.
        findings.append(
            Finding(rule.id, rule.slug, rule.severity,
                    f"input:{m.group(1)}" if (m := key_path.match(text)) else "input:file",
                    _one_line(Bilingual(vi, text)), location, _one_line(hint) if hint and i == 0 else None)
        )
    findings.sort(key=Finding.sort_key)
    more = getattr(error, "more", 0)
    if more:  # after the listed ones, where the rest of them lie
        findings.append(_more_problems(findings[-1], more, len(problems)))
    result = tuple(findings)
    return Report(
        path=path, agency=None, period=None, period_name=None, as_of=None, report_due=None, submitted_on=None,
        plan=plan_ref(plan), findings=result, summary=summarise(result, (), (), ()),
    )


def _vi(text: str) -> str:
    from cchc_cli.schema_words import vi_of

    return vi_of(text) or text
