"""Check 2, the data: each input channel's S3 location holds something (S3Prefix:
ListObjectsV2 with MaxKeys=1; ManifestFile and AugmentedManifestFile: HeadObject on the
manifest), the output and checkpoint buckets exist (HeadBucket), and every bucket is in the
job's Region (HeadBucket's BucketRegion)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hpt_request.aws.online.calls import Answer, Calls
from hpt_request.aws.online.found import Location, not_checked, problem
from hpt_request.aws.online.run import Task
from hpt_request.aws.online.wire import definitions, items, s3_parts, text
from hpt_request.model.errors import Problem

BUCKET_MISSING = "online-bucket-missing"
BUCKET_REGION = "online-bucket-region"
INPUT_EMPTY = "online-input-empty"
MANIFEST_MISSING = "online-manifest-missing"

_NO_BUCKET = ("404", "NoSuchBucket")


def head_bucket(calls: Calls, bucket: str) -> Answer:
    """HeadBucket of ``bucket``, once per run whichever member asks first."""
    return calls.once(
        ("HeadBucket", bucket),
        lambda: calls.call("s3", "HeadBucket", missing=_NO_BUCKET, Bucket=bucket),
    )


def bucket_region(answer: Answer) -> str | None:
    """The Region HeadBucket says the bucket is in (its ``BucketRegion``, or the
    ``x-amz-bucket-region`` header)."""
    region = answer.response.get("BucketRegion")
    if isinstance(region, str) and region:
        return region
    headers = answer.response.get("ResponseMetadata", {}).get("HTTPHeaders", {})
    found = headers.get("x-amz-bucket-region")
    return found if isinstance(found, str) and found else None


def _bucket_checked(
    calls: Calls, location: Location, bucket: str, role: str, *, input_channel: bool
) -> tuple[bool, list[Problem]]:
    """The bucket's existence and Region: (whether it may hold the data, the problems)."""
    answer = head_bucket(calls, bucket)
    if answer.outcome == "missing":
        return False, [
            problem(
                location,
                BUCKET_MISSING,
                f'the {role} bucket "{bucket}" does not exist (or was deleted)',
                answer,
            )
        ]
    if answer.outcome != "ok":
        return True, [not_checked(location, f'the Region of bucket "{bucket}"', answer)]
    region = bucket_region(answer)
    if region is None or region == calls.region:
        return True, []
    return True, [
        problem(
            location,
            BUCKET_REGION,
            f'the {role} bucket "{bucket}" is in {region}, the job runs in {calls.region}: '
            "SageMaker reads and writes S3 in the job's Region",
            answer,
            severity="error" if input_channel else "warning",
        )
    ]


def _channel(calls: Calls, location: Location, uri: str, data_type: str) -> list[Problem]:
    parts = s3_parts(uri)
    if parts is None:
        return []
    bucket, key = parts
    exists, problems = _bucket_checked(calls, location, bucket, "input", input_channel=True)
    if not exists:
        return problems
    if data_type == "S3Prefix":
        answer = calls.call(
            "s3", "ListObjectsV2", missing=_NO_BUCKET, Bucket=bucket, Prefix=key, MaxKeys=1
        )
        if answer.outcome == "ok" and not answer.response.get("KeyCount", 0):
            problems.append(
                problem(
                    location,
                    INPUT_EMPTY,
                    f"no S3 objects found under {uri}: the channel has no data, and every "
                    "training job the tuning job starts fails",
                    answer,
                )
            )
    elif data_type in ("ManifestFile", "AugmentedManifestFile"):
        answer = calls.call(
            "s3", "HeadObject", missing=("404", "NoSuchKey"), Bucket=bucket, Key=key
        )
        if answer.outcome == "missing":
            problems.append(
                problem(location, MANIFEST_MISSING, f"the manifest {uri} does not exist", answer)
            )
    else:
        return problems  # a newer data type: nothing known to check
    if answer.outcome == "missing" and data_type == "S3Prefix":
        problems.append(
            problem(location, BUCKET_MISSING, f'the input bucket "{bucket}" does not exist', answer)
        )
    elif answer.outcome in ("denied", "unavailable"):
        problems.append(not_checked(location, f"whether {uri} holds data", answer))
    return problems


def tasks(request: Mapping[str, Any], calls: Calls) -> list[Task]:
    """One task per input channel, output path and checkpoint location."""
    found: list[Task] = []
    for at, definition in definitions(request):
        for index, channel in enumerate(items(definition, "InputDataConfig")):
            source = ("DataSource", "S3DataSource")
            uri = text(channel, *source, "S3Uri")
            if uri is None:
                continue
            location = (*at, "InputDataConfig", index, *source, "S3Uri")
            data_type = text(channel, *source, "S3DataType") or "S3Prefix"
            found.append(_task(_channel, calls, location, uri, data_type))
        for member, role in (
            (("OutputDataConfig", "S3OutputPath"), "output"),
            (("CheckpointConfig", "S3Uri"), "checkpoint"),
        ):
            uri = text(definition, *member)
            parts = s3_parts(uri) if uri else None
            if parts is not None:
                found.append(_bucket_task(calls, (*at, *member), parts[0], role))
    return found


def _task(function: Any, *args: Any) -> Task:
    def run() -> list[Problem]:
        problems: list[Problem] = function(*args)
        return problems

    return run


def _bucket_task(calls: Calls, location: Location, bucket: str, role: str) -> Task:
    def run() -> list[Problem]:
        return _bucket_checked(calls, location, bucket, role, input_channel=False)[1]

    return run
