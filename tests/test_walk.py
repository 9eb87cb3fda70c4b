"""Nothing is silently skipped: which files ``cchc check DIR`` and ``cchc summary DIR`` read.

The walk (:mod:`cchc_cli.walk`) goes down every directory for ``*.yaml`` and ``*.yml``, leaves
out hidden entries and what ``--exclude`` / ``exclude:`` match, stops with a usage error at a
directory it cannot list, and every run says how many files it checked. The pre-commit hook's
default ``files:`` is the naming convention ``cchc init`` writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cchc_cli import walk
from cchc_cli.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
COMPLIANT = "so-tu-phap-FY.yaml"  # exit 0
FAILING = "quan-hoan-kiem-H1.yaml"  # exit 1
BROKEN = "schema_version: 1\nagency: so-tu-phap\nperiod: FY\nas_of: 2021-12-10\nindicators: [\n"

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "GITHUB_ACTIONS": ""})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository as an agency keeps it: progress files at two depths, one ending in .yml,
    a broken one in a subdirectory, and the YAML files that are not progress files."""
    root = tmp_path / "repo"
    (root / "progress" / "2021" / "q2").mkdir(parents=True)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / "progress" / ".drafts").mkdir()
    shutil.copyfile(EXAMPLES / COMPLIANT, root / "progress" / COMPLIANT)
    shutil.copyfile(EXAMPLES / FAILING, root / "progress" / "2021" / "quan-hoan-kiem-H1.yml")
    (root / "progress" / "2021" / "q2" / "so-noi-vu-H1.yaml").write_text(BROKEN, encoding="utf-8")
    (root / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (root / "progress" / ".drafts" / "x-FY.yaml").write_text("not: a progress file\n", encoding="utf-8")
    (root / "progress" / ".cchc-notes.yaml").write_text("hidden: true\n", encoding="utf-8")
    (root / "progress" / "README.md").write_text("# progress\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CCHC_NO_CONFIG", "1")
    return root


def checked(result: Any) -> list[str]:
    document = json.loads(result.stdout)
    return [r["file"] for r in document["reports"]] if "reports" in document else [document["file"]]


# -- the walk -------------------------------------------------------------------------------


def test_a_directory_is_walked_recursively_for_yaml_and_yml(repo: Path) -> None:
    """Found: only progress/*.yaml was read, so the .yml file and the broken one in 2021/q2/
    passed unseen and the run exited 0."""
    result = run("check", "progress", "--format", "json")
    assert checked(result) == ["progress/2021/q2/so-noi-vu-H1.yaml", "progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]
    assert json.loads(result.stdout)["files_checked"] == 3
    assert result.exit_code == EXIT_INPUT  # the broken file, three levels down, is seen


def test_the_repository_root_leaves_hidden_directories_and_other_files_out(repo: Path) -> None:
    result = run("check", ".", "--format", "json", "--exclude", "so-noi-vu-*")
    files = checked(result)
    assert files == ["progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]
    assert not any(".github" in f or ".drafts" in f or ".cchc" in f for f in files)
    assert result.exit_code == EXIT_FINDINGS


def test_a_file_named_is_checked_whatever_its_name(repo: Path) -> None:
    (repo / "notes.txt").write_text((EXAMPLES / COMPLIANT).read_text(encoding="utf-8"), encoding="utf-8")
    hidden = repo / "progress" / ".cchc-notes.yaml"
    result = run("check", "notes.txt", str(hidden), "--format", "json", "--exclude", "*")
    assert checked(result) == ["notes.txt", str(hidden)]  # --exclude applies to walks only
    assert result.exit_code == EXIT_INPUT  # the hidden file is no progress file, and says so


@pytest.mark.parametrize(
    ("globs", "expected"),
    [
        (["q2"], ["progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]),  # a name, at any depth
        (["*.yml"], ["progress/2021/q2/so-noi-vu-H1.yaml", f"progress/{COMPLIANT}"]),
        (["2021/*"], [f"progress/{COMPLIANT}"]),  # a path below the directory walked; * crosses /
        (["2021/q2/"], ["progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]),
        (["**/q2/*"], ["progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]),
        (["./so-tu-phap-FY.yaml"], ["progress/2021/q2/so-noi-vu-H1.yaml", "progress/2021/quan-hoan-kiem-H1.yml"]),
        (["progress/2021"], ["progress/2021/q2/so-noi-vu-H1.yaml", "progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]),
        (["SO-TU-PHAP-FY.YAML"], ["progress/2021/q2/so-noi-vu-H1.yaml", "progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}"]),
    ],
)
def test_exclude_globs(repo: Path, globs: list[str], expected: list[str]) -> None:
    args = [arg for glob in globs for arg in ("--exclude", glob)]
    assert checked(run("check", "progress", "--format", "json", *args)) == expected


def test_excluded_matching_rules() -> None:
    assert walk.excluded("a/b/drafts", ["drafts"])
    assert walk.excluded("drafts/x.yaml", ["**/drafts/*"])  # **/ may match nothing
    assert walk.excluded("a/drafts/x.yaml", ["**/drafts/*"])
    assert not walk.excluded("a/drafts-x.yaml", ["drafts"])
    assert not walk.excluded("a/b.yaml", ["", "  ", "/"])  # empty globs exclude nothing


def test_exclude_in_the_settings_and_shown_by_cchc_config(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCHC_NO_CONFIG")
    (repo / ".cchc.yaml").write_text("lang: en\nexclude: [q2, '*.yml']\n", encoding="utf-8")
    result = run("check", "progress", "--format", "json")
    assert checked(result) == [f"progress/{COMPLIANT}"] and result.exit_code == EXIT_OK
    shown = json.loads(run("config", "--format", "json").stdout)["settings"]["exclude"]
    assert shown == {"value": ["q2", "*.yml"], "source": ".cchc.yaml:2:1"}
    # the command line replaces the settings' list, as every flag does
    assert checked(run("check", "progress", "--format", "json", "--exclude", "q2")) == [
        "progress/2021/quan-hoan-kiem-H1.yml", f"progress/{COMPLIANT}",
    ]
    table = run("config").stdout
    assert "exclude" in table and "q2, *.yml" in table


def test_exclude_setting_is_validated(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCHC_NO_CONFIG")
    (repo / ".cchc.yaml").write_text("exclude: drafts\n", encoding="utf-8")
    result = run("check", "progress")
    assert result.exit_code == EXIT_INPUT
    assert ".cchc.yaml:1" in result.stderr


def test_a_directory_with_nothing_to_check_is_an_error(repo: Path) -> None:
    result = run("check", "progress", "--exclude", "*a*", "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "progress has no progress file (*.yaml, *.yml) to check" in result.stderr


def test_a_directory_that_cannot_be_listed_is_an_error_naming_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Path.rglob swallows PermissionError: a CI job would pass over files nobody read."""
    real = os.scandir
    locked = repo / "progress" / "2021"

    def scandir(path: Any) -> Any:
        if Path(path).resolve() == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    for command in (["check", "progress"], ["summary", "progress", "-p", "FY"]):
        result = run(*command, "--lang", "en")
        assert result.exit_code == EXIT_INPUT, command
        assert "cannot list the directory progress/2021: permission denied" in result.stderr
        vi = run(*command, "--lang", "vi")
        assert "không đọc được thư mục progress/2021: không có quyền truy cập" in vi.stderr


@pytest.mark.skipif(os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0), reason="needs a user that permissions stop")
def test_an_unreadable_directory_for_real(repo: Path) -> None:
    locked = repo / "progress" / "2021"
    locked.chmod(0)
    try:
        result = run("check", "progress", "--lang", "en")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == EXIT_INPUT and "progress/2021" in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_links_to_directories_are_followed_once_and_loops_end(repo: Path) -> None:
    (repo / "progress" / "2021" / "up").symlink_to("..", target_is_directory=True)
    (repo / "elsewhere").symlink_to(repo / "progress", target_is_directory=True)
    (repo / "progress" / "dangling-FY.yaml").symlink_to(repo / "nowhere.yaml")
    result = run("check", "progress", "elsewhere", "--format", "json")
    files = checked(result)
    # each file once, whatever the routes to it; the dangling link is listed and reported
    assert len(files) == 4 and len({Path(f).resolve() for f in files if "dangling" not in f}) == 3
    assert "progress/dangling-FY.yaml" in files
    document = json.loads(result.stdout)
    (dangling,) = [r for r in document["reports"] if r["file"] == "progress/dangling-FY.yaml"]
    assert dangling["findings"][0]["rule"] == "CCHC001"


def test_summary_uses_the_same_walk(repo: Path) -> None:
    (repo / "progress" / "2021" / "q2" / "so-noi-vu-H1.yaml").unlink()
    result = run("summary", "progress", "-p", "H1", "--format", "json")
    document = json.loads(result.stdout)
    assert document["files"] == 2  # the .yml file one level down is read
    ranked = [u["agency"]["id"] for u in document["ranking"]]
    assert ranked == ["quan-hoan-kiem"]
    assert run("summary", "progress", "-p", "H1", "--format", "json", "--exclude", "*.yml").exit_code == EXIT_OK
    excluded = json.loads(run("summary", "progress", "-p", "H1", "--format", "json", "--exclude", "*.yml").stdout)
    assert excluded["files"] == 1 and excluded["ranking"] == []


# -- every run says how many files it checked --------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "markdown", "plain", "github"])
def test_every_format_says_how_many_files_were_checked(repo: Path, fmt: str) -> None:
    result = run("check", "progress", "--format", fmt, "--lang", "en", "--exclude", "q2")
    out = result.stdout
    if fmt == "text":
        assert re.search(r"^In all, files: 2 · errors: 2 ", out, re.M), out
    elif fmt == "json":
        assert json.loads(out)["files_checked"] == 2
    elif fmt == "junit":
        root = ET.fromstring(out)
        suites = list(root.iter("testsuite"))
        assert len(suites) == 2
        values = {p.get("value") for s in suites for p in s.iter("property") if p.get("name") == "cchc.files_checked"}
        assert values == {"2"}
    elif fmt == "sarif":
        assert json.loads(out)["runs"][0]["properties"]["files_checked"] == 2
    elif fmt == "markdown":
        assert "**Total:** files: 2 · " in out
    else:
        assert out.splitlines()[-1].startswith("cchc: files checked: 2 · errors: 2 · warnings: 0 · ")


def test_one_clean_file_still_says_it_was_checked(repo: Path) -> None:
    for fmt in ("plain", "github", "text"):
        result = run("check", f"progress/{COMPLIANT}", "--format", fmt, "--lang", "en")
        assert result.exit_code == EXIT_OK
        assert "files checked: 1" in result.stdout or "In all, files: 1" in result.stdout, (fmt, result.stdout)


# -- the pre-commit hook's naming convention -------------------------------------------------------


def test_the_hook_pattern_is_the_naming_convention() -> None:
    (hook,) = YAML(typ="safe", pure=True).load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["files"] == walk.CONVENTIONAL_NAME
    assert hook["args"] == ["--format", "plain"]
    pattern = re.compile(hook["files"])  # pre-commit matches with re.search
    for name in ("so-tu-phap-FY.yaml", "progress/2021/quan-hoan-kiem-H1.yml", "p/so-noi-vu-q1.yaml", "a/x-9M.YAML"):
        assert pattern.search(name), name
    for name in (
        ".github/workflows/ci.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml", ".cchc.yaml",
        "progress/.drafts/x-FY.yaml", ".github/x-Q1.yml", "docker-compose.yml", "mkdocs.yaml", "FY.yaml",
        "progress/so-tu-phap-FY.yaml.bak", "so-noi-vu-Q1-late.yaml",
    ):
        assert not pattern.search(name), name


def test_cchc_init_names_every_file_by_the_convention(plan: Any) -> None:
    from cchc_cli import api
    from cchc_cli.errors import CchcError

    periods = [p.id for p in plan.plan.reporting.periods]
    named = 0
    for agency in plan.registry.model.agencies:
        for period in periods:
            try:
                _, name = api.progress_template(agency.id, period)
            except CchcError:
                continue  # an agency that owes no report for that period
            assert walk.conventional(name), name
            named += 1
    assert named >= len(periods)


def test_cchc_init_says_when_a_name_escapes_the_hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "-a", "so-tu-phap", "-p", "FY", "-o", "tien-do.yaml", "--lang", "en")
    assert result.exit_code == EXIT_OK
    assert "picks up only files named <agency id>-<period>.yaml (like so-tu-phap-FY.yaml)" in result.stderr
    quiet = run("init", "-a", "so-tu-phap", "-p", "FY", "--lang", "en")
    assert quiet.exit_code == EXIT_OK and (tmp_path / "so-tu-phap-FY.yaml").is_file()
    assert "hint" not in quiet.stderr
