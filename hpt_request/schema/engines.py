"""The packaged JSON Schemas, loaded once, and the structural problems they find, by wire path.

Most wire data never reaches these engines: the readers generated from the same schemas
(:mod:`hpt_request.schema.reading`) check plain JSON data and read it in one pass, and explain what
they find with :func:`problems_of`, which is how the reference engine's errors are explained
too. The engines check what the readers leave (input that is not plain JSON data) and what
``to_wire`` writes from objects built in Python.

Two engines read the same schema files:

- jsonschema-rs (Rust) gives the fast verdict. Valid input costs a few microseconds and nothing
  else runs.
- The ``jsonschema`` package is the reference. It explains invalid input: every problem, with
  its wire path. It runs with the wire format's strict types, which JSON Schema alone cannot
  say: an integer is an ``int`` (``5.0`` and ``True`` are not), a number is finite, and a string
  is valid Unicode (no lone surrogates). The reference engine is imported only when needed.

When the fast engine rejects plain JSON data of a bounded size, it also lists the problems
(:func:`listed_problems`): each error it yields, with its instance path and keyword, becomes the
same :class:`~hpt_request.model.errors.Problem` the reference engine would give (same path, code and
message, made by the same functions). The fast engine checks the strict integers itself through a
keyword of ours (``5.0`` is refused; a non-finite number reads as ``null``, which no type
accepts). Anything else goes to the reference engine: input that is not plain JSON data (tuples,
sets, non-string keys, lone surrogates, integers too long to print), input larger than the
bounds below, and any error the listing does not know how to read. The agreement tests check
that both listings give the same problems.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from json.encoder import encode_basestring as _json_string
from typing import TYPE_CHECKING, Any, cast

from hpt_request import model
from hpt_request.model.errors import Problem, Step, new_problem, ordered, render_path, step_text
from hpt_request.model.values import LongInt
from hpt_request.schema.messages import instance_type_hint, pattern_in_words

if TYPE_CHECKING:
    import jsonschema

REQUEST_SCHEMA = "CreateHyperParameterTuningJobRequest.schema.json"
RESPONSE_SCHEMA = "CreateHyperParameterTuningJobResponse.schema.json"
SCHEMA_FILES = (REQUEST_SCHEMA, RESPONSE_SCHEMA)
SHOWN_CHOICES = 8


def schema_text(file_name: str) -> str:
    """The text of a packaged schema file."""
    from hpt_request.model import packaged as _data

    return _data.read_text("schemas", file_name)


@functools.cache
def document(file_name: str) -> Mapping[str, Any]:
    loaded: Mapping[str, Any] = json.loads(schema_text(file_name))
    return loaded


@functools.cache
def _definitions(shape: str) -> Mapping[str, Any]:
    for file_name in SCHEMA_FILES:
        definitions: Mapping[str, Any] = document(file_name)["definitions"]
        if shape in definitions:
            return definitions
    raise KeyError(shape)


def _root(shape: str) -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$ref": f"#/definitions/{shape}",
        "definitions": _definitions(shape),
    }


# A keyword of ours, added to every integer node of the fast engine's copy of the schema.
STRICT_INTEGER = "x-hpt-strict-integer"


class _StrictInteger:
    """The fast engine's keyword for the wire's integers: ``5.0`` is not one (JSON Schema says
    it is). ``True``, other non-integers and non-finite numbers already fail ``type``."""

    def __init__(self, parent: object, value: object, path: object) -> None:
        pass

    def validate(self, instance: object) -> None:
        if type(instance) is float:
            raise ValueError(f"{instance!r} is not an integer on the wire")


def _with_strict_integers(node: Any) -> Any:
    """A copy of a schema node with :data:`STRICT_INTEGER` beside every ``"type": "integer"``."""
    if isinstance(node, dict):
        copied = {key: _with_strict_integers(value) for key, value in node.items()}
        if copied.get("type") == "integer":
            copied[STRICT_INTEGER] = True
        return copied
    if isinstance(node, list):
        return [_with_strict_integers(item) for item in node]
    return node


@functools.cache
def _fast_validator(shape: str) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # no wheel for this platform: the reference engine does everything
        return None
    return jsonschema_rs.Draft7Validator(
        _with_strict_integers(_root(shape)), keywords={STRICT_INTEGER: _StrictInteger}
    )


def fast_verdict(instance: object, shape: str) -> bool | None:
    """True or False from the fast engine; None when it cannot say (not installed, or the input
    holds something it cannot read, such as a lone surrogate)."""
    validator = _fast_validator(shape)
    if validator is None:
        return None
    try:
        return bool(validator.is_valid(instance))
    except Exception:
        return None


def _is_integer(_checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(_checker: object, instance: object) -> bool:
    if isinstance(instance, bool):
        return False
    if isinstance(instance, float):
        return math.isfinite(instance)
    return isinstance(instance, int)


def _is_string(_checker: object, instance: object) -> bool:
    if not isinstance(instance, str):
        return False
    try:
        instance.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@functools.cache
def _reference_class() -> type[jsonschema.protocols.Validator]:
    from jsonschema import Draft7Validator, validators

    checker = Draft7Validator.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "number": _is_number, "string": _is_string}
    )
    extend: Any = validators.extend  # untyped in the jsonschema stubs
    strict: type[jsonschema.protocols.Validator] = extend(Draft7Validator, type_checker=checker)
    return strict


@functools.cache
def _reference_validator(shape: str) -> jsonschema.protocols.Validator:
    return _reference_class()(_root(shape))


def check(instance: object, shape: str) -> list[Problem]:
    """Every structural problem of ``instance`` as the wire form of spec shape ``shape``."""
    if fast_verdict(instance, shape):
        return []
    return listed_problems(instance, shape)


# Deeper than any valid request (about eight containers deep): the reference engine renders
# offending values with repr(), which recursion would break on hostile input.
MAX_DEPTH = 32
# Longer than any list or map the spec allows (the largest maximum is 100): entries beyond this
# are not examined one by one, the size problem is reported all the same (with the true size).
MAX_ENTRIES = 1000
# More values (containers and scalars, each shared reference counted at every place it is used)
# than any valid request holds: the schema's maxima allow 34,532 at most. Beyond this the input
# is refused as a whole, so that explaining it stays linear in the input as written.
MAX_NODES = 100_000
# Integers longer than this many bits are rendered by their number of digits: Python refuses
# to turn an integer of more than 4,300 digits into text.
_LONG_INTEGER_BITS = 256


class _TooLarge(Exception):
    """The bounded copy ran out of its budget of values."""


class _CutList(list[Any]):
    """A list cut to ``MAX_ENTRIES`` items that remembers its true length."""

    size = 0


class _CutDict(dict[Any, Any]):
    """A map cut to ``MAX_ENTRIES`` entries that remembers its true size."""

    size = 0


def integer_text(value: int) -> str:
    """``value`` in decimal, or ``an integer of about N digits`` when it is too long to print
    (Python refuses to turn an integer of more than 4,300 digits into text)."""
    if isinstance(value, LongInt):
        return repr(value)
    if value.bit_length() > _LONG_INTEGER_BITS:
        return repr(LongInt(value))
    return str(value)


def _size(value: Sized) -> int:
    """The true size of a list or map, even when cut."""
    return value.size if isinstance(value, _CutList | _CutDict) else len(value)


class _Budget:
    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


def _bounded(value: object, budget: _Budget, depth: int = MAX_DEPTH) -> object:
    """``value`` with containers below ``depth`` emptied and cut to ``MAX_ENTRIES``, and long
    integers made printable: the same verdict (no schema reaches that deep or allows that many),
    safe and quick to explain. Raises :class:`_TooLarge` past ``budget`` values, so that shared
    references (YAML aliases) cannot make the copy exponential."""
    budget.left -= 1
    if budget.left < 0:
        raise _TooLarge
    if isinstance(value, dict):
        if depth <= 0:
            return {}
        entries = itertools.islice(value.items(), MAX_ENTRIES)
        copied = {_scalar(key): _bounded(item, budget, depth - 1) for key, item in entries}
        if len(value) <= MAX_ENTRIES:
            return copied
        cut_map = _CutDict(copied)
        cut_map.size = len(value)
        return cut_map
    if isinstance(value, list):
        if depth <= 0:
            return []
        copied_items = [_bounded(item, budget, depth - 1) for item in value[:MAX_ENTRIES]]
        if len(value) <= MAX_ENTRIES:
            return copied_items
        cut_list = _CutList(copied_items)
        cut_list.size = len(value)
        return cut_list
    return _scalar(value)


def _scalar(value: object) -> object:
    if type(value) is int and value.bit_length() > _LONG_INTEGER_BITS:
        return LongInt(value)
    return value


def _too_large() -> Problem:
    return Problem(
        path="",
        code="too-large",
        message=(
            f"The request holds more than {MAX_NODES:,} values (a shared reference or YAML alias "
            "counts at every place it is used); no valid request holds that many, so nothing "
            "else was checked"
        ),
    )


def reference_problems(instance: object, shape: str) -> list[Problem]:
    """The reference engine's problems, without consulting the fast engine."""
    definitions = _definitions(shape)
    found: list[Problem] = []
    try:
        # The request itself, and at most MAX_NODES values in it (as _plain and the readers count).
        bounded: Any = _bounded(instance, _Budget(MAX_NODES + 1))
    except _TooLarge:
        return [_too_large()]
    for error in _reference_validator(shape).iter_errors(bounded):
        found.extend(_problems(error, definitions, shape))
    return ordered(found)


# -- turning engine errors into problems ---------------------------------------------------------


def _deref(node: Mapping[str, Any] | None, definitions: Mapping[str, Any]) -> Any:
    while node is not None and "$ref" in node:
        node = definitions.get(node["$ref"].rsplit("/", 1)[-1])
    return node


def _map_key_flags(steps: Sequence[Step], shape: str, definitions: Mapping[str, Any]) -> list[bool]:
    """For each step, whether it is a key of a map (rendered ``["key"]``) rather than a member."""
    flags: list[bool] = []
    node: Any = definitions.get(shape)
    for step in steps:
        is_key = False
        if node is None:
            pass
        elif isinstance(step, int):
            node = _deref(node.get("items"), definitions)
        elif "properties" in node:
            node = _deref(node["properties"].get(step), definitions)
        elif "propertyNames" in node:
            is_key = True
            node = _deref(node.get("additionalProperties"), definitions)
        else:
            node = None
        flags.append(is_key)
    return flags


def path_of(location: Sequence[Step], shape: str = "CreateHyperParameterTuningJobRequest") -> str:
    """The wire path of ``location`` inside spec shape ``shape`` (map keys quoted)."""
    return _Located(location, shape).path


def spelled_path(
    location: Sequence[Step],
    spelled: Sequence[Step],
    shape: str = "CreateHyperParameterTuningJobRequest",
) -> str:
    """The path of ``location`` inside spec shape ``shape`` written with the names of
    ``spelled``, its spelling in a document that names members its own way (a Kubernetes
    manifest, a state machine's ``Name.$`` keys): map keys quoted where the wire's are."""
    flags = _map_key_flags(location, shape, _definitions(shape))
    return render_path(spelled, flags)


@functools.lru_cache(maxsize=4096)
def _templates(pattern: tuple[Step, ...], shape: str) -> tuple[str, str, int]:
    """The path and the subject of a location, its list indexes written as 0, as
    ``str.format`` templates with a ``{}`` for each list index, and how many indexes come
    before the subject (which starts at the last member name). All of it depends on the schema
    and the names in the location only, so it is worked out once per such pattern."""
    flags = _map_key_flags(pattern, shape, _definitions(shape))
    members = [i for i, step in enumerate(pattern) if isinstance(step, str) and not flags[i]]
    start = members[-1] if members else 0
    parts = [
        "[{}]" if isinstance(step, int) else _escaped(step_text(step, is_key, first=False))
        for step, is_key in zip(pattern, flags, strict=True)
    ]
    path = "".join(parts).removeprefix(".")
    subject = "".join(parts[start:]).removeprefix(".")
    return path, subject, sum(isinstance(step, int) for step in pattern[:start])


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _templates_of(pattern: tuple[Step, ...], shape: str) -> tuple[str, str, int]:
    """:func:`_templates`, where a location ends at a key of a map (a static hyperparameter's
    name, an environment variable's) made from the map's own templates, which are remembered:
    the same as working it out afresh, without a walk of the schema for each new key."""
    if pattern:
        key = pattern[-1]
        if type(key) is str and _holds_keys(pattern[:-1], shape):
            path, subject, before = _templates(pattern[:-1], shape)
            part = _escaped(step_text(key, True, first=False))
            return path + part, subject + part, before
    return _templates(pattern, shape)


@functools.lru_cache(maxsize=1024)
def _holds_keys(pattern: tuple[Step, ...], shape: str) -> bool:
    """Whether a text step after ``pattern`` is a map key (what :func:`_map_key_flags` finds
    for it): the definition reached there has no properties but property names."""
    definitions = _definitions(shape)
    node: Any = definitions.get(shape)
    for step in pattern:
        if node is None:
            return False
        if isinstance(step, int):
            node = _deref(node.get("items"), definitions)
        elif "properties" in node:
            node = _deref(node["properties"].get(step), definitions)
        elif "propertyNames" in node:
            node = _deref(node.get("additionalProperties"), definitions)
        else:
            node = None
    return node is not None and "properties" not in node and "propertyNames" in node


# How many locations of the readers' errors keep their rendered path and subject (per shape
# read), and the longest path kept (a hostile key may be long; it is rendered afresh each time).
REMEMBERED_PLACES = 4096
REMEMBERED_PATH = 400
# By shape, then by location.
_PLACES: dict[str, dict[tuple[Step, ...], tuple[str, str]]] = {}


def _places(shape: str) -> dict[tuple[Step, ...], tuple[str, str]]:
    """The places remembered in ``shape``."""
    found = _PLACES.get(shape)
    if found is None:
        found = _PLACES[shape] = {}
    return found


def _place(steps: tuple[Step, ...], shape: str) -> tuple[str, str]:
    """:func:`_render_place`, remembered: the same places (the third tag's value) recur across
    problems and requests. Only for locations made of ``str`` and ``int`` (never ``bool``)
    steps, as the readers give them: ``True`` equals ``1`` as a key, but renders differently."""
    places = _places(shape)
    found = places.get(steps)
    if found is None:
        found = _render_place(steps, shape)
        if len(found[0]) <= REMEMBERED_PATH:
            if len(places) >= REMEMBERED_PLACES:
                places.clear()
            places[steps] = found
    return found


def _render_place(steps: tuple[Step, ...], shape: str) -> tuple[str, str]:
    """The rendered path of a location and the subject of messages about it, from the
    templates of its pattern."""
    indexes = [step for step in steps if isinstance(step, int)]
    if not indexes:
        path, subject, _ = _templates_of(steps, shape)
        return path.format(), subject.format() or "The request"
    pattern = tuple([0 if isinstance(step, int) else step for step in steps])
    path, subject, before = _templates_of(pattern, shape)
    return path.format(*indexes), subject.format(*indexes[before:]) or "The request"


class _Located:
    """A location inside the instance with its rendered path and the subject of messages."""

    __slots__ = ("path", "steps", "subject")

    def __init__(self, steps: Sequence[Step], shape: str) -> None:
        self.steps = tuple(steps)
        self.path, self.subject = _render_place(self.steps, shape)

    def child(self, step: Step, shape: str) -> _Located:
        return _Located((*self.steps, step), shape)


def _problems(error: Any, definitions: Mapping[str, Any], shape: str) -> Iterator[Problem]:
    steps: list[Step] = [s if isinstance(s, int | str) else str(s) for s in error.absolute_path]
    here = _Located(steps, shape)
    keyword: str = error.validator
    node: Mapping[str, Any] = error.schema
    instance = error.instance
    if "propertyNames" in error.absolute_schema_path:
        key_text = _key_text(instance)
        entry = here.child(key_text, shape)
        detail = _describe(keyword, "the key", instance, node, error.validator_value)
        yield new_problem(
            entry.path,
            "propertyNames",
            f"{here.subject} has a key {_show(instance)} that is not allowed: {detail}",
            "error",
            entry.steps,
            "error",
        )
        return
    if keyword == "required":
        present = instance if isinstance(instance, Mapping) else {}
        for name in error.validator_value:
            if name not in present:
                member = here.child(name, shape)
                yield new_problem(
                    member.path,
                    "required",
                    f"{here.subject} is missing the required member {name}",
                    "error",
                    member.steps,
                    "error",
                )
        return
    if keyword == "additionalProperties" and isinstance(instance, Mapping):
        allowed = list(node.get("properties", {}))
        for key in instance:
            if key in allowed:
                continue
            key_text = _key_text(key)
            member = here.child(key_text, shape)
            hint = _did_you_mean(key_text, allowed)
            yield new_problem(
                member.path,
                "additionalProperties",
                (
                    f"{here.subject} has no member {_show(key)}{hint}; "
                    f"its members are {', '.join(allowed)}"
                ),
                "error",
                member.steps,
                "error",
            )
        return
    if keyword == "pattern" and instance == "" and node.get("minLength", 0) >= 1:
        return  # an empty string is one problem, minLength's: it must be filled in
    yield new_problem(
        here.path,
        keyword,
        _describe(keyword, here.subject, instance, node, error.validator_value),
        "error",
        here.steps,
        "error",
    )


# -- the fast listing ----------------------------------------------------------------------------

_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})
_SMALLEST, _LARGEST = -(2**63), 2**63 - 1
_EXACT = float(2**53)  # floats below this in size compare exactly with any integer limit
# The schema keywords whose errors the fast listing reads; any other sends the input to the
# reference engine.
_LISTED_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "pattern",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "minimum",
        "maximum",
        "required",
        "additionalProperties",
        STRICT_INTEGER,
    }
)


class _Unlisted(Exception):
    """The fast engine gave an error the listing cannot read: the reference engine explains."""


def _plain(instance: object) -> bool:
    """Whether ``instance`` is plain JSON data (``dict``, ``list``, ``str``, ``int`` of 64 bits,
    finite ``float`` below 2**53 in size, ``bool``, ``None``, exactly) that the reference engine
    would read uncut: at most
    ``MAX_NODES`` values (each shared reference counted where it is used, so a cycle fails) and
    no container of more than ``MAX_ENTRIES`` entries, and no object with an empty key (the
    fast engine leaves an empty key out of the locations it gives: the error at
    ``StaticHyperParameters[""]`` would be placed at ``StaticHyperParameters``). Nesting deeper
    than ``MAX_DEPTH`` lies below anything the schema describes, where neither engine looks."""
    kind = type(instance)
    if kind is not dict and kind is not list:
        return _plain([instance])  # a scalar: as the only item of a list
    stack: list[Any] = [instance]
    left = MAX_NODES
    while stack:
        node = stack.pop()
        if type(node) is dict:
            if "" in node:
                return False
            children = node.values()
        else:
            children = node
        size = len(children)
        left -= size
        if left < 0 or size > MAX_ENTRIES:
            return False
        for child in children:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append(child)
            elif kind is int:
                if not _SMALLEST <= child <= _LARGEST:
                    return False  # the fast engine misreads integers beyond 64 bits
            elif kind is float:
                if not -_EXACT < child < _EXACT:
                    return False  # non-finite, or compared inexactly with integer limits
            elif kind not in _PLAIN_SCALARS:
                return False
    return True


class _Listed:
    """One error of the fast engine, with the attributes of a reference engine error that
    :func:`_problems` reads."""

    __slots__ = (
        "absolute_path",
        "absolute_schema_path",
        "instance",
        "schema",
        "validator",
        "validator_value",
    )

    def __init__(
        self,
        path: Sequence[Step],
        keyword: str,
        node: Mapping[str, Any],
        instance: object,
        *,
        property_names: bool = False,
    ) -> None:
        self.absolute_path = path
        self.absolute_schema_path = ("propertyNames", keyword) if property_names else (keyword,)
        self.instance = instance
        self.schema = node
        self.validator = keyword
        self.validator_value = node[keyword]


def _schema_node(steps: Sequence[Any], definitions: Mapping[str, Any]) -> Mapping[str, Any]:
    """The schema node at ``steps`` (a path starting ``definitions``, the keyword left off)."""
    if len(steps) < 2 or steps[0] != "definitions":
        raise _Unlisted
    node: Any = definitions.get(steps[1])
    for step in steps[2:]:
        node = node[step] if isinstance(node, dict | list) else None
    if not isinstance(node, Mapping):
        raise _Unlisted
    return node


def _member_schema(location: Sequence[Step], shape: str) -> Mapping[str, Any] | None:
    """The schema of the member at ``location`` inside spec shape ``shape``, or None."""
    definitions = _definitions(shape)
    node: Any = _deref(definitions.get(shape), definitions)
    for step in location:
        if not isinstance(node, Mapping):
            return None
        if isinstance(step, int):
            node = _deref(node.get("items"), definitions)
        elif "properties" in node:
            node = _deref(node["properties"].get(step), definitions)
        else:
            extra = node.get("additionalProperties")
            node = _deref(extra, definitions) if isinstance(extra, Mapping) else None
    return node if isinstance(node, Mapping) else None


_LENGTHS = frozenset({"maxLength", "minLength"})


def one_per_mistake(
    data: object, problems: list[Problem], shape: str = "CreateHyperParameterTuningJobRequest"
) -> list[Problem]:
    """The problems with one left for one mistake where a text breaks its length and its
    pattern: a text too long whose first allowed characters match the pattern is only too long
    (``maxLength``); a text that is too short and does not match the pattern is only of the
    wrong form (``pattern``, which says what the form is: an ARN is never 13 characters
    long). ``problems`` itself when no text breaks both (the common case)."""
    if len(problems) < 2:
        return problems
    # The places of pattern problems first: most lists have none, and then nothing is dropped.
    patterns = {tuple(p.location) for p in problems if p.code == "pattern"}
    if not patterns:
        return problems
    codes: dict[tuple[Step, ...], set[str]] = {}
    for problem in problems:
        location = tuple(problem.location)
        if location in patterns:
            codes.setdefault(location, set()).add(problem.code)
    dropped: set[tuple[tuple[Step, ...], str]] = set()
    for location, found in codes.items():
        if not found & _LENGTHS:
            continue
        try:
            value = _value_at(data, location)
        except (LookupError, TypeError):
            continue
        node = _member_schema(location, shape)
        if not isinstance(value, str) or node is None or "pattern" not in node:
            continue
        if "maxLength" in found and re.search(node["pattern"], value[: node["maxLength"]]):
            dropped.add((location, "pattern"))
        if "minLength" in found and value:
            dropped.add((location, "minLength"))
    if not dropped:
        return problems
    return [p for p in problems if (tuple(p.location), p.code) not in dropped]


def _value_at(instance: Any, steps: Sequence[Step]) -> Any:
    for step in steps:
        instance = instance[step]
    return instance


@functools.cache
def _key_validator(title: str, definitions_of: str) -> Any:
    """The fast engine on the schema of a map's keys (a definition without references)."""
    import jsonschema_rs

    return jsonschema_rs.Draft7Validator(dict(_definitions(definitions_of)[title]))


def _listed(errors: Iterable[Any], instance: Any, shape: str) -> Iterator[_Listed]:
    """The fast engine's errors as :class:`_Listed` errors; each object's ``required`` and
    ``additionalProperties`` errors and each map's keys are read once."""
    definitions = _definitions(shape)
    done: set[tuple[str, tuple[Step, ...]]] = set()
    for error in errors:
        path = tuple(error.instance_path)
        schema_path = list(error.schema_path)
        node = _schema_node(schema_path[:-1], definitions)
        keyword = str(schema_path[-1])
        value = _value_at(instance, path)
        if error.kind.name == "propertyNames":
            if ("propertyNames", path) in done:
                continue
            done.add(("propertyNames", path))
            yield from _bad_keys(path, value, node, shape)
            continue
        if keyword not in _LISTED_KEYWORDS:
            raise _Unlisted
        if keyword in ("required", "additionalProperties"):
            if (keyword, path) in done:
                continue
            done.add((keyword, path))
        if keyword == STRICT_INTEGER:
            yield _Listed(path, "type", node, value)  # the node says "type": "integer"
        else:
            yield _Listed(path, keyword, node, value)


def _bad_keys(
    path: tuple[Step, ...], entries: Mapping[str, Any], key_node: Mapping[str, Any], shape: str
) -> Iterator[_Listed]:
    """An error for each key of the map ``entries`` that its key schema refuses."""
    title = key_node.get("title")
    definitions = _definitions(shape)
    if not isinstance(title, str) or definitions.get(title) is not key_node:
        raise _Unlisted
    validator = _key_validator(title, shape)
    for key in entries:
        for error in validator.iter_errors(key):
            keyword = str(list(error.schema_path)[-1])
            if keyword not in _LISTED_KEYWORDS:
                raise _Unlisted
            yield _Listed(path, keyword, key_node, key, property_names=True)


RawError = tuple[Sequence[Step], str, str, object, bool]


def problems_of(errors: Iterable[RawError], shape: str) -> list[Problem]:
    """Problems from errors found by a reader of the schema other than the two engines, each
    given as (instance location, keyword, the name of the definition holding it in the schema of
    ``shape``, the offending value, and whether the value is a map key checked against
    ``propertyNames``): explained exactly as the reference engine's errors are; in the order
    given (:func:`~hpt_request.model.errors.ordered` sorts them, with any others)."""
    messages = _messages(shape)
    definitions = messages.definitions
    places = (_PLACES.get(shape) or _places(shape)).get
    found: list[Problem] = []
    for where, keyword, title, value, is_key in errors:
        if not is_key and keyword in _SPREAD and type(value) is dict:
            # what _problems makes of it, made directly from the remembered places
            _members(found, tuple(where), keyword, definitions[title], value, shape)
        elif is_key or keyword in _SPREAD or (keyword == "pattern" and value == ""):
            error = _Listed(where, keyword, definitions[title], value, property_names=is_key)
            found.extend(_problems(error, definitions, shape))
        else:  # one value, one problem: what _problems makes of it, made directly
            steps = tuple(where)
            path, subject = places(steps) or _place(steps, shape)
            message = messages[title, keyword](subject, value)
            found.append(new_problem(path, keyword, message, "error", steps, "error"))
    return found


# The keywords whose one error names several members (one problem each).
_SPREAD = frozenset({"required", "additionalProperties"})


def _members(
    found: list[Problem],
    steps: tuple[Step, ...],
    keyword: str,
    node: Mapping[str, Any],
    value: dict[str, Any],
    shape: str,
) -> None:
    """The problems :func:`_problems` makes of a reader's ``required`` or
    ``additionalProperties`` error at ``steps`` (``value``: the object, as read), appended to
    ``found``: each missing member, or each member the definition does not have. The places are
    the remembered ones (:func:`_place`; a reader's steps are texts and list indexes), and what
    depends on the definition alone (its members, listed) is worked out once."""
    subject = _place(steps, shape)[1]
    if keyword == "required":
        for name in node["required"]:
            if name not in value:
                member = (*steps, name)
                found.append(
                    new_problem(
                        _place(member, shape)[0],
                        "required",
                        f"{subject} is missing the required member {name}",
                        "error",
                        member,
                        "error",
                    )
                )
        return
    allowed, listed = _allowed(node)
    for key in value:
        if key in allowed.members:
            continue
        key_text = _key_text(key)
        member = (*steps, key_text)
        found.append(
            new_problem(
                _place(member, shape)[0],
                "additionalProperties",
                f"{subject} has no member {_show(key)}{_hint(key_text, allowed)}; "
                f"its members are {listed}",
                "error",
                member,
                "error",
            )
        )


# The members of each definition that has properties, and their list as messages show it, by
# the definition (its id: the definitions are never freed), made at its first unknown member.
_ALLOWED: dict[int, tuple[Mapping[str, Any], _Choices, str]] = {}


def _allowed(node: Mapping[str, Any]) -> tuple[_Choices, str]:
    found = _ALLOWED.get(id(node))
    if found is None or found[0] is not node:
        members = _Choices(node.get("properties", {}))
        found = _ALLOWED[id(node)] = (node, members, ", ".join(members.names))
    return found[1], found[2]


def listed_problems(instance: object, shape: str) -> list[Problem]:
    """Every structural problem, listed by the fast engine when it can, else by the reference
    engine (:func:`reference_problems`); the same problems either way."""
    validator = _fast_validator(shape)
    if validator is None or not _plain(instance):
        return reference_problems(instance, shape)
    definitions = _definitions(shape)
    found: list[Problem] = []
    try:
        for error in _listed(validator.iter_errors(instance), instance, shape):
            found.extend(_problems(error, definitions, shape))
    except Exception:  # _Unlisted, or input the fast engine cannot read (a lone surrogate)
        return reference_problems(instance, shape)
    return ordered(found)


JSON_KINDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "an array",
}


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number" if math.isfinite(value) else "a non-finite number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"a Python {type(value).__name__}"


def _key_text(key: object) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, int):
        return integer_text(key)
    return str(key)


def _show(value: object, limit: int = 60) -> str:
    """A short rendering of an offending value; containers are summarised, never walked."""
    kind = type(value)
    if kind is str:  # what json.dumps writes (non-ASCII kept), by the function it uses for it
        text = _json_string(value[:limit])  # type: ignore[index]
        return text if len(text) <= limit else text[: limit - 3] + "..."
    if kind is int:
        text = integer_text(value)  # type: ignore[arg-type]
        return text if len(text) <= limit else text[: limit - 3] + "..."
    if isinstance(value, Mapping):
        return f"{{...}} ({_size(value)} members)"
    if isinstance(value, list | tuple):
        return f"[...] ({_size(value)} items)"
    if isinstance(value, int) and value.bit_length() > _LONG_INTEGER_BITS:
        return integer_text(value)
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit]
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# How many did-you-mean verdicts are remembered, and the longest offending text remembered (a
# verdict costs about 10 us of difflib; the same misspelling tends to recur across requests).
REMEMBERED_HINTS = 1024
REMEMBERED_TEXT = 128


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    """`` (did you mean X?)`` for the choice ``value`` most likely stands for, or nothing."""
    if len(value) > REMEMBERED_TEXT:
        return _closest(value, tuple(choices))
    return _remembered_closest(value, tuple(choices))


def _closest(value: str, choices: tuple[str, ...]) -> str:
    folded = {choice.lower().replace("_", ""): choice for choice in choices}
    written = value.lower().replace("_", "")
    exact = folded.get(written)
    if exact:
        return f" (did you mean {exact}?)"
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.75)
    if close:
        return f" (did you mean {close[0]}?)"
    # A beginning of one choice and of no other ("Log" for Logarithmic).
    started = [
        choice for key, choice in folded.items() if len(written) >= 3 and key.startswith(written)
    ]
    return f" (did you mean {started[0]}?)" if len(started) == 1 else ""


_remembered_closest = functools.lru_cache(maxsize=REMEMBERED_HINTS)(_closest)


class _Choices:
    """A fixed list of allowed texts (an enum's values, a definition's members) as the messages
    of the readers' errors use it, made once per schema node: the texts in order and as a set.
    Hashed by identity, so that remembering a did-you-mean verdict for it (:func:`_hint`) does
    not hash the whole list each time (the training instance types are 225)."""

    __slots__ = ("members", "names")

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(names)
        self.members = frozenset(self.names)


# The did-you-mean verdicts of :func:`_hint`, by offending text and choices (bounded as
# _remembered_closest is: at most REMEMBERED_HINTS, none for a text over REMEMBERED_TEXT).
_HINTS: dict[tuple[str, _Choices], str] = {}


def _hint(value: str, choices: _Choices) -> str:
    """:func:`_did_you_mean` of ``value`` among ``choices``, remembered by the two."""
    key = (value, choices)
    found = _HINTS.get(key)
    if found is None:
        found = _closest(value, choices.names)
        if len(value) <= REMEMBERED_TEXT:
            if len(_HINTS) >= REMEMBERED_HINTS:
                _HINTS.clear()
            _HINTS[key] = found
    return found


def _service_pattern(node: Mapping[str, Any]) -> str:
    constraints = model.SHAPE_CONSTRAINTS.get(str(node.get("title")), {})
    return str(constraints.get("pattern", node.get("pattern", "")))


def _count(number: object, word: str, plural: str = "") -> str:
    """``1 character``, ``20 characters``: the number with its noun in the right form."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _are(number: object) -> str:
    return "is" if number == 1 else "are"


# The message of one schema error, given the subject (what the message calls the offending
# place) and the offending value. One is made for a schema node and keyword (by a Maker), with
# what depends on them alone (the limit in words, an enum's listed choices) worked out then.
Message = Callable[[str, object], str]
# A message maker: (keyword, schema node, the keyword's value) -> the message function.
Maker = Callable[[str, Mapping[str, Any], Any], Message]


def _describe(
    keyword: str, subject: str, value: object, node: Mapping[str, Any], limit: Any
) -> str:
    """The message of one schema error: ``value`` (at ``subject``) fails ``keyword`` of ``node``,
    whose value is ``limit``."""
    return _message_function(keyword, node, limit)(subject, value)


def _message_function(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    """The message function of ``keyword`` of ``node``, whose value is ``limit``."""
    return _EXPLAIN.get(keyword, _plain_message)(keyword, node, limit)


class _Messages(dict[tuple[str, str], Message]):
    """The message function of each (definition, keyword) of the schema of one shape, made when
    first asked for. Keyed by the schema alone (the readers name the definition and keyword of
    each error), so it holds at most one function per keyword of each definition."""

    def __init__(self, shape: str) -> None:
        super().__init__()
        self.definitions = _definitions(shape)

    def __missing__(self, key: tuple[str, str]) -> Message:
        title, keyword = key
        node = self.definitions[title]
        made = self[key] = _message_function(keyword, node, node[keyword])
        return made


@functools.cache
def _messages(shape: str) -> _Messages:
    return _Messages(shape)


def _definition_message(shape: str, title: str, keyword: str) -> Message:
    """The message function of ``keyword`` of definition ``title`` in the schema of ``shape``,
    made once."""
    return _messages(shape)[title, keyword]


def _plain_message(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    """A keyword no message function knows: the value, the keyword and its value."""
    tail = f" fails {keyword} {_show(limit)}"

    def message(subject: str, value: object) -> str:
        return f"{subject} {_show(value)}{tail}"

    return message


def _type_message(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    expected = JSON_KINDS.get(str(limit), str(limit))
    wants_string, wants_integer = limit == "string", limit == "integer"

    def message(subject: str, value: object) -> str:
        shown = _show(value)
        if wants_string:
            if isinstance(value, str):
                return f"{subject} holds text that is not valid Unicode (a lone surrogate): {shown}"
            if isinstance(value, bool):
                return (
                    f"{subject} must be a string, not the boolean {shown}: in YAML, unquoted "
                    "true and false are booleans (and yes, no, on and off too in a CloudFormation "
                    "template or a Kubernetes manifest, read by YAML 1.1); put the value in quotes"
                )
            if isinstance(value, float):
                return (
                    f"{subject} must be a string, not the number {shown}: numbers travel as "
                    f'strings here, write "{shown}" (in YAML, an unquoted 1e-05 or 0.5 is a '
                    "number: put it in quotes)"
                )
            if isinstance(value, int):
                return (
                    f"{subject} must be a string, not the number {shown}: "
                    f'numbers travel as strings here, write "{shown}"'
                )
        elif wants_integer and isinstance(value, float) and value.is_integer():
            return f"{subject} must be an integer, not {shown} (write it without a decimal point)"
        return f"{subject} must be {expected}, not {_kind_of(value)} ({shown})"

    return message


def _enum_message(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    choices = _Choices(str(choice) for choice in limit)
    names, members = choices.names, choices.members
    listed = ", ".join(names[:SHOWN_CHOICES])
    if len(names) > SHOWN_CHOICES:
        listed += f", ... ({len(names)} values in all)"
    tail = f"; allowed: {listed}"

    def message(subject: str, value: object) -> str:
        hint = ""
        if isinstance(value, str):
            hint = instance_type_hint(value, members) or _hint(value, choices)
        return f"{subject} is {_show(value)}, which is not an allowed value{hint}{tail}"

    return message


def _pattern_message(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    title = str(node.get("title"))
    pattern = _service_pattern(node)

    def message(subject: str, value: object) -> str:
        words = pattern_in_words(title, value) if isinstance(value, str) else None
        if value == "":
            allowed = words or f"it must match the pattern {pattern}"
            return f"{subject} is empty; it must be filled in: {allowed}"
        if words and subject == "the key":  # the caller has said the key is not allowed
            return f"{words} (pattern {pattern})"
        if words:
            return f"{subject} {_show(value)} is not allowed: {words} (pattern {pattern})"
        return (
            f"{subject} {_show(value)} does not match the pattern {pattern} "
            "(the whole value must match)"
        )

    return message


def _length_message(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    at_least = keyword == "minLength"
    empty = f" is empty; it must be filled in (at least {_count(limit, 'character')})"
    if at_least:
        bound = f"at least {_count(limit, 'character')} {_are(limit)} required"
    else:
        bound = f"at most {_count(limit, 'character')} {_are(limit)} allowed"

    def message(subject: str, value: object) -> str:
        size = len(value) if isinstance(value, str) else 0
        if at_least and size == 0:
            return subject + empty
        unit = "character" if size == 1 else "characters"  # as _count says it
        return f"{subject} is {size} {unit} long; {bound} ({_show(value)})"

    return message


def _size_message(container: type, minimum: str, word: str, plural: str = "") -> Maker:
    """The message maker for the size bounds of a ``container`` (``minimum`` the keyword of
    its lower bound), counting its members as ``word`` (``plural`` where irregular)."""

    def maker(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
        low = keyword == minimum
        bound = (
            f"; {'at least' if low else 'at most'} {_count(limit, word, plural)} {_are(limit)} "
            f"{'required' if low else 'allowed'}"
        )

        def message(subject: str, value: object) -> str:
            size = _size(cast(Sized, value)) if isinstance(value, container) else 0
            return f"{subject} has {_count(size, word, plural)}{bound}"

        return message

    return maker


_items_message = _size_message(list, "minItems", "item")
_entries_message = _size_message(Mapping, "minProperties", "entry", "entries")


def _bound_message(keyword: str, node: Mapping[str, Any], limit: Any) -> Message:
    tail = f"; {'the minimum' if keyword == 'minimum' else 'the maximum'} is {limit}"

    def message(subject: str, value: object) -> str:
        return f"{subject} is {_show(value)}{tail}"

    return message


# The message maker of each keyword's errors; any other keyword gets a plain one.
_EXPLAIN: dict[str, Maker] = {
    "type": _type_message,
    "enum": _enum_message,
    "pattern": _pattern_message,
    "minLength": _length_message,
    "maxLength": _length_message,
    "minItems": _items_message,
    "maxItems": _items_message,
    "minProperties": _entries_message,
    "maxProperties": _entries_message,
    "minimum": _bound_message,
    "maximum": _bound_message,
}
