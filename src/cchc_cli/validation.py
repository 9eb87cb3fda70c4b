"""Turns pydantic's validation errors into located, readable problems.

pydantic reports a path into the data (``('tasks', 5, 'deadline')``); the document that the data
came from turns that path into a line and column. Messages lose pydantic's internal prefixes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cchc_cli.location import SourceLocation

if TYPE_CHECKING:
    from pydantic_core import ValidationError

    from cchc_cli.yamlio import Document

MAX_DETAILS = 20


def dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


AllowedKeys = Callable[[tuple[Any, ...]], "list[str] | None"]


def did_you_mean(word: str, choices: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _message(error: Any, allowed_keys: AllowedKeys | None) -> str:
    msg = str(error.get("msg", "invalid value"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    loc = tuple(error.get("loc", ()))
    if error.get("type") == "extra_forbidden":
        msg = "unknown key"
        allowed = allowed_keys(loc[:-1]) if allowed_keys and loc else None
        if allowed:
            guess = did_you_mean(str(loc[-1]), allowed)
            msg += f"; did you mean {guess!r}?" if guess else f"; expected one of {', '.join(allowed)}"
    elif error.get("type") == "missing":
        msg = "required key is missing"
    elif "input" in error and error["input"] is None and str(error.get("type", "")).endswith("_type"):
        msg = f"no value: fill it in ({msg[0].lower() + msg[1:]})"
    elif error.get("type") in ("int_type", "int_parsing", "int_from_float") and isinstance(error.get("input"), (str, float)):
        msg = f"{msg} (got {error['input']!r}: write a whole count such as 45, without '%', ',' or '.')"
    return msg


def located_problems(
    err: ValidationError, doc: Document, allowed_keys: AllowedKeys | None = None
) -> list[tuple[SourceLocation, str]]:
    """One (location, 'where: what') pair per pydantic error, in file order.

    ``allowed_keys(parent_loc)`` names the keys a mapping may hold, for "did you mean" on an
    unknown key. A missing key is located at its parent's key.
    """
    problems: list[tuple[SourceLocation, str]] = []
    seen: set[tuple[int | None, str]] = set()
    for error in err.errors(include_url=False):
        loc = tuple(error.get("loc", ()))
        # Union members and validator names appear in ``loc`` as strings that are not keys of
        # the data; the document walk stops at the deepest real key, which is what we want.
        where = doc.locate([p for p in loc if isinstance(p, (str, int))])
        text = f"{dotted(loc)}: {_message(error, allowed_keys)}" if loc else _message(error, allowed_keys)
        key = (where.line, text)
        if key not in seen:
            seen.add(key)
            problems.append((where, text))
    problems.sort(key=lambda p: (p[0].line or 0, p[0].column or 0))
    return problems


def details_of(problems: list[tuple[SourceLocation, str]]) -> tuple[tuple[SourceLocation | None, str], ...]:
    return tuple(problems[1 : 1 + MAX_DETAILS])
