"""check_tuner() against the real SageMaker Python SDK v2 tuner and its Estimator, offline: the
request fit() would send is captured (nothing reaches even moto), validated, and compared with
the settings the program gave.

Skipped where the SDK v2 is not installed; ``.ci/run`` runs this file in its environment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("sagemaker.tuner", reason="the SageMaker Python SDK v2 is not installed")

from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.tuner import ContinuousParameter, HyperparameterTuner

from hpt_request import TunerError, check_tuner
from tests import sdk2_world as world

KMS_KEY = f"arn:aws:kms:{world.REGION}:{world.ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def _estimator(session: Any, **settings: Any) -> Estimator:
    arguments: dict[str, Any] = {
        "image_uri": world.IMAGE,
        "role": world.ROLE,
        "instance_count": 2,
        "instance_type": "ml.m5.xlarge",
        "output_path": f"s3://{world.BUCKET}/output",
        "sagemaker_session": session,
        "hyperparameters": {"objective": "binary:logistic", "num_round": 100},
    }
    arguments.update(settings)
    return Estimator(**arguments)


def _tuner(estimator: Estimator, **settings: Any) -> HyperparameterTuner:
    arguments: dict[str, Any] = {
        "objective_metric_name": "validation:auc",
        "hyperparameter_ranges": {"eta": ContinuousParameter(0.05, 0.5)},
        "max_jobs": 6,
        "max_parallel_jobs": 2,
    }
    arguments.update(settings)
    return HyperparameterTuner(estimator, **arguments)


def test_a_v2_tuner_that_carries_everything_reports_nothing() -> None:
    """Security, spot, VPC, environment and a seed of 0: the v2 request carries them all."""
    estimator = _estimator(
        world.sdk_session(),
        volume_kms_key=KMS_KEY,
        output_kms_key=KMS_KEY,
        enable_network_isolation=True,
        encrypt_inter_container_traffic=True,
        use_spot_instances=True,
        max_run=3600,
        max_wait=7200,
        subnets=["subnet-0123456789abcdef0"],
        security_group_ids=["sg-0123456789abcdef0"],
        environment={"LOG_LEVEL": "debug"},
        checkpoint_s3_uri=f"s3://{world.BUCKET}/checkpoints",
    )
    tuner = _tuner(estimator, random_seed=0, tags=[{"Key": "team", "Value": "churn"}])
    inputs = {
        "train": TrainingInput(f"s3://{world.BUCKET}/train", content_type="text/csv"),
        "validation": f"s3://{world.BUCKET}/validation",
    }
    report = check_tuner(tuner, inputs=inputs, job_name="churn-v2")
    assert report.problems == [], str(report)
    assert world.tuning_jobs() == []


def test_the_v2_warm_pool_is_reported_lost() -> None:
    """The v2 tuner writes HyperParameterTuningResourceConfig, which has no
    KeepAlivePeriodInSeconds: the Estimator's warm pool is reported, as a warning."""
    tuner = _tuner(_estimator(world.sdk_session(), keep_alive_period_in_seconds=600))
    report = check_tuner(tuner, inputs=world.TRAIN)
    assert [(p.path, p.code, p.severity) for p in report.problems] == [
        (
            "TrainingJobDefinition.ResourceConfig.KeepAlivePeriodInSeconds",
            "tuner-option-lost",
            "warning",
        )
    ]
    assert report.problems[0].message == (
        "the Estimator sets keep_alive_period_in_seconds=600, but the request the SDK builds "
        "leaves it out"
    )
    assert "HyperParameterTuningResourceConfig" in report.request["TrainingJobDefinition"]


def test_v2_config_objects_are_listed_as_not_compared() -> None:
    """The v2 tuner's own config objects are named under not_compared, not guessed at."""
    from sagemaker.tuner import WarmStartConfig, WarmStartTypes

    warm = WarmStartConfig(WarmStartTypes.IDENTICAL_DATA_AND_ALGORITHM, parents={"churn-parent"})
    report = check_tuner(_tuner(_estimator(world.sdk_session()), warm_start_config=warm))
    assert any(item.startswith("tuner.warm_start_config") for item in report.not_compared)
    assert report.lost == []


def test_a_v2_fit_that_raises_is_a_tuner_error() -> None:
    """fit() failing inside the SDK is reported as TunerError naming the SDK's exception."""
    with pytest.raises(TunerError, match=r"fit\(\) raised \w+Error") as caught:
        check_tuner(_tuner(_estimator(world.sdk_session())), inputs=5)
    assert caught.value.__cause__ is not None
