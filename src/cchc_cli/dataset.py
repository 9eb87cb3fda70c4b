"""Locate, load, validate and digest a plan dataset (the bundled one, or one given with --plan).

A dataset is a plan file plus the files it includes (the appendix of tasks and the agency
registry), resolved relative to the plan file. Loading validates each file against its model,
then checks what no single model can: that every agency, group, event and erratum a file names
exists, that ids are unique, and that every structured fact quotes words that are in its
sentence. Every failure is a :class:`DatasetError` at a file and line.

The digest is the sha256 of the three files' bytes, each preceded by its role ("plan", "tasks",
"agencies") and framed by NUL bytes: two datasets with the same digest say the same thing, and a
report that prints it says exactly which data judged it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from cchc_cli.errors import CchcError, DatasetError
from cchc_cli.location import SourceLocation
from cchc_cli.bilingual import Bilingual

if TYPE_CHECKING:
    from cchc_cli.agencies import Registry
    from cchc_cli.models.agency import AgencyRegistry
    from cchc_cli.models.plan import Appendix, Duty, Erratum, Plan, Reading, ReportingPeriod, Target, Task
    from cchc_cli.validation import Problems
    from cchc_cli.yamlio import Document

TYPE_ROLES = ("plan", "tasks", "agencies")

M = TypeVar("M")


def _missing() -> DatasetError:
    return DatasetError(
        Bilingual(
            "bản cài đặt này thiếu dữ liệu kế hoạch kèm theo công cụ",
            "the bundled plan dataset is missing from this installation",
        ),
        None,
        Bilingual(
            "cài lại cchc (pip install --force-reinstall cchc), hoặc dùng --plan TỆP",
            "reinstall cchc (pip install --force-reinstall cchc), or pass --plan FILE",
        ),
        bundled=True,
    )


def bundled_data_dir() -> Path:
    """The data directory inside the installed package, or the checkout's ``data/`` in development."""
    from cchc_cli.bundle import data_dir

    found = data_dir()
    if found is None:
        raise _missing()
    return found


def bundled_plan_path() -> Path:
    """The default bundled plan, as the data's manifest names it (:mod:`cchc_cli.bundle`)."""
    from cchc_cli.bundle import default_plan

    found = default_plan()
    if found is None:
        raise _missing()
    return found


class LoadedPlan(NamedTuple):
    """A validated dataset, with the indexes every command needs."""

    # the models are imported for typing only: this module imports no pydantic at import time
    plan: Plan
    appendix: Appendix
    registry: Registry
    sha256: str
    path: Path
    bundled: bool
    tasks_by_id: dict[str, Task]
    #: the files of the dataset by role ("plan", "tasks", "agencies")
    files: dict[str, Path]
    errata_by_where: dict[str, list[Erratum]]
    #: the readings (models.plan.Reading) by the row they are used for ("task:I.9")
    readings_by_where: dict[str, Reading] = {}

    @property
    def id(self) -> str:
        return str(self.plan.plan.id)

    @property
    def version(self) -> str:
        return str(self.plan.plan.version)

    @property
    def short_digest(self) -> str:
        return self.sha256[:12]

    def errata_for(self, where: str) -> list[Erratum]:
        return self.errata_by_where.get(where, [])

    def reading_for(self, where: str) -> Reading | None:
        """The reading a row's deadline rests on, or None."""
        return self.readings_by_where.get(where)

    def period(self, query: str) -> ReportingPeriod:
        """A reporting period by id ("Q1") or any alias ("Quý I", "6 tháng"), case and accents folded."""
        from cchc_cli.periods import find_period

        return find_period(self.plan.reporting.periods, query, self.plan.plan.year)

    def period_due(self, period_id: str) -> date:
        """The day by which the city must receive the report for the period (section III.1)."""
        return self._period_day(period_id, self.plan.reporting.due_day)

    def period_cutoff(self, period_id: str) -> date:
        """The last day of data the report for the period covers (section III.1)."""
        return self._period_day(period_id, self.plan.reporting.cutoff_day)

    def _period_day(self, period_id: str, day: int) -> date:
        period = self.period(period_id)
        return date(self.plan.plan.year, period.months, day)


def digest(parts: Sequence[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for role, data in parts:
        h.update(role.encode() + b"\0" + str(len(data)).encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _included(plan_path: Path, name: str, role: str, where: SourceLocation, bundled: bool) -> Path:
    """The file ``includes.<role>`` names, which must lie in the plan's own directory tree.

    A plan can come from the repository being checked (``plan:`` in .cchc.yaml): its includes
    must not reach the rest of the machine, by an absolute path, a ``..``, or a link out.
    """
    from pathlib import PurePath

    from cchc_cli.text import quoted

    home = plan_path.parent.resolve()
    parts = PurePath(name).parts
    try:
        resolved = (home / name).resolve()
        inside = not PurePath(name).is_absolute() and ".." not in parts and resolved.is_relative_to(home)
    except (OSError, RuntimeError):  # a name too long, a link loop: not a file of the plan either
        inside = False
    if not name or not inside:
        raise DatasetError(
            Bilingual(
                f"includes.{role}: {quoted(name, lang='vi')} không phải tệp trong thư mục của kế hoạch; "
                "tệp đi kèm phải ghi tên tương đối, không có '..', và nằm cạnh tệp kế hoạch",
                f"includes.{role}: {quoted(name)} is not a file in the plan's own directory; "
                "an include is a relative name without '..' that stays beside the plan",
            ),
            where,
            Bilingual(
                "đặt tệp đi kèm cạnh tệp kế hoạch (hoặc trong thư mục con) và ghi tên tương đối",
                "put the included file beside the plan file (or in a folder below it) and name it relative to the plan",
            ),
            bundled=bundled,
        )
    return resolved


def _validate(model: Callable[..., M], doc: Document, bundled: bool) -> M:
    from pydantic import ValidationError

    from cchc_cli.validation import located_problems, model_keys

    try:
        return model(doc.data)
    except ValidationError as e:
        owner = getattr(model, "__self__", None)  # Plan.model_validate -> Plan: its keys, for "did you mean"
        raise _problems_error(
            located_problems(e, doc, allowed_keys=model_keys(owner) if isinstance(owner, type) else None),
            ("fix the dataset file (see 'The dataset' in cchc's README)",
             "sửa tệp dữ liệu kế hoạch (xem mục 'The dataset' trong README của cchc)"),
            bundled,
        ) from e


def _problems_error(
    found: Problems | list[tuple[SourceLocation, str]], hint: tuple[str, str], bundled: bool
) -> DatasetError:
    """One error for a list of located problems: the first as the message, the rest as details.

    ``hint`` is (English, Vietnamese); each problem carries its Vietnamese (schema_words.Said).
    """
    from cchc_cli.schema_words import vi_of
    from cchc_cli.validation import Problems, capped, details_of

    if not isinstance(found, Problems):
        found = capped(found)
    where, text = found.shown[0]
    from cchc_cli.numbers import count

    more = f" (and {count(found.total - 1, 'en')} more)" if found.total > 1 else ""
    more_vi = f" (và {count(found.total - 1, 'vi')} lỗi khác)" if found.total > 1 else ""
    return DatasetError(
        Bilingual(
            f"{vi_of(text) or text}{more_vi}",
            f"{text}{more}",
        ),
        where,
        Bilingual(
            hint[1],
            hint[0],
        ),
        details_of(found.shown),
        bundled=bundled,
    )


def load_plan(path: Path | None = None) -> LoadedPlan:
    """Load the bundled dataset (``path`` None) or the plan file at ``path``. Cached per process."""
    bundled = path is None
    target = bundled_plan_path() if path is None else path
    from cchc_cli.yamlio import same_file_key

    return _load_cached(same_file_key(target), bundled)


@cache
def _load_cached(path: Path, bundled: bool) -> LoadedPlan:
    from cchc_cli import yamlio
    from cchc_cli.models.agency import AgencyRegistry
    from cchc_cli.models.plan import Appendix, Plan

    try:
        plan_doc = yamlio.load(path, _shown(path))
    except CchcError as e:
        raise DatasetError(e.message, e.location, e.hint, bundled=bundled) from e
    if not isinstance(plan_doc.data, dict):
        raise DatasetError(
            Bilingual(
                "tệp kế hoạch là một bảng khóa gồm 'plan', 'targets', 'duties', …",
                "a plan file is a mapping with 'plan', 'targets', 'duties', …",
            ),
            SourceLocation(plan_doc.path, 1, 1),
            Bilingual(
                "hãy đưa cho --plan chính tệp kế hoạch (lệnh cchc plan info cho biết tệp kèm theo công cụ)",
                "give --plan the plan file itself (cchc plan info shows the bundled one)",
            ),
            bundled=bundled,
        )
    if "plan" not in plan_doc.data or "includes" not in plan_doc.data:
        # Said without quoting the file: a --plan pointed at some other file (a secret, a
        # settings file) must not have its keys or values printed into a CI log.
        raise DatasetError(
            Bilingual(
                "đây không phải tệp kế hoạch của cchc: tệp kế hoạch có các khóa 'plan', 'includes', 'targets', 'duties', …",
                "this is not a cchc plan file: a plan file has the keys 'plan', 'includes', 'targets', 'duties', …",
            ),
            SourceLocation(plan_doc.path, 1, 1),
            Bilingual(
                "hãy đưa cho --plan chính tệp kế hoạch (lệnh cchc plan info cho biết tệp kèm theo công cụ)",
                "give --plan the plan file itself (cchc plan info shows the bundled one)",
            ),
            bundled=bundled,
        )
    includes = plan_doc.data.get("includes") or {}
    docs = {"plan": plan_doc}
    files = {"plan": path}
    for role in ("tasks", "agencies"):
        name = includes.get(role) if isinstance(includes, dict) else None
        if not isinstance(name, str):
            from cchc_cli.text import quoted

            from cchc_cli.schema_words import got

            got_vi, got_en = got(name)
            given = "" if name is None else f"; got {type(name).__name__} {quoted(name)}"
            given_vi = "" if name is None else f"; đang ghi {got_vi}"
            what_vi = {"tasks": "các nhiệm vụ (Phụ lục)", "agencies": "danh mục cơ quan, đơn vị"}[role]
            raise DatasetError(
                Bilingual(
                    f"includes.{role} cần ghi tên tệp chứa {what_vi} của kế hoạch{given_vi}",
                    f"includes.{role} must name the file that holds the plan's {role}{given}",
                ),
                plan_doc.locate(["includes", role]),
                Bilingual(
                    f"ghi tên tệp tương đối so với tệp kế hoạch, ví dụ {role}: {role}_2021.yaml",
                    f"write the file's name relative to the plan, e.g. {role}: {role}_2021.yaml",
                ),
                bundled=bundled,
            )
        included = files[role] = _included(path, name, role, plan_doc.locate(["includes", role]), bundled)
        try:
            docs[role] = yamlio.load(included, _shown(included))
        except CchcError as e:
            include_line = plan_doc.locate(["includes", role])
            if e.location is None or e.location.line is None:
                # The file as a whole is unreadable: the line to fix is the one that names it.
                raise DatasetError(
                    Bilingual(f"tệp {_shown(included)} ({role}): {e.message.vi}",
                          f"included {role} file {_shown(included)}: {e.message.en}"),
                    include_line,
                    e.hint,
                    bundled=bundled,
                ) from e
            before = e.hint or Bilingual("", "")
            raise DatasetError(
                e.message,
                e.location,
                Bilingual(f"{before.vi + '; ' if before.vi else ''}được khai báo tại {include_line}",
                      f"{before.en + '; ' if before.en else ''}included from {include_line}"),
                bundled=bundled,
            ) from e

    plan = _validate(Plan.model_validate, docs["plan"], bundled)
    appendix = _validate(Appendix.model_validate, docs["tasks"], bundled)
    registry_model = _validate(AgencyRegistry.model_validate, docs["agencies"], bundled)

    sha = digest([(role, docs[role].text.encode("utf-8")) for role in TYPE_ROLES])
    loaded = _cross_check(plan, appendix, registry_model, docs, path, sha, bundled)
    return loaded._replace(files=files)


def _cross_check(
    plan: Plan,
    appendix: Appendix,
    registry_model: AgencyRegistry,
    docs: dict[str, Document],
    path: Path,
    sha: str,
    bundled: bool,
) -> LoadedPlan:
    from cchc_cli.agencies import DuplicateName, Registry
    from cchc_cli.text import fold

    problems: list[tuple[SourceLocation, str]] = []

    from cchc_cli.schema_words import Said
    from cchc_cli.text import quoted as q
    from cchc_cli.validation import dotted

    def problem(role: str, data_path: list[str | int], message: str, vi: str) -> None:
        at = dotted(tuple(data_path))
        problems.append((docs[role].locate(data_path), Said(f"{at}: {message}", f"{at}: {vi}")))

    try:
        registry = Registry(registry_model)
    except DuplicateName as e:
        agencies = [a.id for a in registry_model.agencies]
        index = agencies.index(e.second) if e.second in agencies else 0
        raise DatasetError(
            Bilingual(
                f"hai mục của danh mục cơ quan trùng một tên: {q(e.first)} và {q(e.second)} cùng được gọi là {q(e.key)}",
                f"two registry entries answer to the same name: {e}",
            ),
            docs["agencies"].locate(["agencies", index]),
            Bilingual(
                "mã, tên và tên khác phải là duy nhất; hãy ghi một trong hai cụ thể hơn",
                "ids, names and aliases must be unique; make one of them more specific",
            ),
            bundled=bundled,
        ) from e

    def check_party(role: str, data_path: list[str | int], party: str, groups_ok: bool) -> None:
        if party in registry.by_id or (groups_ok and party in registry.groups):
            return
        close = registry.suggest(party.replace("-", " "))
        ids = ", ".join(a.id for a in close)
        hint = f"; did you mean {ids}?" if close else ""
        hint_vi = f"; có phải là {ids}?" if close else ""
        problem(role, data_path, f"{party!r} is not an agency{' or group' if groups_ok else ''} in the registry{hint}",
                f"{q(party)} không phải mã cơ quan{' hay nhóm' if groups_ok else ''} trong danh mục{hint_vi}")

    # plan ↔ registry
    check_party("plan", ["plan", "decision", "issuer"], plan.plan.decision.issuer, False)
    check_party("plan", ["reporting", "recipient"], plan.reporting.recipient, False)
    check_party("plan", ["reporting", "via"], plan.reporting.via, False)
    for i, reporters in enumerate(plan.reporting.reporters):
        for j, agency in enumerate(reporters.agencies):
            check_party("plan", ["reporting", "reporters", i, "agencies", j], agency, False)
    for i, duty in enumerate(plan.duties):
        for j, agency in enumerate(duty.applies_to_agencies):
            check_party("plan", ["duties", i, "applies_to_agencies", j], agency, False)

    # unique ids
    def unique(role: str, key: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                problem(role, [key, i, "id"], f"duplicate id {ident!r}", f"mã {q(ident)} bị trùng")
            seen.add(ident)

    unique("plan", "targets", [t.id for t in plan.targets])
    unique("plan", "duties", [d.id for d in plan.duties])
    unique("plan", "events", [e.id for e in plan.events])
    unique("plan", "errata", [e.id for e in plan.errata])
    unique("plan", "readings", [r.id for r in plan.readings])
    unique("plan", "reform_areas", [a.id for a in plan.reform_areas])
    unique("tasks", "tasks", [t.id for t in appendix.tasks])
    unique("tasks", "sections", [s.id for s in appendix.sections])

    # every structured fact quotes words of its own sentence
    for i, target in enumerate(plan.targets):
        if target.fragment not in target.text:
            problem("plan", ["targets", i, "fragment"], "the fragment is not part of the target's text",
                    "đoạn trích (fragment) không nằm trong nội dung (text) của chỉ tiêu")
        if target.threshold_text not in target.fragment:
            problem("plan", ["targets", i, "threshold_text"], "the threshold words are not in the fragment",
                    "các chữ nêu ngưỡng (threshold_text) không nằm trong đoạn trích (fragment)")
    for i, duty in enumerate(plan.duties):
        quoted: list[tuple[str, str | None]] = [("deadline", duty.deadline.text if duty.deadline else None)]
        for part_name in ("recurrence", "min_count", "coverage", "window"):
            part = getattr(duty, part_name)
            quoted.append((part_name, part.text if part else None))
        for name, words in quoted:
            if words is not None and words not in duty.text:
                problem("plan", ["duties", i, name], f"{words!r} is not in the duty's text",
                        f"{q(words)} không có trong nội dung (text) của trách nhiệm")
        # A progress file names a choice by id, phrase or name as fold() reads them: each such
        # key must stand for one choice, or a form written one way would count as another.
        owner: dict[str, str] = {}
        for j, choice in enumerate(duty.choices):
            if choice.vi not in duty.text:
                problem("plan", ["duties", i, "choices", j, "vi"], f"{choice.vi!r} is not in the duty's text",
                        f"{q(choice.vi)} không có trong nội dung (text) của trách nhiệm")
            here: list[str | int] = ["duties", i, "choices", j]
            spellings: list[tuple[list[str | int], str]] = [([*here, "id"], choice.id), ([*here, "vi"], choice.vi)]
            spellings += [([*here, "names", k], name) for k, name in enumerate(choice.names)]
            for data_path, spelling in spellings:
                key = fold(spelling)
                if not key:
                    problem("plan", data_path, f"{spelling!r} has no letter or digit: a progress file could not name it",
                            f"{q(spelling)} không có chữ cái hay chữ số nào: tệp tiến độ không thể ghi tên này")
                elif owner.setdefault(key, choice.id) != choice.id:
                    problem(
                        "plan",
                        data_path,
                        f"{spelling!r} names choice {owner[key]!r} too (as cchc compares names: any case, "
                        f"with or without diacritics); give it to one choice only",
                        f"{q(spelling)} cũng là tên của lựa chọn {q(owner[key])} (cchc so tên không phân biệt "
                        f"chữ hoa, chữ thường, có dấu hay không dấu); mỗi tên chỉ dành cho một lựa chọn",
                    )

    # appendix ↔ registry, sections, parents, events, errata
    section_ids = {s.id for s in appendix.sections}
    task_ids = {t.id for t in appendix.tasks}
    events_by_id = {e.id: e for e in plan.events}
    event_ids = set(events_by_id)
    erratum_ids = {e.id for e in plan.errata}
    for i, task in enumerate(appendix.tasks):
        if task.section not in section_ids:
            problem("tasks", ["tasks", i, "section"], f"section {task.section!r} is not declared under 'sections'",
                    f"mục {q(task.section)} chưa được khai báo trong 'sections'")
        elif not task.id.startswith(task.section + "."):
            problem("tasks", ["tasks", i, "id"], f"task {task.id!r} does not belong to section {task.section!r}",
                    f"nhiệm vụ {q(task.id)} không thuộc mục {q(task.section)}")
        if task.parent is not None and task.parent not in task_ids:
            problem("tasks", ["tasks", i, "parent"], f"parent {task.parent!r} is not a task",
                    f"dòng cha {q(task.parent)} không phải một nhiệm vụ")
        check_party("tasks", ["tasks", i, "lead"], task.lead, False)
        for j, party in enumerate(task.coordinators):
            check_party("tasks", ["tasks", i, "coordinators", j], party, True)
        spec = task.deadline
        if spec.event is not None and spec.event not in event_ids:
            problem("tasks", ["tasks", i, "deadline", "event"], f"event {spec.event!r} is not declared under 'events' in the plan",
                    f"sự kiện {q(spec.event)} chưa được khai báo trong 'events' của kế hoạch")
        # The model gives an event to a deadline of kind "event" and to no other: testing the kind
        # changes nothing but lets the type checker see the trigger.
        elif (spec.event is not None and spec.parsed.kind == "event"
              and fold(events_by_id[spec.event].trigger) != fold(spec.parsed.trigger)):
            problem(
                "tasks",
                ["tasks", i, "deadline", "event"],
                f"the deadline waits for {spec.parsed.trigger!r}, but event {spec.event!r} is "
                f"{events_by_id[spec.event].trigger!r}",
                f"thời hạn chờ {q(spec.parsed.trigger)}, nhưng sự kiện {q(spec.event)} là "
                f"{q(events_by_id[spec.event].trigger)}",
            )
        if spec.erratum is not None and spec.erratum not in erratum_ids:
            problem("tasks", ["tasks", i, "deadline", "erratum"], f"erratum {spec.erratum!r} is not in the plan's errata",
                    f"đính chính {q(spec.erratum)} không có trong 'errata' của kế hoạch")
    for i, duty in enumerate(plan.duties):
        if duty.deadline and duty.deadline.erratum and duty.deadline.erratum not in erratum_ids:
            problem("plan", ["duties", i, "deadline", "erratum"], f"erratum {duty.deadline.erratum!r} is not in the plan's errata",
                    f"đính chính {q(duty.deadline.erratum)} không có trong 'errata' của kế hoạch")

    # an event that stands for others names declared, simple events, each named in its words
    for i, event in enumerate(plan.events):
        for j, part in enumerate(event.all_of):
            known = events_by_id.get(part)
            if known is None or known.all_of:
                problem("plan", ["events", i, "all_of", j], f"{part!r} is not a declared event that stands alone",
                        f"{q(part)} không phải một sự kiện đơn đã khai báo")
            elif fold(known.trigger) not in fold(event.trigger):
                problem("plan", ["events", i, "all_of", j], f"{known.trigger!r} is not in the words {event.trigger!r}",
                        f"{q(known.trigger)} không có trong cụm từ {q(event.trigger)}")

    # readings are used where they say, and quote the deadline they read
    tasks_by_id = {t.id: t for t in appendix.tasks}
    readings_by_where: dict[str, Reading] = {}
    for i, reading in enumerate(plan.readings):
        for j, cite in enumerate(reading.cites):
            read_task = tasks_by_id.get(cite.where.partition(":")[2])
            at: list[str | int] = ["readings", i, "cites", j]
            if read_task is None:
                problem("plan", [*at, "where"], f"{cite.where!r} names no task of the appendix",
                        f"{q(cite.where)} không chỉ tới nhiệm vụ nào của Phụ lục")
                continue
            if reading.kind == "event_window" and read_task.deadline.parsed.kind != "event":
                problem("plan", [*at, "where"], f"{cite.where} has no 'Ngay sau khi … được công bố' deadline to read",
                        f"{cite.where} không có thời hạn dạng 'Ngay sau khi … được công bố' để đọc")
            if cite.text != read_task.deadline.text:
                problem("plan", [*at, "text"], f"{cite.text!r} is not the deadline of {cite.where} ({read_task.deadline.text!r})",
                        f"{q(cite.text)} không phải thời hạn của {cite.where} ({q(read_task.deadline.text)})")
            elif reading.phrase not in cite.text:
                problem("plan", [*at, "text"], f"the phrase {reading.phrase!r} is not in {cite.text!r}",
                        f"cụm từ {q(reading.phrase)} không có trong {q(cite.text)}")
            if cite.where in readings_by_where:
                problem("plan", [*at, "where"], f"{cite.where} is read by two readings",
                        f"{cite.where} được hai cách đọc (readings) cùng đọc")
            readings_by_where[cite.where] = reading

    # errata point at something real, and quote it
    duties_by_id = {d.id: d for d in plan.duties}
    targets_by_id = {t.id: t for t in plan.targets}
    errata_by_where: dict[str, list[Erratum]] = {}
    for i, erratum in enumerate(plan.errata):
        kind, _, ref = erratum.where.partition(":")
        subject: Task | Duty | Target | None = None
        if kind == "task":
            subject = tasks_by_id.get(ref)
        elif kind == "duty":
            subject = duties_by_id.get(ref)
        elif kind == "target":
            subject = targets_by_id.get(ref)
        if kind in ("task", "duty", "target"):
            if subject is None:
                problem("plan", ["errata", i, "where"], f"{erratum.where!r} names nothing in the dataset",
                        f"{q(erratum.where)} không chỉ tới mục nào trong dữ liệu")
            else:
                if erratum.field is None:
                    problem("plan", ["errata", i, "field"], "an erratum about a task, duty or target names its field",
                            "đính chính về nhiệm vụ, trách nhiệm hay chỉ tiêu cần ghi trường (field) được đính chính")
                else:
                    value: Any = getattr(subject, erratum.field, None)
                    if hasattr(value, "text") and not isinstance(value, str):
                        value = value.text
                    if isinstance(value, tuple):
                        value = "\n".join(value)
                    if not isinstance(value, str) or erratum.source_text not in value:
                        problem(
                            "plan",
                            ["errata", i, "source_text"],
                            f"{erratum.source_text!r} is not in {erratum.where} {erratum.field}",
                            f"{q(erratum.source_text)} không có trong {erratum.field} của {erratum.where}",
                        )
        errata_by_where.setdefault(erratum.where, []).append(erratum)

    if problems:
        problems.sort(key=lambda p: (p[0].path, p[0].line or 0))
        raise _problems_error(
            problems,
            ("fix the dataset so that every reference resolves",
             "sửa dữ liệu kế hoạch để mọi mã được nhắc tới đều có thật"),
            bundled,
        )
    return LoadedPlan(
        plan=plan,
        appendix=appendix,
        registry=registry,
        sha256=sha,
        path=path,
        bundled=bundled,
        tasks_by_id=tasks_by_id,
        files={},
        errata_by_where=errata_by_where,
        readings_by_where=readings_by_where,
    )
