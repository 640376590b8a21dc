"""What a program asked an SDK tuner for, as wire members, against the request the SDK builds.

The pieces :mod:`hpt_request.aws.tuners` (SDK v3) and :mod:`hpt_request.aws.tuners_v2` share:
an :class:`Expected` setting (its name as the program wrote it, the wire member it means, its
value as wire data), :func:`expected` to make one from an SDK value (pipeline variables and
objects that are no wire data are listed as not compared instead), and :func:`compare`, which
looks each one up in the captured request and gives a ``tuner-setting-lost`` error or a
``tuner-option-lost`` warning (:data:`OPTIONS`) for each one the request lacks or changes.
``False`` counts as equal to an absent boolean (the API's default).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from hpt_request.aws.coreshapes import CoreShapeError, core_to_wire
from hpt_request.model.errors import Problem

LOST = "tuner-setting-lost"
OPTION_LOST = "tuner-option-lost"

OPTIONS = frozenset(
    {
        "TrainingJobDefinition.ResourceConfig.KeepAlivePeriodInSeconds",
        "HyperParameterTuningJobConfig.RandomSeed",
        "Tags",
        "TrainingJobDefinition.OutputDataConfig.CompressionType",
        "TrainingJobDefinition.StoppingCondition.MaxPendingTimeInSeconds",
        "HyperParameterTuningJobName",
    }
)
"""The wire members whose loss is a warning (``tuner-option-lost``): cost, reproducibility and
bookkeeping, not what the jobs run or how they are secured. Every other loss is an error."""

SECURITY = ("EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "KmsKeyId", "Vpc")
"""Wire names (or parts of them) of security settings: their losses say so in the message."""

DEFINITION = "TrainingJobDefinition"
ALGORITHM = f"{DEFINITION}.AlgorithmSpecification"
CONFIG = "HyperParameterTuningJobConfig"

# HyperparameterTuner attribute -> wire path (values, or shapes mapped member for member).
TUNER_VALUES: Mapping[str, str] = {
    "strategy": f"{CONFIG}.Strategy",
    "objective_metric_name": f"{CONFIG}.HyperParameterTuningJobObjective.MetricName",
    "objective_type": f"{CONFIG}.HyperParameterTuningJobObjective.Type",
    "max_jobs": f"{CONFIG}.ResourceLimits.MaxNumberOfTrainingJobs",
    "max_parallel_jobs": f"{CONFIG}.ResourceLimits.MaxParallelTrainingJobs",
    "max_runtime_in_seconds": f"{CONFIG}.ResourceLimits.MaxRuntimeInSeconds",
    "early_stopping_type": f"{CONFIG}.TrainingJobEarlyStoppingType",
    "random_seed": f"{CONFIG}.RandomSeed",
    "strategy_config": f"{CONFIG}.StrategyConfig",
    "completion_criteria_config": f"{CONFIG}.TuningJobCompletionCriteria",
    "warm_start_config": "WarmStartConfig",
}


class TunerError(TypeError):
    """check_tuner() cannot check this tuner: not a tuner it knows, a tuner without a
    ``ModelTrainer``, a pipeline session, or a ``tune()`` that failed or made an AWS call it
    cannot answer. The message says which, and what to do instead."""


@attrs.frozen
class Expected:
    """One setting the user gave: its name as the user wrote it, the wire member it means, and
    its value as wire data."""

    setting: str
    path: str
    value: Any


def pipeline_variable(value: object) -> bool:
    return any(cls.__name__ == "PipelineVariable" for cls in type(value).__mro__)


def unset(value: object) -> bool:
    return value is None or type(value).__name__ == "Unassigned"


def wire_names(cls: type[Any]) -> dict[str, str]:
    return {field.name: field.metadata["wire"] for field in attrs.fields(cls)}


def fields_set(obj: Any) -> list[str]:
    """The members of a pydantic object the user gave (in declaration order)."""
    given = getattr(obj, "model_fields_set", None)
    fields = list(getattr(type(obj), "model_fields", {}))
    if given is None:
        return [name for name in fields if not unset(getattr(obj, name, None))]
    return [name for name in fields if name in given and not unset(getattr(obj, name))]


def structure_expectations(
    name: str, obj: Any, path: str, cls: type[Any], parent: type[Any] | None, skipped: list[str]
) -> Iterator[Expected]:
    """A config object's members, each at the wire member of the same name of ``cls`` (or of
    the ``parent`` structure, one level up)."""
    own = wire_names(cls)
    up = wire_names(parent) if parent is not None else {}
    parent_path = path.rsplit(".", 1)[0]
    for member in fields_set(obj):
        value = getattr(obj, member)
        setting = f"{name}.{member}"
        if member in own:
            yield from expect(setting, f"{path}.{own[member]}", value, skipped)
        elif member in up:
            yield from expect(setting, f"{parent_path}.{up[member]}", value, skipped)
        else:
            skipped.append(f"{setting}: no member of {cls.__name__} has this name")


def expect(setting: str, path: str, value: Any, skipped: list[str]) -> Iterator[Expected]:
    """The setting ``value`` (an SDK value: a scalar, a list or map, a sagemaker-core shape) at
    wire ``path``; or nothing, with the reason in ``skipped``, when it cannot be compared."""
    if pipeline_variable(value):
        skipped.append(f"{setting}: a pipeline variable, known only when a pipeline runs")
        return
    try:
        wire = core_to_wire(value, path)
    except CoreShapeError as exc:
        skipped.append(f"{setting}: {exc}")
        return
    if _holds_placeholder(wire):
        skipped.append(f"{setting}: holds pipeline variables, known only when a pipeline runs")
        return
    if not _wire_data(wire):
        skipped.append(f"{setting}: a {type(value).__name__}, not readable as wire data")
        return
    yield Expected(setting, path, wire)


def _wire_data(data: Any) -> bool:
    """Whether ``data`` is JSON-like (what a request holds), all the way down."""
    if data is None or isinstance(data, str | int | float | bool):
        return True
    if isinstance(data, Mapping):
        return all(isinstance(k, str) and _wire_data(v) for k, v in data.items())
    if isinstance(data, list):
        return all(_wire_data(item) for item in data)
    return False


def _holds_placeholder(data: Any) -> bool:
    from hpt_request.text.pipelines import is_placeholder

    if is_placeholder(data):
        return True
    if isinstance(data, Mapping):
        return any(_holds_placeholder(item) for item in data.values())
    if isinstance(data, list):
        return any(_holds_placeholder(item) for item in data)
    return False


def hyperparameter_texts(value: Any) -> list[str]:
    """The texts a hyperparameter value may be sent as (the value itself, or as JSON)."""
    if isinstance(value, str):
        return [value]
    return [json.dumps(value), str(value)]


_MISSING = object()

ALTERNATIVES = {"ResourceConfig": "HyperParameterTuningResourceConfig"}
"""A member that may stand in the other's place: a training definition gives its instances in
either (the SDK v2 tuner writes ``HyperParameterTuningResourceConfig``, which has no
``KeepAlivePeriodInSeconds``)."""


def _steps(path: str) -> list[str]:
    """A path of this module split into steps: names, ``[Key="x"]`` selectors, ``["key"]`` map
    keys and ``[*]`` (any item)."""
    steps: list[str] = []
    current = ""
    index = 0
    while index < len(path):
        char = path[index]
        if char == ".":
            if current:
                steps.append(current)
            current = ""
        elif char == "[":
            if current:
                steps.append(current)
            end = path.index("]", index)
            steps.append(path[index : end + 1])
            current = ""
            index = end
        else:
            current += char
        index += 1
    if current:
        steps.append(current)
    return steps


def lookup(data: Any, steps: Sequence[str]) -> Any:
    """The value at ``steps`` in the request (``_MISSING`` if there is none; for ``[*]``, the
    list of the values found in each item)."""
    if not steps:
        return data
    step, rest = steps[0], steps[1:]
    if step == "[*]":
        if not isinstance(data, list):
            return _MISSING
        return [found for item in data if (found := lookup(item, rest)) is not _MISSING]
    if step.startswith('["'):
        key = step[2:-2]
        if isinstance(data, Mapping) and key in data:
            return lookup(data[key], rest)
        return _MISSING
    if step.startswith("["):
        member, _, wanted = step[1:-1].partition("=")
        wanted = json.loads(wanted)
        if isinstance(data, list):
            for item in data:
                if isinstance(item, Mapping) and item.get(member) == wanted:
                    return lookup(item, rest)
        return _MISSING
    if isinstance(data, Mapping) and step in data:
        return lookup(data[step], rest)
    if isinstance(data, Mapping) and ALTERNATIVES.get(step) in data:
        return lookup(data[ALTERNATIVES[step]], rest)
    return _MISSING


def _same(wanted: Any, found: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(found, bool):
        return type(wanted) is type(found) and wanted == found
    if isinstance(wanted, Mapping):
        return isinstance(found, Mapping) and all(
            _same(value, found.get(key, _MISSING)) or (value is False and key not in found)
            for key, value in wanted.items()
        )
    return bool(wanted == found)


def _leaves(item: Expected) -> Iterator[Expected]:
    """A structure's members one by one, so that each loss is reported at its own member."""
    if isinstance(item.value, Mapping) and not item.path.endswith("]"):
        for key, value in item.value.items():
            member = key if isinstance(key, str) and key[:1].isupper() else f'["{key}"]'
            separator = "" if member.startswith("[") else "."
            yield from _leaves(Expected(item.setting, f"{item.path}{separator}{member}", value))
    else:
        yield item


def _show(value: Any) -> str:
    return json.dumps(value, default=str)


def _who(setting: str) -> tuple[str, str]:
    """Who gave a setting, and its name there (``model_trainer.compute.x`` -> the ModelTrainer
    sets ``compute.x``)."""
    owners = (
        ("model_trainer.", "the ModelTrainer sets"),
        ("estimator.", "the Estimator sets"),
        ("tuner.", "the tuner sets"),
    )
    for prefix, who in owners:
        if setting.startswith(prefix):
            return who, setting[len(prefix) :]
    return "the program gives", setting


def _lost(item: Expected, found: Any) -> Problem:
    path = item.path.replace("[*]", "")
    bare = _bare(item.path)
    code = OPTION_LOST if bare in OPTIONS or bare.split(".")[0] in OPTIONS else LOST
    kind = " (a security setting)" if any(word in item.path for word in SECURITY) else ""
    who, name = _who(item.setting)
    lacking = found is _MISSING or found == []
    outcome = "leaves it out" if lacking else f"has {_show(found)} instead"
    message = f"{who} {name}={item.value!r}{kind}, but the request the SDK builds {outcome}"
    return Problem(path, code, message, "warning" if code == OPTION_LOST else "error")


def _bare(path: str) -> str:
    """A path without its selectors and map keys (``Tags[Key="team"]`` -> ``Tags``)."""
    steps = [step for step in _steps(path) if not step.startswith("[")]
    return ".".join(steps)


def compare(expected: Sequence[Expected], request: Mapping[str, Any]) -> list[Problem]:
    """A problem for each expected member the request lacks or has with another value."""
    problems: list[Problem] = []
    for item in expected:
        for leaf in _leaves(item):
            found = lookup(request, _steps(leaf.path))
            if "[*]" in leaf.path:
                ok = isinstance(found, list) and leaf.value in found
            elif found is _MISSING:
                ok = leaf.value is False
            else:
                ok = _same(leaf.value, found)
            if not ok:
                problems.append(_lost(leaf, found))
    return problems


def hyperparameter_problems(
    wanted: Mapping[str, list[str]], request: Mapping[str, Any]
) -> list[Problem]:
    static = lookup(request, [DEFINITION, "StaticHyperParameters"])
    static = static if isinstance(static, Mapping) else {}
    problems = []
    for name, texts in wanted.items():
        found = static.get(name, _MISSING)
        if found in texts:
            continue
        item = Expected(
            f"model_trainer.hyperparameters[{name!r}]",
            f'{DEFINITION}.StaticHyperParameters["{name}"]',
            texts[0],
        )
        problems.append(_lost(item, found))
    return problems


def tuned_names(request: Mapping[str, Any]) -> set[str]:
    """The hyperparameters the request tunes (a trainer's static value for them is replaced by
    the range, as it should be)."""
    ranges = lookup(request, [CONFIG, "ParameterRanges"])
    if not isinstance(ranges, Mapping):
        return set()
    return {
        item["Name"]
        for kind in ranges.values()
        if isinstance(kind, list)
        for item in kind
        if isinstance(item, Mapping) and isinstance(item.get("Name"), str)
    }
