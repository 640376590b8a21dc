"""The cross-field rules: for every rule a realistic request that passes it and one that fails it.

Each case starts from a golden valid request (a deep copy) and changes one thing. A failing case
lists exactly the problems the rule reports (code, path, severity) and every other problem the
change unavoidably causes; anything else is a test failure, so a false alarm of another rule on
the mutated request is caught too. The rule ids and their default severities are copied from the
catalogue (``semantic-rules.md``): that list is the independent oracle for the registry.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hpt_request import Problem, RequestValidationError, RuleSettings, from_wire, validate
from hpt_request.model.errors import Severity
from hpt_request.rules import RULES, Rule
from hpt_request.rules.policy_table import Policy
from hpt_request.rules.prices import Prices
from tests.corpus import golden_valid

Wire = dict[str, Any]
Mutation = Callable[[Wire], None]
ParentsBuilder = Callable[[Wire], list[Wire]]
Found = tuple[str, str, str]  # (code, path, severity)

VALID = golden_valid()
# A real request of an algorithm no golden request runs (made by the SageMaker Python SDK, see
# tests/realworld/SOURCES.md): clean, like the golden ones.
SEGMENTATION = "realworld/sdk-semantic-segmentation"
VALID[SEGMENTATION] = json.loads(
    (Path(__file__).parent / "realworld" / "sdk-semantic-segmentation.json").read_text("utf-8")
)
# The Developer Guide's XGBoost tuning job, made by the SDK (tests/realworld/SOURCES.md): 20 jobs,
# 3 in parallel, 2 x ml.c4.2xlarge for at most 43200 s each, image in us-west-2, no tags.
DEVGUIDE = "realworld/devguide-xgboost-tuning-job"
VALID[DEVGUIDE] = json.loads(
    (Path(__file__).parent / "realworld" / "devguide-xgboost-tuning-job.json").read_text("utf-8")
)

# The catalogue table of semantic-rules.md, in its order: (id, default severity).
CATALOGUE: list[tuple[str, Severity]] = [
    # definitions: one or several
    ("definition-exactly-one", "error"),
    ("multi-definition-names", "error"),
    ("multi-objective-per-definition", "error"),
    ("multi-no-warm-start", "error"),
    ("multi-no-early-stopping", "error"),
    # training job definition
    ("image-xor-algorithm", "error"),
    ("objective-metric-defined", "error"),
    ("builtin-no-metric-definitions", "error"),
    ("algorithm-no-metric-definitions", "warning"),
    # The catalogue's metric-definition-names-unique, by the id that says what it checks
    # (rules.ALIASES keeps the catalogue's id working).
    ("metric-regex-compiles", "warning"),
    ("metric-regex-captures-value", "warning"),  # not in the catalogue: issue 24
    ("marketplace-network-isolation", "warning"),
    ("max-wait-needs-spot", "error"),
    ("spot-needs-max-wait", "error"),
    ("max-wait-ge-max-runtime", "error"),
    ("max-runtime-28-days", "warning"),
    ("resource-config-exactly-one", "error"),
    ("instance-configs-exclusive", "error"),
    ("instance-count-positive", "error"),
    ("volume-kms-local-storage", "error"),
    ("augmented-manifest-pipe", "error"),
    ("file-mode-compression", "warning"),
    ("channel-names-unique", "warning"),
    # built-in algorithms
    ("builtin-objective-metric", "warning"),
    ("builtin-objective-direction", "warning"),
    ("builtin-hyperparameter-known", "warning"),
    ("builtin-script-mode-ranges", "error"),  # not in the catalogue: issue 24
    ("builtin-hyperparameter-tunable", "warning"),
    ("builtin-range-not-tunable", "warning"),  # not in the catalogue: issue 24
    ("builtin-hyperparameter-values", "warning"),
    ("builtin-required-hyperparameters", "error"),
    # strategy, objective, Hyperband, Grid
    ("objective-required", "error"),
    ("hyperband-early-stopping-off", "error"),
    ("strategy-config-only-hyperband", "warning"),
    ("hyperband-max-resource", "error"),
    ("hyperband-max-resource-limit", "error"),
    ("hyperband-min-le-max", "warning"),
    ("grid-categorical-only", "error"),
    ("completion-needs-objective", "warning"),
    # budget and quotas
    ("grid-max-jobs", "error"),
    ("grid-combinations-limit", "error"),
    ("discrete-space-covers-max-jobs", "error"),
    ("max-jobs-quota", "error"),
    ("max-parallel-quota", "warning"),
    ("parallel-le-total", "warning"),
    ("tuning-runtime-30-days", "warning"),
    # search space
    ("ranges-total-30", "error"),
    ("static-plus-tunable-100", "error"),
    ("range-names-unique", "warning"),
    ("static-not-tuned", "warning"),
    ("range-bounds-numeric", "error"),
    ("range-min-lt-max", "error"),
    ("categorical-distinct", "error"),
    ("log-scale-positive", "error"),
    ("reverse-log-continuous-only", "error"),
    ("reverse-log-unit-interval", "error"),
    ("ranges-required", "error"),
    ("auto-parameters-need-autotune", "warning"),
    # tags and environment
    ("environment-total-48", "error"),
    ("tag-keys-unique", "error"),
    ("tag-aws-prefix", "error"),
    # secrets in hyperparameters and environment
    ("secret-in-plain-text", "warning"),
    # warm start
    ("warm-start-parents-distinct", "warning"),
    ("warm-start-against-parents", "error"),
    # security group (opt-in)
    ("security-network-isolation", "warning"),
    ("security-inter-container-encryption", "warning"),
    ("security-volume-kms-key", "warning"),
    ("security-output-kms-key", "warning"),
    ("security-vpc", "warning"),
    ("security-image-registry", "warning"),
    # the team's policies (each run when set)
    ("policy-allowed-instance-types", "error"),
    ("policy-max-instance-count", "error"),
    ("policy-max-parallel-training-jobs", "error"),
    ("policy-max-worst-case-instance-hours", "error"),
    ("policy-max-worst-case-usd", "error"),
    ("policy-required-tags", "error"),
    ("policy-require-spot", "error"),
    ("policy-max-runtime-seconds", "error"),
    ("policy-allowed-regions", "error"),
]
# Rules whose catalogue entry names a second severity for a milder form of the defect.
MIXED_SEVERITY = {
    "categorical-distinct",
    "algorithm-no-metric-definitions",
    "builtin-no-metric-definitions",
    "static-plus-tunable-100",
    "grid-max-jobs",
    "max-jobs-quota",
    "max-parallel-quota",
    "warm-start-against-parents",
    "policy-max-worst-case-usd",
}

CFG = "HyperParameterTuningJobConfig"
OBJECTIVE = f"{CFG}.HyperParameterTuningJobObjective"
LIMITS = f"{CFG}.ResourceLimits"
RANGES = f"{CFG}.ParameterRanges"
HYPERBAND = f"{CFG}.StrategyConfig.HyperbandStrategyConfig"
DEF = "TrainingJobDefinition"
DEFS = "TrainingJobDefinitions"
SPEC = f"{DEF}.AlgorithmSpecification"
STATIC = f"{DEF}.StaticHyperParameters"
CHANNELS = f"{DEF}.InputDataConfig"
PARENTS = "WarmStartConfig.ParentHyperParameterTuningJobs"
XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


# -- building requests: wire paths as mutations --------------------------------------------------

_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\[("(?:[^"\\]|\\.)*")\]')


def _steps(path: str) -> list[str | int]:
    """The steps of a wire path as the problems print it (``A.B[2].C["key"]``)."""
    steps: list[str | int] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        assert match is not None, f"bad path {path!r} at {position}"
        member, index, key = match.groups()
        if member is not None:
            steps.append(member)
        elif index is not None:
            steps.append(int(index))
        else:
            steps.append(json.loads(key))
        position = match.end()
    return steps


def _holder(wire: Wire, path: str) -> tuple[Any, str | int]:
    *head, last = _steps(path)
    node: Any = wire
    for step in head:
        node = node[step]
    return node, last


def put(path: str, value: Any) -> Mutation:
    """Set the member, list item or map entry at ``path``."""

    def apply(wire: Wire) -> None:
        node, last = _holder(wire, path)
        node[last] = copy.deepcopy(value)

    return apply


def drop(path: str) -> Mutation:
    """Remove the member, list item or map entry at ``path``."""

    def apply(wire: Wire) -> None:
        node, last = _holder(wire, path)
        del node[last]

    return apply


def append(path: str, *items: Any) -> Mutation:
    """Append items to the list at ``path``."""

    def apply(wire: Wire) -> None:
        node, last = _holder(wire, path)
        node[last].extend(copy.deepcopy(list(items)))

    return apply


def update(path: str, entries: dict[str, str]) -> Mutation:
    """Add or replace entries of the map at ``path`` (creating it if absent)."""

    def apply(wire: Wire) -> None:
        node, last = _holder(wire, path)
        node.setdefault(last, {}).update(entries)

    return apply


def untune(name: str) -> Mutation:
    """Remove the range named ``name`` from every range list of the single definition."""

    def apply(wire: Wire) -> None:
        ranges = wire[CFG]["ParameterRanges"]
        for member in ("IntegerParameterRanges", "ContinuousParameterRanges"):
            ranges[member] = [item for item in ranges.get(member, []) if item["Name"] != name]
            if not ranges[member]:
                del ranges[member]

    return apply


def toggles(count: int) -> list[dict[str, Any]]:
    """``count`` on/off categorical ranges, as a training script with feature switches has."""
    return [{"Name": f"use-aug-{i:02d}", "Values": ["true", "false"]} for i in range(count)]


def settings(count: int, prefix: str = "layer-width-") -> dict[str, str]:
    """``count`` extra static hyperparameters."""
    return {f"{prefix}{i:02d}": "256" for i in range(count)}


def environment(count: int, prefix: str) -> dict[str, str]:
    return {f"{prefix}_{i:02d}": "1" for i in range(count)}


def describe(request: Wire, name: str) -> Wire:
    """The DescribeHyperParameterTuningJob response of a completed job created from
    ``request`` under ``name`` (as the CLI prints it: response-only members included, and
    SageMaker's own ``_tuning_objective_metric`` among the static hyperparameters)."""
    config = copy.deepcopy(request[CFG])
    definition = copy.deepcopy(request[DEF])
    metric = config["HyperParameterTuningJobObjective"]["MetricName"]
    definition["StaticHyperParameters"] = {
        **definition.get("StaticHyperParameters", {}),
        "_tuning_objective_metric": metric,
    }
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobArn": (
            f"arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/{name}"
        ),
        "HyperParameterTuningJobConfig": config,
        "TrainingJobDefinition": definition,
        "HyperParameterTuningJobStatus": "Completed",
        "CreationTime": "2024-06-15T09:12:44.512000+00:00",
        "HyperParameterTuningEndTime": "2024-06-15T13:40:02.118000+00:00",
        "LastModifiedTime": "2024-06-15T13:40:02.118000+00:00",
        "TrainingJobStatusCounters": {
            "Completed": 40,
            "InProgress": 0,
            "RetryableError": 0,
            "NonRetryableError": 0,
            "Stopped": 0,
        },
        "ObjectiveStatusCounters": {"Succeeded": 40, "Pending": 0, "Failed": 0},
    }


def parents_like(*mutations: Mutation, only: int | None = None) -> ParentsBuilder:
    """Describe responses for every parent the base request names, each made from the base
    request with ``mutations`` applied (to parent number ``only`` alone, if given)."""

    def build(base: Wire) -> list[Wire]:
        found = []
        for index, parent in enumerate(base["WarmStartConfig"]["ParentHyperParameterTuningJobs"]):
            wire = copy.deepcopy(base)
            if only is None or index == only:
                for mutation in mutations:
                    mutation(wire)
            found.append(describe(wire, parent["HyperParameterTuningJobName"]))
        return found

    return build


# -- the cases -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    label: str
    base: str
    mutations: tuple[Mutation, ...]
    expected: tuple[tuple[str, Severity], ...]  # (path, severity) of the rule's own problems
    also: tuple[Found, ...] = ()  # every other problem the change unavoidably causes
    parents: ParentsBuilder | None = field(default=None)
    settings: RuleSettings | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.label}"

    def build(self) -> Wire:
        wire = copy.deepcopy(VALID[self.base])
        for mutation in self.mutations:
            mutation(wire)
        return wire

    def parent_responses(self) -> list[Wire] | None:
        if self.parents is None:
            return None
        return self.parents(copy.deepcopy(VALID[self.base]))


def passes(
    rule: str,
    base: str,
    *mutations: Mutation,
    label: str = "pass",
    parents: ParentsBuilder | None = None,
    settings: RuleSettings | None = None,
) -> Case:
    return Case(rule, label, base, mutations, (), parents=parents, settings=settings)


def fails(
    rule: str,
    base: str,
    *mutations: Mutation,
    at: Sequence[tuple[str, Severity]],
    also: Sequence[Found] = (),
    label: str = "fail",
    parents: ParentsBuilder | None = None,
    settings: RuleSettings | None = None,
) -> Case:
    return Case(rule, label, base, mutations, tuple(at), tuple(also), parents, settings)


E: Severity = "error"
W: Severity = "warning"
BAYES = "example/bayesian"
RANDOM = "example/random"
KITCHEN = "golden/kitchen_sink"
GRID = "example/grid"
MULTI = "example/multi-algorithm"
HB = "example/hyperband"
HB_EPOCHS = "golden/hyperband_inferred_epochs"
SPOT = "example/spot"
ALGORITHM = "golden/seed_era_algorithm_name"
WARM = "golden/warm_start_identical"
IDENTICAL = parents_like()
# The built-in Object Detection image in the kitchen sink's region (its metric definitions are
# the algorithm's own #quality_metric lines).
OBJECT_DETECTION = "811284229777.dkr.ecr.us-east-1.amazonaws.com/object-detection:1"


def enabled(rule: str) -> RuleSettings:
    """The settings that run one opt-in rule."""
    return RuleSettings(enable={rule})


def policy(
    region: str | None = None, prices: Prices | None = None, **policies: Any
) -> RuleSettings:
    """The settings that set team policies (and the request's region and prices)."""
    return RuleSettings(policy=Policy(**policies), region=region, prices=prices)


C4_PRICE = Prices.parse(
    "region,instance_type,usd_per_hour\nus-west-2,ml.c4.2xlarge,0.5\n", source="test"
)


def fake_token(prefix: str, length: int, alphabet: str = "aB3dE5gH7jK9mN2pQ4sT6vW8yZ") -> str:
    """A credential's format filled with made-up characters (built here, so that the source
    holds no text of a credential's form for a secret scanner to flag)."""
    body = (alphabet * (length // len(alphabet) + 1))[:length]
    return prefix + body


VOLUME_KEY = "alias/training-volumes"
# The example keys of AWS's own documentation (IAM User Guide).
AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
HF_TOKEN = fake_token("hf" + "_", 34, "aBcDeFgHiJkLmNoPqRsTuVwXyZ")
GITHUB_TOKEN = fake_token("gh" + "p_", 36)
OWN_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-training:2.1"
SG = "sg-0a1b2c3d4e5f67890"
SUBNET = "subnet-0123456789abcdef0"


def _single_copy_of_first_definition(wire: Wire) -> None:
    """Add a TrainingJobDefinition next to TrainingJobDefinitions (a leftover of the single-
    algorithm version of the job)."""
    single = copy.deepcopy(wire[DEFS][0])
    for member in ("DefinitionName", "TuningObjective", "HyperParameterRanges"):
        del single[member]
    wire[DEF] = single


NEW_DATA = put(
    f"{CHANNELS}[0].DataSource.S3DataSource.S3Uri", "s3://acme-ml-data/churn/2024-07/train/"
)
NEW_IMAGE = put(f"{SPEC}.TrainingImage", XGBOOST_IMAGE.replace("1.7-1", "1.5-1"))
TRANSFER = put("WarmStartConfig.WarmStartType", "TransferLearning")
NEW_CHANNELS = put(f"{CHANNELS}[0].ChannelName", "training")
# Nine more XGBoost hyperparameters, set in the parents; the child changes some of their values.
XGB_STATIC = {
    "alpha": "0",
    "lambda": "1",
    "max_delta_step": "0",
    "scale_pos_weight": "1",
    "colsample_bytree": "1",
    "colsample_bylevel": "1",
    "tree_method": "auto",
    "max_bin": "256",
    "grow_policy": "depthwise",
}
XGB_CHANGED = {
    "alpha": "0.5",
    "lambda": "2",
    "max_delta_step": "1",
    "scale_pos_weight": "3",
    "colsample_bytree": "0.8",
    "colsample_bylevel": "0.9",
    "tree_method": "hist",
    "max_bin": "512",
    "grow_policy": "lossguide",
}
MADE_STATIC = (
    untune("gamma"),
    untune("subsample"),
    update(STATIC, {"gamma": "0", "subsample": "0.8"}),
)
WARM_PARENT_NAMES = ("churn-xgb-bayes-20240615", "churn-xgb-bayes-20240618")


def _twice(path: str) -> list[tuple[str, Severity]]:
    """The same error once per parent of the warm-start base request."""
    return [(path, E)] * len(WARM_PARENT_NAMES)


def _twice_warning(path: str) -> list[tuple[str, Severity]]:
    """The same warning once per parent of the warm-start base request."""
    return [(path, "warning")] * len(WARM_PARENT_NAMES)


CASES: list[Case] = [
    # definitions, objective, algorithm
    passes("definition-exactly-one", BAYES),
    passes("definition-exactly-one", MULTI, label="pass-multi"),
    fails("definition-exactly-one", MULTI, _single_copy_of_first_definition, at=[(DEFS, E)]),
    fails("definition-exactly-one", BAYES, drop(DEF), at=[(DEF, E)], label="fail-neither"),
    passes("multi-definition-names", MULTI),
    fails(
        "multi-definition-names",
        MULTI,
        put(f"{DEFS}[1].DefinitionName", "xgboost"),
        at=[(f"{DEFS}[1].DefinitionName", E)],
    ),
    fails(
        "multi-definition-names",
        MULTI,
        drop(f"{DEFS}[1].DefinitionName"),
        at=[(f"{DEFS}[1].DefinitionName", E)],
        label="fail-missing",
    ),
    passes("objective-required", BAYES),
    passes("objective-required", "example/autotune", drop(OBJECTIVE), label="pass-autotune"),
    fails("objective-required", BAYES, drop(OBJECTIVE), at=[(OBJECTIVE, E)]),
    passes("multi-objective-per-definition", "golden/multi_algorithm_three"),
    fails(
        "multi-objective-per-definition",
        MULTI,
        put(OBJECTIVE, {"Type": "Maximize", "MetricName": "validation:auc"}),
        at=[(OBJECTIVE, E)],
    ),
    fails(
        "multi-objective-per-definition",
        MULTI,
        put(
            RANGES,
            {"IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "3", "MaxValue": "10"}]},
        ),
        at=[(RANGES, E)],
        label="fail-config-ranges",
    ),
    fails(
        "multi-objective-per-definition",
        MULTI,
        drop(f"{DEFS}[1].TuningObjective"),
        at=[(f"{DEFS}[1].TuningObjective", E)],
        label="fail-no-objective",
    ),
    fails(
        "multi-objective-per-definition",
        MULTI,
        drop(f"{DEFS}[1].HyperParameterRanges"),
        at=[(f"{DEFS}[1].HyperParameterRanges", E)],
        label="fail-no-ranges",
    ),
    passes("multi-no-warm-start", "example/warm-start"),
    fails(
        "multi-no-warm-start",
        MULTI,
        put(
            "WarmStartConfig",
            {
                "ParentHyperParameterTuningJobs": [
                    {"HyperParameterTuningJobName": "churn-multi-algo-0601"}
                ],
                "WarmStartType": "TransferLearning",
            },
        ),
        at=[("WarmStartConfig", E)],
    ),
    passes("multi-no-early-stopping", MULTI),
    fails(
        "multi-no-early-stopping",
        MULTI,
        put(f"{CFG}.TrainingJobEarlyStoppingType", "Auto"),
        at=[(f"{CFG}.TrainingJobEarlyStoppingType", E)],
    ),
    passes("image-xor-algorithm", ALGORITHM),
    passes("image-xor-algorithm", BAYES, label="pass-image"),
    fails(
        "image-xor-algorithm",
        BAYES,
        drop(f"{SPEC}.TrainingImage"),
        at=[(f"{SPEC}.TrainingImage", E)],
    ),
    fails(
        "image-xor-algorithm",
        ALGORITHM,
        put(f"{SPEC}.TrainingImage", XGBOOST_IMAGE),
        at=[(f"{SPEC}.AlgorithmName", E)],
        label="fail-both",
    ),
    passes("objective-metric-defined", RANDOM),
    fails(
        "objective-metric-defined",
        RANDOM,
        drop(f"{SPEC}.MetricDefinitions[0]"),
        at=[(f"{OBJECTIVE}.MetricName", E)],
    ),
    # A built-in algorithm image emits its own metrics: no MetricDefinitions needed.
    passes("objective-metric-defined", BAYES, label="pass-built-in"),
    passes("builtin-no-metric-definitions", BAYES),
    passes("builtin-no-metric-definitions", RANDOM, label="pass-custom-image"),
    fails(
        "builtin-no-metric-definitions",
        BAYES,
        put(f"{SPEC}.MetricDefinitions", [{"Name": "validation:auc", "Regex": "auc:([0-9.]+)"}]),
        at=[(f"{SPEC}.MetricDefinitions", E)],
    ),
    fails(
        "builtin-no-metric-definitions",
        BAYES,
        put(f"{SPEC}.MetricDefinitions", [{"Name": "validation:auc", "Regex": "auc:([0-9.]+)"}]),
        update(STATIC, {"sagemaker_program": '"train.py"'}),
        at=[(f"{SPEC}.MetricDefinitions", W)],
        label="fail-script-mode-warning",
    ),
    passes("builtin-range-not-tunable", SEGMENTATION),
    passes(  # XGBoost: no report of the service refusing an unlisted range (opt-in rule only)
        "builtin-range-not-tunable",
        BAYES,
        put(f"{RANGES}.IntegerParameterRanges[0].Name", "max_leaves"),
        label="pass-other-algorithm",
    ),
    fails(  # awsdocs/amazon-sagemaker-developer-guide#90: gamma1 as a range
        "builtin-range-not-tunable",
        SEGMENTATION,
        put(
            f"{RANGES}.ContinuousParameterRanges",
            [
                {"Name": "learning_rate", "MinValue": "0.0001", "MaxValue": "0.01"},
                {"Name": "gamma1", "MinValue": "0.5", "MaxValue": "0.99"},
            ],
        ),
        at=[(f"{RANGES}.ContinuousParameterRanges[1].Name", W)],
    ),
    passes(  # the SDK's script-mode XGBoost tuner tunes names XGBoost knows
        "builtin-script-mode-ranges",
        BAYES,
        update(STATIC, {"sagemaker_program": "train.py"}),
    ),
    passes(  # a name of the script's own, on an image that is not XGBoost's: no check
        "builtin-script-mode-ranges",
        RANDOM,
        put(f"{RANGES}.CategoricalParameterRanges", [{"Name": "xform", "Values": ["a", "b"]}]),
        label="pass-custom-image",
    ),
    fails(  # aws/sagemaker-python-sdk#2226: the script's own feature_xform, tuned
        "builtin-script-mode-ranges",
        BAYES,
        update(STATIC, {"sagemaker_program": "train.py"}),
        put(
            f"{RANGES}.CategoricalParameterRanges",
            [{"Name": "feature_xform", "Values": ["onehot", "ordinal"]}],
        ),
        at=[(f"{RANGES}.CategoricalParameterRanges[0].Name", E)],
    ),
    fails(  # the definitions read the algorithm's own log line: accepted, but redundant
        "builtin-no-metric-definitions",
        KITCHEN,
        put(f"{SPEC}.TrainingImage", OBJECT_DETECTION),
        at=[(f"{SPEC}.MetricDefinitions", W)],
        label="fail-own-log-format-warning",
    ),
    fails(  # one definition of another form: an override, refused
        "builtin-no-metric-definitions",
        KITCHEN,
        put(f"{SPEC}.TrainingImage", OBJECT_DETECTION),
        put(f"{SPEC}.MetricDefinitions[0].Regex", "validation mAP=([0-9.]+)"),
        at=[(f"{SPEC}.MetricDefinitions", E)],
        label="fail-override",
    ),
    fails(
        "objective-metric-defined",
        MULTI,
        put(f"{DEFS}[1].TuningObjective.MetricName", "validation:f1"),
        at=[(f"{DEFS}[1].TuningObjective.MetricName", E)],
        label="fail-multi",
    ),
    passes("algorithm-no-metric-definitions", ALGORITHM),
    fails(  # the account's own algorithm resource: the service's answer is not quoted
        "algorithm-no-metric-definitions",
        ALGORITHM,
        put(f"{SPEC}.MetricDefinitions", [{"Name": "validation:f1", "Regex": "f1=([0-9\\.]+)"}]),
        at=[(f"{SPEC}.MetricDefinitions", W)],
    ),
    fails(  # an AWS Marketplace algorithm (another account): refused, as the service says
        "algorithm-no-metric-definitions",
        ALGORITHM,
        put(
            f"{SPEC}.AlgorithmName",
            "arn:aws:sagemaker:us-east-1:865070037744:algorithm/market-algo-1",
        ),
        put(f"{DEF}.EnableNetworkIsolation", True),
        put(f"{SPEC}.MetricDefinitions", [{"Name": "validation:f1", "Regex": "f1=([0-9\\.]+)"}]),
        at=[(f"{SPEC}.MetricDefinitions", E)],
        label="fail-marketplace",
    ),
    passes("metric-regex-compiles", RANDOM),
    passes(  # two regexes for one metric: AWS's training-compiler notebook does it on purpose
        "metric-regex-compiles",
        RANDOM,
        put(f"{SPEC}.MetricDefinitions[2].Name", "validation:loss"),
        label="pass-same-name",
    ),
    passes(  # Java's named back-reference
        "metric-regex-compiles",
        RANDOM,
        put(f"{SPEC}.MetricDefinitions[1].Regex", "val_loss=([0-9.]+)(?<q>')\\k<q>"),
        label="pass-java-back-reference",
    ),
    fails(
        "metric-regex-compiles",
        RANDOM,
        put(f"{SPEC}.MetricDefinitions[1].Regex", "val_loss=([0-9\\.]+"),
        at=[(f"{SPEC}.MetricDefinitions[1].Regex", W)],
    ),
    passes("metric-regex-captures-value", RANDOM),
    passes(  # the built-in XGBoost's own form, a greedy \\S+ and a lazy group closed by a ";"
        "metric-regex-captures-value",
        RANDOM,
        put(
            f"{SPEC}.MetricDefinitions",
            [
                {
                    "Name": "validation:accuracy",
                    "Regex": "validation-accuracy:([-+]?[0-9]*\\.?[0-9]+)",
                },
                {"Name": "validation:loss", "Regex": "val_loss=(\\S+)"},
                {"Name": "train:loss", "Regex": "train_loss=(.*?);"},
            ],
        ),
        label="pass-forms",
    ),
    fails(  # aws/sagemaker-python-sdk#3932: a lazy group at the end captures nothing
        "metric-regex-captures-value",
        RANDOM,
        put(f"{SPEC}.MetricDefinitions[0].Regex", "val_acc=(.*?)"),
        at=[(f"{SPEC}.MetricDefinitions[0].Regex", W)],
    ),
    fails(
        "metric-regex-captures-value",
        RANDOM,
        put(f"{SPEC}.MetricDefinitions[1].Regex", "val_loss=[0-9.]+"),
        at=[(f"{SPEC}.MetricDefinitions[1].Regex", W)],
        label="fail-no-group",
    ),
    fails(
        "metric-regex-captures-value",
        RANDOM,
        put(f"{SPEC}.MetricDefinitions[2].Regex", "train_loss=([a-z]+)"),
        at=[(f"{SPEC}.MetricDefinitions[2].Regex", W)],
        label="fail-no-number",
    ),
    passes("marketplace-network-isolation", ALGORITHM),
    passes("marketplace-network-isolation", "golden/multi_algorithm_three", label="pass-multi"),
    passes(  # an algorithm resource of your own runs without network isolation
        "marketplace-network-isolation",
        ALGORITHM,
        put(f"{DEF}.EnableNetworkIsolation", False),
        label="pass-own-algorithm",
    ),
    fails(
        "marketplace-network-isolation",
        ALGORITHM,
        put(
            f"{SPEC}.AlgorithmName",
            "arn:aws:sagemaker:us-east-1:865070037744:algorithm/churn-boost-v2",
        ),
        put(f"{DEF}.EnableNetworkIsolation", False),
        at=[(f"{DEF}.EnableNetworkIsolation", W)],
    ),
    # built-in algorithms (the bayesian example runs XGBoost as an algorithm)
    passes("builtin-objective-metric", BAYES),
    passes("builtin-objective-metric", RANDOM, label="pass-custom-image"),
    fails(
        "builtin-objective-metric",
        BAYES,
        put(f"{OBJECTIVE}.MetricName", "validation:aucc"),
        at=[(f"{OBJECTIVE}.MetricName", W)],
    ),
    passes(  # script mode: the user's code writes the metrics
        "builtin-objective-metric",
        BAYES,
        put(f"{OBJECTIVE}.MetricName", "validation:my-metric"),
        update(STATIC, {"sagemaker_program": '"train.py"'}),
        label="pass-script-mode",
    ),
    passes("builtin-objective-direction", BAYES),
    fails(
        "builtin-objective-direction",
        BAYES,
        put(f"{OBJECTIVE}.Type", "Minimize"),
        at=[(f"{OBJECTIVE}.Type", W)],
    ),
    passes("builtin-hyperparameter-known", BAYES),
    passes(  # the SDK's estimators send mini_batch_size to every built-in algorithm
        "builtin-hyperparameter-known",
        BAYES,
        update(STATIC, {"mini_batch_size": "100"}),
        label="pass-sdk-hyperparameter",
    ),
    fails(
        "builtin-hyperparameter-known",
        BAYES,
        update(STATIC, {"max_dept": "5"}),
        at=[(f'{STATIC}["max_dept"]', W)],
    ),
    fails(
        "builtin-hyperparameter-known",
        BAYES,
        put(f"{RANGES}.IntegerParameterRanges[0].Name", "max_dept"),
        at=[(f"{RANGES}.IntegerParameterRanges[0].Name", W)],
        label="fail-range",
    ),
    passes(  # opt-in: silent unless enabled
        "builtin-hyperparameter-tunable",
        BAYES,
        append(
            f"{RANGES}.IntegerParameterRanges",
            {"Name": "max_bin", "MinValue": "64", "MaxValue": "512"},
        ),
        label="pass-not-enabled",
    ),
    passes(
        "builtin-hyperparameter-tunable",
        BAYES,
        settings=RuleSettings(enable={"builtin-hyperparameter-tunable"}),
    ),
    fails(
        "builtin-hyperparameter-tunable",
        BAYES,
        append(
            f"{RANGES}.IntegerParameterRanges",
            {"Name": "max_bin", "MinValue": "64", "MaxValue": "512"},
        ),
        at=[(f"{RANGES}.IntegerParameterRanges[1].Name", W)],
        settings=RuleSettings(enable={"builtin-hyperparameter-tunable"}),
    ),
    passes("builtin-hyperparameter-values", BAYES),
    fails(
        "builtin-hyperparameter-values",
        BAYES,
        put(f"{RANGES}.ContinuousParameterRanges[2].MaxValue", "1.5"),  # subsample is in (0, 1]
        at=[(f"{RANGES}.ContinuousParameterRanges[2].MaxValue", W)],
    ),
    fails(
        "builtin-hyperparameter-values",
        BAYES,
        update(STATIC, {"num_round": "300.5"}),  # an integer
        at=[(f'{STATIC}["num_round"]', W)],
        label="fail-static",
    ),
    passes("builtin-required-hyperparameters", BAYES),
    passes(  # num_round tuned instead of static
        "builtin-required-hyperparameters",
        BAYES,
        drop(f'{STATIC}["num_round"]'),
        append(
            f"{RANGES}.IntegerParameterRanges",
            {"Name": "num_round", "MinValue": "100", "MaxValue": "500"},
        ),
        label="pass-tuned",
    ),
    fails(
        "builtin-required-hyperparameters",
        BAYES,
        drop(f'{STATIC}["num_round"]'),
        at=[(STATIC, E)],
    ),
    # strategy, early stopping, Hyperband, Grid
    passes("hyperband-early-stopping-off", HB),
    passes(
        "hyperband-early-stopping-off",
        HB,
        drop(f"{CFG}.TrainingJobEarlyStoppingType"),
        label="pass-absent",
    ),
    fails(
        "hyperband-early-stopping-off",
        HB,
        put(f"{CFG}.TrainingJobEarlyStoppingType", "Auto"),
        at=[(f"{CFG}.TrainingJobEarlyStoppingType", E)],
    ),
    passes("strategy-config-only-hyperband", HB),
    fails(
        "strategy-config-only-hyperband",
        HB,
        put(f"{CFG}.Strategy", "Bayesian"),
        at=[(f"{CFG}.StrategyConfig", W)],
    ),
    passes("hyperband-max-resource", HB_EPOCHS),
    passes("hyperband-max-resource", HB, label="pass-given"),
    fails(
        "hyperband-max-resource",
        HB_EPOCHS,
        drop(f'{STATIC}["epochs"]'),
        at=[(f"{CFG}.StrategyConfig", E)],
    ),
    fails(
        "hyperband-max-resource",
        HB_EPOCHS,
        put(f'{STATIC}["epochs"]', "50.0"),
        at=[(f'{STATIC}["epochs"]', E)],
        label="fail-not-integer",
    ),
    passes("hyperband-max-resource-limit", HB),
    passes(
        "hyperband-max-resource-limit",
        HB,
        put(f"{HYPERBAND}.MaxResource", 20000),
        label="pass-at-limit",
    ),
    fails(
        "hyperband-max-resource-limit",
        HB,
        put(f"{HYPERBAND}.MaxResource", 20001),
        at=[(f"{HYPERBAND}.MaxResource", E)],
    ),
    fails(
        "hyperband-max-resource-limit",
        HB_EPOCHS,
        put(f'{STATIC}["epochs"]', "25000"),
        at=[(f'{STATIC}["epochs"]', E)],
        label="fail-inferred",
    ),
    passes("hyperband-min-le-max", HB),
    passes("hyperband-min-le-max", HB, put(f"{HYPERBAND}.MinResource", 81), label="pass-equal"),
    fails(
        "hyperband-min-le-max",
        HB,
        put(f"{HYPERBAND}.MinResource", 100),
        at=[(f"{HYPERBAND}.MinResource", W)],
    ),
    fails(
        "hyperband-min-le-max",
        HB_EPOCHS,
        put(f"{CFG}.StrategyConfig", {"HyperbandStrategyConfig": {"MinResource": 60}}),
        at=[(f"{HYPERBAND}.MinResource", W)],
        label="fail-inferred",
    ),
    passes("grid-categorical-only", GRID),
    fails(
        "grid-categorical-only",
        GRID,
        put(
            f"{RANGES}.IntegerParameterRanges",
            [{"Name": "degree", "MinValue": "2", "MaxValue": "5"}],
        ),
        at=[(f"{RANGES}.IntegerParameterRanges[0]", E)],
    ),
    passes("grid-max-jobs", GRID),
    passes("grid-max-jobs", "golden/grid_without_max_jobs", label="pass-absent"),
    fails(
        "grid-max-jobs",
        GRID,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 12),  # the grid has 18 combinations
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", W)],
        label="fail-fewer-warning",
    ),
    fails(
        "grid-max-jobs",
        GRID,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 20),
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
    ),
    passes("grid-combinations-limit", GRID),
    passes(
        "grid-combinations-limit",
        GRID,  # 3 x 5 x 2 x 5 x 5 = 750
        put(f"{RANGES}.CategoricalParameterRanges[1].Values", ["0.01", "0.1", "1", "10", "100"]),
        append(
            f"{RANGES}.CategoricalParameterRanges",
            {"Name": "gamma", "Values": ["scale", "auto", "0.01", "0.1", "1"]},
            {"Name": "degree", "Values": ["2", "3", "4", "5", "6"]},
        ),
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 750),
        label="pass-at-limit",
    ),
    fails(
        "grid-combinations-limit",
        GRID,  # 3 x 5 x 2 x 5 x 6 = 900
        put(f"{RANGES}.CategoricalParameterRanges[1].Values", ["0.01", "0.1", "1", "10", "100"]),
        append(
            f"{RANGES}.CategoricalParameterRanges",
            {"Name": "gamma", "Values": ["scale", "auto", "0.01", "0.1", "1"]},
            {"Name": "degree", "Values": ["2", "3", "4", "5", "6", "7"]},
        ),
        drop(f"{LIMITS}.MaxNumberOfTrainingJobs"),
        at=[(RANGES, E)],
    ),
    passes("discrete-space-covers-max-jobs", GRID, put(f"{CFG}.Strategy", "Random")),
    passes(
        "discrete-space-covers-max-jobs",
        "golden/resource_tuning_single_instance",  # 9 x 449 integer combinations
        drop(f"{RANGES}.ContinuousParameterRanges"),
        label="pass-integers",
    ),
    passes(
        "discrete-space-covers-max-jobs",
        BAYES,  # max_depth 3..10 alone: exactly 8 combinations for 8 jobs
        drop(f"{RANGES}.ContinuousParameterRanges"),
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 8),
        label="pass-integers-exact",
    ),
    fails(
        "discrete-space-covers-max-jobs",
        GRID,
        put(f"{CFG}.Strategy", "Random"),
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 30),
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
    ),
    fails(
        "discrete-space-covers-max-jobs",
        BAYES,  # max_depth 3..10 alone: 8 combinations for 50 jobs
        drop(f"{RANGES}.ContinuousParameterRanges"),
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
        label="fail-integers",
    ),
    passes("max-jobs-quota", BAYES),
    passes(
        "max-jobs-quota", BAYES, put(f"{LIMITS}.MaxNumberOfTrainingJobs", 750), label="pass-750"
    ),
    fails(
        "max-jobs-quota",
        BAYES,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 751),
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
    ),
    fails(
        "max-jobs-quota",
        RANDOM,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 751),
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", W)],
        label="fail-random-quota-warning",
    ),
    passes(
        "max-jobs-quota",
        RANDOM,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 750),
        label="pass-random-750",
    ),
    fails(
        "max-jobs-quota",
        RANDOM,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 10001),
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
        label="fail-random-hard-limit",
    ),
    passes("max-parallel-quota", HB),
    fails(
        "max-parallel-quota",
        HB,
        put(f"{LIMITS}.MaxParallelTrainingJobs", 11),
        at=[(f"{LIMITS}.MaxParallelTrainingJobs", W)],
    ),
    fails(
        "max-parallel-quota",
        HB,
        put(f"{LIMITS}.MaxParallelTrainingJobs", 101),
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 500),
        at=[(f"{LIMITS}.MaxParallelTrainingJobs", E)],
        label="fail-hard-limit",
    ),
    passes("parallel-le-total", BAYES),
    passes(
        "parallel-le-total", BAYES, put(f"{LIMITS}.MaxNumberOfTrainingJobs", 5), label="pass-equal"
    ),
    fails(
        "parallel-le-total",
        BAYES,
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 4),
        at=[(f"{LIMITS}.MaxParallelTrainingJobs", W)],
    ),
    passes("tuning-runtime-30-days", "golden/completion_criteria"),
    passes(
        "tuning-runtime-30-days",
        "golden/completion_criteria",
        put(f"{LIMITS}.MaxRuntimeInSeconds", 30 * 24 * 3600),
        label="pass-30-days",
    ),
    fails(
        "tuning-runtime-30-days",
        "golden/completion_criteria",
        put(f"{LIMITS}.MaxRuntimeInSeconds", 30 * 24 * 3600 + 1),
        at=[(f"{LIMITS}.MaxRuntimeInSeconds", W)],
    ),
    # parameter ranges and hyperparameters
    passes("ranges-total-30", "golden/kitchen_sink"),
    passes(
        "ranges-total-30",
        RANDOM,  # 5 + 25
        append(f"{RANGES}.CategoricalParameterRanges", *toggles(25)),
        label="pass-30",
    ),
    fails(
        "ranges-total-30",
        RANDOM,  # 5 + 26
        append(f"{RANGES}.CategoricalParameterRanges", *toggles(26)),
        at=[(RANGES, E)],
    ),
    passes("static-plus-tunable-100", RANDOM),
    passes(
        "static-plus-tunable-100",
        RANDOM,  # 5 + 89 static, 5 tunable
        update(STATIC, settings(89)),
        label="pass-99",
    ),
    fails(
        "static-plus-tunable-100",
        RANDOM,  # 5 + 91 static, 5 tunable
        update(STATIC, settings(91)),
        at=[(STATIC, E)],
    ),
    fails(
        "static-plus-tunable-100",
        RANDOM,  # 5 + 90 static, 5 tunable
        update(STATIC, settings(90)),
        at=[(STATIC, W)],
        label="fail-100-warning",
    ),
    passes("range-names-unique", BAYES),
    fails(
        "range-names-unique",
        BAYES,
        put(
            f"{RANGES}.CategoricalParameterRanges",
            [{"Name": "max_depth", "Values": ["3", "6", "9"]}],
        ),
        at=[(f"{RANGES}.CategoricalParameterRanges[0].Name", W)],
    ),
    fails(
        "range-names-unique",
        "golden/autotune_explicit_ranges",
        append(f"{RANGES}.AutoParameters", {"Name": "eta", "ValueHint": "0.1"}),
        at=[(f"{RANGES}.AutoParameters[1].Name", W)],
        label="fail-auto",
    ),
    passes("static-not-tuned", RANDOM),
    fails(
        "static-not-tuned",
        RANDOM,
        append(
            f"{RANGES}.IntegerParameterRanges",
            {"Name": "epochs", "MinValue": "10", "MaxValue": "30"},
        ),
        at=[(f"{RANGES}.IntegerParameterRanges[1].Name", W)],
    ),
    passes("range-bounds-numeric", RANDOM),
    passes("range-bounds-numeric", HB, label="pass-exponents"),
    fails(
        "range-bounds-numeric",
        BAYES,
        put(f"{RANGES}.IntegerParameterRanges[0].MaxValue", "10.0"),
        at=[(f"{RANGES}.IntegerParameterRanges[0].MaxValue", E)],
    ),
    fails(
        "range-bounds-numeric",
        BAYES,
        put(f"{RANGES}.ContinuousParameterRanges[1].MaxValue", "inf"),
        at=[(f"{RANGES}.ContinuousParameterRanges[1].MaxValue", E)],
        label="fail-inf",
    ),
    fails(
        "range-bounds-numeric",
        BAYES,
        put(f"{RANGES}.ContinuousParameterRanges[2].MinValue", " 0.5"),
        at=[(f"{RANGES}.ContinuousParameterRanges[2].MinValue", E)],
        label="fail-space",
    ),
    passes("range-min-lt-max", BAYES),
    fails(
        "range-min-lt-max",
        BAYES,
        put(f"{RANGES}.IntegerParameterRanges[0].MinValue", "10"),
        put(f"{RANGES}.IntegerParameterRanges[0].MaxValue", "3"),
        at=[(f"{RANGES}.IntegerParameterRanges[0].MaxValue", E)],
    ),
    fails(
        "range-min-lt-max",
        BAYES,  # subsample from "1" to "1.0": the same number
        put(f"{RANGES}.ContinuousParameterRanges[2].MinValue", "1"),
        at=[(f"{RANGES}.ContinuousParameterRanges[2].MaxValue", E)],
        label="fail-equal",
    ),
    passes("categorical-distinct", GRID),
    passes(
        "categorical-distinct",
        GRID,  # compared as exact strings
        put(f"{RANGES}.CategoricalParameterRanges[1].Values", ["1", "1.0", "10"]),
        label="pass-exact-strings",
    ),
    fails(
        "categorical-distinct",
        GRID,
        put(f"{RANGES}.CategoricalParameterRanges[1].Values", ["0.1", "1", "10", "1"]),
        at=[(f"{RANGES}.CategoricalParameterRanges[1].Values", E)],
    ),
    fails(
        "categorical-distinct",
        RANDOM,
        put(f"{RANGES}.CategoricalParameterRanges[0].Values", ["adamw"]),
        at=[(f"{RANGES}.CategoricalParameterRanges[0].Values", W)],
        label="fail-single-warning",
    ),
    passes("log-scale-positive", BAYES),
    fails(
        "log-scale-positive",
        BAYES,
        put(f"{RANGES}.ContinuousParameterRanges[0].MinValue", "0"),
        at=[(f"{RANGES}.ContinuousParameterRanges[0].MinValue", E)],
    ),
    fails(
        "log-scale-positive",
        HB,
        put(f"{RANGES}.IntegerParameterRanges[0].MinValue", "0"),
        at=[(f"{RANGES}.IntegerParameterRanges[0].MinValue", E)],
        label="fail-integer",
    ),
    passes("reverse-log-continuous-only", RANDOM),
    fails(
        "reverse-log-continuous-only",
        RANDOM,
        put(f"{RANGES}.IntegerParameterRanges[0].ScalingType", "ReverseLogarithmic"),
        at=[(f"{RANGES}.IntegerParameterRanges[0].ScalingType", E)],
    ),
    passes("reverse-log-unit-interval", RANDOM),
    passes(
        "reverse-log-unit-interval",
        RANDOM,
        put(f"{RANGES}.ContinuousParameterRanges[2].MinValue", "0"),
        label="pass-zero",
    ),
    fails(
        "reverse-log-unit-interval",
        RANDOM,
        put(f"{RANGES}.ContinuousParameterRanges[2].MaxValue", "1.0"),
        at=[(f"{RANGES}.ContinuousParameterRanges[2].MaxValue", E)],
    ),
    fails(
        "reverse-log-unit-interval",
        RANDOM,
        put(f"{RANGES}.ContinuousParameterRanges[2].MinValue", "-0.1"),
        at=[(f"{RANGES}.ContinuousParameterRanges[2].MinValue", E)],
        label="fail-negative",
    ),
    passes("ranges-required", BAYES),
    passes("ranges-required", "example/autotune", label="pass-autotune"),
    fails("ranges-required", BAYES, drop(RANGES), at=[(RANGES, E)]),
    fails(
        "ranges-required",
        MULTI,
        put(f"{DEFS}[1].HyperParameterRanges", {}),
        at=[(f"{DEFS}[1].HyperParameterRanges", E)],
        label="fail-multi-empty",
    ),
    passes("auto-parameters-need-autotune", "golden/autotune_auto_parameters"),
    fails(
        "auto-parameters-need-autotune",
        "golden/autotune_explicit_ranges",
        drop("Autotune"),
        at=[(f"{RANGES}.AutoParameters[0]", W)],
    ),
    fails(
        "auto-parameters-need-autotune",
        "golden/autotune_auto_parameters",
        append(f"{RANGES}.AutoParameters", {"Name": "num_round", "ValueHint": "300"}),
        at=[(f"{RANGES}.AutoParameters[3].Name", W)],
        label="fail-static",
    ),
    # stopping condition, spot, resources, input data
    passes("max-wait-needs-spot", SPOT),
    fails(
        "max-wait-needs-spot",
        SPOT,
        put(f"{DEF}.EnableManagedSpotTraining", False),
        at=[(f"{DEF}.StoppingCondition.MaxWaitTimeInSeconds", E)],
    ),
    passes("spot-needs-max-wait", SPOT),
    fails(
        "spot-needs-max-wait",
        SPOT,
        drop(f"{DEF}.StoppingCondition.MaxWaitTimeInSeconds"),
        at=[(f"{DEF}.StoppingCondition.MaxWaitTimeInSeconds", E)],
    ),
    passes("max-wait-ge-max-runtime", SPOT),
    passes(
        "max-wait-ge-max-runtime",
        SPOT,
        put(f"{DEF}.StoppingCondition.MaxWaitTimeInSeconds", 7200),
        label="pass-equal",
    ),
    fails(
        "max-wait-ge-max-runtime",
        SPOT,
        put(f"{DEF}.StoppingCondition.MaxWaitTimeInSeconds", 3600),
        at=[(f"{DEF}.StoppingCondition.MaxWaitTimeInSeconds", E)],
    ),
    passes("max-runtime-28-days", BAYES),
    passes(
        "max-runtime-28-days",
        BAYES,
        put(f"{DEF}.StoppingCondition.MaxRuntimeInSeconds", 28 * 24 * 3600),
        label="pass-28-days",
    ),
    fails(
        "max-runtime-28-days",
        BAYES,
        put(f"{DEF}.StoppingCondition.MaxRuntimeInSeconds", 28 * 24 * 3600 + 1),
        at=[(f"{DEF}.StoppingCondition.MaxRuntimeInSeconds", W)],
    ),
    passes("resource-config-exactly-one", "golden/resource_tuning_single_instance"),
    passes("resource-config-exactly-one", BAYES, label="pass-resource-config"),
    fails(
        "resource-config-exactly-one",
        BAYES,
        put(
            f"{DEF}.HyperParameterTuningResourceConfig",
            {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
        ),
        at=[(f"{DEF}.HyperParameterTuningResourceConfig", E)],
    ),
    fails(
        "resource-config-exactly-one",
        BAYES,
        drop(f"{DEF}.ResourceConfig"),
        at=[(f"{DEF}.ResourceConfig", E)],
        label="fail-neither",
    ),
    passes("instance-configs-exclusive", "golden/resource_instance_configs"),
    passes(
        "instance-configs-exclusive", "golden/resource_tuning_single_instance", label="pass-single"
    ),
    fails(
        "instance-configs-exclusive",
        "golden/resource_instance_configs",
        put(f"{DEF}.HyperParameterTuningResourceConfig.InstanceType", "ml.g5.12xlarge"),
        at=[(f"{DEF}.HyperParameterTuningResourceConfig.InstanceType", E)],
    ),
    fails(
        "instance-configs-exclusive",
        "golden/resource_tuning_single_instance",
        drop(f"{DEF}.HyperParameterTuningResourceConfig.InstanceCount"),
        at=[(f"{DEF}.HyperParameterTuningResourceConfig.InstanceCount", E)],
        label="fail-missing",
    ),
    passes("instance-count-positive", "golden/heterogeneous_cluster"),
    passes("instance-count-positive", BAYES, label="pass-resource-config"),
    fails(
        "instance-count-positive",
        BAYES,
        put(f"{DEF}.ResourceConfig.InstanceCount", 0),
        at=[(f"{DEF}.ResourceConfig.InstanceCount", E)],
    ),
    fails(
        "instance-count-positive",
        "golden/heterogeneous_cluster",
        put(f"{DEF}.ResourceConfig.InstanceType", "ml.p3dn.24xlarge"),
        at=[(f"{DEF}.ResourceConfig.InstanceType", E)],
        label="fail-groups-and-type",
    ),
    fails(
        "instance-count-positive",
        "golden/heterogeneous_cluster",
        put(f"{DEF}.ResourceConfig.InstanceGroups[1].InstanceCount", 0),
        at=[(f"{DEF}.ResourceConfig.InstanceGroups[1].InstanceCount", E)],
        label="fail-group",
    ),
    fails(
        "instance-count-positive",
        "golden/resource_instance_configs",
        put(f"{DEF}.HyperParameterTuningResourceConfig.InstanceConfigs[2].InstanceCount", 0),
        at=[(f"{DEF}.HyperParameterTuningResourceConfig.InstanceConfigs[2].InstanceCount", E)],
        label="fail-instance-config",
    ),
    fails(
        "instance-count-positive",
        "golden/resource_tuning_single_instance",
        put(f"{DEF}.HyperParameterTuningResourceConfig.InstanceCount", 0),
        at=[(f"{DEF}.HyperParameterTuningResourceConfig.InstanceCount", E)],
        label="fail-tuning-resource-config",
    ),
    passes(  # an EBS-only instance type takes a volume key
        "volume-kms-local-storage", BAYES, put(f"{DEF}.ResourceConfig.VolumeKmsKeyId", VOLUME_KEY)
    ),
    passes("volume-kms-local-storage", "golden/resource_instance_configs", label="pass-no-key"),
    passes(  # g6 is newer than the EC2 User Guide's table: unknown, so never reported
        "volume-kms-local-storage",
        BAYES,
        put(f"{DEF}.ResourceConfig.InstanceType", "ml.g6.2xlarge"),
        put(f"{DEF}.ResourceConfig.VolumeKmsKeyId", VOLUME_KEY),
        label="pass-not-in-source",
    ),
    fails(
        "volume-kms-local-storage",
        BAYES,
        put(f"{DEF}.ResourceConfig.InstanceType", "ml.g5.2xlarge"),
        put(f"{DEF}.ResourceConfig.VolumeKmsKeyId", VOLUME_KEY),
        at=[(f"{DEF}.ResourceConfig.VolumeKmsKeyId", E)],
    ),
    fails(
        "volume-kms-local-storage",
        "golden/resource_instance_configs",
        put(f"{DEF}.HyperParameterTuningResourceConfig.VolumeKmsKeyId", VOLUME_KEY),
        at=[(f"{DEF}.HyperParameterTuningResourceConfig.VolumeKmsKeyId", E)],
        label="fail-instance-configs",
    ),
    fails(
        "volume-kms-local-storage",
        "golden/heterogeneous_cluster",
        put(f"{DEF}.ResourceConfig.VolumeKmsKeyId", VOLUME_KEY),
        at=[(f"{DEF}.ResourceConfig.VolumeKmsKeyId", E)],
        label="fail-instance-groups",
    ),
    passes("augmented-manifest-pipe", "example/seed-era"),
    passes("augmented-manifest-pipe", "golden/kitchen_sink", label="pass-kitchen-sink"),
    fails(
        "augmented-manifest-pipe",
        "example/seed-era",
        put(f"{CHANNELS}[0].InputMode", "File"),
        at=[(f"{CHANNELS}[0].InputMode", E)],
        # The channel keeps its RecordIO wrapping, which File mode does not use.
        also=[("file-mode-compression", f"{CHANNELS}[0].RecordWrapperType", W)],
    ),
    fails(
        "augmented-manifest-pipe",
        "example/seed-era",  # channel 1 now takes the algorithm's FastFile mode
        drop(f"{CHANNELS}[1].InputMode"),
        put(f"{SPEC}.TrainingInputMode", "FastFile"),
        at=[(f"{CHANNELS}[1].DataSource.S3DataSource.S3DataType", E)],
        label="fail-default-mode",
    ),
    passes("file-mode-compression", "golden/model_access_channel"),
    passes("file-mode-compression", "golden/kitchen_sink", label="pass-pipe"),
    fails(
        "file-mode-compression",
        BAYES,
        put(f"{CHANNELS}[0].CompressionType", "Gzip"),
        at=[(f"{CHANNELS}[0].CompressionType", W)],
    ),
    passes("channel-names-unique", "example/warm-start"),
    fails(
        "channel-names-unique",
        BAYES,
        put(f"{CHANNELS}[1].ChannelName", "train"),
        at=[(f"{CHANNELS}[1].ChannelName", W)],
    ),
    passes("environment-total-48", "golden/multi_algorithm_three"),
    passes(
        "environment-total-48",
        MULTI,
        put(f"{DEFS}[0].Environment", environment(24, "XGB_FLAG")),
        put(f"{DEFS}[1].Environment", environment(24, "RF_FLAG")),
        label="pass-48",
    ),
    passes(
        "environment-total-48",
        BAYES,
        put(f"{DEF}.Environment", environment(48, "XGB_FLAG")),
        label="pass-single-48",
    ),
    fails(
        "environment-total-48",
        MULTI,
        put(f"{DEFS}[0].Environment", environment(24, "XGB_FLAG")),
        put(f"{DEFS}[1].Environment", environment(25, "RF_FLAG")),
        at=[(f"{DEFS}[1].Environment", E)],
    ),
    # completion criteria, names, tags, warm start
    passes("completion-needs-objective", "golden/completion_criteria"),
    passes(
        "completion-needs-objective",
        "example/autotune",
        drop(OBJECTIVE),
        put(
            f"{CFG}.TuningJobCompletionCriteria",
            {"ConvergenceDetected": {"CompleteOnConvergence": "Enabled"}},
        ),
        label="pass-convergence",
    ),
    fails(
        "completion-needs-objective",
        "example/autotune",
        drop(OBJECTIVE),
        put(f"{CFG}.TuningJobCompletionCriteria", {"TargetObjectiveMetricValue": 0.95}),
        at=[(f"{CFG}.TuningJobCompletionCriteria.TargetObjectiveMetricValue", W)],
    ),
    passes("tag-keys-unique", BAYES),
    fails("tag-keys-unique", BAYES, put("Tags[1].Key", "project"), at=[("Tags[1].Key", E)]),
    passes("tag-aws-prefix", BAYES),
    passes(
        "tag-aws-prefix",
        BAYES,
        append("Tags", {"Key": "aws-account-team", "Value": "ml-platform"}),
        label="pass-aws-dash",
    ),
    fails(
        "tag-aws-prefix",
        BAYES,
        append("Tags", {"Key": "aws:cloudformation:stack-name", "Value": "churn-tuning"}),
        at=[("Tags[2].Key", E)],
    ),
    fails(
        "tag-aws-prefix",
        BAYES,
        append("Tags", {"Key": "AWS:createdBy", "Value": "ci"}),
        at=[("Tags[2].Key", E)],
        label="fail-upper-case",
    ),
    passes(  # names that sound secret, values that are not credentials
        "secret-in-plain-text",
        BAYES,
        put(
            f"{DEF}.Environment",
            {
                "HF_HOME": "/opt/ml/input/data/cache",
                "SECRET_NAME": "ml/churn/hugging-face-token",
                "WANDB_PROJECT": "churn",
            },
        ),
    ),
    fails(
        "secret-in-plain-text",
        BAYES,
        put(
            f"{DEF}.Environment",
            {"AWS_ACCESS_KEY_ID": AWS_KEY_ID, "AWS_SECRET_ACCESS_KEY": AWS_SECRET_KEY},
        ),
        at=[
            (f'{DEF}.Environment["AWS_ACCESS_KEY_ID"]', W),
            (f'{DEF}.Environment["AWS_SECRET_ACCESS_KEY"]', W),
        ],
    ),
    fails(
        "secret-in-plain-text",
        "golden/resource_instance_configs",
        update(STATIC, {"hf_token": HF_TOKEN}),
        at=[(f'{STATIC}["hf_token"]', W)],
        label="fail-static",
    ),
    fails(
        "secret-in-plain-text",
        MULTI,
        put(f"{DEFS}[1].Environment", {"GITHUB_TOKEN": GITHUB_TOKEN}),
        at=[(f'{DEFS}[1].Environment["GITHUB_TOKEN"]', W)],
        label="fail-multi",
    ),
    passes("warm-start-parents-distinct", "example/warm-start"),
    fails(
        "warm-start-parents-distinct",
        "example/warm-start",
        put(f"{PARENTS}[2].HyperParameterTuningJobName", "Defects-IC-Bayes-v1"),
        at=[(f"{PARENTS}[2].HyperParameterTuningJobName", W)],
    ),
    passes("warm-start-against-parents", WARM, parents=IDENTICAL),
    passes(
        "warm-start-against-parents",
        "golden/kitchen_sink",
        parents=IDENTICAL,
        label="pass-transfer",
    ),
    passes(
        "warm-start-against-parents",
        WARM,  # ranges and budget may change
        put(f"{RANGES}.IntegerParameterRanges[0].MaxValue", "16"),
        put(f"{LIMITS}.MaxNumberOfTrainingJobs", 80),
        parents=IDENTICAL,
        label="pass-new-ranges",
    ),
    passes("warm-start-against-parents", WARM, NEW_IMAGE, label="pass-without-parents"),
    fails(
        "warm-start-against-parents",
        WARM,
        parents=parents_like(
            put(OBJECTIVE, {"Type": "Minimize", "MetricName": "validation:logloss"}), only=1
        ),
        at=[(f"{OBJECTIVE}.MetricName", E)],
        label="fail",  # a different objective metric
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        parents=parents_like(put(f"{OBJECTIVE}.Type", "Minimize"), only=0),
        at=[(f"{OBJECTIVE}.Type", E)],
        label="fail-objective-type",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        update(STATIC, {"max_delta_step": "1"}),
        parents=IDENTICAL,
        at=_twice(STATIC),
        label="fail-added",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        drop(f'{STATIC}["early_stopping_rounds"]'),
        parents=IDENTICAL,
        at=_twice(STATIC),
        label="fail-removed",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        untune("gamma"),
        parents=IDENTICAL,
        at=_twice(STATIC),
        label="fail-removed-range",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        drop(f"{RANGES}.IntegerParameterRanges"),
        append(
            f"{RANGES}.ContinuousParameterRanges",
            {"Name": "max_depth", "MinValue": "4", "MaxValue": "12"},
        ),
        parents=IDENTICAL,
        at=_twice(f"{RANGES}.ContinuousParameterRanges[4]"),
        label="fail-kind",
    ),
    passes(
        "warm-start-against-parents",
        WARM,  # 2 tunable made static + 3 static values changed
        *MADE_STATIC,
        update(STATIC, dict(list(XGB_CHANGED.items())[:3])),
        update(STATIC, dict(list(XGB_STATIC.items())[3:])),
        parents=parents_like(update(STATIC, XGB_STATIC)),
        label="pass-5-changes",
    ),
    fails(
        "warm-start-against-parents",
        WARM,  # 2 tunable made static + 9 static values changed
        *MADE_STATIC,
        update(STATIC, XGB_CHANGED),
        parents=parents_like(update(STATIC, XGB_STATIC)),
        at=_twice(STATIC),
        label="fail-11-changes",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        NEW_IMAGE,
        parents=IDENTICAL,
        at=_twice_warning(f"{SPEC}.TrainingImage"),
        label="fail-identical-new-image",
    ),
    passes(
        "warm-start-against-parents",
        WARM,
        NEW_IMAGE,
        TRANSFER,
        parents=IDENTICAL,
        label="pass-transfer-new-image",
    ),
    passes(  # the SDK re-uploads the same channels under new prefixes: accepted
        "warm-start-against-parents",
        WARM,
        NEW_DATA,
        parents=IDENTICAL,
        label="pass-identical-new-locations",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        NEW_CHANNELS,
        parents=IDENTICAL,
        at=_twice_warning(CHANNELS),
        label="fail-identical-new-channels",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        put(f"{DEF}.Environment", {"OMP_NUM_THREADS": "4"}),
        parents=IDENTICAL,
        at=_twice(f"{DEF}.Environment"),
        label="fail-environment-changed",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        put(f"{DEF}.EnableNetworkIsolation", True),
        parents=IDENTICAL,
        at=_twice(f"{DEF}.EnableNetworkIsolation"),
        label="fail-network-isolation-changed",
    ),
    passes(
        "warm-start-against-parents",
        WARM,
        NEW_DATA,
        TRANSFER,
        parents=IDENTICAL,
        label="pass-transfer-new-data",
    ),
    fails(
        "warm-start-against-parents",
        WARM,
        parents=lambda base: [
            {**describe(base, WARM_PARENT_NAMES[0]), "TrainingJobDefinition": None},
            describe(base, WARM_PARENT_NAMES[1]),
        ],
        at=[(f"{PARENTS}[0].HyperParameterTuningJobName", E)],
        label="fail-parent-without-single-definition",
    ),
    # the security group: opt-in, each case with its rule enabled
    passes("security-network-isolation", BAYES, label="pass-not-enabled"),
    passes("security-network-isolation", KITCHEN, settings=enabled("security-network-isolation")),
    fails(
        "security-network-isolation",
        BAYES,
        at=[(DEF, W)],
        settings=enabled("security-network-isolation"),
    ),
    fails(
        "security-network-isolation",
        KITCHEN,
        put(f"{DEF}.EnableNetworkIsolation", False),
        at=[(f"{DEF}.EnableNetworkIsolation", W)],
        settings=enabled("security-network-isolation"),
        label="fail-false",
    ),
    fails(
        "security-network-isolation",
        MULTI,
        at=[(f"{DEFS}[0]", W), (f"{DEFS}[1]", W)],
        settings=enabled("security-network-isolation"),
        label="fail-multi",
    ),
    passes(  # one instance: no traffic between instances
        "security-inter-container-encryption",
        BAYES,
        settings=enabled("security-inter-container-encryption"),
    ),
    passes(
        "security-inter-container-encryption",
        KITCHEN,
        settings=enabled("security-inter-container-encryption"),
        label="pass-encrypted",
    ),
    fails(
        "security-inter-container-encryption",
        BAYES,
        put(f"{DEF}.ResourceConfig.InstanceCount", 2),
        at=[(DEF, W)],
        settings=enabled("security-inter-container-encryption"),
    ),
    fails(
        "security-inter-container-encryption",
        KITCHEN,
        put(f"{DEF}.EnableInterContainerTrafficEncryption", False),
        at=[(f"{DEF}.EnableInterContainerTrafficEncryption", W)],
        settings=enabled("security-inter-container-encryption"),
        label="fail-false",
    ),
    fails(
        "security-inter-container-encryption",
        "golden/heterogeneous_cluster",
        at=[(DEF, W)],
        settings=enabled("security-inter-container-encryption"),
        label="fail-instance-groups",
    ),
    fails(
        "security-inter-container-encryption",
        "golden/resource_instance_configs",
        put(f"{DEF}.HyperParameterTuningResourceConfig.InstanceConfigs[2].InstanceCount", 2),
        at=[(DEF, W)],
        settings=enabled("security-inter-container-encryption"),
        label="fail-instance-configs",
    ),
    passes("security-volume-kms-key", KITCHEN, settings=enabled("security-volume-kms-key")),
    passes(  # local storage cannot take the key
        "security-volume-kms-key",
        BAYES,
        put(f"{DEF}.ResourceConfig.InstanceType", "ml.g5.2xlarge"),
        settings=enabled("security-volume-kms-key"),
        label="pass-local-storage",
    ),
    passes(  # newer than the EC2 User Guide's table: it may have local storage
        "security-volume-kms-key",
        BAYES,
        put(f"{DEF}.ResourceConfig.InstanceType", "ml.g6.2xlarge"),
        settings=enabled("security-volume-kms-key"),
        label="pass-not-in-source",
    ),
    passes(  # g5, g6 and p4d: one has local storage
        "security-volume-kms-key",
        "golden/resource_instance_configs",
        settings=enabled("security-volume-kms-key"),
        label="pass-instance-configs",
    ),
    fails(
        "security-volume-kms-key",
        BAYES,
        at=[(f"{DEF}.ResourceConfig", W)],
        settings=enabled("security-volume-kms-key"),
    ),
    fails(
        "security-volume-kms-key",
        "golden/resource_tuning_single_instance",
        at=[(f"{DEF}.HyperParameterTuningResourceConfig", W)],
        settings=enabled("security-volume-kms-key"),
        label="fail-tuning-resource-config",
    ),
    passes("security-output-kms-key", KITCHEN, settings=enabled("security-output-kms-key")),
    passes(  # an S3 directory bucket takes no KMS key
        "security-output-kms-key",
        BAYES,
        put(f"{DEF}.OutputDataConfig.S3OutputPath", "s3://acme-ml--use1-az4--x-s3/churn/"),
        settings=enabled("security-output-kms-key"),
        label="pass-directory-bucket",
    ),
    fails(
        "security-output-kms-key",
        BAYES,
        at=[(f"{DEF}.OutputDataConfig", W)],
        settings=enabled("security-output-kms-key"),
    ),
    passes("security-vpc", KITCHEN, settings=enabled("security-vpc")),
    fails("security-vpc", BAYES, at=[(DEF, W)], settings=enabled("security-vpc")),
    fails(
        "security-vpc",
        MULTI,
        put(f"{DEFS}[0].VpcConfig", {"SecurityGroupIds": [SG], "Subnets": [SUBNET]}),
        at=[(f"{DEFS}[1]", W)],
        settings=enabled("security-vpc"),
        label="fail-multi",
    ),
    passes("security-image-registry", BAYES, settings=enabled("security-image-registry")),
    passes(  # an AWS Deep Learning Container
        "security-image-registry",
        "golden/resource_instance_configs",
        settings=enabled("security-image-registry"),
        label="pass-deep-learning-container",
    ),
    passes(
        "security-image-registry",
        KITCHEN,
        put(f"{SPEC}.TrainingImage", OWN_IMAGE),
        settings=enabled("security-image-registry"),
        label="pass-own-account",
    ),
    passes(  # an algorithm resource: no image
        "security-image-registry",
        ALGORITHM,
        settings=enabled("security-image-registry"),
        label="pass-algorithm-name",
    ),
    fails(  # the kitchen sink's image is in account 111122223333, its role in 123456789012
        "security-image-registry",
        KITCHEN,
        at=[(f"{SPEC}.TrainingImage", W)],
        settings=enabled("security-image-registry"),
    ),
    fails(
        "security-image-registry",
        KITCHEN,
        put(f"{SPEC}.TrainingImage", "docker.io/acme/my-training:2.1"),
        at=[(f"{SPEC}.TrainingImage", W)],
        settings=enabled("security-image-registry"),
        label="fail-not-ecr",
    ),
    # the team's policies: each case with its policy set
    passes("policy-allowed-instance-types", DEVGUIDE, label="pass-not-set"),
    passes(
        "policy-allowed-instance-types",
        DEVGUIDE,
        settings=policy(allowed_instance_types=("ml.g5.*", "ml.c4.*")),
    ),
    fails(
        "policy-allowed-instance-types",
        DEVGUIDE,
        at=[(f"{DEF}.ResourceConfig.InstanceType", E)],
        settings=policy(allowed_instance_types=("ml.g5.*",)),
    ),
    fails(
        "policy-allowed-instance-types",
        MULTI,
        at=[(f"{DEFS}[1].ResourceConfig.InstanceType", E)],
        settings=policy(allowed_instance_types=("ml.m5.*",)),
        label="fail-multi",
    ),
    fails(
        "policy-allowed-instance-types",
        "golden/heterogeneous_cluster",
        at=[(f"{DEF}.ResourceConfig.InstanceGroups[1].InstanceType", E)],
        settings=policy(allowed_instance_types=("ml.c5.*",)),
        label="fail-instance-groups",
    ),
    fails(
        "policy-allowed-instance-types",
        "golden/resource_instance_configs",
        at=[
            (f"{DEF}.HyperParameterTuningResourceConfig.InstanceConfigs[1].InstanceType", E),
            (f"{DEF}.HyperParameterTuningResourceConfig.InstanceConfigs[2].InstanceType", E),
        ],
        settings=policy(allowed_instance_types=("ml.g5.*",)),
        label="fail-instance-configs",
    ),
    passes("policy-max-instance-count", DEVGUIDE, settings=policy(max_instance_count=2)),
    fails(
        "policy-max-instance-count",
        DEVGUIDE,
        at=[(f"{DEF}.ResourceConfig.InstanceCount", E)],
        settings=policy(max_instance_count=1),
    ),
    fails(  # 2 + 1 instances per job
        "policy-max-instance-count",
        "golden/heterogeneous_cluster",
        at=[(f"{DEF}.ResourceConfig.InstanceGroups", E)],
        settings=policy(max_instance_count=2),
        label="fail-instance-groups",
    ),
    passes(
        "policy-max-parallel-training-jobs",
        DEVGUIDE,
        settings=policy(max_parallel_training_jobs=3),
    ),
    fails(
        "policy-max-parallel-training-jobs",
        DEVGUIDE,
        at=[(f"{LIMITS}.MaxParallelTrainingJobs", E)],
        settings=policy(max_parallel_training_jobs=2),
    ),
    # 20 jobs x 2 instances x 43200 s / 3600 = 480 instance-hours
    passes(
        "policy-max-worst-case-instance-hours",
        DEVGUIDE,
        settings=policy(max_worst_case_instance_hours=480),
    ),
    fails(
        "policy-max-worst-case-instance-hours",
        DEVGUIDE,
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
        settings=policy(max_worst_case_instance_hours=479.5),
    ),
    # 20 jobs x 1 attempt x 43200 s / 3600 x 2 instances x $0.50 = $240
    passes(
        "policy-max-worst-case-usd",
        DEVGUIDE,
        settings=policy(max_worst_case_usd=240, region="us-west-2", prices=C4_PRICE),
    ),
    fails(
        "policy-max-worst-case-usd",
        DEVGUIDE,
        at=[(f"{LIMITS}.MaxNumberOfTrainingJobs", E)],
        settings=policy(max_worst_case_usd=239.99, region="us-west-2", prices=C4_PRICE),
    ),
    fails(
        "policy-max-worst-case-usd",
        DEVGUIDE,
        at=[(LIMITS, W)],
        settings=policy(max_worst_case_usd=100, region="us-west-2"),
        label="fail-no-prices",
    ),
    fails(
        "policy-max-worst-case-usd",
        DEVGUIDE,
        at=[(DEF, W)],
        settings=policy(max_worst_case_usd=100, region="eu-west-1", prices=C4_PRICE),
        label="fail-not-priced",
    ),
    passes(
        "policy-required-tags",
        KITCHEN,
        settings=policy(required_tags={"project": None, "cost-center": "^cv-[0-9]+$"}),
    ),
    fails(
        "policy-required-tags",
        DEVGUIDE,
        at=[("", E)],
        settings=policy(required_tags={"team": None}),
    ),
    fails(
        "policy-required-tags",
        KITCHEN,
        at=[("Tags[1].Value", E), ("Tags", E)],
        settings=policy(required_tags={"cost-center": "^ml-[0-9]+$", "team": None}),
        label="fail-pattern",
    ),
    passes("policy-require-spot", SPOT, settings=policy(require_spot=True)),
    passes("policy-require-spot", DEVGUIDE, settings=policy(require_spot=False), label="pass-off"),
    fails("policy-require-spot", DEVGUIDE, at=[(DEF, E)], settings=policy(require_spot=True)),
    passes("policy-max-runtime-seconds", DEVGUIDE, settings=policy(max_runtime_seconds=43200)),
    fails(
        "policy-max-runtime-seconds",
        DEVGUIDE,
        at=[(f"{DEF}.StoppingCondition.MaxRuntimeInSeconds", E)],
        settings=policy(max_runtime_seconds=3600),
    ),
    passes(
        "policy-allowed-regions",
        DEVGUIDE,
        settings=policy(allowed_regions=("eu-west-1",), region="eu-west-1"),
    ),
    fails(
        "policy-allowed-regions",
        DEVGUIDE,
        at=[("", E)],
        settings=policy(allowed_regions=("eu-west-1",), region="us-east-1"),
    ),
]
BY_ID = {case.id: case for case in CASES}
FAILING = [case for case in CASES if case.expected]


def _found(problems: Sequence[Problem]) -> list[Found]:
    return sorted((p.code, p.path, p.severity) for p in problems)


def _problems(case: Case) -> list[Problem]:
    return validate(case.build(), parents=case.parent_responses(), settings=case.settings)


# -- the tests -------------------------------------------------------------------------------------


def test_registry_matches_the_catalogue() -> None:
    """The registry holds exactly the catalogue's rule ids, in the catalogue's order."""
    assert [rule.id for rule in RULES] == [rule_id for rule_id, _ in CATALOGUE]


def test_default_severities_match_the_catalogue() -> None:
    """Each rule's default severity is the one the catalogue gives it."""
    assert {rule.id: rule.severity for rule in RULES} == dict(CATALOGUE)


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_metadata(rule: Rule) -> None:
    """A rule has a non-empty description and source and a severity of error or warning."""
    assert rule.description.strip()
    assert rule.source.strip()
    assert rule.severity in ("error", "warning")
    assert callable(rule.check)


def test_every_rule_has_passing_and_failing_cases() -> None:
    """Every rule has passing and failing cases; mixed-severity rules fail at both severities."""
    ids = [rule_id for rule_id, _ in CATALOGUE]
    assert len(BY_ID) == len(CASES)  # case ids are unique
    assert {case.rule for case in CASES} == set(ids)
    for rule_id in ids:
        mine = [case for case in CASES if case.rule == rule_id]
        assert any(not case.expected for case in mine), f"{rule_id} has no passing case"
        assert any(case.expected for case in mine), f"{rule_id} has no failing case"
        assert f"{rule_id}-pass" in BY_ID
        assert f"{rule_id}-fail" in BY_ID
        severities = {severity for case in mine for _path, severity in case.expected}
        wanted = {"error", "warning"} if rule_id in MIXED_SEVERITY else {dict(CATALOGUE)[rule_id]}
        assert severities == wanted, rule_id


@pytest.mark.parametrize("name", sorted(VALID))
def test_golden_requests_break_no_rule(name: str) -> None:
    """Golden requests break no rule, warm-start ones not even against parents made from them."""
    wire = VALID[name]
    assert validate(wire) == []
    if "WarmStartConfig" in wire and DEF in wire:
        assert validate(wire, parents=IDENTICAL(copy.deepcopy(wire))) == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_case(case: Case) -> None:
    """The rule reports exactly the expected problems; others are only the listed consequences."""
    found = _found(_problems(case))
    own = [item for item in found if item[0] == case.rule]
    others = [item for item in found if item[0] != case.rule]
    assert own == sorted((case.rule, path, severity) for path, severity in case.expected)
    assert others == sorted(case.also)


@pytest.mark.parametrize("case", FAILING, ids=[case.id for case in FAILING])
def test_failing_case_blocks_only_on_errors(case: Case) -> None:
    """from_wire blocks a failing case only on an error; strict=True makes every problem one."""
    wire, parents, settings = case.build(), case.parent_responses(), case.settings
    problems = validate(wire, parents=parents, settings=settings)
    has_error = any(problem.blocking for problem in problems)
    if has_error:
        with pytest.raises(RequestValidationError) as caught:
            from_wire(wire, parents=parents, settings=settings)
        assert caught.value.problems == problems
    else:
        assert from_wire(wire, parents=parents, settings=settings) is not None
    strict = validate(wire, strict=True, parents=parents, settings=settings)
    assert [(p.code, p.path, p.message) for p in strict] == [
        (p.code, p.path, p.message) for p in problems
    ]
    assert {p.effective_severity for p in strict} == {"error"}
    assert [p.severity for p in strict] == [p.severity for p in problems]  # the verdict is kept
    with pytest.raises(RequestValidationError) as caught:
        from_wire(wire, strict=True, parents=parents, settings=settings)
    assert caught.value.problems == strict


def test_warnings_alone_do_not_block() -> None:
    """Warnings alone do not block from_wire; with strict=True they are errors that do."""
    wire = copy.deepcopy(VALID[RANDOM])
    wire[CFG]["ResourceLimits"]["MaxParallelTrainingJobs"] = 12
    wire[CFG]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = 800
    problems = validate(wire)
    assert _found(problems) == [
        ("max-jobs-quota", f"{LIMITS}.MaxNumberOfTrainingJobs", "warning"),
        ("max-parallel-quota", f"{LIMITS}.MaxParallelTrainingJobs", "warning"),
    ]
    request = from_wire(wire)
    assert (
        request.hyper_parameter_tuning_job_config.resource_limits.max_parallel_training_jobs == 12
    )
    strict = validate(wire, strict=True)
    assert [(p.code, p.effective_severity) for p in strict] == [
        ("max-jobs-quota", "error"),
        ("max-parallel-quota", "error"),
    ]
    assert _found(strict) == _found(problems)  # the original severity is kept
    with pytest.raises(RequestValidationError) as caught:
        from_wire(wire, strict=True)
    assert {p.effective_severity for p in caught.value.problems} == {"error"}
    assert len(caught.value.problems) == 2


def test_rules_false_skips_the_rules() -> None:
    """rules=False checks structure only: rule errors are neither reported nor blocking."""
    wire = BY_ID["range-min-lt-max-fail"].build()
    wire[CFG]["ResourceLimits"]["MaxParallelTrainingJobs"] = 20
    assert {p.code for p in validate(wire)} == {"range-min-lt-max", "max-parallel-quota"}
    assert validate(wire, rules=False) == []
    assert validate(wire, rules=False, strict=True) == []
    request = from_wire(wire, rules=False)
    ranges = request.hyper_parameter_tuning_job_config.parameter_ranges
    assert ranges is not None
    assert ranges.integer_parameter_ranges is not None
    assert ranges.integer_parameter_ranges[0].max_value == "3"
    with pytest.raises(RequestValidationError):
        from_wire(wire)


def test_structural_and_rule_problems_come_in_one_pass() -> None:
    """A structural problem elsewhere does not stop the rules: both are reported together."""
    wire = BY_ID["range-min-lt-max-fail"].build()
    wire[CFG]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    wire["HyperParameterTuningJobName"] = "bad name!"
    assert sorted(_found(validate(wire))) == [
        ("minimum", f"{LIMITS}.MaxParallelTrainingJobs", "error"),
        ("pattern", "HyperParameterTuningJobName", "error"),
        ("range-min-lt-max", f"{RANGES}.IntegerParameterRanges[0].MaxValue", "error"),
    ]


def test_a_rule_whose_input_failed_is_skipped() -> None:
    """A rule that reads a member with a structural problem says nothing; the others report."""
    wire = BY_ID["range-min-lt-max-fail"].build()
    wire[CFG]["ParameterRanges"]["IntegerParameterRanges"][0]["MinValue"] = 10  # not a string
    wire[CFG]["ResourceLimits"]["MaxParallelTrainingJobs"] = 11
    found = _found(validate(wire))
    assert ("type", f"{RANGES}.IntegerParameterRanges[0].MinValue", "error") in found
    assert ("max-parallel-quota", f"{LIMITS}.MaxParallelTrainingJobs", "warning") in found
    assert not [item for item in found if item[0] == "range-min-lt-max"]


def test_rules_never_crash_on_partial_requests() -> None:
    """Every member removed or broken in turn: validate() returns problems, never raises."""
    base = VALID[KITCHEN]

    def paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        found = [at] if at else []
        if isinstance(node, dict):
            for key, value in node.items():
                found += paths(value, (*at, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                found += paths(value, (*at, index))
        return found

    for where in paths(base):
        broken: Any
        for broken in (None, 3.5, "", [], {}):
            wire = copy.deepcopy(base)
            parent = wire
            for step in where[:-1]:
                parent = parent[step]
            parent[where[-1]] = broken
            problems = validate(wire)
            assert all(p.code != "unreadable" for p in problems), (where, broken)


def test_rules_run_on_model_objects_too() -> None:
    """validate() of a model object reports the same rule problems as of its wire dict."""
    case = BY_ID["static-not-tuned-fail"]
    wire = case.build()
    request = from_wire(wire, rules=False)
    assert validate(request) == validate(wire)


# -- counting search spaces ------------------------------------------------------------------------


def _thirty_by_thirty(strategy: str) -> Wire:
    """The grid example widened to 30 categorical ranges of 30 values each."""
    wire = copy.deepcopy(VALID[GRID])
    wire[CFG]["Strategy"] = strategy
    wire[CFG]["ParameterRanges"] = {
        "CategoricalParameterRanges": [
            {"Name": f"feature-{i:02d}-bins", "Values": [str(v) for v in range(2, 32)]}
            for i in range(30)
        ]
    }
    return wire


def test_huge_discrete_space_is_counted_not_enumerated() -> None:
    """30 categorical ranges of 30 values, Random, 500 jobs: counted, and clean."""
    wire = _thirty_by_thirty("Random")
    wire[CFG]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = 500
    assert validate(wire) == []


def test_huge_grid_is_reported_with_its_exact_size() -> None:
    """A 30 x 30 Grid fails the 750 limit and MaxNumberOfTrainingJobs, with the exact count."""
    wire = _thirty_by_thirty("Grid")
    problems = validate(wire)
    assert _found(problems) == [
        ("grid-combinations-limit", RANGES, "error"),
        ("grid-max-jobs", f"{LIMITS}.MaxNumberOfTrainingJobs", "warning"),
    ]
    assert all(str(30**30) in problem.message for problem in problems)


def test_huge_integer_space_is_counted() -> None:
    """Thirty integer ranges of a billion values each are counted without enumeration."""
    wire = copy.deepcopy(VALID[RANDOM])
    wire[CFG]["ParameterRanges"] = {
        "IntegerParameterRanges": [
            {"Name": f"seed-{i:02d}", "MinValue": "0", "MaxValue": "999999999"} for i in range(30)
        ]
    }
    wire[CFG]["ResourceLimits"]["MaxNumberOfTrainingJobs"] = 750
    assert validate(wire) == []


# -- warm start against parents: the extra input ---------------------------------------------------


def test_describe_responses_carry_the_service_hyperparameter() -> None:
    """The rule ignores _tuning_objective_metric and response-only members of parents."""
    (parent, _) = IDENTICAL(copy.deepcopy(VALID[WARM]))
    assert parent[DEF]["StaticHyperParameters"]["_tuning_objective_metric"] == "validation:auc"
    assert parent["HyperParameterTuningJobStatus"] == "Completed"
    assert validate(VALID[WARM], parents=[parent]) == []


def test_parents_may_be_given_as_a_mapping() -> None:
    """parents= also takes a mapping (its values are the Describe responses)."""
    case = BY_ID["warm-start-against-parents-fail-identical-new-image"]
    responses = case.parent_responses()
    assert responses is not None
    by_name = {response["HyperParameterTuningJobName"]: response for response in responses}
    assert validate(case.build(), parents=by_name) == validate(case.build(), parents=responses)


def test_a_parent_without_a_describe_response_is_skipped() -> None:
    """Only the parents whose Describe response is given are compared."""
    case = BY_ID["warm-start-against-parents-fail-identical-new-image"]
    responses = case.parent_responses()
    assert responses is not None
    problems = validate(case.build(), parents=responses[1:])
    assert _found(problems) == [("warm-start-against-parents", f"{SPEC}.TrainingImage", "warning")]
    assert WARM_PARENT_NAMES[1] in problems[0].message


def test_a_malformed_parent_is_a_warning() -> None:
    """A parent that is not a Describe response is ignored with a warning."""
    problems = validate(VALID[WARM], parents=[{"TuningJobName": "churn-xgb-bayes-20240615"}])
    assert _found(problems) == [("parents", "", "warning")]


def test_warm_start_messages_name_the_parent_and_the_difference() -> None:
    """The warm-start messages name the parent and what differs."""
    added = _problems(BY_ID["warm-start-against-parents-fail-added"])
    assert all('added "max_delta_step"' in p.message for p in added)
    assert {WARM_PARENT_NAMES[0], WARM_PARENT_NAMES[1]} == {
        name for p in added for name in WARM_PARENT_NAMES if f'"{name}"' in p.message
    }
    removed = _problems(BY_ID["warm-start-against-parents-fail-removed-range"])
    assert all('removed "gamma"' in p.message for p in removed)
    (kind, _) = _problems(BY_ID["warm-start-against-parents-fail-kind"])
    assert '"max_depth" is a continuous range here but a integer range' in kind.message
    (changes, _) = _problems(BY_ID["warm-start-against-parents-fail-11-changes"])
    assert changes.message.startswith("20 changes")  # 2 made static + 9 values changed, 2 each
