"""The online run: connect once, run every check's calls concurrently, collect the problems.

:func:`connect` fails fast (:class:`~hpt_request.aws.online.calls.OnlineUnavailable`) when there
are no credentials, no Region, or no answer from AWS, before any check: STS GetCallerIdentity,
which every caller may make, tells the account the checks compare against. :func:`problems`
asks each check family for its tasks (each a few calls at most) and runs them all on a small
thread pool, so a typical request is checked in the time of its slowest call or two.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hpt_request.aws.online.calls import Calls, OnlineUnavailable
from hpt_request.model.errors import Problem, ordered

Task = Callable[[], list[Problem]]
"""A unit of checking: a few calls, and the problems they found."""

WORKERS = 8
"""Calls under way at once."""

_NO_CONNECTION = frozenset(
    {
        "EndpointConnectionError",
        "ConnectTimeoutError",
        "ReadTimeoutError",
        "ConnectionClosedError",
        "ProxyConnectionError",
        "SSLError",
    }
)


def connect(
    session: Any = None,
    *,
    region: str | None = None,
    record: Callable[[str, str], None] | None = None,
) -> Calls:
    """The calls of one run, through ``session`` (a ``boto3.Session``; a new one, with the
    standard credential chain, by default), in ``region`` (the session's by default). Raises
    :class:`OnlineUnavailable` without credentials, without a Region, or when AWS does not
    answer."""
    try:
        import boto3
    except ImportError:
        raise OnlineUnavailable("the online checks need boto3: pip install boto3") from None
    from botocore.exceptions import BotoCoreError

    try:
        if session is None:
            session = boto3.Session()
        # AWS_REGION is what the other SDKs and the AWS CLI v2 read; botocore reads
        # AWS_DEFAULT_REGION and the profile, so the first is taken where they say nothing.
        region = region or session.region_name or os.environ.get("AWS_REGION")
        credentials = session.get_credentials()
    except BotoCoreError as exc:  # a broken profile or configuration
        raise OnlineUnavailable(f"the AWS configuration cannot be read: {exc}") from None
    if not region:
        raise OnlineUnavailable(
            "no AWS Region: set AWS_REGION (or AWS_DEFAULT_REGION) or a profile's region"
        )
    if credentials is None:
        raise OnlineUnavailable(
            "no AWS credentials found (environment variables, shared credentials or config "
            "file, SSO, container or instance role): the online checks need them"
        )
    calls = Calls(session, region=region, record=record)
    answer = calls.call("sts", "GetCallerIdentity")
    if answer.outcome != "ok":
        if answer.error in _NO_CONNECTION:
            reason = f"no answer from AWS STS in {region} ({answer.detail or answer.error})"
        else:
            reason = f"AWS refused the credentials ({answer.error}: {answer.detail})"
        raise OnlineUnavailable(reason)
    arn = str(answer.response.get("Arn", ""))
    calls.account = str(answer.response.get("Account", ""))
    if arn.startswith("arn:"):
        calls.partition = arn.split(":")[1] or "aws"
    return calls


Family = Callable[[Mapping[str, Any], Calls], list[Task]]
"""A check family: the tasks that check one request's wire data."""


def problems(
    request: Mapping[str, Any],
    calls: Calls,
    families: Sequence[Family],
    *,
    workers: int = WORKERS,
) -> list[Problem]:
    """Every online finding and note of ``families`` for one request's wire data, sorted by
    path."""
    tasks: list[Task] = []
    for family in families:
        tasks.extend(family(request, calls))
    found: list[Problem] = []
    if not tasks:
        return found
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(_guarded, tasks):
            found.extend(result)
    return ordered(found)


def _guarded(task: Task) -> list[Problem]:
    """A task's problems; a defect of ours (an answer of a shape nothing anticipated) is one
    "not checked" note, never a crash."""
    try:
        return task()
    except Exception as exc:  # never a traceback for what AWS answered
        from hpt_request.aws.online.found import NOT_CHECKED
        from hpt_request.text.codes import ONLINE

        return [
            Problem(
                path="",
                code=NOT_CHECKED,
                message=f"not checked: an online check failed ({type(exc).__name__}: {exc})",
                severity=ONLINE[NOT_CHECKED][0],
            )
        ]


__all__ = ["Family", "OnlineUnavailable", "Task", "connect", "problems"]
