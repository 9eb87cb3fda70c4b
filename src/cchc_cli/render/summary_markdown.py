"""``cchc summary --format markdown``: the roll-up for an e-mail or a merge request, user text escaped.

Names and messages go through :func:`~cchc_cli.render.markdown.cell`, file names shown as code
through :func:`~cchc_cli.render.markdown.code`, the document through :func:`cchc_cli.text.inert`,
as in ``cchc check --format markdown``.
"""

from __future__ import annotations

from cchc_cli.i18n import t
from cchc_cli.models.summary import CityReport
from cchc_cli.numbers import count, decimal, goal, percent, points, ratio
from cchc_cli.render.markdown import cell as escape
from cchc_cli.render.markdown import code
from cchc_cli.text import inert


def render_summary(city: CityReport, lang: str) -> str:
    plan = city.plan
    lines = [
        f"# {t('summary.title', lang)}",
        "",
        f"**{t('check.period', lang)}:** {escape(city.period_name.get(lang))} ({city.period}) · "
        f"**{t('check.plan', lang)}:** {plan.id} {plan.version} · sha256 {plan.sha256[:12]} · "
        f"**{t('check.files', lang)}:** {count(city.files, lang)}",
        "",
        f"## {t('summary.city_targets', lang)}",
        "",
        f"| {t('target', lang)} | {t('check.counts', lang)} | {t('check.actual', lang)} | {t('threshold', lang)} "
        f"| {t('check.gap', lang)} | {t('check.verdict', lang)} |",
        "|---|---:|---:|---|---:|---|",
    ]
    for ct in city.city_targets:
        lines.append(
            f"| {escape(ct.title.get(lang))} | {ratio(ct.numerator, ct.denominator, lang)} | "
            f"{percent(ct.value, lang) if ct.value is not None else '—'} | "
            f"{goal(ct.comparator, ct.threshold_percent, lang)} | "
            f"{points(ct.gap, lang) if ct.gap is not None else ''} | {t(f'verdict.{ct.verdict}', lang)} |"
        )
    lines += ["", f"## {t('summary.ranking', lang)}", "",
              f"| # | {t('check.agency', lang)} | {t('summary.score', lang)} | {t('summary.targets_met', lang)} "
              f"| {t('summary.tasks_overdue', lang)} | {t('summary.duties_missed', lang)} | {t('check.days_late', lang)} |",
              "|---:|---|---:|---:|---:|---:|---:|"]
    for ranked in city.ranking:
        unit = ranked.unit
        met = sum(c.verdict == "met" for c in unit.targets)
        name = escape(unit.agency.name) if unit.agency else escape(unit.path)
        lines.append(
            f"| {count(ranked.rank, lang)} | {name} | {decimal(ranked.score, lang, 1)} | {ratio(met, len(unit.targets), lang)} | "
            f"{count(len(unit.overdue_tasks), lang)} | {count(len(unit.missed_duties), lang)} | "
            f"{count(unit.late_days, lang) if unit.late_days else ''} |"
        )
    from cchc_cli.render.summary_text import matrix_cell

    # Columns are named by the targets' titles in the chosen language (the ids stay in JSON/CSV):
    # a Markdown table has room for the whole title.
    lines += ["", f"## {t('summary.matrix', lang)}", "",
              "| " + t("check.agency", lang) + " | " + " | ".join(escape(ct.title.get(lang)) for ct in city.city_targets) + " |",
              "|---|" + "---:|" * len(city.city_targets)]
    for ranked in city.ranking:
        unit = ranked.unit
        name = escape(unit.agency.name) if unit.agency else escape(unit.path)
        lines.append(f"| {name} | " + " | ".join(matrix_cell(unit, ct.id, lang) for ct in city.city_targets) + " |")
    if city.not_reported:
        lines += ["", f"**{t('summary.not_reported', lang)} ({count(len(city.not_reported), lang)}):** "
                  + ", ".join(escape(a.name) for a in city.not_reported)]
    invalid = [u for u in city.units if u.status == "invalid" and u.agency is not None]
    if invalid:
        lines += ["", f"**{t('summary.invalid', lang)} ({count(len(invalid), lang)}):** " + ", ".join(
            f"{escape(u.agency.name)} ({code(u.result.path)})" for u in invalid if u.agency and u.result)]
    if city.late:
        lines += ["", f"**{t('summary.late', lang)}:** " + ", ".join(
            f"{escape(r.agency.name) if r.agency else escape(r.path)} (+{count(r.late_days or 0, lang)})" for r in city.late)]
    if city.bad_files or city.duplicates:
        lines += ["", f"## {t('summary.bad_files', lang)}", ""]
        for r in city.bad_files:
            location, message = r.problem if r.problem else (None, None)
            whose = f" ({escape(r.claimed.name)})" if r.claimed and not r.judged else ""
            lines.append(f"- {code(str(location or r.path))}: {escape(message.get(lang)) if message else ''}{whose}")
        for d in city.duplicates:
            lines.append(f"- {t('summary.duplicate', lang)} {escape(d.agency.name)} {d.period}: "
                         f"{code(d.kept)} · {code(d.other)}")
    return inert("\n".join(lines) + "\n")
