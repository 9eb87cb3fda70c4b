"""Reading a progress file: bytes -> YAML -> validated plain data, or located input problems.

Validation is pydantic's, against the TypedDicts of :mod:`cchc_cli.models.progress`, through a
validator rebuilt from a cached core schema (:mod:`cchc_cli.contracts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cchc_cli.errors import SchemaError
from cchc_cli.location import SourceLocation
from cchc_cli.bilingual import Said, Bilingual

if TYPE_CHECKING:
    from cchc_cli.compiled import CompiledPlan
    from cchc_cli.models.progress import ProgressFile
    from cchc_cli.validation import Problems
    from cchc_cli.yamlio import Document

_MODELS = Path(__file__).resolve().parent / "models" / "progress.py"


class ProgressDocument(NamedTuple):
    """A progress file that passed schema validation: its data and the way back to its lines."""

    document: Document
    data: ProgressFile

    @property
    def path(self) -> str:
        return str(self.document.path)

    def locate(self, data_path: list[str | int]) -> SourceLocation:
        return self.document.locate(data_path)


_contracts: dict[str, type] = {}


def _contract(plan: CompiledPlan) -> type:
    """The progress file's TypedDict for ``plan``: which duties it reports, and how, is the plan's."""
    if plan.sha256 not in _contracts:
        from cchc_cli.models.progress import contract_of

        _contracts[plan.sha256] = contract_of(plan)
    return _contracts[plan.sha256]


def _functions() -> tuple[Callable[..., object], ...]:
    """The functions the progress schema calls: the only ones its cached form may name."""
    from cchc_cli.dates import coerce_date
    from cchc_cli.statuses import coerce_task_status

    return (coerce_date, coerce_task_status)


#: what, besides the models, turns a plan into its progress contract: a change to either must
#: not be answered by a schema the old code cached
_BUILDERS = (Path(__file__).resolve().parent / "compiled.py",)


def validator(plan: CompiledPlan) -> Any:
    """The pydantic-core validator of progress files for ``plan`` (built once per process and plan,
    cached on disk by the plan's digest)."""
    from cchc_cli.contracts import validator as contract_validator

    return contract_validator(
        "progress", _MODELS, lambda: _contract(plan), _functions, variant=plan.sha256, also=_BUILDERS
    )


def json_schema(plan: CompiledPlan) -> dict[str, Any]:
    """The JSON Schema of the progress file for ``plan`` as the models define it (indicators left open)."""
    from pydantic import TypeAdapter

    return TypeAdapter(_contract(plan)).json_schema()


def parse(path: Path, shown: str | None = None, *, plan: CompiledPlan) -> ProgressDocument:
    """Read and validate a progress file. Raises ParseError or SchemaError, located."""
    from cchc_cli import yamlio

    if is_stdin(path):
        document = yamlio.load_text(yamlio.decode(yamlio.read_stdin(), yamlio.STDIN_SHOWN), yamlio.STDIN_SHOWN)
    else:
        document = yamlio.load(path, shown or str(path))
    return validate(document, plan)


#: ``cchc check -``: the one name that means standard input; a file called ``-`` is ``./-``.
STDIN = Path("-")


def is_stdin(path: Path) -> bool:
    # Path("./-") is Path("-"): the CLI makes a "./-" it is given absolute, so that it stays a file.
    return path == STDIN


def validate(document: Document, plan: CompiledPlan) -> ProgressDocument:
    import pydantic_core

    if not isinstance(document.data, dict):
        got, got_vi = _kind(document.data)
        raise SchemaError(
            Bilingual(
                f"tệp tiến độ phải là một bảng khóa (schema_version, agency, period, …); tệp này là {got_vi}",
                f"a progress file is a mapping of keys (schema_version, agency, period, …); this one is {got}",
            ),
            SourceLocation(document.path, 1, 1),
            Bilingual(
                "hãy bắt đầu từ 'cchc init --agency … --period …' để có tệp mẫu",
                "start from 'cchc init --agency … --period …', which writes a ready-to-fill file",
            ),
        )
    _refuse_other_files(document)
    odd = _non_text_keys(document)
    if odd:
        from cchc_cli.validation import capped

        raise _schema_error(capped(odd))
    try:
        data = validator(plan).validate_python(document.data)
    except pydantic_core.ValidationError as e:
        from cchc_cli.validation import located_problems

        def keys(loc: tuple[Any, ...]) -> list[str] | None:
            return allowed_keys(loc, _contract(plan))

        raise _schema_error(located_problems(e, document, allowed_keys=keys)) from e
    return ProgressDocument(document=document, data=data)


#: keys every progress file has; a mapping with none of them, or of anything like them, is another file
_IDENTIFYING = ("schema_version", "agency", "period")


def _refuse_other_files(document: Document) -> None:
    """Say that a file is not a progress file at all, without quoting any of its keys or values.

    ``cchc check`` may be pointed (by a glob, a directory, a mistaken argument) at a YAML file
    that holds something else, such as CI settings or secrets: listing its keys as "unknown"
    would copy them into a CI log. A progress file has ``schema_version``, or two of the three
    identifying keys, each written exactly or nearly so (``agnecy``): one common word such as
    ``version`` or ``period`` alone does not make a file a progress file.
    """
    import difflib

    near: set[str] = set()
    for key in document.data:
        if not isinstance(key, str):
            continue
        folded = key.strip().lower()
        if folded == "schema_version":
            return
        for name in _IDENTIFYING:
            if folded == name or difflib.SequenceMatcher(None, folded[:40], name).ratio() >= 0.8:
                near.add(name)
        if len(near) >= 2:
            return
    raise SchemaError(
        Bilingual(
            "đây không phải tệp tiến độ: tệp tiến độ có các khóa schema_version, agency và period",
            "this is not a progress file: a progress file has the keys schema_version, agency and period",
        ),
        SourceLocation(document.path, 1, 1),
        Bilingual(
            "kiểm tra lại tên tệp; lệnh 'cchc init --agency … --period …' tạo tệp tiến độ mẫu",
            "check the file name; 'cchc init --agency … --period …' writes a progress file to start from",
        ),
    )


def _schema_error(found: Problems) -> SchemaError:
    """One error for a file's problems: the first as the message, the listed ones as details and
    findings, and a last finding that counts those not listed."""
    from cchc_cli.schema_words import vi_of
    from cchc_cli.validation import details_of

    problems = found.shown
    where, text = problems[0]
    others = found.total - 1
    from cchc_cli.numbers import count

    more = f" (and {count(others, 'en')} more)" if others else ""
    more_vi = f" (và {count(others, 'vi')} lỗi khác)" if others else ""  # 1.234, not 1,234
    error = SchemaError(
        Bilingual(
            f"{vi_of(text) or text}{more_vi}",
            f"{text}{more}",
        ),
        where,
        Bilingual(
            "sửa giá trị tại dòng đó; 'cchc schema progress' liệt kê mọi khóa và kiểu dữ liệu",
            "fix the value at that line; 'cchc schema progress' lists every key and type",
        ),
        details_of(problems),
    )
    error.problems = tuple(problems)
    error.more = found.more
    return error


def _non_text_keys(document: Document) -> list[tuple[SourceLocation, str]]:
    """Keys that YAML read as numbers, booleans or nothing: every key of a progress file is text.

    ``2.10:`` is the number 2.1, ``{…, satisfied: 99,5}`` makes a key ``5`` out of a decimal
    comma, ``yes:`` is a boolean: each is reported at its own line, with what probably happened.
    """
    from cchc_cli.text import quoted
    from cchc_cli.validation import dotted

    found: list[tuple[SourceLocation, str]] = []
    counts: set[tuple[int | None, int]] = set()  # (line, start) of each grouped count already said

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    dotted_path = dotted(tuple(str(p) for p in path))
                    where = Bilingual(dotted_path or "(cấp ngoài cùng)", dotted_path or "(top level)")
                    at = document.locate([*path, key])
                    grouped = _grouped_count(document.text, at) if isinstance(key, int) and value is None else None
                    if grouped is not None:
                        start, text = grouped
                        if (at.line, start) not in counts:  # 1,610,000: one mistake, not two
                            counts.add((at.line, start))
                            digits = text.replace(',', '')
                            found.append((at, Said(
                                f"{where.en}: the key {quoted(key)} is not text; a comma as a thousands "
                                f"separator ({text})? write counts without separators: {digits}",
                                f"{where.vi}: khóa {quoted(key)} không phải chữ; dấu phẩy là dấu phân cách hàng nghìn "
                                f"({text})? số đếm viết liền: {digits}")))
                        walk(value, (*path, key))
                        continue
                    if isinstance(key, bool) or key is None:
                        why = Bilingual("hãy đặt khóa trong dấu nháy", "write the key in quotes")
                    elif isinstance(key, (int, float)):
                        why = Bilingual(
                            "một số đứng sau dấu phẩy trong {…} thường là dấu thập phân (99,5): số đếm là số nguyên; "
                            "mã nhiệm vụ hay khóa trông như số phải đặt trong dấu nháy ('2.10')",
                            "a number after a comma inside {…} is usually a decimal comma (99,5): counts are whole "
                            "numbers; a task id or other key that looks like a number goes in quotes ('2.10')",
                        )
                    else:
                        why = Bilingual("khóa là một từ hoặc một mã", "a key is a plain word or id")
                    found.append((at, Said(f"{where.en}: the key {quoted(key)} is not text; {why.en}",
                                           f"{where.vi}: khóa {quoted(key)} không phải chữ; {why.vi}")))
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(document.data, ())
    return found


#: a count with commas between groups of three digits, as the file wrote it
_COMMA_GROUPS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w.])")


def _grouped_count(text: str, at: SourceLocation) -> tuple[int, str] | None:
    """(column, text) of a count like ``1,610`` that the key at ``at`` is part of, re-read from the
    file: in ``{surveyed: 1,610}`` YAML reads ``surveyed: 1`` and a key ``610``."""
    if at.line is None or at.column is None:
        return None
    lines = text.split("\n", at.line)
    line = lines[at.line - 1] if len(lines) >= at.line else ""
    for found in _COMMA_GROUPS.finditer(line[:2000]):
        if found.start() < at.column - 1 < found.end():
            return found.start(), found.group()
    return None


def _kind(data: Any) -> tuple[str, str]:
    """What a whole file holds when it is not a mapping, as (en, vi): never Python's type name
    ("str", "int"), which neither language's reader knows."""
    if data is None:
        return "empty", "tệp rỗng"
    if isinstance(data, list):
        return "a list", "một danh sách"
    if isinstance(data, str):
        return "a piece of text", "một đoạn chữ"
    if isinstance(data, bool):
        return "a true/false value", "một giá trị đúng/sai"
    if isinstance(data, (int, float)):
        return "a number", "một số"
    return "a single value", "một giá trị đơn lẻ"


def allowed_keys(loc: tuple[Any, ...], contract: type) -> list[str] | None:
    """The keys a mapping at ``loc`` of a ``contract`` may hold, for "did you mean" on an unknown
    key (slow path)."""
    from typing import get_args, get_origin, get_type_hints

    node: Any = contract
    for part in loc:
        node = _unwrap(node)
        if _is_typed_dict(node):
            hints = get_type_hints(node)
            if part not in hints:
                return None
            node = hints[part]
        elif get_origin(node) is dict:
            node = get_args(node)[1]
        elif get_origin(node) is list:
            node = get_args(node)[0]
        else:
            return None
    node = _unwrap(node)
    return sorted(get_type_hints(node)) if _is_typed_dict(node) else None


def _unwrap(tp: Any) -> Any:
    from typing import Annotated, get_args, get_origin

    from typing_extensions import NotRequired

    while get_origin(tp) in (Annotated, NotRequired):
        tp = get_args(tp)[0]
    return tp


def _is_typed_dict(tp: Any) -> bool:
    return isinstance(tp, type) and hasattr(tp, "__required_keys__")
