"""Check 6, KMS keys and the VPC: each KMS key a definition names exists and is enabled
(DescribeKey); the subnets and security groups of its VpcConfig exist (DescribeSubnets,
DescribeSecurityGroups) and all belong to one VPC."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from hpt_request.aws.online.calls import Answer, Calls
from hpt_request.aws.online.found import Location, not_checked, problem
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import definitions, items, text
from hpt_request.model.errors import Problem

KMS_KEY = "online-kms-key"
VPC = "online-vpc"
KEY_MEMBERS = (("OutputDataConfig", "KmsKeyId"), ("ResourceConfig", "VolumeKmsKeyId"))
# KeyState values (botocore model KeyMetadata.KeyState) in which SageMaker cannot use a key;
# Creating and Updating pass soon, and Enabled is what it needs.
UNUSABLE = frozenset(
    {"Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion", "Unavailable"}
)


def _key(calls: Calls, location: Location, key: str) -> list[Problem]:
    fields = key.split(":")
    region = fields[3] if key.startswith("arn:") and len(fields) > 3 and fields[3] else None
    answer = calls.once(
        ("DescribeKey", key),
        lambda: calls.call(
            "kms", "DescribeKey", missing=("NotFoundException",), region=region, KeyId=key
        ),
    )
    if answer.outcome == "missing":
        return [problem(location, KMS_KEY, f'no KMS key "{key}" exists', answer)]
    if answer.outcome != "ok":
        return [not_checked(location, "the KMS key", answer)]
    state = answer.response.get("KeyMetadata", {}).get("KeyState")
    if state in UNUSABLE:
        return [problem(location, KMS_KEY, f'the KMS key "{key}" is {state}, not Enabled', answer)]
    return []


def _described(
    calls: Calls, operation: str, member: str, result: str, field: str, ids: Sequence[str]
) -> tuple[dict[str, str], set[str], list[Answer]]:
    """(id -> VPC, the ids that do not exist, the answers that gave no evidence): one call for
    all the ids, then one per id when some do not exist."""
    not_found = "InvalidSubnetID.NotFound" if member == "SubnetIds" else "InvalidGroup.NotFound"
    params: dict[str, Any] = {member: list(ids)}
    answer = calls.call("ec2", operation, missing=(not_found,), **params)
    if answer.outcome == "ok":
        return _vpcs(answer, result, field), set(), []
    if answer.outcome != "missing":
        return {}, set(), [answer]
    vpcs: dict[str, str] = {}
    missing: set[str] = set()
    silent: list[Answer] = []
    for one in ids:
        one_id: dict[str, Any] = {member: [one]}
        single = calls.call("ec2", operation, missing=(not_found,), **one_id)
        if single.outcome == "ok":
            vpcs.update(_vpcs(single, result, field))
        elif single.outcome == "missing":
            missing.add(one)
        else:
            silent.append(single)
    return vpcs, missing, silent


def _vpcs(answer: Answer, result: str, field: str) -> dict[str, str]:
    return {
        str(item.get(field)): str(item.get("VpcId"))
        for item in answer.response.get(result, [])
        if isinstance(item, Mapping)
    }


def _vpc(calls: Calls, at: Location, config: Mapping[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    owners: dict[str, list[str]] = {}
    kinds = (
        ("Subnets", "DescribeSubnets", "SubnetIds", "Subnets", "SubnetId", "subnet"),
        (
            "SecurityGroupIds",
            "DescribeSecurityGroups",
            "GroupIds",
            "SecurityGroups",
            "GroupId",
            "security group",
        ),
    )
    last: Answer | None = None
    for member, operation, parameter, result, field, what in kinds:
        ids = [value for value in items(config, member) if isinstance(value, str)]
        if not ids:
            continue
        vpcs, missing, silent = _described(calls, operation, parameter, result, field, ids)
        for answer in silent[:1]:
            found.append(not_checked((*at, member), f"the {what}s", answer))
        for index, value in enumerate(items(config, member)):
            if value in missing:
                answer = Answer("ec2", operation, "missing")
                found.append(
                    problem(
                        (*at, member, index),
                        VPC,
                        f'no {what} "{value}" exists in {calls.region}',
                        answer,
                    )
                )
            elif value in vpcs:
                owners.setdefault(vpcs[value], []).append(value)
                last = Answer("ec2", operation, "ok")
    if len(owners) > 1 and last is not None:
        listed = "; ".join(
            f"{vpc}: {', '.join(sorted(members))}" for vpc, members in sorted(owners.items())
        )
        found.append(
            problem(
                at,
                VPC,
                f"the subnets and security groups belong to {len(owners)} VPCs ({listed}); they "
                "must all be of one VPC",
                Answer("ec2", "DescribeSubnets", "ok"),
            )
        )
    return found


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One task per KMS key and one per VpcConfig."""
    found: list[Task] = []
    for at, definition in definitions(request):
        for member in KEY_MEMBERS:
            key = text(definition, *member)
            if key is not None:
                found.append(functools.partial(_key, calls, (*at, *member), key))
        config = definition.get("VpcConfig")
        if isinstance(config, Mapping):
            found.append(functools.partial(_vpc, calls, (*at, "VpcConfig"), config))
    return found
