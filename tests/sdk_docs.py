"""The documentation's SDK blocks (``python title="SDK v3: ..."`` or ``"SDK v2: ..."``), found
and run: tests/test_sdk3_docs.py and tests/test_sdk2_docs.py run them in the SDK's environment,
inside moto; tests/test_docs.py runs every other block."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest

from tests.test_docs import PAGES, Block, blocks


def sdk_blocks(version: int) -> list[Any]:
    """The python blocks of the docs whose title names SDK ``version``, as pytest params."""
    title = f'title="SDK v{version}'
    return [
        pytest.param(block, id=f"{block.path.stem}-sdk{version}-{index}")
        for page in PAGES
        for index, block in enumerate(
            b for b in blocks(page) if b.language == "python" and title in b.info
        )
    ]


def run_block(block: Block) -> None:
    """Run a block on its own (a fresh namespace), call its test_* functions, and check that it
    prints what its Output block shows, or nothing."""
    name = f"docs/{block.path.name}"
    code = compile("\n" * (block.line - 1) + block.body, name, "exec", dont_inherit=True)
    namespace: dict[str, Any] = {"__name__": f"docs_{block.path.stem}_sdk"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code, namespace)
        for key, value in list(namespace.items()):
            if key.startswith("test_") and callable(value):
                value()
    assert printed.getvalue() == (block.output or "")
