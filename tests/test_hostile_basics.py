"""Input that used to crash or mislead a check: deep nesting, keys that are not text, numbers as dates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT

HEAD = "schema_version: 1\nagency: so-tu-phap\nperiod: FY\n"


def _run(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", "check", str(path), *args],
        capture_output=True, text=True, cwd=REPO_ROOT, check=False, timeout=60,
    )


@pytest.mark.parametrize("opener, closer", [("[", "]"), ("{a: ", "}")])
def test_deep_flow_nesting_is_refused_not_a_crash(tmp_path: Path, opener: str, closer: str) -> None:
    depth = 40_000  # ruamel's C composer crashes the interpreter (SIGSEGV) on this without the guard
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + "note: " + opener * depth + closer * depth + "\n", encoding="utf-8")
    done = _run(path, "--format", "json", "--lang", "en")
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert [f["rule"] for f in report["findings"]] == ["CCHC001"]
    assert "nested too deeply" in report["findings"][0]["message"]
    assert report["findings"][0]["location"]["line"] == 4


def test_a_few_brackets_more_than_the_depth_limit_are_fine_when_flat(tmp_path: Path) -> None:
    path = tmp_path / "flat.yaml"
    dates = ", ".join(f"2021-{m:02d}-{d:02d}" for m in range(1, 12) for d in (3, 9, 15, 21, 27))
    many = "\n".join(f"  - {{approved_on: 2021-{m:02d}-0{d}, published_on: 2021-{m:02d}-0{d + 1}}}"
                     for m in range(1, 12) for d in range(1, 8))
    path.write_text(HEAD + f"duties:\n  dialogues: [{dates}]\n  tthc_publication:\n{many}\n", encoding="utf-8")
    done = _run(path, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert not [f for f in json.loads(done.stdout)["findings"] if f["rule"] < "CCHC100"]


def test_keys_that_yaml_reads_as_numbers_are_named_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text(
        HEAD + "indicators:\n  satisfaction: {surveyed: 4800, satisfied: 99,5}\ntasks:\n  2.10: {status: done}\n",
        encoding="utf-8",
    )
    done = _run(path, "--format", "json", "--lang", "en")
    assert done.returncode == 2
    findings = json.loads(done.stdout)["findings"]
    assert [(f["rule"], f["location"]["line"]) for f in findings] == [("CCHC002", 5), ("CCHC002", 7)]
    assert "decimal comma" in findings[0]["message"] and "the key 5 is not text" in findings[0]["message"]
    assert "the key 2.1 is not text" in findings[1]["message"]


@pytest.mark.parametrize("value", ["1638403200", "20211210", "true"])
def test_a_number_is_never_read_as_a_date(tmp_path: Path, value: str) -> None:
    path = tmp_path / "ts.yaml"
    path.write_text(HEAD + f"as_of: {value}\n", encoding="utf-8")
    done = _run(path, "--format", "json", "--lang", "en")
    assert done.returncode == 2
    finding = json.loads(done.stdout)["findings"][0]
    assert finding["rule"] == "CCHC002" and finding["location"]["line"] == 4
    assert "written as text" in finding["message"]


@pytest.mark.parametrize(
    "body",
    [
        "indicators: {satisfaction: null}\n",
        "duties: {dialogues: null}\n",
        "tasks: {II.1: {status: finished}}\n",
        "note: " + "x" * 2500 + "\n",
        "duties: {dialogues: [" + ", ".join(["2021-01-05"] * 401) + "]}\n",
        "as_of: 2021-02-30\n",
        "as_of: 1638403200\n",
    ],
)
def test_vietnamese_messages_carry_no_english_phrases(tmp_path: Path, body: str) -> None:
    path = tmp_path / "vi.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    done = _run(path)
    assert done.returncode == 2
    for english in ("Input should", "String should", "List should", "should be", "out of range", "written as text"):
        assert english not in done.stderr, done.stderr


def test_a_yaml_file_that_is_not_a_progress_file_is_not_quoted(tmp_path: Path) -> None:
    other = tmp_path / "deploy.yaml"
    other.write_text("aws_secret_access_key: AKIA-s3cr3t\nregion: ap-southeast-1\n", encoding="utf-8")
    for lang in ("en", "vi"):
        done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(other), "--lang", lang, "--format", "json"],
                              capture_output=True, text=True, check=False, timeout=60)
        assert done.returncode == 2
        assert "s3cr3t" not in done.stdout + done.stderr and "aws_secret" not in done.stdout + done.stderr
        (finding,) = json.loads(done.stdout)["findings"]
        assert finding["location"]["line"] == 1
    assert "not a progress file" in json.loads(
        subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(other), "--lang", "en", "--format", "json"],
                       capture_output=True, text=True, check=False, timeout=60).stdout)["findings"][0]["message"]


def test_a_progress_file_with_its_keys_misspelt_is_still_told_what_is_wrong(tmp_path: Path) -> None:
    misspelt = tmp_path / "p.yaml"
    misspelt.write_text("schema_versoin: 1\nagnecy: Sở Tư pháp\nperoid: FY\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(misspelt), "--lang", "en", "--format", "json"],
                          capture_output=True, text=True, check=False, timeout=60)
    messages = [f["message"] for f in json.loads(done.stdout)["findings"]]
    assert any("did you mean 'agency'" in m for m in messages), messages


@pytest.mark.parametrize(
    "line, message",
    [
        ("lang: !!int abc", "'abc' is tagged !!int but is not a whole number"),
        ("lang: !!set x", "the tag '!!set' is not supported"),
        ("lang: " + "9" * 4301, "a number of 4,301 characters"),
        ("- " * 30000 + "x", "nested too deeply"),
    ],
)
def test_settings_files_are_read_within_the_same_bounds(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / ".cchc.yaml").write_text(line + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(REPO_ROOT / "examples" / "so-tu-phap-FY.yaml"),
                           "--lang", "en"], capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60)
    assert done.returncode == 2, done.stderr
    assert f".cchc.yaml:1:" in done.stderr and message in done.stderr


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  tasks: appendix_tasks.yaml", "  tasks: !!int abc", "'abc' is tagged !!int but is not a whole number"),
        ("  tasks: appendix_tasks.yaml", "  tasks: !!python/name:os.system x", "is not supported"),
    ],
)
def test_plan_files_are_read_within_the_same_bounds(data_copy: Path, old: str, new: str, message: str) -> None:
    text = data_copy.read_text(encoding="utf-8")
    assert old in text
    data_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(REPO_ROOT / "examples" / "so-tu-phap-FY.yaml"),
                           "--plan", str(data_copy), "--lang", "en"], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text", ['version: "3"\nprod_db_password_hunter2: x\nservices: {}\n',
                                  "Pid: 1\nPPid: 0\nsecret_token: hunter2\n", "period: 5m\nsecret_token: hunter2\n"])
def test_one_common_word_does_not_make_a_progress_file(tmp_path: Path, text: str) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(other), "--lang", "en"],
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 2 and "this is not a progress file" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


@pytest.mark.parametrize("tool", ['tool = "cchc"', 'tool = ["cchc"]', "tool = 5 # cchc", "tool = 2021-01-01T00:00:00 # cchc"])
def test_a_pyproject_whose_tool_is_not_a_table_is_not_settings(tmp_path: Path, tool: str) -> None:
    (tmp_path / "pyproject.toml").write_text(tool + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(REPO_ROOT / "examples" / "so-tu-phap-FY.yaml")],
                          capture_output=True, text=True, cwd=tmp_path, check=False, timeout=60)
    assert done.returncode == 0, done.stderr


def test_input_problems_from_rules_are_capped_too(tmp_path: Path) -> None:
    body = (REPO_ROOT / "examples" / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    many = tmp_path / "many.yaml"
    many.write_text(body.replace("tasks:\n", "tasks:\n" + "".join(f"  II.{i}: {{status: done}}\n" for i in range(5, 5000)), 1),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(many), "--lang", "en", "--format", "json"],
                          capture_output=True, text=True, check=False, timeout=60)
    findings = json.loads(done.stdout)["findings"]
    unknown = [f for f in findings if f["rule"] == "CCHC005"]
    assert len(unknown) == 101 and unknown[-1]["subject"] == "input:more"
    assert unknown[-1]["message"] == "and 4,895 more problems like these; only the first 100 are listed"
    assert unknown[-1]["location"] == unknown[-2]["location"]
