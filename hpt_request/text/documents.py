"""Documents that hold tuning requests: which kind a document is, and where its requests are.

The kinds known:

- ``request``: a bare CreateHyperParameterTuningJob request (or a Describe response, which the
  check turns into one ``describe-response`` problem), checked as it always was;
- ``pipeline``: a SageMaker Pipelines definition (:mod:`.pipelines`);
- ``statemachine``: an AWS Step Functions state machine (:mod:`.statemachines`);
- ``template``: a CloudFormation or SAM template that defines state machines or pipelines
  (:mod:`.templates`);
- ``manifest``: Kubernetes manifests of the ACK SageMaker controller's
  ``HyperParameterTuningJob`` (:mod:`.manifests`), one or a stream of several;
- ``serverless``: a Serverless Framework service file (``serverless.yml``) whose
  serverless-step-functions state machines and CloudFormation resources hold requests
  (:mod:`.serverless`).

:func:`detect` tells the kind from the content; :func:`read_document` finds every request
(:mod:`.embedded` has what it finds) with the module of its kind. :func:`substituted` puts values
in place of the placeholders they are known for (the what-if mode). The check itself is
:func:`hpt_request.check.validate_document`.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from typing import Any

import attrs

from hpt_request.model.errors import Problem
from hpt_request.text import manifests, pipelines, serverless, statemachines, templates
from hpt_request.text.embedded import (
    KINDS as KINDS,
)
from hpt_request.text.embedded import (
    Document as Document,
)
from hpt_request.text.embedded import (
    DocumentCheck as DocumentCheck,
)
from hpt_request.text.embedded import (
    DocumentKind as DocumentKind,
)
from hpt_request.text.embedded import (
    EmbeddedRequest as EmbeddedRequest,
)
from hpt_request.text.embedded import (
    Known as Known,
)
from hpt_request.text.embedded import (
    Location as Location,
)
from hpt_request.text.embedded import (
    Skipped as Skipped,
)
from hpt_request.text.embedded import (
    document_path as document_path,
)
from hpt_request.text.embedded import (
    joined as joined,
)
from hpt_request.text.placeholders import Parameter, Placeholder

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


# -- detection ----------------------------------------------------------------------------------


# Documents of other kinds, told by their members, that hold no request this version reads.
OTHER_KINDS: tuple[tuple[frozenset[str], str], ...] = (
    (
        frozenset({"apiVersion", "kind"}),
        "a Kubernetes manifest (apiVersion, kind), but not a HyperParameterTuningJob of the ACK "
        "SageMaker controller",
    ),
)


def detect(data: object) -> DocumentKind | None:
    """The kind of a loaded document, from its content; None for a document recognised as one
    of another kind (:data:`OTHER_KINDS`).

    A pipeline has a ``Steps`` list (a definition) or a ``PipelineDefinition`` (a DescribePipeline
    response, a CreatePipeline request); a state machine has ``StartAt`` and ``States`` (or a
    ``definition`` text, in a CreateStateMachine request or DescribeStateMachine response).
    Anything else is a request, checked as such: an object
    with a request's (or a Describe response's) members, and any input that is none of the
    known documents, whose structural problems then say what is wrong."""
    if manifests.is_manifest_stream(data):
        return "manifest"
    if _kubernetes_stream(data):
        return None
    if not isinstance(data, Mapping):
        return "request"
    if isinstance(data.get("Steps"), list) or "PipelineDefinition" in data:
        return "pipeline"
    if any(key in REQUEST_KEYS for key in data):
        return "request"
    if statemachines.is_state_machine(data):
        return "statemachine"
    if templates.is_template(data):
        return "template"
    if serverless.is_service(data):
        return "serverless"
    if _other_kind(data) is not None:
        return None
    return "request"


LEGACY_OPERATOR_GROUP = "sagemaker.aws.amazon.com/"
"""The API group of the original SageMaker Operators for Kubernetes (v1.2.2 and earlier), whose
development and support AWS has stopped in favour of the ACK SageMaker controller (the Developer
Guide's page "Migrate resources to the latest Operators",
https://docs.aws.amazon.com/sagemaker/latest/dg/kubernetes-sagemaker-operators-migrate.html).
Its HyperparameterTuningJob spec is not the ACK one (static hyperparameters and tags as lists of
name/value pairs, other spellings), and is not read."""


def _legacy_tuning_manifest(data: object) -> bool:
    """Whether ``data`` (or a document of its stream) is a tuning job of the original operator."""
    items = data if isinstance(data, list) else [data]
    return any(
        isinstance(item, Mapping)
        and isinstance(item.get("apiVersion"), str)
        and item["apiVersion"].startswith(LEGACY_OPERATOR_GROUP)
        and str(item.get("kind", "")).casefold() == "hyperparametertuningjob"
        for item in items
    )


def _other_kind(data: Mapping[Any, Any]) -> str | None:
    version = data.get("apiVersion")
    if isinstance(version, str) and version.startswith(LEGACY_OPERATOR_GROUP):
        return (
            f"a {data.get('kind')} of the original SageMaker Operators for Kubernetes "
            f"(apiVersion {version}), which hpt-request does not read: AWS has stopped "
            "supporting it and recommends the ACK SageMaker controller (apiVersion "
            f"{manifests.API_GROUP}/v1alpha1), whose HyperParameterTuningJob manifests are read"
        )
    for members, name in OTHER_KINDS:
        if all(member in data for member in members):
            return name
    return None


def _kubernetes_stream(data: object) -> bool:
    """Whether ``data`` is a list of Kubernetes objects (a YAML stream of manifests)."""
    return (
        isinstance(data, list)
        and any(item is not None for item in data)
        and all(
            item is None or (isinstance(item, Mapping) and "apiVersion" in item and "kind" in item)
            for item in data
        )
    )


def _recognised(data: Mapping[Any, Any] | list[Any]) -> str:
    if isinstance(data, list):
        objects = [item for item in data if item is not None]
        kinds = ", ".join(sorted({str(item["kind"]) for item in objects}))
        return (
            f"a stream of {len(objects)} Kubernetes manifests ({kinds}), none a "
            "HyperParameterTuningJob of the ACK SageMaker controller"
        )
    other = _other_kind(data)
    if other is not None:
        return other
    keys = [key for key in data if isinstance(key, str)][:6]
    shown = ", ".join(f'"{key}"' for key in keys)
    more = ", ..." if len(data) > len(keys) else ""
    return f"an object with the members {shown}{more}" if keys else "an object"


# Top-level members that name a request's member closely enough to count as one misspelt
# (a request found in a folder with a slip in every member's name is still checked).
_REQUEST_WORDS = tuple(sorted(key for key in REQUEST_KEYS if key != "Tags"))
_FOLDED = frozenset(key.casefold() for key in _REQUEST_WORDS)


def _names_a_request_member(key: object) -> bool:
    if not isinstance(key, str):
        return False
    folded = key.casefold()
    if folded in _FOLDED or "hyperparametertuning" in folded:
        return True
    return bool(difflib.get_close_matches(key, _REQUEST_WORDS, n=1, cutoff=0.8))


def unrelated(data: object) -> str | None:
    """What a document is, when it is plainly none that holds a tuning request: one of no
    known kind whose top-level members name no member of a request, not even misspelt
    (``"name"``, ``"version"`` and ``"scripts"`` of a ``package.json``; ``Tags`` alone says
    nothing), or one recognised as of another kind (a Kubernetes Deployment). None when it may
    hold one: any known document, or anything with a member such as
    ``HyperParameterTuningJobConfig``, ``trainingJobDefinition`` or ``HyperparamTuningJobName``,
    which is checked (and its problems said) as a request."""
    kind = detect(data)
    if kind is not None and kind != "request":
        return None
    if _legacy_tuning_manifest(data):
        return None  # it holds a request this version does not read: its problem says so
    if isinstance(data, Mapping):
        if kind == "request" and any(_names_a_request_member(key) for key in data):
            return None
        return _recognised(data)
    if isinstance(data, list):
        for item in data:
            if isinstance(item, Mapping) and any(_names_a_request_member(k) for k in item):
                return None
        if kind is None:
            return _recognised(data)
        return f"a list of {len(data)} values" if data else "an empty list"
    return f"a single value ({type(data).__name__})"


def unknown_kind(data: Mapping[Any, Any] | list[Any]) -> Problem:
    """The one problem of a document of no known kind: what it was recognised as."""
    return Problem(
        path="",
        code=UNKNOWN_KIND,
        message=(
            f"not a document hpt-request reads: this is {_recognised(data)}; hpt-request reads "
            "tuning requests (HyperParameterTuningJobConfig, TrainingJobDefinition, ...), "
            "SageMaker Pipelines definitions (Steps) and DescribePipeline responses "
            "(PipelineDefinition), Step Functions state machines (StartAt, States), "
            "CloudFormation or SAM templates (Resources), ACK HyperParameterTuningJob "
            "manifests and Serverless Framework service files (service, stepFunctions); --kind "
            "(kind= in Python) says which one a file is meant to be"
        ),
    )


def read_document(data: object, kind: DocumentKind | None = None) -> Document:
    """The requests of a loaded document (``kind`` detected unless given). A request document
    has one request, the document itself; a document of no known kind has none and one
    problem."""
    chosen = kind or detect(data)
    if chosen == "pipeline":
        return pipelines.read(data)
    if chosen == "statemachine":
        return statemachines.read(data)
    if chosen == "template":
        return templates.read(data)
    if chosen == "manifest":
        return manifests.read(data)
    if chosen == "serverless":
        return serverless.read(data)
    if chosen == "request":
        return Document("request", (EmbeddedRequest((), "", data),))
    assert isinstance(data, Mapping | list)
    return Document(None, problems=(unknown_kind(data),))


# -- what-if ------------------------------------------------------------------------------------


ASSUME = "assume"

NOUNS: Mapping[str, str] = {
    "pipeline": "pipeline",
    "statemachine": "state machine",
    "template": "template",
    "manifest": "manifest",
    "serverless": "service file",
}
"""What each kind of document is called in messages."""


def typed_value(parameter: Parameter, value: object) -> tuple[Any, str | None]:
    """``value`` as the parameter's type takes it (text from the command line is converted),
    or an explanation of why it cannot be."""
    kind = parameter.kind
    if kind == "any":
        return value, None
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
    each parameter's default (a pipeline's ``DefaultValue``, a template's ``Default``); problems
    for names the document does not declare and
    values its type does not take."""
    values: dict[str, Known] = {}
    problems: list[Problem] = []
    for name, value in (assume or {}).items():
        parameter = document.parameters.get(name)
        if parameter is None:
            declared = ", ".join(sorted(document.parameters)) or "none"
            problems.append(
                Problem(
                    path="",
                    code=ASSUME,
                    message=f"assumed {name}: the {NOUNS.get(document.kind or '', 'document')} "
                    f"has no such parameter (declared: {declared})",
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
            where = parameter.where
            member = where[-1] if where else "default"
            typed, wrong = typed_value(parameter, parameter.default)
            if wrong is not None:
                problems.append(
                    Problem(
                        path=document_path(where),
                        code=ASSUME,
                        message=f"the {member} of {name} ({parameter.default!r}) does not "
                        f"suit its Type {parameter.type}: {wrong}",
                        location=where,
                    )
                )
                continue
            values[name] = Known(typed, f"{name}'s {member} {parameter.default!r}")
    return values, problems


def _resolved(
    request: EmbeddedRequest, value: Any, values: Mapping[str, Known]
) -> tuple[bool, Any, list[str]]:
    """Whether the placeholder written as ``value`` has a known value, with it and its sources."""
    if request.within == "template":
        ok, known, sources = templates.resolved(value, values)
        if ok:
            return ok, known, sources
    if request.context == "pipeline":
        return pipelines.resolved(value, values)
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
        ok, value, source = _resolved(request, parent[last], values)
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
