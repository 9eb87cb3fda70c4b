"""The rule catalogue and the rule families: every rule's id, slug, family, severity, title and help.

Ids are a public contract (CI waivers, SARIF fingerprints and agencies' scripts name them): an id
is never renamed or reused. ``CCHC0xx`` input, ``1xx`` targets, ``2xx`` tasks, ``3xx`` duties,
``4xx`` reporting, ``5xx`` the repository's configuration.

A rule is a :class:`RuleMeta` constant in the module whose code raises it (``TASK_OVERDUE`` in
:mod:`.tasks`, ``UNKNOWN_AGENCY`` in :mod:`.inputs`, ``WAIVER_EXPIRED`` in :mod:`.config`), so a
misspelt rule fails at import and in mypy. This module only gathers them: :data:`RULES` is every
constant of those modules, ordered by id, and generates ``cchc rules``, SARIF's rule list, the
README table, and the ids that waivers and severity settings may name. :data:`FAMILIES` are the
modules the engine runs, each a pure ``evaluate(ctx) -> FamilyResult`` (see :mod:`cchc_cli.engine`).
"""

from __future__ import annotations

from types import ModuleType

from cchc_cli.models.report import RuleMeta
from cchc_cli.rules import config, coverage, duties, inputs, reporting, targets, tasks
from cchc_cli.rules.base import Family

#: The families in the order they run; findings are sorted afterwards, so the order only decides
#: between findings that sort equal (kept as it always was).
FAMILIES: tuple[Family, ...] = (inputs, targets, tasks, duties, reporting, coverage)


def _catalogue(modules: tuple[ModuleType, ...]) -> dict[str, RuleMeta]:
    """Every rule constant the modules define (or import: a shared rule counts once), by id."""
    rules: dict[str, RuleMeta] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, RuleMeta):
                if rules.setdefault(value.id, value) is not value:
                    raise ValueError(f"two rules share the id {value.id}: {rules[value.id].slug} and {value.slug}")
    return dict(sorted(rules.items()))


RULES: dict[str, RuleMeta] = _catalogue((inputs, targets, tasks, duties, reporting, coverage, config))


def markdown_table(lang: str = "en") -> str:
    """The catalogue as the Markdown table docs/officer.md carries (a test keeps the two equal)."""
    lines = ["| id | slug | severity | rule |", "|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| {rule.id} | `{rule.slug}` | {rule.severity.name} | {rule.title.get(lang)}: {rule.help.get(lang)} |")
    return "\n".join(lines) + "\n"
