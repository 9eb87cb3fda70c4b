"""The rule catalogue is gathered from the rule constants, and is exactly what it was.

Each rule is a :class:`RuleMeta` constant in the module whose code raises it; ``RULES`` collects
them. These tests keep that honest: every constant is in the catalogue, ids are unique, no rule
is named by a bare id string any more, the catalogue is the one ``cchc rules`` has always shown
(``tests/golden/rules-catalogue.json``, taken before the constants moved), and every family runs.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import cchc_cli
import cchc_cli.rules
from cchc_cli.models.report import RuleMeta, Severity
from cchc_cli.rules import FAMILIES, RULES, _catalogue

GOLDEN = Path(__file__).parent / "golden" / "rules-catalogue.json"
PACKAGE = Path(cchc_cli.__file__).resolve().parent


def _rule_modules() -> list[ModuleType]:
    return [importlib.import_module(f"cchc_cli.rules.{m.name}") for m in pkgutil.iter_modules(cchc_cli.rules.__path__)]


def test_the_catalogue_is_what_it_was() -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = [
        {"id": r.id, "slug": r.slug, "family": r.family, "severity": r.severity.name,
         "title": {"vi": r.title.vi, "en": r.title.en}, "help": {"vi": r.help.vi, "en": r.help.en}}
        for r in RULES.values()
    ]
    assert actual == expected  # same ids, in the same order, with the same words and severities


def test_every_rule_constant_is_in_the_catalogue() -> None:
    constants = {
        (module.__name__, name): value
        for module in _rule_modules()
        for name, value in vars(module).items()
        if isinstance(value, RuleMeta)
    }
    assert len({v.id for v in constants.values()}) == len(RULES)
    for (module, name), rule in constants.items():
        assert RULES[rule.id] is rule, f"{module}.{name}"
        assert name.isupper(), f"{module}.{name}: a rule constant is named in capitals"


def test_ids_are_sorted_well_formed_and_match_their_family() -> None:
    assert list(RULES) == sorted(RULES)
    first_digit = {"input": "0", "targets": "1", "tasks": "2", "duties": "3", "reporting": "4", "config": "5"}
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"CCHC\d{3}", rule_id)
        assert rule_id[4] == first_digit[rule.family], rule_id
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.slug)
        assert isinstance(rule.severity, Severity)
    assert len({r.slug for r in RULES.values()}) == len(RULES)


def test_two_rules_with_one_id_are_refused() -> None:
    a, b = ModuleType("a"), ModuleType("b")
    rule = RULES["CCHC201"]
    a.X = rule  # type: ignore[attr-defined]
    b.X = rule  # type: ignore[attr-defined]
    assert _catalogue((a, b)) == {"CCHC201": rule}  # the same constant imported twice counts once
    b.Y = rule._replace(slug="another")  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="CCHC201"):
        _catalogue((a, b))


def test_no_rule_is_named_by_a_bare_id_in_the_code() -> None:
    """A rule is raised through its constant; an id string outside its definition is a KeyError waiting."""
    bare = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defining = {
            id(kw.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "RuleMeta"
            for kw in node.keywords
            if kw.arg == "id"
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"CCHC\d{3}", node.value):
                if id(node) not in defining:
                    bare.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value}")
    assert bare == []


def test_every_family_module_runs() -> None:
    """A module under rules/ with an ``evaluate`` is a family, and the engine runs every family."""
    families = {m.__name__ for m in _rule_modules() if hasattr(m, "evaluate")}
    assert families == {f.__name__ for f in FAMILIES}  # type: ignore[attr-defined]


def test_nothing_to_judge_agrees_with_the_families_rows() -> None:
    """CCHC014 is answered from the plan; it must agree with the rows the families build, for every agency."""
    from cchc_cli.compiled import compiled_plan
    from cchc_cli.rules import coverage, duties, targets, tasks
    from cchc_cli.rules.base import Context

    plan = compiled_plan()
    period = plan.period("FY")
    seen = set()
    for agency in plan.registry.by_id.values():
        ctx = Context(plan=plan, data={"agency": agency.id}, agency=agency, period=period, as_of=date(plan.year, 12, 31))
        rows = (*targets.evaluate(ctx).targets, *tasks.evaluate(ctx).tasks,
                *[r for r in duties.evaluate(ctx).duties if r.state != "not_measurable"])
        assert coverage.checkable(ctx) == bool(rows), agency.id
        seen.add(bool(rows))
    assert seen == {True, False}  # the bundled registry has agencies of both kinds
