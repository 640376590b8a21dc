"""Round trips and "never crash" over drawn input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import (
    CreateHyperParameterTuningJobRequest,
    FieldTypeError,
    RequestValidationError,
    Tag,
    from_wire,
    to_wire,
    validate,
)
from hpt_request.model import examples
from tests.corpus import golden_valid
from tests.wire_strategies import json_values, mutated, requests

GOLDEN = st.sampled_from(sorted(golden_valid().values(), key=json.dumps))


def _has_integral_float(value: Any) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_has_integral_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_integral_float(v) for v in value)
    return False


@given(requests())
def test_drawn_requests_round_trip(wire: dict[str, Any]) -> None:
    """For drawn valid wire dicts: wire -> objects -> wire, objects -> wire -> objects, and the
    JSON text, all unchanged."""
    assert validate(wire, rules=False) == []
    request = from_wire(wire, rules=False)
    assert to_wire(request) == wire
    assert from_wire(to_wire(request), rules=False) == request
    assert json.loads(json.dumps(to_wire(request))) == wire


@given(st.one_of(json_values(), mutated(requests()), mutated(GOLDEN)))
def test_from_wire_raises_only_request_validation_error(data: Any) -> None:
    """Whatever JSON comes in, from_wire returns a request or raises RequestValidationError,
    and validate agrees with it."""
    problems = validate(data)
    if any(p.severity == "error" for p in problems):
        with pytest.raises(RequestValidationError) as caught:
            from_wire(data)
        assert caught.value.problems == problems
        assert all(p.path or p.code == "type" for p in problems)
    else:
        request = from_wire(data)
        assert isinstance(request, CreateHyperParameterTuningJobRequest)
        assert to_wire(request) == data


@given(mutated(GOLDEN))
def test_mutations_are_caught_or_harmless(data: dict[str, Any]) -> None:
    """A mutated request either still round-trips exactly or is reported."""
    problems = validate(data, rules=False)
    if not problems:
        assert to_wire(from_wire(data, rules=False)) == data
        assert not _has_integral_float(data)


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "build",
    [
        lambda: _nested(100_000),
        lambda: {"HyperParameterTuningJobName": _nested(100_000)},
        lambda: {**examples.load("bayesian"), "Extra": _nested(100_000)},
        lambda: {**examples.load("bayesian"), "HyperParameterTuningJobName": "a" * 10_000_000},
        lambda: {**examples.load("bayesian"), "Tags": [{"Key": "k", "Value": "\ud800"}]},
        lambda: {**examples.load("bayesian"), "Tags": [{"Key": "k", "Value": "v"}] * 100_000},
        lambda: {1: 2, None: 3},
    ],
)
def test_hostile_input(build: Any) -> None:
    """Deep nesting, huge strings, lone surrogates, huge lists and non-string keys are
    reported, never crashed on."""
    data = build()
    problems = validate(data)
    assert problems
    with pytest.raises(RequestValidationError):
        from_wire(data)


def test_cyclic_objects() -> None:
    """An object graph that contains itself is reported by to_wire, not recursed into."""
    request = from_wire(examples.load("bayesian"))
    loop: list[Any] = [Tag(key="k", value="v")]
    loop.append(loop)
    request.tags = loop
    with pytest.raises(RequestValidationError):
        to_wire(request)
    assert validate(request)


@given(json_values(), json_values())
def test_to_wire_on_odd_objects(key: Any, value: Any) -> None:
    """A model object refuses values of the wrong Python type when built (FieldTypeError; None
    is left to the required-member check); one built gives a wire dict or
    RequestValidationError."""
    if not all(item is None or isinstance(item, str) for item in (key, value)):
        with pytest.raises(FieldTypeError):
            Tag(key=key, value=value)
        return
    tag = Tag(key=key, value=value)
    if validate(tag):
        with pytest.raises(RequestValidationError):
            to_wire(tag)
    else:
        wire = to_wire(tag)
        assert isinstance(wire["Key"], str)
        assert isinstance(wire["Value"], str)
