"""guard() on the SageMaker Python SDK v2's ways of sending a tuning job, against the real SDK
v2 (``.ci/requirements-sdk2.txt``), offline: moto stands for AWS, and what moto holds
afterwards is what was sent.

Skipped, by ``pytest.importorskip``, where the SDK v2 is not installed (``sagemaker.tuner`` is
v2's module; v3 has ``sagemaker.train.tuner``); ``.ci/run`` runs this file in an environment of
its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("sagemaker.tuner", reason="the SageMaker Python SDK v2 is not installed")

from hpt_request import RequestValidationError, guard
from tests import sdk2_world as world

EARLY_STOPPING = "hyperband-early-stopping-off"


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def _stopped(tuner: object) -> list[str]:
    with pytest.raises(RequestValidationError) as caught:
        tuner.fit(inputs=world.TRAIN, wait=False)  # type: ignore[attr-defined]
    return [problem.code for problem in caught.value.problems]


def test_unguarded_the_defective_request_reaches_the_service() -> None:
    """Without a guard, the v2 tuner's defective request is sent (so the tests below can
    fail)."""
    world.tuner(world.sdk_session(), defective=True).fit(inputs=world.TRAIN, wait=False)
    assert len(world.tuning_jobs()) == 1


def test_a_guarded_sdk_v2_session_stops_fit() -> None:
    """guard(sess) on a v2 sagemaker.Session: fit() raises, nothing is sent."""
    session = world.sdk_session()
    unguard = guard(session)
    assert EARLY_STOPPING in _stopped(world.tuner(session, defective=True))
    assert world.tuning_jobs() == []
    unguard()


def test_a_guarded_boto3_session_given_to_the_v2_sdk_stops_fit() -> None:
    """guard(boto3_session), then sagemaker.Session(boto_session=it): fit() raises."""
    boto = world.boto_session()
    unguard = guard(boto)
    assert EARLY_STOPPING in _stopped(world.tuner(world.sdk_session(boto), defective=True))
    assert world.tuning_jobs() == []
    unguard()


def test_a_guarded_sdk_v2_client_stops_fit() -> None:
    """guard(sess.sagemaker_client), the v2 SDK's own client, is enough for v2."""
    session = world.sdk_session()
    unguard = guard(session.sagemaker_client)
    assert EARLY_STOPPING in _stopped(world.tuner(session, defective=True))
    unguard()
