"""The rules stage: the cross-field rules run on what the structural stage read.

:func:`findings` takes the structural :class:`~hpt_request.schema.structure.Verdict` of a
request and returns what the rules (and the warm-start parents given) have to say:

- a structurally valid request: every enabled rule runs on its model object;
- a request with structural problems: the rules run on what could be read, the members that
  failed holding :data:`~hpt_request.model.base.UNKNOWN` (the one-pass reading's own partial
  objects when its problems are the verdict's, else :func:`~.partial.readable`), and a rule
  that touches one is skipped;
- anything that is not a request (another model class, data that is not an object): nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from hpt_request import model
from hpt_request.model.base import UNKNOWN, ParentResponses
from hpt_request.model.errors import Problem
from hpt_request.rules._core import run
from hpt_request.rules.parents import checked_parents
from hpt_request.rules.partial import Location, readable, readable_at
from hpt_request.rules.settings import RuleSettings
from hpt_request.schema.structure import STRUCTURES, Verdict

REQUEST = model.CreateHyperParameterTuningJobRequest


def findings(
    value: object,
    verdict: Verdict,
    *,
    parents: ParentResponses | None = None,
    settings: RuleSettings | None = None,
    unknown: Iterable[Location] = (),
    skipped: list[str] | None = None,
    touched: dict[str, Location | None] | None = None,
) -> list[Problem]:
    """The problems the rules find in ``value`` (a request, as a model object or wire data),
    given its structural ``verdict``, after those about ``parents`` (unsorted).

    ``unknown`` names members of wire data whose values are not known, beyond those the
    structural problems name: the placeholders of a document, whose values come at run time.
    They are UNKNOWN to the rules as a member that failed is, and the id of each rule skipped
    for an unknown member is appended to ``skipped`` when it is given; ``touched`` (when given)
    gets, for each rule skipped, the member of ``unknown`` it touched first (None if it was
    skipped for another reason)."""
    by_name, parent_problems = checked_parents(parents)
    obj, data, problems, once, for_rules = verdict
    if not for_rules:
        return []
    extra = tuple(unknown)
    if extra:
        partial, failed = readable_at(data, [*(p.location for p in problems), *extra], extra)
        if partial is None:
            return parent_problems
        found = run(
            partial,
            parents=by_name,
            settings=settings,
            unknown=failed,
            skipped=skipped,
            touched=touched,
        )
        return [*parent_problems, *found]
    if isinstance(obj, REQUEST):
        return [*parent_problems, *run(obj, parents=by_name, settings=settings)]
    if not problems or (type(value) in STRUCTURES and not isinstance(value, REQUEST)):
        return parent_problems  # not a request: the rules have nothing to read
    if once is not None and problems == once.problems:  # compared by identity first
        unknown = once.unknown  # the reading's own problems, and their locations
    else:
        unknown = frozenset([problem.location for problem in problems])
    if once is not None and (unknown is once.unknown or unknown == once.unknown):
        # read in the same pass: UNKNOWN where the problems are
        partial = None if once.value is UNKNOWN else once.value
    else:
        partial, unknown = readable(data, problems)
    if partial is None:
        return parent_problems
    return [
        *parent_problems,
        *run(partial, parents=by_name, settings=settings, unknown=unknown, skipped=skipped),
    ]
