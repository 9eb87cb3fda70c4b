"""cchc summary --format xlsx=FILE: the workbook the city opens, read back as a spreadsheet reads it."""

from __future__ import annotations

import csv
import io
import math
import operator
import re
import subprocess
import sys
import time
import zipfile
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import openpyxl  # noqa: E402 - a test dependency (the test extra): missing, the module fails

from cchc_cli import api  # noqa: E402
from cchc_cli.cli import EXIT_INPUT  # noqa: E402
from cchc_cli.render.summary_xlsx import render_summary, threshold_decimals  # noqa: E402
from test_summary import FY_DISTRICT, _copy, run  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

SHEETS = {
    "vi": ["Thông tin chung", "Đơn vị", "Chỉ tiêu toàn Thành phố", "Chỉ tiêu theo đơn vị", "Chưa báo cáo, muộn, lỗi",
           "Quá hạn theo chủ trì", "Diễn biến qua các kỳ"],
    "en": ["Cover", "Units", "City targets", "Targets by unit", "Not reported, late, invalid", "Overdue by lead", "Trends"],
}


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two FY reports (a department, a district that misses on-time), an H1 one for trends, a broken file."""
    monkeypatch.chdir(tmp_path)
    _copy("so-tu-phap-FY.yaml", tmp_path / "r" / "stp-FY.yaml")
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk-FY.yaml", FY_DISTRICT)
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "old" / "hk-H1.yaml")
    (tmp_path / "r" / "broken.yaml").write_text("schema_version: 1\nagency: so-noi-vu\nperiod: FY\nindicators: [\n", encoding="utf-8")
    return tmp_path / "r"


def _workbook(path: Path, *args: str) -> Any:
    result = run("summary", str(path), "--period", "FY", "--format", "xlsx=city.xlsx", *args)
    assert result.exit_code == EXIT_INPUT, result.output  # the broken file
    assert result.stdout == ""  # the only format asked for went to its file
    return openpyxl.load_workbook("city.xlsx")


def _rows(ws: Any, first: int = 1) -> list[list[Any]]:
    return [[c for c in row] for row in ws.iter_rows(min_row=first)]


def _column(ws: Any, header: str, header_row: int = 1) -> int:
    labels = [c.value for c in ws[header_row]]
    assert header in labels, labels
    return labels.index(header)


def _shown(value: float, number_format: str) -> Decimal:
    """What Excel shows for a percent cell: the double to 15 significant digits, then rounded half up."""
    decimals = len(number_format.split(".")[1]) - 1 if "." in number_format else 0
    assert number_format == "0." + "0" * decimals + "%" or (decimals == 0 and number_format == "0%")
    percent = Context(prec=15).create_decimal(Decimal(value) * 100)
    return percent.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


# -- the sheets, their language, their layout ----------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_sheet_per_view_with_headers_in_the_report_language(city: Path, lang: str) -> None:
    wb = _workbook(city, "--lang", lang)
    assert wb.sheetnames == SHEETS[lang]
    units = wb.worksheets[1]
    header = [c.value for c in units[1]]
    if lang == "vi":
        assert header[:3] == ["Hạng", "Mã đơn vị", "Cơ quan, đơn vị"] and "Trạng thái" in header
        assert wb.worksheets[0]["A1"].value == "Tổng hợp kết quả CCHC toàn Thành phố"
    else:
        assert header[:3] == ["Rank", "Agency id", "Agency"] and "Status" in header
        assert wb.worksheets[0]["A1"].value == "City-wide administrative reform roll-up"
    statuses = {row[_column(units, header[5])].value for row in units.iter_rows(min_row=2)}
    expected = {"vi": {"đạt, không có phát hiện", "có phát hiện", "tệp lỗi", "chưa báo cáo"},
                "en": {"ok", "findings", "invalid", "not reported"}}
    assert statuses == expected[lang]


def test_headers_frozen_filters_on_the_tables_and_widths_that_fit(city: Path) -> None:
    wb = _workbook(city)
    units, targets = wb["Đơn vị"], wb["Chỉ tiêu theo đơn vị"]
    report = api.summary([city], period="FY")
    # every unit of the roll-up is a row, under one frozen header row with a filter over them all
    assert units.max_row == 1 + len(report.units) and units.freeze_panes == "A2"
    assert units.auto_filter.ref == f"A1:Q{1 + len(report.units)}"
    # two header rows (the target over its four columns); the unit stays in view to the left
    assert targets.freeze_panes == "D3" and targets.auto_filter.ref == f"A2:AA{2 + len(report.ranking)}"
    assert "D1:G1" in {str(r) for r in targets.merged_cells.ranges}
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes is not None and ws.auto_filter.ref, ws.title
    # the cover is a list of items: a filter would only let someone sort it into nonsense
    assert not wb["Thông tin chung"].auto_filter.ref
    # the agency column is as wide as its longest name (Vietnamese letters, one column each)
    name = _column(units, "Cơ quan, đơn vị")
    longest = max(len(row[name].value or "") for row in units.iter_rows(min_row=1))
    letter = openpyxl.utils.get_column_letter(name + 1)
    assert longest <= units.column_dimensions[letter].width <= longest + 4


def test_the_cover_names_the_plan_period_and_dates(city: Path) -> None:
    wb = _workbook(city, "--as-of", "01/12/2021")
    report = api.summary([city], period="FY", as_of=date(2021, 12, 1))
    cover = {row[0].value: row[1] for row in wb["Thông tin chung"].iter_rows(min_row=4) if row[0].value}
    assert cover["Mã kế hoạch"].value == report.plan.id and cover["Phiên bản dữ liệu"].value == report.plan.version
    assert cover["SHA-256"].value == report.plan.sha256 and len(report.plan.sha256) == 64
    assert cover["Kỳ báo cáo"].value == f"{report.period_name.vi} (FY)"
    as_of = cover["Số liệu đến ngày"]
    assert as_of.value == datetime(2021, 12, 1) and as_of.is_date and as_of.number_format == "dd/mm/yyyy"
    due = cover["Hạn gửi báo cáo"]
    assert due.is_date and due.value.date() == report.report_due and due.number_format == "dd/mm/yyyy"
    files = cover["Tổng cộng, số tệp"]
    assert files.data_type == "n" and files.value == report.files == 4
    assert cover["Trạng thái: chưa báo cáo"].value == len(report.not_reported)


# -- every number is a number ----------------------------------------------------------------------

_NUMERIC_TEXT = re.compile(r"^[-+]?\d+(?:[.,]\d+)?\s*%?$")


def test_every_number_is_a_number_cell(city: Path) -> None:
    wb = _workbook(city)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not _NUMERIC_TEXT.match(cell.value), (ws.title, cell.coordinate, cell.value)
    units = wb["Đơn vị"]
    report = api.summary([city], period="FY")
    first = _rows(units, 2)[0]
    assert first[0].value == 1 and first[0].data_type == "n"  # rank
    score = first[_column(units, "Điểm")]
    assert score.data_type == "n" and score.value == float(report.ranking[0].score) and score.number_format == "0.00"
    for header in ("Số liệu đến ngày", "Ngày gửi"):
        cell = first[_column(units, header)]
        assert cell.is_date and cell.value == datetime(2021, 12, 10 if header == "Số liệu đến ngày" else 14)
        assert cell.number_format == "dd/mm/yyyy"
    overdue = first[_column(units, "Nhiệm vụ quá hạn")]
    assert overdue.data_type == "n" and overdue.value == 0
    assert first[_column(units, "Nhiệm vụ mục V chưa đạt")].data_type == "n"


@pytest.mark.parametrize(("lang", "overdue", "missed"), [("vi", "Nhiệm vụ quá hạn", "Nhiệm vụ mục V chưa đạt"),
                                                         ("en", "Tasks overdue", "Duties missed")])
def test_every_units_header_is_capitalised(city: Path, lang: str, overdue: str, missed: str) -> None:
    header = [c.value for c in _workbook(city, "--lang", lang)["Đơn vị" if lang == "vi" else "Units"][1]]
    assert overdue in header and missed in header
    assert all(label[0].isupper() for label in header), header


def test_rates_are_truncated_to_hundredths_of_a_percent_as_every_output_shows_them(city: Path) -> None:
    wb = _workbook(city)
    targets = wb["Chỉ tiêu theo đơn vị"]
    titles = [c.value for c in targets[1]]
    start = next(i for i, v in enumerate(titles) if v and v.endswith("(on_time_dossiers)"))
    rows = {row[1].value: row for row in targets.iter_rows(min_row=3)}
    hk = rows["quan-hoan-kiem"]
    numerator, denominator, rate, mark = hk[start : start + 4]
    assert (numerator.value, denominator.value) == (2276, 2300)  # the exact rate, to divide
    assert isinstance(numerator.value, int) and numerator.data_type == "n" and denominator.data_type == "n"
    # 98.9565…% misses 99%: it holds and shows 98.95%, as the text formats do, never 98.96% nor 99.00%
    assert rate.data_type == "n" and rate.value == 0.9895 and rate.number_format == "0.00%"
    assert _shown(rate.value, rate.number_format) == Decimal("98.95")
    assert mark.value == "✗ chưa đạt" and mark.data_type == "s"
    stp = rows["so-tu-phap"][start : start + 4]
    assert stp[2].value == math.floor(Fraction(60850, 61200) * 10000) / 10000 == 0.9942 and stp[3].value == "✓ đạt"
    city_sheet = wb["Chỉ tiêu toàn Thành phố"]
    on_time = next(row for row in city_sheet.iter_rows(min_row=2) if row[0].value == "on_time_dossiers")
    assert (on_time[2].value, on_time[3].value) == (60850 + 2276, 61200 + 2300)
    assert on_time[4].value == 0.9941 and on_time[4].number_format == "0.00%"  # 99.4110…%
    assert on_time[6].value == 0.99 and on_time[6].number_format == "0.00%"  # the threshold, as the plan says
    assert on_time[7].value == 0.0041 and on_time[7].number_format == "0.00%"  # +0.41 points, as the text says
    cover = {row[0].value: row[1].value for row in wb["Thông tin chung"].iter_rows(min_row=4) if row[0].value}
    assert "cắt bớt đến 0,01%, không làm tròn lên" in cover["Tỷ lệ"] and "tử số / mẫu số" in cover["Tỷ lệ"]
    assert "tối đa 6" not in cover["Tỷ lệ"]


@pytest.fixture(scope="module")
def big_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The city's year as the benchmarks generate it: 52 units × 4 periods, some invalid, some late."""
    city = tmp_path_factory.mktemp("big") / "city"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_reports.py"), "208", str(city)],
                   check=True, capture_output=True, timeout=300)
    return city


_MEETS = {">=": operator.ge, ">": operator.gt, "==": operator.eq}


@pytest.mark.parametrize("period", ["H1", "FY"])
def test_every_rate_cell_of_a_realistic_city_is_the_truncated_fraction(big_city: Path, period: str) -> None:
    """The reviewer's city: 46 of 1,383 rate cells showed rounded up (90.617986% for 0.9061798593…)."""
    report = api.summary([big_city], period=period)
    wb = openpyxl.load_workbook(io.BytesIO(render_summary(report, "vi")))
    targets = wb["Chỉ tiêu theo đơn vị"]
    titles = [c.value for c in targets[1]]
    city_targets = {ct.id: ct for ct in report.city_targets}
    checked = 0

    def check(numerator: Any, denominator: Any, rate: Any, mark: Any, target_id: str) -> None:
        nonlocal checked
        if denominator.value in (None, 0):
            assert rate.value is None, (target_id, rate.coordinate)
            return
        exact = Fraction(numerator.value, denominator.value)
        assert rate.value == float(Fraction(math.floor(exact * 10000), 10000)), (target_id, rate.coordinate, exact)
        assert rate.number_format == "0.00%"
        shown = Fraction(_shown(rate.value, rate.number_format)) / 100
        assert shown <= exact and shown == Fraction(math.floor(exact * 10000), 10000), (rate.coordinate, exact)
        ct = city_targets[target_id]
        met = _MEETS[ct.comparator](exact, ct.threshold)
        assert mark.value.startswith("✓" if met else "✗"), (rate.coordinate, exact, mark.value)
        checked += 1

    for row in targets.iter_rows(min_row=3):
        for first, title in enumerate(titles):
            if title:
                target_id = title.rsplit("(", 1)[1].rstrip(")")
                if row[first + 3].value not in (None, "không áp dụng"):
                    check(*row[first : first + 4], target_id)
    for row in wb["Chỉ tiêu toàn Thành phố"].iter_rows(min_row=2):
        check(row[2], row[3], row[4], row[9], row[0].value)
    assert checked > 250  # every unit × target of a real city, not a handful


def test_met_and_missed_are_coloured_by_conditional_formatting_and_marked_in_text(city: Path) -> None:
    wb = _workbook(city, "--lang", "en")
    targets = wb["Targets by unit"]
    rules: dict[str, list[str]] = {}
    for conditional in targets.conditional_formatting:
        for rule in conditional.rules:
            rules.setdefault(str(conditional.sqref), []).extend(rule.formula)
    # on-time is the second target: its rate (J) and mark (K) columns, both coloured by the mark
    assert rules["J3:J4"] == ['LEFT($K3,1)="✓"', 'LEFT($K3,1)="✗"'] and rules["K3:K4"] == rules["J3:J4"]
    marks = {row[10].value for row in targets.iter_rows(min_row=3)}
    assert marks == {"✓ met", "✗ missed"}


def test_trends_and_overdue_tasks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy("so-noi-vu-Q1-late.yaml", tmp_path / "r" / "snv.yaml", {"as_of: 2021-03-10": "as_of: 2021-04-10", "period: Quý I": "period: H1"})
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk-H1.yaml")
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk-FY.yaml", FY_DISTRICT)
    assert run("summary", "r", "--period", "H1", "--format", "xlsx=city.xlsx", "--lang", "en").exit_code in (0, 1)
    wb = openpyxl.load_workbook("city.xlsx")
    overdue = wb["Overdue by lead"]
    assert [c.value for c in overdue[1]] == ["Lead id", "Lead", "Task", "Days overdue"]
    rows = [[c.value for c in row] for row in overdue.iter_rows(min_row=2)]
    assert ["so-noi-vu", "Sở Nội vụ", "I.1", 10] in rows
    assert all(isinstance(r[3], int) for r in rows)
    trends = wb["Trends"]
    assert [c.value for c in trends[1]][4:] == ["Q1", "H1", "9M", "FY"]
    on_time = next(row for row in trends.iter_rows(min_row=2) if row[2].value == "on_time_dossiers")
    assert on_time[0].value == "quan-hoan-kiem" and on_time[4].value is None and on_time[6].value is None
    assert on_time[5].value == on_time[7].value == 0.9895  # 2276/2300, truncated as everywhere


def test_not_reported_late_and_invalid_on_one_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _copy("quan-hoan-kiem-H1.yaml", tmp_path / "r" / "hk.yaml", {**FY_DISTRICT, "submitted_on: 14/12/2021": "submitted_on: 20/12/2021"})
    (tmp_path / "r" / "broken.yaml").write_text("schema_version: 1\nagency: so-noi-vu\nperiod: FY\nindicators: [\n", encoding="utf-8")
    run("summary", "r", "--period", "FY", "--format", "xlsx=city.xlsx", "--lang", "en")
    sheet = openpyxl.load_workbook("city.xlsx")["Not reported, late, invalid"]
    report = api.summary([tmp_path / "r"], period="FY")
    rows = {(row[0].value, row[1].value): row for row in sheet.iter_rows(min_row=2)}
    late = rows["late", "quan-hoan-kiem"]
    assert late[6].value == 5 and late[6].data_type == "n" and late[5].value == datetime(2021, 12, 20)
    assert late[4].value == datetime(2021, 12, 15) and late[4].number_format == "dd/mm/yyyy"
    invalid = rows["invalid", "so-noi-vu"]
    assert invalid[3].value == "FY" and invalid[7].value == str(Path("r") / "broken.yaml")
    assert re.fullmatch(re.escape(str(Path("r") / "broken.yaml")) + r":4:\d+", invalid[8].value)
    assert invalid[9].value == report.bad_files[0].problem[1].en  # type: ignore[index]
    missing = [key for key in rows if key[0] == "not reported"]
    assert len(missing) == len(report.not_reported) and ("not reported", "quan-hoan-kiem") not in rows


# -- untrusted text stays text -------------------------------------------------------------------


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File names and messages come from the checked repository: '=…', '+…', '@…' must never become formulas."""
    monkeypatch.chdir(tmp_path)
    _copy("so-tu-phap-FY.yaml", tmp_path / "r" / "stp.yaml")
    hostile = ['=HYPERLINK("http:evil","x")&A1.yaml', "+cmd|' calc'!A0.yaml", "@SUM(1+1).yaml", "-2+3.yaml",
               "=1+2\nsecond line.yaml"]
    for name in hostile:
        (tmp_path / "r" / name).write_text("agency: =cmd()\nperiod: FY\nx: [\n", encoding="utf-8")
    assert run("summary", "r", "--period", "FY", "--format", "xlsx=city.xlsx").exit_code == EXIT_INPUT
    with zipfile.ZipFile("city.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode("utf-8"), name  # not one formula in any cell
    wb = openpyxl.load_workbook("city.xlsx")
    files = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for name in hostile:
        shown = name.replace("\n", "\\n")  # one line, every character shown
        path = str(Path("r") / shown)
        assert path in files or any(f.startswith(path) for f in files), shown
    hostile_cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.startswith(("r/=", "r/+", "r/@", "r/-"))]
    assert hostile_cells and all(c.data_type == "s" for c in hostile_cells)


# -- the output door: a file, always, checked first -----------------------------------------------


@pytest.mark.parametrize("spec", ["xlsx", "xlsx=-"])
@pytest.mark.parametrize(("lang", "words"), [("vi", "không in ra màn hình được"), ("en", "cannot go to standard output")])
def test_a_workbook_never_goes_to_standard_output(city: Path, lang: str, words: str, spec: str) -> None:
    # "xlsx=-" is standard output (as "-" is standard input for check), not a file named "-"
    result = run("summary", str(city), "--period", "FY", "--format", spec, "--lang", lang)
    assert result.exit_code == EXIT_INPUT and result.stdout == ""
    assert words in result.stderr and "xlsx=" in result.stderr and "Traceback" not in result.stderr
    assert not Path("-").exists()


def test_a_text_format_named_dash_goes_to_standard_output(city: Path) -> None:
    result = run("summary", str(city), "--period", "FY", "--format", "csv=-")
    assert result.exit_code == EXIT_INPUT, result.output  # the broken file
    assert next(csv.reader(io.StringIO(result.stdout)))  # the CSV itself, on stdout
    plain = run("summary", str(city), "--period", "FY", "--format", "csv").stdout
    assert result.stdout == plain
    assert not Path("-").exists()
    # still one format at most on standard output, "-" or not
    result = run("summary", str(city), "--period", "FY", "--format", "csv=-", "--format", "json")
    assert result.exit_code == EXIT_INPUT and "chỉ một định dạng" in result.stderr and not Path("-").exists()
    # a file that is really named "-" is still reachable
    result = run("summary", str(city), "--period", "FY", "--format", "csv=./-")
    assert result.stdout == "" and Path("-").read_text(encoding="utf-8") == plain


def test_the_workbook_goes_through_the_output_checks(city: Path) -> None:
    before = (city / "stp-FY.yaml").read_bytes()
    result = run("summary", str(city), "--period", "FY", "--format", f"xlsx={city / 'stp-FY.yaml'}")
    assert result.exit_code == EXIT_INPUT and (city / "stp-FY.yaml").read_bytes() == before  # never over an input
    (city.parent / ".git").mkdir()
    result = run("summary", str(city), "--period", "FY", "--format", "xlsx=.git/hooks/pre-commit")
    assert result.exit_code == EXIT_INPUT and not (city.parent / ".git" / "hooks").exists()
    # an existing workbook is replaced whole (report files are rewritten on every run), no temp file left
    Path("city.xlsx").write_bytes(b"old")
    _workbook(city)
    assert zipfile.is_zipfile("city.xlsx") and not list(Path(".").glob(".city.xlsx.*"))


def test_the_same_report_gives_the_same_bytes(city: Path) -> None:
    report = api.summary([city], period="FY")
    first = render_summary(report, "vi")
    time.sleep(1.1)  # a clock read anywhere (the created date) would show in the next second's bytes
    assert render_summary(report, "vi") == first and render_summary(report, "en") != first


def test_importing_the_cli_does_not_import_the_workbook_writer() -> None:
    code = "import sys, cchc_cli.cli; assert 'xlsxwriter' not in sys.modules and 'openpyxl' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# -- what a rate cell holds ---------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=10**12 - 1), st.data(),
       st.sampled_from([Fraction(85, 100), Fraction(99, 100), Fraction(995, 1000), Fraction(1)]))
def test_a_rate_shows_truncated_never_above_itself_nor_past_its_target(denominator: int, data: Any, threshold: Fraction) -> None:
    """Whatever the counts (up to the schema's bound), Excel shows the rate cell as the text formats do."""
    from cchc_cli.numbers import percent, truncated

    numerator = data.draw(st.integers(min_value=0, max_value=denominator))
    value = Fraction(numerator, denominator)
    shown = Fraction(_shown(float(truncated(value)), "0.00%"))
    assert shown == truncated(value) * 100 <= value * 100  # exactly the truncated figure, never rounded up
    assert f"{Decimal(shown.numerator) / shown.denominator:.2f}%" == percent(value)  # the text's figure
    assert (shown < threshold * 100) == (value < threshold)  # a missed target never shows as met


@pytest.mark.parametrize(("threshold", "decimals"), [(Fraction(99, 100), 2), (Fraction(1), 2), (Fraction(995, 1000), 2),
                                                     (Fraction(9995, 10000), 2), (Fraction(99955, 100000), 3)])
def test_a_threshold_shows_with_the_decimals_the_plan_gives_it(threshold: Fraction, decimals: int) -> None:
    assert threshold_decimals(threshold) == decimals
    exact = threshold * 100
    assert _shown(float(threshold), "0." + "0" * decimals + "%") == Decimal(exact.numerator) / exact.denominator


# -- the CSV is the machine format -------------------------------------------------------------------


def test_the_csv_is_the_same_machine_format_in_every_language(city: Path) -> None:
    tables = {}
    for lang in ("vi", "en"):
        raw = run("summary", str(city), "--period", "FY", "--format", "csv", "--lang", lang).stdout
        assert raw.startswith("\ufeff")  # UTF-8 with a BOM: Excel shows Vietnamese
        tables[lang] = list(csv.DictReader(io.StringIO(raw[1:])))
    assert [r["agency_id"] for r in tables["vi"]] == [r["agency_id"] for r in tables["en"]]
    for vi, en in zip(tables["vi"], tables["en"]):
        assert {k: v for k, v in vi.items() if k != "problem"} == {k: v for k, v in en.items() if k != "problem"}
    hk = next(r for r in tables["vi"] if r["agency_id"] == "quan-hoan-kiem")
    assert hk["on_time_dossiers_percent"] == "98.95%" and hk["score"] == "72.92" and hk["status"] == "findings"


def test_a_vietnamese_name_is_as_wide_composed_or_not() -> None:
    import unicodedata

    from cchc_cli.render.summary_xlsx import _width

    name = "Văn phòng Ủy ban nhân dân Thành phố"
    assert _width(name) == _width(unicodedata.normalize("NFD", name)) == len(name)
    assert _width("東京") == 4
