"""The format registry (cchc_cli.formats) is the one source of every list of formats.

Each member has its row of traits and a renderer module that satisfies its protocol (mypy checks the
same through ``check_renderer``'s ``match``; these tests check it at run time too, and that the
command line, completion and settings schema say what the registry says).
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cchc_cli import formats, render
from cchc_cli.formats import CHECK_TRAITS, SUMMARY_TRAITS, CheckFormat, SummaryFormat
from cchc_cli.render import CheckRenderer, HeadLastRenderer, SectionedRenderer, StreamRenderer

runner = CliRunner()


def test_every_member_has_a_row_and_no_row_is_stray() -> None:
    assert list(CHECK_TRAITS) == list(CheckFormat)
    assert list(SUMMARY_TRAITS) == list(SummaryFormat)


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_check_format_has_a_renderer_of_its_kind(fmt: CheckFormat) -> None:
    module = render.check_renderer(fmt)
    assert isinstance(module, CheckRenderer)
    assert module.__name__.startswith("cchc_cli.render.")  # type: ignore[attr-defined]
    if fmt.streamed:
        streamer = render.stream_renderer(fmt)
        assert streamer is module
        assert isinstance(streamer, StreamRenderer | HeadLastRenderer | SectionedRenderer)
    else:
        with pytest.raises(ValueError, match="not a streamed format"):
            render.stream_renderer(fmt)


def test_only_junit_writes_its_head_last() -> None:
    last = [f for f in CheckFormat if f.streamed and isinstance(render.stream_renderer(f), HeadLastRenderer)]
    assert last == [CheckFormat.junit]


def test_only_github_writes_its_lines_in_sections() -> None:
    sectioned = [f for f in CheckFormat if f.streamed and isinstance(render.stream_renderer(f), SectionedRenderer)]
    assert sectioned == [CheckFormat.github]


@pytest.mark.parametrize("fmt", list(SummaryFormat))
def test_every_summary_format_has_a_renderer(fmt: SummaryFormat) -> None:
    from rich.console import Console

    assert callable(render.summary_renderer(fmt, Console()))


def test_the_text_summary_refuses_to_run_without_a_console() -> None:
    with pytest.raises(ValueError, match="console"):
        render.summary_renderer(SummaryFormat.text)


def test_the_derived_names_follow_the_traits() -> None:
    assert render.FORMATS == ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "plain")
    assert render.QUIET_FORMATS == {"text", "plain", "github"}
    assert render.STREAMED == {"text", "json", "plain", "sarif", "junit", "github", "gitlab", "markdown"}
    assert render.SUMMARY_FORMATS == ("text", "json", "csv", "markdown", "xlsx")
    assert render.SUMMARY_FILE_ONLY == ("xlsx",)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_help_lists_every_format_in_order(lang: str) -> None:
    listed = formats.check_help(lang).rsplit(". ", 1)[1].split(" | ")
    assert listed == [f.value for f in CheckFormat]


@pytest.mark.parametrize(("lang", "path"), [("vi", "TỆP"), ("en", "PATH")])
def test_summary_help_marks_the_file_only_formats(lang: str, path: str) -> None:
    listed = formats.summary_help(lang).split(";", 1)[0].split(" | ")
    assert listed == [f"{f}={path}" if f.file_only else f.value for f in SummaryFormat]


def test_settings_accept_exactly_the_check_formats() -> None:
    pattern = re.compile(formats.settings_pattern())
    for fmt in CheckFormat:
        assert pattern.match(fmt.value) and pattern.match(f"{fmt}=out/report.{fmt}")
    for other in ("xlsx", "csv", "html", "text=\n"):
        assert not pattern.match(other), other


def test_an_unknown_format_names_the_registry_in_its_order() -> None:
    from cchc_cli.errors import UsageError

    with pytest.raises(UsageError) as caught:
        render.parse_format_specs(["yaml"], SummaryFormat)
    assert "text, json, csv, markdown, xlsx" in str(caught.value.hint.en if caught.value.hint else None)
    parsed = render.parse_format_specs([" SARIF=out.sarif", "text"], CheckFormat)
    assert [name for name, _ in parsed] == [CheckFormat.sarif, CheckFormat.text]
    assert all(isinstance(name, CheckFormat) for name, _ in parsed)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("cchc check -f ", [f.value for f in CheckFormat]),
        ("cchc summary -p FY -f ", ["text", "json", "csv", "markdown", "xlsx="]),
    ],
)
def test_completion_offers_the_registry(words: str, expected: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_cli.cli import app

    monkeypatch.setenv("_CCHC_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split())))
    result = runner.invoke(app, [], prog_name="cchc")
    assert result.stdout.split() == expected
