"""The team's policies (:mod:`hpt_request.rules.policy_table`): one rule per policy key, coded
``policy-KEY``, each run only when its policy is set and each an error at the member it concerns.

AWS accepts every request these rules report: the limits are the team's own, set in
``[tool.hpt-request.policy]``, with ``--policy KEY=VALUE`` or ``RuleSettings(policy=...)``, so a
request past one is refused because the team said so; the evidence is the team's setting, and
the AWS documentation cited names the member each policy reads.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from typing import Any

from hpt_request.model.base import UnknownInput
from hpt_request.rules import costs
from hpt_request.rules._core import CONFIG, Context, Definition, Finding, Location, rule
from hpt_request.rules.policy_table import Policy

TEAM = (
    "A team's policy: AWS accepts the request, but the team has said it must not go out, so a "
    "request past the policy is an error; the rule runs only where the policy is set."
)
DEFAULT_RUNTIME = 86400  # SM:StoppingCondition.MaxRuntimeInSeconds: one day when not set
_LIMITS = (*CONFIG, "ResourceLimits")


def _policy(ctx: Context) -> Policy:
    found = getattr(ctx.settings, "policy", None)
    return found if isinstance(found, Policy) else Policy()


def _text(value: object) -> str:
    """A member's text; an unreadable one (a placeholder's run-time value) skips the rule."""
    try:
        return str.__str__(value)
    except TypeError:
        raise UnknownInput from None


def instances(view: Definition) -> Iterator[tuple[Location, Any, Any]]:
    """(location of the member holding the type, instance type, count) for the definition's
    ResourceConfig, its InstanceGroups, HyperParameterTuningResourceConfig and its
    InstanceConfigs (each an alternative a job may take)."""
    definition = view.definition
    for member, config in (
        ("ResourceConfig", definition.resource_config),
        ("HyperParameterTuningResourceConfig", definition.hyper_parameter_tuning_resource_config),
    ):
        if config is None:
            continue
        where: Location = (*view.location, member)
        if config.instance_type is not None:
            yield where, config.instance_type, config.instance_count
        for list_name in ("InstanceGroups", "InstanceConfigs"):
            attribute = "instance_groups" if list_name == "InstanceGroups" else "instance_configs"
            for index, item in enumerate(getattr(config, attribute, None) or []):
                yield (*where, list_name, index), item.instance_type, item.instance_count


@rule(
    "policy-allowed-instance-types",
    default=False,
    severity="error",
    source="the team's policy allowed-instance-types; SM:ResourceConfig.InstanceType, "
    "SM:InstanceGroup.InstanceType, SM:HyperParameterTuningResourceConfig.InstanceType, "
    "SM:HyperParameterTuningInstanceConfig.InstanceType",
    description="Every instance type (ResourceConfig, its InstanceGroups, "
    "HyperParameterTuningResourceConfig and its InstanceConfigs, in every definition) matches "
    "one of the globs of policy allowed-instance-types.",
    rationale=TEAM,
)
def _allowed_instance_types(ctx: Context) -> Iterator[Finding]:
    allowed = _policy(ctx).allowed_instance_types or ()
    for view in ctx.definitions:
        for where, instance_type, _count in instances(view):
            name = _text(instance_type)
            if not any(fnmatch.fnmatchcase(name, glob) for glob in allowed):
                yield Finding(
                    (*where, "InstanceType"),
                    f"instance type {name} is not allowed by policy allowed-instance-types "
                    f"({', '.join(allowed)})",
                )


@rule(
    "policy-max-instance-count",
    default=False,
    severity="error",
    source="the team's policy max-instance-count; SM:ResourceConfig.InstanceCount, "
    "SM:InstanceGroup.InstanceCount, SM:HyperParameterTuningInstanceConfig.InstanceCount",
    description="No training job takes more instances than policy max-instance-count: "
    "ResourceConfig.InstanceCount, the InstanceGroups' counts added up (a job takes every group), "
    "each of HyperParameterTuningResourceConfig's InstanceConfigs.",
    rationale=TEAM,
)
def _max_instance_count(ctx: Context) -> Iterator[Finding]:
    limit = _policy(ctx).max_instance_count or 0
    for view in ctx.definitions:
        groups: dict[Location, int] = {}
        for where, _type, count in instances(view):
            if count is None:
                continue
            if not isinstance(count, int):
                raise UnknownInput
            if where[-2:-1] == ("InstanceGroups",):
                groups[where[:-1]] = groups.get(where[:-1], 0) + count
            elif count > limit:
                yield Finding(
                    (*where, "InstanceCount"),
                    f"InstanceCount {count} is above policy max-instance-count = {limit}",
                )
        for where, total in groups.items():
            if total > limit:
                yield Finding(
                    where,
                    f"the instance groups take {total} instances per training job, above policy "
                    f"max-instance-count = {limit}",
                )


@rule(
    "policy-max-parallel-training-jobs",
    default=False,
    severity="error",
    source="the team's policy max-parallel-training-jobs; SM:ResourceLimits."
    "MaxParallelTrainingJobs",
    description="ResourceLimits.MaxParallelTrainingJobs is at most policy "
    "max-parallel-training-jobs.",
    rationale=TEAM,
)
def _max_parallel(ctx: Context) -> Iterator[Finding]:
    limit = _policy(ctx).max_parallel_training_jobs or 0
    value = ctx.config.resource_limits.max_parallel_training_jobs
    if not isinstance(value, int):
        raise UnknownInput
    if value > limit:
        yield Finding(
            (*_LIMITS, "MaxParallelTrainingJobs"),
            f"MaxParallelTrainingJobs {value} is above policy max-parallel-training-jobs = {limit}",
        )


@rule(
    "policy-max-worst-case-instance-hours",
    default=False,
    severity="error",
    source="the team's policy max-worst-case-instance-hours; the worst case as the summary "
    "computes it (training jobs x instances x StoppingCondition.MaxRuntimeInSeconds, "
    "SM:ResourceLimits.MaxNumberOfTrainingJobs)",
    description="The worst case in all (MaxNumberOfTrainingJobs, or the grid's size, times the "
    "most instance-hours one training job can take) is at most policy "
    "max-worst-case-instance-hours; a request whose number of jobs is not capped is reported.",
    rationale=TEAM,
)
def _max_instance_hours(ctx: Context) -> Iterator[Finding]:
    limit = _policy(ctx).max_worst_case_instance_hours or 0.0
    hours = costs.total_instance_hours(ctx)
    if not ctx.definitions:
        return
    if hours is None:
        yield Finding(
            _LIMITS,
            f"the number of training jobs is not capped, so the worst case has no bound; policy "
            f"max-worst-case-instance-hours = {limit:g} asks for MaxNumberOfTrainingJobs",
        )
    elif hours > limit:
        yield Finding(
            (*_LIMITS, "MaxNumberOfTrainingJobs"),
            f"the worst case is {hours:g} instance-hours, above policy "
            f"max-worst-case-instance-hours = {limit:g}",
        )


@rule(
    "policy-max-worst-case-usd",
    default=False,
    severity="error",
    source="the team's policy max-worst-case-usd; the worst case in dollars "
    "(hpt_request/rules/costs.py: jobs x (1 + RetryStrategy.MaximumRetryAttempts) x "
    "MaxRuntimeInSeconds x instances x the price table's USD per hour, capped by "
    "ResourceLimits.MaxRuntimeInSeconds)",
    description='The worst case in dollars (with a price table: --prices, prices = "...") '
    "is at most policy max-worst-case-usd; without a price table, a region, or a price for an "
    "instance type, the rule cannot judge and says so in a warning.",
    rationale=TEAM + " Without the figure (no price table, no region, an instance type the "
    "table does not price) the rule warns that it could not judge, rather than pass in silence "
    "or block on a guess.",
)
def _max_usd(ctx: Context) -> Iterator[Finding]:
    limit = _policy(ctx).max_worst_case_usd or 0.0
    found = costs.dollars(ctx)
    if found is None:
        why = "no price table" if costs.prices_of(ctx) is None else "no region known"
        yield Finding(
            _LIMITS,
            f"policy max-worst-case-usd = {limit:g} cannot be judged: {why} (give --prices "
            'FILE and --region, or prices = "..." in [tool.hpt-request])',
            severity="warning",
        )
        return
    for line in found.lines:
        if line.unpriced:
            yield Finding(
                line.location,
                f"policy max-worst-case-usd cannot be judged: the price table has no price for "
                f"{', '.join(line.unpriced)} in {found.region} (from {found.region_origin})",
                severity="warning",
            )
    total = found.total
    if total is None:
        if all(not line.unpriced for line in found.lines):
            yield Finding(
                _LIMITS,
                "the number of training jobs is not capped, so the worst case has no bound; "
                f"policy max-worst-case-usd = {limit:g} asks for MaxNumberOfTrainingJobs",
            )
    elif total > limit:
        yield Finding(
            (*_LIMITS, "MaxNumberOfTrainingJobs"),
            f"the worst case is {costs.usd_text(total, found.spot)} in {found.region} (from "
            f"{found.region_origin}), above policy max-worst-case-usd = ${limit:,.2f}",
        )


def _tags(ctx: Context) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for index, tag in enumerate(ctx.request.tags or []):
        found[_text(tag.key)] = (index, _text(tag.value))
    return found


@rule(
    "policy-required-tags",
    default=False,
    severity="error",
    source="the team's policy required-tags; SM:CreateHyperParameterTuningJob.Tags",
    description="Tags has every key of policy required-tags, and, where the policy gives a "
    "pattern, a value the pattern matches (re.fullmatch).",
    rationale=TEAM,
)
def _required_tags(ctx: Context) -> Iterator[Finding]:
    required = _policy(ctx).required_tags or {}
    tags = _tags(ctx)
    for key, pattern in required.items():
        if key not in tags:
            where: Location = ("Tags",) if ctx.request.tags is not None else ()
            yield Finding(where, f"no tag {key}: policy required-tags asks for it")
        elif pattern is not None and not re.fullmatch(pattern, tags[key][1]):
            yield Finding(
                ("Tags", tags[key][0], "Value"),
                f"tag {key} = {tags[key][1]!r} does not match the pattern {pattern!r} of policy "
                "required-tags",
            )


@rule(
    "policy-require-spot",
    default=False,
    severity="error",
    source="the team's policy require-spot; SM:HyperParameterTrainingJobDefinition."
    "EnableManagedSpotTraining",
    description="EnableManagedSpotTraining is true in every training job definition.",
    rationale=TEAM,
)
def _require_spot(ctx: Context) -> Iterator[Finding]:
    for view in ctx.definitions:
        value = view.definition.enable_managed_spot_training
        if value is not True:
            where = (*view.location, "EnableManagedSpotTraining") if value is not None else None
            yield Finding(
                where or view.location,
                "EnableManagedSpotTraining is not true: policy require-spot asks for managed spot "
                "training (set it, with StoppingCondition.MaxWaitTimeInSeconds)",
            )


@rule(
    "policy-max-runtime-seconds",
    default=False,
    severity="error",
    source="the team's policy max-runtime-seconds; SM:StoppingCondition.MaxRuntimeInSeconds "
    "(one day when not set)",
    description="Each definition's StoppingCondition.MaxRuntimeInSeconds (one day, 86400, when "
    "not set) is at most policy max-runtime-seconds.",
    rationale=TEAM,
)
def _max_runtime(ctx: Context) -> Iterator[Finding]:
    limit = _policy(ctx).max_runtime_seconds or 0
    for view in ctx.definitions:
        condition = view.definition.stopping_condition
        value = condition.max_runtime_in_seconds if condition is not None else None
        if value is not None and not isinstance(value, int):
            raise UnknownInput
        runtime = DEFAULT_RUNTIME if value is None else value
        if runtime > limit:
            shown = f"{value}" if value is not None else "not set (one day, 86400)"
            yield Finding(
                (*view.location, "StoppingCondition", "MaxRuntimeInSeconds")
                if value is not None
                else (*view.location, "StoppingCondition"),
                f"MaxRuntimeInSeconds {shown} is above policy max-runtime-seconds = {limit}",
            )


@rule(
    "policy-allowed-regions",
    default=False,
    severity="error",
    source="the team's policy allowed-regions; the region of the request: --region, "
    "AWS_REGION, or the training image's ECR host (ACCOUNT.dkr.ecr.REGION.amazonaws.com)",
    description="The request's region (from --region, AWS_REGION or the training image's ECR "
    "host, the message says which) is one of policy allowed-regions; with no region known the "
    "rule says nothing.",
    rationale=TEAM + " With no region known the rule cannot judge and says nothing, rather than "
    "a false alarm.",
)
def _allowed_regions(ctx: Context) -> Iterator[Finding]:
    allowed = _policy(ctx).allowed_regions or ()
    found = costs.region_of(ctx)
    if found is None:
        return
    region, origin, where = found
    if region not in allowed:
        yield Finding(
            where,
            f"region {region} (from {origin}) is not allowed by policy allowed-regions "
            f"({', '.join(allowed)})",
        )
