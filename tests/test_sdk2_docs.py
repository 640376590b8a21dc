"""The documentation's SDK v2 blocks (``title="SDK v2: ..."``) run as written against the
SageMaker Python SDK v2, inside moto's in-process AWS (see :mod:`tests.sdk2_world`).

Skipped where the SDK v2 is not installed; ``.ci/run`` runs this file in its environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("sagemaker.tuner", reason="the SageMaker Python SDK v2 is not installed")

from tests import sdk2_world as world
from tests.sdk_docs import run_block, sdk_blocks
from tests.test_docs import Block

SDK2_BLOCKS = sdk_blocks(2)


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def test_the_docs_have_sdk2_blocks() -> None:
    """The SDK v2 blocks are found (so the test below runs some)."""
    assert len(SDK2_BLOCKS) >= 1


@pytest.mark.parametrize("block", SDK2_BLOCKS)
def test_sdk2_block_runs(block: Block) -> None:
    """An SDK v2 block runs on its own, its test_* functions pass, and it prints what its
    Output block shows."""
    run_block(block)
