"""Warm start against the parents' state: finished, and created since 1 October 2018."""

from __future__ import annotations

import copy
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest

from hpt_request import validate, validate_document
from hpt_request.cli import main
from hpt_request.model import examples

PIPELINE = Path(__file__).parent / "realworld" / "pipelines" / "sdk-pipeline-single-tuner.json"
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


def _child_with_a_finding_and_parent() -> tuple[dict[str, Any], dict[str, Any]]:
    """A warm-start child with a finding of its own (above the default parallel quota) and a
    finished parent."""
    child, parent = _child_and_parent(HyperParameterTuningJobStatus="Completed")
    child["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 50
    return child, parent


def _put(data: dict[str, Any], steps: tuple[str, ...], value: object) -> dict[str, Any]:
    copied = copy.deepcopy(data)
    place = copied
    for step in steps[:-1]:
        place = place[step]
    place[steps[-1]] = value
    return copied


WRONG_SHAPES = [
    (("HyperParameterTuningJobConfig",), "see console"),
    (("HyperParameterTuningJobConfig", "HyperParameterTuningJobObjective"), "auc"),
    (("HyperParameterTuningJobConfig", "ParameterRanges"), "see console"),
    (("HyperParameterTuningJobConfig", "ParameterRanges", "IntegerParameterRanges"), {"a": 1}),
    (("TrainingJobDefinition",), ["a list"]),
    (("TrainingJobDefinition", "StaticHyperParameters"), ["eta"]),
    (("TrainingJobDefinition", "AlgorithmSpecification"), "xgboost"),
    (("TrainingJobDefinition", "InputDataConfig"), {"train": "s3://bucket/train"}),
    (("HyperParameterTuningJobStatus",), 5),
    (("HyperParameterTuningJobStatus",), "Done"),
]


@pytest.mark.parametrize(("steps", "value"), WRONG_SHAPES)
def test_a_parent_of_the_wrong_shape_is_a_problem_of_the_parent(
    steps: tuple[str, ...], value: object
) -> None:
    """A parent whose members do not have the Describe response's shapes is reported, at its
    member's path in the parent, and left out of the comparison; the child's own findings are
    all reported still."""
    child, parent = _child_with_a_finding_and_parent()
    own = validate(child)
    assert [p.code for p in own] == ["max-parallel-quota"]
    problems = validate(child, parents=[_put(parent, steps, value)])
    assert "unreadable" not in [p.code for p in problems]
    assert [p for p in problems if p.code != "parents"] == own
    about_parent = [p for p in problems if p.code == "parents"]
    assert about_parent, problems
    path = ".".join(steps)
    assert any(f"parents[0].{path}" in p.message for p in about_parent), about_parent
    assert all(p.severity == "warning" for p in about_parent)
    assert all(parent["HyperParameterTuningJobName"] in p.message for p in about_parent)


def test_a_parent_of_the_wrong_shape_given_by_name_is_named_by_its_key() -> None:
    """parents= as a mapping: the parent's problems name it by its key."""
    child, parent = _child_with_a_finding_and_parent()
    wrong = _put(parent, ("HyperParameterTuningJobConfig",), "see console")
    problems = validate(child, parents={"saved/parent.json": wrong})
    (about_parent,) = [p for p in problems if p.code == "parents"]
    assert 'parents["saved/parent.json"].HyperParameterTuningJobConfig' in about_parent.message


def test_a_well_formed_parent_next_to_a_malformed_one_is_still_compared() -> None:
    """Only the malformed parent is left out: the others are compared as before."""
    child, parent = _child_with_a_finding_and_parent()
    child["WarmStartConfig"]["ParentHyperParameterTuningJobs"].append(
        {"HyperParameterTuningJobName": "other-parent"}
    )
    running = {**copy.deepcopy(parent), "HyperParameterTuningJobName": "other-parent"}
    running["HyperParameterTuningJobStatus"] = "InProgress"
    wrong = _put(parent, ("HyperParameterTuningJobConfig",), "see console")
    problems = validate(child, parents=[wrong, running])
    assert sorted(p.code for p in problems) == [
        "max-parallel-quota",
        "parents",
        "warm-start-against-parents",
    ]


def _pipeline_with_a_warm_start(parent_name: str) -> dict[str, Any]:
    pipeline: dict[str, Any] = json.loads(PIPELINE.read_text(encoding="utf-8"))
    step = next(step for step in pipeline["Steps"] if step["Type"] == "Tuning")
    # Known values where the rule reads them: a name and an output path of its own.
    step["Arguments"]["HyperParameterTuningJobName"] = "churn-xgb-child-1"
    step["Arguments"]["TrainingJobDefinition"]["OutputDataConfig"]["S3OutputPath"] = "s3://b/o"
    step["Arguments"]["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": parent_name}],
        "WarmStartType": "TransferLearning",
    }
    return pipeline


def test_a_pipeline_takes_parents_as_a_mapping_as_a_request_does() -> None:
    """validate_document(parents={...}) reads the mapping's values, as validate() does: the
    parent is compared, not its key."""
    _, parent = _child_and_parent(HyperParameterTuningJobStatus="InProgress")
    pipeline = _pipeline_with_a_warm_start(parent["HyperParameterTuningJobName"])
    as_list = validate_document(pipeline, defaults=True, parents=[parent]).problems
    as_mapping = validate_document(pipeline, defaults=True, parents={"p.json": parent}).problems
    assert "warm-start-against-parents" in [p.code for p in as_list]
    assert as_mapping == as_list


def test_a_parent_file_of_the_wrong_shape_is_named_on_the_command_line(tmp_path: Path) -> None:
    """validate --parents FILE: the problems of a malformed parent name its file; the child's
    own findings are reported, and the exit status is the child's."""
    child, parent = _child_with_a_finding_and_parent()
    wrong = _put(parent, ("HyperParameterTuningJobConfig",), "see console")
    (tmp_path / "child.json").write_text(json.dumps(child), encoding="utf-8")
    (tmp_path / "parent.json").write_text(json.dumps(wrong), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    child_file, parent_file = str(tmp_path / "child.json"), str(tmp_path / "parent.json")
    status = main(["validate", child_file, "--parents", parent_file], out=out, err=err)
    assert (status, err.getvalue()) == (0, "")  # warnings only
    text = out.getvalue()
    assert "unreadable" not in text
    assert "max-parallel-quota" in text
    assert f"parents[{json.dumps(parent_file)}].HyperParameterTuningJobConfig" in text
