"""Newer than the pinned spec: what a newer botocore knows is a warning, never an error."""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber

from hpt_request import RequestValidationError, from_wire, guard, submit, to_wire, validate
from hpt_request.aws.boto import PreflightWarning
from hpt_request.model import examples
from hpt_request.schema import engines as schema
from hpt_request.schema import newer

NEW_MEMBER = "MaxPendingTrainingJobs"  # invented for the test: no botocore has it
NEW_TYPE = "ml.q9.xlarge"  # likewise
RESOURCE = ("TrainingJobDefinition", "ResourceConfig", "InstanceType")
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _newer_session(tmp_path: Path) -> Any:
    """A botocore session whose SageMaker model has one more ResourceLimits member and one more
    instance type, loaded through botocore's own loader search path."""
    loader = botocore.session.get_session().get_component("data_loader")
    version = loader.determine_latest_version("sagemaker", "service-2")
    data = copy.deepcopy(loader.load_service_model("sagemaker", "service-2", version))
    data["shapes"]["ResourceLimits"]["members"][NEW_MEMBER] = {"shape": "MaxParallelTrainingJobs"}
    data["shapes"]["TrainingInstanceType"]["enum"].append(NEW_TYPE)
    folder = tmp_path / "sagemaker" / version
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(data), encoding="utf-8")
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, str(tmp_path))
    return session


def _newer_request() -> dict[str, Any]:
    request = examples.load("bayesian")
    request["HyperParameterTuningJobConfig"]["ResourceLimits"][NEW_MEMBER] = 3
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = NEW_TYPE
    return request


def test_the_pinned_spec_alone_refuses_the_new_member() -> None:
    """Without the newer model, an unknown member is an error and from_wire refuses it."""
    problems = validate(_newer_request())
    assert [(p.code, p.severity) for p in problems] == [
        ("additionalProperties", "error"),
        ("instance-type-not-in-spec", "warning"),
    ]
    with pytest.raises(RequestValidationError):
        from_wire(_newer_request())


def test_an_ml_instance_type_missing_from_the_spec_is_a_warning() -> None:
    """ml.<family>.<size> that the pinned list lacks warns, reads and writes back unchanged."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = NEW_TYPE
    (problem,) = validate(request)
    assert (problem.path, problem.code, problem.severity) == (
        "TrainingJobDefinition.ResourceConfig.InstanceType",
        "instance-type-not-in-spec",
        "warning",
    )
    assert "1.44.5" in problem.message
    assert to_wire(from_wire(request)) == request


def test_an_ec2_style_instance_type_stays_an_error() -> None:
    """m5.xlarge is not of the SageMaker form: still an error."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = "m5.xlarge"
    assert [(p.code, p.severity) for p in validate(request)] == [("enum", "error")]


def test_guard_lets_newer_calls_through_with_one_warning(tmp_path: Path) -> None:
    """On a client whose botocore knows the new member, guard warns once and the call goes."""
    client = _newer_session(tmp_path).create_client("sagemaker", "us-east-1", **CREDENTIALS)
    guard(client)
    request = _newer_request()
    with Stubber(client) as stub, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stub.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": "arn:aws:sagemaker:us-east-1:1:x/y"},
            request,
        )
        client.create_hyper_parameter_tuning_job(**request)
        stub.assert_no_pending_responses()
    (warning,) = [w.message for w in caught if isinstance(w.message, PreflightWarning)]
    found = [(p.path, p.code) for p in warning.problems]
    assert found == [
        (f"HyperParameterTuningJobConfig.ResourceLimits.{NEW_MEMBER}", "newer-than-spec"),
        (".".join(RESOURCE), "newer-than-spec"),
    ]
    assert all(
        "1.44.5" in p.message and "installed botocore" in p.message for p in warning.problems
    )


def test_guard_still_blocks_a_real_error_next_to_newer_members(tmp_path: Path) -> None:
    """A Logarithmic range at 0 in the same request is still an error: nothing is sent."""
    client = _newer_session(tmp_path).create_client("sagemaker", "us-east-1", **CREDENTIALS)
    guard(client)
    request = _newer_request()
    eta = request["HyperParameterTuningJobConfig"]["ParameterRanges"]["ContinuousParameterRanges"]
    eta[0].update(MinValue="0", ScalingType="Logarithmic")
    with Stubber(client) as stub:
        stub.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": "a"}, request
        )
        with pytest.raises(RequestValidationError) as raised:
            client.create_hyper_parameter_tuning_job(**request)
    codes = {p.code for p in raised.value.problems}
    assert "log-scale-positive" in codes
    assert "newer-than-spec" in codes
    assert "additionalProperties" not in codes


def test_submit_sends_newer_members_as_given(tmp_path: Path) -> None:
    """submit() checks against the client's model and passes the new member on unchanged."""
    client = _newer_session(tmp_path).create_client("sagemaker", "us-east-1", **CREDENTIALS)
    request = _newer_request()
    with Stubber(client) as stub, warnings.catch_warnings():
        warnings.simplefilter("ignore", PreflightWarning)
        stub.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": "arn:aws:sagemaker:us-east-1:1:x/y"},
            request,
        )
        submit(request, client)
        stub.assert_no_pending_responses()


def test_instance_types_replaces_only_the_instance_type_and_keeps_the_input() -> None:
    """Among other problems, only the enum problem at an ml.* InstanceType becomes a warning, in
    its place; the list given is left as it was, and returned as it is when nothing changes."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = NEW_TYPE
    request["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    request["TrainingJobDefinition"]["AlgorithmSpecification"]["TrainingInputMode"] = "Tape"
    problems = schema.listed_problems(request, "CreateHyperParameterTuningJobRequest")
    before = list(problems)
    softened = newer.instance_types(request, problems)
    assert problems == before
    assert [(p.code, p.severity) for p in softened] == [
        ("minimum", "error"),
        ("enum", "error"),
        ("instance-type-not-in-spec", "warning"),
    ]
    plain = [p for p in problems if not p.path.endswith("InstanceType")]
    assert newer.instance_types(request, plain) is plain
