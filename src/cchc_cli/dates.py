"""Dates and deadlines: Vietnamese phrases in, structured deadlines and calendar dates out.

Reads the deadline phrases of the plan ("Quý II/2021", "Tháng 10/2021", "Hằng tháng",
"Theo hướng dẫn của Bộ Nội vụ", "Ngay sau khi Chỉ số PCI được công bố", "Theo thời gian báo cáo
CCHC định kỳ", or a sentence that contains one of the dated forms, such as "hoàn thành trong
Quý II/2021") and the dates users write (``2021-01-05``, ``5/1/2021``, ``ngày 05 tháng 01 năm
2021``; never month-first). Calendar arithmetic is python-dateutil's.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from cchc_cli.text import quoted

if TYPE_CHECKING:
    from cchc_cli.models.deadline import AnyDeadline

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$")

_QUARTER = re.compile(r"\bquý\s+(iv|iii|ii|i|[1-4])\s*/\s*(\d{4})\b")
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*/\s*(\d{4})\b")
_DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_RECURRING = {
    "hằng tháng": "monthly",
    "hàng tháng": "monthly",
    "hằng quý": "quarterly",
    "hàng quý": "quarterly",
    "hằng năm": "yearly",
    "hàng năm": "yearly",
}
_GUIDANCE = re.compile(r"^theo hướng dẫn của\s+(?P<by>.+)$")
_DIRECTION = re.compile(r"^theo chỉ đạo của\s+(?P<by>.+)$")
_EVENT = re.compile(r"^ngay sau khi\s+(?P<trigger>.+?)\s+được công bố$")
_REPORTING = re.compile(r"^theo thời gian\s+(?P<rest>.*báo cáo.*)$")


def shown(day: date, lang: str = "vi") -> str:
    """A date as each language writes it: 05/01/2021 in Vietnamese (day first), ISO in English."""
    return day.isoformat() if lang == "en" else day.strftime("%d/%m/%Y")


def month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().strip("()").strip()
    return re.sub(r"\s+", " ", text)


def parse_date(text: str) -> date:
    """A date as users write it; day first, never month first. Raises ValueError with a reason."""
    cleaned = _normalise(text)
    lowered = cleaned.lower()
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_WORDS, "dmy")):
        match = pattern.match(lowered)
        if match:
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(year, month, day)
            except ValueError as e:
                # Our own reason, not datetime's: its English varies between Python versions, and
                # VI_REASONS must be able to say each one in Vietnamese.
                raise ValueError(f"{quoted(cleaned)} is not a real date ({_why_not_real(year, month)})") from e
    raise ValueError(
        f"{quoted(cleaned)} is not a date; write it as 2021-01-05, 05/01/2021 or 'ngày 05 tháng 01 năm 2021'"
    )


def _why_not_real(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 1:
        return f"there is no year {year}"
    return f"month {month}/{year} has {month_end(year, month).day} days"


#: The date messages above, in Vietnamese (pydantic carries a validator's ValueError as text, so
#: the report's language is chosen where that text is shown: ``progress.translate``). Each says the
#: whole message, so that no English joint (" or ") is left between translated parts.
VI_REASONS: tuple[tuple[str, str], ...] = (
    (r"is not a real date \(there is no month (\d+)\)", r"không phải ngày có thật (không có tháng \1)"),
    (r"is not a real date \(there is no year (\d+)\)", r"không phải ngày có thật (không có năm \1)"),
    (r"is not a real date \(month (\d+)/(\d+) has (\d+) days\)", r"không phải ngày có thật (tháng \1/\2 chỉ có \3 ngày)"),
    (r"is not a date; write it as (\S+), (\S+) or '(.+?)'$", r"không phải ngày; hãy viết dạng \2, \1 hoặc '\3'"),
    (r"a date is written as text, such as (\S+) or (\S+), not the number (.*)$",
     r"ngày phải viết dạng chữ, ví dụ \2 hoặc \1, không phải số \3"),
)


def coerce_date(value: object) -> object:
    """Pydantic hook: turn text into a date; refuse numbers, which pydantic would read as Unix time."""
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, (int, float)):  # bool is an int too
        raise ValueError(f"a date is written as text, such as 2021-12-10 or 10/12/2021, not the number {quoted(value)}")
    return value


def parse_deadline(phrase: str) -> AnyDeadline:
    """Read a deadline phrase. Raises ValueError when it has no reading, or more than one."""
    # The deadline models are imported here, not at the top: reading a progress file's dates
    # (parse_date) must not pay for pydantic's model machinery.
    from cchc_cli.models.deadline import (
        DateDeadline,
        DirectionDeadline,
        EventDeadline,
        GuidanceDeadline,
        MonthDeadline,
        QuarterDeadline,
        RecurringDeadline,
        ReportingDeadline,
    )

    text = _normalise(phrase)
    lowered = text.lower()
    if lowered in _RECURRING:
        return RecurringDeadline(phrase=phrase, freq=_RECURRING[lowered])  # type: ignore[arg-type]
    for pattern, build in (
        (_GUIDANCE, lambda m: GuidanceDeadline(phrase=phrase, by=text[m.start("by") :])),
        (_DIRECTION, lambda m: DirectionDeadline(phrase=phrase, by=text[m.start("by") :])),
        (
            _EVENT,
            lambda m: EventDeadline(phrase=phrase, trigger=text[m.start("trigger") : m.end("trigger")]),
        ),
    ):
        match = pattern.match(lowered)
        if match:
            return build(match)
    reporting = _REPORTING.match(lowered)
    if reporting:
        rest = reporting.group("rest")
        if "chuyên đề" in rest:
            return ReportingDeadline(phrase=phrase, schedule="thematic")
        if "định kỳ" in rest:
            return ReportingDeadline(phrase=phrase, schedule="periodic")
        raise ValueError(f"{text!r} ties the deadline to a report, but not to a periodic or thematic one")

    found: list[AnyDeadline] = []
    for m in _QUARTER.finditer(lowered):
        q = m.group(1)
        quarter = ROMAN_QUARTERS[q] if q in ROMAN_QUARTERS else int(q)
        found.append(QuarterDeadline(phrase=phrase, year=int(m.group(2)), quarter=quarter))
    for m in _MONTH.finditer(lowered):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: there is no month {month}")
        found.append(MonthDeadline(phrase=phrase, year=int(m.group(2)), month=month))
    if not found:
        for m in _DAY.finditer(lowered):
            found.append(DateDeadline(phrase=phrase, on=parse_date(m.group(0))))
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValueError(
            f"{text!r} is not a deadline this tool can read "
            "(a quarter 'Quý II/2021', a month 'Tháng 10/2021', a date, 'Hằng tháng', "
            "'Theo hướng dẫn của …', 'Theo chỉ đạo của …', 'Ngay sau khi … được công bố' "
            "or 'Theo thời gian báo cáo …')"
        )
    raise ValueError(f"{text!r} names more than one deadline; give the one that applies as 'reading'")
