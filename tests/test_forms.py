"""Communication forms as the officer sees them: `cchc init`'s comment and `cchc schema progress`.

The counting itself (which entries name which form, what counts once, what is an input problem)
is tested with the other duty rules in test_rules.py; the dataset's refusals in
test_dataset_errors.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli import forms
from cchc_cli.cli import EXIT_OK, app
from cchc_cli.compiled import CompiledChoice, compiled_plan

runner = CliRunner()

#: What the plan lists in V.1, by the names officers use (dataset 2.1.0).
VI_LISTING = "hội nghị, trang thông tin điện tử (website), báo chí, cuộc thi, toạ đàm, mạng xã hội"
IDS = ["conference", "website", "press", "contest", "seminar", "social_media"]


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args), env={"CCHC_LANG": "", "CCHC_PLAN": "", "CCHC_DEBUG": ""})
    assert result.exit_code == EXIT_OK, result.stderr
    return result


def _choices() -> tuple[CompiledChoice, ...]:
    return next(d for d in compiled_plan().duties if d.id == "communication").choices


def _forms_comment(template: str) -> str:
    line = next(line for line in template.splitlines() if line.strip().startswith("forms:"))
    return line.split("#", 1)[1].strip()


def test_init_comment_lists_the_forms_in_vietnamese() -> None:
    comment = _forms_comment(run("init", "-a", "so-tu-phap", "-p", "FY", "-o", "-").stdout)
    assert comment == f"hình thức: {VI_LISTING}; ít nhất 5 trong năm; hình thức khác ghi ở other:"


def test_init_writes_other_beside_forms() -> None:
    template = run("init", "-a", "quan-hoan-kiem", "-p", "H1", "-o", "-").stdout
    lines = [line.strip() for line in template.splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("forms: []"))
    assert lines[at + 1].startswith("other: [] # hình thức khác, ghi bằng lời")


def test_what_the_init_comment_shows_is_what_a_file_may_type() -> None:
    comment = _forms_comment(run("init", "-a", "so-tu-phap", "-p", "FY", "-o", "-").stdout)
    listed = comment.removeprefix("hình thức: ").split(";")[0]
    written = []
    for item in listed.split(", "):
        name, _, paren = item.partition(" (")
        written += [name, *([paren.rstrip(")")] if paren else [])]
    choices = _choices()
    assert [forms.match(choices, w) for w in written] == ["conference", "website", "website", "press", "contest", "seminar", "social_media"]


def test_init_comment_in_english() -> None:
    comment = _forms_comment(run("init", "-a", "so-tu-phap", "-p", "FY", "-o", "-", "--lang", "en").stdout)
    assert comment == (
        f"forms: {', '.join(IDS)} (or their Vietnamese names); at least 5 in the year; any other form goes under other:"
    )


@pytest.fixture(scope="module")
def communication() -> dict[str, Any]:
    schema = json.loads(run("schema", "progress").stdout)
    ref = schema["$defs"]["DutiesProgress"]["properties"]["communication"]["$ref"]
    return schema["$defs"][ref.rpartition("/")[2]]  # type: ignore[no-any-return]


def test_schema_lists_the_form_names_as_an_enum(communication: dict[str, Any]) -> None:
    enum = communication["properties"]["forms"]["items"]["enum"]
    assert enum[:6] == IDS
    for name in ("hội nghị", "trang thông tin điện tử", "website", "báo chí", "cuộc thi", "toạ đàm", "tọa đàm",
                 "mạng xã hội", "tổ chức hội nghị tập huấn", "hoi nghi", "mang xa hoi"):
        assert name in enum
    assert len(enum) == len(set(enum))
    assert "press_release" not in enum
    # every spelling offered is one the check accepts, as the form it is offered for
    assert all(forms.match(_choices(), spelling) is not None for spelling in enum)
    assert all(unicodedata.is_normalized("NFC", spelling) for spelling in enum)


def test_schema_documents_other_as_free_text(communication: dict[str, Any]) -> None:
    other = communication["properties"]["other"]
    assert other["type"] == "array" and other["items"]["type"] == "string" and "enum" not in other["items"]
    vi, en = other["description"].split(" / ", 1)
    assert "ghi bằng lời" in vi and "in words" in en
    forms_doc = communication["properties"]["forms"]["description"]
    assert VI_LISTING in forms_doc and "other" in forms_doc


@pytest.mark.parametrize(
    "written, form",
    [
        ("Hội nghị", "conference"),
        (unicodedata.normalize("NFD", "trang thông tin điện tử"), "website"),
        ("WEBSITE", "website"),
        ("tọa đàm", "seminar"),
        ("toạ đàm", "seminar"),
        ("toa dam", "seminar"),
        ("Báo - Đài phát thanh", "press"),
        ("social_media", "social_media"),
        ("  mạng   xã hội ", "social_media"),
        ("press_release", None),
        ("…", None),
        ("", None),
    ],
)
def test_match(written: str, form: str | None) -> None:
    assert forms.match(_choices(), written) == form


def test_listing_shows_each_form_once() -> None:
    assert forms.listing_vi(_choices()) == VI_LISTING
    assert re.fullmatch(r"[a-z_, ]+", forms.listing_en(_choices()))
