"""Typed records to plain JSON data and back, with every shape checked on the way back in.

Owns the encoding the on-disk cache (:mod:`cchc_cli.cache`) uses for records: a NamedTuple is a
JSON object of its fields, a tuple an array, ``dict[str, X]`` an object, a ``Fraction``
``[numerator, denominator]``, a ``date`` its ISO text, ``X | None`` the value or null; for
plain JSON documents (the ``cchc plan`` views), a ``TypedDict`` is an object of its keys in
declared order, ``list[X]`` an array, a ``Literal`` one of its values, and a union of
``TypedDict`` s the first of them the data is exactly. The codec
of a class is derived once from its type hints (about a third of a millisecond for the compiled
plan's classes), so a field added to a record is encoded without anyone remembering to.

Decoding accepts exactly what the encoder writes: the exact JSON type (no bool for an int, no
float anywhere), every field of a record and no other, fractions in lowest terms with a positive
denominator, dates as ``YYYY-MM-DD``. Anything else raises :class:`ShapeError`, so a reader can
treat a wrong entry as an absent one. Nothing here imports, looks up or calls anything the data
names: the data only ever fills in the types the caller asked for.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from typing import Any, Generic, NamedTuple, TypeVar, cast

T = TypeVar("T")


class ShapeError(ValueError):
    """Data that is not what the encoder of the expected type writes."""


class Codec(NamedTuple, Generic[T]):
    """A pair of functions: a value to plain JSON data, and that data back to an equal value."""

    encode: Callable[[T], object]
    decode: Callable[[object], T]


def codec_for(cls: type[T], special: Mapping[type, Codec[Any]] | None = None) -> Codec[T]:
    """The codec of ``cls`` (a NamedTuple, usually), derived from its type hints.

    ``special`` gives the codec of classes that are not plain records (the agency registry is
    carried as the records it is built from).
    """
    return cast("Codec[T]", _codec(cls, dict(special or {})))


def _codec(tp: Any, known: dict[type, Codec[Any]]) -> Codec[Any]:
    if isinstance(tp, type) and tp in known:
        return known[tp]
    if tp is str or tp is bool or tp is int:
        return _exact(tp)
    if tp is type(None):
        return Codec(_encode_none, _decode_none)
    if tp is Fraction:
        return Codec(_encode_fraction, _decode_fraction)
    if tp is date:
        return Codec(_encode_date, _decode_date)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        return _literal(args)
    if origin in (typing.Union, types.UnionType):
        if all(typing.is_typeddict(a) for a in args):
            return _first_of(tuple(_codec(a, known) for a in args))
        return _optional(tp, args, known)
    if origin is list:
        return _list_of(_codec(args[0], known))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_of(_codec(args[0], known))
        return _fixed_tuple(tuple(_codec(a, known) for a in args))
    if origin is dict and args[:1] == (str,):
        return _dict_of(_codec(args[1], known))
    if typing.is_typeddict(tp):
        return _typed_dict(tp, known)
    if isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields"):
        codec = known[tp] = _record(tp, known)
        return codec
    raise TypeError(f"no JSON encoding for {tp!r}")


# -- leaves ----------------------------------------------------------------------------------


def _exact(kind: type) -> Codec[Any]:
    def encode(value: object) -> object:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    def decode(data: object) -> object:
        # json gives exactly str, int, bool: `type is` refuses True where a number belongs.
        if type(data) is not kind:
            raise ShapeError(f"expected {kind.__name__}, got {type(data).__name__}")
        return data

    return Codec(encode, decode)


def _encode_none(value: object) -> None:
    if value is not None:
        raise TypeError(f"expected None, got {type(value).__name__}")


def _decode_none(data: object) -> None:
    if data is not None:
        raise ShapeError(f"expected null, got {type(data).__name__}")


def _encode_fraction(value: object) -> object:
    if not isinstance(value, Fraction):
        raise TypeError(f"expected Fraction, got {type(value).__name__}")
    return [value.numerator, value.denominator]


def _decode_fraction(data: object) -> Fraction:
    if type(data) is list and len(data) == 2:
        numerator, denominator = data
        if type(numerator) is int and type(denominator) is int and denominator > 0:
            if math.gcd(numerator, denominator) == 1:
                return Fraction(numerator, denominator)
    raise ShapeError("a fraction is [numerator, denominator], in lowest terms, denominator > 0")


def _encode_date(value: object) -> object:
    if type(value) is not date:  # a datetime would lose its time
        raise TypeError(f"expected date, got {type(value).__name__}")
    return value.isoformat()


def _decode_date(data: object) -> date:
    if type(data) is str and len(data) == 10:
        try:
            day = date.fromisoformat(data)
        except ValueError:
            pass
        else:
            # fromisoformat also reads "2021W011"-style forms; only the one we write is ours
            if day.isoformat() == data:
                return day
    raise ShapeError("a date is YYYY-MM-DD")


def _literal(values: tuple[Any, ...]) -> Codec[Any]:
    kinds = {type(v) for v in values}
    if not kinds <= {str, int}:
        raise TypeError(f"only str and int literals have a JSON encoding, not {values!r}")

    def check(value: object) -> object:
        # `type in`: True is not the literal 1
        if type(value) not in kinds or value not in values:
            raise ShapeError(f"expected one of {values!r}")
        return value

    return Codec(check, check)


# -- containers ------------------------------------------------------------------------------


def _optional(tp: Any, args: tuple[Any, ...], known: dict[type, Codec[Any]]) -> Codec[Any]:
    present = [a for a in args if a is not type(None)]
    if len(args) != 2 or len(present) != 1:
        raise TypeError(f"only X | None unions have a JSON encoding, not {tp!r}")
    inner = _codec(present[0], known)

    def encode(value: object) -> object:
        return None if value is None else inner.encode(value)

    def decode(data: object) -> object:
        return None if data is None else inner.decode(data)

    return Codec(encode, decode)


def _tuple_of(item: Codec[Any]) -> Codec[Any]:
    def encode(value: object) -> object:
        if not isinstance(value, tuple):
            raise TypeError(f"expected tuple, got {type(value).__name__}")
        return [item.encode(v) for v in value]

    def decode(data: object) -> object:
        if type(data) is not list:
            raise ShapeError(f"expected an array, got {type(data).__name__}")
        return tuple([item.decode(v) for v in data])

    return Codec(encode, decode)


def _list_of(item: Codec[Any]) -> Codec[Any]:
    def encode(value: object) -> object:
        if not isinstance(value, list):
            raise TypeError(f"expected list, got {type(value).__name__}")
        return [item.encode(v) for v in value]

    def decode(data: object) -> object:
        if type(data) is not list:
            raise ShapeError(f"expected an array, got {type(data).__name__}")
        return [item.decode(v) for v in data]

    return Codec(encode, decode)


def _fixed_tuple(items: tuple[Codec[Any], ...]) -> Codec[Any]:
    def encode(value: object) -> object:
        if not isinstance(value, tuple) or len(value) != len(items):
            raise TypeError(f"expected a tuple of {len(items)}")
        return [c.encode(v) for c, v in zip(items, value)]

    def decode(data: object) -> object:
        if type(data) is not list or len(data) != len(items):
            raise ShapeError(f"expected an array of {len(items)}")
        return tuple([c.decode(v) for c, v in zip(items, data)])

    return Codec(encode, decode)


def _dict_of(value_codec: Codec[Any]) -> Codec[Any]:
    def encode(value: object) -> object:
        if not isinstance(value, dict) or not all(type(k) is str for k in value):
            raise TypeError("expected a dict with str keys")
        return {k: value_codec.encode(v) for k, v in value.items()}

    def decode(data: object) -> object:
        if type(data) is not dict:  # JSON object keys are always str
            raise ShapeError(f"expected an object, got {type(data).__name__}")
        return {k: value_codec.decode(v) for k, v in data.items()}

    return Codec(encode, decode)


def _record(cls: type, known: dict[type, Codec[Any]]) -> Codec[Any]:
    hints = typing.get_type_hints(cls)
    names: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    fields = tuple((name, _codec(hints[name], known)) for name in names)
    expected = frozenset(names)

    def encode(value: object) -> object:
        if not isinstance(value, cls):
            raise TypeError(f"expected {cls.__name__}, got {type(value).__name__}")
        return {name: codec.encode(v) for (name, codec), v in zip(fields, value)}  # type: ignore[call-overload]

    def decode(data: object) -> object:
        if type(data) is not dict:
            raise ShapeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
        if data.keys() != expected:  # a missing field, or one this version does not have
            raise ShapeError(f"{cls.__name__}: fields {sorted(data)} are not {sorted(expected)}")
        return cls(*[codec.decode(data[name]) for name, codec in fields])

    return Codec(encode, decode)


def _typed_dict(cls: Any, known: dict[type, Codec[Any]]) -> Codec[Any]:
    """A JSON object with exactly the keys of ``cls``, in the order it declares them.

    The order is part of the shape: these documents are written out again as they are read
    (``cchc plan … -f json``), so an entry with its keys shuffled would change the output.
    """
    hints = typing.get_type_hints(cls)
    fields = tuple((name, _codec(hint, known)) for name, hint in hints.items())
    names = [name for name, _ in fields]

    def encode(value: object) -> object:
        if not isinstance(value, dict) or list(value) != names:
            raise TypeError(f"{cls.__name__}: expected the keys {names}")
        return {name: codec.encode(value[name]) for name, codec in fields}

    def decode(data: object) -> object:
        if type(data) is not dict:
            raise ShapeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
        if list(data) != names:
            raise ShapeError(f"{cls.__name__}: keys {list(data)} are not {names}")
        return {name: codec.decode(data[name]) for name, codec in fields}

    return Codec(encode, decode)


def _first_of(members: tuple[Codec[Any], ...]) -> Codec[Any]:
    """A union of ``TypedDict`` s: the first member whose exact shape the value has."""

    def attempt(step: Callable[[Codec[Any]], object], error: type[Exception]) -> object:
        for member in members:
            try:
                return step(member)
            except (TypeError, ShapeError):
                continue
        raise error("none of the shapes of the union")

    def encode(value: object) -> object:
        return attempt(lambda m: m.encode(value), TypeError)

    def decode(data: object) -> object:
        return attempt(lambda m: m.decode(data), ShapeError)

    return Codec(encode, decode)
