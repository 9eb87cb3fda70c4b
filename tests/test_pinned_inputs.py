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


def test_as_of_for_a_period_applies_only_to_files_of_that_period(tmp_path: Path) -> None:
    # The roll-up of H1 judges every file "as of" its day, but only the H1 files: a Q1 file keeps
    # its own as_of (01/03), an H1 file takes the given day (05/06).
    from cchc_cli import api

    (tmp_path / "q1").mkdir()
    (tmp_path / "h1").mkdir()
    q1 = api.check(_written(tmp_path / "q1", "Q1", "2021-03-01", "2021-03-12"), as_of=D("2021-06-05"), as_of_for="H1")
    h1 = api.check(_written(tmp_path / "h1", "H1", "2021-06-01", "2021-06-12"), as_of=D("2021-06-05"), as_of_for="H1")
    assert (q1.period, q1.as_of) == ("Q1", D("2021-03-01"))
    assert (h1.period, h1.as_of) == ("H1", D("2021-06-05"))


def test_a_file_of_an_unknown_agency_still_shows_when_its_report_is_due(tmp_path: Path) -> None:
    # H1's report is due on 15/06/2021 ("chậm nhất là ngày 15 của tháng cuối kỳ báo cáo"); the
    # agency being unknown (CCHC003) does not make the period's due day unknown.
    from cchc_cli import api

    path = _written(tmp_path, "H1", "2021-06-01", "2021-06-12")
    path.write_text(path.read_text(encoding="utf-8").replace(f"agency: {DEPT}", "agency: so-khong-co"), encoding="utf-8")
    report = api.check(path)
    assert [f.rule for f in report.findings] == ["CCHC003"]
    assert (report.agency, report.period, report.report_due) == (None, "H1", D("2021-06-15"))


def test_input_problems_past_the_hundredth_are_counted_in_one_finding(tmp_path: Path) -> None:
    # 103 unknown events (CCHC009, an input problem): the first MAX_PROBLEMS = 100 are listed, then
    # one finding counts the other 103 - 100 = 3, placed where the 100th is. A missed target (not an
    # input problem, CCHC101) is never capped and stays.
    from cchc_cli.validation import MAX_PROBLEMS
    from test_rules import _counts

    assert MAX_PROBLEMS == 100
    events = {f"events/pci_published_{n:03}": D("2021-05-05") for n in range(103)}
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {**events, **_counts("on_time_dossiers", 2300, 2000)})
    unknown = [f for f in report.findings if f.rule == "CCHC009"]
    assert len(unknown) == 101
    listed, more = unknown[:100], unknown[100]
    assert [f.subject for f in listed] == [f"input:events.pci_published_{n:03}" for n in range(100)]
    assert more.subject == "input:more" and more.location == listed[-1].location
    assert "and 3 more problems" in more.message.en and "only the first 100" in more.message.en
    assert [f.rule for f in report.findings if f.rule == "CCHC101"] == ["CCHC101"]


# -- a file that cannot be read or validated (engine.failed_input) ------------------------------


def test_an_unreadable_files_hint_is_in_both_languages(tmp_path: Path) -> None:
    # A Tab indenting line 3: the parser's hint comes with its Vietnamese, each in its own language.
    from cchc_cli import api

    path = tmp_path / "tab.yaml"
    path.write_text("schema_version: 1\nagency: so-tu-phap\n\tperiod: H1\n", encoding="utf-8")
    (finding,) = api.check(path).findings
    assert (finding.rule, finding.subject) == ("CCHC001", "input:file")
    assert finding.hint is not None
    assert "Tab" in finding.hint.vi and "dấu cách" in finding.hint.vi
    assert "never tabs" in finding.hint.en and "dấu cách" not in finding.hint.en


def test_only_the_first_of_several_schema_problems_carries_the_hint(tmp_path: Path) -> None:
    # Two unknown keys (lines 5 and 6): two CCHC002 findings, each at its key; the one hint, how
    # to fix the file, is given once, on the first.
    from cchc_cli import api

    path = tmp_path / "keys.yaml"
    path.write_text("schema_version: 1\nagency: so-tu-phap\nperiod: H1\nas_of: 2021-06-10\nindicatorz: {}\ntaskz: {}\n",
                    encoding="utf-8")
    findings = api.check(path).findings
    assert [(f.rule, f.subject, f.location.line if f.location else None) for f in findings] == [
        ("CCHC002", "input:indicatorz", 5), ("CCHC002", "input:taskz", 6)]
    assert findings[0].hint is not None and "cchc schema progress" in findings[0].hint.en
    assert "cchc schema progress" in findings[0].hint.vi and findings[0].hint.vi != findings[0].hint.en
    assert findings[1].hint is None
    # Each message is its own problem's, in both languages (not the first's for all).
    assert "'indicators'" in findings[0].message.vi and "taskz" in findings[1].message.vi


def test_schema_problems_past_the_hundredth_are_counted_in_one_finding(tmp_path: Path) -> None:
    # 105 unknown keys: MAX_PROBLEMS = 100 listed, then one finding for the other 105 - 100 = 5.
    from cchc_cli import api

    path = tmp_path / "many.yaml"
    keys = "".join(f"key_{n:03}: 1\n" for n in range(105))
    path.write_text("schema_version: 1\nagency: so-tu-phap\nperiod: H1\nas_of: 2021-06-10\n" + keys, encoding="utf-8")
    findings = api.check(path).findings
    assert len(findings) == 101 and {f.rule for f in findings} == {"CCHC002"}
    assert findings[-1].subject == "input:more" and findings[-1].location == findings[-2].location
    assert "and 5 more problems" in findings[-1].message.en and "only the first 100" in findings[-1].message.en


# -- waivers (engine.apply_waivers), through api.check_paths ------------------------------------


def _waiver(rule: str, subject: str, expires: str):  # type: ignore[no-untyped-def]
    from cchc_cli.models.report import Waiver

    return Waiver(rule, subject, "lý do", "Chánh Văn phòng", D(expires))


def test_waivers_leave_an_unreadable_files_input_error_alone(tmp_path: Path) -> None:
    # A file that cannot be read has no as_of to judge a waiver against, and an input error is
    # never waived: the report comes back as it was.
    from cchc_cli import api

    path = tmp_path / "tab.yaml"
    path.write_text("schema_version: 1\nagency: so-tu-phap\n\tperiod: H1\n", encoding="utf-8")
    (report,) = api.check_paths([path], waivers=(_waiver("CCHC001", "input:file", "2027-01-01"),))
    assert [(f.rule, f.waiver) for f in report.findings] == [("CCHC001", None)]


def test_a_waiver_expiring_on_the_as_of_day_wins_over_an_older_one_listed_first(tmp_path: Path) -> None:
    # The H1 report is as of 10/06/2021. The first waiver ended 01/06 (expired); the second ends
    # 10/06, the as-of day itself, so it still holds: the finding is waived by it, and the expired
    # one, superseded, raises no CCHC501.
    from test_rules import _counts, apply, clean, write

    from cchc_cli import api

    path = write(tmp_path, apply(clean(DEPT, "H1", D("2021-06-10")), _counts("on_time_dossiers", 2300, 2000)))
    old, renewed = (_waiver("CCHC101", "indicator:on_time_dossiers", d) for d in ("2021-06-01", "2021-06-10"))
    (report,) = api.check_paths([path], waivers=(old, renewed))
    assert [(f.rule, f.waiver) for f in report.findings] == [("CCHC101", renewed)]
    assert report.summary.waived == 1


def test_of_two_expired_waivers_the_first_listed_is_reported(tmp_path: Path) -> None:
    # Both ended before the as-of day (10/06/2021): one CCHC501, about the first one listed
    # (expired 01/06), and the finding stays unwaived.
    from test_rules import _counts, apply, clean, write

    from cchc_cli import api

    path = write(tmp_path, apply(clean(DEPT, "H1", D("2021-06-10")), _counts("on_time_dossiers", 2300, 2000)))
    first, second = (_waiver("CCHC101", "indicator:on_time_dossiers", d) for d in ("2021-06-01", "2021-05-01"))
    (report,) = api.check_paths([path], waivers=(first, second))
    assert sorted(f.rule for f in report.findings) == ["CCHC101", "CCHC501"]
    (expired,) = [f for f in report.findings if f.rule == "CCHC501"]
    assert "expired on 2021-06-01" in expired.message.en and "05/2021" not in expired.message.vi
    assert "hết hạn ngày 01/06/2021, trước ngày chốt số liệu của báo cáo 10/06/2021" in expired.message.vi


def test_a_waiver_judged_against_a_given_day_says_so(tmp_path: Path) -> None:
    # CCHC_TODAY (here today=01/01/2022) replaces the report's as-of date: the message names "the
    # date", not the report's as-of date, in both languages.
    from test_rules import _counts, apply, clean, write

    from cchc_cli import api

    path = write(tmp_path, apply(clean(DEPT, "H1", D("2021-06-10")), _counts("on_time_dossiers", 2300, 2000)))
    waiver = _waiver("CCHC101", "indicator:on_time_dossiers", "2021-12-31")
    (report,) = api.check_paths([path], waivers=(waiver,), today=D("2022-01-01"))
    (expired,) = [f for f in report.findings if f.rule == "CCHC501"]
    assert "expired on 2021-12-31, before the date 2022-01-01" in expired.message.en
    assert "đã hết hạn ngày 31/12/2021, trước ngày 01/01/2022" in expired.message.vi


def test_nothing_to_judge_is_placed_at_the_agency_line(tmp_path: Path) -> None:
    # Báo Hà Nội mới is given no target, appendix task or measurable duty: CCHC014 points at the
    # line naming the agency (line 2 of this file), the thing most likely to be wrong.
    from cchc_cli import api

    path = tmp_path / "press.yaml"
    path.write_text("schema_version: 1\nagency: bao-ha-noi-moi\nperiod: FY\nsubmitted_on: 2021-12-30\n", encoding="utf-8")
    (finding,) = api.check(path).findings
    assert finding.rule == "CCHC014" and finding.location is not None
    assert (finding.location.line, finding.location.column) == (2, 1)  # the "agency:" key
