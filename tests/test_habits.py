"""The command-line habits people bring: ``check -`` (standard input), ``-q``, ``--color``.

Through a real process, since each is about a stream: what stdin holds, whether stdout is a pipe.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, _colour
from cchc_cli.yamlio import MAX_FILE_BYTES

from conftest import known_env

REPO = Path(__file__).resolve().parents[1]
LATE = REPO / "examples" / "so-noi-vu-Q1-late.yaml"  # one error (CCHC401) and some info
PASSING = REPO / "examples" / "so-tu-phap-FY.yaml"


def _env(**extra: str) -> dict[str, str]:
    env = known_env()
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep) if p)
    env.update(extra)
    return env


def cchc(*args: str, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cchc_cli", *args], input=stdin, cwd=REPO, capture_output=True, env=_env(**env), timeout=120
    )


# -- cchc check - ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "plain", "github", "gitlab", "junit", "markdown", "sarif"])
def test_stdin_is_checked_and_named_stdin_in_every_format(fmt: str) -> None:
    result = cchc("check", "-", "--format", fmt, stdin=LATE.read_bytes())
    assert result.returncode == EXIT_FINDINGS, result.stderr
    out = result.stdout.decode()
    assert "CCHC401" in out or "report-late" in out or "muộn" in out
    shown = {"junit": "&lt;stdin&gt;", "markdown": "&lt;stdin&gt;", "sarif": "%3Cstdin%3E"}.get(fmt, "<stdin>")
    assert shown in out
    assert f"{REPO}/-" not in out and '"-"' not in out  # no made-up path for the stream


def test_stdin_gives_the_same_findings_as_the_file() -> None:
    from_file = json.loads(cchc("check", str(LATE), "-f", "json").stdout)
    from_stdin = json.loads(cchc("check", "-", "-f", "json", stdin=LATE.read_bytes()).stdout)
    strip = lambda doc: [(f["rule"], f["subject"], f["location"]["line"]) for f in doc["findings"]]  # noqa: E731
    assert strip(from_stdin) == strip(from_file)


def test_stdin_beside_files() -> None:
    result = cchc("check", str(PASSING), "-", "-f", "plain", stdin=LATE.read_bytes())
    assert result.returncode == EXIT_FINDINGS
    assert "files checked: 2" in result.stdout.decode() or "số tệp đã kiểm tra: 2" in result.stdout.decode()
    assert "<stdin>:8:1: error CCHC401" in result.stdout.decode()


def test_stdin_named_twice_is_a_usage_error() -> None:
    result = cchc("check", "-", "-", "--lang", "en", stdin=LATE.read_bytes())
    assert result.returncode == EXIT_INPUT
    assert "standard input" in result.stderr.decode() and "more than once" in result.stderr.decode()
    assert result.stdout == b""


def test_stdin_is_bounded_like_a_file() -> None:
    big = b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n"
    result = cchc("check", "-", "-f", "json", "--lang", "en", stdin=big)
    assert result.returncode == EXIT_INPUT
    report = json.loads(result.stdout)
    assert report["file"] == "<stdin>"
    assert [f["rule"] for f in report["findings"]] == ["CCHC001"]
    assert "limit" in report["findings"][0]["message"]


def test_empty_stdin_is_an_input_error_not_a_crash() -> None:
    result = cchc("check", "-", "--lang", "en")
    assert result.returncode == EXIT_INPUT
    assert "<stdin>" in result.stderr.decode()


def test_a_file_called_dash_is_named_dot_slash_dash(tmp_path: Path) -> None:
    (tmp_path / "-").write_bytes(LATE.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "check", "./-", "-f", "plain"], input=b"", cwd=tmp_path,
        capture_output=True, env=_env(), timeout=120,
    )
    assert result.returncode == EXIT_FINDINGS, result.stderr
    assert "<stdin>" not in result.stdout.decode()
    assert "error CCHC401" in result.stdout.decode()


# -- -q / --quiet ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "plain", "github"])
def test_quiet_prints_nothing_when_the_run_passes(fmt: str) -> None:
    result = cchc("check", "-q", str(PASSING), "-f", fmt)
    assert result.returncode == EXIT_OK
    assert result.stdout == b"" and result.stderr == b""


def test_quiet_passing_says_nothing_even_of_rules_turned_off() -> None:
    result = cchc("check", "--quiet", str(PASSING), "--severity", "CCHC203=off")
    assert result.returncode == EXIT_OK
    assert result.stdout == b"" and result.stderr == b""


@pytest.mark.parametrize("fmt", ["text", "plain", "github"])
def test_quiet_shows_only_the_findings_at_or_above_fail_on(fmt: str) -> None:
    loud = cchc("check", str(LATE), "-f", "plain").stdout.decode()
    assert " info " in loud  # the file has info findings, which quiet leaves out
    result = cchc("check", "-q", str(LATE), "-f", fmt)
    assert result.returncode == EXIT_FINDINGS
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1 and "CCHC401" in lines[0]
    assert "cchc:" not in result.stdout.decode() and "CCHC104" not in result.stdout.decode()
    # and with a lower threshold, the info findings fail the run and are shown
    lower = cchc("check", "-q", str(LATE), "-f", "plain", "--fail-on", "info").stdout.decode().splitlines()
    assert len(lower) == len([line for line in loud.splitlines() if not line.startswith("cchc:")])


def test_quiet_leaves_document_formats_whole() -> None:
    loud = json.loads(cchc("check", str(LATE), "-f", "json").stdout)
    quiet = json.loads(cchc("check", "-q", str(LATE), "-f", "json").stdout)
    assert quiet == loud


def test_quiet_still_reports_a_broken_file() -> None:
    result = cchc("check", "-q", "-", "--lang", "en", stdin=b"a: [1, 2\n")
    assert result.returncode == EXIT_INPUT
    assert "<stdin>" in (result.stdout + result.stderr).decode()
    assert "CCHC001" in result.stdout.decode()


@pytest.mark.parametrize(
    ("lang", "word", "foreign"),
    [("vi", "lỗi", ("error", "warning", "info")), ("en", "error", ("lỗi", "cảnh báo", "thông tin"))],
)
def test_quiet_text_says_the_severity_in_the_users_language(lang: str, word: str, foreign: tuple[str, ...]) -> None:
    result = cchc("check", "-q", str(LATE), "--fail-on", "info", "--lang", lang)
    assert result.returncode == EXIT_FINDINGS
    lines = result.stdout.decode().splitlines()
    assert lines and any(f": {word} CCHC401 " in line for line in lines)
    info = "thông tin" if lang == "vi" else "info"
    assert any(f": {info} CCHC" in line for line in lines)  # the info findings, in words too
    for line in lines:
        head = line.split(" CCHC", 1)[0]  # path:line:col: severity — the message may quote anything
        assert not any(head.endswith(f": {w}") for w in foreign), line


def test_plain_keeps_the_english_severity_tokens_for_parsers_in_vietnamese() -> None:
    from cchc_cli.render.plain import LINE

    for quiet in ([], ["-q"]):
        out = cchc("check", *quiet, str(LATE), "-f", "plain", "--fail-on", "info", "--lang", "vi").stdout.decode()
        findings = [line for line in out.splitlines() if not line.startswith("cchc:")]
        assert findings and all(LINE.match(line) for line in findings), out
        assert "<stdin>" not in out and f"{LATE.name}:8:1: error CCHC401" in out


# -- --color -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "environ", "tty", "expected"),
    [
        (None, {}, True, True),
        (None, {}, False, False),
        (None, {"NO_COLOR": "1"}, True, False),
        (None, {"NO_COLOR": ""}, True, True),  # empty is unset
        (None, {"FORCE_COLOR": "1"}, False, True),
        (None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),  # a flag beats the environment
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {}, False, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
    ],
)
def test_colour_decision(flag: str | None, environ: dict[str, str], tty: bool, expected: bool) -> None:
    assert _colour(flag, environ, tty) is expected


ESC = b"\x1b["


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        (("check",), {}, False),  # a pipe, as today
        (("check", "--color", "always"), {}, True),
        (("check", "--color", "always"), {"TERM": "dumb"}, True),
        (("check", "--color", "always"), {"NO_COLOR": "1"}, True),
        (("check",), {"FORCE_COLOR": "1"}, True),
        (("check",), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (("check", "--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "always", "check"), {}, True),
        (("--color", "always", "check", "--color", "never"), {}, False),
    ],
)
def test_colour_through_a_pipe(args: tuple[str, ...], env: dict[str, str], coloured: bool) -> None:
    result = cchc(*args, str(LATE), TERM=env.pop("TERM", "xterm-256color"), **env)
    assert result.returncode == EXIT_FINDINGS, result.stderr
    assert (ESC in result.stdout) is coloured
    assert ESC not in result.stderr


def test_global_colour_reaches_other_commands() -> None:
    result = cchc("--color", "always", "plan", "info", TERM="xterm-256color")
    assert result.returncode == EXIT_OK
    assert ESC in result.stdout
    assert ESC not in cchc("plan", "info", TERM="xterm-256color", FORCE_COLOR="1", NO_COLOR="1").stdout


def test_colour_never_touches_line_formats() -> None:
    result = cchc("check", "--color", "always", str(LATE), "-f", "plain")
    assert ESC not in result.stdout
