"""CloudFormation and SAM templates: the state machines and pipelines they define, and the
template's own placeholders.

Three resource types hold tuning requests:

- ``AWS::StepFunctions::StateMachine``: the machine as an object (``Definition``) or as JSON
  text (``DefinitionString``, often ``!Sub``, or an ``Fn::Join`` as the AWS CDK writes it:
  :mod:`.joins`), its ``${Name}`` texts filled from ``DefinitionSubstitutions``;
- ``AWS::Serverless::StateMachine`` (SAM): ``Definition`` and ``DefinitionSubstitutions``;
- ``AWS::SageMaker::Pipeline``: ``PipelineDefinition.PipelineDefinitionBody``, the pipeline
  definition as JSON text (often ``!Sub``).

The machine or pipeline is read by its own module (:mod:`.statemachines`, :mod:`.pipelines`);
what the template fills in is a placeholder there: an intrinsic function (``Ref``,
``Fn::GetAtt``, ``Fn::Join``, ..., the YAML short forms ``!Ref``, ``!GetAtt`` read as the same
objects) or a text with ``${Name}`` that the template substitutes. A substitution whose value
the template writes out is made before reading, as CloudFormation makes it (in the JSON text,
so a value put inside quotes stays text); one whose value is a ``Ref`` to a template parameter
becomes ``${Parameter}``, which the what-if mode (``--defaults``, ``--assume``) fills from the
template's ``Parameters``. CloudFormation passes every ``Ref`` of a parameter on as text, so a
template placeholder is a value of any kind here: its checks are skipped, not judged. A
definition kept in S3 (``DefinitionS3Location``, ``DefinitionUri``,
``PipelineDefinitionS3Location``) is listed as not checked, and so is a definition text
written in a form not read (an ``Fn::If``): never passed over in silence.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from hpt_request.model.errors import Problem
from hpt_request.text import joins, pipelines, statemachines
from hpt_request.text.embedded import (
    UNREAD_DEFINITION,
    Document,
    EmbeddedRequest,
    Known,
    Location,
    Skipped,
    document_path,
)
from hpt_request.text.joins import is_intrinsic
from hpt_request.text.jsontext import UnreadableText, parse_json
from hpt_request.text.placeholders import Kind, Parameter

NOT_A_TEMPLATE = "template-definition"

STATE_MACHINES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
PIPELINE = "AWS::SageMaker::Pipeline"

PARAMETER_KINDS: Mapping[str, Kind] = {"String": "string", "Number": "number"}
"""A template parameter's ``Type`` -> the kind of value the what-if mode puts in its place
(other types, lists and AWS-specific ones, as written)."""

_SUBSTITUTION = re.compile(r"\$\{(?!!)([^}]*)\}")
_BARE = "\ue000"  # marks, in a definition text, a ${Name} written outside quotes


def placeholder_expression(value: object) -> str | None:
    """The placeholder a template writes (see :data:`~.placeholders.Outer`)."""
    if is_intrinsic(value):
        assert isinstance(value, dict)
        ((key, argument),) = value.items()
        if key == "Ref" and isinstance(argument, str):
            return f"Ref {argument}"
        if key == "Fn::GetAtt":
            if isinstance(argument, list):
                return "Fn::GetAtt " + ".".join(str(part) for part in argument)
            return f"Fn::GetAtt {argument}"
        return str(key)
    if isinstance(value, str):
        if value.startswith(_BARE):
            return f"${{{value[1:]}}}"
        if _SUBSTITUTION.search(value):
            return value
    return None


def is_template(data: object) -> bool:
    """Whether ``data`` is a CloudFormation or SAM template: a ``Resources`` object whose
    entries have a ``Type``."""
    if not isinstance(data, Mapping):
        return False
    resources = data.get("Resources")
    if not isinstance(resources, Mapping) or not resources:
        return False
    return any(isinstance(entry, Mapping) and "Type" in entry for entry in resources.values())


def _problem(location: Location, message: str) -> Problem:
    return Problem(
        path=document_path(location), code=NOT_A_TEMPLATE, message=message, location=location
    )


def _parameters(template: Mapping[str, Any]) -> dict[str, Parameter]:
    found: dict[str, Parameter] = {}
    declared = template.get("Parameters")
    if not isinstance(declared, Mapping):
        return found
    for name, entry in declared.items():
        if not isinstance(name, str) or not isinstance(entry, Mapping):
            continue
        kind = entry.get("Type", "String")
        found[name] = Parameter(
            name,
            str(kind),
            PARAMETER_KINDS.get(str(kind), "any"),
            entry.get("Default"),
            "Default" in entry,
            ("Parameters", name, "Default"),
        )
    return found


# -- substitutions ------------------------------------------------------------------------------


def _written(value: object) -> str | None:
    """A substitution's value as CloudFormation writes it into the text, where the template
    gives it (text, a number, a boolean), or None."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str) and not _SUBSTITUTION.search(value):
        return value
    return None


def _renaming(substitutions: object) -> dict[str, str]:
    """For each substitution: the text that takes its place (its written value, or
    ``${Parameter}`` for a ``Ref`` of a template parameter); the others stay as they are."""
    made: dict[str, str] = {}
    if not isinstance(substitutions, Mapping):
        return made
    for name, value in substitutions.items():
        written = _written(value)
        if written is not None:
            made[str(name)] = written
        elif (
            is_intrinsic(value)
            and isinstance(value, dict)
            and isinstance(value.get("Ref"), str)
            and not value["Ref"].startswith("AWS::")
        ):
            made[str(name)] = f"${{{value['Ref']}}}"
    return made


def _substituted_text(text: str, renaming: Mapping[str, str]) -> str:
    if not renaming:
        return text
    return _SUBSTITUTION.sub(lambda m: renaming.get(m.group(1), m.group(0)), text)


def _substituted_object(value: Any, renaming: Mapping[str, str]) -> Any:
    """The definition object with its texts' substitutions made (CloudFormation makes them in
    the object's JSON text, where each is inside a text: the result stays text)."""
    if not renaming:
        return value
    if isinstance(value, str):
        return _substituted_text(value, renaming)
    if isinstance(value, dict):
        return {key: _substituted_object(item, renaming) for key, item in value.items()}
    if isinstance(value, list):
        return [_substituted_object(item, renaming) for item in value]
    return value


def _marked_bare(text: str) -> str:
    """The JSON text with each ``${Name}`` written outside quotes (a number or a boolean that
    the template puts there) turned into a quoted text marked as such, of the same length."""
    out: list[str] = []
    index = 0
    inside = False
    while index < len(text):
        char = text[index]
        if inside:
            out.append(char)
            if char == "\\" and index + 1 < len(text):
                out.append(text[index + 1])
                index += 1
            elif char == '"':
                inside = False
        elif char == '"':
            inside = True
            out.append(char)
        elif text.startswith("${", index):
            end = text.find("}", index)
            if end < 0:
                out.append(text[index:])
                break
            out.append(f'"{_BARE}{text[index + 2 : end]}"')
            index = end
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _text_of(value: object) -> tuple[str | None, object, Location]:
    """A definition written as text: the text, the substitutions of its ``Fn::Sub`` (or None),
    and where the text is below the member (an ``Fn::Join``'s parts: see :mod:`.joins`)."""
    if isinstance(value, str):
        return value, None, ()
    joined = joins.joined(value)
    if joined is not None:
        return joined, None, ("Fn::Join", 1)
    if isinstance(value, Mapping) and len(value) == 1 and "Fn::Sub" in value:
        argument = value["Fn::Sub"]
        if isinstance(argument, str):
            return argument, None, ("Fn::Sub",)
        if isinstance(argument, list) and argument and isinstance(argument[0], str):
            variables = argument[1] if len(argument) > 1 else None
            return argument[0], variables, ("Fn::Sub", 0)
    return None, None, ()


# -- reading ------------------------------------------------------------------------------------


def prefixed(document: Document, prefix: Location, *, within: str = "template") -> Document:
    """The inner document's findings, their locations and paths under ``prefix``; its requests
    are held ``within`` a document of that kind (:attr:`EmbeddedRequest.within`)."""

    def problem(found: Problem) -> Problem:
        location = (*prefix, *found.location)
        return attrs.evolve(found, path=document_path(location), location=location)

    def request(found: EmbeddedRequest) -> EmbeddedRequest:
        location = (*prefix, *found.location)
        return attrs.evolve(found, location=location, path=document_path(location), within=within)

    def skip(found: Skipped) -> Skipped:
        location = (*prefix, *found.location)
        return attrs.evolve(found, path=document_path(location), location=location)

    return Document(
        document.kind,
        tuple(map(request, document.requests)),
        problems=tuple(map(problem, document.problems)),
        embedded=tuple((*prefix, *place) for place in document.embedded),
        skipped=tuple(map(skip, document.skipped)),
    )


def _from_text(
    kind: str, value: object, where: Location, substitutions: object
) -> tuple[Document | None, Location | None]:
    """The machine or pipeline a template writes as JSON text at ``where``, and where the text
    is (None where the value is not such a text)."""
    text, variables, below = _text_of(value)
    if text is None:
        return None, None
    place = (*where, *below)
    renaming = {**_renaming(substitutions), **_renaming(variables)}
    marked = _marked_bare(_substituted_text(text, renaming))
    try:
        parsed = parse_json(marked)
    except UnreadableText as exc:
        noun = "state machine" if kind == "statemachine" else "pipeline definition"
        return Document(
            "template", problems=(_problem(place, f"the {noun} is not JSON: {exc}"),)
        ), place
    inner = statemachines.read if kind == "statemachine" else pipelines.read
    return prefixed(inner(parsed, placeholder_expression), place), place


def _unread(spot: Location, value: object) -> Skipped:
    """A definition text the template writes in a way not read here (an ``Fn::If``, a join of
    something other than texts and functions): listed as not checked, never passed over."""
    what = placeholder_expression(value) or f"a {type(value).__name__} value"
    return Skipped(document_path(spot), UNREAD_DEFINITION, what, spot)


def _resource(
    name: str, resource: Mapping[str, Any]
) -> tuple[list[Document], list[Location], list[Skipped]]:
    kind = resource.get("Type")
    properties = resource.get("Properties")
    where: Location = ("Resources", name, "Properties")
    if not isinstance(properties, Mapping):
        return [], [], []
    found: list[Document] = []
    embedded: list[Location] = []
    skipped: list[Skipped] = []
    if kind in STATE_MACHINES:
        substitutions = properties.get("DefinitionSubstitutions")
        definition = properties.get("Definition")
        if isinstance(definition, Mapping) and not is_intrinsic(definition):
            renamed = _substituted_object(copy.deepcopy(definition), _renaming(substitutions))
            inner = statemachines.read(renamed, placeholder_expression)
            found.append(prefixed(inner, (*where, "Definition")))
        member = "DefinitionString"
        if member in properties:
            document, place = _from_text(
                "statemachine", properties[member], (*where, member), substitutions
            )
            if document is not None and place is not None:
                found.append(document)
                embedded.append(place)
            else:
                skipped.append(_unread((*where, member), properties[member]))
        for member in ("DefinitionS3Location", "DefinitionUri"):
            if member in properties:
                spot = (*where, member)
                skipped.append(Skipped(document_path(spot), "definition", member, spot))
    elif kind == PIPELINE:
        held = properties.get("PipelineDefinition")
        if isinstance(held, Mapping):
            below = (*where, "PipelineDefinition")
            if "PipelineDefinitionBody" in held:
                document, place = _from_text(
                    "pipeline",
                    held["PipelineDefinitionBody"],
                    (*below, "PipelineDefinitionBody"),
                    None,
                )
                if document is not None and place is not None:
                    found.append(document)
                    embedded.append(place)
                else:
                    spot = (*below, "PipelineDefinitionBody")
                    skipped.append(_unread(spot, held["PipelineDefinitionBody"]))
            if "PipelineDefinitionS3Location" in held:
                spot = (*below, "PipelineDefinitionS3Location")
                skipped.append(
                    Skipped(document_path(spot), "definition", "PipelineDefinitionS3Location", spot)
                )
    return found, embedded, skipped


def read(data: object) -> Document:
    """The tuning requests of a loaded template: those of each state machine and pipeline it
    defines, located in the template, with the template's parameters."""
    if not isinstance(data, Mapping) or not isinstance(data.get("Resources"), Mapping):
        problem = _problem((), "expected a template (an object with Resources)")
        return Document("template", problems=(problem,))
    requests: list[EmbeddedRequest] = []
    problems: list[Problem] = []
    embedded: list[Location] = []
    skipped: list[Skipped] = []
    for name, resource in data["Resources"].items():
        if not isinstance(resource, Mapping):
            continue
        found, places, skips = _resource(str(name), resource)
        for document in found:
            requests.extend(document.requests)
            problems.extend(document.problems)
            embedded.extend(document.embedded)
            skipped.extend(document.skipped)
        embedded.extend(places)
        skipped.extend(skips)
    return Document(
        "template",
        tuple(requests),
        _parameters(data),
        tuple(problems),
        tuple(dict.fromkeys(embedded)),
        skipped=tuple(skipped),
    )


# -- what-if ------------------------------------------------------------------------------------


def resolved(value: Any, values: Mapping[str, Known]) -> tuple[bool, Any, list[str]]:
    """Whether the template placeholder written as ``value`` has a known value (a ``Ref`` of a
    parameter, a text whose every ``${Name}`` is one), the value, and where it came from."""
    if isinstance(value, dict) and is_intrinsic(value):
        name = value.get("Ref")
        known = values.get(name) if isinstance(name, str) else None
        if known is None:
            return False, None, []
        return True, known.value, [known.source]
    if isinstance(value, str) and value.startswith(_BARE):
        known = values.get(value[1:])
        if known is None:
            return False, None, []
        return True, known.value, [known.source]
    if isinstance(value, str):
        names = _SUBSTITUTION.findall(value)
        if not names or any(name not in values for name in names):
            return False, None, []
        text = _SUBSTITUTION.sub(lambda m: _as_text(values[m.group(1)].value), value)
        return True, text, [values[name].source for name in dict.fromkeys(names)]
    return False, None, []


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
