"""The AWS resources a valid request needs, made in moto (in-process or its server), and the
request that uses them: the bundled Bayesian example under a name of its own."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from hpt_request.model import examples

REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
BUCKET = "acme-ml-data"
NAME = "hpt-online-check"
DEFINITION = ("TrainingJobDefinition",)
CHANNEL_URI = (*DEFINITION, "InputDataConfig", 0, "DataSource", "S3DataSource", "S3Uri")
ROLE_NAME = "AmazonSageMaker-ExecutionRole-20240115T101010"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "sagemaker.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}

MakeClient = Callable[..., Any]


def request() -> dict[str, Any]:
    """The request whose resources :func:`build` makes."""
    wire = copy.deepcopy(examples.load("bayesian"))
    wire["HyperParameterTuningJobName"] = NAME
    return wire


def changed(wire: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``wire`` with the member at ``path`` set to ``value``."""
    result = copy.deepcopy(wire)
    node: Any = result
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return result


def build(client: MakeClient) -> None:
    """Make every resource :func:`request` uses (``client(service)`` gives a client)."""
    s3 = client("s3")
    s3.create_bucket(Bucket=BUCKET)
    for channel in ("train", "validation"):
        s3.put_object(Bucket=BUCKET, Key=f"churn/2024-06/{channel}/part-0.csv", Body=b"1,2\n")
    iam = client("iam")
    iam.create_role(
        RoleName=ROLE_NAME, Path="/service-role/", AssumeRolePolicyDocument=json.dumps(TRUST)
    )
