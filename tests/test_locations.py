"""FILE:LINE:COL for every problem, in JSON and YAML files, through the command line.

The expected positions are found independently of :mod:`hpt_request.locations`: the request is
changed at the problem's path (a key renamed, or a value replaced, by a marker), written out the
same way, and the marker is searched for in the text. The text before the marker is the same in
both writings, so the marker stands where the original key or value starts.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from hpt_request.check import validate
from hpt_request.model import examples
from hpt_request.rules import RULES
from hpt_request.text.locations import Position, Syntax, positions
from tests.corpus import golden_invalid
from tests.test_cli import run

MARK = "ZZMARKZZ"
STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
KEY_CODES = {"additionalProperties", "propertyNames"}


def steps_of(path: str) -> list[str | int]:
    """The steps of a rendered wire path (members, [index], ["key"])."""
    found: list[str | int] = []
    index = 0
    while index < len(path):
        match = STEP.match(path, index)
        assert match, path
        member, item, key = match.groups()
        found.append(member if member else int(item) if item else json.loads(key))
        index = match.end()
    return found


def dump(data: Any, syntax: str) -> str:
    """``data`` as JSON, or as YAML that YAML 1.2 (how request files are read) reads back the
    same: ruamel.yaml's writer quotes a text such as ``1e-05``, which PyYAML's, writing YAML 1.1,
    leaves bare."""
    if syntax == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import io

    from ruamel.yaml import YAML

    writer = YAML(typ="safe", pure=True)
    writer.default_flow_style = False
    writer.width = 1_000_000
    writer.allow_unicode = True
    writer.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    stream = io.StringIO()
    writer.dump(data, stream)
    return stream.getvalue()


def _renamed(mapping: dict[str, Any], old: str) -> dict[str, Any]:
    return {(MARK if key == old else key): value for key, value in mapping.items()}


def _marked(data: Any, steps: list[str | int], *, key: bool) -> Any:
    """A copy of ``data`` with the key (or the value) at ``steps`` replaced by the marker."""
    marked = copy.deepcopy(data)
    if not steps:
        return MARK
    parent = marked
    for step in steps[:-1]:
        parent = parent[step]
    last = steps[-1]
    if key:
        assert isinstance(last, str)
        renamed = _renamed(parent, last)
        parent.clear()
        parent.update(renamed)
    else:
        parent[last] = MARK
    return marked


def _find(text: str, marked_text: str, syntax: str) -> Position:
    needle = f'"{MARK}"' if syntax == "json" else MARK
    offset = marked_text.index(needle)
    assert text[:offset] == marked_text[:offset]  # the marker stands where the original starts
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def expected_position(data: Any, code: str, path: str, syntax: str) -> Position:
    """Where the convention puts a problem, found with the marker."""
    steps = steps_of(path)
    text = dump(data, syntax)
    target: Any = data
    present = []
    for step in steps:
        try:
            target = target[step]
        except (KeyError, IndexError, TypeError):
            break  # a missing member: its parent object
        present.append(step)
    missing = len(present) < len(steps)
    if not present:
        return Position(1, 1)  # the request itself
    scalar = not isinstance(target, dict | list)
    last = present[-1]
    use_key = isinstance(last, str) and (code in KEY_CODES or missing or not scalar)
    return _find(text, dump(_marked(data, present, key=use_key), syntax), syntax)


GOLDEN = golden_invalid()


RULE_IDS = frozenset(rule.id for rule in RULES)


@pytest.mark.slow
@pytest.mark.parametrize("syntax", ["json", "yaml"])
def test_every_golden_invalid_problem_is_located(tmp_path: Path, syntax: str) -> None:
    """Each structural problem of each golden invalid file, written as JSON or as YAML, is
    reported at the line and column of its member (through the CLI's JSON output)."""
    files = {}
    for name, case in GOLDEN.items():
        path = tmp_path / f"{name}.{syntax}"
        path.write_text(dump(case["request"], syntax), encoding="utf-8")
        files[str(path)] = name
    result = run("validate", "--no-rules", "--format", "json", *files)
    assert result.returncode == 1, result.stderr
    checked = 0
    for report in json.loads(result.stdout)["files"]:
        case = GOLDEN[files[report["file"]]]
        found = sorted((p["code"], p["path"], p["line"], p["column"]) for p in report["problems"])
        expected = sorted(
            (
                e["code"],
                e["path"],
                *attrs_tuple(expected_position(case["request"], e["code"], e["path"], syntax)),
            )
            for e in case["expected"]
            if e["code"] not in RULE_IDS  # the command runs with --no-rules
        )
        assert found == expected, report["file"]
        checked += len(expected)
    assert checked >= len(GOLDEN)


def attrs_tuple(position: Position) -> tuple[int, int]:
    return (position.line, position.column)


def _problem_positions(text: str, syntax: Syntax) -> dict[tuple[str, str], str]:
    data = json.loads(text) if syntax == "json" else yaml.safe_load(text)
    problems = validate(data, rules=False)
    return {
        (p.code, p.path): str(position)
        for p, position in zip(problems, positions(text, syntax, problems), strict=True)
    }


def at(text: str, needle: str, *, after: str = "") -> str:
    """LINE:COL of ``needle`` (the first after ``after``), counted by hand from the text."""
    offset = text.index(needle, text.index(after) if after else 0)
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def test_compact_json_with_escapes_and_crlf() -> None:
    """Keys with escapes, several members on one line and CRLF line ends are located exactly."""
    text = (
        '{"HyperParameterTuningJobName": "a b",\r\n'
        ' "Tags": [{"Key": "x", "Value": "y"}, {"Key": "", "Value": "\\u00e9"}],'
        ' "Fo\\u006f": 1}'
    )
    found = _problem_positions(text, "json")
    assert found[("pattern", "HyperParameterTuningJobName")] == at(text, '"a b"')
    assert found[("additionalProperties", "Foo")] == at(text, '"Fo')
    assert found[("minLength", "Tags[1].Key")] == at(text, '""')
    assert found[("required", "HyperParameterTuningJobConfig")] == "1:1"


def test_yaml_flow_anchors_merge_keys_and_accents() -> None:
    """YAML: flow collections, merged entries (at their anchor) and accented text before a value
    (columns count characters, not bytes)."""
    text = (
        "# é\n"
        "base: &base {Value: é, Key: a!}\n"
        "HyperParameterTuningJobName: 'é'\n"
        "Tags:\n"
        "  - <<: *base\n"
        "    Value: v\n"
        "  - {Key: 'ok', Valeur: 1}\n"
    )
    found = _problem_positions(text, "yaml")
    assert found[("additionalProperties", "base")] == at(text, "base")
    assert found[("pattern", "HyperParameterTuningJobName")] == at(text, "'é'")
    assert found[("additionalProperties", "Tags[1].Valeur")] == at(text, "Valeur")
    assert found[("required", "Tags[1].Value")] == at(text, "{Key: 'ok'")
    assert found[("pattern", "Tags[0].Key")] == at(text, "a!}")  # merged: where written


def test_rule_problems_are_located(tmp_path: Path) -> None:
    """A cross-field rule's problem points at the member it names, in the text output."""
    request = examples.load("bayesian")
    request["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 20
    path = tmp_path / "wide.json"
    text = json.dumps(request, indent=2)
    path.write_text(text, encoding="utf-8")
    result = run("validate", str(path))
    line = result.stdout.splitlines()[0]
    number = next(
        index
        for index, content in enumerate(text.splitlines(), 1)
        if '"MaxParallelTrainingJobs": 20' in content
    )
    column = text.splitlines()[number - 1].index("20") + 1
    assert line.startswith(
        f"{path}:{number}:{column}: HyperParameterTuningJobConfig.ResourceLimits."
        "MaxParallelTrainingJobs: max-parallel-quota: warning: "
    )
