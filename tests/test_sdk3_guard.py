"""guard() on every way the SageMaker Python SDK v3 and sagemaker-core send a tuning job,
against the real SDK (``.ci/requirements-sdk3.txt``), offline: moto stands for AWS, and what
moto holds afterwards is what was sent.

Skipped, by ``pytest.importorskip``, where the SDK v3 is not installed (the project's own
environment: the SDK is not a dependency); ``.ci/run`` runs this file in an environment of its
own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("sagemaker.train.tuner", reason="the SageMaker Python SDK v3 is not installed")

from sagemaker.core.resources import HyperParameterTuningJob
from sagemaker.core.shapes import (
    HyperParameterTrainingJobDefinition,
    HyperParameterTuningJobConfig,
    ResourceLimits,
)

from hpt_request import RequestValidationError, guard
from tests import sdk3_world as world

EARLY_STOPPING = "hyperband-early-stopping-off"


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def _stopped(tuner: object) -> list[str]:
    """The codes of the problems that stopped ``tuner.tune()``."""
    with pytest.raises(RequestValidationError) as caught:
        tuner.tune(inputs=f"s3://{world.BUCKET}/train", wait=False)  # type: ignore[attr-defined]
    return [problem.code for problem in caught.value.problems]


def test_unguarded_the_defective_request_reaches_the_service() -> None:
    """Without a guard, the defective tuner's request is sent (so the tests below can fail)."""
    tuner = world.tuner(world.sdk_session(), defective=True)
    tuner.tune(inputs=f"s3://{world.BUCKET}/train", wait=False)
    assert len(world.tuning_jobs()) == 1


def test_a_guarded_boto3_session_given_to_the_sdk_stops_the_tuner() -> None:
    """guard(boto3_session), then Session(boto_session=it): tune() raises, nothing is sent."""
    boto = world.boto_session()
    unguard = guard(boto)
    tuner = world.tuner(world.sdk_session(boto), defective=True)
    assert EARLY_STOPPING in _stopped(tuner)
    assert world.tuning_jobs() == []
    unguard()


def test_a_guarded_sdk_session_stops_the_tuner() -> None:
    """guard(sess) on the SDK v3 Session itself, made before the guard: tune() raises."""
    session = world.sdk_session()
    unguard = guard(session)
    assert EARLY_STOPPING in _stopped(world.tuner(session, defective=True))
    assert world.tuning_jobs() == []
    unguard()


def test_a_session_guarded_after_a_first_tuning_job_stops_the_next() -> None:
    """The client sagemaker-core cached on the first tune() is guarded by guard(sess) too."""
    session = world.sdk_session()
    world.tuner(session).tune(inputs=f"s3://{world.BUCKET}/train", wait=False)
    assert len(world.tuning_jobs()) == 1
    unguard = guard(session)
    assert EARLY_STOPPING in _stopped(world.tuner(session, defective=True))
    assert len(world.tuning_jobs()) == 1
    unguard()


def test_unguarding_the_sdk_session_lets_requests_through_again() -> None:
    """The function guard(sess) returns removes every handler it registered."""
    session = world.sdk_session()
    guard(session)()
    world.tuner(session, defective=True).tune(inputs=f"s3://{world.BUCKET}/train", wait=False)
    assert len(world.tuning_jobs()) == 1


def test_guarding_only_the_sessions_own_client_does_not_stop_the_v3_tuner() -> None:
    """The v3 tuner does not send through sess.sagemaker_client (why guard(sess) does more)."""
    session = world.sdk_session()
    unguard = guard(session.sagemaker_client)
    world.tuner(session, defective=True).tune(inputs=f"s3://{world.BUCKET}/train", wait=False)
    assert len(world.tuning_jobs()) == 1
    unguard()


def _defective_shapes() -> dict[str, object]:
    config = HyperParameterTuningJobConfig(
        strategy="Hyperband",
        training_job_early_stopping_type="Auto",
        hyper_parameter_tuning_job_objective={"type": "Maximize", "metric_name": "validation:auc"},
        parameter_ranges={
            "continuous_parameter_ranges": [{"name": "eta", "min_value": "0.1", "max_value": "0.5"}]
        },
        resource_limits=ResourceLimits(max_number_of_training_jobs=4, max_parallel_training_jobs=2),
    )
    definition = HyperParameterTrainingJobDefinition(
        algorithm_specification={
            "training_image": world.CUSTOM_IMAGE,
            "training_input_mode": "File",
            "metric_definitions": [{"name": "validation:auc", "regex": "auc=([0-9.]+)"}],
        },
        role_arn=world.ROLE,
        output_data_config={"s3_output_path": f"s3://{world.BUCKET}/output"},
        resource_config={"instance_type": "ml.m5.xlarge", "instance_count": 1},
        stopping_condition={"max_runtime_in_seconds": 3600},
        static_hyper_parameters={"epochs": "10"},
    )
    return {
        "hyper_parameter_tuning_job_name": "core-hyperband",
        "hyper_parameter_tuning_job_config": config,
        "training_job_definition": definition,
    }


def test_sagemaker_core_create_with_a_guarded_session_is_stopped() -> None:
    """HyperParameterTuningJob.create(session=guarded boto3 session) raises, nothing sent."""
    boto = world.boto_session()
    unguard = guard(boto)
    with pytest.raises(RequestValidationError) as caught:
        HyperParameterTuningJob.create(session=boto, region=world.REGION, **_defective_shapes())
    assert [problem.code for problem in caught.value.problems] == [EARLY_STOPPING], str(
        caught.value
    )
    assert world.tuning_jobs() == []
    unguard()


def test_sagemaker_core_create_without_a_guard_sends_the_request() -> None:
    """The same shapes, unguarded, reach moto: the guard is what stopped them above."""
    HyperParameterTuningJob.create(
        session=world.boto_session(), region=world.REGION, **_defective_shapes()
    )
    assert world.tuning_jobs() == ["core-hyperband"]
