"""Turns pydantic's validation errors into located, readable problems.

pydantic reports a path into the data (``('tasks', 5, 'deadline')``); the document that the data
came from turns that path into a line and column. Messages lose pydantic's internal prefixes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from cchc_cli.location import SourceLocation
from cchc_cli.text import did_you_mean as did_you_mean  # its callers' old address

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


def model_keys(model: type) -> AllowedKeys:
    """``allowed_keys`` for data validated by a pydantic model (the plan files): the fields of the
    model that the mapping at ``loc`` is validated by, or None when that is not one model."""

    def allowed(loc: tuple[Any, ...]) -> list[str] | None:
        node: Any = model
        for part in loc:
            node = _element(node) if isinstance(part, int) else _field(node, part)
            if node is None:
                return None
        node = _single_model(node)
        return list(node.model_fields) if node is not None else None

    return allowed


def _single_model(tp: Any) -> Any:
    """The one pydantic model ``tp`` is (``X``, ``X | None``, ``Annotated[X, …]``), or None."""
    from typing import Annotated, get_args, get_origin

    from pydantic import BaseModel

    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    members = [a for a in get_args(tp) if a is not type(None)] if get_args(tp) and get_origin(tp) not in (tuple, list, dict) else [tp]
    if len(members) == 1 and isinstance(members[0], type) and issubclass(members[0], BaseModel):
        return members[0]
    return None


def _field(tp: Any, name: Any) -> Any:
    model = _single_model(tp)
    field = model.model_fields.get(name) if model is not None else None
    return field.annotation if field is not None else None


def _element(tp: Any) -> Any:
    from typing import Annotated, get_args, get_origin

    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) in (tuple, list) and get_args(tp):
        return get_args(tp)[0]
    return None


def _message(
    error: Any, allowed_keys: AllowedKeys | None, about_key: bool = False, written: str | None = None, notation: str = "yaml"
) -> str:
    """pydantic's error in plain words, English carrying its Vietnamese (:mod:`cchc_cli.schema_words`)."""
    from cchc_cli.schema_words import word

    loc = tuple(error.get("loc", ()))
    allowed = None
    if error.get("type") == "extra_forbidden" and allowed_keys and loc:
        allowed = allowed_keys(loc[:-1])
    return word(error, allowed, about_key=about_key, written=written, notation=notation)


_NO_DATA = object()


def _data_path(loc: tuple[Any, ...], data: Any, kind: str) -> tuple[tuple[Any, ...], bool, bool]:
    """``loc`` as a path into the data: (path, about a key's name, union members left out).

    pydantic's ``loc`` also names union members (``literal['Q1','H1']``, ``constrained-str``),
    validators and ``[key]`` (the error is about a key's name, not its value): none of them is a
    key of the file, and a path that shows them reads like a program, not like the file.
    """
    about_key = bool(loc) and loc[-1] == "[key]"
    if about_key:
        loc = loc[:-1]
    elif len(loc) == 1:  # a top-level key (the bulk of a hostile file's unknown keys): no union there
        return loc, False, False
    if data is _NO_DATA:
        return tuple(p for p in loc if isinstance(p, (str, int))), about_key, False
    from cchc_cli.datapath import ABSENT, step

    path: list[Any] = []
    node = data
    stripped = False
    for i, part in enumerate(loc):
        child = step(node, part)
        if child is not ABSENT:
            path.append(part)
            node = child
        elif i == len(loc) - 1 and kind in ("missing", "extra_forbidden", "union_tag_not_found"):
            path.append(part)  # a key that is not there (yet), named by the error itself
        elif isinstance(part, int):
            path.append(part)
            node = None
        else:
            stripped = True
    return tuple(path), about_key, stripped


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
    worded, so the work per extra problem is constant. The texts are :class:`schema_words.Said`:
    English carrying Vietnamese. Errors of the members of one union at one place (a period id
    that is neither 'Q1'… nor an identifier) are one problem that names every way to write it.
    """
    import heapq

    from cchc_cli.schema_words import Said

    data = getattr(doc, "data", _NO_DATA)
    typed: Callable[[list[Any]], str | None] | None = getattr(doc, "written", None)
    # a TOML settings file writes 'key = value', not YAML's 'key: value'
    notation = str(getattr(doc, "notation", "yaml"))
    keys_at: dict[tuple[Any, ...], list[str] | None] = {}

    def cached_keys(loc: tuple[Any, ...]) -> list[str] | None:
        if loc not in keys_at:
            keys_at[loc] = allowed_keys(loc) if allowed_keys else None
        return keys_at[loc]

    located = []
    for order, error in enumerate(err.errors(include_url=False)):
        path, _, _ = _data_path(tuple(error.get("loc", ())), data, str(error.get("type", "")))
        where = doc.locate(list(path))
        located.append(((where.line or 0, where.column or 0, order), where, error))
    first = heapq.nsmallest(MAX_PROBLEMS, located, key=lambda item: item[0])
    problems: list[tuple[SourceLocation, str]] = []
    seen: set[tuple[int | None, str]] = set()
    unions: dict[tuple[int | None, tuple[Any, ...]], int] = {}
    for _, where, error in first:
        # walked again for the listed ones only: a file's every problem costs no more memory than before
        path, about_key, union = _data_path(tuple(error.get("loc", ())), data, str(error.get("type", "")))
        # the number as the file wrote it (1.610), where YAML read it as another (1.61)
        written = typed(list(path)) if typed is not None and not about_key else None
        what = wording(error) if wording else _message(
            error, cached_keys if allowed_keys else None, about_key, written, notation
        )
        if union and (where.line, path) in unions:
            i = unions[(where.line, path)]
            before = problems[i][1]
            if isinstance(before, Said) and isinstance(what, Said):
                problems[i] = (where, Said(f"{before}; or {what}", f"{before.vi}; hoặc {what.vi}"))
            else:
                problems[i] = (where, f"{before}; or {what}")
            continue
        shown = dotted(path)
        if not shown:
            text = what
        elif isinstance(what, Said):
            text = Said(f"{shown}: {what}", f"{shown}: {what.vi}")
        else:
            text = f"{shown}: {what}"
        if (where.line, text) not in seen:
            seen.add((where.line, text))
            if union:
                unions[(where.line, path)] = len(problems)
            problems.append((where, text))
    return Problems(problems, len(problems) + len(located) - len(first))


def capped(problems: list[tuple[SourceLocation, str]]) -> Problems:
    """Problems found by a walk of our own, listed as :func:`located_problems` lists pydantic's."""
    ordered = sorted(problems, key=lambda p: (p[0].line or 0, p[0].column or 0))
    return Problems(ordered[:MAX_PROBLEMS], len(ordered))


def details_of(problems: list[tuple[SourceLocation, str]]) -> tuple[tuple[SourceLocation | None, str], ...]:
    return tuple(problems[1 : 1 + MAX_DETAILS])
