"""YAML input: bytes -> text -> plain data with every key's and item's position. The only module
that knows ruamel.

A document is built here from the event stream of ruamel's C parser (libyaml), by one iterative
loop: no recursive composer and no constructor ever sees the input. That is what makes every bound
hold whatever the file does:

* **size** before reading (:func:`read_bytes`: regular files only, checked on the open descriptor);
* **depth** at every collection start, whichever way it nests (block sequences ``- - -``, block
  mappings, complex keys ``? ? ?``, flow brackets): ruamel's C composer recurses once per level and
  crashed the interpreter on a few tens of thousands of levels, which fit in 60 KB;
* **expansion**, in values and in characters, counted as aliases are met ("billion laughs", or one
  500 KB string aliased 800 times), before anything is copied: an alias shares its value;
* **numbers** of at most :data:`MAX_NUMBER_CHARS` characters (Python refuses, or is slow on,
  integers of thousands of digits, and a count never has them);
* **tags**: only YAML's standard scalar and collection tags, each checked against its value
  (``!!int abc`` and ``!!bool maybe`` are errors at their line, never a crash or a silent false);
  sets, ordered maps, binary and application tags are refused.

Every refusal is a :class:`ParseError` with the file, line and column. Duplicate keys, reused
anchors and second documents are refused too. Timestamps stay the text the user wrote (dates are
parsed by :mod:`cchc_cli.dates`, which knows ``dd/mm/yyyy`` and says clearly what is wrong).
"""

from __future__ import annotations

import codecs
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

from cchc_cli.errors import ParseError
from cchc_cli.location import SourceLocation, from_zero_based
from cchc_cli.bilingual import Bilingual

MAX_FILE_BYTES = 2 * 1024 * 1024
#: values (scalars and collections) a document may expand to, aliases counted each time they occur
MAX_NODES = 200_000
#: characters of scalar text a document may expand to: twice the largest file, so a file without
#: aliases always fits and one that repeats a long string through aliases does not
MAX_EXPANDED_CHARS = 2 * MAX_FILE_BYTES
MAX_DEPTH = 64
#: the longest number literal read; a count or a rate never needs more
MAX_NUMBER_CHARS = 32

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


def _vi_count(number: int) -> str:
    """A whole number as Vietnamese groups its digits: 2.097.152 (the point, not the comma)."""
    from cchc_cli.numbers import count

    return count(number, "vi")


def os_problem(error: OSError) -> Bilingual:
    """What an operating-system refusal means, in both languages.

    Never ``strerror``: it is the C library's English ("No such file or directory") whatever
    language the report is in. A refusal not listed here is named by its errno code, which a
    search or an IT colleague can look up.
    """
    import errno

    code = error.errno or 0
    known = _OS_PROBLEMS.get(errno.errorcode.get(code, ""))
    if known is not None:
        return known
    name = errno.errorcode.get(code, "?")
    return Bilingual(f"hệ điều hành từ chối ({name})", f"the system refused ({name})")


#: errno names -> what each means; by name, as some codes differ between systems
_OS_PROBLEMS: dict[str, Bilingual] = {
    "ENOENT": Bilingual("không tìm thấy tệp hay thư mục", "no such file or directory"),
    "EACCES": Bilingual("không có quyền truy cập", "permission denied"),
    "EPERM": Bilingual("thao tác không được phép", "operation not permitted"),
    "ENAMETOOLONG": Bilingual("tên tệp quá dài", "the file name is too long"),
    "ELOOP": Bilingual("quá nhiều tầng liên kết tượng trưng (liên kết vòng?)", "too many levels of symbolic links (a link loop?)"),
    "ENOTDIR": Bilingual("một phần của đường dẫn không phải thư mục", "a part of the path is not a directory"),
    "EISDIR": Bilingual("đây là một thư mục, không phải một tệp", "this is a directory, not a file"),
    "ENOSPC": Bilingual("ổ đĩa đã hết chỗ", "no space left on the disk"),
    "EDQUOT": Bilingual("đã vượt hạn mức dung lượng đĩa", "the disk quota is exceeded"),
    "EROFS": Bilingual("hệ thống tệp chỉ cho đọc", "the file system is read-only"),
    "EEXIST": Bilingual("tệp đã tồn tại", "the file already exists"),
    "EBUSY": Bilingual("tệp đang bận (chương trình khác đang dùng)", "the file is busy (in use by another program)"),
    "ETXTBSY": Bilingual("tệp đang bận (chương trình khác đang dùng)", "the file is busy (in use by another program)"),
    "EIO": Bilingual("lỗi đọc ghi của ổ đĩa hay thiết bị", "an input/output error of the disk or device"),
    "EMFILE": Bilingual("đang mở quá nhiều tệp", "too many files are open"),
    "ENFILE": Bilingual("hệ thống đang mở quá nhiều tệp", "too many files are open on the system"),
    "EFBIG": Bilingual("tệp quá lớn", "the file is too large"),
    "EINVAL": Bilingual("tên hoặc thao tác không hợp lệ", "the name or the operation is not valid"),
    "ENXIO": Bilingual("không có thiết bị này (hoặc không có chương trình nào đọc từ đường ống)", "no such device (or nothing reads from the pipe)"),
    "ENODEV": Bilingual("không có thiết bị này", "no such device"),
    "EAGAIN": Bilingual("tài nguyên tạm thời không dùng được; hãy thử lại", "the resource is temporarily unavailable; try again"),
    "EPIPE": Bilingual("chương trình nhận kết quả đã đóng", "the reader of the output went away"),
    "EXDEV": Bilingual("không chuyển được tệp sang ổ đĩa khác", "the file cannot be moved across disks"),
    "ETIMEDOUT": Bilingual("thao tác quá thời gian chờ (ổ đĩa mạng?)", "the operation timed out (a network drive?)"),
    "ESTALE": Bilingual("tệp trên mạng không còn truy cập được", "the network file is no longer available"),
}


def same_file_key(path: Path) -> Path:
    """What tells two names of one file apart from two files: the resolved path, or the absolute
    one when the system will not resolve it (a name too long, a loop of links). Reading that
    file later says what is wrong with it; naming it must not crash."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def is_directory(path: Path) -> bool:
    """``path.is_dir()`` that answers False where the system refuses the name, rather than raising."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _unreadable(error: OSError, shown: str) -> ParseError:
    """The file could not be opened or read: the system's reason, in both languages."""
    vi, en = os_problem(error)
    return ParseError(Bilingual(f"không đọc được tệp: {vi}", f"cannot read the file: {en}"), SourceLocation(shown))


def read_bytes(path: Path, display: str | None = None, limit: int | None = None) -> bytes:
    """A regular file's bytes, refused before reading when it is too large or not a regular file.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and checked on
    its open descriptor, so what is checked is what is read; devices and pipes are refused, and at
    most ``limit`` + 1 bytes are ever read, whatever the file claims.
    """
    import stat

    limit = MAX_FILE_BYTES if limit is None else limit
    # The name as given: locations carry it exactly (it is the file's identity in every report)
    # and show it made visible (SourceLocation.__str__, the renderers).
    shown = display or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as e:
        raise ParseError(
            Bilingual(
                "không tìm thấy tệp",
                "file not found",
            ),
            SourceLocation(shown),
            Bilingual(
                "kiểm tra lại đường dẫn và tên tệp",
                "check the path and the file name",
            ),
        ) from e
    except PermissionError as e:
        raise ParseError(
            Bilingual(
                "không có quyền đọc tệp",
                "no permission to read the file",
            ),
            SourceLocation(shown),
            Bilingual(
                "hãy xin quyền đọc tệp, hoặc sao chép tệp tới nơi bạn được đọc",
                "ask for the right to read it, or copy it somewhere you may read",
            ),
        ) from e
    except OSError as e:
        raise _unreadable(e, shown) from e
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ParseError(
                Bilingual(
                    "đây là một thư mục, không phải một tệp",
                    "this is a directory, not a file",
                ),
                SourceLocation(shown),
            )
        if not stat.S_ISREG(info.st_mode):
            raise ParseError(
                Bilingual(
                    "đây không phải tệp thông thường (mà là thiết bị, đường ống hay ổ cắm mạng); cchc chỉ đọc tệp",
                    "this is not a regular file (a device, pipe or socket); cchc reads only files",
                ),
                SourceLocation(shown),
                Bilingual(
                    "hãy lưu nội dung thành một tệp rồi đưa tên tệp đó",
                    "save the content to a file and give its name",
                ),
            )
        if info.st_size > limit:
            raise ParseError(
                Bilingual(
                    f"tệp dài {_vi_count(info.st_size)} byte, vượt giới hạn {_vi_count(limit)} byte",
                    f"file is {info.st_size:,} bytes, above the limit of {limit:,} bytes",
                ),
                SourceLocation(shown),
                Bilingual(
                    "tệp tiến độ hay tệp kế hoạch chỉ vài kilobyte; có đúng tệp không?",
                    "a progress or plan file is a few kilobytes; is this the right file?",
                ),
            )
        os.set_blocking(fd, True)
        raw = _read_at_most(lambda n: os.read(fd, n), limit)
    except OSError as e:
        raise _unreadable(e, shown) from e
    finally:
        os.close(fd)
    if len(raw) > limit:  # the file grew while it was read
        raise ParseError(
            Bilingual(
                f"tệp vượt giới hạn {_vi_count(limit)} byte",
                f"file is larger than the limit of {limit:,} bytes",
            ),
            SourceLocation(shown),
        )
    return raw


def _read_at_most(read: Callable[[int], bytes], limit: int) -> bytes:
    """At most ``limit`` + 1 bytes from ``read``, in chunks: the byte past the limit is what tells
    a source that is too large from one that just fits, and nothing beyond it is read."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


#: How a progress file read from standard input (``cchc check -``) is named in every report.
STDIN_SHOWN = "<stdin>"


def read_stdin(limit: int | None = None) -> bytes:
    """Standard input's bytes, bounded like a file's: at most ``limit`` + 1 bytes are ever read.

    A pipe has no size to check first, so the one byte past the limit is what tells a file that
    is too large from one that just fits; the rest of the stream is left unread.
    """
    import sys

    limit = MAX_FILE_BYTES if limit is None else limit
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ParseError(
            Bilingual(
                "đầu vào chuẩn đã đóng",
                "standard input is closed",
            ),
            SourceLocation(STDIN_SHOWN),
            Bilingual(
                "hãy chuyển tệp vào: cchc check - < TỆP",
                "pipe the file in: cchc check - < FILE",
            ),
        )
    try:
        raw = _read_at_most(stream.read, limit)
    except OSError as e:
        vi, en = os_problem(e)
        raise ParseError(
            Bilingual(
                f"không đọc được đầu vào chuẩn: {vi}",
                f"cannot read standard input: {en}",
            ),
            SourceLocation(STDIN_SHOWN),
        ) from e
    if len(raw) > limit:
        raise ParseError(
            Bilingual(
                f"đầu vào chuẩn vượt giới hạn {_vi_count(limit)} byte",
                f"standard input is larger than the limit of {limit:,} bytes",
            ),
            SourceLocation(STDIN_SHOWN),
            Bilingual(
                "tệp tiến độ chỉ vài kilobyte; có đúng tệp không?",
                "a progress file is a few kilobytes; is this the right file?",
            ),
        )
    return raw


def read_text(path: Path, display: str | None = None) -> str:
    """Read a file as UTF-8 text, refusing what is too large or not text, with a clear reason."""
    return decode(read_bytes(path, display), display or str(path))


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 (a BOM is accepted) or UTF-16 with a BOM; name the likely encoding otherwise."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ParseError(
                Bilingual(
                    "tệp ghi là bảng mã UTF-16 nhưng không đọc được theo UTF-16",
                    "the file says UTF-16 but does not decode as UTF-16",
                ),
                SourceLocation(shown),
                Bilingual(
                    "lưu tệp với bảng mã UTF-8 (Unicode)",
                    "save the file as UTF-8",
                ),
            ) from e
    if b"\x00" in raw:
        raise ParseError(
            Bilingual(
                "tệp chứa byte NUL: đây là tệp nhị phân, không phải văn bản YAML",
                "the file contains NUL bytes: it is binary, not YAML text",
            ),
            SourceLocation(shown),
            Bilingual(
                "lưu tệp dưới dạng văn bản thuần (UTF-8)",
                "save it as plain text (UTF-8)",
            ),
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
            Bilingual(
                "tệp không phải văn bản UTF-8 hợp lệ",
                "the file is not valid UTF-8",
            ),
            SourceLocation(shown, line),
            Bilingual(hint_vi, hint) if hint is not None and hint_vi is not None else None,
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
    #: every key's and item's 0-based (line, column), by data path
    _root: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict, repr=False)
    #: the text of each value YAML read as a float, by data path: ``1.610`` reads as 1.61, and a
    #: message must quote what the officer typed (a Vietnamese thousands separator), not 1.61
    _floats: dict[tuple[Any, ...], str] = field(default_factory=dict, repr=False)

    def written(self, data_path: DataPath) -> str | None:
        """The text the file wrote for the number at ``data_path``, when YAML read it as a float."""
        return self._floats.get(tuple(data_path))

    def locate(self, data_path: DataPath) -> SourceLocation:
        """The 1-based location of the deepest part of ``data_path`` that exists in the file."""
        index = self._root
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


def load(path: Path, display: str | None = None) -> Document:
    """Read and parse a YAML file within every bound of this module."""
    shown = display or str(path)
    return load_text(read_text(path, display), shown)


def load_text(text: str, shown: str) -> Document:
    """Parse YAML text into a :class:`Document`, or raise a located :class:`ParseError`."""
    import warnings

    from ruamel.yaml.error import YAMLError

    builder = _Builder(shown)
    # ruamel reports some oddities as Python warnings, which would reach stderr raw, mid-report.
    # None arise on this path today (no composer runs); should a version add one, it becomes an
    # input error at the file rather than a line printed outside every format.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            for event in _loader("safe").parse(text):
                builder.feed(event)
        except YAMLError as e:
            problem, cause = _syntax_error(e, text, shown)
            raise problem from cause
    if caught:
        from cchc_cli.text import visible

        said = visible(str(caught[0].message))[:200]
        raise ParseError(
            Bilingual("bộ đọc YAML cảnh báo về tệp này", f"YAML warning: {said}"),
            SourceLocation(shown),
            # the warning is the library's English: a Vietnamese report names where to read it
            Bilingual("chạy lại với --lang en để xem nội dung cảnh báo (tiếng Anh)", ""),
        )
    return Document(path=shown, text=text, data=builder.result, _root=builder.index, _floats=builder.floats)


# -- building plain data from the event stream ------------------------------------------------

_STANDARD = "tag:yaml.org,2002:"
_STR = _STANDARD + "str"


def _refusal(shown: str, mark: Any, message: Bilingual, hint: Bilingual | None = None) -> ParseError:
    where = from_zero_based(shown, mark.line, mark.column) if mark is not None else SourceLocation(shown)
    return ParseError(message, where, hint)


class _ImplicitTags:
    """What a plain scalar means in one YAML version (``yes`` is a boolean in 1.1 only), from
    ruamel's own resolver table, remembered per value: a roll-up reads the same keys thousands of
    times, and ruamel's ``resolve`` rebuilds its candidate list on every call."""

    def __init__(self, version: tuple[int, int]) -> None:
        from ruamel.yaml.nodes import ScalarNode

        self._resolver = _fast_resolver()(version=version)
        self._node = ScalarNode
        self._known: dict[str, str] = {}

    def __call__(self, value: str) -> str:
        kind = self._known.get(value)
        if kind is None:
            kind = str(self._resolver.resolve(self._node, value, (True, False)).suffix)
            if len(value) <= 64 and len(self._known) < 20_000:
                self._known[value] = kind
        return kind


@cache
def _resolver(version: tuple[int, int]) -> _ImplicitTags:
    return _ImplicitTags(version)


class _Collection:
    """A mapping or sequence being built: its data, where it is, and what it is waiting for."""

    __slots__ = (
        "data", "path", "anchor", "mark", "start", "height", "key", "key_text", "key_mark", "merges", "is_map", "is_key"
    )

    def __init__(self, data: Any, path: tuple[Any, ...], anchor: str | None, mark: Any, start: tuple[int, int]) -> None:
        self.data = data
        self.mark = mark
        self.path = path
        self.anchor = anchor
        #: (values, characters) counted when the collection opened: what an alias to it repeats
        self.start = start
        #: levels of nesting below it (for aliases, which repeat their depth where they are used)
        self.height = 0
        self.is_map = isinstance(data, dict)
        self.key: Any = _NO_KEY
        self.key_text = ""
        self.key_mark: Any = None
        #: mappings merged in with ``<<``, in order of precedence
        self.merges: list[dict[Any, Any]] = []
        #: a list or mapping written as a key (``? [a, b]``): refused once it ends, so that a
        #: chain of them is reported for its depth first, like any other nesting
        self.is_key = False


_NO_KEY = object()
_MERGE = object()


class _Builder:
    """Plain data from parser events, one event at a time, within the module's bounds."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.stack: list[_Collection] = []
        self.anchors: dict[str, tuple[Any, int, int, int]] = {}  # value, values, characters, height
        self.index: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.floats: dict[tuple[Any, ...], str] = {}
        self.values = 0
        self.chars = 0
        self.documents = 0
        self.resolver: Any = _resolver((1, 2))
        self.result: Any = None
        self._handlers = {
            "ScalarEvent": self._on_scalar,
            "MappingStartEvent": self._on_mapping,
            "SequenceStartEvent": self._on_sequence,
            "MappingEndEvent": self._on_end,
            "SequenceEndEvent": self._on_end,
            "AliasEvent": self._alias,
            "DocumentStartEvent": self._document,
        }

    # events ------------------------------------------------------------------------------------

    def feed(self, event: Any) -> None:
        handler = self._handlers.get(type(event).__name__)
        if handler is not None:
            handler(event)

    def _on_scalar(self, event: Any) -> None:
        value = self._scalar(event)
        if type(value) is float and self.stack:  # keep what was typed: 1.610 is 1.61 from here on
            parent = self.stack[-1]
            if not parent.is_map:
                self.floats[(*parent.path, len(parent.data))] = str(event.value)
            elif parent.key is not _NO_KEY and parent.key is not _MERGE:
                self.floats[(*parent.path, parent.key_text)] = str(event.value)
        self._place(value, event, 0)

    def _on_mapping(self, event: Any) -> None:
        self._open(event, True)

    def _on_sequence(self, event: Any) -> None:
        self._open(event, False)

    def _on_end(self, event: Any) -> None:
        self._close()

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _refusal(
                self.shown,
                event.start_mark,
                Bilingual(
                    "tệp chứa tài liệu YAML thứ hai; tệp tiến độ, kế hoạch hay thiết lập chỉ là một tài liệu",
                    "the file holds a second YAML document; a progress, plan or settings file is one document",
                ),
                Bilingual(
                    "xóa dấu '---' thứ hai và phần sau nó, hoặc gộp hai phần lại",
                    "remove the second '---' and what follows it, or merge the two parts",
                ),
            )
        version = event.version or (1, 2)
        if tuple(version) not in ((1, 1), (1, 2)):
            shown = ".".join(str(v) for v in version)
            raise _refusal(
                self.shown,
                event.start_mark,
                Bilingual(
                    f"không hỗ trợ YAML phiên bản {shown}; cchc đọc YAML 1.2 (và 1.1)",
                    f"YAML version {shown} is not supported; cchc reads YAML 1.2 (and 1.1)",
                ),
                Bilingual("xóa dòng %YAML", "remove the %YAML line"),
            )
        self.resolver = _resolver(tuple(version))

    def _count(self, values: int, chars: int, mark: Any) -> None:
        self.values += values
        self.chars += chars
        for used, limit, what, what_vi in (
            (self.values, MAX_NODES, "values", "giá trị"),
            (self.chars, MAX_EXPANDED_CHARS, "characters of text", "ký tự"),
        ):
            if used > limit:
                raise _refusal(
                    self.shown,
                    mark,
                    Bilingual(
                        f"tài liệu chứa, hoặc bung ra qua các tham chiếu '*' thành, hơn {_vi_count(limit)} {what_vi}",
                        f"the document holds, or expands through aliases to, more than {limit:,} {what}",
                    ),
                    Bilingual(
                        "tệp tiến độ chỉ vài kilobyte và không cần điểm neo '&' hay tham chiếu '*'; hãy viết thẳng các giá trị",
                        "a progress file is a few kilobytes and needs no anchors or aliases; write the values out",
                    ),
                )

    def _too_deep(self, mark: Any) -> ParseError:
        return _refusal(
            self.shown,
            mark,
            Bilingual(
                f"tài liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp)",
                f"the document is nested too deeply (more than {MAX_DEPTH} levels)",
            ),
            Bilingual(
                "tệp tiến độ chỉ lồng vài cấp; kiểm tra các dấu '-', '?', '[' hoặc '{' thừa",
                "a progress file is a few levels deep; look for stray '-', '?', '[' or '{'",
            ),
        )

    def _open(self, event: Any, is_map: bool) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self._too_deep(event.start_mark)
        tag = event.tag
        expected = _STANDARD + ("map" if is_map else "seq")
        if tag not in (None, "!", expected):
            raise self._bad_tag(tag, event.start_mark, "mapping" if is_map else "list")
        self._count(1, 0, event.start_mark)
        parent = self.stack[-1] if self.stack else None
        is_key = parent is not None and parent.is_map and parent.key is _NO_KEY
        data: Any = {} if is_map else []
        path = parent.path if is_key and parent is not None else self._child_path(event.start_mark)
        opened = _Collection(data, path, event.anchor, event.start_mark, (self.values - 1, self.chars))
        opened.is_key = is_key
        self.stack.append(opened)

    def _key_not_single(self, mark: Any) -> ParseError:
        return _refusal(
            self.shown,
            mark,
            Bilingual(
                "khóa phải là một giá trị đơn, không phải danh sách hay bảng",
                "a key must be a single value, not a list or mapping",
            ),
            Bilingual(
                "hãy viết 'khóa: giá trị'; dấu '?' ở đầu dòng mở ra một khóa như vậy",
                "write 'key: value'; a '?' at the start of a line begins such a key",
            ),
        )

    def _child_path(self, mark: Any) -> tuple[Any, ...]:
        """The data path of the value about to be placed, recording where it starts."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if parent.is_map:
            return (*parent.path, parent.key_text)
        step = (*parent.path, len(parent.data))
        self.index.setdefault(step, (mark.line, mark.column))
        return step

    def _close(self) -> None:
        done = self.stack.pop()
        if done.is_key:
            raise self._key_not_single(done.mark)
        if done.is_map and done.merges:
            for source in done.merges:
                for key, value in source.items():
                    if key not in done.data:
                        done.data[key] = value
                        merged_from = self.index.get((*done.path, "<<"))
                        if merged_from is not None:
                            self.index.setdefault((*done.path, str(key)), merged_from)
        if done.anchor is not None:
            self._remember(done.anchor, done.data, self.values - done.start[0], self.chars - done.start[1],
                           done.height + 1, done.mark)
        self._place(done.data, None, done.height + 1)

    def _remember(self, anchor: str, value: Any, values: int, chars: int, height: int, mark: Any) -> None:
        if anchor in self.anchors:
            anchor = _name(anchor)
            raise _refusal(
                self.shown,
                mark,
                Bilingual(
                    f"điểm neo &{anchor} được khai báo hai lần; tham chiếu tới nó sẽ không rõ ràng",
                    f"the anchor &{anchor} is defined twice; an alias to it would be ambiguous",
                ),
                Bilingual(
                    "đặt tên riêng cho mỗi điểm neo '&' (tệp tiến độ không cần điểm neo)",
                    "give each anchor its own name (progress files need none)",
                ),
            )
        self.anchors[anchor] = (value, values, chars, height)

    def _alias(self, event: Any) -> None:
        known = self.anchors.get(event.anchor)
        if known is None:
            name = _name(event.anchor)
            raise _refusal(
                self.shown,
                event.start_mark,
                Bilingual(
                    f"tham chiếu *{name} không trỏ tới điểm neo nào được khai báo trước nó (hoặc trỏ tới chính giá trị chứa nó)",
                    f"the alias *{name} refers to no anchor defined before it (or to the value that contains it)",
                ),
                Bilingual(
                    "khai báo '&tên' trước khi dùng '*tên', bên ngoài giá trị dùng nó; "
                    "nếu dấu '*' là một phần của chữ, hãy đặt giá trị trong dấu nháy",
                    "define '&name' before using '*name', outside the value that uses it; "
                    "if the '*' is part of the text, put the value in quotes",
                ),
            )
        value, values, chars, height = known
        if len(self.stack) + height > MAX_DEPTH:
            raise self._too_deep(event.start_mark)
        self._count(values, chars, event.start_mark)
        if self.stack and self.stack[-1].is_map and self.stack[-1].key is _NO_KEY and isinstance(value, (dict, list)):
            raise self._key_not_single(event.start_mark)
        if not self.stack or not self.stack[-1].is_map or self.stack[-1].key is not _NO_KEY:
            self._child_path(event.start_mark)
        self._place(value, event, height)

    def _place(self, value: Any, event: Any, height: int) -> None:
        """Put a finished value where it belongs: the document, a list item, a key, or a value."""
        if not self.stack:
            self.result = value
            return
        parent = self.stack[-1]
        parent.height = max(parent.height, height)
        if not parent.is_map:
            if event is not None and type(event).__name__ == "ScalarEvent":
                self.index.setdefault((*parent.path, len(parent.data)), (event.start_mark.line, event.start_mark.column))
            parent.data.append(value)
            return
        if parent.key is _NO_KEY:  # this value is a key
            mark = event.start_mark
            key_text = str(event.value) if type(event).__name__ == "ScalarEvent" else str(value)
            if value is _MERGE:
                parent.key, parent.key_text, parent.key_mark = _MERGE, "<<", mark
                self.index.setdefault((*parent.path, "<<"), (mark.line, mark.column))
                return
            if value in parent.data:
                first = self.index.get((*parent.path, key_text))
                at = f" (first at line {first[0] + 1})" if first else ""
                at_vi = f" (lần đầu ở dòng {first[0] + 1})" if first else ""
                from cchc_cli.text import quoted

                raise _refusal(
                    self.shown,
                    mark,
                    Bilingual(
                        f"khóa {quoted(key_text, lang='vi')} bị lặp{at_vi}",
                        f"duplicate key {quoted(key_text)}{at}",
                    ),
                    Bilingual(
                        "mỗi khóa chỉ được xuất hiện một lần; xóa hoặc đổi tên khóa bị lặp",
                        "each key may appear once in a mapping; remove or rename the repeated one",
                    ),
                )
            parent.key, parent.key_text, parent.key_mark = value, key_text, mark
            where = (mark.line, mark.column)
            self.index.setdefault((*parent.path, key_text), where)
            if not isinstance(value, str):
                self.index.setdefault((*parent.path, value), where)
            return
        if parent.key is _MERGE:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(source, dict) for source in sources):
                raise _refusal(
                    self.shown,
                    parent.key_mark,
                    Bilingual(
                        "'<<' dùng để gộp bảng: giá trị của nó phải là một bảng, tham chiếu '*' tới bảng, hoặc danh sách các bảng",
                        "'<<' merges mappings: give it a mapping, an alias to one, or a list of them",
                    ),
                )
            parent.merges.extend(sources)
        else:
            parent.data[parent.key] = value
        parent.key = _NO_KEY

    # scalars -----------------------------------------------------------------------------------

    def _scalar(self, event: Any) -> Any:
        value = str(event.value)
        mark = event.start_mark
        self.values += 1
        self.chars += len(value)
        if self.values > MAX_NODES or self.chars > MAX_EXPANDED_CHARS:
            self._count(0, 0, mark)
        tag = event.tag
        if tag is None and event.implicit[0]:
            kind = self.resolver(value)
            if kind == _STR:  # most values: nothing more to decide
                result: Any = value
            else:
                result = self._typed(kind, value, False, mark)
        elif tag is None or tag == "!":
            result = value
        else:
            result = self._typed(str(tag), value, True, mark)
        if event.anchor is not None:
            self._remember(event.anchor, result, 1, len(value), 0, mark)
        return result

    def _typed(self, kind: str, value: str, explicit: bool, mark: Any) -> Any:
        name = kind[len(_STANDARD):] if kind.startswith(_STANDARD) else None
        if name in ("str", "timestamp"):  # timestamps stay text: dates.py says what is wrong with one
            return value
        if name == "merge":
            return _MERGE if not explicit or value == "<<" else value
        if name == "null":
            if value in ("", "~", "null", "Null", "NULL"):
                return None
            raise self._not_a(value, mark, "null", "an empty value ('~' or 'null')", "một giá trị rỗng ('~' hoặc 'null')")
        if name == "bool":
            word = value.lower()
            if word in ("true", "yes", "on"):
                return True
            if word in ("false", "no", "off"):
                return False
            raise self._not_a(value, mark, "bool", "true or false", "true hoặc false")
        if name in ("int", "float"):
            if len(value) > MAX_NUMBER_CHARS:
                raise _refusal(
                    self.shown,
                    mark,
                    Bilingual(
                        f"một số dài {_vi_count(len(value))} ký tự; cchc chỉ đọc số dài tối đa {MAX_NUMBER_CHARS} ký tự",
                        f"a number of {len(value):,} characters; cchc reads numbers of at most {MAX_NUMBER_CHARS}",
                    ),
                    Bilingual(
                        "số đếm là số nguyên như 45; đoạn chữ khác hãy đặt trong dấu nháy",
                        "counts are whole numbers such as 45; put any other text in quotes",
                    ),
                )
            number = _int(value) if name == "int" else _float(value)
            if number is not None:
                return number
            if not explicit:  # the resolver's pattern and the conversion disagree: keep the text
                return value
            if name == "int":
                raise self._not_a(value, mark, "int", "a whole number", "một số nguyên")
            raise self._not_a(value, mark, "float", "a number (with a decimal point, not a comma)",
                              "một số (dùng dấu chấm thập phân, không dùng dấu phẩy)")
        if name in ("value", "yaml") and not explicit:  # YAML 1.1's '=' and '!': plain text here
            return value
        raise self._bad_tag(kind, mark, "value")

    def _not_a(self, value: str, mark: Any, tag: str, what: str, what_vi: str) -> ParseError:
        from cchc_cli.text import quoted

        return _refusal(
            self.shown,
            mark,
            Bilingual(
                f"{quoted(value, lang='vi')} được gắn thẻ !!{tag} nhưng không phải {what_vi}",
                f"{quoted(value)} is tagged !!{tag} but is not {what}",
            ),
            Bilingual(f"hãy viết {what_vi}, hoặc bỏ thẻ !!{tag}", f"write {what}, or remove the !!{tag} tag"),
        )

    def _bad_tag(self, tag: str, mark: Any, what: str) -> ParseError:
        from cchc_cli.text import quoted

        shown = "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag
        what_vi = {"mapping": "bảng", "list": "danh sách"}.get(what, "giá trị")
        return _refusal(
            self.shown,
            mark,
            Bilingual(
                f"không hỗ trợ thẻ {quoted(shown, lang='vi')} trên {what_vi}; cchc chỉ đọc giá trị, danh sách và bảng thông thường",
                f"the tag {quoted(shown)} is not supported on a {what}; cchc reads plain values, lists and mappings",
            ),
            Bilingual("hãy bỏ thẻ này", "remove the tag"),
        )


def _name(anchor: str) -> str:
    """An anchor's name as a message shows it: one line, at most 40 characters."""
    from cchc_cli.text import visible

    return visible(anchor[:40]) + ("…" if len(anchor) > 40 else "")


def _int(text: str) -> int | None:
    """A YAML integer's value (1.2 core, and 1.1's underscores and sexagesimal), or None."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    try:
        if ":" in digits:
            total = 0
            for part in digits.split(":"):
                total = total * 60 + int(part)
            return sign * total
        base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2].lower(), 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    except ValueError:
        return None


def _float(text: str) -> float | None:
    lowered = text.replace("_", "").lower()
    if lowered.lstrip("+-") in (".inf", ".nan"):
        return float(lowered.replace(".", ""))
    try:
        return float(lowered)
    except ValueError:
        return None


def _syntax_error(e: Any, text: str, shown: str) -> tuple[ParseError, BaseException]:
    """A parser error as a located ParseError worded by :mod:`cchc_cli.yamlsyntax`, and the
    parser's own error to chain it to (its English shows only in a ``--debug`` traceback).

    libyaml's messages and marks are less precise than the pure-Python parser's, so the text is
    parsed again (events only: the parser keeps a state stack, it does not recurse) to word it.
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    from ruamel.yaml import YAML

    from cchc_cli import yamlsyntax

    error = e
    try:
        # A parser of its own: ruamel's keeps the last %YAML version it read on the YAML object.
        for _ in YAML(typ="rt").parse(text):
            pass
    except YAMLError as better:
        error = better
    except Exception:  # noqa: BLE001 - only the wording is at stake; libyaml's error stands
        pass
    if isinstance(error, ReaderError) and isinstance(error.character, int):
        # Its position counts bytes in libyaml and characters in ruamel: the character itself
        # says where it is.
        said = yamlsyntax.control_character(error.character, text, shown)
    elif isinstance(error, MarkedYAMLError):
        problem = error.problem or ""
        pm, cm = error.problem_mark, error.context_mark
        problem_at = from_zero_based(shown, pm.line, pm.column) if pm is not None else None
        context_at = from_zero_based(shown, cm.line, cm.column) if cm is not None else None
        if "incompatible YAML document" in problem:  # libyaml's words for a %YAML 1.3 or 2.0 line
            import re

            found = re.search(r"^%YAML[ \t]+(\S{1,20})", text, re.M)
            version = found.group(1) if found else "?"
            return ParseError(
                Bilingual(
                    f"không hỗ trợ YAML phiên bản {version}; cchc đọc YAML 1.2 (và 1.1)",
                    f"YAML version {version} is not supported; cchc reads YAML 1.2 (and 1.1)",
                ),
                problem_at or context_at or SourceLocation(shown),
                Bilingual(
                    "xóa dòng %YAML",
                    "remove the %YAML line",
                ),
            ), error
        said = yamlsyntax.explain(problem, error.context, text, problem_at, context_at, shown,
                                  _quoted_spans(text, shown, pm))
    else:
        said = yamlsyntax.unreadable(shown)
    import logging

    from cchc_cli.text import inert, visible

    # The parser's own words, for maintainers: shown with --debug, never in a report. Only its
    # problem and context, not the file's line that str(error) quotes: that line is the file's.
    raw = "; ".join(str(part) for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
    logging.getLogger(__name__).debug(
        "%s: the YAML parser said: %s", said.location, inert(visible(raw or type(error).__name__))
    )
    return ParseError(
        Bilingual(
            said.message_vi,
            said.message,
        ),
        said.location,
        Bilingual(
            said.hint_vi,
            said.hint,
        ),
    ), error


def _quoted_spans(text: str, shown: str, until: Any) -> list[tuple[SourceLocation, int]]:
    """Where each quoted value that spans lines opens, and the 1-based line it closes on, up to
    the parser's error at ``until``.

    An unclosed quote does not fail where it is: the value runs on over the lines below to the
    next quote of the same kind, and the parser fails there or later, far from the place to fix.
    These spans let :mod:`cchc_cli.yamlsyntax` see that (the scanner is read only on this error
    path, and only up to the error).
    """
    from ruamel.yaml import YAML

    spans: list[tuple[SourceLocation, int]] = []
    stop = (until.line, until.column) if until is not None else None
    try:
        for token in YAML(typ="rt").scan(text):
            start, end = token.start_mark, token.end_mark
            if stop is not None and (start.line, start.column) >= stop:
                break
            if getattr(token, "style", None) in ('"', "'") and end.line > start.line:
                spans.append((from_zero_based(shown, start.line, start.column), end.line + 1))
    except Exception:  # noqa: BLE001 - the scanner fails at (or near) the error; the spans before it stand
        pass
    return spans


def atomic_write_text(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place.

    Refuses to replace an existing file unless ``force``; an interrupted write leaves the old
    file (or no file) behind, never half of one.
    """
    atomic_write_bytes(path, text.encode("utf-8"), force=force)


def atomic_write_bytes(path: Path, data: bytes | IO[bytes], *, force: bool = False) -> None:
    """:func:`atomic_write_text` for bytes (a workbook): the same checks, modes and renaming.

    ``data`` may be an open binary file, read from where it stands to its end and copied in
    blocks: a streamed report spooled to a temporary file reaches its target without ever being
    held whole in memory."""
    if path.exists() and not force:
        raise FileExistsError(str(path))
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file private (0600); give it the mode any new file of the user's
        # would have, or keep the read and write bits of the file it replaces. Never an execute
        # bit (nor setuid, setgid, sticky): what cchc writes is data, and a report that replaced
        # an executable (a git hook) must not stay one.
        try:
            mode = path.stat().st_mode & 0o666
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                shutil.copyfileobj(data, handle)
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
