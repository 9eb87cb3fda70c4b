"""The progress file an agency fills each reporting period (schema_version 1): the contract.

The keys here are public: agencies write thousands of these files, so fields are added, never
renamed. Every field carries a description in Vietnamese and English; ``cchc schema progress``
publishes them as a JSON Schema, with the indicators filled in from the plan's targets.

The shapes are TypedDicts rather than models: validation yields plain dicts (rules read them
without a layer of objects), and the validator can be rebuilt from a cached core schema without
importing pydantic's model machinery on every run (see :mod:`cchc_cli.progress`).

``indicators`` is open here on purpose: which indicators exist, and which two counts each takes,
is data of the plan (its targets), so a plan with other targets needs no code change. The
plan-aware checks (unknown indicator or count, with "did you mean") are in :mod:`cchc_cli.rules`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, with_config
from typing_extensions import NotRequired, TypedDict

from cchc_cli.dates import coerce_date
from cchc_cli.statuses import TASK_STATUSES, coerce_task_status, json_spellings

SCHEMA_VERSION = 1

_STRICT = ConfigDict(extra="forbid")


def _doc(vi: str, en: str) -> str:
    return f"{vi} / {en}"


#: A calendar date: ISO ``2021-01-05``, ``05/01/2021`` or ``ngày 05 tháng 01 năm 2021``.
#: The JSON Schema says so with a pattern rather than ``format: date``, which would flag the
#: Vietnamese forms as errors in an editor.
Day = Annotated[
    date,
    BeforeValidator(coerce_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|[Nn]gày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})$",
        }
    ),
    Field(description=_doc("Ngày: 2021-01-05 hoặc 05/01/2021", "A date: 2021-01-05 or 05/01/2021")),
]
#: The largest count a file may give. Hanoi's busiest indicator (dossiers) is in the millions a
#: year, so a count past 10^12 - 1 is a typing slip (extra digits), not data; and bounded, every
#: count and every numerator/denominator stays exact in a spreadsheet (Excel keeps 15 digits),
#: where 10^17 would be stored as 9.9e+16 and a rate's cell could land on its threshold.
COUNT_MAX = 10**12 - 1
#: A whole count from 0 to :data:`COUNT_MAX`. Strict: ``"45"``, ``45.0``, ``"99%"`` and ``99,5`` are refused.
Count = Annotated[int, Field(ge=0, le=COUNT_MAX, strict=True)]
#: A name to look up (agency, period): any text; it is shown quoted, control characters escaped.
Label = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
#: Free text (evidence, notes): no control characters (tabs and line breaks are fine).
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$")]
TaskStatus = Literal["not_started", "in_progress", "done"]


@with_config(_STRICT)
class TaskProgress(TypedDict):
    # Written as an id or in Vietnamese (any case, NFC or NFD, with or without diacritics): the
    # hook turns every spelling into its id, so the rules only see the three ids. The JSON Schema
    # lists the spellings as enums, so an editor offers them.
    status: Annotated[
        TaskStatus,
        BeforeValidator(coerce_task_status),
        WithJsonSchema({"anyOf": [{"enum": list(TASK_STATUSES)}, {"enum": json_spellings()}]}),
        Field(
            description=_doc(
                "Trạng thái: chưa bắt đầu (not_started), đang thực hiện (in_progress), đã xong / hoàn thành (done)",
                "Status: not_started, in_progress or done (or in Vietnamese: chưa bắt đầu, đang thực hiện, đã xong)",
            )
        ),
    ]
    completed_on: NotRequired[
        Annotated[Day, Field(description=_doc("Ngày hoàn thành (bắt buộc khi status là done)", "Completion date (required when done)"))]
    ]
    occurrences: NotRequired[
        Annotated[
            list[Day],
            Field(
                max_length=400,
                description=_doc(
                    "Với nhiệm vụ định kỳ (hằng tháng…): các ngày đã thực hiện",
                    "For a recurring task (monthly…): the dates it was carried out",
                ),
            ),
        ]
    ]
    evidence: NotRequired[
        Annotated[Text, Field(description=_doc("Văn bản, sản phẩm chứng minh", "Document or product that proves it"))]
    ]
    note: NotRequired[Annotated[Text, Field(description=_doc("Ghi chú", "A note"))]]


@with_config(_STRICT)
class AgencyPlanProgress(TypedDict):
    issued_on: Annotated[Day, Field(description=_doc("Ngày ban hành Kế hoạch CCHC của cơ quan", "Date the unit's plan was issued"))]
    document: NotRequired[Annotated[Text, Field(description=_doc("Số, ký hiệu văn bản", "Document number"))]]


#: One form of communication as written: any text on one line. Which forms exist is data of the
#: plan (the duty's choices), matched in any case and with or without diacritics by the rules
#: (:mod:`cchc_cli.forms`), so the model cannot list them; ``cchc schema progress`` does, as an enum.
FormName = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")]


@with_config(_STRICT)
class CommunicationProgress(TypedDict):
    # Until dataset 2.1.0 `forms` took any lowercase token, and every one counted; the plan's ids
    # (conference, website, …) stay valid, beside the Vietnamese names. A form the plan does not
    # list goes under `other`, in words: the source's list ends with "...", so it counts.
    forms: NotRequired[
        Annotated[
            list[FormName],
            Field(
                max_length=50,
                description=_doc(
                    "Các hình thức tuyên truyền Kế hoạch liệt kê đã dùng trong năm, ghi bằng tên hoặc mã (hội nghị, website…); "
                    "hình thức khác ghi ở other",
                    "The forms of communication the plan lists that were used this year, by name or id (conference, website, …); "
                    "any other form goes under other",
                ),
            ),
        ]
    ]
    other: NotRequired[
        Annotated[
            list[FormName],
            Field(
                max_length=50,
                description=_doc(
                    "Các hình thức khác đã dùng, ghi bằng lời (ví dụ \"pano, áp phích\"); mỗi hình thức được tính một lần",
                    "Other forms used, in words (e.g. \"billboards\"); each distinct one counts once",
                ),
            ),
        ]
    ]
    online: NotRequired[
        Annotated[
            list[Day],
            Field(max_length=400, description=_doc("Các ngày tuyên truyền trực tuyến", "Dates of online communication")),
        ]
    ]


_Note = Annotated[Text, Field(description=_doc("Ghi chú", "A note"))]


@with_config(_STRICT)
class CompletedProgress(TypedDict):
    completed_on: Annotated[Day, Field(description=_doc("Ngày hoàn thành", "Completion date"))]
    note: NotRequired[_Note]


@with_config(_STRICT)
class IssuedProgress(TypedDict):
    issued_on: Annotated[Day, Field(description=_doc("Ngày ban hành", "Date issued"))]
    document: NotRequired[Annotated[Text, Field(description=_doc("Số, ký hiệu văn bản", "Document number"))]]


@with_config(_STRICT)
class AppliedProgress(TypedDict):
    applied_on: Annotated[Day, Field(description=_doc("Ngày bắt đầu áp dụng", "Date applied from"))]
    note: NotRequired[_Note]


@with_config(_STRICT)
class Publication(TypedDict):
    approved_on: Annotated[Day, Field(description=_doc("Ngày cấp có thẩm quyền phê duyệt", "Date approved"))]
    published_on: NotRequired[
        Annotated[Day, Field(description=_doc("Ngày cập nhật, công khai (bỏ trống nếu chưa)", "Date published (omit if not yet)"))]
    ]
    procedure: NotRequired[Annotated[Text, Field(description=_doc("Tên thủ tục, quyết định", "Procedure or decision"))]]


@with_config(_STRICT)
class InspectionProgress(TypedDict):
    plan_issued_on: NotRequired[
        Annotated[Day, Field(description=_doc("Ngày ban hành Kế hoạch kiểm tra CCHC", "Date the inspection plan was issued"))]
    ]
    units: NotRequired[Annotated[Count, Field(description=_doc("Số cơ quan, đơn vị phải kiểm tra", "Units to inspect"))]]
    units_inspected: NotRequired[
        Annotated[Count, Field(description=_doc("Số cơ quan, đơn vị đã được kiểm tra", "Units inspected so far"))]
    ]


def _dates(vi: str, en: str) -> object:
    return Annotated[list[Day], Field(max_length=400, description=_doc(vi, en))]


@with_config(_STRICT)
class DutiesProgress(TypedDict):
    agency_plan: NotRequired[Annotated[AgencyPlanProgress, Field(description=_doc("V.1 Kế hoạch CCHC năm 2021 của cơ quan (tháng 01/2021)", "V.1 The unit's 2021 plan (January 2021)"))]]
    communication: NotRequired[Annotated[CommunicationProgress, Field(description=_doc("V.1 Thông tin, tuyên truyền (≥ 5 hình thức; trực tuyến ít nhất 1 quý/lần)", "V.1 Communication (≥ 5 forms; online at least once a quarter)"))]]
    staff_training: NotRequired[Annotated[CompletedProgress, Field(description=_doc("V.1 Tập huấn cán bộ (Quý II/2021)", "V.1 Staff training (Q2 2021)"))]]
    dialogues: NotRequired[_dates("V.1 Ngày các hội nghị đối thoại (ít nhất 2 lần/năm)", "V.1 Dates of dialogue conferences (at least 2 a year)")]  # type: ignore[valid-type]
    monthly_task_reports: NotRequired[_dates("V.1 Ngày gửi báo cáo hằng tháng kết quả thực hiện nhiệm vụ Thành phố giao", "V.1 Dates of the monthly reports on tasks assigned by the City")]  # type: ignore[valid-type]
    tthc_publication: NotRequired[Annotated[list[Publication], Field(max_length=2000, description=_doc("V.1 Công khai TTHC: mỗi lần phê duyệt và ngày công khai (chậm nhất 05 ngày)", "V.1 Publication of procedures: each approval and its publication (within 5 days)"))]]
    monthly_results_publication: NotRequired[_dates("V.1 Ngày công khai kết quả giải quyết TTHC hằng tháng (ngày cuối tháng)", "V.1 Dates of the monthly publication of results (last day of the month)")]  # type: ignore[valid-type]
    one_stop_regulation: NotRequired[Annotated[IssuedProgress, Field(description=_doc("V.1 Quy chế Bộ phận tiếp nhận và trả kết quả (Quý II/2021)", "V.1 Rules of the one-stop desk (Q2 2021)"))]]
    iso_9001: NotRequired[Annotated[AppliedProgress, Field(description=_doc("V.1 Áp dụng TCVN ISO 9001:2015 (Quý II/2021)", "V.1 ISO 9001 applied (Q2 2021)"))]]
    feedback_survey: NotRequired[Annotated[CompletedProgress, Field(description=_doc("V.1 Lấy ý kiến người dân, doanh nghiệp (tháng 11/2021)", "V.1 Citizen and business survey (November 2021)"))]]
    inspection: NotRequired[Annotated[InspectionProgress, Field(description=_doc("V.1 Kế hoạch kiểm tra CCHC (Quý I/2021) và 100% đơn vị được kiểm tra trong năm", "V.1 Inspection plan (Q1 2021) and 100% of units inspected in the year"))]]
    quarterly_inspection_reports: NotRequired[_dates("V.1 (cấp huyện) Ngày gửi báo cáo kết quả kiểm tra hằng quý (chậm nhất ngày 15 tháng cuối quý)", "V.1 (districts) Dates of the quarterly inspection reports (by the 15th of the quarter's last month)")]  # type: ignore[valid-type]
    par_index_self_assessment: NotRequired[Annotated[CompletedProgress, Field(description=_doc("V.1 (cấp huyện) Chấm điểm Chỉ số CCHC năm 2020 (Quý I/2021)", "V.1 (districts) Internal scoring of the 2020 index (Q1 2021)"))]]
    monthly_evaluations: NotRequired[_dates("V.1 (cấp huyện) Ngày đánh giá hằng tháng", "V.1 (districts) Dates of the monthly evaluations")]  # type: ignore[valid-type]
    quarterly_evaluations: NotRequired[_dates("V.1 (cấp huyện) Ngày đánh giá hằng quý", "V.1 (districts) Dates of the quarterly evaluations")]  # type: ignore[valid-type]
    yearly_evaluations: NotRequired[_dates("V.1 (cấp huyện) Ngày đánh giá năm", "V.1 (districts) Date of the yearly evaluation")]  # type: ignore[valid-type]


#: Counts under one indicator: the two fields the plan's target names (numerator, denominator).
IndicatorCounts = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Count],
    Field(description=_doc("Các số đếm của chỉ số, lũy kế từ đầu năm", "The indicator's counts, cumulative from the start of the year")),
]


@with_config(_STRICT)
class ProgressFile(TypedDict):
    """Báo cáo tiến độ CCHC của một cơ quan, đơn vị trong một kỳ. / An agency's progress file for one period."""

    schema_version: Annotated[Literal[1], Field(description=_doc("Phiên bản lược đồ (1)", "Schema version (1)"))]
    agency: Annotated[
        Label,
        Field(description=_doc("Cơ quan, đơn vị: mã hoặc tên (ví dụ Sở Tư pháp)", "The agency: registry id or name (e.g. Sở Tư pháp)")),
    ]
    period: NotRequired[
        Annotated[
            Label,
            Field(description=_doc("Kỳ báo cáo: Q1, H1, 9M, FY (hoặc Quý I, 6 tháng, 9 tháng, năm)", "Reporting period: Q1, H1, 9M, FY (or Quý I, 6 tháng, 9 tháng, năm)")),
        ]
    ]
    as_of: NotRequired[
        Annotated[Day, Field(description=_doc("Ngày chốt số liệu (mặc định: ngày 10 tháng cuối kỳ)", "Data as of (default: the period's cut-off, the 10th)"))]
    ]
    submitted_on: NotRequired[
        Annotated[Day, Field(description=_doc("Ngày gửi báo cáo (hạn: ngày 15 tháng cuối kỳ)", "Date the report was sent (due the 15th)"))]
    ]
    indicators: NotRequired[
        Annotated[
            dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], IndicatorCounts],
            Field(description=_doc("Số liệu các chỉ tiêu (mục I.3), lũy kế từ đầu năm đến ngày chốt", "Counts for the targets of section I.3, cumulative to the cut-off")),
        ]
    ]
    tasks: NotRequired[
        Annotated[
            dict[Annotated[str, StringConstraints(min_length=1, max_length=40)], TaskProgress],
            Field(description=_doc("Các nhiệm vụ của Phụ lục mà cơ quan chủ trì, theo mã (II.1, III.4.1…)", "The appendix tasks the agency leads, by id (II.1, III.4.1…)")),
        ]
    ]
    duties: NotRequired[
        Annotated[DutiesProgress, Field(description=_doc("Các nhiệm vụ của mục V (Tổ chức thực hiện)", "The duties of section V"))]
    ]
    events: NotRequired[
        Annotated[
            dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Day],
            Field(description=_doc("Ngày các sự kiện bên ngoài (ví dụ pci_published: ngày công bố Chỉ số PCI)", "Dates of outside events (e.g. pci_published)")),
        ]
    ]
    note: NotRequired[Annotated[Text, Field(description=_doc("Ghi chú", "A note"))]]

