"""Checks of the file against the plan: behaviour that mutation testing found no test pinned (issue 16).

Through :func:`cchc_cli.api.check` only.
"""

from __future__ import annotations

from pathlib import Path

from test_rules import DEPT, D, check


def test_every_listed_unknown_event_gets_its_suggestion(tmp_path: Path) -> None:
    """Up to MAX_PROBLEMS (100) unknown events each get a suggestion: the 100th too."""
    from cchc_cli.validation import MAX_PROBLEMS

    events = {f"events/pci_published_{n}": D("2021-05-05") for n in range(MAX_PROBLEMS)}
    report = check(tmp_path, DEPT, "H1", D("2021-06-10"), events)
    messages = [f.message.en for f in report.findings if f.rule == "CCHC009"]
    assert len(messages) == MAX_PROBLEMS
    assert all(m.endswith("; did you mean 'pci_published'?") for m in messages), [m for m in messages if "did you" not in m]
