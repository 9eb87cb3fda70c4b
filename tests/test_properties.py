"""Property-based tests (issue 6): generated valid progress files and random mutations of them.

Properties: ``check`` always ends with exit 0, 1 or 2 and never a traceback; its JSON output always
parses; the same input gives byte-identical output; ``summary`` over a mix of good and broken files
accounts for every file.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cchc_cli import api
from cchc_cli.models.report import Severity
from cchc_cli.render import RenderOptions, render

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
_yaml = YAML(typ="safe")
BASES = [_yaml.load(p.read_text(encoding="utf-8")) for p in EXAMPLES]
PLAN_START, PLAN_END = date(2020, 12, 10), date(2021, 12, 31)
STATUSES = ["done", "in_progress", "not_started"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

dates = st.integers(0, (PLAN_END - PLAN_START).days).map(lambda d: PLAN_START + timedelta(days=d))


def _dump(doc: Any) -> bytes:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(doc, out)
    return out.getvalue().encode("utf-8")


@st.composite
def valid_docs(draw: Any) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    for key in ("as_of", "submitted_on"):
        if key in doc:
            doc[key] = draw(dates)
    for counts in (doc.get("indicators") or {}).values():
        names = list(counts)
        if len(names) == 2:
            whole = draw(st.integers(0, 100_000))
            part = draw(st.integers(0, whole))
            # the plan's counts are named (denominator, numerator) in the examples' order
            counts[names[0]], counts[names[1]] = (whole, part) if counts[names[0]] >= counts[names[1]] else (part, whole)
    tasks = doc.get("tasks") or {}
    for task_id in list(tasks):
        if draw(st.booleans()) and draw(st.booleans()):
            del tasks[task_id]
            continue
        status = draw(st.sampled_from(STATUSES))
        tasks[task_id] = {"status": status, **({"completed_on": draw(dates)} if status == "done" else {})}
    return doc


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.append(prefix + (k,))
            out.extend(_paths(v, prefix + (k,)))
    return out


@st.composite
def broken_files(draw: Any) -> bytes:
    doc = draw(valid_docs())
    kind = draw(st.sampled_from(["delete_key", "change_type", "junk", "truncate", "swap"]))
    if kind in ("delete_key", "change_type"):
        path = draw(st.sampled_from(_paths(doc)))
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        if kind == "delete_key":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False),
                                             st.text(max_size=20), st.lists(st.integers(), max_size=3),
                                             st.integers(-10**12, 10**12)))
        return _dump(doc)
    data = _dump(doc)
    if kind == "junk":
        at = draw(st.integers(0, len(data)))
        junk = draw(st.one_of(st.binary(min_size=1, max_size=30),
                              st.text(min_size=1, max_size=30).map(lambda s: s.encode("utf-8", "surrogatepass")),
                              st.sampled_from([b"\t", b": :", b"[{", b"&a *a", b"\xef\xbb\xbf", b"\x00", b"- ", b"%YAML 9"])))
        return data[:at] + junk + data[at:]
    if kind == "truncate":
        return data[: draw(st.integers(0, max(0, len(data) - 1)))]
    i = draw(st.integers(0, len(data) - 2))
    j = draw(st.integers(0, len(data) - 1))
    b = bytearray(data)
    b[i], b[j] = b[j], b[i]
    return bytes(b)


def _json(report: Any) -> str:
    return render("json", [report], RenderOptions("en", Severity.error))


def _check_bytes(tmp: Path, data: bytes) -> tuple[int, str]:
    path = tmp / "progress.yaml"
    path.write_bytes(data)
    report = api.check(path)
    code = report.exit_code(Severity.error)
    text = _json(report)
    json.loads(text)
    return code, text


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("props")


@SETTINGS
@given(valid_docs())
def test_generated_valid_files_are_judged_without_input_errors(work: Path, doc: dict[str, Any]) -> None:
    code, text = _check_bytes(work, _dump(doc))
    assert code in (0, 1, 2)
    findings = json.loads(text)["findings"]
    assert not [f for f in findings if f["rule"] in ("CCHC001", "CCHC002")], findings


@SETTINGS
@given(st.one_of(broken_files(), st.binary(max_size=200)))
def test_any_mutation_gives_0_1_or_2_valid_json_and_the_same_bytes_twice(work: Path, data: bytes) -> None:
    code, text = _check_bytes(work, data)
    assert code in (0, 1, 2)
    again_code, again = _check_bytes(work, data)
    assert (again_code, again) == (code, text)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(broken_files(), valid_docs().map(_dump)))
def test_cli_never_prints_a_traceback_and_is_deterministic(work: Path, data: bytes) -> None:
    path = work / "cli.yaml"
    path.write_bytes(data)
    runs = [subprocess.run([sys.executable, "-m", "cchc_cli", "check", str(path), "--format", "json"],
                           capture_output=True, timeout=60, check=False) for _ in range(2)]
    for done in runs:
        assert done.returncode in (0, 1, 2), done.stderr
        assert b"Traceback" not in done.stderr
        json.loads(done.stdout)
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(valid_docs(), min_size=1, max_size=4), st.lists(broken_files(), min_size=1, max_size=4))
def test_summary_accounts_for_every_file(tmp_path_factory: pytest.TempPathFactory, good: list[Any], bad: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("mix")
    broken = set()
    for i, doc in enumerate(good):
        (folder / f"good-{i}.yaml").write_bytes(_dump(doc))
    for i, data in enumerate(bad):
        path = folder / f"bad-{i}.yaml"
        path.write_bytes(data)
        # a mutation may leave a file valid: it is broken when check reports an input error for it
        if api.check(path).exit_code(Severity.error) == 2 and any(
            f.rule in ("CCHC001", "CCHC002", "CCHC003") for f in api.check(path).findings
        ):
            broken.add(path.name)
    city = api.summary([folder], period="FY", workers=1)
    assert city.files == len(good) + len(bad)
    assert broken <= {Path(u.path).name for u in city.bad_files}
