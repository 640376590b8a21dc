"""Write ``hpt_request/rules/data/instance_storage.json``: which training instance types have
local instance storage.

botocore's ``ResourceConfig.VolumeKmsKeyId`` says "You can't request a VolumeKmsKeyId when using
an instance type with local storage", and points at the EC2 User Guide's table of instance store
volumes for the list. That table, with the guide's list of every instance type, is vendored in
``generator/inputs/ec2/instance_types.csv`` (see the README there). Each SageMaker training
instance type (the ``TrainingInstanceType`` enum of the vendored spec, ``ml.`` and the EC2 type)
falls in one of three lists:

- ``local_storage``: the EC2 type has instance store volumes (with the volumes, as the guide
  writes them);
- ``without_local_storage``: the guide names the EC2 type and gives it no instance store;
- ``not_in_source``: the guide does not name it (newer than the guide): unknown either way.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from generator import ec2_tables
from generator.spec import ROOT, Spec

INPUT = ec2_tables.OUTPUT
OUTPUT = ROOT / "hpt_request" / "rules" / "data" / "instance_storage.json"
INPUT_SHA256 = "147434e036f769c10c483dcceb96be26985dfc87796dc9124330085ec87a6100"
ENUM = "TrainingInstanceType"
PREFIX = "ml."


class StorageError(Exception):
    """The vendored table is not the pinned one, or not of the expected form."""


def read_input(path: Path = INPUT) -> dict[str, str]:
    """EC2 instance type -> its instance store volumes ("" for none), from the pinned table."""
    data = path.read_bytes()
    found = hashlib.sha256(data).hexdigest()
    if found != INPUT_SHA256:
        raise StorageError(
            f"{path.name}: sha256 {found}, not the pinned {INPUT_SHA256}; update the pin in "
            "generator/emit_instance_storage.py with the new input"
        )
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    if tuple(next(reader)) != ec2_tables.COLUMNS:
        raise StorageError(f"{path.name}: the columns are not {ec2_tables.COLUMNS}")
    return {name: f"{volumes} {kind}".strip() for name, volumes, kind in reader}


def training_types(loaded: Spec) -> list[str]:
    """The training instance types of the spec's enum, in its order."""
    values = loaded.shapes[ENUM]["enum"]
    return [str(value) for value in values]


def emit(loaded: Spec, path: Path = INPUT) -> str:
    """The text of ``hpt_request/rules/data/instance_storage.json``."""
    stores = read_input(path)
    local: dict[str, str] = {}
    without: list[str] = []
    unknown: list[str] = []
    for instance_type in sorted(training_types(loaded)):
        ec2_type = instance_type.removeprefix(PREFIX)
        if ec2_type not in stores:
            unknown.append(instance_type)
        elif stores[ec2_type]:
            local[instance_type] = stores[ec2_type]
        else:
            without.append(instance_type)
    document = {
        "_generated": {
            "generated_by": "python -m generator",
            "regenerate": "python -m generator (python -m generator check fails when stale)",
            "how": (
                "generator/emit_instance_storage.py: each value of the spec's "
                f"{ENUM} enum, without its {PREFIX} prefix, looked up in the EC2 User Guide's "
                "instance types and instance store volumes tables: local_storage (instance "
                "store volumes, as the guide writes them), without_local_storage (named by the "
                "guide, no instance store), not_in_source (not named: unknown)."
            ),
            "source": {
                "repository": ec2_tables.REPOSITORY,
                "commit": ec2_tables.COMMIT,
                "pages": {name: {"sha256": digest} for name, digest in ec2_tables.SOURCES.items()},
                "license": "CC-BY-SA-4.0",
                "vendored_as": INPUT.relative_to(ROOT).as_posix(),
                "sha256": INPUT_SHA256,
            },
            "spec": {"botocore": loaded.botocore_version, "sha256": loaded.sha256},
        },
        "local_storage": local,
        "without_local_storage": without,
        "not_in_source": unknown,
    }
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"
