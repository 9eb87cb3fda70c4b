"""The installed command, run as a real process from another directory, as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cchc_cli

from conftest import known_env, skip_or_fail

REPO = Path(__file__).resolve().parents[1]


def _cchc_command() -> list[str]:
    script = Path(sys.executable).with_name("cchc")
    if script.exists():
        return [str(script)]
    found = shutil.which("cchc")
    if found:
        return [found]
    skip_or_fail("the cchc console script is not installed (run the README's test command)")


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = known_env()
    if environment.get("PYTHONPATH"):
        # A relative PYTHONPATH (PYTHONPATH=src) would not survive the change of directory.
        environment["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in environment["PYTHONPATH"].split(os.pathsep) if p
        )
    environment.update(env)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=environment, timeout=60)


def test_installed_command_works_from_another_directory(tmp_path: Path) -> None:
    command = _cchc_command()
    version = _run([*command, "--version"], tmp_path)
    assert version.returncode == 0, version.stderr
    assert "hanoi-cchc-2021" in version.stdout
    result = _run([*command, "plan", "tasks", "--agency", "Sở Tư pháp", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert [t["id"] for t in json.loads(result.stdout)["tasks"]] == ["II.1", "II.2", "II.3", "II.4"]
    task = _run([*command, "plan", "task", "VII.2", "--format", "json"], tmp_path)
    assert json.loads(task.stdout)["task"]["deadline_text"] == "Quý I/2020"


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "cchc_cli", "plan", "info", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["tasks"] == 54


def test_error_exit_code_from_a_real_process(tmp_path: Path) -> None:
    command = _cchc_command()
    result = _run([*command, "plan", "task", "IX.1"], tmp_path)
    assert result.returncode == 2
    assert "IX.1" in result.stderr and "Traceback" not in result.stderr


def test_installed_package_ships_its_data() -> None:
    package_dir = Path(cchc_cli.__file__).resolve().parent
    if package_dir == REPO / "src" / "cchc_cli":
        # .ci/run installs the wheel (not editable): under CI this skip would mean the shipped package's
        # data is no longer checked.
        skip_or_fail("running from the checkout (editable or PYTHONPATH); the wheel is not under test")
    from cchc_cli.dataset import bundled_data_dir

    assert bundled_data_dir() == package_dir / "data"
    for name in ("manifest.json", "plan_2021.yaml", "appendix_tasks.yaml", "agencies.yaml"):
        assert (package_dir / "data" / name).read_bytes() == (REPO / "data" / name).read_bytes()


def test_importing_the_cli_loads_no_heavy_module() -> None:
    code = (
        "import sys, cchc_cli.cli\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'ruamel', 'rich', 'dateutil'})\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
