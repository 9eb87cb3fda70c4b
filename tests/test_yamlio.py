"""YAML input and output (cchc_cli.yamlio): text kept as text, positions, limits, encodings, atomic writes."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from cchc_cli import yamlio
from cchc_cli.errors import ParseError
from cchc_cli.yamlio import atomic_write_text, decode, load, load_text

# ---------------------------------------------------------------------------------------------
# plain data


def test_impossible_date_stays_text() -> None:
    doc = load_text("due: 2021-02-30\n", "x.yaml")
    assert doc.data == {"due": "2021-02-30"}


def test_real_date_stays_text_too() -> None:
    # dates are read by cchc_cli.dates, never by the YAML loader
    doc = load_text("due: 2021-01-05\nwhen: 2021-01-05 10:00:00\n", "x.yaml")
    assert doc.data == {"due": "2021-01-05", "when": "2021-01-05 10:00:00"}
    assert all(isinstance(v, str) for v in doc.data.values())


def test_plain_types() -> None:
    doc = load_text("n: 3\nf: 1.5\nb: true\nz: null\ns: 'Sở Tư pháp'\nl: [1, two]\n", "x.yaml")
    assert doc.data == {"n": 3, "f": 1.5, "b": True, "z": None, "s": "Sở Tư pháp", "l": [1, "two"]}
    assert type(doc.data) is dict and type(doc.data["l"]) is list


# ---------------------------------------------------------------------------------------------
# positions

LOCATE_TEXT = """\
plan:
  id: x
  decision:
    number: "5743"
items:
  - first
  - second
  - name: third
    value: 3
"""


@pytest.mark.parametrize(
    ("data_path", "line", "column"),
    [
        (["plan"], 1, 1),
        (["plan", "id"], 2, 3),
        (["plan", "decision"], 3, 3),
        (["plan", "decision", "number"], 4, 5),
        (["items"], 5, 1),
        (["items", 0], 6, 5),
        (["items", 1], 7, 5),
        (["items", 2], 8, 5),
        (["items", 2, "value"], 9, 5),
        # the deepest part that exists
        (["plan", "decision", "missing"], 3, 3),
        (["items", 7], 5, 1),
        (["nowhere"], 1, 1),
        ([], 1, 1),
    ],
)
def test_locate(data_path: list[str | int], line: int, column: int) -> None:
    doc = load_text(LOCATE_TEXT, "p.yaml")
    where = doc.locate(data_path)
    assert where.path == "p.yaml"
    assert (where.line, where.column) == (line, column)


# ---------------------------------------------------------------------------------------------
# syntax errors, with 1-based lines


def _parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        load_text(text, "bad.yaml")
    assert info.value.location is not None
    assert info.value.location.path == "bad.yaml"
    return info.value


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", 3),
        ("top:\n  x: 1\n  y: 2\n  x: 3\n", 4),
        ("- id: I.1\n  lead: a\n  lead: b\n", 3),
    ],
)
def test_duplicate_keys(text: str, line: int) -> None:
    error = _parse_error(text)
    assert error.location.line == line
    assert "duplicate" in error.message.en.lower()


@pytest.mark.parametrize(("text", "line"), [("a:\n\tb: 1\n", 2), ("a:\n  b: 1\n\tc: 2\n", 3)])
def test_tab_indentation(text: str, line: int) -> None:
    error = _parse_error(text)
    assert error.location.line == line


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: {x: 1\n", "a: 1\nb: [x, y\nc: 3\n"])
def test_unclosed_brackets(text: str) -> None:
    error = _parse_error(text)
    line = error.location.line
    assert line is not None
    assert 1 <= line <= text.count("\n") + 1
    assert error.message.en.startswith("YAML syntax error")


def test_mapping_value_not_allowed_is_at_its_line() -> None:
    error = _parse_error("a: 1\nb: c: d\ne: 2\n")
    assert error.location.line == 2


# ---------------------------------------------------------------------------------------------
# decoding


def test_utf8() -> None:
    assert decode("tên: Sở Tư pháp\n".encode(), "x") == "tên: Sở Tư pháp\n"


def test_utf8_bom_is_accepted_and_dropped() -> None:
    assert decode(codecs.BOM_UTF8 + "tên: Sở Tư pháp\n".encode(), "x") == "tên: Sở Tư pháp\n"


@pytest.mark.parametrize(
    "raw",
    [
        "tên: Sở Tư pháp\n".encode("utf-16"),  # with its BOM, in this machine's byte order
        codecs.BOM_UTF16_LE + "tên: Sở Tư pháp\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "tên: Sở Tư pháp\n".encode("utf-16-be"),
    ],
)
def test_utf16_with_bom(raw: bytes) -> None:
    assert decode(raw, "x") == "tên: Sở Tư pháp\n"


def test_utf16_without_bom_is_refused() -> None:
    with pytest.raises(ParseError):
        decode("tên: Sở Tư pháp\n".encode("utf-16-le"), "x")


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(ParseError) as info:
        decode(b"a: 1\x00\nb: 2\n", "x.yaml")
    assert "NUL" in info.value.message.en


_CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave, acute, tilde, hook, dot


def encode_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: the code page has ă â ê ô ơ ư đ but no toned letters,
    so a tone is a combining mark after its vowel ("ở" = ơ + hook above = F5 D2).

    (``"Sở Tư pháp".encode("cp1258")`` itself raises UnicodeEncodeError: Python's charmap codec
    does not decompose.)
    """
    clusters: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and clusters:
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
    out = []
    for base, *marks in clusters:
        modifiers = "".join(m for m in marks if m not in _CP1258_TONES)
        tones = "".join(m for m in marks if m in _CP1258_TONES)
        out.append(unicodedata.normalize("NFC", base + modifiers) + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize(
    "text",
    [
        "Sở Tư pháp",
        'lead: "Sở Tư pháp"\nname: "Ủy ban nhân dân thành phố Hà Nội"\n',
        "agency: Sở Nội vụ\nnote: Báo cáo kết quả thực hiện về UBND Thành phố (qua Sở Nội vụ)\n",
    ],
)
def test_cp1258_is_named(text: str) -> None:
    raw = encode_cp1258(text)
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == text  # the helper is right
    with pytest.raises(ParseError) as info:
        decode(raw, "legacy.yaml")
    assert "UTF-8" in info.value.message.en
    assert info.value.hint is not None
    assert "1258" in info.value.hint.en  # Windows-1258 (cp1258)


def test_non_utf8_error_gives_the_line() -> None:
    raw = b"a: ok\nb: ok\nc: " + encode_cp1258("Sở Tư pháp") + b"\n"
    with pytest.raises(ParseError) as info:
        decode(raw, "legacy.yaml")
    assert info.value.location is not None
    assert info.value.location.line == 3


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Thµnh phè Hµ Néi".encode("latin-1"), "TCVN3"),  # the DOMAIN notes' TCVN3 example
        ("Xin chaøo".encode("latin-1"), "VNI"),  # the DOMAIN notes' VNI example
    ],
)
def test_other_legacy_encodings_are_named(raw: bytes, encoding: str) -> None:
    with pytest.raises(ParseError) as info:
        decode(raw, "legacy.yaml")
    assert encoding in (info.value.hint.en if info.value.hint else "")


# ---------------------------------------------------------------------------------------------
# limits


def test_file_over_the_limit_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the size limit was decoded or parsed")

    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 16)
    monkeypatch.setattr(yamlio, "decode", must_not_run)
    monkeypatch.setattr(yamlio, "load_text", must_not_run)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 4)  # 20 bytes
    with pytest.raises(ParseError) as info:
        load(path)
    assert "limit" in info.value.message.en
    assert info.value.location is not None
    assert info.value.location.path == str(path)


def test_file_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 16)
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"a: 1\nb: 2\nc: 33\n")  # 16 bytes
    assert load(path).data == {"a": 1, "b": 2, "c": 33}


def test_alias_bomb_hits_the_node_budget() -> None:
    letters = "abcdefghi"  # 9 levels of 9 references: 9**9 values once expanded
    lines = [f"a: &a [{', '.join(['x'] * 9)}]"]
    for prev, name in zip(letters, letters[1:]):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    with pytest.raises(ParseError) as info:
        load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert f"{yamlio.MAX_NODES:,}" in info.value.message.en


def test_nesting_too_deep() -> None:
    depth = yamlio.MAX_DEPTH + 10
    with pytest.raises(ParseError):
        load_text("a: " + "[" * depth + "]" * depth + "\n", "deep.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as info:
        load(tmp_path / "nope.yaml")
    assert "not found" in info.value.message.en


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError):
        load(tmp_path)


def test_load_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_bytes(codecs.BOM_UTF8 + "tên: Sở Tư pháp\n".encode())
    doc = load(path, "shown.yaml")
    assert doc.data == {"tên": "Sở Tư pháp"}
    assert doc.path == "shown.yaml"


# ---------------------------------------------------------------------------------------------
# atomic writes


def _others(directory: Path, keep: str) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != keep)


def test_atomic_write_creates(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    atomic_write_text(path, "tên: Sở Tư pháp\n")
    assert path.read_bytes() == "tên: Sở Tư pháp\n".encode()
    assert _others(tmp_path, "out.yaml") == []


def test_atomic_write_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic_write_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert _others(tmp_path, "out.yaml") == []


def test_atomic_write_replaces_with_force(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    path.write_text("old\n", encoding="utf-8")
    atomic_write_text(path, "new: Hà Nội\n", force=True)
    assert path.read_text(encoding="utf-8") == "new: Hà Nội\n"
    assert _others(tmp_path, "out.yaml") == []


def test_atomic_write_keeps_unix_newlines(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    atomic_write_text(path, "a: 1\nb: 2\n")
    assert path.read_bytes() == b"a: 1\nb: 2\n"
