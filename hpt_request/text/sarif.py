"""``--format sarif``: the results as a SARIF 2.1.0 log, the format GitHub code scanning reads.

- one run; its tool driver has hpt-request's name, version, the pinned botocore version in its
  properties, and one ``rules`` entry per cross-field rule id and per structural code (short
  description, help text, ``helpUri`` at the code's anchor in the rule catalogue, default level);
- one result per problem: ``ruleId`` and ``ruleIndex``, ``level`` (``error`` or ``warning``,
  after ``--strict`` and the rule settings), the message (with the wire path in front), a
  physical location (the file, and the start line and column of the member) and a logical
  location (the wire path);
- columns count Unicode code points (``columnKind``), as the text output's do;
- an unreadable file is a tool execution notification with the file as its location, and makes
  the invocation unsuccessful;
- a check skipped for a placeholder (a value a pipeline, state machine or template gives at run
  time) is a tool execution notification of level ``note``, descriptor ``skipped``, located at
  the member it is about: coverage is never silently partial.

The output is checked against the published SARIF 2.1.0 JSON Schema in the tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from hpt_request.text.codes import DOCS_URL, ONLINE, STRUCTURAL, TUNER, docs_url, version
from hpt_request.text.formats import FileReport, Located, LocatedSkip, skip_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_BRACKET = re.compile(r"\\(?=[\[\]])|[\[\]]")


@functools.cache
def rule_descriptors() -> tuple[dict[str, Any], ...]:
    """One reporting descriptor per code: the structural codes, the rules, the online codes."""
    from hpt_request.rules import RULES

    found: list[dict[str, Any]] = []
    for code, (severity, meaning) in STRUCTURAL.items():
        found.append(_descriptor(code, severity, meaning, meaning))
    for rule in RULES:
        help_text = f"{rule.description} Evidence: {rule.source}"
        if rule.rationale:
            help_text += f" Why this severity: {rule.rationale}"
        found.append(_descriptor(rule.id, rule.severity, rule.description, help_text))
    for code, (severity, meaning, evidence) in {**ONLINE, **TUNER}.items():
        found.append(_descriptor(code, severity, meaning, f"{meaning} Evidence: {evidence}"))
    return tuple(found)


def _descriptor(code: str, severity: str, short: str, help_text: str) -> dict[str, Any]:
    return {
        "id": code,
        "shortDescription": {"text": short},
        "help": {"text": help_text},
        "helpUri": docs_url(code),
        "defaultConfiguration": {"level": severity},
    }


def _uri(file: str) -> str:
    """A relative URI reference for a file name (spaces and the like percent-encoded; a name
    that is not UTF-8, which Python holds as lone surrogates, byte for byte)."""
    from urllib.parse import quote

    raw = file.replace("\\", "/").encode("utf-8", "surrogateescape")
    return quote(raw, safe="/:@!$&'()*+,;=-._~")


def _text(message: str) -> str:
    """A plain-text SARIF message: its square brackets escaped with a backslash, as SARIF 2.1.0
    section 3.11.6 asks of brackets that do not make an embedded link, so that no viewer turns a
    pattern or a key such as ``[text](target)`` into a link. A backslash before a bracket is
    escaped too, so that the escapes read back unambiguously. Its curly braces are doubled, as
    section 3.11.5 asks of braces that are not a placeholder (``{0}``, to be filled with the
    message's arguments): a pattern's ``{0,31}`` or a template's ``{{ ds }}`` is shown as
    written."""
    escaped = _BRACKET.sub(r"\\\g<0>", message)
    return escaped.replace("{", "{{").replace("}", "}}")


def _result(file: str, located: Located, index: dict[str, int]) -> dict[str, Any]:
    problem = located.problem
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
    if located.position:
        physical["region"] = {
            "startLine": located.position.line,
            "startColumn": located.position.column,
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if problem.path:
        location["logicalLocations"] = [{"fullyQualifiedName": problem.path, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": problem.code,
        "level": problem.effective_severity,
        "message": {"text": _text(f"{problem.path or '<request>'}: {problem.message}")},
        "locations": [location],
    }
    if problem.code in index:
        result["ruleIndex"] = index[problem.code]
    return result


def _skip_notification(file: str, located: LocatedSkip) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
    if located.position:
        physical["region"] = {
            "startLine": located.position.line,
            "startColumn": located.position.column,
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if located.skipped.path:
        location["logicalLocations"] = [
            {"fullyQualifiedName": located.skipped.path, "kind": "member"}
        ]
    return {
        "level": "note",
        "message": {"text": _text(skip_text(located.skipped))},
        "locations": [location],
        "descriptor": {"id": "skipped"},
        "properties": {"check": located.skipped.check, "placeholder": located.skipped.placeholder},
    }


def _unreadable_place(report: FileReport) -> dict[str, Any]:
    """An unreadable file, and the place in it that could not be read when that is known."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(report.file)}}
    if report.position:
        physical["region"] = {
            "startLine": report.position.line,
            "startColumn": report.position.column,
        }
    return physical


def sarif_log(reports: Sequence[FileReport]) -> dict[str, Any]:
    """The SARIF log of one ``validate`` run."""
    from hpt_request import model

    rules = rule_descriptors()
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = [
        _result(report.file, located, index)
        for report in reports
        if report.readable
        for located in report.problems
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": _text(report.message)},
            "locations": [{"physicalLocation": _unreadable_place(report)}],
            "descriptor": {"id": "unreadable"},
        }
        for report in reports
        if not report.readable
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    notifications.extend(
        _skip_notification(report.file, skip)
        for report in reports
        if report.readable
        for skip in report.skipped
    )
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hpt-request",
                        "version": version(),
                        "informationUri": DOCS_URL,
                        "rules": list(rules),
                        "properties": {
                            "botocoreVersion": model.BOTOCORE_VERSION,
                            "specSha256": model.SPEC_SHA256,
                        },
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": results,
            }
        ],
    }
