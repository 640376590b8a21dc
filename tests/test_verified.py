"""to_wire on an object from_wire returned: unchanged, it is not checked again; changed in any
way (a member set, a list or map edited in place, a nested object replaced), it is checked in
full; and the private copy it was read from lives no longer than the object."""

from __future__ import annotations

import copy
import gc
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import RequestValidationError, Tag, from_wire, to_wire
from hpt_request.model import examples
from hpt_request.schema import engines as schema
from hpt_request.schema import structure as wire
from hpt_request.strategies import wire_requests


def _refuse_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(instance: object, shape: str) -> list[object]:
        raise AssertionError("to_wire checked an object that had not changed")

    monkeypatch.setattr(schema, "check", refuse)


def test_an_unchanged_object_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The round trip gives the input back without a second schema check."""
    request = examples.load("seed-era")
    obj = from_wire(request)
    _refuse_checks(monkeypatch)
    assert to_wire(obj) == request


def test_changes_to_the_input_after_reading_do_not_count() -> None:
    """The copy is private: editing the caller's dict afterwards changes nothing."""
    request = examples.load("seed-era")
    obj = from_wire(request)
    expected = copy.deepcopy(request)
    request["Tags"].append({"Key": "", "Value": "edited after reading"})
    request["HyperParameterTuningJobName"] = "renamed"
    assert to_wire(obj) == expected


def _edits() -> list[tuple[str, Any]]:
    """Ways to break an object in place, each with the wire path of the problem it makes."""

    def long_tag(obj: Any) -> None:
        obj.tags.append(Tag(key="k" * 200, value="v"))

    def long_value(obj: Any) -> None:
        obj.tags[0].value = "v" * 300

    def map_value(obj: Any) -> None:
        obj.training_job_definition.static_hyper_parameters["epochs"] = "x\ny"

    def list_item(obj: Any) -> None:
        ranges = obj.hyper_parameter_tuning_job_config.parameter_ranges
        ranges.categorical_parameter_ranges[0].values.append("v" * 300)

    def nested(obj: Any) -> None:
        limits = obj.hyper_parameter_tuning_job_config.resource_limits
        obj.hyper_parameter_tuning_job_config.resource_limits = attrs.evolve(
            limits, max_parallel_training_jobs=0
        )

    return [
        ("Tags[2].Key", long_tag),
        ("Tags[0].Value", long_value),
        ('TrainingJobDefinition.StaticHyperParameters["epochs"]', map_value),
        (
            "HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges[0].Values[3]",
            list_item,
        ),
        ("HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs", nested),
    ]


@pytest.mark.parametrize(("path", "edit"), _edits(), ids=[path for path, _ in _edits()])
def test_an_object_changed_in_place_is_checked_in_full(path: str, edit: Any) -> None:
    """Any edit, however deep, is seen: the problem is reported at its wire path."""
    obj = from_wire(examples.load("seed-era"))
    edit(obj)
    with pytest.raises(RequestValidationError) as raised:
        to_wire(obj)
    assert [problem.path for problem in raised.value.problems] == [path]


def test_the_copy_goes_with_the_object() -> None:
    """Nothing is kept once the object is gone."""
    gc.collect()
    before = len(wire._VERIFIED)
    objects = [from_wire(examples.load("seed-era")) for _ in range(5)]
    assert len(wire._VERIFIED) == before + 5
    del objects
    gc.collect()
    assert len(wire._VERIFIED) == before


def test_an_object_read_with_structural_warnings_is_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only data that passed the schema as it is counts as checked (an instance type newer
    than the spec is a warning, not a pass)."""
    request = examples.load("seed-era")
    request["TrainingJobDefinition"]["ResourceConfig"]["InstanceType"] = "ml.zz9.xlarge"
    obj = from_wire(request)
    assert id(obj) not in wire._VERIFIED


@given(wire_requests(), st.data())
def test_drawn_requests_with_a_drawn_string_replaced(request: dict[str, Any], data: Any) -> None:
    """On drawn requests with one string member replaced by a drawn string (often invalid),
    to_wire gives exactly what a full check gives."""
    obj = from_wire(request, rules=False)
    strings = list(_string_fields(obj))
    if strings:
        holder, name = data.draw(st.sampled_from(strings))
        setattr(holder, name, data.draw(st.text(max_size=70)))
    full = schema.check(wire._CONVERTER.unstructure(obj), type(obj).__name__)
    if any(problem.blocking for problem in full):
        with pytest.raises(RequestValidationError):
            to_wire(obj)
    else:
        assert to_wire(obj) == wire._CONVERTER.unstructure(obj)


def _string_fields(obj: Any) -> Any:
    """(object, field name) for every plain string member of the object graph."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if type(value) is str:
            yield obj, field.name
        elif attrs.has(type(value)):
            yield from _string_fields(value)
        elif isinstance(value, list):
            for item in value:
                if attrs.has(type(item)):
                    yield from _string_fields(item)
