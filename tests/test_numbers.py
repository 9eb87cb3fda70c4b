"""One number convention per language, everywhere a person reads a figure; acronyms keep their case.

vi writes 5.000.000, 99,57%, 100,0; en writes 5,000,000, 99.57%, 100.0. The unit tests pin the
helpers of :mod:`cchc_cli.numbers` and :func:`cchc_cli.text.lower_first`; the end-to-end tests
run ``cchc check`` and ``cchc summary`` on the examples, in both languages and in the human
formats, and read every number in what comes out.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import app
from cchc_cli.numbers import count, decimal, goal, percent, points, ratio
from cchc_cli.text import lower_first
from conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
PROGRESS_FILES = sorted(EXAMPLES.glob("*.yaml")) + sorted((REPO_ROOT / "tests" / "data").glob("*.yaml"))


# -- the helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "vi", "en"),
    [
        (0, "0", "0"),
        (7, "7", "7"),
        (999, "999", "999"),
        (1000, "1.000", "1,000"),
        (61200, "61.200", "61,200"),
        (5000000, "5.000.000", "5,000,000"),
        (-1200, "-1.200", "-1,200"),
        (-999, "-999", "-999"),
    ],
)
def test_count_groups_thousands_each_language_its_own_way(n: int, vi: str, en: str) -> None:
    assert count(n, "vi") == vi
    assert count(n, "en") == en


def test_ratio_groups_both_counts() -> None:
    assert ratio(2276, 2300, "vi") == "2.276/2.300"
    assert ratio(2276, 2300, "en") == "2,276/2,300"
    assert ratio(38, 38, "vi") == ratio(38, 38, "en") == "38/38"


@pytest.mark.parametrize(
    ("value", "places", "vi", "en"),
    [
        (Fraction(100), 1, "100,0", "100.0"),
        (Fraction(7292, 100), 1, "72,9", "72.9"),
        (Fraction(7295, 100), 1, "73,0", "73.0"),  # half away from zero, on the exact value
        (Fraction(-7295, 100), 1, "-73,0", "-73.0"),
        (Fraction(-1, 100), 1, "0,0", "0.0"),  # no "-0,0"
        (Fraction(1, 3), 2, "0,33", "0.33"),
        (Fraction(12345678, 10), 1, "1.234.567,8", "1,234,567.8"),
        (Fraction(5), 0, "5", "5"),
        ("99.5", None, "99,5", "99.5"),
        ("99", None, "99", "99"),
        (Decimal("0.125"), None, "0,125", "0.125"),
        (Fraction(98), None, "98", "98"),
        (Fraction(1, 3), None, "0,3333", "0.3333"),
        (5000000, None, "5.000.000", "5,000,000"),
    ],
)
def test_decimal_writes_the_language_decimal_mark_and_grouping(
    value: Fraction | Decimal | int | str, places: int | None, vi: str, en: str
) -> None:
    assert decimal(value, "vi", places) == vi
    assert decimal(value, "en", places) == en


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (Fraction(0), "0,00%", "0.00%"),
        (Fraction(2276, 2300), "98,95%", "98.95%"),  # 98.9565…: truncated, never 98.96 or 99.0
        (Fraction(9957, 10000), "99,57%", "99.57%"),
        (Fraction(2277, 2300), "99,00%", "99.00%"),  # exactly 99%: meets it, and says so
        (Fraction(1), "100,00%", "100.00%"),
        (Fraction(99999, 100000), "99,99%", "99.99%"),  # a hair short of 100% never shows as 100
    ],
)
def test_percent_truncates_in_both_conventions(value: Fraction, vi: str, en: str) -> None:
    assert percent(value, "vi") == vi
    assert percent(value, "en") == en


@pytest.mark.parametrize(
    ("gap", "vi", "en"),
    [
        (Fraction(0), "+0,00", "+0.00"),
        (Fraction(54, 1000), "+5,40", "+5.40"),
        (Fraction(2276, 2300) - Fraction(99, 100), "-0,05", "-0.05"),  # -0.0434…: away from zero
        (Fraction(-1, 10**9), "-0,01", "-0.01"),  # a shortfall never shows as 0
        (Fraction(-1), "-100,00", "-100.00"),
    ],
)
def test_points_keep_the_sign_and_round_a_shortfall_away_from_zero(gap: Fraction, vi: str, en: str) -> None:
    assert points(gap, "vi") == vi
    assert points(gap, "en") == en


def test_goal_writes_the_threshold_as_the_plan_states_it() -> None:
    assert goal(">=", "99", "vi") == "≥ 99%"
    assert goal(">=", "99.5", "vi") == "≥ 99,5%"
    assert goal(">=", "99.5", "en") == "≥ 99.5%"
    assert goal(">", "30", "en") == "> 30%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số hồ sơ đã giải quyết", "số hồ sơ đã giải quyết"),
        ("Số TTHC mức độ 3, 4 đã tích hợp với Cổng dịch vụ công quốc gia",
         "số TTHC mức độ 3, 4 đã tích hợp với Cổng dịch vụ công quốc gia"),
        ("TTHC cung cấp mức độ 3, 4", "TTHC cung cấp mức độ 3, 4"),  # an acronym first stays
        ("UBND Thành phố", "UBND Thành phố"),
        ("Cổng dịch vụ công quốc gia", "Cổng dịch vụ công quốc gia"),  # a proper name first stays
        ("Sở Nội vụ", "Sở Nội vụ"),  # the first word of a name
        ("Ủy ban nhân dân Thành phố", "Ủy ban nhân dân Thành phố"),
        ("Số liệu đến ngày", "số liệu đến ngày"),
        ("Data as of", "data as of"),
        ("ISO 9001", "ISO 9001"),
        ("Q1 report", "Q1 report"),
        ("", ""),
        ("đã xong", "đã xong"),
    ],
)
def test_lower_first_lowers_one_word_and_never_an_acronym_or_a_name(text: str, expected: str) -> None:
    assert lower_first(text) == expected


def test_lower_first_reads_nfd_text_as_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Cổng dịch vụ công quốc gia")
    assert lower_first(nfd) == nfd


# -- every number in what cchc prints ---------------------------------------------------------

runner = CliRunner()

# A year (2021, the decision's dates) or a code (ISO 9001) is written as it is; a count is grouped.
_YEAR = range(1900, 2101)
_UNGROUPED = re.compile(r"(?<![\w.,])(?<!ISO )\d{4,}(?![\w])")
_WRONG = {
    # vi: no English decimal point before a percent sign or a decimal, no English grouping
    "vi": [re.compile(r"\d\.\d{1,2}%"), re.compile(r"\d,\d{3}(?![\d])"), re.compile(r"[+-]\d+\.\d{2}\b")],
    # en: no decimal comma, no Vietnamese grouping
    "en": [re.compile(r"\d,\d{1,2}%"), re.compile(r"\d\.\d{3}(?![\d])"), re.compile(r"[+-]\d+,\d{2}\b")],
}
_RIGHT = {"vi": re.compile(r"\d,\d{2}%"), "en": re.compile(r"\d\.\d{2}%")}


def assert_one_convention(out: str, lang: str) -> None:
    # The output names the file checked, under pytest's temporary directory, whose run counter
    # ("pytest-1528") grows past three digits on a machine that runs many suites: a path given by
    # the user, not a count cchc writes.
    out = re.sub(r"pytest-\d+", "pytest-N", out)
    for pattern in _WRONG[lang]:
        found = pattern.findall(out)
        assert not found, f"{lang}: {pattern.pattern} matched {found[:5]}"
    # "9001" alone: ISO 9001 wrapped in a narrow table column, "ISO" on the line above
    ungrouped = [n for n in _UNGROUPED.findall(out) if int(n) not in _YEAR and n != "9001"]
    assert not ungrouped, f"{lang}: counts without grouping: {ungrouped[:5]}"
    # Acronyms and names keep their case: "tthc" as a word is a lowered TTHC (the key
    # tthc_publication is an id, written as the file writes it).
    assert not re.search(r"\btthc\b", out), "TTHC lowered"
    assert "cổng dịch vụ công" not in out


def run(*args: str) -> str:
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "CCHC_NO_CONFIG": "1", "CI": "1", "COLUMNS": "200",
           "NO_COLOR": "1"}
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    return result.stdout


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """Sở Tư pháp's year with counts in the millions, a shortfall of thousands and a wide inspection."""
    text = (EXAMPLES / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    for old, new in {
        "on_time_dossiers: {resolved: 61200, on_time: 60850}": "on_time_dossiers: {resolved: 5000000, on_time: 4940000}",
        "units: 6, units_inspected: 6": "units: 1200, units_inspected: 1000",
        "online_services: {level_3_4: 40, integrated: 14}": "online_services: {level_3_4: 40, integrated: 10}",
    }.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "so-tu-phap-FY-big.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "plain"])
@pytest.mark.parametrize("path", PROGRESS_FILES, ids=lambda p: p.stem)
def test_check_writes_every_number_in_the_language_convention(path: Path, fmt: str, lang: str) -> None:
    out = run("check", str(path), "--lang", lang, "--format", fmt)
    assert out.strip()
    assert_one_convention(out, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_large_counts_are_grouped_in_tables_and_messages(big: Path, fmt: str, lang: str) -> None:
    out = run("check", str(big), "--lang", lang, "--format", fmt)
    assert_one_convention(out, lang)
    if lang == "vi":
        assert "4.940.000/5.000.000" in out and "98,80%" in out and "cần thêm 10.000" in out
        assert "1.000/1.200" in out  # the inspection's progress and the missed duty's message
        # the numerator's label inside a sentence: its first word lowered, never TTHC or the portal
        assert "cần thêm 2 (số TTHC mức độ 3, 4 đã tích hợp với Cổng dịch vụ công quốc gia)" in " ".join(out.split())
    else:
        assert "4,940,000/5,000,000" in out and "98.80%" in out and "10,000 more needed" in out
        assert "1,000 of 1,200" in out


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """The examples, a department with counts in the millions and a district's year, as one city's
    reports of FY, H1 and Q1 (tests/data holds a second Sở Tư pháp FY: a duplicate, left out)."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copyfile(path, reports / path.name)
    text = (EXAMPLES / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    text = text.replace("agency: Sở Tư pháp", "agency: so-tai-chinh")
    text = text.replace("on_time_dossiers: {resolved: 61200, on_time: 60850}",
                        "on_time_dossiers: {resolved: 5000000, on_time: 4940000}")
    (reports / "so-tai-chinh-FY.yaml").write_text(text, encoding="utf-8")
    district = (EXAMPLES / "quan-hoan-kiem-H1.yaml").read_text(encoding="utf-8")
    for old, new in {"period: 6 tháng": "period: FY", "as_of: 10/06/2021": "as_of: 10/12/2021",
                     "submitted_on: 14/06/2021": "submitted_on: 14/12/2021"}.items():
        assert old in district
        district = district.replace(old, new)
    (reports / "quan-hoan-kiem-FY.yaml").write_text(district, encoding="utf-8")
    return reports


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("period", ["FY", "H1", "Q1"])
def test_summary_writes_every_number_in_the_language_convention(city: Path, period: str, fmt: str, lang: str) -> None:
    out = run("summary", str(city), "--period", period, "--lang", lang, "--format", fmt)
    assert_one_convention(out, lang)
    assert _RIGHT[lang].search(out)  # there are rates to read, and they read right


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_summary_ranking_and_matrix_agree_on_the_convention(city: Path, fmt: str) -> None:
    """The issue's own example: a ranking that said 100.0 beside a matrix that said 99,57%."""
    vi = run("summary", str(city), "--period", "FY", "--lang", "vi", "--format", fmt)
    en = run("summary", str(city), "--period", "FY", "--lang", "en", "--format", fmt)
    assert "100,0" in vi and "100.0" not in vi  # Sở Tư pháp's score
    assert "100.0" in en and "100,0" not in en
    # the city's on-time counts: Sở Tư pháp, Sở Tài chính and Hoàn Kiếm summed
    assert "5.003.126/5.063.500" in vi and "5,003,126/5,063,500" in en


def test_csv_keeps_machine_numbers_in_vietnamese(city: Path) -> None:
    out = run("summary", str(city), "--period", "FY", "--lang", "vi", "--format", "csv")
    assert "98.80%" in out and "98,80%" not in out  # a dot decimal, as the score column
    assert "5000000" in out and "5.000.000" not in out  # no grouping: the number itself


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_impossible_counts_hint_keeps_tthc_upper_case(tmp_path: Path, lang: str) -> None:
    text = (EXAMPLES / "so-tu-phap-FY.yaml").read_text(encoding="utf-8")
    path = tmp_path / "over.yaml"
    path.write_text(text.replace("integrated: 14}", "integrated: 41}"), encoding="utf-8")
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "CCHC_NO_CONFIG": "1", "CI": "1", "COLUMNS": "200"}
    result = runner.invoke(app, ["check", str(path), "--lang", lang], env=env)
    assert result.exit_code == 2  # counts that cannot be true are an input error
    out = result.stdout + result.stderr
    assert "CCHC006" in out
    if lang == "vi":
        assert "không thể vượt số TTHC cung cấp mức độ 3, 4" in out
    assert_one_convention(out, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", ["targets", "agencies", "tasks", "errata"])
def test_plan_views_write_numbers_in_the_language_convention(view: str, lang: str) -> None:
    out = run("plan", view, "--lang", lang)
    assert out.strip()
    assert_one_convention(out, lang)


@pytest.mark.parametrize(("lang", "expected"), [("vi", "và 1.199 lỗi khác"), ("en", "and 1,199 more problems")])
def test_the_count_of_unlisted_problems_is_grouped(tmp_path: Path, lang: str, expected: str) -> None:
    """1,299 tasks each with a status of the wrong type: 100 listed, the rest counted in one line."""
    lines = ["schema_version: 1", "agency: so-tu-phap", "period: FY", "tasks:"]
    lines += [f"  II.{i}: {{status: [1]}}" for i in range(1, 1300)]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "CCHC_NO_CONFIG": "1", "CI": "1", "COLUMNS": "200"}
    result = runner.invoke(app, ["check", str(path), "--lang", lang, "--format", "plain"], env=env)
    assert result.exit_code == 2
    assert expected in result.stdout
    assert_one_convention(result.stdout, lang)
