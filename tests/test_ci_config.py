"""Issue 4's plumbing: several files in one run, formats to files, settings, waivers, exports."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, app
from conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
runner = CliRunner()

WAIVER_101 = """\
  - rule: CCHC101
    subject: indicator:on_time_dossiers
    reason: "one dossier delayed by the portal outage of 12/05/2021 (Biên bản 12)"
    approver: "Chánh Văn phòng"
    expires: {expires}
"""


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    base = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "",
            "CCHC_TODAY": "", "CCHC_NO_CONFIG": ""}
    return runner.invoke(app, list(args), env={**base, **(env or {})})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the three examples under progress/."""
    progress = tmp_path / "progress"
    progress.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, progress / example.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_directory_stands_for_its_yaml_files_and_the_worst_exit_wins(repo: Path) -> None:
    result = run("check", "progress", "--format", "json")
    assert result.exit_code == EXIT_FINDINGS, result.stderr
    document = json.loads(result.stdout)
    assert [r["file"] for r in document["reports"]] == [
        "progress/quan-hoan-kiem-H1.yaml", "progress/so-noi-vu-Q1-late.yaml", "progress/so-tu-phap-FY.yaml"
    ]
    assert document["summary"]["files"] == 3 and document["summary"]["exit_code"] == EXIT_FINDINGS
    (repo / "progress" / "broken.yaml").write_text("schema_version: 1\nagency: [\n", encoding="utf-8")
    result = run("check", "progress/so-tu-phap-FY.yaml", "progress/broken.yaml")
    assert result.exit_code == EXIT_INPUT  # an input error anywhere beats findings and passes
    assert "progress/broken.yaml:" in result.stderr and "[CCHC001]" in result.stderr


def test_formats_go_to_their_own_files_and_only_one_to_stdout(repo: Path) -> None:
    result = run("check", "progress/so-tu-phap-FY.yaml", "--format", "json=out/report.json", "--format", "text")
    assert result.exit_code == EXIT_OK, result.stderr
    assert "Tóm tắt" in result.stdout
    assert json.loads((repo / "out" / "report.json").read_text(encoding="utf-8"))["agency"]["id"] == "so-tu-phap"
    result = run("check", "progress/so-tu-phap-FY.yaml", "--format", "json", "--format", "text")
    assert result.exit_code == EXIT_INPUT and "chỉ một định dạng" in result.stderr
    result = run("check", "progress/so-tu-phap-FY.yaml", "--format", "pdf")
    assert result.exit_code == EXIT_INPUT and "pdf" in result.stderr


def test_an_output_file_may_not_be_an_input(repo: Path) -> None:
    before = (repo / "progress" / "so-tu-phap-FY.yaml").read_bytes()
    result = run("check", "progress/so-tu-phap-FY.yaml", "--format", "json=progress/so-tu-phap-FY.yaml")
    assert result.exit_code == EXIT_INPUT
    assert (repo / "progress" / "so-tu-phap-FY.yaml").read_bytes() == before


def test_settings_come_from_the_nearest_file_and_flags_win(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("fail-on: info\nlang: en\n", encoding="utf-8")
    sub = repo / "progress"
    os.chdir(sub)
    result = run("check", "so-noi-vu-Q1-late.yaml")
    assert result.exit_code == EXIT_FINDINGS and "Summary:" in result.stdout  # lang from the parent's file
    result = run("check", "so-tu-phap-FY.yaml", "--lang", "vi")
    assert "Tóm tắt:" in result.stdout
    shown = json.loads(run("config", "--format", "json").stdout)
    assert shown["settings"]["fail-on"]["value"] == "info"
    assert shown["settings"]["fail-on"]["source"].endswith(".cchc.yaml:1:1")
    assert shown["settings"]["plan"] == {"value": None, "source": "default"}


def test_the_settings_search_stops_at_the_repository_root(repo: Path) -> None:
    """A clone at outer/clone with an outer/.cchc.yaml (a home directory, a CI runner's work area)
    is judged by its own settings only; outside a repository the search still goes up."""
    (repo / ".cchc.yaml").write_text("fail-on: info\nlang: en\n", encoding="utf-8")
    clone = repo / "clone"
    (clone / ".git").mkdir(parents=True)
    shutil.copy(EXAMPLES / "so-noi-vu-Q1-late.yaml", clone / "late.yaml")
    os.chdir(clone)
    shown = json.loads(run("config", "--format", "json").stdout)
    assert shown["file"] is None
    assert shown["settings"]["fail-on"] == {"value": "error", "source": "default"}
    result = run("check", "late.yaml")
    assert "Tóm tắt:" in result.stdout and "Summary:" not in result.stdout  # not the outer file's lang
    # a worktree or a submodule marks its root with a .git file
    (clone / ".git").rmdir()
    (clone / ".git").write_text("gitdir: ../elsewhere\n", encoding="utf-8")
    assert json.loads(run("config", "--format", "json").stdout)["file"] is None
    # the repository's own file is still found from below its root
    (clone / ".cchc.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    os.chdir(clone.parent / "progress")  # outside the clone: the outer file, as documented
    assert json.loads(run("config", "--format", "json").stdout)["settings"]["fail-on"]["value"] == "info"
    (clone / "sub").mkdir()
    os.chdir(clone / "sub")
    assert json.loads(run("config", "--format", "json").stdout)["settings"]["fail-on"]["value"] == "warning"


def test_pyproject_tool_table_is_read_too(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cchc]\nlang = "en"\nfail-on = "warning"\n', encoding="utf-8"
    )
    shown = json.loads(run("config", "--format", "json").stdout)
    assert shown["settings"]["lang"] == {"value": "en", "source": "pyproject.toml:5:1"}
    assert shown["settings"]["fail-on"]["value"] == "warning"


def test_a_broken_configuration_is_an_input_error_at_its_line(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("lang: en\nfail_on: warning\n", encoding="utf-8")
    result = run("check", "progress/so-tu-phap-FY.yaml")
    assert result.exit_code == EXIT_INPUT
    assert ".cchc.yaml:2:1" in result.stderr and "fail_on" in result.stderr


def test_a_live_waiver_keeps_the_finding_visible_but_passing(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("waivers:\n" + WAIVER_101.format(expires="2027-06-30"), encoding="utf-8")
    (repo / "progress" / "quan-hoan-kiem-H1.yaml").write_text(
        (EXAMPLES / "quan-hoan-kiem-H1.yaml").read_text(encoding="utf-8").replace(
            "# par_index_self_assessment: chưa thực hiện (hạn Quý I/2021)", "par_index_self_assessment: {completed_on: 20/03/2021}"
        ),
        encoding="utf-8",
    )
    result = run("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json")
    assert result.exit_code == EXIT_OK, result.stdout
    document = json.loads(result.stdout)
    waived = [f for f in document["findings"] if f["waiver"]]
    assert [(f["rule"], f["subject"]) for f in waived] == [("CCHC101", "indicator:on_time_dossiers")]
    assert waived[0]["waiver"]["approver"] == "Chánh Văn phòng"
    assert waived[0]["waiver"]["source"] == {"path": ".cchc.yaml", "line": 2}
    assert document["summary"]["waived"] == 1 and document["summary"]["by_severity"]["error"] == 0


def test_an_expired_waiver_is_a_finding_and_waives_nothing(repo: Path) -> None:
    # the H1 report is as of 2021-06-10: a waiver that ended the day before has expired for it
    (repo / ".cchc.yaml").write_text("waivers:\n" + WAIVER_101.format(expires="2021-06-09"), encoding="utf-8")
    result = run("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json", "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS
    document = json.loads(result.stdout)
    rules = [(f["rule"], f["location"]["path"], f["location"]["line"]) for f in document["findings"] if f["rule"] in ("CCHC101", "CCHC501")]
    assert ("CCHC501", ".cchc.yaml", 2) in rules and ("CCHC101", "progress/quan-hoan-kiem-H1.yaml", 12) in rules
    assert not any(f["waiver"] for f in document["findings"])
    (expired,) = [f for f in document["findings"] if f["rule"] == "CCHC501"]
    assert "expired on 2021-06-09, before the report's as-of date 2021-06-10" in expired["message"]


@pytest.mark.parametrize("expires, waived", [("2021-06-10", True), ("2021-06-09", False), ("2021-12-31", True)])
def test_a_waiver_expires_against_the_reports_as_of_not_the_clock(repo: Path, expires: str, waived: bool) -> None:
    """The finding belongs to the report's as_of (2021-06-10 here): re-checking a 2021 report in any
    later year gives the same answer, with no CCHC_TODAY. 2021-12-31 is the example of docs/ci.md's settings."""
    (repo / ".cchc.yaml").write_text("waivers:\n" + WAIVER_101.format(expires=expires), encoding="utf-8")
    for command in (("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json"),
                    ("summary", "progress", "--period", "H1", "--format", "json")):
        document = json.loads(run(*command).stdout)
        if command[0] == "check":
            rules = {f["rule"]: f for f in document["findings"]}
            assert (rules["CCHC101"]["waiver"] is not None) is waived and ("CCHC501" in rules) is not waived
        else:
            (unit,) = [u for u in document["ranking"] if u["agency"]["id"] == "quan-hoan-kiem"]
            assert unit["findings"]["error"] == (1 if waived else 3), unit  # CCHC101 waived, or it and CCHC501
    # --as-of moves the date the waiver is judged against, as it moves every other verdict
    late = json.loads(run("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json", "--as-of", "2021-06-12").stdout)
    assert ("CCHC501" in {f["rule"] for f in late["findings"]}) is (expires < "2021-06-12")


def test_cchc_today_still_overrides_the_as_of_date_of_waivers(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("waivers:\n" + WAIVER_101.format(expires="2021-12-31"), encoding="utf-8")
    document = json.loads(run("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json",
                              env={"CCHC_TODAY": "2022-01-01"}).stdout)
    assert "CCHC501" in {f["rule"] for f in document["findings"]}
    assert run("check", "progress/quan-hoan-kiem-H1.yaml", env={"CCHC_TODAY": "tomorrow"}).exit_code == EXIT_INPUT


def test_config_shows_each_waivers_expiry_and_what_it_is_judged_against(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("waivers:\n" + WAIVER_101.format(expires="2021-12-31"), encoding="utf-8")
    shown = json.loads(run("config", "--format", "json").stdout)
    (waiver,) = shown["waivers"]
    # no report, no as_of: whether it has expired depends on the report it would waive
    assert waiver["expires"] == "2021-12-31" and waiver["expired"] is None
    assert shown["waivers_judged_against"] == "as_of"
    text = run("config", "--lang", "en").stdout
    assert "2021-12-31" in text and "expired" not in text.replace("has expired for a later one", "")
    assert "judged against the as_of date of the report" in " ".join(text.split())
    fixed = json.loads(run("config", "--format", "json", env={"CCHC_TODAY": "2022-01-01"}).stdout)
    assert fixed["waivers"][0]["expired"] is True and fixed["waivers_judged_against"] == "2022-01-01"


def test_a_waiver_for_one_file_leaves_the_others_alone(repo: Path) -> None:
    entry = WAIVER_101.format(expires="2027-06-30") + '    file: "progress/other-*.yaml"\n'
    (repo / ".cchc.yaml").write_text("waivers:\n" + entry, encoding="utf-8")
    document = json.loads(run("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json").stdout)
    assert not any(f["waiver"] for f in document["findings"])


def test_input_errors_cannot_be_waived(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text(
        "waivers:\n  - {rule: CCHC002, subject: 'input:x', reason: r, approver: a, expires: 2027-01-01}\n", encoding="utf-8"
    )
    result = run("check", "progress/so-tu-phap-FY.yaml")
    assert result.exit_code == EXIT_INPUT and ".cchc.yaml:2:5" in result.stderr


@pytest.mark.parametrize("suffix, marker", [(".html", "<html"), (".svg", "<svg"), (".txt", "Tóm tắt")])
def test_report_export_saves_what_the_terminal_shows(repo: Path, suffix: str, marker: str) -> None:
    target = repo / f"report{suffix}"
    result = run("report", "progress/quan-hoan-kiem-H1.yaml", "--export", str(target))
    assert result.exit_code == EXIT_FINDINGS, result.stderr  # written, and the exit code of 'check'
    text = target.read_text(encoding="utf-8")
    assert marker in text and "CCHC101" in text and "98,95%" in text
    again = run("report", "progress/quan-hoan-kiem-H1.yaml", "--export", str(target))
    assert again.exit_code == EXIT_INPUT and target.read_text(encoding="utf-8") == text
    assert run("report", "progress/quan-hoan-kiem-H1.yaml", "--export", str(target), "--force").exit_code == EXIT_FINDINGS
    assert run("report", "progress/so-tu-phap-FY.yaml", "--export", str(target), "--force").exit_code == EXIT_OK


def test_report_exits_as_check_does_for_the_same_file(repo: Path) -> None:
    text = (repo / "progress" / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    # judged, with an input error of its own: an appendix task that does not exist
    (repo / "progress" / "unknown-task.yaml").write_text(text.replace("  II.4:", "  II.99:"), encoding="utf-8")
    seen = set()
    for name in ("so-tu-phap-FY", "quan-hoan-kiem-H1", "so-noi-vu-Q1-late", "unknown-task"):
        for flags in ((), ("--fail-on", "info"), ("--fail-on", "warning")):
            path = f"progress/{name}.yaml"
            expected = run("check", path, *flags).exit_code
            result = run("report", path, *flags)
            assert result.exit_code == expected, (name, flags, result.stderr)
            seen.add(expected)
    assert seen == {EXIT_OK, EXIT_FINDINGS, EXIT_INPUT}
    result = run("report", "progress/unknown-task.yaml")
    assert "progress/unknown-task.yaml:" in result.stderr and "[CCHC005]" in result.stderr
    # the threshold of the repository's settings too
    (repo / ".cchc.yaml").write_text("fail-on: info\n", encoding="utf-8")
    assert run("report", "progress/so-noi-vu-Q1-late.yaml").exit_code == run("check", "progress/so-noi-vu-Q1-late.yaml").exit_code


def test_report_export_refuses_other_kinds(repo: Path) -> None:
    result = run("report", "progress/quan-hoan-kiem-H1.yaml", "--export", "report.pdf")
    assert result.exit_code == EXIT_INPUT and ".html" in result.stderr
def test_github_is_the_default_in_github_actions_and_writes_the_step_summary(repo: Path) -> None:
    summary = repo / "summary.md"
    result = run("check", "progress/quan-hoan-kiem-H1.yaml",
                 env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == EXIT_FINDINGS
    assert result.stdout.startswith("::error ")
    assert "CCHC101" in summary.read_text(encoding="utf-8")




def test_an_output_may_not_replace_a_file_read_through_a_directory_or_the_configuration(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("lang: vi\n", encoding="utf-8")
    progress = repo / "progress" / "so-tu-phap-FY.yaml"
    before, config_before = progress.read_bytes(), (repo / ".cchc.yaml").read_bytes()
    for target in ("progress/so-tu-phap-FY.yaml", ".cchc.yaml"):
        result = run("check", "progress", "--format", f"sarif={target}")
        assert result.exit_code == EXIT_INPUT, target
    assert progress.read_bytes() == before and (repo / ".cchc.yaml").read_bytes() == config_before


def test_two_formats_into_one_file_and_unwritable_targets_are_refused_before_any_output(repo: Path) -> None:
    result = run("check", "progress/so-tu-phap-FY.yaml", "--format", "sarif=same.out", "--format", "junit=same.out")
    assert result.exit_code == EXIT_INPUT and not (repo / "same.out").exists()
    (repo / "adir").mkdir()
    result = run("check", "progress/so-tu-phap-FY.yaml", "--format", "text", "--format", "sarif=adir")
    assert result.exit_code == EXIT_INPUT and result.stdout == ""


def test_a_directory_skips_hidden_files_and_a_file_named_twice_is_checked_once(repo: Path) -> None:
    (repo / "progress" / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    document = json.loads(run("check", "progress", "progress/so-tu-phap-FY.yaml", "--format", "json").stdout)
    files = [r["file"] for r in document["reports"]]
    assert len(files) == 3 and not any(".cchc" in f for f in files)


def test_a_waiver_glob_is_relative_to_the_configuration_wherever_cchc_runs(repo: Path) -> None:
    entry = WAIVER_101.format(expires="2027-06-30") + '    file: "progress/quan-hoan-kiem-*.yaml"\n'
    (repo / ".cchc.yaml").write_text("waivers:\n" + entry, encoding="utf-8")
    for cwd, path in ((repo, "progress/quan-hoan-kiem-H1.yaml"), (repo / "progress", "quan-hoan-kiem-H1.yaml"),
                      (repo, str(repo / "progress" / "quan-hoan-kiem-H1.yaml"))):
        os.chdir(cwd)
        document = json.loads(run("check", path, "--format", "json").stdout)
        assert [f["rule"] for f in document["findings"] if f["waiver"]] == ["CCHC101"], (cwd, path)


def test_a_live_waiver_wins_over_an_expired_one_listed_first(repo: Path) -> None:
    entries = WAIVER_101.format(expires="2021-06-01") + WAIVER_101.format(expires="2021-12-31")
    (repo / ".cchc.yaml").write_text("waivers:\n" + entries, encoding="utf-8")
    document = json.loads(run("check", "progress/quan-hoan-kiem-H1.yaml", "--format", "json").stdout)
    rules = {f["rule"]: f for f in document["findings"]}
    assert "CCHC501" not in rules and rules["CCHC101"]["waiver"]["expires"] == "2021-12-31"


@pytest.mark.parametrize(
    "content, located",
    [
        ("format: [textx]\n", ".cchc.yaml:1:1"),
        ("waivers:\n  - {rule: CCHC101, subject: s, reason: r, approver: a, expires: 2027-01-01, fil: x}\n", ".cchc.yaml:2:78"),
        ("lang: en\x1b\n", ".cchc.yaml"),
    ],
    ids=["unknown-format", "waiver-key", "control-character"],
)
def test_configuration_mistakes_are_located(repo: Path, content: str, located: str) -> None:
    (repo / ".cchc.yaml").write_text(content, encoding="utf-8")
    result = run("check", "progress/so-tu-phap-FY.yaml", "--lang", "en")
    assert result.exit_code == EXIT_INPUT and located in result.stderr and "Traceback" not in result.stderr


def test_settings_spelt_in_any_case_and_the_format_pattern_matches_the_registry(repo: Path) -> None:
    import re

    from cchc_cli.models import config as config_models
    from cchc_cli.render import FORMATS

    (repo / ".cchc.yaml").write_text("fail-on: Warning\nlang: EN\n", encoding="utf-8")
    shown = json.loads(run("config", "--format", "json").stdout)
    assert (shown["settings"]["fail-on"]["value"], shown["settings"]["lang"]["value"]) == ("warning", "en")
    pattern = config_models.FormatSpec.__metadata__[0].pattern  # type: ignore[attr-defined]
    assert set(re.match(r"\^\(([^)]*)\)", pattern).group(1).split("|")) == set(FORMATS)  # type: ignore[union-attr]


def test_toml_table_is_found_in_any_spelling_and_a_mention_is_not_a_table(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    sub = repo / "progress"
    (sub / "pyproject.toml").write_text('# see [tool.cchc] in the README\n[project]\nname = "x"\n', encoding="utf-8")
    os.chdir(sub)
    assert json.loads(run("config", "--format", "json").stdout)["settings"]["lang"]["value"] == "en"
    (sub / "pyproject.toml").write_text('[tool]\ncchc = {lang = "vi"}\n', encoding="utf-8")
    assert json.loads(run("config", "--format", "json").stdout)["settings"]["lang"]["source"].startswith("pyproject.toml")
    (sub / "pyproject.toml").write_bytes(b"\xff\xfe[tool.cchc]\n")
    result = run("config")
    assert result.exit_code == EXIT_INPUT and "UTF-8" in result.stderr


def test_config_shows_environment_variables_as_their_own_source(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    shown = json.loads(run("config", "--format", "json", env={"CCHC_LANG": "vi"}).stdout)
    assert shown["settings"]["lang"] == {"value": "vi", "source": "CCHC_LANG"}


def test_the_configurations_language_speaks_the_errors(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("lang: en\n", encoding="utf-8")
    result = run("check", "progress/so-tu-phap-FY.yaml", "--period", "Q9")
    assert result.exit_code == EXIT_INPUT and "cchc: error:" in result.stderr


def test_report_of_a_directory_or_to_an_unwritable_place_is_a_usage_error(repo: Path) -> None:
    assert run("report", "progress").exit_code == EXIT_INPUT
    result = run("report", "progress/so-tu-phap-FY.yaml", "--export", "no/such/dir/r.txt")
    assert result.exit_code == EXIT_INPUT and "Traceback" not in result.stderr


def test_control_characters_never_reach_the_terminal_or_break_an_export(repo: Path) -> None:
    import xml.etree.ElementTree as ET

    hostile = repo / "progress" / "hostile.yaml"
    hostile.write_text(
        'schema_version: 1\nagency: so-tu-phap\nperiod: FY\ntasks:\n  "I.9<&]]>\\x1b[1m[bold]|\\x07": {status: done}\n',
        encoding="utf-8",
    )
    result = run("check", "progress/hostile.yaml")
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "[bold]" in result.stdout  # shown as written, not obeyed as markup
    # the unknown task is an input error: the export is written, and the exit code is check's
    assert result.exit_code == EXIT_INPUT
    assert run("report", "progress/hostile.yaml", "--export", "h.svg").exit_code == EXIT_INPUT
    ET.parse(repo / "h.svg")
