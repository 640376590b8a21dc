"""A complete request in one call, for the everyday tuning job.

The wire form of an everyday job is about sixty lines of nested JSON. :func:`tuning_job` takes
the essentials flat and the search space as a mapping::

    request = tuning_job(
        "churn-xgb-1",
        objective_metric="validation:auc",
        search_space={
            "eta": Continuous(0.01, 0.3, scaling="Logarithmic"),
            "max_depth": Integer(3, 10),
            "booster": Categorical(["gbtree", "dart"]),
        },
        image="683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        role="arn:aws:iam::123456789012:role/SageMakerRole",
        inputs={"train": "s3://bucket/train/", "validation": "s3://bucket/validation/"},
        output_path="s3://bucket/output/",
        max_jobs=20,
        max_parallel=2,
    )

It returns an ordinary :class:`~hpt_request.CreateHyperParameterTuningJobRequest`: change it
with ``attrs.evolve`` or by assignment, check it with ``request.validate()``. The builder does
not validate; nothing is hidden from the checks. An argument of a type its member cannot take
raises :class:`~hpt_request.FieldTypeError` naming the argument as it was typed and the member
by its wire path (``max_jobs=20.0:
HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs takes int, not float
20.0``; ``search_space['eta'].low=True: ...ContinuousParameterRanges[0].MinValue ...``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from hpt_request.model.errors import FieldTypeError, Problem, Step, render_path
from hpt_request.model.shapes import (
    CategoricalParameterRange,
    Channel,
    ContinuousParameterRange,
    CreateHyperParameterTuningJobRequest,
    DataSource,
    HyperParameterAlgorithmSpecification,
    HyperParameterScalingType,
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobConfig,
    HyperParameterTuningJobObjective,
    HyperParameterTuningJobObjectiveType,
    HyperParameterTuningJobStrategyType,
    IntegerParameterRange,
    MetricDefinition,
    OutputDataConfig,
    ParameterRanges,
    ResourceConfig,
    ResourceLimits,
    S3DataSource,
    StoppingCondition,
    Tag,
    TrainingInputMode,
    TrainingInstanceType,
    TrainingJobEarlyStoppingType,
    _HyperParameterScalingTypeLiteral,
    _HyperParameterTuningJobObjectiveTypeLiteral,
    _HyperParameterTuningJobStrategyTypeLiteral,
    _TrainingInputModeLiteral,
    _TrainingInstanceTypeLiteral,
    _TrainingJobEarlyStoppingTypeLiteral,
)

Bound = int | float | Decimal | str
Value = str | int | float | Decimal | bool
# Enum-typed arguments take the enum's members or its exact wire strings (a type checker catches
# a misspelt string such as strategy="Bayesain").
Scaling = HyperParameterScalingType | _HyperParameterScalingTypeLiteral
ObjectiveType = HyperParameterTuningJobObjectiveType | _HyperParameterTuningJobObjectiveTypeLiteral
Strategy = HyperParameterTuningJobStrategyType | _HyperParameterTuningJobStrategyTypeLiteral
InputMode = TrainingInputMode | _TrainingInputModeLiteral
InstanceType = TrainingInstanceType | _TrainingInstanceTypeLiteral
EarlyStopping = TrainingJobEarlyStoppingType | _TrainingJobEarlyStoppingTypeLiteral


@attrs.frozen
class Integer:
    """An integer range for :func:`tuning_job`'s search space: ``Integer(3, 10)``."""

    low: Bound
    high: Bound
    scaling: Scaling | None = None


@attrs.frozen
class Continuous:
    """A continuous range: ``Continuous(1e-4, 0.1, scaling="Logarithmic")``."""

    low: Bound
    high: Bound
    scaling: Scaling | None = None


@attrs.frozen
class Categorical:
    """A categorical range: ``Categorical(["gbtree", "dart"])``."""

    values: Sequence[Value]


Dimension = Integer | Continuous | Categorical
Location = tuple[Step, ...]
Arguments = Mapping[str, tuple[str, object]]  # "Structure.Member" -> (argument as typed, value)

CONFIG = "HyperParameterTuningJobConfig"
DEFINITION = "TrainingJobDefinition"
# Where tuning_job() puts each structure it builds outside a list.
PLACES: Mapping[str, Location] = {
    "CreateHyperParameterTuningJobRequest": (),
    "HyperParameterTuningJobConfig": (CONFIG,),
    "HyperParameterTuningJobObjective": (CONFIG, "HyperParameterTuningJobObjective"),
    "ResourceLimits": (CONFIG, "ResourceLimits"),
    "HyperParameterTrainingJobDefinition": (DEFINITION,),
    "HyperParameterAlgorithmSpecification": (DEFINITION, "AlgorithmSpecification"),
    "OutputDataConfig": (DEFINITION, "OutputDataConfig"),
    "ResourceConfig": (DEFINITION, "ResourceConfig"),
    "StoppingCondition": (DEFINITION, "StoppingCondition"),
}
# The argument of tuning_job() that fills each member of those.
ARGUMENTS: Mapping[str, str] = {
    "CreateHyperParameterTuningJobRequest.HyperParameterTuningJobName": "name",
    "HyperParameterTuningJobConfig.Strategy": "strategy",
    "HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType": "early_stopping",
    "HyperParameterTuningJobObjective.Type": "objective_type",
    "HyperParameterTuningJobObjective.MetricName": "objective_metric",
    "ResourceLimits.MaxNumberOfTrainingJobs": "max_jobs",
    "ResourceLimits.MaxParallelTrainingJobs": "max_parallel",
    "ResourceLimits.MaxRuntimeInSeconds": "max_tuning_runtime",
    "HyperParameterTrainingJobDefinition.StaticHyperParameters": "static_hyperparameters",
    "HyperParameterTrainingJobDefinition.RoleArn": "role",
    "HyperParameterAlgorithmSpecification.TrainingImage": "image",
    "HyperParameterAlgorithmSpecification.AlgorithmName": "algorithm",
    "HyperParameterAlgorithmSpecification.TrainingInputMode": "input_mode",
    "OutputDataConfig.S3OutputPath": "output_path",
    "ResourceConfig.InstanceType": "instance_type",
    "ResourceConfig.InstanceCount": "instance_count",
    "ResourceConfig.VolumeSizeInGB": "volume_size",
    "StoppingCondition.MaxRuntimeInSeconds": "max_runtime",
    "StoppingCondition.MaxWaitTimeInSeconds": "max_wait",
}
_MEMBER = re.compile(r"[A-Za-z0-9]+")
# What follows a member in the model's label of a map entry or a list item: ``["key"]`` (the
# key as it is, between the quotes) or ``[1]``.
_KEY = re.compile(r'\["(.*)"\]|\[([0-9]+)\]', re.DOTALL)


def _shown(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _entry(suffix: str, argument: str, value: object) -> tuple[str, object, Location]:
    """The argument and value a map key or list index after a member names (``["eta"]``,
    ``[1]``), and its steps; the argument as it is where there is none."""
    found = _KEY.fullmatch(suffix)
    if found is None:
        return argument, value, ()
    key: str | int = found.group(1) if found.group(2) is None else int(found.group(2))
    try:
        item = value[key]  # type: ignore[index]
    except Exception:  # not what the model read it as: the value of the whole argument
        item = value
    return f"{argument}[{key!r}]", item, (key,)


def _wire(place: Location) -> str:
    return render_path(place, [False] * len(place))


def _prefixes(shape: str, place: Location) -> tuple[str, ...]:
    """How the model's FieldTypeError may begin the path of a member of ``shape`` built at
    ``place``: with the wire path of the structure (the generated label of a structure with a
    single place in a request; empty for the request) or with the name of its class."""
    return (f"{_wire(place)}." if place else "", f"{shape}.")


def _located(problem: Problem, places: Mapping[str, Location], arguments: Arguments) -> Problem:
    """A problem of a structure built at one of ``places`` (by the name of its class), at its
    full wire path, naming the argument that filled the member when one did."""
    if problem.location:
        return problem  # located already, by a context further in
    matches = [
        (len(prefix), shape, prefix)
        for shape, place in places.items()
        for prefix in _prefixes(shape, place)
        if problem.path.startswith(prefix)
    ]
    if not matches:
        return problem
    _, shape, prefix = max(matches)  # the longest: the request's, empty, only if no other
    place, rest = places[shape], problem.path[len(prefix) :]
    member = _MEMBER.match(rest)
    if member is None:
        return problem
    name = member.group()
    path = f"{_wire(place)}.{rest}" if place else rest
    detail = problem.message.removeprefix(problem.path)
    given = arguments.get(f"{shape}.{name}")
    if given is None:
        return Problem(path, "type", f"{path}{detail}", location=(*place, name))
    argument, value, steps = _entry(rest[len(name) :], *given)
    message = f"{argument}={_shown(value)}: {path}{detail}"
    return Problem(path, "type", message, location=(*place, name, *steps))


@contextlib.contextmanager
def _naming(places: Mapping[str, Location], arguments: Arguments) -> Iterator[None]:
    """A FieldTypeError raised while building the structures of ``places`` is raised again
    with its problems at their full wire paths, naming the argument typed
    (:func:`_located`)."""
    try:
        yield
    except FieldTypeError as error:
        raise FieldTypeError([_located(p, places, arguments) for p in error.problems]) from None


def _range(kind: str, name: str, dimension: Dimension, index: int) -> Any:
    """The range of one entry of the search space, the ``index``-th of its kind."""
    given = f"search_space[{name!r}]"
    member = f"{kind}ParameterRanges"
    places = {f"{kind}ParameterRange": (CONFIG, "ParameterRanges", member, index)}
    if isinstance(dimension, Categorical):
        named: dict[str, tuple[str, object]] = {
            "CategoricalParameterRange.Name": ("search_space key", name),
            "CategoricalParameterRange.Values": (f"{given}.values", dimension.values),
        }
        with _naming(places, named):
            return CategoricalParameterRange(name=name, values=dimension.values)
    cls = IntegerParameterRange if isinstance(dimension, Integer) else ContinuousParameterRange
    shape = cls.__name__
    arguments: dict[str, tuple[str, object]] = {
        f"{shape}.Name": ("search_space key", name),
        f"{shape}.MinValue": (f"{given}.low", dimension.low),
        f"{shape}.MaxValue": (f"{given}.high", dimension.high),
        f"{shape}.ScalingType": (f"{given}.scaling", dimension.scaling),
    }
    with _naming(places, arguments):
        return cls(
            name=name,
            min_value=dimension.low,
            max_value=dimension.high,
            scaling_type=dimension.scaling,
        )


def parameter_ranges(search_space: Mapping[str, Dimension]) -> ParameterRanges:
    """``ParameterRanges`` from a mapping of hyperparameter names to ranges (order kept)."""
    found: dict[str, list[Any]] = {"Integer": [], "Continuous": [], "Categorical": []}
    for name, dimension in search_space.items():
        if not isinstance(dimension, Integer | Continuous | Categorical):
            raise TypeError(
                f"search_space[{name!r}] is a {type(dimension).__name__}; "
                "use Integer, Continuous or Categorical"
            )
        kind = type(dimension).__name__
        found[kind].append(_range(kind, name, dimension, len(found[kind])))
    return ParameterRanges(
        integer_parameter_ranges=found["Integer"] or None,
        continuous_parameter_ranges=found["Continuous"] or None,
        categorical_parameter_ranges=found["Categorical"] or None,
    )


def s3_channel(
    name: str, uri: str, *, content_type: str | None = None, input_mode: InputMode | None = None
) -> Channel:
    """An input channel reading every object under an S3 prefix."""
    source = S3DataSource(
        s3_data_type="S3Prefix", s3_uri=uri, s3_data_distribution_type="FullyReplicated"
    )
    return Channel(
        channel_name=name,
        data_source=DataSource(s3_data_source=source),
        content_type=content_type,
        input_mode=input_mode,
    )


DEFAULT_RUNTIME = (
    24 * 3600
)  # SM:StoppingCondition.MaxRuntimeInSeconds: "The default value is 1 day."


def _spot_wait(max_wait: int | None, max_runtime: int | None) -> int:
    """MaxWaitTimeInSeconds of a spot job: as given, else the runtime (SageMaker's default
    runtime when that is not given either)."""
    if max_wait is not None:
        return max_wait
    return max_runtime if max_runtime is not None else DEFAULT_RUNTIME


def tuning_job(
    name: str,
    *,
    objective_metric: str,
    search_space: Mapping[str, Dimension],
    role: str,
    output_path: str,
    objective_type: ObjectiveType = "Maximize",
    image: str | None = None,
    algorithm: str | None = None,
    metric_definitions: Mapping[str, str] | None = None,
    inputs: Mapping[str, str | Channel] | None = None,
    content_type: str | None = None,
    input_mode: InputMode = "File",
    strategy: Strategy = "Bayesian",
    max_jobs: int | None = None,
    max_parallel: int = 1,
    max_tuning_runtime: int | None = None,
    instance_type: InstanceType = "ml.m5.xlarge",
    instance_count: int = 1,
    volume_size: int = 30,
    max_runtime: int | None = None,
    spot: bool = False,
    max_wait: int | None = None,
    static_hyperparameters: Mapping[str, Value] | None = None,
    early_stopping: EarlyStopping | None = None,
    tags: Mapping[str, str] | None = None,
) -> CreateHyperParameterTuningJobRequest:
    """A complete request with a single training job definition.

    - ``image`` (your container or a built-in algorithm's) or ``algorithm`` (an algorithm
      resource) names what to train; with ``image``, ``metric_definitions`` maps metric names to
      the regular expressions that find them in the logs.
    - ``inputs`` maps channel names to S3 prefixes (or :class:`~hpt_request.Channel` objects);
      ``content_type`` applies to the prefixes.
    - ``max_jobs``/``max_parallel``/``max_tuning_runtime`` are the tuning budget;
      ``instance_type``/``instance_count``/``volume_size``/``max_runtime`` each training job's.
    - ``max_runtime`` (seconds) is left out of the request when not given: SageMaker then
      stops each training job after one day, and the summary marks that runtime as the default.
    - ``spot=True`` uses managed spot training, waiting up to ``max_wait`` seconds (by default
      ``max_runtime``, or one day).
    """
    given = dict(locals())  # the arguments, by name, for the messages of FieldTypeError
    channels = [
        _channel(index, key, value, content_type)
        for index, (key, value) in enumerate((inputs or {}).items())
    ]
    metrics = [
        _metric(index, metric, regex) for index, metric, regex in _indexed(metric_definitions)
    ]
    with _naming(PLACES, {label: (name, given[name]) for label, name in ARGUMENTS.items()}):
        definition = HyperParameterTrainingJobDefinition(
            static_hyper_parameters=dict(static_hyperparameters)
            if static_hyperparameters is not None
            else None,
            algorithm_specification=HyperParameterAlgorithmSpecification(
                training_image=image,
                algorithm_name=algorithm,
                training_input_mode=input_mode,
                metric_definitions=metrics or None,
            ),
            role_arn=role,
            input_data_config=channels or None,
            output_data_config=OutputDataConfig(s3_output_path=output_path),
            resource_config=ResourceConfig(
                instance_type=instance_type,
                instance_count=instance_count,
                volume_size_in_gb=volume_size,
            ),
            stopping_condition=StoppingCondition(
                max_runtime_in_seconds=max_runtime,
                max_wait_time_in_seconds=_spot_wait(max_wait, max_runtime) if spot else None,
            ),
            enable_network_isolation=True if algorithm is not None else None,
            enable_managed_spot_training=True if spot else None,
        )
        config = HyperParameterTuningJobConfig(
            strategy=strategy,
            hyper_parameter_tuning_job_objective=HyperParameterTuningJobObjective(
                type=objective_type, metric_name=objective_metric
            ),
            resource_limits=ResourceLimits(
                max_number_of_training_jobs=max_jobs,
                max_parallel_training_jobs=max_parallel,
                max_runtime_in_seconds=max_tuning_runtime,
            ),
            parameter_ranges=parameter_ranges(search_space),
            training_job_early_stopping_type=early_stopping,
        )
        return CreateHyperParameterTuningJobRequest(
            hyper_parameter_tuning_job_name=name,
            hyper_parameter_tuning_job_config=config,
            training_job_definition=definition,
            tags=[_tag(index, key, value) for index, key, value in _indexed(tags)] or None,
        )


def _indexed(entries: Mapping[str, Any] | None) -> list[tuple[int, str, Any]]:
    return [(index, key, value) for index, (key, value) in enumerate((entries or {}).items())]


def _channel(index: int, key: str, value: str | Channel, content_type: str | None) -> Channel:
    """The ``index``-th input channel, from ``inputs[key]``."""
    if isinstance(value, Channel):
        return value
    where: Location = (DEFINITION, "InputDataConfig", index)
    places = {"Channel": where, "S3DataSource": (*where, "DataSource", "S3DataSource")}
    arguments = {
        "Channel.ChannelName": ("inputs key", key),
        "Channel.ContentType": ("content_type", content_type),
        "S3DataSource.S3Uri": (f"inputs[{key!r}]", value),
    }
    with _naming(places, arguments):
        return s3_channel(key, value, content_type=content_type)


def _metric(index: int, name: str, regex: str) -> MetricDefinition:
    """The ``index``-th metric definition, from ``metric_definitions[name]``."""
    where = (DEFINITION, "AlgorithmSpecification", "MetricDefinitions", index)
    arguments = {
        "MetricDefinition.Name": ("metric_definitions key", name),
        "MetricDefinition.Regex": (f"metric_definitions[{name!r}]", regex),
    }
    with _naming({"MetricDefinition": where}, arguments):
        return MetricDefinition(name=name, regex=regex)


def _tag(index: int, key: str, value: str) -> Tag:
    """The ``index``-th tag, from ``tags[key]``."""
    arguments = {"Tag.Key": ("tags key", key), "Tag.Value": (f"tags[{key!r}]", value)}
    with _naming({"Tag": ("Tags", index)}, arguments):
        return Tag(key=key, value=value)
