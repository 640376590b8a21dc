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
from hpt_request.aws.online import OPERATIONS, OnlineUnavailable, connect, names, validate_online
from hpt_request.aws.online import calls as online_calls
from hpt_request.aws.online.run import problems as run_problems
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
        account = Account()
        world.build(account)
        yield account


class Account:
    """The mocked account: clients (``account("s3")``), the canned answers for what moto lacks,
    and the online check through a session that has them."""

    def __init__(self) -> None:
        self.canned = world.Canned()

    def __call__(self, service: str, region: str = REGION) -> Any:
        return boto3.client(service, region_name=region)

    def session(self) -> Any:
        return self.canned.install(boto3.Session(region_name=REGION))

    def check(self, request: object) -> list[Problem]:
        return validate_online(request, session=self.session())


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
    session = aws.session()

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
    found = aws.check(request)
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
    found = run_problems(only_name(world.request()), stubbed_calls(session), [names.tasks])
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
    found = run_problems(only_name(world.request()), stubbed_calls(session), [names.tasks])
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
    found = aws.check(request)
    assert online(found) == [("HyperParameterTuningJobName", "online-name-in-use")]
    assert "DescribeHyperParameterTuningJob" in found[0].message
    assert found[0].blocking


def test_name_free_passes(aws: Any) -> None:
    """Another job's name does not matter."""
    request = world.request()
    aws("sagemaker").create_hyper_parameter_tuning_job(
        **world.changed(request, ("HyperParameterTuningJobName",), "another-job")
    )
    assert online(aws.check(request)) == []


# -- check 2: the data ----------------------------------------------------------------------------


def test_empty_prefix_is_an_error(aws: Any) -> None:
    """An S3Prefix with no object under it: online-input-empty, found by ListObjectsV2."""
    request = world.changed(world.request(), CHANNEL_URI, f"s3://{BUCKET}/churn/2023-01/train/")
    found = [p for p in aws.check(request) if p.code.startswith("online-")]
    assert [(p.path, p.code) for p in found] == [(path(*CHANNEL_URI), "online-input-empty")]
    assert "ListObjectsV2" in found[0].message


def test_missing_input_bucket_is_an_error(aws: Any) -> None:
    """A bucket that does not exist: online-bucket-missing at the channel."""
    request = world.changed(world.request(), CHANNEL_URI, "s3://no-such-bucket-here/train/")
    assert online(aws.check(request)) == [(path(*CHANNEL_URI), "online-bucket-missing")]


def test_manifest_missing_and_present(aws: Any) -> None:
    """A ManifestFile channel: HeadObject finds the manifest or reports it missing."""
    data_type = (*CHANNEL_URI[:-1], "S3DataType")
    request = world.changed(world.request(), data_type, "ManifestFile")
    present = world.changed(request, CHANNEL_URI, f"s3://{BUCKET}/churn/2024-06/train/part-0.csv")
    assert online(aws.check(present)) == []
    missing = world.changed(request, CHANNEL_URI, f"s3://{BUCKET}/churn/train.manifest")
    assert online(aws.check(missing)) == [(path(*CHANNEL_URI), "online-manifest-missing")]


def test_output_and_checkpoint_buckets_must_exist(aws: Any) -> None:
    """The output and checkpoint buckets are checked with HeadBucket."""
    output = (*DEFINITION, "OutputDataConfig", "S3OutputPath")
    request = world.changed(world.request(), output, "s3://gone-bucket/out/")
    request["TrainingJobDefinition"]["CheckpointConfig"] = {"S3Uri": "s3://gone-too/ckpt/"}
    assert online(aws.check(request)) == [
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
    found = {(p.path, p.code, p.severity) for p in aws.check(request)}
    assert (path(*CHANNEL_URI), "online-bucket-region", "error") in found
    assert (path(*output), "online-bucket-region", "warning") in found


# -- guard(online=True) ---------------------------------------------------------------------------


def test_guard_online_blocks_a_name_in_use(aws: Any) -> None:
    """guard(client, online=True) raises for a name in use; the call is not sent."""
    from hpt_request import RequestValidationError, guard

    request = world.request()
    aws("sagemaker").create_hyper_parameter_tuning_job(**request)
    session = aws.session()
    unguard = guard(session, online=True)
    client = session.client("sagemaker")
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

    session = aws.session()
    unguard = guard(session, online=True)
    client = session.client("sagemaker")
    try:
        client.create_hyper_parameter_tuning_job(**world.request())
    finally:
        unguard()
    listed = client.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]
    assert [job["HyperParameterTuningJobName"] for job in listed] == [NAME]


# -- check 3: the role ----------------------------------------------------------------------------

ROLE = (*DEFINITION, "RoleArn")


def role_arn(name: str, account: str = world.ACCOUNT) -> str:
    return f"arn:aws:iam::{account}:role/{name}"


def test_role_missing_is_an_error(aws: Any) -> None:
    """A RoleArn naming no role: online-role-missing, found by GetRole."""
    found = aws.check(world.changed(world.request(), ROLE, role_arn("NoSuchRole")))
    assert online(found) == [(path(*ROLE), "online-role-missing")]
    assert "iam GetRole" in next(p.message for p in found if p.code == "online-role-missing")


def test_role_that_does_not_trust_sagemaker_is_an_error(aws: Any) -> None:
    """A role only EC2 may assume: online-role-trust."""
    import json

    trust = copy.deepcopy(world.TRUST)
    trust["Statement"][0]["Principal"] = {"Service": "ec2.amazonaws.com"}
    aws("iam").create_role(RoleName="Ec2Only", AssumeRolePolicyDocument=json.dumps(trust))
    found = aws.check(world.changed(world.request(), ROLE, role_arn("Ec2Only")))
    assert online(found) == [(path(*ROLE), "online-role-trust")]


def test_trust_policy_reading() -> None:
    """The trust reader: the service principal in a list, a wildcard action, text documents;
    what it cannot judge counts as trusting."""
    from hpt_request.aws.online.role import trusts_sagemaker

    allow = {"Effect": "Allow", "Action": ["sts:AssumeRole"]}
    assert trusts_sagemaker(
        {
            "Statement": [
                {
                    **allow,
                    "Principal": {"Service": ["ec2.amazonaws.com", "sagemaker.amazonaws.com"]},
                }
            ]
        }
    )
    assert trusts_sagemaker({"Statement": {**allow, "Action": "sts:*", "Principal": "*"}})
    assert not trusts_sagemaker(
        {"Statement": [{**allow, "Principal": {"Service": "ec2.amazonaws.com"}}]}
    )
    assert not trusts_sagemaker(
        {
            "Statement": [
                {**allow, "Effect": "Deny", "Principal": {"Service": "sagemaker.amazonaws.com"}}
            ]
        }
    )
    assert trusts_sagemaker("%7B%22Statement%22%3A%20%5B%5D%7D") is False
    assert trusts_sagemaker("not json")


def test_role_without_permission_implicit_is_a_warning(aws: Any) -> None:
    """The simulation allows no s3:GetObject: a warning (a bucket policy may allow it)."""
    aws.canned.denied["s3:GetObject"] = "implicitDeny"
    found = [p for p in aws.check(world.request()) if p.code.startswith("online-")]
    assert [(p.path, p.code, p.severity) for p in found] == [
        (path(*ROLE), "online-role-permission", "warning")
    ]
    assert "s3:GetObject" in found[0].message
    assert "SimulatePrincipalPolicy" in found[0].message


def test_role_explicitly_denied_is_an_error(aws: Any) -> None:
    """An explicit deny of s3:PutObject on the output: an error."""
    aws.canned.denied["s3:PutObject"] = "explicitDeny"
    found = [p for p in aws.check(world.request()) if p.code.startswith("online-")]
    assert [(p.path, p.code, p.severity) for p in found] == [
        (path(*ROLE), "online-role-permission", "error")
    ]
    assert "s3://" not in found[0].message
    assert f"arn:aws:s3:::{BUCKET}/churn/2024-06/tuning-output/*" in found[0].message


def test_simulation_denied_gives_notes_not_errors(aws: Any) -> None:
    """Without iam:SimulatePrincipalPolicy the permission checks are notes naming it."""
    aws.canned.errors["SimulatePrincipalPolicy"] = "AccessDenied"
    found = [p for p in aws.check(world.request()) if p.code.startswith("online-")]
    assert found
    assert {(p.code, p.severity) for p in found} == {("online-not-checked", "warning")}
    assert all("iam:SimulatePrincipalPolicy" in p.message for p in found)


def test_role_of_another_account_is_a_note(aws: Any) -> None:
    """A role of another account cannot be read: a note, no call."""
    found = aws.check(world.changed(world.request(), ROLE, role_arn("Other", "210987654321")))
    assert online(found) == [(path(*ROLE), "online-not-checked")]


# -- check 4: the image and the algorithm ---------------------------------------------------------

IMAGE = (*DEFINITION, "AlgorithmSpecification", "TrainingImage")
ALGORITHM = (*DEFINITION, "AlgorithmSpecification", "AlgorithmName")


def own_image(aws: Any, reference: str) -> str:
    """An image pushed to the caller's registry (repository "trainer", tag "v1"), and the
    request's URI for ``reference`` in it."""
    import json

    ecr = aws("ecr")
    ecr.create_repository(repositoryName="trainer")
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {},
        "layers": [],
    }
    ecr.put_image(repositoryName="trainer", imageManifest=json.dumps(manifest), imageTag="v1")
    return f"{world.ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{reference}"


def test_own_image_present_passes(aws: Any) -> None:
    """The caller's image with its tag exists: nothing reported."""
    request = world.changed(world.request(), IMAGE, own_image(aws, "trainer:v1"))
    assert online(aws.check(request)) == []


def test_own_image_tag_missing_is_an_error(aws: Any) -> None:
    """A tag that is not in the repository: online-image-missing, found by DescribeImages."""
    request = world.changed(world.request(), IMAGE, own_image(aws, "trainer:v2"))
    found = aws.check(request)
    assert online(found) == [(path(*IMAGE), "online-image-missing")]
    assert "DescribeImages" in next(p.message for p in found if p.code == "online-image-missing")


def test_own_repository_missing_is_an_error(aws: Any) -> None:
    """A repository that does not exist: online-image-missing."""
    own_image(aws, "trainer:v1")
    request = world.changed(
        world.request(), IMAGE, f"{world.ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/gone:v1"
    )
    assert online(aws.check(request)) == [(path(*IMAGE), "online-image-missing")]


def algorithm_request() -> dict[str, Any]:
    request = world.request()
    specification = request["TrainingJobDefinition"]["AlgorithmSpecification"]
    del specification["TrainingImage"]
    specification["AlgorithmName"] = "acme-boost"
    return request


def algorithm(**changes: Any) -> dict[str, Any]:
    """A DescribeAlgorithm response for acme-boost (ml.m5.xlarge, channels train and
    validation, tuning supported), with ``changes`` to its TrainingSpecification."""
    specification = {
        "TrainingImage": f"{world.ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/acme:1",
        "SupportedTrainingInstanceTypes": ["ml.m5.xlarge", "ml.m5.2xlarge"],
        "SupportsDistributedTraining": False,
        "SupportsHyperParameterTuning": True,
        "TrainingChannels": [
            {
                "Name": "train",
                "IsRequired": True,
                "SupportedContentTypes": ["text/csv"],
                "SupportedInputModes": ["File"],
            },
            {
                "Name": "validation",
                "IsRequired": False,
                "SupportedContentTypes": ["text/csv"],
                "SupportedInputModes": ["File"],
            },
        ],
        **changes,
    }
    return {
        "AlgorithmName": "acme-boost",
        "AlgorithmArn": f"arn:aws:sagemaker:{REGION}:{world.ACCOUNT}:algorithm/acme-boost",
        "CreationTime": "2024-01-01T00:00:00Z",
        "TrainingSpecification": specification,
        "AlgorithmStatus": "Completed",
        "AlgorithmStatusDetails": {},
    }


def test_algorithm_that_fits_passes(aws: Any) -> None:
    """An algorithm resource that supports the instance type and channels: nothing reported."""
    aws.canned.algorithms["acme-boost"] = algorithm()
    assert online(aws.check(algorithm_request())) == []


def test_algorithm_missing_is_an_error(aws: Any) -> None:
    """No algorithm of that name: online-algorithm-missing, found by DescribeAlgorithm."""
    found = aws.check(algorithm_request())
    assert online(found) == [(path(*ALGORITHM), "online-algorithm-missing")]


def test_algorithm_support_is_checked(aws: Any) -> None:
    """Instance type, channel names, required channels and tuning support: each an
    online-algorithm-support at its member."""
    aws.canned.algorithms["acme-boost"] = algorithm(
        SupportedTrainingInstanceTypes=["ml.c5.xlarge"],
        SupportsHyperParameterTuning=False,
        TrainingChannels=[
            {
                "Name": "train",
                "IsRequired": True,
                "SupportedContentTypes": ["text/csv"],
                "SupportedInputModes": ["File"],
            },
            {
                "Name": "labels",
                "IsRequired": True,
                "SupportedContentTypes": ["text/csv"],
                "SupportedInputModes": ["File"],
            },
        ],
    )
    assert sorted(online(aws.check(algorithm_request()))) == sorted(
        [
            (path(*ALGORITHM), "online-algorithm-support"),
            (path(*DEFINITION, "ResourceConfig", "InstanceType"), "online-algorithm-support"),
            (path(*DEFINITION, "InputDataConfig", 1, "ChannelName"), "online-algorithm-support"),
            (path(*DEFINITION, "InputDataConfig"), "online-algorithm-support"),
        ]
    )


# -- check 5: the warm start ----------------------------------------------------------------------

PARENT = ("WarmStartConfig", "ParentHyperParameterTuningJobs", 0, "HyperParameterTuningJobName")


def warm_started(parent: str = "hpt-online-parent") -> dict[str, Any]:
    request = world.request()
    request["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": parent}],
        "WarmStartType": "IdenticalDataAndAlgorithm",
    }
    return request


def make_parent(aws: Any, **definition_changes: Any) -> None:
    parent = world.changed(world.request(), ("HyperParameterTuningJobName",), "hpt-online-parent")
    parent["TrainingJobDefinition"].update(definition_changes)
    aws("sagemaker").create_hyper_parameter_tuning_job(**parent)


def test_parent_that_exists_and_matches_passes(aws: Any) -> None:
    """The parent exists, finished, with the same data and algorithm: nothing reported."""
    make_parent(aws)
    found = aws.check(warm_started())
    assert [(p.path, p.code) for p in found if "DescribeHyperParameterTuningJob" in p.message] == []
    assert online(found) == []


def test_parent_missing_is_an_error(aws: Any) -> None:
    """No job of the parent's name: online-parent-missing at the parent's name."""
    assert online(aws.check(warm_started())) == [(path(*PARENT), "online-parent-missing")]


def test_parent_response_feeds_the_offline_parent_checks(aws: Any) -> None:
    """A parent run with another image: the offline warm-start check, fed the Describe
    response, reports it (as it would with a --parents file), naming the call."""
    from hpt_request import validate

    make_parent(
        aws,
        AlgorithmSpecification={
            "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.5-1",
            "TrainingInputMode": "File",
        },
    )
    request = warm_started()
    offline = set(validate(request))
    added = [p for p in aws.check(request) if p not in offline and not p.code.startswith("online-")]
    assert [p.code for p in added] == ["warm-start-against-parents"]
    assert "DescribeHyperParameterTuningJob" in added[0].message
    assert "1.5-1" in added[0].message


# -- check 6: KMS keys and the VPC ----------------------------------------------------------------

KMS = (*DEFINITION, "OutputDataConfig", "KmsKeyId")


def test_kms_key_enabled_passes_disabled_and_missing_fail(aws: Any) -> None:
    """An enabled key passes; a disabled one and one that does not exist: online-kms-key."""
    kms = aws("kms")
    enabled = kms.create_key()["KeyMetadata"]["Arn"]
    assert online(aws.check(world.changed(world.request(), KMS, enabled))) == []
    disabled = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=disabled)
    found = aws.check(world.changed(world.request(), KMS, disabled))
    assert online(found) == [(path(*KMS), "online-kms-key")]
    assert "Disabled" in next(p.message for p in found if p.code == "online-kms-key")
    gone = "alias/no-such-key"
    assert online(aws.check(world.changed(world.request(), KMS, gone))) == [
        (path(*KMS), "online-kms-key")
    ]


def vpc_request(subnets: list[str], groups: list[str]) -> dict[str, Any]:
    request = world.request()
    request["TrainingJobDefinition"]["VpcConfig"] = {"Subnets": subnets, "SecurityGroupIds": groups}
    return request


def test_vpc_of_one_vpc_passes_others_fail(aws: Any) -> None:
    """Subnet and group of one VPC pass; a missing subnet, and a group of another VPC, fail."""
    ec2 = aws("ec2")
    first = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    second = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=first, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="a", Description="a", VpcId=first)["GroupId"]
    other = ec2.create_security_group(GroupName="b", Description="b", VpcId=second)["GroupId"]
    config = (*DEFINITION, "VpcConfig")
    assert online(aws.check(vpc_request([subnet], [group]))) == []
    assert online(aws.check(vpc_request([subnet, "subnet-0123456789abcdef0"], [group]))) == [
        (path(*config, "Subnets", 1), "online-vpc")
    ]
    assert online(aws.check(vpc_request([subnet], [other]))) == [(path(*config), "online-vpc")]


# -- check 7: quotas ------------------------------------------------------------------------------

INSTANCE = (*DEFINITION, "ResourceConfig", "InstanceType")


def test_quota_that_covers_the_parallel_jobs_passes(aws: Any) -> None:
    """5 parallel jobs of one ml.m5.xlarge and a quota of 20: nothing reported."""
    aws.canned.quotas = [world.quota("ml.m5.xlarge", 20), world.quota("ml.c5.xlarge", 0)]
    assert online(aws.check(world.request())) == []


def test_quota_of_zero_is_an_error_and_too_small_a_warning(aws: Any) -> None:
    """A quota of 0 cannot run one job (error); 3 cannot run 5 at once (warning)."""
    aws.canned.quotas = [world.quota("ml.m5.xlarge", 0)]
    found = [p for p in aws.check(world.request()) if p.code == "online-instance-quota"]
    assert [(p.path, p.severity) for p in found] == [(path(*INSTANCE), "error")]
    assert "ListServiceQuotas" in found[0].message
    aws.canned.quotas = [world.quota("ml.m5.xlarge", 3)]
    found = [p for p in aws.check(world.request()) if p.code == "online-instance-quota"]
    assert [(p.path, p.severity) for p in found] == [(path(*INSTANCE), "warning")]
    assert "need 5" in found[0].message


def test_instance_groups_add_up(aws: Any) -> None:
    """Two groups of ml.m5.xlarge (2 and 3) in a job, 5 parallel: 25 needed, 20 is short."""
    request = world.request()
    request["TrainingJobDefinition"]["ResourceConfig"] = {
        "InstanceGroups": [
            {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "InstanceGroupName": "a"},
            {"InstanceType": "ml.m5.xlarge", "InstanceCount": 3, "InstanceGroupName": "b"},
        ],
        "VolumeSizeInGB": 10,
    }
    aws.canned.quotas = [world.quota("ml.m5.xlarge", 20)]
    found = [p for p in aws.check(request) if p.code == "online-instance-quota"]
    assert [p.severity for p in found] == ["warning"]
    assert "need 25" in found[0].message


def test_default_quota_is_used_when_no_applied_value(aws: Any) -> None:
    """A type absent from the applied quotas is judged by the default one."""
    aws.canned.quotas = [world.quota("ml.c5.xlarge", 5)]
    aws.canned.default_quotas = [world.quota("ml.m5.xlarge", 0)]
    found = [p for p in aws.check(world.request()) if p.code == "online-instance-quota"]
    assert [p.severity for p in found] == ["error"]
    assert "ListAWSDefaultServiceQuotas" in found[0].message


def test_instance_type_without_quota_is_not_offered(aws: Any) -> None:
    """No quota of the type, applied or default, while others are listed: a warning."""
    aws.canned.quotas = [world.quota("ml.c5.xlarge", 5)]
    aws.canned.default_quotas = [world.quota("ml.c5.xlarge", 5)]
    assert online(aws.check(world.request())) == [(path(*INSTANCE), "online-instance-not-offered")]


def test_quotas_denied_is_a_note(aws: Any) -> None:
    """Without servicequotas:ListServiceQuotas: one note naming it."""
    aws.canned.errors["ListServiceQuotas"] = "AccessDeniedException"
    found = [p for p in aws.check(world.request()) if p.code.startswith("online-")]
    assert [(p.path, p.code) for p in found] == [(path(*INSTANCE), "online-not-checked")]
    assert "servicequotas:ListServiceQuotas" in found[0].message


def test_concurrent_tuning_jobs_at_the_limit_warn(aws: Any) -> None:
    """100 tuning jobs in progress: online-tuning-jobs-limit."""
    from hpt_request.aws.online import quotas

    session = StubSession()
    summaries = [
        {
            "HyperParameterTuningJobName": f"job-{n}",
            "HyperParameterTuningJobArn": (
                f"arn:aws:sagemaker:{REGION}:{world.ACCOUNT}:hyper-parameter-tuning-job/job-{n}"
            ),
            "HyperParameterTuningJobStatus": "InProgress",
            "Strategy": "Bayesian",
            "CreationTime": "2024-01-01T00:00:00Z",
            "TrainingJobStatusCounters": {},
            "ObjectiveStatusCounters": {},
        }
        for n in range(quotas.CONCURRENT_TUNING_JOBS)
    ]
    stub = session.stub("sagemaker")
    stub.add_response(
        "list_hyper_parameter_tuning_jobs", {"HyperParameterTuningJobSummaries": summaries}
    )
    found = quotas._tuning_jobs(stubbed_calls(session))
    assert [(p.code, p.severity) for p in found] == [("online-tuning-jobs-limit", "warning")]
    stub.add_response(
        "list_hyper_parameter_tuning_jobs", {"HyperParameterTuningJobSummaries": summaries[:3]}
    )
    assert quotas._tuning_jobs(stubbed_calls(session)) == []


def test_docs_policy_lists_exactly_the_operations() -> None:
    """The minimal IAM policy of docs/online.md holds exactly the permissions of OPERATIONS."""
    import json
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "online.md").read_text()
    policy = json.loads(re.search(r"```json\n(.*?)```", page, re.DOTALL).group(1))  # type: ignore[union-attr]
    needed = {action for action in OPERATIONS.values() if ":" in action}
    assert set(policy["Statement"][0]["Action"]) == needed
