"""The bundled dataset against the text of Decision 5743/QĐ-UBND.

Every expected value here was read by hand from the source text (../shared/source/…), not from the
data files or by running the code: counts of rows, due dates, thresholds, the agencies of a row.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_cli.dataset import LoadedPlan, load_plan

# --------------------------------------------------------------------------------------------
# helpers


@pytest.fixture(scope="module")
def source_lines(source_text: str) -> set[str]:
    """Every line of the source, stripped: a cell of the appendix table is one such line."""
    return {line.strip() for line in source_text.splitlines()}


def _unbullet(line: str) -> str:
    for mark in ("- ", "+ "):
        if line.startswith(mark):
            return line[len(mark) :]
    return line


@pytest.fixture(scope="module")
def bullet_lines(source_lines: set[str]) -> set[str]:
    """Source lines with a leading "- " or "+ " bullet removed (the body text of a bullet)."""
    return {_unbullet(line) for line in source_lines}


def _task(plan: LoadedPlan, task_id: str):  # noqa: ANN202
    return plan.tasks_by_id[task_id]


def _duty(plan: LoadedPlan, duty_id: str):  # noqa: ANN202
    return {d.id: d for d in plan.plan.duties}[duty_id]


def _target(plan: LoadedPlan, target_id: str):  # noqa: ANN202
    return {t.id: t for t in plan.plan.targets}[target_id]


# --------------------------------------------------------------------------------------------
# appendix shape

# Numbered rows per section, counted in the source's appendix table (IV numbers "2" twice).
ROWS_PER_SECTION = {"I": 12, "II": 4, "III": 7, "IV": 8, "V": 3, "VI": 5, "VII": 11}
SUB_ROWS = {"III.3.1", "III.4.1", "III.6.1", "III.6.2"}


def test_sections_are_the_seven_of_the_appendix(plan: LoadedPlan) -> None:
    assert [s.id for s in plan.appendix.sections] == list(ROWS_PER_SECTION)


@pytest.mark.parametrize(("section", "rows"), ROWS_PER_SECTION.items())
def test_numbered_rows_per_section(plan: LoadedPlan, section: str, rows: int) -> None:
    numbered = [t for t in plan.appendix.tasks if t.section == section and t.parent is None]
    assert len(numbered) == rows


def test_fifty_numbered_rows_in_all(plan: LoadedPlan) -> None:
    assert sum(1 for t in plan.appendix.tasks if t.parent is None) == 50


def test_exactly_the_four_sub_rows(plan: LoadedPlan) -> None:
    assert {t.id for t in plan.appendix.tasks if t.parent is not None} == SUB_ROWS
    parents = {t.id: t.parent for t in plan.appendix.tasks if t.parent is not None}
    assert parents == {"III.3.1": "III.3", "III.4.1": "III.4", "III.6.1": "III.6", "III.6.2": "III.6"}


def test_task_ids_are_unique(plan: LoadedPlan) -> None:
    ids = [t.id for t in plan.appendix.tasks]
    assert len(ids) == len(set(ids)) == 54


def test_section_iv_numbers_two_rows_2(plan: LoadedPlan) -> None:
    assert _task(plan, "IV.2").source_number == "2"
    assert _task(plan, "IV.2b").source_number == "2"
    assert _task(plan, "IV.2").content == "Sắp xếp tổ chức bộ máy CBCC phường thực hiện mô hình chính quyền đô thị."
    assert _task(plan, "IV.2b").content == "Sắp xếp các trường cao đẳng, trung cấp công lập thuộc Thành phố"


@pytest.mark.parametrize(
    ("task_id", "lead"),
    [
        ("III.3.1", "so-tai-nguyen-moi-truong"),
        ("III.6.1", "van-phong-ubnd"),
        ("III.6.2", "van-phong-ubnd"),
    ],
)
def test_sub_rows_inherit_the_lead(plan: LoadedPlan, task_id: str, lead: str) -> None:
    task = _task(plan, task_id)
    assert task.lead == lead
    assert task.lead_inherited is True
    assert task.lead_text is None
    assert task.coordinators == _task(plan, task.parent).coordinators


def test_report_sub_row_of_iii3_inherits_the_content(plan: LoadedPlan) -> None:
    task = _task(plan, "III.3.1")
    assert task.content_inherited is True
    assert task.content == _task(plan, "III.3").content
    assert task.product == "Báo cáo kết quả thực hiện về UBND Thành phố (qua Sở Nội vụ)"


def test_sub_row_iii41_has_its_own_lead(plan: LoadedPlan) -> None:
    task = _task(plan, "III.4.1")
    assert task.lead == "van-phong-ubnd"
    assert task.lead_inherited is False
    assert task.lead_text == "Văn phòng UBND Thành phố"
    # its coordinators are not III.4's (Sở Nội vụ) but the two groups
    assert set(task.coordinators) == {"all-departments", "all-districts"}
    assert task.product == "Báo cáo kết quả hàng tháng"


# --------------------------------------------------------------------------------------------
# every quoted cell is a whole line of the source


def _quoted_cells(plan: LoadedPlan) -> list[tuple[str, str, str]]:
    cells: list[tuple[str, str, str]] = []
    for task in plan.appendix.tasks:
        cells.append((task.id, "content", task.content))
        if task.product is not None:
            cells.append((task.id, "product", task.product))
        if task.lead_text is not None:
            cells.append((task.id, "lead_text", task.lead_text))
        for line in task.coordinators_text:
            cells.append((task.id, "coordinators_text", line))
        cells.append((task.id, "deadline.text", task.deadline.text))
    return cells


def test_every_cell_is_a_whole_source_line(plan: LoadedPlan, source_lines: set[str]) -> None:
    cells = _quoted_cells(plan)
    assert len(cells) > 54 * 4  # the walk really covers the table
    missing = [(tid, name, text) for tid, name, text in cells if text not in source_lines]
    assert missing == []


def test_appendix_titles_are_source_lines(plan: LoadedPlan, source_lines: set[str]) -> None:
    assert plan.appendix.title in source_lines
    assert plan.appendix.subtitle in source_lines
    for section in plan.appendix.sections:
        assert section.title.vi in source_lines


# --------------------------------------------------------------------------------------------
# the lead and coordinator cells name the agencies the data says


def test_every_lead_text_resolves_to_the_lead(plan: LoadedPlan) -> None:
    checked = 0
    for task in plan.appendix.tasks:
        if task.lead_text is None:
            continue
        assert plan.registry.lookup(task.lead_text).id == task.lead, task.id
        checked += 1
    assert checked == 51  # 54 rows less the three sub-rows that inherit their lead


def _erratum_lines(plan: LoadedPlan) -> dict[tuple[str, str], object]:
    """(task id, coordinators_text line) -> the erratum that says the line is misprinted."""
    out = {}
    for erratum in plan.plan.errata:
        if erratum.where.startswith("task:") and erratum.field == "coordinators_text":
            out[(erratum.where[len("task:") :], erratum.source_text)] = erratum
    return out


# The one coordinator cell that lists several departments on one line (III.6).
III6_MULTI_LINE = (
    "- Các Sở: Kế hoạch và Đầu tư; Xây dựng; Quy hoạch -Kiến trúc; Tài nguyên và Môi trường; "
    "Tài chính; Nội vụ; Lao động, Thương binh và xã hội."
)
III6_MULTI_IDS = {
    "so-ke-hoach-dau-tu",
    "so-xay-dung",
    "so-quy-hoach-kien-truc",
    "so-tai-nguyen-moi-truong",
    "so-tai-chinh",
    "so-noi-vu",
    "so-lao-dong-thuong-binh-xa-hoi",
}


def test_every_coordinator_line_resolves_to_a_coordinator(plan: LoadedPlan) -> None:
    misprinted = _erratum_lines(plan)
    assert ("I.5", "- Sở Nội vụ Văn phòng UBND Thành phố") in misprinted  # E11
    checked = 0
    for task in plan.appendix.tasks:
        if task.coordinators_inherited:
            continue
        named: set[str] = set()
        for line in task.coordinators_text:
            if (task.id, line) in misprinted or (task.id, line) == ("III.6", III6_MULTI_LINE):
                continue
            party = plan.registry.lookup_party(line.removeprefix("- "))
            assert party in task.coordinators, (task.id, line, party)
            named.add(party)
            checked += 1
        if task.id not in ("I.5", "III.6"):
            # and nothing among the coordinators is absent from the cells
            assert named == set(task.coordinators), task.id
    # counted by hand in the appendix: 36 rows list the two groups on two lines (72), 12 rows name
    # one party on one line, I.4 names two on two lines, and III.6 has one group line besides the
    # multi-agency line; I.5's single run-together line is the erratum.
    assert checked == 72 + 12 + 2 + 1


def test_i5_run_together_line_is_the_erratum_e11(plan: LoadedPlan) -> None:
    task = _task(plan, "I.5")
    erratum = _erratum_lines(plan)[("I.5", "- Sở Nội vụ Văn phòng UBND Thành phố")]
    assert erratum.id == "E11"
    assert task.coordinators_text == ("- Sở Nội vụ Văn phòng UBND Thành phố",)
    # the erratum's reading, split at ';', names exactly the two coordinators of I.5 (as I.4 prints them)
    read = {plan.registry.lookup_party(part.strip()) for part in erratum.reading.split(";")}
    assert read == {"so-noi-vu", "van-phong-ubnd"} == set(task.coordinators)


def test_iii6_multi_agency_line(plan: LoadedPlan) -> None:
    task = _task(plan, "III.6")
    assert III6_MULTI_LINE in task.coordinators_text
    assert III6_MULTI_IDS <= set(task.coordinators)
    assert set(task.coordinators) == III6_MULTI_IDS | {"all-districts"}
    # each department of the line, prefixed with "Sở", names one of the seven
    body = III6_MULTI_LINE.removeprefix("- Các Sở: ").rstrip(".")
    parts = [p.strip() for p in body.split(";")]
    assert len(parts) == 7
    assert {plan.registry.lookup("Sở " + p).id for p in parts} == III6_MULTI_IDS


# --------------------------------------------------------------------------------------------
# deadlines

# Read by hand from the "Thời gian hoàn thành" column: Quý I → 31/3, Quý II → 30/6, Quý III → 30/9,
# Tháng 10 → 31/10. VII.2 prints "Quý I/2020"; erratum E01 reads it as Quý I/2021.
Q1, Q2, Q3, OCT = date(2021, 3, 31), date(2021, 6, 30), date(2021, 9, 30), date(2021, 10, 31)
FIXED_DUE = {
    "I.1": Q1, "I.2": Q2, "I.3": Q2, "I.4": OCT, "I.5": OCT, "I.12": Q3,
    "II.1": Q1, "II.2": Q1, "II.3": Q2, "II.4": Q2,
    "III.1": Q1, "III.2": Q1, "III.3": Q1, "III.4": Q1, "III.5": Q2, "III.6": Q1,
    "III.6.1": Q2, "III.6.2": Q3, "III.7": OCT,
    "IV.1": Q1, "IV.2": Q2, "IV.2b": Q1, "IV.3": Q1, "IV.4": Q1, "IV.5": Q2, "IV.6": Q3, "IV.7": OCT,
    "V.1": Q1, "V.2": Q1, "V.3": Q3,
    "VI.4": OCT,
    "VII.1": Q1, "VII.2": Q1, "VII.3": Q2, "VII.4": Q1, "VII.5": Q2, "VII.6": Q2, "VII.7": Q2,
    "VII.8": Q2, "VII.9": Q3, "VII.10": OCT, "VII.11": OCT,
}  # fmt: skip

# Rows without a fixed date: (kind, detail) where detail is the event id, the report schedule,
# the recurrence, or None.
OPEN_DEADLINES = {
    "I.6": ("guidance", None),
    "I.7": ("guidance", None),
    "I.8": ("guidance", None),
    "I.10": ("guidance", None),
    "VI.5": ("guidance", None),
    "VI.3": ("direction", None),
    "I.9": ("event", "papi_sipas_parindex_published"),
    "I.11": ("event", "pci_published"),
    "III.3.1": ("reporting", "periodic"),
    "VI.1": ("reporting", "thematic"),
    "VI.2": ("reporting", "thematic"),
    "III.4.1": ("recurring", "monthly"),
}


def test_deadline_tables_cover_every_task(plan: LoadedPlan) -> None:
    assert not set(FIXED_DUE) & set(OPEN_DEADLINES)
    assert set(FIXED_DUE) | set(OPEN_DEADLINES) == {t.id for t in plan.appendix.tasks}


@pytest.mark.parametrize(("task_id", "due"), FIXED_DUE.items())
def test_fixed_due_dates(plan: LoadedPlan, task_id: str, due: date) -> None:
    task = _task(plan, task_id)
    assert task.due == due
    assert task.deadline.parsed.kind in ("quarter", "month")
    assert task.deadline.parsed.fixed is True


@pytest.mark.parametrize(("task_id", "expected"), OPEN_DEADLINES.items())
def test_open_deadlines(plan: LoadedPlan, task_id: str, expected: tuple[str, str | None]) -> None:
    kind, detail = expected
    parsed = _task(plan, task_id).deadline.parsed
    assert _task(plan, task_id).due is None
    assert parsed.due is None
    assert parsed.kind == kind
    if kind == "event":
        assert parsed.event == detail
        assert _task(plan, task_id).deadline.event == detail
    elif kind == "reporting":
        assert parsed.schedule == detail
    elif kind == "recurring":
        assert parsed.freq == detail


def test_guidance_names_who_guides(plan: LoadedPlan) -> None:
    assert _task(plan, "I.6").deadline.parsed.by == "Chính phủ, Bộ Nội vụ"
    assert _task(plan, "I.7").deadline.parsed.by == "Bộ Nội vụ"
    assert _task(plan, "VI.5").deadline.parsed.by == "Bộ, Ngành Trung ương"
    assert _task(plan, "VI.3").deadline.parsed.by == "Thành phố"


# "Ngay sau khi … được công bố" (lines 383 and 409 of the source): the events, one per index.
I9_INDICES = {"papi_published": "PAPI", "sipas_published": "SIPAS", "parindex_published": "PARINDEX"}


def test_i9_waits_for_one_event_per_index(plan: LoadedPlan) -> None:
    events = {e.id: e for e in plan.plan.events}
    phrase = _task(plan, "I.9").deadline.text
    for event_id, index in I9_INDICES.items():
        assert events[event_id].trigger == index and index in phrase
        assert not events[event_id].all_of
    # the old id (a progress-file key before dataset 2.0.0) stays, standing for the three
    whole = events["papi_sipas_parindex_published"]
    assert whole.all_of == tuple(I9_INDICES)
    assert _task(plan, "I.9").deadline.event == "papi_sipas_parindex_published"
    assert not events["pci_published"].all_of


def test_every_event_deadline_has_its_reading_cited_at_its_source_line(plan: LoadedPlan, source_text: str) -> None:
    lines = source_text.splitlines()
    event_tasks = {t.id for t in plan.appendix.tasks if t.deadline.parsed.kind == "event"}
    assert event_tasks == {"I.9", "I.11"}
    cited = {}
    for reading in plan.plan.readings:
        for cite in reading.cites:
            # the cited line of the source file is the row's deadline cell, word for word
            assert lines[cite.line - 1].strip() == cite.text, (reading.id, cite)
            assert cite.text == _task(plan, cite.where.removeprefix("task:")).deadline.text
            assert reading.phrase in cite.text
            cited[cite.where.removeprefix("task:")] = (reading.id, cite.line)
    assert cited == {"I.9": ("R01", 383), "I.11": ("R01", 409)}


def test_r01_reads_a_window_of_days_and_says_it_is_a_reading(plan: LoadedPlan) -> None:
    reading = {r.id: r for r in plan.plan.readings}["R01"]
    assert (reading.kind, reading.phrase, reading.days) == ("event_window", "Ngay sau khi", 30)
    assert "30" in reading.reading.vi and "30" in reading.reading.en
    assert plan.reading_for("task:I.11") is reading and plan.reading_for("task:II.1") is None


def test_vii2_keeps_the_printed_year_and_reads_the_erratum(plan: LoadedPlan) -> None:
    deadline = _task(plan, "VII.2").deadline
    assert deadline.text == "Quý I/2020"
    assert deadline.reading == "Quý I/2021"
    assert deadline.erratum == "E01"
    assert deadline.due == date(2021, 3, 31)


def test_so_tu_phap_leads_exactly_section_ii(plan: LoadedPlan) -> None:
    led = {t.id: t.due for t in plan.appendix.tasks if t.lead == "so-tu-phap"}
    assert led == {
        "II.1": date(2021, 3, 31),
        "II.2": date(2021, 3, 31),
        "II.3": date(2021, 6, 30),
        "II.4": date(2021, 6, 30),
    }


# --------------------------------------------------------------------------------------------
# targets (section I.3)

TARGETS = {
    # id: (threshold, numerator field, denominator field)
    "satisfaction": (Decimal(85), "satisfied", "surveyed"),
    "on_time_dossiers": (Decimal(99), "on_time", "resolved"),
    "online_services": (Decimal(30), "integrated", "level_3_4"),
    "frontline_staff_training": (Decimal(100), "trained", "staff"),
    "commune_officials_training": (Decimal(100), "trained", "officials"),
    "audit_recommendations": (Decimal(90), "handled", "total"),
}


def test_the_six_targets(plan: LoadedPlan) -> None:
    assert [t.id for t in plan.plan.targets] == list(TARGETS)


@pytest.mark.parametrize(("target_id", "expected"), TARGETS.items())
def test_target_threshold_and_fields(plan: LoadedPlan, target_id: str, expected: tuple[Decimal, str, str]) -> None:
    threshold, numerator, denominator = expected
    target = _target(plan, target_id)
    assert isinstance(target.threshold_percent, Decimal)
    assert target.threshold_percent == threshold
    assert target.comparator == ">="
    assert target.numerator.field == numerator
    assert target.denominator.field == denominator


def test_commune_officials_training_is_for_districts_only(plan: LoadedPlan) -> None:
    assert _target(plan, "commune_officials_training").applies_to == ("district",)
    for target in plan.plan.targets:
        if target.id != "commune_officials_training":
            assert set(target.applies_to) == {"department", "district"}, target.id


@pytest.mark.parametrize("target_id", TARGETS)
def test_target_words_are_the_source(
    plan: LoadedPlan, source_text: str, bullet_lines: set[str], target_id: str
) -> None:
    target = _target(plan, target_id)
    assert target.text in bullet_lines  # the whole bullet of I.3
    assert target.fragment in source_text
    assert target.threshold_text in source_text
    assert target.threshold_text in target.fragment
    numbers = re.findall(r"\d+", target.threshold_text)
    assert len(numbers) == 1
    assert Decimal(numbers[0]) == target.threshold_percent


def test_the_two_training_targets_share_one_bullet(plan: LoadedPlan) -> None:
    a, b = _target(plan, "frontline_staff_training"), _target(plan, "commune_officials_training")
    assert a.text == b.text
    assert a.fragment != b.fragment
    assert "cấp xã" in b.fragment and "cấp xã" not in a.fragment


# --------------------------------------------------------------------------------------------
# reporting (section III)


def test_reporting_periods(plan: LoadedPlan) -> None:
    assert [p.id for p in plan.plan.reporting.periods] == ["Q1", "H1", "9M", "FY"]


@pytest.mark.parametrize(
    ("period", "due", "cutoff"),
    [
        ("Q1", date(2021, 3, 15), date(2021, 3, 10)),
        ("H1", date(2021, 6, 15), date(2021, 6, 10)),
        ("9M", date(2021, 9, 15), date(2021, 9, 10)),
        ("FY", date(2021, 12, 15), date(2021, 12, 10)),
    ],
)
def test_period_due_and_cutoff(plan: LoadedPlan, period: str, due: date, cutoff: date) -> None:
    # "chậm nhất là ngày 15 của tháng cuối kỳ báo cáo"; "đến ngày 10 tháng cuối kỳ của báo cáo"
    assert plan.period_due(period) == due
    assert plan.period_cutoff(period) == cutoff


def test_data_start(plan: LoadedPlan) -> None:
    # "từ ngày 10/12/2020"
    assert plan.plan.reporting.data_start == date(2020, 12, 10)


def test_reporting_sentences_are_source_lines(plan: LoadedPlan, bullet_lines: set[str]) -> None:
    assert plan.plan.reporting.due_text in bullet_lines
    assert plan.plan.reporting.cutoff_text in bullet_lines
    for reporters in plan.plan.reporting.reporters:
        assert reporters.text in bullet_lines
        assert reporters.heading in "\n".join(bullet_lines)


@pytest.mark.parametrize(("alias", "period"), [("Quý I", "Q1"), ("6 tháng", "H1"), ("9 tháng", "9M"), ("năm", "FY")])
def test_period_aliases(plan: LoadedPlan, alias: str, period: str) -> None:
    assert plan.period(alias).id == period


def test_unknown_period(plan: LoadedPlan) -> None:
    with pytest.raises(KeyError):
        plan.period("Quý V")


# --------------------------------------------------------------------------------------------
# duties (section V)

GENERAL_DUTIES = [
    "agency_plan",
    "communication",
    "staff_training",
    "dialogues",
    "monthly_task_reports",
    "tthc_publication",
    "monthly_results_publication",
    "one_stop_regulation",
    "iso_9001",
    "feedback_survey",
    "inspection",
]
DISTRICT_DUTIES = [
    "quarterly_inspection_reports",
    "par_index_self_assessment",
    "monthly_evaluations",
    "quarterly_evaluations",
    "yearly_evaluations",
]


@pytest.mark.parametrize("duty_id", GENERAL_DUTIES)
def test_general_duties(plan: LoadedPlan, duty_id: str) -> None:
    duty = _duty(plan, duty_id)
    assert duty.scope == "general"
    assert set(duty.applies_to_kinds) == {"department", "district"}


@pytest.mark.parametrize("duty_id", DISTRICT_DUTIES)
def test_district_only_duties(plan: LoadedPlan, duty_id: str) -> None:
    duty = _duty(plan, duty_id)
    assert duty.scope == "district"
    assert duty.applies_to_kinds == ("district",)


@pytest.mark.parametrize(
    ("duty_id", "due"),
    [
        ("agency_plan", date(2021, 1, 31)),  # "ban hành tháng 01/2021"
        ("staff_training", date(2021, 6, 30)),  # "hoàn thành trong Quý II/2021"
        ("one_stop_regulation", date(2021, 6, 30)),  # "(Quý II/2021)"
        ("iso_9001", date(2021, 6, 30)),
        ("feedback_survey", date(2021, 11, 30)),  # "hoàn thành trong tháng 11/2021"
        ("inspection", date(2021, 3, 31)),  # "… trong Quý I/2021"
        ("par_index_self_assessment", date(2021, 3, 31)),  # "hoàn thành trong Quý I/2021"
    ],
)
def test_duty_due_dates(plan: LoadedPlan, duty_id: str, due: date) -> None:
    duty = _duty(plan, duty_id)
    assert duty.deadline is not None
    assert duty.deadline.due == due
    assert duty.deadline.text in duty.text


def test_communication(plan: LoadedPlan) -> None:
    duty = _duty(plan, "communication")
    assert duty.min_count.count == 5  # "ít nhất 05 hình thức"
    assert duty.recurrence.freq == "quarterly"  # "ít nhất 1 quý/lần"
    assert duty.deadline is None


def test_dialogues(plan: LoadedPlan) -> None:
    duty = _duty(plan, "dialogues")
    assert duty.min_count.count == 2  # "ít nhất 2 lần/năm"
    assert duty.min_count.per == "year"


def test_tthc_publication_window(plan: LoadedPlan) -> None:
    assert _duty(plan, "tthc_publication").window.days == 5  # "ngay sau 05 ngày"


def test_inspection_coverage(plan: LoadedPlan) -> None:
    coverage = _duty(plan, "inspection").coverage
    # "đảm bảo 100% cơ quan, đơn vị được kiểm tra ít nhất 01 lần trong năm"
    assert coverage.percent == Decimal(100)
    assert coverage.min_times == 1
    assert coverage.per == "year"


def test_quarterly_inspection_reports_day(plan: LoadedPlan) -> None:
    recurrence = _duty(plan, "quarterly_inspection_reports").recurrence
    # "chậm nhất ngày 15 của tháng cuối quý"
    assert recurrence.freq == "quarterly"
    assert recurrence.due == "day_of_last_month"
    assert recurrence.day == 15


def test_monthly_duties_recur_monthly(plan: LoadedPlan) -> None:
    for duty_id in ("monthly_task_reports", "monthly_results_publication", "monthly_evaluations"):
        assert _duty(plan, duty_id).recurrence.freq == "monthly", duty_id
    assert _duty(plan, "monthly_results_publication").recurrence.due == "last_day_of_month"


def test_evaluations_monthly_quarterly_and_yearly(plan: LoadedPlan, source_text: str) -> None:
    # Line 216 of the source: "… Chủ tịch UBND cấp xã (theo định kỳ hằng tháng, quý, năm)."
    line = source_text.splitlines()[216 - 1]
    assert line.endswith("(theo định kỳ hằng tháng, quý, năm).")
    freqs = {}
    for duty_id in ("monthly_evaluations", "quarterly_evaluations", "yearly_evaluations"):
        duty = _duty(plan, duty_id)
        assert "+ " + duty.text == line, duty_id
        assert duty.recurrence.text in duty.text
        # the plan sets no day for any of them
        assert duty.recurrence.due == "unspecified"
        freqs[duty_id] = duty.recurrence.freq
    assert freqs == {"monthly_evaluations": "monthly", "quarterly_evaluations": "quarterly", "yearly_evaluations": "yearly"}


def test_every_duty_text_is_a_source_bullet(plan: LoadedPlan, bullet_lines: set[str]) -> None:
    missing = [d.id for d in plan.plan.duties if d.text not in bullet_lines]
    assert missing == []
    assert plan.plan.duties_intro in bullet_lines


def test_duty_ids_are_unique(plan: LoadedPlan) -> None:
    ids = [d.id for d in plan.plan.duties]
    assert len(ids) == len(set(ids))
    assert set(GENERAL_DUTIES) | set(DISTRICT_DUTIES) <= set(ids)


# --------------------------------------------------------------------------------------------
# other quoted text of the plan


def test_purposes_requirements_and_reform_areas_are_source_bullets(plan: LoadedPlan, bullet_lines: set[str]) -> None:
    quoted = [p.vi for p in plan.plan.purposes] + [r.vi for r in plan.plan.requirements]
    for area in plan.plan.reform_areas:
        quoted.extend(area.items)
    quoted.append(plan.plan.budget.text)
    # the source prints one bullet of II.6 as "-Triển khai" (no space after the dash)
    lines = bullet_lines | {line[1:] for line in bullet_lines if line.startswith("-")}
    assert [q for q in quoted if q not in lines] == []


# --------------------------------------------------------------------------------------------
# errata


def test_errata_e01_and_e02(plan: LoadedPlan) -> None:
    errata = {e.id: e for e in plan.plan.errata}
    assert errata["E01"].where == "task:VII.2"
    assert errata["E01"].source_text == "Quý I/2020"
    assert errata["E01"].reading == "Quý I/2021"
    assert errata["E02"].where == "task:VII.1"
    assert "năm 2020" in errata["E02"].source_text
    assert errata["E02"].source_text in _task(plan, "VII.1").content


def test_an_erratum_for_the_misspelt_agency(plan: LoadedPlan) -> None:
    found = [e for e in plan.plan.errata if e.source_text == "Sử Tư pháp"]
    assert len(found) == 1
    assert found[0].kind == "agency_name"
    assert found[0].reading == "Sở Tư pháp"


def test_every_erratum_quotes_the_source(plan: LoadedPlan, source_text: str) -> None:
    assert len(plan.plan.errata) >= 3
    missing = [e.id for e in plan.plan.errata if e.source_text not in source_text]
    assert missing == []


def test_errata_ids_unique(plan: LoadedPlan) -> None:
    ids = [e.id for e in plan.plan.errata]
    assert len(ids) == len(set(ids))


def test_errata_for(plan: LoadedPlan) -> None:
    assert [e.id for e in plan.errata_for("task:VII.2")] == ["E01"]
    assert plan.errata_for("task:I.1") == []


# --------------------------------------------------------------------------------------------
# metadata and digest


def test_metadata(plan: LoadedPlan, source_lines: set[str]) -> None:
    meta = plan.plan.plan
    assert plan.id == meta.id == "hanoi-cchc-2021"
    assert re.fullmatch(r"\d+\.\d+\.\d+", plan.version)
    assert meta.year == 2021
    assert meta.decision.number == "5743/QĐ-UBND"
    assert meta.decision.issued_on == date(2020, 12, 29)
    assert meta.decision.signer.name == "Chu Ngọc Anh"
    # … and each as the source prints it
    assert "Số: 5743/QĐ-UBND" in source_lines
    assert "Hà Nội, ngày 29 tháng 12 năm 2020" in source_lines
    assert "Chu Ngọc Anh" in source_lines
    assert meta.decision.effective in {line.removeprefix("Điều 2. ") for line in source_lines}
    assert meta.decision.proposal in source_lines


def test_source_file_named_in_the_plan(plan: LoadedPlan) -> None:
    assert plan.plan.plan.source.file == "qd-5743-ubnd-2020-hanoi-cchc-2021.vi.txt"


def test_sha256_shape(plan: LoadedPlan) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", plan.sha256)
    assert plan.short_digest == plan.sha256[:12]


def test_sha256_stable_across_copies(plan: LoadedPlan, data_copy: Path, tmp_path: Path) -> None:
    first = load_plan(data_copy)
    second = load_plan(Path(shutil.copytree(data_copy.parent, tmp_path / "again")) / data_copy.name)
    assert first.path != second.path
    assert first.sha256 == second.sha256 == plan.sha256
    assert first.bundled is False


@pytest.mark.parametrize("name", ["plan_2021.yaml", "appendix_tasks.yaml", "agencies.yaml"])
def test_sha256_changes_with_one_byte(data_copy: Path, tmp_path: Path, name: str) -> None:
    before = load_plan(data_copy).sha256
    changed = Path(shutil.copytree(data_copy.parent, tmp_path / "changed")) / data_copy.name
    target = changed.parent / name
    raw = bytearray(target.read_bytes())
    assert raw[0:1] == b"#"  # each file opens with a comment: change one byte of it
    index = raw.index(b" ") + 1
    raw[index] = ord("x") if raw[index] != ord("x") else ord("y")
    target.write_bytes(bytes(raw))
    after = load_plan(changed)
    assert after.sha256 != before
    assert len(after.sha256) == 64
