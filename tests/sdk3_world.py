"""What the SDK v3 tests share: an offline SDK v3 session over moto, and tuners built with the
SDK's own classes (``sagemaker.train.ModelTrainer``, ``sagemaker.train.tuner
.HyperparameterTuner``).

Importing this module needs the SDK v3 (``sagemaker==3.27.0``, pinned in
``.ci/requirements-sdk3.txt``); the test files that use it skip when the SDK is not installed.
Nothing leaves the machine: the tests run inside ``moto.mock_aws()``, the SDK's role check is
off (``SAGEMAKER_VALIDATE_ROLE=false``: moto has no ``iam:SimulatePrincipalPolicy``) and so is
its telemetry (``TelemetryOptOut`` in the session's config, which also keeps it from reading a
config file).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import moto
from sagemaker.core.helper.session_helper import Session
from sagemaker.core.parameter import ContinuousParameter, IntegerParameter
from sagemaker.core.training.configs import Compute, Networking, OutputDataConfig
from sagemaker.train import ModelTrainer
from sagemaker.train.tuner import HyperparameterTuner

REGION = "us-west-2"
ACCOUNT = "123456789012"  # moto's default account
BUCKET = "acme-ml-data"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/SageMakerRole"
IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
CUSTOM_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/churn-trainer:1.4"
KMS_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SDK_CONFIG = {
    "SchemaVersion": "1.0",
    "SageMaker": {"PythonSDK": {"Modules": {"TelemetryOptOut": True}}},
}


def offline() -> None:
    """Fake credentials and the SDK's switch for its role check (see the module docstring)."""
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_SESSION_TOKEN="testing",
        AWS_DEFAULT_REGION=REGION,
        SAGEMAKER_VALIDATE_ROLE="false",
    )


def mocked_aws() -> Iterator[None]:
    """moto's in-process AWS with the bucket the SDK's session uses."""
    offline()
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield


def boto_session() -> Any:
    return boto3.Session(region_name=REGION)


def sdk_session(boto: Any = None) -> Session:
    """An SDK v3 session over ``boto`` (a new boto3 session if not given)."""
    return Session(
        boto_session=boto or boto_session(), default_bucket=BUCKET, sagemaker_config=SDK_CONFIG
    )


def trainer(session: Session, **settings: Any) -> ModelTrainer:
    """An XGBoost ``ModelTrainer``; ``settings`` replace or add its keyword arguments."""
    arguments: dict[str, Any] = {
        "training_image": IMAGE,
        "role": ROLE,
        "sagemaker_session": session,
        "compute": Compute(instance_type="ml.m5.xlarge", instance_count=1),
        "output_data_config": OutputDataConfig(s3_output_path=f"s3://{BUCKET}/output"),
        "hyperparameters": {"objective": "binary:logistic", "num_round": 100},
    }
    arguments.update(settings)
    return ModelTrainer(**arguments)


RANGES = {"eta": ContinuousParameter(0.05, 0.5), "max_depth": IntegerParameter(3, 9)}


def tuner(session: Session, *, defective: bool = False, **settings: Any) -> HyperparameterTuner:
    """A Bayesian tuner of :func:`trainer`; ``defective=True`` makes it a Hyperband tuner with
    early stopping on, which SageMaker refuses (``hyperband-early-stopping-off``)."""
    arguments: dict[str, Any] = {
        "objective_metric_name": "validation:auc",
        "hyperparameter_ranges": dict(RANGES),
        "max_jobs": 10,
        "max_parallel_jobs": 2,
        "strategy": "Bayesian",
    }
    if defective:
        arguments.update(strategy="Hyperband", early_stopping_type="Auto")
    arguments.update(settings)
    return HyperparameterTuner(trainer(session), **arguments)


def network_trainer(session: Session) -> ModelTrainer:
    """A trainer with the settings SDK 3.27's tuner drops: network isolation, inter-container
    traffic encryption, a volume KMS key and a warm pool."""
    return trainer(
        session,
        compute=Compute(
            instance_type="ml.m5.xlarge",
            instance_count=2,
            volume_size_in_gb=50,
            volume_kms_key_id=KMS_KEY,
            keep_alive_period_in_seconds=1800,
        ),
        networking=Networking(
            enable_network_isolation=True, enable_inter_container_traffic_encryption=True
        ),
    )


def tuning_jobs() -> list[str]:
    """The names of the tuning jobs moto's SageMaker holds: what was sent."""
    client = boto3.client("sagemaker", region_name=REGION)
    summaries = client.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]
    return [summary["HyperParameterTuningJobName"] for summary in summaries]
