"""The example requests shipped with the package (``hpt-request example NAME``), and the
generated example of a request each rule flags (``hpt-request rules ID``)."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from hpt_request import _data

# What an example's name may be (the file names in the examples folder): never a path.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def names() -> list[str]:
    """Names of the bundled examples, sorted."""
    import importlib.resources  # a listing needs it; reading one example does not

    folder = importlib.resources.files("hpt_request") / "examples"
    return sorted(
        entry.name.removesuffix(".json")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    )


def text(name: str) -> str:
    """The JSON text of example ``name``; ``KeyError`` if there is no such example."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise KeyError(name)
    try:
        return _data.read_text("examples", f"{name}.json")
    except OSError:
        raise KeyError(name) from None


def load(name: str) -> dict[str, Any]:
    """Example ``name`` as a wire dict."""
    loaded: dict[str, Any] = json.loads(text(name))
    return loaded


@functools.cache
def _rule_examples() -> dict[str, str]:
    loaded: dict[str, str] = json.loads(_data.read_text("data", "rule_examples.json"))["examples"]
    return loaded


def rule_example(rule_id: str) -> str | None:
    """A request rule ``rule_id`` flags, as one sentence (the change from a bundled example or
    golden request), or ``None`` if the rule has none; the same text as the rule catalogue."""
    return _rule_examples().get(rule_id)
