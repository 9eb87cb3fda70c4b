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
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    "severity.info": ("thông tin", "info"),
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
    "rules": ("Quy tắc kiểm tra", "Check rules"),
    "severity": ("Mức độ", "Severity"),
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


def keys() -> tuple[str, ...]:
    return tuple(_CATALOGUE)
