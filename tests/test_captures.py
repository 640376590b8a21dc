"""What a metric regex can capture, read from the regex alone: the forms that can never give
SageMaker a metric's value, and forms that can."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("regex", "verdict"),
    [
        ("F1=(.*?)", "empty"),
        ("loss=[0-9.]+", "no-group"),
        ("acc=([a-z]+)", "no-number"),
        ("v=(e[0-9]+)", "no-number"),
        ("loss=([0-9.]+)", None),
        ("x=(\\S+)", None),
        ("F1=(.*?);", None),
        ("x=(.*?)$", None),
        ("(?:train|val)_loss=([-+]?[0-9]*\\.?[0-9]+)", None),
        ("loss=(\\d+|nan)", None),
        ("loss=([0-9.]+", None),  # does not compile: the compile rule's
    ],
)
def test_capture_verdicts(regex: str, verdict: str | None) -> None:
    from hpt_request.rules.captures import capture_problem

    assert capture_problem(regex) == verdict
