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
from datetime import date
from pathlib import Path

import pytest

from conftest import known_env
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
    probe = (
        "import sys\n"
        "sys.argv = ['cchc', *sys.argv[1:]]\n"
        "from cchc_cli.__main__ import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "heavy = sorted(m for m in ('pydantic', 'ruamel.yaml', 'cchc_cli.models.plan') if m in sys.modules)\n"
        "sys.stderr.write('\\nHEAVY ' + ','.join(heavy) + '\\n')\n"
    )
    env = known_env(NO_COLOR="1")
    for _ in range(2):  # the first run fills the cache
        result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60,
                                cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr
    assert "\nHEAVY \n" in result.stderr, result.stderr
