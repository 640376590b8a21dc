"""Write SageMaker Pipelines definitions with Tuning steps, made by the SageMaker Python SDK v2.

Run from the repository root, in a virtualenv with ``sagemaker<3`` and ``moto[s3,sagemaker]``::

    .venv-sdk/bin/python tests/realworld/tools/make_pipelines.py

Each case builds estimators, a ``HyperparameterTuner`` and a ``Pipeline`` whose ``TuningStep``
takes pipeline parameters (``ParameterInteger``, ``ParameterString``) and a ``Join``, the way
the SDK's documentation shows, and writes ``pipeline.definition()`` to
``tests/realworld/pipelines/``. A ``PipelineSession`` turns ``tuner.fit()`` into step arguments
instead of a call. S3 and STS are moto's in-process mocks; one case also creates the pipeline in
moto's SageMaker mock and saves its ``describe_pipeline`` response, whose ``PipelineDefinition``
is the definition as a JSON string. Nothing leaves the machine; re-running reproduces the files.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import ACCOUNT, BUCKET, REGION, ROLE, offline_environment

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
)
from sagemaker.workflow.condition_step import ConditionStep  # noqa: E402
from sagemaker.workflow.conditions import ConditionGreaterThanOrEqualTo  # noqa: E402
from sagemaker.workflow.execution_variables import ExecutionVariables  # noqa: E402
from sagemaker.workflow.functions import Join  # noqa: E402
from sagemaker.workflow.parameters import (  # noqa: E402
    ParameterBoolean,
    ParameterInteger,
    ParameterString,
)
from sagemaker.workflow.pipeline import Pipeline  # noqa: E402
from sagemaker.workflow.pipeline_context import PipelineSession  # noqa: E402
from sagemaker.workflow.steps import TuningStep  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "pipelines"
SDK = f"sagemaker {sagemaker.__version__} (PyPI)"
PLACEHOLDERS = (
    f"account {ACCOUNT}, region {REGION}, bucket {BUCKET}, role {ROLE}, fixed pipeline names"
)


@dataclass
class Case:
    file_name: str
    build: Callable[[PipelineSession], Pipeline]
    parameters: str  # the pipeline parameters and functions the case uses, for SOURCES.md
    describe: bool = False  # also save moto's describe_pipeline response


CASES: list[Case] = []


def case(
    file_name: str, parameters: str, *, describe: bool = False
) -> Callable[[Callable[[PipelineSession], Pipeline]], Callable[[PipelineSession], Pipeline]]:
    def register(
        build: Callable[[PipelineSession], Pipeline],
    ) -> Callable[[PipelineSession], Pipeline]:
        CASES.append(Case(file_name, build, parameters, describe))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def xgboost(session: PipelineSession, instance_type: Any, instance_count: Any = 1) -> Estimator:
    estimator = Estimator(
        image_uri=str(image_uris.retrieve("xgboost", REGION, version="1.7-1")),
        role=ROLE,
        instance_count=instance_count,
        instance_type=instance_type,
        output_path=Join(on="/", values=[s3("xgboost"), ExecutionVariables.PIPELINE_EXECUTION_ID]),
        sagemaker_session=session,
    )
    estimator.set_hyperparameters(objective="binary:logistic", num_round=100)
    return estimator


@case(
    "sdk-pipeline-single-tuner.json",
    "ParameterInteger MaxJobs (ResourceLimits.MaxNumberOfTrainingJobs), ParameterInteger "
    "TrainingInstanceCount (ResourceConfig.InstanceCount), ParameterString TrainingInstanceType "
    "(ResourceConfig.InstanceType), ParameterString TrainData (an S3 channel), Join of the "
    "output bucket and ExecutionVariables.PIPELINE_EXECUTION_ID (OutputDataConfig.S3OutputPath)",
    describe=True,
)
def single_tuner(session: PipelineSession) -> Pipeline:
    max_jobs = ParameterInteger(name="MaxJobs", default_value=10)
    count = ParameterInteger(name="TrainingInstanceCount", default_value=1)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    train = ParameterString(name="TrainData", default_value=s3("churn/train"))
    tuner = HyperparameterTuner(
        xgboost(session, instance_type, count),
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "max_depth": IntegerParameter(3, 9),
            "min_child_weight": ContinuousParameter(1, 10, scaling_type="Logarithmic"),
        },
        max_jobs=max_jobs,
        max_parallel_jobs=2,
        strategy="Bayesian",
    )
    step = TuningStep(
        name="TuneXGBoost",
        step_args=tuner.fit(
            inputs={
                "train": TrainingInput(train, content_type="text/csv"),
                "validation": TrainingInput(s3("churn/validation"), content_type="text/csv"),
            }
        ),
    )
    return Pipeline(
        name="churn-tuning",
        parameters=[max_jobs, count, instance_type, train],
        steps=[step],
        sagemaker_session=session,
    )


@case(
    "sdk-pipeline-condition-tuner.json",
    "ParameterInteger TuningBudget (the condition), ParameterBoolean Quick (declared, unused), "
    "ParameterInteger MaxJobs "
    "(ResourceLimits.MaxNumberOfTrainingJobs) and MaxParallel (MaxParallelTrainingJobs), "
    "ParameterString TrainingInstanceType, Join of the output bucket and "
    "ExecutionVariables.PIPELINE_EXECUTION_ID; the TuningStep is in the ConditionStep's "
    "if_steps, a second one in its else_steps",
)
def condition_tuner(session: PipelineSession) -> Pipeline:
    run_tuning = ParameterInteger(name="TuningBudget", default_value=20)
    max_jobs = ParameterInteger(name="MaxJobs", default_value=20)
    max_parallel = ParameterInteger(name="MaxParallel", default_value=4)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    quick = ParameterBoolean(name="Quick", default_value=False)

    def tuning_step(name: str, jobs: Any, parallel: Any) -> TuningStep:
        tuner = HyperparameterTuner(
            xgboost(session, instance_type),
            objective_metric_name="validation:rmse",
            objective_type="Minimize",
            hyperparameter_ranges={
                "alpha": ContinuousParameter(0.01, 10, scaling_type="Logarithmic"),
                "max_depth": IntegerParameter(2, 10),
            },
            max_jobs=jobs,
            max_parallel_jobs=parallel,
            strategy="Random",
        )
        return TuningStep(
            name=name,
            step_args=tuner.fit(
                inputs={
                    "train": TrainingInput(s3("abalone/train"), content_type="text/csv"),
                    "validation": TrainingInput(s3("abalone/validation"), content_type="text/csv"),
                }
            ),
        )

    condition = ConditionStep(
        name="EnoughBudget",
        conditions=[ConditionGreaterThanOrEqualTo(left=run_tuning, right=10)],
        if_steps=[tuning_step("TuneWide", max_jobs, max_parallel)],
        else_steps=[tuning_step("TuneNarrow", 4, 2)],
    )
    return Pipeline(
        name="abalone-conditional-tuning",
        parameters=[run_tuning, max_jobs, max_parallel, instance_type, quick],
        steps=[condition],
        sagemaker_session=session,
    )


@case(
    "sdk-pipeline-multi-algorithm.json",
    "ParameterInteger MaxJobs (ResourceLimits.MaxNumberOfTrainingJobs), ParameterString "
    "TrainingInstanceType (both definitions' ResourceConfig.InstanceType), ParameterString "
    "TrainData (an S3 channel of each definition), Join of the output bucket and "
    "ExecutionVariables.PIPELINE_EXECUTION_ID",
)
def multi_algorithm(session: PipelineSession) -> Pipeline:
    max_jobs = ParameterInteger(name="MaxJobs", default_value=12)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    train = ParameterString(name="TrainData", default_value=s3("churn/train"))
    linear = Estimator(
        image_uri=str(image_uris.retrieve("linear-learner", REGION)),
        role=ROLE,
        instance_count=1,
        instance_type=instance_type,
        output_path=s3("linear/output"),
        sagemaker_session=session,
    )
    linear.set_hyperparameters(predictor_type="binary_classifier", feature_dim=20)
    tuner = HyperparameterTuner.create(
        estimator_dict={"xgboost": xgboost(session, instance_type), "linear": linear},
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
        max_jobs=max_jobs,
        max_parallel_jobs=3,
    )
    channel = TrainingInput(train, content_type="text/csv")
    step = TuningStep(
        name="TuneTwoAlgorithms",
        step_args=tuner.fit(
            inputs={
                "xgboost": {"train": channel, "validation": s3("churn/validation")},
                "linear": {"train": channel, "validation": s3("churn/validation")},
            },
            include_cls_metadata={},
        ),
    )
    return Pipeline(
        name="churn-multi-algorithm-tuning",
        parameters=[max_jobs, instance_type, train],
        steps=[step],
        sagemaker_session=session,
    )


def describe_text(name: str) -> str:
    """moto's DescribePipeline response for the pipeline ``name``, as the AWS CLI prints it."""
    answer = boto3.client("sagemaker", region_name=REGION).describe_pipeline(PipelineName=name)
    answer.pop("ResponseMetadata", None)
    return json.dumps(answer, indent=4, default=str) + "\n"


HEADER = """# Real-world pipeline definitions
Each `sdk-pipeline-*` file here is `pipeline.definition()` of a SageMaker Pipelines `Pipeline`
with a `TuningStep`, as the SageMaker Python SDK v2 wrote it, run offline by
`tests/realworld/tools/make_pipelines.py` (the JSON indented for reading, keys in the SDK's
order). The `moto-describe-pipeline-*` file is the DescribePipeline response of moto's SageMaker
mock after the SDK's `Pipeline.upsert()`: its `PipelineDefinition` is the definition as one JSON
string, exactly as the SDK sent it, and its timestamps are those of the run. A `PipelineSession`
turns `tuner.fit()` into step arguments; moto mocks S3, STS and SageMaker; nothing reaches AWS.
Account ids, buckets, roles and names are placeholders, listed per file, with the pipeline
parameters each file uses. To regenerate, create a virtualenv with
`python3 -m venv .venv-sdk && .venv-sdk/bin/pip install "sagemaker<3" "moto[s3,sagemaker]"`
and run `.venv-sdk/bin/python tests/realworld/tools/make_pipelines.py`, which writes the files
and this one.
The SDK v3 files, `*sdk3-pipeline-*`, are in `SOURCES-v3.md`, written by `make_pipelines_v3.py`.
"""


class Sources:
    """The provenance of each file written, as SOURCES.md lists it."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, str]] = {}

    def add(self, file_name: str, *, source: str, made_by: str, placeholders: str) -> None:
        if file_name in self.entries:
            raise ValueError(f"{file_name} written twice")
        self.entries[file_name] = {
            "source": source,
            "made by": made_by,
            "placeholders": placeholders,
        }

    def save(self) -> None:
        parts = [HEADER]
        for name in sorted(self.entries):
            lines = [f"## {name}"]
            lines += [f"- {key}: {value}" for key, value in self.entries[name].items()]
            parts.append("\n".join(lines) + "\n")
        (OUT / "SOURCES.md").write_text("\n".join(parts), encoding="utf-8")


def run() -> None:
    manifest = Sources()
    OUT.mkdir(exist_ok=True)
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)
        for item in CASES:
            session = PipelineSession(boto_session=boto_session, default_bucket=BUCKET)
            pipeline = item.build(session)
            definition = json.loads(pipeline.definition())
            (OUT / item.file_name).write_text(
                json.dumps(definition, indent=2) + "\n", encoding="utf-8"
            )
            made_by = (
                f"{SDK}, moto {moto.__version__}: Pipeline.definition() of "
                f"tests/realworld/tools/make_pipelines.py::{item.build.__name__}"
            )
            manifest.add(
                item.file_name,
                source="SageMaker Python SDK v2, sagemaker/workflow/steps.py TuningStep",
                made_by=made_by,
                placeholders=f"{PLACEHOLDERS}; pipeline parameters: {item.parameters}",
            )
            print("wrote", item.file_name)
            if item.describe:
                pipeline.upsert(role_arn=ROLE)
                described = item.file_name.replace("sdk-pipeline-", "moto-describe-pipeline-")
                (OUT / described).write_text(describe_text(pipeline.name), encoding="utf-8")
                manifest.add(
                    described,
                    source=(
                        "DescribePipeline response of moto's SageMaker mock, after the SDK's "
                        f"Pipeline.upsert() of {item.file_name}"
                    ),
                    made_by=(
                        f"{SDK}, boto3 {boto3.__version__}, moto {moto.__version__}: "
                        f"tests/realworld/tools/make_pipelines.py::describe_text"
                    ),
                    placeholders=f"{PLACEHOLDERS}; moto's own ARNs and timestamps",
                )
                print("wrote", described)
    manifest.save()


if __name__ == "__main__":
    run()
