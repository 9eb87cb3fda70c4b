"""The command layer is lazy: a run imports the module of its own command and no other's.

Each case runs cchc as a real process (the console script's entry point) and lists the command
modules that process imported, so that a module-level import that drags every command back in
fails here, not only in a benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import known_env, modules_after

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "so-tu-phap-FY.yaml"


def _loaded(*args: str, env: dict[str, str] | None = None) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The command modules (``check``, ``plan`` …) a run of ``cchc ARGS`` imported."""
    modules, result = modules_after(*args, env=env)
    return {m.rpartition(".")[2] for m in modules if m.startswith("cchc_cli.commands.")}, result


def test_root_help_imports_no_command_module() -> None:
    loaded, result = _loaded("--help")
    assert result.returncode == 0 or "LOADED" in result.stderr
    # every command is listed all the same
    for name in ("check", "config", "report", "summary", "init", "rules", "plan", "schema"):
        assert f" {name} " in result.stdout
    assert loaded == {"base"}


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("check", str(EXAMPLE), "-f", "json"), "check"),
        (("plan", "tasks", "-f", "json"), "plan"),
        (("rules", "-f", "json"), "rules"),
        (("summary", "--help"), "summary"),
    ],
)
def test_a_command_imports_its_own_module_only(args: tuple[str, ...], module: str) -> None:
    loaded, result = _loaded(*args)
    assert result.returncode in (0, 1), result.stderr
    assert loaded - {"base", "judging"} == {module}


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1"}])
def test_check_file_in_text_draws_without_richs_console_or_tables(env: dict[str, str]) -> None:
    """The text report of one file is drawn by cchc_cli.render.table: neither Rich's console
    (~20 ms to make) nor its tables are imported when that layout suffices (issue 14)."""
    modules, result = modules_after("check", str(EXAMPLE), env=env, no_color=False)
    assert result.returncode == 0, result.stderr
    assert "Tổng cộng" in result.stdout  # the report and its total line were drawn
    assert ("\x1b[" in result.stdout) == ("FORCE_COLOR" in env)
    loaded = {m for m in modules if m.startswith("rich.")}
    assert loaded, "the probe sees Rich's modules (the layout uses rich.cells)"
    assert not loaded & {"rich.console", "rich.table", "rich.text", "rich.padding", "rich.box"}, sorted(loaded)


def test_completing_command_names_imports_no_command_module() -> None:
    loaded, result = _loaded(env={"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": "cchc ", "COMP_CWORD": "1"})
    assert result.stdout.split() == ["check", "config", "report", "summary", "init", "rules", "plan", "schema"]
    assert loaded == {"base"}


def test_completing_a_commands_options_loads_that_command() -> None:
    loaded, result = _loaded(env={"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": "cchc check --fa", "COMP_CWORD": "2"})
    assert result.stdout.split() == ["--fail-on"]
    assert "check" in loaded and "summary" not in loaded


LISTING = (
    "import json\n"
    "from typer.main import get_command\n"
    "from cchc_cli import uilang\n"
    "uilang.set_lang(uilang.decide([]))\n"
    "from cchc_cli.cli import app\n"
    "from cchc_cli.commands import COMMANDS, LazyGroup, load\n"
    "root = get_command(app)\n"
    "assert isinstance(root, LazyGroup)\n"
    "rows = [(e.name, list(e.help), root.get_command(None, e.name).help, load(e.name).help, load(e.name).name)\n"
    "        for e in COMMANDS]\n"
    "print(json.dumps({'order': root.list_commands(None), 'rows': rows}))\n"
)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_listing_says_what_each_command_says_of_itself(lang: str) -> None:
    # The root lists stand-ins; each must carry the help of the command it stands for. A process
    # per language: helps are picked when a command's module is imported.
    result = subprocess.run(
        [sys.executable, "-c", LISTING], capture_output=True, text=True, timeout=60, cwd=REPO,
        env=known_env(CCHC_LANG=lang),
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["order"] == ["check", "config", "report", "summary", "init", "rules", "plan", "schema"]
    for name, pair, listed, real, real_name in seen["rows"]:
        assert listed == real == pair[0 if lang == "vi" else 1], name
        assert real_name == name
