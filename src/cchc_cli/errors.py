"""The exception hierarchy: every error a user can cause, caught once in the CLI.

Each error carries a message, a location when one is known, and a hint that says how to fix it.
The CLI maps the classes to exit codes: :class:`InputError` and :class:`UsageError` exit 2,
:class:`DatasetError` exits 2 for a plan given with ``--plan`` and 3 for the bundled plan (a bug
in a release), and anything that is not a :class:`CchcError` is an internal error (3).
"""

from __future__ import annotations

from typing import Any

from cchc_cli.location import SourceLocation


class CchcError(Exception):
    """Base class for errors that are reported to the user without a traceback."""

    def __init__(
        self,
        message: str,
        location: SourceLocation | None = None,
        hint: str | None = None,
        details: tuple[tuple[SourceLocation | None, str], ...] = (),
        *,
        vi: tuple[str, str | None] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        #: further problems found in the same pass, each with its own location
        self.details = details
        #: the message and hint in Vietnamese, for the errors an officer meets (English is default
        #: in code so that logs and bug reports stay readable for every maintainer)
        self.vi = vi

    def localized(self, lang: str) -> tuple[str, str | None]:
        """(message, hint) in the language asked for, falling back to English."""
        if lang == "vi" and self.vi is not None:
            return self.vi
        return self.message, self.hint

    def localized_details(self, lang: str) -> tuple[tuple[SourceLocation | None, str], ...]:
        """The further problems in the language asked for: a detail worded in both languages
        (:class:`cchc_cli.schema_words.Said`) carries its Vietnamese; any other stays as written."""
        if lang != "vi":
            return self.details
        return tuple((where, getattr(text, "vi", text)) for where, text in self.details)

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.message}"


class InputError(CchcError):
    """Something in a file the user gave us is wrong."""

    #: every located problem found in the same pass, the first included (for reports that list
    #: each problem as a finding; ``message`` and ``details`` say the same for a terminal)
    problems: tuple[tuple[SourceLocation | None, str], ...] = ()
    #: problems found beyond those listed (a file has at most validation.MAX_PROBLEMS listed)
    more: int = 0


class ParseError(InputError):
    """The file cannot be read as YAML at all (syntax, encoding, size, structure)."""


class SchemaError(InputError):
    """The file is valid YAML but its content does not fit the expected shape or values."""


class UsageError(CchcError):
    """The command line itself is wrong (an unknown agency, an unknown task id, a bad option)."""


class DatasetError(CchcError):
    """A plan dataset is broken: it does not validate, or its cross-references do not resolve."""

    def __init__(self, *args: Any, bundled: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the dataset shipped with cchc (a bug in a release) rather than one given with --plan
        self.bundled = bundled


class CheckTimeout(ParseError):
    """A file took longer than the per-file time limit to check (``CCHC_FILE_TIMEOUT``).

    A ParseError, so that the file is reported as an unreadable one is (CCHC001, exit 2): what
    takes that long is a file too large or too deeply nested to judge, as one over the size limit.
    """

    def __init__(self, path: str, limit: float) -> None:
        seconds = f"{limit:g}"
        super().__init__(
            f"took longer than {seconds} s to check; the file could not be judged",
            SourceLocation(path),
            hint="a file this slow is unusually large or deeply nested: simplify or split it; "
            "the limit, in seconds, is CCHC_FILE_TIMEOUT",
            vi=(
                f"kiểm tra tệp mất quá {seconds.replace('.', ',')} giây; không thể đánh giá tệp",
                "tệp chậm như vậy thường quá lớn hoặc lồng quá sâu: hãy đơn giản hoá hoặc tách tệp; "
                "giới hạn (giây) đặt bằng CCHC_FILE_TIMEOUT",
            ),
        )
        self.limit = limit
