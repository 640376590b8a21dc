"""From a DescribeHyperParameterTuningJob response back to a request.

- :func:`from_describe` rebuilds the request that created a job from the job's Describe
  response (the dict boto3 returns): it keeps the members of the request shape, drops the
  response-only ones (ARN, status, times, counters, best training jobs, ``ResponseMetadata``,
  ...) and the static hyperparameter SageMaker adds (``_tuning_objective_metric``), and reads
  the result with :func:`~hpt_request.from_wire`.
- :func:`warm_start_from` builds the child of a job: the same configuration under a new name,
  warm-started from that job.

Describe responses do not carry the job's tags: a rebuilt request has no ``Tags`` unless the
response dict was given one (for example from ``ListTags``), so re-add them.

Both functions raise nothing but :class:`~hpt_request.RequestValidationError`, with wire
paths, whatever the input.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from hpt_request import model
from hpt_request.check import _never_crash, from_wire
from hpt_request.model.errors import Problem, RequestValidationError
from hpt_request.rules import SERVICE_HYPERPARAMETERS

Request = model.CreateHyperParameterTuningJobRequest

REQUEST_MEMBERS: tuple[str, ...] = tuple(field.metadata["wire"] for field in attrs.fields(Request))
"""The wire members of the request, in spec order; every other member of a Describe response
is response-only."""

_NAME = "HyperParameterTuningJobName"


@_never_crash
def from_describe(
    describe_response: object, *, name: str | None = None
) -> model.CreateHyperParameterTuningJobRequest:
    """The request that creates the job ``describe_response`` describes.

    ``describe_response`` is a DescribeHyperParameterTuningJob response as boto3 returns it
    (``ResponseMetadata``, datetimes and all). Every member of the request shape that it holds
    is kept as it is, falsy values (``0``, ``False``, ``""``) included, in spec order; every
    other member is dropped. SageMaker's own static hyperparameter ``_tuning_objective_metric``
    is removed from each training job definition (and ``StaticHyperParameters`` with it, when
    it held nothing else), and so are the ``MetricDefinitions`` the service lists for a built-in
    algorithm (its own metrics, which a request may not send). ``name`` replaces
    ``HyperParameterTuningJobName``.

    Describe responses do not carry tags: the request has no ``Tags`` (unless the dict holds
    a ``Tags`` member, which is kept), so add them again before creating a job.

    The result is read with :func:`~hpt_request.from_wire` (schema, model and cross-field
    rules); any error, or an input that is not a Describe response, raises
    :class:`~hpt_request.RequestValidationError` with wire paths."""
    wire = _request_members(_as_mapping(describe_response))
    if name is not None:
        wire[_NAME] = name
    return from_wire(wire)


@_never_crash
def warm_start_from(
    describe_response: object,
    *,
    name: str,
    warm_start_type: model.HyperParameterTuningJobWarmStartType | str = "TransferLearning",
) -> model.CreateHyperParameterTuningJobRequest:
    """A new tuning job warm-started from the job ``describe_response`` describes.

    The child has the parent's configuration (as :func:`from_describe` rebuilds it, so without
    tags), the new ``name``, and a ``WarmStartConfig`` with the parent as its single parent
    and ``warm_start_type`` (a :class:`~hpt_request.HyperParameterTuningJobWarmStartType`
    member or its exact string, ``"TransferLearning"`` or ``"IdenticalDataAndAlgorithm"``). A
    ``WarmStartConfig`` of the parent's own is replaced. The child is checked against the
    parent too (``parents=``), so any warm-start rule it breaks is reported.

    Raises :class:`~hpt_request.RequestValidationError` if ``name`` is the parent's name (job
    names are not case sensitive; code ``warm-start-own-parent``), if the parent has
    ``TrainingJobDefinitions`` (multi-algorithm jobs cannot be warm-started from; code
    ``multi-no-warm-start`` at ``WarmStartConfig``), or on any problem of the child."""
    describe = _as_mapping(describe_response)
    parent = from_describe(describe)
    parent_name = parent.hyper_parameter_tuning_job_name
    if parent.training_job_definitions is not None:
        raise RequestValidationError(
            [
                Problem(
                    path="WarmStartConfig",
                    code="multi-no-warm-start",
                    message=(
                        f'parent "{parent_name}" has TrainingJobDefinitions (several '
                        "algorithms); warm start needs a parent with a single "
                        "TrainingJobDefinition"
                    ),
                    location=("WarmStartConfig",),
                )
            ]
        )
    if isinstance(name, str) and name.lower() == parent_name.lower():
        raise RequestValidationError(
            [
                Problem(
                    path=_NAME,
                    code="warm-start-own-parent",
                    message=(
                        f"the new job's name \"{name}\" is the parent's name; a warm-started "
                        "job needs a name of its own (job names are not case sensitive)"
                    ),
                    location=(_NAME,),
                )
            ]
        )
    wire = _request_members(describe)
    wire[_NAME] = name
    wire["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [{_NAME: parent_name}],
        "WarmStartType": (
            warm_start_type.value if isinstance(warm_start_type, enum.Enum) else warm_start_type
        ),
    }
    return from_wire(wire, parents=[describe])


def _as_mapping(describe_response: object) -> Mapping[str, Any]:
    if not isinstance(describe_response, Mapping):
        raise RequestValidationError(
            [
                Problem(
                    path="",
                    code="type",
                    message=(
                        "expected a DescribeHyperParameterTuningJob response (a JSON object), "
                        f"not {type(describe_response).__name__}"
                    ),
                )
            ]
        )
    return describe_response


def _request_members(describe: Mapping[Any, Any]) -> dict[str, Any]:
    """The request members of a Describe response, in spec order, without the service's own
    static hyperparameters. The input is not modified."""
    wire = {member: describe[member] for member in REQUEST_MEMBERS if member in describe}
    definition = wire.get("TrainingJobDefinition")
    if isinstance(definition, Mapping):
        wire["TrainingJobDefinition"] = _as_requested(definition)
    definitions = wire.get("TrainingJobDefinitions")
    if isinstance(definitions, list):
        wire["TrainingJobDefinitions"] = [
            _as_requested(item) if isinstance(item, Mapping) else item for item in definitions
        ]
    return wire


def _as_requested(definition: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """A training job definition of a Describe response without what the service added."""
    return _without_service_metrics(_without_service_hyperparameters(definition))


def _without_service_metrics(definition: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """The definition without ``MetricDefinitions`` where the image is a built-in algorithm run
    as an algorithm: DescribeHyperParameterTuningJob lists the algorithm's own metrics there,
    which the service adds, and a request that sends them is refused ("You can't override the
    metric definitions for Amazon SageMaker algorithms"). In framework (script) mode the
    definitions are the user's, and kept."""
    from hpt_request.rules import algorithms

    spec = definition.get("AlgorithmSpecification")
    if not isinstance(spec, Mapping) or "MetricDefinitions" not in spec:
        return definition
    image = spec.get("TrainingImage")
    static = definition.get("StaticHyperParameters")
    if not isinstance(image, str) or algorithms.identify(image) is None:
        return definition
    if isinstance(static, Mapping) and algorithms.framework_mode(dict(static)):
        return definition
    copy = dict(definition)
    copy["AlgorithmSpecification"] = {
        key: value for key, value in spec.items() if key != "MetricDefinitions"
    }
    return copy


def _without_service_hyperparameters(definition: Mapping[Any, Any]) -> Mapping[Any, Any]:
    static = definition.get("StaticHyperParameters")
    if not isinstance(static, Mapping) or not SERVICE_HYPERPARAMETERS & static.keys():
        return definition
    kept = {key: value for key, value in static.items() if key not in SERVICE_HYPERPARAMETERS}
    copy = dict(definition)
    if kept:
        copy["StaticHyperParameters"] = kept
    else:
        # SageMaker adds its hyperparameter whether or not the request had any: when it is the
        # only one, the request had no StaticHyperParameters (or an empty map, which is the same).
        del copy["StaticHyperParameters"]
    return copy
