"""Derive tests/realworld/ack/ from the ACK SageMaker controller's HyperParameterTuningJob
manifests.

Usage, from the repository root (PyYAML and git)::

    git clone https://github.com/aws-controllers-k8s/sagemaker-controller ../sagemaker-controller
    python3 tests/realworld/tools/derive_ack_manifests.py ../sagemaker-controller

The script reads each file listed in :data:`FILES` at :data:`COMMIT` (``git -C DIR show``; a bare
repository works too), parses it and writes its data again, with our own YAML writer and a header
naming the source, as ``tests/realworld/ack/<name>.yaml`` (:func:`render`): the values and their
structure are the file's, mis-indented members included; its comments and layout are not kept.
For a file that holds placeholders for the person or the test harness to fill in, it writes
``<name>.filled.yaml`` too, the same data with each placeholder replaced by the plausible value
:data:`FILES` gives (:func:`fill`, which refuses a placeholder that is not there and a
``$VARIABLE`` or ``<YOUR ...>`` left over). Then it writes ``tests/realworld/ack/SOURCES.md``
from :data:`FILES`. ``tests/test_manifests.py`` checks that every file is what :func:`render`
writes of its data and every ``.filled.yaml`` what :func:`fill` makes of its unfilled file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import yaml

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

Each `*.yaml` here holds the data of a `HyperParameterTuningJob` manifest of the AWS Controllers
for Kubernetes SageMaker controller, github.com/{REPOSITORY} at release {RELEASE}, commit
{COMMIT}: its sample for users, its end-to-end test's manifest, and the desired states of its Go
unit tests whose specs differ. `tests/realworld/tools/derive_ack_manifests.py` reads each file
from the repository and writes its data again with our own YAML writer (the values and their
structure as the file has them, mis-indented members included; not its comments or layout), with
a header naming the source. Where a file holds placeholders (the sample's `<YOUR ...>`, the
end-to-end test's `$VARIABLE`s), `<name>.filled.yaml` is the same data with each one replaced by
a plausible value; nothing is edited by hand. To regenerate, clone the repository and run
`python3 tests/realworld/tools/derive_ack_manifests.py CLONE`, which writes the files and this
one.

The controller is licensed under the Apache License 2.0.

`tests/test_manifests.py` reads each `- checked:` file, turns its `spec` into the wire request
and validates it: the blocking problems must be exactly the `- expected:` lines (code at the
manifest's path), each with the reason it is real.
"""


def header(source: Source) -> str:
    """The comment that starts each written file."""
    return (
        f"# Derived by tests/realworld/tools/derive_ack_manifests.py from github.com/{REPOSITORY}\n"
        f"# {source.path} at {COMMIT} ({RELEASE}):\n"
        "# the file's data written again (not its comments or layout); do not edit.\n"
    )


def render(source: Source, documents: list[Any]) -> str:
    """The text written for ``documents`` (the file's YAML documents, in order)."""
    body = yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True, width=100)
    return header(source) + body


def load(text: str) -> list[Any]:
    """The YAML documents of ``text``."""
    return list(yaml.safe_load_all(text))


def fill(documents: list[Any], fills: dict[str, str]) -> list[Any]:
    """``documents`` with each placeholder of ``fills`` replaced in every text value (longest
    first); each placeholder must occur, and none may be left over."""
    found: set[str] = set()
    order = sorted(fills, key=len, reverse=True)

    def replaced(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: replaced(item) for key, item in value.items()}
        if isinstance(value, list):
            return [replaced(item) for item in value]
        if isinstance(value, str):
            for placeholder in order:
                if placeholder in value:
                    found.add(placeholder)
                    value = value.replace(placeholder, fills[placeholder])
            left = LEFT_OVER.findall(value)
            if left:
                raise ValueError(f"placeholders left: {sorted(set(left))}")
        return value

    result = [replaced(document) for document in documents]
    missing = sorted(set(fills) - found)
    if missing:
        raise ValueError(f"{missing} not in the file")
    return result


def section(source: Source) -> str:
    lines = [
        f"## {source.name}.yaml",
        f"- source: github.com/{REPOSITORY} {source.path} at {COMMIT} ({RELEASE})",
        f"- what: {source.what}",
    ]
    if source.fills is None:
        lines += ["- changed: nothing in the data", f"- checked: {source.name}.yaml"]
    else:
        filled = ", ".join(f"`{key}` -> `{value}`" for key, value in source.fills.items())
        lines += [
            f"- changed: nothing in the data; {source.name}.filled.yaml fills {filled}",
            f"- checked: {source.name}.filled.yaml",
        ]
    lines += [f"- expected: {line}" for line in source.expected]
    return "\n".join(lines)


def main(clone: str) -> None:
    TARGET.mkdir(exist_ok=True)
    for old in TARGET.glob("*.yaml"):
        old.unlink()
    for source in FILES:
        data = subprocess.run(
            ["git", "-C", clone, "show", f"{COMMIT}:{source.path}"],
            capture_output=True,
            check=True,
        ).stdout
        documents = load(data.decode("utf-8"))
        (TARGET / f"{source.name}.yaml").write_text(render(source, documents), encoding="utf-8")
        if source.fills is not None:
            filled = render(source, fill(documents, source.fills))
            (TARGET / f"{source.name}.filled.yaml").write_text(filled, encoding="utf-8")
    sections = "\n\n".join(section(source) for source in FILES)
    (TARGET / "SOURCES.md").write_text(f"{INTRODUCTION}\n{sections}\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
