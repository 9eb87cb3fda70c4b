"""Showing exact rates: truncated, never rounded, so that a failing value never reads as passing.

98.9565…% shows as 98.95%, not 99.0%; a value that meets 99% shows as at least 99.00%.
Vietnamese writes the decimal comma (98,95%), English the point.
"""

from __future__ import annotations

import math
from fractions import Fraction


def percent(value: Fraction, lang: str = "en") -> str:
    hundredths = math.floor(value * 10000)  # value >= 0: floor is truncation toward zero
    text = f"{hundredths // 100}.{hundredths % 100:02d}%"
    return text.replace(".", ",") if lang == "vi" else text


def points(value: Fraction, lang: str = "en") -> str:
    """A signed gap in percentage points, rounded away from zero so a shortfall never shows as 0."""
    whole = math.floor(value * 10000)  # floor: toward zero above it, away from zero below
    sign = "-" if whole < 0 else "+"
    whole = abs(whole)
    text = f"{sign}{whole // 100}.{whole % 100:02d}"
    return text.replace(".", ",") if lang == "vi" else text


def count(value: int, lang: str = "en") -> str:
    """A whole number as text in the language's convention: vi ``5.000.000``, en ``5,000,000``.

    Minimal, for the printable HTML pages; the numbers work of issue 12 may replace it.
    """
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text
