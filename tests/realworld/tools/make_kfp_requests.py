"""Write bare tuning requests built by the Kubeflow Pipelines SageMaker tuning component.

The component (``components/aws/sagemaker/hyperparameter_tuning`` of github.com/kubeflow/pipelines,
with its ``common/`` and ``train/`` packages) builds its CreateHyperParameterTuningJob request in
``SageMakerTuningComponent._create_job_request`` from the command-line arguments its container
receives (``SageMakerTuningSpec``). This script runs that function offline on argument lists
taken from the component's own integration-test configuration and unit tests, with this
corpus's placeholder account, bucket and role substituted, and writes what it returns. The
component's code is not part of this repository: export it from the commit named below and
pass the folder (the one holding ``hyperparameter_tuning/``)::

    mkdir kfp
    git -C pipelines archive 072aa5b1178b226134657206d3c970673451140c components/aws/sagemaker \\
        | tar -x -C kfp
    python3 -m venv .venv-kfp
    .venv-kfp/bin/pip install "sagemaker<3" pyyaml
    .venv-kfp/bin/python tests/realworld/tools/make_kfp_requests.py kfp/components/aws/sagemaker

No AWS call is made: the request is built, not submitted (the component's boto3 client is never
created). Files are ``tests/realworld/kfp-*.json``; provenance goes to
``manifests/make_kfp_requests.json`` for ``make_sources_md.py``.
"""

from __future__ import annotations

import json
import sys
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

COMMIT = "072aa5b1178b226134657206d3c970673451140c"
COMPONENT = "components/aws/sagemaker"
INTEGRATION = f"{COMPONENT}/tests/integration_tests/resources/config/kmeans-mnist-hpo/config.yaml"
UNIT = f"{COMPONENT}/tests/unit_tests/tests/hyperparameter_tuning/test_tuning_component.py"


def channel(name: str, key: str, content_type: str = "") -> dict[str, Any]:
    """A channel as the component's inputs spell it (its unit tests' form)."""
    return {
        "ChannelName": name,
        "DataSource": {
            "S3DataSource": {
                "S3Uri": f"s3://{BUCKET}/{key}",
                "S3DataType": "S3Prefix",
                "S3DataDistributionType": "FullyReplicated",
            }
        },
        "ContentType": content_type,
        "CompressionType": "None",
        "RecordWrapperType": "None",
        "InputMode": "File",
    }


def arguments(values: dict[str, Any]) -> list[str]:
    """``--name value`` pairs; lists and dicts as JSON, as a pipeline passes them."""
    argv: list[str] = []
    for name, value in values.items():
        text = value if isinstance(value, str) else json.dumps(value)
        argv += [f"--{name}", text]
    return argv


# The unit tests' required arguments, with the corpus's role and bucket, a custom image, and what
# a tuning job needs beyond them (the service refuses a job with no range, and a custom image's
# objective needs its metric definition): one integer range and the objective's definition.
REQUIRED: dict[str, Any] = {
    "metric_definitions": {"validation:accuracy": "val_acc=([0-9\\.]+)"},
    "integer_parameters": [{"Name": "epochs", "MinValue": "5", "MaxValue": "50"}],
    "region": REGION,
    "role": ROLE,
    "image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/kfp-trainer:latest",
    "metric_name": "validation:accuracy",
    "metric_type": "Maximize",
    "channels": [channel("train", "kfp/data")],
    "output_location": f"s3://{BUCKET}/kfp/output",
    "max_num_jobs": "5",
    "max_parallel_jobs": "2",
}

CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "kfp-kmeans-mnist-hpo.json",
        f"{INTEGRATION} (the component's integration test)",
        "((REGION)) us-west-2, ((DATA_BUCKET)) example-bucket, ((SAGEMAKER_ROLE_ARN)) the role",
        {
            "region": REGION,
            "job_name": "kfp-kmeans-mnist-hpo",
            "algorithm_name": "K-Means",
            "training_input_mode": "File",
            "static_parameters": {"k": "10", "feature_dim": "784"},
            "integer_parameters": [
                {"Name": "mini_batch_size", "MinValue": "450", "MaxValue": "550"},
                {"Name": "extra_center_factor", "MinValue": "10", "MaxValue": "20"},
            ],
            "channels": [
                channel("train", "mnist_kmeans_example/train_data"),
                channel("test", "mnist_kmeans_example/test_data"),
            ],
            "categorical_parameters": [{"Name": "init_method", "Values": ["random", "kmeans++"]}],
            "early_stopping_type": "Off",
            "max_parallel_jobs": "1",
            "max_num_jobs": "1",
            "metric_name": "test:msd",
            "metric_type": "Minimize",
            "strategy": "Bayesian",
            "instance_type": "ml.m5.xlarge",
            "instance_count": "1",
            "volume_size": "50",
            "max_run_time": "3600",
            "output_location": f"s3://{BUCKET}/mnist_kmeans_example/output",
            "network_isolation": "True",
            "max_wait_time": "3600",
            "role": ROLE,
        },
    ),
    (
        "kfp-required-arguments.json",
        f"{UNIT}::test_create_tuning_job (REQUIRED_ARGS)",
        "image, role, channel S3 URI, output location and metric name of the test replaced; "
        "an integer range and the objective's metric definition added",
        {**REQUIRED, "job_name": "kfp-required"},
    ),
    (
        "kfp-warm-start-parents.json",
        f"{UNIT}::test_warm_start_and_parents_args",
        "parents A,B,C renamed kfp-parent-a,b,c",
        {
            **REQUIRED,
            "job_name": "kfp-warm-start",
            "warm_start_type": "TransferLearning",
            "parent_hpo_jobs": "kfp-parent-a,kfp-parent-b,kfp-parent-c",
        },
    ),
    (
        "kfp-metric-definitions.json",
        f"{UNIT}::test_metric_definitions",
        "metric names and regexes made plausible for the custom image; a continuous range",
        {
            **REQUIRED,
            "job_name": "kfp-metric-definitions",
            "metric_definitions": {
                "validation:accuracy": "val_acc=([0-9\\.]+)",
                "train:loss": "loss=([0-9\\.]+)",
            },
            "continuous_parameters": [
                {"Name": "lr", "MinValue": "0.0001", "MaxValue": "0.1", "ScalingType": "Auto"}
            ],
        },
    ),
    (
        "kfp-first-party-linear-learner.json",
        f"{UNIT}::test_first_party_algorithm / test_known_algorithm_key",
        "algorithm 'Linear Learner' looked up by the component (image removed; its xgboost "
        "lookup fails with this SDK, no version given), with ranges of the "
        "test_valid_hyperparameters kinds",
        {
            # a built-in algorithm: no image and no metric definitions
            **{k: v for k, v in REQUIRED.items() if k not in ("image", "metric_definitions")},
            "job_name": "kfp-linear-learner",
            "algorithm_name": "Linear Learner",
            "metric_name": "validation:binary_f_beta",
            "static_parameters": {"predictor_type": "binary_classifier", "feature_dim": "20"},
            "integer_parameters": [
                {"Name": "mini_batch_size", "MinValue": "100", "MaxValue": "500"}
            ],
            "continuous_parameters": [
                {"Name": "wd", "MinValue": "0.0000001", "MaxValue": "1", "ScalingType": "Auto"}
            ],
            "channels": [
                channel("train", "kfp/xgb/train", "text/csv"),
                channel("validation", "kfp/xgb/validation", "text/csv"),
            ],
        },
    ),
    (
        "kfp-vpc-tags-spot.json",
        f"{UNIT}::test_vpc_configuration, test_tags and the spot arguments of common_inputs",
        "security groups sg-0123abcd,sg-4567ef01 and subnets subnet-0a1b2c3d,subnet-4e5f6a7b "
        "for the test's sg1,sg2 and subnet1,subnet2; checkpoint under the bucket",
        {
            **REQUIRED,
            "job_name": "kfp-vpc-spot",
            "vpc_security_group_ids": "sg-0123abcd,sg-4567ef01",
            "vpc_subnets": "subnet-0a1b2c3d,subnet-4e5f6a7b",
            "tags": {"team": "ml", "pipeline": "kfp"},
            "spot_instance": "True",
            "max_wait_time": "7200",
            "max_run_time": "3600",
            "checkpoint_config": {"S3Uri": f"s3://{BUCKET}/kfp/checkpoints"},
        },
    ),
]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.path.insert(0, sys.argv[1])
    import sagemaker
    from hyperparameter_tuning.src.sagemaker_tuning_component import SageMakerTuningComponent
    from hyperparameter_tuning.src.sagemaker_tuning_spec import SageMakerTuningSpec

    manifest = Manifest("make_kfp_requests")
    for file_name, source, substituted, values in CASES:
        spec = SageMakerTuningSpec(arguments(values))
        component = SageMakerTuningComponent()
        component._tuning_job_name = spec.inputs.job_name
        request = component._create_job_request(spec.inputs, spec.outputs)
        write_request(file_name, request)
        manifest.add(
            file_name,
            source=f"github.com/kubeflow/pipelines {source} (commit {COMMIT})",
            made_by=(
                f"sagemaker {sagemaker.__version__}: the component's "
                "SageMakerTuningComponent._create_job_request on SageMakerTuningSpec(argv), run "
                "by tests/realworld/tools/make_kfp_requests.py"
            ),
            placeholders=f"{PLACEHOLDERS}; {substituted}",
        )
        print(file_name)
    manifest.save()


if __name__ == "__main__":
    main()
