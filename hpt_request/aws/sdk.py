"""The SageMaker Python SDK's session objects, as :func:`~hpt_request.guard` takes them.

The SDK (v2's ``sagemaker.Session``; v3's ``sagemaker.core.helper.session_helper.Session`` and
its ``PipelineSession``) holds a boto3 session (``boto_session``) and a SageMaker client it
made from it (``sagemaker_client``). The two SDKs send a tuning job differently:

- v2's ``HyperparameterTuner.fit()`` calls ``sess.sagemaker_client``;
- v3's ``HyperparameterTuner.tune()`` and sagemaker-core's
  ``HyperParameterTuningJob.create(session=boto_session)`` call a client that sagemaker-core's
  ``SageMakerClient`` makes from the boto3 session and caches (one per session, Region and
  config): not ``sess.sagemaker_client``.

So guarding an SDK session means guarding three things: its own client, the client
sagemaker-core already cached for it (if sagemaker-core is loaded, for the session's Region,
the one the v3 tuner asks for), and its boto3 session, which covers every client made from it
afterwards. :func:`session_parts` lists them; nothing here imports the SDK.
"""

from __future__ import annotations

import sys
from typing import Any

SAGEMAKER_CORE_CLIENTS = "sagemaker.core.utils.utils"
"""The sagemaker-core module of ``SageMakerClient``, the cache of the clients it sends with."""


def looks_like_sdk_session(target: object) -> bool:
    """Whether ``target`` is one of the SDK's sessions: it has a ``sagemaker_client`` and a
    ``boto_session`` (v2's ``sagemaker.Session`` and v3's ``Session`` both do)."""
    return hasattr(target, "sagemaker_client") and hasattr(target, "boto_session")


def session_parts(target: Any) -> list[Any]:
    """What to guard for an SDK session: its SageMaker client, the client sagemaker-core
    caches for its boto3 session and Region (when sagemaker-core is loaded), and last its boto3
    session. A part that is missing (``None``) or already listed is left out."""
    parts: list[Any] = []

    def add(part: Any) -> None:
        if part is not None and all(part is not other for other in parts):
            parts.append(part)

    add(getattr(target, "sagemaker_client", None))
    boto_session = getattr(target, "boto_session", None)
    add(_core_client(boto_session, getattr(target, "boto_region_name", None)))
    add(boto_session)
    return parts


def _core_client(boto_session: Any, region: str | None) -> Any:
    """The SageMaker client sagemaker-core sends with for this boto3 session and Region, from
    its public constructor (which gives the cached one, or makes it now: before the session is
    guarded, so the client is guarded once, by :func:`session_parts`' caller). None when
    sagemaker-core is not loaded: then it has cached nothing."""
    module = sys.modules.get(SAGEMAKER_CORE_CLIENTS)
    factory = getattr(module, "SageMakerClient", None)
    if factory is None or boto_session is None:
        return None
    try:
        return factory(session=boto_session, region_name=region).sagemaker_client
    except Exception:  # a session it cannot use: then it cannot send with it either
        return None
