"""Where a run may write: every output it will write is checked before the first byte of any.

A run writes reports (``--format NAME=PATH``, ``--export``), progress files (``init -o``) and the
progress schema beside them. Every target is checked first, all of them, so that a run writes all
its outputs or none:

* it must not be a file the run reads (a progress file, the plan and its includes, the settings);
* it must not lie inside a ``.git`` directory (a report written as ``.git/hooks/pre-commit`` would
  run at the next commit);
* a target named by a settings file (``format: [plain=out.txt]`` in ``.cchc.yaml``), which comes
  with the repository being checked, is resolved against that file's directory and must stay
  inside it, links followed: ``../x``, an absolute path or a symlink out is a usage error;
* it is not a directory, a device or a pipe; an existing file is replaced only where the option
  allows it (``--format`` outputs, ``--force``, a calendar over a file that :func:`begins_with`
  ``BEGIN:VCALENDAR``); its directory exists or can be made, and is writable;
* two outputs never share a file.

Writes go through :func:`cchc_cli.yamlio.atomic_write_bytes`, which never leaves an execute bit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, NamedTuple

from cchc_cli.errors import UsageError
from cchc_cli.bilingual import Bilingual


class Target(NamedTuple):
    """One file a run will write."""

    path: Path
    #: the option that named it, as the user wrote it ("--format sarif", "--export", "-o")
    option: str
    #: may an existing file be replaced (report files are rewritten on every run; --force)
    replace: bool = True
    #: a target named by a settings file must stay inside this directory
    confined_to: Path | None = None
    #: where the settings named it ("\.cchc.yaml:4:3")
    origin: str | None = None
    #: make missing directories (CI report paths such as reports/cchc.sarif); exports and init
    #: want the directory to exist, as a person naming a file expects
    make_parents: bool = False


def _refuse(target: Target, what: Bilingual, hint: Bilingual | None = None) -> UsageError:
    from cchc_cli.text import visible

    shown = visible(str(target.path))
    where = f"{target.origin}: " if target.origin is not None else ""
    return UsageError(
        Bilingual(
            f"{where}{target.option}: {shown} {what.vi}",
            f"{where}{target.option}: {shown} {what.en}",
        ),
        None,
        hint,
    )


def cannot_write(target: Target | None, problem: OSError | Bilingual) -> UsageError:
    """The one wording of an output that cannot be written, whichever step found it: ``--format
    sarif: out/x.sarif cannot be written: <why>``; ``target`` None is standard output.

    ``problem`` is the OSError (worded by :func:`cchc_cli.yamlio.os_problem` in both languages, not
    the C library's English) or a reason in both languages."""
    if isinstance(problem, OSError):
        from cchc_cli.yamlio import os_problem

        problem = os_problem(problem)
    vi, en = problem
    if target is None:
        return UsageError(
            Bilingual(
                f"đầu ra chuẩn không ghi được: {vi}",
                f"standard output cannot be written: {en}",
            ),
        )
    return _refuse(target, Bilingual(f"không ghi được: {vi}", f"cannot be written: {en}"))


def _resolved(target: Target, path: Path) -> Path:
    try:
        return path.resolve()
    except OSError as e:  # a name too long
        raise cannot_write(target, e) from e
    except RuntimeError as e:  # a loop of links
        raise cannot_write(target, Bilingual(
            "quá nhiều tầng liên kết tượng trưng (liên kết vòng?)", "too many levels of symbolic links (a link loop?)"
        )) from e


def check(targets: Sequence[Target], reads: Iterable[Path]) -> None:
    """Refuse the run (UsageError) if any target may not be written; write nothing either way."""
    protected = set()
    for path in reads:
        try:
            protected.add(path.resolve())
        except (OSError, RuntimeError):
            continue
    seen: set[Path] = set()
    for target in targets:
        resolved = _resolved(target, target.path)
        if target.confined_to is not None:
            home = _resolved(target, target.confined_to)
            if not resolved.is_relative_to(home):
                raise _refuse(
                    target,
                    Bilingual(
                        f"nằm ngoài {home}, thư mục của tệp thiết lập; tệp kết quả khai báo trong thiết lập phải nằm trong đó",
                        f"is outside {home}, the directory of the settings file; outputs named in settings stay inside it",
                    ),
                    Bilingual(
                        "hãy đặt tệp trong thư mục của tệp thiết lập, hoặc khai báo tệp kết quả trên dòng lệnh",
                        "name a file below the settings file's directory, or give the output on the command line",
                    ),
                )
        # Any case: on macOS and Windows '.GIT/hooks' is the repository's own '.git/hooks'.
        if any(part.casefold() == ".git" for part in resolved.parts):
            raise _refuse(
                target,
                Bilingual(
                    "nằm trong thư mục .git; cchc không bao giờ ghi vào đó",
                    "is inside a .git directory; cchc never writes there",
                ),
            )
        if resolved in protected:
            raise _refuse(
                target,
                Bilingual(
                    "là tệp cchc đang đọc (tệp tiến độ, kế hoạch hoặc thiết lập); hãy chọn tệp kết quả khác",
                    "is a file cchc reads in this run (a progress file, the plan or the settings); choose another output file",
                ),
            )
        if resolved in seen:
            raise _refuse(
                target,
                Bilingual(
                    "được dùng cho hai kết quả; mỗi kết quả cần một tệp riêng",
                    "is named by two outputs; give each its own file",
                ),
            )
        seen.add(resolved)
        _check_place(target, resolved)


def _check_place(target: Target, resolved: Path) -> None:
    try:
        info = os.lstat(target.path)
    except FileNotFoundError:
        info = None
    except OSError as e:
        raise cannot_write(target, e) from e
    if info is not None:
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            # Written through (the link stays, the file it names is replaced), so what counts is
            # what it names: /dev/stdout is a link to a pipe or a terminal, never a report file.
            try:
                mode = os.stat(target.path).st_mode
            except OSError as e:
                raise _refuse(
                    target,
                    Bilingual("là liên kết tới nơi cchc không ghi được", "is a link to nothing cchc can write"),
                    Bilingual(
                        "hãy nêu một tệp thông thường, hoặc bỏ =TỆP để in ra màn hình",
                        "name a regular file, or leave out =PATH to write to standard output",
                    ),
                ) from e
        if stat.S_ISDIR(mode):
            raise _refuse(target, Bilingual("là một thư mục", "is a directory"), Bilingual("hãy nêu tên một tệp", "name a file"))
        if not stat.S_ISREG(mode):
            raise _refuse(
                target,
                Bilingual(
                    "không phải tệp thông thường (thiết bị hay đường ống)",
                    "is not a regular file (a device or a pipe)",
                ),
                Bilingual("bỏ =TỆP để in ra màn hình", "leave out =PATH to write to standard output"),
            )
        if not target.replace:
            raise _refuse(
                target,
                Bilingual("đã có; không ghi gì", "already exists; nothing was written"),
                Bilingual(
                    "chọn tên khác, hoặc thêm --force để ghi đè",
                    "choose another name, or pass --force to replace it",
                ),
            )
    # The nearest directory that exists must be a writable directory; the rest is made on write.
    parent = resolved.parent
    while target.make_parents and not parent.exists() and parent != parent.parent:
        if parent.is_symlink():  # a dangling link where a directory should be made
            break
        parent = parent.parent
    if not parent.exists() and not parent.is_symlink():
        raise cannot_write(target, Bilingual(f"thư mục {parent} không tồn tại", f"the directory {parent} does not exist"))
    if not parent.is_dir():
        raise cannot_write(target, Bilingual(f"{parent} không phải thư mục", f"{parent} is not a directory"))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise cannot_write(target, Bilingual(f"không có quyền ghi vào {parent}", f"no permission to write in {parent}"))


def begins_with(path: Path, head: bytes) -> bool:
    """Does the regular file at ``path`` (a link judged by what it names) begin with ``head``?

    For an output that may replace only a file of its own kind (a calendar over a calendar): at
    most ``len(head)`` bytes are read after a byte-order mark and blank lines, and a device, a pipe
    or a missing file is simply not one (:func:`check` says what it is instead)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        # O_NONBLOCK: should the file become a pipe after the stat above, the open does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            start = f.read(len(head) + 64)  # room for a BOM and a few blank lines, nothing more
    except (OSError, ValueError):
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n\t ").startswith(head)


def write(target: Target, text: str | bytes | IO[bytes]) -> None:
    """Write one checked target (atomically: the old file or the new one, never half); text is
    written as UTF-8, bytes (a workbook) as they are, an open binary file (a streamed report's
    spool) copied from where it stands. Every file a run writes goes through here."""
    from cchc_cli.yamlio import atomic_write_bytes

    path = target.path
    try:
        if path.is_symlink():  # a link to a regular file (checked): replace that file, keep the link
            path = path.resolve(strict=True)
        if target.make_parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, text.encode("utf-8") if isinstance(text, str) else text, force=target.replace)
    except FileExistsError as e:  # made since the check
        raise _refuse(
            target,
            Bilingual("đã có; không ghi gì", "already exists; nothing was written"),
            Bilingual(
                "chọn tên khác, hoặc thêm --force để ghi đè",
                "choose another name, or pass --force to replace it",
            ),
        ) from e
    except OSError as e:
        raise cannot_write(target, e) from e
