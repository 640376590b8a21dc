"""Hypothesis strategies for every structure of the request.

Install with ``pip install hpt-request[hypothesis]``.

Everything drawn is valid: it passes the JSON Schema, every cross-field rule (errors and
warnings) and botocore's client-side validation. Values look real: job names such as
``xgb-churn-0042``, IAM role ARNs with 12-digit accounts, ``s3://`` URIs, ECR image URIs,
instance types from the spec, hyperparameter names from real algorithms, range bounds with
``MinValue < MaxValue`` and the scaling type's domain respected.

Style follows Hypothesis: plural names, keyword-only arguments that take strategies where you
would want to steer (``requests(strategy=st.just("Grid"))``), sizes as plain integers
(``parameter_ranges(max_ranges=3)``), :class:`~hypothesis.errors.InvalidArgument` for
impossible combinations.

Shrinking: every choice is drawn so that its simplest value comes first. A failing request
shrinks towards a Bayesian search with one training job definition, one integer range, no
optional members, no tags and the smallest numbers that keep it valid; lists shrink towards
fewer items, names towards the first words of their vocabularies.

The strategies are registered with Hypothesis through its entry point, so
``st.from_type(ParameterRanges)`` and ``st.builds(...)`` find them without importing this module.

Wire-level strategies (``wire_requests()``) draw the JSON dicts for teams that never touch the
classes; ``invalid_requests()`` draws ``(wire_dict, code, path)`` with exactly one known defect.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from hpt_request import _hypothesis_hook, model
from hpt_request.model import (
    AutoParameter,
    Autotune,
    BestObjectiveNotImproving,
    CategoricalParameterRange,
    Channel,
    CheckpointConfig,
    ContinuousParameterRange,
    ConvergenceDetected,
    CreateHyperParameterTuningJobRequest,
    CreateHyperParameterTuningJobResponse,
    DatasetSource,
    DataSource,
    FileSystemDataSource,
    HubAccessConfig,
    HyperbandStrategyConfig,
    HyperParameterAlgorithmSpecification,
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningInstanceConfig,
    HyperParameterTuningJobConfig,
    HyperParameterTuningJobObjective,
    HyperParameterTuningJobStrategyConfig,
    HyperParameterTuningJobWarmStartConfig,
    HyperParameterTuningResourceConfig,
    InstanceGroup,
    InstancePlacementConfig,
    InstancePreference,
    IntegerParameterRange,
    MetricDefinition,
    ModelAccessConfig,
    OutputDataConfig,
    ParameterRanges,
    ParentHyperParameterTuningJob,
    PlacementSpecification,
    ResourceConfig,
    ResourceLimits,
    RetryStrategy,
    S3DataSource,
    ShuffleConfig,
    StoppingCondition,
    Tag,
    TuningJobCompletionCriteria,
    VpcConfig,
)

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

STRATEGY_NAMES = tuple(member.value for member in model.HyperParameterTuningJobStrategyType)
INSTANCE_TYPES = tuple(member.value for member in model.TrainingInstanceType)
# Common instance types first, so that shrinking lands on a familiar one.
COMMON_INSTANCE_TYPES = (
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.c5.2xlarge",
    "ml.g4dn.xlarge",
    "ml.p3.2xlarge",
)
REGIONS = (
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
    "ap-northeast-1",
)
WORDS = (
    "churn", "fraud", "ctr", "ranker", "vision", "sentiment", "forecast", "reco", "tabular",
    "detector", "segmenter", "bert", "resnet", "lgbm", "xgb", "pricing", "demand", "spam",
)  # fmt: skip
# Repositories of custom training images (framework containers and a team's own images).
CUSTOM_REPOSITORIES = (
    "pytorch-training", "tensorflow-training", "huggingface-pytorch-training", "ml-team/trainer",
    "research/lightgbm", "sklearn-custom",
)  # fmt: skip
BUILT_IN_REPOSITORIES = (
    "sagemaker-xgboost",
    "linear-learner",
    "image-classification",
    "object-detection",
    "knn",
)
METRICS = (
    "validation:auc", "validation:rmse", "validation:accuracy", "validation:loss", "test:f1",
    "validation:mAP", "valid-logloss", "eval_accuracy", "val_loss", "ndcg@10",
)  # fmt: skip
INTEGER_NAMES = (
    "max_depth", "num_round", "num_layers", "batch_size", "hidden_units", "num_leaves",
    "min_child_samples", "n_estimators", "mini_batch_size", "kernel_size",
)  # fmt: skip
CONTINUOUS_NAMES = (
    "eta", "learning_rate", "alpha", "lambda", "gamma", "subsample", "dropout", "momentum",
    "weight_decay", "colsample_bytree", "min_child_weight", "l1",
)  # fmt: skip
CATEGORICAL_CHOICES: dict[str, tuple[str, ...]] = {
    "optimizer": ("adam", "sgd", "rmsprop", "adamw", "adagrad"),
    "booster": ("gbtree", "dart", "gblinear"),
    "activation": ("relu", "tanh", "gelu", "sigmoid", "swish"),
    "tree_method": ("auto", "hist", "approx", "exact"),
    "loss": ("auto", "squared_loss", "absolute_loss", "huber_loss"),
    "embedding_dim": ("16", "32", "64", "128", "256"),
    "normalize": ("true", "false"),
    "scheduler": ("cosine", "linear", "step", "plateau"),
}
STATIC_VALUES: dict[str, tuple[str, ...]] = {
    "objective": ("binary:logistic", "reg:squarederror", "multi:softmax"),
    "eval_metric": ("auc", "rmse", "logloss"),
    "num_class": ("3", "5", "10"),
    "predictor_type": ("binary_classifier", "regressor"),
    "feature_dim": ("32", "128", "784"),
    "seed": ("0", "42", "1234"),
    "sagemaker_program": ('"train.py"', '"entry.py"'),
    "verbosity": ("0", "1", "2"),
}
EPOCH_NAMES = ("epochs", "num_epochs", "n_epochs", "numepochs", "n-epochs")
CHANNEL_NAMES = ("train", "validation", "test", "model", "config", "embeddings")
MAX_RANGES = 30


def _check_size(name: str, value: int, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidArgument(f"{name}={value!r} must be an integer from {low} to {high}")


def _check_strategy(name: str, value: object) -> None:
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a strategy, such as st.just(...)")


# -- identifiers and plain values -----------------------------------------------------------------


@functools.cache
def account_ids() -> st.SearchStrategy[str]:
    """12-digit AWS account ids; shrinks towards 100000000000."""
    return st.integers(10**11, 10**12 - 1).map(str)


@functools.cache
def regions() -> st.SearchStrategy[str]:
    """AWS region names, us-east-1 first."""
    return st.sampled_from(REGIONS)


@functools.cache
@st.composite
def job_names(draw: Draw, *, max_size: int = 32) -> str:
    """Tuning job names such as ``xgb-churn-0042``; at most ``max_size`` characters."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))
    number = draw(st.integers(0, 9999))
    name = "-".join([*words, f"{number:04d}"])
    return name[:max_size].rstrip("-")


@functools.cache
@st.composite
def role_arns(draw: Draw) -> str:
    """IAM role ARNs: ``arn:aws:iam::123456789012:role/SageMakerExecutionRole``."""
    role = draw(
        st.sampled_from(
            ("SageMakerExecutionRole", "service-role/AmazonSageMaker-ExecutionRole", "ml-training")
        )
    )
    return f"arn:aws:iam::{draw(account_ids())}:role/{role}"


@functools.cache
@st.composite
def s3_uris(draw: Draw, *, folder: str = "data") -> str:
    """``s3://bucket/project/folder/`` URIs."""
    owner = draw(st.sampled_from(("ml", "sagemaker", "datalake", "team")))
    bucket = f"{owner}-{draw(st.sampled_from(WORDS))}-{draw(st.integers(1, 999))}"
    return f"s3://{bucket}/{draw(st.sampled_from(WORDS))}/{folder}/"


@functools.cache
@st.composite
def training_images(draw: Draw, *, built_in: st.SearchStrategy[bool] | None = None) -> str:
    """ECR image URIs: custom framework images or SageMaker built-in algorithm images."""
    region = draw(regions())
    if draw(built_in if built_in is not None else st.booleans()):
        repository = draw(st.sampled_from(BUILT_IN_REPOSITORIES))
        version = draw(st.sampled_from(("1", "1.7-1", "latest")))
        return f"683313688378.dkr.ecr.{region}.amazonaws.com/{repository}:{version}"
    repository = draw(st.sampled_from(CUSTOM_REPOSITORIES))
    tag = draw(st.sampled_from(("2.1-gpu-py310", "1.0.3", "2.16-cpu-py310", "v42")))
    return f"{draw(account_ids())}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"


@functools.cache
@st.composite
def algorithm_names(draw: Draw) -> str:
    """Algorithm resources by name or by ARN (``arn:aws:sagemaker:...:algorithm/name``)."""
    name = f"{draw(st.sampled_from(WORDS))}-algo-{draw(st.integers(1, 99))}"
    if draw(st.booleans()):
        return f"arn:aws:sagemaker:{draw(regions())}:{draw(account_ids())}:algorithm/{name}"
    return name


@functools.cache
def instance_types(*, common: bool = False) -> st.SearchStrategy[str]:
    """Training instance types from the spec's enum (``common=True``: a handful of usual ones)."""
    return st.sampled_from(
        COMMON_INSTANCE_TYPES if common else COMMON_INSTANCE_TYPES + INSTANCE_TYPES
    )


@functools.cache
def metric_names() -> st.SearchStrategy[str]:
    """Objective metric names such as ``validation:auc``."""
    return st.sampled_from(METRICS)


@functools.cache
@st.composite
def kms_key_ids(draw: Draw) -> str:
    """KMS key ARNs."""
    key = draw(st.uuids()).hex
    key = f"{key[:8]}-{key[8:12]}-{key[12:16]}-{key[16:20]}-{key[20:]}"
    return f"arn:aws:kms:{draw(regions())}:{draw(account_ids())}:key/{key}"


@functools.cache
def _hex_ids(prefix: str) -> st.SearchStrategy[str]:
    return st.text("0123456789abcdef", min_size=8, max_size=17).map(lambda tail: f"{prefix}-{tail}")


# -- small structures -----------------------------------------------------------------------------


@functools.cache
def tags() -> st.SearchStrategy[Tag]:
    """Tags such as ``team = ml-platform``; keys never start with ``aws:``."""
    keys = st.sampled_from(("team", "project", "cost-center", "owner", "env", "équipe", "purpose"))
    values = st.sampled_from(
        ("ml-platform", "churn", "1234", "dev", "prod", "Équipe données 2", "")
    )
    return st.builds(Tag, key=keys, value=values)


@functools.cache
def tag_lists(*, max_size: int = 5) -> st.SearchStrategy[list[Tag]]:
    """Lists of tags with distinct keys."""
    _check_size("max_size", max_size, 0, 50)
    return st.lists(tags(), max_size=max_size, unique_by=lambda tag: tag.key)


@functools.cache
def autotunes() -> st.SearchStrategy[Autotune]:
    """``Autotune(mode="Enabled")``, the only mode."""
    return st.just(Autotune(mode="Enabled"))


@functools.cache
def hyper_parameter_tuning_job_objectives(
    *, metric_names: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[HyperParameterTuningJobObjective]:
    """Objectives: a metric to Maximize or Minimize."""
    return st.builds(
        HyperParameterTuningJobObjective,
        type=st.sampled_from(("Maximize", "Minimize")),
        metric_name=metric_names if metric_names is not None else globals()["metric_names"](),
    )


@functools.cache
def metric_definitions(
    *, name: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[MetricDefinition]:
    """Metric definitions whose Regex captures a number after the metric's name in the logs."""
    names = name if name is not None else metric_names()
    return names.map(
        lambda metric: MetricDefinition(name=metric, regex=f"{_escape(metric)}=([0-9\\.]+)")
    )


def _escape(text: str) -> str:
    return "".join("\\" + char if char in ".^$*+?{}[]\\|()" else char for char in text)


@functools.cache
def retry_strategies() -> st.SearchStrategy[RetryStrategy]:
    """Retry strategies with 1 to 30 attempts."""
    return st.builds(RetryStrategy, maximum_retry_attempts=st.integers(1, 30))


@functools.cache
def shuffle_configs() -> st.SearchStrategy[ShuffleConfig]:
    """Shuffle seeds (64-bit)."""
    return st.builds(ShuffleConfig, seed=st.integers(0, 2**63 - 1))


@functools.cache
def vpc_configs() -> st.SearchStrategy[VpcConfig]:
    """VPC configurations with sg-... security groups and subnet-... subnets."""
    return st.builds(
        VpcConfig,
        security_group_ids=st.lists(_hex_ids("sg"), min_size=1, max_size=3, unique=True),
        subnets=st.lists(_hex_ids("subnet"), min_size=1, max_size=3, unique=True),
    )


@functools.cache
def checkpoint_configs() -> st.SearchStrategy[CheckpointConfig]:
    """Checkpoint locations in S3, with or without a local path."""
    return st.builds(
        CheckpointConfig,
        s3_uri=s3_uris(folder="checkpoints"),
        local_path=st.none() | st.just("/opt/ml/checkpoints"),
    )


@functools.cache
def output_data_configs() -> st.SearchStrategy[OutputDataConfig]:
    """Output locations, optionally encrypted and compressed."""
    return st.builds(
        OutputDataConfig,
        s3_output_path=s3_uris(folder="output"),
        kms_key_id=st.none() | kms_key_ids(),
        compression_type=st.none() | st.sampled_from(("GZIP", "NONE")),
    )


@functools.cache
def model_access_configs() -> st.SearchStrategy[ModelAccessConfig]:
    """Acceptance of a model's end-user licence."""
    return st.builds(ModelAccessConfig, accept_eula=st.booleans())


@functools.cache
def hub_access_configs() -> st.SearchStrategy[HubAccessConfig]:
    """Hub content ARNs of JumpStart models."""
    return st.builds(
        HubAccessConfig,
        hub_content_arn=regions().map(
            lambda region: (
                f"arn:aws:sagemaker:{region}:aws:hub-content/SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b/2.0.0"
            )
        ),
    )


@functools.cache
@st.composite
def dataset_sources(draw: Draw) -> DatasetSource:
    """Hub data set ARNs."""
    arn = (
        f"arn:aws:sagemaker:{draw(regions())}:{draw(account_ids())}:hub-content/"
        f"{draw(st.sampled_from(WORDS))}-hub/DataSet/{draw(st.sampled_from(WORDS))}-data/"
        f"1.0.{draw(st.integers(0, 9))}"
    )
    return DatasetSource(dataset_arn=arn)


@functools.cache
def file_system_data_sources() -> st.SearchStrategy[FileSystemDataSource]:
    """EFS and FSx for Lustre sources."""
    return st.builds(
        FileSystemDataSource,
        file_system_id=st.text("0123456789abcdef", min_size=8, max_size=17).map(
            lambda tail: f"fs-{tail}"
        ),
        file_system_access_mode=st.sampled_from(("ro", "rw")),
        file_system_type=st.sampled_from(("EFS", "FSxLustre")),
        directory_path=st.sampled_from(("/fsx/train", "/efs/data", "/fsx")),
    )


@st.composite
def s3_data_sources(
    draw: Draw,
    *,
    s3_data_types: st.SearchStrategy[str] | None = None,
    instance_group_names: Sequence[str] = (),
) -> S3DataSource:
    """S3 data sources; AttributeNames only with augmented manifests."""
    kind = draw(
        s3_data_types
        if s3_data_types is not None
        else st.sampled_from(("S3Prefix", "ManifestFile"))
    )
    attributes = None
    if kind == "AugmentedManifestFile":
        attributes = draw(
            st.lists(
                st.sampled_from(("source-ref", "label", "bounding-box", "metadata")),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
    groups = None
    if instance_group_names and draw(st.booleans()):
        groups = draw(
            st.lists(st.sampled_from(list(instance_group_names)), min_size=1, unique=True)
        )
    return S3DataSource(
        s3_data_type=kind,
        s3_uri=draw(s3_uris(folder="train")),
        s3_data_distribution_type=draw(
            st.none() | st.sampled_from(("FullyReplicated", "ShardedByS3Key"))
        ),
        attribute_names=attributes,
        instance_group_names=groups,
        model_access_config=draw(st.none() | model_access_configs())
        if kind == "S3Prefix"
        else None,
        hub_access_config=draw(st.none() | hub_access_configs()) if kind == "S3Prefix" else None,
    )


@st.composite
def data_sources(
    draw: Draw, *, pipe: bool = False, instance_group_names: Sequence[str] = ()
) -> DataSource:
    """One of an S3, a file-system or a hub data set source."""
    which = draw(st.sampled_from(("s3", "s3", "fs", "dataset")))
    if which == "fs":
        return DataSource(file_system_data_source=draw(file_system_data_sources()))
    if which == "dataset":
        return DataSource(dataset_source=draw(dataset_sources()))
    kinds = (
        ("S3Prefix", "ManifestFile", "AugmentedManifestFile", "Converse")
        if pipe
        else ("S3Prefix", "ManifestFile", "Converse")
    )
    return DataSource(
        s3_data_source=draw(
            s3_data_sources(
                s3_data_types=st.sampled_from(kinds), instance_group_names=instance_group_names
            )
        )
    )


@st.composite
def channels(
    draw: Draw,
    *,
    names: st.SearchStrategy[str] | None = None,
    training_input_mode: str = "File",
    instance_group_names: Sequence[str] = (),
) -> Channel:
    """Input channels. Compression and RecordIO only in Pipe mode; augmented manifests only in
    Pipe mode (as the rules require)."""
    mode = draw(st.none() | st.sampled_from(("File", "Pipe", "FastFile")))
    effective = mode or training_input_mode
    pipe = effective == "Pipe"
    return Channel(
        channel_name=draw(names if names is not None else st.sampled_from(CHANNEL_NAMES)),
        data_source=draw(data_sources(pipe=pipe, instance_group_names=instance_group_names)),
        content_type=draw(
            st.none()
            | st.sampled_from(
                (
                    "text/csv",
                    "application/x-recordio-protobuf",
                    "application/jsonlines",
                    "image/jpeg",
                )
            )
        ),
        compression_type=draw(st.none() | st.sampled_from(("None", "Gzip") if pipe else ("None",))),
        record_wrapper_type=draw(
            st.none() | st.sampled_from(("None", "RecordIO") if pipe else ("None",))
        ),
        input_mode=mode,
        shuffle_config=draw(st.none() | shuffle_configs()),
    )


@st.composite
def input_data_configs(
    draw: Draw, *, training_input_mode: str = "File", instance_group_names: Sequence[str] = ()
) -> list[Channel]:
    """1 to 3 channels with distinct names."""
    names = draw(st.lists(st.sampled_from(CHANNEL_NAMES), min_size=1, max_size=3, unique=True))
    return [
        draw(
            channels(
                names=st.just(name),
                training_input_mode=training_input_mode,
                instance_group_names=instance_group_names,
            )
        )
        for name in names
    ]


# -- ranges ---------------------------------------------------------------------------------------


@st.composite
def integer_parameter_ranges(
    draw: Draw, *, names: st.SearchStrategy[str] | None = None
) -> IntegerParameterRange:
    """Integer ranges with MinValue < MaxValue; Logarithmic only above 0."""
    scaling = draw(st.none() | st.sampled_from(("Auto", "Linear", "Logarithmic")))
    low = draw(st.integers(1 if scaling == "Logarithmic" else 0, 64))
    high = low + draw(st.integers(1, 500))
    return IntegerParameterRange(
        name=draw(names if names is not None else st.sampled_from(INTEGER_NAMES)),
        min_value=low,
        max_value=high,
        scaling_type=scaling,
    )


@st.composite
def continuous_parameter_ranges(
    draw: Draw, *, names: st.SearchStrategy[str] | None = None
) -> ContinuousParameterRange:
    """Continuous ranges: Linear/Auto over [0, 100], Logarithmic over powers of ten,
    ReverseLogarithmic inside [0, 1)."""
    scaling = draw(
        st.none() | st.sampled_from(("Auto", "Linear", "Logarithmic", "ReverseLogarithmic"))
    )
    if scaling == "Logarithmic":
        exponent = draw(st.integers(-7, 0))
        low: float = 10.0**exponent
        high: float = 10.0 ** (exponent + draw(st.integers(1, 4)))
    elif scaling == "ReverseLogarithmic":
        low = draw(st.sampled_from((0.0, 0.5, 0.8, 0.9)))
        high = draw(st.sampled_from(tuple(v for v in (0.9, 0.95, 0.99, 0.999) if v > low)))
    else:
        low = draw(st.sampled_from((0.0, 0.01, 0.1, 0.5, 1.0, 2.5)))
        high = low + draw(st.sampled_from((0.5, 1.0, 0.25, 10.0, 100.0)))
    return ContinuousParameterRange(
        name=draw(names if names is not None else st.sampled_from(CONTINUOUS_NAMES)),
        min_value=low,
        max_value=high,
        scaling_type=scaling,
    )


@st.composite
def categorical_parameter_ranges(
    draw: Draw, *, names: st.SearchStrategy[str] | None = None, max_values: int = 5
) -> CategoricalParameterRange:
    """Categorical ranges with 2 to ``max_values`` distinct values."""
    _check_size("max_values", max_values, 2, 30)
    name = draw(names if names is not None else st.sampled_from(tuple(CATEGORICAL_CHOICES)))
    pool = CATEGORICAL_CHOICES.get(name, ("a", "b", "c", "d", "e", "f"))
    values = draw(
        st.lists(
            st.sampled_from(pool), min_size=2, max_size=min(max_values, len(pool)), unique=True
        )
    )
    return CategoricalParameterRange(name=name, values=values)


def auto_parameters(
    *, names: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[AutoParameter]:
    """Autotune's auto parameters: a name and a value hint."""
    return st.builds(
        AutoParameter,
        name=names if names is not None else st.sampled_from(CONTINUOUS_NAMES),
        value_hint=st.sampled_from(("0.1", "0.01", "10", "0.5")),
    )


RANGE_KINDS = ("integer", "continuous", "categorical")


@st.composite
def parameter_ranges(
    draw: Draw,
    *,
    kinds: st.SearchStrategy[str] | None = None,
    min_ranges: int = 1,
    max_ranges: int = 4,
    exclude: Sequence[str] = (),
    auto: bool = False,
) -> ParameterRanges:
    """Search spaces of ``min_ranges`` to ``max_ranges`` ranges with distinct names (none of them
    in ``exclude``); ``kinds`` draws the kind of each range (integer, continuous or
    categorical); ``auto=True`` may add Autotune's AutoParameters. Shrinks towards
    ``min_ranges`` ranges with small bounds and few values."""
    _check_size("max_ranges", max_ranges, 1, MAX_RANGES)
    _check_size("min_ranges", min_ranges, 0, max_ranges)
    kind_strategy = kinds if kinds is not None else st.sampled_from(RANGE_KINDS)
    _check_strategy("kinds", kind_strategy)
    chosen = draw(st.lists(kind_strategy, min_size=min_ranges, max_size=max_ranges))
    for kind in chosen:
        if kind not in RANGE_KINDS:
            raise InvalidArgument(f"kinds drew {kind!r}; the kinds are {', '.join(RANGE_KINDS)}")
    used = set(exclude)
    found: dict[str, list[Any]] = {kind: [] for kind in RANGE_KINDS}
    for kind in chosen:
        name = _fresh_name(draw, kind, used)
        used.add(name)
        if kind == "integer":
            found[kind].append(draw(integer_parameter_ranges(names=st.just(name))))
        elif kind == "continuous":
            found[kind].append(draw(continuous_parameter_ranges(names=st.just(name))))
        else:
            found[kind].append(draw(categorical_parameter_ranges(names=st.just(name))))
    autos = None
    if auto and draw(st.booleans()):
        autos = [draw(auto_parameters(names=st.just(_fresh_name(draw, "continuous", used))))]
    return ParameterRanges(
        integer_parameter_ranges=found["integer"] or None,
        continuous_parameter_ranges=found["continuous"] or None,
        categorical_parameter_ranges=found["categorical"] or None,
        auto_parameters=autos,
    )


def _fresh_name(draw: Draw, kind: str, used: set[str]) -> str:
    pool = {
        "integer": INTEGER_NAMES,
        "continuous": CONTINUOUS_NAMES,
        "categorical": tuple(CATEGORICAL_CHOICES),
    }[kind]
    free = [name for name in pool if name not in used]
    if free:
        return str(draw(st.sampled_from(free)))
    index = draw(st.integers(1, 999))
    while f"{kind}_{index}" in used:
        index += 1
    return f"{kind}_{index}"


def _ranges_of(ranges: ParameterRanges | None) -> list[Any]:
    if ranges is None:
        return []
    return [
        *(ranges.integer_parameter_ranges or []),
        *(ranges.continuous_parameter_ranges or []),
        *(ranges.categorical_parameter_ranges or []),
    ]


def _combinations(ranges: ParameterRanges | None) -> int | None:
    """Distinct points of the space, or None if it has a continuous range."""
    if ranges is None or ranges.continuous_parameter_ranges or ranges.auto_parameters:
        return None
    total = 1
    for bounded in ranges.integer_parameter_ranges or []:
        total *= int(bounded.max_value) - int(bounded.min_value) + 1
    for listed in ranges.categorical_parameter_ranges or []:
        total *= len(set(listed.values))
    return total


# -- resources and stopping -----------------------------------------------------------------------


@st.composite
def instance_groups(draw: Draw, *, max_size: int = 3) -> list[InstanceGroup]:
    """Heterogeneous clusters: 1 to 3 named groups."""
    names = draw(
        st.lists(
            st.sampled_from(("instance_group_1", "gpu-group", "cpu-group", "data-loaders")),
            min_size=1,
            max_size=max_size,
            unique=True,
        )
    )
    return [
        InstanceGroup(
            instance_type=draw(instance_types(common=True)),
            instance_count=draw(st.integers(1, 4)),
            instance_group_name=name,
        )
        for name in names
    ]


@functools.cache
def training_plan_arns() -> st.SearchStrategy[str]:
    """Training plan ARNs."""
    return st.builds(
        lambda region, account, word: (
            f"arn:aws:sagemaker:{region}:{account}:training-plan/{word}-reserved-capacity"
        ),
        regions(),
        account_ids(),
        st.sampled_from(WORDS),
    )


@functools.cache
def placement_specifications() -> st.SearchStrategy[PlacementSpecification]:
    """Placement of instances on UltraServers."""
    return st.builds(
        PlacementSpecification,
        ultra_server_id=st.none() | st.sampled_from(("us-0123456789abcdef", "us-fedcba9876543210")),
        instance_count=st.integers(1, 8),
    )


@functools.cache
def instance_placement_configs() -> st.SearchStrategy[InstancePlacementConfig]:
    """Instance placement configurations."""
    return st.builds(
        InstancePlacementConfig,
        enable_multiple_jobs=st.none() | st.booleans(),
        placement_specifications=st.none() | st.lists(placement_specifications(), max_size=2),
    )


@functools.cache
def instance_preferences() -> st.SearchStrategy[InstancePreference]:
    """Preferred instance types with an optional training plan."""
    return st.builds(
        InstancePreference,
        instance_type=instance_types(common=True),
        instance_count=st.none() | st.integers(1, 4),
        training_plan_arns=st.none() | st.lists(training_plan_arns(), min_size=1, max_size=1),
    )


@functools.cache
@st.composite
def resource_configs(draw: Draw) -> ResourceConfig:
    """Instances for the training jobs: a type and count, or instance groups."""
    groups = draw(instance_groups()) if draw(st.integers(0, 2)) == 2 else None
    rare = draw(st.integers(0, 3)) == 3
    return ResourceConfig(
        instance_type=None if groups else draw(instance_types()),
        instance_count=None if groups else draw(st.integers(1, 4)),
        volume_size_in_gb=draw(st.integers(1, 500)),
        volume_kms_key_id=draw(st.none() | kms_key_ids()),
        keep_alive_period_in_seconds=draw(st.none() | st.integers(0, 21600)),
        instance_groups=groups,
        training_plan_arn=draw(training_plan_arns()) if rare and draw(st.booleans()) else None,
        instance_placement_config=draw(instance_placement_configs())
        if rare and draw(st.booleans())
        else None,
        instance_preferences=draw(st.lists(instance_preferences(), min_size=1, max_size=2))
        if rare and draw(st.booleans())
        else None,
        selected_instance_type=draw(instance_types(common=True))
        if rare and draw(st.booleans())
        else None,
        selected_instance_count=draw(st.integers(1, 4)) if rare and draw(st.booleans()) else None,
    )


@functools.cache
def hyper_parameter_tuning_instance_configs() -> st.SearchStrategy[
    HyperParameterTuningInstanceConfig
]:
    """One instance option of a flexible tuning resource configuration."""
    return st.builds(
        HyperParameterTuningInstanceConfig,
        instance_type=instance_types(),
        instance_count=st.integers(1, 4),
        volume_size_in_gb=st.integers(1, 500),
    )


@functools.cache
@st.composite
def hyper_parameter_tuning_resource_configs(draw: Draw) -> HyperParameterTuningResourceConfig:
    """Tuning resource configurations: InstanceConfigs (with Prioritized allocation) or a plain
    InstanceType and InstanceCount."""
    if draw(st.booleans()):
        return HyperParameterTuningResourceConfig(
            instance_configs=draw(
                st.lists(
                    hyper_parameter_tuning_instance_configs(),
                    min_size=1,
                    max_size=6,
                    unique_by=lambda c: c.instance_type,
                )
            ),
            allocation_strategy=draw(st.none() | st.just("Prioritized")),
            volume_kms_key_id=draw(st.none() | kms_key_ids()),
        )
    return HyperParameterTuningResourceConfig(
        instance_type=draw(instance_types()),
        instance_count=draw(st.integers(1, 4)),
        volume_size_in_gb=draw(st.none() | st.integers(1, 500)),
        volume_kms_key_id=draw(st.none() | kms_key_ids()),
    )


@functools.cache
@st.composite
def stopping_conditions(draw: Draw, *, spot: bool = False) -> StoppingCondition:
    """Stopping conditions up to 28 days; with ``spot=True`` MaxWaitTimeInSeconds is at least
    MaxRuntimeInSeconds, otherwise it is absent."""
    runtime = draw(st.sampled_from((3600, 7200, 86400, 600, 43200, 259200)))
    wait = runtime + draw(st.sampled_from((0, 3600, 86400))) if spot else None
    return StoppingCondition(
        max_runtime_in_seconds=runtime if spot or draw(st.integers(0, 9)) else None,
        max_wait_time_in_seconds=wait,
        max_pending_time_in_seconds=draw(st.none() | st.sampled_from((1800, 7200, 86400))),
    )


# -- definitions ----------------------------------------------------------------------------------


@st.composite
def hyper_parameter_algorithm_specifications(
    draw: Draw, *, objective_metric: str | None = None
) -> HyperParameterAlgorithmSpecification:
    """A training image with MetricDefinitions that define ``objective_metric``, or an algorithm
    resource (no MetricDefinitions)."""
    mode = draw(st.sampled_from(("File", "Pipe", "FastFile")))
    if draw(st.integers(0, 5)) == 5:
        return HyperParameterAlgorithmSpecification(
            training_input_mode=mode, algorithm_name=draw(algorithm_names())
        )
    names = [objective_metric] if objective_metric else []
    extra = draw(st.lists(metric_names(), max_size=2, unique=True))
    names += [name for name in extra if name not in names]
    definitions = [
        MetricDefinition(name=name, regex=f"{_escape(name)}=([0-9\\.]+)") for name in names
    ] or None
    return HyperParameterAlgorithmSpecification(
        training_image=draw(training_images()),
        training_input_mode=mode,
        metric_definitions=definitions,
    )


@functools.cache
def _environments(max_size: int) -> st.SearchStrategy[dict[str, str] | None]:
    names = ("LOG_LEVEL", "OMP_NUM_THREADS", "NCCL_DEBUG", "TOKENIZERS_PARALLELISM", "AWS_REGION")
    values = ("INFO", "4", "WARN", "false", "us-east-1", "")
    entries = st.dictionaries(st.sampled_from(names), st.sampled_from(values), max_size=max_size)
    return st.none() | entries


@st.composite
def static_hyper_parameters(
    draw: Draw, *, exclude: Sequence[str] = (), max_size: int = 4
) -> dict[str, str]:
    """Static hyperparameters whose names avoid ``exclude``."""
    names = draw(
        st.lists(
            st.sampled_from([n for n in STATIC_VALUES if n not in exclude]),
            max_size=max_size,
            unique=True,
        )
    )
    return {name: draw(st.sampled_from(STATIC_VALUES[name])) for name in names}


@st.composite
def hyper_parameter_training_job_definitions(
    draw: Draw,
    *,
    objective: HyperParameterTuningJobObjective | None = None,
    ranges: ParameterRanges | None = None,
    definition_name: str | None = None,
    with_own_objective_and_ranges: bool = False,
    epochs: int | None = None,
    environment_size: int = 3,
) -> HyperParameterTrainingJobDefinition:
    """Training job definitions. ``objective`` and ``ranges`` are the ones in force (their names
    shape the metric definitions and static hyperparameters); ``with_own_objective_and_ranges``
    puts them in the definition (multi-algorithm jobs); ``epochs`` adds an epochs-like static
    hyperparameter (Hyperband without MaxResource)."""
    metric = objective.metric_name if objective is not None else None
    autos = (ranges.auto_parameters or []) if ranges is not None else []
    range_names = [item.name for item in _ranges_of(ranges)] + [auto.name for auto in autos]
    static = draw(static_hyper_parameters(exclude=range_names))
    if epochs is not None:
        static[draw(st.sampled_from([n for n in EPOCH_NAMES if n not in range_names]))] = str(
            epochs
        )
    algorithm = draw(hyper_parameter_algorithm_specifications(objective_metric=metric))
    spot = draw(st.booleans())
    plain = draw(st.booleans())
    resource = draw(resource_configs()) if plain else None
    group_names = (
        [g.instance_group_name for g in (resource.instance_groups or [])] if resource else []
    )
    environment = draw(_environments(environment_size))
    return HyperParameterTrainingJobDefinition(
        definition_name=definition_name,
        tuning_objective=objective if with_own_objective_and_ranges else None,
        hyper_parameter_ranges=ranges if with_own_objective_and_ranges else None,
        static_hyper_parameters=static or draw(st.none() | st.just({})),
        algorithm_specification=algorithm,
        role_arn=draw(role_arns()),
        input_data_config=draw(
            st.none()
            | input_data_configs(
                training_input_mode=str(algorithm.training_input_mode),
                instance_group_names=group_names,
            )
        ),
        vpc_config=draw(st.none() | vpc_configs()),
        output_data_config=draw(output_data_configs()),
        resource_config=resource,
        hyper_parameter_tuning_resource_config=None
        if plain
        else draw(hyper_parameter_tuning_resource_configs()),
        stopping_condition=draw(stopping_conditions(spot=spot)),
        enable_network_isolation=True
        if algorithm.algorithm_name
        else draw(st.none() | st.booleans()),
        enable_inter_container_traffic_encryption=draw(st.none() | st.booleans()),
        enable_managed_spot_training=True if spot else draw(st.none() | st.just(False)),
        checkpoint_config=draw(st.none() | checkpoint_configs()),
        retry_strategy=draw(st.none() | retry_strategies()),
        environment=environment,
    )


# -- the tuning job -------------------------------------------------------------------------------


@functools.cache
def hyperband_strategy_configs() -> st.SearchStrategy[HyperbandStrategyConfig]:
    """Hyperband resources with MinResource <= MaxResource <= 20000."""
    return st.integers(1, 20).flatmap(
        lambda low: st.builds(
            HyperbandStrategyConfig,
            min_resource=st.none() | st.just(low),
            max_resource=st.integers(low, 20000)
            | st.sampled_from((max(low, 27), max(low, 81), max(low, 243))),
        )
    )


@functools.cache
def hyper_parameter_tuning_job_strategy_configs() -> st.SearchStrategy[
    HyperParameterTuningJobStrategyConfig
]:
    """Strategy configurations (Hyperband only)."""
    return st.builds(
        HyperParameterTuningJobStrategyConfig,
        hyperband_strategy_config=hyperband_strategy_configs(),
    )


@functools.cache
def best_objective_not_improvings() -> st.SearchStrategy[BestObjectiveNotImproving]:
    """Stop after 3 or more jobs without improvement."""
    return st.builds(
        BestObjectiveNotImproving, max_number_of_training_jobs_not_improving=st.integers(3, 50)
    )


@functools.cache
def convergence_detecteds() -> st.SearchStrategy[ConvergenceDetected]:
    """Stop on convergence, or not."""
    return st.builds(
        ConvergenceDetected, complete_on_convergence=st.sampled_from(("Enabled", "Disabled"))
    )


@functools.cache
def tuning_job_completion_criterias() -> st.SearchStrategy[TuningJobCompletionCriteria]:
    """Completion criteria: a target value, no improvement, convergence (any combination)."""
    return st.builds(
        TuningJobCompletionCriteria,
        target_objective_metric_value=st.none() | st.sampled_from((0.9, 0.95, 0.1, 42.0)),
        best_objective_not_improving=st.none() | best_objective_not_improvings(),
        convergence_detected=st.none() | convergence_detecteds(),
    )


@functools.cache
def parent_hyper_parameter_tuning_jobs() -> st.SearchStrategy[ParentHyperParameterTuningJob]:
    """Parent tuning jobs by name."""
    return st.builds(ParentHyperParameterTuningJob, hyper_parameter_tuning_job_name=job_names())


@functools.cache
def hyper_parameter_tuning_job_warm_start_configs() -> st.SearchStrategy[
    HyperParameterTuningJobWarmStartConfig
]:
    """Warm start from 1 to 5 distinct parents."""
    return st.builds(
        HyperParameterTuningJobWarmStartConfig,
        parent_hyper_parameter_tuning_jobs=st.lists(
            parent_hyper_parameter_tuning_jobs(),
            min_size=1,
            max_size=5,
            unique_by=lambda p: (p.hyper_parameter_tuning_job_name or "").lower(),
        ),
        warm_start_type=st.sampled_from(("IdenticalDataAndAlgorithm", "TransferLearning")),
    )


warm_start_configs = hyper_parameter_tuning_job_warm_start_configs


@st.composite
def resource_limits(
    draw: Draw, *, combinations: int | None = None, grid: bool = False, required_total: bool = True
) -> ResourceLimits:
    """Budgets: at most 750 jobs (and no more than ``combinations`` distinct points of a discrete
    space), at most 10 in parallel and no more than the total."""
    total: int | None
    if grid:
        total = combinations if draw(st.booleans()) else None
    else:
        ceiling = min(750, combinations) if combinations is not None else 750
        total = draw(
            st.integers(1, ceiling)
            | st.sampled_from(tuple(v for v in (10, 20, 50, 100) if v <= ceiling) or (1,))
        )
        if not required_total and draw(st.booleans()):
            total = None
    parallel = draw(st.integers(1, min(10, total) if total is not None else 10))
    return ResourceLimits(
        max_number_of_training_jobs=total,
        max_parallel_training_jobs=parallel,
        max_runtime_in_seconds=draw(
            st.none() | st.sampled_from((3600, 86400, 172800, 2592000, 120))
        ),
    )


def _strategy_value(draw: Draw, strategy: st.SearchStrategy[str]) -> str:
    _check_strategy("strategy", strategy)
    value = draw(strategy)
    value = getattr(value, "value", value)
    if value not in STRATEGY_NAMES:
        raise InvalidArgument(
            f"strategy drew {value!r}; the strategies are {', '.join(STRATEGY_NAMES)}"
        )
    return str(value)


@st.composite
def requests(
    draw: Draw,
    *,
    strategy: st.SearchStrategy[str] | None = None,
    definitions: st.SearchStrategy[int] | None = None,
    autotune: st.SearchStrategy[bool] | None = None,
    warm_start: st.SearchStrategy[bool] | None = None,
    max_ranges: int = 4,
) -> CreateHyperParameterTuningJobRequest:
    """Complete, valid CreateHyperParameterTuningJob requests.

    ``strategy`` draws the search strategy (default: any of the four); ``definitions`` the
    number of training job definitions (1: ``TrainingJobDefinition``, 2 to 10:
    ``TrainingJobDefinitions``; default 1 to 3); ``autotune`` and ``warm_start`` whether to use
    them (default: either; warm start needs a single definition); ``max_ranges`` bounds the
    ranges per definition. Shrinks towards a Bayesian search with one definition and one
    integer range."""
    _check_size("max_ranges", max_ranges, 1, MAX_RANGES)
    strategy = st.sampled_from(STRATEGY_NAMES) if strategy is None else strategy
    definitions = st.integers(1, 3) if definitions is None else definitions
    autotune = st.booleans() if autotune is None else autotune
    warm_start = st.booleans() if warm_start is None else warm_start
    for name, value in (
        ("definitions", definitions),
        ("autotune", autotune),
        ("warm_start", warm_start),
    ):
        _check_strategy(name, value)
    chosen = _strategy_value(draw, strategy)
    count = draw(definitions)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 10:
        raise InvalidArgument(
            f"definitions drew {count!r}; a request has 1 to 10 training job definitions"
        )
    use_autotune = bool(draw(autotune)) and chosen != "Grid"
    multi = count > 1
    use_warm_start = bool(draw(warm_start)) and not multi
    grid = chosen == "Grid"
    hyperband = chosen == "Hyperband"

    strategy_config = None
    epochs: int | None = None
    if hyperband:
        if draw(st.booleans()):
            strategy_config = draw(hyper_parameter_tuning_job_strategy_configs())
            hb = strategy_config.hyperband_strategy_config
            if hb is not None and hb.max_resource is None:
                epochs = max(hb.min_resource or 1, draw(st.sampled_from((10, 50, 100))))
        else:
            epochs = draw(st.sampled_from((10, 50, 100, 300)))

    def space() -> ParameterRanges | None:
        if use_autotune and draw(st.booleans()):
            return None
        kinds = st.just("categorical") if grid else st.sampled_from(RANGE_KINDS)
        drawn: ParameterRanges = draw(
            parameter_ranges(
                kinds=kinds,
                max_ranges=min(max_ranges, 3) if grid else max_ranges,
                exclude=EPOCH_NAMES,
                auto=use_autotune,
            )
        )
        return drawn

    objective_needed = not (use_autotune and draw(st.booleans()))
    views: list[tuple[HyperParameterTuningJobObjective | None, ParameterRanges | None]] = []
    for _ in range(count):
        views.append(
            (
                draw(hyper_parameter_tuning_job_objectives())
                if objective_needed or multi
                else None,
                space(),
            )
        )

    combinations: int | None = 0
    for _objective, ranges in views:
        points = _combinations(ranges)
        if combinations is not None and points is not None and _ranges_of(ranges):
            combinations += points
        else:
            combinations = None
    if grid and combinations is not None and combinations > 750:  # pragma: no cover - bounded above
        combinations = None

    built = []
    for index, (objective, ranges) in enumerate(views):
        built.append(
            draw(
                hyper_parameter_training_job_definitions(
                    objective=objective,
                    ranges=ranges,
                    definition_name=f"{draw(st.sampled_from(WORDS))}-{index}" if multi else None,
                    with_own_objective_and_ranges=multi,
                    epochs=epochs,
                    environment_size=3,
                )
            )
        )
    objective, ranges = views[0]
    has_objective = any(o is not None for o, _r in views)
    early_stopping = draw(
        st.none() | st.sampled_from(("Off",) if hyperband or multi else ("Off", "Auto"))
    )
    config = HyperParameterTuningJobConfig(
        strategy=chosen,
        strategy_config=strategy_config,
        hyper_parameter_tuning_job_objective=None if multi else objective,
        resource_limits=draw(
            resource_limits(combinations=combinations, grid=grid, required_total=not use_autotune)
        ),
        parameter_ranges=None if multi else ranges,
        training_job_early_stopping_type=early_stopping,
        tuning_job_completion_criteria=draw(st.none() | tuning_job_completion_criterias())
        if has_objective
        else None,
        random_seed=draw(st.none() | st.integers(0, 2**31 - 1)),
    )
    return CreateHyperParameterTuningJobRequest(
        hyper_parameter_tuning_job_name=draw(job_names()),
        hyper_parameter_tuning_job_config=config,
        training_job_definition=None if multi else built[0],
        training_job_definitions=built if multi else None,
        warm_start_config=draw(hyper_parameter_tuning_job_warm_start_configs())
        if use_warm_start
        else None,
        tags=draw(st.none() | tag_lists()),
        autotune=Autotune(mode="Enabled") if use_autotune else None,
    )


@st.composite
def invalid_requests(
    draw: Draw, *, codes: st.SearchStrategy[str] | None = None
) -> tuple[dict[str, Any], str, str]:
    """``(wire_dict, code, path)``: a valid request with one known defect, and the code and
    path ``validate()`` reports it with.

    Structural defects (codes ``maxLength``, ``pattern``, ``enum``, ``type``,
    ``additionalProperties``, ``required``, ``minimum``) are placed anywhere the drawn request
    allows; semantic defects break one cross-field rule each (code = rule id), all but
    ``warm-start-against-parents``, which needs the parents' Describe responses. ``codes``
    draws which defect to inject."""
    from hypothesis import assume

    from hpt_request import _defects

    known = sorted(_defects.STRUCTURAL) + sorted(_defects.SEMANTIC)
    code = draw(codes if codes is not None else st.sampled_from(known))
    if code in _defects.STRUCTURAL:
        wire = draw(wire_requests())
        found = _defects.STRUCTURAL[code](wire, draw)
        assume(found is not None)
        assert found is not None
        code, location, map_keys = found
        return wire, code, _defects.render(location, map_keys)
    if code not in _defects.SEMANTIC:
        raise InvalidArgument(f"codes drew {code!r}; the defects are {', '.join(known)}")
    semantic = _defects.SEMANTIC[code]
    settings = {name: st.just(value) for name, value in semantic.settings.items()}
    wire = draw(wire_requests(**settings))
    mutated = semantic.mutate(wire, draw)
    assert mutated is not None
    return wire, code, _defects.render(mutated)


def create_hyper_parameter_tuning_job_requests(
    **kwargs: Any,
) -> st.SearchStrategy[CreateHyperParameterTuningJobRequest]:
    """The same as :func:`requests` (named after the class, for ``st.from_type``)."""
    return requests(**kwargs)


def wire_requests(**kwargs: Any) -> st.SearchStrategy[dict[str, Any]]:
    """Valid requests as wire dicts (the JSON ``--cli-input-json`` takes). Takes the arguments of
    :func:`requests`."""
    from hpt_request.wire import to_wire

    return requests(**kwargs).map(to_wire)


@st.composite
def create_hyper_parameter_tuning_job_responses(
    draw: Draw,
) -> CreateHyperParameterTuningJobResponse:
    """Responses carrying the new tuning job's ARN."""
    where = f"arn:aws:sagemaker:{draw(regions())}:{draw(account_ids())}"
    arn = f"{where}:hyper-parameter-tuning-job/{draw(job_names())}"
    return CreateHyperParameterTuningJobResponse(hyper_parameter_tuning_job_arn=arn)


def training_job_definitions() -> st.SearchStrategy[HyperParameterTrainingJobDefinition]:
    """Training job definitions as a single-definition request uses them."""
    return requests(definitions=st.just(1)).map(_single_definition)


def _single_definition(
    request: CreateHyperParameterTuningJobRequest,
) -> HyperParameterTrainingJobDefinition:
    definition = request.training_job_definition
    assert definition is not None  # requests(definitions=st.just(1)) always sets it
    return definition


def hyper_parameter_tuning_job_configs() -> st.SearchStrategy[HyperParameterTuningJobConfig]:
    """Tuning job configurations (taken from complete valid requests)."""
    return requests().map(lambda request: request.hyper_parameter_tuning_job_config)


# -- registration with Hypothesis -----------------------------------------------------------------

STRATEGIES_BY_CLASS: dict[type[Any], Callable[[], st.SearchStrategy[Any]]] = {
    AutoParameter: auto_parameters,
    Autotune: autotunes,
    BestObjectiveNotImproving: best_objective_not_improvings,
    CategoricalParameterRange: categorical_parameter_ranges,
    Channel: channels,
    CheckpointConfig: checkpoint_configs,
    ContinuousParameterRange: continuous_parameter_ranges,
    ConvergenceDetected: convergence_detecteds,
    CreateHyperParameterTuningJobRequest: requests,
    CreateHyperParameterTuningJobResponse: create_hyper_parameter_tuning_job_responses,
    DataSource: data_sources,
    DatasetSource: dataset_sources,
    FileSystemDataSource: file_system_data_sources,
    HubAccessConfig: hub_access_configs,
    HyperParameterAlgorithmSpecification: hyper_parameter_algorithm_specifications,
    HyperParameterTrainingJobDefinition: training_job_definitions,
    HyperParameterTuningInstanceConfig: hyper_parameter_tuning_instance_configs,
    HyperParameterTuningJobConfig: hyper_parameter_tuning_job_configs,
    HyperParameterTuningJobObjective: hyper_parameter_tuning_job_objectives,
    HyperParameterTuningJobStrategyConfig: hyper_parameter_tuning_job_strategy_configs,
    HyperParameterTuningJobWarmStartConfig: hyper_parameter_tuning_job_warm_start_configs,
    HyperParameterTuningResourceConfig: hyper_parameter_tuning_resource_configs,
    HyperbandStrategyConfig: hyperband_strategy_configs,
    InstanceGroup: lambda: instance_groups(max_size=1).map(lambda groups: groups[0]),
    InstancePlacementConfig: instance_placement_configs,
    InstancePreference: instance_preferences,
    IntegerParameterRange: integer_parameter_ranges,
    MetricDefinition: metric_definitions,
    ModelAccessConfig: model_access_configs,
    OutputDataConfig: output_data_configs,
    ParameterRanges: parameter_ranges,
    ParentHyperParameterTuningJob: parent_hyper_parameter_tuning_jobs,
    PlacementSpecification: placement_specifications,
    ResourceConfig: resource_configs,
    ResourceLimits: resource_limits,
    RetryStrategy: retry_strategies,
    S3DataSource: s3_data_sources,
    ShuffleConfig: shuffle_configs,
    StoppingCondition: stopping_conditions,
    Tag: tags,
    TuningJobCompletionCriteria: tuning_job_completion_criterias,
    VpcConfig: vpc_configs,
}


# Hypothesis's entry point registers these when Hypothesis or hpt_request is imported; this call
# covers processes that run without entry points (HYPOTHESIS_NO_PLUGINS). Idempotent.
_hypothesis_hook.register()
