"""A rule's finding survives a structural defect elsewhere in the request: a problem in one
member makes the rules that read it be skipped, never the others."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from hpt_request import validate
from tests.test_rules import FAILING, Case

# An unrelated defect: a tag whose value is longer than the API allows (256 characters). The
# rules about tags read their keys and values, so for them the defect is a stopping condition
# below the minimum instead, which they do not read.


def _with_long_tag_value(wire: dict[str, Any]) -> tuple[str, str]:
    tags = wire.setdefault("Tags", [])
    tags.append({"Key": "unrelated-defect", "Value": "v" * 300})
    return "maxLength", f"Tags[{len(tags) - 1}].Value"


def _with_no_runtime(wire: dict[str, Any]) -> tuple[str, str]:
    definitions = wire.get("TrainingJobDefinitions") or [wire["TrainingJobDefinition"]]
    definitions[-1]["StoppingCondition"]["MaxRuntimeInSeconds"] = 0
    prefix = (
        f"TrainingJobDefinitions[{len(definitions) - 1}]"
        if "TrainingJobDefinitions" in wire
        else "TrainingJobDefinition"
    )
    return "minimum", f"{prefix}.StoppingCondition.MaxRuntimeInSeconds"


def _defect_for(case: Case) -> Any:
    from hpt_request.rules import RULES

    topic = next(rule.topic for rule in RULES if rule.id == case.rule)
    reads_tags = topic == "tags_environment" or case.rule == "policy-required-tags"
    return _with_no_runtime if reads_tags else _with_long_tag_value


@pytest.mark.parametrize("case", FAILING, ids=[case.id for case in FAILING])
def test_a_finding_survives_a_defect_elsewhere(case: Case) -> None:
    wire = case.build()
    if "StoppingCondition" in repr(case.expected) or "MaxRuntime" in repr(case.expected):
        defect = _with_long_tag_value
    else:
        defect = _defect_for(case)
    broken = copy.deepcopy(wire)
    code, path = defect(broken)
    found = validate(broken, parents=case.parent_responses(), settings=case.settings)
    own = sorted((p.path, p.severity) for p in found if p.code == case.rule)
    assert own == sorted(case.expected)
    assert (code, path) in {(p.code, p.path) for p in found}


RANGE = re.compile(r"(.*ParameterRanges\.(\w+ParameterRanges))\[(\d+)\]")


SIBLINGS: dict[str, tuple[dict[str, Any], str]] = {
    "IntegerParameterRanges": (
        {"Name": "sibling_defect", "MinValue": "1", "MaxValue": "5", "ScalingType": "Log"},
        "enum",
    ),
    "ContinuousParameterRanges": (
        {"Name": "sibling_defect", "MinValue": "0.1", "MaxValue": "0.5", "ScalingType": "Log"},
        "enum",
    ),
    "CategoricalParameterRanges": ({"Name": "sibling_defect", "Values": []}, "minItems"),
}


def _sibling_defect(wire: dict[str, Any], holder: str, kind: str) -> tuple[str, str]:
    """A range of its own added to the list at ``holder`` (a wire path), with a structural
    defect: a ScalingType no API has, or no categorical values. Its code and path."""
    node: Any = wire
    for step in re.findall(r"[A-Za-z]+|\[\d+\]", holder):
        node = node[int(step[1:-1])] if step.startswith("[") else node[step]
    ranges = node[kind]
    sibling, code = SIBLINGS[kind]
    ranges.append(copy.deepcopy(sibling))
    return code, f"{holder}.{kind}[{len(ranges) - 1}]"


RANGE_CASES = [
    case for case in FAILING if any(RANGE.match(path) for path, _severity in case.expected)
]


@pytest.mark.parametrize("case", RANGE_CASES, ids=[case.id for case in RANGE_CASES])
def test_a_range_finding_survives_a_defect_in_a_sibling_range(case: Case) -> None:
    """A finding about one range survives a structural defect in another range of its list."""
    wire = case.build()
    path = next(path for path, _severity in case.expected if RANGE.match(path))
    match = RANGE.match(path)
    assert match is not None
    holder = match.group(1).rsplit(".", 1)[0]
    parents = case.parent_responses()
    code, sibling = _sibling_defect(wire, holder, match.group(2))
    found = validate(wire, parents=parents, settings=case.settings)
    assert code in {p.code for p in found if p.path.startswith(f"{sibling}.")}
    mine = [p for p in found if p.code == case.rule]
    own = {(p.path, p.severity) for p in mine}
    assert set(case.expected) <= own
    # The rule may judge the added range too: anything else it reports is about that range.
    others = [p for p in mine if (p.path, p.severity) not in set(case.expected)]
    assert all(
        p.path == sibling or p.path.startswith(f"{sibling}.") or '"sibling_defect"' in p.message
        for p in others
    )
