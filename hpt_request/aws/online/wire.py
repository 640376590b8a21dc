"""Reading the members the online checks need from a request's wire data, defensively: a
member of the wrong kind (a placeholder, a structural error the offline check reported) reads
as absent, so no check ever runs on what it could not read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hpt_request.aws.online.found import Location


def text(data: Any, *keys: str | int) -> str | None:
    """The text at ``keys`` under ``data``, or None."""
    found = walk(data, *keys)
    return found if isinstance(found, str) and found else None


def number(data: Any, *keys: str | int) -> int | None:
    """The integer at ``keys`` under ``data`` (never a bool), or None."""
    found = walk(data, *keys)
    return found if type(found) is int else None


def items(data: Any, *keys: str | int) -> list[Any]:
    """The list at ``keys`` under ``data``, or an empty one."""
    found = walk(data, *keys)
    return found if isinstance(found, list) else []


def walk(data: Any, *keys: str | int) -> Any:
    """The value at ``keys`` under ``data``, or None where any step is missing."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(data, list) or not 0 <= key < len(data):
                return None
            data = data[key]
        else:
            if not isinstance(data, Mapping):
                return None
            data = data.get(key)
    return data


def definitions(request: Any) -> Iterator[tuple[Location, Mapping[str, Any]]]:
    """Each training job definition with its location: ``TrainingJobDefinition`` or
    ``TrainingJobDefinitions[i]``."""
    single = walk(request, "TrainingJobDefinition")
    if isinstance(single, Mapping):
        yield ("TrainingJobDefinition",), single
    for index, definition in enumerate(items(request, "TrainingJobDefinitions")):
        if isinstance(definition, Mapping):
            yield ("TrainingJobDefinitions", index), definition


def s3_parts(uri: str) -> tuple[str, str] | None:
    """(bucket, key) of an ``s3://bucket/key`` URI (``https://`` S3 addresses are not read),
    or None."""
    if not uri.startswith("s3://"):
        return None
    bucket, _, key = uri[len("s3://") :].partition("/")
    return (bucket, key) if bucket else None
