"""A small on-disk cache for work that is the same on every run: the compiled plan, the validators.

Entries are JSON files in the user's cache directory (``$CCHC_CACHE_DIR``, else
``$XDG_CACHE_HOME/cchc``, else ``~/.cache/cchc``), named by a key that covers everything the
entry was made from: cchc's version, Python's, pydantic-core's, the source of the modules that
built it, and for a plan the sha256 of its files. A changed input means a new key, never a stale
entry. The cache is an optimisation only: an unwritable directory, a corrupt, foreign or unsafe
entry, or ``CCHC_NO_CACHE=1`` simply means the work is done again, in memory.

What is trusted, and why. An entry is data, never code: JSON only (no pickle, which runs code
when loaded; no marshal, which builds code objects and is documented unsafe on hostile data),
decoded by the caller into exactly the shape it expects (:mod:`cchc_cli.jsoncodec`), and filed
under its name and key, which it repeats inside. Whoever can write the directory as the user
could already change what cchc says (like ``~/.bashrc``), so a well-formed entry written as the
user is believed; nobody else's is. The directory is used only if it is owned by the current user
and not writable by group or others (cchc creates it 0o700), and so is each entry, checked on its
open descriptor (what is checked is what is read), never followed through a symbolic link, and
at most :data:`MAX_ENTRY_BYTES` long. A directory that fails this is neither read nor written.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: An entry's first key and value; bump it when the envelope changes.
_FORMAT = "cchc-cache-2"
_KEEP = 4
#: The compiled plan is ~100 KB of JSON; nothing cchc stores comes near this.
MAX_ENTRY_BYTES = 8 * 1024 * 1024

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_COMMON = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
#: POSIX: every entry is opened, replaced and removed relative to the directory's descriptor, so
#: the directory whose owner was checked is the one used, even if its path is swapped meanwhile.
_DIR_FD = (
    hasattr(os, "O_DIRECTORY")
    and os.open in os.supports_dir_fd
    and os.unlink in os.supports_dir_fd
    and os.stat in os.supports_dir_fd
    and os.listdir in os.supports_fd
)


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


def cached(
    name: str,
    key: str,
    build: Callable[[], T],
    encode: Callable[[T], object],
    decode: Callable[[object], T],
) -> T:
    """The entry ``name`` under ``key``, built and stored when absent, unreadable or refused.

    ``encode`` turns a value into plain JSON data; ``decode`` turns that data back into an equal
    value and raises on anything that is not exactly such data.
    """
    directory = cache_dir()
    if directory is None:
        return build()
    try:
        place = _Directory.open(directory)
    except _Refused:
        return build()
    entry = f"{name}-{key}.json"
    if place is not None:
        with place:
            raw = place.read(entry)
            if raw is not None:
                try:
                    return _unwrap(raw, name, key, decode)
                except Exception:  # noqa: BLE001 - a wrong entry is an absent one, never an error
                    pass
            value = build()
            place.store(name, entry, _wrap(value, name, key, encode))
            return value
    value = build()
    _store_in(directory, name, key, value, encode)
    return value


def store(name: str, key: str, value: T, encode: Callable[[T], object]) -> None:
    """Write ``value`` as the entry ``name`` under ``key``, replacing any entry there (atomically).

    For a caller that found the entry stale by a test of its own (a plan whose included files
    changed keeps its key): left in place, it would be read, refused and rebuilt on every run.
    """
    directory = cache_dir()
    if directory is not None:
        _store_in(directory, name, key, value, encode)


def _store_in(directory: Path, name: str, key: str, value: T, encode: Callable[[T], object]) -> None:
    try:
        place = _Directory.open(directory) or _Directory.create(directory)
    except _Refused:
        return
    if place is not None:
        with place:
            place.store(name, f"{name}-{key}.json", _wrap(value, name, key, encode))


def _wrap(value: T, name: str, key: str, encode: Callable[[T], object]) -> bytes | None:
    import json

    try:
        entry = {"format": _FORMAT, "name": name, "key": key, "value": encode(value)}
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError):  # a value with no plain encoding is simply not kept
        return None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON data cchc writes")


def _unwrap(raw: bytes, name: str, key: str, decode: Callable[[object], T]) -> T:
    import json

    data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    if (
        type(data) is not dict
        or data.keys() != {"format", "name", "key", "value"}
        or data["format"] != _FORMAT
        or data["name"] != name
        or data["key"] != key  # an entry copied or renamed from another key is not this one
    ):
        raise ValueError("not an entry of this name and key")
    return decode(data["value"])


def _is_key(text: str) -> bool:
    return len(text) == 32 and all(c in "0123456789abcdef" for c in text)


class _Refused(Exception):
    """The cache directory exists but is not safe (or not possible) to use."""


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else.

    Windows has no user ids, and the write bits of its ``st_mode`` only mirror the read-only
    attribute (a file anyone may write reads 0o666 there, like one only its owner may): access is
    an ACL matter the mode cannot show, so there the test is skipped and the rest kept.
    """
    if not hasattr(os, "geteuid"):
        return True
    return info.st_uid == os.geteuid() and info.st_mode & 0o022 == 0


class _Directory:
    """The checked cache directory: entries read, written and pruned inside it, and only there."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def open(cls, path: Path) -> _Directory | None:
        """The directory if it is safe to use; None if it does not exist; _Refused otherwise."""
        try:
            if not _DIR_FD:
                info = os.stat(path)
                if not stat.S_ISDIR(info.st_mode) or not _private(info):
                    raise _Refused(str(path))
                return cls(path, None)
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | _O_COMMON)
        except FileNotFoundError:
            return None
        except OSError as e:  # not a directory, not searchable...
            raise _Refused(str(path)) from e
        try:
            info = os.fstat(fd)
            if hasattr(os, "geteuid") and info.st_uid == os.geteuid() and info.st_mode & 0o022:
                # The user's own directory, made group-writable by an older cchc under umask 002:
                # close it to others and go on. Each entry is still checked on its own, so one a
                # group member left while the directory was open to them is never believed.
                os.fchmod(fd, stat.S_IMODE(info.st_mode) & ~0o022)
                info = os.fstat(fd)
            ok = _private(info)
        except OSError:
            ok = False
        if not ok:
            os.close(fd)
            raise _Refused(str(path))
        return cls(path, fd)

    @classmethod
    def create(cls, path: Path) -> _Directory | None:
        """A new private cache directory, or None if it cannot be made (or appeared, unsafe)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:  # made by a concurrent run: used only if it passes the checks
            pass
        except OSError:
            return None
        try:
            return cls.open(path)
        except _Refused:
            return None

    def __enter__(self) -> _Directory:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _at(self, name: str) -> str:
        return name if self.fd is not None else str(self.path / name)

    def read(self, name: str) -> bytes | None:
        """The bytes of entry ``name`` if it is a private regular file within the bound, else None."""
        flags = os.O_RDONLY | _O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _O_COMMON
        try:
            if not _O_NOFOLLOW:  # Windows: look first (racy, but only the user can race here)
                if stat.S_ISLNK(os.stat(self._at(name), dir_fd=self.fd, follow_symlinks=False).st_mode):
                    return None
            fd = os.open(self._at(name), flags, dir_fd=self.fd)
        except OSError:  # absent, or a symbolic link (ELOOP)
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_ENTRY_BYTES:
                return None
            chunks: list[bytes] = []
            total = 0
            while total <= MAX_ENTRY_BYTES:  # never more than the bound, whatever fstat said
                chunk = os.read(fd, MAX_ENTRY_BYTES + 1 - total)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            return None if total > MAX_ENTRY_BYTES else b"".join(chunks)
        except OSError:
            return None
        finally:
            os.close(fd)

    def store(self, name: str, entry: str, data: bytes | None) -> None:
        """Write ``entry`` atomically (temporary file, then rename), 0o600, and prune old ones."""
        if data is None or len(data) > MAX_ENTRY_BYTES:
            return
        tmp = f".{entry}.{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(
                self._at(tmp), os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_COMMON, 0o600, dir_fd=self.fd
            )
        except OSError:
            return
        try:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(self._at(tmp), self._at(entry), src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError:
            try:
                os.unlink(self._at(tmp), dir_fd=self.fd)
            except OSError:
                pass
            return
        self._prune(name)

    def _prune(self, name: str) -> None:
        """Keys change with every upgrade or edited plan: keep the newest few entries per name.

        Pickles left by earlier versions of cchc are removed, never read.
        """
        try:
            names = os.listdir(self.fd if self.fd is not None else self.path)
        except OSError:
            return
        dated: list[tuple[int, str]] = []
        for item in names:
            stem, _, ext = item.partition(".")
            if not _is_key(stem.removeprefix(f"{name}-")) or not stem.startswith(f"{name}-"):
                continue
            try:
                if ext == "pickle":
                    os.unlink(self._at(item), dir_fd=self.fd)
                elif ext == "json":
                    info = os.stat(self._at(item), dir_fd=self.fd, follow_symlinks=False)
                    dated.append((info.st_mtime_ns, item))
            except OSError:
                pass
        for _, old in sorted(dated, reverse=True)[_KEEP:]:
            try:
                os.unlink(self._at(old), dir_fd=self.fd)
            except OSError:
                pass
