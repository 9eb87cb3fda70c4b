"""Text as cchc compares it and as it shows it: match keys, one-line values, inert lines.

Vietnamese text arrives in NFC or NFD, with the tone mark on either vowel ("hoà"/"hòa",
"thuỵ"/"thụy"), with or without diacritics, in any case, with "-", "," or "&" between words.
:func:`fold` maps all of those to one ASCII key; display always keeps the official spelling.

Showing what people wrote is the other half. The rule, for every output:

* a value from input (a file name, a key, a name as written, a note, a waiver's reason) that
  reaches a one-line context goes through :func:`visible`, so it stays one line and shows every
  character it holds; a message that quotes a value uses :func:`quoted`, which also bounds it;
* the engine applies :func:`visible` to every finding's subject, message and hint, so a
  :class:`~cchc_cli.models.report.Report` holds one-line text whatever a rule wrote; its paths
  are kept as given (the file's identity: SARIF percent-encodes their bytes, waivers match them);
* each renderer applies :func:`visible` again to the one-line fields it lays out (paths
  included), and escapes for its own syntax (Markdown, XML, JSON, SARIF, workflow commands);
* whatever a human-readable output or stderr ends up as, :func:`inert` makes sure no line of it
  is a command a CI runner obeys (wrapping a long line can start one; ``##[`` works anywhere).
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """``"Sở Lao động - Thương binh và Xã hội"`` -> ``"so lao dong thuong binh va xa hoi"``."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").lower()
    return _NON_ALNUM.sub(" ", stripped).strip()


# Names of bodies, documents and portals that keep their capital wherever they stand in a
# sentence, as the decision writes them; compared with the start of the text.
PROPER_NAMES = (
    "Cổng dịch vụ công", "Cổng thông tin", "Kế hoạch", "Thành phố", "Ủy ban nhân dân", "Uỷ ban nhân dân",
    "Chỉ số", "Quyết định", "Trung ương", "Chính phủ", "Thủ tướng", "Nhà nước", "Bộ phận một cửa",
)
_WORD = re.compile(r"\S+")


def _titled(word: str) -> bool:
    """``Nội``, ``Hoàn``: a capital then small letters, as a proper name goes (``TTHC`` is not)."""
    return word[:1].isupper() and any(c.islower() for c in word[1:])


def lower_first(text: str) -> str:
    """``text`` to stand inside a sentence: its first word lower-cased, unless it is a name.

    ``"Số TTHC đã tích hợp với Cổng dịch vụ công quốc gia"`` -> ``"số TTHC đã tích hợp với Cổng
    dịch vụ công quốc gia"``; ``"Data as of"`` -> ``"data as of"``. ``str.lower()`` would write
    ``tthc`` and ``cổng``: acronyms and proper names keep their case. The first word is kept as it
    is when it is an acronym (more than one capital, or a digit: ``TTHC``, ``UBND``, ``ISO``,
    ``Q1``), when a capitalised word follows it as in a name (``Sở Nội vụ``, ``Quận Hoàn Kiếm``; an
    acronym after it does not count: ``Số TTHC`` -> ``số TTHC``), or when the
    text opens with one of :data:`PROPER_NAMES`.
    """
    match = _WORD.search(text)
    if match is None:
        return text
    word = match.group()
    if sum(c.isupper() for c in word) > 1 or any(c.isdigit() for c in word) or not word[:1].isupper():
        return text
    rest = text[match.end():]
    following = _WORD.search(rest)
    if following is not None and _titled(following.group()):
        return text
    if any(unicodedata.normalize("NFC", text[match.start():]).startswith(name) for name in PROPER_NAMES):
        return text
    return text[: match.start()] + word[0].lower() + word[1:] + rest


# Everything that can break a one-line context or hide what a line says: C0 and C1 controls
# (newline included: it starts a line a CI runner reads as a command), bidirectional overrides
# and isolates (they reorder what is shown), zero-width and invisible format characters, the
# line and paragraph separators, and lone surrogates (bytes of a file name that is not UTF-8).
_NOT_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
    "\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` as one line that shows everything it holds: ``"a\\nb"`` -> ``a\\nb`` (two
    characters), U+202E -> ``<U+202E>``, an undecodable file-name byte -> ``\\xff``.

    Every value from input that reaches a one-line context goes through here, so that no value can
    start a new line (a forged CI command), reorder a line, or hide characters.
    """
    return _NOT_ONE_LINE.sub(_shown, text) if _NOT_ONE_LINE.search(text) else text


QUOTE_LIMIT = 80


def quoted(value: object, limit: int = QUOTE_LIMIT, lang: str = "en") -> str:
    """A value from input as a message may quote it: repr-like, one line, at most ``limit``
    characters (``'abc…' (5,000 characters)``, vi ``'abc…' (5.000 ký tự)``), whatever its size.

    ``lang`` is the language of the message the quote sits in: what it adds to the value (a
    length, a number too long to show) is worded and grouped as that message is.
    """
    from cchc_cli.numbers import count

    text = value if isinstance(value, str) else None
    if text is None:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
            digits = count(int(value.bit_length() * 0.30103), lang)
            return f"<một số khoảng {digits} chữ số>" if lang == "vi" else f"<a number of about {digits} digits>"
        text = repr(value) if not isinstance(value, (dict, list, tuple)) else type(value).__name__
        return visible(text[:limit] + ("…" if len(text) > limit else ""))
    shown = visible(text[:limit])
    if len(text) > limit:
        length = count(len(text), lang)
        return f"'{shown}…' ({length} ký tự)" if lang == "vi" else f"'{shown}…' ({length} characters)"
    return f"'{shown}'"


# The two forms of workflow command the GitHub Actions runner reads in a step's output: "::" first
# on a line once leading blanks are trimmed (``::error ...::``), and the legacy "##[" anywhere in a
# line (``##[error]...``). (GitLab's log has no commands of the kind: its collapsible sections
# need an ESC, which visible() shows as \x1b.)
_RUNNER_COMMAND = re.compile(r"(?m)^[^\S\r\n]*(?=::)|##(?=\[)")


def inert(text: str) -> str:
    r"""``text`` with no line a CI runner would obey: ``::`` opening a line is shown as ``\::``
    and ``##[`` as ``##\[``. Nothing else changes; text without either is returned as it is.

    For human-readable text (the terminal report, plain lines, Markdown, CSV cells, stderr). The
    structured formats escape losslessly in their own syntax instead (``\u005b`` in JSON,
    ``&#91;`` in XML).
    """
    if "::" not in text and "##[" not in text:
        return text
    return _RUNNER_COMMAND.sub(lambda m: m.group() + "\\", text)


def did_you_mean(word: str, choices: list[str]) -> str | None:
    """The one choice close enough to ``word`` to suggest ("did you mean …?"), or None."""
    import difflib

    close = difflib.get_close_matches(word[:200], choices, n=1, cutoff=0.6)
    return close[0] if close else None
