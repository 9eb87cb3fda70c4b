"""`cchc plan calendar`: the iCalendar file read back as a calendar program would read it.

Dates are checked against expectations computed here from the plan's own words (the appendix's
"Thời gian hoàn thành" cells read with a small parser of this file's own, the decision's section
III and V.1 wording), not from cchc's deadline code; RRULEs are expanded with dateutil; the bytes
are checked against RFC 5545's content-line rules (CRLF, 75-octet folding, BEGIN/END nesting).
"""

from __future__ import annotations

import calendar as stdlib_calendar
import re
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cchc_cli.cli import EXIT_INPUT, EXIT_OK, app

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()
STAMP = {"SOURCE_DATE_EPOCH": "1609459200"}  # 2021-01-01T00:00:00Z


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["plan", "calendar", *args],
                         env={"CCHC_LANG": "", "CCHC_PLAN": "", **STAMP, **(env or {})})


def ics(*args: str) -> tuple[bytes, str]:
    result = run(*args)
    assert result.exit_code == EXIT_OK, result.stderr
    return result.stdout_bytes, result.stderr


def events(data: bytes) -> dict[str, object]:
    """VEVENTs by UID."""
    parsed = Calendar.from_ical(data)
    found = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    assert len(found) == len(parsed.walk("VEVENT")), "UIDs are not unique"
    return found


def by_source(data: bytes) -> dict[str, object]:
    return {str(e["X-CCHC-SOURCE"]): e for e in events(data).values()}


def start(event: object) -> date:
    value = event["DTSTART"].dt  # type: ignore[index]
    assert type(value) is date, f"not an all-day event: {value!r}"
    return value


def expanded(event: object) -> list[date]:
    """Every date an event stands for: its DTSTART, or each occurrence of its RRULE (dateutil)."""
    from dateutil.rrule import rrulestr

    first = start(event)
    if "RRULE" not in event:  # type: ignore[operator]
        return [first]
    rule = event["RRULE"].to_ical().decode()  # type: ignore[index]
    dtstart = datetime(first.year, first.month, first.day)
    return [d.date() for d in rrulestr(rule, dtstart=dtstart)]


# -- expectations from the plan's words, read independently ------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _last_day(year: int, month: int) -> date:
    return date(year, month, stdlib_calendar.monthrange(year, month)[1])


def expected_task_dues() -> dict[str, tuple[str, date | None]]:
    """Task id -> (lead, due) from the appendix cells: "Quý II/2021" ends 30/06, "Tháng 10/2021"
    ends 31/10; anything else has no day (None). The one erratum with a reading (VII.2, "Quý I/2020"
    read as 2021) is taken at its reading, as the dataset records it."""
    doc = YAML(typ="safe").load((REPO / "data" / "appendix_tasks.yaml").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, date | None]] = {}
    leads: dict[str, str] = {}
    for task in doc["tasks"]:
        cell = task["deadline"]
        words = cell.get("reading") or cell["text"] if isinstance(cell, dict) else cell
        lead = task.get("lead") or leads[task["parent"]]
        leads[task["id"]] = lead
        quarter = re.fullmatch(r"Quý (IV|III|II|I)/(\d{4})", words)
        month = re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", words)
        if quarter:
            due: date | None = _last_day(int(quarter.group(2)), _ROMAN[quarter.group(1)] * 3)
        elif month:
            due = _last_day(int(month.group(2)), int(month.group(1)))
        else:
            due = None
        out[task["id"]] = (lead, due)
    return out


# -- RFC 5545 structure ------------------------------------------------------------------------


def assert_rfc5545_structure(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF: every line ends with CRLF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a bare CR"
    lines = data[:-2].split(b"\r\n")
    stack: list[bytes] = []
    for number, line in enumerate(lines, 1):
        assert len(line) <= 75, f"line {number} is {len(line)} octets: {line!r}"
        line.decode("utf-8")  # folding never splits a UTF-8 sequence
        if line.startswith((b" ", b"\t")):
            assert number > 1
            continue
        assert re.match(rb"^[A-Z][A-Z0-9-]*[;:]", line), f"line {number} is no content line: {line!r}"
        if line.startswith(b"BEGIN:"):
            stack.append(line[6:])
        elif line.startswith(b"END:"):
            assert stack and stack.pop() == line[4:], f"END without its BEGIN at line {number}"
    assert not stack
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    unfolded = re.sub(rb"\r\n[ \t]", b"", data).decode("utf-8").split("\r\n")
    props = {line.split(":", 1)[0].split(";", 1)[0] for line in unfolded if line}
    assert {"VERSION", "PRODID", "UID", "DTSTAMP", "DTSTART"} <= props
    assert "VERSION:2.0" in unfolded
    assert any(line.startswith("PRODID:") and "cchc" in line for line in unfolded)


def test_every_file_is_valid_rfc5545() -> None:
    for agency in ("so-noi-vu", "quan-hoan-kiem", "van-phong-ubnd", "so-tu-phap"):
        data, _ = ics("--agency", agency)
        assert_rfc5545_structure(data)
        parsed = Calendar.from_ical(data)
        assert parsed.walk("VEVENT")
        for event in parsed.walk("VEVENT"):
            day = start(event)
            assert event["DTEND"].dt == day + timedelta(days=1)
            assert "DTSTART;VALUE=DATE:" in event.to_ical().decode()
            (alarm,) = event.walk("VALARM")
            assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"])
            # the default reminder: 09:00, seven days before the (midnight) start of the day
            assert alarm["TRIGGER"].dt == -timedelta(days=6, hours=15)


# -- what is in it -----------------------------------------------------------------------------


@pytest.mark.parametrize("agency", ["so-noi-vu", "van-phong-ubnd", "so-tai-chinh", "so-ke-hoach-dau-tu"])
def test_task_events_fall_on_the_days_the_plan_names(agency: str) -> None:
    data, stderr = ics("--agency", agency)
    found = by_source(data)
    for task_id, (lead, due) in expected_task_dues().items():
        if lead != agency:
            assert f"task:{task_id}" not in found
            continue
        if due is not None:
            assert start(found[f"task:{task_id}"]) == due, task_id
            assert "RRULE" not in found[f"task:{task_id}"]
        elif f"task:{task_id}" in found:  # no single day: only "Hằng tháng", as a series
            assert "RRULE" in found[f"task:{task_id}"], task_id
        else:  # no day in the plan: left out, and said so on stderr
            assert re.search(rf"nhiệm vụ {re.escape(task_id)} \(Phụ lục\)", stderr), task_id


def test_known_tasks_against_the_decision() -> None:
    found = by_source(ics("--agency", "Sở Nội vụ")[0])
    assert start(found["task:I.1"]) == date(2021, 3, 31)  # "Quý I/2021"
    assert start(found["task:I.2"]) == date(2021, 6, 30)  # "Quý II/2021"
    vpub = by_source(ics("--agency", "VPUB")[0])
    assert start(vpub["task:VII.10"]) == date(2021, 10, 31)  # "Tháng 10/2021"
    # "Hằng tháng" (III.4.1): one monthly series on the days check judges each month by, its last
    monthly = vpub["task:III.4.1"]
    assert expanded(monthly) == [_last_day(2021, m) for m in range(1, 13)]


def test_deadline_less_tasks_are_left_out_and_listed() -> None:
    data, stderr = ics("--agency", "so-noi-vu")
    found = by_source(data)
    for task_id, words in (("I.6", "Theo hướng dẫn của Chính phủ, Bộ Nội vụ"), ("I.7", "Theo hướng dẫn của Bộ Nội vụ"),
                           ("I.9", "Ngay sau khi Chỉ số PAPI, SIPAS, PARINDEX được công bố")):
        assert f"task:{task_id}" not in found
        assert f"nhiệm vụ {task_id} (Phụ lục): “{words}”" in stderr
    assert "không đưa vào lịch" in stderr
    english = run("--agency", "so-noi-vu", "--lang", "en")
    assert "appendix task I.6: “Theo hướng dẫn của Chính phủ, Bộ Nội vụ”: the plan sets no day" in english.stderr
    # a direction ("Theo chỉ đạo …") and the thematic reports, for another lead
    stderr = ics("--agency", "so-tu-phap")[1]
    assert "báo cáo chuyên đề (mục III.3)" in stderr


def test_duties_and_reports_of_a_district() -> None:
    data, stderr = ics("--agency", "quan-hoan-kiem")
    found = by_source(data)
    # V.1, dated: "ban hành tháng 01/2021", "hoàn thành trong Quý II/2021", "trong tháng 11/2021",
    # "ban hành Kế hoạch kiểm tra … trong Quý I/2021", and for districts the 2020 index "Quý I/2021"
    assert start(found["duty:agency_plan"]) == date(2021, 1, 31)
    assert start(found["duty:staff_training"]) == date(2021, 6, 30)
    assert start(found["duty:feedback_survey"]) == date(2021, 11, 30)
    assert start(found["duty:inspection"]) == date(2021, 3, 31)
    assert start(found["duty:par_index_self_assessment"]) == date(2021, 3, 31)
    # "công khai vào ngày cuối cùng của các tháng"
    assert expanded(found["duty:monthly_results_publication:recurrence"]) == [_last_day(2021, m) for m in range(1, 13)]
    # "chậm nhất ngày 15 của tháng cuối quý"
    assert expanded(found["duty:quarterly_inspection_reports:recurrence"]) == [date(2021, m, 15) for m in (3, 6, 9, 12)]
    # "ít nhất 1 quý/lần": by each quarter's end
    assert expanded(found["duty:communication:recurrence"]) == [_last_day(2021, m) for m in (3, 6, 9, 12)]
    # section III: received by the 15th of the period's last month, data cut off on the 10th
    for period, month in (("Q1", 3), ("H1", 6), ("9M", 9), ("FY", 12)):
        assert start(found[f"report:{period}"]) == date(2021, month, 15)
        assert start(found[f"cutoff:{period}"]) == date(2021, month, 10)
    # no day in the plan: the evaluations "theo định kỳ hằng tháng, quý, năm", the dialogues
    for duty in ("monthly_evaluations", "quarterly_evaluations", "yearly_evaluations", "dialogues", "tthc_publication",
                 "monthly_task_reports", "commune_democracy"):
        assert not any(key.startswith(f"duty:{duty}") for key in found), duty
    assert "Đánh giá hằng tháng (mục V.1)" in stderr


def test_monthly_items_without_a_day_follow_the_check() -> None:
    # Appendix III.4.1 "Hằng tháng" and the section V report "định kỳ hằng tháng" name no day; the
    # calendar gives each the day the check judges it by, or none where the check asks for none.
    from cchc_cli.rules.base import judge_slots
    from cchc_cli.rules.tasks import RECURRING_TASK_DUE

    data, stderr = ics("--agency", "van-phong-ubnd", "--lang", "en")
    found = by_source(data)
    task = found["task:III.4.1"]
    days = expanded(task)
    assert days == [_last_day(2021, m) for m in range(1, 13)]
    description = str(task["DESCRIPTION"]).replace("\n", " ")
    assert "the plan names only the month, not a day; the latest day cchc check counts as on time" in description
    assert not any(key.startswith("duty:monthly_task_reports") for key in found)
    assert ("Monthly report on tasks assigned by the City (section V.1): “định kỳ hằng tháng”: the plan sets no day "
            "within the period; cchc check asks only for one each month, on any day") in stderr
    vi = ics("--agency", "van-phong-ubnd")
    assert "Kế hoạch chỉ ghi mỗi tháng, không ghi ngày" in str(by_source(vi[0])["task:III.4.1"]["DESCRIPTION"])  # type: ignore[index]
    assert "cchc check chỉ xét mỗi tháng có một lần" in vi[1]
    # ... which is how the check judges them, a day after January ends:
    as_of = date(2021, 2, 2)
    on_the_day = judge_slots(2021, "monthly", RECURRING_TASK_DUE, None, [days[0]], as_of)
    assert on_the_day.met == 1 and not on_the_day.missed
    a_day_later = days[0] + timedelta(days=1)
    assert judge_slots(2021, "monthly", RECURRING_TASK_DUE, None, [a_day_later], as_of).missed  # the task: January missed
    duty = judge_slots(2021, "monthly", "unspecified", None, [a_day_later], as_of)
    assert duty.met == 1 and not duty.missed  # the duty: January's report, sent in February, counts


def test_rrules_are_valid_and_inside_the_plan_year() -> None:
    data, _ = ics("--agency", "quan-hoan-kiem")
    series = [e for e in events(data).values() if "RRULE" in e]  # type: ignore[operator]
    assert len(series) >= 3
    for event in series:
        rule = event["RRULE"]  # type: ignore[index]
        assert rule["FREQ"] == ["MONTHLY"] and "COUNT" in rule and "UNTIL" not in rule
        dates = expanded(event)
        assert len(dates) == rule["COUNT"][0]
        assert dates[0] == start(event)  # DTSTART is the first occurrence, as RFC 5545 wants
        assert all(d.year == 2021 for d in dates)


def test_description_and_categories_quote_the_plan() -> None:
    found = by_source(ics("--agency", "so-noi-vu")[0])
    task = found["task:I.1"]
    description = str(task["DESCRIPTION"])
    assert "Xây dựng Kế hoạch và thành lập các đoàn kiểm tra công vụ, kiểm tra CCHC." in description
    assert "Thời hạn theo Kế hoạch: Quý I/2021" in description
    assert "Phụ lục, mục I.1" in description
    assert "Quyết định 5743/QĐ-UBND" in description
    assert "Phụ lục, mục I.1" in [str(c) for c in task["CATEGORIES"].cats]
    assert str(task["SUMMARY"]).startswith("Hạn nhiệm vụ I.1: Xây dựng Kế hoạch")
    report = found["report:Q1"]
    assert "ngày 15 của tháng cuối kỳ báo cáo" in str(report["DESCRIPTION"])
    assert "Mục III.2" in [str(c) for c in report["CATEGORIES"].cats]
    # VII.2's date is the erratum's reading: the description names it
    vii2 = by_source(ics("--agency", "so-thong-tin-truyen-thong")[0])["task:VII.2"]
    assert start(vii2) == date(2021, 3, 31)  # the source prints "Quý I/2020"
    vii2_text = str(vii2["DESCRIPTION"])
    assert "Thời hạn theo Kế hoạch: Quý I/2020" in vii2_text
    assert "Hạn dựa trên: đính chính E01" in vii2_text


def test_english_summaries_and_labels() -> None:
    found = by_source(ics("--agency", "quan-hoan-kiem", "--lang", "en")[0])
    assert str(found["duty:agency_plan"]["SUMMARY"]) == "Due: Issue the unit's own 2021 reform plan"
    assert str(found["cutoff:Q1"]["SUMMARY"]) == "Data cut-off for the Q1 reform report"
    description = str(found["duty:staff_training"]["DESCRIPTION"])
    assert "Source: Section V.1" in description
    assert "2021-06-30 (the last day of the quarter; the plan names the quarter, not a day)" in description
    assert "Tổ chức tập huấn bồi dưỡng kỹ năng" in description  # the plan's text stays as written


def test_uids_are_stable_and_unique() -> None:
    first = events(ics("--agency", "so-noi-vu")[0])
    again = run("--agency", "so-noi-vu", env={"SOURCE_DATE_EPOCH": "1700000000"})
    second = events(again.stdout_bytes)
    assert set(first) == set(second)
    assert all(uid.startswith("hanoi-cchc-2021.so-noi-vu.") and uid.endswith("@cchc") for uid in first)
    # a period or a progress file changes which events there are, never what they are called
    q1 = events(ics("--agency", "so-noi-vu", "--period", "Q1")[0])
    assert set(q1) < set(first)
    # the same moment gives the same bytes
    assert ics("--agency", "so-noi-vu")[0] == ics("--agency", "so-noi-vu")[0]


def test_period_limits_to_its_months() -> None:
    found = by_source(ics("--agency", "quan-hoan-kiem", "--period", "Quý I")[0])
    assert all(d <= date(2021, 3, 31) for e in found.values() for d in expanded(e))
    assert "report:Q1" in found and "report:H1" not in found
    # a series keeps its first occurrences only: January to March
    assert expanded(found["duty:monthly_results_publication:recurrence"]) == [_last_day(2021, m) for m in (1, 2, 3)]
    h1 = by_source(ics("--agency", "quan-hoan-kiem", "--period", "H1")[0])
    assert max(d for e in h1.values() for d in expanded(e)) == date(2021, 6, 30)


def test_reminder_days() -> None:
    event = next(iter(events(ics("--agency", "so-noi-vu", "--remind", "2")[0]).values()))
    (alarm,) = event.walk("VALARM")  # type: ignore[attr-defined]
    assert alarm["TRIGGER"].dt == -timedelta(days=1, hours=15)  # 09:00 two days before
    on_the_day = next(iter(events(ics("--agency", "so-noi-vu", "--remind", "0")[0]).values()))
    assert on_the_day.walk("VALARM")[0]["TRIGGER"].dt == timedelta(hours=9)  # type: ignore[attr-defined]
    assert run("--agency", "so-noi-vu", "--remind", "-1").exit_code == EXIT_INPUT


# -- text escaping ------------------------------------------------------------------------------


def test_commas_semicolons_backslashes_and_newlines_survive(tmp_path: Path) -> None:
    for name in ("plan_2021.yaml", "appendix_tasks.yaml", "agencies.yaml"):
        shutil.copy(REPO / "data" / name, tmp_path / name)
    appendix = tmp_path / "appendix_tasks.yaml"
    text = appendix.read_text(encoding="utf-8")
    original = '"Xây dựng Kế hoạch và thành lập các đoàn kiểm tra công vụ, kiểm tra CCHC."'
    assert original in text
    tricky = "Rà soát, đánh giá; lập kế hoạch \\\\ báo cáo:\\nDòng hai, có dấu phẩy; và chấm phẩy"
    appendix.write_text(text.replace(original, f'"{tricky}"'), encoding="utf-8")
    data, _ = ics("--agency", "so-noi-vu", "--plan", str(tmp_path / "plan_2021.yaml"))
    assert_rfc5545_structure(data)
    raw = re.sub(rb"\r\n[ \t]", b"", data).decode("utf-8")
    assert "Rà soát\\, đánh giá\\; lập kế hoạch \\\\ báo cáo:" in raw  # escaped as TEXT (RFC 5545 3.3.11)
    task = by_source(data)["task:I.1"]
    expected = "Rà soát, đánh giá; lập kế hoạch \\ báo cáo:\nDòng hai, có dấu phẩy; và chấm phẩy"
    assert expected in str(task["DESCRIPTION"])  # the newline is kept in the description
    summary = str(task["SUMMARY"])
    assert "\n" not in summary and "báo cáo:\\nDòng hai" in summary  # a one-line field shows it


# -- with a progress file ----------------------------------------------------------------------


def _progress(tmp_path: Path, extra: str = "", replace: tuple[str, str] | None = None) -> Path:
    text = (REPO / "examples" / "so-noi-vu-Q1-late.yaml").read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / "so-noi-vu-Q1.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _open(found: dict[str, object]) -> dict[str, object]:
    return {key: e for key, e in found.items() if str(e.get("STATUS", "")) != "CANCELLED"}  # type: ignore[attr-defined]


def test_from_keeps_only_what_is_still_open(tmp_path: Path) -> None:
    progress = _progress(tmp_path)
    everything = by_source(ics("--agency", "so-noi-vu")[0])
    data, _ = ics("--from", str(progress))
    assert_rfc5545_structure(data)
    found = _open(by_source(data))
    assert "task:IV.3" in everything and "task:IV.3" not in found  # done on 05/03
    assert "duty:agency_plan" not in found and "duty:inspection" not in found  # issued
    assert "report:Q1" not in found  # sent on 18/03
    assert "cutoff:Q1" not in found and "cutoff:Q1" not in by_source(data)  # the file is as of its cut-off: past, not done
    assert "report:H1" in found and "task:I.1" in found and "task:I.3" in found
    # series resume at the first due day on or after as_of (10/03/2021)
    assert expanded(found["duty:monthly_results_publication:recurrence"]) == [_last_day(2021, m) for m in range(3, 13)]
    assert Calendar.from_ical(data)["X-CCHC-AS-OF"] == "2021-03-10"
    # the same UIDs as the full calendar: importing it updates those events
    assert {str(e["UID"]) for e in found.values()} <= {str(e["UID"]) for e in everything.values()}


def test_a_done_task_loses_its_event(tmp_path: Path) -> None:
    open_file = _progress(tmp_path)
    assert "task:I.1" in _open(by_source(ics("--from", str(open_file))[0]))
    done = _progress(tmp_path, replace=("I.1: {status: in_progress}", "I.1: {status: done, completed_on: 2021-03-01}"))
    assert "task:I.1" not in _open(by_source(ics("--from", str(done))[0]))


def test_an_update_cancels_what_is_done_in_the_calendar_that_imported_the_year(tmp_path: Path) -> None:
    year = events(ics("--agency", "so-noi-vu")[0])
    progress = _progress(tmp_path, replace=("I.1: {status: in_progress}", "I.1: {status: done, completed_on: 2021-03-01}"))
    update = events(ics("--from", str(progress))[0])
    # the file as of 10/03/2021: task IV.3 done on 05/03, I.1 on 01/03, the plan and the inspection
    # plan issued, the Q1 report sent on 18/03
    done = {f"hanoi-cchc-2021.so-noi-vu.{key}@cchc": words for key, words in (
        ("task:IV.3", "05/03/2021"), ("task:I.1", "01/03/2021"), ("duty:agency_plan", None),
        ("duty:inspection", None), ("report:Q1", "18/03/2021"))}
    for uid, day in done.items():
        old, new = year[uid], update[uid]  # the same UID: the update replaces the imported event
        assert str(new["STATUS"]) == "CANCELLED" and "STATUS" not in old  # type: ignore[index,operator]
        assert int(new["SEQUENCE"]) > int(old["SEQUENCE"]) == 0  # type: ignore[index]
        assert start(new) == start(old)  # the event it cancels, on its day
        assert str(new["SUMMARY"]).startswith("✓ Đã xong: ") and not new.walk("VALARM")  # type: ignore[index,attr-defined]
        if day is not None:
            assert day in str(new["DESCRIPTION"]).split("\n")[0]  # type: ignore[index]
    # everything else the update carries supersedes its copy as well, and is still open, with its alarm
    assert {int(e["SEQUENCE"]) for e in update.values()} == {69}  # type: ignore[index]  # 1 + days from 01/01 to 10/03
    still_open = [e for uid, e in update.items() if uid not in done]
    assert still_open and all("STATUS" not in e and e.walk("VALARM") for e in still_open)  # type: ignore[operator,attr-defined]
    # a later file supersedes an earlier one
    later = _progress(tmp_path, replace=("as_of: 2021-03-10", "as_of: 2021-03-11"))
    assert {int(e["SEQUENCE"]) for e in events(ics("--from", str(later))[0]).values()} == {70}  # type: ignore[index]
    english = by_source(ics("--from", str(progress), "--lang", "en")[0])["report:Q1"]
    assert str(english["SUMMARY"]).startswith("✓ Done: ") and "sent on" in str(english["DESCRIPTION"])  # type: ignore[index]


def test_a_dated_event_gives_its_task_a_day(tmp_path: Path) -> None:
    progress = _progress(tmp_path, "events:\n  papi_published: 2021-02-01\n  sipas_published: 2021-02-20\n"
                                   "  parindex_published: 2021-03-01\n")
    data, stderr = ics("--from", str(progress))
    task = by_source(data)["task:I.9"]
    # "Ngay sau khi … được công bố", read (R01) as within 30 days of the last of the three
    assert start(task) == date(2021, 3, 1) + timedelta(days=30)
    assert "R01" in str(task["DESCRIPTION"])
    assert "nhiệm vụ I.9" not in stderr


def test_from_agency_must_agree(tmp_path: Path) -> None:
    progress = _progress(tmp_path)
    assert run("--from", str(progress), "--agency", "Sở Nội vụ").exit_code == EXIT_OK
    result = run("--from", str(progress), "--agency", "so-tu-phap")
    assert result.exit_code == EXIT_INPUT
    assert "không phải Sở Nội vụ" in result.stderr and result.stdout == ""


def test_from_a_broken_file_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("schema_version: 1\nagency: [\n", encoding="utf-8")
    result = run("--from", str(broken))
    assert result.exit_code == EXIT_INPUT
    assert "x.yaml:" in result.stderr and "Traceback" not in result.stderr and result.stdout == ""


# -- errors --------------------------------------------------------------------------------------


def test_unknown_agency_suggests() -> None:
    result = run("--agency", "So tu phapp")
    assert result.exit_code == EXIT_INPUT
    assert "Sở Tư pháp (so-tu-phap)" in result.stderr and result.stdout == ""


def test_agency_owing_nothing_and_nothing_dated() -> None:
    result = run("--agency", "Bộ Nội vụ")
    assert result.exit_code == EXIT_INPUT
    assert "không giao cho Bộ Nội vụ thời hạn nào" in result.stderr
    english = run("--agency", "bao-ha-noi-moi", "--lang", "en")
    assert english.exit_code == EXIT_INPUT
    assert "no deadline with a day" in english.stderr
    assert "Press and media coverage of administrative reform (section V.4)" in english.stderr


def test_bad_period_and_missing_agency() -> None:
    result = run("--agency", "so-noi-vu", "--period", "Q5", "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "there is no reporting period 'Q5'" in result.stderr
    missing = run()
    assert missing.exit_code == EXIT_INPUT and "thiếu --agency" in missing.stderr


# -- output ---------------------------------------------------------------------------------------


def test_output_file_is_written_and_checked(tmp_path: Path) -> None:
    target = tmp_path / "lich.ics"
    result = run("--agency", "so-noi-vu", "-o", str(target))
    assert result.exit_code == EXIT_OK, result.stderr
    assert result.stdout == ""
    assert target.read_bytes() == ics("--agency", "so-noi-vu")[0]
    assert "đã ghi" in result.stderr
    assert run("--agency", "so-noi-vu", "-o", str(target)).exit_code == EXIT_OK  # a newer calendar replaces it
    (tmp_path / ".git").mkdir()
    refused = run("--agency", "so-noi-vu", "-o", str(tmp_path / ".git" / "x.ics"))
    assert refused.exit_code == EXIT_INPUT and ".git" in refused.stderr
    progress = _progress(tmp_path)
    before = progress.read_bytes()
    over_input = run("--from", str(progress), "-o", str(progress))
    assert over_input.exit_code == EXIT_INPUT
    assert progress.read_bytes() == before


@pytest.mark.parametrize(("lang", "words"), [("vi", "phải có đuôi .ics"), ("en", "must end in .ics")])
def test_output_must_be_an_ics_file(tmp_path: Path, lang: str, words: str) -> None:
    # a slip (-o so-tu-phap-FY.yaml) names another progress file: refused before anything is read
    other = tmp_path / "so-tu-phap-FY.yaml"
    other.write_text("schema_version: 1\n", encoding="utf-8")
    for name in ("so-tu-phap-FY.yaml", "lich.xlsx", "lich"):
        result = run("--agency", "so-noi-vu", "-o", str(tmp_path / name), "--lang", lang, "--force")
        assert result.exit_code == EXIT_INPUT and words in result.stderr and "Traceback" not in result.stderr
    assert other.read_text(encoding="utf-8") == "schema_version: 1\n" and not (tmp_path / "lich").exists()
    assert run("--agency", "so-noi-vu", "-o", str(tmp_path / "LICH.ICS")).exit_code == EXIT_OK


def test_only_a_calendar_is_replaced_without_force(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    progress = tmp_path / "x" / "hk-FY.yaml"  # a progress file this run does not read
    progress.write_text("schema_version: 1\nagency: quan-hoan-kiem\n", encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    (here / "l2.ics").symlink_to(Path("..") / "x" / "hk-FY.yaml")  # a link out, to a file that is no calendar
    (here / "notes.ics").write_text("not a calendar\n", encoding="utf-8")
    for name in ("l2.ics", "notes.ics"):
        before = (here / name).read_bytes()
        result = run("--agency", "quan-hoan-kiem", "-o", str(here / name), "--lang", "en")
        assert result.exit_code == EXIT_INPUT and "already exists" in result.stderr and "--force" in result.stderr
        assert (here / name).read_bytes() == before
    assert (here / "l2.ics").is_symlink()
    # a calendar (an earlier export, a BOM and a blank line before it, or a link to one) is updated in place
    old = here / "old.ics"
    old.write_bytes(b"\xef\xbb\xbf\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (here / "link.ics").symlink_to("old.ics")
    assert run("--agency", "quan-hoan-kiem", "-o", str(here / "link.ics")).exit_code == EXIT_OK
    assert (here / "link.ics").is_symlink() and old.read_bytes() == ics("--agency", "quan-hoan-kiem")[0]
    # --force replaces anything that may be written (never a file the run reads)
    forced = run("--agency", "quan-hoan-kiem", "-o", str(here / "notes.ics"), "--force")
    assert forced.exit_code == EXIT_OK and (here / "notes.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_icalendar_is_not_imported_by_the_cli() -> None:
    code = "import sys, cchc_cli.cli; assert 'icalendar' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
