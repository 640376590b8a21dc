"""Evaluate the tuning config of Apache Airflow's Amazon provider SageMaker system test.

Usage, from the repository root (``sagemaker`` is not needed; boto3 and moto are)::

    .venv-sdk/bin/pip download --no-deps --no-binary :all: apache-airflow-providers-amazon==9.39.0
    tar xzf apache_airflow_providers_amazon-9.39.0.tar.gz
    .venv-sdk/bin/python tests/realworld/tools/extract_airflow.py \\
        apache_airflow_providers_amazon-9.39.0/tests/system/amazon/aws/example_sagemaker.py

The system test builds ``tuning_config`` inside its ``set_up`` task and hands it to
``SageMakerTuningOperator(config=...)``, whose hook calls
``create_hyper_parameter_tuning_job(**config)``. The operator's preprocessing changes nothing
here (the role is already an ARN, the integer fields are already integers). This script does
not import Airflow: it reads the module with ``ast``, evaluates its module-level constants, then
runs the statements of ``set_up`` one by one until ``tuning_config`` exists, with ``env_id`` and
``role_arn`` set to placeholders and the ECR repository creation replaced by a well-formed URI.
A statement that needs AWS or Airflow is skipped, as the request does not depend on it.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from capture import ACCOUNT, REGION, ROLE, Manifest, offline_environment, write_request

offline_environment()

import boto3  # noqa: E402
import moto  # noqa: E402

PACKAGE = "apache-airflow-providers-amazon 9.39.0 (PyPI sdist)"
ENV_ID = "example"
FILE_NAME = "airflow-example-sagemaker-knn.json"


def module_constants(tree: ast.Module) -> dict[str, Any]:
    constants: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id.isupper():
                try:
                    constants[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
    return constants


def set_up_body(tree: ast.Module) -> list[ast.stmt]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "set_up":
            return node.body
    raise LookupError("no set_up function")


def tuning_config(path: Path) -> dict[str, Any]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    namespace: dict[str, Any] = {
        **module_constants(tree),
        "boto3": boto3,
        "env_id": ENV_ID,
        "role_arn": ROLE,
        "_create_ecr_repository": lambda name: f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/{name}",
    }
    with moto.mock_aws():
        for statement in set_up_body(tree):
            module = ast.Module(body=[statement], type_ignores=[])
            try:
                exec(compile(module, str(path), "exec"), namespace)
            except Exception as error:  # needs AWS or Airflow; the request does not
                print(f"skipped line {statement.lineno}: {type(error).__name__}")
            if "tuning_config" in namespace:
                return dict(namespace["tuning_config"])
    raise LookupError("set_up never built tuning_config")


def main(argv: list[str]) -> None:
    path = Path(argv[0])
    write_request(FILE_NAME, tuning_config(path))
    manifest = Manifest("extract_airflow")
    manifest.add(
        FILE_NAME,
        source=(
            "github.com/apache/airflow providers/amazon/tests/system/amazon/aws/"
            f"example_sagemaker.py, as shipped in {PACKAGE}"
        ),
        made_by=(
            f"boto3 {boto3.__version__}, moto {moto.__version__}: the module's set_up statements "
            "evaluated by tests/realworld/tools/extract_airflow.py::tuning_config"
        ),
        placeholders=(
            f"env_id {ENV_ID!r} (so bucket example-sagemaker-example, job name example-tune), "
            f"role_arn {ROLE}, region {REGION} (selects the test's us-west-2 KNN image); "
            "the ECR preprocessing image is not part of the tuning request"
        ),
    )
    manifest.save()
    print("wrote", FILE_NAME)


if __name__ == "__main__":
    main(sys.argv[1:])
