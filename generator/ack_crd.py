"""Extract the ACK controller CRD's property tree: ``generator/inputs/ack/crd_properties.json``.

Dev-only, never run by the tests or by ``python -m generator``: it needs the public git
repository aws-controllers-k8s/sagemaker-controller on disk, given as a bare git directory (a
clone's ``.git`` works too)::

    python -m generator.ack_crd --controller PATH/sagemaker-controller.git [--check]

It reads the HyperParameterTuningJob CustomResourceDefinition at ``COMMIT`` (refused if its
digest is not ``SOURCE_SHA256``) and keeps, of the stored version's ``openAPIV3Schema`` under
``spec``, only what ``generator/emit_ack.py`` walks: each node's ``type`` and its
``properties``, ``items`` and ``additionalProperties``, recursively. Descriptions, validations
and everything else the file says are left out: the output holds property names and their kinds,
facts about the controller's interface, with the source named in its ``_provenance``.
``--check`` exits 1 if the file differs from what would be written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "generator" / "inputs" / "ack" / "crd_properties.json"
REPOSITORY = "aws-controllers-k8s/sagemaker-controller"
RELEASE = "v1.9.1"
COMMIT = "dc4970704d3bbd86772bbb22d39b42ee12c22876"
CRD_FILE = "sagemaker.services.k8s.aws_hyperparametertuningjobs.yaml"
SOURCE_PATH = f"config/crd/bases/{CRD_FILE}"
SOURCE_SHA256 = "2cc2abeb7ffc3f1bd8385414d2876614d00aa32920cd7114324185e1b447b1df"
KIND = "HyperParameterTuningJob"
KEPT = ("type", "properties", "items", "additionalProperties")


class SourceError(Exception):
    """The CRD is not the pinned file, or not shaped as this script expects."""


def source(git_dir: Path) -> bytes:
    """The CRD's bytes at ``COMMIT``, refused if their digest is not the pinned one."""
    data = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{COMMIT}:{SOURCE_PATH}"],
        check=True,
        capture_output=True,
    ).stdout
    found = hashlib.sha256(data).hexdigest()
    if found != SOURCE_SHA256:
        raise SourceError(f"{SOURCE_PATH}: sha256 {found}, not the pinned {SOURCE_SHA256}")
    return data


def stored_spec(data: bytes) -> tuple[str, Mapping[str, Any]]:
    """(version name, the openAPIV3Schema of ``spec``) of the CRD's stored version."""
    documents = [d for d in yaml.safe_load_all(data) if isinstance(d, dict)]
    crds = [
        d
        for d in documents
        if d.get("kind") == "CustomResourceDefinition" and d["spec"]["names"]["kind"] == KIND
    ]
    if len(crds) != 1:
        raise SourceError(f"expected one CustomResourceDefinition of {KIND}, found {len(crds)}")
    stored = [v for v in crds[0]["spec"]["versions"] if v.get("storage")]
    if len(stored) != 1:
        raise SourceError(f"expected one stored version, found {len(stored)}")
    version = stored[0]
    return str(version["name"]), version["schema"]["openAPIV3Schema"]["properties"]["spec"]


def skeleton(node: Mapping[str, Any]) -> dict[str, Any]:
    """``node`` with only the keys in ``KEPT``, the same below it."""
    kept: dict[str, Any] = {}
    if "type" in node:
        kept["type"] = node["type"]
    if "properties" in node:
        kept["properties"] = {name: skeleton(child) for name, child in node["properties"].items()}
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), Mapping):
            kept[key] = skeleton(node[key])
    return kept


def render(version: str, spec: Mapping[str, Any]) -> str:
    document = {
        "_provenance": {
            "what": (
                f"the property tree (names and types only) of the {KIND} CRD's stored version, "
                "under openAPIV3Schema.properties.spec"
            ),
            "repository": REPOSITORY,
            "release": RELEASE,
            "commit": COMMIT,
            "path": SOURCE_PATH,
            "sha256_of_source": SOURCE_SHA256,
            "license_of_source": "Apache-2.0",
            "made_by": "python -m generator.ack_crd --controller PATH/sagemaker-controller.git",
            "regenerate": "the same command; --check exits 1 when this file is stale",
        },
        "crd_version": version,
        "spec": skeleton(spec),
    }
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.ack_crd")
    parser.add_argument("--controller", type=Path, required=True, help="git dir of the controller")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    try:
        text = render(*stored_spec(source(args.controller)))
    except (SourceError, subprocess.CalledProcessError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
