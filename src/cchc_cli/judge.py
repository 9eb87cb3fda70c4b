"""One progress file judged: read, validated, evaluated against the plan -> a Report.

The step that :func:`cchc_cli.api.check` offers to callers and that the roll-up's workers
(:mod:`cchc_cli.summary`) run for each file. It lives below both so that the façade imports the
roll-up and never the other way round: data flows one way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_cli.errors import UsageError
from cchc_cli.text import quoted
from cchc_cli.bilingual import Bilingual

if TYPE_CHECKING:
    from cchc_cli.compiled import CompiledPlan, CompiledPeriod
    from cchc_cli.models.report import Report


def check(
    path: Path,
    *,
    plan_path: Path | None = None,
    period: str | None = None,
    as_of: date | None = None,
    shown: str | None = None,
    as_of_for: str | None = None,
) -> Report:
    """Judge one progress file into its :class:`~cchc_cli.models.report.Report`.

    ``as_of_for`` limits ``as_of`` to files of that period (the roll-up judges one period at a
    date of its choosing, and the other periods' files, for trends, at their own).

    A file that cannot be read or validated still gives a report, whose findings are its
    problems (rules CCHC001/CCHC002) and whose exit code says "input error".
    """
    from cchc_cli import engine, progress
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.errors import InputError

    plan = compiled_plan(plan_path)
    display = shown or str(path)
    check_options(plan, period, as_of)
    try:
        document = progress.parse(path, display, plan=plan)
    except InputError as error:
        return engine.failed_input(plan, display, error)
    return engine.evaluate(plan, document, period, as_of, as_of_for)


def check_options(plan: CompiledPlan, period: str | None, as_of: date | None) -> None:
    """The UsageError that ``--period`` or ``--as-of`` makes for every file of a run, if any.

    :func:`check` meets it at the run's first file; a streamed run (:mod:`cchc_cli.stream`) asks
    first, before it writes anything, so that a bad option never leaves half a document.
    """
    if period is not None:
        period_option(plan, period)
    if as_of is not None:
        from cchc_cli.dates import day_text

        first, last = plan.data_start, date(plan.year, 12, 31)
        if not first <= as_of <= last:
            raise UsageError(
                Bilingual(
                    f"--as-of {day_text(as_of)} nằm ngoài thời gian của Kế hoạch ({day_text(first)} – {day_text(last)})",
                    f"--as-of {as_of.isoformat()} is outside the plan's time ({first.isoformat()} to {last.isoformat()})",
                ),
                None,
                Bilingual(
                    "hãy chọn một ngày trong năm của Kế hoạch",
                    "give a date within the plan's year",
                ),
            )


def period_option(plan: CompiledPlan, period: str) -> CompiledPeriod:
    """The reporting period named by ``--period``, or a UsageError listing the periods."""
    try:
        return plan.period(period)
    except KeyError:
        ids = ", ".join(p.id for p in plan.periods)
        raise UsageError(
            Bilingual(
                f"--period: không có kỳ báo cáo {quoted(period, lang='vi')}",
                f"--period: there is no reporting period {quoted(period)}",
            ),
            None,
            Bilingual(
                f"các kỳ: {ids}",
                f"the periods are {ids}",
            ),
        ) from None
