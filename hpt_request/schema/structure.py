"""The structural stage: a model object or wire data in, its structural verdict out.

- :func:`written` unstructures a model object with the strict converter and checks the result
  against the packaged schema (unless the object is one that :func:`judged` read, with
  ``remember``, from data that passed it, unchanged since);
- :func:`judged` gives the whole structural verdict of a model object or of wire data, as one
  :class:`Verdict`: the model object (None where there are errors), the wire data, the
  structural problems (softened where a newer botocore knows better, :mod:`.newer`) and the
  reading, which holds what the rules can read of an invalid request. Wire data is checked and
  read in one pass (:mod:`.reading`); the schema engines and the strict converter take over for
  input that is not plain JSON data.

A DescribeHyperParameterTuningJob response given where a request is expected is one
``describe-response`` problem pointing at :func:`~hpt_request.from_describe`, not one
``additionalProperties`` problem per response-only member.
"""

from __future__ import annotations

import enum
import typing
import weakref
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import attrs

from hpt_request import model
from hpt_request.model.converter import make_converter
from hpt_request.model.errors import Problem, Step, ordered
from hpt_request.model.values import plain_json
from hpt_request.schema import engines, newer, reading
from hpt_request.schema.messages import create_response, describe_response
from hpt_request.schema.reading import Reading

REQUEST = model.CreateHyperParameterTuningJobRequest
STRUCTURES = frozenset(model.STRUCTURES)
_CONVERTER = make_converter()


class Verdict(NamedTuple):
    """What the structural stage found (a named tuple: one is made per check)."""

    obj: Any  # the model object; None where the problems hold an error
    data: Any  # the wire data that was checked
    problems: list[Problem]
    reading: Reading | None  # the one-pass reading, where the readers read the data
    # False for a Describe response given as a request: its one problem says it all.
    for_rules: bool = True


def _not_a_model(value: object) -> Problem:
    return Problem(
        path="",
        code="type",
        message=(
            "expected a model object such as CreateHyperParameterTuningJobRequest, "
            f"not {type(value).__name__}"
        ),
    )


def _lenient(value: Any, depth: int = engines.MAX_DEPTH, seen: dict[int, Any] | None = None) -> Any:
    """A best-effort wire form of anything, for the schema to explain what is wrong with it.

    Each container or model object is converted once: an object shared between several places
    stays shared in the result (so the work is linear in the objects, however often they are
    referred to), a cycle is cut where it closes, and containers nested deeper than any request
    are cut off."""
    if depth <= 0:
        return None
    if not isinstance(value, list | tuple | Mapping) and type(value) not in STRUCTURES:
        return value.value if isinstance(value, enum.Enum) else value
    seen = {} if seen is None else seen
    key = id(value)
    if key in seen:
        return seen[key]  # shared: the converted object; in progress (a cycle): None
    seen[key] = None
    result: Any
    if type(value) in STRUCTURES:
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


# The wire data each object that judged(remember=True) returned was read from, as a private copy
# taken when it passed the schema, by id(object), for as long as the object lives.
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


# For each model class: (field name, wire name, the model class it holds or holds a list of,
# whether a list) of each member that holds model objects.
_NESTED: dict[type, tuple[tuple[str, str, type, bool], ...]] = {}


def _nested_members(cls: type) -> tuple[tuple[str, str, type, bool], ...]:
    found = _NESTED.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        members = []
        for field in attrs.fields(cls):
            held = [arg for arg in typing.get_args(hints[field.name]) if arg is not type(None)]
            held = held or [hints[field.name]]
            for kind in held:
                is_list = typing.get_origin(kind) is list
                item = typing.get_args(kind)[0] if is_list else kind
                if item in STRUCTURES:
                    members.append((field.name, field.metadata["wire"], item, is_list))
        found = _NESTED[cls] = tuple(members)
    return found


def _misplaced(value: object, cls: type, at: tuple[Step, ...], found: list[Any]) -> None:
    """Append (location, the class that belongs there, the value) for each member of ``value``
    (a ``cls``), however deep, that holds a dict or another model class's object where the
    model holds a ``cls`` object; each object is looked at once, to the schema's depth."""
    stack: list[tuple[object, type, tuple[Step, ...]]] = [(value, cls, at)]
    seen: set[int] = set()
    while stack:
        obj, kind, where = stack.pop()
        if id(obj) in seen or len(where) > engines.MAX_DEPTH:
            continue
        seen.add(id(obj))
        for name, wire, held, is_list in _nested_members(kind):
            member = getattr(obj, name, None)
            items = enumerate(member) if is_list and isinstance(member, list | tuple) else ()
            places = [((*where, wire, index), item) for index, item in items]
            if not is_list:
                places = [((*where, wire), member)]
            for place, item in places:
                if isinstance(item, held):
                    stack.append((item, held, place))
                elif isinstance(item, Mapping) or type(item) in STRUCTURES:
                    found.append((place, held, item))


def _wrong_object(location: tuple[Step, ...], held: type, value: object, shape: str) -> Problem:
    path = engines.path_of(location, shape)
    given = "a dict" if isinstance(value, Mapping) else f"a {type(value).__name__} object"
    hint = (
        f" (from_wire(data, {held.__name__}) reads a wire dict into one)"
        if isinstance(value, Mapping)
        else ""
    )
    return Problem(
        path=path,
        code="type",
        message=f"{path} must be a {held.__name__} object, not {given}{hint}",
        location=location,
    )


def _wrong_objects(obj: object, shape: str) -> list[Problem]:
    """A type problem for each member of a model object that holds a dict or another model
    class's object where the model holds a structure: their wire form may well pass the schema,
    but the model, and the rules reading it, hold objects of the member's class only."""
    found: list[Any] = []
    _misplaced(obj, type(obj), (), found)
    return [_wrong_object(location, held, value, shape) for location, held, value in found]


def _unstructure(obj: object) -> tuple[Any, list[Problem]]:
    cls = type(obj)
    if cls not in STRUCTURES:
        return None, [_not_a_model(obj)]
    shape = cls.__name__
    try:
        data = _writer(cls)(obj)
    except Exception:  # a field holds a value its type does not allow
        data = _lenient(obj)
        wrong = _wrong_objects(obj, shape)
        found = engines.reference_problems(data, shape)
        return data, ordered([*wrong, *found]) if wrong else found
    if _verified(obj, data):
        return data, []  # unchanged since it passed the schema
    return data, engines.check(data, shape)


def written(obj: object) -> tuple[Any, list[Problem]]:
    """The wire data of a model object and its structural problems (instance types newer than
    the spec as warnings)."""
    data, problems = _unstructure(obj)
    return data, newer.instance_types(data, problems) if problems else problems


def _structure(
    data: object, cls: type[Any], keep: bool
) -> tuple[Any, list[Problem], Reading | None]:
    """The object, the structural problems and, where the one-pass reader read the data, its
    reading (whose value holds what the rules can read of an invalid request; with ``keep``,
    a valid reading holds a private copy of the data too)."""
    if cls not in STRUCTURES:
        problem = Problem(path="", code="type", message=f"{cls!r} is not a class of the model")
        return None, [problem], None
    shape = cls.__name__
    found = reading.read(data, shape, keep=keep)
    if found is not None:
        return (None if found.problems else found.value), found.problems, found
    plain = plain_json(data)
    if plain is not data:  # Python values botocore takes for JSON ones: read as it writes them
        return _structure(plain, cls, keep)
    if not engines.fast_verdict(data, shape):
        problems = engines.listed_problems(data, shape)
        if problems:
            return None, problems, None
    try:
        return _CONVERTER.structure(data, cls), [], None
    except Exception as exc:  # the strict hooks refused a scalar the schema allows (5.0)
        problems = engines.reference_problems(data, shape)
        fallback = Problem(path="", code="type", message=f"could not read {shape}: {exc}")
        return None, problems or [fallback], None


def _lenient_structure(value: object, data: object, cls: type[Any]) -> Any:
    """The model object of a value whose only structural problems are warnings (values newer
    than the spec); None if the model cannot hold it (a member it does not have)."""
    if type(value) in STRUCTURES:
        return value
    try:
        return _CONVERTER.structure(data, cls)
    except Exception:  # a member or value the pinned model has no place for
        return None


def blocking(problems: list[Problem]) -> bool:
    """Whether any of ``problems`` blocks. A plain loop, not ``any()`` over a generator: the
    first problem usually blocks, and making the generator costs more than the loop here."""
    for problem in problems:  # noqa: SIM110 - see the docstring
        if problem.blocking:
            return True
    return False


def judged(
    value: object,
    cls: type[Any],
    *,
    remember: bool = False,
    accept_newer: bool = False,
    service_model: Any = None,
) -> Verdict:
    """The structural verdict of ``value``, a model object or the wire data of ``cls``.

    With ``remember``, an object read from wire data that passed the schema keeps a private copy
    of that data, so that :func:`written` need not check it again while it is unchanged. With
    ``accept_newer``, what the installed botocore's model (``service_model``, by default the
    installed one) accepts is a ``newer-than-spec`` warning instead of an error."""
    once: Reading | None = None
    if type(value) in STRUCTURES:
        data, problems = _unstructure(value)
        obj = None if problems else value
    else:
        data = value
        described = (describe_response(data) or create_response(data)) if cls is REQUEST else None
        if described is not None:  # one problem, not one per response-only member
            return Verdict(None, data, [described], None, for_rules=False)
        obj, problems, once = _structure(value, cls, remember)
        if remember and once is not None and once.wire is not None and not problems:
            _remember(obj, once.wire)  # read by the readers, which copied it
    if problems:
        problems = engines.one_per_mistake(data, problems, cls.__name__)
        if accept_newer:
            problems = newer.against_installed(data, problems, service_model)
        problems = newer.instance_types(data, problems)
        if obj is None and not blocking(problems):
            obj = _lenient_structure(value, data, cls)
    return Verdict(obj, data, problems, once)
