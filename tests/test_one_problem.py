"""One mistake, one problem: a text that breaks its length and its pattern for one reason is
reported once, saying what is wrong; an allowed value's beginning gets a did-you-mean."""

from __future__ import annotations

from typing import Any

import pytest

from hpt_request import examples, validate


def problems_with(path: tuple[Any, ...], value: Any) -> list[tuple[str, str]]:
    request = examples.load("bayesian")
    node: Any = request
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return [(p.path, p.code) for p in validate(request)]


NAME = ("HyperParameterTuningJobName",)
ROLE = ("TrainingJobDefinition", "RoleArn")


def test_a_name_of_valid_characters_too_long_is_only_too_long() -> None:
    assert problems_with(NAME, "a" * 36) == [("HyperParameterTuningJobName", "maxLength")]


def test_a_name_too_long_and_of_wrong_characters_is_both() -> None:
    """Two mistakes: the length and an underscore."""
    assert problems_with(NAME, "a_" * 20) == [
        ("HyperParameterTuningJobName", "maxLength"),
        ("HyperParameterTuningJobName", "pattern"),
    ]


def test_a_role_name_instead_of_an_arn_is_only_of_the_wrong_form() -> None:
    """ "SageMakerRole" is 13 characters, below RoleArn's 20; what is wrong is that it is not an
    ARN, which the pattern's message says."""
    assert problems_with(ROLE, "SageMakerRole") == [("TrainingJobDefinition.RoleArn", "pattern")]


def test_an_empty_role_is_only_empty() -> None:
    assert problems_with(ROLE, "") == [("TrainingJobDefinition.RoleArn", "minLength")]


def test_mistakes_at_different_places_are_judged_each_at_its_own_place() -> None:
    """A name too long (of valid characters), a role name where an ARN belongs and a name too
    long and of wrong characters, in one request: each text keeps what its own mistakes are."""
    request = examples.load("bayesian")
    request["HyperParameterTuningJobName"] = "a" * 36
    request["TrainingJobDefinition"]["RoleArn"] = "SageMakerRole"
    request["TrainingJobDefinition"]["DefinitionName"] = "d_" * 40
    assert [(p.path, p.code) for p in validate(request)] == [
        ("HyperParameterTuningJobName", "maxLength"),
        ("TrainingJobDefinition.DefinitionName", "maxLength"),
        ("TrainingJobDefinition.DefinitionName", "pattern"),
        ("TrainingJobDefinition.RoleArn", "pattern"),
    ]


@pytest.mark.parametrize(
    ("written", "meant"), [("Log", "Logarithmic"), ("Rev", "ReverseLogarithmic"), ("lin", "Linear")]
)
def test_the_beginning_of_an_allowed_value_gets_a_did_you_mean(written: str, meant: str) -> None:
    request = examples.load("bayesian")
    ranges = request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["ContinuousParameterRanges"][0]["ScalingType"] = written
    (problem,) = validate(request)
    assert problem.code == "enum"
    assert f"(did you mean {meant}?)" in problem.message


def test_a_beginning_of_two_values_gets_none() -> None:
    """ "Rev" starts one value; "Lo" is too short to stand for one."""
    request = examples.load("bayesian")
    ranges = request["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["ContinuousParameterRanges"][0]["ScalingType"] = "Lo"
    (problem,) = validate(request)
    assert "did you mean" not in problem.message
