"""The SageMaker instance types of other kinds of jobs, for the instance type messages.

``extract()`` reads the installed botocore's SageMaker model (``python -m generator refresh``
vendors it as ``spec/sagemaker-instance-types.json``): every string enum shape outside the
tuning request's closure whose values name ``ml.`` instance types (notebook instances,
processing, transform, hosting, apps, ...). ``emit()`` writes
``hpt_request/schema/data/instance_types.json``: each such type that training does not take,
with the shapes that list it, so that a message can say that ``ml.t2.medium`` is a notebook
instance type, not a training one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from generator import spec

INPUT = spec.ROOT / "spec" / "sagemaker-instance-types.json"
OUTPUT = spec.ROOT / "hpt_request" / "schema" / "data" / "instance_types.json"
TRAINING = "TrainingInstanceType"


class InstanceTypesError(Exception):
    """The vendored instance types do not fit the vendored spec."""


def _digest(shapes: Mapping[str, Any]) -> str:
    text = json.dumps(shapes, separators=(",", ":"), ensure_ascii=True, sort_keys=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def extract() -> dict[str, Any]:
    """The vendored document: the ``ml.`` enums of the installed botocore's SageMaker model
    outside the closure, by shape name."""
    import botocore
    import botocore.session

    model = botocore.session.get_session().get_service_data(spec.SERVICE)
    closure = spec.load().shapes
    shapes = {
        name: sorted(value for value in shape["enum"] if value.startswith("ml."))
        for name, shape in sorted(model["shapes"].items())
        if name not in closure
        and shape.get("type") == "string"
        and any(str(value).startswith("ml.") for value in shape.get("enum", []))
    }
    return {
        "$comment": (
            "The string enums of botocore's SageMaker model outside the tuning request's closure "
            "that hold ml. instance types, extracted by `python -m generator refresh`. Do not "
            "edit: refresh it from a newer botocore."
        ),
        "botocoreVersion": botocore.__version__,
        "sha256": _digest(shapes),
        "shapes": shapes,
    }


def load() -> dict[str, list[str]]:
    document = json.loads(INPUT.read_text(encoding="utf-8"))
    shapes: dict[str, list[str]] = document["shapes"]
    if _digest(shapes) != document["sha256"]:
        raise InstanceTypesError(f"{INPUT.name}: sha256 does not match: refresh, never edit")
    return shapes


def emit(loaded: spec.Spec) -> str:
    """The packaged data: each ``ml.`` type outside the training enum, with its shapes."""
    training = set(loaded.shapes[TRAINING]["enum"])
    document = json.loads(INPUT.read_text(encoding="utf-8"))
    if document["botocoreVersion"] != loaded.botocore_version:
        raise InstanceTypesError(
            f"{INPUT.name} is from botocore {document['botocoreVersion']}, the spec from "
            f"{loaded.botocore_version}: run `python -m generator refresh`"
        )
    others: dict[str, list[str]] = {}
    for shape, values in load().items():
        for value in values:
            if value not in training:
                others.setdefault(value, []).append(shape)
    data = {
        "_generated": {
            "generated_by": "python -m generator",
            "regenerate": "python -m generator (python -m generator refresh for a new botocore)",
            "source": f"botocore {loaded.botocore_version} SageMaker model, "
            "spec/sagemaker-instance-types.json",
        },
        "training": sorted(training),
        "other_kinds": {value: sorted(shapes) for value, shapes in sorted(others.items())},
    }
    return json.dumps(data, indent=1, ensure_ascii=True) + "\n"
