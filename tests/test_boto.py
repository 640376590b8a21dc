"""The boto3 bridge: to_boto3_kwargs, submit and guard, against botocore's Stubber and moto.

Nothing leaves the machine: the Stubber answers before anything is sent, and moto's mock_aws
intercepts every request in-process (with fake credentials).
"""

from __future__ import annotations

import copy
import json
import warnings
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.exceptions import ParamValidationError
from botocore.stub import Stubber

from hpt_request import RequestValidationError, from_wire, to_wire, validate
from hpt_request.aws.boto import EVENT_NAME, PreflightWarning, guard, submit, to_boto3_kwargs
from hpt_request.model import examples

REGION = "us-east-1"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
VALID = examples.load("spot")
NAME = VALID["HyperParameterTuningJobName"]
ARN = f"arn:aws:sagemaker:{REGION}:123456789012:hyper-parameter-tuning-job/{NAME}"
OBJECTIVE = ("HyperParameterTuningJobConfig", "HyperParameterTuningJobObjective")
LIMITS = ("HyperParameterTuningJobConfig", "ResourceLimits")


def changed(path: tuple[str, ...], value: Any, wire: dict[str, Any] = VALID) -> dict[str, Any]:
    """A deep copy of ``wire`` with the member at ``path`` set to ``value``."""
    result = copy.deepcopy(wire)
    node = result
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return result


# Breaks a cross-field rule only: botocore's own validation accepts it.
RULE_ERROR = changed((*OBJECTIVE, "MetricName"), "validation:accuracy")
# Breaks the model (the minimum is 1): botocore rejects it too.
STRUCTURE_ERROR = changed((*LIMITS, "MaxParallelTrainingJobs"), 0)
# Above the default quota of 10: a warning, not an error.
WARNING_ONLY = changed((*LIMITS, "MaxParallelTrainingJobs"), 11)


def sagemaker_client() -> Any:
    return boto3.client("sagemaker", region_name=REGION, **CREDENTIALS)


def codes(problems: list[Any]) -> list[tuple[str, str]]:
    return [(problem.path, problem.code) for problem in problems]


def stored_jobs(client: Any) -> list[str]:
    summaries = client.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]
    return sorted(summary["HyperParameterTuningJobName"] for summary in summaries)


def test_the_fixtures_are_what_they_claim() -> None:
    """The test requests have exactly the one problem each is named after."""
    assert validate(VALID) == []
    assert codes(validate(RULE_ERROR)) == [
        (".".join((*OBJECTIVE, "MetricName")), "objective-metric-defined")
    ]
    assert codes(validate(STRUCTURE_ERROR)) == [
        (".".join((*LIMITS, "MaxParallelTrainingJobs")), "minimum")
    ]
    [warning] = validate(WARNING_ONLY)
    assert (warning.code, warning.severity) == ("max-parallel-quota", "warning")


# -- to_boto3_kwargs -------------------------------------------------------------------------------


def test_to_boto3_kwargs_of_a_model_object_is_its_wire_dict() -> None:
    """A model object gives exactly to_wire of it."""
    request = from_wire(VALID)
    assert to_boto3_kwargs(request) == to_wire(request) == VALID


def test_to_boto3_kwargs_normalizes_a_wire_dict() -> None:
    """A wire dict comes back in spec member order, equal, and the input is not modified."""
    shuffled = dict(reversed(list(VALID.items())))
    before = copy.deepcopy(shuffled)
    kwargs = to_boto3_kwargs(shuffled)
    assert kwargs == VALID
    assert json.dumps(kwargs) == json.dumps(VALID)
    assert list(shuffled) == list(before)
    assert shuffled == before


def test_to_boto3_kwargs_rejects_structural_problems() -> None:
    """An invalid wire dict raises with the problem's wire path; a non-request too."""
    with pytest.raises(RequestValidationError) as raised:
        to_boto3_kwargs(STRUCTURE_ERROR)
    assert codes(raised.value.problems) == codes(validate(STRUCTURE_ERROR))
    with pytest.raises(RequestValidationError) as raised:
        to_boto3_kwargs(["not", "a", "request"])
    assert [problem.code for problem in raised.value.problems] == ["type"]


def test_to_boto3_kwargs_leaves_the_rules_to_submit_and_guard() -> None:
    """Like to_wire, to_boto3_kwargs checks structure only: a rule error passes through."""
    assert to_boto3_kwargs(RULE_ERROR) == RULE_ERROR
    assert to_boto3_kwargs(from_wire(RULE_ERROR, rules=False)) == RULE_ERROR


# -- submit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["wire", "model"])
def test_submit_sends_exactly_our_kwargs_once(form: str) -> None:
    """A valid request (wire dict or model object) makes one call with exactly its wire dict,
    and the client's response comes back."""
    client = sagemaker_client()
    request = VALID if form == "wire" else from_wire(VALID)
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=VALID,
        )
        response = submit(request, client)
        stubber.assert_no_pending_responses()
    assert response["HyperParameterTuningJobArn"] == ARN


@pytest.mark.parametrize("wire", [RULE_ERROR, STRUCTURE_ERROR], ids=["rule", "structure"])
def test_submit_does_not_call_the_client_on_errors(wire: dict[str, Any]) -> None:
    """An invalid request raises RequestValidationError with its problems, and the client is
    never called (the Stubber has nothing queued and would raise if it were)."""
    client = sagemaker_client()
    with Stubber(client), pytest.raises(RequestValidationError) as raised:
        submit(wire, client)
    assert raised.value.problems == validate(wire)


def test_submit_reports_warnings_and_sends() -> None:
    """Warnings alone do not block: they come as one PreflightWarning and the call is made."""
    client = sagemaker_client()
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=WARNING_ONLY,
        )
        with pytest.warns(PreflightWarning) as record:
            submit(WARNING_ONLY, client)
        stubber.assert_no_pending_responses()
    [warning] = record
    assert warning.filename == __file__  # attributed to the caller of submit
    assert isinstance(warning.message, PreflightWarning)
    assert [problem.code for problem in warning.message.problems] == ["max-parallel-quota"]
    assert "MaxParallelTrainingJobs" in str(warning.message)


def test_submit_strict_blocks_warnings() -> None:
    """With strict=True a warning blocks, as an error, and the client is not called."""
    client = sagemaker_client()
    with Stubber(client), pytest.raises(RequestValidationError) as raised:
        submit(WARNING_ONLY, client, strict=True)
    assert [(p.code, p.severity, p.effective_severity) for p in raised.value.problems] == [
        ("max-parallel-quota", "warning", "error")
    ]


def test_submit_checks_a_warm_start_against_its_parents() -> None:
    """parents= reaches the rules: a parent with another objective blocks the call."""
    child = changed(
        ("WarmStartConfig",),
        {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "seg-parent"}],
            "WarmStartType": "TransferLearning",
        },
    )
    parent = changed((*OBJECTIVE, "Type"), "Maximize", VALID)
    parent["HyperParameterTuningJobName"] = "seg-parent"
    client = sagemaker_client()
    with Stubber(client), pytest.raises(RequestValidationError) as raised:
        submit(child, client, parents=[parent])
    assert codes(raised.value.problems) == [
        (".".join((*OBJECTIVE, "Type")), "warm-start-against-parents")
    ]
    assert validate(child) == []  # without parents the same request is clean


# -- guard with the Stubber ------------------------------------------------------------------------


def test_guard_passes_a_valid_call_through_unchanged() -> None:
    """A guarded client sends a valid request exactly as given and returns the response; the
    params dict is not modified."""
    client = sagemaker_client()
    kwargs = copy.deepcopy(VALID)
    unregister = guard(client)
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=VALID,
        )
        response = client.create_hyper_parameter_tuning_job(**kwargs)
        stubber.assert_no_pending_responses()
    unregister()
    assert response["HyperParameterTuningJobArn"] == ARN
    assert kwargs == VALID


@pytest.mark.parametrize("wire", [RULE_ERROR, STRUCTURE_ERROR], ids=["rule", "structure"])
def test_guard_raises_before_anything_is_built(wire: dict[str, Any]) -> None:
    """A guarded client raises RequestValidationError (not botocore's ParamValidationError)
    and the queued response is never taken: the call stopped before the send stage."""
    client = sagemaker_client()
    guard(client)
    with Stubber(client) as stubber:
        # The Stubber's own parameter check runs first (it is registered on a wildcard), so a
        # response must be queued for the call to reach the guard.
        stubber.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": ARN}
        )
        with pytest.raises(RequestValidationError) as raised:
            client.create_hyper_parameter_tuning_job(**wire)
        with pytest.raises(AssertionError):
            stubber.assert_no_pending_responses()
    assert raised.value.problems == validate(wire)


def test_unguarded_client_sends_what_only_the_rules_reject() -> None:
    """Control: without the guard, botocore sends a request that breaks only a rule."""
    client = sagemaker_client()
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=RULE_ERROR,
        )
        client.create_hyper_parameter_tuning_job(**RULE_ERROR)
        stubber.assert_no_pending_responses()


def test_guard_warn_reports_and_proceeds() -> None:
    """on_problem="warn": one PreflightWarning lists the problems, attributed to the line that
    called the client, and the unchanged request is sent."""
    client = sagemaker_client()
    guard(client, on_problem="warn")
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=RULE_ERROR,
        )
        with pytest.warns(PreflightWarning) as record:
            client.create_hyper_parameter_tuning_job(**RULE_ERROR)
        stubber.assert_no_pending_responses()
    [warning] = record
    assert isinstance(warning.message, PreflightWarning)
    assert warning.message.problems == validate(RULE_ERROR)
    assert warning.filename == __file__


def test_guard_warn_leaves_structural_errors_to_botocore() -> None:
    """on_problem="warn" does not stop a malformed request: it warns, then botocore's own
    validation rejects it."""
    client = sagemaker_client()
    guard(client, on_problem="warn")
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": ARN}
        )
        with pytest.warns(PreflightWarning), pytest.raises(ParamValidationError):
            client.create_hyper_parameter_tuning_job(**STRUCTURE_ERROR)


def test_guard_warnings_do_not_block_unless_strict() -> None:
    """A warning-only request passes a raising guard with a PreflightWarning; with strict=True
    it raises."""
    client = sagemaker_client()
    unregister = guard(client)
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=WARNING_ONLY,
        )
        with pytest.warns(PreflightWarning):
            client.create_hyper_parameter_tuning_job(**WARNING_ONLY)
        stubber.assert_no_pending_responses()
    unregister()
    guard(client, strict=True)
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": ARN}
        )
        with pytest.raises(RequestValidationError) as raised:
            client.create_hyper_parameter_tuning_job(**WARNING_ONLY)
    assert [problem.code for problem in raised.value.problems] == ["max-parallel-quota"]


def test_guard_is_silent_on_valid_requests() -> None:
    """A valid request through a guarded client emits no warning at all."""
    client = sagemaker_client()
    guard(client, on_problem="warn")
    with Stubber(client) as stubber, warnings.catch_warnings():
        warnings.simplefilter("error")
        stubber.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": ARN}
        )
        client.create_hyper_parameter_tuning_job(**VALID)


def test_unregister_stops_the_check_and_is_idempotent() -> None:
    """After the returned function is called (once or twice), the client sends a request that
    breaks a rule."""
    client = sagemaker_client()
    unregister = guard(client)
    unregister()
    unregister()
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job",
            {"HyperParameterTuningJobArn": ARN},
            expected_params=RULE_ERROR,
        )
        client.create_hyper_parameter_tuning_job(**RULE_ERROR)
        stubber.assert_no_pending_responses()


def test_guard_leaves_other_operations_alone() -> None:
    """Only CreateHyperParameterTuningJob is checked: other calls go through untouched."""
    client = sagemaker_client()
    guard(client)
    with Stubber(client) as stubber:
        stubber.add_response(
            "stop_hyper_parameter_tuning_job",
            {},
            expected_params={"HyperParameterTuningJobName": NAME},
        )
        client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName=NAME)
        stubber.assert_no_pending_responses()


def new_session(kind: str) -> Any:
    if kind == "boto3":
        return boto3.Session(region_name=REGION, **CREDENTIALS)
    session = botocore.session.get_session()
    session.set_credentials(CREDENTIALS["aws_access_key_id"], CREDENTIALS["aws_secret_access_key"])
    return session


def session_client(session: Any) -> Any:
    create = session.client if isinstance(session, boto3.Session) else session.create_client
    return create("sagemaker", region_name=REGION)


def sends(client: Any, wire: dict[str, Any]) -> bool:
    """Whether the client sends ``wire`` (to a Stubber) rather than refusing it."""
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": ARN}
        )
        try:
            client.create_hyper_parameter_tuning_job(**wire)
        except RequestValidationError:
            return False
        stubber.assert_no_pending_responses()
    return True


@pytest.mark.parametrize("kind", ["boto3", "botocore"])
def test_guard_on_a_session_checks_the_clients_it_creates(kind: str) -> None:
    """Guarding a boto3.Session or a botocore session checks every SageMaker client it creates
    afterwards, not those it created before; the returned function disarms them all."""
    session = new_session(kind)
    before = session_client(session)
    unregister = guard(session)
    first, second = session_client(session), session_client(session)
    assert not sends(first, RULE_ERROR)
    assert not sends(second, RULE_ERROR)
    assert sends(second, VALID)
    assert sends(before, RULE_ERROR)
    unregister()
    assert sends(first, RULE_ERROR)
    assert sends(session_client(session), RULE_ERROR)


def test_guard_registers_on_the_documented_event() -> None:
    """The handler answers EVENT_NAME (before-parameter-build of the operation), and the
    returned function removes it."""
    client = sagemaker_client()
    operation = client.meta.service_model.operation_model("CreateHyperParameterTuningJob")
    event = {"params": copy.deepcopy(RULE_ERROR), "model": operation, "context": {}}
    unregister = guard(client)
    with pytest.raises(RequestValidationError):
        client.meta.events.emit(EVENT_NAME, **event)
    unregister()
    responses = client.meta.events.emit(EVENT_NAME, **event)
    assert not [handler for handler, _ in responses if handler.__module__ == "hpt_request.aws.boto"]


@pytest.mark.parametrize("on_problem", ["ignore", "RAISE", "", None, 1])
def test_guard_rejects_an_unknown_on_problem(on_problem: Any) -> None:
    """Anything but "raise" or "warn" is a ValueError naming the choices; nothing is
    registered."""
    client = sagemaker_client()
    with pytest.raises(ValueError, match="'raise', 'warn'"):
        guard(client, on_problem=on_problem)
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_hyper_parameter_tuning_job", {"HyperParameterTuningJobArn": ARN}
        )
        client.create_hyper_parameter_tuning_job(**RULE_ERROR)


def test_guard_rejects_other_targets() -> None:
    """A client of another service is a ValueError; a non-client is a TypeError."""
    s3 = boto3.client("s3", region_name=REGION, **CREDENTIALS)
    with pytest.raises(ValueError, match="SageMaker client"):
        guard(s3)
    with pytest.raises(TypeError, match="not dict"):
        guard({})


# -- guard and submit with moto --------------------------------------------------------------------


def test_guarded_moto_client_stores_only_valid_jobs(moto_sagemaker: Any) -> None:
    """Through moto: a guarded invalid call raises and stores nothing; a valid call succeeds
    and moto stores the job as sent."""
    client = moto_sagemaker
    guard(client)
    with pytest.raises(RequestValidationError):
        client.create_hyper_parameter_tuning_job(**RULE_ERROR)
    assert stored_jobs(client) == []
    response = client.create_hyper_parameter_tuning_job(**VALID)
    assert response["HyperParameterTuningJobArn"].endswith(f"/{NAME}")
    assert stored_jobs(client) == [NAME]
    described = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=NAME)
    assert described["HyperParameterTuningJobConfig"] == VALID["HyperParameterTuningJobConfig"]
    assert described["TrainingJobDefinition"] == VALID["TrainingJobDefinition"]


def test_submit_to_moto(moto_sagemaker: Any) -> None:
    """submit creates a valid job in moto and refuses an invalid one without calling it."""
    client = moto_sagemaker
    response = submit(from_wire(VALID), client)
    assert response["HyperParameterTuningJobArn"].endswith(f"/{NAME}")
    with pytest.raises(RequestValidationError):
        submit(changed(("HyperParameterTuningJobName",), "other", RULE_ERROR), client)
    assert stored_jobs(client) == [NAME]
