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
TRUST: dict[str, Any] = {
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


class Canned:
    """Answers for the operations moto does not implement (policy simulation, DescribeAlgorithm,
    Service Quotas), given on a boto3 session's events the way botocore's Stubber answers:
    before the call is sent. By default every simulated action is allowed, no algorithm
    exists and no quota is listed; tests change ``denied``, ``algorithms`` and ``quotas``."""

    def __init__(self) -> None:
        self.denied: dict[str, str] = {}  # action -> "implicitDeny" or "explicitDeny"
        self.algorithms: dict[str, dict[str, Any]] = {}
        self.quotas: list[dict[str, Any]] = []
        self.default_quotas: list[dict[str, Any]] = []
        self.errors: dict[str, str] = {}  # operation -> error code to answer with
        self.calls: list[str] = []

    def install(self, session: Any) -> Any:
        """Register the answers on ``session`` (a boto3 session); returns it."""
        events = session.events
        answers = {
            ("iam", "SimulatePrincipalPolicy"): self._simulate,
            ("sagemaker", "DescribeAlgorithm"): self._algorithm,
            ("service-quotas", "ListServiceQuotas"): lambda _: {"Quotas": list(self.quotas)},
            ("service-quotas", "ListAWSDefaultServiceQuotas"): lambda _: {
                "Quotas": list(self.default_quotas)
            },
        }
        for (service, operation), answer in answers.items():
            events.register(
                f"before-parameter-build.{service}.{operation}", _keep_params, unique_id=None
            )
            events.register(f"before-call.{service}.{operation}", self._answer(operation, answer))
        return session

    def _answer(self, operation: str, answer: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
        from botocore.awsrequest import AWSResponse

        def handler(context: dict[str, Any], **_: Any) -> Any:
            self.calls.append(operation)
            code = self.errors.get(operation)
            if code is not None:
                body = {"Error": {"Code": code, "Message": f"canned {code}"}}
                return AWSResponse("https://canned", 400, {}, None), body
            body = answer(context.get("hpt_test_params", {}))
            return AWSResponse("https://canned", 400 if "Error" in body else 200, {}, None), body

        return handler

    def _simulate(self, params: dict[str, Any]) -> dict[str, Any]:
        results = [
            {
                "EvalActionName": action,
                "EvalResourceName": resource,
                "EvalDecision": self.denied.get(action, "allowed"),
            }
            for action in params.get("ActionNames", [])
            for resource in params.get("ResourceArns", ["*"])
        ]
        return {"EvaluationResults": results, "IsTruncated": False}

    def _algorithm(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params.get("AlgorithmName", "")
        found = self.algorithms.get(name)
        if found is None:  # the service's answer for a name that is no algorithm
            message = f"Could not find algorithm {name}"
            return {"Error": {"Code": "ValidationException", "Message": message}}
        return found


def _keep_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    context["hpt_test_params"] = dict(params)


def quota(instance_type: str, value: float, *, spot: bool = False) -> dict[str, Any]:
    """A Service Quotas entry as ListServiceQuotas gives it."""
    kind = "spot training job usage" if spot else "training job usage"
    return {
        "ServiceCode": "sagemaker",
        "QuotaName": f"{instance_type} for {kind}",
        "QuotaCode": "L-TEST",
        "Value": value,
    }
