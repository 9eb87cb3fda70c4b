"""YAML input: bytes -> text -> plain data, with positions on demand. The only module that knows ruamel.

Two loaders, one result:

* the **fast** path parses with ruamel's C-backed safe loader (about six times faster than the
  round-trip loader) and yields plain dicts, lists and scalars;
* the **round-trip** path keeps line and column of every key and item. It runs only when a caller
  asks where something is (an error to report), so valid files pay for positions never.

Both refuse duplicate keys, keep timestamps as the text the user wrote (dates are parsed by
:mod:`cchc_cli.dates`, which knows ``dd/mm/yyyy`` and says clearly what is wrong), and bound the
work a hostile file can cause: a size limit before parsing, and a node budget and depth limit while
converting (an alias "bomb" expands to more nodes than the budget long before memory suffers).
"""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cchc_cli.errors import ParseError
from cchc_cli.location import SourceLocation, from_zero_based

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

PathItem = str | int
DataPath = Sequence[PathItem]


def _fast_resolver() -> Any:
    """ruamel's resolver, with the YAML version looked up once per document instead of once per
    scalar (that lookup, with its exceptions, was most of a small file's load time)."""
    from ruamel.yaml.resolver import VersionedResolver

    class _Resolver(VersionedResolver):
        _table: Any = None

        @property
        def versioned_resolver(self) -> Any:
            if self._table is None:
                self._table = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            return self._table

    return _Resolver


def _loader(kind: str) -> Any:
    """The process's loader of that kind, ready for one more document.

    ruamel records one DocInfo per document parsed on its YAML object and never forgets it: on a
    loader reused for ten thousand files, that is a slow leak. Only the current document's is kept.
    """
    yaml = _make_yaml(kind)
    yaml.doc_infos.clear()
    return yaml


@cache
def _make_yaml(kind: str) -> Any:
    """One configured loader per kind and process (building one costs more than a small load)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor

    base: Any = SafeConstructor if kind == "safe" else RoundTripConstructor

    class _TextTimestampConstructor(base):  # type: ignore[misc]
        """Leaves ``2021-02-30`` as text so that dates.py can say what is wrong with it."""

    _TextTimestampConstructor.add_constructor(
        "tag:yaml.org,2002:timestamp", _TextTimestampConstructor.construct_yaml_str
    )
    yaml = YAML(typ=kind, pure=False) if kind == "safe" else YAML(typ="rt")
    yaml.Constructor = _TextTimestampConstructor
    if kind == "safe":
        yaml.Resolver = _fast_resolver()
    yaml.allow_duplicate_keys = False
    return yaml


def os_problem(error: OSError) -> tuple[str, str]:
    """What an operating-system refusal means, in English and Vietnamese (never Python's wording)."""
    import errno

    known = {
        errno.ENOENT: ("no such file or directory", "không có tệp hay thư mục này"),
        errno.EACCES: ("permission denied", "không có quyền truy cập"),
        errno.EPERM: ("operation not permitted", "thao tác không được phép"),
        errno.ENAMETOOLONG: ("the file name is too long", "tên tệp quá dài"),
        errno.ELOOP: ("too many levels of symbolic links (a link loop?)", "quá nhiều tầng liên kết tượng trưng (liên kết vòng?)"),
        errno.ENOTDIR: ("a part of the path is not a directory", "một phần của đường dẫn không phải thư mục"),
        errno.EISDIR: ("this is a directory, not a file", "đây là một thư mục, không phải một tệp"),
        errno.ENOSPC: ("no space left on the disk", "ổ đĩa đã hết chỗ"),
        errno.EROFS: ("the file system is read-only", "hệ thống tệp chỉ cho đọc"),
        errno.EEXIST: ("the file already exists", "tệp đã tồn tại"),
    }
    if error.errno in known:
        return known[error.errno]
    code = errno.errorcode.get(error.errno or 0, "?")
    return (f"the system refused ({code})", f"hệ điều hành từ chối ({code})")


def read_bytes(path: Path, display: str | None = None, limit: int | None = None) -> bytes:
    """A regular file's bytes, refused before reading when it is too large or not a regular file.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and checked on
    its open descriptor, so what is checked is what is read; devices and pipes are refused, and at
    most ``limit`` + 1 bytes are ever read, whatever the file claims.
    """
    import stat

    from cchc_cli.text import visible

    limit = MAX_FILE_BYTES if limit is None else limit
    shown = visible(display or str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as e:
        raise ParseError(
            "file not found",
            SourceLocation(shown),
            "check the path and the file name",
            vi=("không tìm thấy tệp", "kiểm tra lại đường dẫn và tên tệp"),
        ) from e
    except OSError as e:
        en, vi = os_problem(e)
        raise ParseError(f"cannot read the file: {en}", SourceLocation(shown), vi=(f"không đọc được tệp: {vi}", None)) from e
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ParseError(
                "this is a directory, not a file",
                SourceLocation(shown),
                vi=("đây là một thư mục, không phải một tệp", None),
            )
        if not stat.S_ISREG(info.st_mode):
            raise ParseError(
                "this is not a regular file (a device, pipe or socket); cchc reads only files",
                SourceLocation(shown),
                "save the content to a file and give its name",
                vi=(
                    "đây không phải tệp thông thường (thiết bị, đường ống hay socket); cchc chỉ đọc tệp",
                    "hãy lưu nội dung thành một tệp rồi đưa tên tệp đó",
                ),
            )
        if info.st_size > limit:
            raise ParseError(
                f"file is {info.st_size:,} bytes, above the limit of {limit:,} bytes",
                SourceLocation(shown),
                "a progress or plan file is a few kilobytes; is this the right file?",
                vi=(
                    f"tệp dài {info.st_size:,} byte, vượt giới hạn {limit:,} byte",
                    "tệp tiến độ hay tệp kế hoạch chỉ vài kilobyte; có đúng tệp không?",
                ),
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as e:
        en, vi = os_problem(e)
        raise ParseError(f"cannot read the file: {en}", SourceLocation(shown), vi=(f"không đọc được tệp: {vi}", None)) from e
    finally:
        os.close(fd)
    if total > limit:  # the file grew while it was read
        raise ParseError(
            f"file is larger than the limit of {limit:,} bytes",
            SourceLocation(shown),
            vi=(f"tệp vượt giới hạn {limit:,} byte", None),
        )
    return b"".join(chunks)


def read_text(path: Path, display: str | None = None) -> str:
    """Read a file as UTF-8 text, refusing what is too large or not text, with a clear reason."""
    from cchc_cli.text import visible

    return decode(read_bytes(path, display), visible(display or str(path)))


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM is accepted) or UTF-16 with a BOM; name the likely encoding otherwise."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ParseError("the file says UTF-16 but does not decode as UTF-16", SourceLocation(shown)) from e
    if b"\x00" in raw:
        raise ParseError(
            "the file contains NUL bytes: it is binary, not YAML text",
            SourceLocation(shown),
            "save it as plain text (UTF-8)",
            vi=("tệp chứa byte NUL: đây là tệp nhị phân, không phải văn bản YAML", "lưu tệp dưới dạng văn bản thuần (UTF-8)"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        guess = guess_legacy_encoding(raw)
        hint = "save the file as UTF-8"
        hint_vi = "lưu tệp với bảng mã UTF-8 (Unicode)"
        if guess:
            hint = f"it looks like {guess}; save the file as UTF-8 (Unicode) and try again"
            hint_vi = f"tệp có vẻ dùng bảng mã {guess}; hãy lưu lại với bảng mã UTF-8 (Unicode) rồi chạy lại"
        raise ParseError(
            "the file is not valid UTF-8",
            SourceLocation(shown, line),
            hint,
            vi=("tệp không phải văn bản UTF-8 hợp lệ", hint_vi),
        ) from e
    return text


def guess_legacy_encoding(raw: bytes) -> str | None:
    """Name the Vietnamese legacy encoding a non-UTF-8 file most likely uses, or None."""
    # TCVN3 (ABC) puts precomposed Vietnamese letters in the 0xA1-0xFE range with no lead bytes;
    # VNI writes a base letter followed by a Latin-1 tone or hat byte ("aø", "eá", "ö" for the
    # horn, "ñ" for đ); Windows-1258 has ă ơ ư đ as single bytes and tones as combining marks.
    # Bytes the two share as ordinary letters (à á â) are not counted for either.
    cp1258_tones = sum(raw.count(bytes([b])) for b in (0xCC, 0xD2, 0xDE, 0xEC, 0xF2, 0xE3, 0xF0, 0xFD))
    vni_marks = sum(raw.count(bytes([b])) for b in (0xF8, 0xF9, 0xFB, 0xEF, 0xF6, 0xF1))
    tcvn3_letters = sum(raw.count(bytes([b])) for b in (0xB5, 0xB6, 0xB8, 0xB9, 0xCB, 0xD6, 0xE8, 0xAE))
    scores = {"TCVN3 (ABC)": tcvn3_letters, "VNI": vni_marks, "Windows-1258": cp1258_tones}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else None


@dataclass
class Document:
    """Plain data from one YAML file, and the way back from a data path to a line in that file."""

    path: str
    text: str
    data: Any
    _root: Any = field(default=None, repr=False)

    def locate(self, data_path: DataPath) -> SourceLocation:
        """The 1-based location of the deepest part of ``data_path`` that exists in the file."""
        if self._root is None:
            self._root = _positions(self.text)
        index: dict[tuple[Any, ...], tuple[int, int]] = self._root
        best = SourceLocation(self.path, 1, 1)
        prefix: tuple[Any, ...] = ()
        for item in data_path:
            # Sequence items are indexed by position; mapping keys by the text the file wrote, so
            # a key YAML read as a number (5, from a decimal comma) is found as "5".
            step = prefix + (item,)
            if step not in index and not isinstance(item, str):
                step = prefix + (str(item),)  # a number key written as such: "5"
            if step not in index:
                break
            best = from_zero_based(self.path, *index[step])
            prefix = step
        return best


def _typed_key(key: Any) -> Any:
    """The value a plain scalar key of type int, float or bool has in the data, else None."""
    kind = str(key.tag).rsplit(":", 1)[-1]
    text = str(key.value).replace("_", "")
    try:
        if kind == "int":
            return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
        if kind == "float":
            return float(text)
        if kind == "bool":
            return text.lower() in ("true", "yes", "on")
    except ValueError:
        return None
    return None


def _positions(text: str) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Every key's and item's 0-based (line, column), by data path, from the C composer.

    Composing with the C parser costs about a sixth of a round-trip parse, and locating is
    needed for every file with a finding: for a roll-up of thousands of files, that is most of
    the time spent. The walk is bounded like :func:`to_plain` (aliases are not followed twice).
    """
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    node = _loader("safe").compose(text)
    index: dict[tuple[Any, ...], tuple[int, int]] = {}
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, ())]
    seen: set[int] = set()
    while stack and len(index) < MAX_NODES:
        current, path = stack.pop()
        if current is None or id(current) in seen or len(path) > MAX_DEPTH:
            continue
        seen.add(id(current))
        if isinstance(current, MappingNode):
            for key, value in current.value:
                if isinstance(key, ScalarNode):
                    step = path + (str(key.value),)
                    index.setdefault(step, (key.start_mark.line, key.start_mark.column))
                    typed = _typed_key(key)
                    if typed is not None:  # 2.10 is the key 2.1 in the data: find it by that too
                        index.setdefault(path + (typed,), (key.start_mark.line, key.start_mark.column))
                    stack.append((value, step))
        elif isinstance(current, SequenceNode):
            for i, value in enumerate(current.value):
                step = path + (i,)
                index[step] = (value.start_mark.line, value.start_mark.column)
                stack.append((value, step))
    return index


def _parse(text: str, shown: str, kind: str) -> Any:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = _loader(kind)
    try:
        return yaml.load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        # An unclosed bracket or quote is found at the end of the file, past its last line;
        # the place to fix is where it was opened.
        last_line = text.count("\n") - (1 if text.endswith("\n") else 0)
        if e.context_mark is not None and (mark is None or mark.line > last_line):
            mark = e.context_mark
        if mark is not None and mark.line > last_line >= 0:
            # Still past the end (nothing says where the collection opened): the last line, whose
            # end is where the parser was left waiting.
            lines = text.split("\n")
            where = from_zero_based(shown, last_line, len(lines[last_line]))
        else:
            where = from_zero_based(shown, mark.line, mark.column) if mark else SourceLocation(shown)
        problem = e.problem or e.context or "invalid YAML"
        hint, hint_vi = _syntax_hint(problem)
        raise ParseError(
            f"YAML syntax error: {problem}", where, hint, vi=(f"lỗi cú pháp YAML: {problem}", hint_vi)
        ) from e
    except YAMLError as e:
        raise ParseError(f"YAML error: {e}", SourceLocation(shown)) from e
    except RecursionError as e:
        raise ParseError(
            "the YAML is nested too deeply", SourceLocation(shown), "flatten the structure"
        ) from e


def _syntax_hint(problem: str) -> tuple[str, str]:
    """(English, Vietnamese) advice for the commonest YAML mistakes."""
    if "duplicate key" in problem:
        return (
            "each key may appear once in a mapping; remove or rename the repeated one",
            "mỗi khóa chỉ được xuất hiện một lần; xóa hoặc đổi tên khóa bị lặp",
        )
    if "\\t" in problem or "tab" in problem:
        return ("YAML indents with spaces, never tabs", "YAML thụt lề bằng dấu cách, không dùng phím Tab")
    return (
        "check the indentation and the ':' after each key near that line",
        "kiểm tra thụt lề và dấu ':' sau mỗi khóa quanh dòng này",
    )


def to_plain(node: Any, shown: str) -> Any:
    """Convert ruamel containers to dicts/lists/str, within the node budget and depth limit."""
    budget = [MAX_NODES]

    def walk(value: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise ParseError(
                f"the document expands to more than {MAX_NODES:,} values (aliases?)",
                SourceLocation(shown),
                "progress files need no anchors or aliases; write the values out",
                vi=(
                    f"tài liệu bung ra hơn {MAX_NODES:,} giá trị (do anchor/alias?)",
                    "tệp tiến độ không cần anchor hay alias; hãy viết thẳng các giá trị",
                ),
            )
        if depth > MAX_DEPTH:
            raise ParseError(
                f"the document is nested more than {MAX_DEPTH} levels deep",
                SourceLocation(shown),
                vi=(f"tài liệu lồng nhau quá {MAX_DEPTH} cấp", None),
            )
        if isinstance(value, dict):
            # Keys keep their type (a number stays a number) so that the schema can say which
            # key is not text, and where; str() would turn 2.10 into "2.1" and hide it.
            return {
                (str(k) if isinstance(k, str) else k): walk(v, depth + 1)
                for k, v in value.items()
            }
        if isinstance(value, (list, tuple)):
            return [walk(v, depth + 1) for v in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value)
        if isinstance(value, str):
            return str(value)
        return value

    return walk(node, 0)


def load(path: Path, display: str | None = None) -> Document:
    """Read and parse a YAML file on the fast path; positions are computed later, on demand."""
    shown = display or str(path)
    text = read_text(path, shown)
    return load_text(text, shown)


def _refuse_deep_nesting(text: str, shown: str) -> None:
    """Refuse flow collections nested past MAX_DEPTH before any tree is built.

    ruamel's C composer recurses once per level and crashes the interpreter (SIGSEGV) on a few
    tens of thousands of "[" in a row, which fit easily within the size limit; the event stream is
    flat, so it can be counted safely. Block nesting needs quadratic indentation and cannot get
    anywhere near that depth inside MAX_FILE_BYTES. Files with fewer brackets than MAX_DEPTH
    cannot nest deeper than it and skip the scan.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in _loader("safe").parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ParseError(
                        f"the document is nested more than {MAX_DEPTH} levels deep",
                        from_zero_based(shown, mark.line, mark.column) if mark else SourceLocation(shown),
                        "a progress file is a few levels deep; look for unbalanced '[' or '{'",
                        vi=(
                            f"tài liệu lồng nhau quá {MAX_DEPTH} cấp",
                            "tệp tiến độ chỉ lồng vài cấp; kiểm tra các dấu '[' hoặc '{' không cân đối",
                        ),
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return  # a syntax error: the parse that follows reports it with its location


class _Unusual(Exception):
    """A node the fast path leaves to ruamel's constructor (merge keys, explicit exotic tags, a
    repeated key, whose error message the constructor words best)."""


_YAML = "tag:yaml.org,2002:"


def _tag(node: Any) -> str:
    # Resolved tags have no handle: their suffix is the whole tag, without Tag.__str__'s decoding.
    ctag = node.ctag
    return str(ctag.suffix) if ctag.handle is None and ctag.suffix is not None else str(node.tag)


def _scalar(node: Any) -> Any:
    tag = _tag(node)
    value = str(node.value)
    if not tag.startswith(_YAML):
        raise _Unusual(tag)
    kind = tag[len(_YAML):]
    if kind in ("str", "timestamp"):  # timestamps stay text: dates.py says what is wrong with one
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() in ("true", "yes", "on")
    if kind == "int":
        text = value.replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2].lower(), 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    if kind == "float":
        text = value.replace("_", "").lower()
        if text.lstrip("+-") in (".inf", ".nan"):
            return float(text.replace(".", ""))
        return float(text)
    raise _Unusual(tag)


def _compose_plain(text: str) -> tuple[Any, dict[tuple[Any, ...], tuple[int, int]]] | None:
    """Plain data and every key's and item's position from one pass of the C composer.

    About three times cheaper than ruamel's safe loader (whose constructor is Python), and the
    positions come with it. None when the document needs the full loader (see _Unusual), or does
    not compose: the full loader then says exactly what is wrong.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    try:
        root = _loader("safe").compose(text)
    except (YAMLError, RecursionError):
        return None
    index: dict[tuple[Any, ...], tuple[int, int]] = {}
    built: dict[int, Any] = {}

    def build(node: Any, path: tuple[Any, ...]) -> Any:
        if id(node) in built:  # an alias: the same object again; to_plain expands it, within budget
            return built[id(node)]
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            built[id(node)] = items
            for i, child in enumerate(node.value):
                index.setdefault((*path, i), (child.start_mark.line, child.start_mark.column))
                items.append(build(child, (*path, i)))
            return items
        if isinstance(node, MappingNode):
            mapping: dict[Any, Any] = {}
            built[id(node)] = mapping
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or _tag(key_node) == _YAML + "merge":
                    raise _Unusual("key")
                key = _scalar(key_node)
                if key in mapping:
                    raise _Unusual("duplicate key")
                where = (key_node.start_mark.line, key_node.start_mark.column)
                step = (*path, str(key_node.value))
                index.setdefault(step, where)
                if not isinstance(key, str):
                    index.setdefault((*path, key), where)
                mapping[key] = build(value_node, step)
            return mapping
        raise _Unusual(type(node).__name__)

    try:
        return (build(root, ()) if root is not None else None), index
    except (_Unusual, ValueError, RecursionError):
        return None


def _at_first_alias(error: ParseError, text: str, shown: str) -> ParseError:
    """An expansion past the budget, placed at the first alias: where the file starts repeating."""
    import re

    match = re.search(r"(?<![\w\\])\*[^\s,\]\}]+", text)
    if error.location is not None and error.location.line is None and match:
        line = text.count("\n", 0, match.start())
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        return ParseError(error.message, from_zero_based(shown, line, column), error.hint, vi=error.vi)
    return error


def load_text(text: str, shown: str) -> Document:
    _refuse_deep_nesting(text, shown)
    fast = _compose_plain(text)
    if fast is not None:
        data, index = fast
        try:
            plain = to_plain(data, shown)
        except ParseError as error:
            raise _at_first_alias(error, text, shown) from error
        return Document(path=shown, text=text, data=plain, _root=index)
    try:
        raw = _parse(text, shown, "safe")
    except ParseError:
        # The C parser's messages and marks are less precise; let the round-trip parser say it.
        _parse(text, shown, "rt")
        raise
    return Document(path=shown, text=text, data=to_plain(raw, shown))


def atomic_write_text(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place.

    Refuses to replace an existing file unless ``force``; an interrupted write leaves the old
    file (or no file) behind, never half of one.
    """
    if path.exists() and not force:
        raise FileExistsError(str(path))
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file private (0600); give it the mode any new file of the user's
        # would have, or keep the mode of the file it replaces.
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# -- writing ---------------------------------------------------------------------------------


@dataclass
class Entry:
    """One key of a mapping to write, with the comments a person filling the file will read."""

    key: str
    value: Any  # a scalar, None (left for the user to fill), a list, or a list of Entry (a mapping)
    comment: str | None = None  # at the end of the key's line
    before: tuple[str, ...] = ()  # whole comment lines above the key


def dump_commented(entries: list[Entry], header: tuple[str, ...] = ()) -> str:
    """YAML text for ``entries``, comments included, written by ruamel's round-trip dumper."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def build(items: list[Entry], indent: int) -> Any:
        mapping = CommentedMap()
        for entry in items:
            value = entry.value
            if isinstance(value, list) and value and all(isinstance(v, Entry) for v in value):
                value = build(value, indent + 2)
            elif isinstance(value, list):
                value = CommentedSeq(value)
                value.fa.set_flow_style()
            elif isinstance(value, dict):
                value = CommentedMap(value)
                value.fa.set_flow_style()
            mapping[entry.key] = value
            if entry.comment:
                mapping.yaml_add_eol_comment(entry.comment, entry.key, column=0)
            if entry.before:
                mapping.yaml_set_comment_before_after_key(entry.key, before="\n".join(entry.before), indent=indent)
        return mapping

    root = build(entries, 0)
    if header:
        root.yaml_set_start_comment("\n".join(header))
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 120
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()
