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
not validate; nothing is hidden from the checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

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


def parameter_ranges(search_space: Mapping[str, Dimension]) -> ParameterRanges:
    """``ParameterRanges`` from a mapping of hyperparameter names to ranges (order kept)."""
    integers, continuous, categorical = [], [], []
    for name, dimension in search_space.items():
        if isinstance(dimension, Integer):
            integers.append(
                IntegerParameterRange(
                    name=name,
                    min_value=dimension.low,
                    max_value=dimension.high,
                    scaling_type=dimension.scaling,
                )
            )
        elif isinstance(dimension, Continuous):
            continuous.append(
                ContinuousParameterRange(
                    name=name,
                    min_value=dimension.low,
                    max_value=dimension.high,
                    scaling_type=dimension.scaling,
                )
            )
        elif isinstance(dimension, Categorical):
            categorical.append(CategoricalParameterRange(name=name, values=dimension.values))
        else:
            raise TypeError(
                f"search_space[{name!r}] is a {type(dimension).__name__}; "
                "use Integer, Continuous or Categorical"
            )
    return ParameterRanges(
        integer_parameter_ranges=integers or None,
        continuous_parameter_ranges=continuous or None,
        categorical_parameter_ranges=categorical or None,
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
    channels = [
        value if isinstance(value, Channel) else s3_channel(key, value, content_type=content_type)
        for key, value in (inputs or {}).items()
    ]
    metrics = [
        MetricDefinition(name=metric, regex=regex)
        for metric, regex in (metric_definitions or {}).items()
    ]
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
        tags=[Tag(key=key, value=value) for key, value in tags.items()] if tags else None,
    )
