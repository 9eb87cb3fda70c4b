"""Whether the plan gives an agency anything that can be checked at all (CCHC014).

A file for an agency the plan assigns no target, appendix task or measurable section V duty
passes every other rule vacuously, which would read as "compliant"; this rule says instead that
there was nothing to judge (most often the wrong agency named in the file). It is a question
about the plan, not about the file, so it is answered from the plan alone, with the same
applicability tests the targets, tasks and duties families use to build their rows (a test keeps
the two answers equal for every agency in the registry). That keeps it a family like the others,
with no dependence on the order the engine runs them in.
"""

from __future__ import annotations

from cchc_cli.compiled import Bilingual
from cchc_cli.models.report import RuleMeta, Severity
from cchc_cli.rules.base import Context, FamilyResult, draft

NOTHING_TO_JUDGE = RuleMeta(
    id="CCHC014", slug="nothing-to-judge", family="input", severity=Severity.warning,
    title=Bilingual("Không có gì để kiểm tra", "Nothing to judge"),
    help=Bilingual("Kế hoạch không giao cho cơ quan này chỉ tiêu, nhiệm vụ Phụ lục hay trách nhiệm mục V nào đo được.",
               "The plan gives this agency no target, appendix task or measurable section V duty."),
)


def checkable(ctx: Context) -> bool:
    """The plan gives the agency a target, a task it leads, or a measurable duty that applies to it."""
    agency, plan = ctx.agency, ctx.plan
    return (
        any(agency.kind in target.applies_to for target in plan.targets)
        or bool(plan.tasks_led_by(agency.id))
        or any(duty.measurable and plan.duty_applies(duty, agency.id, agency.kind) for duty in plan.duties)
    )


def evaluate(ctx: Context) -> FamilyResult:
    if checkable(ctx):
        return FamilyResult([])
    agency = ctx.agency
    return FamilyResult([
        draft(NOTHING_TO_JUDGE, f"agency:{agency.id}", ("agency",),
              f"Kế hoạch không giao cho {agency.name} chỉ tiêu, nhiệm vụ hay trách nhiệm nào có thể kiểm tra",
              f"the plan gives {agency.name_en} no target, task or duty that can be checked",
              Bilingual("kiểm tra lại tên cơ quan trong trường agency", "check the agency named in the file"))
    ])
