"""The text a CloudFormation ``Fn::Join`` writes, with each value the template gives at deploy
time written as the ``${...}`` that ``Fn::Sub`` writes for it.

The AWS CDK synthesises a state machine's ``DefinitionString`` as such a join: the definition's
JSON text in pieces, with a ``Ref`` (``AWS::Partition``, a bucket) or an ``Fn::GetAtt`` (a
role's ``Arn``) between them. :mod:`.templates` reads the definition from the joined text, and
:mod:`.locations` finds a problem's line and column in the piece that writes its member; both
take the text from here, so that they agree character for character.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def is_intrinsic(value: object) -> bool:
    """Whether ``value`` is an intrinsic function of CloudFormation: an object of one member,
    ``Ref``, ``Condition`` or ``Fn::...``."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key in ("Ref", "Condition") or key.startswith("Fn::"))


def substitution_name(value: Mapping[str, Any]) -> str:
    """What ``Fn::Sub`` writes between ``${`` and ``}`` for an intrinsic function: the name of a
    ``Ref``, ``Resource.Attribute`` for an ``Fn::GetAtt``, the function's name for another."""
    ((key, argument),) = value.items()
    if key == "Ref" and isinstance(argument, str):
        return argument
    if key == "Fn::GetAtt":
        parts = argument if isinstance(argument, list) else [argument]
        return ".".join(str(part) for part in parts)
    return str(key)


def join_arguments(value: object) -> tuple[str, list[Any]] | None:
    """The delimiter and the parts of ``{"Fn::Join": [delimiter, [part, ...]]}``, or None."""
    if not (isinstance(value, Mapping) and len(value) == 1 and "Fn::Join" in value):
        return None
    argument = value["Fn::Join"]
    if not (isinstance(argument, list) and len(argument) == 2):
        return None
    delimiter, parts = argument
    if not isinstance(delimiter, str) or not isinstance(parts, list):
        return None
    return delimiter, parts


def part_text(part: object) -> str | None:
    """A part of a join as the joined text writes it: a text as it is, an intrinsic function
    as ``${...}`` (a nested join joined); None for anything CloudFormation cannot join."""
    if isinstance(part, str):
        return part
    inner = joined(part)
    if inner is not None:
        return inner
    if is_intrinsic(part):
        assert isinstance(part, dict)
        return f"${{{substitution_name(part)}}}"
    return None


def joined(value: object) -> str | None:
    """The text an ``Fn::Join`` writes (see the module's docstring), or None if ``value`` is not
    a join of texts and functions."""
    arguments = join_arguments(value)
    if arguments is None:
        return None
    delimiter, parts = arguments
    texts = [part_text(part) for part in parts]
    if any(text is None for text in texts):
        return None
    return delimiter.join(text for text in texts if text is not None)
