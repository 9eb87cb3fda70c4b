"""Forms of communication: which of the plan's forms a progress file's entry names, and how many.

Section V.1 asks for "ít nhất 05 hình thức (tổ chức hội nghị tập huấn, … qua các trang mạng xã
hội...)". The plan data gives each listed form an id, the source's phrase and the names an
officer types (``hội nghị``, ``trang thông tin điện tử``/``website``, ``báo chí``…). A progress
file reports them as::

    communication:
      forms: [hội nghị, website, báo chí, cuộc thi, mạng xã hội]   # the plan's forms
      other: ["pano, áp phích"]                                 # any other form, free text

An entry of ``forms`` matches a form by id, phrase or name, read by :func:`~cchc_cli.text.fold`
(any case, NFC or NFD, with or without diacritics, either tone placement), so a form written two
ways (``website``, ``trang thông tin điện tử``) counts once. An entry that names no form is an
input problem: it is not counted, since a free word would pad the count (``press_release`` once
counted towards the five). The source's list ends with "...", so other forms do count, written
under ``other``: each distinct entry once (as folded), and an entry there that names one of the
plan's forms counts as that form, not as one more.

A light module (no pydantic): the rules call it on every check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cchc_cli.text import fold

if TYPE_CHECKING:
    from cchc_cli.compiled import CompiledChoice


class Tally(NamedTuple):
    """What a communication entry adds up to."""

    forms: frozenset[str]  # ids of the plan's forms named (in forms or other)
    others: frozenset[str]  # folded keys of the other forms
    unknown: tuple[tuple[int, str], ...]  # (index in forms, entry) of the entries that name no form

    @property
    def distinct(self) -> int:
        return len(self.forms) + len(self.others)


def spellings(choice: CompiledChoice) -> tuple[str, ...]:
    """Every way of writing ``choice`` that the plan gives: names first, then the phrase and id."""
    return (*choice.names, choice.phrase.vi, choice.id)


def index(choices: Iterable[CompiledChoice]) -> dict[str, str]:
    """Folded spelling -> form id."""
    return {fold(spelling): choice.id for choice in choices for spelling in spellings(choice) if fold(spelling)}


def match(choices: Sequence[CompiledChoice], entry: str) -> str | None:
    """The id of the form ``entry`` names, or None."""
    key = fold(entry[:200])
    return index(choices).get(key) if key else None


def tally(choices: Sequence[CompiledChoice], forms: Sequence[object], other: Sequence[object]) -> Tally:
    by_key = index(choices)
    named: set[str] = set()
    unknown: list[tuple[int, str]] = []
    for i, entry in enumerate(forms):
        text = str(entry)
        found = by_key.get(fold(text[:200]))
        if found is None:
            unknown.append((i, text))
        else:
            named.add(found)
    others: set[str] = set()
    for entry in other:
        key = fold(str(entry))
        if not key:  # "…" or "-": nothing written
            continue
        if key in by_key:
            named.add(by_key[key])
        else:
            others.add(key)
    return Tally(frozenset(named), frozenset(others), tuple(unknown))


def suggest(choices: Sequence[CompiledChoice], entry: str) -> str | None:
    """The plan's spelling closest to ``entry`` ("press_release" -> "press"), or None.

    A name whose words the entry contains first ("hội nghị trực tuyến" -> "hội nghị", the longest
    such); else a close spelling (a typo: "webside" -> "website").
    """
    from cchc_cli.validation import did_you_mean

    shown: dict[str, str] = {}
    for choice in choices:
        for spelling in spellings(choice):
            shown.setdefault(fold(spelling), spelling)
    shown.pop("", None)
    key = fold(entry[:200])
    if not key:
        return None
    padded = f" {key} "
    within = [k for k in shown if f" {k} " in padded]
    if within:
        return shown[max(within, key=len)]
    guess = did_you_mean(key, list(shown))
    return shown[guess] if guess is not None else None


def listing_vi(choices: Sequence[CompiledChoice]) -> str:
    """``hội nghị, trang thông tin điện tử (website), …``: each form by its first name, and its id
    beside it where the id is itself one of its names (a word officers type as it is)."""
    parts = []
    for choice in choices:
        first = (choice.names or (choice.phrase.vi,))[0]
        parts.append(f"{first} ({choice.id})" if choice.id in choice.names[1:] else first)
    return ", ".join(parts)


def listing_en(choices: Sequence[CompiledChoice]) -> str:
    """``conference, website, …``: the ids, which a file may use as well as the Vietnamese names."""
    return ", ".join(choice.id for choice in choices)


def json_enum(choices: Sequence[CompiledChoice]) -> list[str]:
    """Every spelling an editor should offer: ids, names and phrases, then names without diacritics."""
    seen: dict[str, None] = {}
    for choice in choices:
        seen.setdefault(choice.id, None)
    for choice in choices:
        for spelling in (*choice.names, choice.phrase.vi):
            seen.setdefault(spelling, None)
    for choice in choices:
        for spelling in choice.names:
            seen.setdefault(fold(spelling), None)
    return list(seen)
