"""The suite's own discipline: one known environment, golden files rewritten only on purpose.

The suite ran differently in a GitHub or GitLab job (``check`` then defaults to their format),
under a caller's ``CCHC_LANG`` or locale, and beside a stranger's ``.cchc.yaml``. conftest removes
those variables from this process before anything runs and offers :func:`conftest.known_env` as the
one base for child environments; these tests keep it that way.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import KNOWN, REPO_ROOT, UNDER_CI, hostile, known_env

TESTS = Path(__file__).resolve().parent

#: Ways a test could hand the caller's environment to what it runs, past conftest's scrub, or read
#: CI and the golden flag itself (they are read once, in conftest, before the scrub).
CALLERS_ENVIRONMENT = re.compile(
    r"\*\*os\.environ\b|os\.environ\.(items|copy)\(|dict\(os\.environ\)|os\.environ\.get\(\s*[\"'](CI|CCHC_UPDATE_GOLDEN)[\"']"
    r"|os\.getenv\(\s*[\"'](CI|CCHC_UPDATE_GOLDEN)[\"']"
)


def test_no_test_builds_a_child_environment_from_the_callers() -> None:
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(TESTS.glob("*.py")) if path.name not in ("conftest.py", Path(__file__).name)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CALLERS_ENVIRONMENT.search(line)
    ]
    assert not offenders, "build child environments with conftest.known_env(...):\n" + "\n".join(offenders)


@pytest.mark.parametrize("name", ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY", "CCHC_LANG",
                                  "CCHC_FAIL_ON", "CCHC_DEBUG", "CCHC_NO_CACHE", "CCHC_NO_CONFIG", "CCHC_PLAN",
                                  "CCHC_FILE_TIMEOUT", "CCHC_TODAY", "LC_ALL", "LC_MESSAGES", "LANGUAGE",
                                  "NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM", "GIT_DIR"])
def test_variables_that_change_the_tool_are_hostile(name: str) -> None:
    assert hostile(name)


def test_this_process_and_its_children_see_only_the_known_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    leaked = sorted(name for name in os.environ if hostile(name) and name not in KNOWN)
    assert not leaked, leaked
    assert {name: os.environ.get(name) for name in KNOWN} == KNOWN
    # a test that set one without monkeypatch would leak it into known_env's result: it does not
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("CCHC_LANG", "en")
    env = known_env(NO_COLOR="1")
    assert "GITHUB_ACTIONS" not in env and "CCHC_LANG" not in env and env["NO_COLOR"] == "1"
    seen = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, os; print(json.dumps(dict(os.environ)))"],
        env=known_env(), capture_output=True, text=True, timeout=60, check=True,
    ).stdout)
    assert sorted(name for name in seen if hostile(name) and name not in KNOWN) == []
    assert seen["CCHC_CACHE_DIR"] == KNOWN["CCHC_CACHE_DIR"]


def test_golden_files_are_not_rewritten_under_ci() -> None:
    """CCHC_UPDATE_GOLDEN=1 in a pipeline would pass whatever the code prints now: refused, loudly."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "--collect-only",
         str(TESTS / "test_hermetic.py")],
        cwd=REPO_ROOT, env=known_env(CI="true", CCHC_UPDATE_GOLDEN="1"), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode != 0, done.stdout
    assert "CCHC_UPDATE_GOLDEN is set under CI" in done.stdout + done.stderr, done.stdout + done.stderr


def test_this_process_knows_whether_it_runs_under_ci() -> None:
    """Run by the test below in a pytest of its own, with -n 2: a worker must see the CI its
    controller saw, though the controller scrubbed CI from the environment workers inherit."""
    expected = os.environ.get("PYTEST_CCHC_EXPECT_CI")
    if expected is not None:
        assert UNDER_CI == (expected == "1")


@pytest.mark.parametrize("ci", ["true", ""])
def test_xdist_workers_see_the_ci_their_controller_saw(ci: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", "-p", "no:randomly",
         f"{TESTS / 'test_hermetic.py'}::test_this_process_knows_whether_it_runs_under_ci"],
        cwd=REPO_ROOT, env=known_env(CI=ci, PYTEST_CCHC_EXPECT_CI="1" if ci else "0"),
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout, done.stdout
