"""Issue 14: ``cchc check``'s text report laid out by :mod:`cchc_cli.render.table` is, byte for
byte, what Rich lays out — on every fixture, in both languages, with and without colour, at
narrow and wide terminals, and on generated tables of Vietnamese, wide, combining and very long
text. Where the layout declines (:class:`~cchc_cli.render.table.Unsupported`) Rich draws, so
the comparison below is of the two paths the renderer can take."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from cchc_cli import api
from cchc_cli.render import check_text, table
from cchc_cli.render.terminal import capture
from cchc_cli.text import inert

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "corpus").glob("*.yaml"))


def console(width: int, colour: bool) -> Console:
    # as commands.base.new_console makes it
    return Console(file=io.StringIO(), force_terminal=colour, no_color=not colour, color_system="auto",
                   width=width, soft_wrap=False, highlight=False)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import make_reports

    generated = tmp_path_factory.mktemp("reports")
    make_reports.generate(12, generated, seed=14)
    files = FIXTURES + sorted(generated.glob("*.yaml"))
    return [api.check(path, shown=path.name) for path in files]


@pytest.mark.parametrize("width", [50, 120])
def test_same_bytes_as_rich_on_every_fixture(reports: list, width: int) -> None:
    for colour in (False, True):
        out = console(width, colour)
        for report in reports:
            for lang in ("vi", "en"):
                rich = capture(out, *check_text.renderables(report, lang))
                assert check_text.render(report, lang, out) == rich, (report.path, lang, width, colour)


def test_own_layout_draws_the_common_case(reports: list) -> None:
    """At a pipe's 120 columns every judged fixture is drawn without Rich (else the speed-up
    would silently be lost), and the bytes are Rich's."""
    for colour in (False, True):
        out = console(120, colour)
        paint = check_text._painter(out)
        assert paint is not None
        for report in reports:
            if report.agency is None or report.period is None:
                continue
            drawn = check_text._drawn(report, "vi", 120, paint)  # raises Unsupported if it cannot
            assert drawn == capture(out, *check_text.renderables(report, "vi"))


# -- generated tables ---------------------------------------------------------------------------

# Vietnamese (NFC and NFD), wide CJK, blanks, and long unbroken runs
_ALPHABET = st.sampled_from(["a", "b", " ", " ", "ệ", "ư", "e\u0301", "中", "đ", "Ổ", "-", "9", "…"])
_TEXT = st.lists(_ALPHABET, min_size=0, max_size=60).map("".join)
_STYLE = st.sampled_from(["", "bold", "dim", "green", "red", "yellow", "bold red", "cyan"])


@st.composite
def _cells(draw: st.DrawFn) -> table.Cell:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(_TEXT)
    if kind == 1:
        return (table.Line(draw(_TEXT), draw(_STYLE), True),)
    if kind == 2:
        return (table.Line(draw(_TEXT), draw(_STYLE), False),)
    return (table.Line(draw(_TEXT), "", True), table.Line(draw(_TEXT), draw(_STYLE), False))


def _rich_cell(cell: table.Cell) -> str | Text:
    if isinstance(cell, str):
        return cell
    first, *rest = cell
    text = Text(first.text, style=first.style) if first.whole else Text().append(first.text, style=first.style)
    for line in rest:
        text.append(f"\n{line.text}", style=line.style)
    return text


@st.composite
def _tables(draw: st.DrawFn) -> table.Table:
    n = draw(st.integers(1, 5))
    columns = [
        table.Column(draw(_TEXT), no_wrap=draw(st.booleans()), max_width=draw(st.sampled_from([None, None, 8, 44])),
                     overflow=draw(st.sampled_from(["ellipsis", "ellipsis", "fold", "crop"])))
        for _ in range(n)
    ]
    rows = draw(st.lists(st.lists(_cells(), min_size=n, max_size=n), max_size=4))
    return table.Table(columns, rows, title=draw(_TEXT))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.integers(8, 130), st.booleans())
def test_generated_tables_match_rich(drawn: table.Table, width: int, colour: bool) -> None:
    out = console(width, colour)
    rich = RichTable(title=drawn.title, box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for column in drawn.columns:
        rich.add_column(column.header, no_wrap=column.no_wrap, max_width=column.max_width, overflow=column.overflow)  # type: ignore[arg-type]
    for row in drawn.rows:
        rich.add_row(*(_rich_cell(cell) for cell in row))
    paint = check_text._painter(out)
    assert paint is not None
    try:
        lines = drawn.draw(width, paint)
    except table.Unsupported:
        return  # Rich draws it
    assert inert("\n".join(line.rstrip(" ") for line in lines) + "\n") == capture(out, rich)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_TEXT, _STYLE), min_size=1, max_size=4), st.integers(5, 130), st.booleans(), st.integers(0, 4))
def test_generated_lines_match_rich(parts: list[tuple[str, str]], width: int, colour: bool, indent: int) -> None:
    """A finding's head (spans on one line) and the lines indented under it."""
    from rich.padding import Padding

    out = console(width, colour)
    paint = check_text._painter(out)
    assert paint is not None
    head = Text()
    for text, style in parts:
        head.append(text, style=style or None)
    expected = capture(out, head, Padding(Text(parts[0][0], style=parts[0][1]), (0, 0, 0, indent)))
    lines = table.runs(parts, width, paint) + table.paragraph([parts[0]], width, paint, indent=indent)
    assert inert("\n".join(line.rstrip(" ") for line in lines) + "\n") == expected


def test_what_it_cannot_draw_rich_draws() -> None:
    """Markup in a plain cell, a control character, a console Rich colours otherwise: refused."""
    paint = table.Painter(colour=True)
    with pytest.raises(table.Unsupported):
        table.Table([table.Column("[bold]x")], []).draw(80, paint)
    with pytest.raises(table.Unsupported):
        table.paragraph([("a\x07b", "")], 80, paint)
    assert check_text._painter(Console(file=io.StringIO(), force_terminal=True, no_color=True)) is None


ENVIRONMENTS = [
    {}, {"TERM": "dumb"}, {"TERM": "unknown"}, {"TERM": "DUMB"}, {"TERM": "xterm-256color"}, {"TERM": "xterm-kitty"},
    {"TERM": "xterm-16color"}, {"TERM": "xterm", "COLORTERM": "truecolor"}, {"TERM": "dumb", "LINES": "40"},
    {"TERM": "unknown", "LINES": "x"}, {"COLORTERM": " 24BIT "}, {"FORCE_COLOR": "1", "TERM": "dumb"},
    {"NO_COLOR": "1", "TTY_COMPATIBLE": "1"},
]


@pytest.mark.parametrize("environ", ENVIRONMENTS)
@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("width", [37, 120])
def test_a_screen_reads_stdout_as_richs_console_does(environ: dict[str, str], colour: bool, width: int) -> None:
    """The text report's layout reads a :class:`Screen` without making Rich's console; what it
    reads is what that console says, in every environment that changes it."""
    from cchc_cli.render.terminal import Screen

    screen = Screen(colour=colour, width=width, environ=environ)
    seen = (screen.width, screen.color_system, screen.no_color, screen.encoding, screen.legacy_windows)
    assert "console" not in vars(screen)  # none of the above made the console
    rich = screen.console
    assert seen == (rich.width, rich.color_system, rich.no_color, rich.encoding, rich.legacy_windows)
    assert check_text._painter(screen) == check_text._painter(rich)


def test_the_total_line_is_drawn_as_rich_prints_it() -> None:
    """The run's last line, drawn by the layout, is Rich's print of it, wrapped or not, coloured or not."""
    from cchc_cli.models.report import RunCounts, Severity
    from cchc_cli.numbers import count
    from cchc_cli.render.common import RenderOptions, run_totals

    counts = RunCounts(files=12_345, errors=3, warnings=1, infos=2, waived=1, input_errors=1)
    for colour in (False, True):
        for width in (30, 120):
            for lang in ("vi", "en"):
                options = RenderOptions(lang, Severity.error, console(width, colour))
                words = f"{check_text.t('check.files', lang)}: {count(counts.files, lang)} · " + " · ".join(run_totals(counts, lang))
                assert check_text.stream_tail(counts, options) == capture(options.console, Text(words, style="bold"))


def test_a_screen_falls_back_to_rich_where_the_layout_declines(reports: list, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the layout refuses a report, the screen makes Rich's console and Rich draws it, as before."""
    from cchc_cli.render.terminal import Screen

    def declines(*args: object) -> str:
        raise table.Unsupported("as a shape it does not model would")

    report = next(r for r in reports if r.agency is not None and r.period is not None)
    drawn = check_text.render(report, "en", Screen(colour=False, width=80, environ={}))
    monkeypatch.setattr(check_text, "_drawn", declines)
    screen = Screen(colour=False, width=80, environ={})
    assert check_text.render(report, "en", screen) == drawn == capture(console(80, False), *check_text.renderables(report, "en"))
    assert "console" in vars(screen)
