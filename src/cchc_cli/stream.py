"""``cchc check`` over many files as a stream: judged in parallel, written in file order as each
file is judged, with nothing of a report kept once it is written.

Holding every report until the end cost ~80 KB a file (805 MB for 10,000 files) and left one core
idle. Here, as in ``cchc summary`` (:mod:`cchc_cli.isolation`), forked workers judge the files when
there are many, and each also *renders* its file in every streamed format
(:data:`cchc_cli.render.STREAMED`): Rich's table layout, the costliest part of the text format, is
then shared by the cores as well. A worker sends back only that file's text per format, its
counts (:class:`~cchc_cli.models.report.RunCounts`) and, for a file with problems of its own, the
report cut down to those problems (the CLI prints them on stderr at the end, as before). The pool
keeps a bounded window of batches in flight (:func:`cchc_cli.isolation.run_all`), so memory does
not grow with the number of files.

What the output says is exactly what the collected run says, byte for byte: each streamed
format's ``stream_head`` + parts + ``stream_tail`` is its ``render_reports``. Every check format
streams: JUnit, whose head carries the totals, keeps its parts (text) aside in a temporary file
and writes its head last; GitHub, whose annotations go errors first across files, writes the
errors as they come and keeps the warnings and notices aside the same way. ``--quiet`` shortens a
line format on standard output to each file's failing findings, as the collected run does.

Each file keeps its time limit (``CCHC_FILE_TIMEOUT``): one that runs out is a file that could not
be read (CCHC001, exit 2), as in the serial run. A worker that dies is a bug in cchc: the run stops
with an internal error (exit 3), as an exception in the serial run would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from cchc_cli.models.report import Report, RunCounts, Severity, Waiver
    from cchc_cli.render.common import RenderOptions
    from cchc_cli.severity import Overrides

#: below this many files, forking workers costs more than it saves (as for ``cchc summary``)
PARALLEL_FROM = 64


class Job(NamedTuple):
    """What judging one file needs besides its path: the run's settings, resolved once."""

    plan_path: Path | None
    period: str | None
    as_of: date | None
    waivers: tuple[Waiver, ...]
    today: date | None
    severity: Overrides
    fail_on: Severity
    #: formats rendered as each file is judged, and how (empty: the caller keeps whole reports)
    formats: tuple[str, ...] = ()
    options: RenderOptions | None = None
    #: how many files the run has (a JUnit suite names it)
    files: int = 0
    #: per format (same order): shortened as ``--quiet`` shortens it (only the failing findings'
    #: lines, no totals); empty: none is
    quiet: tuple[bool, ...] = ()


class Judged(NamedTuple):
    """One file, as the stream needs it once judged."""

    #: the file's text in each of ``Job.formats``, in that order: one section, or a
    #: :class:`~cchc_cli.render.SectionedRenderer`'s several
    parts: tuple[tuple[str, ...], ...]
    #: for a format whose head is written last (``STREAM_HEAD_LAST``) or that writes sections,
    #: this file's share of the figures written last; else None
    tallies: tuple[tuple[int, ...] | None, ...]
    #: this file's counts alone (``files`` is 1)
    counts: RunCounts
    #: the report cut down to the file's own problems (input errors), for stderr; None when it has none
    problems: Report | None
    #: the whole report, only when no format is streamed (the caller renders the run at once)
    report: Report | None


def judge(path: Path, shown: str, job: Job) -> Report:
    """One file's report, as :func:`cchc_cli.api.check_paths` makes it: severity, then waivers."""
    from cchc_cli import api
    from cchc_cli.engine import apply_waivers
    from cchc_cli.severity import apply as apply_severity

    report = api.check(path, plan_path=job.plan_path, period=job.period, as_of=job.as_of, shown=shown)
    report = apply_severity(report, job.severity)
    # Each report's waivers expire against its own as_of (``today``: the CCHC_TODAY override).
    return apply_waivers(report, job.waivers, job.today) if job.waivers else report


def _finish(report: Report, index: int, job: Job) -> Judged:
    from cchc_cli.formats import CheckFormat
    from cchc_cli.models.report import RunCounts, only_failing
    from cchc_cli.render import HeadLastRenderer, SectionedRenderer, stream_renderer

    problems = tuple(f for f in report.findings if f.is_input_error)
    failing: Report | None = None
    parts: list[tuple[str, ...]] = []
    tallies: list[tuple[int, ...] | None] = []
    for i, name in enumerate(job.formats):
        assert job.options is not None
        module = stream_renderer(CheckFormat(name))
        shown, options = report, job.options
        if job.quiet and job.quiet[i]:
            # --quiet: the file's failing findings only (those that make the run fail, so a run
            # that passes writes nothing), as the collected run renders only_failing(reports).
            if failing is None:
                failing = only_failing([report], job.fail_on)[0]
            shown, options = failing, options._replace(quiet=True)
        if isinstance(module, HeadLastRenderer):
            part, tally = module.stream_part(shown, index, options, job.files)
            parts.append((part,))
        elif isinstance(module, SectionedRenderer):
            sections, tally = module.stream_part(shown, index, options)
            parts.append(sections)
        else:
            parts.append((module.stream_part(shown, index, options),))
            tally = None
        tallies.append(tally)
    return Judged(
        tuple(parts),
        tuple(tallies),
        RunCounts().plus(report, job.fail_on),
        report._replace(findings=problems) if problems else None,
        None if job.formats else report,
    )


#: the run's job, inherited by forked workers (not pickled: only file numbers cross the pipe)
_job: dict[str, Any] = {}


def _judge_item(item: tuple[int, Path, str]) -> Judged:
    index, path, shown = item
    job: Job = _job["job"]
    return _finish(judge(path, shown, job), index, job)


def judged(files: Sequence[tuple[Path, str]], job: Job, *, workers: int | None = None) -> Iterator[Judged]:
    """Every file judged, in the order given; in worker processes when there are many.

    Standard input ("-") is read in this process: a worker must not share it.
    """
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.engine import failed_input
    from cchc_cli.errors import CheckTimeout
    from cchc_cli.isolation import Died, TimedOut, bounded, file_timeout, run_all

    limit = file_timeout()
    plan = compiled_plan(job.plan_path)  # loaded before any file's time starts, and before a fork
    items = [(i, path, shown) for i, (path, shown) in enumerate(files)]
    count = workers if workers is not None else (os.cpu_count() or 1)
    outcomes: Iterator[Judged | TimedOut | Died]
    _job["job"] = job
    try:
        parallel = len(items) >= PARALLEL_FROM and count >= 2 and hasattr(os, "fork")
        if parallel and not any(path == Path("-") for _, path, _ in items):
            outcomes = run_all(_judge_item, items, workers=count, limit=limit)
        else:
            # In this process, with no workers to lose: few files, and a process per file would
            # cost more than the check itself (see isolation.bounded).
            outcomes = (bounded(partial(_judge_item, item), limit) for item in items)
        for (index, _, shown), outcome in zip(items, outcomes):
            if isinstance(outcome, TimedOut):
                yield _finish(failed_input(plan, shown, CheckTimeout(shown, outcome.limit)), index, job)
            elif isinstance(outcome, Died):
                # Not the file's fault, whatever it holds: the CLI's last line of defence makes it
                # an internal error (exit 3) that asks for a bug report, as in cchc summary.
                raise RuntimeError(f"the worker process checking {shown} stopped unexpectedly ({outcome.how()[1]})")
            else:
                yield outcome
    finally:
        _job.clear()


def write_stream(
    files: Sequence[tuple[Path, str]],
    job: Job,
    sinks: Sequence[Callable[[str], None]],
    *,
    workers: int | None = None,
) -> tuple[RunCounts, list[Report]]:
    """Judge ``files`` and write each of ``job.formats`` to its sink (same order) as each file is
    judged: the head first, each file's part in file order, the tail with the run's counts.

    What a format writes last (a head with totals, a later section) is kept aside until then, as
    text in a temporary file: memory stays flat whatever the number of files.

    Returns the run's :class:`~cchc_cli.models.report.RunCounts` and the reports cut down to the
    files' own problems (few and small: broken files have no tables).
    """
    import tempfile

    from cchc_cli.formats import CheckFormat
    from cchc_cli.models.report import RunCounts
    from cchc_cli.render import HeadLastRenderer, SectionedRenderer, stream_renderer

    options = job.options
    assert options is not None and len(sinks) == len(job.formats)
    job = job._replace(files=len(files))
    shown = [name for _, name in files]
    modules = [stream_renderer(CheckFormat(name)) for name in job.formats]
    shaped = [options._replace(quiet=True) if job.quiet and job.quiet[i] else options for i in range(len(modules))]
    # Per format, where each section of a part goes: the sink itself, or (written last) a
    # temporary file; JUnit's one section and a sectioned format's later ones are written last.
    aside: list[list[Any]] = []
    outs: list[list[Callable[[str], object]]] = []
    for module, sink in zip(modules, sinks):
        count = module.STREAM_SECTIONS if isinstance(module, SectionedRenderer) else 1
        first_live = not isinstance(module, HeadLastRenderer)
        kept = [None if k == 0 and first_live else tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
                for k in range(count)]
        aside.append(kept)
        outs.append([sink if file is None else file.write for file in kept])
    try:
        for module, sink, opts in zip(modules, sinks, shaped):
            if not isinstance(module, HeadLastRenderer):
                sink(module.stream_head(shown, opts))
        joins = [getattr(module, "STREAM_JOIN", "") for module in modules]
        wrote = [False] * len(modules)
        tallies: list[list[int]] = [[] for _ in modules]
        total = RunCounts()
        problems: list[Report] = []
        for one in judged(files, job, workers=workers):
            for i, (sections, tally) in enumerate(zip(one.parts, one.tallies)):
                for k, part in enumerate(sections):
                    if part:
                        # only a one-section format joins its parts (a JSON array's commas)
                        outs[i][k](joins[i] + part if wrote[i] and len(sections) == 1 else part)
                        wrote[i] = True
                if tally is not None:
                    tallies[i] = [a + b for a, b in zip(tallies[i], tally)] if tallies[i] else list(tally)
            total = total.add(one.counts)
            if one.problems is not None:
                problems.append(one.problems)
        for i, (module, sink, opts) in enumerate(zip(modules, sinks, shaped)):
            for k, kept in enumerate(aside[i]):
                if kept is None:
                    continue
                if isinstance(module, HeadLastRenderer):
                    sink(module.stream_head(shown, opts, tuple(tallies[i])))
                elif isinstance(module, SectionedRenderer):
                    sink(module.stream_between(k, tuple(tallies[i]), opts))
                kept.seek(0)
                while chunk := kept.read(1 << 20):
                    sink(chunk)
            sink(module.stream_tail(total, opts, wrote[i]))
    finally:
        for kept_files in aside:
            for kept in kept_files:
                if kept is not None:
                    kept.close()
    return total, problems


class Spool(NamedTuple):
    """A format bound for a file: written to an unnamed temporary file as it comes, then handed
    to :func:`cchc_cli.outputs.write`, which copies it in blocks (atomic: the old file or the new,
    never half; never held whole in memory)."""

    name: str
    target: Path
    file: IO[bytes]  # an unnamed temporary file


def sinks_for(
    specs: Sequence[tuple[str, Path | None]], emit: Callable[[str], None]
) -> tuple[list[Callable[[str], None]], list[Spool]]:
    """A sink per format spec (standard output through ``emit``, as it comes), and the spools
    of those bound for files."""
    import tempfile

    sinks: list[Callable[[str], None]] = []
    spools: list[Spool] = []
    for name, target in specs:
        if target is None:
            sinks.append(emit)
            continue
        spool = Spool(name, target, tempfile.TemporaryFile())
        spools.append(spool)
        # UTF-8, strictly, as outputs.write encodes a text: the same bytes as the collected run
        sinks.append(partial(_spooled, spool.file))
    return sinks, spools


def _spooled(file: IO[bytes], text: str) -> None:
    file.write(text.encode("utf-8"))
