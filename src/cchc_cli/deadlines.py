"""Every deadline one agency owes under the plan, as dated calendar entries (``cchc plan calendar``).

What an agency owes: the appendix tasks it leads, the section V duties of its kind of unit, and
the periodic reports of section III (due on the 15th of the period's last month, data cut off on
the 10th). Each becomes an :class:`Entry` on the day the check engine would judge it by:

* a task or duty "in Quý II/2021" or "in tháng 10/2021" is due on the last day of that quarter or
  month (the due date :mod:`cchc_cli.models.deadline` computes, the one ``cchc check`` uses); the
  entry says the plan names the quarter, not the day;
* a recurring one (monthly publication on the month's last day, quarterly inspection reports by the
  15th of the quarter's last month, "Hằng tháng") is one series: the dates of
  :func:`cchc_cli.rules.base.slots` under the same due rule the check passes to
  :func:`cchc_cli.rules.base.judge_slots` (the recurrence's ``due`` for a duty,
  :data:`cchc_cli.rules.tasks.RECURRING_TASK_DUE` for a task) and the RRULE that repeats them, so a
  calendar shows one repeating entry, not twelve unrelated ones. Where the plan names only the
  period, the entry says so and that its last day is the latest the check counts as on time; a
  recurrence the check judges by no day (``unspecified``: one in each period, any day) has none;
* nothing else. A date is never made up: a deadline "theo hướng dẫn của …", "theo chỉ đạo của …",
  "with the periodic reports", "after the index is published" (until a progress file dates the
  publication), a yearly count or a duty the check asks for once a period on any day is left out, and listed in
  :attr:`Calendar.left_out` with the reason, for the command to say so.

With a progress file (``report``: the check engine's :class:`cchc_cli.models.report.Report` of it)
only what is still open at its ``as_of`` remains as it was: tasks not done, dated duties with no
date of completion, the occurrences of a series not yet due, and reports whose due day has not
passed. What the file says is done (a task done, a dated duty with its date, the file's own
report once sent) stays as an entry marked ``done``, under the same key, so that a calendar that
imported the full year cancels it rather than keeps it. State is the engine's; nothing here
judges a file.

Pure: no I/O, no clock. The entries are plain data for :mod:`cchc_cli.render.plan_ics`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.compiled import CompiledDuty, CompiledPlan, CompiledPeriod, CompiledTask, Bilingual
from cchc_cli.dates import day_text
from cchc_cli.errors import UsageError

if TYPE_CHECKING:
    from cchc_cli.agencies import Agency
    from cchc_cli.dataset import LoadedPlan
    from cchc_cli.models.report import Report


class Repeat(NamedTuple):
    """An RFC 5545 recurrence rule, as data: FREQ=MONTHLY;INTERVAL=…;BYMONTHDAY=…;COUNT=…."""

    interval: int  # 1: every month; 3: every quarter
    bymonthday: int  # 15, or -1 for the month's last day
    times: int


class Entry(NamedTuple):
    """One all-day calendar entry: a single deadline, or a series of them (``repeat``)."""

    #: stable within the plan and agency: "task:I.1", "duty:agency_plan", "report:Q1", "cutoff:Q1"
    key: str
    kind: str  # "task" | "duty" | "report" | "cutoff"
    title: Bilingual
    #: where in the decision it comes from: "Phụ lục, mục I.1" / "Appendix, item I.1"
    source: Bilingual
    #: the plan's words for it, verbatim (Vietnamese: the plan is not translated)
    text: str
    #: the deadline in the plan's words ("Quý I/2021", "chậm nhất ngày 15 của tháng cuối quý")
    deadline_text: str
    #: why the entry is on its day, in both languages ("the last day of the quarter …")
    when: Bilingual
    #: every date the entry stands for, in order: one, or each occurrence of the series
    dates: tuple[date, ...]
    repeat: Repeat | None = None
    #: what the date rests on besides the plan's words (a reading, an erratum), when anything
    basis: Bilingual | None = None
    #: done by the progress file (--from): how, in both languages. The entry stays, so that a
    #: calendar that imported it before learns it is finished instead of keeping the old copy.
    done: Bilingual | None = None


class LeftOut(NamedTuple):
    """Something the agency owes that has no day in the plan, so no entry."""

    key: str
    label: Bilingual
    why: Bilingual


class Calendar(NamedTuple):
    plan_id: str
    plan_version: str
    plan_sha256: str
    year: int
    decision: str
    agency: Agency
    period: CompiledPeriod | None
    as_of: date | None
    entries: tuple[Entry, ...]
    left_out: tuple[LeftOut, ...]
    #: grows with what the calendar knows (RFC 5545 SEQUENCE): 0 for the plan alone; with a progress
    #: file, 1 + the days from the plan year's start to its as_of, so a later file's export
    #: supersedes an earlier one's, event by event, in the calendar program that imported both
    sequence: int = 0


_QUARTER_WORDS = Bilingual("ngày cuối quý", "the last day of the quarter")
_MONTH_WORDS = Bilingual("ngày cuối tháng", "the last day of the month")


def _when(kind: str, due: date) -> Bilingual:
    """Why a dated deadline is on ``due``: the day itself, or the last day of a quarter or month."""
    vi, en = day_text(due, "vi"), day_text(due, "en")
    if kind == "quarter":
        return Bilingual(f"{vi} ({_QUARTER_WORDS.vi}; Kế hoạch ghi quý, không ghi ngày)",
                     f"{en} ({_QUARTER_WORDS.en}; the plan names the quarter, not a day)")
    if kind == "month":
        return Bilingual(f"{vi} ({_MONTH_WORDS.vi}; Kế hoạch ghi tháng, không ghi ngày)",
                     f"{en} ({_MONTH_WORDS.en}; the plan names the month, not a day)")
    return Bilingual(vi, en)


def _series(year: int, freq: str, due_rule: str, day: int | None, after: date | None) -> tuple[tuple[date, ...], Repeat] | None:
    """The due days of a recurrence (the days the check judges each period by, from ``after`` on)
    and their RRULE; None when the check judges it by no day (``unspecified``: only that each
    period has one, on any day), so the calendar has no day to give it either."""
    from cchc_cli.rules.base import slots

    if due_rule == "unspecified":
        return None
    dates = tuple(s.due for s in slots(year, freq, due_rule, day) if after is None or s.due >= after)
    bymonthday = day if due_rule == "day_of_last_month" and day else -1
    return dates, Repeat({"monthly": 1, "quarterly": 3}.get(freq, 12), bymonthday, len(dates))


_PERIOD_WORDS = {"monthly": Bilingual("tháng", "month"), "quarterly": Bilingual("quý", "quarter"), "yearly": Bilingual("năm", "year")}


def _series_when(freq: str, due_rule: str, day: int | None) -> Bilingual:
    if due_rule == "day_of_last_month" and day:
        return Bilingual(f"ngày {day} của tháng cuối mỗi quý" if freq == "quarterly" else f"ngày {day} hằng tháng",
                     f"day {day} of each quarter's last month" if freq == "quarterly" else f"day {day} of every month")
    unit = _PERIOD_WORDS.get(freq, Bilingual(freq, freq))
    last = Bilingual(f"ngày cuối mỗi {unit.vi}", f"the last day of every {unit.en}")
    if due_rule == "last_day_of_month":  # the plan's own day ("vào ngày cuối cùng của các tháng")
        return last
    # "end_of_period": the plan names the period only. Its last day is the latest the check
    # counts as on time, as for "Quý II/2021" (and a duty with no day at all is left out).
    return Bilingual(f"{last.vi} (Kế hoạch chỉ ghi mỗi {unit.vi}, không ghi ngày; là ngày muộn nhất cchc check tính là đúng hạn)",
                 f"{last.en} (the plan names only the {unit.en}, not a day; the latest day cchc check counts as on time)")


def _no_day(key: str, label: Bilingual, why_vi: str, why_en: str) -> LeftOut:
    return LeftOut(key, label, Bilingual(why_vi, why_en))


def _task_label(task: CompiledTask) -> Bilingual:
    return Bilingual(f"nhiệm vụ {task.id} (Phụ lục)", f"appendix task {task.id}")


def _task_title(task: CompiledTask) -> Bilingual:
    # The plan's content is Vietnamese only; the English summary keeps it as written.
    return Bilingual(f"Hạn nhiệm vụ {task.id}: {task.content}", f"Due: appendix task {task.id}: {task.content}")


def _tasks(plan: CompiledPlan, loaded: LoadedPlan, agency: Agency, report: Report | None,
           entries: list[Entry], left: list[LeftOut]) -> None:
    rows = {row.id: row for row in report.tasks} if report is not None else {}
    as_of = report.as_of if report is not None else None
    for task in plan.tasks_led_by(agency.id):
        row = rows.get(task.id)
        source = Bilingual(f"Phụ lục, mục {task.id}", f"Appendix, item {task.id}")
        product = loaded.tasks_by_id[task.id].product if task.id in loaded.tasks_by_id else None
        text = task.content + (f"\nSản phẩm: {product}" if product else "")
        label = _task_label(task)
        basis = task.basis.label if task.basis else None
        if row is not None and row.state in ("done", "done_late", "invalid"):
            # Done (or said to be: "invalid" is done without its date, which check reports). A
            # day it has is the one an earlier calendar put it on: that event is cancelled.
            due = task.due or row.due
            if due is not None and task.deadline_kind != "recurring":
                on = _when(task.deadline_kind, due) if task.due is not None else Bilingual(day_text(due, "vi"), day_text(due, "en"))
                entries.append(Entry(f"task:{task.id}", "task", _task_title(task), source, text, task.deadline_text, on,
                                     (due,), None, basis, _done_on(row.completed_on, as_of)))
            continue
        if task.deadline_kind == "recurring" and task.freq:
            from cchc_cli.rules.tasks import RECURRING_TASK_DUE

            series = _series(plan.year, task.freq, RECURRING_TASK_DUE, None, as_of)
            if series is None:
                left.append(_no_day(f"task:{task.id}", label,
                                    f"{task.deadline_text}: không có ngày cố định", f"{task.deadline_text}: no fixed day"))
                continue
            dates, repeat = series
            if dates:
                entries.append(Entry(f"task:{task.id}", "task", _task_title(task), source, text, task.deadline_text,
                                     _series_when(task.freq, RECURRING_TASK_DUE, None), dates, repeat, basis))
            continue
        due = task.due
        when = _when(task.deadline_kind, due) if due is not None else None
        if due is None and row is not None and row.due is not None:
            # An event-triggered task whose event the progress file dates: due the reading's number
            # of days after it, as the check computed (and the entry names the reading).
            due = row.due
            when = Bilingual(day_text(due, "vi"), day_text(due, "en"))
        if due is None or when is None:
            left.append(_no_day(f"task:{task.id}", label, *_why_no_day(plan, task)))
            continue
        entries.append(Entry(f"task:{task.id}", "task", _task_title(task), source, text, task.deadline_text, when,
                             (due,), None, basis))


def _why_no_day(plan: CompiledPlan, task: CompiledTask) -> tuple[str, str]:
    phrase = task.deadline_text
    if task.deadline_kind == "event":
        event = plan.events.get(task.event or "")
        what = event.title if event is not None else Bilingual(phrase, phrase)
        return (f"“{phrase}”: sự kiện “{what.vi}” chưa có ngày; ghi ngày đó vào events: của tệp tiến độ rồi dùng --from",
                f"“{phrase}”: the event “{what.en}” has no date yet; date it under events: in the progress file "
                "and use --from")
    if task.deadline_kind == "reporting":
        return (f"“{phrase}”: theo thời gian báo cáo, Kế hoạch không ghi ngày riêng",
                f"“{phrase}”: with the reports; the plan sets no day of its own")
    return (f"“{phrase}”: Kế hoạch không ấn định ngày", f"“{phrase}”: the plan sets no day")


def _duties(plan: CompiledPlan, loaded: LoadedPlan, agency: Agency, report: Report | None,
            entries: list[Entry], left: list[LeftOut]) -> None:
    texts = {d.id: d.text for d in loaded.plan.duties}
    rows = {row.id: row for row in report.duties} if report is not None else {}
    as_of = report.as_of if report is not None else None
    for duty in plan.duties:
        if not plan.duty_applies(duty, agency.id, agency.kind):
            continue
        if duty.applies_to_appendix_leads and not duty.applies_to_kinds and not duty.applies_to_agencies:
            continue  # V.2 "the tasks of the appendix": those tasks are the entries above
        source = Bilingual(f"Mục {duty.section}", f"Section {duty.section}")
        label = Bilingual(f"{duty.title.vi} (mục {duty.section})", f"{duty.title.en} (section {duty.section})")
        text = texts.get(duty.id, duty.title.vi)
        row = rows.get(duty.id)
        made = False
        if duty.due is not None and duty.deadline_text is not None:
            made = True
            from cchc_cli.models.deadline import parse_deadline

            kind = parse_deadline(duty.deadline_text).kind
            done = _done_on(row.done_on, as_of) if row is not None and row.done_on is not None else None
            entries.append(Entry(f"duty:{duty.id}", "duty", Bilingual(f"Hạn: {duty.title.vi}", f"Due: {duty.title.en}"),
                                 source, text, duty.deadline_text, _when(kind, duty.due), (duty.due,), done=done))
        rec = duty.recurrence
        if rec is not None:
            series = _series(plan.year, rec.freq, rec.due, rec.day, as_of)
            if series is not None:
                made = True
                dates, repeat = series
                if dates:
                    entries.append(Entry(f"duty:{duty.id}:recurrence", "duty",
                                         Bilingual(f"Hạn: {rec.what.vi}", f"Due: {rec.what.en[0].upper()}{rec.what.en[1:]}"),
                                         source, text, rec.text, _series_when(rec.freq, rec.due, rec.day), dates, repeat))
        if not made:
            left.append(_no_day(f"duty:{duty.id}", label, *_why_duty(duty)))


def _why_duty(duty: CompiledDuty) -> tuple[str, str]:
    if duty.recurrence is not None:
        # The check asks only for one in each period, on any day (a January report sent on 3
        # February is January's): no day to put it on, where a task "Hằng tháng" is judged by
        # each month's last day and gets a series.
        unit = _PERIOD_WORDS.get(duty.recurrence.freq, Bilingual(duty.recurrence.freq, duty.recurrence.freq))
        return (f"“{duty.recurrence.text}”: Kế hoạch không ấn định ngày trong kỳ; cchc check chỉ xét mỗi {unit.vi} có một lần, "
                "vào ngày nào cũng được",
                f"“{duty.recurrence.text}”: the plan sets no day within the period; cchc check asks only for one each "
                f"{unit.en}, on any day")
    if duty.window_days is not None and duty.window_after is not None:
        return (f"trong {duty.window_days} ngày sau {duty.window_after.vi}: ngày tùy từng lần",
                f"within {duty.window_days} days of {duty.window_after.en}: a date for each occasion")
    if duty.min_count is not None and duty.min_count_what is not None:
        return (f"ít nhất {duty.min_count} {duty.min_count_what.vi} trong năm: Kế hoạch không ấn định ngày",
                f"at least {duty.min_count} {duty.min_count_what.en} in the year: the plan sets no day")
    return ("Kế hoạch không ấn định ngày", "the plan sets no day")


def _reports(plan: CompiledPlan, loaded: LoadedPlan, agency: Agency, report: Report | None,
             entries: list[Entry], left: list[LeftOut]) -> None:
    reporting = loaded.plan.reporting
    periodic = plan.reports_periodically(agency.id, agency.kind)
    thematic = next((r for r in reporting.reporters if r.reports == "thematic" and agency.id in r.agencies), None)
    if thematic is not None:
        left.append(_no_day("report:thematic", Bilingual(f"báo cáo chuyên đề (mục {thematic.section})",
                                                     f"thematic reports (section {thematic.section})"),
                            "“định kỳ”: Kế hoạch không ấn định ngày", "“định kỳ” (periodically): the plan sets no day"))
    if not periodic:
        return
    recipient = plan.registry.get(reporting.recipient)
    via = plan.registry.get(reporting.via)
    # Who reports (III.2: "Xây dựng báo cáo CCHC Quý I, 6 tháng, 9 tháng, báo cáo CCHC năm …") is the
    # duty; the day is the rule of III.1 that follows it in the description.
    reporter = next((r for r in reporting.reporters if r.reports == "periodic"
                     and (agency.kind in r.kinds or agency.id in r.agencies)), None)
    section = reporter.section if reporter is not None else reporting.section
    duty_text = reporter.text if reporter is not None else reporting.due_text
    source = Bilingual(f"Mục {section}", f"Section {section}")
    as_of = report.as_of if report is not None else None
    for period in plan.periods:
        sent = report.submitted_on if report is not None and report.period == period.id else None
        if as_of is None or period.due >= as_of or sent is not None:
            entries.append(Entry(
                f"report:{period.id}", "report",
                Bilingual(f"Hạn gửi báo cáo CCHC {period.name} về {recipient.name} (qua {via.name})",
                      f"Due: {period.name_en} reform report to the {recipient.name_en} (via the {via.name_en})"),
                source, duty_text, reporting.due_text, Bilingual(day_text(period.due, "vi"), day_text(period.due, "en")),
                (period.due,), done=Bilingual(f"đã gửi ngày {day_text(sent, 'vi')}", f"sent on {day_text(sent, 'en')}") if sent else None))
        if as_of is None or period.cutoff > as_of:  # a file as of its cut-off has reached it
            entries.append(Entry(
                f"cutoff:{period.id}", "cutoff",
                Bilingual(f"Chốt số liệu báo cáo CCHC {period.name}", f"Data cut-off for the {period.name_en} reform report"),
                source, duty_text, reporting.cutoff_text,
                Bilingual(day_text(period.cutoff, "vi"), day_text(period.cutoff, "en")), (period.cutoff,)))


def _done_on(day: date | None, as_of: date | None) -> Bilingual:
    if day is not None:
        return Bilingual(f"đã hoàn thành ngày {day_text(day, 'vi')}", f"done on {day_text(day, 'en')}")
    at = Bilingual(f" (tệp tiến độ ngày {day_text(as_of, 'vi')})", f" (progress file as of {day_text(as_of, 'en')})") if as_of else Bilingual("", "")
    return Bilingual(f"đã hoàn thành theo tệp tiến độ{at.vi}", f"done by the progress file{at.en}")


def _within(entry: Entry, first: date, last: date) -> Entry | None:
    """The entry limited to the days from ``first`` to ``last``; None when none is left."""
    dates = tuple(d for d in entry.dates if first <= d <= last)
    if not dates:
        return None
    if entry.repeat is None:
        return entry
    return entry._replace(dates=dates, repeat=entry.repeat._replace(times=len(dates)))


def build(plan: CompiledPlan, loaded: LoadedPlan, agency: Agency, *, period: CompiledPeriod | None = None,
          report: Report | None = None) -> Calendar:
    """The deadlines ``agency`` owes, in date order; within ``period``'s months (from the start of
    the plan's year to the end of the period, as its report covers them) when one is given; only
    those still open at ``report``'s as_of when a progress file's report is given.

    Raises UsageError when the plan gives the agency nothing with a deadline at all."""
    entries: list[Entry] = []
    left: list[LeftOut] = []
    _tasks(plan, loaded, agency, report, entries, left)
    _duties(plan, loaded, agency, report, entries, left)
    _reports(plan, loaded, agency, report, entries, left)
    if not entries and not left and report is None:
        _owes_nothing(agency)
    if period is not None:
        from cchc_cli.dates import month_end

        first, last = date(plan.year, 1, 1), month_end(plan.year, period.months)
        entries = [e for e in (_within(e, first, last) for e in entries) if e is not None]
    entries.sort(key=lambda e: (e.dates[0], e.kind != "cutoff", e.key))
    decision = loaded.plan.plan.decision
    return Calendar(
        plan_id=plan.id, plan_version=plan.version, plan_sha256=plan.sha256, year=plan.year,
        decision=str(decision.number), agency=agency, period=period,
        as_of=report.as_of if report is not None else None,
        entries=tuple(entries), left_out=tuple(left),
        sequence=_sequence(plan.year, report.as_of if report is not None else None),
    )


def _sequence(year: int, as_of: date | None) -> int:
    # 1 + days since the year's start, never below 1: even a file as of 1 January (or of the year
    # before) supersedes the plan-only calendar, whose events have SEQUENCE 0.
    return 0 if as_of is None else max(1, (as_of - date(year, 1, 1)).days + 1)


def _owes_nothing(agency: Agency) -> None:
    raise UsageError(
        Bilingual(
            f"Kế hoạch không giao cho {agency.name} thời hạn nào: không chủ trì nhiệm vụ Phụ lục, không có "
            "trách nhiệm mục V và không gửi báo cáo định kỳ",
            f"the plan gives {agency.name_en} no deadline: it leads no appendix task, no section V duty "
            "applies to it and it sends no periodic report",
        ),
        None,
        Bilingual(
            f"xem các nhiệm vụ cơ quan phối hợp bằng 'cchc plan tasks --agency {agency.id} --coordinating'",
            f"see the tasks it coordinates with 'cchc plan tasks --agency {agency.id} --coordinating'",
        ),
    )


def nothing_dated(agency: Agency) -> UsageError:
    """The error for an agency whose every deadline has no day (listed before it): no calendar to write."""
    return UsageError(
        Bilingual(
            f"Kế hoạch không giao cho {agency.name} thời hạn nào có ngày cụ thể (các việc phải làm được liệt kê "
            "ở trên), nên không có lịch để ghi",
            f"the plan gives {agency.name_en} no deadline with a day (those it owes are listed above), so there "
            "is no calendar to write",
        ),
        None,
        Bilingual(
            f"xem các việc phải làm bằng 'cchc plan tasks --agency {agency.id}' và 'cchc plan info'",
            f"see what it owes with 'cchc plan tasks --agency {agency.id}' and 'cchc plan info'",
        ),
    )
