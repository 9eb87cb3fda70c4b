"""The message catalogue: every label the tool prints, in Vietnamese (default) and English.

The plan's own text is never translated here; it stays as the source wrote it. Labels are looked
up by key so a missing translation is a KeyError in tests, not a silent English word in a
Vietnamese report.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[str, ...] = ("vi", "en")

_CATALOGUE: dict[str, tuple[str, str]] = {
    # plan info
    "plan": ("Kế hoạch", "Plan"),
    "plan_id": ("Mã kế hoạch", "Plan id"),
    "version": ("Phiên bản dữ liệu", "Dataset version"),
    "schema_version": ("Phiên bản lược đồ", "Schema version"),
    "digest": ("SHA-256", "SHA-256"),
    "title": ("Tên", "Title"),
    "decision": ("Quyết định", "Decision"),
    "issued_on": ("Ngày ban hành", "Issued on"),
    "issuer": ("Cơ quan ban hành", "Issued by"),
    "signer": ("Người ký", "Signed by"),
    "source": ("Văn bản nguồn", "Source text"),
    "dataset": ("Tệp dữ liệu", "Dataset file"),
    "bundled": ("(kèm theo công cụ)", "(bundled)"),
    "counts": ("Số lượng", "Counts"),
    "n_targets": ("chỉ tiêu", "targets"),
    "n_tasks": ("nhiệm vụ phụ lục", "appendix tasks"),
    "n_rows": ("dòng đánh số", "numbered rows"),
    "n_sections": ("mục", "sections"),
    "n_duties": ("trách nhiệm (mục V)", "duties (section V)"),
    "n_agencies": ("cơ quan, đơn vị", "agencies"),
    "n_errata": ("đính chính", "errata"),
    "reporting": ("Chế độ báo cáo", "Reporting"),
    "period": ("Kỳ", "Period"),
    "report_due": ("Hạn gửi báo cáo", "Report due"),
    "data_cutoff": ("Chốt số liệu", "Data cut-off"),
    # targets
    "targets": ("Chỉ tiêu", "Targets"),
    "target": ("Chỉ tiêu", "Target"),
    "threshold": ("Ngưỡng", "Threshold"),
    "metric": ("Cách tính", "Metric"),
    "applies_to": ("Áp dụng cho", "Applies to"),
    "aspirational": ("phấn đấu", "aspirational"),
    # tasks
    "tasks": ("Nhiệm vụ", "Tasks"),
    "task": ("Nhiệm vụ", "Task"),
    "id": ("Mã", "Id"),
    "section": ("Mục", "Section"),
    "content": ("Nội dung", "Content"),
    "product": ("Sản phẩm", "Product"),
    "lead": ("Chủ trì", "Lead"),
    "coordinators": ("Phối hợp", "Coordinating"),
    "deadline": ("Thời gian hoàn thành", "Deadline"),
    "due": ("Hạn", "Due"),
    "kind": ("Loại", "Kind"),
    "structure": ("Cấu trúc", "Structure"),
    "inherited": ("kế thừa từ dòng trên", "inherited from the parent row"),
    "no_fixed_date": ("không có ngày cố định", "no fixed date"),
    "errata": ("Đính chính", "Errata"),
    "erratum": ("Đính chính", "Erratum"),
    "source_text": ("Văn bản gốc", "Source text"),
    "reading": ("Công cụ dùng", "Tool reads"),
    "why": ("Lý do", "Why"),
    "where": ("Vị trí", "Where"),
    "tool_reading": ("Cách đọc của công cụ", "The tool's reading"),
    "phrase": ("Cụm từ", "Words read"),
    "days": ("ngày", "days"),
    "source_line": ("văn bản nguồn, dòng", "source text, line"),
    "cited_at": ("Dùng tại", "Used at"),
    "waits_for": ("Chờ sự kiện", "Waits for"),
    "days_after": ("chậm nhất {days} ngày sau khi công bố", "no later than {days} days after publication"),
    "days_after_all": ("chậm nhất {days} ngày sau khi công bố cả {n} chỉ số", "no later than {days} days after the last of the {n} is published"),
    "no_tasks": ("Không có nhiệm vụ nào khớp bộ lọc.", "No task matches the filters."),
    "total": ("Tổng", "Total"),
    # agencies
    "agencies": ("Cơ quan, đơn vị", "Agencies"),
    "name": ("Tên", "Name"),
    "code": ("Mã ĐVHC", "Unit code"),
    "communes": ("Số xã, phường, thị trấn", "Communes"),
    "aliases": ("Tên khác", "Aliases"),
    # deadline kinds
    "kind.date": ("ngày", "date"),
    "kind.quarter": ("quý", "quarter"),
    "kind.month": ("tháng", "month"),
    "kind.recurring": ("định kỳ", "recurring"),
    "kind.guidance": ("theo hướng dẫn", "per guidance"),
    "kind.direction": ("theo chỉ đạo", "per direction"),
    "kind.event": ("theo sự kiện", "event-triggered"),
    "kind.reporting": ("theo kỳ báo cáo", "with the reports"),
    "freq.monthly": ("hằng tháng", "monthly"),
    "freq.quarterly": ("hằng quý", "quarterly"),
    "freq.yearly": ("hằng năm", "yearly"),
    "schedule.periodic": ("báo cáo định kỳ", "periodic reports"),
    "schedule.thematic": ("báo cáo chuyên đề", "thematic reports"),
    # agency kinds
    "agency_kind.department": ("Sở, cơ quan tương đương Sở", "department"),
    "agency_kind.district": ("quận, huyện, thị xã", "district"),
    "agency_kind.city": ("cấp Thành phố", "city"),
    "agency_kind.central": ("Trung ương", "central"),
    "agency_kind.institute": ("viện nghiên cứu", "institute"),
    "agency_kind.school": ("trường", "school"),
    "agency_kind.training_centre": ("trung tâm bồi dưỡng", "training centre"),
    "agency_kind.press": ("cơ quan báo chí", "press"),
    "agency_kind.public_service_unit": ("đơn vị sự nghiệp", "public service unit"),
    # check report
    "check.title": ("Báo cáo kiểm tra tiến độ CCHC", "Administrative reform progress check"),
    "check.file": ("Tệp", "File"),
    "check.agency": ("Cơ quan, đơn vị", "Agency"),
    "check.period": ("Kỳ báo cáo", "Period"),
    "check.as_of": ("Số liệu đến ngày", "Data as of"),
    "check.submitted": ("Ngày gửi", "Sent on"),
    "check.plan": ("Kế hoạch", "Plan"),
    "check.targets": ("Chỉ tiêu (mục I.3)", "Targets (section I.3)"),
    "check.tasks": ("Nhiệm vụ chủ trì (Phụ lục)", "Tasks led (appendix)"),
    "check.duties": ("Nhiệm vụ mục V", "Section V duties"),
    "check.findings": ("Phát hiện", "Findings"),
    "check.actual": ("Thực tế", "Actual"),
    "check.counts": ("Số đếm", "Counts"),
    "check.goal": ("Chỉ tiêu", "Target"),
    "check.gap": ("Chênh lệch", "Gap"),
    "check.verdict": ("Kết quả", "Verdict"),
    "check.status": ("Trạng thái", "Status"),
    "check.days_late": ("Trễ (ngày)", "Days late"),
    "check.progress": ("Tiến độ", "Progress"),
    "check.no_findings": ("Không có phát hiện nào.", "No findings."),
    "check.not_evaluated": (
        "Chưa thể đánh giá tệp này; hãy sửa các lỗi dữ liệu trên.",
        "This file could not be judged; fix the input errors above.",
    ),
    "check.more_needed": ("cần thêm {n}", "{n} more needed"),
    "check.summary": ("Tóm tắt", "Summary"),
    "check.files": ("Tổng cộng, số tệp", "In all, files"),
    "check.files_checked": ("số tệp đã kiểm tra", "files checked"),
    "summary.title": ("Tổng hợp kết quả CCHC toàn Thành phố", "City-wide administrative reform roll-up"),
    "summary.city_targets": ("Chỉ tiêu toàn Thành phố (cộng số đếm)", "City-wide targets (summed counts)"),
    "summary.units": ("Số đơn vị", "Units"),
    "summary.matrix": ("Đơn vị × chỉ tiêu (✓ đạt, ✗ chưa đạt)", "Units × targets (✓ met, ✗ missed)"),
    "summary.ranking": ("Xếp hạng đơn vị", "Units ranked"),
    "summary.score": ("Điểm", "Score"),
    "summary.not_reported": ("Chưa báo cáo", "Not reported"),
    "summary.invalid": ("Đã báo cáo, tệp lỗi", "Reported, invalid"),
    "summary.bars": (
        "Thanh: │ là mức chỉ tiêu, thanh chưa chạm │ là chưa đạt; thang đo",
        "Bars: │ marks the target, a bar short of │ is missed; scales",
    ),
    "summary.late": ("Báo cáo muộn (ngày)", "Late reports (days)"),
    "summary.overdue_by_lead": ("Nhiệm vụ Phụ lục quá hạn, theo cơ quan chủ trì", "Appendix tasks overdue, by lead"),
    "summary.trends": ("Diễn biến qua các kỳ", "Trends across periods"),
    "summary.bad_files": ("Tệp không đánh giá được hoặc có lỗi dữ liệu", "Files that could not be judged or have input errors"),
    "summary.duplicate": ("trùng đơn vị và kỳ:", "same unit and period:"),
    "check.unreadable": ("không đánh giá được", "not judged"),
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    "severity.info": ("thông tin", "info"),
    "severity.off": ("tắt", "off"),
    "severity.errors": ("lỗi", "errors"),
    "severity.warnings": ("cảnh báo", "warnings"),
    "severity.infos": ("thông tin", "info"),
    "summary.targets_met": ("chỉ tiêu đạt", "targets met"),
    "summary.tasks_overdue": ("nhiệm vụ quá hạn", "tasks overdue"),
    "summary.duties_missed": ("nhiệm vụ mục V chưa đạt", "duties missed"),
    "verdict.met": ("đạt", "met"),
    "verdict.missed": ("chưa đạt", "missed"),
    "verdict.not_reported": ("thiếu số liệu", "not reported"),
    "verdict.no_data": ("chưa có dữ liệu", "no data yet"),
    "verdict.invalid": ("số liệu sai", "invalid counts"),
    "state.done": ("đã hoàn thành", "done"),
    "state.invalid": ("thiếu ngày hoàn thành", "no completion date"),
    "state.done_late": ("hoàn thành muộn", "done late"),
    "state.overdue": ("quá hạn", "overdue"),
    "state.due_soon": ("sắp đến hạn", "due soon"),
    "state.open": ("chưa đến hạn", "not yet due"),
    "state.no_fixed_date": ("không có hạn cố định", "no fixed date"),
    "state.waiting_event": ("chờ sự kiện", "waiting for the event"),
    "state.recurring": ("định kỳ, đúng hạn", "recurring, on track"),
    "state.ok": ("đạt", "on track"),
    "state.missed": ("chưa đạt", "missed"),
    "state.late": ("muộn", "late"),
    "state.in_progress": ("đang thực hiện", "in progress"),
    "state.not_measurable": ("không đo được", "not measurable"),
    "status.not_started": ("chưa bắt đầu", "not started"),
    "status.in_progress": ("đang thực hiện", "in progress"),
    "status.done": ("đã xong", "done"),
    "status.none": ("(không báo cáo)", "(not reported)"),
    "init.wrote": ("đã ghi tệp", "wrote"),
    "init.unconventional": (
        "hook pre-commit cchc-check chỉ tự nhận các tệp đặt tên <mã đơn vị>-<kỳ>.yaml (như {name}); "
        "với tên này, hãy đặt files: cho hook trong .pre-commit-config.yaml",
        "the cchc-check pre-commit hook picks up only files named <agency id>-<period>.yaml (like {name}) "
        "by default; with this name, set the hook's files: in .pre-commit-config.yaml",
    ),
    "waived": ("đã miễn trừ", "waived"),
    "config.title": ("Thiết lập đang dùng", "Effective settings"),
    "config.key": ("Khóa", "Key"),
    "config.value": ("Giá trị", "Value"),
    "config.source": ("Nguồn", "Source"),
    # where a setting comes from (config.source_label); JSON keeps the machine value ("default", "--lang")
    "config.source.default": ("mặc định", "default"),
    "config.source.flag": ("dòng lệnh {flag}", "command line {flag}"),
    "config.source.env": ("biến môi trường {name}", "environment variable {name}"),
    "config.source.file": ("tệp {where}", "file {where}"),
    "config.file": ("Tệp cấu hình", "Configuration file"),
    "config.none": ("(không có)", "(none)"),
    "config.waivers": ("Miễn trừ", "Waivers"),
    "config.approver": ("Người duyệt", "Approver"),
    "config.reason": ("Lý do", "Reason"),
    "config.expires": ("Hết hạn", "Expires"),
    "config.expired": ("đã hết hạn", "expired"),
    "config.severity": ("Mức độ theo quy tắc", "Severity per rule"),
    "config.rule": ("Quy tắc", "Rule"),
    "config.default": ("Mặc định", "Default"),
    "severity.rules_off": ("quy tắc đã tắt, không báo phát hiện nào", "rules turned off, no findings reported"),
    "config.judged_as_of": (
        "Miễn trừ được xét theo ngày chốt số liệu (as_of) của từng báo cáo: còn hiệu lực với báo cáo "
        "có as_of đến hết ngày hết hạn, hết hiệu lực với báo cáo có as_of sau ngày đó.",
        "Each waiver is judged against the as_of date of the report it would waive: it holds for a "
        "report as of its expiry date or earlier, and has expired for a later one.",
    ),
    "config.judged_fixed": (
        "CCHC_TODAY đang đặt: miễn trừ được xét theo ngày này, thay cho as_of của từng báo cáo",
        "CCHC_TODAY is set: waivers are judged against this date instead of each report's as_of",
    ),
    "until": ("đến", "until"),
    "sarif.srcroot": ("Thư mục gốc của kho mã", "The repository's root directory"),
    "rules": ("Quy tắc kiểm tra", "Check rules"),
    "severity": ("Mức độ", "Severity"),
    # -- xlsx workbook of the roll-up (cchc summary --format xlsx=FILE): sheet names (31 characters
    # at most, none of []:*?/\), headers and words of render/summary_xlsx.py
    "xlsx.sheet.cover": ("Thông tin chung", "Cover"),
    "xlsx.sheet.units": ("Đơn vị", "Units"),
    "xlsx.sheet.city": ("Chỉ tiêu toàn Thành phố", "City targets"),
    "xlsx.sheet.targets": ("Chỉ tiêu theo đơn vị", "Targets by unit"),
    "xlsx.sheet.attention": ("Chưa báo cáo, muộn, lỗi", "Not reported, late, invalid"),
    "xlsx.sheet.overdue": ("Quá hạn theo chủ trì", "Overdue by lead"),
    "xlsx.sheet.trends": ("Diễn biến qua các kỳ", "Trends"),
    "xlsx.item": ("Mục", "Item"),
    "xlsx.tool": ("Công cụ", "Tool"),
    "xlsx.as_of_each": ("theo ngày số liệu (as_of) của từng tệp", "each file's own as_of"),
    "xlsx.units_listed": ("Số đơn vị trong danh sách", "Units listed"),
    "xlsx.rates": ("Tỷ lệ", "Rates"),
    "xlsx.rates_note": (
        "tỷ lệ cắt bớt đến 0,01%, không làm tròn lên (như mọi định dạng khác của cchc); "
        "tỷ lệ chính xác = tử số / mẫu số (các ô bên cạnh)",
        "rates are truncated to 0.01%, never rounded up (as in every other cchc output); "
        "the exact rate = numerator / denominator (the cells beside it)",
    ),
    "xlsx.rank": ("Hạng", "Rank"),
    "xlsx.agency_id": ("Mã đơn vị", "Agency id"),
    "xlsx.owes": ("Phải báo cáo kỳ này", "Owes the period's report"),
    "xlsx.yes": ("có", "yes"),
    "xlsx.no": ("không", "no"),
    "xlsx.status.ok": ("đạt, không có phát hiện", "ok"),
    "xlsx.status.findings": ("có phát hiện", "findings"),
    "xlsx.status.invalid": ("tệp lỗi", "invalid"),
    "xlsx.status.late": ("báo cáo muộn", "late"),
    "xlsx.status.missing": ("chưa báo cáo", "not reported"),
    # capitalised as headers; summary.tasks_overdue / duties_missed stay lowercase for sentences
    "xlsx.tasks_overdue": ("Nhiệm vụ quá hạn", "Tasks overdue"),
    "xlsx.duties_missed": ("Nhiệm vụ mục V chưa đạt", "Duties missed"),
    "xlsx.overdue_ids": ("Nhiệm vụ quá hạn (mã)", "Overdue tasks (ids)"),
    "xlsx.missed_ids": ("Nhiệm vụ mục V chưa đạt (mã)", "Duties missed (ids)"),
    "xlsx.problem": ("Lỗi", "Problem"),
    "xlsx.numerator": ("Tử số", "Numerator"),
    "xlsx.denominator": ("Mẫu số", "Denominator"),
    "xlsx.rate": ("Tỷ lệ", "Rate"),
    "xlsx.comparator": ("So sánh", "Comparison"),
    "xlsx.not_applicable": ("không áp dụng", "not applicable"),
    "xlsx.situation": ("Tình trạng", "Situation"),
    "xlsx.duplicate": ("trùng đơn vị và kỳ", "same unit and period"),
    "xlsx.kept": ("số liệu lấy từ tệp", "figures taken from"),
    "xlsx.lead_id": ("Mã cơ quan chủ trì", "Lead id"),
    "xlsx.days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "xlsx.stdout": (
        "--format xlsx: bảng tính Excel là tệp nhị phân, không in ra màn hình được",
        "--format xlsx: an Excel workbook is binary and cannot go to standard output",
    ),
    "xlsx.stdout_hint": ("hãy nêu tên tệp, ví dụ --format xlsx=thanh-pho.xlsx", "name a file, such as --format xlsx=city.xlsx"),
    # plan calendar (issue 13: cchc plan calendar, render/plan_ics.py)
    "ics.source": ("Nguồn", "Source"),
    "ics.deadline": ("Thời hạn theo Kế hoạch", "Deadline in the plan's words"),
    "ics.date": ("Ngày trong lịch", "Date in this calendar"),
    "ics.occurrences": ("Số lần lặp", "Occurrences"),
    "ics.basis": ("Hạn dựa trên", "The date rests on"),
    "ics.plan_text": ("Văn bản Kế hoạch", "The plan's text (Vietnamese)"),
    "ics.kind.task": ("Nhiệm vụ Phụ lục", "Appendix task"),
    "ics.kind.duty": ("Trách nhiệm mục V", "Section V duty"),
    "ics.kind.report": ("Báo cáo định kỳ", "Periodic report"),
    "ics.kind.cutoff": ("Chốt số liệu", "Data cut-off"),
    "ics.left_out": (
        "không đưa vào lịch (Kế hoạch không ấn định ngày, công cụ không tự đặt ngày)",
        "left out of the calendar (the plan sets no day, and cchc does not invent one)",
    ),
    "ics.nothing": ("không còn thời hạn nào để đưa vào lịch; không ghi gì", "no deadline left to put in a calendar; nothing written"),
    "ics.wrote": ("đã ghi {n} sự kiện vào", "wrote {n} events to"),
    # cchc plan task / cchc rules in words (issue 12 review): a deadline's structure, the slug column
    "structure.quarter": ("quý {roman}/{year}", "Q{n} {year}"),
    "structure.month": ("tháng {n}/{year}", "{name} {year}"),
    "structure.year": ("năm {year}", "year {year}"),
    "structure.trigger": ("sự kiện", "event"),
    "structure.by": ("của", "by"),
    "rules.slug": ("Tên quy tắc", "Slug"),
    # errors
    "error": ("lỗi", "error"),
    "hint": ("gợi ý", "hint"),
    "internal_error": (
        "lỗi nội bộ của cchc (không phải do tệp của bạn)",
        "internal error in cchc (not caused by your file)",
    ),
    "report_bug": (
        "hãy báo lỗi kèm lệnh đã chạy và kết quả của --debug",
        "please report it with the command you ran and the output of --debug",
    ),
}


def t(key: str, lang: str = "vi") -> str:
    vi, en = _CATALOGUE[key]
    return en if lang == "en" else vi


def vi_date_problem(message: str, value: str) -> str:
    """Why a date given on the command line was refused (:func:`cchc_cli.dates.parse_date`'s
    English ``message``), said in Vietnamese with the same reason: "'2021-13-01' không phải ngày
    có thật (không có tháng 13)". The value is quoted as typed, its length (if long) in Vietnamese.
    """
    import re

    from cchc_cli.dates import VI_REASONS
    from cchc_cli.text import quoted

    for en, vi in VI_REASONS:
        found = re.search(en, message)
        if found:
            return f"{quoted(value, lang='vi')} {found.expand(vi)}"
    return f"không đọc được ngày {quoted(value, lang='vi')}"  # a reason VI_REASONS does not know yet


def keys() -> tuple[str, ...]:
    return tuple(_CATALOGUE)
