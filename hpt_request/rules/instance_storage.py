"""Which training instance types have local instance storage (generated data).

``data/instance_storage.json`` is written by ``python -m generator`` from the EC2 User Guide's
tables of instance types and instance store volumes, vendored in ``generator/inputs/ec2/``
(its ``_generated`` member names the commit). Each SageMaker training instance type is in one
of three lists: with local storage (its volumes as the guide writes them), without, or not in
the source (newer than the guide): unknown, so that no rule says anything about its storage.
It is read once, on first use.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, Literal

from hpt_request.model.packaged import read_text

Storage = Literal["local", "ebs", "unknown"]


@functools.cache
def _document() -> Mapping[str, Any]:
    loaded: dict[str, Any] = json.loads(read_text("rules", "data", "instance_storage.json"))
    return loaded


@functools.cache
def _kinds() -> Mapping[str, Storage]:
    document = _document()
    kinds: dict[str, Storage] = dict.fromkeys(document["local_storage"], "local")
    kinds.update(dict.fromkeys(document["without_local_storage"], "ebs"))
    return kinds


def storage(instance_type: str) -> Storage:
    """``local`` (instance store volumes), ``ebs`` (none: an EBS volume), or ``unknown`` (not in
    the source) for a training instance type such as ``ml.g5.xlarge``."""
    return _kinds().get(instance_type, "unknown")


def volumes(instance_type: str) -> str | None:
    """The instance store volumes of an instance type with local storage, as the EC2 User
    Guide writes them (``1 x 250 GB NVMe SSD``), or None."""
    found: str | None = _document()["local_storage"].get(instance_type)
    return found


def source() -> Mapping[str, Any]:
    """Where the data comes from (the ``_generated`` member's ``source``)."""
    found: Mapping[str, Any] = _document()["_generated"]["source"]
    return found
