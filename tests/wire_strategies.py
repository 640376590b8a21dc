"""Simple schema-driven strategies for wire dicts, for the core's property tests.

They read the packaged JSON Schema (not the model), so they are independent of the code under
test: strings come from ``st.from_regex`` on the emitted patterns, numbers from the bounds.
Collections are kept short so that examples stay small.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from hpt_request.schema import engines as schema

MAX_EXTRA_ITEMS = 2


def _definitions(file_name: str = schema.REQUEST_SCHEMA) -> Mapping[str, Any]:
    definitions: Mapping[str, Any] = schema.document(file_name)["definitions"]
    return definitions


def _target(node: Mapping[str, Any]) -> str:
    return str(node["$ref"]).rsplit("/", 1)[-1]


@functools.cache
def wire_values(shape: str, file_name: str = schema.REQUEST_SCHEMA) -> st.SearchStrategy[Any]:
    """Valid wire values of spec shape ``shape``."""
    node = _definitions(file_name)[shape]
    kind = node["type"]
    if kind == "object" and "properties" in node:
        members = {name: _target(ref) for name, ref in node["properties"].items()}
        required = set(node.get("required", []))
        order = list(members)
        return st.fixed_dictionaries(
            {m: wire_values(s, file_name) for m, s in members.items() if m in required},
            optional={
                m: wire_values(s, file_name) for m, s in members.items() if m not in required
            },
        ).map(lambda found: {m: found[m] for m in order if m in found})
    if kind == "object":
        low = node.get("minProperties", 0)
        return st.dictionaries(
            wire_values(_target(node["propertyNames"]), file_name),
            wire_values(_target(node["additionalProperties"]), file_name),
            min_size=low,
            max_size=min(node.get("maxProperties", low + MAX_EXTRA_ITEMS), low + MAX_EXTRA_ITEMS),
        )
    if kind == "array":
        low = node.get("minItems", 0)
        return st.lists(
            wire_values(_target(node["items"]), file_name),
            min_size=low,
            max_size=min(node.get("maxItems", low + MAX_EXTRA_ITEMS), low + MAX_EXTRA_ITEMS),
        )
    if kind == "string":
        return _strings(node)
    if kind == "integer":
        return st.integers(node.get("minimum"), node.get("maximum"))
    if kind == "number":
        return st.floats(
            node.get("minimum"), node.get("maximum"), allow_nan=False, allow_infinity=False
        )
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"unexpected schema node {json.dumps(node)[:80]}")


def _strings(node: Mapping[str, Any]) -> st.SearchStrategy[str]:
    if "enum" in node:
        return st.sampled_from(node["enum"])
    low, high = node.get("minLength", 0), node.get("maxLength")
    if "pattern" not in node:
        return st.text(min_size=low, max_size=min(high or low + 20, low + 20))
    compiled = re.compile(node["pattern"])
    return st.from_regex(compiled).filter(
        lambda text: (
            low <= len(text) <= (high if high is not None else len(text))
            and compiled.search(text) is not None
        )
    )


def requests() -> st.SearchStrategy[dict[str, Any]]:
    """Valid wire requests (structurally; cross-field rules are not considered)."""
    return wire_values("CreateHyperParameterTuningJobRequest")


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)


def json_values() -> st.SearchStrategy[Any]:
    """Arbitrary JSON values."""
    return st.recursive(
        JSON_SCALARS,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )


def _containers(value: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every dict and list inside ``value``."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        found.append(trail)
        for key, item in value.items():
            found += _containers(item, (*trail, key))
    elif isinstance(value, list):
        found.append(trail)
        for index, item in enumerate(value):
            found += _containers(item, (*trail, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A request with one random change: a value replaced, a key removed or a key added."""
    request: dict[str, Any] = json.loads(json.dumps(draw(base)))
    containers = _containers(request)
    trail = draw(st.sampled_from(containers))
    target: Any = request
    for step in trail:
        target = target[step]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if isinstance(target, dict) and target and action != "add":
        key = draw(st.sampled_from(sorted(target)))
        if action == "remove":
            del target[key]
        else:
            target[key] = draw(json_values())
    elif isinstance(target, dict):
        target[draw(st.text(max_size=12))] = draw(json_values())
    elif target and action == "replace":
        target[draw(st.integers(0, len(target) - 1))] = draw(json_values())
    else:
        target.append(draw(json_values()))
    return request
