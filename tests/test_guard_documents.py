"""guard() on the other calls that carry tuning requests: CreatePipeline and UpdatePipeline (a
pipeline definition), Step Functions' CreateStateMachine and UpdateStateMachine (a state
machine), against botocore's Stubber: nothing leaves the machine."""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from hpt_request import RequestValidationError
from hpt_request.aws.boto import PreflightWarning, guard

REGION = "us-west-2"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REAL = Path(__file__).parent / "realworld"
PIPELINE = json.loads((REAL / "pipelines" / "sdk-pipeline-single-tuner.json").read_text())
MACHINE = json.loads((REAL / "statemachines" / "sdk-workflow-xgboost-tuning.json").read_text())
PIPELINE_ARN = f"arn:aws:sagemaker:{REGION}:111122223333:pipeline/tuning"
MACHINE_ARN = f"arn:aws:states:{REGION}:111122223333:stateMachine:tuning"
ROLE = "arn:aws:iam::111122223333:role/Role"


def broken_pipeline() -> dict[str, Any]:
    """The real definition with its step's MaxParallelTrainingJobs at 0 (the minimum is 1)."""
    definition: dict[str, Any] = copy.deepcopy(PIPELINE)
    arguments = definition["Steps"][0]["Arguments"]
    arguments["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
    return definition


def broken_machine() -> dict[str, Any]:
    machine: dict[str, Any] = copy.deepcopy(MACHINE)
    (state,) = [s for s in machine["States"].values() if "Parameters" in s]
    state["Parameters"]["HyperParameterTuningJobConfig"]["ResourceLimits"][
        "MaxParallelTrainingJobs"
    ] = 0
    return machine


def sagemaker(session: Any = None) -> Any:
    maker = session.client if session is not None else boto3.client
    return maker("sagemaker", region_name=REGION, **({} if session else CREDENTIALS))


def sfn(session: Any = None) -> Any:
    maker = session.client if session is not None else boto3.client
    return maker("stepfunctions", region_name=REGION, **({} if session else CREDENTIALS))


def create_pipeline(client: Any, definition: dict[str, Any]) -> bool:
    """Whether the client sends the CreatePipeline call (to a Stubber) rather than refuse it."""
    with Stubber(client) as stubber:
        stubber.add_response("create_pipeline", {"PipelineArn": PIPELINE_ARN})
        try:
            client.create_pipeline(
                PipelineName="tuning", PipelineDefinition=json.dumps(definition), RoleArn=ROLE
            )
        except RequestValidationError:
            return False
        stubber.assert_no_pending_responses()
    return True


def create_machine(client: Any, machine: dict[str, Any]) -> bool:
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_state_machine",
            {"stateMachineArn": MACHINE_ARN, "creationDate": "2026-01-01T00:00:00Z"},
        )
        try:
            client.create_state_machine(name="tuning", definition=json.dumps(machine), roleArn=ROLE)
        except RequestValidationError:
            return False
        stubber.assert_no_pending_responses()
    return True


def test_the_fixtures_are_what_they_claim() -> None:
    """Unguarded, both clients send the broken documents: only the check can stop them."""
    assert create_pipeline(sagemaker(), broken_pipeline())
    assert create_machine(sfn(), broken_machine())


def test_create_pipeline_is_checked_at_its_tuning_steps() -> None:
    client = sagemaker()
    guard(client)
    assert create_pipeline(client, PIPELINE)
    with Stubber(client) as stubber:
        # The Stubber's own check runs first: it must expect the call to let the guard see it.
        stubber.add_response("create_pipeline", {"PipelineArn": PIPELINE_ARN})
        with pytest.raises(RequestValidationError) as raised:
            client.create_pipeline(
                PipelineName="tuning",
                PipelineDefinition=json.dumps(broken_pipeline()),
                RoleArn=ROLE,
            )
    assert [(p.path, p.code) for p in raised.value.problems] == [
        (
            "PipelineDefinition.Steps[0].Arguments.HyperParameterTuningJobConfig."
            "ResourceLimits.MaxParallelTrainingJobs",
            "minimum",
        )
    ]


def test_update_pipeline_is_checked_and_an_update_without_definition_passes() -> None:
    client = sagemaker()
    guard(client)
    with Stubber(client) as stubber:
        stubber.add_response("update_pipeline", {"PipelineArn": PIPELINE_ARN})
        client.update_pipeline(PipelineName="tuning", PipelineDisplayName="Tuning")
        stubber.assert_no_pending_responses()
    with Stubber(client) as stubber:
        stubber.add_response("update_pipeline", {"PipelineArn": PIPELINE_ARN})
        with pytest.raises(RequestValidationError):
            client.update_pipeline(
                PipelineName="tuning", PipelineDefinition=json.dumps(broken_pipeline())
            )


def test_state_machine_calls_are_checked_at_their_tuning_tasks() -> None:
    client = sfn()
    guard(client)
    assert create_machine(client, MACHINE)
    assert not create_machine(client, broken_machine())
    with Stubber(client) as stubber:
        stubber.add_response("update_state_machine", {"updateDate": "2026-01-01T00:00:00Z"})
        with pytest.raises(RequestValidationError) as raised:
            client.update_state_machine(
                stateMachineArn=MACHINE_ARN, definition=json.dumps(broken_machine())
            )
    ((path, code),) = [(p.path, p.code) for p in raised.value.problems]
    assert path.startswith("definition.States[")
    assert path.endswith(
        ".Parameters.HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs"
    )
    assert code == "minimum"


def test_a_guarded_session_checks_both_services_clients() -> None:
    session = boto3.Session(region_name=REGION, **CREDENTIALS)
    unregister = guard(session)
    assert not create_pipeline(sagemaker(session), broken_pipeline())
    assert not create_machine(sfn(session), broken_machine())
    unregister()
    assert create_pipeline(sagemaker(session), broken_pipeline())
    assert create_machine(sfn(session), broken_machine())


def test_warn_names_the_operation_and_sends() -> None:
    client = sfn()
    guard(client, on_problem="warn")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert create_machine(client, broken_machine())
    (warning,) = [w for w in caught if issubclass(w.category, PreflightWarning)]
    assert str(warning.message).startswith("CreateStateMachine: 1 problem found")
    assert warning.filename == __file__
