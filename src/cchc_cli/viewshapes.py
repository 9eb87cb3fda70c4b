"""The exact shape of every ``cchc plan …`` view, so a cached copy is checked field by field.

The views (:mod:`cchc_cli.api`) are plain JSON documents, kept in the cache between runs. A cache
entry is untrusted data: the renderers index into the views and word their codes through the
catalogue, so a record with a field missing, of another type, or with a code the catalogue does
not know would crash them (exit 3) or change what is shown. These ``TypedDict`` s state what
:func:`cchc_cli.api.views_of` writes, key by key and in order; :func:`views_codec` derives the
codec from them (:mod:`cchc_cli.jsoncodec`), which refuses anything else, and a refused entry is
simply rebuilt. Imports nothing heavy: a warm ``cchc plan tasks`` loads neither pydantic nor YAML.

Codes the renderers look up (agency kinds, deadline kinds, frequencies) are ``Literal`` s here;
a test holds them equal to the models' own lists, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypedDict

if TYPE_CHECKING:
    from cchc_cli.jsoncodec import Codec


class IsoDate(str):
    """A date as a view writes it: ``YYYY-MM-DD`` (the renderers parse it)."""


class DecimalText(str):
    """A threshold as the dataset states it: ``99`` or ``99.5`` (the renderers parse it)."""


AgencyKind = Literal[
    "department",
    "district",
    "city",
    "central",
    "institute",
    "school",
    "training_centre",
    "press",
    "public_service_unit",
]
Freq = Literal["monthly", "quarterly", "yearly"]
Schedule = Literal["periodic", "thematic"]


class BiText(TypedDict):
    vi: str
    en: str


class PlanRef(TypedDict):
    id: str
    version: str
    sha256: str


class Decision(TypedDict):
    number: str
    issuer: str
    issuer_name: str
    issued_on: IsoDate
    signer: str
    signer_title: str


class Counts(TypedDict):
    targets: int
    sections: int
    numbered_rows: int
    tasks: int
    duties: int
    agencies: int
    errata: int


class Period(TypedDict):
    period: str
    name: str
    name_en: str
    due: IsoDate
    cutoff: IsoDate


class Info(TypedDict):
    plan: PlanRef
    schema_version: int
    year: int
    title: BiText
    decision: Decision
    source: str
    path: str
    bundled: bool
    counts: Counts
    reporting: list[Period]


class Erratum(TypedDict):
    id: str
    kind: str
    where: str
    field: str | None
    source_text: str
    reading: str
    why: BiText


class Cite(TypedDict):
    where: str
    line: int
    text: str


class Reading(TypedDict):
    id: str
    kind: str
    phrase: str
    days: int
    cites: list[Cite]
    reading: BiText
    why: BiText


class Metric(TypedDict):
    field: str
    vi: str
    en: str


class Target(TypedDict):
    id: str
    section: str
    title: BiText
    text: str
    fragment: str
    translation: str
    numerator: Metric
    denominator: Metric
    comparator: Literal[">=", ">", "=="]
    threshold_percent: DecimalText
    threshold_text: str
    aspirational: bool
    applies_to: list[AgencyKind]
    note: BiText | None
    errata: list[Erratum]


class Agency(TypedDict):
    id: str
    name: str
    name_en: str
    kind: AgencyKind
    short_name: str | None
    code: str | None
    district_type: str | None
    communes: int | None
    aliases: list[str]


class Party(TypedDict):
    id: str
    name: str
    group: bool


class EventRef(TypedDict):
    id: str
    title: BiText


# A deadline view is the deadline cell (text, reading, erratum) and its parsed structure, one
# shape per kind (:mod:`cchc_cli.models.deadline`), the due date last but for an event's extras.


class DateDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["date"]
    on: IsoDate
    due: IsoDate | None


class QuarterDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["quarter"]
    year: int
    quarter: int
    due: IsoDate | None


class MonthDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["month"]
    year: int
    month: int
    due: IsoDate | None


class RecurringDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["recurring"]
    freq: Freq
    due: IsoDate | None


class ByDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["guidance", "direction"]
    by: str
    due: IsoDate | None


class EventDeadline(TypedDict):
    """An event the plan does not name (no ``event:``): nothing to wait for."""

    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["event"]
    trigger: str
    event: None
    due: IsoDate | None


class NamedEventDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["event"]
    trigger: str
    event: str
    due: IsoDate | None
    waits_for: list[EventRef]
    within_days: int | None
    reading_id: str | None


class ReportingDeadline(TypedDict):
    text: str
    reading: str | None
    erratum: str | None
    kind: Literal["reporting"]
    schedule: Schedule
    due: IsoDate | None


Deadline = (
    DateDeadline
    | QuarterDeadline
    | MonthDeadline
    | RecurringDeadline
    | ByDeadline
    | EventDeadline
    | NamedEventDeadline
    | ReportingDeadline
)


class Task(TypedDict):
    id: str
    section: str
    source_number: str
    parent: str | None
    content: str
    content_inherited: bool
    product: str | None
    lead: str
    lead_name: str
    lead_text: str | None
    lead_inherited: bool
    coordinators: list[Party]
    coordinators_text: list[str]
    coordinators_inherited: bool
    due: IsoDate | None
    deadline_text: str
    deadline: Deadline
    errata: list[Erratum]
    readings: list[Reading]


class Views(TypedDict):
    """:class:`cchc_cli.api.PlanViews` as JSON data."""

    plan: PlanRef
    info: Info
    targets: list[Target]
    tasks: list[Task]
    sections: list[str]
    agencies: list[Agency]
    errata: list[Erratum]
    files: dict[str, str]
    bundled: bool


_DECIMAL = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,12})?")


def _iso_date(value: object) -> object:
    from datetime import date

    if type(value) is str and len(value) == 10:
        try:
            if date.fromisoformat(value).isoformat() == value:
                return value
        except ValueError:
            pass
    raise _shape_error("a date is YYYY-MM-DD")


def _decimal_text(value: object) -> object:
    if type(value) is str and _DECIMAL.fullmatch(value):
        return value
    raise _shape_error("a threshold is digits, with a decimal point or not")


def _shape_error(message: str) -> Exception:
    from cchc_cli.jsoncodec import ShapeError

    return ShapeError(message)


@cache
def codec_of(shape: Any) -> Codec[Any]:
    """The codec of one of the shapes above (a ``TypedDict``, or the :data:`Deadline` union)."""
    from cchc_cli.jsoncodec import Codec, codec_for

    special: dict[type, Codec[Any]] = {
        IsoDate: Codec(_iso_date, _iso_date),
        DecimalText: Codec(_decimal_text, _decimal_text),
    }
    return codec_for(shape, special)


def views_codec() -> Codec[dict[str, Any]]:
    """The codec of :class:`Views`: exact on the way out and on the way back in."""
    return codec_of(Views)
