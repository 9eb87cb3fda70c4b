"""The check rules, table by table, with boundary values on both sides of every threshold and date.

Every case starts from a *clean* progress file: one that, for its agency and as-of date, meets
every target, has done every task it leads on time, has carried out every section V duty that
applies to it, and so yields no finding at all (``test_clean_file_has_no_findings`` proves it).
A case then changes a few keys of that file and states the **exact** set of (rule, subject)
pairs the check must report. An extra finding anywhere in the report fails the case, so
"expected present" and "must be absent" are one assertion: everything not listed is absent.

The cases call :func:`cchc_cli.api.check` directly (no subprocess). Dates and ids in the tables
are written out from the plan (Quyết định 5743/QĐ-UBND) rather than read back from the tool, so
the tables also pin the data: Sở Tư pháp leads II.1–II.4 (due 2021-03-31 and 2021-06-30),
Văn phòng UBND leads the monthly III.4.1, Sở Nội vụ leads I.6 ("Theo hướng dẫn…") and I.9 (after
the PAPI/SIPAS/PARINDEX publication); reports are due on the 15th of the period's last month.
"""

from __future__ import annotations

import calendar
import copy
import functools
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cchc_cli import api
from cchc_cli.models.report import Report, Severity

D = date.fromisoformat

DEPT = "so-tu-phap"  # a department (Sở Tư pháp): leads II.1–II.4, a periodic reporter
DISTRICT = "quan-hoan-kiem"  # a district (Quận Hoàn Kiếm): leads no appendix task
VPUB = "van-phong-ubnd"  # a department that leads the monthly task III.4.1
SNV = "so-noi-vu"  # a department that leads the guidance task I.6 and the event task I.9
INSTITUTE = "vien-nghien-cuu-phat-trien-kinh-te-xa-hoi"  # leads I.4, I.5; no targets, no duties, no periodic report
KHDT = "so-ke-hoach-dau-tu"  # leads I.11, "Ngay sau khi Chỉ số PCI được công bố"
STTTT = "so-thong-tin-truyen-thong"  # leads VII.2, printed "Quý I/2020" and read as Q1/2021 (erratum E01)

#: A key path whose value is removed from the clean file.
DELETE = object()

#: The cut-off (default as-of date) of each reporting period.
CUTOFF = {"Q1": D("2021-03-10"), "H1": D("2021-06-10"), "9M": D("2021-09-10"), "FY": D("2021-12-10")}
#: The day the City must receive each period's report.
DUE = {"Q1": D("2021-03-15"), "H1": D("2021-06-15"), "9M": D("2021-09-15"), "FY": D("2021-12-15")}

Pair = tuple[str, str]


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled plans and validators go to a throw-away cache, never the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CCHC_CACHE_DIR", str(tmp_path_factory.mktemp("cchc-cache")))
        mp.delenv("CCHC_NO_CACHE", raising=False)
        yield


# -- the clean file ---------------------------------------------------------------------------


@functools.cache
def _kind(agency: str) -> str:
    return str(next(a for a in api.list_agencies(api.open_plan(None)) if a["id"] == agency)["kind"])


@functools.cache
def _led_tasks(agency: str) -> tuple[tuple[str, date | None, str], ...]:
    """(id, due, deadline kind) of each appendix task the agency leads."""
    loaded = api.open_plan(None)
    views = api.filter_tasks(api.views_of(loaded), loaded, agency=agency)
    return tuple((v["id"], D(v["due"]) if v["due"] else None, v["deadline"]["kind"]) for v in views)


def _month_end(month: int) -> date:
    return date(2021, month, calendar.monthrange(2021, month)[1])


def clean(agency: str, period: str, as_of: date) -> dict[str, Any]:
    """A progress file with nothing to report: every date on or before ``as_of`` and on time."""
    kind = _kind(agency)

    def upto(days: list[date]) -> list[date]:
        return [d for d in days if d <= as_of]

    early = min(D("2021-01-15"), as_of)  # before every dated duty's due day (the earliest is 2021-01-31)
    doc: dict[str, Any] = {"schema_version": 1, "agency": agency, "period": period, "as_of": as_of}

    tasks: dict[str, Any] = {}
    for task_id, due, deadline_kind in _led_tasks(agency):
        if deadline_kind == "recurring":  # monthly: one occurrence in every month so far
            tasks[task_id] = {"status": "in_progress", "occurrences": upto([date(2021, m, 25) for m in range(1, 13)])}
        elif due is not None:
            tasks[task_id] = {"status": "done", "completed_on": min(due, as_of)}
        else:  # guidance, direction, event, reporting: no fixed date
            tasks[task_id] = {"status": "in_progress"}
    if tasks:
        doc["tasks"] = tasks

    if kind in ("department", "district"):
        doc["indicators"] = {
            "satisfaction": {"surveyed": 1250, "satisfied": 1130},
            "on_time_dossiers": {"resolved": 2300, "on_time": 2300},
            "online_services": {"level_3_4": 120, "integrated": 41},
            "frontline_staff_training": {"staff": 38, "trained": 38},
            "audit_recommendations": {"total": 9, "handled": 9},
        }
        duties: dict[str, Any] = {
            "agency_plan": {"issued_on": early},
            "communication": {
                "forms": ["conference", "website", "press", "contest", "social_media"],
                "online": upto([D("2021-02-15"), D("2021-05-15"), D("2021-08-16"), D("2021-11-15")]),
            },
            "staff_training": {"completed_on": early},
            "dialogues": upto([D("2021-03-02"), D("2021-09-24")]),
            "monthly_task_reports": upto([date(2021, m, 25) for m in range(1, 13)]),
            "tthc_publication": (
                [{"approved_on": D("2021-01-04"), "published_on": D("2021-01-06")}] if as_of >= D("2021-01-06") else []
            ),
            "monthly_results_publication": upto([_month_end(m) for m in range(1, 13)]),
            "one_stop_regulation": {"issued_on": early},
            "iso_9001": {"applied_on": early},
            "feedback_survey": {"completed_on": early},
            "inspection": {"plan_issued_on": early, "units": 10, "units_inspected": 10},
        }
        if kind == "district":
            doc["indicators"]["commune_officials_training"] = {"officials": 340, "trained": 340}
            duties["quarterly_inspection_reports"] = upto([date(2021, q * 3, 10) for q in range(1, 5)])
            duties["par_index_self_assessment"] = {"completed_on": early}
            duties["monthly_evaluations"] = upto([date(2021, m, 25) for m in range(1, 13)])
            duties["quarterly_evaluations"] = upto([date(2021, q * 3, 25) for q in range(1, 5)])
            duties["yearly_evaluations"] = upto([D("2021-12-20")])
        doc["duties"] = duties
    return doc


def apply(doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with each "a/b/c" key path set to its value (DELETE removes it). Task ids hold dots."""
    out = copy.deepcopy(doc)
    for key_path, value in changes.items():
        *parents, last = key_path.split("/")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        if value is DELETE:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return out


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "progress.yaml"
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None  # block mappings, short lists inline: how people write these files
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]  # schema_version, agency, period, as_of, … in that order
    yaml.width = 120
    yaml.representer.ignore_aliases = lambda _data: True  # a shared date is written out, not as &id001
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
    return path


def check(
    tmp_path: Path,
    agency: str,
    period: str,
    as_of: date,
    changes: dict[str, Any] | None = None,
    plan_path: Path | None = None,
) -> Report:
    doc = apply(clean(agency, period, as_of), changes or {})
    return api.check(write(tmp_path, doc), plan_path=plan_path)


def pairs(report: Report, prefix: str = "CCHC") -> set[Pair]:
    return {(f.rule, f.subject) for f in report.findings if f.rule.startswith(prefix)}


def only(report: Report, rule: str, subject: str) -> Any:
    found = [f for f in report.findings if f.rule == rule and f.subject == subject]
    assert len(found) == 1, [(f.rule, f.subject, f.message.en) for f in report.findings]
    return found[0]


def case(case_id: str, agency: str, period: str, as_of: str, changes: dict[str, Any], *expected: Pair) -> Any:
    return pytest.param(agency, period, D(as_of), changes, set(expected), id=case_id)


def _assert_exact(report: Report, expected: set[Pair]) -> None:
    got = pairs(report)
    detail = "\n".join(f"  {f.rule} {f.subject}: {f.message.en}" for f in report.findings)
    assert got == expected, f"\nexpected {sorted(expected)}\ngot      {sorted(got)}\n{detail}"


# -- the clean file itself --------------------------------------------------------------------


@pytest.mark.parametrize("agency", [DEPT, DISTRICT, VPUB, SNV, INSTITUTE])
@pytest.mark.parametrize(
    "period, as_of",
    [("Q1", "2021-01-31"), ("Q1", "2021-03-10"), ("H1", "2021-04-01"), ("H1", "2021-06-10"),
     ("9M", "2021-09-10"), ("FY", "2021-12-10"), ("FY", "2021-12-31")],
)
def test_clean_file_has_no_findings(tmp_path: Path, agency: str, period: str, as_of: str) -> None:
    report = check(tmp_path, agency, period, D(as_of))
    _assert_exact(report, set())
    assert report.exit_code(Severity.info) == 0


# -- targets (section I.3) --------------------------------------------------------------------

OT = "indicator:on_time_dossiers"
SAT = "indicator:satisfaction"
ONL = "indicator:online_services"
TRN = "indicator:frontline_staff_training"
AUD = "indicator:audit_recommendations"
COM = "indicator:commune_officials_training"
DEPT_TARGETS = (SAT, OT, ONL, TRN, AUD)


def _counts(indicator: str, denominator: int, numerator: int) -> dict[str, Any]:
    names = {
        "satisfaction": ("surveyed", "satisfied"),
        "on_time_dossiers": ("resolved", "on_time"),
        "online_services": ("level_3_4", "integrated"),
        "frontline_staff_training": ("staff", "trained"),
        "audit_recommendations": ("total", "handled"),
        "commune_officials_training": ("officials", "trained"),
    }[indicator]
    return {f"indicators/{indicator}": {names[0]: denominator, names[1]: numerator}}


TARGET_CASES = [
    # on-time dossiers, >= 99%: exact fractions, never rounded
    case("on_time-2277of2300-exactly-99", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 2300, 2277)),
    case("on_time-2276of2300-98.96", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 2300, 2276), ("CCHC101", OT)),
    case("on_time-99of100", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 100, 99)),
    case("on_time-98of100", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 100, 98), ("CCHC101", OT)),
    case("on_time-district-2276of2300", DISTRICT, "H1", "2021-06-10", _counts("on_time_dossiers", 2300, 2276), ("CCHC101", OT)),
    # satisfaction, "phấn đấu" >= 85%: a strive target missed is CCHC102 (an error, see below)
    case("satisfaction-1700of2000-exactly-85", DEPT, "H1", "2021-06-10", _counts("satisfaction", 2000, 1700)),
    case("satisfaction-1699of2000", DEPT, "H1", "2021-06-10", _counts("satisfaction", 2000, 1699), ("CCHC102", SAT)),
    case("satisfaction-85of100", DEPT, "H1", "2021-06-10", _counts("satisfaction", 100, 85)),
    case("satisfaction-84of100", DEPT, "H1", "2021-06-10", _counts("satisfaction", 100, 84), ("CCHC102", SAT)),
    # online services, "phấn đấu" >= 30%
    case("online-30of100-exactly-30", DEPT, "H1", "2021-06-10", _counts("online_services", 100, 30)),
    case("online-29of100", DEPT, "H1", "2021-06-10", _counts("online_services", 100, 29), ("CCHC102", ONL)),
    case("online-3of10", DEPT, "H1", "2021-06-10", _counts("online_services", 10, 3)),
    case("online-2of10", DEPT, "H1", "2021-06-10", _counts("online_services", 10, 2), ("CCHC102", ONL)),
    # front-line staff training, >= 100%
    case("training-38of38", DEPT, "H1", "2021-06-10", _counts("frontline_staff_training", 38, 38)),
    case("training-37of38", DEPT, "H1", "2021-06-10", _counts("frontline_staff_training", 38, 37), ("CCHC101", TRN)),
    # audit recommendations, >= 90%
    case("audit-9of10-exactly-90", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 10, 9)),
    case("audit-8of10", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 10, 8), ("CCHC101", AUD)),
    case("audit-18of20", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 20, 18)),
    case("audit-17of20", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 20, 17), ("CCHC101", AUD)),
    case("audit-10of11-first-above", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 11, 10)),
    case("audit-9of11-below", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 11, 9), ("CCHC101", AUD)),
    # commune officials: districts only
    case("commune-district-340of340", DISTRICT, "H1", "2021-06-10", _counts("commune_officials_training", 340, 340)),
    case("commune-district-339of340", DISTRICT, "H1", "2021-06-10", _counts("commune_officials_training", 340, 339), ("CCHC101", COM)),
    case("commune-district-missing", DISTRICT, "H1", "2021-06-10", {"indicators/commune_officials_training": DELETE}, ("CCHC103", COM)),
    case("commune-department-not-applicable", DEPT, "H1", "2021-06-10", _counts("commune_officials_training", 340, 340), ("CCHC010", COM)),
    case("commune-department-not-applicable-not-judged", DEPT, "H1", "2021-06-10", _counts("commune_officials_training", 340, 1), ("CCHC010", COM)),
    # nothing to judge yet, impossible counts
    case("denominator-0", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 0, 0), ("CCHC104", OT)),
    case("audit-denominator-0", DEPT, "H1", "2021-06-10", _counts("audit_recommendations", 0, 0), ("CCHC104", AUD)),
    case("numerator-equals-denominator", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 2300, 2300)),
    case("numerator-above-denominator", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 2300, 2301), ("CCHC006", OT)),
    case("numerator-above-denominator-0", DEPT, "H1", "2021-06-10", _counts("on_time_dossiers", 0, 1), ("CCHC006", OT)),
    # missing indicators
    case("missing-one-indicator", DEPT, "H1", "2021-06-10", {"indicators/on_time_dossiers": DELETE}, ("CCHC103", OT)),
    case("missing-all-indicators-department", DEPT, "H1", "2021-06-10", {"indicators": DELETE},
         *(("CCHC103", s) for s in DEPT_TARGETS)),
    case("missing-all-indicators-district", DISTRICT, "H1", "2021-06-10", {"indicators": DELETE},
         *(("CCHC103", s) for s in (*DEPT_TARGETS, COM))),
    case("empty-indicators-department", DEPT, "H1", "2021-06-10", {"indicators": {}},
         *(("CCHC103", s) for s in DEPT_TARGETS)),
    # unknown indicator, unknown or missing count
    case("unknown-indicator", DEPT, "H1", "2021-06-10", {"indicators/on_time_dossier": {"resolved": 10, "on_time": 10}},
         ("CCHC008", "indicator:on_time_dossier")),
    case("unknown-indicator-instead-of-known", DEPT, "H1", "2021-06-10",
         {"indicators/on_time_dossiers": DELETE, "indicators/on_time_dossier": {"resolved": 10, "on_time": 10}},
         ("CCHC008", "indicator:on_time_dossier"), ("CCHC103", OT)),
    case("unknown-count", DEPT, "H1", "2021-06-10", {"indicators/on_time_dossiers/late": 0}, ("CCHC008", OT)),
    case("misspelt-count", DEPT, "H1", "2021-06-10", {"indicators/on_time_dossiers": {"resolvd": 2300, "on_time": 2300}},
         ("CCHC008", OT)),
    case("missing-count", DEPT, "H1", "2021-06-10", {"indicators/on_time_dossiers/resolved": DELETE}, ("CCHC008", OT)),
    case("no-counts", DEPT, "H1", "2021-06-10", {"indicators/on_time_dossiers": {}}, ("CCHC008", OT)),
]


@pytest.mark.parametrize("agency, period, as_of, changes, expected", TARGET_CASES)
def test_targets(tmp_path: Path, agency: str, period: str, as_of: date, changes: dict[str, Any], expected: set[Pair]) -> None:
    _assert_exact(check(tmp_path, agency, period, as_of, changes), expected)


@pytest.mark.parametrize(
    "indicator, denominator, numerator, severity",
    [
        ("on_time_dossiers", 2300, 2276, Severity.error),
        ("frontline_staff_training", 38, 37, Severity.error),
        ("audit_recommendations", 10, 8, Severity.error),
        # "Phấn đấu … tối thiểu 85%", "Phấn đấu 30%": strive targets are targets, missed is an error
        ("satisfaction", 100, 84, Severity.error),
        ("online_services", 100, 29, Severity.error),
    ],
)
def test_missed_target_severity(tmp_path: Path, indicator: str, denominator: int, numerator: int, severity: Severity) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts(indicator, denominator, numerator))
    (finding,) = report.findings
    assert finding.severity is severity


@pytest.mark.parametrize("indicator, numerator, threshold", [("satisfaction", 84, "85%"), ("online_services", 29, "30%")])
def test_strive_target_keeps_its_rule_and_label(tmp_path: Path, indicator: str, numerator: int, threshold: str) -> None:
    """A missed strive target fails like any target, yet stays CCHC102 and says "(phấn đấu)"."""
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts(indicator, 100, numerator))
    (finding,) = report.findings
    assert (finding.rule, finding.slug) == ("CCHC102", "aspirational-target-missed")
    assert f"{threshold} (phấn đấu)" in finding.message.vi
    assert f"{threshold} (aspirational)" in finding.message.en
    assert report.exit_code(Severity.error) == 1


def test_missed_rate_is_truncated_never_rounded(tmp_path: Path) -> None:
    """2276/2300 = 98.9565…%: shown as 98.95%, never as 99.0% or 99.00%, in either language."""
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts("on_time_dossiers", 2300, 2276))
    finding = only(report, "CCHC101", OT)
    assert "98.95%" in finding.message.en
    assert "98,95%" in finding.message.vi
    assert "2,276/2,300" in finding.message.en and "2.276/2.300" in finding.message.vi  # grouped, each its own way
    for text in (finding.message.en, finding.message.vi):
        assert "99.0" not in text and "99,0" not in text and "98.96" not in text and "98,96" not in text
    assert "1 more needed" in finding.message.en  # one dossier short of 2277
    (row,) = [r for r in report.targets if r.id == "on_time_dossiers"]
    assert (row.verdict, row.shortfall) == ("missed", 1)


def test_met_rate_row_is_exact(tmp_path: Path) -> None:
    from fractions import Fraction

    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts("on_time_dossiers", 2300, 2277))
    (row,) = [r for r in report.targets if r.id == "on_time_dossiers"]
    assert row.verdict == "met"
    assert row.value == Fraction(2277, 2300) == Fraction(99, 100)


def test_unknown_indicator_suggests_the_closest(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"indicators/on_time_dossier": {"resolved": 10, "on_time": 10}})
    finding = only(report, "CCHC008", "indicator:on_time_dossier")
    assert "did you mean 'on_time_dossiers'" in finding.message.en
    assert "có phải là 'on_time_dossiers'" in finding.message.vi


def test_unknown_indicator_without_a_close_one_lists_them(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"indicators/budget": {"planned": 1, "spent": 1}})
    finding = only(report, "CCHC008", "indicator:budget")
    assert "on_time_dossiers" in finding.message.en and "did you mean" not in finding.message.en


def test_misspelt_count_suggests_and_names_the_missing_one(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"indicators/on_time_dossiers": {"resolvd": 2300, "on_time": 2300}})
    messages = sorted(f.message.en for f in report.findings if f.rule == "CCHC008")
    assert len(messages) == 2, messages
    assert any("'resolvd'" in m and "did you mean 'resolved'" in m for m in messages)
    assert any("missing resolved" in m for m in messages)


def test_impossible_count_is_an_input_error(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts("on_time_dossiers", 2300, 2301))
    finding = only(report, "CCHC006", OT)
    assert finding.severity is Severity.error
    assert report.has_input_errors
    assert report.exit_code(Severity.error) == 2


def _plan_with_on_time_threshold(data_copy: Path, percent: str) -> Path:
    """The copied plan, with the on-time target's threshold (99 in the decision) set to ``percent``."""
    text = data_copy.read_text(encoding="utf-8")
    start = text.index("- id: on_time_dossiers")
    at = text.index("threshold_percent: 99", start)
    assert at < text.index("- id: ", start + 1), "threshold_percent not inside the on_time_dossiers target"
    data_copy.write_text(text[:at] + f"threshold_percent: {percent}" + text[at + len("threshold_percent: 99"):], encoding="utf-8")
    return data_copy


def test_threshold_is_data_of_the_plan(tmp_path: Path, data_copy: Path) -> None:
    """2200/2300 = 95.65%: meets a plan that asks 95%, misses the bundled plan's 99%."""
    plan_95 = _plan_with_on_time_threshold(data_copy, "95")
    changes = _counts("on_time_dossiers", 2300, 2200)

    with_95 = check(tmp_path, DEPT, "H1", D("2021-06-10"), changes, plan_path=plan_95)
    _assert_exact(with_95, set())
    assert with_95.plan.sha256 != check(tmp_path, DEPT, "H1", D("2021-06-10")).plan.sha256

    bundled = check(tmp_path, DEPT, "H1", D("2021-06-10"), changes)
    _assert_exact(bundled, {("CCHC101", OT)})
    assert "95.65%" in only(bundled, "CCHC101", OT).message.en


@pytest.mark.parametrize(
    "percent, denominator, at, shown",
    [
        ("95", 2300, 2185, "95"),  # 2185/2300 = 95% exactly
        ("57", 100, 57, "57"),  # 57/100*100 is 56.99999999999999 in floating point
        ("99.5", 2300, 2289, "99.5"),  # 99.5% of 2300 is 2288.5: 2289 is the least that meets it
        ("99.5", 200, 199, "99.5"),  # 99.5% exactly
    ],
)
def test_threshold_boundary_on_a_changed_plan(
    tmp_path: Path, data_copy: Path, percent: str, denominator: int, at: int, shown: str
) -> None:
    plan = _plan_with_on_time_threshold(data_copy, percent)
    met = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts("on_time_dossiers", denominator, at), plan_path=plan)
    _assert_exact(met, set())
    below = check(tmp_path, DEPT, "H1", D("2021-06-10"), _counts("on_time_dossiers", denominator, at - 1), plan_path=plan)
    _assert_exact(below, {("CCHC101", OT)})
    message = only(below, "CCHC101", OT).message.en
    assert f"≥ {shown}%" in message and "1 more needed" in message


# -- tasks (the appendix) ---------------------------------------------------------------------

II1, II3 = "task:II.1", "task:II.3"
NOT_DONE = {"status": "in_progress"}

TASK_CASES = [
    # II.1 (Sở Tư pháp), due Quý I/2021 = 2021-03-31
    case("II.1-open-on-due-day", DEPT, "H1", "2021-03-31", {"tasks/II.1": NOT_DONE}, ("CCHC203", II1)),
    case("II.1-open-day-after-due", DEPT, "H1", "2021-04-01", {"tasks/II.1": NOT_DONE}, ("CCHC201", II1)),
    case("II.1-not-started-day-after-due", DEPT, "H1", "2021-04-01", {"tasks/II.1": {"status": "not_started"}}, ("CCHC201", II1)),
    case("II.1-done-on-due-day", DEPT, "H1", "2021-04-01", {"tasks/II.1": {"status": "done", "completed_on": D("2021-03-31")}}),
    case("II.1-done-day-after-due", DEPT, "H1", "2021-04-01", {"tasks/II.1": {"status": "done", "completed_on": D("2021-04-01")}},
         ("CCHC202", II1)),
    case("II.1-done-late-seen-months-later", DEPT, "FY", "2021-12-10",
         {"tasks/II.1": {"status": "done", "completed_on": D("2021-05-10")}}, ("CCHC202", II1)),
    case("II.1-due-in-30-days", DEPT, "Q1", "2021-03-01", {"tasks/II.1": NOT_DONE}, ("CCHC203", II1)),
    case("II.1-due-in-31-days", DEPT, "Q1", "2021-02-28", {"tasks/II.1": NOT_DONE}),
    case("II.3-due-in-30-days", DEPT, "H1", "2021-05-31", {"tasks/II.3": NOT_DONE}, ("CCHC203", II3)),
    case("II.3-due-in-31-days", DEPT, "H1", "2021-05-30", {"tasks/II.3": NOT_DONE}),
    # done needs its date, and that date cannot be after as_of
    case("done-without-completed_on", DEPT, "H1", "2021-04-01", {"tasks/II.1": {"status": "done"}}, ("CCHC204", II1)),
    case("completed-on-as_of", DEPT, "Q1", "2021-02-15", {"tasks/II.1": {"status": "done", "completed_on": D("2021-02-15")}}),
    case("completed-day-after-as_of", DEPT, "Q1", "2021-02-15", {"tasks/II.1": {"status": "done", "completed_on": D("2021-02-16")}},
         ("CCHC205", II1)),
    # ids: unknown, led by another agency, case-insensitive
    case("unknown-id-II.9", DEPT, "H1", "2021-04-01", {"tasks/II.9": NOT_DONE}, ("CCHC005", "task:II.9")),
    case("unknown-id-ii.1x", DEPT, "H1", "2021-04-01", {"tasks/ii.1x": NOT_DONE}, ("CCHC005", "task:ii.1x")),
    case("led-by-another-agency", DEPT, "H1", "2021-04-01", {"tasks/III.1": NOT_DONE}, ("CCHC206", "task:III.1")),
    case("led-by-another-agency-not-judged", DEPT, "FY", "2021-12-10", {"tasks/III.1": {"status": "done"}},
         ("CCHC206", "task:III.1")),
    case("lowercase-id-accepted", DEPT, "H1", "2021-04-01",
         {"tasks/II.1": DELETE, "tasks/ii.1": {"status": "done", "completed_on": D("2021-03-20")}}),
    case("lowercase-id-judged-as-canonical", DEPT, "H1", "2021-04-01",
         {"tasks/II.1": DELETE, "tasks/ii.1": NOT_DONE}, ("CCHC201", II1)),
    # a task the agency leads but does not report counts as not started
    case("missing-task-not-yet-due", DEPT, "H1", "2021-04-01", {"tasks/II.3": DELETE}, ("CCHC207", II3)),
    case("missing-task-due-soon", DEPT, "H1", "2021-06-01", {"tasks/II.3": DELETE}, ("CCHC207", II3), ("CCHC203", II3)),
    case("missing-task-overdue", DEPT, "H1", "2021-04-01", {"tasks/II.1": DELETE}, ("CCHC207", II1), ("CCHC201", II1)),
    case("no-tasks-section", DEPT, "H1", "2021-06-10", {"tasks": DELETE},
         *(("CCHC207", f"task:II.{n}") for n in range(1, 5)),
         ("CCHC201", "task:II.1"), ("CCHC201", "task:II.2"), ("CCHC203", "task:II.3"), ("CCHC203", "task:II.4")),
    # III.4.1 (Văn phòng UBND), "Hằng tháng": an occurrence in every month that has ended
    case("monthly-every-month", VPUB, "H1", "2021-04-01",
         {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-02-26"), D("2021-03-31")]}}),
    case("monthly-february-missing", VPUB, "H1", "2021-04-01",
         {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-03-31")]}}, ("CCHC208", "task:III.4.1")),
    case("monthly-current-month-not-judged", VPUB, "Q1", "2021-03-31",
         {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-02-26")]}}),
    case("monthly-month-judged-once-ended", VPUB, "H1", "2021-04-01",
         {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-02-26")]}}, ("CCHC208", "task:III.4.1")),
    case("monthly-occurrence-next-month-does-not-count", VPUB, "H1", "2021-04-02",
         {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2021-01-29"), D("2021-02-26"), D("2021-04-01")]}},
         ("CCHC208", "task:III.4.1")),
    case("monthly-december-2020-does-not-count-for-january", VPUB, "Q1", "2021-02-01",
         {"tasks/III.4.1": {"status": "in_progress", "occurrences": [D("2020-12-30")]}}, ("CCHC208", "task:III.4.1")),
    case("monthly-none-in-january", VPUB, "Q1", "2021-02-01", {"tasks/III.4.1": {"status": "in_progress", "occurrences": []}},
         ("CCHC208", "task:III.4.1")),
    case("monthly-nothing-judged-in-january", VPUB, "Q1", "2021-01-31", {"tasks/III.4.1": {"status": "in_progress"}}),
    case("monthly-not-reported", VPUB, "H1", "2021-04-01", {"tasks/III.4.1": DELETE},
         ("CCHC207", "task:III.4.1"), ("CCHC208", "task:III.4.1")),
    # I.9 (Sở Nội vụ), "Ngay sau khi Chỉ số PAPI, SIPAS, PARINDEX được công bố": the source sets no
    # day; reading R01 gives 30 days after the publication, and a verdict on it is a warning (CCHC209)
    case("event-not-given", SNV, "FY", "2021-12-10", {"tasks/I.9": {"status": "not_started"}}),
    case("event-on-as_of", SNV, "H1", "2021-05-03",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": NOT_DONE}, ("CCHC203", "task:I.9")),
    case("event-a-day-before-as_of-window-ends-in-29", SNV, "H1", "2021-05-04",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": NOT_DONE}, ("CCHC203", "task:I.9")),
    case("event-window-ends-on-as_of", SNV, "H1", "2021-05-03",
         {"events/papi_sipas_parindex_published": D("2021-04-03"), "tasks/I.9": NOT_DONE}, ("CCHC203", "task:I.9")),
    case("event-window-last-day", SNV, "H1", "2021-06-02",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": NOT_DONE}, ("CCHC203", "task:I.9")),
    case("event-window-passed-is-a-warning", SNV, "H1", "2021-06-03",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": NOT_DONE}, ("CCHC209", "task:I.9")),
    case("event-done-on-event-day", SNV, "H1", "2021-06-10",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": {"status": "done", "completed_on": D("2021-05-03")}}),
    case("event-done-14-days-after", SNV, "H1", "2021-06-10",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": {"status": "done", "completed_on": D("2021-05-17")}}),
    case("event-done-on-window-last-day", SNV, "H1", "2021-06-10",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": {"status": "done", "completed_on": D("2021-06-02")}}),
    case("event-done-day-after-window", SNV, "H1", "2021-06-10",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": {"status": "done", "completed_on": D("2021-06-03")}},
         ("CCHC202", "task:I.9")),
    case("event-task-not-reported-waits", SNV, "H1", "2021-06-10", {"tasks/I.9": DELETE}, ("CCHC207", "task:I.9")),
    case("event-task-not-reported-after-event", SNV, "H1", "2021-06-10",
         {"events/papi_sipas_parindex_published": D("2021-05-03"), "tasks/I.9": DELETE},
         ("CCHC207", "task:I.9"), ("CCHC209", "task:I.9")),
    # ... one event per index: I.9 waits for all three, and is due 30 days after the last
    case("three-indices-two-published-waits", SNV, "9M", "2021-09-10",
         {"events/papi_published": D("2021-04-20"), "events/parindex_published": D("2021-05-06"), "tasks/I.9": NOT_DONE}),
    case("three-indices-due-after-the-last", SNV, "H1", "2021-06-10",
         {"events/papi_published": D("2021-04-20"), "events/sipas_published": D("2021-05-20"),
          "events/parindex_published": D("2021-05-06"), "tasks/I.9": NOT_DONE}, ("CCHC203", "task:I.9")),
    case("three-indices-last-window-passed", SNV, "H1", "2021-06-10",
         {"events/papi_published": D("2021-04-20"), "events/sipas_published": D("2021-05-10"),
          "events/parindex_published": D("2021-05-06"), "tasks/I.9": NOT_DONE}, ("CCHC209", "task:I.9")),
    # ... the old single key stands for each index the file does not date on its own
    case("old-key-with-a-later-part", SNV, "H1", "2021-06-10",
         {"events/papi_sipas_parindex_published": D("2021-04-01"), "events/sipas_published": D("2021-05-20"),
          "tasks/I.9": NOT_DONE}, ("CCHC203", "task:I.9")),
    # I.11 (Sở Kế hoạch và Đầu tư), "Ngay sau khi Chỉ số PCI được công bố": a plan made 14 days after is on time
    case("pci-plan-14-days-after", KHDT, "H1", "2021-06-10",
         {"events/pci_published": D("2021-05-06"), "tasks/I.11": {"status": "done", "completed_on": D("2021-05-20")}}),
    case("pci-plan-not-done-after-window", KHDT, "H1", "2021-06-10",
         {"events/pci_published": D("2021-05-06"), "tasks/I.11": NOT_DONE}, ("CCHC209", "task:I.11")),
    # VII.2 rests on erratum E01 ("Quý I/2020" read as Q1/2021): overdue by that reading is a warning
    case("erratum-task-overdue-is-a-warning", STTTT, "H1", "2021-06-10", {"tasks/VII.2": NOT_DONE}, ("CCHC209", "task:VII.2")),
    case("erratum-task-done-late", STTTT, "H1", "2021-06-10", {"tasks/VII.2": {"status": "done", "completed_on": D("2021-04-01")}},
         ("CCHC202", "task:VII.2")),
    case("erratum-task-done-on-time", STTTT, "H1", "2021-06-10", {"tasks/VII.2": {"status": "done", "completed_on": D("2021-03-31")}}),
]


@pytest.mark.parametrize("agency, period, as_of, changes, expected", TASK_CASES)
def test_tasks(tmp_path: Path, agency: str, period: str, as_of: date, changes: dict[str, Any], expected: set[Pair]) -> None:
    _assert_exact(check(tmp_path, agency, period, as_of, changes), expected)


@pytest.mark.parametrize("as_of", ["2020-12-10", "2021-01-31", "2021-03-10", "2021-06-10", "2021-09-10", "2021-12-10", "2021-12-31"])
@pytest.mark.parametrize(
    "entry",
    [{"status": "not_started"}, {"status": "in_progress"}, {"status": "done", "completed_on": "as_of"}],
    ids=["not_started", "in_progress", "done"],
)
def test_guidance_task_is_never_failed(tmp_path: Path, as_of: str, entry: dict[str, Any]) -> None:
    """I.6, "Theo hướng dẫn của Chính phủ, Bộ Nội vụ", has no date of its own to miss."""
    day = D(as_of)
    entry = {k: (day if v == "as_of" else v) for k, v in entry.items()}
    period = next(p for p, cutoff in CUTOFF.items() if day <= cutoff) if day <= CUTOFF["FY"] else "FY"
    report = check(tmp_path, SNV, period, day, {"tasks/I.6": entry})
    assert {p for p in pairs(report) if p[1] == "task:I.6"} == set()
    assert pairs(report, "CCHC2") == set()
    (row,) = [r for r in report.tasks if r.id == "I.6"]
    assert row.due is None and row.state in ("no_fixed_date", "done")


def test_overdue_message_counts_days(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.1": NOT_DONE})
    finding = only(report, "CCHC201", II1)
    assert "1 day overdue" in finding.message.en and "2021-03-31" in finding.message.en
    assert "31/03/2021" in finding.message.vi


def test_unknown_task_suggests_a_task_the_agency_leads(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/II.9": NOT_DONE})
    finding = only(report, "CCHC005", "task:II.9")
    assert "did you mean II." in finding.message.en
    assert finding.hint is not None and "II.1, II.2, II.3, II.4" in finding.hint.en


def test_unknown_lowercase_task_suggests_too(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-01"), {"tasks/ii.1x": NOT_DONE})
    finding = only(report, "CCHC005", "task:ii.1x")
    assert "did you mean II.1" in finding.message.en


def test_lowercase_id_with_a_letter_suffix_is_accepted(tmp_path: Path) -> None:
    report = check(tmp_path, SNV, "Q1", D("2021-03-10"),
                   {"tasks/IV.2b": DELETE, "tasks/iv.2b": {"status": "done", "completed_on": D("2021-03-01")}})
    _assert_exact(report, set())


def test_as_of_argument_overrides_the_file(tmp_path: Path) -> None:
    doc = apply(clean(DEPT, "H1", D("2021-03-31")), {"tasks/II.1": NOT_DONE})
    path = write(tmp_path, doc)
    _assert_exact(api.check(path), {("CCHC203", II1)})
    _assert_exact(api.check(path, as_of=D("2021-04-01")), {("CCHC201", II1)})


# -- duties (section V) -----------------------------------------------------------------------

AP, MTR, MRP, COMM = "duty:agency_plan", "duty:monthly_task_reports", "duty:monthly_results_publication", "duty:communication"
QIR, DIA, INS, TTHC, PAR = (
    "duty:quarterly_inspection_reports", "duty:dialogues", "duty:inspection", "duty:tthc_publication",
    "duty:par_index_self_assessment",
)
FIVE_FORMS = ["conference", "website", "press", "contest", "social_media"]
#: The same five forms as an officer types them (dataset 2.1.0: the plan's `names:`).
FIVE_FORMS_VI = ["hội nghị", "trang thông tin điện tử", "báo chí", "cuộc thi", "mạng xã hội"]
FORMS = "input:duties.communication.forms"


def _publication(approved: str, published: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"approved_on": D(approved)}
    if published is not None:
        item["published_on"] = D(published)
    return {"duties/tthc_publication": [item]}


DUTY_CASES = [
    # agency_plan: "ban hành tháng 01/2021", due 2021-01-31
    case("agency_plan-issued-on-due-day", DEPT, "Q1", "2021-02-01", {"duties/agency_plan": {"issued_on": D("2021-01-31")}}),
    case("agency_plan-issued-day-after", DEPT, "Q1", "2021-02-01", {"duties/agency_plan": {"issued_on": D("2021-02-01")}},
         ("CCHC302", AP)),
    case("agency_plan-missing-day-after-due", DEPT, "Q1", "2021-02-01", {"duties/agency_plan": DELETE}, ("CCHC301", AP)),
    case("agency_plan-missing-on-due-day", DEPT, "Q1", "2021-01-31", {"duties/agency_plan": DELETE}, ("CCHC303", AP)),
    case("agency_plan-missing-30-days-before", DEPT, "Q1", "2021-01-01", {"duties/agency_plan": DELETE}, ("CCHC303", AP)),
    case("agency_plan-missing-31-days-before", DEPT, "Q1", "2020-12-31", {"duties/agency_plan": DELETE}),
    # staff_training: "hoàn thành trong Quý II/2021", due 2021-06-30
    case("staff_training-due-in-30-days", DEPT, "H1", "2021-05-31", {"duties/staff_training": DELETE},
         ("CCHC303", "duty:staff_training")),
    case("staff_training-due-in-31-days", DEPT, "H1", "2021-05-30", {"duties/staff_training": DELETE}),
    case("staff_training-done-on-due-day", DEPT, "9M", "2021-09-10", {"duties/staff_training": {"completed_on": D("2021-06-30")}}),
    case("staff_training-done-day-after", DEPT, "9M", "2021-09-10", {"duties/staff_training": {"completed_on": D("2021-07-01")}},
         ("CCHC302", "duty:staff_training")),
    # monthly reports on the City's tasks: one in every month that has ended
    case("monthly_task_reports-every-month", DEPT, "H1", "2021-04-01",
         {"duties/monthly_task_reports": [D("2021-01-29"), D("2021-02-26"), D("2021-03-31")]}),
    case("monthly_task_reports-month-without-a-date", DEPT, "H1", "2021-04-01",
         {"duties/monthly_task_reports": [D("2021-01-29"), D("2021-03-31")]}, ("CCHC304", MTR)),
    case("monthly_task_reports-month-not-ended", DEPT, "Q1", "2021-03-31",
         {"duties/monthly_task_reports": [D("2021-01-29"), D("2021-02-26")]}),
    case("monthly_task_reports-none", DEPT, "Q1", "2021-02-01", {"duties/monthly_task_reports": DELETE}, ("CCHC304", MTR)),
    # monthly publication of results: on the last day of each month
    case("monthly_results-on-last-day", DEPT, "Q1", "2021-03-01", {"duties/monthly_results_publication": [D("2021-01-31"), D("2021-02-28")]}),
    case("monthly_results-february-missing", DEPT, "Q1", "2021-03-01", {"duties/monthly_results_publication": [D("2021-01-31")]},
         ("CCHC304", MRP)),
    case("monthly_results-february-not-ended", DEPT, "Q1", "2021-02-28", {"duties/monthly_results_publication": [D("2021-01-31")]}),
    case("monthly_results-next-day-counts-for-next-month", DEPT, "Q1", "2021-02-01",
         {"duties/monthly_results_publication": [D("2021-02-01")]}, ("CCHC304", MRP)),
    # online communication: at least once a quarter
    case("online-once-in-q1", DEPT, "H1", "2021-04-01", {"duties/communication/online": [D("2021-03-31")]}),
    case("online-none-in-q1", DEPT, "H1", "2021-04-01", {"duties/communication/online": []}, ("CCHC304", COMM)),
    case("online-q1-not-ended", DEPT, "Q1", "2021-03-31", {"duties/communication/online": []}),
    case("online-december-2020-not-in-q1", DEPT, "H1", "2021-04-01", {"duties/communication/online": [D("2020-12-20")]},
         ("CCHC304", COMM)),
    case("online-q1-and-q2-but-not-q3", DEPT, "FY", "2021-12-10",
         {"duties/communication/online": [D("2021-02-15"), D("2021-05-15"), D("2021-11-15")]}, ("CCHC304", COMM)),
    # communication forms: at least 5 distinct, judged in the year's report
    case("forms-5-at-FY", DEPT, "FY", "2021-12-10", {"duties/communication/forms": FIVE_FORMS}),
    case("forms-4-at-FY", DEPT, "FY", "2021-12-10", {"duties/communication/forms": FIVE_FORMS[:4]}, ("CCHC306", COMM)),
    case("forms-5-listed-4-distinct-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": [*FIVE_FORMS[:4], FIVE_FORMS[0]]}, ("CCHC306", COMM)),
    case("forms-4-at-9M-in-progress", DEPT, "9M", "2021-09-10", {"duties/communication/forms": FIVE_FORMS[:4]}),
    # ... by the plan's vocabulary: ids, names or the source's phrase, each form once however written
    case("forms-5-in-vietnamese-at-FY", DEPT, "FY", "2021-12-10", {"duties/communication/forms": FIVE_FORMS_VI}),
    case("forms-phrases-of-the-source-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": ["tổ chức hội nghị tập huấn", "đăng tải thông tin CCHC trên website của đơn vị",
                                         "tuyên truyền trên báo - đài phát thanh", "tổ chức cuộc thi tìm hiểu", "toạ đàm CCHC"]}),
    case("forms-website-written-two-ways-is-4-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": ["website", "trang thông tin điện tử", "hội nghị", "báo chí", "cuộc thi"]}, ("CCHC306", COMM)),
    case("forms-tone-placements-are-one-form-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": ["toạ đàm", "tọa đàm", "hội nghị", "báo chí", "cuộc thi"]}, ("CCHC306", COMM)),
    case("forms-case-nfd-and-no-diacritics-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": [unicodedata.normalize("NFD", "Hội Nghị"), "TRANG THONG TIN DIEN TU", "bao chi",
                                         "Cuộc thi tìm hiểu", unicodedata.normalize("NFD", "Mạng xã hội")]}),
    case("forms-unknown-token-is-an-input-problem-not-a-form", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": [*FIVE_FORMS[:4], "press_release"]}, ("CCHC015", f"{FORMS}[4]"), ("CCHC306", COMM)),
    case("forms-unknown-token-before-the-year-end", DEPT, "9M", "2021-09-10",
         {"duties/communication/forms": [*FIVE_FORMS, "press_release"]}, ("CCHC015", f"{FORMS}[5]")),
    case("forms-other-counts-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": FIVE_FORMS[:4], "duties/communication/other": ["pano, áp phích"]}),
    case("forms-other-counted-once-however-written-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": FIVE_FORMS[:3],
          "duties/communication/other": ["pano, áp phích", "Pano - áp phích ", "PANO AP PHICH"]}, ("CCHC306", COMM)),
    case("forms-other-naming-a-listed-form-is-that-form-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": FIVE_FORMS[:4], "duties/communication/other": ["Website"]}, ("CCHC306", COMM)),
    case("forms-other-only-at-FY", DEPT, "FY", "2021-12-10",
         {"duties/communication/forms": DELETE,
          "duties/communication/other": ["pano", "áp phích", "tờ rơi", "loa truyền thanh", "bản tin nội bộ"]}),
    # dialogues: at least 2 a year, judged in the year's report
    case("dialogues-2-at-FY", DEPT, "FY", "2021-12-10", {"duties/dialogues": [D("2021-03-02"), D("2021-09-24")]}),
    case("dialogues-1-at-FY", DEPT, "FY", "2021-12-10", {"duties/dialogues": [D("2021-03-02")]}, ("CCHC306", DIA)),
    case("dialogues-none-at-FY", DEPT, "FY", "2021-12-10", {"duties/dialogues": DELETE}, ("CCHC306", DIA)),
    case("dialogues-1-at-H1", DEPT, "H1", "2021-06-10", {"duties/dialogues": [D("2021-03-02")]}),
    case("dialogues-1-at-9M", DEPT, "9M", "2021-09-10", {"duties/dialogues": [D("2021-03-02")]}),
    # inspection: 100% of units inspected in the year
    case("inspection-all-units-at-FY", DEPT, "FY", "2021-12-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 10}}),
    case("inspection-one-short-at-FY", DEPT, "FY", "2021-12-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 9}},
         ("CCHC306", INS)),
    case("inspection-one-short-at-9M", DEPT, "9M", "2021-09-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 9}}),
    case("inspection-more-than-units", DEPT, "FY", "2021-12-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 11}},
         ("CCHC006", INS)),
    case("inspection-more-than-units-at-H1", DEPT, "H1", "2021-06-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 10, "units_inspected": 11}},
         ("CCHC006", INS)),
    case("inspection-no-units-to-inspect", DEPT, "FY", "2021-12-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01"), "units": 0, "units_inspected": 0}}),
    case("inspection-counts-missing-at-FY", DEPT, "FY", "2021-12-10", {"duties/inspection": {"plan_issued_on": D("2021-02-01")}},
         ("CCHC306", INS)),
    case("inspection-plan-on-due-day", DEPT, "H1", "2021-04-01", {"duties/inspection/plan_issued_on": D("2021-03-31")}),
    case("inspection-plan-day-after", DEPT, "H1", "2021-04-01", {"duties/inspection/plan_issued_on": D("2021-04-01")}, ("CCHC302", INS)),
    # procedures are published no later than 5 days after approval
    case("tthc-published-same-day", DEPT, "Q1", "2021-03-10", _publication("2021-03-01", "2021-03-01")),
    case("tthc-published-after-5-days", DEPT, "Q1", "2021-03-10", _publication("2021-03-01", "2021-03-06")),
    case("tthc-published-after-6-days", DEPT, "Q1", "2021-03-10", _publication("2021-03-01", "2021-03-07"), ("CCHC307", TTHC)),
    case("tthc-unpublished-5-days-after", DEPT, "Q1", "2021-03-06", _publication("2021-03-01")),
    case("tthc-unpublished-6-days-after", DEPT, "Q1", "2021-03-07", _publication("2021-03-01"), ("CCHC307", TTHC)),
    case("tthc-published-before-approval", DEPT, "Q1", "2021-03-10", _publication("2021-03-01", "2021-02-28"), ("CCHC011", TTHC)),
    case("tthc-approved-after-as_of", DEPT, "Q1", "2021-03-10", _publication("2021-03-11"), ("CCHC308", TTHC)),
    case("tthc-none", DEPT, "Q1", "2021-03-10", {"duties/tthc_publication": []}),
    # a duty's date cannot be after as_of
    case("dated-duty-on-as_of", DEPT, "Q1", "2021-03-10", {"duties/staff_training": {"completed_on": D("2021-03-10")}}),
    case("dated-duty-after-as_of", DEPT, "Q1", "2021-03-10", {"duties/staff_training": {"completed_on": D("2021-03-11")}},
         ("CCHC308", "duty:staff_training")),
    case("dated-duty-after-as_of-and-overdue", DEPT, "Q1", "2021-03-10", {"duties/agency_plan": {"issued_on": D("2021-03-11")}},
         ("CCHC308", AP), ("CCHC301", AP)),
    case("recurring-date-after-as_of", DEPT, "Q1", "2021-03-10",
         {"duties/monthly_task_reports": [D("2021-01-25"), D("2021-02-25"), D("2021-03-11")]}, ("CCHC308", MTR)),
    case("dialogue-after-as_of", DEPT, "H1", "2021-06-10", {"duties/dialogues": [D("2021-03-02"), D("2021-06-11")]}, ("CCHC308", DIA)),
    # district only: quarterly inspection reports by the 15th of the quarter's last month
    case("qir-q1-on-15th", DISTRICT, "H1", "2021-03-16", {"duties/quarterly_inspection_reports": [D("2021-03-15")]}),
    case("qir-q1-on-16th", DISTRICT, "H1", "2021-03-16", {"duties/quarterly_inspection_reports": [D("2021-03-16")]}, ("CCHC305", QIR)),
    case("qir-q1-none", DISTRICT, "H1", "2021-03-16", {"duties/quarterly_inspection_reports": []}, ("CCHC304", QIR)),
    case("qir-q1-none-on-due-day", DISTRICT, "Q1", "2021-03-15", {"duties/quarterly_inspection_reports": []}),
    case("qir-q1-none-before-due-day", DISTRICT, "Q1", "2021-03-10", {"duties/quarterly_inspection_reports": []}),
    case("qir-q2-late-q1-ok", DISTRICT, "9M", "2021-09-10",
         {"duties/quarterly_inspection_reports": [D("2021-03-12"), D("2021-06-20")]}, ("CCHC305", QIR)),
    # district only: internal scoring of the 2020 index, "hoàn thành trong Quý I/2021"
    case("par_index-district-done-on-due-day", DISTRICT, "H1", "2021-04-01", {"duties/par_index_self_assessment": {"completed_on": D("2021-03-31")}}),
    case("par_index-district-done-day-after", DISTRICT, "H1", "2021-04-01", {"duties/par_index_self_assessment": {"completed_on": D("2021-04-01")}},
         ("CCHC302", PAR)),
    case("par_index-district-missing", DISTRICT, "H1", "2021-04-01", {"duties/par_index_self_assessment": DELETE}, ("CCHC301", PAR)),
    case("monthly_evaluations-district-missing-month", DISTRICT, "Q1", "2021-03-10",
         {"duties/monthly_evaluations": [D("2021-01-25")]}, ("CCHC304", "duty:monthly_evaluations")),
    # "(theo định kỳ hằng tháng, quý, năm)": the quarterly and yearly evaluations are owed too
    case("quarterly_evaluations-q1-missing", DISTRICT, "H1", "2021-04-01",
         {"duties/quarterly_evaluations": []}, ("CCHC304", "duty:quarterly_evaluations")),
    case("quarterly_evaluations-old-file-without-the-key", DISTRICT, "H1", "2021-06-10",
         {"duties/quarterly_evaluations": DELETE}, ("CCHC304", "duty:quarterly_evaluations")),
    case("quarterly_evaluations-q1-given-in-april", DISTRICT, "H1", "2021-06-10",
         {"duties/quarterly_evaluations": [D("2021-04-05")]}),
    case("quarterly_evaluations-not-judged-on-quarter-end", DISTRICT, "Q1", "2021-03-31",
         {"duties/quarterly_evaluations": []}),
    case("quarterly_evaluations-two-quarters-one-date", DISTRICT, "9M", "2021-09-10",
         {"duties/quarterly_evaluations": [D("2021-03-25")]}, ("CCHC304", "duty:quarterly_evaluations")),
    case("yearly_evaluations-not-due-in-the-year", DISTRICT, "FY", "2021-12-31", {"duties/yearly_evaluations": []}),
    case("evaluations-department", DEPT, "H1", "2021-06-10",
         {"duties/quarterly_evaluations": [D("2021-03-25")], "duties/yearly_evaluations": []},
         ("CCHC010", "duty:quarterly_evaluations"), ("CCHC010", "duty:yearly_evaluations")),
    # ... which do not apply to a department: reported as such and never judged
    case("par_index-department", DEPT, "H1", "2021-06-10", {"duties/par_index_self_assessment": {"completed_on": D("2021-05-01")}},
         ("CCHC010", PAR)),
    case("qir-department", DEPT, "H1", "2021-06-10", {"duties/quarterly_inspection_reports": [D("2021-03-20")]}, ("CCHC010", QIR)),
    case("qir-department-empty", DEPT, "H1", "2021-06-10", {"duties/quarterly_inspection_reports": []}, ("CCHC010", QIR)),
    case("monthly_evaluations-department", DEPT, "H1", "2021-06-10", {"duties/monthly_evaluations": [D("2021-01-25")]},
         ("CCHC010", "duty:monthly_evaluations")),
    case("district-duties-department-after-as_of", DEPT, "H1", "2021-06-10",
         {"duties/par_index_self_assessment": {"completed_on": D("2021-07-01")}}, ("CCHC010", PAR)),
]


@pytest.mark.parametrize("agency, period, as_of, changes, expected", DUTY_CASES)
def test_duties(tmp_path: Path, agency: str, period: str, as_of: date, changes: dict[str, Any], expected: set[Pair]) -> None:
    _assert_exact(check(tmp_path, agency, period, as_of, changes), expected)


def _forms_progress(report: Report) -> tuple[int, int]:
    row = next(r for r in report.duties if r.id == "communication")
    counted = [p for p in row.progress if p.what.en == "forms of communication"]
    assert len(counted) == 1, row.progress
    return counted[0].done, counted[0].needed


@pytest.mark.parametrize(
    "forms, other, have",
    [
        (FIVE_FORMS_VI, [], 5),
        (["website", "trang thông tin điện tử", "hội nghị", "báo chí", "cuộc thi"], [], 4),
        ([*FIVE_FORMS[:4], "press_release"], [], 4),
        (FIVE_FORMS[:4], ["pano, áp phích"], 5),
        (FIVE_FORMS[:3], ["pano, áp phích", "Pano - áp phích ", "PANO AP PHICH"], 4),
        (FIVE_FORMS[:4], ["Website", "…"], 4),
    ],
    ids=["vietnamese", "written-two-ways", "unknown-not-counted", "other", "other-once", "other-listed-or-empty"],
)
def test_forms_count(tmp_path: Path, forms: list[str], other: list[str], have: int) -> None:
    changes = {"duties/communication/forms": forms, "duties/communication/other": other}
    assert _forms_progress(check(tmp_path, DEPT, "FY", D("2021-12-10"), changes)) == (have, 5)


def test_short_forms_count_is_said_in_the_message(tmp_path: Path) -> None:
    forms = ["website", "trang thông tin điện tử", "hội nghị", "báo chí", "cuộc thi"]
    finding = only(check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/communication/forms": forms}), "CCHC306", COMM)
    assert "4/5 hình thức thông tin, tuyên truyền" in finding.message.vi
    assert "4 of 5 forms of communication" in finding.message.en


def test_unknown_form_is_located_at_its_line_with_a_suggestion_and_the_way_out(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "9M", D("2021-09-10"), {"duties/communication/forms": ["hội nghị", "press_release"]})
    finding = only(report, "CCHC015", f"{FORMS}[1]")
    assert finding.severity is Severity.error and report.exit_code(Severity.error) == 2
    assert finding.message.vi == (
        "hình thức 'press_release' không có trong danh sách của Kế hoạch và không được tính; có phải là 'press'?"
    )
    assert finding.message.en == "form 'press_release' is not one the plan lists, and is not counted; did you mean 'press'?"
    assert finding.hint is not None
    assert "hội nghị, trang thông tin điện tử (website), báo chí, cuộc thi, toạ đàm, mạng xã hội" in finding.hint.vi
    assert "other:" in finding.hint.vi and "other:" in finding.hint.en
    assert "conference, website, press, contest, seminar, social_media" in finding.hint.en
    # at the entry's own line, not the list's
    assert finding.location is not None
    lines = Path(finding.location.path).read_text(encoding="utf-8").splitlines()
    assert "press_release" in lines[finding.location.line - 1]


@pytest.mark.parametrize(
    "written, guess",
    [("hội nghị trực tuyến", "hội nghị"), ("mang xa hoi facebook", "mạng xã hội"), ("webside", "website"), ("ximang", None)],
)
def test_unknown_form_suggestion(tmp_path: Path, written: str, guess: str | None) -> None:
    report = check(tmp_path, DEPT, "9M", D("2021-09-10"), {"duties/communication/forms": [written]})
    finding = only(report, "CCHC015", f"{FORMS}[0]")
    if guess is None:
        assert "có phải là" not in finding.message.vi and "did you mean" not in finding.message.en
    else:
        assert finding.message.vi.endswith(f"; có phải là '{guess}'?")
        assert finding.message.en.endswith(f"; did you mean '{guess}'?")


def test_unknown_form_of_a_duty_that_does_not_apply_is_not_judged(tmp_path: Path) -> None:
    # the whole entry is ignored (CCHC010 says so); its forms are not read
    doc = clean(INSTITUTE, "FY", D("2021-12-10"))
    doc.setdefault("duties", {})["communication"] = {"forms": ["press_release"]}
    report = api.check(write(tmp_path, doc))
    assert {f.rule for f in report.findings} == {"CCHC010"}


def test_district_only_duties_are_not_rows_of_a_department(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/par_index_self_assessment": {"completed_on": D("2021-05-01")}})
    ids = {r.id for r in report.duties}
    assert not ids & {"par_index_self_assessment", "quarterly_inspection_reports", "monthly_evaluations", "commune_democracy"}
    assert {"agency_plan", "inspection", "tthc_publication"} <= ids


def test_evaluations_are_three_duty_rows_and_the_year_is_not_yet_due(tmp_path: Path) -> None:
    report = check(tmp_path, DISTRICT, "FY", D("2021-12-10"), {"duties/yearly_evaluations": []})
    rows = {r.id: r for r in report.duties}
    assert rows["monthly_evaluations"].state == "ok"
    assert rows["quarterly_evaluations"].state == "ok"
    assert [(p.done, p.needed) for p in rows["quarterly_evaluations"].progress] == [(3, 3)]
    # the year has not ended by the FY report: owed, not done, and not "ok"
    assert rows["yearly_evaluations"].state == "open"


def test_missed_quarterly_evaluation_message(tmp_path: Path) -> None:
    report = check(tmp_path, DISTRICT, "H1", D("2021-06-10"), {"duties/quarterly_evaluations": []})
    finding = only(report, "CCHC304", "duty:quarterly_evaluations")
    assert finding.severity is Severity.error
    assert "theo định kỳ hằng tháng, quý, năm" in finding.message.vi and "Quý I/2021" in finding.message.vi
    assert "none in Q1 2021" in finding.message.en


def test_a_verdict_on_a_reading_is_a_warning_that_names_it(tmp_path: Path) -> None:
    report = check(tmp_path, KHDT, "H1", D("2021-06-10"), {"events/pci_published": D("2021-05-06"), "tasks/I.11": NOT_DONE})
    finding = only(report, "CCHC209", "task:I.11")
    assert finding.severity is Severity.warning
    # the due date, how it came about (event + window) and the reading it rests on
    assert "due 2021-06-05" in finding.message.en and "published 2021-05-06, plus 30 days" in finding.message.en
    assert "reading R01" in finding.message.en and "cchc plan task I.11" in finding.message.en
    assert "hạn 05/06/2021" in finding.message.vi and "cách đọc R01" in finding.message.vi
    row = next(r for r in report.tasks if r.id == "I.11")
    assert (row.state, row.due, row.rests_on) == ("overdue", D("2021-06-05"), "R01")
    assert report.summary.errors == 0


def test_a_verdict_on_an_erratum_names_it(tmp_path: Path) -> None:
    report = check(tmp_path, STTTT, "H1", D("2021-06-10"), {"tasks/VII.2": NOT_DONE})
    finding = only(report, "CCHC209", "task:VII.2")
    assert finding.severity is Severity.warning
    assert "erratum E01" in finding.message.en and "Quý I/2020" in finding.message.en and "Quý I/2021" in finding.message.en
    assert "đính chính E01" in finding.message.vi
    assert next(r for r in report.tasks if r.id == "VII.2").rests_on == "E01"


def test_a_task_the_words_date_rests_on_nothing(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"tasks/II.1": NOT_DONE})
    finding = only(report, "CCHC201", "task:II.1")
    assert finding.severity is Severity.error and "reading" not in finding.message.en
    assert next(r for r in report.tasks if r.id == "II.1").rests_on is None


def test_an_event_deadline_without_a_reading_has_no_due_date(tmp_path: Path) -> None:
    """A plan that gives no reading of "Ngay sau khi" invents no date: the task is listed, never failed."""
    import shutil

    data = Path(__file__).resolve().parents[1] / "data"
    for name in ("plan_2021.yaml", "appendix_tasks.yaml", "agencies.yaml"):
        shutil.copy(data / name, tmp_path / name)
    plan_file = tmp_path / "plan_2021.yaml"
    text = plan_file.read_text(encoding="utf-8")
    start, end = text.index("\nreadings:\n"), text.index("\n# Errors in the source text.")
    plan_file.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    (tmp_path / "in").mkdir()
    report = check(tmp_path / "in", KHDT, "H1", D("2021-06-10"),
                   {"events/pci_published": D("2021-01-06"), "tasks/I.11": NOT_DONE}, plan_path=plan_file)
    assert not [f for f in report.findings if f.subject == "task:I.11"]
    row = next(r for r in report.tasks if r.id == "I.11")
    assert (row.state, row.due) == ("no_fixed_date", None)


def test_publication_window_message(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), _publication("2021-03-01", "2021-03-07"))
    finding = only(report, "CCHC307", TTHC)
    assert "6 days" in finding.message.en and "allows 5" in finding.message.en


# -- reporting (section III) ------------------------------------------------------------------


def _reporting_cases() -> Iterator[Any]:
    for period, due in DUE.items():
        on_time, late = due.isoformat(), due.replace(day=16).isoformat()
        yield case(f"{period}-submitted-on-15th", DEPT, period, CUTOFF[period].isoformat(), {"submitted_on": D(on_time)})
        yield case(f"{period}-submitted-on-16th", DEPT, period, CUTOFF[period].isoformat(), {"submitted_on": D(late)},
                   ("CCHC401", f"report:{period}"))
    yield case("early", DEPT, "H1", "2021-06-10", {"submitted_on": D("2021-06-10")})
    yield case("not-given", DEPT, "H1", "2021-06-10", {})
    yield case("district-on-15th", DISTRICT, "H1", "2021-06-10", {"submitted_on": D("2021-06-15")})
    yield case("district-on-16th", DISTRICT, "H1", "2021-06-10", {"submitted_on": D("2021-06-16")}, ("CCHC401", "report:H1"))
    yield case("not-a-periodic-reporter", INSTITUTE, "H1", "2021-06-10", {"submitted_on": D("2021-06-30")})


@pytest.mark.parametrize("agency, period, as_of, changes, expected", list(_reporting_cases()))
def test_reporting(tmp_path: Path, agency: str, period: str, as_of: date, changes: dict[str, Any], expected: set[Pair]) -> None:
    _assert_exact(check(tmp_path, agency, period, as_of, changes), expected)


def test_late_report_message(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"submitted_on": D("2021-03-18")})
    finding = only(report, "CCHC401", "report:Q1")
    assert "3 days after its due date 2021-03-15" in finding.message.en


# -- inputs -----------------------------------------------------------------------------------

INPUT_CASES = [
    # the plan's time: from the data period's start (2020-12-10) to the end of 2021
    case("event-on-first-day", DEPT, "H1", "2021-06-10", {"events/pci_published": D("2020-12-10")}),
    case("event-day-before-first", DEPT, "H1", "2021-06-10", {"events/pci_published": D("2020-12-09")},
         ("CCHC007", "input:events.pci_published")),
    case("event-on-last-day", DEPT, "FY", "2021-12-10", {"events/pci_published": D("2021-12-31")}),
    case("event-day-after-last", DEPT, "FY", "2021-12-10", {"events/pci_published": D("2022-01-01")},
         ("CCHC007", "input:events.pci_published")),
    case("duty-date-before-first", DEPT, "Q1", "2021-03-10", {"duties/agency_plan/issued_on": D("2020-12-09")},
         ("CCHC007", "input:duties.agency_plan.issued_on")),
    case("duty-date-on-first-day", DEPT, "Q1", "2021-03-10", {"duties/agency_plan/issued_on": D("2020-12-10")}),
    case("list-date-before-first", DEPT, "H1", "2021-06-10", {"duties/dialogues": [D("2020-12-09"), D("2021-03-02")]},
         ("CCHC007", "input:duties.dialogues[0]")),
    case("submitted-before-first", DEPT, "Q1", "2021-03-10", {"submitted_on": D("2020-12-09")}, ("CCHC007", "input:submitted_on")),
    case("task-date-before-first", DEPT, "Q1", "2021-03-10", {"tasks/II.1/completed_on": D("2020-12-09")},
         ("CCHC007", "input:tasks.II.1.completed_on")),
    # events the plan declares
    case("known-event", DEPT, "H1", "2021-06-10", {"events/pci_published": D("2021-05-05")}),
    case("unknown-event", DEPT, "H1", "2021-06-10", {"events/pci_publishd": D("2021-05-05")}, ("CCHC009", "input:events.pci_publishd")),
    case("unknown-event-unlike-any", SNV, "H1", "2021-06-10", {"events/budget_approved": D("2021-05-05")},
         ("CCHC009", "input:events.budget_approved")),
]


@pytest.mark.parametrize("agency, period, as_of, changes, expected", INPUT_CASES)
def test_inputs(tmp_path: Path, agency: str, period: str, as_of: date, changes: dict[str, Any], expected: set[Pair]) -> None:
    _assert_exact(check(tmp_path, agency, period, as_of, changes), expected)


@pytest.mark.parametrize("as_of, expected", [("2021-12-31", set()), ("2022-01-01", {("CCHC007", "input:as_of")})])
def test_as_of_itself_is_inside_the_plan(tmp_path: Path, as_of: str, expected: set[Pair]) -> None:
    _assert_exact(check(tmp_path, DEPT, "FY", D(as_of)), expected)


def test_unknown_event_suggests_the_closest(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"events/pci_publishd": D("2021-05-05")})
    finding = only(report, "CCHC009", "input:events.pci_publishd")
    assert "did you mean 'pci_published'" in finding.message.en
    assert report.exit_code(Severity.error) == 2


def test_date_outside_plan_is_located(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"duties/agency_plan/issued_on": D("2020-12-09")})
    finding = only(report, "CCHC007", "input:duties.agency_plan.issued_on")
    text = (tmp_path / "progress.yaml").read_text(encoding="utf-8").splitlines()
    assert finding.location is not None and finding.location.line is not None
    assert "2020-12-09" in text[finding.location.line - 1]


# -- exit codes -------------------------------------------------------------------------------

EXIT_CASES = [
    # (case, changes, exit code with --fail-on error / warning / info)
    pytest.param({}, (0, 0, 0), id="clean"),
    pytest.param(_counts("satisfaction", 100, 85), (0, 0, 0), id="aspirational-met"),
    pytest.param(_counts("on_time_dossiers", 0, 0), (0, 0, 1), id="info-only-CCHC104"),
    pytest.param(_counts("satisfaction", 100, 84), (1, 1, 1), id="strive-target-missed-CCHC102-is-an-error"),
    pytest.param({"tasks/III.1": NOT_DONE}, (0, 1, 1), id="warning-only-CCHC206"),
    pytest.param(_counts("commune_officials_training", 10, 10), (0, 1, 1), id="input-warning-CCHC010-is-not-an-input-error"),
    pytest.param(_counts("on_time_dossiers", 2300, 2276), (1, 1, 1), id="error-CCHC101"),
    pytest.param({"tasks/II.1": NOT_DONE}, (1, 1, 1), id="error-CCHC201"),
    pytest.param(_counts("on_time_dossiers", 2300, 2301), (2, 2, 2), id="input-error-CCHC006"),
    pytest.param({"events/pci_published": D("2022-01-01")}, (2, 2, 2), id="input-error-CCHC007"),
    pytest.param({"tasks/II.9": NOT_DONE}, (2, 2, 2), id="input-error-CCHC005"),
    pytest.param({**_counts("on_time_dossiers", 2300, 2301), **_counts("satisfaction", 100, 84)}, (2, 2, 2),
                 id="input-error-wins-over-warning"),
]


@pytest.mark.parametrize("changes, codes", EXIT_CASES)
def test_exit_codes(tmp_path: Path, changes: dict[str, Any], codes: tuple[int, int, int]) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), changes)
    got = tuple(report.exit_code(s) for s in (Severity.error, Severity.warning, Severity.info))
    assert got == codes, [(f.rule, f.subject) for f in report.findings]


def test_unreadable_value_is_an_input_error(tmp_path: Path) -> None:
    """A count written as text fails the schema (CCHC002) before any rule runs: exit code 2."""
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"indicators/on_time_dossiers/on_time": "99%"})
    assert {f.rule for f in report.findings} == {"CCHC002"}
    assert report.exit_code(Severity.error) == 2


# -- consistency between tasks and duties, and entries given twice -------------------------------


def test_a_task_completed_after_as_of_is_judged_as_not_done_yet(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-04-10"),
                   {"tasks/II.1": {"status": "done", "completed_on": D("2021-05-01")}})
    _assert_exact(report, {("CCHC205", II1), ("CCHC201", II1)})


def test_the_same_task_under_two_spellings_is_an_input_error(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-03-01"), {"tasks/ii.1": {"status": "in_progress"}})
    assert ("CCHC012", II1) in pairs(report)
    assert report.exit_code(Severity.error) == 2


def test_occurrences_of_a_recurring_task_after_as_of_are_flagged_not_counted(tmp_path: Path) -> None:
    as_of = D("2021-03-10")
    occurrences = [D("2021-01-29"), D("2021-02-26"), D("2021-03-30")]
    report = check(tmp_path, VPUB, "Q1", as_of, {"tasks/III.4.1": {"status": "in_progress", "occurrences": occurrences}})
    assert ("CCHC205", "task:III.4.1") in pairs(report, "CCHC2")
    assert ("CCHC208", "task:III.4.1") not in pairs(report, "CCHC2")


def test_a_dialogue_of_the_previous_year_does_not_count_for_this_one(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/dialogues": [D("2020-12-20"), D("2021-06-01")]})
    assert ("CCHC306", "duty:dialogues") in pairs(report, "CCHC3")
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"duties/dialogues": [D("2021-01-20"), D("2021-06-01")]})
    assert ("CCHC306", "duty:dialogues") not in pairs(report, "CCHC3")


# -- which period a date counts for, and other readings settled in review ------------------------

QIR = "duty:quarterly_inspection_reports"
MRP = "duty:monthly_results_publication"
MTR = "duty:monthly_task_reports"


@pytest.mark.parametrize(
    "agency, as_of, changes, expected",
    [
        # a report sent on 2 April falls in Q2, before its due day: it counts for Q2, and Q1 has none
        # (the file does not say which quarter it reports on; this reading asks least of it)
        (DISTRICT, "2021-06-20", {"duties/quarterly_inspection_reports": [D("2021-04-02")]},
         {("CCHC304", QIR)}),
        # a Q1 report sent on 20 March, after its due day (15/03): late, not missing
        (DISTRICT, "2021-06-20", {"duties/quarterly_inspection_reports": [D("2021-03-20"), D("2021-06-10")]},
         {("CCHC305", QIR)}),
        # January published on 1 February, February on its own last day: January late, nothing missed
        (DEPT, "2021-03-10", {"duties/monthly_results_publication": [D("2021-02-01"), D("2021-02-28")]},
         {("CCHC305", MRP)}),
        # a month with nothing stays missing; the later months keep their own dates
        (DEPT, "2021-06-10", {"duties/monthly_results_publication": [_month_end(m) for m in (1, 2, 4, 5)]},
         {("CCHC304", MRP)}),
        # no day is set for the monthly task report: early next month is on time
        (DEPT, "2021-03-10", {"duties/monthly_task_reports": [D("2021-02-03"), D("2021-02-26")]}, set()),
        (DEPT, "2021-04-10", {"duties/monthly_task_reports": [D("2021-02-03"), D("2021-03-02"), D("2021-04-05")]}, set()),
        (DEPT, "2021-06-10", {"duties/monthly_task_reports": [D("2021-01-29"), D("2021-02-26"), D("2021-04-29"), D("2021-05-31")]},
         {("CCHC304", MTR)}),
    ],
    ids=["report-in-april", "q1-report-late-in-march", "january-published-1-feb", "march-missing",
         "unspecified-day", "unspecified-each-next-month", "unspecified-march-missing"],
)
def test_each_date_counts_for_its_own_period_first(
    tmp_path: Path, agency: str, as_of: str, changes: dict[str, Any], expected: set[Pair]
) -> None:
    period = "Q1" if as_of <= "2021-03-31" else "H1"
    _assert_exact(check(tmp_path, agency, period, D(as_of), changes), expected)


def test_an_unpublished_procedure_is_missed_whatever_the_order_of_the_list(tmp_path: Path) -> None:
    late = {"approved_on": D("2021-02-10"), "published_on": D("2021-02-16")}
    never = {"approved_on": D("2021-02-01")}
    for items in ([never, late], [late, never]):
        report = check(tmp_path, DEPT, "Q1", D("2021-03-10"), {"duties/tthc_publication": items})
        assert {r.id: r.state for r in report.duties}["tthc_publication"] == "missed"


def test_a_year_report_sent_in_january_is_late_not_invalid(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "FY", D("2021-12-10"), {"submitted_on": D("2022-01-05")})
    _assert_exact(report, {("CCHC401", "report:FY")})
    assert report.exit_code(Severity.error) == 1


def test_as_of_after_the_period_is_flagged(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-12-10"))
    assert ("CCHC013", "report:Q1") in pairs(report, "CCHC0")


def test_yearly_counts_are_judged_from_the_year_reports_cut_off(tmp_path: Path) -> None:
    changes = {"duties/dialogues": [D("2021-03-02")]}
    assert ("CCHC306", "duty:dialogues") not in pairs(check(tmp_path, DEPT, "FY", D("2021-11-30"), changes))
    assert ("CCHC306", "duty:dialogues") in pairs(check(tmp_path, DEPT, "FY", D("2021-12-10"), changes))


def test_an_agency_with_nothing_to_judge_is_told_so(tmp_path: Path) -> None:
    doc = {"schema_version": 1, "agency": "bao-ha-noi-moi", "period": "FY", "submitted_on": D("2021-12-30")}
    report = api.check(write(tmp_path, doc))
    _assert_exact(report, {("CCHC014", "agency:bao-ha-noi-moi")})
    assert report.report_due is None  # the press sends no periodic report: no due date to show


def test_done_without_a_date_is_not_shown_as_done(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"tasks/II.1": {"status": "done"}})
    assert {r.id: r.state for r in report.tasks}["II.1"] == "invalid"
    report = check(tmp_path, VPUB, "Q1", D("2021-03-10"), {"tasks/III.4.1": {"status": "done", "occurrences": []}})
    assert {("CCHC204", "task:III.4.1"), ("CCHC208", "task:III.4.1")} <= pairs(report)


def test_impossible_counts_have_no_rate(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"indicators/frontline_staff_training": {"staff": 45, "trained": 46}})
    row = next(r for r in report.targets if r.id == "frontline_staff_training")
    assert (row.verdict, row.value) == ("invalid", None)


def test_a_task_due_on_as_of_is_due_today(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "Q1", D("2021-03-31"), {"tasks/II.1": NOT_DONE})
    finding = only(report, "CCHC203", II1)
    assert "(today)" in finding.message.en and "(hôm nay)" in finding.message.vi


def test_a_measurable_duty_no_rule_can_read_is_a_dataset_error(tmp_path: Path) -> None:
    from cchc_cli.errors import DatasetError
    from conftest import copy_data

    plan = copy_data(tmp_path / "data")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    measurable: false\n", "    measurable: true\n", 1), encoding="utf-8")
    with pytest.raises(DatasetError, match="measurable"):
        check(tmp_path, DISTRICT, "H1", D("2021-06-10"), plan_path=plan)
