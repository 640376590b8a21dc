"""The two directions, composed in one place.

- objects -> wire: :func:`to_wire` unstructures with the strict converter, then checks the result
  against the same JSON Schema that checks what we read (unless the object is one that
  :func:`from_wire` read from data that passed it, unchanged since);
- wire -> objects: :func:`from_wire` checks the data against the schema and reads it into model
  objects in one pass (:mod:`hpt_request.reading`; the schema engines and the strict converter
  take over for input that is not plain JSON data), then (for a request) runs the cross-field
  rules. The rules run even when the structure is wrong: on a request with structural problems
  they read what could be read (the readers' partial objects, or :mod:`hpt_request.partial`),
  so one pass reports both kinds of problem;
- :func:`validate` runs the same steps and returns the problems instead of raising.

A DescribeHyperParameterTuningJob response given where a request is expected is one
``describe-response`` problem pointing at :func:`~hpt_request.from_describe`, not one
``additionalProperties`` problem per response-only member.

``to_wire`` and ``from_wire`` raise nothing but
:class:`~hpt_request.errors.RequestValidationError`, whatever the input; ``validate`` never
raises.
"""

from __future__ import annotations

import enum
import functools
import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ParamSpec, TypeVar, overload

import attrs

from hpt_request import _helpers, model, newer, reading, schema
from hpt_request.converter import make_converter
from hpt_request.errors import Problem, RequestValidationError, ordered
from hpt_request.messages import describe_response
from hpt_request.partial import readable
from hpt_request.reading import Reading
from hpt_request.rules import UNKNOWN
from hpt_request.rules import run as run_rules
from hpt_request.settings import RuleSettings

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")
Request = model.CreateHyperParameterTuningJobRequest

_CONVERTER = make_converter()
_STRUCTURES = frozenset(model.STRUCTURES)


def _unreadable(exc: Exception) -> Problem:
    return Problem(
        path="",
        code="unreadable",
        message=f"the input could not be checked ({type(exc).__name__}: {exc})",
    )


def _never_crash(function: Callable[P, R]) -> Callable[P, R]:
    """Turn an unexpected exception into a problem: callers only ever see
    ``RequestValidationError``."""

    @functools.wraps(function)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except RequestValidationError:
            raise
        except Exception as exc:  # a defect of ours or an input nothing anticipated
            raise RequestValidationError([_unreadable(exc)]) from exc

    return guarded


def _not_a_model(value: object) -> Problem:
    return Problem(
        path="",
        code="type",
        message=(
            "expected a model object such as CreateHyperParameterTuningJobRequest, "
            f"not {type(value).__name__}"
        ),
    )


def _lenient(value: Any, depth: int = schema.MAX_DEPTH, seen: dict[int, Any] | None = None) -> Any:
    """A best-effort wire form of anything, for the schema to explain what is wrong with it.

    Each container or model object is converted once: an object shared between several places
    stays shared in the result (so the work is linear in the objects, however often they are
    referred to), a cycle is cut where it closes, and containers nested deeper than any request
    are cut off."""
    if depth <= 0:
        return None
    if not isinstance(value, list | tuple | Mapping) and type(value) not in _STRUCTURES:
        return value.value if isinstance(value, enum.Enum) else value
    seen = {} if seen is None else seen
    key = id(value)
    if key in seen:
        return seen[key]  # shared: the converted object; in progress (a cycle): None
    seen[key] = None
    result: Any
    if type(value) in _STRUCTURES:
        result = {
            field.metadata["wire"]: _lenient(getattr(value, field.name), depth - 1, seen)
            for field in attrs.fields(type(value))
            if getattr(value, field.name) is not None
        }
    elif isinstance(value, list | tuple):
        result = [_lenient(item, depth - 1, seen) for item in value]
    else:
        result = {k: _lenient(item, depth - 1, seen) for k, item in value.items()}
    seen[key] = result
    return result


# The wire data each object that from_wire returned was read from, as a private copy taken when
# it passed the schema, by id(object), for as long as the object lives.
_VERIFIED: dict[int, tuple[weakref.ref[Any], Any]] = {}


def _remember(obj: object, copy: object) -> None:
    """Keep ``copy``, a private deep copy of the data that ``obj`` was read from, made when it
    passed the schema."""
    key = id(obj)
    _VERIFIED[key] = (weakref.ref(obj, lambda _: _VERIFIED.pop(key, None)), copy)


def _verified(obj: object, data: object) -> bool:
    """Whether ``data``, the unstructured ``obj``, equals what ``obj`` was read from when it
    passed the schema. Values of the same JSON type compare as the schema would see them; the
    only values of different types that compare equal are numbers and booleans, and the model's
    strict hooks and validators keep those in their own fields (an integer member cannot
    unstructure to ``True`` or ``5.0``)."""
    entry = _VERIFIED.get(id(obj))
    return entry is not None and entry[0]() is obj and bool(entry[1] == data)


# The converter's unstructure function of each model class, looked up once.
_WRITERS: dict[type, Callable[[Any], Any]] = {}


def _writer(cls: type) -> Callable[[Any], Any]:
    found = _WRITERS.get(cls)
    if found is None:
        found = _WRITERS[cls] = _CONVERTER.get_unstructure_hook(cls)
    return found


def _unstructure(obj: object) -> tuple[Any, list[Problem]]:
    cls = type(obj)
    if cls not in _STRUCTURES:
        return None, [_not_a_model(obj)]
    shape = cls.__name__
    try:
        data = _writer(cls)(obj)
    except Exception:  # a field holds a value its type does not allow
        data = _lenient(obj)
        return data, schema.reference_problems(data, shape)
    if _verified(obj, data):
        return data, []  # unchanged since it passed the schema
    return data, schema.check(data, shape)


def _structure(
    data: object, cls: type[T], keep: bool = False
) -> tuple[T | None, list[Problem], Reading | None]:
    """The object, the structural problems and, where the one-pass reader read the data, its
    reading (whose value holds what the rules can read of an invalid request; with ``keep``,
    a valid reading holds a private copy of the data too)."""
    if cls not in _STRUCTURES:
        problem = Problem(path="", code="type", message=f"{cls!r} is not a class of the model")
        return None, [problem], None
    shape = cls.__name__
    found = reading.read(data, shape, keep=keep)
    if found is not None:
        return (None if found.problems else found.value), found.problems, found
    if not schema.fast_verdict(data, shape):
        problems = schema.listed_problems(data, shape)
        if problems:
            return None, problems, None
    try:
        return _CONVERTER.structure(data, cls), [], None
    except Exception as exc:  # the strict hooks refused a scalar the schema allows (5.0)
        problems = schema.reference_problems(data, shape)
        fallback = Problem(path="", code="type", message=f"could not read {shape}: {exc}")
        return None, problems or [fallback], None


def _parents_by_name(
    parents: Iterable[Mapping[str, Any]] | None,
) -> tuple[dict[str, Mapping[str, Any]] | None, list[Problem]]:
    if parents is None:
        return None, []
    found: dict[str, Mapping[str, Any]] = {}
    problems = []
    items = list(parents.values()) if isinstance(parents, Mapping) else list(parents)
    for index, describe in enumerate(items):
        name = (
            describe.get("HyperParameterTuningJobName") if isinstance(describe, Mapping) else None
        )
        if isinstance(name, str):
            found[name.lower()] = describe  # job names are not case sensitive
        else:
            problems.append(
                Problem(
                    path="",
                    code="parents",
                    message=(
                        f"parents[{index}] is not a DescribeHyperParameterTuningJob response "
                        "(a JSON object with HyperParameterTuningJobName); it was ignored"
                    ),
                    severity="warning",
                )
            )
    return found, problems


def _lenient_structure(request: object, data: object, cls: type[Any]) -> Any:
    """The model object of a request whose only structural problems are warnings (values newer
    than the spec); None if the model cannot hold it (a member it does not have)."""
    if type(request) in _STRUCTURES:
        return request
    try:
        return _CONVERTER.structure(data, cls)
    except Exception:  # a member or value the pinned model has no place for
        return None


def _check(
    request: object,
    cls: type[Any],
    *,
    rules: bool,
    strict: bool,
    parents: Iterable[Mapping[str, Any]] | None,
    settings: RuleSettings | None = None,
    accept_newer: bool = False,
    service_model: Any = None,
    remember: bool = False,
) -> tuple[Any, list[Problem]]:
    """The whole check: structure (schema and model), then the rules, in one pass. With
    ``remember``, an object read from wire data that passed the schema keeps a private copy of
    that data, so that ``to_wire`` need not check it again while it is unchanged."""
    once: Reading | None = None
    if type(request) in _STRUCTURES:
        data, problems = _unstructure(request)
        obj = None if problems else request
    else:
        data = request
        described = describe_response(data) if cls is Request else None
        if described is not None:  # one problem, not one per response-only member
            return None, _strict([described], strict)
        obj, problems, once = _structure(request, cls, remember)
        if remember and once is not None and once.wire is not None and not problems:
            _remember(obj, once.wire)  # read by the readers, which copied it
    if problems:
        if accept_newer:
            problems = newer.against_installed(data, problems, service_model)
        problems = newer.instance_types(data, problems)
        if obj is None and not _blocking(problems):
            obj = _lenient_structure(request, data, cls)
    if rules and cls is Request:
        by_name, parent_problems = _parents_by_name(parents)
        if isinstance(obj, Request):
            found = run_rules(obj, parents=by_name, settings=settings)
        elif not problems or (type(request) in _STRUCTURES and not isinstance(request, Request)):
            found = []  # not a request: the rules have nothing to read
        else:
            if once is not None and problems == once.problems:  # compared by identity first
                unknown = once.unknown  # the reading's own problems, and their locations
            else:
                unknown = frozenset([problem.location for problem in problems])
            if once is not None and (unknown is once.unknown or unknown == once.unknown):
                # read in the same pass: UNKNOWN where the problems are
                partial = None if once.value is UNKNOWN else once.value
            else:
                partial, unknown = readable(data, problems)
            found = (
                run_rules(partial, parents=by_name, settings=settings, unknown=unknown)
                if partial is not None
                else []
            )
        problems = [*problems, *parent_problems, *found]
    return obj, _strict(ordered(problems), strict)


def _blocking(problems: list[Problem]) -> bool:
    """Whether any of ``problems`` blocks. A plain loop, not ``any()`` over a generator: the
    first problem usually blocks, and making the generator costs more than the loop here."""
    for problem in problems:  # noqa: SIM110 - see the docstring
        if problem.blocking:
            return True
    return False


def _strict(problems: list[Problem], strict: bool) -> list[Problem]:
    """With ``strict``, every problem blocks (its own ``severity`` kept)."""
    if strict:
        return [attrs.evolve(p, effective_severity="error") for p in problems]
    return problems


@_never_crash
def to_wire(obj: object) -> dict[str, Any]:
    """The wire dict of a model object: wire names, spec member order, ``None`` members omitted,
    falsy values kept. Raises :class:`RequestValidationError` if the result would not pass the
    schema. (Cross-field rules are :func:`validate`'s job.)

    An object that :func:`from_wire` returned and that has not changed since (compared with a
    private copy of the data it was read from) is not checked again: it passed the schema when
    it was read. Any change, however deep, makes the check run in full."""
    data, problems = _unstructure(obj)
    errors = [problem for problem in newer.instance_types(data, problems) if problem.blocking]
    if errors:
        raise RequestValidationError(errors)
    result: dict[str, Any] = data
    return result


@overload
def from_wire(
    data: object,
    *,
    rules: bool = ...,
    strict: bool = ...,
    parents: Iterable[Mapping[str, Any]] | None = ...,
    settings: RuleSettings | None = ...,
) -> Request: ...
@overload
def from_wire(
    data: object,
    cls: type[T],
    *,
    rules: bool = ...,
    strict: bool = ...,
    parents: Iterable[Mapping[str, Any]] | None = ...,
    settings: RuleSettings | None = ...,
) -> T: ...


@_never_crash
def from_wire(
    data: object,
    cls: type[Any] = Request,
    *,
    rules: bool = True,
    strict: bool = False,
    parents: Iterable[Mapping[str, Any]] | None = None,
    settings: RuleSettings | None = None,
) -> Any:
    """Read a wire dict (for example the parsed ``--cli-input-json`` file) into model objects.

    The data is checked against the schema first, then structured with strict scalars, then (for
    a request, unless ``rules=False``) checked by the cross-field rules. Raises
    :class:`RequestValidationError` carrying every problem found if any is an error (with
    ``strict=True``, if there is any problem at all); warnings alone do not block.
    ``settings`` (:class:`~hpt_request.settings.RuleSettings`) turns rules off, changes their
    severity and sets raised account quotas."""
    obj, problems = _check(
        data, cls, rules=rules, strict=strict, parents=parents, settings=settings, remember=True
    )
    if obj is None or _blocking(problems):
        raise RequestValidationError(problems)
    return obj


def validate(
    request: object,
    *,
    rules: bool = True,
    strict: bool = False,
    parents: Iterable[Mapping[str, Any]] | None = None,
    cls: type[Any] = Request,
    settings: RuleSettings | None = None,
    accept_newer: bool = False,
) -> list[Problem]:
    """Every problem of a model object or a wire dict, sorted by path (list indexes as numbers).

    - ``rules=False`` limits the check to structure (schema and model); ``rules=True`` adds the
      cross-field rules of :mod:`hpt_request.rules`. Rules run on whatever is structurally
      valid: a rule whose inputs failed the structural check is skipped, the others report.
    - ``strict=True`` makes every problem blocking: ``effective_severity`` is ``"error"`` while
      ``severity`` keeps the check's own verdict.
    - ``settings`` (:class:`~hpt_request.settings.RuleSettings`) disables rules, overrides their
      severity and sets the account's raised quotas.
    - ``accept_newer=True`` compares what the pinned spec refuses with the installed botocore's
      model: a member, enum value or looser constraint that model has is a ``newer-than-spec``
      warning, not an error (:mod:`hpt_request.newer`). ``guard`` and ``submit`` do this.
    - ``parents`` takes the parent jobs' DescribeHyperParameterTuningJob responses (wire dicts)
      and enables the warm-start checks against them; without it those checks are skipped.
    - ``cls`` names the model class a wire dict is read as (the request by default)."""
    try:
        _, problems = _check(
            request,
            cls,
            rules=rules,
            strict=strict,
            parents=parents,
            settings=settings,
            accept_newer=accept_newer,
        )
    except Exception as exc:  # a defect of ours or an input nothing anticipated
        problems = [_unreadable(exc)]
    return problems


# The request's methods (``request.validate()``, ...) call these.
_helpers.provide(validate=validate, to_wire=to_wire)
