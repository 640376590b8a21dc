"""`hpt-request validate --online` end to end: moto's server on a loopback port, reached
through AWS_ENDPOINT_URL with dummy credentials, as botocore reaches any endpoint."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer  # moto[server], in the test extras

from hpt_request.cli import main
from tests import online_world as world
from tests.online_world import BUCKET, CHANNEL_URI, REGION


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """moto's server on 127.0.0.1 and a free port, for this module; gives its address."""
    port = _free_port()
    running = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    running.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.stop()


@pytest.fixture
def endpoint(server: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The environment pointing at the server (its state reset), the valid request's
    resources made; gives a client factory."""
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{server}/moto-api/reset", method="POST"))
    environment = {
        "AWS_ENDPOINT_URL": server,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_CONFIG_FILE": os.devnull,
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)

    canned = world.Canned()

    class CannedSession(boto3.Session):  # type: ignore[misc]  # boto3 has no type hints
        """The command line's session, with answers for what moto's server lacks."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            canned.install(self)

    monkeypatch.setattr(boto3, "Session", CannedSession)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)

    def client(service: str, region: str = REGION) -> Any:
        return boto3.client(service, region_name=region)

    world.build(client)
    client.canned = canned  # type: ignore[attr-defined]
    return client


def run(tmp_path: Path, request: dict[str, Any], *options: str) -> tuple[int, dict[str, Any], str]:
    """The command line on ``request`` as a file: (exit status, the JSON report, stderr)."""
    file = tmp_path / "tuning.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = main(
        ["validate", "--online", "--format", "json", *options, str(file)], out=out, err=err
    )
    return status, json.loads(out.getvalue()) if out.getvalue() else {}, err.getvalue()


def codes(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (problem["path"], problem["code"])
        for file in report["files"]
        for problem in file["problems"]
        if problem["code"].startswith("online-")
    ]


def test_valid_request_passes(endpoint: Any, tmp_path: Path) -> None:
    """Every resource exists: exit 0 and no online problem."""
    status, report, _ = run(tmp_path, world.request())
    assert (status, codes(report)) == (0, [])


def test_name_in_use_fails(endpoint: Any, tmp_path: Path) -> None:
    """A job of the same name exists: exit 1, online-name-in-use."""
    endpoint("sagemaker").create_hyper_parameter_tuning_job(**world.request())
    status, report, _ = run(tmp_path, world.request())
    assert (status, codes(report)) == (1, [("HyperParameterTuningJobName", "online-name-in-use")])


def test_empty_input_fails(endpoint: Any, tmp_path: Path) -> None:
    """No object under a channel's prefix: exit 1, online-input-empty at its S3Uri."""
    request = world.changed(world.request(), CHANNEL_URI, f"s3://{BUCKET}/nothing/here/")
    status, report, _ = run(tmp_path, request)
    from hpt_request.aws.online.found import path_of

    assert (status, codes(report)) == (1, [(path_of(CHANNEL_URI), "online-input-empty")])


def test_no_network_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No answer from the endpoint: exit 2 before any file is checked, the reason on stderr."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{_free_port()}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_REGION", REGION)
    status, report, err = run(tmp_path, world.request())
    assert (status, report) == (2, {})
    assert "no answer from AWS" in err


def test_no_credentials_is_exit_2(tmp_path: Path) -> None:
    """No credentials anywhere: exit 2 with a clear message (a process of its own, so that
    nothing of this process's environment helps)."""
    file = tmp_path / "tuning.json"
    file.write_text(json.dumps(world.request()), encoding="utf-8")
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_REGION": REGION,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
    }
    done = subprocess.run(
        [sys.executable, "-m", "hpt_request", "validate", "--online", str(file)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "no AWS credentials" in done.stderr
    assert done.stdout == ""


def test_without_online_no_aws_sdk_is_imported(tmp_path: Path) -> None:
    """The offline check imports neither botocore nor boto3."""
    file = tmp_path / "tuning.json"
    file.write_text(json.dumps(world.request()), encoding="utf-8")
    code = (
        "import sys\n"
        "from hpt_request.cli import main\n"
        f"status = main(['validate', {str(file)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('botocore', 'boto3'))\n"
        "print(status, loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stderr


def test_moto_gaps_are_notes_not_errors(server: str, tmp_path: Path, monkeypatch: Any) -> None:
    """Through the server alone (no canned answers), what moto does not implement (policy
    simulation, Service Quotas for SageMaker) is a not-checked note naming the permission,
    and the exit status stays 0."""
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{server}/moto-api/reset", method="POST"))
    for name, value in {
        "AWS_ENDPOINT_URL": server,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_CONFIG_FILE": os.devnull,
    }.items():
        monkeypatch.setenv(name, value)
    world.build(lambda service: boto3.Session(region_name=REGION).client(service))
    status, report, _ = run(tmp_path, world.request())
    notes = [
        problem
        for file in report["files"]
        for problem in file["problems"]
        if problem["code"].startswith("online-")
    ]
    assert status == 0
    assert notes
    assert {problem["code"] for problem in notes} == {"online-not-checked"}
    gaps = ("iam:SimulatePrincipalPolicy", "servicequotas:ListServiceQuotas")
    assert all(any(gap in problem["message"] for gap in gaps) for problem in notes)
    assert any("iam:SimulatePrincipalPolicy" in problem["message"] for problem in notes)


def test_role_missing_fails(endpoint: Any, tmp_path: Path) -> None:
    """A role that does not exist: exit 1, online-role-missing."""
    role = (*world.DEFINITION, "RoleArn")
    request = world.changed(world.request(), role, f"arn:aws:iam::{world.ACCOUNT}:role/Gone")
    status, report, _ = run(tmp_path, request)
    assert (status, codes(report)) == (
        1,
        [("TrainingJobDefinition.RoleArn", "online-role-missing")],
    )


def test_role_permission_warns(endpoint: Any, tmp_path: Path) -> None:
    """The simulation denies s3:ListBucket: a warning (exit 0), exit 1 with --strict."""
    endpoint.canned.denied["s3:ListBucket"] = "implicitDeny"
    status, report, _ = run(tmp_path, world.request())
    assert (status, codes(report)) == (
        0,
        [("TrainingJobDefinition.RoleArn", "online-role-permission")],
    )
    assert run(tmp_path, world.request(), "--strict")[0] == 1


def test_image_missing_fails(endpoint: Any, tmp_path: Path) -> None:
    """An image of the caller's registry that does not exist: exit 1, online-image-missing."""
    image = (*world.DEFINITION, "AlgorithmSpecification", "TrainingImage")
    uri = f"{world.ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/nothing:1"
    status, report, _ = run(tmp_path, world.changed(world.request(), image, uri))
    assert (status, codes(report)) == (
        1,
        [("TrainingJobDefinition.AlgorithmSpecification.TrainingImage", "online-image-missing")],
    )


def test_algorithm_missing_fails(endpoint: Any, tmp_path: Path) -> None:
    """An AlgorithmName no resource has: exit 1, online-algorithm-missing."""
    request = world.request()
    specification = request["TrainingJobDefinition"]["AlgorithmSpecification"]
    del specification["TrainingImage"]
    specification["AlgorithmName"] = "acme-boost"
    status, report, _ = run(tmp_path, request)
    assert status == 1
    assert codes(report) == [
        ("TrainingJobDefinition.AlgorithmSpecification.AlgorithmName", "online-algorithm-missing")
    ]


def test_parent_missing_fails(endpoint: Any, tmp_path: Path) -> None:
    """A warm start from a job that does not exist: exit 1, online-parent-missing."""
    request = world.request()
    request["WarmStartConfig"] = {
        "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "never-ran"}],
        "WarmStartType": "TransferLearning",
    }
    status, report, _ = run(tmp_path, request)
    assert (status, codes(report)) == (
        1,
        [
            (
                "WarmStartConfig.ParentHyperParameterTuningJobs[0].HyperParameterTuningJobName",
                "online-parent-missing",
            )
        ],
    )


def test_kms_key_missing_fails(endpoint: Any, tmp_path: Path) -> None:
    """An output KMS key that does not exist: exit 1, online-kms-key."""
    key = (*world.DEFINITION, "OutputDataConfig", "KmsKeyId")
    status, report, _ = run(tmp_path, world.changed(world.request(), key, "alias/none-here"))
    assert (status, codes(report)) == (
        1,
        [("TrainingJobDefinition.OutputDataConfig.KmsKeyId", "online-kms-key")],
    )


def test_vpc_of_two_vpcs_fails(endpoint: Any, tmp_path: Path) -> None:
    """A security group of another VPC than the subnet's: exit 1, online-vpc at VpcConfig."""
    ec2 = endpoint("ec2")
    first = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    second = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=first, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="a", Description="a", VpcId=first)["GroupId"]
    other = ec2.create_security_group(GroupName="b", Description="b", VpcId=second)["GroupId"]
    config = (*world.DEFINITION, "VpcConfig")
    good = world.changed(
        world.request(), config, {"Subnets": [subnet], "SecurityGroupIds": [group]}
    )
    assert run(tmp_path, good)[0] == 0
    bad = world.changed(world.request(), config, {"Subnets": [subnet], "SecurityGroupIds": [other]})
    status, report, _ = run(tmp_path, bad)
    assert (status, codes(report)) == (1, [("TrainingJobDefinition.VpcConfig", "online-vpc")])


def test_instance_quota_of_zero_fails(endpoint: Any, tmp_path: Path) -> None:
    """Service Quotas lists 0 ml.m5.xlarge for training: exit 1, online-instance-quota at the
    instance type; a quota that covers the parallel jobs passes."""
    endpoint.canned.quotas = [world.quota("ml.m5.xlarge", 20)]
    assert run(tmp_path, world.request())[0] == 0
    endpoint.canned.quotas = [world.quota("ml.m5.xlarge", 0)]
    status, report, _ = run(tmp_path, world.request())
    assert (status, codes(report)) == (
        1,
        [("TrainingJobDefinition.ResourceConfig.InstanceType", "online-instance-quota")],
    )


def _documented_run() -> tuple[str, list[str]]:
    """The command line and output lines of docs/online.md's "Example run" block."""
    page = (Path(__file__).parents[1] / "docs" / "online.md").read_text(encoding="utf-8")
    section = page.split("## Example run", 1)[1]
    block = section.split("```text\n", 1)[1].split("```", 1)[0]
    command, *output = block.rstrip("\n").split("\n")
    return command, output


def test_documented_example_is_a_real_run(
    endpoint: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example run in docs/online.md is what the command prints against moto's server:
    the name taken by a job made first, the training channel moved to an empty prefix."""
    endpoint("sagemaker").create_hyper_parameter_tuning_job(**world.request())
    request = world.changed(world.request(), CHANNEL_URI, f"s3://{BUCKET}/churn/2024-07/train/")
    (tmp_path / "tuning.json").write_text(json.dumps(request, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    status = main(["validate", "--online", "tuning.json"], out=out, err=err)
    command, documented = _documented_run()
    assert command == "$ hpt-request validate --online tuning.json"
    assert status == 1
    assert out.getvalue().rstrip("\n").split("\n") == documented, out.getvalue()
