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

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, with_config
from typing_extensions import NotRequired, TypedDict

from cchc_cli.dates import coerce_date
from cchc_cli.numbers import ordinal
from cchc_cli.statuses import TASK_STATUSES, coerce_task_status, json_spellings

if TYPE_CHECKING:
    from cchc_cli.compiled import CompiledDuty, CompiledPlan, CompiledDutyReport

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



#: One form of communication as written: any text on one line. Which forms exist is data of the
#: plan (the duty's choices), matched in any case and with or without diacritics by the rules
#: (:mod:`cchc_cli.forms`), so the model cannot list them; ``cchc schema progress`` does, as an enum.
FormName = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")]

_Note = Annotated[Text, Field(description=_doc("Ghi chú", "A note"))]
_Document = Annotated[Text, Field(description=_doc("Số, ký hiệu văn bản", "Document number"))]


@with_config(_STRICT)
class Publication(TypedDict):
    approved_on: Annotated[Day, Field(description=_doc("Ngày cấp có thẩm quyền phê duyệt", "Date approved"))]
    published_on: NotRequired[
        Annotated[Day, Field(description=_doc("Ngày cập nhật, công khai (bỏ trống nếu chưa)", "Date published (omit if not yet)"))]
    ]
    procedure: NotRequired[Annotated[Text, Field(description=_doc("Tên thủ tục, quyết định", "Procedure or decision"))]]


# -- the duties: one key per measurable duty of the plan, its entry of the duty's report shape ----
#
# Which duties exist, and how each is reported, is data of the plan (``report:`` of each duty,
# :class:`cchc_cli.models.plan.DutyReport`): the section is built from it, per plan, by
# :func:`progress_contract`. The keys and shapes of the bundled plan are the contract of schema
# version 1; the entry types keep the names they had when they were written here by hand.

#: A date field the plan does not describe itself (no ``field_label``): its words, and the second
#: key its entry takes. Duties reported by the same field share one entry type, named after it.
_DATE_WORDS: dict[str, tuple[str, str, str]] = {
    "issued_on": ("Ngày ban hành", "Date issued", "document"),
    "completed_on": ("Ngày hoàn thành", "Completion date", "note"),
    "applied_on": ("Ngày bắt đầu áp dụng", "Date applied from", "note"),
}
_ANY_DATE = ("Ngày thực hiện", "Date done", "note")


class ProgressFile(TypedDict):
    """What the rules read of a validated progress file, for type checking only.

    The contract that validates a file is built from the plan (:func:`progress_contract`: its
    duties' shapes and reporting days), so it has no static name; this static view types the keys
    every plan's files share, and the duties' entries, keyed by the plan's duty ids, stay ``Any``.
    """

    schema_version: int
    agency: str
    period: NotRequired[str]
    as_of: NotRequired[date]
    submitted_on: NotRequired[date]
    indicators: NotRequired[dict[str, dict[str, int]]]
    tasks: NotRequired[dict[str, TaskProgress]]
    events: NotRequired[dict[str, date]]
    duties: NotRequired[dict[str, Any]]


def _camel(key: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in key.split("_"))


def _typed(name: str, fields: dict[str, Any]) -> type:
    made: type = TypedDict(name, fields)  # type: ignore[misc]  # the name is data: the entry a plan defines
    return with_config(_STRICT)(made)


def _dates_list(vi: str, en: str) -> Any:
    return Annotated[list[Day], Field(max_length=400, description=_doc(vi, en))]


def _dated_entry(duty: CompiledDuty, report: CompiledDutyReport, made: dict[str, type]) -> type:
    field = report.field or ""
    if report.field_label is not None:  # described by the plan: a type of the duty's own
        name, (vi, en), second = f"{_camel(duty.id)}Progress", report.field_label, "document" if report.document else "note"
    else:
        vi, en, second = _DATE_WORDS.get(field, _ANY_DATE)
        name = f"{_camel(field.removesuffix('_on'))}Progress"
    if name not in made:
        made[name] = _typed(name, {
            field: Annotated[Day, Field(description=_doc(vi, en))],
            second: NotRequired[_Document if second == "document" else _Note],
        })
    return made[name]


def _forms_entry(duty: CompiledDuty, report: CompiledDutyReport) -> type:
    # Until dataset 2.1.0 `forms` took any lowercase token, and every one counted; the plan's ids
    # (conference, website, …) stay valid, beside the Vietnamese names. A form the plan does not
    # list goes under `other`, in words: the source's list ends with "...", so it counts.
    label = report.field_label or (duty.recurrence.what if duty.recurrence else None)
    vi, en = (label.vi, label.en) if label else ("Các ngày thực hiện", "Dates done")
    return _typed(f"{_camel(duty.id)}Progress", {
        "forms": NotRequired[Annotated[list[FormName], Field(max_length=50, description=_doc(
            "Các hình thức tuyên truyền Kế hoạch liệt kê đã dùng trong năm, ghi bằng tên hoặc mã (hội nghị, website…); "
            "hình thức khác ghi ở other",
            "The forms of communication the plan lists that were used this year, by name or id (conference, website, …); "
            "any other form goes under other",
        ))]],
        "other": NotRequired[Annotated[list[FormName], Field(max_length=50, description=_doc(
            "Các hình thức khác đã dùng, ghi bằng lời (ví dụ \"pano, áp phích\"); mỗi hình thức được tính một lần",
            "Other forms used, in words (e.g. \"billboards\"); each distinct one counts once",
        ))]],
        report.field or "dates": NotRequired[_dates_list(vi, en)],
    })


def _coverage_entry(duty: CompiledDuty, report: CompiledDutyReport) -> type:
    vi, en = (report.field_label.vi, report.field_label.en) if report.field_label else _ANY_DATE[:2]
    return _typed(f"{_camel(duty.id)}Progress", {
        report.field or "done_on": NotRequired[Annotated[Day, Field(description=_doc(vi, en))]],
        "units": NotRequired[Annotated[Count, Field(description=_doc("Số cơ quan, đơn vị phải kiểm tra", "Units to inspect"))]],
        "units_inspected": NotRequired[
            Annotated[Count, Field(description=_doc("Số cơ quan, đơn vị đã được kiểm tra", "Units inspected so far"))]
        ],
    })


def _duty_entry(duty: CompiledDuty, report: CompiledDutyReport, made: dict[str, type]) -> tuple[Any, int | None]:
    """The entry's type, and the most items it may hold when it is a list."""
    shape = report.shape
    if shape == "dated":
        return _dated_entry(duty, report, made), None
    if shape == "forms":
        return _forms_entry(duty, report), None
    if shape == "coverage":
        return _coverage_entry(duty, report), None
    if shape == "publications":
        return list[Publication], 2000
    return list[Day], 400  # "dates"


def duties_contract(duties: Sequence[CompiledDuty]) -> type:
    """``DutiesProgress``: one optional key per measurable duty, its entry of the duty's shape."""
    made: dict[str, type] = {}
    fields: dict[str, Any] = {}
    for duty in duties:
        report = duty.report
        if report is None:
            continue
        entry, most = _duty_entry(duty, report, made)
        description = _doc(report.describe.vi, report.describe.en)
        info = Field(description=description) if most is None else Field(max_length=most, description=description)
        fields[duty.id] = NotRequired[Annotated[entry, info]]
    return _typed("DutiesProgress", fields)


#: Counts under one indicator: the two fields the plan's target names (numerator, denominator).
IndicatorCounts = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Count],
    Field(description=_doc("Các số đếm của chỉ số, lũy kế từ đầu năm", "The indicator's counts, cumulative from the start of the year")),
]


def progress_contract(duties: Sequence[CompiledDuty], due_day: int, cutoff_day: int) -> type:
    """``ProgressFile``, the TypedDict of a progress file for a plan with these duties and days.

    Everything but ``duties`` (and the two days the descriptions name) is the same for every plan.
    """
    made = _typed("ProgressFile", {
        "schema_version": Annotated[Literal[1], Field(description=_doc("Phiên bản lược đồ (1)", "Schema version (1)"))],
        "agency": Annotated[
            Label,
            Field(description=_doc("Cơ quan, đơn vị: mã hoặc tên (ví dụ Sở Tư pháp)", "The agency: registry id or name (e.g. Sở Tư pháp)")),
        ],
        "period": NotRequired[
            Annotated[
                Label,
                Field(description=_doc("Kỳ báo cáo: Q1, H1, 9M, FY (hoặc Quý I, 6 tháng, 9 tháng, năm)", "Reporting period: Q1, H1, 9M, FY (or Quý I, 6 tháng, 9 tháng, năm)")),
            ]
        ],
        "as_of": NotRequired[
            Annotated[Day, Field(description=_doc(f"Ngày chốt số liệu (mặc định: ngày {cutoff_day} tháng cuối kỳ)",
                                                  f"Data as of (default: the period's cut-off, the {ordinal(cutoff_day)})"))]
        ],
        "submitted_on": NotRequired[
            Annotated[Day, Field(description=_doc(f"Ngày gửi báo cáo (hạn: ngày {due_day} tháng cuối kỳ)",
                                                  f"Date the report was sent (due the {ordinal(due_day)})"))]
        ],
        "indicators": NotRequired[
            Annotated[
                dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], IndicatorCounts],
                Field(description=_doc("Số liệu các chỉ tiêu (mục I.3), lũy kế từ đầu năm đến ngày chốt", "Counts for the targets of section I.3, cumulative to the cut-off")),
            ]
        ],
        "tasks": NotRequired[
            Annotated[
                dict[Annotated[str, StringConstraints(min_length=1, max_length=40)], TaskProgress],
                Field(description=_doc("Các nhiệm vụ của Phụ lục mà cơ quan chủ trì, theo mã (II.1, III.4.1…)", "The appendix tasks the agency leads, by id (II.1, III.4.1…)")),
            ]
        ],
        "duties": NotRequired[
            Annotated[duties_contract(duties), Field(description=_doc("Các nhiệm vụ của mục V (Tổ chức thực hiện)", "The duties of section V"))]
        ],
        "events": NotRequired[
            Annotated[
                dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Day],
                Field(description=_doc("Ngày các sự kiện bên ngoài (ví dụ pci_published: ngày công bố Chỉ số PCI)", "Dates of outside events (e.g. pci_published)")),
            ]
        ],
        "note": NotRequired[Annotated[Text, Field(description=_doc("Ghi chú", "A note"))]],
    })
    made.__doc__ = "Báo cáo tiến độ CCHC của một cơ quan, đơn vị trong một kỳ. / An agency's progress file for one period."
    return made


def contract_of(plan: CompiledPlan) -> type:
    """The progress file's TypedDict for ``plan``: its duties' shapes, its reporting days."""
    first = plan.periods[0]
    return progress_contract(plan.duties, first.due.day, first.cutoff.day)
