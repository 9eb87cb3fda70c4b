"""The plan as the checks use it: plain named tuples, built once per dataset and cached.

Loading a dataset means parsing ~100 KB of YAML and validating it with pydantic models: right for
correctness, too slow to repeat on every ``cchc check`` (the model machinery alone costs more
than the rest of a check). :func:`compiled_plan` validates the dataset the usual way once,
keeps only what the rules read, in classes that cost nothing to import, and caches the result
under the sha256 of the dataset's files (:mod:`cchc_cli.cache`), as plain JSON data
(:mod:`cchc_cli.jsoncodec`, whose codec is derived from the classes below). Any change to a plan
file changes the digest, so a cached plan is never stale.

Thresholds are :class:`fractions.Fraction` so that every comparison is exact.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from cchc_cli.agencies import Registry
from cchc_cli.bilingual import Bilingual as Bilingual  # its home now; imported from here by many modules

if TYPE_CHECKING:
    from cchc_cli.dataset import LoadedPlan
    from cchc_cli.jsoncodec import Codec
    from cchc_cli.models.base import BiText
    from cchc_cli.models.plan import Task

T = TypeVar("T")

#: Bump when the classes below change shape: old cache entries then no longer match.
COMPILED_FORMAT = 4


class CompiledTarget(NamedTuple):
    id: str
    title: Bilingual
    numerator: str
    numerator_label: Bilingual
    denominator: str
    denominator_label: Bilingual
    comparator: str  # ">=", ">" or "=="
    threshold: Fraction  # as a fraction of 1: 99% is Fraction(99, 100)
    threshold_percent: str  # as the dataset writes it, for display: "99"
    threshold_text: str
    aspirational: bool
    applies_to: tuple[str, ...]

    def met_by(self, value: Fraction) -> bool:
        """Whether a rate meets the target, exactly (the rule for one unit, the roll-up for the city)."""
        if self.comparator == ">=":
            return value >= self.threshold
        if self.comparator == ">":
            return value > self.threshold
        return value == self.threshold


class CompiledBasis(NamedTuple):
    """What a due date rests on besides the source's own words: a reading (R01) or an erratum (E01)."""

    id: str
    label: Bilingual  # for a finding's message: "the tool's reading R01: …"


class CompiledTask(NamedTuple):
    id: str
    section: str
    content: str
    lead: str
    coordinators: tuple[str, ...]
    deadline_text: str
    deadline_kind: str
    due: date | None
    freq: str | None  # recurring tasks: "monthly", "quarterly", "yearly"
    event: str | None  # event-triggered tasks: the event id
    #: event-triggered tasks: due this many days after the event (the reading in ``basis``);
    #: None when the plan gives no reading, and then no due date at all
    window_days: int | None = None
    basis: CompiledBasis | None = None


class CompiledRecurrence(NamedTuple):
    freq: str  # "monthly" | "quarterly" | "yearly"
    due: str  # "end_of_period" | "day_of_last_month" | "last_day_of_month" | "unspecified"
    day: int | None
    what: Bilingual
    text: str


class CompiledChoice(NamedTuple):
    """One item of a list the source gives (a form of communication); see :mod:`cchc_cli.forms`."""

    id: str
    phrase: Bilingual  # vi: the source's words, verbatim; en: ours
    names: tuple[str, ...] = ()  # what an officer types for it


class CompiledDutyReport(NamedTuple):
    """How a progress file reports a duty (the plan's ``report:``, :class:`cchc_cli.models.plan.DutyReport`)."""

    shape: str  # "dated" | "dates" | "forms" | "coverage" | "publications"
    field: str | None  # dated, coverage: the date's key; forms: the key of the dates
    describe: Bilingual
    field_label: Bilingual | None = None
    field_hint: Bilingual | None = None
    document: bool = False


class CompiledDuty(NamedTuple):
    id: str
    section: str
    scope: str
    title: Bilingual
    applies_to_kinds: tuple[str, ...]
    applies_to_agencies: tuple[str, ...]
    applies_to_appendix_leads: bool
    measurable: bool
    deadline_text: str | None = None
    due: date | None = None
    recurrence: CompiledRecurrence | None = None
    min_count: int | None = None
    min_count_per: str | None = None
    min_count_what: Bilingual | None = None
    coverage: Fraction | None = None
    coverage_what: Bilingual | None = None
    window_days: int | None = None
    window_after: Bilingual | None = None
    choices: tuple[CompiledChoice, ...] = ()
    #: how a progress file reports it (None: not measurable)
    report: CompiledDutyReport | None = None
    coverage_min_times: int | None = None

    @property
    def dated_key(self) -> str | None:
        """The key of the date a dated duty is reported by (``issued_on``), if it has one."""
        if self.report is not None and self.report.shape in ("dated", "coverage"):
            return self.report.field
        return None

    @property
    def reports_dates(self) -> bool:
        """Whether the entry holds a list of dates (the entry itself, or under :attr:`dates_key`)."""
        return self.report is not None and self.report.shape in ("dates", "forms")

    @property
    def dates_key(self) -> str | None:
        """Where the dates are: None for the entry itself (a list), else the key inside it (``online``)."""
        return self.report.field if self.report is not None and self.report.shape == "forms" else None


class CompiledPeriod(NamedTuple):
    id: str
    name: str
    name_en: str
    months: int
    aliases: tuple[str, ...]
    due: date
    cutoff: date


class CompiledEvent(NamedTuple):
    id: str
    title: Bilingual
    #: the events this one stands for; it has happened once all of them have (on the latest date)
    all_of: tuple[str, ...] = ()


class CompiledPlan(NamedTuple):
    id: str
    version: str
    sha256: str
    year: int
    title: Bilingual
    data_start: date
    periods: tuple[CompiledPeriod, ...]
    periodic_reporter_kinds: tuple[str, ...]
    periodic_reporter_agencies: tuple[str, ...]
    targets: tuple[CompiledTarget, ...]
    tasks: dict[str, CompiledTask]
    duties: tuple[CompiledDuty, ...]
    events: dict[str, CompiledEvent]
    registry: Registry
    #: the dataset's files by role (plan, tasks, agencies), to check a cached entry is current
    files: dict[str, str]
    path: str = ""
    bundled: bool = True
    format: int = COMPILED_FORMAT

    def period(self, query: str) -> CompiledPeriod:
        """A reporting period by id ("Q1") or any alias ("Quý I", "6 tháng"); KeyError if none."""
        from cchc_cli.periods import find_period

        return find_period(self.periods, query, self.year)

    def reports_periodically(self, agency_id: str, kind: str) -> bool:
        """Whether the plan asks the agency for the periodic reports of section III (by its kind,
        or by name): the report's due date, CCHC401, the roll-up's "not reported" and the
        calendar all rest on this one answer."""
        return kind in self.periodic_reporter_kinds or agency_id in self.periodic_reporter_agencies

    def event_date(self, dates: Mapping[str, date], event_id: str) -> date | None:
        """When an event happened, by a progress file's ``events:``; None while the file does not say.

        An event that stands for others (``all_of``) happened when the last of them did. The file
        may also date it as a whole, under its own id (the only way before dataset 2.0.0): that
        date stands for each of its events the file does not date separately.
        """
        event = self.events.get(event_id)
        whole: date | None = dates.get(event_id)
        if event is None or not event.all_of:
            return whole
        parts: list[date | None] = [dates.get(part, whole) for part in event.all_of]
        known = [d for d in parts if d is not None]
        return max(known) if len(known) == len(parts) else None

    def owes_progress(self, agency_id: str, kind: str) -> bool:
        """Whether the plan gives the agency anything a progress file reports: a target of its
        kind, an appendix task it leads, or a measurable duty of section V (as CCHC014 judges)."""
        return (
            any(kind in t.applies_to for t in self.targets)
            or any(t.lead == agency_id for t in self.tasks.values())
            or any(d.measurable and self.duty_applies(d, agency_id, kind) for d in self.duties)
        )

    def progress_owers(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Who owes a progress file: (kinds of unit, further agencies by id, in source order)."""
        kinds: list[str] = []
        for kind in [k for t in self.targets for k in t.applies_to] + [
            k for d in self.duties if d.measurable for k in d.applies_to_kinds
        ]:
            if kind not in kinds:
                kinds.append(kind)
        others: list[str] = []
        for agency_id in [t.lead for t in self.tasks.values()] + [
            a for d in self.duties if d.measurable for a in d.applies_to_agencies
        ]:
            known = self.registry.by_id.get(agency_id)
            if known is not None and known.kind not in kinds and agency_id not in others:
                others.append(agency_id)
        return tuple(kinds), tuple(others)

    def tasks_led_by(self, agency_id: str) -> list[CompiledTask]:
        return [t for t in self.tasks.values() if t.lead == agency_id]

    def duty_applies(self, duty: CompiledDuty, agency_id: str, kind: str) -> bool:
        if kind in duty.applies_to_kinds or agency_id in duty.applies_to_agencies:
            return True
        return duty.applies_to_appendix_leads and any(t.lead == agency_id for t in self.tasks.values())


def _bilingual(value: BiText) -> Bilingual:
    return Bilingual(vi=value.vi, en=value.en)


def _basis(loaded: LoadedPlan, task: Task) -> tuple[int | None, CompiledBasis | None]:
    """(window in days, basis) of a task's due date: its reading, or the erratum its date is read from."""
    reading = loaded.reading_for(f"task:{task.id}")
    if reading is not None and reading.kind == "event_window":
        label = Bilingual(
            f"cách đọc {reading.id} của công cụ, không phải của Kế hoạch: “{reading.phrase} …” được hiểu là "
            f"trong {reading.days} ngày; xem cchc plan task {task.id}",
            f"the tool's reading {reading.id}, not the plan's words: “{reading.phrase} …” taken as within "
            f"{reading.days} days; see cchc plan task {task.id}",
        )
        return reading.days, CompiledBasis(reading.id, label)
    spec = task.deadline
    if spec.erratum and spec.reading:
        label = Bilingual(
            f"đính chính {spec.erratum}: văn bản ghi “{spec.text}”, công cụ đọc là “{spec.reading}”",
            f"erratum {spec.erratum}: the source prints “{spec.text}”, read as “{spec.reading}”",
        )
        return None, CompiledBasis(spec.erratum, label)
    return None, None


def _report(report: Any) -> CompiledDutyReport | None:
    if report is None:
        return None
    return CompiledDutyReport(
        shape=report.shape,
        field=report.field,
        describe=_bilingual(report.describe),
        field_label=_bilingual(report.field_label) if report.field_label else None,
        field_hint=_bilingual(report.field_hint) if report.field_hint else None,
        document=report.document,
    )


def compile_loaded(loaded: LoadedPlan) -> CompiledPlan:
    """Keep what the checks read from a validated dataset."""
    plan = loaded.plan
    reporting = plan.reporting
    year = plan.plan.year
    periods = tuple(
        CompiledPeriod(
            id=p.id,
            name=p.name,
            name_en=p.name_en,
            months=p.months,
            aliases=tuple(p.aliases),
            due=date(year, p.months, reporting.due_day),
            cutoff=date(year, p.months, reporting.cutoff_day),
        )
        for p in reporting.periods
    )
    periodic = [r for r in reporting.reporters if r.reports == "periodic"]
    targets = tuple(
        CompiledTarget(
            id=t.id,
            title=_bilingual(t.title),
            numerator=t.numerator.field,
            numerator_label=Bilingual(t.numerator.vi, t.numerator.en),
            denominator=t.denominator.field,
            denominator_label=Bilingual(t.denominator.vi, t.denominator.en),
            comparator=t.comparator,
            threshold=Fraction(t.threshold_percent) / 100,
            threshold_percent=format(t.threshold_percent.normalize(), "f"),
            threshold_text=t.threshold_text,
            aspirational=t.aspirational,
            applies_to=tuple(t.applies_to),
        )
        for t in plan.targets
    )
    tasks = {
        t.id: CompiledTask(
            id=t.id,
            section=t.section,
            content=t.content,
            lead=t.lead,
            coordinators=tuple(t.coordinators),
            deadline_text=t.deadline.text,
            deadline_kind=t.deadline.parsed.kind,
            due=t.deadline.due,
            freq=getattr(t.deadline.parsed, "freq", None),
            event=t.deadline.event,
            window_days=_basis(loaded, t)[0],
            basis=_basis(loaded, t)[1],
        )
        for t in loaded.appendix.tasks
    }
    duties = []
    for d in plan.duties:
        rec = d.recurrence
        duties.append(
            CompiledDuty(
                id=d.id,
                section=d.section,
                scope=d.scope,
                title=_bilingual(d.title),
                applies_to_kinds=tuple(d.applies_to_kinds),
                applies_to_agencies=tuple(d.applies_to_agencies),
                applies_to_appendix_leads=d.applies_to_appendix_leads,
                measurable=d.measurable,
                deadline_text=d.deadline.text if d.deadline else None,
                due=d.deadline.due if d.deadline else None,
                recurrence=CompiledRecurrence(rec.freq, rec.due, rec.day, _bilingual(rec.what), rec.text) if rec else None,
                min_count=d.min_count.count if d.min_count else None,
                min_count_per=d.min_count.per if d.min_count else None,
                min_count_what=_bilingual(d.min_count.what) if d.min_count else None,
                coverage=Fraction(d.coverage.percent) / 100 if d.coverage else None,
                coverage_what=_bilingual(d.coverage.what) if d.coverage else None,
                window_days=d.window.days if d.window else None,
                window_after=_bilingual(d.window.after) if d.window else None,
                choices=tuple(CompiledChoice(c.id, Bilingual(c.vi, c.en), tuple(c.names)) for c in d.choices),
                report=_report(d.report),
                coverage_min_times=d.coverage.min_times if d.coverage else None,
            )
        )
    return CompiledPlan(
        id=plan.plan.id,
        version=plan.plan.version,
        sha256=loaded.sha256,
        year=year,
        title=_bilingual(plan.plan.title),
        data_start=reporting.data_start,
        periods=periods,
        periodic_reporter_kinds=tuple(k for r in periodic for k in r.kinds),
        periodic_reporter_agencies=tuple(a for r in periodic for a in r.agencies),
        targets=targets,
        tasks=tasks,
        duties=tuple(duties),
        events={e.id: CompiledEvent(e.id, _bilingual(e.title), tuple(e.all_of)) for e in plan.events},
        registry=loaded.registry,
        path=str(loaded.path),
        bundled=loaded.bundled,
        files={role: str(p) for role, p in loaded.files.items()},
    )


_BUILDERS = (
    "agencies.py",
    "jsoncodec.py",
    "dataset.py",
    "dates.py",
    "text.py",
    "yamlio.py",
    "models/base.py",
    "models/agency.py",
    "models/deadline.py",
    "models/plan.py",
)


def _files_digest(files: dict[str, str]) -> str:
    from cchc_cli import dataset, yamlio

    return dataset.digest([(role, yamlio.read_text(Path(files[role])).encode("utf-8")) for role in dataset.TYPE_ROLES])


#: compiled plans already loaded by this process, with the (mtime, size) of their files
_loaded: dict[tuple[str, bool], tuple[tuple[tuple[int, int], ...], CompiledPlan]] = {}


def _signature(files: dict[str, str]) -> tuple[tuple[int, int], ...]:
    stats = [os.stat(files[role]) for role in sorted(files)]
    return tuple((s.st_mtime_ns, s.st_size) for s in stats)


def compiled_plan(path: Path | None = None) -> CompiledPlan:
    """The compiled form of the bundled dataset (``path`` None), or of the plan at ``path``,
    remembered by the process while its files are unchanged (a roll-up asks once per file)."""
    from cchc_cli.yamlio import same_file_key

    plan_key = (str(same_file_key(path)) if path is not None else "", path is None)
    known = _loaded.get(plan_key)
    if known is not None:
        try:
            if _signature(known[1].files) == known[0]:
                return known[1]
        except OSError:
            pass
    compiled = _compiled_plan(path)
    try:
        _loaded[plan_key] = (_signature(compiled.files), compiled)
    except OSError:
        pass
    return compiled


def _compiled_plan(path: Path | None = None) -> CompiledPlan:
    """The compiled form of the bundled dataset (``path`` None) or of the plan at ``path``."""
    from cchc_cli import dataset

    codec = _codec()
    return plan_entry(
        path,
        f"compiled-{COMPILED_FORMAT}",
        "plan",
        lambda: compile_loaded(dataset.load_plan(path)),
        codec.encode,
        codec.decode,
        lambda compiled: (compiled.files, compiled.bundled, compiled.sha256),
    )


def plan_entry(
    path: Path | None,
    kind: str,
    name: str,
    build: Callable[[], T],
    encode: Callable[[T], object],
    decode: Callable[[object], T],
    made_from: Callable[[T], tuple[dict[str, str], bool, str]],
    builders: tuple[Path, ...] = (),
) -> T:
    """A cached value built from the plan at ``path`` (the bundled dataset when None).

    The cache entry is found by the plan file's content and checked against the digest of all
    three files (the included ones are re-read and hashed, which is cheap), so the YAML is parsed
    and validated only when no entry for that exact content exists. ``made_from`` tells which
    files (by role), bundled or not, and which digest a value was built from; ``builders`` are the
    source files besides this module's that shape the value.
    """
    import hashlib

    from cchc_cli import dataset, yamlio
    from cchc_cli.cache import cache_dir, cached, key_of, store
    from cchc_cli.errors import ParseError

    bundled = path is None
    from cchc_cli.yamlio import same_file_key

    plan_path = same_file_key(dataset.bundled_plan_path() if path is None else path)
    if cache_dir() is None:
        return build()
    try:
        # bounded and regular files only: `--plan /dev/zero` must not be read to the end for a key
        plan_bytes = yamlio.read_bytes(plan_path, str(path) if path is not None else None)
    except ParseError:  # let the loader say what is wrong, with its usual message
        return build()
    here = Path(__file__).resolve()
    # Everything that turns the dataset's bytes into these records: a change to any of them (in a
    # checkout, between releases) must not be answered from an entry the old code made.
    package = here.parent
    sources = [here, *(package / name for name in _BUILDERS), *builders]
    key = key_of([kind, hashlib.sha256(plan_bytes).hexdigest(), str(plan_path), str(bundled)], sources)
    value = cached(name, key, build, encode, decode)
    # The entry names the files it was compiled from and their digest; both are checked against
    # the disk, so an entry for other files, or for files since edited, is not used. What this
    # does not prove is that the records are what those files compile to: an entry that names
    # the right files and digest but carries other thresholds is believed. Only the user (or
    # root) can write it there (see cchc_cli.cache), and the user could as well edit the plan.
    try:
        files, was_bundled, sha256 = made_from(value)
        fresh = files.get("plan") == str(plan_path) and was_bundled == bundled and _files_digest(files) == sha256
    except Exception:  # noqa: BLE001 - a vanished or unreadable include: the loader will explain
        fresh = False
    if fresh:
        return value
    # An included file was edited (the key covers only the main file): the rebuilt value replaces
    # the stale entry, or every later run would read, refuse and rebuild it again.
    value = build()
    store(name, key, value, encode)
    return value


@cache
def _codec() -> Codec[CompiledPlan]:
    """The JSON codec of a compiled plan; the registry travels as the records it is built from."""
    from cchc_cli.agencies import Records
    from cchc_cli.jsoncodec import Codec, codec_for

    records = codec_for(Records)

    def encode_registry(registry: Registry) -> object:
        return records.encode(registry.model)

    def decode_registry(data: object) -> Registry:
        return Registry(records.decode(data))  # re-checks the names are unique, as loading does

    return codec_for(CompiledPlan, {Registry: Codec(encode_registry, decode_registry)})
