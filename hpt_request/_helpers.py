"""Hand-written helpers mixed into the generated model classes.

Every generated class derives from :class:`Structure`, which gives it ``==`` and ``repr()``
exactly as attrs would write them (attrs is told ``eq=False, repr=False``): one shared pair of
methods instead of a pair of generated, compiled methods per class, which cost about a quarter
of the time the model took to import.

The generator (``generator/emit_model.py``, table ``HELPERS``) also makes these classes bases of
a few generated ones, so the model keeps exactly the spec's fields and gains only these methods:

- ``IntegerParameterRange.linear/log/auto`` and ``ContinuousParameterRange.linear/log/
  reverse_log/auto``: a range with its scaling type in one call,
  ``ContinuousParameterRange.log("learning_rate", 1e-5, 1e-1)``;
- ``CategoricalParameterRange.of("booster", "gbtree", "dart")``;
- on ``CreateHyperParameterTuningJobRequest``: ``validate()``, ``to_wire()``, ``to_json()``,
  ``to_boto3_kwargs()``, ``summary()``, ``worst_case()`` and ``_repr_html_()`` for notebooks.

This module sits at the bottom of the package with the model: it imports nothing of the package
at run time. The request's methods call functions that the modules above provide when they are
imported (:func:`provide`: ``validate`` and ``to_wire`` from :mod:`hpt_request.wire`,
``to_json`` from :mod:`hpt_request.jsontext`, ``worst_case`` from :mod:`hpt_request.summary`,
``summary`` and ``request_html`` from :mod:`hpt_request.display`); ``hpt_request/__init__.py``
names those modules (:func:`provide_later`) and the first call imports the one it needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from hpt_request.display import Summary
    from hpt_request.errors import Problem
    from hpt_request.model import CreateHyperParameterTuningJobRequest
    from hpt_request.summary import WorstCase

T = TypeVar("T")
Bound = int | float | Decimal | str
Value = str | int | float | Decimal | bool

_PROVIDED: dict[str, Callable[..., Any]] = {}
_LATER: dict[str, str] = {}


def provide(**functions: Callable[..., Any]) -> None:
    """Called by the modules above the model with the functions the request's methods use."""
    _PROVIDED.update(functions)


def provide_later(**modules: str) -> None:
    """Name the module (imported on first use) that provides each function: for functions only
    notebooks need, so that importing the package does not import them."""
    _LATER.update(modules)


def _provided(name: str) -> Callable[..., Any]:
    if name not in _PROVIDED and name in _LATER:
        import importlib

        importlib.import_module(_LATER[name])  # the module calls provide() when imported
    try:
        return _PROVIDED[name]
    except KeyError:  # only if a module above was never imported, which the package prevents
        raise RuntimeError(f"{name} is not available: import hpt_request first") from None


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


class RequestHelpers(Structure):
    """Conveniences on the request: checking, writing, summarising."""

    __slots__ = ()

    def validate(
        self,
        *,
        rules: bool = True,
        strict: bool = False,
        parents: Iterable[Mapping[str, Any]] | None = None,
    ) -> list[Problem]:
        """Every problem of this request (see :func:`hpt_request.validate`)."""
        found: list[Problem] = _provided("validate")(
            self, rules=rules, strict=strict, parents=parents
        )
        return found

    def to_wire(self) -> dict[str, Any]:
        """The wire dict (see :func:`hpt_request.to_wire`)."""
        wire: dict[str, Any] = _provided("to_wire")(self)
        return wire

    def to_json(self, *, indent: int | None = None) -> str:
        """The wire JSON text (see :func:`hpt_request.to_json`)."""
        text: str = _provided("to_json")(self, indent=indent)
        return text

    def to_boto3_kwargs(self) -> dict[str, Any]:
        """Exactly what ``client.create_hyper_parameter_tuning_job(**kwargs)`` takes."""
        return self.to_wire()

    def worst_case(self) -> WorstCase:
        """The most the request allows: jobs x instances x runtime, per instance type."""
        found: WorstCase = _provided("worst_case")(
            cast("CreateHyperParameterTuningJobRequest", self)
        )
        return found

    def summary(self) -> Summary:
        """The summary: strategy, objective, search space, budget and worst case. It is a
        ``str`` of plain text that a notebook shows as a table (see
        :class:`hpt_request.display.Summary`)."""
        found: Summary = _provided("summary")(cast("CreateHyperParameterTuningJobRequest", self))
        return found

    def _repr_html_(self) -> str:
        """The request in a notebook: a verdict, the summary, every problem next to what it
        concerns (see :func:`hpt_request.display.request_html`)."""
        text: str = _provided("request_html")(cast("CreateHyperParameterTuningJobRequest", self))
        return text
