"""What the generated classes share: ``==`` and ``repr()``, the range constructors, and the
marker of a member the structural check could not read.

Every generated class derives from :class:`Structure`, which gives it ``==`` and ``repr()``
exactly as attrs would write them (attrs is told ``eq=False, repr=False``): one shared pair of
methods instead of a pair of generated, compiled methods per class, which cost about a quarter
of the time the model took to import.

The generator (``generator/emit_model.py``, table ``HELPERS``) also makes these classes bases of
a few generated ones, so the model keeps exactly the spec's fields and gains only these methods:

- ``IntegerParameterRange.linear/log/auto`` and ``ContinuousParameterRange.linear/log/
  reverse_log/auto``: a range with its scaling type in one call,
  ``ContinuousParameterRange.log("learning_rate", 1e-5, 1e-1)``;
- ``CategoricalParameterRange.of("booster", "gbtree", "dart")``.

The request's own conveniences (``validate()``, ``to_wire()``, ...) are in
:mod:`hpt_request.model.request`. :data:`UNKNOWN` stands for a member that failed the
structural check in the objects read from an invalid request (:mod:`hpt_request.schema.reading`,
:mod:`hpt_request.rules.partial`); the rules are skipped where they touch it.

This module imports nothing of the package.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")
Bound = int | float | Decimal | str
Value = str | int | float | Decimal | bool
# The warm-start parents' DescribeHyperParameterTuningJob responses, as ``parents=`` takes them:
# a list of them, or a mapping whose values they are (its keys name them in messages).
ParentResponses = Iterable[Mapping[str, Any]] | Mapping[Any, Mapping[str, Any]]

_COMPARED: dict[type, tuple[str, ...]] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}
_REPRING = threading.local()  # ids of the objects whose repr() is being written, per thread


def _names(cls: type, flag: str, cache: dict[type, tuple[str, ...]]) -> tuple[str, ...]:
    """The attrs fields of ``cls`` whose ``flag`` (``eq`` or ``repr``) is set, in field order."""
    try:
        return cache[cls]
    except KeyError:
        fields: tuple[Any, ...] = getattr(cls, "__attrs_attrs__", ())
        names = cache[cls] = tuple(f.name for f in fields if getattr(f, flag))
        return names


class Structure:
    """Base of every generated class: ``==`` and ``repr()`` as attrs generates them.

    ``a == b`` holds when both are of exactly the same class and every field compares equal, in
    field order (``NotImplemented`` for another class, so ``!=`` and mixed comparisons behave as
    attrs' do); instances are unhashable, since they are mutable. ``repr()`` is
    ``ClassName(field=value, ...)`` over every field, with ``...`` for an object already being
    shown further up (a cycle).
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        for name in _names(self.__class__, "eq", _COMPARED):
            if not getattr(self, name) == getattr(other, name):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]  # mutable, like attrs' eq=True classes

    def __repr__(self) -> str:
        showing: set[int] | None = getattr(_REPRING, "ids", None)
        if showing is None:
            showing = _REPRING.ids = set()
        if id(self) in showing:
            return "..."
        showing.add(id(self))
        try:
            shown = ", ".join(
                f"{name}={getattr(self, name)!r}" for name in _names(self.__class__, "repr", _SHOWN)
            )
            return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"
        finally:
            showing.discard(id(self))


def _range(cls: type[T], name: str, low: Bound, high: Bound, scaling: str) -> T:
    fields: dict[str, Any] = {
        "name": name,
        "min_value": low,
        "max_value": high,
        "scaling_type": scaling,
    }
    return cls(**fields)


class _ScaledRangeHelpers(Structure):
    """Constructors shared by integer and continuous ranges, one per scaling type."""

    __slots__ = ()

    @classmethod
    def linear(cls: type[T], name: str, low: Bound, high: Bound) -> T:
        """Linear scaling: ``IntegerParameterRange.linear("max_depth", 3, 10)``."""
        return _range(cls, name, low, high, "Linear")

    @classmethod
    def log(cls: type[T], name: str, low: Bound, high: Bound) -> T:
        """Logarithmic scaling, ``low`` above 0:
        ``ContinuousParameterRange.log("learning_rate", 1e-5, 1e-1)``."""
        return _range(cls, name, low, high, "Logarithmic")

    @classmethod
    def auto(cls: type[T], name: str, low: Bound, high: Bound) -> T:
        """SageMaker chooses the scaling."""
        return _range(cls, name, low, high, "Auto")


class IntegerRangeHelpers(_ScaledRangeHelpers):
    """Constructors of integer ranges by scaling type (``linear``, ``log``, ``auto``)."""

    __slots__ = ()


class ContinuousRangeHelpers(_ScaledRangeHelpers):
    """Constructors of continuous ranges by scaling type, ``reverse_log`` included."""

    __slots__ = ()

    @classmethod
    def reverse_log(cls: type[T], name: str, low: Bound, high: Bound) -> T:
        """Reverse logarithmic scaling, for values close to 1: ``0 <= low`` and ``high < 1``."""
        return _range(cls, name, low, high, "ReverseLogarithmic")


class CategoricalRangeHelpers(Structure):
    """A categorical range from its values."""

    __slots__ = ()

    @classmethod
    def of(cls: type[T], name: str, *values: Value) -> T:
        """``CategoricalParameterRange.of("booster", "gbtree", "dart")``."""
        fields: dict[str, Any] = {"name": name, "values": list(values)}
        return cls(**fields)


# -- members the structural check could not read -------------------------------------------------


class UnknownInput(Exception):
    """A rule touched a member that failed the structural check. ``location`` is where, when
    the member is one whose place is known to the rules (a document's placeholder), else
    None."""

    def __init__(self, location: tuple[str | int, ...] | None = None) -> None:
        super().__init__()
        self.location = location


class PartlyUnknown(UnknownInput):
    """A rule read what it could: its findings so far stand, and some items (a range, a
    definition) it could not judge because a member of theirs is unknown."""


class _Unknown:
    """A member that is present but unreadable (it failed the structural check, or a required
    member is missing). Anything but ``is None`` raises :class:`UnknownInput`."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise UnknownInput(self.location if isinstance(self, UnknownAt) else None)

    __bool__ = __len__ = __iter__ = __contains__ = __getitem__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __hash__ = __str__ = __format__ = __int__ = __float__ = __index__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse

    def __getattr__(self, name: str) -> NoReturn:
        raise UnknownInput(None)

    def __repr__(self) -> str:
        return "<unknown>"


class UnknownAt(_Unknown):
    """An unknown member whose place is known: a value a document supplies at run time, at
    ``location`` in the request. A rule that touches it raises :class:`UnknownInput` with that
    location, so the check can say which placeholder kept the rule from running."""

    __slots__ = ("location",)

    def __init__(self, location: tuple[str | int, ...]) -> None:
        self.location = location

    def __getattr__(self, name: str) -> NoReturn:
        raise UnknownInput(self.location)

    def __repr__(self) -> str:
        return f"<unknown at {self.location!r}>"


def is_unknown(value: object) -> bool:
    """Whether ``value`` stands for an unknown member (:data:`UNKNOWN` or an :class:`UnknownAt`)."""
    return isinstance(value, _Unknown)


def unknown_input(*values: object, partly: bool = False) -> UnknownInput:
    """The exception for a rule that cannot use ``values``: located at the first of them that
    is an :class:`UnknownAt`; a :class:`PartlyUnknown` with ``partly``."""
    kind = PartlyUnknown if partly else UnknownInput
    for value in values:
        if isinstance(value, UnknownAt):
            return kind(value.location)
    return kind(None)


UNKNOWN: Any = _Unknown()
