"""The request an SDK would send, captured without sending anything.

:func:`captured_request` runs a function (a tuner's ``tune()``, ``fit()``) while every botocore
client of the process is cut off from the network: each API call goes to a recorder instead of
being sent. The first ``CreateHyperParameterTuningJob`` call's parameters (the wire request,
as the SDK hands it to boto3) are kept and the function is stopped right there, so nothing
after the call runs (no waiting for the job, no Describe call). Any other call the function
makes first stops the capture with :class:`CaptureError`, naming the call: answering it would
mean making AWS's answer up.

The cut is a patch of ``botocore.client.BaseClient._make_api_call`` for the duration of the
call, under a lock (one capture at a time in a process): so every client counts, however and
whenever the SDK made it, and a guard on them is not run (nothing is sent to stop). Calls other
threads make meanwhile are cut off too, and fail with :class:`CaptureError`: capture where no
other thread talks to AWS.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

CREATE = "CreateHyperParameterTuningJob"

_LOCK = threading.Lock()


class CaptureError(RuntimeError):
    """The function could not be run to its CreateHyperParameterTuningJob call offline: it made
    another AWS call first (``operation``), or it never made the call."""

    def __init__(self, message: str, operation: str | None = None) -> None:
        self.operation = operation
        super().__init__(message)


class _Captured(BaseException):
    """Raised out of the client call to stop the function once the request is recorded (a
    BaseException, so that the SDK's own ``except Exception`` blocks let it through)."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params
        super().__init__(CREATE)


@contextmanager
def _offline() -> Iterator[None]:
    """Every botocore client call goes to the recorder while the context is open."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def recorder(client: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        service = client.meta.service_model.service_name
        if service == "sagemaker" and operation_name == CREATE:
            raise _Captured(copy.deepcopy(api_params))
        raise CaptureError(
            f"the SDK calls {service} {operation_name} before its tuning request; "
            "check_tuner() sends nothing and does not make AWS's answers up, so it stops here "
            "(a ModelTrainer with source_code looks up and uploads to S3 first: check what "
            "such a tuner sends with guard() instead)",
            operation=f"{service}.{operation_name}",
        )

    with _LOCK:
        BaseClient._make_api_call = recorder
        try:
            yield
        finally:
            BaseClient._make_api_call = original


def captured_request(run: Callable[[], object]) -> dict[str, Any]:
    """Run ``run()`` offline (see the module docstring) and return the parameters of its first
    ``CreateHyperParameterTuningJob`` call. :class:`CaptureError` if it returns without making
    the call, or makes another call first; any other exception ``run()`` raises goes out
    unchanged."""
    with _offline():
        try:
            run()
        except _Captured as captured:
            return captured.params
    raise CaptureError(f"the SDK returned without making a {CREATE} call")
