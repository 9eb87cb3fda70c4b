"""Broken YAML, unreadable files and bad dates, told in the user's language (issue 12, "parse").

Every snippet goes through ``cchc check FILE --format json`` in Vietnamese and in English: exit 2,
CCHC001 at the line and column to fix, a message that says what is wrong in words chosen for it,
and none of the parser's English (``expected``, ``but got``, ``found`` …) in the Vietnamese
report, nor Vietnamese outside quotes in the English one. The parser messages that only libyaml
gives (the pure-Python parser accepts those texts, or words them differently) are fed to
:func:`cchc_cli.yamlsyntax.explain` directly.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli import yamlsyntax
from cchc_cli.cli import EXIT_INPUT, app
from cchc_cli.errors import ParseError
from cchc_cli.location import SourceLocation
from cchc_cli.yamlio import decode, load_text, os_problem

runner = CliRunner()

HEAD = "schema_version: 1\nagency: Sở Tư pháp\nperiod: FY\n"

#: words that give the parser's (or Python's, or pydantic's) English away in a Vietnamese report
GIVE_AWAY = ("expected", "but got", "found", "Input should", "No such", "Missing", "Invalid", " or ", "while", "could not")
#: English words none of our Vietnamese messages needs (names and quoted text removed first)
ENGLISH = re.compile(
    r"\b(the|is|not|and|but|of|to|at|line|column|value|key|file|found|expected|while|could|missing|"
    r"alias|anchor|socket|mapping|character|error|syntax|directory|permission|denied|such)\b",
    re.IGNORECASE,
)
#: letters only Vietnamese uses: none may reach an English report but inside quotes
VIETNAMESE = re.compile(r"[À-ỹ]")  # Latin-1 Supplement to Latin Extended Additional


def _unquoted(text: str) -> str:
    """``text`` without what it quotes: values from the file and literal examples stay as written."""
    return re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)


def assert_vietnamese_only(text: str) -> None:
    for word in GIVE_AWAY:
        assert word not in text, (word, text)
    english = ENGLISH.search(_unquoted(text))
    assert english is None, (english, text)


def assert_english_only(text: str) -> None:
    rest = _unquoted(text)
    assert not VIETNAMESE.search(rest), text


def run(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": ""})


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


class Case:
    """A broken file, where it should be reported (``at`` marks the place: the n-th occurrence of
    a needle, or the end of the file) and the words each language must use."""

    def __init__(self, text: str, at: tuple[str, int] | tuple[int, int], vi: tuple[str, ...], en: tuple[str, ...]) -> None:
        self.text = text
        self.at = where(text, at[0], at[1]) if isinstance(at[0], str) else at  # type: ignore[arg-type]
        self.vi = vi
        self.en = en


CASES: dict[str, Case] = {
    "unclosed-bracket-at-end": Case(
        HEAD + "duties:\n  dialogues: [2021-03-02, 2021-09-24\n",
        ("[", 1),
        ("thiếu dấu đóng ngoặc ']'", "danh sách mở bằng '['"),
        ("missing closing ']'",),
    ),
    "unclosed-brace-before-a-key": Case(
        HEAD + "indicators:\n  satisfaction: {surveyed: 10, satisfied: 9\n  other: 1\n",
        (":", 8),
        ("thiếu dấu đóng ngoặc '}'", "bảng mở bằng '{' ở dòng 5, cột 17"),
        ("missing closing '}'", "opened with '{' at line 5, column 17"),
    ),
    "unclosed-single-quote": Case(
        HEAD + "notes: 'chưa xong\nsubmitted_on: 2021-12-14\n",
        ("'", 1),
        ("thiếu dấu nháy đóng '", "cuối tệp"),
        ("missing closing quote '", "end of the file"),
    ),
    "unclosed-double-quote": Case(
        HEAD + 'notes: "chưa xong\n',
        ('"', 1),
        ('thiếu dấu nháy đóng "',),
        ('missing closing quote "',),
    ),
    "indented-too-far": Case(
        HEAD + "indicators:\n  a: 1\n   b: 2\n",
        ("b: 2", 1),
        ("dòng thụt lề không đều", "sâu hơn dòng phía trên"),
        ("uneven indentation", "indented further"),
    ),
    "indented-too-little": Case(
        HEAD + "indicators:\n    a: 1\n  b: 2\n",
        ("b: 2", 1),
        ("dòng thụt lề không đều", "thẳng cột"),
        ("uneven indentation",),
    ),
    "colon-in-value": Case(
        HEAD + "note: Sở Tư pháp: phòng CCHC\n",
        (": phòng", 1),
        ("dấu hai chấm trong giá trị: hãy đặt giá trị trong dấu nháy", "note: 'Sở Tư pháp: phòng CCHC'"),
        ("a colon inside a value: put the value in quotes", "note: 'Sở Tư pháp: phòng CCHC'"),
    ),
    # An unclosed quote runs on to the next quote of its kind, and the parser fails there or later:
    # the place to fix is where it opens (issue 12 review: it was reported lines further down).
    "unclosed-quote-runs-on-over-keys": Case(
        'schema_version: 1\nagency: "Sở Tư pháp\nperiod: FY\nindicators:\n  satisfaction: {surveyed: 10, satisfied: 9}\n'
        'tasks:\n  I.6: {status: in_progress, note: "chờ hướng dẫn"}\n  I.7: {status: not_started}\n',
        ('"', 1),
        ('thiếu dấu nháy đóng "', "bị đọc nối sang các dòng bên dưới (tới dòng 7)"),
        ('missing closing quote "', "runs on over the lines below (to line 7)"),
    ),
    "unclosed-quote-inside-braces": Case(
        HEAD + 'tasks:\n  I.6: {status: in_progress, note: "chờ hướng dẫn}\n  I.7: {status: not_started}\n'
        '  IV.3: {status: done, evidence: "QĐ 1234"}\n',
        ('"', 1),
        ('thiếu dấu nháy đóng "', "(tới dòng 7)"),
        ('missing closing quote "', "(to line 7)"),
    ),
    "colon-in-a-braced-value": Case(
        HEAD + "tasks:\n  I.6: {status: in_progress, note: chờ: hướng dẫn}\n",
        (": hướng", 1),
        ("dấu hai chấm trong giá trị: hãy đặt giá trị trong dấu nháy", "note: 'chờ: hướng dẫn'"),
        ("a colon inside a value: put the value in quotes", "note: 'chờ: hướng dẫn'"),
    ),
    # A quoted value over two lines is fine; an error further down is not blamed on it.
    "multi-line-quote-is-not-blamed": Case(
        HEAD + 'note: "dòng một\n  dòng hai"\nindicators:\n  a: 1\n   b: 2\n',
        ("b: 2", 1),
        ("dòng thụt lề không đều",),
        ("uneven indentation",),
    ),
    "tab-indentation": Case(
        HEAD + "indicators:\n\tsatisfaction: {surveyed: 10, satisfied: 9}\n",
        ("\t", 1),
        ("Tab", "dấu cách"),
        ("Tab", "spaces"),
    ),
    "tab-after-spaces": Case(
        HEAD + "indicators:\n  a: 1\n\tb: 2\n",
        ("\t", 1),
        ("Tab",),
        ("Tab",),
    ),
    "bad-escape": Case(
        HEAD + 'path: "C:\\data"\n',
        ("data", 1),
        ("chuỗi thoát", "dấu nháy đơn"),
        ("escape sequence", "single quotes"),
    ),
    "undefined-alias": Case(
        HEAD + "note: *quan_trong\n",
        ("*", 1),
        ("tham chiếu *quan_trong", "điểm neo", "dấu nháy"),
        ("alias *quan_trong",),
    ),
    "list-item-where-a-key-goes": Case(
        HEAD + "- 2021-03-02\n",
        ("-", 1),
        ("gặp mục danh sách '-' ở chỗ cần một khóa",),
        ("a list item '-' where a key was expected",),
    ),
    "missing-colon": Case(
        HEAD + "note: x\nchưa xong\nsubmitted_on: 2021-12-14\n",
        ("chưa", 1),
        ("thiếu dấu hai chấm ':'",),
        ("missing ':'",),
    ),
    "text-after-a-quote": Case(
        HEAD + "note: 'xong' rồi\n",
        ("rồi", 1),
        ("có chữ thừa sau một giá trị đã đóng",),
        ("extra text after a value",),
    ),
    "character-that-cannot-start": Case(
        HEAD + "note: @admin\n",
        ("@", 1),
        ("ký tự '@' không được đứng đầu một giá trị",),
        ("the character '@' cannot begin a value",),
    ),
    "dash-inside-a-value": Case(
        HEAD + "note: - a\n",
        ("-", 1),
        ("mục danh sách '-' không được phép ở đây",),
        ("a list item '-' is not allowed here",),
    ),
    "stray-closing-bracket": Case(
        HEAD + "note: ]\n",
        ("]", 1),
        ("ký tự ']' không mở đầu được một giá trị",),
        ("']' cannot begin a value",),
    ),
    "control-character": Case(
        HEAD + "note: xong\x07\n",
        ("\x07", 1),
        ("ký tự điều khiển vô hình U+0007",),
        ("control character U+0007",),
    ),
    "bad-anchor-name": Case(
        HEAD + "note: &\n",
        ("\n", 4),
        ("tên sau dấu '&' hay '*' không hợp lệ",),
        ("a name after '&' or '*' that is not valid",),
    ),
    "block-scalar-indicator": Case(
        HEAD + "note: |0\n  x\n",
        ("0", 1),
        ("khối văn bản '|' hay '>' viết sai",),
        ("a block of text",),
    ),
    "repeated-directive": Case(
        "%YAML 1.2\n%YAML 1.2\n---\n" + HEAD,
        ("%", 2),
        ("dòng chỉ thị '%'",),
        ("'%' directive",),
    ),
    "undeclared-tag-handle": Case(
        HEAD + "note: !x!y 1\n",
        ("!", 1),
        ("thẻ (từ bắt đầu bằng '!')",),
        ("a tag (a word starting with '!')",),
    ),
    "duplicate-key": Case(
        HEAD + "agency: Sở Nội vụ\n",
        ("agency", 2),
        ("khóa 'agency' bị lặp (lần đầu ở dòng 2)",),
        ("duplicate key 'agency' (first at line 2)",),
    ),
    "second-document": Case(
        HEAD + "---\n" + HEAD,
        ("---", 1),
        ("tài liệu YAML thứ hai",),
        ("a second YAML document",),
    ),
}


def _first_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case, lang: str) -> dict[str, Any]:
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text(case.text, encoding="utf-8", newline="")
    result = run("check", "broken.yaml", "--lang", lang, "--format", "json")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == EXIT_INPUT, result.stdout + result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert findings, result.stdout
    first: dict[str, Any] = findings[0]
    assert first["rule"] == "CCHC001"
    assert first["location"] == {"path": "broken.yaml", "line": case.at[0], "column": case.at[1]}
    return first


@pytest.mark.parametrize("name", list(CASES))
def test_vietnamese_report_says_what_where_and_how(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    first = _first_finding(tmp_path, monkeypatch, case, "vi")
    said = first["message"] + " / " + (first["hint"] or "")
    for words in case.vi:
        assert words in said, (words, said)
    assert first["hint"], "every refusal says how to fix it"
    assert_vietnamese_only(first["message"])
    assert_vietnamese_only(first["hint"])
    if first["message"].startswith("lỗi cú pháp YAML"):
        assert first["message"].startswith(f"lỗi cú pháp YAML tại dòng {case.at[0]}, cột {case.at[1]}: "), first


@pytest.mark.parametrize("name", list(CASES))
def test_english_report_says_the_same_in_english(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    first = _first_finding(tmp_path, monkeypatch, case, "en")
    said = first["message"] + " / " + (first["hint"] or "")
    for words in case.en:
        assert words in said, (words, said)
    assert_english_only(first["message"])
    assert_english_only(first["hint"] or "")
    if first["message"].startswith("YAML syntax error"):
        assert first["message"].startswith(f"YAML syntax error at line {case.at[0]}, column {case.at[1]}: "), first


def test_terminal_report_is_vietnamese_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stderr line an officer reads: file:line:col, the message and the hint, no parser English."""
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text(CASES["colon-in-value"].text, encoding="utf-8")
    result = run("check", "broken.yaml")
    assert result.exit_code == EXIT_INPUT
    line, column = CASES["colon-in-value"].at
    assert f"broken.yaml:{line}:{column}: lỗi cú pháp YAML tại dòng {line}, cột {column}: dấu hai chấm trong giá trị" in result.stderr
    for word in ("mapping values", "not allowed", "expected", "found"):
        assert word not in result.stderr


def test_debug_keeps_the_parsers_own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's English is for maintainers: in the traceback that --debug prints, nowhere else."""
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text(CASES["colon-in-value"].text, encoding="utf-8")
    plain = run("check", "broken.yaml")
    debug = run("--debug", "check", "broken.yaml")
    assert "mapping values are not allowed" not in plain.stdout + plain.stderr
    assert "mapping values are not allowed" in debug.stderr
    assert debug.exit_code == plain.exit_code == EXIT_INPUT
    # One run's --debug is not the next one's (in one process: tests, a program embedding cchc),
    # and its log never writes to the stream of a run that is over.
    after = run("check", "broken.yaml", "--lang", "en")
    assert "cchc: debug" not in after.stderr
    assert "Traceback" not in after.stdout + after.stderr and "Logging error" not in after.stderr
    assert after.exit_code == EXIT_INPUT


# -- the messages only libyaml gives, and problems no table knows ------------------------------

LIBYAML: list[tuple[str, str | None, str, tuple[int, int], str]] = [
    # (problem, context, text, problem at (1-based), words in vi)
    ("did not find expected ',' or ']'", "while parsing a flow sequence", "a: [1, 2\nb: 3\n", (2, 2), "thiếu dấu đóng ngoặc ']'"),
    ("did not find expected ',' or '}'", "while parsing a flow mapping", "a: {x: 1\nb: 2\n", (2, 2), "thiếu dấu đóng ngoặc '}'"),
    ("found a tab character that violates indentation", "while scanning a plain scalar", "a:\n  b: 1\n\tc: 2\n", (3, 1), "Tab"),
    ("found a tab character where an indentation space is expected", None, "a:\n\tb: 1\n", (2, 1), "Tab"),
    ("found character that cannot start any token", "while scanning for the next token", "a:\n\tb: 1\n", (2, 1), "Tab"),
    ("found character that cannot start any token", "while scanning for the next token", "a: `x\n", (1, 4), "ký tự '`'"),
    ("mapping values are not allowed in this context", None, "a: b: c\n", (1, 5), "dấu hai chấm trong giá trị"),
    ("found unexpected ':'", "while scanning a plain scalar", "a: [x:y]\n", (1, 6), "dấu hai chấm trong giá trị"),
    ("did not find expected key", "while parsing a block mapping", "a:\n    b: 1\n  c: 2\n", (3, 3), "dòng thụt lề không đều"),
    ("did not find expected '-' indicator", "while parsing a block collection", "- a\nb: 1\n", (2, 1), "dấu '-'"),
    ("found unknown escape character", "while parsing a quoted scalar", 'a: "C:\\d"\n', (1, 7), "chuỗi thoát"),
    ("did not find expected hexdecimal number", "while parsing a quoted scalar", 'a: "\\x4"\n', (1, 7), "chuỗi thoát"),
    ("block sequence entries are not allowed in this context", None, "a: - b\n", (1, 4), "mục danh sách '-'"),
    ("did not find expected node content", "while parsing a block node", "a: ]\n", (1, 4), "ký tự ']'"),
    ("found undefined tag handle", "while parsing a node", "a: !x!y 1\n", (1, 4), "thẻ"),
    ("did not find expected alphabetic or numeric character", "while scanning an anchor", "a: &\n", (1, 5), "dấu '&'"),
    ("found an indentation indicator equal to 0", "while scanning a block scalar", "a: |0\n", (1, 5), "khối văn bản"),
    ("found unknown directive name", "while scanning a directive", "%FOO\na: 1\n", (1, 5), "chỉ thị"),
    ("found unexpected document indicator", "while scanning a quoted scalar", "a: 'x\n---\n", (2, 1), "thiếu dấu nháy đóng"),
    ("did not find expected <document start>", None, "a: 1\n... x\n", (2, 5), "'---'"),
    ("found undefined alias", "while composing a node", "a: *x\n", (1, 4), "tham chiếu '*'"),
    ("a problem no version of the parser has said yet", "while doing something new", "a: 1\n", (1, 3), "lỗi cú pháp YAML tại dòng 1, cột 3"),
]


@pytest.mark.parametrize(("problem", "context", "text", "at", "vi"), LIBYAML)
def test_libyaml_messages_are_worded_too(problem: str, context: str | None, text: str, at: tuple[int, int], vi: str) -> None:
    said = yamlsyntax.explain(problem, context, text, SourceLocation("f.yaml", *at), SourceLocation("f.yaml", 1, 1), "f.yaml")
    assert vi in said.message_vi + " / " + said.hint_vi, said
    assert_vietnamese_only(said.message_vi)
    assert_vietnamese_only(said.hint_vi)
    assert_english_only(said.message)
    assert_english_only(said.hint)
    assert said.location.line is not None and said.location.column is not None
    assert said.message_vi.startswith(f"lỗi cú pháp YAML tại dòng {said.location.line}, cột {said.location.column}")
    assert said.message.startswith(f"YAML syntax error at line {said.location.line}, column {said.location.column}")


def test_an_unknown_problem_gets_a_general_message_and_hint() -> None:
    said = yamlsyntax.explain("expected a frobnicated token, but found nothing", None, "a: 1\nb: 2\n",
                              SourceLocation("f.yaml", 2, 2), None, "f.yaml")
    assert said.message_vi == "lỗi cú pháp YAML tại dòng 2, cột 2"
    assert "frobnicated" not in said.message + said.hint  # the parser's words stay for --debug
    assert "--debug" in said.hint_vi


def test_a_problem_past_the_end_is_placed_where_it_opened_or_on_the_last_line() -> None:
    text = "a: 1\nb: [x\n"
    opened = yamlsyntax.explain("expected ',' or ']', but got '<stream end>'", "while parsing a flow sequence", text,
                                SourceLocation("f.yaml", 3, 1), SourceLocation("f.yaml", 2, 4), "f.yaml")
    assert opened.location == SourceLocation("f.yaml", 2, 4)
    alone = yamlsyntax.explain("something at the end", None, text, SourceLocation("f.yaml", 3, 1), None, "f.yaml")
    assert alone.location == SourceLocation("f.yaml", 2, 6)  # the end of the last line


# -- every other refusal of the YAML reader: a Vietnamese text with no English in it -----------


def _refusal(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        load_text(text, "f.yaml")
    return info.value


REFUSALS = {
    "too deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "alias bomb": "a: &a [" + "x, " * 300 + "x]\nb: &b [" + "*a, " * 700 + "*a]\nc: [" + "*b, " * 700 + "*b]\n",
    "anchor twice": "a: &x 1\nb: &x 2\n",
    "alias before anchor": "a: *x\n",
    "bad int tag": "a: !!int abc\n",
    "bad bool tag": "a: !!bool maybe\n",
    "bad float tag": "a: !!float 1,5\n",
    "null tag": "a: !!null x\n",
    "set tag": "a: !!set {x}\n",
    "application tag": "a: !python/object x\n",
    "long number": "a: " + "9" * 40 + "\n",
    "duplicate key": "a: 1\na: 2\n",
    "second document": "a: 1\n---\nb: 2\n",
    "YAML 1.3": "%YAML 1.3\n---\na: 1\n",
    "YAML 2.0": "%YAML 2.0\n---\na: 1\n",
    "merge of a scalar": "a:\n  <<: 1\n",
    "list as a key": "? [a, b]\n: 1\n",
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_every_refusal_has_vietnamese_without_english(name: str) -> None:
    error = _refusal(REFUSALS[name])
    message, hint = error.localized("vi")
    assert_vietnamese_only(message)
    if hint is not None:
        assert_vietnamese_only(hint)
    assert_english_only(error.message.en)


def test_size_refusal_in_vietnamese_groups_digits_the_vietnamese_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_cli import yamlio

    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 1500)
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        yamlio.read_bytes(big)
    assert info.value.message.vi == "tệp dài 2.003 byte, vượt giới hạn 1.500 byte"
    assert "2,003 bytes" in info.value.message.en and "1,500 bytes" in info.value.message.en


@pytest.mark.parametrize(
    ("raw", "vi"),
    [
        (b"a: 1\x00\n", "tệp nhị phân"),
        ("tên: ABC\n".encode("latin-1"), "UTF-8"),
        (b"\xff\xfe" + b"\x00\xd8", "UTF-16"),
    ],
)
def test_encoding_refusals_in_vietnamese(raw: bytes, vi: str) -> None:
    with pytest.raises(ParseError) as info:
        decode(raw, "f.yaml")
    message, hint = info.value.localized("vi")
    assert vi in message + (hint or "")
    assert_vietnamese_only(message)


# -- operating-system refusals: never the C library's English ----------------------------------


@pytest.mark.parametrize(
    ("code", "vi"),
    [
        (errno.ENOENT, "không tìm thấy tệp"),
        (errno.EACCES, "không có quyền truy cập"),
        (errno.EISDIR, "là một thư mục"),
        (errno.ENOSPC, "hết chỗ"),
        (errno.EIO, "lỗi đọc ghi"),
        (errno.EINVAL, "không hợp lệ"),
    ],
)
def test_os_problems_are_worded_in_both_languages(code: int, vi: str) -> None:
    said, en = os_problem(OSError(code, os.strerror(code)))
    assert vi in said
    assert os.strerror(code) not in said
    assert_vietnamese_only(said)
    assert_english_only(en)


def test_an_unlisted_os_problem_is_named_by_its_code_not_strerror() -> None:
    code = errno.EPROTO if hasattr(errno, "EPROTO") else errno.EPROTOTYPE
    vi, en = os_problem(OSError(code, os.strerror(code)))
    assert errno.errorcode[code] in vi and errno.errorcode[code] in en
    assert os.strerror(code) not in vi + en
    assert vi.startswith("hệ điều hành từ chối")


@pytest.mark.parametrize("kind", ["missing", "unreadable"])
def test_unreadable_files_in_vietnamese_and_english(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "tien-do.yaml"
    if kind == "unreadable":
        if sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0):
            pytest.skip("needs a user that permissions stop")
        Path(name).write_text(HEAD, encoding="utf-8")
        Path(name).chmod(0)
    expected = {
        "missing": ("không tìm thấy tệp", "file not found"),
        "unreadable": ("không có quyền đọc tệp", "no permission to read"),
    }[kind]
    for lang, words in zip(("vi", "en"), expected):
        result = run("check", name, "--lang", lang, "--format", "json")
        assert result.exit_code == EXIT_INPUT
        first = json.loads(result.stdout)["findings"][0]
        assert first["rule"] == "CCHC001"
        assert words in first["message"], first
        assert "No such file" not in result.stdout + result.stderr
        assert "Permission denied" not in result.stdout + result.stderr
        if lang == "vi":
            assert_vietnamese_only(first["message"])
        else:
            assert_english_only(first["message"])


# -- dates: each message whole in one language ------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "vi", "en"),
    [
        ("2021-02-30", "'2021-02-30' không phải ngày có thật (tháng 2/2021 chỉ có 28 ngày)",
         "'2021-02-30' is not a real date (month 2/2021 has 28 days)"),
        ("31/13/2021", "'31/13/2021' không phải ngày có thật (không có tháng 13)",
         "'31/13/2021' is not a real date (there is no month 13)"),
        ("mùng 5 tháng 1", "không phải ngày; hãy viết dạng 05/01/2021, 2021-01-05 hoặc 'ngày 05 tháng 01 năm 2021'",
         "is not a date; write it as 2021-01-05, 05/01/2021 or 'ngày 05 tháng 01 năm 2021'"),
        ("20211210", "ngày phải viết dạng chữ, ví dụ 10/12/2021 hoặc 2021-12-10, không phải số 20211210",
         "a date is written as text, such as 2021-12-10 or 10/12/2021, not the number 20211210"),
    ],
)
def test_date_messages_are_whole_in_each_language(as_of: str, vi: str, en: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.yaml").write_text(HEAD + f"as_of: {as_of}\n", encoding="utf-8")
    for lang, words in (("vi", vi), ("en", en)):
        result = run("check", "p.yaml", "--lang", lang, "--format", "json")
        assert result.exit_code == EXIT_INPUT, result.stdout
        messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
        said = next((m for m in messages if m.startswith("as_of:")), None)
        assert said is not None, messages
        assert words in said, said
        if lang == "vi":
            assert_vietnamese_only(said.replace("as_of", ""))
        else:
            assert_english_only(said)
