"""The parts of check_tuner() that need no SDK: the capture of a request with nothing sent
(hpt_request.aws.capture), the comparison of settings with a request (hpt_request.aws.intent),
and the refusal of objects that are no SDK tuner. The SDK's own tuners are tried in
tests/test_sdk3_tuner.py and tests/test_sdk2_tuner.py."""

from __future__ import annotations

import copy
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from hpt_request import TunerError, check_tuner, examples
from hpt_request.aws.capture import CaptureError, captured_request
from hpt_request.aws.intent import Expected, compare


def _client() -> Any:
    return boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def test_the_capture_keeps_the_parameters_and_sends_nothing() -> None:
    """captured_request() returns the create call's parameters; the stubbed response stays
    queued, so the call never reached botocore's sending."""
    client = _client()
    request = examples.load("bayesian")
    with Stubber(client) as stub:
        stub.add_response("create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": "x"})
        captured = captured_request(lambda: client.create_hyper_parameter_tuning_job(**request))
        with pytest.raises(AssertionError):
            stub.assert_no_pending_responses()
    assert captured == request


def test_the_capture_stops_at_any_other_call_and_names_it() -> None:
    """A call other than the tuning request is not sent: CaptureError names it."""
    client = _client()
    with pytest.raises(CaptureError, match="sagemaker ListTrainingJobs") as caught:
        captured_request(client.list_training_jobs)
    assert caught.value.operation == "sagemaker.ListTrainingJobs"


def test_the_capture_needs_the_tuning_request() -> None:
    """A function that never makes the call is a CaptureError, and the patch is undone."""
    with pytest.raises(CaptureError, match="without making"):
        captured_request(lambda: None)
    client = _client()
    with Stubber(client) as stub:
        stub.add_response("list_training_jobs", {"TrainingJobSummaries": []})
        assert client.list_training_jobs()["TrainingJobSummaries"] == []


def test_an_exception_of_the_function_goes_out_unchanged() -> None:
    """What the function raises itself is not swallowed."""

    def broken() -> None:
        raise KeyError("inside the SDK")

    with pytest.raises(KeyError, match="inside the SDK"):
        captured_request(broken)


REQUEST: dict[str, Any] = {
    "HyperParameterTuningJobConfig": {"Strategy": "Random"},
    "TrainingJobDefinition": {
        "HyperParameterTuningResourceConfig": {"InstanceType": "ml.m5.xlarge"},
        "InputDataConfig": [
            {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3Uri": "s3://b/train"}}}
        ],
        "Environment": {"MODE": "fast"},
    },
    "Tags": [{"Key": "team", "Value": "churn"}],
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("HyperParameterTuningJobConfig.Strategy", "Random"),
        ("TrainingJobDefinition.ResourceConfig.InstanceType", "ml.m5.xlarge"),
        ("TrainingJobDefinition.EnableNetworkIsolation", False),
        ('TrainingJobDefinition.InputDataConfig[ChannelName="train"].ChannelName', "train"),
        ("TrainingJobDefinition.InputDataConfig[*].DataSource.S3DataSource.S3Uri", "s3://b/train"),
        ('TrainingJobDefinition.Environment["MODE"]', "fast"),
        ('Tags[Key="team"].Value', "churn"),
    ],
)
def test_settings_the_request_carries_are_no_problem(path: str, value: Any) -> None:
    """Each way a setting is looked up finds it: members, the resource config's other name,
    False as an absent boolean, channel and tag selectors, any item, map keys."""
    assert compare([Expected("setting", path, value)], copy.deepcopy(REQUEST)) == []


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        ("HyperParameterTuningJobConfig.RandomSeed", 0, "tuner-option-lost"),
        ("TrainingJobDefinition.EnableNetworkIsolation", True, "tuner-setting-lost"),
        ("HyperParameterTuningJobConfig.Strategy", "Bayesian", "tuner-setting-lost"),
        ('Tags[Key="team"].Value', "ml", "tuner-option-lost"),
        ('TrainingJobDefinition.Environment["MODE"]', "slow", "tuner-setting-lost"),
    ],
)
def test_settings_the_request_lacks_or_changes_are_reported(
    path: str, value: Any, code: str
) -> None:
    """A lost or changed setting is one problem at its wire member, error or warning."""
    [problem] = compare([Expected("tuner.x", path, value)], copy.deepcopy(REQUEST))
    assert problem.path == path
    assert problem.code == code
    assert problem.severity == ("warning" if code == "tuner-option-lost" else "error")
    assert problem.message.startswith("the tuner sets x=")


def test_a_true_boolean_is_not_the_number_one() -> None:
    """True asked, 1 found: a change, not a match."""
    request = {"TrainingJobDefinition": {"EnableManagedSpotTraining": 1}}
    wanted = Expected("tuner.spot", "TrainingJobDefinition.EnableManagedSpotTraining", True)
    assert [p.code for p in compare([wanted], request)] == ["tuner-setting-lost"]


@pytest.mark.parametrize("thing", [{"HyperParameterTuningJobConfig": {}}, "tuner", 5, None])
def test_objects_that_are_no_sdk_tuner_are_refused(thing: object) -> None:
    """check_tuner() on anything but an SDK tuner raises TunerError naming its type."""
    with pytest.raises(TunerError, match=f"not {type(thing).__module__}.{type(thing).__name__}"):
        check_tuner(thing)


def test_the_report_renders_without_the_sdk() -> None:
    """A TunerReport shows the request's summary with its problems in a notebook; a request
    that does not read shows its problems as a table; str() lists them, then the notes."""
    from hpt_request import TunerReport
    from hpt_request.model.errors import Problem

    lost = Problem(
        "TrainingJobDefinition.EnableNetworkIsolation",
        "tuner-setting-lost",
        "the ModelTrainer sets networking.enable_network_isolation=True, but ...",
    )
    report = TunerReport(examples.load("bayesian"), [lost], ["tuner.x: a note"])
    page = report._repr_html_()
    assert "hpt-request-summary" in page
    assert "rules.html#tuner-setting-lost" in page
    assert "<li>tuner.x: a note</li>" in page
    assert str(report).splitlines() == [
        "The request the SDK builds: 1 error, 0 warnings",
        f"  {lost}",
        "Not compared:",
        "  tuner.x: a note",
    ]
    unreadable = TunerReport({"HyperParameterTuningJobConfig": 5}, [lost], [])
    table = unreadable._repr_html_()
    assert "<code>TrainingJobDefinition.EnableNetworkIsolation</code>" in table
    assert "hpt-request-summary" not in table
    assert TunerReport(examples.load("bayesian"), [], []).blocking is False
