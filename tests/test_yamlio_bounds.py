"""The event-stream builder of yamlio (issue 10): what YAML means here, and every bound it holds.

Each case is one snippet and its exact result, or the exact refusal with its line and column.
"""

from __future__ import annotations

import pytest

from cchc_cli import yamlio
from cchc_cli.errors import ParseError
from cchc_cli.yamlio import load_text


@pytest.mark.parametrize(
    ("text", "data"),
    [
        # implicit types, YAML 1.2 (ruamel's default) and 1.1 when the file says so
        ("a: yes\nb: 0x10\nc: 1_000\nd: -.inf\ne: ~\n", {"a": "yes", "b": 16, "c": 1000, "d": float("-inf"), "e": None}),
        ("%YAML 1.1\n---\na: yes\nb: off\n", {"a": True, "b": False}),
        # explicit standard tags that fit their value
        ('a: !!int "42"\nb: !!str 42\nc: !!float "1.5"\nd: !!bool "true"\ne: !!null ""\n',
         {"a": 42, "b": "42", "c": 1.5, "d": True, "e": None}),
        ("a: !!map {x: 1}\nb: !!seq [1]\nc: ! 12\n", {"a": {"x": 1}, "b": [1], "c": "12"}),
        # timestamps stay text
        ("d: 2021-02-30\n", {"d": "2021-02-30"}),
        # merge keys: explicit keys win, then the merged mappings in order
        ("base: &b {x: 1, y: 2}\nother: &o {y: 3, z: 4}\nc:\n  <<: [*b, *o]\n  x: 0\n",
         {"base": {"x": 1, "y": 2}, "other": {"y": 3, "z": 4}, "c": {"x": 0, "y": 2, "z": 4}}),
        # an alias to a scalar can be a key
        ("k: &k name\n*k : 1\n", {"k": "name", "name": 1}),
        # an empty document
        ("# only a comment\n", None),
    ],
)
def test_what_yaml_means(text: str, data: object) -> None:
    assert load_text(text, "x.yaml").data == data


def test_an_alias_shares_its_value_and_is_located_where_it_is_used() -> None:
    doc = load_text("a: &x [1, 2]\nb:\n  - *x\n", "x.yaml")
    assert doc.data["b"][0] is doc.data["a"]
    assert doc.locate(["b", 0]) == (("x.yaml", 3, 5))


def test_merged_keys_are_located_at_the_merge() -> None:
    doc = load_text("base: &b {x: 1}\nc:\n  y: 2\n  <<: *b\n", "x.yaml")
    assert doc.locate(["c", "x"]) == ("x.yaml", 4, 3)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("a: !!int abc\n", 1, 4, "'abc' is tagged !!int but is not a whole number"),
        ("a: !!bool maybe\n", 1, 4, "'maybe' is tagged !!bool but is not true or false"),
        ("a: !!null x\n", 1, 4, "'x' is tagged !!null but is not an empty value ('~' or 'null')"),
        ("a: !!binary aGk=\n", 1, 4, "the tag '!!binary' is not supported on a value"),
        ("a: !!set {x: null}\n", 1, 4, "the tag '!!set' is not supported on a mapping"),
        ("a: !!omap [x: 1]\n", 1, 4, "the tag '!!omap' is not supported on a list"),
        ("a: !local x\n", 1, 4, "the tag '!local' is not supported on a value"),
        ("a: *nothing\n", 1, 4, "the alias *nothing refers to no anchor defined before it"),
        ("a: &x [*x]\n", 1, 8, "the alias *x refers to no anchor defined before it"),
        ("a: &x 1\nb: &x 2\n", 2, 4, "the anchor &x is defined twice"),
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)"),
        ("a: 1\n---\nb: 2\n", 2, 1, "the file holds a second YAML document"),
        ("? [a, b]\n: 1\n", 1, 3, "a key must be a single value, not a list or mapping"),
        ("x: &m {a: 1}\n*m : 2\n", 2, 1, "a key must be a single value, not a list or mapping"),
        ("<<: 5\n", 1, 1, "'<<' merges mappings"),
        ("n: " + "1" * 33 + "\n", 1, 4, "a number of 33 characters; cchc reads numbers of at most 32"),
        ("n: 1" + "0" * 400 + ".5\n", 1, 4, "a number of 403 characters"),
        ("%YAML 1.3\n---\na: 1\n", 1, 1, "YAML version 1.3 is not supported"),
    ],
)
def test_refusals_are_located(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        load_text(text, "x.yaml")
    assert message in info.value.message.en
    assert info.value.location == ("x.yaml", line, column)
    assert info.value.message.vi != info.value.message.en  # said in Vietnamese too


@pytest.mark.parametrize(
    "text",
    [
        "- " * 30_000 + "x\n",  # block sequences: one level per two bytes
        "? " * 40_000 + "x\n",  # complex keys
        "[" * 40_000 + "\n",  # flow
        "{a: " * 20_000 + "\n",
        "".join(" " * i + f"k{i}:\n" for i in range(70)) + " " * 70 + "x: 1\n",  # block mappings
        "a: &a [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
        "b: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",  # depth repeated by an alias
    ],
)
def test_nesting_of_every_kind_is_bounded(text: str) -> None:
    with pytest.raises(ParseError) as info:
        load_text(text, "deep.yaml")
    assert "nested too deeply" in info.value.message.en
    assert info.value.location is not None and info.value.location.line is not None


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = yamlio.MAX_DEPTH
    doc = load_text("[" * depth + "1" + "]" * depth + "\n", "x.yaml")
    inner = doc.data
    for _ in range(depth - 1):
        inner = inner[0]
    assert inner == [1]


def test_expansion_is_budgeted_in_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_EXPANDED_CHARS", 1000)
    load_text("a: &s " + "x" * 400 + "\nb: *s\n", "x.yaml")  # 800 characters: fits
    with pytest.raises(ParseError) as info:
        load_text("a: &s " + "x" * 400 + "\nb: [*s, *s]\n", "x.yaml")
    assert "more than 1,000 characters of text" in info.value.message.en
    assert info.value.location == ("x.yaml", 2, 9)  # the alias that crossed the budget


def test_warnings_never_reach_the_user(recwarn: pytest.WarningsRecorder) -> None:
    with pytest.raises(ParseError):
        load_text("a: &x 1\nb: &x 2\nc: *x\n", "x.yaml")
    assert len(recwarn) == 0


def test_a_warning_from_the_parser_is_an_input_error_not_a_printed_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import warnings

    real = yamlio._loader

    class Warns:
        def parse(self, text: str) -> object:
            warnings.warn("ReusedAnchorWarning: found duplicate anchor\n::error::forged", UserWarning, stacklevel=1)
            return real("safe").parse(text)

    monkeypatch.setattr(yamlio, "_loader", lambda kind: Warns())
    with pytest.raises(ParseError) as info:
        load_text("a: 1\n", "x.yaml")
    assert info.value.message.en == "YAML warning: ReusedAnchorWarning: found duplicate anchor\\n::error::forged"
