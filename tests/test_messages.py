"""Messages people can act on, through the command line: EC2 instance names, patterns in words,
empty strings, YAML booleans, Describe responses, and grammar.

``tests/data/cli-skeleton.json`` is the AWS CLI's own skeleton, made with
``aws sagemaker create-hyper-parameter-tuning-job --generate-cli-skeleton input`` (awscli 1.46.3
on botocore 1.44.5, the pinned model); see ``tests/data/SOURCES.md``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from hpt_request.model import examples
from tests.test_cli import run

DATA = Path(__file__).parent / "data"


def _problems(tmp_path: Path, data: Any, *, name: str = "request.json") -> list[dict[str, Any]]:
    path = tmp_path / name
    path.write_text(json.dumps(data) if name.endswith(".json") else data, encoding="utf-8")
    result = run("validate", "--format", "json", str(path))
    problems: list[dict[str, Any]] = json.loads(result.stdout)["files"][0]["problems"]
    return problems


def test_ec2_instance_name_suggests_the_ml_prefix(tmp_path: Path) -> None:
    """m5.xlarge is answered with ml.m5.xlarge, not a distant enum member."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = "m5.xlarge"
    (problem,) = _problems(tmp_path, request)
    assert problem["code"] == "enum"
    assert "did you mean ml.m5.xlarge?" in problem["message"]


@pytest.mark.parametrize(
    ("path", "value", "words", "culprit"),
    [
        (("HyperParameterTuningJobName",), "churn xgb", "letters, digits and hyphens", "a space"),
        (("HyperParameterTuningJobName",), "churn_xgb", "letters, digits and hyphens", '"_"'),
        (("HyperParameterTuningJobName",), "churn-", "letters, digits and hyphens", "hyphen"),
        (
            ("TrainingJobDefinition", "RoleArn"),
            "SageMakerRole-for-tuning",
            "IAM role ARN",
            "arn:aws",
        ),
        (
            ("TrainingJobDefinition", "OutputDataConfig", "S3OutputPath"),
            "my-bucket/out",
            "S3 URI",
            "s3://",
        ),
        (
            ("TrainingJobDefinition", "OutputDataConfig", "KmsKeyId"),
            "key id!",
            "KMS key",
            "a space",
        ),
    ],
)
def test_patterns_in_words(
    tmp_path: Path, path: tuple[str, ...], value: str, words: str, culprit: str
) -> None:
    """A pattern problem says what is allowed in words and what broke it; the regex stays."""
    request = examples.load("bayesian")
    target = request
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    problems = [p for p in _problems(tmp_path, request) if p["code"] == "pattern"]
    (problem,) = problems
    assert words in problem["message"]
    assert culprit in problem["message"]
    assert "(pattern " in problem["message"]


def test_a_bad_map_key_is_explained(tmp_path: Path) -> None:
    """An environment variable name starting with a digit says what names may be."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["Environment"] = {"1ABC": "x"}
    (problem,) = _problems(tmp_path, request)
    assert problem["code"] == "propertyNames"
    assert "not starting with a digit" in problem["message"]
    assert problem["message"].count("not allowed") == 1


def test_an_empty_string_is_one_problem(tmp_path: Path) -> None:
    """ "" gets one problem saying the member must be filled in, not minLength plus pattern."""
    request = examples.load("bayesian")
    request["HyperParameterTuningJobName"] = ""
    request["TrainingJobDefinition"]["OutputDataConfig"]["S3OutputPath"] = ""
    problems = _problems(tmp_path, request)
    by_path = Counter(p["path"] for p in problems)
    assert by_path["HyperParameterTuningJobName"] == 1
    assert by_path["TrainingJobDefinition.OutputDataConfig.S3OutputPath"] == 1
    for problem in problems:
        if problem["path"] in by_path:
            assert "is empty; it must be filled in" in problem["message"]


def test_the_aws_cli_skeleton_gets_one_problem_per_empty_member(tmp_path: Path) -> None:
    """The AWS CLI's --generate-cli-skeleton output: each empty string that must be filled in is
    exactly one problem, which says so."""
    skeleton = json.loads((DATA / "cli-skeleton.json").read_text(encoding="utf-8"))
    problems = _problems(tmp_path, skeleton)
    per_path = Counter(p["path"] for p in problems if p["code"] in ("minLength", "pattern"))
    assert per_path
    assert max(per_path.values()) == 1
    empty = [p for p in problems if "is empty" in p["message"]]
    assert {p["code"] for p in empty} <= {"minLength", "pattern"}
    assert len(empty) == len(per_path)


def test_yaml_booleans_say_to_quote(tmp_path: Path) -> None:
    """A request file is read by YAML 1.2's rules, as the AWS CLI v2 reads it: an unquoted
    ``on`` or ``no`` is text there (no problem); ``true`` is a boolean where text is expected,
    and the message says to quote it."""
    text = examples.text("bayesian")
    data = json.loads(text)
    data["Tags"] = [{"Key": "PLACEHOLDER", "Value": "x"}]
    for word in ("on", "no", "yes", "off"):
        yaml_text = json.dumps(data, indent=2).replace('"PLACEHOLDER"', word)
        assert _problems(tmp_path, yaml_text, name="request.yaml") == [], word
    yaml_text = json.dumps(data, indent=2).replace('"PLACEHOLDER"', "true")
    (problem,) = _problems(tmp_path, yaml_text, name="request.yaml")
    assert problem["code"] == "type"
    assert "quotes" in problem["message"]
    assert "unquoted true and false are booleans" in problem["message"]


def test_an_unquoted_yaml_exponent_bound_says_to_quote(tmp_path: Path) -> None:
    """YAML 1.2 reads an unquoted 1e-05 as a number (YAML 1.1 read it as text): a range bound,
    which travels as a string, gets the advice to quote it."""
    data = examples.load("bayesian")
    ranges = data["HyperParameterTuningJobConfig"]["ParameterRanges"]
    ranges["ContinuousParameterRanges"][0]["MinValue"] = "PLACEHOLDER"
    yaml_text = json.dumps(data, indent=2).replace('"PLACEHOLDER"', "1e-05")
    (problem,) = _problems(tmp_path, yaml_text, name="request.yaml")
    assert problem["code"] == "type"
    assert problem["path"].endswith("ContinuousParameterRanges[0].MinValue")
    assert 'write "1e-05"' in problem["message"]
    assert "put it in quotes" in problem["message"]


def test_a_describe_response_is_one_problem(tmp_path: Path) -> None:
    """A saved Describe response gets one problem pointing at from-describe."""
    describe = examples.load("bayesian")
    describe["HyperParameterTuningJobStatus"] = "Completed"
    describe["CreationTime"] = "2024-06-01T10:00:00Z"
    describe["HyperParameterTuningJobArn"] = (
        "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/x"
    )
    (problem,) = _problems(tmp_path, describe)
    assert problem["code"] == "describe-response"
    assert "hpt-request from-describe" in problem["message"]
    assert problem["line"] == 1


def test_grammar_of_counts(tmp_path: Path) -> None:
    """Counts agree with their nouns: "at least 20 characters are required", "1 item"."""
    from hpt_request.schema.engines import _length_message

    assert "at least 20 characters are required" in _length_message("minLength", {}, 20)(
        "RoleArn", "arn:aws:iam::1:r"
    )
    assert "at least 1 character is required" in _length_message("minLength", {}, 1)("Key", "x")
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["RoleArn"] = "arn:aws:iam::1:r"
    request["HyperParameterTuningJobConfig"]["ParameterRanges"]["CategoricalParameterRanges"] = [
        {"Name": "booster", "Values": []}
    ]
    messages = " ".join(p["message"] for p in _problems(tmp_path, request))
    assert "has 0 items; at least 1 item is required" in messages
    assert not re.search(r"\b1 (characters|items|entries)\b", messages)
    assert not re.search(r"\ba (integer|array|object)\b", messages)
