"""The agency registry at run time: ids, official names, aliases, matching and suggestions.

A query matches an agency when its folded key (see :mod:`cchc_cli.text`) equals the folded id,
official name, English name, an alias, or the short name, optionally after a leading "UBND" /
"Ủy ban nhân dân" (so "UBND quận Hoàn Kiếm", "Quận Hoàn Kiếm", "hoan kiem" and "quan-hoan-kiem"
all find the same unit). Ids, names and aliases must be unique across the registry; a short name
shared by two bodies only makes that short form ambiguous.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.text import fold, quoted

if TYPE_CHECKING:
    from cchc_cli.models.agency import AgencyRegistry

_PREFIXES = ("uy ban nhan dan ", "ubnd ")


class Agency(NamedTuple):
    """One registry entry as plain data (no pydantic), so a compiled plan can carry it cheaply."""

    id: str
    name: str
    name_en: str
    kind: str
    short_name: str | None = None
    code: str | None = None
    district_type: str | None = None
    communes: int | None = None
    aliases: tuple[str, ...] = ()


class AgencyGroup(NamedTuple):
    id: str
    name: str
    name_en: str
    kinds: tuple[str, ...]
    aliases: tuple[str, ...] = ()


class Records(NamedTuple):
    agencies: tuple[Agency, ...]
    groups: tuple[AgencyGroup, ...]

    @classmethod
    def of(cls, model: AgencyRegistry | Records) -> Records:
        """Plain records from a validated :class:`AgencyRegistry` (or records already)."""
        if isinstance(model, Records):
            return model
        return cls(
            agencies=tuple(Agency(**{f: getattr(a, f) for f in Agency._fields}) for a in model.agencies),
            groups=tuple(AgencyGroup(**{f: getattr(g, f) for f in AgencyGroup._fields}) for g in model.groups),
        )


class LookupProblem(NamedTuple):
    kind: str  # "unknown" | "ambiguous" | "group"
    message: tuple[str, str]  # (vi, en)
    hint: tuple[str, str]  # (vi, en)


class UnknownAgency(LookupError):
    def __init__(self, query: str, suggestions: list[Agency]) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions


class AmbiguousAgency(LookupError):
    def __init__(self, query: str, candidates: list[Agency]) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = candidates


class DuplicateName(ValueError):
    def __init__(self, key: str, first: str, second: str) -> None:
        super().__init__(f"{first!r} and {second!r} both answer to {key!r}")
        self.key = key
        self.first = first
        self.second = second


class Registry:
    """Lookups over a validated :class:`AgencyRegistry`."""

    def __init__(self, model: AgencyRegistry | Records) -> None:
        self.model = model = Records.of(model)
        self.by_id: dict[str, Agency] = {}
        self.groups: dict[str, AgencyGroup] = {}
        self._exact: dict[str, str] = {}
        self._short: dict[str, set[str]] = {}
        for agency in model.agencies:
            if agency.id in self.by_id:
                raise DuplicateName(agency.id, agency.id, agency.id)
            self.by_id[agency.id] = agency
        for group in model.groups:
            if group.id in self.by_id or group.id in self.groups:
                raise DuplicateName(group.id, group.id, group.id)
            self.groups[group.id] = group
        for agency in model.agencies:
            for form in (agency.id.replace("-", " "), agency.name, agency.name_en, *agency.aliases):
                self._add_exact(fold(form), agency.id)
            if agency.short_name:
                self._short.setdefault(fold(agency.short_name), set()).add(agency.id)
        for group in model.groups:
            for form in (group.id.replace("-", " "), group.name, group.name_en, *group.aliases):
                self._add_exact(fold(form), group.id)

    # A registry is derived from its records alone, so two built from equal records are equal:
    # a compiled plan read back from the cache then equals the one compiled from the files.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return self.model == other.model

    def __hash__(self) -> int:
        return hash(self.model)

    def _add_exact(self, key: str, owner: str) -> None:
        known = self._exact.get(key)
        if known is not None and known != owner:
            raise DuplicateName(key, known, owner)
        self._exact[key] = owner

    # -- lookups ---------------------------------------------------------------------------

    def get(self, agency_id: str) -> Agency:
        return self.by_id[agency_id]

    def __contains__(self, item: object) -> bool:
        return item in self.by_id or item in self.groups

    def name_of(self, party_id: str) -> str:
        if party_id in self.by_id:
            return self.by_id[party_id].name
        return self.groups[party_id].name

    def _candidates(self, query: str) -> list[str]:
        key = fold(query)
        keys = [key] + [key[len(p) :] for p in _PREFIXES if key.startswith(p)]
        for k in keys:
            if k in self._exact:
                return [self._exact[k]]
        for k in keys:
            if k in self._short:
                return sorted(self._short[k])
        return []

    def lookup(self, query: str) -> Agency:
        """The agency a name, alias or id denotes. Raises UnknownAgency or AmbiguousAgency."""
        found = [c for c in self._candidates(query) if c in self.by_id]
        if len(found) == 1:
            return self.by_id[found[0]]
        if len(found) > 1:
            raise AmbiguousAgency(query, [self.by_id[c] for c in found])
        raise UnknownAgency(query, self.suggest(query))

    def resolve(self, query: str) -> Agency | LookupProblem:
        """The agency ``query`` names, or what is wrong with it (:meth:`explain`): the one agency
        lookup behind a file's ``agency:``, ``--agency`` and the roll-up's reading of a broken file."""
        try:
            return self.lookup(query)
        except (UnknownAgency, AmbiguousAgency) as e:
            return self.explain(query, e)

    def lookup_party(self, query: str) -> str:
        """An agency or group id for a name; groups ("Sở, Ban, Ngành") included."""
        found = self._candidates(query)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousAgency(query, [self.by_id[c] for c in found if c in self.by_id])
        raise UnknownAgency(query, self.suggest(query))

    def suggest(self, query: str, limit: int = 3) -> list[Agency]:
        key = fold(query)
        for prefix in _PREFIXES:
            if key.startswith(prefix):
                key = key[len(prefix) :]
        owners: dict[str, str] = {k: v for k, v in self._exact.items() if v in self.by_id}
        for short, ids in self._short.items():
            if len(ids) == 1:
                owners.setdefault(short, next(iter(ids)))
        close = difflib.get_close_matches(key, list(owners), n=limit * 3, cutoff=0.6)
        result: list[Agency] = []
        for k in close:
            agency = self.by_id[owners[k]]
            if agency not in result:
                result.append(agency)
        return result[:limit]

    def explain(self, query: str, error: LookupError) -> LookupProblem:
        """What went wrong in a failed :meth:`lookup`, in both languages, with the closest names."""
        if isinstance(error, AmbiguousAgency):
            names = ", ".join(f"{a.name} ({a.id})" for a in error.candidates)
            return LookupProblem(
                "ambiguous",
                (f"tên {quoted(query, lang='vi')} khớp với nhiều cơ quan, đơn vị: {names}", f"{quoted(query)} matches several agencies: {names}"),
                ("hãy dùng mã cơ quan", "use the agency id"),
            )
        try:
            party: str | None = self.lookup_party(query)
        except LookupError:
            party = None
        if party in self.groups:
            name = self.name_of(party)
            return LookupProblem(
                "group",
                (f"{quoted(query, lang='vi')} là một nhóm cơ quan ({name}), không phải một cơ quan",
                 f"{quoted(query)} is a group of agencies ({name}), not one agency"),
                ("hãy nêu tên một cơ quan", "name one agency"),
            )
        suggestions = error.suggestions if isinstance(error, UnknownAgency) else []
        close = ", ".join(f"{a.name} ({a.id})" for a in suggestions)
        return LookupProblem(
            "unknown",
            (f"không tìm thấy cơ quan, đơn vị nào tên {quoted(query, lang='vi')}", f"no agency matches {quoted(query)}"),
            (f"có phải là: {close}?", f"did you mean: {close}?")
            if close
            else ("xem danh mục bằng lệnh 'cchc plan agencies'", "list the agencies with 'cchc plan agencies'"),
        )

    def members(self, party_id: str) -> tuple[Agency, ...]:
        """The agencies a group id stands for, or the one agency an agency id names."""
        if party_id in self.by_id:
            return (self.by_id[party_id],)
        kinds = set(self.groups[party_id].kinds)
        return tuple(a for a in self.model.agencies if a.kind in kinds)

    def expand(self, party_ids: Iterable[str]) -> set[str]:
        return {a.id for p in party_ids for a in self.members(p)}

    def of_kind(self, *kinds: str) -> tuple[Agency, ...]:
        return tuple(a for a in self.model.agencies if a.kind in kinds)
