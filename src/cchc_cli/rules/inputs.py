"""Input rules: the file itself, who it is for, when, and the checks no type can express.

The file cannot be read (CCHC001) or does not match the schema (CCHC002): the parser layer
detects these and :func:`cchc_cli.engine.failed_input` reports them under the constants below.
The agency (CCHC003) and the period (CCHC004) are resolved here, once, before any family runs.
Then, on a schema-valid file: dates must fall in the plan's time (from the start of its data
period to the end of its year), the as-of date inside the period, and events must be events the
plan declares. Unknown indicators, tasks, counts and forms are raised by the family that knows
what each should have been (targets, tasks, duties); the input rules two families share
(impossible counts, entries that do not apply) are defined here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from cchc_cli.compiled import CompiledPlan, CompiledPeriod, Bilingual
from cchc_cli.models.report import RuleMeta, Severity
from cchc_cli.rules.base import Context, DataPath, FamilyResult, FindingDraft, draft, en_date, vi_date
from cchc_cli.text import quoted, visible

if TYPE_CHECKING:
    from cchc_cli.agencies import Agency
    from cchc_cli.models.progress import ProgressFile

UNREADABLE_FILE = RuleMeta(
    id="CCHC001", slug="unreadable-file", family="input", severity=Severity.error,
    title=Bilingual("Không đọc được tệp", "File cannot be read"),
    help=Bilingual("Tệp không tồn tại, quá lớn, không phải văn bản UTF-8 hoặc sai cú pháp YAML.",
               "The file is missing, too large, not UTF-8 text, or not valid YAML."),
)
INVALID_VALUE = RuleMeta(
    id="CCHC002", slug="invalid-value", family="input", severity=Severity.error,
    title=Bilingual("Giá trị hoặc khóa không hợp lệ", "Invalid key or value"),
    help=Bilingual("Một khóa không có trong lược đồ, thiếu khóa bắt buộc, hoặc giá trị sai kiểu (ngày, số đếm, trạng thái).",
               "A key the schema does not know, a required key missing, or a value of the wrong type (date, count, status)."),
)
UNKNOWN_AGENCY = RuleMeta(
    id="CCHC003", slug="unknown-agency", family="input", severity=Severity.error,
    title=Bilingual("Không nhận ra cơ quan, đơn vị", "Unknown agency"),
    help=Bilingual("Trường agency phải là mã hoặc tên một cơ quan trong danh mục ('cchc plan agencies').",
               "'agency' must be the id or a name of an agency in the registry ('cchc plan agencies')."),
)
UNKNOWN_PERIOD = RuleMeta(
    id="CCHC004", slug="unknown-period", family="input", severity=Severity.error,
    title=Bilingual("Kỳ báo cáo không hợp lệ", "Unknown reporting period"),
    help=Bilingual("Kỳ báo cáo là Q1, H1, 9M hoặc FY (hoặc Quý I, 6 tháng, 9 tháng, năm).",
               "The period is Q1, H1, 9M or FY (or Quý I, 6 tháng, 9 tháng, năm)."),
)
IMPOSSIBLE_COUNT = RuleMeta(
    id="CCHC006", slug="impossible-count", family="input", severity=Severity.error,
    title=Bilingual("Số liệu không thể đúng", "Impossible counts"),
    help=Bilingual("Tử số lớn hơn mẫu số (ví dụ số hồ sơ đúng hạn nhiều hơn số hồ sơ đã giải quyết).",
               "A numerator above its denominator (e.g. more dossiers on time than resolved)."),
)
DATE_OUTSIDE_PLAN = RuleMeta(
    id="CCHC007", slug="date-outside-plan", family="input", severity=Severity.error,
    title=Bilingual("Ngày nằm ngoài thời gian của Kế hoạch", "Date outside the plan's time"),
    help=Bilingual("Các ngày phải nằm trong khoảng từ ngày bắt đầu chốt số liệu đến hết năm của Kế hoạch.",
               "Dates must fall between the start of the plan's data period and the end of its year."),
)
UNKNOWN_EVENT = RuleMeta(
    id="CCHC009", slug="unknown-event", family="input", severity=Severity.error,
    title=Bilingual("Sự kiện không có trong Kế hoạch", "Unknown event"),
    help=Bilingual("Các sự kiện là những sự kiện mà Kế hoạch khai báo (ví dụ pci_published).",
               "Events are those the plan declares (e.g. pci_published)."),
)
NOT_APPLICABLE = RuleMeta(
    id="CCHC010", slug="not-applicable", family="input", severity=Severity.warning,
    title=Bilingual("Mục không áp dụng cho loại đơn vị này", "Entry does not apply to this kind of unit"),
    help=Bilingual("Chỉ số hoặc nhiệm vụ này không áp dụng cho loại cơ quan, đơn vị đã khai; nó bị bỏ qua.",
               "This indicator or duty does not apply to the agency's kind; it is ignored."),
)
AS_OF_OUTSIDE_PERIOD = RuleMeta(
    id="CCHC013", slug="as-of-outside-period", family="input", severity=Severity.warning,
    title=Bilingual("Ngày chốt số liệu nằm ngoài kỳ báo cáo", "As-of date outside the period"),
    help=Bilingual("Ngày chốt số liệu sau tháng cuối của kỳ báo cáo: kiểm tra lại period và as_of.",
               "The as-of date is after the period's last month: check period and as_of."),
)


def resolve_agency(plan: CompiledPlan, query: str) -> tuple[Agency | None, FindingDraft | None]:
    """The agency a file names, or why there is none (CCHC003, with the registry's suggestion)."""
    from cchc_cli.agencies import LookupProblem

    found = plan.registry.resolve(query)
    if not isinstance(found, LookupProblem):
        return found, None
    return None, draft(UNKNOWN_AGENCY, "input:agency", ("agency",), *found.message, Bilingual(*found.hint))


def resolve_period(plan: CompiledPlan, query: str | None) -> tuple[CompiledPeriod | None, FindingDraft | None]:
    """The reporting period a file (or --period) names, or why there is none (CCHC004)."""
    ids = ", ".join(p.id for p in plan.periods)
    names = ", ".join(p.name for p in plan.periods)
    if query is None:
        return None, draft(UNKNOWN_PERIOD, "input:period", (),
                           "thiếu kỳ báo cáo: thêm 'period: …' vào tệp hoặc dùng --period",
                           "no reporting period: add 'period: …' to the file or pass --period",
                           Bilingual(f"các kỳ: {ids} ({names})", f"the periods are {ids}"))
    try:
        return plan.period(query), None
    except KeyError:
        return None, draft(UNKNOWN_PERIOD, "input:period", ("period",),
                           f"không có kỳ báo cáo {quoted(query, lang='vi')}", f"there is no reporting period {quoted(query)}",
                           Bilingual(f"các kỳ: {ids} ({names})", f"the periods are {ids} ({names})"))


def _dates(data: ProgressFile) -> Iterator[tuple[DataPath, date]]:
    """Every date the file gives, wherever it is, with its path (in file order)."""
    from cchc_cli.datapath import entries

    for path, value in entries(data):
        if isinstance(value, date):
            yield path, value


def evaluate(ctx: Context) -> FamilyResult:
    from cchc_cli.validation import MAX_PROBLEMS, did_you_mean, dotted

    findings: list[FindingDraft] = []
    first, last = ctx.plan.data_start, date(ctx.plan.year, 12, 31)
    for path, day in _dates(ctx.data):
        # A report for the year may well be sent in January of the next: only its lower bound holds.
        if not first <= day <= last and not (path == ("submitted_on",) and day >= first):
            where = visible(dotted(path))
            findings.append(
                draft(DATE_OUTSIDE_PLAN, f"input:{where}", path,
                      f"{where}: ngày {vi_date(day)} nằm ngoài thời gian của Kế hoạch ({vi_date(first)} – {vi_date(last)})",
                      f"{where}: {en_date(day)} is outside the plan's time ({en_date(first)} to {en_date(last)})")
            )
    from cchc_cli.dates import month_end

    period_end = month_end(ctx.plan.year, ctx.period.months)
    if period_end < ctx.as_of <= last:  # beyond the plan's year, CCHC007 has said it already
        findings.append(
            draft(AS_OF_OUTSIDE_PERIOD, f"report:{ctx.period.id}", ctx.parent_path("as_of"),
                  f"ngày chốt số liệu {vi_date(ctx.as_of)} nằm ngoài kỳ {ctx.period.name} (đến {vi_date(period_end)})",
                  f"the as-of date {en_date(ctx.as_of)} is outside the {ctx.period.name_en} period (which ends {en_date(period_end)})",
                  Bilingual("kiểm tra period và as_of", "check period and as_of"))
        )
    unknown = 0
    for key in ctx.events:
        if key not in ctx.plan.events:
            unknown += 1  # past the problems a report lists, a suggestion would only cost time
            guess = did_you_mean(key, list(ctx.plan.events)) if unknown <= MAX_PROBLEMS else None
            known = ", ".join(ctx.plan.events)
            findings.append(
                draft(UNKNOWN_EVENT, f"input:events.{key}", ("events", key),
                      f"sự kiện {quoted(key, lang='vi')} không có trong Kế hoạch" + (f"; có phải là {guess!r}?" if guess else f"; các sự kiện: {known}"),
                      f"event {quoted(key)} is not in the plan" + (f"; did you mean {guess!r}?" if guess else f"; the events are {known}"))
            )
    return FamilyResult(findings)
