"""Duties of section V, judged at the as-of date, for the units they apply to.

* A dated duty (the unit's plan in January, training in Q2, …) by its deadline, like a task.
* A recurring duty (monthly reports, monthly publication, quarterly inspection reports, online
  communication once a quarter, the districts' evaluations "theo định kỳ hằng tháng, quý, năm",
  each frequency a duty and a key of its own) needs an occurrence within every month or quarter whose due
  day is before as_of, on or before that day (the 15th of the quarter's last month for the
  district inspection reports; the period's last day otherwise). An occurrence later in the same
  period is late; none is missed.
* Yearly counts (dialogues ≥ 2, ≥ 5 forms of communication, 100% of units inspected) are judged
  in the year's report (FY) and shown as progress in the others.
* Procedures are published no later than 5 days after approval (the window the plan states).

How a progress file reports each duty (the key of a dated duty's date, where a recurring duty's
dates are) is the plan's ``report:`` of the duty, read here from the compiled duty
(:attr:`CompiledDuty.dated_key`, :attr:`CompiledDuty.dates_key`); the bundled plan's keys are the contract of
schema version 1.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from cchc_cli.compiled import CompiledDuty, Bilingual
from cchc_cli.models.report import DutyRow, Progress, RuleMeta, Severity
from cchc_cli.numbers import count, decimal, ratio
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
from cchc_cli.rules.inputs import IMPOSSIBLE_COUNT, NOT_APPLICABLE
from cchc_cli.text import quoted

DATES_OUT_OF_ORDER = RuleMeta(
    id="CCHC011", slug="dates-out-of-order", family="input", severity=Severity.error,
    title=Bilingual("Ngày không hợp lý", "Dates out of order"),
    help=Bilingual("Một ngày đứng trước ngày mà nó phải đứng sau (ví dụ công khai trước khi được phê duyệt).",
               "A date before the one it must follow (e.g. published before it was approved)."),
)
UNKNOWN_FORM = RuleMeta(
    id="CCHC015", slug="unknown-form", family="input", severity=Severity.error,
    title=Bilingual("Hình thức tuyên truyền không có trong Kế hoạch", "Form of communication not in the plan"),
    help=Bilingual("Mỗi mục của forms là mã hoặc tên một hình thức Kế hoạch liệt kê ('cchc schema progress' có danh sách); hình thức khác ghi dưới other: bằng lời, và vẫn được tính.",
               "Each forms entry is the id or a name of a form the plan lists ('cchc schema progress' lists them); any other form is written under other: as free text, and counts too."),
)
DUTY_OVERDUE = RuleMeta(
    id="CCHC301", slug="duty-overdue", family="duties", severity=Severity.error,
    title=Bilingual("Nhiệm vụ mục V quá hạn", "Duty overdue"),
    help=Bilingual("Đã qua thời hạn của nhiệm vụ mục V mà chưa thực hiện.",
               "A section V duty's deadline has passed and it is not done."),
)
DUTY_DONE_LATE = RuleMeta(
    id="CCHC302", slug="duty-done-late", family="duties", severity=Severity.warning,
    title=Bilingual("Nhiệm vụ mục V thực hiện muộn", "Duty done late"),
    help=Bilingual("Nhiệm vụ mục V đã thực hiện nhưng sau thời hạn.",
               "A section V duty was done after its deadline."),
)
DUTY_DUE_SOON = RuleMeta(
    id="CCHC303", slug="duty-due-soon", family="duties", severity=Severity.info,
    title=Bilingual("Nhiệm vụ mục V sắp đến hạn", "Duty due soon"),
    help=Bilingual("Nhiệm vụ mục V chưa thực hiện và đến hạn trong vòng 30 ngày.",
               "A section V duty is not done and falls due within 30 days."),
)
RECURRING_DUTY_MISSED = RuleMeta(
    id="CCHC304", slug="recurring-duty-missed", family="duties", severity=Severity.error,
    title=Bilingual("Bỏ sót nhiệm vụ định kỳ", "Recurring duty missed"),
    help=Bilingual("Không có lần thực hiện nào trong một tháng (quý) đã kết thúc trước ngày chốt số liệu.",
               "No occurrence in a month (quarter) that ended before the as-of date."),
)
RECURRING_DUTY_LATE = RuleMeta(
    id="CCHC305", slug="recurring-duty-late", family="duties", severity=Severity.warning,
    title=Bilingual("Nhiệm vụ định kỳ thực hiện muộn", "Recurring duty late"),
    help=Bilingual("Có thực hiện trong kỳ nhưng sau ngày Kế hoạch quy định.",
               "Carried out within the period but after the day the plan sets."),
)
YEARLY_COUNT_SHORT = RuleMeta(
    id="CCHC306", slug="yearly-count-short", family="duties", severity=Severity.error,
    title=Bilingual("Chưa đủ số lượng trong năm", "Yearly count not reached"),
    help=Bilingual("Cuối năm (kỳ FY) chưa đủ số lượng Kế hoạch yêu cầu (đối thoại, hình thức tuyên truyền, đơn vị được kiểm tra).",
               "At the year's report (FY) a required count is not reached (dialogues, forms of communication, units inspected)."),
)
PUBLICATION_WINDOW_MISSED = RuleMeta(
    id="CCHC307", slug="publication-window-missed", family="duties", severity=Severity.error,
    title=Bilingual("Công khai TTHC quá thời hạn", "Publication window missed"),
    help=Bilingual("TTHC phải được cập nhật, công khai chậm nhất 05 ngày kể từ ngày được phê duyệt.",
               "A procedure must be published no later than 5 days after its approval."),
)
DUTY_DATE_AFTER_AS_OF = RuleMeta(
    id="CCHC308", slug="duty-date-after-as-of", family="duties", severity=Severity.error,
    title=Bilingual("Ngày thực hiện sau ngày chốt số liệu", "Duty date after the as-of date"),
    help=Bilingual("Một ngày thực hiện nhiệm vụ mục V không thể sau ngày chốt số liệu của báo cáo.",
               "A duty's date cannot be later than the report's as-of date."),
)

def evaluate(ctx: Context) -> FamilyResult:
    findings: list[FindingDraft] = []
    rows: list[DutyRow] = []
    reported = ctx.duties
    for duty in ctx.plan.duties:
        applies = ctx.plan.duty_applies(duty, ctx.agency.id, ctx.agency.kind)
        if not applies:
            if duty.id in reported:
                findings.append(
                    draft(NOT_APPLICABLE, f"duty:{duty.id}", ("duties", duty.id),
                          f"nhiệm vụ {duty.id} ({duty.title.vi}) không áp dụng cho {ctx.agency.name}; mục này bị bỏ qua",
                          f"duty {duty.id} ({duty.title.en}) does not apply to {ctx.agency.name_en}; this entry is ignored")
                )
            continue
        if not duty.measurable:
            rows.append(DutyRow(duty.id, duty.title, "not_measurable"))
            continue
        entry = reported.get(duty.id)
        states: list[str] = []
        row_parts: dict[str, Any] = {"progress": []}
        if duty.dated_key is not None and duty.due is not None:
            state, done_on = _dated(ctx, duty, entry, findings)
            states.append(state)
            row_parts.update(due=duty.due, done_on=done_on)
        if duty.recurrence is not None and duty.reports_dates:
            states.append(_recurring(ctx, duty, entry, findings, row_parts))
        if duty.min_count is not None:
            states.append(_count(ctx, duty, entry, findings, row_parts))
        if duty.coverage is not None:
            states.append(_coverage(ctx, duty, entry, findings, row_parts))
        if duty.window_days is not None:
            states.append(_window(ctx, duty, entry, findings))
        if not states:
            # A plan (given with --plan) whose measurable duty no rule knows how to read: say so
            # rather than pass it silently.
            from cchc_cli.errors import DatasetError

            raise DatasetError(
                Bilingual(
                    f"trách nhiệm {duty.id!r} được đánh dấu đo được (measurable), nhưng cchc không biết tệp tiến độ "
                    "báo cáo trách nhiệm này thế nào",
                    f"duty {duty.id!r} is marked measurable, but cchc does not know how a progress file reports it",
                ),
                None,
                Bilingual(
                    "đặt 'measurable: false', hoặc cho trách nhiệm một thời hạn (deadline), sự lặp lại (recurrence), "
                    "số lần (count), độ bao phủ (coverage) hay khoảng thời gian (window) mà cchc đọc được "
                    "(xem rules/duties.py)",
                    "mark it 'measurable: false', or give it a deadline, recurrence, count, coverage or window "
                    "that cchc reads (see rules/duties.py)",
                ),
                bundled=ctx.plan.bundled,
            )
        state = _worst(states)
        row_parts["progress"] = tuple(row_parts["progress"])
        rows.append(DutyRow(duty.id, duty.title, state, **row_parts))
    return FamilyResult(findings, duties=rows)


_UNITS = {"monthly": Bilingual("tháng", "months"), "quarterly": Bilingual("quý", "quarters"), "yearly": Bilingual("năm", "years")}
_ORDER = ("missed", "late", "due_soon", "in_progress", "open", "ok")


def _worst(states: list[str]) -> str:
    return min(states, key=_ORDER.index) if states else "ok"


def _path(ctx: Context, duty: CompiledDuty, *more: str | int) -> DataPath:
    full = ("duties", duty.id, *more)
    return ctx.parent_path(*full) or ()


def _after_as_of(ctx: Context, duty: CompiledDuty, day: date, path: DataPath, findings: list[FindingDraft]) -> bool:
    if day <= ctx.as_of:
        return False
    findings.append(
        draft(DUTY_DATE_AFTER_AS_OF, f"duty:{duty.id}", path,
              f"{duty.title.vi}: ngày {vi_date(day)} sau ngày chốt số liệu {vi_date(ctx.as_of)}",
              f"{duty.title.en}: {en_date(day)} is after the as-of date {en_date(ctx.as_of)}")
    )
    return True


def _dated(ctx: Context, duty: CompiledDuty, entry: Any, findings: list[FindingDraft]) -> tuple[str, date | None]:
    key = duty.dated_key
    due = duty.due
    assert key is not None
    assert due is not None
    done_on: date | None = entry.get(key) if isinstance(entry, dict) else None
    subject = f"duty:{duty.id}"
    if done_on is not None and _after_as_of(ctx, duty, done_on, _path(ctx, duty, key), findings):
        done_on = None
    if done_on is not None:
        if done_on > due:
            d_vi, d_en = days((done_on - due).days)
            findings.append(
                draft(DUTY_DONE_LATE, subject, _path(ctx, duty, key),
                      f"{duty.title.vi}: thực hiện {vi_date(done_on)}, muộn {d_vi} (hạn {vi_date(due)}: {duty.deadline_text})",
                      f"{duty.title.en}: done on {en_date(done_on)}, {d_en} late (due {en_date(due)}: {duty.deadline_text})")
            )
            return "late", done_on
        return "ok", done_on
    if due < ctx.as_of:
        d_vi, d_en = days((ctx.as_of - due).days)
        findings.append(
            draft(DUTY_OVERDUE, subject, _path(ctx, duty),
                  f"{duty.title.vi}: quá hạn {d_vi} (hạn {vi_date(due)}: {duty.deadline_text}); chưa có {key}",
                  f"{duty.title.en}: {d_en} overdue (due {en_date(due)}: {duty.deadline_text}); no {key} given",
                  Bilingual(f"ghi {duty.id}: {{{key}: ngày}} khi đã thực hiện", f"give {duty.id}: {{{key}: date}} once done"))
        )
        return "missed", None
    if (due - ctx.as_of).days <= DUE_SOON_DAYS:
        d_vi, d_en = time_left((due - ctx.as_of).days)
        findings.append(
            draft(DUTY_DUE_SOON, subject, _path(ctx, duty),
                  f"{duty.title.vi}: đến hạn {vi_date(due)} ({d_vi})",
                  f"{duty.title.en}: due on {en_date(due)} ({d_en})")
        )
        return "due_soon", None
    return "open", None


def _dates_of(ctx: Context, duty: CompiledDuty, entry: Any, inner: str | None, findings: list[FindingDraft]) -> list[date]:
    raw = entry.get(inner, []) if inner and isinstance(entry, dict) else (entry if isinstance(entry, list) else [])
    kept = []
    for i, day in enumerate(raw):
        path = ("duties", duty.id, *((inner,) if inner else ()), i)
        if not _after_as_of(ctx, duty, day, path, findings):
            kept.append(day)
    return kept


def _recurring(ctx: Context, duty: CompiledDuty, entry: Any, findings: list[FindingDraft], row: dict[str, Any]) -> str:
    rec = duty.recurrence
    assert rec is not None
    occurrences = _dates_of(ctx, duty, entry, duty.dates_key, findings)
    outcome = judge_slots(ctx.plan.year, rec.freq, rec.due, rec.day, occurrences, ctx.as_of)
    subject = f"duty:{duty.id}"
    if outcome.judged:  # before the first due day there is nothing to count yet
        unit = _UNITS.get(rec.freq, Bilingual(rec.freq, rec.freq))
        row["progress"].append(Progress(outcome.met, outcome.judged, unit))
    if outcome.missed:
        vi, en = labels(outcome.missed)
        findings.append(
            draft(RECURRING_DUTY_MISSED, subject, _path(ctx, duty, *((duty.dates_key,) if duty.dates_key else ())),
                  f"{rec.what.vi} ({rec.text}): không có trong {vi}",
                  f"{rec.what.en} ({rec.text}): none in {en}")
        )
    if outcome.late:
        vi, en = labels(outcome.late)
        due_vi = f"ngày {rec.day} tháng cuối kỳ" if rec.day else "cuối kỳ"
        due_en = f"day {rec.day} of the last month" if rec.day else "the end of the period"
        findings.append(
            draft(RECURRING_DUTY_LATE, subject, _path(ctx, duty),
                  f"{rec.what.vi}: thực hiện sau hạn ({due_vi}) trong {vi}",
                  f"{rec.what.en}: after the due day ({due_en}) in {en}")
        )
    if not outcome.judged and not occurrences:
        # No period has ended yet (the yearly evaluation, all year): not "ok", only not yet due.
        return "open"
    return "missed" if outcome.missed else "late" if outcome.late else "ok"


def _count(ctx: Context, duty: CompiledDuty, entry: Any, findings: list[FindingDraft], row: dict[str, Any]) -> str:
    needed = duty.min_count
    what = duty.min_count_what
    assert needed is not None and what is not None
    if duty.choices:  # a count of distinct forms chosen from the plan's list (and others: "...")
        have = _forms(ctx, duty, entry, findings)
        path = _path(ctx, duty, "forms")
    else:  # a count of dated occurrences; the plan's year only (a dialogue of December 2020 was last year's)
        dates = _dates_of(ctx, duty, entry, None, findings)
        have = sum(d.year == ctx.plan.year for d in dates)
        path = _path(ctx, duty)
    row["progress"].append(Progress(have, needed, what))
    if have >= needed:
        return "ok"
    if not ctx.year_end_report:
        return "in_progress"
    findings.append(
        draft(YEARLY_COUNT_SHORT, f"duty:{duty.id}", path,
              f"{duty.title.vi}: {count(have, 'vi')}/{count(needed, 'vi')} {what.vi} trong năm (Kế hoạch: ít nhất {count(needed, 'vi')})",
              f"{duty.title.en}: {count(have, 'en')} of {count(needed, 'en')} {what.en} this year "
              f"(the plan asks for at least {count(needed, 'en')})")
    )
    return "missed"


def _forms(ctx: Context, duty: CompiledDuty, entry: Any, findings: list[FindingDraft]) -> int:
    """How many distinct forms the entry names; each entry of ``forms`` that names none is a problem."""
    from cchc_cli.forms import listing_en, listing_vi, suggest, tally
    from cchc_cli.validation import MAX_PROBLEMS

    forms = entry.get("forms", []) if isinstance(entry, dict) else []
    other = entry.get("other", []) if isinstance(entry, dict) else []
    counted = tally(duty.choices, forms, other)
    hint = Bilingual(
        f"các hình thức của Kế hoạch: {listing_vi(duty.choices)}; hình thức khác ghi dưới other: bằng lời, "
        f'ví dụ other: ["pano, áp phích"]',
        f"the plan's forms are {listing_en(duty.choices)} (or their Vietnamese names); write any other form "
        f'as free text under other:, e.g. other: ["billboards"]',
    )
    for n, (i, written) in enumerate(counted.unknown, 1):
        # past the problems a report lists, a suggestion would only cost time
        guess = suggest(duty.choices, written) if n <= MAX_PROBLEMS else None
        findings.append(
            draft(UNKNOWN_FORM, f"input:duties.{duty.id}.forms[{i}]", ("duties", duty.id, "forms", i),
                  f"hình thức {quoted(written, lang='vi')} không có trong danh sách của Kế hoạch và không được tính"
                  + (f"; có phải là {quoted(guess, lang='vi')}?" if guess else ""),
                  f"form {quoted(written)} is not one the plan lists, and is not counted"
                  + (f"; did you mean {quoted(guess)}?" if guess else ""),
                  hint)
        )
    return counted.distinct


def _coverage(ctx: Context, duty: CompiledDuty, entry: Any, findings: list[FindingDraft], row: dict[str, Any]) -> str:
    share = duty.coverage
    what = duty.coverage_what
    assert share is not None and what is not None
    units = entry.get("units") if isinstance(entry, dict) else None
    inspected = entry.get("units_inspected") if isinstance(entry, dict) else None
    subject = f"duty:{duty.id}"
    if units is not None and inspected is not None and inspected > units:
        findings.append(
            draft(IMPOSSIBLE_COUNT, subject, _path(ctx, duty, "units_inspected"),
                  f"units_inspected ({count(inspected, 'vi')}) lớn hơn units ({count(units, 'vi')}): số liệu không thể đúng",
                  f"units_inspected ({count(inspected, 'en')}) is greater than units ({count(units, 'en')}), which cannot be")
        )
        return "missed"
    if units is not None and inspected is not None:
        row["progress"].append(Progress(inspected, units, what))
    met = units is not None and inspected is not None and (units == 0 or Fraction(inspected, units) >= share)
    if met:
        return "ok"
    if not ctx.year_end_report:
        return "in_progress"
    pct_vi, pct_en = decimal(share * 100, "vi"), decimal(share * 100, "en")
    if units is None or inspected is None:
        findings.append(
            draft(YEARLY_COUNT_SHORT, subject, _path(ctx, duty),
                  f"{duty.title.vi}: thiếu units/units_inspected để đánh giá {pct_vi}% {what.vi}",
                  f"{duty.title.en}: units and units_inspected are needed to judge {pct_en}% of {what.en}")
        )
    else:
        findings.append(
            draft(YEARLY_COUNT_SHORT, subject, _path(ctx, duty, "units_inspected"),
                  f"{duty.title.vi}: {ratio(inspected, units, 'vi')} {what.vi} (Kế hoạch: {pct_vi}%)",
                  f"{duty.title.en}: {count(inspected, 'en')} of {count(units, 'en')} {what.en} (the plan asks for {pct_en}%)")
        )
    return "missed"


def _window(ctx: Context, duty: CompiledDuty, entry: Any, findings: list[FindingDraft]) -> str:
    window = duty.window_days
    assert window is not None
    items = entry if isinstance(entry, list) else []
    subject = f"duty:{duty.id}"
    worst = "ok"
    for i, item in enumerate(items):
        approved: date = item["approved_on"]
        published: date | None = item.get("published_on")
        base = ("duties", duty.id, i)
        if _after_as_of(ctx, duty, approved, (*base, "approved_on"), findings):
            continue
        if published is not None and _after_as_of(ctx, duty, published, (*base, "published_on"), findings):
            published = None
        if published is not None and published < approved:
            findings.append(
                draft(DATES_OUT_OF_ORDER, subject, (*base, "published_on"),
                      f"ngày công khai {vi_date(published)} trước ngày phê duyệt {vi_date(approved)}",
                      f"published on {en_date(published)}, before its approval on {en_date(approved)}")
            )
            continue
        if published is not None:
            gap = (published - approved).days
            if gap > window:
                d_vi, d_en = days(gap)
                findings.append(
                    draft(PUBLICATION_WINDOW_MISSED, subject, (*base, "published_on"),
                          f"TTHC phê duyệt {vi_date(approved)} được công khai sau {d_vi} (Kế hoạch: chậm nhất {window} ngày)",
                          f"a procedure approved on {en_date(approved)} was published {d_en} later (the plan allows {window})")
                )
                worst = _worst([worst, "late"])
        elif (ctx.as_of - approved).days > window:
            d_vi, d_en = days((ctx.as_of - approved).days)
            findings.append(
                draft(PUBLICATION_WINDOW_MISSED, subject, (*base, "approved_on"),
                      f"TTHC phê duyệt {vi_date(approved)} chưa được công khai sau {d_vi} (Kế hoạch: chậm nhất {window} ngày)",
                      f"a procedure approved on {en_date(approved)} is still unpublished after {d_en} (the plan allows {window})")
            )
            worst = "missed"
    return worst
