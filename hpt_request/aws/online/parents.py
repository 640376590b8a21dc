"""Check 5, the warm start: each parent tuning job exists (DescribeHyperParameterTuningJob),
and the parents' Describe responses feed the offline warm-start checks (their status, what the
child may change from them: :mod:`hpt_request.rules.warm_start`), as ``--parents`` files would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from hpt_request.aws.online.calls import Answer, Calls
from hpt_request.aws.online.found import not_checked, problem
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import items, text
from hpt_request.model.errors import Problem

PARENT_MISSING = "online-parent-missing"
PARENTS = ("WarmStartConfig", "ParentHyperParameterTuningJobs")


def _described(calls: Calls, name: str) -> Answer:
    return calls.once(
        ("DescribeHyperParameterTuningJob", name),
        lambda: calls.call(
            "sagemaker",
            "DescribeHyperParameterTuningJob",
            missing=("ResourceNotFound",),
            HyperParameterTuningJobName=name,
        ),
    )


def _check(request: Mapping[str, Any], calls: Calls) -> list[Problem]:
    found: list[Problem] = []
    responses: dict[str, dict[str, Any]] = {}
    last: Answer | None = None
    for index, parent in enumerate(items(request, *PARENTS)):
        name = text(parent, "HyperParameterTuningJobName")
        if name is None:
            continue
        location = (*PARENTS, index, "HyperParameterTuningJobName")
        answer = last = _described(calls, name)
        if answer.outcome == "missing":
            found.append(
                problem(
                    location,
                    PARENT_MISSING,
                    f'no tuning job named "{name}" exists in {calls.region} to warm-start from',
                    answer,
                )
            )
        elif answer.outcome == "ok":
            response = {k: v for k, v in answer.response.items() if k != "ResponseMetadata"}
            responses[name] = response
        else:
            found.append(not_checked(location, "the parent job", answer))
    if responses and last is not None:
        found.extend(_against_parents(request, responses, calls))
    return found


def _against_parents(
    request: Mapping[str, Any], responses: dict[str, dict[str, Any]], calls: Calls
) -> list[Problem]:
    """The offline check's findings that only the parents' responses give (the warm-start
    rules), each saying which call brought the response."""
    from hpt_request.check import validate

    without = set(validate(request, settings=calls.settings))
    found = []
    for finding in validate(request, parents=responses, settings=calls.settings):
        if finding not in without:
            message = f"{finding.message} (found by sagemaker DescribeHyperParameterTuningJob)"
            found.append(attrs.evolve(finding, message=message))
    return found


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One task for all the parents (at most five): their answers are judged together."""
    if not items(request, *PARENTS):
        return []

    def run() -> list[Problem]:
        return _check(request, calls)

    return [run]
