"""Section V duties: behaviour that mutation testing found no test pinned (issue 16).

Through :func:`cchc_cli.api.check` only. Deadlines are the plan's (Quyết định 5743/QĐ-UBND,
section V.1): the agency's plan "ban hành tháng 01/2021" (due 2021-01-31), the inspection plan
"trong Quý I/2021" (due 2021-03-31) with "100% cơ quan, đơn vị được kiểm tra ít nhất 01 lần trong
năm", the districts' inspection reports "chậm nhất ngày 15 của tháng cuối quý", dialogues "ít nhất
2 lần/năm", procedures published "ngay sau 05 ngày" of approval. Day counts are worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules import DELETE, DEPT, DISTRICT, D, check, only, pairs

AP, INS, QIR, DIA, TTHC = (
    "duty:agency_plan", "duty:inspection", "duty:quarterly_inspection_reports", "duty:dialogues", "duty:tthc_publication",
)


def _row(report, duty_id: str):  # type: ignore[no-untyped-def]
    (row,) = [r for r in report.duties if r.id == duty_id]
    return row


# -- dated duties ----------------------------------------------------------------------------------


@pytest.mark.parametrize("issued, late", [("2021-02-01", 1), ("2021-02-10", 10), ("2021-03-02", 30)])
def test_done_late_counts_its_days(tmp_path: Path, issued: str, late: int) -> None:
    # Due 2021-01-31: 1 February is 1 day late, 10 February 10, 2 March 28 + 2 = 30.
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"duties/agency_plan": {"issued_on": D(issued)}})
    assert pairs(report) == {("CCHC302", AP)}
    finding = only(report, "CCHC302", AP)
    unit = "day" if late == 1 else "days"
    assert f"done on {issued}, {late} {unit} late (due 2021-01-31" in finding.message.en
    assert f"muộn {late} ngày (hạn 31/01/2021" in finding.message.vi
    row = _row(report, "agency_plan")
    assert (row.state, row.due, row.done_on) == ("late", D("2021-01-31"), D(issued))


def test_missing_dated_duty_counts_days_overdue(tmp_path: Path) -> None:
    # Due 2021-01-31; on 2021-03-10: 28 (February) + 10 = 38 days.
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"duties/agency_plan": DELETE})
    assert pairs(report) == {("CCHC301", AP)}
    assert "38 days overdue (due 2021-01-31" in only(report, "CCHC301", AP).message.en
    assert "quá hạn 38 ngày" in only(report, "CCHC301", AP).message.vi
    assert (_row(report, "agency_plan").state, _row(report, "agency_plan").done_on) == ("missed", None)
    assert report.summary.duties_missed == 1


def test_dated_duty_due_soon_and_open(tmp_path: Path) -> None:
    # On 2021-01-21 the agency's plan (due 2021-01-31) has 10 days left; the inspection plan (due
    # 2021-03-31) has 69, beyond the 30-day horizon.
    report = check(tmp_path, DEPT, "Q1", D("2021-01-21"),
                   {"duties/agency_plan": DELETE, "duties/inspection": {"units": 10, "units_inspected": 1}})
    assert pairs(report) == {("CCHC303", AP)}
    assert "due on 2021-01-31 (in 10 days)" in only(report, "CCHC303", AP).message.en
    assert _row(report, "agency_plan").state == "due_soon"
    assert _row(report, "inspection").state == "in_progress"  # open plan, coverage in progress: the worse


def test_dated_duty_after_as_of_is_not_done(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-01-21"), {"duties/agency_plan": {"issued_on": D("2021-01-22")}})
    assert pairs(report) == {("CCHC308", AP), ("CCHC303", AP)}
    assert _row(report, "agency_plan").done_on is None


# -- recurring duties ------------------------------------------------------------------------------


def test_recurring_duty_with_only_late_entries_is_late_not_missed(tmp_path: Path) -> None:
    # Due the 15th of each quarter's last month: Q1's report on 20 March and Q2's on 16 June are
    # each late, none is missing; as of 2021-06-16 both quarters are judged, none on time.
    report = check(tmp_path, DISTRICT, "H1", D("2021-06-16"),
                   {"duties/quarterly_inspection_reports": [D("2021-03-20"), D("2021-06-16")]})
    assert pairs(report) == {("CCHC305", QIR)}
    message = only(report, "CCHC305", QIR).message
    assert "after the due day (day 15 of the last month) in Q1 2021, Q2 2021" in message.en
    assert "(ngày 15 tháng cuối kỳ) trong Quý I/2021, Quý II/2021" in message.vi
    row = _row(report, "quarterly_inspection_reports")
    assert row.state == "late"
    ((done, needed, _what),) = row.progress
    assert (done, needed) == (0, 2)


def test_recurring_duty_progress_counts_periods_on_time(tmp_path: Path) -> None:
    # Monthly publication on each month's last day: January and March on time, February missing;
    # as of 2021-04-01, 3 months are judged.
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"),
                   {"duties/monthly_results_publication": [D("2021-01-31"), D("2021-03-31")]})
    assert pairs(report) == {("CCHC304", "duty:monthly_results_publication")}
    assert "none in 2021-02" in only(report, "CCHC304", "duty:monthly_results_publication").message.en
    row = _row(report, "monthly_results_publication")
    assert row.state == "missed"
    ((done, needed, what),) = row.progress
    assert (done, needed, what.en) == (2, 3, "months")


def test_recurring_duty_before_its_first_due_day_is_open(tmp_path: Path) -> None:
    # The yearly evaluation is judged after 31 December: all year it is not yet due.
    report = check(tmp_path, DISTRICT, "FY", D("2021-12-10"), {"duties/yearly_evaluations": []})
    assert pairs(report) == set()
    row = _row(report, "yearly_evaluations")
    assert (row.state, row.progress) == ("open", ())


# -- yearly counts and coverage --------------------------------------------------------------------


def test_inspection_above_units_is_missed_at_any_period(tmp_path: Path) -> None:
    # 11 of 10 cannot be: CCHC006, and the duty is not shown as progress or as met.
    for period, as_of in (("H1", "2021-06-10"), ("FY", "2021-12-10")):
        report = check(tmp_path, DEPT, period, D(as_of),
                       {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 11}})
        assert pairs(report) == {("CCHC006", INS)}
        row = _row(report, "inspection")
        assert (row.state, row.progress) == ("missed", ())


def test_inspection_short_at_year_end_says_the_plan_asks_for_100_percent(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"),
                   {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 9}})
    finding = only(report, "CCHC306", INS)
    assert "9 of 10 units inspected (the plan asks for 100%)" in finding.message.en
    assert "9/10 cơ quan, đơn vị được kiểm tra (Kế hoạch: 100%)" in finding.message.vi
    row = _row(report, "inspection")
    assert row.state == "missed"
    ((done, needed, _what),) = row.progress
    assert (done, needed) == (9, 10)


def test_inspection_short_before_year_end_is_progress(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "9M", D("2021-09-10"),
                   {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 9}})
    assert pairs(report) == set()
    assert _row(report, "inspection").state == "in_progress"


@pytest.mark.parametrize("given", [{"units": 10}, {"units_inspected": 10}])
def test_only_one_of_the_inspection_counts_at_year_end(tmp_path: Path, given: dict[str, int]) -> None:
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/inspection": {"plan_issued_on": D("2021-02-01"), **given}})
    assert pairs(report) == {("CCHC306", INS)}
    message = only(report, "CCHC306", INS).message
    assert "units and units_inspected are needed to judge 100% of units inspected" in message.en
    assert "thiếu units/units_inspected để đánh giá 100% cơ quan, đơn vị được kiểm tra" in message.vi
    row = _row(report, "inspection")
    assert (row.state, row.progress) == ("missed", ())


def test_inspection_of_no_units_is_met(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"),
                   {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 0, "units_inspected": 0}})
    assert pairs(report) == set()
    assert _row(report, "inspection").state == "ok"


def test_late_plan_and_missed_coverage_show_the_worse(tmp_path: Path) -> None:
    # The inspection plan issued 2021-04-01, 1 day after 2021-03-31, and 9 of 10 units at FY:
    # late and missed, the row shows missed.
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"),
                   {"duties/inspection": {"plan_issued_on": D("2021-04-01"), "units": 10, "units_inspected": 9}})
    assert pairs(report) == {("CCHC302", INS), ("CCHC306", INS)}
    assert "1 day late" in only(report, "CCHC302", INS).message.en
    assert _row(report, "inspection").state == "missed"


def test_dialogues_count_at_year_end_and_before(tmp_path: Path) -> None:
    fy = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/dialogues": [D("2021-03-02")]})
    message = only(fy, "CCHC306", DIA).message
    assert "1 of 2 dialogue conferences this year (the plan asks for at least 2)" in message.en
    assert "1/2 hội nghị đối thoại trong năm (Kế hoạch: ít nhất 2)" in message.vi
    assert _row(fy, "dialogues").state == "missed"
    h1 = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"duties/dialogues": [D("2021-03-02")]})
    assert pairs(h1) == set()
    row = _row(h1, "dialogues")
    assert row.state == "in_progress"
    ((done, needed, _what),) = row.progress
    assert (done, needed) == (1, 2)


# -- the publication window ------------------------------------------------------------------------


def test_publication_window_days(tmp_path: Path) -> None:
    # Approved 2021-03-01: published 2021-03-06 (5 days) is on time, 2021-03-08 (7 days) is late.
    on_time = check(tmp_path, DEPT, "Q1", D("2021-03-10"),
                    {"duties/tthc_publication": [{"approved_on": D("2021-03-01"), "published_on": D("2021-03-06")}]})
    assert pairs(on_time) == set()
    late = check(tmp_path, DEPT, "Q1", D("2021-03-10"),
                 {"duties/tthc_publication": [{"approved_on": D("2021-03-01"), "published_on": D("2021-03-08")}]})
    assert "published 7 days later (the plan allows 5)" in only(late, "CCHC307", TTHC).message.en
    assert _row(late, "tthc_publication").state == "late"


def test_unpublished_procedure_counts_days_since_approval(tmp_path: Path) -> None:
    # Approved 2021-03-01, still unpublished on 2021-03-10: 9 days.
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"duties/tthc_publication": [{"approved_on": D("2021-03-01")}]})
    assert "still unpublished after 9 days (the plan allows 5)" in only(report, "CCHC307", TTHC).message.en
    assert _row(report, "tthc_publication").state == "missed"
    within = check(tmp_path, DEPT, "Q1", D("2021-03-06"), {"duties/tthc_publication": [{"approved_on": D("2021-03-01")}]})
    assert pairs(within) == set()


def test_published_before_approval(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"),
                   {"duties/tthc_publication": [{"approved_on": D("2021-03-05"), "published_on": D("2021-03-01")}]})
    assert pairs(report) == {("CCHC011", TTHC)}
    assert _row(report, "tthc_publication").state == "ok"


def test_recurring_duty_with_no_entries_once_judged_is_missed(tmp_path: Path) -> None:
    # As of 2021-03-16, Q1's report (due 2021-03-15) is judged and there is none.
    report = check(tmp_path, DISTRICT, "Q1", D("2021-03-16"), {"duties/quarterly_inspection_reports": []})
    assert pairs(report) == {("CCHC304", QIR)}
    row = _row(report, "quarterly_inspection_reports")
    assert row.state == "missed"
    ((done, needed, what),) = row.progress
    assert (done, needed, what.en, what.vi) == (0, 1, "quarters", "quý")


def test_monthly_publication_late_says_the_end_of_the_period(tmp_path: Path) -> None:
    # January's results are due on 31 January. Two dates in February: the first counts for February
    # itself (a date early in a period is that period's), the second is January's, late. As of
    # 16 February only January is judged.
    report = check(tmp_path, DEPT, "Q1", D("2021-02-16"),
                   {"duties/monthly_results_publication": [D("2021-02-01"), D("2021-02-15")]})
    assert pairs(report) == {("CCHC305", "duty:monthly_results_publication")}
    message = only(report, "CCHC305", "duty:monthly_results_publication").message
    assert "after the due day (the end of the period) in 2021-01" in message.en
    assert "thực hiện sau hạn (cuối kỳ) trong tháng 1/2021" in message.vi
    assert _row(report, "monthly_results_publication").state == "late"
    # One date only, on 1 February: it is February's, and January has none.
    alone = check(tmp_path, DEPT, "Q1", D("2021-02-16"), {"duties/monthly_results_publication": [D("2021-02-01")]})
    assert pairs(alone) == {("CCHC304", "duty:monthly_results_publication")}


def test_recurring_date_after_as_of_is_reported_where_it_is(tmp_path: Path) -> None:
    report = check(tmp_path, DISTRICT, "Q1", D("2021-03-16"),
                   {"duties/quarterly_inspection_reports": [D("2021-03-10"), D("2021-03-20")]})
    finding = only(report, "CCHC308", QIR)
    assert "2021-03-20 is after the as-of date 2021-03-16" in finding.message.en
    assert finding.location is not None and finding.location.line is not None
    line = Path(report.path).read_text(encoding="utf-8").splitlines()[finding.location.line - 1]
    assert "2021-03-20" in line
    assert _row(report, "quarterly_inspection_reports").state == "ok"


def test_unmeasurable_duty_row(tmp_path: Path) -> None:
    # "UBND cấp xã triển khai thực hiện đúng, đủ các quy định về quy chế dân chủ ở cơ sở": no date, count or share.
    report = check(tmp_path, DISTRICT, "H1", D("2021-06-10"))
    row = _row(report, "commune_democracy")
    assert (row.state, row.due, row.progress) == ("not_measurable", None, ())


def test_a_dialogue_of_the_previous_year_does_not_count(tmp_path: Path) -> None:
    # Dialogues "ít nhất 2 lần/năm": one in 2021 and one in December 2020 make one of the plan's year.
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/dialogues": [D("2020-12-20"), D("2021-03-02")]})
    assert ("CCHC306", DIA) in pairs(report)
    ((done, needed, _what),) = _row(report, "dialogues").progress
    assert (done, needed) == (1, 2)


def test_publication_findings_point_at_the_procedure(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"),
                   {"duties/tthc_publication": [{"approved_on": D("2021-03-01"), "published_on": D("2021-03-08")}]})
    finding = only(report, "CCHC307", TTHC)
    assert finding.location is not None and finding.location.line is not None
    line = Path(report.path).read_text(encoding="utf-8").splitlines()[finding.location.line - 1]
    assert "2021-03-08" in line


def test_yearly_evaluation_progress_counts_years(tmp_path: Path) -> None:
    # Judged only once 2021 has ended: a file as of 2022-01-01 (itself outside the plan's time,
    # CCHC007) counts the year's evaluation, in years.
    report = check(tmp_path, DISTRICT, "FY", D("2022-01-01"))
    ((done, needed, what),) = _row(report, "yearly_evaluations").progress
    assert (done, needed, what.en, what.vi) == (1, 1, "years", "năm")


def test_late_quarterly_reports_name_the_third_and_fourth_quarters(tmp_path: Path) -> None:
    # Due the 15th of each quarter's last month ("chậm nhất ngày 15 của tháng cuối quý"): as of
    # 2021-12-16 all four quarters are judged; Q1 and Q2 on time (10/03, 10/06), Q3's report on
    # 20/09 and Q4's on 16/12 are late, and the message names them the plan's way, "Quý III", "Quý IV".
    report = check(tmp_path, DISTRICT, "FY", D("2021-12-16"), {
        "duties/quarterly_inspection_reports": [D("2021-03-10"), D("2021-06-10"), D("2021-09-20"), D("2021-12-16")]})
    message = only(report, "CCHC305", QIR).message
    assert "Quý III/2021, Quý IV/2021" in message.vi and "Q3 2021, Q4 2021" in message.en


def test_a_quarterly_report_on_the_quarters_first_day_counts_for_that_quarter(tmp_path: Path) -> None:
    # Q3 runs 01/07–30/09 (due 15/09): a report dated 01/07/2021 is Q3's, on time; with Q1 (10/03),
    # Q2 (10/06) and Q4 (10/12) also on time, nothing is missed or late as of 16/12/2021.
    report = check(tmp_path, DISTRICT, "FY", D("2021-12-16"), {
        "duties/quarterly_inspection_reports": [D("2021-03-10"), D("2021-06-10"), D("2021-07-01"), D("2021-12-10")]})
    assert QIR not in {s for _r, s in pairs(report)}
    assert _row(report, "quarterly_inspection_reports").state not in ("missed", "late")


def test_a_monthly_duty_due_on_a_day_of_the_month_is_judged_by_that_day(tmp_path: Path) -> None:
    # A later plan may set a monthly duty "chậm nhất ngày 20 hằng tháng" (day_of_last_month, day 20;
    # the 2021 plan has it only for a quarterly duty): January's publication on 25/01/2021 is then
    # late (5 days after 20/01), where the bundled rule (the month's last day) would find it on time.
    from conftest import copy_data

    from cchc_cli import api

    plan = copy_data(tmp_path / "data")
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - id: monthly_results_publication")
    old = "      due: last_day_of_month\n"
    at = text.index(old, start)
    plan.write_text(text[:at] + "      due: day_of_last_month\n      day: 20\n" + text[at + len(old):], encoding="utf-8")
    from test_rules import apply, clean, write

    doc = apply(clean(DEPT, "Q1", D("2021-02-10")), {"duties/monthly_results_publication": [D("2021-01-25")]})
    report = api.check(write(tmp_path, doc), plan_path=plan)
    assert ("CCHC305", "duty:monthly_results_publication") in pairs(report)


def test_a_late_report_is_looked_for_only_up_to_the_next_periods_due_day(tmp_path: Path) -> None:
    # Quarterly, due the 15th of the quarter's last month. Q1 has no report; 01/04 is Q2's (on
    # time), 10/07 and 20/07 are both in Q3. Q1's late report could only be one sent after 15/03
    # and by Q2's due day (15/06): there is none, so Q1 is missed (CCHC304), not late; the spare
    # 20/07 is too late for Q1. As of 16/09/2021, Q1–Q3 are judged.
    report = check(tmp_path, DISTRICT, "9M", D("2021-09-16"), {
        "duties/quarterly_inspection_reports": [D("2021-04-01"), D("2021-07-10"), D("2021-07-20")]})
    assert {r for r, s in pairs(report) if s == QIR} == {"CCHC304"}
    assert "Quý I/2021" in only(report, "CCHC304", QIR).message.vi


def test_a_report_with_no_set_day_sent_the_next_month_is_on_time(tmp_path: Path) -> None:
    # Monthly task reports have no day in the plan ("unspecified"): as of 01/04/2021 January–March
    # are judged. 03/02 is February's; 20/02, spare, is January's report sent the next month, which
    # with no due day is not late: 2 of 3 months done, March missing (CCHC304), nothing late.
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"),
                   {"duties/monthly_task_reports": [D("2021-02-03"), D("2021-02-20")]})
    subject = "duty:monthly_task_reports"
    assert {r for r, s in pairs(report) if s == subject} == {"CCHC304"}
    assert "tháng 3/2021" in only(report, "CCHC304", subject).message.vi
    ((done, needed, _what),) = _row(report, "monthly_task_reports").progress
    assert (done, needed) == (2, 3)


def test_a_duty_that_does_not_apply_is_placed_at_its_entry(tmp_path: Path) -> None:
    # Quarterly inspection reports are the districts' (applies_to_kinds: [district]); a department
    # that lists them gets CCHC010 at that entry's line, not at the top of the file.
    from test_rules import apply, clean, write

    from cchc_cli import api

    path = write(tmp_path, apply(clean(DEPT, "H1", D("2021-06-10")),
                                 {"duties/quarterly_inspection_reports": [D("2021-03-10")]}))
    lines = path.read_text(encoding="utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, 1) if text.strip().startswith("quarterly_inspection_reports:")]
    finding = only(api.check(path), "CCHC010", QIR)
    assert finding.location is not None and finding.location.line == line


def test_the_third_quarters_late_report_is_looked_for_only_up_to_the_fourths_due_day(tmp_path: Path) -> None:
    # Q3 has no report; 01/10 is Q4's (on time), 20/12 a spare one after Q4's due day (15/12).
    # Q3's late window ends at Q4's due day, so 20/12 is not Q3's late report: Q3 is missed
    # (CCHC304). Only the last quarter's window is open-ended. As of 21/12/2021 all four are judged.
    report = check(tmp_path, DISTRICT, "FY", D("2021-12-21"), {
        "duties/quarterly_inspection_reports": [D("2021-03-10"), D("2021-06-10"), D("2021-10-01"), D("2021-12-20")]})
    assert {r for r, s in pairs(report) if s == QIR} == {"CCHC304"}
    message = only(report, "CCHC304", QIR).message
    assert "Quý III/2021" in message.vi and "Quý IV" not in message.vi


def test_a_late_dated_duty_is_placed_at_its_date(tmp_path: Path) -> None:
    # The agency's plan, due 31/01/2021 ("ban hành tháng 01/2021"), issued 10/02 (10 days late):
    # CCHC302 points at the issued_on line of duties.agency_plan (line 8 of this file).
    from cchc_cli import api

    path = tmp_path / "late.yaml"
    path.write_text(
        "schema_version: 1\nagency: so-tu-phap\nperiod: Q1\nas_of: 2021-03-10\n"
        "duties:\n  agency_plan:\n    document: KH 1/2021\n    issued_on: 2021-02-10\n", encoding="utf-8")
    finding = only(api.check(path), "CCHC302", AP)
    assert finding.location is not None and finding.location.line == 8


_PLACED = """\
schema_version: 1
agency: so-tu-phap
period: FY
as_of: 2021-12-10
duties:
  communication:
    forms: [conference]
  inspection:
    plan_issued_on: 2021-01-10
    units: 10
    units_inspected: {inspected}
  tthc_publication:
    - procedure: Cấp phiếu lý lịch tư pháp
      approved_on: 2021-12-11
    - approved_on: 2021-01-04
      published_on: 2021-12-11
"""


@pytest.mark.parametrize("inspected, rule", [(12, "CCHC006"), (8, "CCHC306")])
def test_duty_findings_are_placed_at_the_value_they_are_about(tmp_path: Path, inspected: int, rule: str) -> None:
    # Line by line in the file above: 1 form of the plan's 5 (CCHC306) at "forms" (line 7);
    # units_inspected (line 11) more than units (CCHC006) or, at the year's report, short of the
    # plan's 100% (CCHC306); the dates after the as-of day 10/12 (CCHC308) at each date: the first
    # procedure's approved_on (line 14, not the item's first line), the second's published_on (line 16).
    from cchc_cli import api

    path = tmp_path / "placed.yaml"
    path.write_text(_PLACED.format(inspected=inspected), encoding="utf-8")
    report = api.check(path)
    lines = {(f.rule, f.subject): sorted(f2.location.line for f2 in report.findings
                                         if (f2.rule, f2.subject) == (f.rule, f.subject) and f2.location)
             for f in report.findings}
    assert lines[("CCHC306", "duty:communication")] == [7]
    assert lines[(rule, INS)] == [11]
    assert lines[("CCHC308", TTHC)] == [14, 16]



def test_publication_findings_are_placed_at_the_date_they_are_about(tmp_path: Path) -> None:
    # Procedures are published "ngay sau 05 ngày" of approval. Line 8: published 01/03, before its
    # approval on 10/03 (CCHC011). Line 10: published 20/04, 19 days after approval on 01/04
    # (CCHC307). Line 12: approved 01/05, unpublished 40 days later on 10/06 (CCHC307, at approved_on,
    # not at the item's first line).
    from cchc_cli import api

    path = tmp_path / "tthc.yaml"
    path.write_text(
        "schema_version: 1\nagency: so-tu-phap\nperiod: H1\nas_of: 2021-06-10\nduties:\n  tthc_publication:\n"
        "    - approved_on: 2021-03-10\n      published_on: 2021-03-01\n"
        "    - approved_on: 2021-04-01\n      published_on: 2021-04-20\n"
        "    - procedure: Cấp phiếu lý lịch tư pháp\n      approved_on: 2021-05-01\n", encoding="utf-8")
    placed = sorted((f.rule, f.location.line) for f in api.check(path).findings if f.subject == TTHC and f.location)
    assert placed == [("CCHC011", 8), ("CCHC307", 10), ("CCHC307", 12)]
