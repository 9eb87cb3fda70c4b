"""A small on-disk cache for work that is the same on every run: the compiled plan, the validator.

Entries are pickles in the user's cache directory (``$CCHC_CACHE_DIR``, else
``$XDG_CACHE_HOME/cchc``, else ``~/.cache/cchc``), named by a key that covers everything the
entry was made from: cchc's version, Python's, pydantic-core's, the source of the modules that
built it, and for a plan the sha256 of its files. A changed input means a new key, never a stale
entry. The cache is an optimisation only: an unwritable directory, a corrupt or foreign entry, or
``CCHC_NO_CACHE=1`` simply means the work is done again.

What is trusted: the cache directory is the user's own, like their shell start-up files; an
entry is unpickled only if it was written by cchc under that exact key.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_MAGIC = b"cchc-cache-1\n"
_KEEP = 4


def cache_dir() -> Path | None:
    if os.environ.get("CCHC_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("CCHC_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cchc"


def key_of(parts: Iterable[str | bytes], files: Iterable[Path] = ()) -> str:
    """A key over strings, bytes and the current content of source files."""
    from cchc_cli import __version__

    h = hashlib.sha256()
    for part in (__version__, sys.version, *parts):
        data = part.encode() if isinstance(part, str) else part
        h.update(str(len(data)).encode() + b"\0" + data)
    for path in files:
        h.update(path.read_bytes())
    return h.hexdigest()[:32]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The entry ``name`` under ``key``, built and stored when absent or unreadable."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key}.pickle"
    try:
        raw = path.read_bytes()
        if raw.startswith(_MAGIC):
            return pickle.loads(raw[len(_MAGIC) :])  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any unreadable entry is rebuilt, never trusted
        pass
    value = build()
    _store(directory, path, name, value)
    return value


def _store(directory: Path, path: Path, name: str, value: Any) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        data = _MAGIC + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        # Keys change with every upgrade or edited plan: keep the newest few entries per name.
        entries = sorted(directory.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
