"""The AWS calls of the online checks: which operations, through which clients, and what an
answer means.

Only the operations of :data:`OPERATIONS` can be called (any other raises ``ValueError``
before anything is sent): each is read-only, and each is listed with the IAM action that allows
it, which is what a "not checked" note names when the call is denied.

Clients are made from one boto3 session (the standard credential chain and region;
``AWS_ENDPOINT_URL`` is honoured as botocore honours it) with bounded timeouts and botocore's
``standard`` retry mode capped at :data:`MAX_ATTEMPTS` attempts, so that throttling is retried
once with back-off and then reported, never retried in a loop. Clients live as long as one
:class:`Calls`, that is one run: nothing is kept across runs.

An answer (:class:`Answer`) is one of: ``ok`` (the response), ``missing`` (the service said the
resource does not exist, by one of the error codes the caller named), ``denied`` (the caller may
not make the call) or ``unavailable`` (throttled, timed out, not offered by the endpoint, or any
other error): only ``ok`` and ``missing`` are evidence; the other two give a "not checked"
note.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import attrs

Outcome = Literal["ok", "missing", "denied", "unavailable"]

OPERATIONS: Mapping[tuple[str, str], str] = {
    ("sts", "GetCallerIdentity"): "none (every caller may make it)",
    ("sagemaker", "DescribeHyperParameterTuningJob"): "sagemaker:DescribeHyperParameterTuningJob",
    ("sagemaker", "ListHyperParameterTuningJobs"): "sagemaker:ListHyperParameterTuningJobs",
    ("sagemaker", "DescribeAlgorithm"): "sagemaker:DescribeAlgorithm",
    ("s3", "ListObjectsV2"): "s3:ListBucket",
    ("s3", "HeadObject"): "s3:GetObject",
    ("s3", "HeadBucket"): "s3:ListBucket",
    ("iam", "GetRole"): "iam:GetRole",
    ("iam", "SimulatePrincipalPolicy"): "iam:SimulatePrincipalPolicy",
    ("ecr", "DescribeImages"): "ecr:DescribeImages",
    ("kms", "DescribeKey"): "kms:DescribeKey",
    ("ec2", "DescribeSubnets"): "ec2:DescribeSubnets",
    ("ec2", "DescribeSecurityGroups"): "ec2:DescribeSecurityGroups",
    ("service-quotas", "ListServiceQuotas"): "servicequotas:ListServiceQuotas",
    ("service-quotas", "ListAWSDefaultServiceQuotas"): "servicequotas:ListAWSDefaultServiceQuotas",
}
"""Every operation the online checks can call: (botocore service name, operation) -> the IAM
action that allows it. All of them only read."""

CONNECT_TIMEOUT = 3.0
"""Seconds to wait for a connection."""
READ_TIMEOUT = 10.0
"""Seconds to wait for an answer."""
MAX_ATTEMPTS = 2
"""Attempts per call, the first included (botocore's ``standard`` retry mode)."""

_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnauthorizedException",
        "AuthorizationError",
        "NotAuthorized",
        "403",
        "Forbidden",
    }
)


class OnlineUnavailable(Exception):
    """The online checks cannot run at all: no credentials, no region, or no answer from AWS.
    Raised before any check; the command line exits 2 with its message."""


@attrs.frozen
class Answer:
    """What one call gave: ``outcome``, the response (for ``ok``), the service's error code
    and message (otherwise), and the call itself."""

    service: str
    operation: str
    outcome: Outcome
    response: Mapping[str, Any] = attrs.field(factory=dict)
    error: str = ""
    detail: str = ""

    @property
    def permission(self) -> str:
        """The IAM action that allows the call."""
        return OPERATIONS[(self.service, self.operation)]

    @property
    def call(self) -> str:
        """The call, for messages: ``sagemaker DescribeHyperParameterTuningJob``."""
        return f"{self.service} {self.operation}"

    def why_not(self) -> str:
        """Why the call gave no evidence, for a "not checked" note."""
        if self.outcome == "denied":
            return f"{self.call} was denied (it needs {self.permission})"
        reason = f"{self.error}: {self.detail}" if self.detail else self.error
        return f"{self.call} did not answer ({reason or 'no answer'}; it needs {self.permission})"


def _snake(operation: str) -> str:
    """botocore's method name of an operation (``ListObjectsV2`` -> ``list_objects_v2``)."""
    import botocore

    return str(botocore.xform_name(operation))


class Calls:
    """The calls of one online run: one boto3 session, one client per (service, region), made
    on first use from any thread."""

    def __init__(
        self,
        session: Any,
        *,
        region: str,
        account: str = "",
        record: Callable[[str, str], None] | None = None,
    ) -> None:
        self.session = session
        self.region = region
        self.account = account
        self.partition = "aws"
        self.settings: Any = None  # the run's RuleSettings, for the checks that run rules
        self._record = record
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        self._once: dict[Any, tuple[threading.Event, list[Answer]]] = {}

    def once(self, key: Any, call: Callable[[], Answer]) -> Answer:
        """``call()``'s answer, made once per run for ``key`` (the threads that ask while it
        runs wait for it)."""
        with self._lock:
            entry = self._once.get(key)
            first = entry is None
            if entry is None:
                entry = self._once[key] = (threading.Event(), [])
        done, kept = entry
        if first:
            try:
                kept.append(call())
            finally:
                done.set()
        done.wait()
        if not kept:  # the first caller raised: ask again here
            return call()
        return kept[0]

    def client(self, service: str, region: str | None = None) -> Any:
        """The client of ``service`` in ``region`` (the run's region by default)."""
        key = (service, region or self.region)
        with self._lock:
            found = self._clients.get(key)
            if found is None:
                from botocore.config import Config

                config = Config(
                    connect_timeout=CONNECT_TIMEOUT,
                    read_timeout=READ_TIMEOUT,
                    retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
                    user_agent_extra="hpt-request-online",
                )
                found = self.session.client(service, region_name=key[1], config=config)
                self._clients[key] = found
            return found

    def call(
        self,
        service: str,
        operation: str,
        *,
        missing: Iterable[str] = (),
        region: str | None = None,
        **params: Any,
    ) -> Answer:
        """Call ``operation`` once (botocore retrying at most once more); ``missing`` names the
        error codes that mean the resource does not exist."""
        if (service, operation) not in OPERATIONS:
            raise ValueError(f"{service} {operation} is not one of the online checks' operations")
        from botocore.exceptions import BotoCoreError, ClientError

        if self._record is not None:
            self._record(service, operation)
        try:
            response = getattr(self.client(service, region), _snake(operation))(**params)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            message = str(error.get("Message", ""))
            if code in set(missing):
                return Answer(service, operation, "missing", error=code, detail=message)
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code in _DENIED or (status == 403 and not code.startswith("Invalid")):
                return Answer(service, operation, "denied", error=code, detail=message)
            return Answer(service, operation, "unavailable", error=code, detail=message)
        except (BotoCoreError, Exception) as exc:
            # Timeouts, no connection, unparsable answers; a stand-in endpoint that lacks the
            # operation (moto raises NotImplementedError in-process): no evidence either way.
            return Answer(
                service, operation, "unavailable", error=type(exc).__name__, detail=str(exc)
            )
        return Answer(service, operation, "ok", response=response)
