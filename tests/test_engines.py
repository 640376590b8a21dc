"""jsonschema (the reference) and jsonschema-rs (the fast path) give the same verdict and the
same problem locations, on the golden corpus and on drawn input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import schema, validate
from tests.corpus import golden_invalid, golden_valid
from tests.wire_strategies import json_values, mutated, requests

DOCUMENT = schema.document(schema.REQUEST_SCHEMA)
PYTHON = jsonschema.Draft7Validator(DOCUMENT)
RUST = jsonschema_rs.Draft7Validator(dict(DOCUMENT))
VALID = golden_valid()
INVALID = {name: case["request"] for name, case in golden_invalid().items()}
GOLDEN = st.sampled_from(sorted(VALID.values(), key=json.dumps))

Located = tuple[tuple[Any, ...], str]


def python_locations(instance: Any) -> set[Located]:
    found: set[Located] = set()
    for error in PYTHON.iter_errors(instance):
        where = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            found.add(((*where, error.instance), "propertyNames"))
        elif error.validator == "required":
            found |= {
                ((*where, n), "required") for n in error.validator_value if n not in error.instance
            }
        elif error.validator == "additionalProperties" and error.validator_value is False:
            allowed = error.schema.get("properties", {})
            found |= {
                ((*where, k), "additionalProperties") for k in error.instance if k not in allowed
            }
        else:
            found.add((where, str(error.validator)))
    return found


def rust_locations(instance: Any) -> set[Located]:
    found: set[Located] = set()
    for error in RUST.iter_errors(instance):
        where = tuple(error.instance_path)
        kind: Any = error.kind  # a union of kind classes; attributes depend on the name
        if kind.name == "propertyNames":
            found.add(((*where, kind.error.instance), "propertyNames"))
        elif kind.name == "required":
            found.add(((*where, kind.property), "required"))
        elif kind.name == "additionalProperties":
            found |= {((*where, k), "additionalProperties") for k in kind.unexpected}
        else:
            found.add((where, kind.name))
    return found


def _json_safe(value: Any) -> Iterator[bool]:
    """No lone surrogates and no non-string keys: input both engines can read."""
    if isinstance(value, str):
        yield not any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield isinstance(key, str)
            yield from _json_safe(key)
            yield from _json_safe(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_safe(item)


@pytest.mark.parametrize("name", sorted(VALID))
def test_engines_accept_the_valid_corpus(name: str) -> None:
    """Both engines accept every valid golden request."""
    assert RUST.is_valid(VALID[name])
    assert PYTHON.is_valid(VALID[name])


@pytest.mark.parametrize("name", sorted(INVALID))
def test_engines_agree_on_the_invalid_corpus(name: str) -> None:
    """Same locations and keywords from both engines, and our problems at the same places.
    (5.0 as an integer is valid JSON Schema; our strict types add that problem. An empty string
    is one problem, minLength, where the engines also report its pattern.)"""
    instance = INVALID[name]
    rust = rust_locations(instance)
    assert rust == python_locations(instance)
    ours = {(p.location, SOFTENED.get(p.code, p.code)) for p in validate(instance, rules=False)}
    assert {
        (loc, code) for loc, code in rust if (loc, "minLength") not in ours or code != "pattern"
    } <= ours
    assert (ours - rust) <= {(loc, "type") for loc, _ in ours}


# The schema keyword behind each code that softens an engine's problem (hpt_request.newer).
SOFTENED = {"instance-type-not-in-spec": "enum"}


@given(st.one_of(mutated(GOLDEN), mutated(requests()), json_values(), requests()))
def test_engines_agree_on_drawn_input(instance: Any) -> None:
    """Both engines give the same verdict and locations on drawn valid and broken input, and
    our validate() reports a problem whenever they do."""
    if not all(_json_safe(instance)):
        return
    rust = rust_locations(instance)
    assert rust == python_locations(instance)
    assert RUST.is_valid(instance) == PYTHON.is_valid(instance) == (not rust)
    ours = {(p.location, SOFTENED.get(p.code, p.code)) for p in validate(instance, rules=False)}
    assert rust <= ours
