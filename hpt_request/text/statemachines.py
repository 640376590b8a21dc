"""AWS Step Functions state machines (Amazon States Language): their tuning tasks and placeholders.

A tuning task is a ``Task`` state whose ``Resource`` is the SageMaker service integration
``arn:aws:states:::sagemaker:createHyperParameterTuningJob`` (``.sync`` to wait for the job) or
the AWS SDK integration ``arn:aws:states:::aws-sdk:sagemaker:createHyperParameterTuningJob``, in
any partition. Both take the request with the API's own member names. Tasks are found at any
depth: in the ``States`` of the machine, of each ``Parallel`` state's ``Branches`` and of each
``Map`` state's ``ItemProcessor`` (or the older ``Iterator``).

The request is the task's ``Parameters`` in JSONPath mode, and its ``Arguments`` where the state
(or the machine) sets ``"QueryLanguage": "JSONata"``. A value given at run time is written:

- in JSONPath mode, as a member whose name ends in ``.$`` (``"HyperParameterTuningJobName.$":
  "$$.Execution.Name"``) and whose value is a path (``$.x``, ``$$.Execution.Input.x``, a
  variable ``$name``) or an intrinsic function (``States.Format('job-{}', $.id)``);
- in JSONata mode, as a text that is one expression, ``{% ... %}``.

:func:`read` finds the tasks of a loaded state machine, or of a CreateStateMachine request or
DescribeStateMachine response that holds one as a JSON string in its ``definition``. Each
request's data has the members under their wire names (``HyperParameterTuningJobName``), and the
request's spelling puts the ``.$`` back where the document has it, so problems are located and
named where they are written. A path's kind of value cannot be known (``any``); an intrinsic
function gives the kind of value its definition says (``States.Format`` text, ``States.ArrayLength``
an integer, ...). A malformed one (a ``.$`` member whose value is not a path or a known
intrinsic) is a ``statemachine-placeholder`` problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hpt_request.model.errors import Problem
from hpt_request.text.embedded import Document, EmbeddedRequest, Location, Skipped, document_path
from hpt_request.text.jsontext import UnreadableText, parse_json
from hpt_request.text.placeholders import Kind, Outer, Placeholder

CODE = "statemachine-placeholder"
NOT_A_STATE_MACHINE = "statemachine-definition"
WHOLE = "the whole request"

TUNING_RESOURCE = re.compile(
    r"arn:(?:\$\{AWS::Partition\}|[^:]+):states:::(?:aws-sdk:)?sagemaker:createHyperParameterTuningJob"
    r"(?:\.sync(?::2)?|\.waitForTaskToken)?"
)
"""The ``Resource`` of a task that creates a tuning job (the partition may be written by a
template's substitution, ``arn:${AWS::Partition}:states:::...``)."""

INTRINSICS: Mapping[str, Kind] = {
    "States.Format": "string",
    "States.StringToJson": "any",
    "States.JsonToString": "string",
    "States.Array": "any",
    "States.ArrayPartition": "any",
    "States.ArrayContains": "boolean",
    "States.ArrayRange": "any",
    "States.ArrayGetItem": "any",
    "States.ArrayLength": "integer",
    "States.ArrayUnique": "any",
    "States.Base64Encode": "string",
    "States.Base64Decode": "string",
    "States.Hash": "string",
    "States.JsonMerge": "any",
    "States.MathRandom": "integer",
    "States.MathAdd": "any",
    "States.StringSplit": "any",
    "States.UUID": "string",
}
"""The intrinsic functions of the Amazon States Language and the kind of value each returns
(``any`` for a list, an object, or a number whose kind depends on the arguments), from the
Step Functions Developer Guide's page "Intrinsic functions in Amazon States Language"."""

_INTRINSIC = re.compile(r"(States\.[A-Za-z0-9]+)\s*\(.*\)\s*", re.DOTALL)

_SUBSTITUTION = re.compile(r"\$\{[^{}]+\}")


def substitution_expression(value: object) -> str | None:
    """The placeholder a state machine file written for substitution holds: a text with a
    ``${Name}`` variable in it (``"${SageMakerRoleArn}"``, ``"s3://${Bucket}/models"``), or None.

    The Amazon States Language has no ``${...}`` of its own; such variables are filled in before
    the machine is created: by the ``DefinitionSubstitutions`` of a CloudFormation or SAM
    state machine (a SAM ``DefinitionUri`` names a file like this one), by the CDK's
    ``definitionSubstitutions``, or by Terraform's ``templatefile``. The value it gets is not
    known here: its checks are skipped."""
    if isinstance(value, str) and _SUBSTITUTION.search(value):
        return value
    return None


def _problem(location: Location, message: str) -> Problem:
    return Problem(path="", code=CODE, message=message, location=location)


def _definition_problem(location: Location, message: str) -> Problem:
    return Problem(
        path=document_path(location),
        code=NOT_A_STATE_MACHINE,
        message=message,
        location=location,
    )


def is_jsonata(value: object) -> bool:
    """Whether ``value`` is a JSONata expression as a state's field writes one: ``{% ... %}``."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text.startswith("{%") and text.endswith("%}")


def _path_value(
    value: object, location: Location, key: str
) -> tuple[Placeholder | None, Problem | None]:
    """The placeholder of a ``Name.$`` member at ``location`` (in the request's spelling)."""
    at = (*location[:-1], key)
    if not isinstance(value, str):
        got = type(value).__name__
        return None, _problem(
            at,
            f'"{key}" ends in ".$": its value is a path ("$.name", "$$.Execution.Input.name") '
            f"or an intrinsic function (States.Format(...)), not {got}",
        )
    text = value.strip()
    if text.startswith("$"):
        return Placeholder(location, text, "any"), None
    match = _INTRINSIC.fullmatch(text)
    if match is not None and match.group(1) in INTRINSICS:
        return Placeholder(location, text, INTRINSICS[match.group(1)]), None
    if match is not None:
        return None, _problem(
            at,
            f'"{key}": {match.group(1)} is not an intrinsic function of the Amazon States '
            "Language (States.Format, States.JsonToString, States.ArrayGetItem, ...)",
        )
    return None, _problem(
        at,
        f'"{key}" ends in ".$": its value is a path ("$.name", "$$.Execution.Input.name") or an '
        f"intrinsic function (States.Format(...)), not {text[:40]!r}",
    )


class _Spelling:
    """A request's location as the state machine writes it: ``Name.$`` where a member's value
    is given at run time."""

    __slots__ = ("renamed",)

    def __init__(self, renamed: Mapping[Location, str]) -> None:
        self.renamed = renamed

    def __call__(self, location: Location) -> Location:
        spelled = list(location)
        for size in range(1, len(location) + 1):
            key = self.renamed.get(location[:size])
            if key is not None:
                spelled[size - 1] = key
        return tuple(spelled)


def _request_data(
    written: Mapping[str, Any], jsonata: bool, outer: Outer | None
) -> tuple[Any, list[Placeholder], list[Problem], list[Location], dict[Location, str]]:
    """The wire data of a task's request (``Name.$`` members under their wire names, their
    values in place), its placeholders, the malformed ones' problems and places, and the
    renamed members (a location in the request -> the key the document writes)."""
    found: list[Placeholder] = []
    problems: list[Problem] = []
    malformed: list[Location] = []
    renamed: dict[Location, str] = {}

    def walk(value: Any, here: Location) -> Any:
        expression = None if outer is None else outer(value)
        if expression is not None:
            found.append(Placeholder(here, expression, "any"))
            return value
        if isinstance(value, Mapping):
            out: dict[Any, Any] = {}
            for key, item in value.items():
                name = key
                if not jsonata and isinstance(key, str) and key.endswith(".$") and len(key) > 2:
                    name = key[:-2]
                    if name in value:  # both spellings: let the structural check see the value
                        out[key] = walk(item, (*here, key))
                        continue
                    place = (*here, name)
                    renamed[place] = key
                    placeholder, problem = _path_value(item, place, key)
                    if placeholder is not None:
                        found.append(placeholder)
                    else:
                        malformed.append(place)
                    if problem is not None:
                        problems.append(problem)
                    out[name] = item
                    continue
                out[name] = walk(item, (*here, key))
            return out
        if isinstance(value, list):
            return [walk(item, (*here, index)) for index, item in enumerate(value)]
        if jsonata and is_jsonata(value):
            found.append(Placeholder(here, value.strip(), "any"))
        return value

    data = walk(written, ())
    return data, found, problems, malformed, renamed


def _task(
    state: Mapping[str, Any], where: Location, name: str, jsonata: bool, outer: Outer | None
) -> tuple[EmbeddedRequest | None, list[Problem], list[Skipped]]:
    """The request of one tuning task (None where it is not written out)."""
    member = "Arguments" if jsonata else "Parameters"
    if not jsonata and "Parameters" not in state and "Arguments" in state:
        member, jsonata = "Arguments", True
    at = (*where, member)
    written = state.get(member)
    whole = state.get(f"{member}.$") if not jsonata else written
    if whole is not None and (not jsonata or is_jsonata(whole)):
        spot = (*where, f"{member}.$") if not jsonata else at
        text = whole if isinstance(whole, str) else repr(whole)
        return None, [], [Skipped(document_path(spot), "request", text, spot)]
    if not isinstance(written, Mapping):
        message = f"a tuning task's {member} is the CreateHyperParameterTuningJob request"
        return None, [_definition_problem(at, message)], []
    data, found, problems, malformed, renamed = _request_data(written, jsonata, outer)
    spell = _Spelling(renamed) if renamed else None
    request = EmbeddedRequest(
        location=at,
        path=document_path(at),
        data=data,
        placeholders=tuple(found),
        step=name,
        problems=tuple(problems),
        malformed=tuple(malformed),
        context="state machine",
        spell=spell,
    )
    return request, [], []


def _states(
    machine: Mapping[str, Any], base: Location, jsonata: bool, outer: Outer | None
) -> tuple[list[EmbeddedRequest], list[Problem], list[Skipped]]:
    """Every tuning task of a machine, nested machines included, in document order (a stack,
    not recursion: any depth the reader admitted is walked)."""
    requests: list[EmbeddedRequest] = []
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    stack: list[tuple[Any, Location, bool]] = []

    def push(node: Any, where: Location, mode: bool) -> None:
        states = node.get("States") if isinstance(node, Mapping) else None
        if isinstance(states, Mapping):
            stack.extend(
                (state, (*where, "States", name), mode)
                for name, state in reversed(list(states.items()))
            )

    push(machine, base, jsonata)
    while stack:
        state, here, mode = stack.pop()
        if not isinstance(state, Mapping):
            continue
        language = state.get("QueryLanguage")
        mode = mode if language is None else language == "JSONata"
        kind = state.get("Type")
        resource = _resource_text(state.get("Resource"))
        if kind == "Task" and resource is not None and TUNING_RESOURCE.fullmatch(resource):
            request, wrong, skips = _task(state, here, str(here[-1]), mode, outer)
            if request is not None:
                requests.append(request)
            problems.extend(wrong)
            skipped.extend(skips)
        elif kind == "Parallel" and isinstance(state.get("Branches"), list):
            for index, branch in reversed(list(enumerate(state["Branches"]))):
                push(branch, (*here, "Branches", index), mode)
        elif kind == "Map":
            for member in ("Iterator", "ItemProcessor"):
                push(state.get(member), (*here, member), mode)
    return requests, problems, skipped


def _resource_text(resource: object) -> str | None:
    """A task's ``Resource`` as text: written out, or the text of a template's ``Fn::Sub``
    (``!Sub "arn:${AWS::Partition}:states:::..."``)."""
    if isinstance(resource, str):
        return resource
    if isinstance(resource, Mapping) and len(resource) == 1 and "Fn::Sub" in resource:
        text = resource["Fn::Sub"]
        if isinstance(text, list) and text:
            text = text[0]
        return text if isinstance(text, str) else None
    return None


def is_state_machine(data: object) -> bool:
    """Whether ``data`` is a state machine (``StartAt`` and ``States``), or a CreateStateMachine
    request or DescribeStateMachine response that holds one in its ``definition``."""
    if not isinstance(data, Mapping):
        return False
    if "StartAt" in data and isinstance(data.get("States"), Mapping):
        return True
    return isinstance(data.get("definition"), str) and (
        "stateMachineArn" in data or "roleArn" in data or "name" in data
    )


def read(data: object, outer: Outer | None = None) -> Document:
    """The tuning tasks' requests of a loaded state machine (or of the CreateStateMachine
    request or DescribeStateMachine response that holds it as a JSON string). ``outer`` finds
    the placeholders of a template that holds the machine."""
    base: Location = ()
    embedded: tuple[Location, ...] = ()
    machine: Any = data
    if isinstance(data, Mapping) and isinstance(data.get("definition"), str):
        base = ("definition",)
        embedded = (base,)
        try:
            machine = parse_json(data["definition"])
        except UnreadableText as exc:
            problem = _definition_problem(base, f"the state machine definition is not JSON: {exc}")
            return Document("statemachine", problems=(problem,))
    if not isinstance(machine, Mapping) or not isinstance(machine.get("States"), Mapping):
        problem = _definition_problem(base, "expected a state machine (an object with States)")
        return Document("statemachine", problems=(problem,), embedded=embedded)
    jsonata = machine.get("QueryLanguage") == "JSONata"
    if outer is None:  # a machine on its own: a file written for substitution, perhaps
        outer = substitution_expression
    requests, problems, skipped = _states(machine, base, jsonata, outer)
    return Document(
        "statemachine",
        tuple(requests),
        problems=tuple(problems),
        embedded=embedded,
        base=base,
        skipped=tuple(skipped),
    )
