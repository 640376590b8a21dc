"""An independent generator, schemathesis, draws requests straight from our schema files.

hypothesis-jsonschema 0.23.1, the usual choice, crashes with current Hypothesis; schemathesis 4
carries its own JSON Schema generator and works with it. It reads OpenAPI, so the request
schema is wrapped, unchanged but for its ``$ref`` prefix, as the body of one operation. Its
positive mode draws bodies the schema accepts; its negative mode draws bodies it rejects.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hpt_request import from_wire, to_wire, validate
from hpt_request.rules import RULES
from hpt_request.schema import engines as schema

# Building schemathesis's strategies takes seconds, whatever the number of examples.
pytestmark = pytest.mark.slow

DOCUMENT = schema.document(schema.REQUEST_SCHEMA)
REFERENCE = jsonschema.Draft7Validator(DOCUMENT)
RULE_IDS = {rule.id for rule in RULES}


def _operation() -> Any:
    definitions = json.loads(
        json.dumps(DOCUMENT["definitions"]).replace("#/definitions/", "#/components/schemas/")
    )
    body = {"$ref": "#/components/schemas/CreateHyperParameterTuningJobRequest"}
    api = {
        "openapi": "3.1.0",
        "info": {"title": "CreateHyperParameterTuningJob", "version": "2017-07-24"},
        "paths": {
            "/tuning-jobs": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": body}},
                    },
                    "responses": {"200": {"description": "created"}},
                }
            }
        },
        "components": {"schemas": definitions},
    }
    return schemathesis.openapi.from_dict(api)["/tuning-jobs"]["POST"]


OPERATION = _operation()
POSITIVE = OPERATION.as_strategy().map(lambda case: case.body)
NEGATIVE = OPERATION.as_strategy(schemathesis.GenerationMode.NEGATIVE).map(lambda case: case.body)


def _integral_floats_to_ints(value: Any) -> Any:
    """JSON Schema counts 5.0 as an integer; the wire format (and botocore) do not, so the
    generator's 5.0 is written 5 before the comparison."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _integral_floats_to_ints(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral_floats_to_ints(item) for item in value]
    return value


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(POSITIVE)
def test_what_the_schema_accepts_we_read(body: Any) -> None:
    """Every body schemathesis draws as valid is read, written back unchanged, and the rules
    report only rule codes."""
    wire = _integral_floats_to_ints(body)
    assert REFERENCE.is_valid(wire)
    assert validate(wire, rules=False) == []
    assert to_wire(from_wire(wire, rules=False)) == wire
    assert {problem.code for problem in validate(wire)} <= RULE_IDS


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(st.one_of(NEGATIVE, POSITIVE))
def test_we_reject_exactly_what_the_schema_rejects(body: Any) -> None:
    """On bodies drawn to break the schema (and valid ones), our structural verdict is the
    schema's."""
    wire = _integral_floats_to_ints(body)
    assert (validate(wire, rules=False) == []) == REFERENCE.is_valid(wire)


@settings(suppress_health_check=list(HealthCheck), deadline=None)
@given(st.one_of(NEGATIVE, POSITIVE))
def test_the_fast_listing_is_the_reference_on_schemathesis_bodies(body: Any) -> None:
    """On bodies drawn to break the schema (and valid ones, 5.0 left as drawn), the problems
    listed from the fast engine's errors are the reference engine's: path, code and message."""
    shape = "CreateHyperParameterTuningJobRequest"
    assert schema.listed_problems(body, shape) == schema.reference_problems(body, shape)
