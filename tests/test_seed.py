"""Every field of the seed API page's Request Syntax block exists in the schema and the model."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs

from hpt_request import model
from hpt_request.schema import engines as schema

SEED = Path(__file__).parent / "data" / "CreateHyperParameterTuningJob.md"


def seed_skeleton() -> dict[str, Any]:
    """The Request Syntax block turned into a JSON skeleton (links removed, placeholders
    replaced)."""
    text = SEED.read_text(encoding="utf-8")
    block = text.split("## Request Syntax", 1)[1].split("```", 2)[1]
    block = re.sub(r'"\[(\w+)\]\([^)]*\)"', r'"\1"', block)
    block = re.sub(r":\s*number", ": 0", block)
    block = re.sub(r":\s*boolean", ": true", block)
    skeleton: dict[str, Any] = json.loads(block)
    return skeleton


def field_paths(value: Any, trail: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    if isinstance(value, list):
        for item in value:
            paths += field_paths(item, trail)
    elif isinstance(value, dict):
        for key, item in value.items():
            step = "<key>" if key == "string" else key
            paths.append((*trail, step))
            paths += field_paths(item, (*trail, step))
    return paths


def test_seed_block_is_read() -> None:
    """The parser finds the seed's fields (guards against an empty, vacuous check)."""
    paths = field_paths(seed_skeleton())
    assert len(paths) >= 60
    assert ("TrainingJobDefinition", "ResourceConfig", "VolumeSizeInGB") in paths


def _resolve(node: Any, definitions: Any) -> Any:
    while "$ref" in node:
        node = definitions[node["$ref"].rsplit("/", 1)[-1]]
    return node


def test_every_seed_field_is_in_the_schema_and_the_model() -> None:
    """Each seed field path exists in the request schema and as an attrs field with that wire
    name."""
    definitions = schema.document(schema.REQUEST_SCHEMA)["definitions"]
    missing = []
    for path in field_paths(seed_skeleton()):
        node = definitions["CreateHyperParameterTuningJobRequest"]
        cls: Any = model.CreateHyperParameterTuningJobRequest
        for step in path:
            node = _resolve(node, definitions)
            if node["type"] == "array":
                node = _resolve(node["items"], definitions)
            if step == "<key>":
                if "propertyNames" not in node:
                    missing.append(path)
                    break
                node = node["additionalProperties"]
                cls = None
                continue
            if step not in node.get("properties", {}):
                missing.append(path)
                break
            node = node["properties"][step]
            if cls is not None:
                wire = {f.metadata["wire"]: f for f in attrs.fields(cls)}
                if step not in wire:
                    missing.append(path)
                    break
                shape = _resolve(node, definitions)
                if shape["type"] == "array":
                    shape = _resolve(shape["items"], definitions)
                cls = getattr(model, shape["title"], None) if "properties" in shape else None
    assert missing == []
