"""Check 7, quotas: the account's Service Quotas value "<instance type> for training job usage"
(service code ``sagemaker``; "for spot training job usage" for managed spot training) covers
MaxParallelTrainingJobs training jobs at once, an instance type with no such quota in the
Region, applied or default, is reported as not offered there, and the tuning jobs in progress
leave room for one more.

Instances one training job needs, per type: ``ResourceConfig`` (its instance groups added up),
or ``HyperParameterTuningResourceConfig`` (one of its instance configs at a time: the largest
counts). A tuning job runs each training job from one definition, so the most any definition
needs is what MaxParallelTrainingJobs multiplies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hpt_request.aws.online.calls import Answer, Calls
from hpt_request.aws.online.found import Location, not_checked, problem
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import definitions, items, number, text
from hpt_request.model.errors import Problem

INSTANCE_QUOTA = "online-instance-quota"
NOT_OFFERED = "online-instance-not-offered"
TUNING_JOBS = "online-tuning-jobs-limit"
CONCURRENT_TUNING_JOBS = 100  # DG automatic-model-tuning-limits, the default
PAGES = 20  # at most 2,000 quotas listed: SageMaker has far fewer


def per_job(definition: Mapping[str, Any], at: Location) -> dict[str, tuple[int, Location]]:
    """Instance type -> (instances one training job of the definition uses, where the type is
    named)."""
    found: dict[str, tuple[int, Location]] = {}

    def add(kind: str | None, count: int | None, where: Location, *, largest: bool = False) -> None:
        if kind is None:
            return
        count = count if count is not None else 1
        before, place = found.get(kind, (0, where))
        found[kind] = (max(before, count) if largest else before + count, place)

    resource = (*at, "ResourceConfig")
    add(
        text(definition, "ResourceConfig", "InstanceType"),
        number(definition, "ResourceConfig", "InstanceCount"),
        (*resource, "InstanceType"),
    )
    for index, group in enumerate(items(definition, "ResourceConfig", "InstanceGroups")):
        add(
            text(group, "InstanceType"),
            number(group, "InstanceCount"),
            (*resource, "InstanceGroups", index, "InstanceType"),
        )
    tuning = (*at, "HyperParameterTuningResourceConfig")
    add(
        text(definition, "HyperParameterTuningResourceConfig", "InstanceType"),
        number(definition, "HyperParameterTuningResourceConfig", "InstanceCount"),
        (*tuning, "InstanceType"),
    )
    for index, config in enumerate(
        items(definition, "HyperParameterTuningResourceConfig", "InstanceConfigs")
    ):
        add(
            text(config, "InstanceType"),
            number(config, "InstanceCount"),
            (*tuning, "InstanceConfigs", index, "InstanceType"),
            largest=True,
        )
    return found


def _listed(calls: Calls, operation: str) -> tuple[dict[str, float], Answer]:
    """Quota name -> value, from every page of ``operation`` (bounded)."""
    values: dict[str, float] = {}
    token: str | None = None
    answer = Answer("service-quotas", operation, "unavailable")
    for _ in range(PAGES):
        params: dict[str, Any] = {"ServiceCode": "sagemaker", "MaxResults": 100}
        if token:
            params["NextToken"] = token
        answer = calls.call("service-quotas", operation, **params)
        if answer.outcome != "ok":
            return values, answer
        for quota in answer.response.get("Quotas", []):
            if isinstance(quota, Mapping) and isinstance(quota.get("Value"), int | float):
                values[str(quota.get("QuotaName"))] = float(quota["Value"])
        token = answer.response.get("NextToken")
        if not token:
            break
    return values, answer


def _instances(request: Mapping[str, Any], calls: Calls) -> list[Problem]:
    parallel = (
        number(
            request, "HyperParameterTuningJobConfig", "ResourceLimits", "MaxParallelTrainingJobs"
        )
        or 1
    )
    needs: dict[str, tuple[int, Location, bool]] = {}  # quota name -> (one job, where, spot)
    for at, definition in definitions(request):
        spot = definition.get("EnableManagedSpotTraining") is True
        for kind, (count, where) in per_job(definition, at).items():
            name = f"{kind} for {'spot ' if spot else ''}training job usage"
            before = needs.get(name)
            if before is None or count > before[0]:
                needs[name] = (count, before[1] if before else where, spot)
    if not needs:
        return []
    applied, answer = _listed(calls, "ListServiceQuotas")
    if answer.outcome != "ok":
        return [not_checked(where, "the instance quota", answer) for _, where, _ in needs.values()][
            :1
        ]
    defaults: dict[str, float] = {}
    default_answer = answer
    if any(name not in applied for name in needs):
        defaults, default_answer = _listed(calls, "ListAWSDefaultServiceQuotas")
    found: list[Problem] = []
    for name, (one_job, where, spot) in sorted(needs.items()):
        kind = name.split(" ", 1)[0]
        total = one_job * parallel
        if name in applied:
            value, source = applied[name], answer
        elif name in defaults:
            value, source = defaults[name], default_answer
        else:
            offered = any(n.endswith(" for training job usage") for n in (*applied, *defaults))
            if not spot and offered and default_answer.outcome == "ok":
                found.append(
                    problem(
                        where,
                        NOT_OFFERED,
                        f'no quota "{name}" in {calls.region}: SageMaker does not offer '
                        f"{kind} for training there",
                        default_answer,
                    )
                )
            continue
        if value < one_job:
            found.append(
                problem(
                    where,
                    INSTANCE_QUOTA,
                    f'the account\'s quota "{name}" is {value:g} instances in {calls.region}; '
                    f"one training job needs {one_job}",
                    source,
                )
            )
        elif value < total:
            found.append(
                problem(
                    where,
                    INSTANCE_QUOTA,
                    f'the account\'s quota "{name}" is {value:g} instances in {calls.region}; '
                    f"{parallel} parallel training jobs need {total} (fewer run at once, or they "
                    "fail with ResourceLimitExceeded)",
                    source,
                    severity="warning",
                )
            )
    return found


def _tuning_jobs(calls: Calls) -> list[Problem]:
    answer = calls.call(
        "sagemaker", "ListHyperParameterTuningJobs", StatusEquals="InProgress", MaxResults=100
    )
    if answer.outcome != "ok":
        return [not_checked((), "the tuning jobs in progress", answer)]
    running = len(answer.response.get("HyperParameterTuningJobSummaries", []))
    if running >= CONCURRENT_TUNING_JOBS:
        return [
            problem(
                (),
                TUNING_JOBS,
                f"{running} tuning jobs are in progress in {calls.region}, the default limit "
                f"of {CONCURRENT_TUNING_JOBS} concurrent tuning jobs",
                answer,
            )
        ]
    return []


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One task for the instance quotas, one for the tuning jobs in progress."""

    def instances() -> list[Problem]:
        return _instances(request, calls)

    def tuning_jobs() -> list[Problem]:
        return _tuning_jobs(calls)

    return [instances, tuning_jobs]
