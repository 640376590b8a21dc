"""What AWS added after the pinned spec: never an error when the installed botocore knows it.

The spec is pinned (``model.BOTOCORE_VERSION``); AWS adds members, enum values and instance
types every few weeks, and users upgrade botocore on their own schedule. Two softenings of
structural problems, applied by :mod:`hpt_request.check`:

- :func:`against_installed` (``accept_newer=True``; what :func:`~hpt_request.guard` and
  :func:`~hpt_request.submit` use, with the model of the client that will send the call): a
  problem whose value the installed model accepts (a member it has, an enum value it lists, a
  length, range or pattern it allows) becomes one ``newer-than-spec`` warning naming the member
  and both botocore versions. Everything else is checked as usual.
- :func:`instance_types` (always): an ``InstanceType`` of the form ``ml.<family>.<size>`` that the
  pinned list lacks is a warning (``instance-type-not-in-spec``): probably a type AWS added
  since. A value of any other form (``m5.xlarge``) stays an error.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from hpt_request import model
from hpt_request.model.errors import Problem, Step

OPERATION = "CreateHyperParameterTuningJob"
NEWER = "newer-than-spec"
INSTANCE_TYPE = "instance-type-not-in-spec"
# The members whose values are SageMaker training instance types.
INSTANCE_TYPE_MEMBERS = frozenset({"InstanceType"})
ML_INSTANCE_TYPE = re.compile(r"ml\.[a-z][a-z0-9-]*\.[0-9]*[a-z][a-z0-9]*")
# Structural codes a newer model can make acceptable.
SOFTENABLE = frozenset(
    {
        "additionalProperties",
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
    }
)


# An instance size as EC2 writes sizes: nano ... xlarge, NNxlarge (no 0 or 1 in front), metal,
# metal-NNxl. A size outside it names no instance at all, now or later.
INSTANCE_SIZE = re.compile(
    r"nano|micro|small|medium|large|xlarge|(?:[2-9]|[1-9][0-9]+)xlarge|metal(?:-[1-9][0-9]*xl)?"
)

# The kinds of jobs each instance type shape of the SageMaker model is for (botocore's shape
# names), in words.
JOB_KINDS: Mapping[str, str] = {
    "InstanceType": "notebook instances",
    "NotebookInstanceAcceleratorType": "notebook instance accelerators",
    "ProductionVariantInstanceType": "endpoints",
    "ProductionVariantAcceleratorType": "endpoint accelerators",
    "TransformInstanceType": "batch transform jobs",
    "AppInstanceType": "Studio apps",
    "ClusterInstanceType": "HyperPod clusters",
    "OptimizationJobDeploymentInstanceType": "inference optimization jobs",
    "ProcessingInstanceType": "processing jobs",
}


@functools.cache
def _instance_types() -> Mapping[str, Any]:
    """``hpt_request/schema/data/instance_types.json`` (GENERATED): the training instance types
    and the types of other kinds of jobs."""
    from hpt_request.model import packaged

    loaded: Mapping[str, Any] = json.loads(
        packaged.read_text("schema", "data", "instance_types.json")
    )
    return loaded


def _closest_training_type(value: str, cutoff: float) -> str | None:
    import difflib

    training: list[str] = _instance_types()["training"]
    close = difflib.get_close_matches(value, training, n=1, cutoff=cutoff)
    return close[0] if close else None


def _suggestion(value: str, cutoff: float = 0.8) -> str:
    closest = _closest_training_type(value, cutoff)
    return f"; did you mean {closest}?" if closest else ""


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _instance_type_problem(problem: Problem, value: str) -> Problem:
    """What an ``enum`` problem on an ``ml.`` instance type becomes: an error for a size that
    never exists or a type of another kind of job, a ``instance-type-not-in-spec`` warning for
    a type that looks like one added since the pinned botocore."""
    size = value.split(".", 2)[2]
    if not INSTANCE_SIZE.fullmatch(size):
        return attrs.evolve(
            problem,
            message=(
                f'InstanceType "{value}" names no instance: "{size}" is not an instance size '
                "(sizes are medium, large, xlarge, 2xlarge, 4xlarge, ..., metal)"
                f"{_suggestion(value)}"
            ),
        )
    kinds = _instance_types()["other_kinds"].get(value)
    if kinds:
        words = _listed(list(dict.fromkeys(JOB_KINDS.get(kind, kind) for kind in kinds)))
        return attrs.evolve(
            problem,
            message=(
                f'InstanceType "{value}" is a SageMaker instance type for {words}, not for '
                f"training jobs{_suggestion(value)}"
            ),
        )
    return attrs.evolve(
        problem,
        code=INSTANCE_TYPE,
        severity="warning",
        effective_severity="warning",
        message=(
            f'InstanceType "{value}" is not in the list of botocore '
            f"{model.BOTOCORE_VERSION}, the spec this release was built from; it looks "
            "like a SageMaker instance type added since (a newer botocore would know it)"
            f"{_suggestion(value, cutoff=0.9)}"
        ),
    )


def instance_types(data: object, problems: list[Problem]) -> list[Problem]:
    """``enum`` problems on ``ml.<family>.<size>`` values missing from the pinned instance type
    list, explained (:func:`_instance_type_problem`): ``problems`` itself when there is none
    (the common case), else a copy with those replaced."""
    out: list[Problem] | None = None
    for index, problem in enumerate(problems):
        location = problem.location
        if (
            problem.code == "enum"
            and location
            and location[-1] in INSTANCE_TYPE_MEMBERS
            and isinstance(value := _value_at(data, location), str)
            and ML_INSTANCE_TYPE.fullmatch(value)
        ):
            if out is None:
                out = list(problems)
            out[index] = _instance_type_problem(problem, value)
    return problems if out is None else out


@functools.cache
def installed_model() -> Any:
    """The installed botocore's SageMaker service model, or None without botocore."""
    try:
        import botocore.session
    except ImportError:
        return None
    return botocore.session.get_session().get_service_model("sagemaker")


def _botocore_version() -> str:
    try:
        import botocore
    except ImportError:  # pragma: no cover - only reached with a model passed in by hand
        return "unknown"
    return str(botocore.__version__)


def against_installed(
    data: object, problems: Sequence[Problem], service_model: Any = None
) -> list[Problem]:
    """``problems`` with those the installed model accepts turned into ``newer-than-spec``
    warnings (``service_model``: a botocore ``ServiceModel``; the installed one by default)."""
    service_model = service_model if service_model is not None else installed_model()
    if service_model is None:
        return list(problems)
    try:
        root = service_model.operation_model(OPERATION).input_shape
    except Exception:  # a model without the operation: nothing to compare with
        return list(problems)
    out = []
    for problem in problems:
        if problem.code in SOFTENABLE and _accepted(root, data, problem):
            problem = attrs.evolve(
                problem,
                code=NEWER,
                severity="warning",
                effective_severity="warning",
                message=(
                    f"{problem.path or 'the request'} is not allowed by the spec this release "
                    f"was built from (botocore {model.BOTOCORE_VERSION}: {problem.message}), "
                    f"but the installed botocore {_botocore_version()} accepts it; the rest of "
                    "the request is checked as usual"
                ),
            )
        out.append(problem)
    return out


def _shape_at(root: Any, steps: Sequence[Step]) -> Any:
    shape = root
    for step in steps:
        kind = getattr(shape, "type_name", None)
        if kind == "structure" and isinstance(step, str):
            shape = shape.members.get(step)
        elif kind == "list" and isinstance(step, int):
            shape = shape.member
        elif kind == "map" and isinstance(step, str):
            shape = shape.value
        else:
            return None
        if shape is None:
            return None
    return shape


def _value_at(data: object, steps: Sequence[Step]) -> object:
    value = data
    for step in steps:
        in_list = isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value)
        in_map = isinstance(step, str) and isinstance(value, dict) and step in value
        if not (in_list or in_map):
            return None
        value = value[step]  # type: ignore[index]
    return value


def _accepted(root: Any, data: object, problem: Problem) -> bool:
    """Whether the installed model accepts the value the problem is about."""
    steps = problem.location
    if problem.code == "additionalProperties":
        parent = _shape_at(root, steps[:-1])
        return (
            getattr(parent, "type_name", None) == "structure"
            and bool(steps)
            and steps[-1] in parent.members
        )
    shape = _shape_at(root, steps)
    if shape is None:
        return False
    value = _value_at(data, steps)
    meta = shape.metadata
    if problem.code == "enum":
        return isinstance(value, str) and value in (getattr(shape, "enum", None) or [])
    if problem.code in ("minLength", "maxLength", "minItems", "maxItems"):
        size = len(value) if isinstance(value, str | list) else None
        return size is not None and meta.get("min", 0) <= size <= meta.get("max", size)
    if problem.code in ("minProperties", "maxProperties"):
        size = len(value) if isinstance(value, dict) else None
        return size is not None and meta.get("min", 0) <= size <= meta.get("max", size)
    if problem.code in ("minimum", "maximum"):
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        return (
            number is not None
            and meta.get("min", number) <= number
            and number <= meta.get("max", number)
        )
    if problem.code == "pattern":
        pattern = meta.get("pattern")
        if not isinstance(value, str) or not isinstance(pattern, str):
            return False
        try:
            return re.fullmatch(pattern, value) is not None
        except re.error:  # a Java construct Python cannot read: no verdict, no softening
            return False
    return False
