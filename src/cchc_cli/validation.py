"""Turns pydantic's validation errors into located, readable problems.

pydantic reports a path into the data (``('tasks', 5, 'deadline')``); the document that the data
came from turns that path into a line and column. Messages lose pydantic's internal prefixes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cchc_cli.location import SourceLocation

if TYPE_CHECKING:
    from pydantic import ValidationError

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


def _message(error: Any) -> str:
    msg = str(error.get("msg", "invalid value"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if error.get("type") == "extra_forbidden":
        msg = "unknown key"
    elif error.get("type") == "missing":
        msg = "required key is missing"
    return msg


def located_problems(
    err: ValidationError, doc: Document
) -> list[tuple[SourceLocation, str]]:
    """One (location, 'where: what') pair per pydantic error, in file order."""
    problems: list[tuple[SourceLocation, str]] = []
    seen: set[tuple[int | None, str]] = set()
    for error in err.errors(include_url=False):
        loc = tuple(error.get("loc", ()))
        # Union members and validator names appear in ``loc`` as strings that are not keys of
        # the data; the document walk stops at the deepest real key, which is what we want.
        where = doc.locate([p for p in loc if isinstance(p, (str, int))])
        text = f"{dotted(loc)}: {_message(error)}" if loc else _message(error)
        key = (where.line, text)
        if key not in seen:
            seen.add(key)
            problems.append((where, text))
    problems.sort(key=lambda p: (p[0].line or 0, p[0].column or 0))
    return problems


def details_of(problems: list[tuple[SourceLocation, str]]) -> tuple[tuple[SourceLocation | None, str], ...]:
    return tuple(problems[1 : 1 + MAX_DETAILS])
