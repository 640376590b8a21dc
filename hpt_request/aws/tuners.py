"""``check_tuner``: what the user asked a SageMaker Python SDK tuner for, against the request the
SDK builds.

For SDK v3 (this module's settings tables) and SDK v2 (:mod:`~hpt_request.aws.tuners_v2`, its
``Estimator`` and ``fit()``), :func:`check_tuner` runs ``tuner.tune(**tune_arguments)`` with
nothing sent
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
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from hpt_request import model
from hpt_request.aws.capture import CaptureError, captured_request
from hpt_request.aws.intent import (
    ALGORITHM,
    DEFINITION,
    LOST,
    OPTION_LOST,
    TUNER_VALUES,
    Expected,
    TunerError,
    compare,
    expect,
    fields_set,
    hyperparameter_problems,
    hyperparameter_texts,
    pipeline_variable,
    structure_expectations,
    tuned_names,
    unset,
)
from hpt_request.check import from_wire, validate
from hpt_request.model.errors import Problem, RequestValidationError
from hpt_request.text.display import summary_html

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


def _trainer_expectations(
    trainer: Any, skipped: list[str]
) -> tuple[list[Expected], dict[str, list[str]]]:
    """The ModelTrainer's settings, and its hyperparameters (name -> the texts they may be
    sent as)."""
    expected: list[Expected] = []
    hyperparameters: dict[str, list[str]] = {}
    for name in fields_set(trainer):
        value = getattr(trainer, name)
        setting = f"model_trainer.{name}"
        if name in TRAINER_IGNORED:
            continue
        if name in TRAINER_ELSEWHERE:
            skipped.append(f"{setting}: {TRAINER_ELSEWHERE[name]}")
            continue
        if name in TRAINER_STRUCTURES:
            path, cls, parent = TRAINER_STRUCTURES[name]
            expected += structure_expectations(setting, value, path, cls, parent, skipped)
        elif name in TRAINER_VALUES:
            expected += expect(setting, TRAINER_VALUES[name], value, skipped)
        elif name == "hyperparameters" and isinstance(value, Mapping):
            for key, item in value.items():
                if pipeline_variable(item):
                    skipped.append(f"{setting}[{key!r}]: a pipeline variable")
                else:
                    hyperparameters[str(key)] = hyperparameter_texts(item)
        elif name in TRAINER_MAPS and isinstance(value, Mapping):
            for key, item in value.items():
                path = f'{TRAINER_MAPS[name]}["{key}"]'
                expected += expect(f"{setting}[{key!r}]", path, item, skipped)
        else:
            skipped.append(f"{setting}: check_tuner() knows no wire member for it")
    return expected, hyperparameters


def _tuner_expectations(tuner: Any, skipped: list[str]) -> list[Expected]:
    expected: list[Expected] = []
    for name, path in TUNER_VALUES.items():
        value = getattr(tuner, name, None)
        if not unset(value):
            expected += expect(f"tuner.{name}", path, value, skipped)
    if getattr(tuner, "autotune", False):
        expected.append(Expected("tuner.autotune", "Autotune.Mode", "Enabled"))
    for index, tag in enumerate(getattr(tuner, "tags", None) or []):
        if isinstance(tag, Mapping) and "Key" in tag:
            expected += expect(
                f"tuner.tags[{index}]", f'Tags[Key="{tag["Key"]}"].Value', tag.get("Value"), skipped
            )
    for index, metric in enumerate(getattr(tuner, "metric_definitions", None) or []):
        if isinstance(metric, Mapping) and "Name" in metric:
            path = f'{ALGORITHM}.MetricDefinitions[Name="{metric["Name"]}"].Regex'
            expected += expect(
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
            expected += expect(f"tune(inputs)[{name!r}]", path, value, skipped)
        return expected
    for index, item in enumerate(inputs if isinstance(inputs, list) else [inputs]):
        setting = f"tune(inputs)[{index}]"
        name = getattr(item, "channel_name", None)
        if not isinstance(name, str):
            skipped.append(f"{setting}: a {type(item).__name__} without a channel name")
        elif type(item).__name__ == "Channel":
            expected += expect(setting, f'{channels}[ChannelName="{name}"]', item, skipped)
        else:
            source = getattr(item, "data_source", None)
            path = f'{channels}[ChannelName="{name}"]'
            if isinstance(source, str):
                expected += expect(setting, f"{path}.{uri}", source, skipped)
            else:
                expected.append(Expected(setting, f"{path}.ChannelName", name))
                skipped.append(f"{setting}.data_source: a {type(source).__name__}")
            content_type = getattr(item, "content_type", None)
            if isinstance(content_type, str):
                expected += expect(
                    f"{setting}.content_type", f"{path}.ContentType", content_type, skipped
                )
    return expected


# -- comparing with the request ------------------------------------------------------------------

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
    if cls.__name__ == "HyperparameterTuner" and cls.__module__ == "sagemaker.tuner":
        return "v2"
    raise TunerError(
        "check_tuner() takes a HyperparameterTuner of the SageMaker Python SDK v3 "
        "(sagemaker.train.tuner) or v2 (sagemaker.tuner), not "
        f"{cls.__module__}.{cls.__name__}"
    )


def _refuse_pipeline_session(session: Any, owner: str) -> None:
    if any(cls.__name__ == "PipelineSession" for cls in type(session).__mro__):
        raise TunerError(
            f"the {owner}'s session is a PipelineSession: the tuner then gives a pipeline "
            "step's arguments, not a request; check the pipeline's definition with "
            "validate_document(json.loads(pipeline.definition()))"
        )


def _run(call: Callable[..., Any], arguments: Mapping[str, Any], name: str) -> dict[str, Any]:
    def run() -> None:
        call(**{**arguments, "wait": False})

    try:
        return captured_request(run)
    except CaptureError as exc:
        raise TunerError(str(exc)) from exc
    except Exception as exc:
        raise TunerError(
            f"the SDK's {name} raised {type(exc).__name__} before building the request: {exc}"
        ) from exc


def _v3_expectations(
    tuner: Any, arguments: Mapping[str, Any], skipped: list[str]
) -> tuple[list[Expected], dict[str, list[str]]]:
    trainer = _v3_trainer(tuner)
    _refuse_pipeline_session(getattr(trainer, "sagemaker_session", None), "ModelTrainer")
    expected, hyperparameters = _trainer_expectations(trainer, skipped)
    expected += _tuner_expectations(tuner, skipped)
    expected += _input_expectations(arguments.get("inputs"), skipped)
    if isinstance(arguments.get("job_name"), str):
        expected.append(
            Expected("tune(job_name=...)", "HyperParameterTuningJobName", arguments["job_name"])
        )
    for name in sorted(set(arguments) - {"inputs", "job_name", "wait"}):
        skipped.append(f"tune({name}=...): check_tuner() knows no wire member for it")
    return expected, hyperparameters


def check_tuner(tuner: Any, **tune_arguments: Any) -> TunerReport:
    """Build the request ``tuner.tune(**tune_arguments)`` (SDK v3) or
    ``tuner.fit(**tune_arguments)`` (SDK v2) would send, without sending anything, validate
    it, and report each setting of the tuner, its ``ModelTrainer`` (its ``Estimator``) and
    ``tune_arguments`` that the request leaves out or changes (see the module docstring).

    ``tuner`` is a ``sagemaker.train.tuner.HyperparameterTuner`` (SDK v3) with a
    ``ModelTrainer``, or a ``sagemaker.tuner.HyperparameterTuner`` (SDK v2) with an
    ``Estimator``; ``tune_arguments`` are what the program gives ``tune()``/``fit()``
    (``inputs``, ``job_name``; ``wait`` is always ``False`` here). The settings are read
    before the SDK runs: ``tune()``/``fit()`` is really called, and prepares its objects as it
    would for a real job (a job name, its static hyperparameters); only the sending is cut. Raises
    :class:`TunerError` for anything else (an unknown object, a tuner without a single
    trainer, a pipeline session), or when the SDK fails or makes an AWS call other than the
    tuning request first (a ModelTrainer with ``source_code`` looks S3 up to upload it)."""
    skipped: list[str] = []
    if _kind(tuner) == "v3":
        expected, hyperparameters = _v3_expectations(tuner, tune_arguments, skipped)
        request = _run(tuner.tune, tune_arguments, "tune()")
    else:
        from hpt_request.aws import tuners_v2

        estimator = tuners_v2.estimator(tuner)
        _refuse_pipeline_session(getattr(estimator, "sagemaker_session", None), "Estimator")
        expected, hyperparameters = tuners_v2.expectations(tuner, tune_arguments, skipped)
        request = _run(tuner.fit, tune_arguments, "fit()")
    tuned = tuned_names(request)
    hyperparameters = {k: v for k, v in hyperparameters.items() if k not in tuned}
    problems = validate(request, rules=True)
    problems += compare(expected, request)
    problems += hyperparameter_problems(hyperparameters, request)
    return TunerReport(request, problems, skipped)
