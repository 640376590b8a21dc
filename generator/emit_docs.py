"""Emit ``docs/rules.md``, the rule catalogue, and ``hpt_request/rules/data/rule_examples.json``.

One summary table, then one section per rule with an anchor named after the rule id (so every
problem can link to ``rules.md#<id>``): what it checks, its default severity, why that severity
(where it was a judgement), its evidence with links, and one request it flags. The example is
the first failing case of the rule in ``tests/test_rules.py`` (a bundled example or golden file
with one change), written as the change from that request; the generator runs ``validate`` on
it and fails if the rule does not flag it. The same examples go into the package's data, for
``hpt-request rules ID``.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from typing import Any

DG = "https://docs.aws.amazon.com/sagemaker/latest/dg/"
API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
TOPIC_TITLES = {
    "multi_algorithm": "Definitions: one or several",
    "training": "Training job definition",
    "builtin": "Built-in algorithms",
    "strategy": "Strategy, objective, Hyperband, Grid",
    "budget": "Budget and quotas",
    "search_space": "Search space",
    "tags_environment": "Tags and environment",
    "secrets": "Secrets in hyperparameters and environment",
    "warm_start": "Warm start",
    "security": "Security group (opt-in)",
    "policy": "Team policies (each run when its policy is set)",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _linked(source: str) -> str:
    """The source with its references as Markdown links."""
    source = re.sub(
        r"\bDG:([a-z0-9-]+)",
        lambda m: f"[DG: {m.group(1)}]({DG}{m.group(1)}.html)",
        source,
    )
    source = re.sub(
        r"\bSM:([A-Za-z0-9]+)(?:\.([A-Za-z0-9]+))?",
        lambda m: f"[botocore model: {m.group(0)[3:]}]({API}API_{m.group(1)}.html)",
        source,
    )
    return re.sub(
        r"(?<![\w/.\[])([A-Za-z0-9-]+/[A-Za-z0-9_.-]+)#([0-9]+)",
        lambda m: f"[{m.group(0)}](https://github.com/{m.group(1)}/issues/{m.group(2)})",
        source,
    )


def _structural_section() -> list[str]:
    """One anchored entry per structural code, so that every problem links to its meaning."""
    from hpt_request.text.codes import STRUCTURAL

    lines = [
        "",
        "## Structural checks",
        "",
        "These codes come from the JSON Schema generated from botocore's model (the keyword that "
        "failed) or say that the input could not be checked as a request. Each problem names "
        "the member by its wire path and says what is allowed.",
    ]
    for code, (severity, meaning) in STRUCTURAL.items():
        lines += ["", f"### `{code}` {{#{code}}}", "", meaning, "", f"- **Severity:** {severity}"]
    return lines


def _online_section() -> list[str]:
    """One anchored entry per code of the online pre-flight (``validate --online``)."""
    from hpt_request.text.codes import ONLINE

    lines = [
        "",
        "## Online checks",
        "",
        "These codes come from `hpt-request validate --online` and `validate_online()`: "
        "read-only AWS calls about the account's resources (see the online page). Each "
        "problem's message names the call that found it.",
    ]
    for code, (severity, meaning, evidence) in ONLINE.items():
        lines += [
            "",
            f"### `{code}` {{#{code}}}",
            "",
            meaning,
            "",
            f"- **Severity:** {severity}",
            f"- **Evidence:** {_linked(evidence)}",
        ]
    return lines


def _tuner_section() -> list[str]:
    """One anchored entry per code of ``check_tuner()`` (settings an SDK tuner lost)."""
    from hpt_request.text.codes import TUNER

    lines = [
        "",
        "## SDK tuner checks",
        "",
        "These codes come from `check_tuner()`: a setting given to the SageMaker Python SDK's "
        "tuner or its ModelTrainer that the request the SDK builds lacks or changes (see the "
        "integrations page). Each problem's message names the setting as the program wrote it.",
    ]
    for code, (severity, meaning, evidence) in TUNER.items():
        lines += [
            "",
            f"### `{code}` {{#{code}}}",
            "",
            meaning,
            "",
            f"- **Severity:** {severity}",
            f"- **Evidence:** {_linked(evidence)}",
        ]
    return lines


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= 70:
        return f"`{text}`"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"an object with {len(value)} members"
    return f"`{text[:60]}...`"


def _path(steps: tuple[str | int, ...]) -> str:
    out = ""
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", step) and not (
            out.endswith(("StaticHyperParameters", "Environment"))
        ):
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return out


# Beyond this many members added to one object, the example says how many, not each one.
_LISTED_ADDITIONS = 3


def _changes(old: Any, new: Any, at: tuple[str | int, ...] = ()) -> list[str]:
    """The edits that turn ``old`` into ``new``, as sentences about wire paths."""
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[str] = []
        for key in old:
            if key not in new:
                found.append(f"remove `{_path((*at, key))}`")
            else:
                found += _changes(old[key], new[key], (*at, key))
        added = [key for key in new if key not in old]
        if len(added) > _LISTED_ADDITIONS:  # one sentence, not one per member
            values = {json.dumps(new[key], sort_keys=True) for key in added}
            each = f", each = {_shown(new[added[0]])}" if len(values) == 1 else ""
            found.append(
                f"add {len(added)} members to `{_path(at)}`, from `{added[0]}` to "
                f"`{added[-1]}`{each}"
            )
            return found
        for key in added:
            found.append(f"add `{_path((*at, key))}` = {_shown(new[key])}")
        return found
    if isinstance(old, list) and isinstance(new, list):
        if len(old) == len(new):
            return [
                c
                for i, (a, b) in enumerate(zip(old, new, strict=True))
                for c in _changes(a, b, (*at, i))
            ]
        if new[: len(old)] == old:
            added = new[len(old) :]
            what = _shown(added[0]) if len(added) == 1 else f"{len(added)} items"
            return [f"append to `{_path(at)}`: {what}"]
    if old == new:
        return []
    return [f"set `{_path(at)}` to {_shown(new)}"]


def _base_name(base: str) -> str:
    kind, name = base.split("/", 1)
    if kind == "example":
        return f"the bundled example `{name}` (`hpt-request example {name}`)"
    if kind == "realworld":
        return f"the real-world request `tests/realworld/{name}.json` of the source repository"
    return f"the golden request `tests/golden/valid/{name}.json` of the source repository"


def _policy_note(settings: Any) -> str:
    """The policies (and region) a policy rule's example sets, in the TOML table's words."""
    from hpt_request.rules.policy_table import KEYS

    set_here = [
        f"{key} = {_toml_value(settings.policy.get(key))}"
        for key in KEYS
        if settings.policy.get(key) is not None
    ]
    note = f" With `[tool.hpt-request.policy]` {', '.join(f'`{s}`' for s in set_here)}."
    if settings.region:
        note += f" With `--region {settings.region}`."
    if settings.prices is not None:
        rows = "; ".join(
            f"`{region},{instance_type},{usd:g}`"
            for (region, instance_type), usd in sorted(settings.prices.rates.items())
        )
        note += f" With the price table (`--prices`) {rows}."
    return note


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(json.dumps(item) for item in value) + "]"
    if isinstance(value, dict):
        if all(pattern is None for pattern in value.values()):
            return "[" + ", ".join(json.dumps(key) for key in value) + "]"
        return "{" + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value) if isinstance(value, str) else str(value)


def rule_examples() -> dict[str, str]:
    """One request each rule flags, as Markdown, from the rule tests' first failing case."""
    from hpt_request import validate
    from tests import test_rules

    found: dict[str, str] = {}
    for case in test_rules.FAILING:
        if case.rule in found:
            continue
        base = copy.deepcopy(test_rules.VALID[case.base])
        wire = case.build()
        found_problems = validate(wire, parents=case.parent_responses(), settings=case.settings)
        flagged = [p for p in found_problems if p.code == case.rule]
        if not flagged:
            raise ValueError(f"the example of rule {case.rule} is not flagged by it")
        changes = _changes(base, wire) or ["no change"]
        where = ", ".join(sorted({f"`{p.path or '<request>'}`" for p in flagged}))
        parents = (
            " With the parent jobs' Describe responses passed as `parents`."
            if case.parents is not None
            else ""
        )
        if case.settings is not None and case.settings.enable:
            parents += f' With the opt-in rule enabled (`enable = ["{case.rule}"]`).'
        if case.settings is not None and case.rule.startswith("policy-"):
            parents += _policy_note(case.settings)
        found[case.rule] = (
            f"Start from {_base_name(case.base)}, then "
            + "; ".join(changes)
            + "."
            + parents
            + f" The rule reports it at {where}."
        )
    return found


def rule_examples_file(examples: dict[str, str]) -> str:
    """``hpt_request/rules/data/rule_examples.json``: the examples ``hpt-request rules ID``
    prints."""
    document = {
        "about": {
            "generated_by": "python -m generator",
            "how": (
                "For each rule, its first failing case in tests/test_rules.py, written as the "
                "change from a bundled example or golden request; the generator checks that "
                "validate() flags it. The same text is in docs/rules.md."
            ),
            "regenerate": "python -m generator (python -m generator check fails when stale)",
        },
        "examples": examples,
    }
    return json.dumps(document, indent=1, ensure_ascii=True) + "\n"


def rules_page(examples: dict[str, str] | None = None) -> str:
    from hpt_request.rules import RULES, TOPICS

    counts = Counter(rule.severity for rule in RULES)
    if examples is None:
        examples = rule_examples()
    lines = [
        "<!-- GENERATED by `python -m generator` from the registry in hpt_request/rules/. "
        "Do not edit: change the rules, then regenerate. -->",
        "",
        "# Rule catalogue",
        "",
        f"`validate()` runs {len(RULES)} cross-field rules in the same pass as the structural "
        f"check ({counts['error']} error by default, {counts['warning']} warning). An "
        "**error** blocks (`from_wire` raises, the command line exits 1); a **warning** is "
        "reported but does not block unless `strict=True` (`--strict`). Each problem's `code` "
        "is the rule id. A rule whose inputs failed the structural check is skipped; the others "
        "still report.",
        "",
        "Every default severity rests on evidence: an **error** is something AWS documents as a "
        "must or was quoted rejecting; where the evidence is missing or mixed, the rule "
        "**warns**. Some rules report a milder or harsher form of their defect at the other "
        "severity; the rule's section says when. Rules can be disabled or given another "
        "severity, and raised account quotas declared, in `pyproject.toml` "
        "(`[tool.hpt-request]`), on the command line and in Python: see the configuration "
        "section of the README.",
        "",
        "The warm-start rule `warm-start-against-parents` needs the parent jobs' "
        "DescribeHyperParameterTuningJob responses, given as `validate(request, parents=[...])`; "
        "without them it is skipped.",
        "",
        "Sources: *botocore model* is the member's documentation in botocore's SageMaker "
        "model (the same text as the API reference); *DG* is a page of the SageMaker Developer "
        "Guide; `owner/repo#N` is a public GitHub issue or pull request.",
        "",
        "| id | severity | rule |",
        "|---|---|---|",
    ]
    for rule in RULES:
        lines.append(f"| [`{rule.id}`](#{rule.id}) | {rule.severity} | {_cell(rule.description)} |")
    for topic in TOPICS:
        lines += ["", f"## {TOPIC_TITLES[topic]}"]
        for rule in (r for r in RULES if r.topic == topic):
            lines += [
                "",
                f"### `{rule.id}` {{#{rule.id}}}",
                "",
                rule.description,
                "",
                f"- **Severity:** {rule.severity}",
            ]
            if rule.rationale:
                lines.append(f"- **Why this severity:** {rule.rationale}")
            lines.append(f"- **Evidence:** {_linked(rule.source)}")
            if rule.id in examples:
                lines.append(f"- **A request it flags:** {examples[rule.id]}")
    lines += _structural_section()
    lines += _online_section()
    lines += _tuner_section()
    return "\n".join(lines) + "\n"
