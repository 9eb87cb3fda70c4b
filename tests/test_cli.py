"""The command line through Typer's runner: output, JSON contract, errors and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli import __version__
from cchc_cli.cli import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, app

REPO = Path(__file__).resolve().parents[1]

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"CCHC_LANG": "", "CCHC_PLAN": "", **(env or {})})


def run_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run(*args, "--format", "json")
    assert result.exit_code == EXIT_OK, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A private copy of the bundled dataset that a test may change."""
    for name in ("plan_2021.yaml", "appendix_tasks.yaml", "agencies.yaml"):
        shutil.copy(REPO / "data" / name, tmp_path / name)
    return tmp_path


def test_version_names_tool_and_plan() -> None:
    result = run("--version")
    assert result.exit_code == EXIT_OK
    assert f"cchc {__version__}" in result.stdout
    assert "hanoi-cchc-2021 2.2.0" in result.stdout


def test_info_counts_and_reporting_schedule() -> None:
    info = run_json("plan", "info")
    assert info["plan"]["id"] == "hanoi-cchc-2021"
    assert len(info["plan"]["sha256"]) == 64
    assert info["counts"]["numbered_rows"] == 50
    assert info["counts"]["tasks"] == 54
    assert info["counts"]["targets"] == 6
    assert info["decision"]["issued_on"] == "2020-12-29"
    dues = {p["period"]: (p["cutoff"], p["due"]) for p in info["reporting"]}
    assert dues == {
        "Q1": ("2021-03-10", "2021-03-15"),
        "H1": ("2021-06-10", "2021-06-15"),
        "9M": ("2021-09-10", "2021-09-15"),
        "FY": ("2021-12-10", "2021-12-15"),
    }


def test_tasks_of_the_department_of_justice() -> None:
    document = run_json("plan", "tasks", "--agency", "Sở Tư pháp")
    tasks = document["tasks"]
    assert [(t["id"], t["due"]) for t in tasks] == [
        ("II.1", "2021-03-31"),
        ("II.2", "2021-03-31"),
        ("II.3", "2021-06-30"),
        ("II.4", "2021-06-30"),
    ]
    for task in tasks:
        assert task["lead"] == "so-tu-phap"
        assert task["deadline_text"] in ("Quý I/2021", "Quý II/2021")


@pytest.mark.parametrize("name", ["so tu phap", "SỞ TƯ PHÁP", "so-tu-phap", "Sở Tư pháp"])
def test_agency_option_accepts_any_name_form(name: str) -> None:
    ids = [t["id"] for t in run_json("plan", "tasks", "--agency", name)["tasks"]]
    assert ids == ["II.1", "II.2", "II.3", "II.4"]


def test_tasks_text_is_vietnamese_by_default_and_english_on_request() -> None:
    vi = run("plan", "tasks", "--agency", "Sở Tư pháp")
    en = run("plan", "tasks", "--agency", "Sở Tư pháp", "--lang", "en")
    assert vi.exit_code == en.exit_code == EXIT_OK
    assert "Chủ trì" in vi.stdout and "Lead" not in vi.stdout
    assert "Lead" in en.stdout and "Chủ trì" not in en.stdout
    # The plan's own words stay Vietnamese in both; dates are written as each language writes them.
    for out in (vi.stdout, en.stdout):
        assert "II.4" in out and "Quý II/2021" in out
    assert "30/06/2021" in vi.stdout and "2021-06-30" not in vi.stdout
    assert "2021-06-30" in en.stdout and "30/06/2021" not in en.stdout


def test_task_keeps_source_deadline_and_shows_erratum() -> None:
    task = run_json("plan", "task", "VII.2")["task"]
    assert task["deadline_text"] == "Quý I/2020"
    assert task["due"] == "2021-03-31"
    assert task["deadline"]["reading"] == "Quý I/2021"
    assert [e["id"] for e in task["errata"]] == ["E01"]
    assert task["errata"][0]["source_text"] == "Quý I/2020"
    text = run("plan", "task", "VII.2")
    assert "E01" in text.stdout and "Quý I/2020" in text.stdout


def test_task_with_recurrence_has_no_due_date() -> None:
    task = run_json("plan", "task", "III.4.1")["task"]
    assert task["due"] is None
    assert task["deadline"]["kind"] == "recurring"
    assert task["deadline"]["freq"] == "monthly"
    assert task["content_inherited"] is True


def test_sub_row_inherits_its_parents_lead() -> None:
    task = run_json("plan", "task", "iii.6.2")["task"]
    assert task["lead"] == "van-phong-ubnd"
    assert task["lead_inherited"] is True
    assert task["lead_text"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--section", "II"], ["II.1", "II.2", "II.3", "II.4"]),
        (["--kind", "event"], ["I.9", "I.11"]),
        (["--kind", "direction"], ["VI.3"]),
        (["--agency", "Viện Nghiên cứu Phát triển KT-XH"], ["I.4", "I.5"]),
        (["--section", "IV", "--due-before", "01/04/2021"], ["IV.1", "IV.2b", "IV.3", "IV.4"]),
    ],
)
def test_task_filters(args: list[str], expected: list[str]) -> None:
    assert [t["id"] for t in run_json("plan", "tasks", *args)["tasks"]] == expected


def test_due_before_is_strict_and_excludes_tasks_without_a_date() -> None:
    tasks = run_json("plan", "tasks", "--due-before", "2021-03-31")["tasks"]
    assert tasks == []
    tasks = run_json("plan", "tasks", "--due-before", "2021-04-01")["tasks"]
    assert tasks and all(t["due"] is not None and t["due"] <= "2021-03-31" for t in tasks)


def test_district_leads_nothing_but_coordinates_through_its_group() -> None:
    assert run_json("plan", "tasks", "--agency", "UBND quận Hoàn Kiếm")["tasks"] == []
    coordinated = run_json("plan", "tasks", "--agency", "Hoàn Kiếm", "--coordinating")["tasks"]
    ids = {t["id"] for t in coordinated}
    assert {"I.1", "II.1", "III.6"} <= ids
    assert "I.8" not in ids  # coordinated by the departments only
    text = run("plan", "tasks", "--agency", "quan-hoan-kiem")
    assert text.exit_code == EXIT_OK and "Không có nhiệm vụ nào" in text.stdout


def test_targets_and_agencies_and_errata_json() -> None:
    targets = {t["id"]: t for t in run_json("plan", "targets")["targets"]}
    assert targets["on_time_dossiers"]["threshold_percent"] == "99"
    assert targets["commune_officials_training"]["applies_to"] == ["district"]
    agencies = run_json("plan", "agencies")["agencies"]
    assert all({"id", "name", "kind"} <= set(a) for a in agencies)
    assert sum(a["kind"] == "district" for a in agencies) == 30
    districts = run_json("plan", "agencies", "--kind", "district")["agencies"]
    assert len(districts) == 30
    errata = {e["id"]: e for e in run_json("plan", "errata")["errata"]}
    assert errata["E01"]["where"] == "task:VII.2"


def test_errata_table_lists_every_erratum() -> None:
    result = run("plan", "errata", "--lang", "en")
    assert result.exit_code == EXIT_OK
    document = run_json("plan", "errata")
    for erratum in document["errata"]:
        assert erratum["id"] in result.stdout


# --- errors and exit codes ------------------------------------------------------------------


def test_unknown_agency_is_a_usage_error_with_a_suggestion() -> None:
    result = run("plan", "tasks", "--agency", "So tu phapp")
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""
    assert "Sở Tư pháp (so-tu-phap)" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_task_suggests_close_ids() -> None:
    result = run("plan", "task", "VII.22", "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "there is no task 'VII.22'" in result.stderr
    assert "VII.2" in result.stderr


def test_bad_date_option_is_a_usage_error() -> None:
    result = run("plan", "tasks", "--due-before", "31/02/2021")
    assert result.exit_code == EXIT_INPUT
    assert "--due-before" in result.stderr


def test_missing_plan_file_is_an_input_error(tmp_path: Path) -> None:
    result = run("plan", "info", "--plan", str(tmp_path / "none.yaml"))
    assert result.exit_code == EXIT_INPUT
    assert "không tìm thấy tệp" in result.stderr


def test_broken_plan_names_file_and_line(plan_dir: Path) -> None:
    appendix = plan_dir / "appendix_tasks.yaml"
    lines = appendix.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip() == "lead: so-tu-phap")
    lines[number] = lines[number].replace("so-tu-phap", "so-tu-phap-x")
    appendix.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("plan", "info", "--plan", str(plan_dir / "plan_2021.yaml"), "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert f"appendix_tasks.yaml:{number + 1}:" in result.stderr
    assert "'so-tu-phap-x' is not an agency" in result.stderr
    assert "so-tu-phap" in result.stderr.split("did you mean", 1)[1]


def test_other_plan_changes_the_answers(plan_dir: Path) -> None:
    plan_file = plan_dir / "plan_2021.yaml"
    text = plan_file.read_text(encoding="utf-8")
    assert "threshold_percent: 99\n" in text
    plan_file.write_text(text.replace("threshold_percent: 99\n", "threshold_percent: 95\n"), encoding="utf-8")
    targets = {t["id"]: t for t in run_json("plan", "targets", "--plan", str(plan_file))["targets"]}
    assert targets["on_time_dossiers"]["threshold_percent"] == "95"


def test_markup_in_data_is_shown_literally(plan_dir: Path) -> None:
    appendix = plan_dir / "appendix_tasks.yaml"
    text = appendix.read_text(encoding="utf-8")
    needle = '"Xây dựng Kế hoạch rà soát, hệ thống hóa'
    assert needle in text
    appendix.write_text(text.replace(needle, '"[bold red]ĐẬM[/bold red] [link=http://x]y[/link] ' + needle[1:], 1), encoding="utf-8")
    result = run("plan", "tasks", "--section", "II", "--plan", str(plan_dir / "plan_2021.yaml"))
    assert result.exit_code == EXIT_OK, result.stderr
    assert "[bold red]ĐẬM[/bold red]" in result.stdout
    assert "[link=http://x]y[/link]" in result.stdout


def test_broken_bundled_dataset_is_an_internal_error(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_cli import dataset

    (plan_dir / "agencies.yaml").write_text("schema_version: 1\nagencies: []\nunknown: 1\n", encoding="utf-8")
    monkeypatch.setattr(dataset, "bundled_plan_path", lambda: plan_dir / "plan_2021.yaml")
    result = run("plan", "info")
    assert result.exit_code == EXIT_INTERNAL
    assert "agencies.yaml:3:1" in result.stderr
    assert "lỗi nội bộ" in result.stderr


def test_a_bug_exits_3_without_traceback_unless_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_cli import api

    def boom(*_: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(api, "plan_views", boom)  # what `plan info` calls (its views are cached)
    result = run("plan", "info")
    assert result.exit_code == EXIT_INTERNAL
    assert "RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run("--debug", "plan", "info")
    assert debug.exit_code == EXIT_INTERNAL
    assert "Traceback" in debug.stderr


def test_unknown_command_and_option_exit_2() -> None:
    assert run("plan", "nope").exit_code == EXIT_INPUT
    assert run("plan", "tasks", "--kind", "weekly").exit_code == EXIT_INPUT


def test_cli_choices_match_the_model_registries() -> None:
    """The CLI keeps its own enums so that --help imports no pydantic; they must not drift."""
    from cchc_cli.cli import AgencyKindChoice, DeadlineKind
    from cchc_cli.models.agency import AGENCY_KINDS
    from cchc_cli.models.deadline import DEADLINE_KINDS

    assert tuple(k.value for k in DeadlineKind) == DEADLINE_KINDS
    assert tuple(k.value for k in AgencyKindChoice) == AGENCY_KINDS


def test_every_label_has_both_languages() -> None:
    from cchc_cli import i18n

    for key in i18n.keys():
        assert i18n.t(key, "vi").strip() and i18n.t(key, "en").strip(), key


def test_group_name_as_agency_is_explained() -> None:
    result = run("plan", "tasks", "--agency", "Sở, Ban, Ngành", "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "is a group of agencies" in result.stderr and "--coordinating" in result.stderr


@pytest.mark.parametrize("task_id", ["iv.2b", "IV.2B", " IV.2b "])
def test_task_ids_are_case_insensitive(task_id: str) -> None:
    task = run_json("plan", "task", task_id)["task"]
    assert task["id"] == "IV.2b"
    assert task["source_number"] == "2"
