"""The shared model base: frozen, unknown keys refused, and the small value types every model uses."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

from cchc_cli.dates import coerce_date


class Model(BaseModel):
    """Frozen, and strict about keys: a misspelt key in a data file is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


#: A calendar date written as ISO ``2021-01-05``, ``05/01/2021`` or ``ngày 05 tháng 01 năm 2021``.
FlexibleDate = Annotated[date, BeforeValidator(coerce_date)]

#: Stable ASCII identifiers for agencies and groups: ``so-tu-phap``, ``quan-hoan-kiem``.
AgencyId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]

#: Identifiers used as progress-file keys: ``on_time_dossiers``, ``agency_plan``.
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]

NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class BiText(Model):
    """A text in Vietnamese with its English rendering."""

    vi: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi
