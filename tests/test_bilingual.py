"""Issue 15: one mechanism for the two languages — and proof that the change altered no word.

``data/bilingual_pins.json`` was written from the code as it stood *before* the four mechanisms
(catalogue tuples, inline pairs, ``CchcError(vi=…)``, the regex translator) became one: the
messages of our own validators (plan, deadline, date and status), of keys that are not text, and of
a sample of command-line errors, each in Vietnamese and English. The tests re-say each one with
today's code and compare byte for byte. One pin was changed on purpose after the conversion: the
Vietnamese message for a long value that is not a date words its length in Vietnamese ("(300 ký
tự)"; it said "(300 characters)"), pinned again below.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pydantic
import pytest
from typer.testing import CliRunner

from conftest import REPO_ROOT

PINS = json.loads((Path(__file__).parent / "data" / "bilingual_pins.json").read_text(encoding="utf-8"))

_BITEXT = {"vi": "a", "en": "b"}
_DUTY = {"id": "x", "section": "V.1", "scope": "general", "text": "t", "title": _BITEXT, "measurable": False,
         "applies_to_kinds": ["department"]}

#: (model name in cchc_cli.models.plan, or "date"/"status", the data it refuses)
VALIDATED: dict[str, tuple[str, Any]] = {
    "deadline-not-text": ("DeadlineSpec", 5),
    "deadline-parsed": ("DeadlineSpec", {"text": "Quý II/2021", "parsed": {}}),
    "deadline-reading": ("DeadlineSpec", {"text": "Quý II/2021", "reading": "Quý III/2021"}),
    "deadline-event": ("DeadlineSpec", {"text": "Ngay sau khi Chỉ số PCI được công bố"}),
    "deadline-event-extra": ("DeadlineSpec", {"text": "Quý II/2021", "event": "pci"}),
    "deadline-report": ("DeadlineSpec", {"text": "Theo thời gian báo cáo CCHC"}),
    "deadline-month": ("DeadlineSpec", {"text": "Tháng 13/2021"}),
    "deadline-unknown": ("DeadlineSpec", {"text": "sớm"}),
    "deadline-two": ("DeadlineSpec", {"text": "Quý II/2021 và Quý III/2021"}),
    "deadline-bad-date": ("DeadlineSpec", {"text": "ngày 31/02/2021"}),
    "recurrence-day": ("Recurrence", {"freq": "monthly", "due": "end_of_period", "day": 3, "what": _BITEXT, "text": "t"}),
    "report-field": ("DutyReport", {"shape": "dated", "describe": _BITEXT}),
    "report-no-field": ("DutyReport", {"shape": "dates", "field": "f", "describe": _BITEXT}),
    "report-taken": ("DutyReport", {"shape": "forms", "field": "other", "describe": _BITEXT}),
    "duty-nobody": ("Duty", {**_DUTY, "applies_to_kinds": []}),
    "duty-measurable": ("Duty", {**_DUTY, "measurable": True}),
    "duty-needs": ("Duty", {**_DUTY, "measurable": True, "report": {"shape": "forms", "field": "f", "describe": _BITEXT}}),
    "task-parent": ("Appendix", {"tasks": [{"id": "I.1", "parent": "I.9"}]}),
    "date-month": ("date", "2021-13-01"),
    "date-year": ("date", "0000-01-01"),
    "date-days": ("date", "30/02/2021"),
    "date-form": ("date", "soon"),
    "date-long": ("date", "x" * 300),
    "date-number": ("date", 20211210),
    "status": ("status", "weird"),
}


def _model(name: str) -> Any:
    from cchc_cli.dates import coerce_date
    from cchc_cli.statuses import coerce_task_status

    if name == "date":
        return pydantic.create_model("D", value=(Annotated[date, pydantic.BeforeValidator(coerce_date)], ...))
    if name == "status":
        return pydantic.create_model("S", value=(Annotated[str, pydantic.BeforeValidator(coerce_task_status)], ...))
    from cchc_cli.models import plan

    return getattr(plan, name)


@pytest.mark.parametrize("case", sorted(VALIDATED))
def test_a_validators_message_is_the_same_in_both_languages(case: str) -> None:
    from cchc_cli.schema_words import word

    name, data = VALIDATED[case]
    model = _model(name)
    with pytest.raises(pydantic.ValidationError) as caught:
        model.model_validate(data if name not in ("date", "status") else {"value": data})
    said = word(caught.value.errors()[0])
    assert [str(said), said.vi] == PINS["validated"][case]


HEAD = "schema_version: 1\nagency: so-tu-phap\nperiod: Q1\nas_of: 2021-03-31\n"
FILES = {
    "keys.yaml": HEAD + "1: x\ntasks:\n  2.10: {status: done, completed_on: 2021-03-01}\n"
                 "indicators:\n  satisfaction: {surveyed: 1,610, satisfied: 99,5}\n",
    "status.yaml": HEAD + "tasks:\n  II.1: {status: weird}\n  II.2: {status: done, completed_on: 2021-02-30}\n",
    "date-number.yaml": HEAD.replace("2021-03-31", "20210331"),
    "notprogress.yaml": "name: x\nitems: [1, 2]\n",
    "broken-plan.yaml": "schema_version: 2\nplan: {id: x}\n",
    "bool-key.yaml": HEAD + "tasks:\n  ~: {status: done}\n",
    "settings-list/.cchc.yaml": "- a\n- b\n",
    "settings-value/.cchc.yaml": "lang: fr\nfail-on: sometimes\nwaivers:\n  - {rule: CCHC9, reason: x}\n",
}
EXAMPLE = "examples/so-tu-phap-FY.yaml"
#: each run with --lang vi and --lang en; a case named settings-* runs in its folder, reading its .cchc.yaml
RUNS: dict[str, tuple[str, ...]] = {
    "as-of-month": ("check", "--as-of", "2021-13-01", EXAMPLE),
    "as-of-long": ("check", "--as-of", "ngày " + "9" * 150, EXAMPLE),
    "due-before": ("plan", "tasks", "--due-before", "30/02/2021"),
    "keys": ("check", "keys.yaml"),
    "keys-json": ("check", "--format", "json", "keys.yaml"),
    "status": ("check", "status.yaml"),
    "status-json": ("check", "--format", "json", "status.yaml"),
    "date-number": ("check", "date-number.yaml"),
    "notprogress": ("check", "notprogress.yaml"),
    "bool-key": ("check", "bool-key.yaml"),
    "missing-file": ("check", "nowhere.yaml"),
    "unknown-task": ("plan", "task", "IX.99"),
    "init-unknown": ("init", "--agency", "so-khong-co", "--period", "Q1"),
    "settings-list": ("check", f"../{EXAMPLE}"),
    "settings-value": ("check", f"../{EXAMPLE}"),
    "plan-broken": ("check", "--plan", "broken-plan.yaml", EXAMPLE),
    "plan-missing": ("check", "--plan", "noplan.yaml", EXAMPLE),
}


def said_by_the_cli(case: str, lang: str, here: Path) -> list[Any]:
    """[exit code, the findings' messages of a JSON report (else ""), stderr]."""
    from cchc_cli.cli import app

    shutil.copytree(REPO_ROOT / "examples", here / "examples", dirs_exist_ok=True)
    for name, text in FILES.items():
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_text(text, encoding="utf-8")
    env = {"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": "", "GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "",
           "CCHC_NO_CONFIG": "" if case.startswith("settings") else "1", "NO_COLOR": "1",
           "CCHC_TODAY": "2021-12-31", "COLUMNS": "120"}
    cwd = os.getcwd()
    os.chdir(here / case if case.startswith("settings") else here)
    try:
        result = CliRunner().invoke(app, [*RUNS[case], "--lang", lang], env=env)
    finally:
        os.chdir(cwd)
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]] if case.endswith("-json") else ""
    return [result.exit_code, messages, result.stderr]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", sorted(RUNS))
def test_a_command_line_error_is_the_same_in_both_languages(case: str, lang: str, tmp_path: Path) -> None:
    assert said_by_the_cli(case, lang, tmp_path) == PINS["cli"][case][lang]


SRC = REPO_ROOT / "src" / "cchc_cli"

#: the regex translators that remain, and why: each puts *other programs'* English into Vietnamese
#: (our own messages are worded in both languages where they are made)
THEIR_WORDS = {
    "clichrome.py": "Click's and Typer's own messages (usage errors, help headings)",
    "yamlsyntax.py": "the YAML parser's messages (ruamel.yaml)",
    "config.py": "tomllib's messages of a broken pyproject.toml (_TOML_VI, matched at their start)",
}


def test_no_error_is_worded_the_old_way_and_no_translation_table_is_left() -> None:
    """The old ``vi=(…)`` keyword of CchcError and the tables that turned our English into
    Vietnamese afterwards (dates.VI_REASONS, schema_words._VALUE_ERRORS / _VI / translate,
    i18n.vi_date_problem) are gone."""
    old_form, tables = [], []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and any(k.arg == "vi" and isinstance(k.value, ast.Tuple) for k in node.keywords):
                old_form.append(f"{path.name}:{node.lineno}")
            if isinstance(node, (ast.FunctionDef, ast.Assign, ast.AnnAssign)):
                names = [node.name] if isinstance(node, ast.FunctionDef) else [
                    t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]
                for name in names:
                    if name in ("VI_REASONS", "_VALUE_ERRORS", "_VI", "vi_date_problem") or (
                            name == "translate" and path.name not in THEIR_WORDS):
                        tables.append(f"{path.name}: {name}")
    assert old_form == [] and tables == [], (old_form, tables)
    assert all((SRC / name).is_file() for name in THEIR_WORDS)


def test_a_validators_error_carries_both_languages_through_pydantic() -> None:
    """SaidError is what makes the tables unnecessary: pydantic keeps the exception, and its
    Vietnamese, in the error's context."""
    from cchc_cli.bilingual import SaidError, Bilingual
    from cchc_cli.schema_words import word

    def refuse(value: object) -> object:
        raise SaidError(Bilingual("không được", "not allowed"))

    model = pydantic.create_model("M", value=(Annotated[int, pydantic.BeforeValidator(refuse)], ...))
    with pytest.raises(pydantic.ValidationError) as caught:
        model.model_validate({"value": 1})
    said = word(caught.value.errors()[0])
    assert (str(said), said.vi) == ("not allowed", "không được")
    assert str(SaidError(Bilingual("a", "b"))) == "b"


def test_the_catalogue_is_of_bilingual_texts() -> None:
    from cchc_cli import i18n
    from cchc_cli.bilingual import Bilingual

    assert all(isinstance(i18n.both(key), Bilingual) for key in i18n.keys())
    assert (i18n.t("error", "vi"), i18n.t("error", "en")) == tuple(i18n.both("error")) == ("lỗi", "error")


def test_a_long_value_that_is_not_a_date_has_its_length_in_each_language() -> None:
    from cchc_cli.dates import DateRefused, parse_date

    with pytest.raises(DateRefused) as refused:
        parse_date("x" * 1500)
    vi, en = refused.value.text
    assert "(1.500 ký tự) không phải ngày" in vi and "characters" not in vi
    assert "(1,500 characters) is not a date" in en
