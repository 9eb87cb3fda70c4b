"""Shell completion of the values cchc's options take: periods, agencies, tasks, sections, formats, rules.

Typer calls these while the shell waits (``cchc --install-completion`` installs the hook), so each
loads the plan lazily, through the cached compiled form (:func:`cchc_cli.compiled.compiled_plan`),
and a plan that does not load gives no completions rather than a traceback in the user's prompt.
The plan is the one ``--plan`` names when it is already on the line (or ``CCHC_PLAN``), else the
bundled one.

A candidate's description is one line (:func:`cchc_cli.clichrome` makes Typer's rendering of it
one line too): fish reads every line of its answer as a candidate, and zsh's ``_arguments`` breaks
on a description that spans two.

No ``from __future__ import annotations``: Typer reads these signatures to know what to pass.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from cchc_cli.compiled import CompiledPlan

Candidates = list[tuple[str, str]]


def _plan(ctx: typer.Context | None) -> "CompiledPlan":
    from cchc_cli.compiled import compiled_plan

    chosen = None
    current: Any = ctx  # Typer's context, then its parents: Click's (typer._click, private)
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
    """The registry's agency ids, each with its name: those whose id starts with what was typed, and
    those whose name (or alias) does, without diacritics or case ("Sở t", "so tu" -> so-tu-phap).

    Ids only, never names: a name has spaces, which the shell would split unless quoted. A name
    match does not start with the typed text, so Typer's own prefix filter would drop it; the
    option's completion is therefore set without that filter (:func:`without_prefix_filter`).
    """
    try:
        from cchc_cli.text import fold

        plan = _plan(ctx)
        english = _lang() == "en"
        pairs = [(a.id, a.name_en if english and a.name_en else a.name) for a in plan.registry.by_id.values()]
        found = _matching(pairs, incomplete)
        # Typed with its marks ("Sở"), the marks count ("Sóc Sơn" is not a "Sở"); typed without, any do.
        key = fold if incomplete.isascii() else _marked
        typed = key(incomplete)
        if typed:
            ids = {value.lower() for value, _ in found}
            found += [
                (a.id, shown)
                for a, (_, shown) in zip(plan.registry.by_id.values(), pairs, strict=True)
                if a.id.lower() not in ids and any(key(name).startswith(typed) for name in (a.name, a.name_en or "", *a.aliases))
            ]
        return found
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []


def _marked(text: str) -> str:
    """Lower case, one composed form, one space between words: "Sở  Tư" and "sở tư" are one prefix."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def sections(ctx: typer.Context, incomplete: str) -> Candidates:
    """The appendix's sections (I … VII), each with its number of tasks, in the plan's order."""
    try:
        plan = _plan(ctx)
        counts: dict[str, int] = {}
        for task in plan.tasks.values():
            counts[task.section] = counts.get(task.section, 0) + 1
        word = "tasks" if _lang() == "en" else "nhiệm vụ"
        return _matching([(section, f"{n} {word}") for section, n in counts.items()], incomplete)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []


def formats(ctx: typer.Context, incomplete: str) -> Candidates:
    """The formats of the command's report (``check``'s or ``summary``'s registry); none after ``=``."""
    try:
        if "=" in incomplete:
            return []  # a file name: the shell's own completion knows files better
        from cchc_cli.formats import CheckFormat, SummaryFormat, completion_names

        names = completion_names(SummaryFormat if ctx.command.name == "summary" else CheckFormat)
        return _matching([(name, "") for name in names], incomplete)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []


def severities(ctx: typer.Context, incomplete: str) -> Candidates:
    """``CCHCnnn=`` for each rule (with its title), then the levels once the ``=`` is typed."""
    try:
        from cchc_cli.rules import RULES

        lang = _lang()
        if "=" in incomplete:
            rule = incomplete.split("=", 1)[0]
            if rule.upper() not in RULES:
                return []
            from cchc_cli.severity import LEVELS

            return _matching([(f"{rule}={level}", "") for level in LEVELS], incomplete)
        return _matching([(f"{rule_id}=", meta.title.get(lang)) for rule_id, meta in RULES.items()], incomplete)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []


def without_prefix_filter(command: Any) -> None:
    """Let ``--agency`` offer ids its typed name matches: Typer keeps only candidates that start with
    the typed text, which a name prefix ("Sở") never is. Set on the built Click command tree."""
    from typer._click.shell_completion import CompletionItem

    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        return [CompletionItem(value, help=help_text) for value, help_text in agencies(ctx, incomplete)]

    for param in getattr(command, "params", []):
        if param.name == "agency" and getattr(param, "_custom_shell_complete", None) is not None:
            param._custom_shell_complete = complete
    for sub in getattr(command, "commands", {}).values():
        without_prefix_filter(sub)


def tasks(ctx: typer.Context, incomplete: str) -> Candidates:
    """The appendix's task ids (I.1, III.4.1, …), each with the start of its content (the source's words)."""
    try:
        plan = _plan(ctx)
        return _matching([(task_id, " ".join(task.content.split())[:60]) for task_id, task in plan.tasks.items()], incomplete)
    except Exception:  # noqa: BLE001 - completion never breaks the prompt
        return []
