"""Write SageMaker Pipelines definitions with Tuning steps, made by the SageMaker Python SDK v3.

Run from the repository root, in a virtualenv with ``sagemaker>=3`` and ``moto[s3,sagemaker]``::

    .venv-sdk3/bin/python tests/realworld/tools/make_pipelines_v3.py

The v3 counterpart of ``make_pipelines.py`` (SDK v2). Each case builds a
``sagemaker.train.ModelTrainer``, a ``sagemaker.train.tuner.HyperparameterTuner`` and a
``sagemaker.mlops.workflow.pipeline.Pipeline`` whose ``TuningStep`` takes pipeline parameters
(``sagemaker.core.workflow.parameters``) and a ``Join`` with an execution variable, and writes
``pipeline.definition()`` to ``tests/realworld/pipelines/sdk3-pipeline-*.json``. A
``sagemaker.core.workflow.pipeline_context.PipelineSession`` turns ``tuner.tune()`` into step
arguments instead of a call. S3, STS and SageMaker are moto's in-process mocks; one case also
creates the pipeline in moto's SageMaker mock and saves its ``describe_pipeline`` response.

Two things keep the run offline and are not settings of the definitions:

- ``SAGEMAKER_VALIDATE_ROLE=false``: v3's ``ModelTrainer`` and ``Pipeline.upsert()`` check the
  role with ``iam:SimulatePrincipalPolicy``, which moto does not implement; the variable is the
  SDK's own switch to skip that check.
- the session's ``sagemaker_config`` sets ``TelemetryOptOut`` (and so no config file is read),
  so the SDK sends no telemetry request.

Some things the v2 script does fail in v3; the script tries them and writes the error it gets
(type and message) to ``SOURCES-v3.md``, with what the written definitions show of the
``ModelTrainer`` settings the tuner carries or leaves out ("Observed"). The script writes
``tests/realworld/pipelines/SOURCES-v3.md``; it does not touch ``SOURCES.md``, which
``make_pipelines.py`` writes. Nothing leaves the machine; re-running reproduces the files
(the moto-describe file's timestamps excepted).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import ACCOUNT, BUCKET, REGION, ROLE, offline_environment

offline_environment()
os.environ["SAGEMAKER_VALIDATE_ROLE"] = "false"

import boto3  # noqa: E402
import moto  # noqa: E402
from sagemaker.core import image_uris  # noqa: E402
from sagemaker.core.parameter import (  # noqa: E402
    CategoricalParameter,
    ContinuousParameter,
    IntegerParameter,
)
from sagemaker.core.training.configs import (  # noqa: E402
    Compute,
    InputData,
    Networking,
    OutputDataConfig,
    StoppingCondition,
)
from sagemaker.core.workflow.conditions import ConditionGreaterThanOrEqualTo  # noqa: E402
from sagemaker.core.workflow.execution_variables import ExecutionVariables  # noqa: E402
from sagemaker.core.workflow.functions import Join  # noqa: E402
from sagemaker.core.workflow.parameters import (  # noqa: E402
    ParameterBoolean,
    ParameterInteger,
    ParameterString,
)
from sagemaker.core.workflow.pipeline_context import PipelineSession  # noqa: E402
from sagemaker.mlops.workflow.condition_step import ConditionStep  # noqa: E402
from sagemaker.mlops.workflow.pipeline import Pipeline  # noqa: E402
from sagemaker.mlops.workflow.steps import TuningStep  # noqa: E402
from sagemaker.train import ModelTrainer  # noqa: E402
from sagemaker.train.tuner import HyperparameterTuner  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "pipelines"
SCRIPT = "tests/realworld/tools/make_pipelines_v3.py"


def version(distribution: str) -> str:
    return metadata.version(distribution)


SDK = (
    f"sagemaker {version('sagemaker')}, sagemaker-core {version('sagemaker-core')}, "
    f"sagemaker-train {version('sagemaker-train')}, sagemaker-mlops {version('sagemaker-mlops')} "
    f"(PyPI)"
)
SOURCE = (
    "SageMaker Python SDK v3, sagemaker-mlops sagemaker/mlops/workflow/steps.py TuningStep, "
    "sagemaker-train sagemaker/train/tuner.py HyperparameterTuner.tune()"
)
PLACEHOLDERS = (
    f"account {ACCOUNT}, region {REGION}, bucket {BUCKET}, role {ROLE}, fixed pipeline names"
)
KMS_KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SUBNET = "subnet-0123456789abcdef0"
SECURITY_GROUP = "sg-0123456789abcdef0"
# No config file is read; the SDK sends no telemetry request.
SDK_CONFIG = {
    "SchemaVersion": "1.0",
    "SageMaker": {"PythonSDK": {"Modules": {"TelemetryOptOut": True}}},
}


@dataclass
class Case:
    file_name: str
    build: Callable[[PipelineSession], Pipeline]
    parameters: str  # the pipeline parameters and functions the case uses, for SOURCES-v3.md
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


@dataclass
class Attempt:
    name: str
    build: Callable[[PipelineSession], Pipeline]
    what: str  # what the attempt does, for SOURCES-v3.md


ATTEMPTS: list[Attempt] = []


def attempt(what: str) -> Callable[[Callable[[PipelineSession], Pipeline]], Any]:
    def register(build: Callable[[PipelineSession], Pipeline]) -> Any:
        ATTEMPTS.append(Attempt(build.__name__, build, what))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def xgboost_image() -> str:
    return str(image_uris.retrieve("xgboost", REGION, version="1.7-1"))


def xgboost(
    session: PipelineSession,
    instance_type: Any,
    instance_count: Any = 1,
    *,
    compute: dict[str, Any] | None = None,
    networking: Networking | None = None,
    stopping_condition: StoppingCondition | None = None,
) -> ModelTrainer:
    return ModelTrainer(
        training_image=xgboost_image(),
        role=ROLE,
        sagemaker_session=session,
        compute=Compute(
            instance_type=instance_type, instance_count=instance_count, **(compute or {})
        ),
        networking=networking,
        stopping_condition=stopping_condition,
        output_data_config=OutputDataConfig(
            s3_output_path=Join(
                on="/", values=[s3("xgboost"), ExecutionVariables.PIPELINE_EXECUTION_ID]
            )
        ),
        hyperparameters={"objective": "binary:logistic", "num_round": 100},
    )


def channels(train: Any, folder: str) -> list[InputData]:
    return [
        InputData(channel_name="train", data_source=train, content_type="text/csv"),
        InputData(
            channel_name="validation",
            data_source=s3(f"{folder}/validation"),
            content_type="text/csv",
        ),
    ]


SINGLE_RANGES = {
    "eta": ContinuousParameter(0.05, 0.5),
    "max_depth": IntegerParameter(3, 9),
    "min_child_weight": ContinuousParameter(1, 10, scaling_type="Logarithmic"),
}


@case(
    "sdk3-pipeline-single-tuner.json",
    "ParameterInteger TrainingInstanceCount (ResourceConfig.InstanceCount), ParameterString "
    "TrainingInstanceType (ResourceConfig.InstanceType), ParameterString TrainData (an S3 "
    "channel), Join of the output bucket and ExecutionVariables.PIPELINE_EXECUTION_ID "
    "(OutputDataConfig.S3OutputPath); ResourceLimits.MaxNumberOfTrainingJobs is the integer 10, "
    'not a ParameterInteger: v3 refuses one there (see "Tried, failed" below)',
    describe=True,
)
def single_tuner(session: PipelineSession) -> Pipeline:
    count = ParameterInteger(name="TrainingInstanceCount", default_value=1)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    train = ParameterString(name="TrainData", default_value=s3("churn/train"))
    tuner = HyperparameterTuner(
        xgboost(session, instance_type, count),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=SINGLE_RANGES,
        max_jobs=10,
        max_parallel_jobs=2,
        strategy="Bayesian",
    )
    step = TuningStep(name="TuneXGBoost", step_args=tuner.tune(inputs=channels(train, "churn")))
    return Pipeline(
        name="churn-tuning",
        parameters=[count, instance_type, train],
        steps=[step],
        sagemaker_session=session,
    )


@case(
    "sdk3-pipeline-condition-tuner.json",
    "ParameterInteger TuningBudget (the condition), ParameterBoolean Quick (declared, unused), "
    "ParameterString TrainingInstanceType (ResourceConfig.InstanceType of both steps), Join of "
    "the output bucket and ExecutionVariables.PIPELINE_EXECUTION_ID; the TuningStep is in the "
    "ConditionStep's if_steps, a second one in its else_steps; ResourceLimits are integers "
    "(20/4 and 4/2)",
)
def condition_tuner(session: PipelineSession) -> Pipeline:
    budget = ParameterInteger(name="TuningBudget", default_value=20)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    quick = ParameterBoolean(name="Quick", default_value=False)

    def tuning_step(name: str, jobs: int, parallel: int) -> TuningStep:
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
            name=name, step_args=tuner.tune(inputs=channels(s3("abalone/train"), "abalone"))
        )

    condition = ConditionStep(
        name="EnoughBudget",
        conditions=[ConditionGreaterThanOrEqualTo(left=budget, right=10)],
        if_steps=[tuning_step("TuneWide", 20, 4)],
        else_steps=[tuning_step("TuneNarrow", 4, 2)],
    )
    return Pipeline(
        name="abalone-conditional-tuning",
        parameters=[budget, instance_type, quick],
        steps=[condition],
        sagemaker_session=session,
    )


# What the trainer-settings case gives the ModelTrainer and the tuner, and where each would be
# in the step's CreateHyperParameterTuningJob arguments.
SETTINGS: list[tuple[str, str, tuple[str, ...], Any]] = [
    (
        "Networking(enable_network_isolation=True)",
        "TrainingJobDefinition.EnableNetworkIsolation",
        ("TrainingJobDefinition", "EnableNetworkIsolation"),
        True,
    ),
    (
        "Networking(enable_inter_container_traffic_encryption=True)",
        "TrainingJobDefinition.EnableInterContainerTrafficEncryption",
        ("TrainingJobDefinition", "EnableInterContainerTrafficEncryption"),
        True,
    ),
    (
        f"Networking(subnets=[{SUBNET!r}], security_group_ids=[{SECURITY_GROUP!r}])",
        "TrainingJobDefinition.VpcConfig",
        ("TrainingJobDefinition", "VpcConfig"),
        {"SecurityGroupIds": [SECURITY_GROUP], "Subnets": [SUBNET]},
    ),
    (
        "Compute(volume_size_in_gb=50)",
        "TrainingJobDefinition.ResourceConfig.VolumeSizeInGB",
        ("TrainingJobDefinition", "ResourceConfig", "VolumeSizeInGB"),
        50,
    ),
    (
        f"Compute(volume_kms_key_id={KMS_KEY!r})",
        "TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId",
        ("TrainingJobDefinition", "ResourceConfig", "VolumeKmsKeyId"),
        KMS_KEY,
    ),
    (
        "Compute(keep_alive_period_in_seconds=1800)",
        "TrainingJobDefinition.ResourceConfig.KeepAlivePeriodInSeconds",
        ("TrainingJobDefinition", "ResourceConfig", "KeepAlivePeriodInSeconds"),
        1800,
    ),
    (
        "Compute(enable_managed_spot_training=True)",
        "TrainingJobDefinition.EnableManagedSpotTraining",
        ("TrainingJobDefinition", "EnableManagedSpotTraining"),
        True,
    ),
    (
        "StoppingCondition(max_runtime_in_seconds=7200, max_wait_time_in_seconds=10800)",
        "TrainingJobDefinition.StoppingCondition",
        ("TrainingJobDefinition", "StoppingCondition"),
        {"MaxRuntimeInSeconds": 7200, "MaxWaitTimeInSeconds": 10800},
    ),
    (
        "HyperparameterTuner(random_seed=0)",
        "HyperParameterTuningJobConfig.RandomSeed",
        ("HyperParameterTuningJobConfig", "RandomSeed"),
        0,
    ),
]


def settings_tuner(
    session: PipelineSession, random_seed: int
) -> tuple[TuningStep, ParameterString]:
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    trainer = xgboost(
        session,
        instance_type,
        compute={
            "volume_size_in_gb": 50,
            "volume_kms_key_id": KMS_KEY,
            "keep_alive_period_in_seconds": 1800,
            "enable_managed_spot_training": True,
        },
        networking=Networking(
            subnets=[SUBNET],
            security_group_ids=[SECURITY_GROUP],
            enable_network_isolation=True,
            enable_inter_container_traffic_encryption=True,
        ),
        stopping_condition=StoppingCondition(
            max_runtime_in_seconds=7200, max_wait_time_in_seconds=10800
        ),
    )
    tuner = HyperparameterTuner(
        trainer,
        objective_metric_name="validation:auc",
        hyperparameter_ranges=SINGLE_RANGES,
        max_jobs=10,
        max_parallel_jobs=2,
        random_seed=random_seed,
    )
    step = TuningStep(
        name="TuneXGBoost", step_args=tuner.tune(inputs=channels(s3("churn/train"), "churn"))
    )
    return step, instance_type


@case(
    "sdk3-pipeline-trainer-settings.json",
    "ParameterString TrainingInstanceType (ResourceConfig.InstanceType), Join of the output "
    "bucket and ExecutionVariables.PIPELINE_EXECUTION_ID (OutputDataConfig.S3OutputPath); the "
    "ModelTrainer also sets network isolation, inter-container traffic encryption, a VPC, a "
    "volume KMS key, a warm pool, managed spot training and a stopping condition, the tuner "
    'RandomSeed 0: which of them the definition carries is under "Observed" below',
)
def trainer_settings(session: PipelineSession) -> Pipeline:
    step, instance_type = settings_tuner(session, random_seed=0)
    return Pipeline(
        name="churn-tuning-trainer-settings",
        parameters=[instance_type],
        steps=[step],
        sagemaker_session=session,
    )


@attempt(
    'the single tuner with `max_jobs=ParameterInteger(name="MaxJobs", default_value=10)` (as '
    "the v2 script's sdk-pipeline-single-tuner.json has it), then `pipeline.definition()`"
)
def parameter_max_jobs(session: PipelineSession) -> Pipeline:
    max_jobs = ParameterInteger(name="MaxJobs", default_value=10)
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    tuner = HyperparameterTuner(
        xgboost(session, instance_type),
        objective_metric_name="validation:auc",
        hyperparameter_ranges=SINGLE_RANGES,
        max_jobs=max_jobs,
        max_parallel_jobs=2,
    )
    step = TuningStep(
        name="TuneXGBoost", step_args=tuner.tune(inputs=channels(s3("churn/train"), "churn"))
    )
    return Pipeline(
        name="churn-tuning-parameter-max-jobs",
        parameters=[max_jobs, instance_type],
        steps=[step],
        sagemaker_session=session,
    )


@attempt(
    "multi-algorithm tuning (two training job definitions, as the v2 script's "
    "sdk-pipeline-multi-algorithm.json): `HyperparameterTuner.create(model_trainer_dict="
    '{"xgboost": ..., "linear": ...}, ...)`, `tuner.tune(inputs={"xgboost": [...], '
    '"linear": [...]})` in a TuningStep, then `pipeline.definition()`'
)
def multi_algorithm(session: PipelineSession) -> Pipeline:
    max_jobs = 12
    instance_type = ParameterString(name="TrainingInstanceType", default_value="ml.m5.xlarge")
    train = ParameterString(name="TrainData", default_value=s3("churn/train"))
    linear = ModelTrainer(
        training_image=str(image_uris.retrieve("linear-learner", REGION)),
        role=ROLE,
        sagemaker_session=session,
        compute=Compute(instance_type=instance_type, instance_count=1),
        output_data_config=OutputDataConfig(s3_output_path=s3("linear/output")),
        hyperparameters={"predictor_type": "binary_classifier", "feature_dim": 20},
    )
    tuner = HyperparameterTuner.create(
        model_trainer_dict={"xgboost": xgboost(session, instance_type), "linear": linear},
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
    step = TuningStep(
        name="TuneTwoAlgorithms",
        step_args=tuner.tune(
            inputs={"xgboost": channels(train, "churn"), "linear": channels(train, "churn")}
        ),
    )
    return Pipeline(
        name="churn-multi-algorithm-tuning",
        parameters=[instance_type, train],
        steps=[step],
        sagemaker_session=session,
    )


def describe_text(name: str) -> str:
    """moto's DescribePipeline response for the pipeline ``name``, as the AWS CLI prints it."""
    answer = boto3.client("sagemaker", region_name=REGION).describe_pipeline(PipelineName=name)
    answer.pop("ResponseMetadata", None)
    return json.dumps(answer, indent=4, default=str) + "\n"


def dig(document: Any, path: tuple[str, ...]) -> tuple[bool, Any]:
    for key in path:
        if not isinstance(document, dict) or key not in document:
            return False, None
        document = document[key]
    return True, document


def observed(definition: dict[str, Any], seeded: dict[str, Any]) -> str:
    """What the trainer-settings definition carries of the settings given, one line each."""
    arguments = definition["Steps"][0]["Arguments"]
    lines = [
        "## Observed",
        "What `sdk3-pipeline-trainer-settings.json` (step `TuneXGBoost`, its `Arguments`) "
        "carries of the settings its `ModelTrainer` and `HyperparameterTuner` were given, "
        "found by this script in the written definition:",
        "",
    ]
    for given, where, path, expected in SETTINGS:
        present, value = dig(arguments, path)
        if not present:
            verdict = "absent"
        elif value == expected:
            verdict = f"present, `{json.dumps(value)}`"
        else:
            verdict = f"present but `{json.dumps(value)}`, not `{json.dumps(expected)}`"
        lines.append(f"- {given} -> `{where}`: {verdict}")
    present, value = dig(
        seeded["Steps"][0]["Arguments"], ("HyperParameterTuningJobConfig", "RandomSeed")
    )
    lines.append(
        "- for comparison, the same case built with `HyperparameterTuner(random_seed=7)` "
        "(not written) -> `HyperParameterTuningJobConfig.RandomSeed`: "
        + (f"present, `{json.dumps(value)}`" if present else "absent")
    )
    return "\n".join(lines) + "\n"


HEADER = """# Real-world pipeline definitions, SageMaker Python SDK v3
Each `sdk3-pipeline-*` file here is `pipeline.definition()` of a SageMaker Pipelines `Pipeline`
(`sagemaker.mlops.workflow.pipeline.Pipeline`) with a `TuningStep`
(`sagemaker.mlops.workflow.steps.TuningStep`) whose step arguments are
`sagemaker.train.tuner.HyperparameterTuner.tune()` of a `sagemaker.train.ModelTrainer`, as the
SageMaker Python SDK v3 wrote it, run offline by `tests/realworld/tools/make_pipelines_v3.py`
(the JSON indented for reading, keys in the SDK's order). The `moto-describe-sdk3-pipeline-*`
file is the DescribePipeline response of moto's SageMaker mock after the SDK's
`Pipeline.upsert()`: its `PipelineDefinition` is the definition as one JSON string, exactly as
the SDK sent it, and its timestamps are those of the run. A
`sagemaker.core.workflow.pipeline_context.PipelineSession` turns `tuner.tune()` into step
arguments; moto mocks S3, STS and SageMaker; nothing reaches AWS. The SDK's role check is
switched off with `SAGEMAKER_VALIDATE_ROLE=false` (moto has no `iam:SimulatePrincipalPolicy`)
and its telemetry with the session's `TelemetryOptOut`. Account ids, buckets, roles and names
are placeholders, listed per file, with the pipeline parameters each file uses. To regenerate,
create a virtualenv with
`python3 -m venv .venv-sdk3 && .venv-sdk3/bin/pip install "sagemaker>=3" "moto[s3,sagemaker]"`
and run `.venv-sdk3/bin/python tests/realworld/tools/make_pipelines_v3.py`, which writes the
files and this one. The SDK v2 files are listed in `SOURCES.md`.
"""


class Sources:
    """The provenance of each file written, as SOURCES-v3.md lists it."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, str]] = {}
        self.sections: list[str] = []

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
        parts += self.sections
        (OUT / "SOURCES-v3.md").write_text("\n".join(parts), encoding="utf-8")


def failures(session_for: Callable[[], PipelineSession]) -> str:
    """Try each attempt; the section listing the error each one raised."""
    lines = [
        "## Tried, failed",
        f"What the v2 script does that {SDK} refuses (pydantic {version('pydantic')}); no file "
        f"is written for these. Each is tried by `{SCRIPT}`, and the error is the one it got:",
    ]
    for item in ATTEMPTS:
        try:
            item.build(session_for()).definition()
        except Exception as error:  # the error is what is recorded
            message = str(error).strip()
            lines += [
                "",
                f"- `{item.name}`: {item.what}; raised `{type(error).__module__}."
                f"{type(error).__qualname__}`:",
                "",
                "  ```",
                *[f"  {line}".rstrip() for line in message.splitlines()],
                "  ```",
            ]
        else:
            raise RuntimeError(f"{item.name} no longer fails: make it a case")
    return "\n".join(lines) + "\n"


def run() -> None:
    manifest = Sources()
    OUT.mkdir(exist_ok=True)
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)

        def session_for() -> PipelineSession:
            return PipelineSession(
                boto_session=boto_session, default_bucket=BUCKET, sagemaker_config=SDK_CONFIG
            )

        definitions: dict[str, dict[str, Any]] = {}
        for item in CASES:
            pipeline = item.build(session_for())
            definition = json.loads(pipeline.definition())
            definitions[item.file_name] = definition
            (OUT / item.file_name).write_text(
                json.dumps(definition, indent=2) + "\n", encoding="utf-8"
            )
            manifest.add(
                item.file_name,
                source=SOURCE,
                made_by=(
                    f"{SDK}, boto3 {boto3.__version__}, moto {moto.__version__}: "
                    f"Pipeline.definition() of {SCRIPT}::{item.build.__name__}"
                ),
                placeholders=f"{PLACEHOLDERS}; pipeline parameters: {item.parameters}",
            )
            print("wrote", item.file_name)
            if item.describe:
                pipeline.upsert(role_arn=ROLE)
                described = "moto-describe-" + item.file_name
                (OUT / described).write_text(describe_text(pipeline.name), encoding="utf-8")
                manifest.add(
                    described,
                    source=(
                        "DescribePipeline response of moto's SageMaker mock, after the SDK's "
                        f"Pipeline.upsert() of {item.file_name}"
                    ),
                    made_by=(
                        f"{SDK}, boto3 {boto3.__version__}, moto {moto.__version__}: "
                        f"{SCRIPT}::describe_text"
                    ),
                    placeholders=f"{PLACEHOLDERS}; moto's own ARNs and timestamps",
                )
                print("wrote", described)
        seeded_session = session_for()
        seeded_step, seeded_type = settings_tuner(seeded_session, random_seed=7)
        seeded = Pipeline(
            name="churn-tuning-random-seed-7",
            parameters=[seeded_type],
            steps=[seeded_step],
            sagemaker_session=seeded_session,
        )
        manifest.sections.append(
            observed(
                definitions["sdk3-pipeline-trainer-settings.json"],
                json.loads(seeded.definition()),
            )
        )
        manifest.sections.append(failures(session_for))
    manifest.save()
    print("wrote SOURCES-v3.md")


if __name__ == "__main__":
    run()
