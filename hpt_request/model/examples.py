"""The example requests shipped with the package (``hpt-request example NAME``), in the
``examples`` folder beside this module."""

from __future__ import annotations

import json
import re
from typing import Any

from hpt_request.model import packaged as _data

# What an example's name may be (the file names in the examples folder): never a path.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def names() -> list[str]:
    """Names of the bundled examples, sorted."""
    import importlib.resources  # a listing needs it; reading one example does not

    folder = importlib.resources.files("hpt_request.model") / "examples"
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
        return _data.read_text("model", "examples", f"{name}.json")
    except OSError:
        raise KeyError(name) from None


def load(name: str) -> dict[str, Any]:
    """Example ``name`` as a wire dict."""
    loaded: dict[str, Any] = json.loads(text(name))
    return loaded
