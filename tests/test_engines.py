"""jsonschema (the reference) and jsonschema-rs (the fast path) give the same verdict and the
same problem locations, on the golden corpus and on drawn input; and the problems listed from the
fast engine's errors are the reference engine's problems, path, code and message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hpt_request import strategies, validate
from hpt_request.model import examples
from hpt_request.schema import engines as schema
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
    (5.0 as an integer is valid JSON Schema; our strict types add that problem. A text that
    breaks its length and its pattern for one reason is one problem where the engines report
    both: an empty string or a text too long of allowed characters is minLength or maxLength,
    a text too short and of the wrong form is pattern.)"""
    instance = INVALID[name]
    rust = rust_locations(instance)
    assert rust == python_locations(instance)
    ours = {(p.location, SOFTENED.get(p.code, p.code)) for p in validate(instance, rules=False)}
    one_mistake = {
        (loc, "pattern")
        for loc, code in ours
        if code in ("minLength", "maxLength") and (loc, "pattern") not in ours
    } | {(loc, "minLength") for loc, code in ours if code == "pattern"}
    assert {(loc, code) for loc, code in rust if (loc, code) not in one_mistake} <= ours
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
    if _has_empty_key(instance):  # the fast engine's locations leave an empty key out
        assert RUST.is_valid(instance) == PYTHON.is_valid(instance) == (not rust)
        _same_problems(instance)  # so our listing asks the reference engine
        return
    assert rust == python_locations(instance)
    assert RUST.is_valid(instance) == PYTHON.is_valid(instance) == (not rust)
    ours = {(p.location, SOFTENED.get(p.code, p.code)) for p in validate(instance, rules=False)}
    assert rust <= ours


def _has_empty_key(value: Any) -> bool:
    if isinstance(value, dict):
        return "" in value or any(_has_empty_key(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_empty_key(item) for item in value)
    return False


# -- the fast listing against the reference listing ------------------------------------------------

SHAPE = "CreateHyperParameterTuningJobRequest"
NON_FINITE = st.sampled_from([float("nan"), float("inf"), float("-inf")])


def _same_problems(instance: Any) -> None:
    fast = schema.listed_problems(instance, SHAPE)
    reference = schema.reference_problems(instance, SHAPE)
    assert [(p.location, p.code, p.message) for p in fast] == [
        (p.location, p.code, p.message) for p in reference
    ]
    assert fast == reference


def _integers(value: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every integer (not bool) inside ``value``."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [trail]
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    return [found for key, item in items for found in _integers(item, (*trail, key))]


@st.composite
def floats_for_integers(draw: st.DrawFn, base: st.SearchStrategy[dict[str, Any]]) -> Any:
    """A request whose integers are written as floats (``5.0``), some of them non-finite."""
    request: dict[str, Any] = json.loads(json.dumps(draw(base)))
    for trail in _integers(request):
        if not draw(st.booleans()):
            continue
        *head, last = trail
        target: Any = request
        for step in head:
            target = target[step]
        target[last] = draw(NON_FINITE) if draw(st.booleans()) else float(target[last])
    return request


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_fast_listing_is_the_reference_on_the_invalid_corpus(name: str) -> None:
    """Listed from the fast engine's errors: the reference engine's problems, message and all."""
    _same_problems(INVALID[name])


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_fast_engine_lists_the_invalid_corpus_itself(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain JSON input is listed without the reference engine (the fast path is really used)."""
    expected = schema.reference_problems(INVALID[name], SHAPE)

    def refuse(instance: object, shape: str) -> list[object]:
        raise AssertionError("the fast listing fell back to the reference engine")

    monkeypatch.setattr(schema, "reference_problems", refuse)
    assert schema.listed_problems(INVALID[name], SHAPE) == expected


@given(st.one_of(mutated(GOLDEN), mutated(requests()), json_values(), requests()))
def test_the_fast_listing_is_the_reference_on_drawn_input(instance: Any) -> None:
    """Same problems from both listings on drawn valid and broken input."""
    _same_problems(instance)


@given(floats_for_integers(st.one_of(GOLDEN, requests())))
def test_the_fast_listing_keeps_the_strict_integers(instance: Any) -> None:
    """5.0, NaN and infinities where the wire wants an integer: the same problems as the
    reference engine, which refuses them all."""
    _same_problems(instance)
    assert schema.fast_verdict(instance, SHAPE) is (not schema.reference_problems(instance, SHAPE))


@settings(max_examples=30)
@given(strategies.invalid_requests())
def test_the_fast_listing_is_the_reference_on_invalid_requests(
    drawn: tuple[dict[str, Any], str, str],
) -> None:
    """Same problems from both listings on the library's own invalid requests."""
    _same_problems(drawn[0])


@pytest.mark.parametrize(
    "instance",
    [
        pytest.param({"Tags": ({"Key": "k", "Value": 5},)}, id="tuple"),
        pytest.param({"Tags": [{"Key": "\ud800", "Value": "v"}]}, id="lone-surrogate"),
        pytest.param({"Tags": [{"Key": "k", 5: "v"}]}, id="integer-key"),
        pytest.param({"Tags": [{"Key": "k", "Value": "v"}] * 2000}, id="over-max-entries"),
        pytest.param({"Tags": [{"Key": 10**5000, "Value": "v"}]}, id="huge-integer"),
        pytest.param(
            {
                "HyperParameterTuningJobConfig": {
                    "ResourceLimits": {"MaxParallelTrainingJobs": 2**64}
                }
            },
            id="integer-beyond-64-bits",
        ),
        pytest.param(
            {
                "TrainingJobDefinition": {
                    "InputDataConfig": [{"ShuffleConfig": {"Seed": -(2.0**63)}}]
                }
            },
            id="float-at-an-integer-limit",
        ),
        pytest.param({"Tags": [{"Key": "k", "Value": float("nan")}]}, id="nan"),
    ],
)
def test_input_the_fast_engine_cannot_list_goes_to_the_reference(instance: Any) -> None:
    """Input that is not plain JSON data, or is larger than the bounds, is listed by the
    reference engine (the problems are the reference engine's)."""
    _same_problems(instance)
    assert schema.listed_problems(instance, SHAPE)


def _several_per_object() -> dict[str, Any]:
    request: dict[str, Any] = json.loads(json.dumps(VALID["example/bayesian"]))
    definition = request["TrainingJobDefinition"]
    definition["StaticHyperParameters"] = {"k" * 300: "1", "ok": 5, "j" * 257: "2"}
    definition["Unknown"] = 1
    definition["AlsoUnknown"] = 2
    del definition["RoleArn"]
    del definition["StoppingCondition"]
    return request


def test_several_problems_of_one_kind_in_one_object_are_all_listed() -> None:
    """Two refused keys of one map, two unknown members and two missing ones: all listed."""
    instance = _several_per_object()
    _same_problems(instance)
    codes = [p.code for p in schema.listed_problems(instance, SHAPE)]
    assert codes.count("propertyNames") == 2
    assert codes.count("additionalProperties") == 2
    assert codes.count("required") == 2


@pytest.mark.parametrize("where", ["StaticHyperParameters", "Environment"])
def test_a_problem_at_an_empty_key_is_listed_at_that_key(where: str) -> None:
    """A bad value at the empty key of a map is placed at that key (the fast engine's own
    locations leave an empty key out), as the reference engine places it (Environment's keys
    also refuse the empty key itself)."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"][where] = {"": 5, "ok": "x"}
    listed = schema.listed_problems(request, SHAPE)
    (bad,) = [p for p in listed if p.code == "type"]
    assert bad.location == ("TrainingJobDefinition", where, "")
    assert bad.path == f'TrainingJobDefinition.{where}[""]'
    assert all(p.location[-1] == "" for p in listed)  # none at the map itself
    _same_problems(request)
