"""Numbers and hyperparameter values become wire strings by one documented rule."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpt_request import (
    CategoricalParameterRange,
    ContinuousParameterRange,
    FieldTypeError,
    IntegerParameterRange,
    RequestValidationError,
)
from hpt_request.model import AutoParameter, HyperParameterTuningJobObjective


@pytest.mark.parametrize(
    ("given_value", "wire"),
    [
        (1e-05, "1e-05"),
        (0.1, "0.1"),
        (3.0, "3.0"),
        (10, "10"),
        (0, "0"),
        (-7, "-7"),
        (Decimal("0.10"), "0.10"),
        (Decimal("1E-7"), "1e-7"),
        ("1e-5", "1e-5"),
        (" 0.5", " 0.5"),
        ("", ""),
    ],
)
def test_range_bounds(given_value: Any, wire: str) -> None:
    """Numbers are formatted by the documented rule; strings are kept byte for byte."""
    bound = ContinuousParameterRange(name="eta", min_value=given_value, max_value="1")
    assert bound.min_value == wire


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_bounds_round_trip(value: float) -> None:
    """The written form of a float reads back as the same float (shortest round trip)."""
    bound = ContinuousParameterRange(name="x", min_value=value, max_value=value)
    assert float(bound.min_value) == value
    assert bound.min_value == repr(value)


@pytest.mark.parametrize(
    "bad",
    [
        True,
        False,
        math.nan,
        math.inf,
        -math.inf,
        Decimal("NaN"),
        Decimal("Infinity"),
        None,
        [1],
        b"1",
    ],
)
def test_refused_bounds(bad: Any) -> None:
    """bool, NaN, infinities and non-numbers are refused with a TypeError that names the
    field."""
    with pytest.raises(FieldTypeError) as caught:
        IntegerParameterRange(name="depth", min_value=bad, max_value="10")
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, RequestValidationError)
    assert caught.value.problems[0].path == "IntegerParameterRange.MinValue"
    assert "IntegerParameterRange.MinValue" in str(caught.value)


def test_assignment_converts_too() -> None:
    """Setting an attribute after construction goes through the same rule."""
    bound = IntegerParameterRange(name="depth", min_value=1, max_value=10)
    bound.max_value = 12  # type: ignore[assignment]  # the converter accepts numbers
    assert bound.max_value == "12"
    with pytest.raises(FieldTypeError):
        bound.max_value = True  # type: ignore[assignment]


def test_categorical_values() -> None:
    """Categorical values accept str, int, float, Decimal and bool; bool is true/false."""
    values = CategoricalParameterRange(
        name="v", values=["gbtree", 3, 0.5, True, False, Decimal("2")]
    )
    assert values.values == ["gbtree", "3", "0.5", "true", "false", "2"]


@pytest.mark.parametrize("bad", ["abc", {"a": 1}, {"a", "b"}, 5, [None], [[1]]])
def test_categorical_values_refused(bad: Any) -> None:
    """A bare string, a mapping, a set (no order), a non-iterable or a nested value is refused."""
    with pytest.raises(FieldTypeError):
        CategoricalParameterRange(name="v", values=bad)


def test_static_hyperparameters() -> None:
    """Static hyperparameter values follow the same rule; keys must be strings."""
    from hpt_request.model import HyperParameterTrainingJobDefinition as Definition

    field = attrs.fields(Definition).static_hyper_parameters
    assert field.default is None
    converter: Any = field.converter
    assert converter({"epochs": 10, "lr": 1e-05, "flag": True, "name": "x"}) == {
        "epochs": "10",
        "lr": "1e-05",
        "flag": "true",
        "name": "x",
    }
    with pytest.raises(FieldTypeError):
        converter({1: "x"})
    with pytest.raises(FieldTypeError):
        converter(["epochs"])


def test_value_hint() -> None:
    """AutoParameter.ValueHint takes a number too."""
    assert AutoParameter(name="lr", value_hint=0.01).value_hint == "0.01"


def test_enum_fields_take_members_or_exact_strings() -> None:
    """An exact string becomes the member; other strings are kept for the schema to report."""
    from hpt_request import HyperParameterTuningJobObjectiveType as Kind

    assert HyperParameterTuningJobObjective(type="Maximize", metric_name="m").type is Kind.MAXIMIZE
    assert (
        HyperParameterTuningJobObjective(type=Kind.MINIMIZE, metric_name="m").type is Kind.MINIMIZE
    )
    # A type checker refuses the wrong case; at run time it is kept for validate() to report.
    wrong_case = HyperParameterTuningJobObjective(type="maximize", metric_name="m")  # type: ignore[arg-type]
    assert wrong_case.type == "maximize"
