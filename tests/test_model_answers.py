"""Questions several modules ask, each answered once, on the model it is about (issue 15).

Does a unit send the periodic reports (the report's due date, CCHC401, the roll-up's "not
reported", the calendar)? Does a rate meet its target (the rule for one unit, the roll-up for the
city)? Which period does a name mean (a file's ``period:``, ``--period``, the dataset's due days)?
Which agency does a name mean (a file's ``agency:``, ``--agency``)? Was a file judged (every format,
the run's counts)? How does a data path walk a file's data? Each answer is pinned here, apart
from the callers that used to work it out for themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from cchc_cli import api
from cchc_cli.agencies import Agency, AgencyGroup, LookupProblem, Records, Registry
from cchc_cli.compiled import CompiledPlan, CompiledTarget, Bilingual, compiled_plan
from cchc_cli.datapath import ABSENT, entries, present_prefix, step
from cchc_cli.dataset import LoadedPlan
from cchc_cli.errors import UsageError
from cchc_cli.models.agency import AGENCY_KINDS
from cchc_cli.models.report import RunCounts, Severity
from cchc_cli.rules.inputs import resolve_agency

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled plans go to a throw-away cache, never the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CCHC_CACHE_DIR", str(tmp_path_factory.mktemp("cchc-cache")))
        mp.delenv("CCHC_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="module")
def compiled() -> CompiledPlan:
    return compiled_plan()


# -- does this unit send the periodic reports --------------------------------------------------

#: Section III.2 of the plan: "Các Sở, cơ quan tương đương Sở, UBND các quận, huyện, thị xã" report
#: each period; nobody else does, whatever their kind (written out here, not read from the plan).
PERIODIC_KINDS = {"department", "district"}


@pytest.mark.parametrize("kind", AGENCY_KINDS)
def test_a_unit_reports_periodically_by_its_kind(compiled: CompiledPlan, kind: str) -> None:
    assert compiled.reports_periodically("some-unit", kind) is (kind in PERIODIC_KINDS)


def test_a_unit_named_as_a_reporter_reports_whatever_its_kind(compiled: CompiledPlan) -> None:
    plan = compiled._replace(periodic_reporter_agencies=("vien-nghien-cuu-phat-trien-kinh-te-xa-hoi",))
    assert plan.reports_periodically("vien-nghien-cuu-phat-trien-kinh-te-xa-hoi", "institute")
    assert not plan.reports_periodically("another-institute", "institute")


def test_the_report_is_due_for_the_units_that_report(tmp_path: Path) -> None:
    """The engine sets a report's due date (and CCHC401 can fire) only for a periodic reporter."""
    dept = api.check(REPO / "examples" / "so-tu-phap-FY.yaml")
    assert dept.report_due == date(2021, 12, 15)
    institute = tmp_path / "institute.yaml"
    institute.write_text("schema_version: 1\nagency: vien-nghien-cuu-phat-trien-kinh-te-xa-hoi\nperiod: FY\n"
                         "submitted_on: 2021-12-31\n", encoding="utf-8")
    report = api.check(institute)
    assert report.judged and report.report_due is None
    assert "CCHC401" not in {f.rule for f in report.findings}


# -- does a rate meet its target ---------------------------------------------------------------


def _target(comparator: str, percent: int) -> CompiledTarget:
    label = Bilingual("x", "x")
    return CompiledTarget("T", label, "n", label, "d", label, comparator, Fraction(percent, 100), str(percent), "", False, ())


@pytest.mark.parametrize(
    ("comparator", "percent", "value", "met"),
    [
        (">=", 99, Fraction(99, 100), True),  # on the threshold
        (">=", 99, Fraction(98_999_999, 100_000_000), False),  # a hair below: exact, never rounded
        (">=", 99, Fraction(1), True),
        (">", 80, Fraction(80, 100), False),  # on the threshold is not above it
        (">", 80, Fraction(80_000_001, 100_000_000), True),
        ("==", 100, Fraction(1), True),
        ("==", 100, Fraction(999, 1000), False),
    ],
)
def test_a_rate_meets_a_target_exactly(comparator: str, percent: int, value: Fraction, met: bool) -> None:
    assert _target(comparator, percent).met_by(value) is met


def test_the_plan_targets_answer_for_their_own_threshold(compiled: CompiledPlan) -> None:
    for target in compiled.targets:
        assert target.met_by(target.threshold) is (target.comparator in (">=", "=="))
        assert target.met_by(target.threshold - Fraction(1, 10**9)) is False


# -- which period does a name mean -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "period_id"),
    [
        ("Q1", "Q1"), ("q1", "Q1"), ("Quý I", "Q1"), ("quy i", "Q1"), ("Quý I/2021", "Q1"),
        ("6 tháng", "H1"), ("6 tháng năm 2021", "H1"), ("H1", "H1"),
        ("9 tháng", "9M"), ("9M", "9M"),
        ("FY", "FY"), ("năm", "FY"),
    ],
)
def test_the_compiled_plan_and_the_dataset_name_the_same_period(
    compiled: CompiledPlan, plan: LoadedPlan, query: str, period_id: str
) -> None:
    assert compiled.period(query).id == period_id
    assert plan.period(query).id == period_id


@pytest.mark.parametrize("query", ["Q5", "Quý V", "2021", "", "Q1/2020"])
def test_a_name_of_no_period_is_a_key_error_in_both(compiled: CompiledPlan, plan: LoadedPlan, query: str) -> None:
    with pytest.raises(KeyError):
        compiled.period(query)
    with pytest.raises(KeyError):
        plan.period(query)


# -- which agency does a name mean -------------------------------------------------------------


def test_a_known_name_resolves_to_its_agency(compiled: CompiledPlan) -> None:
    found = compiled.registry.resolve("UBND quận Hoàn Kiếm")
    assert isinstance(found, Agency) and found.id == "quan-hoan-kiem"


@pytest.mark.parametrize(("query", "kind"), [("Sở Không Có", "unknown"), ("Sở, Ban, Ngành", "group")])
def test_a_name_that_is_no_agency_says_why(compiled: CompiledPlan, query: str, kind: str) -> None:
    problem = compiled.registry.resolve(query)
    assert isinstance(problem, LookupProblem) and problem.kind == kind


def test_a_shared_short_name_is_ambiguous() -> None:
    twins = (Agency("a-1", "Sở A Một", "Dept A1", "department", short_name="A"),
             Agency("a-2", "Sở A Hai", "Dept A2", "department", short_name="A"))
    problem = Registry(Records(twins, ())).resolve("A")
    assert isinstance(problem, LookupProblem) and problem.kind == "ambiguous"


@pytest.mark.parametrize("query", ["Sở Không Có", "Sở, Ban, Ngành"])
def test_a_file_and_the_command_line_word_a_failed_lookup_alike(compiled: CompiledPlan, query: str) -> None:
    """CCHC003 for a file's ``agency:`` and the usage error for ``--agency`` rest on one lookup."""
    problem = compiled.registry.resolve(query)
    assert isinstance(problem, LookupProblem)
    agency, draft = resolve_agency(compiled, query)
    assert agency is None and draft is not None
    assert (draft.message.vi, draft.message.en) == problem.message
    with pytest.raises(UsageError) as raised:
        api.resolve_agency(compiled, query)
    assert tuple(raised.value.message) == problem.message  # both languages (issue 15: a Bilingual)


def test_groups_are_not_agencies_for_a_lookup() -> None:
    registry = Registry(Records((Agency("a-1", "Sở A", "Dept A", "department"),),
                                (AgencyGroup("all", "Sở, Ban, Ngành", "all departments", ("department",)),)))
    assert registry.resolve("Sở A") == registry.get("a-1")
    assert isinstance(registry.resolve("Sở, Ban, Ngành"), LookupProblem)


# -- was this file judged ----------------------------------------------------------------------


def test_a_file_is_judged_when_its_agency_and_period_are_told(tmp_path: Path) -> None:
    good = api.check(REPO / "examples" / "so-tu-phap-FY.yaml")
    assert good.judged
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("schema_version: 1\nagency: Sở Không Có\nperiod: Q1\n", encoding="utf-8")
    no_agency = api.check(unknown)
    assert not no_agency.judged and no_agency.period == "Q1"
    broken = tmp_path / "broken.yaml"
    broken.write_text("agency: [\n", encoding="utf-8")
    unreadable = api.check(broken)
    assert not unreadable.judged
    counts = RunCounts.of([good, no_agency, unreadable], Severity.error)
    assert counts.files == 3 and counts.unreadable == 2


# -- one path walker -------------------------------------------------------------------------


DATA = {"tasks": {"II.1": {"status": "done", "occurrences": [date(2021, 1, 5), date(2021, 2, 5)]}}, "as_of": date(2021, 3, 10)}


def test_a_step_indexes_mappings_by_key_and_lists_by_position() -> None:
    tasks = step(DATA, "tasks")
    assert isinstance(tasks, dict) and step(tasks, "II.1") is DATA["tasks"]["II.1"]
    assert step([10, 20], 1) == 20
    for node, part in [([10, 20], 2), ([10, 20], -1), ([10], "0"), ({"a": 1}, "b"), ("text", 0), ({"a": 1}, ["a"])]:
        assert step(node, part) is ABSENT  # an unhashable part (a hostile key) is absent, not a crash


def test_the_present_prefix_is_where_a_missing_entry_is_reported() -> None:
    assert present_prefix(DATA, ("tasks", "II.2", "status")) == ("tasks",)
    assert present_prefix(DATA, ("tasks", "II.1", "occurrences", 1)) == ("tasks", "II.1", "occurrences", 1)
    assert present_prefix(DATA, ("duties",)) == ()


def test_entries_walk_parents_before_children_in_file_order() -> None:
    assert [path for path, _ in entries(DATA)] == [
        ("tasks",), ("tasks", "II.1"), ("tasks", "II.1", "status"), ("tasks", "II.1", "occurrences"),
        ("tasks", "II.1", "occurrences", 0), ("tasks", "II.1", "occurrences", 1), ("as_of",),
    ]
    assert [v for p, v in entries(DATA) if isinstance(v, date)] == [date(2021, 1, 5), date(2021, 2, 5), date(2021, 3, 10)]
