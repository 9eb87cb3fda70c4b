"""Where a run may write (issue 10): outputs never replace what the run reads, never go into .git,
never leave the settings file's directory when the settings name them, never carry an execute bit,
and are all checked before the first byte of any is written.

Every case runs the real CLI in a subprocess and asserts the exit code and the files on disk.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import known_env, REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "so-noi-vu-Q1-late.yaml"  # has findings: exit 1 when it is judged
HOOK = b"#!/bin/sh\necho the real hook\n"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = known_env(CCHC_NO_CACHE="1", CCHC_LANG="en")
    return subprocess.run([sys.executable, "-m", "cchc_cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, check=False, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one progress file and an executable git hook."""
    root = tmp_path / "repo"
    (root / "progress").mkdir(parents=True)
    (root / "progress" / "so-noi-vu-Q1.yaml").write_bytes(EXAMPLE.read_bytes())
    hooks = root / ".git" / "hooks"
    hooks.mkdir(parents=True)
    (hooks / "pre-commit").write_bytes(HOOK)
    (hooks / "pre-commit").chmod(0o755)
    return root


def _hook_untouched(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert hook.read_bytes() == HOOK
    assert stat.S_IMODE(hook.stat().st_mode) == 0o755


def test_settings_cannot_plant_a_git_hook(repo: Path) -> None:
    # The probe: this replaced the hook, kept its run bit, and the next commit ran it.
    (repo / ".cchc.yaml").write_text("format: [text, plain=.git/hooks/pre-commit]\n", encoding="utf-8")
    done = _run(repo, "check", "progress")
    assert done.returncode == 2, done.stderr
    assert "inside a .git directory" in done.stderr and ".cchc.yaml:1" in done.stderr
    _hook_untouched(repo)
    assert done.stdout == ""  # nothing was written, not even the text report


def test_the_command_line_cannot_write_into_git_either(repo: Path) -> None:
    done = _run(repo, "check", "progress", "--format", "plain=.git/hooks/pre-commit")
    assert done.returncode == 2 and "inside a .git directory" in done.stderr
    _hook_untouched(repo)
    done = _run(repo, "report", "progress/so-noi-vu-Q1.yaml", "--export", ".git/hooks/pre-commit.txt")
    assert done.returncode == 2 and not (repo / ".git" / "hooks" / "pre-commit.txt").exists()


@pytest.mark.parametrize("where", ["../outside.txt", "ABSOLUTE", "link/out.txt", "sub/../../outside.txt"])
def test_outputs_named_in_settings_stay_in_its_directory(repo: Path, where: str) -> None:
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    (repo / "link").symlink_to(outside)
    target = str(outside / "abs.txt") if where == "ABSOLUTE" else where
    (repo / ".cchc.yaml").write_text(f"format: [text, 'plain={target}']\n", encoding="utf-8")
    done = _run(repo, "check", "progress")
    assert done.returncode == 2, done.stderr
    assert "outside" in done.stderr and "the directory of the settings file" in done.stderr
    assert not list(outside.iterdir()) and not (repo.parent / "outside.txt").exists()


def test_outputs_named_in_settings_are_relative_to_the_settings_file(repo: Path) -> None:
    (repo / ".cchc.yaml").write_text("format: [text, plain=reports/cchc.txt]\n", encoding="utf-8")
    done = _run(repo / "progress", "check", ".")  # run from a subdirectory
    assert done.returncode == 1, done.stderr
    written = repo / "reports" / "cchc.txt"
    assert "CCHC" in written.read_text(encoding="utf-8")
    assert not (repo / "progress" / "reports").exists()


def test_the_command_line_may_write_anywhere_the_user_says(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ci-artifacts" / "cchc.sarif"
    done = _run(repo, "check", "progress", "--format", f"sarif={out}")
    assert done.returncode == 1, done.stderr
    assert out.is_file()


def test_all_targets_are_checked_before_the_first_is_written(repo: Path) -> None:
    # The probe: the first file was written, then the run failed with a wrong message.
    (repo / "notadir").write_text("a file\n", encoding="utf-8")
    done = _run(repo, "check", "progress", "--format", "json=first.json", "--format", "sarif=notadir/x.sarif")
    assert done.returncode == 2
    assert "notadir/x.sarif cannot be written: a part of the path is not a directory" in done.stderr, done.stderr
    assert not (repo / "first.json").exists()


def test_summary_checks_its_export_before_writing_its_formats(repo: Path) -> None:
    (repo / "city.html").write_text("keep me\n", encoding="utf-8")
    done = _run(repo, "summary", "progress", "-p", "Q1", "--format", "csv=city.csv", "--export", "city.html")
    assert done.returncode == 2 and "already exists" in done.stderr
    assert not (repo / "city.csv").exists()
    assert (repo / "city.html").read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("role", ["plan", "tasks", "settings", "progress"])
def test_no_output_replaces_a_file_the_run_reads(repo: Path, role: str) -> None:
    data = REPO_ROOT / "data"
    plan_dir = repo / "plan"
    plan_dir.mkdir()
    for f in data.glob("*.yaml"):
        (plan_dir / f.name).write_bytes(f.read_bytes())
    (repo / ".cchc.yaml").write_text("plan: plan/plan_2021.yaml\n", encoding="utf-8")
    target = {"plan": "plan/plan_2021.yaml", "tasks": "plan/appendix_tasks.yaml", "settings": ".cchc.yaml",
              "progress": "progress/so-noi-vu-Q1.yaml"}[role]
    before = (repo / target).read_bytes()
    for args in (["check", "progress", "--format", f"json={target}"],
                 ["summary", "progress", "-p", "Q1", "--format", f"csv={target}"],
                 ["report", "progress/so-noi-vu-Q1.yaml", "--export", f"{target}.txt"]):
        done = _run(repo, *args)
        if args[0] == "report":  # not the same name: it ran, and exits as 'check' does (findings: 1)
            assert done.returncode == 1 and (repo / f"{target}.txt").is_file(), done.stderr
            continue
        assert done.returncode == 2, (args, done.stderr)
        assert "is a file cchc reads" in done.stderr
        assert (repo / target).read_bytes() == before


def test_a_replaced_report_never_keeps_an_execute_bit(repo: Path) -> None:
    report = repo / "cchc.txt"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o775)
    done = _run(repo, "check", "progress", "--format", "plain=cchc.txt")
    assert done.returncode == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o664  # read and write bits kept, execute bits gone
    assert report.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("target", ["/dev/null", "FIFO", "DIR"])
def test_devices_pipes_and_directories_are_not_outputs(repo: Path, target: str) -> None:
    if target == "FIFO":
        os.mkfifo(repo / "pipe")
        target = "pipe"
    elif target == "DIR":
        target = "progress"
    done = _run(repo, "check", "progress/so-noi-vu-Q1.yaml", "--format", f"json={target}")
    assert done.returncode == 2, done.stderr
    assert "is a directory" in done.stderr or "not a regular file" in done.stderr
    assert Path("/dev/null").is_char_device()


def test_paths_the_system_refuses_are_usage_errors(repo: Path) -> None:
    long_name = "x" * 300 + ".yaml"
    (repo / "loop").symlink_to(repo / "loop")
    for args in (["check", long_name], ["check", "loop"], ["summary", "loop", "-p", "Q1"], ["report", long_name],
                 ["check", "progress", "--format", f"json={long_name}"], ["check", "progress", "--format", "json=loop/x"]):
        done = _run(repo, *args)
        assert done.returncode == 2, (args[:2], done.returncode, done.stderr[-300:])
        assert "Traceback" not in done.stderr
        assert "too long" in done.stderr + done.stdout or "link" in done.stderr + done.stdout, (args, done.stderr)


def test_a_link_to_a_pipe_is_refused_and_stays_a_link(repo: Path) -> None:
    # /dev/stdout is a link to the pipe CI reads; it was replaced by a regular file, as root for good.
    (repo / "out.json").symlink_to("/proc/self/fd/1")
    done = _run(repo, "check", "progress", "--format", "json=out.json")
    assert done.returncode == 2 and "not a regular file" in done.stderr, done.stderr
    assert (repo / "out.json").is_symlink()
    done = _run(repo, "init", "-a", "so-tu-phap", "-p", "FY", "-o", str(repo / "out.json"), "--force")
    assert done.returncode == 2 and (repo / "out.json").is_symlink()
    assert not (repo / "progress.schema.json").exists()


def test_a_link_to_a_regular_file_is_written_through(repo: Path) -> None:
    (repo / "reports").mkdir()
    (repo / "reports" / "cchc.txt").write_text("old\n", encoding="utf-8")
    (repo / "latest.txt").symlink_to("reports/cchc.txt")
    done = _run(repo, "check", "progress", "--format", "plain=latest.txt")
    assert done.returncode == 1
    assert (repo / "latest.txt").is_symlink()
    assert "CCHC" in (repo / "reports" / "cchc.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [".GIT/hooks/pre-commit", ".Git/config"])
def test_git_in_any_case_is_refused(repo: Path, name: str) -> None:
    done = _run(repo, "check", "progress", "--format", f"plain={name}")
    assert done.returncode == 2 and "inside a .git directory" in done.stderr
    assert not (repo / name.split("/")[0]).exists()


def test_a_name_that_ends_in_a_slash_is_a_directory(repo: Path) -> None:
    done = _run(repo, "check", "progress", "--format", "plain=reports/")
    assert done.returncode == 2 and "names a directory" in done.stderr
    assert not (repo / "reports").exists()


def test_a_format_named_dash_is_standard_output(repo: Path) -> None:
    done = _run(repo, "check", "progress", "--format", "json=-")
    assert done.returncode == 1 and done.stdout.lstrip().startswith("{") and "CCHC" in done.stdout
    assert not (repo / "-").exists()
    done = _run(repo, "check", "progress", "--format", "json=-", "--format", "plain")
    assert done.returncode == 2 and "only one format" in done.stderr and not (repo / "-").exists()


def test_init_into_a_directory_writes_the_file_by_its_usual_name(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    done = _run(tmp_path, "init", "-a", "Sở Tư pháp", "-p", "FY", "-o", "progress/")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "progress" / "so-tu-phap-FY.yaml").is_file()
    done = _run(tmp_path, "init", "-a", "Sở Tư pháp", "-p", "Q1", "-o", "progress")  # an existing directory
    assert done.returncode == 0 and (tmp_path / "progress" / "so-tu-phap-Q1.yaml").is_file()
    done = _run(tmp_path, "init", "-a", "Sở Tư pháp", "-p", "H1", "-o", "missing/")
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert not (tmp_path / "missing").exists()


def test_init_says_who_owes_nothing_before_asking_for_a_period(tmp_path: Path) -> None:
    done = _run(tmp_path, "init", "-a", "Bộ Nội vụ")  # the issue's own command, without --period
    assert done.returncode == 2 and "nothing to report" in done.stderr
    done = _run(tmp_path, "init", "-a", "Sở Tư pháp")
    assert done.returncode == 2 and "--period is missing" in done.stderr
    assert list(tmp_path.iterdir()) == []
