"""No-loss writes (issue 6): files go through a temporary file renamed into place, nothing is
overwritten without --force, and an interrupted write leaves the old file intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cchc_cli import yamlio

from conftest import known_env

GOOD = "schema_version: 1\nagency: so-tu-phap\nperiod: FY\nas_of: 2021-12-10\ntasks:\n  II.1: {status: in_progress}\n"
OLD = b"OLD CONTENT - must survive\n"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = known_env()
    return subprocess.run([sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=cwd,
                          env=env, check=False, timeout=120)


def _tmp_leftovers(d: Path) -> list[Path]:
    return [p for p in d.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "args, target",
    [
        (["init", "-a", "so-tu-phap", "-p", "FY", "-o", "out.yaml"], "out.yaml"),
        (["report", "good.yaml", "--export", "r.html"], "r.html"),
        (["report", "good.yaml", "--export", "r.txt"], "r.txt"),
        (["summary", "good.yaml", "-p", "FY", "--export", "city.html"], "city.html"),
    ],
)
def test_existing_file_is_not_overwritten_without_force(tmp_path: Path, args: list[str], target: str) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / target).write_bytes(OLD)
    done = _run(tmp_path, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert b"Traceback" not in done.stderr
    assert (tmp_path / target).read_bytes() == OLD
    assert not _tmp_leftovers(tmp_path)
    forced = _run(tmp_path, *args, "--force")
    assert forced.returncode in (0, 1), forced.stderr
    new = (tmp_path / target).read_bytes()
    assert new != OLD and new
    assert not _tmp_leftovers(tmp_path)


@pytest.mark.parametrize(
    "args, target",
    [
        (["init", "-a", "so-tu-phap", "-p", "FY", "-o", "out.yaml"], "out.yaml"),
        (["check", "good.yaml", "--format", "json=c.json"], "c.json"),
        (["report", "good.yaml", "--export", "r.html"], "r.html"),
        (["report", "good.yaml", "--export", "r.svg"], "r.svg"),
        (["summary", "good.yaml", "-p", "FY", "--export", "city.html"], "city.html"),
        (["summary", "good.yaml", "-p", "FY", "--format", "csv=s.csv"], "s.csv"),
    ],
)
def test_writes_go_through_a_renamed_temporary_file(tmp_path: Path, args: list[str], target: str) -> None:
    """Trace the child's syscalls-in-Python: the target is only ever produced by os.replace."""
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    log = tmp_path / "replace.log"
    script = textwrap.dedent(f"""
        import os, sys
        real = os.replace
        def traced(src, dst, *a, **k):
            with open({str(log)!r}, "a") as f:
                f.write(f"{{os.path.basename(str(src))}} -> {{os.path.basename(str(dst))}}\\n")
            return real(src, dst, *a, **k)
        os.replace = traced
        import runpy
        sys.argv = ["cchc"] + {args!r}
        runpy.run_module("cchc_cli", run_name="__main__")
    """)
    env = known_env()
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, env=env, timeout=120, check=False)
    assert (tmp_path / target).is_file(), done.stderr
    renames = log.read_text().splitlines() if log.exists() else []
    assert any(line.endswith(f"-> {target}") and line.startswith(f".{target}.") and ".tmp" in line
               for line in renames), (renames, done.stderr)
    assert not _tmp_leftovers(tmp_path)


def test_check_format_path_rewrites_through_a_temp_file(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.json").write_bytes(OLD)
    done = _run(tmp_path, "check", "good.yaml", "--format", "json=c.json")
    assert done.returncode in (0, 1, 2), done.stderr
    # check has no --force: document what it does, and that it never leaves half a file
    data = (tmp_path / "c.json").read_bytes()
    assert data == OLD or data.lstrip().startswith(b"{")
    assert not _tmp_leftovers(tmp_path)


KILL_CHILD = """
import os, sys, time
from pathlib import Path
from cchc_cli import yamlio
marker = Path(sys.argv[2])
real_fsync = os.fsync
def slow_fsync(fd):
    marker.write_text("ready")
    time.sleep(60)
    real_fsync(fd)
yamlio.os.fsync = slow_fsync
yamlio.atomic_write_text(Path(sys.argv[1]), "NEW " * 100000, force=True)
"""


def test_a_write_killed_midway_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(OLD)
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(target), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "child ended before it was ready"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD
    leftovers = _tmp_leftovers(tmp_path)
    for p in leftovers:  # a killed process cannot clean up; its temp file is never the target
        assert p.name.startswith(".report.html.") and p != target
    assert sorted(p.name for p in tmp_path.iterdir() if p not in leftovers) == ["marker", "report.html"]


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(OLD)
    with pytest.raises(FileExistsError):
        yamlio.atomic_write_text(target, "new")
    assert target.read_bytes() == OLD
    assert not _tmp_leftovers(tmp_path)


def test_rename_permission_error_leaves_original_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(OLD)

    def denied(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(yamlio.os, "replace", denied)
    with pytest.raises(PermissionError):
        yamlio.atomic_write_text(target, "new", force=True)
    assert target.read_bytes() == OLD
    assert not _tmp_leftovers(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions and umask")
def test_new_file_mode_and_replaced_file_mode(tmp_path: Path) -> None:
    """Every file cchc writes (each command that writes, text and binary) has the mode the user's
    umask gives a new file, not mkstemp's private 0600; a replaced file keeps its read and write
    bits and loses any execute bit."""
    # neither the usual 022 (a hard-coded 0644 would pass) nor 077 (mkstemp's 0600 would pass)
    umask = 0o027
    from typer.testing import CliRunner

    from cchc_cli.cli import app

    examples = Path(__file__).resolve().parents[1] / "examples"
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["check", str(examples / "so-noi-vu-Q1-late.yaml"), "--format", f"json={out / 'check.json'}",
         "--format", f"sarif={out / 'check.sarif'}", "--format", "text"],
        ["check", str(examples / "so-noi-vu-Q1-late.yaml"), str(examples / "so-tu-phap-FY.yaml"),
         "--format", f"plain={out / 'streamed.txt'}", "--format", "text"],
        ["summary", str(examples), "--period", "FY", "--format", f"xlsx={out / 'city.xlsx'}",
         "--format", f"json={out / 'city.json'}", "--export", str(out / "city.html")],
        ["report", str(examples / "so-tu-phap-FY.yaml"), "--export", str(out / "report.html")],
        ["init", "--agency", "so-tu-phap", "--period", "FY", "--output", str(out / "progress.yaml")],
        ["plan", "calendar", "--agency", "so-tu-phap", "--output", str(out / "deadlines.ics")],
    ]
    before = os.umask(umask)
    try:
        for args in commands:
            result = CliRunner().invoke(app, args, env=known_env())
            assert result.exit_code in (0, 1), (args, result.stderr, result.exception)
    finally:
        os.umask(before)
    written = {p.name: p.stat().st_mode & 0o7777 for p in out.iterdir()}
    assert sorted(written) == sorted(["check.json", "check.sarif", "streamed.txt", "city.xlsx", "city.json",
                                      "city.html", "report.html", "progress.yaml", "progress.schema.json", "deadlines.ics"])
    assert written == dict.fromkeys(written, 0o666 & ~umask)
    for old_mode, kept in ((0o640, 0o640), (0o600, 0o600), (0o755, 0o644), (0o4775, 0o664)):
        target = tmp_path / f"replaced-{old_mode:o}"
        target.write_bytes(OLD)
        os.chmod(target, old_mode)
        yamlio.atomic_write_text(target, "new", force=True)
        assert target.read_text() == "new"
        assert target.stat().st_mode & 0o7777 == kept, (oct(old_mode), oct(target.stat().st_mode))


class _ReadInBlocksOnly:
    """A binary file that refuses to be read whole: ``read()`` with no size is what a writer that
    holds a streamed report in memory would call."""

    def __init__(self, data: bytes) -> None:
        import io

        self._file = io.BytesIO(data)
        self.sizes: list[int] = []

    def read(self, size: int = -1) -> bytes:
        assert size is not None and size > 0, "read whole"
        self.sizes.append(size)
        return self._file.read(size)


def test_a_spooled_report_reaches_its_file_in_blocks(tmp_path: Path) -> None:
    """``check DIR --format json=PATH`` spools the stream to a temporary file, then writes it
    atomically: copied block by block (shutil.copyfileobj), never read into memory whole."""
    data = b"".join(b"%08d\n" % n for n in range(200_000))  # 1.8 MB: more than one block
    source = _ReadInBlocksOnly(data)
    target = tmp_path / "report.json"
    yamlio.atomic_write_bytes(target, source)  # type: ignore[arg-type]  # a file-like reader
    assert target.read_bytes() == data
    assert len(source.sizes) > 1 and max(source.sizes) < len(data)
