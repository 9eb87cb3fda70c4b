"""Structured deadlines: what a phrase such as "Quý II/2021" or "Hằng tháng" means as data.

Every kind keeps the exact phrase it came from. ``due`` is the last day by which the thing must be
done, computed from the structure (never typed), or None when the plan gives no fixed date: a
recurrence, a deadline set by someone's guidance or direction, one triggered by an outside event,
or one tied to the reporting schedule.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, computed_field

from cchc_cli.models.base import Model


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
        from cchc_cli.dates import quarter_end

        return quarter_end(self.year, self.quarter)


class MonthDeadline(_Deadline):
    kind: Literal["month"] = "month"
    year: int
    month: Annotated[int, Field(ge=1, le=12)]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def due(self) -> date | None:
        from cchc_cli.dates import month_end

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
