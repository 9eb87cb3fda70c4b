"""The benchmarks' generator still writes files the current plan and schema accept.

The roll-up figures (docs/development.md) are measured on ``benchmarks/make_reports.py``'s files; a change to
the plan's shape (the communication forms became records in dataset 2.1.0) once broke the
generator without a test noticing. A small city, checked: every file is judged, and only the
share meant to be invalid is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_generated_reports_are_judged_and_only_the_invalid_share_is_refused(tmp_path: Path) -> None:
    city = tmp_path / "city"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_reports.py"), "52", str(city), "--periods", "FY",
                    "--invalid-share", "0.1"], check=True, capture_output=True, timeout=120)
    files = sorted(city.glob("*.yaml"))
    assert len(files) == 52
    done = subprocess.run([sys.executable, "-m", "cchc_cli", "summary", str(city), "--period", "FY", "--format", "json"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode in (0, 1, 2), done.stderr
    units = json.loads(done.stdout)["units"]
    statuses = [u["status"] for u in units]
    invalid = statuses.count("invalid")
    assert 1 <= invalid <= 10, statuses  # about a tenth, never the whole city
    assert statuses.count("missing") == 0  # every unit sent its file
    assert statuses.count("ok") + statuses.count("findings") + statuses.count("late") == 52 - invalid
