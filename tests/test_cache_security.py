"""The on-disk cache can neither run code nor change a verdict.

Entries are JSON, decoded into exactly the expected shape or ignored; the directory and each entry
are used only when they are the user's own and nobody else can write them; symbolic links are not
followed; entries are bounded. Every planted entry below would change what cchc says (or run code)
if it were believed; each test checks the verdict and exit code are those of a run without it.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cchc_cli import cache, compiled, contracts, dataset
from cchc_cli.jsoncodec import ShapeError
from conftest import copy_data, known_env, REPO_ROOT

POSIX_OWNERS = hasattr(os, "geteuid")
needs_root = pytest.mark.skipif(not POSIX_OWNERS or os.geteuid() != 0, reason="chown to another uid needs root")


# -- helpers ---------------------------------------------------------------------------------


def _check(progress: Path, cache_dir: Path, plan: Path | None = None) -> tuple[int, dict[str, Any]]:
    """Run `cchc check --format json` in a fresh process with ``cache_dir`` as its cache."""
    args = [sys.executable, "-m", "cchc_cli", "check", str(progress), "--format", "json"]
    if plan is not None:
        args += ["--plan", str(plan)]
    env = known_env(CCHC_CACHE_DIR=str(cache_dir))
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode in (0, 1, 2), done.stderr  # never 3 (a bug in cchc)
    return done.returncode, json.loads(done.stdout)


def _rules(report: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in report["findings"]}


def _on_time_file(tmp_path: Path, on_time: int = 2200) -> Path:
    """The district example with 2200/2300 dossiers on time (95.65%): below the plan's 99% (CCHC101)."""
    text = (REPO_ROOT / "examples" / "quan-hoan-kiem-H1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "progress.yaml"
    path.write_text(text.replace("on_time: 2276", f"on_time: {on_time}"), encoding="utf-8")
    return path


def _unknown_key_file(tmp_path: Path) -> Path:
    text = (REPO_ROOT / "examples" / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    path = tmp_path / "unknown-key.yaml"
    path.write_text(text + "\nbogus_key: 1\n", encoding="utf-8")
    return path


def _entry(cache_dir: Path, name: str) -> Path:
    found = [p for p in cache_dir.iterdir() if re.fullmatch(rf"{name}-[0-9a-f]{{32}}\.json", p.name)]
    assert len(found) == 1, sorted(p.name for p in cache_dir.iterdir())
    return found[0]


def _rewrite(entry: Path, change: Callable[[Any], Any]) -> None:
    """Replace an entry's value, keeping its envelope (name, key) and its file mode."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["value"] = change(data["value"])
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _lower_on_time_threshold(value: dict[str, Any]) -> dict[str, Any]:
    """The compiled plan with the on-time target at 95% instead of 99%."""
    for target in value["targets"]:
        if target["id"] == "on_time_dossiers":
            assert target["threshold"] == [99, 100]
            target["threshold"] = [19, 20]  # 95%, in lowest terms as the encoder writes it
            target["threshold_percent"] = "95"
    return value


def _warm(tmp_path: Path, progress: Path, plan: Path | None = None) -> tuple[Path, int, dict[str, Any]]:
    """A cache directory filled by one ordinary run, and that run's exit code and report."""
    cache_dir = tmp_path / "cache"
    code, report = _check(progress, cache_dir, plan)
    return cache_dir, code, report


def _same_verdict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return [(f["rule"], f["subject"]) for f in a["findings"]] == [(f["rule"], f["subject"]) for f in b["findings"]]


# -- no pickle, plain data -------------------------------------------------------------------


def test_no_module_of_the_package_can_unpickle_or_unmarshal() -> None:
    package = REPO_ROOT / "src" / "cchc_cli"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(c?pickle|marshal|shelve|dill)\b", text, re.M), source
        assert "pickle.load" not in text and "marshal.load" not in text, source


def test_a_compiled_plan_survives_json_exactly() -> None:
    fresh = compiled.compile_loaded(dataset.load_plan())
    codec = compiled._codec()
    text = json.dumps(codec.encode(fresh), ensure_ascii=False, allow_nan=False)
    back = codec.decode(json.loads(text))
    assert back == fresh
    assert back.registry == fresh.registry and back.registry.by_id == fresh.registry.by_id
    assert list(back.tasks) == list(fresh.tasks)  # the order the rules walk them in
    target = back.targets[0]
    assert type(target.threshold).__name__ == "Fraction" and type(back.data_start).__name__ == "date"
    assert isinstance(back.periods, tuple) and isinstance(back.duties[0].applies_to_kinds, tuple)


def test_a_compiled_plan_read_from_the_cache_equals_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path / "cache"))
    plan = copy_data(tmp_path / "data")
    first = compiled._compiled_plan(plan)
    assert _entry(tmp_path / "cache", "plan")

    def no_loading(*args: object) -> object:
        raise AssertionError("the cached entry was not used")

    monkeypatch.setattr(dataset, "load_plan", no_loading)
    second = compiled._compiled_plan(plan)
    assert second == first and second is not first


@pytest.mark.parametrize("contract", ["progress", "config"])
def test_every_contract_schema_is_cached_and_read_back_as_built(contract: str) -> None:
    from cchc_cli import config, progress

    owner = {"progress": progress, "config": config}[contract]
    # the progress contract is built per plan (its duties' report shapes): the bundled one here
    build = (lambda: progress._contract(compiled.compiled_plan(None))) if contract == "progress" else config._contract
    built = contracts.core_schema_of(build)
    functions = owner._functions()
    data = contracts.encode(built, {f: contracts.name_of(f) for f in functions})
    back = contracts._checked(
        contracts.decode(json.loads(json.dumps(data)), {contracts.name_of(f): f for f in functions})
    )
    assert back == built  # functions come back as the very same objects


# -- strict decoding -------------------------------------------------------------------------


def _target(value: dict[str, Any]) -> dict[str, Any]:
    return value["targets"][0]  # type: ignore[no-any-return]


MUTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "zero denominator": lambda v: _target(v).update(threshold=[99, 0]),
    "negative denominator": lambda v: _target(v).update(threshold=[-99, -100]),
    "fraction not in lowest terms": lambda v: _target(v).update(threshold=[198, 200]),
    "fraction as a float": lambda v: _target(v).update(threshold=0.99),
    "fraction of floats": lambda v: _target(v).update(threshold=[99.0, 100]),
    "fraction of three": lambda v: _target(v).update(threshold=[99, 100, 1]),
    "date not ISO": lambda v: v.update(data_start="10/12/2020"),
    "date in ISO basic form": lambda v: v.update(data_start="20201210"),
    "impossible date": lambda v: v.update(data_start="2021-02-30"),
    "date as a number": lambda v: v.update(data_start=20201210),
    "bool for an int": lambda v: v.update(year=True),
    "str for an int": lambda v: v.update(year="2021"),
    "str for a bool": lambda v: _target(v).update(aspirational="false"),
    "missing field": lambda v: _target(v).pop("threshold"),
    "missing digest": lambda v: v.pop("sha256"),
    "extra field": lambda v: _target(v).update(run="rm -rf ~"),
    "null where required": lambda v: v.update(title=None),
    "object for a tuple": lambda v: v.update(periods={}),
    "array for a mapping": lambda v: v.update(tasks=[]),
    "record as an array": lambda v: v.update(title=["vi", "en"]),
    "duplicate agency": lambda v: v["registry"]["agencies"].append(v["registry"]["agencies"][0]),
    "not an object": lambda v: v.clear(),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_the_plan_decoder_refuses_any_other_shape(mutation: str) -> None:
    codec = compiled._codec()
    data = codec.encode(compiled.compile_loaded(dataset.load_plan()))
    assert isinstance(data, dict)
    broken = copy.deepcopy(data)
    MUTATIONS[mutation](broken)
    with pytest.raises(ValueError):  # ShapeError, or the registry's own DuplicateName
        codec.decode(broken)


@pytest.mark.parametrize("mutation", ["zero denominator", "missing field", "extra field", "impossible date"])
def test_a_misshapen_entry_is_an_absent_one(
    mutation: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))
    codec = compiled._codec()
    plan = compiled.compile_loaded(dataset.load_plan())
    assert cache.cached("plan", "k" * 32, lambda: plan, codec.encode, codec.decode) is plan
    entry = tmp_path / f"plan-{'k' * 32}.json"
    _rewrite(entry, lambda v: (MUTATIONS[mutation](v), v)[1])
    rebuilt = compiled.compile_loaded(dataset.load_plan())
    assert cache.cached("plan", "k" * 32, lambda: rebuilt, codec.encode, codec.decode) is rebuilt


def test_an_entry_filed_under_another_key_or_name_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))

    def as_list(data: object) -> list[int]:
        if type(data) is not list:
            raise ShapeError("not a list")
        return data

    cache.cached("demo", "a" * 32, lambda: [1], list, as_list)
    (tmp_path / f"demo-{'b' * 32}.json").write_bytes((tmp_path / f"demo-{'a' * 32}.json").read_bytes())
    (tmp_path / f"other-{'a' * 32}.json").write_bytes((tmp_path / f"demo-{'a' * 32}.json").read_bytes())
    assert cache.cached("demo", "b" * 32, lambda: [2], list, as_list) == [2]
    assert cache.cached("other", "a" * 32, lambda: [3], list, as_list) == [3]
    assert cache.cached("demo", "a" * 32, lambda: [4], list, as_list) == [1]  # the real one still is


# -- planted entries, end to end -------------------------------------------------------------


def _plant_schema(cache_dir: Path, value: Any) -> None:
    """``value`` as the progress schema entry, in today's form and as a pickle at the old name."""
    entry = _entry(cache_dir, "progress-schema")
    _rewrite(entry, lambda _: value)
    entry.with_suffix(".pickle").write_bytes(b"cchc-cache-1\n" + pickle.dumps(value))


def _looser(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], Any]:
    def planted(real: dict[str, Any]) -> Any:
        value = copy.deepcopy(real)
        change(value)
        return value

    return planted


SCHEMA_PLANTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "any": lambda real: {"type": "any"},
    "definitions of any": lambda real: {"type": "definitions", "schema": {"type": "any"}, "definitions": []},
    "unknown keys allowed": _looser(lambda v: v["schema"].update(extra_behavior="ignore")),
    "no fields": _looser(lambda v: v["schema"].update(fields={})),
    "a function of someone else's": lambda real: json.loads(
        json.dumps(real).replace('"cchc_cli.dates:coerce_date"', '"os:system"')
    ),
    "not a schema": lambda real: [],
}


@pytest.mark.parametrize("plant", list(SCHEMA_PLANTS))
def test_a_planted_schema_does_not_turn_validation_off(plant: str, tmp_path: Path) -> None:
    cache_dir, code, report = _warm(tmp_path, _unknown_key_file(tmp_path))
    assert code == 2 and "CCHC002" in _rules(report)
    real = json.loads(_entry(cache_dir, "progress-schema").read_text(encoding="utf-8"))["value"]
    assert real["type"] == "definitions"  # what the progress contract builds today
    _plant_schema(cache_dir, SCHEMA_PLANTS[plant](real))
    code_after, after = _check(_unknown_key_file(tmp_path), cache_dir)
    assert code_after == 2 and "CCHC002" in _rules(after)
    assert _same_verdict(report, after)


def _bogus_digest(value: dict[str, Any]) -> dict[str, Any]:
    value["sha256"] = "0" * 64
    return value


def _no_digest(value: dict[str, Any]) -> dict[str, Any]:
    del value["sha256"]
    return value


@pytest.mark.parametrize("digest", ["wrong", "absent"])
def test_a_planted_plan_without_the_files_digest_does_not_change_the_verdict(digest: str, tmp_path: Path) -> None:
    plan = copy_data(tmp_path / "data")
    progress = _on_time_file(tmp_path)
    cache_dir, code, report = _warm(tmp_path, progress, plan)
    assert "CCHC101" in _rules(report)
    fix = _bogus_digest if digest == "wrong" else _no_digest
    _rewrite(_entry(cache_dir, "plan"), lambda v: fix(_lower_on_time_threshold(v)))
    code_after, after = _check(progress, cache_dir, plan)
    assert code_after == code and _same_verdict(report, after)


def test_a_planted_plan_naming_other_files_with_their_digest_is_not_used(tmp_path: Path) -> None:
    plan = copy_data(tmp_path / "data")
    progress = _on_time_file(tmp_path)
    cache_dir, code, report = _warm(tmp_path, progress, plan)
    # Files elsewhere that really do say 95%, and their real digest: consistent, but not this plan's.
    other = copy_data(tmp_path / "other")
    other.write_text(
        other.read_text(encoding="utf-8").replace("threshold_percent: 99\n", "threshold_percent: 95\n", 1),
        encoding="utf-8",
    )
    theirs = compiled.compile_loaded(dataset.load_plan(other))

    def elsewhere(value: dict[str, Any]) -> dict[str, Any]:
        value = _lower_on_time_threshold(value)
        value.update(files=theirs.files, sha256=theirs.sha256)
        return value

    _rewrite(_entry(cache_dir, "plan"), elsewhere)
    code_after, after = _check(progress, cache_dir, plan)
    assert code_after == code and _same_verdict(report, after)


def _plant_lower_threshold(tmp_path: Path) -> tuple[Path, Path, Path, dict[str, Any]]:
    """A warm cache whose plan entry is well formed, current, and says 95%: believed if read.

    (That it is believed from a private directory is the documented trust boundary: the user's
    own files are trusted, like ~/.bashrc. The tests below check it is believed from nowhere else.)
    """
    plan = copy_data(tmp_path / "data")
    progress = _on_time_file(tmp_path)
    cache_dir, _, report = _warm(tmp_path, progress, plan)
    assert "CCHC101" in _rules(report)
    _rewrite(_entry(cache_dir, "plan"), _lower_on_time_threshold)
    _, planted = _check(progress, cache_dir, plan)
    assert "CCHC101" not in _rules(planted)  # control: this entry would change the verdict
    return plan, progress, cache_dir, report


def _listing(directory: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in directory.iterdir()}


@needs_root
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_the_users_own_directory_open_to_others_is_closed_and_others_entries_ignored(mode: int, tmp_path: Path) -> None:
    # An older cchc made the directory under the user's umask (0o775 under umask 002). cchc closes
    # it to others and goes on; an entry someone else left there while it was open is not believed.
    plan, progress, cache_dir, report = _plant_lower_threshold(tmp_path)
    os.chmod(cache_dir, mode)
    os.chown(_entry(cache_dir, "plan"), 12345, 12345)
    _, after = _check(progress, cache_dir, plan)
    assert _same_verdict(report, after)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == mode & ~0o022
    assert _entry(cache_dir, "plan").stat().st_uid == os.geteuid()  # rebuilt by the user


@needs_root
def test_a_directory_of_another_user_is_neither_read_nor_written(tmp_path: Path) -> None:
    plan, progress, cache_dir, report = _plant_lower_threshold(tmp_path)
    for p in (cache_dir, *cache_dir.iterdir()):
        os.chown(p, 12345, 12345)
    before = _listing(cache_dir)
    _, after = _check(progress, cache_dir, plan)
    assert _same_verdict(report, after)
    assert _listing(cache_dir) == before
    empty = tmp_path / "empty"
    empty.mkdir(mode=0o700)
    os.chown(empty, 12345, 12345)
    _check(progress, empty, plan)
    assert list(empty.iterdir()) == []


@needs_root
def test_an_entry_of_another_user_is_not_read(tmp_path: Path) -> None:
    plan, progress, cache_dir, report = _plant_lower_threshold(tmp_path)
    os.chown(_entry(cache_dir, "plan"), 12345, 12345)
    _, after = _check(progress, cache_dir, plan)
    assert _same_verdict(report, after)
    assert _entry(cache_dir, "plan").stat().st_uid == os.geteuid()  # rebuilt in its place


@pytest.mark.skipif(not POSIX_OWNERS, reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_an_entry_others_can_write_is_not_read(mode: int, tmp_path: Path) -> None:
    plan, progress, cache_dir, report = _plant_lower_threshold(tmp_path)
    os.chmod(_entry(cache_dir, "plan"), mode)
    _, after = _check(progress, cache_dir, plan)
    assert _same_verdict(report, after)
    assert stat.S_IMODE(_entry(cache_dir, "plan").stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="needs O_NOFOLLOW")
def test_an_entry_that_is_a_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    plan, progress, cache_dir, report = _plant_lower_threshold(tmp_path)
    entry = _entry(cache_dir, "plan")
    outside = tmp_path / "elsewhere.json"
    entry.rename(outside)
    planted = outside.read_bytes()
    entry.symlink_to(outside)
    _, after = _check(progress, cache_dir, plan)
    assert _same_verdict(report, after)
    assert outside.read_bytes() == planted  # not written through the link either
    assert not _entry(cache_dir, "plan").is_symlink()


class _Marker:
    """Unpickling this creates the file ``path``: proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (exec, (f"open({str(self.path)!r}, 'w').close()",))


def test_a_pickle_is_never_loaded_whatever_its_name(tmp_path: Path) -> None:
    plan = copy_data(tmp_path / "data")
    progress = _on_time_file(tmp_path)
    cache_dir, code, report = _warm(tmp_path, progress, plan)
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(_Marker(marker))
    entries = list(cache_dir.iterdir())
    assert {p.name.split("-")[0] for p in entries} == {"plan", "progress"}
    for prefix in (b"", b"cchc-cache-1\n"):  # as a bare pickle, and as the old format wrote it
        for entry in entries:
            for name in (entry.name, entry.name.replace(".json", ".pickle")):
                (cache_dir / name).write_bytes(prefix + payload)
                os.chmod(cache_dir / name, 0o600)
        code_after, after = _check(progress, cache_dir, plan)
        assert not marker.exists()
        assert code_after == code and _same_verdict(report, after)
    assert not list(cache_dir.glob("*.pickle"))  # leftovers of the old format are cleared away


# -- damaged entries, bounds, permissions of what cchc creates -------------------------------


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "corrupt": lambda raw: b"\x00\xff not json" + raw[:100],
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "not UTF-8": lambda raw: raw.replace(b'"', b'\xff"', 1),
    "NaN": lambda raw: raw.replace(b'"value":', b'"nan":NaN,"value":', 1),
    "deeply nested": lambda raw: b"[" * 200_000 + b"]" * 200_000,
    "huge": lambda raw: raw[:-1] + b',"pad":"' + b"x" * (9 * 1024 * 1024) + b'"}',
    "wrong format": lambda raw: raw.replace(b"cchc-cache-2", b"cchc-cache-9", 1),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_entry_is_rebuilt_with_the_same_verdict(damage: str, tmp_path: Path) -> None:
    progress = _on_time_file(tmp_path)
    cache_dir, code, report = _warm(tmp_path, progress)
    for name in ("plan", "progress-schema"):
        entry = _entry(cache_dir, name)
        entry.write_bytes(DAMAGE[damage](entry.read_bytes()))
    code_after, after = _check(progress, cache_dir)
    assert code_after == code and _same_verdict(report, after)
    for name in ("plan", "progress-schema"):
        assert json.loads(_entry(cache_dir, name).read_bytes())["format"] == "cchc-cache-2"  # rebuilt


def test_an_entry_over_the_bound_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(tmp_path))
    cache.cached("demo", "a" * 32, lambda: "x" * 1000, str, str)
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 500)
    assert cache.cached("demo", "a" * 32, lambda: "rebuilt", str, str) == "rebuilt"


@pytest.mark.skipif(not POSIX_OWNERS, reason="POSIX permissions")
def test_cchc_makes_its_cache_directory_and_entries_private(tmp_path: Path) -> None:
    cache_dir = tmp_path / "deep" / "cache"
    old = os.umask(0)  # even with a permissive umask
    try:
        _check(_on_time_file(tmp_path), cache_dir)
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    entries = list(cache_dir.iterdir())
    assert entries and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in entries)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_plan_that_is_a_device_is_not_read_to_make_a_cache_key(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "check", str(REPO_ROOT / "examples" / "so-tu-phap-FY.yaml"),
         "--plan", "/dev/zero", "--lang", "en"],
        capture_output=True, text=True, env=known_env(CCHC_CACHE_DIR=str(tmp_path / "cache")),
        check=False, timeout=60,
    )
    assert done.returncode == 2
    assert "/dev/zero" in done.stderr and "not a regular file" in done.stderr
