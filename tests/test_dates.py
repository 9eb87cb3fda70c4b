"""Deadline phrases and user-written dates (cchc_cli.dates)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from cchc_cli.dates import parse_date
from cchc_cli.models.deadline import parse_deadline

# ---------------------------------------------------------------------------------------------
# parse_deadline: dated phrases


@pytest.mark.parametrize(
    ("phrase", "kind", "due"),
    [
        ("Quý I/2021", "quarter", date(2021, 3, 31)),
        ("Quý II/2021", "quarter", date(2021, 6, 30)),
        ("Quý III/2021", "quarter", date(2021, 9, 30)),
        ("Quý IV/2021", "quarter", date(2021, 12, 31)),
        ("quý 3/2021", "quarter", date(2021, 9, 30)),
        ("QUÝ II / 2021", "quarter", date(2021, 6, 30)),
        ("Quý I/2020", "quarter", date(2020, 3, 31)),
        ("Tháng 10/2021", "month", date(2021, 10, 31)),
        ("Tháng 02/2024", "month", date(2024, 2, 29)),  # leap year
        ("Tháng 2/2021", "month", date(2021, 2, 28)),
        ("Tháng 11/2021", "month", date(2021, 11, 30)),
        ("Tháng 12/2021", "month", date(2021, 12, 31)),
        # the phrase inside a sentence, as the duties of section V.1 write it
        ("hoàn thành trong Quý II/2021", "quarter", date(2021, 6, 30)),
        ("(hoàn thành trong Quý I/2021)", "quarter", date(2021, 3, 31)),
        ("ban hành tháng 01/2021", "month", date(2021, 1, 31)),
        ("hoàn thành trong tháng 11/2021", "month", date(2021, 11, 30)),
        ("ban hành Kế hoạch kiểm tra công tác CCHC trong Quý I/2021", "quarter", date(2021, 3, 31)),
        ("trước ngày 15/03/2021", "date", date(2021, 3, 15)),
        (unicodedata.normalize("NFD", "Quý II/2021"), "quarter", date(2021, 6, 30)),
    ],
)
def test_dated_phrases(phrase: str, kind: str, due: date) -> None:
    deadline = parse_deadline(phrase)
    assert deadline.kind == kind
    assert deadline.due == due
    assert deadline.fixed is True
    assert deadline.phrase == phrase


def test_quarter_structure() -> None:
    deadline = parse_deadline("Quý IV/2021")
    assert (deadline.year, deadline.quarter) == (2021, 4)


def test_month_structure() -> None:
    deadline = parse_deadline("Tháng 10/2021")
    assert (deadline.year, deadline.month) == (2021, 10)


# ---------------------------------------------------------------------------------------------
# parse_deadline: phrases without a fixed date


@pytest.mark.parametrize(
    ("phrase", "freq"),
    [("Hằng tháng", "monthly"), ("hàng tháng", "monthly"), ("Hằng quý", "quarterly"), ("Hằng năm", "yearly")],
)
def test_recurring(phrase: str, freq: str) -> None:
    deadline = parse_deadline(phrase)
    assert deadline.kind == "recurring"
    assert deadline.freq == freq
    assert deadline.due is None
    assert deadline.fixed is False


@pytest.mark.parametrize(
    ("phrase", "by"),
    [
        ("Theo hướng dẫn của Bộ Nội vụ", "Bộ Nội vụ"),
        ("Theo hướng dẫn của Chính phủ, Bộ Nội vụ", "Chính phủ, Bộ Nội vụ"),
        ("Theo hướng dẫn của Bộ, Ngành Trung ương", "Bộ, Ngành Trung ương"),
    ],
)
def test_guidance(phrase: str, by: str) -> None:
    deadline = parse_deadline(phrase)
    assert deadline.kind == "guidance"
    assert deadline.by == by
    assert deadline.due is None


def test_direction() -> None:
    deadline = parse_deadline("Theo chỉ đạo của Thành phố")
    assert deadline.kind == "direction"
    assert deadline.by == "Thành phố"
    assert deadline.due is None


@pytest.mark.parametrize(
    ("phrase", "trigger"),
    [
        ("Ngay sau khi Chỉ số PCI được công bố", "Chỉ số PCI"),
        ("Ngay sau khi Chỉ số PAPI, SIPAS, PARINDEX được công bố", "Chỉ số PAPI, SIPAS, PARINDEX"),
    ],
)
def test_event(phrase: str, trigger: str) -> None:
    deadline = parse_deadline(phrase)
    assert deadline.kind == "event"
    assert deadline.trigger == trigger
    assert deadline.due is None


@pytest.mark.parametrize(
    ("phrase", "schedule"),
    [
        ("Theo thời gian báo cáo CCHC định kỳ", "periodic"),
        ("Theo thời gian quy định tại Báo cáo CCHC chuyên đề", "thematic"),
        ("Theo thời gian quy định tại Báo cáo chuyên đề CCHC", "thematic"),
    ],
)
def test_reporting(phrase: str, schedule: str) -> None:
    deadline = parse_deadline(phrase)
    assert deadline.kind == "reporting"
    assert deadline.schedule == schedule
    assert deadline.due is None


# ---------------------------------------------------------------------------------------------
# parse_deadline: errors


@pytest.mark.parametrize(
    "phrase",
    [
        "Quý V/2021",
        "Quý 5/2021",
        "Tháng 13/2021",
        "Tháng 0/2021",
        "Sớm",
        "Sớm nhất có thể",
        "",
        "Quý I/2021 hoặc Quý II/2021",
        "Quý I/2021, Tháng 10/2021",
        "Theo thời gian báo cáo",  # tied to a report, but neither periodic nor thematic
        "trước ngày 31/02/2021",
    ],
)
def test_unreadable_deadlines(phrase: str) -> None:
    with pytest.raises(ValueError):
        parse_deadline(phrase)


# ---------------------------------------------------------------------------------------------
# parse_date


@pytest.mark.parametrize(
    "text",
    [
        "2021-01-05",
        "05/01/2021",
        "5/1/2021",
        "ngày 05 tháng 01 năm 2021",
        "Ngày 5 tháng 1 năm 2021",
        " 05/01/2021 ",
        "05.01.2021",
        "05-01-2021",
        unicodedata.normalize("NFD", "ngày 05 tháng 01 năm 2021"),
    ],
)
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == date(2021, 1, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/03/2021", date(2021, 3, 2)),  # day first: 2 March, never February 3
        ("12/01/2021", date(2021, 1, 12)),
        ("29/02/2024", date(2024, 2, 29)),
        ("31/12/2020", date(2020, 12, 31)),
    ],
)
def test_parse_date_is_day_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2021",
        "29/02/2021",
        "2021-13-01",
        "2021-02-30",
        "01/13/2021",  # month-first would make this 13 January; day-first has no month 13
        "hôm qua",
        "",
    ],
)
def test_parse_date_errors(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
