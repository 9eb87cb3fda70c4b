"""A judging run's settings, parsed once (commands.judging.run_settings), and the one "cannot write" wording.

Precedence for every value: the command line over the settings file over the default; ``summary``
takes none of the settings' ``format:`` (that key is ``check``'s).
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from cchc_cli.commands.base import Lang, state
from cchc_cli.commands.judging import FailOn, RunSettings, run_settings
from cchc_cli.models.report import Severity

SETTINGS = """\
fail-on: warning
lang: en
format: [plain]
exclude: [drafts]
severity:
  CCHC203: off
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".cchc.yaml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("CCHC_NO_CONFIG", "CCHC_TODAY", "CCHC_LANG", "CCHC_PLAN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(state, "lang", None)
    return tmp_path


def test_the_settings_file_beats_the_defaults(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_settings(lang=None, plan=None, fail_on=None, severity=None, fmt=[], exclude=[])
    assert (run.lang, run.fail_on, run.plan_path) == ("en", Severity.warning, None)
    assert run.formats == ("plain",) and run.exclude == ("drafts",)
    assert run.severity == {"CCHC203": None}
    assert run.config.path == repo / ".cchc.yaml"
    assert state.lang == "en"  # the language of the run's error messages, set in this one place
    assert "CCHC203" in capsys.readouterr().err  # a rule turned off is never hidden


def test_flags_beat_the_settings_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_settings(lang=Lang.vi, plan=Path("other.yaml"), fail_on=FailOn.info, severity=["CCHC203=error"],
                       fmt=["json"], exclude=["old"], say_off=False)
    assert (run.lang, run.fail_on, run.plan_path) == ("vi", Severity.info, Path("other.yaml"))
    assert run.formats == ("json",) and run.exclude == ("old",)
    assert run.severity == {"CCHC203": Severity.error}
    assert capsys.readouterr().err == ""


def test_summary_takes_its_formats_from_its_flags_only(repo: Path) -> None:
    assert run_settings(lang=None, plan=None, fail_on=None, severity=None, fmt=None, fmt_in_settings=False).formats == ()
    run = run_settings(lang=None, plan=None, fail_on=None, severity=None, fmt=["csv"], fmt_in_settings=False)
    assert run.formats == ("csv",)


def test_the_defaults_without_a_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CCHC_TODAY", "2021-12-31")
    run = run_settings(lang=None, plan=None, fail_on=None, severity=None)
    assert (run.lang, run.fail_on, run.formats, run.waivers) == ("vi", Severity.error, (), ())
    assert str(run.today) == "2021-12-31"


def test_run_settings_cannot_be_changed_after_parsing(repo: Path) -> None:
    run = run_settings(lang=None, plan=None, fail_on=None, severity=None, say_off=False)
    assert isinstance(run, RunSettings)
    with pytest.raises(AttributeError):
        run.lang = "vi"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("target", "en", "vi"),
    [
        (None, "standard output cannot be written: no space left on the device",
         "đầu ra chuẩn không ghi được: "),
        ("out.sarif", "--format sarif: out.sarif cannot be written: no space left on the device",
         "--format sarif: out.sarif không ghi được: "),
    ],
)
def test_one_wording_for_an_output_that_cannot_be_written(target: str | None, en: str, vi: str) -> None:
    from cchc_cli.outputs import Target, cannot_write
    from cchc_cli.yamlio import os_problem

    full = OSError(errno.ENOSPC, "No space left on device")
    error = cannot_write(Target(Path(target), "--format sarif") if target else None, full)
    message, _ = error.localized("en")
    assert message == en.replace("no space left on the device", os_problem(full).en)
    assert error.localized("vi")[0] == vi + os_problem(full).vi
    assert "No space left on device" not in message  # never the C library's English
