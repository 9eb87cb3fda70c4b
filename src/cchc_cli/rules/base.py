"""What every rule family shares: the context it reads, the draft finding and the result it returns.

A rule is a :class:`~cchc_cli.models.report.RuleMeta` constant defined in the family module whose
code raises it, and a draft names that constant, not its id: a misspelt rule is a NameError at
import and a mypy error, never a KeyError in the middle of a check. A draft has no line number
(the engine turns the data path it names into a location); it says which rule fired, about what,
where in the data, and why, in both languages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

from cchc_cli.agencies import Agency
from cchc_cli.compiled import CompiledPlan, CompiledPeriod, Bilingual
from cchc_cli.datapath import DataPath as DataPath  # rules name paths by this; defined there
from cchc_cli.datapath import present_prefix
from cchc_cli.models.report import RuleMeta
from cchc_cli.numbers import count

if TYPE_CHECKING:
    from cchc_cli.models.progress import IndicatorCounts, ProgressFile, TaskProgress
    from cchc_cli.models.report import DutyRow, TargetRow, TaskRow

#: "due within the next 30 days" (issue 3): the horizon of the due-soon rules.
DUE_SOON_DAYS = 30


class FindingDraft(NamedTuple):
    """A finding as a rule raises it: no location yet (the engine places it and makes it a Finding)."""

    rule: RuleMeta
    subject: str
    message: Bilingual
    path: DataPath = ()
    hint: Bilingual | None = None


class Context(NamedTuple):
    plan: CompiledPlan
    data: ProgressFile  # the validated progress file
    agency: Agency
    period: CompiledPeriod
    as_of: date

    @property
    def year_end_report(self) -> bool:
        """Yearly counts are judged in the year's report, from its cut-off; before, they are progress."""
        return self.period.months == 12 and self.as_of >= self.period.cutoff

    # The sections a file may leave out, as empty ones: the schema makes each a mapping when present.
    @property
    def indicators(self) -> dict[str, IndicatorCounts]:
        return self.data.get("indicators", {})

    @property
    def tasks(self) -> dict[str, TaskProgress]:
        return self.data.get("tasks", {})

    @property
    def events(self) -> dict[str, date]:
        return self.data.get("events", {})

    @property
    def duties(self) -> dict[str, Any]:
        """The section V entries by duty id; ``Any`` because the ids are the plan's (data, not
        code), so no TypedDict key can name the entry an id reads."""
        return self.data.get("duties", {})

    def parent_path(self, *path: str | int) -> DataPath:
        """The deepest prefix of ``path`` present in the data: where a missing entry is reported."""
        return present_prefix(self.data, path)


def draft(rule: RuleMeta, subject: str, path: DataPath, vi: str, en: str, hint: Bilingual | None = None) -> FindingDraft:
    """``rule`` fired about ``subject`` at ``path`` in the data, for the reason given in both languages."""
    return FindingDraft(rule, subject, Bilingual(vi, en), path, hint)


class FamilyResult(NamedTuple):
    """What a family returns: its findings, and the status rows of its kind (none for most)."""

    findings: list[FindingDraft]
    targets: Sequence[TargetRow] = ()
    tasks: Sequence[TaskRow] = ()
    duties: Sequence[DutyRow] = ()


class Family(Protocol):
    """A rule family: a module with this one function (the engine loops over them)."""

    def evaluate(self, ctx: Context) -> FamilyResult: ...


# dates (and dateutil behind it) is imported when a message is written, not when the catalogue
# is read: `cchc rules` and completing --severity load every rule module but write no date.
def vi_date(day: date) -> str:
    from cchc_cli.dates import day_text

    return day_text(day, "vi")


def en_date(day: date) -> str:
    from cchc_cli.dates import day_text

    return day_text(day, "en")


def days(n: int) -> tuple[str, str]:
    return f"{count(n, 'vi')} ngày", f"{count(n, 'en')} day{'s' if n != 1 else ''}"


def time_left(n: int) -> tuple[str, str]:
    """How long until a due day, as the words after it: "(còn 3 ngày)", "(today)"."""
    if n == 0:
        return "hôm nay", "today"
    d_vi, d_en = days(n)
    return f"còn {d_vi}", f"in {d_en}"


class PeriodSlot(NamedTuple):
    """One month or quarter of a recurrence, with the day its occurrence is due."""

    start: date
    end: date
    due: date
    label: Bilingual


_ROMAN = ("I", "II", "III", "IV")


def slots(year: int, freq: str, due_rule: str, day: int | None) -> tuple[PeriodSlot, ...]:
    """Every month or quarter of ``year``, each with its due day under the recurrence's rule."""
    return _slots(year, freq, due_rule, day)


@cache
def _slots(year: int, freq: str, due_rule: str, day: int | None) -> tuple[PeriodSlot, ...]:
    return tuple(_each_slot(year, freq, due_rule, day))


def _each_slot(year: int, freq: str, due_rule: str, day: int | None) -> Iterator[PeriodSlot]:
    from cchc_cli.dates import month_end

    if freq == "monthly":
        for month in range(1, 13):
            start, end = date(year, month, 1), month_end(year, month)
            due = date(year, month, day) if due_rule == "day_of_last_month" and day else end
            yield PeriodSlot(start, end, due, Bilingual(f"tháng {month}/{year}", f"{year}-{month:02d}"))
    elif freq == "quarterly":
        for quarter in range(1, 5):
            start, end = date(year, quarter * 3 - 2, 1), month_end(year, quarter * 3)
            due = date(year, quarter * 3, day) if due_rule == "day_of_last_month" and day else end
            yield PeriodSlot(start, end, due, Bilingual(f"Quý {_ROMAN[quarter - 1]}/{year}", f"Q{quarter} {year}"))
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
        yield PeriodSlot(start, end, end, Bilingual(f"năm {year}", str(year)))


class SlotOutcome(NamedTuple):
    judged: int
    met: int
    missed: tuple[PeriodSlot, ...]
    late: tuple[PeriodSlot, ...]


def judge_slots(year: int, freq: str, due_rule: str, day: int | None, occurrences: list[date], as_of: date) -> SlotOutcome:
    """Each period whose due day is before ``as_of`` needs an occurrence of its own.

    A file lists dates, not which period each one is for, so they are matched in two passes:
    first every period takes a date within it, on or before its due day (on time); then a period
    still without one takes the earliest date left after its due day and no later than the next
    period's due day (late: the report for March sent on 2 April). A missing month therefore
    stays missing instead of shifting every later date by one. A date early in a period counts
    for that period, not as the previous one's late report: the file does not say which it is,
    and this is the reading that asks least of it.

    When the plan sets no day (``unspecified``: "định kỳ hằng tháng"), only presence is judged: as
    many dates of the plan's year as periods ended means none is missing (a report for January
    sent on 3 February is January's); when there are fewer, the periods the matching left empty
    are named. Dates after ``as_of`` count for nothing.
    """
    periods = slots(year, freq, due_rule, day)
    dates = sorted(d for d in occurrences if d <= as_of)
    used = [False] * len(dates)
    state: dict[int, str] = {}
    for i, slot in enumerate(periods):
        for j, d in enumerate(dates):
            if not used[j] and slot.start <= d <= slot.due:
                used[j], state[i] = True, "on_time"
                break
    for i, slot in enumerate(periods):
        if i in state:
            continue
        until = periods[i + 1].due if i + 1 < len(periods) else date.max
        for j, d in enumerate(dates):
            if not used[j] and slot.due < d <= until:
                used[j], state[i] = True, "on_time" if due_rule == "unspecified" else "late"
                break
    judged = [i for i, slot in enumerate(periods) if slot.due < as_of]
    if due_rule == "unspecified" and sum(d.year == year for d in dates) >= len(judged):
        return SlotOutcome(len(judged), len(judged), (), ())
    return SlotOutcome(
        judged=len(judged),
        met=sum(state.get(i) == "on_time" for i in judged),
        missed=tuple(periods[i] for i in judged if i not in state),
        late=tuple(periods[i] for i in judged if state.get(i) == "late"),
    )


def labels(items: tuple[PeriodSlot, ...]) -> tuple[str, str]:
    return ", ".join(s.label.vi for s in items), ", ".join(s.label.en for s in items)
