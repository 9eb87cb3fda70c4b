"""The source root: the one directory the CI formats' paths are relative to.

GitHub annotations, GitLab Code Quality issues and SARIF results name files relative to the
repository, whatever directory the job ran ``cchc`` from: ``cd docs && cchc check
../progress`` must still annotate ``progress/a.yaml``, not ``../progress/a.yaml``. The root is
found once per run (:func:`find`), at the edge, and handed to the renderers in their options;
:meth:`SourceRoot.relative` then only rewrites strings, so renderers stay free of the file system
and the clock.

Which directory: the nearest one holding ``.git`` (a directory, or the file of a worktree or a
submodule) at or above the working directory; failing that, at or above the first file checked
(a run from outside the repository); failing that, the configuration file's directory; failing
that, the working directory.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import NamedTuple
from urllib.parse import quote


class SourceRoot(NamedTuple):
    """The root (absolute) and the directory relative paths were given from (absolute)."""

    path: str
    cwd: str

    def relative(self, path: str) -> str:
        """``path`` as given, relative to the root (``/``-separated) when it lies inside it.

        A path outside the root is returned absolute: relative to the root it would need ``..``,
        which no CI service resolves. Purely lexical: nothing is read from the disk.
        """
        given = path.replace("\\", "/")
        base = self.cwd.replace("\\", "/")
        absolute = posixpath.normpath(given if _is_absolute(given) else posixpath.join(base, given))
        root = posixpath.normpath(self.path.replace("\\", "/"))
        if absolute == root:
            return "."
        prefix = root if root.endswith("/") else root + "/"
        if absolute.startswith(prefix):
            return absolute[len(prefix):]
        return absolute

    @property
    def uri(self) -> str:
        """The root as a ``file://`` URI ending in ``/`` (what SARIF's ``originalUriBaseIds`` needs)."""
        path = self.path.replace("\\", "/")
        if not path.startswith("/"):  # C:/x -> /C:/x
            path = "/" + path
        if not path.endswith("/"):
            path += "/"
        return "file://" + quote(path.encode("utf-8", "surrogateescape"), safe="/:")


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or (len(path) > 2 and path[1] == ":" and path[2] == "/")


def _repository(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        try:
            if (directory / ".git").exists():
                return directory
        except OSError:  # a directory we may not look into: not the repository's root
            continue
    return None


def find(files: Sequence[PurePath], config_file: Path | None, cwd: Path | None = None) -> SourceRoot:
    """The source root of a run over ``files`` (as given), with ``config_file`` the settings used."""
    here = (cwd or Path.cwd()).absolute()
    root = _repository(here)
    if root is None and files:
        first = Path(os.path.normpath(here / files[0]))
        root = _repository(first.parent)
    if root is None and config_file is not None:
        root = Path(os.path.normpath(here / config_file)).parent
    return SourceRoot(str(root or here), str(here))
