"""Section III: the periodic report reaches the city by the 15th of the period's last month."""

from __future__ import annotations

from cchc_cli.rules.base import Context, Found, days, en_date, found, vi_date


def evaluate(ctx: Context) -> list[Found]:
    submitted = ctx.data.get("submitted_on")
    reporter = (
        ctx.agency.kind in ctx.plan.periodic_reporter_kinds or ctx.agency.id in ctx.plan.periodic_reporter_agencies
    )
    if submitted is None or not reporter or submitted <= ctx.period.due:
        return []
    d_vi, d_en = days((submitted - ctx.period.due).days)
    return [
        found("CCHC401", f"report:{ctx.period.id}", ("submitted_on",),
              f"báo cáo {ctx.period.name} gửi ngày {vi_date(submitted)}, muộn {d_vi} (hạn {vi_date(ctx.period.due)})",
              f"the {ctx.period.name_en} report was sent on {en_date(submitted)}, {d_en} after its due date {en_date(ctx.period.due)}")
    ]
