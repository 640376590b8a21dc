"""What each call checks, as the README's table "What each call checks" states it.

Three requests that each break one cross-field rule (the three the README names) go through
every call of the table.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hpt_request import (
    Categorical,
    Continuous,
    Integer,
    RequestValidationError,
    from_json,
    from_wire,
    submit,
    to_boto3_kwargs,
    to_json,
    to_wire,
    tuning_job,
    validate,
)

ROOT = Path(__file__).resolve().parent.parent
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def _request(**changes: Any) -> Any:
    arguments: dict[str, Any] = {
        "objective_metric": "validation:auc",
        "search_space": {"max_depth": Integer(3, 10), "eta": Continuous(0.01, 0.3)},
        "image": IMAGE,
        "role": "arn:aws:iam::123456789012:role/SageMakerRole",
        "output_path": "s3://bucket/output/",
        "max_jobs": 20,
        "static_hyperparameters": {"num_round": 100},
    }
    arguments.update(changes)
    return tuning_job("churn-xgb-1", **arguments)


BREAKING = {
    "log-scale-positive": _request(search_space={"eta": Continuous(0, 0.3, scaling="Logarithmic")}),
    "hyperband-early-stopping-off": _request(strategy="Hyperband", early_stopping="Auto"),
    "grid-categorical-only": _request(
        strategy="Grid",
        max_jobs=None,
        search_space={"eta": Continuous(0.1, 0.3), "booster": Categorical(["gbtree", "dart"])},
    ),
}


@pytest.mark.parametrize("code", BREAKING)
def test_builder_and_writers_check_structure_only(code: str) -> None:
    """tuning_job(), to_wire(), to_json() and to_boto3_kwargs() write a rule-breaking request."""
    request = BREAKING[code]
    wire = to_wire(request)
    assert json.loads(to_json(request)) == wire
    assert to_boto3_kwargs(request) == wire


@pytest.mark.parametrize("code", BREAKING)
def test_validate_reports_the_rule(code: str) -> None:
    """validate() and request.validate() report the broken rule as an error, never raising."""
    request = BREAKING[code]
    problems = request.validate()
    assert code in {p.code for p in problems if p.blocking}
    assert validate(request) == problems


@pytest.mark.parametrize("code", BREAKING)
def test_round_trip_raises_exactly_when_validate_finds_an_error(code: str) -> None:
    """from_wire(to_wire(x), rules=False) == x; from_wire(to_wire(x)) raises with the rule."""
    request = BREAKING[code]
    assert from_wire(to_wire(request), rules=False) == request
    assert from_json(to_json(request), rules=False) == request
    with pytest.raises(RequestValidationError) as caught:
        from_wire(to_wire(request))
    assert code in {p.code for p in caught.value.problems}
    with pytest.raises(RequestValidationError):
        from_json(to_json(request))


def test_clean_request_round_trips_with_rules() -> None:
    """A request validate() finds nothing in comes back equal through from_wire with rules."""
    request = _request()
    assert request.validate() == []
    assert from_wire(to_wire(request)) == request


@pytest.mark.parametrize("code", BREAKING)
def test_submit_refuses_before_calling(code: str) -> None:
    """submit() raises before it calls the client."""
    calls: list[dict[str, Any]] = []

    class Client:
        def create_hyper_parameter_tuning_job(self, **kwargs: Any) -> dict[str, Any]:
            calls.append(kwargs)
            return {}

    with pytest.raises(RequestValidationError):
        submit(BREAKING[code], Client())
    assert calls == []


def test_structural_problem_blocks_the_writers() -> None:
    """A structural problem (a job name the pattern refuses) makes to_wire/to_json raise."""
    request = _request()
    request.hyper_parameter_tuning_job_name = "bad_name"
    for write in (to_wire, to_json, to_boto3_kwargs):
        with pytest.raises(RequestValidationError) as caught:
            write(request)
        assert [p.path for p in caught.value.problems] == ["HyperParameterTuningJobName"]


def test_readme_states_the_table() -> None:
    """The README's table names each call tested here, in the row of what it checks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:5]]
        for line in readme.splitlines()
        if re.match(r"\| [`m]", line)
    }
    assert rows["`to_wire()`, `to_json()`, `to_boto3_kwargs()`"] == [
        "yes",
        "no",
        "`RequestValidationError`",
    ]
    assert rows["`validate()`, `request.validate()`"][:2] == ["yes", "yes"]
    assert rows["`from_wire()`, `from_json()`"][:2] == ["yes", "yes (`rules=False`: no)"]
