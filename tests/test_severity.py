"""Issue 11: strive targets are targets, and a repository sets each rule's severity.

Everything through the command line, as a CI job or a CCHC officer would run it: the settings
file, ``--severity``, their precedence, ``off``, the rules that cannot be lowered, and the same
verdict in every format and in the city roll-up.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, app
from conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
runner = CliRunner()

#: so-tu-phap-FY passes as it is; 4000 of 4800 surveyed satisfied (83.33%) misses "Phấn đấu … tối thiểu 85%"
STRIVE_MISSED = "satisfaction: {surveyed: 4800, satisfied: 4000}"


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    base = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "",
            "CCHC_NO_CONFIG": ""}
    return runner.invoke(app, list(args), env={**base, **(env or {})})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """progress/ holds so-tu-phap-FY with its satisfaction target missed, and so-noi-vu-Q1-late."""
    progress = tmp_path / "progress"
    progress.mkdir()
    text = (EXAMPLES / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    assert "satisfaction: {surveyed: 4800, satisfied: 4310}" in text
    (progress / "so-tu-phap-FY.yaml").write_text(
        text.replace("satisfaction: {surveyed: 4800, satisfied: 4310}", STRIVE_MISSED), encoding="utf-8"
    )
    shutil.copy(EXAMPLES / "so-noi-vu-Q1-late.yaml", progress / "so-noi-vu-Q1-late.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


FILE = "progress/so-tu-phap-FY.yaml"


def findings(*args: str, expect: int) -> list[dict[str, Any]]:
    result = run("check", *args, "--format", "json")
    assert result.exit_code == expect, result.stderr or result.stdout
    document = json.loads(result.stdout)
    # one file: its report; several: {"reports": [...]}
    return [f for report in document.get("reports", [document]) for f in report["findings"]]


def rules_of(found: list[dict[str, Any]]) -> dict[str, str]:
    return {f["rule"]: f["severity"] for f in found}


# -- strive targets -----------------------------------------------------------------------------


def test_a_missed_strive_target_is_an_error_by_default(repo: Path) -> None:
    (finding,) = findings(FILE, expect=EXIT_FINDINGS)
    assert (finding["rule"], finding["slug"], finding["severity"]) == ("CCHC102", "aspirational-target-missed", "error")
    assert "≥ 85% (phấn đấu)" in finding["message"]
    result = run("check", FILE, "--lang", "en", "--format", "plain")
    assert result.exit_code == EXIT_FINDINGS
    assert "error CCHC102 indicator:satisfaction" in result.stdout and "≥ 85% (aspirational)" in result.stdout


def test_the_catalogue_says_so(repo: Path) -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == EXIT_OK
    (rule,) = [r for r in json.loads(result.stdout)["rules"] if r["id"] == "CCHC102"]
    assert (rule["severity"], rule["effective"], rule["effective_source"]) == ("error", "error", "default")


# -- settings and flags -----------------------------------------------------------------------------


def test_the_settings_file_softens_a_rule(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("severity:\n  CCHC102: warning\n", encoding="utf-8")
    assert rules_of(findings(FILE, expect=EXIT_OK)) == {"CCHC102": "warning"}
    document = json.loads(run("check", FILE, "--format", "json").stdout)
    assert document["summary"]["by_severity"] == {"error": 0, "warning": 1, "info": 0}
    # --fail-on still decides what fails: the softened finding fails a warning threshold
    assert run("check", FILE, "--fail-on", "warning").exit_code == EXIT_FINDINGS


def test_pyproject_severity_table_is_read_and_located(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cchc]\nlang = "vi"\n\n[tool.cchc.severity]\nCCHC102 = "warning"\ncchc203 = "off"\n',
        encoding="utf-8",
    )
    assert rules_of(findings(FILE, expect=EXIT_OK)) == {"CCHC102": "warning"}
    shown = json.loads(run("config", "--format", "json").stdout)["severity"]
    assert [(s["rule"], s["value"], s["source"]) for s in shown] == [
        ("CCHC102", "warning", "pyproject.toml:8:1"), ("CCHC203", "off", "pyproject.toml:9:1")
    ]


def test_the_flag_softens_a_rule_without_settings(repo: Path) -> None:
    assert rules_of(findings(FILE, "--severity", "CCHC102=warning", expect=EXIT_OK)) == {"CCHC102": "warning"}
    # spelt in any case, as the other settings are
    assert rules_of(findings(FILE, "--severity", "cchc102=Info", expect=EXIT_OK)) == {"CCHC102": "info"}


def test_flags_beat_the_file_rule_by_rule(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("severity:\n  CCHC102: warning\n  CCHC203: off\n", encoding="utf-8")
    found = findings(FILE, "progress/so-noi-vu-Q1-late.yaml", "--severity", "CCHC102=error", expect=EXIT_FINDINGS)
    assert rules_of(found)["CCHC102"] == "error"  # the flag, over the file's warning
    assert "CCHC203" not in rules_of(found)  # the file's other rule still applies
    shown = run("config", "--format", "json")
    assert shown.exit_code == EXIT_OK
    assert [(s["rule"], s["default"], s["value"], s["source"]) for s in json.loads(shown.stdout)["severity"]] == [
        ("CCHC102", "error", "warning", ".cchc.yaml:2:3"), ("CCHC203", "info", "off", ".cchc.yaml:3:3")
    ]
    table = run("config", "--lang", "en").stdout
    assert "Severity per rule" in table and "off" in table and ".cchc.yaml:3:3" in table
    listed = {r["id"]: r for r in json.loads(run("rules", "--format", "json", "--severity", "CCHC102=info").stdout)["rules"]}
    assert (listed["CCHC102"]["effective"], listed["CCHC102"]["effective_source"]) == ("info", "--severity")
    assert (listed["CCHC203"]["effective"], listed["CCHC203"]["effective_source"]) == ("off", ".cchc.yaml:3:3")
    assert listed["CCHC102"]["severity"] == "error"  # the catalogue's default, unchanged
    text = run("rules", "--lang", "en").stdout
    assert "info → off (.cchc.yaml:3:3)" in text


def test_off_removes_the_rules_findings(repo: Path) -> None:
    noi_vu = "progress/so-noi-vu-Q1-late.yaml"
    before = rules_of(findings(noi_vu, "--fail-on", "error", expect=EXIT_FINDINGS))
    assert before["CCHC203"] == "info"
    after = findings(noi_vu, "--severity", "CCHC203=off", expect=EXIT_FINDINGS)
    assert "CCHC203" not in rules_of(after) and "CCHC401" in rules_of(after)
    # never silently: the run says which rules it turned off, and where that was said (stderr)
    result = run("check", noi_vu, "--severity", "CCHC203=off", "--lang", "en", "--format", "sarif")
    assert "cchc: rules turned off, no findings reported: CCHC203 (--severity)" in result.stderr
    assert "CCHC203" not in result.stdout.split('"results"')[1]
    (repo / ".cchc.yaml").write_text("severity:\n  CCHC203: off\n", encoding="utf-8")
    for command in (["check", noi_vu], ["report", noi_vu], ["summary", "progress", "--period", "Q1"]):
        said = run(*command).stderr
        assert "cchc: quy tắc đã tắt, không báo phát hiện nào: CCHC203 (.cchc.yaml:2:3)" in said, command
    (repo / ".cchc.yaml").unlink()
    # what fails on info without it: CCHC104 is still there, so turn it off too to pass
    assert run("check", noi_vu, "--fail-on", "info", "--severity", "CCHC203=off", "--severity", "CCHC104=off",
               "--severity", "CCHC401=off").exit_code == EXIT_OK
    report = run("report", noi_vu, "--lang", "en", "--severity", "CCHC203=off")  # exits as check does (issue 11)
    assert report.exit_code == EXIT_FINDINGS and "CCHC203" not in report.stdout and "CCHC401" in report.stdout


# -- what cannot be changed ------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["CCHC001", "CCHC002", "CCHC006"])
@pytest.mark.parametrize("level", ["warning", "info", "off"])
def test_input_errors_cannot_be_lowered_on_the_command_line(repo: Path, rule: str, level: str) -> None:
    result = run("check", FILE, "--severity", f"{rule}={level}", "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert f"{rule}" in result.stderr and "input error" in result.stderr and "cannot be lowered" in result.stderr
    result = run("check", FILE, "--severity", f"{rule}={level}")
    assert result.exit_code == EXIT_INPUT and "không thể hạ mức độ" in result.stderr


def test_input_errors_cannot_be_lowered_in_the_settings(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("severity:\n  CCHC102: warning\n  CCHC002: off\n", encoding="utf-8")
    result = run("check", FILE, "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert ".cchc.yaml:3:3" in result.stderr and "CCHC002" in result.stderr and "cannot be lowered" in result.stderr
    assert run("config").exit_code == EXIT_INPUT
    # saying what it already is changes nothing and is no mistake
    (repo / ".cchc.yaml").write_text("severity:\n  CCHC001: error\n", encoding="utf-8")
    assert run("check", FILE).exit_code == EXIT_FINDINGS


def test_an_input_error_still_exits_2_whatever_else_is_softened(repo: Path) -> None:
    (repo / "progress" / "broken.yaml").write_text("schema_version: 1\nagency: [\n", encoding="utf-8")
    result = run("check", FILE, "progress/broken.yaml", "--severity", "CCHC102=off")
    assert result.exit_code == EXIT_INPUT and "[CCHC001]" in result.stderr


@pytest.mark.parametrize(
    "args, settings, said",
    [
        (["--severity", "CCHC1O2=warning"], None, "did you mean 'CCHC102'?"),
        (["--severity", "CCHC102=warn"], None, "is not a severity"),
        (["--severity", "CCHC102"], None, "is not RULE=LEVEL"),
        ([], "severity:\n  CCHC1O2: warning\n", "did you mean 'CCHC102'?"),
        ([], "severity:\n  CCHC102: warn\n", ".cchc.yaml:2:3: severity.CCHC102: 'warn' is not one of the allowed values; did you mean 'warning'? "
             "(the values are 'error', 'warning', 'info' or 'off')"),
        ([], "severity:\n  cchc102: warning\n  CCHC102: error\n", "given twice"),
    ],
)
def test_mistakes_are_usage_errors_that_say_what_is_meant(
    repo: Path, args: list[str], settings: str | None, said: str
) -> None:
    if settings is not None:
        (repo / ".cchc.yaml").write_text(settings, encoding="utf-8")
    result = run("check", FILE, "--lang", "en", *args)
    assert result.exit_code == EXIT_INPUT
    assert said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# -- the same verdict everywhere ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, default, softened",
    [
        ("plain", "error CCHC102", "warning CCHC102"),
        ("github", "::error file=progress/so-tu-phap-FY.yaml", "::warning file=progress/so-tu-phap-FY.yaml"),
        ("gitlab", '"severity": "major"', '"severity": "minor"'),
        ("junit", "<failure", None),
        ("markdown", "| **lỗi** | CCHC102", "| cảnh báo | CCHC102"),
        ("text", "CCHC102", "CCHC102"),
    ],
)
def test_every_format_shows_the_effective_severity(repo: Path, fmt: str, default: str, softened: str | None) -> None:
    result = run("check", FILE, "--format", fmt)
    assert result.exit_code == EXIT_FINDINGS and default in result.stdout, result.stdout
    result = run("check", FILE, "--format", fmt, "--severity", "CCHC102=warning")
    assert result.exit_code == EXIT_OK
    if softened is None:
        assert "<failure" not in result.stdout
    else:
        assert softened in result.stdout and default not in result.stdout.replace(softened, "")


def _sarif_levels(*args: str) -> list[tuple[str, str]]:
    result = run("check", FILE, "progress/so-noi-vu-Q1-late.yaml", "--format", "sarif", *args)
    (run_,) = json.loads(result.stdout)["runs"]
    return sorted({(r["ruleId"], r["level"]) for r in run_["results"]})


def test_sarif_levels_follow_the_effective_severity(repo: Path) -> None:
    assert ("CCHC102", "error") in _sarif_levels()
    levels = _sarif_levels("--severity", "CCHC102=info", "--severity", "CCHC401=warning", "--severity", "CCHC203=off")
    assert ("CCHC102", "note") in levels and ("CCHC401", "warning") in levels
    assert not any(rule == "CCHC203" for rule, _ in levels)


def _summary(*args: str, expect: int) -> dict[str, Any]:
    result = run("summary", "progress", "--period", "FY", "--format", "json", *args)
    assert result.exit_code == expect, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_roll_up_counts_and_fails_by_the_same_severity(repo: Path) -> None:
    (repo / "progress" / "so-noi-vu-Q1-late.yaml").unlink()  # its late report would fail the run anyway
    (unit,) = _summary(expect=EXIT_FINDINGS)["ranking"]
    assert (unit["findings"], unit["exit_code"]) == ({"error": 1, "warning": 0, "info": 0}, EXIT_FINDINGS)
    (unit,) = _summary("--severity", "CCHC102=warning", expect=EXIT_OK)["ranking"]
    assert (unit["findings"], unit["exit_code"]) == ({"error": 0, "warning": 1, "info": 0}, EXIT_OK)
    (repo / ".cchc.yaml").write_text("severity:\n  CCHC102: off\n", encoding="utf-8")
    (unit,) = _summary(expect=EXIT_OK)["ranking"]
    assert unit["findings"] == {"error": 0, "warning": 0, "info": 0}
    # the target's verdict is the plan's, whatever the rule's severity: still missed
    assert unit["targets"]["satisfaction"]["verdict"] == "missed"
    assert run("summary", "progress", "--period", "FY", "--severity", "CCHC001=off").exit_code == EXIT_INPUT


def test_an_input_warning_raised_to_error_is_an_input_error(repo: Path) -> None:
    """CCHC013 (as-of after the period) is a warning; a repository that makes it an error gets exit 2."""
    noi_vu = "progress/so-noi-vu-Q1-late.yaml"
    assert rules_of(findings(noi_vu, "--as-of", "2021-04-10", expect=EXIT_FINDINGS))["CCHC013"] == "warning"
    result = run("check", noi_vu, "--as-of", "2021-04-10", "--severity", "CCHC013=error")
    assert result.exit_code == EXIT_INPUT and "[CCHC013]" in result.stderr


def test_a_rule_written_without_its_zeros_is_suggested_with_them(repo: Path) -> None:
    result = run("check", "progress/so-tu-phap-FY.yaml", "--severity", "CCHC02=warning", "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "there is no rule 'CCHC02'; did you mean 'CCHC002'?" in result.stderr
