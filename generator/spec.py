"""The spec: the closure of botocore's SageMaker shapes reachable from the operation's roots.

``extract()`` reads an installed botocore and keeps the constraints, and each shape's and
member's documentation shortened to a plain-text sentence or two (:mod:`generator.doctext`):
what the schemas' ``description`` and the model's docstrings show. ``load()`` reads the vendored
copy, checks its digest (which covers the documentation too) and that every key in it is one the
generator understands, so that a newer botocore with a new kind of constraint fails loudly
instead of being silently dropped; it hands the emitters the constraints and the documentation
apart.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from generator.doctext import summary
from hpt_request.aws.specdiff import reachable

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "sagemaker-create-hyper-parameter-tuning-job.json"

SERVICE = "sagemaker"
OPERATION = "CreateHyperParameterTuningJob"
REQUEST_ROOT = "CreateHyperParameterTuningJobRequest"
RESPONSE_ROOT = "CreateHyperParameterTuningJobResponse"

# Keys of a shape that carry meaning we express; everything else must be in DROPPED_KEYS.
SHAPE_KEYS = frozenset(
    {"type", "members", "required", "member", "key", "value", "min", "max", "pattern", "enum"}
)
MEMBER_KEYS = frozenset({"shape"})
# Kept beside the constraints, shortened to plain text; split off again by load().
DOCUMENTATION = "documentation"
# Keys that are Java code-generation hints or deprecation notes, not constraints.
DROPPED_KEYS = frozenset({"box", "deprecated", "deprecatedMessage"})
SCALAR_TYPES = frozenset({"string", "integer", "long", "float", "double", "boolean"})
KNOWN_TYPES = SCALAR_TYPES | {"structure", "list", "map"}


class SpecError(Exception):
    """The spec holds something the generator does not know how to express."""


@attrs.frozen
class Spec:
    """The vendored closure with its provenance: ``shapes`` holds the constraints only, ``docs``
    the plain-text documentation by ``"Shape"`` and ``"Shape.Member"`` (absent when botocore
    has none)."""

    botocore_version: str
    api_version: str
    sha256: str
    shapes: Mapping[str, Mapping[str, Any]]
    docs: Mapping[str, str] = attrs.field(factory=dict)

    def closure(self, root: str) -> list[str]:
        """Names of the shapes reachable from ``root``, in first-visit (depth-first) order."""
        return reachable(self.shapes, root)


def digest(shapes: Mapping[str, Any]) -> str:
    """sha256 of the closure's canonical JSON text (keys in their stored order)."""
    text = json.dumps(shapes, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _strip(shape: Mapping[str, Any], name: str) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in shape.items():
        if key in DROPPED_KEYS:
            continue
        if key == DOCUMENTATION:
            if summary(value):
                kept[key] = summary(value)
            continue
        if key not in SHAPE_KEYS:
            raise SpecError(f"shape {name}: unknown key {key!r}")
        if key == "members":
            members = {}
            for member_name, member in value.items():
                unknown = set(member) - MEMBER_KEYS - DROPPED_KEYS - {DOCUMENTATION}
                if unknown:
                    raise SpecError(f"member {name}.{member_name}: unknown keys {sorted(unknown)}")
                members[member_name] = {"shape": member["shape"]}
                if summary(member.get(DOCUMENTATION, "")):
                    members[member_name][DOCUMENTATION] = summary(member[DOCUMENTATION])
            kept[key] = members
        elif key in ("member", "key", "value"):
            kept[key] = {"shape": value["shape"]}
        else:
            kept[key] = value
    return kept


def extract() -> dict[str, Any]:
    """Read the installed botocore's SageMaker model and return the vendored document."""
    import botocore
    import botocore.session

    model = botocore.session.get_session().get_service_data(SERVICE)
    all_shapes = model["shapes"]
    names = set(reachable(all_shapes, REQUEST_ROOT)) | set(reachable(all_shapes, RESPONSE_ROOT))
    shapes = {name: _strip(all_shapes[name], name) for name in sorted(names)}
    return {
        "$comment": (
            "Closure of botocore's SageMaker model: every constraint, and each shape's and "
            "member's documentation as plain text cut to its first sentence or two "
            "(generator/doctext.py), extracted by `python -m generator refresh`; sha256 covers "
            "both. Do not edit: refresh it from a newer botocore."
        ),
        "service": SERVICE,
        "operation": OPERATION,
        "apiVersion": model["metadata"]["apiVersion"],
        "botocoreVersion": botocore.__version__,
        "roots": {"request": REQUEST_ROOT, "response": RESPONSE_ROOT},
        "sha256": digest(shapes),
        "shapes": shapes,
    }


def dump(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"


def check(shapes: Mapping[str, Mapping[str, Any]]) -> None:
    """Fail on anything the emitters cannot express faithfully."""
    for name, shape in shapes.items():
        refs = [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        refs += [m["shape"] for m in shape.get("members", {}).values()]
        for ref in refs:
            if ref not in shapes:
                raise SpecError(f"shape {name} refers to {ref!r}, which is not defined")
        kind = shape.get("type")
        if kind not in KNOWN_TYPES:
            raise SpecError(f"shape {name}: unknown type {kind!r}")
        unknown = set(shape) - SHAPE_KEYS
        if unknown:
            raise SpecError(f"shape {name}: unknown keys {sorted(unknown)}")
        if "enum" in shape and kind != "string":
            raise SpecError(f"shape {name}: enum on a {kind}")
        if "pattern" in shape and kind != "string":
            raise SpecError(f"shape {name}: pattern on a {kind}")
        if kind == "map" and shapes[shape["key"]["shape"]]["type"] != "string":
            raise SpecError(f"shape {name}: map keys must be strings in JSON")
        for required in shape.get("required", []):
            if required not in shape.get("members", {}):
                raise SpecError(f"shape {name}: required member {required!r} is not a member")
    _check_acyclic(shapes)


def _check_acyclic(shapes: Mapping[str, Mapping[str, Any]]) -> None:
    state: dict[str, int] = {}

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            raise SpecError(f"recursive shapes are not supported: {' -> '.join((*trail, name))}")
        state[name] = 1
        shape = shapes[name]
        refs = [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        refs += [m["shape"] for m in shape.get("members", {}).values()]
        for ref in refs:
            visit(ref, (*trail, name))
        state[name] = 2

    for name in shapes:
        visit(name, ())


def split_docs(
    stored: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The stored shapes as constraints only, and their documentation by "Shape[.Member]"."""
    shapes: dict[str, dict[str, Any]] = {}
    docs: dict[str, str] = {}
    for name, shape in stored.items():
        kept = {key: value for key, value in shape.items() if key != DOCUMENTATION}
        if DOCUMENTATION in shape:
            docs[name] = _text(shape[DOCUMENTATION], name)
        if "members" in shape:
            kept["members"] = {}
            for member, ref in shape["members"].items():
                kept["members"][member] = {k: v for k, v in ref.items() if k != DOCUMENTATION}
                if DOCUMENTATION in ref:
                    docs[f"{name}.{member}"] = _text(ref[DOCUMENTATION], f"{name}.{member}")
                unknown = set(kept["members"][member]) - MEMBER_KEYS
                if unknown:
                    raise SpecError(f"member {name}.{member}: unknown keys {sorted(unknown)}")
        shapes[name] = kept
    return shapes, docs


def _text(value: object, where: str) -> str:
    """Documentation the emitters can put in a JSON string and a raw docstring unchanged."""
    if not isinstance(value, str) or not value or value != " ".join(value.split()):
        raise SpecError(f"{where}: documentation must be one line of plain text")
    if '"""' in value or value.endswith("\\"):
        raise SpecError(f"{where}: documentation {value[:40]!r}... is not plain text")
    return value


def load(path: Path = SPEC_PATH) -> Spec:
    document = json.loads(path.read_text(encoding="utf-8"))
    actual = digest(document["shapes"])
    if actual != document["sha256"]:
        raise SpecError(
            f"{path.name}: sha256 {actual} does not match the recorded {document['sha256']}"
        )
    shapes, docs = split_docs(document["shapes"])
    check(shapes)
    return Spec(
        botocore_version=document["botocoreVersion"],
        api_version=document["apiVersion"],
        sha256=actual,
        shapes=shapes,
        docs=docs,
    )
