"""pydantic-core validators for the TypedDict contracts (progress files, configuration).

Building a validator from TypedDicts needs pydantic's schema machinery, which costs more than a
whole check; the core schema it produces is plain data. It is built once, cached on disk
(:mod:`cchc_cli.cache`, keyed by the defining module's source and pydantic-core's version) and
later runs hand it straight to pydantic-core.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

_validators: dict[str, Any] = {}


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


def validator(name: str, source: Path, contract: Callable[[], type]) -> Any:
    """The validator of ``contract()`` (a TypedDict defined in ``source``), built once per process."""
    if name not in _validators:
        import pydantic_core

        from cchc_cli.cache import cached, key_of

        key = key_of([f"{name}-schema", pydantic_core.__version__], [source])
        schema = cached(f"{name}-schema", key, lambda: core_schema_of(contract))
        try:
            _validators[name] = pydantic_core.SchemaValidator(schema)
        except Exception:  # an entry this pydantic-core no longer accepts: rebuild from the types
            _validators[name] = pydantic_core.SchemaValidator(core_schema_of(contract))
    return _validators[name]
