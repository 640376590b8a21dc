"""Write ``hpt_request/text/data/ack_names.json``: the ACK manifest's spelling of each wire member.

An ACK (AWS Controllers for Kubernetes) ``HyperParameterTuningJob`` manifest carries the
CreateHyperParameterTuningJob request as its ``spec``, with the controller's own property names
(``roleARN``, ``s3URI``, ``type_``, ...). The names are read from the controller's CRD, by walking
the CRD's ``openAPIV3Schema`` under ``spec`` (its property tree, names and types only, extracted
with its provenance into ``generator/inputs/ack/crd_properties.json`` by
``generator/ack_crd.py``; see the README there) and the request's wire shapes (the vendored
spec) side by side from ``CreateHyperParameterTuningJobRequest``:

- a CRD property stands for the wire member whose name, lowercased, equals the property's name
  lowercased with ``_`` removed (``type_`` -> ``Type``, ``roleARN`` -> ``RoleArn``); two
  properties of one object that would stand for the same member are an error;
- the pair must agree in kind (object and structure, object with ``additionalProperties`` and
  map, array and list, and the scalars), or the generator stops;
- a structure reached at several places of the CRD must be spelled the same at each place;
- a wire member with no CRD property, and a CRD property with no wire member, are recorded in the
  file (``unmapped``) and printed when the file is written: the controller leaves some members out
  on purpose (its ``generator.yaml`` ignores them) and lags behind botocore on others.

Map members (``StaticHyperParameters``) keep their keys; only structures are renamed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from generator import ack_crd
from generator.spec import REQUEST_ROOT, ROOT, Spec

INPUT = ack_crd.OUTPUT
OUTPUT = ROOT / "hpt_request" / "text" / "data" / "ack_names.json"
REPOSITORY = ack_crd.REPOSITORY
RELEASE = ack_crd.RELEASE
COMMIT = ack_crd.COMMIT
SOURCE_PATH = ack_crd.SOURCE_PATH
SOURCE_SHA256 = ack_crd.SOURCE_SHA256
KIND = ack_crd.KIND
INPUT_SHA256 = "b8205dd336dab21bda75800bbe6eddd0af6395570a26a8b2732dd55b4f451bff"
"""The digest of ``INPUT``, the property tree ``generator/ack_crd.py`` extracted."""

# The CRD type that each kind of wire shape is written as.
CRD_TYPES: Mapping[str, str] = {
    "structure": "object",
    "map": "object",
    "list": "array",
    "string": "string",
    "integer": "integer",
    "long": "integer",
    "float": "number",
    "double": "number",
    "boolean": "boolean",
}


class AckError(Exception):
    """The CRD and the wire shapes do not fit together as this module expects."""


@attrs.frozen
class Derived:
    """What the walk found: per structure, the CRD name of each wire member (in wire order), the
    wire members with no CRD property and the CRD properties with no wire member."""

    names: Mapping[str, Mapping[str, str]]
    wire_only: Mapping[str, tuple[str, ...]]
    crd_only: Mapping[str, tuple[str, ...]]


def read_input(path: Path = INPUT) -> bytes:
    """The extracted property tree's bytes, refused if they are not the pinned file."""
    data = path.read_bytes()
    found = hashlib.sha256(data).hexdigest()
    if found != INPUT_SHA256:
        raise AckError(
            f"{path.name}: sha256 {found}, not the pinned {INPUT_SHA256} (extracted from "
            f"{REPOSITORY} {COMMIT}); update the pin in generator/emit_ack.py with the new input"
        )
    return data


def spec_schema(data: bytes) -> tuple[str, Mapping[str, Any]]:
    """(version name, the property tree of ``spec``) of the CRD's stored version."""
    document = json.loads(data)
    return str(document["crd_version"]), document["spec"]


def _key(name: str) -> str:
    return name.lower().replace("_", "")


def _check_kind(shapes: Mapping[str, Mapping[str, Any]], shape: str, node: Any, at: str) -> str:
    kind = str(shapes[shape]["type"])
    expected = CRD_TYPES[kind]
    if not isinstance(node, Mapping) or node.get("type") != expected:
        found = node.get("type") if isinstance(node, Mapping) else type(node).__name__
        raise AckError(f"{at}: the CRD has {found!r} for {shape} (a {kind}), not {expected!r}")
    if kind == "map" and "additionalProperties" not in node:
        raise AckError(f"{at}: {shape} is a map; the CRD's object has no additionalProperties")
    if kind == "structure" and "additionalProperties" in node:
        raise AckError(f"{at}: {shape} is a structure; the CRD's object is a map")
    return kind


def _pairs(
    shapes: Mapping[str, Mapping[str, Any]], shape: str, node: Mapping[str, Any], at: str
) -> Iterator[tuple[str, Mapping[str, Any], str]]:
    """Each (shape, its CRD node, place) below a structure, a list or a map, for the walk."""
    kind = _check_kind(shapes, shape, node, at)
    if kind == "list":
        yield shapes[shape]["member"]["shape"], node["items"], f"{at}[]"
    elif kind == "map":
        yield shapes[shape]["value"]["shape"], node["additionalProperties"], f"{at}{{}}"
    elif kind == "structure":
        properties = node.get("properties", {})
        for member, ref in shapes[shape]["members"].items():
            found = [name for name in properties if _key(name) == member.lower()]
            if len(found) > 1:
                raise AckError(f"{at}: {found} would all stand for {shape}.{member}")
            if found:
                yield ref["shape"], properties[found[0]], f"{at}.{found[0]}"


def _structure(
    shapes: Mapping[str, Mapping[str, Any]], shape: str, node: Mapping[str, Any]
) -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """One structure's (names, wire-only members, CRD-only properties) at one CRD node."""
    properties = node.get("properties", {})
    members = shapes[shape]["members"]
    by_key = {_key(name): name for name in properties}
    names = {m: by_key[m.lower()] for m in members if m.lower() in by_key}
    wire_only = tuple(m for m in members if m not in names)
    crd_only = tuple(sorted(set(properties) - set(names.values())))
    return names, wire_only, crd_only


def derive(shapes: Mapping[str, Mapping[str, Any]], spec: Mapping[str, Any]) -> Derived:
    """Walk the CRD's ``spec`` and the request's shapes in parallel from the request's root."""
    seen: dict[str, tuple[dict[str, str], tuple[str, ...], tuple[str, ...], str]] = {}
    stack: list[tuple[str, Mapping[str, Any], str]] = [(REQUEST_ROOT, spec, "spec")]
    while stack:
        shape, node, at = stack.pop()
        below = list(_pairs(shapes, shape, node, at))
        if shapes[shape]["type"] == "structure":
            found = _structure(shapes, shape, node)
            if shape in seen and seen[shape][:3] != found:
                raise AckError(f"{shape} is spelled differently at {seen[shape][3]} and {at}")
            seen.setdefault(shape, (*found, at))
        stack.extend(reversed(below))
    ordered = sorted(seen)
    return Derived(
        names={shape: seen[shape][0] for shape in ordered},
        wire_only={shape: seen[shape][1] for shape in ordered if seen[shape][1]},
        crd_only={shape: seen[shape][2] for shape in ordered if seen[shape][2]},
    )


def load(loaded: Spec, path: Path = INPUT) -> tuple[str, Derived]:
    """(the CRD's version, what the walk found) from the vendored CRD and the loaded spec."""
    version, spec = spec_schema(read_input(path))
    return version, derive(loaded.shapes, spec)


def report(derived: Derived) -> list[str]:
    """The unmatched names, one line each side, as the generator prints them."""
    wire = [f"{s}.{m}" for s, members in derived.wire_only.items() for m in members]
    crd = [f"{s}: {p}" for s, properties in derived.crd_only.items() for p in properties]
    return [
        f"ack: wire members with no CRD property ({len(wire)}): {', '.join(wire) or 'none'}",
        f"ack: CRD properties with no wire member ({len(crd)}): {', '.join(crd) or 'none'}",
    ]


def emit(loaded: Spec, path: Path = INPUT) -> str:
    """The text of ``hpt_request/text/data/ack_names.json``."""
    version, derived = load(loaded, path)
    document = {
        "_generated": {
            "generated_by": "python -m generator",
            "regenerate": "python -m generator (python -m generator check fails when stale)",
            "how": (
                "generator/emit_ack.py: the ACK controller's CRD (openAPIV3Schema under spec, as "
                "generator/ack_crd.py extracts its property tree) "
                "and the request's wire shapes walked in parallel from "
                f"{REQUEST_ROOT}; names[shape][wire member] is the CRD's property name. Map "
                "members keep their keys. unmapped lists the wire members with no CRD property "
                "and the CRD properties with no wire member, by structure."
            ),
            "source": {
                "repository": REPOSITORY,
                "release": RELEASE,
                "commit": COMMIT,
                "path": SOURCE_PATH,
                "license": "Apache-2.0",
                "crd_version": version,
                "sha256": SOURCE_SHA256,
                "extracted_as": INPUT.relative_to(ROOT).as_posix(),
                "extracted_sha256": INPUT_SHA256,
            },
            "spec": {"botocore": loaded.botocore_version, "sha256": loaded.sha256},
        },
        "names": derived.names,
        "unmapped": {
            "wire_members": {s: list(m) for s, m in derived.wire_only.items()},
            "crd_properties": {s: list(p) for s, p in derived.crd_only.items()},
        },
    }
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"
