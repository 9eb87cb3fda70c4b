"""Structured deadlines: what a phrase such as "Quý II/2021" or "Hằng tháng" means as data.

Every kind keeps the exact phrase it came from. ``due`` is the last day by which the thing must be
done, computed from the structure (never typed), or None when the plan gives no fixed date: a
recurrence, a deadline set by someone's guidance or direction, one triggered by an outside event,
or one tied to the reporting schedule.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, computed_field

from cchc_cli.bilingual import SaidError, Bilingual
from cchc_cli.dates import month_end, normalise, parse_date, quarter_end
from cchc_cli.models.base import Model

# The grammar of the plan's deadline phrases. It lives beside the models it builds: dates.py knows
# days, months and quarters, and nothing of these models, so data flows one way (dates -> models).
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"\bquý\s+(iv|iii|ii|i|[1-4])\s*/\s*(\d{4})\b")
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*/\s*(\d{4})\b")
_DAY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_RECURRING: dict[str, Literal["monthly", "quarterly", "yearly"]] = {
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


class _Deadline(Model):
    phrase: str = Field(description="the words the deadline was read from")

    @property
    def fixed(self) -> bool:
        return self.due is not None

    @property
    def due(self) -> date | None:  # overridden by the dated kinds
        return None


class DateDeadline(_Deadline):
    kind: Literal["date"] = "date"
    on: date

    @computed_field  # type: ignore[prop-decorator]
    @property
    def due(self) -> date | None:
        return self.on


class QuarterDeadline(_Deadline):
    kind: Literal["quarter"] = "quarter"
    year: int
    quarter: Annotated[int, Field(ge=1, le=4)]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def due(self) -> date | None:
        return quarter_end(self.year, self.quarter)


class MonthDeadline(_Deadline):
    kind: Literal["month"] = "month"
    year: int
    month: Annotated[int, Field(ge=1, le=12)]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def due(self) -> date | None:
        return month_end(self.year, self.month)


class RecurringDeadline(_Deadline):
    kind: Literal["recurring"] = "recurring"
    freq: Literal["monthly", "quarterly", "yearly"]


class GuidanceDeadline(_Deadline):
    """"Theo hướng dẫn của …": the date will come from someone else's guidance."""

    kind: Literal["guidance"] = "guidance"
    by: str


class DirectionDeadline(_Deadline):
    """"Theo chỉ đạo của …": the date will come from a direction of the city."""

    kind: Literal["direction"] = "direction"
    by: str


class EventDeadline(_Deadline):
    """"Ngay sau khi … được công bố": due once an outside event has happened."""

    kind: Literal["event"] = "event"
    trigger: str
    event: str | None = None


class ReportingDeadline(_Deadline):
    """"Theo thời gian báo cáo …": due with the periodic or the thematic reports."""

    kind: Literal["reporting"] = "reporting"
    schedule: Literal["periodic", "thematic"]


AnyDeadline = (
    DateDeadline
    | QuarterDeadline
    | MonthDeadline
    | RecurringDeadline
    | GuidanceDeadline
    | DirectionDeadline
    | EventDeadline
    | ReportingDeadline
)
Deadline = Annotated[AnyDeadline, Field(discriminator="kind")]

DEADLINE_KINDS: tuple[str, ...] = tuple(
    member.model_fields["kind"].default for member in AnyDeadline.__args__
)


def parse_deadline(phrase: str) -> AnyDeadline:
    """Read a deadline phrase. Raises ValueError when it has no reading, or more than one."""
    text = normalise(phrase)
    lowered = text.lower()
    if lowered in _RECURRING:
        return RecurringDeadline(phrase=phrase, freq=_RECURRING[lowered])
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
        raise SaidError(Bilingual(f"{text!r} gắn thời hạn với báo cáo nhưng không rõ là báo cáo định kỳ hay chuyên đề",
                              f"{text!r} ties the deadline to a report, but not to a periodic or thematic one"))

    found: list[AnyDeadline] = []
    for m in _QUARTER.finditer(lowered):
        q = m.group(1)
        quarter = ROMAN_QUARTERS[q] if q in ROMAN_QUARTERS else int(q)
        found.append(QuarterDeadline(phrase=phrase, year=int(m.group(2)), quarter=quarter))
    for m in _MONTH.finditer(lowered):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            raise SaidError(Bilingual(f"{text!r}: không có tháng {month}", f"{text!r}: there is no month {month}"))
        found.append(MonthDeadline(phrase=phrase, year=int(m.group(2)), month=month))
    if not found:
        for m in _DAY.finditer(lowered):
            found.append(DateDeadline(phrase=phrase, on=parse_date(m.group(0))))
    if len(found) == 1:
        return found[0]
    if not found:
        raise SaidError(Bilingual(
            f"{text!r} không phải thời hạn công cụ đọc được "
            "(một quý 'Quý II/2021', một tháng 'Tháng 10/2021', một ngày, 'Hằng tháng', "
            "'Theo hướng dẫn của …', 'Theo chỉ đạo của …', 'Ngay sau khi … được công bố' "
            "hay 'Theo thời gian báo cáo …')",
            f"{text!r} is not a deadline this tool can read "
            "(a quarter 'Quý II/2021', a month 'Tháng 10/2021', a date, 'Hằng tháng', "
            "'Theo hướng dẫn của …', 'Theo chỉ đạo của …', 'Ngay sau khi … được công bố' "
            "or 'Theo thời gian báo cáo …')",
        ))
    raise SaidError(Bilingual(f"{text!r} nêu nhiều thời hạn; hãy ghi thời hạn áp dụng ở khóa 'reading'",
                          f"{text!r} names more than one deadline; give the one that applies as 'reading'"))
