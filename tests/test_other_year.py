"""A new plan year is only data (issue 15): a fictional 2031 plan, checked with no code of its own.

``tests/data/plan_2031/`` is a small made-up dataset that differs from the bundled 2021 plan where
code once held the plan's facts: another threshold (on-time dossiers at 90%, not 99%), a renamed
duty with another key (``annual_plan: {approved_on}``, not ``agency_plan: {issued_on}``) and other
reporting days (reports due on the 20th and cut off on the 12th; district inspection reports by
the 20th). Every command that reads a plan is run against it here; the last tests pin what the
bundled plan's data must keep saying (the progress-file keys of schema version 1) now that those
keys are data rather than code.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import EXIT_INPUT, EXIT_OK, app

HERE = Path(__file__).resolve().parent
PLAN_DIR = HERE / "data" / "plan_2031"
PLAN = PLAN_DIR / "plan_2031.yaml"
SRC = HERE.parent / "src" / "cchc_cli"

runner = CliRunner()


def run(*args: str) -> Any:
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "NO_COLOR": "1"}
    return runner.invoke(app, list(args), env=env)


def check_json(path: Path, *more: str) -> tuple[int, dict[str, Any]]:
    result = run("check", str(path), "--plan", str(PLAN), "-f", "json", "--lang", "en", *more)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)


def write(tmp_path: Path, text: str, name: str = "hk.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


FILLED = """\
schema_version: 1
agency: Quận Hoàn Kiếm
period: H1
submitted_on: 2031-06-18
indicators:
  on_time_dossiers: {resolved: 100, on_time: 92}
  satisfaction: {surveyed: 100, satisfied: 85}
duties:
  annual_plan: {approved_on: 2031-03-05}
  dialogues: [2031-04-01]
  quarterly_inspection_reports: [2031-03-21, 2031-06-11]
"""


def test_no_code_names_the_other_plan() -> None:
    """What makes 2031 differ lives in its data only: no source file mentions it."""
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("2031", "annual_plan", "fictional"):
            assert word not in text, f"{path.name} names {word!r}"


def test_check_judges_by_the_other_plans_threshold_duty_and_days(tmp_path: Path) -> None:
    code, report = check_json(write(tmp_path, FILLED))
    assert code == EXIT_OK  # warnings only (late, not missed): below the default failure threshold
    assert report["plan"]["id"] == "fictional-cchc-2031"
    # the period's days are the plan's: cut off on the 12th, due on the 20th
    assert (report["as_of"], report["report_due"]) == ("2031-06-12", "2031-06-20")
    targets = {t["id"]: t for t in report["targets"]}
    # 92% meets this plan's 90% (the bundled plan's 99% would not be met)
    assert (targets["on_time_dossiers"]["threshold_percent"], targets["on_time_dossiers"]["verdict"]) == ("90", "met")
    found = {(f["rule"], f["subject"]): f for f in report["findings"]}
    # the renamed duty is read by its own key, against its own deadline (February 2031)
    late = found[("CCHC302", "duty:annual_plan")]
    assert "due 2031-02-28" in late["message"] and late["location"]["line"] == 9
    # the district inspection report of Q1 is due on the 20th of March: the 21st is late
    late_report = found[("CCHC305", "duty:quarterly_inspection_reports")]
    assert late_report["message"].endswith("after the due day (day 20 of the last month) in Q1 2031")
    assert not [f for f in report["findings"] if f["rule"] in ("CCHC001", "CCHC002")]


def test_an_inspection_report_on_the_plans_day_is_on_time(tmp_path: Path) -> None:
    on_time = FILLED.replace("2031-03-21", "2031-03-20")
    _, report = check_json(write(tmp_path, on_time))
    assert not [f for f in report["findings"] if f["subject"] == "duty:quarterly_inspection_reports"]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # the 2021 duty's key is unknown to this plan, and the new one is suggested
        ("annual_plan: {approved_on", "agency_plan: {issued_on", "duties.agency_plan: unknown key; did you mean 'annual_plan'?"),
        # the 2021 date key inside the renamed duty: the plan's own keys are listed
        ("annual_plan: {approved_on", "annual_plan: {issued_on", "duties.annual_plan.issued_on"),
    ],
)
def test_the_old_duty_key_is_refused_as_unknown(tmp_path: Path, old: str, new: str, said: str) -> None:
    path = write(tmp_path, FILLED.replace(old, new))
    result = run("check", str(path), "--plan", str(PLAN), "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_the_bundled_plan_refuses_the_other_years_key(tmp_path: Path) -> None:
    path = write(tmp_path, FILLED.replace("Quận Hoàn Kiếm", "quan-hoan-kiem").replace("period: H1", "period: H1\nas_of: 2021-06-10")
                 .replace("2031", "2021"))
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "duties.annual_plan: unknown key; did you mean 'agency_plan'?" in result.stderr


def _filled(template: str, approved: str) -> str:
    """An init template with every empty count given, the dated duties done on ``approved``, and a
    recurring task done in January and February (the file is for Q1, cut off on 12 March)."""
    text = re.sub(r"^(\s+\w+):( #.*)$", r"\1: 100\2", template, flags=re.M)
    text = text.replace("occurrences: []", "occurrences: [15/01/2031, 15/02/2031]")
    return re.sub(r"^(\s+)# (\w+): \{(\w+): dd/mm/yyyy\}$", rf"\1\2: {{\3: {approved}}}", text, flags=re.M)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_init_writes_the_plans_shapes_and_days(tmp_path: Path, lang: str) -> None:
    result = run("init", "--plan", str(PLAN), "--agency", "Quận Hoàn Kiếm", "--period", "Q1", "-o", "-", "--lang", lang)
    assert result.exit_code == EXIT_OK, result.stderr
    text = result.stdout
    assert "# annual_plan: {approved_on: dd/mm/yyyy}" in text
    assert "agency_plan" not in text and "issued_on" not in text
    assert "quarterly_inspection_reports: []" in text
    if lang == "vi":
        assert "(ngày 12 tháng cuối kỳ)" in text and "hạn gửi báo cáo 20/03/2031" in text
    else:
        assert "(the 12th of the period's last month)" in text and "report due 2031-03-20" in text
    assert "pci_published" not in text  # this plan names no outside event


@pytest.mark.parametrize("agency", ["Quận Hoàn Kiếm", "Sở Nội vụ", "Sở Tư pháp"])
def test_a_filled_init_file_checks_clean(tmp_path: Path, agency: str) -> None:
    result = run("init", "--plan", str(PLAN), "--agency", agency, "--period", "Q1", "-o", "-")
    assert result.exit_code == EXIT_OK, result.stderr
    path = write(tmp_path, _filled(result.stdout, "10/02/2031"))
    code, report = check_json(path)
    # clean: nothing to fix; a task due within the month is only noted (info)
    assert [(f["rule"], f["subject"]) for f in report["findings"] if f["severity"] != "info"] == []
    assert [f["rule"] for f in report["findings"]] == (["CCHC203"] if agency == "Sở Nội vụ" else [])
    assert code == EXIT_OK


def test_summary_rolls_up_files_of_the_other_plan(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for agency, name in (("Quận Hoàn Kiếm", "hk"), ("Sở Nội vụ", "snv"), ("Sở Tư pháp", "stp")):
        made = run("init", "--plan", str(PLAN), "--agency", agency, "--period", "Q1", "-o", "-")
        assert made.exit_code == EXIT_OK, made.stderr
        write(folder, _filled(made.stdout, "10/02/2031"), f"{name}.yaml")
    result = run("summary", str(folder), "--plan", str(PLAN), "--period", "Q1", "-f", "json")
    assert result.exit_code == EXIT_OK, result.stderr
    city = json.loads(result.stdout)
    assert city["plan"]["id"] == "fictional-cchc-2031" and city["files"] == 3
    assert {t["id"]: t["threshold_percent"] for t in city["city_targets"]} == {"on_time_dossiers": "90", "satisfaction": "80"}
    assert sorted(u["agency"]["id"] for u in city["ranking"]) == ["quan-hoan-kiem", "so-noi-vu", "so-tu-phap"]


def test_plan_views_browse_the_other_plan() -> None:
    info = run("plan", "info", "--plan", str(PLAN), "--lang", "en")
    assert info.exit_code == EXIT_OK and "fictional-cchc-2031" in info.stdout and "2031-06-20" in info.stdout
    targets = json.loads(run("plan", "targets", "--plan", str(PLAN), "-f", "json").stdout)
    assert {t["id"]: str(t["threshold_percent"]) for t in targets["targets"]}["on_time_dossiers"] == "90"
    tasks = json.loads(run("plan", "tasks", "--plan", str(PLAN), "-f", "json").stdout)
    assert [t["id"] for t in tasks["tasks"]] == ["I.1", "I.2", "II.1"]


def test_schema_progress_follows_the_other_plan() -> None:
    result = run("schema", "progress", "--plan", str(PLAN))
    assert result.exit_code == EXIT_OK, result.stderr
    schema = json.loads(result.stdout)
    duties = schema["$defs"]["DutiesProgress"]["properties"]
    assert list(duties) == ["annual_plan", "dialogues", "quarterly_inspection_reports"]
    entry = schema["$defs"][duties["annual_plan"]["$ref"].rpartition("/")[2]]
    assert list(entry["properties"]) == ["approved_on", "document"] and entry["required"] == ["approved_on"]
    assert "ngày 12 tháng cuối kỳ" in schema["properties"]["as_of"]["description"]
    assert "the 20th" in schema["properties"]["submitted_on"]["description"]
    assert list(schema["properties"]["indicators"]["properties"]) == ["on_time_dossiers", "satisfaction"]


# -- the plan's report shapes are checked when it loads ---------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # a measurable duty that does not say how it is reported
        ("    report:\n      shape: dated\n      field: approved_on\n", "    report_was:\n      shape: dated\n      field: approved_on\n", "report"),
        ("      shape: dated\n      field: approved_on\n", "      shape: dated\n", "names its 'field'"),
        ('    deadline: "hoàn thành trong tháng 02/2031"\n', "", "needs deadline"),
        ("      shape: dates\n      describe:\n        vi: \"V.1 Ngày các hội nghị",
         "      shape: forms\n      field: online\n      describe:\n        vi: \"V.1 Ngày các hội nghị", "needs choices"),
    ],
)
def test_a_report_shape_the_duty_cannot_be_judged_by_is_a_dataset_error(tmp_path: Path, old: str, new: str, said: str) -> None:
    for name in ("tasks_2031.yaml", "agencies_2031.yaml"):
        shutil.copyfile(PLAN_DIR / name, tmp_path / name)
    text = PLAN.read_text(encoding="utf-8")
    assert old in text
    plan = write(tmp_path, text.replace(old, new, 1), "plan_2031.yaml")
    result = run("plan", "info", "--plan", str(plan), "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert said in result.stderr and "plan_2031.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


# -- the bundled plan: what moved from code to data still says the same -----------------------

#: The duty keys of progress schema version 1 and the date key of each dated one (a public
#: contract: agencies' files use them). They were tables in rules/duties.py; now the plan says them.
BUNDLED_DATED = {
    "agency_plan": "issued_on",
    "staff_training": "completed_on",
    "one_stop_regulation": "issued_on",
    "iso_9001": "applied_on",
    "feedback_survey": "completed_on",
    "inspection": "plan_issued_on",
    "par_index_self_assessment": "completed_on",
}
BUNDLED_DATES = {
    "communication": "online",
    "dialogues": None,
    "monthly_task_reports": None,
    "monthly_results_publication": None,
    "quarterly_inspection_reports": None,
    "monthly_evaluations": None,
    "quarterly_evaluations": None,
    "yearly_evaluations": None,
}


def test_the_bundled_plan_keeps_the_schema_1_keys() -> None:
    from cchc_cli.compiled import compiled_plan

    plan = compiled_plan(None)
    assert {d.id: d.dated_key for d in plan.duties if d.dated_key} == BUNDLED_DATED
    assert {d.id: d.dates_key for d in plan.duties if d.reports_dates} == BUNDLED_DATES
    schema = json.loads(run("schema", "progress").stdout)
    keys = set(schema["$defs"]["DutiesProgress"]["properties"])
    assert keys == {*BUNDLED_DATED, *BUNDLED_DATES, "tthc_publication"}
    # the entry types keep the names they had when they were written by hand
    assert {"AgencyPlanProgress", "IssuedProgress", "CompletedProgress", "AppliedProgress", "CommunicationProgress",
            "InspectionProgress", "Publication"} <= set(schema["$defs"])


def test_help_describes_the_default_plan_from_the_manifest() -> None:
    from cchc_cli import bundle

    manifest = json.loads((HERE.parent / "data" / "manifest.json").read_text(encoding="utf-8"))
    default = next(p for p in manifest["plans"] if p["file"] == manifest["default"])
    from cchc_cli.compiled import compiled_plan

    plan = compiled_plan(None)
    # the manifest's words are the default plan's: its year and its decision
    assert default["year"] == plan.year
    for lang in ("vi", "en"):
        assert str(plan.year) in default["help"][lang] and "5743/QĐ-UBND" in default["help"][lang]
        assert bundle.help_text(lang, "") == default["help"][lang]
    # the bundled data: the checkout's data/ when run from it, a copy inside an installed wheel
    found = bundle.default_plan()
    assert found.name == manifest["default"]
    assert found.read_bytes() == (HERE.parent / "data" / manifest["default"]).read_bytes()
