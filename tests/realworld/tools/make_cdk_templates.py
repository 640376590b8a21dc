"""Write CloudFormation templates with tuning tasks, synthesised by the AWS CDK.

Run from the repository root, in a virtualenv of its own with the CDK's Python library (which
runs its JavaScript core on Node.js; nothing is deployed and no AWS account is asked)::

    python3 -m venv .venv-cdk
    .venv-cdk/bin/pip install aws-cdk-lib==2.275.0 constructs==10.8.1
    .venv-cdk/bin/python tests/realworld/tools/make_cdk_templates.py

The AWS CDK has no construct for a tuning task, so a stack writes one as its users do: with
``CallAwsService`` (the AWS SDK integration, ``aws-sdk:sagemaker:createHyperParameterTuningJob``)
or with ``CustomState`` (the optimised integration ``sagemaker:createHyperParameterTuningJob.sync``
written as the state's JSON). Each stack's bucket and role are resources of the stack, so their
names and ARNs are tokens that the CDK writes as ``Ref`` and ``Fn::GetAtt`` inside the
``Fn::Join`` that holds the state machine's ``DefinitionString``, next to the ``Ref`` of
``AWS::Partition`` in the task's ``Resource``. Each template is written as ``app.synth()`` writes
it (``cdk.out/STACK.template.json``) to ``tests/realworld/templates/``, and its provenance to
``tests/realworld/tools/make_cdk_templates.manifest.json`` (``../templates/SOURCES.md`` repeats
it, with what a checker meets, written by hand).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_stepfunctions_tasks as tasks
from constructs import Construct

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "tests" / "realworld" / "templates"
MANIFEST = Path(__file__).with_name("make_cdk_templates.manifest.json")
ACCOUNT, REGION = "111122223333", "us-west-2"
# The first-party XGBoost image of us-west-2 (the SDK's image_uris for xgboost 1.7-1).
XGBOOST = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"


def _definition(bucket: s3.IBucket, role: iam.IRole, name: str) -> dict[str, Any]:
    """A Bayesian XGBoost tuning request; the bucket's name and the role's ARN are tokens."""
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "HyperParameterTuningJobObjective": {
                "Type": "Maximize",
                "MetricName": "validation:auc",
            },
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2},
            "ParameterRanges": {
                "ContinuousParameterRanges": [
                    {"Name": "eta", "MinValue": "0.05", "MaxValue": "0.5"},
                    {"Name": "subsample", "MinValue": "0.5", "MaxValue": "1"},
                ],
                "IntegerParameterRanges": [
                    {"Name": "max_depth", "MinValue": "3", "MaxValue": "10"}
                ],
            },
            "TrainingJobEarlyStoppingType": "Auto",
        },
        "TrainingJobDefinition": {
            "AlgorithmSpecification": {"TrainingImage": XGBOOST, "TrainingInputMode": "File"},
            "RoleArn": role.role_arn,
            "StaticHyperParameters": {"objective": "binary:logistic", "num_round": "200"},
            "InputDataConfig": [
                {
                    "ChannelName": channel,
                    "ContentType": "text/csv",
                    "DataSource": {
                        "S3DataSource": {
                            "S3DataType": "S3Prefix",
                            "S3Uri": f"s3://{bucket.bucket_name}/churn/{channel}/",
                            "S3DataDistributionType": "FullyReplicated",
                        }
                    },
                }
                for channel in ("train", "validation")
            ],
            "OutputDataConfig": {"S3OutputPath": f"s3://{bucket.bucket_name}/churn/output/"},
            "ResourceConfig": {
                "InstanceType": "ml.m5.xlarge",
                "InstanceCount": 1,
                "VolumeSizeInGB": 10,
            },
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
        },
    }


class SdkIntegration(cdk.Stack):
    """``CallAwsService``: the AWS SDK integration, the job name from the execution's input."""

    def __init__(self, scope: Construct, name: str, **options: Any) -> None:
        super().__init__(scope, name, **options)
        bucket = s3.Bucket(self, "Data")
        role = iam.Role(
            self, "Training", assumed_by=iam.ServicePrincipal("sagemaker.amazonaws.com")
        )
        parameters = _definition(bucket, role, sfn.JsonPath.string_at("$.jobName"))
        tune = tasks.CallAwsService(
            self,
            "Tune",
            service="sagemaker",
            action="createHyperParameterTuningJob",
            parameters=parameters,
            iam_resources=["*"],
        )
        sfn.StateMachine(self, "Tuning", definition_body=sfn.DefinitionBody.from_chainable(tune))


class CustomTask(cdk.Stack):
    """``CustomState``: the optimised ``.sync`` integration written as the state's JSON."""

    def __init__(self, scope: Construct, name: str, **options: Any) -> None:
        super().__init__(scope, name, **options)
        bucket = s3.Bucket(self, "Data")
        role = iam.Role(
            self, "Training", assumed_by=iam.ServicePrincipal("sagemaker.amazonaws.com")
        )
        parameters = _definition(bucket, role, "churn-xgboost-tuning")
        del parameters["HyperParameterTuningJobName"]
        parameters["HyperParameterTuningJobName.$"] = "States.Format('churn-{}', $$.Execution.Name)"
        state = sfn.CustomState(
            self,
            "Tune",
            state_json={
                "Type": "Task",
                "Resource": f"arn:{cdk.Aws.PARTITION}:states:::sagemaker:"
                "createHyperParameterTuningJob.sync",
                "Parameters": parameters,
            },
        )
        done = sfn.Succeed(self, "Tuned")
        sfn.StateMachine(
            self, "Tuning", definition_body=sfn.DefinitionBody.from_chainable(state.next(done))
        )


CASES: dict[str, Callable[..., cdk.Stack]] = {
    "cdk-sdk-integration-tuning": SdkIntegration,
    "cdk-custom-state-tuning": CustomTask,
}
PLACEHOLDERS = (
    f"account {ACCOUNT}, region {REGION} (the stacks' environment); the stack's own bucket "
    "(Ref) and SageMaker role (Fn::GetAtt ... Arn), the partition (Ref AWS::Partition)"
)


def main() -> int:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    versions = (
        f"aws-cdk-lib {version('aws-cdk-lib')}, constructs {version('constructs')} (PyPI), "
        f"Node.js {node.stdout.strip()}"
    )
    manifest: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        app = cdk.App(outdir=scratch)
        environment = cdk.Environment(account=ACCOUNT, region=REGION)
        for name, stack in CASES.items():
            stack(app, name, env=environment)
        assembly = app.synth()
        for name in CASES:
            written = Path(assembly.get_stack_by_name(name).template_full_path)
            target = OUT / f"{name}.template.json"
            shutil.copyfile(written, target)
            manifest[target.name] = {
                "source": f"AWS CDK app.synth() of the stack {CASES[name].__name__} of "
                "tests/realworld/tools/make_cdk_templates.py",
                "made_by": f"{versions}: tests/realworld/tools/make_cdk_templates.py::"
                f"{CASES[name].__name__}",
                "placeholders": PLACEHOLDERS,
            }
            json.loads(target.read_text(encoding="utf-8"))  # as written: JSON
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
