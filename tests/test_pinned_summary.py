"""The roll-up's arithmetic: behaviour that mutation testing found no test pinned (issue 16).

Units are made by hand (:class:`UnitResult`, what each checked file sends back), so every figure
below is worked out in a comment from the README's score formula and the plan's thresholds
(on-time dossiers "Tối thiểu 99%"), never read back from the tool.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import copy_data

from cchc_cli.compiled import CompiledPlan, compiled_plan
from cchc_cli.models.report import AgencyRef, Severity
from cchc_cli.models.summary import TargetCell, UnitResult
from cchc_cli.summary import ranked, roll_up, score, status

STP = AgencyRef("so-tu-phap", "Sở Tư pháp", "Department of Justice", "department")
SNV = AgencyRef("so-noi-vu", "Sở Nội vụ", "Department of Home Affairs", "department")
HK = AgencyRef("quan-hoan-kiem", "Quận Hoàn Kiếm", "Hoan Kiem District", "district")


def unit(agency: AgencyRef | None = STP, period: str | None = "FY", *, targets: tuple[TargetCell, ...] = (),
         tasks_led: int = 0, overdue: tuple[tuple[str, int], ...] = (), duties: int = 0, missed: tuple[str, ...] = (),
         submitted: date | None = None, exit_code: int = 0, path: str | None = None) -> UnitResult:
    return UnitResult(
        path=path or f"{agency.id if agency else 'x'}-{period}.yaml", agency=agency, period=period,
        as_of=date(2021, 12, 10), submitted_on=submitted, report_due=date(2021, 12, 15), exit_code=exit_code,
        errors=0, warnings=0, infos=0, targets=targets, overdue_tasks=overdue, tasks_led=tasks_led,
        missed_duties=missed, duties_judged=duties,
    )


def cells(met: int, missed: int) -> tuple[TargetCell, ...]:
    return tuple(TargetCell(f"m{i}", 1, 1, "met") for i in range(met)) + tuple(
        TargetCell(f"x{i}", 0, 1, "missed") for i in range(missed))


# -- score -----------------------------------------------------------------------------------------


def test_score_formula() -> None:
    # 50 × 4/5 + 25 × (4 - 1)/4 + 25 × (10 - 2)/10 - 10 (sent a day late) = 40 + 18.75 + 20 - 10 = 68.75
    late = unit(targets=cells(4, 1), tasks_led=4, overdue=(("II.1", 5),), duties=10, missed=("a", "b"),
                submitted=date(2021, 12, 16))
    assert score(late) == Fraction(6875, 100)
    # the same, on time: 78.75
    assert score(late._replace(submitted_on=date(2021, 12, 15))) == Fraction(7875, 100)


def test_score_with_nothing_to_judge_is_full() -> None:
    # No targets, no dated tasks, no duties: 50 + 25 + 25.
    assert score(unit()) == 100


def test_score_never_below_zero() -> None:
    # 0 + 0 + 0 - 10 is floored at 0.
    bad = unit(targets=cells(0, 2), tasks_led=1, overdue=(("II.1", 1),), duties=1, missed=("a",),
               submitted=date(2021, 12, 20))
    assert score(bad) == 0


# -- ranking and status ----------------------------------------------------------------------------


def test_equal_scores_share_a_rank() -> None:
    # Scores 100 (nothing to judge), 75 (one of two targets met: 50 × 1/2 + 25 + 25), 75, and 50 (no
    # target of one met: 0 + 25 + 25): ranks 1, 2, 2, 4.
    a = unit(AgencyRef("a", "A", "A", "department"))
    b = unit(AgencyRef("b", "B", "B", "department"), targets=cells(1, 1))
    c = unit(AgencyRef("c", "C", "C", "department"), targets=cells(1, 1))
    d = unit(AgencyRef("d", "D", "D", "department"), targets=cells(0, 1))
    out = ranked([d, c, b, a])
    assert [(r.unit.agency.id, r.score, r.rank) for r in out if r.unit.agency] == [
        ("a", 100, 1), ("b", 75, 2), ("c", 75, 2), ("d", 50, 4)]


@pytest.mark.parametrize("result, expected", [
    (unit(exit_code=2), "invalid"),
    (unit(exit_code=1, submitted=date(2021, 12, 16)), "late"),
    (unit(exit_code=1), "findings"),
    (unit(exit_code=0), "ok"),
    (unit(exit_code=0, submitted=date(2021, 12, 15)), "ok"),  # on the due day is on time
])
def test_status_precedence(result: UnitResult, expected: str) -> None:
    assert status(result) == expected


# -- the city's figures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> CompiledPlan:
    return compiled_plan(None)


def _on_time(report, which: str = "on_time_dossiers"):  # type: ignore[no-untyped-def]
    (target,) = [t for t in report.city_targets if t.id == which]
    return target


def test_city_rate_is_summed_counts_not_an_average(plan: CompiledPlan) -> None:
    # 2276/2300 (98.96%) and 100/100: Σ 2376/2400 = 99% exactly, which meets "≥ 99%"; the average
    # of the two rates would be 99.48%. An invalid cell and a unit of another period do not count.
    units = [
        unit(STP, targets=(TargetCell("on_time_dossiers", 2276, 2300, "missed"),)),
        unit(HK, targets=(TargetCell("on_time_dossiers", 100, 100, "met"),)),
        unit(SNV, targets=(TargetCell("on_time_dossiers", 5, 4, "invalid"),)),
        unit(SNV, "H1", targets=(TargetCell("on_time_dossiers", 0, 50, "missed"),)),
    ]
    city = roll_up(units, plan, "FY", Severity.error)
    target = _on_time(city)
    assert (target.numerator, target.denominator, target.units) == (2376, 2400, 2)
    assert (target.value, target.verdict, target.gap) == (Fraction(99, 100), "met", 0)
    # 2375/2400 falls short by 1/2400.
    short = roll_up([units[0]._replace(targets=(TargetCell("on_time_dossiers", 2275, 2300, "missed"),)), units[1]],
                    plan, "FY", Severity.error)
    assert (_on_time(short).verdict, _on_time(short).gap) == ("missed", Fraction(-1, 2400))
    nothing = roll_up([unit(STP)], plan, "FY", Severity.error)
    assert (_on_time(nothing).verdict, _on_time(nothing).value, _on_time(nothing).units) == ("no_data", None, 0)


def _plan_with(dest: Path, comparator: str) -> CompiledPlan:
    path = copy_data(dest)
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: on_time_dossiers")
    at = text.index('comparator: ">="', start)
    path.write_text(text[:at] + f'comparator: "{comparator}"' + text[at + len('comparator: ">="'):], encoding="utf-8")
    return compiled_plan(path)


@pytest.mark.parametrize("comparator, at_99, above_99", [(">", "missed", "met"), ("==", "met", "missed")])
def test_city_target_comparators(tmp_path: Path, comparator: str, at_99: str, above_99: str) -> None:
    # 2277/2300 is 99% exactly; 2278/2300 is above.
    plan = _plan_with(tmp_path / "data", comparator)
    for count, verdict in ((2277, at_99), (2278, above_99)):
        city = roll_up([unit(STP, targets=(TargetCell("on_time_dossiers", count, 2300, "met"),))], plan, "FY", Severity.error)
        assert _on_time(city).verdict == verdict, (comparator, count)


def test_exit_code_late_list_and_duplicates(plan: CompiledPlan) -> None:
    # The H1 file's findings do not fail the FY roll-up; the FY file's do. Late units: most days first.
    city = roll_up([
        unit(STP, exit_code=1, submitted=date(2021, 12, 17)),  # 2 days late
        unit(HK, exit_code=0, submitted=date(2021, 12, 20)),  # 5 days late
        unit(SNV, "H1", exit_code=1),
    ], plan, "FY", Severity.error)
    assert city.exit_code == 1
    assert [(r.agency.id, r.late_days) for r in city.late if r.agency] == [("quan-hoan-kiem", 5), ("so-tu-phap", 2)]
    quiet = roll_up([unit(STP), unit(SNV, "H1", exit_code=1)], plan, "FY", Severity.error)
    assert quiet.exit_code == 0
    twice = roll_up([unit(STP, path="a.yaml"), unit(STP, path="b.yaml")], plan, "FY", Severity.error)
    assert twice.exit_code == 2
    assert [(d.kept, d.other) for d in twice.duplicates] == [("a.yaml", "b.yaml")]
    assert [r.unit.path for r in twice.ranking] == ["a.yaml"]


def test_reported_units_are_not_listed_as_missing(plan: CompiledPlan) -> None:
    city = roll_up([unit(STP)], plan, "FY", Severity.error)
    missing = {a.id for a in city.not_reported}
    assert "so-tu-phap" not in missing and "quan-hoan-kiem" in missing
    assert city.files == 1
    (stp,) = [u for u in city.units if u.agency and u.agency.id == "so-tu-phap"]
    assert (stp.status, stp.owes) == ("ok", True)


def test_overdue_tasks_grouped_by_lead(plan: CompiledPlan) -> None:
    city = roll_up([unit(STP, tasks_led=4, overdue=(("II.2", 3), ("II.1", 7)))], plan, "FY", Severity.error)
    assert [(lead.id, tasks) for lead, tasks in city.overdue_by_lead] == [("so-tu-phap", (("II.1", 7), ("II.2", 3)))]


def test_trends_only_for_units_with_more_than_one_period(plan: CompiledPlan) -> None:
    h1 = (TargetCell("on_time_dossiers", 90, 100, "missed"),)
    fy = (TargetCell("on_time_dossiers", 99, 100, "met"),)
    city = roll_up([unit(STP, "FY", targets=fy), unit(STP, "H1", targets=h1), unit(HK, "FY")], plan, "FY", Severity.error)
    assert [(a.id, [p for p, _ in by]) for a, by in city.trends] == [("so-tu-phap", ["H1", "FY"])]


# -- compact: what each checked file sends back to the roll-up ----------------------------------


def test_a_missed_monthly_task_is_overdue_with_no_day_count(tmp_path: Path) -> None:
    # III.4.1 (Văn phòng UBND) is "Hằng tháng": February has no occurrence by 01/04/2021, so the
    # task is overdue; a recurring task has no one due day to count days from, so it is listed with
    # 0 days (the roll-up's "overdue by lead" shows the task, not a made-up lateness).
    from test_rules import VPUB, D, check

    from cchc_cli.summary import compact

    report = check(tmp_path, VPUB, "H1", D("2021-04-01"),
                   {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-03-31")]}})
    unit = compact(report, Severity.error)
    assert ("III.4.1", 0) in unit.overdue_tasks


def test_which_files_decide_the_exit_code(plan: CompiledPlan) -> None:
    # Only another period's file, with findings (exit 1): read for the trends, it fails nothing (0).
    assert roll_up([unit(SNV, "H1", exit_code=1)], plan, "FY", Severity.error).exit_code == 0
    # Another period's file that is an input error (exit 2) fails the run whatever its period.
    assert roll_up([unit(STP), unit(SNV, "H1", exit_code=2)], plan, "FY", Severity.error).exit_code == 2


def test_a_judged_file_with_an_input_problem_is_listed_and_still_ranked(plan: CompiledPlan) -> None:
    # Agency and period known (so judged), but with an input problem (a date outside the plan,
    # say): the file is listed among the bad files and its unit is still scored and ranked.
    from cchc_cli.compiled import Bilingual

    flawed = unit(STP, exit_code=2)._replace(problem=(None, Bilingual("ngày ngoài kế hoạch", "a date outside the plan")))
    city = roll_up([flawed], plan, "FY", Severity.error)
    assert [r.path for r in city.bad_files] == [flawed.path]
    assert [r.unit.path for r in city.ranking] == [flawed.path]


def test_a_unit_without_data_counts_as_a_unit_but_adds_no_count(plan: CompiledPlan) -> None:
    # Sở Tư pháp 100/100 on time; Quận Hoàn Kiếm reported the target with no counts (no_data):
    # the city's rate is 100/100 from the one unit with counts, over the 2 units that reported it.
    city = roll_up([unit(STP, targets=(TargetCell("on_time_dossiers", 100, 100, "met"),)),
                    unit(HK, targets=(TargetCell("on_time_dossiers", None, None, "no_data"),))], plan, "FY", Severity.error)
    target = _on_time(city)
    assert (target.numerator, target.denominator, target.units, target.verdict) == (100, 100, 2, "met")


def test_tasks_led_counts_the_dated_tasks(tmp_path: Path) -> None:
    # The institute leads I.4 and I.5, both "Tháng 10/2021" (due 31/10/2021): 2 dated tasks, the
    # denominator of the tasks' part of its score.
    from test_rules import INSTITUTE, D, check

    from cchc_cli.summary import compact

    unit = compact(check(tmp_path, INSTITUTE, "FY", D("2021-12-10")), Severity.error)
    assert unit.tasks_led == 2 and unit.overdue_tasks == ()


def test_the_late_list_is_ordered_by_days_late_not_by_file(plan: CompiledPlan) -> None:
    # Due 15/12/2021: Sở Tư pháp sent on 20/12 (5 days late), Quận Hoàn Kiếm on 17/12 (2 days);
    # most days first, although "quan-hoan-kiem-FY.yaml" sorts before "so-tu-phap-FY.yaml".
    city = roll_up([unit(STP, submitted=date(2021, 12, 20)), unit(HK, submitted=date(2021, 12, 17))],
                   plan, "FY", Severity.error)
    assert [(r.agency.id, r.late_days) for r in city.late if r.agency] == [("so-tu-phap", 5), ("quan-hoan-kiem", 2)]
