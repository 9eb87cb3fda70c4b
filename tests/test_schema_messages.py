"""Issue 12, "schema": every schema error in the user's language, through the real command line.

A progress file, a ``.cchc.yaml`` / ``[tool.cchc]`` and a plan file given with ``--plan``, each
broken one way at a time: the run exits 2, names the line, and words the problem in plain
Vietnamese (``--lang vi``, the default) or plain English (``--lang en``) — never a regex, never
pydantic's "Input should be …". Vietnamese output holds none of the English give-away words;
English output holds no Vietnamese-only word outside the quoted values of the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import EXIT_INPUT, app
from cchc_cli.schema_words import PATTERNS, Said, word
from conftest import REPO_ROOT, copy_data

runner = CliRunner()

#: English that must not reach a Vietnamese reader (checked case-insensitively, " or " as is)
ENGLISH = ("expected", "but got", "input should", "no such", "missing", "invalid", "unknown key", "should",
           "must", "pattern", "regex", "'^", "field required", "valid integer", "list should", "string should")
#: Vietnamese words that must not reach an English reader (outside the file's own quoted values)
VIETNAMESE = ("phải", "không", "hoặc", "tệp", "khóa", "giá trị", "hãy")


def assert_vietnamese(text: str) -> None:
    lowered = text.lower()
    leaked = [w for w in ENGLISH if w in lowered] + ([" or "] if " or " in text else [])
    assert not leaked, f"English {leaked} in Vietnamese output:\n{text}"


def assert_english(text: str) -> None:
    unquoted = re.sub(r"'[^'\n]*'", "''", text)  # the file's values and names, quoted, may be Vietnamese
    leaked = [w for w in VIETNAMESE if w in unquoted.lower()]
    assert not leaked, f"Vietnamese {leaked} in English output:\n{text}"


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    base = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "",
            "CCHC_NO_CONFIG": "", "NO_COLOR": "1"}
    return runner.invoke(app, list(args), env={**base, **(env or {})})


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- progress files ----------------------------------------------------------------------------

HEAD = "schema_version: 1\nagency: so-tu-phap\nperiod: Q1\n"

#: (id, file text, line, the Vietnamese problem, the English problem)
PROGRESS = [
    ("missing", "schema_version: 1\nperiod: Q1\n", 1,
     "agency: thiếu khóa bắt buộc; hãy thêm khóa này cùng giá trị của nó",
     "agency: required key is missing; add it with its value"),
    ("extra_forbidden", HEAD + "notes: x\n", 4,
     "notes: khóa không có trong lược đồ; có phải là 'note'?",
     "notes: unknown key; did you mean 'note'?"),
    ("literal_error", "schema_version: 2\nagency: so-tu-phap\nperiod: Q1\n", 1,
     "schema_version: phiên bản lược đồ 2 không được hỗ trợ; cchc này đọc phiên bản 1",
     "schema_version: schema version 2 is not supported; this cchc reads version 1"),
    ("string_pattern_mismatch", HEAD + "indicators:\n  Bad-Key: {a: 1}\n", 5,
     "indicators.Bad-Key: tên khóa 'Bad-Key' sai quy cách; cách viết đúng: chỉ gồm chữ thường không dấu, "
     "chữ số và dấu gạch dưới, bắt đầu bằng chữ cái (ví dụ on_time_dossiers)",
     "indicators.Bad-Key: the key name 'Bad-Key' is not written as allowed; the form is: only lowercase "
     "letters without accents, digits and underscores, starting with a letter (e.g. on_time_dossiers)"),
    ("int_parsing", HEAD + "indicators:\n  on_time:\n    handled: '45'\n", 6,
     "indicators.on_time.handled: '45' không phải số nguyên; hãy viết số nguyên như 45, không có '%', ',' hay '.'",
     "indicators.on_time.handled: '45' is not a whole number; write a whole count such as 45, without '%', ',' or '.'"),
    # a whole file that is not a mapping is named by what it holds, never by Python's type name
    ("file_is_text", "chỉ là một dòng chữ\n", 1, "tệp này là một đoạn chữ", "this one is a piece of text"),
    ("file_is_a_number", "5\n", 1, "tệp này là một số", "this one is a number"),
    ("file_is_a_list", "- a\n- b\n", 1, "tệp này là một danh sách", "this one is a list"),
    ("file_is_empty", "# chưa điền\n", 1, "tệp này là tệp rỗng", "this one is empty"),
    # the number is quoted as typed: 4.50 is the float 4.5, and the officer wrote 4.50
    ("int_from_float", HEAD + "indicators:\n  on_time:\n    handled: 4.50\n", 6,
     "indicators.on_time.handled: '4.50' không phải số nguyên; hãy viết số nguyên như 45",
     "indicators.on_time.handled: '4.50' is not a whole number; write a whole count such as 45"),
    # a Vietnamese officer groups thousands with a point: 1.610 is one thousand six hundred and ten
    ("thousands_point", HEAD + "indicators:\n  on_time:\n    handled: 1.610\n", 6,
     "indicators.on_time.handled: '1.610' không phải số nguyên; dấu chấm là dấu phân cách hàng nghìn? "
     "số đếm viết liền: 1610",
     "indicators.on_time.handled: '1.610' is not a whole number; a point as a thousands separator? "
     "write counts without separators: 1610"),
    ("thousands_point_in_braces", HEAD + "indicators:\n  on_time: {resolved: 2.000, handled: 5}\n", 5,
     "indicators.on_time.resolved: '2.000' không phải số nguyên; dấu chấm là dấu phân cách hàng nghìn? "
     "số đếm viết liền: 2000",
     "indicators.on_time.resolved: '2.000' is not a whole number; a point as a thousands separator? "
     "write counts without separators: 2000"),
    ("thousands_comma", HEAD + "indicators:\n  on_time:\n    handled: 1,610,000\n", 6,
     "indicators.on_time.handled: '1,610,000' không phải số nguyên; dấu phẩy là dấu phân cách hàng nghìn? "
     "số đếm viết liền: 1610000",
     "indicators.on_time.handled: '1,610,000' is not a whole number; a comma as a thousands separator? "
     "write counts without separators: 1610000"),
    # inside {…} the comma splits the count: YAML reads resolved: 4 and a key 800
    ("thousands_comma_in_braces", HEAD + "indicators:\n  on_time: {resolved: 4,800, handled: 5}\n", 5,
     "indicators.on_time: khóa 800 không phải chữ; dấu phẩy là dấu phân cách hàng nghìn (4,800)? "
     "số đếm viết liền: 4800",
     "indicators.on_time: the key 800 is not text; a comma as a thousands separator (4,800)? "
     "write counts without separators: 4800"),
    ("greater_than_equal", HEAD + "indicators:\n  on_time:\n    handled: -1\n", 6,
     "indicators.on_time.handled: -1 là số âm; số đếm bắt đầu từ 0",
     "indicators.on_time.handled: -1 is negative; counts start at 0"),
    # the reviewer's file: 10^17 dossiers became 9.9e+16 in the workbook, its rate exactly the threshold
    ("less_than_equal_count", HEAD + "indicators:\n  on_time:\n    handled: 100000000000000000\n", 6,
     "indicators.on_time.handled: 100000000000000000 lớn hơn mọi số đếm có thể có; số đếm tối đa là 999.999.999.999: "
     "hãy kiểm tra xem có thừa chữ số không",
     "indicators.on_time.handled: 100000000000000000 is larger than any count can be; counts go up to "
     "999,999,999,999: check for extra digits"),
    ("dict_type", HEAD + "duties: [a]\n", 4,
     "duties: một danh sách không phải một bảng khóa; hãy ghi các khóa và giá trị bên dưới, mỗi dòng 'khóa: giá trị'",
     "duties: a list is not a mapping; write the keys and values below it, one 'key: value' a line"),
    ("list_type", HEAD + "duties:\n  dialogues: 05/01/2021\n", 5,
     "duties.dialogues: '05/01/2021' không phải một danh sách; hãy ghi danh sách",
     "duties.dialogues: '05/01/2021' is not a list; write a list"),
    ("string_type", HEAD + "note: 5\n", 4,
     "note: 5 không phải một đoạn chữ; hãy ghi chữ (đặt trong dấu nháy nếu cần)",
     "note: 5 is not text; write text (in quotes if needed)"),
    ("no_value", "schema_version: 1\nagency:\nperiod: Q1\n", 2,
     "agency: chưa điền: hãy ghi một đoạn chữ", "agency: no value: fill it in with some text"),
    ("control_characters", HEAD + 'note: "a\\x07b"\n', 4,
     "note: 'a\\x07b' chứa ký tự điều khiển (ký tự vô hình, hiện ra như \\x07); hãy xoá các ký tự đó",
     "note: 'a\\x07b' holds control characters (invisible characters, shown as \\x07); delete them"),
    ("string_too_short", HEAD + 'note: ""\n', 4,
     "note: đoạn chữ đang trống; hãy điền nội dung", "note: the text is empty; fill it in"),
    ("string_too_long", HEAD + f"note: {'x' * 2001}\n", 4,
     "note: đoạn chữ dài quá 2000 ký tự; hãy rút gọn", "note: the text is longer than 2000 characters; shorten it"),
    ("too_long", HEAD + "duties:\n  dialogues: [" + ", ".join(["05/01/2021"] * 401) + "]\n", 5,
     "duties.dialogues: danh sách có tối đa 400 mục; hiện có 401: hãy bớt",
     "duties.dialogues: the list holds at most 400 items; it has 401: shorten it"),
    ("value_error_status", HEAD + "tasks:\n  II.1: {status: wat}\n", 5,
     "tasks.II.1.status: trạng thái 'wat' không hợp lệ", "tasks.II.1.status: unknown status 'wat'"),
    ("value_error_date", HEAD + "as_of: 32/01/2021\n", 4,
     "as_of: '32/01/2021' không phải ngày có thật", "as_of: '32/01/2021' is not a real date"),
]


@pytest.mark.parametrize("case", PROGRESS, ids=[c[0] for c in PROGRESS])
def test_a_progress_file_error_is_worded_in_each_language(here: Path, case: tuple[str, str, int, str, str]) -> None:
    _, text, line, vi, en = case
    (here / "p.yaml").write_text(text, encoding="utf-8")
    for lang, said, check in (("vi", vi, assert_vietnamese), ("en", en, assert_english)):
        result = run("check", "p.yaml", "--lang", lang)
        assert result.exit_code == EXIT_INPUT, result.output
        first = next(x for x in result.stderr.splitlines() if x.startswith("cchc: "))
        assert first.startswith(f"cchc: {'lỗi' if lang == 'vi' else 'error'}: p.yaml:{line}:"), result.stderr
        assert said in first, result.stderr
        check(result.stderr)
        # the machine-readable report says the same, in the same language
        report = json.loads(run("check", "p.yaml", "--lang", lang, "--format", "json").stdout)
        assert said in report["findings"][0]["message"]
        assert report["findings"][0]["location"]["line"] == line


def test_the_largest_count_is_accepted_and_one_more_is_refused(here: Path) -> None:
    for count, code in ((999_999_999_999, 0), (1_000_000_000_000, EXIT_INPUT)):
        (here / "p.yaml").write_text(HEAD + f"indicators:\n  on_time:\n    handled: {count}\n", encoding="utf-8")
        report = json.loads(run("check", "p.yaml", "--format", "json").stdout)
        schema = [f for f in report["findings"] if f["rule"] == "CCHC002"]
        assert bool(schema) == (code == EXIT_INPUT), (count, report["findings"])


def test_members_of_a_union_are_one_problem_without_their_internal_names(here: Path) -> None:
    """A plan period id is one of Q1/H1/9M/FY or an identifier: both ways are named, once."""
    plan = copy_data(here / "data")
    text = plan.read_text(encoding="utf-8")
    assert "    - id: Q1\n" in text
    plan.write_text(text.replace("    - id: Q1\n", "    - id: Quý-1\n", 1), encoding="utf-8")
    result = run("plan", "info", "--plan", str(plan))
    assert result.exit_code == EXIT_INPUT
    assert ("reporting.periods[0].id: 'Quý-1' không thuộc các giá trị được phép; hãy ghi 'Q1', 'H1', '9M' hoặc 'FY'; "
            "hoặc 'Quý-1' sai quy cách") in result.stderr
    assert "literal[" not in result.stderr and "constrained-str" not in result.stderr
    assert_vietnamese(result.stderr)


# --- settings ------------------------------------------------------------------------------------

#: (id, .cchc.yaml, line, Vietnamese, English)
SETTINGS = [
    ("unknown key", "lang: vi\nfoo: 1\n", 2,
     "foo: khóa không có trong lược đồ; các khóa hợp lệ: fail-on, lang, plan, format, exclude, waivers, severity",
     "foo: unknown key; expected one of fail-on, lang, plan, format, exclude, waivers, severity"),
    ("misspelt key", "fail_on: error\n", 1,
     "fail_on: khóa không có trong lược đồ; có phải là 'fail-on'?", "fail_on: unknown key; did you mean 'fail-on'?"),
    ("lang", "lang: fr\n", 1,
     "lang: 'fr' không thuộc các giá trị được phép; hãy ghi 'vi' hoặc 'en'",
     "lang: 'fr' is not one of the allowed values; write 'vi' or 'en'"),
    ("fail-on", "fail-on: warn\n", 1,
     "fail-on: 'warn' không thuộc các giá trị được phép; có phải là 'warning'? (các giá trị: 'error', 'warning' hoặc 'info')",
     "fail-on: 'warn' is not one of the allowed values; did you mean 'warning'? (the values are 'error', 'warning' or 'info')"),
    ("format", "format: [xml]\n", 1,
     "format[0]: 'xml' sai quy cách; cách viết đúng: tên một định dạng (text, json, sarif, junit, github, gitlab, "
     "markdown, plain), có thể kèm =đường_dẫn_tệp (ví dụ sarif=cchc.sarif)",
     "format[0]: 'xml' is not written as allowed; the form is: a format name (text, json, sarif, junit, github, "
     "gitlab, markdown, plain), optionally with =file_path (e.g. sarif=cchc.sarif)"),
    ("exclude", "exclude: drafts\n", 1,
     "exclude: 'drafts' không phải một danh sách", "exclude: 'drafts' is not a list"),
    ("waiver rule", "waivers:\n  - rule: X1\n    subject: s\n    reason: r\n    approver: a\n    expires: 2021-12-31\n", 2,
     "waivers[0].rule: 'X1' sai quy cách; cách viết đúng: mã quy tắc: CCHC và ba chữ số (ví dụ CCHC201; xem lệnh 'cchc rules')",
     "waivers[0].rule: 'X1' is not written as allowed; the form is: a rule id: CCHC and three digits"),
    ("waiver key", "waivers:\n  - rule: CCHC201\n    subject: s\n    reson: r\n    approver: a\n    expires: 2021-12-31\n", 2,
     "waivers[0].reason: thiếu khóa bắt buộc", "waivers[0].reason: required key is missing"),
    ("waiver date", "waivers:\n  - rule: CCHC201\n    subject: s\n    reason: r\n    approver: a\n    expires: 31/13/2021\n", 6,
     "waivers[0].expires: '31/13/2021' không phải ngày có thật", "waivers[0].expires: '31/13/2021' is not a real date"),
    ("waivers not a list", "waivers: none\n", 1,
     "waivers: 'none' không phải một danh sách", "waivers: 'none' is not a list"),
    ("severity level", "severity:\n  CCHC102: [1]\n", 2,
     "severity.CCHC102: một danh sách không thuộc các giá trị được phép; hãy ghi 'error', 'warning', 'info' hoặc 'off'",
     "severity.CCHC102: a list is not one of the allowed values; write 'error', 'warning', 'info' or 'off'"),
    ("severity not a mapping", "severity: [CCHC102]\n", 1,
     "severity: một danh sách không phải một bảng khóa", "severity: a list is not a mapping"),
    ("severity a number", "severity: 5\n", 1,
     "severity: 5 không phải một bảng khóa; hãy ghi các khóa và giá trị bên dưới, mỗi dòng 'khóa: giá trị'",
     "severity: 5 is not a mapping; write the keys and values below it, one 'key: value' a line"),
]


@pytest.mark.parametrize("case", SETTINGS, ids=[c[0] for c in SETTINGS])
def test_a_settings_error_is_worded_in_each_language(here: Path, case: tuple[str, str, int, str, str]) -> None:
    _, text, line, vi, en = case
    (here / ".cchc.yaml").write_text(text, encoding="utf-8")
    for lang, said, check in (("vi", vi, assert_vietnamese), ("en", en, assert_english)):
        result = run("config", "--lang", lang)
        assert result.exit_code == EXIT_INPUT, result.output
        assert f".cchc.yaml:{line}:" in result.stderr and said in result.stderr, result.stderr
        hint = "xem mục 'Configuration' trong README" if lang == "vi" else "see 'Configuration' in cchc's README"
        assert hint in result.stderr
        check(result.stderr)


@pytest.mark.parametrize(
    "toml, line, vi, en",
    [
        ('[tool.cchc]\nlang = "fr"\n', 2, "lang: 'fr' không thuộc các giá trị được phép; hãy ghi 'vi' hoặc 'en'",
         "lang: 'fr' is not one of the allowed values; write 'vi' or 'en'"),
        ("[tool.cchc]\nlang = fr\n", 2,
         "không phải TOML hợp lệ: giá trị không hợp lệ (chữ phải đặt trong dấu nháy kép) (dòng 2, cột 8)",
         "not valid TOML: Invalid value (at line 2, column 8)"),
        ('[tool.cchc]\nlang = "vi"\nlang = "en"\n', None, "không phải TOML hợp lệ: một khóa được ghi hai lần",
         "not valid TOML: Cannot overwrite a value"),
        # TOML writes 'key = value': the advice says so, not YAML's 'key: value'
        ("[tool.cchc]\nseverity = 5\n", 2,
         "severity: 5 không phải một bảng khóa; hãy ghi các khóa và giá trị trong một bảng riêng, mỗi dòng 'khóa = giá trị'",
         "severity: 5 is not a mapping; write its keys and values in a table of their own, one 'key = value' a line"),
        ("[tool]\ncchc = 5\n", None,
         "ghi các thiết lập dạng khóa và giá trị, mỗi dòng 'khóa = giá trị' dưới dòng [tool.cchc]",
         "write the settings as keys and values, one 'key = value' a line under [tool.cchc]"),
    ],
)
def test_pyproject_settings_errors_are_worded_in_each_language(
    here: Path, toml: str, line: int | None, vi: str, en: str
) -> None:
    (here / "pyproject.toml").write_text(toml, encoding="utf-8")
    vi_run, en_run = run("config", "--lang", "vi"), run("config", "--lang", "en")
    assert vi_run.exit_code == en_run.exit_code == EXIT_INPUT
    if line is not None:
        assert f"pyproject.toml:{line}" in vi_run.stderr
    assert vi in vi_run.stderr and en in en_run.stderr
    assert "'khóa: giá trị'" not in vi_run.stderr and "'key: value'" not in en_run.stderr
    # tomllib's English names the problem; the Vietnamese run says it in its own words
    assert_vietnamese(vi_run.stderr)


def test_config_names_each_source_in_the_users_language_and_json_keeps_its_values(here: Path) -> None:
    from cchc_cli.config import source_label

    (here / ".cchc.yaml").write_text("fail-on: warning\nseverity:\n  CCHC203: off\n", encoding="utf-8")
    env = {"CCHC_PLAN": str(copy_data(here / "data"))}
    vi = run("config", "--lang", "vi", env=env).stdout
    for label in ("tệp .cchc.yaml:1:1", "mặc định", "biến môi trường CCHC_PLAN", "tệp .cchc.yaml:3:3"):
        assert label in vi, vi
    assert "default" not in vi
    en = run("config", "--lang", "en", env=env).stdout
    for label in ("file .cchc.yaml:1:1", "default", "environment variable CCHC_PLAN"):
        assert label in en, en
    assert (source_label("--fail-on", "vi"), source_label("--fail-on", "en")) == ("dòng lệnh --fail-on", "command line --fail-on")
    shown = json.loads(run("config", "--lang", "vi", "--format", "json", env=env).stdout)
    sources = {key: s["source"] for key, s in shown["settings"].items()}
    # --lang vi is on the line: the view shows what a run uses, and where it comes from (issue 12 review)
    assert sources == {"fail-on": ".cchc.yaml:1:1", "lang": "--lang", "plan": "CCHC_PLAN", "format": "default",
                       "exclude": "default"}
    assert shown["severity"][0]["source"] == ".cchc.yaml:3:3"


# --- plan files --------------------------------------------------------------------------------

#: (id, file, the start of the line changed, new line, Vietnamese, English): that line is the one reported
PLAN_CASES = [
    ("pattern", "plan_2021.yaml", "  version: ", "  version: two",
     "plan.version: 'two' sai quy cách; cách viết đúng: số phiên bản gồm ba số nối bằng dấu chấm (ví dụ 2.0.0)",
     "plan.version: 'two' is not written as allowed; the form is: a version of three numbers joined by dots (e.g. 2.0.0)"),
    ("extra_forbidden", "plan_2021.yaml", "  year: 2021", "  yaer: 2021",
     "plan.yaer: khóa không có trong lược đồ; có phải là 'year'?", "plan.yaer: unknown key; did you mean 'year'?"),
    ("less_than_equal", "plan_2021.yaml", "  due_day: 15", "  due_day: 31",
     "reporting.due_day: 31 vượt mức tối đa; hãy ghi từ 28 trở xuống",
     "reporting.due_day: 31 is above the maximum; write 28 or less"),
    ("int_parsing", "plan_2021.yaml", "  due_day: 15", "  due_day: mười lăm",
     "reporting.due_day: 'mười lăm' không phải số nguyên", "reporting.due_day: 'mười lăm' is not a whole number"),
    ("agency not in registry", "plan_2021.yaml", "    issuer: ubnd-thanh-pho", "    issuer: ubnd-thanh-phoo",
     "plan.decision.issuer: 'ubnd-thanh-phoo' không phải mã cơ quan trong danh mục; có phải là ubnd-thanh-pho,",
     "plan.decision.issuer: 'ubnd-thanh-phoo' is not an agency in the registry; did you mean ubnd-thanh-pho,"),
]


def _break_plan(here: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    plan = copy_data(here / "data")
    target = plan.parent / name
    lines = target.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[index] = new
    target.write_text("\n".join(lines), encoding="utf-8")
    return plan, index + 1


@pytest.mark.parametrize("case", PLAN_CASES, ids=[c[0] for c in PLAN_CASES])
def test_a_plan_file_error_is_worded_in_each_language(here: Path, case: tuple[str, str, str, str, str, str]) -> None:
    _, name, old, new, vi, en = case
    plan, line = _break_plan(here, name, old, new)
    for lang, said, check in (("vi", vi, assert_vietnamese), ("en", en, assert_english)):
        result = run("plan", "info", "--plan", str(plan), "--lang", lang)
        assert result.exit_code == EXIT_INPUT, result.output
        assert f"{name}:{line}:" in result.stderr and said in result.stderr, result.stderr
        hint = "sửa" if lang == "vi" else "fix the dataset"
        assert f"{'gợi ý' if lang == 'vi' else 'hint'}: {hint}" in result.stderr
        check(result.stderr)


def test_a_plan_validator_message_is_worded_in_vietnamese(here: Path) -> None:
    """The plan models' own checks (a deadline with a reading but no erratum) in Vietnamese."""
    plan = copy_data(here / "data")
    tasks = plan.parent / "appendix_tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    match = re.search(r"(?m)^(\s+)deadline: (.+)$", text)
    assert match, "the appendix has a deadline line"
    # a deadline written as a mapping with a reading and no erratum
    indent = match.group(1)
    broken = text.replace(match.group(0), f"{indent}deadline:\n{indent}  text: {match.group(2)}\n{indent}  reading: Quý IV/2021", 1)
    tasks.write_text(broken, encoding="utf-8")
    vi = run("plan", "info", "--plan", str(plan))
    assert vi.exit_code == EXIT_INPUT
    assert "'reading' khác văn bản nguồn cần có 'erratum' giải thích lý do" in vi.stderr, vi.stderr
    assert_vietnamese(vi.stderr)
    en = run("plan", "info", "--plan", str(plan), "--lang", "en")
    assert "a 'reading' that differs from the source needs the 'erratum' that explains it" in en.stderr


def test_every_detail_of_a_broken_plan_is_in_the_chosen_language(here: Path) -> None:
    plan = copy_data(here / "data")
    text = plan.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  version: .*$", "  version: two", text, count=1)
    for old, new in (("  due_day: 15", "  due_day: 31"), ("    issuer: ubnd-thanh-pho", "    issuer: UBND")):
        assert old + "\n" in text
        text = text.replace(old + "\n", new + "\n", 1)
    plan.write_text(text, encoding="utf-8")
    vi = run("plan", "info", "--plan", str(plan))
    assert vi.exit_code == EXIT_INPUT and "(và 2 lỗi khác)" in vi.stderr
    assert len([x for x in vi.stderr.splitlines() if "plan_2021.yaml:" in x]) == 3
    assert_vietnamese(vi.stderr)
    en = run("plan", "info", "--plan", str(plan), "--lang", "en")
    assert "(and 2 more)" in en.stderr
    assert_english(en.stderr)


# --- the wording itself ------------------------------------------------------------------------

_MODELS = REPO_ROOT / "src" / "cchc_cli" / "models"


def test_every_pattern_of_the_models_is_described_in_words() -> None:
    patterns = set()
    for source in _MODELS.glob("*.py"):
        patterns |= set(re.findall(r'pattern=r"([^"]+)"', source.read_text(encoding="utf-8")))
    assert patterns, "the models have patterns"
    assert sorted(patterns - set(PATTERNS)) == []


#: every pydantic error type the models can raise, with the context pydantic gives it
ERRORS: list[dict[str, Any]] = [
    {"type": "missing", "loc": ("agency",), "input": {}},
    {"type": "extra_forbidden", "loc": ("foo",), "input": 1},
    {"type": "literal_error", "loc": ("lang",), "input": "fr", "ctx": {"expected": "'vi' or 'en'"}},
    {"type": "enum", "loc": ("kind",), "input": "x", "ctx": {"expected": "'a', 'b' or 'c'"}},
    *({"type": "string_pattern_mismatch", "loc": ("k",), "input": "Bad", "ctx": {"pattern": p}} for p in PATTERNS),
    {"type": "string_pattern_mismatch", "loc": ("k",), "input": "Bad", "ctx": {"pattern": "^[0-9]+$"}},
    *({"type": t, "loc": ("n",), "input": "x"} for t in (
        "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "decimal_parsing", "bool_type",
        "bool_parsing", "string_type", "list_type", "tuple_type", "dict_type", "model_type", "model_attributes_type",
        "date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact")),
    *({"type": t, "loc": ("n",), "input": None} for t in ("int_type", "string_type", "list_type", "dict_type", "date_type")),
    {"type": "greater_than_equal", "loc": ("n",), "input": -1, "ctx": {"ge": 0}},
    {"type": "greater_than_equal", "loc": ("n",), "input": 0, "ctx": {"ge": 1}},
    {"type": "greater_than", "loc": ("n",), "input": 0, "ctx": {"gt": 0}},
    {"type": "less_than_equal", "loc": ("n",), "input": 101, "ctx": {"le": 100}},
    {"type": "less_than", "loc": ("n",), "input": 5, "ctx": {"lt": 5}},
    {"type": "too_short", "loc": ("n",), "input": [], "ctx": {"field_type": "Tuple", "min_length": 1, "actual_length": 0}},
    {"type": "too_long", "loc": ("n",), "input": [1] * 3, "ctx": {"field_type": "List", "max_length": 2, "actual_length": 3}},
    {"type": "string_too_short", "loc": ("n",), "input": "", "ctx": {"min_length": 1}},
    {"type": "string_too_long", "loc": ("n",), "input": "x" * 41, "ctx": {"max_length": 40}},
    {"type": "union_tag_invalid", "loc": ("n",), "input": {"kind": "x"},
     "ctx": {"discriminator": "'kind'", "tag": "x", "expected_tags": "'date', 'quarter'"}},
    {"type": "union_tag_not_found", "loc": ("n",), "input": {}, "ctx": {"discriminator": "'kind'"}},
    {"type": "value_error", "loc": ("n",), "input": "x",
     "ctx": {"error": ValueError("'event' is only for 'Ngay sau khi … được công bố' deadlines")}},
    {"type": "value_error", "loc": ("n",), "input": "x",
     "ctx": {"error": ValueError("'x' is not a real date (day is out of range for month)")}},
    {"type": "is_instance_of", "loc": ("n",), "input": "x", "ctx": {"class": "X"}},
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: f"{e['type']}-{e['input']!r}"[:60])
def test_each_error_type_reads_in_plain_words(error: dict[str, Any]) -> None:
    said = word(error)
    assert isinstance(said, Said) and said and said.vi
    assert_vietnamese(said.vi)
    assert_english(str(said))
    for text in (said, said.vi):
        assert "^" not in text and "$'" not in text, text  # never a regex


def test_a_worded_problem_survives_a_worker_process() -> None:
    import pickle

    said = word({"type": "missing", "loc": ("agency",), "input": {}})
    again = pickle.loads(pickle.dumps(said))
    assert (str(again), again.vi) == (str(said), said.vi)
