"""Numbers as people read them: one convention per language, and exact rates that never flatter.

Every figure a human reads (terminal, Markdown, exported HTML/SVG, messages of findings, hints,
plan views) goes through here, so a report never mixes conventions (a ranking saying ``99.57%``
beside a matrix saying ``99,57%``):

* Vietnamese groups thousands with a dot and writes the decimal comma: ``5.000.000``,
  ``99,57%``, ``100,0``;
* English groups with a comma and writes the decimal point: ``5,000,000``, ``99.57%``, ``100.0``.

Machine formats (JSON, SARIF, JUnit attributes, CSV) keep machine numbers: they call these
functions with ``lang="en"`` where they want the percent sign, or write plain ``str(n)``.

Rates are truncated, never rounded, so that a failing value never reads as passing: 98.9565…%
shows as 98.95%, not 99.0%; a value that meets 99% shows as at least 99.00%.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

# Thousands separator and decimal mark of each language; anything else is read as English.
_MARKS = {"vi": (".", ","), "en": (",", ".")}


def _marks(lang: str) -> tuple[str, str]:
    return _MARKS.get(lang, _MARKS["en"])


def _join(negative: bool, whole: int, fraction_digits: str, lang: str) -> str:
    """Sign, grouped whole part, and the fraction's digits after the language's decimal mark."""
    group, point = _marks(lang)
    text = f"{whole:,}".replace(",", group)
    if fraction_digits:
        text += point + fraction_digits
    return ("-" if negative else "") + text


def count(n: int, lang: str = "en") -> str:
    """A whole number with the language's grouping: ``5000000`` -> ``5.000.000`` (vi),
    ``5,000,000`` (en); ``999`` -> ``999``; ``-1200`` -> ``-1.200`` (vi)."""
    return _join(n < 0, abs(n), "", lang)


def ratio(numerator: int, denominator: int, lang: str = "en") -> str:
    """Counts as a target shows them: ``2276/2300`` -> ``2.276/2.300`` (vi), ``2,276/2,300`` (en)."""
    return f"{count(numerator, lang)}/{count(denominator, lang)}"


def decimal(value: Fraction | Decimal | int | str, lang: str = "en", places: int | None = None) -> str:
    """A decimal number in the language's convention.

    With ``places``, rounded half away from zero on the exact value, as people and spreadsheets
    round by hand (72.95 is ``73,0``, whatever the nearest float says): ``decimal(Fraction(1, 3),
    "vi", 1)`` -> ``0,3``.
    Without, written with the digits it has (``"99.5"`` -> ``99,5``; ``98`` -> ``98``); a value
    with no finite decimal form is then rounded to four places and trailing zeros dropped.
    Not for rates judged against a target: :func:`percent` truncates those.
    """
    exact = Fraction(value) if not isinstance(value, Fraction) else value
    if places is not None:
        negative = exact < 0
        scaled = math.floor(abs(exact) * 10**places + Fraction(1, 2))
        whole, rest = divmod(scaled, 10**places)
        return _join(negative and scaled != 0, whole, f"{rest:0{places}d}" if places else "", lang)
    for digits in range(5):
        if (exact * 10**digits).denominator == 1:
            break
    else:
        digits = 4
    shown = decimal(exact, lang, digits)
    return _strip_zeros(shown, _marks(lang)[1]) if digits == 4 else shown


def _strip_zeros(text: str, point: str) -> str:
    if point not in text:
        return text
    text = text.rstrip("0")
    return text[:-1] if text.endswith(point) else text


def truncated(value: Fraction) -> Fraction:
    """A rate as every output shows it: cut to hundredths of a percent, never rounded up.

    ``Fraction(2276, 2300)`` (98.9565…%) -> ``Fraction(9895, 10000)``. Floor, so a rate (>= 0) is
    truncated toward zero and a negative gap goes away from it: a shortfall never shows as 0.
    The workbook stores this value in its rate cells, so they read as the text formats do.
    """
    return Fraction(math.floor(value * 10000), 10000)


def percent(value: Fraction, lang: str = "en") -> str:
    """A rate as a percentage with two places, truncated: ``Fraction(2276, 2300)`` -> ``98,95%`` (vi)."""
    hundredths = int(truncated(value) * 10000)  # value >= 0: floor is truncation toward zero
    return _join(False, hundredths // 100, f"{hundredths % 100:02d}", lang) + "%"


def points(value: Fraction, lang: str = "en") -> str:
    """A signed gap in percentage points, rounded away from zero so a shortfall never shows as 0."""
    whole = math.floor(value * 10000)  # floor: toward zero above it, away from zero below
    sign = "-" if whole < 0 else "+"
    whole = abs(whole)
    return sign + _join(False, whole // 100, f"{whole % 100:02d}", lang)


def goal(comparator: str, threshold_percent: str, lang: str = "en") -> str:
    """A target's threshold as the plan states it: ``(">=", "99.5")`` -> ``≥ 99,5%`` (vi)."""
    return f"{comparator.replace('>=', '≥')} {decimal(threshold_percent, lang)}%"


def ordinal(day: int) -> str:
    """An English ordinal for a day of the month: ``10th``, ``1st``, ``22nd``."""
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"
