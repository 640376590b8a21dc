"""The example requests shipped with the package (``hpt-request example NAME``)."""

from __future__ import annotations

import importlib.resources
import json
from typing import Any


def names() -> list[str]:
    """Names of the bundled examples, sorted."""
    folder = importlib.resources.files("hpt_request") / "examples"
    return sorted(
        entry.name.removesuffix(".json")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    )


def text(name: str) -> str:
    """The JSON text of example ``name``; ``KeyError`` if there is no such example."""
    if name not in names():
        raise KeyError(name)
    resource = importlib.resources.files("hpt_request") / "examples" / f"{name}.json"
    return resource.read_text(encoding="utf-8")


def load(name: str) -> dict[str, Any]:
    """Example ``name`` as a wire dict."""
    loaded: dict[str, Any] = json.loads(text(name))
    return loaded
