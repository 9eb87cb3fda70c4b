"""Turns pydantic's validation errors into located, readable problems.

pydantic reports a path into the data (``('tasks', 5, 'deadline')``); the document that the data
came from turns that path into a line and column. Messages lose pydantic's internal prefixes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from cchc_cli.location import SourceLocation

if TYPE_CHECKING:
    from pydantic_core import ValidationError


MAX_DETAILS = 20
#: problems located and worded per file; a file with more says how many more (a hostile file can
#: hold tens of thousands of unknown keys, and each problem beyond these costs only its location)
MAX_PROBLEMS = 100


class Problems(NamedTuple):
    """The first :data:`MAX_PROBLEMS` problems of a file in file order, and how many there were."""

    shown: list[tuple[SourceLocation, str]]
    total: int

    @property
    def more(self) -> int:
        """Problems found but not listed."""
        return self.total - len(self.shown)


def dotted(loc: tuple[Any, ...]) -> str:
    """``('tasks', 5, 'deadline')`` -> ``tasks[5].deadline``, each part one line of at most
    80 characters (keys come from the file)."""
    from cchc_cli.text import QUOTE_LIMIT, visible

    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part)
            text = visible(text[:QUOTE_LIMIT]) + ("…" if len(text) > QUOTE_LIMIT else "")
            out += ("." if out else "") + text
    return out


class Locatable(Protocol):
    """Anything that turns a data path into a line: a parsed document, a TOML table."""

    def locate(self, data_path: list[str | int]) -> SourceLocation: ...


AllowedKeys = Callable[[tuple[Any, ...]], "list[str] | None"]
Wording = Callable[[Any], str]


def did_you_mean(word: str, choices: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word[:200], choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _message(error: Any, allowed_keys: AllowedKeys | None) -> str:
    from cchc_cli.text import quoted

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
        msg = f"{msg} (got {quoted(error['input'])}: write a whole count such as 45, without '%', ',' or '.')"
    return msg


def located_problems(
    err: ValidationError,
    doc: Locatable,
    allowed_keys: AllowedKeys | None = None,
    wording: Wording | None = None,
) -> Problems:
    """The (location, 'where: what') pairs of pydantic's errors, in file order, at most
    :data:`MAX_PROBLEMS` of them worded.

    ``allowed_keys(parent_loc)`` names the keys a mapping may hold, for "did you mean" on an
    unknown key; ``wording(error)`` replaces the default wording. A missing key is located at its
    parent's key. Every error is located (a few dictionary look-ups); only the listed ones are
    worded, so the work per extra problem is constant.
    """
    import heapq

    keys_at: dict[tuple[Any, ...], list[str] | None] = {}

    def cached_keys(loc: tuple[Any, ...]) -> list[str] | None:
        if loc not in keys_at:
            keys_at[loc] = allowed_keys(loc) if allowed_keys else None
        return keys_at[loc]

    located = []
    for order, error in enumerate(err.errors(include_url=False)):
        loc = tuple(error.get("loc", ()))
        # Union members and validator names appear in ``loc`` as strings that are not keys of
        # the data; the document walk stops at the deepest real key, which is what we want.
        where = doc.locate([p for p in loc if isinstance(p, (str, int))])
        located.append(((where.line or 0, where.column or 0, order), where, error))
    first = heapq.nsmallest(MAX_PROBLEMS, located, key=lambda item: item[0])
    problems: list[tuple[SourceLocation, str]] = []
    seen: set[tuple[int | None, str]] = set()
    for _, where, error in first:
        loc = tuple(error.get("loc", ()))
        what = wording(error) if wording else _message(error, cached_keys if allowed_keys else None)
        text = f"{dotted(loc)}: {what}" if loc else what
        if (where.line, text) not in seen:
            seen.add((where.line, text))
            problems.append((where, text))
    return Problems(problems, len(problems) + len(located) - len(first))


def capped(problems: list[tuple[SourceLocation, str]]) -> Problems:
    """Problems found by a walk of our own, listed as :func:`located_problems` lists pydantic's."""
    ordered = sorted(problems, key=lambda p: (p[0].line or 0, p[0].column or 0))
    return Problems(ordered[:MAX_PROBLEMS], len(ordered))


def details_of(problems: list[tuple[SourceLocation, str]]) -> tuple[tuple[SourceLocation | None, str], ...]:
    return tuple(problems[1 : 1 + MAX_DETAILS])
