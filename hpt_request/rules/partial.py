"""Model objects from a request that failed the structural check, for the rules to read.

One pass reports structural and rule problems together: the rules run on what could be read.
:func:`readable` builds the request's model objects from its wire data, leaving out nothing
but what failed: a member with a structural problem at or below it, and a required member that
is missing, hold :data:`~hpt_request.rules.UNKNOWN`, which a rule cannot use without being
skipped. Unknown members (``additionalProperties``) are dropped; every other member is read
exactly as it is (strings stay strings, enums become enums where the value is known).

The objects are made without running the model's converters and validators (which would refuse
the unknown values); they exist only for the rules and never leave :mod:`hpt_request.check`.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from hpt_request import model
from hpt_request.model.base import UNKNOWN, UnknownAt
from hpt_request.model.errors import Problem, Step

Location = tuple[Step, ...]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _concrete(hint: Any) -> Any:
    """``X`` of ``X | None``; the enum of ``Enum | str``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        enums = [arg for arg in args if isinstance(arg, type) and issubclass(arg, enum.Enum)]
        if enums:
            return enums[0]
        return args[0] if len(args) == 1 else hint
    return hint


# How a member is read: ("struct", class), ("list", how each item is read), ("dict", None),
# ("enum", enum class) or ("scalar", None).
Kind = tuple[str, Any]


def _kind(hint: Any) -> Kind:
    hint = _concrete(hint)
    if attrs.has(hint):
        return ("struct", hint)
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return ("list", _kind(item))
    if origin is dict:
        return ("dict", None)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return ("enum", hint)
    return ("scalar", None)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str, bool, Kind], ...]:
    """For each field of ``cls``: its name, wire key, whether it is required, how it is read."""
    hints = _hints(cls)
    return tuple(
        (
            field.name,
            field.metadata["wire"],
            field.default is attrs.NOTHING,
            _kind(hints[field.name]),
        )
        for field in attrs.fields(cls)
    )


def _enum_or_text(cls: Any, data: Any) -> Any:
    try:
        return cls(data)
    except ValueError:
        return data


class _Reader:
    def __init__(self, locations: Iterable[Location], located: Iterable[Location] = ()) -> None:
        self.failed = frozenset(locations)
        self.located = frozenset(located)
        # Every location with a problem at or below it.
        self.troubled = frozenset(
            location[:depth] for location in self.failed for depth in range(len(location) + 1)
        )

    def value(self, kind: Kind, data: Any, where: Location) -> Any:
        if where not in self.troubled:
            return _sound(kind, data)  # nothing failed here or below
        if where in self.failed:
            return UnknownAt(where) if where in self.located else UNKNOWN
        how, arg = kind
        if how == "struct":
            return self.structure(arg, data, where) if isinstance(data, Mapping) else UNKNOWN
        if how == "list":
            if not isinstance(data, list):
                return UNKNOWN
            return [self.value(arg, entry, (*where, index)) for index, entry in enumerate(data)]
        return UNKNOWN  # a map or scalar with a problem inside

    def structure(self, cls: type, data: Mapping[str, Any], where: Location) -> Any:
        obj: Any = object.__new__(cls)
        for name, key, required, kind in _plan(cls):
            if key in data:
                value = self.value(kind, data[key], (*where, key))
            elif required:
                value = UNKNOWN  # a required member is missing
            else:
                value = None
            object.__setattr__(obj, name, value)
        return obj


def _sound(kind: Kind, data: Any) -> Any:
    """A member with no structural problem at or below it, read as it is."""
    how, arg = kind
    if how == "struct":
        return _sound_structure(arg, data) if isinstance(data, Mapping) else UNKNOWN
    if how == "list":
        return [_sound(arg, entry) for entry in data] if isinstance(data, list) else UNKNOWN
    if how == "dict":
        return dict(data) if isinstance(data, Mapping) else UNKNOWN
    if how == "enum":
        return _enum_or_text(arg, data)
    return data


def _sound_structure(cls: type, data: Mapping[str, Any]) -> Any:
    obj: Any = object.__new__(cls)
    for name, key, required, kind in _plan(cls):
        if key in data:
            value = _sound(kind, data[key])
        elif required:
            value = UNKNOWN  # a required member is missing
        else:
            value = None
        object.__setattr__(obj, name, value)
    return obj


def readable(data: object, problems: list[Problem]) -> tuple[Any, frozenset[Location]]:
    """The request's model objects with unreadable members as UNKNOWN, and the locations of the
    structural problems; ``(None, ...)`` when the request itself is not an object."""
    return readable_at(data, [problem.location for problem in problems])


def readable_at(
    data: object, locations: Iterable[Location], located: Iterable[Location] = ()
) -> tuple[Any, frozenset[Location]]:
    """:func:`readable` with the members at ``locations`` unknown: those of structural problems,
    and those whose values a document supplies at run time (placeholders). Those of ``located``
    (among ``locations``) are each an :class:`~hpt_request.model.base.UnknownAt` of its own, so a
    rule that touches one says which."""
    reader = _Reader(locations, located)
    if not isinstance(data, Mapping) or () in reader.failed:
        return None, reader.failed
    request = reader.structure(model.CreateHyperParameterTuningJobRequest, data, ())
    return request, reader.failed
