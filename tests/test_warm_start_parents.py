"""Warm start against the parents' state: finished, and created since 1 October 2018."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from hpt_request import validate
from hpt_request.model import examples

PATH = "WarmStartConfig.ParentHyperParameterTuningJobs[0].HyperParameterTuningJobName"


def _child_and_parent(**parent_fields: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    parent = examples.load("bayesian")
    parent.pop("Tags", None)
    parent.update(parent_fields)
    child = examples.load("bayesian")
    child["HyperParameterTuningJobName"] = "churn-xgb-child-1"
    child["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [
            {"HyperParameterTuningJobName": parent["HyperParameterTuningJobName"]}
        ],
        "WarmStartType": "IdenticalDataAndAlgorithm",
    }
    return child, parent


@pytest.mark.parametrize("status", ["Completed", "Stopped", "Failed"])
def test_finished_parents_pass(status: str) -> None:
    """A Completed, Stopped or Failed parent can be warm-started from."""
    child, parent = _child_and_parent(
        HyperParameterTuningJobStatus=status, CreationTime="2024-06-15T10:00:00Z"
    )
    assert validate(child, parents=[parent]) == []


@pytest.mark.parametrize("status", ["InProgress", "Stopping", "Deleting"])
def test_running_parents_fail(status: str) -> None:
    """A parent that has not finished is reported at its name."""
    child, parent = _child_and_parent(HyperParameterTuningJobStatus=status)
    problems = validate(child, parents=[parent])
    assert [(p.code, p.path) for p in problems] == [("warm-start-against-parents", PATH)]
    assert status in problems[0].message


@pytest.mark.parametrize(
    "created",
    [
        datetime.datetime(2018, 9, 30, 23, 0, tzinfo=datetime.timezone.utc),
        "2018-09-30T23:00:00Z",
        datetime.datetime(2018, 9, 30, 23, 0, tzinfo=datetime.timezone.utc).timestamp(),
    ],
)
def test_parents_created_before_october_2018_fail(created: object) -> None:
    """Jobs created before 2018-10-01 cannot be parents, whatever form the timestamp takes."""
    child, parent = _child_and_parent(
        HyperParameterTuningJobStatus="Completed", CreationTime=created
    )
    assert [(p.code, p.path) for p in validate(child, parents=[parent])] == [
        ("warm-start-against-parents", PATH)
    ]


@pytest.mark.parametrize("created", ["not a date", None, [2018], "2018-10-01T00:00:00Z"])
def test_unreadable_or_recent_creation_times_pass(created: object) -> None:
    """A timestamp that cannot be read is no evidence; 2018-10-01 itself is allowed."""
    child, parent = _child_and_parent(
        HyperParameterTuningJobStatus="Completed", CreationTime=created
    )
    assert validate(child, parents=[parent]) == []
