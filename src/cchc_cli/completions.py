"""Shell completion of the values cchc's options take: period ids, agency ids, task ids.

Typer calls these while the shell waits (``cchc --install-completion`` installs the hook), so each
loads the plan lazily, through the cached compiled form (:func:`cchc_cli.compiled.compiled_plan`),
and a plan that does not load gives no completions rather than a traceback in the user's prompt.
The plan is the one ``--plan`` names when it is already on the line (or ``CCHC_PLAN``), else the
bundled one.

No ``from __future__ import annotations``: Typer reads these signatures to know what to pass.
"""

from pathlib import Path
from typing import Any

import typer

Candidates = list[tuple[str, str]]


def _plan(ctx: typer.Context | None) -> Any:
    from cchc_cli.compiled import compiled_plan

    chosen = None
    current: Any = ctx
    while current is not None and chosen is None:
        chosen = current.params.get("plan")
        current = current.parent
    return compiled_plan(Path(chosen) if chosen else None)


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> Candidates:
    """The values that start with what was typed, in any case, completed in the case it was typed.

    cchc reads ``q1`` as ``Q1`` and ``iii.4.1`` as ``III.4.1``; Typer keeps only candidates that
    start with the typed text exactly, so "h" is completed to "h1" rather than offered "H1".
    """
    wanted = incomplete.lower()
    return [
        (incomplete + value[len(incomplete):], help_text)
        for value, help_text in pairs
        if value.lower().startswith(wanted) and len(value.lower()) == len(value)
    ]


def _lang() -> str:
    from cchc_cli import uilang

    return uilang.get()


def periods(ctx: typer.Context, incomplete: str) -> Candidates:
    """The plan's reporting periods (Q1, H1, 9M, FY), each with its name."""
    try:
        plan = _plan(ctx)
        english = _lang() == "en"
        return _matching([(p.id, p.name_en if english else p.name) for p in plan.periods], incomplete)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []


def agencies(ctx: typer.Context, incomplete: str) -> Candidates:
    """The registry's agency ids, each with its name."""
    try:
        plan = _plan(ctx)
        english = _lang() == "en"
        return _matching(
            [(a.id, a.name_en if english and a.name_en else a.name) for a in plan.registry.by_id.values()], incomplete
        )
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []


def tasks(ctx: typer.Context, incomplete: str) -> Candidates:
    """The appendix's task ids (I.1, III.4.1, …), each with the start of its content (the source's words)."""
    try:
        plan = _plan(ctx)
        return _matching([(task_id, " ".join(task.content.split())[:60]) for task_id, task in plan.tasks.items()], incomplete)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []
