"""Write the tuning configs the SageMaker Python SDK v2 makes for Airflow's tuning operator.

``sagemaker.workflow.airflow.tuning_config(tuner, inputs, job_name=...)`` turns a
``HyperparameterTuner`` into the ``config`` of Apache Airflow's ``SageMakerTuningOperator``,
whose hook passes it on as ``create_hyper_parameter_tuning_job(**config)``. Each case builds a
tuner (built-in algorithm images only, so the config has no ``S3Operations`` member, the
operator's instruction to upload code, which is not part of the request) and writes the config
to ``tests/realworld/airflowsdk-*.json``. Run from the repository root, in the virtualenv of
``make_sdk_requests.py`` (``sagemaker<3``, ``moto[s3,sagemaker]``)::

    .venv-sdk/bin/python tests/realworld/tools/make_airflow_configs.py

S3 and STS are moto's in-process mocks; nothing leaves the machine. There is no multi-algorithm
case: for a tuner made by ``HyperparameterTuner.create`` this SDK version writes
``"MetricDefinitions": null`` into each training job definition, which botocore's parameter
validation refuses before anything is sent (a true finding, not a corpus request).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import BUCKET, PLACEHOLDERS, REGION, ROLE, Manifest, offline_environment, write_request

offline_environment()

import boto3  # noqa: E402
import moto  # noqa: E402
import sagemaker  # noqa: E402
from sagemaker import image_uris  # noqa: E402
from sagemaker.estimator import Estimator  # noqa: E402
from sagemaker.inputs import TrainingInput  # noqa: E402
from sagemaker.tuner import (  # noqa: E402
    CategoricalParameter,
    ContinuousParameter,
    HyperparameterTuner,
    IntegerParameter,
    WarmStartConfig,
    WarmStartTypes,
)
from sagemaker.workflow.airflow import tuning_config  # noqa: E402

SDK = (
    f"sagemaker {sagemaker.__version__} (PyPI), boto3 {boto3.__version__}, moto {moto.__version__}"
)

Build = Callable[[sagemaker.Session], tuple[HyperparameterTuner, Any]]
CASES: list[tuple[str, str, Build]] = []


def case(file_name: str, job_name: str) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        CASES.append((file_name, job_name, build))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def estimator(session: sagemaker.Session, algorithm: str, version: str, **kwargs: Any) -> Estimator:
    options: dict[str, Any] = {"instance_count": 1, "instance_type": "ml.m5.xlarge"}
    options.update(kwargs)
    return Estimator(
        image_uri=str(image_uris.retrieve(algorithm, REGION, version=version)),
        role=ROLE,
        output_path=s3(f"{algorithm}/output"),
        sagemaker_session=session,
        **options,
    )


def csv_channels(prefix: str) -> dict[str, Any]:
    return {
        "train": TrainingInput(s3(f"{prefix}/train"), content_type="text/csv"),
        "validation": TrainingInput(s3(f"{prefix}/validation"), content_type="text/csv"),
    }


@case("airflowsdk-xgboost-bayesian.json", "airflow-xgb-tuning")
def xgboost_bayesian(session: sagemaker.Session) -> tuple[HyperparameterTuner, Any]:
    xgb = estimator(session, "xgboost", "1.7-1")
    xgb.set_hyperparameters(objective="binary:logistic", num_round=100)
    tuner = HyperparameterTuner(
        xgb,
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "max_depth": IntegerParameter(3, 9),
            "subsample": ContinuousParameter(0.5, 1.0),
        },
        max_jobs=10,
        max_parallel_jobs=2,
    )
    return tuner, csv_channels("churn")


@case("airflowsdk-kmeans-random-early-stopping.json", "airflow-kmeans-tuning")
def kmeans_random(session: sagemaker.Session) -> tuple[HyperparameterTuner, Any]:
    kmeans = estimator(session, "kmeans", "1", instance_type="ml.c5.xlarge")
    kmeans.set_hyperparameters(k=10, feature_dim=784)
    tuner = HyperparameterTuner(
        kmeans,
        objective_metric_name="test:msd",
        objective_type="Minimize",
        hyperparameter_ranges={
            "mini_batch_size": IntegerParameter(100, 500),
            "extra_center_factor": IntegerParameter(4, 10),
            "init_method": CategoricalParameter(["random", "kmeans++"]),
        },
        max_jobs=8,
        max_parallel_jobs=2,
        strategy="Random",
        early_stopping_type="Auto",
    )
    protobuf = "application/x-recordio-protobuf"
    return tuner, {
        "train": TrainingInput(s3("mnist/train"), content_type=protobuf),
        "test": TrainingInput(s3("mnist/test"), content_type=protobuf),
    }


@case("airflowsdk-linear-learner-spot-warm-start.json", "airflow-ll-warm")
def linear_spot_warm(session: sagemaker.Session) -> tuple[HyperparameterTuner, Any]:
    linear = estimator(
        session,
        "linear-learner",
        "1",
        use_spot_instances=True,
        max_run=3600,
        max_wait=7200,
        checkpoint_s3_uri=s3("linear/checkpoints"),
    )
    linear.set_hyperparameters(predictor_type="regressor", feature_dim=8)
    tuner = HyperparameterTuner(
        linear,
        objective_metric_name="validation:mse",
        objective_type="Minimize",
        hyperparameter_ranges={
            "learning_rate": ContinuousParameter(0.0001, 0.1, scaling_type="Logarithmic"),
            "wd": ContinuousParameter(1e-7, 1.0, scaling_type="Logarithmic"),
        },
        max_jobs=6,
        max_parallel_jobs=2,
        warm_start_config=WarmStartConfig(
            WarmStartTypes.TRANSFER_LEARNING, parents={"airflow-ll-parent"}
        ),
        tags=[{"Key": "dag", "Value": "housing"}],
    )
    return tuner, csv_channels("housing")


def run() -> None:
    manifest = Manifest("make_airflow_configs")
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)
        for file_name, job_name, build in CASES:
            session = sagemaker.Session(boto_session=boto_session, default_bucket=BUCKET)
            tuner, inputs = build(session)
            config = tuning_config(tuner, inputs, job_name=job_name)
            if "S3Operations" in config:
                raise RuntimeError(f"{file_name}: the config asks the operator to upload code")
            write_request(file_name, json.loads(json.dumps(config)))
            manifest.add(
                file_name,
                source=(
                    "SageMaker Python SDK v2, sagemaker/workflow/airflow.py tuning_config (the "
                    "config of Airflow's SageMakerTuningOperator)"
                ),
                made_by=f"{SDK}; tests/realworld/tools/make_airflow_configs.py::{build.__name__}",
                placeholders=f"{PLACEHOLDERS}, S3 keys under {BUCKET}",
            )
            print("wrote", file_name)
    manifest.save()


if __name__ == "__main__":
    run()
