"""Documents that hold tuning requests: which kind a document is, and where its requests are.

Two kinds are known:

- ``request``: a bare CreateHyperParameterTuningJob request (or a Describe response, which the
  check turns into one ``describe-response`` problem), checked as it always was;
- ``pipeline``: a SageMaker Pipelines definition (``pipeline.definition()`` of the SageMaker
  Python SDK, or the ``PipelineDefinition`` of a DescribePipeline response or CreatePipeline
  request, where it is a JSON string). Every step of ``Type: "Tuning"`` holds a request in its
  ``Arguments``, Condition steps' ``IfSteps`` and ``ElseSteps`` included, at any depth. The
  pipeline names the tuning job when it runs, so the request has no
  ``HyperParameterTuningJobName``.

:func:`detect` tells the kind from the content; :func:`read_document` finds every request, with
its place in the document, its placeholders (:mod:`.placeholders`) and the pipeline's
parameters. :func:`substituted` puts values in place of the placeholders they are known for
(the what-if mode). The check itself is :func:`hpt_request.check.validate_document`.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import attrs

from hpt_request.model.errors import Problem, Step, render_path
from hpt_request.text.jsontext import UnreadableText, parse_json
from hpt_request.text.placeholders import (
    PARAMETER_KINDS,
    Parameter,
    Placeholder,
    is_placeholder,
    placeholders,
)

DocumentKind = Literal["request", "pipeline"]
KINDS: tuple[DocumentKind, ...] = ("request", "pipeline")
Location = tuple[Step, ...]

REQUEST_KEYS = frozenset(
    {
        "HyperParameterTuningJobName",
        "HyperParameterTuningJobConfig",
        "TrainingJobDefinition",
        "TrainingJobDefinitions",
        "WarmStartConfig",
        "Tags",
        "Autotune",
        "HyperParameterTuningJobArn",
        "HyperParameterTuningJobStatus",
    }
)
"""Top-level members that make an object a request (or a Describe response) for detection."""

NAME = "HyperParameterTuningJobName"
UNKNOWN_KIND = "unknown-document"
NOT_A_PIPELINE = "pipeline-definition"


def document_path(location: Sequence[Step]) -> str:
    """A place in a document, in the document's own spelling: ``Steps[3].Arguments``."""
    return render_path(location, [False] * len(location))


def joined(prefix: str, path: str) -> str:
    """The document path of a request's member: the request's place, then the member's path."""
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


@attrs.frozen
class EmbeddedRequest:
    """One tuning request found in a document.

    ``location`` is where the request is (``("Steps", 3, "Arguments")``) and ``path`` the same
    place spelled as the document spells it; ``data`` is the request's wire data, placeholders
    in place; ``placeholders`` are the values the document supplies at run time, with their
    locations inside the request; ``step`` is the name of the pipeline step that holds it."""

    location: Location
    path: str
    data: Any
    placeholders: tuple[Placeholder, ...] = ()
    step: str | None = None
    # The malformed placeholders' problems, their locations inside the request.
    problems: tuple[Problem, ...] = ()
    # Whether the document leaves the job's name to the run (a pipeline step does).
    named_at_run_time: bool = False


@attrs.frozen
class Document:
    """What :func:`read_document` found in a loaded document."""

    kind: DocumentKind | None
    requests: tuple[EmbeddedRequest, ...] = ()
    parameters: Mapping[str, Parameter] = attrs.field(factory=dict)
    problems: tuple[Problem, ...] = ()  # about the document itself (locations in it)
    # Where the document holds its pipeline definition as a JSON string (a DescribePipeline
    # response's PipelineDefinition), or None.
    embedded: Location | None = None
    base: Location = ()  # where the pipeline definition is in the document


@attrs.frozen
class Skipped:
    """A check that was not made because the value it needs is supplied at run time.

    ``check`` is the schema keyword (``pattern``, ``minimum``, ``enum``, ...) or the rule id;
    ``path`` and ``location`` name the member whose value is unknown, in the document;
    ``placeholder`` is what supplies it (``Parameters.MaxJobs``, ``Std:Join``)."""

    path: str
    check: str
    placeholder: str
    location: Location = ()

    def __str__(self) -> str:
        return f"{self.path or '<request>'}: {self.check} not checked: {self.placeholder}"


@attrs.frozen
class DocumentCheck:
    """The outcome of :func:`hpt_request.validate_document`: the kind of the document, every
    problem (paths in the document's spelling), every check skipped for a placeholder, and the
    requests that were checked."""

    kind: DocumentKind | None
    problems: list[Problem]
    skipped: list[Skipped]
    requests: tuple[EmbeddedRequest, ...] = ()
    embedded: Location | None = None

    @property
    def ok(self) -> bool:
        """Whether no problem blocks."""
        return not any(problem.blocking for problem in self.problems)


# -- detection ----------------------------------------------------------------------------------


# Documents of other kinds, told by their members, that hold no request this version reads.
OTHER_KINDS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"StartAt", "States"}), "an AWS Step Functions state machine (StartAt, States)"),
    (frozenset({"Resources"}), "a CloudFormation or SAM template (Resources)"),
    (frozenset({"apiVersion", "kind"}), "a Kubernetes manifest (apiVersion, kind)"),
)


def detect(data: object) -> DocumentKind | None:
    """The kind of a loaded document, from its content; None for a document recognised as one
    of another kind (:data:`OTHER_KINDS`).

    A pipeline has a ``Steps`` list (a definition) or a ``PipelineDefinition`` (a DescribePipeline
    response, a CreatePipeline request). Anything else is a request, checked as such: an object
    with a request's (or a Describe response's) members, and any input that is none of the
    known documents, whose structural problems then say what is wrong."""
    if not isinstance(data, Mapping):
        return "request"
    if isinstance(data.get("Steps"), list) or "PipelineDefinition" in data:
        return "pipeline"
    if any(key in REQUEST_KEYS for key in data):
        return "request"
    if _other_kind(data) is not None:
        return None
    return "request"


def _other_kind(data: Mapping[Any, Any]) -> str | None:
    for members, name in OTHER_KINDS:
        if all(member in data for member in members):
            return name
    return None


def _recognised(data: Mapping[Any, Any]) -> str:
    other = _other_kind(data)
    if other is not None:
        return other
    keys = [key for key in data if isinstance(key, str)][:6]
    shown = ", ".join(f'"{key}"' for key in keys)
    more = ", ..." if len(data) > len(keys) else ""
    return f"an object with the members {shown}{more}" if keys else "an object"


def unknown_kind(data: Mapping[Any, Any]) -> Problem:
    """The one problem of a document of no known kind: what it was recognised as."""
    return Problem(
        path="",
        code=UNKNOWN_KIND,
        message=(
            f"not a document hpt-request reads: this is {_recognised(data)}; hpt-request reads "
            "tuning requests (HyperParameterTuningJobConfig, TrainingJobDefinition, ...), "
            "SageMaker Pipelines definitions (Steps) and DescribePipeline responses "
            "(PipelineDefinition); --kind (kind= in Python) says which one a file is meant to be"
        ),
    )


# -- pipelines ----------------------------------------------------------------------------------


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
            name, kind, entry.get("DefaultValue"), "DefaultValue" in entry, index
        )
    return found, problems


def _steps(
    definition: Mapping[str, Any],
    base: Location,
    parameters: Mapping[str, Parameter],
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
            found, wrong = placeholders(arguments, parameters)
            name = step.get("Name")
            requests.append(
                EmbeddedRequest(
                    location=at,
                    path=document_path(at),
                    data=arguments,
                    placeholders=tuple(found),
                    step=name if isinstance(name, str) else None,
                    problems=tuple(wrong),
                    named_at_run_time=True,
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


def _pipeline(data: Mapping[str, Any]) -> Document:
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
        return Document("pipeline", problems=(problem,), embedded=embedded)
    parameters, problems = _parameters(definition, base)
    requests, more = _steps(definition, base, parameters)
    return Document("pipeline", tuple(requests), parameters, (*problems, *more), embedded, base)


def read_document(data: object, kind: DocumentKind | None = None) -> Document:
    """The requests of a loaded document (``kind`` detected unless given). A request document
    has one request, the document itself; a document of no known kind has none and one
    problem."""
    chosen = kind or detect(data)
    if chosen == "pipeline":
        if not isinstance(data, Mapping):
            problem = _pipeline_problem((), "expected a pipeline definition (an object with Steps)")
            return Document("pipeline", problems=(problem,))
        return _pipeline(data)
    if chosen == "request":
        return Document("request", (EmbeddedRequest((), "", data),))
    assert isinstance(data, Mapping)
    return Document(None, problems=(unknown_kind(data),))


# -- what-if ------------------------------------------------------------------------------------


ASSUME = "assume"


@attrs.frozen
class Known:
    """A value put in place of a placeholder, and where it came from (for messages)."""

    value: Any
    source: str


def typed_value(parameter: Parameter, value: object) -> tuple[Any, str | None]:
    """``value`` as the parameter's type takes it (text from the command line is converted),
    or an explanation of why it cannot be."""
    kind = parameter.kind
    if kind == "string":
        return (value, None) if isinstance(value, str) else (None, "expected text")
    if kind == "boolean":
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true", None
        return None, "expected true or false"
    if isinstance(value, bool):
        return None, f"expected {'an integer' if kind == 'integer' else 'a number'}"
    if kind == "integer":
        if isinstance(value, int):
            return value, None
        if isinstance(value, str):
            try:
                return int(value), None
            except ValueError:
                pass
        return None, "expected an integer"
    if isinstance(value, int | float):
        return value, None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            pass
        else:
            return (int(number) if number.is_integer() and "." not in value else number), None
    return None, "expected a number"


def known_values(
    document: Document,
    assume: Mapping[str, object] | None,
    defaults: bool,
) -> tuple[dict[str, Known], list[Problem]]:
    """The parameters' values for the what-if mode: ``assume`` first, then (with ``defaults``)
    each parameter's ``DefaultValue``; problems for names the pipeline does not declare and
    values its type does not take."""
    values: dict[str, Known] = {}
    problems: list[Problem] = []
    base = document.base
    for name, value in (assume or {}).items():
        parameter = document.parameters.get(name)
        if parameter is None:
            declared = ", ".join(sorted(document.parameters)) or "none"
            problems.append(
                Problem(
                    path="",
                    code=ASSUME,
                    message=f"assumed {name}: the pipeline has no such parameter "
                    f"(declared: {declared})",
                )
            )
            continue
        typed, wrong = typed_value(parameter, value)
        if wrong is not None:
            problems.append(
                Problem(
                    path="",
                    code=ASSUME,
                    message=f"assumed {name}={value!r}: the parameter is {parameter.type}, {wrong}",
                )
            )
            continue
        values[name] = Known(typed, f"{name}={value!r}, assumed")
    if defaults:
        for name, parameter in document.parameters.items():
            if name in values or not parameter.has_default:
                continue
            where = (*base, "Parameters", parameter.index, "DefaultValue")
            typed, wrong = typed_value(parameter, parameter.default)
            if wrong is not None:
                problems.append(
                    Problem(
                        path=document_path(where),
                        code=ASSUME,
                        message=f"the DefaultValue of {name} ({parameter.default!r}) does not "
                        f"suit its Type {parameter.type}: {wrong}",
                        location=where,
                    )
                )
                continue
            values[name] = Known(typed, f"{name}'s DefaultValue {parameter.default!r}")
    return values, problems


def _resolved(value: Any, values: Mapping[str, Known]) -> tuple[bool, Any, list[str]]:
    """Whether a placeholder's value is known, the value, and where it came from."""
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
                ok, item, source = _resolved(item, values)
                if not ok:
                    return False, None, []
                sources.extend(source)
            if isinstance(item, bool):
                item = "true" if item else "false"
            parts.append(str(item))
        return True, str(argument.get("On", "")).join(parts), sources
    return False, None, []


def substituted(
    request: EmbeddedRequest, values: Mapping[str, Known]
) -> tuple[EmbeddedRequest, dict[Location, str]]:
    """The request with the placeholders whose values are known replaced by them, and for each
    replaced place where its value came from."""
    if not values or not request.placeholders:
        return request, {}
    data = copy.deepcopy(request.data)
    left: list[Placeholder] = []
    sources: dict[Location, str] = {}
    for placeholder in request.placeholders:
        *parent_steps, last = placeholder.location
        parent: Any = data
        for step in parent_steps:
            parent = parent[step]
        ok, value, source = _resolved(parent[last], values)
        if ok:
            parent[last] = value
            sources[placeholder.location] = ", ".join(source)
        else:
            left.append(placeholder)
    return attrs.evolve(request, data=data, placeholders=tuple(left)), sources


def find_requests(document: object, *, kind: DocumentKind | None = None) -> list[EmbeddedRequest]:
    """Every tuning request in a loaded document (JSON or YAML data), in document order, each
    with its place (``location``, ``path``), its data and its placeholders.

    ``kind`` (``"request"`` or ``"pipeline"``) forces the kind; by default it is told from the
    content (:func:`detect`). A bare request is one request at the document's root; a pipeline's
    are the Arguments of its Tuning steps, Condition steps' branches included. Raises
    :class:`~hpt_request.model.errors.RequestValidationError` for a document of no known kind
    or a pipeline definition that cannot be read; a malformed placeholder is in the request's
    ``problems``."""
    from hpt_request.model.errors import RequestValidationError

    found = read_document(document, kind)
    blocking = [problem for problem in found.problems if problem.code != ASSUME]
    if found.kind is None or (blocking and not found.requests):
        raise RequestValidationError(blocking)
    return list(found.requests)
