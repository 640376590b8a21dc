"""The one-pass reader (hpt_request.reading) against the reference engine and the converter:
the same problems (location, code, message) as the reference engine on golden, drawn and
hostile input; on valid input the objects the cattrs converter makes; on invalid input the
partial objects hpt_request.partial makes from the reference engine's problems; and it gives up
(rather than guess) on input that is not plain JSON data."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hpt_request import model, strategies, validate
from hpt_request.model.base import UNKNOWN
from hpt_request.model.converter import make_converter
from hpt_request.model.errors import ordered
from hpt_request.rules.partial import readable
from hpt_request.schema import _readkit, readers, reading
from hpt_request.schema import engines as schema
from tests.corpus import golden_invalid, golden_valid
from tests.test_engines import floats_for_integers
from tests.wire_strategies import json_values, mutated, requests

SHAPE = "CreateHyperParameterTuningJobRequest"
VALID = golden_valid()
INVALID = {name: case["request"] for name, case in golden_invalid().items()}
GOLDEN = st.sampled_from(sorted(VALID.values(), key=json.dumps))
CONVERTER = make_converter()


def same_tree(left: Any, right: Any) -> bool:
    """Deep equality that also compares UNKNOWN (which refuses ``==``) and the classes."""
    if left is UNKNOWN or right is UNKNOWN:
        return left is right
    if type(left) is not type(right):
        return False
    if attrs.has(type(left)):
        return all(
            same_tree(getattr(left, field.name), getattr(right, field.name))
            for field in attrs.fields(type(left))
        )
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same_tree, left, right))
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same_tree(left[k], right[k]) for k in left)
    return bool(left == right)


def shared_containers(left: Any, right: Any) -> bool:
    """Whether any dict or list of ``left`` is also in ``right`` at the same place."""
    if isinstance(left, dict | list) and left is right:
        return True
    if isinstance(left, dict) and isinstance(right, dict):
        return any(shared_containers(left[k], right[k]) for k in left if k in right)
    if isinstance(left, list) and isinstance(right, list):
        return any(map(shared_containers, left, right))
    return False


def agrees(instance: Any) -> reading.Reading | None:
    """Assert that the reader, where it reads ``instance``, agrees with the reference engine
    and with the converter or the partial reading; return what it read."""
    found = reading.read_plain(instance, SHAPE)
    if found is None:
        return None
    reference = schema.reference_problems(instance, SHAPE)
    problems = ordered(found.problems)
    assert [(p.location, p.code, p.message) for p in problems] == [
        (p.location, p.code, p.message) for p in reference
    ]
    assert problems == reference
    assert len(problems) == len(found.problems)  # no problem is listed twice
    assert found.unknown == frozenset(p.location for p in reference)
    if not reference:
        expected = CONVERTER.structure(instance, model.CreateHyperParameterTuningJobRequest)
        assert same_tree(found.value, expected)
        assert found.value == expected
        assert same_tree(found.wire, instance)  # a copy of what was read, ...
        assert not shared_containers(found.wire, instance)  # ... that shares nothing with it
    else:
        partial, _ = readable(instance, reference)
        assert same_tree(found.value, UNKNOWN if partial is None else partial)
    return found


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_valid_corpus_reads_as_the_converter_reads_it(name: str) -> None:
    """Every golden valid request: no problem, and the converter's own objects."""
    found = agrees(VALID[name])
    assert found is not None
    assert found.problems == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_invalid_corpus_gives_the_reference_problems(name: str) -> None:
    """Every golden invalid request is read (not given up on) with the reference's problems."""
    found = agrees(INVALID[name])
    assert found is not None
    assert found.problems


@given(st.one_of(mutated(GOLDEN), mutated(requests()), json_values(), requests()))
def test_drawn_input_gives_the_reference_problems(instance: Any) -> None:
    """Drawn valid and broken input: the reference's problems and objects, or no reading."""
    agrees(instance)


@given(floats_for_integers(st.one_of(GOLDEN, requests())))
def test_floats_and_non_finite_numbers_for_integers(instance: Any) -> None:
    """5.0, NaN and infinities where the wire wants an integer: the reference's problems."""
    found = agrees(instance)
    assert found is not None


@settings(max_examples=30)
@given(strategies.invalid_requests())
def test_the_librarys_invalid_requests(drawn: tuple[dict[str, Any], str, str]) -> None:
    """The library's own invalid requests (structure or rules) are read with the reference's
    problems."""
    assert agrees(drawn[0]) is not None


@pytest.mark.parametrize(
    "instance",
    [
        pytest.param({"Tags": ({"Key": "k", "Value": 5},)}, id="tuple"),
        pytest.param({"Tags": [{"Key": "\ud800", "Value": "v"}]}, id="lone-surrogate"),
        pytest.param({"Tags": [{"Key": "k", "Value": "v"}] * 2000}, id="over-max-entries"),
        pytest.param({"Tags": [{"Key": 10**5000, "Value": "v"}]}, id="huge-integer"),
        pytest.param({"Tags": [{"Key": "k", "Value": float("nan")}]}, id="nan"),
        pytest.param({"Tags": [{"Key": "k", 5: "v"}]}, id="integer-member-name"),
        pytest.param({"Unknown": {"deep": [[[[{"x": [1, 2, 3]}]]]]}}, id="unknown-container"),
        pytest.param({"Tags": {"Key": "k"}}, id="object-for-array"),
        pytest.param({"Autotune": [1, 2]}, id="array-for-object"),
        pytest.param(
            {"TrainingJobDefinition": {"StaticHyperParameters": {"a": {"b": 1}}}},
            id="object-for-string",
        ),
    ],
)
def test_hostile_and_odd_input(instance: Any) -> None:
    """Odd but plain input is read like the reference engine reads it; the rest is refused."""
    found = agrees(instance)
    if found is not None:
        assert found.problems


class _Text(str):
    """A subclass of ``str``: not plain JSON data."""


@pytest.mark.parametrize(
    "instance",
    [
        pytest.param({"Tags": ({"Key": "k", "Value": "v"},)}, id="tuple"),
        pytest.param({"Tags": [{"Key": "k", "Value": "v"}] * 2000}, id="over-max-entries"),
        pytest.param(
            {"TrainingJobDefinition": {"StaticHyperParameters": {1: "v"}}}, id="integer-map-key"
        ),
        pytest.param({"Tags": [{"Key": "k", "Value": _Text("v")}]}, id="str-subclass"),
    ],
)
def test_input_that_is_not_plain_json_is_given_up(instance: Any) -> None:
    """The reader does not guess: not plain JSON data goes to the schema engines."""
    assert reading.read_plain(instance, SHAPE) is None


def test_a_lone_surrogate_in_a_value_is_a_type_problem() -> None:
    """Text that is not valid Unicode is read, as the reference engine's type problem."""
    found = agrees({"Tags": [{"Key": "k", "Value": "\ud800"}]})
    assert found is not None
    assert [p.code for p in found.problems if p.location == ("Tags", 0, "Value")] == ["type"]


def test_shared_references_past_the_budget_are_given_up() -> None:
    """A list shared at many places (a YAML alias bomb) counts at every place it is used."""
    tags = [{"Key": "k", "Value": "v"}] * 900
    ranges = {"CategoricalParameterRanges": [{"Name": "n", "Values": ["a"] * 900}] * 900}
    instance = {"Tags": tags, "HyperParameterTuningJobConfig": {"ParameterRanges": ranges}}
    assert reading.read_plain(instance, SHAPE) is None
    assert [p.code for p in schema.reference_problems(instance, SHAPE)] == ["too-large"]


@pytest.mark.parametrize("extra", [0, 1])
def test_every_engine_draws_the_value_budget_at_the_same_place(extra: int) -> None:
    """A request holding exactly MAX_NODES values is read and explained by every engine; one
    value more is too large for all of them (the request itself is not counted)."""
    lists = schema.MAX_NODES // 1000
    instance: dict[str, Any] = {f"Extra{index}": [0] * 999 for index in range(lists)}
    instance["Extra0"] += [0] * extra
    found = reading.read_plain(instance, SHAPE)
    reference = [p.code for p in schema.reference_problems(instance, SHAPE)]
    if extra:
        assert found is None
        assert reference == ["too-large"]
    else:
        assert found is not None
        assert "too-large" not in reference
        assert sorted(p.code for p in found.problems) == sorted(reference)


def test_the_response_shape_is_read_too() -> None:
    """Any shape of the packaged schemas has a reader, the response's included."""
    arn = "arn:aws:sagemaker:us-east-1:123456789012:hyper-parameter-tuning-job/x"
    found = reading.read(
        {"HyperParameterTuningJobArn": arn}, "CreateHyperParameterTuningJobResponse"
    )
    assert found is not None
    assert found.problems == []
    assert found.value == model.CreateHyperParameterTuningJobResponse(
        hyper_parameter_tuning_job_arn=arn
    )
    broken = reading.read(
        {"HyperParameterTuningJobArn": 5}, "CreateHyperParameterTuningJobResponse"
    )
    assert broken is not None
    assert [p.code for p in broken.problems] == ["type"]


def test_the_pass_bounds_are_the_schema_modules() -> None:
    """The bounds the readers apply are the ones the reference engine's copy applies."""
    assert (_readkit.MAX_NODES, _readkit.MAX_ENTRIES) == (schema.MAX_NODES, schema.MAX_ENTRIES)
    assert schema.MAX_DEPTH > _readkit.COUNTED_DEPTH


def test_every_definition_has_a_reader() -> None:
    """The generated module reads every definition of both packaged schemas."""
    for file_name in schema.SCHEMA_FILES:
        definitions = schema.document(file_name)["definitions"]
        keys = {
            node["propertyNames"]["$ref"].rsplit("/", 1)[-1]
            for node in definitions.values()
            if "propertyNames" in node
        }
        for title in definitions:  # map keys are checked in their map's reader
            assert callable(getattr(readers, f"read_{title}", None)) != (title in keys)
    assert set(readers.STRUCTURES) == {cls.__name__ for cls in model.STRUCTURES}


def test_an_unforeseen_failure_leaves_the_decision_to_the_engines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If a reader ever fails in a way nothing foresaw, validate() still answers, through the
    schema engines, with the same problems."""
    broken = INVALID[sorted(INVALID)[0]]
    expected = validate(broken)

    def fail(*args: object) -> None:
        raise KeyError("a defect")

    monkeypatch.setitem(readers.STRUCTURES, SHAPE, fail)
    assert reading.read(broken, SHAPE) is None
    assert validate(broken) == expected


@pytest.mark.parametrize(
    ("shape", "data"),
    [
        ("ResourceLimits", {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 2}),
        ("ResourceLimits", {"MaxNumberOfTrainingJobs": 0, "Extra": [1, {"a": 2}]}),
        ("Tag", {"Key": "", "Value": 5}),
        ("ParameterRanges", {"IntegerParameterRanges": [{"Name": "n", "MinValue": 1}]}),
        ("Channel", "not an object"),
    ],
)
def test_any_structure_is_read_on_its_own(shape: str, data: Any) -> None:
    """from_wire(data, cls) for a nested class: the reference's problems, the converter's
    object."""
    found = reading.read_plain(data, shape)
    assert found is not None
    reference = schema.reference_problems(data, shape)
    assert ordered(found.problems) == reference
    if not reference:
        assert found.value == CONVERTER.structure(data, getattr(model, shape))
