"""`cchc plan …` answers from cached views: the same documents as from the validated dataset, or none.

The views are built from the loaded (parsed, validated) plan once per dataset digest and kept as
plain JSON beside the compiled plan (:func:`cchc_cli.api.plan_views`). What comes back from the
cache must equal what the dataset gives; an entry that is not such views is rebuilt, never shown;
and a warm ``plan tasks`` imports neither the YAML parser nor pydantic.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import copy_data, known_env, modules_after
from cchc_cli import api, dataset
from cchc_cli.compiled import compiled_plan

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CCHC_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_cached_views_are_the_datasets(cache: Path) -> None:
    fresh = api.views_of(dataset.load_plan(None))
    api.plan_views(None)  # builds and stores the entry
    assert list(cache.glob("views-*.json")), "the views were not kept"
    again = api.plan_views(None)  # read back from the entry
    assert again == fresh
    # and as the JSON documents the commands write
    assert json.dumps(again._asdict(), ensure_ascii=False) == json.dumps(fresh._asdict(), ensure_ascii=False)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"{not json",
        lambda raw: raw.replace(b'"tasks":[', b'"tasks":[1,', 1),  # a task that is not a view
        lambda raw: b'"bundled":"yes"'.join(raw.rsplit(b'"bundled":true', 1)),  # the views' own, the last
        lambda raw: raw.replace(b'"sections":[', b'"sections":[7,', 1),
    ],
)
def test_a_damaged_entry_is_rebuilt_not_shown(cache: Path, damage: object) -> None:
    api.plan_views(None)
    (entry,) = cache.glob("views-*.json")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert api.plan_views(None) == api.views_of(dataset.load_plan(None))


def test_an_entry_for_edited_files_is_not_used(cache: Path, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    for name in ("plan_2021.yaml", "agencies.yaml", "appendix_tasks.yaml"):
        (plan_dir / name).write_bytes((REPO / "data" / name).read_bytes())
    plan = plan_dir / "plan_2021.yaml"
    before = api.plan_views(plan)
    agencies = plan_dir / "agencies.yaml"
    first = before.agencies[0]["name_en"]
    agencies.write_text(agencies.read_text(encoding="utf-8").replace(first, "Renamed Office", 1), encoding="utf-8")
    dataset._load_cached.cache_clear()  # as a new run would: the process keeps what it loaded
    after = api.plan_views(plan)
    assert after.agencies[0]["name_en"] == "Renamed Office"
    assert after.plan["sha256"] != before.plan["sha256"]


def _by_models(agency: str | None, coordinating: bool, section: str | None, due_before: date | None,
               kind: str | None) -> list[str]:
    """The task filter as it read the validated models, before the views were cached."""
    plan = dataset.load_plan(None)
    agency_id = plan.registry.lookup(agency).id if agency else None
    out = []
    for task in plan.appendix.tasks:
        if agency_id is not None:
            leads = task.lead == agency_id
            if not (leads or coordinating and agency_id in plan.registry.expand(task.coordinators)):
                continue
        if section is not None and task.section != section.upper():
            continue
        if due_before is not None and (task.due is None or task.due >= due_before):
            continue
        if kind is not None and task.deadline.parsed.kind != kind:
            continue
        out.append(task.id)
    return out


@pytest.mark.parametrize(
    ("agency", "coordinating", "section", "due_before", "kind"),
    [
        (None, False, None, None, None),
        ("so-tu-phap", False, None, None, None),
        ("so-tu-phap", True, None, None, None),
        ("Sở Nội vụ", True, "iii", None, None),
        (None, False, None, date(2021, 6, 30), None),
        (None, False, None, date(2021, 12, 31), "quarter"),
        (None, False, "II", None, "event"),
        ("ubnd-quan-ba-dinh", True, None, date(2021, 10, 1), None),
    ],
)
def test_filtering_the_views_is_filtering_the_plan(
    agency: str | None, coordinating: bool, section: str | None, due_before: date | None, kind: str | None
) -> None:
    views = api.plan_views(None)
    got = api.filter_tasks(views, compiled_plan(None), agency=agency, coordinating=coordinating, section=section,
                           due_before=due_before, kind=kind)
    assert [t["id"] for t in got] == _by_models(agency, coordinating, section, due_before, kind)


@pytest.mark.parametrize("args", [("plan", "tasks"), ("plan", "tasks", "-f", "json"), ("plan", "task", "III.4.1")])
def test_a_warm_plan_view_reads_no_yaml_and_no_pydantic(args: tuple[str, ...], cache: Path) -> None:
    for _ in range(2):  # the first run fills the cache
        modules, result = modules_after(*args)
    assert result.returncode == 0, result.stderr
    assert not modules & {"pydantic", "ruamel.yaml", "cchc_cli.models.plan"}, result.stderr


# -- a cached entry is untrusted data: every field checked, anything else rebuilt (review of issue 14)


def _views_data() -> dict[str, Any]:
    data = api._encode_views(api.views_of(dataset.load_plan(None)))
    assert isinstance(data, dict)
    return json.loads(json.dumps(data))  # type: ignore[no-any-return]


def _each(part: str, change: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, Any]], None]:
    def mutate(value: dict[str, Any]) -> None:
        for record in value[part]:
            change(record)

    return mutate


def _first_event_task(value: dict[str, Any]) -> dict[str, Any]:
    return next(t for t in value["tasks"] if t["deadline"]["kind"] == "event")  # type: ignore[no-any-return]


#: What the reviewer planted in a views entry, and more of the same kinds. Every one of them is
#: refused by the decoder, so `cchc plan …` answers as with CCHC_NO_CACHE=1.
VIEW_MUTATIONS: dict[str, Callable[[dict[str, Any]], object]] = {
    "task without content": _each("tasks", lambda t: t.pop("content")),
    "task without content and lead": _each("tasks", lambda t: (t.pop("content"), t.pop("lead"))),
    "content a number": lambda v: v["tasks"][0].update(content=5),
    "coordinators a string": lambda v: v["tasks"][0].update(coordinators="x"),
    "a coordinator without a name": lambda v: next(t for t in v["tasks"] if t["coordinators"])["coordinators"][0].pop("name"),
    "agency kind null": _each("agencies", lambda a: a.update(kind=None)),
    "agency kind unknown": lambda v: v["agencies"][0].update(kind="spaceport"),
    "agency without a name": _each("agencies", lambda a: a.pop("name")),
    "communes a bool": lambda v: v["agencies"][0].update(communes=True),
    "targets a stub": lambda v: v.update(targets=[{"id": "x"}]),
    "errata a stub": lambda v: v.update(errata=[{"id": "x"}]),
    "no sections": lambda v: v.update(sections=[]),
    "info empty": lambda v: v.update(info={}),
    "info counts wrong": lambda v: v["info"]["counts"].update(tasks=1),
    "info names another plan": lambda v: v["info"]["plan"].update(sha256="0" * 64),
    "a key added": lambda v: v["tasks"][0].update(run="rm -rf ~"),
    "keys reordered": lambda v: v["tasks"].__setitem__(0, dict(reversed(list(v["tasks"][0].items())))),
    "deadline kind unknown": lambda v: v["tasks"][0]["deadline"].update(kind="someday"),
    "deadline of another kind's shape": lambda v: v["tasks"][0]["deadline"].update(kind="month"),
    "frequency unknown": lambda v: next(t for t in v["tasks"] if t["deadline"]["kind"] == "recurring")["deadline"].update(freq="hourly"),
    "event without waits_for": lambda v: _first_event_task(v)["deadline"].pop("waits_for"),
    "due not a date": lambda v: next(t for t in v["tasks"] if t["due"])["deadline"].update(due="soon"),
    "task due not a date": lambda v: next(t for t in v["tasks"] if t["due"]).update(due="2021-02-30"),
    "period cutoff not a date": lambda v: v["info"]["reporting"][0].update(cutoff="31/03/2021"),
    "threshold not a number": lambda v: v["targets"][0].update(threshold_percent="lots"),
    "target applies to an unknown kind": lambda v: v["targets"][0].update(applies_to=["spaceport"]),
    "comparator unknown": lambda v: v["targets"][0].update(comparator="<"),
    "two tasks with one id": lambda v: v["tasks"][1].update(id=v["tasks"][0]["id"]),
    "a task in no section": lambda v: v["tasks"][0].update(section="XX"),
    "a float for an int": lambda v: v["info"].update(year=2021.0),
}


@pytest.mark.parametrize("mutation", list(VIEW_MUTATIONS))
def test_the_views_decoder_refuses_any_other_shape(mutation: str) -> None:
    data = _views_data()
    assert api._decode_views(data) == api.views_of(dataset.load_plan(None))  # the unbroken entry is used
    VIEW_MUTATIONS[mutation](data)
    with pytest.raises(ValueError):
        api._decode_views(data)


def test_the_view_shapes_know_the_models_codes() -> None:
    """The codes a renderer words through the catalogue are the models' own: none may drift."""
    import typing

    from cchc_cli import viewshapes
    from cchc_cli.models.agency import AGENCY_KINDS
    from cchc_cli.models.deadline import DEADLINE_KINDS

    assert typing.get_args(viewshapes.AgencyKind) == AGENCY_KINDS
    kinds = {k for member in typing.get_args(viewshapes.Deadline) for k in typing.get_args(typing.get_type_hints(member)["kind"])}
    assert kinds == set(DEADLINE_KINDS)


@pytest.mark.parametrize(
    "spec",
    [
        {"text": "31/12/2021"},
        {"text": "Quý II/2021"},
        {"text": "Tháng 6/2021"},
        {"text": "Hằng quý"},
        {"text": "Theo hướng dẫn của Bộ Nội vụ"},
        {"text": "Theo chỉ đạo của UBND Thành phố"},
        {"text": "Theo thời gian báo cáo định kỳ"},
        {"text": "Quý I/2021", "reading": "Quý II/2021", "erratum": "E01"},
    ],
)
def test_every_deadline_kind_has_its_exact_shape(spec: dict[str, str]) -> None:
    """A deadline of each kind, as a view writes it, is one the decoder reads back equal."""
    from cchc_cli.models.plan import DeadlineSpec
    from cchc_cli.viewshapes import Deadline, codec_of

    view = json.loads(json.dumps(api.deadline_view(DeadlineSpec.model_validate(spec))))
    assert view["kind"] in {"date", "quarter", "month", "recurring", "guidance", "direction", "reporting"}
    assert codec_of(Deadline).decode(view) == view


def test_the_2031_plans_views_survive_the_cache_exactly() -> None:
    views = api.views_of(dataset.load_plan(REPO / "tests" / "data" / "plan_2031" / "plan_2031.yaml"))
    assert api._decode_views(json.loads(json.dumps(api._encode_views(views)))) == views


def _planted(cache: Path, mutation: str) -> None:
    api.plan_views(None)
    (entry,) = cache.glob("views-*.json")
    document = json.loads(entry.read_bytes())
    VIEW_MUTATIONS[mutation](document["value"])
    entry.write_bytes(json.dumps(document, ensure_ascii=False).encode("utf-8"))


REVIEWED = [
    ("task without content", ("plan", "tasks")),
    ("content a number", ("plan", "tasks")),
    ("coordinators a string", ("plan", "task", "I.1")),
    ("agency kind null", ("plan", "agencies")),
    ("targets a stub", ("plan", "targets")),
    ("errata a stub", ("plan", "errata")),
    ("no sections", ("plan", "tasks", "-s", "II")),
    ("info empty", ("plan", "info", "-f", "json")),
    ("deadline kind unknown", ("plan", "task", "I.1")),
]


@pytest.mark.parametrize(("mutation", "args"), REVIEWED)
def test_a_planted_views_entry_changes_nothing_a_user_sees(mutation: str, args: tuple[str, ...], cache: Path) -> None:
    from typer.testing import CliRunner

    from cchc_cli.cli import app

    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "COLUMNS": "100", "NO_COLOR": "1"}
    reference = CliRunner().invoke(app, [*args, "--lang", "en"], env={**env, "CCHC_NO_CACHE": "1"})
    assert reference.exit_code == 0, reference.output
    _planted(cache, mutation)
    got = CliRunner().invoke(app, [*args, "--lang", "en"], env={**env, "CCHC_CACHE_DIR": str(cache)})
    assert (got.exit_code, got.stdout) == (0, reference.stdout)
    # and the refused entry was replaced by good views: the next run reads them
    assert api._decode_views(json.loads(next(cache.glob("views-*.json")).read_bytes())["value"]) == api.plan_views(None)


# -- a stale entry is replaced (review of issue 14, #3)


def test_after_an_include_is_edited_the_second_run_is_cached(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = copy_data(tmp_path / "plan")
    builds: list[Path | None] = []
    real = api.load_plan

    def counting(path: Path | None) -> Any:
        builds.append(path)
        return real(path)

    monkeypatch.setattr(api, "load_plan", counting)
    api.plan_views(plan)
    api.plan_views(plan)
    assert len(builds) == 1, "the first entry was not used"
    agencies = plan.parent / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    dataset._load_cached.cache_clear()  # as a new run would
    edited = api.plan_views(plan)  # the stale entry is refused, rebuilt ...
    assert len(builds) == 2
    again = api.plan_views(plan)  # ... and replaced: this run reads it
    assert len(builds) == 2, "the rebuilt views did not replace the stale entry"
    assert again == edited
    assert len(list(cache.glob("views-*.json"))) == 1
    assert not list(cache.glob(".*.tmp")), "a temporary file was left behind"


def test_after_an_include_is_edited_the_compiled_plan_is_cached_again(cache: Path, tmp_path: Path) -> None:
    """The same for the compiled plan, seen from a fresh process: it imports no plan models."""
    plan = copy_data(tmp_path / "plan")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cchc_cli.compiled import compiled_plan\n"
        "compiled_plan(Path(sys.argv[1]))\n"
        "print('cchc_cli.models.plan' in sys.modules)\n"
    )
    env = known_env(CCHC_CACHE_DIR=str(cache))

    def models_loaded() -> str:
        result = subprocess.run([sys.executable, "-c", probe, str(plan)], capture_output=True, text=True,
                                timeout=60, cwd=REPO, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert models_loaded() == "True"  # builds
    assert models_loaded() == "False"  # cached
    tasks = plan.parent / "appendix_tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert models_loaded() == "True"  # the entry names the old digest: rebuilt
    assert models_loaded() == "False"  # and replaced


# -- what a --plan file holds is shown, never obeyed (review of issue 14, #2)

HOSTILE = "\x1b[31mRED \u202e [bold]b[/bold] \x07"
#: codes the renderers word through the catalogue or parse; the decoder refuses others (above)
_CODES = {"kind", "freq", "schedule", "comparator", "threshold_percent", "due", "cutoff", "issued_on", "on", "applies_to"}


def _poisoned(value: Any, key: str = "") -> Any:
    """``value`` with the hostile string added to every text a plan could hold."""
    if isinstance(value, dict):
        return {k: _poisoned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poisoned(v, key) for v in value]
    if isinstance(value, str) and key not in _CODES:
        return value + HOSTILE
    return value


def _assert_shown_not_obeyed(out: str) -> None:
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, repr(out[:300])
    assert "\\x1b[31mRED <U+202E> [bold]b[/bold] \\x07" in out


def _rendered(document: api.PlanViews) -> dict[str, str]:
    from rich.console import Console

    from cchc_cli.render import plan_text

    def console() -> Console:
        return Console(width=2000, color_system=None, force_terminal=False, legacy_windows=False)

    views = _poisoned(document._asdict())
    out = {
        "info": plan_text.info(views["info"], "en", console()),
        "targets": plan_text.targets(views["targets"], "en", console()),
        "tasks": plan_text.tasks(views["tasks"], "en", console()),
        "agencies": plan_text.agencies(views["agencies"], "en", console()),
        "errata": plan_text.errata(views["errata"], "en", console()),
    }
    for task in views["tasks"]:
        out[f"task {task['id']}"] = plan_text.task(task, "vi", console())
    return out


def test_every_plan_view_table_shows_control_characters_visibly() -> None:
    rendered = _rendered(api.views_of(dataset.load_plan(None)))
    assert len(rendered) > 5
    for out in rendered.values():
        _assert_shown_not_obeyed(out)
    # each kind of cell that holds data is covered: errata and readings panels, events waited for
    tasks = api.views_of(dataset.load_plan(None)).tasks
    assert any(t["errata"] for t in tasks) and any(t["readings"] for t in tasks)
    assert any(t["deadline"].get("waits_for") for t in tasks) and any(t["coordinators_text"] for t in tasks)


def _hostile_plan(tmp_path: Path) -> Path:
    """A copy of the dataset whose task I.1 starts with an escape sequence and a bidi override."""
    plan = copy_data(tmp_path / "evil")
    tasks = plan.parent / "appendix_tasks.yaml"
    line = 'content: "Xây dựng Kế hoạch và thành lập các đoàn kiểm tra công vụ, kiểm tra CCHC."'
    text = tasks.read_text(encoding="utf-8")
    assert text.count(line) == 1, "task I.1's content is not where this test looks"
    # a JSON string is a YAML double-quoted scalar: \u001b and \u202e are the characters themselves
    hostile = "content: " + json.dumps("\x1b[31mRED \u202e [bold]b[/bold] Xây dựng Kế hoạch")
    tasks.write_text(text.replace(line, hostile), encoding="utf-8")
    return plan


@pytest.mark.parametrize("args", [("plan", "task", "I.1"), ("plan", "tasks", "-s", "I")])
def test_a_hostile_plan_file_reaches_the_terminal_visibly(args: tuple[str, ...], tmp_path: Path) -> None:
    plan = _hostile_plan(tmp_path)
    result = subprocess.run([sys.executable, "-m", "cchc_cli", *args, "--plan", str(plan), "--lang", "en"],
                            capture_output=True, text=True, timeout=60, cwd=REPO,
                            env=known_env(CCHC_NO_CACHE="1", NO_COLOR="1", COLUMNS="2000"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    # (a table folds long cells: only the start of the content is sure to be on one line)
    assert "\\x1b[31mRED <U+202E>" in result.stdout and "[bold]b[/bold]" in result.stdout
