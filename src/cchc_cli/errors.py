"""The exception hierarchy: every error a user can cause, caught once in the CLI.

Each error carries a message, a location when one is known, and a hint that says how to fix it.
The CLI maps the classes to exit codes: :class:`InputError` and :class:`UsageError` exit 2,
:class:`DatasetError` exits 2 for a plan given with ``--plan`` and 3 for the bundled plan (a bug
in a release), and anything that is not a :class:`CchcError` is an internal error (3).
"""

from __future__ import annotations

from cchc_cli.bilingual import Bilingual
from cchc_cli.location import SourceLocation


class CchcError(Exception):
    """Base class for errors that are reported to the user without a traceback.

    The message and the hint are each a :class:`~cchc_cli.bilingual.Bilingual`, worded in both languages
    where the error is raised; ``str(error)`` is the English, so that logs and bug reports stay
    readable for every maintainer.
    """

    def __init__(
        self,
        message: Bilingual,
        location: SourceLocation | None = None,
        hint: Bilingual | None = None,
        details: tuple[tuple[SourceLocation | None, str], ...] = (),
    ) -> None:
        super().__init__(message.en)
        self.message = message
        self.location = location
        self.hint = hint
        #: further problems found in the same pass, each with its own location (a detail worded in
        #: both languages is a :class:`cchc_cli.bilingual.Said`)
        self.details = details

    def localized(self, lang: str) -> tuple[str, str | None]:
        """(message, hint) in the language asked for; a hint left empty in one language is none there."""
        return self.message.get(lang), (self.hint.get(lang) or None) if self.hint is not None else None

    def localized_details(self, lang: str) -> tuple[tuple[SourceLocation | None, str], ...]:
        """The further problems in the language asked for: a detail worded in both languages
        (:class:`cchc_cli.bilingual.Said`) carries its Vietnamese; any other stays as written."""
        if lang != "vi":
            return self.details
        return tuple((where, getattr(text, "vi", text)) for where, text in self.details)

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.message.en}"


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

    def __init__(
        self,
        message: Bilingual,
        location: SourceLocation | None = None,
        hint: Bilingual | None = None,
        details: tuple[tuple[SourceLocation | None, str], ...] = (),
        *,
        bundled: bool = False,
    ) -> None:
        super().__init__(message, location, hint, details)
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
            Bilingual(
                f"kiểm tra tệp mất quá {seconds.replace('.', ',')} giây; không thể đánh giá tệp",
                f"took longer than {seconds} s to check; the file could not be judged",
            ),
            SourceLocation(path),
            Bilingual(
                "tệp chậm như vậy thường quá lớn hoặc lồng quá sâu: hãy đơn giản hoá hoặc tách tệp; "
                "giới hạn (giây) đặt bằng CCHC_FILE_TIMEOUT",
                "a file this slow is unusually large or deeply nested: simplify or split it; "
            "the limit, in seconds, is CCHC_FILE_TIMEOUT",
            ),
        )
        self.limit = limit
