"""Text keys for matching what people type against official names.

Vietnamese text arrives in NFC or NFD, with the tone mark on either vowel ("hoà"/"hòa",
"thuỵ"/"thụy"), with or without diacritics, in any case, with "-", "," or "&" between words.
:func:`fold` maps all of those to one ASCII key; display always keeps the official spelling.
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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters (ESC sequences, BEL, NUL…) shown as
    ``\\x1b`` and so on rather than obeyed. Line breaks and tabs stay."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
