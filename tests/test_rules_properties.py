"""Properties of the rules layer: it never raises and does not depend on key order."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hpt_request import from_wire, rules, validate
from tests.corpus import golden_valid
from tests.wire_strategies import mutated, requests

GOLDEN = sorted(golden_valid().values(), key=json.dumps)
STRUCTURALLY_VALID = st.one_of(requests(), mutated(st.sampled_from(GOLDEN))).filter(
    lambda wire: not validate(wire, rules=False)
)


def _reversed(value: Any) -> Any:
    """The same JSON with every object's keys in reverse order."""
    if isinstance(value, dict):
        return {key: _reversed(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed(item) for item in value]
    return value


def _as_parent(wire: dict[str, Any], name: str) -> dict[str, Any]:
    describe: dict[str, Any] = json.loads(json.dumps(wire))
    describe["HyperParameterTuningJobName"] = name
    describe["HyperParameterTuningJobStatus"] = "Completed"
    return describe


@given(STRUCTURALLY_VALID, st.sampled_from(GOLDEN))
def test_rules_never_raise(wire: dict[str, Any], other: dict[str, Any]) -> None:
    """Every rule runs to the end on any structurally valid request, with or without parents."""
    request = from_wire(wire, rules=False)
    found = rules.run(request)
    assert all(problem.code in {r.id for r in rules.RULES} for problem in found)
    warm = wire.get("WarmStartConfig")
    names = (
        [p.get("HyperParameterTuningJobName", "") for p in warm["ParentHyperParameterTuningJobs"]]
        if warm
        else []
    )
    parents = {name: _as_parent(other, name) for name in names}
    rules.run(request, parents=parents)


@given(STRUCTURALLY_VALID)
def test_rules_do_not_depend_on_key_order(wire: dict[str, Any]) -> None:
    """Reordering the keys of every object (maps included) gives the same problems."""
    assert validate(_reversed(wire)) == validate(wire)


def test_golden_requests_are_rule_clean() -> None:
    """No false alarms: the golden valid requests and the bundled examples raise no problem."""
    assert {name: validate(wire) for name, wire in golden_valid().items() if validate(wire)} == {}
