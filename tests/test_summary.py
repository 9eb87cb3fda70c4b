"""cchc summary: the city roll-up from the agencies' own progress files."""

from __future__ import annotations

import csv
import io
import json
import re
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
    # The broken file's agency line names Sở Nội vụ: it has reported, an invalid file, not "not reported".
    assert len(report.not_reported) == 52 - 3 and "so-noi-vu" not in {a.id for a in report.not_reported}
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
    from datetime import date

    from cchc_cli.models.report import Severity
    from cchc_cli.summary import check_all, progress_files

    report = api.summary([city], period="FY", as_of=date(2021, 12, 1))
    assert {r.unit.as_of.isoformat() for r in report.ranking} == {"2021-12-01"}  # type: ignore[union-attr]
    # The H1 file is still judged at its own as_of (10/06/2021; it is only in the trends). Its
    # target counts read the same on either date, so the dates and the findings are what tell.
    h1 = city / "old" / "hk-H1.yaml"
    own, moved = api.check(h1), api.check(h1, as_of=date(2021, 12, 1))
    assert own.as_of == date(2021, 6, 10) and own.summary != moved.summary  # the two judgements differ
    results = {Path(r.path).name: r for r in check_all(progress_files([city]), plan_path=None, fail_on=Severity.error,
                                                        period="FY", as_of=date(2021, 12, 1), workers=1)}
    assert results["hk-FY.yaml"].as_of == date(2021, 12, 1)
    assert results["hk-H1.yaml"].as_of == date(2021, 6, 10)
    assert (results["hk-H1.yaml"].errors, results["hk-H1.yaml"].warnings, results["hk-H1.yaml"].infos) == (
        own.summary.errors, own.summary.warnings, own.summary.infos)
    ((agency, periods),) = report.trends
    assert agency.id == "quan-hoan-kiem" and [p for p, _ in periods] == ["H1", "FY"]
    assert [(c.id, c.numerator, c.denominator, c.verdict) for c in dict(periods)["H1"]] == [
        (t.id, t.numerator, t.denominator, t.verdict) for t in own.targets]


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
    # the ranked units first, then Sở Nội vụ's broken file, then every other unit that owes the report
    assert [r["agency_id"] for r in rows[:3]] == ["so-tu-phap", "quan-hoan-kiem", "so-noi-vu"] and len(rows) == 52
    # CSV is the machine format: a dot decimal in every language, as the score column writes it
    assert rows[1]["on_time_dossiers_percent"] == "98.95%" and rows[1]["on_time_dossiers_verdict"] == "missed"
    assert rows[1]["score"] == "72.92" and "," not in rows[0]["score"]


def test_json_and_markdown_outputs(city: Path) -> None:
    document = json.loads(run("summary", str(city), "--period", "FY", "--format", "json").stdout)
    assert document["files"] == 4 and document["exit_code"] == EXIT_INPUT
    assert [r["agency"]["id"] for r in document["ranking"]] == ["so-tu-phap", "quan-hoan-kiem"]
    on_time = next(t for t in document["city_targets"] if t["id"] == "on_time_dossiers")
    assert on_time["value"] == f"{60850 + 2276}/{61200 + 2300}"
    markdown = run("summary", str(city), "--period", "FY", "--format", "markdown", "--lang", "en").stdout
    assert "| 1 | Sở Tư pháp | 100.0 |" in markdown and "Not reported (49)" in markdown


def test_text_report_and_export(city: Path, tmp_path: Path) -> None:
    result = run("summary", str(city), "--period", "FY", "--export", str(tmp_path / "city.html"))
    assert result.exit_code == EXIT_INPUT
    assert "Tổng hợp kết quả CCHC toàn Thành phố" in result.stdout and "Chưa báo cáo (49)" in result.stdout
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


@pytest.mark.parametrize(("lang", "title"), [("vi", "Đơn vị × chỉ tiêu"), ("en", "Units × targets")])
def test_the_matrix_columns_are_target_titles_in_the_language_never_split_mid_word(city: Path, lang: str, title: str) -> None:
    from cchc_cli.dataset import load_plan

    plan = load_plan().plan
    words = {w for target in plan.targets for w in target.title.get(lang).split()}
    words |= {w for w in ("Cơ quan, đơn vị" if lang == "vi" else "Agency").split()}
    ids = [target.id for target in plan.targets]
    text = run("summary", str(city), "--period", "FY", "--lang", lang).stdout
    block = text.split(title, 1)[1].split("\n", 1)[1].split("─", 1)[0]  # the matrix's header lines, above its rule
    tokens = [token.rstrip("…") for token in block.split()]
    assert tokens, text
    for token in tokens:
        assert token in words, f"{token!r} is not a whole word of a target's title"
    for target_id in ids:
        assert target_id not in block and target_id.replace("_", " ") not in block
    first = plan.targets[0].title.get(lang).split()[0]
    assert first in tokens
    markdown = run("summary", str(city), "--period", "FY", "--format", "markdown", "--lang", lang).stdout
    header = markdown.split(title, 1)[1].split("\n|", 1)[1].split("\n", 1)[0]
    for target in plan.targets:
        assert target.title.get(lang) in header and target.id not in header


def test_a_short_label_is_cut_between_words() -> None:
    from cchc_cli.render.cells import short_label

    assert short_label("Hồ sơ TTHC trả kết quả đúng hạn, trước hạn", 33) == "Hồ sơ TTHC trả kết quả đúng hạn…"
    assert short_label("Dossiers resolved on time", 36) == "Dossiers resolved on time"
    assert short_label("Supercalifragilistic words", 5) == "Supercalifragilistic…"
    assert len(short_label("Bồi dưỡng cán bộ cấp xã về các Chỉ số PARINDEX, SIPAS, PAPI")) <= 36


# -- reported, invalid, missing: one status per unit ------------------------------------------

HK_FY = "quan-hoan-kiem-H1.yaml"


def _district(dest: Path, name: str, extra: dict[str, str] | None = None) -> Path:
    """Hoàn Kiếm's example as the FY report of another district (no appendix task: same score)."""
    return _copy(HK_FY, dest, {**FY_DISTRICT, "agency: UBND quận Hoàn Kiếm": f"agency: {name}", **(extra or {})})


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every status for FY: ok, findings (a tie), late, invalid with and without a readable agency."""
    monkeypatch.chdir(tmp_path)
    r = tmp_path / "r"
    _copy("so-tu-phap-FY.yaml", r / "stp.yaml")  # ok, 100
    _district(r / "hk.yaml", "UBND quận Hoàn Kiếm")  # findings (on-time missed)
    _district(r / "bd.yaml", "Quận Ba Đình")  # findings, the same score as Hoàn Kiếm
    _district(r / "th.yaml", "Quận Tây Hồ", {"satisfaction: {surveyed: 1250, satisfied: 1130}": "satisfaction: {surveyed: 1250, satisfied: 1000}"})
    _district(r / "cg.yaml", "Quận Cầu Giấy", {"submitted_on: 14/12/2021": "submitted_on: 20/12/2021"})  # late, and findings
    # A YAML syntax error far below a readable agency line.
    text = (EXAMPLES / "so-tu-phap-FY.yaml").read_text(encoding="utf-8").replace("agency: Sở Tư pháp", "agency: Sở Nội vụ")
    (r / "snv.yaml").write_text(text + "remarks: [\n", encoding="utf-8")
    # An agency line that names no unit of the registry.
    (r / "mystery.yaml").write_text("schema_version: 1\nagency: Sở Không Tồn Tại\nperiod: FY\nindicators: [\n", encoding="utf-8")
    return r


def _expected_reporters() -> set[str]:
    from cchc_cli.compiled import compiled_plan

    plan = compiled_plan(None)
    return {
        a.id for a in plan.registry.model.agencies
        if a.kind in plan.periodic_reporter_kinds or a.id in plan.periodic_reporter_agencies
    }


def test_a_broken_file_with_a_readable_agency_line_is_reported_invalid(mixed: Path) -> None:
    report = api.summary([mixed], period="FY")
    units = {u.agency.id: u for u in report.units if u.agency}
    snv = units["so-noi-vu"]
    assert snv.status == "invalid" and snv.owes and snv.ranked is None
    assert snv.result is not None and snv.result.path == str(mixed / "snv.yaml")
    location, message = snv.result.problem  # type: ignore[misc]
    assert location is not None and location.line > 30 and "YAML" in message.en  # the syntax error, far below line 4
    assert "so-noi-vu" not in {a.id for a in report.not_reported}
    document = json.loads(run("summary", str(mixed), "--period", "FY", "--format", "json").stdout)
    bad = next(b for b in document["bad_files"] if b["file"].endswith("snv.yaml"))
    assert bad["agency"] is None and bad["claimed_agency"]["id"] == "so-noi-vu" and bad["claimed_period"] == "FY"
    row = next(u for u in document["units"] if u["agency"] and u["agency"]["id"] == "so-noi-vu")
    assert row["status"] == "invalid" and row["file"].endswith("snv.yaml") and row["problem"]["location"]["line"] > 30
    text = run("summary", str(mixed), "--period", "FY", "--lang", "en").stdout
    assert "Reported, invalid (1): Sở Nội vụ" in text


def test_a_schema_error_keeps_the_parsed_agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy("so-tu-phap-FY.yaml", tmp_path / "r" / "stp.yaml", {"resolved: 61200": "resolved: '61200'"})
    report = api.summary([tmp_path / "r"], period="FY")
    (unit,) = [u for u in report.units if u.status != "missing"]
    assert unit.agency is not None and unit.agency.id == "so-tu-phap" and unit.status == "invalid"
    assert len(report.not_reported) == 52 - 1


def test_a_broken_file_whose_agency_cannot_be_told_is_a_row_of_its_own(mixed: Path) -> None:
    report = api.summary([mixed], period="FY")
    nobody = [u for u in report.units if u.agency is None]
    assert [(u.status, u.result.path if u.result else None) for u in nobody] == [("invalid", str(mixed / "mystery.yaml"))]
    assert report.exit_code == EXIT_INPUT


def test_a_broken_file_of_another_period_leaves_the_unit_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "h1.yaml").write_text("schema_version: 1\nagency: Sở Nội vụ\nperiod: 6 tháng\nindicators: [\n", encoding="utf-8")
    (tmp_path / "r" / "nop.yaml").write_text("schema_version: 1\nagency: so-tu-phap\nindicators: [\n", encoding="utf-8")
    report = api.summary([tmp_path / "r"], period="FY")
    status = {u.agency.id: u.status for u in report.units if u.agency}
    # H1's broken file says nothing of FY; a file with no readable period counts for the one rolled up.
    assert status["so-noi-vu"] == "missing" and status["so-tu-phap"] == "invalid"
    assert {b.claimed_period for b in report.bad_files} == {"H1", None}


@pytest.mark.parametrize(
    ("text", "agency", "period"),
    [
        ("schema_version: 1\nagency: Sở Nội vụ\nperiod: FY\nindicators: [\n", "so-noi-vu", "FY"),
        ("'agency': \"so-noi-vu\"  # the department\nperiod: 6 tháng # H1\n", "so-noi-vu", "H1"),
        ("agency: UBND quận Hoàn Kiếm # a comment\n", "quan-hoan-kiem", None),
        ("tasks:\n  agency: Sở Nội vụ\n", None, None),  # not the top level
        ("agency: Sở Nội vụ\nagency: Sở Tư pháp\n", None, None),  # two agencies: neither
        ("agency: Ủy ban nhân dân\n  quận Hoàn Kiếm\n", None, None),  # continued on the next line
        ("agency: [so-noi-vu]\n", None, None),
        ("agency: &a so-noi-vu\n", None, None),
        ("agency: Sở Không Tồn Tại\nperiod: Q9\n", None, None),
        ("agency: 'so-noi-vu\n", None, None),  # unterminated
    ],
)
def test_the_agency_line_is_read_only_when_it_is_certain(tmp_path: Path, text: str, agency: str | None, period: str | None) -> None:
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.summary import claimed

    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    found, found_period = claimed(str(path), compiled_plan(None))
    assert (found.id if found else None, found_period) == (agency, period)


def test_the_agency_line_of_a_legacy_encoded_file_still_reads(tmp_path: Path) -> None:
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.summary import claimed

    (tmp_path / "legacy.yaml").write_bytes(b"agency: so-noi-vu\nnote: \xe0\xe1\xe2\n")
    (tmp_path / "binary.yaml").write_bytes(b"agency: so-noi-vu\n\x00\x01")
    plan = compiled_plan(None)
    assert claimed(str(tmp_path / "legacy.yaml"), plan)[0].id == "so-noi-vu"  # type: ignore[union-attr]
    assert claimed(str(tmp_path / "binary.yaml"), plan) == (None, None)


def test_the_csv_lists_every_periodic_reporter_once_with_its_status(mixed: Path) -> None:
    result = run("summary", str(mixed), "--period", "FY", "--format", "csv")
    assert result.exit_code == EXIT_INPUT
    rows = list(csv.DictReader(io.StringIO(result.stdout[1:])))
    reporters = _expected_reporters()
    ids = [r["agency_id"] for r in rows if r["agency_id"]]
    assert len(ids) == len(set(ids)) and set(ids) == reporters  # every periodic reporter exactly once
    assert len(rows) == len(reporters) + 1  # and the file whose unit cannot be told
    status = {r["agency_id"]: r["status"] for r in rows}
    assert status["so-tu-phap"] == "ok" and status["quan-hoan-kiem"] == "findings" and status["quan-ba-dinh"] == "findings"
    assert status["quan-cau-giay"] == "late"  # late and findings: late first
    assert status["so-noi-vu"] == "invalid" and status["so-y-te"] == "missing"
    assert sum(r["status"] == "missing" for r in rows) == len(reporters) - 6
    snv = next(r for r in rows if r["agency_id"] == "so-noi-vu")
    assert snv["file"].endswith("snv.yaml") and snv["problem"].startswith(snv["file"] + ":") and snv["rank"] == ""
    mystery = next(r for r in rows if not r["agency_id"])
    assert mystery["status"] == "invalid" and mystery["file"].endswith("mystery.yaml") and mystery["period"] == "FY"
    assert set(result.stdout[1:].splitlines()[0].split(",")[-3:]) == {"file", "status", "problem"}  # extended at the end


def test_equal_scores_share_a_rank_in_every_format(mixed: Path) -> None:
    report = api.summary([mixed], period="FY")
    ranks = {r.unit.agency.id: r.rank for r in report.ranking if r.unit.agency}
    assert ranks == {"so-tu-phap": 1, "quan-ba-dinh": 2, "quan-hoan-kiem": 2, "quan-tay-ho": 4, "quan-cau-giay": 5}
    document = json.loads(run("summary", str(mixed), "--period", "FY", "--format", "json").stdout)
    assert [(r["agency"]["id"], r["rank"]) for r in document["ranking"]][:4] == [
        ("so-tu-phap", 1), ("quan-ba-dinh", 2), ("quan-hoan-kiem", 2), ("quan-tay-ho", 4)]
    assert [r["status"] for r in document["ranking"]] == ["ok", "findings", "findings", "findings", "late"]
    rows = list(csv.DictReader(io.StringIO(run("summary", str(mixed), "--period", "FY", "--format", "csv").stdout[1:])))
    assert [r["rank"] for r in rows[:5]] == ["1", "2", "2", "4", "5"]
    markdown = run("summary", str(mixed), "--period", "FY", "--format", "markdown", "--lang", "en").stdout
    assert "| 2 | Quận Ba Đình |" in markdown and "| 2 | Quận Hoàn Kiếm |" in markdown and "| 4 | Quận Tây Hồ |" in markdown
    text = run("summary", str(mixed), "--period", "FY", "--lang", "en").stdout
    assert re.search(r"^\s+2\s+Quận Ba Đình", text, re.M) and re.search(r"^\s+2\s+Quận Hoàn", text, re.M)


def test_the_chart_tells_met_from_missed_without_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    on_time = "on_time_dossiers: {resolved: 2300, on_time: 2276}"
    _district(tmp_path / "r" / "bd.yaml", "Quận Ba Đình", {on_time: "on_time_dossiers: {resolved: 10000, on_time: 9887}"})
    _district(tmp_path / "r" / "th.yaml", "Quận Tây Hồ", {on_time: "on_time_dossiers: {resolved: 10000, on_time: 9997}"})
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "CCHC_NO_CONFIG": "1", "CI": "1", "NO_COLOR": "1"}
    text = runner.invoke(app, ["summary", "r", "--period", "FY", "--lang", "en"], env=env).stdout
    assert "\x1b[" not in text
    assert "98.87% ✗" in text and "99.97% ✓" in text
    ranking = text.split("Units ranked", 1)[1].split("Units × targets", 1)[0]
    # The on-time bars, in rank order: Tây Hồ (met) first; then the satisfaction bars follow on each row.
    bars = re.findall(r"[█·]+│[█·]+", ranking)
    met, missed = bars[0], bars[2]
    assert met != missed
    assert "·" not in met.split("│")[0] and "·" in missed.split("│")[0]  # a missed bar stops short of the line
    assert "98–100%" in ranking  # the scale the bars are drawn on is said


def test_another_periods_findings_do_not_fail_this_period(tmp_path: Path) -> None:
    # The H1 file is read for the trends; its findings are H1's, not FY's (review of issue 11).
    shutil.copy(EXAMPLES / "so-tu-phap-FY.yaml", tmp_path)
    shutil.copy(EXAMPLES / "quan-hoan-kiem-H1.yaml", tmp_path)
    alone = api.check(tmp_path / "quan-hoan-kiem-H1.yaml")
    from cchc_cli.models.report import Severity

    assert alone.exit_code(Severity.error) == 1  # H1 has findings of its own
    result = CliRunner().invoke(app, ["summary", str(tmp_path), "--period", "FY", "--format", "json"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["exit_code"] == 0
    assert CliRunner().invoke(app, ["summary", str(tmp_path), "--period", "H1"]).exit_code == EXIT_FINDINGS


def test_a_task_overdue_only_by_a_reading_is_not_scored_or_listed_as_overdue(tmp_path: Path) -> None:
    text = (EXAMPLES / "so-tu-phap-FY.yaml").read_text(encoding="utf-8").replace("agency: Sở Tư pháp", "agency: Sở Kế hoạch và Đầu tư")
    text = re.sub(r"tasks:.*?\nduties:", "tasks:\n  I.11: {status: not_started}\n  IV.7: {status: done, completed_on: 2021-10-01}\nduties:",
                  text, flags=re.S)
    (tmp_path / "so-ke-hoach-dau-tu-FY.yaml").write_text(text, encoding="utf-8")
    report = api.check(tmp_path / "so-ke-hoach-dau-tu-FY.yaml")
    assert [f.rule for f in report.findings if f.subject == "task:I.11"] == ["CCHC209"]  # overdue by R01 only
    result = CliRunner().invoke(app, ["summary", str(tmp_path), "--period", "FY", "--format", "json"])
    document = json.loads(result.stdout)
    (unit,) = document["ranking"]
    assert unit["overdue_tasks"] == [] and document["overdue_by_lead"] == []
    assert Fraction(unit["score"]) == 100
