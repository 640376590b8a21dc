"""Check 4, the image and the algorithm: a TrainingImage in the caller's own ECR registry
exists with its tag or digest (DescribeImages); an AlgorithmName names an algorithm resource
(DescribeAlgorithm) that supports tuning, the instance types the definition uses and its
channels, and whose required channels the definition has."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from hpt_request.aws.online.calls import Answer, Calls
from hpt_request.aws.online.found import Location, not_checked, problem
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import definitions, items, text
from hpt_request.model.errors import Problem

IMAGE_MISSING = "online-image-missing"
ALGORITHM_MISSING = "online-algorithm-missing"
ALGORITHM_SUPPORT = "online-algorithm-support"

_ECR = re.compile(
    r"(?P<account>[0-9]{12})\.dkr\.ecr(?:-fips)?\.(?P<region>[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?"
    r"/(?P<repository>[^:@]+)(?::(?P<tag>[^@]+))?(?:@(?P<digest>[a-z0-9]+:[0-9a-fA-F]+))?"
)
# DescribeAlgorithm's answer for a name that is no algorithm (its model lists no error shape;
# the service answers ValidationException with such a message).
_NOT_FOUND = re.compile(r"not found|does not exist|could not find", re.IGNORECASE)


def ecr_parts(image: str) -> tuple[str, str, str, dict[str, str]] | None:
    """(account, Region, repository, image id) of an ECR image URI, or None; the image id is
    ``{"imageDigest": ...}`` or ``{"imageTag": ...}`` (``latest`` when the URI has neither)."""
    match = _ECR.fullmatch(image)
    if match is None:
        return None
    if match["digest"]:
        image_id = {"imageDigest": match["digest"]}
    else:
        image_id = {"imageTag": match["tag"] or "latest"}
    return match["account"], match["region"], match["repository"], image_id


def _image(calls: Calls, location: Location, image: str) -> list[Problem]:
    parts = ecr_parts(image)
    if parts is None or parts[0] != calls.account:
        return []  # another account's image (AWS's own, a vendor's): not the caller's to check
    account, region, repository, image_id = parts
    answer = calls.call(
        "ecr",
        "DescribeImages",
        missing=("ImageNotFoundException", "RepositoryNotFoundException"),
        region=region,
        registryId=account,
        repositoryName=repository,
        imageIds=[image_id],
    )
    if answer.outcome == "missing":
        what = (
            f'no repository "{repository}"'
            if answer.error == "RepositoryNotFoundException"
            else f'no image {next(iter(image_id.values()))} in repository "{repository}"'
        )
        return [
            problem(
                location,
                IMAGE_MISSING,
                f"{what} in the ECR registry of {account} ({region})",
                answer,
            )
        ]
    if answer.outcome != "ok":
        return [not_checked(location, "whether the image exists", answer)]
    return []


def instance_types(definition: Mapping[str, Any], at: Location) -> Iterator[tuple[Location, str]]:
    """Each instance type a definition uses, with its location."""
    resource = (*at, "ResourceConfig")
    single = text(definition, "ResourceConfig", "InstanceType")
    if single:
        yield (*resource, "InstanceType"), single
    for index, group in enumerate(items(definition, "ResourceConfig", "InstanceGroups")):
        found = text(group, "InstanceType")
        if found:
            yield (*resource, "InstanceGroups", index, "InstanceType"), found
    tuning = (*at, "HyperParameterTuningResourceConfig")
    single = text(definition, "HyperParameterTuningResourceConfig", "InstanceType")
    if single:
        yield (*tuning, "InstanceType"), single
    for index, config in enumerate(
        items(definition, "HyperParameterTuningResourceConfig", "InstanceConfigs")
    ):
        found = text(config, "InstanceType")
        if found:
            yield (*tuning, "InstanceConfigs", index, "InstanceType"), found


def _algorithm(
    calls: Calls, at: Location, name: str, definition: Mapping[str, Any]
) -> list[Problem]:
    location = (*at, "AlgorithmSpecification", "AlgorithmName")
    answer = calls.call(
        "sagemaker", "DescribeAlgorithm", missing=("ResourceNotFound",), AlgorithmName=name
    )
    if (
        answer.outcome == "unavailable"
        and answer.error == "ValidationException"
        and _NOT_FOUND.search(answer.detail)
    ):
        answer = Answer(
            answer.service, answer.operation, "missing", error=answer.error, detail=answer.detail
        )
    if answer.outcome == "missing":
        return [
            problem(
                location,
                ALGORITHM_MISSING,
                f'no algorithm resource "{name}" exists in {calls.region}',
                answer,
            )
        ]
    if answer.outcome != "ok":
        return [not_checked(location, "the algorithm resource", answer)]
    spec = answer.response.get("TrainingSpecification", {})
    found: list[Problem] = []
    if spec.get("SupportsHyperParameterTuning") is False:
        found.append(
            problem(
                location,
                ALGORITHM_SUPPORT,
                f'algorithm "{name}" does not support hyperparameter tuning',
                answer,
            )
        )
    supported = spec.get("SupportedTrainingInstanceTypes")
    if isinstance(supported, list) and supported:
        for where, instance_type in instance_types(definition, at):
            if instance_type not in supported:
                found.append(
                    problem(
                        where,
                        ALGORITHM_SUPPORT,
                        f'algorithm "{name}" does not support {instance_type}; it supports '
                        f"{', '.join(sorted(map(str, supported)))}",
                        answer,
                    )
                )
    channels = [c for c in spec.get("TrainingChannels", []) if isinstance(c, Mapping)]
    if channels:
        known = {str(c.get("Name")) for c in channels}
        given: set[str] = set()
        for index, channel in enumerate(items(definition, "InputDataConfig")):
            channel_name = text(channel, "ChannelName")
            if channel_name is None:
                continue
            given.add(channel_name)
            if channel_name not in known:
                found.append(
                    problem(
                        (*at, "InputDataConfig", index, "ChannelName"),
                        ALGORITHM_SUPPORT,
                        f'algorithm "{name}" has no channel "{channel_name}"; its channels are '
                        f"{', '.join(sorted(known))}",
                        answer,
                    )
                )
        for channel in channels:
            if channel.get("IsRequired") and str(channel.get("Name")) not in given:
                found.append(
                    problem(
                        (*at, "InputDataConfig"),
                        ALGORITHM_SUPPORT,
                        f'algorithm "{name}" requires a channel "{channel.get("Name")}", which '
                        "the definition does not have",
                        answer,
                    )
                )
    return found


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One task per definition's image or algorithm."""
    found: list[Task] = []
    for at, definition in definitions(request):
        image = text(definition, "AlgorithmSpecification", "TrainingImage")
        if image is not None:
            found.append(
                functools.partial(
                    _image, calls, (*at, "AlgorithmSpecification", "TrainingImage"), image
                )
            )
        name = text(definition, "AlgorithmSpecification", "AlgorithmName")
        if name is not None:
            found.append(functools.partial(_algorithm, calls, at, name, definition))
    return found
