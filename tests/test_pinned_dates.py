"""Deadline phrases and dates: behaviour that mutation testing found no test pinned (issue 16).

Through the parse functions (:func:`cchc_cli.models.deadline.parse_deadline`,
:mod:`cchc_cli.dates`). The phrases are the decision's own (Quyết định 5743/QĐ-UBND: "Hằng tháng",
"Ngay sau khi Chỉ số PCI được công bố", "Theo thời gian báo cáo CCHC định kỳ", "Quý II/2021") as
officers retype them: "hàng" for "hằng", brackets, doubled spaces. Calendar facts by hand: 2021 is
not a leap year, 2024 is.
"""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.dates import (
    DateRefused,
    coerce_date,
    day_text,
    month_end,
    normalise,
    parse_date,
    quarter_end,
)
from cchc_cli.models.deadline import parse_deadline

# -- recurring ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, freq",
    [("hàng quý", "quarterly"), ("Hàng quý", "quarterly"), ("hằng quý", "quarterly"), ("HẰNG QUÝ", "quarterly"),
     ("Hàng năm", "yearly"), ("hằng năm", "yearly"), ("Hàng tháng", "monthly"),
     ("Hằng  tháng", "monthly"), ("  Hằng tháng ", "monthly"), ("(Hằng quý)", "quarterly"), ("Hằng\ttháng", "monthly")],
)
def test_recurring_spellings(phrase: str, freq: str) -> None:
    deadline = parse_deadline(phrase)
    assert (deadline.kind, getattr(deadline, "freq", None), deadline.due) == ("recurring", freq, None)
    assert deadline.phrase == phrase  # the words as written, never the normalised ones


# -- events ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, trigger",
    [("Ngay sau khi  Chỉ số PCI  được công bố", "Chỉ số PCI"),
     ("(Ngay sau khi Chỉ số PCI được công bố)", "Chỉ số PCI"),
     ("ngay sau khi Chỉ số PCI được công bố ", "Chỉ số PCI")],
)
def test_event_spaced_or_bracketed(phrase: str, trigger: str) -> None:
    deadline = parse_deadline(phrase)
    assert deadline.kind == "event"
    assert getattr(deadline, "trigger") == trigger  # the trigger keeps its capitals


@pytest.mark.parametrize(
    "phrase",
    ["Ngay sau khi Chỉ số PCI được công bố năm 2021", "Ngay sau khi Chỉ số PCI được công bố, báo cáo UBND Thành phố"],
)
def test_event_with_trailing_words_is_not_read_as_the_event(phrase: str) -> None:
    # The words after "được công bố" may set another deadline; reading only the event would drop
    # them, so the phrase is refused (the dataset then gives a reading).
    with pytest.raises(ValueError, match="is not a deadline this tool can read"):
        parse_deadline(phrase)


# -- guidance, direction, reporting ---------------------------------------------------------------------


def test_guidance_spaced_and_bracketed() -> None:
    deadline = parse_deadline("(Theo hướng dẫn của  Bộ Nội vụ)")
    assert (deadline.kind, getattr(deadline, "by")) == ("guidance", "Bộ Nội vụ")
    assert (parse_deadline("Theo chỉ đạo của  UBND Thành phố").kind,
            getattr(parse_deadline("Theo chỉ đạo của  UBND Thành phố"), "by")) == ("direction", "UBND Thành phố")


@pytest.mark.parametrize(
    "phrase, schedule",
    [("Theo thời gian  báo cáo CCHC định kỳ", "periodic"), ("(Theo thời gian báo cáo chuyên đề)", "thematic")],
)
def test_reporting_spaced_and_bracketed(phrase: str, schedule: str) -> None:
    deadline = parse_deadline(phrase)
    assert (deadline.kind, getattr(deadline, "schedule")) == ("reporting", schedule)


def test_reporting_neither_periodic_nor_thematic_says_so() -> None:
    with pytest.raises(ValueError, match="ties the deadline to a report, but not to a periodic or thematic one"):
        parse_deadline("Theo thời gian báo cáo của Sở")


# -- dated phrases ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, kind, due",
    [
        ("Quý  II/2021", "quarter", date(2021, 6, 30)),
        ("Quý II /  2021", "quarter", date(2021, 6, 30)),
        ("Tháng  10/2021", "month", date(2021, 10, 31)),
        ("(Tháng 2/2024)", "month", date(2024, 2, 29)),
        ("quý iv/2021", "quarter", date(2021, 12, 31)),
        ("Quý 1/2021", "quarter", date(2021, 3, 31)),
        ("Quý 4/2021", "quarter", date(2021, 12, 31)),
        ("trước ngày  15/3/2021", "date", date(2021, 3, 15)),
    ],
)
def test_dated_phrases_spaced_or_bracketed(phrase: str, kind: str, due: date) -> None:
    deadline = parse_deadline(phrase)
    assert (deadline.kind, deadline.due, deadline.fixed) == (kind, due, True)


@pytest.mark.parametrize(
    "phrase, kind, due",
    [
        # A day inside the phrase does not compete with its quarter or month: the period is the deadline.
        ("Quý II/2021, trước ngày 15/06/2021", "quarter", date(2021, 6, 30)),
        ("trước ngày 20/10/2021 trong Tháng 10/2021", "month", date(2021, 10, 31)),
    ],
)
def test_quarter_or_month_with_a_day(phrase: str, kind: str, due: date) -> None:
    deadline = parse_deadline(phrase)
    assert (deadline.kind, deadline.due) == (kind, due)


def test_two_days_name_more_than_one_deadline() -> None:
    with pytest.raises(ValueError, match="names more than one deadline"):
        parse_deadline("trước ngày 15/03/2021 hoặc 31/03/2021")


def test_quarter_5_is_no_deadline() -> None:
    # There is no fifth quarter: the phrase is not read at all, and the message lists what is read.
    with pytest.raises(ValueError) as caught:
        parse_deadline("Quý 5/2021")
    message = str(caught.value)
    assert message.startswith("'Quý 5/2021' is not a deadline this tool can read")
    assert "'Quý II/2021'" in message and "'Tháng 10/2021'" in message


@pytest.mark.parametrize("month", [13, 0])
def test_month_13_says_there_is_no_such_month(month: int) -> None:
    with pytest.raises(ValueError) as caught:
        parse_deadline(f"Tháng {month}/2021")
    assert str(caught.value) == f"'Tháng {month}/2021': there is no month {month}"


# -- dates as users write them ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("31/02/2021", "'31/02/2021' is not a real date (month 2/2021 has 28 days)"),
        ("30/02/2024", "'30/02/2024' is not a real date (month 2/2024 has 29 days)"),
        ("31/04/2021", "'31/04/2021' is not a real date (month 4/2021 has 30 days)"),
        ("2021-13-01", "'2021-13-01' is not a real date (there is no month 13)"),
        ("01/00/2021", "'01/00/2021' is not a real date (there is no month 0)"),
        ("0000-01-01", "'0000-01-01' is not a real date (there is no year 0)"),
        ("hôm qua", "'hôm qua' is not a date; write it as 2021-01-05, 05/01/2021 or 'ngày 05 tháng 01 năm 2021'"),
    ],
)
def test_date_messages(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["(05/01/2021)", "ngày  5  tháng 1  năm 2021", "2021-1-5", "5.1.2021"])
def test_date_spaced_or_bracketed(text: str) -> None:
    assert parse_date(text) == date(2021, 1, 5)


@pytest.mark.parametrize("text", ["2021-01-05 sáng", "05/01/21", "05/01/2021/", "x05/01/2021"])
def test_date_with_more_or_fewer_digits_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


def test_vietnamese_reasons_cover_each_message() -> None:
    # (Issue 15: the reasons are worded in both languages where they are raised, no longer
    # translated afterwards by a table of patterns: each refusal carries its own Vietnamese.)
    for text in ("31/02/2021", "2021-13-01", "0000-01-01", "hôm qua"):
        with pytest.raises(DateRefused) as caught:
            parse_date(text)
        english, vietnamese = str(caught.value), caught.value.vi
        assert vietnamese != english and vietnamese.endswith(caught.value.reason.vi), english
        assert english.endswith(caught.value.reason.en)
    with pytest.raises(DateRefused) as caught:
        parse_date("31/02/2021")
    assert caught.value.reason.en == "is not a real date (month 2/2021 has 28 days)"
    assert caught.value.reason.vi == "không phải ngày có thật (tháng 2/2021 chỉ có 28 ngày)"


def test_calendar_helpers() -> None:
    assert month_end(2021, 2) == date(2021, 2, 28)
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2021, 12) == date(2021, 12, 31)
    assert quarter_end(2021, 1) == date(2021, 3, 31)
    assert quarter_end(2021, 3) == date(2021, 9, 30)
    assert day_text(date(2021, 1, 5)) == "05/01/2021"
    assert day_text(date(2021, 1, 5), "vi") == "05/01/2021"
    assert day_text(date(2021, 1, 5), "en") == "2021-01-05"
    assert normalise("  (Quý  II/2021)  ") == "Quý II/2021"


@pytest.mark.parametrize("value", [20210105, 1.5, True])
def test_numbers_are_not_dates(value: object) -> None:
    with pytest.raises(ValueError, match="a date is written as text, such as 2021-12-10 or 10/12/2021, not the number"):
        coerce_date(value)


def test_coerce_date_passes_dates_and_reads_text() -> None:
    day = date(2021, 1, 5)
    assert coerce_date(day) is day
    assert coerce_date("05/01/2021") == day


def test_the_plan_reads_its_deadlines_through_these_models(plan) -> None:  # type: ignore[no-untyped-def]
    # The appendix's own words: II.1 "Quý I/2021", III.4.1 "Hằng tháng", I.11 "Ngay sau khi Chỉ số
    # PCI được công bố"; each becomes its kind of deadline when the dataset is loaded.
    tasks = plan.tasks_by_id
    assert (tasks["II.1"].deadline.parsed.kind, tasks["II.1"].deadline.parsed.due) == ("quarter", date(2021, 3, 31))
    assert tasks["III.4.1"].deadline.parsed.kind == "recurring"
    assert tasks["I.11"].deadline.parsed.kind == "event"


@pytest.mark.parametrize("text, message", [
    ("32/12/2021", "'32/12/2021' is not a real date (month 12/2021 has 31 days)"),  # December exists
    ("30/02/0001", "'30/02/0001' is not a real date (month 2/1 has 28 days)"),  # so does year 1
])
def test_date_messages_at_the_edges_of_month_and_year(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text, english, vietnamese", [
    ("2021-13-01", "'2021-13-01' is not a real date (there is no month 13)",
     "'2021-13-01' không phải ngày có thật (không có tháng 13)"),
    ("0000-01-01", "'0000-01-01' is not a real date (there is no year 0)",
     "'0000-01-01' không phải ngày có thật (không có năm 0)"),
    ("29/02/2021", "'29/02/2021' is not a real date (month 2/2021 has 28 days)",
     "'29/02/2021' không phải ngày có thật (tháng 2/2021 chỉ có 28 ngày)"),
])
def test_each_date_reason_in_vietnamese(text: str, english: str, vietnamese: str) -> None:
    with pytest.raises(DateRefused) as caught:
        parse_date(text)
    assert (str(caught.value), caught.value.vi) == (english, vietnamese)
