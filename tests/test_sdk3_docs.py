"""The documentation's SDK v3 blocks (``title="SDK v3 ..."``) run as written against the
SageMaker Python SDK v3, inside moto's in-process AWS (see :mod:`tests.sdk3_world`): each in a
fresh namespace, its ``test_*`` functions called. tests/test_docs.py runs every other block.

Skipped where the SDK v3 is not installed; ``.ci/run`` runs this file in its environment."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("sagemaker.train.tuner", reason="the SageMaker Python SDK v3 is not installed")

from tests import sdk3_world as world
from tests.test_docs import PAGES, SDK3_TITLE, Block, blocks

SDK3_BLOCKS = [
    pytest.param(block, id=f"{block.path.stem}-sdk3-{index}")
    for page in PAGES
    for index, block in enumerate(b for b in blocks(page) if SDK3_TITLE in b.info)
]


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    yield from world.mocked_aws()


def test_the_docs_have_sdk3_blocks() -> None:
    """The SDK v3 blocks are found (so the test below runs some)."""
    assert len(SDK3_BLOCKS) >= 1


@pytest.mark.parametrize("block", SDK3_BLOCKS)
def test_sdk3_block_runs(block: Block) -> None:
    """An SDK v3 block runs on its own and its test_* functions pass; it prints what its
    Output block shows, or nothing."""
    name = f"docs/{block.path.name}"
    code = compile("\n" * (block.line - 1) + block.body, name, "exec", dont_inherit=True)
    namespace: dict[str, Any] = {"__name__": f"docs_{block.path.stem}_sdk3"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, namespace)
        for key, value in list(namespace.items()):
            if key.startswith("test_") and callable(value):
                value()
    assert printed.getvalue() == (block.output or "")
