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

Speed: a request is drawn from about fifty Hypothesis choices, so that a thousand draw in a few
seconds. Every strategy object is built once; the decisions that change which rules apply
(strategy, definitions, Autotune, warm start, spot training, instance groups, input modes, data
source kinds, range kinds, scaling types and bounds, budgets, which optional members are present)
are Hypothesis choices, several small ones packed into one integer where they are independent;
the look of a structure (names, ARNs, URIs, ids, instance types, sizes, static and environment
values) comes from one drawn seed per structure.

Shrinking: every choice is drawn so that its simplest value comes first, and a seed of 0 gives
the first word of every vocabulary and the smallest number. A failing request shrinks towards a
Bayesian search with one training job definition, one range, no optional members, no
tags and the smallest numbers that keep it valid; lists shrink towards fewer items. Cosmetic
values shrink together (through their seed), not one by one.

The strategies are registered with Hypothesis through its entry point, so
``st.from_type(ParameterRanges)`` and ``st.builds(...)`` find them without importing this module.

Wire-level strategies (``wire_requests()``) draw the JSON dicts for teams that never touch the
classes; ``invalid_requests()`` draws ``(wire_dict, code, path)`` with exactly one known defect
(:mod:`hpt_request.strategies._defects`).

This package sits above the check (it imports :mod:`hpt_request.check` to write what it draws, and
every stage below); only the command line and the public API are above it.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from hpt_request import model
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
ROLE_NAMES = ("SageMakerExecutionRole", "service-role/AmazonSageMaker-ExecutionRole", "ml-training")
BUCKET_OWNERS = ("ml", "sagemaker", "datalake", "team")
BUILT_IN_VERSIONS = ("1", "1.7-1", "latest")
CUSTOM_TAGS = ("2.1-gpu-py310", "1.0.3", "2.16-cpu-py310", "v42")
CONTENT_TYPES = (
    "text/csv",
    "application/x-recordio-protobuf",
    "application/jsonlines",
    "image/jpeg",
)
AUGMENTED_ATTRIBUTES = ("source-ref", "label", "bounding-box", "metadata")
ENVIRONMENT_NAMES = (
    "LOG_LEVEL", "OMP_NUM_THREADS", "NCCL_DEBUG", "TOKENIZERS_PARALLELISM", "AWS_REGION",
)  # fmt: skip
ENVIRONMENT_VALUES = ("INFO", "4", "WARN", "false", "us-east-1", "")
TAG_KEYS = ("team", "project", "cost-center", "owner", "env", "équipe", "purpose")
TAG_VALUES = ("ml-platform", "churn", "1234", "dev", "prod", "Équipe données 2", "")
INSTANCE_GROUP_NAMES = ("instance_group_1", "gpu-group", "cpu-group", "data-loaders")
HUB_MODEL = "SageMakerPublicHub/Model/meta-textgeneration-llama-3-8b/2.0.0"
STOPPING_RUNTIMES = (3600, 7200, 86400, 600, 43200, 259200)
SPOT_EXTRA_WAITS = (0, 3600, 86400)
PENDING_TIMES = (None, 1800, 7200, 86400)
TUNING_RUNTIMES = (None, 3600, 86400, 172800, 2592000, 120)
ROUND_BUDGETS = (10, 20, 50, 100)
TARGET_VALUES = (None, 0.9, 0.95, 0.1, 42.0)
MAX_RANGES = 30
RANGE_KINDS = ("integer", "continuous", "categorical")
# The order in which a range's kind digit picks them: a categorical range of two values is the
# simplest space, so that is where a range shrinks to.
DIGIT_KINDS = ("categorical", "integer", "continuous")
INTEGER_SCALINGS = (None, "Auto", "Linear", "Logarithmic")
CONTINUOUS_SCALINGS = (None, "Auto", "Linear", "Logarithmic", "ReverseLogarithmic")
REVERSE_LOWS = (0.0, 0.5, 0.8, 0.9)
REVERSE_HIGHS = (0.9, 0.95, 0.99, 0.999)
LINEAR_LOWS = (0.0, 0.01, 0.1, 0.5, 1.0, 2.5)
LINEAR_WIDTHS = (0.5, 1.0, 0.25, 10.0, 100.0)


def _enum(value: str | None) -> Any:
    """A wire string drawn from the spec's enum values, given to a model field typed with the
    enum's ``Literal`` (the draw is a plain ``str`` to the type checker)."""
    return value


def _check_size(name: str, value: int, low: int, high: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidArgument(f"{name}={value!r} must be an integer from {low} to {high}")


def _check_strategy(name: str, value: object) -> None:
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a strategy, such as st.just(...)")


# -- choices and looks ----------------------------------------------------------------------------


@functools.cache
def _below(size: int) -> st.SearchStrategy[int]:
    """0 to ``size - 1``, built once per size."""
    return st.integers(0, size - 1)


@functools.cache
def _between(low: int, high: int) -> st.SearchStrategy[int]:
    """``low`` to ``high``, built once per pair."""
    return st.integers(low, high)


def _digits(draw: Draw, *sizes: int) -> list[int]:
    """Several independent small choices packed into one Hypothesis choice (a mixed-radix
    integer, first size least significant); all zero is the simplest. Products up to a few
    hundred keep every digit uniform."""
    value = draw(_below(math.prod(sizes)))
    found = []
    for size in sizes:
        value, digit = divmod(value, size)
        found.append(digit)
    return found


class _Look:
    """The cosmetic values of one structure, from one drawn seed: seed 0 (where shrinking goes
    first) gives the first item of every vocabulary and the smallest number."""

    __slots__ = ("_random",)

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed) if seed else None

    def pick(self, pool: Sequence[T]) -> T:
        return pool[0] if self._random is None else pool[self._random.randrange(len(pool))]

    def number(self, low: int, high: int) -> int:
        return low if self._random is None else self._random.randint(low, high)

    def flag(self) -> bool:
        return self._random is not None and self._random.random() < 0.5

    def sample(self, pool: Sequence[T], low: int, high: int) -> list[T]:
        """``low`` to ``high`` distinct items of ``pool``, in pool order."""
        size = self.number(low, min(high, len(pool)))
        if self._random is None:
            return list(pool[:size])
        return [pool[i] for i in sorted(self._random.sample(range(len(pool)), size))]

    def hex(self, size: int) -> str:
        return (
            "0" * size if self._random is None else f"{self._random.getrandbits(4 * size):0{size}x}"
        )


_SEEDS = st.integers(0, 2**32 - 1)


def _look(draw: Draw) -> _Look:
    return _Look(draw(_SEEDS))


def _structure(build: Callable[..., T], **arguments: Any) -> st.SearchStrategy[T]:
    """A strategy that calls ``build(draw, look, **arguments)`` with a fresh look."""

    @st.composite
    def drawn(draw: Draw) -> T:
        return build(draw, _look(draw), **arguments)

    return drawn()


def _account(look: _Look) -> str:
    return str(look.number(10**11, 10**12 - 1))


def _job_name(look: _Look, max_size: int = 32) -> str:
    words = [look.pick(WORDS)] + ([look.pick(WORDS)] if look.flag() else [])
    name = "-".join([*words, f"{look.number(0, 9999):04d}"])
    return name[:max_size].rstrip("-")


def _role_arn(look: _Look) -> str:
    return f"arn:aws:iam::{_account(look)}:role/{look.pick(ROLE_NAMES)}"


def _s3_uri(look: _Look, folder: str) -> str:
    bucket = f"{look.pick(BUCKET_OWNERS)}-{look.pick(WORDS)}-{look.number(1, 999)}"
    return f"s3://{bucket}/{look.pick(WORDS)}/{folder}/"


def _training_image(look: _Look, built_in: bool) -> str:
    region = look.pick(REGIONS)
    if built_in:
        repository, version = look.pick(BUILT_IN_REPOSITORIES), look.pick(BUILT_IN_VERSIONS)
        return f"683313688378.dkr.ecr.{region}.amazonaws.com/{repository}:{version}"
    repository, tag = look.pick(CUSTOM_REPOSITORIES), look.pick(CUSTOM_TAGS)
    return f"{_account(look)}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"


def _algorithm_name(look: _Look) -> str:
    name = f"{look.pick(WORDS)}-algo-{look.number(1, 99)}"
    if look.flag():
        return f"arn:aws:sagemaker:{look.pick(REGIONS)}:{_account(look)}:algorithm/{name}"
    return name


def _kms_key(look: _Look) -> str:
    key = look.hex(32)
    key = f"{key[:8]}-{key[8:12]}-{key[12:16]}-{key[16:20]}-{key[20:]}"
    return f"arn:aws:kms:{look.pick(REGIONS)}:{_account(look)}:key/{key}"


def _hex_id(look: _Look, prefix: str) -> str:
    return f"{prefix}-{look.hex(look.number(8, 17))}"


def _training_plan_arn(look: _Look) -> str:
    where = f"{look.pick(REGIONS)}:{_account(look)}"
    return f"arn:aws:sagemaker:{where}:training-plan/{look.pick(WORDS)}-reserved-capacity"


_LOOKS = _SEEDS.map(_Look)


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
def job_names(*, max_size: int = 32) -> st.SearchStrategy[str]:
    """Tuning job names such as ``xgb-churn-0042``; at most ``max_size`` characters."""
    return _LOOKS.map(functools.partial(_job_name, max_size=max_size))


@functools.cache
def role_arns() -> st.SearchStrategy[str]:
    """IAM role ARNs: ``arn:aws:iam::123456789012:role/SageMakerExecutionRole``."""
    return _LOOKS.map(_role_arn)


@functools.cache
def s3_uris(*, folder: str = "data") -> st.SearchStrategy[str]:
    """``s3://bucket/project/folder/`` URIs."""
    return _LOOKS.map(functools.partial(_s3_uri, folder=folder))


@functools.cache
def training_images(*, built_in: st.SearchStrategy[bool] | None = None) -> st.SearchStrategy[str]:
    """ECR image URIs: custom framework images or SageMaker built-in algorithm images."""
    return st.builds(_training_image, _LOOKS, built_in if built_in is not None else st.booleans())


@functools.cache
def algorithm_names() -> st.SearchStrategy[str]:
    """Algorithm resources by name or by ARN (``arn:aws:sagemaker:...:algorithm/name``)."""
    return _LOOKS.map(_algorithm_name)


@functools.cache
def instance_types(*, common: bool = False) -> st.SearchStrategy[str]:
    """Training instance types from the spec's enum (``common=True``: a handful of usual ones)."""
    return st.sampled_from(
        COMMON_INSTANCE_TYPES if common else COMMON_INSTANCE_TYPES + INSTANCE_TYPES
    )


ALL_INSTANCE_TYPES = COMMON_INSTANCE_TYPES + INSTANCE_TYPES


@functools.cache
def metric_names() -> st.SearchStrategy[str]:
    """Objective metric names such as ``validation:auc``."""
    return st.sampled_from(METRICS)


@functools.cache
def kms_key_ids() -> st.SearchStrategy[str]:
    """KMS key ARNs."""
    return _LOOKS.map(_kms_key)


# -- small structures -----------------------------------------------------------------------------


@functools.cache
def tags() -> st.SearchStrategy[Tag]:
    """Tags such as ``team = ml-platform``; keys never start with ``aws:``."""
    pairs = tuple(itertools.product(TAG_KEYS, TAG_VALUES))
    return st.sampled_from(pairs).map(lambda pair: Tag(key=pair[0], value=pair[1]))


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
    if metric_names is None:
        pairs = tuple(itertools.product(METRICS, ("Maximize", "Minimize")))
        return st.sampled_from(pairs).map(
            lambda pair: HyperParameterTuningJobObjective(type=_enum(pair[1]), metric_name=pair[0])
        )
    return st.builds(
        HyperParameterTuningJobObjective,
        type=st.sampled_from(("Maximize", "Minimize")),
        metric_name=metric_names,
    )


@functools.cache
def metric_definitions(
    *, name: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[MetricDefinition]:
    """Metric definitions whose Regex captures a number after the metric's name in the logs."""
    names = name if name is not None else metric_names()
    return names.map(_metric_definition)


def _metric_definition(metric: str) -> MetricDefinition:
    return MetricDefinition(name=metric, regex=f"{_escape(metric)}=([0-9\\.]+)")


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


def _vpc_config(_draw: Draw, look: _Look) -> VpcConfig:
    groups = {_hex_id(look, "sg") for _ in range(look.number(1, 3))}
    subnets = {_hex_id(look, "subnet") for _ in range(look.number(1, 3))}
    return VpcConfig(security_group_ids=sorted(groups), subnets=sorted(subnets))


@functools.cache
def vpc_configs() -> st.SearchStrategy[VpcConfig]:
    """VPC configurations with sg-... security groups and subnet-... subnets."""
    return _structure(_vpc_config)


def _checkpoint_config(_draw: Draw, look: _Look) -> CheckpointConfig:
    return CheckpointConfig(
        s3_uri=_s3_uri(look, "checkpoints"),
        local_path="/opt/ml/checkpoints" if look.flag() else None,
    )


@functools.cache
def checkpoint_configs() -> st.SearchStrategy[CheckpointConfig]:
    """Checkpoint locations in S3, with or without a local path."""
    return _structure(_checkpoint_config)


def _output_data_config(draw: Draw, look: _Look) -> OutputDataConfig:
    kms, compression = _digits(draw, 2, 3)
    return OutputDataConfig(
        s3_output_path=_s3_uri(look, "output"),
        kms_key_id=_kms_key(look) if kms else None,
        compression_type=(None, "GZIP", "NONE")[compression],
    )


@functools.cache
def output_data_configs() -> st.SearchStrategy[OutputDataConfig]:
    """Output locations, optionally encrypted and compressed."""
    return _structure(_output_data_config)


@functools.cache
def model_access_configs() -> st.SearchStrategy[ModelAccessConfig]:
    """Acceptance of a model's end-user licence."""
    return st.builds(ModelAccessConfig, accept_eula=st.booleans())


def _hub_access_config(look: _Look) -> HubAccessConfig:
    arn = f"arn:aws:sagemaker:{look.pick(REGIONS)}:aws:hub-content/{HUB_MODEL}"
    return HubAccessConfig(hub_content_arn=arn)


@functools.cache
def hub_access_configs() -> st.SearchStrategy[HubAccessConfig]:
    """Hub content ARNs of JumpStart models."""
    return _LOOKS.map(_hub_access_config)


def _dataset_source(look: _Look) -> DatasetSource:
    arn = (
        f"arn:aws:sagemaker:{look.pick(REGIONS)}:{_account(look)}:hub-content/"
        f"{look.pick(WORDS)}-hub/DataSet/{look.pick(WORDS)}-data/1.0.{look.number(0, 9)}"
    )
    return DatasetSource(dataset_arn=arn)


@functools.cache
def dataset_sources() -> st.SearchStrategy[DatasetSource]:
    """Hub data set ARNs."""
    return _LOOKS.map(_dataset_source)


def _file_system_data_source(draw: Draw, look: _Look) -> FileSystemDataSource:
    mode, kind = _digits(draw, 2, 2)
    return FileSystemDataSource(
        file_system_id=_hex_id(look, "fs"),
        file_system_access_mode=("ro", "rw")[mode],
        file_system_type=("EFS", "FSxLustre")[kind],
        directory_path=look.pick(("/fsx/train", "/efs/data", "/fsx")),
    )


@functools.cache
def file_system_data_sources() -> st.SearchStrategy[FileSystemDataSource]:
    """EFS and FSx for Lustre sources."""
    return _structure(_file_system_data_source)


def _s3_data_source(
    draw: Draw, look: _Look, *, kinds: Sequence[str], groups: Sequence[str] = ()
) -> S3DataSource:
    kind_index, distribution, access = _digits(draw, len(kinds), 3, 3)
    kind = kinds[kind_index]
    prefix = kind == "S3Prefix"
    return S3DataSource(
        s3_data_type=_enum(kind),
        s3_uri=_s3_uri(look, "train"),
        s3_data_distribution_type=(None, "FullyReplicated", "ShardedByS3Key")[distribution],
        attribute_names=look.sample(AUGMENTED_ATTRIBUTES, 1, 3)
        if kind == "AugmentedManifestFile"
        else None,
        instance_group_names=look.sample(groups, 1, len(groups))
        if groups and look.flag()
        else None,
        model_access_config=ModelAccessConfig(accept_eula=access == 2)
        if prefix and access
        else None,
        hub_access_config=_hub_access_config(look) if prefix and look.flag() else None,
    )


@st.composite
def s3_data_sources(
    draw: Draw,
    *,
    s3_data_types: st.SearchStrategy[str] | None = None,
    instance_group_names: Sequence[str] = (),
) -> S3DataSource:
    """S3 data sources; AttributeNames only with augmented manifests."""
    kinds: tuple[str, ...] = ("S3Prefix", "ManifestFile")
    if s3_data_types is not None:
        kinds = (draw(s3_data_types),)
    return _s3_data_source(draw, _look(draw), kinds=kinds, groups=tuple(instance_group_names))


S3_KINDS = ("S3Prefix", "ManifestFile", "Converse")
PIPE_S3_KINDS = ("S3Prefix", "ManifestFile", "AugmentedManifestFile", "Converse")


def _data_source(
    draw: Draw, look: _Look, *, which: int, pipe: bool, groups: Sequence[str]
) -> DataSource:
    """``which``: 0 and 1 an S3 source, 2 a file system, 3 a hub data set."""
    if which == 2:
        return DataSource(file_system_data_source=_file_system_data_source(draw, look))
    if which == 3:
        return DataSource(dataset_source=_dataset_source(look))
    kinds = PIPE_S3_KINDS if pipe else S3_KINDS
    return DataSource(s3_data_source=_s3_data_source(draw, look, kinds=kinds, groups=groups))


@st.composite
def data_sources(
    draw: Draw, *, pipe: bool = False, instance_group_names: Sequence[str] = ()
) -> DataSource:
    """One of an S3, a file-system or a hub data set source."""
    which = draw(_below(4))
    return _data_source(
        draw, _look(draw), which=which, pipe=pipe, groups=tuple(instance_group_names)
    )


def _channel(
    draw: Draw, look: _Look, *, name: str, training_input_mode: str, groups: Sequence[str]
) -> Channel:
    mode_index, which, compression, wrapper, shuffle = _digits(draw, 4, 4, 3, 3, 2)
    mode = (None, "File", "Pipe", "FastFile")[mode_index]
    pipe = (mode or training_input_mode) == "Pipe"
    return Channel(
        channel_name=name,
        data_source=_data_source(draw, look, which=which, pipe=pipe, groups=groups),
        content_type=look.pick((None, *CONTENT_TYPES)),
        compression_type=(None, "None", "Gzip" if pipe else "None")[compression],
        record_wrapper_type=(None, "None", "RecordIO" if pipe else "None")[wrapper],
        input_mode=_enum(mode),
        shuffle_config=ShuffleConfig(seed=look.number(0, 2**63 - 1)) if shuffle else None,
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
    name = draw(names if names is not None else _CHANNEL_NAME)
    return _channel(
        draw,
        _look(draw),
        name=name,
        training_input_mode=training_input_mode,
        groups=tuple(instance_group_names),
    )


_CHANNEL_NAME = st.sampled_from(CHANNEL_NAMES)
# 1 to 3 distinct channel names, simplest (``train``) first.
_CHANNEL_NAME_LISTS = st.sampled_from(
    [names for size in (1, 2, 3) for names in itertools.permutations(CHANNEL_NAMES, size)]
)


def _input_data_config(
    draw: Draw, look: _Look, *, training_input_mode: str, groups: Sequence[str]
) -> list[Channel]:
    return [
        _channel(draw, look, name=name, training_input_mode=training_input_mode, groups=groups)
        for name in draw(_CHANNEL_NAME_LISTS)
    ]


@st.composite
def input_data_configs(
    draw: Draw, *, training_input_mode: str = "File", instance_group_names: Sequence[str] = ()
) -> list[Channel]:
    """1 to 3 channels with distinct names."""
    return _input_data_config(
        draw,
        _look(draw),
        training_input_mode=training_input_mode,
        groups=tuple(instance_group_names),
    )


# -- ranges ---------------------------------------------------------------------------------------


def _integer_range(draw: Draw, name: str, scaling_index: int) -> IntegerParameterRange:
    scaling = INTEGER_SCALINGS[scaling_index % len(INTEGER_SCALINGS)]
    low = draw(_between(1 if scaling == "Logarithmic" else 0, 64))
    high = low + draw(_between(1, 500))
    return IntegerParameterRange(
        name=name, min_value=low, max_value=high, scaling_type=_enum(scaling)
    )


def _continuous_range(draw: Draw, name: str, scaling_index: int) -> ContinuousParameterRange:
    scaling = CONTINUOUS_SCALINGS[scaling_index % len(CONTINUOUS_SCALINGS)]
    low: float
    high: float
    if scaling == "Logarithmic":
        exponent, span = _digits(draw, 8, 4)
        low, high = 10.0 ** (exponent - 7), 10.0 ** (exponent - 7 + span + 1)
    elif scaling == "ReverseLogarithmic":
        low_index, high_index = _digits(draw, len(REVERSE_LOWS), len(REVERSE_HIGHS))
        low = REVERSE_LOWS[low_index]
        above = [v for v in REVERSE_HIGHS if v > low]
        high = above[high_index % len(above)]
    else:
        low_index, width = _digits(draw, len(LINEAR_LOWS), len(LINEAR_WIDTHS))
        low = LINEAR_LOWS[low_index]
        high = low + LINEAR_WIDTHS[width]
    return ContinuousParameterRange(
        name=name, min_value=low, max_value=high, scaling_type=_enum(scaling)
    )


@functools.cache
def _value_sets(size: int, max_values: int) -> st.SearchStrategy[tuple[int, ...]]:
    """Sets of 2 to ``max_values`` distinct indexes below ``size``, the smallest first."""
    return st.sampled_from(
        [
            chosen
            for count in range(2, min(max_values, size) + 1)
            for chosen in itertools.combinations(range(size), count)
        ]
    )


def _categorical_range(draw: Draw, name: str, max_values: int) -> CategoricalParameterRange:
    pool = CATEGORICAL_CHOICES.get(name, ("a", "b", "c", "d", "e", "f"))
    chosen = draw(_value_sets(len(pool), max_values))
    return CategoricalParameterRange(name=name, values=[pool[i] for i in chosen])


@st.composite
def integer_parameter_ranges(
    draw: Draw, *, names: st.SearchStrategy[str] | None = None
) -> IntegerParameterRange:
    """Integer ranges with MinValue < MaxValue; Logarithmic only above 0."""
    name = draw(names if names is not None else _INTEGER_NAME)
    return _integer_range(draw, name, draw(_below(len(INTEGER_SCALINGS))))


@st.composite
def continuous_parameter_ranges(
    draw: Draw, *, names: st.SearchStrategy[str] | None = None
) -> ContinuousParameterRange:
    """Continuous ranges: Linear/Auto over [0, 100], Logarithmic over powers of ten,
    ReverseLogarithmic inside [0, 1)."""
    name = draw(names if names is not None else _CONTINUOUS_NAME)
    return _continuous_range(draw, name, draw(_below(len(CONTINUOUS_SCALINGS))))


@st.composite
def categorical_parameter_ranges(
    draw: Draw, *, names: st.SearchStrategy[str] | None = None, max_values: int = 5
) -> CategoricalParameterRange:
    """Categorical ranges with 2 to ``max_values`` distinct values."""
    _check_size("max_values", max_values, 2, 30)
    name = draw(names if names is not None else _CATEGORICAL_NAME)
    return _categorical_range(draw, name, max_values)


_INTEGER_NAME = st.sampled_from(INTEGER_NAMES)
_CONTINUOUS_NAME = st.sampled_from(CONTINUOUS_NAMES)
_CATEGORICAL_NAME = st.sampled_from(tuple(CATEGORICAL_CHOICES))
VALUE_HINTS = ("0.1", "0.01", "10", "0.5")


def auto_parameters(
    *, names: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[AutoParameter]:
    """Autotune's auto parameters: a name and a value hint."""
    return st.builds(
        AutoParameter,
        name=names if names is not None else _CONTINUOUS_NAME,
        value_hint=st.sampled_from(VALUE_HINTS),
    )


NAME_POOLS = {
    "integer": INTEGER_NAMES,
    "continuous": CONTINUOUS_NAMES,
    "categorical": tuple(CATEGORICAL_CHOICES),
}


def _fresh_name(kind: str, index: int, used: set[str]) -> str:
    """The ``index``-th (modulo) free name of the kind's vocabulary, or ``kind_N``."""
    free = [name for name in NAME_POOLS[kind] if name not in used]
    if free:
        return free[index % len(free)]
    number = 1
    while f"{kind}_{number}" in used:
        number += 1
    return f"{kind}_{number}"


def _parameter_ranges(
    draw: Draw,
    *,
    kinds: st.SearchStrategy[str] | None,
    min_ranges: int,
    max_ranges: int,
    exclude: Sequence[str],
    auto: bool,
) -> ParameterRanges:
    count = draw(_between(min_ranges, max_ranges))
    used = set(exclude)
    found: dict[str, list[Any]] = {kind: [] for kind in RANGE_KINDS}
    for _ in range(count):
        # The same three digits whatever ``kinds`` is, so that a shrink that changes the search
        # strategy (Grid draws its kinds from st.just) keeps the ranges it had.
        kind_index, scaling, name_index = _digits(draw, 3, 5, 12)
        kind = DIGIT_KINDS[kind_index] if kinds is None else draw(kinds)
        if kind not in RANGE_KINDS:
            raise InvalidArgument(f"kinds drew {kind!r}; the kinds are {', '.join(RANGE_KINDS)}")
        name = _fresh_name(kind, name_index, used)
        used.add(name)
        if kind == "integer":
            found[kind].append(_integer_range(draw, name, scaling))
        elif kind == "continuous":
            found[kind].append(_continuous_range(draw, name, scaling))
        else:
            found[kind].append(_categorical_range(draw, name, 5))
    autos = None
    if auto:
        hint = draw(_below(len(VALUE_HINTS) + 1))
        if hint:
            name = _fresh_name("continuous", hint, used)
            autos = [AutoParameter(name=name, value_hint=VALUE_HINTS[hint - 1])]
    return ParameterRanges(
        integer_parameter_ranges=found["integer"] or None,
        continuous_parameter_ranges=found["continuous"] or None,
        categorical_parameter_ranges=found["categorical"] or None,
        auto_parameters=autos,
    )


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
    if kinds is not None:
        _check_strategy("kinds", kinds)
    return _parameter_ranges(
        draw,
        kinds=kinds,
        min_ranges=min_ranges,
        max_ranges=max_ranges,
        exclude=exclude,
        auto=auto,
    )


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


def _instance_groups(look: _Look, max_size: int) -> list[InstanceGroup]:
    return [
        InstanceGroup(
            instance_type=_enum(look.pick(COMMON_INSTANCE_TYPES)),
            instance_count=look.number(1, 4),
            instance_group_name=name,
        )
        for name in look.sample(INSTANCE_GROUP_NAMES, 1, max_size)
    ]


@functools.cache
def instance_groups(*, max_size: int = 3) -> st.SearchStrategy[list[InstanceGroup]]:
    """Heterogeneous clusters: 1 to 3 named groups."""
    return _LOOKS.map(functools.partial(_instance_groups, max_size=max_size))


@functools.cache
def training_plan_arns() -> st.SearchStrategy[str]:
    """Training plan ARNs."""
    return _LOOKS.map(_training_plan_arn)


@functools.cache
def placement_specifications() -> st.SearchStrategy[PlacementSpecification]:
    """Placement of instances on UltraServers."""
    return _LOOKS.map(_placement_specification)


def _placement_specification(look: _Look) -> PlacementSpecification:
    server = look.pick((None, "us-0123456789abcdef", "us-fedcba9876543210"))
    return PlacementSpecification(ultra_server_id=server, instance_count=look.number(1, 8))


def _instance_placement_config(look: _Look) -> InstancePlacementConfig:
    return InstancePlacementConfig(
        enable_multiple_jobs=look.pick((None, False, True)),
        placement_specifications=[_placement_specification(look) for _ in range(look.number(0, 2))]
        if look.flag()
        else None,
    )


@functools.cache
def instance_placement_configs() -> st.SearchStrategy[InstancePlacementConfig]:
    """Instance placement configurations."""
    return _LOOKS.map(_instance_placement_config)


def _instance_preference(look: _Look) -> InstancePreference:
    return InstancePreference(
        instance_type=_enum(look.pick(COMMON_INSTANCE_TYPES)),
        instance_count=look.number(1, 4) if look.flag() else None,
        training_plan_arns=[_training_plan_arn(look)] if look.flag() else None,
    )


@functools.cache
def instance_preferences() -> st.SearchStrategy[InstancePreference]:
    """Preferred instance types with an optional training plan."""
    return _LOOKS.map(_instance_preference)


def _takes_volume_key(instance_types: Sequence[object]) -> bool:
    """Whether a VolumeKmsKeyId may be given for these instance types: none of them has local
    instance storage (rule volume-kms-local-storage)."""
    from hpt_request.rules import instance_storage

    return all(instance_storage.storage(str(name)) != "local" for name in instance_types)


def _resource_config(draw: Draw, look: _Look) -> ResourceConfig:
    grouped, rare, kms, keep_alive = _digits(draw, 3, 4, 2, 2)
    groups = _instance_groups(look, 3) if grouped == 2 else None
    unusual = rare == 3
    instance_type = None if groups else look.pick(ALL_INSTANCE_TYPES)
    types = [group.instance_type for group in groups] if groups else [instance_type]
    return ResourceConfig(
        instance_type=_enum(instance_type),
        instance_count=None if groups else look.number(1, 4),
        volume_size_in_gb=look.number(1, 500),
        volume_kms_key_id=_kms_key(look) if kms and _takes_volume_key(types) else None,
        keep_alive_period_in_seconds=look.number(0, 21600) if keep_alive else None,
        instance_groups=groups,
        training_plan_arn=_training_plan_arn(look) if unusual and look.flag() else None,
        instance_placement_config=_instance_placement_config(look)
        if unusual and look.flag()
        else None,
        instance_preferences=[_instance_preference(look) for _ in range(look.number(1, 2))]
        if unusual and look.flag()
        else None,
        selected_instance_type=_enum(look.pick(COMMON_INSTANCE_TYPES))
        if unusual and look.flag()
        else None,
        selected_instance_count=look.number(1, 4) if unusual and look.flag() else None,
    )


@functools.cache
def resource_configs() -> st.SearchStrategy[ResourceConfig]:
    """Instances for the training jobs: a type and count, or instance groups."""
    return _structure(_resource_config)


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


def _tuning_resource_config(draw: Draw, look: _Look) -> HyperParameterTuningResourceConfig:
    options, allocation, kms, volume = _digits(draw, 2, 2, 2, 2)
    if options:
        chosen = look.sample(ALL_INSTANCE_TYPES, 1, 6)
        return HyperParameterTuningResourceConfig(
            instance_configs=[
                HyperParameterTuningInstanceConfig(
                    instance_type=_enum(instance_type),
                    instance_count=look.number(1, 4),
                    volume_size_in_gb=look.number(1, 500),
                )
                for instance_type in chosen
            ],
            allocation_strategy="Prioritized" if allocation else None,
            volume_kms_key_id=_kms_key(look) if kms and _takes_volume_key(chosen) else None,
        )
    instance_type = look.pick(ALL_INSTANCE_TYPES)
    return HyperParameterTuningResourceConfig(
        instance_type=_enum(instance_type),
        instance_count=look.number(1, 4),
        volume_size_in_gb=look.number(1, 500) if volume else None,
        volume_kms_key_id=_kms_key(look) if kms and _takes_volume_key([instance_type]) else None,
    )


@functools.cache
def hyper_parameter_tuning_resource_configs() -> st.SearchStrategy[
    HyperParameterTuningResourceConfig
]:
    """Tuning resource configurations: InstanceConfigs (with Prioritized allocation) or a plain
    InstanceType and InstanceCount."""
    return _structure(_tuning_resource_config)


def _stopping_condition(draw: Draw, *, spot: bool) -> StoppingCondition:
    runtime_index, extra, pending = _digits(
        draw, len(STOPPING_RUNTIMES), len(SPOT_EXTRA_WAITS) if spot else 10, len(PENDING_TIMES)
    )
    runtime = STOPPING_RUNTIMES[runtime_index]
    return StoppingCondition(
        max_runtime_in_seconds=runtime if spot or extra else None,
        max_wait_time_in_seconds=runtime + SPOT_EXTRA_WAITS[extra] if spot else None,
        max_pending_time_in_seconds=PENDING_TIMES[pending],
    )


@functools.cache
@st.composite
def stopping_conditions(draw: Draw, *, spot: bool = False) -> StoppingCondition:
    """Stopping conditions up to 28 days; with ``spot=True`` MaxWaitTimeInSeconds is at least
    MaxRuntimeInSeconds, otherwise it is absent."""
    return _stopping_condition(draw, spot=spot)


# -- definitions ----------------------------------------------------------------------------------

# Up to two extra metrics, distinct, none first.
_EXTRA_METRICS = st.sampled_from(
    [names for size in (0, 1, 2) for names in itertools.permutations(METRICS, size)]
)


def _algorithm_specification(
    draw: Draw, look: _Look, *, objective_metric: str | None
) -> HyperParameterAlgorithmSpecification:
    mode_index, kind = _digits(draw, 3, 6)
    mode = ("File", "Pipe", "FastFile")[mode_index]
    if kind == 5:
        return HyperParameterAlgorithmSpecification(
            training_input_mode=_enum(mode), algorithm_name=_algorithm_name(look)
        )
    names = [objective_metric] if objective_metric else []
    names += [name for name in draw(_EXTRA_METRICS) if name not in names]
    # A built-in algorithm image refuses MetricDefinitions (rule builtin-no-metric-definitions):
    # images that come with them are the team's own.
    return HyperParameterAlgorithmSpecification(
        training_image=_training_image(look, built_in=False),
        training_input_mode=_enum(mode),
        metric_definitions=[_metric_definition(name) for name in names] or None,
    )


@st.composite
def hyper_parameter_algorithm_specifications(
    draw: Draw, *, objective_metric: str | None = None
) -> HyperParameterAlgorithmSpecification:
    """A training image with MetricDefinitions that define ``objective_metric``, or an algorithm
    resource (no MetricDefinitions)."""
    return _algorithm_specification(draw, _look(draw), objective_metric=objective_metric)


def _environment(look: _Look, max_size: int) -> dict[str, str] | None:
    if not look.flag():
        return None
    names = look.sample(ENVIRONMENT_NAMES, 0, max_size)
    return {name: look.pick(ENVIRONMENT_VALUES) for name in names}


STATIC_NAMES = tuple(STATIC_VALUES)


@functools.cache
def _static_name_sets(max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    """Sets of at most ``max_size`` static hyperparameter names, the empty set first."""
    return st.sampled_from(
        [
            names
            for size in range(min(max_size, len(STATIC_NAMES)) + 1)
            for names in itertools.combinations(STATIC_NAMES, size)
        ]
    )


def _static_hyper_parameters(
    draw: Draw, look: _Look, *, exclude: Sequence[str], max_size: int
) -> dict[str, str]:
    names = [name for name in draw(_static_name_sets(max_size)) if name not in exclude]
    return {name: look.pick(STATIC_VALUES[name]) for name in names}


@st.composite
def static_hyper_parameters(
    draw: Draw, *, exclude: Sequence[str] = (), max_size: int = 4
) -> dict[str, str]:
    """Static hyperparameters whose names avoid ``exclude``."""
    _check_size("max_size", max_size, 0, 100)
    return _static_hyper_parameters(draw, _look(draw), exclude=exclude, max_size=max_size)


def _training_job_definition(
    draw: Draw,
    look: _Look,
    *,
    objective: HyperParameterTuningJobObjective | None,
    ranges: ParameterRanges | None,
    definition_name: str | None,
    with_own_objective_and_ranges: bool,
    epochs: int | None,
    environment_size: int,
) -> HyperParameterTrainingJobDefinition:
    metric = objective.metric_name if objective is not None else None
    autos = (ranges.auto_parameters or []) if ranges is not None else []
    range_names = [item.name for item in _ranges_of(ranges)] + [auto.name for auto in autos]
    static = _static_hyper_parameters(draw, look, exclude=range_names, max_size=4)
    if epochs is not None:
        static[look.pick([n for n in EPOCH_NAMES if n not in range_names])] = str(epochs)
    algorithm = _algorithm_specification(draw, look, objective_metric=metric)
    spot, plain, inputs, vpc, checkpoint, retry = _digits(draw, 2, 2, 2, 2, 2, 2)
    isolation, encryption, empty, managed = _digits(draw, 3, 3, 2, 2)
    resource = _resource_config(draw, look) if plain else None
    group_names = (
        [g.instance_group_name for g in (resource.instance_groups or [])] if resource else []
    )
    three = (None, False, True)
    return HyperParameterTrainingJobDefinition(
        definition_name=definition_name,
        tuning_objective=objective if with_own_objective_and_ranges else None,
        hyper_parameter_ranges=ranges if with_own_objective_and_ranges else None,
        static_hyper_parameters=static or ({} if empty else None),
        algorithm_specification=algorithm,
        role_arn=_role_arn(look),
        input_data_config=_input_data_config(
            draw,
            look,
            training_input_mode=str(algorithm.training_input_mode),
            groups=group_names,
        )
        if inputs
        else None,
        vpc_config=_vpc_config(draw, look) if vpc else None,
        output_data_config=_output_data_config(draw, look),
        resource_config=resource,
        hyper_parameter_tuning_resource_config=None
        if plain
        else _tuning_resource_config(draw, look),
        stopping_condition=_stopping_condition(draw, spot=bool(spot)),
        enable_network_isolation=True if algorithm.algorithm_name else three[isolation],
        enable_inter_container_traffic_encryption=three[encryption],
        enable_managed_spot_training=True if spot else (None, False)[managed],
        checkpoint_config=_checkpoint_config(draw, look) if checkpoint else None,
        retry_strategy=RetryStrategy(maximum_retry_attempts=look.number(1, 30)) if retry else None,
        environment=_environment(look, environment_size),
    )


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
    return _training_job_definition(
        draw,
        _look(draw),
        objective=objective,
        ranges=ranges,
        definition_name=definition_name,
        with_own_objective_and_ranges=with_own_objective_and_ranges,
        epochs=epochs,
        environment_size=environment_size,
    )


# -- the tuning job -------------------------------------------------------------------------------


def _hyperband_strategy_config(draw: Draw) -> HyperbandStrategyConfig:
    low = draw(_between(1, 20))
    with_min, which = _digits(draw, 2, 4)
    high = draw(_between(low, 20000)) if which == 0 else max(low, (27, 81, 243)[which - 1])
    return HyperbandStrategyConfig(min_resource=low if with_min else None, max_resource=high)


@functools.cache
@st.composite
def hyperband_strategy_configs(draw: Draw) -> HyperbandStrategyConfig:
    """Hyperband resources with MinResource <= MaxResource <= 20000."""
    return _hyperband_strategy_config(draw)


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


def _completion_criteria(draw: Draw, look: _Look) -> TuningJobCompletionCriteria:
    target, best, convergence = _digits(draw, len(TARGET_VALUES), 2, 3)
    return TuningJobCompletionCriteria(
        target_objective_metric_value=TARGET_VALUES[target],
        best_objective_not_improving=BestObjectiveNotImproving(
            max_number_of_training_jobs_not_improving=look.number(3, 50)
        )
        if best
        else None,
        convergence_detected=ConvergenceDetected(
            complete_on_convergence=(None, "Enabled", "Disabled")[convergence]
        )
        if convergence
        else None,
    )


@functools.cache
def tuning_job_completion_criterias() -> st.SearchStrategy[TuningJobCompletionCriteria]:
    """Completion criteria: a target value, no improvement, convergence (any combination)."""
    return _structure(_completion_criteria)


@functools.cache
def parent_hyper_parameter_tuning_jobs() -> st.SearchStrategy[ParentHyperParameterTuningJob]:
    """Parent tuning jobs by name."""
    return st.builds(ParentHyperParameterTuningJob, hyper_parameter_tuning_job_name=job_names())


def _warm_start_config(draw: Draw, look: _Look) -> HyperParameterTuningJobWarmStartConfig:
    count, kind = _digits(draw, 5, 2)
    names: dict[str, str] = {}  # distinct ignoring case; seed 0 repeats one name
    for _ in range(count + 1):
        name = _job_name(look)
        names.setdefault(name.lower(), name)
    return HyperParameterTuningJobWarmStartConfig(
        parent_hyper_parameter_tuning_jobs=[
            ParentHyperParameterTuningJob(hyper_parameter_tuning_job_name=name)
            for name in names.values()
        ],
        warm_start_type=("IdenticalDataAndAlgorithm", "TransferLearning")[kind],
    )


@functools.cache
def hyper_parameter_tuning_job_warm_start_configs() -> st.SearchStrategy[
    HyperParameterTuningJobWarmStartConfig
]:
    """Warm start from 1 to 5 distinct parents."""
    return _structure(_warm_start_config)


warm_start_configs = hyper_parameter_tuning_job_warm_start_configs


def _resource_limits(
    draw: Draw, *, combinations: int | None, grid: bool, required_total: bool
) -> ResourceLimits:
    budget, runtime, drop = _digits(draw, len(ROUND_BUDGETS) + 1, len(TUNING_RUNTIMES), 2)
    total: int | None
    if grid:
        total = combinations if drop else None
    else:
        ceiling = min(750, combinations) if combinations is not None else 750
        rounds = [v for v in ROUND_BUDGETS if v <= ceiling]
        if budget and rounds:
            total = rounds[(budget - 1) % len(rounds)]
        else:
            total = draw(_between(1, ceiling))
        if not required_total and drop:
            total = None
    parallel = draw(_between(1, min(10, total) if total is not None else 10))
    return ResourceLimits(
        max_number_of_training_jobs=total,
        max_parallel_training_jobs=parallel,
        max_runtime_in_seconds=TUNING_RUNTIMES[runtime],
    )


@st.composite
def resource_limits(
    draw: Draw, *, combinations: int | None = None, grid: bool = False, required_total: bool = True
) -> ResourceLimits:
    """Budgets: at most 750 jobs (and no more than ``combinations`` distinct points of a discrete
    space), at most 10 in parallel and no more than the total."""
    return _resource_limits(
        draw, combinations=combinations, grid=grid, required_total=required_total
    )


def _strategy_value(draw: Draw, strategy: st.SearchStrategy[str]) -> str:
    value = draw(strategy)
    value = getattr(value, "value", value)
    if value not in STRATEGY_NAMES:
        raise InvalidArgument(
            f"strategy drew {value!r}; the strategies are {', '.join(STRATEGY_NAMES)}"
        )
    return str(value)


_STRATEGY_NAMES = st.sampled_from(STRATEGY_NAMES)
_DEFINITION_COUNTS = st.sampled_from((1, 1, 2, 3))  # one definition is the common case
_OBJECTIVES = hyper_parameter_tuning_job_objectives()
_BOOLEANS = st.booleans()
_HYPERBAND_EPOCHS = st.sampled_from((10, 50, 100, 300))
_TAG_LISTS = tag_lists()


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
    ``TrainingJobDefinitions``; default 1 to 3, most often 1); ``autotune`` and ``warm_start``
    whether to use them (default: either; warm start needs a single definition);
    ``max_ranges`` bounds the ranges per definition. Shrinks towards a Bayesian search with
    one definition and one categorical range."""
    _check_size("max_ranges", max_ranges, 1, MAX_RANGES)
    for name, value in (
        ("strategy", strategy),
        ("definitions", definitions),
        ("autotune", autotune),
        ("warm_start", warm_start),
    ):
        if value is not None:
            _check_strategy(name, value)
    chosen = _strategy_value(draw, strategy if strategy is not None else _STRATEGY_NAMES)
    count = draw(definitions if definitions is not None else _DEFINITION_COUNTS)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 10:
        raise InvalidArgument(
            f"definitions drew {count!r}; a request has 1 to 10 training job definitions"
        )
    use_autotune = bool(draw(autotune if autotune is not None else _BOOLEANS)) and chosen != "Grid"
    multi = count > 1
    use_warm_start = bool(draw(warm_start if warm_start is not None else _BOOLEANS)) and not multi
    grid = chosen == "Grid"
    hyperband = chosen == "Hyperband"
    look = _look(draw)

    strategy_config = None
    epochs: int | None = None
    if hyperband:
        if draw(_BOOLEANS):  # MaxResource in the strategy config
            strategy_config = HyperParameterTuningJobStrategyConfig(
                hyperband_strategy_config=_hyperband_strategy_config(draw)
            )
        else:  # an epochs-like static hyperparameter instead
            epochs = draw(_HYPERBAND_EPOCHS)

    # With Autotune the objective, and each definition's ranges, may be left to SageMaker.
    objective_needed = not (use_autotune and draw(_BOOLEANS))
    kinds = _CATEGORICAL_KIND if grid else None
    views: list[tuple[HyperParameterTuningJobObjective | None, ParameterRanges | None]] = []
    for _ in range(count):
        objective = draw(_OBJECTIVES) if objective_needed or multi else None
        ranges = (
            None
            if use_autotune and draw(_BOOLEANS)
            else _parameter_ranges(
                draw,
                kinds=kinds,
                min_ranges=1,
                max_ranges=min(max_ranges, 3) if grid else max_ranges,
                exclude=EPOCH_NAMES,
                auto=use_autotune,
            )
        )
        views.append((objective, ranges))

    combinations: int | None = 0
    for _objective, ranges in views:
        points = _combinations(ranges)
        if combinations is not None and points is not None and _ranges_of(ranges):
            combinations += points
        else:
            combinations = None
    if grid and combinations is not None and combinations > 750:  # pragma: no cover - bounded above
        combinations = None

    built = [
        _training_job_definition(
            draw,
            _look(draw),
            objective=objective,
            ranges=ranges,
            definition_name=f"{look.pick(WORDS)}-{index}" if multi else None,
            with_own_objective_and_ranges=multi,
            epochs=epochs,
            environment_size=3,
        )
        for index, (objective, ranges) in enumerate(views)
    ]
    objective, ranges = views[0]
    has_objective = any(o is not None for o, _r in views)
    early, completion, seed, with_tags = _digits(draw, 3, 2, 2, 2)
    early_stopping = (None, "Off", "Off" if hyperband or multi else "Auto")[early]
    config = HyperParameterTuningJobConfig(
        strategy=_enum(chosen),
        strategy_config=strategy_config,
        hyper_parameter_tuning_job_objective=None if multi else objective,
        resource_limits=_resource_limits(
            draw, combinations=combinations, grid=grid, required_total=not use_autotune
        ),
        parameter_ranges=None if multi else ranges,
        training_job_early_stopping_type=_enum(early_stopping),
        tuning_job_completion_criteria=_completion_criteria(draw, look)
        if has_objective and completion
        else None,
        random_seed=look.number(0, 2**31 - 1) if seed else None,
    )
    return CreateHyperParameterTuningJobRequest(
        hyper_parameter_tuning_job_name=_job_name(look),
        hyper_parameter_tuning_job_config=config,
        training_job_definition=None if multi else built[0],
        training_job_definitions=built if multi else None,
        warm_start_config=_warm_start_config(draw, look) if use_warm_start else None,
        tags=draw(_TAG_LISTS) if with_tags else None,
        autotune=Autotune(mode="Enabled") if use_autotune else None,
    )


_CATEGORICAL_KIND = st.just("categorical")


@functools.cache
def _wire_requests_with(settings: tuple[tuple[str, Any], ...]) -> st.SearchStrategy[dict[str, Any]]:
    """wire_requests() steered by fixed settings, built once per settings."""
    return wire_requests(**{name: st.just(value) for name, value in settings})


@functools.cache
def _defect_codes() -> tuple[str, ...]:
    from hpt_request.strategies import _defects

    return (*sorted(_defects.STRUCTURAL), *sorted(_defects.SEMANTIC))


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

    from hpt_request.rules import ALIASES
    from hpt_request.strategies import _defects

    known = _defect_codes()
    code = draw(codes if codes is not None else _sampled(known))
    code = ALIASES.get(code, code)  # a former rule id, as settings take it
    if code in _defects.STRUCTURAL:
        wire = draw(_wire_requests_with(()))
        found = _defects.STRUCTURAL[code](wire, draw)
        assume(found is not None)
        assert found is not None
        code, location, map_keys = found
        return wire, code, _defects.render(location, map_keys)
    if code not in _defects.SEMANTIC:
        raise InvalidArgument(f"codes drew {code!r}; the defects are {', '.join(known)}")
    semantic = _defects.SEMANTIC[code]
    wire = draw(_wire_requests_with(tuple(sorted(semantic.settings.items()))))
    mutated = semantic.mutate(wire, draw)
    assert mutated is not None
    # A step after a map member (StaticHyperParameters, Environment) is a map key.
    keys = frozenset(
        index
        for index in range(1, len(mutated))
        if mutated[index - 1] in ("StaticHyperParameters", "Environment")
    )
    return wire, code, _defects.render(mutated, keys)


@functools.cache
def _sampled(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


def create_hyper_parameter_tuning_job_requests(
    **kwargs: Any,
) -> st.SearchStrategy[CreateHyperParameterTuningJobRequest]:
    """The same as :func:`requests` (named after the class, for ``st.from_type``)."""
    return requests(**kwargs)


def wire_requests(**kwargs: Any) -> st.SearchStrategy[dict[str, Any]]:
    """Valid requests as wire dicts (the JSON ``--cli-input-json`` takes). Takes the arguments of
    :func:`requests`."""
    from hpt_request.check import to_wire

    return requests(**kwargs).map(to_wire)


def _response(look: _Look) -> CreateHyperParameterTuningJobResponse:
    where = f"arn:aws:sagemaker:{look.pick(REGIONS)}:{_account(look)}"
    arn = f"{where}:hyper-parameter-tuning-job/{_job_name(look)}"
    return CreateHyperParameterTuningJobResponse(hyper_parameter_tuning_job_arn=arn)


@functools.cache
def create_hyper_parameter_tuning_job_responses() -> st.SearchStrategy[
    CreateHyperParameterTuningJobResponse
]:
    """Responses carrying the new tuning job's ARN."""
    return _LOOKS.map(_response)


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


def _resolver(build: Callable[[], st.SearchStrategy[Any]]) -> Callable[[type[Any]], Any]:
    return lambda _thing: build()


# Hypothesis's entry point (through hpt_request/__init__.py) registers these lazily when Hypothesis
# or hpt_request is imported; this covers processes that run without entry points
# (HYPOTHESIS_NO_PLUGINS). Registering again replaces the same strategies.
for _cls, _build in STRATEGIES_BY_CLASS.items():
    st.register_type_strategy(_cls, _resolver(_build))
