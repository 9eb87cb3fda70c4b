"""Checks of the file against the plan: behaviour that mutation testing found no test pinned (issue 16).

Through :func:`cchc_cli.api.check` only.
"""

from __future__ import annotations

from pathlib import Path

from test_rules import DEPT, D, check


def test_every_listed_unknown_event_gets_its_suggestion(tmp_path: Path) -> None:
    """Up to MAX_PROBLEMS (100) unknown events each get a suggestion: the 100th too."""
    from cchc_cli.validation import MAX_PROBLEMS

    events = {f"events/pci_published_{n}": D("2021-05-05") for n in range(MAX_PROBLEMS)}
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), events)
    messages = [f.message.en for f in report.findings if f.rule == "CCHC009"]
    assert len(messages) == MAX_PROBLEMS
    assert all(m.endswith("; did you mean 'pci_published'?") for m in messages), [m for m in messages if "did you" not in m]


def test_submitted_on_the_first_day_of_the_plan_is_inside_it(tmp_path: Path) -> None:
    # The plan's data period starts on 2020-12-10 (data/plan_2021.yaml, data_start): that day is in.
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"submitted_on": D("2020-12-10")})
    assert [f.rule for f in report.findings if f.rule == "CCHC007"] == []


def test_as_of_on_the_last_day_of_the_year_is_outside_an_h1_period(tmp_path: Path) -> None:
    # H1 ends 2021-06-30; 2021-12-31 is still in the plan's year, so CCHC013 (not CCHC007) says so.
    from test_rules import pairs

    report = check(tmp_path, DEPT, "H1", D("2021-12-31"))
    assert ("CCHC013", "report:H1") in pairs(report)
    assert "input:as_of" not in {s for r, s in pairs(report) if r == "CCHC007"}


def test_an_unknown_event_with_no_close_one_lists_the_events(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"events/budget_approved": D("2021-05-05")})
    (message,) = [f.message.en for f in report.findings if f.rule == "CCHC009"]
    listed = message.split("; the events are ")[1].split(", ")
    assert "pci_published" in listed and len(listed) > 1


# -- the period chosen on the command line (engine) ---------------------------------------------


def _written(tmp_path: Path, period: str, as_of: str, submitted_on: str) -> Path:
    from test_rules import apply, clean, write

    doc = apply(clean(DEPT, "H1", D("2021-06-10")),
                {"period": period, "as_of": D(as_of), "submitted_on": D(submitted_on)})
    return write(tmp_path, doc)


def test_a_period_option_naming_the_files_period_by_an_alias_keeps_its_dates(tmp_path: Path) -> None:
    # "6 tháng" is an alias of H1 (data/plan_2021.yaml): the same report, so the file's as_of and
    # submitted_on stand; only a different period starts from its own cut-off (10/06 for H1).
    from cchc_cli import api

    report = api.check(_written(tmp_path, "H1", "2021-06-01", "2021-06-12"), period="6 tháng")
    assert (report.period, report.as_of, report.submitted_on) == ("H1", D("2021-06-01"), D("2021-06-12"))


def test_a_period_option_over_a_file_of_an_unknown_period_drops_the_files_dates(tmp_path: Path) -> None:
    # The file's "Q7" is no period of the plan, so its as_of cannot be said to belong to H1: H1's
    # own cut-off (10/06/2021: "chốt số liệu … đến ngày 10 tháng cuối kỳ của báo cáo") is used,
    # and the file's submission date says nothing about H1's report.
    from cchc_cli import api

    report = api.check(_written(tmp_path, "Q7", "2021-06-01", "2021-06-12"), period="H1")
    assert (report.period, report.as_of, report.submitted_on) == ("H1", D("2021-06-10"), None)


def test_a_file_of_an_unknown_period_still_reports_its_agency_and_as_of(tmp_path: Path) -> None:
    # No period to judge against (CCHC004), but who wrote the file and when it was cut off are
    # known from the file itself, and the report says so (the roll-up places the file by them).
    from cchc_cli import api

    report = api.check(_written(tmp_path, "Q7", "2021-06-01", "2021-06-12"))
    assert [f.rule for f in report.findings] == ["CCHC004"]
    assert report.agency is not None and report.agency.id == DEPT
    assert (report.period, report.as_of) == (None, D("2021-06-01"))
