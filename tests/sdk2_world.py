"""What the SDK v2 tests share: an offline ``sagemaker.Session`` of the SageMaker Python SDK v2
over moto, and a tuner built with the SDK's own classes (``sagemaker.estimator.Estimator``,
``sagemaker.tuner.HyperparameterTuner``).

Importing this module needs the SDK v2 (``sagemaker==2.257.7``, pinned in
``.ci/requirements-sdk2.txt``); the test files that use it skip when it is not installed.
Nothing leaves the machine: the tests run inside ``moto.mock_aws()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import moto
import sagemaker
from sagemaker.estimator import Estimator
from sagemaker.tuner import ContinuousParameter, HyperparameterTuner, IntegerParameter

REGION = "us-west-2"
ACCOUNT = "123456789012"  # moto's default account
BUCKET = "acme-ml-data"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/SageMakerRole"
IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
TRAIN = f"s3://{BUCKET}/train"


def mocked_aws() -> Iterator[None]:
    """moto's in-process AWS with the bucket the SDK's session uses."""
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_SESSION_TOKEN="testing",
        AWS_DEFAULT_REGION=REGION,
    )
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield


def boto_session() -> Any:
    return boto3.Session(region_name=REGION)


def sdk_session(boto: Any = None) -> sagemaker.Session:
    return sagemaker.Session(boto_session=boto or boto_session(), default_bucket=BUCKET)


def tuner(session: sagemaker.Session, *, defective: bool = False) -> HyperparameterTuner:
    """An XGBoost tuner; ``defective=True`` makes it Hyperband with early stopping on, which
    SageMaker refuses (``hyperband-early-stopping-off``)."""
    estimator = Estimator(
        image_uri=IMAGE,
        role=ROLE,
        instance_count=1,
        instance_type="ml.m5.xlarge",
        output_path=f"s3://{BUCKET}/output",
        sagemaker_session=session,
        hyperparameters={"objective": "binary:logistic", "num_round": 100},
    )
    return HyperparameterTuner(
        estimator,
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "max_depth": IntegerParameter(3, 9),
        },
        max_jobs=10,
        max_parallel_jobs=2,
        strategy="Hyperband" if defective else "Bayesian",
        early_stopping_type="Auto" if defective else "Off",
    )


def tuning_jobs() -> list[str]:
    """The names of the tuning jobs moto's SageMaker holds: what was sent."""
    client = boto3.client("sagemaker", region_name=REGION)
    summaries = client.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]
    return [summary["HyperParameterTuningJobName"] for summary in summaries]
