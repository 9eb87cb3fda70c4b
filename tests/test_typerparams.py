"""cchc's plain coercion of command-line values gives what Typer's pydantic adapters give, or defers to them.

Every parameter of every command (the root's, each command's, each plan view's, the help options)
is coerced twice over a set of values, plain and awkward: by :mod:`cchc_cli.typerparams` and by
the adapter Typer 0.29 builds for it. Results must be equal and of the same type; a value one
rejects, the other rejects with the same message. A run of ``cchc check`` then must not import
pydantic through Typer (the point of the module).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from typer import _click
from typer._coercion import build_runtime_param
from typer.main import get_command

from conftest import modules_after
from cchc_cli import typerparams
from cchc_cli.cli import app
from cchc_cli.commands import COMMANDS, load

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "so-tu-phap-FY.yaml"


def _params() -> list[tuple[str, Any, Any]]:
    found: list[tuple[str, Any, Any]] = []

    def walk(command: Any, path: str) -> None:
        ctx = _click.Context(command, info_name=path)
        for param in [*command.params, command.get_help_option(ctx)]:
            if param is not None and hasattr(param, "type_descriptor"):
                found.append((f"{path} {param.name}", command, param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    root = get_command(app)
    typerparams.install(root)
    walk(root, "cchc")
    for entry in COMMANDS:
        walk(load(entry.name), entry.name)
    return found


PARAMS = _params()


def _values(param: Any, tmp: Path) -> list[Any]:
    (tmp / "file.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp / "dir").mkdir(exist_ok=True)
    paths = [str(tmp / "file.yaml"), str(tmp / "dir"), str(tmp / "missing.yaml"), "./rel/../x.yaml", "-", "", "a\0b"]
    plain = ["vi", "EN", "Never", "json", "table", "error", "zz", "", "1", "true", "no", " 7 ", *paths]
    annotation = param.type_descriptor.annotation
    enum = annotation if isinstance(annotation, type) and issubclass(annotation, Enum) else None
    leaf = [*plain, *(list(enum) if enum else []), True, False, 3, Path("p.yaml"), b"bytes"]
    return [*leaf, tuple(plain[:3]), list(paths[:3]), ("zz",), (), [Path("a"), "b"]]


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except _click.exceptions.ClickException as e:
        return "error", (type(e).__name__, e.format_message())
    return "value", (type(got).__name__, got)


@pytest.mark.parametrize(("name", "command", "param"), PARAMS, ids=[name for name, _, _ in PARAMS])
def test_plain_coercion_is_typers(name: str, command: Any, param: Any, tmp_path: Path) -> None:
    plain = typerparams.plain_param(param)
    exact = build_runtime_param(param.type_descriptor)
    if plain is None:
        # Only what cchc has no plain reading for is left to Typer: --remind (an int in a range).
        assert param.type_descriptor.annotation is int, name
        return
    ctx = _click.Context(command, info_name="cchc")
    for value in _values(param, tmp_path):
        assert _outcome(plain, value, param, ctx) == _outcome(exact, value, param, ctx), (name, value)


def test_every_parameter_of_the_measured_commands_is_plain() -> None:
    # The start-up aims (README, "Start-up time") depend on it: a new parameter of a kind this
    # module does not read would bring pydantic back into every run of its command.
    for name, _, param in PARAMS:
        if name.split()[0] in ("cchc", "check", "plan") and "calendar" not in name:
            assert typerparams.plain_param(param) is not None, name


@pytest.mark.parametrize(
    "args",
    [("check", str(EXAMPLE), "-f", "json"), ("plan", "tasks"), ("check", str(EXAMPLE), "--lang", "en", "--fail-on", "warning")],
)
def test_a_run_does_not_import_pydantic_through_typer(args: tuple[str, ...]) -> None:
    modules, result = modules_after(*args)
    assert result.returncode in (0, 1), result.stderr
    assert "typer._adapters" not in modules


def test_a_bad_value_still_gets_typers_message() -> None:
    # The plain path defers to Typer's adapter for a value it rejects: the message is Typer's.
    from typer.testing import CliRunner

    fail_on = next(p for p in load("check").params if p.name == "fail_on")
    assert isinstance(fail_on._runtime_param, typerparams.PlainParam)
    result = CliRunner().invoke(app, ["--lang", "en", "check", str(EXAMPLE), "--fail-on", "fatal"])
    assert result.exit_code == 2
    assert "Invalid value for '--fail-on'" in result.output and "'fatal' is not one of" in result.output
