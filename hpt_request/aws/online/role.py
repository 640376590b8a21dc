"""Check 3, the role: each definition's RoleArn names a role of the account (GetRole), its
trust policy lets ``sagemaker.amazonaws.com`` assume it, and, where
``iam:SimulatePrincipalPolicy`` is allowed, its policies let it read the inputs, write the
output, pull the image, use the KMS keys and write the training logs.

Policy simulation sees the role's own policies (and permissions boundaries), not bucket or key
policies: an implicit deny is a warning, an explicit deny an error.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from hpt_request.aws.online.calls import Calls
from hpt_request.aws.online.found import Location, not_checked, note, problem
from hpt_request.aws.online.images import ecr_parts
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import definitions, items, s3_parts, text
from hpt_request.model.errors import Problem

ROLE_MISSING = "online-role-missing"
ROLE_TRUST = "online-role-trust"
ROLE_PERMISSION = "online-role-permission"
SERVICE = "sagemaker.amazonaws.com"


def role_parts(arn: str) -> tuple[str, str, str] | None:
    """(partition, account, role name) of a role ARN, or None."""
    fields = arn.split(":", 5)
    if len(fields) != 6 or fields[0] != "arn" or fields[2] != "iam":
        return None
    resource = fields[5]
    if not resource.startswith("role/"):
        return None
    return fields[1], fields[4], resource.rsplit("/", 1)[-1]


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def trusts_sagemaker(document: Any) -> bool:
    """Whether a trust policy has a statement that may let SageMaker assume the role. Anything
    it cannot judge (conditions, NotPrincipal, an unreadable document) counts as trusting: a
    false alarm costs more than a miss."""
    if isinstance(document, str):
        try:
            document = json.loads(urllib.parse.unquote(document))
        except ValueError:
            return True
    if not isinstance(document, Mapping):
        return True
    for statement in _listed(document.get("Statement", [])):
        if not isinstance(statement, Mapping) or statement.get("Effect") != "Allow":
            continue
        if "NotPrincipal" in statement or "NotAction" in statement:
            return True
        actions = [str(a).lower() for a in _listed(statement.get("Action", []))]
        if not any(a in ("sts:assumerole", "sts:*", "*") for a in actions):
            continue
        principal = statement.get("Principal")
        if principal == "*":
            return True
        if isinstance(principal, Mapping):
            if SERVICE in _listed(principal.get("Service", [])):
                return True
            if "*" in _listed(principal.get("AWS", [])):
                return True
    return False


def _needs(
    definition: Mapping[str, Any], calls: Calls, partition: str
) -> list[tuple[str, list[str], list[str]]]:
    """What the job does with the role: (what, actions, resource ARNs) for each call of the
    simulation."""
    s3 = f"arn:{partition}:s3:::"
    buckets: list[str] = []
    objects: list[str] = []
    for channel in items(definition, "InputDataConfig"):
        uri = text(channel, "DataSource", "S3DataSource", "S3Uri")
        parts = s3_parts(uri) if uri else None
        if parts is not None:
            buckets.append(f"{s3}{parts[0]}")
            objects.append(f"{s3}{parts[0]}/{parts[1]}*")
    found: list[tuple[str, list[str], list[str]]] = []
    if buckets:
        found.append(("list the input buckets", ["s3:ListBucket"], sorted(set(buckets))))
        found.append(("read the input data", ["s3:GetObject"], sorted(set(objects))))
    output = text(definition, "OutputDataConfig", "S3OutputPath")
    parts = s3_parts(output) if output else None
    if parts is not None:
        found.append(("write the output", ["s3:PutObject"], [f"{s3}{parts[0]}/{parts[1]}*"]))
    image = text(definition, "AlgorithmSpecification", "TrainingImage")
    repository = _ecr_repository_arn(image, partition) if image else None
    if repository is not None:
        found.append(
            (
                "pull the training image",
                ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                [repository],
            )
        )
    keys = [
        key
        for key in (
            text(definition, "OutputDataConfig", "KmsKeyId"),
            text(definition, "ResourceConfig", "VolumeKmsKeyId"),
        )
        if key and key.startswith("arn:")
    ]
    if keys:
        found.append(
            (
                "use the KMS keys",
                ["kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt"],
                sorted(set(keys)),
            )
        )
    logs = (
        f"arn:{partition}:logs:{calls.region}:{calls.account}"
        ":log-group:/aws/sagemaker/TrainingJobs:*"
    )
    found.append(("write the training logs", ["logs:CreateLogStream", "logs:PutLogEvents"], [logs]))
    return found


def _ecr_repository_arn(image: str, partition: str) -> str | None:
    """The repository ARN of an ECR image URI (``ACCOUNT.dkr.ecr.REGION.amazonaws.com/...``)."""
    parts = ecr_parts(image)
    if parts is None:
        return None
    account, region, repository, _ = parts
    return f"arn:{partition}:ecr:{region}:{account}:repository/{repository}"


def _simulated(
    calls: Calls,
    location: Location,
    arn: str,
    what: str,
    actions: Sequence[str],
    resources: Sequence[str],
) -> list[Problem]:
    answer = calls.call(
        "iam",
        "SimulatePrincipalPolicy",
        PolicySourceArn=arn,
        ActionNames=list(actions),
        ResourceArns=list(resources),
    )
    if answer.outcome != "ok":
        return [not_checked(location, f"whether the role may {what}", answer)]
    denied: dict[tuple[str, str], list[str]] = {}
    for result in answer.response.get("EvaluationResults", []):
        decision = str(result.get("EvalDecision", ""))
        if decision in ("explicitDeny", "implicitDeny"):
            key = (str(result.get("EvalActionName", "")), decision)
            denied.setdefault(key, []).append(str(result.get("EvalResourceName", "")))
    found = []
    for (action, decision), names in sorted(denied.items()):
        explicit = decision == "explicitDeny"
        found.append(
            problem(
                location,
                ROLE_PERMISSION,
                f"the role may not {what}: {action} on {', '.join(sorted(set(names)))} is "
                + (
                    "explicitly denied by its policies"
                    if explicit
                    else "allowed by none of its policies (a bucket or key policy may still "
                    "allow it)"
                ),
                answer,
                severity="error" if explicit else "warning",
            )
        )
    return found


def _role_checks(
    calls: Calls, location: Location, arn: str, definition: Mapping[str, Any]
) -> list[Problem]:
    parts = role_parts(arn)
    if parts is None:
        return []
    partition, account, name = parts
    if calls.account and account != calls.account:
        return [
            note(
                location,
                "the role",
                f"it belongs to account {account}, not the caller's ({calls.account})",
            )
        ]
    answer = calls.once(
        ("GetRole", name),
        lambda: calls.call("iam", "GetRole", missing=("NoSuchEntity",), RoleName=name),
    )
    if answer.outcome == "missing":
        return [
            problem(
                location,
                ROLE_MISSING,
                f'no role named "{name}" exists in account {account}',
                answer,
            )
        ]
    if answer.outcome != "ok":
        return [not_checked(location, "whether the role exists and trusts SageMaker", answer)]
    found: list[Problem] = []
    document = answer.response.get("Role", {}).get("AssumeRolePolicyDocument")
    if not trusts_sagemaker(document):
        found.append(
            problem(
                location,
                ROLE_TRUST,
                f'the trust policy of role "{name}" does not let {SERVICE} assume it '
                "(sts:AssumeRole): add a statement allowing the SageMaker service principal",
                answer,
            )
        )
    for what, actions, resources in _needs(definition, calls, partition):
        found.extend(_simulated(calls, location, arn, what, actions, resources))
    return found


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One task per definition's role."""
    found: list[Task] = []
    for at, definition in definitions(request):
        arn = text(definition, "RoleArn")
        if arn is None:
            continue
        found.append(_task(calls, (*at, "RoleArn"), arn, definition))
    return found


def _task(calls: Calls, location: Location, arn: str, definition: Mapping[str, Any]) -> Task:
    def run() -> list[Problem]:
        return _role_checks(calls, location, arn, definition)

    return run
