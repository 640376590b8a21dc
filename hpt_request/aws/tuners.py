"""``check_tuner``: what the user asked a SageMaker Python SDK v3 tuner for, against the request
the SDK builds.

:func:`check_tuner` runs ``tuner.tune(**tune_arguments)`` with nothing sent
(:mod:`~hpt_request.aws.capture`), validates the captured request, and compares it with the
settings the user gave: the ``ModelTrainer``'s (``compute``, ``networking``,
``stopping_condition``, ``output_data_config``, ``checkpoint_config``, the image, role,
environment and hyperparameters), the tuner's (strategy, limits, objective, seed, early
stopping, warm start, ...) and ``tune()``'s (the job name, the channels). It never repeats the
SDK's logic: each setting is read from the user's objects, put at the wire member it means (the
model's wire names; a config class that extends a sagemaker-core shape maps member for member),
and looked up in the captured request. A setting the request leaves out or changes is a
problem at that member:

- ``tuner-setting-lost`` (error): a security setting (network isolation, inter-container
  traffic encryption, KMS keys, the VPC) or one that changes what runs (image, role, instances,
  hyperparameters, environment, data, limits, stopping conditions, strategy, objective);
- ``tuner-option-lost`` (warning): the others (:data:`OPTIONS`: the warm pool, the random seed,
  tags, output compression, the pending-time limit, the job name).

``False`` counts as equal to an absent boolean (the API's default). What cannot be compared is
listed in the report's ``not_compared``: settings with no wire member this module knows (they
are named, so a new SDK setting shows up there rather than being passed over), pipeline
variables, and the ranges (the request's own rules check those).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from hpt_request import model
from hpt_request.aws.capture import CaptureError, captured_request
from hpt_request.aws.coreshapes import CoreShapeError, core_to_wire
from hpt_request.check import from_wire, validate
from hpt_request.model.errors import Problem, RequestValidationError
from hpt_request.text.display import summary_html

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

# ModelTrainer attribute -> where its value goes: (wire path, the structure there, the
# structure whose members a config object's extra members are looked up in).
TRAINER_STRUCTURES: Mapping[str, tuple[str, type[Any], type[Any] | None]] = {
    "compute": (
        f"{DEFINITION}.ResourceConfig",
        model.ResourceConfig,
        model.HyperParameterTrainingJobDefinition,
    ),
    "networking": (
        f"{DEFINITION}.VpcConfig",
        model.VpcConfig,
        model.HyperParameterTrainingJobDefinition,
    ),
    "stopping_condition": (f"{DEFINITION}.StoppingCondition", model.StoppingCondition, None),
    "output_data_config": (f"{DEFINITION}.OutputDataConfig", model.OutputDataConfig, None),
    "checkpoint_config": (f"{DEFINITION}.CheckpointConfig", model.CheckpointConfig, None),
}
TRAINER_VALUES: Mapping[str, str] = {
    "training_image": f"{ALGORITHM}.TrainingImage",
    "algorithm_name": f"{ALGORITHM}.AlgorithmName",
    "training_input_mode": f"{ALGORITHM}.TrainingInputMode",
    "role": f"{DEFINITION}.RoleArn",
}
TRAINER_MAPS: Mapping[str, str] = {
    "environment": f"{DEFINITION}.Environment",
    "hyperparameters": f"{DEFINITION}.StaticHyperParameters",
}
TRAINER_IGNORED = frozenset({"sagemaker_session"})
"""ModelTrainer attributes that are no setting of the request (how the SDK talks to AWS)."""
TRAINER_ELSEWHERE: Mapping[str, str] = {
    "base_job_name": "names the training jobs the ModelTrainer starts itself; a tuning job "
    "names its training jobs after its own name",
}
"""ModelTrainer attributes that mean nothing in a tuning request, and why (listed as not
compared, with that reason)."""

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


@attrs.frozen
class TunerReport:
    """What :func:`check_tuner` found. ``request`` is the wire request the SDK would send;
    ``problems`` are the request's own (:func:`~hpt_request.validate`) then the settings it
    lost (``tuner-setting-lost``, ``tuner-option-lost``); ``not_compared`` names each setting
    that could not be compared, and why."""

    request: dict[str, Any]
    problems: list[Problem]
    not_compared: list[str]

    @property
    def lost(self) -> list[Problem]:
        """The settings the request lost or changed."""
        return [p for p in self.problems if p.code in (LOST, OPTION_LOST)]

    @property
    def blocking(self) -> bool:
        return any(problem.blocking for problem in self.problems)

    def __str__(self) -> str:
        lines = [_verdict(self.problems)]
        lines += [f"  {problem}" for problem in self.problems]
        if self.not_compared:
            lines.append("Not compared:")
            lines += [f"  {item}" for item in self.not_compared]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The report in a notebook: the verdict, then the request's summary with each problem
        next to what it concerns (or, for a request that does not read, the problems by wire
        path), then what was not compared."""
        verdict = html.escape(_verdict(self.problems))
        skipped = "".join(f"<li>{html.escape(item)}</li>" for item in self.not_compared)
        skipped_html = f"<p>Not compared:</p><ul>{skipped}</ul>" if skipped else ""
        try:
            request = from_wire(self.request, rules=False)
        except RequestValidationError:
            body = self._problem_table()
        else:
            body = summary_html(request, self.problems)
        return f'<div class="hpt-tuner-report"><p><b>{verdict}</b></p>{body}{skipped_html}</div>'

    def _problem_table(self) -> str:
        rows = "".join(
            f"<tr><td><code>{html.escape(p.path or '<request>')}</code></td>"
            f"<td>{html.escape(p.effective_severity)}</td><td><code>{html.escape(p.code)}</code>"
            f"</td><td>{html.escape(p.message)}</td></tr>"
            for p in self.problems
        )
        if not rows:
            return ""
        return (
            "<table><thead><tr><th>member</th><th>severity</th><th>code</th><th>problem</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )


def _verdict(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.effective_severity == "error")
    warnings = len(problems) - errors
    if not problems:
        return "The request the SDK builds is valid and carries every setting compared."
    return (
        f"The request the SDK builds: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )


# -- what the user asked for -------------------------------------------------------------------


def _pipeline_variable(value: object) -> bool:
    return any(cls.__name__ == "PipelineVariable" for cls in type(value).__mro__)


def _unset(value: object) -> bool:
    return value is None or type(value).__name__ == "Unassigned"


def _wire_names(cls: type[Any]) -> dict[str, str]:
    return {field.name: field.metadata["wire"] for field in attrs.fields(cls)}


def _fields_set(obj: Any) -> list[str]:
    """The members of a pydantic object the user gave (in declaration order)."""
    given = getattr(obj, "model_fields_set", None)
    fields = list(getattr(type(obj), "model_fields", {}))
    if given is None:
        return [name for name in fields if not _unset(getattr(obj, name, None))]
    return [name for name in fields if name in given and not _unset(getattr(obj, name))]


def _structure_expectations(
    name: str, obj: Any, path: str, cls: type[Any], parent: type[Any] | None, skipped: list[str]
) -> Iterator[Expected]:
    """A config object's members, each at the wire member of the same name of ``cls`` (or of
    the ``parent`` structure, one level up)."""
    own = _wire_names(cls)
    up = _wire_names(parent) if parent is not None else {}
    parent_path = path.rsplit(".", 1)[0]
    for member in _fields_set(obj):
        value = getattr(obj, member)
        setting = f"{name}.{member}"
        if member in own:
            yield from _expected(setting, f"{path}.{own[member]}", value, skipped)
        elif member in up:
            yield from _expected(setting, f"{parent_path}.{up[member]}", value, skipped)
        else:
            skipped.append(f"{setting}: no member of {cls.__name__} has this name")


def _expected(setting: str, path: str, value: Any, skipped: list[str]) -> Iterator[Expected]:
    if _pipeline_variable(value):
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
    yield Expected(setting, path, wire)


def _holds_placeholder(data: Any) -> bool:
    from hpt_request.text.pipelines import is_placeholder

    if is_placeholder(data):
        return True
    if isinstance(data, Mapping):
        return any(_holds_placeholder(item) for item in data.values())
    if isinstance(data, list):
        return any(_holds_placeholder(item) for item in data)
    return False


def _text(value: Any) -> list[str]:
    """The texts a hyperparameter value may be sent as (the value itself, or as JSON)."""
    if isinstance(value, str):
        return [value]
    return [json.dumps(value), str(value)]


def _trainer_expectations(
    trainer: Any, tuned: set[str], skipped: list[str]
) -> tuple[list[Expected], dict[str, list[str]]]:
    """The ModelTrainer's settings, and its hyperparameters (name -> the texts they may be
    sent as; tuned ones left out)."""
    expected: list[Expected] = []
    hyperparameters: dict[str, list[str]] = {}
    for name in _fields_set(trainer):
        value = getattr(trainer, name)
        setting = f"model_trainer.{name}"
        if name in TRAINER_IGNORED:
            continue
        if name in TRAINER_ELSEWHERE:
            skipped.append(f"{setting}: {TRAINER_ELSEWHERE[name]}")
            continue
        if name in TRAINER_STRUCTURES:
            path, cls, parent = TRAINER_STRUCTURES[name]
            expected += _structure_expectations(setting, value, path, cls, parent, skipped)
        elif name in TRAINER_VALUES:
            expected += _expected(setting, TRAINER_VALUES[name], value, skipped)
        elif name == "hyperparameters" and isinstance(value, Mapping):
            for key, item in value.items():
                if key in tuned:
                    continue
                if _pipeline_variable(item):
                    skipped.append(f"{setting}[{key!r}]: a pipeline variable")
                else:
                    hyperparameters[str(key)] = _text(item)
        elif name in TRAINER_MAPS and isinstance(value, Mapping):
            for key, item in value.items():
                path = f'{TRAINER_MAPS[name]}["{key}"]'
                expected += _expected(f"{setting}[{key!r}]", path, item, skipped)
        else:
            skipped.append(f"{setting}: check_tuner() knows no wire member for it")
    return expected, hyperparameters


def _tuner_expectations(tuner: Any, skipped: list[str]) -> list[Expected]:
    expected: list[Expected] = []
    for name, path in TUNER_VALUES.items():
        value = getattr(tuner, name, None)
        if not _unset(value):
            expected += _expected(f"tuner.{name}", path, value, skipped)
    if getattr(tuner, "autotune", False):
        expected.append(Expected("tuner.autotune", "Autotune.Mode", "Enabled"))
    for index, tag in enumerate(getattr(tuner, "tags", None) or []):
        if isinstance(tag, Mapping) and "Key" in tag:
            expected += _expected(
                f"tuner.tags[{index}]", f'Tags[Key="{tag["Key"]}"].Value', tag.get("Value"), skipped
            )
    for index, metric in enumerate(getattr(tuner, "metric_definitions", None) or []):
        if isinstance(metric, Mapping) and "Name" in metric:
            path = f'{ALGORITHM}.MetricDefinitions[Name="{metric["Name"]}"].Regex'
            expected += _expected(
                f"tuner.metric_definitions[{index}]", path, metric.get("Regex"), skipped
            )
    skipped.append(
        "tuner.hyperparameter_ranges: not compared; the request's ranges are checked by its "
        "own rules (the problems above)"
    )
    return expected


def _input_expectations(inputs: Any, skipped: list[str]) -> list[Expected]:
    """``tune(inputs=...)``: each named channel, with its S3 URI or its whole Channel."""
    channels = f"{DEFINITION}.InputDataConfig"
    uri = "DataSource.S3DataSource.S3Uri"
    if inputs is None:
        return []
    if isinstance(inputs, str):
        return [Expected("tune(inputs=...)", f"{channels}[*].{uri}", inputs)]
    expected: list[Expected] = []
    if isinstance(inputs, Mapping):
        for name, value in inputs.items():
            path = f'{channels}[ChannelName="{name}"].{uri}'
            expected += _expected(f"tune(inputs)[{name!r}]", path, value, skipped)
        return expected
    for index, item in enumerate(inputs if isinstance(inputs, list) else [inputs]):
        setting = f"tune(inputs)[{index}]"
        name = getattr(item, "channel_name", None)
        if not isinstance(name, str):
            skipped.append(f"{setting}: a {type(item).__name__} without a channel name")
        elif type(item).__name__ == "Channel":
            expected += _expected(setting, f'{channels}[ChannelName="{name}"]', item, skipped)
        else:
            source = getattr(item, "data_source", None)
            path = f'{channels}[ChannelName="{name}"]'
            if isinstance(source, str):
                expected += _expected(setting, f"{path}.{uri}", source, skipped)
            else:
                expected.append(Expected(setting, f"{path}.ChannelName", name))
                skipped.append(f"{setting}.data_source: a {type(source).__name__}")
            content_type = getattr(item, "content_type", None)
            if isinstance(content_type, str):
                expected += _expected(
                    f"{setting}.content_type", f"{path}.ContentType", content_type, skipped
                )
    return expected


# -- comparing with the request ------------------------------------------------------------------

_MISSING = object()


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


def _lookup(data: Any, steps: Sequence[str]) -> Any:
    """The value at ``steps`` in the request (``_MISSING`` if there is none; for ``[*]``, the
    list of the values found in each item)."""
    if not steps:
        return data
    step, rest = steps[0], steps[1:]
    if step == "[*]":
        if not isinstance(data, list):
            return _MISSING
        return [found for item in data if (found := _lookup(item, rest)) is not _MISSING]
    if step.startswith('["'):
        key = step[2:-2]
        if isinstance(data, Mapping) and key in data:
            return _lookup(data[key], rest)
        return _MISSING
    if step.startswith("["):
        member, _, wanted = step[1:-1].partition("=")
        wanted = json.loads(wanted)
        if isinstance(data, list):
            for item in data:
                if isinstance(item, Mapping) and item.get(member) == wanted:
                    return _lookup(item, rest)
        return _MISSING
    if isinstance(data, Mapping) and step in data:
        return _lookup(data[step], rest)
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
    for prefix, who in (("model_trainer.", "the ModelTrainer sets"), ("tuner.", "the tuner sets")):
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
            found = _lookup(request, _steps(leaf.path))
            if "[*]" in leaf.path:
                ok = isinstance(found, list) and leaf.value in found
            elif found is _MISSING:
                ok = leaf.value is False
            else:
                ok = _same(leaf.value, found)
            if not ok:
                problems.append(_lost(leaf, found))
    return problems


def _hyperparameter_problems(
    wanted: Mapping[str, list[str]], request: Mapping[str, Any]
) -> list[Problem]:
    static = _lookup(request, [DEFINITION, "StaticHyperParameters"])
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


# -- the tuner -----------------------------------------------------------------------------------


def _v3_trainer(tuner: Any) -> Any:
    trainer = getattr(tuner, "model_trainer", None)
    if trainer is not None:
        return trainer
    if getattr(tuner, "model_trainer_dict", None):
        raise TunerError(
            "check_tuner() takes a tuner with one ModelTrainer; this one was made by "
            "HyperparameterTuner.create(model_trainer_dict=...), whose tune() fails in SDK 3.27 "
            "(AttributeError): build a multi-algorithm request with hpt_request's builder "
            "and send it with sagemaker-core (docs/integrations.md)"
        )
    raise TunerError("this HyperparameterTuner has no ModelTrainer (model_trainer is None)")


def _kind(tuner: object) -> str:
    cls = type(tuner)
    if cls.__name__ == "HyperparameterTuner" and cls.__module__.startswith("sagemaker.train"):
        return "v3"
    if cls.__name__ == "HyperparameterTuner" and cls.__module__.startswith("sagemaker"):
        raise TunerError(
            f"check_tuner() takes a HyperparameterTuner of the SageMaker Python SDK v3 "
            f"(sagemaker.train.tuner); this one is from {cls.__module__} (SDK v2), which it "
            "does not support yet: check what it sends with guard(sess) instead"
        )
    raise TunerError(
        "check_tuner() takes a HyperparameterTuner of the SageMaker Python SDK v3 "
        f"(sagemaker.train.tuner.HyperparameterTuner), not {cls.__module__}.{cls.__name__}"
    )


def _run(tune: Callable[..., Any], arguments: Mapping[str, Any]) -> dict[str, Any]:
    def call() -> None:
        tune(**{**arguments, "wait": False})

    try:
        return captured_request(call)
    except CaptureError as exc:
        raise TunerError(str(exc)) from exc
    except Exception as exc:
        raise TunerError(
            f"the SDK's tune() raised {type(exc).__name__} before building the request: {exc}"
        ) from exc


def _tuned_names(request: Mapping[str, Any]) -> set[str]:
    """The hyperparameters the request tunes (a trainer's static value for them is replaced by
    the range, as it should be)."""
    ranges = _lookup(request, [CONFIG, "ParameterRanges"])
    if not isinstance(ranges, Mapping):
        return set()
    return {
        item["Name"]
        for kind in ranges.values()
        if isinstance(kind, list)
        for item in kind
        if isinstance(item, Mapping) and isinstance(item.get("Name"), str)
    }


def check_tuner(tuner: Any, **tune_arguments: Any) -> TunerReport:
    """Build the request ``tuner.tune(**tune_arguments)`` would send, without sending anything,
    validate it, and report each setting of the tuner, its ``ModelTrainer`` and
    ``tune_arguments`` that the request leaves out or changes (see the module docstring).

    ``tuner`` is a ``sagemaker.train.tuner.HyperparameterTuner`` (SDK v3) with a
    ``ModelTrainer``; ``tune_arguments`` are what the program gives ``tune()`` (``inputs``,
    ``job_name``; ``wait`` is always ``False`` here). Raises :class:`TunerError` for anything
    else (an unknown object, an SDK v2 tuner, a tuner without a ModelTrainer, a pipeline
    session), or when ``tune()`` fails or makes an AWS call other than the tuning request
    first (a ModelTrainer with ``source_code`` looks S3 up to upload it)."""
    _kind(tuner)
    trainer = _v3_trainer(tuner)
    session = getattr(trainer, "sagemaker_session", None)
    if any(cls.__name__ == "PipelineSession" for cls in type(session).__mro__):
        raise TunerError(
            "the ModelTrainer's session is a PipelineSession: tune() then gives a pipeline "
            "step's arguments, not a request; check the pipeline's definition with "
            "validate_document(json.loads(pipeline.definition()))"
        )
    request = _run(tuner.tune, tune_arguments)

    skipped: list[str] = []
    tuned = _tuned_names(request)
    expected, hyperparameters = _trainer_expectations(trainer, tuned, skipped)
    expected += _tuner_expectations(tuner, skipped)
    expected += _input_expectations(tune_arguments.get("inputs"), skipped)
    if isinstance(tune_arguments.get("job_name"), str):
        expected.append(
            Expected(
                "tune(job_name=...)", "HyperParameterTuningJobName", tune_arguments["job_name"]
            )
        )
    for name in sorted(set(tune_arguments) - {"inputs", "job_name", "wait"}):
        skipped.append(f"tune({name}=...): check_tuner() knows no wire member for it")

    problems = validate(request, rules=True)
    problems += compare(expected, request)
    problems += _hyperparameter_problems(hyperparameters, request)
    return TunerReport(request, problems, skipped)
