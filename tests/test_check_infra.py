"""What makes a check trustworthy and fast besides its rules: the cache, the README, start-up imports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli import api, cache
from cchc_cli.compiled import compiled_plan
from cchc_cli.models.report import Severity
from cchc_cli.rules import RULES, markdown_table
from conftest import REPO_ROOT, copy_data, doc_text, known_env

#: where each sample a test keeps true is written (README.md's front page, or a page of docs/)
EXAMPLE_PAGE = "docs/officer.md"
RULES_PAGE = "docs/officer.md"
SAMPLE_OUTPUT_PAGE = "README.md"
CI_PAGE = "docs/ci.md"


def _between(page: str, name: str) -> str:
    match = re.search(rf"<!-- {name}: begin -->\n(.*?)<!-- {name}: end -->", doc_text(page), re.S)
    assert match, f"{page} has no {name} block"
    return match.group(1)


# -- README ----------------------------------------------------------------------------------


def test_readme_example_progress_file_passes(tmp_path: Path) -> None:
    block = _between(EXAMPLE_PAGE, "readme-example")
    yaml_text = re.search(r"```yaml\n(.*?)```", block, re.S)
    assert yaml_text
    path = tmp_path / "readme.yaml"
    path.write_text(yaml_text.group(1), encoding="utf-8")
    report = api.check(path)
    assert report.agency is not None and report.agency.id == "so-tu-phap"
    assert [f.rule for f in report.findings if f.severity >= Severity.warning] == []
    assert report.exit_code(Severity.error) == 0
    assert report.summary.targets_met == report.summary.targets_judged == 5


def test_readme_rule_table_is_the_catalogue() -> None:
    assert _between(RULES_PAGE, "rules-table") == markdown_table("en")


def test_readme_first_screen_commands_name_real_files() -> None:
    readme = doc_text("README.md")
    first_screen = readme[: readme.index("## ")]
    for name in re.findall(r"cchc check (\S+\.yaml)", first_screen):
        assert (REPO_ROOT / name).is_file(), name
    assert ".ci/run" not in first_screen or (REPO_ROOT / ".ci" / "run").is_file()
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert 'pip install --quiet ".[test]" && .venv/bin/python -m pytest' in ci
    assert 'pip install --quiet ".[test]" && .venv/bin/python -m pytest' in first_screen


#: what the CI examples say where the reader puts the commit they pinned
REF_PLACEHOLDER = "<commit-sha>"
#: every way an example names a ref of this repository: the action, pre-commit, GitLab's include and pip
CI_REFS = {
    "action": re.compile(r"cchc/cchc@([^\s`'\"]+)"),
    "pre-commit": re.compile(r"^\s*rev:\s*([^\s#]+)", re.M),
    "gitlab-include": re.compile(r"raw\.githubusercontent\.com/cchc/cchc/([^/\s]+)/"),
    "pip": re.compile(r"cchc\.git@([^\s`'\"]+)"),
}


def _existing_ref(ref: str) -> bool:
    """A tag or a full commit id of this repository (what a pinned example may name)."""
    git = ["git", "-C", str(REPO_ROOT)]
    try:
        tags = subprocess.run([*git, "tag", "--list"], capture_output=True, text=True, check=True).stdout.split()
        if ref in tags:
            return True
        if re.fullmatch(r"[0-9a-f]{40}", ref) is None:
            return False
        return subprocess.run([*git, "cat-file", "-e", f"{ref}^{{commit}}"], capture_output=True).returncode == 0
    except (OSError, subprocess.CalledProcessError):
        return False  # no git here: only the placeholder can be checked


@pytest.mark.parametrize("name", [CI_PAGE, "action.yml", "ci-templates/gitlab-cchc.yml"])
def test_ci_examples_name_refs_that_exist_or_the_placeholder(name: str) -> None:
    """Every example runs as written: no tag that does not exist (there was '@v0.1.0', and no tag)."""
    text = doc_text(name)
    found = {kind: pattern.findall(text) for kind, pattern in CI_REFS.items()}
    if name == CI_PAGE:
        assert all(found.values()), found  # the examples of all three integrations are still there
    refs = {ref for refs in found.values() for ref in refs}
    assert refs, f"{name} names no ref of this repository"
    wrong = sorted(ref for ref in refs if ref != REF_PLACEHOLDER and not _existing_ref(ref))
    assert not wrong, f"{name} names refs that are neither a tag nor a commit of this repository: {wrong}"
    # and no release tag named in passing either
    for tag in re.findall(r"(?<![\w.])v\d+\.\d+\.\d+\b", text):
        assert _existing_ref(tag), f"{name} names the tag {tag}, which does not exist"
    if name == CI_PAGE:
        assert f"`{REF_PLACEHOLDER}`" in text and "no release tag" in text  # and says how to pin


def test_rule_ids_are_well_formed_and_families_match_their_hundreds() -> None:
    families = {"0": "input", "1": "targets", "2": "tasks", "3": "duties", "4": "reporting", "5": "config"}
    slugs = set()
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"CCHC\d{3}", rule_id) and rule.id == rule_id
        assert rule.family == families[rule_id[4]]
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.slug) and rule.slug not in slugs
        slugs.add(rule.slug)
        assert rule.title.vi and rule.title.en and rule.help.vi and rule.help.en


# -- the cache -------------------------------------------------------------------------------


def _check_json(path: Path, plan: Path | None, env: dict[str, str]) -> dict[str, object]:
    args = [sys.executable, "-m", "cchc_cli", "check", str(path), "--format", "json"]
    if plan is not None:
        args += ["--plan", str(plan)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _on_time_file(tmp_path: Path, on_time: int) -> Path:
    text = (REPO_ROOT / "examples" / "quan-hoan-kiem-H1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "progress.yaml"
    path.write_text(text.replace("on_time: 2276", f"on_time: {on_time}"), encoding="utf-8")
    return path


def test_an_edited_plan_is_never_judged_from_a_stale_cache(tmp_path: Path) -> None:
    plan = copy_data(tmp_path / "data")
    progress = _on_time_file(tmp_path, 2200)  # 95.65%
    env = known_env(CCHC_CACHE_DIR=str(tmp_path / "cache"))
    before = _check_json(progress, plan, env)
    assert "CCHC101" in {f["rule"] for f in before["findings"]}  # type: ignore[index, union-attr]
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("threshold_percent: 99\n", "threshold_percent: 95\n", 1),
        encoding="utf-8",
    )
    after = _check_json(progress, plan, env)
    assert "CCHC101" not in {f["rule"] for f in after["findings"]}  # type: ignore[index, union-attr]
    assert after["plan"]["sha256"] != before["plan"]["sha256"]  # type: ignore[index]


def test_an_edited_included_file_also_invalidates_the_cache(tmp_path: Path) -> None:
    plan = copy_data(tmp_path / "data")
    progress = _on_time_file(tmp_path, 2300)
    env = known_env(CCHC_CACHE_DIR=str(tmp_path / "cache"))
    first = _check_json(progress, plan, env)
    agencies = plan.parent / "agencies.yaml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8").replace("name: Quận Hoàn Kiếm\n", "name: Quận Hoàn Kiếm (mới)\n", 1),
        encoding="utf-8",
    )
    second = _check_json(progress, plan, env)
    assert first["agency"]["name"] == "Quận Hoàn Kiếm"  # type: ignore[index]
    assert second["agency"]["name"] == "Quận Hoàn Kiếm (mới)"  # type: ignore[index]


def _as_is(value: object) -> object:
    return value


def _a_dict(data: object) -> dict[str, int]:
    if type(data) is not dict:
        raise ValueError("not an object")
    return data


def test_a_corrupt_or_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("CCHC_CACHE_DIR", str(cache_dir))
    value = cache.cached("demo", "k1", lambda: {"answer": 42}, _as_is, _a_dict)
    assert value == {"answer": 42}
    assert cache.cached("demo", "k1", lambda: {"answer": 0}, _as_is, _a_dict) == {"answer": 42}  # read back
    entry = next(cache_dir.glob("demo-k1.json"))
    entry.write_bytes(b"not json at all")
    assert cache.cached("demo", "k1", lambda: {"answer": 43}, _as_is, _a_dict) == {"answer": 43}
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("CCHC_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("demo", "k2", lambda: {"built": 1}, _as_is, _a_dict) == {"built": 1}
    monkeypatch.setenv("CCHC_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_compiled_plan_matches_the_validated_dataset(plan: object) -> None:
    compiled = compiled_plan()
    loaded = plan  # the session fixture: the pydantic-validated dataset
    assert compiled.sha256 == loaded.sha256  # type: ignore[attr-defined]
    assert set(compiled.tasks) == set(loaded.tasks_by_id)  # type: ignore[attr-defined]
    assert [t.id for t in compiled.targets] == [t.id for t in loaded.plan.targets]  # type: ignore[attr-defined]
    on_time = next(t for t in compiled.targets if t.id == "on_time_dossiers")
    from fractions import Fraction

    assert on_time.threshold == Fraction(99, 100)
    assert compiled.tasks["VII.2"].due is not None and compiled.tasks["VII.2"].due.isoformat() == "2021-03-31"


# -- start-up --------------------------------------------------------------------------------


def test_a_check_with_a_warm_cache_loads_no_pydantic_model_of_ours(tmp_path: Path) -> None:
    env = known_env(CCHC_CACHE_DIR=str(tmp_path / "cache"))
    example = REPO_ROOT / "examples" / "so-tu-phap-FY.yaml"
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['cchc', 'check', {str(example)!r}, '--format', 'json']\n"
        "try:\n    runpy.run_module('cchc_cli', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "mods = set(sys.modules)\n"
        "sys.stderr.write(repr(sorted(m for m in mods if m.startswith('cchc_cli.models'))))\n"
    )
    for _ in range(2):  # the first run fills the cache
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    loaded = eval(done.stderr.strip().splitlines()[-1])  # noqa: S307 - our own repr of a list of str
    assert "cchc_cli.models.plan" not in loaded
    assert "cchc_cli.models.progress" not in loaded
    assert "cchc_cli.models.deadline" not in loaded


def test_a_period_chosen_on_the_command_line_starts_from_its_own_cut_off() -> None:
    example = REPO_ROOT / "examples" / "so-tu-phap-FY.yaml"
    assert api.check(example).as_of.isoformat() == "2021-12-10"  # type: ignore[union-attr]
    assert api.check(example, period="H1").as_of.isoformat() == "2021-06-10"  # type: ignore[union-attr]
    assert api.check(example, period="năm").as_of.isoformat() == "2021-12-10"  # type: ignore[union-attr]
    from datetime import date

    assert api.check(example, period="H1", as_of=date(2021, 6, 1)).as_of == date(2021, 6, 1)


def test_readme_sample_output_is_what_check_prints() -> None:
    sample = re.search(r"the district example, abridged\):\n\n```text\n(.*?)```", doc_text(SAMPLE_OUTPUT_PAGE), re.S)
    assert sample, f"{SAMPLE_OUTPUT_PAGE} has no sample of the text report"
    done = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "check", "examples/quan-hoan-kiem-H1.yaml", "--lang", "en"],
        capture_output=True, text=True, cwd=REPO_ROOT, env=known_env(NO_COLOR="1"), check=False,
    )
    shown, actual = sample.group(1), done.stdout
    assert shown[shown.index("Findings"):] == actual[actual.index("Findings"):]
    head_shown = shown[: shown.index("[… Section V")]
    head_actual = actual[: actual.index("Section V")]
    # the digest changes with every edit of the data; the rest of the header must not drift
    assert re.sub(r"sha256 [0-9a-f]{12}", "", head_shown) == re.sub(r"sha256 [0-9a-f]{12}", "", head_actual)


def test_as_of_outside_the_plan_on_the_command_line_is_a_usage_error() -> None:
    from datetime import date

    from cchc_cli.errors import UsageError

    example = REPO_ROOT / "examples" / "so-tu-phap-FY.yaml"
    for day in (date(1999, 1, 1), date(2020, 12, 9), date(2022, 1, 1)):
        with pytest.raises(UsageError, match="outside the plan"):
            api.check(example, as_of=day)


def test_input_errors_found_while_judging_are_also_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "schema_version: 1\nagency: so-tu-phap\nperiod: FY\ntasks: {II.9: {status: in_progress}}\n", encoding="utf-8"
    )
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Tóm tắt" in done.stdout  # the report is still there
    assert f"{path}:4:9:" in done.stderr and "[CCHC005]" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_an_input_output_error_not_a_bug() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cchc_cli", "check", "examples/so-noi-vu-Q1-late.yaml", "--lang", "en"],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT, check=False,
        )
    assert done.returncode == 2
    assert "standard output cannot be written" in done.stderr and "internal error" not in done.stderr
