"""The example requests shipped with the package (``hpt-request example NAME``), and the
generated example of a request each rule flags (``hpt-request rules ID``)."""

from __future__ import annotations

import functools
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


@functools.cache
def _rule_examples() -> dict[str, str]:
    resource = importlib.resources.files("hpt_request") / "data" / "rule_examples.json"
    loaded: dict[str, str] = json.loads(resource.read_text(encoding="utf-8"))["examples"]
    return loaded


def rule_example(rule_id: str) -> str | None:
    """A request rule ``rule_id`` flags, as one sentence (the change from a bundled example or
    golden request), or ``None`` if the rule has none; the same text as the rule catalogue."""
    return _rule_examples().get(rule_id)
