"""Pydantic's validation errors in plain words: Vietnamese and English, never a regex.

pydantic words its errors for programmers ("String should match pattern '^[a-z][a-z0-9_]*$'",
"Input should be 'vi' or 'en'"). The people who meet them are officers filling a progress file,
IT staff writing ``.cchc.yaml`` and the Department of Home Affairs writing a plan file, most of
whom read Vietnamese. This module words each pydantic error type from its ``type`` and ``ctx``
(never from its English ``msg``): what is wrong with the value, and how to write it instead. A
pattern is described in words from :data:`PATTERNS`, keyed by the pattern itself, so that the
same identifier reads the same wherever a model uses it.

A worded problem is a :class:`Said`: the English text (what logs, tests and every caller that
takes a ``str`` see) carrying its Vietnamese, so that a message keeps both languages through the
layers that pass problems along as text.
"""

from __future__ import annotations

import re
from typing import Any

from cchc_cli.bilingual import Said as Said  # moved there; imported from here by many modules
from cchc_cli.text import QUOTE_LIMIT, did_you_mean, visible


def vi_of(text: str) -> str | None:
    """The Vietnamese a text carries, if it is a :class:`Said`."""
    return text.vi if isinstance(text, Said) else None


def prefixed(prefix: str, said: Said) -> Said:
    """``path: message`` in both languages (the path is the data's, the same in both)."""
    return Said(f"{prefix}: {said}", f"{prefix}: {said.vi}")


# --- what a pattern allows, in words ----------------------------------------------------------
# Keyed by the exact pattern of the models (a test checks that every pattern of models/ is here).
# Each entry is (vi, en): a description of what may be written, with an example.
_CONTROL_VI = "chữ không có ký tự điều khiển (ký tự vô hình)"
_CONTROL_EN = "text without control characters (invisible characters)"
PATTERNS: dict[str, tuple[str, str]] = {
    r"^[a-z][a-z0-9_]*$": (
        "chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái (ví dụ on_time_dossiers)",
        "only lowercase letters without accents, digits and underscores, starting with a letter (e.g. on_time_dossiers)",
    ),
    r"^[a-z0-9]+(-[a-z0-9]+)*$": (
        "chỉ gồm chữ thường không dấu và chữ số, các phần nối bằng một dấu gạch ngang (ví dụ so-tu-phap)",
        "only lowercase letters without accents and digits, parts joined by single hyphens (e.g. so-tu-phap)",
    ),
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$": (_CONTROL_VI, _CONTROL_EN),
    r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$": (_CONTROL_VI, _CONTROL_EN),
    r"^[^\x00-\x1f\x7f-\x9f]*$": (_CONTROL_VI, _CONTROL_EN),
    r"^(text|json|sarif|junit|github|gitlab|markdown|plain)(=[^\x00-\x1f]+)?$": (
        "tên một định dạng (text, json, sarif, junit, github, gitlab, markdown, plain), có thể kèm "
        "=đường_dẫn_tệp (ví dụ sarif=cchc.sarif)",
        "a format name (text, json, sarif, junit, github, gitlab, markdown, plain), optionally with "
        "=file_path (e.g. sarif=cchc.sarif)",
    ),
    r"^CCHC\d{3}$": (
        "mã quy tắc: CCHC và ba chữ số (ví dụ CCHC201; xem lệnh 'cchc rules')",
        "a rule id: CCHC and three digits (e.g. CCHC201; see 'cchc rules')",
    ),
    r"^\d+\.\d+\.\d+$": ("số phiên bản gồm ba số nối bằng dấu chấm (ví dụ 2.0.0)", "a version of three numbers joined by dots (e.g. 2.0.0)"),
    r"^[IVX]+\.\d+[a-z]?(\.\d+)?$": (
        "mã nhiệm vụ: số La Mã viết hoa, dấu chấm, số thứ tự (ví dụ II.1, I.9a, III.4.1)",
        "a task id: a capital Roman numeral, a dot, a number (e.g. II.1, I.9a, III.4.1)",
    ),
    r"^E\d{2,}$": ("mã đính chính: chữ E và ít nhất hai chữ số (ví dụ E01)", "an erratum id: E and at least two digits (e.g. E01)"),
    r"^R\d{2,}$": ("mã cách đọc: chữ R và ít nhất hai chữ số (ví dụ R01)", "a reading id: R and at least two digits (e.g. R01)"),
    r"^task:[IVX]+\.[0-9a-z.]+$": ("task: và mã nhiệm vụ (ví dụ task:II.1)", "task: and a task id (e.g. task:II.1)"),
    r"^(task:[IVX]+\.[0-9a-z.]+|duty:[a-z_]+|target:[a-z_]+|section:[IVX0-9.]+|decision)$": (
        "task:, duty:, target: hay section: kèm mã (ví dụ task:II.1, duty:communication, section:III.1), hoặc decision",
        "task:, duty:, target: or section: with an id (e.g. task:II.1, duty:communication, section:III.1), or decision",
    ),
    r"^[IVX]+$": ("số La Mã viết hoa (ví dụ II)", "a capital Roman numeral (e.g. II)"),
    r"^\d{3}$": ("ba chữ số (ví dụ 001)", "three digits (e.g. 001)"),
}
_CONTROL_PATTERNS = {p for p, (vi, _) in PATTERNS.items() if vi is _CONTROL_VI}


def got(value: Any) -> tuple[str, str]:
    """The value a message quotes, as (vi, en): text quoted, a mapping or list by its kind."""
    if value is None:
        return "giá trị trống", "an empty value"
    if isinstance(value, bool):
        return f"giá trị đúng/sai {str(value).lower()}", f"the true/false value {str(value).lower()}"
    if isinstance(value, dict):
        return "một bảng khóa", "a mapping of keys"
    if isinstance(value, (list, tuple, set)):
        return "một danh sách", "a list"
    if isinstance(value, int) and value.bit_length() > 200:
        digits = int(value.bit_length() * 0.30103)
        return f"một số có khoảng {digits} chữ số", f"a number of about {digits} digits"
    if isinstance(value, str):
        shown = visible(value[:QUOTE_LIMIT])
        if len(value) > QUOTE_LIMIT:
            return f"'{shown}…' ({len(value)} ký tự)", f"'{shown}…' ({len(value)} characters)"
        return f"'{shown}'", f"'{shown}'"
    text = visible(str(value)[:QUOTE_LIMIT])
    return text, text


def _choices(expected: str) -> list[str]:
    """The values pydantic lists in ``ctx['expected']`` ("'vi' or 'en'", "'a', 'b' or 'c'", "1")."""
    return re.findall(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s,']+(?<! or)", expected.replace(" or ", ", "))


def _listed(items: list[str], joiner: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


#: what a value of each type is, for "no value: fill it in with …" and "… is not …"
_THINGS: dict[str, tuple[str, str]] = {
    "int": ("một số nguyên, ví dụ 45", "a whole number, such as 45"),
    "float": ("một số, ví dụ 99.5", "a number, such as 99.5"),
    "decimal": ("một số, ví dụ 99.5", "a number, such as 99.5"),
    "bool": ("true hoặc false", "true or false"),
    "string": ("một đoạn chữ", "some text"),
    "list": ("một danh sách, ví dụ [] hoặc các dòng bắt đầu bằng '- '", "a list, such as [] or lines starting with '- '"),
    "tuple": ("một danh sách, ví dụ [] hoặc các dòng bắt đầu bằng '- '", "a list, such as [] or lines starting with '- '"),
    "set": ("một danh sách, ví dụ [] hoặc các dòng bắt đầu bằng '- '", "a list, such as [] or lines starting with '- '"),
    "dict": ("các khóa và giá trị bên dưới, mỗi dòng 'khóa: giá trị'", "keys and values below it, one 'key: value' a line"),
    "model": ("các khóa và giá trị bên dưới, mỗi dòng 'khóa: giá trị'", "keys and values below it, one 'key: value' a line"),
    "date": ("một ngày, ví dụ 05/01/2021 hay 2021-01-05", "a date, such as 05/01/2021 or 2021-01-05"),
}


def _thing(kind: str) -> tuple[str, str]:
    return _THINGS.get(kind.split("_")[0], ("một giá trị", "a value"))


#: kinds of value a "…_type" / "…_parsing" error is about, with how it reads as "is not …"
_NOT_A: dict[str, tuple[str, str]] = {
    "int": ("không phải số nguyên; hãy viết số nguyên như 45, không có '%', ',' hay '.'",
            "is not a whole number; write a whole count such as 45, without '%', ',' or '.'"),
    "float": ("không phải một số; hãy viết số với dấu chấm thập phân, ví dụ 99.5",
              "is not a number; write a number with a decimal point, such as 99.5"),
    "bool": ("không phải giá trị đúng/sai; hãy ghi true hoặc false", "is not true/false; write true or false"),
    "string": ("không phải một đoạn chữ; hãy ghi chữ (đặt trong dấu nháy nếu cần)", "is not text; write text (in quotes if needed)"),
    "list": ("không phải một danh sách; hãy ghi danh sách, ví dụ [a, b] hoặc mỗi mục một dòng bắt đầu bằng '- '",
             "is not a list; write a list, such as [a, b], or one item a line starting with '- '"),
    "dict": ("không phải một bảng khóa; hãy ghi các khóa và giá trị bên dưới, mỗi dòng 'khóa: giá trị'",
             "is not a mapping; write the keys and values below it, one 'key: value' a line"),
    "date": ("không phải một ngày; hãy viết ngày như 05/01/2021 hay 2021-01-05",
             "is not a date; write it as 05/01/2021 or 2021-01-05"),
}
_TYPE_KIND: dict[str, str] = {
    "int_type": "int", "int_parsing": "int", "int_from_float": "int", "int_parsing_size": "int",
    "float_type": "float", "float_parsing": "float", "decimal_type": "float", "decimal_parsing": "float",
    "finite_number": "float", "decimal_max_digits": "float", "decimal_max_places": "float",
    "decimal_whole_digits": "float",
    "bool_type": "bool", "bool_parsing": "bool",
    "string_type": "string", "string_sub_type": "string", "string_unicode": "string",
    "list_type": "list", "tuple_type": "list", "set_type": "list", "frozen_set_type": "list", "iterable_type": "list",
    "dict_type": "dict", "model_type": "dict", "model_attributes_type": "dict", "dataclass_type": "dict",
    "mapping_type": "dict",
    "date_type": "date", "date_parsing": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date", "datetime_type": "date", "datetime_parsing": "date",
}


#: a count written with a separator between groups of three digits: 1.610 (Vietnamese), 1,610
_GROUPED = {".": re.compile(r"\d{1,3}(?:\.\d{3})+"), ",": re.compile(r"\d{1,3}(?:,\d{3})+")}


def separated_count(text: str) -> tuple[str, str] | None:
    """(separator, the count without it) when ``text`` is a count with thousands separators."""
    for mark, pattern in _GROUPED.items():
        if pattern.fullmatch(text):
            return mark, text.replace(mark, "")
    return None


def thousands(mark: str, digits: str) -> tuple[str, str]:
    """What to say about a count written with a thousands separator, as (vi, en)."""
    if mark == ".":
        return (f"dấu chấm là dấu phân cách hàng nghìn? số đếm viết liền: {digits}",
                f"a point as a thousands separator? write counts without separators: {digits}")
    return (f"dấu phẩy là dấu phân cách hàng nghìn? số đếm viết liền: {digits}",
            f"a comma as a thousands separator? write counts without separators: {digits}")


#: "is not a mapping" in a TOML file: a table of its own, written 'key = value'
_NOT_A_TABLE = ("không phải một bảng khóa; hãy ghi các khóa và giá trị trong một bảng riêng, mỗi dòng 'khóa = giá trị'",
                "is not a mapping; write its keys and values in a table of their own, one 'key = value' a line")


def word(
    error: Any,
    allowed: list[str] | None = None,
    *,
    about_key: bool = False,
    written: str | None = None,
    notation: str = "yaml",
) -> Said:
    """One pydantic error (a dict of ``err.errors()``) in plain words, both languages.

    ``allowed`` names the keys the mapping may hold (for an unknown key); ``about_key`` says that
    the error is about a key's name rather than its value (pydantic's ``[key]`` in ``loc``).
    ``written`` is the value's text in the file when YAML read it as another value (``1.610``
    read as 1.61): the message quotes what the user typed. ``notation`` is the file's ("yaml" or
    "toml"), so that the advice writes a key and its value as that file does.
    """
    kind = str(error.get("type", ""))
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    got_vi, got_en = got(value)
    if written is not None:
        got_vi, got_en = got(written)
    if about_key:
        got_vi, got_en = f"tên khóa {got_vi}", f"the key name {got_en}"
    loc = tuple(error.get("loc", ()))
    field = next((p for p in reversed(loc) if isinstance(p, str) and p != "[key]"), "")

    if kind == "missing":
        return Said("required key is missing; add it with its value", "thiếu khóa bắt buộc; hãy thêm khóa này cùng giá trị của nó")
    if kind == "extra_forbidden":
        guess = did_you_mean(str(loc[-1]), allowed) if allowed and loc else None
        if guess:
            return Said(f"unknown key; did you mean '{guess}'?", f"khóa không có trong lược đồ; có phải là '{guess}'?")
        if allowed:
            keys = ", ".join(allowed)
            return Said(f"unknown key; expected one of {keys}", f"khóa không có trong lược đồ; các khóa hợp lệ: {keys}")
        return Said("unknown key; delete it or check its spelling", "khóa không có trong lược đồ; hãy xoá hoặc kiểm tra chính tả")
    if value is None and (kind.endswith("_type") or kind in _TYPE_KIND):
        thing_vi, thing_en = _thing(_TYPE_KIND.get(kind, kind))
        return Said(f"no value: fill it in with {thing_en}", f"chưa điền: hãy ghi {thing_vi}")
    if kind in ("literal_error", "enum"):
        choices = _choices(str(ctx.get("expected", "")))
        if field == "schema_version" and not about_key:
            return Said(
                f"schema version {got_en} is not supported; this cchc reads version {_listed(choices, 'or')}",
                f"phiên bản lược đồ {got_vi} không được hỗ trợ; cchc này đọc phiên bản {_listed(choices, 'hoặc')}",
            )
        bare = [c.strip("'\"") for c in choices]
        guess = did_you_mean(value, bare) if isinstance(value, str) and not about_key else None
        if guess is not None:
            return Said(
                f"{got_en} is not one of the allowed values; did you mean '{guess}'? (the values are {_listed(choices, 'or')})",
                f"{got_vi} không thuộc các giá trị được phép; có phải là '{guess}'? (các giá trị: {_listed(choices, 'hoặc')})",
            )
        return Said(
            f"{got_en} is not one of the allowed values; write {_listed(choices, 'or')}",
            f"{got_vi} không thuộc các giá trị được phép; hãy ghi {_listed(choices, 'hoặc')}",
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern in _CONTROL_PATTERNS:
            # the value is shown with its control characters made visible (\x07): say what they are
            return Said(
                f"{got_en} holds control characters (invisible characters, shown as \\x07); delete them",
                f"{got_vi} chứa ký tự điều khiển (ký tự vô hình, hiện ra như \\x07); hãy xoá các ký tự đó",
            )
        vi, en = PATTERNS.get(pattern, ("đúng quy cách của khóa này (xem lệnh 'cchc schema')", "the form this key takes (see 'cchc schema')"))
        return Said(f"{got_en} is not written as allowed; the form is: {en}", f"{got_vi} sai quy cách; cách viết đúng: {vi}")
    if kind in _TYPE_KIND:
        typed = written if written is not None else value if isinstance(value, str) else None
        grouped = separated_count(typed.strip()) if typed is not None and _TYPE_KIND[kind] == "int" else None
        if grouped is not None:
            vi, en = thousands(*grouped)
            not_vi, not_en = "không phải số nguyên", "is not a whole number"
            return Said(f"{got_en} {not_en}; {en}", f"{got_vi} {not_vi}; {vi}")
        vi, en = _NOT_A_TABLE if notation == "toml" and _TYPE_KIND[kind] == "dict" else _NOT_A[_TYPE_KIND[kind]]
        return Said(f"{got_en} {en}", f"{got_vi} {vi}")
    if kind == "greater_than_equal":
        ge = str(ctx.get("ge"))
        if ge == "0":
            return Said(f"{got_en} is negative; counts start at 0", f"{got_vi} là số âm; số đếm bắt đầu từ 0")
        return Said(f"{got_en} is below the minimum; write {ge} or more", f"{got_vi} nhỏ hơn mức tối thiểu; hãy ghi từ {ge} trở lên")
    if kind == "greater_than":
        gt = str(ctx.get("gt"))
        return Said(f"{got_en} is too small; write a number above {gt}", f"{got_vi} quá nhỏ; hãy ghi số lớn hơn {gt}")
    if kind == "less_than_equal":
        from cchc_cli.models.progress import COUNT_MAX

        if ctx.get("le") == COUNT_MAX:  # a progress file's count: far past any real one, so extra digits
            from cchc_cli.numbers import count

            return Said(
                f"{got_en} is larger than any count can be; counts go up to {count(COUNT_MAX, 'en')}: check for extra digits",
                f"{got_vi} lớn hơn mọi số đếm có thể có; số đếm tối đa là {count(COUNT_MAX, 'vi')}: hãy kiểm tra xem có thừa chữ số không",
            )
        le = str(ctx.get("le"))
        return Said(f"{got_en} is above the maximum; write {le} or less", f"{got_vi} vượt mức tối đa; hãy ghi từ {le} trở xuống")
    if kind == "less_than":
        lt = str(ctx.get("lt"))
        return Said(f"{got_en} is too large; write a number below {lt}", f"{got_vi} quá lớn; hãy ghi số nhỏ hơn {lt}")
    if kind == "too_short":
        n, has = ctx.get("min_length"), ctx.get("actual_length")
        return Said(f"the list needs at least {n} item(s); it has {has}", f"danh sách cần ít nhất {n} mục; hiện có {has}")
    if kind == "too_long":
        n, has = ctx.get("max_length"), ctx.get("actual_length")
        more_en = f"; it has {has}" if has is not None else ""
        more_vi = f"; hiện có {has}" if has is not None else ""
        return Said(f"the list holds at most {n} items{more_en}: shorten it", f"danh sách có tối đa {n} mục{more_vi}: hãy bớt")
    if kind == "string_too_short":
        n = ctx.get("min_length")
        if n == 1:
            return Said("the text is empty; fill it in", "đoạn chữ đang trống; hãy điền nội dung")
        return Said(f"the text needs at least {n} characters", f"đoạn chữ cần ít nhất {n} ký tự")
    if kind == "string_too_long":
        n = ctx.get("max_length")
        return Said(f"the text is longer than {n} characters; shorten it", f"đoạn chữ dài quá {n} ký tự; hãy rút gọn")
    if kind == "union_tag_invalid":
        tags = _choices(str(ctx.get("expected_tags", "")))
        return Said(
            f"{ctx.get('discriminator')} {got_en} is not one of the allowed values; write {_listed(tags, 'or')}",
            f"{ctx.get('discriminator')} {got_vi} không thuộc các giá trị được phép; hãy ghi {_listed(tags, 'hoặc')}",
        )
    if kind == "union_tag_not_found":
        return Said(f"the key {ctx.get('discriminator')} is missing; add it", f"thiếu khóa {ctx.get('discriminator')}; hãy thêm khóa này")
    if kind in ("value_error", "assertion_error"):
        return _value_error(error, ctx)
    return Said(f"{got_en} is not a valid value here", f"{got_vi} không hợp lệ tại đây")


# --- messages of our own validators -------------------------------------------------------------
# The validators of the models (models/plan.py, models.deadline.parse_deadline, dates, statuses)
# raise a SaidError, worded in both languages where it is raised; pydantic keeps the exception in
# ``ctx['error']``.


def _value_error(error: Any, ctx: dict[str, Any]) -> Said:
    cause = ctx.get("error")
    en = str(cause) if cause is not None else str(error.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        en = en.removeprefix(prefix)
    carried = getattr(cause, "vi", None)
    # A ValueError that is not ours (a library's, inside a validator) has no Vietnamese: its words
    # stay as they are rather than being guessed at.
    return Said(en, carried if isinstance(carried, str) else en)
