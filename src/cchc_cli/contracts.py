"""pydantic-core validators for the TypedDict contracts (progress files, configuration).

Building a validator from TypedDicts needs pydantic's schema machinery, which costs more than a
whole check; the core schema it produces is plain data, apart from the few functions of ours it
calls (date parsing, lower-casing). It is built once, cached on disk as JSON (:mod:`cchc_cli.cache`,
keyed by the defining module's source and pydantic-core's version), each function written as its
name, and later runs hand it straight to pydantic-core.

A cached schema decides what a progress file may say, so it is checked before use (see
:func:`_checked`): a name of a function is read back only into the contract's own short list,
and the top level must be the strict TypedDict schema the contract builds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

_validators: dict[tuple[str, str], Any] = {}

#: how a function is written in a cached schema: {"$function": "module:qualname"}
_FUNCTION = "$function"


def _strip(schema: Any) -> Any:
    """Drop what only JSON Schema generation needs (closures) and class references."""
    if isinstance(schema, dict):
        return {k: _strip(v) for k, v in schema.items() if k not in ("metadata", "cls")}
    if isinstance(schema, list):
        return [_strip(v) for v in schema]
    return schema


def core_schema_of(contract: Callable[[], type]) -> Any:
    from pydantic import TypeAdapter

    return _strip(TypeAdapter(contract()).core_schema)


def name_of(function: Callable[..., object]) -> str:
    return f"{function.__module__}:{function.__qualname__}"


def encode(schema: Any, functions: dict[Callable[..., object], str]) -> object:
    """A core schema as JSON data; TypeError for anything else in it (it is then not cached)."""
    if isinstance(schema, dict):
        if _FUNCTION in schema or not all(type(k) is str for k in schema):
            raise TypeError("a core schema with keys JSON cannot carry")
        return {k: encode(v, functions) for k, v in schema.items()}
    if isinstance(schema, list):
        return [encode(v, functions) for v in schema]
    if schema is None or type(schema) in (str, int, bool) or (type(schema) is float and schema == schema):
        return schema
    if callable(schema) and schema in functions:
        return {_FUNCTION: functions[schema]}
    raise TypeError(f"a core schema holds {type(schema).__name__} {schema!r}, which is not cached")


def decode(data: object, functions: dict[str, Callable[..., object]]) -> Any:
    """JSON data back into a core schema: a function only if it is one of ``functions``."""
    if type(data) is dict:
        if _FUNCTION in data:
            name = data[_FUNCTION]
            if len(data) != 1 or type(name) is not str or name not in functions:
                raise ValueError(f"{name!r} is not a function this contract calls")
            return functions[name]
        return {k: decode(v, functions) for k, v in data.items()}
    if type(data) is list:
        return [decode(v, functions) for v in data]
    return data


def _checked(schema: Any) -> Any:
    """``schema`` if its top level is what a strict TypedDict contract builds; ValueError if not.

    Every contract is a TypedDict with ``extra="forbid"``: pydantic gives a ``typed-dict`` schema
    that forbids unknown keys, wrapped in ``definitions`` when a TypedDict is used twice (the
    progress file). A planted ``{"type": "any"}``, a list, a schema that lets unknown keys
    through, or one with no fields is refused here and rebuilt from the types.

    What this does not do is prove the entry is the one the contract builds: a well-formed
    strict schema with looser fields inside would be believed. That needs write access to the
    cache directory, which :mod:`cchc_cli.cache` grants only to the user (whose own files, like
    ``~/.bashrc``, are trusted); other users' entries are never read. Either way the entry is
    only data: no pickle, no code, and no function beyond the contract's own few.
    """
    root = schema
    if type(root) is dict and root.get("type") == "definitions":
        definitions = root.get("definitions")
        if (
            root.keys() != {"type", "schema", "definitions"}
            or type(definitions) is not list
            or not all(type(d) is dict and type(d.get("ref")) is str for d in definitions)
        ):
            raise ValueError("a malformed definitions schema")
        root = root["schema"]
    if type(root) is not dict or root.get("type") != "typed-dict" or root.get("extra_behavior") != "forbid":
        raise ValueError("not a strict typed-dict schema")
    fields = root.get("fields")
    if type(fields) is not dict or not fields:
        raise ValueError("a typed-dict schema with no fields")
    if not all(type(f) is dict and f.get("type") == "typed-dict-field" for f in fields.values()):
        raise ValueError("a typed-dict schema with malformed fields")
    return schema


def validator(
    name: str,
    source: Path,
    contract: Callable[[], type],
    functions: Callable[[], Iterable[Callable[..., object]]],
    variant: str = "",
    also: Sequence[Path] = (),
) -> Any:
    """The validator of ``contract()`` (a TypedDict defined in ``source``), built once per process.

    ``functions()`` are the functions its schema calls (validators of its fields): the only ones a
    cached schema can name. One missing from the list only means the schema is not cached.
    ``variant`` tells apart contracts built from data (the progress file of each plan, by its
    digest); ``also`` are further source files the contract is built by.
    """
    slot = (name, variant)
    if slot not in _validators:
        import pydantic_core

        from cchc_cli.cache import cached, key_of

        known = tuple(functions())
        by_function = {f: name_of(f) for f in known}
        by_name = {name_of(f): f for f in known}
        # the contract's source, and this module's: how a schema is written to JSON is part of it
        key = key_of([f"{name}-schema", pydantic_core.__version__, variant], [source, Path(__file__), *also])
        schema = cached(
            f"{name}-schema",
            key,
            lambda: core_schema_of(contract),
            lambda value: encode(value, by_function),
            lambda data: _checked(decode(data, by_name)),
        )
        try:
            _validators[slot] = pydantic_core.SchemaValidator(schema)
        except Exception:  # an entry this pydantic-core no longer accepts: rebuild from the types
            _validators[slot] = pydantic_core.SchemaValidator(core_schema_of(contract))
    return _validators[slot]
