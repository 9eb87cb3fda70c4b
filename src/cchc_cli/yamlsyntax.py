"""What a YAML syntax error means, in words an officer can act on, in English and Vietnamese.

The parsers (ruamel's pure-Python one and libyaml, its C one) describe a problem in their own
English: ``expected ',' or ']', but got ':'``, ``mapping values are not allowed here``,
``found character '\\t' that cannot start any token``. Those words reached Vietnamese reports as
they were. This module reads the parser's ``problem`` and ``context`` strings (both parsers'
spellings), looks at the text where they point, and says what is wrong, where (line and column)
and how to fix it, in both languages. A problem it does not know still gets a message with its
line and column and a general hint: never the parser's English in a Vietnamese report (that stays
in the exception chain, which ``--debug`` prints).

It knows only strings and 1-based locations; :mod:`cchc_cli.yamlio` hands it what the parser said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from cchc_cli.location import SourceLocation, from_zero_based


class Explained(NamedTuple):
    """A syntax error as the user reads it: where, and what and how to fix in both languages."""

    location: SourceLocation
    message: str
    hint: str
    message_vi: str
    hint_vi: str


class _Said(NamedTuple):
    """What the parser said, with the text it read."""

    problem: str
    context: str
    text: str
    lines: list[str]
    at: SourceLocation
    opened: SourceLocation | None
    #: quoted values that span lines before the error: where each opens, and the line it closes on
    spans: Sequence[tuple[SourceLocation, int]] = ()


def explain(
    problem: str | None,
    context: str | None,
    text: str,
    problem_at: SourceLocation | None,
    context_at: SourceLocation | None,
    shown: str,
    quoted_spans: Sequence[tuple[SourceLocation, int]] = (),
) -> Explained:
    """The located, worded error for a parser's ``problem`` (at ``problem_at``) found ``context``
    (which began at ``context_at``), in ``text``; ``shown`` is the file's name in reports.
    ``quoted_spans`` are the quoted values before the error that span lines (where each opens,
    the line it closes on): an unclosed quote shows as one of them."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if not lines:
        lines = [""]
    at = problem_at or context_at or SourceLocation(shown, 1, 1)
    if at.line is not None and at.line > len(lines):
        # An unclosed bracket or quote is found at the end of the file, past its last line;
        # the place to fix is where it was opened, or else the end of the last line.
        at = context_at if context_at is not None and (context_at.line or 0) <= len(lines) else SourceLocation(
            shown, len(lines), len(lines[-1]) + 1
        )
    said = _Said((problem or "").lower(), (context or "").lower(), text, lines, at, context_at, quoted_spans)
    for matches, word in _KNOWN:
        if matches(said):
            where, en, hint, vi, hint_vi = word(said)
            return Explained(where, _with_place(where, en, "en"), hint, _with_place(where, vi, "vi"), hint_vi)
    return Explained(
        at,
        _with_place(at, None, "en"),
        "check the indentation, the ':' after each key, and the quotes and brackets near that place; "
        "--debug shows the YAML parser's own message",
        _with_place(at, None, "vi"),
        "kiểm tra thụt lề, dấu ':' sau mỗi khóa, các dấu nháy và dấu ngoặc quanh chỗ đó; "
        "thêm --debug để xem thông báo gốc của bộ đọc YAML",
    )


def control_character(code: int, text: str, shown: str) -> Explained:
    """A character YAML refuses (a control character, a lone surrogate), found where it first is."""
    char = chr(code)
    index = text.find(char)
    if index < 0:
        where = SourceLocation(shown)
    else:
        line = text.count("\n", 0, index)
        where = from_zero_based(shown, line, index - (text.rfind("\n", 0, index) + 1))
    name = f"U+{code:04X}"
    return Explained(
        where,
        _with_place(where, f"the invisible control character {name} is not allowed in YAML", "en"),
        "delete it (such characters often come along when text is copied from Word, Excel or a web page)",
        _with_place(where, f"ký tự điều khiển vô hình {name} không được phép trong YAML", "vi"),
        "hãy xóa ký tự đó (ký tự như vậy thường lẫn vào khi sao chép từ Word, Excel hay trang web)",
    )


def unreadable(shown: str) -> Explained:
    """A parser failure with no place at all (never seen; the parser's English stays out)."""
    where = SourceLocation(shown)
    return Explained(
        where,
        "the YAML reader could not read the file",
        "check that it is a YAML text file; --debug shows the reader's own message",
        "bộ đọc YAML không đọc được tệp",
        "kiểm tra tệp có phải văn bản YAML không; thêm --debug để xem thông báo gốc của bộ đọc",
    )


def _with_place(where: SourceLocation, what: str | None, lang: str) -> str:
    if where.line is None:
        head = "YAML syntax error" if lang == "en" else "lỗi cú pháp YAML"
    elif lang == "en":
        head = f"YAML syntax error at line {where.line}, column {where.column}"
    else:
        head = f"lỗi cú pháp YAML tại dòng {where.line}, cột {where.column}"
    return f"{head}: {what}" if what else head


def _place(where: SourceLocation | None, lang: str) -> str:
    if where is None or where.line is None:
        return ""
    if lang == "en":
        return f" at line {where.line}, column {where.column}"
    return f" ở dòng {where.line}, cột {where.column}"


def _char(said: _Said, where: SourceLocation | None) -> str | None:
    """The character at ``where``, or None past the end of its line."""
    if where is None or where.line is None or where.column is None or where.line > len(said.lines):
        return None
    line = said.lines[where.line - 1]
    return line[where.column - 1] if 0 < where.column <= len(line) else None


def _line(said: _Said, where: SourceLocation) -> str:
    return said.lines[where.line - 1] if where.line is not None and 0 < where.line <= len(said.lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shown_char(char: str | None) -> str:
    from cchc_cli.text import quoted

    return quoted(char) if char else "?"


Worded = tuple[SourceLocation, str, str, str, str]


# -- each known problem: how to recognise it, and what to say ---------------------------------


def _is_tab(said: _Said) -> bool:
    if "tab character" in said.problem or "'\\t'" in said.problem:
        return True
    return "cannot start any token" in said.problem and _char(said, said.at) == "\t"


def _tab(said: _Said) -> Worded:
    return (
        said.at,
        "a Tab character is used for indentation",
        "YAML indents with spaces, never tabs: replace the Tab at the start of the line with spaces",
        "dùng ký tự Tab để thụt lề",
        "YAML thụt lề bằng dấu cách, không dùng phím Tab: thay Tab ở đầu dòng bằng dấu cách",
    )


def _bad_start(said: _Said) -> Worded:
    char = _shown_char(_char(said, said.at))
    return (
        said.at,
        f"the character {char} cannot begin a value",
        "put the whole value in quotes, e.g. 'text'",
        f"ký tự {char} không được đứng đầu một giá trị",
        "hãy đặt cả giá trị trong dấu nháy, ví dụ 'nội dung'",
    )


def _is_flow(said: _Said) -> bool:
    return "',' or ']'" in said.problem or "',' or '}'" in said.problem


def _flow(said: _Said) -> Worded:
    is_list = "']'" in said.problem
    if not is_list and _char(said, said.at) == ":" and said.opened is not None and said.opened.line == said.at.line:
        # {status: x, note: chờ: hướng dẫn}: the second ': ' of an item, not a missing '}'. On a
        # later line than the '{', a ':' is the next key's: the '}' was forgotten.
        return _colon_in_flow_value(said)
    close, opener = ("]", "[") if is_list else ("}", "{")
    kind, kind_vi = ("list", "danh sách") if is_list else ("mapping", "bảng")
    opened = None if said.opened == said.at else said.opened  # already said: the place is where it opened
    return (
        said.at,
        f"missing closing '{close}' (or a ',' between items) for the {kind} opened with '{opener}'"
        f"{_place(opened, 'en')}",
        f"close the {kind} with '{close}' before the line ends and separate its items with ','; "
        "a value that holds ',' or ':' goes in quotes",
        f"thiếu dấu đóng ngoặc '{close}' (hoặc dấu phẩy ',' giữa các mục) cho {kind_vi} mở bằng '{opener}'"
        f"{_place(opened, 'vi')}",
        f"hãy đóng {kind_vi} bằng '{close}' trước khi xuống dòng và ngăn các mục bằng dấu phẩy; "
        "giá trị có dấu ',' hay ':' thì đặt trong dấu nháy",
    )


def _is_open_quote(said: _Said) -> bool:
    return "quoted scalar" in said.context and ("end of stream" in said.problem or "document" in said.problem)


def _open_quote(said: _Said) -> Worded:
    where = said.opened or said.at
    quote = _char(said, where) or "'"
    until_en, until_vi = (
        ("runs into a '---' line", "chạm tới dòng '---'")
        if "document" in said.problem
        else ("runs to the end of the file", "kéo dài tới cuối tệp")
    )
    inner_en, inner_vi = _inner_quote(quote)
    return (
        where,
        f"missing closing quote {quote}: the quoted text that opens here {until_en}",
        f"add the closing {quote} at the end of the value; {inner_en}",
        f"thiếu dấu nháy đóng {quote}: đoạn chữ mở bằng dấu nháy ở đây {until_vi}",
        f"hãy thêm dấu {quote} ở cuối giá trị; {inner_vi}",
    )


#: a line that reads as a key of its own ("period: Quý I", "  I.7: {…}", "- a: 1"): inside a quoted
#: value, it says the value ran on past where its closing quote was forgotten
_KEY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?[^\s#'\"{}\[\],:][^#:]*:(?:[ \t]|$)")


def _runaway(said: _Said) -> tuple[SourceLocation, int] | None:
    """The first quoted value before the error that ran on over lines reading as keys of their own."""
    for opened, closed in said.spans:
        first = opened.line or 1
        if closed > (said.at.line or 0):
            continue
        if any(_KEY_LINE.match(line) for line in said.lines[first:closed]):
            return opened, closed
    return None


def _is_runaway_quote(said: _Said) -> bool:
    return _runaway(said) is not None


def _runaway_quote(said: _Said) -> Worded:
    found = _runaway(said)
    assert found is not None  # _is_runaway_quote said so
    where, closed = found
    quote = _char(said, where) or '"'
    inner_en, inner_vi = _inner_quote(quote)
    return (
        where,
        f"missing closing quote {quote}: the quoted text that opens here runs on over the lines below "
        f"(to line {closed})",
        f"add the closing {quote} at the end of the value; {inner_en}",
        f"thiếu dấu nháy đóng {quote}: đoạn chữ mở bằng dấu nháy ở đây bị đọc nối sang các dòng bên dưới "
        f"(tới dòng {closed})",
        f"hãy thêm dấu {quote} ở cuối giá trị; {inner_vi}",
    )


def _inner_quote(quote: str) -> tuple[str, str]:
    if quote == '"':
        return 'a " inside the value is written \\"', 'một dấu " bên trong giá trị thì viết \\"'
    return "a ' inside the value is written twice ('')", "một dấu ' bên trong giá trị thì viết hai lần ('')"


def _is_escape(said: _Said) -> bool:
    return "escape" in said.problem or "hexdecimal" in said.problem


def _escape(said: _Said) -> Worded:
    return (
        said.at,
        "inside double quotes a backslash '\\' starts an escape sequence, and this one is not valid",
        "write '\\\\' for one backslash, or use single quotes instead: 'C:\\folder'",
        "trong dấu nháy kép, dấu '\\' mở đầu một chuỗi thoát, và chuỗi thoát này không hợp lệ",
        "hãy viết '\\\\' cho một dấu '\\', hoặc dùng dấu nháy đơn: 'C:\\thư mục'",
    )


def _is_colon(said: _Said) -> bool:
    return "mapping values are not allowed" in said.problem or "found unexpected ':'" in said.problem


_KEY_COLON = re.compile(r":(?:[ \t]|$)")


def _colon(said: _Said) -> Worded:
    line = _line(said, said.at)
    before = line[: (said.at.column or 1) - 1]
    head = before.lstrip(" ")
    if head.startswith("- "):
        head = head[2:]
    if "found unexpected ':'" in said.problem or _KEY_COLON.search(head):
        return _colon_in_value(said, line)
    previous = next((p for p in reversed(said.lines[: (said.at.line or 1) - 1]) if p.strip() and not p.lstrip().startswith("#")), None)
    start = SourceLocation(said.at.path, said.at.line, _indent(line) + 1)
    if previous is not None and _indent(line) > _indent(previous):
        return _uneven(start, "indented further than the line above, so it reads as the rest of that line's value",
                       "thụt vào sâu hơn dòng phía trên nên bị đọc như phần tiếp theo của giá trị ở dòng đó")
    return (
        start,
        "the line above runs on into this one: it lacks the ':' after its key, or its value needs quotes",
        "write 'key: value' on each line; text that spans lines goes in quotes",
        "dòng phía trên bị đọc nối sang dòng này: dòng đó thiếu dấu ':' sau khóa, hoặc giá trị của nó cần dấu nháy",
        "hãy viết 'khóa: giá trị' trên mỗi dòng; đoạn chữ dài nhiều dòng thì đặt trong dấu nháy",
    )


def _colon_in_value(said: _Said, line: str) -> Worded:
    from cchc_cli.text import visible

    example = ""
    found = _KEY_COLON.search(line)
    if found is not None and "#" not in line and len(line) <= 120:
        key, value = line[: found.start()], line[found.end():].strip()
        if value and not value.startswith(("'", '"', "[", "{")):
            example = visible(f"{key.strip()}: '{value.replace(chr(39), chr(39) * 2)}'")
    return (
        said.at,
        "a colon inside a value: put the value in quotes",
        "': ' inside a value reads as the start of a new key"
        + (f"; for example {example}" if example else "; for example name: 'Sở Tư pháp: phòng CCHC'"),
        "dấu hai chấm trong giá trị: hãy đặt giá trị trong dấu nháy",
        "dấu ': ' trong giá trị bị hiểu là bắt đầu một khóa mới"
        + (f"; ví dụ {example}" if example else "; ví dụ ten: 'Sở Tư pháp: phòng CCHC'"),
    )


def _colon_in_flow_value(said: _Said) -> Worded:
    """A second ': ' in one item of a ``{…}`` mapping, with that item rewritten as the example."""
    from cchc_cli.text import visible

    line = _line(said, said.at)
    column = (said.at.column or 1) - 1
    start = max(line.rfind(",", 0, column), line.rfind("{", 0, column)) + 1
    ends = [i for i in (line.find(",", column), line.rfind("}")) if i > column]
    item = line[start : min(ends) if ends else len(line)].strip()
    key, _, value = item.partition(": ")
    example = ""
    if key and value and "#" not in item and len(item) <= 120 and not value.startswith(("'", '"')):
        example = visible(f"{key}: '{value.strip().replace(chr(39), chr(39) * 2)}'")
    return (
        said.at,
        "a colon inside a value: put the value in quotes",
        "': ' inside a value of a {…} mapping reads as a new key"
        + (f"; for example {example}" if example else "; for example {status: in_progress, note: 'chờ: hướng dẫn'}"),
        "dấu hai chấm trong giá trị: hãy đặt giá trị trong dấu nháy",
        "dấu ': ' trong giá trị của bảng {…} bị hiểu là bắt đầu một khóa mới"
        + (f"; ví dụ {example}" if example else "; ví dụ {status: in_progress, note: 'chờ: hướng dẫn'}"),
    )


def _uneven(where: SourceLocation, why: str, why_vi: str) -> Worded:
    return (
        where,
        f"uneven indentation: this line is {why}",
        "keys at the same level start in the same column: indent with the same number of spaces as the keys beside it",
        f"dòng thụt lề không đều: dòng này {why_vi}",
        "các khóa cùng cấp phải thẳng cột: thụt lề bằng đúng số dấu cách như các khóa cùng cấp",
    )


def _is_block_end(said: _Said) -> bool:
    return any(
        words in said.problem
        for words in ("expected <block end>", "did not find expected key", "did not find expected '-' indicator")
    )


def _block_end(said: _Said) -> Worded:
    line = _line(said, said.at)
    char = _char(said, said.at)
    in_list = "block collection" in said.context or "'-' indicator" in said.problem
    if (said.at.column or 1) - 1 > _indent(line):
        return (
            said.at,
            "extra text after a value that is already closed (by a quote or a bracket)",
            "put the whole value in quotes, or remove the extra text",
            "có chữ thừa sau một giá trị đã đóng (bằng dấu nháy hay dấu ngoặc)",
            "hãy đặt cả giá trị trong dấu nháy, hoặc xóa phần chữ thừa",
        )
    at_key_column = said.opened is None or _indent(line) == (said.opened.column or 1) - 1
    if char == "-" and not in_list and at_key_column:
        return (
            said.at,
            "a list item '-' where a key was expected",
            "a list belongs under a key: write 'key:' and then the '  - value' lines indented below it",
            "gặp mục danh sách '-' ở chỗ cần một khóa",
            "danh sách phải nằm dưới một khóa: viết 'khóa:' rồi các dòng '  - giá trị' thụt vào bên dưới",
        )
    if in_list and at_key_column:
        return (
            said.at,
            f"a line without '-' inside the list that starts{_place(said.opened, 'en')}",
            "start each item of the list with '-', or indent the list under its key",
            f"gặp một dòng không có dấu '-' trong danh sách bắt đầu{_place(said.opened, 'vi')}",
            "hãy bắt đầu mỗi mục của danh sách bằng '-', hoặc thụt danh sách vào dưới khóa của nó",
        )
    opened_en = f" (the block begins{_place(said.opened, 'en')})" if said.opened else ""
    opened_vi = f" (khối bắt đầu{_place(said.opened, 'vi')})" if said.opened else ""
    return _uneven(said.at, f"not in line with the keys of its level{opened_en}",
                   f"không thẳng cột với các khóa cùng cấp{opened_vi}")


def _is_simple_key(said: _Said) -> bool:
    return "could not find expected ':'" in said.problem


def _simple_key(said: _Said) -> Worded:
    where = said.opened or said.at
    return (
        where,
        "missing ':' after the key that starts here (or text on a line of its own)",
        "write 'key: value' with a space after ':'; a line of text alone belongs in a key's value, in quotes",
        "thiếu dấu hai chấm ':' sau khóa bắt đầu ở đây (hoặc một dòng chữ đứng riêng)",
        "hãy viết 'khóa: giá trị', có một dấu cách sau ':'; một dòng chữ đứng riêng phải là giá trị của một khóa, trong dấu nháy",
    )


def _is_node_content(said: _Said) -> bool:
    return "node content" in said.problem


def _node_content(said: _Said) -> Worded:
    char = _char(said, said.at)
    if char is None:
        return (
            said.at, "a value is missing here", "write the value, or remove the line",
            "thiếu giá trị ở đây", "hãy viết giá trị, hoặc xóa dòng đó",
        )
    shown = _shown_char(char)
    return (
        said.at,
        f"{shown} cannot begin a value here",
        "remove the stray character, or put the value in quotes",
        f"ký tự {shown} không mở đầu được một giá trị ở đây",
        "hãy xóa ký tự thừa, hoặc đặt giá trị trong dấu nháy",
    )


def _is_entry(said: _Said) -> bool:
    return "entries are not allowed" in said.problem or "mapping keys are not allowed" in said.problem


def _entry(said: _Said) -> Worded:
    if "mapping keys" in said.problem:
        return (
            said.at, "a '?' cannot start a key here", "remove the '?', or put the value in quotes",
            "dấu '?' không được mở đầu một khóa ở đây", "hãy xóa dấu '?', hoặc đặt giá trị trong dấu nháy",
        )
    return (
        said.at,
        "a list item '-' is not allowed here",
        "put each '-' item on a line of its own, indented under the list's key; "
        "if the '-' is part of the text, put the value in quotes",
        "mục danh sách '-' không được phép ở đây",
        "đặt mỗi mục '-' trên một dòng riêng, thụt vào dưới khóa của danh sách; "
        "nếu '-' là một phần của chữ, hãy đặt giá trị trong dấu nháy",
    )


def _is_directive(said: _Said) -> bool:
    if "directive" in said.problem or "directive" in said.context or "duplicate tag handle" in said.problem:
        return True
    # A '%' line the parser did not take for a directive: it then complains about the line below.
    above = (said.at.line or 1) - 2
    return 0 <= above < len(said.lines) and said.lines[above].startswith("%")


def _directive(said: _Said) -> Worded:
    where = said.at
    if not _line(said, where).startswith("%") and (where.line or 1) > 1 and said.lines[(where.line or 1) - 2].startswith("%"):
        where = SourceLocation(where.path, (where.line or 1) - 1, 1)
    return (
        where,
        "a '%' directive line that is not valid here (or repeated)",
        "remove the lines that start with '%': a progress file needs none",
        "dòng chỉ thị '%' không hợp lệ ở đây (hoặc bị lặp)",
        "hãy xóa các dòng bắt đầu bằng '%': tệp tiến độ không cần chỉ thị",
    )


def _is_document(said: _Said) -> bool:
    return "document start" in said.problem or "document end" in said.problem


def _document(said: _Said) -> Worded:
    return (
        said.at,
        "content where a new document ('---') was expected",
        "remove a stray '...' line; a key fits on one line and is shorter than 1024 characters",
        "gặp nội dung ở chỗ cần dấu mở đầu tài liệu '---'",
        "hãy xóa dòng '...' thừa; một khóa phải nằm trên một dòng và ngắn hơn 1024 ký tự",
    )


def _is_tag(said: _Said) -> bool:
    return "tag" in said.context or "tag" in said.problem


def _tag(said: _Said) -> Worded:
    return (
        said.at,
        "a tag (a word starting with '!') that is written wrongly or not declared",
        "remove the tag; if the '!' is part of the text, put the value in quotes",
        "thẻ (từ bắt đầu bằng '!') viết sai hoặc chưa được khai báo",
        "hãy bỏ thẻ; nếu '!' là một phần của chữ, hãy đặt giá trị trong dấu nháy",
    )


def _is_anchor(said: _Said) -> bool:
    return "anchor" in said.context or "alias" in said.context or "alias" in said.problem


def _anchor(said: _Said) -> Worded:
    if "undefined alias" in said.problem:  # libyaml's composer; cchc's own builder says it first
        return (
            said.at,
            "an alias '*' that refers to no anchor '&' defined before it",
            "define '&name' before using '*name'; if the '*' is part of the text, put the value in quotes",
            "tham chiếu '*' không trỏ tới điểm neo '&' nào được khai báo trước nó",
            "khai báo '&tên' trước khi dùng '*tên'; nếu dấu '*' là một phần của chữ, hãy đặt giá trị trong dấu nháy",
        )
    return (
        said.at,
        "a name after '&' or '*' that is not valid",
        "'&' and '*' at the start of a value mean something in YAML; if they are part of the text, "
        "put the value in quotes",
        "tên sau dấu '&' hay '*' không hợp lệ",
        "dấu '&' và '*' ở đầu giá trị có nghĩa riêng trong YAML; nếu chúng là một phần của chữ, "
        "hãy đặt giá trị trong dấu nháy",
    )


def _is_block_scalar(said: _Said) -> bool:
    return "block scalar" in said.context or "block scalar" in said.problem


def _block_scalar(said: _Said) -> Worded:
    return (
        said.at,
        "a block of text ('|' or '>') written wrongly",
        "write '|' or '>' alone at the end of the key's line, then the text on the lines below, evenly indented",
        "khối văn bản '|' hay '>' viết sai",
        "hãy viết '|' hay '>' một mình ở cuối dòng khóa, rồi văn bản ở các dòng dưới, thụt lề đều nhau",
    )


def _is_bad_start(said: _Said) -> bool:
    return "cannot start any token" in said.problem


_KNOWN: tuple[tuple[Callable[[_Said], bool], Callable[[_Said], Worded]], ...] = (
    # the order matters: a Tab is told apart from any other character that cannot start a value
    (_is_tab, _tab),
    (_is_directive, _directive),
    # before any problem the runaway value causes further down (a brace, a colon, a stray character)
    (_is_runaway_quote, _runaway_quote),
    (_is_bad_start, _bad_start),
    (_is_open_quote, _open_quote),
    (_is_escape, _escape),
    (_is_flow, _flow),
    (_is_colon, _colon),
    (_is_simple_key, _simple_key),
    (_is_block_end, _block_end),
    (_is_node_content, _node_content),
    (_is_entry, _entry),
    (_is_block_scalar, _block_scalar),
    (_is_document, _document),
    (_is_tag, _tag),
    (_is_anchor, _anchor),
)
