"""Placeholders: values a document supplies at run time, and what kind of value each stands for.

A SageMaker Pipelines definition writes a value that is known only when the pipeline runs as a
one-member object:

- ``{"Get": "Parameters.MaxJobs"}``: a pipeline parameter, of the type its declaration in the
  definition's ``Parameters`` gives (``Integer``, ``Float``, ``String``, ``Boolean``);
- ``{"Get": "Execution.PipelineExecutionId"}``: an execution variable (text);
- ``{"Get": "Steps.Train.ModelArtifacts.S3ModelArtifacts"}``: a property of another step (of
  any kind: this module does not know the other steps' response shapes);
- ``{"Std:Join": {"On": "/", "Values": [...]}}``: text joined from values and placeholders;
- ``{"Std:JsonGet": {"PropertyFile": ..., "Path": "..."}}``: a value read from a step's property
  file (of any kind).

:func:`placeholders` finds them in a request's wire data (without going into them), and reports
each malformed one (``{"Get": 5}``, an unknown ``Std:`` function, an undeclared parameter) as a
``pipeline-placeholder`` problem. :func:`member_type` gives the JSON type a member of the request
takes and the schema keywords that check its value, from the packaged schema; :func:`fits` says
whether a placeholder's kind can stand there. The check composes these (:mod:`hpt_request.check`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs

from hpt_request.model.errors import Problem, Step
from hpt_request.schema import engines

Kind = Literal["string", "integer", "number", "boolean", "any"]
Location = tuple[Step, ...]

PARAMETER_KINDS: Mapping[str, Kind] = {
    "String": "string",
    "Integer": "integer",
    "Float": "number",
    "Boolean": "boolean",
}
"""A pipeline parameter's ``Type`` -> the kind of value it supplies."""

EXECUTION_VARIABLES = frozenset(
    {
        "PipelineName",
        "PipelineArn",
        "PipelineExecutionId",
        "PipelineExecutionArn",
        "StartDateTime",
        "CurrentDateTime",
    }
)
"""The execution variables of SageMaker Pipelines (``sagemaker.workflow.execution_variables``)."""

FUNCTIONS = ("Std:Join", "Std:JsonGet")
CODE = "pipeline-placeholder"
WRONG_KIND = "placeholder-type"

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
    """A pipeline parameter as its definition declares it."""

    name: str
    type: str  # String, Integer, Float or Boolean (as declared)
    default: Any = None  # the DefaultValue; None when it has none
    has_default: bool = False
    index: int = 0  # its place in the definition's Parameters list

    @property
    def kind(self) -> Kind:
        return PARAMETER_KINDS.get(self.type, "any")


@attrs.frozen
class Placeholder:
    """A value the document supplies at run time, found at ``location`` in a request.

    ``expression`` names it as the document does (``Parameters.MaxJobs``,
    ``Execution.PipelineExecutionId``, ``Std:Join``); ``kind`` is the kind of value it supplies
    (``any`` when this module cannot know); ``parameter`` is the pipeline parameter it reads, for
    a ``Get`` of ``Parameters.*``."""

    location: Location
    expression: str
    kind: Kind
    parameter: str | None = None

    def __str__(self) -> str:
        return self.expression


def _problem(location: Location, message: str) -> Problem:
    return Problem(path="", code=CODE, message=message, location=location)


def is_placeholder(value: object) -> bool:
    """Whether ``value`` is written as a placeholder: an object of one member, ``Get`` or a
    ``Std:`` function."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return key == "Get" or (isinstance(key, str) and key.startswith("Std:"))


def _get(
    argument: object, location: Location, parameters: Mapping[str, Parameter]
) -> tuple[Placeholder | None, list[Problem]]:
    """A ``Get`` at ``location`` (its problems at the ``Get`` key)."""
    at = (*location, "Get")
    if not isinstance(argument, str):
        got = type(argument).__name__
        return None, [
            _problem(
                at,
                f'"Get" takes a text such as "Parameters.Name" or "Execution.PipelineExecutionId", '
                f"not {got}",
            )
        ]
    head, _, rest = argument.partition(".")
    if head == "Parameters" and rest:
        found = parameters.get(rest)
        if found is None:
            declared = ", ".join(sorted(parameters)) or "none"
            return None, [
                _problem(
                    at,
                    f'"Get": "{argument}" reads a parameter the pipeline does not declare '
                    f"(declared: {declared})",
                )
            ]
        return Placeholder(location, argument, found.kind, rest), []
    if head == "Execution" and rest:
        if rest not in EXECUTION_VARIABLES:
            known = ", ".join(sorted(EXECUTION_VARIABLES))
            return None, [
                _problem(
                    at,
                    f'"Get": "{argument}" is not an execution variable (they are: {known})',
                )
            ]
        return Placeholder(location, argument, "string"), []
    if head == "Steps" and rest:
        return Placeholder(location, argument, "any"), []
    return None, [
        _problem(
            at,
            f'"Get": "{argument}" reads neither Parameters.*, Execution.* nor Steps.*',
        )
    ]


def _nested_problems(
    values: object, location: Location, parameters: Mapping[str, Parameter]
) -> list[Problem]:
    """The problems of the placeholders inside a function's arguments."""
    problems: list[Problem] = []
    stack: list[tuple[object, Location]] = [(values, location)]
    while stack:
        value, here = stack.pop()
        if is_placeholder(value):
            assert isinstance(value, dict)
            problems.extend(_one(value, here, parameters)[1])
        elif isinstance(value, dict):
            stack.extend((item, (*here, str(key))) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*here, index)) for index, item in enumerate(value))
    return problems


def _one(
    value: dict[str, Any], location: Location, parameters: Mapping[str, Parameter]
) -> tuple[Placeholder | None, list[Problem]]:
    ((key, argument),) = value.items()
    if key == "Get":
        return _get(argument, location, parameters)
    if key == "Std:Join":
        on = argument.get("On") if isinstance(argument, dict) else None
        items = argument.get("Values") if isinstance(argument, dict) else None
        if not isinstance(on, str) or not isinstance(items, list):
            return None, [
                _problem(
                    (*location, key),
                    '"Std:Join" takes {"On": text, "Values": [values]}',
                )
            ]
        problems = _nested_problems(items, (*location, key, "Values"), parameters)
        return (None if problems else Placeholder(location, key, "string")), problems
    if key == "Std:JsonGet":
        if not isinstance(argument, dict) or not isinstance(argument.get("Path"), str):
            return None, [
                _problem(
                    (*location, key),
                    '"Std:JsonGet" takes {"PropertyFile": ..., "Path": text}',
                )
            ]
        problems = _nested_problems(argument, (*location, key), parameters)
        return (None if problems else Placeholder(location, key, "any")), problems
    known = ", ".join(FUNCTIONS)
    return None, [
        _problem((*location, key), f'"{key}" is not a function of SageMaker Pipelines ({known})')
    ]


def placeholders(
    data: object, parameters: Mapping[str, Parameter]
) -> tuple[list[Placeholder], list[Problem]]:
    """The placeholders of a request's wire data (each found once, not gone into), and the
    problems of the malformed ones (whose locations are relative to the request)."""
    found: list[Placeholder] = []
    problems: list[Problem] = []
    stack: list[tuple[object, Location]] = [(data, ())]
    while stack:
        value, here = stack.pop()
        if is_placeholder(value):
            assert isinstance(value, dict)
            placeholder, wrong = _one(value, here, parameters)
            if placeholder is not None:
                found.append(placeholder)
            problems.extend(wrong)
        elif isinstance(value, dict):
            stack.extend((item, (*here, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*here, index)) for index, item in reversed(list(enumerate(value))))
    return found, problems


def malformed_at(problems: Sequence[Problem]) -> list[Location]:
    """The locations of the placeholders the problems are about (a problem's location ends with
    the ``Get`` or function key, or goes into the function's arguments)."""
    spots: list[Location] = []
    for problem in problems:
        location = problem.location
        for size in range(len(location) - 1, -1, -1):
            step = location[size]
            if isinstance(step, str) and (step == "Get" or step.startswith("Std:")):
                spots.append(location[:size])
                break
    return spots


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
def member_type(location: Location) -> tuple[str | None, tuple[str, ...]]:
    """The JSON type of the member at ``location`` in a request (None where the schema has no
    such member), and the keywords that check its value beyond its type (``CHECKS``)."""
    node = _deref(_definitions()["CreateHyperParameterTuningJobRequest"])
    for step in location:
        if not isinstance(node, Mapping):
            return None, ()
        if isinstance(step, int):
            node = _deref(node.get("items"))
        elif "properties" in node:
            node = _deref(node["properties"].get(step))
        else:
            extra = node.get("additionalProperties")
            node = _deref(extra) if isinstance(extra, Mapping) else None
    if not isinstance(node, Mapping):
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


def stand_in(member: str | None) -> Any:
    """A value of the member's JSON type, put where a placeholder is for the structural check
    (whose verdict there is then set aside: the value is unknown)."""
    if member == "object":
        return {}
    if member == "array":
        return []
    return STAND_INS.get(member or "string", "placeholder")
