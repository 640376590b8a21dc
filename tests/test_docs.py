"""The code examples in the README run as written."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

from hpt_request import validate

ROOT = Path(__file__).resolve().parent.parent


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_readme_notebook_example_runs() -> None:
    """The README's notebook example builds a valid request and prints its wire JSON."""
    block = python_blocks(ROOT / "README.md")[0]
    assert len(block.splitlines()) <= 20
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})
    wire = json.loads(printed.getvalue())
    assert wire["HyperParameterTuningJobName"] == "churn-xgb-1"
    ranges = wire["HyperParameterTuningJobConfig"]["ParameterRanges"]
    assert ranges["ContinuousParameterRanges"][0]["MinValue"] == "0.001"
    assert validate(wire) == []


def test_readme_property_example_runs() -> None:
    """The README's property-based example defines tests that pass when run."""
    block = python_blocks(ROOT / "README.md")[1]
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert len(tests) == 2
    for test in tests:
        assert callable(test)
        test()


def test_readme_names_the_test_command() -> None:
    """The README's test command is the one CI runs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in readme
    assert ".venv/bin/python -m pytest" in ci
