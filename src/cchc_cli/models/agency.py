"""The agency registry: every body the plan names, with the groups it refers to collectively."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from cchc_cli.models.base import AgencyId, Model, NonEmpty

#: ``department`` covers the specialised departments and the bodies of department rank that the
#: city's reform index scores; ``district`` the 30 district-level People's Committees.
AgencyKind = Literal[
    "department",
    "district",
    "city",
    "central",
    "institute",
    "school",
    "training_centre",
    "press",
    "public_service_unit",
]
AGENCY_KINDS: tuple[str, ...] = get_args(AgencyKind)

#: Kinds that file the periodic CCHC reports and are judged by ``cchc check``.
REPORTING_KINDS: tuple[str, ...] = ("department", "district")


class Agency(Model):
    id: AgencyId
    name: NonEmpty = Field(description="official Vietnamese name, as displayed")
    name_en: NonEmpty
    kind: AgencyKind
    short_name: str | None = Field(default=None, description="the name without its kind prefix")
    code: str | None = Field(default=None, pattern=r"^\d{3}$", description="national unit code")
    district_type: Literal["quận", "huyện", "thị xã"] | None = None
    communes: int | None = Field(default=None, ge=1)
    aliases: tuple[NonEmpty, ...] = ()
    note: str | None = None


class AgencyGroup(Model):
    """A collective reference such as "Sở, Ban, Ngành": every agency of the given kinds."""

    id: AgencyId
    name: NonEmpty
    name_en: NonEmpty
    kinds: tuple[AgencyKind, ...] = Field(min_length=1)
    aliases: tuple[NonEmpty, ...] = ()


class AgencyRegistry(Model):
    schema_version: Literal[1]
    note: str | None = None
    agencies: tuple[Agency, ...]
    groups: tuple[AgencyGroup, ...] = ()
