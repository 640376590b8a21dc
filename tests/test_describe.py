"""from_describe and warm_start_from: from a DescribeHyperParameterTuningJob response back to a
request, through moto (in-process, no network) and through hand-made responses.

What moto 5.2.5 does with a tuning job: it stores every request member as sent and returns
each one unchanged in the Describe response (members, values and types alike; nothing is
dropped or altered, so the round trip below is compared in full), except ``Tags``, which no
Describe response carries. It adds fixed response-only members (ARN, status, times, counters,
best training jobs, ...) but not what SageMaker adds: no ``_tuning_objective_metric`` among the
static hyperparameters and no defaults filled in. The hand-made responses cover those.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.stub import Stubber

from hpt_request import (
    CreateHyperParameterTuningJobRequest,
    HyperParameterTuningJobWarmStartType,
    RequestValidationError,
    from_wire,
    to_wire,
    validate,
)
from hpt_request.aws.boto import submit
from hpt_request.aws.describe import REQUEST_MEMBERS, from_describe, warm_start_from
from hpt_request.model import examples
from tests.corpus import golden_valid

REGION = "us-east-1"
VALID = golden_valid()
SINGLE = examples.load("spot")
MULTI = examples.load("multi-algorithm")
FALSY = VALID["golden/falsy_values"]
CREATED = datetime(2024, 7, 1, 9, 30, tzinfo=timezone.utc)
ENDED = datetime(2024, 7, 1, 17, 5, 12, 345000, tzinfo=timezone.utc)
SERVICE_HYPERPARAMETER = "_tuning_objective_metric"


def without_tags(wire: Mapping[str, Any]) -> dict[str, Any]:
    return {member: value for member, value in wire.items() if member != "Tags"}


def codes(error: RequestValidationError) -> list[tuple[str, str]]:
    return [(problem.path, problem.code) for problem in error.problems]


def training_job_summary(name: str) -> dict[str, Any]:
    return {
        "TrainingJobName": f"{name}-007-1a2b3c4d",
        "TrainingJobArn": f"arn:aws:sagemaker:{REGION}:123456789012:training-job/{name}-007",
        "CreationTime": CREATED,
        "TrainingStartTime": CREATED,
        "TrainingEndTime": ENDED,
        "TrainingJobStatus": "Completed",
        "TunedHyperParameters": {"lr": "0.0031"},
        "FinalHyperParameterTuningJobObjectiveMetric": {"MetricName": "loss", "Value": 0.0},
        "ObjectiveStatus": "Succeeded",
    }


def describe_of(wire: Mapping[str, Any], *, service_hyperparameter: bool = True) -> dict[str, Any]:
    """What SageMaker's Describe returns for a job created with ``wire``: no Tags, every
    response-only member (datetimes, zero counters, an empty FailureReason), ResponseMetadata,
    and SageMaker's ``_tuning_objective_metric`` in each definition's static hyperparameters."""
    response = copy.deepcopy(without_tags(wire))
    name = response["HyperParameterTuningJobName"]
    config_objective = response["HyperParameterTuningJobConfig"].get(
        "HyperParameterTuningJobObjective"
    )
    definitions = [response["TrainingJobDefinition"]] if "TrainingJobDefinition" in wire else []
    definitions += response.get("TrainingJobDefinitions", [])
    for definition in definitions if service_hyperparameter else []:
        objective = definition.get("TuningObjective") or config_objective
        static = definition.setdefault("StaticHyperParameters", {})
        static[SERVICE_HYPERPARAMETER] = objective["MetricName"]
    response.update(
        {
            "HyperParameterTuningJobArn": (
                f"arn:aws:sagemaker:{REGION}:123456789012:hyper-parameter-tuning-job/{name}"
            ),
            "HyperParameterTuningJobStatus": "Completed",
            "CreationTime": CREATED,
            "HyperParameterTuningEndTime": ENDED,
            "LastModifiedTime": ENDED,
            "TrainingJobStatusCounters": {
                "Completed": 12,
                "InProgress": 0,
                "RetryableError": 0,
                "NonRetryableError": 0,
                "Stopped": 0,
            },
            "ObjectiveStatusCounters": {"Succeeded": 12, "Pending": 0, "Failed": 0},
            "BestTrainingJob": training_job_summary(name),
            "OverallBestTrainingJob": training_job_summary(name),
            "FailureReason": "",
            "TuningJobCompletionDetails": {
                "NumberOfTrainingJobsObjectiveNotImproving": 0,
                "ConvergenceDetectedTime": ENDED,
            },
            "ConsumedResources": {"RuntimeInSeconds": 0},
            "ResponseMetadata": {
                "RequestId": "5f0b3a43-6b36-4c4e-9a53-0d3c1a0f9e11",
                "HTTPStatusCode": 200,
                "HTTPHeaders": {"content-type": "application/x-amz-json-1.1"},
                "RetryAttempts": 0,
            },
        }
    )
    return response


@pytest.fixture
def sagemaker() -> Any:
    """A SageMaker client with fake credentials (for the Stubber: nothing is sent)."""
    return boto3.client(
        "sagemaker",
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def described(client: Any, name: str) -> dict[str, Any]:
    response: dict[str, Any] = client.describe_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name
    )
    return response


# -- through moto ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(VALID))
def test_moto_round_trip(name: str, moto_sagemaker: Any) -> None:
    """Create the job in moto, describe it: from_describe gives back the request that created
    it, Tags aside, as equal dicts and as the same JSON text (spec member order)."""
    wire = VALID[name]
    moto_sagemaker.create_hyper_parameter_tuning_job(**wire)
    describe = described(moto_sagemaker, wire["HyperParameterTuningJobName"])
    assert isinstance(describe["CreationTime"], datetime)  # a real response, response-only
    assert "ResponseMetadata" in describe  # members and all
    assert "Tags" not in describe
    request = from_describe(describe)
    assert to_wire(request) == without_tags(wire)
    assert json.dumps(to_wire(request)) == json.dumps(without_tags(wire))


def test_moto_warm_start_end_to_end(moto_sagemaker: Any) -> None:
    """Parent created and described in moto; the child from warm_start_from is submitted
    (checked against the parent) and described back as the same request."""
    client = moto_sagemaker
    client.create_hyper_parameter_tuning_job(**SINGLE)
    parent = described(client, SINGLE["HyperParameterTuningJobName"])
    child = warm_start_from(parent, name="seg-unet-spot-0702")
    submit(child, client, strict=True, parents=[parent])
    child_describe = described(client, "seg-unet-spot-0702")
    assert child_describe["WarmStartConfig"] == {
        "ParentHyperParameterTuningJobs": [
            {"HyperParameterTuningJobName": SINGLE["HyperParameterTuningJobName"]}
        ],
        "WarmStartType": "TransferLearning",
    }
    assert from_describe(child_describe) == child


# -- hand-made Describe responses ------------------------------------------------------------------


@pytest.mark.parametrize("wire", [SINGLE, MULTI, FALSY], ids=["single", "multi", "falsy"])
def test_hand_made_responses_are_real_describe_responses(wire: dict[str, Any]) -> None:
    """botocore's check of the DescribeHyperParameterTuningJob output shape accepts the
    hand-made responses (the Stubber validates every queued response)."""
    client = boto3.client(
        "sagemaker", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x"
    )
    response = describe_of(wire)
    with Stubber(client) as stubber:
        stubber.add_response("describe_hyper_parameter_tuning_job", response)
        assert described(client, wire["HyperParameterTuningJobName"]) == response


@pytest.mark.parametrize("wire", [SINGLE, MULTI, FALSY], ids=["single", "multi", "falsy"])
def test_from_describe_drops_response_only_members_and_the_service_hyperparameter(
    wire: dict[str, Any],
) -> None:
    """Response-only members, ResponseMetadata and _tuning_objective_metric (in every
    definition) are dropped; every request member comes back as created, Tags aside."""
    request = from_describe(describe_of(wire))
    assert isinstance(request, CreateHyperParameterTuningJobRequest)
    assert to_wire(request) == without_tags(wire)
    assert json.dumps(to_wire(request)) == json.dumps(without_tags(wire))


def test_from_describe_keeps_falsy_values() -> None:
    """0, False, "" and [] in request members survive, each at its place."""
    sent = to_wire(from_describe(describe_of(FALSY)))
    config, definition = sent["HyperParameterTuningJobConfig"], sent["TrainingJobDefinition"]
    assert config["RandomSeed"] == 0
    assert config["ParameterRanges"]["CategoricalParameterRanges"] == []
    assert definition["StaticHyperParameters"]["resume-from"] == ""
    assert definition["ResourceConfig"]["KeepAlivePeriodInSeconds"] == 0
    assert definition["InputDataConfig"][0]["ShuffleConfig"] == {"Seed": 0}
    assert definition["EnableNetworkIsolation"] is False
    assert definition["Environment"]["EXTRA_PIP_ARGS"] == ""


def test_from_describe_drops_static_hyperparameters_sagemaker_alone_filled() -> None:
    """When _tuning_objective_metric was the only static hyperparameter, the request had none:
    StaticHyperParameters is left out."""
    wire = copy.deepcopy(SINGLE)
    del wire["TrainingJobDefinition"]["StaticHyperParameters"]
    assert validate(wire) == []
    describe = describe_of(wire)
    assert list(describe["TrainingJobDefinition"]["StaticHyperParameters"]) == [
        SERVICE_HYPERPARAMETER
    ]
    assert to_wire(from_describe(describe)) == without_tags(wire)


def test_from_describe_does_not_modify_its_input() -> None:
    """The response dict is left as it was, _tuning_objective_metric included."""
    describe = describe_of(MULTI)
    before = copy.deepcopy(describe)
    from_describe(describe, name="another-name")
    warm_start_from(describe_of(SINGLE), name="another-name")
    assert describe == before


def test_from_describe_name_replaces_the_job_name() -> None:
    """name= gives the request a new name and changes nothing else."""
    request = from_describe(describe_of(SINGLE), name="seg-unet-spot-0702")
    assert request.hyper_parameter_tuning_job_name == "seg-unet-spot-0702"
    expected = without_tags(SINGLE) | {"HyperParameterTuningJobName": "seg-unet-spot-0702"}
    assert to_wire(request) == expected


def test_from_describe_keeps_tags_added_by_the_caller() -> None:
    """Tags is a request member: if the caller merged it into the response, it is kept."""
    describe = describe_of(SINGLE) | {"Tags": SINGLE["Tags"]}
    assert to_wire(from_describe(describe)) == SINGLE


def test_request_members_come_from_the_model() -> None:
    """The kept members are exactly the request shape's, and every one of them but Tags is a
    member of botocore's Describe response shape."""
    service = botocore.session.get_session().get_service_model("sagemaker")
    describe = service.shape_for("DescribeHyperParameterTuningJobResponse")
    request = service.operation_model("CreateHyperParameterTuningJob").input_shape
    assert list(REQUEST_MEMBERS) == list(request.members)
    assert set(REQUEST_MEMBERS) - set(describe.members) == {"Tags"}


# -- bad input -------------------------------------------------------------------------------------


class Exploding(Mapping[str, Any]):
    """A mapping that fails on every read."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("boom")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("boom")

    def __len__(self) -> int:
        return 1

    def __contains__(self, key: object) -> bool:
        return True


@pytest.mark.parametrize("value", [None, [], "{}", 5, b"{}", describe_of])
def test_from_describe_rejects_what_is_not_a_response(value: Any) -> None:
    """Anything but a mapping raises RequestValidationError (code "type" at the root)."""
    with pytest.raises(RequestValidationError) as raised:
        from_describe(value)
    assert codes(raised.value) == [("", "type")]
    with pytest.raises(RequestValidationError) as raised:
        warm_start_from(value, name="child")
    assert codes(raised.value) == [("", "type")]


def test_from_describe_reports_missing_members_by_wire_path() -> None:
    """An empty response, or one without its configuration, names each missing member."""
    with pytest.raises(RequestValidationError) as raised:
        from_describe({"ResponseMetadata": {}})
    assert set(codes(raised.value)) == {
        ("HyperParameterTuningJobName", "required"),
        ("HyperParameterTuningJobConfig", "required"),
        # one pass: the rules see that no training job definition was given either
        ("TrainingJobDefinition", "definition-exactly-one"),
    }
    describe = describe_of(SINGLE)
    del describe["HyperParameterTuningJobConfig"]
    with pytest.raises(RequestValidationError) as raised:
        from_describe(describe, name="fine-name")
    assert codes(raised.value) == [("HyperParameterTuningJobConfig", "required")]


def test_from_describe_reports_garbage_by_wire_path() -> None:
    """Bad values inside request members, a bad name= and a broken rule are reported at their
    wire paths; garbage in response-only members is ignored."""
    describe = describe_of(SINGLE)
    describe["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = "3"
    describe["TrainingJobDefinition"]["Environment"] = [object()]
    describe["BestTrainingJob"] = object()
    with pytest.raises(RequestValidationError) as raised:
        from_describe(describe, name="bad name!")
    assert set(codes(raised.value)) == {
        ("HyperParameterTuningJobName", "pattern"),
        ("HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs", "type"),
        ("TrainingJobDefinition.Environment", "type"),
    }
    ruled = describe_of(SINGLE)
    ruled["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]["MetricName"] = "x"
    with pytest.raises(RequestValidationError) as raised:
        from_describe(ruled)
    assert codes(raised.value) == [
        (
            "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.MetricName",
            "objective-metric-defined",
        )
    ]


def test_from_describe_never_raises_anything_else() -> None:
    """A mapping that fails on every read still gives RequestValidationError."""
    with pytest.raises(RequestValidationError) as raised:
        from_describe(Exploding())
    assert [problem.code for problem in raised.value.problems] == ["unreadable"]


# -- warm_start_from -------------------------------------------------------------------------------


def test_warm_start_from_builds_a_clean_child() -> None:
    """Same configuration, new name, the parent as single WarmStartConfig parent with
    TransferLearning; it validates clean, strictly, against the parent too."""
    parent = describe_of(SINGLE)
    child = warm_start_from(parent, name="seg-unet-spot-0702")
    assert validate(child, strict=True) == []
    assert validate(child, strict=True, parents=[parent]) == []
    wire = to_wire(child)
    assert wire["HyperParameterTuningJobName"] == "seg-unet-spot-0702"
    assert wire["WarmStartConfig"] == {
        "ParentHyperParameterTuningJobs": [
            {"HyperParameterTuningJobName": SINGLE["HyperParameterTuningJobName"]}
        ],
        "WarmStartType": "TransferLearning",
    }
    same = {"HyperParameterTuningJobName": SINGLE["HyperParameterTuningJobName"]}
    assert without_tags(wire | same) == without_tags(SINGLE) | {
        "WarmStartConfig": wire["WarmStartConfig"]
    }


@pytest.mark.parametrize(
    "warm_start_type",
    [
        HyperParameterTuningJobWarmStartType.IDENTICAL_DATA_AND_ALGORITHM,
        "IdenticalDataAndAlgorithm",
    ],
)
def test_warm_start_from_takes_the_enum_or_its_exact_string(warm_start_type: Any) -> None:
    """IdenticalDataAndAlgorithm given as the member or its string gives the same child."""
    parent = describe_of(SINGLE)
    child = warm_start_from(parent, name="seg-unet-spot-0702", warm_start_type=warm_start_type)
    warm = child.warm_start_config
    assert warm is not None
    assert warm.warm_start_type is HyperParameterTuningJobWarmStartType.IDENTICAL_DATA_AND_ALGORITHM
    assert validate(child, strict=True, parents=[parent]) == []


@pytest.mark.parametrize("warm_start_type", ["transferlearning", "Identical", "", 1, None])
def test_warm_start_from_rejects_an_unknown_type(warm_start_type: Any) -> None:
    """A warm start type that is not one of the enum's exact strings is reported at
    WarmStartConfig.WarmStartType."""
    with pytest.raises(RequestValidationError) as raised:
        warm_start_from(describe_of(SINGLE), name="child", warm_start_type=warm_start_type)
    assert {path for path, _ in codes(raised.value)} == {"WarmStartConfig.WarmStartType"}


@pytest.mark.parametrize("name", ["seg-unet-spot-0701", "SEG-UNET-SPOT-0701"])
def test_warm_start_from_refuses_the_parents_name(name: str) -> None:
    """The child cannot take the parent's name, in any letter case."""
    with pytest.raises(RequestValidationError) as raised:
        warm_start_from(describe_of(SINGLE), name=name)
    assert codes(raised.value) == [("HyperParameterTuningJobName", "warm-start-own-parent")]


def test_warm_start_from_reports_a_bad_name() -> None:
    """A name the API does not allow is reported at HyperParameterTuningJobName."""
    with pytest.raises(RequestValidationError) as raised:
        warm_start_from(describe_of(SINGLE), name="child_1")
    assert codes(raised.value) == [("HyperParameterTuningJobName", "pattern")]


def test_warm_start_from_refuses_a_multi_algorithm_parent() -> None:
    """A parent with TrainingJobDefinitions cannot be warm-started from."""
    with pytest.raises(RequestValidationError) as raised:
        warm_start_from(describe_of(MULTI), name="child")
    assert codes(raised.value) == [("WarmStartConfig", "multi-no-warm-start")]
    assert "TrainingJobDefinitions" in str(raised.value)


def test_warm_start_from_replaces_the_parents_own_warm_start() -> None:
    """A parent that was itself warm-started gives a child whose single parent is that
    parent."""
    wire = examples.load("warm-start")
    assert len(wire["WarmStartConfig"]["ParentHyperParameterTuningJobs"]) == 3
    child = warm_start_from(describe_of(wire), name="defects-ic-transfer-v3")
    warm = to_wire(child)["WarmStartConfig"]
    assert warm["ParentHyperParameterTuningJobs"] == [
        {"HyperParameterTuningJobName": "defects-ic-transfer-v2"}
    ]
    assert from_wire(to_wire(child)) == child


# -- a Describe response where a request is expected ------------------------------------------


def test_a_describe_response_given_as_a_request_is_one_problem(moto_sagemaker: Any) -> None:
    """validate() and from_wire() given a real Describe response (moto's, as boto3 returns it)
    report one describe-response problem pointing at from_describe, not one per member."""
    moto_sagemaker.create_hyper_parameter_tuning_job(**SINGLE)
    describe = described(moto_sagemaker, SINGLE["HyperParameterTuningJobName"])
    for strict in (False, True):
        (problem,) = validate(describe, strict=strict)
        assert (problem.path, problem.code, problem.blocking) == ("", "describe-response", True)
        assert "from_describe(" in problem.message
        assert "hpt-request from-describe" in problem.message
        assert "HyperParameterTuningJobStatus" in problem.message
    assert validate(describe, rules=False) == validate(describe)
    with pytest.raises(RequestValidationError) as raised:
        from_wire(describe)
    assert codes(raised.value) == [("", "describe-response")]
    assert to_wire(from_describe(describe)) == without_tags(SINGLE)  # the suggested way works


def test_a_request_with_one_response_member_is_not_a_describe_response() -> None:
    """A request with a stray CreationTime alone keeps the ordinary unknown-member problem."""
    request = {**SINGLE, "CreationTime": "2024-07-01T09:30:00Z"}
    assert [(p.path, p.code) for p in validate(request)] == [
        ("CreationTime", "additionalProperties")
    ]


def test_the_command_line_reports_a_saved_describe_response_once(
    moto_sagemaker: Any, tmp_path: Any
) -> None:
    """`hpt-request validate` on a Describe response saved as JSON (datetimes as ISO text, as the
    AWS CLI writes them) prints one describe-response problem and exits 1."""
    from tests.test_cli import run

    moto_sagemaker.create_hyper_parameter_tuning_job(**MULTI)
    describe = described(moto_sagemaker, MULTI["HyperParameterTuningJobName"])
    describe.pop("ResponseMetadata")
    path = tmp_path / "describe.json"
    path.write_text(json.dumps(describe, default=datetime.isoformat, indent=1), encoding="utf-8")
    result = run("validate", str(path), "--format", "json")
    assert result.returncode == 1
    (report,) = json.loads(result.stdout)["files"]
    assert [(p["code"], p["line"]) for p in report["problems"]] == [("describe-response", 1)]
    assert "hpt-request from-describe" in report["problems"][0]["message"]


# The metric definitions DescribeTrainingJob lists for the built-in XGBoost, as quoted in
# aws/sagemaker-xgboost-container#121 (the service adds them; the request had none).
XGBOOST_OWN_METRICS = [
    {
        "Name": "train:mae",
        "Regex": ".*\\[[0-9]+\\].*#011train-mae:([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*",
    },
    {
        "Name": "validation:aucpr",
        "Regex": ".*\\[[0-9]+\\].*#011validation-aucpr:"
        "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*",
    },
]


def test_from_describe_drops_the_metrics_the_service_lists_for_a_built_in_algorithm() -> None:
    """A built-in algorithm's job, described as the service writes it (its own metric
    definitions added): the request from it is one AWS accepts, without them."""
    wire = examples.load("bayesian")
    assert "MetricDefinitions" not in wire["TrainingJobDefinition"]["AlgorithmSpecification"]
    described = copy.deepcopy(wire)
    described["TrainingJobDefinition"]["AlgorithmSpecification"]["MetricDefinitions"] = (
        XGBOOST_OWN_METRICS
    )
    assert "builtin-no-metric-definitions" in {p.code for p in validate(described)}
    request = from_describe(describe_of(described))
    assert to_wire(request) == without_tags(wire)
    assert validate(request) == []


def test_from_describe_keeps_the_metrics_of_a_script_on_a_built_in_image() -> None:
    """In framework mode (the SDK's sagemaker_program) the metrics are the user's: kept."""
    wire = examples.load("bayesian")
    definition = wire["TrainingJobDefinition"]
    definition["StaticHyperParameters"] = {
        "sagemaker_program": "train.py",
        "sagemaker_submit_directory": "s3://example-bucket/code/source.tar.gz",
    }
    metric = wire["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"]["MetricName"]
    definition["AlgorithmSpecification"]["MetricDefinitions"] = [
        {"Name": metric, "Regex": "auc=([0-9.]+)"}
    ]
    sent = to_wire(from_describe(describe_of(wire)))
    assert sent["TrainingJobDefinition"]["AlgorithmSpecification"]["MetricDefinitions"] == [
        {"Name": metric, "Regex": "auc=([0-9.]+)"}
    ]


def test_a_create_response_given_as_a_request_is_one_problem() -> None:
    """What boto3's create_hyper_parameter_tuning_job returns (the job's ARN and the response's
    metadata), given where a request is expected: one create-response problem, not one per
    missing and unknown member."""
    arn = "arn:aws:sagemaker:us-west-2:111122223333:hyper-parameter-tuning-job/tune"
    for response in (
        {"HyperParameterTuningJobArn": arn},
        {"HyperParameterTuningJobArn": arn, "ResponseMetadata": {"HTTPStatusCode": 200}},
    ):
        (problem,) = validate(response)
        assert problem.code == "create-response"
        assert "from-describe" in problem.message
    # a request that has the ARN among its own members is not taken for a response
    codes = {p.code for p in validate({"HyperParameterTuningJobArn": arn, "Tags": []})}
    assert "create-response" not in codes
