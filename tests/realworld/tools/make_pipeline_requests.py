"""Write bare tuning requests from the Tuning steps of SageMaker Pipelines (SDK v2).

Run from the repository root, in a virtualenv with ``sagemaker<3`` and ``moto[s3,sagemaker]``::

    .venv-sdk/bin/python tests/realworld/tools/make_pipeline_requests.py

Each case builds a ``HyperparameterTuner`` on a ``PipelineSession`` (so ``tuner.fit()`` gives
step arguments instead of a call), wraps it in ``sagemaker.workflow.steps.TuningStep`` inside a
``Pipeline`` and reads the step's ``Arguments`` from ``pipeline.definition()``, the JSON the SDK
sends to CreatePipeline. Two changes make a bare request of it, both by this script:

- pipeline parameters (``{"Get": "Parameters.X"}``) are replaced by the ``DefaultValue`` the
  same definition declares for them, the value a run without overrides uses;
- ``HyperParameterTuningJobName``, which Pipelines leaves out and supplies at run time, is put
  first with a fixed name.

Files are ``tests/realworld/pipeline-*.json``; provenance goes to
``manifests/make_pipeline_requests.json`` for ``make_sources_md.py``. S3 and STS are moto's
in-process mocks; nothing leaves the machine.
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
    HyperbandStrategyConfig,
    HyperparameterTuner,
    IntegerParameter,
    StrategyConfig,
    WarmStartConfig,
    WarmStartTypes,
)
from sagemaker.workflow.parameters import (  # noqa: E402
    ParameterInteger,
    ParameterString,
)
from sagemaker.workflow.pipeline import Pipeline  # noqa: E402
from sagemaker.workflow.pipeline_context import PipelineSession  # noqa: E402
from sagemaker.workflow.steps import TuningStep  # noqa: E402

SDK = f"sagemaker {sagemaker.__version__}, boto3 {boto3.__version__}, moto {moto.__version__}"
SOURCE = (
    "SageMaker Pipelines TuningStep of the SageMaker Python SDK v2 (PyPI): the step's Arguments "
    "in Pipeline.definition()"
)

Build = Callable[[PipelineSession], Pipeline]
CASES: list[tuple[str, str, str, Build]] = []


def case(file_name: str, job_name: str, what: str) -> Callable[[Build], Build]:
    def register(build: Build) -> Build:
        CASES.append((file_name, job_name, what, build))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def builtin(session: PipelineSession, algorithm: str, instance_type: Any, **kwargs: Any) -> Any:
    version = "1.7-1" if algorithm == "xgboost" else None
    return Estimator(
        image_uri=str(image_uris.retrieve(algorithm, REGION, version=version)),
        role=ROLE,
        instance_count=kwargs.pop("instance_count", 1),
        instance_type=instance_type,
        output_path=s3(f"pipelines/{algorithm}/output"),
        sagemaker_session=session,
        **kwargs,
    )


def channels(prefix: str, train: Any = None) -> dict[str, TrainingInput]:
    return {
        "train": TrainingInput(train or s3(f"{prefix}/train"), content_type="text/csv"),
        "validation": TrainingInput(s3(f"{prefix}/validation"), content_type="text/csv"),
    }


def pipeline(name: str, session: PipelineSession, step: TuningStep, *parameters: Any) -> Pipeline:
    return Pipeline(name=name, parameters=list(parameters), steps=[step], sagemaker_session=session)


@case(
    "pipeline-xgboost-literal.json",
    "pipeline-xgboost-literal",
    "XGBoost, Bayesian, literal values, early stopping",
)
def xgboost_literal(session: PipelineSession) -> Pipeline:
    xgb = builtin(session, "xgboost", "ml.m5.xlarge", max_run=3600)
    xgb.set_hyperparameters(objective="binary:logistic", num_round=100)
    tuner = HyperparameterTuner(
        xgb,
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "max_depth": IntegerParameter(3, 9),
            "subsample": ContinuousParameter(0.5, 1),
        },
        max_jobs=15,
        max_parallel_jobs=3,
        early_stopping_type="Auto",
    )
    step = TuningStep(name="TuneXGBoost", step_args=tuner.fit(inputs=channels("churn")))
    return pipeline("xgboost-literal", session, step)


@case(
    "pipeline-parameter-defaults.json",
    "pipeline-parameter-defaults",
    "ParameterInteger MaxJobs and TrainingInstanceCount, ParameterString TrainingInstanceType "
    "and TrainData, each replaced by its DefaultValue",
)
def parameter_defaults(session: PipelineSession) -> Pipeline:
    max_jobs = ParameterInteger(name="MaxJobs", default_value=10)
    count = ParameterInteger(name="TrainingInstanceCount", default_value=2)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.c5.2xlarge")
    train = ParameterString(name="TrainData", default_value=s3("churn/train"))
    xgb = builtin(session, "xgboost", instance_type, instance_count=count)
    xgb.set_hyperparameters(objective="binary:logistic", num_round=200)
    tuner = HyperparameterTuner(
        xgb,
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "min_child_weight": ContinuousParameter(1, 10, scaling_type="Logarithmic"),
        },
        max_jobs=max_jobs,
        max_parallel_jobs=2,
    )
    step = TuningStep(name="TuneWithParameters", step_args=tuner.fit(channels("churn", train)))
    return pipeline("parameter-defaults", session, step, max_jobs, count, instance_type, train)


@case(
    "pipeline-multi-algorithm.json",
    "pipeline-multi-algorithm",
    "HyperparameterTuner.create with XGBoost and Linear Learner (TrainingJobDefinitions), "
    "ParameterString TrainingInstanceType replaced by its DefaultValue",
)
def multi_algorithm(session: PipelineSession) -> Pipeline:
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    xgb = builtin(session, "xgboost", instance_type)
    xgb.set_hyperparameters(objective="binary:logistic", num_round=100)
    linear = builtin(session, "linear-learner", instance_type)
    linear.set_hyperparameters(predictor_type="binary_classifier", feature_dim=20)
    tuner = HyperparameterTuner.create(
        estimator_dict={"xgboost": xgb, "linear": linear},
        objective_metric_name_dict={
            "xgboost": "validation:auc",
            "linear": "validation:binary_f_beta",
        },
        hyperparameter_ranges_dict={
            "xgboost": {"eta": ContinuousParameter(0.05, 0.5), "max_depth": IntegerParameter(3, 9)},
            "linear": {
                "learning_rate": ContinuousParameter(1e-4, 1e-1, scaling_type="Logarithmic"),
                "mini_batch_size": CategoricalParameter([100, 200, 500]),
            },
        },
        max_jobs=12,
        max_parallel_jobs=3,
        strategy="Random",
    )
    step = TuningStep(
        name="TuneTwoAlgorithms",
        step_args=tuner.fit(
            inputs={"xgboost": channels("churn"), "linear": channels("churn")},
            include_cls_metadata={},
        ),
    )
    return pipeline("multi-algorithm", session, step, instance_type)


@case(
    "pipeline-hyperband.json",
    "pipeline-hyperband",
    "Hyperband strategy with its StrategyConfig, a custom image with metric definitions",
)
def hyperband(session: PipelineSession) -> Pipeline:
    trainer = Estimator(
        image_uri="111122223333.dkr.ecr.us-west-2.amazonaws.com/churn-trainer:2.1",
        role=ROLE,
        instance_count=1,
        instance_type="ml.g5.xlarge",
        output_path=s3("pipelines/custom/output"),
        sagemaker_session=session,
    )
    trainer.set_hyperparameters(epochs=30)
    tuner = HyperparameterTuner(
        trainer,
        objective_metric_name="validation:loss",
        objective_type="Minimize",
        metric_definitions=[{"Name": "validation:loss", "Regex": "val_loss=([0-9\\.]+)"}],
        hyperparameter_ranges={
            "lr": ContinuousParameter(1e-5, 0.01, scaling_type="Logarithmic"),
            "batch_size": CategoricalParameter([32, 64, 128]),
        },
        strategy="Hyperband",
        strategy_config=StrategyConfig(HyperbandStrategyConfig(min_resource=1, max_resource=30)),
        max_jobs=30,
        max_parallel_jobs=4,
    )
    step = TuningStep(name="TuneHyperband", step_args=tuner.fit({"train": s3("custom/train")}))
    return pipeline("hyperband", session, step)


@case(
    "pipeline-warm-start-identical.json",
    "pipeline-warm-start-identical",
    "warm start IdenticalDataAndAlgorithm from one parent, k-means, Minimize",
)
def warm_start(session: PipelineSession) -> Pipeline:
    kmeans = builtin(session, "kmeans", "ml.c5.xlarge")
    kmeans.set_hyperparameters(k=8, feature_dim=50)
    tuner = HyperparameterTuner(
        kmeans,
        objective_metric_name="test:msd",
        objective_type="Minimize",
        hyperparameter_ranges={
            "mini_batch_size": IntegerParameter(100, 1000),
            "extra_center_factor": IntegerParameter(4, 10),
        },
        max_jobs=8,
        max_parallel_jobs=2,
        warm_start_config=WarmStartConfig(
            WarmStartTypes.IDENTICAL_DATA_AND_ALGORITHM, parents={"pipeline-kmeans-parent"}
        ),
    )
    train = TrainingInput(s3("kmeans/train"), content_type="application/x-recordio-protobuf")
    test = TrainingInput(s3("kmeans/test"), content_type="application/x-recordio-protobuf")
    step = TuningStep(name="TuneKMeans", step_args=tuner.fit({"train": train, "test": test}))
    return pipeline("warm-start", session, step)


def with_defaults(value: Any, defaults: dict[str, Any]) -> Any:
    """The value with each ``{"Get": "Parameters.X"}`` replaced by X's default."""
    if isinstance(value, dict):
        if set(value) == {"Get"} and str(value["Get"]).startswith("Parameters."):
            return defaults[value["Get"].removeprefix("Parameters.")]
        return {key: with_defaults(item, defaults) for key, item in value.items()}
    if isinstance(value, list):
        return [with_defaults(item, defaults) for item in value]
    return value


def main() -> None:
    manifest = Manifest("make_pipeline_requests")
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)
        for file_name, job_name, what, build in CASES:
            session = PipelineSession(boto_session=boto_session, default_bucket=BUCKET)
            definition = json.loads(build(session).definition())
            defaults = {p["Name"]: p["DefaultValue"] for p in definition.get("Parameters", [])}
            (step,) = definition["Steps"]
            arguments = with_defaults(step["Arguments"], defaults)
            if "HyperParameterTuningJobName" in arguments or "Std:Join" in json.dumps(arguments):
                raise RuntimeError(f"{file_name}: a job name, or a Join this script cannot read")
            request = {"HyperParameterTuningJobName": job_name, **arguments}
            write_request(file_name, request)
            manifest.add(
                file_name,
                source=SOURCE,
                made_by=(
                    f"{SDK}: tests/realworld/tools/make_pipeline_requests.py::{build.__name__} "
                    f"({what})"
                ),
                placeholders=(
                    f"{PLACEHOLDERS}; HyperParameterTuningJobName {job_name!r} added by the "
                    "script (Pipelines supplies it at run time)"
                    + (f"; parameters replaced by their defaults: {defaults}" if defaults else "")
                ),
            )
            print(file_name)
    manifest.save()


if __name__ == "__main__":
    main()
