"""Shared fixtures: the bundled plan, the source text of the decision, and a throw-away copy of the data."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from cchc_cli.dataset import LoadedPlan, load_plan

# cchc caches the compiled plan and the progress validator; tests keep theirs out of the home
# directory (subprocesses inherit it too).
os.environ.setdefault("CCHC_CACHE_DIR", tempfile.mkdtemp(prefix="cchc-test-cache-"))

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
        if os.environ.get("CI"):
            # CI always has ../shared beside the clone; a silent skip there would hide that the
            # data is no longer checked against the source.
            pytest.fail(f"source text not available at {SOURCE_FILE}")
        pytest.skip(f"source text not available at {SOURCE_FILE}")
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
