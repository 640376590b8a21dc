"""Rules for warm start: the parent jobs, and (given their Describe responses) what may change."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Mapping
from typing import Any

from cattrs import Converter

from hpt_request.model import HyperParameterTrainingJobDefinition
from hpt_request.model.base import UnknownInput, is_unknown
from hpt_request.model.converter import make_converter
from hpt_request.rules._core import Context, Definition, Finding, Location, names, quoted, rule

# Developer Guide, automatic-model-tuning-warm-start ("Warm Start Tuning Restrictions").
MAX_WARM_START_CHANGES = 10
FINISHED_STATES = frozenset({"Completed", "Stopped", "Failed"})
WARM_START_EPOCH = datetime.datetime(2018, 10, 1, tzinfo=datetime.timezone.utc)
# Added by SageMaker to the static hyperparameters it reports for a tuning job.
SERVICE_HYPERPARAMETERS = frozenset({"_tuning_objective_metric"})
# The TrainingJobDefinition members a warm start may change, as the service lists them
# (aws/sagemaker-python-sdk#3693: "Only the following fields in TrainingJobDefinition are allowed
# to change: [algorithmSpecification, inputDataConfig, outputDataConfig, staticHyperParameters,
# roleArn, resourceConfig, stoppingCondition, vpcConfig, enableManagedSpotTraining,
# checkpointConfig]"). Every other member must stay as the parent had it; members that only
# exist with several definitions, or that describe ranges and objective elsewhere, are not
# compared. The value stands for "absent" where the parent's Describe response fills in a default.
FIXED_MEMBERS: Mapping[str, object] = {
    "Environment": {},
    "EnableNetworkIsolation": False,
    "EnableInterContainerTrafficEncryption": False,
    "RetryStrategy": None,
}


@functools.cache
def _converter() -> Converter:
    return make_converter()


def _holds_unknown(value: object) -> bool:
    if is_unknown(value):
        return True
    if isinstance(value, dict):
        return any(_holds_unknown(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_unknown(item) for item in value)
    return False


def _wire_form(definition: HyperParameterTrainingJobDefinition) -> dict[str, Any]:
    """The definition's wire dict, to compare with the parent's; :class:`UnknownInput` if a
    member of a partial request could not be read (the rule is then skipped)."""
    wire: dict[str, Any] = _converter().unstructure(definition)
    if _holds_unknown(wire):
        raise UnknownInput
    return wire


@rule(
    "warm-start-parents-distinct",
    needs=("warm-start",),
    severity="warning",
    source="SM:HyperParameterTuningJobWarmStartConfig.ParentHyperParameterTuningJobs",
    rationale="A parent listed twice adds nothing; no report shows the service refusing it.",
    description="Warm-start parent job names are distinct.",
)
def _warm_start_parents_distinct(ctx: Context) -> Iterator[Finding]:
    warm = ctx.request.warm_start_config
    if warm is None:
        return
    seen: set[str] = set()
    for index, parent in enumerate(warm.parent_hyper_parameter_tuning_jobs):
        name = parent.hyper_parameter_tuning_job_name
        if name is None:
            continue
        if name.lower() in seen:
            yield Finding(
                (
                    "WarmStartConfig",
                    "ParentHyperParameterTuningJobs",
                    index,
                    "HyperParameterTuningJobName",
                ),
                f'parent job "{name}" is listed twice (job names are not case sensitive)',
            )
        seen.add(name.lower())


def _parent_definition(describe: Mapping[str, Any]) -> Mapping[str, Any] | None:
    definition = describe.get("TrainingJobDefinition")
    return definition if isinstance(definition, Mapping) else None


def _kinds(ranges: Mapping[str, Any] | None) -> dict[str, str]:
    kinds = {}
    for member, kind in (
        ("IntegerParameterRanges", "integer"),
        ("ContinuousParameterRanges", "continuous"),
        ("CategoricalParameterRanges", "categorical"),
    ):
        for item in (ranges or {}).get(member) or []:
            if isinstance(item, Mapping) and isinstance(item.get("Name"), str):
                kinds[item["Name"]] = kind
    return kinds


@rule(
    "warm-start-against-parents",
    needs=("warm-start",),
    severity="error",
    source="DG:automatic-model-tuning-warm-start (Warm Start Tuning Restrictions); "
    'aws/amazon-sagemaker-examples#861 ("The set of tunable plus static HyperParameter names is '
    'not the same across current and parent tuning jobs."); aws/sagemaker-python-sdk#3693 '
    '("Only the following fields in TrainingJobDefinition are allowed to change: '
    "[algorithmSpecification, inputDataConfig, outputDataConfig, staticHyperParameters, roleArn, "
    'resourceConfig, stoppingCondition, vpcConfig, enableManagedSpotTraining, checkpointConfig]")',
    description="Given the parents' Describe responses (parents=): parents finished and created "
    "since 2018-10-01, same objective, same set of static+tunable names, same kind per "
    "hyperparameter, at most 10 changes counted as the Developer Guide counts them, and only the "
    "TrainingJobDefinition members the service lets change are changed.",
    rationale="Each part is a restriction the Developer Guide states or an error the service was "
    "quoted giving. IdenticalDataAndAlgorithm: new S3 locations for the same channels are "
    "accepted (the SageMaker SDK's own integration tests re-upload data under new prefixes), so "
    "only a different set of channels, a different algorithm or a new image tag is reported, as "
    "a warning. Changes are counted as the Developer Guide's warm-start page counts them: a "
    "tunable hyperparameter made static counts 1, or one per value for a categorical range; a "
    "changed static value counts 2 (the page's example: red to blue counts as 2).",
)
def _warm_start_against_parents(ctx: Context) -> Iterator[Finding]:
    warm = ctx.request.warm_start_config
    if warm is None or ctx.parents is None or ctx.multi or not ctx.definitions:
        return
    view = ctx.definitions[0]
    for index, parent in enumerate(warm.parent_hyper_parameter_tuning_jobs):
        name = parent.hyper_parameter_tuning_job_name
        describe = ctx.parents.get((name or "").lower())  # job names are not case sensitive
        if describe is None:
            continue
        where: Location = (
            "WarmStartConfig",
            "ParentHyperParameterTuningJobs",
            index,
            "HyperParameterTuningJobName",
        )
        yield from _parent_state(describe, where, str(name))
        definition = _parent_definition(describe)
        if definition is None:
            yield Finding(
                where,
                f'parent "{name}" has no single TrainingJobDefinition; it cannot be warm-started '
                "from",
            )
            continue
        config = describe.get("HyperParameterTuningJobConfig") or {}
        yield from _same_objective(view, config, str(name))
        yield from _same_hyperparameters(view, definition, config, str(name))
        yield from _fixed_members(view, definition, str(name))
        if warm.warm_start_type == "IdenticalDataAndAlgorithm":
            yield from _identical_data_and_algorithm(view, definition, str(name))


def _same_objective(view: Definition, config: Mapping[str, Any], name: str) -> Iterator[Finding]:
    their_objective = config.get("HyperParameterTuningJobObjective") or {}
    ours = view.objective
    if ours is None:
        return
    if their_objective.get("MetricName") != ours.metric_name or their_objective.get("Type") != str(
        ours.type
    ):
        same_metric = their_objective.get("MetricName") == ours.metric_name
        yield Finding(
            (*view.objective_location, "Type" if same_metric else "MetricName"),
            f'the objective ({ours.type} "{ours.metric_name}") differs from parent "{name}" '
            f'({their_objective.get("Type")} "{their_objective.get("MetricName")}"); warm '
            "start keeps the objective",
        )


def _categorical_values(ranges: Mapping[str, Any] | None) -> dict[str, int]:
    counts = {}
    for item in (ranges or {}).get("CategoricalParameterRanges") or []:
        if isinstance(item, Mapping) and isinstance(item.get("Name"), str):
            values = item.get("Values")
            counts[item["Name"]] = len(values) if isinstance(values, list) else 1
    return counts


def _same_hyperparameters(
    view: Definition, definition: Mapping[str, Any], config: Mapping[str, Any], name: str
) -> Iterator[Finding]:
    ours_static = view.static
    ours_kinds = {n: kind for kind, n, _w, _i in view.named_ranges() if kind != "auto"}
    ours_where = {n: where for kind, n, where, _i in view.named_ranges() if kind != "auto"}
    their_static = {
        key: value
        for key, value in (definition.get("StaticHyperParameters") or {}).items()
        if key not in SERVICE_HYPERPARAMETERS
    }
    their_kinds = _kinds(config.get("ParameterRanges"))
    ours_names = set(ours_static) | set(ours_kinds)
    their_names = set(their_static) | set(their_kinds)
    if ours_names != their_names:
        added, removed = ours_names - their_names, their_names - ours_names
        detail = "; ".join(
            part
            for part in (
                f"added {names(added)}" if added else "",
                f"removed {names(removed)}" if removed else "",
            )
            if part
        )
        yield Finding(
            (*view.location, "StaticHyperParameters"),
            f'the static and tunable hyperparameters differ from parent "{name}" ({detail}); '
            "warm start keeps the same set of names (a static one may become tunable and back)",
        )
    for hyperparameter, kind in sorted(ours_kinds.items()):
        theirs = their_kinds.get(hyperparameter)
        if theirs is not None and theirs != kind:
            yield Finding(
                ours_where[hyperparameter],
                f'hyperparameter "{hyperparameter}" is a {kind} range here but a {theirs} range '
                f'in parent "{name}"; its kind cannot change',
            )
    # Counted as the Developer Guide's warm-start page counts them.
    categorical = _categorical_values(config.get("ParameterRanges"))
    made_static = sum(categorical.get(h, 1) for h in their_kinds if h in ours_static)
    changed = sum(2 for h, v in ours_static.items() if h in their_static and their_static[h] != v)
    if made_static + changed > MAX_WARM_START_CHANGES:
        yield Finding(
            (*view.location, "StaticHyperParameters"),
            f'{made_static + changed} changes from parent "{name}" ({made_static} for tunable '
            f"hyperparameters made static, one per categorical value; {changed} for changed "
            f"static values, two each); at most {MAX_WARM_START_CHANGES} are allowed",
        )


def _fixed_members(view: Definition, definition: Mapping[str, Any], name: str) -> Iterator[Finding]:
    ours = _wire_form(view.definition)
    for member, absent in FIXED_MEMBERS.items():
        mine, theirs = ours.get(member, absent), definition.get(member, absent)
        if absent is None and (mine is None or theirs is None):
            continue  # the Describe response may fill in a default we cannot know
        if mine != theirs:
            yield Finding(
                (*view.location, member),
                f'{member} differs from parent "{name}" ({quoted(theirs)}); a warm start may '
                "change only AlgorithmSpecification, InputDataConfig, OutputDataConfig, "
                "StaticHyperParameters, RoleArn, ResourceConfig, StoppingCondition, VpcConfig, "
                "EnableManagedSpotTraining and CheckpointConfig",
            )


def _parent_state(describe: Mapping[str, Any], where: Location, name: str) -> Iterator[Finding]:
    """A parent must have finished, and be created on or after 1 October 2018
    (DG:automatic-model-tuning-warm-start; SM:HyperParameterTuningJobWarmStartConfig)."""
    status = describe.get("HyperParameterTuningJobStatus")
    if isinstance(status, str) and status not in FINISHED_STATES:
        yield Finding(
            where,
            f'parent "{name}" is {status}; a parent must be Completed, Stopped or Failed '
            "before a warm start can use it",
        )
    created = _moment(describe.get("CreationTime"))
    if created is not None and created < WARM_START_EPOCH:
        yield Finding(
            where,
            f'parent "{name}" was created on {created.date()}; tuning jobs created before '
            f"{WARM_START_EPOCH.date()} cannot be warm-start parents",
        )


def _moment(value: object) -> datetime.datetime | None:
    """A Describe timestamp as boto3 returns it (datetime) or as JSON keeps it (ISO text or
    epoch seconds); None if it is none of those."""
    try:
        if isinstance(value, datetime.datetime):
            moment = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            moment = datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
        elif isinstance(value, str):
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _identical_data_and_algorithm(
    view: Definition, parent: Mapping[str, Any], name: str
) -> Iterator[Finding]:
    """IdenticalDataAndAlgorithm, as far as the service is known to check it: warnings only."""
    ours = _wire_form(view.definition)
    spec, theirs_spec = (
        ours.get("AlgorithmSpecification", {}),
        parent.get("AlgorithmSpecification") or {},
    )
    for member in ("TrainingImage", "AlgorithmName"):
        mine, theirs = spec.get(member), theirs_spec.get(member)
        if mine == theirs:
            continue
        new_tag = (
            member == "TrainingImage"
            and isinstance(mine, str)
            and isinstance(theirs, str)
            and _untagged(mine) == _untagged(theirs)
        )
        yield Finding(
            (*view.location, "AlgorithmSpecification", member),
            f'{member} differs from parent "{name}" ({quoted(theirs)})'
            + (": a new tag of the same image" if new_tag else "")
            + "; IdenticalDataAndAlgorithm expects the same algorithm (a new version only if it "
            "does not change the algorithm itself): use TransferLearning otherwise",
            severity="warning",
        )
    mine_channels, their_channels = (
        set(_data_sources(ours.get("InputDataConfig"))),
        set(_data_sources(parent.get("InputDataConfig"))),
    )
    if mine_channels != their_channels:
        yield Finding(
            (*view.location, "InputDataConfig"),
            f'the input channels ({names(mine_channels)}) differ from parent "{name}" '
            f"({names(their_channels)}); IdenticalDataAndAlgorithm expects the same data: use "
            "TransferLearning to change it",
            severity="warning",
        )


def _untagged(image: str) -> str:
    """An image URI without its tag or digest."""
    image = image.split("@", 1)[0]
    head, _, tail = image.rpartition("/")
    return f"{head}/{tail.split(':', 1)[0]}" if head else tail.split(":", 1)[0]


def _data_sources(channels: Any) -> dict[str, Any]:
    """Channel name -> data source: what "identical data" compares (Describe responses may fill
    in channel defaults such as CompressionType, which do not change the data)."""
    if not isinstance(channels, list):
        return {}
    return {
        str(channel.get("ChannelName")): channel.get("DataSource")
        for channel in channels
        if isinstance(channel, Mapping)
    }
