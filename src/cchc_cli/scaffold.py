"""``cchc init``: a ready-to-fill progress file for one agency and period, in Vietnamese.

Only what applies is written: the targets of the agency's kind, the appendix tasks it leads and
the section V duties it owes. Counts are left empty (``surveyed:`` with no value) so that
``cchc check`` points at each one still to fill, rather than judging a zero nobody wrote; dated
duties are written as comment lines to un-comment once done. Every key carries a comment that
says what goes there and by when.
"""

from __future__ import annotations

from datetime import date

from cchc_cli.agencies import Agency
from cchc_cli.compiled import CDuty, CompiledPlan, CPeriod
from cchc_cli.dates import shown
from cchc_cli.forms import listing_en, listing_vi
from cchc_cli.rules.duties import DATED_FIELDS, RECURRING_DATES
from cchc_cli.statuses import TASK_STATUSES
from cchc_cli.yamlio import Entry, dump_commented


def _d(day: date | None) -> str:
    return shown(day, "vi") if day else ""


def _targets(plan: CompiledPlan, agency: Agency) -> list[Entry]:
    entries = []
    for target in plan.targets:
        if agency.kind not in target.applies_to:
            continue
        goal = f"{target.comparator.replace('>=', '≥')} {target.threshold_percent}%"
        kind = "chỉ tiêu phấn đấu" if target.aspirational else "chỉ tiêu"
        entries.append(
            Entry(
                target.id,
                [
                    Entry(target.denominator, None, f"{target.denominator_label.vi} (số nguyên, lũy kế từ đầu năm)"),
                    Entry(target.numerator, None, f"{target.numerator_label.vi}"),
                ],
                before=(f"{target.title.vi}: {kind} {goal} ({target.threshold_text})",),
            )
        )
    return entries


# What the officer may type, in Vietnamese first: the same table the validator reads.
_STATUS_CHOICES = (
    " | ".join(" / ".join(spellings) for spellings in TASK_STATUSES.values())
    + f" (hoặc {' | '.join(TASK_STATUSES)})"
)


def _tasks(plan: CompiledPlan, agency: Agency) -> list[Entry]:
    entries = []
    for task in plan.tasks_led_by(agency.id):
        content = task.content if len(task.content) <= 100 else task.content[:99] + "…"
        if task.due:
            due = f"hạn {_d(task.due)}"
        elif task.deadline_kind == "recurring":
            due = "mỗi kỳ phải có ít nhất một lần thực hiện"
        elif task.deadline_kind == "event" and task.event:
            event = plan.events.get(task.event)
            names = ", ".join(event.all_of or (event.id,)) if event else task.event
            due = f"ghi ngày công bố dưới events: {names}"
            if task.window_days is not None and task.basis is not None:
                due += f"; hạn chậm nhất {task.window_days} ngày sau đó (cách đọc {task.basis.id} của công cụ)"
        else:
            due = "không có hạn cố định"
        fields = [Entry("status", "not_started", f"{_STATUS_CHOICES}; khi đã xong, thêm completed_on: dd/mm/yyyy")]
        if task.deadline_kind == "recurring":
            fields.append(Entry("occurrences", [], "các ngày đã thực hiện (mỗi kỳ ít nhất một lần)"))
        entries.append(Entry(task.id, fields, before=(f"{task.id} — {content}", f"Thời gian hoàn thành: {task.deadline_text} ({due})")))
    return entries


def _duty_label(duty: CDuty) -> str:
    when = f"hạn {_d(duty.due)} ({duty.deadline_text})" if duty.due else (duty.recurrence.text if duty.recurrence else "")
    return f"{duty.section} {duty.title.vi}" + (f" — {when}" if when else "")


def _duties(plan: CompiledPlan, agency: Agency, lang: str = "vi") -> list[Entry]:
    dated: list[str] = []
    entries: list[Entry] = []
    for duty in plan.duties:
        if not duty.measurable or not plan.duty_applies(duty, agency.id, agency.kind):
            continue
        if duty.id == "inspection":
            entries.append(
                Entry(
                    duty.id,
                    [
                        Entry("units", None, "số cơ quan, đơn vị phải kiểm tra trong năm"),
                        Entry("units_inspected", None, "số đã được kiểm tra (Kế hoạch: 100%, ít nhất 1 lần/năm)"),
                    ],
                    before=(_duty_label(duty), "Khi đã ban hành Kế hoạch kiểm tra, thêm plan_issued_on: dd/mm/yyyy"),
                )
            )
        elif duty.id in DATED_FIELDS:
            dated.append(_duty_label(duty))
            dated.append(f"{duty.id}: {{{DATED_FIELDS[duty.id]}: dd/mm/yyyy}}")
        elif duty.id == "communication":
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
            entries.append(
                Entry(
                    duty.id,
                    [
                        Entry("forms", [], forms),
                        Entry("other", [], others),
                        Entry(RECURRING_DATES[duty.id] or "online", [], "các ngày tuyên truyền trực tuyến (ít nhất 1 quý/lần)"),
                    ],
                    before=(_duty_label(duty),),
                )
            )
        elif duty.id == "tthc_publication":
            entries.append(
                Entry(duty.id, [], "mỗi mục: {approved_on: dd/mm/yyyy, published_on: dd/mm/yyyy}",
                      before=(f"{_duty_label(duty)}: công khai chậm nhất {duty.window_days} ngày sau khi được phê duyệt",))
            )
        else:
            what = duty.min_count_what.vi if duty.min_count_what else (duty.recurrence.what.vi if duty.recurrence else "")
            entries.append(Entry(duty.id, [], f"các ngày: {what}".rstrip(": "), before=(_duty_label(duty),)))
    if dated and entries:
        first = entries[0]
        lead = ("Nhiệm vụ có thời hạn: khi đã thực hiện, bỏ dấu # ở đầu dòng và điền ngày", *dated)
        entries[0] = Entry(first.key, first.value, first.comment, (*lead, *first.before))
    return entries


#: The JSON Schema file ``cchc init`` writes beside a progress file, for editors.
SCHEMA_FILE = "progress.schema.json"


def progress_template(plan: CompiledPlan, agency: Agency, period: CPeriod, lang: str = "vi") -> str:
    """The template, in Vietnamese; with ``lang="en"`` the list of forms names them by id, in English."""
    header = (
        # VS Code's YAML extension (and other yaml-language-server editors) completes and checks
        # the file as it is typed against this schema (cchc schema progress).
        f"yaml-language-server: $schema={SCHEMA_FILE}",
        f"Báo cáo tiến độ CCHC năm {plan.year}, kỳ báo cáo: {period.name} ({period.id}) — {agency.name}",
        f"Kế hoạch {plan.id} {plan.version} · hạn gửi báo cáo {_d(period.due)} · chốt số liệu {_d(period.cutoff)}",
        "Điền số liệu vào các ô trống, rồi kiểm tra bằng lệnh: cchc check <tệp này>",
        "Ngày viết dd/mm/yyyy hoặc yyyy-mm-dd; số đếm là số nguyên, không có dấu % hay dấu phân cách.",
    )
    entries = [
        Entry("schema_version", 1, "phiên bản lược đồ tệp tiến độ"),
        Entry("agency", agency.name, f"mã trong danh mục: {agency.id}"),
        Entry("period", period.id, f"{period.name}: Q1 | H1 | 9M | FY"),
        Entry("as_of", period.cutoff, "ngày chốt số liệu (ngày 10 tháng cuối kỳ)"),
    ]
    sections: list[Entry] = []
    targets = _targets(plan, agency)
    if targets:
        sections.append(Entry("indicators", targets, "số liệu lũy kế từ đầu năm đến ngày chốt", before=("Mục I.3 — Các chỉ tiêu",)))
    tasks = _tasks(plan, agency)
    if tasks:
        sections.append(Entry("tasks", tasks, "các nhiệm vụ của Phụ lục do cơ quan chủ trì", before=("Phụ lục — Nhiệm vụ",)))
    duties = _duties(plan, agency, lang)
    if duties:
        sections.append(Entry("duties", duties, "mục V — Tổ chức thực hiện", before=("Mục V — Trách nhiệm của cơ quan, đơn vị",)))
    sections.append(
        Entry("events", {}, "ngày các sự kiện bên ngoài, ví dụ pci_published: dd/mm/yyyy",
              # Only the events a date is given for: one that stands for others is dated through them.
              before=("Sự kiện: " + ", ".join(f"{e.id} ({e.title.vi})" for e in plan.events.values() if not e.all_of),))
    )
    # submitted_on has no value until the report is sent: it is offered as a line to un-comment.
    submitted = (f"Khi gửi báo cáo (hạn {_d(period.due)}), bỏ dấu # ở dòng dưới và điền ngày gửi:", "submitted_on: dd/mm/yyyy")
    first = sections[0]
    sections[0] = Entry(first.key, first.value, first.comment, (*submitted, *first.before))
    entries += sections
    return dump_commented(entries, header)
