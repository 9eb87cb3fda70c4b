"""The façade the CLI and tests call: plan browsing as plain, JSON-ready views.

Each function takes a loaded plan and returns dicts of str/int/None/list (dates as ISO strings),
already filtered and sorted; renderers only lay them out. The keys are the public JSON contract
of ``cchc plan … --format json``: extend, never rename.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.dataset import LoadedPlan, load_plan
from cchc_cli.errors import UsageError
# Judging one file lives in judge.py, below both this façade and the roll-up; offered here as is.
from cchc_cli.judge import check as check, check_options as check_options
from cchc_cli.text import quoted
from cchc_cli.bilingual import Bilingual

if TYPE_CHECKING:
    # Types only: a command that never judges a file pays nothing for the report models.
    from collections.abc import Callable

    from cchc_cli.models.report import Report, Severity, Waiver
    from cchc_cli.models.summary import CityReport
    from cchc_cli.agencies import Agency
    from cchc_cli.compiled import CompiledPlan, CompiledPeriod
    from cchc_cli.severity import Overrides

View = dict[str, Any]


def open_plan(path: Path | None) -> LoadedPlan:
    return load_plan(path)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def plan_ref(plan: LoadedPlan) -> View:
    return {"id": plan.id, "version": plan.version, "sha256": plan.sha256}


def document(plan: LoadedPlan | PlanViews, key: str, payload: Any) -> View:
    """The JSON document of a ``plan`` command: which data answered, and the answer under ``key``."""
    return {"plan": plan.plan if isinstance(plan, PlanViews) else plan_ref(plan), key: payload}


def erratum_view(erratum: Any) -> View:
    return {
        "id": erratum.id,
        "kind": erratum.kind,
        "where": erratum.where,
        "field": erratum.field,
        "source_text": erratum.source_text,
        "reading": erratum.reading,
        "why": {"vi": erratum.why.vi, "en": erratum.why.en},
    }


def reading_view(reading: Any) -> View:
    return {
        "id": reading.id,
        "kind": reading.kind,
        "phrase": reading.phrase,
        "days": reading.days,
        "cites": [cite.model_dump(mode="json") for cite in reading.cites],
        "reading": {"vi": reading.reading.vi, "en": reading.reading.en},
        "why": {"vi": reading.why.vi, "en": reading.why.en},
    }


def deadline_view(spec: Any) -> View:
    parsed = spec.parsed.model_dump(mode="json", exclude={"phrase"})
    return {
        "text": spec.text,
        "reading": spec.reading,
        "erratum": spec.erratum,
        **parsed,
        "due": _iso(spec.parsed.due),
    }


def agency_view(agency: Any) -> View:
    # The registry's records are named tuples whose fields are the JSON contract's keys.
    return {**agency._asdict(), "aliases": list(agency.aliases)}


def _party(plan: LoadedPlan, party_id: str) -> View:
    return {"id": party_id, "name": plan.registry.name_of(party_id), "group": party_id in plan.registry.groups}


def _event_view(plan: LoadedPlan, event_id: str) -> View:
    event = next(e for e in plan.plan.events if e.id == event_id)
    return {"id": event.id, "title": {"vi": event.title.vi, "en": event.title.en}}


def task_view(plan: LoadedPlan, task: Any) -> View:
    errata = plan.errata_for(f"task:{task.id}")
    reading = plan.reading_for(f"task:{task.id}")
    deadline = deadline_view(task.deadline)
    if deadline["kind"] == "event" and task.deadline.event:
        # What the task waits for (each index of I.9 is an event of its own), and how long after it
        # the tool reads "Ngay sau khi" to be (None: the plan gives no reading, so no due date).
        event = next(e for e in plan.plan.events if e.id == task.deadline.event)
        deadline["waits_for"] = [_event_view(plan, part) for part in (event.all_of or (event.id,))]
        deadline["within_days"] = reading.days if reading is not None and reading.kind == "event_window" else None
        deadline["reading_id"] = reading.id if reading is not None else None
    return {
        "id": task.id,
        "section": task.section,
        "source_number": task.source_number,
        "parent": task.parent,
        "content": task.content,
        "content_inherited": task.content_inherited,
        "product": task.product,
        "lead": task.lead,
        "lead_name": plan.registry.name_of(task.lead),
        "lead_text": task.lead_text,
        "lead_inherited": task.lead_inherited,
        "coordinators": [_party(plan, p) for p in task.coordinators],
        "coordinators_text": list(task.coordinators_text),
        "coordinators_inherited": task.coordinators_inherited,
        "due": _iso(task.due),
        "deadline_text": task.deadline.text,
        "deadline": deadline,
        "errata": [erratum_view(e) for e in errata],
        "readings": [reading_view(reading)] if reading is not None else [],
    }


def resolve_agency(plan: LoadedPlan | CompiledPlan, query: str) -> Agency:
    """The agency a user named on the command line, or a UsageError with the closest names."""
    from cchc_cli.agencies import LookupProblem

    problem = plan.registry.resolve(query)
    if not isinstance(problem, LookupProblem):
        return problem  # the agency
    (vi, en), (hint_vi, hint_en) = problem.message, problem.hint
    if problem.kind == "group":
        hint_en += "; to see the tasks a group coordinates, give a member with --coordinating"
        hint_vi += "; để xem nhiệm vụ nhóm phối hợp, dùng một thành viên với --coordinating"
    raise UsageError(Bilingual(vi, en), hint=Bilingual(hint_vi, hint_en))


def filter_tasks(
    views: PlanViews,
    plan: Any,
    *,
    agency: str | None = None,
    coordinating: bool = False,
    section: str | None = None,
    due_before: date | None = None,
    kind: str | None = None,
) -> list[View]:
    """The task views of ``views``, in source order, filtered; ``plan`` (loaded or compiled) names agencies.

    ``agency``: tasks it leads; with ``coordinating``, also those it coordinates (directly or as a
    member of a group such as "Sở, Ban, Ngành"). ``due_before``: fixed due date strictly before.
    ``kind``: the deadline kind (quarter, month, recurring, guidance, direction, event, reporting).
    """
    agency_id = resolve_agency(plan, agency).id if agency else None
    if section is not None:
        if section.upper() not in views.sections:
            listed = ", ".join(views.sections)
            raise UsageError(
                Bilingual(
                    f"Phụ lục không có mục {quoted(section, lang='vi')}",
                    f"there is no appendix section {quoted(section)}",
                ),
                None,
                Bilingual(
                    f"các mục là {listed}",
                    f"sections are {listed}",
                ),
            )
        section = section.upper()
    before = due_before.isoformat() if due_before is not None else None
    out = []
    for task in views.tasks:
        if agency_id is not None:
            leads = task["lead"] == agency_id
            coordinates = coordinating and agency_id in plan.registry.expand(tuple(p["id"] for p in task["coordinators"]))
            if not (leads or coordinates):
                continue
        if section is not None and task["section"] != section:
            continue
        # ISO dates compare as the dates do.
        if before is not None and (task["due"] is None or task["due"] >= before):
            continue
        if kind is not None and task["deadline"]["kind"] != kind:
            continue
        out.append(task)
    return out


def get_task(plan: LoadedPlan | PlanViews, task_id: str) -> View:
    views = plan if isinstance(plan, PlanViews) else views_of(plan)
    wanted = task_id.strip().upper()
    task = next((t for t in views.tasks if t["id"].upper() == wanted), None)
    if task is None:
        import difflib

        close = difflib.get_close_matches(task_id.upper(), [t["id"] for t in views.tasks], n=3, cutoff=0.5)
        raise UsageError(
            Bilingual(
                f"Phụ lục không có nhiệm vụ {quoted(task_id, lang='vi')}",
                f"there is no task {quoted(task_id)} in the appendix",
            ),
            None,
            Bilingual(
                f"có phải là {', '.join(close)}?" if close else "xem danh sách bằng lệnh 'cchc plan tasks'",
                f"did you mean {', '.join(close)}?" if close else "list them with 'cchc plan tasks'",
            ),
        )
    return task


def target_view(plan: LoadedPlan, target: Any) -> View:
    return {
        "id": target.id,
        "section": target.section,
        "title": {"vi": target.title.vi, "en": target.title.en},
        "text": target.text,
        "fragment": target.fragment,
        "translation": target.translation,
        "numerator": target.numerator.model_dump(mode="json"),
        "denominator": target.denominator.model_dump(mode="json"),
        "comparator": target.comparator,
        # A string, not a float: "99" or "99.5" exactly as the dataset states it.
        "threshold_percent": str(target.threshold_percent),
        "threshold_text": target.threshold_text,
        "aspirational": target.aspirational,
        "applies_to": list(target.applies_to),
        "note": target.note.model_dump() if target.note else None,
        "errata": [erratum_view(e) for e in plan.errata_for(f"target:{target.id}")],
    }


def list_targets(plan: LoadedPlan) -> list[View]:
    return [target_view(plan, target) for target in plan.plan.targets]


def list_agencies(plan: LoadedPlan, kind: str | None = None) -> list[View]:
    return [agency_view(a) for a in plan.registry.model.agencies if kind is None or a.kind == kind]


def list_errata(plan: LoadedPlan) -> list[View]:
    return [erratum_view(e) for e in plan.plan.errata]


def plan_info(plan: LoadedPlan) -> View:
    meta = plan.plan.plan
    decision = meta.decision
    tasks = plan.appendix.tasks
    return {
        "plan": plan_ref(plan),
        "schema_version": plan.plan.schema_version,
        "year": meta.year,
        "title": {"vi": meta.title.vi, "en": meta.title.en},
        "decision": {
            "number": decision.number,
            "issuer": decision.issuer,
            "issuer_name": decision.issuer_name,
            "issued_on": decision.issued_on.isoformat(),
            "signer": decision.signer.name,
            "signer_title": decision.signer.title,
        },
        "source": meta.source.file,
        "path": str(plan.path),
        "bundled": plan.bundled,
        "counts": {
            "targets": len(plan.plan.targets),
            "sections": len(plan.appendix.sections),
            "numbered_rows": sum(1 for t in tasks if t.parent is None),
            "tasks": len(tasks),
            "duties": len(plan.plan.duties),
            "agencies": len(plan.registry.model.agencies),
            "errata": len(plan.plan.errata),
        },
        "reporting": [
            {
                "period": p.id,
                "name": p.name,
                "name_en": p.name_en,
                "due": plan.period_due(p.id).isoformat(),
                "cutoff": plan.period_cutoff(p.id).isoformat(),
            }
            for p in plan.plan.reporting.periods
        ],
    }


# -- every view at once, cached -------------------------------------------------------------

#: Bump when a view changes shape without a change to this module's source (which keys the cache).
VIEWS_FORMAT = 1


class PlanViews(NamedTuple):
    """Every view ``cchc plan …`` shows of one dataset, as plain JSON data: built once, then cached.

    A plan view is a pure function of the dataset, so ``cchc plan tasks`` need not parse and
    validate the YAML (ruamel and pydantic cost it more than the rest of the run) on every call:
    :func:`plan_views` keeps these documents beside the compiled plan, under the same digest.
    """

    plan: View  # plan_ref
    info: View
    targets: list[View]
    tasks: list[View]  # every appendix task, in source order
    sections: list[str]  # the appendix's section ids, in order
    agencies: list[View]
    errata: list[View]
    #: what they were built from (role -> path), to tell a cached entry is still the dataset's
    files: dict[str, str]
    bundled: bool


def views_of(plan: LoadedPlan) -> PlanViews:
    """Every view of a loaded plan."""
    return PlanViews(
        plan=plan_ref(plan),
        info=plan_info(plan),
        targets=list_targets(plan),
        tasks=[task_view(plan, task) for task in plan.appendix.tasks],
        sections=[s.id for s in plan.appendix.sections],
        agencies=list_agencies(plan),
        errata=list_errata(plan),
        files={role: str(p) for role, p in plan.files.items()},
        bundled=plan.bundled,
    )


def plan_views(path: Path | None) -> PlanViews:
    """Every view of the bundled dataset (``path`` None) or of the plan at ``path``, from the cache
    when an entry for exactly these files exists (:func:`cchc_cli.compiled.plan_entry`)."""
    from cchc_cli.compiled import plan_entry

    here = Path(__file__).resolve()
    return plan_entry(
        path,
        f"views-{VIEWS_FORMAT}",
        "views",
        lambda: views_of(load_plan(path)),
        _encode_views,
        _decode_views,
        lambda views: (views.files, views.bundled, str(views.plan["sha256"])),
        builders=(here, here.parent / "viewshapes.py"),
    )


def _encode_views(views: PlanViews) -> object:
    """The views as JSON data, checked on the way out too: views the decoder would refuse are not kept."""
    from cchc_cli.viewshapes import views_codec

    return views_codec().encode(views._asdict())


def _decode_views(data: object) -> PlanViews:
    """Views read back from a cache entry, which is untrusted data: every record field by field,
    with its exact type and in its order (:mod:`cchc_cli.viewshapes`), and the parts consistent
    with one another as :func:`views_of` makes them. Anything else raises, and is rebuilt."""
    from cchc_cli.viewshapes import views_codec

    views = PlanViews(**views_codec().decode(data))
    info, counts = views.info, views.info["counts"]
    consistent = (
        info["plan"] == views.plan
        and info["bundled"] == views.bundled
        and [counts[k] for k in ("targets", "sections", "tasks", "agencies", "errata")]
        == [len(views.targets), len(views.sections), len(views.tasks), len(views.agencies), len(views.errata)]
        and len({t["id"] for t in views.tasks}) == len(views.tasks)
        and all(t["section"] in views.sections for t in views.tasks)
    )
    if not consistent:
        raise ValueError("plan views that do not agree with one another")
    return views


def _period_option(plan: CompiledPlan, period: str) -> CompiledPeriod:
    from cchc_cli.judge import period_option

    return period_option(plan, period)


def progress_template(
    agency: str, period: str | None, *, plan_path: Path | None = None, lang: str = "vi"
) -> tuple[str, str]:
    """(text, default file name) of a ready-to-fill progress file for ``agency`` and ``period``.

    Whether the agency owes anything is said first: an agency that owes nothing gets that answer
    whatever period it names, or none (``cchc init -a "Bộ Nội vụ"``).
    """
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.scaffold import progress_template as template

    plan = compiled_plan(plan_path)
    found = resolve_agency(plan, agency)
    if not plan.owes_progress(found.id, found.kind):
        # An empty template would look ready to fill and then pass every check: refuse, and say who
        # the plan does ask for a progress file.
        _owes_nothing(plan, found)
    if period is None:
        ids = ", ".join(p.id for p in plan.periods)
        raise UsageError(
            Bilingual(
                "thiếu --period: mỗi tệp tiến độ dành cho một kỳ báo cáo",
                "--period is missing: a progress file is for one reporting period",
            ),
            None,
            Bilingual(
                f"thêm --period, một trong các kỳ: {ids}",
                f"add --period, one of {ids}",
            ),
        )
    chosen = _period_option(plan, period)
    return template(plan, found, chosen, lang), f"{found.id}-{chosen.id}.yaml"


def _owes_nothing(plan: CompiledPlan, agency: Agency) -> None:
    from cchc_cli.i18n import t

    kinds, others = plan.progress_owers()
    names = [plan.registry.get(a) for a in others]
    vi_kinds = "; ".join(t(f"agency_kind.{k}", "vi") for k in kinds)
    en_kinds = ", ".join(label if label.endswith("s") else f"{label}s" for label in (t(f"agency_kind.{k}", "en") for k in kinds))
    vi_who = vi_kinds + (f"; và {', '.join(a.name for a in names)} (chủ trì nhiệm vụ Phụ lục)" if names else "")
    en_who = en_kinds + (f", and {', '.join(a.name_en for a in names)} (as leads of appendix tasks)" if names else "")
    raise UsageError(
        Bilingual(
            f"Kế hoạch không giao cho {agency.name} chỉ tiêu, nhiệm vụ Phụ lục hay trách nhiệm mục V nào "
            f"phải báo cáo tiến độ, nên không có tệp tiến độ nào để tạo",
            f"the plan gives {agency.name_en} nothing to report: no target, appendix task or measurable "
            f"section V duty, so there is no progress file to write for it",
        ),
        None,
        Bilingual(
            f"tệp tiến độ dành cho: {vi_who}; xem 'cchc plan agencies' và 'cchc plan tasks --agency TÊN'",
            f"progress files are for: {en_who}; see 'cchc plan agencies' and 'cchc plan tasks --agency NAME'",
        ),
    )


def progress_schema(*, plan_path: Path | None = None) -> dict[str, Any]:
    """The progress file's JSON Schema: the models' own, with the plan's indicators spelt out.

    The models leave ``indicators`` open (which indicators exist is data of the plan); here each
    target of the plan becomes a property with its two counts, described in both languages.
    """
    from cchc_cli import progress
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.models.progress import COUNT_MAX

    plan = compiled_plan(plan_path)
    schema = progress.json_schema(plan)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://cchc.invalid/schemas/progress-{plan.id}-{plan.version}.json"
    indicators = schema["properties"]["indicators"]
    count = {"type": "integer", "minimum": 0, "maximum": COUNT_MAX}  # as the model bounds it
    indicators["properties"] = {
        target.id: {
            "type": "object",
            "description": f"{target.title.vi} ({target.comparator.replace('>=', '≥')} {target.threshold_percent}%; "
            f"áp dụng: {', '.join(target.applies_to)}) / {target.title.en}",
            "properties": {
                target.denominator: {**count, "description": f"{target.denominator_label.vi} / {target.denominator_label.en}"},
                target.numerator: {**count, "description": f"{target.numerator_label.vi} / {target.numerator_label.en}"},
            },
            "required": [target.denominator, target.numerator],
            "additionalProperties": False,
        }
        for target in plan.targets
    }
    indicators["additionalProperties"] = False
    indicators.pop("patternProperties", None)
    _forms_enum(schema, plan)
    return schema


def _forms_enum(schema: dict[str, Any], plan: Any) -> None:
    """A duty's ``forms`` items as the plan's spellings (ids, names, phrases), so an editor offers them."""
    from cchc_cli import forms

    defs = schema.get("$defs", {})
    duties = defs.get("DutiesProgress", {}).get("properties", {})
    for duty in plan.duties:
        ref = duties.get(duty.id, {}).get("$ref", "")
        entry = defs.get(ref.rpartition("/")[2], {}).get("properties", {})
        if not duty.choices or "forms" not in entry:
            continue
        entry["forms"]["items"] = {"type": "string", "enum": forms.json_enum(duty.choices)}
        entry["forms"]["description"] = (
            f"Các hình thức Kế hoạch liệt kê đã dùng trong năm: {forms.listing_vi(duty.choices)} (hoặc mã: "
            f"{forms.listing_en(duty.choices)}); viết hoa, thường, có dấu hay không dấu đều được; hình thức khác ghi ở other "
            f"/ The forms the plan lists that were used this year: {forms.listing_en(duty.choices)} (or their Vietnamese "
            f"names), in any case, with or without diacritics; any other form goes under other"
        )


def expand_paths(paths: list[Path], exclude: tuple[str, ...] | list[str] = ()) -> list[tuple[Path, str]]:
    """(path, shown) for every progress file named: the walk of :mod:`cchc_cli.walk`.

    A file named is checked whatever its name; a directory stands for its ``*.yaml`` and
    ``*.yml`` at any depth, hidden ones and those ``exclude`` matches left out; a file named
    twice is checked once.
    """
    from cchc_cli.walk import progress_files

    return [(found.path, found.shown) for found in progress_files(paths, tuple(exclude))]


def check_paths(
    paths: list[Path],
    *,
    plan_path: Path | None = None,
    period: str | None = None,
    as_of: date | None = None,
    waivers: tuple[Waiver, ...] = (),
    today: date | None = None,
    severity: Overrides | None = None,
) -> list[Report]:
    """One report per progress file (directories expanded), the repository's severity per rule
    (``severity``: rule id -> Severity, or None for off) and then waivers applied, in the order given.

    Each file has the time limit of :func:`cchc_cli.isolation.file_timeout`: one that runs out
    of it is reported as a file that could not be read (CCHC001, exit 2), and the next is checked.
    """
    from functools import partial

    from cchc_cli.compiled import compiled_plan
    from cchc_cli.engine import apply_waivers, failed_input
    from cchc_cli.errors import CheckTimeout
    from cchc_cli.isolation import TimedOut, bounded, file_timeout
    from cchc_cli.severity import apply as apply_severity

    found = expand_paths(paths)
    limit = file_timeout()
    plan = compiled_plan(plan_path)  # loaded before any file's time starts
    reports = []
    for path, shown in found:
        # In this process, with no workers to lose: few files are checked at a time, and a
        # process per file would cost more than the check itself (see isolation.bounded).
        report = bounded(partial(check, path, plan_path=plan_path, period=period, as_of=as_of, shown=shown), limit)
        if isinstance(report, TimedOut):
            report = failed_input(plan, shown, CheckTimeout(shown, report.limit))
        report = apply_severity(report, severity or {})
        # Each report's waivers expire against its own as_of (``today``: the CCHC_TODAY override).
        reports.append(apply_waivers(report, waivers, today) if waivers else report)
    return reports


def summary(
    paths: list[Path],
    *,
    period: str,
    plan_path: Path | None = None,
    as_of: date | None = None,
    fail_on: Severity | None = None,
    waivers: tuple[Waiver, ...] = (),
    today: date | None = None,
    progress: Callable[[], None] | None = None,
    workers: int | None = None,
    severity: Overrides | None = None,
) -> CityReport:
    """The city roll-up (:class:`cchc_cli.models.summary.CityReport`) of every file under ``paths``,
    each file judged as :func:`check_paths` judges it (``severity`` and ``waivers`` alike)."""
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.models.report import Severity
    from cchc_cli.summary import check_all, progress_files, roll_up

    plan = compiled_plan(plan_path)
    chosen = _period_option(plan, period)
    files = progress_files(paths)
    if not files:
        raise UsageError(
            Bilingual(
                "không có tệp tiến độ (*.yaml, *.yml) nào trong các đường dẫn đã cho",
                "no progress file (*.yaml, *.yml) under the paths given",
            ),
        )
    threshold = fail_on or Severity.error
    results = check_all(
        files, plan_path=plan_path, fail_on=threshold, period=chosen.id, as_of=as_of, waivers=waivers,
        today=today, workers=workers, progress=progress, severity=severity,
    )
    return roll_up(results, plan, chosen.id, threshold, as_of)
