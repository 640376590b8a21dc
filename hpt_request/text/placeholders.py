"""Placeholders: values a document supplies at run time, and what kind of value each stands for.

Each kind of document writes them its own way (:mod:`.pipelines`: ``{"Get": ...}`` and the
``Std:`` functions; :mod:`.statemachines`: paths and intrinsic functions; :mod:`.templates`:
``Ref``, ``Fn::Sub`` and the other intrinsic functions; :mod:`.manifests`: Helm's ``{{ }}``);
the module of each kind finds them and says what kind of value each supplies. What they share
is here: a :class:`Placeholder` (where it is in a request, what it is, what kind of value it
gives), a document's declared :class:`Parameter`, and what a member of the request takes:
:func:`member_type` gives the JSON type of a member and the schema keywords that check its value,
from the packaged schema; :func:`fits` says whether a placeholder's kind can stand there, and
:func:`stand_in` gives the value put in its place for the structural check. The check composes
these (:mod:`hpt_request.check`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

from hpt_request.model.errors import Step
from hpt_request.schema import engines

Kind = Literal["string", "integer", "number", "boolean", "any"]
Location = tuple[Step, ...]

WRONG_KIND = "placeholder-type"

Outer = Callable[[object], "str | None"]
"""The placeholders of a document that holds another (a template that holds a state machine):
the expression of a value that is one (``Ref MaxJobs``, ``${MaxJobs}``), or None. The inner
document's reader asks it of each value before its own placeholders."""

# Words for the kinds, in messages.
KIND_WORDS: Mapping[str, str] = {
    "string": "text",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "any": "a value of any kind",
    "object": "an object",
    "array": "a list",
}


@attrs.frozen
class Parameter:
    """A parameter a document declares (a pipeline's ``Parameters`` entry, a template's
    ``Parameters`` member): its name, its type as declared, the kind of value it supplies, and
    its default value with the place of that default in the document."""

    name: str
    type: str  # as declared: String, Integer, Float, Boolean (pipelines); String, Number, ...
    kind: Kind
    default: Any = None  # the default value; None when it has none
    has_default: bool = False
    where: Location = ()  # where the default is in the document


@attrs.frozen
class Placeholder:
    """A value the document supplies at run time, found at ``location`` in a request.

    ``expression`` names it as the document does (``Parameters.MaxJobs``, ``$.MaxJobs``,
    ``Ref MaxJobs``, ``Std:Join``); ``kind`` is the kind of value it supplies (``any`` when it
    cannot be known); ``parameter`` is the document's parameter it reads, if it reads one."""

    location: Location
    expression: str
    kind: Kind
    parameter: str | None = None

    def __str__(self) -> str:
        return self.expression


# -- what a member takes ------------------------------------------------------------------------

CHECKS = (
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "required",
    "properties",
)
"""The schema keywords that judge a value (its ``type`` aside), listed by :func:`member_type`."""


@functools.cache
def _definitions() -> Mapping[str, Any]:
    found: Mapping[str, Any] = engines.document(engines.REQUEST_SCHEMA)["definitions"]
    return found


def _deref(node: Any) -> Any:
    definitions = _definitions()
    while isinstance(node, Mapping) and "$ref" in node:
        node = definitions.get(node["$ref"].rsplit("/", 1)[-1])
    return node


@functools.lru_cache(maxsize=4096)
def _member_node(location: Location) -> Mapping[str, Any] | None:
    """The schema of the member at ``location`` in a request (None where there is none)."""
    node = _deref(_definitions()["CreateHyperParameterTuningJobRequest"])
    for step in location:
        if not isinstance(node, Mapping):
            return None
        if isinstance(step, int):
            node = _deref(node.get("items"))
        elif "properties" in node:
            node = _deref(node["properties"].get(step))
        else:
            extra = node.get("additionalProperties")
            node = _deref(extra) if isinstance(extra, Mapping) else None
    return node if isinstance(node, Mapping) else None


def member_type(location: Location) -> tuple[str | None, tuple[str, ...]]:
    """The JSON type of the member at ``location`` in a request (None where the schema has no
    such member), and the keywords that check its value beyond its type (``CHECKS``)."""
    node = _member_node(location)
    if node is None:
        return None, ()
    kind = node.get("type")
    return (kind if isinstance(kind, str) else None), tuple(k for k in CHECKS if k in node)


def fits(kind: Kind, member: str | None) -> bool:
    """Whether a placeholder of ``kind`` may stand where the schema expects ``member``."""
    if kind == "any" or member is None:
        return True
    if member == "number":
        return kind in ("integer", "number")
    return kind == member


STAND_INS: Mapping[str, Any] = {
    "string": "placeholder",
    "integer": 1,
    "number": 1,
    "boolean": False,
}


def _pattern(location: Location) -> Location:
    return tuple(0 if isinstance(step, int) else step for step in location)


@functools.cache
def _example_values() -> Mapping[Location, Any]:
    """A valid value of each scalar member the bundled example requests set, by location (list
    indexes as 0): what a placeholder's member can hold without a structural problem."""
    from hpt_request.model import examples

    found: dict[Location, Any] = {}
    for name in examples.names():
        stack: list[tuple[Any, Location]] = [(examples.load(name), ())]
        while stack:
            value, here = stack.pop()
            if isinstance(value, dict):
                stack.extend((item, (*here, key)) for key, item in value.items())
            elif isinstance(value, list):
                stack.extend((item, (*here, 0)) for item in value)
            else:
                found.setdefault(here, value)
    return found


def stand_in(member: str | None, location: Location = ()) -> Any:
    """A value of the member's JSON type, put where a placeholder is for the structural check
    (whose verdict there is then set aside: the value is unknown). Where a bundled example sets
    the member, its value, which the structural check accepts: explaining a problem that is set
    aside would cost the check more than the rest of its work. Else, for a member of allowed
    values, the first of them."""
    if member == "object":
        return {}
    if member == "array":
        return []
    fallback = STAND_INS.get(member or "string", "placeholder")
    if not location:
        return fallback
    example = _example_values().get(_pattern(location))
    if example is not None and type(example) is type(fallback):
        return example
    node = _member_node(location)
    allowed = node.get("enum") if node is not None else None
    if isinstance(allowed, list) and allowed and type(allowed[0]) is type(fallback):
        return allowed[0]
    return fallback
