"""Known defects to inject into valid wire requests, for ``strategies.invalid_requests()``.

A defect takes a valid wire request (and a Hypothesis ``draw``), changes one thing in place, and
returns where it should be reported. Structural defects are found by walking the request with
the packaged JSON Schema (too long, bad pattern, wrong enum case, wrong type, unknown key,
missing member, out of bounds); semantic defects break one cross-field rule each, starting from
a request drawn with the settings that rule needs.

Expected paths are rendered here, independently of :mod:`hpt_request.schema`: members joined by
dots, list indexes in brackets, map keys JSON-quoted in brackets.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from hpt_request.schema import engines as schema

T = TypeVar("T")
Step = str | int
Location = tuple[Step, ...]
Draw = Callable[[Any], Any]
Mutation = Callable[[dict[str, Any], Draw], Location | None]

CONFIG_KEY = "HyperParameterTuningJobConfig"
CONFIG: Location = (CONFIG_KEY,)
LIMITS: Location = (*CONFIG, "ResourceLimits")
DEFINITION: Location = ("TrainingJobDefinition",)


def render(location: Location, map_keys: frozenset[int] = frozenset()) -> str:
    """The wire path of ``location``; ``map_keys`` holds the indexes of steps that are map keys."""
    out = ""
    for index, step in enumerate(location):
        if isinstance(step, int):
            out += f"[{step}]"
        elif index in map_keys:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
        else:
            out += f".{step}" if out else step
    return out


# -- walking a wire request with the schema -------------------------------------------------------


@attrs.frozen
class Site:
    """A place in a wire request with the schema node that governs it."""

    location: Location
    node: Mapping[str, Any]
    value: Any
    map_keys: frozenset[int]


def _definitions() -> Mapping[str, Any]:
    found: Mapping[str, Any] = schema.document(schema.REQUEST_SCHEMA)["definitions"]
    return found


def _deref(node: Mapping[str, Any]) -> Mapping[str, Any]:
    definitions = _definitions()
    while "$ref" in node:
        node = definitions[node["$ref"].rsplit("/", 1)[-1]]
    return node


def sites(
    value: Any,
    node: Mapping[str, Any] | None = None,
    location: Location = (),
    keys: frozenset[int] = frozenset(),
) -> Iterator[Site]:
    node = _deref(
        node if node is not None else _definitions()["CreateHyperParameterTuningJobRequest"]
    )
    yield Site(location, node, value, keys)
    if isinstance(value, dict) and "properties" in node:
        for key, item in value.items():
            yield from sites(item, node["properties"][key], (*location, key), keys)
    elif isinstance(value, dict) and "additionalProperties" in node:
        for key, item in value.items():
            yield from sites(
                item, node["additionalProperties"], (*location, key), keys | {len(location)}
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from sites(item, node["items"], (*location, index), keys)


def _set(request: dict[str, Any], location: Location, value: Any) -> None:
    target: Any = request
    for step in location[:-1]:
        target = target[step]
    target[location[-1]] = value


def _fits(node: Mapping[str, Any], text: str) -> bool:
    low, high = node.get("minLength", 0), node.get("maxLength", len(text))
    pattern = node.get("pattern")
    return low <= len(text) <= high and (pattern is None or re.search(pattern, text) is not None)


@functools.cache
def _index_below(size: int) -> st.SearchStrategy[int]:
    return st.integers(0, size - 1)


def _pick(draw: Draw, items: Sequence[T]) -> T:
    """One of ``items``, the first where shrinking goes (one strategy per length, built once)."""
    return items[draw(_index_below(len(items)))]


def _candidates(request: dict[str, Any], test: Callable[[Site], bool], draw: Draw) -> Site | None:
    found = [site for site in sites(request) if test(site)]
    return _pick(draw, found) if found else None


# Each structural defect returns (code, location, map_keys) or None when the request has no
# place for it.
Structural = Callable[[dict[str, Any], Draw], tuple[str, Location, frozenset[int]] | None]


def too_long(request: dict[str, Any], draw: Draw) -> tuple[str, Location, frozenset[int]] | None:
    def longer(site: Site) -> str | None:
        if not isinstance(site.value, str) or "maxLength" not in site.node or "enum" in site.node:
            return None
        text = site.value or "a"
        padded = text + text[-1] * (site.node["maxLength"] + 1 - len(text))
        pattern = site.node.get("pattern")
        return padded if pattern is None or re.search(pattern, padded) else None

    site = _candidates(
        request, lambda s: longer(s) is not None and s.node.get("maxLength", 0) < 5000, draw
    )
    if site is None:
        return None
    _set(request, site.location, longer(site))
    return "maxLength", site.location, site.map_keys


def bad_pattern(request: dict[str, Any], draw: Draw) -> tuple[str, Location, frozenset[int]] | None:
    def broken(site: Site) -> str | None:
        if not isinstance(site.value, str) or "pattern" not in site.node:
            return None
        for candidate in (site.value + "\n", site.value + "!", "!" + site.value, "\x00"):
            low, high = site.node.get("minLength", 0), site.node.get("maxLength", len(candidate))
            if low <= len(candidate) <= high and re.search(site.node["pattern"], candidate) is None:
                return candidate
        return None

    site = _candidates(request, lambda s: broken(s) is not None, draw)
    if site is None:
        return None
    _set(request, site.location, broken(site))
    return "pattern", site.location, site.map_keys


def wrong_enum_case(
    request: dict[str, Any], draw: Draw
) -> tuple[str, Location, frozenset[int]] | None:
    def recased(site: Site) -> str | None:
        if not isinstance(site.value, str) or "enum" not in site.node:
            return None
        for candidate in (site.value.lower(), site.value.upper(), site.value.swapcase()):
            if candidate not in site.node["enum"]:
                return candidate
        return None

    site = _candidates(request, lambda s: recased(s) is not None, draw)
    if site is None:
        return None
    _set(request, site.location, recased(site))
    return "enum", site.location, site.map_keys


def wrong_type(request: dict[str, Any], draw: Draw) -> tuple[str, Location, frozenset[int]] | None:
    def retyped(site: Site) -> Any:
        kind = site.node.get("type")
        if kind == "integer" and type(site.value) is int:
            return str(site.value)
        if kind == "string" and isinstance(site.value, str) and "enum" not in site.node:
            return 12345
        if kind == "boolean" and isinstance(site.value, bool):
            return "true" if site.value else "false"
        if kind == "array" and isinstance(site.value, list):
            return {"items": site.value}
        return None

    site = _candidates(request, lambda s: retyped(s) is not None and s.location != (), draw)
    if site is None:
        return None
    _set(request, site.location, retyped(site))
    return "type", site.location, site.map_keys


def unknown_key(request: dict[str, Any], draw: Draw) -> tuple[str, Location, frozenset[int]] | None:
    site = _candidates(
        request, lambda s: isinstance(s.value, dict) and "properties" in s.node, draw
    )
    if site is None:
        return None
    members = list(site.node["properties"])
    member = _pick(draw, members)
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", member).lower()
    site.value[snake] = site.value.get(member, "x")
    return "additionalProperties", (*site.location, snake), site.map_keys


def missing_member(
    request: dict[str, Any], draw: Draw
) -> tuple[str, Location, frozenset[int]] | None:
    site = _candidates(
        request,
        lambda s: (
            isinstance(s.value, dict) and any(m in s.value for m in s.node.get("required", []))
        ),
        draw,
    )
    if site is None:
        return None
    member = _pick(draw, [m for m in site.node["required"] if m in site.value])
    del site.value[member]
    return "required", (*site.location, member), site.map_keys


def out_of_bounds(
    request: dict[str, Any], draw: Draw
) -> tuple[str, Location, frozenset[int]] | None:
    site = _candidates(
        request,
        lambda s: (
            type(s.value) is int
            and s.node.get("type") == "integer"
            and "minimum" in s.node
            and s.node["minimum"] > -(2**31)
        ),
        draw,
    )
    if site is None:
        return None
    _set(request, site.location, site.node["minimum"] - 1)
    return "minimum", site.location, site.map_keys


STRUCTURAL: dict[str, Structural] = {
    "maxLength": too_long,
    "pattern": bad_pattern,
    "enum": wrong_enum_case,
    "type": wrong_type,
    "additionalProperties": unknown_key,
    "required": missing_member,
    "minimum": out_of_bounds,
}


# -- semantic defects: one per rule ---------------------------------------------------------------


@attrs.frozen
class Semantic:
    """A rule defect: the settings for the base request, and the mutation."""

    settings: Mapping[str, Any]
    mutate: Mutation


def _definition(request: dict[str, Any], index: int = 0) -> dict[str, Any]:
    if "TrainingJobDefinitions" in request:
        found: dict[str, Any] = request["TrainingJobDefinitions"][index]
    else:
        found = request["TrainingJobDefinition"]
    return found


def _definition_location(request: dict[str, Any], index: int = 0) -> Location:
    return ("TrainingJobDefinitions", index) if "TrainingJobDefinitions" in request else DEFINITION


def _set_ranges(request: dict[str, Any], ranges: dict[str, Any]) -> Location:
    """Replace the ranges in force of a single-definition request; drop clashing statics."""
    request[CONFIG_KEY]["ParameterRanges"] = ranges
    names = {item["Name"] for items in ranges.values() for item in items}
    static = request["TrainingJobDefinition"].get("StaticHyperParameters")
    if static:
        for name in names & set(static):
            del static[name]
    return (*CONFIG, "ParameterRanges")


def _custom_image(request: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = _definition(request)["AlgorithmSpecification"]
    spec.pop("AlgorithmName", None)
    spec["TrainingImage"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml-team/trainer:1.0.3"
    return spec


def _xgboost(request: dict[str, Any]) -> dict[str, Any]:
    """Make the single definition XGBoost run as an algorithm, documented from end to end
    (DG: xgboost_hyperparameters, xgboost-tuning): objective validation:auc to maximize,
    num_round given, eta tuned. Returns the AlgorithmSpecification."""
    definition = _definition(request)
    spec: dict[str, Any] = definition["AlgorithmSpecification"]
    spec.pop("AlgorithmName", None)
    spec.pop("MetricDefinitions", None)
    spec["TrainingImage"] = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"
    definition["StaticHyperParameters"] = {"objective": "binary:logistic", "num_round": "100"}
    request[CONFIG_KEY]["HyperParameterTuningJobObjective"] = {
        "Type": "Maximize",
        "MetricName": "validation:auc",
    }
    _set_ranges(
        request,
        {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.1", "MaxValue": "0.5"}]},
    )
    return spec


def _objective(request: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = request[CONFIG_KEY]["HyperParameterTuningJobObjective"]
    return found


def _continuous_space(request: dict[str, Any]) -> Location:
    return _set_ranges(
        request,
        {
            "ContinuousParameterRanges": [
                {
                    "Name": "learning_rate",
                    "MinValue": "0.0001",
                    "MaxValue": "0.1",
                    "ScalingType": "Logarithmic",
                }
            ]
        },
    )


def _limits(request: dict[str, Any], total: int | None, parallel: int) -> None:
    limits = request[CONFIG_KEY]["ResourceLimits"]
    limits.pop("MaxNumberOfTrainingJobs", None)
    if total is not None:
        limits["MaxNumberOfTrainingJobs"] = total
    limits["MaxParallelTrainingJobs"] = parallel
    # keep the member order of the spec
    request[CONFIG_KEY]["ResourceLimits"] = {
        k: limits[k]
        for k in ("MaxNumberOfTrainingJobs", "MaxParallelTrainingJobs", "MaxRuntimeInSeconds")
        if k in limits
    }


def _one_range(kind: str, **fields: Any) -> dict[str, Any]:
    return {kind: [{"Name": "defect_range", **fields}]}


SINGLE = {"definitions": 1, "strategy": "Bayesian", "autotune": False, "warm_start": False}
MULTI = {"definitions": 2, "strategy": "Bayesian", "autotune": False, "warm_start": False}
HYPERBAND = {**SINGLE, "strategy": "Hyperband"}
GRID = {**SINGLE, "strategy": "Grid"}


def _rules() -> dict[str, Semantic]:
    def remove_definition(r: dict[str, Any], _: Draw) -> Location:
        del r["TrainingJobDefinition"]
        return DEFINITION

    def unnamed_definition(r: dict[str, Any], _: Draw) -> Location:
        r["TrainingJobDefinitions"][1].pop("DefinitionName", None)
        return ("TrainingJobDefinitions", 1, "DefinitionName")

    def no_objective(r: dict[str, Any], _: Draw) -> Location:
        del r[CONFIG_KEY]["HyperParameterTuningJobObjective"]
        r[CONFIG_KEY].pop("TuningJobCompletionCriteria", None)
        return (*CONFIG, "HyperParameterTuningJobObjective")

    def multi_without_objective(r: dict[str, Any], _: Draw) -> Location:
        del r["TrainingJobDefinitions"][1]["TuningObjective"]
        return ("TrainingJobDefinitions", 1, "TuningObjective")

    def multi_warm_start(r: dict[str, Any], _: Draw) -> Location:
        r["WarmStartConfig"] = {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "parent-job-1"}],
            "WarmStartType": "TransferLearning",
        }
        return ("WarmStartConfig",)

    def early_stopping_auto(r: dict[str, Any], _: Draw) -> Location:
        r[CONFIG_KEY]["TrainingJobEarlyStoppingType"] = "Auto"
        return (*CONFIG, "TrainingJobEarlyStoppingType")

    def no_algorithm(r: dict[str, Any], _: Draw) -> Location:
        spec = _definition(r)["AlgorithmSpecification"]
        spec.pop("TrainingImage", None)
        spec.pop("AlgorithmName", None)
        return (*DEFINITION, "AlgorithmSpecification", "TrainingImage")

    def undefined_metric(r: dict[str, Any], _: Draw) -> Location:
        _custom_image(r)
        _objective(r)["MetricName"] = "undefined:metric"
        return (*CONFIG, "HyperParameterTuningJobObjective", "MetricName")

    def algorithm_with_metrics(r: dict[str, Any], _: Draw) -> Location:
        spec = _definition(r)["AlgorithmSpecification"]
        spec.pop("TrainingImage", None)
        spec["AlgorithmName"] = "marketplace-algo-1"
        spec["MetricDefinitions"] = [
            {"Name": _objective(r)["MetricName"], "Regex": "metric=([0-9.]+)"}
        ]
        _definition(r)["EnableNetworkIsolation"] = True
        return (*DEFINITION, "AlgorithmSpecification", "MetricDefinitions")

    def builtin_with_metrics(r: dict[str, Any], _: Draw) -> Location:
        spec = _xgboost(r)
        spec["MetricDefinitions"] = [{"Name": "validation:auc", "Regex": "auc=([0-9.]+)"}]
        return (*DEFINITION, "AlgorithmSpecification", "MetricDefinitions")

    def builtin_unknown_metric(r: dict[str, Any], _: Draw) -> Location:
        _xgboost(r)
        _objective(r)["MetricName"] = "validation:aucc"
        return (*CONFIG, "HyperParameterTuningJobObjective", "MetricName")

    def builtin_wrong_direction(r: dict[str, Any], _: Draw) -> Location:
        _xgboost(r)
        _objective(r)["Type"] = "Minimize"
        return (*CONFIG, "HyperParameterTuningJobObjective", "Type")

    def builtin_unknown_hyperparameter(r: dict[str, Any], _: Draw) -> Location:
        _xgboost(r)
        _definition(r)["StaticHyperParameters"]["max_dept"] = "5"
        return (*DEFINITION, "StaticHyperParameters", "max_dept")

    def builtin_bad_value(r: dict[str, Any], _: Draw) -> Location:
        _xgboost(r)
        _definition(r)["StaticHyperParameters"]["num_round"] = "100.5"
        return (*DEFINITION, "StaticHyperParameters", "num_round")

    def builtin_missing_required(r: dict[str, Any], _: Draw) -> Location:
        _xgboost(r)
        del _definition(r)["StaticHyperParameters"]["num_round"]
        return (*DEFINITION, "StaticHyperParameters")

    def builtin_script_mode_range(r: dict[str, Any], _: Draw) -> Location:
        _xgboost(r)  # in script mode, tuning a name of the script's own
        _definition(r)["StaticHyperParameters"]["sagemaker_program"] = '"train.py"'
        where = _set_ranges(
            r,
            {
                "ContinuousParameterRanges": [
                    {"Name": "eta", "MinValue": "0.1", "MaxValue": "0.5"}
                ],
                "CategoricalParameterRanges": [
                    {"Name": "feature_xform", "Values": ["onehot", "ordinal"]}
                ],
            },
        )
        return (*where, "CategoricalParameterRanges", 0, "Name")

    def builtin_untunable_range(r: dict[str, Any], _: Draw) -> Location:
        definition = _definition(r)
        spec = definition["AlgorithmSpecification"]
        spec.pop("AlgorithmName", None)
        spec.pop("MetricDefinitions", None)
        spec["TrainingImage"] = (
            "811284229777.dkr.ecr.us-east-1.amazonaws.com/semantic-segmentation:1"
        )
        definition["StaticHyperParameters"] = {"num_classes": "21", "num_training_samples": "1464"}
        r[CONFIG_KEY]["HyperParameterTuningJobObjective"] = {
            "Type": "Maximize",
            "MetricName": "validation:mIOU",
        }
        where = _set_ranges(
            r,
            {
                "ContinuousParameterRanges": [
                    {"Name": "learning_rate", "MinValue": "0.0001", "MaxValue": "0.01"},
                    {"Name": "gamma1", "MinValue": "0.5", "MaxValue": "0.99"},
                ]
            },
        )
        return (*where, "ContinuousParameterRanges", 1, "Name")

    def broken_metric_regex(r: dict[str, Any], _: Draw) -> Location:
        spec = _custom_image(r)
        metric = _objective(r)["MetricName"]
        spec["MetricDefinitions"] = [{"Name": metric, "Regex": "a=([0-9.]+"}]
        return (*DEFINITION, "AlgorithmSpecification", "MetricDefinitions", 0, "Regex")

    def lazy_metric_regex(r: dict[str, Any], _: Draw) -> Location:
        spec = _custom_image(r)
        metric = _objective(r)["MetricName"]
        spec["MetricDefinitions"] = [{"Name": metric, "Regex": "a=(.*?)"}]
        return (*DEFINITION, "AlgorithmSpecification", "MetricDefinitions", 0, "Regex")

    def marketplace_without_isolation(r: dict[str, Any], _: Draw) -> Location:
        spec = _definition(r)["AlgorithmSpecification"]
        spec.pop("TrainingImage", None)
        spec.pop("MetricDefinitions", None)
        spec["AlgorithmName"] = "arn:aws:sagemaker:us-east-1:865070037744:algorithm/market-algo-1"
        _definition(r)["RoleArn"] = "arn:aws:iam::111122223333:role/SageMakerRole"
        _definition(r)["EnableNetworkIsolation"] = False
        return (*DEFINITION, "EnableNetworkIsolation")

    def strategy_config_without_hyperband(r: dict[str, Any], _: Draw) -> Location:
        r[CONFIG_KEY]["StrategyConfig"] = {"HyperbandStrategyConfig": {"MaxResource": 81}}
        return (*CONFIG, "StrategyConfig")

    def hyperband_without_resource(r: dict[str, Any], _: Draw) -> Location:
        r[CONFIG_KEY].pop("StrategyConfig", None)
        static = _definition(r).get("StaticHyperParameters") or {}
        for name in ("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs"):
            static.pop(name, None)
        return (*CONFIG, "StrategyConfig")

    def hyperband_resource(minimum: int | None, maximum: int, at: str) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            hyperband: dict[str, int] = {"MaxResource": maximum}
            if minimum is not None:
                hyperband = {"MinResource": minimum, "MaxResource": maximum}
            r[CONFIG_KEY]["StrategyConfig"] = {"HyperbandStrategyConfig": hyperband}
            return (*CONFIG, "StrategyConfig", "HyperbandStrategyConfig", at)

        return mutate

    def grid_with_integer(r: dict[str, Any], _: Draw) -> Location:
        ranges = r[CONFIG_KEY]["ParameterRanges"]
        ranges["IntegerParameterRanges"] = [
            {"Name": "defect_range", "MinValue": "1", "MaxValue": "3"}
        ]
        r[CONFIG_KEY]["ParameterRanges"] = {
            k: ranges[k]
            for k in (
                "IntegerParameterRanges",
                "ContinuousParameterRanges",
                "CategoricalParameterRanges",
                "AutoParameters",
            )
            if k in ranges
        }
        return (*CONFIG, "ParameterRanges", "IntegerParameterRanges", 0)

    def grid_wrong_total(r: dict[str, Any], _: Draw) -> Location:
        total = 1
        for item in r[CONFIG_KEY]["ParameterRanges"]["CategoricalParameterRanges"]:
            total *= len(set(item["Values"]))
        _limits(r, total + 1, 1)
        return (*LIMITS, "MaxNumberOfTrainingJobs")

    def grid_too_big(r: dict[str, Any], _: Draw) -> Location:
        values = [str(v) for v in range(10)]
        _limits(r, None, 2)
        return _set_ranges(
            r,
            {
                "CategoricalParameterRanges": [
                    {"Name": f"choice_{i}", "Values": values} for i in range(3)
                ]
            },
        )

    def small_discrete_space(r: dict[str, Any], _: Draw) -> Location:
        _set_ranges(r, _one_range("CategoricalParameterRanges", Values=["a", "b"]))
        _limits(r, 3, 1)
        return (*LIMITS, "MaxNumberOfTrainingJobs")

    def limits(total: int | None, parallel: int, at: str) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            _continuous_space(r)
            _limits(r, total, parallel)
            return (*LIMITS, at)

        return mutate

    def long_tuning(r: dict[str, Any], _: Draw) -> Location:
        r[CONFIG_KEY]["ResourceLimits"]["MaxRuntimeInSeconds"] = 30 * 24 * 3600 + 1
        return (*LIMITS, "MaxRuntimeInSeconds")

    def too_many_ranges(r: dict[str, Any], _: Draw) -> Location:
        r[CONFIG_KEY].pop("ParameterRanges", None)
        return _set_ranges(
            r,
            {
                "IntegerParameterRanges": [
                    {"Name": f"int_{i}", "MinValue": "1", "MaxValue": "9"} for i in range(16)
                ],
                "ContinuousParameterRanges": [
                    {"Name": f"real_{i}", "MinValue": "0", "MaxValue": "1"} for i in range(15)
                ],
            },
        )

    def too_many_hyperparameters(r: dict[str, Any], _: Draw) -> Location:
        _continuous_space(r)
        _definition(r)["StaticHyperParameters"] = {f"static_{i}": str(i) for i in range(100)}
        return (*DEFINITION, "StaticHyperParameters")

    def duplicate_range_name(r: dict[str, Any], _: Draw) -> Location:
        location = _set_ranges(
            r,
            {
                "IntegerParameterRanges": [{"Name": "depth", "MinValue": "1", "MaxValue": "9"}],
                "ContinuousParameterRanges": [{"Name": "depth", "MinValue": "0", "MaxValue": "1"}],
            },
        )
        return (*location, "ContinuousParameterRanges", 0, "Name")

    def static_and_tuned(r: dict[str, Any], _: Draw) -> Location:
        location = _continuous_space(r)
        _definition(r).setdefault("StaticHyperParameters", {})["learning_rate"] = "0.01"
        return (*location, "ContinuousParameterRanges", 0, "Name")

    def one_range(kind: str, at: str, **fields: Any) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            location = _set_ranges(r, _one_range(kind, **fields))
            _limits(r, 1, 1)  # a budget any space covers
            return (*location, kind, 0, at)

        return mutate

    def empty_space(r: dict[str, Any], _: Draw) -> Location:
        return _set_ranges(r, {})

    def auto_without_autotune(r: dict[str, Any], _: Draw) -> Location:
        location = _continuous_space(r)
        r[CONFIG_KEY]["ParameterRanges"]["AutoParameters"] = [
            {"Name": "auto_alpha", "ValueHint": "0.1"}
        ]
        return (*location, "AutoParameters", 0)

    def stopping(spot: bool | None, runtime: int | None, wait: int | None, at: str) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            definition = _definition(r)
            definition["EnableManagedSpotTraining"] = bool(spot)
            condition: dict[str, int] = {}
            if runtime is not None:
                condition["MaxRuntimeInSeconds"] = runtime
            if wait is not None:
                condition["MaxWaitTimeInSeconds"] = wait
            definition["StoppingCondition"] = condition
            return (*DEFINITION, "StoppingCondition", at)

        return mutate

    def no_resources(r: dict[str, Any], _: Draw) -> Location:
        definition = _definition(r)
        definition.pop("ResourceConfig", None)
        definition.pop("HyperParameterTuningResourceConfig", None)
        return (*DEFINITION, "ResourceConfig")

    def resources(member: str, config: dict[str, Any], at: Location) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            definition = _definition(r)
            definition.pop("ResourceConfig", None)
            definition.pop("HyperParameterTuningResourceConfig", None)
            definition[member] = config
            for channel in definition.get("InputDataConfig") or []:
                source = channel["DataSource"].get("S3DataSource") or {}
                source.pop("InstanceGroupNames", None)
            return (*DEFINITION, member, *at)

        return mutate

    def add_channel(channel: dict[str, Any], at: str) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            channels = _definition(r).setdefault("InputDataConfig", [])
            channels[:] = [c for c in channels if c["ChannelName"] != channel["ChannelName"]][:18]
            channels.append(channel)
            return (*DEFINITION, "InputDataConfig", len(channels) - 1, at)

        return mutate

    def duplicate_channel(r: dict[str, Any], _: Draw) -> Location:
        channel = {
            "ChannelName": "train",
            "DataSource": {
                "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/"}
            },
        }
        _definition(r)["InputDataConfig"] = [channel, dict(channel)]
        return (*DEFINITION, "InputDataConfig", 1, "ChannelName")

    def crowded_environment(r: dict[str, Any], _: Draw) -> Location:
        r["TrainingJobDefinitions"][0]["Environment"] = {f"VAR_{i}": "1" for i in range(25)}
        r["TrainingJobDefinitions"][1]["Environment"] = {f"OTHER_{i}": "1" for i in range(24)}
        return ("TrainingJobDefinitions", 1, "Environment")

    def completion_without_objective(r: dict[str, Any], _: Draw) -> Location:
        r[CONFIG_KEY].pop("HyperParameterTuningJobObjective", None)
        r[CONFIG_KEY]["TuningJobCompletionCriteria"] = {"TargetObjectiveMetricValue": 0.95}
        return (*CONFIG, "TuningJobCompletionCriteria", "TargetObjectiveMetricValue")

    def tags(keys: list[str], at: int) -> Mutation:
        def mutate(r: dict[str, Any], _: Draw) -> Location:
            r["Tags"] = [{"Key": key, "Value": "x"} for key in keys]
            return ("Tags", at, "Key")

        return mutate

    def repeated_parent(r: dict[str, Any], _: Draw) -> Location:
        parent = {"HyperParameterTuningJobName": "parent-job-1"}
        r["WarmStartConfig"] = {
            "ParentHyperParameterTuningJobs": [parent, dict(parent)],
            "WarmStartType": "TransferLearning",
        }
        return (
            "WarmStartConfig",
            "ParentHyperParameterTuningJobs",
            1,
            "HyperParameterTuningJobName",
        )

    def secret_in_environment(r: dict[str, Any], _: Draw) -> Location:
        # A Hugging Face token's form (hf_ and 34 letters), made up here.
        _definition(r)["Environment"] = {
            "HF_TOKEN": "hf" + "_" + "aBcDeFgHiJkLmNoPqR" + "sTuVwXyZaBcDeFgH"
        }
        return (*_definition_location(r), "Environment", "HF_TOKEN")

    instance = "ml.m5.xlarge"
    return {
        "definition-exactly-one": Semantic(SINGLE, remove_definition),
        "multi-definition-names": Semantic(MULTI, unnamed_definition),
        "objective-required": Semantic(SINGLE, no_objective),
        "multi-objective-per-definition": Semantic(MULTI, multi_without_objective),
        "multi-no-warm-start": Semantic(MULTI, multi_warm_start),
        "multi-no-early-stopping": Semantic(MULTI, early_stopping_auto),
        "image-xor-algorithm": Semantic(SINGLE, no_algorithm),
        "objective-metric-defined": Semantic(SINGLE, undefined_metric),
        "builtin-no-metric-definitions": Semantic(SINGLE, builtin_with_metrics),
        "builtin-objective-metric": Semantic(SINGLE, builtin_unknown_metric),
        "builtin-objective-direction": Semantic(SINGLE, builtin_wrong_direction),
        "builtin-hyperparameter-known": Semantic(SINGLE, builtin_unknown_hyperparameter),
        "builtin-hyperparameter-values": Semantic(SINGLE, builtin_bad_value),
        "builtin-required-hyperparameters": Semantic(SINGLE, builtin_missing_required),
        "builtin-script-mode-ranges": Semantic(SINGLE, builtin_script_mode_range),
        "builtin-range-not-tunable": Semantic(SINGLE, builtin_untunable_range),
        "algorithm-no-metric-definitions": Semantic(SINGLE, algorithm_with_metrics),
        "metric-regex-compiles": Semantic(SINGLE, broken_metric_regex),
        "metric-regex-captures-value": Semantic(SINGLE, lazy_metric_regex),
        "marketplace-network-isolation": Semantic(SINGLE, marketplace_without_isolation),
        "hyperband-early-stopping-off": Semantic(HYPERBAND, early_stopping_auto),
        "strategy-config-only-hyperband": Semantic(SINGLE, strategy_config_without_hyperband),
        "hyperband-max-resource": Semantic(HYPERBAND, hyperband_without_resource),
        "hyperband-max-resource-limit": Semantic(
            HYPERBAND, hyperband_resource(None, 20001, "MaxResource")
        ),
        "hyperband-min-le-max": Semantic(HYPERBAND, hyperband_resource(50, 10, "MinResource")),
        "grid-categorical-only": Semantic(GRID, grid_with_integer),
        "grid-max-jobs": Semantic(GRID, grid_wrong_total),
        "grid-combinations-limit": Semantic(GRID, grid_too_big),
        "discrete-space-covers-max-jobs": Semantic(SINGLE, small_discrete_space),
        "max-jobs-quota": Semantic(SINGLE, limits(751, 2, "MaxNumberOfTrainingJobs")),
        "max-parallel-quota": Semantic(SINGLE, limits(50, 11, "MaxParallelTrainingJobs")),
        "parallel-le-total": Semantic(SINGLE, limits(2, 3, "MaxParallelTrainingJobs")),
        "tuning-runtime-30-days": Semantic(SINGLE, long_tuning),
        "ranges-total-30": Semantic(SINGLE, too_many_ranges),
        "static-plus-tunable-100": Semantic(SINGLE, too_many_hyperparameters),
        "range-names-unique": Semantic(SINGLE, duplicate_range_name),
        "static-not-tuned": Semantic(SINGLE, static_and_tuned),
        "range-bounds-numeric": Semantic(
            SINGLE, one_range("IntegerParameterRanges", "MinValue", MinValue="1.5", MaxValue="10")
        ),
        "range-min-lt-max": Semantic(
            SINGLE,
            one_range("ContinuousParameterRanges", "MaxValue", MinValue="0.5", MaxValue="0.1"),
        ),
        "categorical-distinct": Semantic(
            SINGLE, one_range("CategoricalParameterRanges", "Values", Values=["a", "a", "b"])
        ),
        "log-scale-positive": Semantic(
            SINGLE,
            one_range(
                "ContinuousParameterRanges",
                "MinValue",
                MinValue="0",
                MaxValue="1",
                ScalingType="Logarithmic",
            ),
        ),
        "reverse-log-continuous-only": Semantic(
            SINGLE,
            one_range(
                "IntegerParameterRanges",
                "ScalingType",
                MinValue="1",
                MaxValue="100",
                ScalingType="ReverseLogarithmic",
            ),
        ),
        "reverse-log-unit-interval": Semantic(
            SINGLE,
            one_range(
                "ContinuousParameterRanges",
                "MaxValue",
                MinValue="0.1",
                MaxValue="1.5",
                ScalingType="ReverseLogarithmic",
            ),
        ),
        "ranges-required": Semantic(SINGLE, empty_space),
        "auto-parameters-need-autotune": Semantic(SINGLE, auto_without_autotune),
        "max-wait-needs-spot": Semantic(
            SINGLE, stopping(False, 3600, 7200, "MaxWaitTimeInSeconds")
        ),
        "spot-needs-max-wait": Semantic(SINGLE, stopping(True, 3600, None, "MaxWaitTimeInSeconds")),
        "max-wait-ge-max-runtime": Semantic(
            SINGLE, stopping(True, 7200, 3600, "MaxWaitTimeInSeconds")
        ),
        "max-runtime-28-days": Semantic(
            SINGLE, stopping(False, 28 * 24 * 3600 + 1, None, "MaxRuntimeInSeconds")
        ),
        "resource-config-exactly-one": Semantic(SINGLE, no_resources),
        "instance-configs-exclusive": Semantic(
            SINGLE,
            resources(
                "HyperParameterTuningResourceConfig",
                {
                    "InstanceType": instance,
                    "InstanceConfigs": [
                        {"InstanceType": instance, "InstanceCount": 1, "VolumeSizeInGB": 30}
                    ],
                },
                ("InstanceType",),
            ),
        ),
        "instance-count-positive": Semantic(
            SINGLE,
            resources(
                "ResourceConfig",
                {"InstanceType": instance, "InstanceCount": 0, "VolumeSizeInGB": 30},
                ("InstanceCount",),
            ),
        ),
        "volume-kms-local-storage": Semantic(
            SINGLE,
            resources(
                "ResourceConfig",
                {
                    "InstanceType": "ml.g5.2xlarge",
                    "InstanceCount": 1,
                    "VolumeSizeInGB": 30,
                    "VolumeKmsKeyId": "alias/training-volumes",
                },
                ("VolumeKmsKeyId",),
            ),
        ),
        "augmented-manifest-pipe": Semantic(
            SINGLE,
            add_channel(
                {
                    "ChannelName": "augmented",
                    "DataSource": {
                        "S3DataSource": {
                            "S3DataType": "AugmentedManifestFile",
                            "S3Uri": "s3://bucket/manifest",
                            "AttributeNames": ["source-ref"],
                        }
                    },
                    "InputMode": "File",
                },
                "InputMode",
            ),
        ),
        "file-mode-compression": Semantic(
            SINGLE,
            add_channel(
                {
                    "ChannelName": "compressed",
                    "DataSource": {
                        "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://bucket/data/"}
                    },
                    "CompressionType": "Gzip",
                    "InputMode": "File",
                },
                "CompressionType",
            ),
        ),
        "channel-names-unique": Semantic(SINGLE, duplicate_channel),
        "environment-total-48": Semantic(MULTI, crowded_environment),
        "completion-needs-objective": Semantic(
            {**SINGLE, "autotune": True}, completion_without_objective
        ),
        "tag-keys-unique": Semantic(SINGLE, tags(["team", "team"], 1)),
        "tag-aws-prefix": Semantic(SINGLE, tags(["aws:team"], 0)),
        "secret-in-plain-text": Semantic(SINGLE, secret_in_environment),
        "warm-start-parents-distinct": Semantic(SINGLE, repeated_parent),
    }


SEMANTIC: dict[str, Semantic] = _rules()
# warm-start-against-parents needs the parents' Describe responses, which a request alone does
# not carry: invalid_requests() leaves it out.
NEEDS_PARENTS = frozenset({"warm-start-against-parents"})
