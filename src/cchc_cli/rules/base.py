"""What every rule family shares: the context a rule reads and the finding it returns.

A rule never knows its severity (the catalogue does) nor a line number (the engine turns the
data path a rule names into a location); it says which rule fired, about what, where in the data,
and why, in both languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple
from datetime import date
from typing import Any

from cchc_cli.agencies import Agency
from cchc_cli.compiled import CompiledPlan, CPeriod, Text2

DataPath = tuple[str | int, ...]

#: "due within the next 30 days" (issue 3): the horizon of the due-soon rules.
DUE_SOON_DAYS = 30


class Found(NamedTuple):
    rule: str
    subject: str
    message: Text2
    path: DataPath = ()
    hint: Text2 | None = None


class Context(NamedTuple):
    plan: CompiledPlan
    data: dict[str, Any]  # the validated progress file
    agency: Agency
    period: CPeriod
    as_of: date

    @property
    def year_end_report(self) -> bool:
        """Yearly counts are judged in the year's report; earlier reports show them as progress."""
        return self.period.months == 12

    def section(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}

    def parent_path(self, *path: str | int) -> DataPath:
        """The deepest prefix of ``path`` present in the data: where a missing entry is reported."""
        node: Any = self.data
        present: list[str | int] = []
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
                present.append(part)
            else:
                break
        return tuple(present)


def found(rule: str, subject: str, path: DataPath, vi: str, en: str, hint: Text2 | None = None) -> Found:
    return Found(rule, subject, Text2(vi, en), path, hint)


def vi_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def en_date(day: date) -> str:
    return day.isoformat()


def days(n: int) -> tuple[str, str]:
    return f"{n} ngày", f"{n} day{'s' if n != 1 else ''}"


class PeriodSlot(NamedTuple):
    """One month or quarter of a recurrence, with the day its occurrence is due."""

    start: date
    end: date
    due: date
    label: Text2


_ROMAN = ("I", "II", "III", "IV")


def slots(year: int, freq: str, due_rule: str, day: int | None) -> Iterator[PeriodSlot]:
    """Every month or quarter of ``year``, each with its due day under the recurrence's rule."""
    from cchc_cli.dates import month_end

    if freq == "monthly":
        for month in range(1, 13):
            start, end = date(year, month, 1), month_end(year, month)
            due = date(year, month, day) if due_rule == "day_of_last_month" and day else end
            yield PeriodSlot(start, end, due, Text2(f"tháng {month}/{year}", f"{year}-{month:02d}"))
    elif freq == "quarterly":
        for quarter in range(1, 5):
            start, end = date(year, quarter * 3 - 2, 1), month_end(year, quarter * 3)
            due = date(year, quarter * 3, day) if due_rule == "day_of_last_month" and day else end
            yield PeriodSlot(start, end, due, Text2(f"Quý {_ROMAN[quarter - 1]}/{year}", f"Q{quarter} {year}"))
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
        yield PeriodSlot(start, end, end, Text2(f"năm {year}", str(year)))


class SlotOutcome(NamedTuple):
    judged: int
    met: int
    missed: tuple[PeriodSlot, ...]
    late: tuple[PeriodSlot, ...]


def judge_slots(year: int, freq: str, due_rule: str, day: int | None, occurrences: list[date], as_of: date) -> SlotOutcome:
    """Each period whose due day is before ``as_of`` needs an occurrence within it, by that day."""
    judged = met = 0
    missed: list[PeriodSlot] = []
    late: list[PeriodSlot] = []
    for slot in slots(year, freq, due_rule, day):
        if not slot.due < as_of:
            continue
        judged += 1
        inside = [d for d in occurrences if slot.start <= d <= slot.end and d <= as_of]
        if any(d <= slot.due for d in inside):
            met += 1
        elif inside:
            late.append(slot)
        else:
            missed.append(slot)
    return SlotOutcome(judged, met, tuple(missed), tuple(late))


def labels(items: tuple[PeriodSlot, ...]) -> tuple[str, str]:
    return ", ".join(s.label.vi for s in items), ", ".join(s.label.en for s in items)
