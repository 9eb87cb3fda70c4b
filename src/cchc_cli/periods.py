"""Naming a reporting period: the one lookup behind a file's ``period:``, ``--period`` and the dataset.

Both forms of the plan (the compiled one the checks read, the validated dataset the ``cchc plan``
views read) find a period by what an officer types through :func:`find_period`, so "Quý I",
"quý 1 2021" and "Q1" name the same period everywhere. Stdlib and :mod:`cchc_cli.text` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class _Named(Protocol):
    """What naming a period takes: the compiled one and the dataset's model alike."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...


_P = TypeVar("_P", bound=_Named)


def find_period(periods: Iterable[_P], query: str, year: int) -> _P:
    """The period ``query`` names, by id ("Q1") or any name or alias ("Quý I", "6 tháng", "Quý
    I/2021"), case and accents folded; KeyError if none. The one period lookup: the compiled plan
    and the loaded dataset both answer through it."""
    from cchc_cli.text import fold

    key = fold(query)
    # "Quý I/2021", "quý 1 2021", "6 tháng năm 2021": the plan's own year may follow the name.
    shown_year = str(year)
    bare = key[: -len(shown_year)].strip() if key.endswith(shown_year) else key
    if bare.endswith(" nam") and bare != "nam":
        bare = bare[: -len(" nam")].strip()
    for period in periods:
        names = {fold(period.id), fold(period.name), fold(period.name_en), *(fold(a) for a in period.aliases)}
        if key in names or bare in names:
            return period
    raise KeyError(query)
