"""Write bare tuning requests made by the Step Functions Data Science SDK's ``TuningStep``.

Run from the repository root, in a virtualenv of its own with ``stepfunctions==2.3.0`` (the AWS
Step Functions Data Science SDK), ``sagemaker<3`` (which it needs) and ``moto``::

    python3 -m venv .venv-sfn
    .venv-sfn/bin/pip install stepfunctions==2.3.0 "sagemaker<3" "moto[s3,sagemaker,stepfunctions]"
    .venv-sfn/bin/python tests/realworld/tools/make_sfn_requests.py

Each case builds a SageMaker v2 ``HyperparameterTuner``, wraps it in
``stepfunctions.steps.TuningStep`` with literal values only (no placeholders), renders the
state as the SDK does (``TuningStep.to_json()``) and writes its ``Parameters`` member: with
every value literal, that member is the CreateHyperParameterTuningJob request the Step
Functions SageMaker integration sends. Files are ``tests/realworld/sfn-*.json``; provenance
goes to ``manifests/make_sfn_requests.json`` for ``make_sources_md.py``. S3 and STS are moto's
in-process mocks; nothing leaves the machine.
"""

from __future__ import annotations

import json
import logging
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
import stepfunctions  # noqa: E402
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
from stepfunctions.steps import TuningStep  # noqa: E402

logging.getLogger("stepfunctions").setLevel(logging.ERROR)

SOURCE = (
    "the AWS Step Functions Data Science SDK's stepfunctions.steps.TuningStep "
    "(stepfunctions 2.3.0, PyPI), its Parameters member with literal values"
)
VERSIONS = (
    f"stepfunctions {stepfunctions.__version__}, sagemaker {sagemaker.__version__}, "
    f"boto3 {boto3.__version__}, moto {moto.__version__}"
)

Build = Callable[[sagemaker.Session], TuningStep]
CASES: list[tuple[str, str, Build]] = []


def case(file_name: str, what: str) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        CASES.append((file_name, what, build))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def estimator(session: sagemaker.Session, algorithm: str, **kwargs: Any) -> Estimator:
    version = "1.7-1" if algorithm == "xgboost" else None
    settings: dict[str, Any] = {
        "instance_count": 1,
        "instance_type": "ml.m5.xlarge",
        "output_path": s3(f"{algorithm}/output"),
        **kwargs,
    }
    return Estimator(
        image_uri=str(image_uris.retrieve(algorithm, REGION, version=version)),
        role=ROLE,
        sagemaker_session=session,
        **settings,
    )


def csv_channels(prefix: str) -> dict[str, TrainingInput]:
    return {
        "train": TrainingInput(s3(f"{prefix}/train"), content_type="text/csv"),
        "validation": TrainingInput(s3(f"{prefix}/validation"), content_type="text/csv"),
    }


@case("sfn-xgboost-bayesian-early-stopping.json", "XGBoost, Bayesian, early stopping, tags")
def xgboost_bayesian(session: sagemaker.Session) -> TuningStep:
    xgb = estimator(session, "xgboost", volume_size=30, max_run=3600)
    xgb.set_hyperparameters(objective="binary:logistic", eval_metric="auc", num_round=100)
    tuner = HyperparameterTuner(
        xgb,
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "alpha": ContinuousParameter(0.01, 10, scaling_type="Logarithmic"),
            "max_depth": IntegerParameter(3, 9),
        },
        max_jobs=20,
        max_parallel_jobs=3,
        early_stopping_type="Auto",
    )
    return TuningStep(
        "Tune XGBoost",
        tuner=tuner,
        job_name="sfn-xgboost-bayesian",
        data=csv_channels("churn"),
        tags={"project": "churn"},
    )


@case("sfn-linear-learner-random.json", "Linear Learner, Random, categorical range, no wait")
def linear_random(session: sagemaker.Session) -> TuningStep:
    linear = estimator(session, "linear-learner", instance_type="ml.c5.xlarge")
    linear.set_hyperparameters(predictor_type="binary_classifier", feature_dim=20)
    tuner = HyperparameterTuner(
        linear,
        objective_metric_name="validation:binary_f_beta",
        hyperparameter_ranges={
            "learning_rate": ContinuousParameter(1e-4, 1e-1, scaling_type="Logarithmic"),
            "mini_batch_size": CategoricalParameter([100, 200, 500]),
            "wd": ContinuousParameter(1e-7, 1, scaling_type="Auto"),
        },
        max_jobs=12,
        max_parallel_jobs=4,
        strategy="Random",
    )
    return TuningStep(
        "Tune Linear Learner",
        tuner=tuner,
        job_name="sfn-linear-learner-random",
        data=csv_channels("linear"),
        wait_for_completion=False,
    )


@case("sfn-kmeans-grid.json", "k-means, Grid strategy, categorical ranges only, one channel")
def kmeans_grid(session: sagemaker.Session) -> TuningStep:
    kmeans = estimator(session, "kmeans", instance_type="ml.c5.2xlarge")
    kmeans.set_hyperparameters(k=10, feature_dim=784)
    tuner = HyperparameterTuner(
        kmeans,
        objective_metric_name="test:msd",
        objective_type="Minimize",
        hyperparameter_ranges={
            "init_method": CategoricalParameter(["kmeans++", "random"]),
            "mini_batch_size": CategoricalParameter(["500", "1000", "5000"]),
        },
        max_jobs=6,
        max_parallel_jobs=2,
        strategy="Grid",
    )
    return TuningStep(
        "Tune k-means",
        tuner=tuner,
        job_name="sfn-kmeans-grid",
        data=TrainingInput(s3("mnist/train"), content_type="application/x-recordio-protobuf"),
    )


@case(
    "sfn-custom-image-metric-definitions.json",
    "custom image with metric definitions, spot; the estimator's checkpoint_s3_uri is not in the "
    "SDK's request",
)
def custom_image(session: sagemaker.Session) -> TuningStep:
    custom = Estimator(
        image_uri="111122223333.dkr.ecr.us-west-2.amazonaws.com/churn-trainer:1.0",
        role=ROLE,
        instance_count=2,
        instance_type="ml.g5.xlarge",
        output_path=s3("custom/output"),
        use_spot_instances=True,
        max_run=7200,
        max_wait=10800,
        checkpoint_s3_uri=s3("custom/checkpoints"),
        sagemaker_session=session,
    )
    custom.set_hyperparameters(epochs=10)
    tuner = HyperparameterTuner(
        custom,
        objective_metric_name="validation:f1",
        metric_definitions=[{"Name": "validation:f1", "Regex": "val_f1=([0-9\\.]+)"}],
        hyperparameter_ranges={
            "lr": ContinuousParameter(1e-5, 1e-2, scaling_type="Logarithmic"),
            "batch_size": IntegerParameter(16, 128),
        },
        max_jobs=8,
        max_parallel_jobs=2,
    )
    return TuningStep(
        "Tune custom model",
        tuner=tuner,
        job_name="sfn-custom-image",
        data={"train": s3("custom/train")},
    )


@case("sfn-warm-start-transfer-learning.json", "XGBoost, warm start from two parents")
def warm_start(session: sagemaker.Session) -> TuningStep:
    xgb = estimator(session, "xgboost")
    xgb.set_hyperparameters(objective="reg:squarederror", num_round=50)
    tuner = HyperparameterTuner(
        xgb,
        objective_metric_name="validation:rmse",
        objective_type="Minimize",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.1, 0.5),
            "max_depth": IntegerParameter(2, 10, scaling_type="Linear"),
        },
        max_jobs=10,
        max_parallel_jobs=2,
        warm_start_config=WarmStartConfig(
            WarmStartTypes.TRANSFER_LEARNING, parents={"sfn-parent-a", "sfn-parent-b"}
        ),
    )
    return TuningStep(
        "Tune with warm start",
        tuner=tuner,
        job_name="sfn-warm-start",
        data=csv_channels("housing"),
    )


@case(
    "sfn-vpc-network-isolation.json",
    "XGBoost in a VPC with KMS keys; the estimator's network isolation and inter-container "
    "traffic encryption are not in the SDK's request",
)
def vpc(session: sagemaker.Session) -> TuningStep:
    xgb = estimator(
        session,
        "xgboost",
        subnets=["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
        security_group_ids=["sg-0123abcd"],
        enable_network_isolation=True,
        encrypt_inter_container_traffic=True,
        volume_kms_key="arn:aws:kms:us-west-2:111122223333:key/11112222-3333-4444-5555-666677778888",
        output_kms_key="arn:aws:kms:us-west-2:111122223333:key/11112222-3333-4444-5555-666677778888",
    )
    xgb.set_hyperparameters(objective="binary:logistic", num_round=80)
    tuner = HyperparameterTuner(
        xgb,
        objective_metric_name="validation:logloss",
        objective_type="Minimize",
        hyperparameter_ranges={"gamma": ContinuousParameter(0, 5)},
        max_jobs=5,
        max_parallel_jobs=5,
    )
    return TuningStep(
        "Tune in VPC",
        tuner=tuner,
        job_name="sfn-vpc-isolated",
        data=csv_channels("secure"),
    )


def main() -> None:
    manifest = Manifest("make_sfn_requests")
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        session = sagemaker.Session(boto3.Session(region_name=REGION), default_bucket=BUCKET)
        for file_name, what, build in CASES:
            step = build(session)
            state = json.loads(step.to_json())
            write_request(file_name, state["Parameters"])
            manifest.add(
                file_name,
                source=SOURCE,
                made_by=(
                    f"{VERSIONS}: tests/realworld/tools/make_sfn_requests.py::{build.__name__} "
                    f"({what}; resource {state['Resource']})"
                ),
                placeholders=PLACEHOLDERS,
            )
            print(file_name)
    manifest.save()


if __name__ == "__main__":
    main()
