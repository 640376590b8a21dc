"""Copy the ACK SageMaker controller's HyperParameterTuningJob manifests into tests/realworld/ack/.

Usage, from the repository root (standard library and git only)::

    git clone https://github.com/aws-controllers-k8s/sagemaker-controller ../sagemaker-controller
    python3 tests/realworld/tools/copy_ack_manifests.py ../sagemaker-controller

The script reads each file listed in :data:`FILES` at :data:`COMMIT` (``git -C DIR show``; a bare
repository works too), writes it unchanged as ``tests/realworld/ack/<name>.yaml``, and for a
file that holds placeholders for the person or the test harness to fill in, writes
``<name>.filled.yaml`` with each one replaced by the plausible value :data:`FILES` gives
(:func:`fill`, which refuses a placeholder that is not there and a ``$VARIABLE`` or ``<YOUR ...>``
left over). Then it writes ``tests/realworld/ack/SOURCES.md`` from :data:`FILES`.
``tests/test_manifests.py`` checks that every ``.filled.yaml`` is what :func:`fill` makes of its
copy.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

REPOSITORY = "aws-controllers-k8s/sagemaker-controller"
RELEASE = "v1.9.1"
COMMIT = "dc4970704d3bbd86772bbb22d39b42ee12c22876"
TARGET = Path(__file__).resolve().parent.parent / "ack"
UNIT = "pkg/resource/hyper_parameter_tuning_job/testdata"

# The e2e harness (test/e2e/replacement_values.py and test_hpo.py at COMMIT) fills $VARIABLEs
# from the test account's bootstrap resources and region; these stand in for them.
E2E = {
    # random_suffix_name("xgboost-hpojob", 32) in test_hpo.py: the prefix and a random suffix
    "$HPO_JOB_NAME": "xgboost-hpojob-6q2m8z4k1r7t9w3x",
    # XGBOOST_IMAGE_URIS["us-west-2"] + "/sagemaker-xgboost:1.0-1-cpu-py3" in replacement_values.py
    "$XGBOOST_IMAGE_URI": (
        "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.0-1-cpu-py3"
    ),
    # get_bootstrap_resources().ExecutionRole.arn: a role the bootstrap creates
    "$SAGEMAKER_EXECUTION_ROLE_ARN": "arn:aws:iam::111122223333:role/ack-sagemaker-execution-role",
    # get_bootstrap_resources().DataBucket.name: a bucket the bootstrap creates
    "$SAGEMAKER_DATA_BUCKET": "example-bucket",
}

# The sample's own placeholders, for the person trying it (samples/hyperparameter_tuning/).
SAMPLE = {
    # the name its README's kubectl output shows
    "<YOUR JOB NAME>": "my-hyperparameter-job",
    # the form of the example in the file's comment, with a 12-digit account
    "<YOUR SAGEMAKER ROLE ARN>": (
        "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole"
    ),
    "<YOUR BUCKET/OUTPUT>": "example-bucket/sagemaker/xgboost/output",
    "<YOUR BUCKET>": "example-bucket",
}


class Source(NamedTuple):
    name: str  # tests/realworld/ack/<name>.yaml
    path: str  # in the controller's repository
    what: str  # what the file is for there
    fills: dict[str, str] | None  # placeholder -> value, or None: read as it is
    expected: tuple[str, ...] = ()  # "- expected:" lines: CODE at PATH: why


FILES = (
    Source(
        "sample-my-hyperparameter-job",
        "samples/hyperparameter_tuning/my-hyperparameter-job.yaml",
        "the controller's sample for users (samples/hyperparameter_tuning/README.md), with "
        "<YOUR ...> placeholders to fill in",
        SAMPLE,
    ),
    Source(
        "e2e-xgboost_hpojob",
        "test/e2e/resources/xgboost_hpojob.yaml",
        "the end-to-end test's manifest (test/e2e/tests/test_hpo.py), created in a real AWS "
        "account; $VARIABLEs filled in by the test harness",
        E2E,
    ),
    Source(
        "unit-create-desired-success_before_create",
        f"{UNIT}/v1alpha1/create/desired/success_before_create.yaml",
        "unit test data (testdata/test_suite.yaml scenario Create=Valid), read by the "
        "controller's Go tests with the SageMaker API mocked",
        None,
    ),
    Source(
        "unit-create-desired-success_before_create_variation",
        f"{UNIT}/v1alpha1/create/desired/success_before_create_variation.yaml",
        "unit test data (scenario Create=ValidVariationVariationJobDefinitions: "
        "trainingJobDefinitions), SageMaker API mocked",
        None,
        (
            "maxLength at spec.hyperParameterTuningJobName: a real defect of the test data: "
            '"unit-testing-hpo-definitions-variant" is 36 characters, SageMaker takes at most 32 '
            "(botocore's HyperParameterTuningJobName max 32); the mocked API does not check it",
            "multi-no-early-stopping at spec.hyperParameterTuningJobConfig."
            "trainingJobEarlyStoppingType: a real defect of the test data: Auto early stopping "
            "with trainingJobDefinitions, which SageMaker does not support for multi-algorithm "
            "tuning (Developer Guide, multiple-algorithm-hpo-create-tuning-jobs)",
        ),
    ),
    Source(
        "unit-create-desired-success_before_create_warm_start_variation",
        f"{UNIT}/v1alpha1/create/desired/success_before_create_warm_start_variation.yaml",
        "unit test data (scenario Create=ValidVariationWarmStart: warmStartConfig), SageMaker "
        "API mocked",
        None,
    ),
    Source(
        "unit-create-desired-invalid_before_create",
        f"{UNIT}/v1alpha1/create/desired/invalid_before_create.yaml",
        "unit test data (scenario Create=InvalidInput): the mocked API answers "
        'InvalidParameterValue "The hyper parameter tuning job name must not include a '
        'special character."',
        None,
        (
            "pattern at spec.hyperParameterTuningJobName: the defect the scenario is about "
            '("intentionally@invalid-name")',
        ),
    ),
    Source(
        "unit-readone-desired-warmpool_attempt_single",
        f"{UNIT}/v1alpha1/readone/desired/warmpool_attempt_single.yaml",
        "unit test data (scenario ReadOne=Warmpool: resourceConfig.keepAlivePeriodInSeconds), "
        "SageMaker API mocked",
        None,
    ),
    Source(
        "unit-readone-desired-stopping",
        f"{UNIT}/v1alpha1/readone/desired/stopping.yaml",
        "unit test data (scenario ReadOne=Stopping): a job the controller has created and "
        "late-initialized, as `kubectl get -o yaml` shows it",
        None,
        (
            "builtin-no-metric-definitions at spec.trainingJobDefinition.algorithmSpecification."
            "metricDefinitions: not a defect of what a person wrote but of what the controller "
            "writes back: it late-initializes TrainingJobDefinition.AlgorithmSpecification."
            "MetricDefinitions (its generator.yaml) from DescribeHyperParameterTuningJob, which "
            "lists the built-in XGBoost image's own metrics; a manifest copied from this state to "
            "create a new job sends MetricDefinitions with a built-in algorithm, which SageMaker "
            "refuses (ValidationException \"You can't override the metric definitions for Amazon "
            'SageMaker algorithms.")',
        ),
    ),
    Source(
        "unit-readone-desired-missing_required_field",
        f"{UNIT}/v1alpha1/readone/desired/missing_required_field.yaml",
        "unit test data (scenario ReadOne=MissingRequiredField: no hyperParameterTuningJobName); "
        "the Go tests read it into the controller's types, not through the API server",
        None,
        (
            "required at spec.hyperParameterTuningJobName: the defect the scenario is about",
            *(
                f"additionalProperties at spec.{name}: a defect of the test data besides the one "
                "it is about: trainingJobDefinition's members from roleARN on are indented one "
                "level too little, so they are members of spec; the API server would drop or "
                "refuse them"
                for name in (
                    "roleARN",
                    "inputDataConfig",
                    "outputDataConfig",
                    "resourceConfig",
                    "stoppingCondition",
                    "enableNetworkIsolation",
                    "enableInterContainerTrafficEncryption",
                )
            ),
            *(
                f"{code} at spec.trainingJobDefinition.{name}: the same mis-indentation: "
                "trainingJobDefinition lacks what went to spec"
                for code, name in (
                    ("required", "roleARN"),
                    ("required", "outputDataConfig"),
                    ("required", "stoppingCondition"),
                    ("resource-config-exactly-one", "resourceConfig"),
                )
            ),
        ),
    ),
    Source(
        "unit-hptj_invalid_before_create",
        f"{UNIT}/hyper_parameter_tuning_job/v1alpha1/hptj_invalid_before_create.yaml",
        "unit test data that no scenario of testdata/test_suite.yaml names (an older copy of "
        "invalid_before_create.yaml)",
        None,
        (
            "pattern at spec.hyperParameterTuningJobName: the invalid name of "
            "invalid_before_create.yaml",
            *(
                f"additionalProperties at spec.{name}: trainingJobDefinition's members from "
                "roleARN on are indented one level too little, as in "
                "missing_required_field.yaml (and tags is outside spec)"
                for name in (
                    "roleARN",
                    "inputDataConfig",
                    "outputDataConfig",
                    "resourceConfig",
                    "stoppingCondition",
                    "enableNetworkIsolation",
                    "enableInterContainerTrafficEncryption",
                )
            ),
            *(
                f"{code} at spec.trainingJobDefinition.{name}: the same mis-indentation"
                for code, name in (
                    ("required", "roleARN"),
                    ("required", "outputDataConfig"),
                    ("required", "stoppingCondition"),
                    ("resource-config-exactly-one", "resourceConfig"),
                )
            ),
        ),
    ),
)

LEFT_OVER = re.compile(r"\$[A-Z_]+|<YOUR [^>]*>")

INTRODUCTION = f"""\
# Real-world ACK manifests

Each `*.yaml` here (but the `.filled.yaml` files) is a byte-for-byte copy of a
`HyperParameterTuningJob` manifest of the AWS Controllers for Kubernetes SageMaker controller,
github.com/{REPOSITORY} at release {RELEASE}, commit
{COMMIT}: its sample for users, its end-to-end test's
manifest, and the desired states of its Go unit tests whose specs differ. Where a file holds
placeholders (the sample's `<YOUR ...>`, the end-to-end test's `$VARIABLE`s),
`<name>.filled.yaml` is the copy with each one replaced by a plausible value, written by
`tests/realworld/tools/copy_ack_manifests.py`; nothing is edited by hand. To regenerate, clone
the repository and run `python3 tests/realworld/tools/copy_ack_manifests.py CLONE`, which
writes the files and this one.

The controller is licensed under the Apache License 2.0; its NOTICE reads "Copyright 2019
Amazon.com, Inc. or its affiliates. All Rights Reserved."

`tests/test_manifests.py` reads each `- checked:` file, turns its `spec` into the wire request
and validates it: the blocking problems must be exactly the `- expected:` lines (code at the
manifest's path), each with the reason it is real.
"""


def fill(text: str, fills: dict[str, str]) -> str:
    """``text`` with each placeholder of ``fills`` replaced, longest first."""
    for placeholder in sorted(fills, key=len, reverse=True):
        if placeholder not in text:
            raise ValueError(f"{placeholder} is not in the file")
        text = text.replace(placeholder, fills[placeholder])
    left = LEFT_OVER.findall(text)
    if left:
        raise ValueError(f"placeholders left: {sorted(set(left))}")
    return text


def section(source: Source) -> str:
    lines = [
        f"## {source.name}.yaml",
        f"- source: github.com/{REPOSITORY} {source.path} at {COMMIT} ({RELEASE})",
        f"- what: {source.what}",
    ]
    if source.fills is None:
        lines += ["- changed: nothing", f"- checked: {source.name}.yaml"]
    else:
        filled = ", ".join(f"`{key}` -> `{value}`" for key, value in source.fills.items())
        lines += [
            f"- changed: nothing in the copy; {source.name}.filled.yaml fills {filled}",
            f"- checked: {source.name}.filled.yaml",
        ]
    lines += [f"- expected: {line}" for line in source.expected]
    return "\n".join(lines)


def main(clone: str) -> None:
    TARGET.mkdir(exist_ok=True)
    for source in FILES:
        data = subprocess.run(
            ["git", "-C", clone, "show", f"{COMMIT}:{source.path}"],
            capture_output=True,
            check=True,
        ).stdout
        (TARGET / f"{source.name}.yaml").write_bytes(data)
        if source.fills is not None:
            filled = fill(data.decode("utf-8"), source.fills)
            (TARGET / f"{source.name}.filled.yaml").write_bytes(filled.encode("utf-8"))
    sections = "\n\n".join(section(source) for source in FILES)
    (TARGET / "SOURCES.md").write_text(f"{INTRODUCTION}\n{sections}\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
