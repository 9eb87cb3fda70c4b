"""cchc summary: the city roll-up from the agencies' own progress files."""

from __future__ import annotations

import csv
import io
import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli import api
from cchc_cli.cli import EXIT_FINDINGS, EXIT_INPUT, app
from cchc_cli.summary import score
from conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "CCHC_NO_CONFIG": "1", "CI": "1"}
    return runner.invoke(app, list(args), env=env)


def _copy(src: str, dest: Path, replace: dict[str, str] | None = None) -> Path:
    text = (EXAMPLES / src).read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest


FY_DISTRICT = {
    "period: 6 tháng": "period: FY", "as_of: 10/06/2021": "as_of: 10/12/2021", "submitted_on: 14/06/2021": "submitted_on: 14/12/2021",
}


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two FY reports (a department, a district), an H1 one for trends, a broken file."""
    monkeypatch.chdir(tmp_path)
    _copy("so-tu-phap-FY.yaml", tmp_path / "reports" / "stp-FY.yaml")
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "reports" / "hk-FY.yaml", FY_DISTRICT)
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "reports" / "old" / "hk-H1.yaml")
    (tmp_path / "reports" / "broken.yaml").write_text("schema_version: 1\nagency: so-noi-vu\nperiod: FY\nindicators: [\n", encoding="utf-8")
    return tmp_path / "reports"


def test_city_figures_are_summed_counts_never_averaged_percentages(city: Path) -> None:
    report = api.summary([city], period="FY")
    on_time = next(t for t in report.city_targets if t.id == "on_time_dossiers")
    # 60850/61200 (Sở Tư pháp) and 2276/2300 (Hoàn Kiếm): the city's rate is the sum over the sum
    assert (on_time.numerator, on_time.denominator, on_time.units) == (60850 + 2276, 61200 + 2300, 2)
    assert on_time.value == Fraction(60850 + 2276, 61200 + 2300)
    average = (Fraction(60850, 61200) + Fraction(2276, 2300)) / 2
    assert on_time.value != average and on_time.verdict == "met"
    commune = next(t for t in report.city_targets if t.id == "commune_officials_training")
    assert commune.units == 1  # only districts report it


def test_who_has_not_reported_and_every_file_is_accounted_for(city: Path) -> None:
    report = api.summary([city], period="FY")
    assert report.files == 4
    reported = {r.unit.agency.id for r in report.ranking if r.unit.agency}
    assert reported == {"so-tu-phap", "quan-hoan-kiem"}
    assert len(report.not_reported) == 52 - 2 and "so-noi-vu" in {a.id for a in report.not_reported}
    assert [b.path for b in report.bad_files] == [str(city / "broken.yaml")]
    location, message = report.bad_files[0].problem  # type: ignore[misc]
    assert location.line == 4 and message.en
    assert report.exit_code == EXIT_INPUT  # one bad file: the batch goes on, the exit code says so


def test_two_files_for_one_unit_and_period_name_both(city: Path) -> None:
    _copy("so-tu-phap-FY.yaml", city / "again" / "copy.yaml")
    report = api.summary([city], period="FY")
    assert [(d.agency.id, d.period) for d in report.duplicates] == [("so-tu-phap", "FY")]
    duplicate = report.duplicates[0]
    assert {duplicate.kept, duplicate.other} == {str(city / "stp-FY.yaml"), str(city / "again" / "copy.yaml")}
    assert report.exit_code == EXIT_INPUT


def test_score_is_the_documented_formula(city: Path) -> None:
    report = api.summary([city], period="FY")
    ranked = {r.unit.agency.id: r for r in report.ranking if r.unit.agency}
    assert ranked["so-tu-phap"].score == 100 and report.ranking[0].unit.agency.id == "so-tu-phap"  # type: ignore[union-attr]
    hk = ranked["quan-hoan-kiem"].unit
    targets = Fraction(sum(c.verdict == "met" for c in hk.targets), len(hk.targets))
    duties = Fraction(hk.duties_judged - len(hk.missed_duties), hk.duties_judged)
    assert score(hk) == 50 * targets + 25 * 1 + 25 * duties


def test_late_reports_overdue_tasks_by_lead_and_trends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy("so-noi-vu-Q1-late.yaml", tmp_path / "r" / "snv-Q1.yaml", {"as_of: 2021-03-10": "as_of: 2021-04-10", "period: Quý I": "period: H1"})
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk-H1.yaml")
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk-FY.yaml", FY_DISTRICT)
    report = api.summary([tmp_path / "r"], period="H1")
    assert [r.agency.id for r in report.late if r.agency] == []  # submitted 18/03 for H1, due 15/06: on time
    leads = {lead.id: tasks for lead, tasks in report.overdue_by_lead}
    assert "so-noi-vu" in leads and ("I.1", 10) in leads["so-noi-vu"]
    trends = {agency.id: [p for p, _ in periods] for agency, periods in report.trends}
    assert trends == {"quan-hoan-kiem": ["H1", "FY"]}


def test_as_of_applies_to_the_periods_files_only(city: Path) -> None:
    report = api.summary([city], period="FY", as_of=__import__("datetime").date(2021, 12, 1))
    assert {r.unit.as_of.isoformat() for r in report.ranking} == {"2021-12-01"}  # type: ignore[union-attr]
    trend = dict(report.trends)
    assert trend  # the H1 file is still judged at its own as_of (it is only in the trends)


def test_parallel_and_serial_runs_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for i in range(70):
        shutil.copy(EXAMPLES / "so-tu-phap-FY.yaml", tmp_path / f"f{i:03d}.yaml")
    serial = api.summary([tmp_path], period="FY", workers=1)
    parallel = api.summary([tmp_path], period="FY", workers=2)
    assert serial == parallel and len(parallel.duplicates) == 69


def test_csv_has_a_bom_parses_back_and_defuses_formulas(city: Path) -> None:
    result = run("summary", str(city), "--period", "FY", "--format", "csv")
    assert result.exit_code == EXIT_INPUT
    raw = result.stdout
    assert raw.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(raw[1:])))
    assert [r["agency_id"] for r in rows] == ["so-tu-phap", "quan-hoan-kiem"]
    assert rows[1]["on_time_dossiers_percent"] == "98,95%" and rows[1]["on_time_dossiers_verdict"] == "missed"


def test_json_and_markdown_outputs(city: Path) -> None:
    document = json.loads(run("summary", str(city), "--period", "FY", "--format", "json").stdout)
    assert document["files"] == 4 and document["exit_code"] == EXIT_INPUT
    assert [r["agency"]["id"] for r in document["ranking"]] == ["so-tu-phap", "quan-hoan-kiem"]
    on_time = next(t for t in document["city_targets"] if t["id"] == "on_time_dossiers")
    assert on_time["value"] == f"{60850 + 2276}/{61200 + 2300}"
    markdown = run("summary", str(city), "--period", "FY", "--format", "markdown", "--lang", "en").stdout
    assert "| 1 | Sở Tư pháp | 100.0 |" in markdown and "Not reported (50)" in markdown


def test_text_report_and_export(city: Path, tmp_path: Path) -> None:
    result = run("summary", str(city), "--period", "FY", "--export", str(tmp_path / "city.html"))
    assert result.exit_code == EXIT_INPUT
    assert "Tổng hợp kết quả CCHC toàn Thành phố" in result.stdout and "Chưa báo cáo (50)" in result.stdout
    html = (tmp_path / "city.html").read_text(encoding="utf-8")
    assert "Sở Tư pháp" in html and "<html" in html


def test_findings_alone_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk.yaml")
    assert run("summary", "r", "--period", "H1").exit_code == EXIT_FINDINGS


def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    assert run("summary", "empty", "--period", "FY").exit_code == EXIT_INPUT
    _copy("so-tu-phap-FY.yaml", tmp_path / "r" / "a.yaml")
    assert run("summary", "r", "--period", "Q9").exit_code == EXIT_INPUT
    assert run("summary", "r", "--period", "FY", "--format", "sarif").exit_code == EXIT_INPUT
    result = run("summary", "r", "--period", "FY", "--format", "json=r/a.yaml")
    assert result.exit_code == EXIT_INPUT and "Sở Tư pháp" in (tmp_path / "r" / "a.yaml").read_text(encoding="utf-8")


def test_the_matrix_shows_each_units_rate_and_verdict(city: Path) -> None:
    text = run("summary", str(city), "--period", "FY").stdout
    assert "98,95% ✗" in text and "99,42% ✓" in text  # Hoàn Kiếm misses on-time, Sở Tư pháp meets it
    markdown = run("summary", str(city), "--period", "FY", "--format", "markdown").stdout
    assert "| Quận Hoàn Kiếm |" in markdown and "98,95% ✗" in markdown
