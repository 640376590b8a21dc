"""A real notebook run: a Jupyter kernel executes cells and we read what it would display.

The notebook is executed offline by nbclient with this environment's ipykernel, so the
rendering goes through IPython's own display machinery, exactly as in Jupyter: a bare cell's
``execute_result`` carries every representation the object offers.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import nbclient
import nbformat
import pytest

BUILD = """\
from hpt_request import Continuous, Integer, tuning_job

request = tuning_job(
    "churn-xgb-1",
    objective_metric="validation:auc",
    search_space={"eta": Continuous(0, 0.3, scaling="Logarithmic"), "max_depth": Integer(3, 10)},
    image="683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    role="arn:aws:iam::123456789012:role/SageMakerRole",
    output_path="s3://bucket/output/",
    static_hyperparameters={"num_round": 100},
    strategy="Hyperband",
    early_stopping="Auto",
    max_jobs=30,
    max_parallel=20,
)
"""


def run_notebook(*cells: str) -> list[Any]:
    """Execute code cells in a fresh kernel; return each cell's outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3")
    client.execute()
    return [cell.outputs for cell in notebook.cells]


def result(outputs: list[Any]) -> dict[str, str]:
    (found,) = [output for output in outputs if output.output_type == "execute_result"]
    data: dict[str, str] = found.data
    return data


@pytest.fixture(scope="module")
def outputs() -> list[Any]:
    return run_notebook(BUILD, "request", "request.summary()", "print(request.summary())")


@pytest.mark.slow
def test_bare_request_cell_shows_verdict_and_problems(outputs: list[Any]) -> None:
    """A bare ``request`` cell renders HTML: the verdict first, each problem in its place."""
    root = ET.fromstring(result(outputs[1])["text/html"])
    assert root[0].get("class") == "hpt-verdict hpt-error"
    assert "3 errors, 1 warning" in (root[0].text or "")
    row = next(row for row in root.iter("tr") if row[0].tag == "td" and row[1].text == "eta")
    assert [item.findtext("a/code") for item in row.iter("li")] == ["log-scale-positive"]


@pytest.mark.slow
def test_bare_summary_cell_shows_text_and_table(outputs: list[Any]) -> None:
    """A bare ``request.summary()`` cell gives laid-out text (no quoted \\n) and an HTML table."""
    data = result(outputs[2])
    plain = data["text/plain"]
    assert plain.startswith("Tuning job churn-xgb-1: Hyperband search\nObjective:")
    assert "\\n" not in plain
    assert not plain.startswith("'")
    table = ET.fromstring(data["text/html"])
    names = [row[1].text for row in table.iter("tr") if row[0].tag == "td"]
    assert names == ["max_depth", "eta"]


@pytest.mark.slow
def test_printed_summary_is_the_plain_text(outputs: list[Any]) -> None:
    """``print(request.summary())`` writes the same text as the bare cell's plain form."""
    (stream,) = outputs[3]
    assert stream.name == "stdout"
    assert stream.text == result(outputs[2])["text/plain"] + "\n\n"
