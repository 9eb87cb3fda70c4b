"""A file that kills its worker, or runs out of time, is a bad file; the run finishes.

The per-file function is patched before the pool forks, so the workers inherit the patch:
one named file ends its worker (``os._exit``, SIGSEGV) or sleeps past a lowered limit.
Each pool test runs under a deadline of its own, so that a hanging pool fails instead of
hanging the suite.
"""

from __future__ import annotations

import faulthandler
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli import api, summary
from cchc_cli.cli import EXIT_INPUT, EXIT_INTERNAL, app
from cchc_cli.isolation import Died, TimedOut, bounded, run_all
from cchc_cli.models.report import Severity
from cchc_cli.models.summary import UnitResult
from conftest import known_env, REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
KILLER = "f05.yaml"
SLOW = "f07.yaml"


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Twelve progress files, the examples in turn."""
    sources = sorted(EXAMPLES.glob("*.yaml"))
    out = []
    for i in range(12):
        target = tmp_path / "r" / f"f{i:02d}.yaml"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(sources[i % len(sources)], target)
        out.append(target)
    return out


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail, rather than hang, a test whose pool never finishes (as a multiprocessing.Pool did)."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("the run did not finish: the pool is waiting for a dead worker")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary, "PARALLEL_FROM", 2)
    monkeypatch.delenv("CCHC_FILE_TIMEOUT", raising=False)


def check(files: list[Path], workers: int = 2, progress: Callable[[], None] | None = None) -> list[UnitResult]:
    return list(summary.check_all(files, plan_path=None, fail_on=Severity.error, period="FY", workers=workers, progress=progress))


#: what the patched per-file function does; module globals, so that forked workers inherit them
#: and the function pickles by name (as a pool that pickles its function needs)
_patch: dict[str, object] = {}


def _patched(path: str) -> UnitResult:
    log, odd, pause, real = _patch["log"], _patch["odd"], _patch["pause"], _patch["real"]
    with log.open("a", encoding="utf-8") as handle:  # type: ignore[attr-defined]
        handle.write(Path(path).name + "\n")
    action = odd.get(Path(path).name)  # type: ignore[attr-defined]
    if action is not None:
        action()
    elif pause:
        time.sleep(pause)  # type: ignore[arg-type]
    return real(path)  # type: ignore[no-any-return, operator]


def patch(monkeypatch: pytest.MonkeyPatch, log: Path, odd: dict[str, Callable[[], object]], pause: float = 0.0) -> None:
    """``summary._check_one`` logs every call, runs ``odd[file name]`` for the odd ones, else pauses."""
    monkeypatch.setattr(sys.modules[__name__], "_patch", {"log": log, "odd": odd, "pause": pause, "real": summary._check_one})
    monkeypatch.setattr(summary, "_check_one", _patched)


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split()


def assert_others_normal(results: list[UnitResult], expected: list[UnitResult], bad: set[str]) -> None:
    assert [Path(r.path).name for r in results] == [Path(e.path).name for e in expected]  # in order
    for got, want in zip(results, expected):
        if Path(got.path).name not in bad:
            assert got == want


def test_a_worker_that_exits_is_a_bad_file_with_exit_3_and_the_run_finishes(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None, deadline: None
) -> None:
    expected = check(files, workers=1)
    log = tmp_path / "calls"

    def die() -> None:
        time.sleep(0.05)  # the other worker is mid-file when this one dies
        os._exit(1)

    patch(monkeypatch, log, {KILLER: die}, pause=0.15)
    ticks: list[int] = []
    results = check(files, progress=lambda: ticks.append(1))
    assert_others_normal(results, expected, {KILLER})
    assert len(ticks) == len(files)  # the progress bar moves once per file, bad ones included
    bad = results[5]
    assert bad.exit_code == EXIT_INTERNAL and bad.agency is None and not bad.judged
    # Still its unit's report (an invalid one), read from its own agency and period lines.
    assert bad.claimed is not None and (bad.claimed.id, bad.claimed_period) == ("so-tu-phap", "FY")
    location, message = bad.problem  # type: ignore[misc]
    assert location.path == str(files[5]) and location.line is None
    assert "stopped unexpectedly (exit code 1)" in message.en and "bug in cchc" in message.en
    assert "dừng đột ngột (mã thoát 1)" in message.vi and "lỗi của cchc" in message.vi
    seen = calls(log)
    # Tried in the pool, then alone once to be sure: never a third time.
    assert seen.count(KILLER) == 2
    # The innocent file whose worker the pool ended with it was run again, not blamed.
    assert any(seen.count(name) > 1 for name in {f.name for f in files} - {KILLER})


def test_a_segfault_names_its_signal_and_the_roll_up_exits_3(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None, deadline: None
) -> None:
    def segfault() -> None:
        faulthandler.disable()  # pytest's would print the worker's stack on the terminal
        os.kill(os.getpid(), signal.SIGSEGV)

    patch(monkeypatch, tmp_path / "calls", {KILLER: segfault})
    city = api.summary([files[0].parent], period="FY", workers=2)
    bad = {Path(r.path).name: r for r in city.bad_files}
    assert "stopped unexpectedly (signal SIGSEGV)" in bad[KILLER].problem[1].en  # type: ignore[index]
    # Above the 2 that the copies (one unit and period twice) give: a bug outranks bad input.
    assert city.duplicates and city.files == len(files) and city.exit_code == EXIT_INTERNAL


def test_several_killers_in_a_row_each_blamed_once(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None, deadline: None
) -> None:
    expected = check(files, workers=1)
    log = tmp_path / "calls"
    killers = {f"f{i:02d}.yaml" for i in (0, 1, 2, 10, 11)}
    patch(monkeypatch, log, {name: lambda: os._exit(7) for name in killers})
    results = check(files)
    assert_others_normal(results, expected, killers)
    assert {Path(r.path).name for r in results if r.exit_code == EXIT_INTERNAL} == killers
    assert all(calls(log).count(name) <= 2 for name in killers)


def test_a_file_over_the_time_limit_is_a_bad_file_with_exit_2_and_its_worker_ended(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: None, deadline: None
) -> None:
    expected = check(files, workers=1)
    monkeypatch.setenv("CCHC_FILE_TIMEOUT", "0.5")
    log = tmp_path / "calls"
    patch(monkeypatch, log, {SLOW: lambda: time.sleep(60)})
    start = time.monotonic()
    results = check(files)
    assert time.monotonic() - start < 10  # not the 60 s the file would take
    assert_others_normal(results, expected, {SLOW})
    bad = results[7]
    assert bad.exit_code == EXIT_INPUT and bad.errors == 1
    location, message = bad.problem  # type: ignore[misc]
    assert location.path == str(files[7])
    assert message.en == "took longer than 0.5 s to check; the file could not be judged"
    assert message.vi == "kiểm tra tệp mất quá 0,5 giây; không thể đánh giá tệp"
    assert calls(log).count(SLOW) == 1  # its start time showed it over the limit: not run again


def test_the_time_limit_holds_in_one_process_too_and_the_handler_is_put_back(
    files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_FILE_TIMEOUT", "0.3")
    patch(monkeypatch, tmp_path / "calls", {SLOW: lambda: time.sleep(60)})
    before = signal.getsignal(signal.SIGALRM)
    start = time.monotonic()
    results = check(files, workers=1)
    assert time.monotonic() - start < 10
    assert [r.exit_code == EXIT_INPUT for r in results].count(True) == 1 and results[7].exit_code == EXIT_INPUT
    assert "took longer than 0.3 s" in results[7].problem[1].en  # type: ignore[index]
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_check_dir_bounds_each_file_and_goes_on(files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_FILE_TIMEOUT", "0.3")
    real = api.check

    def slow(path: Path, **kwargs: object) -> object:
        if path.name == SLOW:
            time.sleep(60)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "check", slow)
    env = {"CCHC_LANG": "en", "CCHC_PLAN": "", "CCHC_DEBUG": "", "CCHC_NO_CONFIG": "1", "CI": "1", "CCHC_FILE_TIMEOUT": "0.3"}
    result = CliRunner().invoke(app, ["check", str(files[0].parent), "--format", "json"], env=env)
    assert result.exit_code == EXIT_INPUT
    reports = {Path(r["file"]).name: r for r in json.loads(result.stdout)["reports"]}
    assert len(reports) == len(files)
    slow_report = reports[SLOW]
    assert [(f["rule"], f["message"]) for f in slow_report["findings"]] == [
        ("CCHC001", "took longer than 0.3 s to check; the file could not be judged")
    ]
    assert all(r["findings"] is not None for r in reports.values())


def test_a_bad_limit_is_a_usage_error(files: list[Path]) -> None:
    env = {"CCHC_LANG": "vi", "CCHC_PLAN": "", "CCHC_NO_CONFIG": "1", "CI": "1", "CCHC_FILE_TIMEOUT": "nhanh"}
    result = CliRunner().invoke(app, ["summary", str(files[0].parent), "--period", "FY"], env=env)
    assert result.exit_code == EXIT_INPUT
    assert "CCHC_FILE_TIMEOUT='nhanh' không phải là số giây lớn hơn 0 và không quá 1.000.000" in result.stderr


def test_the_real_command_reports_a_dead_worker_and_exits_3(files: list[Path], tmp_path: Path) -> None:
    # The installed CLI in a process of its own, with the per-file function patched by a wrapper
    # (nothing in cchc itself knows about it): the JSON document and the exit code a CI job sees.
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(textwrap.dedent(f"""
        import os, sys
        from cchc_cli import summary
        from cchc_cli.cli import app

        real = summary._check_one

        def check_one(path):
            if path.endswith({KILLER!r}):
                os._exit(9)
            return real(path)

        summary._check_one = check_one
        summary.PARALLEL_FROM = 2
        sys.argv = ["cchc", *sys.argv[1:]]
        app()
    """), encoding="utf-8")
    env = known_env(CCHC_NO_CONFIG="1", CI="1", CCHC_LANG="en")
    proc = subprocess.run(
        [sys.executable, str(wrapper), "summary", str(files[0].parent), "--period", "FY", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=30,
    )
    assert proc.returncode == EXIT_INTERNAL, proc.stderr
    document = json.loads(proc.stdout)
    bad = {Path(b["file"]).name: b for b in document["bad_files"]}
    assert bad[KILLER]["exit_code"] == EXIT_INTERNAL
    assert "stopped unexpectedly (exit code 9)" in bad[KILLER]["problem"]["message"]
    assert document["files"] == len(files)


# -- the pool itself, on cheap items: batches of many, breakages mid-batch ---------------------

_odd_items: dict[int, Callable[[], object]] = {}


def _double(item: int) -> int:
    action = _odd_items.get(item)
    if action is not None:
        action()
    return item * 2


def test_batches_broken_mid_way_keep_every_other_result_in_order(monkeypatch: pytest.MonkeyPatch, deadline: None) -> None:
    # 400 items on 2 workers: batches of 25, several in flight when each killer strikes.
    odd: dict[int, Callable[[], object]] = {i: (lambda: os._exit(4)) for i in (0, 26, 27, 260, 399)}
    odd[150] = lambda: os.kill(os.getpid(), signal.SIGKILL)
    odd[300] = lambda: time.sleep(60)
    monkeypatch.setattr(sys.modules[__name__], "_odd_items", odd)
    start = time.monotonic()
    out = list(enumerate(run_all(_double, list(range(400)), workers=2, limit=0.5)))
    assert time.monotonic() - start < 15
    assert [i for i, _ in out] == list(range(400))
    for i, result in out:
        if i in (0, 26, 27, 260, 399):
            assert result == Died(4) and result.how() == ("mã thoát 4", "exit code 4")
        elif i == 150:
            assert result == Died(-signal.SIGKILL) and result.how()[1] == "signal SIGKILL, perhaps out of memory"
        elif i == 300:
            assert result == TimedOut(0.5)
        else:
            assert result == i * 2


def test_a_bug_in_the_function_ends_the_run_as_it_would_in_one_process(deadline: None) -> None:
    with pytest.raises(ZeroDivisionError):
        list(run_all(lambda item: 1 // item, list(range(-50, 50)), workers=2, limit=5))


def test_bounded_puts_the_handler_back_when_the_function_raises() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(KeyError):
        bounded(lambda: {}["x"], 5)
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert bounded(lambda: time.sleep(5), 0.1) == TimedOut(0.1)
    assert bounded(lambda: 42, 5) == 42
