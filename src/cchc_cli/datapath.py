"""Data paths into plain data (a file as YAML read it): how one step indexes a node, walked once.

A data path is what the layers pass instead of a line number: rules name where a finding is
(``("duties", "V.1.b", "done_on")``), pydantic names where a value failed, and
:meth:`cchc_cli.yamlio.Document.locate` turns a path into the file's line. Mappings are indexed
by key and sequences by position; anything else has no parts. Every walk over a progress
document goes through :func:`step`, so they all agree on what "present" means (an unhashable
part is simply absent, never a TypeError from a hostile file's key). Stdlib only: it costs
nothing to import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

PathItem = str | int
DataPath = tuple[PathItem, ...]

#: what :func:`step` returns for a part the node does not have
ABSENT = object()


def step(node: object, part: object) -> object:
    """The child of ``node`` at ``part``, or :data:`ABSENT` when it has none there."""
    if isinstance(node, dict):
        try:
            return node[part] if part in node else ABSENT
        except TypeError:  # an unhashable part cannot be a key
            return ABSENT
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return ABSENT


def present_prefix(data: object, path: Sequence[PathItem]) -> DataPath:
    """The deepest prefix of ``path`` present in ``data``: where a missing entry is reported."""
    node = data
    present: list[PathItem] = []
    for part in path:
        node = step(node, part)
        if node is ABSENT:
            break
        present.append(part)
    return tuple(present)


def entries(node: object, path: DataPath = ()) -> Iterator[tuple[DataPath, object]]:
    """Every key's and item's value under ``node`` with its path, parents before children, in
    file order (mappings keep the order they were written in)."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = (*path, key)
            yield here, value
            yield from entries(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            here = (*path, i)
            yield here, value
            yield from entries(value, here)
