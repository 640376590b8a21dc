"""Write CreateHyperParameterTuningJob requests made by the SageMaker Python SDK v3 and by
sagemaker-core, to ``tests/realworld/sdk3-*.json`` and ``sdkcore-*.json``.

Run from the repository root, in the SDK v3 environment (``.ci/requirements-sdk3.txt``)::

    python3 -m venv .venv-sdk3 && .venv-sdk3/bin/pip install -r .ci/requirements-sdk3.txt
    .venv-sdk3/bin/python tests/realworld/tools/make_sdk3_requests.py
    python3 tests/realworld/tools/make_sources_md.py

Each ``sdk3-*`` case builds a ``sagemaker.train.ModelTrainer`` and a
``sagemaker.train.tuner.HyperparameterTuner`` and calls ``tuner.tune(..., wait=False)``; each
``sdkcore-*`` case calls ``sagemaker.core.resources.HyperParameterTuningJob.create()`` with
sagemaker-core shapes. The SDK sends to moto's in-process SageMaker; a botocore handler on the
boto3 session (``before-parameter-build.sagemaker.CreateHyperParameterTuningJob``, registered
before the SDK makes its clients) keeps the parameters exactly as the SDK hands them to boto3,
and those are written, keys in the SDK's order. Nothing leaves the machine:
``SAGEMAKER_VALIDATE_ROLE=false`` switches off the SDK's role check (moto has no
``iam:SimulatePrincipalPolicy``) and ``TelemetryOptOut`` its telemetry. The manifest goes to
``manifests/make_sdk3_requests.json``, which ``make_sources_md.py`` turns into ``SOURCES.md``.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import (
    ACCOUNT,
    BUCKET,
    PLACEHOLDERS,
    REGION,
    ROLE,
    Manifest,
    offline_environment,
    write_request,
)

offline_environment()
os.environ["SAGEMAKER_VALIDATE_ROLE"] = "false"

import boto3  # noqa: E402
import moto  # noqa: E402
from sagemaker.core import image_uris  # noqa: E402
from sagemaker.core import shapes as core  # noqa: E402
from sagemaker.core.helper.session_helper import Session  # noqa: E402
from sagemaker.core.parameter import (  # noqa: E402
    CategoricalParameter,
    ContinuousParameter,
    IntegerParameter,
)
from sagemaker.core.resources import HyperParameterTuningJob  # noqa: E402
from sagemaker.core.training.configs import (  # noqa: E402
    Compute,
    InputData,
    Networking,
    OutputDataConfig,
    StoppingCondition,
)
from sagemaker.train import ModelTrainer  # noqa: E402
from sagemaker.train.tuner import HyperparameterTuner  # noqa: E402

SCRIPT = "tests/realworld/tools/make_sdk3_requests.py"
EVENT = "before-parameter-build.sagemaker.CreateHyperParameterTuningJob"
SDK_CONFIG = {
    "SchemaVersion": "1.0",
    "SageMaker": {"PythonSDK": {"Modules": {"TelemetryOptOut": True}}},
}
KMS_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SUBNETS = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
SECURITY_GROUPS = ["sg-0123456789abcdef0"]
CUSTOM_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/churn-trainer:1.4"
AUC = [{"Name": "validation:auc", "Regex": "validation-auc=([0-9\\.]+)"}]


def versions() -> str:
    names = ("sagemaker", "sagemaker-core", "sagemaker-train")
    found = ", ".join(f"{name} {metadata.version(name)}" for name in names)
    return f"{found} (PyPI) with boto3 {boto3.__version__}, moto {moto.__version__}"


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


@dataclass
class Case:
    file_name: str
    build: Callable[[Session], None]
    source: str


CASES: list[Case] = []
TUNER_SOURCE = (
    "SageMaker Python SDK v3, sagemaker-train sagemaker/train/tuner.py HyperparameterTuner.tune"
)
CORE_SOURCE = "sagemaker-core sagemaker/core/resources.py HyperParameterTuningJob.create"


def case(file_name: str, source: str = TUNER_SOURCE) -> Callable[[Callable[[Session], None]], Any]:
    def register(build: Callable[[Session], None]) -> Callable[[Session], None]:
        CASES.append(Case(file_name, build, source))
        return build

    return register


def xgboost(session: Session, **settings: Any) -> ModelTrainer:
    arguments: dict[str, Any] = {
        "training_image": image_uris.retrieve("xgboost", REGION, version="1.7-1"),
        "role": ROLE,
        "sagemaker_session": session,
        "compute": Compute(instance_type="ml.m5.xlarge", instance_count=1),
        "output_data_config": OutputDataConfig(s3_output_path=s3("output")),
        "hyperparameters": {"objective": "binary:logistic", "num_round": 100},
    }
    arguments.update(settings)
    return ModelTrainer(**arguments)


def custom(session: Session, **settings: Any) -> ModelTrainer:
    arguments: dict[str, Any] = {
        "training_image": CUSTOM_IMAGE,
        "role": ROLE,
        "sagemaker_session": session,
        "compute": Compute(instance_type="ml.c5.2xlarge", instance_count=1),
        "output_data_config": OutputDataConfig(s3_output_path=s3("output")),
        "hyperparameters": {"epochs": 20},
    }
    arguments.update(settings)
    return ModelTrainer(**arguments)


def csv_channels(folder: str) -> list[InputData]:
    return [
        InputData(channel_name="train", data_source=s3(f"{folder}/train"), content_type="text/csv"),
        InputData(
            channel_name="validation",
            data_source=s3(f"{folder}/validation"),
            content_type="text/csv",
        ),
    ]


XGB_RANGES = {
    "eta": ContinuousParameter(0.05, 0.5),
    "max_depth": IntegerParameter(3, 9),
    "min_child_weight": ContinuousParameter(1, 10, scaling_type="Logarithmic"),
}


@case("sdk3-xgboost-bayesian.json")
def xgboost_bayesian(session: Session) -> None:
    tuner = HyperparameterTuner(
        xgboost(session),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=XGB_RANGES,
        max_jobs=20,
        max_parallel_jobs=3,
        strategy="Bayesian",
    )
    tuner.tune(inputs=csv_channels("churn"), job_name="sdk3-xgb-bayesian", wait=False)


@case("sdk3-random-seed-tags.json")
def random_seed_tags(session: Session) -> None:
    tuner = HyperparameterTuner(
        xgboost(session),
        objective_metric_name="validation:rmse",
        objective_type="Minimize",
        hyperparameter_ranges={
            "alpha": ContinuousParameter(0.01, 10, scaling_type="Logarithmic"),
            "max_depth": IntegerParameter(2, 10),
        },
        max_jobs=12,
        max_parallel_jobs=4,
        strategy="Random",
        random_seed=7,
        tags=[{"Key": "team", "Value": "forecasting"}, {"Key": "cost-center", "Value": "ml-42"}],
    )
    tuner.tune(inputs=csv_channels("abalone"), job_name="sdk3-random-seed", wait=False)


@case("sdk3-hyperband-custom-image.json")
def hyperband(session: Session) -> None:
    tuner = HyperparameterTuner(
        custom(session),
        objective_metric_name="validation:auc",
        metric_definitions=AUC,
        hyperparameter_ranges={
            "learning_rate": ContinuousParameter(1e-4, 1e-1, scaling_type="Logarithmic"),
            "batch_size": CategoricalParameter([32, 64, 128]),
        },
        max_jobs=30,
        max_parallel_jobs=5,
        strategy="Hyperband",
        strategy_config=core.HyperParameterTuningJobStrategyConfig(
            hyperband_strategy_config=core.HyperbandStrategyConfig(min_resource=2, max_resource=20)
        ),
    )
    tuner.tune(inputs={"train": s3("images/train")}, job_name="sdk3-hyperband", wait=False)


@case("sdk3-grid-categorical.json")
def grid(session: Session) -> None:
    tuner = HyperparameterTuner(
        xgboost(session),
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "max_depth": CategoricalParameter(["3", "5", "7"]),
            "booster": CategoricalParameter(["gbtree", "dart"]),
        },
        max_parallel_jobs=2,
        strategy="Grid",
    )
    tuner.tune(inputs=csv_channels("churn"), job_name="sdk3-grid", wait=False)


@case("sdk3-warm-start-transfer.json")
def warm_start(session: Session) -> None:
    tuner = HyperparameterTuner(
        xgboost(session),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=XGB_RANGES,
        max_jobs=10,
        max_parallel_jobs=2,
        warm_start_config=core.HyperParameterTuningJobWarmStartConfig(
            parent_hyper_parameter_tuning_jobs=[
                core.ParentHyperParameterTuningJob(
                    hyper_parameter_tuning_job_name="sdk3-xgb-bayesian"
                )
            ],
            warm_start_type="TransferLearning",
        ),
    )
    tuner.tune(inputs=csv_channels("churn-2025"), job_name="sdk3-warm-start", wait=False)


@case("sdk3-multi-instance-stopping.json")
def multi_instance(session: Session) -> None:
    trainer = custom(
        session,
        compute=Compute(instance_type="ml.p3.8xlarge", instance_count=4, volume_size_in_gb=200),
        stopping_condition=StoppingCondition(max_runtime_in_seconds=14400),
        environment={"NCCL_DEBUG": "INFO"},
    )
    tuner = HyperparameterTuner(
        trainer,
        objective_metric_name="validation:auc",
        metric_definitions=AUC,
        hyperparameter_ranges={"learning_rate": ContinuousParameter(1e-5, 1e-2)},
        max_jobs=8,
        max_parallel_jobs=2,
        max_runtime_in_seconds=86400,
    )
    tuner.tune(inputs={"train": s3("imagenet/train")}, job_name="sdk3-multi-instance", wait=False)


@case("sdk3-spot-checkpoints.json")
def spot(session: Session) -> None:
    trainer = xgboost(
        session,
        compute=Compute(
            instance_type="ml.m5.2xlarge", instance_count=1, enable_managed_spot_training=True
        ),
        stopping_condition=StoppingCondition(
            max_runtime_in_seconds=3600, max_wait_time_in_seconds=7200
        ),
        checkpoint_config=core.CheckpointConfig(s3_uri=s3("checkpoints/spot")),
    )
    tuner = HyperparameterTuner(
        trainer,
        objective_metric_name="validation:auc",
        hyperparameter_ranges=XGB_RANGES,
        max_jobs=10,
        max_parallel_jobs=2,
    )
    tuner.tune(inputs=csv_channels("churn"), job_name="sdk3-spot", wait=False)


@case("sdk3-vpc-output-kms.json")
def vpc(session: Session) -> None:
    trainer = xgboost(
        session,
        networking=Networking(subnets=SUBNETS, security_group_ids=SECURITY_GROUPS),
        output_data_config=OutputDataConfig(s3_output_path=s3("secure/output"), kms_key_id=KMS_KEY),
    )
    tuner = HyperparameterTuner(
        trainer,
        objective_metric_name="validation:auc",
        hyperparameter_ranges=XGB_RANGES,
        max_jobs=10,
        max_parallel_jobs=2,
    )
    tuner.tune(inputs=csv_channels("secure"), job_name="sdk3-vpc", wait=False)


@case("sdk3-completion-criteria.json")
def completion(session: Session) -> None:
    tuner = HyperparameterTuner(
        xgboost(session),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=XGB_RANGES,
        max_jobs=50,
        max_parallel_jobs=5,
        early_stopping_type="Auto",
        completion_criteria_config=core.TuningJobCompletionCriteria(
            target_objective_metric_value=0.95,
            best_objective_not_improving=core.BestObjectiveNotImproving(
                max_number_of_training_jobs_not_improving=10
            ),
        ),
    )
    tuner.tune(inputs=csv_channels("churn"), job_name="sdk3-completion", wait=False)


def core_definition(name: str | None, image: str, ranges: core.ParameterRanges) -> Any:
    metrics = [core.MetricDefinition(name="validation:auc", regex="validation-auc=([0-9\\.]+)")]
    extra: dict[str, Any] = {}
    if name is not None:
        extra = {
            "definition_name": name,
            "tuning_objective": core.HyperParameterTuningJobObjective(
                type="Maximize", metric_name="validation:auc"
            ),
            "hyper_parameter_ranges": ranges,
        }
    return core.HyperParameterTrainingJobDefinition(
        algorithm_specification=core.HyperParameterAlgorithmSpecification(
            training_image=image, training_input_mode="File", metric_definitions=metrics
        ),
        role_arn=ROLE,
        input_data_config=[
            core.Channel(
                channel_name="train",
                data_source=core.DataSource(
                    s3_data_source=core.S3DataSource(
                        s3_data_type="S3Prefix",
                        s3_uri=s3("churn/train"),
                        s3_data_distribution_type="FullyReplicated",
                    )
                ),
            )
        ],
        output_data_config=core.OutputDataConfig(s3_output_path=s3("output")),
        resource_config=core.ResourceConfig(
            instance_type="ml.m5.xlarge", instance_count=1, volume_size_in_gb=30
        ),
        stopping_condition=core.StoppingCondition(max_runtime_in_seconds=3600),
        static_hyper_parameters={"epochs": "10"},
        **extra,
    )


FOREST_RANGES = core.ParameterRanges(
    integer_parameter_ranges=[
        core.IntegerParameterRange(name="n_estimators", min_value="50", max_value="400")
    ]
)
NET_RANGES = core.ParameterRanges(
    continuous_parameter_ranges=[
        core.ContinuousParameterRange(
            name="learning_rate", min_value="0.0001", max_value="0.1", scaling_type="Logarithmic"
        )
    ]
)


@case("sdkcore-create-single.json", CORE_SOURCE)
def core_single(session: Session) -> None:
    HyperParameterTuningJob.create(
        hyper_parameter_tuning_job_name="sdkcore-single",
        hyper_parameter_tuning_job_config=core.HyperParameterTuningJobConfig(
            strategy="Bayesian",
            hyper_parameter_tuning_job_objective=core.HyperParameterTuningJobObjective(
                type="Maximize", metric_name="validation:auc"
            ),
            resource_limits=core.ResourceLimits(
                max_number_of_training_jobs=10, max_parallel_training_jobs=2
            ),
            parameter_ranges=NET_RANGES,
        ),
        training_job_definition=core_definition(None, CUSTOM_IMAGE, NET_RANGES),
        tags=[core.Tag(key="team", value="churn")],
        session=session.boto_session,
        region=REGION,
    )


@case("sdkcore-create-multi-algorithm.json", CORE_SOURCE)
def core_multi(session: Session) -> None:
    HyperParameterTuningJob.create(
        hyper_parameter_tuning_job_name="sdkcore-multi",
        hyper_parameter_tuning_job_config=core.HyperParameterTuningJobConfig(
            strategy="Random",
            resource_limits=core.ResourceLimits(
                max_number_of_training_jobs=20, max_parallel_training_jobs=4
            ),
        ),
        training_job_definitions=[
            core_definition("net", CUSTOM_IMAGE, NET_RANGES),
            core_definition(
                "forest",
                f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/churn-forest:2.1",
                FOREST_RANGES,
            ),
        ],
        session=session.boto_session,
        region=REGION,
    )


def run() -> None:
    manifest = Manifest("make_sdk3_requests")
    made_by = versions()
    failed: list[str] = []
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        for item in CASES:
            boto_session = boto3.Session(region_name=REGION)
            sent: list[dict[str, Any]] = []

            def record(params: dict[str, Any], _sent: list[Any] = sent, **_: Any) -> None:
                _sent.append(copy.deepcopy(params))

            boto_session.events.register(EVENT, record)
            session = Session(
                boto_session=boto_session, default_bucket=BUCKET, sagemaker_config=SDK_CONFIG
            )
            try:
                item.build(session)
            except Exception as error:  # report every broken case, then fail
                failed.append(f"{item.file_name}: {type(error).__name__}: {error}")
                continue
            if len(sent) != 1:
                failed.append(f"{item.file_name}: {len(sent)} tuning requests sent, not 1")
                continue
            write_request(item.file_name, sent[0])
            manifest.add(
                item.file_name,
                source=item.source,
                made_by=f"{made_by}; {SCRIPT}::{item.build.__name__}",
                placeholders=f"{PLACEHOLDERS}, S3 keys under {BUCKET}",
            )
            print("wrote", item.file_name)
    if failed:
        sys.exit("\n".join(failed))
    manifest.save()


if __name__ == "__main__":
    run()
