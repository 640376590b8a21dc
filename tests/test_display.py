"""The request in a notebook: the summary's text and HTML, problems next to their fields."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest
from IPython.core.formatters import DisplayFormatter

from hpt_request import CategoricalParameterRange, Continuous, Integer, from_wire, tuning_job
from hpt_request.model import examples
from hpt_request.text.display import WHOLE_WORD, Summary, verdict_text
from hpt_request.text.summary import MAX_CELL

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


def _bayesian() -> Any:
    return from_wire(examples.load("bayesian"))


def _config_none(request: Any) -> None:
    request.hyper_parameter_tuning_job_config = None


def _range_name_none(request: Any) -> None:
    request.hyper_parameter_tuning_job_config.parameter_ranges.integer_parameter_ranges[
        0
    ].name = None


def _max_parallel_none(request: Any) -> None:
    request.hyper_parameter_tuning_job_config.resource_limits.max_parallel_training_jobs = None


def _limits_none(request: Any) -> None:
    request.hyper_parameter_tuning_job_config.resource_limits = None


def _resource_config_text(request: Any) -> None:
    request.training_job_definition.resource_config = "ml.m5.xlarge"


def _resource_config_dict(request: Any) -> None:
    request.training_job_definition.resource_config = {"InstanceType": "ml.m5.xlarge"}


def _stopping_condition_none(request: Any) -> None:
    request.training_job_definition.stopping_condition = None


def _definition_none(request: Any) -> None:
    request.training_job_definition = None


def _ranges_list(request: Any) -> None:
    request.hyper_parameter_tuning_job_config.parameter_ranges = [1, 2]


def _categorical_values_none(request: Any) -> None:
    """(Values and bounds refuse None when assigned: set past the model's converters.)"""
    ranges = request.hyper_parameter_tuning_job_config.parameter_ranges
    booster = CategoricalParameterRange.of("booster", "gbtree", "dart")
    object.__setattr__(booster, "values", None)
    ranges.categorical_parameter_ranges = [booster]


def _bound_none(request: Any) -> None:
    ranges = request.hyper_parameter_tuning_job_config.parameter_ranges
    object.__setattr__(ranges.continuous_parameter_ranges[0], "min_value", None)


def _objective_text(request: Any) -> None:
    request.hyper_parameter_tuning_job_config.hyper_parameter_tuning_job_objective = "auc"


def _name_none(request: Any) -> None:
    request.hyper_parameter_tuning_job_name = None


BREAKAGES = [
    _config_none,
    _range_name_none,
    _max_parallel_none,
    _limits_none,
    _resource_config_text,
    _resource_config_dict,
    _stopping_condition_none,
    _definition_none,
    _ranges_list,
    _categorical_values_none,
    _bound_none,
    _objective_text,
    _name_none,
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.__name__.strip("_") for b in BREAKAGES])
def test_a_broken_request_is_summarised_with_its_problems(breakage: Any) -> None:
    """A required member set to None or a member of the wrong type: summary() and _repr_html_
    render what can be read (? for what cannot) and show every problem validate() reports."""
    request = _bayesian()
    breakage(request)
    problems = request.validate()
    assert problems
    assert "unreadable" not in [p.code for p in problems]
    text = request.summary()
    assert text.startswith("Tuning job ")
    assert "Budget: " in text
    for problem in problems:
        assert str(problem) in text
    page = request._repr_html_()
    root = ET.fromstring(page)
    assert "Tuning job " in "".join(root.itertext())
    shown = {item.findtext("a/code") for item in root.iter("li")}
    assert {p.code for p in problems} <= shown
    assert ET.fromstring(text._repr_html_()) is not None


def test_what_can_be_read_is_still_shown() -> None:
    """A broken member leaves the rest of the summary as it was."""
    request = _bayesian()
    _range_name_none(request)
    text = request.summary()
    assert "Tuning job churn-xgb-bayes-20240615: Bayesian search" in text
    assert "Objective: Maximize validation:auc" in text
    assert ["TrainingJobDefinition", "?", "integer", "3 .. 10", "Auto"] in [
        re.split(r"\s{2,}", line.strip()) for line in text.splitlines()
    ]
    assert "eta" in text


def test_a_clean_summary_lists_no_problems() -> None:
    """A request without problems has a summary without a problems section."""
    assert "Problems" not in _bayesian().summary()


def test_the_text_is_bounded_by_cutting_long_cells() -> None:
    """2,000 rows and one 100,000-character name: each cell is cut to MAX_CELL characters with
    an ellipsis, and the text says so (it grew as rows x widest cell: 200 MB)."""
    request = _bayesian()
    ranges = request.hyper_parameter_tuning_job_config.parameter_ranges
    template = ranges.integer_parameter_ranges[0]
    rows = [attrs.evolve(template, name=f"p{index}") for index in range(2000)]
    rows[0] = attrs.evolve(template, name="n" * 100_000)
    ranges.integer_parameter_ranges = rows
    text = str(request.summary())
    assert len(text) < 1_000_000
    assert "n" * MAX_CELL not in text
    assert "n" * (MAX_CELL - 1) + "\u2026" in text
    assert f"cut to {MAX_CELL} characters" in text
    assert all(len(line) < 400 for line in text.splitlines()[:2010] if "p1" in line)


def _members(obj: Any, at: tuple[Any, ...] = ()) -> list[tuple[object, str, tuple[Any, ...]]]:
    """(object, field name, location) of every member of a model object, however deep."""
    found = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        where = (*at, field.name)
        found.append((obj, field.name, where))
        if attrs.has(type(value)):
            found += _members(value, where)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    found += _members(item, (*where, index))
    return found


@pytest.mark.parametrize("name", ["bayesian", "multi-algorithm", "hyperband"])
@pytest.mark.parametrize("wrong", [None, "x", {"Key": "v"}, [1]], ids=repr)
def test_any_member_of_any_type_is_summarised(name: str, wrong: object) -> None:
    """Every member of an example, in turn, set (past the model's converters) to None or to a
    value of another type: summary() and _repr_html_ never raise, and list every problem."""
    for index in range(len(_members(from_wire(examples.load(name))))):
        request = from_wire(examples.load(name))
        holder, field, _ = _members(request)[index]
        object.__setattr__(holder, field, wrong)
        text = request.summary()
        for problem in request.validate():
            assert str(problem) in text
        ET.fromstring(request._repr_html_())


def test_the_quickstart_states_the_cut() -> None:
    """The quickstart says how long a cell of the text's table may be."""
    page = (Path(__file__).parent.parent / "docs" / "quickstart.md").read_text(encoding="utf-8")
    assert f"longer than {MAX_CELL} characters" in page


def _style(element: ET.Element) -> dict[str, str]:
    pairs = [part.split(":", 1) for part in (element.get("style") or "").split(";") if ":" in part]
    return {name.strip(): value.strip() for name, value in pairs}


def _inherited(root: ET.Element, element: ET.Element, name: str) -> str | None:
    """The value of the inherited CSS property ``name`` on ``element``, from the inline styles
    of it and its ancestors."""
    parents = {child: parent for parent in root.iter() for child in parent}
    node: ET.Element | None = element
    while node is not None:
        if name in _style(node):
            return _style(node)[name]
        node = parents.get(node)
    return None


def test_problems_wrap_to_the_width_of_the_notebook() -> None:
    """Wire paths (long words without spaces, in <code>) may break anywhere, so every message
    fits a narrow notebook: overflow-wrap:anywhere reaches every problem and its code, and code
    keeps pre-wrap against a notebook stylesheet's `white-space: pre`; nothing is nowrap. (The
    headless browser check, docs/browser_check.py, measures it at 900 px.)"""
    root = _tree(broken_request())
    problems = [*root.iter("li"), *root.iter("code")]
    assert problems
    for element in [*problems, *root.iter("td"), *root.iter("th")]:
        assert _inherited(root, element, "white-space") in (None, "pre-wrap"), element.tag
    for element in problems:
        assert _inherited(root, element, "overflow-wrap") == "anywhere", ET.tostring(element)
    assert all(_style(code).get("white-space") == "pre-wrap" for code in root.iter("code"))
    for line in root.iter("div"):
        if line.get("class") is None and line.find("b") is not None:
            assert _style(line).get("overflow-wrap") == "anywhere"


def test_cells_break_between_words_and_in_words_too_long_to_fit() -> None:
    """A cell of the search space breaks between words, and a word longer than WHOLE_WORD
    characters after every WHOLE_WORD of them (<wbr/>): no column is squeezed into pieces of
    words, and no name pushes the problems past the edge."""
    request = _bayesian()
    ranges = request.hyper_parameter_tuning_job_config.parameter_ranges
    name = "n" * (3 * WHOLE_WORD + 5)
    ranges.integer_parameter_ranges[0].name = name
    root = _tree(request)
    (cell,) = [cell for cell in root.iter("td") if "".join(cell.itertext()) == name]
    assert len(cell.findall("wbr")) == 3
    short = [c for c in root.iter("td") if "".join(c.itertext()) == "TrainingJobDefinition"]
    assert short
    assert all(not c.findall("wbr") for c in short)
