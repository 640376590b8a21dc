"""The request in a notebook: the summary's text and HTML, problems next to their fields."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from IPython.core.formatters import DisplayFormatter

from hpt_request import Continuous, Integer, from_wire, tuning_job
from hpt_request.model import examples
from hpt_request.text.display import Summary, verdict_text

EXPECTED = Path(__file__).parent / "data" / "summaries"
IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"


def broken_request() -> Any:
    """Three errors and a warning, each about a different part of the request."""
    return tuning_job(
        "churn-xgb-1",
        objective_metric="validation:auc",
        search_space={
            "eta": Continuous(0, 0.3, scaling="Logarithmic"),  # log-scale-positive (error)
            "max_depth": Integer(3, 10),
        },
        image=IMAGE,
        role="arn:aws:iam::123456789012:role/SageMakerRole",
        output_path="s3://bucket/output/",
        static_hyperparameters={"num_round": 100},  # XGBoost requires it
        strategy="Hyperband",  # hyperband-max-resource (error)
        early_stopping="Auto",  # hyperband-early-stopping-off (error)
        max_jobs=30,
        max_parallel=20,  # max-parallel-quota (warning)
    )


def test_every_example_has_an_expected_summary() -> None:
    """Each bundled example has a hand-written expected summary, and no file is left over."""
    assert sorted(path.stem for path in EXPECTED.glob("*.txt")) == examples.names()


@pytest.mark.parametrize("name", examples.names())
def test_summary_of_example(name: str) -> None:
    """The summary of a bundled example is the text written by hand for it."""
    expected = (EXPECTED / f"{name}.txt").read_text(encoding="utf-8")
    assert from_wire(examples.load(name)).summary() == expected


def test_autotune_says_search_space_once() -> None:
    """An Autotune request without ranges says "Search space:" once, with the reason."""
    text = from_wire(examples.load("autotune")).summary()
    assert text.count("Search space") == 1


def test_builder_default_runtime_is_marked() -> None:
    """A request built without max_runtime leaves it to SageMaker, and the summary says so."""
    text = broken_request().summary()
    assert "x 24 h (default) = 720 instance-hours" in text


def test_summary_is_a_plain_str_with_rich_displays() -> None:
    """summary() is a str; str() gives a plain str, repr() the text, _repr_html_ a table."""
    summary = from_wire(examples.load("bayesian")).summary()
    assert isinstance(summary, Summary)
    assert type(str(summary)) is str
    assert repr(summary) == str(summary)
    assert "\\n" not in repr(summary)
    table = ET.fromstring(summary._repr_html_())
    cells = [cell.text for cell in table.iter("td")]
    assert cells[:5] == ["TrainingJobDefinition", "max_depth", "integer", "3 .. 10", "Auto"]


def test_ipython_formats_the_summary_as_text_and_html() -> None:
    """IPython's display machinery gives the summary's text unquoted and its HTML table."""
    summary = from_wire(examples.load("grid")).summary()
    data, _metadata = DisplayFormatter().format(summary)
    assert data["text/plain"] == summary.rstrip("\n")
    assert "<table>" in data["text/html"]


def _tree(request: Any) -> ET.Element:
    return ET.fromstring(request._repr_html_())


def _problem_codes(element: ET.Element) -> list[tuple[str, str]]:
    """(class, code) of every problem item under ``element`` (the code is a link to its rule)."""
    return [(item.get("class", ""), item.findtext("a/code") or "") for item in element.iter("li")]


def test_each_problem_links_to_its_rule() -> None:
    """A problem's code links to its entry in the rule catalogue."""
    links = [a.get("href", "") for a in _tree(broken_request()).iter("a")]
    assert any(link.endswith("rules.html#log-scale-positive") for link in links)


def test_repr_html_shows_verdict_first() -> None:
    """The first thing the request shows is a one-line verdict counting errors and warnings."""
    verdict = _tree(broken_request())[0]
    assert verdict.tag == "p"
    assert verdict.get("class") == "hpt-verdict hpt-error"
    assert "3 errors, 1 warning" in (verdict.text or "")
    clean = _tree(from_wire(examples.load("bayesian")))[0]
    assert clean.get("class") == "hpt-verdict hpt-clean"


def test_repr_html_puts_problems_next_to_their_fields() -> None:
    """A range's problem is in its row, a budget problem under the budget line."""
    root = _tree(broken_request())
    rows = {row[1].text: row for row in root.iter("tr") if row[0].tag == "td"}
    assert _problem_codes(rows["eta"]) == [("hpt-error", "log-scale-positive")]
    assert _problem_codes(rows["max_depth"]) == []
    lines = {
        (div.text or (div.findtext("b") or "")).split(":")[0]: div
        for div in root.iter("div")
        if div.get("class") is None
    }
    assert _problem_codes(lines["Budget"]) == [("hpt-warning", "max-parallel-quota")]
    assert sorted(_problem_codes(lines["Tuning job churn-xgb-1"])) == [
        ("hpt-error", "hyperband-early-stopping-off"),
        ("hpt-error", "hyperband-max-resource"),
    ]


def test_errors_and_warnings_are_styled_apart() -> None:
    """Errors and warnings differ in colour, mark and word."""
    items = {item.get("class"): item for item in _tree(broken_request()).iter("li")}
    error, warning = items["hpt-error"], items["hpt-warning"]
    assert error.get("style") != warning.get("style")
    assert (error.text or "").split()[:2] == ["\u2717", "error"]
    assert (warning.text or "").split()[:2] == ["\u26a0", "warning"]


def test_verdict_text() -> None:
    """The verdict counts blocking and non-blocking problems, singular and plural."""
    problems = broken_request().validate()
    assert verdict_text([]).startswith("Ready: no problem")
    assert verdict_text(problems) == (
        "Not ready: 3 errors, 1 warning; SageMaker would reject this request"
    )
    warnings = [p for p in problems if not p.blocking]
    assert verdict_text(warnings) == "Ready, with 1 warning to read: nothing blocks the request"
