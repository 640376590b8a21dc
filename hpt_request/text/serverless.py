"""Serverless Framework service files (``serverless.yml``): the state machines that the
serverless-step-functions plugin defines, and the CloudFormation resources the file adds.

A service file has a ``service`` and either ``stepFunctions`` (the plugin's section) or
``provider`` (the cloud it deploys to). What it holds tuning requests in:

- ``stepFunctions.stateMachines.NAME.definition``: a state machine as an object, read by
  :mod:`.statemachines`; the framework's variables (``${self:custom.bucket}``,
  ``${opt:stage}``, ``${env:ROLE}``, ``${ssm:/path}``, ``${file(...)}``) and CloudFormation's
  intrinsic functions (``Fn::GetAtt``, ``Ref``), which it resolves when it packages the service,
  are placeholders of any kind: their checks are skipped and listed, as a template's are. A
  definition that is not an object (a whole ``${file(machine.json)}``) is listed as not checked;
- ``resources.Resources``: CloudFormation resources, read as a template (:mod:`.templates`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hpt_request.model.errors import Problem
from hpt_request.text import statemachines, templates
from hpt_request.text.embedded import (
    UNREAD_DEFINITION,
    Document,
    EmbeddedRequest,
    Location,
    Skipped,
    document_path,
)


def is_service(data: object) -> bool:
    """Whether ``data`` is a Serverless Framework service file: a ``service``, with the
    step-functions plugin's ``stepFunctions`` section or a ``provider``."""
    if not isinstance(data, Mapping) or "service" not in data:
        return False
    return isinstance(data.get("stepFunctions"), Mapping) or isinstance(
        data.get("provider"), Mapping
    )


def _machines(data: Mapping[str, Any]) -> list[Document]:
    section = data.get("stepFunctions")
    machines = section.get("stateMachines") if isinstance(section, Mapping) else None
    if not isinstance(machines, Mapping):
        return []
    found: list[Document] = []
    skipped: list[Skipped] = []
    for name, machine in machines.items():
        if not isinstance(machine, Mapping) or "definition" not in machine:
            continue
        where: Location = ("stepFunctions", "stateMachines", str(name), "definition")
        definition = machine["definition"]
        if isinstance(definition, Mapping):
            inner = statemachines.read(definition, templates.placeholder_expression)
            found.append(templates.prefixed(inner, where, within="serverless"))
        else:
            what = templates.placeholder_expression(definition) or (
                f"a {type(definition).__name__} value"
            )
            skipped.append(Skipped(document_path(where), UNREAD_DEFINITION, what, where))
    if skipped:
        found.append(Document("serverless", skipped=tuple(skipped)))
    return found


def read(data: object) -> Document:
    """The tuning requests of a loaded service file, located in it."""
    if not isinstance(data, Mapping):
        return Document("serverless")
    parts = _machines(data)
    resources = data.get("resources")
    if isinstance(resources, Mapping) and isinstance(resources.get("Resources"), Mapping):
        parts.append(templates.prefixed(templates.read(resources), ("resources",)))
    requests: list[EmbeddedRequest] = []
    problems: list[Problem] = []
    embedded: list[Location] = []
    skipped: list[Skipped] = []
    for part in parts:
        requests.extend(part.requests)
        problems.extend(part.problems)
        embedded.extend(part.embedded)
        skipped.extend(part.skipped)
    return Document(
        "serverless",
        tuple(requests),
        problems=tuple(problems),
        embedded=tuple(dict.fromkeys(embedded)),
        skipped=tuple(skipped),
    )
