"""Rules for each training job definition: algorithm and metrics, stopping condition and spot
training, instances, input channels.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from hpt_request.model.base import UnknownInput
from hpt_request.rules import algorithms, instance_storage, javaregex
from hpt_request.rules._core import (
    Context,
    Definition,
    Finding,
    Location,
    channels,
    feature,
    names,
    quoted,
    rule,
)

# botocore's model, StoppingCondition.MaxRuntimeInSeconds: "The default value is 1 day. The
# maximum value is 28 days."
DEFAULT_TRAINING_RUNTIME = 24 * 3600
MAX_TRAINING_RUNTIME = 28 * 24 * 3600


@rule(
    "image-xor-algorithm",
    needs=("training-findings",),
    severity="error",
    source='SM:HyperParameterAlgorithmSpecification.AlgorithmName ("If you specify a value for '
    'this parameter, do not specify a value for TrainingImage.")',
    description="AlgorithmSpecification gives exactly one of TrainingImage and AlgorithmName.",
)
def _image_xor_algorithm(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        where = (*view.location, "AlgorithmSpecification")
        if spec.training_image is not None and spec.algorithm_name is not None:
            yield Finding(
                (*where, "AlgorithmName"),
                "TrainingImage and AlgorithmName are both given; give the image of "
                "your own algorithm or the name of an algorithm resource, not both",
            )
        elif spec.training_image is None and spec.algorithm_name is None:
            yield Finding(
                (*where, "TrainingImage"),
                "neither TrainingImage nor AlgorithmName is "
                "given; one of them names the algorithm to tune",
            )


def builtin_algorithm(spec: Any) -> bool:
    """Whether the definition's TrainingImage is a SageMaker built-in algorithm image."""
    image = spec.training_image
    return image is not None and algorithms.identify(image) is not None


def framework_mode(view: Definition) -> bool:
    """Whether the container runs the user's own script (the SDK's framework markers), so the
    user's code writes the metrics."""
    return algorithms.framework_mode(view.definition.static_hyper_parameters)


@feature("training-findings")
def _training_findings(ctx: Context) -> bool:
    """Whether one of the six rules on each definition that every request calls may have
    something to say, shown in one pass over each definition (each rule needs this feature;
    where the instances come in groups or configs, their rule decides). Each rule's test reads
    what the rule reads, in its order: where it meets an unreadable member, the rule would meet
    it too and be skipped, so that test says nothing."""
    for view in ctx.definitions:
        definition = view.definition
        spec = definition.algorithm_specification
        try:  # image-xor-algorithm
            if (spec.training_image is None) == (spec.algorithm_name is None):
                return True
        except UnknownInput:
            pass
        try:  # objective-metric-defined
            if (
                spec.training_image is not None
                and view.objective is not None
                and not builtin_algorithm(spec)
                and view.objective.metric_name
                not in [d.name for d in spec.metric_definitions or []]
            ):
                return True
        except UnknownInput:
            pass
        try:  # max-runtime-28-days
            runtime = definition.stopping_condition.max_runtime_in_seconds
            if runtime is not None and runtime > MAX_TRAINING_RUNTIME:
                return True
        except UnknownInput:
            pass
        plain = definition.resource_config
        tuning = definition.hyper_parameter_tuning_resource_config
        if (plain is None) == (tuning is None):  # resource-config-exactly-one
            return True
        try:  # instance-count-positive
            for config in (plain, tuning):
                if config is not None and (
                    getattr(config, "instance_groups", None) is not None
                    or getattr(config, "instance_configs", None)
                    or (
                        config.instance_type is not None
                        and config.instance_count is not None
                        and config.instance_count < 1
                    )
                ):
                    return True
        except UnknownInput:
            pass
        try:  # channel-names-unique
            names = [channel.channel_name for channel in definition.input_data_config or ()]
            if len(set(names)) != len(names):
                return True
        except UnknownInput:
            pass
    return False


@rule(
    "objective-metric-defined",
    needs=("training-findings",),
    severity="error",
    source='aws/amazon-sagemaker-examples#1207; aws/sagemaker-python-sdk#3932 ("A metric is '
    "required for this hyperparameter tuning job objective. Provide a metric in the metric "
    'definitions.")',
    description="With a TrainingImage that is not a built-in algorithm, the objective MetricName "
    "is the Name of one of the definition's MetricDefinitions.",
    rationale="Built-in algorithm images emit predefined metrics and refuse MetricDefinitions, so "
    "the rule is silent for them (builtin-objective-metric checks their metric names instead).",
)
def _objective_metric_defined(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        if spec.training_image is None or view.objective is None or builtin_algorithm(spec):
            continue
        defined = [d.name for d in spec.metric_definitions or []]
        metric = view.objective.metric_name
        if metric in defined:
            continue
        found = (
            f"the MetricDefinitions define {names(defined)}"
            if defined
            else "there are no MetricDefinitions"
        )
        yield Finding(
            (*view.objective_location, "MetricName"),
            f'objective metric "{metric}" is not defined: {found}. Add a MetricDefinition '
            f'named "{metric}" with the Regex that finds its value in the training logs',
        )


# The log line in which the first-party algorithms write their metrics, which the regexes of
# their own metric definitions read ("#quality_metric: host=algo-1, test msd <loss>=...").
OWN_LOG_FORMAT = "#quality_metric:"


def own_log_format(definitions: Any) -> bool:
    """Whether every metric definition reads the algorithms' own metric log line."""
    return bool(definitions) and all(
        isinstance(d.regex, str) and d.regex.lstrip("^").startswith(OWN_LOG_FORMAT)
        for d in definitions
    )


@rule(
    "builtin-no-metric-definitions",
    needs=("metric-definitions",),
    severity="error",
    source="ValidationException \"You can't override the metric definitions for Amazon SageMaker "
    'algorithms. Please retry the request without specifying metric definitions." quoted in '
    "awslabs/mlspace (tests and handler that retry CreateTrainingJob without them) and in public "
    "reports for HyperparameterTuner with built-in algorithm estimators; for the XGBoost image in "
    "script mode, aws/sagemaker-xgboost-container#121 (2020-2023: custom metric definitions for a "
    'script-mode XGBoost tuner refused, "still not working" in 2023, an AWS engineer saying in '
    "2022 that it is not resolved) and aws/sagemaker-python-sdk#2226 (the tuning service treats "
    "the script-mode image as the built-in); hashicorp/terraform-provider-aws "
    "(internal/service/sagemaker/hyper_parameter_tuning_job_test.go, "
    "TestAccSageMakerHyperParameterTuningJob_metricDefinitions: a k-means tuning job created with "
    "MetricDefinitions in the algorithm's own log format, #quality_metric: host=\\S+, test msd "
    "<loss>=(\\S+)); DG:automatic-model-tuning-define-metrics-variables (built-in algorithms send "
    "their metrics to tuning themselves)",
    description="No MetricDefinitions with a built-in algorithm image: an error for definitions "
    "that override the algorithm's metrics; a warning for definitions that all read the "
    "algorithm's own #quality_metric log line, and for an image running the user's own script "
    "in framework mode (the first-party XGBoost image in script mode included).",
    rationale="For a built-in algorithm run as an algorithm, the reports show the service "
    "refusing definitions of its own making: error. But the Terraform provider's acceptance test "
    "creates a k-means tuning job whose definitions read the algorithm's own log line "
    "(#quality_metric: ...), so definitions that are the algorithm's own are accepted, though "
    "they add nothing: warning. The first-party XGBoost image in script mode: the reports of 2020 "
    "to 2023 show the tuning service treating it as the built-in and refusing custom "
    "definitions, an AWS engineer confirming it unresolved in 2022; but another AWS engineer "
    "advised passing custom MetricDefinitions for XGBoost in 2020, and the SDK's own XGBoost "
    "tuners send the user's definitions: mixed, so a warning that names the reports.",
)
def _builtin_no_metric_definitions(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        if spec.metric_definitions is None or not builtin_algorithm(spec):
            continue
        algorithm = algorithms.identify(str(spec.training_image))
        title = algorithm.title if algorithm is not None else "a built-in algorithm"
        where = (*view.location, "AlgorithmSpecification", "MetricDefinitions")
        refused = (
            f"the TrainingImage is {title}, a SageMaker built-in algorithm, which emits its own "
            "metrics and refuses MetricDefinitions (\"You can't override the metric definitions "
            'for Amazon SageMaker algorithms")'
        )
        if framework_mode(view):
            yield Finding(
                where,
                refused + "; leave MetricDefinitions out: the image runs your script in "
                "framework mode, where reports differ"
                + (
                    " (the tuning service has been reported to treat the first-party XGBoost "
                    "image as the built-in algorithm even in script mode: use a metric the "
                    "algorithm emits, such as validation:auc, or an image of your own)"
                    if algorithm is not None and algorithm.key == "xgboost"
                    else ""
                ),
                severity="warning",
            )
        elif (
            algorithm is not None
            and not algorithm.key.startswith("xgboost")  # XGBoost writes its own log lines
            and own_log_format(spec.metric_definitions)
        ):
            yield Finding(
                where,
                f"the TrainingImage is {title}, a SageMaker built-in algorithm, which emits its "
                "own metrics: these MetricDefinitions read its own #quality_metric log line, "
                "which AWS accepts but which adds nothing, while a definition of another form is "
                "refused as an override; leave MetricDefinitions out",
                severity="warning",
            )
        else:
            yield Finding(where, refused + "; leave MetricDefinitions out")


@rule(
    "algorithm-no-metric-definitions",
    needs=("algorithm-name",),
    severity="warning",
    source="DG:automatic-model-tuning-define-metrics-variables; public notebooks quoting the "
    "service for AWS Marketplace algorithms (\"you can't override the metric definitions for AWS "
    'Marketplace algorithms. try the request without specifying metric definitions.")',
    description="With AlgorithmName, MetricDefinitions is not given (the algorithm resource "
    "defines its metrics): an error for an AWS Marketplace algorithm (an ARN in another account "
    "than the RoleArn's), a warning for an algorithm of the account's own.",
    rationale="The service's refusal is quoted for AWS Marketplace algorithms: error there. "
    "AlgorithmName also names your own algorithm resources, for which no report shows the "
    "service's answer: warning.",
)
def _algorithm_no_metric_definitions(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        spec = view.definition.algorithm_specification
        if spec.algorithm_name is not None and spec.metric_definitions is not None:
            theirs = _ARN_ACCOUNT.match(spec.algorithm_name)
            ours = _ARN_ACCOUNT.match(view.definition.role_arn)
            marketplace = bool(theirs and ours and theirs.group(1) != ours.group(1))
            yield Finding(
                (*view.location, "AlgorithmSpecification", "MetricDefinitions"),
                "MetricDefinitions with AlgorithmName: an algorithm resource defines its own "
                "metrics"
                + (
                    ", and AWS refuses overrides for AWS Marketplace algorithms (this one is in "
                    "another account than the role)"
                    if marketplace
                    else ", and AWS refuses overrides for Marketplace algorithms"
                )
                + "; leave MetricDefinitions out",
                severity="error" if marketplace else None,
            )


@rule(
    "metric-regex-compiles",
    needs=("metric-definitions",),
    severity="warning",
    source="SM:MetricDefinition.Regex",
    description="Each MetricDefinitions Regex compiles (Java regular expression flavour); one "
    "metric Name may have several regexes. The catalogue's id, metric-definition-names-unique, "
    "is still accepted wherever rule ids are.",
    rationale="A regex that does not compile finds no metric, and the tuning job fails hours "
    "later without an objective value. Whether AWS rejects it at creation is not documented, and "
    "Python's engine only approximates Java's: warning. (Two regexes for one metric Name are not "
    "reported: AWS's own training-compiler tuning notebook uses them on purpose.)",
)
def _metric_regex_compiles(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        where = (*view.location, "AlgorithmSpecification", "MetricDefinitions")
        for index, item in enumerate(
            view.definition.algorithm_specification.metric_definitions or []
        ):
            error = _regex_error(item.regex)
            if error is not None:
                yield Finding(
                    (*where, index, "Regex"),
                    f"Regex {quoted(item.regex)} does not compile: {error}",
                )


# A metric regex that captures any number SageMaker reads (the form of the built-in
# algorithms' own metric definitions).
NUMBER_REGEX = '"loss=([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"'

_CAPTURE_MESSAGES = {
    "no-group": "has no capture group: SageMaker reads the metric's value from the first group",
    "empty": "captures an empty text: its first group ends the regex and is lazy, so the "
    "shortest match, an empty one, is taken",
    "no-number": "cannot capture a number: its first group begins only with characters no "
    "number begins with, and SageMaker takes only a number as the metric's value",
}


@rule(
    "metric-regex-captures-value",
    needs=("metric-definitions",),
    severity="warning",
    source="SM:MetricDefinition.Regex; aws/sagemaker-python-sdk#3208 (a metric regex "
    "captures numbers only); aws/sagemaker-python-sdk#3932 (a lazy group at the end of the "
    "regex captures nothing)",
    description="Each MetricDefinitions Regex can capture a number in its first group: it has "
    "a group, the group is not lazy at the very end, and it can begin a number.",
    rationale="Read from the regex alone, no log needed, and only where certain. SageMaker "
    "accepts such a regex; the metric then never has a value and the tuning job fails for want "
    "of its objective: warning.",
)
def _metric_regex_captures_value(ctx: Context) -> Iterator[Finding]:
    from hpt_request.rules.captures import capture_problem

    for view in ctx.definitions:
        where = (*view.location, "AlgorithmSpecification", "MetricDefinitions")
        for index, item in enumerate(
            view.definition.algorithm_specification.metric_definitions or []
        ):
            verdict = capture_problem(item.regex)
            if verdict is not None:
                yield Finding(
                    (*where, index, "Regex"),
                    f"Regex {quoted(item.regex)} {_CAPTURE_MESSAGES[verdict]}; capture the "
                    f"number in a greedy group, as in {NUMBER_REGEX}",
                )


@functools.lru_cache(maxsize=1024)
def _regex_error(pattern: str) -> str | None:
    """Why ``pattern`` does not compile, or None (also for Java syntax Python's engine cannot
    judge: nothing is said about it). Remembered by pattern text: a request's regexes are
    usually the same from one definition to the next."""
    try:
        javaregex.compile_java(pattern)
    except javaregex.UnsupportedJavaRegex:
        return None
    except javaregex.JavaRegexError as exc:
        return str(exc)
    return None


_ARN_ACCOUNT = re.compile(r"arn:aws[a-z-]*:(?:sagemaker|iam):[^:]*:([0-9]{12}):")


@rule(
    "marketplace-network-isolation",
    needs=("algorithm-name",),
    severity="warning",
    source="DG:mkt-algo-model-internet-free",
    description="An AWS Marketplace algorithm (an AlgorithmName ARN in another account than the "
    "RoleArn's) runs with EnableNetworkIsolation true.",
    rationale="AlgorithmName also names your own algorithm resources, which run without network "
    "isolation (the Terraform provider's acceptance test creates one). Only an algorithm of "
    "another account, which can only come from a Marketplace subscription, is reported; a "
    "warning, since the service's answer is not quoted anywhere public.",
)
def _marketplace_network_isolation(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        name = definition.algorithm_specification.algorithm_name
        if name is None or definition.enable_network_isolation:
            continue
        theirs = _ARN_ACCOUNT.match(name)
        ours = _ARN_ACCOUNT.match(definition.role_arn)
        if theirs and ours and theirs.group(1) != ours.group(1):
            yield Finding(
                (*view.location, "EnableNetworkIsolation"),
                f"AlgorithmName is an algorithm of account {theirs.group(1)}, not yours: an AWS "
                "Marketplace algorithm, which runs only with EnableNetworkIsolation true",
            )


@rule(
    "max-wait-needs-spot",
    needs=("max-wait",),
    severity="error",
    source='aws/amazon-sagemaker-examples#869 ("Invalid MaxWaitTimeInSeconds. It is only '
    'supported when EnableManagedSpotTraining is set to true")',
    description="StoppingCondition.MaxWaitTimeInSeconds only with EnableManagedSpotTraining true.",
)
def _max_wait_needs_spot(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        if (
            definition.stopping_condition.max_wait_time_in_seconds is not None
            and not definition.enable_managed_spot_training
        ):
            yield Finding(
                (*view.location, "StoppingCondition", "MaxWaitTimeInSeconds"),
                "MaxWaitTimeInSeconds is only supported with EnableManagedSpotTraining "
                "true; set it or remove MaxWaitTimeInSeconds",
            )


@rule(
    "spot-needs-max-wait",
    needs=("spot",),
    severity="error",
    source="DG:model-managed-spot-training",
    description="EnableManagedSpotTraining true requires StoppingCondition.MaxWaitTimeInSeconds.",
)
def _spot_needs_max_wait(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        if (
            definition.enable_managed_spot_training
            and definition.stopping_condition.max_wait_time_in_seconds is None
        ):
            yield Finding(
                (*view.location, "StoppingCondition", "MaxWaitTimeInSeconds"),
                "EnableManagedSpotTraining is true but MaxWaitTimeInSeconds is missing; give "
                "the longest time to wait for spot capacity (at least MaxRuntimeInSeconds)",
            )


@rule(
    "max-wait-ge-max-runtime",
    needs=("max-wait",),
    severity="error",
    source='SM:StoppingCondition.MaxWaitTimeInSeconds ("It must be equal to or greater than '
    'MaxRuntimeInSeconds.")',
    description="MaxWaitTimeInSeconds is at least MaxRuntimeInSeconds.",
)
def _max_wait_ge_max_runtime(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        stopping = view.definition.stopping_condition
        wait = stopping.max_wait_time_in_seconds
        # MaxRuntimeInSeconds defaults to one day (SM:StoppingCondition.MaxRuntimeInSeconds).
        runtime = stopping.max_runtime_in_seconds or DEFAULT_TRAINING_RUNTIME
        if wait is not None and wait < runtime:
            yield Finding(
                (*view.location, "StoppingCondition", "MaxWaitTimeInSeconds"),
                f"MaxWaitTimeInSeconds {wait} is below MaxRuntimeInSeconds "
                f"{runtime}; it must be at least as long",
            )


@rule(
    "max-runtime-28-days",
    needs=("training-findings",),
    severity="warning",
    source='SM:StoppingCondition.MaxRuntimeInSeconds ("The maximum value is 28 days.")',
    description="StoppingCondition.MaxRuntimeInSeconds is at most 28 days.",
    rationale="The 28 days are the documented default; the Developer Guide's quota pages let an "
    "account ask for longer training jobs, which the check cannot see: warning.",
)
def _max_runtime_28_days(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        runtime = view.definition.stopping_condition.max_runtime_in_seconds
        if runtime is not None and runtime > MAX_TRAINING_RUNTIME:
            yield Finding(
                (*view.location, "StoppingCondition", "MaxRuntimeInSeconds"),
                f"MaxRuntimeInSeconds {runtime} is above 28 days "
                f"({MAX_TRAINING_RUNTIME} s), the longest a training job can run",
            )


@rule(
    "resource-config-exactly-one",
    needs=("training-findings",),
    severity="error",
    source="SM:HyperParameterTrainingJobDefinition",
    description="Each definition has exactly one of ResourceConfig "
    "and HyperParameterTuningResourceConfig.",
)
def _resource_config_exactly_one(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        plain, tuning = (
            definition.resource_config,
            definition.hyper_parameter_tuning_resource_config,
        )
        if plain is not None and tuning is not None:
            yield Finding(
                (*view.location, "HyperParameterTuningResourceConfig"),
                "ResourceConfig and HyperParameterTuningResourceConfig are both given; keep one",
            )
        elif plain is None and tuning is None:
            yield Finding(
                (*view.location, "ResourceConfig"),
                "neither ResourceConfig nor HyperParameterTuningResourceConfig "
                "is given; the training jobs need instances",
            )


@rule(
    "instance-configs-exclusive",
    needs=("tuning-resource-config",),
    severity="error",
    source='SM:HyperParameterTuningResourceConfig.InstanceConfigs ("If you use InstanceConfigs, '
    'do not provide values for InstanceType, VolumeSizeInGB or InstanceCount.")',
    description="HyperParameterTuningResourceConfig: InstanceConfigs "
    "excludes InstanceType, InstanceCount and VolumeSizeInGB; "
    "without it, InstanceType and InstanceCount are given.",
)
def _instance_configs_exclusive(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        config = view.definition.hyper_parameter_tuning_resource_config
        if config is None:
            continue
        where = (*view.location, "HyperParameterTuningResourceConfig")
        members = {
            "InstanceType": config.instance_type,
            "InstanceCount": config.instance_count,
            "VolumeSizeInGB": config.volume_size_in_gb,
        }
        if config.instance_configs is not None:
            for member, value in members.items():
                if value is not None:
                    yield Finding(
                        (*where, member),
                        f"{member} cannot be given with InstanceConfigs; "
                        "set it in each InstanceConfigs item",
                    )
        else:
            for member in ("InstanceType", "InstanceCount"):
                if members[member] is None:
                    yield Finding(
                        (*where, member),
                        f"{member} is missing; give InstanceType "
                        "and InstanceCount, or InstanceConfigs",
                    )


@rule(
    "instance-count-positive",
    needs=("training-findings",),
    severity="error",
    source="SM:ResourceConfig",
    description="InstanceCount is at least 1 where InstanceType is used; "
    "InstanceGroups excludes InstanceType and InstanceCount.",
)
def _instance_count_positive(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        for member, config in (
            ("ResourceConfig", definition.resource_config),
            (
                "HyperParameterTuningResourceConfig",
                definition.hyper_parameter_tuning_resource_config,
            ),
        ):
            if config is None:
                continue
            where = (*view.location, member)
            groups = getattr(config, "instance_groups", None)
            if groups is not None:
                for name, value in (
                    ("InstanceType", config.instance_type),
                    ("InstanceCount", config.instance_count),
                ):
                    if value is not None:
                        yield Finding(
                            (*where, name),
                            f"{name} cannot be given with InstanceGroups; each group has its own",
                        )
                for index, group in enumerate(groups):
                    if group.instance_count < 1:
                        yield Finding(
                            (*where, "InstanceGroups", index, "InstanceCount"),
                            f"InstanceCount {group.instance_count} of instance group "
                            f'"{group.instance_group_name}" must be at least 1',
                        )
            elif (
                config.instance_type is not None
                and config.instance_count is not None
                and config.instance_count < 1
            ):
                yield Finding(
                    (*where, "InstanceCount"),
                    f"InstanceCount {config.instance_count} must be "
                    f"at least 1 to run on {config.instance_type}",
                )
            for index, item in enumerate(getattr(config, "instance_configs", None) or []):
                if item.instance_count < 1:
                    yield Finding(
                        (*where, "InstanceConfigs", index, "InstanceCount"),
                        f"InstanceCount {item.instance_count} must be at least 1",
                    )


def resource_configs(view: Definition) -> list[tuple[Location, Any]]:
    """(location, config) of the definition's ResourceConfig and
    HyperParameterTuningResourceConfig, those it has."""
    definition = view.definition
    found: list[tuple[Location, Any]] = []
    for member, config in (
        ("ResourceConfig", definition.resource_config),
        ("HyperParameterTuningResourceConfig", definition.hyper_parameter_tuning_resource_config),
    ):
        if config is not None:
            found.append(((*view.location, member), config))
    return found


def instance_types(config: Any) -> list[str]:
    """The instance types a resource config names: its InstanceType, and those of its
    InstanceGroups (heterogeneous clusters) or InstanceConfigs (alternatives)."""
    found = [str(config.instance_type)] if config.instance_type is not None else []
    for item in getattr(config, "instance_groups", None) or []:
        found.append(str(item.instance_type))
    for item in getattr(config, "instance_configs", None) or []:
        found.append(str(item.instance_type))
    return found


@rule(
    "volume-kms-local-storage",
    severity="error",
    source='SM:ResourceConfig.VolumeKmsKeyId ("Local storage volumes are encrypted using a '
    "hardware module on the instance. You can't request a VolumeKmsKeyId when using an instance "
    'type with local storage."); SM:HyperParameterTuningResourceConfig.VolumeKmsKeyId ("If you '
    'choose one of these instance types, you cannot request a VolumeKmsKeyId."); the instance '
    "types with local storage: the EC2 User Guide's instance store volumes table, which the API "
    "reference links (vendored in generator/inputs/ec2/); awslabs/mlspace#205 (training and "
    "tuning jobs cannot use a volume KMS key on such instances); aws/sagemaker-python-sdk#3870 "
    "(the SDK leaves a configured VolumeKmsKeyId out on them)",
    description="No VolumeKmsKeyId on an instance type with local instance storage (ml.g4dn, "
    "ml.g5, ml.p3dn, ml.p4d, ml.p4de, ml.r5d, ml.trn1, ml.trn1n), in ResourceConfig or "
    "HyperParameterTuningResourceConfig, its InstanceGroups or InstanceConfigs included.",
    rationale="botocore's model documents the refusal for both configs, and the SageMaker Python "
    "SDK and awslabs/mlspace both leave the key out on such instances: error. Which instance "
    "types have local storage is the EC2 User Guide's table as archived in June 2023 (generated "
    "data, hpt_request/rules/data/instance_storage.json); an instance type it does not name (the "
    "g6, g6e, g7, p5, p6 and trn2 families and the other later ones) is treated as without local "
    "storage, so a VolumeKmsKeyId on it is not reported: a miss, never a false alarm.",
)
def _volume_kms_local_storage(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        definition = view.definition
        plain = definition.resource_config
        tuning = definition.hyper_parameter_tuning_resource_config
        # No key in either config (the common case), read in the order the loop reads them.
        if (plain is None or plain.volume_kms_key_id is None) and (
            tuning is None or tuning.volume_kms_key_id is None
        ):
            continue
        for where, config in resource_configs(view):
            if config.volume_kms_key_id is None:
                continue
            local = [t for t in instance_types(config) if instance_storage.storage(t) == "local"]
            if not local:
                continue
            described = ", ".join(
                f"{name} ({instance_storage.volumes(name)})" for name in dict.fromkeys(local)
            )
            yield Finding(
                (*where, "VolumeKmsKeyId"),
                f"VolumeKmsKeyId is given for {described}, an instance type with local instance "
                "storage, which a hardware module on the instance encrypts; SageMaker takes no "
                "VolumeKmsKeyId there: remove it",
            )


@rule(
    "augmented-manifest-pipe",
    needs=("augmented-manifest",),
    severity="error",
    source='SM:S3DataSource.S3DataType ("AugmentedManifestFile can only be used if the '
    "Channel's input mode is Pipe.\")",
    description="S3DataType AugmentedManifestFile requires the channel's input mode Pipe.",
)
def _augmented_manifest_pipe(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for where, channel, mode in channels(view):
            source = channel.data_source.s3_data_source
            if (
                source is not None
                and source.s3_data_type == "AugmentedManifestFile"
                and mode != "Pipe"
            ):
                yield Finding(
                    (*where, "InputMode")
                    if channel.input_mode is not None
                    else (*where, "DataSource", "S3DataSource", "S3DataType"),
                    f'channel "{channel.channel_name}" reads an AugmentedManifestFile in {mode} '
                    'mode; augmented manifests need InputMode "Pipe"',
                )


@rule(
    "file-mode-compression",
    needs=("pipe-options",),
    severity="warning",
    source='SM:Channel.CompressionType ("CompressionType is used only in Pipe input mode. In '
    'File mode, leave this field unset or set it to None.")',
    rationale="The model says what to do, not that AWS refuses it: warning.",
    description="A channel in File mode has no CompressionType "
    "or RecordWrapperType other than None.",
)
def _file_mode_compression(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        for where, channel, mode in channels(view):
            if mode != "File" or (
                channel.compression_type is None and channel.record_wrapper_type is None
            ):
                continue
            for member, value in (
                ("CompressionType", channel.compression_type),
                ("RecordWrapperType", channel.record_wrapper_type),
            ):
                if value is not None and value != "None":
                    yield Finding(
                        (*where, member),
                        f'channel "{channel.channel_name}" is in File mode with {member} '
                        f'"{value}", which applies to Pipe mode only',
                    )


@rule(
    "channel-names-unique",
    needs=("training-findings",),
    severity="warning",
    source="SM:Channel.ChannelName",
    rationale="Two channels of one name would be mounted at one path; no public report quotes "
    "the service's answer, so it is a warning.",
    description="ChannelName is unique within InputDataConfig.",
)
def _channel_names_unique(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        names = [channel.channel_name for channel in view.definition.input_data_config or ()]
        if len(set(names)) == len(names):
            continue  # nothing repeats (the common case)
        seen: dict[str, int] = {}
        for where, channel, _mode in channels(view):
            name = channel.channel_name
            if name in seen:
                yield Finding(
                    (*where, "ChannelName"),
                    f'channel name "{name}" is already used by InputDataConfig[{seen[name]}]; '
                    "channel names must be unique",
                )
            else:
                seen[name] = int(where[-1])
