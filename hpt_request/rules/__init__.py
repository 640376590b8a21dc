"""Cross-field rules: what SageMaker rejects beyond the structural model.

One registry (:data:`RULES`) holds every rule in catalogue order; the topic modules register
theirs when imported, in the order below:

- :mod:`~hpt_request.rules.multi_algorithm`: one definition or several;
- :mod:`~hpt_request.rules.training`: each training job definition (algorithm and metrics,
  stopping condition and spot, instances, channels);
- :mod:`~hpt_request.rules.builtin`: SageMaker's built-in algorithms against their documented
  metrics and hyperparameters;
- :mod:`~hpt_request.rules.strategy`: strategy, objective, Hyperband, Grid, completion;
- :mod:`~hpt_request.rules.budget`: job counts and runtimes against the quotas, the size of the
  search space;
- :mod:`~hpt_request.rules.search_space`: parameter ranges and static hyperparameters;
- :mod:`~hpt_request.rules.tags_environment`: tags and environment variables;
- :mod:`~hpt_request.rules.secrets`: credentials in static hyperparameters and environment
  values;
- :mod:`~hpt_request.rules.warm_start`: parent jobs and what may change from them;
- :mod:`~hpt_request.rules.security`: the security group, opt-in: a team's policies (network
  isolation, encryption, VPC, where the training image comes from);
- :mod:`~hpt_request.rules.policy`: the team's policies (``[tool.hpt-request.policy]``), each
  run only when set.

The registry, the view of a request the rules read and the helpers they share live in
:mod:`~hpt_request.rules._core`. Each rule's ``source`` names the evidence for its severity (an
AWS documentation page, botocore's model documentation, or a public report quoting the service's
error); where the evidence is mixed, the rule warns. ``docs/rules.md`` is generated from the
registry (``python -m generator``).

Beside the rules lives the knowledge they use: :mod:`~hpt_request.rules.algorithms` (the built-in
algorithms, ``data/algorithms.json``), :mod:`~hpt_request.rules.instance_storage` (which
instance types have local storage, ``data/instance_storage.json``),
:mod:`~hpt_request.rules.registries` (AWS's own image registries, ``data/aws_registries.json``),
:mod:`~hpt_request.rules.secret_formats` (credentials' formats, and their masks),
:mod:`~hpt_request.rules.quotas`,
:mod:`~hpt_request.rules.javaregex` (SageMaker's Java regexes judged in Python),
:mod:`~hpt_request.rules.numbers` (range bounds), :mod:`~hpt_request.rules.settings` (what a team
turns off or changes), :mod:`~hpt_request.rules.partial` (what the rules can read of a request
that failed the structural check), :mod:`~hpt_request.rules.metrics` (metric regexes tried on
training logs) and :mod:`~hpt_request.rules.apply`, the rules stage as the check calls it.

It imports :mod:`hpt_request.model` and :mod:`hpt_request.schema`, nothing above them.
"""

import functools
import json

from hpt_request.model import CreateHyperParameterTuningJobRequest
from hpt_request.model.base import UNKNOWN, UnknownInput
from hpt_request.model.packaged import read_text
from hpt_request.rules import (  # noqa: F401  (imported to register their rules)
    budget,
    builtin,
    multi_algorithm,
    policy,
    search_space,
    secrets,
    security,
    strategy,
    tags_environment,
    training,
    warm_start,
)
from hpt_request.rules._core import (
    ALIASES,
    RULES,
    Context,
    Definition,
    Finding,
    Rule,
    catalogue,
    context,
    run,
)
from hpt_request.rules.budget import grid_total
from hpt_request.rules.warm_start import SERVICE_HYPERPARAMETERS

# Catalogue order: topic by topic, each topic's rules in the order its module defines them.
TOPICS = (
    "multi_algorithm",
    "training",
    "builtin",
    "strategy",
    "budget",
    "search_space",
    "tags_environment",
    "secrets",
    "warm_start",
    "security",
    "policy",
)
RULES.sort(key=lambda registered: TOPICS.index(registered.topic))

__all__ = [
    "ALIASES",
    "RULES",
    "SERVICE_HYPERPARAMETERS",
    "TOPICS",
    "UNKNOWN",
    "Context",
    "Definition",
    "Finding",
    "Rule",
    "UnknownInput",
    "catalogue",
    "context",
    "definitions_in_force",
    "grid_size",
    "rule_example",
    "run",
]


def definitions_in_force(request: CreateHyperParameterTuningJobRequest) -> list[Definition]:
    """Each training job definition with the ranges and objective that apply to it."""
    return context(request).definitions


def grid_size(request: CreateHyperParameterTuningJobRequest) -> int:
    """The number of distinct combinations a Grid search runs (summed over definitions)."""
    return grid_total(context(request))


@functools.cache
def _rule_examples() -> dict[str, str]:
    loaded: dict[str, str] = json.loads(read_text("rules", "data", "rule_examples.json"))[
        "examples"
    ]
    return loaded


def rule_example(rule_id: str) -> str | None:
    """A request rule ``rule_id`` flags, as one sentence (the change from a bundled example or
    golden request), or ``None`` if the rule has none; the same text as the rule catalogue."""
    return _rule_examples().get(rule_id)
