"""``cchc init``: a ready-to-fill progress file for one agency and period, in the user's language.

Only what applies is written: the targets of the agency's kind, the appendix tasks it leads and
the section V duties it owes. Counts are left empty (``surveyed:`` with no value) so that
``cchc check`` points at each one still to fill, rather than judging a zero nobody wrote; dated
duties are written as comment lines to un-comment once done. Every key carries a comment that
says what goes there and by when.

The comments are Vietnamese, or English with ``--lang en``; what is quoted from the plan (a task's
content, a deadline as the decision words it, an agency's name) stays as the source wrote it. In
English, the plan's phrases inside a sentence are put in “…” (:func:`_q`), so they read as
quotes, not as words the tool forgot to translate; the Vietnamese template writes them bare.
"""

from __future__ import annotations

from datetime import date

from cchc_cli import numbers
from cchc_cli.agencies import Agency
from cchc_cli.compiled import CompiledDuty, CompiledPlan, CompiledPeriod, Bilingual
from cchc_cli.dates import day_text
from cchc_cli.forms import listing_en, listing_vi
from cchc_cli.numbers import decimal, ordinal
from cchc_cli.statuses import TASK_STATUSES
from cchc_cli.yamlio import Entry, dump_commented


def _d(day: date | None, lang: str = "vi") -> str:
    return day_text(day, lang) if day else ""


def _w(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _q(text: str, lang: str) -> str:
    """A phrase of the plan inside a comment: as it is in Vietnamese, “quoted” in English."""
    return f"“{text}”" if lang == "en" else text


def _targets(plan: CompiledPlan, agency: Agency, lang: str) -> list[Entry]:
    entries = []
    for target in plan.targets:
        if agency.kind not in target.applies_to:
            continue
        goal = numbers.goal(target.comparator, target.threshold_percent, lang)
        kind = _w(lang, "chỉ tiêu phấn đấu", "aspirational target") if target.aspirational else _w(lang, "chỉ tiêu", "target")
        entries.append(
            Entry(
                target.id,
                [
                    Entry(target.denominator, None, target.denominator_label.get(lang)
                          + _w(lang, " (số nguyên, lũy kế từ đầu năm)", " (a whole number, since the start of the year)")),
                    Entry(target.numerator, None, target.numerator_label.get(lang)),
                ],
                before=(f"{target.title.get(lang)}: {kind} {goal} ({_w(lang, '', 'the plan: ')}{_q(target.threshold_text, lang)})",),
            )
        )
    return entries


# What the officer may type, in Vietnamese first: the same table the validator reads.
_STATUS_CHOICES = (
    " | ".join(" / ".join(spellings) for spellings in TASK_STATUSES.values())
    + f" (hoặc {' | '.join(TASK_STATUSES)})"
)
_STATUS_CHOICES_EN = f"{' | '.join(TASK_STATUSES)} (or in Vietnamese: {' | '.join(_q(s[0], 'en') for s in TASK_STATUSES.values())})"


def _tasks(plan: CompiledPlan, agency: Agency, lang: str) -> list[Entry]:
    entries = []
    for task in plan.tasks_led_by(agency.id):
        content = task.content if len(task.content) <= 100 else task.content[:99] + "…"
        if task.due:
            due = _w(lang, "hạn ", "due ") + _d(task.due, lang)
        elif task.deadline_kind == "recurring":
            due = _w(lang, "mỗi kỳ phải có ít nhất một lần thực hiện", "at least once in every period")
        elif task.deadline_kind == "event" and task.event:
            event = plan.events.get(task.event)
            names = ", ".join(event.all_of or (event.id,)) if event else task.event
            due = _w(lang, f"ghi ngày công bố dưới events: {names}", f"write the publication date under events: {names}")
            if task.window_days is not None and task.basis is not None:
                due += _w(lang, f"; hạn chậm nhất {task.window_days} ngày sau đó (cách đọc {task.basis.id} của công cụ)",
                          f"; due at most {task.window_days} days later (the tool's reading {task.basis.id})")
        else:
            due = _w(lang, "không có hạn cố định", "no fixed date")
        status = _w(lang, f"{_STATUS_CHOICES}; khi đã xong, thêm completed_on: dd/mm/yyyy",
                    f"{_STATUS_CHOICES_EN}; once done, add completed_on: yyyy-mm-dd")
        fields = [Entry("status", "not_started", status)]
        if task.deadline_kind == "recurring":
            fields.append(Entry("occurrences", [], _w(lang, "các ngày đã thực hiện (mỗi kỳ ít nhất một lần)",
                                                      "the dates it was done (at least once in every period)")))
        deadline = _w(lang, "Thời gian hoàn thành", "Deadline")
        entries.append(Entry(task.id, fields, before=(f"{task.id} — {content}", f"{deadline}: {_q(task.deadline_text, lang)} ({due})")))
    return entries


def _duty_label(duty: CompiledDuty, lang: str) -> str:
    words = f" ({_q(duty.deadline_text, lang)})" if duty.deadline_text else ""
    when = (f"{_w(lang, 'hạn', 'due')} {_d(duty.due, lang)}{words}" if duty.due
            else (_q(duty.recurrence.text, lang) if duty.recurrence else ""))
    return f"{duty.section} {duty.title.get(lang)}" + (f" — {when}" if when else "")


def _coverage_entry(duty: CompiledDuty, field: str, hint: Bilingual | None, lang: str) -> Entry:
    """A ``coverage`` duty: the two counts to fill, and the date to add once its plan is issued."""
    share = duty.coverage
    pct = decimal(share * 100, lang) if share is not None else ""
    times = duty.coverage_min_times or 1
    often = _w(lang, f"ít nhất {times} lần/năm", "at least once a year" if times == 1 else f"at least {times} times a year")
    once = hint.get(lang) if hint else _w(lang, "Khi đã thực hiện", "Once done")
    return Entry(
        duty.id,
        [
            Entry("units", None, _w(lang, "số cơ quan, đơn vị phải kiểm tra trong năm",
                                    "the number of units to inspect in the year")),
            Entry("units_inspected", None, _w(lang, f"số đã được kiểm tra (Kế hoạch: {pct}%, {often})",
                                              f"how many were inspected (the plan: {pct}%, {often})")),
        ],
        before=(_duty_label(duty, lang), _w(lang, f"{once}, thêm {field}: dd/mm/yyyy", f"{once}, add {field}: yyyy-mm-dd")),
    )


def _duties(plan: CompiledPlan, agency: Agency, lang: str = "vi") -> list[Entry]:
    dated: list[str] = []
    entries: list[Entry] = []
    for duty in plan.duties:
        if not duty.measurable or not plan.duty_applies(duty, agency.id, agency.kind):
            continue
        # The entry follows the duty's report shape (the plan's ``report:``), as the rules read it.
        report = duty.report
        shape = report.shape if report is not None else "dates"
        if shape == "coverage" and report is not None:
            entries.append(_coverage_entry(duty, report.field or "", report.field_hint, lang))
        elif shape == "dated" and duty.dated_key is not None:
            dated.append(_duty_label(duty, lang))
            dated.append(f"{duty.id}: {{{duty.dated_key}: dd/mm/yyyy}}")
        elif shape == "forms" and report is not None:
            # The names the officer may type, as the rules match them (cchc_cli.forms): what the
            # comment shows is accepted as it is written.
            if lang == "en":
                forms = (f"forms: {listing_en(duty.choices)} (or their Vietnamese names); at least {duty.min_count} "
                         "in the year; any other form goes under other:")
                others = 'any other form, in words, e.g. ["billboards"]; each counts once'
            else:
                forms = (f"hình thức: {listing_vi(duty.choices)}; ít nhất {duty.min_count} trong năm; "
                         "hình thức khác ghi ở other:")
                others = 'hình thức khác, ghi bằng lời, ví dụ ["pano, áp phích"]; mỗi hình thức tính một lần'
            dates = (report.field_hint.get(lang) if report.field_hint
                     else f"{_w(lang, 'các ngày', 'the dates')}: {duty.recurrence.what.get(lang) if duty.recurrence else ''}".rstrip(": "))
            entries.append(
                Entry(
                    duty.id,
                    [
                        Entry("forms", [], forms),
                        Entry("other", [], others),
                        Entry(report.field or "dates", [], dates),
                    ],
                    before=(_duty_label(duty, lang),),
                )
            )
        elif shape == "publications":
            entries.append(
                Entry(duty.id, [], _w(lang, "mỗi mục: {approved_on: dd/mm/yyyy, published_on: dd/mm/yyyy}",
                                      "each entry: {approved_on: yyyy-mm-dd, published_on: yyyy-mm-dd}"),
                      before=(_duty_label(duty, lang) + _w(lang, f": công khai chậm nhất {duty.window_days} ngày sau khi được phê duyệt",
                                                            f": published at most {duty.window_days} days after approval"),))
            )
        else:
            what = duty.min_count_what.get(lang) if duty.min_count_what else (duty.recurrence.what.get(lang) if duty.recurrence else "")
            entries.append(Entry(duty.id, [], f"{_w(lang, 'các ngày', 'the dates')}: {what}".rstrip(": "), before=(_duty_label(duty, lang),)))
    if dated and entries:
        first = entries[0]
        lead = (_w(lang, "Nhiệm vụ có thời hạn: khi đã thực hiện, bỏ dấu # ở đầu dòng và điền ngày",
                   "Dated duties: once done, remove the # at the start of the line and fill in the date"), *dated)
        entries[0] = Entry(first.key, first.value, first.comment, (*lead, *first.before))
    return entries


#: The JSON Schema file ``cchc init`` writes beside a progress file, for editors.
SCHEMA_FILE = "progress.schema.json"


def progress_template(plan: CompiledPlan, agency: Agency, period: CompiledPeriod, lang: str = "vi") -> str:
    """The template, its comments in Vietnamese, or English with ``lang="en"``."""
    header = (
        # VS Code's YAML extension (and other yaml-language-server editors) completes and checks
        # the file as it is typed against this schema (cchc schema progress).
        f"yaml-language-server: $schema={SCHEMA_FILE}",
        _w(lang, f"Báo cáo tiến độ CCHC năm {plan.year}, kỳ báo cáo: {period.name} ({period.id}) — {agency.name}",
           f"{plan.year} administrative reform progress report, period: "
           + (period.id if period.name_en == period.id else f"{period.name_en} ({period.id})") + f" — {agency.name}"),
        _w(lang, f"Kế hoạch {plan.id} {plan.version} · hạn gửi báo cáo {_d(period.due)} · chốt số liệu {_d(period.cutoff)}",
           f"Plan {plan.id} {plan.version} · report due {_d(period.due, lang)} · data cut-off {_d(period.cutoff, lang)}"),
        _w(lang, "Điền số liệu vào các ô trống, rồi kiểm tra bằng lệnh: cchc check <tệp này>",
           "Fill in the empty values, then check with: cchc check <this file>"),
        _w(lang, "Ngày viết dd/mm/yyyy hoặc yyyy-mm-dd; số đếm là số nguyên, không có dấu % hay dấu phân cách.",
           "Dates are written yyyy-mm-dd or dd/mm/yyyy; counts are whole numbers, with no % and no separators."),
    )
    entries = [
        Entry("schema_version", 1, _w(lang, "phiên bản lược đồ tệp tiến độ", "the progress file's schema version")),
        Entry("agency", agency.name, _w(lang, "mã trong danh mục: ", "its id in the registry: ") + agency.id),
        Entry("period", period.id, f"{_w(lang, period.name, period.name_en)}: " + " | ".join(p.id for p in plan.periods)),
        Entry("as_of", period.cutoff, _w(lang, f"ngày chốt số liệu (ngày {period.cutoff.day} tháng cuối kỳ)",
                                         f"the data cut-off (the {ordinal(period.cutoff.day)} of the period's last month)")),
    ]
    sections: list[Entry] = []
    targets = _targets(plan, agency, lang)
    if targets:
        sections.append(Entry("indicators", targets, _w(lang, "số liệu lũy kế từ đầu năm đến ngày chốt",
                                                        "counts since the start of the year, up to the cut-off"),
                              before=(_w(lang, "Mục I.3 — Các chỉ tiêu", "Section I.3 — Targets"),)))
    tasks = _tasks(plan, agency, lang)
    if tasks:
        sections.append(Entry("tasks", tasks, _w(lang, "các nhiệm vụ của Phụ lục do cơ quan chủ trì", "the appendix tasks the agency leads"),
                              before=(_w(lang, "Phụ lục — Nhiệm vụ", "Appendix — Tasks"),)))
    duties = _duties(plan, agency, lang)
    if duties:
        sections.append(Entry("duties", duties, _w(lang, "mục V — Tổ chức thực hiện", "section V — Implementation"),
                              before=(_w(lang, "Mục V — Trách nhiệm của cơ quan, đơn vị", "Section V — The agency's duties"),)))
    # Only the events a date is given for: one that stands for others is dated through them.
    dated_events = [e for e in plan.events.values() if not e.all_of]
    if dated_events or not sections:  # a plan with no outside events has nothing to date here
        events = ", ".join(f"{e.id} ({e.title.get(lang)})" for e in dated_events)
        example = dated_events[0].id if dated_events else "event_id"
        sections.append(
            Entry("events", {}, _w(lang, f"ngày các sự kiện bên ngoài, ví dụ {example}: dd/mm/yyyy",
                                   f"the dates of outside events, e.g. {example}: yyyy-mm-dd"),
                  before=(_w(lang, "Sự kiện: ", "Events: ") + events,))
        )
    # submitted_on has no value until the report is sent: it is offered as a line to un-comment.
    submitted = (_w(lang, f"Khi gửi báo cáo (hạn {_d(period.due)}), bỏ dấu # ở dòng dưới và điền ngày gửi:",
                    f"When you send the report (due {_d(period.due, lang)}), remove the # below and fill in the date:"),
                 _w(lang, "submitted_on: dd/mm/yyyy", "submitted_on: yyyy-mm-dd"))
    first = sections[0]
    sections[0] = Entry(first.key, first.value, first.comment, (*submitted, *first.before))
    entries += sections
    return dump_commented(entries, header)
