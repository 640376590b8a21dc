"""The golden corpus: valid and invalid wire requests in tests/golden and the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hpt_request.model import examples

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"


def golden_valid() -> dict[str, dict[str, Any]]:
    """Every valid wire request we hold: the golden files and the bundled examples."""
    found = {
        f"golden/{path.stem}": json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((GOLDEN / "valid").glob("*.json"))
    }
    found.update({f"example/{name}": examples.load(name) for name in examples.names()})
    return found


def golden_valid_texts() -> dict[str, str]:
    texts = {
        f"golden/{path.stem}": path.read_text(encoding="utf-8")
        for path in sorted((GOLDEN / "valid").glob("*.json"))
    }
    texts.update({f"example/{name}": examples.text(name) for name in examples.names()})
    return texts


def golden_invalid() -> dict[str, dict[str, Any]]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((GOLDEN / "invalid").glob("*.json"))
    }
