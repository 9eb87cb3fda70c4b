"""Where each finding points: the line and column of the key it is about (issue 16).

A rule names the data path of what it judges; the engine turns that path into a line and column.
Mutation testing showed no test noticed a path emptied (``("indicators", key)`` → ``("", key)``):
the finding then points at the nearest enclosing key instead, which an editor, a SARIF viewer or a
GitHub annotation shows on the wrong line. Each case writes a progress file, checks it through
:func:`cchc_cli.api.check`, and reads the written file itself at the finding's line and column,
where the key named must start.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from test_rules import DEPT, DELETE, NOT_DONE, D, check

DONE_LATE = {"status": "done", "completed_on": D("2021-05-01")}  # II.1 is due 31/03/2021 (Quý I/2021)

CASES = [
    # (as_of, changes, rule, subject, the text the finding's line and column start with)
    ("2021-06-10", {"agency": "so-khong-co-that"}, "CCHC003", "input:agency", "agency: so-khong-co-that"),
    ("2021-06-10", {"period": "Q7"}, "CCHC004", "input:period", "period: Q7"),
    ("2021-12-31", {}, "CCHC013", "report:H1", "as_of: 2021-12-31"),
    ("2021-06-10", {"events/pci_publishedx": D("2021-05-05")}, "CCHC009", "input:events.pci_publishedx",
     "pci_publishedx: 2021-05-05"),
    ("2021-06-10", {"submitted_on": D("2021-06-20")}, "CCHC401", "report:H1", "submitted_on: 2021-06-20"),
    ("2021-06-10", {"indicators/foo_bar": {"a": 1, "b": 2}}, "CCHC008", "indicator:foo_bar", "foo_bar:"),
    ("2021-06-10", {"indicators/commune_officials_training": {"trained": 340, "total": 340}}, "CCHC010",
     "indicator:commune_officials_training", "commune_officials_training:"),
    # a target left out of a present indicators section: the section is where it belongs
    ("2021-06-10", {"indicators/on_time_dossiers": DELETE}, "CCHC103", "indicator:on_time_dossiers", "indicators:"),
    ("2021-04-01", {"tasks/II.9": NOT_DONE}, "CCHC005", "task:II.9", "II.9:"),
    ("2021-04-01", {"tasks/III.1": NOT_DONE}, "CCHC206", "task:III.1", "III.1:"),
    ("2021-04-01", {"tasks/ii.1": NOT_DONE}, "CCHC012", "task:II.1", "ii.1:"),
    ("2021-04-01", {"tasks/II.1": DONE_LATE}, "CCHC205", "task:II.1", "completed_on: 2021-05-01"),
    ("2021-06-10", {"tasks/II.1": DONE_LATE}, "CCHC202", "task:II.1", "completed_on: 2021-05-01"),
]


@pytest.mark.parametrize(("as_of", "changes", "rule", "subject", "starts"), CASES,
                         ids=[f"{c[2]}-{c[3]}" for c in CASES])
def test_a_finding_points_at_the_key_it_is_about(
    tmp_path: Path, as_of: str, changes: dict[str, Any], rule: str, subject: str, starts: str
) -> None:
    report = check(tmp_path, DEPT, "H1", D(as_of), changes)
    found = [f for f in report.findings if f.rule == rule and f.subject == subject]
    assert len(found) == 1, [(f.rule, f.subject) for f in report.findings]
    location = found[0].location
    assert location is not None
    line = (tmp_path / "progress.yaml").read_text(encoding="utf-8").splitlines()[location.line - 1]
    assert line[location.column - 1:].startswith(starts), (location.line, location.column, line)


def test_a_file_without_a_period_is_told_the_periods(tmp_path: Path) -> None:
    """No period in the file and none on the command line: CCHC004 at the top of the file, its hint
    listing the plan's periods (data/plan_2021.yaml: Q1, H1, 9M, FY; Quý I, 6 tháng, 9 tháng, năm)."""
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), {"period": DELETE})
    found = [f for f in report.findings if f.rule == "CCHC004"]
    assert [f.subject for f in found] == ["input:period"]
    assert found[0].hint is not None
    assert found[0].hint.en == "the periods are Q1, H1, 9M, FY"
    assert found[0].hint.vi == "các kỳ: Q1, H1, 9M, FY (Quý I, 6 tháng, 9 tháng, năm)"
