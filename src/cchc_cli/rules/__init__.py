"""The rule catalogue: every rule's stable id, slug, family, severity, title and help.

Ids are a public contract (CI waivers, SARIF fingerprints and agencies' scripts name them): an id
is never renamed or reused. ``CCHC0xx`` input, ``1xx`` targets, ``2xx`` tasks, ``3xx`` duties,
``4xx`` reporting, ``5xx`` the repository's configuration. The rule functions live in one module per family; each is a pure function of
(plan, progress, as_of) that returns findings (see :mod:`cchc_cli.engine`).
"""

from __future__ import annotations

from cchc_cli.compiled import Text2
from cchc_cli.models.report import RuleMeta, Severity

E, W, I = Severity.error, Severity.warning, Severity.info


def _r(rule_id: str, slug: str, family: str, severity: Severity, vi: str, en: str, help_vi: str, help_en: str) -> RuleMeta:
    return RuleMeta(rule_id, slug, family, severity, Text2(vi, en), Text2(help_vi, help_en))


RULES: dict[str, RuleMeta] = {
    r.id: r
    for r in (
        # --- input: the file itself -----------------------------------------------------------
        _r("CCHC001", "unreadable-file", "input", E,
           "Không đọc được tệp", "File cannot be read",
           "Tệp không tồn tại, quá lớn, không phải văn bản UTF-8 hoặc sai cú pháp YAML.",
           "The file is missing, too large, not UTF-8 text, or not valid YAML."),
        _r("CCHC002", "invalid-value", "input", E,
           "Giá trị hoặc khóa không hợp lệ", "Invalid key or value",
           "Một khóa không có trong lược đồ, thiếu khóa bắt buộc, hoặc giá trị sai kiểu (ngày, số đếm, trạng thái).",
           "A key the schema does not know, a required key missing, or a value of the wrong type (date, count, status)."),
        _r("CCHC003", "unknown-agency", "input", E,
           "Không nhận ra cơ quan, đơn vị", "Unknown agency",
           "Trường agency phải là mã hoặc tên một cơ quan trong danh mục ('cchc plan agencies').",
           "'agency' must be the id or a name of an agency in the registry ('cchc plan agencies')."),
        _r("CCHC004", "unknown-period", "input", E,
           "Kỳ báo cáo không hợp lệ", "Unknown reporting period",
           "Kỳ báo cáo là Q1, H1, 9M hoặc FY (hoặc Quý I, 6 tháng, 9 tháng, năm).",
           "The period is Q1, H1, 9M or FY (or Quý I, 6 tháng, 9 tháng, năm)."),
        _r("CCHC005", "unknown-task", "input", E,
           "Nhiệm vụ không có trong Phụ lục", "Task not in the appendix",
           "Mã nhiệm vụ phải là mã một dòng của Phụ lục ('cchc plan tasks').",
           "Task ids are the ids of the appendix rows ('cchc plan tasks')."),
        _r("CCHC006", "impossible-count", "input", E,
           "Số liệu không thể đúng", "Impossible counts",
           "Tử số lớn hơn mẫu số (ví dụ số hồ sơ đúng hạn nhiều hơn số hồ sơ đã giải quyết).",
           "A numerator above its denominator (e.g. more dossiers on time than resolved)."),
        _r("CCHC007", "date-outside-plan", "input", E,
           "Ngày nằm ngoài thời gian của Kế hoạch", "Date outside the plan's time",
           "Các ngày phải nằm trong khoảng từ ngày bắt đầu chốt số liệu đến hết năm của Kế hoạch.",
           "Dates must fall between the start of the plan's data period and the end of its year."),
        _r("CCHC008", "unknown-indicator", "input", E,
           "Chỉ số hoặc số đếm không có trong Kế hoạch", "Unknown indicator or count",
           "Các chỉ số là chỉ tiêu của mục I.3 ('cchc plan targets'), mỗi chỉ số có đúng hai số đếm.",
           "Indicators are the targets of section I.3 ('cchc plan targets'), each with exactly its two counts."),
        _r("CCHC009", "unknown-event", "input", E,
           "Sự kiện không có trong Kế hoạch", "Unknown event",
           "Các sự kiện là những sự kiện mà Kế hoạch khai báo (ví dụ pci_published).",
           "Events are those the plan declares (e.g. pci_published)."),
        _r("CCHC010", "not-applicable", "input", W,
           "Mục không áp dụng cho loại đơn vị này", "Entry does not apply to this kind of unit",
           "Chỉ số hoặc nhiệm vụ này không áp dụng cho loại cơ quan, đơn vị đã khai; nó bị bỏ qua.",
           "This indicator or duty does not apply to the agency's kind; it is ignored."),
        _r("CCHC011", "dates-out-of-order", "input", E,
           "Ngày không hợp lý", "Dates out of order",
           "Một ngày đứng trước ngày mà nó phải đứng sau (ví dụ công khai trước khi được phê duyệt).",
           "A date before the one it must follow (e.g. published before it was approved)."),
        _r("CCHC012", "duplicate-entry", "input", E,
           "Mục bị ghi hai lần", "Entry given twice",
           "Cùng một nhiệm vụ được ghi hai lần dưới những cách viết khác nhau (ví dụ II.1 và ii.1).",
           "The same task appears twice under different spellings (e.g. II.1 and ii.1)."),
        _r("CCHC013", "as-of-outside-period", "input", W,
           "Ngày chốt số liệu nằm ngoài kỳ báo cáo", "As-of date outside the period",
           "Ngày chốt số liệu sau tháng cuối của kỳ báo cáo: kiểm tra lại period và as_of.",
           "The as-of date is after the period's last month: check period and as_of."),
        _r("CCHC014", "nothing-to-judge", "input", W,
           "Không có gì để kiểm tra", "Nothing to judge",
           "Kế hoạch không giao cho cơ quan này chỉ tiêu, nhiệm vụ Phụ lục hay trách nhiệm mục V nào đo được.",
           "The plan gives this agency no target, appendix task or measurable section V duty."),
        _r("CCHC015", "unknown-form", "input", E,
           "Hình thức tuyên truyền không có trong Kế hoạch", "Form of communication not in the plan",
           "Mỗi mục của forms là mã hoặc tên một hình thức Kế hoạch liệt kê ('cchc schema progress' có danh sách); hình thức khác ghi dưới other: bằng lời, và vẫn được tính.",
           "Each forms entry is the id or a name of a form the plan lists ('cchc schema progress' lists them); any other form is written under other: as free text, and counts too."),
        # --- targets (section I.3) ------------------------------------------------------------
        _r("CCHC101", "target-missed", "targets", E,
           "Chưa đạt chỉ tiêu", "Target missed",
           "Tỷ lệ tính từ số đếm lũy kế thấp hơn ngưỡng của Kế hoạch (so sánh chính xác, không làm tròn).",
           "The rate from the cumulative counts is below the plan's threshold (compared exactly, never rounded)."),
        # A strive target ("Phấn đấu … tối thiểu 85%") is still a target a unit meets or misses:
        # an error, as CCHC101, under its own id so that a repository can soften it (severity:).
        _r("CCHC102", "aspirational-target-missed", "targets", E,
           "Chưa đạt chỉ tiêu phấn đấu", "Aspirational target missed",
           "Chỉ tiêu Kế hoạch ghi là 'phấn đấu' chưa đạt: là lỗi như mọi chỉ tiêu; thiết lập severity của kho mã có thể hạ mức (CCHC102: warning).",
           "A target the plan states as one to strive for ('Phấn đấu') is not reached: an error like any target, which a repository's severity setting may soften (CCHC102: warning)."),
        _r("CCHC103", "target-not-reported", "targets", E,
           "Thiếu số liệu chỉ tiêu", "Target not reported",
           "Chỉ tiêu áp dụng cho đơn vị nhưng tệp không có số liệu của nó.",
           "The target applies to the unit but the file gives no counts for it."),
        _r("CCHC104", "target-no-data", "targets", I,
           "Chưa có dữ liệu để đánh giá", "Nothing to judge yet",
           "Mẫu số bằng 0 (ví dụ chưa có hồ sơ nào): chỉ tiêu chưa thể đánh giá.",
           "The denominator is 0 (e.g. no dossier yet): the target cannot be judged."),
        # --- tasks (the appendix) -------------------------------------------------------------
        _r("CCHC201", "task-overdue", "tasks", E,
           "Nhiệm vụ quá hạn", "Task overdue",
           "Đã qua thời hạn của Phụ lục mà nhiệm vụ chưa hoàn thành.",
           "The appendix deadline has passed and the task is not done."),
        _r("CCHC202", "task-done-late", "tasks", W,
           "Nhiệm vụ hoàn thành muộn", "Task done late",
           "Nhiệm vụ đã hoàn thành nhưng sau thời hạn.",
           "The task was done after its deadline."),
        _r("CCHC203", "task-due-soon", "tasks", I,
           "Nhiệm vụ sắp đến hạn", "Task due soon",
           "Nhiệm vụ chưa hoàn thành và đến hạn trong vòng 30 ngày.",
           "The task is not done and falls due within 30 days."),
        _r("CCHC204", "task-done-without-date", "tasks", E,
           "Hoàn thành nhưng thiếu ngày", "Done without a date",
           "Nhiệm vụ ghi đã xong (done) phải có completed_on.",
           "A task marked done needs its completed_on date."),
        _r("CCHC205", "completed-after-as-of", "tasks", E,
           "Ngày hoàn thành sau ngày chốt số liệu", "Completed after the as-of date",
           "Ngày hoàn thành không thể sau ngày chốt số liệu của báo cáo.",
           "A completion date cannot be later than the report's as-of date."),
        _r("CCHC206", "task-led-by-other", "tasks", W,
           "Nhiệm vụ do cơ quan khác chủ trì", "Task led by another agency",
           "Chỉ báo cáo các nhiệm vụ cơ quan mình chủ trì; nhiệm vụ này bị bỏ qua.",
           "Report only the tasks your agency leads; this one is ignored."),
        _r("CCHC207", "task-not-reported", "tasks", W,
           "Thiếu báo cáo nhiệm vụ", "Task not reported",
           "Nhiệm vụ cơ quan chủ trì không có trong tệp; được tính là chưa bắt đầu.",
           "A task the agency leads is missing from the file; it is counted as not started."),
        _r("CCHC208", "recurring-task-missed", "tasks", E,
           "Nhiệm vụ định kỳ bị bỏ sót", "Recurring task missed",
           "Nhiệm vụ định kỳ (hằng tháng…) không có lần thực hiện nào trong một kỳ đã kết thúc.",
           "A recurring task (monthly…) has no occurrence in a period that has ended."),
        _r("CCHC209", "task-overdue-by-reading", "tasks", W,
           "Nhiệm vụ quá hạn theo cách đọc của công cụ", "Task overdue by the tool's reading",
           "Văn bản không ấn định ngày (“Ngay sau khi … được công bố”) hoặc ghi sai ngày (đính chính E01); hạn là cách đọc của công cụ (xem cchc plan task), nên chỉ cảnh báo.",
           "The source sets no day (“Ngay sau khi … được công bố”) or prints a wrong one (erratum E01); the due date is the tool's reading (see cchc plan task), so this is a warning only."),
        # --- duties (section V) ---------------------------------------------------------------
        _r("CCHC301", "duty-overdue", "duties", E,
           "Nhiệm vụ mục V quá hạn", "Duty overdue",
           "Đã qua thời hạn của nhiệm vụ mục V mà chưa thực hiện.",
           "A section V duty's deadline has passed and it is not done."),
        _r("CCHC302", "duty-done-late", "duties", W,
           "Nhiệm vụ mục V thực hiện muộn", "Duty done late",
           "Nhiệm vụ mục V đã thực hiện nhưng sau thời hạn.",
           "A section V duty was done after its deadline."),
        _r("CCHC303", "duty-due-soon", "duties", I,
           "Nhiệm vụ mục V sắp đến hạn", "Duty due soon",
           "Nhiệm vụ mục V chưa thực hiện và đến hạn trong vòng 30 ngày.",
           "A section V duty is not done and falls due within 30 days."),
        _r("CCHC304", "recurring-duty-missed", "duties", E,
           "Bỏ sót nhiệm vụ định kỳ", "Recurring duty missed",
           "Không có lần thực hiện nào trong một tháng (quý) đã kết thúc trước ngày chốt số liệu.",
           "No occurrence in a month (quarter) that ended before the as-of date."),
        _r("CCHC305", "recurring-duty-late", "duties", W,
           "Nhiệm vụ định kỳ thực hiện muộn", "Recurring duty late",
           "Có thực hiện trong kỳ nhưng sau ngày Kế hoạch quy định.",
           "Carried out within the period but after the day the plan sets."),
        _r("CCHC306", "yearly-count-short", "duties", E,
           "Chưa đủ số lượng trong năm", "Yearly count not reached",
           "Cuối năm (kỳ FY) chưa đủ số lượng Kế hoạch yêu cầu (đối thoại, hình thức tuyên truyền, đơn vị được kiểm tra).",
           "At the year's report (FY) a required count is not reached (dialogues, forms of communication, units inspected)."),
        _r("CCHC307", "publication-window-missed", "duties", E,
           "Công khai TTHC quá thời hạn", "Publication window missed",
           "TTHC phải được cập nhật, công khai chậm nhất 05 ngày kể từ ngày được phê duyệt.",
           "A procedure must be published no later than 5 days after its approval."),
        _r("CCHC308", "duty-date-after-as-of", "duties", E,
           "Ngày thực hiện sau ngày chốt số liệu", "Duty date after the as-of date",
           "Một ngày thực hiện nhiệm vụ mục V không thể sau ngày chốt số liệu của báo cáo.",
           "A duty's date cannot be later than the report's as-of date."),
        # --- reporting (section III) ----------------------------------------------------------
        _r("CCHC401", "report-late", "reporting", E,
           "Gửi báo cáo muộn", "Report sent late",
           "Báo cáo phải đến UBND Thành phố (qua Sở Nội vụ) chậm nhất ngày 15 tháng cuối kỳ.",
           "The report must reach the City (via the Department of Home Affairs) by the 15th of the period's last month."),
        # --- configuration (the repository's waivers) ---------------------------------------
        _r("CCHC501", "waiver-expired", "config", E,
           "Miễn trừ đã hết hạn", "Waiver expired",
           "Một miễn trừ trong cấu hình đã quá ngày hết hạn: phát hiện lại được tính; hãy gia hạn (có phê duyệt) hoặc xóa miễn trừ.",
           "A waiver in the configuration is past its expiry date: the finding counts again; renew it (approved) or remove it."),
    )
}


def meta(rule_id: str) -> RuleMeta:
    return RULES[rule_id]


def markdown_table(lang: str = "en") -> str:
    """The catalogue as the Markdown table docs/officer.md carries (a test keeps the two equal)."""
    lines = ["| id | slug | severity | rule |", "|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| {rule.id} | `{rule.slug}` | {rule.severity.name} | {rule.title.get(lang)}: {rule.help.get(lang)} |")
    return "\n".join(lines) + "\n"
