"""Reading a progress file: bytes -> YAML -> validated plain data, or located input problems.

Validation is pydantic's, against the TypedDicts of :mod:`cchc_cli.models.progress`. Building
a validator from those types costs pydantic's schema machinery (tens of milliseconds on every
run, more than the rest of a check); the core schema it produces is plain data, so it is cached
(:mod:`cchc_cli.cache`) and later runs build the validator straight from it with pydantic-core.
"""

from __future__ import annotations

from typing import NamedTuple
from pathlib import Path
from typing import Any

from cchc_cli.errors import SchemaError
from cchc_cli.location import SourceLocation

_MODELS = Path(__file__).resolve().parent / "models" / "progress.py"


class ProgressDocument(NamedTuple):
    """A progress file that passed schema validation: its data and the way back to its lines."""

    document: Any  # yamlio.Document
    data: dict[str, Any]

    @property
    def path(self) -> str:
        return str(self.document.path)

    def locate(self, data_path: list[str | int]) -> SourceLocation:
        return self.document.locate(data_path)  # type: ignore[no-any-return]


def _strip(schema: Any) -> Any:
    """Drop what only JSON Schema generation needs (closures) and class references."""
    if isinstance(schema, dict):
        return {k: _strip(v) for k, v in schema.items() if k not in ("metadata", "cls")}
    if isinstance(schema, list):
        return [_strip(v) for v in schema]
    return schema


def _build_core_schema() -> Any:
    from pydantic import TypeAdapter

    from cchc_cli.models.progress import ProgressFile

    return _strip(TypeAdapter(ProgressFile).core_schema)


_validator: Any = None


def validator() -> Any:
    """The pydantic-core validator of progress files (built once per process)."""
    global _validator
    if _validator is None:
        import pydantic_core

        from cchc_cli.cache import cached, key_of

        key = key_of(["progress-schema", pydantic_core.__version__], [_MODELS])
        schema = cached("progress-schema", key, _build_core_schema)
        try:
            _validator = pydantic_core.SchemaValidator(schema)
        except Exception:  # a cache entry pydantic-core no longer accepts: rebuild from the types
            _validator = pydantic_core.SchemaValidator(_build_core_schema())
    return _validator


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the progress file as the models define it (indicators left open)."""
    from pydantic import TypeAdapter

    from cchc_cli.models.progress import ProgressFile

    return TypeAdapter(ProgressFile).json_schema()


def parse(path: Path, shown: str | None = None) -> ProgressDocument:
    """Read and validate a progress file. Raises ParseError or SchemaError, located."""
    from cchc_cli import yamlio

    document = yamlio.load(path, shown or str(path))
    return validate(document)


def validate(document: Any) -> ProgressDocument:
    import pydantic_core

    if not isinstance(document.data, dict):
        got = "empty" if document.data is None else type(document.data).__name__
        raise SchemaError(
            f"a progress file is a mapping of keys (schema_version, agency, period, …); this one is {got}",
            SourceLocation(document.path, 1, 1),
            "start from 'cchc init --agency … --period …', which writes a ready-to-fill file",
            vi=(
                f"tệp tiến độ phải là một bảng khóa (schema_version, agency, period, …); tệp này là {_kind_vi(got)}",
                "hãy bắt đầu từ 'cchc init --agency … --period …' để có tệp mẫu",
            ),
        )
    try:
        data = validator().validate_python(document.data)
    except pydantic_core.ValidationError as e:
        from cchc_cli.validation import details_of, located_problems

        problems = located_problems(e, document, allowed_keys=allowed_keys)
        where, text = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        more_vi = f" (và {len(problems) - 1} lỗi khác)" if len(problems) > 1 else ""
        error = SchemaError(
            f"{text}{more}",
            where,
            "fix the value at that line; 'cchc schema progress' lists every key and type",
            details_of(problems),
            vi=(
                f"{translate(text)}{more_vi}",
                "sửa giá trị tại dòng đó; 'cchc schema progress' liệt kê mọi khóa và kiểu dữ liệu",
            ),
        )
        error.problems = tuple(problems)
        raise error from e
    return ProgressDocument(document=document, data=data)


def _kind_vi(kind: str) -> str:
    return {"empty": "tệp rỗng", "list": "một danh sách", "str": "một chuỗi"}.get(kind, kind)


_VI = (
    ("required key is missing", "thiếu khóa bắt buộc"),
    ("unknown key", "khóa không hợp lệ"),
    ("no value: fill it in (input should be a valid integer)", "chưa điền: hãy ghi một số nguyên"),
    ("no value: fill it in (input should be a valid date)", "chưa điền: hãy ghi một ngày (dd/mm/yyyy)"),
    ("no value: fill it in", "chưa điền"),
    ("did you mean", "có phải là"),
    ("expected one of", "các khóa hợp lệ:"),
    ("write a whole count such as 45, without '%', ',' or '.'", "hãy viết số nguyên như 45, không có '%', ',' hay '.'"),
    ("(got ", "(nhận được "),
    ("Input should be a valid integer", "phải là một số nguyên"),
    ("Input should be greater than or equal to 0", "không được là số âm"),
    ("Input should be a valid dictionary", "phải là một bảng khóa: giá trị"),
    ("Input should be a valid list", "phải là một danh sách"),
    ("Input should be a valid string", "phải là một chuỗi"),
    ("Input should be", "giá trị phải là"),
    ("is not a real date", "không phải ngày có thật"),
    ("(day is out of range for month)", "(tháng đó không có ngày này)"),
    ("(month must be in 1..12)", "(tháng phải từ 1 đến 12)"),
    ("(year 0 is out of range)", "(năm không hợp lệ)"),
    ("is not a date; write it as", "không phải ngày; hãy viết"),
    ("String should match pattern", "chuỗi phải khớp mẫu"),
)


def translate(text: str) -> str:
    """The commonest schema messages in Vietnamese; ids, keys and values stay as they are."""
    for en, vi in _VI:
        text = text.replace(en, vi)
    return text


def allowed_keys(loc: tuple[Any, ...]) -> list[str] | None:
    """The keys a mapping at ``loc`` may hold, for "did you mean" on an unknown key (slow path)."""
    from typing import get_args, get_origin, get_type_hints

    from cchc_cli.models import progress as models

    node: Any = models.ProgressFile
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
