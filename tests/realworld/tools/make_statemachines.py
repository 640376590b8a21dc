"""Write Step Functions state machines with tuning tasks, made by the Data Science SDK.

Run from the repository root, in a virtualenv of its own with ``stepfunctions`` (the AWS Step
Functions Data Science SDK), ``sagemaker<3`` (which it needs) and ``moto``::

    python3 -m venv .venv-sfn
    .venv-sfn/bin/pip install stepfunctions "sagemaker<3" "moto[s3,sagemaker,stepfunctions]"
    .venv-sfn/bin/python tests/realworld/tools/make_statemachines.py

Each case builds SageMaker estimators and a ``HyperparameterTuner``, wraps the tuner in the SDK's
``stepfunctions.steps.TuningStep`` (placeholders from ``stepfunctions.inputs.ExecutionInput``
and ``StepInput`` where the case says so), chains it into a workflow with the SDK's own state
classes (``Parallel``, ``Map``, ``Choice``, ``Wait``, ``Retry``, ``Catch``, ...) and writes the
definition exactly as the SDK renders it (``Workflow.definition.to_json(pretty=True)``, or
``Graph(...).to_json(pretty=True)``) to ``tests/realworld/statemachines/``. Two cases also write
``Workflow.get_cloudformation_template()`` (a YAML CloudFormation template whose
``DefinitionString`` holds the definition) to ``tests/realworld/templates/``, and one creates
the workflow in moto's Step Functions mock (``Workflow.create()``) and keeps its
``describe_state_machine`` answer. S3, STS and Step Functions are moto's in-process mocks;
nothing leaves the machine. The provenance of each file written (source, tool versions,
placeholders) goes to ``tests/realworld/tools/make_statemachines.manifest.json``; the
``SOURCES.md`` of each folder repeats it, with the JSON paths of the tuning tasks and the
features a checker meets, written by hand.
"""

from __future__ import annotations

import json
import logging
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
import stepfunctions  # noqa: E402
from sagemaker import image_uris  # noqa: E402
from sagemaker.estimator import Estimator  # noqa: E402
from sagemaker.inputs import TrainingInput  # noqa: E402
from sagemaker.tuner import (  # noqa: E402
    CategoricalParameter,
    ContinuousParameter,
    HyperparameterTuner,
    IntegerParameter,
)
from stepfunctions.inputs import ExecutionInput, StepInput  # noqa: E402
from stepfunctions.steps import (  # noqa: E402
    Catch,
    Chain,
    Choice,
    ChoiceRule,
    Fail,
    Graph,
    Map,
    Parallel,
    Pass,
    Retry,
    Succeed,
    Task,
    TuningStep,
    Wait,
)
from stepfunctions.workflow import Workflow  # noqa: E402

logging.getLogger("stepfunctions").setLevel(logging.ERROR)

TOOLS = Path(__file__).resolve().parent
REALWORLD = TOOLS.parent
STATEMACHINES = REALWORLD / "statemachines"
TEMPLATES = REALWORLD / "templates"
# not in manifests/, which make_sources_md.py reads for the top-level requests only
MANIFEST = TOOLS / "make_statemachines.manifest.json"

SFN_ROLE = f"arn:aws:iam::{ACCOUNT}:role/StepFunctionsWorkflowExecutionRole"
VERSIONS = (
    f"stepfunctions {stepfunctions.__version__}, sagemaker {sagemaker.__version__}, "
    f"boto3 {boto3.__version__}, moto {moto.__version__} (PyPI)"
)
PLACEHOLDERS = (
    f"account {ACCOUNT}, region {REGION}, bucket {BUCKET}, SageMaker role {ROLE}, "
    f"Step Functions role {SFN_ROLE}, fixed job and state names"
)


@dataclass
class Built:
    """What a case builds: the workflow, or a bare graph when the case renders ``Graph``."""

    workflow: Workflow | None = None
    graph: Graph | None = None

    def definition_text(self) -> str:
        if self.workflow is not None:
            return self.workflow.definition.to_json(pretty=True)
        assert self.graph is not None
        return self.graph.to_json(pretty=True)


@dataclass
class Case:
    file_name: str
    build: Callable[[sagemaker.Session], Built]
    how: str  # how the definition was rendered, for SOURCES.md
    placeholders: str  # the case's execution input and step input paths, for SOURCES.md
    template: str | None = None  # also write get_cloudformation_template() under this name
    describe: str | None = None  # also create it in moto and keep describe_state_machine


CASES: list[Case] = []


def case(
    file_name: str,
    how: str,
    placeholders: str,
    *,
    template: str | None = None,
    describe: str | None = None,
) -> Callable[[Callable[[sagemaker.Session], Built]], Callable[[sagemaker.Session], Built]]:
    def register(build: Callable[[sagemaker.Session], Built]) -> Callable[..., Built]:
        CASES.append(Case(file_name, build, how, placeholders, template, describe))
        return build

    return register


def s3(key: str) -> str:
    return f"s3://{BUCKET}/{key}"


def client() -> Any:
    return boto3.client("stepfunctions", region_name=REGION)


def xgboost(session: sagemaker.Session, output: str = "xgboost/output") -> Estimator:
    estimator = Estimator(
        image_uri=str(image_uris.retrieve("xgboost", REGION, version="1.7-1")),
        role=ROLE,
        instance_count=1,
        instance_type="ml.m5.xlarge",
        volume_size=30,
        max_run=3600,
        output_path=s3(output),
        sagemaker_session=session,
    )
    estimator.set_hyperparameters(
        objective="binary:logistic", eval_metric="auc", num_round=100, verbosity=0
    )
    return estimator


def xgboost_tuner(
    session: sagemaker.Session, output: str = "xgboost/output", **kwargs: Any
) -> HyperparameterTuner:
    return HyperparameterTuner(
        xgboost(session, output),
        objective_metric_name="validation:auc",
        hyperparameter_ranges={
            "eta": ContinuousParameter(0.05, 0.5),
            "alpha": ContinuousParameter(0.01, 10, scaling_type="Logarithmic"),
            "max_depth": IntegerParameter(3, 9),
            "min_child_weight": IntegerParameter(1, 10, scaling_type="Linear"),
        },
        **{"max_jobs": 20, "max_parallel_jobs": 3, "strategy": "Bayesian", **kwargs},
    )


def churn_channels() -> dict[str, TrainingInput]:
    return {
        "train": TrainingInput(s3("churn/train"), content_type="text/csv"),
        "validation": TrainingInput(s3("churn/validation"), content_type="text/csv"),
    }


def sagemaker_retry() -> Retry:
    return Retry(
        error_equals=["SageMaker.AmazonSageMakerException"],
        interval_seconds=15,
        max_attempts=3,
        backoff_rate=2.0,
    )


@case(
    "sdk-workflow-xgboost-tuning.json",
    "Workflow.definition.to_json(pretty=True)",
    "none: every value is literal (job name xgboost-churn-tuning)",
    template="sdk-cfn-xgboost-tuning.yaml",
    describe="moto-describe-state-machine-xgboost-tuning.json",
)
def xgboost_tuning(session: sagemaker.Session) -> Built:
    """A TuningStep with a built-in XGBoost image, integer and continuous ranges, static
    hyperparameters, early stopping, a Retry and a Catch to a Fail state."""
    failed = Fail("TuningFailed", error="TuningFailed", cause="The tuning job did not complete")
    tune = TuningStep(
        "Tune XGBoost",
        tuner=xgboost_tuner(session, early_stopping_type="Auto"),
        job_name="xgboost-churn-tuning",
        data=churn_channels(),
        tags={"project": "churn", "stage": "tuning"},
        retry=sagemaker_retry(),
        catch=Catch(error_equals=["States.ALL"], next_step=failed),
    )
    workflow = Workflow(
        name="xgboost-churn-tuning",
        definition=Chain([tune, Succeed("Done")]),
        role=SFN_ROLE,
        comment="Tune an XGBoost churn model",
        client=client(),
    )
    return Built(workflow=workflow)


@case(
    "sdk-workflow-execution-input.json",
    "Workflow.definition.to_json(pretty=True)",
    "ExecutionInput JobName (HyperParameterTuningJobName.$), OutputPath "
    "(TrainingJobDefinition.OutputDataConfig.S3OutputPath.$), MaxJobs "
    "(HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs.$), "
    "Limits.MaxParallel (MaxParallelTrainingJobs.$, a nested path "
    "$$.Execution.Input['Limits']['MaxParallel']), Tags (Tags.$); StepInput NumRound "
    "(TrainingJobDefinition.StaticHyperParameters.num_round.$, $['NumRound']), the output "
    "placeholder of the Pass state before the task",
)
def execution_input(session: sagemaker.Session) -> Built:
    """A TuningStep whose job name, output path, limits, tags and one static hyperparameter
    come from placeholders, merged in through the step's ``parameters`` as the SDK documents."""
    inputs = ExecutionInput(
        schema={
            "JobName": str,
            "OutputPath": str,
            "MaxJobs": int,
            "Limits": {"MaxParallel": int},
            "Tags": list,
        }
    )
    defaults = Pass("Set defaults", result={"NumRound": "200"})
    tune = TuningStep(
        "Tune with execution input",
        tuner=xgboost_tuner(session),
        job_name=inputs["JobName"],
        data=churn_channels(),
        tags=inputs["Tags"],
        parameters={
            "HyperParameterTuningJobConfig": {
                "ResourceLimits": {
                    "MaxNumberOfTrainingJobs": inputs["MaxJobs"],
                    "MaxParallelTrainingJobs": inputs["Limits"]["MaxParallel"],
                }
            },
            "TrainingJobDefinition": {
                "OutputDataConfig": {"S3OutputPath": inputs["OutputPath"]},
                "StaticHyperParameters": {"num_round": defaults.output()["NumRound"]},
            },
        },
    )
    workflow = Workflow(
        name="xgboost-tuning-execution-input",
        definition=Chain([defaults, tune]),
        role=SFN_ROLE,
        execution_input=inputs,
        client=client(),
    )
    return Built(workflow=workflow)


@case(
    "sdk-workflow-parallel-tuning.json",
    "Workflow.definition.to_json(pretty=True)",
    "ExecutionInput XGBoostJobName and LinearJobName (each branch's HyperParameterTuningJobName.$)",
    template="sdk-cfn-parallel-tuning.yaml",
)
def parallel_tuning(session: sagemaker.Session) -> Built:
    """Two TuningSteps, one per branch of a Parallel state: XGBoost, and Linear Learner with a
    categorical range and the Random strategy."""
    inputs = ExecutionInput(schema={"XGBoostJobName": str, "LinearJobName": str})
    linear = Estimator(
        image_uri=str(image_uris.retrieve("linear-learner", REGION)),
        role=ROLE,
        instance_count=1,
        instance_type="ml.c5.xlarge",
        output_path=s3("linear/output"),
        sagemaker_session=session,
    )
    linear.set_hyperparameters(predictor_type="binary_classifier", feature_dim=20)
    linear_tuner = HyperparameterTuner(
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
    branches = Parallel("Tune both models", result_path="$.Tuning")
    branches.add_branch(
        TuningStep(
            "Tune XGBoost branch",
            tuner=xgboost_tuner(session),
            job_name=inputs["XGBoostJobName"],
            data=churn_channels(),
        )
    )
    branches.add_branch(
        TuningStep(
            "Tune Linear Learner branch",
            tuner=linear_tuner,
            job_name=inputs["LinearJobName"],
            data=churn_channels(),
        )
    )
    workflow = Workflow(
        name="churn-parallel-tuning",
        definition=Chain([branches, Succeed("Both tuned")]),
        role=SFN_ROLE,
        execution_input=inputs,
        client=client(),
    )
    return Built(workflow=workflow)


@case(
    "sdk-workflow-map-tuning.json",
    "Workflow.definition.to_json(pretty=True)",
    "Map over $.Datasets with Parameters JobName.$ States.Format('churn-{}', "
    "$$.Map.Item.Value.Name), Output.$ "
    "$$.Map.Item.Value.Output and Budget.$ $.Budget; in the iterator, StepInput JobName "
    "(HyperParameterTuningJobName.$ $['JobName']), Output "
    "(TrainingJobDefinition.OutputDataConfig.S3OutputPath.$ $['Output']) and Budget "
    "(MaxNumberOfTrainingJobs.$ $['Budget'])",
)
def map_tuning(session: sagemaker.Session) -> Built:
    """A TuningStep as the iterator of a Map state (the SDK writes ``Iterator``), one tuning
    job per item, its name, output path and budget from the item."""
    item = StepInput()
    tune = TuningStep(
        "Tune one dataset",
        tuner=xgboost_tuner(session, max_jobs=8, max_parallel_jobs=2),
        job_name=item["JobName"],
        data=churn_channels(),
        parameters={
            "HyperParameterTuningJobConfig": {
                "ResourceLimits": {"MaxNumberOfTrainingJobs": item["Budget"]}
            },
            "TrainingJobDefinition": {"OutputDataConfig": {"S3OutputPath": item["Output"]}},
        },
    )
    each = Map(
        "Tune each dataset",
        iterator=tune,
        items_path="$.Datasets",
        max_concurrency=2,
        parameters={
            "JobName.$": "States.Format('churn-{}', $$.Map.Item.Value.Name)",
            "Output.$": "$$.Map.Item.Value.Output",
            "Budget.$": "$.Budget",
        },
        result_path="$.TuningResults",
    )
    workflow = Workflow(
        name="churn-map-tuning",
        definition=Chain([each]),
        role=SFN_ROLE,
        client=client(),
    )
    return Built(workflow=workflow)


@case(
    "sdk-graph-no-wait-poll.json",
    "Graph(Chain([...])).to_json(pretty=True), no Workflow",
    "ExecutionInput JobName (HyperParameterTuningJobName.$ of the tuning task and of the "
    "describe task); the Choice reads $.Status.HyperParameterTuningJobStatus",
)
def no_wait_poll(session: sagemaker.Session) -> Built:
    """``wait_for_completion=False`` (no ``.sync``), then a polling loop the SDK's own states
    build: Wait, a generic Task calling DescribeHyperParameterTuningJob through the AWS SDK
    integration, and a Choice on the status."""
    inputs = ExecutionInput(schema={"JobName": str})
    tune = TuningStep(
        "Start tuning",
        tuner=xgboost_tuner(session),
        job_name=inputs["JobName"],
        data=churn_channels(),
        wait_for_completion=False,
        result_path="$.Started",
    )
    wait = Wait("Wait a minute", seconds=60)
    describe = Task(
        "Describe tuning job",
        resource="arn:aws:states:::aws-sdk:sagemaker:describeHyperParameterTuningJob",
        parameters={"HyperParameterTuningJobName": inputs["JobName"]},
        result_path="$.Status",
    )
    status = "$.Status.HyperParameterTuningJobStatus"
    done = Choice("Tuning finished?")
    done.add_choice(ChoiceRule.StringEquals(variable=status, value="Completed"), Succeed("Tuned"))
    done.add_choice(
        ChoiceRule.Or(
            rules=[
                ChoiceRule.StringEquals(variable=status, value="Failed"),
                ChoiceRule.StringEquals(variable=status, value="Stopped"),
            ]
        ),
        Fail("Tuning did not complete", error="TuningFailed"),
    )
    done.default_choice(wait)
    return Built(graph=Graph(Chain([tune, wait, describe, done]), comment="Start and poll"))


@case(
    "sdk-task-aws-sdk-create-tuning-job.json",
    "Workflow.definition.to_json(pretty=True)",
    "ExecutionInput JobName (HyperParameterTuningJobName.$)",
)
def aws_sdk_integration(session: sagemaker.Session) -> Built:
    """The SDK has no step class for the AWS SDK integration: a generic ``Task`` whose resource
    is ``arn:aws:states:::aws-sdk:sagemaker:createHyperParameterTuningJob`` and whose
    parameters are those a ``TuningStep`` built for the same tuner."""
    inputs = ExecutionInput(schema={"JobName": str})
    built = TuningStep(
        "unused",
        tuner=xgboost_tuner(session),
        job_name=inputs["JobName"],
        data=churn_channels(),
    )
    task = Task(
        "Create tuning job (AWS SDK integration)",
        resource="arn:aws:states:::aws-sdk:sagemaker:createHyperParameterTuningJob",
        parameters=built.parameters,
    )
    workflow = Workflow(
        name="churn-aws-sdk-tuning",
        definition=Chain([task]),
        role=SFN_ROLE,
        execution_input=inputs,
        client=client(),
    )
    return Built(workflow=workflow)


def describe_text(arn: str) -> str:
    """moto's DescribeStateMachine answer, as the AWS CLI prints it."""
    answer = client().describe_state_machine(stateMachineArn=arn)
    answer.pop("ResponseMetadata", None)
    return json.dumps(answer, indent=4, default=str) + "\n"


def run() -> None:
    manifest: dict[str, dict[str, str]] = {}

    def add(name: str, **entry: str) -> None:
        if name in manifest:
            raise ValueError(f"{name} written twice")
        manifest[name] = entry

    STATEMACHINES.mkdir(exist_ok=True)
    TEMPLATES.mkdir(exist_ok=True)
    with moto.mock_aws():
        boto3.client("s3", region_name=REGION).create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        boto_session = boto3.Session(region_name=REGION)
        for item in CASES:
            session = sagemaker.Session(boto_session=boto_session, default_bucket=BUCKET)
            built = item.build(session)
            text = built.definition_text()
            json.loads(text)  # the SDK's text is JSON
            (STATEMACHINES / item.file_name).write_text(text + "\n", encoding="utf-8")
            where = f"tests/realworld/tools/make_statemachines.py::{item.build.__name__}"
            add(
                item.file_name,
                source="AWS Step Functions Data Science SDK, stepfunctions/steps/sagemaker.py "
                "TuningStep",
                made_by=f"{VERSIONS}: {item.how} of {where}",
                placeholders=f"{PLACEHOLDERS}; {item.placeholders}",
            )
            print("wrote", item.file_name)
            if item.template:
                assert built.workflow is not None
                template = built.workflow.get_cloudformation_template(
                    description=f"{built.workflow.name}: made by the Data Science SDK"
                )
                (TEMPLATES / item.template).write_text(template, encoding="utf-8")
                add(
                    item.template,
                    source=f"Workflow.get_cloudformation_template() of {item.file_name}",
                    made_by=f"{VERSIONS}: {where}",
                    placeholders=f"{PLACEHOLDERS}; {item.placeholders}",
                )
                print("wrote", item.template)
            if item.describe:
                assert built.workflow is not None
                arn = built.workflow.create()
                (STATEMACHINES / item.describe).write_text(describe_text(arn), encoding="utf-8")
                add(
                    item.describe,
                    source=f"DescribeStateMachine answer of moto's mock after the SDK's "
                    f"Workflow.create() of {item.file_name}",
                    made_by=f"{VERSIONS}: tests/realworld/tools/make_statemachines.py::"
                    "describe_text",
                    placeholders=f"{PLACEHOLDERS}; moto's own ARNs and timestamps",
                )
                print("wrote", item.describe)
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    run()
