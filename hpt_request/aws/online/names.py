"""Check 1, the name: no tuning job of the request's name exists in the account and Region
(DescribeHyperParameterTuningJob answers ResourceNotFound)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hpt_request.aws.online.calls import Calls
from hpt_request.aws.online.found import not_checked, problem
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import text
from hpt_request.model.errors import Problem

NAME_IN_USE = "online-name-in-use"
LOCATION = ("HyperParameterTuningJobName",)


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One call, for the request's name (none for a request without one, such as a pipeline
    step's, which the pipeline names at run time)."""
    name = text(request, "HyperParameterTuningJobName")
    if name is None:
        return []

    def check() -> list[Problem]:
        answer = calls.call(
            "sagemaker",
            "DescribeHyperParameterTuningJob",
            missing=("ResourceNotFound",),
            HyperParameterTuningJobName=name,
        )
        if answer.outcome == "missing":
            return []
        if answer.outcome == "ok":
            status = answer.response.get("HyperParameterTuningJobStatus", "of unknown status")
            return [
                problem(
                    LOCATION,
                    NAME_IN_USE,
                    f'a tuning job named "{name}" already exists in {calls.region} ({status}); '
                    "a tuning job's name must be unique in the account and Region: choose "
                    "another name",
                    answer,
                )
            ]
        return [not_checked(LOCATION, "whether the name is free", answer)]

    return [check]
