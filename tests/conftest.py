"""Shared fixtures and the one known environment every test runs cchc in.

The suite must give the same answers wherever it runs: in a GitHub or GitLab job (which make
``check`` default to their own format), under a caller's ``CCHC_*`` settings, locale, colour or
terminal width. So the variables cchc (or Rich, or git) reads are removed from this process once,
at import, before any fixture of any scope runs; :func:`known_env` is the base every child process
and every ``CliRunner`` call builds its environment from, and an autouse fixture removes whatever a
test leaked. A test about one of these variables sets it itself.

What the caller's environment said that the suite needs is read first: ``CI`` (then a skip that
would hide a lost contract fails instead, :func:`skip_or_fail`) and ``CCHC_UPDATE_GOLDEN``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest

from cchc_cli.dataset import LoadedPlan, load_plan

# Both are read before the scrub below, by the controller; xdist's workers start after it and
# inherit its scrubbed environment, so each answer is handed on under a name neither cchc nor a CI
# service reads (without that, a worker under CI would skip what it must fail, and an update run
# with -n would compare instead of rewrite).
#: the suite runs in CI (GitHub, GitLab and most services set CI)
UNDER_CI = (os.environ.get("PYTEST_CCHC_UNDER_CI") or os.environ.get("CI", "")) not in ("", "0", "false")
#: Golden files are rewritten, not compared (a deliberate step: refused under CI, see pytest_configure).
UPDATE_GOLDEN = (os.environ.get("PYTEST_CCHC_UPDATE_GOLDEN") or os.environ.get("CCHC_UPDATE_GOLDEN", "")) not in ("", "0")
#: handed to this run's xdist workers only: a child process (a pytest run of its own) decides afresh
HANDED_TO_WORKERS = ("PYTEST_CCHC_UNDER_CI", "PYTEST_CCHC_UPDATE_GOLDEN")
os.environ["PYTEST_CCHC_UNDER_CI"] = "1" if UNDER_CI else "0"
os.environ["PYTEST_CCHC_UPDATE_GOLDEN"] = "1" if UPDATE_GOLDEN else "0"

#: Prefixes and names of variables that change what cchc, Rich or git do. CCHC_ covers every
#: variable cchc reads (CCHC_LANG, CCHC_PLAN, CCHC_DEBUG, CCHC_NO_CACHE, CCHC_NO_CONFIG,
#: CCHC_FILE_TIMEOUT, CCHC_TODAY, CCHC_CACHE_DIR) and any it will.
HOSTILE_PREFIXES = ("CCHC_", "GITHUB_", "GITLAB_", "CI_", "RUNNER_", "GIT_", "PRE_COMMIT", "LC_")
HOSTILE_NAMES = frozenset({
    "CI", "LANG", "LANGUAGE", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLORTERM", "TERM",
    "COLUMNS", "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "SOURCE_DATE_EPOCH",
})


def hostile(name: str) -> bool:
    return name in HOSTILE_NAMES or name.startswith(HOSTILE_PREFIXES)


# cchc caches the compiled plan and the progress validator; tests keep theirs out of the home
# directory, in one directory per run (xdist's workers inherit the controller's, under a name cchc
# does not read, so the scrub cannot take it from them).
_CACHE = os.environ.get("PYTEST_CCHC_CACHE_DIR") or tempfile.mkdtemp(prefix="cchc-test-cache-")
os.environ["PYTEST_CCHC_CACHE_DIR"] = _CACHE
for _name in [n for n in os.environ if hostile(n)]:
    del os.environ[_name]
#: A locale that names no language: cchc's default (Vietnamese) is what tests see unless they ask.
KNOWN = {"LANG": "C.UTF-8", "CCHC_CACHE_DIR": _CACHE}
os.environ.update(KNOWN)


def known_env(**overrides: str) -> dict[str, str]:
    """The environment for a child process or a ``CliRunner`` call: this process's, scrubbed of
    every hostile variable, plus ``overrides`` (a test about a variable sets it here)."""
    env = {k: v for k, v in os.environ.items() if not hostile(k) and k not in HANDED_TO_WORKERS}
    env.update(KNOWN)
    env.update(overrides)
    return env


#: Runs the console script's main() with the arguments given and, whatever it exits with, writes
#: the names of every module the process imported on stderr's last line.
_MODULES_PROBE = (
    "import json, sys\n"
    "sys.argv = ['cchc', *sys.argv[1:]]\n"
    "from cchc_cli.__main__ import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('\\nLOADED ' + json.dumps(sorted(sys.modules)) + '\\n')\n"
)


def modules_after(
    *args: str, env: dict[str, str] | None = None, no_color: bool = True
) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """Run ``cchc ARGS`` as a real process (from the checkout, with ``NO_COLOR`` set unless
    ``no_color`` is false, plus ``env``) and return every module it imported, with the process."""
    result = subprocess.run(
        [sys.executable, "-c", _MODULES_PROBE, *args], capture_output=True, text=True, timeout=60,
        cwd=REPO_ROOT, env=known_env(**({"NO_COLOR": "1"} if no_color else {}), **(env or {})),
    )
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("LOADED ")]
    assert lines, result.stderr
    return set(json.loads(lines[-1].removeprefix("LOADED "))), result


def skip_or_fail(reason: str) -> NoReturn:
    """Skip for ``reason`` on a developer's machine; fail under CI, where what is missing is
    installed on purpose and its absence means a contract is no longer checked."""
    __tracebackhide__ = True  # the skip or failure is reported at the caller's line
    if UNDER_CI:
        pytest.fail(f"{reason} (a skip under CI would hide it)")
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    if UPDATE_GOLDEN and UNDER_CI:
        raise pytest.UsageError(
            "CCHC_UPDATE_GOLDEN is set under CI: golden files are rewritten by a person who then reads the "
            "diff, never by a pipeline (that would pass whatever the code now prints). Unset one of them."
        )
    # Tests run cchc in temporary directories, outside any repository, where the settings search
    # goes up to the file system's root (as documented): a stranger's settings file up there would
    # be read by every such test. Said once, plainly, instead of as dozens of puzzling failures.
    from cchc_cli import config as settings

    base = Path(config.option.basetemp or tempfile.gettempdir()).resolve()
    stranger = settings.find(base)
    if stranger is not None:
        raise pytest.UsageError(
            f"{stranger} would be read as cchc settings by every test run in {base}: move it, or run the tests "
            "with --basetemp (or TMPDIR) in a directory with no .cchc.yaml or [tool.cchc] above it"
        )


@pytest.fixture(autouse=True)
def _known_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a previous test set in os.environ without monkeypatch is gone before this one."""
    for name in [n for n in os.environ if hostile(n) and n not in KNOWN]:
        monkeypatch.delenv(name)
    for name, value in KNOWN.items():
        if os.environ.get(name) != value:
            monkeypatch.setenv(name, value)

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
# Tests may read ../shared (beside the checkout); the tool itself never needs it.
SOURCE_FILE = (
    Path(__file__).resolve().parents[2] / "shared" / "source" / "qd-5743-ubnd-2020-hanoi-cchc-2021.vi.txt"
)


def copy_data(dest: Path) -> Path:
    """Copy data/*.yaml into ``dest`` (created if needed); return the copied plan file."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in DATA_DIR.glob("*.yaml"):
        shutil.copyfile(f, dest / f.name)
    return dest / "plan_2021.yaml"


@pytest.fixture(scope="session")
def plan() -> LoadedPlan:
    return load_plan()


@pytest.fixture(scope="session")
def source_text() -> str:
    if not SOURCE_FILE.is_file():
        # CI always has ../shared beside the clone; a silent skip there would hide that the
        # data is no longer checked against the source.
        skip_or_fail(f"source text not available at {SOURCE_FILE}")
    return SOURCE_FILE.read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the dataset (a fresh path, so load_plan's per-path cache never interferes)."""
    return copy_data(tmp_path / "data")


def doc_text(name: str) -> str:
    """README.md or a page under docs/, by its path from the repository root.

    Tests that keep the documentation's samples true read them through here: a page they expect
    that has gone (moved, renamed) fails the test rather than skipping it, since a sample nobody
    checks any more is a lost contract.
    """
    path = REPO_ROOT / name
    if not path.is_file():
        pytest.fail(f"{name} is missing: the samples a test keeps true were there", pytrace=False)
    return path.read_text(encoding="utf-8")
