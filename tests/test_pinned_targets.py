"""Targets: behaviour that mutation testing found no test pinned (issue 16).

Through :func:`cchc_cli.api.check` only (a report's findings and rows), so the tests hold whatever
shape the rule modules take. Every expected number is worked out by hand in a comment, from the
plan's thresholds (Quyết định 5743/QĐ-UBND, section I.3: "Tối thiểu 99%" of dossiers on time,
"100%" of front-line staff trained), never read back from the tool.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from conftest import copy_data
from test_rules import DEPT, D, OT, _counts, check, only

AS_OF = D("2021-06-10")


def _plan_with_on_time_comparator(dest: Path, comparator: str) -> Path:
    """The bundled plan with the on-time target's comparator (">=" in the data) set to ``comparator``.

    The plan schema accepts ">=", ">" and "=="; the decision itself only says "tối thiểu" (>=), so
    the other two exist for a later year's plan, and nothing in the bundled data exercises them.
    """
    plan = copy_data(dest)
    text = plan.read_text(encoding="utf-8")
    start = text.index("- id: on_time_dossiers")
    at = text.index('comparator: ">="', start)
    assert at < text.index("- id: ", start + 1), "comparator not inside the on_time_dossiers target"
    plan.write_text(text[:at] + f'comparator: "{comparator}"' + text[at + len('comparator: ">="'):], encoding="utf-8")
    return plan


@pytest.fixture(scope="module")
def above_99(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _plan_with_on_time_comparator(tmp_path_factory.mktemp("above"), ">")


@pytest.fixture(scope="module")
def exactly_99(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _plan_with_on_time_comparator(tmp_path_factory.mktemp("exactly"), "==")


def _row(report, target_id: str = "on_time_dossiers"):  # type: ignore[no-untyped-def]
    (row,) = [r for r in report.targets if r.id == target_id]
    return row


# -- ">": strictly above the threshold ----------------------------------------------------------


def test_above_exactly_at_the_threshold_is_missed(tmp_path: Path, above_99: Path) -> None:
    # 2277/2300 is 99% exactly: it meets ">= 99%" but not "> 99%".
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2277), plan_path=above_99)
    finding = only(report, "CCHC101", OT)
    row = _row(report)
    assert (row.verdict, row.comparator) == ("missed", ">")
    # The least count above 99% of 2300 (= 2277) is 2278: one more.
    assert row.shortfall == 1
    assert "1 more needed" in finding.message.en and "cần thêm 1 " in finding.message.vi


def test_above_one_past_the_threshold_is_met(tmp_path: Path, above_99: Path) -> None:
    # 2278/2300 = 99.04…% > 99%.
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2278), plan_path=above_99)
    assert [f.rule for f in report.findings] == []
    assert _row(report).verdict == "met"


def test_above_shortfall_counts_to_the_least_count_above(tmp_path: Path, above_99: Path) -> None:
    # 2278 is the least count above 99% of 2300 (see above); 2278 - 2200 = 78.
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2200), plan_path=above_99)
    assert _row(report).shortfall == 78
    assert "78 more needed" in only(report, "CCHC101", OT).message.en


def test_above_shortfall_where_the_threshold_falls_between_counts(tmp_path: Path, above_99: Path) -> None:
    # 99% of 150 is 148.5: 149 is the least count above it (149/150 = 99.33%); 149 - 140 = 9.
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 150, 140), plan_path=above_99)
    assert _row(report).shortfall == 9


# -- "==": exactly the threshold ------------------------------------------------------------------


def test_exactly_at_the_threshold_is_met(tmp_path: Path, exactly_99: Path) -> None:
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2277), plan_path=exactly_99)
    assert [f.rule for f in report.findings] == []
    assert _row(report).verdict == "met"


@pytest.mark.parametrize("numerator", [2278, 2276])
def test_exactly_misses_on_both_sides_with_no_count_to_add(tmp_path: Path, exactly_99: Path, numerator: int) -> None:
    # Above an "==" target is as wrong as below it, and adding cases cannot reach it from above:
    # no "N more needed".
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, numerator), plan_path=exactly_99)
    finding = only(report, "CCHC101", OT)
    row = _row(report)
    assert (row.verdict, row.shortfall) == ("missed", None)
    assert "more needed" not in finding.message.en and "cần thêm" not in finding.message.vi


# -- ">= 100%": the shortfall reaches the denominator ----------------------------------------------


@pytest.mark.parametrize("trained, short", [(37, 1), (35, 3), (0, 38)])
def test_hundred_percent_target_says_how_many_more(tmp_path: Path, trained: int, short: int) -> None:
    # "100%" of 38 front-line staff: 38 - trained more are needed, the last one included.
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("frontline_staff_training", 38, trained))
    finding = only(report, "CCHC101", "indicator:frontline_staff_training")
    assert _row(report, "frontline_staff_training").shortfall == short
    assert f"{short} more needed" in finding.message.en
    assert f"cần thêm {short} " in finding.message.vi


# -- the row's numbers ---------------------------------------------------------------------------


def test_missed_row_gap_is_exact(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2276))
    row = _row(report)
    # 2276/2300 - 99/100 = (227600 - 227700)/230000 = -1/2300
    assert row.value == Fraction(2276, 2300)
    assert row.gap == Fraction(-1, 2300)
    assert (row.numerator, row.denominator, row.threshold) == (2276, 2300, Fraction(99, 100))


def test_met_row_gap_is_exact(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2300))
    # 2300/2300 - 99/100 = 1/100
    assert _row(report).gap == Fraction(1, 100)


def test_impossible_counts_have_no_rate(tmp_path: Path) -> None:
    # 2301 on time of 2300 resolved cannot be: the row keeps the counts but shows no rate or gap.
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2301))
    row = _row(report)
    assert (row.verdict, row.numerator, row.denominator, row.value, row.gap) == ("invalid", 2301, 2300, None, None)


def test_zero_denominator_row(tmp_path: Path) -> None:
    report = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 0, 0))
    row = _row(report)
    assert (row.verdict, row.value, row.gap) == ("no_data", None, None)


def test_unreported_and_invalid_rows(tmp_path: Path) -> None:
    from test_rules import DELETE

    report = check(tmp_path, DEPT, "H1", AS_OF, {"indicators/on_time_dossiers": DELETE,
                                                 "indicators/audit_recommendations": {"total": 9}})
    assert _row(report).verdict == "not_reported"
    assert _row(report, "audit_recommendations").verdict == "invalid"
    assert report.summary.targets_judged == 3  # of 5: satisfaction, online services, training


def test_every_listed_unknown_indicator_gets_its_suggestion(tmp_path: Path) -> None:
    """Up to MAX_PROBLEMS (100) unknown indicators each get a suggestion: the 100th too."""
    from cchc_cli.validation import MAX_PROBLEMS

    unknown = {f"indicators/on_time_dossiers{n}": {"resolved": 1, "on_time": 1} for n in range(MAX_PROBLEMS)}
    report = check(tmp_path, DEPT, "H1", AS_OF, unknown)
    messages = [f.message.en for f in report.findings if f.rule == "CCHC008"]
    assert len(messages) == MAX_PROBLEMS
    assert all("did you mean 'on_time_dossiers'" in m for m in messages), [m for m in messages if "did you" not in m]


def _line_of(report, finding) -> str:  # type: ignore[no-untyped-def]
    assert finding.location is not None and finding.location.line is not None
    return Path(report.path).read_text(encoding="utf-8").splitlines()[finding.location.line - 1]


def test_findings_point_at_the_indicator_or_its_count(tmp_path: Path) -> None:
    missed = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2276))
    assert _line_of(missed, only(missed, "CCHC101", OT)).strip().startswith("on_time_dossiers:")
    impossible = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 2300, 2301))
    assert "on_time: 2301" in _line_of(impossible, only(impossible, "CCHC006", OT))
    empty = check(tmp_path, DEPT, "H1", AS_OF, _counts("on_time_dossiers", 0, 0))
    assert "resolved: 0" in _line_of(empty, only(empty, "CCHC104", OT))
    unknown = check(tmp_path, DEPT, "H1", AS_OF, {"indicators/on_time_dossiers/late": 0})
    assert "late: 0" in _line_of(unknown, only(unknown, "CCHC008", OT))
