"""Checks of a schema-valid progress file against the plan that no type can express.

Dates must fall in the plan's time (from the start of its data period to the end of its year),
and events must be events the plan declares. (Unknown indicators, tasks and counts are checked
by the target and task rules, which know what each one should have been.)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from cchc_cli.compiled import Text2
from cchc_cli.rules.base import Context, DataPath, Found, en_date, found, vi_date
from cchc_cli.text import quoted, visible


def _dates(node: Any, path: DataPath) -> Iterator[tuple[DataPath, date]]:
    if isinstance(node, date):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _dates(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _dates(value, (*path, i))


def evaluate(ctx: Context) -> list[Found]:
    from cchc_cli.validation import MAX_PROBLEMS, did_you_mean, dotted

    findings: list[Found] = []
    first, last = ctx.plan.data_start, date(ctx.plan.year, 12, 31)
    for path, day in _dates(ctx.data, ()):
        # A report for the year may well be sent in January of the next: only its lower bound holds.
        if not first <= day <= last and not (path == ("submitted_on",) and day >= first):
            where = visible(dotted(path))
            findings.append(
                found("CCHC007", f"input:{where}", path,
                      f"{where}: ngày {vi_date(day)} nằm ngoài thời gian của Kế hoạch ({vi_date(first)} – {vi_date(last)})",
                      f"{where}: {en_date(day)} is outside the plan's time ({en_date(first)} to {en_date(last)})")
            )
    from cchc_cli.dates import month_end

    period_end = month_end(ctx.plan.year, ctx.period.months)
    if period_end < ctx.as_of <= last:  # beyond the plan's year, CCHC007 has said it already
        findings.append(
            found("CCHC013", f"report:{ctx.period.id}", ctx.parent_path("as_of"),
                  f"ngày chốt số liệu {vi_date(ctx.as_of)} nằm ngoài kỳ {ctx.period.name} (đến {vi_date(period_end)})",
                  f"the as-of date {en_date(ctx.as_of)} is outside the {ctx.period.name_en} period (which ends {en_date(period_end)})",
                  Text2("kiểm tra period và as_of", "check period and as_of"))
        )
    unknown = 0
    for key in ctx.section("events"):
        if key not in ctx.plan.events:
            unknown += 1  # past the problems a report lists, a suggestion would only cost time
            guess = did_you_mean(key, list(ctx.plan.events)) if unknown <= MAX_PROBLEMS else None
            known = ", ".join(ctx.plan.events)
            findings.append(
                found("CCHC009", f"input:events.{key}", ("events", key),
                      f"sự kiện {quoted(key, lang='vi')} không có trong Kế hoạch" + (f"; có phải là {guess!r}?" if guess else f"; các sự kiện: {known}"),
                      f"event {quoted(key)} is not in the plan" + (f"; did you mean {guess!r}?" if guess else f"; the events are {known}"))
            )
    return findings
