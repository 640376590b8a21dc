"""The online pre-flight: what only the account can say, asked with read-only calls.

:func:`validate_online` runs the offline check (:func:`~hpt_request.validate`), then the
online checks, one module per family:

1. :mod:`~hpt_request.aws.online.names`: the job's name is free;
2. :mod:`~hpt_request.aws.online.data`: input channels hold data, output and checkpoint
   buckets exist, buckets are in the job's Region;
3. :mod:`~hpt_request.aws.online.role`: the role exists, trusts SageMaker, and (policy
   simulation) may do what the job needs;
4. :mod:`~hpt_request.aws.online.images`: the ECR image and the algorithm resource exist, and
   the algorithm supports the instance types and channels used;
5. :mod:`~hpt_request.aws.online.parents`: each warm-start parent exists; its Describe response
   feeds the offline parent checks;
6. :mod:`~hpt_request.aws.online.resources`: KMS keys exist and are enabled; subnets and
   security groups exist and belong to one VPC;
7. :mod:`~hpt_request.aws.online.quotas`: the account's instance quotas cover the parallel
   training jobs, the instance types are offered in the Region, and the concurrent tuning jobs
   leave room for one more.

:mod:`~hpt_request.aws.online.calls` holds the operations (:data:`OPERATIONS`, every one
read-only) and how an answer is judged; :mod:`~hpt_request.aws.online.run` connects and runs the
checks concurrently. Every finding is a :class:`~hpt_request.Problem` at the member it concerns,
with an ``online-...`` code of the catalogue and the call that found it in its message; a call
that is denied or does not answer gives an ``online-not-checked`` note naming the permission.
botocore and boto3 are imported only here, and only this package imports them for the checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from hpt_request.aws.online import data, images, names, parents, quotas, resources, role
from hpt_request.aws.online.calls import OPERATIONS, Calls, OnlineUnavailable
from hpt_request.aws.online.run import Family, connect
from hpt_request.aws.online.run import problems as _problems
from hpt_request.model.base import ParentResponses
from hpt_request.model.errors import Problem, ordered

if TYPE_CHECKING:
    from hpt_request.rules.settings import RuleSettings
    from hpt_request.text.documents import DocumentCheck

FAMILIES: tuple[Family, ...] = (
    names.tasks,
    data.tasks,
    role.tasks,
    images.tasks,
    parents.tasks,
    resources.tasks,
    quotas.tasks,
)
"""Each check family's task maker, in catalogue order."""


def validate_online(
    request: object,
    *,
    session: Any = None,
    region: str | None = None,
    rules: bool = True,
    strict: bool = False,
    parents: ParentResponses | None = None,
    settings: RuleSettings | None = None,
) -> list[Problem]:
    """Every problem of ``request``: the offline check's (``validate(request, rules=rules,
    strict=strict, parents=parents, settings=settings)``), then the online checks', sorted by
    path.

    The calls go through ``session`` (a ``boto3.Session``; by default a new one, with the
    standard credential chain and Region) in ``region`` (the session's by default). Raises
    :class:`OnlineUnavailable` before checking anything when there are no credentials, no
    Region, or no answer from AWS. The online checks read the request's wire data; a request
    that cannot be written as wire data (a model object with structural errors) gets the
    offline problems only."""
    from hpt_request.check import to_wire, validate

    calls = connect(session, region=region)
    calls.settings = settings
    offline = validate(request, rules=rules, strict=strict, parents=parents, settings=settings)
    if isinstance(request, Mapping):
        wire: Mapping[str, Any] = request
    else:
        try:
            wire = to_wire(request)
        except Exception:  # structural errors: the offline problems say what they are
            return offline
    return ordered([*offline, *_strict(problems(wire, calls), strict)])


def problems(request: Mapping[str, Any], calls: Calls) -> list[Problem]:
    """Every online finding and note of every check family for one request's wire data, sorted
    by path."""
    return _problems(request, calls, FAMILIES)


def document_problems(checked: DocumentCheck, calls: Calls, *, strict: bool) -> list[Problem]:
    """The online problems of every request a checked document holds, their paths in the
    document (``Steps[0].Arguments.TrainingJobDefinition...`` for a pipeline's)."""
    found: list[Problem] = []
    for embedded in checked.requests:
        if not isinstance(embedded.data, Mapping):
            continue
        for problem in problems(embedded.data, calls):
            location = (*embedded.location, *problem.location)
            path = problem.path
            if embedded.path:
                path = f"{embedded.path}.{path}" if path else embedded.path
            found.append(attrs.evolve(problem, path=path, location=location))
    return _strict(found, strict)


def guarded_problems(
    params: Any,
    target: Any,
    offline: list[Problem],
    strict: bool,
    settings: RuleSettings | None,
) -> list[Problem]:
    """For ``guard(..., online=True)``: the offline problems of a call's ``params`` and the
    online ones, the calls made through ``target`` (a boto3 or botocore session, or a new
    boto3 session in a client's Region)."""
    import boto3
    import botocore.session

    if isinstance(target, boto3.Session):
        session = target
    elif isinstance(target, botocore.session.Session):
        session = boto3.Session(botocore_session=target)
    else:
        session = boto3.Session(region_name=target.meta.region_name)
    if not isinstance(params, Mapping):
        return offline
    calls = connect(session)
    calls.settings = settings
    return ordered([*offline, *_strict(problems(params, calls), strict)])


def _strict(found: list[Problem], strict: bool) -> list[Problem]:
    if strict:
        return [attrs.evolve(p, effective_severity="error") for p in found]
    return found


__all__ = [
    "FAMILIES",
    "OPERATIONS",
    "OnlineUnavailable",
    "connect",
    "document_problems",
    "guarded_problems",
    "problems",
    "validate_online",
]
