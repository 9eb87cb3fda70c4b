"""Tasks of the appendix that the agency leads, judged at the as-of date.

A dated task is overdue once its due day is before as_of and it is not done; it is late when
its completion date is after its due day. A recurring task ("Hằng tháng") needs an occurrence in
every month that ended before as_of. An event-triggered task ("Ngay sau khi … được công bố") waits
until the file dates its event (all of them, for I.9's three indices); the source then still sets
no day, so it is due the number of days after the event that the plan's reading gives (R01), and
with no reading it has no due date. A task whose date comes from someone's guidance or direction,
or from the reporting schedule, has no fixed date: it is listed, never failed.

A due date that rests on a reading or on an erratum (VII.2's "Quý I/2020" read as Q1/2021) is the
tool's, not the plan's: missing it is a warning (CCHC209), not an error, and every message about
it names the reading.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from cchc_cli.compiled import CompiledTask, Bilingual
from cchc_cli.models.report import RuleMeta, Severity, TaskRow
from cchc_cli.rules.base import (
    DUE_SOON_DAYS,
    Context,
    DataPath,
    FamilyResult,
    FindingDraft,
    days,
    draft,
    en_date,
    judge_slots,
    labels,
    time_left,
    vi_date,
)
from cchc_cli.statuses import TASK_STATUSES
from cchc_cli.text import quoted

if TYPE_CHECKING:
    from cchc_cli.models.progress import TaskProgress

UNKNOWN_TASK = RuleMeta(
    id="CCHC005", slug="unknown-task", family="input", severity=Severity.error,
    title=Bilingual("Nhiệm vụ không có trong Phụ lục", "Task not in the appendix"),
    help=Bilingual("Mã nhiệm vụ phải là mã một dòng của Phụ lục ('cchc plan tasks').",
               "Task ids are the ids of the appendix rows ('cchc plan tasks')."),
)
DUPLICATE_ENTRY = RuleMeta(
    id="CCHC012", slug="duplicate-entry", family="input", severity=Severity.error,
    title=Bilingual("Mục bị ghi hai lần", "Entry given twice"),
    help=Bilingual("Cùng một nhiệm vụ được ghi hai lần dưới những cách viết khác nhau (ví dụ II.1 và ii.1).",
               "The same task appears twice under different spellings (e.g. II.1 and ii.1)."),
)
TASK_OVERDUE = RuleMeta(
    id="CCHC201", slug="task-overdue", family="tasks", severity=Severity.error,
    title=Bilingual("Nhiệm vụ quá hạn", "Task overdue"),
    help=Bilingual("Đã qua thời hạn của Phụ lục mà nhiệm vụ chưa hoàn thành.",
               "The appendix deadline has passed and the task is not done."),
)
TASK_DONE_LATE = RuleMeta(
    id="CCHC202", slug="task-done-late", family="tasks", severity=Severity.warning,
    title=Bilingual("Nhiệm vụ hoàn thành muộn", "Task done late"),
    help=Bilingual("Nhiệm vụ đã hoàn thành nhưng sau thời hạn.",
               "The task was done after its deadline."),
)
TASK_DUE_SOON = RuleMeta(
    id="CCHC203", slug="task-due-soon", family="tasks", severity=Severity.info,
    title=Bilingual("Nhiệm vụ sắp đến hạn", "Task due soon"),
    help=Bilingual("Nhiệm vụ chưa hoàn thành và đến hạn trong vòng 30 ngày.",
               "The task is not done and falls due within 30 days."),
)
TASK_DONE_WITHOUT_DATE = RuleMeta(
    id="CCHC204", slug="task-done-without-date", family="tasks", severity=Severity.error,
    title=Bilingual("Hoàn thành nhưng thiếu ngày", "Done without a date"),
    help=Bilingual("Nhiệm vụ ghi đã xong (done) phải có completed_on.",
               "A task marked done needs its completed_on date."),
)
COMPLETED_AFTER_AS_OF = RuleMeta(
    id="CCHC205", slug="completed-after-as-of", family="tasks", severity=Severity.error,
    title=Bilingual("Ngày hoàn thành sau ngày chốt số liệu", "Completed after the as-of date"),
    help=Bilingual("Ngày hoàn thành không thể sau ngày chốt số liệu của báo cáo.",
               "A completion date cannot be later than the report's as-of date."),
)
TASK_LED_BY_OTHER = RuleMeta(
    id="CCHC206", slug="task-led-by-other", family="tasks", severity=Severity.warning,
    title=Bilingual("Nhiệm vụ do cơ quan khác chủ trì", "Task led by another agency"),
    help=Bilingual("Chỉ báo cáo các nhiệm vụ cơ quan mình chủ trì; nhiệm vụ này bị bỏ qua.",
               "Report only the tasks your agency leads; this one is ignored."),
)
TASK_NOT_REPORTED = RuleMeta(
    id="CCHC207", slug="task-not-reported", family="tasks", severity=Severity.warning,
    title=Bilingual("Thiếu báo cáo nhiệm vụ", "Task not reported"),
    help=Bilingual("Nhiệm vụ cơ quan chủ trì không có trong tệp; được tính là chưa bắt đầu.",
               "A task the agency leads is missing from the file; it is counted as not started."),
)
RECURRING_TASK_MISSED = RuleMeta(
    id="CCHC208", slug="recurring-task-missed", family="tasks", severity=Severity.error,
    title=Bilingual("Nhiệm vụ định kỳ bị bỏ sót", "Recurring task missed"),
    help=Bilingual("Nhiệm vụ định kỳ (hằng tháng…) không có lần thực hiện nào trong một kỳ đã kết thúc.",
               "A recurring task (monthly…) has no occurrence in a period that has ended."),
)
TASK_OVERDUE_BY_READING = RuleMeta(
    id="CCHC209", slug="task-overdue-by-reading", family="tasks", severity=Severity.warning,
    title=Bilingual("Nhiệm vụ quá hạn theo cách đọc của công cụ", "Task overdue by the tool's reading"),
    help=Bilingual("Văn bản không ấn định ngày (“Ngay sau khi … được công bố”) hoặc ghi sai ngày (đính chính E01); hạn là cách đọc của công cụ (xem cchc plan task), nên chỉ cảnh báo.",
               "The source sets no day (“Ngay sau khi … được công bố”) or prints a wrong one (erratum E01); the due date is the tool's reading (see cchc plan task), so this is a warning only."),
)


#: The day each period of a recurring task ("Hằng tháng": the plan names no day) is judged by:
#: its last day. ``cchc plan calendar`` puts the task's series on the same days.
RECURRING_TASK_DUE = "end_of_period"

def _fold(task_id: str) -> str:
    return task_id.strip().casefold()


def _canonical(ctx: Context, key: str) -> str | None:
    """The appendix id a key names, in any case ("ii.1", "IV.2B"), or None."""
    if key in ctx.plan.tasks:
        return key
    return {_fold(t): t for t in ctx.plan.tasks}.get(_fold(key))


def _suggest(key: str, ids: list[str]) -> str | None:
    from cchc_cli.validation import did_you_mean

    by_fold = {_fold(t): t for t in ids}
    guess = did_you_mean(_fold(key), list(by_fold))
    return by_fold[guess] if guess else None


def evaluate(ctx: Context) -> FamilyResult:
    from cchc_cli.validation import MAX_PROBLEMS

    findings: list[FindingDraft] = []
    reported: dict[str, tuple[str, TaskProgress | None]] = {}
    unknown = 0
    for key, entry in ctx.tasks.items():
        task_id = _canonical(ctx, key)
        if task_id is None:
            led = [t.id for t in ctx.plan.tasks_led_by(ctx.agency.id)]
            unknown += 1  # past the problems a report lists, a suggestion would only cost time
            guess = (_suggest(key, led) or _suggest(key, list(ctx.plan.tasks))) if unknown <= MAX_PROBLEMS else None
            findings.append(
                draft(UNKNOWN_TASK, f"task:{key}", ("tasks", key),
                      f"không có nhiệm vụ {quoted(key, lang='vi')} trong Phụ lục" + (f"; có phải là {guess}?" if guess else ""),
                      f"there is no task {quoted(key)} in the appendix" + (f"; did you mean {guess}?" if guess else ""),
                      Bilingual(f"các nhiệm vụ {ctx.agency.name} chủ trì: {', '.join(led) or 'không có'}",
                            f"the tasks {ctx.agency.name_en} leads: {', '.join(led) or 'none'}"))
            )
            continue
        task = ctx.plan.tasks[task_id]
        if task.lead != ctx.agency.id:
            lead = ctx.plan.registry.get(task.lead)
            findings.append(
                draft(TASK_LED_BY_OTHER, f"task:{task_id}", ("tasks", key),
                      f"nhiệm vụ {task_id} do {lead.name} chủ trì, không phải {ctx.agency.name}; mục này bị bỏ qua",
                      f"task {task_id} is led by {lead.name_en}, not {ctx.agency.name_en}; this entry is ignored")
            )
            continue
        if task_id in reported:
            first = reported[task_id][0]
            findings.append(
                draft(DUPLICATE_ENTRY, f"task:{task_id}", ("tasks", key),
                      f"nhiệm vụ {task_id} được ghi hai lần ({quoted(first, lang='vi')} và {quoted(key, lang='vi')}); chỉ giữ một mục",
                      f"task {task_id} is reported twice ({quoted(first)} and {quoted(key)}); keep one entry")
            )
            continue
        reported[task_id] = (key, entry)

    rows: list[TaskRow] = []
    for task in ctx.plan.tasks_led_by(ctx.agency.id):
        key, given = reported.get(task.id, (task.id, None))
        row, problems = _judge(ctx, task, key, given)
        findings.extend(problems)
        rows.append(row)
    return FamilyResult(findings, tasks=rows)


def _judge(ctx: Context, task: CompiledTask, key: str, entry: TaskProgress | None) -> tuple[TaskRow, list[FindingDraft]]:
    subject = f"task:{task.id}"
    path: DataPath = ("tasks", key)
    problems: list[FindingDraft] = []
    if entry is None:
        problems.append(
            draft(TASK_NOT_REPORTED, subject, ctx.parent_path("tasks"),
                  f"thiếu nhiệm vụ {task.id} (hạn: {task.deadline_text}); được tính là chưa bắt đầu",
                  f"task {task.id} (due: {task.deadline_text}) is not reported; it counts as not started",
                  Bilingual(f"thêm '{task.id}: {{status: …}}' dưới tasks", f"add '{task.id}: {{status: …}}' under tasks"))
        )
        entry = {"status": "not_started"}
        path = ctx.parent_path("tasks")
    status: str = entry["status"]
    completed_on: date | None = entry.get("completed_on")

    def row(state: str, due: date | None = task.due, late: int | None = None) -> TaskRow:
        return TaskRow(
            id=task.id,
            content=task.content,
            deadline_text=task.deadline_text,
            deadline_kind=task.deadline_kind,
            due=due,
            status=status if key in ctx.tasks else None,
            completed_on=completed_on,
            state=state,
            days_late=late,
            rests_on=task.basis.id if task.basis and due is not None else None,
        )

    recurring = task.deadline_kind == "recurring" and task.freq is not None
    if status == "done" and completed_on is None:
        # The status as officers write it ("đã xong"), not the internal id, which is English.
        problems.append(
            draft(TASK_DONE_WITHOUT_DATE, subject, path,
                  f"nhiệm vụ {task.id} ghi là {TASK_STATUSES['done'][0]} nhưng thiếu completed_on",
                  f"task {task.id} is marked done but has no completed_on",
                  Bilingual("thêm completed_on: ngày hoàn thành", "add completed_on: the completion date"))
        )
        if not recurring:  # a recurring task is judged on its occurrences all the same
            return row("invalid"), problems
    done = status == "done"
    if completed_on is not None and completed_on > ctx.as_of:
        problems.append(
            draft(COMPLETED_AFTER_AS_OF, subject, (*path, "completed_on"),
                  f"ngày hoàn thành {vi_date(completed_on)} sau ngày chốt số liệu {vi_date(ctx.as_of)}",
                  f"completed on {en_date(completed_on)}, after the as-of date {en_date(ctx.as_of)}")
        )
        # As of the report's date the task was not done yet: judge it so, as duties are judged.
        done = False

    if recurring and task.freq:
        occurrences: list[date] = entry.get("occurrences", [])
        later = [d for d in occurrences if d > ctx.as_of]
        if later:
            shown_vi = ", ".join(vi_date(d) for d in later)
            shown_en = ", ".join(en_date(d) for d in later)
            problems.append(
                draft(COMPLETED_AFTER_AS_OF, subject, (*path, "occurrences"),
                      f"các ngày {shown_vi} sau ngày chốt số liệu {vi_date(ctx.as_of)}; không được tính",
                      f"{shown_en} after the as-of date {en_date(ctx.as_of)}; not counted")
            )
        outcome = judge_slots(ctx.plan.year, task.freq, RECURRING_TASK_DUE, None, occurrences, ctx.as_of)
        if outcome.missed:
            vi, en = labels(outcome.missed)
            problems.append(
                draft(RECURRING_TASK_MISSED, subject, path,
                      f"nhiệm vụ {task.id} ({task.deadline_text}) chưa thực hiện trong: {vi}",
                      f"task {task.id} ({task.deadline_text}) has no occurrence in: {en}",
                      Bilingual("ghi các ngày thực hiện vào occurrences: [..]", "list the dates it was done under occurrences: [..]"))
            )
        return row("overdue" if outcome.missed else "recurring", None), problems

    due = task.due
    # How the due date came about, for the messages: the deadline's words, and for an event the
    # day it happened.
    when_vi = when_en = task.deadline_text
    event_vi = event_en = ""
    if task.deadline_kind == "event" and task.event:
        happened = ctx.plan.event_date(ctx.events, task.event)
        if happened is None:
            return row("done" if done else "waiting_event", None), problems
        if task.window_days is None:  # the plan gives no reading of the words: no date is invented
            return row("done" if done else "no_fixed_date", None), problems
        due = happened + timedelta(days=task.window_days)
        when_vi = f"{task.deadline_text}: công bố {vi_date(happened)}, cộng {days(task.window_days)[0]}"
        when_en = f"{task.deadline_text}: published {en_date(happened)}, plus {days(task.window_days)[1]}"
        event_vi, event_en = f"; {when_vi}", f"; {when_en}"
    if due is None:
        return row("done" if done else "no_fixed_date", None), problems
    # A verdict that rests on a reading says so, in every message about the due date.
    on_vi = f"; hạn dựa trên {task.basis.label.vi}" if task.basis else ""
    on_en = f"; the due date rests on {task.basis.label.en}" if task.basis else ""

    if done and completed_on is not None:
        if completed_on > due:
            late = (completed_on - due).days
            d_vi, d_en = days(late)
            problems.append(
                draft(TASK_DONE_LATE, subject, (*path, "completed_on"),
                      f"nhiệm vụ {task.id} hoàn thành {vi_date(completed_on)}, muộn {d_vi} so với hạn {vi_date(due)}" + on_vi,
                      f"task {task.id} was done on {en_date(completed_on)}, {d_en} after its due date {en_date(due)}" + on_en)
            )
            return row("done_late", due, late), problems
        return row("done", due), problems
    if due < ctx.as_of:
        late = (ctx.as_of - due).days
        d_vi, d_en = days(late)
        problems.append(
            draft(TASK_OVERDUE_BY_READING if task.basis else TASK_OVERDUE, subject, path,
                  f"nhiệm vụ {task.id} quá hạn {d_vi} (hạn {vi_date(due)}: {when_vi})" + on_vi,
                  f"task {task.id} is {d_en} overdue (due {en_date(due)}: {when_en})" + on_en)
        )
        return row("overdue", due, late), problems
    if (due - ctx.as_of).days <= DUE_SOON_DAYS:
        left = (due - ctx.as_of).days
        d_vi, d_en = time_left(left)
        problems.append(
            draft(TASK_DUE_SOON, subject, path,
                  f"nhiệm vụ {task.id} đến hạn {vi_date(due)} ({d_vi}{event_vi})" + on_vi,
                  f"task {task.id} is due on {en_date(due)} ({d_en}{event_en})" + on_en)
        )
        return row("due_soon", due), problems
    return row("open", due), problems
