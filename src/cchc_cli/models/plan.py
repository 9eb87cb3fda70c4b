"""The plan dataset: Decision 5743/QĐ-UBND as data (``plan_2021.yaml`` and ``appendix_tasks.yaml``).

Every model keeps the source's words verbatim beside the structure read from them. Structured
facts carry the fragment of source text they come from (``text``), so that the loader can check
the fragment really is in the sentence, and a test can check the sentence really is in the source.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from cchc_cli.bilingual import SaidError, Bilingual
from cchc_cli.models.agency import AgencyKind
from cchc_cli.models.base import AgencyId, BiText, FlexibleDate, Key, Model, NonEmpty
from cchc_cli.models.deadline import Deadline

SemVer = Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
TaskId = Annotated[str, Field(pattern=r"^[IVX]+\.\d+[a-z]?(\.\d+)?$")]
ErratumId = Annotated[str, Field(pattern=r"^E\d{2,}$")]


class Signer(Model):
    name: NonEmpty
    title: NonEmpty
    title_en: NonEmpty
    capacity: NonEmpty = Field(description="on whose behalf, e.g. 'TM. ỦY BAN NHÂN DÂN'")


class Decision(Model):
    number: NonEmpty
    issuer: AgencyId
    issuer_name: NonEmpty
    place: NonEmpty
    issued_on: FlexibleDate
    effective: NonEmpty = Field(description="article 2, verbatim")
    proposal: NonEmpty = Field(description="the proposal the decision answers, verbatim")
    signer: Signer


class SourceRef(Model):
    file: NonEmpty = Field(description="file name of the source text in shared/source")
    note: str | None = None


class PlanMeta(Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    version: SemVer
    year: int
    title: BiText
    decision: Decision
    source: SourceRef


class Includes(Model):
    tasks: NonEmpty
    agencies: NonEmpty


class MetricField(Model):
    """One count in a progress file: its key under the indicator, and what it counts."""

    field: Key
    vi: NonEmpty
    en: NonEmpty


class Target(Model):
    id: Key
    section: NonEmpty
    text: NonEmpty = Field(description="the source bullet, verbatim")
    fragment: NonEmpty = Field(description="the part of the bullet that states this target")
    translation: NonEmpty
    title: BiText
    numerator: MetricField
    denominator: MetricField
    comparator: Literal[">=", ">", "=="]
    threshold_percent: Annotated[Decimal, Field(ge=0, le=100)]
    threshold_text: NonEmpty = Field(description="the words that state the threshold")
    aspirational: bool = Field(description="'Phấn đấu': a goal to strive for, not a floor")
    applies_to: tuple[AgencyKind, ...] = Field(min_length=1)
    note: BiText | None = None


class ReformArea(Model):
    id: NonEmpty
    key: Key
    title: BiText
    items: tuple[NonEmpty, ...] = Field(min_length=1, description="the bullets, verbatim")


class ReportingPeriod(Model):
    id: Literal["Q1", "H1", "9M", "FY"] | Key
    name: NonEmpty
    name_en: NonEmpty
    months: Annotated[int, Field(ge=1, le=12)]
    aliases: tuple[NonEmpty, ...] = ()


class Reporters(Model):
    section: NonEmpty
    heading: NonEmpty = Field(description="the heading naming who reports, verbatim")
    kinds: tuple[AgencyKind, ...] = ()
    agencies: tuple[AgencyId, ...] = ()
    text: NonEmpty
    reports: Literal["periodic", "thematic"]


class Reporting(Model):
    section: NonEmpty
    due_text: NonEmpty
    cutoff_text: NonEmpty
    due_day: Annotated[int, Field(ge=1, le=28)]
    cutoff_day: Annotated[int, Field(ge=1, le=28)]
    data_start: FlexibleDate
    recipient: AgencyId
    via: AgencyId
    periods: tuple[ReportingPeriod, ...] = Field(min_length=1)
    reporters: tuple[Reporters, ...] = Field(min_length=1)


class Budget(Model):
    section: NonEmpty
    text: NonEmpty
    translation: NonEmpty


class DeadlineSpec(Model):
    """A deadline as the source writes it, with its structure read from the words.

    ``reading`` replaces the source's words when an erratum says they are wrong; ``event`` names
    the outside event an "immediately after … is published" deadline waits for.
    """

    text: NonEmpty
    reading: NonEmpty | None = None
    erratum: ErratumId | None = None
    event: Key | None = None
    parsed: Deadline

    @model_validator(mode="before")
    @classmethod
    def _read_phrase(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = {"text": data}
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise SaidError(Bilingual(f"thời hạn là cụm từ của văn bản nguồn, ví dụ 'Quý II/2021', không phải kiểu {kind}",
                                  f"a deadline is the phrase of the source, such as 'Quý II/2021', not {kind}"))
        if "parsed" in data:
            raise SaidError(Bilingual("'parsed' được tính từ 'text' (hay 'reading'); đừng ghi khóa này",
                                  "'parsed' is computed from 'text' (or 'reading'); do not write it"))
        if data.get("reading") and not data.get("erratum"):
            raise SaidError(Bilingual("'reading' khác văn bản nguồn cần có 'erratum' giải thích lý do",
                                  "a 'reading' that differs from the source needs the 'erratum' that explains it"))
        phrase = data.get("reading") or data.get("text")
        if not isinstance(phrase, str):
            return data
        from cchc_cli.models.deadline import parse_deadline

        parsed = parse_deadline(phrase)
        if parsed.kind == "event":
            if not data.get("event"):
                raise SaidError(Bilingual(f"thời hạn chờ một sự kiện ({phrase!r}); hãy ghi tên sự kiện ở khóa 'event'",
                                      f"the deadline waits for an event ({phrase!r}); name it with 'event'"))
            parsed = parsed.model_copy(update={"event": data["event"]})
        elif data.get("event"):
            raise SaidError(Bilingual("'event' chỉ dùng cho thời hạn dạng 'Ngay sau khi … được công bố'",
                                  "'event' is only for 'Ngay sau khi … được công bố' deadlines"))
        return {**data, "parsed": parsed}

    @property
    def due(self) -> date | None:
        return self.parsed.due


class Recurrence(Model):
    freq: Literal["monthly", "quarterly", "yearly"]
    due: Literal["end_of_period", "day_of_last_month", "last_day_of_month", "unspecified"]
    day: Annotated[int, Field(ge=1, le=28)] | None = None
    what: BiText
    text: NonEmpty

    @model_validator(mode="after")
    def _day_when_needed(self) -> Recurrence:
        if (self.due == "day_of_last_month") != (self.day is not None):
            raise SaidError(Bilingual("chỉ ghi 'day' khi 'due' là 'day_of_last_month', và khi đó phải ghi",
                                  "'day' is given exactly when due is 'day_of_last_month'"))
        return self


class MinCount(Model):
    count: Annotated[int, Field(ge=1)]
    per: Literal["year", "quarter", "plan"]
    what: BiText
    text: NonEmpty


class Coverage(Model):
    percent: Annotated[Decimal, Field(ge=0, le=100)]
    min_times: Annotated[int, Field(ge=1)]
    per: Literal["year"]
    what: BiText
    text: NonEmpty


class Window(Model):
    days: Annotated[int, Field(ge=0)]
    after: BiText
    text: NonEmpty
    interpretation: BiText


class Choice(Model):
    """One item of a list the source gives (a form of communication), and how a file names it.

    A progress file names it by ``id``, by ``vi`` (the source's words) or by any of ``names``,
    matched as :func:`cchc_cli.text.fold` reads text (case, Unicode form, diacritics and tone
    placement aside); the loader refuses a name two choices share.
    """

    id: Key
    vi: NonEmpty = Field(description="the source's words for it, verbatim")
    en: NonEmpty
    names: tuple[NonEmpty, ...] = Field(default=(), description="what an officer types for it, in Vietnamese")


ReportShape = Literal["dated", "dates", "forms", "coverage", "publications"]


class DutyReport(Model):
    """How a progress file reports a duty: the shape of its entry under ``duties:`` and its keys.

    The progress schema, the rules and ``cchc init`` all read the shape from here, so a plan of
    another year (another duty, another key) needs no code. The shapes, by what the entry holds:

    * ``dated``: ``{<field>: date}`` (and ``document``, or ``note``), judged against ``deadline``;
    * ``dates``: a list of dates, judged against ``recurrence`` and/or ``min_count``;
    * ``forms``: ``{forms: […], other: […], <field>: [dates]}``, the forms counted against
      ``min_count`` and ``choices``, the dates against ``recurrence``;
    * ``coverage``: ``{<field>: date, units: n, units_inspected: n}``, against ``deadline`` and
      ``coverage``;
    * ``publications``: a list of ``{approved_on, published_on}``, against ``window``.
    """

    shape: ReportShape
    field: Key | None = Field(default=None, description="the key of the date (dated, coverage) or of the dates (forms)")
    describe: BiText = Field(description="the duty's key in the progress schema, as an editor shows it")
    field_label: BiText | None = Field(
        default=None, description="the field's description in the schema; a dated entry with one is a type of its own"
    )
    field_hint: BiText | None = Field(default=None, description="what cchc init says of the field")
    document: bool = Field(default=False, description="a dated entry takes a document number (else a note)")

    @model_validator(mode="after")
    def _field_when_needed(self) -> DutyReport:
        needs = self.shape in ("dated", "forms", "coverage")
        if needs and self.field is None:
            raise SaidError(Bilingual(f"cách báo cáo dạng '{self.shape}' phải ghi khóa 'field'",
                                  f"a '{self.shape}' report names its 'field'"))
        if not needs and self.field is not None:
            raise SaidError(Bilingual(f"cách báo cáo dạng '{self.shape}' không có khóa 'field'",
                                  f"a '{self.shape}' report has no 'field'"))
        taken = {"forms": ("forms", "other"), "coverage": ("units", "units_inspected"),
                 "dated": ("document", "note")}.get(self.shape, ())
        if self.field in taken:
            raise SaidError(Bilingual(f"{self.field!r} đã là một khóa của mục dạng '{self.shape}'; hãy đặt tên khác cho 'field'",
                                  f"{self.field!r} is a key of the '{self.shape}' entry already; name the field otherwise"))
        return self


class Duty(Model):
    id: Key
    section: NonEmpty
    scope: Literal["general", "district", "specific"]
    text: NonEmpty = Field(description="the source bullet or paragraph, verbatim")
    title: BiText
    applies_to_kinds: tuple[AgencyKind, ...] = ()
    applies_to_agencies: tuple[AgencyId, ...] = ()
    applies_to_appendix_leads: bool = Field(
        default=False, description="owed by every body that leads a task of the appendix (V.2)"
    )
    deadline: DeadlineSpec | None = None
    recurrence: Recurrence | None = None
    min_count: MinCount | None = None
    coverage: Coverage | None = None
    window: Window | None = None
    choices: tuple[Choice, ...] = ()
    measurable: bool = Field(description="whether a progress file can report on it")
    report: DutyReport | None = Field(default=None, description="how a progress file reports it (measurable duties)")

    @model_validator(mode="after")
    def _someone_owes_it(self) -> Duty:
        if not (self.applies_to_kinds or self.applies_to_agencies or self.applies_to_appendix_leads):
            raise SaidError(Bilingual(
                "trách nhiệm phải áp dụng cho một số loại đơn vị, cho các cơ quan được nêu tên, hay cho các cơ quan "
                "chủ trì của Phụ lục",
                "a duty applies to some kinds of unit, to named agencies or to the appendix leads"))
        return self

    @model_validator(mode="after")
    def _reported_as_measured(self) -> Duty:
        # The shape must have the facts it is judged against: a shape with nothing to judge would
        # pass every file, and a fact with no shape to read would never be judged.
        if self.measurable != (self.report is not None):
            raise SaidError(Bilingual(
                "trách nhiệm đo được (measurable) phải ghi cách tệp tiến độ báo cáo nó ('report'); trách nhiệm không "
                "đo được thì không ghi",
                "a measurable duty says how it is reported ('report'); one that is not measurable does not"))
        if self.report is None:
            return self
        shape = self.report.shape
        needs = {
            "dated": ("deadline",),
            "dates": (),
            "forms": ("min_count", "choices"),
            "coverage": ("coverage",),
            "publications": ("window",),
        }[shape]
        missing = [name for name in needs if not getattr(self, name)]
        if shape == "dates" and self.recurrence is None and self.min_count is None:
            missing.append("recurrence or min_count")
        if missing:
            raise SaidError(Bilingual(f"trách nhiệm báo cáo theo dạng '{shape}' cần có {', '.join(missing)}",
                                  f"a duty reported as '{shape}' needs {', '.join(missing)}"))
        return self


class Event(Model):
    id: Key
    trigger: NonEmpty = Field(description="the words of the deadline that name the event")
    title: BiText
    all_of: tuple[Key, ...] = Field(
        default=(), description="events this one stands for: it has happened once all of them have"
    )


ReadingId = Annotated[str, Field(pattern=r"^R\d{2,}$")]


class ReadingCite(Model):
    """One place a reading is used: the row, and the line of the source text file it quotes."""

    where: Annotated[str, Field(pattern=r"^task:[IVX]+\.[0-9a-z.]+$")]
    line: Annotated[int, Field(ge=1)]
    text: NonEmpty = Field(description="that line of the source, verbatim: the row's deadline cell")


class Reading(Model):
    """The tool's reading of words that leave a date open (nothing in the source is wrong).

    ``event_window``: "Ngay sau khi … được công bố" is read as "within ``days`` days after".
    """

    id: ReadingId
    kind: Literal["event_window"]
    phrase: NonEmpty = Field(description="the words read, verbatim")
    days: Annotated[int, Field(ge=0)]
    cites: tuple[ReadingCite, ...] = Field(min_length=1)
    reading: BiText
    why: BiText


ErratumKind = Literal["date", "year", "agency_name", "spelling", "citation", "numbering", "layout"]


class Erratum(Model):
    id: ErratumId
    kind: ErratumKind
    where: Annotated[
        str, Field(pattern=r"^(task:[IVX]+\.[0-9a-z.]+|duty:[a-z_]+|target:[a-z_]+|section:[IVX0-9.]+|decision)$")
    ]
    field: Key | None = None
    source_text: NonEmpty = Field(description="exactly as the source has it")
    reading: NonEmpty = Field(description="what the tool reads instead")
    why: BiText


class Plan(Model):
    schema_version: Literal[1]
    plan: PlanMeta
    includes: Includes
    purposes: tuple[BiText, ...] = Field(min_length=1)
    requirements: tuple[BiText, ...] = Field(min_length=1)
    targets: tuple[Target, ...] = Field(min_length=1)
    reform_areas: tuple[ReformArea, ...] = Field(min_length=1)
    reporting: Reporting
    budget: Budget
    duties_intro: NonEmpty
    duties: tuple[Duty, ...] = Field(min_length=1)
    events: tuple[Event, ...] = ()
    readings: tuple[Reading, ...] = ()
    errata: tuple[Erratum, ...] = ()


class Section(Model):
    id: Annotated[str, Field(pattern=r"^[IVX]+$")]
    title: BiText


class Task(Model):
    id: TaskId
    section: Annotated[str, Field(pattern=r"^[IVX]+$")]
    source_number: str = Field(description="the STT cell as printed: '2', '-' or empty")
    parent: TaskId | None = None
    content: NonEmpty
    content_inherited: bool = Field(
        default=False, description="the content cell is merged with the parent row's"
    )
    product: str | None = None
    lead: AgencyId
    lead_text: str | None = Field(description="the lead cell verbatim; None when inherited")
    lead_inherited: bool = False
    coordinators: tuple[AgencyId, ...] = ()
    coordinators_text: tuple[NonEmpty, ...] = ()
    coordinators_inherited: bool = False
    deadline: DeadlineSpec

    @property
    def due(self) -> date | None:
        return self.deadline.due


class Appendix(Model):
    """The appendix table. Sub-rows without a lead of their own take their parent's."""

    schema_version: Literal[1]
    title: NonEmpty
    subtitle: NonEmpty
    sections: tuple[Section, ...] = Field(min_length=1)
    tasks: tuple[Task, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _inherit_from_parent(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("tasks"), list):
            return data
        by_id = {t.get("id"): t for t in data["tasks"] if isinstance(t, dict)}
        tasks = []
        for task in data["tasks"]:
            parent_id = task.get("parent") if isinstance(task, dict) else None
            parent = by_id.get(parent_id)
            if parent_id is not None and parent is None:
                raise SaidError(Bilingual(f"nhiệm vụ {task.get('id')!r}: dòng cha {parent_id!r} không có trong Phụ lục",
                                      f"task {task.get('id')!r}: parent {parent_id!r} is not a task of the appendix"))
            if parent is not None:
                task = dict(task)
                if "content" not in task:
                    task.update(content=parent.get("content"), content_inherited=True)
                if "lead" not in task:
                    task.update(lead=parent.get("lead"), lead_text=None, lead_inherited=True)
                if "coordinators" not in task:
                    task.update(
                        coordinators=parent.get("coordinators", []),
                        coordinators_text=[],
                        coordinators_inherited=True,
                    )
            tasks.append(task)
        return {**data, "tasks": tasks}
