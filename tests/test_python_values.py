"""Python values from notebooks: what botocore takes for a JSON value is taken and written as
botocore writes it; what it refuses is refused at the member's path."""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import Any

import botocore.session
import pytest
from botocore import serialize
from botocore.validate import ParamValidator

from hpt_request import examples, from_wire, to_wire, validate

LIMITS = ("HyperParameterTuningJobConfig", "ResourceLimits")
OPERATION = (
    botocore.session.get_session()
    .get_service_model("sagemaker")
    .operation_model("CreateHyperParameterTuningJob")
)


class Text(str):
    """A str subclass, as numpy.str_ is."""


class Number(float):
    """A float subclass, as numpy.float64 is."""


class Strategy(str, enum.Enum):
    BAYESIAN = "Bayesian"


class Jobs(enum.IntEnum):
    TEN = 10


class PlainStrategy(enum.Enum):
    BAYESIAN = "Bayesian"


class IndexOnly:
    """An integer-like value that is not an int, as numpy.int64 is."""

    def __index__(self) -> int:
        return 5


def with_value(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    request = examples.load("bayesian")
    node: Any = request
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = value
    return request


NAME = ("HyperParameterTuningJobName",)
STRATEGY = ("HyperParameterTuningJobConfig", "Strategy")
JOBS = (*LIMITS, "MaxNumberOfTrainingJobs")
TARGET = (
    "HyperParameterTuningJobConfig",
    "TuningJobCompletionCriteria",
    "TargetObjectiveMetricValue",
)

TAKEN = [
    (NAME, Text("churn-xgb"), "churn-xgb"),
    (STRATEGY, Strategy.BAYESIAN, "Bayesian"),
    (JOBS, Jobs.TEN, 10),
    (TARGET, Number(0.9), 0.9),
    (TARGET, Decimal("0.9"), 0.9),
]
REFUSED = [
    (STRATEGY, PlainStrategy.BAYESIAN),
    (JOBS, IndexOnly()),
    (JOBS, Decimal("5")),
    (NAME, Decimal("5")),
]


def botocore_takes(request: dict[str, Any]) -> bool:
    return not ParamValidator().validate(request, OPERATION.input_shape).has_errors()


def botocore_writes(request: dict[str, Any]) -> dict[str, Any]:
    serializer = serialize.create_serializer("json", include_validation=False)
    written: dict[str, Any] = json.loads(
        serializer.serialize_to_request(request, OPERATION)["body"]
    )
    return written


@pytest.mark.parametrize(("path", "value", "wire"), TAKEN, ids=lambda v: type(v).__name__)
def test_what_botocore_takes_is_taken_and_written_as_botocore_writes_it(
    path: tuple[str, ...], value: Any, wire: Any
) -> None:
    request = with_value(path, value)
    assert botocore_takes(request)
    assert validate(request) == []
    written = to_wire(from_wire(request))
    node: Any = written
    expected: Any = botocore_writes(request)
    for step in path:
        node, expected = node[step], expected[step]
    assert node == wire == expected
    assert type(node) is type(wire)
    assert json.loads(json.dumps(written)) == written


@pytest.mark.parametrize(("path", "value"), REFUSED, ids=lambda v: type(v).__name__)
def test_what_botocore_refuses_is_refused_at_the_members_path(
    path: tuple[str, ...], value: Any
) -> None:
    request = with_value(path, value)
    assert not botocore_takes(request)
    problems = validate(request)
    assert problems
    assert {p.path for p in problems} == {".".join(path)}


def test_a_tuple_is_taken_as_a_list() -> None:
    request = examples.load("bayesian")
    request["Tags"] = ({"Key": "team", "Value": "ml"},)
    assert botocore_takes(request)
    assert validate(request) == []
    assert to_wire(from_wire(request))["Tags"] == [{"Key": "team", "Value": "ml"}]


@pytest.mark.parametrize("key", [("seed",), ("a", ("b",)), frozenset({"seed"})], ids=repr)
def test_a_tuple_key_is_refused_at_its_map(key: Any) -> None:
    """A hashable key that is not a string (a tuple, a frozenset) in a map is a problem at that
    map's entry, as botocore refuses it, not an unreadable input."""
    request = examples.load("bayesian")
    request["TrainingJobDefinition"]["StaticHyperParameters"][key] = "42"
    assert not botocore_takes(request)
    problems = validate(request)
    assert [p.code for p in problems] == ["propertyNames"]
    entry = json.dumps(str(key))
    assert problems[0].path == f"TrainingJobDefinition.StaticHyperParameters[{entry}]"


def test_the_request_given_is_left_unchanged() -> None:
    request = with_value(NAME, Text("churn-xgb"))
    validate(request)
    assert type(request["HyperParameterTuningJobName"]) is Text
