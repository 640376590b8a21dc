"""The warm-start parents given to the check (``parents=``), checked before the rules read them.

A parent is a DescribeHyperParameterTuningJob response. The members it shares with the Create
request (``HyperParameterTuningJobName``, ``HyperParameterTuningJobConfig``,
``TrainingJobDefinition``, ``TrainingJobDefinitions``, ``WarmStartConfig``, ``Autotune``) have
the request's shapes in botocore's model (DescribeHyperParameterTuningJobResponse), so they are
checked against the packaged request schema; ``HyperParameterTuningJobStatus``, which the rules
read too, is checked against the response's status values. A parent with any problem is left
out of the warm-start comparison, and each problem is a ``parents`` warning naming the parent
(``parents[0]``, or its key when ``parents`` is a mapping) and the member by its path there.
The child's own findings are not affected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from hpt_request import model
from hpt_request.model.errors import Problem
from hpt_request.schema import engines, newer

REQUEST = model.CreateHyperParameterTuningJobRequest
_NAME = "HyperParameterTuningJobName"
_STATUS = "HyperParameterTuningJobStatus"
# The members a Describe response shares with the request, in spec order.
SHARED_MEMBERS: tuple[str, ...] = tuple(field.metadata["wire"] for field in attrs.fields(REQUEST))
# botocore model HyperParameterTuningJobStatus (the DescribeHyperParameterTuningJob response).
STATUSES: tuple[str, ...] = (
    "Completed",
    "InProgress",
    "Failed",
    "Stopped",
    "Stopping",
    "Deleting",
    "DeleteFailed",
)

# A parent's name as messages show it, at most (a job name has at most 32 characters).
MAX_NAME_SHOWN = 64

Parents = dict[str, Mapping[str, Any]]


def _labelled(parents: object) -> list[tuple[str, object]] | None:
    """Each parent with the label that names it in messages; None if ``parents`` is not a
    collection of them."""
    if isinstance(parents, Mapping):
        return [(f"parents[{_key_text(key)}]", value) for key, value in parents.items()]
    if isinstance(parents, str | bytes) or not isinstance(parents, Iterable):
        return None
    return [(f"parents[{index}]", value) for index, value in enumerate(parents)]


def _key_text(key: object) -> str:
    return json.dumps(key, ensure_ascii=False) if isinstance(key, str) else repr(key)


def _parents_problem(message: str) -> Problem:
    return Problem(path="", code="parents", message=message, severity="warning")


def _not_a_response(label: str) -> Problem:
    return _parents_problem(
        f"{label} is not a DescribeHyperParameterTuningJob response (a JSON object with "
        "HyperParameterTuningJobName); it was ignored"
    )


def _shape_problems(describe: Mapping[str, Any]) -> list[Problem]:
    """What is wrong with the members of a Describe response the rules read: the members shared
    with the request against the request schema (a member set to None counts as absent, as the
    rules read it), and the status against its values."""
    shared = {
        member: describe[member] for member in SHARED_MEMBERS if describe.get(member) is not None
    }
    found = engines.check(shared, REQUEST.__name__)
    if found:  # an instance type newer than the pinned spec is no reason to leave a parent out
        found = [problem for problem in newer.instance_types(shared, found) if problem.blocking]
    status = describe.get(_STATUS)
    if status is not None and status not in STATUSES:
        shown = json.dumps(status, ensure_ascii=False) if isinstance(status, str) else repr(status)
        allowed = ", ".join(STATUSES)
        message = f"{_STATUS} must be one of {allowed}, not {shown[:80]}"
        found.append(Problem(path=_STATUS, code="enum", message=message, location=(_STATUS,)))
    return found


def _of_parent(label: str, name: str, problem: Problem) -> Problem:
    """A problem of a parent's Describe response, as a problem of that parent."""
    where = f"{label}.{problem.path}" if problem.path else label
    shown = name if len(name) <= MAX_NAME_SHOWN else f"{name[:MAX_NAME_SHOWN]}..."
    return _parents_problem(
        f'{where} (parent "{shown}"): {problem.message}; this parent is left out of the '
        "warm-start checks"
    )


def checked_parents(parents: object) -> tuple[Parents | None, list[Problem]]:
    """The parents that can be compared, by job name in lower case (job names are not case
    sensitive), and the problems of the others; (None, []) without parents."""
    if parents is None:
        return None, []
    labelled = _labelled(parents)
    if labelled is None:
        kind = type(parents).__name__
        message = (
            "parents must be a list of DescribeHyperParameterTuningJob responses (or a mapping "
            f"whose values are), not {kind}; they were ignored"
        )
        return {}, [_parents_problem(message)]
    found: Parents = {}
    problems: list[Problem] = []
    for label, describe in labelled:
        name = describe.get(_NAME) if isinstance(describe, Mapping) else None
        if not isinstance(describe, Mapping) or not isinstance(name, str):
            problems.append(_not_a_response(label))
            continue
        wrong = _shape_problems(describe)
        if wrong:
            problems.extend(_of_parent(label, name, problem) for problem in wrong)
        else:
            found[name.lower()] = describe
    return found, problems
