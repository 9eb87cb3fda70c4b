"""The one way a text exists in the two languages cchc speaks: Vietnamese (the default) and English.

Every label, message and hint the tool says is a :class:`Bilingual` — a pair, written together where
the text is made: the catalogue (:mod:`cchc_cli.i18n`), a rule's finding, an error
(:class:`cchc_cli.errors.CchcError` takes its message and hint as Bilingual). Nothing is translated
afterwards: a message whose Vietnamese is not written beside its English does not exist.

Two carriers hold the same pair where a plain ``str`` must travel: :class:`Said` (the English as
the ``str``, the Vietnamese as ``.vi``) through code that passes problems along as text, and
:class:`SaidError`, a ValueError worded in both languages, raised inside pydantic validators (pydantic
keeps the exception in the error's ``ctx``, so :mod:`cchc_cli.schema_words` reads the Vietnamese
from it). The words of other programs (Click, the YAML parser, the operating system) are not ours:
they are put into Vietnamese where they are shown (``clichrome``, ``yamlsyntax``, ``outputs``).

This module imports nothing: every layer may use it.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Bilingual(NamedTuple):
    """A text in Vietnamese and English."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Said(str):
    """English text that carries its Vietnamese (``.vi``)."""

    vi: str

    def __new__(cls, en: str, vi: str) -> Said:
        said = super().__new__(cls, en)
        said.vi = vi
        return said

    @property
    def both(self) -> Bilingual:
        return Bilingual(self.vi, str(self))

    def __reduce__(self) -> tuple[Any, ...]:  # checks may run in a worker process
        return (Said, (str(self), self.vi))


def said(text: Bilingual) -> Said:
    return Said(text.en, text.vi)


class SaidError(ValueError):
    """A ValueError worded in both languages: ``str()`` is the English (what pydantic's ``msg``
    and a log show), ``.vi`` the Vietnamese, ``.text`` both."""

    def __init__(self, text: Bilingual) -> None:
        super().__init__(text.en)
        self.text = text
        self.vi = text.vi
