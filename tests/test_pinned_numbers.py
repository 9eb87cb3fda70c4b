"""Numbers: behaviour that mutation testing found no test pinned (issue 16).

Each expected text is worked out by hand: Vietnamese groups with "." and writes the decimal
comma, English the other way round; :func:`decimal` without ``places`` writes the digits a value
has, up to four, and rounds a longer one half away from zero to four, dropping trailing zeros.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from cchc_cli.numbers import count, decimal


@pytest.mark.parametrize("n, en, vi", [(-1, "-1", "-1"), (-1000, "-1,000", "-1.000"), (0, "0", "0")])
def test_negative_counts_keep_their_sign(n: int, en: str, vi: str) -> None:
    assert (count(n), count(n, "en"), count(n, "vi")) == (en, en, vi)


@pytest.mark.parametrize("value, en, vi", [
    (Fraction(-1, 2), "-0.5", "-0,5"),  # -0.5 to one place: the sign stays
    (Fraction(-1, 20), "-0.1", "-0,1"),  # -0.05: half away from zero is -0.1
    (Fraction(-1, 100), "0.0", "0,0"),  # -0.01 rounds to zero, which has no sign
])
def test_negative_decimal_with_places(value: Fraction, en: str, vi: str) -> None:
    assert (decimal(value, "en", 1), decimal(value, "vi", 1)) == (en, vi)


@pytest.mark.parametrize("value, en, vi", [
    (Fraction(12345, 100000), "0.1235", "0,1235"),  # five decimals: rounded half up to four
    (Fraction(10001, 100000), "0.1", "0,1"),  # 0.10001 -> 0.1000 -> trailing zeros dropped
    (Fraction(100001, 100000), "1", "1"),  # 1.00001 -> 1.0000 -> no fraction left, no mark
    (Fraction(123456789, 100000), "1,234.5679", "1.234,5679"),  # grouped, and rounded at four
    (Fraction(1, 3), "0.3333", "0,3333"),
    (Fraction(1, 8), "0.125", "0,125"),  # three decimals: written as they are
])
def test_decimal_without_places(value: Fraction, en: str, vi: str) -> None:
    assert (decimal(value), decimal(value, "en"), decimal(value, "vi")) == (en, en, vi)
