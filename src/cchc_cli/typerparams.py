"""Typer 0.29's coercion of each command-line value, without importing pydantic when the value is plain.

Typer 0.29 coerces every parameter of an invoked command through a pydantic ``TypeAdapter``, built
when the command is parsed, even for an option that was not given (its ``None`` is passed through,
but the adapter is built first). Importing pydantic and building a dozen adapters costs a run of
``cchc check FILE`` ~70 ms on the CI machine: half of what a bare Typer app costs to start
(README, "Start-up time"). The values cchc's parameters take are plain: strings, flags, paths and
choices from an enum. :func:`install` gives each such parameter a coercion that does for a plain
value what Typer's adapter does, with Typer's own functions (``coerce_cli_choice``,
``coerce_cli_path``), and hands anything else to Typer's own adapter, built only then: a value it
cannot read as plain, and every value that fails, whose error message is therefore Typer's,
word for word (and translated by :mod:`cchc_cli.clichrome` as before). ``tests/test_typerparams.py``
holds the two to the same results over every parameter of every command.

This reaches into Typer's internals (``_TyperParameter._runtime_param``, ``typer._coercion``), so
it is guarded: a parameter that does not look as 0.29 builds it is left to Typer. cchc pins Typer
to 0.29 (``pyproject.toml``), and a new minor is checked against the tests before the bound moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from typer import _coercion, _param_types


@dataclass(frozen=True)
class PlainParam(_coercion.RuntimeParam):
    """A parameter's coercion: plain values here, the rest by Typer's adapter (built on first need)."""

    leaf: str = "str"  # "str", "bool", "choice" or "path": what one value is
    is_list: bool = False
    #: Typer's own coercion, built the first time a value is not plain
    _exact: list[_coercion.RuntimeParam] = field(default_factory=list, compare=False)

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            if self.is_list:
                items = value if isinstance(value, (list, tuple)) else [value]
                return [self._plain(item, ctx) for item in items]
            return self._plain(value, ctx)
        except _NotPlain:
            return self.exact()._coerce_value(value, param=param, ctx=ctx)

    def exact(self) -> _coercion.RuntimeParam:
        """Typer's coercion of this parameter, as Typer builds it (importing pydantic)."""
        if not self._exact:
            descriptor = _coercion.resolve_type_descriptor(self.annotation, self.parameter_info)
            self._exact.append(_coercion.build_runtime_param(descriptor))
        return self._exact[0]

    def _plain(self, value: Any, ctx: Any) -> Any:
        leaf = _leaf_annotation(self.annotation) if self.is_list else self.annotation
        if self.leaf == "str" and type(value) is str:
            return value
        if self.leaf == "bool" and isinstance(value, bool):
            return value
        if self.leaf == "choice" and isinstance(value, (str, Enum)):
            choices, case_sensitive = _param_types.choice_coercion_annotation(leaf, self.parameter_info) or ((), True)
            try:
                return _param_types.coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)
            except ValueError:
                raise _NotPlain from None  # Typer's adapter says it, in its words
        if self.leaf == "path" and (type(value) is str and "\0" not in value or isinstance(value, leaf)):
            try:
                # What pydantic's Path validator makes of a string: ``leaf(value)``. Typer's checks
                # (exists, readable, ...) then run on it as they do on the adapter's.
                path = value if isinstance(value, leaf) else leaf(value)
                return _param_types.coerce_cli_path(path, self.parameter_info, path_type=leaf, ctx=ctx)
            except Exception:
                raise _NotPlain from None  # its message quotes the value as typed: Typer's own says it
        raise _NotPlain


class _NotPlain(Exception):
    """A value Typer's own coercion must judge."""


def _leaf_annotation(annotation: Any) -> Any:
    from typing import get_args

    return get_args(annotation)[0]


def _leaf_kind(annotation: Any, info: Any) -> str | None:
    if info.parser is not None:
        return None
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if _param_types.choice_coercion_annotation(annotation, info) is not None:
        return "choice"
    if isinstance(annotation, type) and issubclass(annotation, Path) and info.path_type in (None, annotation):
        return "path"
    return None


def plain_param(param: Any) -> PlainParam | None:
    """The plain coercion of ``param``, or None when Typer's own must do (a file, a number, a tuple...)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not hasattr(param, "_runtime_param") or descriptor.is_file or descriptor.is_tuple:
        return None
    annotation, info = descriptor.annotation, descriptor.parameter_info
    is_list = descriptor.is_list
    kind = _leaf_kind(_leaf_annotation(annotation) if is_list else annotation, info)
    if kind is None:
        return None
    return PlainParam(parameter_info=info, annotation=annotation, leaf=kind, is_list=is_list)


def install(command: Any) -> None:
    """Give every parameter of ``command`` and its subcommands the plain coercion where it applies."""
    _help_options()
    for param in getattr(command, "params", ()):
        _plain(param)
    for sub in getattr(command, "commands", {}).values():
        install(sub)


def _plain(param: Any) -> None:
    if getattr(param, "_runtime_param", True) is None:
        plain = plain_param(param)
        if plain is not None:
            param._runtime_param = plain


_patched: list[bool] = []


def _help_options() -> None:
    """The help option too: Click builds it when a command is first parsed, not with the command."""
    if _patched:
        return
    _patched.append(True)
    from typer._click.core import Command

    get_help_option = Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            _plain(option)
        return option

    Command.get_help_option = help_option  # type: ignore[method-assign]
