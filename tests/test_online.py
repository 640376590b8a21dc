"""The online pre-flight's framework and checks, against moto in-process and botocore's
Stubber: each check passes on a request whose resources exist and finds its defect; denied and
throttled calls give "not checked" notes; the operations called are exactly the listed ones."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from hpt_request import Problem
from hpt_request.aws.online import OPERATIONS, OnlineUnavailable, connect, validate_online
from hpt_request.aws.online import calls as online_calls
from hpt_request.aws.online import problems as online_problems
from tests import online_world as world
from tests.online_world import BUCKET, CHANNEL_URI, DEFINITION, NAME, REGION


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """moto in-process with fake credentials, the resources of the valid request made; gives
    a client factory."""
    for variable in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    with mock_aws():

        def client(service: str, region: str = REGION) -> Any:
            return boto3.client(service, region_name=region)

        world.build(client)
        yield client


def online(found: list[Problem]) -> list[tuple[str, str]]:
    """(path, code) of the online problems only."""
    return [(p.path, p.code) for p in found if p.code.startswith("online-")]


def path(*steps: str | int) -> str:
    from hpt_request.aws.online.found import path_of

    return path_of(steps)


# -- the framework --------------------------------------------------------------------------------


def test_operations_are_exactly_the_read_only_ones_listed() -> None:
    """The module can call these operations and no others, each a read."""
    assert set(OPERATIONS) == {
        ("sts", "GetCallerIdentity"),
        ("sagemaker", "DescribeHyperParameterTuningJob"),
        ("sagemaker", "ListHyperParameterTuningJobs"),
        ("sagemaker", "DescribeAlgorithm"),
        ("s3", "ListObjectsV2"),
        ("s3", "HeadObject"),
        ("s3", "HeadBucket"),
        ("iam", "GetRole"),
        ("iam", "SimulatePrincipalPolicy"),
        ("ecr", "DescribeImages"),
        ("kms", "DescribeKey"),
        ("ec2", "DescribeSubnets"),
        ("ec2", "DescribeSecurityGroups"),
        ("service-quotas", "ListServiceQuotas"),
        ("service-quotas", "ListAWSDefaultServiceQuotas"),
    }
    reads = ("Describe", "List", "Get", "Head", "Simulate")
    assert all(operation.startswith(reads) for _, operation in OPERATIONS)


def test_an_operation_not_listed_is_refused_before_anything_is_sent() -> None:
    """Calls.call raises for an operation outside OPERATIONS."""
    calls = online_calls.Calls(object(), region=REGION)
    with pytest.raises(ValueError, match="not one of"):
        calls.call("sagemaker", "CreateHyperParameterTuningJob")


def test_a_full_run_calls_only_listed_operations(aws: Any) -> None:
    """Every call a run makes (recorded as botocore sends it) is one of OPERATIONS."""
    sent: list[tuple[str, str]] = []
    session = boto3.Session(region_name=REGION)

    def recorder(model: Any, **_: Any) -> None:
        sent.append((model.service_model.service_name, model.name))

    session.events.register("before-call.*.*", recorder)
    found = validate_online(world.request(), session=session)
    assert online(found) == []
    assert sent
    assert set(sent) <= set(OPERATIONS)
    assert ("sts", "GetCallerIdentity") in sent


def test_a_request_whose_resources_exist_has_no_online_problem(aws: Any) -> None:
    """Nothing is reported on the valid request; its offline problems are the offline check's."""
    from hpt_request import validate

    request = world.request()
    found = validate_online(request)
    assert online(found) == []
    assert found == validate(request)


def test_no_credentials_is_refused_before_any_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without credentials connect raises OnlineUnavailable, naming what is missing."""
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", raising=False)
    monkeypatch.delenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", raising=False)
    with pytest.raises(OnlineUnavailable, match="no AWS credentials"):
        connect(boto3.Session(region_name=REGION))


def test_no_region_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a Region connect raises OnlineUnavailable."""
    for variable in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    with pytest.raises(OnlineUnavailable, match="no AWS Region"):
        connect(boto3.Session(aws_access_key_id="a", aws_secret_access_key="b"))


def test_no_network_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An endpoint nobody listens on (a closed loopback port) is OnlineUnavailable."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{_closed_port()}")
    session = boto3.Session(aws_access_key_id="a", aws_secret_access_key="b", region_name=REGION)
    with pytest.raises(OnlineUnavailable, match="no answer from AWS"):
        connect(session)


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class StubSession:
    """A stand-in for a boto3 session whose clients are botocore-stubbed (nothing is sent)."""

    def __init__(self) -> None:
        self.stubbers: dict[str, Stubber] = {}
        self.clients: dict[str, Any] = {}

    def stub(self, service: str) -> Stubber:
        if service not in self.clients:
            client = boto3.client(
                service,
                region_name=REGION,
                aws_access_key_id="a",
                aws_secret_access_key="b",
            )
            self.clients[service] = client
            self.stubbers[service] = Stubber(client)
            self.stubbers[service].activate()
        return self.stubbers[service]

    def client(self, service: str, **_: Any) -> Any:
        self.stub(service)
        return self.clients[service]


def stubbed_calls(session: StubSession) -> online_calls.Calls:
    return online_calls.Calls(session, region=REGION, account=world.ACCOUNT)


def only_name(wire: dict[str, Any]) -> dict[str, Any]:
    """The request with only the name left to check online (no definition)."""
    result = copy.deepcopy(wire)
    result.pop("TrainingJobDefinition")
    return result


def test_a_denied_call_is_a_note_naming_the_permission() -> None:
    """AccessDeniedException gives online-not-checked naming the IAM action, no error."""
    session = StubSession()
    session.stub("sagemaker").add_client_error(
        "describe_hyper_parameter_tuning_job",
        service_error_code="AccessDeniedException",
        service_message="User is not authorized",
        http_status_code=400,
    )
    found = online_problems(only_name(world.request()), stubbed_calls(session))
    assert [(p.path, p.code, p.severity) for p in found] == [
        ("HyperParameterTuningJobName", "online-not-checked", "warning")
    ]
    assert "sagemaker:DescribeHyperParameterTuningJob" in found[0].message
    session.stubbers["sagemaker"].assert_no_pending_responses()


def test_throttling_is_a_note_and_is_not_retried_by_us() -> None:
    """A throttled call is answered once (the stub holds one answer) and gives a note."""
    session = StubSession()
    session.stub("sagemaker").add_client_error(
        "describe_hyper_parameter_tuning_job",
        service_error_code="ThrottlingException",
        service_message="Rate exceeded",
        http_status_code=400,
    )
    found = online_problems(only_name(world.request()), stubbed_calls(session))
    assert [(p.code, p.severity) for p in found] == [("online-not-checked", "warning")]
    assert "ThrottlingException" in found[0].message
    session.stubbers["sagemaker"].assert_no_pending_responses()


def test_clients_are_bounded() -> None:
    """Clients get bounded timeouts and at most MAX_ATTEMPTS attempts in standard mode."""
    session = boto3.Session(aws_access_key_id="a", aws_secret_access_key="b")
    client = online_calls.Calls(session, region=REGION).client("sagemaker")
    config = client.meta.config
    assert config.connect_timeout == online_calls.CONNECT_TIMEOUT <= 5
    assert config.read_timeout == online_calls.READ_TIMEOUT <= 15
    assert config.retries["total_max_attempts"] == online_calls.MAX_ATTEMPTS <= 3
    assert config.retries["mode"] == "standard"


# -- check 1: the name ----------------------------------------------------------------------------


def test_name_in_use_is_an_error(aws: Any) -> None:
    """A tuning job of the same name exists: online-name-in-use at the name."""
    request = world.request()
    aws("sagemaker").create_hyper_parameter_tuning_job(**request)
    found = validate_online(request)
    assert online(found) == [("HyperParameterTuningJobName", "online-name-in-use")]
    assert "DescribeHyperParameterTuningJob" in found[0].message
    assert found[0].blocking


def test_name_free_passes(aws: Any) -> None:
    """Another job's name does not matter."""
    request = world.request()
    aws("sagemaker").create_hyper_parameter_tuning_job(
        **world.changed(request, ("HyperParameterTuningJobName",), "another-job")
    )
    assert online(validate_online(request)) == []


# -- check 2: the data ----------------------------------------------------------------------------


def test_empty_prefix_is_an_error(aws: Any) -> None:
    """An S3Prefix with no object under it: online-input-empty, found by ListObjectsV2."""
    request = world.changed(world.request(), CHANNEL_URI, f"s3://{BUCKET}/churn/2023-01/train/")
    found = [p for p in validate_online(request) if p.code.startswith("online-")]
    assert [(p.path, p.code) for p in found] == [(path(*CHANNEL_URI), "online-input-empty")]
    assert "ListObjectsV2" in found[0].message


def test_missing_input_bucket_is_an_error(aws: Any) -> None:
    """A bucket that does not exist: online-bucket-missing at the channel."""
    request = world.changed(world.request(), CHANNEL_URI, "s3://no-such-bucket-here/train/")
    assert online(validate_online(request)) == [(path(*CHANNEL_URI), "online-bucket-missing")]


def test_manifest_missing_and_present(aws: Any) -> None:
    """A ManifestFile channel: HeadObject finds the manifest or reports it missing."""
    data_type = (*CHANNEL_URI[:-1], "S3DataType")
    request = world.changed(world.request(), data_type, "ManifestFile")
    present = world.changed(request, CHANNEL_URI, f"s3://{BUCKET}/churn/2024-06/train/part-0.csv")
    assert online(validate_online(present)) == []
    missing = world.changed(request, CHANNEL_URI, f"s3://{BUCKET}/churn/train.manifest")
    assert online(validate_online(missing)) == [(path(*CHANNEL_URI), "online-manifest-missing")]


def test_output_and_checkpoint_buckets_must_exist(aws: Any) -> None:
    """The output and checkpoint buckets are checked with HeadBucket."""
    output = (*DEFINITION, "OutputDataConfig", "S3OutputPath")
    request = world.changed(world.request(), output, "s3://gone-bucket/out/")
    request["TrainingJobDefinition"]["CheckpointConfig"] = {"S3Uri": "s3://gone-too/ckpt/"}
    assert online(validate_online(request)) == [
        (path(*DEFINITION, "CheckpointConfig", "S3Uri"), "online-bucket-missing"),
        (path(*output), "online-bucket-missing"),
    ]


def test_bucket_in_another_region(aws: Any) -> None:
    """An input bucket in another Region is an error, an output bucket there a warning."""
    aws("s3").create_bucket(
        Bucket="eu-data", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    aws("s3").put_object(Bucket="eu-data", Key="train/a.csv", Body=b"1\n")
    output = (*DEFINITION, "OutputDataConfig", "S3OutputPath")
    request = world.changed(world.request(), CHANNEL_URI, "s3://eu-data/train/")
    request = world.changed(request, output, "s3://eu-data/out/")
    found = {(p.path, p.code, p.severity) for p in validate_online(request)}
    assert (path(*CHANNEL_URI), "online-bucket-region", "error") in found
    assert (path(*output), "online-bucket-region", "warning") in found


# -- guard(online=True) ---------------------------------------------------------------------------


def test_guard_online_blocks_a_name_in_use(aws: Any) -> None:
    """guard(client, online=True) raises for a name in use; the call is not sent."""
    from hpt_request import RequestValidationError, guard

    client = aws("sagemaker")
    request = world.request()
    client.create_hyper_parameter_tuning_job(**request)
    unguard = guard(client, online=True)
    try:
        with pytest.raises(RequestValidationError) as raised:
            client.create_hyper_parameter_tuning_job(**request)
    finally:
        unguard()
    assert [p.code for p in raised.value.problems if p.code.startswith("online-")] == [
        "online-name-in-use"
    ]


def test_guard_online_lets_a_good_request_through(aws: Any) -> None:
    """A request whose resources exist is created through the guarded client."""
    from hpt_request import guard

    client = aws("sagemaker")
    unguard = guard(client, online=True)
    try:
        client.create_hyper_parameter_tuning_job(**world.request())
    finally:
        unguard()
    listed = client.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]
    assert [job["HyperParameterTuningJobName"] for job in listed] == [NAME]
