"""The settings of a SageMaker Python SDK v2 tuner and its ``Estimator``, as wire members, for
:func:`~hpt_request.check_tuner`.

v2's ``Estimator`` is a plain class: a setting counts as given when the estimator's attribute of
the constructor argument's name differs from that argument's default (``enable_network_isolation``
and ``hyperparameters`` are read through the estimator's public methods of those names). Each
constructor argument this module has no wire member for, and that differs from its default, is
named under ``not_compared``; so are the tuner's v2 config objects (``warm_start_config``,
``strategy_config``, ``completion_criteria_config``), which are no wire data.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from hpt_request.aws.intent import (
    ALGORITHM,
    DEFINITION,
    TUNER_VALUES,
    Expected,
    TunerError,
    expect,
    hyperparameter_texts,
    pipeline_variable,
    unset,
)

ESTIMATOR_VALUES: Mapping[str, str] = {
    "image_uri": f"{ALGORITHM}.TrainingImage",
    "role": f"{DEFINITION}.RoleArn",
    "instance_count": f"{DEFINITION}.ResourceConfig.InstanceCount",
    "instance_type": f"{DEFINITION}.ResourceConfig.InstanceType",
    "keep_alive_period_in_seconds": f"{DEFINITION}.ResourceConfig.KeepAlivePeriodInSeconds",
    "volume_size": f"{DEFINITION}.ResourceConfig.VolumeSizeInGB",
    "volume_kms_key": f"{DEFINITION}.ResourceConfig.VolumeKmsKeyId",
    "max_run": f"{DEFINITION}.StoppingCondition.MaxRuntimeInSeconds",
    "max_wait": f"{DEFINITION}.StoppingCondition.MaxWaitTimeInSeconds",
    "input_mode": f"{ALGORITHM}.TrainingInputMode",
    "output_path": f"{DEFINITION}.OutputDataConfig.S3OutputPath",
    "output_kms_key": f"{DEFINITION}.OutputDataConfig.KmsKeyId",
    "subnets": f"{DEFINITION}.VpcConfig.Subnets",
    "security_group_ids": f"{DEFINITION}.VpcConfig.SecurityGroupIds",
    "encrypt_inter_container_traffic": f"{DEFINITION}.EnableInterContainerTrafficEncryption",
    "enable_network_isolation": f"{DEFINITION}.EnableNetworkIsolation",
    "use_spot_instances": f"{DEFINITION}.EnableManagedSpotTraining",
    "checkpoint_s3_uri": f"{DEFINITION}.CheckpointConfig.S3Uri",
    "checkpoint_local_path": f"{DEFINITION}.CheckpointConfig.LocalPath",
    "max_retry_attempts": f"{DEFINITION}.RetryStrategy.MaximumRetryAttempts",
}
"""Estimator constructor argument -> the wire member its value goes to."""

ESTIMATOR_IGNORED = frozenset({"self", "kwargs", "sagemaker_session"})
ESTIMATOR_ELSEWHERE: Mapping[str, str] = {
    "base_job_name": "names the training jobs the Estimator starts itself; a tuning job names "
    "its training jobs after its own name",
}
TUNER_OBJECTS = ("warm_start_config", "strategy_config", "completion_criteria_config")


def estimator(tuner: Any) -> Any:
    """The tuner's one Estimator, or :class:`TunerError`."""
    found = getattr(tuner, "estimator", None)
    if found is not None:
        return found
    if getattr(tuner, "estimator_dict", None):
        raise TunerError(
            "check_tuner() takes a v2 tuner with one Estimator; this one was made by "
            "HyperparameterTuner.create(estimator_dict=...), which it does not compare yet: "
            "check what it sends with guard(sess)"
        )
    raise TunerError("this HyperparameterTuner has no Estimator (estimator is None)")


def _given(obj: Any) -> list[tuple[str, Any]]:
    """(argument, value) for each constructor argument whose attribute differs from its
    default (read through the method of that name where the SDK has one)."""
    found = []
    for name, parameter in inspect.signature(type(obj).__init__).parameters.items():
        if name in ESTIMATOR_IGNORED or parameter.kind is parameter.VAR_KEYWORD:
            continue
        if not hasattr(obj, name):
            continue
        value = getattr(obj, name)
        if callable(value):
            if name not in ("enable_network_isolation", "hyperparameters"):
                continue  # a method of the same name, not the setting
            value = value()
        default = parameter.default
        if unset(value) or (default is not parameter.empty and value == default):
            continue
        if isinstance(value, list | dict) and not value:
            continue  # the SDK's empty stand-in for an argument not given
        found.append((name, value))
    return found


def _inputs(inputs: Any, skipped: list[str]) -> list[Expected]:
    """``fit(inputs=...)``: an S3 URI, or a map of channel names to URIs or ``TrainingInput``s
    (compared through their public ``config``, the channel as the SDK sends it)."""
    channels = f"{DEFINITION}.InputDataConfig"
    uri = "DataSource.S3DataSource.S3Uri"
    if inputs is None:
        return []
    if isinstance(inputs, str):
        return [Expected("fit(inputs=...)", f"{channels}[*].{uri}", inputs)]
    if not isinstance(inputs, Mapping):
        skipped.append(f"fit(inputs=...): a {type(inputs).__name__}")
        return []
    expected: list[Expected] = []
    for name, value in inputs.items():
        setting = f"fit(inputs)[{name!r}]"
        path = f'{channels}[ChannelName="{name}"]'
        config = getattr(value, "config", None)
        if isinstance(value, str):
            expected += expect(setting, f"{path}.{uri}", value, skipped)
        elif isinstance(config, Mapping):
            expected += expect(setting, path, dict(config), skipped)
        else:
            skipped.append(f"{setting}: a {type(value).__name__}")
    return expected


def expectations(
    tuner: Any, arguments: Mapping[str, Any], skipped: list[str]
) -> tuple[list[Expected], dict[str, list[str]]]:
    """The v2 tuner's, its Estimator's and ``fit()``'s settings, and the Estimator's
    hyperparameters (name -> the texts they may be sent as)."""
    found: list[Expected] = []
    hyperparameters: dict[str, list[str]] = {}
    for name, value in _given(estimator(tuner)):
        setting = f"estimator.{name}"
        if name in ESTIMATOR_VALUES:
            found += expect(setting, ESTIMATOR_VALUES[name], value, skipped)
        elif name == "hyperparameters" and isinstance(value, Mapping):
            for key, item in value.items():
                if pipeline_variable(item):
                    skipped.append(f"{setting}[{key!r}]: a pipeline variable")
                else:
                    hyperparameters[str(key)] = hyperparameter_texts(item)
        elif name == "environment" and isinstance(value, Mapping):
            for key, item in value.items():
                path = f'{DEFINITION}.Environment["{key}"]'
                found += expect(f"{setting}[{key!r}]", path, item, skipped)
        elif name == "metric_definitions" and isinstance(value, list):
            found += _metrics(setting, value, skipped)
        elif name in ESTIMATOR_ELSEWHERE:
            skipped.append(f"{setting}: {ESTIMATOR_ELSEWHERE[name]}")
        else:
            skipped.append(f"{setting}: check_tuner() knows no wire member for it")
    for name, path in TUNER_VALUES.items():
        value = getattr(tuner, name, None)
        if unset(value):
            continue
        if name in TUNER_OBJECTS:
            skipped.append(f"tuner.{name}: an SDK v2 {type(value).__name__}, not wire data")
        else:
            found += expect(f"tuner.{name}", path, value, skipped)
    found += _metrics(
        "tuner.metric_definitions", getattr(tuner, "metric_definitions", None) or [], skipped
    )
    for index, tag in enumerate(getattr(tuner, "tags", None) or []):
        if isinstance(tag, Mapping) and "Key" in tag:
            path = f'Tags[Key="{tag["Key"]}"].Value'
            found += expect(f"tuner.tags[{index}]", path, tag.get("Value"), skipped)
    found += _inputs(arguments.get("inputs"), skipped)
    if isinstance(arguments.get("job_name"), str):
        found.append(
            Expected("fit(job_name=...)", "HyperParameterTuningJobName", arguments["job_name"])
        )
    for name in sorted(set(arguments) - {"inputs", "job_name", "wait"}):
        skipped.append(f"fit({name}=...): check_tuner() knows no wire member for it")
    skipped.append(
        "tuner.hyperparameter_ranges: not compared; the request's ranges are checked by its "
        "own rules (the problems above)"
    )
    return found, hyperparameters


def _metrics(setting: str, metrics: list[Any], skipped: list[str]) -> list[Expected]:
    found: list[Expected] = []
    for index, metric in enumerate(metrics):
        if isinstance(metric, Mapping) and "Name" in metric:
            path = f'{ALGORITHM}.MetricDefinitions[Name="{metric["Name"]}"].Regex'
            found += expect(f"{setting}[{index}]", path, metric.get("Regex"), skipped)
    return found
