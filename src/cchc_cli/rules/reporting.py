"""Section III: the periodic report reaches the city by the 15th of the period's last month."""

from __future__ import annotations

from cchc_cli.compiled import Bilingual
from cchc_cli.models.report import RuleMeta, Severity
from cchc_cli.rules.base import Context, FamilyResult, days, draft, en_date, vi_date

REPORT_LATE = RuleMeta(
    id="CCHC401", slug="report-late", family="reporting", severity=Severity.error,
    title=Bilingual("Gửi báo cáo muộn", "Report sent late"),
    help=Bilingual("Báo cáo phải đến UBND Thành phố (qua Sở Nội vụ) chậm nhất ngày 15 tháng cuối kỳ.",
               "The report must reach the City (via the Department of Home Affairs) by the 15th of the period's last month."),
)


def evaluate(ctx: Context) -> FamilyResult:
    submitted = ctx.data.get("submitted_on")
    if submitted is None or not ctx.plan.reports_periodically(ctx.agency.id, ctx.agency.kind) or submitted <= ctx.period.due:
        return FamilyResult([])
    d_vi, d_en = days((submitted - ctx.period.due).days)
    return FamilyResult([
        draft(REPORT_LATE, f"report:{ctx.period.id}", ("submitted_on",),
              f"báo cáo {ctx.period.name} gửi ngày {vi_date(submitted)}, muộn {d_vi} (hạn {vi_date(ctx.period.due)})",
              f"the {ctx.period.name_en} report was sent on {en_date(submitted)}, {d_en} after its due date {en_date(ctx.period.due)}")
    ])
