"""Fuzzing ``cchc check`` with hostile mutants of the example files (issue: the property-based fuzz test).

The strategies and the oracle live in ``tests/fuzzing.py``, shared with the long run
(``benchmarks/fuzz.py``). Each mutant is checked in both languages, every format in one invocation
(one on stdout, the others written with ``--format NAME=PATH``), in-process through Typer's runner.
The properties: the exit code is 0, 1 or 2 and no exception leaves the CLI; JSON outputs parse
(NaN and Infinity are not JSON); JUnit parses as XML; every format is written; no line of any
output or of stderr is a GitHub workflow command cchc did not mean.

The issue's own inputs, and the smallest inputs of the failure classes the long run found, are
checked every time. Nesting deep enough to crash the interpreter (block ``- `` or ``? `` tens of
thousands deep) runs in a subprocess, the issue's own inputs as explicit examples.

Bounded for the suite: the examples are derandomized (the same every run; set
``CCHC_FUZZ_RANDOM=1`` for fresh ones), nothing is stored between runs, an in-process run that
takes more than 5 s counts as a hang, and failures are not shrunk: with inputs that hang, shrinking
would make a failing run's time unbounded. The long run keeps the smallest input of every failure
class instead. A failure message says how the mutant was made and what went wrong.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import fuzzing
from fuzzing import Mutant

#: seconds an in-process run may take before it counts as a hang
HANG = 5.0


def _settings(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=not os.environ.get("CCHC_FUZZ_RANDOM"),
        database=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    folder = fuzzing.scratch_dir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _explain(mutant: Mutant, problems: list[fuzzing.Problem]) -> str:
    head = mutant.data[:300].decode("utf-8", "backslashreplace")
    lines = [f"mutant: {mutant.describe()}", f"begins: {head!r}", *(f"  {p}" for p in problems)]
    return "\n".join(lines)


def _check(mutant: Mutant, folder: Path, stdout_format: str, *, subprocess_run: bool = False) -> None:
    timeout = 30 if subprocess_run else HANG  # a process also pays for its start and a 2 MiB file
    found = fuzzing.check_all(mutant, folder, stdout_format, subprocess_run=subprocess_run, timeout=timeout)
    problems = [p for p in found if p.contract]
    assert not problems, _explain(mutant, problems)


@pytest.mark.parametrize("seed", fuzzing.SEEDS, ids=lambda s: repr(s[:24]))
def test_the_issues_inputs(work: Path, seed: str) -> None:
    _check(Mutant(seed.encode(), how=("the issue's input",)), work / "seed", "github")


@pytest.mark.parametrize(("name", "data"), fuzzing.FOUND, ids=lambda v: repr(v[:24]))
def test_inputs_the_long_run_found(work: Path, name: bytes, data: bytes) -> None:
    _check(Mutant(data, name=name, how=("found by benchmarks/fuzz.py",)), work / "found", "plain")


@_settings(200)
@given(mutant=fuzzing.mutants(), stdout_format=st.sampled_from(fuzzing.FORMATS))
def test_mutants_of_the_examples(work: Path, mutant: Mutant, stdout_format: str) -> None:
    _check(mutant, work / "mutant", stdout_format)


@_settings(2)
@given(mutant=fuzzing.deep_nesting(), stdout_format=st.sampled_from(fuzzing.FORMATS))
@example(mutant=Mutant(("- " * 30_000 + "x").encode(), how=("block sequences 30,000 deep",)), stdout_format="json")
@example(mutant=Mutant(("? " * 40_000).encode(), how=("complex keys 40,000 deep",)), stdout_format="github")
@example(mutant=Mutant(("[" * 30_000).encode(), how=("flow sequences 30,000 deep",)), stdout_format="sarif")
def test_deep_nesting_in_a_subprocess(work: Path, mutant: Mutant, stdout_format: str) -> None:
    _check(mutant, work / "deep", stdout_format, subprocess_run=True)
