"""A repository's cchc settings: ``.cchc.yaml``, or ``[tool.cchc]`` in ``pyproject.toml``.

Keys are spelt with hyphens as in the command line (``fail-on``). Waivers accept a finding (a rule
for a subject, optionally only in files matching a glob) with a reason, an approver and an expiry
date; they are the one way to keep a known finding from failing a pipeline, and they run out.
``severity`` sets a rule's severity for the whole repository (``CCHC102: warning``, ``CCHC203: off``).
``exclude`` lists globs of files and directories that ``cchc check DIR`` and ``cchc summary DIR``
do not walk into (:mod:`cchc_cli.walk`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, StringConstraints, with_config
from typing_extensions import NotRequired, TypedDict

from cchc_cli.dates import coerce_date
from cchc_cli.formats import settings_pattern

_STRICT = ConfigDict(extra="forbid")

Day = Annotated[date, BeforeValidator(coerce_date)]
#: No control characters: these strings are shown in terminals, reports and exported files.
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


#: NAME or NAME=PATH, NAME one of ``check``'s formats (the registry, cchc_cli.formats); PATH
#: relative to the settings file's directory, and inside it (cchc_cli.outputs).
FormatSpec = Annotated[str, StringConstraints(pattern=settings_pattern())]


@with_config(_STRICT)
class WaiverEntry(TypedDict):
    rule: Annotated[str, StringConstraints(pattern=r"^CCHC\d{3}$"), Field(description="Mã quy tắc / rule id, e.g. CCHC201")]
    subject: Annotated[Text, Field(description="Đối tượng / subject, e.g. task:II.3")]
    reason: Annotated[Text, Field(description="Lý do miễn trừ / why this finding is accepted")]
    approver: Annotated[Text, Field(description="Người phê duyệt / who approved it")]
    expires: Annotated[Day, Field(description="Ngày hết hạn / the waiver lapses after this date")]
    file: NotRequired[Annotated[Text, Field(description="Chỉ áp dụng cho tệp khớp mẫu / only files matching this glob")]]


Severity = Annotated[Literal["error", "warning", "info"], BeforeValidator(_lower)]
#: a rule's severity in this repository (cchc_cli.severity); "off" removes its findings
RuleLevel = Annotated[Literal["error", "warning", "info", "off"], BeforeValidator(_lower)]
#: a rule id as written: cchc_cli.severity says whether the rule exists (with the closest id when
#: not) and whether it may be changed, which a pattern here could not
RuleId = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")]
Lang = Annotated[Literal["vi", "en"], BeforeValidator(_lower)]

Settings = TypedDict(
    "Settings",
    {
        "fail-on": NotRequired[Severity],
        "lang": NotRequired[Lang],
        "plan": NotRequired[Text],
        "format": NotRequired[list[FormatSpec]],
        #: globs of files and directories a directory walk leaves out (cchc_cli.walk says how they match)
        "exclude": NotRequired[list[Text]],
        "waivers": NotRequired[list[WaiverEntry]],
        "severity": NotRequired[dict[RuleId, RuleLevel]],
    },
)
Settings.__pydantic_config__ = _STRICT  # type: ignore[attr-defined]
