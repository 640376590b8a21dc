"""SageMaker Pipelines definitions: their Tuning steps, parameters and placeholders.

A definition is ``pipeline.definition()`` of the SageMaker Python SDK (v2 or v3), or the
``PipelineDefinition`` of a DescribePipeline response or CreatePipeline request, where it is a
JSON string. Every step of ``Type: "Tuning"`` holds a request in its ``Arguments``, Condition
steps' ``IfSteps`` and ``ElseSteps`` included, at any depth. The pipeline names the tuning job
when it runs, so the request has no ``HyperParameterTuningJobName``.

A value known only when the pipeline runs is written as a one-member object:

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
``pipeline-placeholder`` problem; :func:`read` finds the requests of a definition, and
:func:`resolved` gives a placeholder's value from the values the what-if mode knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hpt_request.model.errors import Problem
from hpt_request.text.embedded import (
    Document,
    EmbeddedRequest,
    Known,
    Location,
    document_path,
)
from hpt_request.text.jsontext import UnreadableText, parse_json
from hpt_request.text.placeholders import Kind, Outer, Parameter, Placeholder

NOT_A_PIPELINE = "pipeline-definition"

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
    data: object, parameters: Mapping[str, Parameter], outer: Outer | None = None
) -> tuple[list[Placeholder], list[Problem], list[Location]]:
    """The placeholders of a request's wire data (each found once, not gone into), the
    problems of the malformed ones (whose locations are relative to the request), and where
    the malformed ones are; ``outer`` finds those of a template that holds the pipeline."""
    found: list[Placeholder] = []
    problems: list[Problem] = []
    malformed: list[Location] = []
    if outer is not None:
        return _placeholders_within(data, parameters, outer)
    # Only objects and lists can be or hold a placeholder of a pipeline: its texts, numbers and
    # booleans are not visited.
    stack: list[tuple[object, Location]] = [(data, ())]
    pop, push = stack.pop, stack.append
    while stack:
        value, here = pop()
        if type(value) is dict:
            if len(value) == 1 and is_placeholder(value):
                placeholder, wrong = _one(value, here, parameters)
                if placeholder is not None:
                    found.append(placeholder)
                else:
                    malformed.append(here)
                problems.extend(wrong)
                continue
            for key in reversed(value):
                item = value[key]
                if type(item) is dict or type(item) is list:
                    push((item, (*here, key)))
        elif type(value) is list:
            for index in range(len(value) - 1, -1, -1):
                item = value[index]
                if type(item) is dict or type(item) is list:
                    push((item, (*here, index)))
    return found, problems, malformed


def _placeholders_within(
    data: object, parameters: Mapping[str, Parameter], outer: Outer
) -> tuple[list[Placeholder], list[Problem], list[Location]]:
    """:func:`placeholders` of a pipeline that a template holds: the template's placeholders
    (which may be texts) first, at every value."""
    found: list[Placeholder] = []
    problems: list[Problem] = []
    malformed: list[Location] = []
    stack: list[tuple[object, Location]] = [(data, ())]
    while stack:
        value, here = stack.pop()
        expression = outer(value)
        if expression is not None:
            found.append(Placeholder(here, expression, "any"))
        elif is_placeholder(value):
            assert isinstance(value, dict)
            placeholder, wrong = _one(value, here, parameters)
            if placeholder is not None:
                found.append(placeholder)
            else:
                malformed.append(here)
            problems.extend(wrong)
        elif isinstance(value, dict):
            stack.extend((item, (*here, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*here, index)) for index, item in reversed(list(enumerate(value))))
    return found, problems, malformed


# -- reading ----------------------------------------------------------------------------------


def _pipeline_problem(location: Location, message: str) -> Problem:
    return Problem(
        path=document_path(location), code=NOT_A_PIPELINE, message=message, location=location
    )


def _parameters(
    definition: Mapping[str, Any], base: Location
) -> tuple[dict[str, Parameter], list[Problem]]:
    found: dict[str, Parameter] = {}
    problems: list[Problem] = []
    declared = definition.get("Parameters", [])
    if not isinstance(declared, list):
        return found, [_pipeline_problem((*base, "Parameters"), "expected a list of parameters")]
    for index, entry in enumerate(declared):
        where = (*base, "Parameters", index)
        name = entry.get("Name") if isinstance(entry, Mapping) else None
        kind = entry.get("Type", "String") if isinstance(entry, Mapping) else None
        if not isinstance(name, str) or not isinstance(kind, str) or kind not in PARAMETER_KINDS:
            types = ", ".join(PARAMETER_KINDS)
            problems.append(
                _pipeline_problem(
                    where, f"a parameter is an object with a Name and a Type ({types})"
                )
            )
            continue
        assert isinstance(entry, Mapping)
        found[name] = Parameter(
            name,
            kind,
            PARAMETER_KINDS[kind],
            entry.get("DefaultValue"),
            "DefaultValue" in entry,
            (*where, "DefaultValue"),
        )
    return found, problems


def _steps(
    definition: Mapping[str, Any],
    base: Location,
    parameters: Mapping[str, Parameter],
    outer: Outer | None = None,
) -> tuple[list[EmbeddedRequest], list[Problem]]:
    """Every Tuning step, Condition steps' branches included (a stack, not recursion: any
    depth the reader admitted is walked)."""
    requests: list[EmbeddedRequest] = []
    problems: list[Problem] = []
    steps = definition.get("Steps")
    if not isinstance(steps, list):
        return [], [_pipeline_problem((*base, "Steps"), "expected a list of steps")]
    stack: list[tuple[Any, Location]] = [
        (step, (*base, "Steps", index)) for index, step in reversed(list(enumerate(steps)))
    ]
    while stack:
        step, where = stack.pop()
        if not isinstance(step, Mapping):
            continue
        arguments = step.get("Arguments")
        kind = step.get("Type")
        if kind == "Tuning":
            at = (*where, "Arguments")
            if not isinstance(arguments, Mapping) or is_placeholder(arguments):
                problems.append(
                    _pipeline_problem(
                        at, "a Tuning step's Arguments is the tuning request, written out"
                    )
                )
                continue
            found, wrong, malformed = placeholders(arguments, parameters, outer)
            name = step.get("Name")
            requests.append(
                EmbeddedRequest(
                    location=at,
                    path=document_path(at),
                    data=arguments,
                    placeholders=tuple(found),
                    step=name if isinstance(name, str) else None,
                    problems=tuple(wrong),
                    malformed=tuple(malformed),
                    named_at_run_time=True,
                    context="pipeline",
                )
            )
        elif kind == "Condition" and isinstance(arguments, Mapping):
            for branch in ("ElseSteps", "IfSteps"):  # popped in the order written
                inner = arguments.get(branch)
                if isinstance(inner, list):
                    stack.extend(
                        (item, (*where, "Arguments", branch, index))
                        for index, item in reversed(list(enumerate(inner)))
                    )
    requests.sort(key=lambda request: _order(request.location))
    return requests, problems


def _order(location: Location) -> tuple[tuple[int, int | str], ...]:
    return tuple((1, step) if isinstance(step, int) else (0, step) for step in location)


def read(data: object, outer: Outer | None = None) -> Document:
    """The Tuning steps' requests of a pipeline definition (or of the DescribePipeline response
    or CreatePipeline request that holds it as a JSON string), with the pipeline's parameters
    and the problems of the definition itself. ``outer`` finds the placeholders of a template
    that holds the definition."""
    if not isinstance(data, Mapping):
        problem = _pipeline_problem((), "expected a pipeline definition (an object with Steps)")
        return Document("pipeline", problems=(problem,))
    return _definition(data, outer)


def _definition(data: Mapping[str, Any], outer: Outer | None) -> Document:
    base: Location = ()
    embedded: Location | None = None
    definition: Any = data
    if "PipelineDefinition" in data and not isinstance(data.get("Steps"), list):
        base = ("PipelineDefinition",)
        definition = data["PipelineDefinition"]
        if isinstance(definition, str):
            embedded = base
            try:
                definition = parse_json(definition)
            except UnreadableText as exc:
                problem = _pipeline_problem(base, f"the pipeline definition is not JSON: {exc}")
                return Document("pipeline", problems=(problem,))
    if not isinstance(definition, Mapping):
        problem = _pipeline_problem(base, "expected a pipeline definition (an object with Steps)")
        return Document("pipeline", problems=(problem,), embedded=_many(embedded))
    parameters, problems = _parameters(definition, base)
    requests, more = _steps(definition, base, parameters, outer)
    return Document(
        "pipeline", tuple(requests), parameters, (*problems, *more), _many(embedded), base
    )


def _many(embedded: Location | None) -> tuple[Location, ...]:
    return () if embedded is None else (embedded,)


# -- what-if ----------------------------------------------------------------------------------


def resolved(value: Any, values: Mapping[str, Known]) -> tuple[bool, Any, list[str]]:
    """Whether the value of the placeholder written as ``value`` is known, the value, and where
    it came from."""
    ((key, argument),) = value.items()
    if key == "Get" and isinstance(argument, str) and argument.startswith("Parameters."):
        known = values.get(argument.removeprefix("Parameters."))
        if known is not None:
            return True, known.value, [known.source]
        return False, None, []
    if key == "Std:Join" and isinstance(argument, Mapping):
        parts: list[str] = []
        sources: list[str] = []
        for item in argument.get("Values", []):
            if is_placeholder(item):
                ok, item, source = resolved(item, values)
                if not ok:
                    return False, None, []
                sources.extend(source)
            if isinstance(item, bool):
                item = "true" if item else "false"
            parts.append(str(item))
        return True, str(argument.get("On", "")).join(parts), sources
    return False, None, []
