"""Appendix tasks: behaviour that mutation testing found no test pinned (issue 16).

Through :func:`cchc_cli.api.check` only. Ids and deadlines are the appendix's (Quyết định
5743/QĐ-UBND): Sở Tư pháp leads II.1 and II.2 ("Quý I/2021", due 2021-03-31) and II.3, II.4
("Quý II/2021", due 2021-06-30); Sở Nội vụ leads IV.2b ("Quý I/2021"); Văn phòng UBND leads the
monthly III.4.1 ("Hằng tháng"). Day counts are worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules import DELETE, DEPT, SNV, VPUB, D, check, only, pairs

NOT_DONE = {"status": "in_progress"}


def _row(report, task_id: str):  # type: ignore[no-untyped-def]
    (row,) = [r for r in report.tasks if r.id == task_id]
    return row


# -- how a key is written ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["Ii.1", "iI.1", " II.1 ", "ii.1 "])
def test_task_key_in_any_case_or_spaced_is_the_task(tmp_path: Path, key: str) -> None:
    # Written this way and not done, II.1 (due 2021-03-31) is one day overdue on 2021-04-01: the
    # key is read as II.1, not reported as an unknown task, and II.1 is not "not reported".
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": DELETE, f"tasks/{key}": NOT_DONE})
    assert pairs(report) == {("CCHC201", "task:II.1")}
    row = _row(report, "II.1")
    assert (row.state, row.status, row.days_late) == ("overdue", "in_progress", 1)


@pytest.mark.parametrize("key", ["IV.2B", "iv.2b", " IV.2b"])
def test_task_key_with_a_letter_suffix_in_any_case(tmp_path: Path, key: str) -> None:
    report = check(tmp_path, SNV, "Q1", D("2021-03-10"),
                   {"tasks/IV.2b": DELETE, f"tasks/{key}": {"status": "done", "completed_on": D("2021-03-01")}})
    assert pairs(report) == set()
    assert (_row(report, "IV.2b").state, _row(report, "IV.2b").status) == ("done", "done")


@pytest.mark.parametrize("second", ["ii.1", " II.1"])
def test_the_first_spelling_of_a_duplicated_task_is_judged(tmp_path: Path, second: str) -> None:
    # II.1 done on its due day is on time; the second entry (not done, which would be overdue on
    # 2021-04-01) is reported as a duplicate and not judged.
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {
        "tasks/II.1": {"status": "done", "completed_on": D("2021-03-31")},
        f"tasks/{second}": NOT_DONE,
    })
    assert pairs(report) == {("CCHC012", "task:II.1")}
    finding = only(report, "CCHC012", "task:II.1")
    assert "'II.1'" in finding.message.en and repr(second) in finding.message.en
    row = _row(report, "II.1")
    assert (row.state, row.status, row.completed_on) == ("done", "done", D("2021-03-31"))


def test_the_first_spelling_wins_the_other_way_round(tmp_path: Path) -> None:
    # The same two entries, the overdue one first: now the overdue one is judged.
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {
        "tasks/II.1": DELETE,
        "tasks/ii.1": NOT_DONE,
        "tasks/II.1 ": {"status": "done", "completed_on": D("2021-03-31")},
    })
    assert pairs(report) == {("CCHC012", "task:II.1"), ("CCHC201", "task:II.1")}
    assert _row(report, "II.1").status == "in_progress"


# -- rows ------------------------------------------------------------------------------------------


def test_an_unreported_task_row_has_no_status(tmp_path: Path) -> None:
    # Not in the file: judged as not started (overdue by 1 day on 2021-04-01), but the row does not
    # pretend the file said "not_started".
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": DELETE})
    assert pairs(report) == {("CCHC207", "task:II.1"), ("CCHC201", "task:II.1")}
    row = _row(report, "II.1")
    assert (row.status, row.state, row.days_late, row.due) == (None, "overdue", 1, D("2021-03-31"))
    assert _row(report, "II.2").status == "done"


def test_not_started_reported_keeps_its_status(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": {"status": "not_started"}})
    assert _row(report, "II.1").status == "not_started"


def test_overdue_days_are_counted_from_the_due_day(tmp_path: Path) -> None:
    # Due 2021-03-31; on 2021-06-10: 30 (April) + 31 (May) + 10 = 71 days.
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"tasks/II.1": NOT_DONE})
    assert _row(report, "II.1").days_late == 71
    assert "71 days overdue" in only(report, "CCHC201", "task:II.1").message.en
    assert "quá hạn 71 ngày" in only(report, "CCHC201", "task:II.1").message.vi


@pytest.mark.parametrize("completed, late", [("2021-04-01", 1), ("2021-05-10", 40), ("2021-06-10", 71)])
def test_done_late_counts_its_days(tmp_path: Path, completed: str, late: int) -> None:
    # Due 2021-03-31: 1 April is 1 day late; 10 May is 30 + 10 = 40; 10 June is 30 + 31 + 10 = 71.
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"tasks/II.1": {"status": "done", "completed_on": D(completed)}})
    finding = only(report, "CCHC202", "task:II.1")
    row = _row(report, "II.1")
    assert (row.state, row.days_late, row.due) == ("done_late", late, D("2021-03-31"))
    unit = "day" if late == 1 else "days"
    assert f", {late} {unit} after its due date 2021-03-31" in finding.message.en
    assert f"muộn {late} ngày so với hạn 31/03/2021" in finding.message.vi


def test_done_on_time_row(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"tasks/II.1": {"status": "done", "completed_on": D("2021-03-31")}})
    row = _row(report, "II.1")
    assert (row.state, row.days_late, row.due, row.completed_on) == ("done", None, D("2021-03-31"), D("2021-03-31"))


def test_completed_after_as_of_is_judged_not_done(tmp_path: Path) -> None:
    # Done "on 2021-04-05" in a file as of 2021-04-01: as of that day, II.1 (due 2021-03-31) was
    # not done, so it is 1 day overdue as well as dated after as_of.
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": {"status": "done", "completed_on": D("2021-04-05")}})
    assert pairs(report) == {("CCHC205", "task:II.1"), ("CCHC201", "task:II.1")}
    assert _row(report, "II.1").state == "overdue"


def test_due_soon_row_and_days_left(tmp_path: Path) -> None:
    # II.3 is due 2021-06-30; on 2021-06-10, 20 days are left.
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"tasks/II.3": NOT_DONE})
    assert _row(report, "II.3").state == "due_soon"
    assert "(in 20 days)" in only(report, "CCHC203", "task:II.3").message.en


def test_due_today(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-03-31"), {"tasks/II.1": NOT_DONE})
    assert "(today)" in only(report, "CCHC203", "task:II.1").message.en
    assert "(hôm nay)" in only(report, "CCHC203", "task:II.1").message.vi


def test_open_row(tmp_path: Path) -> None:
    # II.3 (due 2021-06-30) on 2021-03-10: 112 days left, beyond the 30-day horizon.
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"tasks/II.3": NOT_DONE})
    assert "task:II.3" not in {s for _, s in pairs(report)}
    row = _row(report, "II.3")
    assert (row.state, row.due, row.days_late) == ("open", D("2021-06-30"), None)


def test_done_without_date_is_an_invalid_row(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": {"status": "done"}})
    assert _row(report, "II.1").state == "invalid"


# -- recurring (III.4.1, "Hằng tháng") -------------------------------------------------------------


def test_occurrence_on_the_as_of_date_counts(tmp_path: Path) -> None:
    # As of 2021-04-30, January to March have ended; the April occurrence dated on as_of itself
    # is within the file's time, not after it (no CCHC205).
    occurrences = [D("2021-01-29"), D("2021-02-26"), D("2021-03-31"), D("2021-04-30")]
    report = check(tmp_path, VPUB, "H1", D("2021-04-30"),
                   {"tasks/III.4.1": {"status": "in_progress", "occurrences": occurrences}})
    assert pairs(report) == set()
    assert _row(report, "III.4.1").state == "recurring"


def test_occurrence_after_as_of_is_reported_and_not_counted(tmp_path: Path) -> None:
    occurrences = [D("2021-01-29"), D("2021-02-26"), D("2021-04-02")]
    report = check(tmp_path, VPUB, "H1", D("2021-04-01"),
                   {"tasks/III.4.1": {"status": "in_progress", "occurrences": occurrences}})
    assert pairs(report) == {("CCHC205", "task:III.4.1"), ("CCHC208", "task:III.4.1")}
    assert "2021-04-02 after the as-of date 2021-04-01" in only(report, "CCHC205", "task:III.4.1").message.en
    assert "2021-03" in only(report, "CCHC208", "task:III.4.1").message.en


def test_missed_recurring_task_row_is_overdue_with_no_due_date(tmp_path: Path) -> None:
    report = check(tmp_path, VPUB, "H1", D("2021-04-01"),
                   {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-03-31")]}})
    finding = only(report, "CCHC208", "task:III.4.1")
    assert "has no occurrence in: 2021-02" in finding.message.en
    assert "tháng 2/2021" in finding.message.vi
    row = _row(report, "III.4.1")
    assert (row.state, row.due, row.days_late) == ("overdue", None, None)
    assert report.summary.tasks_overdue == 1


def test_recurring_task_done_without_date_is_still_judged_on_occurrences(tmp_path: Path) -> None:
    occurrences = [D("2021-01-29"), D("2021-02-26"), D("2021-03-31")]
    report = check(tmp_path, VPUB, "H1", D("2021-04-01"), {"tasks/III.4.1": {"status": "done", "occurrences": occurrences}})
    assert pairs(report) == {("CCHC204", "task:III.4.1")}
    assert _row(report, "III.4.1").state == "recurring"


# -- event tasks (I.9, "Ngay sau khi … được công bố") ------------------------------------------------


def test_event_task_rows(tmp_path: Path) -> None:
    waiting = check(tmp_path, SNV, "H1", D("2021-06-10"), {"tasks/I.9": NOT_DONE})
    assert (_row(waiting, "I.9").state, _row(waiting, "I.9").due) == ("waiting_event", None)
    # Published 2021-05-03, plus the 30 days of reading R01: due 2021-06-02; 8 days overdue on 06-10.
    late = check(tmp_path, SNV, "H1", D("2021-06-10"),
                 {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": NOT_DONE})
    row = _row(late, "I.9")
    assert (row.state, row.due, row.days_late) == ("overdue", D("2021-06-02"), 8)
    assert row.rests_on is not None
    assert "published 2021-05-03, plus 30 days" in only(late, "CCHC209", "task:I.9").message.en


def test_event_task_done_before_its_event_is_done_and_rests_on_nothing(tmp_path: Path) -> None:
    report = check(tmp_path, SNV, "H1", D("2021-06-10"), {"tasks/I.9": {"status": "done", "completed_on": D("2021-05-01")}})
    row = _row(report, "I.9")
    assert (row.state, row.due, row.rests_on) == ("done", None, None)
    waiting = _row(check(tmp_path, SNV, "H1", D("2021-06-10"), {"tasks/I.9": NOT_DONE}), "I.9")
    assert waiting.rests_on is None  # no due date yet, so nothing rests on the reading


@pytest.mark.parametrize("entry, state", [({"status": "in_progress"}, "no_fixed_date"),
                                          ({"status": "done", "completed_on": D("2021-05-01")}, "done")])
def test_guidance_task_row_state(tmp_path: Path, entry: dict[str, object], state: str) -> None:
    # I.6, "Theo hướng dẫn của Chính phủ, Bộ Nội vụ": no date of its own.
    report = check(tmp_path, SNV, "H1", D("2021-06-10"), {"tasks/I.6": entry})
    assert "task:I.6" not in {s for _, s in pairs(report)}
    row = _row(report, "I.6")
    assert (row.state, row.due, row.days_late, row.rests_on) == (state, None, None, None)


def test_dated_task_rests_on_nothing_but_the_erratum_task_does(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": NOT_DONE})
    assert _row(report, "II.1").rests_on is None
    from test_rules import STTTT

    erratum = check(tmp_path, STTTT, "H1", D("2021-06-10"), {"tasks/VII.2": NOT_DONE})
    row = _row(erratum, "VII.2")
    # "Quý I/2020" read as Q1/2021: due 2021-03-31, 30 + 31 + 10 = 71 days overdue on 2021-06-10.
    assert (row.state, row.due, row.days_late) == ("overdue", D("2021-03-31"), 71)
    assert row.rests_on is not None
    assert "the due date rests on" in only(erratum, "CCHC209", "task:VII.2").message.en


def test_unknown_task_falls_back_to_the_whole_appendix(tmp_path: Path) -> None:
    # Sở Tư pháp leads II.1–II.4, none close to "I.9x"; the appendix has I.9, which is suggested.
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/I.9x": NOT_DONE})
    assert only(report, "CCHC005", "task:I.9x").message.en == "there is no task 'I.9x' in the appendix; did you mean I.9?"


def test_occurrences_after_as_of_are_all_named(tmp_path: Path) -> None:
    occurrences = [D("2021-01-29"), D("2021-02-26"), D("2021-03-31"), D("2021-04-02"), D("2021-04-05")]
    report = check(tmp_path, VPUB, "H1", D("2021-04-01"),
                   {"tasks/III.4.1": {"status": "in_progress", "occurrences": occurrences}})
    message = only(report, "CCHC205", "task:III.4.1").message
    assert message.en.startswith("2021-04-02, 2021-04-05 after the as-of date 2021-04-01")
    assert "02/04/2021, 05/04/2021 sau ngày chốt số liệu 01/04/2021" in message.vi


def test_every_listed_unknown_task_gets_its_suggestion(tmp_path: Path) -> None:
    """Up to MAX_PROBLEMS (100) unknown tasks each get a suggestion: the 100th too."""
    from cchc_cli.validation import MAX_PROBLEMS

    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {f"tasks/II.1-{n}": NOT_DONE for n in range(MAX_PROBLEMS)})
    messages = [f.message.en for f in report.findings if f.rule == "CCHC005"]
    assert len(messages) == MAX_PROBLEMS
    assert all("; did you mean II." in m for m in messages), [m for m in messages if "did you" not in m]


def _line_of(report, finding) -> str:  # type: ignore[no-untyped-def]
    assert finding.location is not None and finding.location.line is not None
    return Path(report.path).read_text(encoding="utf-8").splitlines()[finding.location.line - 1]


def test_findings_point_at_the_task_or_at_tasks(tmp_path: Path) -> None:
    # A reported task's finding points at its own entry; an unreported one's at "tasks:", where it
    # is missing.
    reported = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": NOT_DONE})
    assert _line_of(reported, only(reported, "CCHC201", "task:II.1")).strip().startswith("II.1:")
    missing = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": DELETE})
    assert _line_of(missing, only(missing, "CCHC201", "task:II.1")).strip() == "tasks:"
    assert _line_of(missing, only(missing, "CCHC207", "task:II.1")).strip() == "tasks:"
