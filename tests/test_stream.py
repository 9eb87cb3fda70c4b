"""``cchc check DIR`` streamed (cchc_cli.stream): the same bytes, exit code and stderr as the run
that holds every report to the end, judged in worker processes, in file order.

The collected run is the reference: each test runs the command twice, once as it streams and once
with no format streamed (every ``CheckFormat.streamed`` made false), and the two must agree to the byte.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli import api, render, stream
from cchc_cli.cli import EXIT_INTERNAL, app
from cchc_cli.formats import CheckFormat
from cchc_cli.models.report import RunCounts, Severity, exit_code
from cchc_cli.render import RenderOptions
from conftest import REPO_ROOT

runner = CliRunner()
#: more files than stream.PARALLEL_FROM, so that workers judge them
MANY = 80


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated files, some invalid, some late, with duplicates, as the benchmark makes them."""
    out = tmp_path_factory.mktemp("stream") / "city"
    subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "make_reports.py"), str(MANY), str(out),
                    "--invalid-share", "0.1"], check=True, capture_output=True, timeout=120)
    assert len(list(out.glob("*.yaml"))) == MANY
    return out


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, streamed: bool) -> tuple[int, str, str]:
    with monkeypatch.context() as patch:
        if not streamed:
            patch.setattr(CheckFormat, "streamed", property(lambda self: False))
        result = runner.invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", sorted(render.STREAMED))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_streamed_run_writes_what_the_collected_run_writes(
    city: Path, fmt: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["check", str(city), "--format", fmt, "--lang", lang]
    streamed = _run(args, monkeypatch, streamed=True)
    collected = _run(args, monkeypatch, streamed=False)
    assert streamed[0] == collected[0] == 2  # the invalid share is an input error
    assert streamed[1] == collected[1]
    assert streamed[2] == collected[2]  # the broken files' problems on stderr, in file order


QUIET_CASES = [(fmt, fail_on) for fmt in sorted(render.QUIET_FORMATS) for fail_on in ("error", "info")]


@pytest.mark.parametrize(("fmt", "fail_on"), QUIET_CASES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_quiet_stream_writes_what_the_quiet_collected_run_writes(
    city: Path, fmt: str, fail_on: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["check", str(city), "--format", fmt, "--lang", lang, "--quiet", "--fail-on", fail_on]
    streamed = _run(args, monkeypatch, streamed=True)
    collected = _run(args, monkeypatch, streamed=False)
    assert streamed == collected
    assert streamed[1]  # the run fails: its failing lines are there


@pytest.fixture(scope="module")
def passing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files that all pass at --fail-on error: a quiet run of them writes nothing."""
    out = tmp_path_factory.mktemp("passing")
    sources = [s for s in sorted((REPO_ROOT / "examples").glob("*.yaml")) if api.check(s).exit_code(Severity.error) == 0]
    assert sources
    for n in range(3):
        shutil.copy(sources[n % len(sources)], out / f"{n}-{sources[n % len(sources)].name}")
    return out


@pytest.mark.parametrize("fmt", sorted(render.QUIET_FORMATS))
def test_a_quiet_stream_of_a_passing_run_writes_nothing(passing: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["check", str(passing), "--format", fmt, "--quiet"]
    streamed = _run(args, monkeypatch, streamed=True)
    assert streamed == _run(args, monkeypatch, streamed=False)
    assert streamed[0] == 0 and streamed[1] == ""


def test_quiet_shortens_stdout_only(city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--quiet shortens the line format on stdout; one bound for a file is written whole."""
    args = ["check", str(city), "--format", "plain", "--format", f"github={tmp_path / 'gh.txt'}", "--quiet"]
    streamed = _run(args, monkeypatch, streamed=True)
    whole = (tmp_path / "gh.txt").read_text(encoding="utf-8")
    assert streamed == _run(args, monkeypatch, streamed=False)
    assert (tmp_path / "gh.txt").read_text(encoding="utf-8") == whole
    assert whole.rstrip("\n").splitlines()[-1].startswith("cchc: ")  # the totals line: not shortened
    assert not streamed[1].rstrip("\n").splitlines()[-1].startswith("cchc: ")


def test_the_github_stream_orders_annotations_as_the_collected_run(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = _run(["check", str(city), "--format", "github", "--fail-on", "info"], monkeypatch, streamed=True)
    kinds = [line.split(" ", 1)[0].split("::")[1] for line in out.splitlines() if line.startswith("::")]
    overflow = [i for i, line in enumerate(out.splitlines()) if line.startswith("::notice title=cchc::")]
    assert overflow, "80 files give more than 10 errors: the overflow notice"
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)  # errors, warnings, then notices


def test_the_job_summary_is_the_whole_markdown_report(city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With GITHUB_STEP_SUMMARY set, a streamed github run appends what the collected run appends,
    whole even when --quiet shortens the annotations."""
    appended = {}
    for streamed in (True, False):
        summary = tmp_path / f"summary-{streamed}.md"
        summary.write_text("before\n", encoding="utf-8")
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
        result = _run(["check", str(city), "--format", "github", "--quiet", "--lang", "en"], monkeypatch, streamed=streamed)
        appended[streamed] = (result, summary.read_text(encoding="utf-8"))
    assert appended[True] == appended[False]
    _, _, markdown = appended[True][1].partition("before\n")
    _, expected, _ = _run(["check", str(city), "--format", "markdown", "--lang", "en"], monkeypatch, streamed=False)
    assert markdown == expected


def test_the_json_stream_is_one_document_in_file_order(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = _run(["check", str(city), "--format", "json"], monkeypatch, streamed=True)
    document = json.loads(out)
    names = [Path(r["file"]).name for r in document["reports"]]
    assert document["files_checked"] == len(names) == MANY
    assert names == sorted(names)  # the walk's order, whatever worker finished first
    assert document["summary"]["exit_code"] == code == 2


def test_a_file_target_gets_the_same_bytes_as_stdout(city: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    code, out, _ = _run(["check", str(city), "--format", "text", "--format", f"json={target}"], monkeypatch, streamed=True)
    _, expected, _ = _run(["check", str(city), "--format", "json"], monkeypatch, streamed=False)
    assert code == 2
    assert target.read_text(encoding="utf-8") == expected
    assert f": {MANY} · " in out.rstrip("\n").splitlines()[-1]  # stdout still ends with the text's totals line


def _streamed_text(name: str, reports: list[Any], options: RenderOptions, counts: RunCounts) -> str:
    """What cchc_cli.stream writes of ``reports`` in format ``name``, put together by hand."""
    module: Any = render.stream_renderer(CheckFormat(name))
    join = getattr(module, "STREAM_JOIN", "")
    shown = [r.path for r in reports]
    if getattr(module, "STREAM_HEAD_LAST", False):
        pairs = [module.stream_part(r, i, options, len(reports)) for i, r in enumerate(reports)]
        parts = [p for p, _ in pairs if p]
        head = module.stream_head(shown, options, tuple(map(sum, zip(*(tally for _, tally in pairs)))))
        return head + join.join(parts) + module.stream_tail(counts, options, bool(parts))
    if isinstance(module, render.SectionedRenderer):
        pairs = [module.stream_part(r, i, options) for i, r in enumerate(reports)]
        tally = tuple(map(sum, zip(*(t for _, t in pairs))))
        text = module.stream_head(shown, options) + "".join(sections[0] for sections, _ in pairs)
        for k in range(1, module.STREAM_SECTIONS):
            text += module.stream_between(k, tally, options) + "".join(sections[k] for sections, _ in pairs)
        return text + module.stream_tail(counts, options, any(any(s) for s, _ in pairs))
    parts = [p for p in (module.stream_part(r, i, options) for i, r in enumerate(reports)) if p]
    return module.stream_head(shown, options) + join.join(parts) + module.stream_tail(counts, options, bool(parts))


def test_parts_add_up_to_render_reports(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Head, each report's part and tail are ``render_reports``, for every streamed format and
    fail-on, and quiet for the formats --quiet shortens (their parts then of the failing findings)."""
    from rich.console import Console

    from cchc_cli.models.report import only_failing

    broken = tmp_path / "broken.yaml"
    broken.write_text("agency: so-noi-vu\nperiod: [\n", encoding="utf-8")
    files = [*sorted((REPO_ROOT / "examples").glob("*.yaml")), broken]
    reports = api.check_paths(files)
    # many errors: GitHub's overflow notice, which comes between warnings and notices
    crowd = reports + [r._replace(path=f"copy{n}-{r.path}") for n in range(12) for r in reports if r.summary.errors]
    console = Console(file=io.StringIO(), width=120, no_color=True, soft_wrap=False, highlight=False)
    for fail_on in (Severity.error, Severity.info):
        options = RenderOptions("vi", fail_on, console)
        for run in (reports, crowd):
            counts = RunCounts.of(run, fail_on)
            assert counts.exit_code == exit_code(run, fail_on)
            for name in render.STREAMED:
                assert _streamed_text(name, run, options, counts) == render.render(name, run, options), name
            for name in render.QUIET_FORMATS:
                quiet = options._replace(quiet=True)
                failing = only_failing(run, fail_on)
                assert _streamed_text(name, failing, quiet, counts) == render.render(name, failing, quiet), name
        assert "GitHub" in render.render("github", crowd, options)  # the overflow notice was there to match


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_dead_worker_is_an_internal_error_not_a_finding(city: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = stream.judge
    victim = sorted(city.glob("*.yaml"))[MANY // 2].name

    def dies_on_one(path: Path, shown: str, job: stream.Job) -> object:
        if path.name == victim:
            os._exit(9)
        return real(path, shown, job)

    monkeypatch.setattr(stream, "judge", dies_on_one)  # before the fork: the workers inherit it
    code, out, err = _run(["check", str(city), "--format", "json"], monkeypatch, streamed=True)
    assert code == EXIT_INTERNAL
    assert victim in err


def test_few_files_and_stdin_stay_in_this_process(city: Path, tmp_path: Path) -> None:
    """Fewer files than PARALLEL_FROM fork nothing (a pool costs more than it saves)."""
    few = tmp_path / "few"
    few.mkdir()
    for source in sorted(city.glob("*.yaml"))[:3]:
        shutil.copy(source, few / source.name)
    job = stream.Job(None, None, None, (), None, {}, Severity.error)
    pid = os.getpid()
    seen = []
    real = stream.judge

    def where(path: Path, shown: str, job: stream.Job) -> object:
        seen.append(os.getpid())
        return real(path, shown, job)

    stream.judge = where  # type: ignore[assignment]
    try:
        out = list(stream.judged(api.expand_paths([few]), job))
    finally:
        stream.judge = real  # type: ignore[assignment]
    assert seen == [pid] * 3
    assert [j.report.path.rsplit("/", 1)[-1] for j in out if j.report] == sorted(p.name for p in few.iterdir())
