"""The documentation's SDK v3 blocks (``title="SDK v3: ..."``) run as written against the
SageMaker Python SDK v3, inside moto's in-process AWS (see :mod:`tests.sdk3_world`).

Skipped where the SDK v3 is not installed; ``.ci/run`` runs this file in its environment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("sagemaker.train.tuner", reason="the SageMaker Python SDK v3 is not installed")

from tests import sdk3_world as world
from tests.sdk_docs import run_block, sdk_blocks
from tests.test_docs import Block

SDK3_BLOCKS = sdk_blocks(3)


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def test_the_docs_have_sdk3_blocks() -> None:
    """The SDK v3 blocks are found (so the test below runs some)."""
    assert len(SDK3_BLOCKS) >= 3


@pytest.mark.parametrize("block", SDK3_BLOCKS)
def test_sdk3_block_runs(block: Block) -> None:
    """An SDK v3 block runs on its own, its test_* functions pass, and it prints what its
    Output block shows."""
    run_block(block)
