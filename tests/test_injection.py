"""Output injection (issue 6): user-controlled strings carrying Rich markup, terminal escapes, HTML,
Markdown and XML-breaking text reach every output format literally or correctly escaped.

Every assertion is on the raw bytes a subprocess wrote."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.text import visible

from conftest import UNDER_CI, known_env

MARKUP = "[bold]B[/bold] [link=https://evil.example]click[/link]"
HTML = "<script>alert(1)</script> &amp;"
MD = "| ** [x](javascript:alert(1))"
XMLISH = "]]> &"
CONTROL = "\x1b[31mRED \x1b]8;;https://evil.example\x07OSC\x07 bel\x07 bs\x08 \x01\x0b"
#: Text without control characters (Text fields refuse those).
PRINTABLE = f"{MARKUP} {HTML} {MD} {XMLISH} %"
HOSTILE = f"{MARKUP} {CONTROL} {HTML} {MD} {XMLISH} % a:b,c"
#: Short enough to pass as a task id key (at most 40 characters) yet full of markup.
TASK_KEY = "[b]x[/b]<script>|&]]>%:,"

HEAD = "schema_version: 1\nagency: so-tu-phap\nperiod: FY\nas_of: 2021-12-10\n"
CTRL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def q(s: str) -> str:
    return json.dumps(s)  # a JSON string is a YAML double-quoted scalar


SCENARIOS: dict[str, str] = {
    # schema errors whose message quotes the hostile key
    "keys": HEAD + f"indicators:\n  {q('bogus ' + HOSTILE)}: {{x: 1}}\ntasks:\n  {q('IX.99 ' + HOSTILE)}: {{status: done}}\n",
    # an unknown task id that passes the schema and reaches the semantic checks
    "task": HEAD + f"tasks:\n  {q(TASK_KEY)}: {{status: done, completed_on: 2021-05-01}}\n",
    "agency": HEAD.replace("so-tu-phap", q("So Tu phapp " + HOSTILE)),
    "fields": HEAD + f"tasks:\n  II.1: {{status: in_progress, evidence: {q('ev ' + PRINTABLE)}, note: {q('note ' + PRINTABLE)}}}\n",
    "fields_ctrl": HEAD + f"tasks:\n  II.1: {{status: in_progress, evidence: {q('ev ' + HOSTILE)}, note: {q('note ' + HOSTILE)}}}\n",
    "waiver": HEAD + "tasks:\n  II.1: {status: in_progress}\n",
}
WAIVER_CONFIG = (
    "waivers:\n"
    f"  - {{rule: CCHC201, subject: 'task:II.1', reason: {q('why ' + PRINTABLE)}, "
    f"approver: {q('boss ' + PRINTABLE)}, expires: 2099-12-31}}\n"
)
#: A file name with the characters GitHub's property escaping must handle.
ODD_NAME = "p,r:o%g.yaml"


def _env(**extra: str) -> dict[str, str]:
    env = known_env()
    env.update(COLUMNS="200", **extra)
    return env


def _run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=cwd, env=_env(**env), check=False, timeout=120,
    )


@pytest.fixture(params=sorted(SCENARIOS))
def scenario(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    name = request.param
    (tmp_path / ODD_NAME).write_text(SCENARIOS[name], encoding="utf-8")
    if name == "waiver":
        (tmp_path / ".cchc.yaml").write_text(WAIVER_CONFIG, encoding="utf-8")
    return name, tmp_path


def _check(cwd: Path, fmt: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    done = _run(cwd, "check", ODD_NAME, "--lang", "en", "--format", fmt, **env)
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"Traceback" not in done.stderr
    return done


def _no_terminal_control(data: bytes) -> None:
    assert b"\x1b" not in data and b"\x07" not in data and b"\x08" not in data, data[:2000]
    assert not CTRL_BYTES.search(data), data[:2000]


def _findings(cwd: Path) -> list[dict]:
    return json.loads(_check(cwd, "json").stdout)["findings"]


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in _strings(k) + _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _expected_literal(name: str) -> str:
    return {"keys": "[bold]B[/bold]", "task": "[b]x[/b]", "agency": "[bold]B[/bold]",
            "fields_ctrl": "", "waiver": "[bold]B[/bold]", "fields": ""}[name]


def test_text_shows_markup_literally_and_no_escapes(scenario: tuple[str, Path]) -> None:
    name, cwd = scenario
    done = _check(cwd, "text")
    out = done.stdout + done.stderr
    _no_terminal_control(out)
    assert _expected_literal(name).encode() in out
    assert b"[link=https://evil.example]" in out or name in ("task", "fields", "fields_ctrl")


def test_text_with_force_color_has_only_sgr_sequences(scenario: tuple[str, Path]) -> None:
    name, cwd = scenario
    done = _check(cwd, "text", FORCE_COLOR="1")
    out = done.stdout + done.stderr
    # remove SGR colour codes the tool itself emits; nothing else may remain
    rest = re.sub(rb"\x1b\[[0-9;]*m", b"", out)
    _no_terminal_control(rest)
    assert b"\x1b]8;" not in out and b"\x07" not in out
    assert b"\x1b[31mRED" not in out  # the input's own SGR is not passed through
    assert _expected_literal(name).encode() in rest


def test_json_round_trips_the_strings(scenario: tuple[str, Path]) -> None:
    name, cwd = scenario
    report = json.loads(_check(cwd, "json").stdout)
    joined = "\n".join(_strings(report))
    assert _expected_literal(name) in joined
    if name == "keys":
        # A key quoted in a message is one visible line of at most 80 characters (issue 10).
        from cchc_cli.text import visible

        assert visible(("bogus " + HOSTILE)[:80]) + "…" in joined
        assert "\x1b" not in joined and "\x07" not in joined
    if name == "agency":  # quoted: one line, control characters shown as \x1b, at most 80 characters
        assert MARKUP in joined and "\\x1b[31mRED" in joined and "\x1b" not in joined
        assert HTML not in joined and "' (194 characters)" in joined
    if name == "task":
        assert TASK_KEY in joined
    if name == "waiver":
        assert "why " + PRINTABLE in joined and "boss " + PRINTABLE in joined


def test_sarif_and_gitlab_parse(scenario: tuple[str, Path]) -> None:
    _, cwd = scenario
    for fmt in ("sarif", "gitlab"):
        raw = _check(cwd, fmt).stdout
        json.loads(raw)
        assert b"\x1b" not in raw  # JSON escapes it


def test_junit_parses_and_has_no_raw_control_chars(scenario: tuple[str, Path]) -> None:
    name, cwd = scenario
    raw = _check(cwd, "junit").stdout
    assert not CTRL_BYTES.search(raw), raw[:2000]
    root = ET.fromstring(raw)
    assert b"<script>" not in raw and b"<b>" not in raw  # markup from input is escaped, never elements
    all_text = " ".join(filter(None, (e.text for e in root.iter()))) + " ".join(
        v for e in root.iter() for v in e.attrib.values())
    if name != "fields":
        assert _expected_literal(name) in all_text


def test_github_annotations_one_line_each_and_escaped(scenario: tuple[str, Path]) -> None:
    name, cwd = scenario
    raw = _check(cwd, "github").stdout
    assert b"\r" not in raw
    _no_terminal_control(raw)
    findings = [f for f in _findings(cwd) if not f.get("waiver")]
    lines = [line for line in raw.decode().split("\n") if line]
    annotations = [line for line in lines if line.startswith("::") and not line.startswith("::notice title=cchc::")]
    assert len(annotations) == len(findings), lines
    for line in annotations:
        m = re.match(r"^::(error|warning|notice)( [^:]*)?::(.*)$", line)
        assert m, line
        props = m.group(2) or ""
        for prop in props.strip().split(","):
            if not prop:
                continue
            key, _, value = prop.partition("=")
            assert key in ("file", "line", "col", "endLine", "endColumn", "title"), prop
            assert ":" not in value and "\n" not in value, prop
            assert not re.search(r"%(?!25|0A|0D|3A|2C)", value), prop
        assert not re.search(r"%(?!25|0A|0D)", m.group(3)), line
    assert "file=p%2Cr%3Ao%25g.yaml" in raw.decode()


def test_markdown_rows_keep_their_cells_and_html_is_escaped(scenario: tuple[str, Path]) -> None:
    name, cwd = scenario
    raw = _check(cwd, "markdown").stdout
    _no_terminal_control(raw)
    text = raw.decode()
    assert "<script>" not in text and "<link" not in text
    cells_per_table: list[int] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = len(re.split(r"(?<!\\)\|", line)) - 2
            if not cells_per_table or cells_per_table[-1] == -1:
                cells_per_table.append(cells)
            assert cells == cells_per_table[-1], line
        elif cells_per_table:
            cells_per_table.append(-1)
    assert cells_per_table


def test_plain_is_one_line_per_finding(scenario: tuple[str, Path]) -> None:
    _, cwd = scenario
    raw = _check(cwd, "plain").stdout
    _no_terminal_control(raw)
    *lines, total = [line for line in raw.decode().split("\n") if line]
    assert len(lines) == len(_findings(cwd)), lines
    assert total.startswith("cchc: files checked: 1 · "), total


# -- report and summary exports --------------------------------------------------------------


VALID_HOSTILE = HEAD + (
    f"tasks:\n  II.1: {{status: in_progress, evidence: {q('ev ' + PRINTABLE)}, note: {q('note ' + PRINTABLE)}}}\n"
    f"  {q(TASK_KEY)}: {{status: done, completed_on: 2021-05-01}}\n"
)


def _hostile_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.yaml").write_text(VALID_HOSTILE, encoding="utf-8")
    (d / "agency.yaml").write_text(SCENARIOS["agency"], encoding="utf-8")
    (d / "keys.yaml").write_text(SCENARIOS["keys"], encoding="utf-8")
    return d


@pytest.mark.parametrize("name", ["good.yaml", "agency.yaml", "keys.yaml"])
def test_report_html_and_svg_escape(tmp_path: Path, name: str) -> None:
    d = _hostile_dir(tmp_path)
    for ext in ("html", "svg", "txt"):
        done = _run(tmp_path, "report", str(d / name), "--lang", "en", "--export", f"x.{ext}")
        assert b"Traceback" not in done.stderr
        _no_terminal_control(done.stdout + done.stderr)
        if not (tmp_path / f"x.{ext}").exists():
            assert done.returncode == 2, done.stderr  # a file that cannot be judged has no report
            continue
        raw = (tmp_path / f"x.{ext}").read_bytes()
        assert not CTRL_BYTES.search(raw.replace(b"\t", b"")), raw[:500]
        if ext == "html":
            assert b"<script>alert" not in raw
            assert b"javascript:alert(1)\"" not in raw and b"href=\"javascript" not in raw
            if name == "good.yaml":
                assert b"&lt;script&gt;" in raw or b"&#" in raw
        if ext == "svg":
            ET.fromstring(raw)
            assert b"<script>alert" not in raw


def test_summary_formats_and_html_export(tmp_path: Path) -> None:
    d = _hostile_dir(tmp_path)
    done = _run(tmp_path, "summary", str(d), "-p", "FY", "--lang", "en",
                "-f", "csv=s.csv", "-f", "markdown=s.md", "-f", "json=s.json", "-f", "text", "--export", "city.html")
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"Traceback" not in done.stderr
    _no_terminal_control(done.stdout + done.stderr)
    json.loads((tmp_path / "s.json").read_bytes())
    raw_csv = (tmp_path / "s.csv").read_bytes()
    assert not CTRL_BYTES.search(raw_csv)
    rows = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"))))
    assert rows and len({len(r) for r in rows}) == 1, rows
    for row in rows:  # formula injection: no cell may start with = + - @
        for cell in row:
            assert not cell.startswith(("=", "+", "@")), cell
    md = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "<script>" not in md
    _no_terminal_control(md.encode())
    html = (tmp_path / "city.html").read_bytes()
    assert b"<script>alert" not in html
    assert not CTRL_BYTES.search(html.replace(b"\t", b""))


# -- file names that carry a workflow command, and file names that are not UTF-8 -------------------
#
# A copy of an example with findings, under two names no report may pass on raw: one whose line
# breaks would put a workflow command on a line of its own, and one with a byte that is not UTF-8.
# Every format of check and summary, and every report export, in both languages, through the real
# CLI with a strict PYTHONIOENCODING: nothing crashes, no line anywhere reads as a command.

FORGED_NAME = "a\n::error file=x::FORGED\n.yaml"
RAW_NAME = b"n\xff.yaml"
FORGED_SHOWN = "in/a\\n::error file=x::FORGED\\n.yaml"
RAW_SHOWN = "in/n\\xff.yaml"
#: findings of examples/so-noi-vu-Q1-late.yaml (one error, five infos)
EXAMPLE_FINDINGS = 6
STRICT = {"PYTHONIOENCODING": "utf-8:strict"}
#: what the GitHub Actions runner obeys: "::" first on a line once blanks are trimmed, "##[" anywhere
RUNNER_COMMAND = re.compile(r"^\s*::|##\[", re.MULTILINE)
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def _check_formats() -> list[str]:
    from cchc_cli.render import FORMATS

    return list(FORMATS)


def _summary_formats() -> list[str]:
    """The summary formats that can go to standard output (text ones); xlsx is checked apart."""
    from cchc_cli.cli import SUMMARY_FILE_ONLY, SUMMARY_FORMATS

    return [f for f in SUMMARY_FORMATS if f not in SUMMARY_FILE_ONLY]


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """``in/`` holding the late Q1 example under both hostile names; the cwd to run in."""
    source = (Path(__file__).resolve().parents[1] / "examples" / "so-noi-vu-Q1-late.yaml").read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / FORGED_NAME).write_bytes(source)
    try:
        with open(os.path.join(os.fsencode(tmp_path / "in"), RAW_NAME), "wb") as handle:
            handle.write(source)
    except OSError as e:  # macOS and Windows file systems refuse names that are not UTF-8
        pytest.skip(f"this file system refuses a file name that is not UTF-8: {e}")
    return tmp_path


def _cli(cwd: Path, *args: str | bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], capture_output=True, cwd=cwd, env=_env(**{**STRICT, **env}),
        check=False, timeout=120,
    )


def _paths() -> tuple[bytes, bytes]:
    return b"in/" + FORGED_NAME.encode(), b"in/" + RAW_NAME


def _inert(where: str, data: bytes) -> str:
    """``data`` is UTF-8, holds no raw control character, and no line of it is a runner command."""
    assert b"Traceback" not in data, (where, data[-2000:])
    text = data.decode("utf-8")  # strict: a lone surrogate or a stray byte would raise here
    assert not CTRL_BYTES.search(data), (where, CTRL_BYTES.search(data))
    found = RUNNER_COMMAND.search(text)
    assert found is None, (where, text[max(0, found.start() - 200) : found.end() + 200])
    return text


def _sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        if UNDER_CI:
            pytest.fail(f"SARIF schema not available at {SARIF_SCHEMA}")
        return None
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def _github_lines(text: str, findings: int) -> None:
    """Every line is one of cchc's own annotations; the names are in ``file=``, escaped."""
    *lines, total = text.splitlines()
    assert len(lines) == findings, lines
    assert re.match(r"^cchc: (files checked|số tệp đã kiểm tra): 2 · ", total), total
    for line in lines:
        m = re.match(r"^::(error|warning|notice) ([^:]*)::(.*)$", line)
        assert m, line
        props = dict(prop.split("=", 1) for prop in m.group(2).split(","))
        assert set(props) <= {"file", "line", "col", "title"}, props
        assert props["file"] in (
            "in/a\\n%3A%3Aerror file=x%3A%3AFORGED\\n.yaml", "in/n\\xff.yaml",
        ), props
        assert "FORGED" not in m.group(3) and "::" not in m.group(3), line


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", _check_formats())
def test_check_with_hostile_file_names_in_every_format(named: Path, fmt: str, lang: str) -> None:
    summary = named / "step-summary.md"
    done = _cli(named, "check", *_paths(), "--lang", lang, "--format", fmt, GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 1, done.stderr  # the example's findings; neither name is a problem
    _inert(f"{fmt} stderr", done.stderr)
    if fmt == "github":
        text = done.stdout.decode("utf-8")
        assert not CTRL_BYTES.search(done.stdout) and b"Traceback" not in done.stdout
        _github_lines(text, findings=2 * EXAMPLE_FINDINGS)
        assert "FORGED" in _inert("step summary", summary.read_bytes())
        return
    text = _inert(fmt, done.stdout)
    if fmt in ("json", "gitlab", "sarif"):
        document = json.loads(text)
    if fmt == "json":  # the name exactly as given (JSON escapes the breaks); bytes as text.visible shows them
        assert [r["file"] for r in document["reports"]] == [f"in/{FORGED_NAME}", RAW_SHOWN]
    elif fmt == "gitlab":
        assert {i["location"]["path"] for i in document} == {f"in/{FORGED_NAME}", RAW_SHOWN}
    elif fmt == "sarif":
        validator = _sarif_validator()
        if validator is not None:
            errors = list(validator.iter_errors(document))
            assert not errors, errors[:3]
        uris = [a["location"]["uri"] for a in document["runs"][0]["artifacts"]]
        assert uris == ["in/a%0A%3A%3Aerror%20file%3Dx%3A%3AFORGED%0A.yaml", "in/n%FF.yaml"]  # the very bytes
    elif fmt == "junit":
        root = ET.fromstring(done.stdout)
        assert [s.get("name") for s in root.iter("testsuite")] == [FORGED_SHOWN, RAW_SHOWN]
    elif fmt == "plain":
        from cchc_cli.render.plain import LINE

        *lines, total = text.splitlines()
        matches = [LINE.match(line) for line in lines]
        assert len(matches) == 2 * EXAMPLE_FINDINGS and all(matches), text
        assert total.startswith("cchc: ") and not LINE.match(total), total
        assert {m["path"] for m in matches if m} == {FORGED_SHOWN, RAW_SHOWN}
    else:  # text, markdown: both names, each on one line
        assert FORGED_SHOWN in text.replace("\\\\", "\\")
        assert RAW_SHOWN in text.replace("\\\\", "\\")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_with_hostile_file_names_in_every_format(named: Path, lang: str) -> None:
    formats = _summary_formats()
    for fmt in formats:
        # one on stdout, the others to files: every format both ways across the loop
        others = [f"{other}={other}.out" for other in formats if other != fmt]
        done = _cli(named, "summary", "in", "-p", "Q1", "--lang", lang, "-f", fmt, *(f for o in others for f in ("-f", o)),
                    "-f", "xlsx=city.xlsx")
        # one unit and period in two files: an input error (exit 2), both names listed
        assert done.returncode == 2, done.stderr
        _inert(f"summary {fmt} stderr", done.stderr)
        outputs = {fmt: done.stdout, **{o: (named / f"{o}.out").read_bytes() for o in formats if o != fmt}}
        for name, data in outputs.items():
            text = _inert(f"summary {name}", data)
            if name == "json":
                duplicate = json.loads(text)["duplicates"][0]
                assert {duplicate["kept"], duplicate["other"]} == {f"in/{FORGED_NAME}", RAW_SHOWN}
            elif name == "csv":
                rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
                # the file column by its header: status and problem follow it since the CSV lists every unit
                file_column = rows[0].index("file")
                assert len({len(row) for row in rows}) == 1 and rows[1][file_column] in (FORGED_SHOWN, RAW_SHOWN), rows
            elif name == "markdown":  # each name a code span on one line, shown literally
                assert f"`{FORGED_SHOWN}`" in text and f"`{RAW_SHOWN}`" in text
            else:
                assert FORGED_SHOWN in text and RAW_SHOWN in text
        # the workbook: both names as text cells, shown as the other formats show them
        import openpyxl  # a test dependency (the test extra): missing, the test fails
        cells = [c for ws in openpyxl.load_workbook(named / "city.xlsx").worksheets for row in ws.iter_rows() for c in row]
        shown = {c.value for c in cells if c.data_type == "s"}
        assert FORGED_SHOWN in shown and RAW_SHOWN in shown, shown


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", [FORGED_NAME.encode(), RAW_NAME], ids=["forged", "not-utf8"])
def test_report_exports_with_hostile_file_names(named: Path, name: bytes, lang: str) -> None:
    shown = FORGED_SHOWN if name == FORGED_NAME.encode() else RAW_SHOWN
    checked = _cli(named, "check", b"in/" + name, "--lang", lang).returncode
    assert checked == 1  # findings: the report is written, and exits as 'check' does
    for ext in ("html", "svg", "txt"):
        done = _cli(named, "report", b"in/" + name, "--lang", lang, "--export", f"gap.{ext}", "--force")
        assert done.returncode == checked, done.stderr
        _inert(f"report {ext} stdout", done.stdout)
        _inert(f"report {ext} stderr", done.stderr)
        text = _inert(f"report .{ext}", (named / f"gap.{ext}").read_bytes())
        if ext == "svg":
            ET.fromstring(text)
        if ext == "txt":
            assert shown in text


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
def test_an_ascii_console_gets_escapes_not_a_traceback(named: Path, fmt: str) -> None:
    """Vietnamese on a console that says it is ASCII: stdout to a pipe stays UTF-8 (the bytes the
    file would hold, so JSON stays JSON), stderr escapes what it cannot encode."""
    done = _cli(named, "check", *_paths(), "--lang", "vi", "--format", fmt, PYTHONIOENCODING="ascii:strict")
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    text = done.stdout.decode("utf-8")
    if fmt == "json":
        assert json.loads(text)["reports"][0]["findings"][0]["message"].startswith("báo cáo Quý I")
    if fmt == "text":  # and an error message in Vietnamese, on stderr
        done = _cli(named, "check", "in/missing.yaml", "--lang", "vi", PYTHONIOENCODING="ascii:strict")
        assert done.returncode == 2 and b"Traceback" not in done.stderr
        assert "t\\u1ec7p" in done.stderr.decode("ascii")  # "tệp", escaped


# -- runner commands that need no line break -------------------------------------------------------
#
# A name that starts with "::", "##[" anywhere (the runner's legacy form), and a value that Rich
# wraps so that "::" opens the next line: each would be obeyed by the GitHub runner, and none is.

COMMAND_KEY = "##[error]FORGED ::warning::X"  # a task key: at most 40 characters
COMMAND_NAME = "::error::x.yaml"  # a file name whose plain line would start with a command
#: an agency value whose quoted form Rich must wrap right before "::error::" at 120 columns
WRAPPED_AGENCY = "x" * 40 + " ::error::WRAPPED" + "y" * 60


@pytest.mark.parametrize("fmt", _check_formats())
def test_no_format_prints_a_runner_command(tmp_path: Path, fmt: str) -> None:
    (tmp_path / COMMAND_NAME).write_text(HEAD + f"tasks:\n  {q(COMMAND_KEY)}: {{status: done, completed_on: 2021-05-01}}\n",
                                         encoding="utf-8")
    done = _cli(tmp_path, "check", COMMAND_NAME, "--lang", "en", "--format", fmt)
    assert done.returncode == 2, done.stderr  # CCHC005: no such task
    _inert(f"{fmt} stderr", done.stderr)
    if fmt == "github":  # cchc's own commands, and nothing in them the runner reads as another
        lines = done.stdout.decode("utf-8").splitlines()
        assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1]), lines
        assert lines[-1].startswith("cchc: "), lines  # the count of files: a log line, no command
        return
    text = _inert(fmt, done.stdout)
    if fmt in ("json", "gitlab", "sarif"):  # escaped in JSON's own syntax: the same strings once parsed
        assert COMMAND_KEY in "\n".join(_strings(json.loads(text))) or fmt == "sarif"
    if fmt == "junit":  # escaped as XML character references: the same text once parsed (an input error)
        assert any(COMMAND_KEY in (e.get("message") or "") for e in ET.fromstring(done.stdout).iter("error"))
    if fmt == "plain":
        assert text.startswith("./::error::x.yaml:"), text  # the same file, and not a command


def test_a_wrapped_line_never_opens_with_a_runner_command(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wrap.yaml").write_text(HEAD.replace("so-tu-phap", q(WRAPPED_AGENCY)), encoding="utf-8")
    done = _cli(tmp_path, "summary", "in", "-p", "FY", "--lang", "en", "-f", "text")
    assert done.returncode == 2, done.stderr
    text = _inert("summary text", done.stdout)
    assert "\\::error::WRAPPED" in text  # wrapped where it would have opened a line, and shown so


# -- the guards themselves -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("::error::x", "\\::error::x"),
        ("ok\n  ::warning file=a::x\nok ::x", "ok\n  \\::warning file=a::x\nok ::x"),
        ("\u00a0::x::y", "\u00a0\\::x::y"),  # the runner trims any blank, a no-break space too
        ("a ##[error]b ##[", "a ##\\[error]b ##\\["),
        ("a::b :: c ## [x]", "a::b :: c ## [x]"),
    ],
)
def test_inert(text: str, shown: str) -> None:
    from cchc_cli.text import inert

    assert inert(text) == shown
    assert not RUNNER_COMMAND.search(inert(text))


def test_dump_json_is_utf8_and_inert_and_loses_nothing_it_can_keep() -> None:
    from cchc_cli.render import dump_json

    document = {"file": "in/n\udcff.yaml", "message": "##[error]x \n::error::y", "##[k]": ["\ud800"]}
    text = dump_json(document)
    text.encode("utf-8")  # strict: no lone surrogate left
    assert not RUNNER_COMMAND.search(text)
    assert json.loads(text) == {"file": "in/n\\xff.yaml", "message": "##[error]x \n::error::y", "##[k]": ["<U+D800>"]}


@pytest.mark.parametrize(
    "name, span",
    [
        ("a.yaml", "`a.yaml`"),
        ("a`b.yaml", "``a`b.yaml``"),
        ("``x```", "```` ``x``` ````"),
        ("a\nb|c.yaml", "`a\\nb|c.yaml`"),
    ],
)
def test_markdown_code_span_shows_a_name_literally(name: str, span: str) -> None:
    from cchc_cli.render.markdown import code

    assert code(name) == span


def test_csv_neutralises_formulas_from_input_but_not_numbers() -> None:
    from cchc_cli.render.summary_csv import _cell

    assert [_cell(v) for v in (-3, 0, 12, None)] == ["-3", "0", "12", ""]
    assert [_cell(v) for v in ("=1+1", "+1", "-1", "@x", "\t=1", "\r=1", "a\n=1")] == [
        "'=1+1", "'+1", "'-1", "'@x", "\\t=1", "\\r=1", "a\\n=1",
    ]
    assert _cell("##[error]x") == "##\\[error]x"


def test_a_directory_named_like_a_legacy_runner_command_is_no_file_property(tmp_path: Path) -> None:
    # Found by the long fuzz run: GitHub's property escaping has no escape for '[', and the runner
    # obeys '##[command]' anywhere in a line.
    folder = tmp_path / "##[error]forged"
    folder.mkdir()
    (folder / "a.yaml").write_text("x: !!float 1,5\n", encoding="utf-8")
    done = _run(tmp_path, "check", "##[error]forged/a.yaml", "--lang", "en", "--format", "github")
    assert done.returncode == 2
    lines = done.stdout.decode("utf-8").splitlines()
    assert not any("##[" in each for each in lines)
    (line,) = [each for each in lines if each.startswith("::")]  # the last line counts the files
    assert "file=" not in line
    assert line.startswith("::error title=CCHC001 unreadable-file::##\\[error]forged/a.yaml: ")
