"""Which files a run checks: the one walk behind ``cchc check``, ``cchc summary`` and the CI jobs.

A file named on the command line is checked, whatever its name or suffix. A directory stands
for every ``*.yaml`` and ``*.yml`` file under it, at any depth (the suffix in any case), less:

- hidden files and directories (a name starting with ``.``: ``.git``, ``.github``,
  ``.cchc.yaml``, ``.gitlab-ci.yml``), which hold workflows and settings, never progress files;
- what an ``exclude`` glob matches (``--exclude``, or ``exclude:`` in the settings). A glob
  without ``/`` is matched against the name of each file and directory, at any depth
  (``drafts``, ``*-draft.yaml``); a glob with ``/`` against the path relative to the directory
  walked, written with ``/`` and without ``./`` (``2020/*``, ``archive/old-*.yml``). Matching
  is :func:`fnmatch.fnmatchcase`: case-sensitive, ``*`` matches any characters, ``/`` included,
  and a leading ``**/`` may also match nothing. A directory that matches is not entered.

Nothing else is left out, and nothing is left out silently: a directory that cannot be listed
(permission denied, say) stops the run with a usage error naming it, rather than passing a
check over files nobody read (``Path.rglob`` would skip it without a word); a named directory
with no progress file in it is a usage error too. A link to a directory is followed, once: a
directory already walked (by device and inode) is not entered again, so a link loop ends. A
link that leads nowhere, or a FIFO, named like a progress file is still listed, so that reading
it reports what is wrong with it. A file reached twice is checked once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

from cchc_cli.errors import UsageError
from cchc_cli.text import visible
from cchc_cli.bilingual import Bilingual

#: what a progress file's name ends with, compared in lower case
SUFFIXES = (".yaml", ".yml")

#: The naming convention of progress files, ``<agency id>-<period>.yaml`` as ``cchc init`` writes
#: them (``so-tu-phap-FY.yaml``, ``2021/quan-hoan-kiem-H1.yml``), outside hidden directories. It
#: is the pre-commit hook's default ``files:`` (``.pre-commit-hooks.yaml`` holds this very string,
#: as a test checks): pre-commit hands a hook every staged YAML file, workflows included, and only
#: the name tells a progress file from a workflow before it is read. The period ids are those of
#: the plan's reporting periods; the case of the letters does not matter.
CONVENTIONAL_NAME = r"(?i)^(?!(.*/)?\.)(.*/)?[^/]+-(q1|h1|9m|fy)\.ya?ml$"


def conventional(path: str) -> bool:
    """Whether the pre-commit hook, left to its default ``files:``, would check ``path``."""
    import re

    return re.search(CONVENTIONAL_NAME, path.replace("\\", "/")) is not None


class Found(NamedTuple):
    path: Path
    #: the name reports show: the path as given, joined with the path below it
    shown: str


def excluded(relative: str, globs: Sequence[str]) -> bool:
    """Whether ``relative`` (``a/b.yaml``, relative to the directory walked) matches a glob."""
    name = relative.rsplit("/", 1)[-1]
    for glob in globs:
        pattern = glob.strip().removeprefix("./").rstrip("/")
        if not pattern:
            continue
        if "/" not in pattern:
            if fnmatchcase(name, pattern):
                return True
        elif fnmatchcase(relative, pattern) or (pattern.startswith("**/") and fnmatchcase(relative, pattern[3:])):
            return True
    return False


def _unlistable(directory: Path, error: OSError) -> UsageError:
    from cchc_cli.yamlio import os_problem

    vi, en = os_problem(error)
    shown = visible(str(directory))
    return UsageError(
        Bilingual(
            f"không đọc được thư mục {shown}: {vi}; các tệp trong đó sẽ không được kiểm tra",
            f"cannot list the directory {shown}: {en}; its files would go unchecked",
        ),
        None,
        Bilingual(
            "hãy cấp quyền đọc thư mục, hoặc loại nó ra bằng --exclude",
            "give cchc the right to read it, or leave it out with --exclude",
        ),
    )


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows a link: a link to a directory is walked
    except OSError:
        return False  # a link loop or a name the system refuses: a file, which reading explains


def walk_directory(root: Path, exclude: Sequence[str] = ()) -> list[Found]:
    """Every progress file under ``root``, sorted by its path below ``root``."""
    found: list[tuple[str, Path]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            status = directory.stat()
            if (status.st_dev, status.st_ino) in seen:
                continue  # reached again through a link: walked already (or a loop)
            seen.add((status.st_dev, status.st_ino))
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError as e:
            raise _unlistable(directory, e) from e
        for entry in listed:
            if entry.name.startswith("."):
                continue
            relative = prefix + entry.name
            if excluded(relative, exclude):
                continue
            if _is_directory(entry):
                stack.append((directory / entry.name, relative + "/"))
            elif entry.name.lower().endswith(SUFFIXES):
                found.append((relative, directory / entry.name))
    found.sort(key=lambda pair: pair[0])
    return [Found(path, str(path)) for _, path in found]


def progress_files(paths: Iterable[Path], exclude: Sequence[str] = ()) -> list[Found]:
    """The files a run checks, in the order given (a directory's in path order), each once."""
    from cchc_cli.progress import STDIN, is_stdin
    from cchc_cli.yamlio import STDIN_SHOWN, is_directory, same_file_key

    out: list[Found] = []
    seen: set[Path] = set()
    for path in paths:
        if is_stdin(path):
            if STDIN in seen:
                raise UsageError(
                    Bilingual(
                        "'-' (đầu vào chuẩn) được nêu nhiều lần; chỉ đọc được một lần",
                        "'-' (standard input) is named more than once; it can be read only once",
                    ),
                    None,
                    Bilingual(
                        "chỉ nêu '-' một lần, các tệp khác theo tên",
                        "name '-' once, and the other files by their names",
                    ),
                )
            seen.add(STDIN)
            out.append(Found(STDIN, STDIN_SHOWN))
            continue
        if is_directory(path):
            members = walk_directory(path, exclude)
            if not members:
                shown = visible(str(path))
                raise UsageError(
                    Bilingual(
                        f"thư mục {shown} không có tệp tiến độ (*.yaml, *.yml) nào để kiểm tra, kể cả trong thư mục con",
                        f"{shown} has no progress file (*.yaml, *.yml) to check, at any depth",
                    ),
                    None,
                    Bilingual(
                        "tệp và thư mục ẩn, và những gì khớp --exclude hoặc exclude:, được bỏ qua",
                        "hidden files and directories, and what --exclude or exclude: matches, are left out",
                    ),
                )
        else:
            members = [Found(path, str(path))]
        for member in members:
            key = same_file_key(member.path)
            if key not in seen:
                seen.add(key)
                out.append(member)
    return out
