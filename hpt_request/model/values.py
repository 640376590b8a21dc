"""How Python values become the strings SageMaker carries: one rule, used by every field.

Range bounds (``IntegerParameterRange``/``ContinuousParameterRange`` ``MinValue``/``MaxValue``)
travel as strings. They accept ``int``, ``float``, ``decimal.Decimal`` or ``str``:

- a ``str`` is kept byte for byte (``"1e-5"`` stays ``"1e-5"``);
- an ``int`` is written in decimal digits (``10`` -> ``"10"``);
- a ``float`` is written in its shortest round-trip form, Python's ``repr`` (``1e-05`` ->
  ``"1e-05"``, ``0.1`` -> ``"0.1"``, ``3.0`` -> ``"3.0"``);
- a ``Decimal`` is written exactly, with a lower-case exponent marker
  (``Decimal("1E-7")`` -> ``"1e-7"``);
- ``bool``, NaN and infinities are refused with :class:`~hpt_request.model.errors.FieldTypeError`.

Categorical values, static hyperparameter values and ``AutoParameter.ValueHint`` accept
``str``, ``int``, ``float``, ``Decimal`` and ``bool``: numbers follow the rule above and ``bool``
becomes ``"true"``/``"false"`` (the spelling the built-in algorithms read).

Every other scalar field checks its Python type when an object is built or a field assigned
(:func:`python_type`): integers take ``int`` (not ``bool``), floats ``int`` or ``float`` (not
``bool``), booleans ``bool``, strings and enums ``str`` (an enum's members are ``str``). A wrong
type raises :class:`~hpt_request.model.errors.FieldTypeError` naming the field by its label:
its wire path in a request (``HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs
takes int, not str '10'``) where its structure has one place there; a structure that has
several places, or sits in a list, cannot know which is its own when it is built, and its
members are named after it (``ResourceConfig.InstanceCount``). The generator writes the labels
(``generator/emit_model.py``). Values of the right type
are never refused there: lengths, patterns, minimums and enum membership are checked by
``validate()``, ``to_wire()`` and ``from_wire()``, which report every problem at once.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from hpt_request.model.errors import FieldTypeError, Problem

RangeBound = int | float | Decimal | str
HyperParameterInput = str | int | float | Decimal | bool

E = TypeVar("E", bound=enum.Enum)
S = TypeVar("S", bound=str)


class WireEnum(str, enum.Enum):
    """Base of the generated enums: members are their wire strings, ``str()`` included."""

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


def enum_or_str(cls: type[E], value: E | S | None) -> E | S | None:
    """The member whose value is exactly ``value``; anything else is kept for the schema check
    to report with its wire path."""
    if value is None or isinstance(value, cls):
        return value
    try:
        return cls(value)
    except (ValueError, TypeError):
        return value


_ACCEPTED: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "float": (int, float),
    "double": (int, float),
    "boolean": (bool,),
}
_NAMES = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "float": "a number",
    "double": "a number",
}


class python_type:  # lower case: used like a function, validator=python_type(...)
    """An attrs validator: the field's value is ``None`` or of the Python type of its spec
    ``kind`` (see the module docstring); ``label`` is the field's wire name with its structure's
    (``ResourceLimits.MaxNumberOfTrainingJobs``)."""

    __slots__ = ("accepted", "kind", "label")

    def __init__(self, label: str, kind: str) -> None:
        self.label = label
        self.kind = kind
        self.accepted = _ACCEPTED[kind]

    def __call__(self, _instance: Any, _attribute: Any, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) and self.kind != "boolean":
            raise _refuse(self.label, value, _NAMES.get(self.kind, self.kind))
        if not isinstance(value, self.accepted):
            raise _refuse(self.label, value, _NAMES.get(self.kind, "bool"))

    def __repr__(self) -> str:
        return f"python_type({self.label!r}, {self.kind!r})"


def _refuse(label: str, value: object, allowed: str) -> FieldTypeError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    message = f"{label} takes {allowed}, not {type(value).__name__} {shown}"
    return FieldTypeError([Problem(path=label, code="type", message=message)])


def format_number(value: int | float | Decimal, label: str) -> str:
    """The wire string of a number, by the rule in this module's docstring."""
    if isinstance(value, bool):
        raise _refuse(label, value, "a number or a string (bool is ambiguous here)")
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more digits than int_max_str_digits allows
            raise _refuse(label, value, "an integer of a sensible size") from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _refuse(label, value, "a finite number")
        return repr(value)
    if not value.is_finite():
        raise _refuse(label, value, "a finite number")
    return str(value).replace("E", "e")


def range_bound(value: RangeBound, label: str) -> str:
    """A range bound as its wire string."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal):
        return format_number(value, label)
    raise _refuse(label, value, "int, float, Decimal or str")


def hyperparameter_value(value: HyperParameterInput, label: str) -> str:
    """A hyperparameter value as its wire string (``True`` -> ``"true"``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return format_number(value, label)
    raise _refuse(label, value, "str, int, float, Decimal or bool")


def hyperparameter_values(values: Iterable[HyperParameterInput], label: str) -> list[str]:
    """A list of hyperparameter values (categorical ``Values``), order kept."""
    if isinstance(values, str | bytes | Mapping | set | frozenset) or not isinstance(
        values, Iterable
    ):
        raise _refuse(label, values, "a list of values")
    return [hyperparameter_value(item, f"{label}[{index}]") for index, item in enumerate(values)]


def hyperparameter_map(
    values: Mapping[str, HyperParameterInput] | None, label: str
) -> dict[str, str] | None:
    """A mapping of hyperparameter names to values (``StaticHyperParameters``)."""
    if values is None:
        return None
    if not isinstance(values, Mapping):
        raise _refuse(label, values, "a mapping of names to values")
    out: dict[str, str] = {}
    for key, item in values.items():
        if not isinstance(key, str):
            raise _refuse(f"{label} key", key, "str")
        out[key] = hyperparameter_value(item, f'{label}["{key}"]')
    return out


class LongInt(int):
    """An integer too long to print: ``repr`` and ``str`` give its number of digits.

    A file's reader makes one (:func:`long_integer`) for an integer written with more digits
    than Python turns into a number; it then stands in for the number, of the same sign, and
    remembers how many digits were written (``digits``)."""

    digits: int | None = None

    def __repr__(self) -> str:
        return f"an integer of about {digit_count(self)} digits"

    __str__ = __repr__


def long_integer(written: str) -> LongInt:
    """The stand-in for an integer written as ``written`` (an optional sign, then digits),
    which is too long for ``int()``: larger in size than any integer member allows, of the same
    sign, and remembering the number of digits written. Its value is not the written one, so
    it serves to report the member, never to send it."""
    digits = sum(character.isdigit() for character in written)
    stand_in = LongInt(-(10**4300) if written.lstrip().startswith("-") else 10**4300)
    stand_in.digits = digits
    return stand_in


def digit_count(value: int) -> int:
    """The number of decimal digits of ``value``, without turning it into text (a stand-in
    :class:`LongInt` gives the number written)."""
    if isinstance(value, LongInt) and value.digits is not None:
        return value.digits
    return max(1, int((abs(value).bit_length() - 1) * math.log10(2)) + 1)


# -- Python values botocore takes for JSON ones ---------------------------------------------------


def _plain_scalar(value: Any) -> Any:
    """The JSON value botocore writes for a Python scalar it takes, or ``value`` itself."""
    if isinstance(value, enum.Enum):
        inner = value._value_
        if isinstance(value, str) and type(inner) is str:
            return inner
        if isinstance(value, int) and type(inner) is int:
            return inner
        return value  # a plain Enum: botocore refuses it, and so does the check, at its path
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value if type(value) is LongInt else int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, Decimal) and value.is_finite():
        return float(value)  # botocore takes a Decimal for a number and writes it as one
    return value


_EXACT = frozenset({str, int, float, bool, type(None)})


def plain_json(value: Any) -> Any:
    """``value`` with each Python value that botocore takes for a JSON one made that JSON value,
    as botocore writes it: a ``str`` or ``int`` subclass (``numpy.str_``, a ``(str, Enum)`` or
    ``IntEnum`` member) its plain value, a ``float`` subclass (``numpy.float64``) a float, a
    finite ``Decimal`` a float, a tuple a list, a mapping a dict. ``value`` itself, the same
    object, when it holds none of them; what botocore refuses (``numpy.int64``, a plain
    ``Enum``) is left as it is, for the check to report at its path."""
    changed = False

    def walk(node: Any, depth: int) -> Any:
        nonlocal changed
        kind = type(node)
        if kind in _EXACT:
            return node
        if depth > 256:  # deeper than any request: left for the check's own bound
            return node
        if kind is list or kind is tuple:
            items = [walk(item, depth + 1) for item in node]
            if kind is tuple or any(a is not b for a, b in zip(items, node, strict=True)):
                changed = True
                return items
            return node
        if isinstance(node, Mapping):
            # A key is a scalar (a tuple key stays a tuple: as a list it could not be a key)
            entries = {_plain_scalar(key): walk(item, depth + 1) for key, item in node.items()}
            same = kind is dict and all(
                key is other and entries[key] is item
                for (key, item), other in zip(node.items(), entries, strict=True)
            )
            if same:
                return node
            changed = True
            return entries
        plain = _plain_scalar(node)
        if plain is not node:
            changed = True
        return plain

    result = walk(value, 0)
    return result if changed else value
